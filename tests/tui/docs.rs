//! The README's screens and key reference stay in step with the app.

use aipx::tui::screen::Headless;

const README: &str = include_str!("../../README.md");

/// The screen `aipx screen` prints: the embedded dataset with the shipped universe as the
/// securities master, as the TUI runs with nothing imported.
fn shipped_screen(width: u16, height: u16, keys: &str) -> String {
    let companies = aipx::listings::Companies::shipped();
    let (index, searcher) = aipx::cli::with_companies(super::dataset(), &companies).unwrap();
    let app = aipx::tui::App::new(index, super::today())
        .with_color(false)
        .with_searcher(searcher);
    let mut screen = Headless::new(app, width, height);
    screen.play(keys).expect("valid key script");
    screen.text()
}

#[test]
fn asset_screens_are_current_and_shown_in_the_readme() {
    for name in ["explore", "calendar", "chart", "funding"] {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/");
        let keys = std::fs::read_to_string(format!("{dir}{name}.keys")).unwrap();
        let saved = std::fs::read_to_string(format!("{dir}{name}.txt")).unwrap();
        assert_eq!(
            saved,
            shipped_screen(120, 40, keys.trim_end()),
            "run assets/render.sh"
        );
        assert!(README.contains(&saved), "README shows an old {name} screen");
    }
}

/// The README's key table as (where, what each item does) rows.
fn readme_key_rows() -> Vec<(String, Vec<String>)> {
    let table = README
        .split("### Keys")
        .nth(1)
        .expect("README has a Keys section");
    table
        .lines()
        .skip_while(|l| !l.starts_with("| Keys"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            (cells[2].to_string(), items(cells[3]))
        })
        .collect()
}

/// `close help / scroll down, scroll up / quit` as its items; text after `;` explains the
/// item before it. A binding's description can hold several (`timeline / month grid`).
fn items(text: &str) -> Vec<String> {
    text.split(" / ")
        .flat_map(|part| part.split(';').next().unwrap().split(", "))
        .map(|item| item.trim().to_string())
        .collect()
}

/// The README's name for where a binding applies: the help overlay's heading, lower case,
/// a tab without its "tab".
fn readme_where(mode: aipx::tui::keymap::Mode) -> String {
    let title = mode.title().to_lowercase();
    title.strip_suffix(" tab").unwrap_or(&title).to_string()
}

#[test]
fn readme_key_table_matches_the_key_table() {
    let rows = readme_key_rows();
    assert!(rows.len() > 10, "README key table not found: {rows:?}");
    for binding in aipx::tui::keymap::KEYMAP {
        let place = readme_where(binding.mode);
        let wanted = items(binding.desc);
        assert!(
            rows.iter()
                .any(|(at, row)| *at == place && wanted.iter().all(|w| row.contains(w))),
            "README's key table lacks {:?} under {place:?}",
            binding.desc
        );
    }
    // And nothing the app no longer does.
    for (at, row) in &rows {
        for item in row {
            assert!(
                aipx::tui::keymap::KEYMAP
                    .iter()
                    .any(|b| readme_where(b.mode) == *at && items(b.desc).contains(item)),
                "README's key table describes {item:?} under {at:?}, which no binding does"
            );
        }
    }
}
