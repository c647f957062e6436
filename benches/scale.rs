//! Scale benchmarks: load + index build, search per keystroke (typing a query one character
//! at a time, and the worst case of a first character) and keystroke -> frame at 120x40.
//! Runs on the embedded dataset, and also on a generated universe when `AIPX_UNIVERSE` names
//! its folder (see scripts/bench.sh, which prints the same measures as a table). With the
//! real listings of `../shared/reference/listings/` (skipped when absent), the `master` group
//! times search per keystroke with them imported as a securities master: the last key of
//! each query the latency script types (`scripts/tui_latency.sh`), after its other keys.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use aipx::index::Index;
use aipx::search::Session;
use aipx::tui::App;
use aipx::tui::screen::{Headless, parse_keys};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

#[path = "../tests/support/reference.rs"]
mod reference;

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

/// Search per keystroke over the embedded dataset with every reference listing imported
/// as a securities master (saved and read back as `aipx listings import` leaves it).
fn master(c: &mut Criterion) {
    let Some(dir) = reference::dir() else {
        eprintln!("scale bench: ../shared/reference/listings not found, master skipped");
        return;
    };
    let file = tempfile::tempdir().expect("a temporary folder");
    let path = file.path().join("master.bin");
    reference::master(&dir)
        .save_at(&path)
        .expect("the master is written");
    let companies = aipx::listings::Companies::load_at(&path)
        .expect("the master reads back")
        .expect("the master is there");
    let data = aipx::data::load(None).expect("valid dataset");
    let (_, searcher) = aipx::cli::with_companies(data, &companies).expect("the master fits");
    searcher.warm();
    let mut group = c.benchmark_group("master");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(3));
    for query in ["toyota", "inari", "ter", "sem", "soft", "semi", "inar"] {
        let (typed, _) = query.split_at(query.len() - 1);
        group.bench_function(format!("last key of '{query}'"), |b| {
            b.iter_batched(
                || {
                    let mut session = Session::default();
                    for end in 1..=typed.len() {
                        searcher.search_in(&mut session, &typed[..end], 100);
                    }
                    session
                },
                |mut session| black_box(searcher.search_in(&mut session, query, 100)),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, scale, master);
criterion_main!(benches);

/// The app with its searcher built, as the terminal's worker builds it at start.
fn warm(app: App) -> App {
    app.searcher();
    app
}
