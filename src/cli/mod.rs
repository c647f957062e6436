//! Command-line interface: the clap definitions and the dispatch to one module per subcommand.
//!
//! A subcommand is a file here with an `Args` struct and its `run`, plus one variant of
//! [`Command`] and its arm in [`run`]. Every command returns `Result<ExitCode, Error>`;
//! failures are printed in one place, [`crate::error::finish`].

mod book;
mod calendar;
mod changes;
mod check;
mod completions;
mod config;
mod exposure;
mod inbox;
mod ingest;
mod interactive;
mod library;
mod listings;
mod programs;
mod screen;
mod search;
mod show;
mod upcoming;
mod watchlist;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::catalog::Catalog;
use crate::error::{self, Error};
use crate::index::{Index, Resolution};
use crate::model::{Dataset, EntityId, ProgramId, local_today, parse_day};
use crate::report::Format;
use crate::search::Searcher;

/// Which government AI and semiconductor programs touch a ticker, and what comes next.
#[derive(Debug, Parser)]
#[command(name = "aipx", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Flags every subcommand takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do; without one, aipx opens the interactive terminal UI.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The flags every subcommand takes: which day, which data.
#[derive(Debug, Args)]
pub struct Global {
    /// Day to count catalysts from (YYYY-MM-DD); defaults to the local date.
    #[arg(long, global = true, value_parser = parse_day, value_name = "YYYY-MM-DD")]
    pub today: Option<NaiveDate>,
    /// Load the dataset from this folder instead of the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Merge what `aipx ingest` finds in these articles (files or folders) into the data;
    /// repeatable.
    #[arg(long, global = true, value_name = "PATH")]
    pub articles: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Programs, funding and catalysts of one ticker or name.
    Show(show::Show),
    /// Fuzzy search over symbols, names, aliases, programs and catalysts.
    Search(search::Search),
    /// Every program with its funding lines, or one program in full.
    Programs(programs::Programs),
    /// Catalysts in date order.
    Calendar(calendar::Calendar),
    /// Validate a dataset (the embedded one, or `--data DIR`) and list every error.
    Check(check::Check),
    /// Run the terminal UI headless, press keys, and print the final screen as text.
    Screen(screen::Screen),
    /// Extract tickers, money and dated catalysts from articles (files or folders, `-` for
    /// standard input).
    Ingest(ingest::Ingest),
    /// Review what saved articles propose: list, accept, reject, undo.
    Inbox(inbox::Inbox),
    /// What the library added, changed or removed, by ticker, new catalysts of the next 90
    /// days first.
    Changes(changes::Changes),
    /// Export the dataset with your library as TOML files, or import such a folder.
    Library(library::LibraryCommand),
    /// Watchlists: import a broker's CSV, list, show, add, remove.
    Watchlist(watchlist::Watchlist),
    /// The securities master: import exchange listing files, show counts, clear.
    Listings(listings::Listings),
    /// What programs touch a watchlist, their public money by link direction, what is due.
    Exposure(exposure::Exposure),
    /// Catalysts opening or closing soon; exit 0 when something is due, 1 when nothing is.
    Upcoming(upcoming::Upcoming),
    /// The config file: `path`, `init` (a commented default), `check`.
    Config(config::Config),
    /// Print a shell completion script.
    Completions(completions::Completions),
    /// Print the manual page (roff).
    Man(completions::Man),
}

/// Runs what the command line asks, writing results to `out` and problems to `err`;
/// `terminal` says whether `out` is a terminal (the UI needs one).
pub fn run(cli: &Cli, terminal: bool, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let g = &cli.global;
    let result = match &cli.command {
        Some(Command::Show(c)) => c.run(g, out, err),
        Some(Command::Search(c)) => c.run(g, out, err),
        Some(Command::Programs(c)) => c.run(g, out, err),
        Some(Command::Calendar(c)) => c.run(g, out, err),
        Some(Command::Check(c)) => c.run(g, out),
        Some(Command::Screen(c)) => c.run(g, out, err),
        Some(Command::Ingest(c)) => c.run(g, out, err),
        Some(Command::Inbox(c)) => c.run(g, out, err),
        Some(Command::Changes(c)) => c.run(g, out, err),
        Some(Command::Library(c)) => c.run(g, out, err),
        Some(Command::Watchlist(c)) => c.run(g, out, err),
        Some(Command::Listings(c)) => c.run(g, out, err),
        Some(Command::Exposure(c)) => c.run(g, out, err),
        Some(Command::Upcoming(c)) => c.run(g, out, err),
        Some(Command::Config(c)) => c.run(out, err),
        Some(Command::Completions(c)) => c.run(out),
        Some(Command::Man(c)) => c.run(out),
        None if terminal => interactive::tui(g, err),
        // Piped output gets the plain overview instead of the terminal UI.
        None => interactive::overview(g, out, err),
    };
    error::finish(result, err)
}

/// Output choice shared by the subcommands.
#[derive(Debug, Args, Clone, Copy)]
pub struct JsonFlag {
    /// Print JSON (schema in the README) instead of text.
    #[arg(long)]
    pub json: bool,
}

impl JsonFlag {
    fn format(self) -> Format {
        if self.json {
            Format::Json
        } else {
            Format::Text
        }
    }
}

impl Global {
    /// `--today`, or the local date.
    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(local_today)
    }

    /// The dataset `--data` names (or the embedded one), without the library.
    pub fn load_base(&self) -> Result<Dataset, Error> {
        crate::data::load(self.data.as_deref()).map_err(Error::Data)
    }

    /// The dataset `--data` names with the records accepted into the library; a record that
    /// does not fit is left out with a line on `err`.
    pub fn load_dataset(&self, err: &mut dyn Write) -> Result<Dataset, Error> {
        crate::library::commands::merge_library(self.load_base()?, err)
    }

    /// The dataset with the library and `--articles` merged in, printing skipped files and
    /// warnings to `err`.
    pub fn load_merged(&self, err: &mut dyn Write) -> Result<Dataset, Error> {
        let data = self.load_dataset(err)?;
        let (data, notices) = crate::ingest::load_with_articles(data, &self.articles)?;
        for n in notices {
            error::warn(err, &n);
        }
        Ok(data)
    }

    /// The merged dataset, indexed.
    pub fn load_index(&self, err: &mut dyn Write) -> Result<Index, Error> {
        Ok(Index::new(self.load_merged(err)?))
    }

    /// The merged dataset indexed with the securities master's companies it does not hold
    /// after its own, and a searcher over both (the master's catalog as stored at import);
    /// without a master, [`load_index`](Self::load_index) and no searcher. A master that
    /// cannot be read is reported on `err` and left out.
    pub fn load_whole(&self, err: &mut dyn Write) -> Result<(Index, Option<Searcher>), Error> {
        self.load_whole_noted(err)
            .map(|(index, searcher, _)| (index, searcher))
    }

    /// [`load_whole`](Self::load_whole), and a short note for the TUI's status bar when the
    /// master could not be read.
    pub fn load_whole_noted(
        &self,
        err: &mut dyn Write,
    ) -> Result<(Index, Option<Searcher>, Option<String>), Error> {
        let data = self.load_merged(err)?;
        let left_out = |e: &crate::listings::MasterError, err: &mut dyn Write| {
            error::warn(err, &format!("{e}; the securities master is left out"));
            master_note(e)
        };
        let companies = match crate::listings::Companies::load() {
            Ok(c) => c,
            Err(e) => return Ok((Index::new(data), None, Some(left_out(&e, err)))),
        };
        let Some(companies) = companies else {
            return Ok((Index::new(data), None, None));
        };
        let own = Catalog::new(&data);
        match beside(data.entities.len(), own, &companies) {
            Ok((searcher, place, more)) => {
                Ok((whole(data, &companies, &place, more), Some(searcher), None))
            }
            Err(e) => Ok((Index::new(data), None, Some(left_out(&e, err)))),
        }
    }

    /// A searcher over the merged dataset's catalog `own` and, when there is one, the
    /// securities master's.
    pub fn searcher_with_master(&self, own: Catalog) -> Result<Searcher, Error> {
        let Some(companies) = crate::listings::Companies::load()? else {
            return Ok(Searcher::from_catalog(own));
        };
        let count = own.entity_count() as usize;
        let place = companies.places(count, own.listings());
        Ok(Searcher::with_master(own, companies.catalog()?, place))
    }
}

/// What the TUI's status bar says of a securities master it could not read: why, that the
/// file is left as it is and the embedded data serves, and what rebuilds it.
fn master_note(e: &crate::listings::MasterError) -> String {
    use crate::listings::{FORMAT, MasterError};
    match e {
        MasterError::OtherVersion { version, .. } if *version < FORMAT => {
            "master.bin from an older aipx, left as is; embedded data in use; rebuild: aipx listings import".into()
        }
        MasterError::OtherVersion { .. } => {
            "master.bin from a newer aipx, left as is; embedded data in use; see aipx listings".into()
        }
        MasterError::Damaged { .. } => {
            "master.bin damaged, left as is; embedded data in use; see aipx listings".into()
        }
        other => format!("securities master not read ({other}); embedded data in use"),
    }
}

/// `data` indexed with the master's companies `more` after its entities, each company's
/// names at its `place`.
fn whole(
    data: Dataset,
    companies: &crate::listings::Companies,
    place: &[EntityId],
    more: Vec<crate::model::Entity>,
) -> Index {
    let names = companies.names().map(|(h, j)| (h, place[j.ix()]));
    Index::with_more(data, more, names)
}

/// `data` with the stored securities master beside it, as the TUI loads it: the index with
/// the master's companies `data` does not hold after its own, and the searcher over both
/// (none without a master). For benchmarks and tests; the CLI reports a bad master instead.
pub fn with_master(
    data: Dataset,
) -> Result<(Index, Option<Searcher>), crate::listings::MasterError> {
    let Some(companies) = crate::listings::Companies::load()? else {
        return Ok((Index::new(data), None));
    };
    let own = Catalog::new(&data);
    let (searcher, place, more) = beside(data.entities.len(), own, &companies)?;
    Ok((whole(data, &companies, &place, more), Some(searcher)))
}

/// The searcher over `own` (the catalog of a dataset of `count` entities) and the master's
/// `companies`, where each company sits, and the companies to add after the dataset's.
fn beside(
    count: usize,
    own: Catalog,
    companies: &crate::listings::Companies,
) -> Result<(Searcher, Vec<EntityId>, Vec<crate::model::Entity>), crate::listings::MasterError> {
    let place = companies.places(count, own.listings());
    let mut more = Vec::new();
    for (j, e) in place.iter().enumerate() {
        if e.ix() >= count {
            more.push(companies.get(EntityId(j as u32))?.0);
        }
    }
    let searcher = Searcher::with_master(own, companies.catalog()?, place.clone());
    Ok((searcher, place, more))
}

/// Most candidates an ambiguous name lists.
const MAX_CANDIDATES: usize = 12;

/// Resolves a ticker or name as the TUI's search would (any listing form, legal-form and
/// punctuation variants, a unique prefix) or explains, with the candidates or the closest
/// names, why it cannot.
pub fn resolve(index: &Index, typed: &str) -> Result<EntityId, Error> {
    let describe = |e: EntityId| {
        let entity = index.entity(e);
        match entity.primary() {
            Some(l) => format!("{}:{} ({})", l.exchange, l.symbol, entity.name),
            None => format!("{} ({}, unlisted)", entity.id, entity.name),
        }
    };
    let shown = crate::text::sanitize(typed);
    let many = match index.resolve(typed) {
        Resolution::Found(e) => return Ok(e),
        Resolution::Ambiguous(many) => many,
        Resolution::NotFound => match index.prefixed(typed).as_slice() {
            [one] => return Ok(*one),
            many => many.to_vec(),
        },
    };
    let (message, listed) = if !many.is_empty() {
        let message = format!("{shown:?} names {} entities; be more specific:", many.len());
        (message, many)
    } else {
        let near = index.suggestions(typed, 5);
        let message = if near.is_empty() {
            format!("unknown ticker or name {shown:?}; no close matches")
        } else {
            format!("unknown ticker or name {shown:?}. Did you mean (closest first):")
        };
        (message, near)
    };
    Err(Error::NotFound(
        message + &listing(listed.into_iter().map(describe)),
    ))
}

/// [`resolve`], except that a bare alias with a legal form put after it (`SoftBank Corp`:
/// the alias `SoftBank` of SoftBank Group Corp., and `Corp`) is not taken for the curated
/// entity when the securities master knows another company by that very name (SoftBank
/// Corp., TSE:9434): then it is not found here, and the caller's master lookup finds it.
pub fn resolve_named(index: &Index, typed: &str) -> Result<EntityId, Error> {
    let e = resolve(index, typed)?;
    let key = crate::model::names::key(typed);
    let by_name = crate::model::names::key(&index.entity(e).name) == key;
    if by_name || !crate::model::names::has_form_words(typed) {
        return Ok(e);
    }
    match resolve_in_master(index, typed)? {
        Some(MasterHit::Company(..)) => Err(Error::NotFound(format!(
            "{:?} is the securities master's, not a curated name",
            crate::text::sanitize(typed)
        ))),
        _ => Ok(e),
    }
}

/// What the securities master makes of a name.
pub enum MasterHit {
    /// A company only the master knows, in an index of the master's companies.
    Company(Box<Index>, EntityId),
    /// A curated entity by another of its names (its ISIN, a cross listing).
    Curated(EntityId),
}

/// A company of the securities master that `typed` names and the curated data does not:
/// its own index (no programs, no catalysts) and its position there. `None` when nothing
/// is imported or the master does not know the name either. A master company that is a
/// curated entity under another name (its ISIN, a cross listing) is the curated one.
pub fn resolve_in_master(index: &Index, typed: &str) -> Result<Option<MasterHit>, Error> {
    // The stored lookup and records: no merging or hashing of the whole master here.
    let Some(companies) = crate::listings::Companies::load()? else {
        return Ok(None);
    };
    resolve_in(&companies, index, typed)
}

/// [`resolve_in_master`] with the master's companies given.
pub fn resolve_in(
    companies: &crate::listings::Companies,
    index: &Index,
    typed: &str,
) -> Result<Option<MasterHit>, Error> {
    let (entity, _) = match companies.resolve(typed) {
        Resolution::Found(e) => companies.get(e)?,
        // Keys fold punctuation (`HMCC.P` and `HMCC-P`): the one listing spelt exactly as
        // typed is meant.
        Resolution::Ambiguous(many) if let Some(one) = exact_listing(companies, &many, typed)? => {
            one
        }
        // A bare symbol on several exchanges (`7203`: Toyota in Tokyo, a small Bursa name):
        // the one clearly largest, else the candidates.
        Resolution::Ambiguous(many) => {
            let mut by_size = many
                .iter()
                .map(|&e| companies.get(e))
                .collect::<Result<Vec<_>, _>>()?;
            by_size.sort_by_key(|(_, size)| std::cmp::Reverse(*size));
            if by_size[0].1 > by_size[1].1 {
                by_size.swap_remove(0)
            } else {
                let shown = crate::text::sanitize(typed);
                let describe = |(entity, _): &(crate::model::Entity, _)| match entity.primary() {
                    Some(l) => format!("{}:{} ({})", l.exchange, l.symbol, entity.name),
                    None => format!("{} ({})", entity.id, entity.name),
                };
                return Err(Error::NotFound(
                    format!(
                        "{shown:?} names {} listed companies; be more specific:",
                        many.len()
                    ) + &listing(by_size.iter().map(describe)),
                ));
            }
        }
        Resolution::NotFound => return Ok(None),
    };
    for l in &entity.listings {
        let form = format!("{}:{}", l.exchange, l.symbol);
        if let Resolution::Found(curated) = index.resolve(&form) {
            return Ok(Some(MasterHit::Curated(curated)));
        }
    }
    let found = Index::new(Dataset {
        entities: vec![entity],
        ..Dataset::default()
    });
    Ok(Some(MasterHit::Company(Box::new(found), EntityId(0))))
}

/// `not_found`, the curated data's answer to a name it does not know; when it found no close
/// match and the securities master holds companies whose names come close (`Toyota`: Toyota
/// Motor, Toyota Tsusho...), the same error naming those, so that `show` never says "no close
/// matches" about a name the master's search finds.
pub fn or_master_suggestions(typed: &str, not_found: Error) -> Result<Error, Error> {
    let Error::NotFound(message) = &not_found else {
        return Ok(not_found);
    };
    if !message.ends_with("no close matches") {
        return Ok(not_found);
    }
    let Some(companies) = crate::listings::Companies::load()? else {
        return Ok(not_found);
    };
    let searcher = Searcher::from_catalog(companies.catalog()?);
    let mut near: Vec<EntityId> = Vec::new();
    for hit in searcher.search(typed, 4 * MAX_CANDIDATES) {
        if let crate::search::Target::Entity(e) = hit.target
            && !near.contains(&e)
        {
            near.push(e);
        }
    }
    if near.is_empty() {
        return Ok(not_found);
    }
    let mut lines = Vec::new();
    for e in near.into_iter().take(5) {
        let (entity, _) = companies.get(e)?;
        lines.push(match entity.primary() {
            Some(l) => format!("{}:{} ({})", l.exchange, l.symbol, entity.name),
            None => format!("{} ({})", entity.id, entity.name),
        });
    }
    let shown = crate::text::sanitize(typed);
    Ok(Error::NotFound(
        format!("unknown ticker or name {shown:?}. Did you mean (closest first):")
            + &listing(lines.into_iter()),
    ))
}

/// The one company among `many` with a listing spelt exactly `typed` (`TSXV:HMCC.P`, or
/// the bare symbol), if exactly one has it.
fn exact_listing(
    companies: &crate::listings::Companies,
    many: &[EntityId],
    typed: &str,
) -> Result<Option<(crate::model::Entity, crate::ingest::lexicon::Size)>, Error> {
    let typed = typed.trim();
    let mut found = None;
    for &e in many {
        let (entity, size) = companies.get(e)?;
        // In any case: `hmcc.p.v` is as plainly `HMCC.P.V` as the capitals.
        let spelt = entity.listings.iter().any(|l| {
            l.symbol.eq_ignore_ascii_case(typed)
                || l.exchange
                    .spellings(&l.symbol)
                    .iter()
                    .any(|f| f.eq_ignore_ascii_case(typed))
        });
        if spelt {
            if found.is_some() {
                return Ok(None);
            }
            found = Some((entity, size));
        }
    }
    Ok(found)
}

/// The program `typed` names (id, name or a unique word prefix), or why it cannot be told.
pub fn resolve_program(index: &Index, typed: &str) -> Result<ProgramId, Error> {
    let describe = |p: ProgramId| {
        let p = index.program(p);
        format!("{} ({})", p.id, p.name)
    };
    let shown = crate::text::sanitize(typed);
    let found = index.find_programs(typed);
    let (message, listed) = match found.as_slice() {
        [one] => return Ok(*one),
        // A ticker or company name: no program, but say which programs it is exposed to.
        [] => match index.resolve(typed) {
            Resolution::Found(e) if index.exposures_of(e).next().is_some() => {
                let mut programs: Vec<ProgramId> =
                    index.exposures_of(e).map(|x| x.program).collect();
                programs.sort();
                programs.dedup();
                let entity = index.entity(e);
                (
                    format!(
                        "{shown:?} is no program but {} ({}), exposed to (`aipx show` shows how):",
                        entity.display_symbol(),
                        crate::text::sanitize(&entity.name)
                    ),
                    programs,
                )
            }
            _ => {
                let all = (0..index.data().programs.len() as u32).map(ProgramId);
                (
                    format!("unknown program {shown:?}; known programs:"),
                    all.collect(),
                )
            }
        },
        many => (
            format!("{shown:?} names {} programs; be more specific:", many.len()),
            found,
        ),
    };
    Err(Error::NotFound(
        message + &listing(listed.into_iter().map(describe)),
    ))
}

/// The first [`MAX_CANDIDATES`] lines, each on its own indented line, then how many more.
fn listing(lines: impl Iterator<Item = String>) -> String {
    let lines: Vec<String> = lines.collect();
    let mut out = String::new();
    for line in lines.iter().take(MAX_CANDIDATES) {
        out.push_str(&format!("\n  {line}"));
    }
    if lines.len() > MAX_CANDIDATES {
        out.push_str(&format!(
            "\n  ... and {} more",
            lines.len() - MAX_CANDIDATES
        ));
    }
    out
}

/// Whether colour is allowed: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
