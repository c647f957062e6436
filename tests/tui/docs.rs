//! The README's screens and key reference stay in step with the app.

use super::screen;

const README: &str = include_str!("../../README.md");

#[test]
fn asset_screens_are_current_and_shown_in_the_readme() {
    for name in ["explore", "calendar"] {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/");
        let keys = std::fs::read_to_string(format!("{dir}{name}.keys")).unwrap();
        let saved = std::fs::read_to_string(format!("{dir}{name}.txt")).unwrap();
        assert_eq!(
            saved,
            screen(120, 40, keys.trim_end()),
            "run assets/render.sh"
        );
        assert!(README.contains(&saved), "README shows an old {name} screen");
    }
}

#[test]
fn readme_describes_every_binding() {
    for binding in aipx::tui::keymap::KEYMAP {
        assert!(
            README.contains(binding.desc),
            "README lacks {:?}",
            binding.desc
        );
    }
}
