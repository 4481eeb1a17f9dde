//! argon2id password hashes. Passwords are never stored, logged or returned in clear.
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// `Production` is argon2's recommended cost (19 MiB, 2 passes); `Fast` exists so tests and
/// the large demo generator do not spend minutes hashing. A hash records its own cost, so
/// verification works whichever cost made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCost {
    Production,
    Fast,
}

fn hasher(cost: PasswordCost) -> Result<Argon2<'static>> {
    let params = match cost {
        PasswordCost::Production => Params::default(),
        PasswordCost::Fast => Params::new(256, 1, 1, None).map_err(|e| Error::Internal(format!("argon2 params: {e}")))?,
    };
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str, cost: PasswordCost) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(cost)?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(format!("password hashing failed: {e}")))
}

/// True only for the right password; a malformed stored hash counts as wrong.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends about as long as a real verification, so a wrong username is not faster to detect
/// than a wrong password.
pub fn verify_nothing(password: &str) {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$WQKYaOuiwj6ma9ilOZ7pBrhwHdDKQNg9aZ5JZIgbcRA";
    let _ = verify(password, DUMMY);
}
