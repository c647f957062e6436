//! HTML pages stream through the tokenizer in bounded memory: a comment or tag that never
//! ends is refused once it passes 1 MiB instead of being held whole, and a long page of text
//! keeps only its findings. The real binary reads each page from its stdin, generated as it
//! goes, under an address-space limit with its peak RSS measured (see support/measured.rs).

#[path = "support/measured.rs"]
mod measured;
use measured::{Generated, run_with};

/// Peak RSS the binary may reach on these pages: below the size of the page of text, far
/// below the 256 MiB ones (the debug build peaks near 28 MB, the release build near 21 MB on
/// a 200 MB page: scripts/hostile_rss.sh).
const LIMIT_KB: u64 = 40 * 1024;

/// `aipx ingest [--json] -` on `page`, under the limit.
fn ingest(page: Generated, json: bool) -> measured::Outcome {
    let mut args = vec!["--today", "2026-03-01", "ingest"];
    if json {
        args.push("--json");
    }
    args.push("-");
    run_with(&std::env::temp_dir(), &args, &[], Some(Box::new(page)))
}

#[test]
fn html_markup_that_never_ends_is_refused() {
    // 256 MiB (the article limit) inside one comment, and inside one attribute value:
    // refused after the first MiB, never held.
    for (head, chunk) in [
        (
            "<html><body><p>Nvidia</p><!--",
            "Rapidus will list in 2027. ",
        ),
        ("<html><body><a href=\"", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n"),
    ] {
        ingest(
            Generated::new(head.as_bytes(), chunk.as_bytes(), 256 << 20),
            false,
        )
        .expect_within(
            0,
            "<stdin>: skipped: an HTML tag or comment runs over 1 MiB",
            LIMIT_KB,
        );
    }
}

#[test]
fn a_48_mb_html_page_streams() {
    // 48 MB of paragraphs (more would only slow the debug build): references decoded,
    // repeats one finding each.
    let para = "<p>Nvidia will invest &#36;2 billion &amp; SoftBank &#165;300 billion.</p>\n";
    let head = "<html><body>\n";
    // Whole paragraphs only: a cut one would end in a shorter amount.
    let total = head.len() + para.len() * ((48 << 20) / para.len());
    let page = Generated::new(head.as_bytes(), para.as_bytes(), total);
    let out = ingest(page, true);
    out.expect_within(0, "", LIMIT_KB);
    let articles: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let money: Vec<&str> = articles[0]["money"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(money, ["$2 billion", "¥300 billion"]);
}
