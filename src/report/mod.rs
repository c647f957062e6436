//! Output of the subcommands: human text, JSON, iCalendar and CSV.

pub mod book;
mod export;
pub mod json;
mod text;

use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::index::Index;
use crate::model::*;
use crate::text::sanitize;
use json::*;

/// How to print a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for people.
    Text,
    /// JSON for scripts.
    Json,
    /// iCalendar (calendar only).
    Ics,
    /// CSV (calendar only).
    Csv,
}

fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    json::write(out, value)
}

/// Every source cited by an entity's records, in dataset order.
fn cited_sources(index: &Index, entity: EntityId) -> Vec<SourceId> {
    let mut ids: Vec<SourceId> = index.entity(entity).sources.clone();
    ids.extend(
        index
            .exposures_of(entity)
            .flat_map(|x| x.sources.iter().copied()),
    );
    for &c in index.catalysts_of(entity) {
        ids.extend(index.catalyst(c).sources.iter().copied());
    }
    ids.sort();
    ids.dedup();
    ids
}

/// `aipx show`.
pub fn show(
    index: &Index,
    entity: EntityId,
    today: NaiveDate,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let sources = cited_sources(index, entity);
    if format != Format::Json {
        return text::show(index, entity, &sources, today, out);
    }
    let view = ShowJson {
        today,
        entity: EntityJson::new(index, entity),
        exposures: index
            .exposures_of(entity)
            .map(|x| ExposureJson::new(index, x))
            .collect(),
        catalysts: index
            .catalysts_of(entity)
            .iter()
            .map(|&c| CatalystJson::new(index, c, today))
            .collect(),
        next_catalyst: index
            .next_catalyst(entity, today)
            .map(|c| index.catalyst(c).id.as_str()),
        sources: sources.iter().map(|&s| index.source(s).into()).collect(),
    };
    write_json(out, &view)
}

/// Every entity with its program count and next catalyst.
pub fn overview(index: &Index, today: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
    text::overview(index, today, out)
}

/// One search result in JSON.
#[derive(Serialize)]
struct SearchHitJson<'a> {
    kind: &'static str,
    id: &'a str,
    symbol: Option<&'a str>,
    exchange: Option<&'a str>,
    name: &'a str,
    matched: &'a str,
    positions: &'a [usize],
    exact: bool,
    score: i64,
}

/// `aipx search`: needs only the searcher and its catalog, not the whole index.
pub fn search(
    searcher: &crate::search::Searcher,
    query: &str,
    limit: usize,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let hits = searcher.search(query, limit);
    if format != Format::Json {
        return text::search(searcher, &hits, out);
    }
    let rows: Vec<SearchHitJson> = hits
        .iter()
        .map(|h| {
            let label = searcher.label_of(h.target);
            SearchHitJson {
                kind: h.target.kind(),
                id: label.id,
                symbol: label.symbol,
                exchange: label.exchange,
                name: label.name,
                matched: h.text,
                positions: &h.positions,
                exact: h.exact,
                score: h.score,
            }
        })
        .collect();
    write_json(out, &rows)
}

/// `aipx programs [ID]`.
pub fn programs(
    index: &Index,
    program: Option<ProgramId>,
    today: NaiveDate,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let ids: Vec<ProgramId> = match program {
        Some(p) => vec![p],
        None => (0..index.data().programs.len())
            .map(|i| ProgramId(i as u32))
            .collect(),
    };
    match (format, program) {
        (Format::Json, Some(p)) => write_json(out, &ProgramJson::new(index, p, today)),
        (Format::Json, None) => {
            let all: Vec<ProgramJson> = ids
                .iter()
                .map(|&p| ProgramJson::new(index, p, today))
                .collect();
            write_json(out, &all)
        }
        _ => text::programs(index, &ids, program.is_some(), today, out),
    }
}

/// Which catalysts `aipx calendar` lists.
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    /// Only this entity's catalysts.
    pub entity: Option<EntityId>,
    /// Only the catalysts of these entities (a watchlist's).
    pub book: Option<Vec<EntityId>>,
    /// Only those that may fall on or after this day.
    pub from: Option<NaiveDate>,
    /// Only those that may fall on or before this day.
    pub to: Option<NaiveDate>,
}

impl CalendarFilter {
    /// The matching catalysts, by date.
    pub fn apply(&self, index: &Index) -> Vec<CatalystId> {
        let mut of_book: Vec<CatalystId> = Vec::new();
        if let Some(book) = &self.book {
            of_book = book
                .iter()
                .flat_map(|&e| index.catalysts_of(e).iter().copied())
                .collect();
            of_book.sort_by_key(|&c| (index.catalyst(c).date.start(), c));
            of_book.dedup();
        }
        let all = match (self.entity, &self.book) {
            (Some(e), _) => index.catalysts_of(e),
            (None, Some(_)) => &of_book,
            (None, None) => index.catalysts_by_date(),
        };
        all.iter()
            .copied()
            .filter(|c| self.entity.is_none() || self.book.is_none() || of_book.contains(c))
            .filter(|&c| {
                let (start, end) = index.catalyst(c).date.range();
                self.from.is_none_or(|f| end >= f) && self.to.is_none_or(|t| start <= t)
            })
            .collect()
    }
}

/// A link in words, as the text and CSV calendars print it: `direct` or `via PROGRAM-ID`.
fn link_words(index: &Index, link: Option<Link>) -> String {
    match link {
        Some(Link::Direct) => "direct".to_string(),
        Some(Link::Program(p)) => format!("via {}", crate::text::sanitize(&index.program(p).id)),
        None => String::new(),
    }
}

/// `aipx calendar`: the catalysts `ids` (as [`CalendarFilter::apply`] picks them); with
/// `entity` (`--ticker`), each row says why it is on that entity's calendar.
pub fn calendar(
    index: &Index,
    ids: &[CatalystId],
    entity: Option<EntityId>,
    today: NaiveDate,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::calendar(index, ids, entity, today, out),
        Format::Json => {
            let rows: Vec<CatalystJson> = ids
                .iter()
                .map(|&c| {
                    let row = CatalystJson::new(index, c, today);
                    match entity {
                        Some(e) => row.linked_to(index, e, c),
                        None => row,
                    }
                })
                .collect();
            write_json(out, &rows)
        }
        Format::Ics => export::ics(index, ids, today, out),
        Format::Csv => export::csv(index, ids, entity, today, out),
    }
}

/// `aipx calendar --ics --watchlist NAME`: the calendar named after the watchlist.
pub fn calendar_ics_named(
    index: &Index,
    ids: &[CatalystId],
    today: NaiveDate,
    name: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    export::ics_named(index, ids, today, name, out)
}

/// `aipx check`: the dataset's counts, or every error in it; then the library's state, or
/// every problem in it (`library`: `None` when there is none, `Err` when it cannot be read).
pub fn check(
    dir: Option<&Path>,
    result: &Result<Dataset, crate::data::DataErrors>,
    library: Option<&Result<crate::library::Checked, String>>,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown = dir.map_or("embedded dataset".to_string(), |d| d.display().to_string());
    if format == Format::Json {
        let mut value = match result {
            Ok(data) => serde_json::json!({
                "ok": true, "errors": [],
                "counts": {
                    "sources": data.sources.len(), "entities": data.entities.len(),
                    "programs": data.programs.len(), "exposures": data.exposures.len(),
                    "catalysts": data.catalysts.len(),
                },
            }),
            Err(errors) => {
                let list: Vec<_> = errors
                    .0
                    .iter()
                    .map(|e| {
                        serde_json::json!({"path": e.path, "line": e.line, "col": e.col, "message": e.message})
                    })
                    .collect();
                serde_json::json!({"ok": false, "errors": list})
            }
        };
        match library {
            None => {}
            Some(Ok(lib)) => {
                value["library"] = serde_json::json!({"path": lib.path,
                    "ok": lib.problems.is_empty(), "articles": lib.articles,
                    "pending": lib.pending, "records": lib.records, "errors": lib.problems});
                if !lib.problems.is_empty() {
                    value["ok"] = false.into();
                }
            }
            Some(Err(e)) => {
                value["library"] = serde_json::json!({"ok": false, "errors": [e]});
                value["ok"] = false.into();
            }
        }
        return write_json(out, &value);
    }
    match result {
        Ok(data) => writeln!(
            out,
            "{}: ok ({} sources, {} entities, {} programs, {} exposures, {} catalysts)",
            sanitize(&shown),
            data.sources.len(),
            data.entities.len(),
            data.programs.len(),
            data.exposures.len(),
            data.catalysts.len()
        )?,
        Err(errors) => {
            // Messages echo what the file says (an unknown key, a bad value): one line each.
            for e in &errors.0 {
                writeln!(out, "{}", sanitize(&e.to_string()))?;
            }
            writeln!(out, "{}: {} error(s)", sanitize(&shown), errors.0.len())?;
        }
    }
    match library {
        None => Ok(()),
        Some(Ok(lib)) if lib.problems.is_empty() => writeln!(
            out,
            "{}: ok ({} articles, {} proposals to review, {} accepted records)",
            sanitize(&lib.path),
            lib.articles,
            lib.pending,
            lib.records
        ),
        Some(Ok(lib)) => {
            for p in &lib.problems {
                writeln!(out, "{}: {}", sanitize(&lib.path), sanitize(p))?;
            }
            writeln!(
                out,
                "{}: {} error(s)",
                sanitize(&lib.path),
                lib.problems.len()
            )
        }
        Some(Err(e)) => writeln!(out, "aipx: {}", sanitize(e)),
    }
}
