//! ISINs (ISO 6166): their shape, their check digit, and the valid ISINs one slip of the
//! keyboard away from a mistyped one.

/// Whether `text` is shaped as an ISIN, in either case: two letters, nine letters or digits,
/// a digit.
pub fn is_shaped(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 12
        && b[..2].iter().all(u8::is_ascii_alphabetic)
        && b[2..11].iter().all(u8::is_ascii_alphanumeric)
        && b[11].is_ascii_digit()
}

/// The check digit the first eleven characters of `isin` call for (the Luhn digit of their
/// digits, a letter read as its number, `A` = 10 to `Z` = 35); `None` when it is not shaped
/// as an ISIN.
pub fn check_digit(isin: &str) -> Option<u8> {
    if !is_shaped(isin) {
        return None;
    }
    let mut digits: Vec<u32> = Vec::with_capacity(22);
    for c in isin[..11].chars() {
        let n = c.to_digit(36)?;
        if n >= 10 {
            digits.extend([n / 10, n % 10]);
        } else {
            digits.push(n);
        }
    }
    // From the right, every other digit doubled, the rightmost first.
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                d * 2 / 10 + d * 2 % 10
            } else {
                d
            }
        })
        .sum();
    Some(((10 - sum % 10) % 10) as u8)
}

/// Whether `isin` is an ISIN whose check digit is right.
pub fn is_valid(isin: &str) -> bool {
    check_digit(isin).is_some_and(|d| isin.as_bytes()[11] == b'0' + d)
}

/// Every valid ISIN one slip away from `typed` (upper case): one character another, or two
/// adjacent ones swapped; each once, in order.
pub fn one_slip_away(typed: &str) -> Vec<String> {
    let typed = typed.to_ascii_uppercase();
    if !is_shaped(&typed) {
        return Vec::new();
    }
    const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const DIGITS: &[u8] = b"0123456789";
    let mut out: Vec<String> = Vec::new();
    let mut try_one = |bytes: &[u8]| {
        if let Ok(s) = std::str::from_utf8(bytes)
            && s != typed
            && is_valid(s)
        {
            out.push(s.to_string());
        }
    };
    let b = typed.as_bytes();
    for at in 0..12 {
        let choices: &[&[u8]] = match at {
            0 | 1 => &[LETTERS],
            11 => &[DIGITS],
            _ => &[LETTERS, DIGITS],
        };
        for &c in choices.iter().flat_map(|c| c.iter()) {
            let mut other = b.to_vec();
            other[at] = c;
            try_one(&other);
        }
    }
    for at in 0..11 {
        let mut other = b.to_vec();
        other.swap(at, at + 1);
        try_one(&other);
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_digits_of_real_isins() {
        for isin in [
            "US0378331005",
            "JP3633400001",
            "KYG875721634",
            "GB00BH4HKS39",
            "US0846707026",
            "DE0007164600",
        ] {
            assert!(is_valid(isin), "{isin}");
            assert!(is_valid(&isin.to_ascii_lowercase()), "{isin}");
        }
        assert_eq!(check_digit("US0378331004"), Some(5));
        assert!(!is_valid("US0378331004"));
        assert!(!is_valid("US037833100"), "too short");
        assert!(!is_valid("1S0378331005"), "a digit where a letter goes");
    }

    #[test]
    fn a_slip_away_finds_the_isin_meant() {
        // The check digit mistyped, a character off, two swapped.
        for typed in [
            "US0378331004",
            "US0378331015",
            "US0373831005",
            "us0378331004",
        ] {
            let near = one_slip_away(typed);
            assert!(
                near.contains(&"US0378331005".to_string()),
                "{typed}: {near:?}"
            );
            assert!(near.iter().all(|n| is_valid(n)), "{near:?}");
        }
        assert!(!one_slip_away("US0378331005").contains(&"US0378331005".to_string()));
        assert!(one_slip_away("Toyota").is_empty());
    }
}
