//! Lists of entities tied to a program (grouped by role) or to a catalyst.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, StatefulWidget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{cell, clean, fit};
use super::theme::{Theme, direction_label};
use crate::index::Index;
use crate::model::{EntityId, Exposure};

fn entity_spans(index: &Index, e: EntityId, width: usize, theme: Theme) -> Vec<Span<'static>> {
    let entity = index.entity(e);
    vec![
        Span::styled(cell(&clean(entity.display_symbol()), 9), theme.title()),
        Span::raw(" "),
        Span::raw(cell(&clean(&entity.name), width.saturating_sub(10))),
    ]
}

/// A program's entities under a heading per role, each with its direction.
pub struct LinkedByRole<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// Exposures to the program, ordered by role.
    pub exposures: &'a [&'a Exposure],
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

impl LinkedByRole<'_> {
    /// The exposure each line of the list shows (`None`: a role's heading), and the line
    /// of exposure `selected`.
    fn lines(&self, selected: Option<usize>) -> (Vec<Option<usize>>, Option<usize>) {
        let mut shows = Vec::new();
        let mut selected_row = None;
        let mut role = None;
        for (i, x) in self.exposures.iter().enumerate() {
            if role != Some(x.role) {
                role = Some(x.role);
                shows.push(None);
            }
            if selected == Some(i) {
                selected_row = Some(shows.len());
            }
            shows.push(Some(i));
        }
        (shows, selected_row)
    }

    /// Where the pane drawn in `area` with `state` (selecting an exposure) puts each
    /// entity's row.
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        let (shows, selected) = self.lines(state.selected());
        let state = ListState::default().with_selected(selected);
        let row = |i: usize| shows.get(i).copied().flatten();
        let heights = vec![1; shows.len().max(1)];
        pane::list_shape(&heights, pane::inner(area), &state, &row)
    }
}

impl StatefulWidget for LinkedByRole<'_> {
    type State = ListState;

    /// `state` selects among exposures; headings are skipped.
    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let theme = self.theme;
        let title = format!("Linked entities by role ({})", self.exposures.len());
        let inner = pane::draw(title, self.focused, theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let mut items: Vec<ListItem<'static>> = Vec::new();
        // Which line is the selected exposure's (headings come between).
        let (_, selected_row) = self.lines(state.selected());
        let mut role = None;
        for x in self.exposures.iter() {
            if role != Some(x.role) {
                role = Some(x.role);
                items.push(ListItem::new(Line::styled(x.role.as_str(), theme.accent())));
            }
            let dir = direction_label(x.direction);
            let mut spans = entity_spans(self.index, x.entity, width.saturating_sub(12), theme);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(fit(dir, 11), theme.direction(x.direction)));
            items.push(ListItem::new(Line::from(spans)));
        }
        if items.is_empty() {
            items.push(pane::empty("no linked entity", theme));
        }
        state.select(selected_row);
        pane::render_list(items, inner, buf, state, self.focused, theme);
    }
}

/// Entities a catalyst concerns; the ones it names are marked `named`.
pub struct LinkedEntities<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The entities, named ones first.
    pub entities: &'a [EntityId],
    /// How many of `entities` the catalyst names directly.
    pub named: usize,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the keys this pane names.
    pub keys: &'a crate::tui::keymap::Keymap,
}

impl LinkedEntities<'_> {
    /// Where the pane drawn in `area` with `state` puts each entity's row.
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        if self.entities.is_empty() {
            return pane::empty_shape(area);
        }
        let heights = vec![1; self.entities.len()];
        pane::list_shape(&heights, pane::inner(area), state, &Some)
    }
}

impl StatefulWidget for LinkedEntities<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let theme = self.theme;
        let open = self.keys.key_for(crate::tui::action::Action::Open);
        let title = format!("Linked ({}) {open} jumps", self.entities.len());
        let inner = pane::draw(title, self.focused, theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let mut items: Vec<ListItem<'static>> = self
            .entities
            .iter()
            .enumerate()
            .map(|(i, &e)| {
                let how = if i < self.named { "named" } else { "program" };
                let mut spans = entity_spans(self.index, e, width.saturating_sub(8), theme);
                spans.push(Span::styled(format!(" {how}"), theme.muted()));
                ListItem::new(Line::from(spans))
            })
            .collect();
        if items.is_empty() {
            items.push(pane::empty("no linked entity", theme));
            state.select(None);
        }
        pane::render_list(items, inner, buf, state, self.focused, theme);
    }
}
