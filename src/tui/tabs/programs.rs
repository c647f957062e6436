//! The Programs tab: every program with its funding (as lines, or with `v` as bars by size
//! within each currency) and its linked entities grouped by role; Enter on an entity opens
//! it in Explore.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::book::sort::{ListFilter, ProgramSort, sort_programs};
use crate::index::Index;
use crate::model::{EntityId, Exposure, ProgramId, Role};
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::text::count;
use crate::tui::ui::{cursor, funding_chart, hits, linked, program_detail, program_list};

use super::{Context, Outcome, Record, Tab, TabView};
use crate::tui::ui::hits::HitMap;

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

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let (ix, theme) = (cx.index, cx.theme);
        let left_width = (area.width * 35 / 100).clamp(24, 44);
        let [left, right] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);
        let ids = self.list(ix);
        let list = program_list::ProgramList {
            index: ix,
            ids: &ids,
            order: self.order,
            today: cx.today,
            focused: self.focus() == ProgramsPane::List,
            theme,
        };
        frame.render_stateful_widget(list, left, &mut cursor(self.cursor.selected(), true));
        hits::pane(left, 0);
        let Some(id) = self.program(ix) else { return };
        let program = ix.program(id);
        let v = cx.keys.key_for(Action::CycleView);
        let status = ix.program_status(id, cx.today);
        let scroll = |pane| (self.focus() == pane).then(|| self.cursor.skip(pane));
        let header = program_detail::ProgramHeader {
            program,
            status,
            scroll: scroll(ProgramsPane::Program),
            theme,
        };
        let inner_width = right.width.saturating_sub(2) as usize;
        let (funding_want, title) = if self.chart {
            let title = format!("Funding chart ({}; {v}: list)", program.funding.len());
            (
                funding_chart::height(program, inner_width) as u16 + 2,
                title,
            )
        } else {
            let lines = count(program.funding.len(), "line");
            let title = format!("Funding ({lines}; {v}: chart)");
            let pane = program_detail::FundingPane {
                index: ix,
                program,
                title: title.clone(),
                scroll: None,
                theme,
            };
            (pane.height(right.width), title)
        };
        let exposures = by_role(ix, id);
        let shown = self.focus() == ProgramsPane::Entities;
        // Header, funding, linked: each as tall as its content when there is room; the
        // linked entities, when browsed, are kept first; a pane with no room is named on
        // the last border (Tab shows the linked entities).
        let roles = exposures
            .windows(2)
            .filter(|w| w[0].role != w[1].role)
            .count();
        let linked_rows = (exposures.len() + roles + usize::from(!exposures.is_empty())).max(1);
        let linked_ask = Ask::new(stack::WHOLE, linked_rows as u16 + 2);
        // A text pane being read is shown whole if it can leave one pane beside it (the
        // others are named on the last border).
        let read_cap = right.height.saturating_sub(stack::WHOLE);
        let header_ask = Ask::new(
            program_detail::ProgramHeader::MIN_HEIGHT,
            header.height(right.width),
        );
        let asks = [
            if self.focus() == ProgramsPane::Program {
                header_ask.focused_on(header_ask.want, read_cap)
            } else {
                header_ask
            },
            // A chart needs a currency heading, a bar, its legend and a line saying
            // what it leaves out to be of use.
            {
                let ask = Ask::new(
                    if self.chart {
                        funding_want.min(6)
                    } else {
                        stack::WHOLE
                    },
                    funding_want,
                );
                if self.focus() == ProgramsPane::Funding {
                    ask.focused_on(ask.want, read_cap)
                } else {
                    ask
                }
            },
            if shown {
                linked_ask.focused()
            } else {
                linked_ask
            },
        ];
        let priority: &[usize] = match self.focus() {
            ProgramsPane::Entities => &[2, 0, 1],
            ProgramsPane::Funding => &[1, 0, 2],
            _ => &[0, 1, 2],
        };
        let areas = stack::split(right, &asks, priority);
        let mut left_out = Vec::new();
        match areas[0] {
            Some(at) => {
                frame.render_widget(header, at);
                hits::pane(at, 2);
            }
            None => left_out.push("Program".to_string()),
        }
        match areas[1] {
            Some(at) if self.chart => {
                let chart = funding_chart::FundingChart {
                    index: ix,
                    program,
                    title,
                    keys: cx.keys,
                    theme,
                };
                frame.render_widget(chart, at);
            }
            Some(at) => {
                let pane = program_detail::FundingPane {
                    index: ix,
                    program,
                    title,
                    scroll: scroll(ProgramsPane::Funding),
                    theme,
                };
                frame.render_widget(pane, at);
                hits::pane(at, 3);
            }
            None => left_out.push(format!("Funding ({})", program.funding.len())),
        }
        match areas[2] {
            Some(at) => {
                let linked_pane = linked::LinkedByRole {
                    index: ix,
                    exposures: &exposures,
                    focused: shown,
                    theme,
                };
                let mut state = cursor(self.cursor.row(ProgramsPane::Entities), shown);
                frame.render_stateful_widget(linked_pane, at, &mut state);
                hits::pane(at, 1);
            }
            None => left_out.push(format!("Linked ({})", exposures.len())),
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
