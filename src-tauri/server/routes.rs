//! The HTTP face of the command list: `GET /v1/health`, `POST /v1/pair` and `POST
//! /v1/<command>` for every command of `with_commands!`, answered with the JSON the window gets
//! or the `{code, message, field}` payload with its HTTP status (`IpcError::http_status`).
//! Every refusal, the framework's own included (a body too large, a wrong method, a timeout),
//! is that payload, so a kiosk has one shape of answer to read.
use super::office::Office;
use super::Limits;
use crate::api::dispatch::{dispatch, is_command};
use crate::api::wire::{Health, PairReply, PairRequest, API_VERSION, HEALTH_PATH, PAIR_PATH, TERMINAL_HEADER};
use crate::api::{IpcError, IpcResult};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Error;
use serde_json::Value;
use std::sync::Arc;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

/// A device token longer than this is not one of ours: refused without asking the database.
const MAX_TOKEN_CHARS: usize = 256;
/// What the timeout layer answers with, turned into the `OutcomeUnknown` payload below.
const TIMED_OUT: StatusCode = StatusCode::GATEWAY_TIMEOUT;

/// The router with the default limits.
pub fn router(office: Arc<Office>) -> Router {
    router_with(office, Limits::default())
}

/// The router: the three routes and a payload for any other path, inside (outermost first)
/// the payload for the layers' own refusals, the request timeout (which covers the wait for a
/// turn and reading the body too), the concurrency limit and the body limit.
pub fn router_with(office: Arc<Office>, limits: Limits) -> Router {
    // Each `layer` wraps everything above it: the last one sees every request first.
    Router::new()
        .route(HEALTH_PATH, get(health))
        .route(PAIR_PATH, post(pair))
        .route("/v1/{command}", post(command))
        .fallback(no_such_path)
        .layer(DefaultBodyLimit::max(limits.body_bytes))
        .with_state(office)
        .layer(RequestBodyLimitLayer::new(limits.body_bytes))
        .layer(GlobalConcurrencyLimitLayer::new(limits.concurrent_requests))
        .layer(TimeoutLayer::with_status_code(TIMED_OUT, limits.request_timeout))
        .layer(axum::middleware::map_response(payload_for_bare_refusals))
}

fn refusal(code: ErrorCode, message: &str, field: Option<&str>) -> IpcError {
    IpcError(ErrorPayload { code, message: message.to_owned(), field: field.map(str::to_owned) })
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

async fn health(State(office): State<Arc<Office>>) -> Response {
    let desk = office.desk().clone();
    on_blocking_pool(move || {
        let settings = desk.public_settings()?;
        let health = Health {
            api: API_VERSION.to_owned(),
            app: env!("CARGO_PKG_VERSION").to_owned(),
            // The file is migrated to this version when the desk opens (or refused if newer).
            schema: gasdesk_core::store::LATEST_VERSION,
            agency_name: settings.agency_name,
            emergency_helpline: settings.emergency_helpline,
        };
        to_json(health)
    })
    .await
}

fn to_json<T: serde::Serialize>(value: T) -> IpcResult<Value> {
    serde_json::to_value(value).map_err(|e| Error::Internal(format!("reply not serialisable: {e}")).into())
}

async fn pair(State(office): State<Arc<Office>>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let bytes = match read_body(body) {
        Ok(bytes) => bytes,
        Err(too_large_or_unreadable) => return too_large_or_unreadable,
    };
    let request = match json_body(&headers, &bytes).and_then(|value| {
        serde_json::from_value::<PairRequest>(value)
            .map_err(|e| refusal(ErrorCode::Invalid, &format!("A pairing request is {{\"code\", \"name\"}}: {e}"), Some("body")))
    }) {
        Ok(request) => request,
        Err(error) => return refused(error),
    };
    let desk = office.desk().clone();
    on_blocking_pool(move || {
        let paired = desk.pair_kiosk(&request.code, &request.name)?;
        to_json(PairReply { device_id: paired.device.id, device_token: paired.token, name: paired.device.name })
    })
    .await
}

async fn command(
    State(office): State<Arc<Office>>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match read_body(body) {
        Ok(bytes) => bytes,
        Err(too_large_or_unreadable) => return too_large_or_unreadable,
    };
    let token = bearer_token(&headers);
    let secret = headers.get(TERMINAL_HEADER).and_then(|v| v.to_str().ok()).map(str::to_owned);
    on_blocking_pool(move || {
        // Who is asking comes first: a stranger learns nothing, not even which commands exist.
        let device = office.desk().device_for_token(&token.ok_or(Error::UnknownDevice)?)?;
        if !is_command(&name) {
            return Err(refusal(ErrorCode::NotFound, &format!("There is no command called {name:?}."), None));
        }
        let terminal = office.terminal(device.id, secret.as_deref())?;
        dispatch(&terminal, &name, json_body(&headers, &bytes)?)
    })
    .await
}

/// The device token of `Authorization: Bearer <token>`, if there is a plausible one.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    let plausible = scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() && token.len() <= MAX_TOKEN_CHARS;
    plausible.then(|| token.to_owned())
}

/// The body's bytes, or the refusal: 413 over the limit (the body limit layer ends the body
/// there), 400 when it could not be read.
fn read_body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Response> {
    body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            refused(refusal(ErrorCode::Invalid, "The request body could not be read.", Some("body")))
        }
    })
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
    serde_json::from_slice(bytes).map_err(|e| refusal(ErrorCode::Invalid, &format!("The request body is not valid JSON: {e}"), Some("body")))
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
/// from the body limit, a timeout, 405 for a wrong method). Each becomes the payload, with
/// the status its code has (413 kept: it says why).
async fn payload_for_bare_refusals(response: Response) -> Response {
    let status = response.status();
    let is_payload = response.headers().get(header::CONTENT_TYPE).is_some_and(is_json);
    if !(status.is_client_error() || status.is_server_error()) || is_payload {
        return response;
    }
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        TIMED_OUT => refused(refusal(
            ErrorCode::OutcomeUnknown,
            "The office did not answer in time. What was asked may still be done: ask again to see.",
            None,
        )),
        StatusCode::METHOD_NOT_ALLOWED => (
            StatusCode::METHOD_NOT_ALLOWED,
            Json(refusal(ErrorCode::Invalid, "Commands are sent with POST; the health check with GET.", None)),
        )
            .into_response(),
        StatusCode::NOT_FOUND => no_such_path().await,
        other if other.is_client_error() => (other, Json(refusal(ErrorCode::Invalid, "The request was not understood.", None))).into_response(),
        other => (other, Json(refusal(ErrorCode::Internal, "The office server could not answer.", None))).into_response(),
    }
}
