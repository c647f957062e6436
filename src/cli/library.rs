//! `aipx library export DIR` and `aipx library import DIR`: the library as files the trader
//! owns.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::Global;
use crate::error::Error;
use crate::library::commands;

/// Export the dataset with your library as TOML files, or import such a folder.
#[derive(Debug, Args)]
pub struct LibraryCommand {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Write the dataset with the accepted records as the TOML files `aipx check --data` reads.
    Export {
        /// Folder to write (created if missing; its five files are replaced).
        dir: PathBuf,
    },
    /// Bring the records of such a folder that the dataset lacks into the library.
    Import {
        /// Folder of the five TOML files.
        dir: PathBuf,
    },
}

impl LibraryCommand {
    /// Export writes the dataset with the library; import compares against it without.
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        match &self.action {
            Action::Export { dir } => commands::export(&g.load_dataset(err)?, dir, out),
            Action::Import { dir } => commands::import(&g.load_base()?, dir, out, err),
        }
    }
}
