//! Dates in text, at the precision written: days, months with early/mid/late, quarters,
//! halves, years with a cue (`by 2027`), fiscal years (Japan's start in April), `next year`
//! and weekdays, resolved against the article's date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::scan::{Kind, Tokens};
use crate::model::{FiscalCalendar, Part, When};

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
    /// Fiscal calendar when the paragraph does not say whose fiscal year it means.
    pub fiscal: FiscalCalendar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Future,
    Past,
    Unknown,
}

const MONTHS: [&str; 12] = [
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

/// Month number of a capitalised month name or abbreviation (`Sept`, `Jan`).
fn month(t: &Tokens, i: usize) -> Option<u32> {
    let w = t.s(i);
    let b = w.as_bytes();
    if t.kind(i) != Kind::Word
        || !(3..=9).contains(&b.len())
        || !matches!(b[0], b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
    {
        return None;
    }
    let abbreviated = b.len() == 3 || w.eq_ignore_ascii_case("sept");
    let found = MONTHS.iter().position(|m| {
        m.len() >= b.len()
            && (m.len() == b.len() || abbreviated)
            && m.as_bytes()[..b.len()].eq_ignore_ascii_case(b)
    })?;
    Some(found as u32 + 1)
}

fn weekday(t: &Tokens, i: usize) -> Option<Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("Monday", Weekday::Mon),
        ("Tuesday", Weekday::Tue),
        ("Wednesday", Weekday::Wed),
        ("Thursday", Weekday::Thu),
        ("Friday", Weekday::Fri),
        ("Saturday", Weekday::Sat),
        ("Sunday", Weekday::Sun),
    ];
    let w = t.s(i);
    if w.len() < 6 || !w.ends_with("day") {
        return None;
    }
    DAYS.iter().find(|(d, _)| *d == w).map(|(_, w)| *w)
}

/// The tense a word signals, if any (`will` future, `said` past).
fn cue_tense(w: &str) -> Tense {
    if w.len() < 2 || w.len() > 10 {
        return Tense::Unknown;
    }
    let mut buf = [0u8; 10];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..w.len()] {
        b"will" | b"ll" | b"shall" | b"expected" | b"expects" | b"scheduled" | b"due"
        | b"plans" | b"plan" | b"planned" | b"planning" | b"aims" | b"aim" | b"intends"
        | b"upcoming" | b"coming" | b"next" | b"begin" | b"begins" | b"start" | b"starts"
        | b"commence" | b"commences" | b"opens" | b"set" | b"target" | b"targets"
        | b"targeting" | b"until" | b"by" | b"from" => Tense::Future,
        b"said" | b"announced" | b"told" | b"was" | b"were" | b"had" | b"did" | b"rose"
        | b"fell" | b"reported" | b"began" | b"started" | b"launched" | b"signed" | b"ended"
        | b"closed" | b"unveiled" | b"approved" | b"agreed" | b"opened" | b"completed"
        | b"earlier" | b"last" | b"ago" | b"held" | b"met" | b"released" | b"published"
        | b"since" | b"took" | b"came" | b"joined" | b"became" => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// Tense of the clause around token `i`: the nearest cue before it, else one just after.
fn tense(t: &Tokens, i: usize) -> Tense {
    let (start, end) = t.sentence(t.sentence_of(i));
    let cue = |k: usize| {
        if t.kind(k) == Kind::Word {
            cue_tense(t.s(k))
        } else {
            Tense::Unknown
        }
    };
    (start..i)
        .rev()
        .map(cue)
        .find(|c| *c != Tense::Unknown)
        .or_else(|| {
            (i + 1..end.min(i + 6))
                .map(cue)
                .find(|c| *c != Tense::Unknown)
        })
        .unwrap_or(Tense::Unknown)
}

/// The year of a month (and day) given without one, by tense, else the nearest.
fn year_for(ctx: &Context, month: u32, day: u32, tense: Tense) -> i32 {
    let y = ctx.as_of.year();
    let here = (ctx.as_of.month(), ctx.as_of.day());
    match tense {
        Tense::Future if (month, day) >= here || (month == here.0 && day == 0) => y,
        Tense::Future => y + 1,
        Tense::Past if (month, day) <= here || (month == here.0 && day == 0) => y,
        Tense::Past => y - 1,
        Tense::Unknown => {
            let distance = |year: i32| {
                NaiveDate::from_ymd_opt(year, month, day.max(1))
                    .map_or(i64::MAX, |d| (d - ctx.as_of).num_days().abs())
            };
            [y, y + 1, y - 1]
                .into_iter()
                .min_by_key(|&c| distance(c))
                .unwrap_or(y)
        }
    }
}

/// Nouns a period qualifies ("fourth-quarter results", "2026 revenue"): a reporting period,
/// not a date to watch.
const PERIOD: &[&str] = &[
    "results", "earnings", "revenue", "revenues", "sales", "profit", "profits", "loss", "net",
    "report", "figures", "gdp", "growth", "guidance", "numbers", "capex", "level", "levels",
];

/// Words after which a bare year or month is a date (`by 2027`, `in June`).
const CUES: &[&str] = &[
    "in",
    "by",
    "until",
    "till",
    "through",
    "thru",
    "from",
    "since",
    "before",
    "after",
    "during",
    "starting",
    "beginning",
    "into",
    "toward",
    "towards",
    "around",
    "to",
    "for",
    "of",
    "between",
    "and",
    "next",
    "this",
    "last",
    "on",
    "as",
];

/// An early/mid/late qualifier ending right before token `first`, and where it starts.
fn part_before(t: &Tokens, first: usize) -> Option<(Part, usize)> {
    let k = first.checked_sub(1)?;
    if t.is(k, "early") {
        return Some((Part::Early, k));
    }
    if t.is(k, "mid") || t.is(k, "late") {
        return Some((
            if t.is(k, "mid") {
                Part::Mid
            } else {
                Part::Late
            },
            k,
        ));
    }
    if t.sym(k) == Some('-') && k > 0 && t.is_any(k - 1, &["mid", "end", "early", "late"]) {
        let p = match t.lower(k - 1).as_str() {
            "early" => Part::Early,
            "mid" => Part::Mid,
            _ => Part::Late,
        };
        return Some((p, k - 1));
    }
    if t.is(k, "of") && k > 0 {
        let p = match t.lower(k - 1).as_str() {
            "end" => Part::Late,
            "beginning" | "start" => Part::Early,
            "middle" => Part::Mid,
            _ => return None,
        };
        let s = if t.is(k - 2, "the") { k - 2 } else { k - 1 };
        return Some((p, s));
    }
    None
}

fn cue_before(t: &Tokens, first: usize) -> bool {
    first > 0 && t.is_any(first - 1, CUES)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn year_value(t: &Tokens, i: usize) -> Option<i32> {
    t.digits(i, 4)
        .then(|| t.s(i).parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

/// Whose fiscal year a paragraph means, from the places and words it names.
pub fn calendar_cues(t: &Tokens) -> (usize, usize) {
    let (mut jp, mut us) = (0, 0);
    let bytes = t.text.as_bytes();
    for (i, tok) in t.toks.iter().enumerate() {
        // Only words starting with these bytes can be cues.
        if !matches!(
            bytes[tok.start],
            b'J' | b'T'
                | b'M'
                | b'y'
                | b'D'
                | b'C'
                | b'f'
                | b'W'
                | b'P'
                | b'S'
                | b'A'
                | b'U'
                | 0xC2
                | 0xE5
                | 0xEF
        ) {
            continue;
        }
        match t.s(i) {
            "Japan" | "Japanese" | "Tokyo" | "METI" | "yen" | "Diet" | "Takaichi" | "MEXT"
            | "¥" | "円" => jp += 1,
            "Congress" | "federal" | "Washington" | "Pentagon" | "Senate" | "American" | "US" => {
                us += 1
            }
            "U" if t.sym(i + 1) == Some('.') && t.is(i + 2, "S") => us += 1,
            _ => {}
        }
    }
    (jp, us)
}

/// First three letters (folded to a-z) of the words that can start a date form: months,
/// weekdays, fiscal, ordinals, next and year.
const DATE_PREFIXES: [&[u8; 3]; 26] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
    b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun", b"fis", b"fir", b"sec", b"thi", b"fou",
    b"nex", b"yea",
];

/// [`DATE_PREFIXES`] as a bitmap over 26 * 26 * 26 letter triples, built at compile time.
const DATE_BITMAP: [u64; 275] = {
    let mut map = [0u64; 275];
    let mut k = 0;
    while k < DATE_PREFIXES.len() {
        let p = DATE_PREFIXES[k];
        let bit =
            ((p[0] - b'a') as usize * 26 + (p[1] - b'a') as usize) * 26 + (p[2] - b'a') as usize;
        map[bit / 64] |= 1 << (bit % 64);
        k += 1;
    }
    map
};

/// Whether a word can start a date form: a month, a weekday, FY, fiscal, Q, H, an ordinal,
/// next, this or year. A quick test on its first three letters.
fn may_start_date(w: &[u8]) -> bool {
    if w.len() > 9 {
        return false;
    }
    if w.len() <= 2 {
        return matches!(w, b"FY" | b"Q" | b"H");
    }
    let letter = |c: u8| (c | 0x20).wrapping_sub(b'a');
    let (a, b, c) = (letter(w[0]), letter(w[1]), letter(w[2]));
    if a >= 26 || b >= 26 || c >= 26 {
        return false;
    }
    let bit = (a as usize * 26 + b as usize) * 26 + c as usize;
    DATE_BITMAP[bit / 64] & (1 << (bit % 64)) != 0
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
                // Only FY, fiscal, Q, H, ordinals, next, this and year start other forms.
                const STARTERS: &[&str] = &[
                    "FY", "fiscal", "Q", "H", "first", "second", "third", "fourth", "next", "this",
                    "year",
                ];
                let word = t.s(i);
                if w.len() <= 6 && STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word)) {
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
        // 1 April 2026, 1 April
        if (t.s(i).len() <= 2 && t.toks[i].space || i == 0)
            && let Some(m) = month(t, i + 1)
        {
            let d = t.number(i)? as u32;
            let (year, last) = match year_value(t, i + 2) {
                Some(y) => (y, i + 2),
                None => (year_for(&self.ctx, m, d, tense(t, i)), i + 1),
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
        if part.is_none() && !cue_before(t, first) && range_end.is_none() {
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
                &["by", "through", "until", "till", "before", "after", "since"],
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

    fn fiscal_year(
        &mut self,
        first: usize,
        last: usize,
        year: i32,
        part: Option<Part>,
    ) -> Option<usize> {
        let calendar = self.possessor_calendar(first)?;
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

    /// The fiscal calendar for a fiscal year at `first`: a company's own fiscal year (`the
    /// company's fiscal 2027`) is not modelled and yields `None`.
    fn possessor_calendar(&self, first: usize) -> Option<FiscalCalendar> {
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
        Some(self.paragraph_calendar())
    }

    fn paragraph_calendar(&self) -> FiscalCalendar {
        if let Some(c) = self.calendar.get() {
            return c;
        }
        let (jp, us) = calendar_cues(self.t);
        self.cues.set(Some((jp, us)));
        let c = match (jp, us) {
            (0, 0) => self.ctx.fiscal,
            (j, u) if j >= u => FiscalCalendar::Japan,
            _ => FiscalCalendar::Us,
        };
        self.calendar.set(Some(c));
        c
    }

    fn word_form(&mut self, i: usize) -> Option<usize> {
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
            if t.is_any(
                i + 2,
                &[
                    "FY", "fiscal", "results", "earnings", "report", "revenue", "sales",
                ],
            ) {
                return None;
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
        // third quarter of 2026, second half of next year, the first half
        let ordinal = ["first", "second", "third", "fourth"]
            .iter()
            .position(|o| t.is(i, o));
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
            if t.is_any(n + 1, PERIOD) {
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
                return None;
            } else {
                None
            };
            let mid_month = if half { 6 * num - 3 } else { 3 * num - 1 };
            let year = year.unwrap_or_else(|| year_for(&self.ctx, mid_month, 15, tense(t, i)));
            let first = if i > 0 && t.is(i - 1, "the") {
                i - 1
            } else {
                i
            };
            let when = if half {
                When::Half { year, half: num }
            } else {
                When::Quarter { year, quarter: num }
            };
            return self.push(first, last, when);
        }
        // next year, this year, later this year, year-end
        let next = t.is(i, "next");
        if (next || t.is(i, "this")) && t.is(i + 1, "year") {
            if i > 0 && t.is(i - 1, "earlier") {
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
        if next && t.is_any(i + 1, &["month", "quarter"]) {
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

    /// `the fiscal year starting April`, `next fiscal year`, `this fiscal year`.
    fn fiscal_relative(&mut self, i: usize, first: usize) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str, as_of: &str) -> Vec<String> {
        let ctx = Context {
            as_of: crate::model::parse_day(as_of).unwrap(),
            fiscal: FiscalCalendar::Japan,
        };
        let t = Tokens::new(text);
        find(&t, &ctx, &mut (0, 0))
            .into_iter()
            .map(|d| format!("{} '{}'", d.when, &text[d.start..d.end]))
            .collect()
    }

    #[test]
    fn explicit_dates_and_months() {
        assert_eq!(
            dates("on 2026-04-01.", "2026-01-10"),
            ["2026-04-01 '2026-04-01'"]
        );
        assert_eq!(
            dates("on April 1, 2026", "2026-01-10"),
            ["2026-04-01 'April 1, 2026'"]
        );
        assert_eq!(
            dates("on 1 April 2026", "2026-01-10"),
            ["2026-04-01 '1 April 2026'"]
        );
        assert_eq!(
            dates("in early June", "2026-02-10"),
            ["early 2026-06 'early June'"]
        );
        assert_eq!(
            dates("by mid-June 2027", "2026-02-10"),
            ["mid 2027-06 'mid-June 2027'"]
        );
        assert_eq!(dates("it may rise in May", "2026-02-10"), ["2026-05 'May'"]);
        assert_eq!(
            dates("launched in December", "2026-02-10"),
            ["2025-12 'December'"]
        );
        assert_eq!(
            dates("2026年4月1日", "2026-01-10"),
            ["2026-04-01 '2026年4月1日'"]
        );
    }

    #[test]
    fn quarters_halves_years_and_ranges() {
        assert_eq!(
            dates("in Q3 2026 and 3Q27", "2026-01-10"),
            ["2026-Q3 'Q3 2026'", "2027-Q3 '3Q27'"]
        );
        assert_eq!(
            dates("the second half of next year", "2026-01-10"),
            ["2027-H2 'the second half of next year'"]
        );
        assert_eq!(
            dates("by 2027, through 2030", "2026-01-10"),
            ["2027 'by 2027'", "2030 'through 2030'"]
        );
        assert_eq!(
            dates("in late 2025", "2026-01-10"),
            ["late 2025 'late 2025'"]
        );
        assert_eq!(
            dates("over 2026-2030", "2026-01-10"),
            ["2026 '2026'", "2030 '2030'"]
        );
        assert!(
            dates(
                "the 2026 budget, 2,000 GPUs and 1990 units, H100, H20",
                "2026-01-10"
            )
            .is_empty()
        );
    }

    #[test]
    fn fiscal_years_follow_the_calendar() {
        assert_eq!(
            dates("Japan's fiscal 2026 budget", "2025-12-20"),
            ["JP-FY2026 'fiscal 2026'"]
        );
        assert_eq!(
            dates("in early fiscal 2026", "2025-12-20"),
            ["early JP-FY2026 'early fiscal 2026'"]
        );
        assert_eq!(
            dates("METI funds in the fiscal year starting April", "2025-12-20"),
            ["JP-FY2026 'fiscal year starting April'"]
        );
        assert_eq!(
            dates("Congress and the FY2027 request", "2026-03-01"),
            ["US-FY2027 'FY2027'"]
        );
        assert!(dates("the company's fiscal 2027", "2026-03-01").is_empty());
    }

    #[test]
    fn relative_dates_and_weekdays() {
        assert_eq!(dates("next year", "2025-12-20"), ["2026 'next year'"]);
        assert_eq!(
            dates("in April next year", "2025-12-20"),
            ["2026-04 'April next year'"]
        );
        // 2025-03-28 is a Friday: the coming Tuesday is 1 April, the start of JP FY2025.
        assert_eq!(
            dates("fiscal 2025, which starts Tuesday", "2025-03-28"),
            ["JP-FY2025 'fiscal 2025'", "2025-04-01 'Tuesday'"]
        );
        assert_eq!(
            dates("officials said on Wednesday", "2025-03-28"),
            ["2025-03-26 'on Wednesday'"]
        );
        assert_eq!(
            dates("will meet on Wednesday", "2025-03-28"),
            ["2025-04-02 'on Wednesday'"]
        );
    }
}
