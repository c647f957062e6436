//! The reference universe: listed companies most exposed to AI and semiconductor policy,
//! shipped in `assets/universe.csv` and compiled into the binary.

use crate::model::{Exchange, Listing};

/// The universe file as shipped.
const UNIVERSE_CSV: &str = include_str!("../../assets/universe.csv");

/// One row of the universe: a listed company, or a unit that resolves to its listed parent.
#[derive(Debug, Clone)]
pub struct Company {
    /// Full name.
    pub name: String,
    /// Listings, primary first; empty for a unit that resolves to `parent`.
    pub listings: Vec<Listing>,
    /// Names people write (`Foxconn`, `Hon Hai`, `TSMC`).
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// Sector in a few words.
    pub sector: String,
    /// Listed parent (`EXCHANGE:SYMBOL`) that mentions of a unit resolve to.
    pub parent: Option<Listing>,
}

/// Reads `EXCHANGE:SYMBOL`.
pub fn parse_listing(text: &str) -> Option<Listing> {
    let (exchange, symbol) = text.split_once(':')?;
    let symbol = symbol.trim();
    let exchange = Exchange::parse(exchange)?;
    (!symbol.is_empty()).then(|| Listing {
        symbol: symbol.to_string(),
        exchange,
    })
}

/// Every company of the shipped universe, in file order.
pub fn companies() -> Vec<Company> {
    parse(UNIVERSE_CSV).expect("assets/universe.csv is checked by a unit test")
}

/// Parses a universe file; an error names the first bad row.
pub fn parse(text: &str) -> Result<Vec<Company>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.map_err(|e| format!("universe row {}: {e}", n + 1))?;
        let field = |i: usize| row.get(i).unwrap_or("").trim();
        let bad = |what: &str| format!("universe row {} ({}): {what}", n + 1, field(2));
        let mut listings = Vec::new();
        if !field(0).is_empty() {
            let listing = parse_listing(&format!("{}:{}", field(0), field(1)))
                .ok_or_else(|| bad("unknown exchange or empty symbol"))?;
            listings.push(listing);
        }
        let mut aliases = Vec::new();
        for alias in field(3).split('|').map(str::trim).filter(|a| !a.is_empty()) {
            // `EXCH:SYM` in the aliases column is another listing, not a name.
            match alias.split_once(':') {
                Some((exchange, _)) if Exchange::parse(exchange).is_some() => {
                    listings.push(parse_listing(alias).ok_or_else(|| bad("bad extra listing"))?)
                }
                _ => aliases.push(alias.to_string()),
            }
        }
        let parent = match field(6) {
            "" => None,
            p => Some(parse_listing(p).ok_or_else(|| bad("bad parent listing"))?),
        };
        if listings.is_empty() && parent.is_none() {
            return Err(bad("a row needs a listing or a parent"));
        }
        out.push(Company {
            name: field(2).to_string(),
            listings,
            aliases,
            country: field(4).to_string(),
            sector: field(5).to_string(),
            parent,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_universe_parses_and_is_large_enough() {
        let all = companies();
        let listed = all.iter().filter(|c| !c.listings.is_empty()).count();
        assert!(listed >= 300, "only {listed} listed companies");
        for country in [
            "US", "JP", "TW", "KR", "IN", "CN", "DE", "FR", "NL", "CH", "GB",
        ] {
            assert!(
                all.iter().any(|c| c.country == country),
                "no company from {country}"
            );
        }
        let foxconn = all.iter().find(|c| c.name.starts_with("Hon Hai")).unwrap();
        assert!(foxconn.aliases.iter().any(|a| a == "Foxconn"));
        assert_eq!(foxconn.listings[0].symbol, "2317");
    }

    #[test]
    fn parents_name_listed_rows() {
        let all = companies();
        for unit in all.iter().filter_map(|c| c.parent.as_ref()) {
            assert!(
                all.iter().any(|c| c.listings.contains(unit)),
                "parent {}:{} is not in the universe",
                unit.exchange,
                unit.symbol
            );
        }
    }

    /// A company is one row: a listing on two rows (the same company written twice, its
    /// sector worded two ways) would show whichever row came first and hide the other.
    #[test]
    fn each_listing_is_on_one_row() {
        let mut seen = std::collections::HashMap::new();
        for c in companies() {
            for l in &c.listings {
                let form = format!("{}:{}", l.exchange, l.symbol);
                if let Some(first) = seen.insert(form.clone(), c.name.clone()) {
                    panic!("{form} is on two rows: {first:?} and {:?}", c.name);
                }
            }
        }
    }

    #[test]
    fn rejects_rows_without_a_listing_or_parent() {
        let text = "exchange,symbol,name,aliases,country,sector,parent\n,,Nobody,,US,x,\n";
        assert!(parse(text).unwrap_err().contains("Nobody"));
        let text = "exchange,symbol,name,aliases,country,sector,parent\nMOON,1,X,,US,x,\n";
        assert!(parse(text).is_err());
    }
}
