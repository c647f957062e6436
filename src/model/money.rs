//! Amounts of money as the sources state them.
//!
//! aipx never converts currencies itself: it keeps the amount in its own
//! currency and, beside it, the US dollar figure the source printed, if any.

use std::fmt;

/// An ISO 4217 currency code that aipx knows how to display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(&'static str);

impl serde::Serialize for Currency {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> serde::Deserialize<'de> for Currency {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        Currency::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown currency {code:?}")))
    }
}

/// Codes and display symbols; the symbol is what traders expect in compact form.
const CURRENCIES: &[(&str, &str)] = &[
    ("USD", "$"),
    ("JPY", "¥"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("KRW", "₩"),
    ("TWD", "NT$"),
    ("INR", "₹"),
    ("CNY", "CN¥"),
    ("HKD", "HK$"),
    ("CHF", "CHF "),
    ("CAD", "C$"),
    ("AUD", "A$"),
    ("SGD", "S$"),
    ("SEK", "SEK "),
    ("NOK", "NOK "),
    ("DKK", "DKK "),
    ("ILS", "₪"),
    ("SAR", "SAR "),
    ("AED", "AED "),
    ("QAR", "QAR "),
    ("BRL", "R$"),
    ("NZD", "NZ$"),
    ("MYR", "RM"),
];

impl Currency {
    /// US dollar.
    pub const USD: Currency = Currency("USD");
    /// Japanese yen.
    pub const JPY: Currency = Currency("JPY");

    /// Looks up an ISO 4217 code (upper case, three letters).
    pub fn from_code(code: &str) -> Option<Currency> {
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(c, _)| Currency(c))
    }

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The compact display prefix (`¥`, `$`, `NT$`, `CHF `).
    pub fn symbol(self) -> &'static str {
        CURRENCIES
            .iter()
            .find(|(c, _)| *c == self.0)
            .map(|(_, s)| *s)
            .unwrap_or(self.0)
    }

    /// Every code aipx accepts, for error messages.
    pub fn known_codes() -> impl Iterator<Item = &'static str> {
        CURRENCIES.iter().map(|(c, _)| *c)
    }
}

/// An amount in a currency, with the US dollar figure its source stated (never computed).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    /// Currency of `amount`.
    pub currency: Currency,
    /// Amount in major units (yen, dollars), non-negative and finite.
    pub amount: f64,
    /// The USD equivalent printed by the source, if it printed one.
    pub usd: Option<f64>,
}

impl Money {
    /// Builds a money value; `None` when the amount is negative or not finite.
    pub fn new(currency: Currency, amount: f64, usd: Option<f64>) -> Option<Money> {
        let ok = |v: f64| v.is_finite() && v >= 0.0;
        (ok(amount) && usd.is_none_or(ok)).then_some(Money {
            currency,
            amount,
            usd,
        })
    }

    /// The best USD figure available: the amount itself for USD, else the stated one.
    pub fn usd_value(&self) -> Option<f64> {
        if self.currency == Currency::USD {
            Some(self.amount)
        } else {
            self.usd
        }
    }
}

/// Formats an amount with a scale suffix: `1.23T`, `387.3B`, `150B`, `5.3M`, `950`.
pub fn compact_amount(amount: f64) -> String {
    const SCALES: [(f64, &str); 5] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"), (1.0, "")];
    let at = |(scale, suffix): (f64, &str)| {
        // Two decimals keep `387.3B` and `1.23T` exact; trailing zeros add nothing.
        let text = format!("{:.2}", amount / scale);
        let text = text.trim_end_matches('0').trim_end_matches('.');
        format!("{text}{suffix}")
    };
    let i = SCALES
        .iter()
        .position(|(scale, _)| amount >= *scale)
        .unwrap_or(SCALES.len() - 1);
    let text = at(SCALES[i]);
    // Rounding can carry into the next scale up (999.999B): say it in that scale.
    if i > 0 && text.starts_with("1000") {
        at(SCALES[i - 1])
    } else {
        text
    }
}

impl fmt::Display for Money {
    /// Compact form: `¥1.23T ($7.9B)`, `$1B`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}{}",
            self.currency.symbol(),
            compact_amount(self.amount)
        )?;
        if let (Some(usd), false) = (self.usd, self.currency == Currency::USD) {
            write!(f, " (${})", compact_amount(usd))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yen(amount: f64, usd: Option<f64>) -> Money {
        Money::new(Currency::JPY, amount, usd).unwrap()
    }

    #[test]
    fn formats_compactly_with_stated_usd() {
        assert_eq!(yen(1.23e12, Some(7.9e9)).to_string(), "¥1.23T ($7.9B)");
        assert_eq!(yen(387.3e9, None).to_string(), "¥387.3B");
        assert_eq!(yen(150e9, None).to_string(), "¥150B");
        assert_eq!(yen(1e12, Some(6.34e9)).to_string(), "¥1T ($6.34B)");
        let usd = Money::new(Currency::USD, 1e9, None).unwrap();
        assert_eq!(usd.to_string(), "$1B");
        let twd = Money::new(Currency::from_code("TWD").unwrap(), 5.5e6, None).unwrap();
        assert_eq!(twd.to_string(), "NT$5.5M");
    }

    #[test]
    fn compact_amount_handles_small_and_boundary_values() {
        assert_eq!(compact_amount(0.0), "0");
        assert_eq!(compact_amount(950.0), "950");
        assert_eq!(compact_amount(1_500.0), "1.5K");
        assert_eq!(compact_amount(252.5e9), "252.5B");
        assert_eq!(compact_amount(999.999e9), "1T");
        assert_eq!(compact_amount(3.07e12), "3.07T");
    }

    #[test]
    fn rejects_negative_or_non_finite_amounts() {
        assert!(Money::new(Currency::USD, -1.0, None).is_none());
        assert!(Money::new(Currency::USD, f64::NAN, None).is_none());
        assert!(Money::new(Currency::JPY, 1.0, Some(-2.0)).is_none());
        assert!(Money::new(Currency::JPY, f64::INFINITY, None).is_none());
    }

    #[test]
    fn currency_codes_are_validated() {
        assert_eq!(Currency::from_code("JPY"), Some(Currency::JPY));
        assert_eq!(Currency::from_code("jpy"), None);
        assert_eq!(Currency::from_code("XYZ"), None);
        assert_eq!(Currency::JPY.symbol(), "¥");
    }

    #[test]
    fn usd_value_prefers_the_amount_for_dollars() {
        assert_eq!(yen(1e12, Some(6.34e9)).usd_value(), Some(6.34e9));
        assert_eq!(yen(1e12, None).usd_value(), None);
        let usd = Money::new(Currency::USD, 5.3e9, None).unwrap();
        assert_eq!(usd.usd_value(), Some(5.3e9));
    }
}
