//! Logging in must not grow the process: argon2 needs 19 MiB per hash, and allocating it
//! afresh for each one left up to eight copies resident (160 MB after a few staff logins).
//! Its own test binary, so no other test allocates while it measures.
use gasdesk_core::domain::{Actor, MockRazorpay, Terminal};
use gasdesk_core::store::Db;
use gasdesk_core::Desk;
use std::sync::Arc;

fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse().ok())
        .expect("VmRSS");
    kb / 1024.0
}

#[test]
fn repeated_staff_logins_keep_memory_flat() {
    let desk = Desk::new(Db::open_in_memory().expect("db"), Arc::new(MockRazorpay::new()));
    desk.set_up_first_staff("admin", "Admin", "admin-password-1").expect("set up");
    // Logins from several threads, as Tauri runs commands on a pool. One terminal each: at one
    // terminal, attempts still being checked count against each other (decision 0013).
    let log_in = |desk: &Desk, terminal: &Terminal| {
        assert!(matches!(desk.staff_login(terminal, "admin", "admin-password-1"), Ok(Actor::Staff { .. })));
    };
    log_in(&desk, &Terminal::OFFICE);
    let after_first = resident_mb();
    std::thread::scope(|s| {
        for i in 0..4 {
            let terminal = Terminal::device(&format!("kiosk-{i}")).expect("a valid device id");
            let (desk, log_in) = (&desk, &log_in);
            s.spawn(move || (0..3).for_each(|_| log_in(desk, &terminal)));
        }
    });
    (0..4).for_each(|_| log_in(&desk, &Terminal::OFFICE));
    let growth = resident_mb() - after_first;
    assert!(growth < 8.0, "16 more logins grew the process by {growth:.1} MB");
}
