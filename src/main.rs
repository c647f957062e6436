#![forbid(unsafe_code)]

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use aipx::text::{SafeWriter, sanitize};
use clap::Parser;

fn main() -> ExitCode {
    let terminal = std::io::stdout().is_terminal();
    // A terminal gets each line as it comes; a pipe or a file gets the output in blocks,
    // not a write per line (`show --json` made 400 system calls), flushed before exit with
    // its error reported (see `cli::run`).
    let stdout: Box<dyn Write> = if terminal {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        ))
    };
    // Every byte aipx prints (outside the terminal UI) passes the one sanitiser.
    let mut out = SafeWriter::new(stdout);
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
    aipx::cli::run(&cli, terminal, &mut out, &mut err)
}
