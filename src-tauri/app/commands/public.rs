//! Commands anyone at the window may call: start-up facts, log-in and log-out.
use super::{ipc, IpcResult};
use crate::app::session::SessionInfo;
use crate::app::state::AppState;
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::model::{DatabaseHealth, PublicSettings};
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

/// Whether the database file was found damaged (bookings paused, the kiosk says so) and, for
/// the staff banner, the newest backup and the command that restores it. Asked by each screen
/// that shows it, since the check after start finishes after the first screen is up.
#[tauri::command(async, rename_all = "snake_case")]
pub fn database_health(state: State<'_, AppState>) -> DatabaseHealth {
    let health = state.desk.database_health();
    // Anyone at a kiosk may ask (bookings are paused); file paths and the restore command are
    // for staff with the admin switch unlocked.
    if state.staff().is_ok() {
        health
    } else {
        health.for_the_public()
    }
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
    first_staff_setup(&state, &username, &full_name, &password)
}

/// First-run setup is office work: a kiosk stands where anyone can reach it, and whoever made
/// the first staff account there would hold the agency's keys.
pub fn setup_allowed(kiosk: bool) -> IpcResult<()> {
    if kiosk {
        return Err(ErrorPayload {
            code: ErrorCode::Forbidden,
            message: "This kiosk is not set up yet. The first staff account is made on the office PC.".to_owned(),
            field: None,
        });
    }
    Ok(())
}

/// The command's body, on the state alone so it is tested without a window.
fn first_staff_setup(state: &AppState, username: &str, full_name: &str, password: &str) -> IpcResult<SessionInfo> {
    setup_allowed(state.kiosk)?;
    let actor = ipc(state.desk.set_up_first_staff(username, full_name, password))?;
    let mut session = state.session();
    session.sign_in_staff(actor, Instant::now());
    Ok(session.info())
}

#[tauri::command(async, rename_all = "snake_case")]
pub fn customer_login(state: State<'_, AppState>, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = ipc(state.desk.customer_login(&state.terminal(), &username, &password))?;
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
    let actor = ipc(state.desk.staff_login(&state.terminal(), &username, &password))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::store::Db;
    use gasdesk_core::Desk;

    fn state_on_an_empty_database(kiosk: bool) -> AppState {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::new(Db::open_in_memory().expect("an in-memory database opens"), gateway);
        AppState::new(desk, kiosk)
    }

    #[test]
    fn first_staff_setup_on_a_kiosk_is_forbidden_and_the_database_stays_empty() {
        let state = state_on_an_empty_database(true);
        let refused = first_staff_setup(&state, "boss", "The Boss", "longenough1").expect_err("a kiosk may not set up");
        assert_eq!(refused.code, ErrorCode::Forbidden);
        assert!(refused.message.contains("kiosk"), "a plain message naming the kiosk: {}", refused.message);
        assert!(!state.desk.public_settings().expect("settings read").is_set_up, "no staff account was made");
        assert!(state.session().info().staff.is_none(), "the admin switch stays locked");
    }

    #[test]
    fn first_staff_setup_in_the_office_creates_the_account_and_unlocks_the_switch() {
        let state = state_on_an_empty_database(false);
        let session = first_staff_setup(&state, "boss", "The Boss", "longenough1").expect("the office sets up");
        assert_eq!(session.staff.map(|s| s.username), Some("boss".to_owned()));
        assert!(state.desk.public_settings().expect("settings read").is_set_up);
    }
}
