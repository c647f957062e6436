//! A program's header and its funding lines, nested allocations indented.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::pane;
use super::text::{Para, cell, clean, fit};
use super::theme::Theme;
use crate::model::{Program, Status};

/// Who runs a program, where, at what stage, and what it is.
pub struct ProgramHeader<'a> {
    /// The program.
    pub program: &'a Program,
    /// Its stage on today (see [`crate::index::Index::program_status`]).
    pub status: Status,
    /// Styles.
    pub theme: Theme,
}

/// A program's name, sponsor, country, status and summary, as its header and previews show it.
pub fn heading(p: &Program, status: Status, theme: Theme) -> Vec<Para> {
    vec![
        (clean(&p.name).into_owned(), theme.title()),
        (
            format!("{} · {} · {}", clean(&p.sponsor), clean(&p.country), status),
            theme.muted(),
        ),
        (clean(&p.summary).into_owned(), Style::new()),
    ]
}

impl Widget for ProgramHeader<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = pane::block("Program", false, self.theme);
        let paras = heading(self.program, self.status, self.theme);
        pane::text(block, &paras, area, buf);
    }
}

/// Width of the money column, nesting indent included.
const MONEY_WIDTH: usize = 20;

/// Rows a program's funding pane needs inside its border.
pub fn funding_rows(program: &Program) -> usize {
    program.funding.len().max(1)
}

/// Funding lines: money, kind, label and period; allocations inside another line indented.
pub struct FundingPane<'a> {
    /// The program.
    pub program: &'a Program,
    /// Pane title (says which key shows the chart).
    pub title: String,
    /// Styles.
    pub theme: Theme,
}

impl Widget for FundingPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, theme) = (self.program, self.theme);
        let block = pane::block(self.title, false, theme);
        let width = block.inner(area).width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, line) in p.funding.iter().enumerate() {
            let depth = p.depth(i);
            let indent = match depth {
                0 => String::new(),
                d => format!("{}└ ", "  ".repeat(d - 1)),
            };
            // The indent lives inside the money column so the columns after it stay aligned.
            let money = format!("{indent}{}", line.money);
            let mut spans = vec![
                Span::styled(cell(&money, MONEY_WIDTH), theme.money()),
                Span::styled(format!(" {} ", cell(line.kind.as_str(), 7)), theme.muted()),
            ];
            let used = MONEY_WIDTH + 9;
            let when = clean(&line.when_label()).into_owned();
            let text = if when.is_empty() {
                clean(&line.label).into_owned()
            } else {
                format!("{} · {when}", clean(&line.label))
            };
            spans.push(Span::raw(fit(&text, width.saturating_sub(used))));
            lines.push(Line::from(spans));
        }
        if lines.is_empty() {
            lines.push(Line::styled("no funding stated", theme.muted()));
        }
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
