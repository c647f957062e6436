//! How traders tag a listing with its exchange: names and codes before a colon
//! (`Euronext Paris:`), Yahoo-style suffixes (`.T`) and Bloomberg codes (` JT`).

use crate::model::Exchange;

/// The exchange with code `code`, from the tables below.
pub(super) fn ex(code: &str) -> Exchange {
    Exchange::parse(code).expect("exchange codes in the tables below are known")
}

/// Spellings before a colon that [`Exchange::parse`] does not know, with candidate codes.
const TAGS: &[(&str, &[&str])] = &[
    ("nasdaq global select", &["NASDAQ"]),
    ("nasdaq global select market", &["NASDAQ"]),
    ("nasdaq global market", &["NASDAQ"]),
    ("nasdaq gs", &["NASDAQ"]),
    ("new york stock exchange", &["NYSE"]),
    ("tokyo stock exchange", &["TSE"]),
    ("tse prime", &["TSE"]),
    ("tse prime market", &["TSE"]),
    ("tse standard", &["TSE"]),
    ("tse growth", &["TSE"]),
    ("taiwan stock exchange", &["TWSE"]),
    ("taipei exchange", &["TPEX"]),
    ("korea exchange", &["KRX"]),
    ("hong kong", &["HKEX"]),
    ("hong kong stock exchange", &["HKEX"]),
    ("hkse", &["HKEX"]),
    ("shanghai", &["SSE"]),
    ("shanghai stock exchange", &["SSE"]),
    ("star market", &["SSE"]),
    ("shenzhen", &["SZSE"]),
    ("shenzhen stock exchange", &["SZSE"]),
    ("london", &["LSE"]),
    ("london stock exchange", &["LSE"]),
    ("euronext", &["EPA", "AMS"]),
    ("euronext paris", &["EPA"]),
    ("euronext amsterdam", &["AMS"]),
    ("frankfurt", &["XETRA"]),
    ("fwb", &["XETRA"]),
    ("six swiss exchange", &["SIX"]),
    ("swiss exchange", &["SIX"]),
    ("nasdaq stockholm", &["STO"]),
    ("bursa malaysia", &["MYX"]),
    ("main market of bursa malaysia", &["MYX"]),
    ("singapore exchange", &["SGX"]),
    ("sgx mainboard", &["SGX"]),
    ("toronto stock exchange", &["TSX"]),
    ("australian securities exchange", &["ASX"]),
    ("tsx venture", &["TSXV"]),
    ("tsx venture exchange", &["TSXV"]),
    ("canadian securities exchange", &["CSE"]),
];

/// Yahoo-style suffixes (`9984.T`).
pub(super) const SUFFIXES: &[(&str, &str)] = &[
    ("T", "TSE"),
    ("TW", "TWSE"),
    ("TWO", "TPEX"),
    ("KS", "KRX"),
    ("KQ", "KOSDAQ"),
    ("HK", "HKEX"),
    ("SS", "SSE"),
    ("SH", "SSE"),
    ("SZ", "SZSE"),
    ("L", "LSE"),
    ("PA", "EPA"),
    ("AS", "AMS"),
    ("DE", "XETRA"),
    ("SW", "SIX"),
    ("NS", "NSE"),
    ("BO", "BSE"),
    ("AX", "ASX"),
    ("TO", "TSX"),
    ("ST", "STO"),
    ("KL", "MYX"),
    ("SI", "SGX"),
];

/// Bloomberg exchange codes (`9984 JT`); several exchanges may share one.
pub(super) const BLOOMBERG: &[(&str, &[&str])] = &[
    ("US", &["NASDAQ", "NYSE"]),
    ("JT", &["TSE"]),
    ("JP", &["TSE"]),
    ("TT", &["TWSE", "TPEX"]),
    ("KS", &["KRX"]),
    ("KQ", &["KOSDAQ"]),
    ("HK", &["HKEX"]),
    ("CH", &["SSE", "SZSE"]),
    ("LN", &["LSE"]),
    ("FP", &["EPA"]),
    ("NA", &["AMS"]),
    ("GY", &["XETRA"]),
    ("SW", &["SIX"]),
    ("IN", &["NSE"]),
    ("IB", &["BSE"]),
    ("MK", &["MYX"]),
    ("SP", &["SGX"]),
    ("CN", &["TSX"]),
    ("AU", &["ASX"]),
];

/// Whether `word` can be the last word of an exchange tag (`NASDAQ`, `Exchange`, `Paris`).
pub(super) fn ends_tag(word: &str) -> bool {
    if word.len() > 12 {
        return false;
    }
    let mut buf = [0u8; 12];
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    matches!(
        w,
        b"nasdaq"
            | b"nasdaqgs"
            | b"nasdaqgm"
            | b"nms"
            | b"nyse"
            | b"nyq"
            | b"tse"
            | b"tyo"
            | b"jpx"
            | b"tokyo"
            | b"twse"
            | b"tpe"
            | b"tai"
            | b"tpex"
            | b"gtsm"
            | b"krx"
            | b"kse"
            | b"kospi"
            | b"kosdaq"
            | b"hkex"
            | b"hkg"
            | b"sehk"
            | b"hkse"
            | b"sse"
            | b"sha"
            | b"szse"
            | b"she"
            | b"lse"
            | b"lon"
            | b"epa"
            | b"enxtpa"
            | b"euronext"
            | b"ams"
            | b"enxtam"
            | b"xetra"
            | b"etr"
            | b"fra"
            | b"six"
            | b"swx"
            | b"vtx"
            | b"nse"
            | b"nsei"
            | b"bse"
            | b"bom"
            | b"asx"
            | b"tsx"
            | b"tor"
            | b"sto"
            | b"omx"
            | b"exchange"
            | b"v"
            | b"venture"
            | b"american"
            | b"mkt"
            | b"arca"
            | b"market"
            | b"select"
            | b"prime"
            | b"standard"
            | b"growth"
            | b"gs"
            | b"kong"
            | b"shanghai"
            | b"shenzhen"
            | b"london"
            | b"paris"
            | b"amsterdam"
            | b"frankfurt"
            | b"fwb"
            | b"stockholm"
            | b"myx"
            | b"klse"
            | b"bursa"
            | b"malaysia"
            | b"sgx"
            | b"mainboard"
    ) || Exchange::parse(word).is_some()
}

pub(super) fn tag_exchanges(phrase: &str) -> Vec<Exchange> {
    if let Some(e) = Exchange::parse(phrase) {
        // Traders mix the two US venues up; try the other one too.
        return match e.code() {
            "NASDAQ" => vec![e, ex("NYSE")],
            "NYSE" => vec![e, ex("NASDAQ")],
            "SSE" => vec![e, ex("SZSE")],
            "SZSE" => vec![e, ex("SSE")],
            _ => vec![e],
        };
    }
    TAGS.iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(phrase))
        .map(|(_, codes)| codes.iter().map(|c| ex(c)).collect())
        .unwrap_or_default()
}
