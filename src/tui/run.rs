//! The terminal loop: the only code that touches the real terminal. It blocks on input
//! (no CPU while idle), redraws only after an action changed something, scores searches on
//! a worker thread so typing is never held up, and always gives the terminal back: on
//! return, on error and on panic.

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Once};
use std::thread;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::app::App;
use super::effects::{Outside, perform};
use super::explore::{ResultRow, results_in};
use super::{Action, ui};
use crate::index::Index;
use crate::search;

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
    /// Installs the panic hook and switches the terminal to TUI mode; `mouse: false`
    /// leaves the mouse to the terminal (its own text selection).
    pub fn start(mouse: bool) -> io::Result<Session> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let terminal = (|| {
            execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
            if mouse {
                execute!(stdout(), EnableMouseCapture)?;
            }
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

/// Runs `app` in the terminal until the user quits; returns the app as it ended, for the
/// state to remember.
pub fn run(app: App, outside: Outside, mouse: bool) -> io::Result<App> {
    let mut session = Session::start(mouse)?;
    event_loop(session.terminal(), app.with_background_search(), &outside)
}

/// What wakes the loop: the terminal, or the search worker with results.
enum Wake {
    Input(io::Result<Event>),
    Results(String, Vec<ResultRow>),
}

/// Scores queries off the input thread. Queries that arrive while one is scored pile up;
/// only the newest is scored next, so fast typing never queues stale work.
fn spawn_search_worker(index: Arc<Index>, wake: Sender<Wake>) -> Sender<String> {
    let (tx, rx) = mpsc::channel::<String>();
    thread::spawn(move || {
        // Build the search catalog now, while the user reads the first screen.
        index.searcher();
        let mut session = search::Session::default();
        while let Ok(mut query) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                query = newer;
            }
            let rows = results_in(&index, &mut session, &query);
            if wake.send(Wake::Results(query, rows)).is_err() {
                return;
            }
        }
    });
    tx
}

fn event_loop(terminal: &mut Term, mut app: App, outside: &Outside) -> io::Result<App> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|frame| ui::view(&app, frame))?;
    let (wake_tx, wake) = mpsc::channel();
    let searches = spawn_search_worker(app.shared_index(), wake_tx.clone());
    // Blocking reads on their own thread: the process sleeps until the terminal sends
    // something or results arrive.
    thread::spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if wake_tx.send(Wake::Input(event)).is_err() || failed {
                return;
            }
        }
    });
    for message in wake {
        let changed = match message {
            Wake::Input(event) => {
                let event = event?;
                let changed = match super::click(&app, &event) {
                    Some(action) => app.update(action),
                    None => super::apply(&mut app, &event),
                };
                perform(&mut app, outside);
                if app.should_quit() {
                    return Ok(app);
                }
                if let Some(query) = app.take_search() {
                    // The worker only stops when this loop ends.
                    let _ = searches.send(query);
                }
                changed
            }
            Wake::Results(query, rows) => app.receive_results(&query, rows),
        };
        if changed {
            terminal.draw(|frame| ui::view(&app, frame))?;
        }
    }
    Ok(app)
}
