//! The office server SIGKILLed while kiosks book through it, at each pause point of the crash
//! tests (`before_charge`: reserved, nothing charged; `after_charge`: the gateway took the money
//! and the server never heard), then started again on the same database, address and
//! certificate. The kiosks, still running, ask again with the same idempotency keys: every
//! charge is exactly one Completed booking with its receipt shown, a booking never charged is
//! told so, nobody is charged twice, and `gasdesk check` passes.
use crate::booking::{customers, pair_kiosks, LOOPBACK};
use crate::books::{self, rows};
use crate::harness::{server_child, Agency, Gateway, STEP};
use crate::kiosks;
use std::collections::BTreeSet;
use std::time::Duration;

const ROUNDS: usize = 3;
/// The first charges go through; from this one on, each stops at the pause point.
const PAUSE_FROM: usize = 4;

fn killed_at(point: &'static str) {
    let attempts = customers().len() * ROUNDS;
    // Stock for every attempt: each booking can complete, so only the crash decides.
    let agency = Agency::new(&customers(), attempts as u32 + 2);
    let mut office = server_child(None, &agency.db, LOOPBACK.listen, Gateway::PauseAt { point, from: PAUSE_FROM }, false);
    let pcs = pair_kiosks(&agency, LOOPBACK, office.addr);
    let mut kiosks = kiosks::start(None, &pcs, ROUNDS, point, &[]);
    kiosks::go(&mut kiosks);

    office.proc.expect_line(&format!("PAUSED {point}"), Duration::from_secs(30));
    // Let the other kiosks' bookings reach the pause point too, then kill the office dead.
    std::thread::sleep(Duration::from_millis(400));
    office.proc.kill();
    office.proc.rest(STEP);
    let paused: BTreeSet<String> =
        office.proc.seen.iter().filter_map(|l| l.strip_prefix(&format!("PAUSED {point} "))).map(str::to_owned).collect();
    // The kiosks find the office gone for a moment.
    std::thread::sleep(Duration::from_millis(700));
    let again = server_child(None, &agency.db, &office.addr.to_string(), Gateway::Plain, false);
    assert_eq!((again.addr, &again.fingerprint_hex), (office.addr, &office.fingerprint_hex), "the same office to a paired kiosk");
    let reports = kiosks::finish(&mut kiosks, Duration::from_secs(90));
    drop(again);

    books::assert_sound(&agency, &reports, 0);
    books::assert_charges_match(&agency);
    let rows = rows(&agency);
    let ledger = agency.ledger();
    for order_ref in &paused {
        let row = rows.iter().find(|r| r.order_ref.as_deref() == Some(order_ref)).expect("the paused booking");
        let key = row.key.clone().expect("booked with a key");
        let report = reports.iter().find(|r| r.customer == row.customer).expect("its kiosk");
        let charged = ledger.iter().any(|(o, _)| o == order_ref);
        match point {
            // Charged before the crash: the restarted office completed it, and the kiosk's ask
            // with the same key got that booking's receipt.
            "after_charge" => {
                assert!(charged, "{order_ref} was charged");
                assert_eq!((row.status.as_str(), row.payment.as_deref()), ("Completed", Some("Success")), "{row:?}");
                assert!(report.booked.iter().any(|b| b.key == key), "{key}'s receipt shown: {report:#?}");
            }
            // Never charged: the restarted office cancelled it, and the kiosk was told nothing
            // was charged (never "failed" while it did not know).
            _ => {
                assert!(!charged, "{order_ref} was never charged");
                assert_eq!((row.status.as_str(), row.payment.as_deref()), ("Cancelled", Some("Failed")), "{row:?}");
                let refused = report.refused.iter().find(|r| r.0 == key).unwrap_or_else(|| panic!("{key} refused: {report:#?}"));
                assert_eq!(refused.1, "Conflict", "{refused:?}");
                assert!(refused.2.contains("not charged"), "{refused:?}");
            }
        }
        // The office that got it was killed before answering, so the answer above came from
        // the restarted one, to the same terminal with the same key, and without logging in
        // again: the office answers a key it knows even when it forgot the session.
        assert!(!report.relogged.contains(&key), "{key}'s settled result came without logging in again: {report:#?}");
    }
    assert!(!paused.is_empty());
    println!("{point}: {} booking(s) under way when the office was killed", paused.len());
    for report in &reports {
        assert_eq!(report.settled_keys().len(), ROUNDS, "every booking settled: {report:#?}");
        for (key, code, message) in &report.refused {
            assert!(point == "before_charge" && code == "Conflict", "{key}: {code} {message}");
        }
    }
    let charged = ledger.len();
    let booked: usize = reports.iter().map(|r| r.booked.len()).sum();
    assert_eq!(charged, booked, "one charge per receipt shown");
    assert_eq!(booked + if point == "before_charge" { paused.len() } else { 0 }, attempts);
}

#[test]
fn server_killed_before_the_charge_and_restarted_kiosks_hear_nothing_was_charged_and_book_on() {
    killed_at("before_charge");
}

#[test]
fn server_killed_after_the_charge_and_restarted_kiosks_get_the_receipt_of_that_one_charge() {
    killed_at("after_charge");
}

/// SIGTERM while the gateway is taking the money: the server stops accepting, lets that request
/// finish, and the kiosk gets its receipt, one charge, before the process ends.
#[cfg(unix)]
#[test]
fn server_stopped_with_sigterm_mid_payment_finishes_that_booking_and_the_kiosk_gets_its_receipt() {
    let customer = "kiosk1".to_owned();
    let agency = Agency::new(std::slice::from_ref(&customer), 2);
    let release = agency.dir.path().join("release-the-charge");
    let mut office = server_child(None, &agency.db, LOOPBACK.listen, Gateway::HoldUntil { release: release.clone() }, false);
    let pairing = crate::harness::pair_kiosk(&agency.db, agency.dir.path(), "Counter 1", None, Some(office.addr));
    let mut kiosks = kiosks::start(None, &[crate::kiosks::KioskPc { pairing, customer }], 1, "sigterm", &[]);
    kiosks::go(&mut kiosks);
    office.proc.expect_line("CHARGING", STEP);
    office.proc.terminate();
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&release, "").expect("the charge goes on");
    office.proc.expect_line("STOPPED", STEP);
    assert!(office.proc.wait_exit(STEP).success());
    let reports = kiosks::finish(&mut kiosks, Duration::from_secs(30));
    let report = &reports[0];
    assert_eq!(report.booked.len(), 1, "{report:#?}");
    assert!(report.unknown.is_empty(), "the reply was not lost: {report:#?}");
    assert_eq!(agency.ledger().len(), 1);
    books::assert_sound(&agency, &reports, 0);
    books::assert_charges_match(&agency);
}
