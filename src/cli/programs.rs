//! `aipx programs [ID]`: every program with its funding lines, or one in full.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;

/// Every program with its funding lines, or one program in full.
#[derive(Debug, Args)]
pub struct Programs {
    /// Program id, name or the start of a word of one (`genesis`); see `aipx programs`.
    id: Option<String>,
    #[command(flatten)]
    out: JsonFlag,
}

impl Programs {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let index = g.load_index(err)?;
        let program = match &self.id {
            Some(id) => Some(super::resolve_program(&index, id)?),
            None => None,
        };
        crate::report::programs(&index, program, g.today(), self.out.format(), out)?;
        Ok(ExitCode::SUCCESS)
    }
}
