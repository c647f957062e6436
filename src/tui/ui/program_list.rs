//! The list of programs on the Programs tab.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{ListState, StatefulWidget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{clean, fit};
use super::theme::Theme;
use crate::index::Index;
use crate::model::ProgramId;

/// Every program: name, then status, country and how many entities it touches.
pub struct ProgramList<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The programs listed, in order.
    pub ids: &'a [ProgramId],
    /// How they are ordered and filtered (named in the title unless it is the default).
    pub order: crate::tui::programs::ProgramOrder,
    /// The day a program's stage is read on.
    pub today: chrono::NaiveDate,
    /// Whether the list has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

impl ProgramList<'_> {
    /// Where the list drawn in `area` with `state` puts its programs, two lines each.
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        if self.ids.is_empty() {
            return pane::empty_shape(area);
        }
        let rows = pane::Rows {
            len: self.ids.len(),
            height: |_| 2,
            build: (),
            hint: 0,
        };
        rows.shape(0, pane::inner(area), state, self.focused, &Some)
    }
}

impl StatefulWidget for ProgramList<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let all = self.index.data().programs.len();
        let ids = self.ids;
        // Only an order other than the default is named.
        let by = match self.order.sort {
            sort if sort == crate::book::sort::ProgramSort::default() => String::new(),
            sort => format!(" by {}", sort.as_str()),
        };
        let shown = self.order.filter.shown(ids.len(), all);
        let title = format!("Programs{by} ({shown})");
        let inner = pane::draw(title, self.focused, self.theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        if ids.is_empty() {
            state.select(None);
            let empty = if all == 0 {
                "no program in the dataset"
            } else {
                "none in this filter"
            };
            let items = vec![pane::empty(empty, self.theme)];
            pane::render_list(items, inner, buf, state, self.focused, self.theme);
            return;
        }
        let build = |i: usize| {
            let id = ids[i];
            let p = self.index.program(id);
            let linked = self.index.exposures_to(id).count();
            let status = self.index.program_status(id, self.today);
            let facts = format!("  {status} · {} · {linked} linked", clean(&p.country));
            Text::from(vec![
                Line::styled(fit(&clean(&p.name), width), self.theme.title()),
                Line::styled(fit(&facts, width), self.theme.muted()),
            ])
        };
        let rows = pane::Rows {
            len: ids.len(),
            height: |_| 2,
            build,
            hint: 0,
        };
        rows.render(inner, buf, state, self.focused, self.theme);
    }
}
