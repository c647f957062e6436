//! Matching names in text: two Aho-Corasick automata (names with a capital, tried only at
//! capitalised word starts; and the rest), case rules, and the fast hashing of the tables.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

use super::{Lexicon, NameHit, Named};
use crate::ingest::scan::{Kind, Tokens, whole_word, word_start};

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

/// An automaton and the patterns it was built from.
pub(super) struct Matcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// A matcher that finds nothing, until the lexicon builds the real ones.
    pub(super) fn empty(start: StartKind) -> Matcher {
        Matcher::new(Vec::new(), start)
    }

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
pub(super) const PREFIXES: usize = 27 * 27 * 27;

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

fn case_of(pattern: &str) -> Case {
    let upper = pattern.chars().any(char::is_uppercase);
    let lower = pattern.chars().any(char::is_lowercase);
    // One all-capitals word of four letters or more is a name written in capitals (`TOWA`,
    // `DISCO`, `ULVAC`), which news also writes capitalised (`Towa`); shorter ones are
    // acronyms (`TEL`, `NEC`), exactly as written.
    let name_in_capitals = upper
        && !lower
        && pattern.chars().count() >= 4
        && pattern.chars().all(|c| c.is_ascii_uppercase());
    match (upper, lower) {
        _ if name_in_capitals => Case::Capitalised { short: false },
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
            // A name that itself starts in lower case (`iFlytek`) may be written so.
            let camel = |s: &str| {
                let mut c = s.chars();
                c.next().is_some_and(char::is_lowercase) && c.next().is_some_and(char::is_uppercase)
            };
            let first_lower = found.chars().next().is_some_and(char::is_lowercase)
                && !(camel(pattern) && camel(found));
            let all_caps = !found.chars().any(char::is_lowercase);
            !(first_lower || short && all_caps)
        }
    }
}

impl Lexicon {
    pub(super) fn build_automaton(&mut self, names: Vec<(String, Named)>) {
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
}
