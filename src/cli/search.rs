//! `aipx search QUERY`: fuzzy search over symbols, names, aliases, programs and catalysts.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::data;
use crate::error::Error;
use crate::search::Searcher;

/// Fuzzy search over symbols, names, aliases, programs and catalysts.
#[derive(Debug, Args)]
pub struct Search {
    /// What to look for.
    query: String,
    /// Most results to print (at most 10000).
    #[arg(long, default_value_t = 10, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(0..=10_000))]
    limit: usize,
    #[command(flatten)]
    out: JsonFlag,
}

impl Search {
    /// From the cached catalog when `--data DIR` has one for the library as it is, else from
    /// the loaded dataset (and the catalog is cached for next time), with the securities
    /// master's beside it.
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let searcher = self.searcher(g, err)?;
        crate::report::search(&searcher, &self.query, self.limit, self.out.format(), out)?;
        Ok(ExitCode::SUCCESS)
    }

    fn searcher(&self, g: &Global, err: &mut dyn Write) -> Result<Searcher, Error> {
        // Ingested articles change what there is to find and are read anew on every run:
        // no cache then.
        let Some(dir) = g.data.as_deref().filter(|_| g.articles.is_empty()) else {
            let data = g.load_merged(err)?;
            return g.searcher_with_master(crate::catalog::Catalog::new(&data));
        };
        // The cached catalog is keyed by the dataset's files and by the library's records
        // (their stamp), so a library that changed is a miss, and one that did not is a hit.
        let mut library = crate::library::commands::open_existing()?;
        let stamp = match &mut library {
            Some(lib) => Some(lib.records_stamp()?),
            None => None,
        };
        if let Some(catalog) = data::cached_catalog(dir, stamp) {
            return g.searcher_with_master(catalog);
        }
        let base = g.load_base()?;
        // Stamped from the rows actually merged: a change made meanwhile keys a later run.
        let (data, key) = match &mut library {
            Some(lib) => {
                let (data, stamp) = crate::library::commands::merge_stamped(lib, base, err)?;
                (data, stamp.map(Some))
            }
            None => (base, Some(None)),
        };
        // Search needs the catalog only: build it and let the rest (a million links) go first.
        let catalog = crate::catalog::Catalog::new(&data);
        drop(data);
        if let Some(key) = key {
            data::cache_catalog(dir, key, &catalog);
        }
        // The securities master's catalog was built at import: it is read, not built.
        g.searcher_with_master(catalog)
    }
}
