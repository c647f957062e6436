//! The catalysts pane of an entity: date with its precision, countdown, title.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListState, StatefulWidget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{cell, clean, fit, timing_mark};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{CatalystId, Timing};

/// Width of a date label column (`early JP FY2026`).
pub const DATE_WIDTH: usize = 15;
/// Width of a countdown column (`in 1227 days`, `325 days ago`).
pub const COUNTDOWN_WIDTH: usize = 13;

/// How catalysts are written as rows: `✓ early Jun 2026  164 days ago  Title`.
pub struct CatalystRow<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Columns available for the row.
    pub width: usize,
    /// Styles.
    pub theme: Theme,
}

impl CatalystRow<'_> {
    /// Below this width countdowns are written short (`164d ago`).
    const COMPACT_BELOW: usize = 56;

    /// The row for one catalyst, its title cut with `…` to fit.
    pub fn line(&self, c: CatalystId) -> Line<'static> {
        self.lines(c, false).swap_remove(0)
    }

    /// Lines a catalyst's row takes with its title wrapped under the title column.
    pub fn wrapped_height(&self, c: CatalystId) -> usize {
        self.lines(c, true).len()
    }

    /// The row of a catalyst in at most `most` lines: one line cut with `…`, or the title
    /// wrapped and, when it needs more lines than that, ending in `…`.
    pub fn lines_within(&self, c: CatalystId, most: usize) -> Vec<Line<'static>> {
        match most {
            0 | 1 => self.lines(c, false),
            _ => pane::cut_lines(self.lines(c, true), most, self.width),
        }
    }

    /// The row for one catalyst: one line with the title cut with `…`, or (`wrap`) the
    /// title wrapped onto more lines under its column, when the pane has the rows for it.
    pub fn lines(&self, c: CatalystId, wrap: bool) -> Vec<Line<'static>> {
        let cat = self.index.catalyst(c);
        let countdown = self.index.countdown(c, self.today);
        let timing = countdown.timing();
        let style = match timing {
            Timing::Past(_) => self.theme.past(),
            Timing::Now => self.theme.now(),
            Timing::Upcoming(_) => Style::new(),
        };
        // Rows take the short countdown (`in 32–396d`, `ends 121d`); the detail the long one.
        let countdown_width = if self.width < Self::COMPACT_BELOW {
            10
        } else {
            COUNTDOWN_WIDTH
        };
        let countdown = countdown.short();
        let fixed = 2 + DATE_WIDTH + 1 + countdown_width + 2;
        let mark = match cat.origin {
            crate::model::Origin::Curated => "",
            crate::model::Origin::Ingested(_) => super::text::INGESTED_MARK,
            crate::model::Origin::Library(_) => super::text::LIBRARY_MARK,
        };
        let title = format!("{mark}{}", clean(&cat.title));
        let room = self.width.saturating_sub(fixed);
        let mut parts = match wrap {
            true => super::text::wrap_column(&title, fixed, self.width),
            false => vec![(0, fit(&title, room))],
        };
        if parts.is_empty() {
            parts.push((0, String::new()));
        }
        let rest = parts.split_off(1);
        let first = Line::from(vec![
            Span::styled(format!("{} ", timing_mark(timing)), style),
            Span::styled(cell(&cat.date.label(), DATE_WIDTH), style),
            Span::raw(" "),
            Span::styled(cell(&countdown, countdown_width), style),
            Span::raw("  "),
            Span::raw(parts.swap_remove(0).1),
        ]);
        let rest = rest.into_iter();
        std::iter::once(first)
            .chain(rest.map(|(at, l)| Line::raw(format!("{}{l}", " ".repeat(at)))))
            .collect()
    }
}

/// Catalysts of an entity, its own and its programs', by date.
#[derive(Clone, Copy)]
pub struct EntityCatalysts<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalysts, by date.
    pub catalysts: &'a [CatalystId],
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// First line of the selected catalyst shown, when it is taller than the pane.
    pub skip: usize,
    /// Styles.
    pub theme: Theme,
}

impl EntityCatalysts<'_> {
    /// The row writer for a pane `width` columns wide.
    fn rows(&self, width: u16) -> CatalystRow<'_> {
        CatalystRow {
            index: self.index,
            today: self.today,
            width: (width as usize).saturating_sub(2 + MARKER),
            theme: self.theme,
        }
    }

    /// Rows the pane takes with every title whole at `width` columns, border included,
    /// counted up to `most` (what the column has: the catalysts below are not measured).
    pub fn height(&self, width: u16, most: u16) -> u16 {
        let rows = self.rows(width);
        let heights = self.catalysts.iter().map(|&c| rows.wrapped_height(c));
        let lines = pane::rows_up_to(heights, usize::from(most.saturating_sub(2)));
        lines.max(1) as u16 + 2
    }

    /// The lines each catalyst gets in `inner` (the rows inside the border of a pane
    /// `width` columns wide) with `selected` selected: whole titles where the rows allow;
    /// the others one line each, cut with `…`. The selected one is always whole
    /// (scrolling inside the pane when it is taller).
    fn plan(&self, width: u16, inner: Rect, selected: Option<usize>) -> pane::LinePlan {
        let rows = self.rows(width);
        pane::plan_lines(self.catalysts.len(), inner.height as usize, selected, |i| {
            rows.wrapped_height(self.catalysts[i])
        })
    }

    /// The catalyst kept in view when this pane is not browsed: the next one.
    fn hint(&self) -> usize {
        let next = self
            .catalysts
            .iter()
            .position(|&c| self.index.range(c).1 >= self.today);
        next.unwrap_or(self.catalysts.len().saturating_sub(1))
    }

    /// Where the pane drawn in `area` with `state` puts its catalysts, and how far the
    /// selected one overflows when focused (as `render` draws them).
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        if self.catalysts.is_empty() {
            return pane::empty_shape(area);
        }
        let inner = pane::inner(area);
        let plan = self.plan(area.width, inner, state.selected());
        let rows = pane::Rows {
            len: self.catalysts.len(),
            height: |i: usize| plan.lines(i),
            build: (),
            hint: self.hint(),
        };
        rows.shape(self.skip, inner, state, self.focused, &Some)
    }
}

impl StatefulWidget for EntityCatalysts<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let title = format!(
            "Catalysts ({}) ✓ past ● now ○ upcoming",
            self.catalysts.len()
        );
        let inner = pane::draw(title, self.focused, self.theme, area, buf);
        let rows = self.rows(area.width);
        if self.catalysts.is_empty() {
            state.select(None);
            let items = vec![pane::empty("no dated catalyst", self.theme)];
            pane::render_list(items, inner, buf, state, self.focused, self.theme);
            return;
        }
        // Not browsing this pane: keep the next catalyst in view.
        let plan = self.plan(area.width, inner, state.selected());
        let rows = pane::Rows {
            len: self.catalysts.len(),
            height: |i: usize| plan.lines(i),
            build: |i: usize| Text::from(rows.lines_within(self.catalysts[i], plan.lines(i))),
            hint: self.hint(),
        };
        rows.render_from(self.skip, inner, buf, state, self.focused, self.theme);
    }
}
