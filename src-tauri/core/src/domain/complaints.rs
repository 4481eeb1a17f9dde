//! Complaints: filed and tracked by customers, resolved by staff, gas leaks first.
use super::actor::{audit, Actor, NOTHING};
use super::validate::{self, DESCRIPTION_MAX, NOTE_MAX};
use super::Desk;
use crate::error::{Error, Result};
use crate::model::{Complaint, ComplaintStatus, IssueType, Page, PageRequest};

impl Desk {
    /// Files a complaint. A customer may have only `max_open_complaints` Pending at once, so
    /// a flood of fake ones cannot bury real ones; a gas leak is always taken, however many.
    pub fn file_complaint(&self, actor: &Actor, issue_type: IssueType, description: &str) -> Result<Complaint> {
        let customer_id = actor.require_customer()?;
        let description = validate::paragraph("description", description, 1, DESCRIPTION_MAX, "description")?;
        let now = self.now();
        self.db.write(|w| {
            if issue_type != IssueType::GasLeak {
                // Counted inside the write transaction: two kiosks cannot both slip under it.
                let max_open = self.max_open_complaints(w)?;
                if w.pending_complaints_of_customer(customer_id)? >= max_open {
                    return Err(Error::TooManyOpenComplaints { max_open });
                }
            }
            let id = w.insert_complaint(customer_id, issue_type, &description, now)?;
            let complaint = w.complaint(id)?.ok_or(Error::NotFound("Complaint"))?;
            audit(w, actor, "complaint.file", ("complaint", id), NOTHING, Some(&complaint), now)?;
            Ok(complaint)
        })
    }

    pub fn my_complaints(&self, actor: &Actor, page: &PageRequest) -> Result<Page<Complaint>> {
        let customer_id = actor.require_customer()?;
        let rows = self.db.read(|r| r.complaints_of_customer(customer_id, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// A customer withdraws their own complaint while it is still Pending.
    pub fn cancel_my_complaint(&self, actor: &Actor, complaint_id: i64) -> Result<Complaint> {
        let customer_id = actor.require_customer()?;
        let now = self.now();
        self.db.write(|w| {
            // Someone else's complaint is "not found", not "forbidden": ids reveal nothing.
            let before = w.complaint(complaint_id)?.filter(|c| c.user_id == customer_id).ok_or(Error::NotFound("Complaint"))?;
            if before.status != ComplaintStatus::Pending {
                return Err(Error::ComplaintClosed { status: before.status });
            }
            w.set_complaint_status(complaint_id, ComplaintStatus::Cancelled, "Cancelled by the customer", None, now)?;
            let after = w.complaint(complaint_id)?.ok_or(Error::NotFound("Complaint"))?;
            audit(w, actor, "complaint.cancel", ("complaint", complaint_id), Some(&before), Some(&after), now)?;
            Ok(after)
        })
    }

    /// The staff queue: with a status, gas leaks first then oldest first; without, newest first.
    pub fn complaint_queue(&self, actor: &Actor, status: Option<ComplaintStatus>, page: &PageRequest) -> Result<Page<Complaint>> {
        actor.require_staff()?;
        let rows = self.db.read(|r| r.complaint_queue(status, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// Staff set a complaint's status with a note (required when closing it).
    pub fn set_complaint_status(&self, actor: &Actor, complaint_id: i64, status: ComplaintStatus, note: &str) -> Result<Complaint> {
        let staff_id = actor.require_staff()?;
        let min = usize::from(status != ComplaintStatus::Pending);
        let note = validate::paragraph("note", note, min, NOTE_MAX, "note")?;
        let now = self.now();
        self.db.write(|w| {
            let before = w.complaint(complaint_id)?.ok_or(Error::NotFound("Complaint"))?;
            w.set_complaint_status(complaint_id, status, &note, Some(staff_id), now)?;
            let after = w.complaint(complaint_id)?.ok_or(Error::NotFound("Complaint"))?;
            audit(w, actor, "complaint.set_status", ("complaint", complaint_id), Some(&before), Some(&after), now)?;
            Ok(after)
        })
    }
}
