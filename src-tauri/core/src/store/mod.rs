//! The SQLite store. Every SQL statement of GasDesk lives under this module, behind methods on
//! [`Reader`] (read-only) and [`Writer`] (inside an IMMEDIATE transaction), named for what they
//! do. Nothing above this module knows that the data is in SQLite, or where the file is.
//!
//! The connection and its transactions are in `connection.rs`, the demo generator's bulk load
//! in `bulk.rs`, statement tracing and query plans in `diagnostics.rs`, the integrity check in
//! `integrity.rs` (with the product's rules in `checks.rs`); one file per table or concern holds
//! the queries.
mod audit;
mod backup;
mod backup_files;
mod bookings;
mod bulk;
mod checks;
mod complaints;
mod connection;
mod connections;
mod credentials;
mod customers;
mod cylinder_types;
mod cylinders;
mod dashboard;
mod devices;
mod diagnostics;
mod documents;
mod files;
mod health;
mod integrity;
mod migrate;
mod payments;
mod refunds;
mod rows;
mod schema_check;
mod settings;
mod staff;
mod throttle;
mod upgrade;

pub use audit::NewAuditEntry;
pub use backup::{
    back_up, back_up_reporting, check_backup, database_bytes_in_use, partial_backup_path, restore_from, BackupStage, Restored,
};
pub use backup_files::{find_backup_file, is_backup_name, list_backup_files, new_backup_path, prune_backup_files};
pub use bookings::{booking_reference, parse_booking_reference, BookingState, KeyedBooking, NewBooking, PendingBooking};
pub use complaints::OpenComplaintCounts;
pub use connection::{Db, Reader, Writer};
pub use connections::{ConnectionRow, RefillHistory};
pub use credentials::Credentials;
pub use customers::{NewCustomer, ProfileFields};
pub use cylinder_types::TypeFields;
pub use dashboard::TypeStockRow;
pub use devices::{DeviceWithHash, NewPairingCode, OpenPairingCode, PairingCodeState};
pub use documents::{DocumentRow, NewDocument};
pub use health::{quick_check_problems, DamageRecord};
pub use migrate::LATEST_VERSION;
pub use payments::{NewPayment, PaymentState};
pub use refunds::{NewRefund, OpenRefund, WatchedCharge};
pub use rows::{db_time, parse_db_time};
pub use throttle::{ThrottleKey, ThrottleState};
pub use upgrade::pending_upgrade;

use connection::BUSY_TIMEOUT;
