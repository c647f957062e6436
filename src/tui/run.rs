//! The terminal loop: the only code that touches the real terminal. It blocks on input
//! (no CPU while idle), redraws only after an action changed something, scores searches on
//! a worker thread so typing is never held up (a key's frame waits for its results a few
//! milliseconds at most, so one frame shows both), and always gives the terminal back: on
//! return, on error, on panic, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT (then dies of that
//! signal, as the shell expects). Ctrl-Z (or SIGTSTP) gives the terminal back before the
//! process stops, and takes it again and redraws everything on `fg` (SIGCONT).

use std::io::{self, Stdout, stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Once};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;
use signal_hook::low_level::emulate_default_handler;

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

/// Whether TUI mode captures the mouse (the config's `mouse`); read again on `fg`.
static MOUSE: AtomicBool = AtomicBool::new(true);

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

/// Switches the terminal to TUI mode (raw, alternate screen, mouse and paste reported),
/// giving it back if that fails half-way.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let entered = execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste).and_then(|()| {
        if MOUSE.load(Ordering::SeqCst) {
            execute!(stdout(), EnableMouseCapture)
        } else {
            Ok(())
        }
    });
    if entered.is_err() {
        let _ = restore();
    }
    entered
}

impl Session {
    /// Installs the panic hook and switches the terminal to TUI mode.
    /// `mouse: false` leaves the mouse to the terminal (its own text selection).
    pub fn start(mouse: bool) -> io::Result<Session> {
        MOUSE.store(mouse, Ordering::SeqCst);
        install_panic_hook();
        enter()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()));
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

/// Signals that end the TUI: the terminal is given back, then the process dies of the signal.
const ENDING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Runs `app` in the terminal until the user quits or a signal ends it; returns the app as
/// the user left it, for the state to remember.
pub fn run(app: App, outside: Outside, mouse: bool) -> io::Result<App> {
    // Watch signals before touching the terminal, so none can leave it raw.
    let signals = Signals::new(ENDING.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let watching = signals.handle();
    let mut app = app.with_background_search();
    let ended_by = {
        let mut session = Session::start(mouse)?;
        event_loop(session.terminal(), &mut app, signals, &outside)
    };
    // The session is dropped: the terminal is back.
    watching.close();
    if let Some(signal) = ended_by? {
        // Die of it (exit status 128 + n, core for SIGQUIT), as the shell expects.
        emulate_default_handler(signal)?;
    }
    Ok(app)
}

/// Gives the terminal back and stops the process (Ctrl-Z, SIGTSTP); on `fg`, takes the
/// terminal again and clears it so the next draw repaints everything.
fn suspend(terminal: &mut Term) -> io::Result<()> {
    restore()?;
    emulate_default_handler(SIGTSTP)?;
    resume(terminal)
}

/// After a stop (ours or anyone's SIGSTOP): TUI mode again and a full redraw.
fn resume(terminal: &mut Term) -> io::Result<()> {
    if !ACTIVE.load(Ordering::SeqCst) {
        enter()?;
    } else {
        // A stop we did not ask for: the shell may have reset the modes.
        enable_raw_mode()?;
    }
    // Not `terminal.clear()`: it asks the terminal for the cursor position, and the answer
    // would go to the input thread. Clear the screen and forget what was drawn instead.
    execute!(stdout(), Clear(ClearType::All))?;
    terminal.current_buffer_mut().reset();
    terminal.swap_buffers();
    Ok(())
}

/// Ctrl-Z: raw mode turns it into a key instead of SIGTSTP.
fn is_suspend_key(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Char('z')
        && k.modifiers == KeyModifiers::CONTROL
        && k.kind == KeyEventKind::Press)
}

/// What wakes the loop: the terminal, the search worker with results, or a signal.
enum Wake {
    Input(io::Result<Event>),
    /// Rows for a query, all of them or (not `whole`) the first ones.
    Results {
        query: String,
        rows: Vec<ResultRow>,
        index: Arc<Index>,
        whole: bool,
    },
    Signal(i32),
}

/// A query with the index it is for (an inbox decision replaces the index).
type Ask = (String, (Arc<Index>, Arc<super::searcher::Lazy>));

/// Scores queries off the input thread. Queries that arrive while one is scored pile up;
/// only the newest is scored next, so fast typing never queues stale work.
fn spawn_search_worker(
    (index, searcher): (Arc<Index>, Arc<super::searcher::Lazy>),
    wake: Sender<Wake>,
) -> Sender<Ask> {
    let (tx, rx) = mpsc::channel::<Ask>();
    thread::spawn(move || {
        let (mut index, mut searcher) = (index, searcher);
        // Build the search catalog (and what speeds up its scans) now, while the user reads
        // the first screen.
        super::app::lazy(&searcher, &index).warm();
        let mut session = search::Session::default();
        while let Ok(mut ask) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                ask = newer;
            }
            let (query, (ix, cell)) = ask;
            if !Arc::ptr_eq(&ix, &index) {
                // A new index: the narrowed matches of the old one mean nothing.
                (index, searcher) = (ix, cell);
                session = search::Session::default();
            }
            let found = super::app::lazy(&searcher, &index);
            let results = |rows, whole| Wake::Results {
                query: query.clone(),
                rows,
                index: Arc::clone(&index),
                whole,
            };
            // The first hits at once when the search must look at every text for the rest
            // (a large catalog, few strong matches): a few milliseconds sooner on screen.
            let mut early = |rows| {
                let _ = wake.send(results(rows, false));
            };
            let rows = results_in(&index, found, &mut session, &query, &mut early);
            if wake.send(results(rows, true)).is_err() {
                return;
            }
            // A new index's searcher, once its first results are out.
            found.warm();
        }
    });
    tx
}

/// Runs until the user quits (`None`) or an ending signal arrives (`Some(signal)`).
fn event_loop(
    terminal: &mut Term,
    app: &mut App,
    mut signals: Signals,
    outside: &Outside,
) -> io::Result<Option<i32>> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    draw(terminal, app)?;
    let (wake_tx, wake) = mpsc::channel();
    let searches = spawn_search_worker(app.shared_index(), wake_tx.clone());
    let signal_tx = wake_tx.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal_tx.send(Wake::Signal(signal)).is_err() {
                return;
            }
        }
    });
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
    let mut frame = Frame::default();
    loop {
        let message = match frame.due() {
            None => wake.recv().ok(),
            Some(due) => match wake.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => {
                    frame = Frame::default();
                    draw(terminal, app)?;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        let Some(message) = message else {
            break;
        };
        let mut searched = false;
        let changed = match message {
            Wake::Signal(SIGTSTP) => suspend(terminal).map(|()| true)?,
            Wake::Signal(SIGCONT) => resume(terminal).map(|()| true)?,
            Wake::Signal(signal) => return Ok(Some(signal)),
            Wake::Input(Ok(event)) if is_suspend_key(&event) => suspend(terminal).map(|()| true)?,
            Wake::Input(event) => {
                let event = event?;
                let changed = super::apply(app, &event);
                perform(app, outside);
                if app.should_quit() {
                    return Ok(None);
                }
                if let Some(query) = app.take_search() {
                    searched = searches.send((query, app.shared_index())).is_ok();
                }
                changed
            }
            Wake::Results {
                query,
                rows,
                index,
                whole,
            } => {
                Arc::ptr_eq(&index, &app.shared_index().0)
                    && app.receive_results(&query, rows, whole)
            }
        };
        if frame.after(changed, searched, Instant::now()) {
            draw(terminal, app)?;
        }
    }
    Ok(None)
}

/// How long a key that asked for a search holds its frame for the results: under a frame at
/// 60 Hz. Drawing the typed query at once, then its results, took the core the worker needed
/// (and the terminal's, to parse a frame about to be replaced).
const HOLD_FOR_RESULTS: Duration = Duration::from_millis(12);

/// Whether a frame is held for a search's results, and until when.
#[derive(Default)]
struct Frame {
    held_until: Option<Instant>,
}

impl Frame {
    /// When a held frame must be drawn, results or not.
    fn due(&self) -> Option<Instant> {
        self.held_until
    }

    /// After a message that `changed` the screen (or not) and `searched` (sent a query to
    /// the worker), at `now`: whether to draw now. A search holds the frame (keys typed
    /// while it is held keep the first deadline); any other change draws it, held or not.
    fn after(&mut self, changed: bool, searched: bool, now: Instant) -> bool {
        if searched {
            self.held_until.get_or_insert(now + HOLD_FOR_RESULTS);
            return false;
        }
        if changed {
            self.held_until = None;
        }
        changed
    }
}

/// Draws `app`.
fn draw(terminal: &mut Term, app: &App) -> io::Result<()> {
    terminal.draw(|frame| ui::view(app, frame))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_holds_its_frame_until_a_change_draws_it_or_it_is_due() {
        let start = Instant::now();
        let mut frame = Frame::default();
        assert!(
            frame.after(true, false, start),
            "a change with no search draws at once"
        );
        assert_eq!(frame.due(), None);
        assert!(!frame.after(true, true, start), "a key that searched waits");
        assert_eq!(frame.due(), Some(start + HOLD_FOR_RESULTS));
        // A second key searching keeps the first deadline; stale results change nothing.
        assert!(!frame.after(true, true, start + Duration::from_millis(5)));
        assert!(!frame.after(false, false, start + Duration::from_millis(6)));
        assert_eq!(frame.due(), Some(start + HOLD_FOR_RESULTS));
        // The results change the screen: drawn, nothing held.
        assert!(frame.after(true, false, start + Duration::from_millis(7)));
        assert_eq!(frame.due(), None);
    }
}
