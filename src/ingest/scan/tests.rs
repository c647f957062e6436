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

mod same_as_reference {
    use super::*;
    use proptest::prelude::*;

    fn parts(toks: &[Token]) -> Vec<(usize, usize, Kind, bool, bool)> {
        toks.iter()
            .map(|t| (t.start, t.end, t.kind, t.space, t.newline))
            .collect()
    }

    /// Text of letters, accents, digits, separators and other scripts, in runs long and
    /// short enough to cross the scanner's eight-byte steps.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop_oneof![
            "[a-zA-Z]{1,20}",
            "[0-9]{1,5}",
            Just(",".to_string()),
            Just(".".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            "[éÉüßñ×÷’\u{a0}\u{2003}兆円ソフト@\\[`{_^~$%()-]",
            any::<char>().prop_map(String::from),
        ];
        proptest::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The fast scanner splits every text as the byte-by-byte one did.
        #[test]
        fn scanner_matches_the_reference(s in text()) {
            let t = Tokens::new(&s);
            let (toks, lines) = reference_tokens(&s);
            prop_assert_eq!(parts(&t.toks), parts(&toks));
            prop_assert_eq!(&t.line_starts, &lines);
            // Every first byte outside ASCII is noted.
            for b in 0x80..0x100usize {
                let mut set = [false; 256];
                set[b] = true;
                prop_assert_eq!(t.has_lead(&set), s.bytes().any(|x| usize::from(x) == b && x >= 0xc0), "byte {:x}", b);
            }
        }

        #[test]
        fn scanner_matches_the_reference_on_any_text(s in any::<String>()) {
            let t = Tokens::new(&s);
            let (toks, lines) = reference_tokens(&s);
            prop_assert_eq!(parts(&t.toks), parts(&toks));
            prop_assert_eq!(&t.line_starts, &lines);
        }
    }
}
