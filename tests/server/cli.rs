//! `gasdesk serve` and `gasdesk add-kiosk` as processes: the office listens and says where,
//! a code made at the command line pairs a kiosk, the kiosk books, SIGTERM stops the server
//! gracefully and the file passes `gasdesk check`.
use super::client::Client;
use super::office_process::{agency_on_file, gasdesk, serve};
use gasdesk_core::domain::pairing_code;
use gasdesk_core::domain::MockRazorpay;
use serde_json::json;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// An agency with a staff member, a customer and two filled cylinders.
fn agency(db: &Path) {
    drop(agency_on_file(db, Arc::new(MockRazorpay::new()), &["asha"], 2));
}

fn hex32(hex: &str) -> [u8; 32] {
    let bytes = data_encoding::HEXLOWER.decode(hex.as_bytes()).expect("hex");
    bytes.try_into().expect("32 bytes")
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_office_served_from_the_command_line_pairs_a_kiosk_that_books_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db_path = dir.path().join("office.db");
    let db = db_path.to_str().expect("a UTF-8 path");
    agency(&db_path);
    let mut served = serve(&db_path);
    let (addr, fingerprint) = (served.addr, hex32(&served.fingerprint_hex));
    let client = Client::new(fingerprint);

    let (status, health) = client.send(addr, "GET", "/v1/health", &[], "").await.expect("health");
    assert_eq!((status, health["api"].as_str()), (200, Some(gasdesk::api::wire::API_VERSION)), "{health}");

    // Staff make a code at the office PC's command line; it carries the served certificate.
    let made = gasdesk(&["add-kiosk", "--db", db, "--name", "Counter 1"]);
    let printed = String::from_utf8_lossy(&made.stdout).into_owned();
    assert!(made.status.success(), "{printed}{}", String::from_utf8_lossy(&made.stderr));
    let code = printed.split_whitespace().find(|word| pairing_code::parse(word).is_ok()).unwrap_or_else(|| panic!("a code in {printed:?}"));
    let parts = pairing_code::parse(code).expect("parses");
    assert!(pairing_code::matches_fingerprint(&parts.fingerprint_prefix, &fingerprint), "the code names this office's certificate");
    assert!(printed.contains("Valid until"), "{printed}");

    let (status, paired) = client
        .send(addr, "POST", "/v1/pair", &[("Content-Type", "application/json")], &json!({ "code": code, "name": "" }).to_string())
        .await
        .expect("pairs");
    assert_eq!(status, 200, "{paired}");
    assert_eq!(paired["name"], "Counter 1");
    let token = paired["device_token"].as_str().expect("a token").to_owned();
    let secret = "terminal-secret-of-this-kiosk-0001";

    let (status, _) = client
        .call(addr, &token, secret, "customer_login", &json!({ "username": "asha", "password": "customer-pass" }))
        .await
        .expect("logs in");
    assert_eq!(status, 200);
    let (status, home) = client.call(addr, &token, secret, "customer_home", &json!({})).await.expect("home");
    assert_eq!(status, 200, "{home}");
    let price = home["connections"][0]["price"].clone();
    let (status, receipt) = client
        .call(addr, &token, secret, "book_cylinder", &json!({ "price": price, "idempotency_key": "cli-test-1" }))
        .await
        .expect("books");
    assert_eq!(status, 200, "{receipt}");
    assert_eq!(receipt["customer_username"], "asha");

    // SIGTERM: a graceful stop, exit status 0.
    let pid = served.child.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs").success());
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = served.child.try_wait().expect("waits") {
            break status;
        }
        assert!(Instant::now() < deadline, "gasdesk serve stops on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");

    let check = gasdesk(&["check", "--db", db]);
    assert!(check.status.success(), "{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
}

#[test]
fn serve_says_why_it_cannot_listen() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("office.db");
    agency(&db);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = taken.local_addr().expect("its address").to_string();
    let out = gasdesk(&["serve", "--db", db.to_str().expect("UTF-8"), "--listen", &addr, "--no-mdns"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("cannot listen on") && said.contains(&addr), "{said}");
}

#[test]
fn serve_and_add_kiosk_refuse_a_database_that_is_not_there_and_make_nothing() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("mistyped.db");
    let db = db.to_str().expect("UTF-8");
    for args in [vec!["serve", "--db", db, "--listen", "127.0.0.1:0", "--no-mdns"], vec!["add-kiosk", "--db", db]] {
        let out = gasdesk(&args);
        assert!(!out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("there is no database"),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("the folder").collect();
    assert!(left.is_empty(), "no database or certificate was made: {left:?}");
}

/// `println!` panics when stdout is a pipe whose reader has gone; the command's work is done by
/// then, and a script that read only what it needed (`| head -1`) must not see a crash.
#[cfg(unix)]
#[test]
fn add_kiosk_whose_reader_has_gone_still_ends_cleanly() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    agency(&db);
    // A pipe whose reading end is closed before the command writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_gasdesk"))
        .args(["add-kiosk", "--db", db.to_str().expect("UTF-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gasdesk add-kiosk starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
