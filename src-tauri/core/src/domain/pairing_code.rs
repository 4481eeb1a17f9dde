//! The pairing code staff read out at the office and type at a new kiosk (decision 0015):
//! 16 characters shown as `XXXX-XXXX-XXXX-XXXX`. The first 10 carry the first 50 bits of the
//! SHA-256 of the office's certificate, so the kiosk can tell the real office from a stranger
//! on the LAN before it sends anything; the last 6 are a one-time secret (30 bits, with 5
//! tries and 10 minutes) that proves to the office the kiosk was given the code by staff.
//!
//! The alphabet has no 0/O or 1/I, so a code read aloud or off a screen is typed right. Plain
//! functions: no database, no network.
use crate::error::{Error, Result};
use rand::Rng;

/// 32 letters and digits, none that look alike.
const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
/// Characters of the certificate fingerprint's prefix (5 bits each: 50 bits).
pub const FINGERPRINT_CHARS: usize = 10;
/// Characters of the one-time secret (30 bits).
pub const SECRET_CHARS: usize = 6;

/// A code taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingCodeParts {
    /// The first characters of the office certificate's fingerprint in this alphabet.
    pub fingerprint_prefix: String,
    /// The one-time secret the office stores only a hash of.
    pub secret: String,
}

/// A SHA-256 fingerprint in this alphabet, 5 bits a character, most significant first.
fn encode(bytes: &[u8], chars: usize) -> String {
    let mut out = String::with_capacity(chars);
    for i in 0..chars {
        let bit = i * 5;
        let mut value = 0usize;
        for b in bit..bit + 5 {
            let byte = bytes.get(b / 8).copied().unwrap_or(0);
            value = (value << 1) | usize::from((byte >> (7 - b % 8)) & 1);
        }
        out.push(char::from(ALPHABET[value]));
    }
    out
}

/// The prefix of `fingerprint` (a certificate's SHA-256) a code carries.
pub fn fingerprint_prefix(fingerprint: &[u8; 32]) -> String {
    encode(fingerprint, FINGERPRINT_CHARS)
}

/// Does a certificate with this `fingerprint` match the `prefix` a code carries?
pub fn matches_fingerprint(prefix: &str, fingerprint: &[u8; 32]) -> bool {
    prefix.len() == FINGERPRINT_CHARS && fingerprint_prefix(fingerprint) == prefix
}

/// A new random one-time secret.
pub fn new_secret() -> String {
    let mut rng = rand::thread_rng();
    (0..SECRET_CHARS).map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())])).collect()
}

/// The code staff read out: prefix and secret, in groups of four.
pub fn compose(fingerprint: &[u8; 32], secret: &str) -> String {
    let plain = format!("{}{secret}", fingerprint_prefix(fingerprint));
    let groups: Vec<String> = plain.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    groups.join("-")
}

/// Takes a typed code apart: case, spaces and dashes do not matter; anything else is refused.
pub fn parse(code: &str) -> Result<PairingCodeParts> {
    let plain: String = code.chars().filter(|c| !matches!(c, '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
    let well_formed = plain.len() == FINGERPRINT_CHARS + SECRET_CHARS && plain.bytes().all(|b| ALPHABET.contains(&b));
    if !well_formed {
        return Err(Error::invalid(
            "code",
            "A pairing code has 16 letters and digits, like ABCD-EFGH-JKLM-NPQR. Please check it on the office screen.",
        ));
    }
    let (prefix, secret) = plain.split_at(FINGERPRINT_CHARS);
    Ok(PairingCodeParts { fingerprint_prefix: prefix.to_owned(), secret: secret.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_composed_code_parses_back_into_its_parts_whatever_the_case_and_dashes() {
        let fingerprint = [0xA5u8; 32];
        let secret = new_secret();
        let code = compose(&fingerprint, &secret);
        assert_eq!(code.len(), 19, "four groups of four with three dashes: {code}");
        let parts = parse(&code.to_lowercase().replace('-', " ")).expect("the code parses");
        assert_eq!(parts.secret, secret);
        assert!(matches_fingerprint(&parts.fingerprint_prefix, &fingerprint));
    }

    #[test]
    fn another_certificate_does_not_match_the_prefix() {
        let parts = parse(&compose(&[1u8; 32], "ABCDEF")).expect("parses");
        let mut other = [1u8; 32];
        other[5] ^= 0x40; // bit 41: within the 50 bits the prefix carries
        assert!(!matches_fingerprint(&parts.fingerprint_prefix, &other));
        assert!(matches_fingerprint(&parts.fingerprint_prefix, &[1u8; 32]));
    }

    #[test]
    fn malformed_codes_are_refused_on_the_code_field() {
        for bad in ["", "ABCD-EFGH", "ABCD-EFGH-JKLM-NPQ0", "ABCD-EFGH-JKLM-NPQRS", "ABCD-EFGH-JKLM-NPQ!"] {
            let refused = parse(bad).expect_err(bad);
            assert!(matches!(refused, Error::Invalid { field: "code", .. }), "{bad}");
        }
    }
}
