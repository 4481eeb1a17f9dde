//! Every list, search and dashboard query is answered from an index: checked with
//! EXPLAIN QUERY PLAN on the statements the domain really runs (captured by tracing, as prepared).
use crate::common::*;
use gasdesk_core::model::{AuditFilter, BookingFilter, BookingStatus, ComplaintStatus, CylinderStatus, PageRequest};
use std::sync::Mutex;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(sql: &str) {
    SEEN.lock().unwrap().push(sql.to_owned());
}

#[test]
fn list_search_and_dashboard_queries_use_indexes() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(30);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap();
    t.file_complaint(&asha, gasdesk_core::model::IssueType::GasLeak, "gas").unwrap();
    let page = PageRequest::at(10, 20);

    t.db().trace_statements(Some(record)).unwrap();
    t.list_cylinders(&t.admin, &Default::default(), "", &page).unwrap();
    t.list_cylinders(
        &t.admin,
        &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Filled), ..Default::default() },
        "",
        &page,
    )
    .unwrap();
    t.list_cylinders(
        &t.admin,
        &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Empty), ..Default::default() },
        "AB",
        &page,
    )
    .unwrap();
    t.list_cylinders(&t.admin, &Default::default(), "AB", &page).unwrap();
    t.list_bookings(&t.admin, &BookingFilter::default(), &page).unwrap();
    t.list_bookings(&t.admin, &BookingFilter { status: Some(BookingStatus::Completed), user_id: None }, &page).unwrap();
    t.list_bookings(&t.admin, &BookingFilter { status: None, user_id: Some(customer_id(&asha)) }, &page).unwrap();
    t.complaint_queue(&t.admin, Some(ComplaintStatus::Pending), &page).unwrap();
    t.complaint_queue(&t.admin, None, &page).unwrap();
    t.search_customers(&t.admin, "", &page).unwrap();
    t.search_customers(&t.admin, "as", &page).unwrap();
    t.audit_log(&t.admin, &AuditFilter::default(), &page).unwrap();
    t.audit_log(&t.admin, &AuditFilter::default(), &PageRequest::after(5, 20)).unwrap();
    t.list_bookings(&t.admin, &BookingFilter::default(), &PageRequest::after(5, 20)).unwrap();
    t.search_customers(&t.admin, "", &PageRequest::after(5, 20)).unwrap();
    t.search_customers(&t.admin, "as", &PageRequest::after(1, 20)).unwrap();
    t.list_cylinders(&t.admin, &Default::default(), "", &PageRequest::after(5, 20)).unwrap();
    t.list_cylinders(
        &t.admin,
        &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Filled), ..Default::default() },
        "",
        &PageRequest::after(5, 20),
    )
    .unwrap();
    t.complaint_queue(&t.admin, Some(ComplaintStatus::Pending), &PageRequest::after(1, 20)).unwrap();
    t.audit_log(&t.admin, &AuditFilter { action: Some("booking.confirm".into()), ..Default::default() }, &page).unwrap();
    t.audit_log(&t.admin, &AuditFilter { entity: Some("cylinder".into()), entity_id: Some(1), ..Default::default() }, &page).unwrap();
    t.cylinder_history(&t.admin, 1, &page).unwrap();
    t.dashboard(&t.admin).unwrap();
    t.customer_home(&asha).unwrap();
    t.my_bookings(&asha, &page).unwrap();
    t.my_payments(&asha, &page).unwrap();
    t.my_complaints(&asha, &page).unwrap();
    // Filing counts the customer's open complaints first (the open-complaint limit).
    t.file_complaint(&asha, gasdesk_core::model::IssueType::Other, "after the gas leak").unwrap();
    t.fifo_queue(&t.admin, 1, 5).unwrap();
    // Kiosks (issue 11): pairing, a wrong try, the token check on every request, the list,
    // revoking, and a booking under a key with its repeat.
    let code = t.add_kiosk(&t.admin, "Counter", &[3u8; 32]).unwrap().code;
    let wrong = gasdesk_core::domain::pairing_code::compose(&[3u8; 32], "ZZZZZZ");
    let _ = t.pair_kiosk(&wrong, "");
    let paired = t.pair_kiosk(&code, "").unwrap();
    t.device_for_token(&paired.token).unwrap();
    t.list_kiosks(&t.admin).unwrap();
    t.revoke_kiosk(&t.admin, paired.device.id).unwrap();
    let shown = t.cylinder_types().unwrap()[0].price;
    t.book_cylinder_once(&asha, shown, "plan-key-0001").unwrap();
    t.book_cylinder_once(&asha, shown, "plan-key-0001").unwrap();
    t.db().trace_statements(None).unwrap();

    let statements: Vec<String> = SEEN.lock().unwrap().iter().filter(|s| s.trim_start().starts_with("SELECT")).cloned().collect();
    assert!(statements.len() >= 25, "captured {} statements", statements.len());
    let mut failures = Vec::new();
    for sql in &statements {
        // The statement as the store prepares it, placeholders and all, on the store's own
        // connection settings: the plan it really gets, whatever values are bound later.
        let plan = t.db().query_plan(sql).unwrap();
        let has_where = sql.contains("WHERE");
        for step in &plan {
            // A full scan is only fine for an unfiltered list walked in rowid order with a LIMIT.
            // The cylinder types are a handful of rows (the dashboard walks them all).
            let full_scan = step.starts_with("SCAN")
                && !step.contains("USING")
                && has_where
                && !step.contains("CONSTANT ROW")
                && step != "SCAN cylinder_types";
            // Sorting is fine only for the customer search's OR of three index ranges (it sorts
            // just the matches) and the dashboard's per-day GROUP BY over a date range.
            // Also the cylinders one customer holds (at most their allowance), put in the order
            // they were handed over.
            let sort = step.contains("TEMP B-TREE")
                && !plan.iter().any(|p| p.contains("MULTI-INDEX OR"))
                && !sql.contains("GROUP BY day")
                && !sql.contains("WHERE c.assigned_to = ?1");
            if full_scan || sort {
                failures.push(format!("{step}\n    in: {sql}\n    plan: {plan:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "queries not served by an index:\n{}", failures.join("\n"));
}

#[test]
fn booking_statements_are_compiled_once_even_on_an_analysed_file() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(40);
    let customers: Vec<_> = (0..12).map(|i| t.customer(&format!("customer{i}"))).collect();
    // Statistics as `PRAGMA optimize` leaves them on a real agency's file.
    rusqlite::Connection::open(&path).unwrap().execute_batch("ANALYZE").unwrap();
    for c in &customers[..2] {
        t.book_cylinder_at_shown_price(c).unwrap();
    }
    let before = t.db().statement_recompilations();
    for c in &customers[2..] {
        t.book_cylinder_at_shown_price(c).unwrap();
        t.book_cylinder_at_shown_price(c).unwrap();
    }
    let after = t.db().statement_recompilations();
    assert_eq!(after - before, 0, "20 bookings re-compiled cached statements {} times", after - before);
}
