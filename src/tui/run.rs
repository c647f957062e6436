//! The terminal loop: the only code that touches the real terminal. It blocks on input
//! (no CPU while idle), redraws only after an action changed something, and always gives
//! the terminal back: on return, on error and on panic.

use std::io::{self, Stdout, stdout};
use std::sync::Once;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::{Action, action_for, ui};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// Gives the terminal back: raw mode off, mouse released, alternate screen left, cursor shown.
pub fn restore() -> io::Result<()> {
    let raw = disable_raw_mode();
    let screen = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    raw.and(screen)
}

/// Restores the terminal when dropped, so early returns and unwinding clean up too.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Restores the terminal before the default panic message is printed (installed once).
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = restore();
            previous(info);
        }));
    });
}

/// Runs `app` in the terminal until the user quits.
pub fn run(app: App) -> io::Result<()> {
    install_panic_hook();
    let guard = Guard;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
    let result = event_loop(&mut terminal, app);
    drop(guard);
    result
}

fn event_loop(terminal: &mut Term, mut app: App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::view(&app, frame))?;
    loop {
        // Blocking read: the process sleeps until the terminal sends something.
        let event = event::read()?;
        let Some(action) = action_for(&app, &event) else {
            continue;
        };
        let changed = app.update(action);
        if app.should_quit() {
            return Ok(());
        }
        if changed {
            terminal.draw(|frame| ui::view(&app, frame))?;
        }
    }
}
