//! Scale benchmarks: load + index build, search per keystroke (typing a query one character
//! at a time, and the worst case of a first character) and keystroke -> frame at 120x40.
//! Runs on the embedded dataset, and also on a generated universe when `AIPX_UNIVERSE` names
//! its folder (see scripts/bench.sh, which prints the same measures as a table).

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use aipx::index::Index;
use aipx::search::Session;
use aipx::tui::App;
use aipx::tui::screen::{Headless, parse_keys};
use criterion::{Criterion, criterion_group, criterion_main};

fn datasets() -> Vec<(String, Option<PathBuf>)> {
    let mut out = vec![("seed".to_string(), None)];
    if let Some(dir) = std::env::var_os("AIPX_UNIVERSE") {
        out.push(("universe".to_string(), Some(PathBuf::from(dir))));
    }
    out
}

fn scale(c: &mut Criterion) {
    let today = aipx::model::parse_day("2026-11-21").expect("valid day");
    for (name, dir) in datasets() {
        let mut group = c.benchmark_group(&name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(5));
        group.bench_function("load+index", |b| {
            b.iter(|| Index::new(aipx::data::load(dir.as_deref()).expect("valid dataset")))
        });
        let index = Index::new(aipx::data::load(dir.as_deref()).expect("valid dataset"));
        let searcher = aipx::search::Searcher::new(index.data());
        group.bench_function("search first character 's'", |b| {
            b.iter(|| searcher.search(black_box("s"), 100))
        });
        group.bench_function("search typing 'semicon' (7 keystrokes)", |b| {
            b.iter(|| {
                let mut session = Session::default();
                let mut typed = String::new();
                for ch in "semicon".chars() {
                    typed.push(ch);
                    black_box(searcher.search_in(&mut session, &typed, 100));
                }
            })
        });
        let mut screen = Headless::new(warm(App::new(index, today)), 120, 40);
        let events = parse_keys("/semi<BS><BS><BS><BS><Esc>").expect("valid keys");
        let mut at = 0;
        group.bench_function("keystroke -> frame 120x40", |b| {
            b.iter(|| {
                screen.apply(&events[at % events.len()]);
                at += 1;
            })
        });
        // Drawing alone, with `se` typed: the frame the real TUI draws first when `m` of
        // `sem` is typed, before the worker's results for `sem` arrive. On the universe `se`
        // selects e23, whose panes hold 895 programs and 1,811 catalysts: a frame must cost
        // what it shows, not what the entity holds.
        screen.play("<Esc><Esc>/se").expect("valid keys");
        assert!(screen.text().contains("/ se"), "the query is typed");
        group.bench_function("frame 120x40 drawn, `se` typed", |b| {
            b.iter(|| screen.draw())
        });
        group.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);

/// The app with its searcher built, as the terminal's worker builds it at start.
fn warm(app: App) -> App {
    app.searcher();
    app
}
