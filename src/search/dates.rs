//! Dates in a search query: `2027`, `june`, `jun 2026`, `fy2026`, `q3`, `early june`,
//! `2026-Q3`. A query that names a period finds the catalysts whose whole window lies in it
//! (`june` finds early June 2026 but not the fiscal year that contains it); the query's other
//! words then narrow those by title (`genesis june`).

use std::str::FromStr;

use chrono::Datelike;

use crate::model::{FiscalCalendar, Part, When};

/// A period named in a query, fixed (`jun 2026`) or recurring every year (`june`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// The period for a given year; `None` for a fixed one.
    shape: Shape,
    /// The fixed periods (several when the calendar is open: `fy2026` is Japan's or the US's).
    fixed: Vec<When>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Fixed,
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
            let y = yr?;
            let calendars = match cal {
                Some(c) => vec![c],
                None => vec![FiscalCalendar::Japan, FiscalCalendar::Us],
            };
            let fixed = calendars
                .into_iter()
                .map(|calendar| When::FiscalYear {
                    calendar,
                    year: y,
                    part,
                })
                .collect();
            period(Shape::Fixed, fixed)
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
    /// Whether a window from day `first` to day `last` (days from the common era) lies wholly
    /// inside this period.
    pub fn contains(&self, first: i32, last: i32) -> bool {
        let day = |n: i32| chrono::NaiveDate::from_num_days_from_ce_opt(n);
        let (Some(from), Some(to)) = (day(first), day(last)) else {
            return false;
        };
        let inside = |w: When| {
            let (a, b) = w.range();
            a <= from && to <= b
        };
        match self.shape {
            Shape::Fixed => self.fixed.iter().any(|&w| inside(w)),
            // A window inside a recurring period lies inside that year's.
            shape => {
                let year = from.year();
                if to.year() != year {
                    return false;
                }
                match shape {
                    Shape::Month(month, part) => inside(When::Month { year, month, part }),
                    Shape::Quarter(quarter) => inside(When::Quarter { year, quarter }),
                    Shape::Half(half) => inside(When::Half { year, half }),
                    Shape::Fixed => unreachable!("handled above"),
                }
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

    fn finds(query: &str, when: &str) -> bool {
        let q = DateQuery::parse(query).unwrap_or_else(|| panic!("{query} names a date"));
        let (a, b) = days(when);
        q.period.contains(a, b)
    }

    #[test]
    fn queries_name_the_windows_inside_them() {
        for (query, when) in [
            ("2027", "2027"),
            ("2027", "2027-03-31"),
            ("june", "early 2026-06"),
            ("Jun 2026", "early 2026-06"),
            ("early june", "early 2026-06"),
            ("fy2026", "JP-FY2026"),
            ("FY2026", "early JP-FY2026"),
            ("jp fy2026", "JP-FY2026"),
            ("q3", "2026-08"),
            ("2026-Q3", "2026-09-30"),
            ("late 2025", "2025-12"),
            ("h1", "2026-04-01"),
            ("early 2026-06", "2026-06-03"),
        ] {
            assert!(finds(query, when), "{query} finds {when}");
        }
        for (query, when) in [
            ("2026", "JP-FY2026"),
            ("june", "2026"),
            ("early june", "late 2026-06"),
            ("us fy2026", "JP-FY2026"),
            ("q3", "2026-10"),
            ("2027", "2026-12-31"),
        ] {
            assert!(!finds(query, when), "{query} does not find {when}");
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
