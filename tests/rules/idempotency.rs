//! Issue 11: a kiosk on its own PC retries a booking whose reply was lost with the same
//! idempotency key, and is answered with what became of the first request: one booking and one
//! charge per key, whatever the retries, the threads or the crashes in between.
use crate::common::*;
use chrono::Duration;
use gasdesk_core::domain::Actor;
use gasdesk_core::model::{BookingStatus, Money, PageRequest, PaymentStatus, Receipt, RefundState};
use gasdesk_core::store::Db;
use gasdesk_core::{Desk, Error};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Barrier, Mutex};

const KEY: &str = "kiosk-3f9a1c2e-0001";

fn price(t: &Desk) -> Money {
    t.cylinder_types().unwrap()[0].price
}

/// How many bookings a customer has, whatever their state.
fn bookings_of(t: &TestDesk, who: &Actor) -> usize {
    t.my_bookings(who, &PageRequest::first(100)).unwrap().items.len()
}

fn payments_of(t: &TestDesk, who: &Actor) -> usize {
    t.my_payments(who, &PageRequest::first(100)).unwrap().items.len()
}

fn bookings_with_key(path: &Path, key: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT count(*) FROM bookings WHERE idempotency_key = ?1", [key], |r| r.get(0)).unwrap()
}

#[test]
fn the_same_key_twice_books_and_charges_once_and_gives_the_same_receipt() {
    let t = memory_desk();
    t.stock(3);
    let asha = t.customer("asha");
    let first = t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    let again = t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    assert_eq!(again, first, "the very same receipt");
    assert_eq!(t.gateway.charge_count(), 1, "charged once");
    assert_eq!((bookings_of(&t, &asha), payments_of(&t, &asha)), (1, 1));
    // A new key is a new booking.
    let next = t.book_cylinder_once(&asha, price(&t), "kiosk-3f9a1c2e-0002").unwrap();
    assert_ne!(next.booking_reference, first.booking_reference);
    assert_eq!(t.gateway.charge_count(), 2);
    t.assert_sound();
}

#[test]
fn a_repeat_of_a_completed_booking_writes_nothing_even_after_the_price_or_stock_changed() {
    let t = memory_desk();
    t.stock(1);
    let asha = t.customer("asha");
    let first = t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    let settings = t.settings(&t.admin).unwrap();
    crate::common::set_domestic_price(&t, &t.admin, gasdesk_core::model::Money::parse("price", "1250").unwrap());
    t.update_settings(&t.admin, &settings).unwrap();
    let audit_before = t.audit_log(&t.admin, &Default::default(), &PageRequest::first(1)).unwrap().items[0].id;
    // Out of stock now, and the old price: the repeat is still the first booking's receipt.
    assert_eq!(t.book_cylinder_once(&asha, Money::parse("price", "1000").unwrap(), KEY).unwrap(), first);
    let audit_after = t.audit_log(&t.admin, &Default::default(), &PageRequest::first(1)).unwrap().items[0].id;
    assert_eq!(audit_after, audit_before, "nothing was written");
    assert_eq!(t.gateway.charge_count(), 1);
}

#[test]
fn a_key_used_by_another_customer_is_a_conflict_and_books_nothing_for_them() {
    let t = memory_desk();
    t.stock(2);
    let asha = t.customer("asha");
    let ravi = t.customer("ravi");
    t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    let refused = t.book_cylinder_once(&ravi, price(&t), KEY).unwrap_err();
    assert!(matches!(&refused, Error::BookingKeyUsed) && refused.to_string().contains("another customer"), "{refused:?}");
    assert_eq!((bookings_of(&t, &ravi), t.gateway.charge_count()), (0, 1));
}

#[test]
fn a_declined_payment_retried_with_its_key_gets_the_same_failure_and_no_new_charge() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    t.gateway.set_failing(true);
    let first = t.book_cylinder_once(&asha, price(&t), KEY).unwrap_err();
    let Error::PaymentFailed { reason } = &first else { panic!("{first:?}") };
    // The card would go through now: a retry must still not charge.
    t.gateway.set_failing(false);
    let again = t.book_cylinder_once(&asha, price(&t), KEY).unwrap_err();
    assert!(matches!(&again, Error::PaymentFailed { reason: r } if r == reason), "{again:?}");
    assert_eq!(again.to_string(), first.to_string());
    assert_eq!((t.gateway.charge_count(), bookings_of(&t, &asha)), (0, 1));
    assert!(!t.cylinder(&stock[0].cylinder_code).reserved, "the cylinder is back in stock");
    // The customer books again with a new key.
    t.book_cylinder_once(&asha, price(&t), "kiosk-3f9a1c2e-0002").unwrap();
    assert_eq!(t.gateway.charge_count(), 1);
}

#[test]
fn out_of_stock_is_not_remembered_against_the_key() {
    let t = memory_desk();
    let asha = t.customer("asha");
    assert!(matches!(t.book_cylinder_once(&asha, price(&t), KEY), Err(Error::OutOfStock)));
    t.stock(1);
    // Nothing was booked under the key, so the retry books.
    t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    assert_eq!(t.gateway.charge_count(), 1);
}

#[test]
fn a_malformed_key_is_refused_on_its_field_and_nothing_is_booked() {
    let t = memory_desk();
    t.stock(1);
    let asha = t.customer("asha");
    for bad in ["", "short", &"k".repeat(65), "with space-123", "drop';--table"] {
        let refused = t.book_cylinder_once(&asha, price(&t), bad).unwrap_err();
        assert!(matches!(refused, Error::Invalid { field: "idempotency_key", .. }), "{bad:?}: {refused:?}");
    }
    assert_eq!((bookings_of(&t, &asha), t.gateway.charge_count()), (0, 0));
    assert!(matches!(t.book_cylinder_once(&t.admin, price(&t), KEY), Err(Error::Forbidden)), "staff do not book for themselves");
}

#[test]
fn the_database_refuses_a_second_booking_under_one_key() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let copy = "INSERT INTO bookings (user_id, cylinder_id, booking_date, status, source, amount_paise, updated_at, idempotency_key)
                SELECT user_id, cylinder_id, booking_date, 'Cancelled', source, amount_paise, updated_at, idempotency_key FROM bookings";
    let err = conn.execute(copy, []).unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    assert!(conn.execute("UPDATE bookings SET idempotency_key = 'short'", []).is_err(), "the length CHECK holds too");
}

/// Asked again while the first request is still paying: `Busy`, and the kiosk asks again.
#[test]
fn a_repeat_while_the_first_is_still_paying_is_busy_then_gets_the_receipt() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(1);
    let asha = t.customer("asha");
    let during = Arc::new(Mutex::new(None));
    let (seen, other_path, who, gateway, clock) = (during.clone(), path.clone(), asha.clone(), t.gateway.clone(), t.clock.clone());
    t.gateway.on_charge(move |_| {
        // Another connection (the server answering the kiosk's retry) while the charge is out.
        let desk = Desk::new(Db::open(&other_path).unwrap(), gateway.clone()).with_clock(clock.clone()).with_config(fast());
        let shown = desk.cylinder_types().unwrap()[0].price;
        *seen.lock().unwrap() = Some(desk.book_cylinder_once(&who, shown, KEY));
    });
    let first = t.book_cylinder_once(&asha, price(&t), KEY).unwrap();
    let during = during.lock().unwrap().take().expect("the retry ran");
    assert!(matches!(during, Err(Error::Busy)), "{during:?}");
    assert_eq!(t.book_cylinder_once(&asha, price(&t), KEY).unwrap(), first);
    assert_eq!((t.gateway.charge_count(), bookings_with_key(&path, KEY)), (1, 1));
}

/// Several requests with one key at once, each on its own connection (as the server's workers
/// would be): exactly one booking and one charge; every answer is that receipt or `Busy`.
#[test]
fn threads_booking_with_one_key_at_once_make_one_booking_and_one_charge() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(5);
    let asha = t.customer("asha");
    let threads = 8;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (path, barrier, gateway, asha) = (path.clone(), barrier.clone(), t.gateway.clone(), asha.clone());
            std::thread::spawn(move || {
                let desk = Desk::new(Db::open(&path).unwrap(), gateway).with_config(fast());
                let shown = desk.cylinder_types().unwrap()[0].price;
                barrier.wait();
                desk.book_cylinder_once(&asha, shown, KEY)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let receipts: Vec<&Receipt> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert!(!receipts.is_empty(), "{results:?}");
    assert!(receipts.iter().all(|r| *r == receipts[0]), "one booking's receipt: {results:?}");
    assert!(results.iter().all(|r| r.is_ok() || matches!(r, Err(Error::Busy))), "only the receipt or Busy: {results:?}");
    assert_eq!((t.gateway.charge_count(), bookings_with_key(&path, KEY)), (1, 1));
    assert_eq!(bookings_of(&t, &asha), 1);
    t.assert_sound();
}

/// The same, on one shared desk (one connection, as the server in the office window).
#[test]
fn threads_on_one_desk_with_one_key_make_one_booking_and_one_charge() {
    let t = Arc::new(memory_desk());
    t.stock(5);
    let asha = t.customer("asha");
    let barrier = Arc::new(Barrier::new(6));
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let (t, barrier, asha) = (t.clone(), barrier.clone(), asha.clone());
            std::thread::spawn(move || {
                barrier.wait();
                t.book_cylinder_once(&asha, price(&t), KEY)
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert!(results.iter().all(|r| r.is_ok() || matches!(r, Err(Error::Busy))), "{results:?}");
    assert_eq!((t.gateway.charge_count(), bookings_of(&t, &asha)), (1, 1));
}

/// The process paying dies after the gateway took the money (simulated as the money tests do,
/// by a panic right after the charge): the retry is Busy until the lease lapses, then the
/// reconcile it runs first completes the booking and the retry gets its receipt.
#[test]
fn a_booking_left_pending_by_a_dead_process_is_answered_once_reconciled() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    t.gateway.after_charge(|_| panic!("simulated crash right after the charge"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder_once(&asha, price(&t), KEY)));
    assert!(crashed.is_err());
    assert!(matches!(t.book_cylinder_once(&asha, price(&t), KEY), Err(Error::Busy)), "still within its lease");
    t.clock.advance(Duration::seconds(121));
    let receipt = t.book_cylinder_once(&asha, price(&t), KEY).expect("the settled booking's receipt");
    assert_eq!(receipt.cylinder_code, stock[0].cylinder_code);
    let ledger = t.gateway.ledger.lock().unwrap().clone();
    assert_eq!(ledger.len(), 1, "charged once");
    assert_eq!(receipt.payment_reference.as_deref(), Some(ledger[0].1.gateway_ref.as_str()), "the receipt names that charge");
    assert_eq!(t.book_cylinder_once(&asha, price(&t), KEY).unwrap(), receipt);
    t.assert_sound();
}

/// At the LAN server's start every Pending booking is settled at once, lease or not, so the
/// kiosks' retries are answered without waiting out the lease.
#[test]
fn settling_interrupted_bookings_at_start_answers_retries_without_waiting_for_the_lease() {
    let t = memory_desk();
    t.stock(2);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    t.gateway.after_charge(|_| panic!("killed after the charge"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder_once(&asha, price(&t), KEY)));
    assert!(crashed.is_err());
    t.gateway.on_charge(|_| panic!("killed before the charge"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder_once(&ravi, price(&t), "ravi-key-0001")));
    assert!(crashed.is_err());
    assert_eq!(t.reconcile_lapsed_bookings().unwrap(), 0, "both still within their lease");

    assert_eq!(t.settle_interrupted_bookings().unwrap(), 2);
    let receipt = t.book_cylinder_once(&asha, price(&t), KEY).expect("charged: completed");
    assert_eq!(receipt.payment_reference.as_deref(), Some(t.gateway.ledger.lock().unwrap()[0].1.gateway_ref.as_str()));
    let refused = t.book_cylinder_once(&ravi, price(&t), "ravi-key-0001").unwrap_err();
    assert!(matches!(&refused, Error::BookingNotCharged) && refused.to_string().contains("not charged"), "{refused:?}");
    assert_eq!(t.gateway.charge_count(), 1);
    assert_eq!(t.settle_interrupted_bookings().unwrap(), 0, "nothing left");
    t.assert_sound();
}

/// A charge that lands after its booking was settled as abandoned is refunded; the retry says
/// so, and never "not charged".
#[test]
fn a_retry_after_a_late_charge_was_refunded_says_refunded() {
    let t = Arc::new(memory_desk());
    t.stock(1);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    t.gateway.on_charge(move |_| {
        inner.clock.advance(Duration::seconds(121));
        assert_eq!(inner.reconcile_lapsed_bookings().unwrap(), 1, "released: the gateway has no charge yet");
    });
    t.gateway.after_charge(|_| panic!("simulated crash right after the late charge"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder_once(&asha, price(&t), KEY)));
    assert!(crashed.is_err());
    t.gateway.refuse_refunds.store(true, Ordering::SeqCst);
    t.clock.advance(Duration::minutes(6));
    let owed = t.book_cylinder_once(&asha, price(&t), KEY).unwrap_err();
    assert!(matches!(&owed, Error::BookingCancelled { refunded: false, .. }) && owed.to_string().contains("will be refunded"), "{owed:?}");
    t.gateway.refuse_refunds.store(false, Ordering::SeqCst);
    t.clock.advance(Duration::hours(1));
    let refunded = t.book_cylinder_once(&asha, price(&t), KEY).unwrap_err();
    assert!(
        matches!(&refunded, Error::BookingCancelled { refunded: true, .. }) && refunded.to_string().contains("has been refunded"),
        "{refunded:?}"
    );
    let payment = &t.my_payments(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!((payment.status, payment.refund), (PaymentStatus::Refunded, Some(RefundState::Refunded)));
    assert_eq!(t.gateway.charge_count(), 1);
    let booking = &t.my_bookings(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!(booking.status, BookingStatus::Cancelled);
}

/// `book_cylinder` without a key still books every time (the window's own callers).
#[test]
fn booking_without_a_key_is_unchanged() {
    let t = memory_desk();
    t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder(&asha, price(&t)).unwrap();
    t.book_cylinder(&asha, price(&t)).unwrap();
    assert_eq!((t.gateway.charge_count(), bookings_of(&t, &asha)), (2, 2));
}
