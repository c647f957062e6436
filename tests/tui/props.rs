//! Random key sequences at random sizes: never a panic, every cursor within its list, and `q`
//! quits whenever the search box does not have the cursor.

use aipx::tui::keymap::{self, KEYMAP, Key, Mode};
use aipx::tui::screen::{Headless, parse_keys};
use crossterm::event::KeyCode;
use proptest::prelude::*;

use super::app;

/// A binding's key in key-script syntax; a key the script cannot name fails the test, so a
/// new binding is never left out of the random presses.
fn script(key: Key) -> String {
    let name = match key {
        Key::Char('<') => "lt".to_string(),
        Key::Char(' ') => "Space".to_string(),
        Key::Char(c) => return c.to_string(),
        Key::Ctrl(c) => format!("C-{c}"),
        // Any printable character: a letter no binding takes in search, and a wide one.
        Key::AnyChar => return "a".to_string(),
        Key::WheelUp => "WheelUp".to_string(),
        Key::WheelDown => "WheelDown".to_string(),
        Key::Code(code) => match code {
            KeyCode::Enter => "Enter",
            KeyCode::Esc => "Esc",
            KeyCode::Tab => "Tab",
            KeyCode::BackTab => "S-Tab",
            KeyCode::Up => "Up",
            KeyCode::Down => "Down",
            KeyCode::Left => "Left",
            KeyCode::Right => "Right",
            KeyCode::Home => "Home",
            KeyCode::End => "End",
            KeyCode::PageUp => "PgUp",
            KeyCode::PageDown => "PgDn",
            KeyCode::Backspace => "BS",
            KeyCode::Delete => "Del",
            other => panic!("no key-script name for {other:?}"),
        }
        .to_string(),
    };
    format!("<{name}>")
}

/// Keys worth pressing: every binding of the key table, typing and resizes.
fn keys() -> Vec<String> {
    let mut keys: Vec<String> = KEYMAP.iter().map(|b| script(b.key)).collect();
    keys.extend(
        [
            "ソ",
            " ",
            "x",
            "<resize 70x20>",
            "<resize 20x5>",
            "<resize 130x45>",
        ]
        .map(String::from),
    );
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn every_binding_is_pressed_as_itself() {
    for binding in KEYMAP {
        let events = parse_keys(&script(binding.key)).unwrap();
        assert_eq!(events.len(), 1, "{:?}", binding.key);
        if binding.key != Key::AnyChar {
            let seen = keymap::key_of(&events[0]).map(|(k, _)| k);
            assert_eq!(seen, Some(binding.key), "{}", binding.desc);
        }
    }
}

fn key() -> impl Strategy<Value = String> {
    proptest::sample::select(keys())
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
            for event in parse_keys(&k).unwrap() {
                s.apply(&event);
            }
            if s.app.should_quit() {
                prop_assert!(k == "<C-c>" || (k == "q" && !typing), "quit on {k:?}");
                break;
            }
            prop_assert!(k != "q" || typing, "q did not quit");
            for (name, selected, len) in s.app.selections() {
                prop_assert!(selected < len.max(1), "{name}: {selected} of {len}");
            }
        }
    }
}
