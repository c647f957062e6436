//! Unit tests of the scanner.

use super::*;

fn texts(s: &str) -> Vec<String> {
    let t = Tokens::new(s);
    (0..t.len()).map(|i| t.s(i).to_string()).collect()
}

#[test]
fn splits_words_numbers_and_symbols() {
    assert_eq!(
        texts("US$6.4bn, ¥1,230 (9984.T) 3Q26"),
        [
            "US", "$", "6.4", "bn", ",", "¥", "1,230", "(", "9984", ".", "T", ")", "3", "Q", "26"
        ]
    );
    assert_eq!(texts("2026-04-01"), ["2026", "-", "04", "-", "01"]);
    assert_eq!(texts("1兆円 Société"), ["1", "兆", "円", "Société"]);
    assert_eq!(texts("in 2026, then"), ["in", "2026", ",", "then"]);
}

#[test]
fn finds_sentences_and_lines() {
    let t = Tokens::new("Nvidia rose. The U.S. said so.\nNext line here\n- a list item");
    assert_eq!(t.sentence_text(0), "Nvidia rose.");
    assert_eq!(t.sentence_text(1), "The U.S. said so.");
    assert_eq!(t.sentence_text(2), "Next line here");
    assert_eq!(t.sentence_text(3), "- a list item");
    let next = (0..t.len()).find(|&i| t.s(i) == "Next").unwrap();
    assert_eq!(t.token_line(next), 1);
}

#[test]
fn whole_words_respect_neighbours() {
    let text = "Intel intelligence ソフトバンクグループ";
    assert!(whole_word(text, 0, 5));
    assert!(!whole_word(text, 6, 11));
    let s = text.find('ソ').unwrap();
    assert!(whole_word(text, s, s + "ソフトバンク".len()));
}
