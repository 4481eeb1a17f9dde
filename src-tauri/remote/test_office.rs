//! A stand-in office for the kiosk client's tests: HTTPS on 127.0.0.1 with a certificate of the
//! test's choosing (tokio-rustls + hyper), which records every request it is sent and answers
//! as the test says (a reply, a hang, or a dropped connection: a reply lost on the way).
use crate::api::wire::{Health, API_VERSION};
use crate::remote::pinning::{fingerprint_of, Fingerprint};
use axum::body::Body;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;

/// A self-signed certificate and its key, as the office makes on first start.
#[derive(Clone)]
pub struct TestCert {
    pub cert_der: CertificateDer<'static>,
    pub key_der: Vec<u8>,
    pub fingerprint: Fingerprint,
}

pub fn self_signed() -> TestCert {
    let made = rcgen::generate_simple_self_signed(vec!["gasdesk-office".to_owned()]).expect("rcgen makes a certificate");
    let cert_der = made.cert.der().clone();
    let fingerprint = fingerprint_of(cert_der.as_ref());
    TestCert { cert_der, key_der: made.signing_key.serialize_der(), fingerprint }
}

/// One request as the office received it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub terminal: Option<String>,
    pub body: String,
}

/// What the office does with a request.
pub enum Answer {
    /// Status and JSON body.
    Reply(u16, String),
    /// Reads the request and closes the connection without a reply (the reply lost).
    Drop,
    /// Never answers (until the client gives up).
    Hang,
}

type Script = Arc<dyn Fn(&Seen, usize) -> Answer + Send + Sync>;

/// The health an office of this build reports.
pub fn health_json(api: &str) -> String {
    serde_json::to_string(&Health {
        api: api.to_owned(),
        app: "test".to_owned(),
        schema: 1,
        agency_name: "Test Gas Agency".to_owned(),
        emergency_helpline: "1906".to_owned(),
    })
    .expect("health serialises")
}

/// Health answered; every command echoed back as `{"echo": <body>}`.
pub fn default_script() -> Script {
    Arc::new(|seen: &Seen, _n| {
        if seen.path == "/v1/health" {
            Answer::Reply(200, health_json(API_VERSION))
        } else {
            Answer::Reply(200, format!("{{\"echo\":{}}}", if seen.body.is_empty() { "null" } else { &seen.body }))
        }
    })
}

pub struct TestOffice {
    pub addr: SocketAddr,
    cert: TestCert,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: JoinHandle<()>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl TestOffice {
    pub async fn start(cert: TestCert) -> TestOffice {
        TestOffice::start_scripted(cert, "127.0.0.1:0".parse().expect("an address"), default_script()).await
    }

    /// `script(request, how many requests came before it)` decides each answer.
    pub async fn start_scripted(cert: TestCert, addr: SocketAddr, script: Script) -> TestOffice {
        let listener = TcpListener::bind(addr).await.expect("binds");
        let addr = listener.local_addr().expect("an address");
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(cert.key_der.clone()));
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert.cert_der.clone()], key)
            .expect("a server config");
        let acceptor = TlsAcceptor::from(Arc::new(config));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let task = tokio::spawn(accept_loop(listener, acceptor, seen.clone(), script, connections.clone()));
        TestOffice { addr, cert, seen, task, connections }
    }

    pub fn fingerprint(&self) -> Fingerprint {
        self.cert.fingerprint
    }

    /// `ADDR:PORT`, as a kiosk is given it.
    pub fn address(&self) -> String {
        self.addr.to_string()
    }

    pub fn base_url(&self) -> String {
        format!("https://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// Stops listening and cuts every open connection, freeing the port.
    pub async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
        let connections: Vec<_> = std::mem::take(&mut *self.connections.lock().unwrap());
        for connection in connections {
            connection.abort();
            let _ = connection.await;
        }
    }
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    seen: Arc<Mutex<Vec<Seen>>>,
    script: Script,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
) {
    loop {
        let Ok((tcp, _)) = listener.accept().await else { continue };
        let (acceptor, seen, script) = (acceptor.clone(), seen.clone(), script.clone());
        let connection = tokio::spawn(async move {
            let Ok(tls) = acceptor.accept(tcp).await else { return };
            let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                let (seen, script) = (seen.clone(), script.clone());
                async move { answer(request, &seen, &script).await }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tls), service).await;
        });
        connections.lock().unwrap().push(connection);
    }
}

async fn answer(
    request: Request<hyper::body::Incoming>,
    seen: &Mutex<Vec<Seen>>,
    script: &Script,
) -> Result<Response<Body>, std::io::Error> {
    let (parts, body) = request.into_parts();
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let bytes = axum::body::to_bytes(Body::new(body), 1 << 20).await.unwrap_or_default();
    let request = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        authorization: header("authorization"),
        terminal: header(crate::api::wire::TERMINAL_HEADER),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    let before = {
        let mut seen = seen.lock().unwrap();
        seen.push(request.clone());
        seen.len() - 1
    };
    match script(&request, before) {
        Answer::Reply(status, json) => {
            Ok(Response::builder().status(status).header("content-type", "application/json").body(Body::from(json)).expect("a response"))
        }
        Answer::Drop => Err(std::io::Error::other("the test office drops this reply")),
        Answer::Hang => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            Err(std::io::Error::other("hung"))
        }
    }
}
