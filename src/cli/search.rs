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
    /// From the cached catalog when `--data DIR` has one, else from the loaded dataset (and
    /// the catalog is cached for next time), with the securities master's beside it.
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
        // Ingested articles and the library change what there is to find: the cached catalog
        // is the dataset's only.
        let library = crate::library::default_path().is_some_and(|p| p.exists());
        let cacheable = g
            .data
            .as_deref()
            .filter(|_| g.articles.is_empty() && !library);
        if let Some(catalog) = cacheable.and_then(data::cached_catalog) {
            return g.searcher_with_master(catalog);
        }
        let data = g.load_merged(err)?;
        // Search needs the catalog only: build it and let the rest (a million links) go first.
        let catalog = crate::catalog::Catalog::new(&data);
        drop(data);
        if let Some(dir) = cacheable {
            data::cache_catalog(dir, &catalog);
        }
        // The securities master's catalog was built at import: it is read, not built.
        g.searcher_with_master(catalog)
    }
}
