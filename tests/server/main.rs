//! The office's LAN server on real sockets (127.0.0.1, port 0): the listener's timeouts and
//! connection cap, and the `gasdesk serve` / `gasdesk add-kiosk` processes end to end. The
//! router's rules are tested in process in `src-tauri/server/tests/`.
mod cli;
mod client;
mod listener;
#[path = "../support/office_process.rs"]
mod office_process;
mod start;
