//! Listing files as traders and data vendors export them, read into [`Row`]s: the NASDAQ
//! stock-screener export (JSON and CSV), FinanceDatabase's per-exchange CSV, the SEC's
//! `company_tickers_exchange.json`, and a plain `symbol,name,exchange[,country,sector,isin]`
//! CSV. The format is told by content (`--format` forces one).

use std::path::Path;

use serde_json::Value;

use super::{BadRow, Row};
use crate::model::Exchange;
use crate::model::names::{clean_name, without_security};

/// A listing-file format.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
pub enum Format {
    /// NASDAQ stock-screener export, JSON (an array of rows, or `{"data": {"rows": [...]}}`).
    NasdaqJson,
    /// NASDAQ stock-screener export, CSV (`Symbol,Name,Last Sale,...`).
    NasdaqCsv,
    /// FinanceDatabase per-exchange CSV (`symbol,name,currency,sector,...,mic,...,isin,figi`).
    Financedatabase,
    /// SEC `company_tickers_exchange.json` (`{"fields": [...], "data": [[...], ...]}`).
    Sec,
    /// `symbol,name,exchange[,country,sector,isin]`.
    Plain,
}

impl Format {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            Format::NasdaqJson => "nasdaq-json",
            Format::NasdaqCsv => "nasdaq-csv",
            Format::Financedatabase => "financedatabase",
            Format::Sec => "sec",
            Format::Plain => "plain",
        }
    }

    /// The format of `text`, by its first bytes and header; `None` if none fits.
    pub fn detect(text: &str) -> Option<Format> {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('[') {
            return Some(Format::NasdaqJson);
        }
        if head.starts_with('{') {
            // The SEC's `fields` come first as the SEC writes the file, last when a tool
            // wrote the keys in another order.
            let first: String = head.chars().take(400).collect();
            let last: String = {
                let tail: Vec<char> = head.chars().rev().take(400).collect();
                tail.into_iter().rev().collect()
            };
            let sec = first.contains("\"fields\"") || last.contains("\"fields\"");
            return Some(if sec { Format::Sec } else { Format::NasdaqJson });
        }
        let header = head.lines().next()?.to_ascii_lowercase();
        let cols: Vec<&str> = header
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let has = |c: &str| cols.contains(&c);
        if has("symbol") && has("mic") && has("market") {
            Some(Format::Financedatabase)
        } else if has("symbol") && has("last sale") {
            Some(Format::NasdaqCsv)
        } else if has("symbol") && has("name") && has("exchange") {
            Some(Format::Plain)
        } else {
            // No header: a plain file whose first row places itself, by its exchange or its
            // symbol's Yahoo suffix (`7203.T,Toyota Motor Corporation,`).
            let placed = cols.len() >= 3
                && !cols[1].is_empty()
                && (Exchange::parse(cols[2]).is_some() || !split_suffix(cols[0]).1.is_empty());
            placed.then_some(Format::Plain)
        }
    }
}

/// The columns of a plain listing file, in order, when it has no header.
const PLAIN: [&str; 6] = ["symbol", "name", "exchange", "country", "sector", "isin"];

/// Country names as listing files write them, to ISO 3166 alpha-2 codes.
fn country_code(name: &str) -> String {
    let name = name.trim();
    if name.len() == 2 && name.chars().all(|c| c.is_ascii_alphabetic()) {
        return name.to_ascii_uppercase();
    }
    let code = match name {
        "United States" | "USA" => "US",
        "Japan" => "JP",
        "South Korea" | "Korea" => "KR",
        "Taiwan" => "TW",
        "China" => "CN",
        "Hong Kong" => "HK",
        "India" => "IN",
        "Malaysia" => "MY",
        "Singapore" => "SG",
        "Canada" => "CA",
        "Australia" => "AU",
        "New Zealand" => "NZ",
        "France" => "FR",
        "Germany" => "DE",
        "United Kingdom" => "GB",
        "Netherlands" => "NL",
        "Switzerland" => "CH",
        "Sweden" => "SE",
        "Norway" => "NO",
        "Denmark" => "DK",
        "Finland" => "FI",
        "Italy" => "IT",
        "Spain" => "ES",
        "Belgium" => "BE",
        "Austria" => "AT",
        "Ireland" => "IE",
        "Israel" => "IL",
        "Brazil" => "BR",
        "Mexico" => "MX",
        "Indonesia" => "ID",
        "Thailand" => "TH",
        "South Africa" => "ZA",
        "Luxembourg" => "LU",
        "Bermuda" => "BM",
        "Cayman Islands" => "KY",
        "Turkey" => "TR",
        "Türkiye" => "TR",
        "Chile" => "CL",
        "Russia" => "RU",
        "Russian Federation" => "RU",
        "Greece" => "GR",
        "Egypt" => "EG",
        "Poland" => "PL",
        "Saudi Arabia" => "SA",
        "Argentina" => "AR",
        "Portugal" => "PT",
        "Jersey" => "JE",
        "Cyprus" => "CY",
        "Vietnam" => "VN",
        "Viet Nam" => "VN",
        "Guernsey" => "GG",
        "Qatar" => "QA",
        "Czech Republic" => "CZ",
        "Czechia" => "CZ",
        "Lithuania" => "LT",
        "Hungary" => "HU",
        "British Virgin Islands" => "VG",
        "Latvia" => "LV",
        "Iceland" => "IS",
        "Estonia" => "EE",
        "Malta" => "MT",
        "Isle of Man" => "IM",
        "United Arab Emirates" => "AE",
        "Monaco" => "MC",
        "Peru" => "PE",
        "Kazakhstan" => "KZ",
        "Philippines" => "PH",
        "Romania" => "RO",
        "Macau" => "MO",
        "Macao" => "MO",
        "Colombia" => "CO",
        "Mauritius" => "MU",
        "Morocco" => "MA",
        "Kenya" => "KE",
        "Uruguay" => "UY",
        "Mongolia" => "MN",
        "Papua New Guinea" => "PG",
        "Ukraine" => "UA",
        "Bahamas" => "BS",
        "Puerto Rico" => "PR",
        "Gibraltar" => "GI",
        "Panama" => "PA",
        "Cambodia" => "KH",
        "Kuwait" => "KW",
        "Macedonia" => "MK",
        "North Macedonia" => "MK",
        "Bangladesh" => "BD",
        "Gabon" => "GA",
        "Nigeria" => "NG",
        "Jordan" => "JO",
        "Liechtenstein" => "LI",
        "Marshall Islands" => "MH",
        "Bulgaria" => "BG",
        "Kyrgyzstan" => "KG",
        "Azerbaijan" => "AZ",
        "Myanmar" => "MM",
        "Costa Rica" => "CR",
        "Slovenia" => "SI",
        "Zambia" => "ZM",
        "Barbados" => "BB",
        "Georgia" => "GE",
        "Republic of the Congo" => "CG",
        "Greenland" => "GL",
        "Faroe Islands" => "FO",
        "French Guiana" => "GF",
        "Senegal" => "SN",
        "Ivory Coast" => "CI",
        "Côte d'Ivoire" => "CI",
        "Slovakia" => "SK",
        "Botswana" => "BW",
        "Namibia" => "NA",
        "Mozambique" => "MZ",
        "Falkland Islands" => "FK",
        "Belize" => "BZ",
        "Anguilla" => "AI",
        "Afghanistan" => "AF",
        "U.S. Virgin Islands" => "VI",
        "Curacao" => "CW",
        "Curaçao" => "CW",
        "Pakistan" => "PK",
        "Sri Lanka" => "LK",
        "Venezuela" => "VE",
        "Croatia" => "HR",
        "Serbia" => "RS",
        "Bahrain" => "BH",
        "Oman" => "OM",
        "Tunisia" => "TN",
        "Ghana" => "GH",
        "Zimbabwe" => "ZW",
        "Ecuador" => "EC",
        "Jamaica" => "JM",
        "Trinidad and Tobago" => "TT",
        "Republic of Korea" => "KR",
        "Korea, Republic of" => "KR",
        "UK" => "GB",
        "Great Britain" => "GB",
        "U.S." => "US",
        _ => "",
    };
    code.to_string()
}

/// The symbol without its Yahoo or Reuters suffix (`7203.T` -> `7203`), and the exchanges
/// the suffix names.
fn split_suffix(symbol: &str) -> (&str, Vec<Exchange>) {
    if let Some((bare, suffix)) = symbol.rsplit_once('.')
        && !bare.is_empty()
        && (1..=3).contains(&suffix.len())
        && suffix.chars().all(|c| c.is_ascii_alphabetic())
    {
        return (bare, Exchange::by_suffix(suffix).collect());
    }
    (symbol, Vec::new())
}

fn field(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A German regional exchange's name without the share's notes the exchanges append: no
/// par value (`O.N.`), bearer or registered (`NA`, `INH`), preference (`VZO`), and a par
/// value in a currency (`DL-,01`, `EO 1`, `LS -,25`): `IVU TRAFFIC TECHN.AG O.N.` is
/// `IVU TRAFFIC TECHN.AG`, `NETLIST INC.  DL -,001` is `NETLIST INC.`.
fn german_name(name: &str) -> String {
    const CURRENCIES: &[&str] = &[
        "DL", "EO", "LS", "SF", "SK", "DK", "NK", "YN", "HD", "RL", "YC", "BA", "CD", "AD", "SD",
        "RC", "RP", "PK", "ZY", "TN", "IS", "RM", "NZ", "MN", "KR",
    ];
    const NOTES: &[&str] = &[
        "O.N.", "NA", "INH", "INH.", "VZO", "VZ", "ST", "NAM.", "NAM",
    ];
    let par = |w: &str| {
        w.chars().any(|c| c.is_ascii_digit())
            && w.chars().all(|c| c.is_ascii_digit() || ",.-".contains(c))
    };
    let mut words: Vec<&str> = name.split_whitespace().collect();
    loop {
        let n = words.len();
        if n <= 1 {
            break;
        }
        let last = words[n - 1];
        let glued_par = last.len() > 2
            && last.is_char_boundary(2)
            && CURRENCIES.contains(&&last[..2])
            && par(&last[2..]);
        if NOTES.contains(&last) || glued_par || CURRENCIES.contains(&last) {
            words.pop();
        } else if par(last) && n > 2 && CURRENCIES.contains(&words[n - 2]) {
            words.truncate(n - 2);
        } else {
            break;
        }
    }
    words.join(" ")
}

/// A name from London's international order book (FinanceDatabase's `IOB`), which writes the
/// issuer, then the security, in capitals cut at 31 characters: `NVIDIA CORP NVIDIA ORD SHS`
/// is `NVIDIA CORP`, `KLOECKNER & CO SE KLOECKNER & C` is `KLOECKNER & CO SE`. The issuer
/// ends at a legal form followed by the name again or by the security's words (`ORD`, `ADR`);
/// a legal form inside a name (`FASTIGHETS AB BALDER`) is left alone.
fn order_book_name(name: &str) -> String {
    const FORMS: &[&str] = &[
        "CORP", "CORP.", "INC", "INC.", "PLC", "LTD", "LTD.", "LD", "LIMITED", "AG", "SE", "SA",
        "S.A.", "SAS", "NV", "N.V.", "AB", "ASA", "OYJ", "SPA", "S.P.A", "S.P.A.", "A/S", "AS",
        "OY", "SA/NV", "NV/SA", "CO", "CO.", "BHD", "CVA",
    ];
    const SECURITY: &[&str] = &["ORD", "ADR", "ADS", "GDR", "SHS"];
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(&first) = words.first() else {
        return String::new();
    };
    let again = |w: &str| {
        let head = |s: &str| s.chars().take(3).collect::<String>();
        head(w) == head(first) || first.starts_with(w)
    };
    for i in 1..words.len().saturating_sub(1) {
        let tail = &words[i + 1..];
        if FORMS.contains(&words[i])
            && (again(tail[0]) || tail.iter().any(|w| SECURITY.contains(w)))
        {
            return words[..=i].join(" ");
        }
    }
    name.to_string()
}

/// Longest symbol a row may have (the reference's longest is 19 characters).
const MAX_SYMBOL: usize = 40;
/// Longest name, sector, exchange or other field a row may have, in characters (the
/// reference's longest name is 226).
const MAX_FIELD: usize = 500;

/// `text` as a bad-row message shows it: safe to print and at most 40 columns.
fn shown(text: &str) -> String {
    crate::text::fit(&crate::text::sanitize(text), MAX_SYMBOL)
}

/// Builds a row, or says what is wrong with it. Control and bidi characters never get in:
/// a symbol holding one is a bad row (it could not be typed), other fields lose them.
fn row(symbol: &str, name: &str, exchange: &str, more: [&str; 5]) -> Result<Row, String> {
    let [country, sector, isin, figi, size] = more;
    let symbol = symbol.trim();
    if symbol.is_empty() {
        return Err("no symbol".into());
    }
    if symbol.chars().count() > MAX_SYMBOL {
        return Err(format!(
            "{}: symbol longer than {MAX_SYMBOL} characters",
            shown(symbol)
        ));
    }
    if crate::text::next_unsafe(symbol).is_some() {
        return Err(format!(
            "{}: control character in the symbol",
            shown(symbol)
        ));
    }
    let long = [name, exchange, sector, figi, size]
        .iter()
        .any(|f| f.chars().nth(MAX_FIELD).is_some());
    if long {
        return Err(format!(
            "{symbol}: a field longer than {MAX_FIELD} characters"
        ));
    }
    let safe = |f: &str| crate::text::sanitize(f.trim()).trim().to_string();
    // One space between words: a line break inside a quoted name, or a file's padding
    // (`TOYOTAMO    DRN`), is no part of it.
    let name = safe(name).split_whitespace().collect::<Vec<_>>().join(" ");
    let name = clean_name(without_security(&name));
    if name.is_empty() {
        return Err(format!("{symbol}: no name"));
    }
    let isin = isin.trim();
    // The shape only: a vendor's check digit is kept as the vendor gives it.
    if !isin.is_empty() && !crate::model::isin::is_shaped(isin) {
        return Err(format!("{symbol}: malformed ISIN {:?}", shown(isin)));
    }
    Ok(Row {
        symbol: symbol.to_string(),
        name,
        exchange: safe(exchange),
        country: country_code(country),
        sector: safe(sector),
        isin: isin.to_ascii_uppercase(),
        figi: safe(figi),
        size: safe(size),
    })
}

/// An SEC name without the state or note the SEC appends after a slash (`TOYOTA MOTOR
/// CORP/`, `BANK OF AMERICA CORP /DE/`, `SCHLUMBERGER LIMITED/NV`, `FOO INC\\DE\\`).
fn sec_name(name: &str) -> &str {
    let mut name = name.trim().trim_end_matches(['/', '\\', ' ']);
    if let Some(at) = name.rfind(['/', '\\']) {
        let note = &name[at + 1..];
        if (1..=4).contains(&note.len()) && note.chars().all(|c| c.is_ascii_uppercase()) {
            name = name[..at].trim_end_matches(['/', '\\', ' ']);
        }
    }
    name
}

/// Bad rows kept of one file to be shown; the rest are only counted, so a file of garbage
/// cannot fill memory with messages.
pub const KEPT_BAD: usize = 5;

/// Largest listing file read, in bytes: a whole-market file is a few tens of MiB (the
/// NASDAQ screener export of every US stock is 3 MiB, the SEC's file 1 MiB).
pub const FILE_LIMIT: u64 = 256 << 20;

/// What reading one file gave: its rows and the rows it could not use.
#[derive(Debug, Default)]
pub struct Read {
    /// Good rows.
    pub rows: Vec<Row>,
    /// The first [`KEPT_BAD`] bad rows, with where they are.
    pub bad: Vec<BadRow>,
    /// How many rows were bad in all.
    pub bad_count: usize,
    /// What the reader assumed that the file does not say (the exchange of a NASDAQ
    /// screener export whose name does not give it), to be said beside the import.
    pub assumed: Option<String>,
}

/// Most listings a master holds, from all its files: 2.8 times the reference listings of
/// about 85 exchanges (70,729 rows), well over a whole-market vendor file. An import costs
/// about 1.4 KiB of memory a row, so this bounds it (about 300 MB) where the file-size
/// limit alone would let a file of short rows take gigabytes.
pub const MAX_ROWS: usize = 200_000;

/// Reads `text` (from `path`, which names the exchange of a NASDAQ screener file) as `format`.
pub fn read(path: &Path, text: &str, format: Format) -> Result<Read, String> {
    read_at_most(path, text, format, MAX_ROWS, None)
}

/// [`read`], keeping at most `room` good rows (what the master has room for); the rows
/// past it are bad rows, reported with the limit. `exchange`, when given, is the exchange
/// of a NASDAQ screener export's rows (the export does not say).
pub fn read_at_most(
    path: &Path,
    text: &str,
    format: Format,
    room: usize,
    exchange: Option<Exchange>,
) -> Result<Read, String> {
    let file = path.display().to_string();
    // Every error names the file (and the line and column where there is one), once.
    read_named(path, text, format, room, exchange).map_err(|e| {
        if e.starts_with(&file) {
            e
        } else {
            format!("{file}: {e}")
        }
    })
}

fn read_named(
    path: &Path,
    text: &str,
    format: Format,
    room: usize,
    given: Option<Exchange>,
) -> Result<Read, String> {
    let text = text.trim_start_matches('\u{feff}');
    let file = path.display().to_string();
    let mut read = Read::default();
    // The exchange of a screener export: as given, else as its file's name says.
    let (screener, sure) = match given {
        Some(x) => (x.code(), true),
        None => screener_exchange(path),
    };
    if matches!(format, Format::NasdaqJson | Format::NasdaqCsv) && !sure {
        read.assumed = Some(format!(
            "{file}: the NASDAQ screener export does not say which exchange its rows are on, nor does this file's name: they are taken to be on {screener}; give `--exchange NYSE` (or AMEX, NASDAQ) for a file of one exchange's stocks"
        ));
    }
    let assumed = read.assumed.take();
    let full = format!("the master holds at most {MAX_ROWS} listings");
    let mut push = |at: String, r: Result<Row, String>| match r {
        Ok(row) if read.rows.len() < room => read.rows.push(row),
        r => {
            let why = r.err().unwrap_or_else(|| full.clone());
            read.bad_count += 1;
            if read.bad.len() < KEPT_BAD {
                read.bad.push(BadRow {
                    at: format!("{file}:{at}"),
                    why,
                });
            }
        }
    };
    match format {
        Format::NasdaqJson | Format::Sec => {
            // One item at a time (see `json_items`): memory holds the rows read, never the
            // whole file as JSON values.
            let fields: std::cell::RefCell<Option<Value>> = Default::default();
            let exchange = screener;
            // The SEC's rows are read by its `fields`, which may come after `data` (JSON keys
            // have no order): then a first pass only finds them, and a second reads the rows.
            let mut late = false;
            let mut found = false;
            for pass in 0..2 {
                if pass == 1 && !late {
                    break;
                }
                let mut n = 0;
                found = json_items(text, &fields, &mut |item| {
                    n += 1;
                    let at = format!("item {n}");
                    if format == Format::NasdaqJson {
                        let r = row(
                            &field(&item, "symbol"),
                            &field(&item, "name"),
                            exchange,
                            [
                                &field(&item, "country"),
                                &field(&item, "sector"),
                                "",
                                "",
                                &field(&item, "marketCap"),
                            ],
                        );
                        return push(at, r);
                    }
                    let fields = fields.borrow();
                    if pass == 0 && (late || fields.is_none()) {
                        late = true;
                        return;
                    }
                    let Some(fields) = fields.as_ref().and_then(Value::as_array) else {
                        return;
                    };
                    let col = |n: &str| {
                        fields
                            .iter()
                            .position(|f| f.as_str().is_some_and(|f| f.eq_ignore_ascii_case(n)))
                    };
                    let (Some(t), Some(nm), Some(x)) =
                        (col("ticker"), col("name"), col("exchange"))
                    else {
                        return;
                    };
                    let get = |k: usize| text_at(&item, k);
                    let exchange = get(x);
                    let r = if exchange.is_empty() {
                        // The SEC lists some filers with no exchange: no listing to place.
                        Err(format!("{}: no exchange", shown(&get(t))))
                    } else {
                        // The SEC gives no country (foreign filers are many), so none is said.
                        // Its exchange names (`Nasdaq`, `CBOE`) are aipx's codes, as every
                        // other format's are, so counts by exchange add up across files.
                        let exchange =
                            Exchange::parse(&exchange).map_or(exchange, |x| x.code().to_string());
                        row(&get(t), sec_name(&get(nm)), &exchange, ["", "", "", "", ""])
                    };
                    push(at, r);
                })
                .map_err(|e| format!("{file}:{}:{}: {e}", e.line(), e.column()))?;
            }
            if format == Format::Sec {
                let named = fields
                    .borrow()
                    .as_ref()
                    .and_then(Value::as_array)
                    .is_some_and(|f| {
                        ["ticker", "name", "exchange"].iter().all(|n| {
                            f.iter()
                                .any(|f| f.as_str().is_some_and(|f| f.eq_ignore_ascii_case(n)))
                        })
                    });
                if found && !named {
                    return Err("\"fields\" must name ticker, name and exchange".into());
                }
            }
            if !found {
                return Err(if format == Format::Sec {
                    "no \"data\" list".into()
                } else {
                    "expected an array of rows, or data.rows".into()
                });
            }
        }
        Format::NasdaqCsv | Format::Financedatabase | Format::Plain => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(text.as_bytes());
            let mut headers: Vec<String> = reader
                .headers()
                .map_err(|e| format!("{file}:1: {e}"))?
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            // A plain file without a header is its columns in the documented order.
            if format == Format::Plain && !headers.iter().any(|h| h == "symbol") {
                reader = csv::ReaderBuilder::new()
                    .flexible(true)
                    .has_headers(false)
                    .from_reader(text.as_bytes());
                headers = PLAIN.iter().map(|c| c.to_string()).collect();
            }
            let col = |n: &str| headers.iter().position(|h| h == n);
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            for record in reader.records() {
                let record = match record {
                    Ok(r) => r,
                    Err(e) => {
                        let line = e.position().map_or(0, |p| p.line());
                        push(line.to_string(), Err(e.to_string()));
                        continue;
                    }
                };
                let line = record.position().map_or(0, |p| p.line()).to_string();
                let get = |n: &str| col(n).and_then(|i| record.get(i)).unwrap_or("");
                let r = match format {
                    Format::NasdaqCsv => row(
                        get("symbol"),
                        get("name"),
                        screener,
                        [get("country"), get("sector"), "", "", get("market cap")],
                    ),
                    Format::Financedatabase => {
                        if get("delisted").eq_ignore_ascii_case("true") {
                            continue;
                        }
                        // The MIC, else the exchange code (the MIC is the one standard:
                        // `IOB`, London's order book for foreign shares, is `XLON`; `CSE`
                        // there is Colombo, `XCOL`, not the Canadian CSE), else a row with
                        // neither is placed by its symbol's Yahoo suffix (`1101.TW`).
                        let (bare, by_suffix) = split_suffix(get("symbol"));
                        let german = matches!(
                            Exchange::parse(get("mic")).map(Exchange::code),
                            Some("BER" | "MUN" | "DUS" | "HAM" | "HAN" | "STU")
                        );
                        let name = if german {
                            german_name(get("name"))
                        } else if get("exchange").eq_ignore_ascii_case("IOB") {
                            order_book_name(get("name"))
                        } else {
                            get("name").to_string()
                        };
                        let known = Exchange::parse(get("mic"))
                            .or_else(|| Exchange::parse(get("exchange")))
                            .or_else(|| {
                                let unnamed = get("mic").is_empty() && get("exchange").is_empty();
                                by_suffix.first().copied().filter(|_| unnamed)
                            });
                        let exchange = match known {
                            Some(x) => x.code(),
                            None if !get("mic").is_empty() => get("mic"),
                            None if !get("exchange").is_empty() => get("exchange"),
                            // FinanceDatabase files are one exchange each, named by its code.
                            None => stem,
                        };
                        row(
                            bare,
                            &name,
                            exchange,
                            [
                                get("country"),
                                get("sector"),
                                get("isin"),
                                get("figi"),
                                get("market_cap"),
                            ],
                        )
                    }
                    _ => {
                        let (bare, by_suffix) = split_suffix(get("symbol"));
                        let exchange = Exchange::parse(get("exchange"))
                            .or_else(|| Exchange::by_name(get("exchange")))
                            .or(by_suffix.first().copied())
                            .map_or(get("exchange"), |x| x.code());
                        if exchange.is_empty() {
                            Err(format!("{}: no exchange", shown(get("symbol"))))
                        } else {
                            row(
                                bare,
                                get("name"),
                                exchange,
                                [get("country"), get("sector"), get("isin"), "", ""],
                            )
                        }
                    }
                };
                push(line, r);
            }
        }
    }
    read.assumed = assumed;
    Ok(read)
}

/// Calls `item` with each row of a JSON listing file, one at a time: the items of the
/// top-level array, or of the array under `data`, `rows` or `table` (`{"data": {"rows":
/// [...]}}`, the SEC's `{"fields": [...], "data": [[...]]}`); a `fields` value is kept in
/// `fields` as it is met. Returns whether an array of rows was found. Only one row is ever
/// held as a JSON value, so a file's size bounds what it costs, not the number of its items.
fn json_items(
    text: &str,
    fields: &std::cell::RefCell<Option<Value>>,
    item: &mut dyn FnMut(Value),
) -> Result<bool, serde_json::Error> {
    use serde::Deserializer as _;
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

    struct Items<'a, 'f> {
        found: &'a mut bool,
        fields: &'a std::cell::RefCell<Option<Value>>,
        item: &'a mut (dyn FnMut(Value) + 'f),
    }
    impl<'de> DeserializeSeed<'de> for Items<'_, '_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Items<'_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of rows, or an object holding one")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            *self.found = true;
            while let Some(v) = seq.next_element::<Value>()? {
                (self.item)(v);
            }
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let Items {
                found,
                fields,
                item,
            } = self;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match key.as_ref() {
                    "data" | "rows" | "table" => map.next_value_seed(Items {
                        found: &mut *found,
                        fields,
                        item: &mut *item,
                    })?,
                    "fields" => *fields.borrow_mut() = Some(map.next_value()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
        // Anything else where rows could be is no rows.
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }

    let mut found = false;
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_any(Items {
        found: &mut found,
        fields,
        item,
    })?;
    de.end()?;
    Ok(found)
}

fn text_at(item: &Value, k: usize) -> String {
    match item.get(k) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The exchange of a NASDAQ screener file, from its name (`nyse.json`, `amex.csv`); the
/// export itself does not say. Nasdaq unless the name says NYSE or AMEX (NYSE American),
/// and whether the name said it: the site names every download `nasdaq_screener_…`,
/// whichever exchanges it holds, so that name says nothing.
fn screener_exchange(path: &Path) -> (&'static str, bool) {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if stem.contains("amex") || stem.contains("american") {
        ("AMEX", true)
    } else if stem.contains("nyse") {
        ("NYSE", true)
    } else {
        (
            "NASDAQ",
            stem.contains("nasdaq") && !stem.contains("screener"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(
            Format::detect("[{\"symbol\": \"A\"}]"),
            Some(Format::NasdaqJson)
        );
        assert_eq!(
            Format::detect("{\"fields\":[\"cik\",\"name\",\"ticker\",\"exchange\"],\"data\":[]}"),
            Some(Format::Sec)
        );
        assert_eq!(
            Format::detect("Symbol,Name,Last Sale,Net Change\n"),
            Some(Format::NasdaqCsv)
        );
        assert_eq!(
            Format::detect(
                "symbol,name,currency,sector,industry_group,industry,exchange,mic,market\n"
            ),
            Some(Format::Financedatabase)
        );
        assert_eq!(
            Format::detect("symbol,name,exchange\n"),
            Some(Format::Plain)
        );
        assert_eq!(Format::detect("hello\n"), None);
        assert_eq!(
            Format::detect("7203.T,Toyota Motor Corporation,\n"),
            Some(Format::Plain),
            "no header: placed by the Yahoo suffix"
        );
        assert_eq!(
            Format::detect("NESN,Nestle S.A.,SIX,CH\n"),
            Some(Format::Plain),
            "no header: placed by the exchange"
        );
        assert_eq!(Format::detect("a,b,c\n1,2,3\n"), None);
    }

    #[test]
    fn rows_are_cleaned_and_bad_rows_reported_with_their_line() {
        let csv = "symbol,name,currency,sector,industry_group,industry,exchange,mic,market,country,market_cap,isin,figi,delisted\n\
                   7203.T,Toyota Motor Corporation,JPY,Consumer,,,JPX,XJPX,Tokyo,Japan,Mega Cap,JP3633400001,BBG000BCR153,False\n\
                   ,No Symbol,JPY,,,,JPX,XJPX,Tokyo,Japan,,,,False\n\
                   001.BE,\"CARDTRONICS PLC DL-,01\",EUR,,,,BER,XBER,Berlin,United States,,,,False\n";
        let read = read(Path::new("x/JPX.csv"), csv, Format::Financedatabase).unwrap();
        assert_eq!(read.rows.len(), 2);
        let toyota = &read.rows[0];
        assert_eq!(
            (toyota.symbol.as_str(), toyota.exchange.as_str()),
            ("7203", "TSE")
        );
        assert_eq!(toyota.country, "JP");
        assert_eq!(toyota.isin, "JP3633400001");
        assert_eq!(read.rows[1].exchange, "BER");
        assert_eq!(
            read.rows[1].name, "CARDTRONICS PLC",
            "the par value comes off"
        );
        assert_eq!(read.bad.len(), 1);
        assert_eq!(read.bad[0].at, "x/JPX.csv:3");
        // One space between words, whatever the file put there.
        let plain = "symbol,name,exchange\nNLX,\"Multi\r\nLine  Name\tInc.\",NYSE\nTMCO34,TOYOTAMO    DRN,B3\n";
        let spaced = super::read(Path::new("p.csv"), plain, Format::Plain).unwrap();
        // An exchange by its MIC or its full name, as a file written by hand gives it.
        let named = "symbol,name,exchange\nQA,Qa plc,London Stock Exchange\nQB,Qb SA,euronext paris\nQC,Qc KK,XTKS\n";
        let named = super::read(Path::new("n.csv"), named, Format::Plain).unwrap();
        let places: Vec<&str> = named.rows.iter().map(|r| r.exchange.as_str()).collect();
        assert_eq!(places, ["LSE", "EPA", "TSE"]);
        let names: Vec<&str> = spaced.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Multi Line Name Inc.", "TOYOTAMO DRN"]);
    }

    #[test]
    fn every_country_the_reference_names_has_its_code() {
        for (name, code) in [
            ("Portugal", "PT"),
            ("Turkey", "TR"),
            ("Saudi Arabia", "SA"),
            ("Czech Republic", "CZ"),
            ("British Virgin Islands", "VG"),
            ("United Arab Emirates", "AE"),
            ("Ivory Coast", "CI"),
            ("Curacao", "CW"),
            ("Japan", "JP"),
            ("jp", "JP"),
        ] {
            assert_eq!(country_code(name), code, "{name}");
        }
        assert_eq!(
            country_code("Atlantis"),
            "",
            "no guess for a name it does not know"
        );
    }

    #[test]
    fn german_regional_names_lose_their_share_notes() {
        for (raw, clean) in [
            ("IVU TRAFFIC TECHN.AG O.N.", "IVU TRAFFIC TECHN.AG"),
            ("NETLIST INC.  DL -,001", "NETLIST INC."),
            ("CAESARS ENTMT INC. DL-,01", "CAESARS ENTMT INC."),
            ("SOFTWARE AG  NA O.N.", "SOFTWARE AG"),
            ("BAY.MOTOREN WERKE  VZO", "BAY.MOTOREN WERKE"),
            ("DRILLING CO.1972  DK 10", "DRILLING CO.1972"),
            ("NOVAGOLD RES", "NOVAGOLD RES"),
            ("1+1 DRILLISCH AG O.N.", "1+1 DRILLISCH AG"),
        ] {
            assert_eq!(german_name(raw), clean, "{raw}");
        }
    }

    #[test]
    fn rows_past_the_room_left_are_bad_rows_that_say_the_limit() {
        let csv = "symbol,name,exchange\nA,Alpha Inc.,NYSE\nB,Beta Inc.,NYSE\n,No Symbol,NYSE\nC,Gamma Inc.,NYSE\n";
        let read = read_at_most(Path::new("p.csv"), csv, Format::Plain, 2, None).unwrap();
        let kept: Vec<&str> = read.rows.iter().map(|r| r.symbol.as_str()).collect();
        assert_eq!(kept, ["A", "B"]);
        assert_eq!(read.bad_count, 2);
        assert_eq!(read.bad[1].at, "p.csv:5");
        assert_eq!(
            read.bad[1].why,
            format!("the master holds at most {MAX_ROWS} listings")
        );
        assert_eq!(read.bad[0].why, "no symbol", "a bad row stays what it is");
    }

    #[test]
    fn order_book_names_lose_the_security_after_the_issuer() {
        for (raw, clean) in [
            ("NVIDIA CORP NVIDIA ORD SHS", "NVIDIA CORP"),
            ("KLOECKNER & CO SE KLOECKNER & C", "KLOECKNER & CO SE"),
            ("WEIBO CORP WEIBO ADR REP 1 ORD ", "WEIBO CORP"),
            ("GVS S.P.A GVS SPA", "GVS S.P.A"),
            (
                "RED ELECTRICA CORPORACION SA RE",
                "RED ELECTRICA CORPORACION SA",
            ),
            // A legal form inside the name, and names already clean, stay.
            (
                "FASTIGHETS AB BALDER FASTIGHETS",
                "FASTIGHETS AB BALDER FASTIGHETS",
            ),
            ("Anheuser-Busch InBev SA/NV", "Anheuser-Busch InBev SA/NV"),
            ("TAKKT AG", "TAKKT AG"),
            ("", ""),
        ] {
            assert_eq!(order_book_name(raw), clean, "{raw}");
        }
        // Read from a FinanceDatabase file, the order-book line is NVIDIA's name.
        let csv = "symbol,name,currency,sector,industry_group,industry,exchange,mic,market,country,market_cap,isin,figi,delisted\n\
                   0R1I.IL,NVIDIA CORP NVIDIA ORD SHS,USD,,,,IOB,XLON,London Stock Exchange (OTC and ITR),United States,,,,False\n";
        let read = read(Path::new("IOB.csv"), csv, Format::Financedatabase).unwrap();
        assert_eq!(read.rows[0].name, "NVIDIA CORP");
        assert_eq!(read.rows[0].exchange, "LSE");
    }

    #[test]
    fn json_rows_are_read_one_at_a_time_in_every_shape() {
        for json in [
            r#"[{"symbol":"A","name":"Agilent Technologies Inc. Common Stock"}]"#,
            r#"{"data":{"rows":[{"symbol":"A","name":"Agilent Technologies Inc."}]}}"#,
            r#"{"status":1,"data":{"asOf":null,"table":{"rows":[{"symbol":"A","name":"Agilent Technologies Inc."}]}}}"#,
        ] {
            let read = read(Path::new("nasdaq.json"), json, Format::NasdaqJson).unwrap();
            assert_eq!(read.rows.len(), 1, "{json}");
            assert_eq!(read.rows[0].name, "Agilent Technologies Inc.", "{json}");
        }
        let bad = read(
            Path::new("x.json"),
            r#"{"data":{"nothing":1}}"#,
            Format::NasdaqJson,
        );
        assert!(bad.unwrap_err().contains("expected an array of rows"));
        // JSON keys have no order: the SEC's `fields` after its `data` read the same.
        let late = r#"{"data":[[320193,"Apple Inc.","AAPL","Nasdaq"],[1,"No Exchange Co","NOX",""]],
            "fields":["cik","name","ticker","exchange"]}"#;
        assert_eq!(Format::detect(late), Some(Format::Sec));
        let read_late = read(Path::new("sec.json"), late, Format::Sec).unwrap();
        let rows: Vec<(&str, &str)> = read_late
            .rows
            .iter()
            .map(|r| (r.symbol.as_str(), r.exchange.as_str()))
            .collect();
        assert_eq!(
            rows,
            [("AAPL", "NASDAQ")],
            "the SEC's `Nasdaq` is aipx's code"
        );
        assert_eq!(
            read_late.bad_count, 1,
            "the row with no exchange, counted once"
        );
        assert_eq!(read_late.bad[0].at, "sec.json:item 2");
        let unnamed = r#"{"data":[[1,"APPLE INC","AAPL","Nasdaq"]],"fields":["cik","title"]}"#;
        assert!(
            read(Path::new("sec.json"), unnamed, Format::Sec)
                .unwrap_err()
                .contains("must name ticker, name and exchange")
        );
        let cut = read(
            Path::new("x.json"),
            r#"[{"symbol":"A","name":"B"},"#,
            Format::NasdaqJson,
        );
        assert!(
            cut.unwrap_err().starts_with("x.json:1:"),
            "JSON errors say where"
        );
    }

    #[test]
    fn names_lose_the_description_of_the_security_listed() {
        for (raw, clean) in [
            (
                "MINISO Group Holding Limited American Depositary Shares each representing four",
                "MINISO Group Holding Limited",
            ),
            (
                "Public Storage Depositary Shares Each Representing 1/1000 of a 3.900% Cumulative Preferred Share",
                "Public Storage",
            ),
            (
                "Chimera Investment Corporation 8.00% Series D Fixed-to-Floating Rate Cumulative Redeemable Preferred Stock",
                "Chimera Investment Corporation",
            ),
            (
                "Zillow Group Inc. Class C Capital Stock",
                "Zillow Group Inc.",
            ),
            ("Alphabet Inc. Class A Common Stock", "Alphabet Inc."),
            (
                "Reaves Utility Income Fund Common Shares of Beneficial Interest",
                "Reaves Utility Income Fund",
            ),
            (
                "Airship AI Holdings Inc. Warrants",
                "Airship AI Holdings Inc.",
            ),
            ("Peace Acquisition Corp Right", "Peace Acquisition Corp"),
            (
                "Iron Mountain Incorporated (Delaware)Common Stock REIT",
                "Iron Mountain Incorporated (Delaware)",
            ),
            ("KINGFISHER ADR/2", "KINGFISHER"),
            ("TAP 4,375% 23JUN23", "TAP"),
            // Depositary shares and receipts in the plural, debentures, warrants and the
            // series they name.
            (
                "Alphabet Inc. Depositary Shares representing a 1/20th Interest in a Share of Series A Mandatory Convertible",
                "Alphabet Inc.",
            ),
            (
                "Bank of America Corporation Depositary Sh repstg 1/1000th Perp Pfd Ser E",
                "Bank of America Corporation",
            ),
            (
                "ABN AMRO Bank N.V. Depositary receipts",
                "ABN AMRO Bank N.V.",
            ),
            (
                "Opendoor Technologies Inc Series K Warrants each whole warrant exercisable to purchase one share of",
                "Opendoor Technologies Inc",
            ),
            (
                "NextEra Energy Inc. Series U Junior Subordinated Debentures due June 1 2085",
                "NextEra Energy Inc.",
            ),
            ("CHS Inc Preferred Class B Series 2 Reset Rate", "CHS Inc"),
            (
                "Bank of America Corporation Income Capital Obligation Notes initially due December 15 2066",
                "Bank of America Corporation",
            ),
            (
                "IQM Quantum Computers Oyj Warrants to purchase",
                "IQM Quantum Computers Oyj",
            ),
            // A name that only holds such a word stays.
            (
                "Cohen & Steers Select Preferred and Income Fund Inc.",
                "Cohen & Steers Select Preferred and Income Fund Inc.",
            ),
            ("Preferred Bank", "Preferred Bank"),
            (
                "Liberty Media Corporation Series A Liberty Formula One",
                "Liberty Media Corporation Series A Liberty Formula One",
            ),
            ("STEALTH BIOTH. SP.ADR/12", "STEALTH BIOTH"),
            ("TOTALENERGIE SPONS. ADR 1", "TOTALENERGIE"),
            (
                "Hon Hai Precision Industry Co., Ltd. Sponsored GDR RegS",
                "Hon Hai Precision Industry Co., Ltd.",
            ),
            (
                "Runway Growth Finance Corp. 7.50% Notes due 2027",
                "Runway Growth Finance Corp.",
            ),
            // Names that only look like it stay whole.
            (
                "Leverage Shares Public Limited Company",
                "Leverage Shares Public Limited Company",
            ),
            ("United Rentals, Inc.", "United Rentals, Inc."),
            ("Adriatic Metals PLC", "Adriatic Metals PLC"),
            ("Human Rights Watch Ltd", "Human Rights Watch Ltd"),
            ("Units", "Units"),
            ("Common Stock", "Common Stock"),
            ("Global Warrant", "Global Warrant"),
        ] {
            assert_eq!(clean_name(without_security(raw)), clean, "{raw}");
        }
    }

    #[test]
    fn sec_names_lose_the_state_the_sec_appends() {
        for (raw, clean) in [
            ("TOYOTA MOTOR CORP/", "TOYOTA MOTOR CORP"),
            ("BANK OF AMERICA CORP /DE/", "BANK OF AMERICA CORP"),
            ("SCHLUMBERGER LIMITED/NV", "SCHLUMBERGER LIMITED"),
            ("NEWMONT Corp /DE/", "NEWMONT Corp"),
            ("AT&T INC.", "AT&T INC."),
            ("A/S NORDIC", "A/S NORDIC"),
        ] {
            assert_eq!(sec_name(raw), clean, "{raw}");
        }
    }

    #[test]
    fn screener_names_lose_their_share_class() {
        let json = r#"[{"symbol":"TM","name":"Toyota Motor Corporation American Depositary Shares","country":"Japan","marketCap":"250000000000"}]"#;
        let read = read(Path::new("nyse.json"), json, Format::NasdaqJson).unwrap();
        assert_eq!(read.rows[0].name, "Toyota Motor Corporation");
        assert_eq!(read.rows[0].exchange, "NYSE");
    }
}
