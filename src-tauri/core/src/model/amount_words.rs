//! The total in words that a GST tax invoice prints under the figures, in Indian numbering
//! (crore, lakh, thousand, hundred): "One Lakh Twenty Thousand Rupees and Fifty Paise Only".
//!
//! Written here rather than taken from a crate: the well-kept `num2words` knows only the
//! Western scale (million, billion), writes lowercase and takes an `f64` for currency (no
//! float may touch money); `lakh-crore-numbers` writes Nepali words only (one release, 2021).
//! Indian numbering over whole paise is a few lines, and the tests below pin every edge.
use super::Money;

const ONES: [&str; 20] = [
    "Zero",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
];
const TENS: [&str; 10] = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

const CRORE: u64 = 10_000_000;
const LAKH: u64 = 100_000;

/// What one language says around the numbers; the Indian-numbering walk below is the same for
/// every language (the Hindi words: `amount_words_hi.rs`).
pub(super) struct Vocabulary {
    /// The word(s) for 1..=99.
    pub below_hundred: fn(u64) -> String,
    /// Crore, lakh, thousand, hundred.
    pub scales: [&'static str; 4],
    pub zero_rupees: &'static str,
    /// Singular and plural of the units: rupee, rupees, paisa, paise.
    pub rupee: [&'static str; 2],
    pub paisa: [&'static str; 2],
    /// Between the rupees and the paise ("and").
    pub and: &'static str,
    /// After the whole amount ("Only").
    pub only: &'static str,
    /// Before a negative amount, a credit ("Minus ").
    pub minus: &'static str,
}

const ENGLISH: Vocabulary = Vocabulary {
    below_hundred,
    scales: ["Crore", "Lakh", "Thousand", "Hundred"],
    zero_rupees: "Zero Rupees",
    rupee: ["Rupee", "Rupees"],
    paisa: ["Paisa", "Paise"],
    and: "and",
    only: "Only",
    minus: "Minus ",
};

/// 1..=99, tens joined to units by a hyphen as invoices print them ("Twenty-One").
fn below_hundred(n: u64) -> String {
    // Both indexes are below 20 and 10 because n < 100.
    match (n / 10, n % 10) {
        (0 | 1, _) => ONES[n as usize].to_string(),
        (tens, 0) => TENS[tens as usize].to_string(),
        (tens, units) => format!("{}-{}", TENS[tens as usize], ONES[units as usize]),
    }
}

/// The words for `n` > 0, pushed onto `words`. Above 99 crore the count of crores is itself
/// said in Indian numbering ("One Hundred Crore", "One Lakh Crore"), as Indian usage does,
/// rather than switching to arab/kharab, which invoice readers rarely know.
fn push_words(n: u64, v: &Vocabulary, words: &mut Vec<String>) {
    let [crore, lakh, thousand, hundred] = v.scales;
    if n >= CRORE {
        push_words(n / CRORE, v, words);
        words.push(crore.to_string());
    }
    let below_crore = n % CRORE;
    for (count, scale) in [(below_crore / LAKH, lakh), (below_crore / 1000 % 100, thousand), (below_crore / 100 % 10, hundred)] {
        if count > 0 {
            words.push((v.below_hundred)(count));
            words.push(scale.to_string());
        }
    }
    let tens_and_units = below_crore % 100;
    if tens_and_units > 0 {
        words.push((v.below_hundred)(tens_and_units));
    }
}

/// One count with its unit, singular for one: "One Rupee", "Two Rupees", "One Paisa".
fn counted(n: u64, [one, many]: [&str; 2], v: &Vocabulary) -> String {
    let mut words = Vec::new();
    push_words(n, v, &mut words);
    words.push(if n == 1 { one } else { many }.to_string());
    words.join(" ")
}

/// The amount in `v`'s words: paise alone when under a rupee, the zero words for nothing, the
/// minus words before a credit.
pub(super) fn amount_in_words(amount: Money, v: &Vocabulary) -> String {
    let paise = amount.paise();
    let sign = if paise < 0 { v.minus } else { "" };
    let (rupees, paise) = (paise.unsigned_abs() / 100, paise.unsigned_abs() % 100);
    let body = match (rupees, paise) {
        (0, 0) => v.zero_rupees.to_string(),
        (0, p) => counted(p, v.paisa, v),
        (r, 0) => counted(r, v.rupee, v),
        (r, p) => format!("{} {} {}", counted(r, v.rupee, v), v.and, counted(p, v.paisa, v)),
    };
    format!("{sign}{body} {}", v.only)
}

/// The amount as an Indian GST invoice prints it: "One Thousand One Hundred Three Rupees and
/// Fifty Paise Only"; paise alone when under a rupee ("One Paisa Only"); "Zero Rupees Only";
/// a negative amount (a credit) starts with "Minus ".
pub fn rupees_in_words(amount: Money) -> String {
    amount_in_words(amount, &ENGLISH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(paise: i64) -> String {
        rupees_in_words(Money::from_paise(paise))
    }

    #[test]
    fn zero_one_and_singulars() {
        assert_eq!(words(0), "Zero Rupees Only");
        assert_eq!(words(1), "One Paisa Only");
        assert_eq!(words(2), "Two Paise Only");
        assert_eq!(words(100), "One Rupee Only");
        assert_eq!(words(101), "One Rupee and One Paisa Only");
        assert_eq!(words(50), "Fifty Paise Only");
    }

    #[test]
    fn teens_tens_and_hyphens() {
        assert_eq!(words(1_100), "Eleven Rupees Only");
        assert_eq!(words(1_900), "Nineteen Rupees Only");
        assert_eq!(words(2_000), "Twenty Rupees Only");
        assert_eq!(words(2_100), "Twenty-One Rupees Only");
        assert_eq!(words(9_900), "Ninety-Nine Rupees Only");
        assert_eq!(words(9_999), "Ninety-Nine Rupees and Ninety-Nine Paise Only");
    }

    #[test]
    fn hundreds_and_thousands_without_and() {
        assert_eq!(words(10_100), "One Hundred One Rupees Only");
        assert_eq!(words(11_000), "One Hundred Ten Rupees Only");
        assert_eq!(words(100_000), "One Thousand Rupees Only");
        assert_eq!(words(100_100), "One Thousand One Rupees Only");
        assert_eq!(words(110_350), "One Thousand One Hundred Three Rupees and Fifty Paise Only");
    }

    #[test]
    fn lakhs_and_crores() {
        assert_eq!(words(10_000_000), "One Lakh Rupees Only");
        assert_eq!(words(123_456_789), "Twelve Lakh Thirty-Four Thousand Five Hundred Sixty-Seven Rupees and Eighty-Nine Paise Only");
        assert_eq!(words(999_999_999), "Ninety-Nine Lakh Ninety-Nine Thousand Nine Hundred Ninety-Nine Rupees and Ninety-Nine Paise Only");
        assert_eq!(words(1_000_000_000), "One Crore Rupees Only");
        assert_eq!(words(1_050_000_000), "One Crore Five Lakh Rupees Only");
    }

    #[test]
    fn crores_above_ninety_nine_go_on_in_indian_numbering() {
        assert_eq!(words(100 * 1_000_000_000), "One Hundred Crore Rupees Only");
        assert_eq!(words(1_000 * 1_000_000_000), "One Thousand Crore Rupees Only");
        assert_eq!(words(100_000 * 1_000_000_000 + 100), "One Lakh Crore One Rupees Only");
    }

    #[test]
    fn negative_amounts_say_minus() {
        assert_eq!(words(-100_000), "Minus One Thousand Rupees Only");
        assert_eq!(words(-1), "Minus One Paisa Only");
    }

    #[test]
    fn the_largest_paise_never_panics() {
        assert!(words(i64::MAX).ends_with("Paise Only"));
        assert!(words(i64::MIN).starts_with("Minus "));
    }
}
