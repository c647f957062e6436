//! Fuzzy search over symbols, names, aliases, programs and catalysts.
//!
//! Scoring is fuzzy-matcher's skim algorithm. What keeps it inside a frame at 100k entities:
//! a 64-bit character mask per text rejects most texts before scoring, a query that only
//! grew re-scores only the previous matches ([`Session`]), large sets are scored on every
//! core, only the top `limit` are kept (no full sort), and only those get match positions.

use std::cmp::Reverse;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::index::{Index, Resolution};
use crate::model::*;

/// What a search hit points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A company or body.
    Entity(EntityId),
    /// A program.
    Program(ProgramId),
    /// A catalyst.
    Catalyst(CatalystId),
}

impl Target {
    /// The kind as one lower-case word, for output.
    pub fn kind(self) -> &'static str {
        match self {
            Target::Entity(_) => "entity",
            Target::Program(_) => "program",
            Target::Catalyst(_) => "catalyst",
        }
    }
}

/// Which field of a record a searchable text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A ticker symbol.
    Symbol,
    /// The full name or title.
    Name,
    /// An alias.
    Alias,
}

/// Texts longer than this are scored on their first `MAX_CHARS` characters only.
const MAX_CHARS: usize = 96;
/// Below this many candidates one thread is faster than two.
const PARALLEL_FROM: usize = 20_000;

struct Item {
    target: Target,
    field: Field,
    text: Box<str>,
    mask: u64,
    /// First character, lower-cased: single-character queries start with these items.
    first: char,
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// One result: the record, the text that matched and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The record.
    pub target: Target,
    /// Which field matched.
    pub field: Field,
    /// The matched text.
    pub text: &'a str,
    /// Matcher score; exact matches rank above any score.
    pub score: i64,
    /// Whether the query named this record exactly (symbol, alias, name).
    pub exact: bool,
    /// Character positions in `text` that matched, for highlighting.
    pub positions: Vec<usize>,
}

/// Bit set of the (lower-cased) characters of `text`: letters and digits get a bit each,
/// anything else shares the rest by hash. A text can only match a query whose mask it covers.
fn mask(text: &str) -> u64 {
    let mut m = 0u64;
    for c in text.chars() {
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            'A'..='Z' => c as u32 - 'A' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            ' ' => continue,
            _ => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                36 + (lower as u32 % 28)
            }
        };
        m |= 1 << bit;
    }
    m
}

/// Whether `query` (ASCII-lower-cased) is a subsequence of `text`'s bytes, ASCII case
/// ignored. Any skim match is one, so texts that fail are never scored.
fn subsequence(text: &[u8], query: &[u8]) -> bool {
    let mut want = query.iter();
    let Some(mut next) = want.next() else {
        return true;
    };
    for b in text {
        if b.to_ascii_lowercase() == *next {
            match want.next() {
                Some(n) => next = n,
                None => return true,
            }
        }
    }
    false
}

/// A scored candidate: item position and score.
type Scored = (u32, i64);

/// The searchable texts of a dataset.
pub struct Searcher {
    items: Vec<Item>,
    matcher: SkimMatcherV2,
}

/// Remembers the last query and the items it matched, so typing one more character only
/// re-scores those.
#[derive(Default)]
pub struct Session {
    query: String,
    matched: Option<Vec<u32>>,
}

impl Searcher {
    /// Collects every searchable text of `data`.
    pub fn new(data: &Dataset) -> Searcher {
        let mut items = Vec::new();
        let mut push = |target, field, text: &str| {
            let text: String = text.chars().take(MAX_CHARS).collect();
            items.push(Item {
                target,
                field,
                mask: mask(&text),
                first: text.chars().next().map_or(' ', lower),
                text: text.into_boxed_str(),
            })
        };
        for (i, e) in data.entities.iter().enumerate() {
            let t = Target::Entity(EntityId(i as u32));
            for l in &e.listings {
                push(t, Field::Symbol, &l.symbol);
            }
            push(t, Field::Name, &e.name);
            for a in &e.aliases {
                push(t, Field::Alias, a);
            }
        }
        for (i, p) in data.programs.iter().enumerate() {
            push(Target::Program(ProgramId(i as u32)), Field::Name, &p.name);
        }
        for (i, c) in data.catalysts.iter().enumerate() {
            push(
                Target::Catalyst(CatalystId(i as u32)),
                Field::Name,
                &c.title,
            );
        }
        Searcher {
            items,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Scores `candidates` (all items when `None`) against `query`; returns the matches.
    fn score(&self, query: &str, candidates: Option<&[u32]>) -> Vec<Scored> {
        let need = mask(query);
        let folded = query.to_ascii_lowercase();
        let run = |range: &mut dyn Iterator<Item = u32>| -> Vec<Scored> {
            range
                .filter_map(|i| {
                    let item = &self.items[i as usize];
                    if item.mask & need != need
                        || !subsequence(item.text.as_bytes(), folded.as_bytes())
                    {
                        return None;
                    }
                    self.matcher.fuzzy_match(&item.text, query).map(|s| (i, s))
                })
                .collect()
        };
        let all: Vec<u32>;
        let ids: &[u32] = match candidates {
            Some(c) => c,
            None if self.items.len() < PARALLEL_FROM => {
                return run(&mut (0..self.items.len() as u32));
            }
            None => {
                all = (0..self.items.len() as u32).collect();
                &all
            }
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        if ids.len() < PARALLEL_FROM || threads == 1 {
            return run(&mut ids.iter().copied());
        }
        let chunk = ids.len().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = ids
                .chunks(chunk)
                .map(|part| s.spawn(move || run(&mut part.iter().copied())))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("scoring threads do not panic"))
                .collect()
        })
    }

    /// Best `limit` hits for `query`, one per record: exact names first, then by score.
    pub fn search<'a>(&'a self, index: &Index, query: &str, limit: usize) -> Vec<Hit<'a>> {
        self.search_in(index, &mut Session::default(), query, limit)
    }

    /// Like [`search`](Self::search), narrowing the session's previous matches when the query
    /// only grew.
    pub fn search_in<'a>(
        &'a self,
        index: &Index,
        session: &mut Session,
        query: &str,
        limit: usize,
    ) -> Vec<Hit<'a>> {
        let query = query.trim();
        if query.is_empty() {
            *session = Session::default();
            return Vec::new();
        }
        let exact = self.exact(index, query);
        let previous = std::mem::replace(&mut session.query, query.to_string());
        let mut best = match self.first_character(query, limit, &exact) {
            Some(best) => {
                session.matched = None;
                best
            }
            None => {
                // Fuzzy matching is a subsequence test: a longer query matches a subset.
                let narrow = session
                    .matched
                    .as_deref()
                    .filter(|_| query.starts_with(previous.as_str()));
                let scored = self.score(query, narrow);
                session.matched = Some(scored.iter().map(|&(i, _)| i).collect());
                best_per_record(&self.items, query, scored, &exact)
            }
        };
        for &(i, _) in &exact {
            if !best
                .iter()
                .any(|&(j, _, _)| self.items[j as usize].target == self.items[i as usize].target)
            {
                best.push((i, 0, true));
            }
        }
        let rank = |&(i, score, exact): &(u32, i64, bool)| {
            (
                Reverse(exact),
                Reverse(score),
                self.items[i as usize].text.len(),
                i,
            )
        };
        if best.len() > limit {
            best.select_nth_unstable_by_key(limit, rank);
            best.truncate(limit);
        }
        best.sort_unstable_by_key(rank);
        best.into_iter()
            .map(|(i, score, exact)| {
                let item = &self.items[i as usize];
                let positions = self
                    .matcher
                    .fuzzy_indices(&item.text, query)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                Hit {
                    target: item.target,
                    field: item.field,
                    text: &item.text,
                    score,
                    exact,
                    positions,
                }
            })
            .collect()
    }

    /// A one-character query matches nearly everything, but a match on a text's first
    /// character outscores any later one in skim's scoring. So score only the texts that
    /// start with it; if enough records beat the best score a later position could reach,
    /// they are the answer. `None` means the full scan is needed.
    fn first_character(
        &self,
        query: &str,
        limit: usize,
        exact: &[(u32, bool)],
    ) -> Option<Vec<(u32, i64, bool)>> {
        let mut chars = query.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return None;
        };
        let c = lower(c);
        let later_best = [
            'a', 'b', 'A', 'B', '1', '2', ' ', '-', '_', '/', '.', '(', '&', ':',
        ]
        .iter()
        .filter(|&&before| lower(before) != c)
        .flat_map(|&before| {
            c.to_uppercase()
                .chain(std::iter::once(c))
                .map(move |q| format!("{before}{q}"))
        })
        .filter_map(|text| self.matcher.fuzzy_match(&text, query))
        .max()?;
        let starting: Vec<u32> = (0..self.items.len() as u32)
            .filter(|&i| self.items[i as usize].first == c)
            .collect();
        let scored = self.score(query, Some(&starting));
        let best = best_per_record(&self.items, query, scored, exact);
        let safe = best
            .iter()
            .filter(|&&(_, score, _)| score > later_best)
            .count();
        (safe >= limit).then_some(best)
    }

    /// Items that name the query exactly: the resolved entity's items, or a title equal to it.
    fn exact(&self, index: &Index, query: &str) -> Vec<(u32, bool)> {
        let resolved = match index.resolve(query) {
            Resolution::Found(e) => vec![e],
            Resolution::Ambiguous(es) => es,
            Resolution::NotFound => Vec::new(),
        };
        let mut out = Vec::new();
        for e in resolved {
            // Entities' items are contiguous and in entity order.
            let start = self
                .items
                .partition_point(|it| matches!(it.target, Target::Entity(x) if x < e));
            let first = start as u32;
            if self
                .items
                .get(start)
                .is_some_and(|it| it.target == Target::Entity(e))
            {
                out.push((first, true));
            }
        }
        out
    }
}

/// The best-scoring item of each record; items of one record are adjacent.
fn best_per_record(
    items: &[Item],
    query: &str,
    mut scored: Vec<Scored>,
    exact: &[(u32, bool)],
) -> Vec<(u32, i64, bool)> {
    scored.sort_unstable_by_key(|&(i, _)| i);
    let mut out: Vec<(u32, i64, bool)> = Vec::new();
    for (i, score) in scored {
        let target = items[i as usize].target;
        let is_exact = exact
            .iter()
            .any(|&(j, _)| items[j as usize].target == target);
        match out.last_mut() {
            Some(last) if items[last.0 as usize].target == target => {
                // On a tie, a text equal to the query shows best what was named ("SoftBank");
                // otherwise the earlier field (the name before aliases) stays.
                let equal = items[i as usize].text.eq_ignore_ascii_case(query);
                if score > last.1 || (score == last.1 && equal) {
                    *last = (i, score, is_exact);
                }
            }
            _ => out.push((i, score, is_exact)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset of `n` made-up companies with varied names, aliases and symbols.
    fn synthetic(n: usize) -> Dataset {
        let parts = [
            "ka", "Sor", "ti", "Ven", "ra", "xo", "Lum", "de", "s", "Qua", "ne", "o",
        ];
        let mut data = crate::data::DataFiles::embedded().parse().unwrap();
        let template = data.entities[0].clone();
        for i in 0..n {
            let mut e = template.clone();
            let stem: String = (0..3)
                .map(|k| parts[(i * 7 + k * 5 + i / 3) % parts.len()])
                .collect();
            e.id = format!("x{i}");
            e.name = format!(
                "{stem} {} Holdings",
                ["Semi", "ai Labs", "Robo-tech", "(Japan)"][i % 4]
            );
            e.aliases = vec![stem.to_lowercase(), format!("{}{}", &stem[..1], i % 10)];
            e.listings[0].symbol = format!("{}{i}", stem.to_uppercase());
            data.entities.push(e);
        }
        data
    }

    fn rank(hits: &[(u32, i64, bool)], s: &Searcher) -> Vec<(Target, i64)> {
        let mut v: Vec<_> = hits
            .iter()
            .map(|&(i, score, _)| (s.items[i as usize].target, score))
            .collect();
        v.sort_by_key(|&(t, score)| (Reverse(score), t));
        v
    }

    #[test]
    fn first_character_shortcut_agrees_with_the_full_scan() {
        let data = synthetic(3000);
        let searcher = Searcher::new(&data);
        let mut used = 0;
        for c in "abcdefghijklmnopqrstuvwxyz0123456789SKQ".chars() {
            let query = c.to_string();
            let Some(fast) = searcher.first_character(&query, 20, &[]) else {
                continue;
            };
            used += 1;
            let full = best_per_record(&searcher.items, &query, searcher.score(&query, None), &[]);
            let (mut fast, mut full) = (rank(&fast, &searcher), rank(&full, &searcher));
            // Only the top 20 must agree; compare by score (ties may order differently).
            fast.truncate(20);
            full.truncate(20);
            let scores = |v: &[(Target, i64)]| v.iter().map(|x| x.1).collect::<Vec<_>>();
            assert_eq!(scores(&fast), scores(&full), "query {query:?}");
        }
        assert!(used >= 5, "the shortcut was exercised ({used} queries)");
    }

    #[test]
    fn narrowing_gives_the_same_hits_as_a_fresh_search() {
        let data = synthetic(2000);
        let index = Index::new(data);
        let mut session = Session::default();
        let mut typed = String::new();
        for c in "sorti".chars() {
            typed.push(c);
            let narrowed: Vec<_> = index
                .search_in(&mut session, &typed, 50)
                .into_iter()
                .map(|h| (h.target, h.score))
                .collect();
            let fresh: Vec<_> = index
                .search(&typed, 50)
                .into_iter()
                .map(|h| (h.target, h.score))
                .collect();
            assert_eq!(narrowed, fresh, "after typing {typed:?}");
        }
    }

    #[test]
    fn mask_never_rejects_a_match() {
        let m = SkimMatcherV2::default().ignore_case();
        for (text, query) in [
            ("SoftBank", "sb"),
            ("ソフトバンク", "ソフト"),
            ("Sony Group", "SG"),
            ("Ünïcode", "Ün"),
        ] {
            assert!(m.fuzzy_match(text, query).is_some());
            assert_eq!(mask(text) & mask(query), mask(query), "{text} / {query}");
        }
    }
}
