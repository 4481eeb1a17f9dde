//! The one error type of the core. Every variant has a stable code (what the UI branches on)
//! and a plain message (what a person reads). Storage details never reach the message.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{message}")]
    Invalid { field: &'static str, message: String },
    #[error("{0} was not found.")]
    NotFound(&'static str),
    #[error("You are not allowed to do that.")]
    Forbidden,
    #[error("Please log in first.")]
    NotLoggedIn,
    #[error("Wrong username or password.")]
    BadCredentials,
    #[error("Too many failed attempts. Try again in {retry_after_secs} seconds.")]
    Throttled { retry_after_secs: i64 },
    #[error("Sorry, no filled cylinders are available right now. You have not been charged.")]
    OutOfStock,
    #[error("The payment did not go through ({reason}). You have not been charged and nothing was booked.")]
    PaymentFailed { reason: String },
    #[error("{0}")]
    Conflict(String),
    #[error("The first staff account already exists.")]
    AlreadySetUp,
    #[error("This database was written by a newer GasDesk (schema version {found}; this program knows up to {supported}). Please update GasDesk.")]
    IncompatibleVersion { found: i64, supported: i64 },
    #[error("The database is busy. Please try again.")]
    Busy,
    #[error("The database could not complete the request.")]
    Storage(#[source] rusqlite::Error),
    #[error("The database could not be opened: {0}")]
    Open(String),
    /// A backup refused by `restore` or its check: missing, not a database, damaged, or with a
    /// schema other than GasDesk's own. The message names the file and what is wrong with it.
    #[error("{0}")]
    BadBackup(String),
    /// A failure that is not about the input or the database (a backup folder that cannot be
    /// made, a hashing library error). The detail is for the log; the person gets a plain line.
    #[error("GasDesk could not finish that ({0}).")]
    Internal(String),
    /// SQLite found the file damaged (a page overwritten, a file that is not a database). The
    /// desk remembers it and pauses bookings; staff see what to restore (`domain/health.rs`).
    #[error("The agency's records are damaged, so this cannot be done now. Please ask the staff.")]
    Damaged(#[source] rusqlite::Error),
    /// A booking refused because the database was found damaged: nothing reserved or charged.
    #[error("Bookings are paused: the agency's records need attention. You have not been charged. Please ask the staff.")]
    BookingsPaused,
    /// A request from a kiosk PC whose device token is unknown or revoked (LAN server).
    #[error("This kiosk is not paired with the office, or was removed. Please ask the staff to pair it again.")]
    UnknownDevice,
    /// The kiosk cannot reach the office PC: nothing was done there.
    #[error("The office PC cannot be reached. Bookings are paused until it is back.")]
    OfficeOffline,
    /// A booking was sent to the office but its reply was lost: it may have been made. The kiosk
    /// asks again with the same idempotency key; it never says "failed".
    #[error("We could not hear back from the office about this booking yet. Please do not pay again: we are checking it.")]
    OutcomeUnknown,
    /// The office runs another major version of the kiosk API.
    #[error("This kiosk needs an update to work with the office PC (office API {office}, kiosk API {kiosk}). Please update this kiosk.")]
    UpdateKiosk { office: String, kiosk: String },
    /// A refill refused by the refill rules (too soon after the last, or the yearly cap
    /// reached), before anything was reserved or charged. The message says when it can be.
    #[error("{0}")]
    RefillRule(String),
}

/// Stable codes for the UI and scripts. Never renamed once shipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum ErrorCode {
    Invalid,
    NotFound,
    Forbidden,
    NotLoggedIn,
    BadCredentials,
    Throttled,
    OutOfStock,
    PaymentFailed,
    Conflict,
    AlreadySetUp,
    IncompatibleVersion,
    Busy,
    Storage,
    Internal,
    Damaged,
    UnknownDevice,
    OfficeOffline,
    OutcomeUnknown,
    UpdateKiosk,
    RefillRule,
}

/// What crosses the IPC boundary: `{ code, message, field }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about, so the UI can show it beside that field.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { field, message: message.into() }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Invalid { .. } | Error::BadBackup(_) => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::NotLoggedIn => ErrorCode::NotLoggedIn,
            Error::BadCredentials => ErrorCode::BadCredentials,
            Error::Throttled { .. } => ErrorCode::Throttled,
            Error::OutOfStock => ErrorCode::OutOfStock,
            Error::RefillRule(_) => ErrorCode::RefillRule,
            Error::PaymentFailed { .. } => ErrorCode::PaymentFailed,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::AlreadySetUp => ErrorCode::AlreadySetUp,
            Error::IncompatibleVersion { .. } => ErrorCode::IncompatibleVersion,
            Error::Busy => ErrorCode::Busy,
            Error::Storage(_) | Error::Open(_) => ErrorCode::Storage,
            Error::Internal(_) => ErrorCode::Internal,
            Error::Damaged(_) | Error::BookingsPaused => ErrorCode::Damaged,
            Error::UnknownDevice => ErrorCode::UnknownDevice,
            Error::OfficeOffline => ErrorCode::OfficeOffline,
            Error::OutcomeUnknown => ErrorCode::OutcomeUnknown,
            Error::UpdateKiosk { .. } => ErrorCode::UpdateKiosk,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let field = match self {
            Error::Invalid { field, .. } => Some((*field).to_string()),
            _ => None,
        };
        ErrorPayload { code: self.code(), message: self.to_string(), field }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::Busy,
            Some(C::DatabaseCorrupt) | Some(C::NotADatabase) => Error::Damaged(e),
            _ => Error::Storage(e),
        }
    }
}
