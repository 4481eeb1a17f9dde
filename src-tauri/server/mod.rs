//! The office's LAN server (decision 0015): the office PC's GasDesk owns the database and
//! serves every command of the list over HTTPS/JSON to the kiosk PCs paired with it.
//!
//! - `tls`: the office's self-signed certificate (kept beside the database) and its rustls
//!   configuration, ring provider only;
//! - `office`: the terminals of the paired kiosks, one session each, over the shared desk;
//! - `routes`: the axum router (`/v1/health`, `/v1/pair`, `/v1/<command>`) and its limits;
//! - `listener`: the TLS accept loop, timeouts against clients that send nothing, start/stop;
//! - `mdns`: the `_gasdesk._tcp` advertisement kiosks find the office by.
//!
//! Nothing here decides a rule: every command goes through `api::dispatch` to the domain, as
//! the office window's do.
mod error;
mod listener;
mod mdns;
mod office;
mod routes;
mod tls;

#[cfg(test)]
mod tests;

pub use error::ServerError;
pub use listener::{start, start_with, RunningServer, ServerOptions};
pub use office::{Office, MAX_TERMINALS_PER_DEVICE};
pub use routes::{router, router_with};
pub use tls::{fingerprint_of, OfficeCertificate, CERTIFICATE_FILE, KEY_FILE};

use std::time::Duration;

/// The port `gasdesk serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 7443;

/// What one client may cost the server. The defaults suit an agency's LAN; tests shorten the
/// timeouts to see them act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body: every command's arguments fit in a few KiB.
    pub body_bytes: usize,
    /// A request not answered by then is answered `OutcomeUnknown` (the work may still finish;
    /// a kiosk retries a booking with the same idempotency key).
    pub request_timeout: Duration,
    /// Requests run at once; more wait their turn (inside `request_timeout`).
    pub concurrent_requests: usize,
    /// A client that connects and does not finish the TLS handshake by then is dropped.
    pub handshake_timeout: Duration,
    /// A connection that sends no complete request head for this long (idle or half a request)
    /// is dropped. Kiosks ask `/v1/health` every few seconds, so theirs stay open.
    pub header_read_timeout: Duration,
    /// Open connections at once; a connection beyond it is closed at once.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 64 * 1024,
            request_timeout: Duration::from_secs(30),
            concurrent_requests: 64,
            handshake_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(30),
            max_connections: 256,
        }
    }
}
