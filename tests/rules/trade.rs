//! The agency's trade (issue 12): types and FIFO per type, connections and allowances, the refill
//! rules, test-due and hold-back safety, and the GST documents of every sale.
use crate::common::*;
use chrono::Duration;
use gasdesk_core::domain::Actor;
use gasdesk_core::error::ErrorDetail;
use gasdesk_core::model::{
    Cylinder, CylinderCategory, CylinderStatus, CylinderTypeInput, DocumentCopy, DocumentKind, HoldReason, ManualAssignment, ManualPayment,
    Money, RegisterCylinders,
};
use gasdesk_core::{Error, ErrorCode};

const DOMESTIC: i64 = 1;
const FIVE_KG: i64 = 2;
const COMMERCIAL: i64 = 3;

/// Registers `n` Filled cylinders of a type with a test-due stamp, a second apart.
fn stock_of(t: &TestDesk, type_id: i64, n: u32, test_due: &str) -> Vec<Cylinder> {
    (0..n)
        .map(|_| {
            t.clock.advance(Duration::seconds(1));
            let input = RegisterCylinders { serials: vec![], count: 1, status: CylinderStatus::Filled, type_id, test_due: test_due.into() };
            t.register_cylinders(&t.admin, &input).unwrap().remove(0)
        })
        .collect()
}

fn price_of(t: &TestDesk, type_id: i64) -> Money {
    t.cylinder_types().unwrap().into_iter().find(|k| k.id == type_id).unwrap().price
}

fn rules_on(t: &TestDesk, gap_days: i64, per_year: i64) {
    let mut s = t.settings(&t.admin).unwrap();
    s.refill_gap_days = gap_days;
    s.refills_per_year = per_year;
    t.update_settings(&t.admin, &s).unwrap();
}

fn assign(
    t: &TestDesk,
    customer: &Actor,
    code: &str,
    payment: ManualPayment,
    override_rules: bool,
) -> gasdesk_core::Result<gasdesk_core::model::Receipt> {
    t.assign_manually(
        &t.admin,
        &ManualAssignment {
            customer_id: customer_id(customer),
            cylinder_code: code.into(),
            payment,
            reason: "counter sale".into(),
            override_refill_rules: override_rules,
        },
    )
}

#[test]
fn fifo_picks_the_oldest_filled_cylinder_of_the_type_booked() {
    let t = memory_desk();
    let five = stock_of(&t, FIVE_KG, 2, "D-35");
    let domestic = stock_of(&t, DOMESTIC, 2, "D-35");
    let asha = t.customer("asha");
    t.set_connection(&t.admin, customer_id(&asha), FIVE_KG, 1).unwrap();
    let small = t.book_cylinder_of_type(&asha, Some(FIVE_KG), price_of(&t, FIVE_KG)).unwrap();
    assert_eq!(small.cylinder_code, five[0].cylinder_code, "the oldest 5 kg cylinder");
    assert_eq!(small.type_name, "5 kg domestic");
    let big = t.book_cylinder_of_type(&asha, Some(DOMESTIC), price_of(&t, DOMESTIC)).unwrap();
    assert_eq!(big.cylinder_code, domestic[0].cylinder_code);
    assert_eq!(big.amount, price_of(&t, DOMESTIC));
    assert_eq!(small.amount, price_of(&t, FIVE_KG));
    t.assert_sound();
}

#[test]
fn a_type_without_a_connection_is_refused_before_any_charge() {
    let t = memory_desk();
    stock_of(&t, COMMERCIAL, 1, "D-35");
    let asha = t.customer("asha");
    let err = t.book_cylinder_of_type(&asha, Some(COMMERCIAL), price_of(&t, COMMERCIAL)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid, "{err}");
    assert_eq!(t.gateway.charge_count(), 0);
    // Staff cannot hand a 19 kg cylinder to a domestic-only customer either.
    let code = t.fifo_queue(&t.admin, COMMERCIAL, 1).unwrap()[0].cylinder_code.clone();
    let err = assign(&t, &asha, &code, ManualPayment::Cash, false).unwrap_err();
    assert!(err.to_string().contains("no 19 kg commercial connection"), "{err}");
    t.assert_sound();
}

#[test]
fn a_double_bottle_household_holds_two_and_then_exchanges_one_at_a_time() {
    let t = memory_desk();
    let stock = stock_of(&t, DOMESTIC, 4, "D-35");
    let ravi = t.customer("ravi");
    t.set_connection(&t.admin, customer_id(&ravi), DOMESTIC, 2).unwrap();
    let price = price_of(&t, DOMESTIC);
    let first = t.book_cylinder(&ravi, price).unwrap();
    let second = t.book_cylinder(&ravi, price).unwrap();
    assert_eq!(
        (first.returned_cylinder_code.as_deref(), second.returned_cylinder_code.as_deref()),
        (None, None),
        "below the allowance nothing comes back"
    );
    let home = t.customer_home(&ravi).unwrap();
    assert_eq!(home.cylinders.len(), 2, "holds two: {home:?}");
    let third = t.book_cylinder(&ravi, price).unwrap();
    assert_eq!(
        third.returned_cylinder_code.as_deref(),
        Some(stock[0].cylinder_code.as_str()),
        "at the allowance, the one held longest comes back"
    );
    assert_eq!(t.customer_home(&ravi).unwrap().cylinders.len(), 2);
    // The allowance cannot drop below what he holds.
    let err = t.set_connection(&t.admin, customer_id(&ravi), DOMESTIC, 1).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Invalid);
    t.assert_sound();
}

#[test]
fn the_schema_itself_refuses_a_cylinder_beyond_the_allowance() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let stock = stock_of(&t, DOMESTIC, 2, "D-35");
    let asha = t.customer("asha");
    t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap();
    drop(t);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let err = conn
        .execute(
            "UPDATE cylinders SET status = 'Assigned', assigned_to = ?1 WHERE code = ?2",
            rusqlite::params![customer_id(&asha), stock[1].cylinder_code],
        )
        .unwrap_err();
    assert!(err.to_string().contains("allows no more cylinders"), "{err}");
    let err = conn.execute("UPDATE connections SET allowance = 0", []).unwrap_err();
    assert!(err.to_string().contains("holds more cylinders of this type than that allowance"), "{err}");
}

#[test]
fn a_refill_too_soon_is_refused_with_the_date_it_becomes_possible_and_nothing_charged() {
    let t = memory_desk();
    stock_of(&t, DOMESTIC, 3, "D-35");
    rules_on(&t, 25, 15);
    let asha = t.customer("asha");
    let price = price_of(&t, DOMESTIC);
    t.book_cylinder(&asha, price).unwrap(); // 2 Nov 2026 (India)
    let charges = t.gateway.charge_count();
    let err = t.book_cylinder(&asha, price).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RefillRule);
    assert!(err.to_string().contains("last 14.2 kg domestic refill was on 2 Nov 2026"), "{err}");
    assert!(err.to_string().contains("from 27 Nov 2026"), "{err}");
    // The same reason in typed fields, for a UI that says it in Hindi.
    assert_eq!(
        err.payload().detail.map(|detail| *detail),
        Some(ErrorDetail::RefillGap {
            type_name: "14.2 kg domestic".into(),
            last_refill: "2026-11-02".into(),
            gap_days: 25,
            next_from: "2026-11-27".into()
        })
    );
    assert_eq!(t.gateway.charge_count(), charges, "nothing charged");
    let home = t.customer_home(&asha).unwrap();
    assert_eq!(home.connections[0].next_refill_from.as_deref(), Some("2026-11-27"));
    assert!(home.connections[0].refill_blocked.is_some());
    assert!(matches!(&home.connections[0].refill_rule, Some(ErrorDetail::RefillGap { next_from, .. }) if next_from == "2026-11-27"));
    t.clock.advance(Duration::days(25));
    t.book_cylinder(&asha, price).unwrap();
    t.assert_sound();
}

#[test]
fn the_yearly_cap_counts_paid_refills_of_the_financial_year_only() {
    let t = memory_desk();
    stock_of(&t, DOMESTIC, 6, "D-35");
    rules_on(&t, 0, 2);
    let asha = t.customer("asha");
    let price = price_of(&t, DOMESTIC);
    t.book_cylinder(&asha, price).unwrap();
    assert_eq!(t.customer_home(&asha).unwrap().connections[0].refills_left, 1);
    t.book_cylinder(&asha, price).unwrap();
    let err = t.book_cylinder(&asha, price).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RefillRule);
    assert!(err.to_string().contains("its 2 refills"), "{err}");
    assert!(err.to_string().contains("from 1 Apr 2027"), "{err}");
    assert_eq!(
        err.detail(),
        Some(ErrorDetail::RefillYearCap { type_name: "14.2 kg domestic".into(), refills_per_year: 2, next_from: "2027-04-01".into() })
    );
    // A free replacement is not a refill and is not refused.
    t.refill_all_empty(&t.admin).unwrap();
    let code = t.fifo_queue(&t.admin, DOMESTIC, 1).unwrap()[0].cylinder_code.clone();
    assign(&t, &asha, &code, ManualPayment::Free, false).unwrap();
    // A cash sale at the counter is refused too, unless staff override with their reason.
    let code = t.fifo_queue(&t.admin, DOMESTIC, 1).unwrap()[0].cylinder_code.clone();
    let err = assign(&t, &asha, &code, ManualPayment::Cash, false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::RefillRule);
    assert!(err.to_string().contains("Override the refill rules"), "staff read how to go ahead: {err}");
    assert!(matches!(err.detail(), Some(ErrorDetail::RefillYearCap { .. })), "{err:?}");
    let receipt = assign(&t, &asha, &code, ManualPayment::Cash, true).unwrap();
    assert_eq!(receipt.document.map(|d| d.kind), Some(DocumentKind::Invoice));
    let audit = t
        .audit_log(
            &t.admin,
            &gasdesk_core::model::AuditFilter { action: Some("booking.refill_rules_override".into()), ..Default::default() },
            &Default::default(),
        )
        .unwrap();
    assert_eq!(audit.items.len(), 1, "the override is on record with its reason");
    assert!(audit.items[0].after.as_deref().unwrap_or("").contains("counter sale"));
    // From 1 April the count starts again.
    t.clock.advance(Duration::days(150));
    t.refill_all_empty(&t.admin).unwrap();
    t.book_cylinder(&asha, price).unwrap();
    t.assert_sound();
}

#[test]
fn a_due_or_held_back_cylinder_is_never_handed_out_even_when_it_is_the_oldest() {
    let t = memory_desk();
    // The test clock is 2 Nov 2026: D-26 is due on 31 Dec 2026, inside the 30-day margin.
    let due = stock_of(&t, DOMESTIC, 1, "D-26");
    let leaking = stock_of(&t, DOMESTIC, 1, "D-35");
    let good = stock_of(&t, DOMESTIC, 1, "D-35");
    let mut s = t.settings(&t.admin).unwrap();
    s.test_due_margin_days = 60;
    t.update_settings(&t.admin, &s).unwrap();
    t.hold_cylinder(&t.admin, leaking[0].id, Some(HoldReason::Leaking), "hiss at the valve").unwrap();
    let queue = t.fifo_queue(&t.admin, DOMESTIC, 10).unwrap();
    assert_eq!(queue.iter().map(|c| c.cylinder_code.as_str()).collect::<Vec<_>>(), vec![good[0].cylinder_code.as_str()]);
    let asha = t.customer("asha");
    let receipt = t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap();
    assert_eq!(receipt.cylinder_code, good[0].cylinder_code);
    let bela = t.customer("bela");
    assert!(matches!(t.book_cylinder(&bela, price_of(&t, DOMESTIC)), Err(Error::OutOfStock)));
    for code in [&due[0].cylinder_code, &leaking[0].cylinder_code] {
        let err = assign(&t, &bela, code, ManualPayment::Free, false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Conflict, "{code}: {err}");
    }
    let attention = t
        .list_cylinders(
            &t.admin,
            &gasdesk_core::model::CylinderFilter { attention: Some(true), ..Default::default() },
            "",
            &Default::default(),
        )
        .unwrap();
    let mut listed: Vec<String> = attention.items.iter().map(|c| c.cylinder_code.clone()).collect();
    listed.sort();
    let mut expected = vec![due[0].cylinder_code.clone(), leaking[0].cylinder_code.clone()];
    expected.sort();
    assert_eq!(listed, expected, "the send-to-plant list");
    assert!(attention.items.iter().any(|c| c.due_for_test && c.test_due_stamp.as_deref() == Some("D-26")));
    // Released, the held one is stock again.
    t.hold_cylinder(&t.admin, leaking[0].id, None, "").unwrap();
    assert_eq!(t.book_cylinder(&bela, price_of(&t, DOMESTIC)).unwrap().cylinder_code, leaking[0].cylinder_code);
    t.assert_sound();
}

#[test]
fn registering_needs_a_valid_future_test_due_stamp() {
    let t = memory_desk();
    for bad in ["", "E-30", "C-2030", "A-20"] {
        let input =
            RegisterCylinders { serials: vec![], count: 1, status: CylinderStatus::Filled, type_id: DOMESTIC, test_due: bad.into() };
        let err = t.register_cylinders(&t.admin, &input).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Invalid, "{bad}");
    }
    let made = stock_of(&t, COMMERCIAL, 1, "c 27");
    assert_eq!((made[0].test_due.as_deref(), made[0].test_due_stamp.as_deref()), (Some("2027-09-30"), Some("C-27")));
    assert_eq!(made[0].type_name, "19 kg commercial");
}

#[test]
fn every_sale_gets_a_gapless_gst_invoice_and_a_refund_a_credit_note_naming_it() {
    let t = memory_desk();
    stock_of(&t, DOMESTIC, 4, "D-35");
    let mut s = t.settings(&t.admin).unwrap();
    s.legal_name = "Sri Lakshmi Gas Agency Pvt Ltd".into();
    s.gstin = "29aagcg1234k1zj".into();
    s.agency_state = "Karnataka (29)".into();
    t.update_settings(&t.admin, &s).unwrap();
    let asha = t.customer("asha");
    let bela = t.customer("bela");
    let first = t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap();
    let invoice = first.document.clone().expect("an invoice");
    assert_eq!(invoice.number, "GD/26-27/000001");
    assert!(invoice.number.len() <= 16, "GST rule 46(b): at most 16 characters");
    assert_eq!(invoice.kind, DocumentKind::Invoice);
    assert_eq!(invoice.seller_gstin, "29AAGCG1234K1ZJ");
    assert_eq!(invoice.consumer_no, first.consumer_no);
    assert!(invoice.consumer_no.starts_with("GD"), "{}", invoice.consumer_no);
    assert_eq!(
        (invoice.taxable.to_string(), invoice.cgst.to_string(), invoice.sgst.to_string()),
        ("₹952.38".into(), "₹23.81".into(), "₹23.81".into())
    );
    assert_eq!((invoice.gst_rate_percent.as_str(), invoice.half_rate_percent.as_str(), invoice.hsn.as_str()), ("5", "2.5", "2711"));
    assert_eq!(invoice.amount_in_words, "One Thousand Rupees Only");
    assert_eq!(invoice.amount_in_words_hi, "एक हज़ार रुपये मात्र", "the same amount for the Hindi view");
    assert_eq!(invoice.copy, DocumentCopy::Original);
    let second = t.book_cylinder(&bela, price_of(&t, DOMESTIC)).unwrap();
    assert_eq!(second.document.as_ref().unwrap().number, "GD/26-27/000002");
    // Printing: the first print is the original, every later one a duplicate.
    assert_eq!(t.print_document(&asha, invoice.id).unwrap().copy, DocumentCopy::Original);
    assert_eq!(t.print_document(&asha, invoice.id).unwrap().copy, DocumentCopy::Duplicate);
    assert_eq!(t.receipt(&asha, first_booking_id(&first)).unwrap().document.unwrap().copy, DocumentCopy::Duplicate);
    assert!(t.print_document(&bela, invoice.id).is_err(), "another customer's bill is not theirs to print");
    // Staff cancel the first sale: a credit note names its invoice; the numbers stay.
    t.cancel_booking(&t.admin, first_booking_id(&first), "customer returned it unused").unwrap();
    let documents = t.booking_documents(&t.admin, first_booking_id(&first)).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[1].kind, DocumentKind::CreditNote);
    assert_eq!(documents[1].number, "CN/26-27/000001");
    assert_eq!(documents[1].refers_to_number.as_deref(), Some("GD/26-27/000001"));
    assert_eq!(documents[1].total, invoice.total);
    assert_eq!(documents[1].refers_to_date, Some(invoice.issued_at), "a credit note names its invoice's date too");
    // A free replacement gets a zero-value delivery note, not an invoice.
    let code = t.fifo_queue(&t.admin, DOMESTIC, 1).unwrap()[0].cylinder_code.clone();
    let free = assign(&t, &bela, &code, ManualPayment::Free, false).unwrap();
    let note = free.document.expect("a delivery note");
    assert_eq!((note.kind, note.number.as_str(), note.total), (DocumentKind::DeliveryNote, "DN/26-27/000001", Money::ZERO));
    // A cash sale is invoiced in the same series.
    let code = t.fifo_queue(&t.admin, DOMESTIC, 1).unwrap()[0].cylinder_code.clone();
    let cash = assign(&t, &asha, &code, ManualPayment::Cash, false).unwrap();
    assert_eq!(cash.document.unwrap().number, "GD/26-27/000003");
    t.assert_sound();
}

fn first_booking_id(receipt: &gasdesk_core::model::Receipt) -> i64 {
    gasdesk_core::store::parse_booking_reference(&receipt.booking_reference).unwrap()
}

#[test]
fn an_issued_document_cannot_be_deleted_renumbered_or_skipped() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    stock_of(&t, DOMESTIC, 1, "D-35");
    let asha = t.customer("asha");
    t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap();
    drop(t);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert!(conn.execute("DELETE FROM sale_documents", []).is_err());
    assert!(conn.execute("UPDATE sale_documents SET total_paise = 1, taxable_paise = 1, cgst_paise = 0, sgst_paise = 0", []).is_err());
    let skipped = conn.execute(
        "INSERT INTO sale_documents (kind, financial_year, seq, number, booking_id, issued_at, seller_name, seller_address, seller_gstin,
             seller_state, customer_name, consumer_no, customer_address, type_name, hsn, gst_rate_bp, cylinder_code, total_paise,
             taxable_paise, cgst_paise, sgst_paise)
         SELECT 'Invoice', financial_year, 3, 'GD/x/3', booking_id, issued_at, '', '', '', '', '', '', '', '', '2711', 500, '', 0, 0, 0, 0
         FROM sale_documents",
        [],
    );
    assert!(skipped.unwrap_err().to_string().contains("gapless"));
}

#[test]
fn cylinder_types_are_validated_and_a_new_one_can_be_sold() {
    let t = memory_desk();
    let input = |name: &str, rupees: i64, rate: i64| CylinderTypeInput {
        name: name.into(),
        category: CylinderCategory::Commercial,
        price: Money::from_rupees(rupees),
        gst_rate_bp: rate,
        hsn: "2711".into(),
        active: true,
    };
    assert_eq!(
        t.save_cylinder_type(&t.admin, None, &input("14.2 KG DOMESTIC", 900, 500)).unwrap_err().code(),
        ErrorCode::Invalid,
        "names are unique without case"
    );
    assert_eq!(
        t.save_cylinder_type(&t.admin, None, &input("47.5 kg", 900, 5000)).unwrap_err().code(),
        ErrorCode::Invalid,
        "rate above 28 %"
    );
    let big = t.save_cylinder_type(&t.admin, None, &input("47.5 kg commercial", 4250, 1800)).unwrap();
    let hotel = t.customer("hotel");
    t.set_connection(&t.admin, customer_id(&hotel), big.id, 4).unwrap();
    stock_of(&t, big.id, 1, "A-30");
    let receipt = t.book_cylinder_of_type(&hotel, Some(big.id), Money::from_rupees(4250)).unwrap();
    let doc = receipt.document.unwrap();
    assert_eq!((doc.gst_rate_percent.as_str(), doc.type_name.as_str()), ("18", "47.5 kg commercial"));
    assert_eq!(doc.taxable.paise() + doc.cgst.paise() + doc.sgst.paise(), 425_000);
    let customer = t.customer("deepa");
    // With two connections, the customer says which one to refill.
    t.set_connection(&t.admin, customer_id(&customer), big.id, 1).unwrap();
    assert_eq!(t.book_cylinder(&customer, Money::from_rupees(4250)).unwrap_err().code(), ErrorCode::Invalid);
    t.assert_sound();
}

mod properties {
    //! Random sequences over types, connections and holds: after every step every invariant
    //! holds (integrity check), nobody holds more of a type than their connection allows, and a
    //! booking hands out the FIFO head of its own type among cylinders that may be handed out.
    use super::*;
    use gasdesk_core::model::{CylinderFilter, PageRequest};
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Book { customer: usize, type_id: i64 },
        Free { customer: usize, pick: usize },
        Hold(usize),
        Release(usize),
        Register { type_id: i64, due: bool },
        RefillAll,
        MarkEmpty(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..3usize, 1..3i64).prop_map(|(customer, type_id)| Op::Book { customer, type_id }),
            1 => (0..3usize, 0..12usize).prop_map(|(customer, pick)| Op::Free { customer, pick }),
            1 => (0..12usize).prop_map(Op::Hold),
            1 => (0..12usize).prop_map(Op::Release),
            1 => (1..3i64, any::<bool>()).prop_map(|(type_id, due)| Op::Register { type_id, due }),
            1 => Just(Op::RefillAll),
            1 => (0..12usize).prop_map(Op::MarkEmpty),
        ]
    }

    fn all(t: &TestDesk) -> Vec<Cylinder> {
        t.list_cylinders(&t.admin, &CylinderFilter::default(), "", &PageRequest::first(200)).unwrap().items
    }

    /// What FIFO must hand out of a type, from the inventory list, not the store's FIFO query.
    fn expected_head(t: &TestDesk, type_id: i64) -> Option<String> {
        all(t)
            .into_iter()
            .filter(|c| c.type_id == type_id && c.status == CylinderStatus::Filled && !c.reserved && c.hold.is_none() && !c.due_for_test)
            .min_by_key(|c| (c.filled_at, c.id))
            .map(|c| c.cylinder_code)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn types_allowances_and_holds_stay_sound(ops in prop::collection::vec(op(), 1..40)) {
            let t = memory_desk();
            stock_of(&t, DOMESTIC, 2, "D-35");
            stock_of(&t, FIVE_KG, 2, "D-35");
            // c0: single-bottle 14.2 kg; c1: double-bottle 14.2 kg and 5 kg; c2: 5 kg only (its
            // 14.2 kg connection is the one every customer starts with, allowance 1).
            let customers: Vec<Actor> = (0..3).map(|i| t.customer(&format!("prop{i}"))).collect();
            t.set_connection(&t.admin, customer_id(&customers[1]), DOMESTIC, 2).unwrap();
            t.set_connection(&t.admin, customer_id(&customers[1]), FIVE_KG, 1).unwrap();
            t.set_connection(&t.admin, customer_id(&customers[2]), FIVE_KG, 2).unwrap();
            for op in ops {
                t.clock.advance(Duration::seconds(1));
                match &op {
                    Op::Book { customer, type_id } => {
                        let expected = expected_head(&t, *type_id);
                        match t.book_cylinder_of_type(&customers[*customer], Some(*type_id), price_of(&t, *type_id)) {
                            Ok(receipt) => prop_assert_eq!(Some(receipt.cylinder_code), expected, "FIFO of the type"),
                            Err(Error::OutOfStock) => prop_assert_eq!(expected, None),
                            Err(Error::NoConnectionOfType) => prop_assert!(*customer == 0 && *type_id == FIVE_KG, "only c0 lacks a 5 kg connection"),
                            Err(e) => prop_assert!(false, "unexpected {e:?}"),
                        }
                    }
                    Op::Free { customer, pick } => {
                        let filled: Vec<Cylinder> = all(&t).into_iter().filter(|c| c.status == CylinderStatus::Filled).collect();
                        if let Some(c) = filled.get(pick % filled.len().max(1)) {
                            let result = assign(&t, &customers[*customer], &c.cylinder_code, ManualPayment::Free, false);
                            let unsafe_to_hand_out = c.hold.is_some() || c.due_for_test || c.reserved;
                            let no_connection = *customer == 0 && c.type_id == FIVE_KG;
                            let may = !(unsafe_to_hand_out || no_connection);
                            prop_assert_eq!(result.is_ok(), may, "{:?} -> {:?}", c, result.err());
                        }
                    }
                    Op::Hold(k) | Op::Release(k) => {
                        let list = all(&t);
                        if let Some(c) = list.get(k % list.len().max(1)) {
                            let hold = matches!(op, Op::Hold(_)).then_some(HoldReason::Defective);
                            let result = t.hold_cylinder(&t.admin, c.id, hold, "prop");
                            prop_assert_eq!(result.is_ok(), hold.is_none() || c.status != CylinderStatus::Assigned, "{:?}", c);
                        }
                    }
                    Op::Register { type_id, due } => {
                        // The clock is Nov 2026: D-26 is inside the 30-day margin.
                        stock_of(&t, *type_id, 1, if *due { "D-26" } else { "B-31" });
                    }
                    Op::RefillAll => {
                        t.refill_all_empty(&t.admin).unwrap();
                    }
                    Op::MarkEmpty(k) => {
                        let list = all(&t);
                        if let Some(c) = list.get(k % list.len().max(1)) {
                            t.mark_cylinders(&t.admin, &[c.id], CylinderStatus::Empty).unwrap();
                        }
                    }
                }
                let problems = t.db().integrity_problems().unwrap();
                prop_assert!(problems.is_empty(), "after {:?}: {:?}", op, problems);
                for customer in &customers {
                    for connection in t.customer_connections(&t.admin, customer_id(customer)).unwrap() {
                        prop_assert!(connection.held <= connection.allowance, "{:?}", connection);
                    }
                }
            }
        }
    }
}

#[test]
fn neither_a_held_back_nor_a_test_due_empty_is_refilled() {
    let t = memory_desk();
    // The test clock is 2 Nov 2026: with a 60-day margin, D-26 (31 Dec 2026) is due.
    let mut s = t.settings(&t.admin).unwrap();
    s.test_due_margin_days = 60;
    t.update_settings(&t.admin, &s).unwrap();
    let due = stock_of(&t, DOMESTIC, 1, "D-26");
    let leaking = stock_of(&t, DOMESTIC, 1, "D-35");
    let fine = stock_of(&t, DOMESTIC, 1, "D-35");
    for c in [&due[0], &leaking[0], &fine[0]] {
        t.mark_cylinders(&t.admin, &[c.id], CylinderStatus::Empty).unwrap();
    }
    t.hold_cylinder(&t.admin, leaking[0].id, Some(HoldReason::Leaking), "hiss").unwrap();
    // One by one: each refused with why.
    let outcome = t.mark_cylinders(&t.admin, &[due[0].id, leaking[0].id], CylinderStatus::Filled).unwrap();
    assert_eq!(outcome.changed, 0, "{outcome:?}");
    assert!(outcome.skipped[0].contains("due for its test") && outcome.skipped[1].contains("held back"), "{outcome:?}");
    // All at once: only the one that may be filled.
    assert_eq!(t.refill_all_empty(&t.admin).unwrap(), 1);
    assert_eq!(t.cylinder(&fine[0].cylinder_code).status, CylinderStatus::Filled);
    assert_eq!(t.cylinder(&due[0].cylinder_code).status, CylinderStatus::Empty);
    assert_eq!(t.cylinder(&leaking[0].cylinder_code).status, CylinderStatus::Empty);
    t.assert_sound();
}

#[test]
fn at_the_cap_just_before_april_the_next_date_also_keeps_the_gap() {
    let t = memory_desk();
    stock_of(&t, DOMESTIC, 3, "D-35");
    rules_on(&t, 25, 1);
    // The test clock starts on 2 Nov 2026; move to 20 Mar 2027.
    t.clock.advance(Duration::days(138));
    let asha = t.customer("asha");
    t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap();
    let err = t.book_cylinder(&asha, price_of(&t, DOMESTIC)).unwrap_err();
    assert!(err.to_string().contains("from 14 Apr 2027"), "the cap ends on 1 April, the gap on 14 April: {err}");
    assert_eq!(t.customer_home(&asha).unwrap().connections[0].next_refill_from.as_deref(), Some("2027-04-14"));
}

#[test]
fn a_typed_consumer_number_may_not_take_one_gasdesk_makes() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let input = gasdesk_core::model::NewCustomerInput {
        username: "bela".into(),
        consumer_no: "gd00000045".into(),
        type_id: DOMESTIC,
        allowance: 1,
        full_name: "Bela".into(),
        email: String::new(),
        phone: String::new(),
        address: String::new(),
        password: CUSTOMER_PASSWORD.into(),
    };
    assert_eq!(t.create_customer(&t.admin, &input).unwrap_err().code(), ErrorCode::Invalid);
    let typed = t.create_customer(&t.admin, &gasdesk_core::model::NewCustomerInput { consumer_no: "7100452391".into(), ..input }).unwrap();
    assert_eq!(typed.consumer_no, "7100452391");
    // Editing keeps a customer's own generated number, and refuses another one of that form.
    let own = t.desk.customer(&t.admin, customer_id(&asha)).unwrap();
    let fields = |consumer_no: &str| gasdesk_core::model::CustomerFields {
        consumer_no: consumer_no.into(),
        full_name: own.full_name.clone(),
        email: String::new(),
        phone: String::new(),
        address: String::new(),
    };
    assert_eq!(t.update_customer(&t.admin, own.id, &fields(&own.consumer_no)).unwrap().consumer_no, own.consumer_no);
    assert_eq!(t.update_customer(&t.admin, own.id, &fields("GD99999999")).unwrap_err().code(), ErrorCode::Invalid);
}

#[test]
fn the_dashboard_says_when_invoices_lack_the_seller_and_which_cylinders_have_no_test_date() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    stock_of(&t, DOMESTIC, 2, "D-35");
    assert!(t.dashboard(&t.admin).unwrap().seller_details_missing, "a new agency has no GSTIN yet");
    let mut s = t.settings(&t.admin).unwrap();
    s.legal_name = "Sri Lakshmi Gas Agency Pvt Ltd".into();
    s.agency_address = "12 Station Road, Bengaluru".into();
    s.gstin = "29AAGCG1234K1ZJ".into();
    s.agency_state = "Karnataka (29)".into();
    t.update_settings(&t.admin, &s).unwrap();
    assert!(!t.dashboard(&t.admin).unwrap().seller_details_missing);
    // A cylinder from before GasDesk kept test dates (as the upgrade leaves them).
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("UPDATE cylinders SET test_due = NULL WHERE id = (SELECT min(id) FROM cylinders)", [])
        .unwrap();
    let dashboard = t.dashboard(&t.admin).unwrap();
    assert_eq!(dashboard.stock_by_type[0].undated, 1);
    assert_eq!(dashboard.stock_by_type[1].undated, 0, "a type with no cylinders counts none");
    let undated = gasdesk_core::model::CylinderFilter { undated: Some(true), ..Default::default() };
    let listed = t.list_cylinders(&t.admin, &undated, "", &Default::default()).unwrap();
    assert_eq!(listed.items.len(), 1);
    let recorded = t.set_test_due(&t.admin, listed.items[0].id, "B-29").unwrap();
    assert_eq!(recorded.test_due_stamp.as_deref(), Some("B-29"));
    assert!(t.list_cylinders(&t.admin, &undated, "", &Default::default()).unwrap().items.is_empty());
}
