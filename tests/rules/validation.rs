//! Bad input of every kind gets a clear error or is stored as plain text; nothing panics.
use crate::common::*;
use gasdesk_core::domain::Terminal;
use gasdesk_core::model::{CustomerFields, Money, NewCustomerInput, PageRequest};
use gasdesk_core::{Error, ErrorCode};
use proptest::prelude::*;

fn input(username: &str, full_name: &str) -> NewCustomerInput {
    NewCustomerInput {
        consumer_no: String::new(),
        type_id: 1,
        allowance: 1,
        username: username.into(),
        full_name: full_name.into(),
        email: String::new(),
        phone: String::new(),
        address: String::new(),
        password: "password1".into(),
    }
}

#[test]
fn customer_fields_are_checked_with_the_field_named() {
    let t = memory_desk();
    let cases: Vec<(NewCustomerInput, &str)> = vec![
        (input("ab", "Name"), "username"),
        (input("has space", "Name"), "username"),
        (input(&"x".repeat(33), "Name"), "username"),
        (input("asha", ""), "full_name"),
        (input("asha", &"n".repeat(101)), "full_name"),
        (input("asha", "tab\u{0}null"), "full_name"),
        (NewCustomerInput { email: "not-an-email".into(), ..input("asha", "A") }, "email"),
        (NewCustomerInput { phone: "call me".into(), ..input("asha", "A") }, "phone"),
        (NewCustomerInput { password: "short".into(), ..input("asha", "A") }, "password"),
    ];
    for (bad, field) in cases {
        match t.create_customer(&t.admin, &bad) {
            Err(Error::Invalid { field: f, message }) => {
                assert_eq!(f, field);
                assert!(!message.is_empty());
            }
            other => panic!("{field}: expected Invalid, got {other:?}"),
        }
    }
    assert_eq!(t.search_customers(&t.admin, "", &PageRequest::default()).unwrap().items.len(), 0);
}

#[test]
fn names_keep_unicode_html_and_sql_verbatim() {
    let t = memory_desk();
    let names = ["Ramesh <script>alert(1)</script>", "O'Brien\"; DROP TABLE users; --", "प्रिया शर्मा 👩‍🍳"];
    for (i, name) in names.iter().enumerate() {
        let c = t.create_customer(&t.admin, &input(&format!("user{i}"), name)).unwrap();
        assert_eq!(&t.desk.customer(&t.admin, c.id).unwrap().full_name, name);
    }
    assert_eq!(t.search_customers(&t.admin, "प्रिया", &PageRequest::default()).unwrap().items.len(), 1);
    assert_eq!(t.search_customers(&t.admin, "o'brien", &PageRequest::default()).unwrap().items.len(), 1);
    assert_eq!(t.search_customers(&t.admin, "%", &PageRequest::default()).unwrap().items.len(), 0, "no wildcards");
}

#[test]
fn a_full_name_or_address_with_a_bidi_override_or_invisible_character_is_refused() {
    let t = memory_desk();
    let cases: Vec<(NewCustomerInput, &str, &str)> = vec![
        (input("asha", "Asha \u{202E}raR"), "full_name", "name"),
        (input("asha", "As\u{200B}ha"), "full_name", "name"),
        (input("asha", "\u{2067}Asha"), "full_name", "name"),
        (NewCustomerInput { address: "12 MG Road\u{FEFF}\nBengaluru".into(), ..input("asha", "Asha") }, "address", "address"),
        (NewCustomerInput { address: "flat \u{202D}12".into(), ..input("asha", "Asha") }, "address", "address"),
    ];
    for (bad, field, what) in cases {
        match t.create_customer(&t.admin, &bad) {
            Err(Error::Invalid { field: f, message }) => {
                assert_eq!(f, field);
                assert_eq!(message, format!("The {what} contains invisible or direction-changing characters."));
            }
            other => panic!("{field}: expected Invalid, got {other:?}"),
        }
    }
    assert_eq!(t.search_customers(&t.admin, "", &PageRequest::default()).unwrap().items.len(), 0);
    assert!(matches!(t.create_customer(&t.admin, &input("as\u{200B}ha", "Asha")), Err(Error::Invalid { field: "username", .. })));
}

#[test]
fn hindi_names_and_addresses_with_zero_width_joiners_are_accepted() {
    let t = memory_desk();
    let name = "लक्ष्मी क्\u{200D}षमा";
    let address = "१२ एम जी रोड\nर्\u{200C}य नगर, बेंगलुरु";
    let c = t.create_customer(&t.admin, &NewCustomerInput { address: address.into(), ..input("lakshmi", name) }).unwrap();
    let stored = t.desk.customer(&t.admin, c.id).unwrap();
    assert_eq!((stored.full_name.as_str(), stored.address.as_str()), (name, address));
}

#[test]
fn the_open_complaint_limit_setting_is_bounded_1_to_20() {
    let t = memory_desk();
    let good = t.settings(&t.admin).unwrap();
    for bad in [0, 21, -1] {
        let err = t.update_settings(&t.admin, &gasdesk_core::model::Settings { max_open_complaints: bad, ..good.clone() }).unwrap_err();
        assert!(matches!(err, Error::Invalid { field: "max_open_complaints", .. }), "{bad}: {err:?}");
    }
    for ok in [1, 20] {
        assert_eq!(
            t.update_settings(&t.admin, &gasdesk_core::model::Settings { max_open_complaints: ok, ..good.clone() })
                .unwrap()
                .max_open_complaints,
            ok
        );
    }
}

#[test]
fn usernames_are_unique_ignoring_case() {
    let t = memory_desk();
    t.create_customer(&t.admin, &input("Asha", "A")).unwrap();
    let dup = t.create_customer(&t.admin, &input("ASHA", "B")).unwrap_err();
    assert!(matches!(dup, Error::Invalid { field: "username", .. }));
}

#[test]
fn editing_a_customer_is_audited_before_and_after() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let fields = CustomerFields {
        consumer_no: String::new(),
        full_name: "Asha Rao".into(),
        email: "asha@example.com".into(),
        phone: "+91 98450 12345".into(),
        address: "12 MG Road\nBengaluru".into(),
    };
    let updated = t.update_customer(&t.admin, customer_id(&asha), &fields).unwrap();
    assert_eq!(updated.phone, "+91 98450 12345");
    let entry = &t.audit_log(&t.admin, &Default::default(), &PageRequest::first(1)).unwrap().items[0];
    assert_eq!(entry.action, "customer.update");
    assert!(entry.before.as_deref().unwrap().contains("Customer asha"));
    assert!(entry.after.as_deref().unwrap().contains("Asha Rao"));
    assert_eq!(t.search_customers(&t.admin, "98450", &PageRequest::default()).unwrap().items.len(), 0, "phone search is by the start");
    assert_eq!(t.search_customers(&t.admin, "+91", &PageRequest::default()).unwrap().items.len(), 1);
}

#[test]
fn settings_are_validated() {
    let t = memory_desk();
    let good = t.settings(&t.admin).unwrap();
    assert_eq!((good.refill_gap_days, good.test_due_margin_days), (0, 30), "the test desk turns the gap off");
    for bad in [
        gasdesk_core::model::Settings { gstin: "29AAGCG1234K1ZK".into(), ..good.clone() },
        gasdesk_core::model::Settings { refills_per_year: 0, ..good.clone() },
        gasdesk_core::model::Settings { refill_gap_days: 366, ..good.clone() },
        gasdesk_core::model::Settings { kiosk_idle_seconds: 1, ..good.clone() },
        gasdesk_core::model::Settings { agency_name: " ".into(), ..good.clone() },
        gasdesk_core::model::Settings { emergency_helpline: "call<b>".into(), ..good.clone() },
    ] {
        assert_eq!(t.update_settings(&t.admin, &bad).unwrap_err().code(), ErrorCode::Invalid);
    }
    assert_eq!(t.settings(&t.admin).unwrap(), good, "nothing changed");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any string at all, in any field: an answer (Ok or a typed error), never a panic, and
    /// whatever is accepted reads back exactly as trimmed.
    #[test]
    fn any_text_in_any_field_is_handled(name in "\\PC{0,120}", desc in any::<String>(), search in any::<String>()) {
        let t = memory_desk();
        if let Ok(c) = t.create_customer(&t.admin, &input("someone", &name)) {
            prop_assert_eq!(c.full_name, name.trim());
        }
        let asha = t.customer("asha");
        if let Ok(c) = t.file_complaint(&asha, gasdesk_core::model::IssueType::Other, &desc) {
            prop_assert_eq!(c.description, desc.trim());
        }
        prop_assert!(t.search_customers(&t.admin, &search, &PageRequest::default()).is_ok());
        prop_assert!(t.list_cylinders(&t.admin, &Default::default(), &search, &PageRequest::default()).is_ok());
        let _ = t.customer_login(&Terminal::OFFICE, &search, &desc);
        let _ = Money::parse("price", &search);
    }
}

#[test]
fn customer_search_ignores_case_in_usernames_and_names() {
    let t = memory_desk();
    t.create_customer(&t.admin, &input("customer17", "Ravi Kumar")).unwrap();
    for query in ["customer1", "Customer1", "CUSTOMER17", "ravi", "RAVI K"] {
        assert_eq!(t.search_customers(&t.admin, query, &PageRequest::default()).unwrap().items.len(), 1, "{query}");
    }
}
