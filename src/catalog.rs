//! The searchable side of a dataset in flat arrays: every symbol, name, alias, program name
//! and catalyst title in one string with offsets, plus what search output needs to label a
//! hit. Flat arrays are cheap to build, small to keep, and load from the cache in
//! milliseconds, so `aipx search` never has to decode a million exposures.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::index::{normalize, spellings};
use crate::model::*;
use crate::search::{Field, Target};

/// Texts longer than this are searched on their first `MAX_CHARS` characters only.
const MAX_CHARS: usize = 96;
/// No exchange, in `exchanges`.
const NONE: u8 = u8::MAX;

/// Searchable texts and hit labels of one dataset.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Catalog {
    texts: String,
    ends: Vec<u32>,
    targets: Vec<Target>,
    fields: Vec<Field>,
    masks: Vec<u64>,
    firsts: Vec<char>,
    /// Exchange of each symbol item (index into the exchange table), [`NONE`] otherwise.
    exchanges: Vec<u8>,
    /// Hash of every normalised spelling of each entity, sorted, for exact names.
    spellings: Vec<(u64, EntityId)>,
    /// `id`, `name`, `symbol`, `exchange` of each record, joined by U+001F.
    labels: String,
    label_ends: Vec<u32>,
    entities: u32,
    programs: u32,
}

/// How a hit is shown: the record's id and name, and its primary listing if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    /// Record id.
    pub id: &'a str,
    /// Name or title.
    pub name: &'a str,
    /// Primary symbol.
    pub symbol: Option<&'a str>,
    /// Primary exchange code.
    pub exchange: Option<&'a str>,
}

/// Bit set of the (lower-cased) characters of `text`: letters and digits get a bit each,
/// anything else shares the rest by hash. A text can only match a query whose mask it covers.
pub fn mask(text: &str) -> u64 {
    let mut m = 0u64;
    for c in text.chars() {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            ' ' => continue,
            _ => 36 + (lower(c) as u32 % 28),
        };
        m |= 1 << bit;
    }
    m
}

/// The first lower-case form of `c`.
pub fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn nonempty(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

fn key(text: &str) -> u64 {
    xxh3_64(normalize(text).as_bytes())
}

impl Catalog {
    /// Collects the searchable texts and labels of `data`.
    pub fn new(data: &Dataset) -> Catalog {
        let mut c = Catalog::default();
        for (i, e) in data.entities.iter().enumerate() {
            let t = Target::Entity(EntityId(i as u32));
            for l in &e.listings {
                c.push(t, Field::Symbol, &l.symbol, Some(l.exchange));
            }
            c.push(t, Field::Name, &e.name, None);
            for a in &e.aliases {
                c.push(t, Field::Alias, a, None);
            }
            for s in spellings(e) {
                c.spellings.push((xxh3_64(s.as_bytes()), EntityId(i as u32)));
            }
            let primary = e.primary();
            let symbol = primary.map_or("", |l| l.symbol.as_str());
            let exchange = primary.map_or("", |l| l.exchange.code());
            c.label([&e.id, &e.name, symbol, exchange]);
        }
        for (i, p) in data.programs.iter().enumerate() {
            c.push(Target::Program(ProgramId(i as u32)), Field::Name, &p.name, None);
            c.label([&p.id, &p.name, "", ""]);
        }
        for (i, k) in data.catalysts.iter().enumerate() {
            c.push(Target::Catalyst(CatalystId(i as u32)), Field::Name, &k.title, None);
            c.label([&k.id, &k.title, "", ""]);
        }
        c.entities = data.entities.len() as u32;
        c.programs = data.programs.len() as u32;
        c.spellings.sort_unstable();
        c.spellings.dedup();
        c
    }

    fn push(&mut self, target: Target, field: Field, text: &str, exchange: Option<Exchange>) {
        let text: String = text.chars().take(MAX_CHARS).collect();
        self.texts.push_str(&text);
        self.ends.push(self.texts.len() as u32);
        self.targets.push(target);
        self.fields.push(field);
        self.masks.push(mask(&text));
        self.firsts.push(text.chars().next().map_or(' ', lower));
        self.exchanges.push(exchange.map_or(NONE, |e| e.index()));
    }

    fn label(&mut self, parts: [&str; 4]) {
        for (n, part) in parts.iter().enumerate() {
            if n > 0 {
                self.labels.push('\u{1f}');
            }
            // A stray separator in data would shift the fields; it is a control character
            // and never displayed anyway.
            self.labels.extend(part.chars().filter(|&c| c != '\u{1f}'));
        }
        self.label_ends.push(self.labels.len() as u32);
    }

    /// Number of searchable texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is nothing to search.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Text `i`.
    pub fn text(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.texts[start..self.ends[i] as usize]
    }

    /// The record text `i` belongs to.
    pub fn target(&self, i: u32) -> Target {
        self.targets[i as usize]
    }

    /// Which field text `i` is.
    pub fn field(&self, i: u32) -> Field {
        self.fields[i as usize]
    }

    /// Character mask of text `i`.
    pub fn mask_of(&self, i: u32) -> u64 {
        self.masks[i as usize]
    }

    /// Lower-cased first character of text `i`.
    pub fn first(&self, i: u32) -> char {
        self.firsts[i as usize]
    }

    /// How to show `target`.
    pub fn label_of(&self, target: Target) -> Label<'_> {
        let n = match target {
            Target::Entity(e) => e.ix(),
            Target::Program(p) => self.entities as usize + p.ix(),
            Target::Catalyst(c) => (self.entities + self.programs) as usize + c.ix(),
        };
        let start = if n == 0 { 0 } else { self.label_ends[n - 1] as usize };
        let mut parts = self.labels[start..self.label_ends[n] as usize].split('\u{1f}');
        let mut next = || parts.next().unwrap_or("");
        let (id, name, symbol, exchange) = (next(), next(), next(), next());
        Label {
            id,
            name,
            symbol: nonempty(symbol),
            exchange: nonempty(exchange),
        }
    }

    /// Texts of `entity` (they are adjacent, in entity order).
    fn texts_of(&self, entity: EntityId) -> std::ops::Range<u32> {
        let before = |e: EntityId| {
            self.targets
                .partition_point(|t| matches!(t, Target::Entity(x) if *x < e)) as u32
        };
        before(entity)..before(EntityId(entity.0 + 1))
    }

    /// Entities the query names exactly, by any spelling `Index::resolve` accepts (matched
    /// by 64-bit hash of the normalised spelling), as their first text.
    pub fn exact(&self, query: &str) -> Vec<u32> {
        let find = |k: u64| {
            let at = self.spellings.partition_point(|&(h, _)| h < k);
            self.spellings[at..]
                .iter()
                .take_while(move |&&(h, _)| h == k)
                .map(|&(_, e)| e)
        };
        let mut entities: Vec<EntityId> = find(key(query)).collect();
        if entities.is_empty()
            && let Some((exchanges, symbol)) = Exchange::split_listing(&normalize(query))
        {
            let codes: Vec<u8> = exchanges.iter().map(|e| e.index()).collect();
            entities = find(key(symbol))
                .filter(|&e| {
                    self.texts_of(e).any(|i| {
                        self.fields[i as usize] == Field::Symbol
                            && codes.contains(&self.exchanges[i as usize])
                            && self.text(i).eq_ignore_ascii_case(symbol)
                    })
                })
                .collect();
        }
        entities
            .into_iter()
            .map(|e| self.texts_of(e))
            .filter(|r| !r.is_empty())
            .map(|r| r.start)
            .collect()
    }
}
