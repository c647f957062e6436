//! Terminal UI tests: whole-screen snapshots, key-driven flows, robustness and a property
//! test, all on the headless screen with today fixed at 2026-11-21.

mod book;
mod cutoff;
mod docs;
mod flows;
mod inbox;
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
