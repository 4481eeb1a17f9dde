//! Staff commands: each one requires the admin switch to be unlocked (checked here, from the
//! session) and the domain checks the role again.
use super::{ipc, IpcResult};
use crate::app::state::AppState;
use gasdesk_core::domain::{CustomerFields, ManualAssignment, MarkOutcome, NewCustomerInput, RegisterCylinders};
use gasdesk_core::model::{
    AuditEntry, Booking, Complaint, ComplaintStatus, Customer, Cylinder, CylinderStatus, Dashboard, Page, PageRequest, Receipt, Settings,
    StaffMember,
};
use gasdesk_core::store::{AuditFilter, BookingFilter};
use gasdesk_core::Error;
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

/// Backs the database up into a `backups/` folder beside it (made owner-only if missing);
/// returns the new file's path. The copy runs on a connection of its own (`store::back_up`), so
/// the window's connection stays free and kiosks keep booking meanwhile.
#[tauri::command(async, rename_all = "snake_case")]
pub fn backup_database(state: State<'_, AppState>) -> IpcResult<String> {
    ipc(state.staff())?;
    let db_path = state.desk.db().path().ok_or_else(|| Error::Internal("this database has no file".into()).payload())?;
    let dir = db_path.parent().unwrap_or(std::path::Path::new(".")).join("backups");
    let file = dir.join(format!("gasdesk-{}.db", chrono::Utc::now().format("%Y%m%d-%H%M%S")));
    ipc(gasdesk_core::store::back_up(db_path, &file))?;
    Ok(file.display().to_string())
}
