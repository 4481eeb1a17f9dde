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

/// Fake reports must not bury real ones: a customer has at most `max_open_complaints`
/// (default 3) Pending at once. A gas leak is never refused.
const TOO_MANY: &str = "You already have 3 open complaints. Please wait for the agency to answer them, or cancel one.";

#[test]
fn a_fourth_open_complaint_is_refused_with_a_plain_message() {
    let t = memory_desk();
    let asha = t.customer("asha");
    for n in 1..=3 {
        t.file_complaint(&asha, IssueType::BillingIssue, &format!("bill {n}")).unwrap();
    }
    let refused = t.file_complaint(&asha, IssueType::Other, "fourth").unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Conflict);
    assert_eq!(refused.to_string(), TOO_MANY);
    assert_eq!(t.my_complaints(&asha, &PageRequest::default()).unwrap().items.len(), 3, "nothing was filed");
    let ravi = t.customer("ravi");
    assert!(t.file_complaint(&ravi, IssueType::Other, "mine").is_ok(), "the limit is per customer");
}

#[test]
fn a_gas_leak_beyond_the_open_complaint_limit_is_accepted() {
    let t = memory_desk();
    let asha = t.customer("asha");
    for n in 1..=3 {
        t.file_complaint(&asha, IssueType::RegulatorIssue, &format!("knob {n}")).unwrap();
    }
    let leak = t.file_complaint(&asha, IssueType::GasLeak, "smell of gas in the kitchen").unwrap();
    assert_eq!(leak.status, ComplaintStatus::Pending);
    assert_eq!(t.dashboard(&t.admin).unwrap().open_gas_leaks, 1);
}

#[test]
fn cancelled_and_answered_complaints_do_not_count_towards_the_open_limit() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let first = t.file_complaint(&asha, IssueType::Other, "one").unwrap();
    let second = t.file_complaint(&asha, IssueType::Other, "two").unwrap();
    t.file_complaint(&asha, IssueType::Other, "three").unwrap();
    t.cancel_my_complaint(&asha, first.id).unwrap();
    t.file_complaint(&asha, IssueType::Other, "four").unwrap();
    t.set_complaint_status(&t.admin, second.id, ComplaintStatus::Completed, "fixed").unwrap();
    t.file_complaint(&asha, IssueType::Other, "five").unwrap();
    assert_eq!(t.file_complaint(&asha, IssueType::Other, "six").unwrap_err().code(), ErrorCode::Conflict);
}

#[test]
fn the_open_complaint_limit_follows_the_setting() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let mut s = t.settings(&t.admin).unwrap();
    assert_eq!(s.max_open_complaints, 3, "the default");
    s.max_open_complaints = 1;
    t.update_settings(&t.admin, &s).unwrap();
    t.file_complaint(&asha, IssueType::Other, "one").unwrap();
    let refused = t.file_complaint(&asha, IssueType::Other, "two").unwrap_err();
    assert!(refused.to_string().starts_with("You already have 1 open complaint."), "{refused}");
}

#[test]
fn a_description_with_a_bidi_override_or_invisible_character_is_refused() {
    let t = memory_desk();
    let asha = t.customer("asha");
    for text in [
        "pay \u{202E}0001\u{202C} rupees",
        "isolate \u{2066}x\u{2069}",
        "zero\u{200B}width",
        "bom\u{FEFF}",
        "soft\u{AD}hyphen",
        "word\u{2060}joiner",
    ] {
        match t.file_complaint(&asha, IssueType::GasLeak, text) {
            Err(Error::Invalid { field: "description", message }) => {
                assert_eq!(message, "The description contains invisible or direction-changing characters.")
            }
            other => panic!("{text:?}: expected Invalid on description, got {other:?}"),
        }
    }
    assert!(t.my_complaints(&asha, &PageRequest::default()).unwrap().items.is_empty());
}

#[test]
fn a_hindi_description_with_zero_width_joiners_is_accepted() {
    let t = memory_desk();
    let asha = t.customer("asha");
    // क्‍ष with a ZWJ and र्‌ with a ZWNJ: Hindi writers need both to choose a conjunct's shape.
    let text = "रसोई में गैस की गंध है, क्\u{200D}ष और र्\u{200C}य";
    let c = t.file_complaint(&asha, IssueType::GasLeak, text).unwrap();
    assert_eq!(c.description, text);
}
