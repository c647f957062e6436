//! `aipx show TICKER`: one entity's programs, funding and catalysts.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::listings::Companies;
use crate::model::Entity;

/// Programs, funding and catalysts of one ticker or name.
#[derive(Debug, Args)]
pub struct Show {
    /// Ticker or name in any common form: 9984, 9984.T, TSE:9984, 9984 JT, NVDA.O,
    /// SoftBank, SoftBank Group Corporation, or the unique start of a name.
    ticker: String,
    #[command(flatten)]
    out: JsonFlag,
}

impl Show {
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let index = g.load_index(err)?;
        // Read once, when a name needs it.
        let mut master: Option<Companies> = None;
        let entity = match super::resolve_named(&index, &self.ticker) {
            Ok(e) => e,
            // Only a name the curated data does not know reads the securities master.
            Err(not_found @ Error::NotFound(_)) => {
                let companies = master.insert(Companies::load()?);
                match super::resolve_in_companies(companies, &index, &self.ticker, not_found)? {
                    super::MasterHit::Company(found, e) => {
                        self.say_others(Some(companies), found.entity(e), err);
                        crate::report::show(&found, e, g.today(), self.out.format(), out)?;
                        return Ok(ExitCode::SUCCESS);
                    }
                    super::MasterHit::Curated(curated) => curated,
                }
            }
            Err(other) => return Err(other),
        };
        self.say_others(master.as_ref(), index.entity(entity), err);
        crate::report::show(&index, entity, g.today(), self.out.format(), out)?;
        Ok(ExitCode::SUCCESS)
    }

    /// A bare symbol that other companies are also listed as: which they are, and how to see
    /// one, on stderr (the output is `chosen`'s alone). A curated entity needs no master, so
    /// a master that cannot be read only leaves this out (the commands that need it say why).
    fn say_others(&self, master: Option<&Companies>, chosen: &Entity, err: &mut dyn Write) {
        if !super::is_bare_symbol(chosen, &self.ticker) {
            return;
        }
        let loaded;
        let companies = match master {
            Some(c) => c,
            None => match Companies::load() {
                Ok(c) => {
                    loaded = c;
                    &loaded
                }
                Err(_) => return,
            },
        };
        let others = super::others_listed_as(companies, chosen, &self.ticker).unwrap_or_default();
        if let Some(first) = others.first() {
            let example = first.split(' ').next().unwrap_or_default();
            let notice = format!(
                "{:?} is also {}; `aipx show {example}` shows it",
                self.ticker.trim(),
                others.join(", ")
            );
            crate::error::warn(err, &notice);
        }
    }
}
