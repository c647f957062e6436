//! `aipx calendar`: catalysts in date order, as text, JSON, iCalendar or CSV.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::model::parse_day;
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
}

impl Calendar {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let list = match &self.watchlist {
            Some(name) => super::book::chosen(Some(name), &super::book::config(err))?,
            None => None,
        };
        let index = g.load_index(err)?;
        let entity = match &self.ticker {
            Some(t) => Some(super::resolve(&index, t)?),
            None => None,
        };
        let format = match (self.ics, self.csv) {
            (true, _) => Format::Ics,
            (_, true) => Format::Csv,
            _ => self.out.format(),
        };
        let filter = CalendarFilter {
            entity,
            book: list.map(|l| l.entities(&index)),
            from: self.from,
            to: self.to,
        };
        let ids = filter.apply(&index);
        if ids.is_empty() && format == Format::Ics {
            // RFC 5545 wants at least one event: an empty VCALENDAR is not a valid file.
            return Err(Error::NotFound(
                "no catalysts match; an iCalendar file needs at least one event".into(),
            ));
        }
        crate::report::calendar(&index, &ids, g.today(), format, out)?;
        Ok(ExitCode::SUCCESS)
    }
}
