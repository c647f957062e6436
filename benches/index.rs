//! Load + index build of the embedded dataset, and one fuzzy search.

use std::hint::black_box;

use aipx::data::DataFiles;
use aipx::index::Index;
use criterion::{Criterion, criterion_group, criterion_main};

fn load_and_index(c: &mut Criterion) {
    let files = DataFiles::embedded();
    c.bench_function("parse+validate (embedded)", |b| {
        b.iter(|| black_box(&files).parse().expect("valid dataset"))
    });
    c.bench_function("load+index (embedded)", |b| {
        b.iter(|| Index::new(black_box(&files).parse().expect("valid dataset")))
    });
}

fn search(c: &mut Criterion) {
    let data = DataFiles::embedded().parse().expect("valid dataset");
    let index = aipx::search::Searcher::new(&data);
    c.bench_function("search \"softbank\"", |b| {
        b.iter(|| index.search(black_box("softbank"), 20))
    });
    c.bench_function("search \"s\" (worst case: one letter)", |b| {
        b.iter(|| index.search(black_box("s"), 20))
    });
}

criterion_group!(benches, load_and_index, search);
criterion_main!(benches);
