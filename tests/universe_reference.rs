//! Checks every curated row of `assets/universe.csv` (and its extra `EXCH:SYM` listings)
//! against the real exchange listings in `../shared/reference/` where that exchange is
//! covered: the symbol must be there under a name that agrees with ours. The reference is a
//! snapshot with gaps, so a symbol it lacks is allowed, unless it lists the same company under
//! another symbol (then ours is wrong). Skipped, with a message, when `../shared` is missing.

use std::collections::HashMap;

use aipx::ingest::lexicon::Listed;
use aipx::ingest::universe;
use aipx::model::Exchange;

#[path = "support/reference.rs"]
mod reference;

/// Words that say nothing about which company a name is.
const FILLER: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "the",
    "holdings",
    "holding",
    "group",
    "sa",
    "se",
    "ag",
    "nv",
    "bhd",
    "berhad",
    "common",
    "stock",
    "class",
    "a",
    "b",
    "ordinary",
    "shares",
    "share",
    "american",
    "depositary",
    "and",
    "of",
    "technology",
    "technologies",
    "industries",
    "industrial",
    "international",
    "electronics",
    "electric",
    "m",
    "s",
    "n",
    "v",
    "pref",
    "i",
    "ii",
    "iii",
];

/// Legal and share-class words only: what two listings of one company may differ by.
const LEGAL: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "the",
    "sa",
    "se",
    "ag",
    "nv",
    "bhd",
    "berhad",
    "common",
    "stock",
    "class",
    "a",
    "b",
    "ordinary",
    "shares",
    "m",
    "s",
    "n",
    "v",
];

/// Symbols the snapshot still has under an older code: (exchange, ours, the snapshot's).
const RENAMED: &[(&str, &str, &str)] = &[
    // Euronext Paris moved STMicroelectronics from `STM` to `STMPA`.
    ("EPA", "STMPA", "STM"),
];

fn legal_free(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !LEGAL.contains(w))
        .map(str::to_string)
        .collect()
}

fn key_words(name: &str) -> Vec<String> {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .map(str::to_string)
        .collect()
}

/// Whether two names are the same company's: a shared distinctive word, or one squeezed
/// name starting with the other's first four letters (`VITROX` for `ViTrox Corporation`).
fn agree(ours: &str, theirs: &str) -> bool {
    let (a, b) = (key_words(ours), key_words(theirs));
    if a.iter().any(|w| b.contains(w)) {
        return true;
    }
    let squeeze = |s: &str| -> String {
        s.to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let (x, y) = (squeeze(ours), squeeze(theirs));
    x.len() >= 4 && y.len() >= 4 && (x.starts_with(&y[..4]) || y.starts_with(&x[..4]))
}

/// Listings keyed by exchange and symbol: Hong Kong codes without leading zeros, share-class
/// separators in one form (`BT.A`, `BT-A`, `HEXA B`).
fn key(exchange: Exchange, symbol: &str) -> (Exchange, String) {
    let s = symbol.trim().to_ascii_uppercase().replace(['.', ' '], "-");
    let s = if exchange.code() == "HKEX" {
        s.trim_start_matches('0').to_string()
    } else {
        s
    };
    (exchange, s)
}

#[test]
fn curated_rows_agree_with_the_reference_listings() {
    let Some(dir) = reference::dir() else {
        println!("skipped: ../shared/reference/listings not found");
        return;
    };
    let master: Vec<Listed> = reference::load(&dir);
    let covered: Vec<Exchange> = {
        let mut v: Vec<Exchange> = master.iter().map(|l| l.exchange).collect();
        v.sort();
        v.dedup();
        v
    };
    let by_symbol: HashMap<(Exchange, String), &Listed> = master
        .iter()
        .map(|l| (key(l.exchange, &l.symbol), l))
        .collect();
    let (mut checked, mut agreed, mut absent) = (0, 0, 0);
    let mut wrong = Vec::new();
    for c in universe::companies() {
        for l in &c.listings {
            if !covered.contains(&l.exchange) {
                continue;
            }
            checked += 1;
            match by_symbol.get(&key(l.exchange, &l.symbol)) {
                Some(r) if agree(&c.name, &r.name) => agreed += 1,
                Some(r) => wrong.push(format!(
                    "{}:{} is {:?} there, not {:?}",
                    l.exchange, l.symbol, r.name, c.name
                )),
                None => {
                    // Absent here: fine for a gap in the snapshot, wrong if the same company
                    // is listed under another symbol on that exchange.
                    // BSE has numeric scrip codes and ticker-like ids for one listing.
                    let numeric = l.symbol.bytes().all(|b| b.is_ascii_digit());
                    let elsewhere = master.iter().find(|r| {
                        r.exchange == l.exchange
                            && r.symbol.bytes().all(|b| b.is_ascii_digit()) == numeric
                            && legal_free(&r.name) == legal_free(&c.name)
                            && !legal_free(&c.name).is_empty()
                            && !RENAMED.iter().any(|&(e, ours, theirs)| {
                                e == l.exchange.code() && ours == l.symbol && theirs == r.symbol
                            })
                    });
                    match elsewhere {
                        Some(r) => wrong.push(format!(
                            "{}:{} ({}) is listed there as {}",
                            l.exchange, l.symbol, c.name, r.symbol
                        )),
                        None => absent += 1,
                    }
                }
            }
        }
    }
    println!(
        "{checked} curated listings on covered exchanges: {agreed} agree, \
         {absent} not in the reference snapshot, {} wrong",
        wrong.len()
    );
    for w in &wrong {
        println!("  {w}");
    }
    assert!(
        wrong.is_empty(),
        "{} curated listings disagree",
        wrong.len()
    );
    assert!(
        agreed * 10 >= checked * 7,
        "only {agreed} of {checked} curated listings found in the reference"
    );
}

#[test]
fn names_agree_by_distinctive_words() {
    assert!(agree("ViTrox Corporation Berhad", "VITROX"));
    assert!(agree(
        "Doosan Enerbility Co., Ltd.",
        "Doosan Heavy Industries & Construction"
    ));
    assert!(agree(
        "Ford Motor Company",
        "Ford Motor Company Common Stock"
    ));
    assert!(!agree("Hydro One Limited", "Cameco Corporation"));
}
