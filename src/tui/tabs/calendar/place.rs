//! Where the Calendar puts its view (timeline, month grid or chart) and the selected
//! catalyst's details at a size, and the widgets it draws there: the placing code both its
//! view and its layout (what a click or a step acts on) read.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{Calendar, CalendarPane, CalendarView, TimelineRow, linked_entities, timeline};
use crate::book::sort::{CatalystSort, ListFilter};
use crate::model::{CatalystId, EntityId};
use crate::tui::action::Action;
use crate::tui::tabs::Context;
use crate::tui::ui::stack::{self, Ask};
use crate::tui::ui::{self, catalyst_chart, catalyst_detail, cursor, linked, month_grid, text};

/// Where the Calendar puts its view (timeline, grid or chart) and the selected catalyst's
/// details (its text, then its linked entities); `None`: not drawn at this size.
pub(super) struct Places {
    pub(super) main: Option<Rect>,
    pub(super) details: Option<[Rect; 2]>,
    /// The body is too short for both: the focused one takes it (Tab shows the other).
    compact: bool,
}

/// The view the Calendar shows.
pub(super) enum Main<'a> {
    Chart(catalyst_chart::CatalystChart<'a>),
    Grid(month_grid::MonthGrid<'a>),
    Timeline(ui::timeline::Timeline<'a>),
}

impl Calendar {
    /// The timeline's rows for `list` (none for the chart, which has no timeline).
    pub(super) fn rows(&self, cx: &Context, list: &[CatalystId]) -> Vec<TimelineRow> {
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
    pub(super) fn places(
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
    pub(super) fn view_widget<'a>(
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
    pub(super) fn focused_detail<'a>(
        &self,
        cx: &Context<'a>,
    ) -> catalyst_detail::CatalystDetail<'a> {
        let on_detail = self.focus() == CalendarPane::Detail;
        self.detail(
            cx,
            on_detail.then(|| self.cursor.skip(CalendarPane::Detail)),
        )
    }

    /// The selected catalyst's linked entities, named ones first.
    pub(super) fn linked(&self, cx: &Context) -> Vec<EntityId> {
        let selected = self.catalyst(cx.index);
        selected.map_or_else(Vec::new, |c| linked_entities(cx.index, c))
    }

    /// The pane of the selected catalyst's linked `entities`.
    pub(super) fn linked_pane<'a>(
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
    pub(super) fn linked_cursor(&self) -> ratatui::widgets::ListState {
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
