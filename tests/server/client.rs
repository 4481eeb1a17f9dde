//! A minimal HTTPS client for the tests: TLS by rustls (ring) accepting only the certificate
//! whose SHA-256 is pinned (the kiosk's verifier), and one HTTP/1.1 request
//! per connection written by hand, so the tests see exactly what goes over the wire.
use gasdesk::remote::pinning::{client_config, Fingerprint, Pin, PinnedVerifier};
use rustls::pki_types::ServerName;
use serde_json::Value;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// A client accepting only the certificate with `pin`: the kiosk's own verifier, which also
/// tells which certificate it accepted or refused.
pub struct Client {
    pub verifier: Arc<PinnedVerifier>,
    connector: TlsConnector,
}

impl Client {
    pub fn new(pin: Fingerprint) -> Client {
        let verifier = PinnedVerifier::new(Pin::Fingerprint(pin));
        let config = client_config(verifier.clone()).expect("a client configuration");
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
