//! Staff commands: each one requires the admin switch to be unlocked (checked here, from the
//! session) and the domain checks the role again.
use super::IpcError;
use super::IpcResult;
use crate::app::state::AppState;
use gasdesk_core::model::{
    AuditEntry, AuditFilter, BackupFile, BackupFolder, BackupProgress, BackupRestored, Booking, BookingFilter, Complaint, ComplaintStatus,
    Customer, CustomerFields, Cylinder, CylinderStatus, Dashboard, ManualAssignment, MarkOutcome, NewCustomerInput, Page, PageRequest,
    Receipt, RegisterCylinders, Settings, StaffMember,
};

pub fn dashboard(state: &AppState) -> IpcResult<Dashboard> {
    let staff = state.staff()?;
    Ok(state.desk.dashboard(&staff)?)
}

pub fn list_cylinders(state: &AppState, status: Option<CylinderStatus>, search: String, page: PageRequest) -> IpcResult<Page<Cylinder>> {
    let staff = state.staff()?;
    Ok(state.desk.list_cylinders(&staff, status, &search, &page)?)
}

pub fn register_cylinders(state: &AppState, input: RegisterCylinders) -> IpcResult<Vec<Cylinder>> {
    let staff = state.staff()?;
    Ok(state.desk.register_cylinders(&staff, &input)?)
}

pub fn mark_cylinders(state: &AppState, ids: Vec<i64>, status: CylinderStatus) -> IpcResult<MarkOutcome> {
    let staff = state.staff()?;
    Ok(state.desk.mark_cylinders(&staff, &ids, status)?)
}

pub fn refill_all_empty(state: &AppState) -> IpcResult<usize> {
    let staff = state.staff()?;
    Ok(state.desk.refill_all_empty(&staff)?)
}

pub fn cylinder_history(state: &AppState, cylinder_id: i64, page: PageRequest) -> IpcResult<Page<AuditEntry>> {
    let staff = state.staff()?;
    Ok(state.desk.cylinder_history(&staff, cylinder_id, &page)?)
}

pub fn list_bookings(state: &AppState, filter: BookingFilter, reference: String, page: PageRequest) -> IpcResult<Page<Booking>> {
    let staff = state.staff()?;
    Ok(state.desk.search_bookings(&staff, &filter, &reference, &page)?)
}

pub fn cancel_booking(state: &AppState, booking_id: i64, reason: String) -> IpcResult<Booking> {
    let staff = state.staff()?;
    Ok(state.desk.cancel_booking(&staff, booking_id, &reason)?)
}

pub fn settle_refund_by_hand(state: &AppState, booking_id: i64, note: String) -> IpcResult<Booking> {
    let staff = state.staff()?;
    Ok(state.desk.settle_refund_by_hand(&staff, booking_id, &note)?)
}

pub fn assign_manually(state: &AppState, input: ManualAssignment) -> IpcResult<Receipt> {
    let staff = state.staff()?;
    Ok(state.desk.assign_manually(&staff, &input)?)
}

pub fn complaint_queue(state: &AppState, status: Option<ComplaintStatus>, page: PageRequest) -> IpcResult<Page<Complaint>> {
    let staff = state.staff()?;
    Ok(state.desk.complaint_queue(&staff, status, &page)?)
}

pub fn set_complaint_status(state: &AppState, complaint_id: i64, status: ComplaintStatus, note: String) -> IpcResult<Complaint> {
    let staff = state.staff()?;
    Ok(state.desk.set_complaint_status(&staff, complaint_id, status, &note)?)
}

pub fn search_customers(state: &AppState, query: String, page: PageRequest) -> IpcResult<Page<Customer>> {
    let staff = state.staff()?;
    Ok(state.desk.search_customers(&staff, &query, &page)?)
}

pub fn create_customer(state: &AppState, input: NewCustomerInput) -> IpcResult<Customer> {
    let staff = state.staff()?;
    Ok(state.desk.create_customer(&staff, &input)?)
}

pub fn update_customer(state: &AppState, customer_id: i64, fields: CustomerFields) -> IpcResult<Customer> {
    let staff = state.staff()?;
    Ok(state.desk.update_customer(&staff, customer_id, &fields)?)
}

pub fn reset_customer_password(state: &AppState, customer_id: i64, password: String) -> IpcResult<()> {
    let staff = state.staff()?;
    Ok(state.desk.reset_customer_password(&staff, customer_id, &password)?)
}

pub fn get_settings(state: &AppState) -> IpcResult<Settings> {
    let staff = state.staff()?;
    Ok(state.desk.settings(&staff)?)
}

pub fn update_settings(state: &AppState, settings: Settings) -> IpcResult<Settings> {
    let staff = state.staff()?;
    Ok(state.desk.update_settings(&staff, &settings)?)
}

pub fn audit_log(state: &AppState, filter: AuditFilter, page: PageRequest) -> IpcResult<Page<AuditEntry>> {
    let staff = state.staff()?;
    Ok(state.desk.audit_log(&staff, &filter, &page)?)
}

pub fn list_staff(state: &AppState) -> IpcResult<Vec<StaffMember>> {
    let staff = state.staff()?;
    Ok(state.desk.list_staff(&staff)?)
}

pub fn add_staff(state: &AppState, username: String, full_name: String, password: String) -> IpcResult<StaffMember> {
    let staff = state.staff()?;
    Ok(state.desk.add_staff(&staff, &username, &full_name, &password)?)
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

/// Restoring replaces every record the kiosks work on: it is done at the office PC, never at a
/// screen customers can reach, whoever holds the admin switch there.
fn office_only(kiosk: bool) -> IpcResult<()> {
    if kiosk {
        return Err(IpcError::forbidden("A backup is restored on the office PC, not on a kiosk."));
    }
    Ok(())
}

/// Replaces the database with a listed backup once staff typed RESTORE (office PC only). Every
/// session ends afterwards: the accounts (and who may do what) are now the backup's.
pub fn restore_backup(state: &AppState, name: String, confirmation: String) -> IpcResult<BackupRestored> {
    office_only(state.kiosk)?;
    let staff = state.staff()?;
    let restored = state.desk.restore_backup(&staff, &name, &confirmation)?;
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
