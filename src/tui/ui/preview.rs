//! The detail area of the Explore tab when the selected result is a program or a catalyst.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::hits::Shape;
use super::pane;
use super::text::{Para, clean, range_label};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{CatalystId, Program, ProgramId};
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
    /// The first line shown when the pane has the focus (it scrolls); `None` unfocused.
    pub scroll: Option<usize>,
}

impl Preview<'_> {
    fn program(&self, id: ProgramId) -> (String, Vec<Para>) {
        let (p, theme) = (self.index.program(id), self.theme);
        let plain = Style::new();
        let status = self.index.program_status(id, self.today);
        let mut paras = super::program_detail::heading(p, status, theme);
        paras.push((String::new(), plain));
        paras.extend((0..p.funding.len()).map(|i| (funding_line(self.index, p, i), plain)));
        let linked = self.index.exposures_to(id).count();
        let dated = self.index.catalysts_of_program(id).len();
        let counts = format!("{linked} linked entities · {dated} catalysts");
        paras.push((counts, plain));
        paras.push((String::new(), plain));
        let open = self.keys.key_for(crate::tui::action::Action::Open);
        paras.push((format!("{open}: open in Programs"), theme.accent()));
        ("Program".to_string(), paras)
    }

    fn catalyst(&self, id: CatalystId) -> (String, Vec<Para>) {
        let (ix, theme) = (self.index, self.theme);
        let plain = Style::new();
        let c = ix.catalyst(id);
        let countdown = c.date.countdown(self.today);
        let mut paras = vec![
            (clean(&c.title).into_owned(), theme.title()),
            (
                format!(
                    "{} ({} precision: {})",
                    c.date.label(),
                    c.date.precision().as_str().replace('_', " "),
                    range_label(&c.date)
                ),
                plain,
            ),
            (format!("{} · {}", countdown.long(), c.kind), plain),
        ];
        if let Some(p) = c.program {
            let name = clean(&ix.program(p).name);
            paras.push((format!("Program: {name}"), plain));
        }
        paras.push((String::new(), plain));
        paras.push((clean(&c.note).into_owned(), plain));
        let names: Vec<String> = linked_entities(ix, id)
            .into_iter()
            .map(|e| clean(ix.entity(e).display_symbol()).into_owned())
            .collect();
        paras.push((String::new(), plain));
        paras.push((format!("Linked: {}", names.join(", ")), plain));
        let open = self.keys.key_for(crate::tui::action::Action::Open);
        paras.push((format!("{open}: open in Calendar"), theme.accent()));
        ("Catalyst".to_string(), paras)
    }
}

/// One funding line in words: whose money it is first (public, private, target, or a
/// company's own: `9984's own`, so company money and goals never read as public funding),
/// then money and label; nested allocations say which line they sit inside.
pub fn funding_line(index: &Index, p: &Program, i: usize) -> String {
    let line = &p.funding[i];
    let kind = index.funding_kind(line);
    let mut text = format!("{kind} {} {}", line.money, clean(&line.label));
    if let Some(parent) = line.parent {
        text.push_str(&format!(" (inside {})", clean(&p.funding[parent].label)));
    }
    text
}

impl Preview<'_> {
    /// The pane's title and text.
    fn text(&self) -> (String, Vec<Para>) {
        match self.target {
            Target::Program(p) => self.program(p),
            Target::Catalyst(c) => self.catalyst(c),
            Target::Entity(_) => ("Entity".to_string(), Vec::new()),
        }
    }

    /// How far the preview drawn in `area` overflows it when focused.
    pub fn shape(&self, area: Rect) -> Shape {
        pane::text_shape(&self.text().1, area, self.scroll)
    }
}

impl Widget for Preview<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (title, paras) = self.text();
        let block = pane::block(title, self.scroll.is_some(), self.theme, area.width);
        pane::scrolling_text(block, &paras, area, buf, self.scroll, self.theme);
    }
}
