//! A kiosk PC's client against the real office server, in one process on 127.0.0.1 (port 0):
//! pairing with a code staff made, a customer logging in and booking through `OfficeClient`,
//! the same idempotency key answered with the same booking, refusals at a kiosk, the office
//! going away and coming back, a revoked kiosk, and a server with another certificate on the
//! paired address. `cli.rs`: the same as processes (`gasdesk pair`, a kiosk PC's start).
mod cli;
#[path = "../support/office_process.rs"]
mod office_process;

use gasdesk::remote::link::LinkMonitor;
use gasdesk::remote::{pair, pairing_file, ClientTimeouts, KioskPairing, OfficeClient, PairOptions};
use gasdesk::server::{start, PendingAtStart, RunningServer, ServerOptions};
use gasdesk_core::domain::MockRazorpay;
use gasdesk_core::error::ErrorCode;
use gasdesk_core::Desk;
use office_process::{agency_on_file, AgencyDesk};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// An agency with staff, customer `asha` and `cylinders` filled cylinders.
fn agency(db: &Path, cylinders: u32) -> AgencyDesk {
    agency_on_file(db, Arc::new(MockRazorpay::new()), &["asha"], cylinders)
}

async fn serve(desk: Arc<Desk>, db: &Path, listen: SocketAddr) -> RunningServer {
    start(desk, db, ServerOptions { listen, advertise: false, pending_at_start: PendingAtStart::SettleAll })
        .await
        .expect("the office serves")
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).expect("a connection").query_row(sql, [], |r| r.get(0)).expect("a count")
}

/// Shorter waits than a shop's, so the offline cases finish in seconds.
fn quick() -> ClientTimeouts {
    ClientTimeouts {
        connect: Duration::from_secs(1),
        health: Duration::from_secs(2),
        outcome_budget: Duration::from_secs(3),
        ..ClientTimeouts::default()
    }
}

async fn login(client: &OfficeClient) -> Value {
    client.call("customer_login", json!({"username": "asha", "password": "customer-pass"})).await.expect("asha logs in at the kiosk")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_paired_with_a_code_books_through_the_office_and_is_refused_once_revoked() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("office.db");
    let agency = agency(&db, 1);
    let server = serve(agency.desk.clone(), &db, "127.0.0.1:0".parse().expect("addr")).await;
    let address = server.local_addr().to_string();

    // Staff press "Add kiosk"; the kiosk pairs with the code and keeps its pairing in a file.
    let code = agency.desk.add_kiosk(&agency.admin, "Counter 1", &server.fingerprint()).expect("a pairing code");
    let paired = pair(&PairOptions::new(Some(address.clone()), &code.code, "")).await.expect("paired");
    assert_eq!(paired.pairing.fingerprint, server.fingerprint_hex(), "the full fingerprint of the office's certificate");
    assert_eq!(paired.pairing.name, "Counter 1");
    let file = dir.path().join("kiosk").join("pairing.json");
    pairing_file::save(&file, &paired.pairing).expect("saved");
    let pairing: KioskPairing = pairing_file::load(&file).expect("loaded");
    let again = pair(&PairOptions::new(Some(address.clone()), &code.code, "")).await.expect_err("a code is used once");
    assert_eq!(again.0.field.as_deref(), Some("code"), "{:?}", again.0);

    let client = OfficeClient::new(&pairing).expect("a client");
    let health = client.health().await.expect("health");
    assert_eq!(health.api, gasdesk::api::wire::API_VERSION);

    // Nobody logged in at this terminal yet; staff and office work are refused at a kiosk.
    assert_eq!(client.call("customer_home", json!({})).await.expect_err("nobody").0.code, ErrorCode::NotLoggedIn);
    let session = login(&client).await;
    assert_eq!(session["customer"]["username"], "asha");
    assert_eq!(client.call("dashboard", json!({})).await.expect_err("staff only").0.code, ErrorCode::Forbidden);
    client.call("staff_unlock", json!({"username": "boss", "password": "longenough1"})).await.expect("the admin switch");
    assert_eq!(client.call("get_settings", json!({})).await.expect_err("office only").0.code, ErrorCode::Forbidden);
    client.call("staff_lock", json!({})).await.expect("locked");

    // A booking, and the same press asked again: one booking, one charge, the same receipt.
    let home = client.call("customer_home", json!({})).await.expect("home");
    let args = json!({"price": home["connections"][0]["price"], "idempotency_key": "kiosk-e2e-key-0001"});
    let receipt = client.call("book_cylinder", args.clone()).await.expect("booked");
    assert!(receipt["booking_reference"].as_str().is_some_and(|r| r.starts_with("BK-")), "{receipt}");
    let repeat = client.call("book_cylinder", args).await.expect("the settled answer again");
    assert_eq!(repeat["booking_reference"], receipt["booking_reference"]);
    assert_eq!(count(&db, "SELECT count(*) FROM bookings WHERE status = 'Completed'"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM payments"), 1, "charged once");
    // Another key with no stock left: out of stock, nothing charged.
    let home = client.call("customer_home", json!({})).await.expect("home");
    let none_left =
        client.call("book_cylinder", json!({"price": home["connections"][0]["price"], "idempotency_key": "kiosk-e2e-key-0002"})).await;
    assert_eq!(none_left.expect_err("no stock").0.code, ErrorCode::OutOfStock);
    assert_eq!(count(&db, "SELECT count(*) FROM payments"), 1);

    // Staff remove the kiosk at the office: refused at once.
    agency.desk.revoke_kiosk(&agency.admin, pairing.device_id).expect("revoked");
    assert_eq!(client.call("customer_home", json!({})).await.expect_err("revoked").0.code, ErrorCode::UnknownDevice);
    assert!(agency.desk.file_report().expect("a report").problems.is_empty(), "gasdesk check passes");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_kiosk_sees_the_office_go_and_come_back_and_never_trusts_another_certificate_at_its_address() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("office.db");
    let agency = agency(&db, 2);
    let server = serve(agency.desk.clone(), &db, "127.0.0.1:0".parse().expect("addr")).await;
    let listen = server.local_addr();
    let code = agency.desk.add_kiosk(&agency.admin, "Counter 2", &server.fingerprint()).expect("a code");
    let pairing = pair(&PairOptions::new(Some(listen.to_string()), &code.code, "Front door")).await.expect("paired").pairing;
    assert_eq!(pairing.name, "Front door");
    let client = Arc::new(OfficeClient::with_timeouts(&pairing, quick()).expect("a client"));
    let link = LinkMonitor::new(client.clone(), pairing.clone(), None);
    assert!(link.check().await.online);
    login(&client).await;

    // The office stops: offline, and a booking that cannot leave the kiosk is not made.
    server.stop().await;
    assert!(!link.check().await.online, "offline banner");
    let refused = client.call("book_cylinder", json!({"price": "1000.00", "idempotency_key": "kiosk-offline-0001"})).await;
    assert_eq!(refused.expect_err("offline").0.code, ErrorCode::OfficeOffline);

    // It comes back on the same address with its own certificate: online by itself. Sessions
    // lived in the server's memory, so the customer logs in again.
    let server = serve(agency.desk.clone(), &db, listen).await;
    assert!(link.check().await.online, "back by itself");
    assert_eq!(client.call("customer_home", json!({})).await.expect_err("a new server").0.code, ErrorCode::NotLoggedIn);
    login(&client).await;
    let home = client.call("customer_home", json!({})).await.expect("home");
    client
        .call("book_cylinder", json!({"price": home["connections"][0]["price"], "idempotency_key": "kiosk-back-0001"}))
        .await
        .expect("booked again");
    server.stop().await;

    // Another office (another database, another certificate) on the paired address: refused.
    let other_dir = tempfile::tempdir().expect("a temporary folder");
    let other_db = other_dir.path().join("other.db");
    let other = agency_on(&other_db);
    let impostor = serve(other, &other_db, listen).await;
    assert_ne!(impostor.fingerprint(), server_fingerprint(&pairing));
    assert!(!link.check().await.online, "the impostor is no office of this kiosk");
    let refused = client.call("customer_login", json!({"username": "asha", "password": "customer-pass"})).await;
    assert_eq!(refused.expect_err("pinned").0.code, ErrorCode::OfficeOffline);
    impostor.stop().await;
    assert_eq!(count(&db, "SELECT count(*) FROM bookings WHERE status = 'Completed'"), 1);
}

fn agency_on(db: &Path) -> Arc<Desk> {
    agency(db, 1).desk
}

fn server_fingerprint(pairing: &KioskPairing) -> [u8; 32] {
    pairing.fingerprint_bytes().expect("a fingerprint")
}
