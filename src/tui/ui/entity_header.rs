//! The header pane of an entity: name, listing, exchange, country, sector, listed or not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::pane;
use super::text::{clean, fit};
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
        let mut first = clean(&e.name).into_owned();
        if let Some(l) = e.primary() {
            first.push_str(&format!("  {}:{}", l.exchange, clean(&l.symbol)));
        }
        let facts = facts(e, self.parent).join(" · ");
        let width = area.width.saturating_sub(2) as usize;
        // The name keeps to one line so country and sector show even in a short pane.
        let paras = [
            (fit(&first, width), theme.title()),
            (facts, theme.muted()),
            (clean(&e.summary).into_owned(), Style::new()),
        ];
        pane::text(pane::block(kind, false, theme), &paras, area, buf);
    }
}

/// Country, sector, listing, other listings, parent and origin, as the header lists them.
pub fn facts(e: &Entity, parent: Option<&Entity>) -> Vec<String> {
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
    if let Some(parent) = parent {
        facts.push(format!("part of {}", clean(&parent.name)));
    }
    if let Some(note) = super::text::origin_note(&e.origin) {
        facts.push(note);
    }
    facts
}
