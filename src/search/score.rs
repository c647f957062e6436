//! Scoring texts against a query, and the bar a text must clear to be worth scoring.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rustc_hash::FxHashSet;

use super::Target;

/// Skim, case ignored, as every search scores.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Scores texts against one query. From three characters on, skim reads bonuses its reused
/// scratch matrix kept from earlier texts, so a text's score would depend on what was scored
/// before it (and could exceed its [ceiling](super::ceiling::Ceiling)); a fresh matcher per
/// text keeps scores a function of text and query alone.
pub struct Scorer {
    reused: Option<SkimMatcherV2>,
}

impl Scorer {
    /// A scorer for `query`.
    pub fn new(query: &str) -> Scorer {
        let short = query.chars().nth(2).is_none();
        Scorer {
            reused: short.then(matcher),
        }
    }

    /// `text`'s score for `query` (the one given to [`Scorer::new`]), if it matches.
    pub fn score(&self, text: &str, query: &str) -> Option<i64> {
        match &self.reused {
            Some(m) => m.fuzzy_match(text, query),
            None => matcher().fuzzy_match(text, query),
        }
    }
}

/// How an item ranks: by score, then its entity's size class (see
/// [`Catalog::size_of`](crate::catalog::Catalog::size_of)), then the shorter text, then the
/// earlier item; greater is better.
pub type Rank = (i64, u8, Reverse<usize>, Reverse<u32>);

/// The rank of the worst of the best `limit` records seen so far. Each record counts with
/// the first item seen of it, ranked at most as well as its best, so the bar is never above
/// the true one. It never sits below its floor, if it has one: the rank just under the least
/// score the results keep.
#[derive(Clone)]
pub struct Bar {
    limit: usize,
    worst: BinaryHeap<Reverse<Rank>>,
    counted: FxHashSet<Target>,
    floor: Option<Rank>,
}

impl Bar {
    /// No records yet, room for `limit`; with `least`, no item scoring under it is admitted.
    pub fn new(limit: usize, least: Option<i64>) -> Bar {
        Bar {
            limit,
            // Grown as records come: a huge `limit` must not be allocated up front.
            worst: BinaryHeap::with_capacity(limit.min(1024) + 1),
            counted: FxHashSet::default(),
            // Above every rank scoring `least - 1`, below every one scoring `least`.
            floor: least.map(|s| (s - 1, u8::MAX, Reverse(0), Reverse(0))),
        }
    }

    /// The bar: the floor, or once `limit` records are in, the worst of them if higher.
    pub fn level(&self) -> Option<Rank> {
        let full = self.limit > 0 && self.worst.len() == self.limit;
        let worst = full.then(|| self.worst.peek().map(|r| r.0)).flatten();
        worst.max(self.floor)
    }

    /// Whether an item ranked at most `best` could still make the results.
    pub fn admits(&self, best: Rank) -> bool {
        self.level().is_none_or(|level| best > level)
    }

    /// Counts `target` at `rank`, unless it was counted before.
    pub fn add(&mut self, target: Target, rank: Rank) {
        if self.counted.insert(target) {
            self.worst.push(Reverse(rank));
            if self.worst.len() > self.limit {
                self.worst.pop();
            }
        }
    }
}
