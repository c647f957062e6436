//! What the book commands share: the user's config and watchlists, read once per command.

use std::io::Write;
use std::path::PathBuf;

use crate::book::{Watchlist, Watchlists};
use crate::config::Loaded;
use crate::error::Error;

/// Reads the config, printing each problem as `path:line:col: message` on `err`; aipx goes
/// on with the defaults for what it could not read.
pub fn config(err: &mut dyn Write) -> Loaded {
    let loaded = crate::config::load();
    for p in &loaded.problems {
        crate::error::warn(err, p);
    }
    if !loaded.problems.is_empty() {
        crate::error::warn(
            err,
            &"config: running on the defaults for what could not be read",
        );
    }
    loaded
}

/// Where the watchlists file is.
pub fn watchlists_path() -> Result<PathBuf, Error> {
    Watchlists::default_path().ok_or_else(|| {
        Error::BadInput("cannot tell where to keep watchlists: set HOME or XDG_DATA_HOME".into())
    })
}

/// The user's watchlists; a damaged file is an error (and is left as it is).
pub fn watchlists() -> Result<(Watchlists, PathBuf), Error> {
    let path = watchlists_path()?;
    let lists = Watchlists::load(&path).map_err(|e| {
        Error::BadInput(format!(
            "{e}\nthe watchlists file is damaged; aipx leaves it untouched: fix or move it"
        ))
    })?;
    Ok((lists, path))
}

/// The watchlist named, or the config's default; `Ok(None)` when neither names one.
pub fn chosen(name: Option<&str>, loaded: &Loaded) -> Result<Option<Watchlist>, Error> {
    let Some(name) = name.or(loaded.config.default_watchlist.as_deref()) else {
        return Ok(None);
    };
    let (lists, _) = watchlists()?;
    match lists.get(name) {
        Some(list) => Ok(Some(list.clone())),
        // A filter naming no list is bad input (exit 2), not "nothing matched" (exit 1),
        // which `upcoming` uses for "nothing due".
        None => Err(Error::BadInput(no_such(name, &lists))),
    }
}

/// The error for a watchlist that does not exist, looked up by name (`watchlist show`).
pub fn unknown(name: &str, lists: &Watchlists) -> Error {
    Error::NotFound(no_such(name, lists))
}

/// Says `name` is no watchlist and lists the ones there are.
fn no_such(name: &str, lists: &Watchlists) -> String {
    let names = lists.names();
    let known = if names.is_empty() {
        "there are none yet (aipx watchlist import FILE --name NAME)".to_string()
    } else {
        format!("known: {}", names.join(", "))
    };
    format!("no watchlist {name:?}; {known}")
}
