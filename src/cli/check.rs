//! `aipx check`: validates a dataset, and the library with it, and lists every error on stdout.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::{EXIT_BAD_INPUT, Error};

/// Validate a dataset (the embedded one, or `--data DIR`) and list every error.
#[derive(Debug, Args)]
pub struct Check {
    #[command(flatten)]
    out: JsonFlag,
}

impl Check {
    /// The listing is the output, so an invalid dataset is printed to `out` and exits 2.
    pub fn run(&self, g: &Global, out: &mut dyn Write) -> Result<ExitCode, Error> {
        let dir = g.data.as_deref();
        let result = crate::data::check(dir);
        // The library is checked against the dataset it joins.
        let library = match &result {
            Ok(data) => crate::library::commands::check(data)
                .map_err(|e| e.to_string())
                .transpose(),
            Err(_) => None,
        };
        let written = crate::report::check(dir, &result, library.as_ref(), self.out.format(), out);
        let library_ok = match &library {
            None => true,
            Some(Ok(lib)) => lib.problems.is_empty(),
            Some(Err(_)) => false,
        };
        match result {
            // Invalid data exits 2 even when the listing could not be written in full.
            Ok(_) if library_ok => Ok(written.map(|()| ExitCode::SUCCESS)?),
            _ => Ok(ExitCode::from(EXIT_BAD_INPUT)),
        }
    }
}
