//! Kiosk PCs paired with the office over the LAN (decision 0015): pairing codes, device tokens
//! (only their hashes are stored), the list staff see and revoking.
//!
//! STUBS: the signatures are fixed (the server, the kiosk client and the office screens are
//! written against them); the bodies are being built.
use super::{Actor, Desk};
use crate::error::{Error, Result};
use crate::model::{Device, PairedKiosk, PairingCode};

/// How long a pairing code stays valid.
pub const PAIRING_CODE_MINUTES: i64 = 10;
/// How many wrong tries a pairing code survives.
pub const PAIRING_CODE_TRIES: i64 = 5;

fn not_yet() -> Error {
    Error::Internal("kiosk pairing is not built yet".into())
}

impl Desk {
    /// Staff (or the command line, as System) make a pairing code for a kiosk called `name`. The
    /// code carries the prefix of `certificate_fingerprint`, the SHA-256 of the office's TLS
    /// certificate (`pairing_code::compose`). Audited.
    pub fn add_kiosk(&self, actor: &Actor, name: &str, certificate_fingerprint: &[u8; 32]) -> Result<PairingCode> {
        let _ = (actor, name, certificate_fingerprint);
        Err(not_yet())
    }

    /// A kiosk presents a code: a right, unexpired, unused code makes a device and its token
    /// (shown once); a wrong one uses up a try. `name` empty keeps the name staff gave. Audited.
    pub fn pair_kiosk(&self, code: &str, name: &str) -> Result<PairedKiosk> {
        let _ = (code, name);
        Err(not_yet())
    }

    /// The device a token belongs to, or `UnknownDevice` (no such token, or revoked).
    pub fn device_for_token(&self, token: &str) -> Result<Device> {
        let _ = token;
        Err(Error::UnknownDevice)
    }

    /// Every kiosk ever paired, newest first (staff).
    pub fn list_kiosks(&self, actor: &Actor) -> Result<Vec<Device>> {
        let _ = actor;
        Err(not_yet())
    }

    /// Removes a kiosk: its token is refused from now on (staff or System). Audited.
    pub fn revoke_kiosk(&self, actor: &Actor, device_id: i64) -> Result<Device> {
        let _ = (actor, device_id);
        Err(not_yet())
    }
}
