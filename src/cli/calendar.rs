//! `aipx calendar`: catalysts in date order, as text, JSON, iCalendar or CSV.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::model::When;
use crate::report::{CalendarFilter, Format};

/// Catalysts in date order.
#[derive(Debug, Args)]
pub struct Calendar {
    /// Only catalysts of this ticker (its own and its programs').
    #[arg(long)]
    ticker: Option<String>,
    /// Only catalysts of this watchlist's tickers.
    #[arg(long, value_name = "NAME", conflicts_with = "ticker")]
    watchlist: Option<String>,
    /// Only catalysts that may fall on or after the first day of this date, in any of the
    /// dataset's forms: 2026-06-04, 2026-06, 2026-Q3, 2026-H1, 2027, JP-FY2026.
    #[arg(long, value_parser = parse_when, value_name = "DATE")]
    from: Option<When>,
    /// Only catalysts that may fall on or before the last day of this date (same forms:
    /// `--to 2027` includes all of 2027).
    #[arg(long, value_parser = parse_when, value_name = "DATE")]
    to: Option<When>,
    /// Print an iCalendar (RFC 5545) file for calendar apps.
    #[arg(long, conflicts_with_all = ["csv", "json"])]
    ics: bool,
    /// Print CSV for spreadsheets.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[command(flatten)]
    out: JsonFlag,
}

/// Reads a `--from`/`--to` date in any form the data files use.
fn parse_when(s: &str) -> Result<When, String> {
    s.parse::<When>().map_err(|e| e.to_string())
}

impl Calendar {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from.start() > to.end()
        {
            return Err(Error::BadInput(format!(
                "--from {from} starts on {} after --to {to} ends on {}",
                from.start(),
                to.end()
            )));
        }
        let list = match &self.watchlist {
            Some(name) => super::book::chosen(Some(name), &super::book::config(err))?,
            None => None,
        };
        let format = match (self.ics, self.csv) {
            (true, _) => Format::Ics,
            (_, true) => Format::Csv,
            _ => self.out.format(),
        };
        let index = g.load_index(err)?;
        let entity = match &self.ticker {
            Some(t) => match super::resolve_named(&index, t) {
                Ok(e) => Some(e),
                // A company only the securities master knows has no catalysts.
                Err(not_found @ Error::NotFound(_)) => {
                    match super::resolve_in_master(&index, t, not_found)? {
                        super::MasterHit::Company(master, e) => {
                            let name = crate::text::sanitize(&master.entity(e).name).into_owned();
                            match format {
                                // As for any filter that keeps nothing: no valid empty calendar.
                                Format::Ics => {
                                    return Err(Error::NotFound(format!(
                                        "no known catalysts for {name}; an iCalendar file needs at least one event"
                                    )));
                                }
                                Format::Text => writeln!(out, "no known catalysts for {name}")?,
                                // The header alone, or `[]`: the same shape as any empty result.
                                _ => crate::report::calendar(
                                    &master,
                                    &[],
                                    Some(e),
                                    g.today(),
                                    format,
                                    out,
                                )?,
                            }
                            return Ok(ExitCode::SUCCESS);
                        }
                        super::MasterHit::Curated(curated) => Some(curated),
                    }
                }
                Err(other) => return Err(other),
            },
            None => None,
        };
        let list_name = list.as_ref().map(|l| l.name.clone());
        let filter = CalendarFilter {
            entity,
            book: list.map(|l| l.entities(&index)),
            from: self.from.map(|w| w.start()),
            to: self.to.map(|w| w.end()),
        };
        let ids = filter.apply(&index);
        if ids.is_empty() && format == Format::Ics {
            // RFC 5545 wants at least one event: an empty VCALENDAR is not a valid file.
            return Err(Error::NotFound(
                "no catalysts match; an iCalendar file needs at least one event".into(),
            ));
        }
        match (&list_name, format) {
            // A subscription to a book is named after it, so two books' calendars differ.
            (Some(name), Format::Ics) => crate::report::calendar_ics_named(
                &index,
                &ids,
                g.today(),
                &format!("aipx: {name}"),
                out,
            )?,
            _ => crate::report::calendar(&index, &ids, entity, g.today(), format, out)?,
        }
        Ok(ExitCode::SUCCESS)
    }
}
