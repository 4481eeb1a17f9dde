//! Input checks shared by every operation. They trim, bound lengths in characters (not
//! bytes) and refuse control characters and invisible or direction-changing ones; anything
//! that passes is stored verbatim, so HTML, SQL or any visible Unicode is kept as plain text.
use crate::error::{Error, Result};

pub const DESCRIPTION_MAX: usize = 1000;
pub const NOTE_MAX: usize = 500;

/// Usernames: 3–32 of A–Z, a–z, 0–9, `.`, `_`, `-`; compared case-insensitively.
pub fn username(field: &'static str, raw: &str) -> Result<String> {
    let name = raw.trim();
    let len = name.chars().count();
    if !(3..=32).contains(&len) {
        return Err(Error::invalid(field, "A username has 3 to 32 characters."));
    }
    if !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return Err(Error::invalid(field, "Use only letters, digits, dot, dash or underscore in a username."));
    }
    Ok(name.to_owned())
}

pub fn password(field: &'static str, raw: &str) -> Result<()> {
    let len = raw.chars().count();
    if len < 8 {
        return Err(Error::invalid(field, "A password needs at least 8 characters."));
    }
    if len > 128 {
        return Err(Error::invalid(field, "A password can have at most 128 characters."));
    }
    Ok(())
}

/// Free text on one line (names, reasons): trimmed, `min..=max` characters.
pub fn line(field: &'static str, raw: &str, min: usize, max: usize, what: &str) -> Result<String> {
    let text = raw.trim();
    check_length(field, text, min, max, what)?;
    if text.chars().any(char::is_control) {
        return Err(Error::invalid(field, format!("The {what} cannot contain control characters.")));
    }
    refuse_hidden(field, text, what)?;
    Ok(text.to_owned())
}

/// Free text over several lines (descriptions, addresses): line breaks and tabs allowed.
pub fn paragraph(field: &'static str, raw: &str, min: usize, max: usize, what: &str) -> Result<String> {
    let text = raw.trim();
    check_length(field, text, min, max, what)?;
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(Error::invalid(field, format!("The {what} cannot contain control characters.")));
    }
    refuse_hidden(field, text, what)?;
    Ok(text.to_owned())
}

fn refuse_hidden(field: &'static str, text: &str, what: &str) -> Result<()> {
    if text.chars().any(is_invisible_or_direction_changing) {
        return Err(Error::invalid(field, format!("The {what} contains invisible or direction-changing characters.")));
    }
    Ok(())
}

/// Unicode's format characters (general category Cf, as of Unicode 16): bidirectional
/// overrides and isolates make text read differently from how it is stored ("pay 0001" shown
/// for "pay 1000"), zero-width ones hide text or make two names look the same. Staff must see
/// what was typed. ZWNJ (U+200C) and ZWJ (U+200D) stay allowed: Hindi needs them to choose a
/// conjunct's shape (and emoji sequences use ZWJ).
fn is_invisible_or_direction_changing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}'
    )
}

fn check_length(field: &'static str, text: &str, min: usize, max: usize, what: &str) -> Result<()> {
    let len = text.chars().count();
    if len < min {
        return Err(Error::invalid(
            field,
            if min == 1 { format!("Please enter the {what}.") } else { format!("The {what} needs at least {min} characters.") },
        ));
    }
    if len > max {
        return Err(Error::invalid(field, format!("The {what} can have at most {max} characters (it has {len}).")));
    }
    Ok(())
}

/// Optional e-mail: empty, or something@something with no spaces.
pub fn email(field: &'static str, raw: &str) -> Result<String> {
    let text = line(field, raw, 0, 254, "e-mail address")?;
    if !text.is_empty() {
        let ok = text
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'));
        if !ok || text.contains(char::is_whitespace) {
            return Err(Error::invalid(field, "Enter an e-mail address like name@example.com, or leave it empty."));
        }
    }
    Ok(text)
}

/// Optional phone: digits with `+`, spaces and dashes, 6–20 characters.
pub fn phone(field: &'static str, raw: &str) -> Result<String> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if text.chars().count() > 20 || digits < 6 || !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-')) {
        return Err(Error::invalid(field, "Enter a phone number of digits (with + or - if needed), or leave it empty."));
    }
    Ok(text.to_owned())
}

/// A cylinder's serial as staff type it: upper-cased, 1–32 of A–Z, 0–9, `-`, `/`.
pub fn cylinder_code(field: &'static str, raw: &str) -> Result<String> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty()
        || code.chars().count() > 32
        || !code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '/'))
    {
        return Err(Error::invalid(field, "A cylinder ID has 1 to 32 letters, digits, '-' or '/'."));
    }
    Ok(code)
}

/// A search box's text: trimmed and bounded; an over-long search is cut, not refused.
pub fn search(raw: &str) -> String {
    raw.trim().chars().filter(|c| !c.is_control()).take(64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bidi_control_and_zero_width_character_is_refused_but_zwnj_and_zwj_are_not() {
        let refused = ['\u{AD}', '\u{200B}', '\u{200E}', '\u{200F}', '\u{2060}', '\u{2064}', '\u{FEFF}', '\u{E0041}'];
        let bidi = ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}');
        for c in refused.into_iter().chain(bidi) {
            assert!(is_invisible_or_direction_changing(c), "U+{:04X}", u32::from(c));
            assert!(line("name", &format!("a{c}b"), 1, 100, "name").is_err(), "U+{:04X} in a line", u32::from(c));
            assert!(paragraph("address", &format!("a\n{c}b"), 1, 100, "address").is_err(), "U+{:04X} in a paragraph", u32::from(c));
        }
        for c in ['\u{200C}', '\u{200D}', '\u{094D}', '\u{0902}', 'a', ' ', 'é'] {
            assert!(!is_invisible_or_direction_changing(c), "U+{:04X}", u32::from(c));
        }
    }
}
