//! Plain data shared by the store, the domain and the UI. Every type that crosses the IPC
//! boundary derives `TS`, so the UI's TypeScript types are generated from these definitions.
mod amount_words;
mod amount_words_hi;
mod backups;
mod devices;
mod entities;
mod filters;
mod forms;
mod health;
mod money;
mod paging;
mod session;
mod status;
mod tax;
mod trade;
mod upgrade;

pub use amount_words::rupees_in_words;
pub use amount_words_hi::rupees_in_words_hi;
pub use backups::{BackupFile, BackupFolder, BackupProgress, BackupRestored};
pub use devices::{Device, KioskServerStatus, PairedKiosk, PairingCode};
pub use entities::*;
pub use filters::{AuditFilter, BookingFilter, CylinderFilter};
pub use forms::{CustomerFields, ManualAssignment, MarkOutcome, NewCustomerInput, RegisterCylinders};
pub use health::DatabaseHealth;
pub use money::Money;
pub use paging::{Page, PageRequest};
pub use session::{AppInfo, KioskLanguage, KioskLink, SessionInfo, SessionUser};
pub use status::*;
pub use tax::{
    financial_year, financial_year_start, half_rate_percent, india, india_date, next_financial_year_start, parse_test_due, rate_percent,
    split_inclusive, test_due_stamp, TaxSplit,
};
pub use trade::{Connection, CylinderType, CylinderTypeInput, SaleDocument, TypeStock};
pub use upgrade::{UpgradePlan, UpgradeProgress};

/// Times are UTC everywhere below the UI; the UI shows them in local time.
pub type Timestamp = chrono::DateTime<chrono::Utc>;
