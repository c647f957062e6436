//! Unit tests of the lexicon.

use super::*;

fn lex() -> Lexicon {
    Lexicon::new(&crate::data::load(None).unwrap())
}

fn named(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.names(text)
        .iter()
        .map(|h| match h.named {
            Named::Known(k) => lex.known[k].symbol.clone(),
            Named::Program(p) => lex.programs[p].id.clone(),
        })
        .collect()
}

#[test]
fn finds_names_aliases_and_units() {
    let lex = lex();
    assert_eq!(
        named(&lex, "Foxconn and Hon Hai, SK Hynix, Micron, TSMC and AWS"),
        ["2317", "2317", "000660", "MU", "TSM", "AMZN"]
    );
    assert_eq!(
        named(&lex, "SoftBank Corp. and SoftBank Group Corp."),
        ["9434", "9984"]
    );
    assert_eq!(
        named(&lex, "the Genesis Mission and the CHIPS Act"),
        ["genesis-mission", "us-chips-act"]
    );
}

#[test]
fn ignores_ordinary_words_and_wrong_case() {
    let lex = lex();
    assert!(
        named(
            &lex,
            "an arm of the group, apple pie, micron scale, tel 555"
        )
        .is_empty()
    );
    assert!(named(&lex, "ARM-based chips").is_empty());
    assert!(named(&lex, "intelligence").is_empty());
    assert_eq!(named(&lex, "Arm and NVIDIA"), ["ARM", "NVDA"]);
}

#[test]
fn resolves_listings_and_bare_symbols() {
    let lex = lex();
    let tse = Exchange::parse("TSE").unwrap();
    let hk = Exchange::parse("HKEX").unwrap();
    assert_eq!(
        lex.known[lex.listing(tse, "9984").unwrap()].name,
        "SoftBank Group Corp."
    );
    assert_eq!(
        lex.known[lex.listing(hk, "700").unwrap()].name,
        "Tencent Holdings Limited"
    );
    assert!(lex.bare("NVDA").is_some());
    assert!(lex.bare("ON").is_none() && lex.bare("AI").is_none());
}

#[test]
fn a_name_in_capitals_is_found_capitalised_but_an_acronym_only_as_written() {
    let lex = lex();
    assert_eq!(
        named(&lex, "Towa, Ulvac and Disco rose; TOWA and ULVAC too."),
        ["6315", "6728", "6146", "6315", "6728"]
    );
    // Three letters are an acronym: `Tel` is no Tokyo Electron, and lower case is a word.
    assert!(named(&lex, "Tel Aviv and the disco").is_empty());
}
