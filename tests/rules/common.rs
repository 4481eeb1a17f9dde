//! Shared test helpers: desks on memory or files, gateways that count, fail or pause,
//! a clock the test moves, and the child-process entry for multi-process tests.
use chrono::{Duration, TimeZone, Utc};
use gasdesk_core::domain::gateway::calling_razorpay;
use gasdesk_core::domain::{Actor, Charge, ChargeRequest, GatewayError, MockRazorpay, PasswordCost, PaymentGateway, Terminal};
use gasdesk_core::model::{Cylinder, CylinderStatus, Money, PageRequest, RegisterCylinders, Timestamp};
use gasdesk_core::store::Db;
use gasdesk_core::{Clock, Desk, DeskConfig};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

pub const STAFF_PASSWORD: &str = "staff-pass-1";
pub const CUSTOMER_PASSWORD: &str = "customer-pass";

pub fn fast() -> DeskConfig {
    DeskConfig { password_cost: PasswordCost::Fast }
}

/// A clock that only moves when the test says so (one microsecond per reading, so that
/// successive events keep their order).
pub struct TestClock {
    micros: AtomicI64,
}

impl TestClock {
    pub fn new() -> Arc<TestClock> {
        let start = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).single().map(|t| t.timestamp_micros()).unwrap_or(0);
        Arc::new(TestClock { micros: AtomicI64::new(start) })
    }
    pub fn advance(&self, by: Duration) {
        self.micros.fetch_add(by.num_microseconds().unwrap_or(0), Ordering::SeqCst);
    }
}

impl Clock for TestClock {
    fn now(&self) -> Timestamp {
        let micros = self.micros.fetch_add(1, Ordering::SeqCst);
        Utc.timestamp_micros(micros).single().unwrap_or_default()
    }
}

type ChargeHook = Box<dyn Fn(&str) + Send>;

/// A gateway whose behaviour the test switches, and which counts what it was asked to do.
#[derive(Default)]
pub struct TestGateway {
    pub fail: AtomicBool,
    pub charges: AtomicUsize,
    pub refunds: AtomicUsize,
    /// When set, the gateway refuses refunds (it is down, or the charge is too old).
    pub refuse_refunds: AtomicBool,
    pub ledger: Mutex<Vec<(String, Charge)>>,
    /// Called during `charge`, before it answers: lets a test act while a payment is in flight.
    pub during_charge: Mutex<Option<ChargeHook>>,
    /// Called once the charge is made and on the gateway's books, before `charge` returns: lets
    /// a test act (or "crash") after the money is taken but before GasDesk hears of it.
    pub after_charged: Mutex<Option<ChargeHook>>,
    /// Refunds on the gateway's books, by their key: asked again with the same key, the gateway
    /// pays nothing more (as Razorpay does with an idempotency key).
    pub refunded_keys: Mutex<Vec<String>>,
    /// How many times the gateway was asked to refund, repeats included.
    pub refund_calls: AtomicUsize,
    /// Called once a refund is paid, before `refund` returns: a "crash" here leaves GasDesk not
    /// knowing the money went back.
    pub after_refunded: Mutex<Option<ChargeHook>>,
}

impl TestGateway {
    pub fn new() -> Arc<TestGateway> {
        Arc::new(TestGateway::default())
    }
    pub fn set_failing(&self, fail: bool) {
        self.fail.store(fail, Ordering::SeqCst);
    }
    pub fn charge_count(&self) -> usize {
        self.charges.load(Ordering::SeqCst)
    }
    pub fn on_charge(&self, f: impl Fn(&str) + Send + 'static) {
        *self.during_charge.lock().unwrap() = Some(Box::new(f));
    }
    pub fn after_charge(&self, f: impl Fn(&str) + Send + 'static) {
        *self.after_charged.lock().unwrap() = Some(Box::new(f));
    }
    pub fn after_refund(&self, f: impl Fn(&str) + Send + 'static) {
        *self.after_refunded.lock().unwrap() = Some(Box::new(f));
    }
}

impl PaymentGateway for TestGateway {
    fn name(&self) -> &'static str {
        "test"
    }
    fn charge(&self, request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        let hook = self.during_charge.lock().unwrap().take();
        if let Some(f) = hook {
            f(request.order_ref);
        }
        if self.fail.load(Ordering::SeqCst) {
            return Err(GatewayError::Declined("test card declined".into()));
        }
        self.charges.fetch_add(1, Ordering::SeqCst);
        let charge = calling_razorpay(request)?;
        self.ledger.lock().unwrap().push((request.order_ref.to_owned(), charge.clone()));
        let hook = self.after_charged.lock().unwrap().take();
        if let Some(f) = hook {
            f(request.order_ref);
        }
        Ok(charge)
    }
    fn find_charge(&self, order_ref: &str) -> Result<Option<Charge>, GatewayError> {
        Ok(self.ledger.lock().unwrap().iter().find(|(o, _)| o == order_ref).map(|(_, c)| c.clone()))
    }
    fn refund(&self, _charge: &Charge, _amount: Money, refund_key: &str) -> Result<(), GatewayError> {
        self.refund_calls.fetch_add(1, Ordering::SeqCst);
        if self.refuse_refunds.load(Ordering::SeqCst) {
            return Err(GatewayError::Unavailable("refunds are down".into()));
        }
        let mut keys = self.refunded_keys.lock().unwrap();
        if !keys.iter().any(|k| k == refund_key) {
            keys.push(refund_key.to_owned());
            self.refunds.fetch_add(1, Ordering::SeqCst);
        }
        drop(keys);
        let hook = self.after_refunded.lock().unwrap().take();
        if let Some(f) = hook {
            f(refund_key);
        }
        Ok(())
    }
}

/// Books at the price the pay sheet would show right now: what a customer who read the price
/// and pressed Pay does. Tests of a changed price call `book_cylinder` with their own amount.
pub trait BookAtShownPrice {
    fn book_cylinder_at_shown_price(&self, actor: &Actor) -> gasdesk_core::Result<gasdesk_core::model::Receipt>;
}

impl BookAtShownPrice for Desk {
    fn book_cylinder_at_shown_price(&self, actor: &Actor) -> gasdesk_core::Result<gasdesk_core::model::Receipt> {
        let shown = self.cylinder_types()?[0].price;
        self.book_cylinder(actor, shown)
    }
}

/// Sets the price of the first type (14.2 kg domestic), as staff would on the types screen.
pub fn set_domestic_price(desk: &Desk, admin: &Actor, price: Money) {
    let kind = desk.cylinder_types().unwrap().remove(0);
    let input = gasdesk_core::model::CylinderTypeInput {
        name: kind.name,
        category: kind.category,
        price,
        gst_rate_bp: kind.gst_rate_bp,
        hsn: kind.hsn,
        active: true,
    };
    desk.save_cylinder_type(admin, Some(kind.id), &input).unwrap();
}

pub struct TestDesk {
    pub desk: Desk,
    pub admin: Actor,
    pub gateway: Arc<TestGateway>,
    pub clock: Arc<TestClock>,
}

impl std::ops::Deref for TestDesk {
    type Target = Desk;
    fn deref(&self) -> &Desk {
        &self.desk
    }
}

pub fn memory_desk() -> TestDesk {
    build(Db::open_in_memory().expect("in-memory db"))
}

pub fn file_desk(path: &Path) -> TestDesk {
    build(Db::open(path).expect("db file"))
}

fn build(db: Db) -> TestDesk {
    let gateway = TestGateway::new();
    let clock = TestClock::new();
    let desk = Desk::new(db, gateway.clone()).with_clock(clock.clone()).with_config(fast());
    let admin = if desk.is_set_up().unwrap() {
        desk.staff_login(&Terminal::OFFICE, "admin", STAFF_PASSWORD).unwrap()
    } else {
        desk.set_up_first_staff("admin", "Admin", STAFF_PASSWORD).unwrap()
    };
    // Most tests book one customer again and again, far faster than the refill rules allow:
    // off here; the tests of the rules themselves (trade.rs) switch them on.
    desk.set_refill_rules(&admin, 0, 1_000_000).unwrap();
    TestDesk { desk, admin, gateway, clock }
}

impl TestDesk {
    pub fn customer(&self, username: &str) -> Actor {
        let input = gasdesk_core::model::NewCustomerInput {
            consumer_no: String::new(),
            type_id: 1,
            allowance: 1,
            username: username.into(),
            full_name: format!("Customer {username}"),
            email: String::new(),
            phone: String::new(),
            address: String::new(),
            password: CUSTOMER_PASSWORD.into(),
        };
        let created = self.create_customer(&self.admin, &input).unwrap();
        Actor::Customer { id: created.id, username: created.username }
    }

    /// Registers `n` Filled cylinders, each filled a second after the previous one.
    pub fn stock(&self, n: u32) -> Vec<Cylinder> {
        (0..n)
            .map(|_| {
                self.clock.advance(Duration::seconds(1));
                self.register_cylinders(
                    &self.admin,
                    &RegisterCylinders { serials: vec![], count: 1, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
                )
                .unwrap()
                .remove(0)
            })
            .collect()
    }

    pub fn cylinder(&self, code: &str) -> Cylinder {
        let page = self.list_cylinders(&self.admin, &Default::default(), code, &PageRequest::first(5)).unwrap();
        page.items.into_iter().find(|c| c.cylinder_code == code).expect("cylinder exists")
    }

    pub fn assert_sound(&self) {
        let problems = self.db().integrity_problems().unwrap();
        assert!(problems.is_empty(), "invariants broken: {problems:?}");
    }
}

pub fn customer_id(actor: &Actor) -> i64 {
    match actor {
        Actor::Customer { id, .. } => *id,
        _ => panic!("not a customer"),
    }
}

pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gasdesk.db");
    (dir, path)
}

/// Spawns this test binary as a child process running `role` (see `run_child_if_asked`).
pub fn spawn_child(role: &str, db: &Path, extra: &[(&str, &str)]) -> std::process::Child {
    let exe = std::env::current_exe().unwrap();
    let mut cmd = std::process::Command::new(exe);
    cmd.args(["child_process_entry", "--exact", "--nocapture", "--test-threads=1"])
        .env("GASDESK_CHILD", role)
        .env("GASDESK_CHILD_DB", db)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::inherit());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

/// What a child process does, chosen by GASDESK_CHILD. Each prints result lines on stdout.
pub fn run_child_if_asked() {
    let Ok(role) = std::env::var("GASDESK_CHILD") else { return };
    let db = PathBuf::from(std::env::var("GASDESK_CHILD_DB").unwrap());
    match role.as_str() {
        "open" => {
            // The error is printed so that a failure says why (the parent shows this output).
            match Db::open(&db) {
                Ok(_) => println!("RESULT open true"),
                Err(e) => println!("RESULT open false: {e}"),
            }
        }
        "book" => crate::concurrency::child_books(&db),
        "crash" => crate::crash::child_books_then_hangs(&db),
        other => panic!("unknown child role {other}"),
    }
}

/// A gateway for the file-based tests that shares nothing with the parent process.
pub fn mock() -> Arc<MockRazorpay> {
    Arc::new(MockRazorpay::new())
}

/// A customer holding the cylinder of one paid booking, written at schema version 1.
pub fn version_1_file(path: &Path) {
    file_with_a_booking_at_version(path, 1);
}

/// A customer ('old1', id 1) holding cylinder 'OLD001' (id 1) from one paid booking (id 1),
/// written at schema `version` (the SQL uses the column names that version has).
pub fn file_with_a_booking_at_version(path: &Path, version: i32) {
    Db::create_at_schema_version(path, version).unwrap();
    let conn = rusqlite::Connection::open(path).unwrap();
    // V7 renamed the cylinder's code column.
    let code_column = if version >= 7 { "code" } else { "cylinder_id" };
    conn.execute_batch(&format!(
        "INSERT INTO users (username, full_name, password_hash, created_at, updated_at)
             VALUES ('old1', 'Old Customer', 'x', '2026-11-01T00:00:00.000000Z', '2026-11-01T00:00:00.000000Z');
         INSERT INTO cylinders ({code_column}, status, assigned_to, filled_at, created_at, updated_at)
             VALUES ('OLD001', 'Assigned', 1, '2026-10-01T00:00:00.000000Z', '2026-10-01T00:00:00.000000Z', '2026-11-01T10:20:00.000000Z');
         INSERT INTO bookings (user_id, cylinder_id, booking_date, status, source, amount_paise, updated_at)
             VALUES (1, 1, '2026-11-01T10:20:00.000000Z', 'Completed', 'SelfService', 95000, '2026-11-01T10:20:00.000000Z');
         INSERT INTO payments (user_id, booking_id, amount_paise, status, method, order_ref, gateway_ref, payment_date, updated_at)
             VALUES (1, 1, 95000, 'Success', 'Gateway', 'order_BK-000001', 'pay_old', '2026-11-01T10:29:59.000000Z', '2026-11-01T10:29:59.000000Z');"
    ))
    .unwrap();
}
