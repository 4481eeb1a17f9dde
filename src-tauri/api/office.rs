//! Office-only commands: first-run setup, settings, backups and restore (and, with the LAN
//! server, the kiosks paired with this office). Each is refused from any kiosk, a kiosk window
//! on this PC or a paired one over the LAN, whoever holds the admin switch there: the check is
//! made once for the whole module, where the command list runs a command (`run.rs`).
mod kiosks;

use super::AppState;
use super::IpcResult;
use gasdesk_core::model::{BackupFile, BackupFolder, BackupProgress, BackupRestored, SessionInfo, Settings};

pub use kiosks::{add_kiosk, kiosk_server, list_kiosks, revoke_kiosk};

/// First-run setup is office work: a kiosk stands where anyone can reach it, and whoever made
/// the first staff account there would hold the agency's keys.
pub fn set_up_first_staff(state: &AppState, username: String, full_name: String, password: String) -> IpcResult<SessionInfo> {
    let actor = state.desk.set_up_first_staff(&username, &full_name, &password)?;
    let mut session = state.session();
    session.sign_in_staff(actor, state.now());
    Ok(session.info())
}

pub fn get_settings(state: &AppState) -> IpcResult<Settings> {
    let staff = state.staff()?;
    Ok(state.desk.settings(&staff)?)
}

/// Saves the settings, then starts or stops serving kiosks as they now say, at once (a port
/// that cannot be bound shows on the Kiosks screen; the save stands).
pub fn update_settings(state: &AppState, settings: Settings) -> IpcResult<Settings> {
    let staff = state.staff()?;
    let saved = state.desk.update_settings(&staff, &settings)?;
    if let Some(control) = state.kiosk_server() {
        control.apply(&saved);
    }
    Ok(saved)
}

/// Backs the database up now into the backup folder (Settings; `backups/` beside the database
/// by default) and prunes GasDesk's oldest backups there (`Desk::backup`, the command line's
/// path too). The copy runs on a connection of its own, so kiosks keep booking meanwhile.
pub fn back_up_now(state: &AppState) -> IpcResult<BackupFile> {
    let staff = state.staff()?;
    Ok(state.desk.back_up_now(&staff)?)
}

/// The backup under way in this process (bytes copied of about how many, then the check), or
/// `null`: the Backups screen shows it while "Back up now" works.
pub fn backup_progress(state: &AppState) -> IpcResult<Option<BackupProgress>> {
    let staff = state.staff()?;
    Ok(state.desk.backup_progress(&staff)?)
}

/// The backup folder and GasDesk's backups in it, newest first.
pub fn list_backups(state: &AppState) -> IpcResult<BackupFolder> {
    let staff = state.staff()?;
    Ok(state.desk.list_backups(&staff)?)
}

/// Replaces the database with a listed backup once staff typed RESTORE (office PC only). Every
/// session ends afterwards: the accounts (and who may do what) are now the backup's.
pub fn restore_backup(state: &AppState, name: String, confirmation: String) -> IpcResult<BackupRestored> {
    let staff = state.staff()?;
    let restored = state.desk.restore_backup(&staff, &name, &confirmation)?;
    let mut session = state.session();
    session.sign_out_customer();
    session.lock_staff();
    Ok(restored)
}

#[cfg(test)]
mod setup_tests {
    use super::*;
    // Through the command list, where the office-only check is made.
    use crate::api::run::set_up_first_staff;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::error::ErrorCode;
    use gasdesk_core::Desk;

    fn state_on_an_empty_database(kiosk: bool) -> AppState {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::in_memory(gateway).expect("an in-memory database opens");
        AppState::new(desk, kiosk)
    }

    #[test]
    fn first_staff_setup_on_a_kiosk_is_forbidden_and_the_database_stays_empty() {
        let state = state_on_an_empty_database(true);
        let refused =
            set_up_first_staff(&state, "boss".into(), "The Boss".into(), "longenough1".into()).expect_err("a kiosk may not set up");
        assert_eq!(refused.0.code, ErrorCode::Forbidden);
        assert!(refused.0.message.contains("kiosk"), "a plain message naming the kiosk: {}", refused.0.message);
        assert!(!state.desk.public_settings().expect("settings read").is_set_up, "no staff account was made");
        assert!(state.session().info().staff.is_none(), "the admin switch stays locked");
    }

    #[test]
    fn first_staff_setup_in_the_office_creates_the_account_and_unlocks_the_switch() {
        let state = state_on_an_empty_database(false);
        let session = set_up_first_staff(&state, "boss".into(), "The Boss".into(), "longenough1".into()).expect("the office sets up");
        assert_eq!(session.staff.map(|s| s.username), Some("boss".to_owned()));
        assert!(state.desk.public_settings().expect("settings read").is_set_up);
    }
}

#[cfg(test)]
mod restore_tests {
    use super::*;
    use crate::api::run::restore_backup;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::domain::PasswordCost;
    use gasdesk_core::error::ErrorCode;
    use gasdesk_core::{Desk, DeskConfig};
    use std::time::Instant;

    /// An office or kiosk state on a database file with a staff member holding the switch, a
    /// customer logged in, and one backup.
    fn state_with_a_backup(dir: &std::path::Path, kiosk: bool) -> (AppState, String) {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::open(&dir.join("gasdesk.db"), gateway)
            .expect("the database opens")
            .with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let admin = desk.set_up_first_staff("boss", "The Boss", "longenough1").expect("first staff");
        let backup = desk.back_up_now(&admin).expect("a backup").name;
        let state = AppState::new(desk, kiosk);
        state.session().sign_in_staff(admin.clone(), Instant::now());
        state.session().sign_in_customer(gasdesk_core::domain::Actor::Customer { id: 99, username: "asha".into() }, Instant::now());
        (state, backup)
    }

    fn kept_aside(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .expect("the folder")
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().contains("before-restore")))
            .count()
    }

    #[test]
    fn restoring_a_backup_on_a_kiosk_is_forbidden_and_the_database_untouched() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (state, backup) = state_with_a_backup(dir.path(), true);
        let refused = restore_backup(&state, backup.clone(), "RESTORE".into()).expect_err("a kiosk may not restore");
        assert_eq!(refused.0.code, ErrorCode::Forbidden);
        assert_eq!(kept_aside(dir.path()), 0, "nothing was replaced");
        assert!(state.session().info().staff.is_some(), "the session goes on");
    }

    #[test]
    fn restoring_a_backup_on_the_office_pc_ends_the_customer_and_staff_sessions() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (state, backup) = state_with_a_backup(dir.path(), false);
        let restored = restore_backup(&state, backup.clone(), "RESTORE".into()).expect("the office PC restores");
        assert!(restored.previous_kept_at.is_some());
        assert_eq!(kept_aside(dir.path()), 1);
        let info = state.session().info();
        assert!(info.staff.is_none() && info.customer.is_none(), "everyone logs in again");
    }

    #[test]
    fn a_restore_at_the_office_ends_the_sessions_of_a_kiosk_process_on_the_same_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (office, backup) = state_with_a_backup(dir.path(), false);
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::open(&dir.path().join("gasdesk.db"), gateway).expect("the kiosk opens the same file");
        let kiosk = AppState::new(desk.with_config(DeskConfig { password_cost: PasswordCost::Fast }), true);
        kiosk.session().sign_in_customer(gasdesk_core::domain::Actor::Customer { id: 99, username: "asha".into() }, Instant::now());
        assert!(kiosk.customer().is_ok());
        restore_backup(&office, backup, "RESTORE".into()).expect("the office PC restores");
        assert!(matches!(kiosk.customer(), Err(gasdesk_core::Error::NotLoggedIn)), "the kiosk's customer logs in again");
        assert!(kiosk.session().info().customer.is_none());
    }
}
