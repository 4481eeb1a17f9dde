//! Property tests: random sequences of operations, with every invariant checked after each
//! step and FIFO checked on every self-service booking against a model kept by the test.
use crate::common::*;
use gasdesk_core::domain::Actor;
use gasdesk_core::model::{BookingStatus, CylinderStatus, ManualAssignment, ManualPayment, PageRequest, RegisterCylinders};
use gasdesk_core::Error;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Book(usize),
    BookFailing(usize),
    Manual { customer: usize, pick: usize, cash: bool },
    CancelNewest,
    CancelNewestPaid,
    MarkEmpty(usize),
    MarkFilled(usize),
    RefillAll,
    Register(u32),
    Complain(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..4usize).prop_map(Op::Book),
        1 => (0..4usize).prop_map(Op::BookFailing),
        1 => (0..4usize, 0..8usize, any::<bool>()).prop_map(|(customer, pick, cash)| Op::Manual { customer, pick, cash }),
        1 => Just(Op::CancelNewest),
        1 => Just(Op::CancelNewestPaid),
        1 => (0..8usize).prop_map(Op::MarkEmpty),
        1 => (0..8usize).prop_map(Op::MarkFilled),
        1 => Just(Op::RefillAll),
        1 => (1..4u32).prop_map(Op::Register),
        1 => (0..4usize).prop_map(Op::Complain),
    ]
}

/// The cylinder FIFO must hand out next, computed here from the inventory list, not by the
/// store's FIFO query.
fn expected_fifo_head(t: &TestDesk) -> Option<String> {
    let all = t
        .list_cylinders(
            &t.admin,
            &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Filled), ..Default::default() },
            "",
            &PageRequest::first(200),
        )
        .unwrap()
        .items;
    all.into_iter().filter(|c| !c.reserved).min_by_key(|c| (c.filled_at, c.id)).map(|c| c.cylinder_code)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn invariants_hold_after_every_step(ops in prop::collection::vec(op(), 1..40)) {
        let t = memory_desk();
        t.stock(3);
        let customers: Vec<Actor> = (0..4).map(|i| t.customer(&format!("prop{i}"))).collect();
        let mut open_complaints = [0usize; 4];
        for op in ops {
            t.clock.advance(chrono::Duration::seconds(1));
            match op {
                Op::Book(i) | Op::BookFailing(i) => {
                    let failing = matches!(op, Op::BookFailing(_));
                    t.gateway.set_failing(failing);
                    let expected = expected_fifo_head(&t);
                    let charges_before = t.gateway.charge_count();
                    match t.book_cylinder_at_shown_price(&customers[i]) {
                        Ok(receipt) => {
                            prop_assert!(!failing);
                            prop_assert_eq!(Some(receipt.cylinder_code), expected, "FIFO order");
                            prop_assert_eq!(t.gateway.charge_count(), charges_before + 1);
                        }
                        Err(Error::OutOfStock) => {
                            prop_assert_eq!(expected, None);
                            prop_assert_eq!(t.gateway.charge_count(), charges_before, "charged while out of stock");
                        }
                        Err(Error::PaymentFailed { .. }) => {
                            prop_assert!(failing);
                            prop_assert_eq!(expected_fifo_head(&t), expected, "released cylinder back in its place");
                        }
                        Err(e) => prop_assert!(false, "unexpected error {e:?}"),
                    }
                    t.gateway.set_failing(false);
                }
                Op::Manual { customer, pick, cash } => {
                    let filled = t.list_cylinders(&t.admin, &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Filled), ..Default::default() }, "", &PageRequest::first(200)).unwrap().items;
                    if let Some(c) = filled.get(pick % filled.len().max(1)) {
                        let payment = if cash { ManualPayment::Cash } else { ManualPayment::Free };
                        let input = ManualAssignment { customer_id: customer_id(&customers[customer]), cylinder_code: c.cylinder_code.clone(), payment, reason: "test".into(), override_refill_rules: false };
                        t.assign_manually(&t.admin, &input).unwrap();
                    }
                }
                Op::CancelNewest | Op::CancelNewestPaid => {
                    let page = t.list_bookings(&t.admin, &Default::default(), &PageRequest::first(20)).unwrap().items;
                    let target = page.iter().find(|b| b.status == BookingStatus::Completed && (matches!(op, Op::CancelNewest) || b.amount.paise() > 0));
                    if let Some(b) = target {
                        // Allowed only while the customer still holds that cylinder.
                        let _ = t.cancel_booking(&t.admin, b.id, "test");
                    }
                }
                Op::MarkEmpty(k) | Op::MarkFilled(k) => {
                    let all = t.list_cylinders(&t.admin, &Default::default(), "", &PageRequest::first(200)).unwrap().items;
                    if let Some(c) = all.get(k % all.len().max(1)) {
                        let target = if matches!(op, Op::MarkEmpty(_)) { CylinderStatus::Empty } else { CylinderStatus::Filled };
                        t.mark_cylinders(&t.admin, &[c.id], target).unwrap();
                    }
                }
                Op::RefillAll => {
                    t.refill_all_empty(&t.admin).unwrap();
                }
                Op::Register(n) => {
                    t.register_cylinders(&t.admin, &RegisterCylinders { serials: vec![], count: n, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() }).unwrap();
                }
                Op::Complain(i) => {
                    // Nothing answers complaints here, so every one filed stays open: the fourth
                    // is refused (the default limit of 3 open complaints per customer).
                    match t.file_complaint(&customers[i], gasdesk_core::model::IssueType::Other, "prop") {
                        Ok(_) => {
                            open_complaints[i] += 1;
                            prop_assert!(open_complaints[i] <= 3, "more than 3 open complaints accepted");
                        }
                        Err(Error::TooManyOpenComplaints { max_open: 3 }) => prop_assert_eq!(open_complaints[i], 3, "refused below the limit"),
                        Err(e) => prop_assert!(false, "unexpected error {e:?}"),
                    }
                }
            }
            let problems = t.db().integrity_problems().unwrap();
            prop_assert!(problems.is_empty(), "after {:?}: {:?}", op, problems);
        }
    }
}
