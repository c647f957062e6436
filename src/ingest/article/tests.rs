//! Unit tests of article reading.

use super::*;

fn day(s: &str) -> NaiveDate {
    crate::model::parse_day(s).unwrap()
}

#[test]
fn finds_date_lines_and_datelines() {
    let near = day("2026-01-01");
    assert_eq!(date_line("Date: 2026-03-02", near), Some(day("2026-03-02")));
    assert_eq!(
        date_line("Published: March 2, 2026 09:00 JST", near),
        Some(day("2026-03-02"))
    );
    assert_eq!(
        date_line("TOKYO, March 2, 2026 /PRNewswire/ --", near),
        Some(day("2026-03-02"))
    );
    assert_eq!(
        date_line("Monday, 2 March 2026", near),
        Some(day("2026-03-02"))
    );
    assert_eq!(
        date_line("Shipments start on March 2, 2027 at the plant.", near),
        None
    );
}

#[test]
fn skips_binary_and_reads_bad_utf8_lossily() {
    let data = crate::data::load(None).unwrap();
    let ex = Extractor::new(&data);
    let today = day("2026-01-01");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0rest".as_slice();
    assert!(
        read_from(&ex, png, "x.png", false, None, today)
            .unwrap()
            .is_err()
    );
    let bad = b"Nvidia \xff\xfe will spend $1 billion by 2027.\n".as_slice();
    let article = read_from(&ex, bad, "bad.txt", false, None, today)
        .unwrap()
        .unwrap();
    assert!(
        article.warnings[0].contains("not valid UTF-8"),
        "{:?}",
        article.warnings
    );
    assert_eq!(article.findings.entities[0].symbol, "NVDA");
    assert_eq!(article.findings.money.len(), 1);
}

#[test]
fn html_articles_are_read_through_the_tokenizer() {
    let data = crate::data::load(None).unwrap();
    let ex = Extractor::new(&data);
    let page = "<html><head><title>Chips</title></head><body>\n\
        <p>Date: 2026-03-02</p>\n\
        <p>Nvidia will invest &#36;2 billion in the plant.</p>\n\
        <p>SoftBank pledged &#165;300 billion for AI data centres.</p>\n\
        <!-- <p>Rapidus will list its shares in March 2027.</p> -->\n\
        <p>Code: &amp;lt;b&amp;gt; stays escaped.</p>\n\
        <script>var fake = 'TSMC will spend $9 billion';</script></body></html>\n";
    let article = read_from(
        &ex,
        page.as_bytes(),
        "p.html",
        true,
        None,
        day("2026-01-01"),
    )
    .unwrap()
    .unwrap();
    let f = &article.findings;
    let money: Vec<String> = f.money.iter().map(|m| m.text.clone()).collect();
    assert_eq!(money, ["$2 billion", "¥300 billion"], "{f:?}");
    assert!(
        f.catalysts.is_empty(),
        "a comment is not text: {:?}",
        f.catalysts
    );
    assert!(
        !f.entities.iter().any(|e| e.symbol == "TSM"),
        "script text was read"
    );
    assert_eq!(article.as_of, day("2026-03-02"));
}

#[test]
fn a_date_read_from_the_file_time_is_flagged_as_a_guess() {
    let data = crate::data::load(None).unwrap();
    let ex = Extractor::new(&data);
    let file_time = day("2026-07-01");
    let text = b"Officials will travel to Washington in early June to sign.\n".as_slice();
    let guessed = read_from(&ex, text, "a.txt", false, None, file_time)
        .unwrap()
        .unwrap();
    assert_eq!(guessed.as_of_source, AsOfSource::FileTime);
    assert!(
        guessed
            .warnings
            .iter()
            .any(|w| w.contains("no date line and no --as-of") && w.contains("2026-07-01")),
        "{:?}",
        guessed.warnings
    );
    // With --as-of, or a date line, the date is known: no warning.
    let flagged = read_from(
        &ex,
        text,
        "a.txt",
        false,
        Some(day("2026-03-01")),
        file_time,
    )
    .unwrap()
    .unwrap();
    assert!(flagged.warnings.is_empty(), "{:?}", flagged.warnings);
    let dated = b"Date: March 4, 2026\nOfficials will travel in early June.\n".as_slice();
    let dated = read_from(&ex, dated, "b.txt", false, None, file_time)
        .unwrap()
        .unwrap();
    assert_eq!(dated.as_of_source, AsOfSource::DateLine);
    assert!(dated.warnings.is_empty(), "{:?}", dated.warnings);
    // No date in the text: nothing hangs on the guess.
    let undated = b"Nvidia makes GPUs.\n".as_slice();
    let undated = read_from(&ex, undated, "c.txt", false, None, file_time)
        .unwrap()
        .unwrap();
    assert!(undated.warnings.is_empty(), "{:?}", undated.warnings);
}
