//! The searcher of the TUI's index, built on first use: the terminal's search worker builds
//! it at start, so the first frame is drawn from the index alone, never held up by a
//! catalog of a large dataset.

use std::sync::{Mutex, OnceLock};

use crate::catalog::Catalog;
use crate::index::Index;
use crate::model::EntityId;
use crate::search::Searcher;

/// A searcher over an index's texts, made once, by whichever thread asks first.
#[derive(Default)]
pub struct Lazy {
    built: OnceLock<Searcher>,
    /// The securities master beside the index's dataset, until the searcher is built: its
    /// stored catalog (read and checked at load) and where each of its companies is in the
    /// index (see [`crate::listings::Companies::places`]).
    master: Mutex<Option<(Catalog, Vec<EntityId>)>>,
}

impl Lazy {
    /// One made already.
    pub fn ready(searcher: Searcher) -> Lazy {
        Lazy {
            built: OnceLock::from(searcher),
            master: Mutex::default(),
        }
    }

    /// One that will search the index's dataset and the securities master's companies
    /// beside it: `master`, their catalog, with `place` giving each one's entity.
    pub fn beside(master: Catalog, place: Vec<EntityId>) -> Lazy {
        Lazy {
            built: OnceLock::new(),
            master: Mutex::new(Some((master, place))),
        }
    }

    /// The searcher over `index` (the index this was made for), built now if it is not yet:
    /// the catalog of the index's own dataset (its first [`Index::curated`] entities, named
    /// by the index's own table), with the master's beside it when there is one.
    pub fn get(&self, index: &Index) -> &Searcher {
        self.built.get_or_init(|| {
            let own = Catalog::searched(index.data(), index.curated(), index.names().clone());
            // Only the one thread building it takes the master's parts; a poisoned lock
            // (a panic elsewhere) still holds them.
            let master = self.master.lock().unwrap_or_else(|e| e.into_inner()).take();
            match master {
                Some((master, place)) => Searcher::with_master(own, master, place),
                None => Searcher::from_catalog(own),
            }
        })
    }

    /// Whether the searcher is built.
    pub fn is_built(&self) -> bool {
        self.built.get().is_some()
    }
}
