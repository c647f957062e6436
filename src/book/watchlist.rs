//! Watchlists: named lists of tickers (with the quantity or weight a broker export gave),
//! kept in one versioned TOML file in the data dir and always written atomically.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::{DataError, Located};
use crate::index::{Index, Resolution};
use crate::model::EntityId;

/// The file's format version; a newer one is refused rather than misread.
pub const VERSION: u32 = 1;

/// Largest watchlists file read (a book of 100,000 lines is a few MiB).
const MAX_BYTES: u64 = 32 << 20;

/// One line of a watchlist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The ticker: `EXCHANGE:SYMBOL` (or the entity id of an unlisted body) once resolved,
    /// else as the user or the broker wrote it, so it can resolve when the data learns it.
    pub symbol: String,
    /// Number of shares or units, when the import had them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    /// Weight in the book, in percent, when the import had it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
}

/// A named list of tickers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watchlist {
    /// Its name, as `--watchlist` takes it.
    pub name: String,
    /// Its lines, in the order added.
    #[serde(default, rename = "entry")]
    pub entries: Vec<Entry>,
}

/// Every watchlist of the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Watchlists {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// The lists, in the order created.
    #[serde(default, rename = "watchlist")]
    pub lists: Vec<Watchlist>,
}

/// An entry's ticker read against the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// One entity.
    Found(EntityId),
    /// Several entities share the symbol.
    Ambiguous(Vec<EntityId>),
    /// Unknown to the data.
    Unknown,
}

/// Resolves a ticker as a watchlist stores it.
pub fn resolve(index: &Index, symbol: &str) -> Resolved {
    match index.resolve(symbol) {
        Resolution::Found(e) => Resolved::Found(e),
        Resolution::Ambiguous(many) => Resolved::Ambiguous(many),
        Resolution::NotFound => Resolved::Unknown,
    }
}

/// The stored form of an entity: its primary `EXCHANGE:SYMBOL`, or the id of an unlisted body.
pub fn canonical(index: &Index, entity: EntityId) -> String {
    let e = index.entity(entity);
    match e.primary() {
        Some(l) => format!("{}:{}", l.exchange, l.symbol),
        None => e.id.clone(),
    }
}

/// Whether a watchlist can hold `entity`: a listed company (a curated one with a listing,
/// or one from the securities master), since a watchlist is of things a trader can hold.
/// Otherwise the reason, naming the entity shortly (`METI is not a listed company; nothing
/// to watch`).
pub fn watchable(index: &Index, entity: EntityId) -> Result<(), String> {
    let e = index.entity(entity);
    if e.is_listed() || index.from_master(entity) {
        return Ok(());
    }
    Err(format!(
        "{} is not a listed company; nothing to watch",
        crate::text::sanitize(short_name(e))
    ))
}

/// The shortest of an entity's name and its Latin-script aliases (`METI` for the ministry),
/// as a status line names it.
fn short_name(e: &crate::model::Entity) -> &str {
    std::iter::once(e.name.as_str())
        .chain(
            e.aliases
                .iter()
                .map(String::as_str)
                .filter(|a| a.chars().count() >= 3 && a.is_ascii()),
        )
        .min_by_key(|a| a.chars().count())
        .unwrap_or(&e.name)
}

/// Checks a watchlist name: what `--watchlist` and the TUI can show and type.
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        return Err("a watchlist name cannot be empty".into());
    }
    if name.chars().count() > 64 {
        return Err("a watchlist name has at most 64 characters".into());
    }
    // Bidi controls too: the name is shown without them, and must be typed as it is shown.
    if name.chars().any(crate::text::is_unsafe) {
        return Err("a watchlist name cannot hold control or bidi characters".into());
    }
    Ok(())
}

impl Watchlist {
    /// The entities of the list that resolve, in list order, each once.
    pub fn entities(&self, index: &Index) -> Vec<EntityId> {
        let mut out = Vec::new();
        for entry in &self.entries {
            if let Resolved::Found(e) = resolve(index, &entry.symbol)
                && !out.contains(&e)
            {
                out.push(e);
            }
        }
        out
    }

    /// Position of the entry naming `entity`, if any.
    pub fn position_of(&self, index: &Index, entity: EntityId) -> Option<usize> {
        self.entries
            .iter()
            .position(|x| resolve(index, &x.symbol) == Resolved::Found(entity))
    }
}

impl Default for Watchlists {
    fn default() -> Watchlists {
        Watchlists {
            version: VERSION,
            lists: Vec::new(),
        }
    }
}

impl Watchlists {
    /// Where the user's watchlists live: `$XDG_DATA_HOME/aipx/watchlists.toml`.
    pub fn default_path() -> Option<PathBuf> {
        crate::dirs::data_dir().map(|d| d.join("watchlists.toml"))
    }

    /// Reads the file; a missing file is no watchlists. A damaged file is an error naming
    /// `path:line:col`, and is never overwritten by a later save (callers stop at the error).
    pub fn load(path: &Path) -> Result<Watchlists, DataError> {
        let shown = path.display().to_string();
        let text = match crate::userfile::read(path, MAX_BYTES) {
            Ok(Some(text)) => text,
            Ok(None) => {
                return Ok(Watchlists {
                    version: VERSION,
                    lists: Vec::new(),
                });
            }
            Err(e) => {
                return Err(DataError {
                    path: shown,
                    line: 1,
                    col: 1,
                    message: format!("cannot read: {e}"),
                });
            }
        };
        Watchlists::parse(&shown, &text)
    }

    /// Reads the file's text (`path` names it in errors).
    pub fn parse(path: &str, text: &str) -> Result<Watchlists, DataError> {
        let located = Located::new(path, text);
        let lists: Watchlists = toml::from_str(text)
            .map_err(|e| located.error(e.span().unwrap_or(0..0), e.message().trim().to_string()))?;
        if lists.version != VERSION {
            return Err(located.error(
                0..0,
                format!(
                    "watchlists file version {} is not {VERSION}; written by another aipx?",
                    lists.version
                ),
            ));
        }
        Ok(lists)
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let text = toml::to_string(self).map_err(std::io::Error::other)?;
        let header = "# aipx watchlists: written by aipx (`aipx watchlist`, the TUI's `w`).\n";
        crate::userfile::write(path, format!("{header}{text}").as_bytes())
    }

    /// The list called `name`.
    pub fn get(&self, name: &str) -> Option<&Watchlist> {
        self.lists.iter().find(|w| w.name == name)
    }

    /// The list called `name`, created empty if missing.
    pub fn get_or_create(&mut self, name: &str) -> &mut Watchlist {
        match self.lists.iter().position(|w| w.name == name) {
            Some(i) => &mut self.lists[i],
            None => {
                self.lists.push(Watchlist {
                    name: name.to_string(),
                    entries: Vec::new(),
                });
                self.lists.last_mut().expect("just pushed")
            }
        }
    }

    /// Removes the list called `name`; whether it existed.
    pub fn delete(&mut self, name: &str) -> bool {
        let before = self.lists.len();
        self.lists.retain(|w| w.name != name);
        self.lists.len() != before
    }

    /// Names of the lists, in order, for messages.
    pub fn names(&self) -> Vec<&str> {
        self.lists.iter().map(|w| w.name.as_str()).collect()
    }

    /// What to write when `self` (changed from `base`, the file as this process last read
    /// or wrote it) is saved over `theirs`, the file as it is now: another aipx may have
    /// written it since (`aipx watchlist add` while the TUI is open). Only this process's
    /// own changes are applied to `theirs` (the tickers added to and removed from each list
    /// since `base`, and lists deleted), so neither side's work is lost.
    pub fn merged_over(&self, base: &Watchlists, theirs: &Watchlists) -> Watchlists {
        if base == theirs {
            return self.clone();
        }
        let mut out = theirs.clone();
        let symbols = |list: Option<&Watchlist>| -> Vec<String> {
            list.map_or_else(Vec::new, |w| {
                w.entries.iter().map(|x| x.symbol.clone()).collect()
            })
        };
        for ours in &self.lists {
            let before = symbols(base.get(&ours.name));
            let removed: Vec<&String> = before
                .iter()
                .filter(|s| !ours.entries.iter().any(|x| &&x.symbol == s))
                .collect();
            let added: Vec<&Entry> = ours
                .entries
                .iter()
                .filter(|x| !before.contains(&x.symbol))
                .collect();
            let list = match out.lists.iter().position(|w| w.name == ours.name) {
                Some(at) => &mut out.lists[at],
                // They deleted it: it stays deleted unless we added to it since.
                None if added.is_empty() && base.get(&ours.name).is_some() => continue,
                None => out.get_or_create(&ours.name),
            };
            list.entries.retain(|x| !removed.contains(&&x.symbol));
            for x in added {
                if !list.entries.iter().any(|y| y.symbol == x.symbol) {
                    list.entries.push(x.clone());
                }
            }
        }
        for gone in base.lists.iter().filter(|w| self.get(&w.name).is_none()) {
            out.delete(&gone.name);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(symbol: &str) -> Entry {
        Entry {
            symbol: symbol.into(),
            quantity: None,
            weight: None,
        }
    }

    #[test]
    fn saves_and_loads_the_same_lists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("aipx/watchlists.toml");
        assert_eq!(Watchlists::load(&path).unwrap().lists, vec![]);
        let mut lists = Watchlists::load(&path).unwrap();
        let book = lists.get_or_create("book");
        book.entries.push(Entry {
            symbol: "NASDAQ:NVDA".into(),
            quantity: Some(120.0),
            weight: Some(12.5),
        });
        book.entries.push(entry("TSE:9984"));
        lists.get_or_create("ideas").entries.push(entry("ZZZZ"));
        lists.save(&path).unwrap();
        let back = Watchlists::load(&path).unwrap();
        assert_eq!(back, lists);
        assert!(back.get("book").is_some() && back.get("nope").is_none());
    }

    fn lists(lists: &[(&str, &[&str])]) -> Watchlists {
        Watchlists {
            version: VERSION,
            lists: lists
                .iter()
                .map(|(name, symbols)| Watchlist {
                    name: name.to_string(),
                    entries: symbols.iter().map(|s| entry(s)).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_save_keeps_what_another_aipx_wrote_since_the_file_was_read() {
        let base = lists(&[("book", &["A", "B"])]);
        // This process added C and removed A; another added D to book and made "ideas".
        let ours = lists(&[("book", &["B", "C"])]);
        let theirs = lists(&[("book", &["A", "B", "D"]), ("ideas", &["X"])]);
        let merged = ours.merged_over(&base, &theirs);
        assert_eq!(
            merged,
            lists(&[("book", &["B", "D", "C"]), ("ideas", &["X"])])
        );
        // Unchanged on disk: ours is written as it is.
        assert_eq!(ours.merged_over(&base, &base), ours);
        // A list they deleted stays deleted unless we added to it; one we started is kept.
        let ours = lists(&[("book", &["A", "B"]), ("new", &["N"])]);
        let theirs = lists(&[("ideas", &["X"])]);
        assert_eq!(
            ours.merged_over(&base, &theirs),
            lists(&[("ideas", &["X"]), ("new", &["N"])])
        );
        let ours = lists(&[("book", &["A", "B", "E"])]);
        assert_eq!(
            ours.merged_over(&base, &theirs),
            lists(&[("ideas", &["X"]), ("book", &["E"])])
        );
        // A list we deleted goes, whatever they did to others.
        let ours = lists(&[]);
        let theirs = lists(&[("book", &["A", "B"]), ("ideas", &["X"])]);
        assert_eq!(
            ours.merged_over(&base, &theirs),
            lists(&[("ideas", &["X"])])
        );
    }

    #[test]
    fn names_hold_no_control_or_bidi_character() {
        assert!(check_name("book 2026").is_ok());
        assert!(check_name("ポートフォリオ").is_ok());
        for bad in [
            "",
            "  ",
            "a\u{1b}[31m",
            "a\u{7}",
            "abc\u{202e}fed",
            "x\u{2066}y",
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_damaged_file_is_an_error_with_its_position() {
        let text =
            "version = 1\n[[watchlist]]\nname = \"book\"\n[[watchlist.entry]]\nsymbol = 12\n";
        let err = Watchlists::parse("w.toml", text).unwrap_err();
        assert_eq!((err.path.as_str(), err.line), ("w.toml", 5), "{err}");
        let err = Watchlists::parse("w.toml", "version = 9\n").unwrap_err();
        assert!(err.message.contains("version 9"), "{err}");
    }

    #[test]
    fn entries_resolve_against_the_data() {
        let index = Index::new(crate::data::load(None).unwrap());
        let list = Watchlist {
            name: "b".into(),
            entries: vec![
                entry("nvda"),
                entry("NASDAQ:NVDA"),
                entry("9984"),
                entry("ZZZZ"),
            ],
        };
        let found = list.entities(&index);
        assert_eq!(found.len(), 2, "NVDA twice counts once, ZZZZ is unknown");
        assert_eq!(canonical(&index, found[0]), "NASDAQ:NVDA");
        assert_eq!(list.position_of(&index, found[1]), Some(2));
        assert!(check_name("").is_err() && check_name("a\u{1b}b").is_err());
    }
}
