//! argon2id password hashes. Passwords are never stored, logged or returned in clear.
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Mutex, PoisonError};

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
        PasswordCost::Fast => Params::new(256, 1, 1, None).map_err(internal)?,
    };
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// argon2's working memory, allocated once per process and reused by every hash. With a
/// fresh 19 MiB allocation per hash, glibc kept up to eight of them resident (160 MB after a
/// few logins). Hashes take turns on it; a login is a fraction of a second.
static WORKING_MEMORY: Mutex<Vec<Block>> = Mutex::new(Vec::new());

fn compute(argon2: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> std::result::Result<(), argon2::Error> {
    let mut memory = WORKING_MEMORY.lock().unwrap_or_else(PoisonError::into_inner);
    let blocks = argon2.params().block_count();
    if memory.len() < blocks {
        memory.resize(blocks, Block::default());
    }
    argon2.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
}

/// A PHC string (`$argon2id$v=19$m=…$salt$hash`), the same format argon2's own hasher writes.
pub fn hash(password: &str, cost: PasswordCost) -> Result<String> {
    let argon2 = hasher(cost)?;
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_buf = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_buf).map_err(internal)?;
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    compute(&argon2, password.as_bytes(), salt_bytes, &mut out).map_err(internal)?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon2.params()).map_err(internal)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(internal)?),
    };
    Ok(phc.to_string())
}

/// True only for the right password; a malformed stored hash counts as wrong.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    fn matches(password: &[u8], stored_hash: &str) -> Option<bool> {
        let parsed = PasswordHash::new(stored_hash).ok()?;
        let algorithm = Algorithm::try_from(parsed.algorithm).ok()?;
        let version = parsed.version.map(Version::try_from).transpose().ok()?.unwrap_or_default();
        let params = Params::try_from(&parsed).ok()?;
        let expected = parsed.hash?;
        let mut salt_buf = [0u8; 64];
        let salt = parsed.salt?.decode_b64(&mut salt_buf).ok()?;
        let mut out = vec![0u8; expected.len()];
        compute(&Argon2::new(algorithm, version, params), password, salt, &mut out).ok()?;
        // `Output`'s equality is constant-time.
        Some(Output::new(&out).ok()? == expected)
    }
    matches(password.as_bytes(), stored_hash).unwrap_or(false)
}

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("password hashing failed: {e}"))
}

/// Spends about as long as a real verification, so a wrong username is not faster to detect
/// than a wrong password.
pub fn verify_nothing(password: &str) {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$WQKYaOuiwj6ma9ilOZ7pBrhwHdDKQNg9aZ5JZIgbcRA";
    let _ = verify(password, DUMMY);
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    #[test]
    fn hashes_are_standard_phc_strings_both_ways() {
        for cost in [PasswordCost::Fast, PasswordCost::Production] {
            let ours = hash("correct horse", cost).unwrap();
            assert!(ours.starts_with("$argon2id$v=19$"), "{ours}");
            // argon2's own verifier accepts ours…
            let parsed = PasswordHash::new(&ours).unwrap();
            assert!(Argon2::default().verify_password(b"correct horse", &parsed).is_ok());
            assert!(Argon2::default().verify_password(b"wrong horse", &parsed).is_err());
            // …and we accept argon2's own, as stored by earlier versions.
            let salt = SaltString::generate(&mut OsRng);
            let theirs = hasher(cost).unwrap().hash_password(b"correct horse", &salt).unwrap().to_string();
            assert!(verify("correct horse", &theirs));
            assert!(!verify("Correct horse", &theirs));
        }
        assert!(!verify("x", "not a hash"));
        assert!(!verify("x", "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$"));
    }
}
