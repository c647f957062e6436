//! Date forms that start with a word: FY2026, fiscal 2026, Q3 2026, the second half of next
//! year, next year, year-end, the fiscal year starting April.

use chrono::{Datelike, Months, NaiveDate};

use super::Finder;
use super::cues::*;
use crate::ingest::scan::Kind;
use crate::model::{FiscalCalendar, Part, When};

impl Finder<'_, '_> {
    pub(super) fn fiscal_year(
        &mut self,
        first: usize,
        last: usize,
        year: i32,
        part: Option<Part>,
    ) -> Option<usize> {
        let Some(calendar) = self.possessor_calendar(first) else {
            return self.own_fiscal_year(first, last, year, part);
        };
        self.push(
            first,
            last,
            When::FiscalYear {
                calendar,
                year,
                part,
            },
        )
    }

    /// `in FY2028` of an Indian (or Australian) paragraph naming neither Japan nor the US:
    /// that country's fiscal year, which aipx reads as the calendar year it ends in (India's
    /// FY2028 runs April 2027 to March 2028), as it reads `2027-28`; history once it has
    /// ended. Only after a cue (`in`, `by`, `from`...): `FY28 earnings` is a period.
    fn own_fiscal_year(
        &mut self,
        first: usize,
        last: usize,
        year: i32,
        part: Option<Part>,
    ) -> Option<usize> {
        let t = self.t;
        let own = own_fiscal_country(t).filter(|_| self.cues.get() == Some((0, 0)))?;
        if part.is_some() || !cue_before(t, first) {
            return None;
        }
        let end_month = match own {
            Own::Australia => 6,
            Own::India => 3,
        };
        let ended = ymd(year, end_month, 1)
            .and_then(|d| d.checked_add_months(Months::new(1)))
            .is_some_and(|d| d <= self.ctx.as_of);
        if ended {
            return Some(last);
        }
        self.push(first, last, When::Year { year, part: None })
    }

    /// The fiscal calendar for a fiscal year at `first`: a company's own fiscal year (`the
    /// company's fiscal 2027`) is not modelled and yields `None`.
    pub(super) fn possessor_calendar(&self, first: usize) -> Option<FiscalCalendar> {
        let t = self.t;
        let mut k = first;
        while k > 0 && t.is_any(k - 1, &["early", "mid", "late", "the", "its", "in"]) {
            k -= 1;
        }
        if k >= 3 && t.is(k - 1, "s") && matches!(t.sym(k - 2), Some('\'' | '’')) {
            let owner = t.s(k - 3);
            return match owner {
                "Japan" | "Tokyo" | "METI" | "government" | "ministry" | "Diet" => {
                    Some(FiscalCalendar::Japan)
                }
                "America" | "Washington" | "Congress" | "Pentagon" => Some(FiscalCalendar::Us),
                "S" | "US" => Some(FiscalCalendar::Us),
                _ => None,
            };
        }
        if k > 0 && t.is_any(k - 1, &["company", "firm", "group"]) {
            return None;
        }
        let calendar = self.paragraph_calendar();
        // An Indian or Australian paragraph's `FY27` is its own country's year (India's
        // FY27 ends in March 2027, Australia's in June 2027), which is not modelled.
        if self.cues.get() == Some((0, 0)) && own_fiscal_country(t).is_some() {
            return None;
        }
        calendar
    }

    pub(super) fn paragraph_calendar(&self) -> Option<FiscalCalendar> {
        if let Some(c) = self.calendar.get() {
            return Some(c);
        }
        let (jp, us) = calendar_cues(self.t);
        self.cues.set(Some((jp, us)));
        let c = match (jp, us) {
            (0, 0) => self.ctx.fiscal?,
            (j, u) if j >= u => FiscalCalendar::Japan,
            _ => FiscalCalendar::Us,
        };
        self.calendar.set(Some(c));
        Some(c)
    }

    /// A quarter or half of a fiscal year (`Q3 FY27`, `the first quarter of fiscal 2027`,
    /// `H1 FY28`) from `first` through the year at `fy`, read as the calendar quarter or half
    /// it is: Japan's FY2026 starts in April 2026, the US federal FY2027 in October 2026, and
    /// in an Indian or Australian paragraph `FY27` is the year ending in March (India, where
    /// companies keep the same year by law) or June 2027 (Australia). A fiscal half that is
    /// no calendar half is its fiscal year where aipx models it, else no date.
    pub(super) fn fiscal_part(
        &mut self,
        first: usize,
        half: bool,
        n: u32,
        fy: usize,
    ) -> Option<usize> {
        let t = self.t;
        // `the fourth quarter of the fiscal year ending March 31, 2027`: the year's end
        // says when it starts, whoever's year it is.
        if t.is(fy, "fiscal")
            && t.is(fy + 1, "year")
            && t.is_any(fy + 2, &["ending", "ended"])
            && let Some((month, year, last)) = end_of_year(t, fy + 3)
        {
            let start = ymd(year - 1, month, 1)? + Months::new(1);
            let from = start + Months::new(if half { 6 } else { 3 } * (n - 1));
            // A quarter or half that is no calendar one (a year ending in October) is no date.
            let when = if !half && from.month() % 3 == 1 {
                When::Quarter {
                    year: from.year(),
                    quarter: (from.month() - 1) / 3 + 1,
                }
            } else if half && matches!(from.month(), 1 | 7) {
                When::Half {
                    year: from.year(),
                    half: from.month().div_ceil(6),
                }
            } else {
                return Some(last);
            };
            return self.push(first, last, when);
        }
        let (year, last) = if t.s(fy) == "FY" {
            let y = year_value(t, fy + 1).or_else(|| {
                t.digits(fy + 1, 2)
                    .then(|| 2000 + t.number(fy + 1).unwrap_or(0.0) as i32)
            })?;
            (y, fy + 1)
        } else {
            let k = if t.is(fy + 1, "year") { fy + 2 } else { fy + 1 };
            (year_value(t, k)?, k)
        };
        if t.glued(last + 1) && matches!(t.kind(last + 1), Kind::Num | Kind::Word)
            || t.glued(last + 1) && matches!(t.sym(last + 1), Some('/' | '-'))
        {
            return None;
        }
        // `Q4 FY27 results`: a reporting period.
        if period_after(t, last + 1) {
            return Some(last);
        }
        let own = own_fiscal_country(t)
            .or_else(|| self.article_own_country())
            .filter(|_| {
                self.paragraph_calendar();
                self.cues.get() == Some((0, 0))
            });
        let calendar = match own {
            Some(_) => None,
            None => Some(self.possessor_calendar(first)?),
        };
        // `In the first quarter of fiscal 2027, Applied expects net revenue ...`: in a
        // paragraph that names neither Japan nor the US, a fiscal quarter that a company's
        // results are forecast for is that company's own.
        if own.is_none() && calendar_cues(t) == (0, 0) && results_in_sentence(t, first) {
            return Some(last);
        }
        let start = match (calendar, own) {
            (Some(FiscalCalendar::Japan), _) => ymd(year, 4, 1)?,
            (Some(FiscalCalendar::Us), _) => ymd(year - 1, 10, 1)?,
            (None, Some(Own::Australia)) => ymd(year - 1, 7, 1)?,
            (None, _) => ymd(year - 1, 4, 1)?,
        };
        let from = start + Months::new(if half { 6 } else { 3 } * (n - 1));
        let when = if !half {
            When::Quarter {
                year: from.year(),
                quarter: (from.month() - 1) / 3 + 1,
            }
        } else if matches!(from.month(), 1 | 7) {
            When::Half {
                year: from.year(),
                half: from.month().div_ceil(6),
            }
        } else if let Some(calendar) = calendar {
            When::FiscalYear {
                calendar,
                year,
                part: None,
            }
        } else {
            return Some(last);
        };
        self.push(first, last, when)
    }

    pub(super) fn word_form(&mut self, i: usize) -> Option<usize> {
        let t = self.t;
        let y = self.ctx.as_of.year();
        let part = part_before(t, i);
        let first = part.map_or(i, |p| p.1);
        // FY2026, FY26, FY 2026
        if t.s(i) == "FY" {
            let n = i + 1;
            let year = year_value(t, n).or_else(|| {
                t.digits(n, 2)
                    .then(|| 2000 + t.number(n).unwrap_or(0.0) as i32)
            })?;
            if t.glued(n + 1) && matches!(t.sym(n + 1), Some('/' | '-')) {
                return None;
            }
            return self.fiscal_year(first, n, year, part.map(|p| p.0));
        }
        // `the fiscal year ending March 31, 2027`, `the financial years ending 31 December
        // 2026 and 2027`: a year named by its last day.
        if t.is_any(i, &["fiscal", "financial"])
            && t.is_any(i + 1, &["year", "years"])
            && t.is_any(i + 2, &["ending", "ended", "ends"])
        {
            return self.year_by_its_end(i, first);
        }
        if t.is(i, "fiscal") {
            let mut n = i + 1;
            if t.is(n, "year") {
                n += 1;
            }
            if let Some(year) = year_value(t, n) {
                if t.glued(n + 1) && matches!(t.sym(n + 1), Some('/' | '-')) {
                    return None;
                }
                return self.fiscal_year(first, n, year, part.map(|p| p.0));
            }
            if t.is(i + 1, "year") {
                return self.fiscal_relative(i, first);
            }
            return None;
        }
        // Q3 2026, H1 2026
        if matches!(t.s(i), "Q" | "H") && t.glued(i + 1) && t.s(i + 1).len() == 1 {
            let n = t.number(i + 1)? as u32;
            if t.glued(i + 2) && matches!(t.kind(i + 2), Kind::Num | Kind::Word) {
                return None;
            }
            let year = year_value(t, i + 2);
            let quarter = t.s(i) == "Q" && (1..=4).contains(&n);
            if quarter && t.is_any(i + 2, &["FY", "fiscal"])
                || t.s(i) == "H" && n <= 2 && t.is_any(i + 2, &["FY", "fiscal"])
            {
                return self.fiscal_part(i, t.s(i) == "H", n, i + 2);
            }
            if t.is_any(
                i + 2,
                &[
                    "FY", "fiscal", "results", "earnings", "report", "revenue", "sales",
                ],
            ) {
                return None;
            }
            if year.is_some() && period_after(t, i + 3) {
                return Some(i + 2);
            }
            return match (quarter, year) {
                (true, Some(y)) => self.push(
                    i,
                    i + 2,
                    When::Quarter {
                        year: y,
                        quarter: n,
                    },
                ),
                (true, None) => {
                    let y = year_for(&self.ctx, 3 * n - 1, 15, tense(t, i));
                    self.push(
                        i,
                        i + 1,
                        When::Quarter {
                            year: y,
                            quarter: n,
                        },
                    )
                }
                (false, Some(y)) if (1..=2).contains(&n) => {
                    self.push(i, i + 2, When::Half { year: y, half: n })
                }
                _ => None,
            };
        }
        // French `au second semestre 2027`, `au premier trimestre 2028`.
        if t.is_any(i, &["premier", "second"]) && t.is_any(i + 1, &["semestre", "trimestre"]) {
            let year = year_value(t, i + 2)?;
            let num = if t.is(i, "premier") { 1 } else { 2 };
            let first = t.start_before(i, &["au", "du", "le", "en"]);
            let when = quarter_or_half(t.is(i + 1, "semestre"), year, num);
            return self.push(first, i + 2, when);
        }
        // German `im ersten Halbjahr 2028`, `im dritten Quartal 2027`
        if let Some(o) = ["ersten", "zweiten", "dritten", "vierten"]
            .iter()
            .position(|o| t.is(i, o))
        {
            let half = t.is_any(i + 1, &["Halbjahr", "Jahreshälfte"]);
            if !(half || t.is(i + 1, "Quartal")) || half && o > 1 {
                return None;
            }
            let year = year_value(t, i + 2)?;
            let num = o as u32 + 1;
            let first = t.start_before(i, &["im", "in", "bis"]);
            let when = quarter_or_half(half, year, num);
            return self.push(first, i + 2, when);
        }
        // third quarter of 2026, second half of next year, the first half
        // `the latter half` is the second.
        let ordinal = ["first", "second", "third", "fourth"]
            .iter()
            .position(|o| t.is(i, o))
            .or_else(|| (t.is(i, "latter") && t.is(i + 1, "half")).then_some(1));
        if let Some(o) = ordinal {
            let mut n = i + 1;
            if t.sym(n) == Some('-') {
                n += 1;
            }
            let half = t.is(n, "half");
            if !(half || t.is(n, "quarter")) || half && o > 1 {
                return None;
            }
            let num = o as u32 + 1;
            // `third quarter results`, `Fourth Quarter and Fiscal Year 2026 Results`, `its
            // fourth quarter ended Oct. 25`: a reporting period.
            if t.is_any(n + 1, PERIOD)
                || period_after(t, n + 1)
                || t.is_any(n + 1, &["ended", "ending"])
            {
                return None;
            }
            let mut last = n;
            let mut k = n + 1;
            if t.is(k, "of") {
                k += 1;
            }
            if t.is(k, "the") {
                k += 1;
            }
            // `the second half of calendar 2027`, `of calendar year 2027`: the calendar year
            // an article with fiscal years names plainly.
            if t.is(k, "calendar") {
                let n = if t.is(k + 1, "year") { k + 2 } else { k + 1 };
                if year_value(t, n).is_some() {
                    k = n;
                }
            }
            let year = if let Some(yv) = year_value(t, k) {
                last = k;
                Some(yv)
            } else if t.is(k, "next") && t.is(k + 1, "year") {
                last = k + 1;
                Some(y + 1)
            } else if (t.is(k, "this") || t.is(k, "the")) && t.is(k + 1, "year") || t.is(k, "year")
            {
                last = k + usize::from(!t.is(k, "year"));
                Some(y)
            } else if t.is_any(k, &["fiscal", "FY"]) {
                let first = t.start_before(i, &["the"]);
                return self.fiscal_part(first, half, o as u32 + 1, k);
            } else {
                None
            };
            let mid_month = if half { 6 * num - 3 } else { 3 * num - 1 };
            let year = year.unwrap_or_else(|| year_for(&self.ctx, mid_month, 15, tense(t, i)));
            let first = t.start_before(i, &["the"]);
            let when = quarter_or_half(half, year, num);
            return self.push(first, last, when);
        }
        // next year, this year, later this year, year-end
        let next = t.is(i, "next");
        if (next || t.is(i, "this")) && t.is(i + 1, "year") {
            // `earlier this year`, `won orders this year`: what has happened is no catalyst.
            if i > 0 && t.is(i - 1, "earlier") || !next && tense(t, i) == Tense::Past {
                return Some(i + 1);
            }
            // `next year's economic policy`: the year something is for, not when anything
            // happens.
            let possessive = matches!(t.sym(i + 2), Some('\'' | '’')) && t.is(i + 3, "s");
            // `a budget of NT$28.6 billion for next year`: the year the money is for, as
            // with the possessive.
            let for_year = first == i && money_for_year(t, i);
            if possessive || for_year {
                return Some(i + 1);
            }
            let year = if next { y + 1 } else { y };
            let first = if i > 0 && t.is(i - 1, "later") {
                i - 1
            } else {
                first
            };
            return self.push(
                first,
                i + 1,
                When::Year {
                    year,
                    part: part.map(|p| p.0),
                },
            );
        }
        // `later this month`; `earlier this month` and a month done are history.
        if t.is(i, "this") && t.is(i + 1, "month") {
            if i > 0 && t.is(i - 1, "earlier") || tense(t, i) == Tense::Past {
                return Some(i + 1);
            }
            let first = t.start_before(i, &["later"]);
            let d = self.ctx.as_of;
            let when = When::Month {
                year: d.year(),
                month: d.month(),
                part: None,
            };
            return self.push(first, i + 1, when);
        }
        if next && t.is_any(i + 1, &["month", "quarter"]) {
            // `next quarter's guidance`, `next month's meeting`: what the period is for.
            if matches!(t.sym(i + 2), Some('\'' | '’')) && t.is(i + 3, "s") {
                return Some(i + 1);
            }
            let d = self.ctx.as_of.with_day(1)?;
            let when = if t.is(i + 1, "month") {
                let d = d + Months::new(1);
                When::Month {
                    year: d.year(),
                    month: d.month(),
                    part: None,
                }
            } else {
                let q = (d.month() - 1) / 3 + 1;
                let (year, quarter) = if q == 4 {
                    (d.year() + 1, 1)
                } else {
                    (d.year(), q + 1)
                };
                When::Quarter { year, quarter }
            };
            return self.push(i, i + 1, when);
        }
        // `the year-end dividend`, `year-end results`: what the end of the year names.
        if t.is(i, "year")
            && t.sym(i + 1) == Some('-')
            && t.is(i + 2, "end")
            && (t.is_any(i + 3, PERIOD)
                || t.is_any(
                    i + 3,
                    &["dividend", "dividends", "bonus", "payout", "accounts"],
                ))
        {
            return Some(i + 2);
        }
        if t.is(i, "year") && t.sym(i + 1) == Some('-') && t.is(i + 2, "end") {
            return self.push(
                i,
                i + 2,
                When::Year {
                    year: y,
                    part: Some(Part::Late),
                },
            );
        }
        // "by the end of the year", "the middle of the year"
        if t.is(i, "year")
            && i > 0
            && t.is(i - 1, "the")
            && let Some((p, s)) = part_before(t, i - 1)
        {
            let when = When::Year {
                year: y,
                part: Some(p),
            };
            return self.push(s, i, when);
        }
        None
    }

    /// `the fiscal year ending March 2027` from `i` (`fiscal`/`financial`): the results or
    /// earnings of such a year are a reporting period, no date; otherwise the Japanese or US
    /// fiscal year it is when it ends in that calendar's last month, and no date for a
    /// company's own year.
    fn year_by_its_end(&mut self, i: usize, first: usize) -> Option<usize> {
        let t = self.t;
        let (month, year, last) = end_of_year(t, i + 3)?;
        let lo = i.saturating_sub(14);
        let reported = (lo..i).any(|k| {
            t.is_any(
                k,
                &[
                    "results",
                    "earnings",
                    "forecast",
                    "forecasts",
                    "outlook",
                    "profit",
                    "accounts",
                ],
            )
        });
        if reported || t.is(i + 1, "years") {
            return Some(last);
        }
        let Some(calendar) = self.possessor_calendar(first) else {
            return Some(last);
        };
        let last_month = match calendar {
            FiscalCalendar::Japan => 3,
            FiscalCalendar::Us => 9,
        };
        if month != last_month {
            return Some(last);
        }
        let fy = match calendar {
            FiscalCalendar::Japan => year - 1,
            FiscalCalendar::Us => year,
        };
        let when = When::FiscalYear {
            calendar,
            year: fy,
            part: None,
        };
        self.push(first.min(i), last, when)
    }

    /// India or Australia, when the article has named one of them and neither Japan nor the
    /// US: whose fiscal quarters a paragraph naming no country means.
    fn article_own_country(&self) -> Option<Own> {
        use crate::ingest::entities::linker::country_bit;
        let c = self.ctx.countries;
        if c & (country_bit("JP") | country_bit("US")) != 0 {
            return None;
        }
        match (c & country_bit("AU") != 0, c & country_bit("IN") != 0) {
            (true, false) => Some(Own::Australia),
            (false, true) => Some(Own::India),
            _ => None,
        }
    }

    /// `the fiscal year starting April`, `next fiscal year`, `this fiscal year`.
    pub(super) fn fiscal_relative(&mut self, i: usize, first: usize) -> Option<usize> {
        let t = self.t;
        let calendar = self.possessor_calendar(first)?;
        let as_of = self.ctx.as_of;
        let fy_of = |d: NaiveDate| match calendar {
            FiscalCalendar::Japan => {
                if d.month() >= 4 {
                    d.year()
                } else {
                    d.year() - 1
                }
            }
            FiscalCalendar::Us => {
                if d.month() >= 10 {
                    d.year() + 1
                } else {
                    d.year()
                }
            }
        };
        let mut k = i + 2;
        if t.is_any(k, &["that", "which"]) {
            k += 1;
        }
        if t.is_any(k, &["starting", "starts", "beginning", "begins", "from"]) {
            let mut m = k + 1;
            if t.is(m, "in") {
                m += 1;
            }
            if let Some(mo) = month(t, m) {
                let year = match year_value(t, m + 1) {
                    Some(y) => y,
                    None => year_for(&self.ctx, mo, 1, Tense::Future),
                };
                let start = ymd(year, mo, 1)?;
                let last = if year_value(t, m + 1).is_some() {
                    m + 1
                } else {
                    m
                };
                let when = When::FiscalYear {
                    calendar,
                    year: fy_of(start),
                    part: None,
                };
                return self.push(first.min(i), last, when);
            }
        }
        // `the fiscal year ending March 2027`: the year that ends with that month, when it
        // is the calendar's last (March in Japan, September in the US); another month is a
        // company's own year, not modelled, and its month is no date to watch either.
        if t.is_any(k, &["ending", "ends", "ended", "through", "to"])
            && let Some(mo) = month(t, k + 1)
            && let Some(year) = year_value(t, k + 2)
        {
            let last_month = match calendar {
                FiscalCalendar::Japan => 3,
                FiscalCalendar::Us => 9,
            };
            if mo != last_month {
                return Some(k + 2);
            }
            let when = When::FiscalYear {
                calendar,
                year: fy_of(ymd(year, mo, 1)?),
                part: None,
            };
            return self.push(first.min(i), k + 2, when);
        }
        let before = first.checked_sub(1).map(|k| t.lower(k)).unwrap_or_default();
        let year = match before.as_str() {
            "next" | "new" | "coming" => fy_of(as_of) + 1,
            "this" | "current" => fy_of(as_of),
            _ => return None,
        };
        let start = if first > 1 && t.is(first - 2, "the") {
            first - 2
        } else {
            first - 1
        };
        self.push(
            start,
            i + 1,
            When::FiscalYear {
                calendar,
                year,
                part: None,
            },
        )
    }
}

/// The last month and year of a year named by its end, from token `k` (`March 31, 2027`,
/// `31 March 2027`, `March 2027`, `on 31 December 2026`), and the last token read.
pub(super) fn end_of_year(t: &crate::ingest::scan::Tokens, k: usize) -> Option<(u32, i32, usize)> {
    let k = if t.is(k, "on") { k + 1 } else { k };
    let (m, mut j) = match month(t, k) {
        Some(m) => (m, k + 1),
        None if t.kind(k) == Kind::Num && t.s(k).len() <= 2 => (month(t, k + 1)?, k + 2),
        None => return None,
    };
    if t.kind(j) == Kind::Num && t.s(j).len() <= 2 {
        j += 1;
    }
    if t.sym(j) == Some(',') {
        j += 1;
    }
    Some((m, year_value(t, j)?, j))
}

/// Whether the year at `i` is what money is for (`a budget of NT$28.6 billion for next year`,
/// `no dividend for 2026`): the year it is for, no date to watch.
pub(super) fn money_for_year(t: &crate::ingest::scan::Tokens, i: usize) -> bool {
    i > 0
        && t.is(i - 1, "for")
        && (i.saturating_sub(9)..i - 1).any(|k| {
            t.is_any(
                k,
                &[
                    "budget",
                    "budgets",
                    "capex",
                    "expenditure",
                    "spending",
                    "allocation",
                    "dividend",
                    "dividends",
                    "billion",
                    "million",
                    "trillion",
                    "crore",
                    "bn",
                    "mn",
                ],
            )
        })
}

/// Whether the sentence around `i` is about a company's results (`expects net revenue`,
/// `EPS`), the words of a company's own reporting year.
fn results_in_sentence(t: &crate::ingest::scan::Tokens, i: usize) -> bool {
    let (start, end) = t.sentence(t.sentence_of(i));
    (start..end).any(|k| {
        t.is_any(
            k,
            &[
                "revenue", "revenues", "EPS", "earnings", "sales", "margin", "margins", "income",
                "guidance",
            ],
        )
    })
}

/// Half `num` of `year` when `half`, else its quarter `num`.
fn quarter_or_half(half: bool, year: i32, num: u32) -> When {
    if half {
        When::Half { year, half: num }
    } else {
        When::Quarter { year, quarter: num }
    }
}

/// A country with its own fiscal year that aipx reads only by quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Own {
    India,
    Australia,
}

/// Whether a paragraph names India or Australia, whose fiscal years aipx does not model.
pub(super) fn own_fiscal_country(t: &crate::ingest::scan::Tokens) -> Option<Own> {
    (0..t.len()).find_map(|i| {
        if t.is_any(
            i,
            &[
                "India", "Indian", "Delhi", "Mumbai", "crore", "lakh", "Rs", "₹", "Sensex", "Nifty",
            ],
        ) || t.sym(i) == Some('₹')
        {
            Some(Own::India)
        } else if t.is_any(
            i,
            &[
                "Australia",
                "Australian",
                "ASX",
                "Sydney",
                "Melbourne",
                "Canberra",
            ],
        ) || t.is(i, "A") && t.sym(i + 1) == Some('$') && t.glued(i + 1)
        {
            Some(Own::Australia)
        } else {
            None
        }
    })
}

/// Whether the words from `k` name a reporting period (`results`, `and full-year earnings`).
pub(super) fn period_after(t: &crate::ingest::scan::Tokens, k: usize) -> bool {
    let mut k = k;
    while k < t.len()
        && (t.is_any(k, &["and", "full", "year", "annual", "quarterly", "fiscal"])
            || t.sym(k) == Some('-')
            || k > 0 && t.is_any(k - 1, &["year", "fiscal"]) && year_value(t, k).is_some())
        && k < t.len()
    {
        k += 1;
    }
    t.is_any(k, PERIOD)
}
