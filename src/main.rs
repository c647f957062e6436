#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use aipx::text::{SafeWriter, sanitize};
use clap::Parser;

fn main() -> ExitCode {
    // Every byte aipx prints (outside the terminal UI) passes the one sanitiser.
    let mut out = SafeWriter::new(std::io::stdout().lock());
    let mut err = SafeWriter::new(std::io::stderr().lock());
    let cli = match aipx::cli::Cli::try_parse() {
        Ok(cli) => cli,
        // clap echoes what was typed (`unexpected argument '…'`): plain text, sanitised.
        Err(e) if e.use_stderr() => {
            for line in e.render().to_string().lines() {
                let _ = writeln!(err, "{}", sanitize(line));
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
        // --help and --version: our own text, coloured as clap likes.
        Err(e) => e.exit(),
    };
    let terminal = std::io::stdout().is_terminal();
    aipx::cli::run(&cli, terminal, &mut out, &mut err)
}
