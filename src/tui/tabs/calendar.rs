//! The Calendar tab: catalysts on a timeline (month headings, a today marker, past and
//! upcoming), a month grid or a chart of windows on a month axis, the selected catalyst's
//! details and linked entities, its keys (`v`, `f`, `t`, `h`/`l`) and its layout.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::book::sort::{CatalystSort, ListFilter, sort_catalysts};
use crate::index::Index;
use crate::model::{CatalystId, EntityId};
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::{self, cursor};

use super::{Context, Outcome, Record, Tab, TabView};
use crate::tui::ui::hits::HitMap;

mod place;
use place::Main;

/// The panes of the Calendar tab that can take the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarPane {
    /// The timeline (or month grid, or chart).
    Timeline,
    /// Entities linked to the selected catalyst.
    Linked,
    /// The selected catalyst's text (it scrolls when taller than the pane).
    Detail,
}

impl Pane for CalendarPane {
    // The detail last, so `Tab` from the timeline still goes to the linked entities first.
    const ORDER: &'static [CalendarPane] = &[
        CalendarPane::Timeline,
        CalendarPane::Linked,
        CalendarPane::Detail,
    ];
}

/// How the Calendar tab draws its catalysts; `v` goes to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CalendarView {
    /// Grouped under month headings, with a today marker.
    #[default]
    Timeline,
    /// A month grid with the catalysts of the months shown.
    Grid,
    /// Each catalyst a bar spanning its window on a month axis.
    Chart,
}

impl CalendarView {
    /// The view `v` goes to.
    pub fn next(self) -> CalendarView {
        match self {
            CalendarView::Timeline => CalendarView::Grid,
            CalendarView::Grid => CalendarView::Chart,
            CalendarView::Chart => CalendarView::Timeline,
        }
    }

    /// Its name, as pane titles say which view `v` goes to.
    pub fn name(self) -> &'static str {
        match self {
            CalendarView::Timeline => "timeline",
            CalendarView::Grid => "month grid",
            CalendarView::Chart => "chart",
        }
    }
}

/// Selected catalyst, view and filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    /// The selected catalyst (position in the filtered list), the focus and the linked
    /// entities' cursor.
    pub cursor: ListDetail<CalendarPane>,
    /// Timeline, month grid or chart.
    pub view: CalendarView,
    /// Only this entity's catalysts (its own and its programs').
    pub filter: Option<EntityId>,
    /// The first month of the grid or chart when `h`/`l`/`t` moved it; none: the month (or
    /// the chart's page) of the selection.
    pub month: Option<NaiveDate>,
    /// Months `h`/`l` moved the chart from the page holding the selection.
    pub pan: i32,
    /// Which catalysts are listed (`F`): all, those not over, or those opening or closing
    /// within N days.
    pub due: ListFilter,
    /// What they are ordered by (`s`): date, with month headings and the today marker, or
    /// name, country, direction or number linked (see [`timeline`]).
    pub sort: CatalystSort,
    /// The day `due` counts from.
    pub today: NaiveDate,
}

/// One row of the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineRow {
    /// Heading of the window the following catalysts fall in: a month, or for a wider
    /// window the window itself (see [`heading`]), named by the catalyst at this position.
    Heading(usize),
    /// Where today falls.
    Today,
    /// A catalyst (position in the filtered list).
    Catalyst(usize),
}

/// Position of the soonest catalyst that starts after `today`, the first of them in the
/// list's order (in date order: the first one after today); the last row if none does.
pub fn next_index(index: &Index, list: &[CatalystId], today: NaiveDate) -> usize {
    list.iter()
        .enumerate()
        .map(|(i, &c)| (i, index.range(c).0))
        .filter(|&(_, start)| start > today)
        .min_by_key(|&(_, start)| start)
        .map_or(list.len().saturating_sub(1), |(i, _)| i)
}

/// The heading a catalyst is grouped under: its month when its window lies within one
/// month (`June 2026`), else the window as the data states it (`late 2025`, `JP FY2026`),
/// so a window of months is never headed by its first month.
pub fn heading(index: &Index, c: CatalystId) -> String {
    match Heading::of(index, c) {
        Heading::Month(first) => first.format("%B %Y").to_string(),
        Heading::Window(when) => when.label(),
    }
}

/// What [`heading`] writes, not yet written: the timeline compares the headings of every
/// catalyst listed (tens of thousands) and writes only those it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    /// The month (its first day) of a window that lies within it.
    Month(NaiveDate),
    /// A window of months, headed by its label (one label per window).
    Window(crate::model::When),
}

impl Heading {
    fn of(index: &Index, c: CatalystId) -> Heading {
        let (a, b) = index.range(c);
        match (a.year(), a.month()) == (b.year(), b.month()) {
            true => Heading::Month(a.with_day(1).unwrap_or(a)),
            false => Heading::Window(index.catalyst(c).date),
        }
    }
}

/// The heading a catalyst is grouped under in `sort`'s order: its window by date (see
/// [`heading`]); its country, direction or number linked in those orders, so the key the
/// list is sorted by shows; none by name (A to Z needs no headings).
pub fn heading_by(index: &Index, c: CatalystId, sort: CatalystSort) -> Option<String> {
    use crate::book::sort::{catalyst_country, catalyst_direction, catalyst_entities};
    match sort {
        CatalystSort::Date => Some(heading(index, c)),
        CatalystSort::Name => None,
        CatalystSort::Country => {
            Some(catalyst_country(index, c).unwrap_or_else(|| "no country".into()))
        }
        CatalystSort::Direction => Some(
            catalyst_direction(index, c)
                .map_or("no linked program", ui::theme::direction_label)
                .to_string(),
        ),
        CatalystSort::Linked => Some(format!("{} linked", catalyst_entities(index, c).len())),
    }
}

/// The timeline: in date order, catalysts grouped under their window's heading, with a
/// today marker before the first one that starts after today; in another order, grouped
/// under the value of the key they are sorted by ([`heading_by`]), with no today marker.
pub fn timeline(
    index: &Index,
    list: &[CatalystId],
    today: NaiveDate,
    sort: CatalystSort,
) -> Vec<TimelineRow> {
    if sort != CatalystSort::Date {
        let mut rows = Vec::with_capacity(list.len() * 2);
        let mut current = None;
        for (i, &c) in list.iter().enumerate() {
            let head = heading_by(index, c, sort);
            if head.is_some() && head != current {
                rows.push(TimelineRow::Heading(i));
                current = head;
            }
            rows.push(TimelineRow::Catalyst(i));
        }
        return rows;
    }
    let mut rows = Vec::with_capacity(list.len() * 2 + 1);
    let mut current: Option<Heading> = None;
    let mut marked = false;
    for (i, &c) in list.iter().enumerate() {
        let start = index.range(c).0;
        if !marked && start > today {
            rows.push(TimelineRow::Today);
            marked = true;
            current = None;
        }
        let head = Heading::of(index, c);
        if current != Some(head) {
            rows.push(TimelineRow::Heading(i));
            current = Some(head);
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
    crate::book::sort::catalyst_entities(index, c)
}

impl Calendar {
    /// Every catalyst, the next one from `today` selected.
    pub fn new(index: &Index, today: NaiveDate) -> Calendar {
        let list = index.catalysts_by_date();
        let mut cursor = ListDetail::default();
        cursor.select(next_index(index, list, today), list.len());
        Calendar {
            cursor,
            view: CalendarView::Timeline,
            filter: None,
            month: None,
            pan: 0,
            due: ListFilter::All,
            sort: CatalystSort::Date,
            today,
        }
    }

    /// The catalysts shown, in order.
    pub fn list<'a>(&self, index: &'a Index) -> Cow<'a, [CatalystId]> {
        let all = match self.filter {
            Some(e) => index.catalysts_of(e),
            None => index.catalysts_by_date(),
        };
        let mut list = match self.due {
            ListFilter::All => Cow::Borrowed(all),
            due => all
                .iter()
                .copied()
                .filter(|&c| due.keeps_catalyst(index, c, self.today))
                .collect(),
        };
        if self.sort != CatalystSort::Date {
            sort_catalysts(index, list.to_mut(), self.sort);
        }
        list
    }

    /// How many catalysts the ticker filter alone keeps (the `of N` in the title).
    fn unfiltered_len(&self, index: &Index) -> usize {
        match self.filter {
            Some(e) => index.catalysts_of(e).len(),
            None => index.catalysts_by_date().len(),
        }
    }

    /// Orders (`s`) and filters by due date (`F`), keeping the selected catalyst when it
    /// stays listed.
    pub fn set_order(&mut self, index: &Index, sort: CatalystSort, due: ListFilter) {
        let keep = self.catalyst(index);
        self.sort = sort;
        self.due = due;
        let list = self.list(index);
        let next = next_index(index, &list, self.today);
        self.cursor.reselect(&list, keep, next);
    }

    /// The first month the grid shows: where `h`/`l`/`t` moved it, else the month the
    /// selected catalyst starts in, else today's.
    pub fn grid_month(&self, index: &Index, today: NaiveDate) -> NaiveDate {
        let day = self.month.unwrap_or_else(|| {
            self.catalyst(index)
                .map_or(today, |c| index.catalyst(c).date.start())
        });
        day.with_day(1).unwrap_or(day)
    }

    /// The selected catalyst's position in [`list`](Self::list).
    pub fn selected(&self) -> usize {
        self.cursor.selected()
    }

    /// The pane with the focus.
    pub fn focus(&self) -> CalendarPane {
        self.cursor.focus()
    }

    /// The selected catalyst.
    pub fn catalyst(&self, index: &Index) -> Option<CatalystId> {
        self.list(index).get(self.selected()).copied()
    }

    /// Selects `c`, dropping the filter if it hides `c`; the grid shows its month.
    pub fn select_catalyst(&mut self, index: &Index, c: CatalystId) {
        self.month = None;
        self.pan = 0;
        if !self.list(index).contains(&c) {
            self.filter = None;
        }
        if !self.list(index).contains(&c) {
            self.due = ListFilter::All;
        }
        let list = self.list(index);
        let at = list.iter().position(|&x| x == c).unwrap_or(0);
        self.cursor.select(at, list.len());
    }

    /// Filters to an entity (or to all), keeping the selected catalyst when it stays listed.
    pub fn set_filter(&mut self, index: &Index, today: NaiveDate, filter: Option<EntityId>) {
        let keep = self.catalyst(index);
        self.filter = filter;
        let list = self.list(index);
        let next = next_index(index, &list, today);
        self.cursor.reselect(&list, keep, next);
    }

    /// Selects the next catalyst from today.
    pub fn go_today(&mut self, index: &Index, today: NaiveDate) -> bool {
        let list = self.list(index);
        self.cursor
            .select(next_index(index, &list, today), list.len())
    }

    /// Rows in a pane.
    pub fn pane_len(&self, index: &Index, pane: CalendarPane) -> usize {
        match pane {
            CalendarPane::Timeline => self.list(index).len(),
            CalendarPane::Linked => self
                .catalyst(index)
                .map_or(0, |c| linked_entities(index, c).len()),
            CalendarPane::Detail => usize::from(self.catalyst(index).is_some()),
        }
    }

    /// Rows of every pane, in `Tab` order.
    fn lens(&self, index: &Index) -> Vec<usize> {
        list_detail::lens(|p| self.pane_len(index, p))
    }

    /// The entity Enter jumps to: the selected linked one, or on the timeline the entity
    /// the user came from if linked, else the first listed entity the catalyst names.
    pub fn jump_target(&self, index: &Index, current: Option<EntityId>) -> Option<EntityId> {
        let linked = linked_entities(index, self.catalyst(index)?);
        if self.focus() == CalendarPane::Linked {
            return linked.get(self.cursor.row(CalendarPane::Linked)).copied();
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

    fn toggle_filter(&mut self, cx: &Context) -> Outcome {
        let filter = match self.filter {
            Some(_) => None,
            None => match cx.entity {
                Some(e) => Some(e),
                None => {
                    let explore = cx.keys.key_for(Action::ShowTab(Tab::Explore));
                    let note = format!("select a ticker in Explore ({explore}) to filter by it");
                    return Outcome::Say(note);
                }
            },
        };
        self.set_filter(cx.index, cx.today, filter);
        Outcome::Changed
    }
}

impl TabView for Calendar {
    fn selected_entity(&self, cx: &Context) -> Option<EntityId> {
        if self.focus() != CalendarPane::Linked {
            return None;
        }
        let c = self.catalyst(cx.index)?;
        linked_entities(cx.index, c)
            .get(self.cursor.row(CalendarPane::Linked))
            .copied()
    }

    fn copy_text(&self, cx: &Context) -> Option<String> {
        let cat = cx.index.catalyst(self.catalyst(cx.index)?);
        Some(format!("{} {}", cat.date.label(), cat.title))
    }

    fn modes(&self) -> &'static [Mode] {
        &[Mode::Tab(Tab::Calendar), Mode::Browse, Mode::Global]
    }

    fn step(&mut self, cx: &Context, layout: &HitMap, delta: isize) -> bool {
        let moved = self.cursor.step_in(&self.lens(cx.index), layout, delta);
        if moved && self.focus() == CalendarPane::Timeline {
            // The grid and the chart follow the selection again.
            self.month = None;
            self.pan = 0;
        }
        moved
    }

    /// The timeline, the month grid's list and the chart's bars are a line per catalyst,
    /// never taller than their pane; the other panes (the catalyst's text) may scroll.
    fn steps_inside_items(&self, _cx: &Context) -> bool {
        self.focus() != CalendarPane::Timeline
    }

    /// Switches between the timeline and the linked entities (when there are any).
    fn cycle(&mut self, cx: &Context, dir: isize) -> bool {
        self.cursor.cycle(&self.lens(cx.index), dir)
    }

    /// A row of the timeline is a catalyst (headings and the today marker only focus it);
    /// the month grid and the chart only take the focus.
    fn click(&mut self, cx: &Context, slot: usize, row: Option<usize>) -> bool {
        let before = self.selected();
        let changed = self.cursor.click(&self.lens(cx.index), slot, row);
        if self.selected() != before {
            // The grid and the chart follow the selection again.
            self.month = None;
            self.pan = 0;
        }
        changed
    }

    fn open(&mut self, cx: &Context) -> Outcome {
        match self.jump_target(cx.index, cx.entity) {
            Some(e) => Outcome::Open(Target::Entity(e)),
            None => Outcome::Say("this catalyst names no entity".into()),
        }
    }

    fn back(&mut self, _cx: &Context) -> bool {
        if self.focus() != CalendarPane::Timeline {
            return self.cursor.set_focus(CalendarPane::Timeline);
        }
        std::mem::take(&mut self.view) != CalendarView::Timeline
    }

    fn act(&mut self, cx: &Context, action: Action) -> Outcome {
        match action {
            Action::CycleView => {
                self.view = self.view.next();
                self.month = None;
                self.pan = 0;
                Outcome::Changed
            }
            Action::ToggleFilter => self.toggle_filter(cx),
            Action::GoToday => {
                let first = cx.today.with_day(1).unwrap_or(cx.today);
                // The grid shows today's month; the chart the page holding today.
                let month = (self.view == CalendarView::Grid).then_some(first);
                let panned = std::mem::take(&mut self.pan) != 0;
                let moved = std::mem::replace(&mut self.month, month) != month || panned;
                (self.go_today(cx.index, cx.today) || moved).into()
            }
            Action::PrevMonth | Action::NextMonth if self.view != CalendarView::Timeline => {
                if self.view == CalendarView::Chart {
                    let by = if action == Action::PrevMonth { -1 } else { 1 };
                    self.pan = self.pan.saturating_add(by);
                    return Outcome::Changed;
                }
                let shown = self.grid_month(cx.index, cx.today);
                let month = if action == Action::PrevMonth {
                    shown.checked_sub_months(chrono::Months::new(1))
                } else {
                    shown.checked_add_months(chrono::Months::new(1))
                };
                self.month = month.or(Some(shown));
                Outcome::Changed
            }
            Action::PrevMonth | Action::NextMonth => {
                let (h, l) = (
                    cx.keys.key_for(Action::PrevMonth),
                    cx.keys.key_for(Action::NextMonth),
                );
                let v = cx.keys.key_for(Action::CycleView);
                Outcome::Say(format!("{h}/{l} move the month grid and the chart ({v})"))
            }
            Action::CycleFilter | Action::CycleSort => {
                let (sort, due) = match action {
                    Action::CycleSort => (self.sort.next(), self.due),
                    _ => (self.sort, self.due.next()),
                };
                self.set_order(cx.index, sort, due);
                Outcome::Say(format!(
                    "calendar: by {} · {}",
                    self.sort.as_str(),
                    self.due.label()
                ))
            }
            _ => Outcome::Unchanged,
        }
    }

    fn show(&mut self, cx: &Context, target: Target) -> bool {
        match target {
            Target::Catalyst(c) => {
                self.select_catalyst(cx.index, c);
                true
            }
            _ => false,
        }
    }

    fn record(&self, cx: &Context) -> Option<Record> {
        let c = self.catalyst(cx.index)?;
        match self.focus() {
            CalendarPane::Timeline | CalendarPane::Detail => Some(Record::Catalyst(c)),
            CalendarPane::Linked => {
                let row = self.cursor.row(CalendarPane::Linked);
                linked_entities(cx.index, c)
                    .get(row)
                    .map(|&e| Record::Entity(e))
            }
        }
    }

    fn selections(&self, ix: &Index) -> Vec<(&'static str, usize, usize)> {
        let c = &self.cursor;
        let row = |name, pane| (name, c.row(pane), self.pane_len(ix, pane));
        vec![
            row("calendar", CalendarPane::Timeline),
            row("calendar-linked", CalendarPane::Linked),
        ]
    }

    fn layout(&self, cx: &Context, area: Rect) -> HitMap {
        let list = self.list(cx.index);
        let rows = self.rows(cx, &list);
        let places = self.places(cx, area, &list, &rows);
        let mut map = HitMap::default();
        if let Some(main) = places.main {
            let shape = match self.view_widget(cx, area, &list, &rows, &places) {
                Main::Chart(chart) => chart.shape(main),
                Main::Grid(grid) => grid.shape(main),
                Main::Timeline(timeline) => timeline.shape(main, &cursor(self.selected(), true)),
            };
            map.pane(main, 0, shape);
        }
        if let Some([info, linked_area]) = places.details {
            let detail = self.focused_detail(cx);
            map.pane(info, 2, detail.shape(info));
            let entities = self.linked(cx);
            let linked_pane = self.linked_pane(cx, &entities);
            let state = self.linked_cursor();
            map.pane(linked_area, 1, linked_pane.shape(linked_area, &state));
        }
        map
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let list = self.list(cx.index);
        let rows = self.rows(cx, &list);
        let places = self.places(cx, area, &list, &rows);
        if let Some(main) = places.main {
            match self.view_widget(cx, area, &list, &rows, &places) {
                Main::Chart(chart) => frame.render_widget(chart, main),
                Main::Grid(grid) => frame.render_widget(grid, main),
                Main::Timeline(timeline) => {
                    frame.render_stateful_widget(timeline, main, &mut cursor(self.selected(), true))
                }
            }
        }
        if let Some([info, linked_area]) = places.details {
            frame.render_widget(self.focused_detail(cx), info);
            let entities = self.linked(cx);
            let linked_pane = self.linked_pane(cx, &entities);
            let mut state = self.linked_cursor();
            frame.render_stateful_widget(linked_pane, linked_area, &mut state);
        }
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
        let rows = timeline(&index, list, today, CatalystSort::Date);
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
