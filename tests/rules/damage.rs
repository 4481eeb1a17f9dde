//! A damaged database file: found by the check that runs after start, or by the first
//! operation that meets the damage. Either way the desk remembers it, bookings pause before
//! anything is reserved or charged, and the error a person sees says so plainly.
use crate::common::*;
use gasdesk_core::domain::demo::{self, DemoSize};
use gasdesk_core::domain::{PasswordCost, Terminal};
use gasdesk_core::model::{CylinderStatus, RegisterCylinders};
use gasdesk_core::store::Db;
use gasdesk_core::{Desk, ErrorCode};
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;

/// A demo agency big enough that its tables and indexes span many pages, closed with every
/// change in the main file (no WAL left), so damage written to the file is what SQLite reads.
fn agency_file(path: &Path) {
    let size = DemoSize { customers: 400, cylinders: 500, bookings: 400, complaints: 40 };
    demo::create(path, &size, PasswordCost::Fast, &mut |_, _, _| {}).expect("demo database");
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
}

/// Overwrites the whole of page `page` (1-based) of the file with garbage.
fn damage_page(path: &Path, page: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    drop(conn);
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(u64::try_from((page - 1) * page_size).unwrap())).unwrap();
    file.write_all(&vec![0xA5u8; usize::try_from(page_size).unwrap()]).unwrap();
    file.sync_all().unwrap();
}

/// The root page of a table or index, from the schema.
fn root_page(path: &Path, sql_where: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT rootpage FROM sqlite_master WHERE {sql_where} ORDER BY name LIMIT 1"), [], |r| r.get(0)).unwrap()
}

/// A desk opened on the file the way the app opens it (migrations, then the desk), with a
/// gateway that counts charges.
fn open_desk(path: &Path) -> (Desk, Arc<TestGateway>) {
    let gateway = TestGateway::new();
    let desk =
        Desk::new(Db::open(path).expect("a damaged page elsewhere does not stop the file opening"), gateway.clone()).with_config(fast());
    (desk, gateway)
}

#[test]
fn a_damaged_table_page_is_found_by_the_check_after_start_and_bookings_pause_without_charging() {
    let (_dir, path) = temp_db();
    agency_file(&path);
    // Complaints: a table booking never touches, so only the check can have found it.
    damage_page(&path, root_page(&path, "type = 'table' AND name = 'complaints'"));

    let (desk, gateway) = open_desk(&path);
    assert_eq!(desk.damage(), None, "nothing has met the damage yet");
    desk.check_file_in_background().join().expect("the check thread finishes").expect("the check ran");
    let damage = desk.damage().expect("the check after start found the damaged page");
    assert!(!damage.is_empty());

    let customer =
        desk.customer_login(&Terminal::OFFICE, "customer1", demo::CUSTOMER_PASSWORD).expect("logging in does not touch the damage");
    let refused = desk.book_cylinder_at_shown_price(&customer).expect_err("bookings are paused");
    assert_eq!(refused.code(), ErrorCode::Damaged);
    assert_eq!(
        refused.to_string(),
        "Bookings are paused: the agency's records need attention. You have not been charged. Please ask the staff."
    );
    assert_eq!(gateway.charge_count(), 0, "the gateway was never asked to charge");
    let bookings = desk.my_bookings(&customer, &gasdesk_core::model::PageRequest::first(50)).unwrap();
    assert!(bookings.items.iter().all(|b| b.status != gasdesk_core::model::BookingStatus::Pending), "nothing was reserved");
}

#[test]
fn an_operation_meeting_a_damaged_index_page_is_reported_as_damaged_and_pauses_bookings() {
    let (_dir, path) = temp_db();
    agency_file(&path);
    // The customers' username index: every log-in looks the name up in it.
    damage_page(&path, root_page(&path, "type = 'index' AND tbl_name = 'users' AND name LIKE 'sqlite_autoindex_users_%'"));

    let (desk, gateway) = open_desk(&path);
    let met = desk.customer_login(&Terminal::OFFICE, "customer1", demo::CUSTOMER_PASSWORD).expect_err("the lookup meets the damaged page");
    assert_eq!(met.code(), ErrorCode::Damaged, "a damaged page is not a generic storage error: {met:?}");
    assert!(!met.to_string().contains("malformed"), "SQLite's text never reaches a person: {met}");
    assert!(desk.damage().is_some(), "the desk remembers the damage");

    let customer = gasdesk_core::domain::Actor::Customer { id: 1, username: "customer1".into() };
    let refused = desk.book_cylinder_at_shown_price(&customer).expect_err("bookings are paused");
    assert_eq!(refused.code(), ErrorCode::Damaged);
    assert!(refused.to_string().starts_with("Bookings are paused"), "{refused}");
    assert_eq!(gateway.charge_count(), 0, "the gateway was never asked to charge");
}

#[test]
fn an_undamaged_file_passes_the_check_after_start_and_bookings_stay_open() {
    let (_dir, path) = temp_db();
    agency_file(&path);
    let (desk, gateway) = open_desk(&path);
    desk.check_file_in_background().join().expect("the check thread finishes").expect("the check ran");
    assert_eq!(desk.damage(), None);

    let staff = desk.staff_login(&Terminal::OFFICE, demo::STAFF_USERNAME, demo::STAFF_PASSWORD).unwrap();
    desk.register_cylinders(
        &staff,
        &RegisterCylinders { serials: vec![], count: 5, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
    )
    .unwrap();
    // Past the demo's active customers, and not the last one (the demo leaves that one's
    // booking waiting on its payment): nothing pending.
    let customer = desk.customer_login(&Terminal::OFFICE, "customer399", demo::CUSTOMER_PASSWORD).unwrap();
    desk.book_cylinder_at_shown_price(&customer).expect("bookings are open");
    assert_eq!(gateway.charge_count(), 1);
}

/// The banner names the newest backup in the folder staff chose in Settings (a USB drive), not
/// only the default folder; and once staff restore one from the Backups screen, the damage seen
/// in the replaced file no longer pauses bookings.
#[test]
fn the_banner_names_the_backup_in_the_chosen_folder_and_a_restore_from_the_screen_reopens_bookings() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(3);
    let asha = t.customer("asha");
    let mut settings = t.settings(&t.admin).unwrap();
    settings.backup_folder = dir.path().join("usb-drive").display().to_string();
    t.update_settings(&t.admin, &settings).unwrap();
    let made = t.back_up_now(&t.admin).unwrap();

    t.mark_damaged("page 7: a damaged index page met by an operation");
    let health = t.database_health();
    assert_eq!(health.last_backup.as_deref(), Some(made.path.as_str()), "{health:?}");
    assert!(health.restore_command.as_deref().is_some_and(|c| c.contains("usb-drive")), "{health:?}");
    assert_eq!(t.book_cylinder_at_shown_price(&asha).unwrap_err().code(), ErrorCode::Damaged);
    assert_eq!(t.gateway.charge_count(), 0);

    t.restore_backup(&t.admin, &made.name, "RESTORE").unwrap();
    assert!(!t.database_health().damaged, "the damaged file was replaced by a checked backup");
    t.book_cylinder_at_shown_price(&asha).expect("bookings are open again after the restore");
    t.assert_sound();
}

/// Item 16: the file is also checked with every automatic backup. `VACUUM INTO` rebuilds
/// indexes from their tables, so a backup alone never reads a damaged index page: the check
/// must, even when no operation has met the page yet.
#[test]
fn the_automatic_backup_checks_the_file_and_finds_a_damaged_index_page_nothing_else_met() {
    let (_dir, path) = temp_db();
    agency_file(&path);
    damage_page(&path, root_page(&path, "type = 'index' AND name = 'complaints_queue'"));
    let (desk, gateway) = open_desk(&path);
    assert_eq!(desk.damage(), None, "nothing has met the damage yet");
    let _ = desk.back_up_if_due();
    assert!(desk.damage().is_some(), "the automatic backup's check found the damaged index page");
    let customer = gasdesk_core::domain::Actor::Customer { id: 1, username: "customer1".into() };
    assert_eq!(desk.book_cylinder_at_shown_price(&customer).unwrap_err().code(), ErrorCode::Damaged);
    assert_eq!(gateway.charge_count(), 0);
}

/// Damage found by one process (the office window's check or backup) pauses bookings in every
/// process on the file (a kiosk on the same PC), and a restore from the screen reopens them.
#[test]
fn damage_found_by_the_office_pauses_a_kiosk_process_on_the_same_file() {
    let (_dir, path) = temp_db();
    let office = file_desk(&path);
    office.stock(2);
    let asha = office.customer("asha");
    let made = office.back_up_now(&office.admin).unwrap();
    let (kiosk, kiosk_gateway) = open_desk(&path);
    office.mark_damaged("page 7: found by the office's check");
    let refused = kiosk.book_cylinder_at_shown_price(&asha).expect_err("the kiosk pauses bookings too");
    assert_eq!(refused.code(), ErrorCode::Damaged);
    assert_eq!(kiosk_gateway.charge_count(), 0);
    assert!(kiosk.database_health().damaged);

    office.restore_backup(&office.admin, &made.name, "RESTORE").unwrap();
    kiosk.book_cylinder_at_shown_price(&asha).expect("the kiosk books again after the restore");
}

#[test]
fn a_repeat_of_a_completed_booking_while_bookings_are_paused_gets_its_receipt_and_no_new_charge() {
    const KEY: &str = "kiosk-paused-0001";
    let (_dir, path) = temp_db();
    agency_file(&path);
    let first = {
        let (desk, gateway) = open_desk(&path);
        let staff = desk.staff_login(&Terminal::OFFICE, demo::STAFF_USERNAME, demo::STAFF_PASSWORD).unwrap();
        desk.register_cylinders(
            &staff,
            &RegisterCylinders { serials: vec![], count: 2, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        )
        .unwrap();
        let customer = desk.customer_login(&Terminal::OFFICE, "customer399", demo::CUSTOMER_PASSWORD).unwrap();
        let price = desk.cylinder_types().unwrap()[0].price;
        let receipt = desk.book_cylinder_once(&customer, price, KEY).expect("bookings are open");
        assert_eq!(gateway.charge_count(), 1);
        receipt
    };
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(conn);
    damage_page(&path, root_page(&path, "type = 'table' AND name = 'complaints'"));

    let (desk, gateway) = open_desk(&path);
    desk.check_file_in_background().join().expect("the check thread finishes").expect("the check ran");
    assert!(desk.damage().is_some(), "bookings are paused");
    let customer = desk.customer_login(&Terminal::OFFICE, "customer399", demo::CUSTOMER_PASSWORD).unwrap();
    let price = desk.cylinder_types().unwrap()[0].price;
    // The kiosk whose reply was lost asks again: it hears its booking went through.
    let again = desk.book_cylinder_once(&customer, price, KEY).expect("a repeat is answered, paused or not");
    assert_eq!(again, first);
    // A new booking is still refused while paused, and nothing is charged.
    let refused = desk.book_cylinder_once(&customer, price, "kiosk-paused-0002").expect_err("bookings are paused");
    assert_eq!(refused.code(), ErrorCode::Damaged);
    assert_eq!(gateway.charge_count(), 0, "the reopened desk charged nothing");
}
