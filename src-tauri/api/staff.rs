//! Staff commands: each one requires the admin switch to be unlocked (checked here, from the
//! session) and the domain checks the role again.
use super::AppState;
use super::IpcResult;
use gasdesk_core::model::{
    AuditEntry, AuditFilter, Booking, BookingFilter, Complaint, ComplaintStatus, Connection, Customer, CustomerFields, Cylinder,
    CylinderFilter, CylinderStatus, CylinderType, CylinderTypeInput, Dashboard, HoldReason, ManualAssignment, MarkOutcome,
    NewCustomerInput, Page, PageRequest, Receipt, RegisterCylinders, SaleDocument, StaffMember,
};

pub fn dashboard(state: &AppState) -> IpcResult<Dashboard> {
    let staff = state.staff()?;
    Ok(state.desk.dashboard(&staff)?)
}

pub fn list_cylinders(state: &AppState, filter: CylinderFilter, search: String, page: PageRequest) -> IpcResult<Page<Cylinder>> {
    let staff = state.staff()?;
    Ok(state.desk.list_cylinders(&staff, &filter, &search, &page)?)
}

pub fn hold_cylinder(state: &AppState, cylinder_id: i64, hold: Option<HoldReason>, reason: String) -> IpcResult<Cylinder> {
    let staff = state.staff()?;
    Ok(state.desk.hold_cylinder(&staff, cylinder_id, hold, &reason)?)
}

pub fn set_test_due(state: &AppState, cylinder_id: i64, stamp: String) -> IpcResult<Cylinder> {
    let staff = state.staff()?;
    Ok(state.desk.set_test_due(&staff, cylinder_id, &stamp)?)
}

pub fn save_cylinder_type(state: &AppState, type_id: Option<i64>, input: CylinderTypeInput) -> IpcResult<CylinderType> {
    let staff = state.staff()?;
    Ok(state.desk.save_cylinder_type(&staff, type_id, &input)?)
}

pub fn customer_connections(state: &AppState, customer_id: i64) -> IpcResult<Vec<Connection>> {
    let staff = state.staff()?;
    Ok(state.desk.customer_connections(&staff, customer_id)?)
}

pub fn set_connection(state: &AppState, customer_id: i64, type_id: i64, allowance: i64) -> IpcResult<Vec<Connection>> {
    let staff = state.staff()?;
    Ok(state.desk.set_connection(&staff, customer_id, type_id, allowance)?)
}

pub fn booking_documents(state: &AppState, booking_id: i64) -> IpcResult<Vec<SaleDocument>> {
    let staff = state.staff()?;
    Ok(state.desk.booking_documents(&staff, booking_id)?)
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
