//! The kiosk client against a stand-in office on 127.0.0.1 (`test_office.rs`).
use super::*;
use crate::remote::pinning::fingerprint_hex;
use crate::remote::test_office::{default_script, health_json, self_signed, Answer, Seen, TestOffice};
use serde_json::json;
use std::net::SocketAddr;

fn pairing_for(address: &str, fingerprint: &[u8; 32]) -> KioskPairing {
    KioskPairing {
        office: address.to_owned(),
        fingerprint: fingerprint_hex(fingerprint),
        device_id: 3,
        device_token: "device-token-3".into(),
        name: "Counter".into(),
        agency_name: String::new(),
        emergency_helpline: String::new(),
    }
}

/// Short waits, so the retry tests take about a second.
fn quick() -> ClientTimeouts {
    ClientTimeouts {
        connect: Duration::from_millis(500),
        request: Duration::from_millis(800),
        health: Duration::from_millis(800),
        outcome_budget: Duration::from_millis(1500),
        first_backoff: Duration::from_millis(50),
        max_backoff: Duration::from_millis(200),
    }
}

fn client_of(office: &TestOffice) -> OfficeClient {
    OfficeClient::with_timeouts(&pairing_for(&office.address(), &office.fingerprint()), quick()).expect("a client")
}

async fn scripted(script: impl Fn(&Seen, usize) -> Answer + Send + Sync + 'static) -> TestOffice {
    TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await
}

/// An address where nothing listens.
async fn closed_address() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("binds");
    listener.local_addr().expect("addr")
}

fn commands(office: &TestOffice) -> Vec<Seen> {
    office.requests().into_iter().filter(|seen| seen.path != "/v1/health").collect()
}

#[tokio::test]
async fn a_command_is_posted_with_the_device_token_and_terminal_secret_and_its_answer_returned() {
    let office = TestOffice::start(self_signed()).await;
    let client = client_of(&office);
    let answer = client.call("customer_login", json!({"username": "asha", "password": "pw"})).await.expect("answered");
    assert_eq!(answer, json!({"echo": {"username": "asha", "password": "pw"}}));
    client.call("touch", Value::Null).await.expect("answered");
    let seen = office.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!((seen[0].method.as_str(), seen[0].path.as_str()), ("POST", "/v1/customer_login"));
    assert_eq!(seen[0].authorization.as_deref(), Some("Bearer device-token-3"));
    let secret = seen[0].terminal.clone().expect("the terminal header");
    assert_eq!(secret.len(), 64, "32 random bytes in hex");
    assert_eq!(seen[1].terminal.as_deref(), Some(secret.as_str()), "one terminal for the process's life");
    let another = client_of(&office);
    another.call("touch", Value::Null).await.expect("answered");
    assert_ne!(office.requests()[2].terminal.as_deref(), Some(secret.as_str()), "another process, another terminal");
}

#[tokio::test]
async fn an_error_status_comes_back_as_the_payload_the_office_sent() {
    let office = scripted(|seen, _| match seen.path.as_str() {
        "/v1/customer_home" => Answer::Reply(409, r#"{"code":"OutOfStock","message":"No cylinders."}"#.into()),
        "/v1/customer_login" => Answer::Reply(400, r#"{"code":"Invalid","message":"Too short.","field":"username"}"#.into()),
        "/v1/dashboard" => Answer::Reply(413, "payload too large".into()),
        _ => Answer::Reply(401, String::new()),
    })
    .await;
    let client = client_of(&office);
    let refused = client.call("customer_home", Value::Null).await.expect_err("refused");
    assert_eq!(refused.0, ErrorPayload::plain(ErrorCode::OutOfStock, "No cylinders.", None));
    let refused = client.call("customer_login", json!({})).await.expect_err("refused");
    assert_eq!((refused.0.code, refused.0.field.as_deref()), (ErrorCode::Invalid, Some("username")));
    assert_eq!(client.call("dashboard", Value::Null).await.expect_err("refused").0.code, ErrorCode::Invalid, "413 with no payload");
    assert_eq!(client.call("touch", Value::Null).await.expect_err("refused").0.code, ErrorCode::UnknownDevice, "401 with no payload");
}

#[tokio::test]
async fn an_unknown_command_is_refused_at_the_kiosk_and_never_sent() {
    let office = TestOffice::start(self_signed()).await;
    let refused = client_of(&office).call("drop_tables", json!({})).await.expect_err("refused");
    assert_eq!(refused.0.code, ErrorCode::NotFound);
    assert!(office.requests().is_empty());
}

#[tokio::test]
async fn an_office_that_cannot_be_reached_is_office_offline() {
    let address = closed_address().await.to_string();
    let client = OfficeClient::with_timeouts(&pairing_for(&address, &[7u8; 32]), quick()).expect("a client");
    let started = Instant::now();
    assert_eq!(client.call("session_info", Value::Null).await.expect_err("offline").0.code, ErrorCode::OfficeOffline);
    assert_eq!(client.health().await.expect_err("offline").0.code, ErrorCode::OfficeOffline);
    // A booking that never left the kiosk was not made: offline, not "unknown".
    let booked = client.call(BOOK_CYLINDER, json!({"price": "1000.00", "idempotency_key": "k1"})).await;
    assert_eq!(booked.expect_err("offline").0.code, ErrorCode::OfficeOffline);
    assert!(started.elapsed() < Duration::from_secs(5), "gives up within its budget: {:?}", started.elapsed());
}

#[tokio::test]
async fn a_lost_reply_to_another_command_is_office_offline_without_a_second_send() {
    let office = scripted(|_, _| Answer::Drop).await;
    let refused = client_of(&office).call("my_bookings", json!({"page": {"limit": 10}})).await.expect_err("no answer");
    assert_eq!(refused.0.code, ErrorCode::OfficeOffline);
    assert_eq!(commands(&office).len(), 1);
}

#[tokio::test]
async fn a_hanging_office_is_office_offline_after_the_request_timeout() {
    let office = scripted(|_, _| Answer::Hang).await;
    let started = Instant::now();
    let refused = client_of(&office).call("session_info", Value::Null).await.expect_err("timed out");
    assert_eq!(refused.0.code, ErrorCode::OfficeOffline);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_booking_whose_reply_was_lost_is_sent_again_with_the_same_body_until_settled() {
    let receipt = json!({"booking_reference": "BK-000001"});
    let reply = receipt.to_string();
    let office = scripted(move |seen, n| match (seen.path.as_str(), n) {
        ("/v1/book_cylinder", 0) => Answer::Drop,
        ("/v1/book_cylinder", 1) => Answer::Reply(503, r#"{"code":"Busy","message":"The database is busy."}"#.into()),
        ("/v1/book_cylinder", 2) => Answer::Reply(503, r#"{"code":"OutcomeUnknown","message":"Still working on it."}"#.into()),
        ("/v1/book_cylinder", _) => Answer::Reply(200, reply.clone()),
        _ => Answer::Reply(404, String::new()),
    })
    .await;
    let args = json!({"price": "1000.00", "idempotency_key": "9c1d-key"});
    let answer = client_of(&office).call(BOOK_CYLINDER, args.clone()).await.expect("settled");
    assert_eq!(answer, receipt);
    let sent = commands(&office);
    assert_eq!(sent.len(), 4, "dropped, busy, timed out at the office, settled");
    for seen in &sent {
        let body: Value = serde_json::from_str(&seen.body).expect("JSON body");
        assert_eq!(body, args, "the same idempotency key every time");
    }
}

#[tokio::test]
async fn a_booking_the_office_never_settles_is_outcome_unknown_never_failed() {
    let office = scripted(|seen, _| if seen.path == "/v1/book_cylinder" { Answer::Drop } else { Answer::Reply(404, String::new()) }).await;
    let args = json!({"price": "1000.00", "idempotency_key": "k-lost"});
    let started = Instant::now();
    let refused = client_of(&office).call(BOOK_CYLINDER, args.clone()).await.expect_err("unsettled");
    assert_eq!(refused.0.code, ErrorCode::OutcomeUnknown);
    assert!(started.elapsed() >= Duration::from_millis(1000), "kept asking for most of its budget: {:?}", started.elapsed());
    let sent = commands(&office);
    assert!(sent.len() >= 3, "asked again: {}", sent.len());
    assert!(sent.iter().all(|seen| serde_json::from_str::<Value>(&seen.body).ok() == Some(args.clone())));
}

#[tokio::test]
async fn a_booking_answered_with_a_server_error_is_asked_again_never_called_failed() {
    // A 500 may come after the office took the money (its confirmation failed to write, or the
    // task running the booking died): the outcome is unknown, so the same body goes again.
    let receipt = json!({"booking_reference": "BK-000007"});
    let reply = receipt.to_string();
    let office = scripted(move |seen, n| match (seen.path.as_str(), n) {
        ("/v1/book_cylinder", 0) => Answer::Reply(500, r#"{"code":"Storage","message":"Something went wrong saving."}"#.into()),
        ("/v1/book_cylinder", 1) => Answer::Reply(500, r#"{"code":"Internal","message":"The task failed."}"#.into()),
        // A proxy's or a dying server's page, with no payload.
        ("/v1/book_cylinder", 2) => Answer::Reply(502, String::new()),
        ("/v1/book_cylinder", _) => Answer::Reply(200, reply.clone()),
        _ => Answer::Reply(404, String::new()),
    })
    .await;
    let args = json!({"price": "1000.00", "idempotency_key": "5xx-then-receipt"});
    let answer = client_of(&office).call(BOOK_CYLINDER, args.clone()).await.expect("settled");
    assert_eq!(answer, receipt);
    let sent = commands(&office);
    assert_eq!(sent.len(), 4, "two server errors and a bad gateway, then settled");
    assert!(sent.iter().all(|seen| serde_json::from_str::<Value>(&seen.body).ok() == Some(args.clone())));

    // Never settled: unknown at the end, not the server error.
    let office = scripted(|seen, _| {
        if seen.path == "/v1/book_cylinder" {
            Answer::Reply(500, r#"{"code":"Internal","message":"The task failed."}"#.into())
        } else {
            Answer::Reply(404, String::new())
        }
    })
    .await;
    let refused = client_of(&office).call(BOOK_CYLINDER, args).await.expect_err("unsettled");
    assert_eq!(refused.0.code, ErrorCode::OutcomeUnknown);
    assert!(commands(&office).len() >= 2, "asked again");
}

#[tokio::test]
async fn a_settled_refusal_with_a_server_status_ends_a_booking_at_once() {
    // Bookings paused (the office looked the key up first and found nothing): settled.
    let office = scripted(|_, _| Answer::Reply(503, r#"{"code":"Damaged","message":"Bookings are paused."}"#.into())).await;
    let refused =
        client_of(&office).call(BOOK_CYLINDER, json!({"price": "1000.00", "idempotency_key": "paused-key"})).await.expect_err("refused");
    assert_eq!(refused.0.code, ErrorCode::Damaged);
    assert_eq!(commands(&office).len(), 1);
}

#[tokio::test]
async fn a_booking_refused_by_the_office_is_not_sent_again() {
    let office = scripted(|_, _| Answer::Reply(409, r#"{"code":"OutOfStock","message":"No cylinders."}"#.into())).await;
    let refused = client_of(&office).call(BOOK_CYLINDER, json!({"price": "1000.00", "idempotency_key": "k"})).await.expect_err("refused");
    assert_eq!(refused.0.code, ErrorCode::OutOfStock);
    assert_eq!(commands(&office).len(), 1);
}

#[tokio::test]
async fn a_second_server_with_another_certificate_on_the_same_address_is_refused_and_gets_nothing() {
    let first = TestOffice::start(self_signed()).await;
    let address = first.addr;
    let client = client_of(&first);
    client.call("session_info", Value::Null).await.expect("the paired office answers");
    first.stop().await;

    let impostor = TestOffice::start_scripted(self_signed(), address, default_script()).await;
    assert_eq!(impostor.addr, address, "the same address and port");
    let refused = client.call("customer_login", json!({"username": "asha", "password": "secret"})).await.expect_err("refused");
    assert_eq!(refused.0.code, ErrorCode::OfficeOffline);
    let booked = client.call(BOOK_CYLINDER, json!({"price": "1000.00", "idempotency_key": "k"})).await.expect_err("refused");
    assert_eq!(booked.0.code, ErrorCode::OfficeOffline, "never reached an office: nothing booked");
    assert_eq!(client.health().await.expect_err("refused").0.code, ErrorCode::OfficeOffline);
    assert!(impostor.requests().is_empty(), "the impostor saw no request, no token, no password: {:?}", impostor.requests());
    assert_eq!(client.verifier.refused(), Some(impostor.fingerprint()));
}

#[tokio::test]
async fn health_is_read_without_the_token_and_another_api_major_means_update_this_kiosk() {
    let office = scripted(|_, _| Answer::Reply(200, health_json("3.3"))).await;
    let health = client_of(&office).health().await.expect("health");
    assert_eq!((health.api.as_str(), health.emergency_helpline.as_str()), ("3.3", "1906"));
    assert_eq!(office.requests()[0].authorization, None, "health needs no token");
    let refused = check_api(&health).expect_err("another major");
    assert_eq!(refused.0.code, ErrorCode::UpdateKiosk);
    assert!(refused.0.message.contains("update this kiosk"), "{}", refused.0.message);
    assert!(api_compatible("2.7") && !api_compatible("1.0") && !api_compatible("3.0") && !api_compatible("x"));
}

#[test]
fn office_addresses_need_a_host_and_a_port() {
    for good in ["192.168.1.10:7443", "https://192.168.1.10:7443/", "office.local:7443", "[fe80::1]:7443", "10.0.0.2:443"] {
        assert!(office_url(good).is_ok(), "{good}");
    }
    for bad in ["", "192.168.1.10", "192.168.1.10:x", "http://x:1/path", "a:1/b", "user@host:1", ":7443"] {
        let refused = office_url(bad).expect_err(bad);
        assert_eq!(refused.0.field.as_deref(), Some("server"), "{bad}");
    }
}
