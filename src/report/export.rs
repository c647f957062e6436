//! Calendar exports: iCalendar for calendar apps, CSV for spreadsheets.

use std::io::{self, Write};

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};

use crate::index::Index;
use crate::model::{CatalystId, EntityId, Origin};
use crate::text::{csv_cell, sanitize};

pub(super) fn entity_symbols(index: &Index, c: CatalystId) -> Vec<String> {
    index
        .catalyst(c)
        .entities
        .iter()
        .map(|&e| sanitize(index.entity(e).display_symbol()).into_owned())
        .collect()
}

/// The event's UID: a hash of what identifies the catalyst and where it comes from, so it is
/// the same on every export and machine (a calendar app updates the event instead of adding
/// a copy) and carries no local path. A curated catalyst is its id and its sources' ids; an
/// ingested one (whose id holds the article's path) is its title, date and kind with the
/// article's file name (not its folder) and line.
fn uid(index: &Index, c: CatalystId) -> String {
    let cat = index.catalyst(c);
    let key: Vec<String> = match &cat.origin {
        Origin::Curated => ["curated".to_string(), cat.id.clone()]
            .into_iter()
            .chain(cat.sources.iter().map(|&s| index.source(s).id.clone()))
            .collect(),
        // Library ids and source ids are made from the article's hash, never its path.
        Origin::Library(_) => ["library".to_string(), cat.id.clone()]
            .into_iter()
            .chain(cat.sources.iter().map(|&s| index.source(s).id.clone()))
            .collect(),
        // Its id and its source's id hold the article's path.
        Origin::Ingested(at) => {
            let file = std::path::Path::new(&at.file)
                .file_name()
                .map_or(at.file.clone(), |n| n.to_string_lossy().into_owned());
            vec![
                "ingested".into(),
                cat.title.clone(),
                cat.date.label(),
                cat.kind.as_str().into(),
                file,
                at.line.to_string(),
            ]
        }
    };
    // Length-prefixed fields: no two different keys hash the same bytes.
    let mut bytes = Vec::new();
    for field in &key {
        bytes.extend_from_slice(&(field.len() as u64).to_le_bytes());
        bytes.extend_from_slice(field.as_bytes());
    }
    format!("{:032x}@aipx", xxhash_rust::xxh3::xxh3_128(&bytes))
}

/// The note of `cat` as a calendar may carry it: the note of a catalyst found in an article
/// names the article's path, which a shared or synced calendar must not reveal, so the path
/// is replaced by the file name's stem (`/home/u/news/rapidus.txt` -> `rapidus`).
fn pathless_note(cat: &crate::model::Catalyst) -> std::borrow::Cow<'_, str> {
    let file = match &cat.origin {
        Origin::Curated => return cat.note.as_str().into(),
        Origin::Ingested(at) => &at.file,
        Origin::Library(at) => &at.article,
    };
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy());
    match stem {
        Some(stem) if !file.is_empty() && cat.note.contains(file.as_str()) => {
            cat.note.replace(file.as_str(), &stem).into()
        }
        _ => cat.note.as_str().into(),
    }
}

/// RFC 5545 calendar: one all-day event per catalyst spanning its whole date range. `ids`
/// must not be empty (a VCALENDAR needs at least one component).
pub fn ics(
    index: &Index,
    ids: &[CatalystId],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    ics_named(index, ids, today, "aipx catalysts", out)
}

/// [`ics`] with the calendar's own name (`aipx: book` for a watchlist's subscription), which
/// calendar apps show for the subscription.
pub fn ics_named(
    index: &Index,
    ids: &[CatalystId],
    today: NaiveDate,
    name: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property((
            "PRODID",
            concat!("-//aipx//aipx ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(&crate::text::sanitize(name));
    // DTSTAMP from the injected today keeps the export reproducible.
    let stamp = today
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    for &c in ids {
        let cat = index.catalyst(c);
        let (start, end) = cat.date.range();
        let program = cat
            .program
            .map(|p| sanitize(&index.program(p).name).into_owned());
        let mut description = format!(
            "{} ({}). {}",
            cat.date.label(),
            cat.kind,
            sanitize(&pathless_note(cat))
        );
        if let Some(p) = &program {
            description.push_str(&format!("\nProgram: {p}"));
        }
        let symbols = entity_symbols(index, c);
        if !symbols.is_empty() {
            description.push_str(&format!("\nTickers: {}", symbols.join(", ")));
        }
        let event = Event::new()
            .uid(&uid(index, c))
            .timestamp(stamp)
            .summary(&format!("{} [{}]", sanitize(&cat.title), cat.date.label()))
            .description(&description)
            // DTEND of an all-day event is exclusive.
            .starts(start)
            .ends(end.succ_opt().unwrap_or(end))
            // Something to watch, not the user's time: a year-long window must not show
            // the whole year as busy.
            .add_property("TRANSP", "TRANSPARENT")
            .done();
        calendar.push(event);
    }
    write!(out, "{}", calendar.done())
}

/// CSV with a header row; dates as ISO days, the precision label alongside. Cells from the
/// data go through [`csv_cell`], so none can start a spreadsheet formula.
pub fn csv(
    index: &Index,
    ids: &[CatalystId],
    entity: Option<EntityId>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "start",
        "end",
        "precision",
        "label",
        "days_until",
        "days_until_end",
        "status",
        "title",
        "kind",
        "program",
        "tickers",
        "sources",
        "link",
    ])?;
    for &c in ids {
        let cat = index.catalyst(c);
        let (start, end) = cat.date.range();
        let countdown = cat.date.countdown(today);
        let sources: Vec<&str> = cat
            .sources
            .iter()
            .map(|&s| index.source(s).id.as_str())
            .collect();
        w.write_record([
            csv_cell(&cat.id).as_ref(),
            &start.to_string(),
            &end.to_string(),
            cat.date.precision().as_str(),
            &cat.date.label(),
            &countdown.days_until.to_string(),
            &countdown.days_until_end.to_string(),
            countdown.timing().status(),
            &csv_cell(&cat.title),
            cat.kind.as_str(),
            &csv_cell(cat.program.map_or("", |p| index.program(p).id.as_str())),
            &csv_cell(&entity_symbols(index, c).join(" ")),
            &csv_cell(&sources.join(" ")),
            &csv_cell(&super::link_words(
                index,
                entity.and_then(|e| index.link(e, c)),
            )),
        ])?;
    }
    w.flush()
}
