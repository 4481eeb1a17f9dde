//! The agency's GSTIN: 15 characters — state code (2 digits), PAN (5 letters, 4 digits, a
//! letter), entity number, `Z`, and a check character over the first 14 (the GST network's
//! mod-36 scheme). A mistyped GSTIN on every invoice is a tax problem, so it is checked here.
use crate::error::{Error, Result};

const ALPHABET: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).and_then(|p| u32::try_from(p).ok())
}

/// The check character of the first 14 characters.
fn check_character(first14: &[u8]) -> Option<u8> {
    let mut sum = 0;
    for (i, &c) in first14.iter().enumerate() {
        let factor = if i % 2 == 0 { 1 } else { 2 };
        let product = value(c)? * factor;
        sum += product / 36 + product % 36;
    }
    ALPHABET.get(((36 - sum % 36) % 36) as usize).copied()
}

fn well_formed(g: &[u8]) -> bool {
    g.len() == 15
        && g[0..2].iter().all(u8::is_ascii_digit)
        && g[2..7].iter().all(u8::is_ascii_uppercase)
        && g[7..11].iter().all(u8::is_ascii_digit)
        && g[11].is_ascii_uppercase()
        && (g[12].is_ascii_uppercase() || (b'1'..=b'9').contains(&g[12]))
        && g[13] == b'Z'
        && check_character(&g[..14]) == Some(g[14])
}

/// Empty (not entered yet) or a valid GSTIN, upper-cased.
pub(crate) fn checked(field: &'static str, raw: &str) -> Result<String> {
    let gstin: String = raw.trim().to_ascii_uppercase();
    if gstin.is_empty() || well_formed(gstin.as_bytes()) {
        return Ok(gstin);
    }
    Err(Error::invalid(
        field,
        "That is not a valid GSTIN: 15 characters such as 27AAPFU0939F1ZV (state code, PAN, entity number, Z, check character). Please check it against the registration certificate.",
    ))
}

#[cfg(test)]
mod tests {
    use super::checked;

    #[test]
    fn a_real_gstin_passes_and_one_wrong_character_fails() {
        assert_eq!(checked("gstin", " 27aapfu0939f1zv ").ok().as_deref(), Some("27AAPFU0939F1ZV"));
        assert_eq!(checked("gstin", "").ok().as_deref(), Some(""));
        for bad in ["27AAPFU0939F1ZW", "27AAPFU0939F1Z", "2AAAPFU0939F1ZV", "27AAPFU0939F1YV", "27AAPFU0939F0ZV", "<b>27AAPFU0939F1ZV"] {
            assert!(checked("gstin", bad).is_err(), "{bad}");
        }
    }
}
