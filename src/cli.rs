//! Command-line interface: clap types and the dispatch of each subcommand.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

use crate::data;
use crate::index::{Index, Resolution};
use crate::model::{EntityId, parse_day};
use crate::report::{self, Format};

/// Which government AI and semiconductor programs touch a ticker, and what comes next.
#[derive(Debug, Parser)]
#[command(name = "aipx", version, about, long_about = None)]
pub struct Cli {
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
    /// What to do; without one, aipx opens the interactive terminal UI.
    #[command(subcommand)]
    pub command: Option<Command>,
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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Programs, funding and catalysts of one ticker or name.
    Show {
        /// Ticker or name in any common form: 9984, 9984.T, TSE:9984, 9984 JT, NVDA.O,
        /// SoftBank, SoftBank Group Corporation, or the unique start of a name.
        ticker: String,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Fuzzy search over symbols, names, aliases, programs and catalysts.
    Search {
        /// What to look for.
        query: String,
        /// Most results to print.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Every program with its funding lines, or one program in full.
    Programs {
        /// Program id, name or the start of one (`genesis`); see `aipx programs`.
        id: Option<String>,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Catalysts in date order.
    Calendar {
        /// Only catalysts of this ticker (its own and its programs').
        #[arg(long)]
        ticker: Option<String>,
        /// Only catalysts that may fall on or after this day.
        #[arg(long, value_parser = parse_day, value_name = "YYYY-MM-DD")]
        from: Option<NaiveDate>,
        /// Only catalysts that may fall on or before this day.
        #[arg(long, value_parser = parse_day, value_name = "YYYY-MM-DD")]
        to: Option<NaiveDate>,
        /// Print an iCalendar (RFC 5545) file for calendar apps.
        #[arg(long, conflicts_with_all = ["csv", "json"])]
        ics: bool,
        /// Print CSV for spreadsheets.
        #[arg(long, conflicts_with = "json")]
        csv: bool,
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Validate a dataset (the embedded one, or `--data DIR`) and list every error.
    Check {
        #[command(flatten)]
        out: JsonFlag,
    },
    /// Run the terminal UI headless, press keys, and print the final screen as text.
    Screen {
        /// Terminal size in columns and rows.
        #[arg(long, value_parser = crate::tui::screen::parse_size, default_value = "120x40", value_name = "WxH")]
        size: (u16, u16),
        /// Keys to press, e.g. `/softbank<Enter><Tab>3j` (syntax in the README).
        #[arg(long, default_value = "", value_name = "SCRIPT")]
        keys: String,
    },
    /// Extract tickers, money and dated catalysts from articles (files or folders).
    Ingest {
        /// Article files, or folders of .txt / .md / .html files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Date to resolve relative dates against when an article has no date line
        /// (default: the file's modification date).
        #[arg(long, value_parser = parse_day, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        #[command(flatten)]
        out: JsonFlag,
    },
}

/// Exit code for a name that matches nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for invalid data or arguments.
pub const EXIT_BAD_INPUT: u8 = 2;

/// The local date, the default `--today`.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Loads the dataset the flags name, printing every error on failure.
pub fn load_dataset(cli: &Cli, err: &mut dyn Write) -> Result<crate::model::Dataset, ExitCode> {
    data::load(cli.data.as_deref()).map_err(|errors| {
        let _ = writeln!(err, "{errors}");
        let _ = writeln!(err, "aipx: {} error(s) in the dataset", errors.0.len());
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// Loads the dataset the flags name, merges `--articles` into it and builds the index.
pub fn load_index(cli: &Cli, err: &mut dyn Write) -> Result<Index, ExitCode> {
    let data = load_dataset(cli, err)?;
    let data = crate::ingest::cli::merge_articles(data, &cli.articles, err)?;
    Ok(Index::new(data))
}

/// Most candidates an ambiguous name lists.
const MAX_CANDIDATES: usize = 12;

/// Resolves a ticker or name as the TUI's search would (any listing form, legal-form and
/// punctuation variants, a unique prefix) or explains, with candidates or suggestions, why it
/// cannot.
pub fn resolve_or_explain(
    index: &Index,
    typed: &str,
    err: &mut dyn Write,
) -> Result<EntityId, ExitCode> {
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
    if !many.is_empty() {
        let _ = writeln!(
            err,
            "aipx: {shown:?} names {} entities; be more specific:",
            many.len()
        );
        list(err, many.iter().map(|&e| describe(e)));
        return Err(ExitCode::from(EXIT_NOT_FOUND));
    }
    let near = index.suggestions(typed, 5);
    if near.is_empty() {
        let _ = writeln!(
            err,
            "aipx: unknown ticker or name {shown:?}; no close matches"
        );
    } else {
        let _ = writeln!(
            err,
            "aipx: unknown ticker or name {shown:?}. Did you mean (closest first):"
        );
        list(err, near.into_iter().map(describe));
    }
    Err(ExitCode::from(EXIT_NOT_FOUND))
}

/// The program `typed` names (id, name or a unique word prefix), or why it cannot be told.
pub fn program_or_explain(
    index: &Index,
    typed: &str,
    err: &mut dyn Write,
) -> Result<crate::model::ProgramId, ExitCode> {
    let found = index.find_programs(typed);
    let describe = |p: crate::model::ProgramId| {
        let p = index.program(p);
        format!("{} ({})", p.id, crate::text::sanitize(&p.name))
    };
    let shown = crate::text::sanitize(typed);
    match found.as_slice() {
        [one] => return Ok(*one),
        [] => {
            let _ = writeln!(err, "aipx: unknown program {shown:?}; known programs:");
            let all = 0..index.data().programs.len() as u32;
            list(err, all.map(|p| describe(crate::model::ProgramId(p))));
        }
        many => {
            let _ = writeln!(
                err,
                "aipx: {shown:?} names {} programs; be more specific:",
                many.len()
            );
            list(err, many.iter().map(|&p| describe(p)));
        }
    }
    Err(ExitCode::from(EXIT_NOT_FOUND))
}

/// Writes the first [`MAX_CANDIDATES`] lines indented, then how many more there are.
fn list(err: &mut dyn Write, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    for line in lines.iter().take(MAX_CANDIDATES) {
        let _ = writeln!(err, "  {line}");
    }
    if lines.len() > MAX_CANDIDATES {
        let _ = writeln!(err, "  ... and {} more", lines.len() - MAX_CANDIDATES);
    }
}

/// Whether colour is allowed: `NO_COLOR` set to anything non-empty turns it off.
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Without a subcommand: the interactive terminal UI.
pub fn interactive(cli: &Cli, err: &mut dyn Write) -> ExitCode {
    let today = cli.today.unwrap_or_else(local_today);
    let index = match load_index(cli, err) {
        Ok(index) => index,
        Err(code) => return code,
    };
    let app = crate::tui::App::new(index, today).with_color(color_allowed());
    match crate::tui::run::run(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "aipx: terminal error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Without a subcommand and without a terminal UI: every entity with its exposure count and
/// next catalyst, as `aipx search` prints them.
pub fn overview(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let today = cli.today.unwrap_or_else(local_today);
    let index = match load_index(cli, err) {
        Ok(index) => index,
        Err(code) => return code,
    };
    match report::overview(&index, today, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Runs a subcommand, writing results to `out` and problems to `err`.
pub fn run(cli: &Cli, command: &Command, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    match execute(cli, command, out, err) {
        Ok(code) | Err(code) => code,
    }
}

fn execute(
    cli: &Cli,
    command: &Command,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, ExitCode> {
    let today = cli.today.unwrap_or_else(local_today);
    if let Command::Check { out: fmt } = command {
        return Ok(report::check(cli.data.as_deref(), fmt.format(), out));
    }
    if let Command::Ingest {
        paths,
        as_of,
        out: fmt,
    } = command
    {
        let data = load_dataset(cli, err)?;
        return crate::ingest::cli::ingest(&data, paths, *as_of, fmt.json, out, err);
    }
    if let Command::Search {
        query,
        limit,
        out: fmt,
    } = command
    {
        return finish(search(cli, query, *limit, fmt.format(), out, err)?, err);
    }
    let index = load_index(cli, err)?;
    let written = match command {
        Command::Show { ticker, out: fmt } => {
            let entity = resolve_or_explain(&index, ticker, err)?;
            report::show(&index, entity, today, fmt.format(), out)
        }
        Command::Programs { id, out: fmt } => {
            let program = match id {
                Some(id) => Some(program_or_explain(&index, id, err)?),
                None => None,
            };
            report::programs(&index, program, today, fmt.format(), out)
        }
        Command::Calendar {
            ticker,
            from,
            to,
            ics,
            csv,
            out: fmt,
        } => {
            let entity = match ticker {
                Some(t) => Some(resolve_or_explain(&index, t, err)?),
                None => None,
            };
            let format = match (ics, csv) {
                (true, _) => Format::Ics,
                (_, true) => Format::Csv,
                _ => fmt.format(),
            };
            let filter = report::CalendarFilter {
                entity,
                from: *from,
                to: *to,
            };
            report::calendar(&index, &filter, today, format, out)
        }
        Command::Screen { size, keys } => {
            let app = crate::tui::App::new(index, today).with_color(false);
            match crate::tui::screen::screen(app, *size, keys) {
                Ok(text) => out.write_all(text.as_bytes()),
                Err(e) => {
                    let _ = writeln!(err, "aipx: {e}");
                    return Err(ExitCode::from(EXIT_BAD_INPUT));
                }
            }
        }
        Command::Check { .. } | Command::Ingest { .. } | Command::Search { .. } => {
            unreachable!("handled above")
        }
    };
    finish(written, err)
}

/// `aipx search`: from the cached catalog when `--data DIR` has one, else from the loaded
/// index (and the catalog is cached for next time).
fn search(
    cli: &Cli,
    query: &str,
    limit: usize,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<std::io::Result<()>, ExitCode> {
    // Ingested articles change what there is to find: the cached catalog is the dataset's only.
    let cacheable = cli.data.as_deref().filter(|_| cli.articles.is_empty());
    if let Some(catalog) = cacheable.and_then(data::cached_catalog) {
        let searcher = crate::search::Searcher::from_catalog(catalog);
        return Ok(report::search(&searcher, query, limit, format, out));
    }
    let data = load_dataset(cli, err)?;
    let data = crate::ingest::cli::merge_articles(data, &cli.articles, err)?;
    // Search needs the catalog only: build it and let the rest (a million links) go first.
    let catalog = crate::catalog::Catalog::new(&data);
    drop(data);
    if let Some(dir) = cacheable {
        data::cache_catalog(dir, &catalog);
    }
    let searcher = crate::search::Searcher::from_catalog(catalog);
    Ok(report::search(&searcher, query, limit, format, out))
}

/// The exit code for how writing the output went.
pub(crate) fn finish(
    written: std::io::Result<()>,
    err: &mut dyn Write,
) -> Result<ExitCode, ExitCode> {
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        // A closed pipe (`aipx calendar | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => {
            let _ = writeln!(err, "aipx: cannot write output: {e}");
            Err(ExitCode::FAILURE)
        }
    }
}
