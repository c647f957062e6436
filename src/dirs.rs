//! Where aipx keeps the user's own files, by the XDG base-directory convention: settings in
//! `$XDG_CONFIG_HOME/aipx`, what the user made (watchlists) in `$XDG_DATA_HOME/aipx`, what
//! the TUI remembers between runs in `$XDG_STATE_HOME/aipx`.

use std::path::PathBuf;

/// `$VAR/aipx` when `VAR` is an absolute path (the spec says relative ones are ignored),
/// else `$HOME/<fallback>/aipx`; `None` when neither is known.
fn base(var: &str, fallback: &str) -> Option<PathBuf> {
    let from_var = std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let dir = from_var.or_else(|| {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .map(|home| home.join(fallback))
    })?;
    Some(dir.join("aipx"))
}

/// Folder of `config.toml`.
pub fn config_dir() -> Option<PathBuf> {
    base("XDG_CONFIG_HOME", ".config")
}

/// Folder of the user's data (watchlists).
pub fn data_dir() -> Option<PathBuf> {
    base("XDG_DATA_HOME", ".local/share")
}

/// Folder of what the TUI remembers between runs.
pub fn state_dir() -> Option<PathBuf> {
    base("XDG_STATE_HOME", ".local/state")
}
