//! Scale figures for one dataset folder, printed as a Markdown table row set:
//! load + index build (from files and from the cache), search per keystroke while queries
//! are typed character by character (worst case: the first character), keystroke -> frame at
//! 120x40, clearing the query (Ctrl-U) -> frame, and the process's peak RSS.
//!
//! `cargo run --release --example scale_bench -- DIR` (see scripts/bench.sh);
//! `-- --master [DIR]` adds the securities master stored in `$XDG_DATA_HOME/aipx`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use aipx::index::Index;
use aipx::search::Session;
use aipx::tui::App;
use aipx::tui::screen::{Headless, parse_keys};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn row(what: &str, samples: &mut [Duration]) {
    samples.sort();
    println!(
        "| {what} | {} | {} | {} | {} |",
        samples.len(),
        ms(percentile(samples, 0.5)),
        ms(percentile(samples, 0.99)),
        ms(*samples.last().expect("at least one sample"))
    );
}

/// Peak resident set size so far, from /proc (Linux).
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Time this thread has spent on a CPU (Linux), to tell work from waiting on a loaded machine.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

fn main() {
    // `--master`: the stored securities master ($XDG_DATA_HOME/aipx) beside the dataset, as
    // the TUI loads it.
    let master = std::env::args().any(|a| a == "--master");
    let dir: Option<PathBuf> = std::env::args()
        .skip(1)
        .find(|a| a != "--master")
        .map(PathBuf::from);
    let today = aipx::model::parse_day("2026-11-21").unwrap();
    println!("| measure | samples | p50 | p99 | max |");
    println!("|---|---|---|---|---|");

    let mut load = Vec::new();
    let mut loaded = None;
    for _ in 0..3 {
        // Free the previous copy first, as a fresh process would have nothing loaded.
        drop(loaded.take());
        let start = Instant::now();
        let data = aipx::data::load(dir.as_deref()).expect("valid dataset");
        loaded = Some(if master {
            let (index, searcher) = aipx::cli::with_master(data).expect("a readable master");
            (index, Some(searcher))
        } else {
            (Index::new(data), None)
        });
        load.push(start.elapsed());
    }
    let (index, beside) = loaded.expect("loaded three times");
    row(
        if master {
            "load + index build with the securities master (its catalog read, not built)"
        } else {
            "load + index build (from the cache once it is warm)"
        },
        &mut load,
    );
    // The search catalog is built on first use (the TUI builds it on its worker at start).
    let start = Instant::now();
    let searcher = match beside {
        Some(s) => s,
        None => aipx::search::Searcher::new(index.data()),
    };
    row(
        "search catalog build (once, off the typing path)",
        &mut [start.elapsed()],
    );
    // What the TUI's search worker builds next, at start.
    let start = Instant::now();
    searcher.warm();
    row(
        "search warm-up: bonus places and start forms (once, at TUI start)",
        &mut [start.elapsed()],
    );

    // Queries typed one character at a time: names from the data and single common letters.
    let entities = &index.data().entities;
    let mut queries: Vec<String> = ["s", "a", "e", "semi", "tokyo electron", "zen data", "sem"]
        .map(String::from)
        .to_vec();
    if master {
        queries.extend(["toyota", "inari", "samsung elec", "7203"].map(String::from));
    }
    // Third keys that used to rescan everything after a two-key query stopped early.
    queries.extend(["ter", "ina"].map(String::from));
    for i in [7usize, 1234, 56_789, 99_999] {
        if let Some(e) = entities.get(i % entities.len().max(1)) {
            queries.push(e.name.chars().take(12).collect());
        }
    }
    let mut keystrokes = Vec::new();
    let mut first_char = Vec::new();
    let mut third_char = Vec::new();
    for _ in 0..3 {
        for q in &queries {
            let mut session = Session::default();
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                let start = Instant::now();
                let hits = searcher.search_in(&mut session, &typed, 100);
                let took = start.elapsed();
                std::hint::black_box(hits);
                keystrokes.push(took);
                if typed.chars().count() == 1 {
                    first_char.push(took);
                }
                if typed.chars().count() == 3 {
                    third_char.push(took);
                }
                if std::env::var_os("SCALE_BENCH_VERBOSE").is_some() {
                    eprintln!("{typed:?}: {took:?}");
                }
            }
        }
    }
    row("search per keystroke (all)", &mut keystrokes);
    row("search, first character (worst case)", &mut first_char);
    row(
        "search, the third key of each typed query (`ter`, `sem`, `ina`...)",
        &mut third_char,
    );
    // Letter pairs and triples that match tens of thousands of texts without any of them
    // starting with the query: the hardest shapes for the search.
    let mut hard = Vec::new();
    for _ in 0..3 {
        for q in [
            "ea", "eo", "in", "ai", "ee", "ter", "ora", "eon", "ics", "ine",
        ] {
            let start = Instant::now();
            std::hint::black_box(searcher.search(q, 100));
            hard.push(start.elapsed());
        }
    }
    row("search, hardest pairs and triples (fresh)", &mut hard);

    // Whole keystroke -> frame through the TUI's update and view at 120x40.
    let mut frames = Vec::new();
    let (mut clears, mut clears_cpu) = (Vec::new(), Vec::new());
    let app = App::new(index, today);
    let app = if master {
        app.with_searcher(searcher)
    } else {
        drop(searcher);
        app
    };
    let mut headless = Headless::new(warm(app), 120, 40);
    for q in &queries {
        let script = format!("/{}<Esc>", q.replace('<', "<lt>"));
        for event in parse_keys(&script).expect("valid key script") {
            let start = Instant::now();
            headless.apply(&event);
            frames.push(start.elapsed());
        }
        // Clear the query for the next one, timing the clear itself (back to every entity).
        for (i, event) in parse_keys("/<C-u><Esc>")
            .expect("valid key script")
            .iter()
            .enumerate()
        {
            let (start, cpu) = (Instant::now(), thread_cpu());
            headless.apply(event);
            if i == 1 {
                clears.push(start.elapsed());
                if let (Some(before), Some(after)) = (cpu, thread_cpu()) {
                    clears_cpu.push(after.saturating_sub(before));
                }
            }
        }
    }
    row("keystroke -> updated frame, 120x40", &mut frames);
    row(
        "clear the query (Ctrl-U) -> frame of every entity, 120x40",
        &mut clears,
    );
    if !clears_cpu.is_empty() {
        row("clear the query, CPU time of the clear", &mut clears_cpu);
    }
    if let Some(mb) = peak_rss_mb() {
        // Three loads in one process (each dropped before the next), a first one from the
        // files if the cache was cold.
        println!("| peak RSS of this bench process | | {mb:.0} MB | | |");
    }
}

/// The app with its searcher built and warmed, as the terminal's worker does at start.
fn warm(app: App) -> App {
    app.searcher().warm();
    app
}
