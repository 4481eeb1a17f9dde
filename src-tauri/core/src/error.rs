//! The one error type of the core. Every variant has a stable code (what the UI branches on)
//! and a plain message (what a person reads). Storage details never reach the message.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Money;

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
    /// The price of the refill changed after the customer was shown it: nothing was charged.
    #[error(
        "The price has changed to {price} (you were shown {shown}). Nothing was charged. Please check the new price and confirm again."
    )]
    PriceChanged { price: Money, shown: Money },
    /// Another booking of the customer is still waiting for its payment.
    #[error("A booking of yours is already waiting for its payment. Please wait a moment.")]
    BookingPending,
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
    /// reached), before anything was reserved or charged. The message says when it can be;
    /// `detail` says the same in typed fields, for a UI that shows it in another language.
    #[error("{message}")]
    RefillRule { message: String, detail: ErrorDetail },
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

/// The finer, stable reason of an error whose code covers several cases a customer can meet,
/// with the data a message about it needs. The customer screens build their words from this
/// (in the chosen language); `message` stays the English text for staff and logs. Tagged by
/// `reason`, a name that is never changed once shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "reason")]
#[ts(export)]
pub enum ErrorDetail {
    /// The connection had all its refills of the financial year (April to March).
    RefillYearCap {
        type_name: String,
        #[ts(type = "number")]
        refills_per_year: i64,
        /// `YYYY-MM-DD`, an Indian calendar day.
        next_from: String,
    },
    /// Too soon after the last refill.
    RefillGap {
        type_name: String,
        /// `YYYY-MM-DD`: the day of the last refill.
        last_refill: String,
        #[ts(type = "number")]
        gap_days: i64,
        /// `YYYY-MM-DD`: the first day the next refill can be booked.
        next_from: String,
    },
    /// Too many failed log-ins: wait this long.
    Throttled {
        #[ts(type = "number")]
        retry_after_secs: i64,
    },
    /// The price changed since the customer was shown it (code Conflict).
    PriceChanged { price: Money, shown: Money },
    /// Another booking is waiting for its payment (code Conflict).
    BookingPending,
    /// Bookings are paused because the records are damaged (code Damaged).
    BookingsPaused,
}

/// What crosses the IPC boundary: `{ code, message, field, detail }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// The input field the error is about, so the UI can show it beside that field.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The finer reason and its data, when the code alone cannot say it (see `ErrorDetail`).
    /// Boxed: every command's `Err` carries a payload, and most have no detail.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<Box<ErrorDetail>>,
}

impl ErrorPayload {
    /// A payload without a finer reason (what the shell and the LAN layers refuse with).
    pub fn plain(code: ErrorCode, message: impl Into<String>, field: Option<&str>) -> Self {
        ErrorPayload { code, message: message.into(), field: field.map(str::to_owned), detail: None }
    }
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
            Error::RefillRule { .. } => ErrorCode::RefillRule,
            Error::PaymentFailed { .. } => ErrorCode::PaymentFailed,
            Error::Conflict(_) | Error::PriceChanged { .. } | Error::BookingPending => ErrorCode::Conflict,
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
        ErrorPayload { code: self.code(), message: self.to_string(), field, detail: self.detail().map(Box::new) }
    }

    /// The typed reason behind the message, for the errors a customer can meet in several forms.
    pub fn detail(&self) -> Option<ErrorDetail> {
        match self {
            Error::RefillRule { detail, .. } => Some(detail.clone()),
            Error::Throttled { retry_after_secs } => Some(ErrorDetail::Throttled { retry_after_secs: *retry_after_secs }),
            Error::PriceChanged { price, shown } => Some(ErrorDetail::PriceChanged { price: *price, shown: *shown }),
            Error::BookingPending => Some(ErrorDetail::BookingPending),
            Error::BookingsPaused => Some(ErrorDetail::BookingsPaused),
            _ => None,
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_with_data_carries_its_reason_and_fields_beside_the_english_message() {
        let err = Error::PriceChanged { price: Money::from_rupees(1100), shown: Money::from_rupees(1000) };
        let json = serde_json::to_value(err.payload()).expect("a payload serialises");
        assert_eq!(json["code"], "Conflict");
        assert_eq!(json["detail"]["reason"], "PriceChanged");
        assert_eq!(json["detail"]["price"], "1100.00");
        assert_eq!(json["detail"]["shown"], "1000.00");
        assert!(json["message"].as_str().unwrap_or("").starts_with("The price has changed to"), "{json}");
    }

    #[test]
    fn throttling_pending_bookings_and_paused_bookings_say_which_case_they_are() {
        assert_eq!(Error::Throttled { retry_after_secs: 42 }.detail(), Some(ErrorDetail::Throttled { retry_after_secs: 42 }));
        assert_eq!(Error::BookingPending.detail(), Some(ErrorDetail::BookingPending));
        assert_eq!(Error::BookingPending.code(), ErrorCode::Conflict);
        assert_eq!(Error::BookingsPaused.payload().detail.as_deref(), Some(&ErrorDetail::BookingsPaused));
        assert_eq!(Error::BookingsPaused.code(), ErrorCode::Damaged);
    }

    #[test]
    fn a_payload_without_a_reason_leaves_the_detail_out_and_reads_back_the_same() {
        let plain = Error::OutOfStock.payload();
        assert_eq!(plain.detail, None);
        let json = serde_json::to_string(&plain).expect("a payload serialises");
        assert!(!json.contains("detail"), "{json}");
        let refill = Error::RefillRule {
            message: "Your last refill was on 2 Nov 2026.".into(),
            detail: ErrorDetail::RefillGap {
                type_name: "14.2 kg".into(),
                last_refill: "2026-11-02".into(),
                gap_days: 25,
                next_from: "2026-11-27".into(),
            },
        }
        .payload();
        let back: ErrorPayload = serde_json::from_str(&serde_json::to_string(&refill).expect("serialises")).expect("reads back");
        assert_eq!(back, refill);
        assert_eq!(ErrorPayload::plain(ErrorCode::Forbidden, "No.", Some("x")).field.as_deref(), Some("x"));
    }
}
