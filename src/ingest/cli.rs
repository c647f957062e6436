//! The command-line side of ingestion: `aipx ingest` and the global `--articles` flag.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::{Extractor, read_paths};
use crate::cli::EXIT_BAD_INPUT;
use crate::model::Dataset;
use crate::text::sanitize;

/// Merges `--articles` into `data`, printing skipped files and warnings to `err`; a missing
/// path is an error.
pub fn merge_articles(
    data: Dataset,
    paths: &[PathBuf],
    err: &mut dyn Write,
) -> Result<Dataset, ExitCode> {
    match super::load_with_articles(data, paths) {
        Ok((data, notices)) => {
            for n in notices {
                let _ = writeln!(err, "aipx: {}", sanitize(&n.to_string()));
            }
            Ok(data)
        }
        Err(e) => {
            let _ = writeln!(err, "aipx: {}", sanitize(&e.to_string()));
            Err(ExitCode::from(EXIT_BAD_INPUT))
        }
    }
}

/// `aipx ingest PATH... [--as-of D] [--json]`.
pub fn ingest(
    data: &Dataset,
    paths: &[PathBuf],
    as_of: Option<NaiveDate>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, ExitCode> {
    let ex = Extractor::new(data);
    let (articles, notices) = read_paths(&ex, paths, as_of).map_err(|e| {
        let _ = writeln!(err, "aipx: {}", sanitize(&e.to_string()));
        ExitCode::from(EXIT_BAD_INPUT)
    })?;
    for n in &notices {
        let _ = writeln!(err, "aipx: {}", sanitize(&n.to_string()));
    }
    let written = if json {
        super::report::json(&ex, &articles, out)
    } else {
        super::report::text(&ex, &articles, out)
    };
    crate::cli::finish(written, err)
}
