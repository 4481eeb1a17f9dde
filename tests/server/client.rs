//! A minimal HTTPS client for the tests: TLS by rustls (ring) accepting only the certificate
//! whose SHA-256 is pinned (or, unpinned, any, recording what it saw), and one HTTP/1.1 request
//! per connection written by hand, so the tests see exactly what goes over the wire.
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

#[derive(Debug)]
pub struct Pinned {
    pin: Option<[u8; 32]>,
    pub seen: Mutex<Option<[u8; 32]>>,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint: [u8; 32] = Sha256::digest(end_entity.as_ref()).into();
        *self.seen.lock().unwrap() = Some(fingerprint);
        match self.pin {
            Some(pin) if pin != fingerprint => Err(rustls::Error::General("not the pinned certificate".into())),
            _ => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// A client accepting only the certificate with `pin` (any, when `None`).
pub struct Client {
    pub verifier: Arc<Pinned>,
    connector: TlsConnector,
}

impl Client {
    pub fn new(pin: Option<[u8; 32]>) -> Client {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let verifier = Arc::new(Pinned { pin, seen: Mutex::new(None), provider: provider.clone() });
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_no_client_auth();
        Client { verifier, connector: TlsConnector::from(Arc::new(config)) }
    }

    pub async fn connect(&self, addr: SocketAddr) -> std::io::Result<TlsStream<TcpStream>> {
        let tcp = TcpStream::connect(addr).await?;
        self.connector.connect(ServerName::try_from("gasdesk-office").unwrap(), tcp).await
    }

    /// A connection from `source` (another loopback address: another machine, as the office
    /// counts them).
    pub async fn connect_from(&self, source: IpAddr, addr: SocketAddr) -> std::io::Result<TlsStream<TcpStream>> {
        let socket = TcpSocket::new_v4()?;
        socket.bind(SocketAddr::new(source, 0))?;
        let tcp = socket.connect(addr).await?;
        self.connector.connect(ServerName::try_from("gasdesk-office").unwrap(), tcp).await
    }

    /// One request on a connection of its own: the status and the JSON body.
    pub async fn send(
        &self,
        addr: SocketAddr,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> std::io::Result<(u16, Value)> {
        let mut tls = self.connect(addr).await?;
        let mut head =
            format!("{method} {path} HTTP/1.1\r\nHost: gasdesk-office\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        tls.write_all(head.as_bytes()).await?;
        tls.write_all(body.as_bytes()).await?;
        tls.flush().await?;
        let answer = read_to_close(&mut tls).await;
        let text = String::from_utf8_lossy(&answer);
        let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| std::io::Error::other(format!("no HTTP answer: {text:?}")))?;
        let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| std::io::Error::other(head.to_owned()))?;
        let json = serde_json::from_str(body).map_err(|e| std::io::Error::other(format!("{e}: {body:?}")))?;
        Ok((status, json))
    }

    /// `POST /v1/<command>` as a kiosk terminal.
    pub async fn call(&self, addr: SocketAddr, token: &str, secret: &str, command: &str, args: &Value) -> std::io::Result<(u16, Value)> {
        let authorization = format!("Bearer {token}");
        let headers = [("Authorization", authorization.as_str()), ("x-gasdesk-terminal", secret), ("Content-Type", "application/json")];
        self.send(addr, "POST", &format!("/v1/{command}"), &headers, &args.to_string()).await
    }
}

/// Everything until the other side closes (with or without TLS's close_notify).
pub async fn read_to_close<S: AsyncReadExt + Unpin>(stream: &mut S) -> Vec<u8> {
    let mut all = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return all,
            Ok(n) => all.extend_from_slice(&buffer[..n]),
        }
    }
}
