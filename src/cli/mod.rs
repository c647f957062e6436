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
use crate::listings::{Companies, MasterError};
use crate::model::{
    Dataset, Entity, EntityId, Exchange, Listing, ProgramId, local_today, parse_day,
};
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
    /// The securities master ($XDG_DATA_HOME/aipx/master.bin): import exchange listing files,
    /// show counts, clear.
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
    // What is still buffered goes out now, so that a failure to write it is reported.
    let result = result.and_then(|code| out.flush().map(|()| code).map_err(Error::Output));
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
    /// after its own. With nothing imported the shipped universe is the master; a master
    /// that cannot be read is reported on `err` and left as it is, and the shipped universe
    /// serves instead.
    pub fn load_whole(&self, err: &mut dyn Write) -> Result<Index, Error> {
        let (data, companies, (place, more), _) = self.beside_master(err, |data, companies| {
            placed(data.entities.len(), listings_of(data), companies)
        })?;
        // `placed` read the lookup whole already.
        Ok(whole(data, &companies, place, more)?)
    }

    /// [`load_whole`](Self::load_whole) with what a searcher over both needs of the master
    /// (its stored catalog, read and checked, and where each of its companies is in the
    /// index), and a short note for the TUI's status bar when the master could not be read.
    /// The dataset's own catalog is left to build: the TUI builds it off its first frame.
    pub fn load_whole_noted(
        &self,
        err: &mut dyn Write,
    ) -> Result<(Index, MasterSearch, Option<String>), Error> {
        let (data, companies, (place, more, catalog), note) =
            self.beside_master(err, unsearched)?;
        let index = whole(data, &companies, place.clone(), more)?;
        Ok((index, (catalog, place), note))
    }

    /// The merged dataset, the securities master's companies and what `parts` makes of the
    /// two; a master that cannot be read, or whose parts do not fit each other (found out by
    /// `parts`, past the file's own checks), is reported on `err`, left as it is, and the
    /// shipped universe serves instead, with a note saying so.
    fn beside_master<T>(
        &self,
        err: &mut dyn Write,
        parts: impl Fn(&Dataset, &Companies) -> Result<T, MasterError>,
    ) -> Result<(Dataset, Companies, T, Option<String>), Error> {
        let data = self.load_merged(err)?;
        let imported = Companies::load().and_then(|c| Ok((parts(&data, &c)?, c)));
        match imported {
            Ok((made, companies)) => Ok((data, companies, made, None)),
            Err(e) => {
                error::warn(
                    err,
                    &format!("{e}; the securities master is left out, the shipped universe serves"),
                );
                let shipped = Companies::shipped();
                let made = parts(&data, &shipped)?;
                Ok((data, shipped, made, Some(master_note(&e))))
            }
        }
    }

    /// A searcher over the merged dataset's catalog `own` and the securities master's (the
    /// shipped universe's with nothing imported).
    pub fn searcher_with_master(&self, own: Catalog) -> Result<Searcher, Error> {
        let companies = Companies::load()?;
        let count = own.entity_count() as usize;
        let place = companies.places(count, own.listings())?;
        Ok(Searcher::with_master(own, companies.catalog()?, place))
    }
}

/// What the TUI's status bar says of a securities master it could not read: why, that the
/// file is left as it is and the embedded data (the curated data and the shipped universe)
/// serves, and what rebuilds it.
fn master_note(e: &MasterError) -> String {
    use crate::listings::FORMAT;
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
    companies: &Companies,
    place: Vec<EntityId>,
    more: Vec<Entity>,
) -> Result<Index, MasterError> {
    Ok(Index::with_more(
        data,
        more,
        companies.names()?.clone(),
        place,
    ))
}

/// `data` with the securities master beside it (the shipped universe with nothing
/// imported), as the TUI loads it: the index with the master's companies `data` does not
/// hold after its own, and the searcher over both. For benchmarks, tests and the TUI's
/// indexing after a decision; the CLI reports a bad master and goes on with the shipped
/// universe instead.
pub fn with_master(data: Dataset) -> Result<(Index, Searcher), MasterError> {
    with_companies(data, &Companies::load()?)
}

/// `data` with `companies` beside it (see [`with_master`]).
pub fn with_companies(
    data: Dataset,
    companies: &Companies,
) -> Result<(Index, Searcher), MasterError> {
    let (index, (master, place)) = beside_companies(data, companies)?;
    let own = Catalog::searched(index.data(), index.curated(), index.names().clone());
    Ok((index, Searcher::with_master(own, master, place)))
}

/// What a searcher over a dataset and the securities master beside it needs of the master:
/// its stored catalog (read and checked) and where each of its companies is in the index.
pub type MasterSearch = (Catalog, Vec<EntityId>);

/// `data` with `companies` beside it, as the TUI starts: the index, and what its searcher
/// needs of the master, so that the dataset's own catalog is built later, off the first
/// frame (see [`crate::tui::searcher::Lazy::beside`]).
pub fn beside_companies(
    data: Dataset,
    companies: &Companies,
) -> Result<(Index, MasterSearch), MasterError> {
    let (place, more, catalog) = unsearched(&data, companies)?;
    Ok((
        whole(data, companies, place.clone(), more)?,
        (catalog, place),
    ))
}

/// Every listing of `data`'s entities: the entity, the exchange and the symbol.
fn listings_of(data: &Dataset) -> impl Iterator<Item = (EntityId, Exchange, &str)> {
    data.entities.iter().enumerate().flat_map(|(i, e)| {
        e.listings
            .iter()
            .map(move |l| (EntityId(i as u32), l.exchange, l.symbol.as_str()))
    })
}

/// Where each of the master's `companies` sits beside a dataset of `count` entities with
/// `listings` (see [`Companies::places`]), and the companies to add after the dataset's.
fn placed<'a>(
    count: usize,
    listings: impl IntoIterator<Item = (EntityId, Exchange, &'a str)>,
    companies: &Companies,
) -> Result<(Vec<EntityId>, Vec<Entity>), MasterError> {
    let place = companies.places(count, listings)?;
    let mut more = Vec::new();
    for (j, e) in place.iter().enumerate() {
        if e.ix() >= count {
            more.push(companies.get(EntityId(j as u32))?.0);
        }
    }
    Ok((place, more))
}

/// [`placed`] beside `data`, and the master's stored catalog as the TUI keeps it (see
/// [`Companies::searched_catalog`]), read and checked (a damaged one is found out at load,
/// not at the first search).
fn unsearched(
    data: &Dataset,
    companies: &Companies,
) -> Result<(Vec<EntityId>, Vec<Entity>, Catalog), MasterError> {
    let (place, more) = placed(data.entities.len(), listings_of(data), companies)?;
    Ok((place, more, companies.searched_catalog()?))
}

/// Most candidates an ambiguous name lists.
const MAX_CANDIDATES: usize = 12;

/// Resolves a ticker or name as the TUI's search would (any listing form, legal-form and
/// punctuation variants, a unique prefix) or explains, with the candidates or the closest
/// names, why it cannot.
pub fn resolve(index: &Index, typed: &str) -> Result<EntityId, Error> {
    let describe = |e: EntityId| describe(index.entity(e));
    let shown = crate::text::sanitize(typed);
    let many = match index.resolve(typed) {
        Resolution::Found(e) => return Ok(e),
        Resolution::Ambiguous(many) => many,
        Resolution::NotFound => match index.prefixed(typed).as_slice() {
            [one] => return Ok(*one),
            many => many.to_vec(),
        },
    };
    if many.is_empty() {
        let near = index.suggestions(typed, SUGGESTED);
        return Err(unknown(typed, near.into_iter().map(describe).collect()));
    }
    let message = format!("{shown:?} names {} entities; be more specific:", many.len());
    Err(Error::NotFound(
        message + &listing(many.into_iter().map(describe)),
    ))
}

/// Most names "did you mean" offers.
const SUGGESTED: usize = 5;

/// An entity as a list of candidates names it: `TSE:9984 (SoftBank Group Corp.)`.
fn describe(entity: &Entity) -> String {
    match entity.primary() {
        Some(l) => format!("{}:{} ({})", l.exchange, l.symbol, entity.name),
        None => format!("{} ({}, unlisted)", entity.id, entity.name),
    }
}

/// `typed` is no name aipx knows; `near` are the closest names, closest first.
fn unknown(typed: &str, near: Vec<String>) -> Error {
    let shown = crate::text::sanitize(typed);
    let message = if near.is_empty() {
        format!("unknown ticker or name {shown:?}; no close matches")
    } else {
        format!("unknown ticker or name {shown:?}. Did you mean (closest first):")
    };
    Error::NotFound(message + &listing(near.into_iter()))
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
    match resolve_in(&Companies::load()?, index, typed)? {
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

/// What the securities master (the shipped universe with nothing imported) makes of
/// `typed`, which the curated data does not resolve (`not_found` says why): a company only
/// the master knows, in its own index (no programs, no catalysts), or a curated entity under
/// another of its names (its ISIN, a cross listing). When the master does not know it
/// either, `not_found`, whose closest names now take in the master's companies.
pub fn resolve_in_master(index: &Index, typed: &str, not_found: Error) -> Result<MasterHit, Error> {
    // The stored lookup and records: no merging or hashing of the whole master here.
    resolve_in_companies(&Companies::load()?, index, typed, not_found)
}

/// [`resolve_in_master`] with the master's companies given.
pub fn resolve_in_companies(
    companies: &Companies,
    index: &Index,
    typed: &str,
    not_found: Error,
) -> Result<MasterHit, Error> {
    match resolve_in(companies, index, typed)? {
        Some(hit) => Ok(hit),
        None => Err(unknown_beside(companies, index, typed, not_found)?),
    }
}

/// `not_found`, what the curated data said of `typed`; when it had no candidates to offer
/// (the name is unknown, not ambiguous), the closest names of the curated data and of the
/// master's `companies` instead, closest first and the curated entity first on a tie.
fn unknown_beside(
    companies: &Companies,
    index: &Index,
    typed: &str,
    not_found: Error,
) -> Result<Error, Error> {
    let unknown_here =
        matches!(index.resolve(typed), Resolution::NotFound) && index.prefixed(typed).is_empty();
    let want = crate::model::names::key(typed);
    if !unknown_here || want.is_empty() {
        return Ok(not_found);
    }
    // Codes are not among the names searched: an ISIN is told by its check digit, and the
    // ISINs known one slip away.
    if crate::model::isin::is_shaped(typed.trim()) {
        return unknown_isin(companies, index, typed.trim());
    }
    let close = |e: &Entity| {
        let alike = crate::index::closeness(&want, e);
        (alike >= crate::index::CLOSE)
            .then_some(alike)
            .or_else(|| crate::index::started(&want, &e.name))
    };
    // (how alike, from the master, order, how it is named)
    let mut near: Vec<(f64, bool, usize, String)> = Vec::new();
    for (i, e) in index.data().entities.iter().enumerate() {
        near.extend(close(e).map(|alike| (alike, false, i, describe(e))));
    }
    // The master's stored catalog, read in place: a whole master is too many companies to
    // decode for an error message.
    let catalog = companies.catalog()?;
    let close_ones = crate::listings::near::near(&catalog, &want);
    // A company that is a curated entity (a listing in common) is offered as that.
    let mut curated = vec![false; close_ones.len()];
    for (j, exchange, symbol) in catalog.listings() {
        if let Ok(k) = close_ones.binary_search_by_key(&j, |&(_, e)| e)
            && !matches!(
                index.resolve(&format!("{exchange}:{symbol}")),
                Resolution::NotFound
            )
        {
            curated[k] = true;
        }
    }
    for (&(alike, j), curated) in close_ones.iter().zip(curated) {
        if !curated {
            let label = catalog.label_of(crate::search::Target::Entity(j));
            let shown = match (label.exchange, label.symbol) {
                (Some(x), Some(s)) => format!("{x}:{s} ({})", label.name),
                _ => format!("{} ({}, unlisted)", label.id, label.name),
            };
            near.push((alike, true, j.ix(), shown));
        }
    }
    near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let near = near.into_iter().take(SUGGESTED).map(|n| n.3).collect();
    Ok(unknown(typed, near))
}

/// `typed`, shaped as an ISIN, names no company: whether its check digit is wrong (and
/// which it would be), and the companies known by an ISIN one slip away (a character off,
/// two swapped).
fn unknown_isin(companies: &Companies, index: &Index, typed: &str) -> Result<Error, Error> {
    let upper = typed.to_ascii_uppercase();
    let shown = crate::text::sanitize(typed);
    let mut head = match crate::model::isin::check_digit(&upper) {
        Some(d) if !crate::model::isin::is_valid(&upper) => format!(
            "{shown:?} is no valid ISIN (its check digit should be {d}, not {})",
            &upper[11..]
        ),
        _ => format!("no company with the ISIN {shown:?} is known"),
    };
    let mut near: Vec<String> = Vec::new();
    for isin in crate::model::isin::one_slip_away(&upper) {
        if let Resolution::Found(e) = index.resolve(&isin)
            && index.entity(e).aliases.contains(&isin)
        {
            near.push(format!("{isin}  {}", describe(index.entity(e))));
            continue;
        }
        for &j in companies.resolve(&isin)?.entities() {
            let (entity, _) = companies.get(j)?;
            if entity.aliases.contains(&isin) {
                near.push(format!("{isin}  {}", describe(&entity)));
            }
        }
    }
    if !near.is_empty() {
        head.push_str(". Did you mean:");
    } else if companies.is_shipped() {
        head.push_str(
            "; the shipped universe gives no ISINs: import listing files that do (`aipx listings import`)",
        );
    } else {
        head.push_str("; no known ISIN is one character off");
    }
    Ok(Error::NotFound(head + &listing(near.into_iter())))
}

/// [`resolve_in_master`] with the master's companies given.
pub fn resolve_in(
    companies: &Companies,
    index: &Index,
    typed: &str,
) -> Result<Option<MasterHit>, Error> {
    let (entity, _) = match companies.resolve(typed)? {
        Resolution::Found(e) => companies.get(e)?,
        // Keys fold punctuation (`HMCC.P` and `HMCC-P`): the one listing spelt exactly as
        // typed is meant. Only punctuation: a bare `700` spelt so on a German venue is no
        // more meant than Hong Kong's `0700`, which the size of each company decides.
        Resolution::Ambiguous(many)
            if folds_punctuation(typed)
                && let Some(one) = exact_listing(companies, &many, typed)? =>
        {
            one
        }
        // Keys fold legal forms (`SoftBank Corp` is `SoftBank`): the one company whose own
        // name it is beats one that has it as an alias (SoftBank Group's `SoftBank`).
        Resolution::Ambiguous(many) if let Some(one) = exact_name(companies, &many, typed)? => one,
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
                return Err(ambiguous(typed, by_size.iter().map(|(e, _)| e)));
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
    // Beside an empty dataset, so that what it shows says it is the master's.
    let names = crate::model::names::Names::new([&entity]);
    let found = Index::with_more(Dataset::default(), vec![entity], names, vec![EntityId(0)]);
    Ok(Some(MasterHit::Company(Box::new(found), EntityId(0))))
}

/// The listing of `entity` that `typed`, a bare symbol, names (`2382` of `TWSE:2382`, `700`
/// of `HKEX:0700`), if it names one.
fn listing_named<'a>(entity: &'a Entity, typed: &str) -> Option<&'a Listing> {
    let typed = typed.trim();
    entity.listings.iter().find(|l| {
        crate::model::names::listing_key(l.exchange, &l.symbol)
            == crate::model::names::listing_key(l.exchange, typed)
    })
}

/// How a candidate is picked: the listing `typed` names (else the company's primary listing)
/// as `EXCH:SYMBOL`, and its Yahoo code where the exchange has one (`TWSE:2382 or 2382.TW`).
fn pick(entity: &Entity, typed: &str) -> (String, bool) {
    let named = listing_named(entity, typed);
    let Some(l) = named.or(entity.primary()) else {
        return (entity.id.clone(), false);
    };
    let form = format!("{}:{}", l.exchange, l.symbol);
    let form = match l.exchange.suffixed(&l.symbol) {
        Some(yahoo) => format!("{form} or {yahoo}"),
        None => form,
    };
    (form, named.is_some())
}

/// `typed` names several listed companies and none is clearly meant: each is listed with
/// how to name it alone (the listing `typed` names, else its primary, and its Yahoo code),
/// beside its name, and the first shows how to ask for it.
fn ambiguous<'a>(typed: &str, many: impl Iterator<Item = &'a Entity>) -> Error {
    let shown = crate::text::sanitize(typed);
    let picks: Vec<(String, bool, &str)> = many
        .map(|e| {
            let (form, by_symbol) = pick(e, typed);
            (form, by_symbol, e.name.as_str())
        })
        .collect();
    let by_symbol = picks.iter().all(|p| p.1);
    let example = picks
        .first()
        .and_then(|p| p.0.split(" or ").next())
        .unwrap_or_default();
    let head = if by_symbol {
        format!(
            "{shown:?} is a symbol on {} exchanges; name the listing you mean, as `{example}`:",
            picks.len()
        )
    } else {
        format!(
            "{shown:?} names {} listed companies; name the one you mean by its listing, as `{example}`:",
            picks.len()
        )
    };
    let width = picks.iter().map(|p| p.0.chars().count()).max().unwrap_or(0);
    Error::NotFound(
        head + &listing(
            picks
                .iter()
                .map(|(form, _, name)| format!("{form:<width$}  {name}")),
        ),
    )
}

/// The other companies of the securities master a bare symbol is also a listing of, beside
/// `chosen`, the entity `show` took for it (a curated one, or the clearly largest):
/// `TPEX:5347 (Vanguard International Semiconductor Corp.)`. None when `typed` is a name or
/// a listing form. Only the lookup is read, and only the other companies are decoded.
pub fn others_listed_as(
    companies: &Companies,
    chosen: &Entity,
    typed: &str,
) -> Result<Vec<String>, Error> {
    if !is_bare_symbol(chosen, typed) {
        return Ok(Vec::new());
    }
    let named = companies.resolve(typed)?;
    // The master's companies that are `chosen` hold one of its listings.
    let mut same: Vec<EntityId> = Vec::new();
    for l in &chosen.listings {
        same.extend(
            companies
                .resolve(&format!("{}:{}", l.exchange, l.symbol))?
                .entities(),
        );
    }
    let mut others = Vec::new();
    for &j in named.entities().iter().filter(|j| !same.contains(j)) {
        let (entity, _) = companies.get(j)?;
        if let Some(l) = listing_named(&entity, typed) {
            others.push(format!("{}:{} ({})", l.exchange, l.symbol, entity.name));
        }
    }
    Ok(others)
}

/// Whether `typed` is a bare symbol (no exchange, no Yahoo or Bloomberg code) that is one
/// of `entity`'s listings.
pub fn is_bare_symbol(entity: &Entity, typed: &str) -> bool {
    let typed = typed.trim();
    !typed.is_empty()
        && typed
            .chars()
            .all(|c| c.is_alphanumeric() || ".-/".contains(c))
        && Exchange::split_listing(typed).is_none()
        && listing_named(entity, typed).is_some()
}

/// Whether `typed` holds punctuation that keys fold (`HMCC.P`, `TSXV:HMCC-P`).
fn folds_punctuation(typed: &str) -> bool {
    typed
        .trim()
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
}

/// The one company among `many` with a listing spelt exactly `typed` (`TSXV:HMCC.P`, or
/// the bare symbol), if exactly one has it.
fn exact_listing(
    companies: &Companies,
    many: &[EntityId],
    typed: &str,
) -> Result<Option<(Entity, crate::ingest::lexicon::Size)>, Error> {
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

/// The one company among `many` whose own name is `typed` (as keys compare names), if
/// exactly one is.
fn exact_name(
    companies: &Companies,
    many: &[EntityId],
    typed: &str,
) -> Result<Option<(Entity, crate::ingest::lexicon::Size)>, Error> {
    let want = crate::model::names::key(typed);
    let mut found = None;
    for &e in many {
        let (entity, size) = companies.get(e)?;
        if crate::model::names::key(&entity.name) == want {
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
