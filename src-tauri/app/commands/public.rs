//! Commands anyone at the window may call: start-up facts, log-in and log-out.
use super::{ipc, IpcResult};
use crate::app::session::SessionInfo;
use crate::app::state::AppState;
use gasdesk_core::model::PublicSettings;
use serde::Serialize;
use std::time::Instant;
use tauri::State;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub kiosk: bool,
    pub settings: PublicSettings,
    pub session: SessionInfo,
    /// `mock-razorpay` normally; `failing` when started with `--gateway fail`.
    pub gateway: String,
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> IpcResult<AppInfo> {
    let settings = ipc(state.desk.public_settings())?;
    let (idle, relock) = state.timeouts();
    let mut session = state.session();
    session.touch(Instant::now(), idle, relock);
    Ok(AppInfo { kiosk: state.kiosk, settings, session: session.info(), gateway: state.desk.gateway_name().to_owned() })
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn session_info(state: State<'_, AppState>) -> SessionInfo {
    let (idle, relock) = state.timeouts();
    let mut session = state.session();
    session.touch(Instant::now(), idle, relock);
    session.info()
}

/// The person is using the screen: keeps the sessions from timing out.
#[tauri::command(async, rename_all = "snake_case")]
pub fn touch(state: State<'_, AppState>) -> SessionInfo {
    session_info(state)
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn set_up_first_staff(state: State<'_, AppState>, username: String, full_name: String, password: String) -> IpcResult<SessionInfo> {
    let actor = ipc(state.desk.set_up_first_staff(&username, &full_name, &password))?;
    let mut session = state.session();
    session.sign_in_staff(actor, Instant::now());
    Ok(session.info())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_login(state: State<'_, AppState>, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = ipc(state.desk.customer_login(&username, &password))?;
    let mut session = state.session();
    session.sign_in_customer(actor, Instant::now());
    Ok(session.info())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_logout(state: State<'_, AppState>) -> SessionInfo {
    let mut session = state.session();
    session.sign_out_customer();
    session.info()
}

/// The admin switch.
#[tauri::command(async, rename_all = "snake_case")]
pub fn staff_unlock(state: State<'_, AppState>, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = ipc(state.desk.staff_login(&username, &password))?;
    let mut session = state.session();
    session.sign_in_staff(actor, Instant::now());
    Ok(session.info())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn staff_lock(state: State<'_, AppState>) -> SessionInfo {
    let mut session = state.session();
    session.lock_staff();
    session.info()
}
