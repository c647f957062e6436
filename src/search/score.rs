//! Scoring texts against a query, and the bar a text must clear to be worth scoring.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use std::cell::RefCell;

use fuzzy_matcher::skim::{SkimMatcherV2, SkimScoreConfig};
use rustc_hash::FxHashSet;

use super::Target;
use super::ceiling::bonus;

/// Skim, case ignored, as every search scores.
pub fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Scores texts against one query as a fresh skim matcher would, without allocating per
/// text.
///
/// fuzzy-matcher's `SkimMatcherV2` keeps its scratch matrix between calls, and from three
/// query characters on reads bonuses an earlier text left there, so a reused matcher's score
/// depends on what it scored before (and could exceed a text's
/// [ceiling](super::ceiling::Ceiling)). A fresh matcher per text is a function of text and
/// query alone, but builds its thread-local caches anew each time: most of a scan's scoring
/// time. So this runs skim's two-row recurrence (fuzzy-matcher 0.3.7, `fuzzy` without
/// positions, case ignored) on scratch rows it clears per text; a property test holds it to
/// the crate's fresh matcher, which still gives match positions.
pub struct Scorer {
    query: Vec<char>,
    scratch: RefCell<Scratch>,
}

/// One scored text's characters, in-place bonuses and two matrix rows, kept between texts
/// for their allocations only.
#[derive(Default)]
struct Scratch {
    chars: Vec<char>,
    bonuses: Vec<i32>,
    firsts: Vec<usize>,
    rows: [Vec<Cell>; 2],
}

/// A matrix cell: the best score with the query character matched here (`m`) or skipped
/// (`p`), and the consecutive bonus skim carries along a run.
#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

/// fuzzy-matcher's minus infinity, which it adds to as to any score.
const NEG: i32 = i16::MIN as i32;
const FRESH: Cell = Cell {
    m: NEG,
    p: NEG,
    bonus: 0,
};

impl Scorer {
    /// A scorer for `query`.
    pub fn new(query: &str) -> Scorer {
        Scorer {
            query: query.chars().collect(),
            scratch: RefCell::default(),
        }
    }

    /// `text`'s score for the query given to [`Scorer::new`], if it matches.
    pub fn score(&self, text: &str) -> Option<i64> {
        if self.query.is_empty() {
            return Some(0);
        }
        let c = SkimScoreConfig::default();
        let query = &self.query[..];
        let scratch = &mut *self.scratch.borrow_mut();
        let Scratch {
            chars,
            bonuses,
            firsts,
            rows,
        } = scratch;
        chars.clear();
        chars.extend(text.chars());
        // Where each query character first matches, in turn; no match unless all do.
        firsts.clear();
        let mut want = query.iter().peekable();
        for (j, &ch) in chars.iter().enumerate() {
            match want.peek() {
                Some(&&q) if ch.eq_ignore_ascii_case(&q) => {
                    firsts.push(j);
                    want.next();
                }
                Some(_) => {}
                None => break,
            }
        }
        if want.peek().is_some() {
            return None;
        }
        let cols = chars.len() + 1;
        bonuses.clear();
        bonuses.push(0);
        let mut prev = '\0';
        for &ch in chars.iter() {
            bonuses.push(bonus(&c, prev, ch) as i32);
            prev = ch;
        }
        bonuses[1] *= c.bonus_first_char_multiplier;
        for row in rows.iter_mut() {
            row.clear();
            row.resize(cols, FRESH);
        }
        for cell in rows[0].iter_mut() {
            cell.p = c.gap_extension;
        }
        for (i, &q) in query.iter().enumerate() {
            // Row `i + 1` of the matrix in `rows[(i + 1) % 2]`, over row `i`; cells the crate
            // does not write keep what an earlier row left, as the crate's do.
            let [even, odd] = rows;
            let (cur, prev) = if i % 2 == 0 {
                (odd, &*even)
            } else {
                (even, &*odd)
            };
            for col in firsts[i] + 1..cols {
                let ch = chars[col - 1];
                if ch.eq_ignore_ascii_case(&q) {
                    let matched = if ch == q {
                        c.score_match
                    } else {
                        (c.score_match + c.penalty_case_mismatch).max(0)
                    };
                    let here = bonuses[col];
                    let run = cur[col - 1].bonus.max(here.max(c.bonus_consecutive));
                    cur[col - 1].bonus = run;
                    let after = prev[col - 1];
                    cur[col].m = (after.m + run).max(after.p + here) + matched;
                } else {
                    cur[col].m = NEG;
                    cur[col].bonus = 0;
                }
                let last = cur[col - 1];
                cur[col].p = (c.gap_start + c.gap_extension + last.m).max(c.gap_extension + last.p);
            }
        }
        let last = &rows[query.len() % 2];
        let best = last[firsts[query.len() - 1]..]
            .iter()
            .map(|cell| cell.m)
            .max();
        best.map(i64::from)
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

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use proptest::prelude::*;

    /// The crate's score with a matcher that has scored nothing before.
    fn fresh(text: &str, query: &str) -> Option<i64> {
        matcher().fuzzy_match(text, query)
    }

    #[test]
    fn scores_as_a_fresh_matcher_does() {
        for (text, query) in [
            ("Teradyne, Inc.", "ter"),
            ("Taiwan Semiconductor Manufacturing", "tsm"),
            ("Sony Group", "SG"),
            ("soft", "soft"),
            ("SOFTBANK", "soft"),
            ("Ünïcode Ltd", "ün"),
            ("ソフトバンクグループ", "ソフト"),
            (" é-A1éé11", "111"),
            ("abc", "abcd"),
            ("", "a"),
        ] {
            let scorer = Scorer::new(query);
            assert_eq!(scorer.score(text), fresh(text, query), "{text:?}/{query:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn one_scorer_over_many_texts_agrees_with_a_fresh_matcher_per_text(
            texts in prop::collection::vec("[a-cA-C1 ./(_é-]{0,24}", 1..30),
            query in "[a-cA-C1 ./(_é-]{1,6}",
        ) {
            // One scorer for every text, as a scan uses it: nothing one text leaves may
            // change the next one's score.
            let scorer = Scorer::new(&query);
            for text in &texts {
                prop_assert_eq!(scorer.score(text), fresh(text, &query), "{:?}/{:?}", text, query);
            }
        }
    }
}
