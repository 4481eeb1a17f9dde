//! GasDesk's core: the agency's rules (`domain`) over an embedded SQLite store (`store`).
//!
//! Layers, bottom up:
//! - `model`: plain data that crosses every boundary (and the IPC one, as generated TypeScript);
//! - `store`: every SQL statement, behind functions named for what they do;
//! - `domain`: the rules of the spec, each operation one transaction, authorised and audited.
//!
//! Nothing here knows about Tauri or windows.

pub mod domain;
pub mod error;
pub mod model;
pub mod store;

pub use domain::{Clock, Desk, DeskConfig, SystemClock};
pub use error::{Error, ErrorCode, Result};
