//! `aipx completions SHELL` and `aipx man`: what packagers install beside the binary.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use crate::error::Error;

/// Print a shell completion script (bash, zsh, fish, elvish, powershell).
#[derive(Debug, Args)]
pub struct Completions {
    /// The shell.
    shell: Shell,
}

impl Completions {
    pub fn run(&self, out: &mut dyn Write) -> Result<ExitCode, Error> {
        let mut command = super::Cli::command();
        clap_complete::generate(self.shell, &mut command, "aipx", out);
        Ok(ExitCode::SUCCESS)
    }
}

/// Print the manual page (roff), e.g. `aipx man > aipx.1`.
#[derive(Debug, Args)]
pub struct Man {}

impl Man {
    pub fn run(&self, out: &mut dyn Write) -> Result<ExitCode, Error> {
        let command = super::Cli::command();
        clap_mangen::Man::new(command).render(out)?;
        Ok(ExitCode::SUCCESS)
    }
}
