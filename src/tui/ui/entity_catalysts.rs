//! The catalysts pane of an entity: date with its precision, countdown, title.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, StatefulWidget, Widget};

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

    /// The row for one catalyst.
    pub fn line(&self, c: CatalystId) -> Line<'static> {
        let cat = self.index.catalyst(c);
        let countdown = cat.date.countdown(self.today);
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
        Line::from(vec![
            Span::styled(format!("{} ", timing_mark(timing)), style),
            Span::styled(cell(&cat.date.label(), DATE_WIDTH), style),
            Span::raw(" "),
            Span::styled(cell(&countdown, countdown_width), style),
            Span::raw("  "),
            Span::raw(fit(&title, self.width.saturating_sub(fixed))),
        ])
    }
}

/// Catalysts of an entity, its own and its programs', by date.
pub struct EntityCatalysts<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalysts, by date.
    pub catalysts: &'a [CatalystId],
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

impl StatefulWidget for EntityCatalysts<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let title = format!(
            "Catalysts ({}) ✓ past ● now ○ upcoming",
            self.catalysts.len()
        );
        let block = pane::block(title, self.focused, self.theme, area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        let rows = CatalystRow {
            index: self.index,
            today: self.today,
            width: (inner.width as usize).saturating_sub(MARKER),
            theme: self.theme,
        };
        if self.catalysts.is_empty() {
            state.select(None);
            let items = vec![pane::empty("no dated catalyst", self.theme)];
            pane::render_list(items, inner, buf, state, self.focused, self.theme);
            return;
        }
        // Not browsing this pane: keep the next catalyst in view.
        let next = self
            .catalysts
            .iter()
            .position(|&c| !self.index.catalyst(c).date.timing(self.today).is_past());
        let rows = pane::Rows {
            len: self.catalysts.len(),
            height: |_| 1,
            build: |i: usize| ListItem::new(rows.line(self.catalysts[i])),
            hint: next.unwrap_or(self.catalysts.len() - 1),
        };
        rows.render(inner, buf, state, self.focused, self.theme);
    }
}
