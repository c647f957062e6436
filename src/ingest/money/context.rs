//! Whose dollar a bare `$` is. Articles from Canada, Australia, Singapore, Hong Kong or New
//! Zealand write their own currency as `$`; the opening lines (dateline, issuer) say which.
//! Each cue carries the rule shown beside the amount, so a reader sees why.

use crate::model::Currency;

/// Where a cue must stand in a line.
#[derive(Clone, Copy, PartialEq)]
enum At {
    /// At the start of a line, then `,` `(` `-` `—` or a space and a capital (a dateline).
    Dateline,
    /// Anywhere in the line (an issuer: `Government of Canada`).
    Anywhere,
    /// A listing tag anywhere in the line (`(TSX: CLS)`), unless the line also tags a US
    /// listing (a company on both reports in either currency).
    Tag,
}

#[rustfmt::skip]
/// Cues in the order they are tried, with the currency and the rule they stand for.
const CUES: &[(&str, At, &str, &str)] = &[
    // The world's wires write every other dollar with its prefix (`C$`, `S$`, `A$`), so
    // their `$` is the US dollar whatever city the dateline names.
    ("(Reuters)", At::Anywhere, "USD", "$ read as USD: a Reuters wire writes other dollars as C$, S$, A$"),
    ("(Bloomberg)", At::Anywhere, "USD", "$ read as USD: a Bloomberg wire writes other dollars as C$, S$, A$"),
    ("Government of Canada", At::Anywhere, "CAD", "$ read as CAD: issued by the Government of Canada"),
    ("Canadian government", At::Anywhere, "CAD", "$ read as CAD: the Canadian government's release"),
    ("in Canadian dollars", At::Anywhere, "CAD", "$ read as CAD: the text says its figures are in Canadian dollars"),
    ("in Australian dollars", At::Anywhere, "AUD", "$ read as AUD: the text says its figures are in Australian dollars"),
    ("in Singapore dollars", At::Anywhere, "SGD", "$ read as SGD: the text says its figures are in Singapore dollars"),
    ("in Hong Kong dollars", At::Anywhere, "HKD", "$ read as HKD: the text says its figures are in Hong Kong dollars"),
    ("in New Zealand dollars", At::Anywhere, "NZD", "$ read as NZD: the text says its figures are in New Zealand dollars"),
    ("(TSX:", At::Tag, "CAD", "$ read as CAD: the issuer is listed in Toronto only"),
    ("(TSXV:", At::Tag, "CAD", "$ read as CAD: the issuer is listed in Canada only"),
    ("(TSX-V:", At::Tag, "CAD", "$ read as CAD: the issuer is listed in Canada only"),
    ("(TSX Venture:", At::Tag, "CAD", "$ read as CAD: the issuer is listed in Canada only"),
    ("(CSE:", At::Tag, "CAD", "$ read as CAD: the issuer is listed in Canada only"),
    ("(ASX:", At::Tag, "AUD", "$ read as AUD: the issuer is listed in Australia only"),
    ("(NZX:", At::Tag, "NZD", "$ read as NZD: the issuer is listed in New Zealand only"),
    ("(SGX:", At::Tag, "SGD", "$ read as SGD: the issuer is listed in Singapore only"),
    ("TSX-listed", At::Tag, "CAD", "$ read as CAD: the company is TSX-listed"),
    ("TSXV-listed", At::Tag, "CAD", "$ read as CAD: the company is TSXV-listed"),
    ("ASX-listed", At::Tag, "AUD", "$ read as AUD: the company is ASX-listed"),
    ("NZX-listed", At::Tag, "NZD", "$ read as NZD: the company is NZX-listed"),
    ("SGX-listed", At::Tag, "SGD", "$ read as SGD: the company is SGX-listed"),
    ("OTTAWA", At::Dateline, "CAD", "$ read as CAD: dateline Ottawa"),
    ("Ottawa", At::Dateline, "CAD", "$ read as CAD: dateline Ottawa"),
    ("TORONTO", At::Dateline, "CAD", "$ read as CAD: dateline Toronto"),
    ("Toronto", At::Dateline, "CAD", "$ read as CAD: dateline Toronto"),
    ("MONTREAL", At::Dateline, "CAD", "$ read as CAD: dateline Montreal"),
    ("Montreal", At::Dateline, "CAD", "$ read as CAD: dateline Montreal"),
    ("VANCOUVER", At::Dateline, "CAD", "$ read as CAD: dateline Vancouver"),
    ("Vancouver", At::Dateline, "CAD", "$ read as CAD: dateline Vancouver"),
    ("CALGARY", At::Dateline, "CAD", "$ read as CAD: dateline Calgary"),
    ("Calgary", At::Dateline, "CAD", "$ read as CAD: dateline Calgary"),
    ("EDMONTON", At::Dateline, "CAD", "$ read as CAD: dateline Edmonton"),
    ("Edmonton", At::Dateline, "CAD", "$ read as CAD: dateline Edmonton"),
    ("HALIFAX", At::Dateline, "CAD", "$ read as CAD: dateline Halifax"),
    ("Halifax", At::Dateline, "CAD", "$ read as CAD: dateline Halifax"),
    ("WINNIPEG", At::Dateline, "CAD", "$ read as CAD: dateline Winnipeg"),
    ("Winnipeg", At::Dateline, "CAD", "$ read as CAD: dateline Winnipeg"),
    ("QUEBEC CITY", At::Dateline, "CAD", "$ read as CAD: dateline Quebec City"),
    ("Quebec City", At::Dateline, "CAD", "$ read as CAD: dateline Quebec City"),
    ("WATERLOO, Ontario", At::Dateline, "CAD", "$ read as CAD: dateline Waterloo, Ontario"),
    ("Waterloo, Ontario", At::Dateline, "CAD", "$ read as CAD: dateline Waterloo, Ontario"),
    ("MISSISSAUGA", At::Dateline, "CAD", "$ read as CAD: dateline Mississauga"),
    ("Mississauga", At::Dateline, "CAD", "$ read as CAD: dateline Mississauga"),
    ("Australian Government", At::Anywhere, "AUD", "$ read as AUD: issued by the Australian Government"),
    ("BRISBANE", At::Dateline, "AUD", "$ read as AUD: dateline Brisbane"),
    ("Brisbane", At::Dateline, "AUD", "$ read as AUD: dateline Brisbane"),
    ("PERTH", At::Dateline, "AUD", "$ read as AUD: dateline Perth"),
    ("Perth", At::Dateline, "AUD", "$ read as AUD: dateline Perth"),
    ("ADELAIDE", At::Dateline, "AUD", "$ read as AUD: dateline Adelaide"),
    ("Adelaide", At::Dateline, "AUD", "$ read as AUD: dateline Adelaide"),
    ("CANBERRA", At::Dateline, "AUD", "$ read as AUD: dateline Canberra"),
    ("Canberra", At::Dateline, "AUD", "$ read as AUD: dateline Canberra"),
    ("SYDNEY", At::Dateline, "AUD", "$ read as AUD: dateline Sydney"),
    ("Sydney", At::Dateline, "AUD", "$ read as AUD: dateline Sydney"),
    ("MELBOURNE", At::Dateline, "AUD", "$ read as AUD: dateline Melbourne"),
    ("Melbourne", At::Dateline, "AUD", "$ read as AUD: dateline Melbourne"),
    ("Government of Singapore", At::Anywhere, "SGD", "$ read as SGD: issued by the Government of Singapore"),
    ("SINGAPORE", At::Dateline, "SGD", "$ read as SGD: dateline Singapore"),
    ("Singapore", At::Dateline, "SGD", "$ read as SGD: dateline Singapore"),
    ("HKSAR Government", At::Anywhere, "HKD", "$ read as HKD: issued by the HKSAR Government"),
    ("HONG KONG", At::Dateline, "HKD", "$ read as HKD: dateline Hong Kong"),
    ("Hong Kong", At::Dateline, "HKD", "$ read as HKD: dateline Hong Kong"),
    ("New Zealand Government", At::Anywhere, "NZD", "$ read as NZD: issued by the New Zealand Government"),
    ("WELLINGTON", At::Dateline, "NZD", "$ read as NZD: dateline Wellington"),
    ("Wellington", At::Dateline, "NZD", "$ read as NZD: dateline Wellington"),
    ("AUCKLAND", At::Dateline, "NZD", "$ read as NZD: dateline Auckland"),
    ("Auckland", At::Dateline, "NZD", "$ read as NZD: dateline Auckland"),
];

/// The currency a line anywhere in an article says its `$` figures are in (`All figures are
/// in Canadian dollars`), with the rule; datelines and tags count only in the opening.
pub fn dollar_statement(line: &str) -> Option<(Currency, &'static str)> {
    CUES.iter()
        .filter(|(cue, ..)| cue.starts_with("in ") && cue.ends_with(" dollars"))
        .find(|(cue, ..)| line.contains(cue))
        .and_then(|&(_, _, code, rule)| Currency::from_code(code).map(|c| (c, rule)))
}

/// The currency a bare `$` means in an article whose opening has `line`, with the rule that
/// decided it; `None` when the line says nothing (the `$` stays US dollars).
pub fn dollar_cue(line: &str) -> Option<(Currency, &'static str)> {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '#');
    CUES.iter().find_map(|&(cue, at, code, rule)| {
        let hit = match at {
            At::Anywhere => line.contains(cue),
            At::Tag => {
                line.contains(cue)
                    && !["NASDAQ", "Nasdaq", "NYSE"]
                        .iter()
                        .any(|us| line.contains(us))
            }
            At::Dateline => line.strip_prefix(cue).is_some_and(|rest| {
                let mut chars = rest.chars();
                match chars.next() {
                    Some(',' | '(') => true,
                    Some('-' | '—' | '–') => chars.next() == Some(' '),
                    Some(' ') => chars
                        .next()
                        .is_some_and(|c| c.is_uppercase() || "-—–(".contains(c)),
                    _ => false,
                }
            }),
        };
        if hit {
            Currency::from_code(code).map(|c| (c, rule))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_and_issuers_decide_and_say_why() {
        let cad = dollar_cue("OTTAWA, Nov. 20, 2026 /CNW/ - The Government of Canada today");
        assert_eq!(cad.map(|c| c.0.code()), Some("CAD"));
        assert!(cad.unwrap().1.contains("Canada"));
        let (c, rule) = dollar_cue("Ottawa, Ontario — Innovation minister").unwrap();
        assert_eq!((c.code(), rule), ("CAD", "$ read as CAD: dateline Ottawa"));
        assert_eq!(
            dollar_cue("SINGAPORE (Wire) - Chip tester").map(|c| c.0.code()),
            Some("SGD")
        );
        assert_eq!(
            dollar_cue("Sydney, 3 March — The Australian Government").map(|c| c.0.code()),
            Some("AUD")
        );
    }

    #[test]
    fn statements_and_home_listing_tags_decide() {
        let (c, rule) = dollar_cue("All figures are in Canadian dollars unless noted.").unwrap();
        assert_eq!(c.code(), "CAD");
        assert!(rule.contains("in Canadian dollars"), "{rule}");
        let (c, rule) = dollar_cue("Kraken Robotics Inc. (TSX-V: PNG) today announced").unwrap();
        assert_eq!(
            (c.code(), rule),
            ("CAD", "$ read as CAD: the issuer is listed in Canada only")
        );
        assert_eq!(
            dollar_cue("HALIFAX, Nova Scotia, Feb. 10, 2026 (GLOBE NEWSWIRE) --")
                .map(|c| c.0.code()),
            Some("CAD")
        );
        assert_eq!(
            dollar_cue("Lynas Rare Earths (ASX: LYC) said").map(|c| c.0.code()),
            Some("AUD")
        );
        assert_eq!(
            dollar_cue("ASX-listed data centre operator NEXTDC raised").map(|c| c.0.code()),
            Some("AUD")
        );
        // Listed in New York as well: its `$` may be either.
        assert!(dollar_cue("Hut 8 Corp. (Nasdaq: HUT) (TSX: HUT) today said").is_none());
    }

    #[test]
    fn a_world_wire_keeps_its_dollar_american() {
        let (c, rule) = dollar_cue("SINGAPORE, Nov 26 (Reuters) - Asian chip stocks").unwrap();
        assert_eq!(c.code(), "USD");
        assert!(rule.contains("Reuters"), "{rule}");
        let (c, _) = dollar_cue("TORONTO (Bloomberg) -- Shopify Inc. said").unwrap();
        assert_eq!(c.code(), "USD");
    }

    #[test]
    fn a_place_in_passing_is_not_a_cue() {
        assert!(dollar_cue("Micron to expand its Singapore plant").is_none());
        assert!(dollar_cue("WASHINGTON (Wire) - Ottawa and Washington agree").is_none());
        assert!(dollar_cue("Toronto-Dominion Bank raises").is_none());
        assert!(dollar_cue("Hong Kongers flock to chip stocks").is_none());
    }
}
