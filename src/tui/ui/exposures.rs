//! The exposures pane: each program an entity is tied to, its role, direction and funding.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, StatefulWidget, Widget};

use unicode_width::UnicodeWidthStr;

use super::pane::{self, MARKER};
use super::text::{clean, count, fit, fit_line};
use super::theme::{Theme, direction_label};
use crate::index::Index;
use crate::model::{EntityId, Exposure};

/// Programs touching one entity; funding is the program's, never the entity's revenue.
pub struct ExposuresPane<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The entity.
    pub entity: EntityId,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
}

impl ExposuresPane<'_> {
    /// Whether a pane this many columns wide (border included) shows each exposure's note.
    fn with_notes(width: usize) -> bool {
        width.saturating_sub(2 + MARKER) >= 56
    }

    /// Rows the pane needs to show everything at `width` columns, border included.
    pub fn height(&self, width: u16) -> u16 {
        let notes = usize::from(Self::with_notes(width as usize));
        let rows: usize = self
            .index
            .exposures_of(self.entity)
            .map(|x| 2 + x.funding.len() + notes)
            .sum();
        rows.max(1) as u16 + 2
    }
}

impl StatefulWidget for ExposuresPane<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let (ix, theme) = (self.index, self.theme);
        let programs = count(ix.program_count(self.entity), "program");
        // Exposure is not ownership: each amount says whose money it is (public, a
        // company's own private money, or a target).
        let title = if area.width >= 60 {
            format!("Exposures ({programs}; money by kind)")
        } else {
            format!("Exposures ({programs})")
        };
        let block = pane::block(title, self.focused, theme);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let with_notes = Self::with_notes(area.width as usize);
        let exposures: Vec<&Exposure> = ix.exposures_of(self.entity).collect();
        if exposures.is_empty() {
            state.select(None);
            let items = vec![pane::empty("no program exposure recorded", theme)];
            pane::render_list(items, inner, buf, state, self.focused, theme);
            return;
        }
        let notes = usize::from(with_notes);
        let room = (inner.height as usize).max(1);
        let build = |i: usize| {
            let x = exposures[i];
            let p = ix.program(x.program);
            let mut lines = vec![Line::styled(fit(&clean(&p.name), width), theme.title())];
            let second = vec![
                Span::raw("  "),
                Span::raw(x.role.as_str()),
                Span::raw(" · "),
                Span::styled(direction_label(x.direction), theme.direction(x.direction)),
                // Stated by a source, or our reading of the sources.
                Span::raw(" · "),
                Span::styled(x.basis.as_str(), theme.muted()),
            ];
            lines.push(fit_line(second, width));
            for &l in x.funding.iter() {
                let line = &p.funding[l];
                let money = line.money.to_string();
                // Whose money: `public`, or `9984's own` for a company's own spending.
                let kind = ix.funding_kind(line);
                let rest = width.saturating_sub(2 + kind.width().max(7) + 1 + money.width() + 1);
                // Level with the role line: a program's money, never an allocation of it.
                let spans = vec![
                    Span::raw("  "),
                    Span::styled(format!("{kind:<7} "), theme.muted()),
                    Span::styled(money, theme.money()),
                    Span::raw(format!(" {}", fit(&clean(&line.label), rest))),
                ];
                lines.push(fit_line(spans, width));
            }
            if with_notes {
                let note = fit(&clean(&x.note), width.saturating_sub(2));
                lines.push(Line::styled(format!("  {note}"), theme.muted()));
            }
            // A list draws no item taller than its pane: keep what fits, and say so.
            let room = (inner.height as usize).max(1);
            if lines.len() > room {
                lines.truncate(room);
                if let Some(last) = lines.last_mut() {
                    *last = super::text::ellipsis(last, width);
                }
            }
            ListItem::new(lines)
        };
        let rows = pane::Rows {
            len: exposures.len(),
            height: |i: usize| (2 + exposures[i].funding.len() + notes).min(room),
            build,
            hint: 0,
        };
        rows.render(inner, buf, state, self.focused, theme);
    }
}
