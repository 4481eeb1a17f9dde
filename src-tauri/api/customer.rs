//! Customer commands: the logged-in customer acts on their own records only.
use super::IpcResult;
use super::{AppState, Place};
use gasdesk_core::domain::device_scoped_key;
use gasdesk_core::model::{Booking, Complaint, CustomerHome, IssueType, Money, Page, PageRequest, Payment, Receipt, SaleDocument};
use gasdesk_core::Error;

pub fn customer_home(state: &AppState) -> IpcResult<CustomerHome> {
    let me = state.customer()?;
    Ok(state.desk.customer_home(&me)?)
}

/// Books once per idempotency key (made by the UI for each press of "Pay"): a kiosk whose reply
/// was lost asks again with the same key and gets the settled booking, never a second charge.
///
/// At a kiosk PC the key is scoped to the device, and the answer about a key outlives the
/// customer's session: after an office restart the office has forgotten who was logged in at
/// the kiosk, but the kiosk retrying its booking must still hear whether it went through (the
/// customer may have been charged). Only a key nothing was booked under is `NotLoggedIn`.
pub fn book_cylinder(state: &AppState, type_id: Option<i64>, price: Money, idempotency_key: String) -> IpcResult<Receipt> {
    let key = match state.place {
        Place::Device { id } => device_scoped_key(id, &idempotency_key)?,
        Place::Office | Place::LocalKiosk => idempotency_key,
    };
    match state.customer() {
        Ok(me) => Ok(state.desk.book_cylinder_once_of_type(&me, type_id, price, &key)?),
        Err(Error::NotLoggedIn) if matches!(state.place, Place::Device { .. }) => {
            state.desk.booking_outcome_for_key(&key)?.ok_or_else(|| Error::NotLoggedIn.into())
        }
        Err(other) => Err(other.into()),
    }
}

pub fn my_bookings(state: &AppState, page: PageRequest) -> IpcResult<Page<Booking>> {
    let me = state.customer()?;
    Ok(state.desk.my_bookings(&me, &page)?)
}

pub fn my_payments(state: &AppState, page: PageRequest) -> IpcResult<Page<Payment>> {
    let me = state.customer()?;
    Ok(state.desk.my_payments(&me, &page)?)
}

pub fn my_receipt(state: &AppState, booking_id: i64) -> IpcResult<Receipt> {
    let me = state.customer()?;
    Ok(state.desk.receipt(&me, booking_id)?)
}

/// Prints a bill: the customer's own, or any when the admin switch is unlocked. The answer is
/// the copy being printed (Original the first time, Duplicate after).
pub fn print_document(state: &AppState, document_id: i64) -> IpcResult<SaleDocument> {
    let actor = match state.staff() {
        Ok(staff) => staff,
        Err(_) => state.customer()?,
    };
    Ok(state.desk.print_document(&actor, document_id)?)
}

pub fn file_complaint(state: &AppState, issue_type: IssueType, description: String) -> IpcResult<Complaint> {
    let me = state.customer()?;
    Ok(state.desk.file_complaint(&me, issue_type, &description)?)
}

pub fn my_complaints(state: &AppState, page: PageRequest) -> IpcResult<Page<Complaint>> {
    let me = state.customer()?;
    Ok(state.desk.my_complaints(&me, &page)?)
}

pub fn cancel_my_complaint(state: &AppState, complaint_id: i64) -> IpcResult<Complaint> {
    let me = state.customer()?;
    Ok(state.desk.cancel_my_complaint(&me, complaint_id)?)
}
