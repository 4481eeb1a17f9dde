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

    let mut left = size.cylinders;
    while left > 0 {
        let count = left.min(500);
        desk.register_cylinders(&admin, &RegisterCylinders { serials: vec![], count, status: CylinderStatus::Filled })?;
        left -= count;
        tick(desk, progress, "cylinders", u64::from(size.cylinders - left), u64::from(size.cylinders))?;
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
            Err(Error::OutOfStock) => {}
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
        if desk.fifo_queue(&admin, 1)?.is_empty() {
            desk.refill_all_empty(&admin)?;
        }
        desk.reserve(last, last_id(last), desk.public_settings()?.price)?;
    }

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
    // A customer already at the open-complaint limit is refused (Conflict), as at a kiosk: the
    // next customer files this one instead.
    let (customer, complaint) = loop {
        let customer = &customers[k % customers.len()];
        match desk.file_complaint(customer, issue, text) {
            Ok(complaint) => break (customer, complaint),
            Err(Error::Conflict(_)) if k + 1 < first + customers.len() => k += 1,
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
    let shown = desk.public_settings()?.price;
    match desk.book_cylinder(customer, shown) {
        Err(Error::OutOfStock) => {
            desk.refill_all_empty(admin)?;
            desk.book_cylinder(customer, shown)
        }
        other => other,
    }
}

fn assign_by_hand(desk: &Desk, admin: &Actor, customer: &Actor, i: usize) -> Result<()> {
    if desk.fifo_queue(admin, 1)?.is_empty() {
        desk.refill_all_empty(admin)?;
    }
    let Some(cylinder) = desk.fifo_queue(admin, 1)?.into_iter().next() else {
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
        &ManualAssignment { customer_id: *id, cylinder_code: cylinder.cylinder_code, payment, reason: reason.into() },
    )?;
    Ok(())
}
