//! The one error a command returns: the `{code, message, field}` the UI shows. Made from the
//! core's error by `?`, so a command body is its calls and nothing else.
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Error;
use serde::Serialize;

/// Serialised as the payload itself: the UI sees `{code, message, field}` and nothing more.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct IpcError(pub ErrorPayload);

pub type IpcResult<T> = Result<T, IpcError>;

impl IpcError {
    /// A refusal the shell makes itself (what a kiosk may not do), in words for the person.
    pub fn forbidden(message: &str) -> IpcError {
        IpcError(ErrorPayload::plain(ErrorCode::Forbidden, message, None))
    }
}

/// Failures the person cannot act on are logged in full here, since they only see a plain
/// message.
impl From<Error> for IpcError {
    fn from(e: Error) -> IpcError {
        match &e {
            Error::Storage(source) => eprintln!("gasdesk: storage error: {source}"),
            Error::Damaged(source) => eprintln!("gasdesk: the database file is damaged: {source}"),
            Error::Internal(detail) => eprintln!("gasdesk: internal error: {detail}"),
            _ => {}
        }
        IpcError(e.payload())
    }
}

impl IpcError {
    /// The HTTP status the LAN server answers this error with (the body is the payload).
    pub fn http_status(&self) -> u16 {
        http_status(self.0.code)
    }
}

/// 400 validation, 401 no session or unknown device, 403 forbidden, 404, 409 conflict, out of
/// stock or a refill rule, 429 throttled, 503 busy or paused, 500 the rest.
pub fn http_status(code: ErrorCode) -> u16 {
    match code {
        ErrorCode::Invalid => 400,
        ErrorCode::NotLoggedIn | ErrorCode::BadCredentials | ErrorCode::UnknownDevice => 401,
        ErrorCode::Forbidden => 403,
        ErrorCode::NotFound => 404,
        ErrorCode::OutOfStock | ErrorCode::Conflict | ErrorCode::PaymentFailed | ErrorCode::AlreadySetUp | ErrorCode::RefillRule => 409,
        ErrorCode::Throttled => 429,
        ErrorCode::Busy | ErrorCode::Damaged | ErrorCode::OfficeOffline | ErrorCode::OutcomeUnknown => 503,
        ErrorCode::UpdateKiosk => 426,
        ErrorCode::IncompatibleVersion | ErrorCode::Storage | ErrorCode::Internal => 500,
    }
}
