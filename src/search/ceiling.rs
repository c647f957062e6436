//! The highest score skim can give a text, for queries of one or two characters.
//!
//! Such queries match most of a large catalog, and scoring every match costs tens of
//! milliseconds, but only a few matches score near the top. [`Ceiling::of`] bounds a text's
//! score in a few nanoseconds, without allocating, so search scores only the texts whose
//! ceiling could still reach the results. And since skim's first column gets the head bonus
//! twice over, a text starting with the query's first character beats every other text's
//! bound, [`Ceiling::elsewhere`], often enough that the others need no look at all.
//!
//! The figures follow from the recurrences of fuzzy-matcher 0.3.7 (`skim.rs`, case ignored):
//! - the empty-query row scores `gap_extension` everywhere, so the query's first character
//!   matched at column `j` scores `match + bonus(j) + gap_extension`, where `bonus` is
//!   `bonus_head * bonus_first_char_multiplier` on the first column and at most `bonus_head`
//!   on any other;
//! - the second character adds `match + max(bonus(j), bonus_consecutive)` right after the
//!   first, or `match + bonus(j)` plus a gap (`gap_start + gap_extension` or worse) later.
//!   The carried bonus it reads comes from a row reset for each text, so it adds nothing.
//!
//! From the third character on, skim reads bonuses left over from earlier texts (its scratch
//! matrix is reused), so no ceiling is claimed there. A property test checks these ceilings
//! against the matcher itself.

use fuzzy_matcher::skim::SkimScoreConfig;

/// Score ceilings for one short query.
pub struct Ceiling {
    first: char,
    second: Option<char>,
    config: SkimScoreConfig,
}

impl Ceiling {
    /// Ceilings for `query`, if it is one or two characters long.
    pub fn new(query: &str) -> Option<Ceiling> {
        let mut chars = query.chars();
        let first = chars.next()?;
        let second = chars.next();
        if chars.next().is_some() {
            return None;
        }
        Some(Ceiling {
            first,
            second,
            config: SkimScoreConfig::default(),
        })
    }

    /// The query's first character.
    pub fn first(&self) -> char {
        self.first
    }

    /// What matching `c` against query character `q` scores (`q` matches `c` ignoring case).
    fn matched(&self, c: char, q: char) -> i64 {
        let penalty = if c == q {
            0
        } else {
            self.config.penalty_case_mismatch
        };
        i64::from(self.config.score_match + penalty)
    }

    /// Skim's bonus for a character `cur` that follows `prev` (its `CharRole`).
    fn bonus(&self, prev: char, cur: char) -> i64 {
        let hard = matches!(
            prev,
            '\0' | ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}'
        );
        let soft = matches!(prev, '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~');
        i64::from(if hard {
            self.config.bonus_head
        } else if soft {
            self.config.bonus_break
        } else if cur.is_ascii_uppercase() && !prev.is_ascii_uppercase() {
            self.config.bonus_camel
        } else {
            0
        })
    }

    /// The most any text whose first character is not the query's first can score.
    pub fn elsewhere(&self) -> i64 {
        let c = &self.config;
        let first = i64::from(c.score_match + c.bonus_head + c.gap_extension);
        let step = i64::from(c.score_match + c.bonus_head.max(c.bonus_consecutive));
        first + self.second.map_or(0, |_| step)
    }

    /// The most `text` can score: skim's recurrence with every gap priced as the shortest,
    /// so exact for one character and at most a few points high for two. `i64::MIN` if the
    /// query is not in it.
    pub fn of(&self, text: &str) -> i64 {
        let c = &self.config;
        let (gap, consecutive) = (
            i64::from(c.gap_start + c.gap_extension),
            i64::from(c.bonus_consecutive),
        );
        let mut prev = '\0';
        // The best first-character match ending just before this column, and any earlier.
        let (mut adjacent, mut earlier) = (i64::MIN, i64::MIN);
        let mut best = i64::MIN;
        for (col, ch) in text.chars().enumerate() {
            let is_second = self.second.is_some_and(|q| ch.eq_ignore_ascii_case(&q));
            let is_first = ch.eq_ignore_ascii_case(&self.first);
            if !(is_first || is_second) {
                // Most characters are neither: only the bookkeeping moves on.
                earlier = earlier.max(adjacent);
                adjacent = i64::MIN;
                prev = ch;
                continue;
            }
            let mut bonus = self.bonus(prev, ch);
            if col == 0 {
                bonus *= i64::from(c.bonus_first_char_multiplier);
            }
            if let Some(q1) = self.second.filter(|_| is_second) {
                let m = self.matched(ch, q1);
                let next = adjacent.saturating_add(bonus.max(consecutive) + m);
                best = best.max(next).max(earlier.saturating_add(gap + bonus + m));
            }
            earlier = earlier.max(adjacent);
            adjacent = if is_first {
                self.matched(ch, self.first) + bonus + i64::from(c.gap_extension)
            } else {
                i64::MIN
            };
            if self.second.is_none() {
                best = best.max(adjacent);
            }
            prev = ch;
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    fn lower(c: char) -> char {
        crate::catalog::lower(c)
    }

    #[test]
    fn the_ceilings_are_reached() {
        let m = SkimMatcherV2::default().ignore_case();
        for (text, query) in [
            ("to", "to"),
            ("Tokyo", "to"),
            ("s", "s"),
            ("Semi", "s"),
            ("Zen Data", "da"),
            ("Zen Data", "d"),
        ] {
            let c = Ceiling::new(query).unwrap();
            assert_eq!(
                m.fuzzy_match(text, query),
                Some(c.of(text)),
                "{text}/{query}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn no_text_scores_above_its_ceiling(
            texts in prop::collection::vec("[a-cA-C1 ./(_é-]{0,12}", 1..40),
            query in "[a-cA-C1 ./(_é-]{1,2}",
        ) {
            let query = query.trim();
            prop_assume!(!query.is_empty());
            let m = SkimMatcherV2::default().ignore_case();
            let c = Ceiling::new(query).unwrap();
            for text in &texts {
                let Some(score) = m.fuzzy_match(text, query) else { continue };
                prop_assert!(score <= c.of(text), "{text:?}/{query:?}: {score} > {}", c.of(text));
                let starts = text.chars().next().map(lower) == Some(lower(c.first()));
                if !starts {
                    prop_assert!(score <= c.elsewhere(), "{text:?}/{query:?} elsewhere");
                }
            }
        }
    }
}
