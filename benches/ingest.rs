//! Extraction throughput on article text (criterion, bytes per second, one core), on two
//! corpora of about 4 MB each, extracted in one call:
//! - `seeds`: the real-world source articles in `../shared/seeds/` (skipped when absent);
//! - `fixtures`: the labelled test articles, written to be dense in names, money and dates;
//!
//! each with the embedded data alone, then (`+master`) with the real listings of
//! `../shared/reference/listings/` loaded as a securities master (skipped when absent).

use std::hint::black_box;
use std::path::Path;

use aipx::ingest::Extractor;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/support/reference.rs"]
mod reference;

/// The articles of `dir` (answer keys left out), repeated to about 4 MB.
fn corpus(dir: &Path) -> Option<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    let one: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("article is UTF-8") + "\n\n")
        .collect();
    (!one.is_empty()).then(|| one.repeat((4 << 20) / one.len() + 1))
}

fn throughput(c: &mut Criterion) {
    let data = aipx::data::load(None).expect("embedded dataset loads");
    let plain = Extractor::new(&data);
    let master = reference::dir().map(|dir| {
        let rows = reference::load(&dir);
        eprintln!("ingest bench: {} reference listings loaded", rows.len());
        Extractor::with_master(&data, &rows)
    });
    if master.is_none() {
        eprintln!("ingest bench: ../shared/reference/listings not found, +master skipped");
    }
    let as_of = aipx::model::parse_day("2026-03-01").expect("valid day");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    for (name, dir) in [
        ("seeds", root.join("../shared/seeds")),
        ("fixtures", root.join("tests/fixtures/articles")),
    ] {
        let Some(text) = corpus(&dir) else {
            eprintln!("ingest bench: {} not found, {name} skipped", dir.display());
            continue;
        };
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| b.iter(|| plain.extract(black_box(&text), as_of)));
        if let Some(ex) = &master {
            group.bench_function(format!("{name}+master"), |b| {
                b.iter(|| ex.extract(black_box(&text), as_of))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
