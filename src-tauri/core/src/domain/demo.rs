//! The demo database: staff, customers, cylinders in every state, bookings, payments and
//! complaints of every status — all made through the same operations the app uses, so the
//! demo can contain nothing the rules could not have produced.
use super::gateway::{calling_razorpay, Charge, ChargeRequest, GatewayError, PaymentGateway};
use super::{passwords, Actor, Clock, Desk, DeskConfig, PasswordCost};
use crate::error::{Error, Result};
use crate::model::{
    ComplaintStatus, CylinderStatus, IssueType, ManualAssignment, ManualPayment, Money, NewCustomerInput, RegisterCylinders, Timestamp,
};
use crate::store::Db;
use chrono::{Duration, Utc};
use std::path::Path;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

pub const STAFF_USERNAME: &str = "admin";
pub const STAFF_PASSWORD: &str = "admin12345";
pub const CUSTOMER_PASSWORD: &str = "pass1234";

#[derive(Debug, Clone, Copy)]
pub struct DemoSize {
    pub customers: u32,
    pub cylinders: u32,
    pub bookings: u32,
    pub complaints: u32,
}

impl Default for DemoSize {
    fn default() -> Self {
        DemoSize { customers: 40, cylinders: 120, bookings: 150, complaints: 30 }
    }
}

#[derive(Debug, Default, Clone)]
pub struct DemoSummary {
    pub customers: u32,
    pub cylinders: u32,
    pub bookings_completed: u32,
    pub bookings_failed: u32,
    pub bookings_cancelled_by_staff: u32,
    pub complaints: u32,
}

/// The demo's history runs from `start` to now: the generator moves this clock forward as it
/// goes (each reading also moves it on by a millisecond, so events keep their order).
struct DemoClock {
    start: Timestamp,
    span: Duration,
    millis: AtomicI64,
}

impl DemoClock {
    /// Moves the clock to `done / total` of the way from the start to now (never backwards).
    fn move_to(&self, done: u64, total: u64) {
        let fraction = if total == 0 { 1.0 } else { done as f64 / total as f64 };
        let target = (self.start + Duration::milliseconds((self.span.num_milliseconds() as f64 * fraction) as i64)).timestamp_millis();
        self.millis.fetch_max(target, Ordering::Relaxed);
    }
}

impl Clock for DemoClock {
    fn now(&self) -> Timestamp {
        let millis = self.millis.fetch_add(1, Ordering::Relaxed);
        chrono::DateTime::from_timestamp_millis(millis).unwrap_or(self.start).min(Utc::now())
    }
}

/// The Razorpay mock, except that it declines every 12th order, so the demo has failed
/// payments and the bookings they cancelled.
struct DemoGateway;

impl PaymentGateway for DemoGateway {
    fn name(&self) -> &'static str {
        "demo"
    }
    fn charge(&self, request: &ChargeRequest<'_>) -> std::result::Result<Charge, GatewayError> {
        let n: u64 = request.order_ref.trim_start_matches(|c: char| !c.is_ascii_digit()).parse().unwrap_or(0);
        if n % 12 == 5 {
            return Err(GatewayError::Declined("insufficient funds".into()));
        }
        calling_razorpay(request)
    }
    fn find_charge(&self, _order_ref: &str) -> std::result::Result<Option<Charge>, GatewayError> {
        Ok(None)
    }
    fn refund(&self, _charge: &Charge, _amount: Money, _refund_key: &str) -> std::result::Result<(), GatewayError> {
        Ok(())
    }
}

const FIRST_NAMES: &[&str] = &[
    "Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Meera", "Arjun", "Kavya", "Rohan", "Sneha", "Karthik", "Divya", "Suresh", "Lakshmi",
    "Imran", "Fatima",
];
const LAST_NAMES: &[&str] = &["Sharma", "Iyer", "Patel", "Reddy", "Nair", "Singh", "Gupta", "Menon", "Khan", "Das", "Joshi", "Rao"];
const STREETS: &[&str] = &["MG Road", "Station Road", "Gandhi Nagar", "Nehru Street", "Temple Lane", "Lake View Colony"];
const COMPLAINTS: &[(IssueType, &str)] = &[
    (IssueType::GasLeak, "Smell of gas near the regulator after connecting the new cylinder."),
    (IssueType::BillingIssue, "I was shown the old price on the receipt; please check."),
    (IssueType::RegulatorIssue, "The regulator knob is stiff and does not turn fully."),
    (IssueType::Other, "Please call before delivery; the gate is locked in the afternoon."),
    (IssueType::BillingIssue, "Paid twice? My bank shows two messages for one booking."),
    (IssueType::Other, "Cylinder seal was loose <b>not tampered</b> — just letting you know."),
];

/// Reports progress: (stage, done, total).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

/// Operations between two commits of the bulk load.
const COMMIT_EVERY: u64 = 5_000;

/// Creates a demo database at `path` (which must not hold data yet). Runs as a bulk load
/// (see `Db::begin_bulk`): the same operations and rules, without an fsync per operation.
pub fn create(path: &Path, size: &DemoSize, cost: PasswordCost, progress: Progress<'_>) -> Result<DemoSummary> {
    let db = Db::open(path)?;
    if db.read(|r| Ok(r.staff_count()? + r.customer_count()? + r.cylinder_count()?))? > 0 {
        return Err(Error::Conflict(format!("{} already holds data; give a new file for the demo.", path.display())));
    }
    let span = Duration::days(if size.bookings > 10_000 { 730 } else { 30 });
    let start = Utc::now() - span;
    let clock = Arc::new(DemoClock { start, span, millis: AtomicI64::new(start.timestamp_millis()) });
    let desk = Desk::new(db, Arc::new(DemoGateway)).with_clock(clock.clone()).with_config(DeskConfig { password_cost: cost });
    desk.db().begin_bulk()?;
    let summary = seed(&desk, &clock, size, progress);
    desk.db().end_bulk()?;
    summary
}

/// Commits the bulk load every `COMMIT_EVERY` steps and reports progress.
fn tick(desk: &Desk, progress: &mut dyn FnMut(&str, u64, u64), stage: &str, done: u64, total: u64) -> Result<()> {
    if done.is_multiple_of(COMMIT_EVERY) || done == total {
        desk.db().commit_bulk()?;
        progress(stage, done, total);
    }
    Ok(())
}

fn seed(desk: &Desk, clock: &DemoClock, size: &DemoSize, progress: Progress<'_>) -> Result<DemoSummary> {
    let mut summary = DemoSummary::default();
    let admin = desk.set_up_first_staff(STAFF_USERNAME, "Agency Admin", STAFF_PASSWORD)?;
    desk.add_staff(&admin, "counter", "Counter Clerk", "counter123")?;

    set_up_the_trade(desk, &admin)?;
    // Most stock is 14.2 kg domestic; a tenth 5 kg, a twentieth 19 kg commercial. Test-due
    // stamps spread over the next years, as a real yard's are.
    let mut left = size.cylinders;
    let mut batch = 0u32;
    while left > 0 {
        let count = left.min(500);
        let type_id = match batch % 20 {
            3 | 13 => FIVE_KG,
            7 => COMMERCIAL,
            _ => DOMESTIC,
        };
        let test_due = format!("{}-{}", ['A', 'B', 'C', 'D'][batch as usize % 4], 28 + batch % 4);
        desk.register_cylinders(&admin, &RegisterCylinders { serials: vec![], count, status: CylinderStatus::Filled, type_id, test_due })?;
        left -= count;
        batch += 1;
        tick(desk, progress, "cylinders", u64::from(size.cylinders - left), u64::from(size.cylinders))?;
    }
    if size.cylinders < 2000 {
        // A small demo shows every type in stock and the "due for test / held back" list.
        desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: 12, status: CylinderStatus::Filled, type_id: FIVE_KG, test_due: "B-29".into() },
        )?;
        desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: 8, status: CylinderStatus::Filled, type_id: COMMERCIAL, test_due: "C-30".into() },
        )?;
        let due_soon = crate::model::test_due_stamp(crate::model::india_date(desk.now()) + Duration::days(20));
        desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: 3, status: CylinderStatus::Filled, type_id: DOMESTIC, test_due: due_soon },
        )
        .or_else(|_| Ok::<_, Error>(Vec::new()))?;
        let leaking = desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: 2, status: CylinderStatus::Empty, type_id: DOMESTIC, test_due: "D-29".into() },
        )?;
        if let Some(first) = leaking.first() {
            desk.hold_cylinder(&admin, first.id, Some(crate::model::HoldReason::Leaking), "Valve leaks when the cap is off")?;
        }
        if let Some(second) = leaking.get(1) {
            desk.hold_cylinder(&admin, second.id, Some(crate::model::HoldReason::Defective), "Dented foot ring")?;
        }
    }
    summary.cylinders = size.cylinders;

    // One hash for every demo customer: they share a password, and hashing each would make a
    // large demo take hours. Each real customer gets their own salt.
    let hash = passwords::hash(CUSTOMER_PASSWORD, desk.config.password_cost)?;
    let mut customers = Vec::with_capacity(size.customers as usize);
    for i in 1..=size.customers {
        let first = FIRST_NAMES[i as usize % FIRST_NAMES.len()];
        let last = LAST_NAMES[(i as usize / FIRST_NAMES.len()) % LAST_NAMES.len()];
        let input = NewCustomerInput {
            username: format!("customer{i}"),
            consumer_no: String::new(),
            type_id: DOMESTIC,
            allowance: if i % 5 == 0 { 2 } else { 1 },
            full_name: format!("{first} {last}"),
            email: format!("customer{i}@example.com"),
            phone: format!("98{:08}", 40_000_000 + i),
            address: format!("{} {}, Bengaluru", i % 200 + 1, STREETS[i as usize % STREETS.len()]),
            password: String::new(),
        };
        let customer = desk.create_customer_with_hash(&admin, &input, &hash)?;
        customers.push(Actor::Customer { id: customer.id, username: customer.username });
        tick(desk, progress, "customers", u64::from(i), u64::from(size.customers))?;
    }
    summary.customers = size.customers;
    if customers.is_empty() {
        return Ok(summary);
    }
    // Some households also have a 5 kg connection.
    for (i, customer) in customers.iter().enumerate().filter(|(i, _)| i % 9 == 4) {
        let _ = i;
        desk.set_connection(&admin, last_id(customer), FIVE_KG, 1)?;
    }
    // The demo's history is generated faster than the refill rules allow: off while it is.
    desk.set_refill_rules(&admin, 0, 1_000_000)?;

    // Only as many customers as stock allows can hold a cylinder at once: bookings come from
    // the first three quarters of that many (the rest registered but not buying yet).
    let active = customers.len().min((size.cylinders as usize * 3 / 4).max(1));
    let (bookings, complaints) = (u64::from(size.bookings), u64::from(size.complaints));
    let mut filed = 0u64;
    for i in 0..size.bookings as usize {
        tick(desk, progress, "bookings", i as u64, bookings)?;
        clock.move_to(i as u64, bookings);
        // Complaints come in along the way, in proportion.
        while filed < complaints * (i as u64 + 1) / bookings {
            file_demo_complaint(desk, &admin, &customers, filed as usize)?;
            filed += 1;
        }
        let customer = &customers[(i * 7919) % active];
        if i % 15 == 14 {
            assign_by_hand(desk, &admin, customer, i)?;
            summary.bookings_completed += 1;
            continue;
        }
        match book_with_restock(desk, &admin, customer) {
            Ok(receipt) => {
                summary.bookings_completed += 1;
                if i % 25 == 24 {
                    let id = crate::store::parse_booking_reference(&receipt.booking_reference).unwrap_or(0);
                    desk.cancel_booking(&admin, id, "Customer changed their mind at the counter")?;
                    summary.bookings_cancelled_by_staff += 1;
                }
            }
            Err(Error::PaymentFailed { .. }) => summary.bookings_failed += 1,
            Err(Error::OutOfStock | Error::RefillRule { .. }) => {}
            Err(e) => return Err(e),
        }
    }
    tick(desk, progress, "bookings", bookings, bookings)?;
    clock.move_to(1, 1);
    // Some returned cylinders stay Empty, as they would between refill runs.
    if let Some(first) = customers.first() {
        let _ = book_with_restock(desk, &admin, first);
    }

    // One booking caught mid-payment, as a kiosk would leave it for a moment. If nobody
    // finishes it, its lease lapses and the next start-up reconciles it.
    if let Some(last) = customers.last() {
        if desk.fifo_queue(&admin, DOMESTIC, 1)?.is_empty() {
            desk.refill_all_empty(&admin)?;
        }
        let price = domestic_price(desk)?;
        let _ = desk.reserve(last, last_id(last), Some(DOMESTIC), price);
    }
    desk.set_refill_rules(&admin, 25, 15)?;
    named_households(desk, &admin, &hash)?;

    while filed < complaints {
        file_demo_complaint(desk, &admin, &customers, filed as usize)?;
        filed += 1;
    }
    summary.complaints = size.complaints;
    Ok(summary)
}

/// Complaint number `j`: every type, and every status reached the way the app reaches it.
fn file_demo_complaint(desk: &Desk, admin: &Actor, customers: &[Actor], j: usize) -> Result<()> {
    let (issue, text) = COMPLAINTS[j % COMPLAINTS.len()];
    let first = j * 5 + 3;
    let mut k = first;
    // A customer already at the open-complaint limit is refused (TooManyOpenComplaints), as at a kiosk: the
    // next customer files this one instead.
    let (customer, complaint) = loop {
        let customer = &customers[k % customers.len()];
        match desk.file_complaint(customer, issue, text) {
            Ok(complaint) => break (customer, complaint),
            Err(Error::TooManyOpenComplaints { .. }) if k + 1 < first + customers.len() => k += 1,
            Err(e) => return Err(e),
        }
    };
    match j % 4 {
        1 => {
            desk.set_complaint_status(admin, complaint.id, ComplaintStatus::Completed, "Visited and fixed; customer satisfied.")?;
        }
        2 if j % 8 == 2 => {
            desk.cancel_my_complaint(customer, complaint.id)?;
        }
        2 => {
            desk.set_complaint_status(admin, complaint.id, ComplaintStatus::Cancelled, "Duplicate of an earlier complaint.")?;
        }
        _ => {}
    }
    Ok(())
}

fn last_id(actor: &Actor) -> i64 {
    match actor {
        Actor::Customer { id, .. } | Actor::Staff { id, .. } => *id,
        Actor::System => 0,
    }
}

fn book_with_restock(desk: &Desk, admin: &Actor, customer: &Actor) -> Result<crate::model::Receipt> {
    // The demo customer pays the price the pay sheet shows, as a person at the kiosk would.
    let shown = domestic_price(desk)?;
    match desk.book_cylinder_of_type(customer, Some(DOMESTIC), shown) {
        Err(Error::OutOfStock) => {
            desk.refill_all_empty(admin)?;
            desk.book_cylinder_of_type(customer, Some(DOMESTIC), shown)
        }
        other => other,
    }
}

fn assign_by_hand(desk: &Desk, admin: &Actor, customer: &Actor, i: usize) -> Result<()> {
    if desk.fifo_queue(admin, DOMESTIC, 1)?.is_empty() {
        desk.refill_all_empty(admin)?;
    }
    let Some(cylinder) = desk.fifo_queue(admin, DOMESTIC, 1)?.into_iter().next() else {
        return Ok(());
    };
    let Actor::Customer { id, .. } = customer else {
        return Ok(());
    };
    let (payment, reason) = if i.is_multiple_of(2) {
        (ManualPayment::Cash, "Paid cash at the counter")
    } else {
        (ManualPayment::Free, "Replacement for a faulty valve")
    };
    desk.assign_manually(
        admin,
        &ManualAssignment {
            customer_id: *id,
            cylinder_code: cylinder.cylinder_code,
            payment,
            reason: reason.into(),
            override_refill_rules: false,
        },
    )?;
    Ok(())
}

/// The types the first migration makes (ids 1–3).
const DOMESTIC: i64 = 1;
const FIVE_KG: i64 = 2;
const COMMERCIAL: i64 = 3;

fn domestic_price(desk: &Desk) -> Result<Money> {
    desk.cylinder_types()?.into_iter().find(|t| t.id == DOMESTIC).map(|t| t.price).ok_or(Error::NotFound("Cylinder type"))
}

/// The seller's details every invoice prints.
fn set_up_the_trade(desk: &Desk, admin: &Actor) -> Result<()> {
    let mut settings = desk.settings(admin)?;
    settings.agency_name = "Sri Lakshmi Gas Agency".into();
    settings.legal_name = "Sri Lakshmi Gas Agency Private Limited".into();
    settings.agency_address = "12 Station Road, Jayanagar, Bengaluru 560041".into();
    settings.gstin = "29AAGCG1234K1ZJ".into();
    settings.agency_state = "Karnataka (29)".into();
    desk.update_settings(admin, &settings)?;
    Ok(())
}

/// Households the README and the end-to-end tests name: `ravi` has a double-bottle 14.2 kg
/// connection and holds one cylinder (free with his new connection), so he can book a second
/// at a kiosk and then is told when his next refill can be; `hotel` is a commercial customer.
fn named_households(desk: &Desk, admin: &Actor, hash: &str) -> Result<()> {
    let ravi = desk.create_customer_with_hash(
        admin,
        &NewCustomerInput {
            username: "ravi".into(),
            consumer_no: "7100452391".into(),
            type_id: DOMESTIC,
            allowance: 2,
            full_name: "Ravi Kumar".into(),
            email: "ravi@example.com".into(),
            phone: "9845012345".into(),
            address: "44 Temple Lane, Basavanagudi, Bengaluru 560004".into(),
            password: String::new(),
        },
        hash,
    )?;
    let hotel = desk.create_customer_with_hash(
        admin,
        &NewCustomerInput {
            username: "hotel".into(),
            consumer_no: "C-880012".into(),
            type_id: COMMERCIAL,
            allowance: 4,
            full_name: "Hotel Annapoorna".into(),
            email: "accounts@annapoorna.example".into(),
            phone: "8041234567".into(),
            address: "3 MG Road, Bengaluru 560001".into(),
            password: String::new(),
        },
        hash,
    )?;
    for (customer, type_id, reason) in [
        (ravi.id, DOMESTIC, "New double-bottle connection: first cylinder"),
        (hotel.id, COMMERCIAL, "New commercial connection: first cylinder"),
    ] {
        if desk.fifo_queue(admin, type_id, 1)?.is_empty() {
            desk.refill_all_empty(admin)?;
        }
        if let Some(cylinder) = desk.fifo_queue(admin, type_id, 1)?.into_iter().next() {
            desk.assign_manually(
                admin,
                &ManualAssignment {
                    customer_id: customer,
                    cylinder_code: cylinder.cylinder_code,
                    payment: ManualPayment::Free,
                    reason: reason.into(),
                    override_refill_rules: false,
                },
            )?;
        }
    }
    Ok(())
}
