//! `aipx config`: where the config file is, and a commented default to start from.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use crate::error::Error;

/// The config file: where it is, a commented default, whether it reads.
#[derive(Debug, Args)]
pub struct Config {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Print where aipx reads its config ($XDG_CONFIG_HOME/aipx/config.toml).
    Path,
    /// Write the commented default config (refuses to replace an existing one).
    Init {
        /// Replace an existing config.
        #[arg(long)]
        force: bool,
    },
    /// Read the config and list every problem as path:line:col (exit 2 if any).
    Check,
}

fn path() -> Result<std::path::PathBuf, Error> {
    crate::config::path().ok_or_else(|| {
        Error::BadInput("cannot tell where the config lives: set HOME or XDG_CONFIG_HOME".into())
    })
}

impl Config {
    pub fn run(&self, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, Error> {
        let path = path()?;
        match self.action {
            Action::Path => writeln!(out, "{}", path.display())?,
            Action::Init { force } => {
                if path.exists() && !force {
                    return Err(Error::BadInput(format!(
                        "{} exists; keep it, or replace it with --force",
                        path.display()
                    )));
                }
                crate::userfile::write(&path, crate::config::DEFAULT_TOML.as_bytes()).map_err(
                    |e| Error::BadInput(format!("{}: cannot write: {e}", path.display())),
                )?;
                writeln!(out, "wrote {}", path.display())?;
            }
            Action::Check => {
                let loaded = crate::config::load_from(&path);
                // Key overrides are checked as the TUI applies them (conflicts, unknown
                // actions), so `check` says ok only when the TUI would find nothing wrong.
                let (_, keys) = crate::tui::keymap::Keymap::with_overrides(&loaded.config.keys);
                let problems: Vec<_> = loaded.problems.iter().chain(&keys).collect();
                for p in &problems {
                    writeln!(err, "{}", crate::text::sanitize(&p.to_string()))?;
                }
                if !problems.is_empty() {
                    return Ok(ExitCode::from(crate::error::EXIT_BAD_INPUT));
                }
                match loaded.path {
                    Some(p) => writeln!(out, "{}: ok", p.display())?,
                    None => writeln!(out, "{}: no config; defaults apply", path.display())?,
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
