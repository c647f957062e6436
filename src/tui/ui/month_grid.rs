//! The Calendar tab's month grid, drawn with chrono: the month of the selected catalyst (or
//! the one `h`/`l` moved to), its days marked, today bracketed, a legend of the marks it
//! shows, and the catalysts that fall in the months listed below.

use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, ListState, Paragraph, Widget};

use super::entity_catalysts::CatalystRow;
use super::pane::{self, MARKER};
use super::theme::Theme;
use crate::index::Index;
use crate::model::CatalystId;

/// Dates narrower than this many days are drawn on the grid; wider ones are only listed.
const MAX_MARKED_DAYS: i64 = 31;

/// One month as a grid of days, with the catalysts that touch it.
pub struct MonthGrid<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalysts shown, by date.
    pub list: &'a [CatalystId],
    /// The selected catalyst (position in `list`).
    pub selected: Option<usize>,
    /// The first month drawn (its first day).
    pub month: NaiveDate,
    /// Today.
    pub today: NaiveDate,
    /// Pane title (says what the filter is).
    pub title: String,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
    /// The key table, for the keys the legend names.
    pub keys: &'a crate::tui::keymap::Keymap,
}

impl MonthGrid<'_> {
    fn month(&self) -> NaiveDate {
        self.month.with_day(1).unwrap_or(self.month)
    }

    /// The legend: only the marks the months drawn show.
    fn legend(&self, first: NaiveDate, last: NaiveDate) -> String {
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
        let marks: Vec<char> = days.iter().map(|&d| self.mark(d)).collect();
        let selected = self.selected_range();
        let mut parts = Vec::new();
        if marks.contains(&'*') {
            parts.push("* on the day");
        }
        if marks.contains(&'~') {
            parts.push("~ in its range");
        }
        if days.contains(&self.today) {
            parts.push("[ ] today");
        }
        if selected.is_some_and(|(a, b)| a <= last && b >= first) {
            parts.push("reversed: selected");
        }
        use crate::tui::action::Action;
        let key = |a| self.keys.key_for(a);
        let moves = format!(
            "{}/{} month, {} today",
            key(Action::PrevMonth),
            key(Action::NextMonth),
            key(Action::GoToday)
        );
        let mut parts: Vec<String> = parts.into_iter().map(String::from).collect();
        parts.push(moves);
        format!(" {}", parts.join("  "))
    }

    /// `*` a catalyst on this exact day, `~` inside a catalyst's range, else a space.
    fn mark(&self, day: NaiveDate) -> char {
        let mut mark = ' ';
        for &c in self.list {
            let when = self.index.catalyst(c).date;
            let (a, b) = when.range();
            if (b - a).num_days() >= MAX_MARKED_DAYS || day < a || day > b {
                continue;
            }
            if a == b {
                return '*';
            }
            mark = '~';
        }
        mark
    }

    fn selected_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let &c = self.list.get(self.selected?)?;
        Some(self.index.catalyst(c).date.range())
    }

    /// One month: its name, the weekday header and up to six weeks, each line 28 columns.
    fn grid(&self, first: NaiveDate) -> Vec<Line<'static>> {
        let theme = self.theme;
        let mut lines = vec![
            Line::styled(
                format!("{:^28}", first.format("%B %Y").to_string()),
                theme.title(),
            ),
            Line::styled(" Mo  Tu  We  Th  Fr  Sa  Su ", theme.muted()),
        ];
        let last = first + Months::new(1) - chrono::Days::new(1);
        let lead = first.weekday().num_days_from_monday() as usize;
        let mut week: Vec<Span<'static>> = vec![Span::raw("    ".repeat(lead))];
        let selected = self.selected_range();
        for d in first.iter_days().take_while(|d| *d <= last) {
            let is_today = d == self.today;
            let (pre, post) = if is_today {
                ('[', ']')
            } else {
                (' ', self.mark(d))
            };
            let mut style = Style::new();
            if is_today {
                style = theme.today();
            }
            if selected.is_some_and(|(a, b)| d >= a && d <= b) {
                style = style.patch(theme.selected());
            }
            week.push(Span::styled(format!("{pre}{:>2}{post}", d.day()), style));
            if d.weekday() == chrono::Weekday::Sun {
                lines.push(Line::from(std::mem::take(&mut week)));
            }
        }
        // Every month has a Sunday, so the leading padding went out with the first week:
        // anything left is the last, partial week (the 30th or 31st on a Monday, say).
        if !week.is_empty() {
            lines.push(Line::from(week));
        }
        lines
    }
}

/// Width of one month plus the gap after it.
const MONTH_WIDTH: usize = 30;

/// Months side by side: line `i` of each month joined, short ones padded.
fn side_by_side(months: Vec<Vec<Line<'static>>>) -> Vec<Line<'static>> {
    let height = months.iter().map(Vec::len).max().unwrap_or(0);
    (0..height)
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for month in &months {
                let line = month.get(row).cloned().unwrap_or_default();
                let pad = MONTH_WIDTH.saturating_sub(line.width());
                spans.extend(line.spans);
                spans.push(Span::raw(" ".repeat(pad)));
            }
            Line::from(spans)
        })
        .collect()
}

/// Rows a month grid needs to be of use, border included: the month and weekday headings,
/// six weeks, the legend, the heading of its list and one row of that list.
pub const MIN_HEIGHT: u16 = 2 + 2 + 6 + 2 + 1;

impl MonthGrid<'_> {
    /// How many months side by side fit `width` columns inside the border.
    fn months_shown(width: usize) -> u32 {
        ((width + 2) / MONTH_WIDTH).clamp(1, 4) as u32
    }

    /// Rows the grid and its whole list of catalysts take in a pane `width` columns wide,
    /// border included.
    pub fn height(&self, width: u16) -> u16 {
        let first = self.month();
        let count = Self::months_shown(width.saturating_sub(2) as usize);
        let last = first + Months::new(count) - chrono::Days::new(1);
        let listed = self
            .list
            .iter()
            .filter(|&&c| {
                let (a, b) = self.index.catalyst(c).date.range();
                b >= first && a <= last
            })
            .count();
        let weeks = side_by_side(
            (0..count)
                .map(|i| self.grid(first + Months::new(i)))
                .collect(),
        );
        // Border, the grid's lines, the legend, the list's heading and the list.
        (2 + weeks.len() + 2 + listed.max(1)) as u16
    }
}

impl Widget for MonthGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let first = self.month();
        let block = pane::block(self.title.clone(), self.focused, theme, area.width);
        let inner = block.inner(area);
        block.render(area, buf);
        let width = inner.width as usize;
        let count = Self::months_shown(width);
        let months = (0..count)
            .map(|i| self.grid(first + Months::new(i)))
            .collect();
        let mut lines = side_by_side(months);
        let last = first + Months::new(count) - chrono::Days::new(1);
        let legend = super::text::fit(&self.legend(first, last), width);
        lines.push(Line::styled(legend, theme.muted()));
        // Too short for every week: say the grid is cut rather than drop days unseen.
        let room = inner.height as usize;
        if lines.len() > room {
            let hidden = lines.len() + 1 - room.max(1);
            lines.truncate(room.saturating_sub(1));
            let note = format!(" grid cut: {hidden} more rows; a taller window shows all days");
            lines.push(Line::styled(super::text::fit(&note, width), theme.muted()));
            Paragraph::new(lines).render(inner, buf);
            return;
        }
        let span = if count == 1 {
            first.format("%B %Y").to_string()
        } else {
            format!("{} – {}", first.format("%b %Y"), last.format("%b %Y"))
        };
        lines.push(Line::styled(format!("In {span}:"), theme.title()));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Fill(1)])
                .areas(inner);
        Paragraph::new(lines).render(top, buf);
        let rows = CatalystRow {
            index: self.index,
            today: self.today,
            width: width.saturating_sub(MARKER),
            theme,
        };
        let mut items = Vec::new();
        // The catalyst (position in `list`) each item shows, for a click.
        let mut shows = Vec::new();
        let mut state = ListState::default();
        for (i, &c) in self.list.iter().enumerate() {
            let (a, b) = self.index.catalyst(c).date.range();
            if b < first || a > last {
                continue;
            }
            if Some(i) == self.selected {
                state.select(Some(items.len()));
            }
            items.push(ListItem::new(rows.line(c)));
            shows.push(i);
        }
        let row = |at: usize| shows.get(at).copied();
        pane::render_list_as(items, bottom, buf, &mut state, self.focused, theme, &row);
    }
}
