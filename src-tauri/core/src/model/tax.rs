//! GST arithmetic, financial years and test-due stamps: plain functions on integers and dates,
//! exact to the paisa (no floats, no database).
use chrono::{Datelike, FixedOffset, NaiveDate};

/// India Standard Time: the agency's calendar (financial years, refill dates, test dates).
/// India has one time zone and no daylight saving, so a fixed offset is exact.
pub fn india() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

/// The local calendar date in India of a stored UTC time.
pub fn india_date(at: super::Timestamp) -> NaiveDate {
    at.with_timezone(&india()).date_naive()
}

/// The parts of a GST-inclusive price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaxSplit {
    pub taxable_paise: i64,
    pub cgst_paise: i64,
    pub sgst_paise: i64,
}

/// Works the taxable value back from an inclusive price, then halves the tax into CGST and
/// SGST (an intra-state sale). Each part is rounded half up to the paisa, and SGST takes what
/// is left, so taxable + CGST + SGST is exactly the price, never a paisa off.
pub fn split_inclusive(price_paise: i64, gst_rate_basis_points: i64) -> TaxSplit {
    let price = i128::from(price_paise.max(0));
    let divisor = 10_000 + i128::from(gst_rate_basis_points.max(0));
    // round(price × 10000 / divisor), half up, in integers.
    let taxable = (price * 10_000 * 2 + divisor) / (divisor * 2);
    let tax = price - taxable;
    let cgst = (tax + 1) / 2;
    let sgst = tax - cgst;
    let narrow = |v: i128| i64::try_from(v).unwrap_or(i64::MAX);
    TaxSplit { taxable_paise: narrow(taxable), cgst_paise: narrow(cgst), sgst_paise: narrow(sgst) }
}

/// The GST rate as people write it: 500 basis points → "5", 1250 → "12.5".
pub fn rate_percent(basis_points: i64) -> String {
    rust_decimal::Decimal::new(basis_points, 2).normalize().to_string()
}

/// Half a GST rate (the CGST or SGST rate) as people write it: 500 → "2.5", 1800 → "9",
/// 1801 → "9.005".
pub fn half_rate_percent(basis_points: i64) -> String {
    (rust_decimal::Decimal::new(basis_points, 2) / rust_decimal::Decimal::TWO).normalize().to_string()
}

/// The Indian financial year (April–March) a date falls in, as printed on invoices: `2026-27`.
pub fn financial_year(date: NaiveDate) -> String {
    let start = if date.month() >= 4 { date.year() } else { date.year() - 1 };
    format!("{start}-{:02}", (start + 1).rem_euclid(100))
}

/// The first day of the financial year after the one `date` is in.
pub fn next_financial_year_start(date: NaiveDate) -> NaiveDate {
    let start = if date.month() >= 4 { date.year() } else { date.year() - 1 };
    NaiveDate::from_ymd_opt(start + 1, 4, 1).unwrap_or(date)
}

/// The first day of the financial year `date` is in.
pub fn financial_year_start(date: NaiveDate) -> NaiveDate {
    let start = if date.month() >= 4 { date.year() } else { date.year() - 1 };
    NaiveDate::from_ymd_opt(start, 4, 1).unwrap_or(date)
}

/// The test-due stamp on a cylinder's collar, `C-27`: quarter letter A–D (A = January–March …
/// D = October–December) and a two-digit year (20xx). Returns the quarter's last day, the
/// date by which the cylinder must have been tested. Accepts `c27`, `C 27`, `C/27` too.
pub fn parse_test_due(stamp: &str) -> Option<NaiveDate> {
    let cleaned: String = stamp.trim().chars().filter(|c| !matches!(c, '-' | ' ' | '/')).collect();
    let mut chars = cleaned.chars();
    let quarter = match chars.next()?.to_ascii_uppercase() {
        'A' => 1,
        'B' => 2,
        'C' => 3,
        'D' => 4,
        _ => return None,
    };
    let digits: String = chars.collect();
    if digits.len() != 2 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year = 2000 + digits.parse::<i32>().ok()?;
    let (next_year, next_month) = if quarter == 4 { (year + 1, 1) } else { (year, quarter * 3 + 1) };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// The stamp of a test-due date (its quarter): 2027-09-30 → `C-27`.
pub fn test_due_stamp(date: NaiveDate) -> String {
    let letter = ['A', 'B', 'C', 'D'][((date.month() - 1) / 3) as usize];
    format!("{letter}-{:02}", date.year().rem_euclid(100))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_demo_price_splits_into_parts_that_add_up() {
        let s = split_inclusive(100_000, 500);
        assert_eq!(s, TaxSplit { taxable_paise: 95_238, cgst_paise: 2_381, sgst_paise: 2_381 });
        let c = split_inclusive(175_000, 1800);
        assert_eq!(c.taxable_paise + c.cgst_paise + c.sgst_paise, 175_000);
        assert_eq!(c.taxable_paise, 148_305);
    }

    #[test]
    fn half_rates_are_exact() {
        assert_eq!(
            (half_rate_percent(500), half_rate_percent(1800), half_rate_percent(1801), half_rate_percent(10)),
            ("2.5".into(), "9".into(), "9.005".into(), "0.05".into())
        );
        assert_eq!((rate_percent(500), rate_percent(1250)), ("5".into(), "12.5".into()));
    }

    #[test]
    fn financial_years_turn_on_the_first_of_april() {
        assert_eq!(financial_year(day(2026, 3, 31)), "2025-26");
        assert_eq!(financial_year(day(2026, 4, 1)), "2026-27");
        assert_eq!(financial_year(day(2099, 12, 1)), "2099-00");
        assert_eq!(next_financial_year_start(day(2027, 1, 9)), day(2027, 4, 1));
        assert_eq!(financial_year_start(day(2027, 1, 9)), day(2026, 4, 1));
    }

    #[test]
    fn test_due_stamps_name_the_last_day_of_their_quarter() {
        assert_eq!(parse_test_due("C-27"), Some(day(2027, 9, 30)));
        assert_eq!(parse_test_due("a-28"), Some(day(2028, 3, 31)));
        assert_eq!(parse_test_due("B 26"), Some(day(2026, 6, 30)));
        assert_eq!(parse_test_due("D/29"), Some(day(2029, 12, 31)));
        for bad in ["", "E-27", "C-2027", "C-7", "27-C", "C--", "ç-27"] {
            assert_eq!(parse_test_due(bad), None, "{bad}");
        }
        assert_eq!(test_due_stamp(day(2027, 9, 30)), "C-27");
        assert_eq!(test_due_stamp(day(2030, 1, 1)), "A-30");
    }
}
