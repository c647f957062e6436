//! Article ingestion: plain text in, tickers, money and dated catalysts out.
//!
//! Extraction is a pure function of the text, the article's date and the lexicon (dataset
//! plus the reference universe in `assets/`): [`Extractor::extract`] for a whole text, or a
//! [`Session`] fed line by line so a file of any size runs in bounded memory. Reading files
//! lives in [`article`], turning findings into dataset records in [`merge`], output in
//! [`report`].

pub mod article;
mod boilerplate;
mod dates;
mod entities;
mod findings;
pub mod lexicon;
pub mod merge;
mod money;
pub mod report;
mod scan;
pub mod universe;

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use chrono::NaiveDate;

pub use article::{Article, AsOfSource, IngestError, Notice, read_paths};
pub use findings::{CatalystHit, EntityHit, Findings, LinkHit, MoneyHit, ProgramHit};
pub use lexicon::Lexicon;
pub use merge::load_with_articles;

use crate::model::{Dataset, Exchange, FiscalCalendar, When};
use boilerplate::Boilerplate;
use entities::Who;
use lexicon::Named;
use scan::Tokens;

/// Most distinct findings (of all kinds) kept per article; later ones are dropped.
pub const MAX_DISTINCT: usize = 20_000;
/// Longest paragraph handed to the scanners at once, in bytes.
pub const MAX_PARAGRAPH: usize = 64 * 1024;

/// The extractor: a lexicon built once, used for any number of articles.
pub struct Extractor {
    lexicon: Lexicon,
}

impl Extractor {
    /// An extractor for `data`'s entities and programs plus the shipped universe.
    pub fn new(data: &Dataset) -> Extractor {
        Extractor {
            lexicon: Lexicon::new(data),
        }
    }

    /// An extractor that also links the companies of a securities master.
    pub fn with_master(data: &Dataset, master: &[lexicon::Listed]) -> Extractor {
        Extractor {
            lexicon: Lexicon::with_master(data, master),
        }
    }

    /// The names and listings it knows.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// A session for one article dated `as_of`, fed line by line.
    pub fn session(&self, as_of: NaiveDate) -> Session<'_> {
        Session {
            ex: self,
            as_of,
            noise: Boilerplate::new(),
            para: String::new(),
            para_line: 0,
            findings: Findings::default(),
            seen: HashSet::default(),
            tokens: scan::Buffers::default(),
            cues: (0, 0),
            dollar: None,
            countries: 0,
        }
    }

    /// Extracts from a whole text. The article's date is its `Date:`/`Published` line if it
    /// has one, else `fallback`; returns that date with the findings.
    pub fn extract(&self, text: &str, fallback: NaiveDate) -> (NaiveDate, Findings) {
        let as_of = article::find_date_line(text.lines(), fallback).unwrap_or(fallback);
        let mut session = self.session(as_of);
        session.prime(text.lines().take(article::HEAD_LINES));
        for (n, line) in text.lines().enumerate() {
            session.line(line, n + 1);
        }
        (as_of, session.finish())
    }
}

/// Extraction of one article in progress: lines go in, paragraphs are scanned as they close.
pub struct Session<'a> {
    ex: &'a Extractor,
    as_of: NaiveDate,
    noise: Boilerplate,
    para: String,
    para_line: usize,
    findings: Findings,
    seen: HashSet<Key, BuildHasherDefault<lexicon::FxHasher>>,
    /// Token buffer reused from paragraph to paragraph.
    tokens: scan::Buffers,
    /// Japan and US cues of the article's first lines and of paragraphs with fiscal years,
    /// for fiscal years a paragraph does not place.
    cues: (usize, usize),
    /// What a bare `$` means in this article, from its opening lines, and the rule that said so.
    dollar: Option<(crate::model::Currency, &'static str)>,
    /// Countries the article has named so far: evidence for linking master names.
    countries: u32,
}

/// Collapses a mention's text onto one line.
fn one_line(text: &str) -> String {
    let text = crate::text::sanitize(text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Session<'_> {
    /// Feeds line `number` (1-based) of the article.
    pub fn line(&mut self, line: &str, number: usize) {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            self.noise.blank();
            self.flush();
            return;
        }
        if self.noise.is_noise(line) {
            self.flush();
            return;
        }
        if self.findings.title.is_none() {
            let title = one_line(line);
            self.findings.title = Some(title.chars().take(160).collect());
        }
        // A line longer than a paragraph is scanned in pieces cut after a space.
        let mut rest = line;
        loop {
            if self.para.is_empty() {
                self.para_line = number;
            }
            if self.para.len() + rest.len() < MAX_PARAGRAPH {
                self.para.push_str(rest);
                self.para.push('\n');
                return;
            }
            if !self.para.is_empty() {
                self.flush();
                continue;
            }
            let mut cut = (MAX_PARAGRAPH - 1).min(rest.len());
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Some(space) = rest[..cut].rfind(' ').filter(|&p| p + 4096 > cut) {
                cut = space + 1;
            }
            if cut == 0 {
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            self.para.push_str(&rest[..cut]);
            rest = &rest[cut..];
            self.flush();
        }
    }

    /// Counts the places the article's first lines name, so a fiscal year in the headline
    /// already knows whose calendar the article uses.
    pub fn prime<'l>(&mut self, head: impl Iterator<Item = &'l str>) {
        for line in head {
            let (jp, us) = dates::calendar_cues(&Tokens::new(line));
            self.cues = (self.cues.0 + jp, self.cues.1 + us);
            if self.dollar.is_none() {
                self.dollar = money::dollar_cue(line);
            }
            self.countries |= entities::linker::countries_in(&Tokens::new(line));
        }
    }

    /// Closes the article and returns what it found.
    pub fn finish(mut self) -> Findings {
        self.flush();
        self.findings
    }

    /// Whether a finding is new: `Some(true)` the first time, `Some(false)` after, `None`
    /// once [`MAX_DISTINCT`] findings are kept.
    fn keep(&mut self, key: Key) -> Option<bool> {
        if self.seen.contains(&key) {
            return Some(false);
        }
        if self.seen.len() >= MAX_DISTINCT {
            self.findings.truncated = true;
            return None;
        }
        self.seen.insert(key);
        Some(true)
    }

    fn flush(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let para = std::mem::take(&mut self.para);
        self.scan(&para);
        self.para = para;
        self.para.clear();
    }

    fn scan(&mut self, para: &str) {
        let ex = self.ex;
        let lex = &ex.lexicon;
        let t = Tokens::reusing(para, std::mem::take(&mut self.tokens));
        let base = self.para_line;
        let line = |at: usize| base + t.line_of(at);
        let names = lex.names_in(&t);
        // The countries named so far confirm master names and short forms of curated ones.
        self.countries |= entities::linker::countries_in(&t);
        let mentions = entities::find(&t, lex, &names, self.countries);
        let fiscal = match self.cues {
            (0, 0) => None,
            (jp, us) if us > jp => Some(FiscalCalendar::Us),
            _ => Some(FiscalCalendar::Japan),
        };

        fn symbol<'s>(lex: &'s Lexicon, m: &'s entities::Mention) -> &'s str {
            match &m.who {
                Who::Known(k) => lex.known[*k].symbol.as_str(),
                Who::New { symbol, .. } => symbol.as_str(),
            }
        }

        for m in &mentions {
            let key = match &m.who {
                Who::Known(k) => Key::Known(*k),
                Who::New {
                    symbol, exchange, ..
                } => Key::New(*exchange, symbol.clone()),
            };
            if self.keep(key) != Some(true) {
                continue;
            }
            let text = one_line(&para[m.start..m.end]);
            let hit = match &m.who {
                Who::Known(k) => {
                    let kn = &lex.known[*k];
                    EntityHit {
                        symbol: kn.symbol.clone(),
                        exchange: kn.exchange,
                        name: kn.name.clone(),
                        listed: !kn.listings.is_empty(),
                        known: Some(*k),
                        text,
                        line: line(m.start),
                    }
                }
                Who::New {
                    symbol,
                    exchange,
                    name,
                } => EntityHit {
                    symbol: symbol.clone(),
                    exchange: Some(*exchange),
                    name: one_line(name),
                    listed: true,
                    known: None,
                    text,
                    line: line(m.start),
                },
            };
            self.findings.entities.push(hit);
        }

        let mut programs: Vec<(usize, usize)> = Vec::new();
        for h in &names {
            if let Named::Program(p) = h.named {
                programs.push((h.start, p));
                if self.keep(Key::Program(p)) == Some(true) {
                    self.findings.programs.push(ProgramHit {
                        program: p,
                        text: one_line(&para[h.start..h.end]),
                        line: line(h.start),
                    });
                }
            }
        }

        // A company and a program in one sentence: a possible link, once per pair.
        for &(at, p) in &programs {
            let sentence = t.sentence_at(at);
            for m in &mentions {
                if t.sentence_at(m.start) != sentence {
                    continue;
                }
                let sym = symbol(lex, m);
                if self.keep(Key::Link(sym.to_string(), p)) == Some(true) {
                    self.findings.links.push(LinkHit {
                        symbol: sym.to_string(),
                        program: p,
                        line: line(m.start),
                        sentence: one_line(t.sentence_text(sentence)),
                    });
                }
            }
        }

        // A later statement (`All figures are in Canadian dollars`) decides the `$` after it.
        if self.dollar.is_none() && dollars().find(para.as_bytes()).is_some() {
            self.dollar = money::dollar_statement(para);
        }
        for mut a in money::find(&t) {
            let mut rule = None;
            if a.bare_dollar
                && let Some((currency, why)) = self.dollar
            {
                a.money.currency = currency;
                rule = Some(why);
            }
            let key = Key::Money(
                a.money.currency.code(),
                a.money.amount.to_bits(),
                a.upper.map(f64::to_bits),
            );
            match self.keep(key) {
                Some(true) => {
                    let sentence = t.sentence_at(a.start);
                    let program = programs
                        .iter()
                        .find(|(at, _)| t.sentence_at(*at) == sentence)
                        .map(|(_, p)| *p);
                    self.findings.money.push(MoneyHit {
                        money: a.money,
                        upper: a.upper,
                        qualifier: a.qualifier,
                        per_share: a.per_share,
                        rule,
                        text: one_line(&para[a.start..a.end]),
                        line: line(a.start),
                        program,
                        sentence: one_line(t.sentence_text(sentence)),
                    })
                }
                // A later mention may state the dollar figure the first one left out.
                Some(false) if a.money.usd.is_some() => {
                    let first = self.findings.money.iter_mut().find(|h| {
                        h.money.currency == a.money.currency
                            && h.money.amount == a.money.amount
                            && h.money.usd.is_none()
                    });
                    if let Some(hit) = first {
                        hit.money.usd = a.money.usd;
                    }
                }
                _ => {}
            }
        }

        let ctx = dates::Context {
            as_of: self.as_of,
            fiscal,
            countries: self.countries,
        };
        let mut cues = self.cues;
        let found = dates::find(&t, &ctx, &mut cues);
        self.cues = cues;
        // Sentence and line of each mention, for the entities of a catalyst.
        let places: Vec<(usize, usize)> = if found.is_empty() {
            Vec::new()
        } else {
            mentions
                .iter()
                .map(|m| (t.sentence_at(m.start), t.line_of(m.start)))
                .collect()
        };
        for d in found {
            if d.when.end() <= self.as_of {
                self.findings.history += 1;
                continue;
            }
            let sentence = t.sentence_at(d.start);
            // Entities of the same sentence, else of the same line.
            let here = t.line_of(d.start);
            let in_sentence = places.iter().any(|(s, _)| *s == sentence);
            let mut entities: Vec<&str> = Vec::new();
            for (m, (s, l)) in mentions.iter().zip(&places) {
                let near = if in_sentence {
                    *s == sentence
                } else {
                    *l == here
                };
                if near && !entities.contains(&symbol(lex, m)) {
                    entities.push(symbol(lex, m));
                }
            }
            let program = programs
                .iter()
                .find(|(at, _)| t.sentence_at(*at) == sentence)
                .map(|(_, p)| *p);
            match self.keep(Key::Catalyst(d.when)) {
                Some(true) => self.findings.catalysts.push(CatalystHit {
                    date: d.when,
                    text: one_line(&para[d.start..d.end]),
                    line: line(d.start),
                    entities: entities.iter().map(|e| e.to_string()).collect(),
                    program,
                    sentence: one_line(t.sentence_text(sentence)),
                }),
                Some(false) => {
                    if let Some(c) = self
                        .findings
                        .catalysts
                        .iter_mut()
                        .find(|c| c.date == d.when)
                    {
                        for e in entities {
                            if !c.entities.iter().any(|x| x == e) {
                                c.entities.push(e.to_string());
                            }
                        }
                        c.program = c.program.or(program);
                    }
                }
                None => {}
            }
        }
        self.tokens = t.into_buffers();
    }
}

/// A searcher for ` dollars`, built once: most paragraphs are searched for it.
fn dollars() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(" dollars"))
}

/// What makes two findings of an article the same.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Known(usize),
    New(Exchange, String),
    Program(usize),
    Link(String, usize),
    Money(&'static str, u64, Option<u64>),
    Catalyst(When),
}
