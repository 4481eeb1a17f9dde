//! The office server as a child process of the test: `server::start` in-process, as `gasdesk
//! serve` runs it, but with a payment gateway that keeps its charges in a ledger file (they
//! outlive the process, as a real gateway's do) and can stop dead at the crash tests' pause
//! points, or hold a charge until told, so the test can kill the server or pull the link then.
use crate::harness::ledger_path;
use gasdesk::server::{start_with, Limits, PendingAtStart, ServerOptions};
use gasdesk_core::domain::gateway::calling_razorpay;
use gasdesk_core::domain::{Charge, ChargeRequest, GatewayError, PaymentGateway};
use gasdesk_core::model::Money;
use gasdesk_core::Desk;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct LedgerGateway {
    ledger: PathBuf,
    /// Appends are one at a time: charges run on several threads of the server.
    writing: Mutex<()>,
    pause: Option<String>,
    pause_from: usize,
    /// Each charge waits for this file to exist before it goes on.
    hold_until: Option<PathBuf>,
    charges: AtomicUsize,
}

fn say(line: &str) {
    println!("{line}");
    let _ = std::io::stdout().flush();
}

impl LedgerGateway {
    fn from_env() -> LedgerGateway {
        let db = PathBuf::from(std::env::var("GASDESK_LAN_DB").expect("GASDESK_LAN_DB"));
        LedgerGateway {
            ledger: ledger_path(&db),
            writing: Mutex::new(()),
            pause: std::env::var("GASDESK_LAN_PAUSE").ok(),
            pause_from: std::env::var("GASDESK_LAN_PAUSE_FROM").ok().and_then(|n| n.parse().ok()).unwrap_or(1),
            hold_until: std::env::var_os("GASDESK_LAN_HOLD_UNTIL").map(PathBuf::from),
            charges: AtomicUsize::new(0),
        }
    }

    /// Stops this thread for good at `point` when this charge is one to pause.
    fn hang(&self, point: &str, nth: usize, order_ref: &str) {
        if self.pause.as_deref() == Some(point) && nth >= self.pause_from {
            say(&format!("PAUSED {point} {order_ref}"));
            loop {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
    }
}

impl PaymentGateway for LedgerGateway {
    fn name(&self) -> &'static str {
        "ledger"
    }

    fn charge(&self, request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        let nth = self.charges.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(release) = &self.hold_until {
            say(&format!("CHARGING {}", request.order_ref));
            let deadline = std::time::Instant::now() + Duration::from_secs(60);
            while !release.exists() && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        self.hang("before_charge", nth, request.order_ref);
        let charge = calling_razorpay(request)?;
        {
            let _one_at_a_time = self.writing.lock().map_err(|_| GatewayError::Unavailable("ledger lock".into()))?;
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&self.ledger)
                .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
            writeln!(f, "{} {}", request.order_ref, charge.gateway_ref)
                .and_then(|_| f.sync_all())
                .map_err(|e| GatewayError::Unavailable(e.to_string()))?;
        }
        self.hang("after_charge", nth, request.order_ref);
        Ok(charge)
    }

    fn find_charge(&self, order_ref: &str) -> Result<Option<Charge>, GatewayError> {
        let text = std::fs::read_to_string(&self.ledger).unwrap_or_default();
        Ok(text.lines().filter_map(|l| l.split_once(' ')).find(|(o, _)| *o == order_ref).map(|(_, g)| Charge { gateway_ref: g.to_owned() }))
    }

    fn refund(&self, _charge: &Charge, _amount: Money, _refund_key: &str) -> Result<(), GatewayError> {
        Ok(())
    }
}

/// Child: serves the database until killed.
pub fn run() {
    let db = PathBuf::from(std::env::var("GASDESK_LAN_DB").expect("GASDESK_LAN_DB"));
    let listen = std::env::var("GASDESK_LAN_LISTEN").expect("GASDESK_LAN_LISTEN").parse().expect("an address");
    let advertise = std::env::var("GASDESK_LAN_MDNS").is_ok();
    let desk = Arc::new(Desk::open_existing(&db, Arc::new(LedgerGateway::from_env())).expect("the office database"));
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
        say(&format!(
            "GasDesk office server listening on https://{} (certificate SHA-256 {})",
            running.local_addr(),
            running.fingerprint_hex()
        ));
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
