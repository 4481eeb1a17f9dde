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
mod per_address;
mod routes;
mod tls;

#[cfg(test)]
mod tests;

pub use error::ServerError;
pub use listener::{start, start_with, PendingAtStart, RunningServer, ServerOptions};
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
    /// A request body not all arrived by then is answered 408 (nothing was done).
    pub body_timeout: Duration,
    /// A command not done by then is answered `OutcomeUnknown` when it is a booking (the work
    /// may still finish; a kiosk retries with the same idempotency key), `Busy` otherwise. The
    /// wait for a place is bounded by it too (`Busy`: nothing done).
    pub request_timeout: Duration,
    /// Commands run at once (known devices only); more wait their turn.
    pub concurrent_requests: usize,
    /// Pairing requests read or run at once; beyond it `Busy` at once.
    pub concurrent_pairings: usize,
    /// Pairing attempts a minute from one address; beyond it `Throttled` (429).
    pub pairings_per_minute: u32,
    /// A client that connects and does not finish the TLS handshake by then is dropped.
    pub handshake_timeout: Duration,
    /// A connection that sends no complete request head for this long (idle or half a request)
    /// is dropped. Kiosks ask `/v1/health` every few seconds, so theirs stay open.
    pub header_read_timeout: Duration,
    /// Open connections at once; a connection beyond it is closed at once.
    pub max_connections: usize,
    /// Open connections from one address, so one machine cannot take every place.
    pub connections_per_address: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_bytes: 64 * 1024,
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            concurrent_requests: 64,
            concurrent_pairings: 4,
            pairings_per_minute: 10,
            handshake_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(30),
            max_connections: 256,
            connections_per_address: 32,
        }
    }
}
