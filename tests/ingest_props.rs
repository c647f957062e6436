//! Property tests: extraction never panics, whatever the bytes.

use aipx::ingest::{Extractor, article};
use proptest::prelude::*;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| Extractor::new(&aipx::data::load(None).unwrap()))
}

fn day() -> chrono::NaiveDate {
    aipx::model::parse_day("2026-03-01").unwrap()
}

/// Text built from the pieces the scanners react to, so the strategies reach deep paths.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "¥",
        "$",
        "US$",
        "NT$",
        "€",
        "£",
        "₩",
        "₹",
        "Rs.",
        "兆",
        "億",
        "円",
        "(",
        ")",
        "=",
        "-",
        "–",
        ":",
        ".",
        ",",
        "%",
        " ",
        "\n",
        "\n\n",
        "1",
        "2026",
        "1.5",
        "9984",
        "0700",
        "trillion",
        "billion",
        "bn",
        "B",
        "T",
        "yen",
        "won",
        "crore",
        "up to",
        "more than",
        "between",
        "and",
        "to",
        "NASDAQ",
        "TSE",
        "NYSE",
        "JT",
        "T",
        "HK",
        "fiscal",
        "FY",
        "year",
        "next",
        "Q",
        "H",
        "first",
        "half",
        "quarter",
        "of",
        "early",
        "mid",
        "late",
        "end",
        "June",
        "May",
        "Tuesday",
        "on",
        "by",
        "will",
        "said",
        "NVDA",
        "SoftBank",
        "TSMC",
        "ソフトバンク",
        "é",
        "\u{1b}[31m",
        "\r",
        "\t",
        "Date:",
        "Published",
        "By ",
        "年",
        "月",
        "日",
        "度",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    // PROPTEST_CASES=5000 runs a longer search.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn any_string_extracts_without_panic(text in any::<String>()) {
        let (_, f) = extractor().extract(&text, day());
        prop_assert!(f.entities.len() <= text.len());
    }

    #[test]
    fn tricky_text_extracts_without_panic(text in tricky()) {
        let (_, f) = extractor().extract(&text, day());
        for m in &f.money {
            prop_assert!(m.money.amount.is_finite() && m.money.amount >= 0.0);
        }
    }

    #[test]
    fn any_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096), html in any::<bool>()) {
        let _ = article::read_from(extractor(), bytes.as_slice(), "fuzz", html, None, day()).unwrap();
    }
}

/// Long lines are cut into pieces, including in the middle of multi-byte characters.
#[test]
fn long_lines_of_multibyte_text_are_read() {
    let line = "ソフトバンク ¥1兆円 ".repeat(20_000);
    let a = article::read_from(extractor(), line.as_bytes(), "long", false, None, day())
        .unwrap()
        .unwrap();
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.findings.money.len(), 1);
}
