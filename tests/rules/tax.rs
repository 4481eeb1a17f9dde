//! Issue 12, the GST tax invoice's figures: the taxable value worked back from the inclusive
//! price, CGST and SGST half each, adding up exactly to the price for every price an invoice
//! can carry (₹0.01 to ₹99,999.99) at both rates; and the total in words.
use gasdesk_core::model::{rupees_in_words, split_inclusive, Money};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Domestic LPG (5 %) and commercial LPG (18 %), in basis points.
const RATES: [i64; 2] = [500, 1800];
/// ₹99,999.99: every price from one paisa up to this one is checked.
const TOP_PAISE: i64 = 9_999_999;

/// The exact taxable value price × 10000 / (10000 + rate), rounded half up, in integers wide
/// enough that nothing can overflow: the test's own answer, not the code's.
fn exact_taxable(price: i64, rate: i64) -> i64 {
    let (num, den) = (i128::from(price) * 10_000, i128::from(10_000 + rate));
    // floor(num / den + 1/2) for positive values.
    i64::try_from((2 * num + den) / (2 * den)).expect("a taxable value fits in i64")
}

/// The same rounding through decimals, to check the integer formula above is itself right.
fn decimal_taxable(price: i64, rate: i64) -> i64 {
    let exact = Decimal::from(price * 10_000) / Decimal::from(10_000 + rate);
    exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero).to_i64().expect("whole paise")
}

#[test]
fn the_reference_rounding_agrees_with_decimals_and_rounds_halves_up() {
    for rate in RATES {
        for price in (1..=TOP_PAISE).step_by(997).chain([1, 2, 21, 105, 118, TOP_PAISE]) {
            assert_eq!(exact_taxable(price, rate), decimal_taxable(price, rate), "price {price} paise at {rate} bp");
        }
    }
    // 21 paise at 5 %: 21 × 10000 / 10500 = 20 exactly; 1 paisa at 5 % = 0.952… → 1.
    assert_eq!(exact_taxable(21, 500), 20);
    assert_eq!(exact_taxable(1, 500), 1);
    // No price is an exact half at 5 % (price × 20/21) or 18 % (price × 50/59), so halves are
    // checked at 100 % (price / 2): 0.5 → 1 and 1.5 → 2, never to even.
    assert_eq!((exact_taxable(1, 10_000), decimal_taxable(1, 10_000)), (1, 1));
    assert_eq!((exact_taxable(3, 10_000), decimal_taxable(3, 10_000)), (2, 2));
}

/// Every price from ₹0.01 to ₹99,999.99 at 5 % and 18 %: the parts add up to the price, none
/// is negative, CGST and SGST differ by at most a paisa, and the taxable value is the exact
/// rational one rounded half up.
#[test]
fn every_price_splits_exactly_at_both_rates() {
    let started = std::time::Instant::now();
    for rate in RATES {
        for price in 1..=TOP_PAISE {
            let split = split_inclusive(price, rate);
            let (taxable, cgst, sgst) = (split.taxable_paise, split.cgst_paise, split.sgst_paise);
            if taxable + cgst + sgst != price
                || taxable < 0
                || cgst < 0
                || sgst < 0
                || (cgst - sgst).abs() > 1
                // CGST takes the odd paisa: half the tax rounded up.
                || cgst != (price - taxable + 1) / 2
                || taxable != exact_taxable(price, rate)
            {
                panic!(
                    "price {price} paise at {rate} bp: taxable {taxable} (exact {}), CGST {cgst}, SGST {sgst}",
                    exact_taxable(price, rate)
                );
            }
        }
    }
    eprintln!("checked {} splits in {:?}", 2 * TOP_PAISE, started.elapsed());
}

#[test]
fn the_demo_prices_split_as_printed() {
    // ₹1000.00 domestic at 5 %: 952.38 taxable, 47.62 tax, 23.81 each.
    let split = split_inclusive(100_000, 500);
    assert_eq!((split.taxable_paise, split.cgst_paise, split.sgst_paise), (95_238, 2_381, 2_381));
    // ₹1.00 at 18 %: 0.85 taxable, 0.15 tax → CGST 0.08 (half up), SGST 0.07.
    let split = split_inclusive(100, 1800);
    assert_eq!((split.taxable_paise, split.cgst_paise, split.sgst_paise), (85, 8, 7));
    // One paisa at 5 %: all of it is taxable value, no tax.
    let split = split_inclusive(1, 500);
    assert_eq!((split.taxable_paise, split.cgst_paise, split.sgst_paise), (1, 0, 0));
}

#[test]
fn the_total_in_words_through_the_public_api() {
    let words = |paise: i64| rupees_in_words(Money::from_paise(paise));
    assert_eq!(words(1), "One Paisa Only");
    assert_eq!(words(100_000), "One Thousand Rupees Only");
    assert_eq!(words(10_000_000), "One Lakh Rupees Only");
    assert_eq!(words(999_999_999), "Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine Rupees and Ninety-Nine Paise Only");
    assert_eq!(words(1_000_000_000), "One Crore Rupees Only");
    assert_eq!(rupees_in_words(Money::parse("total", "1,103.50").unwrap()), "One Thousand One Hundred Three Rupees and Fifty Paise Only");
}
