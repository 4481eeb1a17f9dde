//! What must hold in the office's books after kiosks booked through the server, whatever
//! happened on the way: no cylinder given twice, every receipt a kiosk showed is one Completed
//! booking with its payment, every Completed booking was heard of by its kiosk, nothing left
//! Pending or reserved, and `gasdesk check` passes. With the ledger gateway, also: every charge
//! the gateway made is one Completed booking (or a refunded cancelled one), never two charges
//! for one booking or one key.
use crate::harness::{assert_check_passes, Agency};
use crate::kiosks::Report;
use std::collections::{BTreeMap, BTreeSet};

/// One booking row with its payment, as the books hold it.
#[derive(Debug)]
pub struct Row {
    pub id: i64,
    pub customer: String,
    /// The key as the kiosk sent it (the office stores it scoped to the device, `d<id>-<key>`).
    pub key: Option<String>,
    /// The paired device whose key it was.
    pub device: Option<i64>,
    pub status: String,
    pub cylinder: String,
    pub payment: Option<String>,
    pub order_ref: Option<String>,
    pub gateway_ref: Option<String>,
}

pub fn rows(agency: &Agency) -> Vec<Row> {
    let conn = agency.sql();
    let mut statement = conn
        .prepare(
            "SELECT b.id, u.username, b.idempotency_key, b.status, c.code, p.status, p.order_ref, p.gateway_ref
             FROM bookings b JOIN users u ON u.id = b.user_id JOIN cylinders c ON c.id = b.cylinder_id
             LEFT JOIN payments p ON p.booking_id = b.id ORDER BY b.id",
        )
        .expect("the query");
    let rows = statement
        .query_map([], |r| {
            let stored_key: Option<String> = r.get(2)?;
            Ok(Row {
                id: r.get(0)?,
                customer: r.get(1)?,
                key: stored_key.as_deref().map(|k| unscoped(k).1.to_owned()),
                device: stored_key.as_deref().and_then(|k| unscoped(k).0),
                status: r.get(3)?,
                cylinder: r.get(4)?,
                payment: r.get(5)?,
                order_ref: r.get(6)?,
                gateway_ref: r.get(7)?,
            })
        })
        .expect("rows");
    rows.collect::<Result<_, _>>().expect("readable rows")
}

/// A stored key's device and the key the kiosk sent (`d<device id>-<key>`); a key stored
/// without a device scope (the office window's) has no device.
fn unscoped(stored: &str) -> (Option<i64>, &str) {
    let scoped = stored.strip_prefix('d').and_then(|rest| rest.split_once('-')).and_then(|(id, key)| Some((id.parse().ok()?, key)));
    match scoped {
        Some((device, key)) => (Some(device), key),
        None => (None, stored),
    }
}

/// The checks every LAN booking test ends with. `before` is how many bookings the agency had
/// before the kiosks started (made at the office, without keys).
pub fn assert_sound(agency: &Agency, reports: &[Report], before: usize) {
    assert_check_passes(&agency.db);
    assert_eq!(agency.count("SELECT count(*) FROM bookings WHERE status = 'Pending'"), 0, "nothing left Pending");
    assert_eq!(agency.count("SELECT count(*) FROM cylinders WHERE reserved_by IS NOT NULL"), 0, "no cylinder left reserved");
    let rows = rows(agency);
    let new: Vec<&Row> = rows.iter().skip(before).collect();

    // No cylinder given twice: each Completed booking has a cylinder of its own.
    let completed: Vec<&&Row> = new.iter().filter(|r| r.status == "Completed").collect();
    let cylinders: BTreeSet<&str> = completed.iter().map(|r| r.cylinder.as_str()).collect();
    assert_eq!(cylinders.len(), completed.len(), "a cylinder given to two bookings: {completed:#?}");
    for row in &new {
        let paid = row.payment.as_deref() == Some("Success");
        assert_eq!(row.status == "Completed", paid, "Completed exactly when paid: {row:?}");
    }

    // Every receipt a kiosk showed is one Completed booking of that customer, under its key.
    let by_key: BTreeMap<&str, &&Row> = new.iter().filter_map(|r| r.key.as_deref().map(|k| (k, r))).collect();
    let mut heard = 0;
    for report in reports {
        for booked in &report.booked {
            let row = by_key.get(booked.key.as_str()).unwrap_or_else(|| panic!("no booking under the key of {booked:?}"));
            assert_eq!(row.status, "Completed", "{booked:?}: {row:?}");
            assert!(row.device.is_some(), "a kiosk PC's key is stored scoped to its device: {row:?}");
            assert_eq!(row.customer, report.customer, "{booked:?}: {row:?}");
            assert_eq!(row.cylinder, booked.cylinder, "{booked:?}: {row:?}");
            assert_eq!(row.gateway_ref.as_deref(), Some(booked.payment_ref.as_str()), "{booked:?}: {row:?}");
            assert_eq!(gasdesk_core::store::booking_reference(row.id), booked.booking_ref, "{booked:?}: {row:?}");
            heard += 1;
        }
        // A key refused never became a Completed booking.
        for (key, code, _) in &report.refused {
            if let Some(row) = by_key.get(key.as_str()) {
                assert_ne!(row.status, "Completed", "{key} was refused ({code}) yet completed: {row:?}");
            }
        }
        let keys = report.settled_keys();
        assert_eq!(keys.len(), keys.iter().collect::<BTreeSet<_>>().len(), "one answer per key: {report:#?}");
    }
    // ... and every Completed booking was heard of by the kiosk that made it.
    assert_eq!(completed.len(), heard, "Completed bookings no kiosk heard of: {completed:#?}");
}

/// With the ledger gateway: every charge is one payment, Success on a Completed booking or
/// Refunded on a Cancelled one; each Success payment is a charge; no key charged twice.
pub fn assert_charges_match(agency: &Agency) {
    let ledger = agency.ledger();
    let orders: BTreeSet<&str> = ledger.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(orders.len(), ledger.len(), "one order charged twice: {ledger:#?}");
    let rows = rows(agency);
    let by_order: BTreeMap<&str, &Row> = rows.iter().filter_map(|r| r.order_ref.as_deref().map(|o| (o, r))).collect();
    for (order_ref, gateway_ref) in &ledger {
        let row = by_order.get(order_ref.as_str()).unwrap_or_else(|| panic!("a charge with no payment row: {order_ref}"));
        let settled = (row.status.as_str(), row.payment.as_deref());
        assert!(
            settled == ("Completed", Some("Success")) || settled == ("Cancelled", Some("Refunded")),
            "charge {order_ref} is {settled:?}: {row:?}"
        );
        if row.payment.as_deref() == Some("Success") {
            assert_eq!(row.gateway_ref.as_deref(), Some(gateway_ref.as_str()), "{row:?}");
        }
    }
    for row in rows.iter().filter(|r| r.payment.as_deref() == Some("Success") && r.key.is_some()) {
        let order = row.order_ref.as_deref().unwrap_or_default();
        assert!(orders.contains(order), "a Success payment the gateway never charged: {row:?}");
    }
}
