//! The HTTP face of the command list: `GET /v1/health`, `POST /v1/pair` and `POST
//! /v1/<command>` for every command of `with_commands!`, answered with the JSON the window gets
//! or the `{code, message, field}` payload with its HTTP status (`IpcError::http_status`).
//! Every refusal, the framework's own included (a body too large, a wrong method, a timeout),
//! is that payload, so a kiosk has one shape of answer to read.
use super::office::Office;
use super::per_address::PairingThrottle;
use super::Limits;
use crate::api::dispatch::{dispatch, is_command};
use crate::api::wire::{Health, PairReply, PairRequest, API_VERSION, HEALTH_PATH, PAIR_PATH, TERMINAL_HEADER};
use crate::api::{IpcError, IpcResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Error;
use serde_json::Value;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;
use tokio::time::timeout;
use tower_http::limit::RequestBodyLimitLayer;

/// A device token longer than this is not one of ours: refused without asking the database.
const MAX_TOKEN_CHARS: usize = 256;

/// What the routes share: the office, the limits, and the places that bound what requests
/// may cost at once. Only a known device may wait for a command's place or send a body to one;
/// pairing, the one route a stranger may send a body to, has its own few places and a count
/// per address, so nothing a stranger sends can keep a paired kiosk waiting.
struct Served {
    office: Arc<Office>,
    limits: Limits,
    commands: Arc<Semaphore>,
    pairings: Arc<Semaphore>,
    pairing_attempts: PairingThrottle,
}

/// The router with the default limits.
pub fn router(office: Arc<Office>) -> Router {
    router_with(office, Limits::default())
}

/// The router: the three routes and a payload for any other path, inside (outermost first)
/// the payload for the layers' own refusals and the body limit. Each route bounds its own
/// time and places (see `command`, `pair`, `health`): the health check takes no place at all.
pub fn router_with(office: Arc<Office>, limits: Limits) -> Router {
    let served = Arc::new(Served {
        office,
        limits,
        commands: Arc::new(Semaphore::new(limits.concurrent_requests)),
        pairings: Arc::new(Semaphore::new(limits.concurrent_pairings)),
        pairing_attempts: PairingThrottle::new(limits.pairings_per_minute),
    });
    // Each `layer` wraps everything above it: the last one sees every request first.
    Router::new()
        .route(HEALTH_PATH, get(health))
        .route(PAIR_PATH, post(pair))
        .route("/v1/{command}", post(command))
        .fallback(no_such_path)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .with_state(served)
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(axum::middleware::map_response(payload_for_bare_refusals))
}

fn refusal(code: ErrorCode, message: &str, field: Option<&str>) -> IpcError {
    IpcError(ErrorPayload::plain(code, message, field))
}

fn status_of(error: &IpcError) -> StatusCode {
    StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn refused(error: IpcError) -> Response {
    (status_of(&error), Json(error)).into_response()
}

fn answer(result: IpcResult<Value>) -> Response {
    match result {
        Ok(value) => (StatusCode::OK, Json(value)).into_response(),
        Err(error) => refused(error),
    }
}

/// Runs `work` (database work: it blocks) on the blocking pool. A panic in it is answered as an
/// internal error, never passed on.
async fn on_blocking_pool(work: impl FnOnce() -> IpcResult<Value> + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => answer(result),
        Err(failure) => answer(Err(Error::Internal(format!("a request's task failed: {failure}")).into())),
    }
}

async fn health(State(served): State<Arc<Served>>) -> Response {
    let desk = served.office.desk().clone();
    let answered = timeout(
        served.limits.request_timeout,
        on_blocking_pool(move || {
            let settings = desk.public_settings()?;
            let health = Health {
                api: API_VERSION.to_owned(),
                app: env!("CARGO_PKG_VERSION").to_owned(),
                // The file is migrated to this version when the desk opens (or refused if newer).
                schema: desk.schema_version(),
                agency_name: settings.agency_name,
                emergency_helpline: settings.emergency_helpline,
            };
            to_json(health)
        }),
    )
    .await;
    answered.unwrap_or_else(|_| busy())
}

fn to_json<T: serde::Serialize>(value: T) -> IpcResult<Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(format!("reply not serialisable: {e}")).into())
}

/// The address the request came from, which the listener notes on each connection (none in
/// tests that call the router without a socket).
fn peer_address(request: &Request) -> Option<IpAddr> {
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip())
}

async fn pair(State(served): State<Arc<Served>>, request: Request) -> Response {
    // Counted before anything is read: a machine trying codes at speed is stopped here.
    if let Err(retry_after_secs) = served.pairing_attempts.attempt(peer_address(&request), Instant::now()) {
        let retry_after_secs = i64::try_from(retry_after_secs).unwrap_or(i64::MAX);
        return refused(Error::Throttled { retry_after_secs }.into());
    }
    // No waiting for a place: pairing is rare, and a full house means someone is flooding it.
    let Ok(place) = served.pairings.clone().try_acquire_owned() else {
        return busy();
    };
    let headers = request.headers().clone();
    let bytes = match read_body(&served.limits, request).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let request = match json_body(&headers, &bytes).and_then(|value| {
        serde_json::from_value::<PairRequest>(value)
            .map_err(|e| refusal(ErrorCode::Invalid, &format!("A pairing request is {{\"code\", \"name\"}}: {e}"), Some("body")))
    }) {
        Ok(request) => request,
        Err(error) => return refused(error),
    };
    let desk = served.office.desk().clone();
    let pairing = on_blocking_pool(move || {
        let _place = place;
        let paired = desk.pair_kiosk(&request.code, &request.name)?;
        to_json(PairReply { device_id: paired.device.id, device_token: paired.token, name: paired.device.name })
    });
    timeout(served.limits.request_timeout, pairing).await.unwrap_or_else(|_| busy())
}

/// `POST /v1/<command>`. In this order, so a stranger costs the office almost nothing: the
/// device and terminal from the headers alone (no place taken, no body read), the body within
/// its own timeout, then a place among `concurrent_requests` and the work, each within
/// `request_timeout`.
async fn command(State(served): State<Arc<Served>>, Path(name): Path<String>, request: Request) -> Response {
    let token = bearer_token(request.headers());
    let secret = request.headers().get(TERMINAL_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let office = served.office.clone();
    let asked = name.clone();
    let who = tokio::task::spawn_blocking(move || {
        // Who is asking comes first: a stranger learns nothing, not even which commands exist.
        let device = office.desk().device_for_token(&token.ok_or(Error::UnknownDevice)?)?;
        if !is_command(&asked) {
            return Err(refusal(ErrorCode::NotFound, &format!("There is no command called {asked:?}."), None));
        }
        office.terminal(device.id, secret.as_deref())
    });
    let terminal = match timeout(served.limits.request_timeout, who).await {
        Ok(Ok(Ok(terminal))) => terminal,
        Ok(Ok(Err(error))) => return refused(error),
        Ok(Err(failure)) => return answer(Err(Error::Internal(format!("a request's task failed: {failure}")).into())),
        Err(_) => return busy(),
    };
    let headers = request.headers().clone();
    let bytes = match read_body(&served.limits, request).await {
        Ok(bytes) => bytes,
        Err(response) => return response,
    };
    let args = match json_body(&headers, &bytes) {
        Ok(args) => args,
        Err(error) => return refused(error),
    };
    // Waiting for a place: nothing is done yet, so a kiosk may simply ask again.
    let place = match timeout(served.limits.request_timeout, served.commands.clone().acquire_owned()).await {
        Ok(Ok(place)) => place,
        Ok(Err(_)) | Err(_) => return busy(),
    };
    let is_booking = name == "book_cylinder";
    let work = on_blocking_pool(move || {
        // Held until the work really ends, even past the timeout: the pool never runs more.
        let _place = place;
        dispatch(&terminal, &name, args)
    });
    match timeout(served.limits.request_timeout, work).await {
        Ok(response) => response,
        Err(_) => not_answered_in_time(is_booking),
    }
}

/// A command not done by the timeout may still finish. Only a booking tells the kiosk so
/// (`OutcomeUnknown`: it asks again with the same idempotency key and hears the outcome);
/// every other command is `Busy`, which a person simply tries again.
fn not_answered_in_time(is_booking: bool) -> Response {
    if is_booking {
        refused(refusal(
            ErrorCode::OutcomeUnknown,
            "The office did not answer in time. The booking may still be done: ask again to see.",
            None,
        ))
    } else {
        busy()
    }
}

fn busy() -> Response {
    refused(Error::Busy.into())
}

/// The body, read within `body_timeout` (408 when it does not arrive: nothing was done) and
/// `body_bytes` (413).
async fn read_body(limits: &Limits, request: Request) -> Result<Bytes, Response> {
    match timeout(limits.body_timeout, Bytes::from_request(request, &())).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(rejection)) => Err(body_refused(&rejection)),
        Err(_) => Err((
            StatusCode::REQUEST_TIMEOUT,
            Json(refusal(ErrorCode::Invalid, "The request did not arrive in time, so nothing was done. Please try again.", Some("body"))),
        )
            .into_response()),
    }
}

/// The device token of `Authorization: Bearer <token>`, if there is a plausible one.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    let plausible = scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= MAX_TOKEN_CHARS;
    plausible.then(|| token.to_owned())
}

/// A body that could not be read: 413 over the limit (the body limit layer ends the body
/// there), 400 otherwise.
fn body_refused(rejection: &BytesRejection) -> Response {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large()
    } else {
        refused(refusal(ErrorCode::Invalid, "The request body could not be read.", Some("body")))
    }
}

/// The body as JSON: empty means no arguments (`null`); anything else must be declared
/// `application/json` and parse (400 otherwise).
fn json_body(headers: &HeaderMap, bytes: &[u8]) -> IpcResult<Value> {
    let content_type = headers.get(header::CONTENT_TYPE);
    if bytes.is_empty() && content_type.is_none() {
        return Ok(Value::Null);
    }
    if !content_type.is_some_and(is_json) {
        return Err(refusal(ErrorCode::Invalid, "The request body must be JSON (Content-Type: application/json).", Some("body")));
    }
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_slice(bytes)
        .map_err(|e| refusal(ErrorCode::Invalid, &format!("The request body is not valid JSON: {e}"), Some("body")))
}

fn is_json(content_type: &HeaderValue) -> bool {
    content_type
        .to_str()
        .ok()
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// The 413 answer: code `Invalid` (the request is wrong), status 413 (why).
fn too_large() -> Response {
    (StatusCode::PAYLOAD_TOO_LARGE, Json(refusal(ErrorCode::Invalid, "The request body is too large.", Some("body")))).into_response()
}

async fn no_such_path() -> Response {
    refused(refusal(ErrorCode::NotFound, "There is no such path on the GasDesk office server.", None))
}

/// The layers and the framework answer some refusals themselves, without a JSON body (413
/// from the body limit, 405 for a wrong method). Each becomes the payload, with
/// the status its code has (413 kept: it says why).
async fn payload_for_bare_refusals(response: Response) -> Response {
    let status = response.status();
    let is_payload = response.headers().get(header::CONTENT_TYPE).is_some_and(is_json);
    if !(status.is_client_error() || status.is_server_error()) || is_payload {
        return response;
    }
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        StatusCode::METHOD_NOT_ALLOWED => (
            StatusCode::METHOD_NOT_ALLOWED,
            Json(refusal(ErrorCode::Invalid, "Commands are sent with POST; the health check with GET.", None)),
        )
            .into_response(),
        StatusCode::NOT_FOUND => no_such_path().await,
        other if other.is_client_error() => {
            (other, Json(refusal(ErrorCode::Invalid, "The request was not understood.", None))).into_response()
        }
        other => (other, Json(refusal(ErrorCode::Internal, "The office server could not answer.", None))).into_response(),
    }
}
