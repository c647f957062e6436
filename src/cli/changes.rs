//! `aipx changes [--since DATE | --since-last] [--json]`: what the library added, changed or
//! removed.

use std::io::Write;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::library::commands::{self, Since};
use crate::model::parse_day;

/// What the library added, changed or removed, by ticker, new catalysts of the next 90 days
/// first.
#[derive(Debug, Args)]
pub struct Changes {
    /// Since this day (UTC).
    #[arg(long, value_parser = parse_day, value_name = "YYYY-MM-DD", conflicts_with = "since_last")]
    since: Option<NaiveDate>,
    /// Since the terminal UI was last opened (the default; everything when it never was).
    #[arg(long)]
    since_last: bool,
    #[command(flatten)]
    out: JsonFlag,
}

impl Changes {
    /// Tickers are shown as the dataset with the library names them.
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let data = g.load_dataset(err)?;
        let since = self.since.map_or(Since::LastOpened, Since::Day);
        commands::changes(&data, since, g.today(), self.out.json, out)
    }
}
