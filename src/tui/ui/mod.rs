//! Drawing: [`view`] turns an [`App`] into a frame. It is pure: it reads the app (never the
//! clock or the disk), draws the tab bar and status bar, and leaves the body to the tab on
//! screen (its `TabView::render`, in `tui::tabs`). The modules here are the pane widgets
//! the tabs compose.

pub mod bars;
pub mod catalyst_chart;
pub mod catalyst_detail;
pub mod entity_catalysts;
pub mod entity_header;
pub mod exposures;
pub mod full_text;
pub mod funding_chart;
pub mod help;
pub mod hits;
pub mod linked;
pub mod month_grid;
pub mod pane;
pub mod preview;
pub mod program_detail;
pub mod program_list;
pub mod results;
pub mod sources;
pub mod stack;
pub mod text;
pub mod theme;
pub mod timeline;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::ListState;

use crate::tui::app::App;

/// Smallest terminal the full layout is drawn in; below it one line says so.
pub const MIN_SIZE: (u16, u16) = (60, 15);

/// Draws the whole screen for `app`.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some([top, body, bottom]) = rows(area) else {
        let text = too_small(area.width, area.height);
        let para = [(text, ratatui::style::Style::new())];
        let lines = text::clipped(&para, area.width as usize, area.height as usize);
        frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
        return;
    };
    let theme = app.theme();
    frame.render_widget(
        bars::TabBar {
            active: app.tab(),
            today: app.today(),
            theme,
        },
        top,
    );
    app.tabs()
        .get(app.tab())
        .render(&app.context(), frame, body);
    if let Some((record, scroll)) = app.reader() {
        let reader = full_text::FullText {
            index: app.index(),
            record,
            scroll,
            today: app.today(),
            theme,
            keys: app.keys(),
        };
        frame.render_widget(reader, full_text::area(area));
    }
    let hints = app.keys().hints(app.modes());
    // Help opens with its key only while browsing; elsewhere the key is typed or closes.
    let browsing = app.modes().contains(&crate::tui::keymap::Mode::Browse);
    let more = browsing.then(|| app.keys().key_for(crate::tui::action::Action::ToggleHelp));
    frame.render_widget(
        bars::StatusBar {
            badge: app.modes()[0].badge(),
            warning: app.warning(),
            message: app.message(),
            hints: &hints,
            more,
            theme,
        },
        bottom,
    );
    if let Some(scroll) = app.help() {
        let keys = app.keys();
        frame.render_widget(
            help::HelpOverlay {
                scroll,
                theme,
                keys,
            },
            area,
        );
    }
}

/// The screen's rows: the tab bar, the tab's body and the status bar; `None` below the
/// minimum size, where only a line saying so is drawn.
fn rows(area: ratatui::layout::Rect) -> Option<[ratatui::layout::Rect; 3]> {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return None;
    }
    Some(
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ])
        .areas(area),
    )
}

/// Where the screen `app` shows at its size (the terminal's, as the last resize reported
/// it) puts what a click selects and how far the focused pane's selected item overflows.
/// A function of the state alone: the tab on screen places its body with the code its
/// view draws with (see [`hits`]), so what a key or a click acts on is what the screen
/// shows, before the first frame and right after a resize too, never what an older frame
/// drew. Nothing is drawn. (The bars hold nothing a pane's step reads, and a click is
/// ignored while an overlay covers the panes.)
pub fn layout(app: &App) -> hits::HitMap {
    let (width, height) = app.size();
    let area = ratatui::layout::Rect::new(0, 0, width, height);
    let Some([_, body, _]) = rows(area) else {
        return hits::HitMap::default();
    };
    app.tabs().get(app.tab()).layout(&app.context(), body)
}

/// The line shown below the minimum size, naming the dimension that is short.
pub fn too_small(width: u16, height: u16) -> String {
    let mut short = Vec::new();
    if width < MIN_SIZE.0 {
        short.push(format!("{width} columns, need {}", MIN_SIZE.0));
    }
    if height < MIN_SIZE.1 {
        short.push(format!("{height} rows, need {}", MIN_SIZE.1));
    }
    format!("Terminal too small: {}", short.join("; "))
}

/// A list cursor for a pane: the selection when `shown`, none otherwise.
pub fn cursor(selected: usize, shown: bool) -> ListState {
    ListState::default().with_selected(shown.then_some(selected))
}
