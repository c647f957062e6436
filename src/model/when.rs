//! Dates that keep the precision their source gave them.
//!
//! A catalyst is rarely "on 2026-06-04"; it is "early June 2026", "2027" or
//! "Japan's fiscal 2026". [`When`] stores exactly that, turns it into the range
//! of days it may fall on, and orders by the earliest of those days.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::{Months, NaiveDate};

/// Which third of a period a source narrowed a date to ("early June", "late 2025").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Part {
    /// First third.
    Early = 0,
    /// Middle third.
    Mid = 1,
    /// Last third.
    Late = 2,
}

impl Part {
    /// The lower-case word used in labels and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Early => "early",
            Part::Mid => "mid",
            Part::Late => "late",
        }
    }

    fn parse(word: &str) -> Option<Part> {
        match word {
            "early" => Some(Part::Early),
            "mid" => Some(Part::Mid),
            "late" => Some(Part::Late),
            _ => None,
        }
    }
}

/// Whose fiscal calendar a fiscal year follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum FiscalCalendar {
    /// Japan: FY2026 runs 1 April 2026 to 31 March 2027.
    Japan,
    /// US federal: FY2026 runs 1 October 2025 to 30 September 2026.
    Us,
}

impl FiscalCalendar {
    /// The two-letter prefix used in labels (`JP FY2026`).
    pub fn prefix(self) -> &'static str {
        match self {
            FiscalCalendar::Japan => "JP",
            FiscalCalendar::Us => "US",
        }
    }
}

/// A date as precise as its source: a day, a month, a quarter, a half, a year or a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum When {
    /// One calendar day.
    Day(NaiveDate),
    /// A month, optionally narrowed to its early, mid or late part.
    Month {
        /// Calendar year.
        year: i32,
        /// Month number, 1 to 12.
        month: u32,
        /// Optional third of the month.
        part: Option<Part>,
    },
    /// A calendar quarter (1 to 4).
    Quarter {
        /// Calendar year.
        year: i32,
        /// Quarter number, 1 to 4.
        quarter: u32,
    },
    /// A calendar half (1 or 2).
    Half {
        /// Calendar year.
        year: i32,
        /// Half number, 1 or 2.
        half: u32,
    },
    /// A calendar year, optionally narrowed ("late 2025").
    Year {
        /// Calendar year.
        year: i32,
        /// Optional third of the year.
        part: Option<Part>,
    },
    /// A fiscal year, optionally narrowed ("early JP FY2026").
    FiscalYear {
        /// Calendar whose fiscal year this is.
        calendar: FiscalCalendar,
        /// The fiscal year's number as its government names it.
        year: i32,
        /// Optional third of the fiscal year.
        part: Option<Part>,
    },
}

/// How precise a [`When`] is; the `precision` field of the JSON schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// A single day.
    Day,
    /// A month or part of one.
    Month,
    /// A quarter.
    Quarter,
    /// A half year.
    Half,
    /// A calendar year or part of one.
    Year,
    /// A fiscal year or part of one.
    FiscalYear,
}

impl Precision {
    /// The snake-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::FiscalYear => "fiscal_year",
        }
    }
}

/// Where a [`When`] lies relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// Starts this many days after today (at least 1).
    Upcoming(i64),
    /// Today lies within its range.
    Now,
    /// Ended this many days before today (at least 1).
    Past(i64),
}

impl Timing {
    /// `upcoming`, `now` or `past`, as in JSON and CSV.
    pub fn status(self) -> &'static str {
        match self {
            Timing::Upcoming(_) => "upcoming",
            Timing::Now => "now",
            Timing::Past(_) => "past",
        }
    }

    /// Whether the date is entirely behind today.
    pub fn is_past(self) -> bool {
        matches!(self, Timing::Past(_))
    }
}

/// How far a date is from today, in words that never claim more precision than the date:
/// the one countdown every view (TUI, text, JSON) prints.
///
/// Only a single day gets a single-day countdown (`in 5 days`). A wider window ("2027",
/// "JP FY2026") that has not opened says when it opens and closes (`in 32–396 days`); one in
/// progress says how long it has left (`now · ends in 121 days`); a past one counts from its
/// last day (`ended 334 days ago`), as `days_until_end` does in JSON and CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    /// Signed days from today to the first possible day (negative once started).
    pub days_until: i64,
    /// Signed days from today to the last possible day (negative once over).
    pub days_until_end: i64,
}

impl Countdown {
    /// The countdown from `today` to a date's first and last possible day (its
    /// [`When::range`], which the index computes once per catalyst).
    pub fn between((start, end): (NaiveDate, NaiveDate), today: NaiveDate) -> Countdown {
        Countdown {
            days_until: (start - today).num_days(),
            days_until_end: (end - today).num_days(),
        }
    }

    /// Whether the date is one day (the only precision a day count can be exact for).
    pub fn is_single_day(self) -> bool {
        self.days_until == self.days_until_end
    }

    /// Where the date lies relative to today.
    pub fn timing(self) -> Timing {
        if self.days_until > 0 {
            Timing::Upcoming(self.days_until)
        } else if self.days_until_end < 0 {
            Timing::Past(-self.days_until_end)
        } else {
            Timing::Now
        }
    }

    /// Full text: `in 5 days`, `today`, `5 days ago` for a day; `in 32–396 days`,
    /// `now · ends in 121 days`, `ended 334 days ago` for a wider window.
    pub fn long(self) -> String {
        let days = |d: i64| if d == 1 { "day" } else { "days" };
        let (first, last) = (self.days_until, self.days_until_end);
        match (self.is_single_day(), self.timing()) {
            (true, Timing::Upcoming(d)) => format!("in {d} {}", days(d)),
            (true, Timing::Now) => "today".to_string(),
            (true, Timing::Past(d)) => format!("{d} {} ago", days(d)),
            (false, Timing::Upcoming(_)) => format!("in {first}–{last} days"),
            (false, Timing::Now) if last == 0 => "now · ends today".to_string(),
            (false, Timing::Now) => format!("now · ends in {last} {}", days(last)),
            (false, Timing::Past(d)) => format!("ended {d} {} ago", days(d)),
        }
    }

    /// Compact text for narrow columns: `in 5d`, `today`, `5d ago` for a day; `in 32–396d`,
    /// `ends 121d`, `≥334d ago` for a wider window.
    pub fn short(self) -> String {
        let (first, last) = (self.days_until, self.days_until_end);
        match (self.is_single_day(), self.timing()) {
            (true, Timing::Upcoming(d)) => format!("in {d}d"),
            (true, Timing::Now) => "today".to_string(),
            (true, Timing::Past(d)) => format!("{d}d ago"),
            (false, Timing::Upcoming(_)) => format!("in {first}–{last}d"),
            (false, Timing::Now) if last == 0 => "ends today".to_string(),
            (false, Timing::Now) => format!("ends {last}d"),
            (false, Timing::Past(d)) => format!("≥{d}d ago"),
        }
    }
}

/// Why a date string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid date {input:?}: {reason} (expected e.g. 2026-04-01, early 2026-06, 2026-Q3, 2026-H1, 2027, late 2025, JP-FY2026)"
)]
pub struct WhenError {
    input: String,
    reason: &'static str,
}

const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("callers keep year, month and day in range")
}

fn month_end(year: i32, month: u32) -> NaiveDate {
    ymd(year, month, 1) + Months::new(1) - chrono::Days::new(1)
}

/// [`When::next_change`] of a date whose first and last possible days are `range`.
pub fn next_change((start, end): (NaiveDate, NaiveDate), today: NaiveDate) -> Option<NaiveDate> {
    if start > today {
        Some(start)
    } else if end >= today {
        Some(end)
    } else {
        None
    }
}

impl When {
    /// First and last day this date may fall on, both inclusive.
    pub fn range(&self) -> (NaiveDate, NaiveDate) {
        match *self {
            When::Day(d) => (d, d),
            When::Month { year, month, part } => {
                let whole = (ymd(year, month, 1), month_end(year, month));
                match part {
                    // A month's thirds are the conventional 1-10, 11-20, 21-end.
                    Some(Part::Early) => (whole.0, ymd(year, month, 10)),
                    Some(Part::Mid) => (ymd(year, month, 11), ymd(year, month, 20)),
                    Some(Part::Late) => (ymd(year, month, 21), whole.1),
                    None => whole,
                }
            }
            When::Quarter { year, quarter } => {
                let first = 3 * (quarter - 1) + 1;
                (ymd(year, first, 1), month_end(year, first + 2))
            }
            When::Half { year, half } => {
                let first = 6 * (half - 1) + 1;
                (ymd(year, first, 1), month_end(year, first + 5))
            }
            When::Year { year, part } => {
                let whole = (ymd(year, 1, 1), ymd(year, 12, 31));
                match part {
                    // Thirds of a year are whole months: Jan-Apr, May-Aug, Sep-Dec.
                    Some(Part::Early) => (whole.0, month_end(year, 4)),
                    Some(Part::Mid) => (ymd(year, 5, 1), month_end(year, 8)),
                    Some(Part::Late) => (ymd(year, 9, 1), whole.1),
                    None => whole,
                }
            }
            When::FiscalYear {
                calendar,
                year,
                part,
            } => {
                let start = match calendar {
                    FiscalCalendar::Japan => ymd(year, 4, 1),
                    FiscalCalendar::Us => ymd(year - 1, 10, 1),
                };
                let end = start + Months::new(12) - chrono::Days::new(1);
                match part {
                    // Thirds of a fiscal year are whole months, as for calendar years.
                    Some(p) => {
                        let from = start + Months::new(4 * p as u32);
                        (from, from + Months::new(4) - chrono::Days::new(1))
                    }
                    None => (start, end),
                }
            }
        }
    }

    /// First day this date may fall on; the sort key.
    pub fn start(&self) -> NaiveDate {
        self.range().0
    }

    /// Last day this date may fall on.
    pub fn end(&self) -> NaiveDate {
        self.range().1
    }

    /// The precision class of this date.
    pub fn precision(&self) -> Precision {
        match self {
            When::Day(_) => Precision::Day,
            When::Month { .. } => Precision::Month,
            When::Quarter { .. } => Precision::Quarter,
            When::Half { .. } => Precision::Half,
            When::Year { .. } => Precision::Year,
            When::FiscalYear { .. } => Precision::FiscalYear,
        }
    }

    /// The early/mid/late narrowing, if any.
    pub fn part(&self) -> Option<Part> {
        match *self {
            When::Month { part, .. } | When::Year { part, .. } | When::FiscalYear { part, .. } => {
                part
            }
            _ => None,
        }
    }

    /// Where this date lies relative to `today`.
    pub fn timing(&self, today: NaiveDate) -> Timing {
        self.countdown(today).timing()
    }

    /// The countdown from `today`, in days to its first and last possible day.
    pub fn countdown(&self, today: NaiveDate) -> Countdown {
        Countdown::between(self.range(), today)
    }

    /// Signed days from `today` to the start (negative once started).
    pub fn days_until(&self, today: NaiveDate) -> i64 {
        (self.start() - today).num_days()
    }

    /// The next day on which something about this date changes, seen from `today`: its first
    /// day while it is ahead, its last day while it is in progress, `None` once it is over.
    /// Ordering by this keeps a year-long window already under way from hiding the next
    /// event that has not started.
    pub fn next_change(&self, today: NaiveDate) -> Option<NaiveDate> {
        next_change(self.range(), today)
    }

    /// The heading a timeline groups this date under: the smallest whole calendar period
    /// that holds it, so no heading claims more than the date (`late 2025` sits under
    /// `2025`, not `September 2025`): `June 2026` for a day or a month, the year for a
    /// quarter, half or year, `JP FY2026` for a fiscal year or part of one.
    pub fn heading(&self) -> String {
        match *self {
            When::Day(d) => d.format("%B %Y").to_string(),
            When::Month { year, month, .. } => ymd(year, month, 1).format("%B %Y").to_string(),
            When::Quarter { year, .. } | When::Half { year, .. } | When::Year { year, .. } => {
                year.to_string()
            }
            When::FiscalYear { calendar, year, .. } => format!("{} FY{year}", calendar.prefix()),
        }
    }

    /// The date itself, then every wider window the data syntax can write that holds all
    /// of it, narrowest first: `2026-06-04` gives early Jun 2026, Jun 2026, Q2 2026, H1 2026,
    /// early 2026, 2026, JP FY2026 and US FY2026. A reviewer fixing a date's precision picks
    /// from these; none is narrower than what the source said.
    pub fn widenings(&self) -> Vec<When> {
        use chrono::Datelike;
        let (first, last) = self.range();
        let y = first.year();
        let m = first.month();
        let third = |day: u32| match day {
            1..=10 => Part::Early,
            11..=20 => Part::Mid,
            _ => Part::Late,
        };
        let mut all = vec![
            *self,
            When::Month {
                year: y,
                month: m,
                part: Some(third(first.day())),
            },
            When::Month {
                year: y,
                month: m,
                part: None,
            },
            When::Quarter {
                year: y,
                quarter: (m - 1) / 3 + 1,
            },
            When::Half {
                year: y,
                half: (m - 1) / 6 + 1,
            },
            When::Year {
                year: y,
                part: Some([Part::Early, Part::Mid, Part::Late][((m - 1) / 4) as usize]),
            },
            When::Year {
                year: y,
                part: None,
            },
        ];
        for calendar in [FiscalCalendar::Japan, FiscalCalendar::Us] {
            let fy = match calendar {
                FiscalCalendar::Japan if m >= 4 => y,
                FiscalCalendar::Japan => y - 1,
                FiscalCalendar::Us if m >= 10 => y + 1,
                FiscalCalendar::Us => y,
            };
            if YEARS.contains(&fy) {
                all.push(When::FiscalYear {
                    calendar,
                    year: fy,
                    part: None,
                });
            }
        }
        let mut out: Vec<When> = Vec::new();
        for w in all {
            let (a, b) = w.range();
            let holds = a <= first && b >= last;
            let wider = out.last().is_none_or(|p| {
                let (pa, pb) = p.range();
                (a, b) != (pa, pb) || w == *self
            });
            if holds && wider && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }

    /// Human label that shows the precision: `1 Apr 2026`, `early Jun 2026`, `Q3 2026`,
    /// `H1 2026`, `2027`, `late 2025`, `JP FY2026`.
    pub fn label(&self) -> String {
        let with_part = |part: Option<Part>, rest: String| match part {
            Some(p) => format!("{} {rest}", p.as_str()),
            None => rest,
        };
        match *self {
            When::Day(d) => d.format("%-d %b %Y").to_string(),
            When::Month { year, month, part } => {
                with_part(part, ymd(year, month, 1).format("%b %Y").to_string())
            }
            When::Quarter { year, quarter } => format!("Q{quarter} {year}"),
            When::Half { year, half } => format!("H{half} {year}"),
            When::Year { year, part } => with_part(part, year.to_string()),
            When::FiscalYear {
                calendar,
                year,
                part,
            } => with_part(part, format!("{} FY{year}", calendar.prefix())),
        }
    }
}

impl Ord for When {
    fn cmp(&self, other: &Self) -> Ordering {
        // Earliest possible day first; among equal starts the narrower date first,
        // then the canonical text so the order is total and stable.
        self.start()
            .cmp(&other.start())
            .then_with(|| self.end().cmp(&other.end()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

impl PartialOrd for When {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for When {
    /// The canonical data-file form, which [`FromStr`] reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.part() {
            write!(f, "{} ", p.as_str())?;
        }
        match *self {
            When::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            When::Month { year, month, .. } => write!(f, "{year:04}-{month:02}"),
            When::Quarter { year, quarter } => write!(f, "{year:04}-Q{quarter}"),
            When::Half { year, half } => write!(f, "{year:04}-H{half}"),
            When::Year { year, .. } => write!(f, "{year:04}"),
            When::FiscalYear { calendar, year, .. } => {
                write!(f, "{}-FY{year:04}", calendar.prefix())
            }
        }
    }
}

fn number<T: FromStr>(s: &str, digits: usize) -> Option<T> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl FromStr for When {
    type Err = WhenError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let err = |reason| WhenError {
            input: input.to_string(),
            reason,
        };
        let text = input.trim();
        let (part, rest) = match text.split_once(' ') {
            Some((word, rest)) => match Part::parse(word) {
                Some(p) => (Some(p), rest.trim()),
                None => return Err(err("unknown qualifier (use early, mid or late)")),
            },
            None => (None, text),
        };
        let year_ok = |y: i32| {
            if YEARS.contains(&y) {
                Ok(y)
            } else {
                Err(err("year out of range 1900-2200"))
            }
        };
        let when = if let Some(fy) = rest
            .strip_prefix("JP-FY")
            .map(|y| (FiscalCalendar::Japan, y))
            .or_else(|| rest.strip_prefix("US-FY").map(|y| (FiscalCalendar::Us, y)))
        {
            let year = number(fy.1, 4).ok_or_else(|| err("fiscal year needs four digits"))?;
            When::FiscalYear {
                calendar: fy.0,
                year: year_ok(year)?,
                part,
            }
        } else {
            let pieces: Vec<&str> = rest.split('-').collect();
            let year: i32 = number(pieces[0], 4).ok_or_else(|| err("year needs four digits"))?;
            let year = year_ok(year)?;
            match pieces[1..] {
                [] => When::Year { year, part },
                [q] if q.starts_with('Q') => {
                    let quarter = number(&q[1..], 1)
                        .filter(|n| (1..=4).contains(n))
                        .ok_or_else(|| err("quarter must be Q1 to Q4"))?;
                    When::Quarter { year, quarter }
                }
                [h] if h.starts_with('H') => {
                    let half = number(&h[1..], 1)
                        .filter(|n| (1..=2).contains(n))
                        .ok_or_else(|| err("half must be H1 or H2"))?;
                    When::Half { year, half }
                }
                [m] => {
                    let month = number(m, 2)
                        .filter(|n| (1..=12).contains(n))
                        .ok_or_else(|| err("month must be 01 to 12"))?;
                    When::Month { year, month, part }
                }
                [m, d] => {
                    let month = number(m, 2).ok_or_else(|| err("month must be two digits"))?;
                    let day = number(d, 2).ok_or_else(|| err("day must be two digits"))?;
                    NaiveDate::from_ymd_opt(year, month, day)
                        .map(When::Day)
                        .ok_or_else(|| err("no such day in the calendar"))?
                }
                _ => return Err(err("too many parts")),
            }
        };
        if part.is_some() && when.part().is_none() {
            return Err(err(
                "early/mid/late only narrow a month, a year or a fiscal year",
            ));
        }
        Ok(when)
    }
}

/// The local date: the default "today" of every command and of undated articles.
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reads a `--today`-style calendar day (`YYYY-MM-DD`).
pub fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("invalid date {s:?}: {e} (expected YYYY-MM-DD)"))
}

/// Month names in lower case, January first: what search queries and articles spell out.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> When {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        parse_day(s).unwrap()
    }

    #[test]
    fn widenings_hold_the_date_and_only_grow() {
        let labels = |s: &str| -> Vec<String> {
            s.parse::<When>()
                .unwrap()
                .widenings()
                .iter()
                .map(When::label)
                .collect()
        };
        assert_eq!(
            labels("2026-06-04"),
            [
                "4 Jun 2026",
                "early Jun 2026",
                "Jun 2026",
                "Q2 2026",
                "H1 2026",
                "mid 2026",
                "2026",
                "JP FY2026",
                "US FY2026"
            ]
        );
        assert_eq!(
            labels("2026-Q3"),
            ["Q3 2026", "H2 2026", "2026", "JP FY2026", "US FY2026"]
        );
        assert_eq!(
            labels("2026-Q4"),
            [
                "Q4 2026",
                "H2 2026",
                "late 2026",
                "2026",
                "JP FY2026",
                "US FY2027"
            ]
        );
        assert_eq!(labels("2027"), ["2027"]);
        assert_eq!(labels("JP-FY2026"), ["JP FY2026"]);
        assert_eq!(
            labels("late 2026-09"),
            [
                "late Sep 2026",
                "Sep 2026",
                "Q3 2026",
                "H2 2026",
                "late 2026",
                "2026",
                "JP FY2026",
                "US FY2026"
            ]
        );
    }

    #[test]
    fn parses_every_precision_and_round_trips() {
        for text in [
            "2026-04-01",
            "2026-06",
            "early 2026-06",
            "mid 2026-06",
            "late 2026-02",
            "2026-Q3",
            "2026-H1",
            "2027",
            "late 2025",
            "JP-FY2026",
            "US-FY2026",
            "early JP-FY2026",
        ] {
            assert_eq!(w(text).to_string(), text, "round trip of {text}");
        }
    }

    #[test]
    fn ranges_follow_the_precision() {
        assert_eq!(
            w("early 2026-06").range(),
            (d("2026-06-01"), d("2026-06-10"))
        );
        assert_eq!(
            w("late 2026-02").range(),
            (d("2026-02-21"), d("2026-02-28"))
        );
        assert_eq!(w("2024-02").range(), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(w("2026-Q3").range(), (d("2026-07-01"), d("2026-09-30")));
        assert_eq!(w("2026-H2").range(), (d("2026-07-01"), d("2026-12-31")));
        assert_eq!(w("late 2025").range(), (d("2025-09-01"), d("2025-12-31")));
        assert_eq!(w("JP-FY2026").range(), (d("2026-04-01"), d("2027-03-31")));
        assert_eq!(w("US-FY2026").range(), (d("2025-10-01"), d("2026-09-30")));
        assert_eq!(
            w("early JP-FY2026").range(),
            (d("2026-04-01"), d("2026-07-31"))
        );
        assert_eq!(
            w("late JP-FY2026").range(),
            (d("2026-12-01"), d("2027-03-31"))
        );
    }

    #[test]
    fn labels_show_the_precision() {
        assert_eq!(w("2026-04-01").label(), "1 Apr 2026");
        assert_eq!(w("early 2026-06").label(), "early Jun 2026");
        assert_eq!(w("2027").label(), "2027");
        assert_eq!(w("JP-FY2026").label(), "JP FY2026");
        assert_eq!(w("2026-Q3").label(), "Q3 2026");
        assert_eq!(w("2026-H1").label(), "H1 2026");
        assert_eq!(w("late 2025").label(), "late 2025");
    }

    #[test]
    fn orders_by_earliest_day_then_narrowest() {
        let mut dates = [
            w("2027"),
            w("early 2026-06"),
            w("JP-FY2026"),
            w("2026-04-01"),
            w("2026-06"),
            w("late 2025"),
            w("US-FY2026"),
        ];
        dates.sort();
        let labels: Vec<String> = dates.iter().map(When::label).collect();
        assert_eq!(
            labels,
            [
                "late 2025",
                "US FY2026",
                "1 Apr 2026",
                "JP FY2026",
                "early Jun 2026",
                "Jun 2026",
                "2027"
            ]
        );
    }

    #[test]
    fn timing_counts_days_from_injected_today() {
        let today = d("2026-11-21");
        assert_eq!(w("2027").timing(today), Timing::Upcoming(41));
        assert_eq!(w("early 2026-06").timing(today), Timing::Past(164));
        assert_eq!(w("JP-FY2026").timing(today), Timing::Now);
        assert_eq!(w("2027").days_until(today), 41);
    }

    #[test]
    fn only_a_day_gets_a_single_day_countdown() {
        let today = d("2026-11-30");
        let long = |s: &str| w(s).countdown(today).long();
        let short = |s: &str| w(s).countdown(today).short();
        assert_eq!(long("2026-12-01"), "in 1 day");
        assert_eq!(long("2026-12-05"), "in 5 days");
        assert_eq!(long("2026-11-30"), "today");
        assert_eq!(long("2026-11-28"), "2 days ago");
        assert_eq!(short("2026-12-05"), "in 5d");
        assert_eq!(short("2026-11-28"), "2d ago");
        // A year not yet started: when it opens and when it closes, never "in 32 days".
        assert_eq!(long("2027"), "in 32–396 days");
        assert_eq!(short("2027"), "in 32–396d");
        // In progress: how long it has left.
        assert_eq!(long("JP-FY2026"), "now · ends in 121 days");
        assert_eq!(short("JP-FY2026"), "ends 121d");
        assert_eq!(long("2026-11"), "now · ends today");
        assert_eq!(long("2026-Q4"), "now · ends in 31 days");
        // Past: counted from its last day, like days_until_end.
        assert_eq!(long("late 2025"), "ended 334 days ago");
        assert_eq!(short("late 2025"), "≥334d ago");
        let c = w("late 2025").countdown(today);
        assert_eq!((c.days_until, c.days_until_end), (-455, -334));
        assert_eq!(c.timing(), Timing::Past(334));
    }

    #[test]
    fn headings_claim_no_more_than_the_date() {
        assert_eq!(w("2026-04-01").heading(), "April 2026");
        assert_eq!(w("early 2026-06").heading(), "June 2026");
        assert_eq!(w("late 2025").heading(), "2025");
        assert_eq!(w("2026-Q3").heading(), "2026");
        assert_eq!(w("early JP-FY2026").heading(), "JP FY2026");
        assert_eq!(w("US-FY2026").heading(), "US FY2026");
    }

    #[test]
    fn next_change_is_the_start_ahead_or_the_end_in_progress() {
        let today = d("2026-11-30");
        assert_eq!(w("2027").next_change(today), Some(d("2027-01-01")));
        assert_eq!(w("JP-FY2026").next_change(today), Some(d("2027-03-31")));
        assert_eq!(w("2026-11-30").next_change(today), Some(today));
        assert_eq!(w("late 2025").next_change(today), None);
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "2026-13",
            "2026-02-30",
            "soon 2026",
            "early 2026-Q1",
            "early 2026-04-01",
            "2026-Q5",
            "2026-H3",
            "26-01-01",
            "JP-FY26",
            "2026-1-1",
            "9999",
            "2026-04-01-02",
        ] {
            assert!(bad.parse::<When>().is_err(), "{bad:?} should be rejected");
        }
    }
}
