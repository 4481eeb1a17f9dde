//! Rule 4: the inventory lifecycle.
use crate::common::*;
use gasdesk_core::model::{CylinderStatus, PageRequest, RegisterCylinders};
use gasdesk_core::{Error, ErrorCode};

#[test]
fn generated_ids_are_three_letters_and_three_digits_and_unique() {
    let t = memory_desk();
    let made = t
        .register_cylinders(
            &t.admin,
            &RegisterCylinders { serials: vec![], count: 300, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        )
        .unwrap();
    let mut codes: Vec<&str> = made.iter().map(|c| c.cylinder_code.as_str()).collect();
    for code in &codes {
        let b = code.as_bytes();
        assert!(b.len() == 6 && b[..3].iter().all(u8::is_ascii_uppercase) && b[3..].iter().all(u8::is_ascii_digit), "{code}");
    }
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), 300);
}

#[test]
fn serials_are_registered_as_typed_and_duplicates_refused() {
    let t = memory_desk();
    let made = t
        .register_cylinders(
            &t.admin,
            &RegisterCylinders {
                serials: vec![" ka-0001/x ".into()],
                count: 0,
                status: CylinderStatus::Empty,
                type_id: 1,
                test_due: "D-35".into(),
            },
        )
        .unwrap();
    assert_eq!(made[0].cylinder_code, "KA-0001/X");
    assert_eq!(made[0].status, CylinderStatus::Empty);
    let again = t.register_cylinders(
        &t.admin,
        &RegisterCylinders {
            serials: vec!["KA-0001/X".into()],
            count: 0,
            status: CylinderStatus::Filled,
            type_id: 1,
            test_due: "D-35".into(),
        },
    );
    assert_eq!(again.unwrap_err().code(), ErrorCode::Invalid);
    for bad in [
        RegisterCylinders { serials: vec![], count: 0, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        RegisterCylinders { serials: vec![], count: 501, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        RegisterCylinders { serials: vec!["<b>".into()], count: 0, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        RegisterCylinders { serials: vec![], count: 1, status: CylinderStatus::Assigned, type_id: 1, test_due: "D-35".into() },
    ] {
        assert_eq!(t.register_cylinders(&t.admin, &bad).unwrap_err().code(), ErrorCode::Invalid);
    }
}

#[test]
fn marking_follows_the_lifecycle() {
    let t = memory_desk();
    let stock = t.stock(3);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap(); // stock[0] assigned
                                                    // Assigned → Empty: returned by the customer.
    let out = t.mark_cylinders(&t.admin, &[stock[0].id, stock[1].id], CylinderStatus::Empty).unwrap();
    assert_eq!(out.changed, 2);
    assert!(!t.customer_home(&asha).unwrap().customer.has_active_cylinder);
    // Empty → Filled: a refill, to the back of the queue.
    t.clock.advance(chrono::Duration::seconds(10));
    t.mark_cylinders(&t.admin, &[stock[1].id], CylinderStatus::Filled).unwrap();
    let queue: Vec<String> = t.fifo_queue(&t.admin, 1, 5).unwrap().into_iter().map(|c| c.cylinder_code).collect();
    assert_eq!(queue, vec![stock[2].cylinder_code.clone(), stock[1].cylinder_code.clone()]);
    // Already in that state: skipped with a reason.
    let out = t.mark_cylinders(&t.admin, &[stock[1].id, 9999], CylinderStatus::Filled).unwrap();
    assert_eq!(out.changed, 0);
    assert_eq!(out.skipped.len(), 2);
    assert!(matches!(t.mark_cylinders(&asha, &[stock[2].id], CylinderStatus::Empty), Err(Error::Forbidden)));
    t.assert_sound();
}

#[test]
fn refill_all_refills_every_empty_one_and_records_each() {
    let t = memory_desk();
    let stock = t.stock(4);
    t.mark_cylinders(&t.admin, &[stock[0].id, stock[2].id], CylinderStatus::Empty).unwrap();
    assert_eq!(t.refill_all_empty(&t.admin).unwrap(), 2);
    assert_eq!(t.refill_all_empty(&t.admin).unwrap(), 0);
    let empty = t
        .list_cylinders(
            &t.admin,
            &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Empty), ..Default::default() },
            "",
            &PageRequest::default(),
        )
        .unwrap();
    assert!(empty.items.is_empty());
    let history = t.cylinder_history(&t.admin, stock[2].id, &PageRequest::default()).unwrap().items;
    let actions: Vec<&str> = history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(actions, ["cylinder.register", "cylinder.mark_empty", "cylinder.refill"]);
    assert!(history[2].before.as_deref().unwrap().contains("Empty"));
    t.assert_sound();
}

#[test]
fn history_follows_a_cylinder_through_a_customer() {
    let t = memory_desk();
    let stock = t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap();
    t.book_cylinder_at_shown_price(&asha).unwrap();
    let actions: Vec<String> =
        t.cylinder_history(&t.admin, stock[0].id, &PageRequest::default()).unwrap().items.into_iter().map(|h| h.action).collect();
    assert_eq!(actions, ["cylinder.register", "cylinder.assigned", "cylinder.returned"]);
    assert!(matches!(t.cylinder_history(&asha, stock[0].id, &PageRequest::default()), Err(Error::Forbidden)));
}

#[test]
fn the_inventory_list_filters_searches_and_pages() {
    let t = memory_desk();
    t.register_cylinders(
        &t.admin,
        &RegisterCylinders {
            serials: (1..=25).map(|i| format!("KA{i:03}")).collect(),
            count: 0,
            status: CylinderStatus::Filled,
            type_id: 1,
            test_due: "D-35".into(),
        },
    )
    .unwrap();
    t.register_cylinders(
        &t.admin,
        &RegisterCylinders { serials: vec!["MH001".into()], count: 0, status: CylinderStatus::Empty, type_id: 1, test_due: "D-35".into() },
    )
    .unwrap();
    let first = t.list_cylinders(&t.admin, &Default::default(), "ka", &PageRequest::at(0, 10)).unwrap();
    assert_eq!(first.items.len(), 10);
    assert!(first.has_more);
    assert_eq!(first.items[0].cylinder_code, "KA001");
    let last = t.list_cylinders(&t.admin, &Default::default(), "KA", &PageRequest::at(20, 10)).unwrap();
    assert_eq!(last.items.len(), 5);
    assert!(!last.has_more);
    let empty = t
        .list_cylinders(
            &t.admin,
            &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Empty), ..Default::default() },
            "",
            &PageRequest::default(),
        )
        .unwrap();
    assert_eq!(empty.items.iter().map(|c| c.cylinder_code.as_str()).collect::<Vec<_>>(), ["MH001"]);
    let huge = t.list_cylinders(&t.admin, &Default::default(), "", &PageRequest::at(0, 100_000)).unwrap();
    assert_eq!(huge.items.len(), 26, "the limit is clamped, never a whole table beyond 200");
}

/// Walks a list with keyset paging (`after` = last id shown) and with offsets: same rows.
fn walk<T>(mut fetch: impl FnMut(PageRequest) -> gasdesk_core::model::Page<T>, id: impl Fn(&T) -> i64) -> (Vec<i64>, Vec<i64>) {
    let (mut by_offset, mut by_keyset) = (Vec::new(), Vec::new());
    let mut offset = 0;
    loop {
        let page = fetch(PageRequest::at(offset, 4));
        by_offset.extend(page.items.iter().map(&id));
        if !page.has_more {
            break;
        }
        offset += 4;
    }
    let mut page = fetch(PageRequest::first(4));
    loop {
        by_keyset.extend(page.items.iter().map(&id));
        match page.items.last() {
            Some(last) if page.has_more => page = fetch(PageRequest::after(id(last), 4)),
            _ => break,
        }
    }
    (by_offset, by_keyset)
}

#[test]
fn keyset_pages_match_offset_pages_in_every_sort_order() {
    let t = memory_desk();
    t.register_cylinders(
        &t.admin,
        &RegisterCylinders {
            serials: ["KA9", "KA1", "MH5", "KA3", "DL2", "KA7", "TN4", "KA2", "AP8", "KA5", "GJ6"].map(String::from).to_vec(),
            count: 0,
            status: CylinderStatus::Filled,
            type_id: 1,
            test_due: "D-35".into(),
        },
    )
    .unwrap();
    let (a, b) = walk(|p| t.list_cylinders(&t.admin, &Default::default(), "", &p).unwrap(), |c| c.id);
    assert_eq!((a.len(), &a), (11, &b));
    let (a, b) = walk(|p| t.list_cylinders(&t.admin, &Default::default(), "KA", &p).unwrap(), |c| c.id);
    assert_eq!((a.len(), &a), (6, &b));

    let customers: Vec<_> = (0..5).map(|i| t.customer(&format!("walker{i}"))).collect();
    for (i, c) in customers.iter().enumerate() {
        let issue = if i % 2 == 0 { gasdesk_core::model::IssueType::GasLeak } else { gasdesk_core::model::IssueType::Other };
        t.file_complaint(c, issue, "one").unwrap();
        t.file_complaint(c, gasdesk_core::model::IssueType::BillingIssue, "two").unwrap();
    }
    let pending = Some(gasdesk_core::model::ComplaintStatus::Pending);
    let (a, b) = walk(|p| t.complaint_queue(&t.admin, pending, &p).unwrap(), |c| c.id);
    assert_eq!((a.len(), &a), (10, &b));
    let (a, b) = walk(|p| t.search_customers(&t.admin, "walk", &p).unwrap(), |c| c.id);
    assert_eq!((a.len(), &a), (5, &b));
    let (a, b) = walk(|p| t.search_customers(&t.admin, "", &p).unwrap(), |c| c.id);
    assert_eq!((a.len(), &a), (5, &b));
}
