//! Reads the real exchange listings in `../shared/reference/listings/` (tests and benches
//! only: they are never copied into the repository) into the rows the entity linker takes.
//! Until the securities master lands, this is how whole-market linking is exercised.

use std::path::{Path, PathBuf};

use aipx::ingest::lexicon::{Listed, Size};
use aipx::model::Exchange;

/// The reference listings folder, when it is there.
pub fn dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/listings");
    dir.is_dir().then_some(dir)
}

/// FinanceDatabase exchange files aipx has an exchange for, with their Yahoo suffix.
const FILES: &[(&str, &str, &str)] = &[
    ("JPX", "TSE", ".T"),
    ("KSC", "KRX", ".KS"),
    ("KOE", "KOSDAQ", ".KQ"),
    ("TAI", "TWSE", ".TW"),
    ("TWO", "TPEX", ".TWO"),
    ("HKG", "HKEX", ".HK"),
    ("SHH", "SSE", ".SS"),
    ("SHZ", "SZSE", ".SZ"),
    ("NSE", "NSE", ".NS"),
    ("BSE", "BSE", ".BO"),
    ("LSE", "LSE", ".L"),
    ("PAR", "EPA", ".PA"),
    ("AMS", "AMS", ".AS"),
    ("GER", "XETRA", ".DE"),
    ("EBS", "SIX", ".SW"),
    ("TOR", "TSX", ".TO"),
    ("ASX", "ASX", ".AX"),
    ("STO", "STO", ".ST"),
    ("KLS", "MYX", ".KL"),
    ("SES", "SGX", ".SI"),
];

/// Country names in the files -> ISO codes (the ones the linker weighs).
fn country_code(name: &str) -> String {
    match name {
        "United States" => "US",
        "Japan" => "JP",
        "South Korea" => "KR",
        "Taiwan" => "TW",
        "China" => "CN",
        "Hong Kong" => "HK",
        "India" => "IN",
        "Malaysia" => "MY",
        "Singapore" => "SG",
        "Canada" => "CA",
        "Australia" => "AU",
        "France" => "FR",
        "Germany" => "DE",
        "United Kingdom" => "GB",
        "Netherlands" => "NL",
        "Switzerland" => "CH",
        "Sweden" => "SE",
        _ => "",
    }
    .to_string()
}

#[derive(serde::Deserialize)]
struct UsRow {
    symbol: String,
    name: String,
    #[serde(rename = "marketCap", default)]
    market_cap: Option<String>,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    sector: Option<String>,
}

/// Every listing of the reference folder on an exchange aipx knows, US files first.
pub fn load(dir: &Path) -> Vec<Listed> {
    let mut out = Vec::new();
    for (file, code) in [("nasdaq", "NASDAQ"), ("nyse", "NYSE"), ("amex", "NYSE")] {
        let path = dir.join(format!("us-exchanges/{file}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let rows: Vec<UsRow> = serde_json::from_str(&text).expect("US listing file parses");
        let exchange = Exchange::parse(code).expect("known exchange");
        for r in rows {
            out.push(Listed {
                symbol: r.symbol.trim().to_string(),
                name: r.name,
                exchange,
                country: country_code(r.country.as_deref().unwrap_or("")),
                sector: r.sector.unwrap_or_default(),
                size: Size::parse(r.market_cap.as_deref().unwrap_or("")),
            });
        }
    }
    for (file, code, suffix) in FILES {
        let path = dir.join(format!("financedatabase/{file}.csv"));
        let Ok(mut reader) = csv::Reader::from_path(&path) else {
            continue;
        };
        let headers = reader.headers().expect("header row").clone();
        let col = |name: &str| headers.iter().position(|h| h == name);
        let (sym, name, country, sector, cap, delisted) = (
            col("symbol").expect("symbol column"),
            col("name").expect("name column"),
            col("country"),
            col("sector"),
            col("market_cap"),
            col("delisted"),
        );
        let exchange = Exchange::parse(code).expect("known exchange");
        for row in reader.records().flatten() {
            let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("");
            if get(delisted).eq_ignore_ascii_case("true") || get(Some(name)).is_empty() {
                continue;
            }
            let symbol = get(Some(sym));
            let symbol = symbol.strip_suffix(suffix).unwrap_or(symbol);
            out.push(Listed {
                symbol: symbol.to_string(),
                name: get(Some(name)).to_string(),
                exchange,
                country: country_code(get(country)),
                sector: get(sector).to_string(),
                size: Size::parse(get(cap)),
            });
        }
    }
    out
}
