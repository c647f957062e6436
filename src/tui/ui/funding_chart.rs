//! A program's funding lines as bars, by size within each currency: one currency's bars
//! are to the scale of its largest line and never compared with another's (aipx converts
//! no currency). Public money `█`, private `▓`, a company's own money `▒` with whose it is
//! written beside, targets `░`; each amount with the dollar figure its source states.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::pane;
use super::text::{cell, clean, count, fit};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{Currency, FundingKind, FundingLine, Program};

/// Glyphs, so kinds read without colour.
const PUBLIC: char = '█';
const PRIVATE: char = '▓';
const OWN: char = '▒';
const TARGET: char = '░';

/// One row of the chart, before it is fitted to a width.
#[derive(Debug, Clone, PartialEq)]
pub enum ChartRow {
    /// A currency whose lines follow.
    Currency(Currency),
    /// A funding line (position in the program's `funding`) nested `depth` deep under
    /// another line of its currency, its bar `share` (0 to 1) of the currency's largest.
    Line {
        /// Position in the program's funding.
        at: usize,
        /// Nesting under a line of the same currency.
        depth: usize,
        /// The amount over the currency's largest amount.
        share: f64,
    },
}

/// Depth of `line` counting only enclosing lines in the same currency.
fn depth_in(program: &Program, line: usize) -> usize {
    let currency = program.funding[line].money.currency;
    let mut depth = 0;
    let mut at = program.funding[line].parent;
    while let Some(p) = at {
        if program.funding[p].money.currency == currency {
            depth += 1;
        }
        at = program.funding[p].parent;
    }
    depth
}

/// The enclosing line of `line` in the same currency, if any.
fn parent_in(program: &Program, line: usize) -> Option<usize> {
    let currency = program.funding[line].money.currency;
    let mut at = program.funding[line].parent;
    while let Some(p) = at {
        if program.funding[p].money.currency == currency {
            return Some(p);
        }
        at = program.funding[p].parent;
    }
    None
}

/// The chart's rows: currencies in the order the data first names them; within each, the
/// largest line first, allocations under the line they sit in (largest first), so the
/// nesting the list shows stays visible.
pub fn rows(program: &Program) -> Vec<ChartRow> {
    let lines = &program.funding;
    let mut currencies: Vec<Currency> = Vec::new();
    for l in lines {
        if !currencies.contains(&l.money.currency) {
            currencies.push(l.money.currency);
        }
    }
    let mut out = Vec::with_capacity(lines.len() + currencies.len());
    for currency in currencies {
        let largest = lines
            .iter()
            .filter(|l| l.money.currency == currency)
            .map(|l| l.money.amount)
            .fold(0.0, f64::max);
        out.push(ChartRow::Currency(currency));
        let by_size = |parent: Option<usize>| {
            let mut kids: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].money.currency == currency)
                .filter(|&i| parent_in(program, i) == parent)
                .collect();
            kids.sort_by(|&a, &b| lines[b].money.amount.total_cmp(&lines[a].money.amount));
            kids
        };
        // Depth first: a line, then its allocations.
        let mut stack: Vec<usize> = by_size(None).into_iter().rev().collect();
        while let Some(at) = stack.pop() {
            let share = if largest > 0.0 {
                lines[at].money.amount / largest
            } else {
                0.0
            };
            out.push(ChartRow::Line {
                at,
                depth: depth_in(program, at),
                share,
            });
            stack.extend(by_size(Some(at)).into_iter().rev());
        }
    }
    out
}

/// Rows the chart needs inside a border `width` columns wide: its rows and the legend.
pub fn height(program: &Program, width: usize) -> usize {
    if program.funding.is_empty() {
        return 1;
    }
    let legend = super::text::wrap(&legend(program), width.max(1)).len();
    rows(program).len() + legend
}

/// The legend: the glyphs a program's chart draws and what the scale is.
fn legend(program: &Program) -> String {
    let has = |f: &dyn Fn(&FundingLine) -> bool| program.funding.iter().any(f);
    let mut parts = Vec::new();
    if has(&|l| l.kind == FundingKind::Public && l.owner.is_none()) {
        parts.push(format!("{PUBLIC} public"));
    }
    if has(&|l| l.kind == FundingKind::Private && l.owner.is_none()) {
        parts.push(format!("{PRIVATE} private"));
    }
    if has(&|l| l.owner.is_some()) {
        parts.push(format!("{OWN} a company's own"));
    }
    if has(&|l| l.kind == FundingKind::Target && l.owner.is_none()) {
        parts.push(format!("{TARGET} target"));
    }
    parts.push("to scale within a currency".into());
    parts.join("  ")
}

/// Bar cells for a share of `width` cells: at least one for any money at all.
fn bar_len(share: f64, width: usize) -> usize {
    if share <= 0.0 || width == 0 {
        return 0;
    }
    ((share * width as f64).round() as usize).clamp(1, width)
}

/// A program's funding lines as bars.
pub struct FundingChart<'a> {
    /// Lookups (whose own money a line is).
    pub index: &'a Index,
    /// The program.
    pub program: &'a Program,
    /// Pane title.
    pub title: String,
    /// The key table, for the key this pane names.
    pub keys: &'a crate::tui::keymap::Keymap,
    /// Styles.
    pub theme: Theme,
}

impl FundingChart<'_> {
    /// The glyph, the kind in words and its style.
    fn kind(&self, line: &FundingLine) -> (char, String, Style) {
        let theme = self.theme;
        let (glyph, style) = match (line.kind, line.owner) {
            (_, Some(_)) => (OWN, theme.muted()),
            (FundingKind::Public, None) => (PUBLIC, theme.money()),
            (FundingKind::Private, None) => (PRIVATE, theme.accent()),
            (FundingKind::Target, None) => (TARGET, theme.muted()),
        };
        (glyph, self.index.funding_kind(line), style)
    }
}

impl Widget for FundingChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (p, theme) = (self.program, self.theme);
        let inner = pane::draw(self.title.clone(), false, theme, area, buf);
        let (width, height) = (inner.width as usize, inner.height as usize);
        if p.funding.is_empty() {
            let line = Line::styled(fit("no funding stated", width), theme.muted());
            Paragraph::new(line).render(inner, buf);
            return;
        }
        let rows = rows(p);
        let money = |at: usize, depth: usize| {
            let indent = match depth {
                0 => String::new(),
                d => format!("{}└ ", "  ".repeat(d - 1)),
            };
            format!("{indent}{}", p.funding[at].money)
        };
        // Amounts come whole first; then the kind, the bar (6 to 30 columns) and the label.
        let money_width = rows
            .iter()
            .map(|r| match *r {
                ChartRow::Line { at, depth, .. } => money(at, depth).width(),
                ChartRow::Currency(_) => 0,
            })
            .max()
            .unwrap_or(0)
            .min(width.saturating_sub(10));
        let kind_width = p
            .funding
            .iter()
            .map(|l| self.kind(l).1.width())
            .max()
            .unwrap_or(0)
            .min(12);
        let rest = width.saturating_sub(money_width + 2);
        let kind_width = kind_width.min(rest.saturating_sub(5));
        let rest = rest.saturating_sub(kind_width);
        let bar_width = (rest / 2).clamp(rest.min(6), 30);
        let label_width = rest.saturating_sub(bar_width);
        let mut lines: Vec<Line<'static>> = Vec::new();
        for row in &rows {
            lines.push(match *row {
                ChartRow::Currency(c) => Line::styled(fit(c.code(), width), theme.title()),
                ChartRow::Line { at, depth, share } => {
                    let line = &p.funding[at];
                    let (glyph, kind, style) = self.kind(line);
                    let n = bar_len(share, bar_width);
                    let bar = format!(
                        "{}{}",
                        glyph.to_string().repeat(n),
                        " ".repeat(bar_width - n)
                    );
                    let mut spans = vec![
                        Span::styled(cell(&money(at, depth), money_width), theme.money()),
                        Span::raw(" "),
                        Span::styled(bar, style),
                        Span::raw(" "),
                        Span::styled(cell(&kind, kind_width), style),
                    ];
                    if label_width > 4 {
                        spans.push(Span::raw(" "));
                        spans.push(Span::raw(fit(&clean(&line.label), label_width - 1)));
                    }
                    Line::from(spans)
                }
            });
        }
        let legend_text = legend(p);
        // The whole legend when there is room for it, else one line ending in `…`.
        let legend_rows = super::text::wrap(&legend_text, width).len();
        let legend_rows = if height >= lines.len() + legend_rows {
            legend_rows
        } else {
            1
        };
        let body = height.saturating_sub(legend_rows);
        if lines.len() > body {
            // Say what is left out rather than cut it silently; `i` shows every line. A
            // currency heading goes with its lines.
            let mut keep = body.saturating_sub(1);
            while keep > 0 && matches!(rows[keep - 1], ChartRow::Currency(_)) {
                keep -= 1;
            }
            let hidden = rows[keep..]
                .iter()
                .filter(|r| matches!(r, ChartRow::Line { .. }))
                .count();
            lines.truncate(keep);
            lines.resize(body.saturating_sub(1), Line::default());
            let i = self.keys.key_for(crate::tui::action::Action::FullText);
            let more = format!("+{} ({i}: full text)", count(hidden, "more line"));
            lines.push(Line::styled(fit(&more, width), theme.muted()));
        }
        lines.resize(body, Line::default());
        let legend = super::text::clipped(&[(legend_text, theme.muted())], width, legend_rows);
        lines.extend(legend);
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProgramId;

    fn index() -> Index {
        Index::new(crate::data::load(None).expect("embedded dataset loads"))
    }

    fn program<'a>(index: &'a Index, id: &str) -> &'a Program {
        let at = index
            .data()
            .programs
            .iter()
            .position(|p| p.id == id)
            .unwrap();
        index.program(ProgramId(at as u32))
    }

    #[test]
    fn lines_go_by_size_within_a_currency_and_keep_their_nesting() {
        let index = index();
        let meti = program(&index, "meti-fy2026");
        let order: Vec<(String, usize)> = rows(meti)
            .iter()
            .filter_map(|r| match *r {
                ChartRow::Line { at, depth, .. } => Some((meti.funding[at].id.clone(), depth)),
                ChartRow::Currency(_) => None,
            })
            .collect();
        let want = [
            ("total", 0),
            ("chips-ai", 1),
            ("ai-infra", 2),
            ("rapidus", 2),
        ];
        let want: Vec<(String, usize)> = want.iter().map(|(i, d)| (i.to_string(), *d)).collect();
        assert_eq!(order, want);
    }

    #[test]
    fn currencies_are_never_drawn_to_one_scale() {
        let index = index();
        let sovereign = program(&index, "jp-sovereign-ai");
        let rows = rows(sovereign);
        let heads = rows
            .iter()
            .filter(|r| matches!(r, ChartRow::Currency(_)))
            .count();
        assert_eq!(heads, 2, "{rows:?}");
        // The largest line of each currency fills its bar.
        for currency in [Currency::JPY, Currency::USD] {
            let top = rows
                .iter()
                .filter_map(|r| match *r {
                    ChartRow::Line { at, share, .. }
                        if sovereign.funding[at].money.currency == currency =>
                    {
                        Some(share)
                    }
                    _ => None,
                })
                .fold(0.0, f64::max);
            assert_eq!(top, 1.0, "{currency:?}");
        }
        assert_eq!(bar_len(0.001, 30), 1, "any money shows");
        assert_eq!(bar_len(0.0, 30), 0);
    }
}
