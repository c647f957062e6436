//! Keystroke to updated frame: key table + `App::update` + `view` on a 120x40 test terminal,
//! one keystroke per iteration, on the embedded (seed) dataset.

use std::time::Duration;

use aipx::index::Index;
use aipx::tui::screen::parse_keys;
use aipx::tui::{App, actions_for, ui};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::Event;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let index = Index::new(aipx::data::load(None).expect("embedded dataset loads"));
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).expect("valid day");
    let mut app = App::new(index, today);
    app.update(aipx::tui::Action::Resize(120, 40));
    app
}

/// Benchmarks `keys`, replayed in a loop, after `setup`; each iteration is one keystroke.
fn keystrokes(c: &mut Criterion, name: &str, setup: &str, keys: &str) {
    let mut app = app();
    for event in parse_keys(setup).expect("valid setup script") {
        for action in actions_for(&app, &event) {
            app.update(action);
        }
    }
    let events: Vec<Event> = parse_keys(keys).expect("valid key script");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    terminal.draw(|f| ui::view(&app, f)).expect("draw");
    let mut at = 0;
    c.bench_function(name, |b| {
        b.iter(|| {
            let event = &events[at % events.len()];
            at += 1;
            for action in actions_for(&app, event) {
                app.update(action);
            }
            terminal.draw(|f| ui::view(&app, f)).expect("draw");
        })
    });
    assert!(!app.should_quit());
}

/// The layout a scroll step or a click consults (`ui::layout`: where the tab places its panes
/// and rows at the app's size, nothing drawn), after `setup`: what a step costs beyond its
/// frame.
fn layout(c: &mut Criterion, name: &str, setup: &str) {
    let mut app = app();
    for event in parse_keys(setup).expect("valid setup script") {
        for action in actions_for(&app, &event) {
            app.update(action);
        }
    }
    c.bench_function(name, |b| b.iter(|| ui::layout(&app)));
}

fn benches(c: &mut Criterion) {
    // Type a query and erase it: a search and a full redraw on every key.
    keystrokes(c, "type_search_120x40", "/", "softbank<BS*8>");
    keystrokes(c, "move_results_120x40", "", "<Down*20><Up*20>");
    keystrokes(c, "move_calendar_120x40", "3g", "<Down*11><Up*11>");
    keystrokes(c, "switch_tabs_120x40", "", "123");
    // The charts: a bar per catalyst on a month axis; a program's funding as bars.
    keystrokes(c, "move_calendar_chart_120x40", "3vvg", "<Down*11><Up*11>");
    keystrokes(c, "move_programs_chart_120x40", "2vg", "<Down*8><Up*8>");
    // Stepping through the detail panes of an entity.
    keystrokes(c, "move_exposures_120x40", "/TSM<Enter>", "<Down><Up>");
    layout(c, "layout_explore_120x40", "/TSM<Enter>");
}

criterion_group! {
    name = tui;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = benches
}
criterion_main!(tui);
