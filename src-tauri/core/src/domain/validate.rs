//! Input checks shared by every operation. They trim, bound lengths in characters (not
//! bytes) and refuse control characters; anything that passes is stored verbatim, so HTML,
//! SQL or any Unicode is kept as plain text.
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
    Ok(text.to_owned())
}

/// Free text over several lines (descriptions, addresses): line breaks and tabs allowed.
pub fn paragraph(field: &'static str, raw: &str, min: usize, max: usize, what: &str) -> Result<String> {
    let text = raw.trim();
    check_length(field, text, min, max, what)?;
    if text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(Error::invalid(field, format!("The {what} cannot contain control characters.")));
    }
    Ok(text.to_owned())
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
