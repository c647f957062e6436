//! `aipx listings`: import exchange listing files into the securities master, show what it
//! holds, clear it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::listings::{BadRow, Companies, Format, Imported, Master, MasterError};
use crate::model::Exchange;

/// The securities master: counts by exchange and the files imported (see its subcommands).
#[derive(Debug, Args)]
pub struct Listings {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    out: JsonFlag,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Read listing files (NASDAQ screener JSON/CSV, FinanceDatabase CSV, SEC
    /// company_tickers_exchange.json, plain symbol,name,exchange CSV) into the master.
    Import {
        /// Files, or folders of .json / .csv files (their subfolders too).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read every file as this format instead of telling it by content.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The exchange of a NASDAQ screener export's rows (`NYSE`, `AMEX`, `NASDAQ`): the
        /// export does not say, and a file named `nyse…` or `amex…` is taken to be that.
        #[arg(long, value_name = "CODE", value_parser = exchange)]
        exchange: Option<Exchange>,
    },
    /// Remove the master (the shipped universe serves as the master again).
    Clear,
}

/// An exchange as `--exchange` takes it: a code, MIC or full name aipx knows.
fn exchange(text: &str) -> Result<Exchange, String> {
    Exchange::parse(text)
        .or_else(|| Exchange::by_name(text))
        .ok_or_else(|| format!("no exchange aipx knows is called {text:?}"))
}

/// Bytes of a file that is not UTF-8 its format is told by before it is decoded whole.
const HEAD: usize = 64 << 10;

/// Bad rows printed before the rest are only counted.
const SHOWN_BAD: usize = 5;

impl From<MasterError> for Error {
    fn from(e: MasterError) -> Error {
        Error::BadInput(e.to_string())
    }
}

/// Folders deeper than this under a path given are not read (a tree of listings is a
/// folder or two deep: `listings/us-exchanges/nyse.json`).
const MAX_DEPTH: usize = 8;

/// Files under `paths`: files as given, folders' .json and .csv files by name, in their
/// subfolders too (the reference's `listings/` holds one folder per source); a symbolic
/// link to a folder is not followed (it could lead back up). A folder holding no listing
/// file is an error of its own, so a mistyped folder never imports nothing in silence.
fn files(paths: &[PathBuf], err: &mut dyn Write) -> (Vec<PathBuf>, usize) {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        let mut entries: Vec<(PathBuf, bool)> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok())
            .map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
            .collect();
        entries.sort();
        for (path, is_dir) in entries {
            if is_dir {
                if depth < MAX_DEPTH {
                    walk(&path, depth + 1, out)?;
                }
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json") || x.eq_ignore_ascii_case("csv"))
            {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    let mut failed = 0;
    for p in paths {
        if p.is_dir() {
            let shown = crate::text::sanitize(&p.display().to_string()).into_owned();
            let mut found = Vec::new();
            match walk(p, 0, &mut found) {
                Err(e) => {
                    let _ = writeln!(err, "aipx: {shown}: {e}");
                    failed += 1;
                }
                Ok(()) if found.is_empty() => {
                    let _ = writeln!(err, "aipx: {shown}: no .json or .csv file in this folder");
                    failed += 1;
                }
                Ok(()) => out.extend(found),
            }
        } else {
            out.push(p.clone());
        }
    }
    // A file given twice (by two spellings of its path, or alone and in its folder) is
    // read once: its rows would replace themselves, and the counts would say twice.
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(absolute(f)));
    (out, failed)
}

fn absolute(p: &Path) -> String {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

impl Listings {
    pub fn run(
        &self,
        _g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        match &self.action {
            None => self.list(out),
            Some(Action::Clear) => {
                let path = crate::listings::path()?;
                match std::fs::remove_file(&path) {
                    Ok(()) => writeln!(out, "removed {}", path.display())?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                        writeln!(out, "nothing to clear ({} does not exist)", path.display())?
                    }
                    Err(e) => return Err(Error::BadInput(format!("{}: {e}", path.display()))),
                }
                Ok(ExitCode::SUCCESS)
            }
            Some(Action::Import {
                paths,
                format,
                exchange,
            }) => import(paths, *format, *exchange, out, err),
        }
    }

    fn list(&self, out: &mut dyn Write) -> Result<ExitCode, Error> {
        let master = Master::load()?;
        let by_exchange = master.by_exchange();
        // With nothing imported, the shipped universe is the master: say so, and how large.
        let companies = Companies::load()?;
        let serves = if companies.is_shipped() {
            "shipped"
        } else {
            "imported"
        };
        if self.out.json {
            let files: Vec<_> = master
                .files
                .iter()
                .map(|f| {
                    serde_json::json!({
                        "path": f.path, "format": f.format.name(),
                        "imported_at": f.imported_at, "rows": f.rows.len(),
                    })
                })
                .collect();
            let v = serde_json::json!({
                "path": crate::listings::path()?.display().to_string(),
                "serves": serves,
                "rows": master.rows().count(),
                "companies": companies.len(),
                "by_exchange": by_exchange,
                "files": files,
            });
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&v).map_err(std::io::Error::other)?
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        if companies.is_shipped() {
            writeln!(
                out,
                "No listings imported: the shipped universe ({} companies, compiled in from assets/universe.csv) serves as the master, beside the curated data. Import with `aipx listings import PATH...`.",
                companies.len()
            )?;
            return Ok(ExitCode::SUCCESS);
        }
        writeln!(
            out,
            "{} listings, {} companies, in {}",
            master.rows().count(),
            companies.len(),
            crate::listings::path()?.display()
        )?;
        writeln!(out, "\nBy exchange")?;
        // A venue aipx does not know keeps the file's name for it, which may be long.
        let width = by_exchange
            .keys()
            .map(|x| crate::text::sanitize(x).chars().count())
            .max()
            .unwrap_or(0)
            .max(8);
        for (exchange, n) in &by_exchange {
            let shown = crate::text::sanitize(exchange);
            writeln!(out, "  {shown:<width$} {n:>7}")?;
        }
        writeln!(out, "\nFiles")?;
        for f in &master.files {
            writeln!(
                out,
                "  {}  {:<15} {:>7} rows  {}",
                f.imported_at,
                f.format.name(),
                f.rows.len(),
                crate::text::sanitize(&f.path)
            )?;
        }
        Ok(ExitCode::SUCCESS)
    }
}

fn import(
    paths: &[PathBuf],
    forced: Option<Format>,
    exchange: Option<Exchange>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let (files, unread_folders) = files(paths, err);
    // A master an older aipx wrote is rebuilt by this import (what its message asks for),
    // and says so; a damaged one, or a newer aipx's, stops it and is left as it is.
    let mut master = match Master::load_to_rebuild() {
        Err(MasterError::OtherVersion { path, version }) if version < crate::listings::FORMAT => {
            let _ = writeln!(
                err,
                "aipx: {}: written by an older aipx (master format {version}): rebuilt from the files imported now; import the files imported before again",
                crate::text::sanitize(&path)
            );
            Master::default()
        }
        loaded => {
            let (master, damaged) = loaded?;
            if let Some(first) = damaged.first() {
                let why = match first {
                    MasterError::Damaged { path, detail } => format!("{path}: damaged ({detail})"),
                    other => other.to_string(),
                };
                let _ = writeln!(
                    err,
                    "aipx: {}; its listings are sound: the companies, names and search catalog built from them are rebuilt",
                    crate::text::sanitize(&why)
                );
            }
            master
        }
    };
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} files  {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let (mut rows, mut bad, mut failed): (usize, Vec<BadRow>, usize) = (0, Vec::new(), 0);
    let mut bad_count = 0;
    // A file not imported: said, counted, and the bar moved past it.
    let skip = |err: &mut dyn Write, failed: &mut usize, why: String| {
        let _ = writeln!(err, "aipx: {why}");
        *failed += 1;
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    };
    let unknown =
        |shown: &str| format!("{shown}: not a listing file aipx knows (use --format to say which)");
    for file in &files {
        let shown = crate::text::sanitize(&file.display().to_string()).into_owned();
        if let Some(bar) = &bar {
            bar.set_message(shown.clone());
        }
        // A regular file of bounded size only (a FIFO is refused, not waited on), in
        // whatever encoding a spreadsheet saved it.
        let bytes = match crate::fsread::read(file, crate::listings::formats::FILE_LIMIT) {
            Ok(b) => b,
            Err(e) => {
                skip(err, &mut failed, format!("{shown}: {e}"));
                continue;
            }
        };
        // A file that is not UTF-8 is told by its head before all of it is decoded (which
        // may take three times its size): binary noise is refused at the cost of its bytes.
        if forced.is_none() && std::str::from_utf8(&bytes).is_err() {
            let head = &bytes[..bytes.len().min(HEAD)];
            if Format::detect(&crate::book::import::decode(head).0).is_none() {
                skip(err, &mut failed, unknown(&shown));
                continue;
            }
        }
        let (text, encoding) = crate::book::import::decode(&bytes);
        if let Some(encoding) = encoding {
            let _ = writeln!(err, "aipx: {shown}: not UTF-8, read as {encoding}");
        }
        let Some(format) = forced.or_else(|| Format::detect(&text)) else {
            skip(err, &mut failed, unknown(&shown));
            continue;
        };
        // The rows the master has room for beside the other files' (this file's rows of an
        // earlier import are replaced).
        let path = absolute(file);
        let others: usize = master
            .files
            .iter()
            .filter(|f| f.path != path)
            .map(|f| f.rows.len())
            .sum();
        let room = crate::listings::formats::MAX_ROWS.saturating_sub(others);
        match crate::listings::formats::read_at_most(file, &text, format, room, exchange) {
            Ok(read) => {
                if let Some(assumed) = &read.assumed {
                    let _ = writeln!(err, "aipx: {}", crate::text::sanitize(assumed));
                }
                rows += read.rows.len();
                bad_count += read.bad_count;
                bad.extend(
                    read.bad
                        .into_iter()
                        .take(SHOWN_BAD - bad.len().min(SHOWN_BAD)),
                );
                master.put(Imported {
                    path,
                    format,
                    imported_at: now.clone(),
                    rows: read.rows,
                });
            }
            Err(e) => {
                // The error names the file itself.
                let _ = writeln!(err, "aipx: {}", crate::text::sanitize(&e));
                failed += 1;
            }
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for b in &bad {
        let _ = writeln!(
            err,
            "{}: skipped: {}",
            crate::text::sanitize(&b.at),
            crate::text::sanitize(&b.why)
        );
    }
    if bad_count > bad.len() {
        let _ = writeln!(
            err,
            "... and {} more bad rows skipped",
            bad_count - bad.len()
        );
    }
    // Merging the rows into companies and packing them takes seconds for a large import:
    // a line says what is going on rather than a still terminal. It is drawn once (no
    // spinner: this thread holds stderr, so a ticking thread could not draw).
    let note = std::io::stderr().is_terminal().then(|| {
        let note = indicatif::ProgressBar::new_spinner().with_style(
            indicatif::ProgressStyle::with_template("{msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        note.set_message(format!(
            "merging {} listings into companies and writing the master…",
            master.rows().count()
        ));
        note
    });
    let saved = master.save();
    if let Some(note) = note {
        note.finish_and_clear();
    }
    let (path, companies) = saved?;
    writeln!(
        out,
        "imported {rows} listings from {} file(s) ({} bad rows skipped, {failed} file(s) unreadable) into {}; {} companies in all",
        files.len() - failed,
        bad_count,
        path.display(),
        companies
    )?;
    Ok(if failed + unread_folders > 0 {
        ExitCode::from(crate::error::EXIT_BAD_INPUT)
    } else {
        ExitCode::SUCCESS
    })
}
