//! Where Explore puts its search box, its results and the detail column of the selection
//! at a size, and the panes it draws there: the placing code both its view and its layout
//! (what a click or a step acts on) read.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::{Explore, ExplorePane};
use crate::model::{EntityId, SourceId};
use crate::search::Target;
use crate::tui::list_detail::Pane;
use crate::tui::tabs::Context;
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::{
    cursor, entity_catalysts, entity_header, exposures, preview, results, sources,
};

/// Where Explore puts its parts in `area`: the search box, the results below it, and the
/// detail column beside them. The search box heads the results it filters; the detail
/// panes take the whole height beside them. Below 100 columns the results are a narrow
/// column of symbols and names, so the details get the room.
pub(super) fn columns(area: Rect) -> [Rect; 3] {
    let left_width = if area.width >= 100 {
        (area.width * 45 / 100).clamp(40, 56)
    } else {
        (area.width * 3 / 10).max(22)
    };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);
    let [search, list_area] =
        Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(left);
    [search, list_area, right]
}

/// The panes of an entity's detail column, in drawing order: the header, then the other
/// panes in `Tab` order.
pub(super) const ENTITY_PANES: [ExplorePane; 4] = [
    ExplorePane::Company,
    ExplorePane::Exposures,
    ExplorePane::Catalysts,
    ExplorePane::Sources,
];

/// The place of `pane` in `ExplorePane::ORDER` (what a click names).
pub(super) fn slot_of(pane: ExplorePane) -> usize {
    let slot = ExplorePane::ORDER.iter().position(|&o| o == pane);
    slot.unwrap_or(0)
}

/// The panes of an entity's detail column.
pub(super) struct Column<'a> {
    pub(super) header: entity_header::EntityHeader<'a>,
    pub(super) exposures: exposures::ExposuresPane<'a>,
    pub(super) catalysts: entity_catalysts::EntityCatalysts<'a>,
    pub(super) sources: sources::SourcesPane<'a>,
}

impl Explore {
    /// Whether `pane` has the focus (none has while the search box has the cursor).
    pub(super) fn focused(&self, cx: &Context, pane: ExplorePane) -> bool {
        self.focus() == pane && !cx.searching
    }

    /// The cursor of `pane`: its selected row, marked when it has the focus.
    pub(super) fn pane_cursor(
        &self,
        cx: &Context,
        pane: ExplorePane,
    ) -> ratatui::widgets::ListState {
        cursor(self.cursor.row(pane), self.focused(cx, pane))
    }

    /// The results list as the state shows it.
    pub(super) fn results_list<'a>(&'a self, cx: &Context<'a>) -> results::ResultsList<'a> {
        let searched = !self.query.trim().is_empty();
        results::ResultsList {
            rows: &self.results,
            searched,
            searching: self.searching,
            arranged: self.order.words(searched),
            index: cx.index,
            today: cx.today,
            focused: self.focused(cx, ExplorePane::Results),
            theme: cx.theme,
            keys: cx.keys,
        }
    }

    /// The text pane of a selected program or catalyst.
    pub(super) fn preview<'a>(&self, cx: &Context<'a>, target: Target) -> preview::Preview<'a> {
        preview::Preview {
            keys: cx.keys,
            index: cx.index,
            target,
            today: cx.today,
            theme: cx.theme,
            scroll: self
                .focused(cx, ExplorePane::Company)
                .then(|| self.cursor.skip(ExplorePane::Company)),
        }
    }

    /// The detail panes of `entity` (citing `sources`) as the state shows them.
    pub(super) fn column<'a>(
        &self,
        cx: &Context<'a>,
        entity: EntityId,
        sources: &'a [SourceId],
    ) -> Column<'a> {
        let (ix, today, theme) = (cx.index, cx.today, cx.theme);
        let focused = |pane| self.focused(cx, pane);
        let e = ix.entity(entity);
        Column {
            header: entity_header::EntityHeader {
                entity: e,
                parent: e.parent.map(|p| ix.entity(p)),
                scroll: focused(ExplorePane::Company)
                    .then(|| self.cursor.skip(ExplorePane::Company)),
                theme,
            },
            exposures: exposures::ExposuresPane {
                index: ix,
                entity,
                focused: focused(ExplorePane::Exposures),
                skip: self.cursor.skip(ExplorePane::Exposures),
                theme,
            },
            catalysts: entity_catalysts::EntityCatalysts {
                index: ix,
                catalysts: ix.catalysts_of(entity),
                today,
                focused: focused(ExplorePane::Catalysts),
                skip: self.cursor.skip(ExplorePane::Catalysts),
                theme,
            },
            sources: sources::SourcesPane {
                index: ix,
                sources,
                focused: focused(ExplorePane::Sources),
                skip: self.cursor.skip(ExplorePane::Sources),
                theme,
            },
        }
    }

    /// Where each of [`ENTITY_PANES`] goes in the detail column `area` (`None`: no room):
    /// each as tall as its content when the column has room; the focused pane is kept
    /// first.
    pub(super) fn split(&self, cx: &Context, area: Rect, column: &Column) -> Vec<Option<Rect>> {
        let focused = |pane| self.focused(cx, pane);
        let asks: Vec<Ask> = ENTITY_PANES
            .iter()
            .map(|&pane| {
                let ask = match pane {
                    ExplorePane::Company => Ask::new(
                        entity_header::EntityHeader::MIN_HEIGHT,
                        column.header.height(area.width),
                    ),
                    // A pane never gets more than the column: what it wants is counted no
                    // further (an entity may have thousands of catalysts).
                    ExplorePane::Exposures => Ask::new(
                        stack::WHOLE,
                        column.exposures.height(area.width, area.height),
                    ),
                    ExplorePane::Catalysts => Ask::new(
                        stack::WHOLE,
                        column.catalysts.height(area.width, area.height),
                    ),
                    _ => Ask::new(stack::WHOLE, column.sources.height(area.width, area.height)),
                };
                // The focused pane shows its selected row whole (an exposure with its funding
                // and note can be taller than the few rows a pane starts with), while the
                // header keeps the least it needs.
                let cap = area
                    .height
                    .saturating_sub(entity_header::EntityHeader::MIN_HEIGHT);
                match pane {
                    ExplorePane::Exposures if focused(ExplorePane::Exposures) => {
                        let row = self.cursor.row(ExplorePane::Exposures);
                        ask.focused_on(column.exposures.item_rows(row, area.width), cap)
                    }
                    // The header, browsed, is shown whole if it can leave one pane beside it.
                    ExplorePane::Company if focused(pane) => {
                        ask.focused_on(ask.want, area.height.saturating_sub(stack::WHOLE))
                    }
                    p if focused(p) => ask.focused_on(0, cap),
                    _ => ask,
                }
            })
            .collect();
        // The focused pane first, then top to bottom.
        let at = ENTITY_PANES.iter().position(|&p| focused(p));
        let priority: Vec<usize> = at.into_iter().chain(0..ENTITY_PANES.len()).collect();
        stack::split(area, &asks, &priority)
    }

    /// The detail column of an entity: header, exposures, catalysts and sources where
    /// [`split`](Self::split) puts them; panes that cannot be drawn whole are named on the
    /// last border.
    pub(super) fn render_entity(
        &self,
        cx: &Context,
        frame: &mut Frame,
        area: Rect,
        entity: EntityId,
    ) {
        let ix = cx.index;
        let sources = ix.sources_of(entity);
        let column = self.column(cx, entity, &sources);
        let areas = self.split(cx, area, &column);
        let mut left_out = Vec::new();
        for (&pane, at) in ENTITY_PANES.iter().zip(&areas) {
            let Some(at) = *at else {
                let name = match pane {
                    ExplorePane::Exposures => {
                        format!("Exposures ({})", ix.program_count(entity))
                    }
                    ExplorePane::Catalysts => {
                        format!("Catalysts ({})", column.catalysts.catalysts.len())
                    }
                    ExplorePane::Company => "Company".to_string(),
                    _ => format!("Sources ({})", sources.len()),
                };
                left_out.push(name);
                continue;
            };
            let mut state = self.pane_cursor(cx, pane);
            match pane {
                ExplorePane::Company => frame.render_widget(column.header, at),
                ExplorePane::Exposures => {
                    frame.render_stateful_widget(column.exposures, at, &mut state)
                }
                ExplorePane::Catalysts => {
                    frame.render_stateful_widget(column.catalysts, at, &mut state)
                }
                _ => frame.render_stateful_widget(column.sources, at, &mut state),
            }
        }
        let next = cx.keys.key_for(crate::tui::action::Action::NextPane);
        stack::note_left_out(&areas, &left_out, &next, frame.buffer_mut(), cx.theme);
    }
}
