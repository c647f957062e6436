//! The Explore tab: the query, its results, the cursors of the detail panes, what Enter
//! and Esc do there, and its layout (search box, results, then the selection's panes).

use std::sync::Arc;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::index::Index;
use crate::model::{CatalystId, EntityId, ProgramId, SourceId};
use crate::search::{Field, Searcher, Session, Target};
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::{cursor, results};

use super::{Context, Outcome, Record, TabView};
use crate::tui::ui::hits::HitMap;

mod place;
use place::{ENTITY_PANES, columns, slot_of};

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
    /// Whether the results are only the first hits, the search still looking for the rest.
    pub searching: bool,
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
    results_in(index, searcher, &mut Session::default(), query, &mut |_| {})
}

/// [`results_for`] narrowing `session`'s previous matches while the query only grows;
/// `early` gets the first rows first when the search must look at every text for the rest
/// (see [`Searcher::search_early`]).
pub fn results_in(
    index: &Index,
    searcher: &Searcher,
    session: &mut Session,
    query: &str,
    early: &mut dyn FnMut(Vec<ResultRow>),
) -> Vec<ResultRow> {
    if query.trim().is_empty() {
        return every_entity(index);
    }
    let rows = |hits: Vec<crate::search::Hit<'_>>| -> Vec<ResultRow> {
        (hits.into_iter())
            .map(|hit| ResultRow {
                target: hit.target,
                field: hit.field,
                text: hit.text.to_string(),
                positions: hit.positions,
            })
            .collect()
    };
    let hits = searcher.search_early(session, query, RESULT_LIMIT, &mut |hits| early(rows(hits)));
    rows(hits)
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
            searching: false,
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
        self.searching = false;
        self.cursor = ListDetail::default();
    }

    /// [`set_results`](Self::set_results) with only the first hits, while the search looks
    /// for the rest: shown as such.
    pub fn set_first_results(&mut self, index: &Index, rows: Vec<ResultRow>) {
        self.set_results(index, rows);
        self.searching = !self.query.trim().is_empty();
    }

    /// Shows every entity in the current order and filter, the first selected; the list is
    /// arranged once per order and reused after.
    pub fn show_everyone(&mut self, index: &Index) {
        self.results = self.everyone.rows(index, self.order);
        self.searching = false;
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
            self.searching = false;
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
