//! Precision and recall of `aipx ingest` on the labelled fixture articles.
//!
//! Each article in `tests/fixtures/articles/` has an answer key beside it (same name,
//! `.toml`): the entities (`EXCHANGE:SYMBOL`, so a link to another listing of the same
//! symbol is a miss; a bare symbol where the listing is not checked), money amounts and
//! catalyst dates a careful reader finds.
//! `imported` lists companies only a securities master knows (found once the real listings
//! in `../shared/reference/` are loaded), `traps` words that must never become a company.
//! The test prints the figures per kind and requires at least 0.9 for each, twice: with the
//! embedded data alone, and with the reference listings loaded (skipped when absent).

use std::collections::BTreeSet;
use std::path::Path;

use aipx::ingest::{Extractor, article};
use serde::Deserialize;

#[path = "support/reference.rs"]
mod reference;

#[derive(Deserialize)]
struct Key {
    as_of: Option<String>,
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    imported: Vec<String>,
    #[serde(default)]
    traps: Vec<String>,
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
    #[serde(default)]
    per_share: bool,
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

/// The found links as the key writes them: `EXCHANGE:SYMBOL`, or the symbol alone where the
/// key names that symbol without an exchange.
fn bare_where_the_key_is(
    found: &BTreeSet<String>,
    expected: &BTreeSet<String>,
) -> BTreeSet<String> {
    found
        .iter()
        .map(|f| match f.split_once(':') {
            Some((_, symbol)) if expected.contains(symbol) => symbol.to_string(),
            _ => f.clone(),
        })
        .collect()
}

#[test]
fn extraction_is_accurate_on_labelled_articles() {
    let data = aipx::data::load(None).expect("embedded dataset loads");
    score_fixtures(&Extractor::new(&data), false);
}

#[test]
fn extraction_is_accurate_with_the_reference_listings_loaded() {
    let Some(dir) = reference::dir() else {
        println!("skipped: ../shared/reference/listings not found");
        return;
    };
    let master = reference::load(&dir);
    assert!(master.len() > 30_000, "only {} listings read", master.len());
    let data = aipx::data::load(None).expect("embedded dataset loads");
    score_fixtures(&Extractor::with_master(&data, &master), true);
}

fn score_fixtures(ex: &Extractor, imported: bool) {
    // `AIPX_ARTICLES` scores another labelled folder of the same shape (a held-out set).
    let other = std::env::var_os("AIPX_ARTICLES");
    let dir = match &other {
        Some(d) => Path::new(d).to_path_buf(),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles"),
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "toml"))
        .collect();
    files.sort();
    assert!(
        other.is_some() || files.len() >= 30,
        "need at least 30 labelled articles, have {}",
        files.len()
    );

    let (mut entities, mut money, mut catalysts) =
        (Score::default(), Score::default(), Score::default());
    let mut trap_hits = Vec::new();
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
        let a = article::read_from(ex, file, &name, html, None, fallback)
            .unwrap()
            .unwrap_or_else(|reason| panic!("{name} skipped: {reason}"));
        let f = &a.findings;

        // What each link points at: `EXCHANGE:SYMBOL` (the dataset id of an unlisted body).
        // A key entry with an exchange must match it, so a link to the wrong listing of an
        // expected symbol shows; one without (held-out keys) matches the symbol alone.
        let found: BTreeSet<String> = f
            .entities
            .iter()
            .map(|e| match e.exchange {
                Some(x) => format!("{}:{}", x.code(), e.symbol),
                None => e.symbol.clone(),
            })
            .collect();
        let mut expected: BTreeSet<String> = key.entities.iter().cloned().collect();
        if imported {
            expected.extend(key.imported.iter().cloned());
        }
        let found = bare_where_the_key_is(&found, &expected);
        let (x, y, z) = compare_sets(&name, "entity", &found, &expected);
        for e in &f.entities {
            if key.traps.iter().any(|t| e.text.eq_ignore_ascii_case(t)) {
                trap_hits.push(format!("{name}: {:?} linked to {}", e.text, e.symbol));
            }
        }
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
                    && k.per_share == m.per_share
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

    let with = if imported {
        "with the reference listings loaded"
    } else {
        "with the embedded data"
    };
    println!(
        "\nIngest accuracy on {} labelled articles, {with}",
        files.len()
    );
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
    for hit in &trap_hits {
        println!("  trap hit: {hit}");
    }
    assert!(
        trap_hits.is_empty(),
        "{} trap words linked",
        trap_hits.len()
    );
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
