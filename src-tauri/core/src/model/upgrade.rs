//! A schema upgrade of an older file, for the screen shown while it runs (decision 0016).
use serde::Serialize;
use ts_rs::TS;

/// What opening a file will upgrade, known before the upgrade starts: the window and the
/// command line say so instead of a blank wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpgradePlan {
    /// The schema version the file has now.
    pub from_version: i64,
    /// The schema version it is upgraded to (this program's newest).
    pub to_version: i64,
    /// Rows in the file of the tables upgrades work through (their largest row ids).
    pub customers: u64,
    pub cylinders: u64,
    pub bookings: u64,
    /// SQLite steps the upgrade is expected to take: the progress bar's 100 %.
    pub estimated_steps: u64,
}

/// How far an upgrade under way has come. `fraction` only grows; it stays at or below 0.99
/// while SQLite is still working (the estimate may be short) and is 1.0 once the upgrade has
/// been committed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct UpgradeProgress {
    #[ts(type = "number")]
    pub from_version: i64,
    #[ts(type = "number")]
    pub to_version: i64,
    /// 0.0 to 1.0.
    pub fraction: f64,
}

impl UpgradeProgress {
    /// Whole percent, for a screen or a log line (99 until the upgrade is committed).
    pub fn percent(&self) -> u32 {
        // In 0..=100 by construction; the cast cannot wrap.
        (self.fraction.clamp(0.0, 1.0) * 100.0).floor() as u32
    }
}
