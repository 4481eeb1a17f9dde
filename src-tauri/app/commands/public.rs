//! Commands anyone at the window may call: start-up facts, log-in and log-out.
use super::{IpcError, IpcResult};
use crate::app::state::AppState;
use gasdesk_core::model::{AppInfo, DatabaseHealth, SessionInfo};
use std::time::Instant;

pub fn app_info(state: &AppState) -> IpcResult<AppInfo> {
    let settings = state.desk.public_settings()?;
    let session = session_info(state)?;
    Ok(AppInfo { kiosk: state.kiosk, settings, session, gateway: state.desk.gateway_name().to_owned() })
}

/// Whether the database file was found damaged (bookings paused, the kiosk says so) and, for
/// the staff banner, the newest backup and the command that restores it. Asked by each screen
/// that shows it, since the check after start finishes after the first screen is up.
pub fn database_health(state: &AppState) -> IpcResult<DatabaseHealth> {
    let health = state.desk.database_health();
    // Anyone at a kiosk may ask (bookings are paused); file paths and the restore command are
    // for staff with the admin switch unlocked.
    Ok(if state.staff().is_ok() { health } else { health.for_the_public() })
}

/// Who is logged in; asking counts as activity and keeps the sessions from timing out.
pub fn session_info(state: &AppState) -> IpcResult<SessionInfo> {
    let timeouts = state.timeouts();
    let mut session = state.session();
    session.touch(Instant::now(), timeouts.customer_idle, timeouts.admin_relock);
    Ok(session.info())
}

/// The person is using the screen: keeps the sessions from timing out.
pub fn touch(state: &AppState) -> IpcResult<SessionInfo> {
    session_info(state)
}

/// First-run setup is office work: a kiosk stands where anyone can reach it, and whoever made
/// the first staff account there would hold the agency's keys.
pub fn set_up_first_staff(state: &AppState, username: String, full_name: String, password: String) -> IpcResult<SessionInfo> {
    if state.kiosk {
        return Err(IpcError::forbidden("This kiosk is not set up yet. The first staff account is made on the office PC."));
    }
    let actor = state.desk.set_up_first_staff(&username, &full_name, &password)?;
    let mut session = state.session();
    session.sign_in_staff(actor, Instant::now());
    Ok(session.info())
}

pub fn customer_login(state: &AppState, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = state.desk.customer_login(&state.terminal(), &username, &password)?;
    let mut session = state.session();
    session.sign_in_customer(actor, Instant::now());
    Ok(session.info())
}

pub fn customer_logout(state: &AppState) -> IpcResult<SessionInfo> {
    let mut session = state.session();
    session.sign_out_customer();
    Ok(session.info())
}

/// The admin switch.
pub fn staff_unlock(state: &AppState, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = state.desk.staff_login(&state.terminal(), &username, &password)?;
    let mut session = state.session();
    session.sign_in_staff(actor, Instant::now());
    Ok(session.info())
}

pub fn staff_lock(state: &AppState) -> IpcResult<SessionInfo> {
    let mut session = state.session();
    session.lock_staff();
    Ok(session.info())
}

#[cfg(test)]
mod tests {
    use super::*;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::error::ErrorCode;
    use gasdesk_core::Desk;

    fn state_on_an_empty_database(kiosk: bool) -> AppState {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk = Desk::in_memory(gateway).expect("an in-memory database opens");
        AppState::new(desk, kiosk)
    }

    #[test]
    fn first_staff_setup_on_a_kiosk_is_forbidden_and_the_database_stays_empty() {
        let state = state_on_an_empty_database(true);
        let refused =
            set_up_first_staff(&state, "boss".into(), "The Boss".into(), "longenough1".into()).expect_err("a kiosk may not set up");
        assert_eq!(refused.0.code, ErrorCode::Forbidden);
        assert!(refused.0.message.contains("kiosk"), "a plain message naming the kiosk: {}", refused.0.message);
        assert!(!state.desk.public_settings().expect("settings read").is_set_up, "no staff account was made");
        assert!(state.session().info().staff.is_none(), "the admin switch stays locked");
    }

    #[test]
    fn first_staff_setup_in_the_office_creates_the_account_and_unlocks_the_switch() {
        let state = state_on_an_empty_database(false);
        let session = set_up_first_staff(&state, "boss".into(), "The Boss".into(), "longenough1".into()).expect("the office sets up");
        assert_eq!(session.staff.map(|s| s.username), Some("boss".to_owned()));
        assert!(state.desk.public_settings().expect("settings read").is_set_up);
    }
}
