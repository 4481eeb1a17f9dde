//! Starting and stopping the server: the TLS accept loop over a TCP listener, one task per
//! connection. A client that connects and sends nothing (or half a handshake, or half a
//! request head) is dropped after its timeout while every other connection is served; beyond
//! `max_connections` (or `connections_per_address` from one machine) a new connection is
//! closed at once.
use super::mdns::{self, Advertisement};
use super::office::Office;
use super::per_address::ConnectionCounts;
use super::routes::router_with;
use super::tls::OfficeCertificate;
use super::{Limits, ServerError};
use crate::api::session::SystemSessionClock;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use gasdesk_core::Desk;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// How long `stop` lets open requests finish before closing their connections.
const STOP_GRACE: Duration = Duration::from_secs(5);
/// A pause after a failed accept (out of file descriptors, say), so the loop does not spin.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// Where to listen, whether to advertise the office on the LAN by mDNS, and what to do with
/// bookings found Pending at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerOptions {
    pub listen: SocketAddr,
    pub advertise: bool,
    pub pending_at_start: PendingAtStart,
}

/// Bookings found Pending when the server starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingAtStart {
    /// Settle every one, lease or not (`Desk::settle_interrupted_bookings`): for a fresh
    /// process (`gasdesk serve`), where a Pending booking can only be one a dead server left,
    /// so a kiosk retrying it hears its outcome at once.
    SettleAll,
    /// Only those whose lease lapsed (`Desk::reconcile_lapsed_bookings`): for a server started
    /// again inside the office window, where a booking may still be paying in this process (a
    /// request of the server just stopped) or in a kiosk window on the same file. Settling it
    /// would refund a good payment and leave the customer without a cylinder.
    LapsedOnly,
}

/// A server that is listening. Dropping it stops accepting at once; `stop` also lets the open
/// requests finish and takes the mDNS advertisement back.
pub struct RunningServer {
    local_addr: SocketAddr,
    fingerprint: [u8; 32],
    fingerprint_hex: String,
    office: Arc<Office>,
    shutdown: watch::Sender<bool>,
    accept_loop: JoinHandle<()>,
    advertisement: Option<Advertisement>,
}

/// [`start_with`] the default limits.
pub async fn start(desk: Arc<Desk>, db_path: &Path, options: ServerOptions) -> Result<RunningServer, ServerError> {
    start_with(desk, db_path, options, Limits::default()).await
}

/// Starts serving `desk` (the database at `db_path`, beside which the certificate is kept or
/// made) on `options.listen`. Call it inside a tokio runtime (the office window's, or the
/// command line's own); it returns once the address is bound.
pub async fn start_with(desk: Arc<Desk>, db_path: &Path, options: ServerOptions, limits: Limits) -> Result<RunningServer, ServerError> {
    let certificate = OfficeCertificate::load_or_create(db_path)?;
    let acceptor = TlsAcceptor::from(Arc::new(certificate.server_config()?));
    let listener = TcpListener::bind(options.listen).await.map_err(|source| ServerError::Listen { addr: options.listen, source })?;
    let local_addr = listener.local_addr().map_err(|source| ServerError::Listen { addr: options.listen, source })?;
    settle_pending_at_start(&desk, options.pending_at_start).await;

    let office = Arc::new(Office::new(desk, Arc::new(SystemSessionClock)));
    let router = router_with(office.clone(), limits);
    let (shutdown, stopping) = watch::channel(false);
    let accept_loop = tokio::spawn(accept_loop(listener, acceptor, router, limits, stopping));
    let advertisement = if options.advertise { mdns::advertise(local_addr, &certificate.fingerprint()) } else { None };
    Ok(RunningServer {
        local_addr,
        fingerprint: certificate.fingerprint(),
        fingerprint_hex: certificate.fingerprint_hex(),
        office,
        shutdown,
        accept_loop,
        advertisement,
    })
}

/// Bookings left Pending by a server that stopped (killed mid-payment, say) are settled before
/// kiosks book again, as `pending` says. A failure here is logged, not fatal: every booking
/// reconciles lapsed ones first anyway.
async fn settle_pending_at_start(desk: &Arc<Desk>, pending: PendingAtStart) {
    let desk = desk.clone();
    let settled = tokio::task::spawn_blocking(move || match pending {
        PendingAtStart::SettleAll => desk.settle_interrupted_bookings(),
        PendingAtStart::LapsedOnly => desk.reconcile_lapsed_bookings(),
    });
    match settled.await {
        Ok(Ok(0)) => {}
        Ok(Ok(settled)) => eprintln!("gasdesk: settled {settled} interrupted booking(s) and refund(s) at start"),
        Ok(Err(e)) => eprintln!("gasdesk: could not settle interrupted bookings at start: {e}"),
        Err(e) => eprintln!("gasdesk: settling interrupted bookings at start failed: {e}"),
    }
}

impl RunningServer {
    /// The address bound (the real port when asked for port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// The SHA-256 of the office certificate, which kiosks pin.
    pub fn fingerprint(&self) -> [u8; 32] {
        self.fingerprint
    }

    pub fn fingerprint_hex(&self) -> String {
        self.fingerprint_hex.clone()
    }

    /// The kiosk terminals (the office window forgets a revoked kiosk's at once).
    pub fn office(&self) -> &Arc<Office> {
        &self.office
    }

    /// Where kiosks on the LAN can reach this server, to show staff: the bound address when it
    /// is a specific one, else this PC's non-loopback addresses on the bound port (loopback
    /// only when there is nothing else).
    pub fn addresses(&self) -> Vec<SocketAddr> {
        lan_addresses(self.local_addr)
    }

    /// Stops accepting, lets open requests finish (a few seconds at most), then returns. A
    /// booking already running in the domain always completes: it is on the blocking pool.
    pub async fn stop(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(advertisement) = self.advertisement.take() {
            let _ = tokio::task::spawn_blocking(move || advertisement.stop()).await;
        }
        let _ = (&mut self.accept_loop).await;
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}

fn lan_addresses(bound: SocketAddr) -> Vec<SocketAddr> {
    if !bound.ip().is_unspecified() {
        return vec![bound];
    }
    let wanted = |ip: &IpAddr| match (bound.ip(), ip) {
        (IpAddr::V4(_), IpAddr::V4(_)) => true,
        // An IPv6 wildcard usually accepts IPv4 too.
        (IpAddr::V6(_), _) => true,
        _ => false,
    };
    let mut found: Vec<SocketAddr> = match if_addrs::get_if_addrs() {
        Ok(interfaces) => interfaces
            .into_iter()
            .map(|interface| interface.ip())
            .filter(|ip| !ip.is_loopback() && wanted(ip))
            .map(|ip| SocketAddr::new(ip, bound.port()))
            .collect(),
        Err(e) => {
            eprintln!("gasdesk: could not list this PC's network addresses: {e}");
            Vec::new()
        }
    };
    // IPv4 first: what staff type at a kiosk.
    found.sort_by_key(|a| (a.is_ipv6(), *a));
    found.dedup();
    if found.is_empty() {
        found.push(SocketAddr::new(
            if bound.is_ipv4() { IpAddr::from([127, 0, 0, 1]) } else { IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]) },
            bound.port(),
        ));
    }
    found
}

async fn accept_loop(listener: TcpListener, acceptor: TlsAcceptor, router: Router, limits: Limits, mut stopping: watch::Receiver<bool>) {
    let open_connections = Arc::new(Semaphore::new(limits.max_connections));
    let per_address = Arc::new(ConnectionCounts::default());
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop_asked(&mut stopping) => break,
            accepted = listener.accept() => {
                let (tcp, peer) = match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        eprintln!("gasdesk: accepting a connection failed: {e}");
                        tokio::time::sleep(ACCEPT_RETRY).await;
                        continue;
                    }
                };
                // Over the cap the connection is closed at once (dropped): the others go on.
                let Some(place) = ConnectionCounts::enter(&per_address, peer.ip(), limits.connections_per_address) else { continue };
                let Ok(permit) = open_connections.clone().try_acquire_owned() else { continue };
                let (acceptor, router, stopping) = (acceptor.clone(), router.clone(), stopping.clone());
                connections.spawn(async move {
                    serve_connection(tcp, peer, acceptor, router, limits, stopping).await;
                    drop((permit, place));
                });
                // Finished connections' results are collected as we go, so the set stays small.
                while connections.try_join_next().is_some() {}
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(STOP_GRACE, async { while connections.join_next().await.is_some() {} }).await.is_err() {
        connections.abort_all();
    }
}

/// Resolves once `stop` was asked (or the `RunningServer` dropped).
async fn stop_asked(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stop| *stop).await;
}

async fn serve_connection(
    tcp: TcpStream,
    peer: SocketAddr,
    acceptor: TlsAcceptor,
    router: Router,
    limits: Limits,
    mut stopping: watch::Receiver<bool>,
) {
    let _ = tcp.set_nodelay(true);
    let tls = match tokio::time::timeout(limits.handshake_timeout, acceptor.accept(tcp)).await {
        Ok(Ok(tls)) => tls,
        // A failed or slow handshake (a stranger, a port scan, a kiosk pinning another office):
        // nothing to answer, the connection just ends.
        Ok(Err(_)) | Err(_) => return,
    };
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout).keep_alive(true);
    // Each request carries the address it came from: pairing attempts are counted by it.
    let router = router.map_request(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(peer));
        request
    });
    let connection = http.serve_connection(TokioIo::new(tls), TowerToHyperService::new(router));
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => {}
        _ = stop_asked(&mut stopping) => {
            // Finish the request under way, then close.
            connection.as_mut().graceful_shutdown();
            let _ = connection.await;
        }
    }
}
