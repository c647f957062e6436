//! Drawing: [`view`] turns an [`App`] into a frame. It is pure: it reads the app (never the
//! clock or the disk) and lays out one widget per pane.

pub mod bars;
pub mod catalyst_detail;
pub mod entity_catalysts;
pub mod entity_header;
pub mod exposures;
pub mod help;
pub mod linked;
pub mod month_grid;
pub mod pane;
pub mod preview;
pub mod program_detail;
pub mod program_list;
pub mod results;
pub mod sources;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::ListState;

use crate::search::Target;
use crate::tui::action::Tab;
use crate::tui::app::App;
use crate::tui::calendar::{self, CalendarPane};
use crate::tui::explore::ExplorePane;
use crate::tui::keymap;
use crate::tui::programs::{self, ProgramsPane};
use theme::Theme;

/// Smallest terminal the full layout is drawn in; below it one line says so.
pub const MIN_SIZE: (u16, u16) = (60, 15);

/// Draws the whole screen for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "Terminal too small ({}x{}, need {}x{})",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        frame.render_widget(Line::raw(text::fit(&text, area.width as usize)), area);
        return;
    }
    let theme = Theme::new(app.color());
    let [top, body, bottom] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(
        bars::TabBar {
            active: app.tab(),
            today: app.today(),
            theme,
        },
        top,
    );
    match app.tab() {
        Tab::Explore => explore(app, frame, body, theme),
        Tab::Programs => programs(app, frame, body, theme),
        Tab::Calendar => calendar(app, frame, body, theme),
    }
    let hints = keymap::hints(app.modes());
    frame.render_widget(
        bars::StatusBar {
            badge: app.modes()[0].badge(),
            message: app.message(),
            hints: &hints,
            theme,
        },
        bottom,
    );
    if let Some(scroll) = app.help() {
        frame.render_widget(help::HelpOverlay { scroll, theme }, area);
    }
}

/// A list cursor for a pane: the selection when `shown`, none otherwise.
fn cursor(selected: usize, shown: bool) -> ListState {
    ListState::default().with_selected(shown.then_some(selected))
}

fn explore(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let (ix, ex, today) = (app.index(), app.explore(), app.today());
    let [search, main] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    let search_box = results::SearchBox {
        query: &ex.query,
        focused: app.searching(),
        theme,
    };
    if app.searching() {
        frame.set_cursor_position(search_box.cursor(search));
    }
    frame.render_widget(search_box, search);
    let left_width = (area.width * 45 / 100).clamp(40, 56);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(main);
    let list = results::ResultsList {
        rows: &ex.results,
        searched: !ex.query.trim().is_empty(),
        index: ix,
        today,
        focused: ex.focus == ExplorePane::Results && !app.searching(),
        theme,
    };
    frame.render_stateful_widget(list, left, &mut cursor(ex.selected, true));
    let entity = match ex.target() {
        Some(Target::Entity(e)) => e,
        Some(target) => {
            let preview = preview::Preview {
                index: ix,
                target,
                today,
                theme,
            };
            frame.render_widget(preview, right);
            return;
        }
        None => return,
    };
    let sources = ix.sources_of(entity);
    let catalyst_ids = ix.catalysts_of(entity);
    let focused = |pane| ex.focus == pane && !app.searching();
    let exposures_pane = exposures::ExposuresPane {
        index: ix,
        entity,
        focused: focused(ExplorePane::Exposures),
        theme,
    };
    let tall = right.height >= 30;
    let header_height = if tall { 6 } else { 4 };
    let sources_height = (sources.len() as u16 + 2).clamp(3, if tall { 7 } else { 4 });
    // Panes that fit take what they need; the rest share what is left.
    let room = right.height.saturating_sub(header_height + sources_height);
    let need = [
        exposures_pane.height(right.width),
        catalyst_ids.len().max(1) as u16 + 2,
    ];
    let fits = need.map(|n| n <= room / 2 || need[0] + need[1] <= room);
    let sized = |i: usize| match fits[i] {
        true => Constraint::Length(need[i]),
        false => Constraint::Fill(1),
    };
    let sources_size = match fits {
        [true, true] => Constraint::Fill(1),
        _ => Constraint::Length(sources_height),
    };
    let [header, exposures, catalysts, sources_area] = Layout::vertical([
        Constraint::Length(header_height),
        sized(0),
        sized(1),
        sources_size,
    ])
    .areas(right);
    let e = ix.entity(entity);
    let header_widget = entity_header::EntityHeader {
        entity: e,
        parent: e.parent.map(|p| ix.entity(p)),
        theme,
    };
    frame.render_widget(header_widget, header);
    let shown = focused(ExplorePane::Exposures);
    frame.render_stateful_widget(exposures_pane, exposures, &mut cursor(ex.exposure, shown));
    let catalysts_pane = entity_catalysts::EntityCatalysts {
        index: ix,
        catalysts: catalyst_ids,
        today,
        focused: focused(ExplorePane::Catalysts),
        theme,
    };
    let shown = focused(ExplorePane::Catalysts);
    frame.render_stateful_widget(catalysts_pane, catalysts, &mut cursor(ex.catalyst, shown));
    let sources_pane = sources::SourcesPane {
        index: ix,
        sources: &sources,
        focused: focused(ExplorePane::Sources),
        theme,
    };
    let shown = focused(ExplorePane::Sources);
    frame.render_stateful_widget(sources_pane, sources_area, &mut cursor(ex.source, shown));
}

fn programs(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let (ix, state) = (app.index(), app.programs());
    let left_width = (area.width * 35 / 100).clamp(28, 44);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(area);
    let list = program_list::ProgramList {
        index: ix,
        today: app.today(),
        focused: state.focus == ProgramsPane::List,
        theme,
    };
    frame.render_stateful_widget(list, left, &mut cursor(state.selected, true));
    let Some(id) = state.program(ix) else { return };
    let program = ix.program(id);
    let funding_height = program_detail::funding_rows(program).min(8) as u16 + 2;
    let [header, funding, linked] = Layout::vertical([
        Constraint::Length(if right.height >= 30 { 6 } else { 5 }),
        Constraint::Length(funding_height),
        Constraint::Fill(1),
    ])
    .areas(right);
    let status = ix.program_status(id, app.today());
    frame.render_widget(
        program_detail::ProgramHeader {
            program,
            status,
            theme,
        },
        header,
    );
    frame.render_widget(program_detail::FundingPane { program, theme }, funding);
    let exposures = programs::by_role(ix, id);
    let linked_pane = linked::LinkedByRole {
        index: ix,
        exposures: &exposures,
        focused: state.focus == ProgramsPane::Entities,
        theme,
    };
    let shown = state.focus == ProgramsPane::Entities;
    frame.render_stateful_widget(linked_pane, linked, &mut cursor(state.entity, shown));
}

fn calendar(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let (ix, cal, today) = (app.index(), app.calendar(), app.today());
    let list = cal.list(ix);
    let wide = area.width >= 100;
    let [main, side] = if wide {
        Layout::horizontal([Constraint::Percentage(64), Constraint::Fill(1)]).areas(area)
    } else {
        Layout::vertical([Constraint::Fill(1), Constraint::Length(9)]).areas(area)
    };
    let on_timeline = cal.focus == CalendarPane::Timeline;
    let filter = match cal.filter {
        Some(e) => format!(
            "{} only; f: all",
            text::clean(ix.entity(e).display_symbol())
        ),
        None => "all; f: selected ticker".to_string(),
    };
    if cal.grid {
        let grid = month_grid::MonthGrid {
            index: ix,
            list,
            selected: (!list.is_empty()).then_some(cal.selected),
            today,
            title: format!("Month grid ({filter}; v: timeline)"),
            focused: on_timeline,
            theme,
        };
        frame.render_widget(grid, main);
    } else {
        let rows = calendar::timeline(ix, list, today);
        let timeline = timeline::Timeline {
            index: ix,
            list,
            rows: &rows,
            today,
            title: format!("Timeline ({}, {filter})", list.len()),
            focused: on_timeline,
            theme,
        };
        frame.render_stateful_widget(timeline, main, &mut cursor(cal.selected, true));
    }
    let selected = cal.catalyst(ix);
    let linked_entities = selected.map_or_else(Vec::new, |c| calendar::linked_entities(ix, c));
    let named = selected.map_or(0, |c| ix.catalyst(c).entities.len());
    let [info, linked_area] = if wide {
        let h = (linked_entities.len() as u16 + 2).clamp(3, 12);
        Layout::vertical([Constraint::Fill(1), Constraint::Length(h)]).areas(side)
    } else {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(side)
    };
    let detail = catalyst_detail::CatalystDetail {
        index: ix,
        catalyst: selected,
        today,
        theme,
    };
    frame.render_widget(detail, info);
    let linked_pane = linked::LinkedEntities {
        index: ix,
        entities: &linked_entities,
        named,
        focused: !on_timeline,
        theme,
    };
    frame.render_stateful_widget(
        linked_pane,
        linked_area,
        &mut cursor(cal.linked, !on_timeline),
    );
}
