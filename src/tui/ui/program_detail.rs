//! A program's header and its funding lines, nested allocations indented.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::hits::Shape;
use super::pane;
use super::text::{Para, cell, clean, fit};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{Program, Status};

/// Who runs a program, where, at what stage, and what it is.
#[derive(Clone, Copy)]
pub struct ProgramHeader<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its stage on today (see [`crate::index::Index::program_status`]).
    pub status: Status,
    /// The first line shown when the pane has the focus (it scrolls); `None` unfocused.
    pub scroll: Option<usize>,
    /// Styles.
    pub theme: Theme,
}

/// A program's name, status, country, sponsor and summary, as its header and previews show
/// it. Status and country come before the sponsor (often a long phrase), so a narrow pane
/// that cuts the line with `…` still shows the stage the program is at.
pub fn heading(p: &Program, status: Status, theme: Theme) -> Vec<Para> {
    let origin = super::text::origin_note(&p.origin)
        .map(|note| format!(" · {note}"))
        .unwrap_or_default();
    vec![
        (clean(&p.name).into_owned(), theme.title()),
        (
            format!(
                "{status} · {} · {}{origin}",
                clean(&p.country),
                clean(&p.sponsor)
            ),
            theme.muted(),
        ),
        (clean(&p.summary).into_owned(), Style::new()),
    ]
}

impl ProgramHeader<'_> {
    /// Rows the whole header takes in a pane `width` columns wide, border included.
    pub fn height(&self, width: u16) -> u16 {
        let paras = heading(self.program, self.status, self.theme);
        super::text::wrap_all(&paras, width.saturating_sub(2) as usize).len() as u16 + 2
    }

    /// Rows the header needs at least: the name and the sponsor line.
    pub const MIN_HEIGHT: u16 = 4;

    /// How far the header drawn in `area` overflows it when focused.
    pub fn shape(&self, area: Rect) -> Shape {
        let paras = heading(self.program, self.status, self.theme);
        pane::text_shape(&paras, area, self.scroll)
    }
}

impl Widget for ProgramHeader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = pane::block("Program", self.scroll.is_some(), self.theme, area.width);
        let paras = heading(self.program, self.status, self.theme);
        pane::scrolling_text(block, &paras, area, buf, self.scroll, self.theme);
    }
}

/// Width of the money column, nesting indent included.
const MONEY_WIDTH: usize = 20;

/// Funding lines: money, kind, label and period; allocations inside another line indented.
pub struct FundingPane<'a> {
    /// Lookups (whose own money a line is).
    pub index: &'a Index,
    /// The program.
    pub program: &'a Program,
    /// Pane title (says which key shows the chart).
    pub title: String,
    /// The first line shown when the pane has the focus (it scrolls); `None` unfocused.
    pub scroll: Option<usize>,
    /// Styles.
    pub theme: Theme,
}

impl FundingPane<'_> {
    /// Each funding line at `width` columns inside the border: money (indented when it is
    /// inside another line), kind, then label and period wrapped under their column.
    /// With `wrap` false each is one line, its label cut with `…`.
    fn items(&self, width: usize, wrap: bool) -> Vec<Vec<Line<'static>>> {
        let (p, theme) = (self.program, self.theme);
        let kinds: Vec<String> = p
            .funding
            .iter()
            .map(|l| self.index.funding_kind(l))
            .collect();
        let kind_width = kinds
            .iter()
            .map(|k| k.width())
            .max()
            .unwrap_or(0)
            .clamp(7, 12);
        let used = MONEY_WIDTH + kind_width + 2;
        p.funding
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let indent = match p.depth(i) {
                    0 => String::new(),
                    d => format!("{}└ ", "  ".repeat(d - 1)),
                };
                // The indent lives inside the money column so the columns after it stay
                // aligned.
                let money = format!("{indent}{}", line.money);
                let when = clean(&line.when_label()).into_owned();
                let text = if when.is_empty() {
                    clean(&line.label).into_owned()
                } else {
                    format!("{} · {when}", clean(&line.label))
                };
                let label = match wrap {
                    true => super::text::wrap_column(&text, used, width),
                    false => vec![(0, fit(&text, width.saturating_sub(used)))],
                };
                let mut label = label.into_iter();
                let first = Line::from(vec![
                    Span::styled(cell(&money, MONEY_WIDTH), theme.money()),
                    Span::styled(format!(" {} ", cell(&kinds[i], kind_width)), theme.muted()),
                    Span::raw(label.next().unwrap_or_default().1),
                ]);
                std::iter::once(first)
                    .chain(label.map(|(at, l)| Line::raw(format!("{}{l}", " ".repeat(at)))))
                    .collect()
            })
            .collect()
    }

    /// Rows the pane takes with every line whole at `width` columns, border included.
    pub fn height(&self, width: u16) -> u16 {
        let items = self.items(width.saturating_sub(2) as usize, true);
        items.iter().map(Vec::len).sum::<usize>().max(1) as u16 + 2
    }

    /// How far the pane drawn in `area` overflows it when focused: every line is whole
    /// then, scrolling when they are more than its rows.
    pub fn shape(&self, area: Rect) -> Shape {
        let Some(skip) = self.scroll else {
            return Shape::default();
        };
        let items = self.items(pane::inner(area).width as usize, true);
        let lines: usize = items.iter().map(Vec::len).sum();
        if lines == 0 {
            return Shape::default();
        }
        pane::lines_shape(lines, area, skip)
    }
}

impl Widget for FundingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let block = pane::block(self.title.clone(), self.scroll.is_some(), theme, area.width);
        let inner = block.inner(area);
        let width = inner.width as usize;
        let rows = inner.height as usize;
        let items = self.items(width, true);
        // Focused: every line whole, scrolling when they are more than the rows.
        if let Some(skip) = self.scroll.filter(|_| !items.is_empty()) {
            let lines = items.into_iter().flatten().collect();
            return pane::scrolling_lines(block, lines, area, buf, skip, theme);
        }
        // Each line whole where the rows allow; else cut to what fits, ending in `…` (on
        // one line, the label is cut rather than wrapped).
        let plan = pane::line_plan(&items.iter().map(Vec::len).collect::<Vec<_>>(), rows);
        let mut lines: Vec<Line<'static>> = items
            .into_iter()
            .zip(self.items(width, false))
            .zip(plan)
            .flat_map(|((item, one), most)| match most {
                1 => one,
                _ => pane::cut_lines(item, most, width),
            })
            .collect();
        if lines.is_empty() {
            lines.push(Line::styled("no funding stated", theme.muted()));
        }
        // More lines than rows: the last one shown says the list goes on (`i` shows all).
        if lines.len() > rows && rows > 0 {
            lines.truncate(rows);
            let last = lines.pop().unwrap_or_default();
            lines.push(super::text::ellipsis(&last, width));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
