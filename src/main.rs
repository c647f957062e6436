#![forbid(unsafe_code)]

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = aipx::cli::Cli::parse();
    let terminal = std::io::stdout().is_terminal();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    aipx::cli::run(&cli, terminal, &mut out, &mut err)
}
