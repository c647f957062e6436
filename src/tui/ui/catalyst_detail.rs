//! Details of the selected catalyst on the Calendar tab.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::pane;
use super::text::{clean, range_label};
use super::theme::Theme;
use crate::index::Index;
use crate::model::CatalystId;

/// Title, date with its precision and range, countdown, kind, program, note and sources.
pub struct CatalystDetail<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalyst, if one is selected.
    pub catalyst: Option<CatalystId>,
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Styles.
    pub theme: Theme,
}

impl Widget for CatalystDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ix, theme) = (self.index, self.theme);
        let block = pane::block("Catalyst", false, theme);
        let Some(id) = self.catalyst else {
            Paragraph::new(Line::styled("nothing selected", theme.muted()))
                .block(block)
                .render(area, buf);
            return;
        };
        let c = ix.catalyst(id);
        let countdown = c.date.countdown(self.today);
        let mut lines = vec![
            Line::styled(clean(&c.title).into_owned(), theme.title()),
            Line::raw(format!(
                "{} · {} precision · {}",
                c.date.label(),
                c.date.precision().as_str().replace('_', " "),
                range_label(&c.date)
            )),
            Line::raw(format!(
                "{} ({}) · {}",
                countdown.long(),
                countdown.timing().status(),
                c.kind
            )),
        ];
        if let Some(p) = c.program {
            lines.push(Line::raw(format!(
                "Program: {}",
                clean(&ix.program(p).name)
            )));
        }
        lines.push(Line::raw(clean(&c.note).into_owned()));
        if let Some(note) = super::text::origin_note(&c.origin) {
            lines.push(Line::styled(note, theme.accent()));
        }
        let files: Vec<String> = c
            .sources
            .iter()
            .map(|&s| clean(&ix.source(s).file).into_owned())
            .collect();
        lines.push(Line::styled(
            format!("Sources: {}", files.join(", ")),
            theme.muted(),
        ));
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
    }
}
