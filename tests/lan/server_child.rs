//! The office server as a child process of the test: `server::start` in-process, as `gasdesk
//! serve` runs it, but with a payment gateway that keeps its charges in a ledger file (they
//! outlive the process, as a real gateway's do) and can stop dead at the crash tests' pause
//! points, or hold a charge until told, so the test can kill the server or pull the link then.
use crate::ledger_gateway::{say, LedgerGateway};
use crate::office_process::LISTENING;
use gasdesk::server::{start_with, Limits, PendingAtStart, ServerOptions};
use gasdesk_core::Desk;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// The ledger gateway as the test set it in this child's environment.
fn gateway_from_env(db: &Path) -> LedgerGateway {
    let pause_from = std::env::var("GASDESK_LAN_PAUSE_FROM").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    LedgerGateway::beside(db)
        .pausing_at(std::env::var("GASDESK_LAN_PAUSE").ok(), pause_from)
        .holding_until(std::env::var_os("GASDESK_LAN_HOLD_UNTIL").map(PathBuf::from))
}

/// Child: serves the database until killed.
pub fn run() {
    let db = PathBuf::from(std::env::var("GASDESK_LAN_DB").expect("GASDESK_LAN_DB"));
    let listen = std::env::var("GASDESK_LAN_LISTEN").expect("GASDESK_LAN_LISTEN").parse().expect("an address");
    let advertise = std::env::var("GASDESK_LAN_MDNS").is_ok();
    let desk = Arc::new(Desk::open_existing(&db, Arc::new(gateway_from_env(&db))).expect("the office database"));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let mut limits = Limits::default();
        // A test of idle connections closes them sooner than the 30 s an office does.
        if let Some(idle) = std::env::var("GASDESK_LAN_IDLE_MS").ok().and_then(|ms| ms.parse().ok()) {
            limits.header_read_timeout = Duration::from_millis(idle);
        }
        let running = start_with(desk, &db, ServerOptions { listen, advertise, pending_at_start: PendingAtStart::SettleAll }, limits)
            .await
            .expect("the server starts");
        say(&format!("{LISTENING}{} (certificate SHA-256 {})", running.local_addr(), running.fingerprint_hex()));
        // Serves until the test kills this process, or stops it with SIGTERM as `gasdesk serve`
        // stops: open requests finish, then the process ends.
        terminated().await;
        running.stop().await;
        say("STOPPED");
    });
}

#[cfg(unix)]
async fn terminated() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            terminate.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(not(unix))]
async fn terminated() {
    std::future::pending().await
}
