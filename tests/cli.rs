//! The headless subcommands of the real `gasdesk` binary.
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn gasdesk(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gasdesk"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gasdesk runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("gasdesk exits")
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[test]
fn demo_makes_a_database_that_passes_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let out = gasdesk(&["demo", "--db", db], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("admin / admin12345"));
    let check = gasdesk(&["check", "--db", db], "");
    assert!(check.status.success(), "{}", text(&check));

    // Every state the spec names is present.
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    for status in ["Filled", "Assigned", "Empty"] {
        assert!(count(&format!("SELECT count(*) FROM cylinders WHERE status = '{status}'")) > 0, "{status}");
    }
    for status in ["Pending", "Completed", "Cancelled"] {
        assert!(count(&format!("SELECT count(*) FROM bookings WHERE status = '{status}'")) > 0, "booking {status}");
        assert!(count(&format!("SELECT count(*) FROM complaints WHERE status = '{status}'")) > 0, "complaint {status}");
    }
    for status in ["Success", "Failed", "Refunded"] {
        assert!(count(&format!("SELECT count(*) FROM payments WHERE status = '{status}'")) > 0, "payment {status}");
    }
    for issue in ["Gas Leak", "Billing Issue", "Regulator Issue", "Other"] {
        assert!(count(&format!("SELECT count(*) FROM complaints WHERE issue_type = '{issue}'")) > 0, "{issue}");
    }
    assert!(count("SELECT count(*) FROM bookings WHERE source = 'Manual'") > 0);

    // A second demo on the same file is refused rather than mixed in.
    let again = gasdesk(&["demo", "--db", db], "");
    assert!(!again.status.success());
    assert!(text(&again).contains("already holds data"));
}

#[test]
fn backup_restore_and_password_reset() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let backup = dir.path().join("backup.db");
    let (db, backup) = (db.to_str().unwrap(), backup.to_str().unwrap());
    assert!(gasdesk(&["demo", "--db", db, "--customers", "3", "--cylinders", "5", "--bookings", "4", "--complaints", "2"], "")
        .status
        .success());
    let out = gasdesk(&["backup", "--db", db, "--out", backup], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(!gasdesk(&["backup", "--db", db, "--out", backup], "").status.success(), "never overwrites a backup");

    let out = gasdesk(&["reset-password", "--db", db, "--staff", "admin"], "a-new-password\n");
    assert!(out.status.success(), "{}", text(&out));
    let short = gasdesk(&["reset-password", "--db", db, "--staff", "admin"], "short\n");
    assert!(!short.status.success());
    assert!(text(&short).contains("at least 8"));
    let nobody = gasdesk(&["reset-password", "--db", db, "--staff", "nobody"], "a-new-password\n");
    assert!(!nobody.status.success());

    // Restoring brings the old password hash back with the rest of the data.
    let before: String = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT password_hash FROM staff WHERE username = 'admin'", [], |r| r.get(0))
        .unwrap();
    let out = gasdesk(&["restore", "--db", db, "--from", backup], "");
    assert!(out.status.success(), "{}", text(&out));
    let after: String = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT password_hash FROM staff WHERE username = 'admin'", [], |r| r.get(0))
        .unwrap();
    assert_ne!(before, after);
    assert!(gasdesk(&["check", "--db", db], "").status.success());
}

/// `--out FOLDER` names the backup as the window's "Back up now" does, through the same domain
/// operation, and the backup is audited; a missing database is an error, never created.
#[test]
fn backup_into_a_folder_uses_the_apps_naming_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let db = db.to_str().unwrap();
    assert!(gasdesk(&["demo", "--db", db, "--customers", "2", "--cylinders", "3", "--bookings", "1", "--complaints", "0"], "")
        .status
        .success());
    let folder = dir.path().join("usb");
    std::fs::create_dir(&folder).unwrap();
    let out = gasdesk(&["backup", "--db", db, "--out", folder.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out));
    let names: Vec<String> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(gasdesk_core::store::is_backup_name(&names[0]), "{names:?}");
    let audited: i64 = rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'backup.create' AND actor_kind = 'system'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audited, 1);
    let missing = dir.path().join("missing.db");
    let out = gasdesk(&["backup", "--db", missing.to_str().unwrap(), "--out", folder.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(text(&out).contains("there is no database"), "{}", text(&out));
    assert!(!missing.exists(), "a mistyped path is not made into a new database");
}

#[test]
fn bad_invocations_fail_with_a_plain_message() {
    let out = gasdesk(&["backup", "--out", "/tmp/x.db"], "");
    assert!(!out.status.success());
    assert!(text(&out).contains("needs --db"));
    let out = gasdesk(&["--gateway", "bitcoin"], "");
    assert!(!out.status.success());
    assert!(text(&out).contains("unknown gateway"));
    let out = gasdesk(&[], "");
    assert!(!out.status.success(), "no display: a message, not a panic");
    assert!(!text(&out).contains("panicked"), "{}", text(&out));
}

/// A small demo database at `dir/live.db` and a backup of it at `dir/backup.db`.
fn live_and_backup(dir: &std::path::Path) -> (String, String) {
    let db = dir.join("live.db").to_str().unwrap().to_owned();
    let backup = dir.join("backup.db").to_str().unwrap().to_owned();
    let out = gasdesk(&["demo", "--db", &db, "--customers", "3", "--cylinders", "5", "--bookings", "4", "--complaints", "2"], "");
    assert!(out.status.success(), "{}", text(&out));
    let out = gasdesk(&["backup", "--db", &db, "--out", &backup], "");
    assert!(out.status.success(), "{}", text(&out));
    (db, backup)
}

fn staff_hashes(db: &str) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT password_hash FROM staff ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[test]
fn restore_from_a_missing_file_is_refused_and_the_live_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _backup) = live_and_backup(dir.path());
    let before = staff_hashes(&db);
    let mistyped = dir.path().join("bakup.db");
    let out = gasdesk(&["restore", "--db", &db, "--from", mistyped.to_str().unwrap()], "");
    assert!(!out.status.success(), "a missing backup was 'restored': {}", text(&out));
    assert!(text(&out).contains("does not exist"), "{}", text(&out));
    assert!(!mistyped.exists(), "the mistyped path was created");
    assert_eq!(staff_hashes(&db), before, "the live database changed");
    assert!(gasdesk(&["check", "--db", &db], "").status.success());
}

#[test]
fn restore_from_a_file_that_is_not_a_database_is_refused_and_the_live_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _backup) = live_and_backup(dir.path());
    let before = staff_hashes(&db);
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "shopping list, not a backup\n".repeat(200)).unwrap();
    let out = gasdesk(&["restore", "--db", &db, "--from", notes.to_str().unwrap()], "");
    assert!(!out.status.success(), "{}", text(&out));
    assert_eq!(staff_hashes(&db), before);
}

#[test]
fn restore_keeps_the_replaced_database_aside_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = live_and_backup(dir.path());
    assert!(gasdesk(&["reset-password", "--db", &db, "--staff", "admin"], "a-newer-password\n").status.success());
    let replaced = staff_hashes(&db);
    let out = gasdesk(&["restore", "--db", &db, "--from", &backup], "");
    assert!(out.status.success(), "{}", text(&out));
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("live.db.before-restore-"))
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(aside.len(), 1, "one copy of the replaced database: {aside:?}");
    assert!(text(&out).contains(aside[0].to_str().unwrap()), "the output names the copy: {}", text(&out));
    assert_eq!(staff_hashes(aside[0].to_str().unwrap()), replaced, "the copy is the database that was replaced");
    assert_ne!(staff_hashes(&db), replaced);
}

#[test]
fn restore_refuses_a_backup_whose_schema_was_tampered_with_and_leaves_the_live_database_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (db, backup) = live_and_backup(dir.path());
    let tampering = [
        (
            "extra trigger",
            "CREATE TRIGGER keep_old_hash AFTER UPDATE OF password_hash ON staff
             BEGIN UPDATE staff SET password_hash = OLD.password_hash WHERE id = NEW.id; END",
            "keep_old_hash",
        ),
        ("extra view", "CREATE VIEW staff_secrets AS SELECT username, password_hash FROM staff", "staff_secrets"),
        ("dropped unique index", "DROP INDEX users_consumer_no", "users_consumer_no"),
        ("altered table", "ALTER TABLE staff ADD COLUMN master_key TEXT", "staff"),
    ];
    let before = staff_hashes(&db);
    for (kind, sql, named) in tampering {
        let crafted = dir.path().join(format!("{}.db", kind.replace(' ', "-")));
        std::fs::copy(&backup, &crafted).unwrap();
        rusqlite::Connection::open(&crafted).unwrap().execute_batch(sql).unwrap();
        let out = gasdesk(&["restore", "--db", &db, "--from", crafted.to_str().unwrap()], "");
        assert!(!out.status.success(), "{kind}: a tampered backup was restored: {}", text(&out));
        assert!(text(&out).contains(named), "{kind}: the message names what differs: {}", text(&out));
        assert_eq!(staff_hashes(&db), before, "{kind}: the live database changed");
    }
    // The untouched backup still restores.
    let out = gasdesk(&["restore", "--db", &db, "--from", &backup], "");
    assert!(out.status.success(), "{}", text(&out));
    assert!(gasdesk(&["check", "--db", &db], "").status.success());
}

/// A command on a database from before an update says it is upgrading it, a line per 10 % on
/// standard error (decision 0016), and then does its work; the next command says nothing of it.
#[test]
fn check_on_a_v8_file_prints_the_upgrades_progress_on_stderr_then_checks() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agency.db");
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/v8-agency.sqlite"), &db).unwrap();
    let db = db.to_str().unwrap();
    let out = gasdesk(&["check", "--db", db], "");
    assert!(out.status.success(), "{}", text(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("gasdesk: upgrading the database")).collect();
    assert!(
        lines.first().is_some_and(|l| l.contains("from schema version 8 to") && l.contains("40 customers, 120 cylinders, 152 bookings")),
        "{stderr}"
    );
    assert_eq!(lines.last(), Some(&"gasdesk: upgrading the database: 100 %"), "{stderr}");
    assert!(lines.len() <= 12, "a line per 10 % at most: {stderr}");
    assert!(stderr.contains("gasdesk: the database was upgraded in"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(": ok"), "{}", text(&out));

    let again = gasdesk(&["check", "--db", db], "");
    assert!(again.status.success(), "{}", text(&again));
    assert!(!text(&again).contains("upgrad"), "{}", text(&again));
}
