//! State of the Calendar tab and the rows of its timeline: month headings, a today marker
//! and catalysts, past and upcoming.

use chrono::{Datelike, NaiveDate};

use crate::index::Index;
use crate::model::{CatalystId, EntityId};

use super::list;

/// The panes of the Calendar tab that can take the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarPane {
    /// The timeline (or month grid).
    Timeline,
    /// Entities linked to the selected catalyst.
    Linked,
}

/// Selected catalyst, view and filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// Selected catalyst (position in the filtered list).
    pub selected: usize,
    /// Month grid instead of the timeline.
    pub grid: bool,
    /// Only this entity's catalysts (its own and its programs').
    pub filter: Option<EntityId>,
    /// Pane with the focus.
    pub focus: CalendarPane,
    /// Selected row among the linked entities.
    pub linked: usize,
}

/// One row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// Heading of the month the following catalysts start in.
    Month(NaiveDate),
    /// Where today falls.
    Today,
    /// A catalyst (position in the filtered list).
    Catalyst(usize),
}

/// Position of the first catalyst that starts after `today` (the last one if none does).
pub fn next_index(index: &Index, list: &[CatalystId], today: NaiveDate) -> usize {
    list.iter()
        .position(|&c| index.catalyst(c).date.start() > today)
        .unwrap_or(list.len().saturating_sub(1))
}

/// The timeline: catalysts grouped under the month they start in, with a today marker
/// before the first one that starts after today.
pub fn timeline(index: &Index, list: &[CatalystId], today: NaiveDate) -> Vec<TimelineRow> {
    let mut rows = Vec::with_capacity(list.len() * 2 + 1);
    let mut month: Option<NaiveDate> = None;
    let mut marked = false;
    for (i, &c) in list.iter().enumerate() {
        let start = index.catalyst(c).date.start();
        if !marked && start > today {
            rows.push(TimelineRow::Today);
            marked = true;
        }
        let first = start.with_day(1).unwrap_or(start);
        if month != Some(first) {
            rows.push(TimelineRow::Month(first));
            month = Some(first);
        }
        rows.push(TimelineRow::Catalyst(i));
    }
    if !marked {
        rows.push(TimelineRow::Today);
    }
    rows
}

/// Entities a catalyst concerns: the ones it names, then those exposed to its program.
pub fn linked_entities(index: &Index, c: CatalystId) -> Vec<EntityId> {
    let catalyst = index.catalyst(c);
    let mut out: Vec<EntityId> = catalyst.entities.clone();
    if let Some(p) = catalyst.program {
        for x in index.exposures_to(p) {
            if !out.contains(&x.entity) {
                out.push(x.entity);
            }
        }
    }
    out
}

impl Calendar {
    /// Every catalyst, the next one from `today` selected.
    pub fn new(index: &Index, today: NaiveDate) -> Calendar {
        Calendar {
            selected: next_index(index, index.catalysts_by_date(), today),
            grid: false,
            filter: None,
            focus: CalendarPane::Timeline,
            linked: 0,
        }
    }

    /// The catalysts shown, by date.
    pub fn list<'a>(&self, index: &'a Index) -> &'a [CatalystId] {
        match self.filter {
            Some(e) => index.catalysts_of(e),
            None => index.catalysts_by_date(),
        }
    }

    /// The selected catalyst.
    pub fn catalyst(&self, index: &Index) -> Option<CatalystId> {
        self.list(index).get(self.selected).copied()
    }

    /// Selects `c`, dropping the filter if it hides `c`.
    pub fn select_catalyst(&mut self, index: &Index, c: CatalystId) {
        if !self.list(index).contains(&c) {
            self.filter = None;
        }
        self.selected = self.list(index).iter().position(|&x| x == c).unwrap_or(0);
        self.focus = CalendarPane::Timeline;
        self.linked = 0;
    }

    /// Filters to an entity (or to all), keeping the selected catalyst when it stays listed.
    pub fn set_filter(&mut self, index: &Index, today: NaiveDate, filter: Option<EntityId>) {
        let keep = self.catalyst(index);
        self.filter = filter;
        let list = self.list(index);
        self.selected = keep
            .and_then(|c| list.iter().position(|&x| x == c))
            .unwrap_or_else(|| next_index(index, list, today));
        self.focus = CalendarPane::Timeline;
        self.linked = 0;
    }

    /// Selects the next catalyst from today.
    pub fn go_today(&mut self, index: &Index, today: NaiveDate) -> bool {
        let to = next_index(index, self.list(index), today);
        self.focus = CalendarPane::Timeline;
        self.linked = 0;
        let len = self.list(index).len();
        list::set(&mut self.selected, len, to)
    }

    /// Rows in a pane.
    pub fn pane_len(&self, index: &Index, pane: CalendarPane) -> usize {
        match pane {
            CalendarPane::Timeline => self.list(index).len(),
            CalendarPane::Linked => self
                .catalyst(index)
                .map_or(0, |c| linked_entities(index, c).len()),
        }
    }

    /// Moves the focused pane's cursor; returns whether anything changed.
    pub fn step(&mut self, index: &Index, delta: isize) -> bool {
        let len = self.pane_len(index, self.focus);
        match self.focus {
            CalendarPane::Timeline => {
                let moved = list::step(&mut self.selected, len, delta);
                if moved {
                    self.linked = 0;
                }
                moved
            }
            CalendarPane::Linked => list::step(&mut self.linked, len, delta),
        }
    }

    /// Switches between the timeline and the linked entities (when there are any).
    pub fn cycle(&mut self, index: &Index) -> bool {
        let next = match self.focus {
            CalendarPane::Timeline if self.pane_len(index, CalendarPane::Linked) > 0 => {
                CalendarPane::Linked
            }
            _ => CalendarPane::Timeline,
        };
        let changed = next != self.focus;
        self.focus = next;
        changed
    }

    /// The entity Enter jumps to: the selected linked one, or on the timeline the entity
    /// the user came from if linked, else the first listed entity the catalyst names.
    pub fn jump_target(&self, index: &Index, current: Option<EntityId>) -> Option<EntityId> {
        let linked = linked_entities(index, self.catalyst(index)?);
        if self.focus == CalendarPane::Linked {
            return linked.get(self.linked).copied();
        }
        let direct = &index.catalyst(self.catalyst(index)?).entities;
        current
            .filter(|e| linked.contains(e))
            .or_else(|| {
                direct
                    .iter()
                    .copied()
                    .find(|&e| index.entity(e).is_listed())
            })
            .or_else(|| linked.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_marker_splits_past_from_upcoming() {
        let index = Index::new(crate::data::load(None).expect("embedded dataset loads"));
        let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
        let list = index.catalysts_by_date();
        let rows = timeline(&index, list, today);
        let marker = rows.iter().position(|r| *r == TimelineRow::Today).unwrap();
        for (at, row) in rows.iter().enumerate() {
            if let TimelineRow::Catalyst(i) = row {
                let start = index.catalyst(list[*i]).date.start();
                assert_eq!(start > today, at > marker, "row {at}");
            }
        }
        let next = next_index(&index, list, today);
        assert!(index.catalyst(list[next]).date.start() > today);
    }
}
