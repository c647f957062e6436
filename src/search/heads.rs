//! Which texts hold a character where skim gives it a bonus (a word's head, after a break,
//! camel case), past their first character, by that character lower-cased.
//!
//! A text whose first character is not the query's, and which holds the query's first
//! character at no such place, scores at most [`Ceiling::nowhere`](super::ceiling::Ceiling),
//! well below the texts that do. So once the best `limit` so far beat that, search looks
//! only at the texts listed here for the query's first character (a few percent of a
//! large catalog) instead of all of them.

use rustc_hash::FxHashMap;

use super::ceiling::bonus_at;
use crate::catalog::{Catalog, lower};

/// Texts by the characters they hold at bonus places; and where the texts starting with each
/// character as written end in scan order.
pub struct Heads {
    /// Text positions by character, ascending.
    texts: FxHashMap<char, Vec<u32>>,
    /// For each lower-cased first character, each way a text starts with it as written
    /// (`T`, `t`) and the place of the last such text among
    /// [`Catalog::starting_with`]'s texts.
    starts: FxHashMap<char, Vec<(char, u32)>>,
    /// Each text's [`Shape`], by its place in [`Catalog::order`].
    shapes: Vec<Shape>,
    /// Each text's [`Marks`], by position.
    marks: Vec<Marks>,
}

/// Which characters a text holds at bonus places past its first, and which pairs of
/// characters it holds side by side, as bit sets ([`bit`], [`pair`]): read in one step, they
/// tell most texts that hold the query's first character nowhere near a bonus from the few
/// that could still reach the results (see [`Ceiling::by_marks`](super::ceiling::Ceiling::by_marks)).
#[derive(Clone, Copy, Default)]
pub struct Marks {
    pub bonused: u64,
    pub pairs: u64,
}

/// What bounds the score of a text starting with the query's first character, read in
/// scan order without touching the text.
#[derive(Clone, Copy)]
pub struct Shape {
    /// The characters at bonus places past the first, as [`bit`]s.
    pub bonused: u64,
    /// The pairs of characters side by side, the first two's included, as [`pair`]s.
    pub pairs: u64,
    /// The first two characters, as written.
    pub first: char,
    pub second: char,
}

/// A bit for character `c` lower-cased (shared by several characters, so a clear bit says
/// the character is not there, a set one only that it may be).
pub fn bit(c: char) -> u64 {
    1 << (lower(c) as u32 % 64)
}

/// A bit for characters `a` then `b` side by side, lower-cased (shared as [`bit`]'s are).
pub fn pair(a: char, b: char) -> u64 {
    let (a, b) = (lower(a) as u32, lower(b) as u32);
    1 << (a.wrapping_mul(37).wrapping_add(b) % 64)
}

impl Heads {
    /// Reads every text of `catalog` once.
    pub fn new(catalog: &Catalog) -> Heads {
        let mut texts: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        let mut seen: Vec<char> = Vec::new();
        let mut marks = vec![Marks::default(); catalog.len()];
        for i in 0..catalog.len() as u32 {
            seen.clear();
            let mut chars = catalog.text(i).chars();
            let Some(mut prev) = chars.next() else {
                continue;
            };
            let m = &mut marks[i as usize];
            for c in chars {
                m.pairs |= pair(prev, c);
                if bonus_at(prev, c) {
                    m.bonused |= bit(c);
                    let key = lower(c);
                    if !seen.contains(&key) {
                        seen.push(key);
                        texts.entry(key).or_default().push(i);
                    }
                }
                prev = c;
            }
        }
        let mut starts: FxHashMap<char, Vec<(char, u32)>> = FxHashMap::default();
        let mut shapes = Vec::with_capacity(catalog.len());
        let mut tier: (Option<char>, u32) = (None, 0);
        for i in catalog.order() {
            let mut chars = catalog.text(i).chars();
            let (first, second) = (chars.next(), chars.next());
            let (mut bonused, mut pairs) = (0, 0);
            if let (Some(mut prev), Some(next)) = (first, second) {
                for c in std::iter::once(next).chain(chars) {
                    pairs |= pair(prev, c);
                    if bonus_at(prev, c) {
                        bonused |= bit(c);
                    }
                    prev = c;
                }
            }
            shapes.push(Shape {
                bonused,
                pairs,
                first: first.unwrap_or(' '),
                second: second.unwrap_or('\0'),
            });
            let key = catalog.first(i);
            if tier.0 != Some(key) {
                tier = (Some(key), 0);
            }
            let written = catalog.text(i).chars().next().unwrap_or(' ');
            let forms = starts.entry(key).or_default();
            match forms.iter_mut().find(|(c, _)| *c == written) {
                Some(form) => form.1 = tier.1,
                None => forms.push((written, tier.1)),
            }
            tier.1 += 1;
        }
        Heads {
            texts,
            starts,
            shapes,
            marks,
        }
    }

    /// The ways texts start with `c` (lower-cased) as written, each with the place of the
    /// last such text among those [`Catalog::starting_with`] lists for `c`.
    pub fn starts(&self, c: char) -> &[(char, u32)] {
        self.starts.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The shapes of the texts from place `at` of [`Catalog::order`] on.
    pub fn shapes_from(&self, at: usize) -> &[Shape] {
        &self.shapes[at.min(self.shapes.len())..]
    }

    /// Text `i`'s [`Marks`].
    pub fn marks(&self, i: u32) -> Marks {
        self.marks.get(i as usize).copied().unwrap_or(Marks {
            bonused: u64::MAX,
            pairs: u64::MAX,
        })
    }

    /// The texts holding `c` (lower-cased) at a bonus place past their first character,
    /// ascending.
    pub fn of(&self, c: char) -> &[u32] {
        self.texts.get(&c).map_or(&[], Vec::as_slice)
    }
}
