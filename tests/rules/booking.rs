//! Rule 2: self-service booking, FIFO, payment, receipts.
use crate::common::*;
use gasdesk_core::model::{BookingStatus, CylinderStatus, PageRequest, PaymentStatus};
use gasdesk_core::{Error, ErrorCode};
use std::sync::Arc;

#[test]
fn a_first_time_customer_gets_the_cylinder_filled_longest_ago() {
    let t = memory_desk();
    let stock = t.stock(3);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder_at_shown_price(&asha).unwrap();
    assert_eq!(receipt.cylinder_code, stock[0].cylinder_code);
    assert_eq!(receipt.returned_cylinder_code, None);
    assert_eq!(receipt.amount.paise(), 100_000);
    assert!(receipt.payment_reference.as_deref().unwrap().starts_with("pay_"));
    assert!(receipt.booking_reference.starts_with("BK-"));
    let c = t.cylinder(&stock[0].cylinder_code);
    assert_eq!((c.status, c.assigned_to), (CylinderStatus::Assigned, Some(customer_id(&asha))));
    assert!(t.customer_home(&asha).unwrap().customer.has_active_cylinder);
    t.assert_sound();
}

#[test]
fn fifo_ties_on_filled_at_go_to_the_lower_id() {
    let t = memory_desk();
    // One registration call: every cylinder gets the same filled_at.
    let batch = t
        .register_cylinders(
            &t.admin,
            &gasdesk_core::model::RegisterCylinders {
                serials: vec!["ZZZ999".into(), "AAA111".into()],
                count: 0,
                status: CylinderStatus::Filled,
                type_id: 1,
                test_due: "D-35".into(),
            },
        )
        .unwrap();
    let ravi = t.customer("ravi");
    assert_eq!(t.book_cylinder_at_shown_price(&ravi).unwrap().cylinder_code, batch[0].cylinder_code);
    assert_eq!(batch[0].cylinder_code, "ZZZ999", "the lower id wins the tie, not the smaller code");
}

#[test]
fn a_returning_customer_returns_the_old_cylinder_empty() {
    let t = memory_desk();
    let stock = t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap();
    let second = t.book_cylinder_at_shown_price(&asha).unwrap();
    assert_eq!(second.cylinder_code, stock[1].cylinder_code);
    assert_eq!(second.returned_cylinder_code.as_deref(), Some(stock[0].cylinder_code.as_str()));
    assert_eq!(t.cylinder(&stock[0].cylinder_code).status, CylinderStatus::Empty);
    assert_eq!(t.cylinder(&stock[0].cylinder_code).assigned_to, None);
    assert_eq!(t.cylinder(&stock[1].cylinder_code).assigned_to, Some(customer_id(&asha)));
    t.assert_sound();
}

#[test]
fn out_of_stock_is_a_clear_error_and_charges_nothing() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let err = t.book_cylinder_at_shown_price(&asha).unwrap_err();
    assert!(matches!(err, Error::OutOfStock));
    assert!(err.to_string().contains("not been charged"));
    assert_eq!(t.gateway.charge_count(), 0);
    assert!(t.my_bookings(&asha, &PageRequest::default()).unwrap().items.is_empty());
    assert!(t.my_payments(&asha, &PageRequest::default()).unwrap().items.is_empty());
    t.assert_sound();
}

#[test]
fn a_reserved_or_assigned_cylinder_is_not_stock() {
    let t = memory_desk();
    t.stock(1);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    t.book_cylinder_at_shown_price(&asha).unwrap();
    assert!(matches!(t.book_cylinder_at_shown_price(&ravi), Err(Error::OutOfStock)));
}

#[test]
fn payment_failure_cancels_the_booking_and_puts_everything_back() {
    let t = memory_desk();
    let stock = t.stock(3);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap(); // holds stock[0]
    let queue_before: Vec<String> = t.fifo_queue(&t.admin, 1, 10).unwrap().into_iter().map(|c| c.cylinder_code).collect();

    t.gateway.set_failing(true);
    let err = t.book_cylinder_at_shown_price(&asha).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PaymentFailed);
    assert!(err.to_string().contains("not been charged"));

    // Still holds the old cylinder; the reserved one is back at the head of the queue.
    assert_eq!(t.cylinder(&stock[0].cylinder_code).assigned_to, Some(customer_id(&asha)));
    assert!(t.customer_home(&asha).unwrap().customer.has_active_cylinder);
    let queue_after: Vec<String> = t.fifo_queue(&t.admin, 1, 10).unwrap().into_iter().map(|c| c.cylinder_code).collect();
    assert_eq!(queue_after, queue_before);
    assert_eq!(queue_after[0], stock[1].cylinder_code);

    let bookings = t.my_bookings(&asha, &PageRequest::default()).unwrap().items;
    assert_eq!(bookings[0].status, BookingStatus::Cancelled);
    assert_eq!(bookings[0].returned_cylinder_code.as_deref(), Some(stock[0].cylinder_code.as_str()), "records what would have come back");
    let payments = t.my_payments(&asha, &PageRequest::default()).unwrap().items;
    assert_eq!(payments[0].status, PaymentStatus::Failed);
    assert!(payments[0].failure_reason.as_deref().unwrap().contains("declined"));
    t.assert_sound();

    // And the next attempt, with a working card, gets that same cylinder.
    t.gateway.set_failing(false);
    assert_eq!(t.book_cylinder_at_shown_price(&asha).unwrap().cylinder_code, stock[1].cylinder_code);
    t.assert_sound();
}

#[test]
fn only_a_customer_books_for_themself() {
    let t = memory_desk();
    t.stock(1);
    assert!(matches!(t.book_cylinder_at_shown_price(&t.admin), Err(Error::Forbidden)));
    assert!(matches!(t.book_cylinder_at_shown_price(&gasdesk_core::domain::Actor::System), Err(Error::Forbidden)));
    assert_eq!(t.gateway.charge_count(), 0);
}

#[test]
fn a_second_booking_while_one_is_being_paid_is_refused() {
    let t = Arc::new(memory_desk());
    t.stock(2);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    let again = asha.clone();
    let seen: Arc<std::sync::Mutex<Option<ErrorCode>>> = Arc::default();
    let seen_in = Arc::clone(&seen);
    t.gateway.on_charge(move |_| {
        *seen_in.lock().unwrap() = inner.book_cylinder_at_shown_price(&again).err().map(|e| e.code());
    });
    t.book_cylinder_at_shown_price(&asha).unwrap();
    assert_eq!(*seen.lock().unwrap(), Some(ErrorCode::Conflict));
    assert_eq!(t.gateway.charge_count(), 1);
    t.assert_sound();
}

#[test]
fn staff_cancelling_during_the_payment_gets_the_charge_refunded() {
    let t = Arc::new(memory_desk());
    let stock = t.stock(1);
    let asha = t.customer("asha");
    let inner = Arc::clone(&t);
    t.gateway.on_charge(move |order_ref| {
        let id = gasdesk_core::store::parse_booking_reference(order_ref.trim_start_matches("order_")).unwrap();
        inner.cancel_booking(&inner.admin, id, "customer walked away").unwrap();
    });
    let err = t.book_cylinder_at_shown_price(&asha).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(err.to_string().contains("refunded"));
    assert_eq!(t.gateway.refunds.load(std::sync::atomic::Ordering::SeqCst), 1);
    let c = t.cylinder(&stock[0].cylinder_code);
    assert_eq!((c.status, c.reserved, c.assigned_to), (CylinderStatus::Filled, false, None));
    t.assert_sound();
}

#[test]
fn receipts_are_private_to_their_customer() {
    let t = memory_desk();
    t.stock(1);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    let receipt = t.book_cylinder_at_shown_price(&asha).unwrap();
    let id = gasdesk_core::store::parse_booking_reference(&receipt.booking_reference).unwrap();
    assert_eq!(t.receipt(&asha, id).unwrap(), receipt);
    assert_eq!(t.receipt(&t.admin, id).unwrap(), receipt);
    assert!(matches!(t.receipt(&ravi, id), Err(Error::NotFound(_))));
}

#[test]
fn the_price_setting_is_what_is_charged() {
    let t = memory_desk();
    t.stock(1);
    let settings = t.settings(&t.admin).unwrap();
    crate::common::set_domestic_price(&t, &t.admin, gasdesk_core::model::Money::parse("price", "1,234.50").unwrap());
    t.update_settings(&t.admin, &settings).unwrap();
    let asha = t.customer("asha");
    assert_eq!(t.book_cylinder_at_shown_price(&asha).unwrap().amount.to_string(), "₹1,234.50");
    t.assert_sound();
}

#[test]
fn an_abandoned_payment_lapses_and_is_released() {
    let t = memory_desk();
    let stock = t.stock(1);
    let asha = t.customer("asha");
    // The process "dies" inside the gateway call: the reservation stays behind.
    t.gateway.on_charge(|_| panic!("simulated crash during payment"));
    let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| t.book_cylinder_at_shown_price(&asha)));
    assert!(crashed.is_err());
    assert!(t.cylinder(&stock[0].cylinder_code).reserved);
    assert_eq!(t.reconcile_lapsed_bookings().unwrap(), 0, "not before the lease runs out");
    t.clock.advance(chrono::Duration::seconds(121));
    assert_eq!(t.reconcile_lapsed_bookings().unwrap(), 1);
    let c = t.cylinder(&stock[0].cylinder_code);
    assert_eq!((c.status, c.reserved), (CylinderStatus::Filled, false));
    assert_eq!(t.my_payments(&asha, &PageRequest::default()).unwrap().items[0].status, PaymentStatus::Failed);
    t.assert_sound();
}

#[test]
fn keyset_pages_match_offset_pages() {
    let t = memory_desk();
    t.stock(30);
    let asha = t.customer("asha");
    for _ in 0..25 {
        t.book_cylinder_at_shown_price(&asha).unwrap();
    }
    let filter = gasdesk_core::model::BookingFilter::default();
    let mut by_offset = Vec::new();
    let mut offset = 0;
    loop {
        let page = t.list_bookings(&t.admin, &filter, &PageRequest::at(offset, 7)).unwrap();
        by_offset.extend(page.items.iter().map(|b| b.id));
        if !page.has_more {
            break;
        }
        offset += 7;
    }
    let mut by_keyset = Vec::new();
    let mut page = t.list_bookings(&t.admin, &filter, &PageRequest::first(7)).unwrap();
    loop {
        by_keyset.extend(page.items.iter().map(|b| b.id));
        let Some(last) = page.items.last() else { break };
        if !page.has_more {
            break;
        }
        page = t.list_bookings(&t.admin, &filter, &PageRequest::after(last.id, 7)).unwrap();
    }
    assert_eq!(by_offset.len(), 25);
    assert_eq!(by_keyset, by_offset);
    let audit: Vec<i64> =
        t.audit_log(&t.admin, &Default::default(), &PageRequest::after(10, 50)).unwrap().items.iter().map(|e| e.id).collect();
    assert_eq!(audit, (1..10).rev().collect::<Vec<i64>>());
}

#[test]
fn the_dashboard_counts_today() {
    let t = memory_desk();
    t.stock(5);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    t.book_cylinder_at_shown_price(&asha).unwrap();
    t.book_cylinder_at_shown_price(&ravi).unwrap();
    t.gateway.set_failing(true);
    let _ = t.book_cylinder_at_shown_price(&ravi);
    let d = t.dashboard(&t.admin).unwrap();
    assert_eq!((d.stock.filled, d.stock.assigned, d.stock.empty), (3, 2, 0));
    assert_eq!(d.revenue_today.to_string(), "₹2,000.00", "failed payments are not revenue");
    assert_eq!(d.revenue_this_month, d.revenue_today);
    assert_eq!(d.recent_days.len(), 14);
    assert_eq!(d.recent_days.last().map(|day| day.completed_bookings), Some(2));
    assert!(d.low_stock, "3 left is under the default threshold of 20");
    assert_eq!(d.pending_bookings, 0);
}

#[test]
fn the_dashboard_counts_days_and_revenue_from_its_quarter_hours_with_refunds_taken_out() {
    let t = memory_desk();
    t.stock(5);
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    t.book_cylinder_at_shown_price(&asha).unwrap(); // yesterday
    t.clock.advance(chrono::Duration::days(1));
    let refunded = t.book_cylinder_at_shown_price(&ravi).unwrap();
    let id = gasdesk_core::store::parse_booking_reference(&refunded.booking_reference).unwrap();
    t.cancel_booking(&t.admin, id, "Booked by mistake").unwrap();
    t.clock.advance(chrono::Duration::minutes(20)); // into the next quarter hour
    t.book_cylinder_at_shown_price(&asha).unwrap();

    let d = t.dashboard(&t.admin).unwrap();
    assert_eq!(d.revenue_today.to_string(), "₹1,000.00", "the refunded booking is not revenue");
    assert_eq!(d.revenue_this_month.to_string(), "₹2,000.00");
    let last_two: Vec<i64> = d.recent_days[12..].iter().map(|day| day.completed_bookings).collect();
    assert_eq!(last_two, vec![1, 1], "yesterday's booking, and today's one that was not cancelled");
    assert_eq!(d.recent_days.iter().map(|day| day.completed_bookings).sum::<i64>(), 2);
    t.assert_sound();
}

/// The bookings screen's search (`list_bookings` command → `Desk::search_bookings`): a
/// reference finds that one booking, a blank one lists with the filter, a malformed one is
/// refused on its field, an unknown one is NotFound, and a customer may not search.
#[test]
fn staff_search_bookings_by_reference_or_list_them() {
    let t = memory_desk();
    t.stock(2);
    let asha = t.customer("asha");
    let ravi = t.customer("ravi");
    let first = t.book_cylinder_at_shown_price(&asha).unwrap();
    t.book_cylinder_at_shown_price(&ravi).unwrap();
    let filter = Default::default();
    let page = PageRequest::first(10);

    let found = t.search_bookings(&t.admin, &filter, &format!("  {} ", first.booking_reference), &page).unwrap();
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].reference, first.booking_reference);
    assert!(!found.has_more);

    assert_eq!(t.search_bookings(&t.admin, &filter, "  ", &page).unwrap().items.len(), 2);
    let malformed = t.search_bookings(&t.admin, &filter, "booking one", &page).unwrap_err();
    assert!(matches!(malformed, Error::Invalid { field: "reference", .. }), "{malformed:?}");
    assert!(matches!(t.search_bookings(&t.admin, &filter, "BK-999999", &page), Err(Error::NotFound(_))));
    assert!(matches!(t.search_bookings(&asha, &filter, &first.booking_reference, &page), Err(Error::Forbidden)));
    assert!(matches!(t.search_bookings(&asha, &filter, "", &page), Err(Error::Forbidden)));
}
