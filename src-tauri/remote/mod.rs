//! The kiosk PC's side of the LAN (decision 0015): a kiosk PC holds no database. Its window's
//! commands are forwarded to the office over HTTPS that trusts only the office's pinned
//! certificate (`pinning`), with the device token it was given at pairing (`pair`, kept in
//! `pairing_file`); the office is found by mDNS (`discovery`) or a typed address, and watched
//! for the offline banner (`link`). No Tauri in here: the window's forwarding handler is
//! `app/forward.rs`, and the CLI's `gasdesk pair` is `cli/pair.rs`.
pub mod client;
pub mod discovery;
pub mod link;
pub mod pair;
pub mod pairing_file;
pub mod pinning;
#[cfg(test)]
pub(crate) mod test_office;

pub use client::{ClientTimeouts, OfficeClient};
pub use link::LinkMonitor;
pub use pair::{pair, PairOptions, Paired};
pub use pairing_file::KioskPairing;
