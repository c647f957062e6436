//! Amounts of money in text: `¥1.23 trillion ($7.9B)`, `up to US$6.4bn`, `1 trillion yen`,
//! `Rs 76,000 crore`, `1兆2000億円`, `RM1.2bil`, `33조 원`, `500亿元`, `2 milliards d'euros`,
//! ranges and stated-dollar pairs. Exchange rates, percentages and numbers without a currency
//! are not money. A bare `$` is marked so the article's context can say whose dollar it is,
//! and a share price (`RM3.45 a share`) is marked so it is never taken for program money.

mod context;
#[cfg(test)]
mod tests;

pub use context::{dollar_cue, dollar_statement};

use super::scan::{Kind, Tokens};
use crate::model::{Currency, Money};

/// One amount found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Byte offset of the start (the qualifier, if any).
    pub start: usize,
    /// Byte offset after the end (the stated-dollar pair, if any).
    pub end: usize,
    /// The amount, with the US dollar figure the text states beside it.
    pub money: Money,
    /// Upper end of a range (`$1-2 billion`), in the same currency.
    pub upper: Option<f64>,
    /// `up to`, `more than`, `at least`, `about` or `less than`, as the text qualifies it.
    pub qualifier: Option<&'static str>,
    /// A price per share (`$12.50 a share`, `shares closed at RM3.45`), not an amount spent.
    pub per_share: bool,
    /// Written with a bare `$` (no `US$`, `C$`, `USD`): read as US dollars unless the
    /// article's context says otherwise.
    pub bare_dollar: bool,
}

/// A currency amount without range or pair: tokens `first..=last`.
#[derive(Debug, Clone, Copy)]
struct Simple {
    first: usize,
    last: usize,
    currency: Option<Currency>,
    value: f64,
    scaled: bool,
    /// Product of the scale words (`billion` = 1e9).
    mult: f64,
    plus: bool,
    /// Currency from a bare `$`.
    bare: bool,
    /// Written in a hundredth of the currency: Malaysian sen (`38 sen`) or British pence
    /// (`17.2p`, `2,310 pence`).
    minor: bool,
}

fn cur(code: &str) -> Option<Currency> {
    Currency::from_code(code)
}

/// Currency codes and abbreviations written before or after a number.
fn code_word(w: &str) -> Option<Currency> {
    match w {
        "USD" => cur("USD"),
        "JPY" => cur("JPY"),
        "EUR" => cur("EUR"),
        "GBP" => cur("GBP"),
        "KRW" => cur("KRW"),
        "TWD" | "NTD" => cur("TWD"),
        "INR" | "Rs" | "RS" => cur("INR"),
        "CNY" | "RMB" | "Rmb" => cur("CNY"),
        "HKD" => cur("HKD"),
        "CHF" => cur("CHF"),
        "CAD" => cur("CAD"),
        "AUD" => cur("AUD"),
        "SGD" => cur("SGD"),
        "NZD" => cur("NZD"),
        "MYR" | "RM" => cur("MYR"),
        // Nordic and Gulf releases write the code before the figure (`NOK 1.2 billion`,
        // `SAR 40 billion`).
        "SEK" => cur("SEK"),
        "NOK" => cur("NOK"),
        "DKK" => cur("DKK"),
        "ILS" | "NIS" => cur("ILS"),
        "SAR" => cur("SAR"),
        "AED" => cur("AED"),
        "QAR" => cur("QAR"),
        "BRL" => cur("BRL"),
        _ => None,
    }
}

/// Scale words after a number; single letters only glued to it (`$6B`, `$5m`).
fn scale(t: &Tokens, i: usize) -> Option<f64> {
    let w = t.s(i);
    if t.kind(i) != Kind::Word {
        return None;
    }
    let glued = t.glued(i);
    let word = match t.lower(i).as_str() {
        "thousand" | "thousands" => Some(1e3),
        // `mil`/`bil` as Malaysian papers write them (`RM1.2bil`).
        "million" | "millions" | "mln" | "mn" | "mil" | "mio" | "millionen" | "miljoen" => {
            Some(1e6)
        }
        "billion" | "billions" | "bln" | "bn" | "bil" | "milliard" | "milliards" | "mrd" | "md"
        | "mds" | "mld" | "milliarden" | "miljard" => Some(1e9),
        "trillion" | "trillions" | "tn" | "trn" | "tln" => Some(1e12),
        "crore" | "crores" | "cr" => Some(1e7),
        "lakh" | "lakhs" => Some(1e5),
        _ => None,
    };
    word.or(match (w, glued) {
        ("k" | "K", true) => Some(1e3),
        ("m" | "M", true) => Some(1e6),
        ("b" | "B", true) => Some(1e9),
        ("T", true) => Some(1e12),
        _ => None,
    })
}

/// Currency words after an amount (`yen`, `U.S. dollars`); returns the currency and the last
/// token used.
fn currency_after(t: &Tokens, i: usize) -> Option<(Currency, usize)> {
    let w = t.lower(i);
    let single = match w.as_str() {
        "yen" => cur("JPY"),
        "euro" | "euros" | "€" => cur("EUR"),
        "won" => cur("KRW"),
        "rupee" | "rupees" => cur("INR"),
        "yuan" | "renminbi" => cur("CNY"),
        "pound" | "pounds" | "sterling" => cur("GBP"),
        "ringgit" => cur("MYR"),
        "francs" => cur("CHF"),
        "dollar" | "dollars" => cur("USD"),
        _ if t.kind(i) == Kind::Word => code_word(t.s(i)),
        _ => None,
    };
    if let Some(c) = single {
        return Some((c, i));
    }
    // French: `2 milliards d'euros`.
    if t.is(i, "d")
        && matches!(t.sym(i + 1), Some('\'' | '’'))
        && t.is_any(i + 2, &["euros", "euro"])
    {
        return Some((cur("EUR")?, i + 2));
    }
    // Country adjective, then the currency word: `Taiwan dollars`, `U.S. dollars`.
    let mut j = i;
    if t.is_any(j, &["U"])
        && t.sym(j + 1) == Some('.')
        && t.is(j + 2, "S")
        && t.sym(j + 3) == Some('.')
    {
        j += 4;
    } else if t.is_any(j, &["new"]) && t.is_any(j + 1, &["Taiwan", "Zealand"])
        || t.is(j, "Hong") && t.is(j + 1, "Kong")
    {
        j += 2;
    } else {
        j += 1;
    }
    let country = t.lower(i);
    let code = match (country.as_str(), t.lower(j).as_str()) {
        ("u" | "us" | "american", "dollar" | "dollars") => "USD",
        ("new", "dollar" | "dollars") if t.is(i + 1, "Zealand") => "NZD",
        ("taiwan" | "nt" | "new", "dollar" | "dollars") => "TWD",
        ("canadian", "dollar" | "dollars") => "CAD",
        ("australian", "dollar" | "dollars") => "AUD",
        ("singapore", "dollar" | "dollars") => "SGD",
        ("malaysian", "ringgit") => "MYR",
        ("hong" | "hk", "dollar" | "dollars") => "HKD",
        ("japanese", "yen") => "JPY",
        ("korean", "won") => "KRW",
        ("indian", "rupees" | "rupee") => "INR",
        ("chinese", "yuan") => "CNY",
        ("swiss", "francs") => "CHF",
        _ => return None,
    };
    Some((cur(code)?, j))
}

/// Currency written before the number at token `n`: returns it, the first token and whether
/// it was a bare `$`.
fn currency_before(t: &Tokens, n: usize) -> Option<(Currency, usize, bool)> {
    let mut p = n.checked_sub(1)?;
    // `$ 1 billion` and `USD 1.5 billion` may have a space; `Rs. 500` a full stop.
    if let Some(c) = t.sym(p) {
        let code = match c {
            '$' => {
                let before = p
                    .checked_sub(1)
                    .filter(|&b| t.glued(p) && t.kind(b) == Kind::Word);
                match before.map(|b| t.s(b)) {
                    Some("US" | "U" | "USD") => Some(("USD", 1)),
                    Some("NT") => Some(("TWD", 1)),
                    Some("HK") => Some(("HKD", 1)),
                    Some("C" | "CA") => Some(("CAD", 1)),
                    Some("A" | "AU") => Some(("AUD", 1)),
                    Some("S" | "SG") => Some(("SGD", 1)),
                    Some("NZ") => Some(("NZD", 1)),
                    Some("R") => Some(("BRL", 1)),
                    _ if p >= 4 && t.sym(p - 1) == Some('.') && t.is(p - 2, "S") => {
                        Some(("USD", 4))
                    }
                    _ => Some(("$", 0)),
                }
            }
            '¥' | '￥' => match p.checked_sub(1).map(|b| t.s(b)) {
                Some("CN" | "RMB") if t.glued(p) => Some(("CNY", 1)),
                _ => Some(("JPY", 0)),
            },
            '€' => Some(("EUR", 0)),
            '£' => Some(("GBP", 0)),
            '₩' => Some(("KRW", 0)),
            '₹' => Some(("INR", 0)),
            '.' if p > 0 && t.is(p - 1, "Rs") => Some(("INR", 1)),
            _ => None,
        };
        let (code, back) = code?;
        p -= back;
        if code == "$" {
            return Some((Currency::USD, p, true));
        }
        return Some((cur(code)?, p, false));
    }
    if t.kind(p) == Kind::Word {
        return code_word(t.s(p)).map(|c| (c, p, false));
    }
    None
}

/// Japanese, Chinese and Korean units glued to a number: `1兆2000億円`, `3000万円`,
/// `50億ドル`, `1.2万亿元`, `500亿元`, `33조 원`, `2천억 원`, `50억 달러`.
fn cjk(t: &Tokens, n: usize, first_value: f64) -> Option<(f64, Currency, usize)> {
    let mut value = 0.0;
    let mut part = first_value;
    let mut i = n + 1;
    loop {
        // `천` (thousand) multiplies the part before a larger unit: `2천억` is 2000억.
        if t.sym(i) == Some('천') && t.glued(i) {
            part *= 1e3;
            i += 1;
        }
        let unit = match t.sym(i) {
            Some('兆' | '조') => 1e12,
            Some('万' | '萬') if matches!(t.sym(i + 1), Some('亿' | '億')) => {
                i += 1;
                1e12
            }
            Some('億' | '亿' | '억') => 1e8,
            Some('万' | '萬' | '만') => 1e4,
            _ => break,
        };
        if !t.glued(i) {
            break;
        }
        value += part * unit;
        part = 0.0;
        i += 1;
        // Korean papers space the parts: `4조 5000억 원`.
        let spaced_part = || {
            t.glued(i + 1)
                && matches!(
                    t.sym(i + 1),
                    Some('億' | '亿' | '억' | '万' | '萬' | '만' | '천')
                )
        };
        match t.number(i) {
            Some(v) if t.glued(i) || spaced_part() => {
                part = v;
                i += 1;
            }
            _ => break,
        }
    }
    value += part;
    let currency = match t.sym(i) {
        Some('円') => cur("JPY"),
        Some('元') => cur("CNY"),
        Some('원') => cur("KRW"),
        Some('ド') if t.sym(i + 1) == Some('ル') => {
            i += 1;
            cur("USD")
        }
        Some('달') if t.sym(i + 1) == Some('러') => {
            i += 1;
            cur("USD")
        }
        _ => None,
    }?;
    Some((value, currency, i))
}

/// An amount at number token `n`, with whatever currency and scale surround it.
fn simple(t: &Tokens, n: usize) -> Option<Simple> {
    let value = t.number(n)?;
    // Model names and codes (`H100`, `GPT-4`) are not amounts.
    if n > 0 && t.glued(n) && t.kind(n - 1) == Kind::Word && code_word(t.s(n - 1)).is_none() {
        return None;
    }
    if matches!(t.sym(n + 1), Some('%' | '％'))
        || t.is_any(n + 1, &["percent", "pct", "percentage"])
    {
        return None;
    }
    if let Some((value, currency, last)) = cjk(t, n, value) {
        return Some(Simple {
            first: n,
            last,
            currency: Some(currency),
            value,
            scaled: true,
            mult: 1.0,
            plus: false,
            bare: false,
            minor: false,
        });
    }
    let before = currency_before(t, n);
    let mut s = Simple {
        first: before.map_or(n, |b| b.1),
        last: n,
        currency: before.map(|b| b.0),
        value,
        scaled: false,
        mult: 1.0,
        plus: false,
        bare: before.is_some_and(|b| b.2),
        minor: false,
    };
    let mut i = n + 1;
    // A continental decimal comma before a scale word: `2,5 Mrd. Euro`, `1,250 Mrd.`,
    // `12,5 Mio. €`, `1,5 milliard d'euros` (English writes `2.5 billion`).
    if let Some((v, last)) = decimal_comma(t, n) {
        s.value = v;
        s.last = last;
        i = last + 1;
    }
    // Canadian and Indian papers hyphenate the scale: `$2-billion`, `₹10,000-crore`.
    if t.sym(i) == Some('-')
        && t.glued(i)
        && t.glued(i + 1)
        && t.is_any(i + 1, &["million", "billion", "trillion", "crore", "lakh"])
    {
        i += 1;
    }
    while let Some(k) = scale(t, i) {
        s.value *= k;
        s.mult *= k;
        s.scaled = true;
        s.last = i;
        i += 1;
    }
    // Korean wires hyphenate the currency: `4.5 trillion-won`, `62.4 billion-won`.
    if s.scaled
        && t.sym(i) == Some('-')
        && t.glued(i)
        && t.glued(i + 1)
        && currency_after(t, i + 1).is_some()
    {
        i += 1;
    }
    // The full stop of an abbreviated scale before the currency: `2,5 Mrd. Euro`, `Mio. €`.
    if s.scaled
        && t.sym(i) == Some('.')
        && t.glued(i)
        && t.is_any(
            i - 1,
            &["Mrd", "Mio", "Mln", "Bln", "Md", "Mld", "mrd", "mio"],
        )
        && currency_after(t, i + 1).is_some()
    {
        i += 1;
    }
    if t.glued(i) && (t.sym(i) == Some('+') || t.sym(i) == Some('-') && t.is(i + 1, "plus")) {
        s.plus = true;
        s.last = if t.sym(i) == Some('+') { i } else { i + 1 };
        i = s.last + 1;
    }
    if s.currency.is_none()
        && let Some((c, last)) = currency_after(t, i)
    {
        s.currency = Some(c);
        s.last = last;
    } else if s.currency.is_none() && !s.scaled {
        let minor = if t.is(i, "sen") {
            cur("MYR")
        } else if t.is(i, "pence") || t.is(i, "p") && t.glued(i) && !t.glued(i + 1) {
            cur("GBP")
        } else {
            None
        };
        if minor.is_some() {
            s.currency = minor;
            s.value /= 100.0;
            s.minor = true;
            s.last = i;
        }
    }
    Some(s)
}

/// A number written with a decimal comma at token `n`, when a continental scale word follows
/// (`2,5 Mrd.`, `1,250 Mrd.`, `12,5 Mio.`): the value and its last token. A comma then
/// three digits is a thousands group in English (`1,250 billion`), so it is read as a
/// decimal comma only before a continental scale.
fn decimal_comma(t: &Tokens, n: usize) -> Option<(f64, usize)> {
    const CONTINENTAL: &[&str] = &[
        "mrd",
        "mio",
        "md",
        "mds",
        "mld",
        "milliard",
        "milliards",
        "milliarden",
        "miljard",
    ];
    let continental =
        |k: usize| t.kind(k) == Kind::Word && CONTINENTAL.contains(&t.lower(k).as_str());
    let whole = t.s(n);
    if !whole.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    // `2,5`: the tokenizer leaves a comma before fewer than three digits out of the number.
    // English never groups fewer than three digits, so before a scale, before a currency
    // word (`38,60 euros`) or after a currency sign (`€21,40`) it is a decimal comma.
    if !whole.contains(',')
        && t.sym(n + 1) == Some(',')
        && t.glued(n + 1)
        && t.glued(n + 2)
        && t.kind(n + 2) == Kind::Num
        && t.s(n + 2).bytes().all(|b| b.is_ascii_digit())
        && (scale(t, n + 3).is_some()
            || t.s(n + 2).len() <= 2
                && !(t.glued(n + 3) && t.sym(n + 3) == Some(','))
                && (currency_after(t, n + 3).is_some() || currency_before(t, n).is_some()))
    {
        let v: f64 = format!("{whole}.{}", t.s(n + 2)).parse().ok()?;
        return Some((v, n + 2));
    }
    // `1,250 Mrd.`: one comma, read as the decimal sign before a continental scale.
    if whole.matches(',').count() == 1 && continental(n + 1) {
        return Some((whole.replace(',', ".").parse().ok()?, n));
    }
    None
}

/// Qualifier words ending right before token `first`: the canonical word and the first token.
fn qualifier(t: &Tokens, first: usize) -> Option<(&'static str, usize)> {
    const PHRASES: &[(&[&str], &str)] = &[
        (&["up", "to"], "up to"),
        (&["as", "much", "as"], "up to"),
        (&["more", "than"], "more than"),
        (&["in", "excess", "of"], "more than"),
        (&["over"], "more than"),
        (&["exceeding"], "more than"),
        (&["at", "least"], "at least"),
        (&["less", "than"], "less than"),
        (&["under"], "less than"),
        (&["about"], "about"),
        (&["around"], "about"),
        (&["approximately"], "about"),
        (&["roughly"], "about"),
        (&["nearly"], "about"),
        (&["almost"], "about"),
        (&["some"], "about"),
        (&["an", "estimated"], "about"),
    ];
    PHRASES.iter().find_map(|(words, canon)| {
        let start = first.checked_sub(words.len())?;
        words
            .iter()
            .enumerate()
            .all(|(k, w)| t.is(start + k, w))
            .then_some((*canon, start))
    })
}

/// Whether the amount at tokens `first..=last` is a price per share: `$12.50 a share`,
/// `RM3.45 per share`, `shares closed at HK$50`, `a target price of S$2.10`.
fn per_share(t: &Tokens, first: usize, last: usize) -> bool {
    let after = last + 1;
    const UNIT: &[&str] = &["share", "unit", "ADR", "ADS"];
    if t.is_any(after, &["per", "a"])
        && (t.is_any(after + 1, UNIT)
            || t.is_any(
                after + 1,
                &["new", "ordinary", "common", "existing", "equity"],
            ) && t.is_any(after + 2, UNIT))
        || t.sym(after) == Some('/') && t.is(after + 1, "share")
    {
        return true;
    }
    // `target price Rs 455`, `(BEL IN; target price Rs 455)`: the price named right before.
    const PRICE_OF: &[&str] = &[
        "target",
        "offer",
        "issue",
        "share",
        "closing",
        "IPO",
        "subscription",
        "exercise",
        "placement",
        "placing",
    ];
    if first >= 2 && t.is(first - 1, "price") && t.is_any(first - 2, PRICE_OF) {
        return true;
    }
    // A heading that says what the figure is: `Interim dividend per share: ¥92.00`.
    if first >= 3
        && t.sym(first - 1) == Some(':')
        && t.is_any(first - 2, UNIT)
        && t.is(first - 3, "per")
    {
        return true;
    }
    // `120 million units at $2.05 each`: a price for each share or unit placed.
    if t.is(after, "each") && first > 0 && t.is(first - 1, "at") {
        return true;
    }
    // A price phrase or a share move ending in `at`/`to`/`of` right before the amount (in
    // French and German wires `à`, `bei`), or a price that `was` it.
    if first == 0
        || !t.is_any(
            first - 1,
            &["at", "to", "of", "from", "à", "bei", "was", "is"],
        )
    {
        return false;
    }
    if t.is_any(first - 1, &["was", "is"]) {
        let lo = first.saturating_sub(12);
        return (lo..first - 1).any(|k| t.is(k, "price") && t.is_any(k.wrapping_sub(1), PRICE_OF));
    }
    // A price move or close: `ended the day at RM4.05`, `closed at $1.42`, `rose 5 sen to
    // RM2.80`, `fell to HK$41.20`.
    let moves: &[&str] = &[
        "closed",
        "ended",
        "finished",
        "traded",
        "settled",
        "opened",
        "rose",
        "fell",
        "gained",
        "climbed",
        "dropped",
        "slipped",
        "jumped",
        "surged",
        "tumbled",
        "declined",
        "eased",
        "slid",
        "rallied",
        "added",
        "lost",
        "advanced",
        "clôturé",
        "terminé",
        "fini",
        "schloss",
        "notierte",
        "stieg",
        "fiel",
    ];
    if t.is_any(first - 1, &["at", "to", "à", "bei"])
        && (first.saturating_sub(5)..first - 1).any(|k| t.is_any(k, moves))
    {
        return true;
    }
    let lo = first.saturating_sub(10);
    (lo..first - 1).any(|k| {
        // Earnings per share (`EPS of $2.27`) and the share of French and German wires.
        t.is_any(
            k,
            &[
                "share", "shares", "stock", "units", "EPS", "action", "actions", "Aktie", "Aktien",
            ],
        ) && !t.is_any(
            k + 1,
            &["buyback", "buybacks", "repurchase", "sale", "sales"],
        ) || t.is(k, "price") && t.is_any(k.wrapping_sub(1), PRICE_OF)
            || t.is(k, "target") && t.is(k.wrapping_sub(1), "price")
            || t.is_any(k, &["priced"])
    })
}

fn is_dash(t: &Tokens, i: usize) -> bool {
    matches!(t.sym(i), Some('-' | '–' | '—' | '~' | '〜'))
}

/// Every amount of money in a paragraph.
pub fn find(t: &Tokens) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t.kind(i) != Kind::Num {
            i += 1;
            continue;
        }
        let Some(mut a) = simple(t, i) else {
            i += 1;
            continue;
        };
        let mut upper = None;
        // A range: `$1-2 billion`, `1 to 1.5 trillion yen`, `¥500 billion-¥700 billion`.
        let sep = a.last + 1;
        let between = a.first > 0 && t.is(a.first - 1, "between");
        if is_dash(t, sep) || t.is(sep, "to") || between && t.is(sep, "and") {
            let bn = (sep + 1..sep + 5).find(|&k| t.kind(k) == Kind::Num);
            // Not across a line (`... 2026` then a bullet `- £60m`), and not from a bare
            // number to an amount with its own sign before it (`2026 - £60m`).
            let b = bn
                .and_then(|k| simple(t, k))
                .filter(|b| b.first == sep + 1 && !t.toks[sep].newline)
                .filter(|b| a.currency.is_some() || bn == Some(b.first));
            if let Some(b) = b.filter(|b| b.currency.is_some() || a.currency.is_some()) {
                let same = a.currency.is_none() || b.currency.is_none() || a.currency == b.currency;
                // Unscaled amounts make a range only where the text says so (`between $5 and
                // $6`, `in the range of $2.18 to $2.58`), not in a move (`from $5 to $6`).
                let range_of =
                    a.first >= 2 && t.is(a.first - 1, "of") && t.is(a.first - 2, "range");
                if same && (a.scaled || b.scaled || between || range_of) {
                    if !a.scaled {
                        a.value *= b.mult;
                    }
                    if a.currency.is_none() {
                        a.bare = b.bare;
                    }
                    a.currency = a.currency.or(b.currency);
                    upper = Some(b.value);
                    a.last = b.last;
                }
            }
        }
        let Some(currency) = a.currency else {
            i += 1;
            continue;
        };
        // Exchange-rate notes (`$1 = 0.90 euros`) are not amounts, on either side.
        if t.sym(a.last + 1) == Some('=') || a.first > 0 && t.sym(a.first - 1) == Some('=') {
            i = a.last + 3;
            continue;
        }
        let (mut qual, mut start_tok) = match qualifier(t, a.first) {
            Some((q, s)) => (Some(q), s),
            None => (None, a.first),
        };
        if a.plus {
            qual = Some("more than");
        }
        if t.is(start_tok.wrapping_sub(1), "between") && upper.is_some() {
            start_tok -= 1;
        }
        let (usd, end_tok) = pair(t, a.last, currency);
        let end_tok = end_tok.unwrap_or(a.last);
        // A price in sen or pence (`closed at 38 sen`, `17.2p per share`) is a share price;
        // a move (`rose 2 sen`) or anything else (`1080p`) is not an amount at all.
        if a.minor && !per_share(t, start_tok, end_tok) {
            i = end_tok + 1;
            continue;
        }
        if let Some(money) =
            Money::new(currency, a.value, usd.filter(|_| currency != Currency::USD))
            && upper.is_none_or(|u| u.is_finite())
        {
            out.push(Amount {
                start: t.toks[start_tok].start,
                end: t.toks[end_tok].end,
                money,
                upper,
                qualifier: qual,
                per_share: !a.scaled && per_share(t, start_tok, end_tok),
                bare_dollar: a.bare,
            });
        }
        i = end_tok + 1;
    }
    out
}

/// A stated equivalent after an amount ending at `last`: `(about $6.34 billion)` or
/// `, or $6.3 billion`. Returns the dollar value (when it is in dollars) and the last token.
fn pair(t: &Tokens, last: usize, currency: Currency) -> (Option<f64>, Option<usize>) {
    let mut i = last + 1;
    let paren = t.sym(i) == Some('(');
    let comma_or = t.sym(i) == Some(',') && t.is(i + 1, "or");
    if !paren && !comma_or {
        return (None, None);
    }
    i += if paren { 1 } else { 2 };
    while t.kind(i) == Kind::Word && code_word(t.s(i)).is_none() && !t.is_any(i, &["US", "U"]) {
        i += 1;
        if i > last + 5 {
            return (None, None);
        }
    }
    let num = (i..i + 4).find(|&k| t.kind(k) == Kind::Num);
    let Some(b) = num
        .and_then(|k| simple(t, k))
        .filter(|b| b.currency.is_some() && b.first == i)
    else {
        return (None, None);
    };
    let mut end = b.last;
    if paren {
        match (b.last + 1..b.last + 9).find(|&k| t.sym(k) == Some(')') || t.kind(k) == Kind::Num) {
            Some(k) if t.sym(k) == Some(')') => end = k,
            _ => return (None, None),
        }
    }
    let usd = (b.currency == Some(Currency::USD) && currency != Currency::USD).then_some(b.value);
    (usd, Some(end))
}
