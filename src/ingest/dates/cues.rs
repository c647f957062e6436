//! The words and tables dates are read with: month and weekday names, tense cues, the
//! words that make a bare year a date, early/mid/late, and whose fiscal year a paragraph
//! means.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Context;
use crate::ingest::scan::{Kind, Tokens};
use crate::model::Part;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tense {
    Future,
    Past,
    Unknown,
}

pub(super) use crate::model::MONTHS;

/// German month names that English does not share, with their numbers.
const GERMAN_MONTHS: [(&str, u32); 8] = [
    ("Januar", 1),
    ("Februar", 2),
    ("März", 3),
    ("Mai", 5),
    ("Juni", 6),
    ("Juli", 7),
    ("Oktober", 10),
    ("Dezember", 12),
];

/// German words before a date: `im`, `bis`, `ab`, `seit`, `vor`, and `Ende`, `Anfang`,
/// `Mitte` (which also narrow it).
pub(super) const GERMAN_CUES: &[&str] =
    &["im", "bis", "ab", "seit", "vor", "Ende", "Anfang", "Mitte"];

/// Month number of a capitalised month name or abbreviation (`Sept`, `Jan`), or of a German
/// one next to a year, a day (`3. März`) or a German cue (`Ende März`).
pub(super) fn month(t: &Tokens, i: usize) -> Option<u32> {
    let w = t.s(i);
    let b = w.as_bytes();
    if t.kind(i) == Kind::Word
        && let Some(&(_, m)) = GERMAN_MONTHS.iter().find(|(g, _)| *g == w)
    {
        let dated = year_value(t, i + 1).is_some()
            || i >= 2 && t.sym(i - 1) == Some('.') && t.kind(i - 2) == Kind::Num
            || i >= 1 && t.is_any(i - 1, GERMAN_CUES);
        return dated.then_some(m);
    }
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

pub(super) fn weekday(t: &Tokens, i: usize) -> Option<Weekday> {
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
pub(super) fn cue_tense(w: &str) -> Tense {
    if w.len() < 2 || w.len() > 10 {
        return Tense::Unknown;
    }
    let mut buf = [0u8; 10];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..w.len()] {
        b"will" | b"ll" | b"shall" | b"would" | b"expected" | b"expects" | b"scheduled"
        | b"due" | b"plans" | b"plan" | b"planned" | b"planning" | b"aims" | b"aim"
        | b"intends" | b"upcoming" | b"coming" | b"next" | b"begin" | b"begins" | b"start"
        | b"starts" | b"commence" | b"commences" | b"opens" | b"set" | b"target" | b"targets"
        | b"targeting" | b"until" | b"by" | b"from" | b"expect" | b"anticipate"
        | b"anticipates" | b"forecast" | b"forecasts" | b"projected" | b"likely" | b"intend"
        | b"seeks" | b"outlook" => Tense::Future,
        b"said" | b"announced" | b"told" | b"was" | b"were" | b"had" | b"did" | b"rose"
        | b"fell" | b"reported" | b"began" | b"started" | b"launched" | b"signed" | b"ended"
        | b"closed" | b"unveiled" | b"approved" | b"agreed" | b"opened" | b"completed"
        | b"earlier" | b"last" | b"ago" | b"held" | b"met" | b"released" | b"published"
        | b"since" | b"took" | b"came" | b"joined" | b"became" | b"climbed" | b"gained"
        | b"jumped" | b"surged" | b"slipped" | b"dropped" | b"declined" | b"rallied"
        | b"tumbled" | b"soared" | b"slumped" | b"posted" | b"secured" => Tense::Past,
        _ => Tense::Unknown,
    }
}

/// Tense of the clause around token `i`: the nearest cue before it, else one just after.
pub(super) fn tense(t: &Tokens, i: usize) -> Tense {
    let (start, end) = t.sentence(t.sentence_of(i));
    let cue = |k: usize| {
        if t.kind(k) != Kind::Word {
            return Tense::Unknown;
        }
        match cue_tense(t.s(k)) {
            // `will be held`, `is to be released`: a participle after `be` is to come.
            Tense::Past if k > 0 && t.is(k - 1, "be") => Tense::Future,
            // `has secured`, `have won`: what is done.
            Tense::Unknown
                if k > 0
                    && t.is_any(k - 1, &["has", "have"])
                    && (t.s(k).ends_with("ed")
                        || t.is_any(k, &["won", "made", "sold", "built"])) =>
            {
                Tense::Past
            }
            tense => tense,
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
pub(super) fn year_for(ctx: &Context, month: u32, day: u32, tense: Tense) -> i32 {
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
pub(super) const PERIOD: &[&str] = &[
    "results", "earnings", "revenue", "revenues", "sales", "profit", "profits", "loss", "net",
    "report", "figures", "gdp", "growth", "guidance", "numbers", "capex", "level", "levels",
];

/// Words after which a bare year or month is a date (`by 2027`, `in June`).
pub(super) const CUES: &[&str] = &[
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
    // French: `d'ici 2029`, `avant 2030`.
    "ici",
    "avant",
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
    // Seasons (`spring 2027`: the year, no more precise) and `calendar 2028`
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "calendar",
    // German
    "im",
    "bis",
    "ab",
    "seit",
    "vor",
    "Jahr",
];

/// An early/mid/late qualifier ending right before token `first`, and where it starts.
pub(super) fn part_before(t: &Tokens, first: usize) -> Option<(Part, usize)> {
    let k = first.checked_sub(1)?;
    if t.is(k, "early") || t.is(k, "Anfang") {
        return Some((Part::Early, k));
    }
    // German `Ende März 2027`, `Mitte 2027`
    if t.s(k) == "Ende" {
        return Some((Part::Late, k));
    }
    if t.s(k) == "Mitte" {
        return Some((Part::Mid, k));
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

pub(super) fn cue_before(t: &Tokens, first: usize) -> bool {
    first > 0 && t.is_any(first - 1, CUES)
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn year_value(t: &Tokens, i: usize) -> Option<i32> {
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
/// weekdays, fiscal and financial, ordinals, next and year.
pub(super) const DATE_PREFIXES: [&[u8; 3]; 33] = [
    b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov", b"dec",
    b"mon", b"tue", b"wed", b"thu", b"fri", b"sat", b"sun", b"fis", b"fir", b"sec", b"thi", b"fou",
    b"nex", b"yea", b"mai", b"ers", b"zwe", b"dri", b"vie", b"lat", b"fin",
];

/// [`DATE_PREFIXES`] as a bitmap over 26 * 26 * 26 letter triples, built at compile time.
pub(super) const DATE_BITMAP: [u64; 275] = {
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
pub(super) fn may_start_date(w: &[u8]) -> bool {
    if w.len() > 9 {
        return false;
    }
    if w.len() <= 2 {
        return matches!(w, b"FY" | b"Q" | b"H");
    }
    if w == "März".as_bytes() {
        return true;
    }
    let letter = |c: u8| (c | 0x20).wrapping_sub(b'a');
    let (a, b, c) = (letter(w[0]), letter(w[1]), letter(w[2]));
    if a >= 26 || b >= 26 || c >= 26 {
        return false;
    }
    let bit = (a as usize * 26 + b as usize) * 26 + c as usize;
    DATE_BITMAP[bit / 64] & (1 << (bit % 64)) != 0
}
