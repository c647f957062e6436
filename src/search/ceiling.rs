//! The highest score skim can give a text for a query, computed without scoring it.
//!
//! Short queries match most of a large catalog, and scoring every match costs tens of
//! milliseconds, but only a few matches score near the top. [`Ceiling::of`] bounds a text's
//! score in one pass over its characters, without allocating, so search scores only the texts
//! whose ceiling could still reach the results. And since skim's first column gets the head
//! bonus twice over, texts starting with the query's first character often beat every other
//! text's bound, [`Ceiling::elsewhere`], so the others need no look at all.
//!
//! The figures follow from the recurrences of fuzzy-matcher 0.3.7 (`skim.rs`, case ignored):
//! - the empty-query row scores `gap_extension` everywhere, so the query's first character
//!   matched at column `j` scores `match + bonus(j) + gap_extension`, where `bonus` is
//!   `bonus_head * bonus_first_char_multiplier` on the first column and at most `bonus_head`
//!   on any other;
//! - each further character adds `match + max(bonus(j), bonus_consecutive)` right after the
//!   previous one, or `match + bonus(j)` plus a gap (`gap_start + gap_extension` or worse).
//!
//! That last step holds only if the matcher starts each text with a clean scratch matrix:
//! skim reuses it, and from the third query character on reads bonuses an earlier text left
//! there (" é-A1éé11" scores 49 for "111" after "A1é_1(A 1A A(", over its 47). So search
//! scores every text as a fresh matcher would (`Scorer`). A property test checks the
//! ceilings against the crate's matcher used that way.

use fuzzy_matcher::skim::SkimScoreConfig;

use super::heads::{Marks, bit, pair};

/// What skim's bonus for the character after an ASCII one depends on (its `CharType`).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A word's head follows (`\0`, space, slashes, bars, brackets).
    Hard,
    /// A word break follows (other punctuation).
    Soft,
    /// A capital after it is camel case.
    Lower,
    /// A capital after it is not.
    Upper,
}

/// Each ASCII character's [`Kind`], looked up per character of every text scored.
const KINDS: [Kind; 128] = {
    let mut kinds = [Kind::Lower; 128];
    let mut c = 0;
    while c < 128 {
        let ch = c as u8;
        kinds[c] = match ch {
            b'\0' | b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => {
                Kind::Hard
            }
            b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => Kind::Soft,
            b'A'..=b'Z' => Kind::Upper,
            _ => Kind::Lower,
        };
        c += 1;
    }
    kinds
};

/// `c`'s [`Kind`]: skim counts every character beyond ASCII as lower case.
fn kind(c: char) -> Kind {
    KINDS.get(c as usize).copied().unwrap_or(Kind::Lower)
}

/// Skim's bonus for a character `cur` that follows `prev` (its `CharRole`).
pub(super) fn bonus(config: &SkimScoreConfig, prev: char, cur: char) -> i64 {
    i64::from(match kind(prev) {
        Kind::Hard => config.bonus_head,
        Kind::Soft => config.bonus_break,
        Kind::Lower if kind(cur) == Kind::Upper => config.bonus_camel,
        _ => 0,
    })
}

/// Whether skim gives a bonus to character `cur` after `prev`: those are the places where
/// a text can score above [`Ceiling::nowhere`].
pub fn bonus_at(prev: char, cur: char) -> bool {
    bonus(&SkimScoreConfig::default(), prev, cur) > 0
}

/// Score ceilings for one short query.
pub struct Ceiling {
    query: Vec<char>,
    /// The query's ASCII characters in both cases, as a bit set: most text characters are
    /// none of them, and this tells so in one step.
    ascii: u128,
    config: SkimScoreConfig,
    /// What [`by_marks`](Self::by_marks) looks for in every text's marks, and what each
    /// query character can add by what it finds: worked out once per query.
    wants: Vec<Want>,
    /// What a query character past the first adds after a gap: at no bonus place; at one,
    /// as the query spells it; and at one as a capital the query does not spell.
    gapped: i64,
    headed: i64,
    capital: i64,
}

/// One query character, as [`Ceiling::by_marks`] reads marks for it.
struct Want {
    /// Its [`bit`].
    bit: u32,
    /// The [`pair`] it makes with the one before (past the first).
    pair: u8,
    /// Whether the query spells it as a lower-case ASCII letter, so matching it as a
    /// capital costs the case mismatch.
    cased: bool,
    /// Its best [step](Ceiling::step) (past the first).
    step: i64,
    /// What it can add (past the first) by what a text's marks say, as
    /// [`term`](Want::term) looks it up: a table, not branches, since search bounds every
    /// text by its marks when it must look at all of them, and the branches go either way.
    terms: [i64; 8],
}

impl Want {
    /// The most this character (not the first) can add to a text with `marks`: its best
    /// step if it may come `next` to the one before; else after a gap, at a bonus place if
    /// it may be held at one (less the case mismatch if only as a capital the query does
    /// not spell), or with no bonus.
    fn term(&self, marks: &Marks, next: bool) -> i64 {
        let bonused = marks.bonused & self.bit != 0;
        let lower = marks.lower & self.bit != 0;
        self.terms[usize::from(next) << 2 | usize::from(bonused) << 1 | usize::from(lower)]
    }
}

/// Longer queries get no ceiling (they match few texts anyway).
const MAX_QUERY: usize = 16;

impl Ceiling {
    /// Ceilings for `query`, unless it is empty or longer than [`MAX_QUERY`] characters.
    pub fn new(query: &str) -> Option<Ceiling> {
        let query: Vec<char> = query.chars().collect();
        let ascii = query.iter().filter(|c| c.is_ascii()).fold(0u128, |set, c| {
            set | 1 << c.to_ascii_lowercase() as u32 | 1 << c.to_ascii_uppercase() as u32
        });
        (!query.is_empty() && query.len() <= MAX_QUERY).then(|| {
            let config = SkimScoreConfig::default();
            let gapped = i64::from(config.score_match + config.gap_start + config.gap_extension);
            let headed = gapped + i64::from(config.bonus_head);
            let capital = gapped.max(headed + i64::from(config.penalty_case_mismatch));
            let mut ceiling = Ceiling {
                query,
                ascii,
                config,
                wants: Vec::new(),
                gapped,
                headed,
                capital,
            };
            ceiling.wants = (0..ceiling.query.len())
                .map(|r| {
                    let q = &ceiling.query;
                    let cased = q[r].is_ascii_lowercase();
                    let step = if r == 0 { 0 } else { ceiling.step(r) };
                    let terms = std::array::from_fn(|at| match (at >> 2, at >> 1 & 1, at & 1) {
                        (1, _, _) => step,
                        (_, 0, _) => ceiling.gapped,
                        (_, _, 0) if cased => ceiling.capital,
                        _ => ceiling.headed,
                    });
                    Want {
                        bit: bit(q[r]),
                        pair: if r == 0 { 0 } else { pair(q[r - 1], q[r]) },
                        cased,
                        step,
                        terms,
                    }
                })
                .collect();
            ceiling
        })
    }

    /// The query's first character.
    pub fn first(&self) -> char {
        self.query[0]
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
        bonus(&self.config, prev, cur)
    }

    /// The most any text whose first character is not the query's first can score: that
    /// character at best at a word's head, then each further one at its best [step](Self::step).
    pub fn elsewhere(&self) -> i64 {
        let c = &self.config;
        i64::from(c.score_match + c.bonus_head + c.gap_extension) + self.steps()
    }

    /// The most a text can score that holds the query's first character neither first nor
    /// anywhere skim gives a bonus (see [`bonus_at`]): that character with no bonus, then
    /// each further one at its best step. The texts above it are few and listed by
    /// [`super::heads::Heads`], so search need not look at the others.
    pub fn nowhere(&self) -> i64 {
        let c = &self.config;
        i64::from(c.score_match + c.gap_extension) + self.steps()
    }

    /// The most a text not starting with the query's first character can score, told by
    /// its [`Marks`] alone. The first query character scores as
    /// [`elsewhere`](Self::elsewhere) if it may be at a bonus place, else as
    /// [`nowhere`](Self::nowhere); each further one as [`term`](Want::term) tells, next to
    /// the one before if their pair may be held.
    pub fn by_marks(&self, marks: &Marks) -> i64 {
        let c = &self.config;
        let first = &self.wants[0];
        let head = if marks.bonused & first.bit == 0 {
            0
        } else if first.cased && marks.lower & first.bit == 0 {
            // Held at bonus places only as a capital, which the query does not spell.
            (c.bonus_head + c.penalty_case_mismatch).max(0)
        } else {
            c.bonus_head
        };
        let rest: i64 = (self.wants[1..].iter())
            .map(|w| w.term(marks, marks.pairs.may_hold(w.pair)))
            .sum();
        i64::from(c.score_match + head + c.gap_extension) + rest
    }

    /// The most a text starting with `written` can score: a capital `T` scores less for `t`
    /// than a `t` does, so once the best so far reach that, the rest of the texts starting
    /// with `T` need no look.
    pub fn starting(&self, written: char) -> i64 {
        let c = &self.config;
        let q = self.query[0];
        if !written.eq_ignore_ascii_case(&q) {
            return self.elsewhere();
        }
        let first = self.matched(written, q)
            + self.bonus('\0', written) * i64::from(c.bonus_first_char_multiplier)
            + i64::from(c.gap_extension);
        (first + self.steps()).max(self.elsewhere())
    }

    /// The most a text starting with `written`, then `second`, can score, told by its
    /// marks (as [`by_marks`](Self::by_marks) reads them, `pairs` including the first two
    /// characters'): the query's first character at the start, the second at its best step
    /// if it is the text's second or may be at a bonus place, each further one if it may
    /// follow the one before or be at a bonus place, any other after a gap with no bonus;
    /// or the first character further on, as [`by_marks`](Self::by_marks) bounds.
    pub fn starting_by_marks(&self, written: char, second: char, marks: &Marks) -> i64 {
        let c = &self.config;
        let q = self.query[0];
        let later = self.by_marks(marks);
        if !written.eq_ignore_ascii_case(&q) {
            return later;
        }
        let first = self.matched(written, q)
            + self.bonus('\0', written) * i64::from(c.bonus_first_char_multiplier)
            + i64::from(c.gap_extension);
        let rest: i64 = (self.wants.iter().enumerate().skip(1))
            .map(|(r, w)| {
                let next = if r == 1 {
                    second.eq_ignore_ascii_case(&self.query[1])
                } else {
                    marks.pairs.may_hold(w.pair)
                };
                w.term(marks, next)
            })
            .sum();
        (first + rest).max(later)
    }

    /// The most query characters 1.. can add, each at its best.
    fn steps(&self) -> i64 {
        self.wants.iter().skip(1).map(|w| w.step).sum()
    }

    /// The most query character `r` (not the first) can add: after a gap (priced as the
    /// shortest) at a word's head, or right after character `r - 1`. Then the text's
    /// previous character is that query character (up to ASCII case), so its bonus is known:
    /// a head after a hard separator, a break after a soft one, else at most camel case for
    /// a capital (which, for a query in lower case, costs the case mismatch it gains).
    fn step(&self, r: usize) -> i64 {
        let c = &self.config;
        // Lower case: the text's character before is not a capital, so camel case stays open.
        let prev = self.query[r - 1].to_ascii_lowercase();
        let q = self.query[r];
        let other = if q.is_ascii_uppercase() {
            q.to_ascii_lowercase()
        } else {
            q.to_ascii_uppercase()
        };
        let consecutive = i64::from(c.bonus_consecutive);
        let run = [q, other]
            .iter()
            .map(|&ch| self.matched(ch, q) + self.bonus(prev, ch).max(consecutive))
            .max()
            .unwrap_or(i64::MIN);
        let gapped = c.score_match + c.bonus_head + c.gap_start + c.gap_extension;
        run.max(i64::from(gapped))
    }

    /// The most `text` can score: skim's recurrence with every gap priced as the shortest,
    /// so exact for one character and a few points high at most for more. `i64::MIN` if the
    /// query is not in it.
    pub fn of(&self, text: &str) -> i64 {
        let c = &self.config;
        let n = self.query.len();
        let (gap, consecutive, extension) = (
            i64::from(c.gap_start + c.gap_extension),
            i64::from(c.bonus_consecutive),
            i64::from(c.gap_extension),
        );
        // Per query character: its best match ending at the previous column (`adjacent`),
        // and at any column before that (`earlier`).
        let mut adjacent = [i64::MIN; MAX_QUERY];
        let mut earlier = [i64::MIN; MAX_QUERY];
        let mut live = false;
        let mut best = i64::MIN;
        let mut prev = '\0';
        for (col, ch) in text.chars().enumerate() {
            let hit = if ch.is_ascii() {
                self.ascii >> ch as u32 & 1 == 1
            } else {
                self.query.contains(&ch)
            };
            if !hit {
                // Most characters: nothing starts here, runs end.
                if live {
                    for r in 0..n {
                        earlier[r] = earlier[r].max(adjacent[r]);
                        adjacent[r] = i64::MIN;
                    }
                    live = false;
                }
                prev = ch;
                continue;
            }
            let mut bonus = self.bonus(prev, ch);
            if col == 0 {
                bonus *= i64::from(c.bonus_first_char_multiplier);
            }
            live = false;
            // Backwards, so row `r - 1` still holds the previous column when `r` reads it.
            for r in (0..n).rev() {
                let q = self.query[r];
                let next = if !ch.eq_ignore_ascii_case(&q) {
                    i64::MIN
                } else if r == 0 {
                    self.matched(ch, q) + bonus + extension
                } else {
                    let m = self.matched(ch, q);
                    let run = adjacent[r - 1].saturating_add(bonus.max(consecutive) + m);
                    run.max(earlier[r - 1].saturating_add(gap + bonus + m))
                };
                earlier[r] = earlier[r].max(adjacent[r]);
                adjacent[r] = next;
                live |= next != i64::MIN;
            }
            best = best.max(adjacent[n - 1]);
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
    fn the_bounds_of_a_lower_case_query_are_reached() {
        let m = SkimMatcherV2::default().ignore_case();
        let c = Ceiling::new("ter").unwrap();
        for (text, bound) in [
            ("ter", c.starting('t')),
            ("Ab ter", c.elsewhere()),
            ("xter", c.nowhere()),
        ] {
            assert_eq!(m.fuzzy_match(text, "ter"), Some(bound), "{text}");
        }
        assert!(c.starting('T') < c.starting('t'));
        assert!(c.nowhere() < c.elsewhere());
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

    #[test]
    fn a_query_in_lower_case_gains_less_from_a_capital_and_the_marks_tell() {
        let m = SkimMatcherV2::default().ignore_case();
        let c = Ceiling::new("soft").unwrap();
        let by_marks = |text: &str| c.by_marks(&Marks::of(&text.chars().collect::<Vec<_>>()));
        // Each reached, and "Software" held only as a capital bounded below "software".
        for text in ["Kasotra Software", "Kasotra software"] {
            assert_eq!(m.fuzzy_match(text, "soft"), Some(by_marks(text)), "{text}");
        }
        assert!(by_marks("Kasotra Software") < by_marks("Kasotra software"));
        let c = Ceiling::new("sem").unwrap();
        let starting = |text: &str| {
            let chars: Vec<char> = text.chars().collect();
            c.starting_by_marks(chars[0], chars[1], &Marks::of(&chars))
        };
        let text = "Sx Energy Materials";
        assert!(
            m.fuzzy_match(text, "sem")
                .is_some_and(|score| score <= starting(text))
        );
        assert!(starting("Sx Energy Materials") < starting("sx energy materials"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn no_text_scores_above_its_ceiling(
            texts in prop::collection::vec("[a-cA-C1 ./(_é-]{0,14}", 1..40),
            query in "[a-cA-C1 ./(_é-]{1,5}",
        ) {
            let query = query.trim();
            prop_assume!(!query.is_empty());
            let c = Ceiling::new(query).unwrap();
            // One matcher for every text for short queries, which it scores as a fresh one
            // would; a fresh one per text from three characters on (as `Scorer` scores).
            let reused = SkimMatcherV2::default().ignore_case();
            let short = query.chars().count() <= 2;
            for text in &texts {
                let score = if short {
                    reused.fuzzy_match(text, query)
                } else {
                    SkimMatcherV2::default().ignore_case().fuzzy_match(text, query)
                };
                let Some(score) = score else { continue };
                prop_assert!(score <= c.of(text), "{text:?}/{query:?}: {score} > {}", c.of(text));
                let first = text.chars().next();
                let starts = first.map(lower) == Some(lower(c.first()));
                if !starts {
                    prop_assert!(score <= c.elsewhere(), "{text:?}/{query:?} elsewhere");
                } else if let Some(written) = first {
                    prop_assert!(score <= c.starting(written), "{text:?}/{query:?} starting");
                }
                // Holding the query's first character at no bonus place (as `Heads` lists).
                let chars: Vec<char> = text.chars().collect();
                let bonused = chars.windows(2).any(|w| {
                    bonus_at(w[0], w[1]) && lower(w[1]) == lower(c.first())
                });
                if !starts && !bonused {
                    prop_assert!(score <= c.nowhere(), "{text:?}/{query:?} nowhere");
                }
                // No more than its marks allow, whether it starts with it or not.
                let marks = Marks::of(&chars);
                if !starts {
                    prop_assert!(score <= c.by_marks(&marks), "{text:?}/{query:?} by marks");
                } else if let Some(&written) = chars.first() {
                    let second = chars.get(1).copied().unwrap_or('\0');
                    let bound = c.starting_by_marks(written, second, &marks);
                    prop_assert!(score <= bound, "{text:?}/{query:?} starting, by marks");
                }
            }
        }
    }
}
