//! The header pane of an entity: name, listing, exchange, country, sector, listed or not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::pane;
use super::text::clean;
use super::theme::Theme;
use crate::model::Entity;

/// Who an entity is.
pub struct EntityHeader<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// Its listed parent, if any.
    pub parent: Option<&'a Entity>,
    /// Styles.
    pub theme: Theme,
}

impl Widget for EntityHeader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (e, theme) = (self.entity, self.theme);
        let kind = if e.is_listed() {
            "Company"
        } else {
            "Unlisted body"
        };
        let mut first = vec![Span::styled(clean(&e.name).into_owned(), theme.title())];
        if let Some(l) = e.primary() {
            first.push(Span::raw("  "));
            first.push(Span::styled(
                format!("{}:{}", l.exchange, clean(&l.symbol)),
                theme.accent(),
            ));
        }
        let mut facts: Vec<String> = Vec::new();
        facts.push(clean(&e.country).into_owned());
        facts.push(clean(&e.sector).into_owned());
        facts.push(match e.primary() {
            Some(l) => format!("listed on {}", l.exchange.name()),
            None => "unlisted".to_string(),
        });
        for other in e.listings.iter().skip(1) {
            facts.push(format!("also {}:{}", other.exchange, clean(&other.symbol)));
        }
        if let Some(parent) = self.parent {
            facts.push(format!("part of {}", clean(&parent.name)));
        }
        if let Some(note) = super::text::origin_note(&e.origin) {
            facts.push(note);
        }
        let lines = vec![
            Line::from(first),
            Line::styled(facts.join(" · "), theme.muted()),
            Line::raw(clean(&e.summary).into_owned()),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(pane::block(kind, false, theme))
            .render(area, buf);
    }
}
