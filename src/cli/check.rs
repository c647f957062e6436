//! `aipx check`: validates a dataset and lists every error on stdout.

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
        let written = crate::report::check(dir, &result, self.out.format(), out);
        match result {
            // Invalid data exits 2 even when the listing could not be written in full.
            Err(_) => Ok(ExitCode::from(EXIT_BAD_INPUT)),
            Ok(_) => Ok(written.map(|()| ExitCode::SUCCESS)?),
        }
    }
}
