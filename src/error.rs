//! Every way a command can fail, its exit code, and the one place a failure is printed.
//!
//! Command functions return `Result<ExitCode, Error>`; [`finish`] turns the result into the
//! process's exit code, printing the error through [`crate::text::sanitize`] so no failure
//! message can carry a control byte to the terminal.

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::data::DataErrors;
use crate::ingest::IngestError;
use crate::library::LibraryError;
use crate::text::sanitize;

/// Exit code for a name that matches nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for invalid data or arguments.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset has errors (each already names `path:line:col`).
    #[error("{0}")]
    Data(DataErrors),
    /// Articles could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A ticker, name or id that matches nothing, or too much; the message lists candidates.
    #[error("{0}")]
    NotFound(String),
    /// An argument that cannot be used.
    #[error("{0}")]
    BadInput(String),
    /// Writing the output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] io::Error),
    /// The terminal UI could not run.
    #[error("terminal error: {0}")]
    Terminal(io::Error),
    /// The library is damaged, from a newer aipx, or refused a request.
    #[error(transparent)]
    Library(#[from] LibraryError),
}

impl Error {
    /// The process exit code for this failure.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Data(_) | Error::Ingest(_) | Error::BadInput(_) => {
                ExitCode::from(EXIT_BAD_INPUT)
            }
            Error::NotFound(_) => ExitCode::from(EXIT_NOT_FOUND),
            Error::Output(_) | Error::Terminal(_) => ExitCode::FAILURE,
            Error::Library(LibraryError::NoProposal(_)) => ExitCode::from(EXIT_NOT_FOUND),
            Error::Library(_) => ExitCode::from(EXIT_BAD_INPUT),
        }
    }

    /// Prints the failure to `err`, each line sanitised.
    pub fn print(&self, err: &mut dyn Write) {
        let text = match self {
            // Dataset errors lead with their `path:line:col`, then a count.
            Error::Data(errors) => {
                format!("{errors}\naipx: {} error(s) in the dataset", errors.0.len())
            }
            other => format!("aipx: {other}"),
        };
        for line in text.lines() {
            let _ = writeln!(err, "{}", sanitize(line));
        }
    }
}

/// The exit code of a command's result, printing the error if there is one. A closed pipe
/// (`aipx calendar | head`) is not a failure worth a message.
pub fn finish(result: Result<ExitCode, Error>, err: &mut dyn Write) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            e.print(err);
            e.exit_code()
        }
    }
}

/// Prints a notice that does not fail the command (a skipped file, a warning), sanitised.
pub fn warn(err: &mut dyn Write, notice: &impl Display) {
    let _ = writeln!(err, "aipx: {}", sanitize(&notice.to_string()));
}
