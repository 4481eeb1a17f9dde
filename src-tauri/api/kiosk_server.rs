//! The office window's handle on its LAN server, as the commands see it. The server itself
//! (`src-tauri/server`) sits above this layer, so the command layer knows it only through this
//! trait: the window's shell implements it (`app/kiosk_server.rs`), tests fake it.
use super::IpcError;
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::model::{KioskServerStatus, Settings};

/// Starts, stops and describes the server that serves kiosk PCs from this office.
pub trait KioskServerControl: Send + Sync {
    /// The SHA-256 of the office's TLS certificate (made on first use, kept beside the
    /// database): a pairing code carries its prefix, so the kiosk pins this certificate.
    fn certificate_fingerprint(&self) -> Result<[u8; 32], IpcError>;
    /// Serving or not, where, and the last start error.
    fn status(&self) -> KioskServerStatus;
    /// Starts or stops the server as `settings` say (serve kiosks, on which port), at once; a
    /// failure to start is in the status returned, never an error of the save that asked.
    fn apply(&self, settings: &Settings) -> KioskServerStatus;
    /// Staff removed this kiosk: its terminals' sessions may leave memory now (its requests are
    /// refused anyway, by its token).
    fn forget_kiosk(&self, device_id: i64) {
        let _ = device_id;
    }
}

/// What a terminal without a server (a test's, or any window that never got one) says.
pub const NO_SERVER: &str = "This window does not serve kiosks: start GasDesk's office window or `gasdesk serve` on the office PC.";

/// The refusal for pairing where no server can be asked for its certificate.
pub fn no_server() -> IpcError {
    IpcError(ErrorPayload::plain(ErrorCode::Conflict, NO_SERVER, None))
}

/// `ab12cd…` as staff compare it with a kiosk's: lower-case hex of the whole fingerprint, as
/// the server writes it (`RunningServer::fingerprint_hex`).
pub fn fingerprint_hex(fingerprint: &[u8; 32]) -> String {
    data_encoding::HEXLOWER.encode(fingerprint)
}
