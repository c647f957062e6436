//! The exposures pane: each program an entity is tied to, its role, direction and funding.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListState, StatefulWidget};

use unicode_width::UnicodeWidthStr;

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{clean, count, fit, fit_line};
use super::theme::{Theme, direction_label};
use crate::index::Index;
use crate::model::{EntityId, Exposure};

/// Programs touching one entity; funding is the program's, never the entity's revenue.
#[derive(Clone, Copy)]
pub struct ExposuresPane<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The entity.
    pub entity: EntityId,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// First line of the selected exposure shown, when it is taller than the pane.
    pub skip: usize,
    /// Styles.
    pub theme: Theme,
}

impl ExposuresPane<'_> {
    /// An exposure's note wrapped to a pane `width` columns wide inside its border and
    /// marker, indented under its program.
    fn note_lines(x: &Exposure, width: usize) -> Vec<String> {
        let note = clean(&x.note);
        if note.trim().is_empty() {
            return Vec::new();
        }
        super::text::wrap(&note, width.saturating_sub(2))
            .into_iter()
            .map(|l| format!("  {l}"))
            .collect()
    }

    /// An exposure's funding lines at `width` columns inside the border and marker: kind,
    /// money, and the label wrapped under itself.
    fn funding_lines(&self, x: &Exposure, width: usize) -> Vec<Line<'static>> {
        let (p, theme) = (self.index.program(x.program), self.theme);
        let mut lines = Vec::new();
        for &l in x.funding.iter() {
            let line = &p.funding[l];
            let money = line.money.to_string();
            // Whose money: `public`, or `9984's own` for a company's own spending.
            let kind = self.index.funding_kind(line);
            let used = 2 + kind.width().max(7) + 1 + money.width() + 1;
            let label = super::text::wrap_column(&clean(&line.label), used, width);
            let mut label = label.into_iter();
            // Level with the role line: a program's money, never an allocation of it.
            let spans = vec![
                Span::raw("  "),
                Span::styled(format!("{kind:<7} "), theme.muted()),
                Span::styled(money, theme.money()),
                Span::raw(format!(" {}", label.next().unwrap_or_default().1)),
            ];
            lines.push(fit_line(spans, width));
            lines.extend(label.map(|(at, l)| Line::raw(format!("{}{l}", " ".repeat(at)))));
        }
        lines
    }

    /// Rows one exposure takes at `width` columns inside the border and marker.
    fn item_height(&self, x: &Exposure, width: usize) -> usize {
        2 + self.funding_lines(x, width).len() + Self::note_lines(x, width).len()
    }

    /// Rows the pane needs to show exposure `row` whole at `width` columns, border included.
    pub fn item_rows(&self, row: usize, width: u16) -> u16 {
        let inner = (width as usize).saturating_sub(2 + MARKER);
        let item = self.index.exposures_of(self.entity).nth(row);
        item.map_or(1, |x| self.item_height(x, inner)) as u16 + 2
    }

    /// Rows the pane needs to show everything at `width` columns, border included, counted
    /// up to `most` (what the column has: the exposures below are not measured).
    pub fn height(&self, width: u16, most: u16) -> u16 {
        let inner = (width as usize).saturating_sub(2 + MARKER);
        let heights = self
            .index
            .exposures_of(self.entity)
            .map(|x| self.item_height(x, inner));
        let rows = pane::rows_up_to(heights, usize::from(most.saturating_sub(2)));
        rows.max(1) as u16 + 2
    }

    /// Where the pane drawn in `area` with `state` puts its exposures, and how far the
    /// selected one overflows when focused (as `render` draws them).
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        let inner = pane::inner(area);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let exposures: Vec<&Exposure> = self.index.exposures_of(self.entity).collect();
        if exposures.is_empty() {
            return pane::empty_shape(area);
        }
        let rows = pane::Rows {
            len: exposures.len(),
            height: |i: usize| self.item_height(exposures[i], width),
            build: (),
            hint: 0,
        };
        rows.shape(self.skip, inner, state, self.focused, &Some)
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
        let inner = pane::draw(title, self.focused, theme, area, buf);
        let width = (inner.width as usize).saturating_sub(MARKER);
        let exposures: Vec<&Exposure> = ix.exposures_of(self.entity).collect();
        if exposures.is_empty() {
            state.select(None);
            let items = vec![pane::empty("no program exposure recorded", theme)];
            pane::render_list(items, inner, buf, state, self.focused, theme);
            return;
        }
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
            lines.extend(self.funding_lines(x, width));
            // The note wraps: the pane grows to show it whole when the column has room.
            for l in Self::note_lines(x, width) {
                lines.push(Line::styled(l, theme.muted()));
            }
            // An exposure taller than the pane scrolls inside it (`Rows` keeps what fits).
            Text::from(lines)
        };
        let rows = pane::Rows {
            len: exposures.len(),
            height: |i: usize| self.item_height(exposures[i], width),
            build,
            hint: 0,
        };
        rows.render_from(self.skip, inner, buf, state, self.focused, theme);
    }
}
