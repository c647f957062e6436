//! Fuzzy search over symbols, names, aliases, programs and catalysts.
//!
//! Scoring is fuzzy-matcher's skim algorithm. What keeps it inside a frame at 100k entities:
//! a 64-bit character mask per text rejects most texts before scoring, a query that only
//! grew re-scores only the previous matches ([`Session`]), large sets are scored on every
//! core, only the top `limit` are kept (no full sort), and only those get match positions.

use std::cmp::Reverse;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::catalog::{Catalog, lower, mask};
use crate::model::*;

/// What a search hit points at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Field {
    /// A ticker symbol.
    Symbol,
    /// The full name or title.
    Name,
    /// An alias.
    Alias,
}

/// Below this many candidates one thread is faster than two.
const PARALLEL_FROM: usize = 20_000;

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
    catalog: Catalog,
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
    /// Searches `data`'s texts.
    pub fn new(data: &Dataset) -> Searcher {
        Searcher::from_catalog(Catalog::new(data))
    }

    /// Searches a catalog built earlier (or read from the cache).
    pub fn from_catalog(catalog: Catalog) -> Searcher {
        Searcher {
            catalog,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The texts and labels searched.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Scores `candidates` (all items when `None`) against `query`; returns the matches.
    fn score(&self, query: &str, candidates: Option<&[u32]>) -> Vec<Scored> {
        let need = mask(query);
        let folded = query.to_ascii_lowercase();
        let run = |range: &mut dyn Iterator<Item = u32>| -> Vec<Scored> {
            range
                .filter_map(|i| {
                    let text = self.catalog.text(i);
                    if self.catalog.mask_of(i) & need != need
                        || !subsequence(text.as_bytes(), folded.as_bytes())
                    {
                        return None;
                    }
                    self.matcher.fuzzy_match(text, query).map(|s| (i, s))
                })
                .collect()
        };
        let all: Vec<u32>;
        let ids: &[u32] = match candidates {
            Some(c) => c,
            None if self.catalog.len() < PARALLEL_FROM => {
                return run(&mut (0..self.catalog.len() as u32));
            }
            None => {
                all = (0..self.catalog.len() as u32).collect();
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
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        self.search_in(&mut Session::default(), query, limit)
    }

    /// Like [`search`](Self::search), narrowing the session's previous matches when the query
    /// only grew.
    pub fn search_in(&self, session: &mut Session, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let query = query.trim();
        if query.is_empty() {
            *session = Session::default();
            return Vec::new();
        }
        let exact = self.catalog.exact(query);
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
                best_per_record(&self.catalog, query, scored, &exact)
            }
        };
        let target = |i: u32| self.catalog.target(i);
        for &i in &exact {
            if !best.iter().any(|&(j, _, _)| target(j) == target(i)) {
                best.push((i, 0, true));
            }
        }
        let rank = |&(i, score, exact): &(u32, i64, bool)| {
            (
                Reverse(exact),
                Reverse(score),
                self.catalog.text(i).len(),
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
                let text = self.catalog.text(i);
                let positions = self
                    .matcher
                    .fuzzy_indices(text, query)
                    .map(|(_, p)| p)
                    .unwrap_or_default();
                Hit {
                    target: self.catalog.target(i),
                    field: self.catalog.field(i),
                    text,
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
        exact: &[u32],
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
        let starting: Vec<u32> = (0..self.catalog.len() as u32)
            .filter(|&i| self.catalog.first(i) == c)
            .collect();
        let scored = self.score(query, Some(&starting));
        let best = best_per_record(&self.catalog, query, scored, exact);
        let safe = best
            .iter()
            .filter(|&&(_, score, _)| score > later_best)
            .count();
        (safe >= limit).then_some(best)
    }
}

/// The best-scoring item of each record; items of one record are adjacent.
fn best_per_record(
    items: &Catalog,
    query: &str,
    mut scored: Vec<Scored>,
    exact: &[u32],
) -> Vec<(u32, i64, bool)> {
    scored.sort_unstable_by_key(|&(i, _)| i);
    let mut out: Vec<(u32, i64, bool)> = Vec::new();
    for (i, score) in scored {
        let target = items.target(i);
        let is_exact = exact.iter().any(|&j| items.target(j) == target);
        match out.last_mut() {
            Some(last) if items.target(last.0) == target => {
                // On a tie, a text equal to the query shows best what was named ("SoftBank");
                // otherwise the earlier field (the name before aliases) stays.
                let equal = items.text(i).eq_ignore_ascii_case(query);
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
    use crate::index::Index;

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
            .map(|&(i, score, _)| (s.catalog.target(i), score))
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
            let full =
                best_per_record(&searcher.catalog, &query, searcher.score(&query, None), &[]);
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
