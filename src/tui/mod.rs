//! The interactive terminal UI: crossterm event -> [`keymap`] -> [`Action`] ->
//! [`App::update`] -> [`ui::view`]. Only `update` changes state; `view` is pure.

pub mod action;
pub mod app;
pub mod effects;
pub mod keymap;
pub mod list;
pub mod list_detail;
pub mod run;
pub mod screen;
pub mod searcher;
pub mod shelf;
pub mod state;
pub mod tabs;
pub mod ui;

pub use tabs::{calendar, explore, programs};

pub use action::{Action, Tab};
pub use app::App;

use crossterm::event::Event;

/// The action a terminal event asks of `app`: keys through the key table, resizes directly.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => app.keys().action_for(app.modes(), event),
    }
}

/// Applies a terminal event to `app`, action by action (each in the modes the one before
/// left); returns whether anything changed. Stops at a quit.
pub fn apply(app: &mut App, event: &Event) -> bool {
    if let Some(action) = click(app, event) {
        return app.update(action);
    }
    let mut changed = false;
    for event in keymap::unmeta(event) {
        for action in actions_for(app, &event) {
            changed |= app.update(action);
            if app.should_quit() {
                return changed;
            }
        }
    }
    changed
}

/// What a left click asks for, by where the screen drawn from the state at the terminal's
/// size puts things ([`ui::layout`]): a tab's name in the tab bar shows that tab, the search box takes the cursor, a pane takes the focus and a
/// row in it is selected. While the help or the full text covers the screen, clicks do
/// nothing (what they would land on is hidden). Wheel steps go through the key table.
pub fn click(app: &App, event: &Event) -> Option<Action> {
    use crossterm::event::{MouseButton, MouseEventKind};
    let Event::Mouse(mouse) = event else {
        return None;
    };
    if mouse.kind != MouseEventKind::Down(MouseButton::Left) {
        return None;
    }
    if app.help().is_some() || app.reader().is_some() {
        return None;
    }
    if mouse.row == 0 {
        return ui::bars::tab_at(mouse.column, app.size().0).map(Action::ShowTab);
    }
    match ui::layout(app).at(mouse.column, mouse.row)? {
        ui::hits::Hit::Search => Some(Action::FocusSearch),
        ui::hits::Hit::Pane { slot, row } => Some(Action::Click(slot, row)),
    }
}

/// Every action a terminal event asks for, in order. Pasted text goes into the search box
/// (control characters dropped) instead of running each character as a command, or into
/// the new program's name when that box is open.
pub fn actions_for(app: &App, event: &Event) -> Vec<Action> {
    match event {
        Event::Paste(text) => {
            let typed = text.chars().filter(|c| !c.is_control()).map(Action::Input);
            if app.modes().first() == Some(&keymap::Mode::Naming) {
                typed.collect()
            } else {
                std::iter::once(Action::FocusSearch).chain(typed).collect()
            }
        }
        _ => action_for(app, event).into_iter().collect(),
    }
}
