//! The invoice total in Hindi words, for the kiosk's Hindi invoice (decision 0018), in Indian
//! numbering: "एक लाख बीस हज़ार रुपये और पचास पैसे मात्र". The English words
//! (`amount_words.rs`) stay what the issued document says; these are the same amount for a
//! reader of Hindi.
//!
//! Hindi has its own word for every number from 1 to 99 (इक्कीस is 21, not "बीस एक"), so the
//! table below is the whole of it; above that come सौ (hundred), हज़ार (thousand), लाख (lakh)
//! and करोड़ (crore), the count of each said with the same table.
use super::amount_words::{amount_in_words, Vocabulary};
use super::Money;

/// 0..=99, index = the number; one row per ten.
#[rustfmt::skip]
const BELOW_HUNDRED: [&str; 100] = [
    "शून्य", "एक", "दो", "तीन", "चार", "पाँच", "छह", "सात", "आठ", "नौ",
    "दस", "ग्यारह", "बारह", "तेरह", "चौदह", "पंद्रह", "सोलह", "सत्रह", "अठारह", "उन्नीस",
    "बीस", "इक्कीस", "बाईस", "तेईस", "चौबीस", "पच्चीस", "छब्बीस", "सत्ताईस", "अट्ठाईस", "उनतीस",
    "तीस", "इकतीस", "बत्तीस", "तैंतीस", "चौंतीस", "पैंतीस", "छत्तीस", "सैंतीस", "अड़तीस", "उनतालीस",
    "चालीस", "इकतालीस", "बयालीस", "तैंतालीस", "चवालीस", "पैंतालीस", "छियालीस", "सैंतालीस", "अड़तालीस", "उनचास",
    "पचास", "इक्यावन", "बावन", "तिरपन", "चौवन", "पचपन", "छप्पन", "सत्तावन", "अट्ठावन", "उनसठ",
    "साठ", "इकसठ", "बासठ", "तिरसठ", "चौंसठ", "पैंसठ", "छियासठ", "सड़सठ", "अड़सठ", "उनहत्तर",
    "सत्तर", "इकहत्तर", "बहत्तर", "तिहत्तर", "चौहत्तर", "पचहत्तर", "छिहत्तर", "सतहत्तर", "अठहत्तर", "उन्यासी",
    "अस्सी", "इक्यासी", "बयासी", "तिरासी", "चौरासी", "पचासी", "छियासी", "सत्तासी", "अट्ठासी", "नवासी",
    "नब्बे", "इक्यानवे", "बानवे", "तिरानवे", "चौरानवे", "पचानवे", "छियानवे", "सत्तानवे", "अट्ठानवे", "निन्यानवे",
];

const HINDI: Vocabulary = Vocabulary {
    below_hundred: |n| BELOW_HUNDRED[n as usize].to_string(), // n < 100: in the table
    scales: ["करोड़", "लाख", "हज़ार", "सौ"],
    zero_rupees: "शून्य रुपये",
    rupee: ["रुपया", "रुपये"],
    paisa: ["पैसा", "पैसे"],
    and: "और",
    only: "मात्र",
    minus: "ऋण ",
};

/// The amount in Hindi words: "एक हज़ार रुपये मात्र", "… रुपये और पचास पैसे मात्र"; paise alone
/// under a rupee ("एक पैसा मात्र"); "शून्य रुपये मात्र"; a credit starts with "ऋण ". Above 99
/// crore the crores are counted in Indian numbering again ("एक सौ करोड़"), as the English words do.
pub fn rupees_in_words_hi(amount: Money) -> String {
    amount_in_words(amount, &HINDI)
}

// The amounts below are grouped the Indian way (1_00_000 is one lakh), as the words say them.
#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)]
mod tests {
    use super::*;

    fn words(paise: i64) -> String {
        rupees_in_words_hi(Money::from_paise(paise))
    }

    #[test]
    fn one_paisa_one_rupee_and_zero() {
        assert_eq!(words(1), "एक पैसा मात्र");
        assert_eq!(words(50), "पचास पैसे मात्र");
        assert_eq!(words(100), "एक रुपया मात्र");
        assert_eq!(words(0), "शून्य रुपये मात्र");
    }

    #[test]
    fn each_number_below_a_hundred_has_its_own_word() {
        assert_eq!(words(99 * 100), "निन्यानवे रुपये मात्र");
        assert_eq!(words(21 * 100), "इक्कीस रुपये मात्र");
        assert_eq!(words(45 * 100), "पैंतालीस रुपये मात्र");
        assert_eq!(words(79 * 100), "उन्यासी रुपये मात्र");
        // Ninety-nine distinct words: no two numbers share one.
        let distinct: std::collections::HashSet<&str> = BELOW_HUNDRED.iter().copied().collect();
        assert_eq!(distinct.len(), 100);
        assert!(BELOW_HUNDRED.iter().all(|w| w.chars().all(|c| ('\u{0900}'..='\u{097F}').contains(&c))));
    }

    #[test]
    fn hundreds_thousands_lakhs_and_crores() {
        assert_eq!(words(100 * 100), "एक सौ रुपये मात्र");
        assert_eq!(words(1_000 * 100), "एक हज़ार रुपये मात्र");
        assert_eq!(words(1_000 * 100 + 50), "एक हज़ार रुपये और पचास पैसे मात्र");
        assert_eq!(words(1_00_000 * 100), "एक लाख रुपये मात्र");
        assert_eq!(words(1_103 * 100 + 50), "एक हज़ार एक सौ तीन रुपये और पचास पैसे मात्र");
        assert_eq!(words(1_00_00_000 * 100), "एक करोड़ रुपये मात्र");
        assert_eq!(words(100 * 1_00_00_000 * 100), "एक सौ करोड़ रुपये मात्र");
    }

    #[test]
    fn the_largest_amount_below_a_crore() {
        assert_eq!(words(99_99_999 * 100 + 99), "निन्यानवे लाख निन्यानवे हज़ार नौ सौ निन्यानवे रुपये और निन्यानवे पैसे मात्र");
    }

    #[test]
    fn credits_and_extremes() {
        assert_eq!(words(-1_000 * 100), "ऋण एक हज़ार रुपये मात्र");
        assert!(words(i64::MAX).ends_with("पैसे मात्र"));
        assert!(words(i64::MIN).starts_with("ऋण "));
    }
}
