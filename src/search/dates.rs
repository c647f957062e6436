//! Dates in a search query: `2027`, `june`, `jun 2026`, `fy2026`, `q3`, `early june`,
//! `2026-Q3`, `h2 2026`, `late 2025`. A query that names a period finds the catalysts that may
//! fall in it: every window that overlaps it (`sep 2026` finds a `2026-Q3` window, which may
//! well be September), those lying wholly inside it first. A recurring period (`june`, `q3`)
//! is that period of any year. A fiscal year with no calendar (`fy2026`) is ambiguous (Japan's
//! runs April 2026 to March 2027, the US's October 2025 to September 2026), so it finds what
//! is in fiscal 2026 whichever calendar was meant: the catalysts the data dates in a fiscal
//! year 2026 of either calendar, and the windows inside both spans (April to September 2026),
//! not a December 2025 event; `jp fy2026` or `us-fy2026` names one span and finds what
//! overlaps it. The query's other words then narrow those by title (`genesis june`).

use std::str::FromStr;

use chrono::Datelike;

use crate::model::{FiscalCalendar, Part, When};

/// A period named in a query, fixed (`jun 2026`) or recurring every year (`june`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The period for a given year; `Fixed` for a fixed one.
    shape: Shape,
    /// The fixed periods.
    fixed: Vec<When>,
}

/// How a catalyst's window fits a period named in a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// Wholly inside: it falls in the period whenever it falls.
    Inside,
    /// Only partly inside: it may fall in the period.
    Overlaps,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Fixed,
    /// A fiscal year with no calendar named (`fy2026`): the windows the data dates in that
    /// fiscal year of either calendar, or in the given third of it.
    FiscalYear(i32, Option<Part>),
    Month(u32, Option<Part>),
    Quarter(u32),
    Half(u32),
}

/// What a query says about dates, and the words left for matching titles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateQuery {
    /// The period named.
    pub period: Period,
    /// The query's other words, space-separated (empty if the query is all date).
    pub rest: String,
}

/// A month by name or three-letter (or `sept`) abbreviation.
fn month(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    crate::model::MONTHS
        .iter()
        .position(|m| {
            *m == word
                || (word.len() == 3 && m.starts_with(word))
                || word == "sept" && *m == "september"
        })
        .map(|i| i as u32 + 1)
}

fn year(word: &str) -> Option<i32> {
    let y: i32 = word.parse().ok().filter(|_| word.len() == 4)?;
    (1990..=2100).contains(&y).then_some(y)
}

fn numbered(word: &str, prefix: char, max: u32) -> Option<u32> {
    let n: u32 = word.strip_prefix(prefix)?.parse().ok()?;
    (1..=max).contains(&n).then_some(n)
}

/// `fy2026`, `fy26`, `jp-fy2026`, `usfy2026`: the calendar if named, and the year.
fn fiscal(word: &str) -> Option<(Option<FiscalCalendar>, Option<i32>)> {
    let (calendar, rest) = if let Some(r) = word.strip_prefix("jp") {
        (Some(FiscalCalendar::Japan), r)
    } else if let Some(r) = word.strip_prefix("us") {
        (Some(FiscalCalendar::Us), r)
    } else {
        (None, word)
    };
    let digits = rest.trim_start_matches('-').strip_prefix("fy")?;
    if digits.is_empty() {
        return Some((calendar, None));
    }
    let y = match digits.len() {
        2 => 2000 + digits.parse::<i32>().ok()?,
        4 => year(digits)?,
        _ => return None,
    };
    Some((calendar, Some(y)))
}

impl DateQuery {
    /// The date a query names, if any.
    pub fn parse(query: &str) -> Option<DateQuery> {
        let lower = query.to_lowercase();
        let (mut part, mut mon, mut quarter, mut half, mut yr) = (None, None, None, None, None);
        let mut fy: Option<Option<FiscalCalendar>> = None;
        let mut whole: Option<When> = None;
        let mut calendar = None;
        let mut rest: Vec<&str> = Vec::new();
        let words: Vec<&str> = lower.split_whitespace().collect();
        for (n, &w) in words.iter().enumerate() {
            let next = words.get(n + 1).copied().unwrap_or("");
            match w {
                "early" | "mid" | "late" if part.is_none() && !next.is_empty() => {
                    part = Some(match w {
                        "early" => Part::Early,
                        "mid" => Part::Mid,
                        _ => Part::Late,
                    });
                }
                "jp" | "japan" if fiscal(next).is_some() => calendar = Some(FiscalCalendar::Japan),
                "us" if fiscal(next).is_some() => calendar = Some(FiscalCalendar::Us),
                _ => {
                    if let (None, Some(m)) = (mon, month(w)) {
                        mon = Some(m);
                    } else if let (None, Some(y)) = (yr, year(w)) {
                        yr = Some(y);
                    } else if let (None, Some(q)) = (quarter, numbered(w, 'q', 4)) {
                        quarter = Some(q);
                    } else if let (None, Some(h)) = (half, numbered(w, 'h', 2)) {
                        half = Some(h);
                    } else if let (None, Some((cal, y))) = (fy, fiscal(w)) {
                        fy = Some(cal.or(calendar));
                        if let Some(y) = y {
                            yr = yr.or(Some(y));
                        }
                    } else if let (None, Ok(when)) = (whole, When::from_str(&w.to_uppercase())) {
                        whole = Some(when);
                    } else {
                        rest.push(w);
                    }
                }
            }
        }
        // A part word with no period after it is just a word.
        let named = mon.is_some() || quarter.is_some() || half.is_some() || yr.is_some();
        if part.is_some() && !named && whole.is_none() {
            rest.insert(
                0,
                words[words
                    .iter()
                    .position(|w| ["early", "mid", "late"].contains(w))?],
            );
            part = None;
        }
        let rest = rest.join(" ");
        let period = |shape, fixed| Period { shape, fixed };
        let found = if let Some(mut when) = whole {
            if let When::Month { part: p, .. }
            | When::Year { part: p, .. }
            | When::FiscalYear { part: p, .. } = &mut when
            {
                *p = p.or(part);
            }
            period(Shape::Fixed, vec![when])
        } else if let Some(cal) = fy {
            let year = yr?;
            match cal {
                Some(calendar) => period(
                    Shape::Fixed,
                    vec![When::FiscalYear {
                        calendar,
                        year,
                        part,
                    }],
                ),
                None => period(Shape::FiscalYear(year, part), Vec::new()),
            }
        } else if let Some(m) = mon {
            match yr {
                Some(year) => period(
                    Shape::Fixed,
                    vec![When::Month {
                        year,
                        month: m,
                        part,
                    }],
                ),
                None => period(Shape::Month(m, part), Vec::new()),
            }
        } else if let Some(q) = quarter {
            match yr {
                Some(year) => period(Shape::Fixed, vec![When::Quarter { year, quarter: q }]),
                None => period(Shape::Quarter(q), Vec::new()),
            }
        } else if let Some(h) = half {
            match yr {
                Some(year) => period(Shape::Fixed, vec![When::Half { year, half: h }]),
                None => period(Shape::Half(h), Vec::new()),
            }
        } else if let Some(year) = yr {
            period(Shape::Fixed, vec![When::Year { year, part }])
        } else {
            return None;
        };
        Some(DateQuery {
            period: found,
            rest,
        })
    }
}

impl Period {
    /// How a window from day `first` to day `last` (days from the common era) fits this
    /// period, if it may fall in it at all.
    pub fn fit(&self, first: i32, last: i32) -> Option<Fit> {
        let day = |n: i32| chrono::NaiveDate::from_num_days_from_ce_opt(n);
        let (Some(from), Some(to)) = (day(first), day(last)) else {
            return None;
        };
        let fit = |w: When| {
            let (a, b) = w.range();
            if a <= from && to <= b {
                Some(Fit::Inside)
            } else if a <= to && from <= b {
                Some(Fit::Overlaps)
            } else {
                None
            }
        };
        let best = |periods: &mut dyn Iterator<Item = When>| periods.filter_map(fit).min();
        match self.shape {
            Shape::Fixed => best(&mut self.fixed.iter().copied()),
            // A window the data dates in that fiscal year (or a third of one), either
            // calendar's: no calendar period has the same first and last day. Or one inside
            // that fiscal year of both calendars, in it whichever the query meant.
            Shape::FiscalYear(year, part) => {
                // The whole year and its thirds, or the third the query names.
                let parts = [None, Some(Part::Early), Some(Part::Mid), Some(Part::Late)]
                    .into_iter()
                    .filter(|&p| part.is_none() || p == part);
                let of = |calendar| When::FiscalYear {
                    calendar,
                    year,
                    part,
                };
                let calendars = [FiscalCalendar::Japan, FiscalCalendar::Us];
                let dated = calendars
                    .into_iter()
                    .flat_map(|calendar| {
                        parts.clone().map(move |part| When::FiscalYear {
                            calendar,
                            year,
                            part,
                        })
                    })
                    .any(|w| w.range() == (from, to));
                let in_both = calendars
                    .into_iter()
                    .all(|c| fit(of(c)) == Some(Fit::Inside));
                (dated || in_both).then_some(Fit::Inside)
            }
            // That period of every year the window touches (a window spans a year or so).
            shape => {
                let years = from.year()..=to.year().min(from.year() + 2);
                best(&mut years.map(|year| match shape {
                    Shape::Month(month, part) => When::Month { year, month, part },
                    Shape::Quarter(quarter) => When::Quarter { year, quarter },
                    Shape::Half(half) => When::Half { year, half },
                    Shape::Fixed | Shape::FiscalYear(..) => unreachable!("handled above"),
                }))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(when: &str) -> (i32, i32) {
        let (a, b) = When::from_str(when).unwrap().range();
        (a.num_days_from_ce(), b.num_days_from_ce())
    }

    fn fit(query: &str, when: &str) -> Option<Fit> {
        let q = DateQuery::parse(query).unwrap_or_else(|| panic!("{query} names a date"));
        let (a, b) = days(when);
        q.period.fit(a, b)
    }

    #[test]
    fn queries_find_the_windows_inside_the_period_they_name() {
        for (query, when) in [
            ("2027", "2027"),
            ("2027", "2027-03-31"),
            ("june", "early 2026-06"),
            ("Jun 2026", "early 2026-06"),
            ("early june", "early 2026-06"),
            ("jp fy2026", "JP-FY2026"),
            ("JP-FY2026", "2026-06"),
            ("q3", "2026-08"),
            ("2026-Q3", "2026-09-30"),
            ("2026-q3", "2026-07"),
            ("h2 2026", "2026-Q4"),
            ("late 2025", "2025-12"),
            ("late 2025", "late 2025"),
            ("h1", "2026-04-01"),
            ("early 2026-06", "2026-06-03"),
            ("sep 2026", "late 2026-09"),
        ] {
            assert_eq!(fit(query, when), Some(Fit::Inside), "{query} holds {when}");
        }
    }

    #[test]
    fn queries_find_the_windows_that_may_fall_in_the_period() {
        for (query, when) in [
            // September is inside Q3 2026: a Q3 window may be September.
            ("sep 2026", "2026-Q3"),
            ("september 2026", "2026-H2"),
            ("2026", "JP-FY2026"),
            ("2027", "JP-FY2026"),
            ("june", "2026"),
            ("june", "JP-FY2026"),
            ("jun 2026", "early JP-FY2026"),
            ("us fy2026", "JP-FY2026"),
            ("h2 2026", "JP-FY2026"),
            ("late 2025", "US-FY2026"),
            ("q3", "2027"),
        ] {
            assert_eq!(
                fit(query, when),
                Some(Fit::Overlaps),
                "{query} meets {when}"
            );
        }
        for (query, when) in [
            ("early june", "late 2026-06"),
            ("q3", "2026-10"),
            ("2027", "2026-12-31"),
            ("sep 2026", "2026-Q4"),
            ("h2 2026", "2026-H1"),
            ("late 2025", "2026-01"),
            ("jp fy2026", "2026-03"),
            ("us fy2026", "2026-10-01"),
        ] {
            assert_eq!(fit(query, when), None, "{query} misses {when}");
        }
    }

    #[test]
    fn a_fiscal_year_with_no_calendar_finds_the_fiscal_windows_of_that_number() {
        for when in [
            "JP-FY2026",
            "US-FY2026",
            "early JP-FY2026",
            "late US-FY2026",
        ] {
            assert_eq!(
                fit("fy2026", when),
                Some(Fit::Inside),
                "fy2026 finds {when}"
            );
            assert_eq!(fit("FY26", when), Some(Fit::Inside), "FY26 finds {when}");
        }
        // In fiscal 2026 whichever calendar is meant: April to September 2026.
        for when in ["2026-04-01", "early 2026-06", "2026-Q3"] {
            assert_eq!(
                fit("fy2026", when),
                Some(Fit::Inside),
                "fy2026 finds {when}"
            );
        }
        // Inside US FY2026 or JP FY2026 by its days, but not dated in a fiscal year nor inside
        // both: the query does not say which calendar, so it does not claim them.
        for when in [
            "2025-12",
            "late 2025",
            "2027-01",
            "2026",
            "2026-H2",
            "JP-FY2025",
            "US-FY2027",
        ] {
            assert_eq!(fit("fy2026", when), None, "fy2026 misses {when}");
        }
        assert_eq!(fit("early fy2026", "early JP-FY2026"), Some(Fit::Inside));
        assert_eq!(fit("early fy2026", "late JP-FY2026"), None);
        // A named calendar names a span, and what overlaps it is found.
        assert_eq!(fit("us-fy2026", "2025-12"), Some(Fit::Inside));
        assert_eq!(fit("jp fy2026", "2025-12"), None);
        assert_eq!(fit("japan fy2026", "2027-01"), Some(Fit::Inside));
    }

    proptest::proptest! {
        /// Any query, dates in it or not, parses without a panic, and a period it names
        /// fits any window of the data's range without one.
        #[test]
        fn any_query_parses_and_fits_any_window(
            query in "(early |mid |late )?(jun|sep|q[0-9]|h[0-9]|fy[0-9]{2,4}|jp-fy[0-9]{4}|us fy[0-9]{4}|[0-9]{4}(-q[0-9]|-h[0-9]|-[0-9]{2})?|\\PC{0,6})( [0-9]{4}| \\PC{0,4})?",
            first in 693_000i32..770_000,
            length in 0i32..800,
        ) {
            if let Some(q) = DateQuery::parse(&query) {
                let _ = q.period.fit(first, first + length);
            }
        }
    }

    #[test]
    fn other_words_are_left_for_titles() {
        let q = DateQuery::parse("Genesis June").unwrap();
        assert_eq!(q.rest, "genesis");
        assert_eq!(DateQuery::parse("early").map(|q| q.rest), None);
        assert!(DateQuery::parse("softbank").is_none());
        assert!(DateQuery::parse("mid cap").is_none());
        assert_eq!(DateQuery::parse("late cut 2025").unwrap().rest, "cut");
    }
}
