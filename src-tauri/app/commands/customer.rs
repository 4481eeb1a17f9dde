//! Customer commands: the logged-in customer acts on their own records only.
use super::{ipc, IpcResult};
use crate::app::state::AppState;
use gasdesk_core::model::{Booking, Complaint, CustomerHome, IssueType, Money, Page, PageRequest, Payment, Receipt};
use tauri::State;

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_home(state: State<'_, AppState>) -> IpcResult<CustomerHome> {
    let me = ipc(state.customer())?;
    ipc(state.desk.customer_home(&me))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn book_cylinder(state: State<'_, AppState>, price: Money) -> IpcResult<Receipt> {
    let me = ipc(state.customer())?;
    ipc(state.desk.book_cylinder(&me, price))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn my_bookings(state: State<'_, AppState>, page: PageRequest) -> IpcResult<Page<Booking>> {
    let me = ipc(state.customer())?;
    ipc(state.desk.my_bookings(&me, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn my_payments(state: State<'_, AppState>, page: PageRequest) -> IpcResult<Page<Payment>> {
    let me = ipc(state.customer())?;
    ipc(state.desk.my_payments(&me, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn my_receipt(state: State<'_, AppState>, booking_id: i64) -> IpcResult<Receipt> {
    let me = ipc(state.customer())?;
    ipc(state.desk.receipt(&me, booking_id))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn file_complaint(state: State<'_, AppState>, issue_type: IssueType, description: String) -> IpcResult<Complaint> {
    let me = ipc(state.customer())?;
    ipc(state.desk.file_complaint(&me, issue_type, &description))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn my_complaints(state: State<'_, AppState>, page: PageRequest) -> IpcResult<Page<Complaint>> {
    let me = ipc(state.customer())?;
    ipc(state.desk.my_complaints(&me, &page))
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn cancel_my_complaint(state: State<'_, AppState>, complaint_id: i64) -> IpcResult<Complaint> {
    let me = ipc(state.customer())?;
    ipc(state.desk.cancel_my_complaint(&me, complaint_id))
}
