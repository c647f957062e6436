//! `aipx upcoming`: catalysts falling due soon, for cron and scripts (exit 0 when something
//! is due, 1 when nothing is).

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::{EXIT_NOT_FOUND, Error};
use crate::report::Format;

/// Catalysts whose window opens or closes soon; exit 0 when something is due, 1 when not.
#[derive(Debug, Args)]
pub struct Upcoming {
    /// How far ahead to look: days (`14d`, `30`) or weeks (`2w`); default: the config's
    /// `[alerts] horizon`, else 14 days.
    #[arg(long, value_parser = crate::book::sort::parse_days, value_name = "SPAN")]
    within: Option<u32>,
    /// Only the catalysts of this watchlist's tickers (default: `[watchlists] default` in
    /// the config, else every catalyst).
    #[arg(long, value_name = "NAME")]
    watchlist: Option<String>,
    #[command(flatten)]
    out: JsonFlag,
}

impl Upcoming {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let loaded = super::book::config(err);
        let list = super::book::chosen(self.watchlist.as_deref(), &loaded)?;
        let index = g.load_whole(err)?;
        let within = self.within.unwrap_or(loaded.config.horizon);
        let book = list.as_ref().map(|l| l.entities(&index));
        let rows = crate::book::upcoming::upcoming(&index, book.as_deref(), g.today(), within);
        let format = match self.out.format() {
            Format::Json => Format::Json,
            _ => Format::Text,
        };
        crate::report::book::upcoming(&rows, format, out)?;
        Ok(if rows.is_empty() {
            ExitCode::from(EXIT_NOT_FOUND)
        } else {
            ExitCode::SUCCESS
        })
    }
}
