//! The schema: created from empty, reopened as a no-op, newer files refused, concurrent opens,
//! and the upgrades of older files (a real V8 agency file among them).
use crate::common::*;
use gasdesk_core::domain::{Actor, MockRazorpay, Terminal};
use gasdesk_core::model::{BookingStatus, CylinderStatus, PageRequest};
use gasdesk_core::store::{Db, LATEST_VERSION};
use gasdesk_core::{Desk, Error};
use std::sync::Arc;

fn version(path: &std::path::Path) -> (i64, i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT max(version), count(*) FROM refinery_schema_history", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap()
}

#[test]
fn a_fresh_file_is_migrated_to_the_latest_version_and_reopening_changes_nothing() {
    let (_dir, path) = temp_db();
    Db::open(&path).unwrap();
    assert_eq!(version(&path), (LATEST_VERSION, LATEST_VERSION));
    Db::open(&path).unwrap();
    assert_eq!(version(&path), (LATEST_VERSION, LATEST_VERSION));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn every_connection_enforces_foreign_keys_and_full_sync() {
    let db = Db::open_in_memory().unwrap();
    assert!(db.integrity_problems().unwrap().is_empty());
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(1);
    drop(t);
    // The schema itself refuses what the rules forbid, whatever code writes it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    assert!(conn.execute("UPDATE cylinders SET status = 'Assigned'", []).is_err(), "Assigned needs an owner");
    assert!(conn.execute("UPDATE cylinders SET status = 'Broken'", []).is_err());
    assert!(conn.execute("UPDATE cylinders SET assigned_to = 999, status = 'Assigned'", []).is_err(), "foreign key");
    let holds_nothing = "INSERT INTO users (username, full_name, password_hash, created_at, updated_at, has_active_cylinder) VALUES ('x1x', 'X', 'h', 't', 't', 1)";
    assert!(conn.execute(holds_nothing, []).is_err(), "a new customer cannot claim a cylinder");
}

#[test]
fn the_one_cylinder_per_customer_index_holds_against_raw_sql() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let stock = t.stock(2);
    let asha = t.customer("asha");
    t.book_cylinder_at_shown_price(&asha).unwrap();
    drop(t);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute(
            "UPDATE cylinders SET status = 'Assigned', assigned_to = ?1 WHERE id = ?2",
            rusqlite::params![customer_id(&asha), stock[1].id],
        )
        .unwrap_err();
    // Since V9 the rule is "no more than the connection allows", kept by triggers.
    assert!(err.to_string().contains("allows no more cylinders"), "{err}");
    let err = conn.execute("UPDATE users SET has_active_cylinder = 0", []).unwrap_err();
    assert!(err.to_string().contains("has_active_cylinder"), "{err}");
}

#[test]
fn a_database_from_a_newer_gasdesk_is_refused() {
    let (_dir, path) = temp_db();
    Db::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '2030-01-01', '0')", [])
        .unwrap();
    drop(conn);
    match Db::open(&path) {
        Err(e @ Error::IncompatibleVersion { found: 99, .. }) => assert!(e.to_string().contains("newer GasDesk")),
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer database was opened"),
    }
}

#[test]
fn several_processes_opening_a_fresh_file_at_once_all_succeed() {
    let (_dir, path) = temp_db();
    let children: Vec<_> = (0..4).map(|_| spawn_child("open", &path, &[])).collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("RESULT open true"), "child failed: {text}");
    }
    assert_eq!(version(&path), (LATEST_VERSION, LATEST_VERSION));
}

#[test]
fn several_threads_opening_a_fresh_file_at_once_all_succeed() {
    let (_dir, path) = temp_db();
    let handles: Vec<_> = (0..6)
        .map(|_| {
            let p = path.clone();
            std::thread::spawn(move || Db::open(&p).map(drop))
        })
        .collect();
    for h in handles {
        h.join().unwrap().unwrap();
    }
    assert_eq!(version(&path), (LATEST_VERSION, LATEST_VERSION));
}

#[test]
fn a_version_1_database_with_data_is_upgraded_in_place() {
    let (_dir, path) = temp_db();
    version_1_file(&path);
    assert_eq!(version(&path).0, 1);
    let db = Db::open(&path).unwrap();
    assert_eq!(version(&path).0, LATEST_VERSION);
    assert!(db.integrity_problems().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let kept: String = conn.query_row("SELECT full_name FROM users WHERE username = 'old1'", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, "Old Customer");
    // V4: the dashboard's quarter hours are counted from the rows already there…
    let bucket: (String, i64, i64) = conn
        .query_row("SELECT bucket, completed_bookings, revenue_paise FROM quarter_hours", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!(bucket, ("2026-11-01T10:15".to_owned(), 1, 95000));
    // …and the indexes the chart and the revenue figures were read through are gone.
    let old_indexes: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE name IN ('bookings_completed_by_date', 'payments_revenue')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(old_indexes, 0);
}

/// V7: the column holding a cylinder's human code is renamed (`cylinder_id` to `code`, the name
/// `cylinder_id` being the row id in bookings); what a version-6 file holds comes through whole.
#[test]
fn a_version_6_database_keeps_its_cylinders_and_bookings_when_the_code_column_is_renamed() {
    let (_dir, path) = temp_db();
    file_with_a_booking_at_version(&path, 6);
    assert_eq!(version(&path).0, 6);
    let t = file_desk(&path);
    assert_eq!(version(&path).0, LATEST_VERSION);
    t.assert_sound();
    let held = t.cylinder("OLD001");
    assert_eq!((held.id, held.status, held.assigned_to), (1, CylinderStatus::Assigned, Some(1)));
    let old1 = Actor::Customer { id: 1, username: "old1".into() };
    let home = t.customer_home(&old1).unwrap();
    assert_eq!(home.cylinders.iter().map(|c| c.cylinder_code.as_str()).collect::<Vec<_>>(), vec!["OLD001"]);
    let bookings = t.my_bookings(&old1, &PageRequest::first(10)).unwrap().items;
    assert_eq!(bookings.len(), 1);
    assert_eq!((bookings[0].id, bookings[0].status, bookings[0].cylinder_code.as_str()), (1, BookingStatus::Completed, "OLD001"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let renamed: i64 = conn.query_row("SELECT count(*) FROM pragma_table_info('cylinders') WHERE name = 'code'", [], |r| r.get(0)).unwrap();
    let old_name: i64 =
        conn.query_row("SELECT count(*) FROM pragma_table_info('cylinders') WHERE name = 'cylinder_id'", [], |r| r.get(0)).unwrap();
    assert_eq!((renamed, old_name), (1, 0));
    let index: String = conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'cylinders_status'", [], |r| r.get(0)).unwrap();
    assert_eq!(index, "CREATE INDEX cylinders_status ON cylinders(status, code)", "the index follows the rename");
    // The code's own CHECK came along with it; the bookings' row-id column is untouched.
    assert!(conn.execute("UPDATE cylinders SET code = '' WHERE id = 1", []).is_err(), "an empty code is refused");
    let booked: i64 = conn.query_row("SELECT cylinder_id FROM bookings WHERE id = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(booked, 1);
}

/// V5: refunds made before the refunds table are read back from the audit log, so the upgrade
/// keeps what is still owed open instead of burying it (a refusal was only audited then).
#[test]
fn a_version_4_database_keeps_the_refunds_it_still_owes_open_after_the_upgrade() {
    let (_dir, path) = temp_db();
    Db::create_at_schema_version(&path, 4).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let t = "'2026-11-01T10:20:00.000000Z'";
        let mut sql = format!(
            "INSERT INTO users (username, full_name, password_hash, created_at, updated_at) VALUES ('old1', 'Old', 'x', {t}, {t});
             INSERT INTO cylinders (cylinder_id, status, filled_at, created_at, updated_at) VALUES ('OLD001', 'Filled', {t}, {t}, {t});"
        );
        // 1 refunded by the gateway; 2 refund refused (payment was marked Refunded all the same);
        // 3 orphan charge, refund refused; 4 orphan charge, refunded.
        for (id, status, gateway_ref, refunded_at) in
            [(1, "Refunded", "'pay_a'", t), (2, "Refunded", "'pay_b'", t), (3, "Failed", "NULL", "NULL"), (4, "Failed", "NULL", "NULL")]
        {
            sql += &format!(
                "INSERT INTO bookings (user_id, cylinder_id, booking_date, status, source, amount_paise, updated_at)
                     VALUES (1, 1, {t}, 'Cancelled', 'SelfService', 100000, {t});
                 INSERT INTO payments (user_id, booking_id, amount_paise, status, method, order_ref, gateway_ref, payment_date, refunded_at, updated_at)
                     VALUES (1, {id}, 100000, '{status}', 'Gateway', 'order_BK-00000{id}', {gateway_ref}, {t}, {refunded_at}, {t});"
            );
        }
        sql += &format!(
            "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity, entity_id, after_json) VALUES
                 ({t}, 'staff', 1, 'admin', 'payment.refund_failed', 'booking', 2, '{{\"gateway_ref\":\"pay_b\",\"error\":\"declined: too old\"}}'),
                 ({t}, 'customer', 1, 'old1', 'payment.orphan_refund', 'booking', 3,
                  '{{\"order_ref\":\"order_BK-000003\",\"gateway_ref\":\"pay_c\",\"refunded\":false,\"error\":\"gateway unavailable: down\"}}'),
                 ({t}, 'customer', 1, 'old1', 'payment.orphan_refund', 'booking', 4,
                  '{{\"order_ref\":\"order_BK-000004\",\"gateway_ref\":\"pay_d\",\"refunded\":true,\"error\":null}}');"
        );
        conn.execute_batch(&sql).unwrap();
    }
    let db = Db::open(&path).unwrap();
    assert!(db.integrity_problems().unwrap().is_empty(), "{:?}", db.integrity_problems().unwrap());
    assert_eq!(db.refunds_needing_attention().unwrap(), 2, "the refused refund and the refused orphan refund are still owed");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let row = |booking: i64| -> (String, Option<String>, Option<String>) {
        conn.query_row(
            "SELECT p.status, p.gateway_ref, rf.state FROM payments p LEFT JOIN refunds rf ON rf.payment_id = p.id WHERE p.booking_id = ?1",
            [booking],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    assert_eq!(row(1), ("Refunded".into(), Some("pay_a".into()), Some("Refunded".into())));
    assert_eq!(row(2), ("Success".into(), Some("pay_b".into()), Some("Failed".into())), "not Refunded: the gateway refused");
    assert_eq!(row(3), ("Failed".into(), Some("pay_c".into()), Some("Failed".into())), "the charge is named and owed");
    assert_eq!(row(4), ("Refunded".into(), Some("pay_d".into()), Some("Refunded".into())));
}

/// V8: kiosk devices, pairing codes and booking keys start empty; what a version-7 file holds
/// comes through whole, its bookings with no key, and its settings read the LAN server's
/// defaults (no rows for them).
#[test]
fn a_version_7_database_is_upgraded_for_kiosks_and_keeps_its_bookings() {
    let (_dir, path) = temp_db();
    file_with_a_booking_at_version(&path, 7);
    assert_eq!(version(&path).0, 7);
    let t = file_desk(&path);
    assert_eq!(version(&path).0, LATEST_VERSION);
    t.assert_sound();
    let old1 = Actor::Customer { id: 1, username: "old1".into() };
    let bookings = t.my_bookings(&old1, &PageRequest::first(10)).unwrap().items;
    assert_eq!((bookings.len(), bookings[0].status, bookings[0].cylinder_code.as_str()), (1, BookingStatus::Completed, "OLD001"));
    let settings = t.settings(&t.admin).unwrap();
    assert_eq!((settings.serve_kiosks, settings.kiosk_port), (false, 7443));
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let key: Option<String> = conn.query_row("SELECT idempotency_key FROM bookings WHERE id = 1", [], |r| r.get(0)).unwrap();
        assert_eq!(key, None);
        let empty: i64 =
            conn.query_row("SELECT (SELECT count(*) FROM devices) + (SELECT count(*) FROM pairing_codes)", [], |r| r.get(0)).unwrap();
        assert_eq!(empty, 0);
    }
    // The upgraded file pairs kiosks and books under keys.
    let code = t.add_kiosk(&t.admin, "Counter 1", &[1u8; 32]).unwrap().code;
    t.pair_kiosk(&code, "").unwrap();
    t.stock(1);
    let price = t.cylinder_types().unwrap()[0].price;
    let receipt = t.book_cylinder_once(&old1, price, "upgrade-key-0001").unwrap();
    assert_eq!(receipt.returned_cylinder_code.as_deref(), Some("OLD001"));
    assert_eq!(t.book_cylinder_once(&old1, price, "upgrade-key-0001").unwrap(), receipt);
    t.assert_sound();
}

/// The V8 tables refuse what the rules forbid, whatever code writes them.
#[test]
fn the_device_tables_refuse_bad_rows_against_raw_sql() {
    let (_dir, path) = temp_db();
    Db::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    let t = "'2026-11-01T00:00:00.000000Z'";
    let hash = format!("'{}'", "a".repeat(64));
    conn.execute(&format!("INSERT INTO devices (name, token_hash, paired_at) VALUES ('Counter', {hash}, {t})"), []).unwrap();
    for bad in [
        format!("INSERT INTO devices (name, token_hash, paired_at) VALUES ('Again', {hash}, {t})"),
        format!("INSERT INTO devices (name, token_hash, paired_at) VALUES ('', '{}', {t})", "b".repeat(64)),
        format!("INSERT INTO devices (name, token_hash, paired_at) VALUES ('Short', 'abc', {t})"),
        format!("INSERT INTO pairing_codes (name, secret_hash, fingerprint_prefix, created_at, expires_at, tries_left) VALUES ('K', {hash}, 'ABCDEFGHJK', {t}, {t}, -1)"),
        format!("INSERT INTO pairing_codes (name, secret_hash, fingerprint_prefix, created_at, expires_at, tries_left, used_at) VALUES ('K', {hash}, 'ABCDEFGHJK', {t}, {t}, 5, {t})"),
        format!("INSERT INTO pairing_codes (name, secret_hash, fingerprint_prefix, created_at, expires_at, tries_left, made_by) VALUES ('K', {hash}, 'ABCDEFGHJK', {t}, {t}, 5, 999)"),
    ] {
        assert!(conn.execute(&bad, []).is_err(), "accepted: {bad}");
    }
}

/// The real V8 file (`tests/fixtures/v8-agency.sqlite`: the demo agency as the V8 code made it).
const V8_AGENCY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v8-agency.sqlite");

/// Rows of every table of `conn`'s file but refinery's history, by table.
fn row_counts(conn: &rusqlite::Connection) -> std::collections::BTreeMap<String, i64> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'refinery_schema_history'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables.into_iter().map(|t| (t.clone(), conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).unwrap())).collect()
}

/// What a V8 receipt showed, read from the V8 file: (booking, username, full name, cylinder,
/// returned cylinder, amount in paise, payment reference).
type OldReceipt = (i64, String, String, String, Option<String>, i64, Option<String>);

/// V9 (issue 12) on a real file of the schema agencies have: every cylinder becomes 14.2 kg
/// domestic, every customer gets a single-bottle 14.2 kg connection and a consumer number of
/// their own, completed bookings keep their receipts with no invoice invented for the past, and
/// nothing else is lost or added.
#[test]
fn the_v8_agency_file_is_upgraded_to_the_trade_and_keeps_everything_it_held() {
    let (_dir, path) = temp_db();
    std::fs::copy(V8_AGENCY, &path).unwrap();
    assert_eq!(version(&path).0, 8, "the fixture must stay a V8 file (tests/fixtures/README.md)");
    let (counts_before, receipts_before, price_before) = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let receipts: Vec<OldReceipt> = conn
            .prepare(
                "SELECT b.id, u.username, u.full_name, c.code, rc.code, b.amount_paise, COALESCE(p.gateway_ref, p.order_ref)
                 FROM bookings b JOIN users u ON u.id = b.user_id JOIN cylinders c ON c.id = b.cylinder_id
                 LEFT JOIN cylinders rc ON rc.id = b.returned_cylinder_id LEFT JOIN payments p ON p.booking_id = b.id
                 WHERE b.status = 'Completed' ORDER BY b.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let price: i64 = conn.query_row("SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'price_paise'", [], |r| r.get(0)).unwrap();
        (row_counts(&conn), receipts, price)
    };
    assert!(receipts_before.len() > 100, "the fixture has the demo's bookings: {}", receipts_before.len());

    let db = Db::open(&path).unwrap();
    assert_eq!(version(&path).0, LATEST_VERSION);
    let problems = db.integrity_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(db.read(|r| r.rule_violations()).unwrap(), Vec::<String>::new());

    let conn = rusqlite::Connection::open(&path).unwrap();
    let one = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    // No row lost or added in any table V8 had; settings trade the one price for the seller and
    // refill-rule keys (the price is on the 14.2 kg type now).
    let mut counts_after = row_counts(&conn);
    let mut counts_before = counts_before;
    assert_eq!(counts_after.remove("settings").unwrap(), counts_before.remove("settings").unwrap() - 1 + 7);
    counts_after.retain(|table, _| counts_before.contains_key(table));
    assert_eq!(counts_after, counts_before);
    let customers = counts_before["users"];
    let cylinders = counts_before["cylinders"];
    assert_eq!((customers, cylinders), (40, 120));

    // Every cylinder is 14.2 kg domestic, at the price staff had set.
    let (type_name, category, price, rate, hsn): (String, String, i64, i64, String) = conn
        .query_row("SELECT name, category, price_paise, gst_rate_bp, hsn FROM cylinder_types WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap();
    assert_eq!(
        (type_name.as_str(), category.as_str(), price, rate, hsn.as_str()),
        ("14.2 kg domestic", "Domestic", price_before, 500, "2711")
    );
    assert_eq!(one("SELECT count(*) FROM cylinders WHERE type_id = 1"), cylinders);
    // Every customer has exactly one connection, single-bottle 14.2 kg, and a consumer number
    // of their own.
    assert_eq!(
        one("SELECT count(*) FROM users u WHERE (SELECT count(*) FROM connections c WHERE c.user_id = u.id) = 1
                AND EXISTS (SELECT 1 FROM connections c WHERE c.user_id = u.id AND c.type_id = 1 AND c.allowance = 1)"),
        customers
    );
    assert_eq!(one("SELECT count(DISTINCT consumer_no) FROM users WHERE consumer_no IS NOT NULL"), customers);
    assert_eq!(one("SELECT count(*) FROM users WHERE consumer_no = printf('GD%08d', id)"), customers);
    // No invoice, credit note or delivery note was invented for the past.
    assert_eq!(one("SELECT count(*) FROM sale_documents"), 0);
    drop(conn);

    // Through the desk, as the screens see it: the demo's own accounts still log in, and every
    // completed booking has the receipt it had, now with the consumer number and the type.
    let desk = Desk::new(db, Arc::new(MockRazorpay::new()));
    let admin = desk.staff_login(&Terminal::OFFICE, "admin", "admin12345").unwrap();
    for (id, username, full_name, cylinder, returned, amount, payment_reference) in &receipts_before {
        let receipt = desk.receipt(&admin, *id).unwrap();
        assert_eq!(
            (&receipt.customer_username, &receipt.customer_name, &receipt.cylinder_code, &receipt.returned_cylinder_code),
            (username, full_name, cylinder, returned),
            "booking {id}"
        );
        assert_eq!((receipt.amount.paise(), &receipt.payment_reference), (*amount, payment_reference), "booking {id}");
        assert_eq!(receipt.document, None, "booking {id}: no invoice for the past");
        assert_eq!(receipt.type_name, "14.2 kg domestic");
        assert!(receipt.consumer_no.starts_with("GD"), "{}", receipt.consumer_no);
    }
    let customer1 = desk.customer_login(&Terminal::KIOSK, "customer1", "pass1234").unwrap();
    let home = desk.customer_home(&customer1).unwrap();
    assert_eq!(home.customer.consumer_no, format!("GD{:08}", customer_id(&customer1)));
    let connections: Vec<(&str, i64)> = home.connections.iter().map(|c| (c.type_name.as_str(), c.allowance)).collect();
    assert_eq!(connections, [("14.2 kg domestic", 1)]);
    assert_eq!(home.connections[0].held, home.cylinders.len() as i64);
}
