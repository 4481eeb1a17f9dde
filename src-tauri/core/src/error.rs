//! The one error type of the core. Every variant has a stable code (what the UI branches on)
//! and a plain message (what a person reads). Storage details never reach the message.
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ComplaintStatus, Money};

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
    /// The customer has as many Pending complaints as the setting `max_open_complaints` allows
    /// (a gas leak is always taken, so never refused by this).
    #[error("{}", too_many_open_complaints(*max_open))]
    TooManyOpenComplaints { max_open: i64 },
    /// A customer may withdraw only a Pending complaint; this one is no longer Pending.
    #[error("This complaint is already {status}.")]
    ComplaintClosed { status: ComplaintStatus },
    /// A booking that was cancelled (its lease lapsed, or staff cancelled it) before any money
    /// was taken: a repeat of its request hears that nothing was charged.
    #[error("This booking did not go through, and you were not charged for it. You can book again.")]
    BookingNotCharged,
    /// A booking cancelled while or after its payment was taken: the money goes back.
    /// `refunded`: the gateway confirmed the refund (else it is under way and the agency follows
    /// it up). `during_payment`: found cancelled when its own payment came back (else a repeat
    /// of its request, or a late answer, learns it afterwards).
    #[error("{}", booking_cancelled_message(*amount, *refunded, *during_payment))]
    BookingCancelled { amount: Money, refunded: bool, during_payment: bool },
    /// A booking request key already used by another customer (a repeat that never should be).
    #[error("This booking request was already used for another customer. Nothing was booked or charged. Please start the booking again.")]
    BookingKeyUsed,
    /// The cylinder picked for a booking was taken meanwhile (cannot happen under the write lock).
    #[error("That cylinder was just taken. Please try again.")]
    CylinderTaken,
    /// A receipt asked for a booking that is not Completed.
    #[error("Only a completed booking has a receipt.")]
    NoReceiptYet,
    /// A booking for a kind of cylinder the customer has no connection for (code Invalid).
    #[error("You have no connection for that kind of cylinder. Please ask the agency staff.")]
    NoConnectionOfType,
    /// A customer with several connections booked without saying which (code Invalid).
    #[error("Please choose which of your connections to refill.")]
    ChooseConnection,
    /// The connection's cylinder type is no longer sold (code Invalid).
    #[error("{type_name} cylinders are no longer sold. Please ask the agency staff.")]
    TypeNotSold { type_name: String },
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
    /// The customer has `max_open` open complaints, the most allowed (code Conflict).
    TooManyOpenComplaints {
        #[ts(type = "number")]
        max_open: i64,
    },
    /// The complaint is no longer Pending, so it cannot be cancelled (code Conflict).
    ComplaintClosed { status: ComplaintStatus },
    /// The booking was cancelled before any money was taken (code Conflict).
    BookingNotCharged,
    /// The booking was cancelled and its payment of `amount` is refunded (`refunded`) or will
    /// be; `during_payment` when it was found cancelled as its payment came back (code Conflict).
    BookingCancelled { amount: Money, refunded: bool, during_payment: bool },
    /// The booking request's key was used for another customer (code Conflict).
    BookingKeyUsed,
    /// The reserved cylinder was taken meanwhile (code Conflict).
    CylinderTaken,
    /// Only a completed booking has a receipt (code Conflict).
    NoReceiptYet,
    /// No connection for that kind of cylinder (code Invalid, field `type_id`).
    NoConnectionOfType,
    /// Several connections, and none chosen (code Invalid, field `type_id`).
    ChooseConnection,
    /// That type of cylinder is no longer sold (code Invalid, field `type_id`).
    TypeNotSold { type_name: String },
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
            Error::Invalid { .. }
            | Error::BadBackup(_)
            | Error::NoConnectionOfType
            | Error::ChooseConnection
            | Error::TypeNotSold { .. } => ErrorCode::Invalid,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::Forbidden => ErrorCode::Forbidden,
            Error::NotLoggedIn => ErrorCode::NotLoggedIn,
            Error::BadCredentials => ErrorCode::BadCredentials,
            Error::Throttled { .. } => ErrorCode::Throttled,
            Error::OutOfStock => ErrorCode::OutOfStock,
            Error::RefillRule { .. } => ErrorCode::RefillRule,
            Error::PaymentFailed { .. } => ErrorCode::PaymentFailed,
            Error::Conflict(_)
            | Error::PriceChanged { .. }
            | Error::BookingPending
            | Error::TooManyOpenComplaints { .. }
            | Error::ComplaintClosed { .. }
            | Error::BookingNotCharged
            | Error::BookingCancelled { .. }
            | Error::BookingKeyUsed
            | Error::CylinderTaken
            | Error::NoReceiptYet => ErrorCode::Conflict,
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
            Error::NoConnectionOfType | Error::ChooseConnection | Error::TypeNotSold { .. } => Some("type_id".to_owned()),
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
            Error::TooManyOpenComplaints { max_open } => Some(ErrorDetail::TooManyOpenComplaints { max_open: *max_open }),
            Error::ComplaintClosed { status } => Some(ErrorDetail::ComplaintClosed { status: *status }),
            Error::BookingNotCharged => Some(ErrorDetail::BookingNotCharged),
            Error::BookingCancelled { amount, refunded, during_payment } => {
                Some(ErrorDetail::BookingCancelled { amount: *amount, refunded: *refunded, during_payment: *during_payment })
            }
            Error::BookingKeyUsed => Some(ErrorDetail::BookingKeyUsed),
            Error::CylinderTaken => Some(ErrorDetail::CylinderTaken),
            Error::NoReceiptYet => Some(ErrorDetail::NoReceiptYet),
            Error::NoConnectionOfType => Some(ErrorDetail::NoConnectionOfType),
            Error::ChooseConnection => Some(ErrorDetail::ChooseConnection),
            Error::TypeNotSold { type_name } => Some(ErrorDetail::TypeNotSold { type_name: type_name.clone() }),
            _ => None,
        }
    }
}

fn too_many_open_complaints(max_open: i64) -> String {
    if max_open == 1 {
        "You already have 1 open complaint. Please wait for the agency to answer it, or cancel it.".to_owned()
    } else {
        format!("You already have {max_open} open complaints. Please wait for the agency to answer them, or cancel one.")
    }
}

/// The English words of [`Error::BookingCancelled`], as they were before it was typed.
fn booking_cancelled_message(amount: Money, refunded: bool, during_payment: bool) -> String {
    let what = if during_payment {
        "This booking was cancelled while the payment was going through."
    } else {
        "This booking was cancelled and did not go through."
    };
    if refunded {
        format!("{what} Your payment of {amount} has been refunded.")
    } else {
        format!("{what} Your payment of {amount} will be refunded: the agency has been told and is following it up.")
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
    fn complaint_refusals_carry_the_limit_and_the_status_beside_the_same_english() {
        let one = Error::TooManyOpenComplaints { max_open: 1 }.payload();
        assert_eq!(one.code, ErrorCode::Conflict);
        assert_eq!(one.message, "You already have 1 open complaint. Please wait for the agency to answer it, or cancel it.");
        assert_eq!(one.detail.as_deref(), Some(&ErrorDetail::TooManyOpenComplaints { max_open: 1 }));
        let three = serde_json::to_value(Error::TooManyOpenComplaints { max_open: 3 }.payload()).expect("serialises");
        assert_eq!(three["detail"], serde_json::json!({"reason": "TooManyOpenComplaints", "max_open": 3}));
        assert_eq!(three["message"], "You already have 3 open complaints. Please wait for the agency to answer them, or cancel one.");
        let closed = serde_json::to_value(Error::ComplaintClosed { status: ComplaintStatus::Completed }.payload()).expect("serialises");
        assert_eq!(closed["code"], "Conflict");
        assert_eq!(closed["message"], "This complaint is already Completed.");
        assert_eq!(closed["detail"], serde_json::json!({"reason": "ComplaintClosed", "status": "Completed"}));
    }

    #[test]
    fn a_cancelled_booking_says_what_became_of_the_money_in_typed_fields_and_the_same_english() {
        let amount = Money::from_rupees(1000);
        let cases = [
            (true, false, "This booking was cancelled and did not go through. Your payment of ₹1,000.00 has been refunded."),
            (false, false, "This booking was cancelled and did not go through. Your payment of ₹1,000.00 will be refunded: the agency has been told and is following it up."),
            (true, true, "This booking was cancelled while the payment was going through. Your payment of ₹1,000.00 has been refunded."),
            (false, true, "This booking was cancelled while the payment was going through. Your payment of ₹1,000.00 will be refunded: the agency has been told and is following it up."),
        ];
        for (refunded, during_payment, english) in cases {
            let payload = Error::BookingCancelled { amount, refunded, during_payment }.payload();
            assert_eq!(payload.code, ErrorCode::Conflict);
            assert_eq!(payload.message, english);
            let json = serde_json::to_value(&payload).expect("serialises");
            assert_eq!(
                json["detail"],
                serde_json::json!({"reason": "BookingCancelled", "amount": "1000.00", "refunded": refunded, "during_payment": during_payment})
            );
        }
        let not_charged = Error::BookingNotCharged.payload();
        assert_eq!(not_charged.message, "This booking did not go through, and you were not charged for it. You can book again.");
        assert_eq!(not_charged.detail.as_deref(), Some(&ErrorDetail::BookingNotCharged));
        for (err, reason) in
            [(Error::BookingKeyUsed, "BookingKeyUsed"), (Error::CylinderTaken, "CylinderTaken"), (Error::NoReceiptYet, "NoReceiptYet")]
        {
            let json = serde_json::to_value(err.payload()).expect("serialises");
            assert_eq!((json["code"].as_str(), json["detail"]["reason"].as_str()), (Some("Conflict"), Some(reason)), "{json}");
        }
    }

    #[test]
    fn a_connection_refusal_stays_invalid_on_the_type_field_with_its_reason() {
        let not_sold = Error::TypeNotSold { type_name: "5 kg".into() }.payload();
        assert_eq!(not_sold.code, ErrorCode::Invalid);
        assert_eq!(not_sold.field.as_deref(), Some("type_id"));
        assert_eq!(not_sold.message, "5 kg cylinders are no longer sold. Please ask the agency staff.");
        assert_eq!(not_sold.detail.as_deref(), Some(&ErrorDetail::TypeNotSold { type_name: "5 kg".into() }));
        for (err, reason) in
            [(Error::NoConnectionOfType, ErrorDetail::NoConnectionOfType), (Error::ChooseConnection, ErrorDetail::ChooseConnection)]
        {
            let payload = err.payload();
            assert_eq!((payload.code, payload.field.as_deref()), (ErrorCode::Invalid, Some("type_id")));
            assert_eq!(payload.detail.as_deref(), Some(&reason));
        }
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
