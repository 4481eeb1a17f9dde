//! Rupees as an exact decimal with two places. Stored as integer paise, crosses IPC as a
//! decimal string ("1000.00") so no float ever touches money.
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
use ts_rs::TS;

// Only `from_paise` and the strict parsers below make one, so the value always has exactly two
// places and fits in paise: `paise()` can never overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, TS)]
#[serde(transparent)]
#[ts(export)]
pub struct Money(#[ts(type = "string")] Decimal);

/// Why a text is not an amount, in the words a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotAnAmount {
    Malformed,
    Negative,
    TooPrecise,
    TooLarge,
}

impl NotAnAmount {
    fn message(self) -> &'static str {
        match self {
            NotAnAmount::Malformed => "Enter an amount in rupees, like 1000.00.",
            NotAnAmount::Negative => "The amount cannot be negative.",
            NotAnAmount::TooPrecise => "Use at most two decimal places (paise).",
            NotAnAmount::TooLarge => "That amount is too large.",
        }
    }
}

/// Paise from plain decimal text: digits, then optionally a point and one or two digits.
/// No sign, exponent ("7.9e28"), spaces or grouping; a third decimal ("10.009") is refused,
/// never rounded or cut; anything over ₹1 crore is refused before any arithmetic.
fn plain_paise(text: &str) -> std::result::Result<i64, NotAnAmount> {
    if text.starts_with('-') {
        return Err(NotAnAmount::Negative);
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || (text.contains('.') && fraction.is_empty()) {
        return Err(NotAnAmount::Malformed);
    }
    if fraction.len() > 2 {
        return Err(NotAnAmount::TooPrecise);
    }
    let whole = whole.trim_start_matches('0');
    // ₹1 crore has 8 digits: anything longer is too large without parsing it.
    if whole.len() > 8 {
        return Err(NotAnAmount::TooLarge);
    }
    let rupees: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| NotAnAmount::Malformed)? };
    let paise_part: i64 = format!("{fraction:0<2}").parse().map_err(|_| NotAnAmount::Malformed)?;
    let paise = rupees.checked_mul(100).and_then(|p| p.checked_add(paise_part)).ok_or(NotAnAmount::TooLarge)?;
    if paise > MAX_PAISE {
        return Err(NotAnAmount::TooLarge);
    }
    Ok(paise)
}

impl<'de> Deserialize<'de> for Money {
    /// Money arriving over IPC goes through the same strict rules as money a person types:
    /// a decimal string such as "1000.00", never a number, an exponent or a third decimal.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        plain_paise(&text).map(Money::from_paise).map_err(|e| serde::de::Error::custom(e.message()))
    }
}

/// The largest amount GasDesk accepts anywhere: ₹1 crore.
const MAX_PAISE: i64 = 1_000_000_000;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_paise(paise: i64) -> Money {
        Money(Decimal::new(paise, 2))
    }

    /// Whole rupees; saturates rather than overflows (only tests and constants use it).
    pub fn from_rupees(rupees: i64) -> Money {
        Money::from_paise(rupees.saturating_mul(100))
    }

    /// Whole paise; amounts are always kept at two places, so this is exact. Checked all the
    /// same: a `Money` can only come from paise or the strict parsers, but no input may panic.
    pub fn paise(self) -> i64 {
        self.0.checked_mul(Decimal::ONE_HUNDRED).and_then(|scaled| i64::try_from(scaled.trunc()).ok()).unwrap_or(i64::MAX)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Parses a positive rupee amount typed by a person: "1000", "1000.5", "1,000.00".
    pub fn parse(field: &'static str, text: &str) -> Result<Money> {
        let cleaned: String = text.trim().trim_start_matches('₹').chars().filter(|c| *c != ',').collect();
        plain_paise(cleaned.trim()).map(Money::from_paise).map_err(|e| Error::invalid(field, e.message()))
    }
}

impl std::fmt::Display for Money {
    /// Indian grouping: ₹1,00,000.00.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let paise = self.paise();
        let sign = if paise < 0 { "-" } else { "" };
        let abs = paise.unsigned_abs();
        let rupees = (abs / 100).to_string();
        let grouped = if rupees.len() <= 3 {
            rupees
        } else {
            let (head, last3) = rupees.split_at(rupees.len() - 3);
            let mut parts: Vec<&str> = Vec::new();
            let mut rest = head;
            while rest.len() > 2 {
                let (a, b) = rest.split_at(rest.len() - 2);
                parts.push(b);
                rest = a;
            }
            parts.push(rest);
            parts.reverse();
            format!("{},{}", parts.join(","), last3)
        };
        write!(f, "{sign}₹{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_rupees_the_indian_way() {
        assert_eq!(Money::from_rupees(1000).to_string(), "₹1,000.00");
        assert_eq!(Money::from_rupees(100_000).to_string(), "₹1,00,000.00");
        assert_eq!(Money::from_paise(1_234_567_850).to_string(), "₹1,23,45,678.50");
        assert_eq!(Money::from_paise(5).to_string(), "₹0.05");
        assert_eq!(Money::from_paise(-100_000).to_string(), "-₹1,000.00");
    }

    #[test]
    fn parses_what_people_type_and_refuses_the_rest() {
        assert_eq!(Money::parse("price", "1000").unwrap().paise(), 100_000);
        assert_eq!(Money::parse("price", "₹1,000.50").unwrap().paise(), 100_050);
        assert!(Money::parse("price", "-5").is_err());
        assert!(Money::parse("price", "1.005").is_err());
        assert!(Money::parse("price", "abc").is_err());
        assert!(Money::parse("price", "1e9999").is_err());
        assert!(Money::parse("price", "99999999999").is_err());
    }

    #[test]
    fn crosses_ipc_as_a_two_place_string() {
        assert_eq!(serde_json::to_string(&Money::from_rupees(1000)).unwrap(), "\"1000.00\"");
    }
}
