//! aipx without a subcommand: the terminal UI, or the plain overview when output is piped.

use std::io::Write;
use std::process::ExitCode;

use super::Global;
use crate::error::Error;

/// The interactive terminal UI.
pub fn tui(g: &Global, err: &mut dyn Write) -> Result<ExitCode, Error> {
    let index = g.load_index(err)?;
    // `aipx changes --since-last` counts from here.
    if let Some(mut lib) = crate::library::commands::open_existing()? {
        lib.mark_opened()?;
    }
    let app = crate::tui::App::new(index, g.today()).with_color(super::color_allowed());
    crate::tui::run::run(app).map_err(Error::Terminal)?;
    Ok(ExitCode::SUCCESS)
}

/// Every entity with its exposure count and next catalyst, as `aipx search` prints them.
pub fn overview(g: &Global, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, Error> {
    let index = g.load_index(err)?;
    crate::report::overview(&index, g.today(), out)?;
    Ok(ExitCode::SUCCESS)
}
