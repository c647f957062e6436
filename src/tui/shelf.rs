//! The library as the TUI holds it: the proposals the Inbox tab lists, the changes since the
//! TUI was last opened, and the decisions taken this session (what `u` undoes first). It is
//! read at start and again after every decision; decisions themselves go through the same
//! library API as `aipx inbox accept|reject|undo` (one transaction each), carried out as an
//! [`Effect`](super::app::Effect) after `update`, never inside it.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::index::Index;
use crate::library::changes::{Change, TUI_OPENED};
use crate::library::inbox::{Choices, Proposal};
use crate::library::{Library, LibraryError};
use crate::model::Dataset;
use crate::search::Searcher;

/// How long a decision waits for another aipx that is writing the library: short, so the
/// screen never hangs; the status bar says to try again.
pub const BUSY_WAIT: Duration = Duration::from_secs(2);

/// What the Inbox tab shows of the library.
#[derive(Debug, Clone, Default)]
pub struct Shelf {
    /// Whether there is a library file at all.
    pub present: bool,
    /// Pending proposals, and those decided this session (so `u` can take them back), by
    /// number.
    pub proposals: Vec<Proposal>,
    /// The change log since the TUI was last opened.
    pub changes: Vec<Change>,
    /// When the TUI was last opened before this run (UTC), if ever.
    pub since: Option<String>,
    /// Proposals decided this session, oldest first.
    pub decided: Vec<i64>,
}

impl Shelf {
    /// Reads the shelf from `lib`: pending proposals and those in `decided`, and the changes
    /// since `since` (everything when the TUI was never opened).
    pub fn read(
        lib: &mut Library,
        since: Option<String>,
        decided: Vec<i64>,
    ) -> Result<Shelf, LibraryError> {
        let proposals = lib
            .proposals(true)?
            .into_iter()
            .filter(|p| p.status == "pending" || decided.contains(&p.id))
            .collect();
        let changes = lib.changes_since(since.as_deref().unwrap_or(""))?;
        Ok(Shelf {
            present: true,
            proposals,
            changes,
            since,
            decided,
        })
    }

    /// The shelf at start: `since` is when the TUI was opened before (read before this run
    /// marks itself opened).
    pub fn at_start(lib: &mut Library) -> Result<Shelf, LibraryError> {
        let since = lib.meta(TUI_OPENED)?;
        Shelf::read(lib, since, Vec::new())
    }

    /// Pending proposals.
    pub fn pending(&self) -> usize {
        self.proposals
            .iter()
            .filter(|p| p.status == "pending")
            .count()
    }
}

/// A decision asked for from the Inbox tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Accept proposal `id` with these choices.
    Accept(i64, Choices),
    /// Reject it.
    Reject(i64),
    /// Put it back in the inbox.
    Undo(i64),
}

/// Indexes the dataset with the library (adding what the TUI started with besides it:
/// `--articles`, the securities master) and gives the searcher to use, if not the index's own.
pub type Indexer = dyn Fn(Dataset) -> Result<(Index, Option<Searcher>), String> + Send + Sync;

/// Where the TUI's library is and how the dataset is built again after a decision.
#[derive(Clone)]
pub struct LibraryLink {
    /// The store.
    pub path: PathBuf,
    /// The dataset folder (`--data`), or `None` for the embedded one; read again for each
    /// decision rather than kept, so a large dataset is not held twice.
    pub data: Option<PathBuf>,
    /// What turns the dataset with the library into what the tabs browse.
    index: Arc<Indexer>,
}

impl std::fmt::Debug for LibraryLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryLink")
            .field("path", &self.path)
            .field("data", &self.data)
            .finish_non_exhaustive()
    }
}

/// What a decision changed: the dataset every tab reads and the shelf.
pub struct Done {
    /// The dataset with the library, indexed again.
    pub index: Index,
    /// The searcher to use with it, when not one built from the index.
    pub searcher: Option<Searcher>,
    /// The shelf read again.
    pub shelf: Shelf,
    /// What to say in the status bar.
    pub message: String,
}

impl LibraryLink {
    /// The library at `path` over the dataset of `data` (`None`: the embedded one), indexed
    /// as it is.
    pub fn new(path: PathBuf, data: Option<PathBuf>) -> LibraryLink {
        LibraryLink {
            path,
            data,
            index: Arc::new(|data| Ok((Index::new(data), None))),
        }
    }

    /// Indexes the dataset with `index` instead.
    pub fn indexed_by(
        mut self,
        index: impl Fn(Dataset) -> Result<(Index, Option<Searcher>), String> + Send + Sync + 'static,
    ) -> LibraryLink {
        self.index = Arc::new(index);
        self
    }

    fn open(&self) -> Result<Library, LibraryError> {
        let mut lib = Library::open_existing(&self.path)?.ok_or_else(|| LibraryError::Io {
            path: self.path.display().to_string(),
            detail: "no library yet; save articles with `aipx ingest --save PATH`".into(),
        })?;
        lib.set_busy_timeout(BUSY_WAIT)?;
        Ok(lib)
    }

    /// The base dataset with the library's records (as `aipx inbox accept` checks against);
    /// the second value counts the records left out.
    fn merged(&self, lib: &mut Library) -> Result<(Dataset, usize), String> {
        let mut data: Dataset =
            crate::data::load(self.data.as_deref()).map_err(|e| e.to_string())?;
        let stored = lib.records().map_err(|e| e.to_string())?;
        let left_out = crate::library::merge::apply(&mut data, &stored).len();
        Ok((data, left_out))
    }

    /// Carries out `request` on the library in one transaction, as `aipx inbox` does, then
    /// reads the dataset and the shelf again. `shelf` is the one shown (for `since` and the
    /// session's decisions). Errors are for the status bar.
    pub fn decide(&self, request: &Request, shelf: &Shelf) -> Result<Done, String> {
        let mut lib = self.open().map_err(|e| e.to_string())?;
        let mut decided = shelf.decided.clone();
        let message = match request {
            Request::Accept(id, choices) => {
                let (data, _) = self.merged(&mut lib)?;
                let added = lib.accept(*id, choices, &data).map_err(|e| e.to_string())?;
                decided.push(*id);
                let what: Vec<String> = added
                    .iter()
                    .map(|r| format!("{} {}", r.kind(), crate::text::sanitize(&r.title())))
                    .collect();
                format!("accepted #{id}: {}", what.join(", "))
            }
            Request::Reject(id) => {
                lib.reject(*id).map_err(|e| e.to_string())?;
                decided.push(*id);
                format!("rejected #{id}; it will not be proposed again")
            }
            Request::Undo(id) => {
                lib.undo(*id).map_err(|e| e.to_string())?;
                decided.retain(|d| d != id);
                format!("#{id} is back in the inbox")
            }
        };
        // Companies accepted with a link or catalyst stay listed beside it, decided.
        let was_pending: Vec<i64> = shelf
            .proposals
            .iter()
            .filter(|p| p.status == "pending")
            .map(|p| p.id)
            .collect();
        let now_decided: Vec<i64> = lib
            .proposals(true)
            .map_err(|e| e.to_string())?
            .into_iter()
            .filter(|p| p.status != "pending" && was_pending.contains(&p.id))
            .map(|p| p.id)
            .collect();
        for id in now_decided {
            if !decided.contains(&id) {
                decided.push(id);
            }
        }
        // The decision asked for is the last one, what `u` takes back first.
        if let Request::Accept(id, _) | Request::Reject(id) = request {
            decided.retain(|d| d != id);
            decided.push(*id);
        }
        let (data, left_out) = self.merged(&mut lib)?;
        let shelf =
            Shelf::read(&mut lib, shelf.since.clone(), decided).map_err(|e| e.to_string())?;
        let message = if left_out > 0 {
            format!("{message} · {left_out} library record(s) left out (aipx check lists them)")
        } else {
            message
        };
        let (index, searcher) = (self.index)(data)?;
        Ok(Done {
            index,
            searcher,
            shelf,
            message,
        })
    }
}
