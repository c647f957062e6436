//! "Did you mean" over the securities master: the companies whose names are closest to a
//! name nobody knows, read from the master's stored search catalog in place (no company is
//! decoded), with a cheap bound that rules out most texts before any edit distance.

use crate::catalog::Catalog;
use crate::index::{CLOSE, alike, started};
use crate::model::EntityId;
use crate::model::names::key;
use crate::search::Target;

/// Every company of `catalog` (a master's) with a symbol, name, searched alias or id at
/// least [`CLOSE`] alike to `want` (a [`key`]), as [`crate::index::closeness`] measures it,
/// or whose first words `want` is, with its best figure, in company order. Aliases that are
/// codes (ISIN, FIGI, foreign venue) are not in the catalog's texts and are not offered.
pub fn near(catalog: &Catalog, want: &str) -> Vec<(f64, EntityId)> {
    let bound = Bound::new(want);
    let mut best: Vec<(f64, EntityId)> = Vec::new();
    let mut note = |j: EntityId, text: &str| {
        let by_start = started(want, text);
        let close = (by_start.is_some() || bound.could_be_close(text))
            .then(|| key(text))
            .filter(|k| bound.key_could_be_close(k))
            .map(|k| alike(want, bound.len, &k))
            .filter(|&a| a >= CLOSE);
        let Some(alike) = close.or(by_start) else {
            return;
        };
        match best.last_mut() {
            Some((a, e)) if *e == j => *a = a.max(alike),
            _ => best.push((alike, j)),
        }
    };
    // A company's texts are adjacent, in company order, so its figures come together.
    let mut last = None;
    for i in 0..catalog.len() as u32 {
        let Target::Entity(j) = catalog.target(i) else {
            continue;
        };
        if last != Some(j) {
            note(j, catalog.id_of(j));
            last = Some(j);
        }
        note(j, catalog.text(i));
    }
    best
}

/// What rules a text out before its key is made. An edit (insertion, deletion,
/// substitution, transposition) takes away at most one character of one string that the
/// other lacks and adds at most one it needs, so the edit distance of `want` and a key is at
/// least the longer length less the characters they share (as multisets); a key has no
/// character its text lacks, and a key CLOSE to `want` is at most `want`'s length / CLOSE
/// long, at most 1 - CLOSE of which may be edits.
struct Bound {
    /// `want`'s length in characters.
    len: usize,
    /// How many of them are letters and digits, and how many spaces.
    alnum: usize,
    spaces: usize,
    /// `want`'s distinct letters and digits and how many of each it has.
    chars: Vec<(char, u32)>,
    /// Where each ASCII character (either case) is in `chars`.
    slot: [u8; 128],
}

const NONE: u8 = u8::MAX;

/// [`CLOSE`] as a fraction, so the bound's tests on every character are on whole numbers.
const CLOSE_OF: (usize, usize) = (3, 5);

impl Bound {
    fn new(want: &str) -> Bound {
        let mut chars: Vec<(char, u32)> = Vec::new();
        for c in want.chars().filter(|c| c.is_alphanumeric()) {
            match chars.iter_mut().find(|(w, _)| *w == c) {
                Some((_, n)) => *n += 1,
                None => chars.push((c, 1)),
            }
        }
        let mut slot = [NONE; 128];
        for (s, (c, _)) in chars.iter().enumerate().take(usize::from(NONE)) {
            if c.is_ascii() {
                slot[*c as usize] = s as u8;
                slot[c.to_ascii_uppercase() as usize] = s as u8;
            }
        }
        Bound {
            len: want.chars().count(),
            alnum: chars.iter().map(|&(_, n)| n as usize).sum(),
            spaces: want.chars().filter(|&c| c == ' ').count(),
            chars,
            slot,
        }
    }

    /// Whether some key of `text` (folded, as a catalog holds it) may be CLOSE to `want`.
    fn could_be_close(&self, text: &str) -> bool {
        if self.chars.len() > 64 {
            return true;
        }
        let ascii = text.is_ascii();
        let start = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        if ascii
            && !start
                .get(..3)
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
        {
            return self.some_prefix_close(text);
        }
        let length = if ascii {
            text.len()
        } else {
            text.chars().count()
        };
        // The longest key that may be CLOSE: no longer than the text, nor than want / CLOSE.
        let longest = (length as f64).min(self.len as f64 / CLOSE);
        let edits = (1.0 - CLOSE) * longest.max(self.len as f64);
        // A key is the text's words from the first on (or from the one after a leading
        // "the"), so its letters and digits are among the text's first `longest` + 3.
        let budget = longest as usize + 3;
        let mut have = [0u32; 64];
        let counted = &mut have[..self.chars.len()];
        let mut seen = 0;
        if ascii {
            for b in text.bytes() {
                if b.is_ascii_alphanumeric() {
                    seen += 1;
                    if seen > budget {
                        break;
                    }
                }
                if let Some(n) = counted.get_mut(usize::from(self.slot[usize::from(b)])) {
                    *n += 1;
                }
            }
        } else {
            for c in text.chars() {
                if c.is_alphanumeric() {
                    seen += 1;
                    if seen > budget {
                        break;
                    }
                }
                let lower = crate::catalog::lower(c);
                if let Some(s) = self.chars.iter().position(|&(w, _)| w == lower) {
                    counted[s] += 1;
                }
            }
        }
        let missing: u32 = self
            .chars
            .iter()
            .zip(counted.iter())
            .map(|(&(_, want), &have)| want.saturating_sub(have))
            .sum();
        f64::from(missing) <= edits + 1e-9
    }

    /// [`could_be_close`](Self::could_be_close) for an ASCII text whose key has no leading
    /// "the" to drop: the key is then the text's words up to the end of one of them (only
    /// whole words of legal form and share class are dropped), lower-cased, so for each such
    /// prefix its exact length and characters are known as the text is read.
    fn some_prefix_close(&self, text: &str) -> bool {
        let mut have = [0u32; 64];
        let mut missing: u32 = self.chars.iter().map(|&(_, n)| n).sum();
        let (mut length, mut spaces, mut gap, mut in_word) = (0usize, 0usize, false, false);
        for b in text.bytes() {
            if !b.is_ascii_alphanumeric() {
                // Apostrophes are dropped from keys (`Macy's` is `macys`): no word ends there.
                if matches!(b, b'\'' | b'`') {
                    continue;
                }
                if in_word && self.ends_close(length, spaces, missing) {
                    return true;
                }
                // Any other run of them is one space.
                gap = true;
                in_word = false;
                continue;
            }
            if gap && length > 0 {
                length += 1;
                spaces += 1;
            }
            gap = false;
            in_word = true;
            length += 1;
            let s = usize::from(self.slot[usize::from(b)]);
            if let Some(&(_, needed)) = self.chars.get(s) {
                if have[s] < needed {
                    missing -= 1;
                }
                have[s] += 1;
            }
            // Longer than `want` by more than the edits allowed: longer prefixes are
            // further still (length - want > (1 - CLOSE) * length).
            if length * CLOSE_OF.0 > self.len * CLOSE_OF.1 {
                return false;
            }
        }
        in_word && self.ends_close(length, spaces, missing)
    }

    /// Whether a key of `length` characters, `spaces` of them spaces, lacking `missing` of
    /// `want`'s letters and digits, may be CLOSE to `want`.
    fn ends_close(&self, length: usize, spaces: usize, missing: u32) -> bool {
        let shared = self.alnum - missing as usize + spaces.min(self.spaces);
        let longer = length.max(self.len);
        // At most 1 - CLOSE of the longer length may be edits, in whole numbers.
        (longer - shared) * CLOSE_OF.1 <= longer * (CLOSE_OF.1 - CLOSE_OF.0)
    }

    /// Whether `key` (a [`key`]) may be CLOSE to `want` by the characters they share: what
    /// rules out most texts the test on the raw text let through, before the edit distance.
    fn key_could_be_close(&self, key: &str) -> bool {
        if self.chars.len() > 64 {
            return true;
        }
        let mut have = [0u32; 64];
        let (mut length, mut spaces, mut missing) = (0usize, 0usize, self.alnum as u32);
        for c in key.chars() {
            length += 1;
            if c == ' ' {
                spaces += 1;
                continue;
            }
            let s = if c.is_ascii() {
                usize::from(self.slot[c as usize])
            } else {
                self.chars
                    .iter()
                    .position(|&(w, _)| w == c)
                    .unwrap_or(usize::from(NONE))
            };
            if let Some(&(_, needed)) = self.chars.get(s) {
                if have[s] < needed {
                    missing -= 1;
                }
                have[s] += 1;
            }
        }
        self.ends_close(length, spaces, missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Entity;

    /// A name the typed words start is near, by the short cut and by the long way (a
    /// leading "the", letters that are not ASCII) alike; a longer first word is not.
    #[test]
    fn the_typed_first_words_make_a_name_near() {
        assert_eq!(
            started("toyota", "Toyota Motor Corporation"),
            Some(6.0 / 12.0)
        );
        assert_eq!(started("toyota", "The Toyota Motor Co."), Some(6.0 / 12.0));
        assert!(started("societe", "Société Générale").is_some());
        assert_eq!(started("toyota", "Toyota"), None);
        assert_eq!(started("toyo", "Toyota Motor"), None);
        assert_eq!(started("toyota", "Tokyo Electron"), None);
    }

    #[test]
    fn close_is_the_fraction_the_bound_uses() {
        assert_eq!(CLOSE, CLOSE_OF.0 as f64 / CLOSE_OF.1 as f64);
    }

    /// Neither test of the bound rules out a text whose key is CLOSE: each text of the
    /// shipped universe's catalog against typos of its own key (a character dropped, added,
    /// changed, two swapped, a word dropped or added) and against typos of other names.
    #[test]
    fn the_bound_rules_out_no_close_text() {
        let catalog = crate::listings::Companies::shipped().catalog().unwrap();
        let others = [
            "toyotta",
            "nvdia",
            "samsng electronics",
            "hon hai precison",
            "7230",
        ];
        for i in 0..catalog.len() as u32 {
            let text = catalog.text(i);
            let own = key(text);
            let chars: Vec<char> = own.chars().collect();
            let mut typos: Vec<String> = others.iter().map(|t| t.to_string()).collect();
            for at in 0..chars.len() {
                let mut dropped = chars.clone();
                dropped.remove(at);
                typos.push(dropped.iter().collect());
                let mut changed = chars.clone();
                changed[at] = if changed[at] == 'x' { 'q' } else { 'x' };
                typos.push(changed.iter().collect());
                let mut added = chars.clone();
                added.insert(at, 'e');
                typos.push(added.iter().collect());
                if at + 1 < chars.len() {
                    let mut swapped = chars.clone();
                    swapped.swap(at, at + 1);
                    typos.push(swapped.iter().collect());
                }
            }
            if let Some((first, _)) = own.rsplit_once(' ') {
                typos.push(first.to_string());
            }
            typos.push(format!("{own} group"));
            for typed in typos {
                let want = key(&typed);
                if want.is_empty() {
                    continue;
                }
                let bound = Bound::new(&want);
                if alike(&want, bound.len, &own) >= CLOSE {
                    assert!(bound.could_be_close(text), "{typed:?} ruled out {text:?}");
                    assert!(
                        bound.key_could_be_close(&own),
                        "{typed:?} ruled out {own:?}"
                    );
                }
            }
        }
    }

    /// The bound never rules out what the full measure finds: every company of the shipped
    /// universe, against typos of its own names and of others'.
    #[test]
    fn the_bound_keeps_every_close_name() {
        let companies = crate::listings::Companies::shipped();
        let catalog = companies.catalog().unwrap();
        let all: Vec<Entity> = companies.all().unwrap().into_iter().map(|e| e.0).collect();
        for (j, e) in all.iter().enumerate() {
            assert_eq!(catalog.id_of(EntityId(j as u32)), e.id);
        }
        let typos = [
            "toyotta",
            "nvdia",
            "samsng electronics",
            "tokio electron",
            "7230",
            "inari amerton",
            "sk hynx",
            "tsmcc",
            "nyse tm",
            "tata pwer",
            "the tata powr",
            "larsen toubro",
            "hon hai precison",
            "advantes",
            "ソフトバンクグループ",
        ];
        for typed in typos {
            let want = key(typed);
            let full: Vec<(f64, EntityId)> = all
                .iter()
                .enumerate()
                .filter_map(|(j, e)| {
                    let a = crate::index::closeness(&want, e);
                    (a >= CLOSE).then_some((a, EntityId(j as u32)))
                })
                .collect();
            assert_eq!(near(&catalog, &want), full, "{typed}");
        }
        let toyota = near(&catalog, &key("toyotta"));
        assert!(
            toyota
                .iter()
                .any(|&(_, j)| all[j.ix()].name.starts_with("Toyota Motor")),
            "{toyota:?}"
        );
    }
}
