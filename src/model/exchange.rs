//! Stock exchanges and the ways traders write a listing on each.

use std::fmt;

/// How one exchange is written: its code, other prefixes, a ticker suffix and a Bloomberg code.
#[derive(Debug)]
struct Info {
    code: &'static str,
    name: &'static str,
    /// Other prefixes people put before the colon (`TYO:9984`).
    prefixes: &'static [&'static str],
    /// Yahoo-style suffix (`9984.T`).
    suffix: Option<&'static str>,
    /// Bloomberg exchange code (`9984 JT`).
    bloomberg: &'static str,
    /// Reuters (RIC) suffixes where they differ from the Yahoo one (`NVDA.O`, `MSFT.OQ`,
    /// Johannesburg's `NPN.J`, Tadawul's `2222.SE`, Dublin's `.I`, Budapest's `.BU`, Moscow's
    /// `.MM`), and Yahoo's other suffixes for the venue (London's international order book,
    /// `0R1I.IL`).
    reuters: &'static [&'static str],
    country: &'static str,
    /// A venue that mostly trades shares whose home listing is elsewhere (German regional
    /// exchanges, OTC, EuroTLX, Aquis): its listings rank after a company's other listings.
    secondary: bool,
}

#[rustfmt::skip]
const EXCHANGES: &[Info] = &[
    Info { code: "NASDAQ", name: "Nasdaq", prefixes: &["NASDAQGS", "NASDAQGM", "NMS", "XNAS", "NGM", "NCM", "NASDAQCM"], suffix: None, bloomberg: "US", reuters: &["O", "OQ"], country: "US", secondary: false },
    Info { code: "NYSE", name: "New York Stock Exchange", prefixes: &["NYQ", "XNYS"], suffix: None, bloomberg: "US", reuters: &["N"], country: "US", secondary: false },
    Info { code: "TSE", name: "Tokyo Stock Exchange", prefixes: &["TYO", "JPX", "TSE", "TOKYO", "XJPX", "XTKS"], suffix: Some("T"), bloomberg: "JT", reuters: &[], country: "JP", secondary: false },
    Info { code: "TWSE", name: "Taiwan Stock Exchange", prefixes: &["TPE", "TAI", "XTAI"], suffix: Some("TW"), bloomberg: "TT", reuters: &[], country: "TW", secondary: false },
    Info { code: "TPEX", name: "Taipei Exchange", prefixes: &["GTSM", "TWO", "ROCO"], suffix: Some("TWO"), bloomberg: "TT", reuters: &[], country: "TW", secondary: false },
    Info { code: "KRX", name: "Korea Exchange", prefixes: &["KSE", "KOSPI", "KSC", "XKRX"], suffix: Some("KS"), bloomberg: "KS", reuters: &[], country: "KR", secondary: false },
    Info { code: "KOSDAQ", name: "KOSDAQ", prefixes: &["KOE", "XKOS"], suffix: Some("KQ"), bloomberg: "KQ", reuters: &[], country: "KR", secondary: false },
    Info { code: "HKEX", name: "Hong Kong Stock Exchange", prefixes: &["HKG", "SEHK", "XHKG"], suffix: Some("HK"), bloomberg: "HK", reuters: &[], country: "HK", secondary: false },
    Info { code: "SSE", name: "Shanghai Stock Exchange", prefixes: &["SHA", "SHH", "XSHG"], suffix: Some("SS"), bloomberg: "CH", reuters: &[], country: "CN", secondary: false },
    Info { code: "SZSE", name: "Shenzhen Stock Exchange", prefixes: &["SHE", "SHZ", "XSHE"], suffix: Some("SZ"), bloomberg: "CH", reuters: &[], country: "CN", secondary: false },
    Info { code: "LSE", name: "London Stock Exchange", prefixes: &["LON", "XLON"], suffix: Some("L"), bloomberg: "LN", reuters: &["IL"], country: "GB", secondary: false },
    Info { code: "EPA", name: "Euronext Paris", prefixes: &["ENXTPA", "EURONEXT", "PAR", "XPAR"], suffix: Some("PA"), bloomberg: "FP", reuters: &[], country: "FR", secondary: false },
    Info { code: "AMS", name: "Euronext Amsterdam", prefixes: &["ENXTAM", "XAMS"], suffix: Some("AS"), bloomberg: "NA", reuters: &[], country: "NL", secondary: false },
    Info { code: "XETRA", name: "Xetra", prefixes: &["ETR", "FRA", "GER", "XETR"], suffix: Some("DE"), bloomberg: "GY", reuters: &[], country: "DE", secondary: false },
    Info { code: "SIX", name: "SIX Swiss Exchange", prefixes: &["SWX", "VTX", "EBS", "XSWX"], suffix: Some("SW"), bloomberg: "SW", reuters: &["S"], country: "CH", secondary: false },
    Info { code: "NSE", name: "National Stock Exchange of India", prefixes: &["NSEI", "XNSE"], suffix: Some("NS"), bloomberg: "IN", reuters: &[], country: "IN", secondary: false },
    Info { code: "BSE", name: "BSE", prefixes: &["BOM", "XBOM"], suffix: Some("BO"), bloomberg: "IB", reuters: &[], country: "IN", secondary: false },
    Info { code: "ASX", name: "Australian Securities Exchange", prefixes: &["XASX"], suffix: Some("AX"), bloomberg: "AU", reuters: &[], country: "AU", secondary: false },
    Info { code: "TSX", name: "Toronto Stock Exchange", prefixes: &["TOR", "XTSE"], suffix: Some("TO"), bloomberg: "CN", reuters: &[], country: "CA", secondary: false },
    Info { code: "STO", name: "Nasdaq Stockholm", prefixes: &["OMX", "XSTO"], suffix: Some("ST"), bloomberg: "SS", reuters: &[], country: "SE", secondary: false },
    Info { code: "MYX", name: "Bursa Malaysia", prefixes: &["KLS", "KLSE", "XKLS", "BURSA"], suffix: Some("KL"), bloomberg: "MK", reuters: &[], country: "MY", secondary: false },
    Info { code: "SGX", name: "Singapore Exchange", prefixes: &["SES", "XSES"], suffix: Some("SI"), bloomberg: "SP", reuters: &[], country: "SG", secondary: false },
    // Added after the first 22: positions are stored (caches, the master), so new exchanges
    // only ever go at the end.
    Info { code: "BIT", name: "Borsa Italiana", prefixes: &["MIL", "XMIL", "BVME"], suffix: Some("MI"), bloomberg: "IM", reuters: &[], country: "IT", secondary: false },
    Info { code: "BME", name: "Bolsa de Madrid", prefixes: &["MCE", "XMAD"], suffix: Some("MC"), bloomberg: "SM", reuters: &[], country: "ES", secondary: false },
    Info { code: "EBR", name: "Euronext Brussels", prefixes: &["BRU", "XBRU", "ENXTBR"], suffix: Some("BR"), bloomberg: "BB", reuters: &[], country: "BE", secondary: false },
    Info { code: "ELI", name: "Euronext Lisbon", prefixes: &["LIS", "XLIS", "ENXTLS"], suffix: Some("LS"), bloomberg: "PL", reuters: &[], country: "PT", secondary: false },
    Info { code: "HEL", name: "Nasdaq Helsinki", prefixes: &["XHEL"], suffix: Some("HE"), bloomberg: "FH", reuters: &[], country: "FI", secondary: false },
    Info { code: "CPH", name: "Nasdaq Copenhagen", prefixes: &["XCSE"], suffix: Some("CO"), bloomberg: "DC", reuters: &[], country: "DK", secondary: false },
    Info { code: "OSL", name: "Oslo Børs", prefixes: &["XOSL"], suffix: Some("OL"), bloomberg: "NO", reuters: &[], country: "NO", secondary: false },
    Info { code: "VIE", name: "Wiener Börse", prefixes: &["XWBO"], suffix: Some("VI"), bloomberg: "AV", reuters: &[], country: "AT", secondary: false },
    Info { code: "BIST", name: "Borsa Istanbul", prefixes: &["IST", "XIST"], suffix: Some("IS"), bloomberg: "TI", reuters: &[], country: "TR", secondary: false },
    Info { code: "IDX", name: "Indonesia Stock Exchange", prefixes: &["JKT", "XIDX"], suffix: Some("JK"), bloomberg: "IJ", reuters: &[], country: "ID", secondary: false },
    Info { code: "SET", name: "Stock Exchange of Thailand", prefixes: &["XBKK"], suffix: Some("BK"), bloomberg: "TB", reuters: &[], country: "TH", secondary: false },
    Info { code: "JSE", name: "Johannesburg Stock Exchange", prefixes: &["JNB", "XJSE"], suffix: Some("JO"), bloomberg: "SJ", reuters: &["J"], country: "ZA", secondary: false },
    Info { code: "B3", name: "B3 (Brasil Bolsa Balcão)", prefixes: &["SAO", "BVMF", "BOVESPA"], suffix: Some("SA"), bloomberg: "BZ", reuters: &[], country: "BR", secondary: false },
    Info { code: "BMV", name: "Bolsa Mexicana de Valores", prefixes: &["MEX", "XMEX"], suffix: Some("MX"), bloomberg: "MM", reuters: &[], country: "MX", secondary: false },
    Info { code: "NZX", name: "New Zealand Exchange", prefixes: &["NZE", "XNZE"], suffix: Some("NZ"), bloomberg: "NZ", reuters: &[], country: "NZ", secondary: false },
    Info { code: "TASE", name: "Tel Aviv Stock Exchange", prefixes: &["TLV", "XTAE"], suffix: Some("TA"), bloomberg: "IT", reuters: &[], country: "IL", secondary: false },
    Info { code: "TADAWUL", name: "Saudi Exchange (Tadawul)", prefixes: &["SAU", "XSAU"], suffix: Some("SR"), bloomberg: "AB", reuters: &["SE"], country: "SA", secondary: false },
    Info { code: "TSXV", name: "TSX Venture Exchange", prefixes: &["VAN", "CVE", "XTSX"], suffix: Some("V"), bloomberg: "CV", reuters: &[], country: "CA", secondary: false },
    // Added with the whole reference listings: US venues beside Nasdaq and the NYSE, the
    // German regional exchanges and other venues with a MIC. An empty Bloomberg code is one
    // aipx does not know.
    Info { code: "AMEX", name: "NYSE American", prefixes: &["XASE", "ASE", "NYSEAMERICAN", "NYSE AMERICAN", "NYSEMKT", "NYSE MKT"], suffix: None, bloomberg: "US", reuters: &[], country: "US", secondary: false },
    Info { code: "ARCA", name: "NYSE Arca", prefixes: &["ARCX", "PCX", "NYSEARCA", "NYSE ARCA"], suffix: None, bloomberg: "US", reuters: &[], country: "US", secondary: false },
    Info { code: "CBOE", name: "Cboe BZX Exchange", prefixes: &["BATS", "BTS", "BZX", "CBOE BZX"], suffix: None, bloomberg: "US", reuters: &[], country: "US", secondary: false },
    Info { code: "OTC", name: "OTC Markets", prefixes: &["OTCM", "OTCMKTS", "OTCQX", "OTCQB", "OTCPK", "PINK", "PNK"], suffix: None, bloomberg: "US", reuters: &[], country: "US", secondary: true },
    Info { code: "BER", name: "Börse Berlin", prefixes: &["XBER"], suffix: Some("BE"), bloomberg: "GB", reuters: &[], country: "DE", secondary: true },
    Info { code: "MUN", name: "Börse München", prefixes: &["XMUN"], suffix: Some("MU"), bloomberg: "GM", reuters: &[], country: "DE", secondary: true },
    Info { code: "DUS", name: "Börse Düsseldorf", prefixes: &["XDUS"], suffix: Some("DU"), bloomberg: "GD", reuters: &[], country: "DE", secondary: true },
    Info { code: "HAM", name: "Börse Hamburg", prefixes: &["XHAM"], suffix: Some("HM"), bloomberg: "GH", reuters: &[], country: "DE", secondary: true },
    Info { code: "HAN", name: "Börse Hannover", prefixes: &["XHAN"], suffix: Some("HA"), bloomberg: "GI", reuters: &[], country: "DE", secondary: true },
    Info { code: "STU", name: "Börse Stuttgart", prefixes: &["XSTU"], suffix: Some("SG"), bloomberg: "GS", reuters: &[], country: "DE", secondary: true },
    Info { code: "ETLX", name: "EuroTLX", prefixes: &["TLO", "TLX"], suffix: Some("TI"), bloomberg: "", reuters: &[], country: "IT", secondary: true },
    Info { code: "AQSE", name: "Aquis Stock Exchange", prefixes: &["AQS", "AQXE"], suffix: Some("AQ"), bloomberg: "", reuters: &[], country: "GB", secondary: true },
    Info { code: "CSE", name: "Canadian Securities Exchange", prefixes: &["CNSX", "CNQ", "XCNQ"], suffix: Some("CN"), bloomberg: "CF", reuters: &[], country: "CA", secondary: false },
    Info { code: "NEO", name: "Cboe Canada", prefixes: &["NEOE", "CBOE CANADA"], suffix: Some("NE"), bloomberg: "", reuters: &[], country: "CA", secondary: false },
    Info { code: "BCS", name: "Santiago Stock Exchange", prefixes: &["SGO", "XSGO"], suffix: Some("SN"), bloomberg: "CI", reuters: &[], country: "CL", secondary: false },
    Info { code: "BYMA", name: "Bolsas y Mercados Argentinos", prefixes: &["BUE", "XBUE", "BCBA"], suffix: Some("BA"), bloomberg: "AR", reuters: &[], country: "AR", secondary: false },
    Info { code: "BVCA", name: "Caracas Stock Exchange", prefixes: &["CCS"], suffix: Some("CR"), bloomberg: "VC", reuters: &[], country: "VE", secondary: false },
    Info { code: "ATHEX", name: "Athens Stock Exchange", prefixes: &["ATH", "ASEX"], suffix: Some("AT"), bloomberg: "GA", reuters: &[], country: "GR", secondary: false },
    Info { code: "ISE", name: "Euronext Dublin", prefixes: &["XDUB"], suffix: Some("IR"), bloomberg: "ID", reuters: &["I"], country: "IE", secondary: false },
    Info { code: "BET", name: "Budapest Stock Exchange", prefixes: &["BUD", "XBUD"], suffix: Some("BD"), bloomberg: "HB", reuters: &["BU"], country: "HU", secondary: false },
    Info { code: "PRA", name: "Prague Stock Exchange", prefixes: &["XPRA"], suffix: Some("PR"), bloomberg: "CP", reuters: &[], country: "CZ", secondary: false },
    Info { code: "XICE", name: "Nasdaq Iceland", prefixes: &[], suffix: Some("IC"), bloomberg: "IR", reuters: &[], country: "IS", secondary: false },
    Info { code: "RIS", name: "Nasdaq Riga", prefixes: &["XRIS"], suffix: Some("RG"), bloomberg: "LR", reuters: &[], country: "LV", secondary: false },
    Info { code: "LIT", name: "Nasdaq Vilnius", prefixes: &["XLIT"], suffix: Some("VS"), bloomberg: "LH", reuters: &[], country: "LT", secondary: false },
    Info { code: "TAL", name: "Nasdaq Tallinn", prefixes: &["XTAL"], suffix: Some("TL"), bloomberg: "ET", reuters: &[], country: "EE", secondary: false },
    Info { code: "MOEX", name: "Moscow Exchange", prefixes: &["MCX", "MISX"], suffix: Some("ME"), bloomberg: "RX", reuters: &["MM"], country: "RU", secondary: false },
    Info { code: "EGX", name: "Egyptian Exchange", prefixes: &["CAI", "XCAI"], suffix: Some("CA"), bloomberg: "EY", reuters: &[], country: "EG", secondary: false },
    Info { code: "QSE", name: "Qatar Stock Exchange", prefixes: &["DOH", "DSMD"], suffix: Some("QA"), bloomberg: "QD", reuters: &[], country: "QA", secondary: false },
    Info { code: "XCOL", name: "Colombo Stock Exchange", prefixes: &[], suffix: Some("CM"), bloomberg: "SL", reuters: &[], country: "LK", secondary: false },
    Info { code: "FKA", name: "Fukuoka Stock Exchange", prefixes: &["XFKA"], suffix: Some("F"), bloomberg: "JF", reuters: &[], country: "JP", secondary: false },
    Info { code: "XSAP", name: "Sapporo Securities Exchange", prefixes: &[], suffix: Some("S"), bloomberg: "JS", reuters: &[], country: "JP", secondary: false },
];

/// Bloomberg codes beside each exchange's own: one US venue's, beside the composite `US`
/// (`MSFT UW`, `IBM UN`: Nasdaq Global Select, Global Market and Capital Market, the NYSE,
/// NYSE American, NYSE Arca), and a country's composite where the table holds one venue's
/// (`7203 JP` beside Tokyo's `JT`, `SAP GR` beside Xetra's `GY`, Canada's `CN` for every
/// Canadian venue, India's `IN` for the BSE too, `IS` the NSE's own, `CT` Toronto's own).
const OTHER_BLOOMBERG: &[(&str, &str)] = &[
    ("UW", "NASDAQ"),
    ("UQ", "NASDAQ"),
    ("UR", "NASDAQ"),
    ("UN", "NYSE"),
    ("UA", "AMEX"),
    ("UP", "ARCA"),
    ("JP", "TSE"),
    ("JP", "FKA"),
    ("JP", "XSAP"),
    ("GR", "XETRA"),
    ("GR", "BER"),
    ("GR", "MUN"),
    ("GR", "DUS"),
    ("GR", "HAM"),
    ("GR", "HAN"),
    ("GR", "STU"),
    ("CN", "TSXV"),
    ("CN", "CSE"),
    ("CN", "NEO"),
    ("CT", "TSX"),
    ("IN", "BSE"),
    ("IS", "NSE"),
];

/// A stock exchange aipx knows (see the README for the list).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Exchange(u8);

impl Exchange {
    fn info(self) -> &'static Info {
        &EXCHANGES[self.0 as usize]
    }

    /// Finds an exchange by its code or any prefix traders use for it, case-insensitively.
    pub fn parse(text: &str) -> Option<Exchange> {
        // Ingest asks about every word before a colon: one probe of a table built once,
        // not a walk through every exchange's spellings.
        static BY_SPELLING: std::sync::OnceLock<std::collections::HashMap<Vec<u8>, u8>> =
            std::sync::OnceLock::new();
        let table = BY_SPELLING.get_or_init(|| {
            let mut table = std::collections::HashMap::new();
            for (i, e) in EXCHANGES.iter().enumerate() {
                for s in std::iter::once(&e.code).chain(e.prefixes) {
                    assert!(s.len() <= 16, "exchange spellings fit the lookup buffer");
                    // The first exchange that spells it so keeps it.
                    table
                        .entry(s.to_ascii_lowercase().into_bytes())
                        .or_insert(i as u8);
                }
            }
            table
        });
        let text = text.trim();
        let mut buf = [0u8; 16];
        let key = buf.get_mut(..text.len())?;
        for (d, s) in key.iter_mut().zip(text.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        table.get(&key[..]).map(|&i| Exchange(i))
    }

    /// Position in aipx's exchange table (stable within one build).
    pub fn index(self) -> u8 {
        self.0
    }

    /// The exchange at `index` in aipx's exchange table, if there is one.
    pub fn from_index(index: u8) -> Option<Exchange> {
        ((index as usize) < EXCHANGES.len()).then_some(Exchange(index))
    }

    /// The code used in the data files and output (`TSE`, `NASDAQ`).
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// The exchange's full name.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// ISO 3166 alpha-2 code of the exchange's country.
    pub fn country(self) -> &'static str {
        self.info().country
    }

    /// Whether this venue mostly trades shares listed elsewhere (German regional exchanges,
    /// OTC, EuroTLX, Aquis).
    pub fn is_secondary(self) -> bool {
        self.info().secondary
    }

    /// Whether `symbol` here is a line of a venue's book for shares listed elsewhere:
    /// London's international order book (`0FA0`, `0R1I`: a zero and three more), which
    /// trades Melexis or Nestlé as the German regional exchanges do.
    pub fn is_order_book_line(self, symbol: &str) -> bool {
        self.code() == "LSE" && symbol.len() == 4 && symbol.starts_with('0')
    }

    /// Every code aipx accepts, for error messages.
    pub fn known_codes() -> impl Iterator<Item = &'static str> {
        EXCHANGES.iter().map(|e| e.code)
    }

    /// Exchanges whose Yahoo-style or Reuters suffix is `suffix` (`T` -> TSE, `OQ` -> NASDAQ).
    pub fn by_suffix(suffix: &str) -> impl Iterator<Item = Exchange> + '_ {
        Self::all().filter(move |e| {
            let info = e.info();
            info.suffix.is_some_and(|s| s.eq_ignore_ascii_case(suffix))
                || info.reuters.iter().any(|s| s.eq_ignore_ascii_case(suffix))
        })
    }

    /// The exchange whose full name is `name`, in any case (`London Stock Exchange`,
    /// `euronext paris`): how a listing file written by hand may name it.
    pub fn by_name(name: &str) -> Option<Exchange> {
        let name = name.trim();
        Self::all().find(|e| e.name().eq_ignore_ascii_case(name))
    }

    /// Exchanges whose Bloomberg code is `code` (`JT` -> TSE; `US` -> every US venue; the
    /// single-venue US codes and the country composites too: `UW` -> NASDAQ, `UN` -> NYSE,
    /// `JP` -> TSE, `GR` -> Xetra and the German regional exchanges).
    pub fn by_bloomberg(code: &str) -> impl Iterator<Item = Exchange> + '_ {
        Self::all().filter(move |e| {
            let known = e.info().bloomberg;
            !known.is_empty() && known.eq_ignore_ascii_case(code)
                || OTHER_BLOOMBERG
                    .iter()
                    .any(|&(c, x)| c.eq_ignore_ascii_case(code) && e.code() == x)
        })
    }

    /// `symbol` as aipx keys it on this exchange: a Hong Kong number has four digits, as
    /// Yahoo and the listing files write it (`0700`), however it is typed (`700 HK` as
    /// Bloomberg writes it, `00700` as HKEX does).
    pub fn canonical_symbol(self, symbol: &str) -> std::borrow::Cow<'_, str> {
        let digits = !symbol.is_empty() && symbol.bytes().all(|b| b.is_ascii_digit());
        if self.code() != "HKEX" || !digits || symbol.len() == 4 {
            return std::borrow::Cow::Borrowed(symbol);
        }
        let bare = symbol.trim_start_matches('0');
        std::borrow::Cow::Owned(format!("{bare:0>4}"))
    }

    fn all() -> impl Iterator<Item = Exchange> {
        (0..EXCHANGES.len()).map(|i| Exchange(i as u8))
    }

    /// Reads an exchange-qualified ticker (`TSE:9984`, `TYO: 9984`, `9984.T`, `9984 JT`) into
    /// the exchanges it may mean and the bare symbol.
    pub fn split_listing(text: &str) -> Option<(Vec<Exchange>, &str)> {
        let text = text.trim();
        // A Bloomberg ticker as its terminal writes it, with the market sector after the
        // code (`7203 JP Equity`).
        let text = match text.len().checked_sub(" equity".len()) {
            Some(at) if text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case(" equity") => {
                text[..at].trim_end()
            }
            _ => text,
        };
        if let Some((prefix, symbol)) = text.split_once(':') {
            let symbol = symbol.trim();
            return Some((Exchange::parse(prefix).into_iter().collect(), symbol))
                .filter(|_| !symbol.is_empty());
        }
        if let Some((symbol, code)) = text.rsplit_once(' ') {
            let found: Vec<_> = Exchange::by_bloomberg(code.trim()).collect();
            if !found.is_empty() {
                return Some((found, symbol.trim()));
            }
        }
        if let Some((symbol, suffix)) = text.rsplit_once('.') {
            let found: Vec<_> = Exchange::by_suffix(suffix).collect();
            if !found.is_empty() && !symbol.is_empty() {
                return Some((found, symbol));
            }
        }
        None
    }

    /// `symbol` with this exchange's Yahoo suffix (`2382.TW`), if it has one (US venues have
    /// none).
    pub fn suffixed(self, symbol: &str) -> Option<String> {
        self.info()
            .suffix
            .map(|suffix| format!("{symbol}.{suffix}"))
    }

    /// `symbol` as a Reuters code (RIC): with the exchange's own Reuters suffix where it
    /// differs from Yahoo's (`NVDA.O`, `NPN.J`), else with Yahoo's, which Reuters shares
    /// (`7203.T`, `VOD.L`); `None` where aipx knows neither.
    pub fn reuters_code(self, symbol: &str) -> Option<String> {
        let info = self.info();
        let suffix = info.reuters.first().copied().or(info.suffix)?;
        Some(format!("{symbol}.{suffix}"))
    }

    /// Every way of writing `symbol` on this exchange: `TSE:9984`, `TYO:9984`, `9984.T`,
    /// `9984 JT` (the bare symbol is not included).
    pub fn spellings(self, symbol: &str) -> Vec<String> {
        let info = self.info();
        let mut out = Vec::with_capacity(info.prefixes.len() + 3);
        for prefix in std::iter::once(&info.code).chain(info.prefixes) {
            out.push(format!("{prefix}:{symbol}"));
        }
        if let Some(suffix) = info.suffix {
            out.push(format!("{symbol}.{suffix}"));
        }
        if !info.bloomberg.is_empty() {
            out.push(format!("{symbol} {}", info.bloomberg));
        }
        out
    }
}

impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_prefixes_case_insensitively() {
        assert_eq!(Exchange::parse("tyo").map(Exchange::code), Some("TSE"));
        assert_eq!(
            Exchange::parse("NASDAQ").map(Exchange::code),
            Some("NASDAQ")
        );
        assert_eq!(Exchange::parse("TPE").map(Exchange::code), Some("TWSE"));
        assert_eq!(Exchange::parse("MOON"), None);
    }

    #[test]
    fn splits_qualified_tickers() {
        let codes = |t: &str| {
            Exchange::split_listing(t).map(|(e, s)| {
                (
                    e.iter().map(|e| e.code()).collect::<Vec<_>>(),
                    s.to_string(),
                )
            })
        };
        assert_eq!(codes("TYO: 9984"), Some((vec!["TSE"], "9984".into())));
        assert_eq!(codes("9984.T"), Some((vec!["TSE"], "9984".into())));
        assert_eq!(codes("9984 JT"), Some((vec!["TSE"], "9984".into())));
        assert_eq!(
            codes("NVDA US"),
            Some((
                vec!["NASDAQ", "NYSE", "AMEX", "ARCA", "CBOE", "OTC"],
                "NVDA".into()
            )),
            "US is Bloomberg's code for every US venue"
        );
        assert_eq!(codes("NVDA.O"), Some((vec!["NASDAQ"], "NVDA".into())));
        assert_eq!(codes("MSFT.OQ"), Some((vec!["NASDAQ"], "MSFT".into())));
        assert_eq!(codes("2330.TW"), Some((vec!["TWSE"], "2330".into())));
        assert_eq!(codes("SoftBank Group"), None);
        assert_eq!(codes("Amazon.com"), None);
    }

    #[test]
    fn country_composite_codes_name_every_venue_of_the_country() {
        let codes = |t: &str| {
            let (found, symbol) = Exchange::split_listing(t).unwrap();
            let found: Vec<&str> = found.iter().map(|x| x.code()).collect();
            (found, symbol.to_string())
        };
        assert_eq!(
            codes("7203 JP"),
            (vec!["TSE", "FKA", "XSAP"], "7203".into())
        );
        assert_eq!(codes("7203 JP Equity"), codes("7203 JP"));
        assert_eq!(
            codes("SAP GR"),
            (
                vec!["XETRA", "BER", "MUN", "DUS", "HAM", "HAN", "STU"],
                "SAP".into()
            )
        );
        assert_eq!(codes("RY CN").0, ["TSX", "TSXV", "CSE", "NEO"]);
        assert_eq!(codes("RELIANCE IN").0, ["NSE", "BSE"]);
        assert_eq!(codes("TSM UN").0, ["NYSE"]);
    }

    #[test]
    fn hong_kong_numbers_have_four_digits_however_typed() {
        let hk = Exchange::parse("HKEX").unwrap();
        for (typed, canonical) in [
            ("700", "0700"),
            ("00700", "0700"),
            ("0700", "0700"),
            ("5", "0005"),
            ("9988", "9988"),
            ("80737", "80737"),
            ("ABC", "ABC"),
        ] {
            assert_eq!(hk.canonical_symbol(typed), canonical, "{typed}");
        }
        let tse = Exchange::parse("TSE").unwrap();
        assert_eq!(tse.canonical_symbol("700"), "700", "only Hong Kong pads");
    }

    #[test]
    fn spells_a_listing_every_way() {
        let tse = Exchange::parse("TSE").unwrap();
        let forms = tse.spellings("9984");
        for form in ["TSE:9984", "TYO:9984", "9984.T", "9984 JT"] {
            assert!(
                forms.contains(&form.to_string()),
                "{form} missing from {forms:?}"
            );
        }
    }

    #[test]
    fn every_code_prefix_and_suffix_names_one_exchange() {
        let mut names: Vec<String> = Vec::new();
        let mut suffixes: Vec<&str> = Vec::new();
        for e in EXCHANGES {
            let mut own: Vec<String> = std::iter::once(e.code)
                .chain(e.prefixes.iter().copied())
                .map(str::to_ascii_uppercase)
                .collect();
            own.sort();
            own.dedup();
            names.extend(own);
            suffixes.extend(e.suffix);
        }
        let (n, s) = (names.len(), suffixes.len());
        names.sort();
        names.dedup();
        suffixes.sort();
        suffixes.dedup();
        assert_eq!(names.len(), n, "a code or prefix names two exchanges");
        assert_eq!(suffixes.len(), s, "a suffix names two exchanges");
    }

    #[test]
    fn more_markets_by_code_mic_suffix_and_bloomberg() {
        for (typed, code, symbol) in [
            ("ENI.MI", "BIT", "ENI"),
            ("XMIL:ENI", "BIT", "ENI"),
            ("ITX.MC", "BME", "ITX"),
            ("PTT.BK", "SET", "PTT"),
            ("BBCA.JK", "IDX", "BBCA"),
            ("PETR4.SA", "B3", "PETR4"),
            ("NOVO-B.CO", "CPH", "NOVO-B"),
            ("2222.SR", "TADAWUL", "2222"),
            ("ENI IM", "BIT", "ENI"),
            ("NYSE American:ACU", "AMEX", "ACU"),
            ("XASE:ACU", "AMEX", "ACU"),
            ("TOM.BE", "BER", "TOM"),
            ("TOM GB", "BER", "TOM"),
            ("GLXY.CN", "CSE", "GLXY"),
            ("COMB.CM", "XCOL", "COMB"),
            ("MSFT UW", "NASDAQ", "MSFT"),
            ("AMD UQ", "NASDAQ", "AMD"),
            ("IBM UN", "NYSE", "IBM"),
            ("7203 JT Equity", "TSE", "7203"),
            ("9984 jt equity", "TSE", "9984"),
            ("NESN SW Equity", "SIX", "NESN"),
            ("RY CT", "TSX", "RY"),
            ("RELIANCE IS", "NSE", "RELIANCE"),
            ("0R1I.IL", "LSE", "0R1I"),
        ] {
            let (found, s) = Exchange::split_listing(typed).unwrap();
            assert_eq!(
                found.iter().map(|x| x.code()).collect::<Vec<_>>(),
                [code],
                "{typed}"
            );
            assert_eq!(s, symbol);
        }
    }
}
