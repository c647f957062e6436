//! `aipx inbox [--all] [--json]` and `aipx inbox accept|reject|undo ID`: reviewing what saved
//! articles propose.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::{Global, JsonFlag};
use crate::error::Error;
use crate::library::commands::{self, Decision};
use crate::library::inbox::Choices;

/// Review what saved articles propose: list, accept, reject, undo.
#[derive(Debug, Args)]
pub struct Inbox {
    /// What to do; without one, list the pending proposals.
    #[command(subcommand)]
    action: Option<Action>,
    /// List accepted and rejected proposals too.
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    out: JsonFlag,
}

/// A decision on one proposal.
#[derive(Debug, Subcommand)]
enum Action {
    /// Accept a proposal: its record joins the dataset.
    Accept {
        /// Proposal number (see `aipx inbox`).
        id: String,
        /// Role of a link: lead, member, beneficiary, supplier, partner, backer, competitor,
        /// sponsor, counterparty.
        #[arg(long)]
        role: Option<String>,
        /// Direction of a link: tailwind, headwind, mixed.
        #[arg(long)]
        direction: Option<String>,
        /// Program (id) of a link, money line or catalyst.
        #[arg(long)]
        program: Option<String>,
        /// Date of a catalyst in the data syntax (2026-04-01, early 2026-06, 2026-Q3, 2027).
        #[arg(long)]
        date: Option<String>,
        /// Kind of a money line: public, private, target.
        #[arg(long)]
        kind: Option<String>,
        /// Create a program of this name for a link or money line whose program the data
        /// lacks (its id is `lib-` and the name's words: "Korea AI chips" is
        /// lib-korea-ai-chips); undoing the proposal removes it again.
        #[arg(long, value_name = "NAME", conflicts_with = "program")]
        new_program: Option<String>,
    },
    /// Reject a proposal; it is not proposed again.
    Reject {
        /// Proposal number.
        id: String,
    },
    /// Put an accepted or rejected proposal back in the inbox.
    Undo {
        /// Proposal number.
        id: String,
    },
}

impl Inbox {
    /// Lists, or decides against the dataset without the library (accepting checks programs
    /// against the dataset with it).
    pub fn run(
        &self,
        g: &Global,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> Result<ExitCode, Error> {
        let Some(action) = &self.action else {
            return commands::inbox(self.all, self.out.json, out);
        };
        let (id, decision) = match action {
            Action::Accept {
                id,
                role,
                direction,
                program,
                date,
                kind,
                new_program,
            } => (
                id,
                Decision::Accept(Choices {
                    role: role.clone(),
                    direction: direction.clone(),
                    program: program.clone(),
                    date: date.clone(),
                    kind: kind.clone(),
                    new_program: new_program.clone(),
                }),
            ),
            Action::Reject { id } => (id, Decision::Reject),
            Action::Undo { id } => (id, Decision::Undo),
        };
        commands::decide(g.load_base()?, id, &decision, out, err)
    }
}
