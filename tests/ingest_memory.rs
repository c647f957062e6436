//! A 100 MB article is read in bounded memory: the reader streams it in pieces and keeps
//! only distinct findings, so peak memory stays far below the size of the input. The real
//! binary reads it from its stdin, generated as it goes, under an address-space limit with
//! its peak RSS measured (see support/measured.rs).

#[path = "support/measured.rs"]
mod measured;
use measured::{Generated, run_with};

/// Peak RSS the binary may reach: far below the input's size.
const LIMIT_KB: u64 = 96 * 1024;

/// The articles `aipx ingest --json -` finds in `input`, checked for exit 0 and memory.
fn ingest(input: Generated) -> serde_json::Value {
    let args = ["--today", "2026-03-01", "ingest", "--json", "-"];
    let out = run_with(&std::env::temp_dir(), &args, &[], Some(Box::new(input)));
    out.expect_within(0, "", LIMIT_KB);
    serde_json::from_str(&out.stdout).unwrap()
}

fn list<'a>(article: &'a serde_json::Value, key: &str) -> &'a Vec<serde_json::Value> {
    article[key].as_array().unwrap()
}

#[test]
fn a_100_mb_file_is_processed_in_bounded_memory() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/articles/12_markets_wrap.txt"
    ))
    .unwrap();

    // 100 MB of articles with line breaks.
    let a = &ingest(Generated::new(b"", &text, 100 << 20))[0];
    assert!(list(a, "entities").iter().any(|e| e["symbol"] == "NVDA"));
    assert_eq!(list(a, "money").len(), 3, "repeats are one finding each");

    // 16 MB on a single line with no line break at all.
    let one_line: Vec<u8> = text
        .iter()
        .map(|&b| if b == b'\n' { b' ' } else { b })
        .collect();
    let a = &ingest(Generated::new(b"", &one_line, 16 << 20))[0];
    assert!(list(a, "entities").iter().all(|e| e["line"] == 1));
    assert!(list(a, "money").len() >= 3);
}
