//! The Calendar tab: catalysts on a timeline (month headings, a today marker, past and
//! upcoming), a month grid or a chart of windows on a month axis, the selected catalyst's
//! details and linked entities, its keys (`v`, `f`, `t`, `h`/`l`) and its layout.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::book::sort::{CatalystSort, ListFilter, sort_catalysts};
use crate::index::Index;
use crate::model::{CatalystId, EntityId};
use crate::search::Target;
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{self, ListDetail, Pane};
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::{self, catalyst_chart, catalyst_detail, cursor, linked, month_grid, text};

use super::{Context, Outcome, Record, Tab, TabView};
use crate::tui::ui::hits::HitMap;

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

/// Where the Calendar puts its view (timeline, grid or chart) and the selected catalyst's
/// details (its text, then its linked entities); `None`: not drawn at this size.
struct Places {
    main: Option<Rect>,
    details: Option<[Rect; 2]>,
    /// The body is too short for both: the focused one takes it (Tab shows the other).
    compact: bool,
}

/// The view the Calendar shows.
enum Main<'a> {
    Chart(catalyst_chart::CatalystChart<'a>),
    Grid(month_grid::MonthGrid<'a>),
    Timeline(ui::timeline::Timeline<'a>),
}

impl Calendar {
    /// The timeline's rows for `list` (none for the chart, which has no timeline).
    fn rows(&self, cx: &Context, list: &[CatalystId]) -> Vec<TimelineRow> {
        if self.view == CalendarView::Chart {
            return Vec::new();
        }
        timeline(cx.index, list, cx.today, self.sort)
    }

    /// The month grid titled `title`.
    fn grid<'a>(
        &self,
        cx: &Context<'a>,
        list: &'a [CatalystId],
        title: String,
    ) -> month_grid::MonthGrid<'a> {
        month_grid::MonthGrid {
            index: cx.index,
            list,
            selected: (!list.is_empty()).then_some(self.selected()),
            month: self.grid_month(cx.index, cx.today),
            today: cx.today,
            title,
            focused: self.focus() == CalendarPane::Timeline,
            theme: cx.theme,
            keys: cx.keys,
        }
    }

    /// Where the view and the details go in `area`, for `list` and its timeline `rows`.
    fn places(
        &self,
        cx: &Context,
        area: Rect,
        list: &[CatalystId],
        rows: &[TimelineRow],
    ) -> Places {
        let ix = cx.index;
        let on_timeline = self.focus() == CalendarPane::Timeline;
        if self.view == CalendarView::Chart {
            // The chart wants the width: it sits above the details at every size, and
            // where both do not fit it takes the body alone (the focused one is shown).
            // The details get the rows the chart does not need (borders, axis, legend).
            let chart_rows = (list.len() as u16).saturating_add(6);
            let bottom = match area.height {
                h if h >= 30 => h.saturating_sub(chart_rows).max(12),
                h if h >= 20 => 9,
                _ => 0,
            };
            let [main, side] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(bottom)]).areas(area);
            let (main, side) = match (bottom, on_timeline) {
                (0, true) => (Some(main), None),
                (0, false) => (None, Some(area)),
                _ => (Some(main), Some(side)),
            };
            return Places {
                main,
                details: side.map(details_split),
                compact: false,
            };
        }
        // Below 20 rows the view and the details do not both fit whole: the focused one
        // takes the body (Tab shows the other, as the titles say).
        if area.height < 20 {
            return Places {
                main: on_timeline.then_some(area),
                details: (!on_timeline).then(|| details_split(area)),
                compact: true,
            };
        }
        let linked = self
            .catalyst(ix)
            .map_or(0, |c| linked_entities(ix, c).len());
        let detail = self.detail(cx, None);
        if area.width >= 100 {
            let [main, side] =
                Layout::horizontal([Constraint::Percentage(64), Constraint::Fill(1)]).areas(area);
            // The detail as tall as its text, the linked entities the rest (the focused
            // one first when both cannot be whole).
            let linked_ask = Ask::new(stack::WHOLE, linked.max(1) as u16 + 2);
            let detail_ask = Ask::new(stack::WHOLE, detail.height(side.width));
            let on_linked = self.focus() == CalendarPane::Linked;
            let asks = match self.focus() {
                CalendarPane::Timeline => [detail_ask, linked_ask],
                CalendarPane::Linked => [detail_ask, linked_ask.focused()],
                CalendarPane::Detail => [detail_ask.focused(), linked_ask],
            };
            let priority: &[usize] = if on_linked { &[1, 0] } else { &[0, 1] };
            let rows = stack::heights(side.height, &asks, priority);
            let details =
                Layout::vertical([Constraint::Length(rows[0]), Constraint::Fill(1)]).areas(side);
            return Places {
                main: Some(main),
                details: Some(details),
                compact: false,
            };
        }
        // The view above the details, each as tall as its content when there is room
        // (the focused one served first); the details are the catalyst's text beside
        // its linked entities, as tall as the taller of the two.
        let [info, _] = details_split(area);
        let details_want = detail.height(info.width).max(linked.max(1) as u16 + 2);
        let view = match self.view {
            CalendarView::Grid => Ask::new(
                month_grid::MIN_HEIGHT,
                self.grid(cx, list, String::new()).height(area.width),
            ),
            _ => Ask::new(stack::WHOLE, rows.len().max(1) as u16 + 2),
        };
        let asks = [
            if on_timeline { view.focused() } else { view },
            Ask::new(stack::WHOLE, details_want),
        ];
        let priority: &[usize] = if on_timeline { &[0, 1] } else { &[1, 0] };
        let heights = stack::heights(area.height, &asks, priority);
        let [main, side] =
            Layout::vertical([Constraint::Length(heights[0]), Constraint::Fill(1)]).areas(area);
        Places {
            main: Some(main),
            details: Some(details_split(side)),
            compact: false,
        }
    }

    /// The view (chart, grid or timeline) of `list` as the state shows it in `area` (the
    /// body, which its title is fitted to) laid out as `places`.
    fn view_widget<'a>(
        &self,
        cx: &Context<'a>,
        area: Rect,
        list: &'a [CatalystId],
        rows: &'a [TimelineRow],
        places: &Places,
    ) -> Main<'a> {
        let ix = cx.index;
        let shown = self.due.shown(list.len(), self.unfiltered_len(ix));
        let f = cx.keys.key_for(Action::ToggleFilter);
        let filter = match self.filter {
            Some(e) => format!(
                "{} only; {f}: all",
                text::clean(ix.entity(e).display_symbol())
            ),
            // Narrow titles name the filter key shortly, to leave room for the rest.
            None if area.width < 70 => format!("all; {f}: ticker"),
            None => format!("all; {f}: selected ticker"),
        };
        let next = format!(
            "{}: {}",
            cx.keys.key_for(Action::CycleView),
            self.view.next().name()
        );
        // What an empty view says: the filter hides every catalyst, or there are none.
        let due = match self.due {
            ListFilter::All => String::new(),
            ListFilter::Upcoming => " upcoming".to_string(),
            ListFilter::Within(days) => format!(" within {days}d"),
        };
        let widen = cx.keys.key_for(Action::CycleFilter);
        let empty = match (self.filter, self.due) {
            (Some(e), ListFilter::All) => format!(
                "no catalyst for {} ({f}: all)",
                text::clean(ix.entity(e).display_symbol())
            ),
            (Some(e), _) => format!(
                "no catalyst{due} for {} ({f}: all, {widen}: due filter)",
                text::clean(ix.entity(e).display_symbol())
            ),
            (None, ListFilter::All) => "no catalysts in the data".to_string(),
            (None, _) => format!("no catalyst{due} ({widen}: due filter)"),
        };
        let on_timeline = self.focus() == CalendarPane::Timeline;
        // An order other than by date is named in the title, as the other lists do.
        let by = match self.sort {
            CatalystSort::Date => String::new(),
            sort => format!(" by {}", sort.as_str()),
        };
        let details = if places.compact {
            format!("; {}: details", cx.keys.key_for(Action::NextPane))
        } else {
            String::new()
        };
        match self.view {
            CalendarView::Chart => Main::Chart(catalyst_chart::CatalystChart {
                index: ix,
                list,
                selected: (!list.is_empty()).then_some(self.selected()),
                pan: self.pan,
                today: cx.today,
                title: format!("Chart{by} ({shown}, {filter}; {next})"),
                empty,
                focused: on_timeline,
                theme: cx.theme,
                details_hint: places
                    .details
                    .is_none()
                    .then(|| format!("{}: details", cx.keys.key_for(Action::NextPane))),
            }),
            CalendarView::Grid => Main::Grid(self.grid(
                cx,
                list,
                match self.due {
                    ListFilter::All => format!("Month grid ({filter}; {next}{details})"),
                    due => format!("Month grid ({}; {filter}; {next}{details})", due.label()),
                },
            )),
            _ => Main::Timeline(ui::timeline::Timeline {
                index: ix,
                list,
                rows,
                sort: self.sort,
                today: cx.today,
                title: format!("Timeline{by} ({shown}, {filter}{details})"),
                empty,
                focused: on_timeline,
                theme: cx.theme,
            }),
        }
    }

    /// The selected catalyst's text, scrolled when it has the focus.
    fn focused_detail<'a>(&self, cx: &Context<'a>) -> catalyst_detail::CatalystDetail<'a> {
        let on_detail = self.focus() == CalendarPane::Detail;
        self.detail(
            cx,
            on_detail.then(|| self.cursor.skip(CalendarPane::Detail)),
        )
    }

    /// The selected catalyst's linked entities, named ones first.
    fn linked(&self, cx: &Context) -> Vec<EntityId> {
        let selected = self.catalyst(cx.index);
        selected.map_or_else(Vec::new, |c| linked_entities(cx.index, c))
    }

    /// The pane of the selected catalyst's linked `entities`.
    fn linked_pane<'a>(
        &self,
        cx: &Context<'a>,
        entities: &'a [EntityId],
    ) -> linked::LinkedEntities<'a> {
        let named = self
            .catalyst(cx.index)
            .map_or(0, |c| cx.index.catalyst(c).entities.len());
        linked::LinkedEntities {
            keys: cx.keys,
            index: cx.index,
            entities,
            named,
            focused: self.focus() == CalendarPane::Linked,
            theme: cx.theme,
        }
    }

    /// The cursor of the linked entities.
    fn linked_cursor(&self) -> ratatui::widgets::ListState {
        let on_linked = self.focus() == CalendarPane::Linked;
        cursor(self.cursor.row(CalendarPane::Linked), on_linked)
    }
}

/// The details below a view: the catalyst's text and, beside it, its linked entities.
fn details_split(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
}

impl Calendar {
    /// The selected catalyst's text pane, shown from line `scroll` when it has the focus.
    fn detail<'a>(
        &self,
        cx: &Context<'a>,
        scroll: Option<usize>,
    ) -> catalyst_detail::CatalystDetail<'a> {
        catalyst_detail::CatalystDetail {
            index: cx.index,
            catalyst: self.catalyst(cx.index),
            today: cx.today,
            scroll,
            theme: cx.theme,
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
