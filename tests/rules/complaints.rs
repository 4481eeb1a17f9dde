//! Rule 6: complaints.
use crate::common::*;
use gasdesk_core::model::{ComplaintStatus, IssueType, PageRequest};
use gasdesk_core::{Error, ErrorCode};

#[test]
fn customers_file_track_and_cancel_their_own_complaints() {
    let t = memory_desk();
    let (asha, ravi) = (t.customer("asha"), t.customer("ravi"));
    let c = t.file_complaint(&asha, IssueType::RegulatorIssue, "  knob is stiff  ").unwrap();
    assert_eq!((c.status, c.description.as_str()), (ComplaintStatus::Pending, "knob is stiff"));
    assert_eq!(t.my_complaints(&asha, &PageRequest::default()).unwrap().items.len(), 1);
    assert!(t.my_complaints(&ravi, &PageRequest::default()).unwrap().items.is_empty());
    assert!(matches!(t.cancel_my_complaint(&ravi, c.id), Err(Error::NotFound(_))), "someone else's is not found");
    assert_eq!(t.cancel_my_complaint(&asha, c.id).unwrap().status, ComplaintStatus::Cancelled);
    assert_eq!(t.cancel_my_complaint(&asha, c.id).unwrap_err().code(), ErrorCode::Conflict);
}

#[test]
fn a_description_is_required_and_bounded() {
    let t = memory_desk();
    let asha = t.customer("asha");
    assert_eq!(t.file_complaint(&asha, IssueType::Other, " \n ").unwrap_err().code(), ErrorCode::Invalid);
    assert!(t.file_complaint(&asha, IssueType::Other, &"é".repeat(1000)).is_ok(), "1000 characters, not bytes");
    let long = t.file_complaint(&asha, IssueType::Other, &"x".repeat(1001)).unwrap_err();
    assert!(matches!(&long, Error::Invalid { field: "description", .. }));
    assert_eq!(t.file_complaint(&asha, IssueType::Other, "bell\u{7}").unwrap_err().code(), ErrorCode::Invalid);
}

#[test]
fn hostile_text_is_stored_verbatim() {
    let t = memory_desk();
    let asha = t.customer("asha");
    for text in ["<img src=x onerror=alert(1)>", "'); DROP TABLE complaints; --", "गैस रिसाव 🔥 Robert'); --", "line one\nline two"]
    {
        let c = t.file_complaint(&asha, IssueType::GasLeak, text).unwrap();
        let queued = t.complaint_queue(&t.admin, Some(ComplaintStatus::Pending), &PageRequest::first(50)).unwrap();
        assert!(queued.items.iter().any(|q| q.id == c.id && q.description == text));
    }
    t.assert_sound();
}

#[test]
fn the_staff_queue_puts_gas_leaks_first_then_oldest() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let billing = t.file_complaint(&asha, IssueType::BillingIssue, "bill").unwrap();
    let other = t.file_complaint(&asha, IssueType::Other, "other").unwrap();
    let leak = t.file_complaint(&asha, IssueType::GasLeak, "smell of gas").unwrap();
    let order: Vec<i64> =
        t.complaint_queue(&t.admin, Some(ComplaintStatus::Pending), &PageRequest::default()).unwrap().items.iter().map(|c| c.id).collect();
    assert_eq!(order, vec![leak.id, billing.id, other.id]);
    let d = t.dashboard(&t.admin).unwrap();
    assert_eq!((d.open_complaints, d.open_gas_leaks), (3, 1));
}

#[test]
fn staff_resolve_with_a_note() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let c = t.file_complaint(&asha, IssueType::GasLeak, "smell").unwrap();
    assert_eq!(t.set_complaint_status(&t.admin, c.id, ComplaintStatus::Completed, "").unwrap_err().code(), ErrorCode::Invalid);
    let done = t.set_complaint_status(&t.admin, c.id, ComplaintStatus::Completed, "Replaced the valve").unwrap();
    assert_eq!((done.status, done.resolution_note.as_str()), (ComplaintStatus::Completed, "Replaced the valve"));
    assert_eq!(t.cancel_my_complaint(&asha, c.id).unwrap_err().code(), ErrorCode::Conflict, "only Pending ones can be withdrawn");
    assert_eq!(t.dashboard(&t.admin).unwrap().open_gas_leaks, 0);
    assert!(matches!(t.set_complaint_status(&t.admin, 999, ComplaintStatus::Pending, ""), Err(Error::NotFound(_))));
}
