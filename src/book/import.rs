//! Reading a broker's positions or watchlist export: a CSV with the broker's own column
//! names, perhaps a title line or two above the header and totals or disclaimers below.
//! The symbol column is found by its name; quantity and weight are kept when present.

use std::path::Path;

use crate::index::Index;

use super::watchlist::{Entry, Resolved, canonical, resolve};

/// Largest export read.
const MAX_BYTES: u64 = 64 << 20;

/// Header rows are looked for among the first rows only (titles, account lines).
const HEADER_SEARCH_ROWS: usize = 30;

/// Header names of the symbol column, folded (lower case, letters and digits only), best first.
const SYMBOL_HEADERS: &[&str] = &[
    "symbol",
    "ticker",
    "tickersymbol",
    "symbolcusip",
    "stocksymbol",
    "instrumentsymbol",
    "code",
    "stockcode",
    "securitycode",
    "銘柄コード",
    "コード",
    "instrument",
    "financialinstrument",
    "security",
];

/// Header names of a quantity column, folded.
const QUANTITY_HEADERS: &[&str] = &[
    "quantity",
    "qty",
    "shares",
    "sharesheld",
    "position",
    "units",
    "holding",
    "holdings",
    "数量",
    "保有数量",
    "保有株数",
    "株数",
];

/// Header names of a weight column, folded (`% of Account` folds to `ofaccount`).
const WEIGHT_HEADERS: &[&str] = &[
    "weight",
    "weightpct",
    "weight%",
    "ofaccount",
    "percentofaccount",
    "pctofaccount",
    "ofportfolio",
    "percentofportfolio",
    "portfolio",
    "allocation",
    "ofnav",
    "比率",
    "構成比",
];

/// What an import found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Import {
    /// The lines to save, in file order, each symbol once.
    pub entries: Vec<Entry>,
    /// Header of the symbol column, as the file writes it.
    pub symbol_column: String,
    /// Header of the quantity column, if there was one.
    pub quantity_column: Option<String>,
    /// Header of the weight column, if there was one.
    pub weight_column: Option<String>,
    /// Symbols the data does not know: `(line, symbol)`.
    pub unresolved: Vec<(u64, String)>,
    /// Symbols naming several entities: `(line, symbol, how many)`.
    pub ambiguous: Vec<(u64, String, usize)>,
    /// Symbols that resolve but have no known program exposure.
    pub no_exposure: Vec<String>,
    /// Symbols naming a body with no listing (a ministry, a private company), left out
    /// since a watchlist holds listed companies only: `(line, symbol)`.
    pub not_listed: Vec<(u64, String)>,
    /// Rows that are not positions (cash, totals, footnotes): `(line, first cell)`.
    pub skipped: Vec<(u64, String)>,
    /// Numbers that could not be read: `line: message`.
    pub warnings: Vec<String>,
    /// The encoding the file was read in, when it was not UTF-8 (`Shift_JIS`).
    pub encoding: Option<&'static str>,
}

/// Folds a header for matching: lower case, letters and digits only (any script).
fn fold(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '%')
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .trim_start_matches('%')
        .to_string()
}

/// The column whose header is the best match in `names` (earlier names are better).
fn find_column(headers: &[String], names: &[&str]) -> Option<usize> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    names
        .iter()
        .find_map(|name| folded.iter().position(|h| h == name))
}

/// Reads `1,234.5`, `12.5%`, `$1,234`, `(3)` (negative) and `-`; `None` for an empty cell.
/// With `decimal_comma` (a semicolon-separated export, as European brokers write them),
/// `1.234,5` is one thousand two hundred and thirty-four and a half.
fn number(cell: &str, decimal_comma: bool) -> Result<Option<f64>, ()> {
    let swapped;
    let mut t = cell.trim();
    if decimal_comma {
        swapped = t.replace('.', "").replace(',', ".");
        t = &swapped;
    }
    if t.is_empty() || t == "-" || t == "--" || t.eq_ignore_ascii_case("n/a") {
        return Ok(None);
    }
    let negative = t.starts_with('(') && t.ends_with(')');
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | '$' | '%' | '(' | ')' | ' ' | '¥' | '€' | '£' | '+'))
        .collect();
    let value: f64 = digits.parse().map_err(|_| ())?;
    if !value.is_finite() {
        return Err(());
    }
    Ok(Some(if negative { -value } else { value }))
}

/// Whether a symbol cell is a position, not cash, a total or a footnote.
fn is_position(symbol: &str) -> bool {
    let lower = symbol.to_lowercase();
    let words = [
        "total",
        "cash",
        "pending",
        "account",
        "disclaimer",
        "brokerage",
    ];
    symbol.chars().count() <= 24 && !words.iter().any(|w| lower.contains(w))
}

/// Reads the export at `path` and resolves its symbols against `index`.
pub fn import_file(index: &Index, path: &Path) -> Result<Import, String> {
    let shown = path.display();
    let bytes = match crate::userfile::read_bytes(path, MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return Err(format!("{shown}: no such file")),
        Err(e) => return Err(format!("{shown}: cannot read: {e}")),
    };
    let (text, encoding) = decode(&bytes);
    let mut import = import_text(index, &text).map_err(|e| format!("{shown}: {e}"))?;
    import.encoding = encoding;
    Ok(import)
}

/// The export's text and, when it is not UTF-8, the encoding it was read in. Brokers write
/// what their spreadsheet writes: UTF-16 with a byte-order mark (Excel's "Unicode text"),
/// Shift_JIS (Japanese brokers) or Windows-1252 (older European and US exports). A file
/// that is valid UTF-8 is UTF-8; otherwise Shift_JIS when the whole file reads as it, else
/// Windows-1252, which reads any byte.
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, Option<&'static str>) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, _, _) = encoding.decode(bytes);
        return (text, Some(encoding.name()));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (std::borrow::Cow::Borrowed(text), None);
    }
    if let Some(text) =
        encoding_rs::SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes)
    {
        return (text, Some(encoding_rs::SHIFT_JIS.name()));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    (text, Some(encoding_rs::WINDOWS_1252.name()))
}

/// Reads an export's text.
pub fn import_text(index: &Index, text: &str) -> Result<Import, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let rows = read_rows(text, delimiter);
        let header = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|(_, row)| find_column(row, SYMBOL_HEADERS).is_some());
        if let Some(at) = header {
            let decimal_comma = delimiter == b';';
            return Ok(from_rows(
                index,
                &rows[at].1,
                &rows[at + 1..],
                decimal_comma,
            ));
        }
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    Err(format!(
        "no symbol column found (looked for a header such as Symbol, Ticker, Code or Instrument); first line: {:?}",
        crate::text::fit(&crate::text::sanitize(first), 80)
    ))
}

/// Every row with its 1-based line, tolerant of ragged rows and stray quotes.
fn read_rows(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // csv's own line numbers stop counting at blank lines; count newlines up to each
    // record's first byte instead, carrying on from the previous record.
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in reader.records() {
        // A row csv cannot read at all is skipped; its neighbours still count.
        let Ok(record) = record else { continue };
        let at = record.position().map_or(0, |p| p.byte() as usize);
        let rest = text.get(at..).unwrap_or("");
        let start = at + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        let start = start.max(counted_to).min(text.len());
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..start]).count() as u64;
        counted_to = start;
        rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    rows
}

fn from_rows(
    index: &Index,
    header: &[String],
    rows: &[(u64, Vec<String>)],
    decimal_comma: bool,
) -> Import {
    let symbol_col = find_column(header, SYMBOL_HEADERS).expect("caller found it");
    let quantity_col = find_column(header, QUANTITY_HEADERS);
    let weight_col = find_column(header, WEIGHT_HEADERS);
    let mut import = Import {
        symbol_column: header[symbol_col].clone(),
        quantity_column: quantity_col.map(|c| header[c].clone()),
        weight_column: weight_col.map(|c| header[c].clone()),
        ..Import::default()
    };
    for (line, row) in rows {
        let Some(raw) = row.get(symbol_col) else {
            continue;
        };
        // No ticker holds a control or bidi character: a cell with one (an escape sequence
        // in a hostile export) is stored and shown without them, never kept in the file.
        let cleaned = crate::text::sanitize(raw);
        // Fidelity marks money-market funds `SPAXX**`; the stars are not part of the symbol.
        let symbol = cleaned.trim().trim_end_matches('*').trim();
        if symbol.is_empty() {
            continue;
        }
        if !is_position(symbol) {
            // Named by the cell that made it no position (`Pending Activity`), not by an
            // account number in the first column.
            import.skipped.push((*line, crate::text::fit(symbol, 40)));
            continue;
        }
        let mut read = |col: Option<usize>, what: &str| {
            let cell = col.and_then(|c| row.get(c))?;
            number(cell, decimal_comma).unwrap_or_else(|()| {
                import.warnings.push(format!(
                    "line {line}: {what} {:?} is not a number",
                    crate::text::sanitize(cell)
                ));
                None
            })
        };
        let quantity = read(quantity_col, "quantity");
        let weight = read(weight_col, "weight");
        let stored = match resolve(index, symbol) {
            Resolved::Found(e) if super::watchlist::watchable(index, e).is_err() => {
                import.not_listed.push((*line, symbol.to_string()));
                continue;
            }
            Resolved::Found(e) => {
                if index.program_count(e) == 0 {
                    import.no_exposure.push(canonical(index, e));
                }
                canonical(index, e)
            }
            Resolved::Ambiguous(many) => {
                import
                    .ambiguous
                    .push((*line, symbol.to_string(), many.len()));
                symbol.to_string()
            }
            Resolved::Unknown => {
                import.unresolved.push((*line, symbol.to_string()));
                symbol.to_string()
            }
        };
        // The same symbol in two accounts is one position: quantities and weights add up.
        match import.entries.iter_mut().find(|x| x.symbol == stored) {
            Some(x) => {
                x.quantity = add(x.quantity, quantity);
                x.weight = add(x.weight, weight);
            }
            None => import.entries.push(Entry {
                symbol: stored,
                quantity,
                weight,
            }),
        }
    }
    import.no_exposure.dedup();
    import
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_fold_across_brokers() {
        let h = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            find_column(&h(&["Description", "Symbol"]), SYMBOL_HEADERS),
            Some(1)
        );
        assert_eq!(find_column(&h(&["Ticker Symbol"]), SYMBOL_HEADERS), Some(0));
        assert_eq!(find_column(&h(&["% Of Account"]), WEIGHT_HEADERS), Some(0));
        assert_eq!(find_column(&h(&["Qty (Quantity)"]), QUANTITY_HEADERS), None);
        assert_eq!(find_column(&h(&["Qty"]), QUANTITY_HEADERS), Some(0));
        assert_eq!(
            find_column(&h(&["銘柄コード", "保有数量"]), QUANTITY_HEADERS),
            Some(1)
        );
    }

    #[test]
    fn numbers_in_broker_forms() {
        assert_eq!(number("1,234.5", false), Ok(Some(1234.5)));
        assert_eq!(number("1.234,5", true), Ok(Some(1234.5)));
        assert_eq!(number("12.5%", false), Ok(Some(12.5)));
        assert_eq!(number("$1,000", false), Ok(Some(1000.0)));
        assert_eq!(number("(3)", false), Ok(Some(-3.0)));
        assert_eq!(number("--", false), Ok(None));
        assert_eq!(number("abc", false), Err(()));
        assert_eq!(number("inf", false), Err(()));
    }

    fn index() -> Index {
        Index::new(crate::data::load(None).unwrap())
    }

    fn fixture(name: &str) -> Import {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/brokers")
            .join(name);
        import_file(&index(), &path).unwrap()
    }

    fn symbols(import: &Import) -> Vec<&str> {
        import.entries.iter().map(|x| x.symbol.as_str()).collect()
    }

    #[test]
    fn a_positions_export_with_title_rows_and_totals() {
        let import = fixture("positions-title-rows.csv");
        assert_eq!(import.symbol_column, "Symbol");
        assert_eq!(import.quantity_column.as_deref(), Some("Quantity"));
        assert_eq!(import.weight_column.as_deref(), Some("% Of Account"));
        let found = symbols(&import);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[..2], ["NASDAQ:NVDA", "NYSE:TSM"]);
        assert!(found[2].ends_with("AAPL") && found[3] == "QQQX");
        assert_eq!(import.entries[0].quantity, Some(120.0));
        assert_eq!(import.entries[0].weight, Some(41.2));
        let unresolved: Vec<(u64, &str)> = import
            .unresolved
            .iter()
            .map(|(l, s)| (*l, s.as_str()))
            .collect();
        assert!(
            unresolved.contains(&(7, "QQQX")),
            "lines count the title rows"
        );
        // Apple is in no program: unknown to the data, or known with no exposure.
        let apple_reported = unresolved.iter().any(|(_, s)| *s == "AAPL")
            || import.no_exposure.iter().any(|s| s.ends_with(":AAPL"));
        assert!(apple_reported);
        let skipped: Vec<&str> = import.skipped.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(skipped, vec!["Cash & Cash Investments", "Account Total"]);
    }

    #[test]
    fn an_export_with_accounts_money_market_and_footnotes() {
        let import = fixture("positions-fidelity-style.csv");
        assert_eq!(import.weight_column.as_deref(), Some("Percent Of Account"));
        assert_eq!(
            symbols(&import),
            vec!["SPAXX", "NASDAQ:MSFT", "NASDAQ:ARM", "INTC"]
        );
        let msft = &import.entries[1];
        assert_eq!(msft.quantity, Some(50.0), "two accounts add up");
        assert!((msft.weight.unwrap() - 44.5).abs() < 1e-9);
        assert_eq!(
            import.skipped,
            vec![(7, "Pending Activity".to_string())],
            "named by its symbol cell, not the account number before it"
        );
        assert!(import.warnings.is_empty(), "{:?}", import.warnings);
    }

    #[test]
    fn a_semicolon_watchlist_with_decimal_commas_and_exchange_codes() {
        let import = fixture("watchlist-semicolon.csv");
        assert_eq!(import.symbol_column, "Instrument");
        assert_eq!(import.quantity_column, None);
        assert_eq!(import.weight_column.as_deref(), Some("Weight (%)"));
        assert_eq!(
            symbols(&import),
            vec!["TSE:9984", "TSE:6702", "TSE:8035", "NYSE:TSM"]
        );
        let weights: Vec<Option<f64>> = import.entries.iter().map(|x| x.weight).collect();
        assert_eq!(weights, vec![Some(12.5), Some(7.25), None, Some(0.75)]);
    }

    #[test]
    fn japanese_headers_and_files_without_a_symbol_column() {
        let import = import_text(
            &index(),
            "銘柄コード,銘柄名,保有数量\n9984,ソフトバンクグループ,100\n",
        )
        .unwrap();
        assert_eq!(import.entries[0].symbol, "TSE:9984");
        assert_eq!(import.entries[0].quantity, Some(100.0));
        let err = import_text(&index(), "Name,Price\nNVIDIA,180\n").unwrap_err();
        assert!(err.starts_with("no symbol column found"), "{err}");
        assert!(import_text(&index(), "").is_err());
    }

    #[test]
    fn control_and_bidi_characters_never_reach_the_stored_symbols() {
        let text = "Symbol,Quantity\n\u{1b}]0;pwned\u{7}EVIL,5\nNV\u{1b}[2JDA,3\n\u{202e}TSM,1\nTotal \u{1b}[5mcash,9\n";
        let import = import_text(&index(), text).unwrap();
        for entry in &import.entries {
            assert!(
                !entry.symbol.chars().any(crate::text::is_unsafe),
                "{:?}",
                entry.symbol
            );
        }
        assert_eq!(
            symbols(&import),
            vec!["]0;pwnedEVIL", "NV[2JDA", "NYSE:TSM"]
        );
        let unresolved: Vec<&str> = import.unresolved.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(unresolved, vec!["]0;pwnedEVIL", "NV[2JDA"]);
        assert_eq!(import.skipped, vec![(5, "Total [5mcash".to_string())]);
    }

    #[test]
    fn exports_in_shift_jis_utf16_and_windows_1252_are_read() {
        let text = "銘柄コード,銘柄名,保有数量\n9984,ソフトバンクグループ,100\n";
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            import_file(&index(), &path).unwrap()
        };
        let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!bad);
        let import = write("sbi.csv", &sjis);
        assert_eq!(import.encoding, Some("Shift_JIS"));
        assert_eq!(import.symbol_column, "銘柄コード");
        assert_eq!(import.entries[0].symbol, "TSE:9984");
        assert_eq!(import.entries[0].quantity, Some(100.0));

        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Symbol\tQuantity\nNVDA\t12\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let import = write("excel.txt", &utf16);
        assert_eq!(import.encoding, Some("UTF-16LE"));
        assert_eq!(import.entries[0].symbol, "NASDAQ:NVDA");

        // "Société" in Windows-1252: é is 0xE9, not UTF-8 and not Shift_JIS text.
        let import = write("eu.csv", b"Symbol;Name;Qty\nNVDA;Soci\xe9t\xe9 X;3\n");
        assert_eq!(import.encoding, Some("windows-1252"));
        assert_eq!(import.entries[0].quantity, Some(3.0));

        let import = write("plain.csv", "Symbol\nNVDA\n".as_bytes());
        assert_eq!(import.encoding, None);
    }
}
