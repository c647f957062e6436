//! When a catalyst is "due": the first or last day of its window falls between today and a
//! horizon. A window that opens in three weeks and one that closes in three weeks are both
//! things a trader wants to hear about, and they are told apart.

use chrono::{Days, NaiveDate};

use crate::model::{Countdown, When};

/// Which end of a catalyst's window is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Edge {
    /// A one-day date.
    On,
    /// The first possible day of a wider window.
    Opens,
    /// The last possible day of a wider window.
    Closes,
}

impl Edge {
    /// The word printed and put in JSON: `on`, `opens`, `closes`.
    pub fn as_str(self) -> &'static str {
        match self {
            Edge::On => "on",
            Edge::Opens => "opens",
            Edge::Closes => "closes",
        }
    }
}

/// When an end of a catalyst's window falls, in words that claim no more than the date:
/// `in 5 days` or `today` for a one-day date (`edge` `on`), `opens in 32 days` or
/// `closes today` for an end of a wider window. Printed beside the window's label (`2027`),
/// never in place of it: the day a year opens is not the date of what happens in it.
pub fn when_text(edge: &str, days: i64) -> String {
    let count = Countdown {
        days_until: days,
        days_until_end: days,
    }
    .long();
    match edge {
        "on" => count,
        other => format!("{other} {count}"),
    }
}

/// One end of a window falling due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Due {
    /// The day.
    pub day: NaiveDate,
    /// Which end it is.
    pub edge: Edge,
}

impl Due {
    /// Days from `today` to the day (0 for today).
    pub fn days(self, today: NaiveDate) -> i64 {
        (self.day - today).num_days()
    }
}

/// Whether `day` falls within `today ..= today + horizon` days.
fn within(day: NaiveDate, today: NaiveDate, horizon: u32) -> bool {
    let last = today
        .checked_add_days(Days::new(horizon.into()))
        .unwrap_or(NaiveDate::MAX);
    today <= day && day <= last
}

/// Whether [`edges`] finds any end of the date whose first and last days are `range`
/// (a list filter asks this of every catalyst, from the ranges the index keeps).
pub fn has_edge((start, end): (NaiveDate, NaiveDate), today: NaiveDate, horizon: u32) -> bool {
    within(start, today, horizon) || within(end, today, horizon)
}

/// The ends of `when` falling within `today ..= today + horizon` days.
pub fn edges(when: &When, today: NaiveDate, horizon: u32) -> Vec<Due> {
    let within = |d: NaiveDate| within(d, today, horizon);
    let (start, end) = when.range();
    if start == end {
        return if within(start) {
            vec![Due {
                day: start,
                edge: Edge::On,
            }]
        } else {
            vec![]
        };
    }
    let mut out = Vec::new();
    if within(start) {
        out.push(Due {
            day: start,
            edge: Edge::Opens,
        });
    }
    if within(end) {
        out.push(Due {
            day: end,
            edge: Edge::Closes,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Part;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_window_is_due_at_either_end() {
        let today = day(2026, 5, 25);
        let early_june = When::Month {
            year: 2026,
            month: 6,
            part: Some(Part::Early),
        };
        assert_eq!(edges(&early_june, today, 5), vec![]);
        assert_eq!(
            edges(&early_june, today, 7),
            vec![Due {
                day: day(2026, 6, 1),
                edge: Edge::Opens
            }]
        );
        assert_eq!(edges(&early_june, today, 30).len(), 2);
        // Already open: only its close can come due.
        let in_june = day(2026, 6, 5);
        assert_eq!(
            edges(&early_june, in_june, 30),
            vec![Due {
                day: day(2026, 6, 10),
                edge: Edge::Closes
            }]
        );
        let one_day = When::Day(today);
        assert_eq!(edges(&one_day, today, 0)[0].edge, Edge::On);
        assert_eq!(edges(&one_day, day(2026, 5, 26), 10), vec![]);
        // A filter asks only whether there is any, from the kept range.
        for (when, today, horizon) in [
            (early_june, today, 5),
            (early_june, today, 7),
            (early_june, in_june, 30),
            (one_day, day(2026, 5, 26), 10),
            (one_day, day(2026, 5, 20), 10),
        ] {
            let any = !edges(&when, today, horizon).is_empty();
            assert_eq!(
                has_edge(when.range(), today, horizon),
                any,
                "{when} {today}"
            );
        }
    }
}
