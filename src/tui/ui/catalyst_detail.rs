//! Details of the selected catalyst on the Calendar tab.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::hits::Shape;
use super::pane;
use super::text::{Para, clean, range_label};
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
    /// The first line shown when the pane has the focus (it scrolls); `None` unfocused.
    pub scroll: Option<usize>,
    /// Styles.
    pub theme: Theme,
}

impl CatalystDetail<'_> {
    /// Rows the whole detail takes in a pane `width` columns wide, border included.
    pub fn height(&self, width: u16) -> u16 {
        let lines = match self.catalyst {
            Some(id) => {
                let paras = paras(self.index, id, self.today, self.theme);
                super::text::wrap_all(&paras, width.saturating_sub(2) as usize).len()
            }
            None => 1,
        };
        lines as u16 + 2
    }
}

impl CatalystDetail<'_> {
    /// How far the detail drawn in `area` overflows it when focused.
    pub fn shape(&self, area: Rect) -> Shape {
        let Some(id) = self.catalyst else {
            return Shape::default();
        };
        let paras = paras(self.index, id, self.today, self.theme);
        pane::text_shape(&paras, area, self.scroll)
    }
}

impl Widget for CatalystDetail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (ix, theme) = (self.index, self.theme);
        let block = pane::block("Catalyst", self.scroll.is_some(), theme, area.width);
        let Some(id) = self.catalyst else {
            Paragraph::new(Line::styled("nothing selected", theme.muted()))
                .block(block)
                .render(area, buf);
            return;
        };
        let paras = paras(ix, id, self.today, theme);
        pane::scrolling_text(block, &paras, area, buf, self.scroll, theme);
    }
}

/// The catalyst's title, date, timing, program, note, origin and sources.
pub fn paras(ix: &Index, id: CatalystId, today: NaiveDate, theme: Theme) -> Vec<Para> {
    let c = ix.catalyst(id);
    let countdown = c.date.countdown(today);
    let mut paras = vec![
        (clean(&c.title).into_owned(), theme.title()),
        (
            format!(
                "{} · {} precision · {}",
                c.date.label(),
                c.date.precision().as_str().replace('_', " "),
                range_label(&c.date)
            ),
            Style::new(),
        ),
        (
            format!(
                "{} ({}) · {}",
                countdown.long(),
                countdown.timing().status(),
                c.kind
            ),
            Style::new(),
        ),
    ];
    if let Some(p) = c.program {
        let name = clean(&ix.program(p).name);
        paras.push((format!("Program: {name}"), Style::new()));
    }
    paras.push((clean(&c.note).into_owned(), Style::new()));
    if let Some(note) = super::text::origin_note(&c.origin) {
        paras.push((note, theme.accent()));
    }
    let files: Vec<String> = c
        .sources
        .iter()
        .map(|&s| clean(&ix.source(s).file).into_owned())
        .collect();
    paras.push((format!("Sources: {}", files.join(", ")), theme.muted()));
    paras
}
