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
    /// By character, the texts holding it at a bonus place past their first character and
    /// not starting with it, ascending.
    texts: FxHashMap<char, Vec<Sketch>>,
    /// For each lower-cased first character, each way a text starts with it as written
    /// (`T`, `t`) and the place of the last such text among
    /// [`Catalog::starting_with`]'s texts.
    starts: FxHashMap<char, Vec<(char, u32)>>,
    /// Each text's [`Shape`], by its place in [`Catalog::order`].
    shapes: Vec<Shape>,
}

/// What bounds a text's score and rank, read in one step, in the order a scan reads them:
/// a scan reads few texts themselves, and each read is a cache miss. (36 bytes: at 100k
/// entities there are 680,000 of them.)
#[derive(Clone, Copy)]
pub struct Sketch {
    pub marks: Marks,
    /// The text's [character mask](crate::catalog::mask), [folded](fold_mask).
    pub mask: u32,
    /// Its position.
    pub text: u32,
    /// Its length in bytes, at most `u16::MAX`: ranked by it, it never ranks below where
    /// it is.
    pub len: u16,
    /// Its record's size class ([`Catalog::size_of`]).
    pub size: u8,
}

/// Which characters a text holds at bonus places past its first, and which pairs of
/// characters it holds side by side, as bit sets ([`bit`], [`pair`]): read in one step, they
/// tell most texts that hold the query's first character nowhere near a bonus from the few
/// that could still reach the results (see [`Ceiling::by_marks`](super::ceiling::Ceiling::by_marks)).
#[derive(Clone, Copy, Default)]
pub struct Marks {
    pub bonused: u32,
    /// Those of `bonused` held at a bonus place not as an ASCII capital: a query in lower
    /// case pays the case mismatch for the others.
    pub lower: u32,
    pub pairs: Pairs,
}

impl Marks {
    /// The marks of a text with characters `chars`.
    #[cfg(test)]
    pub fn of(chars: &[char]) -> Marks {
        let mut marks = Marks::default();
        for w in chars.windows(2) {
            marks.add(w[0], w[1]);
        }
        marks
    }

    /// Marks character `c`, which follows `prev`.
    fn add(&mut self, prev: char, c: char) {
        self.pairs.add(pair(prev, c));
        if bonus_at(prev, c) {
            self.bonused |= bit(c);
            if !c.is_ascii_uppercase() {
                self.lower |= bit(c);
            }
        }
    }
}

/// A set of [`pair`]s of characters side by side. 128 bits, not 64: a long name holds
/// dozens of pairs, and in 64 bits most queries' pairs would seem to be there.
#[derive(Clone, Copy, Default)]
pub struct Pairs([u32; 4]);

impl Pairs {
    pub fn add(&mut self, p: u8) {
        self.0[usize::from(p >> 5) & 3] |= 1 << (p & 31);
    }

    /// Whether pair `p` may be held (a clear bit says it is not).
    pub fn may_hold(&self, p: u8) -> bool {
        self.0[usize::from(p >> 5) & 3] & 1 << (p & 31) != 0
    }
}

const _: () = assert!(size_of::<Sketch>() == 36 && size_of::<Shape>() == 44);

/// What bounds the score of a text starting with the query's first character, read in
/// scan order without touching the text.
#[derive(Clone, Copy)]
pub struct Shape {
    /// Its sketch, the first two characters' pair included in the marks.
    pub sketch: Sketch,
    /// The first two characters, as written.
    pub first: char,
    pub second: char,
}

/// Calls `f` with each text's position and marks, once for each character it holds at a
/// bonus place past its first (lower-cased) and does not start with.
fn for_heads(catalog: &Catalog, mut f: impl FnMut(u32, Marks, char)) {
    let mut keys: Vec<char> = Vec::new();
    for i in 0..catalog.len() as u32 {
        keys.clear();
        let mut chars = catalog.text(i).chars();
        let Some(mut prev) = chars.next() else {
            continue;
        };
        let own = lower(prev);
        let mut marks = Marks::default();
        for c in chars {
            marks.add(prev, c);
            let key = lower(c);
            if bonus_at(prev, c) && key != own && !keys.contains(&key) {
                keys.push(key);
            }
            prev = c;
        }
        for &key in &keys {
            f(i, marks, key);
        }
    }
}

/// A bit for character `c` lower-cased (shared by several characters, so a clear bit says
/// the character is not there, a set one only that it may be; the letters have one each).
pub fn bit(c: char) -> u32 {
    1 << (lower(c) as u32 % 32)
}

/// A [character mask](crate::catalog::mask) in 32 bits, each the union of two: a text lacks
/// a character its folded mask lacks.
pub fn fold_mask(mask: u64) -> u32 {
    (mask | mask >> 32) as u32
}

/// Which of [`Pairs`]' bits stands for characters `a` then `b` side by side, lower-cased
/// (shared as [`bit`]'s are).
pub fn pair(a: char, b: char) -> u8 {
    let (a, b) = (lower(a) as u32, lower(b) as u32);
    ((a.wrapping_mul(0x9E37_79B9) ^ b).wrapping_mul(0x85EB_CA6B) >> 25) as u8
}

impl Heads {
    /// Reads every text of `catalog` once.
    pub fn new(catalog: &Catalog) -> Heads {
        let sketch = |i: u32, marks: Marks| {
            let text = catalog.text(i);
            Sketch {
                marks,
                mask: fold_mask(catalog.mask_of(i)),
                text: i,
                len: u16::try_from(text.len()).unwrap_or(u16::MAX),
                size: catalog.size_of(catalog.target(i)),
            }
        };
        // The lists are counted first, then filled: grown by doubling, at 100k entities they
        // would hold up to twice their 17 MB.
        let mut counts: FxHashMap<char, usize> = FxHashMap::default();
        for_heads(catalog, |_, _, key| *counts.entry(key).or_default() += 1);
        let mut texts: FxHashMap<char, Vec<Sketch>> = (counts.into_iter())
            .map(|(key, n)| (key, Vec::with_capacity(n)))
            .collect();
        for_heads(catalog, |i, marks, key| {
            texts.entry(key).or_default().push(sketch(i, marks));
        });
        let mut starts: FxHashMap<char, Vec<(char, u32)>> = FxHashMap::default();
        let mut shapes = Vec::with_capacity(catalog.len());
        let mut tier: (Option<char>, u32) = (None, 0);
        for i in catalog.order() {
            let mut chars = catalog.text(i).chars();
            let (first, second) = (chars.next(), chars.next());
            let mut marks = Marks::default();
            if let (Some(mut prev), Some(next)) = (first, second) {
                for c in std::iter::once(next).chain(chars) {
                    marks.add(prev, c);
                    prev = c;
                }
            }
            shapes.push(Shape {
                sketch: sketch(i, marks),
                first: first.unwrap_or(' '),
                second: second.unwrap_or('\0'),
            });
            let key = catalog.first(i);
            if tier.0 != Some(key) {
                tier = (Some(key), 0);
            }
            let written = first.unwrap_or(' ');
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

    /// The texts holding `c` (lower-cased) at a bonus place past their first character,
    /// and not starting with it, ascending.
    pub fn of(&self, c: char) -> &[Sketch] {
        self.texts.get(&c).map_or(&[], Vec::as_slice)
    }
}
