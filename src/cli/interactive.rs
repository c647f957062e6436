//! aipx without a subcommand: the terminal UI, or the plain overview when output is piped.
//! Both the UI and `aipx screen --remember` start from the user's config, watchlists and
//! remembered state here.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Global;
use crate::config::{Loaded, ThemeName};
use crate::error::{self, Error};
use crate::tui::App;
use crate::tui::effects::Outside;

/// The app as the user left it: config (theme, keys, start tab, order), watchlists and,
/// with `state`, the remembered view. Problems are printed on `err` as `path:line:col` and
/// the first is shown in the status bar; aipx runs on defaults for what it could not read.
pub struct Prepared {
    /// The app.
    pub app: App,
    /// Where its effects may write.
    pub outside: Outside,
    /// The config read.
    pub config: Loaded,
    /// Where to remember the state at exit.
    pub state: Option<PathBuf>,
}

/// One status-bar note for every config problem: the first one, and how many there are.
fn config_note(config: &Loaded, keys: &[crate::data::DataError]) -> Option<String> {
    let first = match (config.problems.first(), keys.first()) {
        (Some(p), _) => format!("{p}; defaults used"),
        (None, Some(k)) => k.to_string(),
        (None, None) => return None,
    };
    Some(match config.problems.len() + keys.len() {
        1 => format!("config: {first}"),
        n => format!("{n} config problems: {first}; see `aipx config check`"),
    })
}

/// Builds the app the flags and the user's files describe.
pub fn prepare(
    g: &Global,
    err: &mut dyn Write,
    color: bool,
    state: bool,
) -> Result<Prepared, Error> {
    let (index, (master, place), master_note) = g.load_whole_noted(err)?;
    // What the Inbox tab shows; a damaged library stopped `load_whole` already (exit 2).
    let shelf = match crate::library::commands::open_existing()? {
        Some(mut lib) => crate::tui::shelf::Shelf::at_start(&mut lib)?,
        None => crate::tui::shelf::Shelf::default(),
    };
    let config = super::book::config(err);
    let (keys, key_problems) = crate::tui::keymap::Keymap::with_overrides(&config.config.keys);
    for p in &key_problems {
        error::warn(err, p);
    }
    let mut notes: Vec<String> = config_note(&config, &key_problems).into_iter().collect();
    let broken = !config.problems.is_empty() || !key_problems.is_empty();
    if broken {
        // The config's marker holds the status bar; the master's note goes with the first key.
        notes.extend(master_note.clone());
    }
    let c = &config.config;
    let (book, book_path, book_error) = match crate::book::Watchlists::default_path() {
        Some(path) => match crate::book::Watchlists::load(&path) {
            Ok(book) => (book, Some(path), None),
            Err(e) => {
                error::warn(err, &e);
                notes.push(format!(
                    "{e}; watchlists not loaded, the file is left as it is"
                ));
                (
                    crate::book::Watchlists::default(),
                    None,
                    Some(e.to_string()),
                )
            }
        },
        None => (crate::book::Watchlists::default(), None, None),
    };
    let tab = crate::tui::state::tab_of(c.tab.as_str()).unwrap_or(crate::tui::Tab::Explore);
    let mut app = App::new(index, g.today())
        .with_color(color)
        .with_light(c.theme == ThemeName::Light)
        .with_keys(keys)
        .with_book(book, c.default_watchlist.clone())
        .with_order(c.sort, c.filter)
        .with_tab_shown(tab)
        .with_shelf(shelf)
        .with_master_beside(master, place);
    if let Some(e) = book_error {
        app = app.with_book_error(e);
    }
    let mut state_path = if state {
        crate::tui::state::path()
    } else {
        None
    };
    if let Some(path) = &state_path {
        match crate::tui::state::load(path) {
            Ok(Some(remembered)) => app = crate::tui::state::restore(app, &remembered),
            Ok(None) => {}
            Err(e) => {
                // A damaged (or newer) state file is the user's to look at: it is left as it
                // is, and this session's view is not written over it.
                let e = format!("{e}; left as it is, this session is not remembered");
                error::warn(err, &e);
                notes.push(format!("{e}; starting fresh"));
                state_path = None;
            }
        }
    }
    if !notes.is_empty() {
        app.notify(notes.join(" · "));
    }
    if broken {
        // The note above goes with the first key; this marker stays until dismissed.
        let back = app.keys().key_for(crate::tui::Action::Back);
        let marker = format!(
            "config error: defaults in use, see stderr or aipx config check · {back} hides"
        );
        app = app.with_warning(marker);
    } else if let Some(note) = master_note {
        // The master is left out for the whole session: the marker stays past the first key.
        let back = app.keys().key_for(crate::tui::Action::Back);
        app = app.with_warning(format!("{note} · {back} hides"));
    }
    Ok(Prepared {
        app,
        outside: Outside {
            book: book_path,
            terminal: false,
            library: crate::library::default_path().map(|path| {
                let articles = g.articles.clone();
                // After a decision: `--articles` and the securities master again, as at start
                // (a master that could not be read then was reported; the shipped universe
                // serves in its place).
                let index = move |data| {
                    let (data, _) = crate::ingest::load_with_articles(data, &articles)
                        .map_err(|e| e.to_string())?;
                    let companies = crate::listings::Companies::load()
                        .unwrap_or_else(|_| crate::listings::Companies::shipped());
                    super::with_companies(data, &companies)
                        .map(|(index, searcher)| (index, Some(searcher)))
                        .map_err(|e| e.to_string())
                };
                crate::tui::shelf::LibraryLink::new(path, g.data.clone()).indexed_by(index)
            }),
        },
        config,
        state: state_path,
    })
}

/// Remembers `app`'s view for the next start.
pub fn remember(app: &App, path: Option<&PathBuf>, err: &mut dyn Write) {
    if let Some(path) = path
        && let Err(e) = crate::tui::state::save(path, &crate::tui::state::remember(app))
    {
        error::warn(err, &format!("{}: state not saved: {e}", path.display()));
    }
}

/// The interactive terminal UI.
pub fn tui(g: &Global, err: &mut dyn Write) -> Result<ExitCode, Error> {
    // A large dataset or the securities master can take a moment to load: the terminal
    // says so instead of staying blank, and the line is erased once loaded.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    if terminal {
        let _ = write!(err, "aipx: loading…\r");
        let _ = err.flush();
    }
    let p = prepare(g, err, super::color_allowed(), true);
    if terminal {
        let _ = write!(err, "\x1b[2K");
        let _ = err.flush();
    }
    let p = p?;
    // `aipx changes --since-last` counts from here.
    if let Some(mut lib) = crate::library::commands::open_existing()? {
        lib.mark_opened()?;
    }
    let outside = Outside {
        terminal: true,
        ..p.outside
    };
    let app =
        crate::tui::run::run(p.app, outside, p.config.config.mouse).map_err(Error::Terminal)?;
    remember(&app, p.state.as_ref(), err);
    Ok(ExitCode::SUCCESS)
}

/// Every entity with its exposure count and next catalyst, as `aipx search` prints them.
pub fn overview(g: &Global, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, Error> {
    let index = g.load_index(err)?;
    crate::report::overview(&index, g.today(), out)?;
    Ok(ExitCode::SUCCESS)
}
