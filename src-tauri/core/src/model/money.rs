//! Rupees as an exact decimal with two places. Stored as integer paise, crosses IPC as a
//! decimal string ("1000.00") so no float ever touches money.
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export)]
pub struct Money(#[ts(type = "string")] Decimal);

/// The largest amount GasDesk accepts anywhere: ₹1 crore.
const MAX_PAISE: i64 = 1_000_000_000;

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn from_paise(paise: i64) -> Money {
        Money(Decimal::new(paise, 2))
    }

    pub fn from_rupees(rupees: i64) -> Money {
        Money::from_paise(rupees * 100)
    }

    /// Whole paise; amounts are always kept at two places, so this is exact.
    pub fn paise(self) -> i64 {
        let scaled = self.0 * Decimal::ONE_HUNDRED;
        i64::try_from(scaled.trunc()).unwrap_or(i64::MAX)
    }

    pub fn decimal(self) -> Decimal {
        self.0
    }

    /// Parses a positive rupee amount typed by a person: "1000", "1000.5", "1,000.00".
    pub fn parse(field: &'static str, text: &str) -> Result<Money> {
        let cleaned: String = text.trim().trim_start_matches('₹').chars().filter(|c| *c != ',').collect();
        let value: Decimal = cleaned.trim().parse().map_err(|_| Error::invalid(field, "Enter an amount in rupees, like 1000.00."))?;
        if value.is_sign_negative() {
            return Err(Error::invalid(field, "The amount cannot be negative."));
        }
        if value.scale() > 2 && value.round_dp(2) != value {
            return Err(Error::invalid(field, "Use at most two decimal places (paise)."));
        }
        let money = Money::from_paise(i64::try_from((value * Decimal::ONE_HUNDRED).trunc()).unwrap_or(i64::MAX));
        if money.paise() > MAX_PAISE {
            return Err(Error::invalid(field, "That amount is too large."));
        }
        Ok(money)
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
