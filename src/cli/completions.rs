//! `aipx completions SHELL` and `aipx man`: what packagers install beside the binary.

use std::io::Write;
use std::path::{Path, PathBuf};
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

/// Print the manual page (roff), e.g. `aipx man > aipx.1`; `--dir` writes every page.
#[derive(Debug, Args)]
pub struct Man {
    /// Write aipx.1 and a page for every subcommand (aipx-show.1, aipx-watchlist-import.1,
    /// ...), which aipx.1 refers to, into this folder; print each path written.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

impl Man {
    pub fn run(&self, out: &mut dyn Write) -> Result<ExitCode, Error> {
        // Built as clap_mangen's `generate_to` builds it: each subcommand is named
        // `aipx-watchlist-import` as its parent page refers to it, and no page refers to an
        // `aipx-help(1)` (`aipx help` is `--help`, which every page describes).
        let mut command = super::Cli::command().disable_help_subcommand(true);
        command.build();
        match &self.dir {
            None => clap_mangen::Man::new(command).render(out)?,
            Some(dir) => pages(command, dir, out)?,
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Writes the page of `command` and of each of its subcommands into `dir`, each atomically.
fn pages(command: clap::Command, dir: &Path, out: &mut dyn Write) -> Result<(), Error> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages(sub.clone(), dir, out)?;
    }
    let man = clap_mangen::Man::new(command);
    let mut page = Vec::new();
    man.render(&mut page)?;
    let path = dir.join(man.get_filename());
    crate::userfile::write(&path, &page)
        .map_err(|e| Error::BadInput(format!("{}: cannot write: {e}", path.display())))?;
    writeln!(out, "{}", path.display())?;
    Ok(())
}
