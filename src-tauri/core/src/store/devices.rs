//! The `devices` and `pairing_codes` tables (migration V8): kiosk PCs paired with the office,
//! and the short-lived codes that pair them. Only hashes of tokens and secrets are stored.
use super::rows::{db_time, opt_time_at, time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{Device, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

/// Upper bound on the kiosks list: an agency has a handful; this keeps the read bounded.
const MAX_DEVICES_LISTED: i64 = 500;

pub struct NewPairingCode<'a> {
    pub name: &'a str,
    /// Lower-case hex SHA-256 of the one-time secret.
    pub secret_hash: &'a str,
    pub fingerprint_prefix: &'a str,
    pub expires_at: Timestamp,
    pub tries_left: i64,
    /// The staff member who made it; `None` for the command line (System).
    pub made_by: Option<i64>,
}

/// A pairing code that may still be used: not used, not expired, tries left.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenPairingCode {
    pub id: i64,
    pub name: String,
    pub secret_hash: String,
    pub fingerprint_prefix: String,
}

/// A code that matched a presented secret, whatever its state (to say why it is refused).
#[derive(Debug, Clone, PartialEq)]
pub struct PairingCodeState {
    pub id: i64,
    pub secret_hash: String,
    pub fingerprint_prefix: String,
    pub expires_at: Timestamp,
    pub tries_left: i64,
    pub used: bool,
}

/// A device with the hash of its token, for the check of a presented token.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceWithHash {
    pub device: Device,
    pub token_hash: String,
}

const DEVICE_SELECT: &str = "SELECT id, name, paired_at, last_seen_at, revoked_at, token_hash FROM devices";

fn device_from_row(row: &Row<'_>) -> rusqlite::Result<Device> {
    Ok(Device {
        id: row.get(0)?,
        name: row.get(1)?,
        paired_at: time_at(row, 2)?,
        last_seen_at: opt_time_at(row, 3)?,
        revoked_at: opt_time_at(row, 4)?,
    })
}

impl Reader<'_> {
    pub fn device(&self, id: i64) -> Result<Option<Device>> {
        let sql = format!("{DEVICE_SELECT} WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], device_from_row).optional()?)
    }

    /// The device whose token hashes to `token_hash` (revoked or not).
    pub fn device_by_token_hash(&self, token_hash: &str) -> Result<Option<DeviceWithHash>> {
        let sql = format!("{DEVICE_SELECT} WHERE token_hash = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([token_hash], |r| Ok(DeviceWithHash { device: device_from_row(r)?, token_hash: r.get(5)? }))
            .optional()?)
    }

    /// Every device, newest first (bounded: see `MAX_DEVICES_LISTED`).
    pub fn list_devices(&self) -> Result<Vec<Device>> {
        let sql = format!("{DEVICE_SELECT} ORDER BY id DESC LIMIT ?1");
        let rows = self.conn.prepare_cached(&sql)?.query_map([MAX_DEVICES_LISTED], device_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Codes still open at `now`: unused, unexpired, with tries left (a handful at most).
    pub fn open_pairing_codes(&self, now: Timestamp) -> Result<Vec<OpenPairingCode>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, name, secret_hash, fingerprint_prefix FROM pairing_codes
                 WHERE used_at IS NULL AND tries_left > 0 AND expires_at > ?1 ORDER BY expires_at LIMIT 100",
            )?
            .query_map([db_time(now)], |r| {
                Ok(OpenPairingCode { id: r.get(0)?, name: r.get(1)?, secret_hash: r.get(2)?, fingerprint_prefix: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The newest `limit` codes, open or not: which of them a refused secret belonged to, if
    /// any, so the kiosk is told "expired" or "used" rather than "wrong".
    pub fn newest_pairing_codes(&self, limit: i64) -> Result<Vec<PairingCodeState>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, secret_hash, fingerprint_prefix, expires_at, tries_left, used_at IS NOT NULL FROM pairing_codes
                 ORDER BY id DESC LIMIT ?1",
            )?
            .query_map([limit], |r| {
                Ok(PairingCodeState {
                    id: r.get(0)?,
                    secret_hash: r.get(1)?,
                    fingerprint_prefix: r.get(2)?,
                    expires_at: time_at(r, 3)?,
                    tries_left: r.get(4)?,
                    used: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Writer<'_> {
    pub fn insert_pairing_code(&self, new: &NewPairingCode<'_>, now: Timestamp) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO pairing_codes (name, secret_hash, fingerprint_prefix, created_at, expires_at, tries_left, made_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                new.name,
                new.secret_hash,
                new.fingerprint_prefix,
                db_time(now),
                db_time(new.expires_at),
                new.tries_left,
                new.made_by
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// One wrong try against every code open at `now`. Returns how many codes it touched.
    pub fn use_a_try_of_open_pairing_codes(&self, now: Timestamp) -> Result<usize> {
        Ok(self
            .conn
            .prepare_cached(
                "UPDATE pairing_codes SET tries_left = tries_left - 1
                 WHERE used_at IS NULL AND tries_left > 0 AND expires_at > ?1",
            )?
            .execute([db_time(now)])?)
    }

    /// Marks an open code used by `device_id`; false if it was no longer open.
    pub fn mark_pairing_code_used(&self, id: i64, device_id: i64, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE pairing_codes SET used_at = ?3, device_id = ?2
                 WHERE id = ?1 AND used_at IS NULL AND tries_left > 0 AND expires_at > ?3",
            )?
            .execute(params![id, device_id, db_time(now)])?;
        Ok(changed == 1)
    }

    pub fn insert_device(&self, name: &str, token_hash: &str, now: Timestamp) -> Result<i64> {
        self.conn.prepare_cached("INSERT INTO devices (name, token_hash, paired_at) VALUES (?1, ?2, ?3)")?.execute(params![
            name,
            token_hash,
            db_time(now)
        ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Stamps a device seen at `now` unless it was seen after `unless_seen_after` (or revoked).
    /// Returns whether it wrote.
    pub fn touch_device(&self, id: i64, now: Timestamp, unless_seen_after: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE devices SET last_seen_at = ?2
                 WHERE id = ?1 AND revoked_at IS NULL AND (last_seen_at IS NULL OR last_seen_at <= ?3)",
            )?
            .execute(params![id, db_time(now), db_time(unless_seen_after)])?;
        Ok(changed == 1)
    }

    /// The ids of every device not revoked (a restore revokes them all).
    pub fn unrevoked_device_ids(&self) -> Result<Vec<i64>> {
        let ids = self
            .conn
            .prepare_cached("SELECT id FROM devices WHERE revoked_at IS NULL ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Revokes a device; false if it was revoked already (or does not exist).
    pub fn revoke_device(&self, id: i64, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached("UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")?
            .execute(params![id, db_time(now)])?;
        Ok(changed == 1)
    }
}
