//! The agency's rules. [`Desk`] is the one entry point: every operation takes the acting
//! [`Actor`], checks what that actor may do, runs as one store transaction and is audited.
mod actor;
mod auth;
mod backups;
mod booking;
mod complaints;
mod customers;
mod dashboard;
pub mod demo;
pub mod gateway;
mod health;
mod inventory;
mod login_throttle;
mod overrides;
mod passwords;
mod refunds;
mod settings;
mod validate;

pub use actor::Actor;
pub use backups::backup_due;
pub use customers::{CustomerFields, NewCustomerInput};
pub use gateway::{Charge, ChargeRequest, FailingGateway, GatewayError, MockRazorpay, PaymentGateway};
pub use inventory::{MarkOutcome, RegisterCylinders, MAX_BATCH as MAX_REGISTER_BATCH};
pub use login_throttle::{Terminal, LOCK_AFTER_FAILURES, LOCK_SECONDS, TERMINAL_LOCK_AFTER_FAILURES};
pub use overrides::ManualAssignment;
pub use passwords::PasswordCost;

use crate::model::Timestamp;
use crate::store::Db;
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

    fn now(&self) -> Timestamp {
        self.clock.now()
    }
}
