//! A kiosk PC as a child process of the test: the real kiosk client (`remote::OfficeClient`,
//! pinned to the certificate of its pairing file) with one customer logged in, booking as the
//! kiosk's screen does. Each press of Pay has one idempotency key; while the outcome is unknown
//! (office offline, reply lost, booking still settling) it asks again with the same key, and
//! hears the settled booking even when a restarted office forgot the terminal's session: the
//! office answers a key it knows whoever is logged in. Only a key the office has nothing under
//! is `NotLoggedIn` (it never reached the office, nothing was charged): then the customer logs
//! in again and books it. What happened is said on stdout, one line each:
//! `READY`, then after `GO` on stdin, per booking `BOOKED <key> <cylinder> <payment_ref>
//! <booking_ref>` or `REFUSED <key> <code> <message>`, with `UNKNOWN <key> <code>` and `RELOGIN
//! <key>` on the way; `GAVEUP <key>` if the office never settled it; `DONE` at the end.
use crate::harness::CUSTOMER_PASSWORD;
use gasdesk::api::IpcError;
use gasdesk::remote::{pairing_file, ClientTimeouts, OfficeClient};
use gasdesk_core::error::ErrorCode;
use serde_json::{json, Value};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long one booking may stay unsettled before the child gives up on it (and the test fails).
const SETTLE_WITHIN: Duration = Duration::from_secs(90);
/// The pause between two asks about an unsettled booking, after the client's own retries.
const ASK_AGAIN: Duration = Duration::from_millis(250);

fn say(line: &str) {
    println!("{line}");
    let _ = std::io::stdout().flush();
}

fn env_ms(name: &str, default: u64) -> Duration {
    Duration::from_millis(std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// The client's patience, shorter than a shop's so the tests are quick; the link test sets the
/// request timeout and outcome budget below the time the link stays down.
fn timeouts() -> ClientTimeouts {
    ClientTimeouts {
        connect: Duration::from_secs(2),
        request: env_ms("GASDESK_LAN_REQUEST_MS", 10_000),
        health: Duration::from_secs(2),
        outcome_budget: env_ms("GASDESK_LAN_BUDGET_MS", 20_000),
        first_backoff: Duration::from_millis(100),
        max_backoff: Duration::from_millis(500),
    }
}

fn code(error: &IpcError) -> ErrorCode {
    error.0.code
}

/// Child: one kiosk, one customer, `GASDESK_LAN_BOOKINGS` bookings keyed `<prefix>-NNN`.
pub fn run() {
    let pairing_path = PathBuf::from(std::env::var("GASDESK_LAN_PAIRING").expect("GASDESK_LAN_PAIRING"));
    let customer = std::env::var("GASDESK_LAN_CUSTOMER").expect("GASDESK_LAN_CUSTOMER");
    let bookings: usize = std::env::var("GASDESK_LAN_BOOKINGS").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    let prefix = std::env::var("GASDESK_LAN_KEY").unwrap_or_else(|_| format!("key-{customer}"));
    let pairing = pairing_file::load(&pairing_path).expect("the kiosk's pairing");
    let client = OfficeClient::with_timeouts(&pairing, timeouts()).expect("a client of the paired office");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let health = client.health().await.expect("the office answers its health check");
        gasdesk::remote::client::check_api(&health).expect("the office speaks this kiosk's API");
        log_in(&client, &customer).await;
        let home = client.call("customer_home", json!({})).await.expect("the customer's home");
        let price = home["connections"][0]["price"].clone();
        say("READY");
        let mut go = String::new();
        std::io::stdin().lock().read_line(&mut go).expect("stdin");
        assert_eq!(go.trim(), "GO", "told to start");
        for i in 0..bookings {
            book_until_settled(&client, &customer, &price, &format!("{prefix}-{i:03}")).await;
        }
        say("DONE");
    });
}

/// Logs the customer in, waiting for the office while it is away.
async fn log_in(client: &OfficeClient, customer: &str) {
    let deadline = Instant::now() + SETTLE_WITHIN;
    loop {
        match client.call("customer_login", json!({ "username": customer, "password": CUSTOMER_PASSWORD })).await {
            Ok(_) => return,
            Err(e) if code(&e) == ErrorCode::OfficeOffline && Instant::now() < deadline => tokio::time::sleep(ASK_AGAIN).await,
            Err(e) => panic!("{customer} cannot log in: {e:?}"),
        }
    }
}

async fn book_until_settled(client: &OfficeClient, customer: &str, price: &Value, key: &str) {
    let deadline = Instant::now() + SETTLE_WITHIN;
    let args = json!({ "price": price, "idempotency_key": key });
    loop {
        match client.call("book_cylinder", args.clone()).await {
            Ok(receipt) => {
                let field = |name: &str| receipt[name].as_str().unwrap_or("-").to_owned();
                say(&format!("BOOKED {key} {} {} {}", field("cylinder_code"), field("payment_reference"), field("booking_reference")));
                return;
            }
            Err(e) => match code(&e) {
                ErrorCode::OutcomeUnknown | ErrorCode::OfficeOffline | ErrorCode::Busy => {
                    say(&format!("UNKNOWN {key} {:?}", code(&e)));
                    tokio::time::sleep(ASK_AGAIN).await;
                }
                // The office was restarted and forgot this terminal's session, and has no
                // booking under this key: the customer logs in again and books.
                ErrorCode::NotLoggedIn => {
                    say(&format!("RELOGIN {key}"));
                    log_in(client, customer).await;
                }
                other => {
                    say(&format!("REFUSED {key} {other:?} {}", e.0.message));
                    return;
                }
            },
        }
        if Instant::now() > deadline {
            say(&format!("GAVEUP {key}"));
            return;
        }
    }
}

/// Child: a kiosk that only asks the office its health and logs its customer in, saying
/// `HEALTH ok|<code>` and `LOGIN ok|<code>`.
pub fn probe() {
    let pairing_path = PathBuf::from(std::env::var("GASDESK_LAN_PAIRING").expect("GASDESK_LAN_PAIRING"));
    let customer = std::env::var("GASDESK_LAN_CUSTOMER").expect("GASDESK_LAN_CUSTOMER");
    let pairing = pairing_file::load(&pairing_path).expect("the kiosk's pairing");
    let client = OfficeClient::with_timeouts(&pairing, timeouts()).expect("a client of the paired office");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let answer = |result: Result<(), IpcError>| result.map_or_else(|e| format!("{:?}", code(&e)), |()| "ok".to_owned());
        say(&format!("HEALTH {}", answer(client.health().await.map(|_| ()))));
        let login = client.call("customer_login", json!({ "username": customer, "password": CUSTOMER_PASSWORD })).await;
        say(&format!("LOGIN {}", answer(login.map(|_| ()))));
    });
}

/// Child: a customer logged in who comes back to the screen every `GASDESK_LAN_IDLE_PAUSE_MS`,
/// `GASDESK_LAN_ROUNDS` times, each time after the office closed the idle connection; says
/// `HOME ok|<code>` each time.
pub fn idle() {
    let pairing_path = PathBuf::from(std::env::var("GASDESK_LAN_PAIRING").expect("GASDESK_LAN_PAIRING"));
    let customer = std::env::var("GASDESK_LAN_CUSTOMER").expect("GASDESK_LAN_CUSTOMER");
    let rounds: usize = std::env::var("GASDESK_LAN_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(1);
    let pause = env_ms("GASDESK_LAN_IDLE_PAUSE_MS", 1_000);
    let pairing = pairing_file::load(&pairing_path).expect("the kiosk's pairing");
    let client = OfficeClient::with_timeouts(&pairing, timeouts()).expect("a client of the paired office");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async {
        log_in(&client, &customer).await;
        for round in 0..rounds {
            // A little more each round, so some land just as the office closes the connection.
            tokio::time::sleep(pause + Duration::from_millis(37 * round as u64 % 200)).await;
            let home = client.call("customer_home", json!({})).await;
            say(&format!("HOME {}", home.map_or_else(|e| format!("{:?}", code(&e)), |_| "ok".to_owned())));
        }
        say("DONE");
    });
}
