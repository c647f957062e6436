//! Precision and recall of `aipx ingest` on the labelled fixture articles.
//!
//! Each article in `tests/fixtures/articles/` has an answer key beside it (same name,
//! `.toml`): the entity symbols, money amounts and catalyst dates a careful reader finds.
//! The test prints the figures per kind and requires at least 0.9 for each.

use std::collections::BTreeSet;
use std::path::Path;

use aipx::ingest::{Extractor, article};
use serde::Deserialize;

#[derive(Deserialize)]
struct Key {
    as_of: Option<String>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    catalysts: Vec<String>,
    #[serde(default)]
    money: Vec<KeyMoney>,
}

#[derive(Deserialize)]
struct KeyMoney {
    currency: String,
    amount: f64,
    usd: Option<f64>,
    upper: Option<f64>,
}

#[derive(Default, Clone, Copy)]
struct Score {
    found: usize,
    expected: usize,
    correct: usize,
}

impl Score {
    fn precision(self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.correct as f64 / self.found as f64
        }
    }
    fn recall(self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.correct as f64 / self.expected as f64
        }
    }
    fn add(&mut self, found: usize, expected: usize, correct: usize) {
        self.found += found;
        self.expected += expected;
        self.correct += correct;
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.005 * a.abs().max(b.abs()).max(1.0)
}

fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => close(a, b),
        _ => false,
    }
}

/// Compares two sets of strings; returns (found, expected, correct) and prints the misses.
fn compare_sets(
    name: &str,
    kind: &str,
    found: &BTreeSet<String>,
    expected: &BTreeSet<String>,
) -> (usize, usize, usize) {
    let correct = found.intersection(expected).count();
    for extra in found.difference(expected) {
        println!("  {name}: {kind} false positive: {extra}");
    }
    for missed in expected.difference(found) {
        println!("  {name}: {kind} missed: {missed}");
    }
    (found.len(), expected.len(), correct)
}

#[test]
fn extraction_is_accurate_on_labelled_articles() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let data = aipx::data::load(None).expect("embedded dataset loads");
    let ex = Extractor::new(&data);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 12,
        "need at least 12 labelled articles, have {}",
        files.len()
    );

    let (mut entities, mut money, mut catalysts) =
        (Score::default(), Score::default(), Score::default());
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let key: Key =
            toml::from_str(&std::fs::read_to_string(path.with_extension("toml")).unwrap())
                .unwrap_or_else(|e| panic!("{name}: bad answer key: {e}"));
        let fallback = key
            .as_of
            .as_deref()
            .map(|d| aipx::model::parse_day(d).unwrap())
            .unwrap_or_else(|| aipx::model::parse_day("2026-01-01").unwrap());
        let html = name.ends_with(".html");
        let file = std::fs::File::open(path).unwrap();
        let a = article::read_from(&ex, file, &name, html, None, fallback)
            .unwrap()
            .unwrap_or_else(|reason| panic!("{name} skipped: {reason}"));
        let f = &a.findings;

        let found: BTreeSet<String> = f.entities.iter().map(|e| e.symbol.clone()).collect();
        let expected: BTreeSet<String> = key.entities.iter().cloned().collect();
        let (x, y, z) = compare_sets(&name, "entity", &found, &expected);
        entities.add(x, y, z);

        let found: BTreeSet<String> = f.catalysts.iter().map(|c| c.date.to_string()).collect();
        let expected: BTreeSet<String> = key.catalysts.iter().cloned().collect();
        let (x, y, z) = compare_sets(&name, "catalyst", &found, &expected);
        catalysts.add(x, y, z);

        let mut unmatched: Vec<&KeyMoney> = key.money.iter().collect();
        let mut correct = 0;
        for m in &f.money {
            let hit = unmatched.iter().position(|k| {
                k.currency == m.money.currency.code()
                    && close(k.amount, m.money.amount)
                    && close_opt(k.usd, m.money.usd)
                    && (k.upper.is_none() || close_opt(k.upper, m.upper))
            });
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                    correct += 1;
                }
                None => println!(
                    "  {name}: money false positive: {} {:?} {:?} {:?}",
                    m.money, m.upper, m.qualifier, m.text
                ),
            }
        }
        for k in unmatched {
            println!(
                "  {name}: money missed: {} {} usd {:?}",
                k.currency, k.amount, k.usd
            );
        }
        money.add(f.money.len(), key.money.len(), correct);
    }

    println!("\nIngest accuracy on {} labelled articles", files.len());
    println!(
        "{:<10} {:>6} {:>9} {:>8} {:>10} {:>8}",
        "kind", "found", "expected", "correct", "precision", "recall"
    );
    for (kind, s) in [
        ("entities", entities),
        ("money", money),
        ("catalysts", catalysts),
    ] {
        println!(
            "{:<10} {:>6} {:>9} {:>8} {:>10.3} {:>8.3}",
            kind,
            s.found,
            s.expected,
            s.correct,
            s.precision(),
            s.recall()
        );
    }
    for (kind, s) in [
        ("entities", entities),
        ("money", money),
        ("catalysts", catalysts),
    ] {
        assert!(
            s.precision() >= 0.9,
            "{kind} precision {:.3} < 0.9",
            s.precision()
        );
        assert!(s.recall() >= 0.9, "{kind} recall {:.3} < 0.9", s.recall());
    }
}
