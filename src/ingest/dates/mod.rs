//! Dates in text, at the precision written: days, months with early/mid/late, quarters,
//! halves, years with a cue (`by 2027`), fiscal years (Japan's start in April), `next year`
//! and weekdays, resolved against the article's date.

mod cues;
#[cfg(test)]
mod tests;
mod words;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::scan::{Kind, Tokens};
use crate::model::{FiscalCalendar, When};
pub use cues::calendar_cues;
use cues::*;

/// One date found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct DateHit {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset after the end.
    pub end: usize,
    /// The date at the precision written.
    pub when: When,
}

/// What dates are resolved against.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The article's date.
    pub as_of: NaiveDate,
    /// Fiscal calendar when the paragraph does not say whose fiscal year it means; `None`
    /// when the article has named neither Japan nor the US (a French or Indian article's
    /// `the coming fiscal year` is no year aipx models).
    pub fiscal: Option<FiscalCalendar>,
    /// The countries the article has named so far (bits of the entity linker's table): an
    /// Australian release's `2H FY29` in a paragraph that names no country is Australia's.
    pub countries: u32,
}

struct Finder<'t, 'a> {
    t: &'t Tokens<'a>,
    ctx: Context,
    /// Whose fiscal years this paragraph means, decided on the first fiscal year found.
    calendar: std::cell::Cell<Option<FiscalCalendar>>,
    /// The paragraph's Japan and US cues, counted then.
    cues: std::cell::Cell<Option<(usize, usize)>>,
    out: Vec<DateHit>,
}

/// Every date in a paragraph. When a fiscal year needed the paragraph's Japan and US cues,
/// they are added to `cues` (the article's running count).
pub fn find(t: &Tokens, ctx: &Context, cues: &mut (usize, usize)) -> Vec<DateHit> {
    let mut f = Finder {
        t,
        ctx: *ctx,
        calendar: std::cell::Cell::new(None),
        cues: std::cell::Cell::new(None),
        out: Vec::new(),
    };
    let bytes = t.text.as_bytes();
    let mut i = 0;
    while i < t.len() {
        let tok = t.toks[i];
        let worth = match tok.kind {
            Kind::Num => true,
            Kind::Word => may_start_date(&bytes[tok.start..tok.end]),
            Kind::Sym => false,
        };
        i = if worth {
            f.at(i).map_or(i + 1, |last| last + 1)
        } else {
            i + 1
        };
    }
    if let Some((jp, us)) = f.cues.get() {
        *cues = (cues.0 + jp, cues.1 + us);
    }
    f.out
}

impl Finder<'_, '_> {
    fn push(&mut self, first: usize, last: usize, when: When) -> Option<usize> {
        let t = self.t;
        // `The department's fiscal year begins on Oct. 1`: a definition of the year, not a
        // date to watch (but `pass before the fiscal year starts on April 1` is a deadline).
        let mut k = first;
        if k > 0 && t.is_any(k - 1, &["on", "in"]) {
            k -= 1;
        }
        if k >= 2
            && t.is_any(k - 1, &["begins", "starts", "commences", "runs"])
            && t.is(k - 2, "year")
            && !(k.saturating_sub(8)..k - 2)
                .any(|j| t.is_any(j, &["before", "until", "by", "when", "after", "once"]))
        {
            return Some(last);
        }
        // `approved in FY2026`, `launched during 2026`: a period still open, right after a
        // verb in the past, dates what has happened, not what is to come.
        let mut v = first;
        if v > 0 && t.is_any(v - 1, &["in", "during", "for", "this", "earlier"]) {
            v -= 1;
        }
        if v > 0
            && t.kind(v - 1) == Kind::Word
            && cue_tense(t.s(v - 1)) == Tense::Past
            && !t.is_any(v - 1, &["from", "since", "last"])
            && when.start() <= self.ctx.as_of
            && self.ctx.as_of < when.end()
        {
            return Some(last);
        }
        self.out.push(DateHit {
            start: t.toks[first].start,
            end: t.toks[last].end,
            when,
        });
        Some(last)
    }

    /// Tries every form at token `i`; returns the last token used.
    fn at(&mut self, i: usize) -> Option<usize> {
        let t = self.t;
        match t.kind(i) {
            Kind::Num => self.numeric(i),
            Kind::Word => {
                let w = t.s(i).as_bytes();
                if w.len() > 9 {
                    return None;
                }
                if let Some(m) = month(t, i) {
                    return self.month_form(i, m);
                }
                if let Some(w) = weekday(t, i) {
                    return self.weekday_form(i, w);
                }
                // Only FY, fiscal, Q, H, ordinals (English and German), next, this and year
                // start other forms.
                const STARTERS: &[&str] = &[
                    "FY", "fiscal", "Q", "H", "first", "second", "third", "fourth", "next", "this",
                    "year", "ersten", "zweiten", "dritten", "vierten", "latter", "premier",
                ];
                let word = t.s(i);
                if w.len() <= 7 && STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word))
                    || word == "financial"
                {
                    self.word_form(i)
                } else {
                    None
                }
            }
            Kind::Sym => None,
        }
    }

    fn numeric(&mut self, i: usize) -> Option<usize> {
        let t = self.t;
        let glued_after = |k: usize| t.glued(k) && matches!(t.kind(k), Kind::Num | Kind::Word);
        if let Some(y) = year_value(t, i) {
            // 2026-04-01, 2026/04/01
            if matches!(t.sym(i + 1), Some('-' | '/'))
                && t.glued(i + 1)
                && t.glued(i + 2)
                && t.sym(i + 3) == t.sym(i + 1)
                && t.glued(i + 3)
                && t.glued(i + 4)
                && t.s(i + 2).len() <= 2
                && t.s(i + 4).len() <= 2
                && !glued_after(i + 5)
            {
                let (m, d) = (t.number(i + 2)? as u32, t.number(i + 4)? as u32);
                return ymd(y, m, d).and_then(|day| self.push(i, i + 4, When::Day(day)));
            }
            // 2026年4月1日, 2026年4月, 2026年度
            if t.sym(i + 1) == Some('年') {
                if t.sym(i + 2) == Some('度') {
                    return self.fiscal_year(i, i + 2, y, None);
                }
                let m = t.number(i + 2).filter(|_| t.sym(i + 3) == Some('月'))? as u32;
                if let Some(d) = t.number(i + 4).filter(|_| t.sym(i + 5) == Some('日')) {
                    return ymd(y, m, d as u32).and_then(|day| self.push(i, i + 5, When::Day(day)));
                }
                return (1..=12).contains(&m).then(|| {
                    self.push(
                        i,
                        i + 3,
                        When::Month {
                            year: y,
                            month: m,
                            part: None,
                        },
                    )
                })?;
            }
            return self.year_form(i, y);
        }
        // `2H FY29`, `3Q FY2027`: a quarter or half of a fiscal year.
        if t.s(i).len() == 1
            && t.glued(i + 1)
            && t.is_any(i + 1, &["Q", "H"])
            && !t.glued(i + 2)
            && t.is_any(i + 2, &["FY", "fiscal"])
        {
            let n = t.number(i)? as u32;
            let half = t.is(i + 1, "H");
            if n == 0 || n > if half { 2 } else { 4 } {
                return None;
            }
            return self.fiscal_part(i, half, n, i + 2);
        }
        // 3Q26, 1H26
        if t.s(i).len() == 1 && t.glued(i + 1) && t.glued(i + 2) && t.digits(i + 2, 2) {
            let n = t.number(i)? as u32;
            let y = 2000 + t.number(i + 2)? as i32;
            if glued_after(i + 3) {
                return None;
            }
            return match t.s(i + 1) {
                "Q" if (1..=4).contains(&n) => self.push(
                    i,
                    i + 2,
                    When::Quarter {
                        year: y,
                        quarter: n,
                    },
                ),
                "H" if (1..=2).contains(&n) => self.push(i, i + 2, When::Half { year: y, half: n }),
                _ => None,
            };
        }
        // 1 April 2026, 1 April, and the German and Nordic `3. November 2026`
        let dot = usize::from(t.sym(i + 1) == Some('.') && t.glued(i + 1));
        if (t.s(i).len() <= 2 && t.toks[i].space || i == 0)
            && let Some(m) = month(t, i + 1 + dot)
        {
            let d = t.number(i)? as u32;
            let at = i + 1 + dot;
            let (year, last) = match year_value(t, at + 1) {
                Some(y) => (y, at + 1),
                None => (year_for(&self.ctx, m, d, tense(t, i)), at),
            };
            return ymd(year, m, d).and_then(|day| self.push(i, last, When::Day(day)));
        }
        None
    }

    /// A four-digit year at `i`: with a qualifier, a cue, or as part of a range.
    fn year_form(&mut self, i: usize, y: i32) -> Option<usize> {
        let t = self.t;
        let glued = t.glued(i + 1) && matches!(t.kind(i + 1), Kind::Num | Kind::Word);
        if glued || t.is_any(i + 1, PERIOD) {
            return None;
        }
        let part = part_before(t, i);
        let first = part.map_or(i, |p| p.1);
        // `2030-31`, `2026/27`: one fiscal year written by the two calendar years it spans
        // (India, Canada, the UK, Australia), read as the year it ends in, and as history
        // once it has ended (March, or June in an Australian paragraph).
        if part.is_none()
            && matches!(t.sym(i + 1), Some('-' | '–' | '/'))
            && t.glued(i + 1)
            && t.glued(i + 2)
            && t.digits(i + 2, 2)
            && t.number(i + 2).is_some_and(|e| e as i32 == (y + 1) % 100)
            && !(t.glued(i + 3) && matches!(t.kind(i + 3), Kind::Num | Kind::Word))
            && !(t.glued(i + 3) && matches!(t.sym(i + 3), Some('-' | '/')))
        {
            let end_month = match words::own_fiscal_country(t) {
                Some(words::Own::Australia) => 6,
                _ => 3,
            };
            let ended = ymd(y + 1, end_month, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .is_some_and(|d| d <= self.ctx.as_of);
            if ended {
                return Some(i + 2);
            }
            let shown = if first > 0 && t.is_any(first - 1, &["by", "through", "until", "till"]) {
                first - 1
            } else {
                first
            };
            return self.push(
                shown,
                i + 2,
                When::Year {
                    year: y + 1,
                    part: None,
                },
            );
        }
        let range_end =
            (matches!(t.sym(i + 1), Some('-' | '–')) && t.glued(i + 1) && t.glued(i + 2))
                .then(|| {
                    year_value(t, i + 2).or_else(|| {
                        t.digits(i + 2, 2)
                            .then(|| y / 100 * 100 + t.number(i + 2).unwrap_or(0.0) as i32)
                    })
                })
                .flatten()
                .filter(|&e| e > y && e <= y + 30);
        // `2027 onward`: a cue after the year.
        let onward = t.is_any(i + 1, &["onward", "onwards"]);
        if part.is_none() && words::money_for_year(t, first) {
            return None;
        }
        if part.is_none() && !cue_before(t, first) && range_end.is_none() && !onward {
            return None;
        }
        if part.is_none()
            && cue_before(t, first)
            && t.is(first - 1, "and")
            && !self.after_between(first - 1)
        {
            return None;
        }
        // "by 2027", "through 2030": the cue says what kind of date it is, so it stays.
        let shown = if part.is_none()
            && first > 0
            && t.is_any(
                first - 1,
                &[
                    "by", "through", "until", "till", "before", "after", "since", "spring",
                    "summer", "autumn", "fall", "winter", "calendar",
                ],
            ) {
            first - 1
        } else {
            first
        };
        let mut last = self.push(
            shown,
            i,
            When::Year {
                year: y,
                part: part.map(|p| p.0),
            },
        )?;
        if let Some(e) = range_end {
            last = self.push(
                i + 2,
                i + 2,
                When::Year {
                    year: e,
                    part: None,
                },
            )?;
        }
        Some(last)
    }

    fn after_between(&self, and: usize) -> bool {
        (and.saturating_sub(4)..and).any(|k| self.t.is(k, "between"))
    }

    fn month_form(&mut self, i: usize, m: u32) -> Option<usize> {
        let t = self.t;
        let mut j = i + 1;
        // `the March quarter of 2027`, as Australian and Indian releases name the quarter
        // ending that month.
        if m.is_multiple_of(3) && t.is(j, "quarter") {
            let k = if t.is(j + 1, "of") { j + 2 } else { j + 1 };
            let quarter = m / 3;
            let (year, last) = match year_value(t, k) {
                Some(y) => (y, k),
                None => (year_for(&self.ctx, m - 1, 15, tense(t, i)), j),
            };
            // `June quarter results` is a reporting period.
            if t.is_any(last + 1, PERIOD) {
                return None;
            }
            let first = t.start_before(i, &["the"]);
            return self.push(first, last, When::Quarter { year, quarter });
        }
        // "Sept. 30": only an abbreviation takes a full stop.
        if t.sym(j) == Some('.') && t.glued(j) && t.s(i).len() <= 4 {
            j += 1;
        }
        // April 1, 2026 / April 1
        if t.kind(j) == Kind::Num && t.s(j).len() <= 2 {
            let d = t.number(j)? as u32;
            let mut k = j + 1;
            if t.glued(k) && t.is_any(k, &["st", "nd", "rd", "th"]) {
                k += 1;
            }
            if t.sym(k) == Some(',') {
                k += 1;
            }
            let (year, last) = match year_value(t, k) {
                Some(y) => (y, k),
                None => (year_for(&self.ctx, m, d, tense(t, i)), j),
            };
            return ymd(year, m, d).and_then(|day| self.push(i, last, When::Day(day)));
        }
        let part = part_before(t, i);
        let first = part.map_or(i, |p| p.1);
        let when = |year| When::Month {
            year,
            month: m,
            part: part.map(|p| p.0),
        };
        // April 2026, April, 2026
        let k = if t.sym(j) == Some(',') { j + 1 } else { j };
        if let Some(y) = year_value(t, k) {
            return self.push(first, k, when(y));
        }
        if t.is(j, "next") && t.is(j + 1, "year") {
            return self.push(first, j + 1, when(self.ctx.as_of.year() + 1));
        }
        if t.is(j, "this") && t.is(j + 1, "year") {
            return self.push(first, j + 1, when(self.ctx.as_of.year()));
        }
        if part.is_none() && !cue_before(t, first) {
            return None;
        }
        let y = self.ctx.as_of.year();
        let year = match first.checked_sub(1).map(|k| t.lower(k)) {
            Some(w) if w.as_str() == "next" => {
                if m > self.ctx.as_of.month() {
                    y
                } else {
                    y + 1
                }
            }
            Some(w) if w.as_str() == "last" => {
                if m < self.ctx.as_of.month() {
                    y
                } else {
                    y - 1
                }
            }
            Some(w) if w.as_str() == "this" => y,
            _ => year_for(&self.ctx, m, 0, tense(t, i)),
        };
        self.push(first, i, when(year))
    }

    fn weekday_form(&mut self, i: usize, w: Weekday) -> Option<usize> {
        let t = self.t;
        // "Tuesday, March 4" is dated by the date that follows.
        let next = if t.sym(i + 1) == Some(',') {
            i + 2
        } else {
            i + 1
        };
        if month(t, next).is_some() || t.kind(next) == Kind::Num {
            return None;
        }
        let as_of = self.ctx.as_of;
        let day = match tense(t, i) {
            Tense::Future => (1..=7)
                .map(|n| as_of + Days::new(n))
                .find(|d| d.weekday() == w),
            _ => (0..7)
                .map(|n| as_of - Days::new(n))
                .find(|d| d.weekday() == w),
        }?;
        let first = if t.is(i - usize::from(i > 0), "on") && i > 0 {
            i - 1
        } else {
            i
        };
        self.push(first, i, When::Day(day))
    }
}
