//! The Watchlist tab: the tickers of one watchlist with what touches them, and the book's
//! total (programs once each, public program money by currency and by link direction,
//! catalysts due in 30 and 90 days). `n` shows the next list; `w` in any tab adds or removes the selected ticker.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, Paragraph, Wrap};

use crate::book::exposure::{Summary, summarize};
use crate::book::watchlist::{Resolved, resolve};
use crate::index::Index;
use crate::model::EntityId;
use crate::search::Target;
use crate::text::{cell, count};
use crate::tui::action::Action;
use crate::tui::keymap::Mode;
use crate::tui::list_detail::{ListDetail, Pane};
use crate::tui::ui::text::cell_right;
use crate::tui::ui::{hits, pane};

use super::{Context, Outcome, Tab, TabView};
use crate::tui::ui::hits::HitMap;

/// The one focusable pane: the tickers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WatchPane {
    /// The tickers of the list shown.
    Tickers,
}

impl Pane for WatchPane {
    const ORDER: &'static [WatchPane] = &[WatchPane::Tickers];
}

/// Which list is shown and the selected ticker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Watchlist {
    /// Position of the list shown in the user's watchlists.
    pub current: usize,
    /// The selected row.
    pub cursor: ListDetail<WatchPane>,
}

/// One row: the stored ticker and the entity it resolves to.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As stored.
    pub symbol: String,
    /// The entity, when it resolves.
    pub entity: Option<EntityId>,
    /// Weight from the import.
    pub weight: Option<f64>,
}

impl Watchlist {
    /// The rows of the list shown, sorted and filtered as the lists are; tickers the data
    /// does not know come last (a filter cannot judge them, so they stay).
    pub fn rows(&self, cx: &Context) -> Vec<Row> {
        let Some(list) = cx.book.lists.get(self.current) else {
            return Vec::new();
        };
        let mut known: Vec<EntityId> = Vec::new();
        let mut unknown = Vec::new();
        for entry in &list.entries {
            match resolve(cx.index, &entry.symbol) {
                Resolved::Found(e) if !known.contains(&e) => known.push(e),
                Resolved::Found(_) => {}
                _ => unknown.push(Row {
                    symbol: entry.symbol.clone(),
                    entity: None,
                    weight: entry.weight,
                }),
            }
        }
        known.retain(|&e| cx.filter.keeps(cx.index, e, cx.today));
        // "dataset" order is the list's own order here: the order the user built it in.
        if cx.sort != crate::book::sort::SortKey::Dataset {
            crate::book::sort::sort(cx.index, &mut known, cx.sort, cx.today);
        }
        let weight_of = |e: EntityId| {
            list.position_of(cx.index, e)
                .and_then(|i| list.entries[i].weight)
        };
        let mut rows: Vec<Row> = known
            .into_iter()
            .map(|e| Row {
                symbol: crate::book::watchlist::canonical(cx.index, e),
                entity: Some(e),
                weight: weight_of(e),
            })
            .collect();
        rows.extend(unknown);
        rows
    }

    /// The name of the list shown.
    pub fn name<'a>(&self, cx: &Context<'a>) -> Option<&'a str> {
        cx.book.lists.get(self.current).map(|w| w.name.as_str())
    }

    /// The selected ticker's entity.
    pub fn entity(&self, cx: &Context) -> Option<EntityId> {
        self.rows(cx).get(self.cursor.selected())?.entity
    }
}

fn summary_lines(cx: &Context, heading: String, s: &Summary) -> Vec<Line<'static>> {
    let theme = cx.theme;
    let mut lines = vec![Line::styled(heading, theme.title())];
    lines.push(Line::raw(format!(
        "{} · links {}",
        count(s.programs.len(), "program"),
        s.directions.short()
    )));
    // Money by the direction of the links: a rival's subsidy is never shown as money behind
    // the ticker. Each direction a link has gets a line, `—` when its programs state no
    // public money (TSMC's own Kumamoto fab beside the Rapidus money against it).
    let mut any = false;
    for (direction, bucket) in s.public_money.each() {
        if bucket.programs.is_empty() {
            continue;
        }
        any = true;
        let mut money: Vec<String> = bucket.money.iter().map(|m| m.short()).collect();
        if money.is_empty() {
            money.push("—".into());
        }
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{} money ",
                    crate::tui::ui::theme::direction_label(direction)
                ),
                theme.direction(direction),
            ),
            Span::styled(money.join("; "), theme.money()),
        ]));
    }
    if !any {
        lines.push(Line::from(vec![
            Span::styled("public program money ", theme.muted()),
            Span::styled("—", theme.money()),
        ]));
    }
    lines.push(Line::raw(format!(
        "due: {} within 30 days, {} within 90",
        s.due_30.len(),
        s.due_90.len()
    )));
    for d in s.due_90.iter().take(6) {
        lines.push(Line::raw(format!(
            "  {} {} · {}",
            d.label,
            d.when_text(),
            crate::text::sanitize(&d.title)
        )));
    }
    lines
}

impl TabView for Watchlist {
    fn modes(&self) -> &'static [Mode] {
        &[Mode::Tab(Tab::Watchlist), Mode::Browse, Mode::Global]
    }

    /// Its steps move a row (or an option) at a time and never read the layout.
    fn steps_inside_items(&self, _cx: &Context) -> bool {
        false
    }

    fn step(&mut self, cx: &Context, _layout: &HitMap, delta: isize) -> bool {
        self.cursor.step(&[self.rows(cx).len()], delta)
    }

    fn cycle(&mut self, _cx: &Context, _dir: isize) -> bool {
        false
    }

    fn click(&mut self, cx: &Context, slot: usize, row: Option<usize>) -> bool {
        self.cursor.click(&[self.rows(cx).len()], slot, row)
    }

    fn open(&mut self, cx: &Context) -> Outcome {
        match self.entity(cx) {
            Some(e) => Outcome::Open(Target::Entity(e)),
            None => Outcome::Unchanged,
        }
    }

    fn back(&mut self, _cx: &Context) -> bool {
        false
    }

    fn act(&mut self, cx: &Context, action: Action) -> Outcome {
        match action {
            Action::NextWatchlist if cx.book.lists.len() > 1 => {
                self.current = (self.current + 1) % cx.book.lists.len();
                self.cursor = ListDetail::default();
                Outcome::Changed
            }
            _ => Outcome::Unchanged,
        }
    }

    fn show(&mut self, _cx: &Context, _target: Target) -> bool {
        false
    }

    fn selected_entity(&self, cx: &Context) -> Option<EntityId> {
        self.entity(cx)
    }

    fn record(&self, cx: &Context) -> Option<crate::tui::ui::full_text::Record> {
        self.entity(cx)
            .map(crate::tui::ui::full_text::Record::Entity)
    }

    fn selections(&self, _ix: &Index) -> Vec<(&'static str, usize, usize)> {
        Vec::new()
    }

    fn layout(&self, cx: &Context, area: Rect) -> HitMap {
        let mut map = HitMap::default();
        if cx.book.lists.get(self.current).is_none() {
            return map;
        }
        let [left, _] = columns(area);
        let inner = pane::inner(left);
        let len = self.rows(cx).len();
        let first = first_row(self.cursor.selected(), len, inner.height);
        let shape = hits::Shape::list(inner, first, vec![1; len], &Some);
        map.pane(left, 0, shape);
        map
    }

    fn render(&self, cx: &Context, frame: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let [left, right] = columns(area);
        let Some(list) = cx.book.lists.get(self.current) else {
            let text = match cx.book_error {
                Some(e) => format!(
                    "The watchlists file could not be read, so none is shown and {} will not save: {}. The file is left as it is; fix it, or see aipx watchlist list.",
                    cx.keys.key_for(Action::ToggleWatch),
                    crate::tui::ui::text::clean(e)
                ),
                None => format!(
                    "No watchlist yet. Press {} on a ticker in any tab to start one, or import a broker's export: aipx watchlist import FILE --name NAME",
                    cx.keys.key_for(Action::ToggleWatch)
                ),
            };
            let body = Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(pane::block("Watchlist", true, theme, area.width));
            frame.render_widget(body, area);
            return;
        };
        let rows = self.rows(cx);
        let next = if cx.book.lists.len() > 1 {
            format!(
                " {}/{} ({} next)",
                self.current + 1,
                cx.book.lists.len(),
                cx.keys.key_for(Action::NextWatchlist)
            )
        } else {
            String::new()
        };
        let title = format!(
            "{} ({}){next} · sort {} · {}",
            crate::text::sanitize(&list.name),
            rows.len(),
            cx.sort.as_str(),
            cx.filter.label()
        );
        // Inside the border and the `›` marker. Narrow lists drop the weight and program
        // columns, then the countdown, before the name gets too short to read.
        let width = left.width.saturating_sub(3) as usize;
        let (symbol_width, wide_cols, next_col) = (14, 1 + 6 + 1 + 3, 1 + 10);
        let (with_counts, with_next) = match width.saturating_sub(symbol_width + 1) {
            w if w >= 8 + wide_cols + next_col => (true, true),
            w if w >= 8 + next_col => (false, true),
            _ => (false, false),
        };
        let name_width = width
            .saturating_sub(symbol_width + 1)
            .saturating_sub(if with_counts { wide_cols } else { 0 })
            .saturating_sub(if with_next { next_col } else { 0 });
        let items: Vec<ListItem> = rows
            .iter()
            .map(|r| {
                let (name, prg, next) = match r.entity {
                    Some(e) => (
                        cx.index.entity(e).name.clone(),
                        cx.index.program_count(e).to_string(),
                        cx.index.next_catalyst(e, cx.today).map_or("—".into(), |c| {
                            cx.index.catalyst(c).date.countdown(cx.today).short()
                        }),
                    ),
                    None => ("(not in the data)".into(), String::new(), String::new()),
                };
                // As the import gave it (`7.25%`), never rounded to a figure it did not give.
                let weight = r.weight.map_or(String::new(), |w| {
                    format!("{}%", crate::report::book::number(w))
                });
                let mut row = format!(
                    "{} {}",
                    cell(&crate::text::sanitize(&r.symbol), symbol_width),
                    cell(&crate::text::sanitize(&name), name_width),
                );
                if with_counts {
                    row.push_str(&format!(
                        " {} {}",
                        cell_right(&weight, 6),
                        cell_right(&prg, 3)
                    ));
                }
                if with_next {
                    row.push_str(&format!(" {}", cell_right(&next, 10)));
                }
                ListItem::new(Line::raw(row))
            })
            .collect();
        let mut state = crate::tui::ui::cursor(self.cursor.selected(), true);
        let block = pane::block(title, true, theme, left.width);
        let inner = block.inner(left);
        *state.offset_mut() = first_row(self.cursor.selected(), rows.len(), inner.height);
        let widget = List::new(items)
            .block(block)
            .highlight_style(theme.selected())
            .highlight_symbol("›");
        frame.render_stateful_widget(widget, left, &mut state);
        let entities = list.entities(cx.index);
        let note =
            "money: programs' public funding by link direction, per currency, never converted";
        let mut lines = vec![Line::styled(note, theme.muted())];
        lines.extend(summary_lines(
            cx,
            format!("Whole list, each program once ({} known)", entities.len()),
            &summarize(cx.index, &entities, cx.today),
        ));
        if let Some(e) = self.entity(cx) {
            lines.push(Line::raw(""));
            let name = crate::text::sanitize(&cx.index.entity(e).name).into_owned();
            lines.extend(summary_lines(
                cx,
                name,
                &summarize(cx.index, &[e], cx.today),
            ));
        }
        // Wrapped to the pane; what does not fit ends in `…`.
        let paras: Vec<crate::tui::ui::text::Para> = lines
            .iter()
            .map(|l| {
                let style = l.spans.last().map_or(l.style, |s| l.style.patch(s.style));
                (l.to_string(), style)
            })
            .collect();
        let block = pane::block("Exposure", false, theme, right.width);
        pane::text(block, &paras, right, frame.buffer_mut());
    }
}
/// The tickers and the book's total beside them.
fn columns(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Percentage(55), Constraint::Fill(1)]).areas(area)
}

/// The first of `len` tickers shown in `rows` rows with ticker `selected` selected: the
/// list scrolls only as far as the selection needs (the last row holds it).
fn first_row(selected: usize, len: usize, rows: u16) -> usize {
    let selected = selected.min(len.saturating_sub(1));
    (selected + 1).saturating_sub(usize::from(rows.max(1)))
}
