//! The Calendar tab's timeline: month headings, the today marker, past and upcoming catalysts.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Text};
use ratatui::widgets::{ListState, StatefulWidget};
use unicode_width::UnicodeWidthStr;

use super::entity_catalysts::CatalystRow;
use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::day_label;
use super::theme::Theme;
use crate::index::Index;
use crate::model::CatalystId;
use crate::tui::calendar::{TimelineRow, heading_by};

/// Catalysts grouped by the month they start in, with a line where today falls.
pub struct Timeline<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalysts shown, by date.
    pub list: &'a [CatalystId],
    /// Rows built from `list` (see [`crate::tui::calendar::timeline`]).
    pub rows: &'a [TimelineRow],
    /// The order `list` is in, which its headings name.
    pub sort: crate::book::sort::CatalystSort,
    /// Today.
    pub today: NaiveDate,
    /// Pane title (says what the filter is).
    pub title: String,
    /// What the pane says when `list` is empty (the filter hides all, or there are none).
    pub empty: String,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

fn rule(text: String, width: usize, fill: char) -> String {
    let used = text.width();
    format!(
        "{text}{}",
        fill.to_string().repeat(width.saturating_sub(used))
    )
}

impl Timeline<'_> {
    /// The row showing catalyst `selected` (a position in `list`).
    fn row_of(&self, selected: Option<usize>) -> Option<usize> {
        selected.and_then(|sel| {
            self.rows
                .iter()
                .position(|row| matches!(*row, TimelineRow::Catalyst(i) if i == sel))
        })
    }

    /// The catalyst (position in `list`) row `at` shows; headings and the marker none.
    fn catalyst(&self, at: usize) -> Option<usize> {
        match self.rows[at] {
            TimelineRow::Catalyst(i) => Some(i),
            TimelineRow::Heading(_) | TimelineRow::Today => None,
        }
    }

    /// Where the timeline drawn in `area` with `state` (selecting a catalyst) puts each
    /// catalyst's row.
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        if self.list.is_empty() {
            return pane::empty_shape(area);
        }
        let rows = pane::Rows {
            len: self.rows.len(),
            height: |_| 1,
            build: (),
            hint: 0,
        };
        let state = ListState::default().with_selected(self.row_of(state.selected()));
        let catalyst = |at: usize| self.catalyst(at);
        rows.shape(0, pane::inner(area), &state, self.focused, &catalyst)
    }
}

impl StatefulWidget for Timeline<'_> {
    type State = ListState;

    /// `state` selects a catalyst (position in `list`); it is mapped to its row.
    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let theme = self.theme;
        let inner = pane::draw(self.title.clone(), self.focused, theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let rows = CatalystRow {
            index: self.index,
            today: self.today,
            width,
            theme,
        };
        if self.list.is_empty() {
            state.select(None);
            let items = vec![pane::empty(&self.empty, theme)];
            pane::render_list(items, inner, buf, state, self.focused, theme);
            return;
        }
        let selected_row = self.row_of(state.selected());
        let build = |at: usize| {
            Text::from(match self.rows[at] {
                TimelineRow::Heading(i) => Line::styled(
                    rule(
                        format!(
                            "{} ",
                            heading_by(self.index, self.list[i], self.sort).unwrap_or_default()
                        ),
                        width,
                        '─',
                    ),
                    theme.accent(),
                ),
                TimelineRow::Today => Line::styled(
                    rule(format!("━━ today {} ", day_label(self.today)), width, '━'),
                    theme.today(),
                ),
                TimelineRow::Catalyst(i) => rows.line(self.list[i]),
            })
        };
        state.select(selected_row);
        let rows = pane::Rows {
            len: self.rows.len(),
            height: |_| 1,
            build,
            hint: 0,
        };
        rows.render(inner, buf, state, self.focused, theme);
    }
}
