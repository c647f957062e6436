//! The Programs tab: every program with its funding (as lines, or with `v` as bars by size
//! within each currency) and its linked entities grouped by role; Enter on an entity opens
//! it in Explore.

use ratatui::Frame;
use ratatui::layout::Rect;

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::book::sort::{ListFilter, ProgramSort, sort_programs};
use crate::index::Index;
use crate::model::{EntityId, Exposure, ProgramId, Role};
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::stack;
use crate::tui::ui::{cursor, funding_chart};

use super::{Context, Outcome, Record, Tab, TabView};
use crate::tui::ui::hits::HitMap;

mod place;
use place::columns;

/// The panes of the Programs tab that can take the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgramsPane {
    /// The list of programs.
    List,
    /// The selected program's linked entities.
    Entities,
    /// The selected program's header: name, stage, sponsor and summary (it scrolls).
    Program,
    /// The selected program's funding lines (they scroll; the chart does not take focus).
    Funding,
}

impl Pane for ProgramsPane {
    // The text panes last, so `Tab` from the list still goes to the linked entities first.
    const ORDER: &'static [ProgramsPane] = &[
        ProgramsPane::List,
        ProgramsPane::Entities,
        ProgramsPane::Program,
        ProgramsPane::Funding,
    ];
}

/// How the program list is ordered and filtered (`s` and `F` on this tab, remembered
/// between runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProgramOrder {
    /// Sort key.
    pub sort: ProgramSort,
    /// Which programs are listed: all, or those with a catalyst ahead or due soon.
    pub filter: ListFilter,
    /// The day the filter and the next-catalyst sort count from.
    pub today: NaiveDate,
}

/// Selected program, focus, selected linked entity and how funding is drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Programs {
    /// The selected program (position in [`list`](Programs::list)), the focus and the
    /// linked cursor.
    pub cursor: ListDetail<ProgramsPane>,
    /// Order and filter of the list.
    pub order: ProgramOrder,
    /// Funding as a bar chart instead of lines.
    pub chart: bool,
    /// The list last arranged.
    listed: Listed,
}

/// The program list arranged for one [`ProgramOrder`], kept: ordering 10,000 programs by
/// their next catalyst takes milliseconds, and a key asks for the list several times (its
/// length, the selected program, the view). It is derived from the index and the order alone
/// (a `Programs` lives on one index: the tabs are rebuilt when the index is replaced), so it
/// is no part of the state it sits in.
#[derive(Default)]
struct Listed(Mutex<Option<(ProgramOrder, Arc<[ProgramId]>)>>);

impl Listed {
    /// The list for `order`, arranged by `arrange` only when the order changed since.
    fn get(
        &self,
        order: ProgramOrder,
        arrange: impl FnOnce() -> Vec<ProgramId>,
    ) -> Arc<[ProgramId]> {
        // A panic while arranging leaves nothing kept: the list is arranged again.
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match &*kept {
            Some((o, ids)) if *o == order => Arc::clone(ids),
            _ => {
                let ids: Arc<[ProgramId]> = arrange().into();
                *kept = Some((order, Arc::clone(&ids)));
                ids
            }
        }
    }

    fn kept(&self) -> Option<(ProgramOrder, Arc<[ProgramId]>)> {
        self.0.lock().map_or(None, |kept| kept.clone())
    }
}

impl Clone for Listed {
    fn clone(&self) -> Listed {
        Listed(Mutex::new(self.kept()))
    }
}

// A cache: two states are the same whatever either has kept.
impl PartialEq for Listed {
    fn eq(&self, _: &Listed) -> bool {
        true
    }
}

impl Eq for Listed {}

impl std::fmt::Debug for Listed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kept() {
            Some((order, ids)) => write!(f, "Listed({order:?}: {} programs)", ids.len()),
            None => f.write_str("Listed(none)"),
        }
    }
}

/// A program's exposures ordered by role (lead first), then as in the data files.
pub fn by_role(index: &Index, program: ProgramId) -> Vec<&Exposure> {
    let mut out: Vec<&Exposure> = index.exposures_to(program).collect();
    out.sort_by_key(|x| role_rank(x.role));
    out
}

fn role_rank(role: Role) -> usize {
    Role::ALL
        .iter()
        .position(|r| *r == role)
        .unwrap_or(usize::MAX)
}

impl Programs {
    /// The first program selected, counting from `today`.
    pub fn new(today: NaiveDate) -> Programs {
        Programs {
            cursor: ListDetail::default(),
            order: ProgramOrder {
                today,
                ..ProgramOrder::default()
            },
            chart: false,
            listed: Listed::default(),
        }
    }

    /// The programs listed, in order.
    pub fn list(&self, index: &Index) -> Vec<ProgramId> {
        let ProgramOrder {
            sort,
            filter,
            today,
        } = self.order;
        self.listed
            .get(self.order, || {
                let mut ids: Vec<ProgramId> = (0..index.data().programs.len() as u32)
                    .map(ProgramId)
                    .filter(|&p| filter.keeps_program(index, p, today))
                    .collect();
                sort_programs(index, &mut ids, sort, today);
                ids
            })
            .to_vec()
    }

    /// The selected program, if any is listed.
    pub fn program(&self, index: &Index) -> Option<ProgramId> {
        self.list(index).get(self.cursor.selected()).copied()
    }

    /// Selects `program`, dropping the filter if it hides it.
    pub fn select_program(&mut self, index: &Index, program: ProgramId) {
        if !self.list(index).contains(&program) {
            self.order.filter = ListFilter::All;
        }
        let list = self.list(index);
        let at = list.iter().position(|&p| p == program).unwrap_or(0);
        self.cursor.select(at, list.len());
    }

    /// Orders the list anew (`s`, `F`), keeping the selected program selected when it stays.
    pub fn set_order(&mut self, index: &Index, sort: ProgramSort, filter: ListFilter) {
        let selected = self.program(index);
        self.order.sort = sort;
        self.order.filter = filter;
        let list = self.list(index);
        self.cursor.reselect(&list, selected, 0);
    }

    /// The pane with the focus.
    pub fn focus(&self) -> ProgramsPane {
        self.cursor.focus()
    }

    /// The entity of the selected linked-entity row.
    pub fn selected_entity(&self, index: &Index) -> Option<EntityId> {
        let p = self.program(index)?;
        let row = self.cursor.row(ProgramsPane::Entities);
        by_role(index, p).get(row).map(|x| x.entity)
    }

    /// Rows in a pane.
    pub fn pane_len(&self, index: &Index, pane: ProgramsPane) -> usize {
        match pane {
            ProgramsPane::List => self.list(index).len(),
            ProgramsPane::Entities => self
                .program(index)
                .map_or(0, |p| index.exposures_to(p).count()),
            ProgramsPane::Program => usize::from(self.program(index).is_some()),
            ProgramsPane::Funding => self.program(index).map_or(0, |p| {
                usize::from(!self.chart && !index.program(p).funding.is_empty())
            }),
        }
    }

    /// Rows of every pane, in `Tab` order.
    fn lens(&self, index: &Index) -> Vec<usize> {
        list_detail::lens(|p| self.pane_len(index, p))
    }
}

impl TabView for Programs {
    fn modes(&self) -> &'static [Mode] {
        &[Mode::Tab(Tab::Programs), Mode::Browse, Mode::Global]
    }

    fn selected_entity(&self, cx: &Context) -> Option<EntityId> {
        match self.focus() {
            ProgramsPane::Entities => Programs::selected_entity(self, cx.index),
            _ => None,
        }
    }

    fn copy_text(&self, cx: &Context) -> Option<String> {
        self.program(cx.index)
            .map(|p| cx.index.program(p).name.clone())
    }

    fn step(&mut self, cx: &Context, layout: &HitMap, delta: isize) -> bool {
        self.cursor.step_in(&self.lens(cx.index), layout, delta)
    }

    /// Switches between the list and the linked entities (when there are any).
    fn cycle(&mut self, cx: &Context, dir: isize) -> bool {
        self.cursor.cycle(&self.lens(cx.index), dir)
    }

    fn click(&mut self, cx: &Context, slot: usize, row: Option<usize>) -> bool {
        self.cursor.click(&self.lens(cx.index), slot, row)
    }

    fn open(&mut self, cx: &Context) -> Outcome {
        match self.focus() {
            ProgramsPane::List => self.cycle(cx, 1).into(),
            ProgramsPane::Entities => match self.selected_entity(cx.index) {
                Some(e) => Outcome::Open(Target::Entity(e)),
                None => Outcome::Unchanged,
            },
            ProgramsPane::Program | ProgramsPane::Funding => Outcome::Unchanged,
        }
    }

    /// Out of the linked entities, then (as the calendar leaves its other views) back from
    /// the chart to the funding lines.
    fn back(&mut self, _cx: &Context) -> bool {
        self.cursor.set_focus(ProgramsPane::List) || std::mem::take(&mut self.chart)
    }

    fn act(&mut self, cx: &Context, action: Action) -> Outcome {
        let ProgramOrder { sort, filter, .. } = self.order;
        match action {
            Action::CycleView => {
                self.chart = !self.chart;
                // The chart does not scroll: its pane gives the focus back to the list.
                if self.chart && self.focus() == ProgramsPane::Funding {
                    self.cursor.set_focus(ProgramsPane::List);
                }
                return Outcome::Changed;
            }
            Action::CycleSort => self.set_order(cx.index, sort.next(), filter),
            Action::CycleFilter => self.set_order(cx.index, sort, filter.next()),
            _ => return Outcome::Unchanged,
        }
        let ProgramOrder { sort, filter, .. } = self.order;
        Outcome::Say(format!(
            "programs: sort {} · {}",
            sort.as_str(),
            filter.label()
        ))
    }

    fn show(&mut self, cx: &Context, target: Target) -> bool {
        match target {
            Target::Program(p) => {
                self.select_program(cx.index, p);
                true
            }
            _ => false,
        }
    }

    fn record(&self, cx: &Context) -> Option<Record> {
        let p = self.program(cx.index)?;
        match self.focus() {
            ProgramsPane::List | ProgramsPane::Program | ProgramsPane::Funding => {
                Some(Record::Program(p))
            }
            ProgramsPane::Entities => {
                let e = self.selected_entity(cx.index)?;
                let at = cx.index.exposures_of(e).position(|x| x.program == p)?;
                Some(Record::Exposure(e, at))
            }
        }
    }

    fn selections(&self, ix: &Index) -> Vec<(&'static str, usize, usize)> {
        let c = &self.cursor;
        let row = |name, pane| (name, c.row(pane), self.pane_len(ix, pane));
        vec![
            row("programs", ProgramsPane::List),
            row("linked", ProgramsPane::Entities),
        ]
    }

    fn layout(&self, cx: &Context, area: Rect) -> HitMap {
        let [left, right] = columns(area);
        let mut map = HitMap::default();
        let ids = self.list(cx.index);
        let state = cursor(self.cursor.selected(), true);
        map.pane(left, 0, self.program_list(cx, &ids).shape(left, &state));
        let Some(id) = self.program(cx.index) else {
            return map;
        };
        let detail = self.detail(cx, id, right);
        let [header, funding, linked] = self.split(right, &detail);
        if let Some(at) = header {
            map.pane(at, 2, detail.header.shape(at));
        }
        if let Some(at) = funding.filter(|_| !self.chart) {
            map.pane(at, 3, self.funding_pane(cx, &detail).shape(at));
        }
        if let Some(at) = linked {
            let state = self.linked_cursor();
            map.pane(at, 1, self.linked_pane(cx, &detail).shape(at, &state));
        }
        map
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let (ix, theme) = (cx.index, cx.theme);
        let [left, right] = columns(area);
        let ids = self.list(ix);
        let list = self.program_list(cx, &ids);
        frame.render_stateful_widget(list, left, &mut cursor(self.cursor.selected(), true));
        let Some(id) = self.program(ix) else { return };
        let detail = self.detail(cx, id, right);
        let areas = self.split(right, &detail);
        let program = detail.header.program;
        let mut left_out = Vec::new();
        match areas[0] {
            Some(at) => frame.render_widget(detail.header, at),
            None => left_out.push("Program".to_string()),
        }
        match areas[1] {
            Some(at) if self.chart => {
                let chart = funding_chart::FundingChart {
                    index: ix,
                    program,
                    title: detail.funding_title.clone(),
                    keys: cx.keys,
                    theme,
                };
                frame.render_widget(chart, at);
            }
            Some(at) => frame.render_widget(self.funding_pane(cx, &detail), at),
            None => left_out.push(format!("Funding ({})", program.funding.len())),
        }
        match areas[2] {
            Some(at) => {
                let mut state = self.linked_cursor();
                frame.render_stateful_widget(self.linked_pane(cx, &detail), at, &mut state);
            }
            None => left_out.push(format!("Linked ({})", detail.exposures.len())),
        }
        let next = cx.keys.key_for(Action::NextPane);
        stack::note_left_out(&areas, &left_out, &next, frame.buffer_mut(), theme);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linked_entities_come_grouped_by_role() {
        let index = Index::new(crate::data::load(None).expect("embedded dataset loads"));
        for p in 0..index.data().programs.len() {
            let rows = by_role(&index, ProgramId(p as u32));
            let ranks: Vec<usize> = rows.iter().map(|x| role_rank(x.role)).collect();
            assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");
        }
    }
}
