//! A payment gateway for the crash tests, shared by the `rules` and `lan` test targets (each
//! includes this file with `#[path]`): it keeps its charges in a ledger file beside the
//! database (they outlive the process, as a real gateway's do), and can stop dead at the crash
//! tests' pause points or hold a charge until told, so a test can kill the process then.
// Each test target uses only part of this file.
#![allow(dead_code)]

use gasdesk_core::domain::gateway::calling_razorpay;
use gasdesk_core::domain::{Charge, ChargeRequest, GatewayError, PaymentGateway};
use gasdesk_core::model::Money;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where the ledger gateway keeps its charges: beside the database, as a real gateway keeps
/// them on its side.
pub fn ledger_path(db: &Path) -> PathBuf {
    db.with_extension("ledger")
}

pub struct LedgerGateway {
    ledger: PathBuf,
    /// Appends are one at a time: a server charges on several threads.
    writing: Mutex<()>,
    pause: Option<String>,
    pause_from: usize,
    /// Each charge waits for this file to exist before it goes on.
    hold_until: Option<PathBuf>,
    charges: AtomicUsize,
}

impl LedgerGateway {
    /// Charges at once, into the ledger beside `db`.
    pub fn beside(db: &Path) -> LedgerGateway {
        LedgerGateway {
            ledger: ledger_path(db),
            writing: Mutex::new(()),
            pause: None,
            pause_from: 1,
            hold_until: None,
            charges: AtomicUsize::new(0),
        }
    }

    /// From the `from`-th charge on (1-based), every charge stops dead at `point`
    /// (`before_charge`: nothing charged; `after_charge`: charged, not yet told), saying
    /// `PAUSED <point> <order_ref>` on stdout.
    pub fn pausing_at(self, point: Option<String>, from: usize) -> LedgerGateway {
        LedgerGateway { pause: point, pause_from: from, ..self }
    }

    /// Each charge says `CHARGING <order_ref>` and goes on only once `release` exists.
    pub fn holding_until(self, release: Option<PathBuf>) -> LedgerGateway {
        LedgerGateway { hold_until: release, ..self }
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

/// A line on stdout, flushed at once: the test reads it while this process hangs.
pub fn say(line: &str) {
    println!("{line}");
    let _ = std::io::stdout().flush();
}

impl PaymentGateway for LedgerGateway {
    fn name(&self) -> &'static str {
        "ledger"
    }

    fn charge(&self, request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        let nth = self.charges.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(release) = &self.hold_until {
            say(&format!("CHARGING {}", request.order_ref));
            let deadline = Instant::now() + Duration::from_secs(60);
            while !release.exists() && Instant::now() < deadline {
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
