//! The terminal loop: the only code that touches the real terminal. It blocks on input
//! (no CPU while idle), redraws only after an action changed something, and always gives
//! the terminal back: on return, on error and on panic.

use std::io::{self, Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::{Action, actions_for, ui};

/// The real terminal.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether the terminal is in TUI mode; restoring twice would move the cursor back to where
/// the alternate screen was entered, over a panic message printed in between.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back: raw mode off, mouse and paste released, alternate screen left,
/// cursor shown.
/// Does nothing when no session is active, so the panic hook and `Drop` can both call it.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let raw = disable_raw_mode();
    let screen = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    raw.and(screen)
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

/// The terminal in TUI mode (raw, alternate screen, mouse reported) for as long as it lives;
/// dropping it, returning early with an error or panicking all give the terminal back.
pub struct Session {
    terminal: Term,
}

impl Session {
    /// Installs the panic hook and switches the terminal to TUI mode.
    pub fn start() -> io::Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let terminal = (|| {
            execute!(
                stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                EnableBracketedPaste
            )?;
            Terminal::new(CrosstermBackend::new(stdout()))
        })();
        match terminal {
            Ok(terminal) => Ok(Session { terminal }),
            Err(e) => {
                let _ = restore();
                Err(e)
            }
        }
    }

    /// The terminal to draw on.
    pub fn terminal(&mut self) -> &mut Term {
        &mut self.terminal
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = restore();
    }
}

/// Runs `app` in the terminal until the user quits.
pub fn run(app: App) -> io::Result<()> {
    let mut session = Session::start()?;
    event_loop(session.terminal(), app)
}

fn event_loop(terminal: &mut Term, mut app: App) -> io::Result<()> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::view(&app, frame))?;
    loop {
        // Blocking read: the process sleeps until the terminal sends something.
        let event = event::read()?;
        let mut changed = false;
        for action in actions_for(&app, &event) {
            changed |= app.update(action);
            if app.should_quit() {
                return Ok(());
            }
        }
        if changed {
            terminal.draw(|frame| ui::view(&app, frame))?;
        }
    }
}
