//! The kiosk PC's client of the office (decision 0015): each command the kiosk's screen invokes
//! is posted to `https://<office>/v1/<command>` over a connection that trusts only the office's
//! pinned certificate, with the device token (`Authorization: Bearer`) and this process's
//! terminal secret (`x-gasdesk-terminal`: 32 random bytes made at start, kept only in memory,
//! so a restarted kiosk starts with nobody logged in). The office's answer comes back exactly as
//! the window would get it: the JSON result, or the `{code, message, field}` error.
//!
//! When the office cannot be reached nothing is done at the kiosk: the answer is
//! `OfficeOffline`. A booking is the exception, because its reply can be lost after the office
//! took the money: `book_cylinder` is sent again with the same body (the same idempotency key,
//! so the office books and charges at most once) until the office settles it, and if it cannot
//! within about a minute the answer is `OutcomeUnknown`, never "failed".
use crate::api::dispatch::is_command;
use crate::api::wire::{self, Health, API_VERSION};
use crate::api::IpcError;
use crate::remote::pairing_file::KioskPairing;
use crate::remote::pinning::{client_config, fingerprint_hex, Pin, PinnedVerifier};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Error;
use rand::RngCore;
use reqwest::{StatusCode, Url};
use serde_json::Value;
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The one command whose lost reply may hide a charge (see the module's comment).
pub const BOOK_CYLINDER: &str = "book_cylinder";

/// The client's patience. The defaults suit a shop's LAN; tests shorten them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientTimeouts {
    /// To open a connection (TCP and TLS) to the office.
    pub connect: Duration,
    /// For one command's answer (a booking waits on the payment gateway at the office).
    pub request: Duration,
    /// For one health check.
    pub health: Duration,
    /// How long a booking is sent again before its outcome is called unknown.
    pub outcome_budget: Duration,
    /// The first pause between two sends of a booking; doubled each time up to `max_backoff`.
    pub first_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for ClientTimeouts {
    fn default() -> Self {
        ClientTimeouts {
            connect: Duration::from_secs(3),
            request: Duration::from_secs(20),
            health: Duration::from_secs(4),
            outcome_budget: Duration::from_secs(60),
            first_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(5),
        }
    }
}

fn refusal(code: ErrorCode, message: impl Into<String>, field: Option<&str>) -> IpcError {
    IpcError(ErrorPayload::plain(code, message, field))
}

fn core_error(e: Error) -> IpcError {
    IpcError(e.payload())
}

/// Is an office with API version `office_api` one this kiosk can work with (same major)?
pub fn api_compatible(office_api: &str) -> bool {
    wire::api_major(office_api).is_some() && wire::api_major(office_api) == wire::api_major(API_VERSION)
}

/// `UpdateKiosk` unless the office speaks this kiosk's API major.
pub fn check_api(health: &Health) -> Result<(), IpcError> {
    if api_compatible(&health.api) {
        Ok(())
    } else {
        Err(core_error(Error::UpdateKiosk { office: health.api.clone(), kiosk: API_VERSION.to_owned() }))
    }
}

/// The office's base URL from `ADDR:PORT` (an IPv4 address, `[IPv6]` or a host name; a leading
/// `https://` is accepted). The port must be given: the office listens where it was told to.
pub fn office_url(address: &str) -> Result<Url, IpcError> {
    let bad = || {
        refusal(
            ErrorCode::Invalid,
            format!("{address:?} is not an office address: give it as ADDR:PORT, for example 192.168.1.10:7443."),
            Some("server"),
        )
    };
    let text = address.trim();
    let text = text.strip_prefix("https://").unwrap_or(text).trim_end_matches('/');
    if text.is_empty() || text.contains(['/', '?', '#', '@']) {
        return Err(bad());
    }
    let url = Url::parse(&format!("https://{text}/")).map_err(|_| bad())?;
    // `Url` hides a default port (443): only an explicit `:443` in the text counts as given.
    let port_given = url.port().is_some() || text.ends_with(":443");
    if url.host_str().is_none() || !port_given {
        return Err(bad());
    }
    Ok(url)
}

/// A reqwest client whose TLS trusts only what `verifier` accepts: ring provider, no proxy (the
/// office is on the LAN), no redirects, HTTPS only.
pub(crate) fn pinned_http_client(verifier: Arc<PinnedVerifier>, timeouts: &ClientTimeouts) -> Result<reqwest::Client, IpcError> {
    let tls = client_config(verifier).map_err(|e| core_error(Error::Internal(format!("TLS set-up: {e}"))))?;
    reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .https_only(true)
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(timeouts.connect)
        .timeout(timeouts.request)
        .tcp_nodelay(true)
        .build()
        .map_err(|e| core_error(Error::Internal(format!("HTTP client set-up: {e}"))))
}

/// A request that got no answer from the office.
#[derive(Debug)]
pub(crate) struct NoAnswer {
    /// The connection was never made: the office cannot have seen the request.
    pub not_sent: bool,
    pub detail: String,
}

impl From<reqwest::Error> for NoAnswer {
    fn from(e: reqwest::Error) -> Self {
        // `is_connect`: TCP or TLS failed before a byte of the request was written.
        NoAnswer { not_sent: e.is_connect(), detail: error_chain(&e) }
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// An office's answer: its result, or its refusal as the payload it sent.
pub(crate) async fn read_answer(response: reqwest::Response) -> Result<Result<Value, IpcError>, NoAnswer> {
    let status = response.status();
    let body = response.bytes().await?;
    if status.is_success() {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Ok(Value::Null));
        }
        return Ok(serde_json::from_slice(&body)
            .map_err(|_| core_error(Error::Internal(format!("the office's answer is not JSON (HTTP {status})")))));
    }
    Ok(Err(serde_json::from_slice::<ErrorPayload>(&body).map(IpcError).unwrap_or_else(|_| refusal_for_status(status))))
}

/// An error status with no payload (a proxy's page, a body refused before the router): the
/// status says what kind of refusal it was.
fn refusal_for_status(status: StatusCode) -> IpcError {
    let code = match status.as_u16() {
        400 | 413 | 415 | 422 => ErrorCode::Invalid,
        401 => ErrorCode::UnknownDevice,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        426 => ErrorCode::UpdateKiosk,
        429 => ErrorCode::Throttled,
        503 => ErrorCode::Busy,
        _ => ErrorCode::Internal,
    };
    refusal(code, format!("The office refused the request (HTTP {status})."), None)
}

/// Whether the office's refusal of a booking leaves its outcome unknown, so the same body is
/// sent again: Busy (the office is still paying for it), OutcomeUnknown (the office's own
/// request timeout struck while the work went on), and any other server error (a write that
/// failed after the charge, the task running it gone, a page with no payload) but the settled
/// ones: bookings paused (the office looks the key up first, so nothing was booked under it)
/// and a database the office cannot use (it was never opened for the booking).
fn leaves_booking_unknown(refusal: &IpcError) -> bool {
    match refusal.0.code {
        ErrorCode::Busy | ErrorCode::OutcomeUnknown => true,
        ErrorCode::Damaged | ErrorCode::IncompatibleVersion => false,
        _ => refusal.http_status() >= 500,
    }
}

/// One kiosk terminal's connection to its office.
pub struct OfficeClient {
    http: reqwest::Client,
    base: Url,
    office: String,
    device_token: String,
    /// Hex of 32 random bytes, made when this client is; never written anywhere.
    terminal_secret: String,
    verifier: Arc<PinnedVerifier>,
    timeouts: ClientTimeouts,
    /// "Another certificate answered" is logged once, not every few seconds.
    refusal_logged: AtomicBool,
}

impl fmt::Debug for OfficeClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The token and the terminal secret stay out of any log.
        f.debug_struct("OfficeClient").field("office", &self.office).finish_non_exhaustive()
    }
}

impl OfficeClient {
    /// A client for the office `pairing` names, with the default timeouts.
    pub fn new(pairing: &KioskPairing) -> Result<OfficeClient, IpcError> {
        OfficeClient::with_timeouts(pairing, ClientTimeouts::default())
    }

    pub fn with_timeouts(pairing: &KioskPairing, timeouts: ClientTimeouts) -> Result<OfficeClient, IpcError> {
        let base = office_url(&pairing.office)?;
        let fingerprint = pairing.fingerprint_bytes().ok_or_else(|| {
            refusal(ErrorCode::Invalid, "The kiosk's pairing has no valid office certificate fingerprint: pair it again.", None)
        })?;
        let verifier = PinnedVerifier::new(Pin::Fingerprint(fingerprint));
        let http = pinned_http_client(verifier.clone(), &timeouts)?;
        let mut secret = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut secret);
        Ok(OfficeClient {
            http,
            base,
            office: pairing.office.clone(),
            device_token: pairing.device_token.clone(),
            terminal_secret: data_encoding::HEXLOWER.encode(&secret),
            verifier,
            timeouts,
            refusal_logged: AtomicBool::new(false),
        })
    }

    /// `ADDR:PORT` of the office.
    pub fn office(&self) -> &str {
        &self.office
    }

    pub fn timeouts(&self) -> ClientTimeouts {
        self.timeouts
    }

    fn url(&self, path: &str) -> Result<Url, IpcError> {
        self.base.join(path).map_err(|e| core_error(Error::Internal(format!("request path {path:?}: {e}"))))
    }

    /// `GET /v1/health` (no token sent): the office's versions, name and helpline.
    pub async fn health(&self) -> Result<Health, IpcError> {
        let sent = self.http.get(self.url(wire::HEALTH_PATH)?).timeout(self.timeouts.health).send().await;
        let answer = match sent {
            Ok(response) => read_answer(response).await,
            Err(e) => Err(NoAnswer::from(e)),
        };
        let value = answer.map_err(|no| self.offline(&no))??;
        serde_json::from_value(value).map_err(|e| core_error(Error::Internal(format!("the office's health answer: {e}"))))
    }

    /// Runs `command` with `args` (the JSON object the window's `invoke` sent) at the office.
    pub async fn call(&self, command: &str, args: Value) -> Result<Value, IpcError> {
        if !is_command(command) {
            // Never forwarded: the office would refuse it anyway, and the kiosk says so itself.
            return Err(refusal(ErrorCode::NotFound, format!("There is no command called {command:?}."), None));
        }
        if command == BOOK_CYLINDER {
            return self.call_until_settled(command, &args).await;
        }
        self.send(command, &args, self.timeouts.request).await.map_err(|no| self.offline(&no))?
    }

    /// Sends a booking again (same body, same idempotency key) until the office settles it (any
    /// answer [`leaves_booking_unknown`] does not hold unsettled), for up to `outcome_budget`.
    async fn call_until_settled(&self, command: &str, args: &Value) -> Result<Value, IpcError> {
        let started = Instant::now();
        let mut pause = self.timeouts.first_backoff;
        // Whether any send may have reached the office; if none did, nothing was booked.
        let mut maybe_delivered = false;
        loop {
            let left = self.timeouts.outcome_budget.saturating_sub(started.elapsed());
            let attempt = self.send(command, args, self.timeouts.request.min(left.max(self.timeouts.connect))).await;
            match attempt {
                Ok(Err(unsettled)) if leaves_booking_unknown(&unsettled) => maybe_delivered = true,
                Ok(settled) => return settled,
                Err(no) => {
                    maybe_delivered |= !no.not_sent;
                    self.note_refused_certificate();
                    eprintln!("gasdesk: no answer from the office about a booking yet ({}); asking again", no.detail);
                }
            }
            if started.elapsed() + pause >= self.timeouts.outcome_budget {
                break;
            }
            tokio::time::sleep(pause).await;
            pause = (pause * 2).min(self.timeouts.max_backoff);
        }
        Err(core_error(if maybe_delivered { Error::OutcomeUnknown } else { Error::OfficeOffline }))
    }

    /// One `POST /v1/<command>` with the device token and terminal secret.
    async fn send(&self, command: &str, args: &Value, timeout: Duration) -> Result<Result<Value, IpcError>, NoAnswer> {
        let url = match self.url(&wire::command_path(command)) {
            Ok(url) => url,
            Err(e) => return Ok(Err(e)),
        };
        let response = self
            .http
            .post(url)
            .bearer_auth(&self.device_token)
            .header(wire::TERMINAL_HEADER, &self.terminal_secret)
            .json(args)
            .timeout(timeout)
            .send()
            .await?;
        read_answer(response).await
    }

    /// `OfficeOffline`, after saying in the log when it was another computer that answered.
    fn offline(&self, no: &NoAnswer) -> IpcError {
        self.note_refused_certificate();
        if !no.not_sent {
            eprintln!("gasdesk: the office did not answer: {}", no.detail);
        }
        core_error(Error::OfficeOffline)
    }

    fn note_refused_certificate(&self) {
        if let Some(stranger) = self.verifier.refused() {
            if !self.refusal_logged.swap(true, Ordering::Relaxed) {
                eprintln!(
                    "gasdesk: the computer at {} answered with another certificate (sha256 {}), not the paired office's; nothing was sent to it",
                    self.office,
                    fingerprint_hex(&stranger)
                );
            }
        }
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
