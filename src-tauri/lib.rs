//! The GasDesk application: the Tauri shell (`app`) and the headless command line (`cli`).
//! Domain rules and storage live in the `gasdesk-core` crate, which has no Tauri in it.

pub mod api;
pub mod app;
pub mod cli;
pub mod server;
