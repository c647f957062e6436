//! Unit tests of money reading.

use super::*;

fn amounts(text: &str) -> Vec<String> {
    let t = Tokens::new(text);
    find(&t)
        .into_iter()
        .map(|a| {
            let mut s = format!("{} {}", a.money.currency.code(), a.money.amount);
            if let Some(u) = a.money.usd {
                s += &format!(" usd {u}");
            }
            if let Some(u) = a.upper {
                s += &format!(" to {u}");
            }
            if let Some(q) = a.qualifier {
                s += &format!(" [{q}]");
            }
            s + &format!(" '{}'", &text[a.start..a.end])
        })
        .collect()
}

#[test]
fn reads_symbols_words_and_scales() {
    assert_eq!(
        amounts("¥1.23 trillion"),
        ["JPY 1230000000000 '¥1.23 trillion'"]
    );
    assert_eq!(amounts("US$6.4bn"), ["USD 6400000000 'US$6.4bn'"]);
    assert_eq!(amounts("€2 billion"), ["EUR 2000000000 '€2 billion'"]);
    assert_eq!(amounts("£500m"), ["GBP 500000000 '£500m'"]);
    assert_eq!(
        amounts("₩1.5 trillion"),
        ["KRW 1500000000000 '₩1.5 trillion'"]
    );
    assert_eq!(
        amounts("NT$300 billion"),
        ["TWD 300000000000 'NT$300 billion'"]
    );
    assert_eq!(
        amounts("Rs. 76,000 crore"),
        ["INR 760000000000 'Rs. 76,000 crore'"]
    );
    assert_eq!(
        amounts("2 trillion won"),
        ["KRW 2000000000000 '2 trillion won'"]
    );
    assert_eq!(
        amounts("500 million euros"),
        ["EUR 500000000 '500 million euros'"]
    );
    assert_eq!(
        amounts("3 billion U.S. dollars"),
        ["USD 3000000000 '3 billion U.S. dollars'"]
    );
    assert_eq!(amounts("$1T"), ["USD 1000000000000 '$1T'"]);
    assert_eq!(amounts("1兆2000億円"), ["JPY 1200000000000 '1兆2000億円'"]);
    assert_eq!(amounts("3000億円"), ["JPY 300000000000 '3000億円'"]);
}

#[test]
fn keeps_pairs_ranges_and_qualifiers_together() {
    assert_eq!(
        amounts("up to ¥1 trillion ($6.34 billion) for AI"),
        ["JPY 1000000000000 usd 6340000000 [up to] 'up to ¥1 trillion ($6.34 billion)'"]
    );
    assert_eq!(
        amounts("1 trillion yen (about $6.3 billion)"),
        ["JPY 1000000000000 usd 6300000000 '1 trillion yen (about $6.3 billion)'"]
    );
    assert_eq!(
        amounts("more than $200 billion and $1-2 billion"),
        [
            "USD 200000000000 [more than] 'more than $200 billion'",
            "USD 1000000000 to 2000000000 '$1-2 billion'"
        ]
    );
    assert_eq!(
        amounts("$200 billion-plus"),
        ["USD 200000000000 [more than] '$200 billion-plus'"]
    );
    assert_eq!(
        amounts("between ¥500 billion and ¥700 billion"),
        ["JPY 500000000000 to 700000000000 'between ¥500 billion and ¥700 billion'"]
    );
    assert_eq!(
        amounts("₩10 trillion, or about $7.5 billion,"),
        ["KRW 10000000000000 usd 7500000000 '₩10 trillion, or about $7.5 billion'"]
    );
}

#[test]
fn ignores_rates_percentages_counts_and_model_names() {
    assert!(amounts("($1 = 0.90 euros)").is_empty());
    assert!(amounts("(1 USD = 150 JPY)").is_empty());
    assert!(amounts("up 50% to 26.7 percent").is_empty());
    assert!(amounts("24 companies, 500 MW, 10,000 GPUs, H100, GPT-4, 2026-2030").is_empty());
    assert!(amounts("a 1 trillion-parameter model").is_empty());
}

#[test]
fn reads_more_markets() {
    assert_eq!(amounts("RM1.2bil"), ["MYR 1200000000 'RM1.2bil'"]);
    assert_eq!(
        amounts("RM 500 million"),
        ["MYR 500000000 'RM 500 million'"]
    );
    assert_eq!(
        amounts("3 billion ringgit"),
        ["MYR 3000000000 '3 billion ringgit'"]
    );
    assert_eq!(amounts("C$2.4 billion"), ["CAD 2400000000 'C$2.4 billion'"]);
    assert_eq!(amounts("A$150mn"), ["AUD 150000000 'A$150mn'"]);
    assert_eq!(amounts("S$1bn"), ["SGD 1000000000 'S$1bn'"]);
    assert_eq!(
        amounts("HK$3.5 billion"),
        ["HKD 3500000000 'HK$3.5 billion'"]
    );
    assert_eq!(amounts("NZ$40 million"), ["NZD 40000000 'NZ$40 million'"]);
    assert_eq!(
        amounts("CAD 300 million and 2 billion Canadian dollars"),
        [
            "CAD 300000000 'CAD 300 million'",
            "CAD 2000000000 '2 billion Canadian dollars'"
        ]
    );
    assert_eq!(amounts("500亿元"), ["CNY 50000000000 '500亿元'"]);
    assert_eq!(amounts("1.2万亿元"), ["CNY 1200000000000 '1.2万亿元'"]);
    assert_eq!(amounts("RMB10bn"), ["CNY 10000000000 'RMB10bn'"]);
    assert_eq!(
        amounts("80 billion yuan"),
        ["CNY 80000000000 '80 billion yuan'"]
    );
    assert_eq!(amounts("33조 원"), ["KRW 33000000000000 '33조 원'"]);
    assert_eq!(amounts("2조2천억원"), ["KRW 2200000000000 '2조2천억원'"]);
    assert_eq!(amounts("5000억 원"), ["KRW 500000000000 '5000억 원'"]);
    assert_eq!(amounts("50억 달러"), ["USD 5000000000 '50억 달러'"]);
    assert_eq!(
        amounts("NT$1.2 trillion"),
        ["TWD 1200000000000 'NT$1.2 trillion'"]
    );
    assert_eq!(amounts("EUR 2bn"), ["EUR 2000000000 'EUR 2bn'"]);
    assert_eq!(
        amounts("2 milliards d'euros"),
        ["EUR 2000000000 '2 milliards d'euros'"]
    );
    assert_eq!(
        amounts("500 million sterling"),
        ["GBP 500000000 '500 million sterling'"]
    );
    assert_eq!(amounts("£1.5bn"), ["GBP 1500000000 '£1.5bn'"]);
}

fn flags(text: &str) -> Vec<(bool, bool)> {
    find(&Tokens::new(text))
        .into_iter()
        .map(|a| (a.per_share, a.bare_dollar))
        .collect()
}

#[test]
fn marks_share_prices_and_bare_dollars() {
    assert_eq!(flags("priced at $12.50 a share"), [(true, true)]);
    assert_eq!(flags("shares closed at RM3.45, up 4%"), [(true, false)]);
    assert_eq!(flags("a target price of S$2.10"), [(true, false)]);
    assert_eq!(flags("HK$50 per share"), [(true, false)]);
    assert_eq!(flags("Inari rose 5 sen to RM2.80"), [(true, false)]);
    assert_eq!(flags("revenue rose to RM2.8 billion"), [(false, false)]);
    // Money spent on shares is not a share price; neither is a scaled amount.
    assert_eq!(flags("a share buyback of $2 billion"), [(false, true)]);
    assert_eq!(
        flags("sold shares worth up to $500 million"),
        [(false, true)]
    );
    assert_eq!(
        flags("US$3 billion and C$1 billion"),
        [(false, false), (false, false)]
    );
    assert_eq!(flags("$1-2 billion"), [(false, true)]);
}

#[test]
fn hyphenated_scales_are_scales() {
    assert_eq!(
        amounts("It costs $2-billion, and $500-million more, not $2-3 billion."),
        [
            "USD 2000000000 '$2-billion'",
            "USD 500000000 '$500-million'",
            "USD 2000000000 to 3000000000 '$2-3 billion'",
        ]
    );
}

#[test]
fn prices_in_sen_are_share_prices_and_moves_are_not_money() {
    let found = amounts("Aemulus shares rose 2 sen to 38 sen, and Genetec closed at 95.5 sen.");
    assert_eq!(found, ["MYR 0.38 '38 sen'", "MYR 0.955 '95.5 sen'"]);
    let t = Tokens::new("Aemulus shares rose 2 sen to 38 sen. It cost 50 sen.");
    let prices: Vec<bool> = find(&t).iter().map(|a| a.per_share).collect();
    assert_eq!(prices, [true]);
}

#[test]
fn reads_continental_decimal_commas_and_abbreviated_scales() {
    assert_eq!(
        amounts("mit 2,5 Mrd. Euro fördern"),
        ["EUR 2500000000 '2,5 Mrd. Euro'"]
    );
    assert_eq!(amounts("12,5 Mio. € für"), ["EUR 12500000 '12,5 Mio. €'"]);
    assert_eq!(
        amounts("1,250 Mrd. Euro"),
        ["EUR 1250000000 '1,250 Mrd. Euro'"]
    );
    assert_eq!(
        amounts("1,5 milliard d'euros"),
        ["EUR 1500000000 '1,5 milliard d'euros'"]
    );
    assert_eq!(amounts("20 Mrd. €"), ["EUR 20000000000 '20 Mrd. €'"]);
    // In English a comma then three digits is a thousands group.
    assert_eq!(
        amounts("1,250 billion yen"),
        ["JPY 1250000000000 '1,250 billion yen'"]
    );
    // A list of numbers is not a decimal.
    assert!(amounts("items 1,2 and 3").is_empty());
}

#[test]
fn reads_spaced_korean_units() {
    assert_eq!(
        amounts("4조 5000억 원 규모"),
        ["KRW 4500000000000 '4조 5000억 원'"]
    );
    // A number after a space without a unit of its own is not part of the amount.
    assert_eq!(amounts("33조 원 2026"), ["KRW 33000000000000 '33조 원'"]);
}

#[test]
fn pence_are_share_prices_and_nothing_else() {
    let t = Tokens::new("a final dividend of 17.2p per share");
    let a = find(&t);
    assert_eq!(a.len(), 1);
    assert!(a[0].per_share);
    assert_eq!(a[0].money.currency.code(), "GBP");
    assert!((a[0].money.amount - 0.172).abs() < 1e-9);
    let t = Tokens::new("The shares closed at 2,310p on Friday.");
    assert!(
        find(&t)
            .first()
            .is_some_and(|a| a.per_share && a.money.amount == 23.1)
    );
    assert!(amounts("streamed in 1080p to 50 viewers").is_empty());
}

#[test]
fn a_range_never_starts_at_a_bare_number_before_a_currency_sign() {
    // A bullet on the next line is not the upper end of a range.
    assert_eq!(
        amounts("paid on 14 August 2026\n- £60m investment"),
        ["GBP 60000000 '£60m'"]
    );
    assert_eq!(amounts("in 2026 - £60m"), ["GBP 60000000 '£60m'"]);
    assert_eq!(
        amounts("$1-2 billion"),
        ["USD 1000000000 to 2000000000 '$1-2 billion'"]
    );
}

#[test]
fn hyphenated_crore_and_more_spellings() {
    assert_eq!(
        amounts("a ₹10,000-crore scheme"),
        ["INR 100000000000 '₹10,000-crore'"]
    );
    assert_eq!(
        amounts("a Rs 2,000-crore plan"),
        ["INR 20000000000 'Rs 2,000-crore'"]
    );
    assert_eq!(amounts("Rmb3bn"), ["CNY 3000000000 'Rmb3bn'"]);
    assert_eq!(
        amounts("1.8 billion HK dollars"),
        ["HKD 1800000000 '1.8 billion HK dollars'"]
    );
}

#[test]
fn a_price_for_each_unit_placed_is_per_share() {
    let t = Tokens::new("a placement of 120 million units at $2.05 each");
    assert!(find(&t).first().is_some_and(|a| a.per_share));
    let t = Tokens::new("Its units closed 1.5 per cent higher at $2.10.");
    assert!(find(&t).first().is_some_and(|a| a.per_share));
}

#[test]
fn korean_hyphenated_currency_and_stated_dollars() {
    assert_eq!(
        amounts("a 4.5 trillion-won (US$3.1 billion) order"),
        ["KRW 4500000000000 usd 3100000000 '4.5 trillion-won (US$3.1 billion)'"]
    );
    assert_eq!(
        amounts("a 62.4 billion-won deal"),
        ["KRW 62400000000 '62.4 billion-won'"]
    );
    assert_eq!(
        amounts("4.5 tln-won order"),
        ["KRW 4500000000000 '4.5 tln-won'"]
    );
}

#[test]
fn a_decimal_comma_before_a_currency_or_after_a_sign() {
    assert_eq!(amounts("closed at 38,60 euros"), ["EUR 38.6 '38,60 euros'"]);
    assert_eq!(amounts("at €21,40 each"), ["EUR 21.4 '€21,40'"]);
    // English thousands keep three digits: `1,250 euros` is one thousand two hundred and fifty.
    assert_eq!(amounts("1,250 euros"), ["EUR 1250 '1,250 euros'"]);
}

fn per_share_flags(text: &str) -> Vec<bool> {
    find(&Tokens::new(text))
        .into_iter()
        .map(|a| a.per_share)
        .collect()
}

#[test]
fn prices_per_new_share_and_target_prices_without_of() {
    assert_eq!(
        per_share_flags("at a price of €21.40 per new share"),
        [true]
    );
    assert_eq!(per_share_flags("(BEL IN; target price Rs 455)"), [true]);
    assert_eq!(
        per_share_flags("The share closed at 38,60 euros, up 4.1%."),
        [true]
    );
    assert_eq!(per_share_flags("a new plant worth Rs 455 crore"), [false]);
    assert_eq!(
        per_share_flags("an interim dividend of Rs 24 per equity share"),
        [true]
    );
    assert_eq!(
        per_share_flags("Interim dividend per share: ¥92.00"),
        [true]
    );
}

#[test]
fn closing_prices_eps_and_ranges_of_them_are_per_share() {
    assert_eq!(
        per_share_flags("The closing price of the shares on 19 November was HK$38.45."),
        [true]
    );
    assert_eq!(
        per_share_flags("L'action Soitec a clôturé à 48,20 euros."),
        [true]
    );
    assert_eq!(
        per_share_flags("Die Infineon-Aktie schloss am Montag bei 41,85 Euro."),
        [true]
    );
    assert_eq!(per_share_flags("GAAP EPS of $2.27"), [true]);
    assert_eq!(
        amounts("diluted EPS in the range of $2.18 to $2.58"),
        ["USD 2.18 to 2.58 '$2.18 to $2.58'"]
    );
    // A move from one price to another is no range.
    assert_eq!(amounts("rose from $5 to $6").len(), 2);
    assert_eq!(per_share_flags("The budget was $4 billion."), [false]);
}

#[test]
fn codes_written_before_the_figure() {
    assert_eq!(
        amounts("NOK 1.2 billion"),
        ["NOK 1200000000 'NOK 1.2 billion'"]
    );
    assert_eq!(
        amounts("SAR 40 billion ($10.7 billion)"),
        ["SAR 40000000000 usd 10700000000 'SAR 40 billion ($10.7 billion)'"]
    );
    assert_eq!(amounts("AED 9 billion"), ["AED 9000000000 'AED 9 billion'"]);
    assert_eq!(amounts("QAR 2 billion"), ["QAR 2000000000 'QAR 2 billion'"]);
}
