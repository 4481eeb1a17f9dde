//! Crash safety: a booking process killed (SIGKILL) at any point leaves a state that the next
//! open reconciles, with every invariant intact.
use crate::common::*;
use crate::ledger_gateway::{ledger_path, LedgerGateway};
use gasdesk_core::domain::{Actor, Terminal};
use gasdesk_core::model::{BookingStatus, CylinderStatus, PageRequest, PaymentStatus, RegisterCylinders};
use gasdesk_core::store::Db;
use gasdesk_core::Desk;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Child: books for customer `asha` (once, pausing where told) or, with `loop`, books for
/// c0…c9 round and round until killed.
pub fn child_books_then_hangs(path: &Path) {
    let pause = std::env::var("GASDESK_CRASH_AT").ok().filter(|p| p != "loop");
    let gateway = Arc::new(LedgerGateway::beside(path).pausing_at(pause.clone(), 1));
    let desk = Desk::new(Db::open(path).unwrap(), gateway).with_config(fast());
    if pause.is_some() {
        let asha = desk.customer_login(&Terminal::OFFICE, "asha", CUSTOMER_PASSWORD).unwrap();
        // With a key, as the LAN server books for a kiosk.
        let _ = match std::env::var("GASDESK_CRASH_KEY") {
            Ok(key) => desk.book_cylinder_once(&asha, desk.cylinder_types().unwrap()[0].price, &key),
            Err(_) => desk.book_cylinder_at_shown_price(&asha),
        };
        println!("FINISHED");
        return;
    }
    let admin = desk.staff_login(&Terminal::OFFICE, "admin", STAFF_PASSWORD).unwrap();
    let customers: Vec<Actor> =
        (0..10).map(|i| desk.customer_login(&Terminal::OFFICE, &format!("cust{i}"), CUSTOMER_PASSWORD).unwrap()).collect();
    println!("PAUSED loop");
    let _ = std::io::stdout().flush();
    for i in 0.. {
        let _ = desk.book_cylinder_at_shown_price(&customers[i % customers.len()]);
        if i % 7 == 0 {
            let _ = desk.refill_all_empty(&admin);
        }
    }
}

/// Runs the child until it says PAUSED, then SIGKILLs it.
fn kill_child_at(path: &Path, point: &str, extra_wait_ms: u64) {
    kill_child_booking_with(path, point, extra_wait_ms, &[]);
}

/// `kill_child_at`, with more of the child's environment (`GASDESK_CRASH_KEY`).
fn kill_child_booking_with(path: &Path, point: &str, extra_wait_ms: u64, env: &[(&str, &str)]) {
    let mut vars = vec![("GASDESK_CRASH_AT", point)];
    vars.extend_from_slice(env);
    let mut child = spawn_child("crash", path, &vars);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("PAUSED") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "child ended before pausing at {point}");
    }
    std::thread::sleep(std::time::Duration::from_millis(extra_wait_ms));
    child.kill().unwrap(); // SIGKILL on Unix: no destructors, no rollback by the program
    child.wait().unwrap();
}

fn prepared(point: &str) -> (tempfile::TempDir, PathBuf, String, String) {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let stock = t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap(); // asha holds stock[0]
    t.set_reservation_lease_seconds(&Actor::System, 1).unwrap();
    drop(t);
    kill_child_at(&path, point, 0);
    (dir, path, stock[0].cylinder_code.clone(), stock[1].cylinder_code.clone())
}

fn reopen_after_lease(path: &Path) -> TestDesk {
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let t = file_desk(path);
    // The reopened desk uses the ledger too, so it can see charges the dead process made.
    let desk = Desk::new(Db::open(path).unwrap(), Arc::new(LedgerGateway::beside(path))).with_config(fast());
    assert_eq!(desk.reconcile_lapsed_bookings().unwrap(), 1);
    t
}

#[test]
fn killed_after_the_reservation_releases_the_cylinder() {
    let (_dir, path, old, reserved) = prepared("before_charge");
    let t = reopen_after_lease(&path);
    let asha = t.customer_login(&Terminal::OFFICE, "asha", CUSTOMER_PASSWORD).unwrap();
    let latest = &t.my_bookings(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!((latest.status, latest.payment_status), (BookingStatus::Cancelled, Some(PaymentStatus::Failed)));
    let c = t.cylinder(&reserved);
    assert_eq!((c.status, c.reserved), (CylinderStatus::Filled, false));
    assert_eq!(t.cylinder(&old).assigned_to, Some(customer_id(&asha)), "still holds the old one");
    t.assert_sound();
}

#[test]
fn killed_after_the_charge_completes_the_booking_it_was_paid_for() {
    let (_dir, path, old, reserved) = prepared("after_charge");
    let t = reopen_after_lease(&path);
    let asha = t.customer_login(&Terminal::OFFICE, "asha", CUSTOMER_PASSWORD).unwrap();
    let latest = &t.my_bookings(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!((latest.status, latest.payment_status), (BookingStatus::Completed, Some(PaymentStatus::Success)));
    let ledger = std::fs::read_to_string(ledger_path(&path)).unwrap();
    assert!(ledger.contains(latest.payment_ref.as_deref().unwrap()), "the recorded payment is the gateway's charge");
    assert_eq!(t.cylinder(&reserved).assigned_to, Some(customer_id(&asha)));
    assert_eq!(t.cylinder(&old).status, CylinderStatus::Empty);
    t.assert_sound();
}

#[test]
fn killed_at_random_moments_while_booking_leaves_nothing_broken() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.register_cylinders(
        &t.admin,
        &RegisterCylinders { serials: vec![], count: 6, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
    )
    .unwrap();
    for i in 0..10 {
        t.customer(&format!("cust{i}"));
    }
    t.set_reservation_lease_seconds(&Actor::System, 1).unwrap();
    drop(t);
    for round in 0..4u64 {
        kill_child_at(&path, "loop", 150 + round * 70);
        // Integrity holds even before reconciling: only Pending reservations may linger.
        assert!(Db::open(&path).unwrap().integrity_problems().unwrap().is_empty());
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let desk = Desk::new(Db::open(&path).unwrap(), Arc::new(LedgerGateway::beside(&path))).with_config(fast());
    desk.reconcile_lapsed_bookings().unwrap();
    assert!(desk.db().integrity_problems().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let pending: i64 = conn.query_row("SELECT count(*) FROM bookings WHERE status = 'Pending'", [], |r| r.get(0)).unwrap();
    let reserved: i64 = conn.query_row("SELECT count(*) FROM cylinders WHERE reserved_by IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!((pending, reserved), (0, 0), "no cylinder held by a stale reservation");
    // Every charge the gateway made is a Success payment on a Completed booking.
    let ledger = std::fs::read_to_string(ledger_path(&path)).unwrap_or_default();
    for (order_ref, _) in ledger.lines().filter_map(|l| l.split_once(' ')) {
        let status: String = conn
            .query_row(
                "SELECT p.status || '/' || b.status FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.order_ref = ?1",
                [order_ref],
                |r| r.get(0),
            )
            .unwrap();
        assert!(status == "Success/Completed" || status == "Refunded/Cancelled", "{order_ref}: {status}");
    }
    // A process killed between reserve and confirm took no invoice number: every completed sale
    // has one, numbered 1..n without a gap (the integrity check above also checks the series).
    let (completed, invoices, top): (i64, i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM bookings WHERE status = 'Completed'),
                    (SELECT count(*) FROM sale_documents WHERE kind = 'Invoice'),
                    (SELECT COALESCE(max(seq), 0) FROM sale_documents WHERE kind = 'Invoice')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert!(completed > 0, "the children completed some bookings");
    assert_eq!((invoices, top), (completed, completed), "one invoice per completed sale, gapless");
}

const KEY: &str = "kiosk-crash-key-0001";

/// Asha holds one cylinder and one more is in stock; a child booking for her with `KEY` is
/// killed at `point`; reservations are held `lease_seconds`. Returns the desk on the file with
/// the ledger gateway (what the restarted server has) and the reserved cylinder's code.
fn killed_while_booking_with_a_key(path: &Path, point: &str, lease_seconds: i64) -> (Desk, String) {
    let t = file_desk(path);
    let stock = t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap();
    t.set_reservation_lease_seconds(&Actor::System, lease_seconds).unwrap();
    drop(t);
    kill_child_booking_with(path, point, 0, &[("GASDESK_CRASH_KEY", KEY)]);
    let desk = Desk::new(Db::open(path).unwrap(), Arc::new(LedgerGateway::beside(path))).with_config(fast());
    (desk, stock[1].cylinder_code.clone())
}

fn ledger_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(ledger_path(path)).unwrap_or_default().lines().map(str::to_owned).collect()
}

/// The LAN server killed after the gateway took the money: at its restart it settles every
/// Pending booking (no waiting for the lease), and the kiosk's retry with the same key gets
/// the receipt of that one charge.
#[test]
fn killed_after_the_charge_a_retry_with_its_key_gets_the_receipt_of_that_charge() {
    let (_dir, path) = temp_db();
    let (desk, reserved) = killed_while_booking_with_a_key(&path, "after_charge", 3600);
    let asha = desk.customer_login(&Terminal::OFFICE, "asha", CUSTOMER_PASSWORD).unwrap();
    let price = desk.cylinder_types().unwrap()[0].price;
    assert!(matches!(desk.book_cylinder_once(&asha, price, KEY), Err(gasdesk_core::Error::Busy)), "unsettled: ask again");
    assert_eq!(desk.settle_interrupted_bookings().unwrap(), 1);
    let receipt = desk.book_cylinder_once(&asha, price, KEY).expect("the settled booking's receipt");
    assert_eq!(receipt.cylinder_code, reserved);
    let ledger = ledger_lines(&path);
    assert_eq!(ledger.len(), 1, "one charge: {ledger:?}");
    assert!(ledger[0].ends_with(receipt.payment_reference.as_deref().unwrap()), "the receipt names it: {ledger:?}");
    assert_eq!(desk.book_cylinder_once(&asha, price, KEY).unwrap(), receipt, "asked again: the same");
    assert_eq!(ledger_lines(&path).len(), 1, "and never charged again");
    assert!(desk.db().integrity_problems().unwrap().is_empty());
}

/// Killed after reserving, before any charge: once the lease lapsed, the retry (which
/// reconciles first) hears that the booking did not go through and nothing was charged.
#[test]
fn killed_before_the_charge_a_retry_with_its_key_is_told_nothing_was_charged() {
    let (_dir, path) = temp_db();
    let (desk, reserved) = killed_while_booking_with_a_key(&path, "before_charge", 1);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let asha = desk.customer_login(&Terminal::OFFICE, "asha", CUSTOMER_PASSWORD).unwrap();
    let price = desk.cylinder_types().unwrap()[0].price;
    let refused = desk.book_cylinder_once(&asha, price, KEY).unwrap_err();
    assert!(matches!(&refused, gasdesk_core::Error::BookingNotCharged) && refused.to_string().contains("not charged"), "{refused:?}");
    assert!(ledger_lines(&path).is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let held: Option<i64> = conn.query_row("SELECT reserved_by FROM cylinders WHERE code = ?1", [&reserved], |r| r.get(0)).unwrap();
    assert_eq!(held, None, "the cylinder is back in stock");
    // A new key books it.
    desk.book_cylinder_once(&asha, price, "kiosk-crash-key-0002").unwrap();
    assert_eq!(ledger_lines(&path).len(), 1);
    assert!(desk.db().integrity_problems().unwrap().is_empty());
}
