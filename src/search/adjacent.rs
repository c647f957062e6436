//! Which texts hold each pair of characters side by side.
//!
//! Once the best so far are high enough, a text that starts with none of the query's
//! characters and holds its first at no bonus place can only reach them if every further
//! query character may follow the one before or sit at a bonus place
//! ([`Ceiling::nowhere_but_one`](super::ceiling::Ceiling::nowhere_but_one)). So search
//! need not read every text of the catalog for those: the texts holding one of the query's
//! pairs side by side, with those holding its second character at a bonus place
//! ([`Heads`](super::heads::Heads)), are all that can.

use rustc_hash::FxHashMap;

use crate::catalog::{Catalog, lower};

/// Catalogs of more texts than this go without: the lists take about 4 bytes a text per
/// pair it holds (some 7 MB for the 115,000 texts of a securities master), which a catalog
/// of the 100k universe's size (half a million texts) cannot spare under its memory budget.
const MOST_TEXTS: usize = 200_000;

/// Text positions by the pair of characters (lower-cased) they hold side by side.
pub struct Adjacent {
    texts: FxHashMap<(char, char), Vec<u32>>,
}

impl Adjacent {
    /// Reads every text of `catalog` once; `None` for a catalog of more than
    /// [`MOST_TEXTS`] texts.
    pub fn new(catalog: &Catalog) -> Option<Adjacent> {
        if catalog.len() > MOST_TEXTS {
            return None;
        }
        let mut texts: FxHashMap<(char, char), Vec<u32>> = FxHashMap::default();
        for i in 0..catalog.len() as u32 {
            let mut chars = catalog.text(i).chars().map(lower);
            let Some(mut prev) = chars.next() else {
                continue;
            };
            for c in chars {
                let list = texts.entry((prev, c)).or_default();
                // Texts come in order, so a text holding the pair twice is last already.
                if list.last() != Some(&i) {
                    list.push(i);
                }
                prev = c;
            }
        }
        for list in texts.values_mut() {
            list.shrink_to_fit();
        }
        Some(Adjacent { texts })
    }

    /// The texts holding `a` then `b` side by side (lower-cased), ascending.
    pub fn of(&self, a: char, b: char) -> &[u32] {
        self.texts
            .get(&(lower(a), lower(b)))
            .map_or(&[], Vec::as_slice)
    }
}
