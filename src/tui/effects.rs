//! Carrying out what actions asked of the outside world ([`Effect`]): the clipboard, the
//! browser, the watchlists file. The terminal loop does all three; headless screens only
//! write files, so scripts and tests never touch a clipboard or start a browser.

use std::io::Write;
use std::path::PathBuf;

use base64::Engine;

use super::app::{App, Effect};

/// Where and whether effects may act.
#[derive(Debug, Clone, Default)]
pub struct Outside {
    /// The watchlists file, when it read cleanly (a damaged one is never overwritten).
    pub book: Option<PathBuf>,
    /// Whether a real terminal is attached (clipboard, browser).
    pub terminal: bool,
    /// The library inbox decisions are written to.
    pub library: Option<super::shelf::LibraryLink>,
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard (it works over ssh,
/// since the terminal itself does the copying).
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Carries out `app`'s pending effects; a failure becomes a status-bar note.
pub fn perform(app: &mut App, outside: &Outside) {
    for effect in app.take_effects() {
        let failed = match effect {
            Effect::SaveWatchlists => match &outside.book {
                Some(path) => save_book(app, path),
                None => Some("watchlists not saved (the file is damaged or has no home)".into()),
            },
            Effect::Copy(text) if outside.terminal => {
                let mut out = std::io::stdout();
                out.write_all(osc52(&text).as_bytes())
                    .and_then(|()| out.flush())
                    .err()
                    .map(|e| format!("copy failed: {e}"))
            }
            Effect::OpenUrl(url) if outside.terminal => open(&url).err(),
            Effect::Copy(_) | Effect::OpenUrl(_) => None,
            Effect::Library(request) => match &outside.library {
                // The same transactions as `aipx inbox`; a damaged or busy store is a note.
                Some(link) => match link.decide(&request, app.shelf()) {
                    Ok(done) => {
                        app.library_done(&request, done);
                        None
                    }
                    Err(e) => Some(e),
                },
                // The TUI always has one when there is a library; a headless screen only with
                // --remember.
                None => Some(
                    "not written: `aipx screen` writes the library only with --remember".into(),
                ),
            },
        };
        if let Some(message) = failed {
            app.notify(message);
        }
    }
}

/// Opens `url` with the system's opener, detached from the terminal.
/// Writes the app's watchlists over the file, read again first: another aipx may have
/// written it since (its changes are kept, ours applied on top), and one damaged since is
/// reported and left as it is, never replaced.
fn save_book(app: &mut App, path: &std::path::Path) -> Option<String> {
    let on_disk = match crate::book::Watchlists::load(path) {
        Ok(lists) => lists,
        Err(e) => {
            return Some(format!(
                "{e}; watchlists not saved, the file is left as it is"
            ));
        }
    };
    let book = match app.book_base() {
        Some(base) => app.book().merged_over(base, &on_disk),
        None => app.book().clone(),
    };
    match book.save(path) {
        Ok(()) => {
            app.book_saved(book);
            None
        }
        Err(e) => Some(format!("watchlists not saved: {}: {e}", path.display())),
    }
}

fn open(url: &str) -> Result<(), String> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // Reaped in the background, so no finished opener is left a zombie.
        .map(|mut child| {
            std::thread::spawn(move || child.wait());
        })
        .map_err(|e| format!("cannot start {opener}: {e}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn osc52_wraps_base64_in_the_clipboard_sequence() {
        assert_eq!(super::osc52("TSE:9984"), "\x1b]52;c;VFNFOjk5ODQ=\x07");
    }
}
