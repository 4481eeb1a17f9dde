//! The accept loop: clients that send nothing are dropped after their timeout while others are
//! served, the connection cap closes extra connections at once, and stop really stops.
use super::client::{read_to_close, Client};
use gasdesk::server::{fingerprint_of, start_with, Limits, PendingAtStart, RunningServer, ServerOptions, CERTIFICATE_FILE};
use gasdesk_core::domain::MockRazorpay;
use gasdesk_core::Desk;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use tokio::time::timeout;

const LOOPBACK_ANY_PORT: &str = "127.0.0.1:0";
/// Long enough for any answer on a busy test machine; a hang fails the test instead of blocking it.
const PATIENCE: Duration = Duration::from_secs(10);

async fn serve(dir: &tempfile::TempDir, limits: Limits, advertise: bool) -> RunningServer {
    let db = dir.path().join("gasdesk.db");
    let desk = Desk::open(&db, Arc::new(MockRazorpay::new())).expect("the database opens");
    let listen: SocketAddr = LOOPBACK_ANY_PORT.parse().expect("an address");
    start_with(Arc::new(desk), &db, ServerOptions { listen, advertise, pending_at_start: PendingAtStart::SettleAll }, limits)
        .await
        .expect("the server starts")
}

async fn health(client: &Client, addr: SocketAddr) -> std::io::Result<(u16, serde_json::Value)> {
    timeout(PATIENCE, client.send(addr, "GET", "/v1/health", &[], "")).await.map_err(std::io::Error::other)?
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_send_nothing_are_dropped_after_the_timeout_while_others_are_served() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let quick = Duration::from_millis(600);
    let server = serve(&dir, Limits { handshake_timeout: quick, header_read_timeout: quick, ..Limits::default() }, false).await;
    let addr = server.local_addr();
    let client = Client::new(server.fingerprint());

    let connected_at = Instant::now();
    // No TLS handshake at all; a handshake and then nothing; half a request head.
    let mut silent = TcpStream::connect(addr).await.expect("connects");
    let mut silent_after_tls = client.connect(addr).await.expect("TLS handshake");
    let mut half_a_request = client.connect(addr).await.expect("TLS handshake");
    half_a_request.write_all(b"POST /v1/book_cylinder HTTP/1.1\r\nHost: gasdesk-off").await.expect("half a head");
    half_a_request.flush().await.expect("sent");

    // Meanwhile the server answers everyone else.
    for _ in 0..3 {
        let (status, body) = health(&client, addr).await.expect("health answers");
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["api"], gasdesk::api::wire::API_VERSION);
    }

    for (name, closed) in [
        ("no handshake", timeout(PATIENCE, read_to_close(&mut silent)).await),
        ("handshake only", timeout(PATIENCE, read_to_close(&mut silent_after_tls)).await),
        ("half a request", timeout(PATIENCE, read_to_close(&mut half_a_request)).await),
    ] {
        assert!(closed.is_ok(), "{name}: the server dropped the connection");
    }
    assert!(connected_at.elapsed() >= quick, "dropped by the timeout, not before: {:?}", connected_at.elapsed());
    let (status, _) = health(&client, addr).await.expect("still serving");
    assert_eq!(status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_without_a_token_over_tls_with_the_certificate_kept_beside_the_database() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let server = serve(&dir, Limits::default(), false).await;
    // A client pinning another certificate gets no answer at all, and learns the one presented.
    let stranger = Client::new([0; 32]);
    assert!(stranger.connect(server.local_addr()).await.is_err(), "the handshake fails on the pin");
    let seen = stranger.verifier.refused().expect("a certificate was presented");
    assert_eq!(seen, server.fingerprint(), "the server presents the certificate it reports");
    let client = Client::new(seen);
    let (status, body) = health(&client, server.local_addr()).await.expect("health answers");
    assert_eq!(status, 200, "{body}");
    for key in ["api", "app", "schema", "agency_name", "emergency_helpline"] {
        assert!(!body[key].is_null(), "{key} in {body}");
    }
    let on_disk = CertificateDer::from_pem_file(dir.path().join(CERTIFICATE_FILE)).expect("beside the database");
    assert_eq!(fingerprint_of(on_disk.as_ref()), seen);
    assert_eq!(server.fingerprint_hex().len(), 64);
    assert_eq!(server.addresses(), vec![server.local_addr()], "a specific address is shown as it is");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_are_closed_at_once_and_the_others_go_on() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let server = serve(&dir, Limits { max_connections: 2, ..Limits::default() }, false).await;
    let addr = server.local_addr();
    let first = TcpStream::connect(addr).await.expect("connects");
    let second = TcpStream::connect(addr).await.expect("connects");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut third = TcpStream::connect(addr).await.expect("the kernel accepts it");
    let started = Instant::now();
    timeout(Duration::from_secs(5), read_to_close(&mut third)).await.expect("closed at once, well before the handshake timeout");
    assert!(started.elapsed() < Limits::default().handshake_timeout);

    // Once those two go, their places are free again.
    drop((first, second));
    let client = Client::new(server.fingerprint());
    let deadline = Instant::now() + PATIENCE;
    loop {
        match health(&client, addr).await {
            Ok((200, _)) => break,
            other => assert!(Instant::now() < deadline, "served again once places are free: {other:?}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_server_accepts_nothing_and_a_restart_keeps_its_certificate() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Advertised by mDNS too: whether or not this machine allows multicast, start and stop work.
    let server = serve(&dir, Limits::default(), true).await;
    let addr = server.local_addr();
    let fingerprint = server.fingerprint();
    let stopped = Instant::now();
    timeout(PATIENCE, server.stop()).await.expect("stop returns");
    assert!(stopped.elapsed() < PATIENCE);
    assert!(TcpStream::connect(addr).await.is_err(), "nothing listens there any more");

    let again = serve(&dir, Limits::default(), false).await;
    assert_eq!(again.fingerprint(), fingerprint, "paired kiosks still recognise the office");
    let (status, _) = health(&Client::new(fingerprint), again.local_addr()).await.expect("health answers");
    assert_eq!(status, 200);
    again.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_office_is_advertised_by_mdns_with_its_port_api_and_fingerprint_prefix() {
    use gasdesk::api::wire::{API_VERSION, MDNS_SERVICE};
    use gasdesk_core::domain::pairing_code::fingerprint_prefix;
    use mdns_sd::{ServiceDaemon, ServiceEvent};
    let lan = if_addrs::get_if_addrs().unwrap_or_default().into_iter().any(|i| !i.is_loopback());
    if !lan {
        eprintln!("skipped: this machine has no network interface but loopback, so nothing to advertise on");
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    let desk = Desk::open(&db, Arc::new(MockRazorpay::new())).expect("the database opens");
    let listen: SocketAddr = "0.0.0.0:0".parse().expect("an address");
    let server = start_with(
        Arc::new(desk),
        &db,
        ServerOptions { listen, advertise: true, pending_at_start: PendingAtStart::SettleAll },
        Limits::default(),
    )
    .await
    .expect("starts");
    let port = server.local_addr().port();
    let prefix = fingerprint_prefix(&server.fingerprint());

    let browser = ServiceDaemon::new().expect("an mDNS browser");
    let events = browser.browse(MDNS_SERVICE).expect("browses");
    let found = tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match events.recv_timeout(left) {
                Ok(ServiceEvent::ServiceResolved(service)) if service.get_port() == port => return Some(service),
                Ok(_) => continue,
                Err(_) => return None,
            }
        }
        None
    })
    .await
    .expect("the browser's task");
    let _ = browser.shutdown();
    let service = found.expect("the office is found by mDNS");
    assert_eq!(service.get_property_val_str("api"), Some(API_VERSION));
    assert_eq!(service.get_property_val_str("fp"), Some(prefix.as_str()));
    server.stop().await;
}

/// Pairs a kiosk over the wire with a code made at the office; its device token.
async fn paired_token(server: &RunningServer, client: &Client) -> String {
    let desk = server.office().desk().clone();
    let code = desk.add_kiosk(&gasdesk_core::domain::Actor::System, "Counter 1", &server.fingerprint()).expect("a code").code;
    let body = serde_json::json!({ "code": code, "name": "" }).to_string();
    let headers = [("Content-Type", "application/json")];
    let (status, reply) =
        timeout(PATIENCE, client.send(server.local_addr(), "POST", "/v1/pair", &headers, &body)).await.expect("answered").expect("pairs");
    assert_eq!(status, 200, "{reply}");
    reply["device_token"].as_str().expect("a token").to_owned()
}

/// A request head promising a body that never comes.
async fn stall_body(stream: &mut tokio_rustls::client::TlsStream<TcpStream>, path: &str, authorization: Option<&str>) {
    let mut head = format!("POST {path} HTTP/1.1\r\nHost: gasdesk-office\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n");
    if let Some(value) = authorization {
        head.push_str(&format!("Authorization: {value}\r\n"));
    }
    head.push_str("\r\n{\"code\": ");
    stream.write_all(head.as_bytes()).await.expect("a head");
    stream.flush().await.expect("sent");
}

/// The status of the one answer on a connection, once the server closes it.
async fn status_of(stream: &mut tokio_rustls::client::TlsStream<TcpStream>) -> Option<u16> {
    let answer = read_to_close(stream).await;
    String::from_utf8_lossy(&answer).split_whitespace().nth(1).and_then(|s| s.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_bodies_from_strangers_do_not_keep_a_paired_kiosk_or_the_health_check_waiting() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let limits = Limits { body_timeout: Duration::from_secs(2), ..Limits::default() };
    let server = serve(&dir, limits, false).await;
    let addr = server.local_addr();
    let client = Client::new(server.fingerprint());
    let token = paired_token(&server, &client).await;
    let secret = "kiosk-terminal-secret-0123456789";

    // Strangers on five other addresses: 80 pairing requests and 80 commands with no or a
    // wrong token, every one sending its head and then never its body.
    let mut pairing = Vec::new();
    let mut commands = Vec::new();
    for n in 0..80u8 {
        let source = IpAddr::from([127, 0, 0, 2 + n % 5]);
        let mut stream = client.connect_from(source, addr).await.expect("a stranger connects");
        stall_body(&mut stream, "/v1/pair", None).await;
        pairing.push(stream);
        let mut stream = client.connect_from(source, addr).await.expect("a stranger connects");
        let authorization = (n % 2 == 0).then_some("Bearer not-a-device-token");
        stall_body(&mut stream, "/v1/book_cylinder", authorization).await;
        commands.push(stream);
    }

    // Meanwhile the paired kiosk and the health check are answered at once.
    let started = Instant::now();
    let (status, body) = health(&client, addr).await.expect("health answers");
    assert_eq!(status, 200, "{body}");
    let (status, body) = timeout(PATIENCE, client.call(addr, &token, secret, "session_info", &serde_json::json!({})))
        .await
        .expect("answered")
        .expect("the kiosk's command");
    assert_eq!(status, 200, "{body}");
    assert!(started.elapsed() < Duration::from_secs(3), "answered quickly, not after the strangers: {:?}", started.elapsed());

    // Every stranger was answered: a command without a device at once (401), before its body;
    // pairing throttled (429), out of places (503) or, for the few read, out of time (408).
    for mut stream in commands {
        let status = timeout(PATIENCE, status_of(&mut stream)).await.expect("answered, not left open");
        assert_eq!(status, Some(401));
    }
    let mut seen = std::collections::BTreeSet::new();
    for mut stream in pairing {
        let status = timeout(PATIENCE, status_of(&mut stream)).await.expect("answered, not left open");
        assert!(matches!(status, Some(408 | 429 | 503)), "{status:?}");
        seen.insert(status);
    }
    assert!(seen.contains(&Some(429)), "the per-address count stopped some: {seen:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_take_every_connection() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let server = serve(&dir, Limits { connections_per_address: 3, ..Limits::default() }, false).await;
    let addr = server.local_addr();
    let stranger = IpAddr::from([127, 0, 0, 9]);
    let socket = || async {
        let socket = tokio::net::TcpSocket::new_v4().expect("a socket");
        socket.bind(SocketAddr::new(stranger, 0)).expect("bound to another loopback address");
        socket.connect(addr).await.expect("the kernel accepts it")
    };
    let held = vec![socket().await, socket().await, socket().await];
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut fourth = socket().await;
    timeout(Duration::from_secs(5), read_to_close(&mut fourth)).await.expect("closed at once");
    // Another machine is served as usual.
    let (status, _) = health(&Client::new(server.fingerprint()), addr).await.expect("health answers");
    assert_eq!(status, 200);
    drop(held);
    server.stop().await;
}
