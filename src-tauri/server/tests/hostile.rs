//! Hostile or broken requests: each gets a clear status and the `{code, message, field}`
//! payload (never a framework's plain-text answer), and the database does not change.
use super::{request, Fixture, Limits, Reply};
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::{header, Method};
use hyper::body::Frame;
use serde_json::json;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

/// A logged-in customer's booking, sent with `body` and `content_type` as given.
async fn book_with(f: &Fixture, token: &str, secret: &str, content_type: Option<&str>, body: Body) -> Reply {
    let mut builder = request(Method::POST, "/v1/book_cylinder", Some(token), Some(secret));
    if let Some(content_type) = content_type {
        builder = builder.header(header::CONTENT_TYPE, content_type);
    }
    f.send(builder.body(body).expect("a request")).await
}

#[tokio::test]
async fn malformed_bodies_are_refused_with_the_payload_and_book_nothing() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let price = f.desk.cylinder_types().expect("types")[0].price;
    let good = json!({ "price": price, "idempotency_key": "hostile-key-1" }).to_string();
    let before = f.footprint();

    let json_type = Some("application/json");
    let cases: Vec<(&str, Option<&str>, String)> = vec![
        ("malformed JSON", json_type, "{\"price\": ".into()),
        ("not JSON at all", json_type, "price=1000".into()),
        ("an array", json_type, "[1, 2]".into()),
        ("a string", json_type, "\"book\"".into()),
        ("a number", json_type, "5".into()),
        ("deeply nested", json_type, "[".repeat(10_000)),
        ("an unknown argument", json_type, json!({ "price": price, "idempotency_key": "hostile-key-2", "user_id": 1 }).to_string()),
        ("a missing argument", json_type, json!({ "price": price }).to_string()),
        ("a wrongly typed argument", json_type, json!({ "price": [1], "idempotency_key": "hostile-key-3" }).to_string()),
        ("form content type", Some("application/x-www-form-urlencoded"), good.clone()),
        ("text content type", Some("text/plain"), good.clone()),
        ("no content type", None, good.clone()),
    ];
    for (case, content_type, body) in cases {
        let reply = book_with(&f, &at.token, &at.secret, content_type, Body::from(body)).await;
        reply.assert_refused(400, "Invalid", case);
        assert_eq!(reply.field(), Some("body"), "{case}: the refusal names the body: {:?}", reply.body);
    }
    assert_eq!(f.footprint(), before, "nothing was booked or charged");

    // The same booking, well formed, goes through: the refusals were about the form only.
    book_with(&f, &at.token, &at.secret, json_type, Body::from(good)).await.assert_ok("a well-formed booking");
}

#[tokio::test]
async fn a_body_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let before = f.footprint();
    let huge = format!("{{\"price\": \"1000.00\", \"idempotency_key\": \"{}\"}}", "k".repeat(Limits::default().body_bytes));

    let declared = request(Method::POST, "/v1/book_cylinder", Some(&at.token), Some(&at.secret))
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, huge.len())
        .body(Body::from(huge.clone()))
        .expect("a request");
    let reply = f.send(declared).await;
    reply.assert_refused(413, "Invalid", "declared length");

    // Streamed without a length: the limit cuts it off while it is read.
    let streamed = request(Method::POST, "/v1/book_cylinder", Some(&at.token), Some(&at.secret))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(Chunks { chunks: huge.as_bytes().chunks(4096).map(Bytes::copy_from_slice).collect(), stall_after: false }))
        .expect("a request");
    let reply = f.send(streamed).await;
    reply.assert_refused(413, "Invalid", "streamed");

    // Pairing is limited the same way, before any device is known.
    let pairing = request(Method::POST, "/v1/pair", None, None)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, huge.len())
        .body(Body::from(huge))
        .expect("a request");
    f.send(pairing).await.assert_refused(413, "Invalid", "pairing");
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn wrong_missing_and_replayed_tokens_are_refused_401_and_change_nothing() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let revoked = f.pair("Counter 2").await;
    f.revoke(&revoked);
    let secret = super::new_secret();
    let before = f.footprint();
    let mut almost = kiosk.token.clone();
    let last = if almost.ends_with('A') { 'B' } else { 'A' };
    almost.pop();
    almost.push(last);
    let headers: Vec<(&str, Option<String>)> = vec![
        ("no Authorization header", None),
        ("an empty bearer", Some("Bearer ".into())),
        ("another scheme", Some(format!("Basic {}", kiosk.token))),
        ("the token alone", Some(kiosk.token.clone())),
        ("one character off", Some(format!("Bearer {almost}"))),
        ("a very long token", Some(format!("Bearer {}", "A".repeat(4000)))),
        ("the replayed token of a revoked kiosk", Some(format!("Bearer {}", revoked.token))),
    ];
    for (case, authorization) in headers {
        let mut builder = request(Method::POST, "/v1/app_info", None, Some(&secret)).header(header::CONTENT_TYPE, "application/json");
        if let Some(value) = authorization {
            builder = builder.header(header::AUTHORIZATION, value);
        }
        let reply = f.send(builder.body(Body::from("{}")).expect("a request")).await;
        reply.assert_refused(401, "UnknownDevice", case);
    }
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn a_missing_or_malformed_terminal_secret_is_refused_401() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let before = f.footprint();
    let secrets: Vec<(&str, Option<String>)> = vec![
        ("no terminal header", None),
        ("too short", Some("abc".into())),
        ("too long", Some("a".repeat(129))),
        ("characters outside the alphabet", Some("abcdefgh ijklmnop/qrstuv".into())),
    ];
    for (case, secret) in secrets {
        let reply = f.post_json("/v1/app_info", Some(&kiosk.token), secret.as_deref(), json!({})).await;
        reply.assert_refused(401, "NotLoggedIn", case);
        assert_eq!(reply.field(), Some("x-gasdesk-terminal"), "{case}");
    }
    assert_eq!(f.office.terminal_count(kiosk.id), 0, "no terminal was made for them");
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn unknown_commands_paths_and_methods_get_the_payload() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    let before = f.footprint();

    f.call(&at, "drop_all_tables", json!({})).await.assert_refused(404, "NotFound", "unknown command, known device");
    // A stranger learns nothing about which commands exist: the device is checked first.
    let stranger = super::Terminal { token: "unknown-token-0000000000000000".into(), secret: at.secret.clone() };
    f.call(&stranger, "drop_all_tables", json!({})).await.assert_refused(401, "UnknownDevice", "unknown command, unknown device");
    f.call(&stranger, "dashboard", json!({})).await.assert_refused(401, "UnknownDevice", "known command, unknown device");

    let get_command = request(Method::GET, "/v1/dashboard", Some(&at.token), Some(&at.secret)).body(Body::empty()).expect("a request");
    f.send(get_command).await.assert_refused(405, "Invalid", "GET on a command");
    let post_health = request(Method::POST, "/v1/health", None, None).body(Body::empty()).expect("a request");
    f.send(post_health).await.assert_refused(405, "Invalid", "POST on health");
    for path in ["/", "/v2/dashboard", "/v1/dashboard/extra", "/v1/", "/../etc/passwd"] {
        let reply = f.send(request(Method::POST, path, Some(&at.token), Some(&at.secret)).body(Body::empty()).expect("a request")).await;
        reply.assert_refused(404, "NotFound", path);
    }
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn a_pairing_request_that_is_not_one_is_refused_400_and_uses_no_try() {
    let f = Fixture::new();
    let before = f.footprint();
    for (case, body) in [
        ("malformed", "{\"code\":".to_owned()),
        ("missing name", json!({ "code": "ABCD-EFGH-JKLM-NPQR" }).to_string()),
        ("not an object", "[]".to_owned()),
    ] {
        let pairing = request(Method::POST, "/v1/pair", None, None)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .expect("a request");
        f.send(pairing).await.assert_refused(400, "Invalid", case);
    }
    assert_eq!(f.footprint(), before, "nothing changed");

    // A well-formed but wrong code is refused on its field. With no code open it writes
    // nothing at all: no audit row (with a name the sender chose), no try taken.
    let reply = f.post_json("/v1/pair", None, None, json!({ "code": "ABCD-EFGH-JKLM-NPQR", "name": "Intruder" })).await;
    reply.assert_refused(400, "Invalid", "wrong code");
    assert_eq!(reply.field(), Some("code"));
    assert_eq!(f.footprint(), before, "a wrong code with none open changed nothing");
}

/// A pairing request as it comes from `address` (the listener notes it on each connection).
fn pairing_from(address: [u8; 4], code: &str) -> axum::http::Request<Body> {
    request(Method::POST, "/v1/pair", None, None)
        .header(header::CONTENT_TYPE, "application/json")
        .extension(ConnectInfo(SocketAddr::from((address, 40_000))))
        .body(Body::from(json!({ "code": code, "name": "" }).to_string()))
        .expect("a request")
}

#[tokio::test]
async fn pairing_attempts_from_one_address_are_throttled_429_and_another_address_still_pairs() {
    let f = Fixture::new();
    let limit = Limits::default().pairings_per_minute;
    let wrong = "ABCD-EFGH-JKLM-NPQR";
    for _ in 0..limit {
        f.send(pairing_from([10, 0, 0, 66], wrong)).await.assert_refused(400, "Invalid", "a wrong code, within the limit");
    }
    let before = f.footprint();
    let throttled = f.send(pairing_from([10, 0, 0, 66], wrong)).await;
    throttled.assert_refused(429, "Throttled", "over the limit");
    // Even a right code waits out the minute from that address; another address pairs at once.
    let code = f.desk.add_kiosk(&gasdesk_core::domain::Actor::System, "Counter 1", &[7; 32]).expect("a code").code;
    let after_code = f.footprint();
    f.send(pairing_from([10, 0, 0, 66], &code)).await.assert_refused(429, "Throttled", "a right code from the same address");
    assert_eq!(f.footprint(), after_code, "a throttled attempt writes nothing and takes no try");
    assert_ne!(before, after_code, "(the code was made)");
    f.send(pairing_from([10, 0, 0, 7], &code)).await.assert_ok("another address");
}

#[tokio::test]
async fn a_command_past_the_request_timeout_is_busy_and_only_a_booking_is_outcome_unknown() {
    let f = Fixture::with_limits(Limits { request_timeout: Duration::from_millis(300), ..Limits::default() });
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let price = f.desk.cylinder_types().expect("types")[0].price;
    // Another process holds the database's write lock for a while: the office's work waits.
    let (locked, release) = (std::sync::mpsc::channel::<()>(), std::sync::mpsc::channel::<()>());
    let db_path = f.db_path.clone();
    let holder = std::thread::spawn(move || {
        let conn = rusqlite::Connection::open(db_path).expect("a second connection");
        conn.execute_batch("BEGIN EXCLUSIVE").expect("the lock");
        locked.0.send(()).expect("said");
        let _ = release.1.recv_timeout(Duration::from_secs(10));
        conn.execute_batch("COMMIT").expect("released");
    });
    locked.1.recv().expect("locked");
    let booking = f.call(&at, "book_cylinder", json!({ "price": price, "idempotency_key": "slow-key-1" })).await;
    booking.assert_refused(503, "OutcomeUnknown", "a booking not answered in time");
    let login = f.call(&at, "customer_login", json!({ "username": super::CUSTOMER, "password": "wrong-password" })).await;
    login.assert_refused(503, "Busy", "any other command not answered in time");
    release.0.send(()).expect("release");
    holder.join().expect("the lock holder");
}

#[tokio::test]
async fn a_request_whose_body_stalls_is_answered_408_after_the_body_timeout_and_nothing_is_done() {
    let f = Fixture::with_limits(Limits { body_timeout: Duration::from_millis(200), ..Limits::default() });
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let before = f.footprint();
    let stalled = request(Method::POST, "/v1/book_cylinder", Some(&at.token), Some(&at.secret))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(Chunks { chunks: vec![Bytes::from_static(b"{\"price\": ")], stall_after: true }))
        .expect("a request");
    let reply = tokio::time::timeout(Duration::from_secs(5), f.send(stalled)).await.expect("answered, not left hanging");
    // The booking never started, so the kiosk is told so, not "outcome unknown".
    reply.assert_refused(408, "Invalid", "stalled body");
    assert_eq!(f.footprint(), before, "nothing was booked");
    // The server serves the next request as usual.
    f.call(&at, "session_info", json!({})).await.assert_ok("the next request");
}

#[tokio::test]
async fn health_answers_without_a_token_with_the_versions_and_the_helpline() {
    let f = Fixture::new();
    let reply = f.send(request(Method::GET, "/v1/health", None, None).body(Body::empty()).expect("a request")).await;
    let health: crate::api::wire::Health = serde_json::from_value(reply.assert_ok("health").clone()).expect("a Health");
    assert_eq!(health.api, crate::api::wire::API_VERSION);
    assert_eq!(health.app, env!("CARGO_PKG_VERSION"));
    assert_eq!(health.schema, gasdesk_core::store::LATEST_VERSION);
    let settings = f.desk.public_settings().expect("settings");
    assert_eq!((health.agency_name, health.emergency_helpline), (settings.agency_name, settings.emergency_helpline));
}

/// A request body sent in chunks, which may then stall for ever (a client that stops sending).
struct Chunks {
    chunks: Vec<Bytes>,
    stall_after: bool,
}

impl hyper::body::Body for Chunks {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.chunks.is_empty() {
            return if self.stall_after { Poll::Pending } else { Poll::Ready(None) };
        }
        let chunk = self.chunks.remove(0);
        Poll::Ready(Some(Ok(Frame::data(chunk))))
    }
}
