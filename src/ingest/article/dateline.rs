//! The article's own date: a `Date:`/`Published:` line or a press-release dateline near its
//! top.

use chrono::NaiveDate;

use super::HEAD_LINES;
use crate::ingest::dates;
use crate::ingest::scan::Tokens;
use crate::model::{FiscalCalendar, When};

/// Finds the article's date in its first lines: a `Date:`/`Published:` line, or a
/// press-release dateline (`TOKYO, March 2, 2026 --`). Dates without a year take the year
/// nearest `near`.
pub fn find_date_line<'a>(
    lines: impl Iterator<Item = &'a str>,
    near: NaiveDate,
) -> Option<NaiveDate> {
    lines
        .take(HEAD_LINES)
        .find_map(|line| date_line(line, near))
}

const DATE_WORDS: &[&str] = &[
    "date",
    "published",
    "posted",
    "updated",
    "publication date",
    "released",
    "issued",
    "dated",
];

/// The date a single line states, if it is a date line.
pub fn date_line(line: &str, near: NaiveDate) -> Option<NaiveDate> {
    let mut trimmed = line.trim().trim_start_matches(['#', '*', '_', '>', ' ']);
    // A dateline opens a long first paragraph: only its start matters.
    if trimmed.len() > 200 {
        let mut cut = 200;
        while !trimmed.is_char_boundary(cut) {
            cut -= 1;
        }
        trimmed = &trimmed[..cut];
    }
    let lower = trimmed.to_ascii_lowercase();
    let keyword = DATE_WORDS
        .iter()
        .any(|w| lower.starts_with(w) && lower[w.len()..].starts_with([':', ' ']));
    let t = Tokens::new(trimmed);
    let ctx = dates::Context {
        as_of: near,
        fiscal: Some(FiscalCalendar::Japan),
        countries: 0,
    };
    let hit = dates::find(&t, &ctx, &mut (0, 0))
        .into_iter()
        .find(|d| matches!(d.when, When::Day(_)))?;
    let When::Day(mut day) = hit.when else {
        return None;
    };
    // A dateline without a year (`SEOUL, Jan 22`) is the latest such day up to `near`: an
    // article is not dated after the day it is read against.
    if !trimmed[hit.start..hit.end].contains(&day.format("%Y").to_string()) {
        while day > near {
            match day.checked_sub_months(chrono::Months::new(12)) {
                Some(d) => day = d,
                None => break,
            }
        }
    }
    if keyword {
        return Some(day);
    }
    // A dateline: a place, a comma, the date, then a dash, a slash or the end.
    let before = &trimmed[..hit.start];
    let after = trimmed[hit.end..].trim_start();
    let place = before.is_empty()
        || before.ends_with(", ")
            && before.starts_with(|c: char| c.is_uppercase())
            && before
                .chars()
                .all(|c| c.is_alphabetic() || " ,.'-".contains(c));
    let weekday_only = before.split_whitespace().count() <= 1;
    let tail = after.is_empty()
        || ["/", "--", "—", "–", "-", "("]
            .iter()
            .any(|s| after.starts_with(s));
    (place || weekday_only && before.ends_with(", "))
        .then_some(())
        .filter(|_| tail)?;
    Some(day)
}
