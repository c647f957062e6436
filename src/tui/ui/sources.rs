//! The sources pane: the article files a record cites.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListState, StatefulWidget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{clean, fit};
use super::theme::Theme;
use crate::index::Index;
use crate::model::SourceId;

/// Cited articles: file name, then headline, publisher and date.
#[derive(Clone, Copy)]
pub struct SourcesPane<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The sources.
    pub sources: &'a [SourceId],
    /// Whether the pane has the focus.
    pub focused: bool,
    /// First line of the selected source shown, when it is taller than the pane.
    pub skip: usize,
    /// Styles.
    pub theme: Theme,
}

impl SourcesPane<'_> {
    /// The row of source `s` in a list `width` columns wide: its file, then what it is,
    /// cut with `…` or (`wrap`) wrapped onto more lines under itself.
    fn lines(&self, s: SourceId, width: usize, wrap: bool) -> Vec<Line<'static>> {
        let src = self.index.source(s);
        let file = fit(&clean(&src.file), width);
        let used = unicode_width::UnicodeWidthStr::width(file.as_str()) + 2;
        let about = format!(
            "{} ({}, {})",
            clean(&src.title),
            clean(&src.publisher),
            src.date.label()
        );
        let room = width.saturating_sub(used);
        let mut parts = match wrap {
            true => super::text::wrap_column(&about, used, width),
            false => vec![(0, fit(&about, room))],
        };
        if parts.is_empty() {
            parts.push((0, String::new()));
        }
        let rest = parts.split_off(1);
        let first = Line::from(vec![
            Span::styled(file, self.theme.muted()),
            Span::raw("  "),
            Span::raw(parts.swap_remove(0).1),
        ]);
        let rest = rest.into_iter();
        let mut lines: Vec<Line<'static>> = std::iter::once(first)
            .chain(rest.map(|(at, l)| Line::raw(format!("{}{l}", " ".repeat(at)))))
            .collect();
        // Where to read it, under the rest when there is room (`i` shows it whole, `o`
        // opens it).
        if wrap && let Some(url) = &src.url {
            let url = fit(&clean(url), width.saturating_sub(2));
            lines.push(Line::styled(format!("  {url}"), self.theme.muted()));
        }
        lines
    }

    /// Rows the pane takes with every source whole at `width` columns, border included,
    /// counted up to `most` (what the column has: the sources below are not measured).
    pub fn height(&self, width: u16, most: u16) -> u16 {
        let inner = (width as usize).saturating_sub(2 + MARKER);
        let heights = self
            .sources
            .iter()
            .map(|&s| self.lines(s, inner, true).len());
        let lines = pane::rows_up_to(heights, usize::from(most.saturating_sub(2)));
        lines.max(1) as u16 + 2
    }
}

impl SourcesPane<'_> {
    /// Lines source `i` gets in `inner` (the pane's rows inside its border) with `selected`
    /// selected: whole where the rows allow; the others one line each, cut with `…`. The
    /// selected one is always whole (scrolling inside the pane when it is taller).
    fn plan(&self, inner: Rect, selected: Option<usize>) -> pane::LinePlan {
        let width = (inner.width as usize).saturating_sub(MARKER);
        pane::plan_lines(self.sources.len(), inner.height as usize, selected, |i| {
            self.lines(self.sources[i], width, true).len()
        })
    }

    /// Where the pane drawn in `area` with `state` puts its sources, and how far the
    /// selected one overflows when focused (as `render` draws them).
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        if self.sources.is_empty() {
            return pane::empty_shape(area);
        }
        let inner = pane::inner(area);
        let plan = self.plan(inner, state.selected());
        let rows = pane::Rows {
            len: self.sources.len(),
            height: |i: usize| plan.lines(i),
            build: (),
            hint: 0,
        };
        rows.shape(self.skip, inner, state, self.focused, &Some)
    }
}

impl StatefulWidget for SourcesPane<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let title = format!("Sources ({})", self.sources.len());
        let inner = pane::draw(title, self.focused, self.theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let plan = self.plan(inner, state.selected());
        if self.sources.is_empty() {
            state.select(None);
            let items = vec![pane::empty("no source cited", self.theme)];
            pane::render_list(items, inner, buf, state, self.focused, self.theme);
            return;
        }
        let rows = pane::Rows {
            len: self.sources.len(),
            height: |i: usize| plan.lines(i),
            build: |i: usize| {
                let s = self.sources[i];
                Text::from(match plan.lines(i) {
                    1 => self.lines(s, width, false),
                    most => pane::cut_lines(self.lines(s, width, true), most, width),
                })
            },
            hint: 0,
        };
        rows.render_from(self.skip, inner, buf, state, self.focused, self.theme);
    }
}
