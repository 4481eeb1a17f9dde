//! The agency's rules. [`Desk`] is the one entry point: every operation takes the acting
//! [`Actor`], checks what that actor may do, runs as one store transaction and is audited.
mod actor;
mod auth;
mod backups;
mod booking;
mod booking_once;
mod complaints;
mod connections;
mod customers;
mod cylinder_types;
mod dashboard;
pub mod demo;
mod devices;
mod documents;
pub mod gateway;
mod gstin;
mod health;
mod inventory;
mod login_throttle;
mod overrides;
pub mod pairing_code;
mod passwords;
mod refunds;
mod settings;
mod validate;

pub use actor::Actor;
pub use backups::{backup_due, restore_database, BackupTarget};
pub use booking_once::device_scoped_key;
pub use devices::{PAIRING_CODE_MINUTES, PAIRING_CODE_TRIES};
pub use gateway::{Charge, ChargeRequest, FailingGateway, GatewayError, MockRazorpay, PaymentGateway};
pub use health::FileReport;
pub use inventory::MAX_BATCH as MAX_REGISTER_BATCH;
pub use login_throttle::{Terminal, LOCK_AFTER_FAILURES, LOCK_SECONDS, TERMINAL_LOCK_AFTER_FAILURES};
pub use passwords::PasswordCost;
pub use settings::DEFAULT_KIOSK_PORT;

use crate::error::{Error, Result};
use crate::model::{Timestamp, UpgradePlan, UpgradeProgress};
use crate::store::Db;
use std::path::Path;
use std::sync::Arc;

/// Where "now" comes from, so tests can move time (lock-outs, lapsed reservations).
pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        chrono::Utc::now()
    }
}

#[derive(Debug, Clone, Copy)]
pub struct DeskConfig {
    pub password_cost: PasswordCost,
}

impl Default for DeskConfig {
    fn default() -> Self {
        DeskConfig { password_cost: PasswordCost::Production }
    }
}

/// The agency's front desk: the database, the payment gateway and the clock.
pub struct Desk {
    db: Db,
    gateway: Arc<dyn PaymentGateway>,
    clock: Arc<dyn Clock>,
    config: DeskConfig,
}

impl Desk {
    pub fn new(db: Db, gateway: Arc<dyn PaymentGateway>) -> Desk {
        Desk { db, gateway, clock: Arc::new(SystemClock), config: DeskConfig::default() }
    }

    /// Opens (creating if needed) the database file and brings its schema up to date: the
    /// front door for the window and the command line, which never touch the store.
    pub fn open(path: &Path, gateway: Arc<dyn PaymentGateway>) -> Result<Desk> {
        Ok(Desk::new(Db::open(path)?, gateway))
    }

    /// Whether opening the file at `path` will first upgrade its schema, and how much work that
    /// is: the window shows its upgrading screen and the command line its progress lines then.
    pub fn pending_upgrade(path: &Path) -> Result<Option<UpgradePlan>> {
        crate::store::pending_upgrade(path)
    }

    /// [`Desk::open`], telling `progress` how far an upgrade of an older file has come (growing
    /// fractions, 1.0 once it is committed); not called when there is nothing to upgrade.
    pub fn open_with_progress(path: &Path, gateway: Arc<dyn PaymentGateway>, progress: &mut dyn FnMut(UpgradeProgress)) -> Result<Desk> {
        Ok(Desk::new(Db::open_with_progress(path, progress)?, gateway))
    }

    /// A private database in memory (tests of the shell and the core).
    pub fn in_memory(gateway: Arc<dyn PaymentGateway>) -> Result<Desk> {
        Ok(Desk::new(Db::open_in_memory()?, gateway))
    }

    /// [`Desk::open`] on a database that must already be there (`gasdesk backup`): a mistyped
    /// path is an error, not a new empty database.
    pub fn open_existing(path: &Path, gateway: Arc<dyn PaymentGateway>) -> Result<Desk> {
        Desk::open_existing_with_progress(path, gateway, &mut |_| {})
    }

    /// [`Desk::open_existing`] with [`Desk::open_with_progress`]'s report of an upgrade.
    pub fn open_existing_with_progress(
        path: &Path,
        gateway: Arc<dyn PaymentGateway>,
        progress: &mut dyn FnMut(UpgradeProgress),
    ) -> Result<Desk> {
        if !path.is_file() {
            return Err(Error::Open(format!("there is no database at {}", path.display())));
        }
        Desk::open_with_progress(path, gateway, progress)
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Desk {
        self.clock = clock;
        self
    }

    pub fn with_config(mut self, config: DeskConfig) -> Desk {
        self.config = config;
        self
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn gateway_name(&self) -> &'static str {
        self.gateway.name()
    }

    /// The schema version this program writes (the LAN server's health reports it).
    pub fn schema_version(&self) -> i64 {
        crate::store::LATEST_VERSION
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
