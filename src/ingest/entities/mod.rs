//! Companies in text: exchange-tagged tickers in every common form (`(NASDAQ: NVDA)`,
//! `9984.T`, `9984 JT`, `Securities code: 6702`), names and aliases, and bare US tickers
//! where they cannot be ordinary words.

pub mod linker;
mod tags;
#[cfg(test)]
mod tests;

use super::lexicon::{Lexicon, NameHit, Named};
use super::scan::{Kind, Tokens};
use crate::model::Exchange;
use tags::{BLOOMBERG, SUFFIXES, ends_tag, ex, tag_exchanges};

/// Who a mention names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A company the lexicon knows (position in [`Lexicon::known`]).
    Known(usize),
    /// A listing the lexicon does not know, named by an explicit exchange tag.
    New {
        /// Symbol as written, upper case.
        symbol: String,
        /// Exchange of the tag.
        exchange: Exchange,
        /// Name written before the tag, or the symbol.
        name: String,
    },
}

/// One company mention: byte span in the paragraph and who it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset after the end.
    pub end: usize,
    /// Who.
    pub who: Who,
}

/// A symbol read after a tag: tokens glued together, upper case, at most 10 bytes.
fn symbol_after(t: &Tokens, mut i: usize) -> Option<(usize, usize, String)> {
    if !matches!(t.kind(i), Kind::Num | Kind::Word) {
        return None;
    }
    let first = i;
    let mut last = i;
    i += 1;
    while t.glued(i)
        && (matches!(t.kind(i), Kind::Num | Kind::Word)
            || matches!(t.sym(i), Some('.' | '-' | '&')))
    {
        i += 1;
        if matches!(t.kind(i - 1), Kind::Num | Kind::Word) {
            last = i - 1;
        }
    }
    let sym = t.span(first, last);
    let ok = sym.len() <= 10
        && !sym.chars().any(char::is_lowercase)
        && sym
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-&".contains(c));
    ok.then(|| (first, last, sym.to_string()))
}

/// Capitalised words just before the `(` at token `open`: the company's written name.
fn name_before(t: &Tokens, open: usize) -> Option<String> {
    let mut first = open;
    while first > 0 && open - first < 6 {
        let k = first - 1;
        let word_ok = t.kind(k) == Kind::Word
            && (t.s(k).chars().next().is_some_and(char::is_uppercase)
                || t.is_any(k, &["and", "of", "de"]));
        let sym_ok = matches!(t.sym(k), Some('.' | ',' | '&' | '-')) && k > 0;
        if word_ok || sym_ok {
            first = k;
        } else {
            break;
        }
    }
    while first < open && t.kind(first) != Kind::Word {
        first += 1;
    }
    (first < open).then(|| {
        t.span(first, open - 1)
            .trim_end_matches([',', ' '])
            .to_string()
    })
}

/// Places whose names start or end with a company's (`Nova` in `Nova Scotia`).
pub(super) const PLACES: &[&str] = &[
    "Nova Scotia",
    "New Brunswick",
    "British Columbia",
    "Prince Edward Island",
    "New South Wales",
    "Western Australia",
    "South Australia",
    "Tamil Nadu",
    "Uttar Pradesh",
    "Andhra Pradesh",
    "Madhya Pradesh",
    "West Bengal",
    "New Jersey",
    "New Mexico",
    "New Hampshire",
    "North Carolina",
    "South Carolina",
    "West Virginia",
    "Rhode Island",
    "Silicon Valley",
    "Sri Lanka",
    "Saudi Arabia",
    "Abu Dhabi",
    "Costa Rica",
    "Puerto Rico",
    "Kuala Lumpur",
    "Batu Kawan",
    "Inner Mongolia",
];

/// Whether the name at bytes `start..end` of `text` is a word of a place's name: with the
/// word after or before it, one of [`PLACES`].
fn in_place_name(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let next: String = text[end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let prev: String = {
        let before = text[..start].strip_suffix(' ').unwrap_or("");
        let word: Vec<char> = before
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        word.into_iter().rev().collect()
    };
    PLACES.iter().any(|p| {
        !next.is_empty() && p.strip_prefix(name).and_then(|r| r.strip_prefix(' ')) == Some(&next)
            || !prev.is_empty()
                && p.strip_suffix(name).and_then(|r| r.strip_suffix(' ')) == Some(&prev)
    })
}

/// Whether `between` (the text from a name to its tag) is empty or only a legal form
/// (`Bhd`, `Corp.`, `Co., Ltd.`).
fn only_legal_form(between: &str) -> bool {
    crate::model::names::key(&format!("x {between}")) == "x"
}

/// The Bursa Malaysia company a stock short name names: the one company whose name, folded
/// and without spaces, is the short name, starts with it (four letters or more), or holds its
/// letters in order from the same first three (`FRONTKN` Frontken, `UCHITEC` Uchi
/// Technologies, `YTLPOWR` YTL Power International).
fn bursa_short_name(lex: &Lexicon, short: &str) -> Option<usize> {
    let short = short.to_ascii_lowercase();
    if short.len() < 3 {
        return None;
    }
    let in_order = |name: &str| {
        let mut letters = name.chars();
        short.chars().all(|c| letters.any(|n| n == c))
    };
    let (mut exact, mut loose) = (None, Vec::new());
    for (k, name) in lex.bursa() {
        let (k, name) = (*k, name.as_str());
        if name == short {
            exact = Some(k);
            break;
        }
        let starts = short.len() >= 4 && name.starts_with(&short);
        let abbreviated = short.len() >= 5 && name.get(..3) == short.get(..3) && in_order(name);
        if (starts || abbreviated) && !loose.contains(&k) {
            loose.push(k);
        }
    }
    exact.or_else(|| (loose.len() == 1).then(|| loose[0]))
}

/// Words that, closing a run of capitalised words after a known name, make the run another
/// company's name (`Samsung Heavy Industries`, `Keppel DC REIT`, `Toyota Industries`).
const OTHER_COMPANY: &[&str] = &[
    "Industries",
    "REIT",
    "Trust",
    "Engineering",
    "Construction",
    "Securities",
    "Bank",
    "Insurance",
    "Biologics",
    "Heavy",
    "Shipbuilding",
];

/// Legal forms and group words that, after at least one other capitalised word, also close
/// another company's name (`Sony Financial Group`); right after the name they are its own.
const COMPANY_TAIL: &[&str] = &[
    "Group",
    "Holdings",
    "Bhd",
    "Berhad",
    "Corp",
    "Corporation",
    "Inc",
    "Ltd",
    "Limited",
    "Co",
    "plc",
];

/// The end of a longer company name the name ending at byte `end` goes on into: up to four
/// capitalised words after it closing on a word of [`OTHER_COMPANY`], or on one of
/// [`COMPANY_TAIL`] after another word.
fn longer_company_after(text: &str, end: usize) -> Option<usize> {
    let rest = text[end..].strip_prefix(' ')?;
    let mut at = end + 1;
    for (plain, word) in rest.split(' ').take(4).enumerate() {
        let bare = word.trim_end_matches([',', '.', ';', ':', ')']);
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        if OTHER_COMPANY.contains(&bare) || plain > 0 && COMPANY_TAIL.contains(&bare) {
            return Some(at + bare.len());
        }
        if COMPANY_TAIL.contains(&bare) || bare.len() != word.len() {
            return None;
        }
        at += word.len() + 1;
    }
    None
}

/// Whether a known name goes on into a longer company name that is not its company's own
/// (`Samsung` of `Samsung Heavy Industries`, `Keppel` of `Keppel DC REIT`; not `YTL Power`
/// of `YTL Power International Bhd`). Without a master that knows the longer name, the short
/// one must not take its place.
fn another_company(text: &str, lex: &Lexicon, h: &NameHit) -> bool {
    let Named::Known(k) = h.named else {
        return false;
    };
    let Some(end) = longer_company_after(text, h.end) else {
        return false;
    };
    let longer = crate::model::names::key(&text[h.start..end]);
    let known = &lex.known[k];
    let own = |name: &str| crate::model::names::key(name).starts_with(&longer);
    !own(&known.name) && !known.aliases.iter().any(|a| own(a))
}

/// Whether a name found capitalised only because it is written in capitals (`Screen` for
/// `SCREEN`) is the ordinary word here: the paragraph also writes it in lower case, or its
/// line is a title in Title Case.
fn word_in_capitals_read_as_a_word(t: &Tokens, lex: &Lexicon, h: &NameHit) -> bool {
    let Named::Known(k) = h.named else {
        return false;
    };
    let found = &t.text[h.start..h.end];
    if !found.bytes().any(|b| b.is_ascii_lowercase()) || found.contains(' ') {
        return false;
    }
    // The name (or an alias) writes this word in capitals as its first word.
    let in_capitals = |n: &str| {
        n.get(..found.len()).is_some_and(|head| {
            head.eq_ignore_ascii_case(found) && !head.bytes().any(|b| b.is_ascii_lowercase())
        }) && !n[found.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    let known = &lex.known[k];
    if found.len() < 4 || !in_capitals(&known.name) && !known.aliases.iter().any(|a| in_capitals(a))
    {
        return false;
    }
    // Only the text near the name is read, so a long paragraph naming it often stays linear.
    let (from, to) = near(t.text, h.start, h.end, NEAR);
    let lower = found.to_ascii_lowercase();
    let around = &t.text[from..to];
    let bytes = around.as_bytes();
    let word_at = |p: usize| {
        let before = p == 0 || !bytes[p - 1].is_ascii_alphanumeric();
        let after = bytes
            .get(p + lower.len())
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        before && after
    };
    if around
        .match_indices(lower.as_str())
        .any(|(p, _)| word_at(p))
    {
        return true;
    }
    // A title is one short line: a line running past the window is none.
    let (Some(line_start), Some(line_end)) = (
        t.text[from..h.start]
            .rfind('\n')
            .map(|p| from + p + 1)
            .or((from == 0).then_some(0)),
        t.text[h.end..to]
            .find('\n')
            .map(|p| h.end + p)
            .or((to == t.text.len()).then_some(to)),
    ) else {
        return false;
    };
    let words: Vec<&str> = t.text[line_start..line_end]
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 3
        && capitalised * 4 >= words.len() * 3
        && !line_end_is_sentence(&t.text[line_start..line_end])
}

/// Whether a curated one-word name that is an ordinary word (`Apple`) stands here as the
/// word (`Apple orchards`, `Apple Growers Lose Ground`): it names the company only as the
/// subject of a business verb, with a possessive, in an appositive that calls it a
/// business, or in a list beside another name, and never where the paragraph also writes
/// it in lower case, unless the appositive says so.
fn ordinary_word_alone(t: &Tokens, names: &[NameHit], h: &NameHit) -> bool {
    let found = &t.text[h.start..h.end];
    if found.contains(' ') || found.len() > 12 {
        return false;
    }
    let lower = found.to_lowercase();
    if !linker::COMMON.contains(&lower.as_str()) {
        return false;
    }
    let i = t.toks.partition_point(|x| x.start < h.start);
    let Some(last) = (i..t.len()).find(|&k| t.toks[k].end >= h.end) else {
        return true;
    };
    let after = last + 1;
    let strong = linker::strongly_described(t, after);
    if written_in_lower_case_near(t, i, &lower) && !strong {
        return true;
    }
    let verb_at = if t.is_any(after, &["also", "both", "all", "each", "still", "too"]) {
        after + 1
    } else {
        after
    };
    // A copula says nothing (`Apple is a fruit`).
    let verb = t.kind(verb_at) == Kind::Word
        && linker::VERBS_AFTER.contains(&t.s(verb_at))
        && !t.is_any(verb_at, &["is", "was", "were", "are"]);
    let possessive =
        matches!(t.sym(after), Some('\'' | '’')) && t.glued(after) && t.is(after + 1, "s");
    // Beside another name across a comma or `and` (`Apple, Microsoft and Alphabet`): only
    // the names right before and after it are read (hits come in text order).
    let joiner = |k: usize| matches!(t.sym(k), Some(',' | '&')) || t.is_any(k, &["and", "or"]);
    let at = names.partition_point(|o| o.start < h.start);
    let around = &names[at.saturating_sub(1)..(at + 2).min(names.len())];
    let beside = around.iter().any(|o| {
        o.start != h.start
            && (o.start > h.end
                && t.text[h.end..o.start].trim().len() <= 4
                && (after..t.len())
                    .take_while(|&k| t.toks[k].start < o.start)
                    .all(joiner)
                && t.toks.get(after).is_some_and(|x| x.start < o.start)
                || o.end < h.start
                    && t.text[o.end..h.start].trim().len() <= 4
                    && (0..i)
                        .rev()
                        .take_while(|&k| t.toks[k].end > o.end)
                        .all(joiner)
                    && i > 0
                    && t.toks[i - 1].end > o.end)
    });
    !(verb || possessive || strong || linker::clause_then_verb(t, after) || beside)
}

/// Whether the paragraph writes `lower` (a lower-case word) near token `i`: only the
/// tokens within [`NEAR`] bytes are read, so a long paragraph naming it often stays linear.
fn written_in_lower_case_near(t: &Tokens, i: usize, lower: &str) -> bool {
    let tok = t.toks[i];
    let (from, to) = near(t.text, tok.start, tok.end, NEAR);
    let first = t.toks.partition_point(|x| x.start < from);
    t.toks[first..]
        .iter()
        .take_while(|x| x.end <= to)
        .any(|x| x.kind == Kind::Word && &t.text[x.start..x.end] == lower)
}

/// Whether the short form at token `i` (see [`Lexicon::short`]) names company `k` here: the
/// article names the company's country, the word is no ordinary or place word, is not
/// written in lower case in the paragraph, does not go on into a longer name or end one
/// (`Dixon Ticonderoga`, `Jane Dixon`, `Mr Dixon`), and is no person (`Dixon said he`).
fn short_form_names(t: &Tokens, lex: &Lexicon, i: usize, k: usize, countries: u32) -> bool {
    let word = t.s(i);
    let lower = word.to_lowercase();
    if countries & linker::country_bit(&lex.known[k].country) == 0
        || linker::COMMON.contains(&lower.as_str())
        || linker::cue_word(&lower)
    {
        return false;
    }
    let next = i + 1;
    let goes_on =
        t.kind(next) == Kind::Word && !t.glued(next) && t.s(next).starts_with(char::is_uppercase)
            || t.glued(next) && t.sym(next) == Some('-');
    const TITLES: &[&str] = &["Mr", "Ms", "Mrs", "Dr", "Prof", "Sir"];
    let titled = i > 0 && t.is_any(i - 1, TITLES)
        || i > 1 && t.sym(i - 1) == Some('.') && t.is_any(i - 2, TITLES);
    let person = t.is_any(next, &["said", "says", "told"]) && t.is_any(next + 1, &["he", "she"])
        || t.sym(next) == Some(',') && t.is(next + 1, "who")
        || i > 0 && t.is_any(i - 1, &["said", "says", "told", "according"]);
    // A capital that opens a sentence says nothing (`Will the fund...`, `Reliance on
    // imports...`): there the word needs a business verb or a possessive after it.
    let opens = i == 0
        || t.toks[i].newline
        || matches!(
            t.sym(i - 1),
            Some('.' | '!' | '?' | ':' | ';' | '"' | '“' | '-' | '—')
        );
    let acts = t.kind(next) == Kind::Word && linker::VERBS_AFTER.contains(&t.s(next))
        || matches!(t.sym(next), Some('\'' | '’')) && t.glued(next) && t.is(next + 1, "s");
    if opens && !acts {
        return false;
    }
    // Before a lower-case noun the word describes it (`Delta variant`, `Lattice
    // structures`): only punctuation, a business verb or a list may follow.
    let lower_next = t.kind(next) == Kind::Word && t.s(next).starts_with(char::is_lowercase);
    if lower_next && !acts && !t.is_any(next, &["and", "or"]) {
        return false;
    }
    let lower_too = written_in_lower_case_near(t, i, &lower);
    let tok = t.toks[i];
    !(goes_on
        || titled
        || person
        || lower_too
        || linker::ends_other_name(t, i)
        || in_place_name(t.text, tok.start, tok.end))
}

/// Bytes either side of a name read for what surrounds it.
const NEAR: usize = 300;

/// The byte range `start - n .. end + n` of `text`, within it and on character boundaries.
fn near(text: &str, start: usize, end: usize, n: usize) -> (usize, usize) {
    let mut from = start.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + n).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    (from, to)
}

/// Whether a line ends as a sentence does (a title does not).
fn line_end_is_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?'])
}

fn resolve(lex: &Lexicon, exchanges: &[Exchange], symbol: &str) -> Option<usize> {
    exchanges.iter().find_map(|&e| lex.listing(e, symbol))
}

/// Every company mention in a paragraph, given the names the lexicon found in it and the
/// countries the article has named so far (bits of [`linker::country_bit`]).
pub fn find(t: &Tokens, lex: &Lexicon, names: &[NameHit], countries: u32) -> Vec<Mention> {
    if t.is_empty() {
        return Vec::new();
    }
    let mut out: Vec<Mention> = names
        .iter()
        .filter(|h| !in_place_name(t.text, h.start, h.end))
        .filter(|h| !another_company(t.text, lex, h))
        .filter(|h| !word_in_capitals_read_as_a_word(t, lex, h))
        .filter(|h| !ordinary_word_alone(t, names, h))
        .filter_map(|h| match h.named {
            Named::Known(k) => Some(Mention {
                start: h.start,
                end: h.end,
                who: Who::Known(k),
            }),
            Named::Program(_) => None,
        })
        .collect();
    let bytes = t.text.as_bytes();
    for i in 0..t.len() {
        let tok = t.toks[i];
        let first = bytes[tok.start];
        match tok.kind {
            Kind::Sym if first == b':' => tagged(t, lex, i, &mut out),
            Kind::Sym if first == b'.' => suffixed(t, lex, i, &mut out),
            Kind::Sym if first == b'$' => cashtag(t, lex, i, &mut out),
            Kind::Word if first.is_ascii_uppercase() => {
                match tok.end - tok.start {
                    2 => bloomberg(t, lex, i, &mut out),
                    3..=5 => bare(t, lex, i, &mut out),
                    _ => {}
                }
                if tok.end - tok.start == 4 {
                    code(t, lex, i, countries, &mut out);
                }
            }
            Kind::Word if tok.end - tok.start == 4 => code(t, lex, i, countries, &mut out),
            _ => {}
        }
    }
    // An unknown tag right after a known name (`Dixon Technologies (BSE: 540699)`,
    // `Inari Amertron Bhd (KLSE: INARI)`, its legal form between) is another listing of that
    // company.
    let known: Vec<(usize, usize)> = out
        .iter()
        .filter_map(|m| match m.who {
            Who::Known(k) => Some((m.end, k)),
            Who::New { .. } => None,
        })
        .collect();
    for m in out.iter_mut() {
        if matches!(m.who, Who::New { .. })
            && let Some(&(_, k)) = known.iter().find(|(end, _)| {
                *end <= m.start
                    && t.text[*end..m.start]
                        .trim()
                        .strip_suffix('(')
                        .is_some_and(only_legal_form)
            })
        {
            m.who = Who::Known(k);
        }
    }
    // Bursa Malaysia tags name a stock by its short name (`KLSE: INARI`, `KLSE: FRONTKN`),
    // not by its code: one no name before it claimed is looked up among the Bursa companies,
    // and is no symbol at all when none matches.
    out.retain_mut(|m| match &m.who {
        Who::New {
            symbol, exchange, ..
        } if exchange.code() == "MYX" && symbol.bytes().any(|b| b.is_ascii_alphabetic()) => {
            match bursa_short_name(lex, symbol) {
                Some(k) => {
                    m.who = Who::Known(k);
                    true
                }
                None => false,
            }
        }
        _ => true,
    });
    // Short forms of curated names (`Dixon` of `Dixon Technologies`) where nothing else
    // claimed the word.
    let mut shorts = Vec::new();
    for (i, tok) in t.toks.iter().enumerate() {
        let len = tok.end - tok.start;
        if tok.kind != Kind::Word
            || !(4..=16).contains(&len)
            || !bytes[tok.start].is_ascii_uppercase()
        {
            continue;
        }
        let Some(k) = lex.short(t.s(i)) else {
            continue;
        };
        if !out.iter().any(|m| m.start < tok.end && tok.start < m.end)
            && short_form_names(t, lex, i, k, countries)
        {
            shorts.push(Mention {
                start: tok.start,
                end: tok.end,
                who: Who::Known(k),
            });
        }
    }
    out.extend(shorts);
    // Names of an imported securities master, where nothing curated or tagged is.
    if !lex.master().is_empty() {
        let mut taken: Vec<(usize, usize)> = out.iter().map(|m| (m.start, m.end)).collect();
        taken.sort_unstable();
        // A one-word name joined by a hyphen to the next word is part of a compound
        // (`Next-Generation`, `Target-date`), not a company.
        out.extend(
            linker::find(t, lex, countries, &taken)
                .into_iter()
                .filter(|m| {
                    let text = &t.text[m.start..m.end];
                    let rest = &t.text[m.end..];
                    text.contains(' ')
                        || !rest
                            .strip_prefix('-')
                            .is_some_and(|r| r.starts_with(char::is_alphabetic))
                }),
        );
    }
    // A ticker inside a tag (`NVDA` in `NASDAQ: NVDA`) is one mention, not two.
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// `NASDAQ: NVDA`, `(TWSE: 2330, NYSE: TSM)`, `Euronext Paris: SU` at colon token `colon`.
fn tagged(t: &Tokens, lex: &Lexicon, colon: usize, out: &mut Vec<Mention>) {
    // Cheap tests first: a word glued before the colon that can end an exchange's name,
    // and a symbol after it.
    if colon == 0 || t.kind(colon - 1) != Kind::Word || !ends_tag(t.s(colon - 1)) {
        return;
    }
    if !matches!(t.kind(colon + 1), Kind::Num | Kind::Word) {
        return;
    }
    let mut exchanges = Vec::new();
    let mut tag_start = colon;
    // Longest exchange phrase of up to five words ending right before the colon.
    for n in (1..=5).rev() {
        let Some(first) = colon.checked_sub(n) else {
            continue;
        };
        if !(first..colon).all(|k| t.kind(k) == Kind::Word) {
            continue;
        }
        let phrase: Vec<&str> = (first..colon).map(|k| t.s(k)).collect();
        let found = tag_exchanges(&phrase.join(" "));
        if !found.is_empty() {
            exchanges = found;
            tag_start = first;
            break;
        }
    }
    // `TSX-V:`, the venture exchange with a hyphen.
    if exchanges.is_empty()
        && colon >= 3
        && t.is(colon - 1, "V")
        && t.sym(colon - 2) == Some('-')
        && t.is(colon - 3, "TSX")
        && t.glued(colon - 1)
        && t.glued(colon - 2)
    {
        exchanges = vec![ex("TSXV")];
        tag_start = colon - 3;
    }
    if exchanges.is_empty() {
        return;
    }
    let Some((_, last, symbol)) = symbol_after(t, colon + 1) else {
        return;
    };
    let who = match resolve(lex, &exchanges, &symbol) {
        Some(k) => Who::Known(k),
        None => {
            let open = (tag_start > 0 && t.sym(tag_start - 1) == Some('(')).then(|| tag_start - 1);
            Who::New {
                name: open
                    .and_then(|o| name_before(t, o))
                    .unwrap_or_else(|| symbol.clone()),
                symbol,
                exchange: exchanges[0],
            }
        }
    };
    out.push(Mention {
        start: t.toks[tag_start].start,
        end: t.toks[last].end,
        who,
    });
}

/// `9984.T`, `0700.HK`, `ASML.AS` at the full stop token `dot`.
fn suffixed(t: &Tokens, lex: &Lexicon, dot: usize, out: &mut Vec<Mention>) {
    if dot == 0 || !t.glued(dot) || !t.glued(dot + 1) || t.kind(dot + 1) != Kind::Word {
        return;
    }
    let Some(&(_, code)) = SUFFIXES.iter().find(|(s, _)| *s == t.s(dot + 1)) else {
        return;
    };
    if t.glued(dot + 2) && matches!(t.kind(dot + 2), Kind::Word | Kind::Num) {
        return;
    }
    let mut first = dot - 1;
    while first > 0 && t.glued(first) && matches!(t.kind(first - 1), Kind::Num | Kind::Word) {
        first -= 1;
    }
    if first > 0 && t.glued(first) && matches!(t.sym(first - 1), Some('.' | '/' | '@')) {
        return;
    }
    let symbol = t.span(first, dot - 1);
    if symbol.chars().any(char::is_lowercase) {
        return;
    }
    let exchange = ex(code);
    let who = match lex.listing(exchange, symbol) {
        Some(k) => Who::Known(k),
        None => {
            let digits = symbol.bytes().filter(u8::is_ascii_digit).count();
            let shape = match code {
                "TSE" => symbol.len() == 4 && digits >= 3,
                "TWSE" | "TPEX" => symbol.len() == 4 && digits == 4,
                "KRX" | "KOSDAQ" | "SSE" | "SZSE" => symbol.len() == 6 && digits == 6,
                "HKEX" => (1..=5).contains(&symbol.len()) && digits == symbol.len(),
                _ => false,
            };
            if !shape {
                return;
            }
            Who::New {
                symbol: symbol.to_string(),
                exchange,
                name: symbol.to_string(),
            }
        }
    };
    out.push(Mention {
        start: t.toks[first].start,
        end: t.toks[dot + 1].end,
        who,
    });
}

/// `9984 JT`, `NVDA US Equity`: a known symbol then a Bloomberg exchange code.
fn bloomberg(t: &Tokens, lex: &Lexicon, i: usize, out: &mut Vec<Mention>) {
    let code = t.s(i);
    if code.len() != 2 || !t.toks[i].space || i == 0 || t.glued(i + 1) && t.kind(i + 1) != Kind::Sym
    {
        return;
    }
    // The symbol before is digits or capitals (`9984 JT`, `NVDA US`), never a word.
    let prev = t.s(i - 1).as_bytes();
    if !matches!(t.kind(i - 1), Kind::Num | Kind::Word) || prev.iter().any(u8::is_ascii_lowercase) {
        return;
    }
    let Some(&(_, codes)) = BLOOMBERG.iter().find(|(c, _)| *c == code) else {
        return;
    };
    let mut first = i - 1;
    while first > 0 && t.glued(first) && matches!(t.kind(first - 1), Kind::Num | Kind::Word) {
        first -= 1;
    }
    let symbol = t.span(first, i - 1);
    if symbol.chars().any(char::is_lowercase) || !matches!(t.kind(i - 1), Kind::Num | Kind::Word) {
        return;
    }
    let exchanges: Vec<Exchange> = codes.iter().map(|c| ex(c)).collect();
    if let Some(k) = resolve(lex, &exchanges, symbol) {
        let end = if t.is(i + 1, "Equity") { i + 1 } else { i };
        out.push(Mention {
            start: t.toks[first].start,
            end: t.toks[end].end,
            who: Who::Known(k),
        });
    }
}

/// `Securities code: 6702`, `(code 9984)`: Tokyo codes as Japanese releases write them.
fn code(t: &Tokens, lex: &Lexicon, i: usize, countries: u32, out: &mut Vec<Mention>) {
    if !t.is(i, "code") {
        return;
    }
    let mut at = i + 1;
    if t.sym(at) == Some(':') {
        at += 1;
    }
    let Some((_, last, symbol)) = symbol_after(t, at) else {
        return;
    };
    let (tse, hkex) = (ex("TSE"), ex("HKEX"));
    let digits = symbol.bytes().filter(u8::is_ascii_digit).count();
    // A Taiwanese notice (`Company code: 3680` on the Market Observation Post System) names
    // a Taiwan or Taipei Exchange listing, and only one aipx knows: where the article has
    // named Taiwan and not Japan, its codes are no Tokyo's.
    let (jp, tw) = (linker::country_bit("JP"), linker::country_bit("TW"));
    if countries & tw != 0 && countries & jp == 0 || t.text.contains("Market Observation Post") {
        if let Some(k) = [ex("TWSE"), ex("TPEX")]
            .into_iter()
            .find_map(|x| lex.listing(x, &symbol))
        {
            out.push(Mention {
                start: t.toks[i].start,
                end: t.toks[last].end,
                who: Who::Known(k),
            });
        }
        return;
    }
    // Hong Kong announcements write `(Stock Code: 1347)` too: the code is a Hong Kong one
    // when only Hong Kong lists it, or, listed in both or neither, when it is written as
    // a stock code in a paragraph that names Hong Kong (or is five digits long).
    let stock = i > 0 && t.is(i - 1, "stock");
    let hong_kong = stock && t.text.contains("Hong Kong") || digits == 5;
    let exchange = match (lex.listing(tse, &symbol), lex.listing(hkex, &symbol)) {
        (None, Some(_)) => hkex,
        (Some(_), None) => tse,
        _ if hong_kong => hkex,
        _ => tse,
    };
    let shape = if exchange == hkex {
        (4..=5).contains(&symbol.len()) && digits == symbol.len()
    } else {
        symbol.len() == 4 && digits >= 3
    };
    if !shape {
        return;
    }
    let who = match lex.listing(exchange, &symbol) {
        Some(k) => Who::Known(k),
        None => Who::New {
            name: symbol.clone(),
            symbol,
            exchange,
        },
    };
    let start = if i > 0 && t.is_any(i - 1, &["securities", "stock", "ticker"]) {
        i - 1
    } else {
        i
    };
    out.push(Mention {
        start: t.toks[start].start,
        end: t.toks[last].end,
        who,
    });
}

/// `$RGTI`, `$MU`, `$F`: a cashtag names a US listing, however short or unknown to the
/// curated data its symbol is (a currency written `$US` or `$CAD` is not one).
fn cashtag(t: &Tokens, lex: &Lexicon, dollar: usize, out: &mut Vec<Mention>) {
    let i = dollar + 1;
    if t.kind(i) != Kind::Word || !t.glued(i) {
        return;
    }
    let symbol = t.s(i);
    if symbol.len() > 5
        || !symbol.bytes().all(|b| b.is_ascii_uppercase())
        || matches!(
            symbol,
            "US" | "USD" | "CAD" | "AUD" | "NZD" | "HKD" | "SGD" | "NT" | "A" | "C" | "S"
        )
        || dollar > 0 && t.glued(dollar) && matches!(t.kind(dollar - 1), Kind::Word | Kind::Num)
        || t.glued(i + 1) && matches!(t.kind(i + 1), Kind::Word | Kind::Num)
    {
        return;
    }
    let us = [ex("NASDAQ"), ex("NYSE"), ex("AMEX")];
    if let Some(k) = resolve(lex, &us, symbol) {
        out.push(Mention {
            start: t.toks[dollar].start,
            end: t.toks[i].end,
            who: Who::Known(k),
        });
    }
}

/// `NVDA`, `$MSFT`: a US ticker that is not an ordinary word, outside all-caps lines.
fn bare(t: &Tokens, lex: &Lexicon, i: usize, out: &mut Vec<Mention>) {
    let word = t.s(i);
    if !(3..=5).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_uppercase()) {
        return;
    }
    let Some(k) = lex.bare(word) else { return };
    let glued_word = |j: usize| matches!(t.kind(j), Kind::Word | Kind::Num);
    if (t.glued(i) && i > 0 && glued_word(i - 1)) || (t.glued(i + 1) && glued_word(i + 1)) {
        return;
    }
    if t.shouted(i) {
        return;
    }
    let start = if i > 0 && t.glued(i) && t.sym(i - 1) == Some('$') {
        i - 1
    } else {
        i
    };
    out.push(Mention {
        start: t.toks[start].start,
        end: t.toks[i].end,
        who: Who::Known(k),
    });
}
