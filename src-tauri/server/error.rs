//! Why the server could not start. Errors of a request are `IpcError` payloads, not these.
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The certificate or its key beside the database could not be made, read or used.
    #[error("the office certificate ({path}): {detail}")]
    Certificate { path: PathBuf, detail: String },
    /// The address is taken, or not one of this PC's.
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    /// rustls refused the configuration.
    #[error("the TLS set-up failed: {0}")]
    Tls(String),
}
