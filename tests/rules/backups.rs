//! Automatic backups and restore from the Backups screen: each backup checked and owner-only,
//! only GasDesk's own files pruned, the outcome on the dashboard, the schedule, and a restore
//! that keeps the current database aside (decision 0009, "Automatic backups").
use crate::common::*;
use chrono::{DateTime, Duration, FixedOffset, TimeZone, Utc};
use gasdesk_core::domain::{backup_due, Actor, BackupTarget, Terminal};
use gasdesk_core::model::{AuditFilter, PageRequest, Settings, Timestamp};
use gasdesk_core::store::{check_backup, is_backup_name};
use gasdesk_core::Error;
use std::path::Path;

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn with_backup_settings(t: &TestDesk, folder: &str, every_hours: i64, keep: i64) -> Settings {
    let current = t.settings(&t.admin).unwrap();
    t.update_settings(
        &t.admin,
        &Settings { backup_folder: folder.into(), backup_every_hours: every_hours, backups_to_keep: keep, ..current },
    )
    .unwrap()
}

fn audited(t: &TestDesk, action: &str) -> usize {
    let filter = AuditFilter { action: Some(action.into()), ..AuditFilter::default() };
    t.audit_log(&t.admin, &filter, &PageRequest::first(50)).unwrap().items.len()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn back_up_now_writes_a_checked_owner_only_backup_into_the_backups_folder_beside_the_database() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(3);
    let made = t.back_up_now(&t.admin).unwrap();
    let folder = dir.path().join("backups");
    assert_eq!(made.name, "gasdesk-20261102-100003.db");
    assert_eq!(Path::new(&made.path), folder.join(&made.name));
    assert!(made.size_bytes > 0);
    check_backup(Path::new(&made.path)).expect("the backup passes the restore checks");
    #[cfg(unix)]
    {
        assert_eq!(mode(&folder), 0o700, "folder");
        assert_eq!(mode(Path::new(&made.path)), 0o600, "backup");
    }
    let listed = t.list_backups(&t.admin).unwrap();
    assert_eq!(Path::new(&listed.folder), folder);
    assert_eq!(listed.backups, vec![made.clone()]);
    let dashboard = t.dashboard(&t.admin).unwrap();
    assert_eq!(dashboard.last_good_backup_at, Some(made.made_at));
    assert_eq!(dashboard.last_backup_error, None);
    assert!(!dashboard.backup_overdue);
    assert_eq!(audited(&t, "backup.create"), 1);
}

#[test]
fn back_up_now_keeps_only_backups_to_keep_and_leaves_foreign_files_in_the_folder_untouched() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let folder = dir.path().join("usb drive");
    std::fs::create_dir(&folder).unwrap();
    let foreign = ["notes.txt", "gasdesk-important.db", "gasdesk-20200101-000000.db.partial", "Gasdesk-20200101-000000.db"];
    for name in foreign {
        std::fs::write(folder.join(name), "not GasDesk's").unwrap();
    }
    with_backup_settings(&t, folder.to_str().unwrap(), 24, 2);
    let mut made = Vec::new();
    for _ in 0..4 {
        made.push(t.back_up_now(&t.admin).unwrap().name);
        t.clock.advance(Duration::hours(1));
    }
    let mut expected: Vec<String> = foreign.iter().map(|s| s.to_string()).chain(made[2..].iter().cloned()).collect();
    expected.sort();
    assert_eq!(names_in(&folder), expected, "the two newest backups and every foreign file");
    let listed: Vec<String> = t.list_backups(&t.admin).unwrap().backups.into_iter().map(|b| b.name).collect();
    assert_eq!(listed, vec![made[3].clone(), made[2].clone()], "GasDesk's backups only, newest first");
}

#[test]
fn two_backups_in_the_same_second_both_finish_under_different_names() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let first = t.back_up_now(&t.admin).unwrap();
    let second = t.back_up_now(&t.admin).unwrap();
    assert_ne!(first.name, second.name);
    assert_eq!(t.list_backups(&t.admin).unwrap().backups.len(), 2);
}

#[test]
fn a_failed_backup_into_a_folder_path_that_is_a_file_is_recorded_for_the_dashboard_and_a_later_success_clears_it() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let good = t.back_up_now(&t.admin).unwrap();
    let not_a_folder = dir.path().join("a file");
    std::fs::write(&not_a_folder, "x").unwrap();
    with_backup_settings(&t, not_a_folder.to_str().unwrap(), 24, 14);
    t.clock.advance(Duration::hours(2));
    let failed = t.back_up_now(&t.admin).unwrap_err();
    let dashboard = t.dashboard(&t.admin).unwrap();
    assert_eq!(dashboard.last_good_backup_at, Some(good.made_at), "the last good one is still the first");
    let error = dashboard.last_backup_error.expect("the failure is shown");
    assert!(error.contains("a file"), "says which folder: {error}");
    assert_eq!(error, failed.to_string());
    assert_eq!(audited(&t, "backup.failed"), 1);
    assert_eq!(std::fs::read_to_string(&not_a_folder).unwrap(), "x", "the file in the way is untouched");

    with_backup_settings(&t, "", 24, 14);
    let again = t.back_up_now(&t.admin).unwrap();
    let dashboard = t.dashboard(&t.admin).unwrap();
    assert_eq!(dashboard.last_good_backup_at, Some(again.made_at));
    assert_eq!(dashboard.last_backup_error, None);
}

#[test]
fn the_dashboard_warns_when_there_is_no_backup_or_the_last_good_one_is_older_than_a_day() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let fresh = t.dashboard(&t.admin).unwrap();
    assert_eq!(fresh.last_good_backup_at, None);
    assert!(fresh.backup_overdue, "no backup at all");
    t.back_up_now(&t.admin).unwrap();
    t.clock.advance(Duration::hours(23));
    assert!(!t.dashboard(&t.admin).unwrap().backup_overdue);
    t.clock.advance(Duration::hours(2));
    assert!(t.dashboard(&t.admin).unwrap().backup_overdue, "25 hours old");
}

#[test]
fn back_up_if_due_backs_up_once_then_waits_and_retries_a_failure_after_fifteen_minutes() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    assert!(t.back_up_if_due().unwrap().is_some(), "no backup yet: due");
    assert!(t.back_up_if_due().unwrap().is_none(), "just made one");
    let not_a_folder = dir.path().join("in the way");
    std::fs::write(&not_a_folder, "x").unwrap();
    with_backup_settings(&t, not_a_folder.to_str().unwrap(), 1, 14);
    t.clock.advance(Duration::minutes(61));
    assert!(t.back_up_if_due().is_err(), "due after an hour, and it fails");
    t.clock.advance(Duration::minutes(10));
    assert!(t.back_up_if_due().unwrap().is_none(), "no retry within 15 minutes of a failure");
    t.clock.advance(Duration::minutes(6));
    assert!(t.back_up_if_due().is_err(), "retried after 15 minutes");
    assert_eq!(audited(&t, "backup.failed"), 2);
}

#[test]
fn a_customer_may_not_back_up_list_or_restore_backups() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let me = t.customer("asha");
    let made = t.back_up_now(&t.admin).unwrap();
    assert!(matches!(t.back_up_now(&me), Err(Error::Forbidden)));
    assert!(matches!(t.list_backups(&me), Err(Error::Forbidden)));
    assert!(matches!(t.restore_backup(&me, &made.name, "RESTORE"), Err(Error::Forbidden)));
    assert!(matches!(t.restore_backup(&Actor::System, &made.name, "RESTORE"), Err(Error::Forbidden)));
}

#[test]
fn restoring_a_listed_backup_keeps_the_current_database_aside_and_brings_the_backup_back() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(2);
    let made = t.back_up_now(&t.admin).unwrap();
    t.stock(3);
    let restored = t.restore_backup(&t.admin, &made.name, " RESTORE ").unwrap();
    assert_eq!(t.list_cylinders(&t.admin, &Default::default(), "", &PageRequest::first(50)).unwrap().items.len(), 2, "the backup's stock");
    let aside = restored.previous_kept_at.expect("the current database was kept aside");
    assert!(Path::new(&aside).starts_with(dir.path()));
    let kept = gasdesk_core::store::Db::open(Path::new(&aside)).unwrap();
    let before = gasdesk_core::Desk::new(kept, mock()).with_config(fast());
    let staff = before.staff_login(&Terminal::OFFICE, "admin", STAFF_PASSWORD).unwrap();
    assert_eq!(
        before.list_cylinders(&staff, &Default::default(), "", &PageRequest::first(50)).unwrap().items.len(),
        5,
        "the copy aside has it all"
    );
    assert_eq!(audited(&t, "backup.restore"), 1, "the restored database records the restore");
    let dashboard = t.dashboard(&t.admin).unwrap();
    assert_eq!(dashboard.last_good_backup_at, Some(made.made_at), "the backup record survives the restore");
    assert_eq!(t.list_backups(&t.admin).unwrap().backups, vec![made.clone()]);
    t.assert_sound();
}

#[test]
fn a_restore_revokes_every_kiosk_so_one_revoked_after_the_backup_does_not_come_back() {
    const FINGERPRINT: [u8; 32] = [0x5a; 32];
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let pair = |name: &str| {
        let code = t.add_kiosk(&t.admin, name, &FINGERPRINT).unwrap().code;
        t.pair_kiosk(&code, "").unwrap()
    };
    let stolen = pair("Stolen counter");
    let kept = pair("Counter 2");
    let made = t.back_up_now(&t.admin).unwrap();
    t.revoke_kiosk(&t.admin, stolen.device.id).unwrap();
    let later = pair("Paired after the backup");

    // From the Backups screen.
    let restored = t.restore_backup(&t.admin, &made.name, "RESTORE").unwrap();
    assert_eq!(restored.kiosks_revoked, 2, "both kiosks the backup knew");
    for token in [&stolen.token, &kept.token, &later.token] {
        assert!(matches!(t.device_for_token(token), Err(Error::UnknownDevice)), "every kiosk pairs again");
    }
    assert!(t.list_kiosks(&t.admin).unwrap().iter().all(|d| d.revoked_at.is_some()));
    assert_eq!(audited(&t, "kiosk.revoked"), 2, "each revocation audited (the one before the backup's time is not in it)");

    // From the command line (`gasdesk restore`), on the files alone.
    drop(t);
    let other_path = dir.path().join("other.db");
    let other_backup = dir.path().join("other-backup.db");
    let fresh = file_desk(&other_path);
    let code = fresh.add_kiosk(&fresh.admin, "Counter 9", &FINGERPRINT).unwrap().code;
    let other = fresh.pair_kiosk(&code, "").unwrap();
    fresh.backup(&fresh.admin, BackupTarget::File(&other_backup)).unwrap();
    drop(fresh);
    let restored = gasdesk_core::domain::restore_database(&other_path, &other_backup).unwrap();
    assert_eq!(restored.kiosks_revoked, 1);
    let reopened = file_desk(&other_path);
    assert!(matches!(reopened.device_for_token(&other.token), Err(Error::UnknownDevice)));
    assert_eq!(audited(&reopened, "kiosk.revoked"), 1, "audited as the program itself");
}

#[test]
fn restore_refuses_a_name_that_is_not_a_gasdesk_backup_in_the_folder_and_leaves_the_database_alone() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    t.stock(2);
    let made = t.back_up_now(&t.admin).unwrap();
    std::fs::write(dir.path().join("backups").join("notes.db"), "x").unwrap();
    for name in ["../gasdesk.db", "notes.db", "gasdesk-20261102-100000.db/../../gasdesk.db", "gasdesk-20991231-000000.db", ""] {
        let refused = t.restore_backup(&t.admin, name, "RESTORE").unwrap_err();
        assert!(matches!(refused, Error::NotFound(_) | Error::Invalid { .. }), "{name}: {refused:?}");
    }
    let refused = t.restore_backup(&t.admin, &made.name, "restore please").unwrap_err();
    assert!(matches!(refused, Error::Invalid { field: "confirmation", .. }), "{refused:?}");
    assert_eq!(t.list_cylinders(&t.admin, &Default::default(), "", &PageRequest::first(50)).unwrap().items.len(), 2);
    assert!(names_in(dir.path()).iter().all(|n| !n.contains("before-restore")), "nothing was replaced");
}

#[test]
fn backup_settings_default_to_daily_and_fourteen_kept_and_are_validated_and_audited() {
    let t = memory_desk();
    let s = t.settings(&t.admin).unwrap();
    assert_eq!((s.backup_folder.as_str(), s.backup_every_hours, s.backups_to_keep), ("", 24, 14));
    for (bad, field) in [
        (Settings { backup_every_hours: 0, ..s.clone() }, "backup_every_hours"),
        (Settings { backup_every_hours: 169, ..s.clone() }, "backup_every_hours"),
        (Settings { backups_to_keep: 0, ..s.clone() }, "backups_to_keep"),
        (Settings { backups_to_keep: 366, ..s.clone() }, "backups_to_keep"),
        (Settings { backup_folder: "relative/backups".into(), ..s.clone() }, "backup_folder"),
        (Settings { backup_folder: "/media/usb\u{202e}".into(), ..s.clone() }, "backup_folder"),
    ] {
        let err = t.update_settings(&t.admin, &bad).unwrap_err();
        assert!(matches!(err, Error::Invalid { field: f, .. } if f == field), "{field}: {err:?}");
    }
    let folder = if cfg!(windows) { "E:\\GasDesk backups" } else { "/media/usb/GasDesk backups" };
    let saved = t
        .update_settings(&t.admin, &Settings { backup_folder: format!(" {folder} "), backup_every_hours: 6, backups_to_keep: 30, ..s })
        .unwrap();
    assert_eq!((saved.backup_folder.as_str(), saved.backup_every_hours, saved.backups_to_keep), (folder, 6, 30));
    assert_eq!(t.settings(&t.admin).unwrap(), saved);
    assert_eq!(audited(&t, "settings.update"), 1);
}

// ----- the schedule: fixed times in India (+05:30) -----

fn ist(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(5 * 3600 + 1800).unwrap().with_ymd_and_hms(y, mo, d, h, mi, 0).single().unwrap()
}

fn utc(t: DateTime<FixedOffset>) -> Timestamp {
    t.with_timezone(&Utc)
}

#[test]
fn backup_due_when_there_has_never_been_a_good_backup() {
    assert!(backup_due(ist(2026, 3, 5, 9, 0), None, None, 24));
}

#[test]
fn backup_due_at_the_first_start_after_local_midnight_when_the_last_good_one_is_from_yesterday() {
    let last = utc(ist(2026, 3, 4, 23, 30));
    assert!(backup_due(ist(2026, 3, 5, 0, 5), Some(last), Some(last), 24), "35 minutes later, but a new local day");
    let this_morning = utc(ist(2026, 3, 5, 0, 10));
    assert!(!backup_due(ist(2026, 3, 5, 9, 0), Some(this_morning), Some(this_morning), 24), "today's is there");
    // 23:30 IST is 18:00 UTC the same day: the local day decides, not the UTC one.
    let early_utc_day = utc(ist(2026, 3, 5, 1, 0));
    assert!(!backup_due(ist(2026, 3, 5, 23, 0), Some(early_utc_day), Some(early_utc_day), 24));
}

#[test]
fn backup_due_every_n_hours_while_running() {
    let last = utc(ist(2026, 3, 5, 8, 0));
    assert!(!backup_due(ist(2026, 3, 5, 13, 59), Some(last), Some(last), 6));
    assert!(backup_due(ist(2026, 3, 5, 14, 0), Some(last), Some(last), 6));
    assert!(!backup_due(ist(2026, 3, 5, 23, 59), Some(last), Some(last), 24));
}

#[test]
fn backup_due_after_a_failure_retries_no_more_often_than_every_fifteen_minutes() {
    let last_ok = utc(ist(2026, 3, 4, 9, 0));
    let failed = utc(ist(2026, 3, 5, 9, 0));
    assert!(!backup_due(ist(2026, 3, 5, 9, 14), Some(last_ok), Some(failed), 24));
    assert!(backup_due(ist(2026, 3, 5, 9, 15), Some(last_ok), Some(failed), 24));
    assert!(!backup_due(ist(2026, 3, 5, 9, 1), None, Some(failed), 24), "never a good one, still no faster than 15 minutes");
}

#[test]
fn backup_due_when_the_last_good_backup_is_stamped_in_the_future_after_the_clock_was_set_back() {
    let future = utc(ist(2026, 3, 6, 9, 0));
    assert!(backup_due(ist(2026, 3, 5, 9, 0), Some(future), Some(future), 24));
}

/// Item 8: a backup under way shows its progress (bytes copied of those expected, then the
/// check), so staff see it moving; nothing when none runs; staff only.
#[test]
fn a_backup_under_way_reports_its_progress_and_none_when_idle() {
    use gasdesk_core::domain::demo;
    let (_dir, path) = temp_db();
    let size = demo::DemoSize { customers: 1500, cylinders: 800, bookings: 3000, complaints: 300 };
    demo::create(&path, &size, gasdesk_core::domain::PasswordCost::Fast, &mut |_, _, _| {}).unwrap();
    let desk = std::sync::Arc::new(gasdesk_core::Desk::new(gasdesk_core::store::Db::open(&path).unwrap(), mock()).with_config(fast()));
    let admin = desk.staff_login(&Terminal::OFFICE, demo::STAFF_USERNAME, demo::STAFF_PASSWORD).unwrap();
    let customer = desk.customer_login(&Terminal::OFFICE, "customer1", demo::CUSTOMER_PASSWORD).unwrap();
    assert_eq!(desk.backup_progress(&admin).unwrap(), None, "nothing under way");
    assert!(matches!(desk.backup_progress(&customer), Err(Error::Forbidden)));
    let (worker, staff) = (std::sync::Arc::clone(&desk), admin.clone());
    let backup = std::thread::spawn(move || worker.back_up_now(&staff).map(|made| made.size_bytes));
    let mut seen = Vec::new();
    while !backup.is_finished() {
        if let Some(progress) = desk.backup_progress(&admin).unwrap() {
            seen.push(progress);
        }
    }
    let size = u64::try_from(backup.join().unwrap().unwrap()).unwrap();
    assert!(!seen.is_empty(), "progress was visible while the backup ran");
    assert!(seen.iter().all(|p| p.expected_bytes > 0 && p.copied_bytes <= p.expected_bytes), "{:?}", seen.last());
    assert!(seen.last().unwrap().expected_bytes >= size / 2, "the expected size is about the copy's: {size}");
    assert!(seen.iter().any(|p| p.checking), "the check of the copy shows as its own stage");
    assert_eq!(desk.backup_progress(&admin).unwrap(), None, "nothing under way once it is done");
}

#[test]
fn a_customer_may_not_back_up_to_any_target_and_nothing_is_written() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let me = t.customer("asha");
    let elsewhere = dir.path().join("usb");
    std::fs::create_dir(&elsewhere).unwrap();
    let file = dir.path().join("mine.db");
    for target in [BackupTarget::BackupFolder, BackupTarget::Folder(&elsewhere), BackupTarget::File(&file)] {
        assert!(matches!(t.backup(&me, target), Err(Error::Forbidden)), "{target:?}");
    }
    assert!(!dir.path().join("backups").exists());
    assert!(names_in(&elsewhere).is_empty());
    assert!(!file.exists());
    assert_eq!(audited(&t, "backup.create") + audited(&t, "backup.failed"), 0);
}

#[test]
fn a_backup_to_another_folder_is_named_as_in_the_backup_folder_audited_and_prunes_nothing() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    with_backup_settings(&t, "", 24, 1);
    let elsewhere = dir.path().join("usb");
    std::fs::create_dir(&elsewhere).unwrap();
    let first = t.backup(&Actor::System, BackupTarget::Folder(&elsewhere)).unwrap();
    t.clock.advance(Duration::hours(1));
    let second = t.backup(&t.admin, BackupTarget::Folder(&elsewhere)).unwrap();
    assert!(is_backup_name(&first.name) && is_backup_name(&second.name), "{} {}", first.name, second.name);
    assert_eq!(names_in(&elsewhere), vec![first.name.clone(), second.name.clone()], "backups_to_keep = 1 prunes only the backup folder");
    check_backup(Path::new(&second.path)).expect("the backup passes the restore checks");
    assert_eq!(audited(&t, "backup.create"), 2);
    assert_eq!(t.dashboard(&t.admin).unwrap().last_good_backup_at, None, "the dashboard follows the backup folder only");
    // The same naming as "Back up now" at the same moment.
    let in_backup_folder = t.back_up_now(&t.admin).unwrap();
    assert_eq!(in_backup_folder.name, second.name);
}

#[test]
fn a_backup_to_a_named_file_writes_exactly_that_file_and_never_over_an_existing_one() {
    let (dir, path) = temp_db();
    let t = file_desk(&path);
    let file = dir.path().join("for the accountant.db");
    let made = t.backup(&Actor::System, BackupTarget::File(&file)).unwrap();
    assert_eq!(Path::new(&made.path), file);
    assert_eq!(made.name, "for the accountant.db");
    assert!(made.size_bytes > 0);
    check_backup(&file).expect("the backup passes the restore checks");
    assert!(t.backup(&Actor::System, BackupTarget::File(&file)).is_err(), "never overwrites a file");
    assert_eq!(audited(&t, "backup.create"), 1);
    assert_eq!(audited(&t, "backup.failed"), 1);
}
