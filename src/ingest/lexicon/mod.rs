//! Every name the extractor knows: the dataset's entities and programs and the reference
//! universe, compiled once into Aho-Corasick automata and listing tables.

mod master;
mod matcher;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use aho_corasick::StartKind;

use super::universe;
use crate::model::{Dataset, EntityId, Exchange, Listing, ProgramId};
pub use master::{Listed, MAX_WORDS, MasterNames, Size, WordHash, fold_word, is_legal, legal_tail};
pub use matcher::{FxHasher, FxMap};
use matcher::{Matcher, PREFIXES};

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
    /// Names of an imported securities master (empty when nothing is imported).
    master: MasterNames,
    /// Bursa Malaysia companies with their names folded and without spaces, built on first
    /// use (a Bursa tag naming a stock by its short name).
    bursa: std::sync::OnceLock<Vec<(usize, String)>>,
    /// Short forms of curated names: the first word of a name whose other words only say
    /// what the company does (`Dixon` of `Dixon Technologies`), for one company only.
    short: FxMap<String, usize>,
}

/// Words that, after a distinctive first word, only say what a company does: the first
/// word alone is how the trade often calls it (`Dixon Technologies`, `Jusung Engineering`).
const DOES: &[&str] = &[
    "Technologies",
    "Technology",
    "Electronics",
    "Electronic",
    "Semiconductor",
    "Semiconductors",
    "Industries",
    "Systems",
    "Solutions",
    "Engineering",
    "Manufacturing",
    "Microsystems",
    "Microelectronics",
];

/// The short forms of curated names (see [`Lexicon::short`]): a first word of four letters
/// or more, capitalised, that no other company's short form or name shares.
fn short_forms(names: &[(String, Named)]) -> FxMap<String, usize> {
    let full: std::collections::HashSet<String> =
        names.iter().map(|(n, _)| n.to_lowercase()).collect();
    let mut out: FxMap<String, Option<usize>> = FxMap::default();
    for (name, named) in names {
        let Named::Known(k) = *named else { continue };
        let words: Vec<&str> = name
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| ",.".contains(c)))
            .filter(|w| !w.starts_with('(') && !is_legal(&fold_word(w)))
            .collect();
        let [first, rest @ ..] = words.as_slice() else {
            continue;
        };
        let distinctive = first.chars().count() >= 4
            && first.chars().next().is_some_and(char::is_uppercase)
            && first.chars().skip(1).all(|c| c.is_lowercase())
            && !full.contains(&first.to_lowercase());
        if !rest.is_empty() && distinctive && rest.iter().all(|w| DOES.contains(w)) {
            let slot = out.entry((*first).to_string()).or_insert(Some(k));
            if *slot != Some(k) {
                *slot = None;
            }
        }
    }
    out.into_iter().filter_map(|(w, k)| Some((w, k?))).collect()
}

/// Ticker-shaped words that are ordinary words or abbreviations: never matched bare.
const NOT_BARE: &[&str] = &[
    "AI", "IT", "ON", "ARM", "ALL", "NOW", "FLEX", "WOLF", "SNOW", "FORM", "ONTO", "SLAB", "ASX",
    "ERIC", "NOK", "CRM", "DLR", "LITE", "CEO", "CFO", "USA", "GDP", "IPO", "ETF", "EPS", "API",
    "CPU", "GPU", "HBM", "EUV", "SOC", "FY", "EU", "UK", "US", "ESG", "CEG", "GEV", "LIN", "TER",
    "STM", "SONY", "META", "DELL", "IBM", "EMR", "ROK", "NEE", "ALB",
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
            capitals: Matcher::empty(StartKind::Anchored),
            prefixes: vec![0; PREFIXES.div_ceil(64)],
            lower: Matcher::empty(StartKind::Anchored),
            lower_prefixes: vec![0; PREFIXES.div_ceil(64)],
            others: Matcher::empty(StartKind::Both),
            others_lead: [false; 256],
            master: MasterNames::default(),
            bursa: std::sync::OnceLock::new(),
            short: FxMap::default(),
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
        lex.short = short_forms(&names);
        lex.build_automaton(names);
        lex
    }

    /// Builds the lexicon of `data`, the shipped universe and a securities master.
    pub fn with_master(data: &Dataset, master: &[Listed]) -> Lexicon {
        let mut lex = Lexicon::new(data);
        lex.add_master(master);
        lex
    }

    /// Indexes a master company's listing: found by tag and symbol, never as a bare word.
    fn index_master_listing(&mut self, k: usize) {
        for l in self.known[k].listings.clone() {
            let key = symbol_key(Some(l.exchange), &l.symbol);
            self.listings.entry((l.exchange, key.clone())).or_insert(k);
            let list = self.symbols.entry(key).or_default();
            if !list.contains(&k) {
                list.push(k);
            }
        }
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

    /// Bursa Malaysia companies and their compact names (folded, lower case, letters, digits
    /// and `&` only, legal form dropped).
    pub fn bursa(&self) -> &[(usize, String)] {
        self.bursa.get_or_init(|| {
            self.known
                .iter()
                .enumerate()
                .filter(|(_, k)| k.listings.iter().any(|l| l.exchange.code() == "MYX"))
                .map(|(i, k)| {
                    let compact = crate::model::names::key(&k.name)
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '&')
                        .collect();
                    (i, compact)
                })
                .collect()
        })
    }

    /// The company a bare US ticker (`NVDA`) names, when that is unambiguous.
    pub fn bare(&self, word: &str) -> Option<usize> {
        self.bare.get(word).copied()
    }

    /// The curated company a short form names (`Dixon` for Dixon Technologies): a candidate
    /// only, which the text must confirm.
    pub fn short(&self, word: &str) -> Option<usize> {
        self.short.get(word).copied()
    }
}
