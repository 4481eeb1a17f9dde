//! Kiosk PCs paired with the office over the LAN (decision 0015): pairing codes, device tokens
//! (only their hashes are stored), the list staff see and revoking.
//!
//! A code is good for [`PAIRING_CODE_MINUTES`] and [`PAIRING_CODE_TRIES`] wrong tries. A wrong
//! try uses one try of *every* open code, since the office cannot tell which code a wrong guess
//! was aimed at: so however many codes are open, a guesser gets 5 tries in all against 30 bits.
use super::actor::{audit, Actor, NOTHING};
use super::pairing_code;
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{Device, PairedKiosk, PairingCode, Timestamp};
use crate::store::{NewPairingCode, PairingCodeState, Writer};
use chrono::Duration;
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// How long a pairing code stays valid.
pub const PAIRING_CODE_MINUTES: i64 = 10;
/// How many wrong tries a pairing code survives.
pub const PAIRING_CODE_TRIES: i64 = 5;
/// A device's last-seen time is written at most this often, so requests are not all writes.
const LAST_SEEN_EVERY_SECONDS: i64 = 60;
/// Longer than any token GasDesk makes (43 characters): a longer one is refused unhashed.
const MAX_TOKEN_CHARS: usize = 128;
/// How many of the newest codes a refused secret is compared with, to say why it is refused.
const CODES_EXPLAINED: i64 = 20;
/// Random bytes in a device token.
const TOKEN_BYTES: usize = 32;

/// Lower-case hex SHA-256: what the tables keep of tokens and secrets.
fn sha256_hex(text: &str) -> String {
    data_encoding::HEXLOWER.encode(&Sha256::digest(text.as_bytes()))
}

/// Compares two hashes in constant time, so timing says nothing about how much of one matched.
fn same_hash(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// A fresh device token: 32 bytes from the operating system's generator, base64url.
fn new_token() -> Result<String> {
    let mut bytes = [0u8; TOKEN_BYTES];
    rand::rngs::OsRng.try_fill_bytes(&mut bytes).map_err(|e| Error::Internal(format!("no randomness for a device token: {e}")))?;
    Ok(data_encoding::BASE64URL_NOPAD.encode(&bytes))
}

fn kiosk_name(raw: &str) -> Result<String> {
    validate::line("name", raw, 1, 60, "kiosk name")
}

/// Why a presented code was refused, in words for the person typing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Refusal {
    Wrong,
    Expired,
    Used,
    TriesUsedUp,
}

impl Refusal {
    fn message(self) -> &'static str {
        match self {
            Refusal::Wrong => "That pairing code is not right. Please check it on the office screen and type it again.",
            Refusal::Expired => "That pairing code has expired. Please ask the staff to press \"Add kiosk\" again for a new code.",
            Refusal::Used => "That pairing code was already used. Please ask the staff to press \"Add kiosk\" again for a new code.",
            Refusal::TriesUsedUp => {
                "That pairing code was tried wrongly too many times. Please ask the staff to press \"Add kiosk\" again for a new code."
            }
        }
    }
}

/// What the pairing transaction decided; a refusal is committed too (it used up tries).
enum Pairing {
    Paired(Device),
    Refused(Refusal),
}

/// What the audit log keeps of a new code: never its secret.
#[derive(Serialize)]
struct CodeMade<'a> {
    name: &'a str,
    fingerprint_prefix: &'a str,
    expires_at: Timestamp,
    tries: i64,
}

/// What the audit log keeps of a refused try: never the code that was typed.
#[derive(Serialize)]
struct PairingRefused<'a> {
    reason: Refusal,
    /// The name the kiosk gave, if any.
    name: &'a str,
    /// How many open codes lost a try.
    codes_charged_a_try: usize,
}

/// What the audit log keeps of a pairing: the device row and the code it used, never the token.
#[derive(Serialize)]
struct Paired<'a> {
    device: &'a Device,
    pairing_code_id: i64,
}

impl Desk {
    /// Staff (or the command line, as System) make a pairing code for a kiosk called `name`. The
    /// code carries the prefix of `certificate_fingerprint`, the SHA-256 of the office's TLS
    /// certificate (`pairing_code::compose`). Audited.
    pub fn add_kiosk(&self, actor: &Actor, name: &str, certificate_fingerprint: &[u8; 32]) -> Result<PairingCode> {
        let made_by = actor.require_staff_or_system()?;
        let name = kiosk_name(name)?;
        let secret = pairing_code::new_secret();
        let code = pairing_code::compose(certificate_fingerprint, &secret);
        let fingerprint_prefix = pairing_code::fingerprint_prefix(certificate_fingerprint);
        let secret_hash = sha256_hex(&secret);
        let now = self.now();
        let expires_at = now + Duration::minutes(PAIRING_CODE_MINUTES);
        self.db.write(|w| {
            let new = NewPairingCode {
                name: &name,
                secret_hash: &secret_hash,
                fingerprint_prefix: &fingerprint_prefix,
                expires_at,
                tries_left: PAIRING_CODE_TRIES,
                made_by,
            };
            let id = w.insert_pairing_code(&new, now)?;
            let made = CodeMade { name: &name, fingerprint_prefix: &fingerprint_prefix, expires_at, tries: PAIRING_CODE_TRIES };
            audit(w, actor, "kiosk.code_made", ("pairing_code", id), NOTHING, Some(&made), now)
        })?;
        Ok(PairingCode { code, name, expires_at })
    }

    /// A kiosk presents a code: a right, unexpired, unused code makes a device and its token
    /// (shown once); a wrong one uses up a try. `name` empty keeps the name staff gave. Audited.
    pub fn pair_kiosk(&self, code: &str, name: &str) -> Result<PairedKiosk> {
        let parts = pairing_code::parse(code)?;
        let chosen_name = if name.trim().is_empty() { None } else { Some(kiosk_name(name)?) };
        let secret_hash = sha256_hex(&parts.secret);
        let token = new_token()?;
        let token_hash = sha256_hex(&token);
        let now = self.now();
        let outcome = self.db.write(|w| {
            let open = w.open_pairing_codes(now)?;
            // Every open code is compared, whichever matches, so timing does not tell them apart.
            let mut matched = None;
            for candidate in &open {
                let hit = same_hash(&candidate.secret_hash, &secret_hash) & (candidate.fingerprint_prefix == parts.fingerprint_prefix);
                if hit {
                    matched = Some(candidate);
                }
            }
            let Some(code) = matched else {
                let (reason, code_id) = refusal_of(w, &secret_hash, &parts.fingerprint_prefix, now)?;
                if open.is_empty() {
                    // No code to guess and no try to take: a stranger's attempt writes nothing
                    // (no audit row with a name it chose), so it cannot fill the database.
                    return Ok(Pairing::Refused(reason));
                }
                let charged = w.use_a_try_of_open_pairing_codes(now)?;
                let refused = PairingRefused { reason, name: chosen_name.as_deref().unwrap_or(""), codes_charged_a_try: charged };
                // Entity 0 when the secret was no code's (as settings are entity 0).
                let entity = ("pairing_code", code_id.unwrap_or(0));
                audit(w, &Actor::System, "kiosk.pairing_refused", entity, NOTHING, Some(&refused), now)?;
                return Ok(Pairing::Refused(reason));
            };
            let name = chosen_name.as_deref().unwrap_or(&code.name);
            let device_id = w.insert_device(name, &token_hash, now)?;
            if !w.mark_pairing_code_used(code.id, device_id, now)? {
                // Cannot happen under the write lock; refuse rather than pair twice.
                return Err(Error::Conflict("That pairing code was just used. Please ask the staff for a new code.".into()));
            }
            let device = w.device(device_id)?.ok_or(Error::NotFound("Kiosk"))?;
            audit(
                w,
                &Actor::System,
                "kiosk.paired",
                ("device", device_id),
                NOTHING,
                Some(&Paired { device: &device, pairing_code_id: code.id }),
                now,
            )?;
            Ok(Pairing::Paired(device))
        })?;
        match outcome {
            Pairing::Paired(device) => Ok(PairedKiosk { device, token }),
            Pairing::Refused(reason) => Err(Error::invalid("code", reason.message())),
        }
    }

    /// The device a token belongs to, or `UnknownDevice` (no such token, or revoked).
    pub fn device_for_token(&self, token: &str) -> Result<Device> {
        if token.is_empty() || token.len() > MAX_TOKEN_CHARS {
            return Err(Error::UnknownDevice);
        }
        let hash = sha256_hex(token);
        let known = |found: Option<crate::store::DeviceWithHash>| match found {
            Some(d) if same_hash(&d.token_hash, &hash) && d.device.revoked_at.is_none() => Ok(d.device),
            _ => Err(Error::UnknownDevice),
        };
        let device = known(self.db.read(|r| r.device_by_token_hash(&hash))?)?;
        let now = self.now();
        let stale_before = now - Duration::seconds(LAST_SEEN_EVERY_SECONDS);
        if device.last_seen_at.is_some_and(|seen| seen > stale_before) {
            return Ok(device);
        }
        // Read again under the write lock: a revoke that committed since is refused at once.
        self.db.write(|w| {
            let mut device = known(w.device_by_token_hash(&hash)?)?;
            if w.touch_device(device.id, now, stale_before)? {
                device.last_seen_at = Some(now);
            }
            Ok(device)
        })
    }

    /// Every kiosk ever paired, newest first (staff).
    pub fn list_kiosks(&self, actor: &Actor) -> Result<Vec<Device>> {
        actor.require_staff()?;
        self.db.read(|r| r.list_devices())
    }

    /// Removes a kiosk: its token is refused from now on (staff or System). Audited. Revoking
    /// one already revoked changes nothing and returns it.
    pub fn revoke_kiosk(&self, actor: &Actor, device_id: i64) -> Result<Device> {
        actor.require_staff_or_system()?;
        let now = self.now();
        self.db.write(|w| {
            let before = w.device(device_id)?.ok_or(Error::NotFound("Kiosk"))?;
            if !w.revoke_device(device_id, now)? {
                return Ok(before);
            }
            let after = w.device(device_id)?.ok_or(Error::NotFound("Kiosk"))?;
            audit(w, actor, "kiosk.revoked", ("device", device_id), Some(&before), Some(&after), now)?;
            Ok(after)
        })
    }
}

/// Revokes every kiosk a restored database knows, each audited as `kiosk.revoked` by `actor`;
/// returns how many. A backup remembers kiosks as they were when it was made: one revoked
/// since (a stolen kiosk PC, say) would be let in again. So after a restore every kiosk pairs
/// again with a new code, and only the ones staff mean to keep come back.
pub(crate) fn revoke_every_kiosk(w: &Writer<'_>, actor: &Actor, now: Timestamp) -> Result<i64> {
    let mut revoked = 0;
    for device_id in w.unrevoked_device_ids()? {
        let Some(before) = w.device(device_id)? else { continue };
        if !w.revoke_device(device_id, now)? {
            continue;
        }
        let after = w.device(device_id)?.ok_or(Error::NotFound("Kiosk"))?;
        audit(w, actor, "kiosk.revoked", ("device", device_id), Some(&before), Some(&after), now)?;
        revoked += 1;
    }
    Ok(revoked)
}

/// Why a secret that matched no open code is refused: it belongs to a code used, expired or
/// out of tries (among the newest ones), or to none at all; with that code's id.
fn refusal_of(w: &Writer<'_>, secret_hash: &str, fingerprint_prefix: &str, now: Timestamp) -> Result<(Refusal, Option<i64>)> {
    let newest: Vec<PairingCodeState> = w.newest_pairing_codes(CODES_EXPLAINED)?;
    let Some(code) = newest.iter().find(|c| same_hash(&c.secret_hash, secret_hash) && c.fingerprint_prefix == fingerprint_prefix) else {
        return Ok((Refusal::Wrong, None));
    };
    let reason = if code.used {
        Refusal::Used
    } else if code.expires_at <= now {
        Refusal::Expired
    } else {
        Refusal::TriesUsedUp
    };
    Ok((reason, Some(code.id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_lower_case_hex_sha256() {
        // SHA-256 of "abc", from FIPS 180-2.
        assert_eq!(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(same_hash(&sha256_hex("x"), &sha256_hex("x")));
        assert!(!same_hash(&sha256_hex("x"), &sha256_hex("y")));
        assert!(!same_hash("ab", "abc"));
    }

    #[test]
    fn tokens_are_fresh_43_character_base64url() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'), "{a}");
    }
}
