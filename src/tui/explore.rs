//! State of the Explore tab: the query, its results and the cursors of the detail panes.

use crate::index::Index;
use crate::model::{CatalystId, EntityId, ProgramId, SourceId};
use crate::search::{Field, Searcher, Session, Target};

use super::list;

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
}

impl ExplorePane {
    const ORDER: [ExplorePane; 4] = [
        ExplorePane::Results,
        ExplorePane::Exposures,
        ExplorePane::Catalysts,
        ExplorePane::Sources,
    ];
}

/// Query, results, selection and the detail panes' cursors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explore {
    /// What is typed in the search box.
    pub query: String,
    /// Results of the query; every entity while the query is empty.
    pub results: Vec<ResultRow>,
    /// Selected result.
    pub selected: usize,
    /// Pane with the focus.
    pub focus: ExplorePane,
    /// Selected exposure in the exposures pane.
    pub exposure: usize,
    /// Selected catalyst in the catalysts pane.
    pub catalyst: usize,
    /// Selected source in the sources pane.
    pub source: usize,
}

/// Every entity, in dataset order: the rows of an empty query.
pub fn every_entity(index: &Index) -> Vec<ResultRow> {
    (0..index.data().entities.len())
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
        Explore {
            query: String::new(),
            results: every_entity(index),
            selected: 0,
            focus: ExplorePane::Results,
            exposure: 0,
            catalyst: 0,
            source: 0,
        }
    }

    /// Re-runs the query in place and selects the best result.
    pub fn refresh(&mut self, index: &Index, searcher: &Searcher) {
        self.set_results(results_for(index, searcher, &self.query));
    }

    /// Shows fresh results for the query, the best one selected.
    pub fn set_results(&mut self, rows: Vec<ResultRow>) {
        self.results = rows;
        self.selected = 0;
        self.focus = ExplorePane::Results;
        self.reset_details();
    }

    /// Puts the detail panes' cursors back at their first rows.
    pub fn reset_details(&mut self) {
        self.exposure = 0;
        self.catalyst = 0;
        self.source = 0;
    }

    /// The selected record.
    pub fn target(&self) -> Option<Target> {
        self.results.get(self.selected).map(|r| r.target)
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
            self.results = every_entity(index);
        }
        self.selected = self
            .results
            .iter()
            .position(|r| r.target == wanted)
            .unwrap_or(0);
        self.focus = ExplorePane::Results;
        self.reset_details();
    }

    /// Rows in a pane, for the selection now shown.
    pub fn pane_len(&self, index: &Index, pane: ExplorePane) -> usize {
        match (pane, self.entity()) {
            (ExplorePane::Results, _) => self.results.len(),
            (_, None) => 0,
            (ExplorePane::Exposures, Some(e)) => index.exposures_of(e).count(),
            (ExplorePane::Catalysts, Some(e)) => index.catalysts_of(e).len(),
            (ExplorePane::Sources, Some(e)) => index.sources_of(e).len(),
        }
    }

    /// Moves the focused pane's cursor; returns whether anything changed.
    pub fn step(&mut self, index: &Index, delta: isize) -> bool {
        let len = self.pane_len(index, self.focus);
        match self.focus {
            ExplorePane::Results => {
                let moved = list::step(&mut self.selected, len, delta);
                if moved {
                    self.reset_details();
                }
                moved
            }
            ExplorePane::Exposures => list::step(&mut self.exposure, len, delta),
            ExplorePane::Catalysts => list::step(&mut self.catalyst, len, delta),
            ExplorePane::Sources => list::step(&mut self.source, len, delta),
        }
    }

    /// Focuses the next (`+1`) or previous (`-1`) pane that has rows.
    pub fn cycle(&mut self, index: &Index, dir: isize) -> bool {
        let order = ExplorePane::ORDER;
        let at = order.iter().position(|p| *p == self.focus).unwrap_or(0);
        for i in 1..order.len() {
            let next =
                order[(at as isize + dir * i as isize).rem_euclid(order.len() as isize) as usize];
            if next == ExplorePane::Results || self.pane_len(index, next) > 0 {
                let changed = next != self.focus;
                self.focus = next;
                return changed;
            }
        }
        false
    }

    /// The program of the selected exposure.
    pub fn selected_program(&self, index: &Index) -> Option<ProgramId> {
        let e = self.entity()?;
        index.exposures_of(e).nth(self.exposure).map(|x| x.program)
    }

    /// The selected catalyst of the catalysts pane.
    pub fn selected_catalyst(&self, index: &Index) -> Option<CatalystId> {
        let e = self.entity()?;
        index.catalysts_of(e).get(self.catalyst).copied()
    }

    /// The selected source of the sources pane.
    pub fn selected_source(&self, index: &Index) -> Option<SourceId> {
        let e = self.entity()?;
        index.sources_of(e).get(self.source).copied()
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
    fn cycling_skips_empty_panes_and_wraps() {
        let index = index();
        let mut explore = Explore::new(&index);
        assert!(explore.cycle(&index, 1));
        assert_eq!(explore.focus, ExplorePane::Exposures);
        explore.cycle(&index, -1);
        explore.cycle(&index, -1);
        assert_eq!(explore.focus, ExplorePane::Sources);
    }
}
