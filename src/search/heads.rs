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
}

impl Heads {
    /// Reads every text of `catalog` once.
    pub fn new(catalog: &Catalog) -> Heads {
        let mut texts: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        let mut seen: Vec<char> = Vec::new();
        for i in 0..catalog.len() as u32 {
            seen.clear();
            let mut chars = catalog.text(i).chars();
            let Some(mut prev) = chars.next() else {
                continue;
            };
            for c in chars {
                if bonus_at(prev, c) {
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
        let mut tier: (Option<char>, u32) = (None, 0);
        for i in catalog.order() {
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
        Heads { texts, starts }
    }

    /// The ways texts start with `c` (lower-cased) as written, each with the place of the
    /// last such text among those [`Catalog::starting_with`] lists for `c`.
    pub fn starts(&self, c: char) -> &[(char, u32)] {
        self.starts.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The texts holding `c` (lower-cased) at a bonus place past their first character,
    /// ascending.
    pub fn of(&self, c: char) -> &[u32] {
        self.texts.get(&c).map_or(&[], Vec::as_slice)
    }
}
