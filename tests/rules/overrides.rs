//! Rule 5: manual assignment and cancelling bookings.
use crate::common::*;
use gasdesk_core::model::{BookingStatus, CylinderStatus, ManualAssignment, ManualPayment, PageRequest, PaymentMethod, PaymentStatus};
use gasdesk_core::store::parse_booking_reference;
use gasdesk_core::{Error, ErrorCode};

fn assign(
    t: &TestDesk,
    customer: &gasdesk_core::domain::Actor,
    code: &str,
    payment: ManualPayment,
) -> Result<gasdesk_core::model::Receipt, Error> {
    t.assign_manually(
        &t.admin,
        &ManualAssignment {
            customer_id: customer_id(customer),
            cylinder_code: code.into(),
            payment,
            reason: "faulty valve".into(),
            override_refill_rules: false,
        },
    )
}

#[test]
fn manual_assignment_bypasses_fifo_and_takes_cash() {
    let t = memory_desk();
    let stock = t.stock(3);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap(); // stock[0]
    let receipt = assign(&t, &asha, &stock[2].cylinder_code.to_lowercase(), ManualPayment::Cash).unwrap();
    assert_eq!(receipt.cylinder_code, stock[2].cylinder_code, "the chosen one, not the FIFO head");
    assert_eq!(receipt.returned_cylinder_code.as_deref(), Some(stock[0].cylinder_code.as_str()));
    assert_eq!(receipt.method, Some(PaymentMethod::Cash));
    assert_eq!(receipt.amount.paise(), 100_000);
    assert_eq!(t.cylinder(&stock[0].cylinder_code).status, CylinderStatus::Empty);
    assert_eq!(t.fifo_queue(&t.admin, 1, 5).unwrap()[0].cylinder_code, stock[1].cylinder_code);
    let booking = &t.list_bookings(&t.admin, &Default::default(), &PageRequest::default()).unwrap().items[0];
    assert!(booking.note.contains("faulty valve"));
    assert_eq!(booking.payment_status, Some(PaymentStatus::Success));
    t.assert_sound();
}

#[test]
fn a_free_replacement_records_no_payment() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    let receipt = assign(&t, &asha, &stock[0].cylinder_code, ManualPayment::Free).unwrap();
    assert_eq!(receipt.amount.paise(), 0);
    assert_eq!(receipt.method, None);
    assert!(t.my_payments(&asha, &PageRequest::default()).unwrap().items.is_empty());
    t.assert_sound();
}

#[test]
fn manual_assignment_refuses_what_is_not_in_stock_and_customers() {
    let t = memory_desk();
    let stock = t.stock(2);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    t.book_cylinder_at_shown_price(&asha).unwrap(); // stock[0] assigned
    assert_eq!(assign(&t, &ravi, &stock[0].cylinder_code, ManualPayment::Cash).unwrap_err().code(), ErrorCode::Conflict);
    assert_eq!(assign(&t, &ravi, "NOPE999", ManualPayment::Cash).unwrap_err().code(), ErrorCode::NotFound);
    let no_reason = ManualAssignment {
        customer_id: customer_id(&ravi),
        cylinder_code: stock[1].cylinder_code.clone(),
        payment: ManualPayment::Free,
        reason: "  ".into(),
        override_refill_rules: false,
    };
    assert_eq!(t.assign_manually(&t.admin, &no_reason).unwrap_err().code(), ErrorCode::Invalid);
    let by_customer = ManualAssignment { reason: "me".into(), ..no_reason };
    assert!(matches!(t.assign_manually(&asha, &by_customer), Err(Error::Forbidden)));
    assert_eq!(t.cylinder(&stock[1].cylinder_code).status, CylinderStatus::Filled);
    t.assert_sound();
}

#[test]
fn cancelling_a_completed_booking_restocks_and_refunds() {
    let t = memory_desk();
    let stock = t.stock(2);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder_at_shown_price(&asha).unwrap();
    let id = parse_booking_reference(&receipt.booking_reference).unwrap();
    let cancelled = t.cancel_booking(&t.admin, id, "booked by mistake").unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(cancelled.payment_status, Some(PaymentStatus::Refunded));
    assert_eq!(t.gateway.refunds.load(std::sync::atomic::Ordering::SeqCst), 1);
    let c = t.cylinder(&stock[0].cylinder_code);
    assert_eq!((c.status, c.assigned_to), (CylinderStatus::Filled, None));
    assert_eq!(c.filled_at, stock[0].filled_at, "keeps its FIFO place");
    assert_eq!(t.fifo_queue(&t.admin, 1, 1).unwrap()[0].cylinder_code, stock[0].cylinder_code);
    assert!(!t.customer_home(&asha).unwrap().customer.has_active_cylinder);
    assert_eq!(t.cancel_booking(&t.admin, id, "again").unwrap_err().code(), ErrorCode::Conflict);
    t.assert_sound();
}

#[test]
fn a_completed_booking_cannot_be_undone_once_its_cylinder_came_back() {
    let t = memory_desk();
    t.stock(2);
    let asha = t.customer("asha");
    let first = t.book_cylinder_at_shown_price(&asha).unwrap();
    t.book_cylinder_at_shown_price(&asha).unwrap(); // returns the first cylinder
    let id = parse_booking_reference(&first.booking_reference).unwrap();
    assert_eq!(t.cancel_booking(&t.admin, id, "too late").unwrap_err().code(), ErrorCode::Conflict);
    t.assert_sound();
}

#[test]
fn cancelling_a_cash_booking_records_the_refund() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    let receipt = assign(&t, &asha, &stock[0].cylinder_code, ManualPayment::Cash).unwrap();
    let id = parse_booking_reference(&receipt.booking_reference).unwrap();
    t.cancel_booking(&t.admin, id, "cash returned").unwrap();
    assert_eq!(t.my_payments(&asha, &PageRequest::default()).unwrap().items[0].status, PaymentStatus::Refunded);
    assert_eq!(t.gateway.refunds.load(std::sync::atomic::Ordering::SeqCst), 0, "cash is not refunded through the gateway");
    t.assert_sound();
}

#[test]
fn customers_cannot_cancel_bookings() {
    let t = memory_desk();
    t.stock(1);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder_at_shown_price(&asha).unwrap();
    let id = parse_booking_reference(&receipt.booking_reference).unwrap();
    assert!(matches!(t.cancel_booking(&asha, id, "please"), Err(Error::Forbidden)));
    assert_eq!(t.receipt(&asha, id).unwrap().booking_reference, receipt.booking_reference);
}

#[test]
fn a_refund_the_gateway_refuses_is_reported_and_kept_open() {
    let t = memory_desk();
    t.stock(1);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder_at_shown_price(&asha).unwrap();
    let id = parse_booking_reference(&receipt.booking_reference).unwrap();
    t.gateway.refuse_refunds.store(true, std::sync::atomic::Ordering::SeqCst);
    let err = t.cancel_booking(&t.admin, id, "booked by mistake").unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("keep asking") && err.to_string().contains("₹1,000.00"), "{err}");
    // The cancellation itself stands, and the refused refund is on record for the accounts
    // (and stays open: see money.rs for the retries).
    assert_eq!(t.my_bookings(&asha, &PageRequest::default()).unwrap().items[0].status, BookingStatus::Cancelled);
    let filter = gasdesk_core::model::AuditFilter { action: Some("payment.refund_refused".into()), ..Default::default() };
    assert_eq!(t.audit_log(&t.admin, &filter, &PageRequest::default()).unwrap().items.len(), 1);
    t.assert_sound();
}
