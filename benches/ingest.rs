//! Extraction throughput on article text (criterion, bytes per second): the labelled
//! fixture articles repeated to about 4 MB, extracted in one call on one core.

use std::hint::black_box;

use aipx::ingest::Extractor;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/articles");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures exist")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    let one: String = files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("fixture is UTF-8") + "\n\n")
        .collect();
    one.repeat((4 << 20) / one.len() + 1)
}

fn throughput(c: &mut Criterion) {
    let data = aipx::data::load(None).expect("embedded dataset loads");
    let ex = Extractor::new(&data);
    let text = corpus();
    let as_of = aipx::model::parse_day("2026-03-01").expect("valid day");
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("extract", |b| {
        b.iter(|| ex.extract(black_box(&text), as_of))
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
