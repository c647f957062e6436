//! The Calendar tab's chart: each catalyst a bar spanning its window (first to last possible
//! day) on a month axis, two columns a month, with a today line. A day is one `◆`, a month
//! two cells, a fiscal year twenty-four, so the precision of each date shows at a glance.
//! Glyphs carry the meaning (past `░`, upcoming `█`, today `┊`), so it reads in plain text.

use chrono::{Datelike, Months, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::hits::Shape;
use super::pane::{self, MARKER};
use super::text::{cell, clean, fit, timing_mark};
use super::theme::Theme;
use crate::index::Index;
use crate::model::{CatalystId, Timing};
use crate::tui::list;

/// Columns one month takes: enough that a month is visibly wider than a day.
pub const COLS_PER_MONTH: usize = 2;
/// Width of the date label column (`early JP FY2026`).
const DATE_WIDTH: usize = 15;
/// Selection marker, timing mark and date label, then a space.
const LABEL_WIDTH: usize = MARKER + 2 + DATE_WIDTH + 1;
/// Panes at least this wide also show each catalyst's title beside its date.
const TITLE_FROM: usize = 96;
/// Rows the axis takes (years, months).
const AXIS_ROWS: usize = 2;

/// Glyphs, so the chart reads without colour.
const UPCOMING: char = '█';
const PAST: char = '░';
const DAY: char = '◆';
const PAST_DAY: char = '◇';
const TODAY: char = '┊';
const BEFORE: char = '←';
const AFTER: char = '→';

/// Catalysts as bars on a month axis.
pub struct CatalystChart<'a> {
    /// Lookups.
    pub index: &'a Index,
    /// The catalysts shown, by date.
    pub list: &'a [CatalystId],
    /// The selected catalyst (position in `list`).
    pub selected: Option<usize>,
    /// Months `h`/`l` moved the axis from the page holding the selection.
    pub pan: i32,
    /// Today.
    pub today: NaiveDate,
    /// Pane title (says what the filter is).
    pub title: String,
    /// What the chart says when `list` is empty (the filter hides all, or there are none).
    pub empty: String,
    /// Whether the pane has the focus.
    pub focused: bool,
    /// Styles.
    pub theme: Theme,
    /// How to reach the details when they are not drawn beside (`Tab: details`).
    pub details_hint: Option<String>,
}

/// Months from `a`'s month to `b`'s month (negative when `b` is earlier).
fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b.year() as i64 - a.year() as i64) * 12 + b.month() as i64 - a.month() as i64
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn add_months(month: NaiveDate, n: i64) -> NaiveDate {
    let shifted = if n >= 0 {
        month.checked_add_months(Months::new(n as u32))
    } else {
        month.checked_sub_months(Months::new(n.unsigned_abs() as u32))
    };
    shifted.unwrap_or(month)
}

fn days_in_month(day: NaiveDate) -> i64 {
    let first = first_of_month(day);
    (add_months(first, 1) - first).num_days()
}

/// The column `day` falls in on an axis starting at `first` (may lie outside the view).
pub fn column(first: NaiveDate, day: NaiveDate) -> i64 {
    let k = COLS_PER_MONTH as i64;
    months_between(first, day) * k + (day.day() as i64 - 1) * k / days_in_month(day)
}

/// The first month shown when the axis follows the selection: pages of `months` months
/// laid from a quarter page before today's month, the page holding `start` (the selected
/// catalyst's first day). Paging, not centring, keeps the chart still while `j`/`k` move
/// within a page; it is a function of the selection alone, so drawing needs no scroll state.
pub fn page_start(today: NaiveDate, start: NaiveDate, months: usize) -> NaiveDate {
    let months = months.max(1) as i64;
    let base = add_months(first_of_month(today), -(months / 4));
    let page = months_between(base, start).div_euclid(months);
    add_months(base, page * months)
}

/// Where the chart's columns go, worked out once per frame.
#[derive(Clone, Copy)]
struct Layout {
    /// The first month on the axis.
    first: NaiveDate,
    /// Columns of the bars.
    bars: usize,
    /// Columns of the title beside the date label (0: none).
    title_width: usize,
    /// The selected catalyst, if in the list.
    selected: Option<usize>,
}

/// What the chart draws: the glyphs it used, for the legend.
#[derive(Default, Clone, Copy)]
struct Used {
    upcoming: bool,
    past: bool,
    day: bool,
    past_day: bool,
    today: bool,
    beyond: bool,
    /// No catalyst of the list overlaps the months on screen (panned away from them all).
    none_in_view: bool,
}

impl CatalystChart<'_> {
    /// One catalyst's bar in `width` cells from `first`: (glyph, style) per cell, `None`
    /// for an empty cell.
    fn bar(
        &self,
        c: CatalystId,
        first: NaiveDate,
        width: usize,
        used: &mut Used,
    ) -> Vec<Option<(char, Style)>> {
        let theme = self.theme;
        let mut cells = vec![None; width];
        if width == 0 {
            return cells;
        }
        let (a, b) = self.index.range(c);
        let timing = self.index.countdown(c, self.today).timing();
        let (ca, cb) = (column(first, a), column(first, b));
        let today_col = column(first, self.today);
        let last = width as i64 - 1;
        let glyph = |x: i64, used: &mut Used| -> (char, Style) {
            if a == b {
                if timing.is_past() {
                    used.past_day = true;
                    (PAST_DAY, theme.past())
                } else {
                    used.day = true;
                    (DAY, theme.now())
                }
            } else if timing.is_past() || matches!(timing, Timing::Now) && x < today_col {
                used.past = true;
                (PAST, theme.past())
            } else {
                used.upcoming = true;
                (UPCOMING, theme.accent())
            }
        };
        if cb < 0 {
            used.beyond = true;
            cells[0] = Some((BEFORE, theme.muted()));
        } else if ca > last {
            used.beyond = true;
            cells[width - 1] = Some((AFTER, theme.muted()));
        } else {
            for x in ca.max(0)..=cb.min(last) {
                cells[x as usize] = Some(glyph(x, used));
            }
            if ca < 0 {
                used.beyond = true;
                cells[0] = Some((BEFORE, theme.muted()));
            }
            if cb > last {
                used.beyond = true;
                cells[width - 1] = Some((AFTER, theme.muted()));
            }
        }
        if (0..=last).contains(&today_col) && cells[today_col as usize].is_none() {
            used.today = true;
            cells[today_col as usize] = Some((TODAY, theme.today()));
        }
        cells
    }

    /// The bar rows of `rows` catalysts from position `top`, and the glyphs they use.
    fn rows(&self, layout: &Layout, top: usize, rows: usize) -> (Vec<Line<'static>>, Used) {
        let theme = self.theme;
        let Layout {
            first,
            bars,
            title_width,
            selected,
        } = *layout;
        let mut used = Used::default();
        let mut lines = Vec::new();
        for (i, &c) in self.list.iter().enumerate().skip(top).take(rows) {
            let cat = self.index.catalyst(c);
            let timing = self.index.countdown(c, self.today).timing();
            let style = match timing {
                Timing::Past(_) => theme.past(),
                Timing::Now => theme.now(),
                Timing::Upcoming(_) => Style::new(),
            };
            let is_selected = Some(i) == selected;
            let marker = match (is_selected, self.focused) {
                (false, _) => "  ",
                (true, true) => "▶ ",
                (true, false) => "› ",
            };
            let label_style = if !is_selected {
                style
            } else if self.focused {
                theme.selected()
            } else {
                theme.selected_idle()
            };
            let mut label = format!(
                "{marker}{} {}",
                timing_mark(timing),
                cell(&cat.date.label(), DATE_WIDTH)
            );
            if title_width > 0 {
                label.push(' ');
                label.push_str(&cell(&clean(&cat.title), title_width - 1));
            }
            let mut spans = vec![Span::styled(label, label_style), Span::raw(" ")];
            for cell in self.bar(c, first, bars, &mut used) {
                spans.push(match cell {
                    Some((glyph, style)) => Span::styled(glyph.to_string(), style),
                    None => Span::raw(" "),
                });
            }
            lines.push(Line::from(spans));
        }
        (lines, used)
    }

    /// The year and month-initial rows of the axis, `months` months from `first`.
    fn axis(&self, first: NaiveDate, months: usize, pad: usize) -> [Line<'static>; 2] {
        let k = COLS_PER_MONTH;
        let mut years = vec![' '; months * k];
        let mut initials = String::new();
        // Where the next year label may start: one blank after the last.
        let mut free = 0;
        for i in 0..months {
            let m = add_months(first, i as i64);
            let initial = "JFMAMJJASOND".as_bytes()[m.month0() as usize] as char;
            initials.push_str(&cell(&initial.to_string(), k));
            if m.month() != 1 && i > 0 {
                continue;
            }
            // Each year is labelled over its own months: `2026`, or `'26` where two months
            // leave no room. The first year always is, even over a lone December (the next
            // label then starts one month late), so no month on screen is of an unsaid year.
            let end = (i + (13 - m.month() as usize).min(months - i)) * k;
            let start = free.max(i * k);
            let room = end.saturating_sub(start);
            let label = match room {
                5.. => m.year().to_string(),
                _ if room >= 3 || i == 0 => format!("'{:02}", m.year().rem_euclid(100)),
                _ => continue,
            };
            for (at, c) in (start..years.len()).zip(label.chars()) {
                years[at] = c;
                free = at + 2;
            }
        }
        // The scale goes where the year row has no label to show.
        let scale = cell(" ½ month a column", pad);
        let lead = " ".repeat(pad);
        let mut top = vec![Span::styled(scale, self.theme.muted())];
        // The today line starts in the year row, where no year label is in its way.
        let today = usize::try_from(column(first, self.today))
            .ok()
            .filter(|&x| years.get(x) == Some(&' '));
        match today {
            Some(x) => {
                let before: String = years[..x].iter().collect();
                let after: String = years[x + 1..].iter().collect();
                top.push(Span::styled(before, self.theme.title()));
                top.push(Span::styled(TODAY.to_string(), self.theme.today()));
                top.push(Span::styled(after, self.theme.title()));
            }
            None => top.push(Span::styled(
                years.into_iter().collect::<String>(),
                self.theme.title(),
            )),
        }
        [
            Line::from(top),
            Line::styled(format!("{lead}{initials}"), self.theme.muted()),
        ]
    }

    /// The legend: only the glyphs drawn, then the scale.
    fn legend(&self, used: &Used) -> String {
        let today = self.today;
        let mut parts = Vec::new();
        if used.none_in_view {
            parts.push("none in these months".to_string());
        }
        if used.upcoming {
            parts.push(format!("{UPCOMING} upcoming"));
        }
        if used.past {
            parts.push(format!("{PAST} past"));
        }
        if used.day {
            parts.push(format!("{DAY} day"));
        }
        if used.past_day {
            parts.push(format!("{PAST_DAY} past day"));
        }
        if used.today {
            parts.push(format!("{TODAY} today {}", today.format("%-d %b")));
        }
        if used.beyond {
            parts.push(format!("{BEFORE}{AFTER} off view"));
        }
        parts.extend(self.details_hint.clone());
        parts.join("  ")
    }
}

/// What the chart draws inside its border: the bar rows from catalyst `top` down, the
/// glyphs they use and the rows its legend takes.
struct Drawn {
    first: NaiveDate,
    months: usize,
    label_width: usize,
    top: usize,
    bars: Vec<Line<'static>>,
    used: Used,
    legend_rows: usize,
}

impl CatalystChart<'_> {
    /// The bars and legend the chart shows in `inner` (the rows inside its border); `None`
    /// with no catalyst to chart.
    fn drawn(&self, inner: Rect) -> Option<Drawn> {
        if self.list.is_empty() {
            return None;
        }
        let width = inner.width as usize;
        let title_width = if width >= TITLE_FROM {
            ((width - LABEL_WIDTH) / 3).min(36)
        } else {
            0
        };
        let label_width = LABEL_WIDTH + title_width;
        let bars = width.saturating_sub(label_width);
        let months = (bars / COLS_PER_MONTH).max(1);
        let bars = bars.min(months * COLS_PER_MONTH);
        let selected = self.selected.filter(|&s| s < self.list.len());
        let anchor = selected.map_or(self.today, |s| self.index.range(self.list[s]).0);
        let first = add_months(page_start(self.today, anchor, months), self.pan as i64);
        let layout = Layout {
            first,
            bars,
            title_width,
            selected,
        };
        // Panned away from every catalyst: the legend says so, not just `← →`.
        let end = add_months(first, months as i64);
        let none_in_view = !self.list.iter().any(|&c| {
            let (a, b) = self.index.range(c);
            b >= first && a < end
        });
        // One legend row when the glyphs drawn fit one, else two (with fewer bar rows).
        let height = inner.height as usize;
        let window = |legend: usize| {
            let rows = height.saturating_sub(AXIS_ROWS + legend);
            let top = list::window(selected.unwrap_or(0), self.list.len(), rows);
            let (lines, mut used) = self.rows(&layout, top, rows);
            used.none_in_view = none_in_view;
            let legend = super::text::wrap(&self.legend(&used), width);
            (top, lines, used, legend.len())
        };
        let (mut top, mut bars, mut used, needed) = window(1);
        let mut legend_rows = 1;
        if needed > 1 && height > AXIS_ROWS + 3 {
            (top, bars, used, _) = window(2);
            legend_rows = 2;
        }
        Some(Drawn {
            first,
            months,
            label_width,
            top,
            bars,
            used,
            legend_rows,
        })
    }

    /// Where the chart drawn in `area` puts its bar rows: each selects its catalyst when
    /// clicked.
    pub fn shape(&self, area: Rect) -> Shape {
        let inner = super::pane::inner(area);
        let Some(drawn) = self.drawn(inner) else {
            return Shape::default();
        };
        let bars = Rect {
            y: inner.y + AXIS_ROWS as u16,
            height: inner.height.saturating_sub(AXIS_ROWS as u16),
            ..inner
        };
        let top = drawn.top;
        Shape::list(bars, 0, drawn.bars.iter().map(|_| 1), &|i| Some(top + i))
    }
}

impl Widget for CatalystChart<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let inner = pane::draw(self.title.clone(), self.focused, theme, area, buf);
        let width = inner.width as usize;
        let Some(drawn) = self.drawn(inner) else {
            let line = Line::styled(fit(&format!("  {}", self.empty), width), theme.muted());
            Paragraph::new(line).render(inner, buf);
            return;
        };
        let Drawn {
            first,
            months,
            label_width,
            bars,
            used,
            legend_rows,
            ..
        } = drawn;
        let mut lines: Vec<Line<'static>> = self.axis(first, months, label_width).into();
        lines.extend(bars);
        let legend =
            super::text::clipped(&[(self.legend(&used), theme.muted())], width, legend_rows);
        let body = (inner.height as usize).saturating_sub(legend_rows);
        lines.resize(body, Line::default());
        lines.extend(legend);
        Paragraph::new(lines).render(inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_month_takes_two_columns_and_a_day_one() {
        let first = day(2026, 1, 1);
        assert_eq!(column(first, day(2026, 1, 1)), 0);
        assert_eq!(column(first, day(2026, 1, 31)), 1);
        assert_eq!(column(first, day(2026, 2, 1)), 2);
        assert_eq!(column(first, day(2025, 12, 31)), -1);
        // A fiscal year (April to March) spans twenty-four columns.
        let fy = column(first, day(2027, 3, 31)) - column(first, day(2026, 4, 1)) + 1;
        assert_eq!(fy, 24);
    }

    #[test]
    fn pages_hold_the_selection_and_start_before_today() {
        let today = day(2026, 11, 21);
        for start in [
            day(2025, 9, 1),
            day(2026, 12, 5),
            day(2027, 1, 1),
            day(2031, 3, 31),
        ] {
            let first = page_start(today, start, 25);
            let at = months_between(first, start);
            assert!((0..25).contains(&at), "{start}: page from {first}");
        }
        // The page holding today opens a quarter page before it.
        assert_eq!(page_start(today, today, 24), day(2026, 5, 1));
    }
}
