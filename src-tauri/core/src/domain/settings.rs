//! Settings: typed here, stored as text by the store, defaults written by the first migration.
use super::actor::{audit, Actor};
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{PublicSettings, Settings};
use crate::store::Reader;
use std::collections::HashMap;

const LOW_STOCK: &str = "low_stock_threshold";
const KIOSK_IDLE: &str = "kiosk_idle_seconds";
const ADMIN_RELOCK: &str = "admin_relock_seconds";
const AGENCY_NAME: &str = "agency_name";
const HELPLINE: &str = "emergency_helpline";
const LEASE: &str = "reservation_lease_seconds";
const MAX_OPEN_COMPLAINTS: &str = "max_open_complaints";
/// Enough for a real problem or two; a missing row (databases before the setting) means this.
const DEFAULT_MAX_OPEN_COMPLAINTS: i64 = 3;
pub(super) const BACKUP_FOLDER: &str = "backup_folder";
pub(super) const BACKUP_EVERY_HOURS: &str = "backup_every_hours";
pub(super) const BACKUPS_TO_KEEP: &str = "backups_to_keep";
/// Daily, and two weeks of them (rows missing on older databases mean these).
const DEFAULT_BACKUP_EVERY_HOURS: i64 = 24;
const DEFAULT_BACKUPS_TO_KEEP: i64 = 14;
const SERVE_KIOSKS: &str = "serve_kiosks";
const KIOSK_PORT: &str = "kiosk_port";
/// Off and 7443 unless staff change them (rows missing on older databases mean these).
const DEFAULT_SERVE_KIOSKS: bool = false;
pub const DEFAULT_KIOSK_PORT: i64 = 7443;
const DEFAULT_AGENCY_NAME: &str = "GasDesk LPG Agency";
const LEGAL_NAME: &str = "legal_name";
const AGENCY_ADDRESS: &str = "agency_address";
const GSTIN: &str = "gstin";
const AGENCY_STATE: &str = "agency_state";
const REFILL_GAP_DAYS: &str = "refill_gap_days";
const REFILLS_PER_YEAR: &str = "refills_per_year";
const TEST_DUE_MARGIN_DAYS: &str = "test_due_margin_days";
/// The refill rules and the test-due margin (migration V9 writes them too).
const DEFAULT_REFILL_GAP_DAYS: i64 = 25;
const DEFAULT_REFILLS_PER_YEAR: i64 = 15;
const DEFAULT_TEST_DUE_MARGIN_DAYS: i64 = 30;

/// The rules a booking is checked against, read together.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TradeRules {
    pub refill_gap_days: i64,
    pub refills_per_year: i64,
    pub test_due_margin_days: i64,
    pub lease_seconds: i64,
}

fn int_of(all: &HashMap<String, String>, key: &str, default: i64) -> i64 {
    all.get(key).and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Stored as `1` or `0`.
fn flag_of(all: &HashMap<String, String>, key: &str, default: bool) -> bool {
    all.get(key).map_or(default, |v| v == "1")
}

fn text_of(all: &HashMap<String, String>, key: &str, default: &str) -> String {
    all.get(key).cloned().unwrap_or_else(|| default.to_owned())
}

fn bounded(field: &'static str, value: i64, min: i64, max: i64, what: &str) -> Result<i64> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(Error::invalid(field, format!("The {what} must be between {min} and {max}.")))
    }
}

/// Empty (the `backups` folder beside the database) or a full path: a relative one would depend
/// on the folder GasDesk happened to be started from.
fn backup_folder(raw: &str) -> Result<String> {
    if raw.trim().is_empty() {
        return Ok(String::new());
    }
    let folder = validate::line("backup_folder", raw, 1, 500, "backup folder")?;
    if !std::path::Path::new(&folder).is_absolute() {
        return Err(Error::invalid(
            "backup_folder",
            "The backup folder must be a full path, such as E:\\GasDesk backups or /media/usb/gasdesk-backups, or empty for the folder beside the database.",
        ));
    }
    Ok(folder)
}

impl Desk {
    pub(crate) fn read_settings(&self, r: &Reader<'_>) -> Result<Settings> {
        let all = r.all_settings()?;
        Ok(Settings {
            low_stock_threshold: int_of(&all, LOW_STOCK, 20),
            kiosk_idle_seconds: int_of(&all, KIOSK_IDLE, 90),
            admin_relock_seconds: int_of(&all, ADMIN_RELOCK, 300),
            agency_name: text_of(&all, AGENCY_NAME, DEFAULT_AGENCY_NAME),
            emergency_helpline: text_of(&all, HELPLINE, "1906"),
            max_open_complaints: int_of(&all, MAX_OPEN_COMPLAINTS, DEFAULT_MAX_OPEN_COMPLAINTS),
            backup_folder: text_of(&all, BACKUP_FOLDER, ""),
            backup_every_hours: int_of(&all, BACKUP_EVERY_HOURS, DEFAULT_BACKUP_EVERY_HOURS),
            backups_to_keep: int_of(&all, BACKUPS_TO_KEEP, DEFAULT_BACKUPS_TO_KEEP),
            serve_kiosks: flag_of(&all, SERVE_KIOSKS, DEFAULT_SERVE_KIOSKS),
            kiosk_port: int_of(&all, KIOSK_PORT, DEFAULT_KIOSK_PORT),
            legal_name: text_of(&all, LEGAL_NAME, DEFAULT_AGENCY_NAME),
            agency_address: text_of(&all, AGENCY_ADDRESS, ""),
            gstin: text_of(&all, GSTIN, ""),
            agency_state: text_of(&all, AGENCY_STATE, ""),
            refill_gap_days: int_of(&all, REFILL_GAP_DAYS, DEFAULT_REFILL_GAP_DAYS),
            refills_per_year: int_of(&all, REFILLS_PER_YEAR, DEFAULT_REFILLS_PER_YEAR),
            test_due_margin_days: int_of(&all, TEST_DUE_MARGIN_DAYS, DEFAULT_TEST_DUE_MARGIN_DAYS),
        })
    }

    /// How many Pending complaints one customer may have at once.
    pub(crate) fn max_open_complaints(&self, r: &Reader<'_>) -> Result<i64> {
        Ok(r.setting(MAX_OPEN_COMPLAINTS)?.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_MAX_OPEN_COMPLAINTS))
    }

    /// The refill rules, the test-due margin and how long a Pending booking may wait for its
    /// payment before it is reconciled: one read, as every booking needs them all.
    pub(crate) fn trade_rules(&self, r: &Reader<'_>) -> Result<TradeRules> {
        let all = r.all_settings()?;
        Ok(TradeRules {
            refill_gap_days: int_of(&all, REFILL_GAP_DAYS, DEFAULT_REFILL_GAP_DAYS),
            refills_per_year: int_of(&all, REFILLS_PER_YEAR, DEFAULT_REFILLS_PER_YEAR),
            test_due_margin_days: int_of(&all, TEST_DUE_MARGIN_DAYS, DEFAULT_TEST_DUE_MARGIN_DAYS),
            lease_seconds: int_of(&all, LEASE, 120),
        })
    }

    /// Every setting, for staff, or for the program itself (the office window reads at start
    /// whether to serve kiosks, before anyone has unlocked).
    pub fn settings(&self, actor: &Actor) -> Result<Settings> {
        actor.require_staff_or_system()?;
        self.db.read(|r| self.read_settings(r))
    }

    /// What a kiosk shows before anyone logs in.
    pub fn public_settings(&self) -> Result<PublicSettings> {
        self.db.read(|r| {
            let s = self.read_settings(r)?;
            Ok(PublicSettings {
                agency_name: s.agency_name,
                emergency_helpline: s.emergency_helpline,
                kiosk_idle_seconds: s.kiosk_idle_seconds,
                admin_relock_seconds: s.admin_relock_seconds,
                is_set_up: r.staff_count()? > 0,
            })
        })
    }

    pub fn update_settings(&self, actor: &Actor, new: &Settings) -> Result<Settings> {
        actor.require_staff()?;
        let low_stock = bounded("low_stock_threshold", new.low_stock_threshold, 0, 100_000, "low-stock threshold")?;
        let kiosk_idle = bounded("kiosk_idle_seconds", new.kiosk_idle_seconds, 15, 3600, "kiosk idle timeout (seconds)")?;
        let relock = bounded("admin_relock_seconds", new.admin_relock_seconds, 30, 86_400, "admin relock timeout (seconds)")?;
        let max_open = bounded("max_open_complaints", new.max_open_complaints, 1, 20, "number of open complaints per customer")?;
        let every_hours = bounded("backup_every_hours", new.backup_every_hours, 1, 168, "hours between backups")?;
        let keep = bounded("backups_to_keep", new.backups_to_keep, 1, 365, "number of backups to keep")?;
        // Below 1024 needs administrator rights on most systems.
        let kiosk_port = bounded("kiosk_port", new.kiosk_port, 1024, 65_535, "port for kiosks")?;
        let backup_folder = backup_folder(&new.backup_folder)?;
        let agency = validate::line("agency_name", &new.agency_name, 1, 100, "agency name")?;
        let helpline = validate::line("emergency_helpline", &new.emergency_helpline, 3, 20, "helpline number")?;
        if !helpline.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ')) {
            return Err(Error::invalid("emergency_helpline", "The helpline is a phone number: digits, +, - and spaces."));
        }
        let legal_name = validate::line("legal_name", &new.legal_name, 1, 100, "legal name")?;
        let address = validate::paragraph("agency_address", &new.agency_address, 0, 300, "address")?;
        let gstin = super::gstin::checked("gstin", &new.gstin)?;
        let state = validate::paragraph("agency_state", &new.agency_state, 0, 60, "state")?;
        let gap = bounded("refill_gap_days", new.refill_gap_days, 0, 365, "days between refills")?;
        // No real upper limit: an agency may in effect turn the cap off.
        let per_year = bounded("refills_per_year", new.refills_per_year, 1, 1_000_000, "number of refills per year")?;
        let margin = bounded("test_due_margin_days", new.test_due_margin_days, 0, 365, "days before the test date")?;
        let now = self.now();
        self.db.write(|w| {
            let before = self.read_settings(w)?;
            w.put_setting(LEGAL_NAME, &legal_name)?;
            w.put_setting(AGENCY_ADDRESS, &address)?;
            w.put_setting(GSTIN, &gstin)?;
            w.put_setting(AGENCY_STATE, &state)?;
            w.put_setting(REFILL_GAP_DAYS, &gap.to_string())?;
            w.put_setting(REFILLS_PER_YEAR, &per_year.to_string())?;
            w.put_setting(TEST_DUE_MARGIN_DAYS, &margin.to_string())?;
            w.put_setting(LOW_STOCK, &low_stock.to_string())?;
            w.put_setting(KIOSK_IDLE, &kiosk_idle.to_string())?;
            w.put_setting(ADMIN_RELOCK, &relock.to_string())?;
            w.put_setting(AGENCY_NAME, &agency)?;
            w.put_setting(HELPLINE, &helpline)?;
            w.put_setting(MAX_OPEN_COMPLAINTS, &max_open.to_string())?;
            w.put_setting(BACKUP_FOLDER, &backup_folder)?;
            w.put_setting(BACKUP_EVERY_HOURS, &every_hours.to_string())?;
            w.put_setting(BACKUPS_TO_KEEP, &keep.to_string())?;
            w.put_setting(SERVE_KIOSKS, if new.serve_kiosks { "1" } else { "0" })?;
            w.put_setting(KIOSK_PORT, &kiosk_port.to_string())?;
            let after = self.read_settings(w)?;
            audit(w, actor, "settings.update", ("settings", 0), Some(&before), Some(&after), now)?;
            Ok(after)
        })
    }

    /// Sets the refill rules alone: the demo generator, whose history is faster than they allow,
    /// and test fixtures and benchmarks that book one customer thousands of times. Staff use the
    /// settings screen.
    pub fn set_refill_rules(&self, actor: &Actor, gap_days: i64, per_year: i64) -> Result<()> {
        actor.require_staff_or_system()?;
        let gap = bounded("refill_gap_days", gap_days, 0, 365, "days between refills")?;
        let per_year = bounded("refills_per_year", per_year, 1, 1_000_000, "number of refills per year")?;
        let now = self.now();
        self.db.write(|w| {
            w.put_setting(REFILL_GAP_DAYS, &gap.to_string())?;
            w.put_setting(REFILLS_PER_YEAR, &per_year.to_string())?;
            let after = serde_json::json!({ "refill_gap_days": gap, "refills_per_year": per_year });
            audit(w, actor, "settings.refill_rules", ("settings", 0), super::actor::NOTHING, Some(&after), now)
        })
    }

    /// Sets how long an unpaid reservation is held (support and tests; not on any screen).
    pub fn set_reservation_lease_seconds(&self, actor: &Actor, seconds: i64) -> Result<()> {
        actor.require_staff_or_system()?;
        let seconds = bounded("reservation_lease_seconds", seconds, 0, 3600, "reservation lease")?;
        self.db.write(|w| w.put_setting(LEASE, &seconds.to_string()))
    }
}
