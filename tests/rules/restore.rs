//! Backup and restore: a backup finishes while others keep booking, a restore refuses what it
//! cannot trust, and every file holding customer data is readable by its owner only.
use crate::common::*;
use gasdesk_core::domain::Terminal;
use gasdesk_core::model::{CylinderStatus, RegisterCylinders};
use gasdesk_core::store::{back_up, check_backup, restore_from, Db, LATEST_VERSION};
use gasdesk_core::{Desk, Error};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// A file database with 40,000 cylinders (about 17 MB: many online-backup steps) and one
/// customer who can keep booking.
fn agency_file(path: &Path) {
    let t = file_desk(path);
    for _ in 0..80 {
        t.register_cylinders(
            &t.admin,
            &RegisterCylinders { serials: vec![], count: 500, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        )
        .unwrap();
    }
    t.customer("booker");
}

#[test]
fn a_backup_taken_while_another_connection_books_continuously_finishes_and_the_copy_passes_the_checks() {
    let (dir, path) = temp_db();
    agency_file(&path);
    let stop = Arc::new(AtomicBool::new(false));
    let booker = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            // Its own connection, as the kiosk process would have.
            let desk = Desk::new(Db::open(&path).unwrap(), mock()).with_config(fast());
            let staff = desk.staff_login(&Terminal::OFFICE, "admin", STAFF_PASSWORD).unwrap();
            let me = desk.customer_login(&Terminal::OFFICE, "booker", CUSTOMER_PASSWORD).unwrap();
            let mut booked = 0u32;
            while !stop.load(Ordering::SeqCst) {
                match desk.book_cylinder_at_shown_price(&me) {
                    Ok(_) => booked += 1,
                    Err(Error::OutOfStock) => {
                        desk.refill_all_empty(&staff).unwrap();
                    }
                    Err(e) => panic!("booking failed: {e}"),
                }
            }
            booked
        })
    };
    std::thread::sleep(Duration::from_millis(200));
    let out = dir.path().join("during-bookings.db");
    let (done_tx, done_rx) = mpsc::channel();
    {
        let (path, out) = (path.clone(), out.clone());
        std::thread::spawn(move || {
            let db = Db::open(&path).unwrap();
            let _ = done_tx.send(db.backup_to(&out));
        });
    }
    let finished = done_rx.recv_timeout(Duration::from_secs(30));
    stop.store(true, Ordering::SeqCst);
    let booked = booker.join().unwrap();
    assert!(booked > 0, "the other connection kept booking");
    match finished {
        Ok(result) => result.unwrap(),
        Err(_) => panic!("the backup did not finish in 30 s while another connection booked ({booked} bookings)"),
    }
    assert_eq!(check_backup(&out).unwrap(), LATEST_VERSION, "intact, with GasDesk's schema");
    let copy = Db::open(&out).unwrap();
    assert!(copy.integrity_problems().unwrap().is_empty());
    assert!(!dir.path().join("during-bookings.db.partial").exists(), "the temporary name is gone");
}

#[test]
fn a_backup_that_fails_leaves_no_partial_file_behind() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_database = dir.path().join("gasdesk.db");
    std::fs::write(&not_a_database, "not SQLite at all\n".repeat(500)).unwrap();
    let out = dir.path().join("copy.db");
    assert!(back_up(&not_a_database, &out).is_err());
    assert!(!out.exists());
    assert!(!dir.path().join("copy.db.partial").exists());
    // A mistyped database path is refused, not created empty and backed up.
    let missing = dir.path().join("gasdsk.db");
    assert!(back_up(&missing, &out).is_err());
    assert!(!missing.exists());
}

fn schema_version(path: &Path) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("SELECT max(version) FROM refinery_schema_history", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_older_backup_is_upgraded_on_its_way_in_and_the_backup_file_itself_is_never_changed() {
    let (dir, live) = temp_db();
    file_desk(&live).stock(2);
    let old = dir.path().join("old-backup.db");
    version_1_file(&old);
    let untouched = std::fs::read(&old).unwrap();

    let restored = restore_from(&live, &old).unwrap();
    assert_eq!(restored.backup_version, 1);
    assert_eq!(std::fs::read(&old).unwrap(), untouched, "the backup file was changed");
    assert_eq!(schema_version(&old), 1);
    assert_eq!(schema_version(&live), LATEST_VERSION);
    let db = Db::open(&live).unwrap();
    assert!(db.integrity_problems().unwrap().is_empty());
    let conn = rusqlite::Connection::open(&live).unwrap();
    let name: String = conn.query_row("SELECT full_name FROM users WHERE username = 'old1'", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "Old Customer");
    // The database it replaced (two cylinders, version latest) is kept aside.
    let aside = restored.previous_kept_at.expect("the replaced database is kept");
    assert_eq!(schema_version(&aside), LATEST_VERSION);
    let kept: i64 = rusqlite::Connection::open(&aside).unwrap().query_row("SELECT count(*) FROM cylinders", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, 2);
    assert!(!dir.path().join("gasdesk.db.restore.partial").exists(), "the staging copy is gone");
}

#[test]
fn an_older_backup_carrying_an_extra_trigger_is_refused_and_the_live_database_untouched() {
    let (dir, live) = temp_db();
    file_desk(&live).stock(2);
    let old = dir.path().join("old-backup.db");
    version_1_file(&old);
    rusqlite::Connection::open(&old)
        .unwrap()
        .execute_batch("CREATE TRIGGER staff_backdoor AFTER INSERT ON complaints WHEN NEW.description = 'open sesame' BEGIN INSERT INTO staff (username, full_name, password_hash, created_at, updated_at) VALUES ('intruder', 'X', 'h', 't', 't'); END")
        .unwrap();
    let live_before = std::fs::read(&live).unwrap();
    match restore_from(&live, &old) {
        Err(e @ Error::BadBackup(_)) => assert!(e.to_string().contains("staff_backdoor"), "{e}"),
        other => panic!("a tampered version-1 backup was not refused: {other:?}"),
    }
    assert_eq!(std::fs::read(&live).unwrap(), live_before, "the live database changed");
    let left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!left.iter().any(|name| name.contains("before-restore") || name.contains("partial")), "nothing half-done left: {left:?}");
}

#[test]
fn a_backup_from_a_newer_gasdesk_is_refused_by_restore() {
    let (dir, live) = temp_db();
    file_desk(&live).stock(1);
    let newer = dir.path().join("newer.db");
    Db::open(&newer).unwrap().backup_to(&dir.path().join("tmp.db")).unwrap();
    std::fs::rename(dir.path().join("tmp.db"), &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .execute("INSERT INTO refinery_schema_history (version, name, applied_on, checksum) VALUES (99, 'future', '2030-01-01', '0')", [])
        .unwrap();
    assert!(matches!(restore_from(&live, &newer), Err(Error::IncompatibleVersion { found: 99, .. })));
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn the_database_its_wal_and_shm_and_the_folder_made_for_them_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("GasDesk");
    let path = folder.join("gasdesk.db");
    let t = file_desk(&path);
    t.stock(1);
    assert_eq!(mode(&folder), 0o700, "folder");
    assert_eq!(mode(&path), 0o600, "database");
    for sidecar in ["gasdesk.db-wal", "gasdesk.db-shm"] {
        assert_eq!(mode(&folder.join(sidecar)), 0o600, "{sidecar}");
    }
}

#[cfg(unix)]
#[test]
fn backups_and_the_folder_made_for_them_are_owner_only() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(1);
    let folder = dir.path().join("backups");
    let out = folder.join("copy.db");
    t.db().backup_to(&out).unwrap();
    assert_eq!(mode(&folder), 0o700, "folder");
    assert_eq!(mode(&out), 0o600, "backup");
}

#[cfg(unix)]
#[test]
fn a_restored_database_and_the_copy_kept_aside_are_owner_only() {
    let (dir, live) = temp_db();
    let t = file_desk(&live);
    t.stock(1);
    let backup = dir.path().join("copy.db");
    t.db().backup_to(&backup).unwrap();
    drop(t);
    let restored = restore_from(&live, &backup).unwrap();
    assert_eq!(mode(&live), 0o600, "restored database");
    assert_eq!(mode(&restored.previous_kept_at.unwrap()), 0o600, "copy kept aside");
}
