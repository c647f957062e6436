//! The header pane of an entity: name, listing, exchange, country, sector, listed or not.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::hits::Shape;
use super::pane;
use super::text::{Para, clean, fit, wrap_all};
use super::theme::Theme;
use crate::model::Entity;

/// Who an entity is.
#[derive(Clone, Copy)]
pub struct EntityHeader<'a> {
    /// The entity.
    pub entity: &'a Entity,
    /// Its listed parent, if any.
    pub parent: Option<&'a Entity>,
    /// The first line shown when the pane has the focus (it scrolls); `None` unfocused.
    pub scroll: Option<usize>,
    /// Styles.
    pub theme: Theme,
}

impl EntityHeader<'_> {
    /// The pane's text for a pane `width` columns wide: name and listing, facts, summary.
    fn paras(&self, width: u16) -> Vec<Para> {
        let (e, theme) = (self.entity, self.theme);
        let mut first = clean(&e.name).into_owned();
        if let Some(l) = e.primary() {
            first.push_str(&format!("  {}:{}", l.exchange, clean(&l.symbol)));
        }
        let facts = facts(e, self.parent).join(" · ");
        let width = width.saturating_sub(2) as usize;
        // The name keeps to one line so country and sector show even in a short pane; the
        // focused pane, which scrolls, shows it whole.
        let first = match self.scroll {
            Some(_) => first,
            None => fit(&first, width),
        };
        vec![
            (first, theme.title()),
            (facts, theme.muted()),
            (clean(&e.summary).into_owned(), Style::new()),
        ]
    }

    /// Rows the whole header takes in a pane `width` columns wide, border included.
    pub fn height(&self, width: u16) -> u16 {
        let lines = wrap_all(&self.paras(width), width.saturating_sub(2) as usize);
        lines.len() as u16 + 2
    }

    /// Rows the header needs at least: its name and the first line of its facts.
    pub const MIN_HEIGHT: u16 = 4;

    /// How far the header drawn in `area` overflows it when focused.
    pub fn shape(&self, area: Rect) -> Shape {
        pane::text_shape(&self.paras(area.width), area, self.scroll)
    }
}

impl Widget for EntityHeader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let kind = if self.entity.is_listed() {
            "Company"
        } else {
            "Unlisted body"
        };
        let paras = self.paras(area.width);
        let block = pane::block(kind, self.scroll.is_some(), self.theme, area.width);
        pane::scrolling_text(block, &paras, area, buf, self.scroll, self.theme);
    }
}

/// Country, sector, listing, other listings, parent and origin, as the header lists them.
pub fn facts(e: &Entity, parent: Option<&Entity>) -> Vec<String> {
    let mut facts: Vec<String> = Vec::new();
    // A fact the listing files did not give is left out, not shown as an empty field.
    for fact in [&e.country, &e.sector] {
        if !fact.is_empty() {
            facts.push(clean(fact).into_owned());
        }
    }
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
