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
fn strips_html() {
    let mut s = HtmlStripper::default();
    assert_eq!(
        s.line("<p>NVIDIA &amp; TSMC</p><script>var x = '$1 billion';</script>")
            .trim(),
        "NVIDIA & TSMC"
    );
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
