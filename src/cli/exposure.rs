//! `aipx exposure`: what programs touch a watchlist, the money behind them, what is due.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::report::Format;

/// The exposure of a watchlist: programs, directions, public money by link direction,
/// catalysts due.
#[derive(Debug, Args)]
pub struct Exposure {
    /// Watchlist to read (default: `[watchlists] default` in the config).
    #[arg(long, value_name = "NAME")]
    watchlist: Option<String>,
    /// Print CSV for spreadsheets.
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    #[command(flatten)]
    out: JsonFlag,
}

impl Exposure {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let loaded = super::book::config(err);
        let list = super::book::chosen(self.watchlist.as_deref(), &loaded)?.ok_or_else(|| {
            Error::BadInput(
                "which watchlist? give --watchlist NAME or set [watchlists] default in the config"
                    .into(),
            )
        })?;
        let index = g.load_whole(err)?;
        let book = crate::book::exposure::book(&index, &list, g.today());
        let format = if self.csv {
            Format::Csv
        } else {
            self.out.format()
        };
        crate::report::book::exposure(&book, format, out)?;
        Ok(ExitCode::SUCCESS)
    }
}
