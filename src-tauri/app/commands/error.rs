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
        IpcError(ErrorPayload { code: ErrorCode::Forbidden, message: message.to_owned(), field: None })
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
