//! The Calendar tab's month grid, drawn with chrono: the month of the selected catalyst (or
//! the one `h`/`l` moved to), its days marked, today bracketed, a legend of the marks it
//! shows, and the catalysts that fall in the months listed below.

use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{ListState, Paragraph, Widget};

use super::entity_catalysts::CatalystRow;
use super::hits::Shape;
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
    fn legend(&self, marks: &Marks, last: NaiveDate) -> String {
        let first = marks.first;
        let selected = self.selected_range();
        let mut parts = Vec::new();
        if marks.days.contains(&'*') {
            parts.push("* on the day");
        }
        if marks.days.contains(&'~') {
            parts.push("~ in its range");
        }
        if (first..=last).contains(&self.today) {
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

    /// The marks of the days from `first` to `last`, in one pass over the list.
    fn marks(&self, first: NaiveDate, last: NaiveDate) -> Marks {
        let mut days = vec![' '; usize::try_from((last - first).num_days() + 1).unwrap_or(0)];
        let at = |d: NaiveDate| usize::try_from((d - first).num_days()).unwrap_or(0);
        for &c in self.list {
            let (a, b) = self.index.range(c);
            if (b - a).num_days() >= MAX_MARKED_DAYS || b < first || a > last {
                continue;
            }
            if a == b {
                days[at(a)] = '*';
                continue;
            }
            for mark in &mut days[at(a.max(first))..=at(b.min(last))] {
                if *mark != '*' {
                    *mark = '~';
                }
            }
        }
        Marks { first, days }
    }

    fn selected_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let &c = self.list.get(self.selected?)?;
        Some(self.index.range(c))
    }

    /// One month: its name, the weekday header and up to six weeks, each line 28 columns.
    fn grid(&self, first: NaiveDate, marks: &Marks) -> Vec<Line<'static>> {
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
                (' ', marks.of(d))
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

/// The mark of each day from `first` on: `*` a catalyst on that exact day, `~` inside a
/// catalyst's range (narrower than [`MAX_MARKED_DAYS`]), else a space.
struct Marks {
    first: NaiveDate,
    days: Vec<char>,
}

impl Marks {
    fn of(&self, day: NaiveDate) -> char {
        let at = usize::try_from((day - self.first).num_days()).ok();
        at.and_then(|at| self.days.get(at)).copied().unwrap_or(' ')
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
                let (a, b) = self.index.range(c);
                b >= first && a <= last
            })
            .count();
        let marks = self.marks(first, last);
        let weeks = side_by_side(
            (0..count)
                .map(|i| self.grid(first + Months::new(i), &marks))
                .collect(),
        );
        // Border, the grid's lines, the legend, the list's heading and the list.
        (2 + weeks.len() + 2 + listed.max(1)) as u16
    }
}

/// What a month grid draws inside its border: the grid's lines and legend, and the
/// months it covers.
struct Drawn {
    lines: Vec<Line<'static>>,
    first: NaiveDate,
    last: NaiveDate,
    count: u32,
}

impl MonthGrid<'_> {
    /// The grid's lines and legend for `inner` (the rows inside the border).
    fn drawn(&self, inner: Rect) -> Drawn {
        let first = self.month();
        let width = inner.width as usize;
        let count = Self::months_shown(width);
        let last = first + Months::new(count) - chrono::Days::new(1);
        let marks = self.marks(first, last);
        let months = (0..count)
            .map(|i| self.grid(first + Months::new(i), &marks))
            .collect();
        let mut lines = side_by_side(months);
        let legend = super::text::fit(&self.legend(&marks, last), width);
        lines.push(Line::styled(legend, self.theme.muted()));
        Drawn {
            lines,
            first,
            last,
            count,
        }
    }

    /// Where the list below a grid of `drawn` lines goes in `inner`, and the catalysts
    /// (positions in `list`) it shows, in order; `None` when the grid is cut (too short
    /// for every week), with no list.
    fn listed(&self, drawn: &Drawn, inner: Rect) -> Option<(Rect, Vec<usize>)> {
        if drawn.lines.len() > inner.height as usize {
            return None;
        }
        // The grid, the legend and the list's heading above the list.
        let [_, bottom] = Layout::vertical([
            Constraint::Length(drawn.lines.len() as u16 + 1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        // Only the rows in view are written (months of a large dataset hold thousands).
        let shows: Vec<usize> = (0..self.list.len())
            .filter(|&i| {
                let (a, b) = self.index.range(self.list[i]);
                b >= drawn.first && a <= drawn.last
            })
            .collect();
        Some((bottom, shows))
    }

    /// The list's cursor: the selected catalyst's row in `shows`.
    fn state(&self, shows: &[usize]) -> ListState {
        let selected = self
            .selected
            .and_then(|s| shows.iter().position(|&i| i == s));
        ListState::default().with_selected(selected)
    }

    /// Where the grid drawn in `area` puts the rows of its list: each selects its
    /// catalyst when clicked.
    pub fn shape(&self, area: Rect) -> Shape {
        let inner = pane::inner(area);
        let drawn = self.drawn(inner);
        let Some((bottom, shows)) = self.listed(&drawn, inner) else {
            return Shape::default();
        };
        let list = pane::Rows {
            len: shows.len(),
            height: |_| 1,
            build: (),
            hint: 0,
        };
        let row = |at: usize| shows.get(at).copied();
        list.shape(0, bottom, &self.state(&shows), self.focused, &row)
    }
}

impl Widget for MonthGrid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let inner = pane::draw(self.title.clone(), self.focused, theme, area, buf);
        let width = inner.width as usize;
        let drawn = self.drawn(inner);
        let Some((bottom, shows)) = self.listed(&drawn, inner) else {
            // Too short for every week: say the grid is cut rather than drop days unseen.
            let mut lines = drawn.lines;
            let room = inner.height as usize;
            let hidden = lines.len() + 1 - room.max(1);
            lines.truncate(room.saturating_sub(1));
            let note = format!(" grid cut: {hidden} more rows; a taller window shows all days");
            lines.push(Line::styled(super::text::fit(&note, width), theme.muted()));
            Paragraph::new(lines).render(inner, buf);
            return;
        };
        let Drawn {
            mut lines,
            first,
            last,
            count,
        } = drawn;
        let span = if count == 1 {
            first.format("%B %Y").to_string()
        } else {
            format!("{} – {}", first.format("%b %Y"), last.format("%b %Y"))
        };
        lines.push(Line::styled(format!("In {span}:"), theme.title()));
        let top = Rect {
            height: bottom.y - inner.y,
            ..inner
        };
        Paragraph::new(lines).render(top, buf);
        let rows = CatalystRow {
            index: self.index,
            today: self.today,
            width: width.saturating_sub(MARKER),
            theme,
        };
        let mut state = self.state(&shows);
        if shows.is_empty() {
            // As a list with no items draws it: nothing, and nothing to click.
            pane::render_list(Vec::new(), bottom, buf, &mut state, self.focused, theme);
            return;
        }
        let list = pane::Rows {
            len: shows.len(),
            height: |_| 1,
            build: |i: usize| Text::from(rows.line(self.list[shows[i]])),
            hint: 0,
        };
        list.render(bottom, buf, &mut state, self.focused, theme);
    }
}
