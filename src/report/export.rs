//! Calendar exports: iCalendar for calendar apps, CSV for spreadsheets.

use std::io::{self, Write};

use chrono::NaiveDate;
use icalendar::{Calendar, Component, Event, EventLike};

use crate::index::Index;
use crate::model::{CatalystId, EntityId};
use crate::text::sanitize;

pub(super) fn entity_symbols(index: &Index, c: CatalystId) -> Vec<String> {
    index
        .catalyst(c)
        .entities
        .iter()
        .map(|&e| sanitize(index.entity(e).display_symbol()).into_owned())
        .collect()
}

/// RFC 5545 calendar: one all-day event per catalyst spanning its whole date range.
pub fn ics(
    index: &Index,
    ids: &[CatalystId],
    today: NaiveDate,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut calendar = Calendar::new();
    calendar.name("aipx catalysts");
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
            sanitize(&cat.note)
        );
        if let Some(p) = &program {
            description.push_str(&format!("\nProgram: {p}"));
        }
        let symbols = entity_symbols(index, c);
        if !symbols.is_empty() {
            description.push_str(&format!("\nTickers: {}", symbols.join(", ")));
        }
        let event = Event::new()
            .uid(&format!("{}@aipx", sanitize(&cat.id)))
            .timestamp(stamp)
            .summary(&format!("{} [{}]", sanitize(&cat.title), cat.date.label()))
            .description(&description)
            // DTEND of an all-day event is exclusive.
            .starts(start)
            .ends(end.succ_opt().unwrap_or(end))
            .done();
        calendar.push(event);
    }
    write!(out, "{}", calendar.done())
}

/// CSV with a header row; dates as ISO days, the precision label alongside.
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
            sanitize(&cat.id).as_ref(),
            &start.to_string(),
            &end.to_string(),
            cat.date.precision().as_str(),
            &cat.date.label(),
            &countdown.days_until.to_string(),
            &countdown.days_until_end.to_string(),
            countdown.timing().status(),
            &sanitize(&cat.title),
            cat.kind.as_str(),
            cat.program.map_or("", |p| index.program(p).id.as_str()),
            &entity_symbols(index, c).join(" "),
            &sources.join(" "),
            &super::link_words(index, entity.and_then(|e| index.link(e, c))),
        ])?;
    }
    w.flush()
}
