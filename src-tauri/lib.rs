//! The GasDesk application: the Tauri shell (`app`), the headless command line (`cli`) and a
//! kiosk PC's client of the office (`remote`).
//! Domain rules and storage live in the `gasdesk-core` crate, which has no Tauri in it.

pub mod api;
pub mod app;
pub mod cli;
pub mod remote;
pub mod server;
