//! Unit tests of company mentions.

use super::*;

fn found(text: &str) -> Vec<String> {
    let lex = Lexicon::new(&crate::data::load(None).unwrap());
    let t = Tokens::new(text);
    let names = lex.names(text);
    find(&t, &lex, &names, 0)
        .into_iter()
        .map(|m| match m.who {
            Who::Known(k) => format!("{}={}", &text[m.start..m.end], lex.known[k].symbol),
            Who::New {
                symbol,
                exchange,
                name,
            } => format!("new {exchange}:{symbol} {name}"),
        })
        .collect()
}

#[test]
fn reads_every_tag_form() {
    assert_eq!(found("(NASDAQ: NVDA)"), ["NASDAQ: NVDA=NVDA"]);
    assert_eq!(found("NYSE:TSM"), ["NYSE:TSM=TSM"]);
    assert_eq!(found("(TSE: 9984)"), ["TSE: 9984=9984"]);
    assert_eq!(found("TYO:6702"), ["TYO:6702=6702"]);
    assert_eq!(
        found("(TWSE: 2330, NYSE: TSM)"),
        ["TWSE: 2330=TSM", "NYSE: TSM=TSM"]
    );
    assert_eq!(found("9984.T and 9984 JT"), ["9984.T=9984", "9984 JT=9984"]);
    assert_eq!(found("(KRX: 000660)"), ["KRX: 000660=000660"]);
    assert_eq!(found("(HKEX: 0700)"), ["HKEX: 0700=0700"]);
    assert_eq!(
        found("(Euronext Amsterdam: ASML)"),
        ["Euronext Amsterdam: ASML=ASML"]
    );
    assert_eq!(found("(Xetra: IFX)"), ["Xetra: IFX=IFX"]);
    assert_eq!(found("(NSE: TCS)"), ["NSE: TCS=TCS"]);
    assert_eq!(
        found("(Securities code: 6702)"),
        ["Securities code: 6702=6702"]
    );
    assert_eq!(
        found("Zeta Robotics Inc. (NASDAQ: ZRBT)"),
        ["new NASDAQ:ZRBT Zeta Robotics Inc."]
    );
}

#[test]
fn bare_tickers_only_where_unambiguous() {
    assert_eq!(found("For NVDA and MSFT"), ["NVDA=NVDA", "MSFT=MSFT"]);
    assert!(found("AI and IT ON the ARM of 2330 in 2026").is_empty());
    assert!(found("JAPAN BETS ON NVDA AND MSFT FOR AI").is_empty());
    assert!(found("version 2.T and www.example.HK").is_empty());
}
