//! `aipx screen`: the terminal UI run headless, keys pressed, the final screen printed.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::Global;
use crate::error::Error;

/// Run the terminal UI headless, press keys, and print the final screen as text.
#[derive(Debug, Args)]
pub struct Screen {
    /// Terminal size in columns and rows.
    #[arg(long, value_parser = crate::tui::screen::parse_size, default_value = "120x40", value_name = "WxH")]
    size: (u16, u16),
    /// Keys to press, e.g. `/softbank<Enter><Tab>3j` (syntax in the README).
    // A script may start with `-`: `--keys -j` presses `-` and `j`.
    #[arg(
        long,
        default_value = "",
        value_name = "SCRIPT",
        allow_hyphen_values = true
    )]
    keys: String,
    /// Start as the TUI does, from the config, the watchlists and the remembered state, and
    /// remember the state at the end (without it, a screen depends on nothing but its flags).
    #[arg(long)]
    remember: bool,
}

impl Screen {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        if self.remember {
            let p = super::interactive::prepare(g, err, false, true)?;
            let (text, app) =
                crate::tui::screen::screen_with(p.app, p.outside, self.size, &self.keys)
                    .map_err(|e| Error::BadInput(e.to_string()))?;
            super::interactive::remember(&app, p.state.as_ref(), err);
            out.write_all(text.as_bytes())?;
            return Ok(ExitCode::SUCCESS);
        }
        // The shipped universe is embedded data too: the screen finds what the TUI finds with
        // nothing imported (a master the user imported is theirs: `--remember` reads it).
        let data = g.load_merged(err)?;
        let (index, searcher) =
            super::with_companies(data, &crate::listings::Companies::shipped())?;
        // The dataset holds the library's records, so the Inbox shows its proposals too;
        // decisions need --remember.
        let shelf = match crate::library::commands::open_existing()? {
            Some(mut lib) => crate::tui::shelf::Shelf::at_start(&mut lib)?,
            None => crate::tui::shelf::Shelf::default(),
        };
        let app = crate::tui::App::new(index, g.today())
            .with_color(false)
            .with_shelf(shelf)
            .with_searcher(searcher);
        let text = crate::tui::screen::screen(app, self.size, &self.keys)
            .map_err(|e| Error::BadInput(e.to_string()))?;
        out.write_all(text.as_bytes())?;
        Ok(ExitCode::SUCCESS)
    }
}
