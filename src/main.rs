#![forbid(unsafe_code)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = aipx::cli::Cli::parse();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    match &cli.command {
        Some(command) => aipx::cli::run(&cli, command, &mut out, &mut err),
        // The terminal UI needs a terminal; piped output gets the plain overview instead.
        None if std::io::stdout().is_terminal() => aipx::cli::interactive(&cli, &mut err),
        None => aipx::cli::overview(&cli, &mut out, &mut err),
    }
}
