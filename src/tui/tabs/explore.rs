//! The Explore tab: the query, its results, the cursors of the detail panes, what Enter
//! and Esc do there, and its layout (search box, results, then the selection's panes).

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::index::Index;
use crate::model::{CatalystId, EntityId, ProgramId, SourceId};
use crate::search::{Field, Searcher, Session, Target};
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::{
    cursor, entity_catalysts, entity_header, exposures, preview, results, sources,
};

use super::{Context, Outcome, Record, TabView};
use crate::tui::ui::hits::HitMap;

/// Most results a query shows.
pub const RESULT_LIMIT: usize = 100;

/// One row of the results list: what it points at and the text that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    /// The record.
    pub target: Target,
    /// Which field matched (symbol, name or alias).
    pub field: Field,
    /// The text that matched (an alias when the alias matched).
    pub text: String,
    /// Character positions of `text` that matched, for highlighting.
    pub positions: Vec<usize>,
}

/// The panes of the Explore tab that can take the focus, in `Tab` order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExplorePane {
    /// The results list.
    Results,
    /// Programs the selected entity is exposed to.
    Exposures,
    /// The selected entity's catalysts.
    Catalysts,
    /// Articles cited for the selected entity.
    Sources,
    /// Who the selected entity is: name, facts and summary (it scrolls).
    Company,
}

impl Pane for ExplorePane {
    // The header last, so `Tab` from the results still goes to the exposures first.
    const ORDER: &'static [ExplorePane] = &[
        ExplorePane::Results,
        ExplorePane::Exposures,
        ExplorePane::Catalysts,
        ExplorePane::Sources,
        ExplorePane::Company,
    ];
}

/// How entity lists are ordered and filtered (set with `s` and `F`, remembered between runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Order {
    /// Sort key of lists that are not search results (those keep their ranking).
    pub sort: crate::book::sort::SortKey,
    /// Which entities lists keep (programs and catalysts found by a search always stay).
    pub filter: crate::book::sort::ListFilter,
    /// The day the filter counts from.
    pub today: Option<chrono::NaiveDate>,
}

impl Order {
    /// The default order and filter, counted from `today`.
    pub fn counted_from(today: chrono::NaiveDate) -> Order {
        Order {
            today: Some(today),
            ..Order::default()
        }
    }

    /// What the title says of the order when it is not the default: `sort next · upcoming`
    /// (search results keep their ranking, so only the filter is named there).
    pub fn words(&self, searched: bool) -> String {
        use crate::book::sort::{ListFilter, SortKey};
        let mut words = Vec::new();
        if self.sort != SortKey::default() && !searched {
            words.push(format!("sort {}", self.sort.as_str()));
        }
        if self.filter != ListFilter::All {
            words.push(self.filter.label());
        }
        words.join(" · ")
    }

    /// `rows` filtered, and sorted unless they are a search's ranking.
    pub fn arrange(&self, index: &Index, mut rows: Vec<ResultRow>, ranked: bool) -> Vec<ResultRow> {
        let Some(today) = self.today else { return rows };
        rows.retain(|r| match r.target {
            Target::Entity(e) => self.filter.keeps(index, e, today),
            _ => true,
        });
        if !ranked {
            let mut ids: Vec<EntityId> = rows
                .iter()
                .filter_map(|r| match r.target {
                    Target::Entity(e) => Some(e),
                    _ => None,
                })
                .collect();
            crate::book::sort::sort(index, &mut ids, self.sort, today);
            // Each entity's row (the last one, when listed twice) found by the entity's
            // position: a map of 100k rows would cost more than the rows themselves.
            let mut row_of = vec![u32::MAX; ids.iter().map(|e| e.ix() + 1).max().unwrap_or(0)];
            for (i, r) in rows.iter().enumerate() {
                if let Target::Entity(e) = r.target {
                    row_of[e.ix()] = i as u32;
                }
            }
            let mut rows: Vec<Option<ResultRow>> = rows.into_iter().map(Some).collect();
            return ids
                .iter()
                .filter_map(|e| {
                    let i = std::mem::replace(&mut row_of[e.ix()], u32::MAX);
                    rows.get_mut(i as usize)?.take()
                })
                .collect();
        }
        rows
    }
}

/// Query, results, selection and the detail panes' cursors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explore {
    /// Order and filter of the entity lists.
    pub order: Order,
    /// What is typed in the search box.
    pub query: String,
    /// Results of the query; every entity while the query is empty.
    pub results: Arc<[ResultRow]>,
    /// The selected result, the focus and the detail panes' cursors.
    pub cursor: ListDetail<ExplorePane>,
    /// Every entity arranged in the order last asked for.
    everyone: Everyone,
}

/// The list of every entity, arranged for one [`Order`] and kept: sorting 100k entities takes
/// hundreds of milliseconds, and clearing the query must not cost that on every clear. It is
/// derived from the index and the order alone (an `Explore` lives on one index: the tabs are
/// rebuilt when the index is replaced), so it is no part of the state it sits in.
#[derive(Clone, Default)]
struct Everyone(Option<(Order, Arc<[ResultRow]>)>);

impl Everyone {
    /// The arranged list for `order`, built only when the order changed since the last one.
    fn rows(&mut self, index: &Index, order: Order) -> Arc<[ResultRow]> {
        match &self.0 {
            Some((kept, rows)) if *kept == order => Arc::clone(rows),
            _ => {
                let rows: Arc<[ResultRow]> =
                    order.arrange(index, every_entity(index), false).into();
                self.0 = Some((order, Arc::clone(&rows)));
                rows
            }
        }
    }
}

// A cache: two states are the same whatever either has kept.
impl PartialEq for Everyone {
    fn eq(&self, _: &Everyone) -> bool {
        true
    }
}

impl Eq for Everyone {}

impl std::fmt::Debug for Everyone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            Some((order, rows)) => write!(f, "Everyone({order:?}: {} rows)", rows.len()),
            None => f.write_str("Everyone(none)"),
        }
    }
}

/// Every entity of the dataset, in its order: the rows of an empty query (the securities
/// master's companies beside it are found by searching).
pub fn every_entity(index: &Index) -> Vec<ResultRow> {
    (0..index.curated())
        .map(|i| {
            let id = EntityId(i as u32);
            ResultRow {
                target: Target::Entity(id),
                field: Field::Name,
                text: index.entity(id).name.clone(),
                positions: Vec::new(),
            }
        })
        .collect()
}

/// The rows for `query`: every entity (dataset order) when empty, else the search hits.
pub fn results_for(index: &Index, searcher: &Searcher, query: &str) -> Vec<ResultRow> {
    results_in(index, searcher, &mut Session::default(), query)
}

/// [`results_for`] narrowing `session`'s previous matches while the query only grows.
pub fn results_in(
    index: &Index,
    searcher: &Searcher,
    session: &mut Session,
    query: &str,
) -> Vec<ResultRow> {
    if query.trim().is_empty() {
        return every_entity(index);
    }
    searcher
        .search_in(session, query, RESULT_LIMIT)
        .into_iter()
        .map(|hit| ResultRow {
            target: hit.target,
            field: hit.field,
            text: hit.text.to_string(),
            positions: hit.positions,
        })
        .collect()
}

impl Explore {
    /// Empty query: every entity, the first selected.
    pub fn new(index: &Index) -> Explore {
        Explore::ordered(index, Order::default())
    }

    /// [`new`](Self::new) in `order` (arranging the 100k entities of a large dataset once,
    /// not first in the dataset's order and then again).
    pub fn ordered(index: &Index, order: Order) -> Explore {
        let mut explore = Explore {
            order,
            query: String::new(),
            results: Arc::new([]),
            cursor: ListDetail::default(),
            everyone: Everyone::default(),
        };
        explore.show_everyone(index);
        explore
    }

    /// The selected result's position.
    pub fn selected(&self) -> usize {
        self.cursor.selected()
    }

    /// The pane with the focus.
    pub fn focus(&self) -> ExplorePane {
        self.cursor.focus()
    }

    /// Re-runs the query in place and selects the best result.
    pub fn refresh(&mut self, index: &Index, searcher: &Searcher) {
        if self.query.trim().is_empty() {
            return self.show_everyone(index);
        }
        self.set_results(index, results_for(index, searcher, &self.query));
    }

    /// Shows fresh results for the query, ordered and filtered, the best one selected.
    /// While the query is empty they are every entity (what [`results_in`] gives then),
    /// so the list arranged before is shown instead of arranging `rows` again.
    pub fn set_results(&mut self, index: &Index, rows: Vec<ResultRow>) {
        if self.query.trim().is_empty() {
            self.show_everyone(index);
            return;
        }
        self.results = self.order.arrange(index, rows, true).into();
        self.cursor = ListDetail::default();
    }

    /// Shows every entity in the current order and filter, the first selected; the list is
    /// arranged once per order and reused after.
    pub fn show_everyone(&mut self, index: &Index) {
        self.results = self.everyone.rows(index, self.order);
        self.cursor = ListDetail::default();
    }

    /// Re-orders the results for a new order, keeping the selected record selected; the
    /// searcher is asked for only when there is a query to search again.
    pub fn set_order<'s>(
        &mut self,
        index: &Index,
        searcher: impl FnOnce() -> &'s Searcher,
        order: Order,
    ) {
        let selected = self.target();
        self.order = order;
        if self.query.trim().is_empty() {
            self.show_everyone(index);
        } else {
            self.refresh(index, searcher());
        }
        if let Some(at) = selected.and_then(|t| self.results.iter().position(|r| r.target == t)) {
            self.cursor.select(at, self.results.len());
        }
    }

    /// The selected record.
    pub fn target(&self) -> Option<Target> {
        self.results.get(self.selected()).map(|r| r.target)
    }

    /// The selected entity, when the selection is one.
    pub fn entity(&self) -> Option<EntityId> {
        match self.target()? {
            Target::Entity(e) => Some(e),
            _ => None,
        }
    }

    /// Selects `entity`, in the current results if it is there, else among all entities.
    pub fn select_entity(&mut self, index: &Index, entity: EntityId) {
        let wanted = Target::Entity(entity);
        if !self.results.iter().any(|r| r.target == wanted) {
            self.query.clear();
            // A jump shows the entity even when the filter would hide it.
            let order = Order {
                filter: crate::book::sort::ListFilter::All,
                ..self.order
            };
            let mut rows = every_entity(index);
            if index.from_master(entity) {
                // A securities-master company is not in the dataset's list: it joins it.
                rows.push(ResultRow {
                    target: wanted,
                    field: Field::Name,
                    text: index.entity(entity).name.clone(),
                    positions: Vec::new(),
                });
            }
            self.results = order.arrange(index, rows, false).into();
        }
        let at = self.results.iter().position(|r| r.target == wanted);
        self.cursor.select(at.unwrap_or(0), self.results.len());
    }

    /// Rows in a pane, for the selection now shown.
    pub fn pane_len(&self, index: &Index, pane: ExplorePane) -> usize {
        match (pane, self.entity()) {
            (ExplorePane::Results, _) => self.results.len(),
            // The header of an entity, or the preview of a program or catalyst.
            (ExplorePane::Company, _) => usize::from(self.target().is_some()),
            (_, None) => 0,
            (ExplorePane::Exposures, Some(e)) => index.exposures_of(e).count(),
            (ExplorePane::Catalysts, Some(e)) => index.catalysts_of(e).len(),
            (ExplorePane::Sources, Some(e)) => index.sources_of(e).len(),
        }
    }

    /// Rows of every pane, in `Tab` order.
    fn lens(&self, index: &Index) -> Vec<usize> {
        list_detail::lens(|p| self.pane_len(index, p))
    }

    /// The program of the selected exposure.
    pub fn selected_program(&self, index: &Index) -> Option<ProgramId> {
        let e = self.entity()?;
        let row = self.cursor.row(ExplorePane::Exposures);
        index.exposures_of(e).nth(row).map(|x| x.program)
    }

    /// The selected catalyst of the catalysts pane.
    pub fn selected_catalyst(&self, index: &Index) -> Option<CatalystId> {
        let e = self.entity()?;
        let row = self.cursor.row(ExplorePane::Catalysts);
        index.catalysts_of(e).get(row).copied()
    }

    /// The selected source of the sources pane.
    pub fn selected_source(&self, index: &Index) -> Option<SourceId> {
        let e = self.entity()?;
        let row = self.cursor.row(ExplorePane::Sources);
        index.sources_of(e).get(row).copied()
    }
}

impl TabView for Explore {
    fn selected_entity(&self, _cx: &Context) -> Option<EntityId> {
        self.entity()
    }

    fn selected_source(&self, cx: &Context) -> Option<SourceId> {
        match self.focus() {
            ExplorePane::Sources => Explore::selected_source(self, cx.index),
            _ => None,
        }
    }

    fn copy_text(&self, cx: &Context) -> Option<String> {
        match self.target()? {
            Target::Program(p) => Some(cx.index.program(p).name.clone()),
            Target::Catalyst(c) => {
                let cat = cx.index.catalyst(c);
                Some(format!("{} {}", cat.date.label(), cat.title))
            }
            Target::Entity(_) => None,
        }
    }

    fn step(&mut self, cx: &Context, layout: &HitMap, delta: isize) -> bool {
        if cx.searching {
            self.cursor.set_focus(ExplorePane::Results);
        }
        self.cursor.step_in(&self.lens(cx.index), layout, delta)
    }

    /// The results are one line each, never taller than their pane: only the detail panes
    /// scroll inside an item.
    fn steps_inside_items(&self, cx: &Context) -> bool {
        !cx.searching && self.focus() != ExplorePane::Results
    }

    fn cycle(&mut self, cx: &Context, dir: isize) -> bool {
        self.cursor.cycle(&self.lens(cx.index), dir)
    }

    fn click(&mut self, cx: &Context, slot: usize, row: Option<usize>) -> bool {
        self.cursor.click(&self.lens(cx.index), slot, row)
    }

    fn open(&mut self, cx: &Context) -> Outcome {
        let ix = cx.index;
        match self.focus() {
            ExplorePane::Results => match self.target() {
                Some(Target::Entity(_)) => {
                    self.cursor.set_focus(ExplorePane::Results);
                    self.cursor.cycle(&self.lens(ix), 1);
                    Outcome::Changed
                }
                Some(target) => Outcome::Open(target),
                None => Outcome::Unchanged,
            },
            ExplorePane::Exposures => match self.selected_program(ix) {
                Some(p) => Outcome::Open(Target::Program(p)),
                None => Outcome::Unchanged,
            },
            ExplorePane::Catalysts => match self.selected_catalyst(ix) {
                Some(c) => Outcome::Open(Target::Catalyst(c)),
                None => Outcome::Unchanged,
            },
            ExplorePane::Company => match self.target() {
                Some(Target::Entity(_)) | None => Outcome::Unchanged,
                Some(target) => Outcome::Open(target),
            },
            ExplorePane::Sources => match self.selected_source(ix) {
                Some(s) => {
                    let file = crate::text::sanitize(&ix.source(s).file).into_owned();
                    let open = cx.keys.key_for(crate::tui::action::Action::OpenUrl);
                    Outcome::Say(match ix.source(s).url {
                        Some(_) => format!("source article: {file} ({open} opens its url)"),
                        None => format!("source article: {file} (no url in the data)"),
                    })
                }
                None => Outcome::Unchanged,
            },
        }
    }

    fn back(&mut self, cx: &Context) -> bool {
        if self.focus() != ExplorePane::Results {
            return self.cursor.set_focus(ExplorePane::Results);
        }
        if self.query.is_empty() {
            return false;
        }
        self.query.clear();
        self.show_everyone(cx.index);
        true
    }

    fn show(&mut self, cx: &Context, target: Target) -> bool {
        match target {
            Target::Entity(e) => {
                self.select_entity(cx.index, e);
                true
            }
            _ => false,
        }
    }

    fn record(&self, cx: &Context) -> Option<Record> {
        let ix = cx.index;
        let row = |pane| self.cursor.row(pane);
        Some(match (self.focus(), self.target()?) {
            (_, Target::Program(p)) => Record::Program(p),
            (_, Target::Catalyst(c)) => Record::Catalyst(c),
            (ExplorePane::Results | ExplorePane::Company, Target::Entity(e)) => Record::Entity(e),
            (ExplorePane::Exposures, Target::Entity(e)) => {
                Record::Exposure(e, row(ExplorePane::Exposures))
            }
            (ExplorePane::Catalysts, _) => Record::Catalyst(self.selected_catalyst(ix)?),
            (ExplorePane::Sources, _) => Record::Source(self.selected_source(ix)?),
        })
    }

    fn selections(&self, ix: &Index) -> Vec<(&'static str, usize, usize)> {
        let c = &self.cursor;
        let row = |name, pane| (name, c.row(pane), self.pane_len(ix, pane));
        vec![
            row("results", ExplorePane::Results),
            row("exposures", ExplorePane::Exposures),
            row("catalysts", ExplorePane::Catalysts),
            row("sources", ExplorePane::Sources),
        ]
    }

    fn layout(&self, cx: &Context, area: Rect) -> HitMap {
        let [search, list_area, right] = columns(area);
        let mut map = HitMap::default();
        map.search(search);
        let list = self.results_list(cx);
        let state = cursor(self.selected(), true);
        map.pane(list_area, 0, list.shape(list_area, &state));
        match self.target() {
            Some(Target::Entity(e)) => {
                let sources = cx.index.sources_of(e);
                let column = self.column(cx, e, &sources);
                for (pane, at) in ENTITY_PANES.iter().zip(self.split(cx, right, &column)) {
                    let Some(at) = at else { continue };
                    let state = self.pane_cursor(cx, *pane);
                    let shape = match pane {
                        ExplorePane::Company => column.header.shape(at),
                        ExplorePane::Exposures => column.exposures.shape(at, &state),
                        ExplorePane::Catalysts => column.catalysts.shape(at, &state),
                        _ => column.sources.shape(at, &state),
                    };
                    map.pane(at, slot_of(*pane), shape);
                }
            }
            Some(target) => {
                let shape = self.preview(cx, target).shape(right);
                map.pane(right, ExplorePane::ORDER.len() - 1, shape);
            }
            None => {}
        }
        map
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let [search, list_area, right] = columns(area);
        let search_box = results::SearchBox {
            keys: cx.keys,
            query: &self.query,
            focused: cx.searching,
            theme: cx.theme,
        };
        if cx.searching {
            frame.set_cursor_position(search_box.cursor(search));
        }
        frame.render_widget(search_box, search);
        let list = self.results_list(cx);
        frame.render_stateful_widget(list, list_area, &mut cursor(self.selected(), true));
        match self.target() {
            Some(Target::Entity(e)) => self.render_entity(cx, frame, right, e),
            Some(target) => frame.render_widget(self.preview(cx, target), right),
            None => {}
        }
    }
}

/// Where Explore puts its parts in `area`: the search box, the results below it, and the
/// detail column beside them. The search box heads the results it filters; the detail
/// panes take the whole height beside them. Below 100 columns the results are a narrow
/// column of symbols and names, so the details get the room.
fn columns(area: Rect) -> [Rect; 3] {
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
const ENTITY_PANES: [ExplorePane; 4] = [
    ExplorePane::Company,
    ExplorePane::Exposures,
    ExplorePane::Catalysts,
    ExplorePane::Sources,
];

/// The place of `pane` in `ExplorePane::ORDER` (what a click names).
fn slot_of(pane: ExplorePane) -> usize {
    let slot = ExplorePane::ORDER.iter().position(|&o| o == pane);
    slot.unwrap_or(0)
}

/// The panes of an entity's detail column.
struct Column<'a> {
    header: entity_header::EntityHeader<'a>,
    exposures: exposures::ExposuresPane<'a>,
    catalysts: entity_catalysts::EntityCatalysts<'a>,
    sources: sources::SourcesPane<'a>,
}

impl Explore {
    /// Whether `pane` has the focus (none has while the search box has the cursor).
    fn focused(&self, cx: &Context, pane: ExplorePane) -> bool {
        self.focus() == pane && !cx.searching
    }

    /// The cursor of `pane`: its selected row, marked when it has the focus.
    fn pane_cursor(&self, cx: &Context, pane: ExplorePane) -> ratatui::widgets::ListState {
        cursor(self.cursor.row(pane), self.focused(cx, pane))
    }

    /// The results list as the state shows it.
    fn results_list<'a>(&'a self, cx: &Context<'a>) -> results::ResultsList<'a> {
        let searched = !self.query.trim().is_empty();
        results::ResultsList {
            rows: &self.results,
            searched,
            arranged: self.order.words(searched),
            index: cx.index,
            today: cx.today,
            focused: self.focused(cx, ExplorePane::Results),
            theme: cx.theme,
            keys: cx.keys,
        }
    }

    /// The text pane of a selected program or catalyst.
    fn preview<'a>(&self, cx: &Context<'a>, target: Target) -> preview::Preview<'a> {
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
    fn column<'a>(
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
    fn split(&self, cx: &Context, area: Rect, column: &Column) -> Vec<Option<Rect>> {
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
    fn render_entity(&self, cx: &Context, frame: &mut Frame, area: Rect, entity: EntityId) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        Index::new(crate::data::load(None).expect("embedded dataset loads"))
    }

    #[test]
    fn empty_query_lists_every_entity_and_typing_narrows() {
        let index = index();
        let mut explore = Explore::new(&index);
        assert_eq!(explore.results.len(), index.data().entities.len());
        explore.query = "softbank".into();
        explore.refresh(&index, &Searcher::new(index.data()));
        let first = explore.entity().expect("an entity first");
        assert_eq!(index.entity(first).id, "9984.T");
    }

    #[test]
    fn the_kept_list_of_every_entity_is_the_fresh_arrangement_for_each_order() {
        use crate::book::sort::{ListFilter, SortKey};
        let index = index();
        let searcher = Searcher::new(index.data());
        let mut explore = Explore::new(&index);
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21);
        for (sort, filter) in [
            (SortKey::Next, ListFilter::All),
            (SortKey::Name, ListFilter::Upcoming),
            (SortKey::Next, ListFilter::All),
            (SortKey::Programs, ListFilter::Within(365)),
        ] {
            let order = Order {
                sort,
                filter,
                today,
            };
            explore.set_order(&index, || &searcher, order);
            let fresh = order.arrange(&index, every_entity(&index), false);
            assert!(!fresh.is_empty(), "{order:?} keeps some");
            assert_eq!(explore.results[..], fresh[..], "{order:?}");
            // A search, then the query cleared: the same list again, the first selected.
            explore.query = "soft".into();
            explore.refresh(&index, &searcher);
            assert_ne!(explore.results[..], fresh[..]);
            explore.query.clear();
            explore.set_results(&index, results_for(&index, &searcher, ""));
            assert_eq!(explore.results[..], fresh[..], "{order:?}, cleared");
            assert_eq!(explore.selected(), 0);
        }
    }

    #[test]
    fn cycling_skips_empty_panes_and_wraps() {
        let index = index();
        let explore = Explore::new(&index);
        let len = &explore.lens(&index);
        let mut cursor = explore.cursor;
        assert!(cursor.cycle(len, 1));
        assert_eq!(cursor.focus(), ExplorePane::Exposures);
        cursor.cycle(len, -1);
        cursor.cycle(len, -1);
        assert_eq!(
            cursor.focus(),
            ExplorePane::Company,
            "the header, last in Tab order"
        );
        cursor.cycle(len, -1);
        assert_eq!(cursor.focus(), ExplorePane::Sources);
    }
}
