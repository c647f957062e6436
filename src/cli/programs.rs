//! `aipx programs [ID]`: every program with its funding lines, or one in full.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;

/// Every program with its funding lines, or one program in full.
#[derive(Debug, Args)]
pub struct Programs {
    /// Program id (see `aipx programs`).
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
            Some(id) => Some(index.program_by_id(id).ok_or_else(|| {
                let ids = index.data().programs.iter().map(|p| p.id.as_str());
                Error::NotFound(format!(
                    "unknown program {:?}; known programs: {}",
                    crate::text::sanitize(id),
                    ids.collect::<Vec<_>>().join(", ")
                ))
            })?),
            None => None,
        };
        crate::report::programs(&index, program, g.today(), self.out.format(), out)?;
        Ok(ExitCode::SUCCESS)
    }
}
