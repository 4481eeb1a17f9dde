//! Kiosk PCs paired with the office (decision 0015): what staff see in the Kiosks list, and the
//! code they read out to pair a new one.
use super::Timestamp;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A paired kiosk PC. The office keeps only a hash of its token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Device {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub paired_at: Timestamp,
    /// The last request from it (updated at most about once a minute).
    pub last_seen_at: Option<Timestamp>,
    /// Set when staff removed it: every request from it is refused from then on.
    pub revoked_at: Option<Timestamp>,
}

/// A pairing code made by staff, valid for a few minutes and a few tries (`add_kiosk`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PairingCode {
    /// `XXXX-XXXX-XXXX-XXXX` (`domain::pairing_code`).
    pub code: String,
    /// The name the kiosk will have unless it gives one.
    pub name: String,
    pub expires_at: Timestamp,
}

/// A kiosk just paired: its row and its token, which is shown this once and never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairedKiosk {
    pub device: Device,
    pub token: String,
}

/// Whether the office serves kiosks on the LAN now, for the Kiosks screen (`kiosk_server`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KioskServerStatus {
    /// True while the server accepts kiosks.
    pub serving: bool,
    /// `host:port` a kiosk PC can reach this office at (one per LAN address); empty when not
    /// serving.
    pub addresses: Vec<String>,
    /// The SHA-256 of the office's certificate in hex (lower case), so staff can compare it
    /// with what a kiosk shows; empty when there is no certificate yet.
    pub fingerprint: String,
    /// Why the server could not start (the port is taken, say), if the last start failed.
    pub error: Option<String>,
}
