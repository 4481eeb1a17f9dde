//! Staff commands: each one requires the admin switch to be unlocked (checked here, from the
//! session) and the domain checks the role again.
use super::{ipc, IpcResult};
use crate::app::state::AppState;
use gasdesk_core::domain::{CustomerFields, ManualAssignment, MarkOutcome, NewCustomerInput, RegisterCylinders};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::model::{
    AuditEntry, BackupFile, BackupFolder, BackupProgress, BackupRestored, Booking, Complaint, ComplaintStatus, Customer, Cylinder,
    CylinderStatus, Dashboard, Page, PageRequest, Receipt, Settings, StaffMember,
};
use gasdesk_core::store::{AuditFilter, BookingFilter};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn dashboard(state: State<'_, AppState>) -> IpcResult<Dashboard> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.dashboard(&staff))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn list_cylinders(
    state: State<'_, AppState>,
    status: Option<CylinderStatus>,
    search: String,
    page: PageRequest,
) -> IpcResult<Page<Cylinder>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.list_cylinders(&staff, status, &search, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn register_cylinders(state: State<'_, AppState>, input: RegisterCylinders) -> IpcResult<Vec<Cylinder>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.register_cylinders(&staff, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn mark_cylinders(state: State<'_, AppState>, ids: Vec<i64>, status: CylinderStatus) -> IpcResult<MarkOutcome> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.mark_cylinders(&staff, &ids, status))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn refill_all_empty(state: State<'_, AppState>) -> IpcResult<usize> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.refill_all_empty(&staff))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn cylinder_history(state: State<'_, AppState>, cylinder_id: i64, page: PageRequest) -> IpcResult<Page<AuditEntry>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.cylinder_history(&staff, cylinder_id, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn list_bookings(state: State<'_, AppState>, filter: BookingFilter, reference: String, page: PageRequest) -> IpcResult<Page<Booking>> {
    let staff = ipc(state.staff())?;
    if reference.trim().is_empty() {
        ipc(state.desk.list_bookings(&staff, &filter, &page))
    } else {
        let found = ipc(state.desk.find_booking(&staff, &reference))?;
        Ok(Page { items: vec![found], offset: 0, has_more: false })
    }
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_booking(state: State<'_, AppState>, booking_id: i64, reason: String) -> IpcResult<Booking> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.cancel_booking(&staff, booking_id, &reason))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn settle_refund_by_hand(state: State<'_, AppState>, booking_id: i64, note: String) -> IpcResult<Booking> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.settle_refund_by_hand(&staff, booking_id, &note))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn assign_manually(state: State<'_, AppState>, input: ManualAssignment) -> IpcResult<Receipt> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.assign_manually(&staff, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn complaint_queue(state: State<'_, AppState>, status: Option<ComplaintStatus>, page: PageRequest) -> IpcResult<Page<Complaint>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.complaint_queue(&staff, status, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_complaint_status(state: State<'_, AppState>, complaint_id: i64, status: ComplaintStatus, note: String) -> IpcResult<Complaint> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.set_complaint_status(&staff, complaint_id, status, &note))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn search_customers(state: State<'_, AppState>, query: String, page: PageRequest) -> IpcResult<Page<Customer>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.search_customers(&staff, &query, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn create_customer(state: State<'_, AppState>, input: NewCustomerInput) -> IpcResult<Customer> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.create_customer(&staff, &input))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn update_customer(state: State<'_, AppState>, customer_id: i64, fields: CustomerFields) -> IpcResult<Customer> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.update_customer(&staff, customer_id, &fields))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn reset_customer_password(state: State<'_, AppState>, customer_id: i64, password: String) -> IpcResult<()> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.reset_customer_password(&staff, customer_id, &password))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn get_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.settings(&staff))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn update_settings(state: State<'_, AppState>, settings: Settings) -> IpcResult<Settings> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.update_settings(&staff, &settings))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn audit_log(state: State<'_, AppState>, filter: AuditFilter, page: PageRequest) -> IpcResult<Page<AuditEntry>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.audit_log(&staff, &filter, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn list_staff(state: State<'_, AppState>) -> IpcResult<Vec<StaffMember>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.list_staff(&staff))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn add_staff(state: State<'_, AppState>, username: String, full_name: String, password: String) -> IpcResult<StaffMember> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.add_staff(&staff, &username, &full_name, &password))
}

/// Backs the database up now into the backup folder (Settings; `backups/` beside the database
/// by default) and prunes GasDesk's oldest backups there. The copy runs on a connection of its
/// own (`store::back_up`), so the window's connection stays free and kiosks keep booking.
#[tauri::command(async, rename_all = "snake_case")]
pub fn back_up_now(state: State<'_, AppState>) -> IpcResult<BackupFile> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.back_up_now(&staff))
}

/// The backup under way in this process (bytes copied of about how many, then the check), or
/// `null`: the Backups screen shows it while "Back up now" works.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_progress(state: State<'_, AppState>) -> IpcResult<Option<BackupProgress>> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.backup_progress(&staff))
}

/// The backup folder and GasDesk's backups in it, newest first.
#[tauri::command(async, rename_all = "snake_case")]
pub fn list_backups(state: State<'_, AppState>) -> IpcResult<BackupFolder> {
    let staff = ipc(state.staff())?;
    ipc(state.desk.list_backups(&staff))
}

/// Replaces the database with a listed backup once staff typed RESTORE (office PC only).
#[tauri::command(async, rename_all = "snake_case")]
pub fn restore_backup(state: State<'_, AppState>, name: String, confirmation: String) -> IpcResult<BackupRestored> {
    restore_on(&state, &name, &confirmation)
}

/// Restoring replaces every record the kiosks work on: it is done at the office PC, never at a
/// screen customers can reach, whoever holds the admin switch there.
fn office_only(kiosk: bool) -> IpcResult<()> {
    if kiosk {
        return Err(ErrorPayload {
            code: ErrorCode::Forbidden,
            message: "A backup is restored on the office PC, not on a kiosk.".to_owned(),
            field: None,
        });
    }
    Ok(())
}

/// The restore command's body, on the state alone so it is tested without a window. Every
/// session ends afterwards: the accounts (and who may do what) are now the backup's.
fn restore_on(state: &AppState, name: &str, confirmation: &str) -> IpcResult<BackupRestored> {
    office_only(state.kiosk)?;
    let staff = ipc(state.staff())?;
    let restored = ipc(state.desk.restore_backup(&staff, name, confirmation))?;
    let mut session = state.session();
    session.sign_out_customer();
    session.lock_staff();
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::domain::PasswordCost;
    use gasdesk_core::store::Db;
    use gasdesk_core::{Desk, DeskConfig};
    use std::time::Instant;

    /// An office or kiosk state on a database file with a staff member holding the switch, a
    /// customer logged in, and one backup.
    fn state_with_a_backup(dir: &std::path::Path, kiosk: bool) -> (AppState, String) {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let db = Db::open(&dir.join("gasdesk.db")).expect("the database opens");
        let desk = Desk::new(db, gateway).with_config(DeskConfig { password_cost: PasswordCost::Fast });
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
        let refused = restore_on(&state, &backup, "RESTORE").expect_err("a kiosk may not restore");
        assert_eq!(refused.code, ErrorCode::Forbidden);
        assert_eq!(kept_aside(dir.path()), 0, "nothing was replaced");
        assert!(state.session().info().staff.is_some(), "the session goes on");
    }

    #[test]
    fn restoring_a_backup_on_the_office_pc_ends_the_customer_and_staff_sessions() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (state, backup) = state_with_a_backup(dir.path(), false);
        let restored = restore_on(&state, &backup, "RESTORE").expect("the office PC restores");
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
        let db = Db::open(&dir.path().join("gasdesk.db")).expect("the kiosk opens the same file");
        let kiosk = AppState::new(Desk::new(db, gateway).with_config(DeskConfig { password_cost: PasswordCost::Fast }), true);
        kiosk.session().sign_in_customer(gasdesk_core::domain::Actor::Customer { id: 99, username: "asha".into() }, Instant::now());
        assert!(kiosk.customer().is_ok());
        restore_on(&office, &backup, "RESTORE").expect("the office PC restores");
        assert!(matches!(kiosk.customer(), Err(gasdesk_core::Error::NotLoggedIn)), "the kiosk's customer logs in again");
        assert!(kiosk.session().info().customer.is_none());
    }
}
