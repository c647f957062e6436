//! Every name the extractor knows: the dataset's entities and programs and the reference
//! universe, compiled once into an Aho-Corasick automaton and listing tables.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::scan::{Kind, Tokens, whole_word, word_start};
use super::universe;
use crate::model::{Dataset, EntityId, Exchange, Listing, ProgramId};

/// A company or body the extractor can name: from the dataset, or from the universe.
#[derive(Debug, Clone)]
pub struct Known {
    /// Symbol shown in output: the primary ticker, or the dataset id of an unlisted body.
    pub symbol: String,
    /// Exchange of the primary listing.
    pub exchange: Option<Exchange>,
    /// Full name.
    pub name: String,
    /// Listings, primary first.
    pub listings: Vec<Listing>,
    /// Other names.
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// Sector.
    pub sector: String,
    /// The dataset entity, when the dataset has it.
    pub entity: Option<EntityId>,
}

/// A dataset program the extractor recognises by name.
#[derive(Debug, Clone)]
pub struct ProgramName {
    /// The program.
    pub program: ProgramId,
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// What a name found in text points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// A company or body (position in [`Lexicon::known`]).
    Known(usize),
    /// A program (position in [`Lexicon::programs`]).
    Program(usize),
}

/// How strictly a pattern's case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// Acronyms (`TSMC`, `TEL`): exactly as written.
    Exact,
    /// Names (`Arm`, `Micron`): capitalised; all-caps only for names over three letters.
    Capitalised { short: bool },
    /// Lower-case names (`imec`) and other scripts: any case.
    Any,
}

struct Pattern {
    text: String,
    named: Named,
    case: Case,
}

/// A name found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameHit {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset after the end.
    pub end: usize,
    /// What it names.
    pub named: Named,
}

/// The names, listings and bare symbols the extractor recognises.
pub struct Lexicon {
    /// Companies and bodies, dataset entities first.
    pub known: Vec<Known>,
    /// Recognised programs.
    pub programs: Vec<ProgramName>,
    listings: FxMap<(Exchange, String), usize>,
    symbols: FxMap<String, Vec<usize>>,
    bare: FxMap<String, usize>,
    /// Names that start with a capital: tried, anchored, at capitalised word starts only.
    capitals: Matcher,
    /// Which first three letters (folded to a-z or "other") any capitalised name starts with.
    prefixes: Vec<u64>,
    /// Other names starting with an ASCII letter or digit (`imec`, programs): tried, anchored,
    /// at any word start.
    lower: Matcher,
    /// The same for [`Lexicon::lower`].
    lower_prefixes: Vec<u64>,
    /// Names in other scripts (`ソフトバンク`): searched everywhere in paragraphs that have
    /// such characters.
    others: Matcher,
    /// Bytes that start a name in [`Lexicon::others`].
    others_lead: [bool; 256],
}

/// An automaton and the patterns it was built from.
struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Matcher {
    fn new(patterns: Vec<Pattern>, start: StartKind) -> Matcher {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .start_kind(start)
            .build(patterns.iter().map(|p| p.text.as_str()))
            .expect("name patterns build into an automaton");
        Matcher {
            automaton,
            patterns,
        }
    }

    /// The longest acceptable name starting exactly at `start`, given the longest match there.
    fn fit(&self, text: &str, start: usize, mut found: Option<(usize, usize)>) -> Option<NameHit> {
        if !text.is_char_boundary(start) {
            return None;
        }
        while let Some((end, pattern)) = found {
            let p = &self.patterns[pattern];
            let ok = text.is_char_boundary(end)
                && whole_word(text, start, end)
                && case_ok(p.case, &p.text, &text[start..end]);
            if ok {
                return Some(NameHit {
                    start,
                    end,
                    named: p.named,
                });
            }
            // The longest name here does not fit: try a shorter one from the same start.
            let shorter = Input::new(text)
                .range(start..end - 1)
                .anchored(Anchored::Yes);
            found = self
                .automaton
                .find(shorter)
                .map(|m| (m.end(), m.pattern().as_usize()));
        }
        None
    }

    /// The name starting exactly at `start`, if any.
    fn anchored(&self, text: &str, start: usize) -> Option<NameHit> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        let m = self.automaton.find(input)?;
        self.fit(text, start, Some((m.end(), m.pattern().as_usize())))
    }

    /// Every name anywhere in `text`.
    fn all(&self, text: &str, out: &mut Vec<NameHit>) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < text.len() {
            let Some(m) = self.automaton.find(Input::new(text).range(at..)) else {
                break;
            };
            let start = m.start();
            let left_ok = text.is_char_boundary(m.end()) && word_start(text, start, m.end());
            let hit = left_ok
                .then(|| self.fit(text, start, Some((m.end(), m.pattern().as_usize()))))
                .flatten();
            match hit {
                Some(h) => {
                    out.push(h);
                    at = h.end;
                }
                // No name starts inside a word: go on after this one.
                None => {
                    at = start + 1;
                    if bytes[start].is_ascii_alphanumeric() {
                        while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                            at += 1;
                        }
                    }
                }
            }
        }
    }
}

/// Ticker-shaped words that are ordinary words or abbreviations: never matched bare.
const NOT_BARE: &[&str] = &[
    "AI", "IT", "ON", "ARM", "ALL", "NOW", "FLEX", "WOLF", "SNOW", "FORM", "ONTO", "SLAB", "ASX",
    "ERIC", "NOK", "CRM", "DLR", "LITE", "CEO", "CFO", "USA", "GDP", "IPO", "ETF", "EPS", "API",
    "CPU", "GPU", "HBM", "EUV", "SOC", "FY", "EU", "UK", "US", "ESG", "CEG", "GEV", "LIN", "TER",
    "STM", "SONY", "META", "DELL", "IBM",
];

/// Legal-form endings traders leave off ("Tokyo Electron Limited" -> "Tokyo Electron").
const LEGAL: &[&str] = &[
    ", inc.",
    " inc.",
    " inc",
    " corporation",
    " corp.",
    " corp",
    " co., ltd.",
    " co. ltd.",
    " co., ltd",
    " co. ltd",
    " ltd.",
    " ltd",
    " limited",
    " plc",
    " ag",
    " se",
    " sa",
    " s.a.",
    " n.v.",
    " nv",
    " incorporated",
    " oyj",
    " ab",
    " holdings",
    " group",
];

/// A fast hasher for short keys (the Fx hash of rustc); the tables hold no untrusted keys
/// that could be chosen to collide.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A hash map with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Size of the prefix bitmap: 27 classes (a-z and other) for each of three letters.
const PREFIXES: usize = 27 * 27 * 27;

/// Marks in `set` the first three letter classes of every pattern.
fn fill_prefixes(set: &mut [u64], patterns: &[Pattern]) {
    for p in patterns {
        let b = p.text.as_bytes();
        let class = |k: usize| b.get(k).map(|&c| letter_class(c));
        let (c0, c1, c2) = (class(0), class(1), class(2));
        for x1 in 0..27 {
            for x2 in 0..27 {
                if c1.is_none_or(|c| c == x1) && c2.is_none_or(|c| c == x2) {
                    let bit = prefix_index(c0.unwrap_or(26), x1, x2);
                    set[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
    }
}

/// A letter folded to 0-25, anything else 26.
fn letter_class(c: u8) -> usize {
    if c.is_ascii_alphabetic() {
        usize::from((c | 0x20) - b'a')
    } else {
        26
    }
}

fn prefix_index(a: usize, b: usize, c: usize) -> usize {
    (a * 27 + b) * 27 + c
}

/// Key for looking up a listing: upper case, Hong Kong codes without leading zeros.
pub fn symbol_key(exchange: Option<Exchange>, symbol: &str) -> String {
    let upper = symbol.trim().to_ascii_uppercase();
    if exchange.is_some_and(|e| e.code() == "HKEX") {
        let trimmed = upper.trim_start_matches('0');
        if !trimmed.is_empty() {
            return trimmed.to_string();
        }
    }
    upper
}

fn case_of(pattern: &str) -> Case {
    let upper = pattern.chars().any(char::is_uppercase);
    let lower = pattern.chars().any(char::is_lowercase);
    match (upper, lower) {
        (true, false) => Case::Exact,
        (true, true) => Case::Capitalised {
            short: pattern.chars().filter(|c| c.is_alphabetic()).count() <= 3,
        },
        _ => Case::Any,
    }
}

fn case_ok(case: Case, pattern: &str, found: &str) -> bool {
    if found == pattern {
        return true;
    }
    match case {
        Case::Exact => false,
        Case::Any => true,
        Case::Capitalised { short } => {
            let first_lower = found.chars().next().is_some_and(char::is_lowercase);
            let all_caps = !found.chars().any(char::is_lowercase);
            !(first_lower || short && all_caps)
        }
    }
}

/// Shorter names derived from a full name: without legal endings and parentheses.
fn name_forms(name: &str) -> Vec<String> {
    let mut out = vec![name.trim().to_string()];
    let base = match name.find(" (") {
        Some(i) => name[..i].trim(),
        None => name.trim(),
    };
    out.push(base.to_string());
    let mut short = base.to_string();
    loop {
        let lower = short.to_ascii_lowercase();
        match LEGAL.iter().find(|s| lower.ends_with(*s)) {
            Some(s) => {
                short.truncate(short.len() - s.len());
                short = short.trim_end_matches([',', ' ', '&']).to_string();
                if short.chars().filter(|c| c.is_alphanumeric()).count() >= 3 {
                    out.push(short.clone());
                }
            }
            None => break,
        }
    }
    out.retain(|n| n.chars().filter(|c| c.is_alphanumeric()).count() >= 2);
    out
}

/// Phrases a program is written as: its name without a parenthesis, a leading country or
/// a trailing generic noun ("US Genesis Mission (...)" -> "Genesis Mission").
fn program_forms(name: &str) -> Vec<String> {
    let base = name.split(['(', ':']).next().unwrap_or(name).trim();
    let mut out = vec![base.to_string()];
    let words: Vec<&str> = base.split_whitespace().collect();
    let skip = usize::from(words.first().is_some_and(|w| {
        [
            "US", "U.S.", "Japan", "Japan's", "Japanese", "EU", "Korea", "Taiwan", "India", "China",
        ]
        .contains(w)
    }));
    let generic = [
        "program",
        "programme",
        "project",
        "strategy",
        "initiative",
        "fab",
        "push",
    ];
    let take = if words
        .last()
        .is_some_and(|w| generic.contains(&w.to_lowercase().as_str()))
    {
        words.len().saturating_sub(1)
    } else {
        words.len()
    };
    for (a, b) in [(skip, words.len()), (skip, take), (0, take)] {
        if b > a && b - a >= 2 {
            out.push(words[a..b].join(" "));
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Lexicon {
    /// Builds the lexicon of `data` plus the shipped universe.
    pub fn new(data: &Dataset) -> Lexicon {
        Lexicon::with_universe(data, universe::companies())
    }

    /// Builds the lexicon of `data` plus the given universe rows.
    pub fn with_universe(data: &Dataset, companies: Vec<universe::Company>) -> Lexicon {
        let mut lex = Lexicon {
            known: Vec::new(),
            programs: Vec::new(),
            listings: FxMap::default(),
            symbols: FxMap::default(),
            bare: FxMap::default(),
            capitals: Matcher::new(Vec::new(), StartKind::Anchored),
            prefixes: vec![0; PREFIXES.div_ceil(64)],
            lower: Matcher::new(Vec::new(), StartKind::Anchored),
            lower_prefixes: vec![0; PREFIXES.div_ceil(64)],
            others: Matcher::new(Vec::new(), StartKind::Both),
            others_lead: [false; 256],
        };
        let mut names: Vec<(String, Named)> = Vec::new();
        for (i, e) in data.entities.iter().enumerate() {
            // Unlisted units of a listed dataset parent resolve to the parent.
            let target = match e.parent {
                Some(p) if !e.is_listed() && data.entities[p.ix()].is_listed() => p.ix(),
                _ => i,
            };
            if target == i {
                lex.known.push(Known {
                    symbol: e.display_symbol().to_string(),
                    exchange: e.primary().map(|l| l.exchange),
                    name: e.name.clone(),
                    listings: e.listings.clone(),
                    aliases: e.aliases.clone(),
                    country: e.country.clone(),
                    sector: e.sector.clone(),
                    entity: Some(EntityId(i as u32)),
                });
            }
        }
        // Second pass so that units pointing at later entities find them.
        let by_entity: HashMap<usize, usize> = lex
            .known
            .iter()
            .enumerate()
            .filter_map(|(k, kn)| kn.entity.map(|e| (e.ix(), k)))
            .collect();
        for (i, e) in data.entities.iter().enumerate() {
            let target = by_entity
                .get(&i)
                .or_else(|| e.parent.and_then(|p| by_entity.get(&p.ix())));
            if let Some(&k) = target {
                for n in name_forms(&e.name)
                    .into_iter()
                    .chain(e.aliases.iter().cloned())
                {
                    names.push((n, Named::Known(k)));
                }
            }
        }
        for k in 0..lex.known.len() {
            lex.index_listings(k);
        }
        let mut units = Vec::new();
        for c in companies {
            if c.listings.is_empty() {
                units.push(c);
                continue;
            }
            let existing = c
                .listings
                .iter()
                .find_map(|l| lex.listing(l.exchange, &l.symbol));
            let k = match existing {
                Some(k) => {
                    for l in &c.listings {
                        if !lex.known[k].listings.contains(l) {
                            lex.known[k].listings.push(l.clone());
                        }
                    }
                    k
                }
                None => {
                    lex.known.push(Known {
                        symbol: c.listings[0].symbol.clone(),
                        exchange: Some(c.listings[0].exchange),
                        name: c.name.clone(),
                        listings: c.listings.clone(),
                        aliases: c.aliases.clone(),
                        country: c.country.clone(),
                        sector: c.sector.clone(),
                        entity: None,
                    });
                    lex.known.len() - 1
                }
            };
            lex.index_listings(k);
            for n in name_forms(&c.name).into_iter().chain(c.aliases) {
                names.push((n, Named::Known(k)));
            }
        }
        for u in units {
            let parent = u
                .parent
                .as_ref()
                .and_then(|p| lex.listing(p.exchange, &p.symbol));
            if let Some(k) = parent {
                for n in name_forms(&u.name).into_iter().chain(u.aliases) {
                    names.push((n, Named::Known(k)));
                }
            }
        }
        for (i, p) in data.programs.iter().enumerate() {
            lex.programs.push(ProgramName {
                program: ProgramId(i as u32),
                id: p.id.clone(),
                name: p.name.clone(),
            });
            for form in program_forms(&p.name) {
                names.push((form, Named::Program(i)));
            }
        }
        lex.build_automaton(names);
        lex
    }

    fn index_listings(&mut self, k: usize) {
        for l in self.known[k].listings.clone() {
            let key = symbol_key(Some(l.exchange), &l.symbol);
            self.listings.entry((l.exchange, key.clone())).or_insert(k);
            let list = self.symbols.entry(key.clone()).or_default();
            if !list.contains(&k) {
                list.push(k);
            }
            let us = matches!(l.exchange.code(), "NASDAQ" | "NYSE");
            let shape = (3..=5).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_uppercase());
            if us && shape && !NOT_BARE.contains(&key.as_str()) {
                self.bare.entry(key).or_insert(k);
            }
        }
    }

    fn build_automaton(&mut self, names: Vec<(String, Named)>) {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let rank = |c: Case| match c {
            Case::Exact => 0,
            Case::Capitalised { .. } => 1,
            Case::Any => 2,
        };
        for (text, named) in names {
            let text = text.trim().to_string();
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2
                || text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            {
                continue;
            }
            let case = match named {
                Named::Program(_) => Case::Any,
                Named::Known(_) => case_of(&text),
            };
            match seen.get(&text.to_lowercase()) {
                // The same name in another case (`NVIDIA`, `Nvidia`): keep the laxer rule.
                Some(&p) => {
                    let old = &mut patterns[p];
                    if old.named == named && rank(case) > rank(old.case) {
                        old.case = case;
                        old.text = text;
                    }
                }
                None => {
                    seen.insert(text.to_lowercase(), patterns.len());
                    patterns.push(Pattern { text, named, case });
                }
            }
        }
        // A capitalised or exact name can only match text that starts with its capital.
        let (capitals, others): (Vec<Pattern>, Vec<Pattern>) = patterns
            .into_iter()
            .partition(|p| p.case != Case::Any && p.text.as_bytes()[0].is_ascii_uppercase());
        let (lower, others): (Vec<Pattern>, Vec<Pattern>) = others
            .into_iter()
            .partition(|p| p.text.as_bytes()[0].is_ascii_alphanumeric());
        fill_prefixes(&mut self.prefixes, &capitals);
        fill_prefixes(&mut self.lower_prefixes, &lower);
        self.capitals = Matcher::new(capitals, StartKind::Anchored);
        self.lower = Matcher::new(lower, StartKind::Anchored);
        for p in &others {
            let first = p.text.as_bytes()[0];
            self.others_lead[usize::from(first)] = true;
            self.others_lead[usize::from(first.to_ascii_uppercase())] = true;
            self.others_lead[usize::from(first.to_ascii_lowercase())] = true;
        }
        self.others = Matcher::new(others, StartKind::Both);
    }

    /// Names in `text`: whole words in an acceptable case, longest first, never overlapping.
    pub fn names(&self, text: &str) -> Vec<NameHit> {
        self.names_in(&Tokens::new(text))
    }

    /// Names in a tokenised paragraph.
    pub fn names_in(&self, t: &Tokens) -> Vec<NameHit> {
        let text = t.text;
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        let mut next = 0;
        for tok in &t.toks {
            let first = bytes[tok.start];
            if tok.start < next || tok.kind == Kind::Sym {
                continue;
            }
            if tok.start > 0 && bytes[tok.start - 1].is_ascii_alphanumeric() {
                continue;
            }
            let class = |k: usize| bytes.get(tok.start + k).map_or(26, |&c| letter_class(c));
            let bit = prefix_index(class(0), class(1), class(2));
            let has = |set: &[u64]| set[bit / 64] & (1 << (bit % 64)) != 0;
            let mut hit = None;
            if first.is_ascii_uppercase() && has(&self.prefixes) {
                hit = self.capitals.anchored(text, tok.start);
            }
            if hit.is_none() && has(&self.lower_prefixes) {
                hit = self.lower.anchored(text, tok.start);
            }
            if let Some(h) = hit {
                hits.push(h);
                next = h.end;
            }
        }
        if bytes.iter().any(|&b| self.others_lead[usize::from(b)]) {
            self.others.all(text, &mut hits);
        }
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        let mut out: Vec<NameHit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_none_or(|last| h.start >= last.end) {
                out.push(h);
            }
        }
        out
    }

    /// The company listed as `symbol` on `exchange`.
    pub fn listing(&self, exchange: Exchange, symbol: &str) -> Option<usize> {
        self.listings
            .get(&(exchange, symbol_key(Some(exchange), symbol)))
            .copied()
    }

    /// Companies listed as `symbol` on any exchange.
    pub fn by_symbol(&self, symbol: &str) -> &[usize] {
        let key = symbol.trim().to_ascii_uppercase();
        let key = match key.trim_start_matches('0') {
            t if !t.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && key.len() <= 4 => t,
            _ => key.as_str(),
        };
        self.symbols.get(key).map_or(&[], Vec::as_slice)
    }

    /// The company a bare US ticker (`NVDA`) names, when that is unambiguous.
    pub fn bare(&self, word: &str) -> Option<usize> {
        self.bare.get(word).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(&crate::data::load(None).unwrap())
    }

    fn named(lex: &Lexicon, text: &str) -> Vec<String> {
        lex.names(text)
            .iter()
            .map(|h| match h.named {
                Named::Known(k) => lex.known[k].symbol.clone(),
                Named::Program(p) => lex.programs[p].id.clone(),
            })
            .collect()
    }

    #[test]
    fn finds_names_aliases_and_units() {
        let lex = lex();
        assert_eq!(
            named(&lex, "Foxconn and Hon Hai, SK Hynix, Micron, TSMC and AWS"),
            ["2317", "2317", "000660", "MU", "TSM", "AMZN"]
        );
        assert_eq!(
            named(&lex, "SoftBank Corp. and SoftBank Group Corp."),
            ["9434", "9984"]
        );
        assert_eq!(
            named(&lex, "the Genesis Mission and the CHIPS Act"),
            ["genesis-mission", "us-chips-act"]
        );
    }

    #[test]
    fn ignores_ordinary_words_and_wrong_case() {
        let lex = lex();
        assert!(
            named(
                &lex,
                "an arm of the group, apple pie, micron scale, tel 555"
            )
            .is_empty()
        );
        assert!(named(&lex, "ARM-based chips").is_empty());
        assert!(named(&lex, "intelligence").is_empty());
        assert_eq!(named(&lex, "Arm and NVIDIA"), ["ARM", "NVDA"]);
    }

    #[test]
    fn resolves_listings_and_bare_symbols() {
        let lex = lex();
        let tse = Exchange::parse("TSE").unwrap();
        let hk = Exchange::parse("HKEX").unwrap();
        assert_eq!(
            lex.known[lex.listing(tse, "9984").unwrap()].name,
            "SoftBank Group Corp."
        );
        assert_eq!(
            lex.known[lex.listing(hk, "700").unwrap()].name,
            "Tencent Holdings Limited"
        );
        assert!(lex.bare("NVDA").is_some());
        assert!(lex.bare("ON").is_none() && lex.bare("AI").is_none());
    }
}
