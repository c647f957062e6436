//! Random damage to a text for property tests: each edit replaces up to a given number of
//! bytes at a random place with one of a few hostile inserts, kept on char boundaries.
//! Shared by src/data/validate/props.rs (the fast reader against the `toml` crate) and
//! tests/hostile.rs (the real binary on damaged seed files).
#![allow(dead_code)]

use proptest::prelude::*;

/// One edit: where (anywhere in the text), how many bytes it replaces, what it inserts.
pub type Edit = (prop::sample::Index, usize, &'static str);

/// One to three edits, each replacing fewer than `longest` bytes with one of `inserts`.
pub fn edits(inserts: Vec<&'static str>, longest: usize) -> impl Strategy<Value = Vec<Edit>> {
    proptest::collection::vec(
        (
            any::<prop::sample::Index>(),
            0..longest,
            prop::sample::select(inserts),
        ),
        1..4,
    )
}

/// Applies `edits` to `text` in order.
pub fn damage(text: &mut String, edits: &[Edit]) {
    for (at, len, insert) in edits {
        let mut start = at.index(text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.replace_range(start..end, insert);
    }
}
