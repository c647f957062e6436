//! `aipx ingest PATH... [--as-of D] [--json]`: what articles say about tickers, money and dates.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{Global, JsonFlag};
use crate::error::{self, Error};
use crate::ingest::{Extractor, read_paths, report};
use crate::model::parse_day;

/// Extract tickers, money and dated catalysts from articles (files or folders).
#[derive(Debug, Args)]
pub struct Ingest {
    /// Article files, folders of .txt / .md / .html files, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Date to resolve relative dates against when an article has no date line
    /// (default: the file's modification date).
    #[arg(long, value_parser = parse_day, value_name = "YYYY-MM-DD")]
    as_of: Option<NaiveDate>,
    /// Save the articles and what they name in your library ($XDG_DATA_HOME/aipx) for review
    /// with `aipx inbox`; `-` reads an article from standard input.
    #[arg(long)]
    save: bool,
    #[command(flatten)]
    out: JsonFlag,
}

impl Ingest {
    /// Reads against the dataset alone: `--articles` are not merged into what is looked for.
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        if self.save {
            let base = g.load_base()?;
            return crate::library::commands::save(
                base,
                &self.paths,
                self.as_of,
                self.out.json,
                out,
                err,
            );
        }
        let data = g.load_dataset(err)?;
        // With a securities master imported, every company on its listings can be linked.
        let master = crate::listings::Master::load()?.listed();
        let ex = if master.is_empty() {
            Extractor::new(&data)
        } else {
            Extractor::with_master(&data, &master)
        };
        let (articles, notices) = read_paths(&ex, &self.paths, self.as_of)?;
        for n in &notices {
            error::warn(err, n);
        }
        if self.out.json {
            report::json(&ex, &articles, out)?;
        } else {
            report::text(&ex, &articles, out)?;
        }
        Ok(ExitCode::SUCCESS)
    }
}
