//! The LAN server's router, tested in process (`tower::ServiceExt::oneshot`, no sockets): who
//! may do what from a kiosk device, the terminal sessions, and hostile input. The listener and
//! the `gasdesk serve` process are tested on real sockets in `tests/server/`.
mod certificate;
mod hostile;
mod permissions;
mod restart;
mod samples;
mod sessions;
mod terminals;

use super::{router_with, Limits, Office};
use crate::api::session::{ManualSessionClock, SessionClock, SystemSessionClock};
use crate::api::wire::TERMINAL_HEADER;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use gasdesk_core::domain::gateway::MockRazorpay;
use gasdesk_core::domain::{Actor, PasswordCost};
use gasdesk_core::model::{CylinderStatus, NewCustomerInput, RegisterCylinders};
use gasdesk_core::{Desk, DeskConfig};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;

pub const STAFF: &str = "boss";
pub const STAFF_PASSWORD: &str = "longenough1";
pub const CUSTOMER: &str = "asha";
pub const CUSTOMER_PASSWORD: &str = "customer-pass";
/// The fingerprint pairing codes carry here: the router never sees the certificate.
const FINGERPRINT: [u8; 32] = [7; 32];

/// A database file with a staff member, a customer and three filled cylinders, served by a
/// router whose session clock the test may move.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub db_path: PathBuf,
    pub desk: Arc<Desk>,
    pub admin: Actor,
    pub clock: Arc<ManualSessionClock>,
    pub office: Arc<Office>,
    pub router: Router,
}

/// A paired kiosk PC as the office knows it: its id and token.
#[derive(Debug, Clone)]
pub struct Kiosk {
    pub id: i64,
    pub token: String,
}

/// One terminal of a kiosk: the device token and this terminal's secret.
#[derive(Debug, Clone)]
pub struct Terminal {
    pub token: String,
    pub secret: String,
}

/// An answer: the status and the JSON body (every answer of the server has one).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
}

impl Reply {
    /// The `code` of a refusal payload (`""` for a success).
    pub fn code(&self) -> &str {
        self.body.get("code").and_then(Value::as_str).unwrap_or("")
    }

    pub fn field(&self) -> Option<&str> {
        self.body.get("field").and_then(Value::as_str)
    }

    /// Asserts a refusal: the status, the code, and a message for a person.
    pub fn assert_refused(&self, status: u16, code: &str, context: &str) {
        assert_eq!((self.status.as_u16(), self.code()), (status, code), "{context}: {:?}", self.body);
        let message = self.body.get("message").and_then(Value::as_str).unwrap_or("");
        assert!(!message.is_empty(), "{context}: a refusal says why: {:?}", self.body);
    }

    pub fn assert_ok(&self, context: &str) -> &Value {
        assert_eq!(self.status, StatusCode::OK, "{context}: {:?}", self.body);
        &self.body
    }
}

impl Fixture {
    pub fn new() -> Fixture {
        Fixture::with_limits(Limits::default())
    }

    pub fn with_limits(limits: Limits) -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db_path = dir.path().join("gasdesk.db");
        let desk = Desk::open(&db_path, Arc::new(MockRazorpay::new()))
            .expect("the database opens")
            .with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let admin = desk.set_up_first_staff(STAFF, "The Boss", STAFF_PASSWORD).expect("first staff");
        // The tests book one customer again and again: the refill rules' gap would refuse it.
        desk.set_refill_rules(&admin, 0, 1_000_000).expect("refill rules off");
        let customer = NewCustomerInput {
            consumer_no: String::new(),
            type_id: 1,
            allowance: 1,
            username: CUSTOMER.into(),
            full_name: "Asha Rao".into(),
            email: String::new(),
            phone: String::new(),
            address: String::new(),
            password: CUSTOMER_PASSWORD.into(),
        };
        desk.create_customer(&admin, &customer).expect("a customer");
        desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: 3, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        )
        .expect("stock");
        let desk = Arc::new(desk);
        let clock = Arc::new(ManualSessionClock::default());
        let session_clock: Arc<dyn SessionClock> = clock.clone();
        let office = Arc::new(Office::new(desk.clone(), session_clock));
        let router = router_with(office.clone(), limits);
        Fixture { _dir: dir, db_path, desk, admin, clock, office, router }
    }

    /// Pairs a kiosk the way staff and the kiosk do: a code, then the kiosk presents it.
    pub async fn pair(&self, name: &str) -> Kiosk {
        let code = self.desk.add_kiosk(&Actor::System, name, &FINGERPRINT).expect("a pairing code");
        let reply = self.post_json("/v1/pair", None, None, json!({ "code": code.code, "name": "" })).await;
        let body = reply.assert_ok("pairing");
        Kiosk { id: body["device_id"].as_i64().expect("a device id"), token: body["device_token"].as_str().expect("a token").to_owned() }
    }

    /// A new terminal of `kiosk` (a kiosk process with its own random secret).
    pub fn terminal(&self, kiosk: &Kiosk) -> Terminal {
        Terminal { token: kiosk.token.clone(), secret: new_secret() }
    }

    pub fn revoke(&self, kiosk: &Kiosk) {
        self.desk.revoke_kiosk(&self.admin, kiosk.id).expect("revoked");
    }

    /// Sends a request as it comes off the network and reads the JSON answer.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.expect("the router answers (its error type is Infallible)");
        let status = response.status();
        let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("the answer's body");
        assert!(content_type.starts_with("application/json"), "every answer is JSON ({status}): {:?}", String::from_utf8_lossy(&bytes));
        let body = serde_json::from_slice(&bytes).expect("the answer parses as JSON");
        Reply { status, body }
    }

    /// `POST path` with a JSON body and, when given, the device token and terminal secret.
    pub async fn post_json(&self, path: &str, token: Option<&str>, secret: Option<&str>, body: Value) -> Reply {
        let request = request(Method::POST, path, token, secret)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("a request");
        self.send(request).await
    }

    /// Runs a command at a terminal.
    pub async fn call(&self, at: &Terminal, command: &str, args: Value) -> Reply {
        self.post_json(&format!("/v1/{command}"), Some(&at.token), Some(&at.secret), args).await
    }

    pub async fn log_in_customer(&self, at: &Terminal) {
        self.call(at, "customer_login", json!({ "username": CUSTOMER, "password": CUSTOMER_PASSWORD })).await.assert_ok("customer log-in");
    }

    pub async fn unlock_staff(&self, at: &Terminal) {
        self.call(at, "staff_unlock", json!({ "username": STAFF, "password": STAFF_PASSWORD })).await.assert_ok("admin switch");
    }

    /// What a refused request must not have changed: the number of rows of every table (the
    /// audit log among them, which every change writes to) and the settings. (A device's
    /// last-seen time is left out: a known device's request may note it.)
    pub fn footprint(&self) -> Vec<(String, String)> {
        let conn = rusqlite::Connection::open(&self.db_path).expect("a second connection");
        // Every table of the schema, so a table added later is covered too.
        let mut listed = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .expect("the tables");
        let tables: Vec<String> = listed.query_map([], |r| r.get(0)).expect("the tables").collect::<Result<_, _>>().expect("the tables");
        let mut found: Vec<(String, String)> = tables
            .iter()
            .map(|t| {
                let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("a count");
                (t.to_string(), n.to_string())
            })
            .collect();
        let settings: String = conn
            .query_row("SELECT coalesce(group_concat(key || '=' || value, ';'), '') FROM (SELECT * FROM settings ORDER BY key)", [], |r| {
                r.get(0)
            })
            .expect("the settings");
        found.push(("settings".into(), settings));
        found
    }
}

/// A request with the kiosk's headers set when given.
pub fn request(method: Method, path: &str, token: Option<&str>, secret: Option<&str>) -> axum::http::request::Builder {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    if let Some(secret) = secret {
        builder = builder.header(TERMINAL_HEADER, secret);
    }
    builder
}

/// A terminal secret as a kiosk process makes one: random, URL-safe.
pub fn new_secret() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::thread_rng().fill_bytes(&mut bytes);
    data_encoding::BASE64URL_NOPAD.encode(&bytes)
}

/// An office window's terminal over the fixture's desk (the office's own place).
pub fn office_window(fixture: &Fixture) -> crate::api::AppState {
    crate::api::AppState::at(fixture.desk.clone(), crate::api::Place::Office, Arc::new(SystemSessionClock))
}
