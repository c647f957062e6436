//! The detail area of the Explore tab when the selected result is a program or a catalyst.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::pane;
use super::text::{clean, range_label};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{CatalystId, ProgramId};
use crate::search::Target;
use crate::tui::calendar::linked_entities;

/// A short summary of a program or catalyst hit, with where Enter leads.
pub struct Preview<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The program or catalyst (entities have their own panes).
    pub target: Target,
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the keys this pane names.
    pub keys: &'a crate::tui::keymap::Keymap,
}

impl Preview<'_> {
    fn program(&self, id: ProgramId) -> (String, Vec<Line<'static>>) {
        let (p, theme) = (self.index.program(id), self.theme);
        let status = self.index.program_status(id, self.today);
        let mut lines = super::program_detail::heading(p, status, theme);
        lines.push(Line::raw(""));
        for (i, line) in p.funding.iter().enumerate() {
            let indent = "  ".repeat(p.depth(i));
            lines.push(Line::from(vec![
                Span::raw(indent),
                Span::styled(line.money.to_string(), theme.money()),
                Span::raw(format!(" {} ({})", clean(&line.label), line.kind)),
            ]));
        }
        let linked = self.index.exposures_to(id).count();
        let dated = self.index.catalysts_of_program(id).len();
        lines.push(Line::raw(format!(
            "{linked} linked entities · {dated} catalysts"
        )));
        lines.push(Line::raw(""));
        let open = self.keys.key_for(crate::tui::action::Action::Open);
        lines.push(Line::styled(
            format!("{open}: open in Programs"),
            theme.accent(),
        ));
        ("Program".to_string(), lines)
    }

    fn catalyst(&self, id: CatalystId) -> (String, Vec<Line<'static>>) {
        let (ix, theme) = (self.index, self.theme);
        let c = ix.catalyst(id);
        let countdown = c.date.countdown(self.today);
        let mut lines = vec![
            Line::styled(clean(&c.title).into_owned(), theme.title()),
            Line::raw(format!(
                "{} ({} precision: {})",
                c.date.label(),
                c.date.precision().as_str().replace('_', " "),
                range_label(&c.date)
            )),
            Line::raw(format!("{} · {}", countdown.long(), c.kind)),
        ];
        if let Some(p) = c.program {
            lines.push(Line::raw(format!(
                "Program: {}",
                clean(&ix.program(p).name)
            )));
        }
        lines.push(Line::raw(""));
        lines.push(Line::raw(clean(&c.note).into_owned()));
        let names: Vec<String> = linked_entities(ix, id)
            .into_iter()
            .map(|e| clean(ix.entity(e).display_symbol()).into_owned())
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!("Linked: {}", names.join(", "))));
        let open = self.keys.key_for(crate::tui::action::Action::Open);
        lines.push(Line::styled(
            format!("{open}: open in Calendar"),
            theme.accent(),
        ));
        ("Catalyst".to_string(), lines)
    }
}

impl Widget for Preview<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (title, lines) = match self.target {
            Target::Program(p) => self.program(p),
            Target::Catalyst(c) => self.catalyst(c),
            Target::Entity(_) => ("Entity".to_string(), Vec::new()),
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(pane::block(title, false, self.theme))
            .render(area, buf);
    }
}
