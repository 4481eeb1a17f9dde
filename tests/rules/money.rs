//! Issue 9, money: a completed booking is never refunded, the amount charged is the amount
//! the customer confirmed, refunds are a state machine written before the gateway is asked
//! (and retried until the gateway says done), and money text is parsed strictly.
use crate::common::*;
use chrono::Duration;
use gasdesk_core::model::{BookingStatus, CylinderStatus, Money, PageRequest, PaymentStatus, RefundState};
use gasdesk_core::{Clock, Error, ErrorCode};
use std::sync::atomic::Ordering;
use std::sync::Arc;

fn booking_id_of(order_ref: &str) -> i64 {
    gasdesk_core::store::parse_booking_reference(order_ref.trim_start_matches("order_")).unwrap()
}

fn price(t: &TestDesk) -> Money {
    t.cylinder_types().unwrap()[0].price
}

/// Asha's completed booking (its reference and id), with the gateway set to refuse refunds or not.
fn completed_booking(t: &TestDesk, refuse_refunds: bool) -> (String, i64) {
    t.stock(1);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder(&asha, price(t)).unwrap();
    let id = gasdesk_core::store::parse_booking_reference(&receipt.booking_reference).unwrap();
    t.gateway.refuse_refunds.store(refuse_refunds, Ordering::SeqCst);
    (receipt.booking_reference, id)
}

/// Path: charge slower than the lease → reconcile completes the booking with that charge →
/// `confirm` used to find it not Pending, refund it and tell the customer it was cancelled.
#[test]
fn confirm_after_reconcile_completed_the_booking_returns_its_receipt_and_refunds_nothing() {
    let t = Arc::new(memory_desk());
    let stock = t.stock(1);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    t.gateway.after_charge(move |_| {
        inner.clock.advance(Duration::seconds(121));
        assert_eq!(inner.reconcile_lapsed_bookings().unwrap(), 1, "reconcile finishes the lapsed, charged booking");
    });
    let receipt = t.book_cylinder(&asha, price(&t)).expect("the customer is told the booking went through");
    assert_eq!(receipt.cylinder_code, stock[0].cylinder_code);
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0, "a completed booking is never refunded");
    let c = t.cylinder(&stock[0].cylinder_code);
    assert_eq!((c.status, c.assigned_to), (CylinderStatus::Assigned, Some(customer_id(&asha))));
    let payment = &t.my_payments(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!(payment.status, PaymentStatus::Success);
    assert_eq!(payment.refund, None);
    t.assert_sound();
}

/// Path: staff change the price between the pay sheet and the Pay button.
#[test]
fn a_price_changed_after_the_pay_sheet_is_a_conflict_showing_the_new_price_and_charges_nothing() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    let shown = price(&t);
    let settings = t.settings(&t.admin).unwrap();
    crate::common::set_domestic_price(&t, &t.admin, gasdesk_core::model::Money::parse("price", "1100").unwrap());
    t.update_settings(&t.admin, &settings).unwrap();
    let err = t.book_cylinder(&asha, shown).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("₹1,100.00"), "the new price is shown: {err}");
    assert_eq!(t.gateway.charge_count(), 0);
    assert!(t.my_bookings(&asha, &PageRequest::default()).unwrap().items.is_empty(), "nothing reserved");
    assert!(!t.cylinder(&stock[0].cylinder_code).reserved);
    let receipt = t.book_cylinder(&asha, Money::parse("price", "1100").unwrap()).unwrap();
    assert_eq!(receipt.amount.paise(), 110_000);
    t.assert_sound();
}

/// Path: cancelling a Completed booking used to mark the payment Refunded before the gateway
/// was asked; a refused refund was only audited.
#[test]
fn a_refund_the_gateway_refuses_stays_open_is_shown_and_reconcile_retries_it() {
    let t = memory_desk();
    let (reference, id) = completed_booking(&t, true);
    let err = t.cancel_booking(&t.admin, id, "wrong customer").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(!err.to_string().to_lowercase().contains("has been refunded"), "{err}");
    let booking = t.find_booking(&t.admin, &reference).unwrap();
    assert_eq!(booking.status, BookingStatus::Cancelled);
    assert_eq!(booking.payment_status, Some(PaymentStatus::Success), "not Refunded before the gateway said so");
    assert_eq!(booking.refund, Some(RefundState::Failed));
    assert_eq!(t.dashboard(&t.admin).unwrap().refunds_needing_attention, 1);
    assert_eq!(t.db().refunds_needing_attention().unwrap(), 1, "gasdesk check reports it too");
    t.assert_sound();

    // The gateway is back: reconcile retries it once the back-off has passed.
    t.gateway.refuse_refunds.store(false, Ordering::SeqCst);
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0, "not retried before its back-off");
    t.clock.advance(Duration::minutes(11));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1);
    let booking = t.find_booking(&t.admin, &reference).unwrap();
    assert_eq!((booking.payment_status, booking.refund), (Some(PaymentStatus::Refunded), Some(RefundState::Refunded)));
    assert_eq!(t.dashboard(&t.admin).unwrap().refunds_needing_attention, 0);
    t.assert_sound();
}

#[test]
fn a_cancelled_completed_booking_is_refunded_once_the_gateway_says_so() {
    let t = memory_desk();
    let (_, id) = completed_booking(&t, false);
    let booking = t.cancel_booking(&t.admin, id, "wrong customer").unwrap();
    assert_eq!((booking.payment_status, booking.refund), (Some(PaymentStatus::Refunded), Some(RefundState::Refunded)));
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1);
    t.assert_sound();
}

/// Path: staff cancel a Pending booking during the charge and the gateway refuses the refund
/// of the orphan charge: the customer used to be told "refunded".
#[test]
fn an_orphan_charge_whose_refund_is_refused_is_not_reported_as_refunded() {
    let t = Arc::new(memory_desk());
    t.stock(1);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    t.gateway.refuse_refunds.store(true, Ordering::SeqCst);
    t.gateway.on_charge(move |order_ref| {
        inner.cancel_booking(&inner.admin, booking_id_of(order_ref), "customer walked away").unwrap();
    });
    let err = t.book_cylinder(&asha, price(&t)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(!err.to_string().to_lowercase().contains("has been refunded"), "{err}");
    assert!(err.to_string().contains("will be refunded"), "{err}");
    let payment = &t.my_payments(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!(payment.refund, Some(RefundState::Failed));
    assert_eq!(t.dashboard(&t.admin).unwrap().refunds_needing_attention, 1);
    t.assert_sound();
}

/// Path: the charge lands after staff cancelled the Pending booking, and the process dies
/// before it could refund: nobody ever refunded it.
#[test]
fn a_charge_landing_after_staff_cancelled_is_refunded_by_reconcile_after_a_crash() {
    let t = Arc::new(memory_desk());
    t.stock(1);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    t.gateway.after_charge(move |order_ref| {
        inner.cancel_booking(&inner.admin, booking_id_of(order_ref), "customer walked away").unwrap();
        panic!("simulated crash right after the charge");
    });
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder(&asha, price(&t))));
    assert!(crashed.is_err());
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0);
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0, "not before the paying process's lease runs out");
    t.clock.advance(Duration::seconds(121));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1, "reconcile found the late charge and refunded it");
    let payment = &t.my_payments(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!((payment.status, payment.refund), (PaymentStatus::Refunded, Some(RefundState::Refunded)));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1, "never twice");
    t.assert_sound();
}

/// Path: the lease lapses while the charge is in flight, reconcile releases the booking (no
/// charge yet), then the charge lands and the process dies.
#[test]
fn a_charge_landing_after_a_lapse_release_is_refunded_by_reconcile_after_a_crash() {
    let t = Arc::new(memory_desk());
    t.stock(1);
    let asha = t.customer("asha");
    let before = Arc::clone(&t);
    t.gateway.on_charge(move |_| {
        before.clock.advance(Duration::seconds(121));
        assert_eq!(before.reconcile_lapsed_bookings().unwrap(), 1, "released: the gateway has no charge yet");
    });
    t.gateway.after_charge(|_| panic!("simulated crash right after the charge"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder(&asha, price(&t))));
    assert!(crashed.is_err());
    // The release's own pass asked the gateway (no charge yet); it asks again a few minutes on.
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0, "not asked again at once");
    t.clock.advance(Duration::minutes(6));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1);
    let payment = &t.my_payments(&asha, &PageRequest::default()).unwrap().items[0];
    assert_eq!((payment.status, payment.refund), (PaymentStatus::Refunded, Some(RefundState::Refunded)));
    t.assert_sound();
}

/// Path: `Money` arriving over IPC (settings, amounts) skipped `Money::parse`: a huge price
/// panicked in `paise()`, "7.9e28" was accepted and "10.009" silently lost its last digit.
#[test]
fn money_from_ipc_is_parsed_strictly_and_never_panics() {
    for bad in
        ["\"7.9e28\"", "\"1e3\"", "\"10.009\"", "\"79228162514264337593543950335\"", "\"-5\"", "\"\"", "\"1,0.0\"", "1000", "\" 10\""]
    {
        assert!(serde_json::from_str::<Money>(bad).is_err(), "{bad} must be refused");
    }
    assert_eq!(serde_json::from_str::<Money>("\"1000.5\"").unwrap().paise(), 100_050);
    assert_eq!(serde_json::from_str::<Money>("\"0.00\"").unwrap().paise(), 0);
    for bad in ["7.9e28", "10.009", "1e3", "10.0.0", "+5", "99999999999"] {
        let err = Money::parse("price", bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid, "{bad}");
    }
    let settings = serde_json::json!({
        "price": "7.9e28", "low_stock_threshold": 5, "kiosk_idle_seconds": 90, "admin_relock_seconds": 300,
        "agency_name": "A", "emergency_helpline": "1906",
    });
    assert!(serde_json::from_value::<gasdesk_core::model::Settings>(settings).is_err());
    assert!(matches!(Money::parse("price", "10.009"), Err(Error::Invalid { field: "price", .. })));
}

/// `gasdesk check` on a file with a refund the gateway refused says so (and the file is sound).
#[test]
fn gasdesk_check_reports_refunds_needing_attention() {
    let (_dir, path) = temp_db();
    {
        let t = file_desk(&path);
        let (_, id) = completed_booking(&t, true);
        assert!(t.cancel_booking(&t.admin, id, "wrong customer").is_err());
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gasdesk"))
        .args(["check", "--db", path.to_str().unwrap()])
        .env_remove("DISPLAY")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("1 refund(s) need attention"), "{text}");
}

/// A refund the gateway keeps refusing can be closed by staff who gave the money back another
/// way: with a note, audited, and only by staff.
#[test]
fn staff_settle_a_refused_refund_by_hand_and_reconcile_stops_asking() {
    let t = memory_desk();
    let (_, id) = completed_booking(&t, true);
    assert!(t.cancel_booking(&t.admin, id, "wrong customer").is_err());
    let ravi = t.customer("ravi");
    assert!(matches!(t.settle_refund_by_hand(&ravi, id, "cash"), Err(Error::Forbidden)));
    assert_eq!(t.settle_refund_by_hand(&t.admin, id, "  ").unwrap_err().code(), ErrorCode::Invalid);
    let booking = t.settle_refund_by_hand(&t.admin, id, "₹1,000 cash handed back at the counter").unwrap();
    assert_eq!((booking.payment_status, booking.refund), (Some(PaymentStatus::Refunded), Some(RefundState::Refunded)));
    assert_eq!(t.dashboard(&t.admin).unwrap().refunds_needing_attention, 0);
    assert_eq!(t.settle_refund_by_hand(&t.admin, id, "again").unwrap_err().code(), ErrorCode::Conflict);
    t.gateway.refuse_refunds.store(false, Ordering::SeqCst);
    t.clock.advance(Duration::minutes(11));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 0, "the gateway is not asked for money already given back");
    let filter = gasdesk_core::model::AuditFilter { action: Some("payment.refunded_by_hand".into()), ..Default::default() };
    assert_eq!(t.audit_log(&t.admin, &filter, &PageRequest::default()).unwrap().items.len(), 1);
    t.assert_sound();
}

/// Path: the gateway paid the refund, then the process stopped before writing so; after the
/// hold, reconcile asks again. The refund's key makes the second ask the same refund: the
/// customer is paid back once, and the records end Refunded.
#[test]
fn a_refund_asked_again_after_a_crash_is_paid_once() {
    let t = memory_desk();
    let (reference, id) = completed_booking(&t, false);
    t.gateway.after_refund(|_| panic!("simulated crash right after the gateway paid the refund"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.cancel_booking(&t.admin, id, "wrong customer")));
    assert!(crashed.is_err());
    assert_eq!(t.find_booking(&t.admin, &reference).unwrap().refund, Some(RefundState::Pending), "GasDesk did not hear back");
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refund_calls.load(Ordering::SeqCst), 1, "not asked again while the first ask may be in flight");
    t.clock.advance(Duration::minutes(3));
    t.reconcile_lapsed_bookings().unwrap();
    assert_eq!(t.gateway.refund_calls.load(Ordering::SeqCst), 2, "asked again once the hold ran out");
    assert_eq!(t.gateway.refunds.load(Ordering::SeqCst), 1, "paid back once");
    let booking = t.find_booking(&t.admin, &reference).unwrap();
    assert_eq!((booking.payment_status, booking.refund), (Some(PaymentStatus::Refunded), Some(RefundState::Refunded)));
    t.assert_sound();
}

/// Path: an attempt that outlived its hold answers after a newer attempt took the refund: the
/// stale refusal must not turn the newer attempt's Pending into Failed (which would let staff
/// pay by hand while the gateway is paying, or a later pass ask a third time).
#[test]
fn a_stale_refusal_does_not_overwrite_a_newer_attempt() {
    let t = memory_desk();
    let (reference, id) = completed_booking(&t, true);
    assert!(t.cancel_booking(&t.admin, id, "wrong customer").is_err(), "refused: Failed, retried later");
    let refund_id = t.db().read(|r| r.open_refund_of_booking(id)).unwrap().expect("open refund").id;
    let at = |minutes: i64| t.clock.now() + Duration::minutes(minutes);
    let first = t.db().write(|w| w.hold_refund(refund_id, at(11), at(13))).unwrap().expect("the first retry takes it");
    let second = t.db().write(|w| w.hold_refund(refund_id, at(14), at(16))).unwrap().expect("its hold ran out: a second retry takes it");
    assert_ne!(first, second);
    t.db().write(|w| w.record_refund_refused(refund_id, first, "late answer to the first ask", at(24), at(15))).unwrap();
    let booking = t.find_booking(&t.admin, &reference).unwrap();
    assert_eq!(booking.refund, Some(RefundState::Pending), "the second ask is still in flight");
    assert!(t.settle_refund_by_hand(&t.admin, id, "cash").is_err(), "no hand refund while the gateway is asked");
}
