//! The search box and the results list of the Explore tab.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListState, Paragraph, StatefulWidget, Widget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{cell, cell_right, clean, fit, highlighted};
use super::theme::Theme;
use crate::index::Index;
use crate::search::{Field, Target};
use crate::tui::explore::ResultRow;

/// The search box: the query, or how to start searching.
pub struct SearchBox<'a> {
    /// What is typed.
    pub query: &'a str,
    /// Whether the box has the cursor.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the keys this pane names.
    pub keys: &'a crate::tui::keymap::Keymap,
}

impl SearchBox<'_> {
    /// Where the terminal cursor goes while typing, for a box drawn in `area`.
    pub fn cursor(&self, area: Rect) -> (u16, u16) {
        let typed = unicode_width::UnicodeWidthStr::width(clean(self.query).as_ref());
        let x = area.x.saturating_add(4).saturating_add(typed as u16);
        let right = area.right().saturating_sub(2).max(area.x);
        (x.min(right), area.y.saturating_add(1))
    }
}

impl Widget for SearchBox<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        use crate::tui::action::Action;
        use crate::tui::keymap::Mode;
        let title = if self.focused {
            format!(
                "Search (typing: {} to leave, {} to open)",
                self.keys.keys_for(Action::LeaveSearch, Mode::Search),
                self.keys.keys_for(Action::Open, Mode::Search)
            )
        } else {
            format!("Search (press {})", self.keys.key_for(Action::FocusSearch))
        };
        let block = pane::block(title, self.focused, self.theme, area.width);
        let room = block.inner(area).width as usize;
        let line = if self.query.is_empty() && !self.focused {
            Line::styled(
                fit(" / tickers, names (any script), programs, catalysts", room),
                self.theme.muted(),
            )
        } else {
            Line::from(vec![
                Span::styled(" / ", self.theme.muted()),
                // The end of a long query stays in view, where the cursor types.
                Span::raw(tail(&clean(self.query), room.saturating_sub(4))),
            ])
        };
        Paragraph::new(line).block(block).render(area, buf);
    }
}

/// The last `width` columns of `text`, starting with `…` when its start is cut.
fn tail(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// The results: symbol, exchange, name, number of programs and next catalyst's countdown.
pub struct ResultsList<'a> {
    /// Rows to show.
    pub rows: &'a [ResultRow],
    /// Whether the rows are search hits (or every entity, for an empty query).
    pub searched: bool,
    /// Whether they are only the first hits, the search still looking for the rest.
    pub searching: bool,
    /// How the list is ordered and filtered, when not the default (`sort next · upcoming`):
    /// a remembered order must never pass for the whole list.
    pub arranged: String,
    /// Lookups.
    pub index: &'a Index,
    /// Countdowns count from here.
    pub today: NaiveDate,
    /// Whether the list has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the keys the empty list names.
    pub keys: &'a crate::tui::keymap::Keymap,
}

/// Column widths for an inner width.
struct Columns {
    symbol: usize,
    exchange: usize,
    name: usize,
    programs: usize,
    next: usize,
}

impl Columns {
    /// Below this inner width the list is a narrow column of symbols and names, leaving
    /// the room to the detail panes (which show the programs and the next catalyst).
    const NARROW_BELOW: usize = 36;

    fn new(width: usize) -> Columns {
        let (symbol, programs, next) = if width < Self::NARROW_BELOW {
            (8, 0, 0)
        } else {
            (8, 3, 10)
        };
        let exchange = if width >= 52 { 8 } else { 0 };
        let gaps = 1 + 2 * usize::from(next > 0) + usize::from(exchange > 0);
        let fixed = MARKER + symbol + exchange + programs + next + gaps;
        Columns {
            symbol,
            exchange,
            name: width.saturating_sub(fixed),
            programs,
            next,
        }
    }
}

impl ResultsList<'_> {
    fn header(&self, c: &Columns) -> Line<'static> {
        let mut text = format!("{}{} ", " ".repeat(MARKER), cell("SYMBOL", c.symbol));
        if c.exchange > 0 {
            text.push_str(&cell("EXCH", c.exchange));
            text.push(' ');
        }
        text.push_str(&cell("NAME", c.name));
        if c.next > 0 {
            text.push(' ');
            text.push_str(&cell_right("PRG", c.programs));
            text.push(' ');
            text.push_str(&cell_right("NEXT", c.next));
        }
        Line::styled(text, self.theme.muted())
    }

    fn row(&self, row: &ResultRow, c: &Columns) -> Line<'static> {
        let (ix, theme) = (self.index, self.theme);
        let base = Style::new();
        let mut spans: Vec<Span<'static>> = Vec::new();
        let gap = || Span::raw(" ");
        let (symbol, exchange, progs, next) = match row.target {
            Target::Entity(e) => {
                let entity = ix.entity(e);
                let listing = match row.field {
                    Field::Symbol => entity.listings.iter().find(|l| l.symbol == row.text),
                    _ => entity.primary(),
                };
                let symbol = listing.map_or(entity.id.as_str(), |l| l.symbol.as_str());
                let exchange = listing.map_or("unlisted", |l| l.exchange.code());
                let next = ix.next_catalyst(e, self.today);
                let next = next.map_or("—".into(), |c| ix.countdown(c, self.today).short());
                (symbol, exchange, ix.program_count(e).to_string(), next)
            }
            Target::Program(p) => {
                let next = ix
                    .catalysts_of_program(p)
                    .iter()
                    .map(|&c| ix.countdown(c, self.today))
                    .find(|t| !t.timing().is_past());
                (
                    "program",
                    "",
                    String::new(),
                    next.map_or("—".into(), |t| t.short()),
                )
            }
            Target::Catalyst(c) => {
                let countdown = ix.countdown(c, self.today);
                ("event", "", String::new(), countdown.short())
            }
        };
        let symbol_matched = matches!(row.field, Field::Symbol) && !row.positions.is_empty();
        let kind_style = match row.target {
            Target::Entity(_) => theme.title(),
            _ => theme.muted(),
        };
        if symbol_matched {
            spans.extend(highlighted(
                symbol,
                &row.positions,
                c.symbol,
                kind_style,
                theme.matched(),
            ));
        } else {
            spans.push(Span::styled(cell(&clean(symbol), c.symbol), kind_style));
        }
        spans.push(gap());
        if c.exchange > 0 {
            spans.push(Span::styled(cell(exchange, c.exchange), theme.muted()));
            spans.push(gap());
        }
        match (row.target, row.field) {
            (Target::Entity(e), Field::Symbol) => {
                spans.push(Span::raw(cell(&clean(&ix.entity(e).name), c.name)));
            }
            _ => spans.extend(highlighted(
                &row.text,
                &row.positions,
                c.name,
                base,
                theme.matched(),
            )),
        }
        if c.next == 0 {
            return Line::from(spans);
        }
        spans.push(gap());
        spans.push(Span::raw(cell_right(&progs, c.programs)));
        spans.push(gap());
        let next_style = if next.ends_with("ago") {
            theme.past()
        } else {
            base
        };
        spans.push(Span::styled(cell_right(&next, c.next), next_style));
        Line::from(spans)
    }
}

impl ResultsList<'_> {
    /// Where the list drawn in `area` with `state` puts its rows (below its header line).
    pub fn shape(&self, area: Rect, state: &ListState) -> Shape {
        let inner = pane::inner(area);
        let [_, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        if self.rows.is_empty() {
            return pane::list_shape(&[1], body, &ListState::default(), &Some);
        }
        let rows = pane::Rows {
            len: self.rows.len(),
            height: |_| 1,
            build: (),
            hint: 0,
        };
        rows.shape(0, body, state, self.focused, &Some)
    }
}

impl StatefulWidget for ResultsList<'_> {
    type State = ListState;

    fn render(self, area: Rect, buf: &mut Buffer, state: &mut ListState) {
        let mut title = if self.searching {
            format!("Results ({}, searching)", self.rows.len())
        } else if self.searched {
            format!("Results ({})", self.rows.len())
        } else {
            // `▸ `, two corners and two spaces around the title.
            let all = format!("All entities ({})", self.rows.len());
            match unicode_width::UnicodeWidthStr::width(all.as_str()) + 6 <= area.width as usize {
                true => all,
                false => format!("Entities ({})", self.rows.len()),
            }
        };
        if !self.arranged.is_empty() {
            title = format!("{title} · {}", self.arranged);
        }
        let inner = pane::draw(title, self.focused, self.theme, area, buf);
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        let columns = Columns::new(inner.width as usize);
        self.header(&columns).render(head, buf);
        if self.rows.is_empty() {
            state.select(None);
            use crate::tui::{action::Action, keymap::Mode};
            let widen = format!(
                "no match; {} or {} to widen",
                self.keys.keys_for(Action::Backspace, Mode::Search),
                self.keys.keys_for(Action::ClearQuery, Mode::Search)
            );
            // The marker column and the indent of an empty line come before it.
            let widen = fit(&widen, (body.width as usize).saturating_sub(MARKER + 2));
            let items = vec![pane::empty(&widen, self.theme)];
            pane::render_list(items, body, buf, state, self.focused, self.theme);
            return;
        }
        let rows = pane::Rows {
            len: self.rows.len(),
            height: |_| 1,
            build: |i: usize| Text::from(self.row(&self.rows[i], &columns)),
            hint: 0,
        };
        rows.render(body, buf, state, self.focused, self.theme);
    }
}
