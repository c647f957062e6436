//! Terminal UI tests: whole-screen snapshots, key-driven flows, robustness and a property
//! test, all on the headless screen with today fixed at 2026-11-21.

mod book;
mod cutoff;
mod docs;
mod flows;
mod inbox;
mod layout;
mod lists;
mod mouse;
mod props;
mod robustness;
mod screen_cli;
mod snapshots;

use aipx::index::Index;
use aipx::model::Dataset;
use aipx::tui::App;
use aipx::tui::screen::Headless;
use chrono::NaiveDate;

/// The fixed today of every test.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// The embedded dataset.
pub fn dataset() -> Dataset {
    aipx::data::load(None).expect("embedded dataset loads")
}

/// An app on the embedded dataset, without colour.
pub fn app() -> App {
    app_on(dataset())
}

/// An app on a given dataset, without colour.
pub fn app_on(data: Dataset) -> App {
    App::new(Index::new(data), today()).with_color(false)
}

/// A headless app of the given size after playing `keys`.
pub fn play(width: u16, height: u16, keys: &str) -> Headless {
    let mut screen = Headless::new(app(), width, height);
    screen.play(keys).expect("valid key script");
    screen
}

/// The text of the screen after playing `keys`.
pub fn screen(width: u16, height: u16, keys: &str) -> String {
    play(width, height, keys).text()
}

/// One watchlist named `book` holding `symbols`, without quantities or weights.
pub fn watchlist(symbols: &[&str]) -> aipx::book::Watchlists {
    let entries = symbols
        .iter()
        .map(|s| aipx::book::Entry {
            symbol: s.to_string(),
            quantity: None,
            weight: None,
        })
        .collect();
    aipx::book::Watchlists {
        version: 1,
        lists: vec![aipx::book::Watchlist {
            name: "book".into(),
            entries,
        }],
    }
}

/// `aipx --today 2026-11-21 screen --size SIZE --remember` with its config, data, state and
/// `HOME` all in `home`, so a run reads and writes nothing of the user's.
pub fn isolated(home: &std::path::Path, size: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("aipx").unwrap();
    cmd.env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HOME", home)
        .args(["--today", "2026-11-21", "screen", "--size", size])
        .arg("--remember");
    cmd
}

/// What an [`isolated`] run of `size` prints after `keys` (it must succeed).
pub fn isolated_run(home: &std::path::Path, size: &str, keys: &str) -> String {
    let out = isolated(home, size)
        .args(["--keys", keys])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}
