//! Random key sequences at random sizes: never a panic, every cursor within its list, and `q`
//! quits whenever the search box does not have the cursor.

use aipx::tui::keymap::Mode;
use aipx::tui::screen::{Headless, parse_keys};
use proptest::prelude::*;

use super::app;

/// Keys worth pressing: every binding plus typing, in key-script syntax.
const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "q",
    "/",
    "?",
    "1",
    "2",
    "3",
    "v",
    "f",
    "t",
    "s",
    "o",
    "a",
    "ソ",
    " ",
    "<Enter>",
    "<Esc>",
    "<Tab>",
    "<S-Tab>",
    "<Up>",
    "<Down>",
    "<PgUp>",
    "<PgDn>",
    "<Home>",
    "<End>",
    "<BS>",
    "<C-u>",
    "<WheelUp>",
    "<WheelDown>",
    "<resize 70x20>",
    "<resize 20x5>",
    "<resize 130x45>",
];

fn key() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(KEYS)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes(
        width in 1u16..=160,
        height in 1u16..=50,
        keys in proptest::collection::vec(key(), 0..40),
    ) {
        let mut s = Headless::new(app(), width, height);
        for k in keys {
            let typing = s.app.modes()[0] == Mode::Search;
            for event in parse_keys(k).unwrap() {
                s.apply(&event);
            }
            if s.app.should_quit() {
                prop_assert!(k == "q" && !typing, "quit on {k:?}");
                break;
            }
            prop_assert!(k != "q" || typing, "q did not quit");
            for (name, selected, len) in s.app.selections() {
                prop_assert!(selected < len.max(1), "{name}: {selected} of {len}");
            }
        }
    }
}
