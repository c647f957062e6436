//! `aipx watchlist`: import a broker's export, list, show, add to and remove from watchlists.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Global;
use crate::book::watchlist::{Entry, canonical, check_name};
use crate::error::{self, Error};

/// Watchlists: named lists of tickers, kept in the data dir.
#[derive(Debug, Args)]
pub struct Watchlist {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Read a broker's positions or watchlist export (CSV) into a watchlist, replacing it.
    Import {
        /// The CSV file; its symbol column is found by name (Symbol, Ticker, Code, ...).
        file: PathBuf,
        /// Name of the watchlist to write.
        #[arg(long, value_name = "NAME")]
        name: String,
    },
    /// Every watchlist with its number of tickers.
    List,
    /// The tickers of one watchlist.
    Show {
        /// Watchlist name.
        name: String,
    },
    /// Add tickers (any form `aipx show` takes) to a watchlist, creating it if needed.
    Add {
        /// Watchlist name.
        name: String,
        /// Tickers to add.
        #[arg(required = true)]
        tickers: Vec<String>,
    },
    /// Remove tickers from a watchlist, or the whole list with --all.
    Remove {
        /// Watchlist name.
        name: String,
        /// Tickers to remove.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        tickers: Vec<String>,
        /// Delete the whole watchlist.
        #[arg(long)]
        all: bool,
    },
}

fn save(lists: &crate::book::Watchlists, path: &std::path::Path) -> Result<(), Error> {
    lists
        .save(path)
        .map_err(|e| Error::BadInput(format!("{}: cannot write: {e}", path.display())))
}

impl Watchlist {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let (mut lists, path) = super::book::watchlists()?;
        match &self.action {
            Action::Import { file, name } => {
                check_name(name).map_err(Error::BadInput)?;
                let index = g.load_whole(err)?;
                let import =
                    crate::book::import::import_file(&index, file).map_err(Error::BadInput)?;
                let replaced = lists.get(name).is_some();
                lists.get_or_create(name).entries = import.entries.clone();
                save(&lists, &path)?;
                crate::report::book::import(name, &import, replaced, out)?;
            }
            Action::List => {
                let index = g.load_whole(err)?;
                crate::report::book::watchlists(&lists, &index, out)?;
            }
            Action::Show { name } => {
                let list = lists
                    .get(name)
                    .ok_or_else(|| super::book::unknown(name, &lists))?;
                let index = g.load_whole(err)?;
                crate::report::book::watchlist(list, &index, g.today(), out)?;
            }
            Action::Add { name, tickers } => {
                check_name(name).map_err(Error::BadInput)?;
                let index = g.load_whole(err)?;
                // Every ticker resolves before anything is written.
                let entities = tickers
                    .iter()
                    .map(|t| super::resolve(&index, t))
                    .collect::<Result<Vec<_>, _>>()?;
                // A watchlist holds what a trader can hold: listed companies only.
                for &e in &entities {
                    crate::book::watchlist::watchable(&index, e).map_err(Error::BadInput)?;
                }
                let list = lists.get_or_create(name);
                for e in entities {
                    let symbol = canonical(&index, e);
                    if list.position_of(&index, e).is_some() {
                        writeln!(out, "{symbol} is already in {name:?}")?;
                        continue;
                    }
                    list.entries.push(Entry {
                        symbol: symbol.clone(),
                        quantity: None,
                        weight: None,
                    });
                    writeln!(out, "added {symbol} to {name:?}")?;
                }
                save(&lists, &path)?;
            }
            Action::Remove { name, tickers, all } => {
                if lists.get(name).is_none() {
                    return Err(super::book::unknown(name, &lists));
                }
                if *all {
                    lists.delete(name);
                    save(&lists, &path)?;
                    writeln!(out, "deleted watchlist {name:?}")?;
                    return Ok(ExitCode::SUCCESS);
                }
                let index = g.load_whole(err)?;
                let list = lists.get_or_create(name);
                let mut missing = Vec::new();
                for t in tickers {
                    // A ticker the data does not know is removed as it is written.
                    let at = match index.resolve(t) {
                        crate::index::Resolution::Found(e) => list.position_of(&index, e),
                        _ => None,
                    }
                    .or_else(|| list.entries.iter().position(|x| x.symbol == *t));
                    match at {
                        Some(i) => {
                            let gone = list.entries.remove(i);
                            writeln!(out, "removed {} from {name:?}", gone.symbol)?;
                        }
                        None => missing.push(t.clone()),
                    }
                }
                save(&lists, &path)?;
                if !missing.is_empty() {
                    error::warn(err, &format!("not in {name:?}: {}", missing.join(", ")));
                    return Ok(ExitCode::from(error::EXIT_NOT_FOUND));
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
