//! What the library's commands do (`ingest --save`, `inbox`, `changes`, `library
//! export|import`) and merging accepted records into the dataset every command loads; the
//! clap side is in `src/cli/`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::changes::{Change, TUI_OPENED};
use super::inbox::{Choices, Proposal};
use super::save::{Context, Saved, read_article};
use super::{Library, LibraryError};
use crate::error::{self, Error};
use crate::ingest::{Extractor, Notice};
use crate::model::{Dataset, When};
use crate::text::sanitize;

fn path() -> Result<PathBuf, Error> {
    super::default_path().ok_or_else(|| {
        Error::BadInput(
            "no library folder: set XDG_DATA_HOME or HOME (the library lives in $XDG_DATA_HOME/aipx)"
                .into(),
        )
    })
}

/// The library, if the user has one.
pub fn open_existing() -> Result<Option<Library>, Error> {
    let Some(path) = super::default_path() else {
        return Ok(None);
    };
    Ok(Library::open_existing(&path)?)
}

/// The library, created if needed.
pub fn open_or_create() -> Result<Library, Error> {
    Ok(Library::open_or_create(&path()?)?)
}

/// The library that must exist for inbox decisions.
fn open_required() -> Result<Library, Error> {
    open_existing()?.ok_or_else(|| {
        Error::NotFound("no library yet; save articles with `aipx ingest --save PATH`".into())
    })
}

/// Merges the accepted records of `lib` into `data`; what does not fit is left out with
/// one line on `err` (`aipx check` lists each).
pub fn merge_into(lib: &mut Library, data: Dataset, err: &mut dyn Write) -> Result<Dataset, Error> {
    merge_stamped(lib, data, err).map(|(data, _)| data)
}

/// As [`merge_into`], with the stamp of the records merged
/// ([`Library::records_stamp`]) when every one of them fit (none when some were left out: a
/// value built from this merge must not be cached, or the warning would not be seen again).
pub fn merge_stamped(
    lib: &mut Library,
    mut data: Dataset,
    err: &mut dyn Write,
) -> Result<(Dataset, Option<u64>), Error> {
    let (stored, stamp) = lib.records_stamped()?;
    let problems = super::merge::apply(&mut data, &stored);
    if !problems.is_empty() {
        error::warn(
            err,
            &format!(
                "{}: {} library record(s) left out; `aipx check` lists them",
                lib.path().display(),
                problems.len()
            ),
        );
    }
    Ok((data, problems.is_empty().then_some(stamp)))
}

/// The dataset with the user's library merged in (unchanged when there is none).
pub fn merge_library(data: Dataset, err: &mut dyn Write) -> Result<Dataset, Error> {
    match open_existing()? {
        Some(mut lib) => merge_into(&mut lib, data, err),
        None => Ok(data),
    }
}

/// One article in `ingest --save --json`.
#[derive(Serialize)]
struct SavedJson {
    file: String,
    hash: String,
    as_of: NaiveDate,
    as_of_source: &'static str,
    saved: bool,
    findings: usize,
    proposals: usize,
}

fn finding_count(a: &crate::ingest::Article) -> usize {
    let f = &a.findings;
    f.entities.len() + f.money.len() + f.catalysts.len() + f.programs.len() + f.links.len()
}

/// `aipx ingest --save PATH...`: every article into the library, one transaction each.
pub fn save(
    base: Dataset,
    paths: &[PathBuf],
    as_of: Option<NaiveDate>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let files: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let files = crate::ingest::article::expand(&files)?;
    let mut lib = open_or_create()?;
    let data = merge_into(&mut lib, base, err)?;
    let ex = Extractor::new(&data);
    let cx = Context::new(&ex, &data);
    let folder = paths.iter().any(|p| p.is_dir());
    let bar = if folder && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} articles {msg}")
                .expect("the template is valid"),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut rows = Vec::new();
    let mut notices = Vec::new();
    let today = crate::model::local_today();
    let mut one = |lib: &mut Library,
                   read: std::io::Result<Result<super::save::ReadArticle, String>>,
                   name: &str,
                   notices: &mut Vec<Notice>|
     -> Result<(), Error> {
        let read = match read {
            Ok(Ok(r)) => r,
            Ok(Err(reason)) => {
                notices.push(Notice::Skipped {
                    file: name.to_string(),
                    reason,
                });
                return Ok(());
            }
            Err(e) => {
                notices.push(Notice::Skipped {
                    file: name.to_string(),
                    reason: format!("cannot read: {e}"),
                });
                return Ok(());
            }
        };
        for w in &read.article.warnings {
            notices.push(Notice::Warning {
                file: name.to_string(),
                message: w.clone(),
            });
        }
        // A store that fails stops the run; what was saved before stays.
        let saved = lib.save(&cx, &read)?;
        let (is_new, proposals) = match saved {
            Saved::New { proposals } => (true, proposals),
            Saved::Duplicate => (false, 0),
        };
        rows.push(SavedJson {
            file: read.article.file.clone(),
            hash: read.hash.clone(),
            as_of: read.article.as_of,
            as_of_source: read.article.as_of_source.as_str(),
            saved: is_new,
            findings: finding_count(&read.article),
            proposals,
        });
        Ok(())
    };
    if stdin {
        // As `aipx ingest -` reads it: bounded, HTML told by its first bytes.
        let input = std::io::Read::take(std::io::stdin().lock(), crate::fsread::limits::ARTICLE);
        let mut input = std::io::BufReader::with_capacity(64 * 1024, input);
        let read = std::io::BufRead::fill_buf(&mut input)
            .map(crate::ingest::article::looks_like_html)
            .and_then(|html| read_article(&ex, input, "<stdin>", html, as_of, today))
            .map(|read| {
                read.map(|mut r| {
                    r.article.as_of_source = r.article.as_of_source.on_stdin();
                    r
                })
            });
        one(&mut lib, read, "<stdin>", &mut notices)?;
    }
    for path in &files {
        let name = path.display().to_string();
        let html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        let file_time = crate::ingest::article::modified(path).unwrap_or(today);
        // Regular files only, of a bounded size (a FIFO or /dev/zero is skipped, not read).
        let read = crate::fsread::open(path, crate::fsread::limits::ARTICLE)
            .and_then(|(f, _)| read_article(&ex, f, &name, html, as_of, file_time));
        one(&mut lib, read, &name, &mut notices)?;
        bar.inc(1);
    }
    bar.finish_and_clear();
    for n in &notices {
        error::warn(err, n);
    }
    let saved = rows.iter().filter(|r| r.saved).count();
    let proposals: usize = rows.iter().map(|r| r.proposals).sum();
    let written = if json {
        let value = serde_json::json!({
            "library": lib.path().display().to_string(),
            "saved": saved,
            "duplicates": rows.len() - saved,
            "proposals": proposals,
            "articles": rows,
        });
        crate::report::json::write(out, &value)
    } else {
        (|| {
            for r in &rows {
                if r.saved {
                    writeln!(
                        out,
                        "saved {} (as of {}, {}): {} findings, {} new proposals",
                        sanitize(&r.file),
                        r.as_of,
                        r.as_of_source,
                        r.findings,
                        r.proposals
                    )?;
                } else {
                    writeln!(out, "{}: already in the library", sanitize(&r.file))?;
                }
            }
            writeln!(
                out,
                "{}: {saved} article(s) saved, {} already there, {proposals} new proposal(s); `aipx inbox` lists them",
                lib.path().display(),
                rows.len() - saved
            )
        })()
    };
    written?;
    Ok(ExitCode::SUCCESS)
}

/// `aipx inbox [--all] [--json]`.
pub fn inbox(all: bool, json: bool, out: &mut dyn Write) -> Result<ExitCode, Error> {
    let mut lib = open_existing()?;
    // Buffered: stdout is line-buffered, and the JSON of 10,000 proposals is 300,000 lines.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    if json {
        let list = match &mut lib {
            Some(lib) => lib.proposals_json(all)?,
            None => Vec::new(),
        };
        crate::report::json::write(&mut out, &list)?;
    } else {
        let list = match &mut lib {
            Some(lib) => lib.proposals(all)?,
            None => Vec::new(),
        };
        write_inbox(&list, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One proposal in a line: number, kind, where, matched text, what it proposes.
pub fn proposal_line(p: &Proposal) -> String {
    let record = &p.record;
    let what = match record {
        super::record::Record::Catalyst { date, .. } => {
            let label = date.parse::<When>().map_or(date.clone(), |w| w.label());
            format!("{label}: {}", record.title())
        }
        _ => record.title(),
    };
    format!(
        "#{:<5} {:<8} {}:{}  {}",
        p.id,
        p.kind,
        p.article,
        p.line,
        super::record::shorten(&what, 100)
    )
}

fn write_inbox(list: &[Proposal], out: &mut dyn Write) -> std::io::Result<()> {
    if list.is_empty() {
        return writeln!(out, "inbox: nothing to review");
    }
    for p in list {
        let status = if p.status == "pending" {
            String::new()
        } else {
            format!("  [{}]", p.status)
        };
        writeln!(out, "{}{status}", sanitize(&proposal_line(p)))?;
    }
    writeln!(
        out,
        "{} proposal(s); `aipx inbox accept ID` or `aipx inbox reject ID`",
        list.len()
    )
}

/// What an inbox decision is.
#[derive(Debug, Clone)]
pub enum Decision {
    /// Accept with these choices.
    Accept(Choices),
    /// Reject.
    Reject,
    /// Back to pending.
    Undo,
}

/// `aipx inbox accept|reject|undo ID`.
pub fn decide(
    base: Dataset,
    id: &str,
    decision: &Decision,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let id = super::inbox::parse_id(id)?;
    let mut lib = open_required()?;
    let written = match decision {
        Decision::Accept(choices) => {
            let data = merge_into(&mut lib, base, err)?;
            let added = lib.accept(id, choices, &data)?;
            (|| {
                for r in &added {
                    writeln!(out, "accepted #{id}: {} {}", r.kind(), sanitize(&r.title()))?;
                }
                Ok(())
            })()
        }
        Decision::Reject => {
            lib.reject(id)?;
            writeln!(out, "rejected #{id}; it will not be proposed again")
        }
        Decision::Undo => {
            lib.undo(id)?;
            writeln!(out, "#{id} is back in the inbox")
        }
    };
    written?;
    Ok(ExitCode::SUCCESS)
}

/// From when `aipx changes` lists.
#[derive(Debug, Clone, Copy)]
pub enum Since {
    /// A day (UTC).
    Day(NaiveDate),
    /// When the TUI was last opened.
    LastOpened,
}

/// A change in `aipx changes --json`.
#[derive(Serialize)]
struct ChangeJson<'a> {
    #[serde(flatten)]
    change: &'a Change,
    /// Display symbols of its entities.
    tickers: Vec<String>,
    /// A new catalyst in the next 90 days.
    soon: bool,
}

/// Orders the log for people: new catalysts of the next 90 days first (by date), then by
/// ticker, records without one last. Returns each change with its tickers and whether it is
/// a catalyst coming soon.
pub fn arrange<'a>(
    changes: &'a [Change],
    data: &Dataset,
    today: NaiveDate,
) -> Vec<(&'a Change, Vec<String>, bool)> {
    let symbol = |id: &str| {
        data.entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id.to_string(), |e| e.display_symbol().to_string())
    };
    let horizon = today + chrono::Days::new(90);
    let mut rows: Vec<(&Change, Vec<String>, bool, Option<When>)> = changes
        .iter()
        .map(|c| {
            let date = c.date.as_deref().and_then(|d| d.parse::<When>().ok());
            let soon = c.change == "added"
                && date.is_some_and(|d| d.end() >= today && d.start() <= horizon);
            let tickers = c.entities.iter().map(|e| symbol(e)).collect();
            (c, tickers, soon, date)
        })
        .collect();
    rows.sort_by(|a, b| {
        b.2.cmp(&a.2)
            .then_with(|| {
                if a.2 {
                    a.3.cmp(&b.3)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .then_with(|| a.1.is_empty().cmp(&b.1.is_empty()))
            .then_with(|| a.1.first().cmp(&b.1.first()))
    });
    rows.into_iter().map(|(c, t, s, _)| (c, t, s)).collect()
}

/// `aipx changes [--since DATE | --since-last] [--json]`.
pub fn changes(
    data: &Dataset,
    since: Since,
    today: NaiveDate,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let (from, list) = match open_existing()? {
        None => (String::new(), Vec::new()),
        Some(mut lib) => {
            let from = match since {
                Since::Day(d) => d.format("%Y-%m-%d").to_string(),
                Since::LastOpened => lib.meta(TUI_OPENED)?.unwrap_or_default(),
            };
            let list = lib.changes_since(&from)?;
            (from, list)
        }
    };
    let rows = arrange(&list, data, today);
    let written = if json {
        let items: Vec<ChangeJson<'_>> = rows
            .iter()
            .map(|(c, t, s)| ChangeJson {
                change: c,
                tickers: t.clone(),
                soon: *s,
            })
            .collect();
        let since = (!from.is_empty()).then_some(from.as_str());
        crate::report::json::write(out, &serde_json::json!({"since": since, "changes": items}))
    } else {
        write_changes(&rows, &from, today, out)
    };
    written?;
    Ok(ExitCode::SUCCESS)
}

fn change_line(c: &Change, today: NaiveDate) -> String {
    let mark = match c.change.as_str() {
        "added" => '+',
        "removed" => '-',
        _ => '~',
    };
    let date = c
        .date
        .as_deref()
        .and_then(|d| d.parse::<When>().ok())
        .map(|d| format!("{} ({}) ", d.label(), d.countdown(today).long()))
        .unwrap_or_default();
    format!(
        "  {mark} {:<8} {date}{}",
        c.kind,
        super::record::shorten(&c.title, 90)
    )
}

fn write_changes(
    rows: &[(&Change, Vec<String>, bool)],
    from: &str,
    today: NaiveDate,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let since = if from.is_empty() {
        "the start".to_string()
    } else {
        from.to_string()
    };
    if rows.is_empty() {
        return writeln!(out, "no changes since {since}");
    }
    writeln!(out, "{} change(s) since {since} (UTC)", rows.len())?;
    let mut heading = String::new();
    for (c, tickers, soon) in rows {
        let h = if *soon {
            "New catalysts in the next 90 days".to_string()
        } else if tickers.is_empty() {
            "No ticker".to_string()
        } else {
            tickers[0].clone()
        };
        if h != heading {
            writeln!(out, "{}", sanitize(&h))?;
            heading = h;
        }
        let also = if *soon && !tickers.is_empty() {
            format!("  [{}]", tickers.join(", "))
        } else {
            String::new()
        };
        writeln!(
            out,
            "{}{}",
            sanitize(&change_line(c, today)),
            sanitize(&also)
        )?;
    }
    Ok(())
}

/// `aipx library export DIR`.
pub fn export(data: &Dataset, dir: &Path, out: &mut dyn Write) -> Result<ExitCode, Error> {
    super::files::export(data, dir)?;
    let written = writeln!(
        out,
        "wrote {} ({} entities, {} programs, {} exposures, {} catalysts); `aipx check --data {}` validates it",
        dir.display(),
        data.entities.len(),
        data.programs.len(),
        data.exposures.len(),
        data.catalysts.len(),
        dir.display()
    );
    written?;
    Ok(ExitCode::SUCCESS)
}

/// `aipx library import DIR`: the folder is validated first; nothing is written when it has
/// errors.
pub fn import(
    base: &Dataset,
    dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    // Nothing is imported from a folder with errors: they are listed, as `check` lists them.
    let folder = crate::data::check(Some(dir)).map_err(Error::Data)?;
    let mut lib = open_or_create()?;
    let shown = dir.display().to_string();
    let done = lib.import(&folder, base, &shown)?;
    for key in &done.conflicts {
        error::warn(
            err,
            &format!("{key}: differs from the dataset's own record; not imported"),
        );
    }
    let written = writeln!(
        out,
        "imported {}: {} added, {} changed, {} already there, {} not imported",
        sanitize(&shown),
        done.added,
        done.changed,
        done.same,
        done.conflicts.len()
    );
    written?;
    Ok(ExitCode::SUCCESS)
}

/// The library as `aipx check` found it.
pub struct Checked {
    /// The store.
    pub path: String,
    /// Articles saved.
    pub articles: i64,
    /// Proposals to review.
    pub pending: i64,
    /// Accepted records.
    pub records: i64,
    /// What is wrong (`KEY: why`), empty when all is well.
    pub problems: Vec<String>,
}

/// The library's part of `aipx check`: SQLite's own check, whole articles, then every record
/// against the dataset; `None` when there is no library.
pub fn check(data: &Dataset) -> Result<Option<Checked>, LibraryError> {
    let Some(path) = super::default_path() else {
        return Ok(None);
    };
    let Some(mut lib) = Library::open_existing(&path)? else {
        return Ok(None);
    };
    lib.quick_check()?;
    let mut problems = lib.integrity()?;
    let stored = lib.records()?;
    let mut data = data.clone();
    problems.extend(super::merge::apply(&mut data, &stored));
    let (articles, pending, records) = lib.counts()?;
    Ok(Some(Checked {
        path: path.display().to_string(),
        articles,
        pending,
        records,
        problems,
    }))
}
