//! Commands anyone at the window may call: start-up facts, log-in and log-out.
use super::AppState;
use super::IpcResult;
use gasdesk_core::model::{AppInfo, CylinderType, DatabaseHealth, KioskLink, SessionInfo};

pub fn app_info(state: &AppState) -> IpcResult<AppInfo> {
    let settings = state.desk.public_settings()?;
    let session = session_info(state)?;
    Ok(AppInfo {
        kiosk: state.place.is_kiosk(),
        settings,
        session,
        gateway: state.desk.gateway_name().to_owned(),
        language: state.language,
    })
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
    session.touch(state.now(), timeouts.customer_idle, timeouts.admin_relock);
    Ok(session.info())
}

/// The person is using the screen: keeps the sessions from timing out.
pub fn touch(state: &AppState) -> IpcResult<SessionInfo> {
    session_info(state)
}

pub fn customer_login(state: &AppState, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = state.desk.customer_login(&state.terminal()?, &username, &password)?;
    let mut session = state.session();
    session.sign_in_customer(actor, state.now());
    Ok(session.info())
}

pub fn customer_logout(state: &AppState) -> IpcResult<SessionInfo> {
    let mut session = state.session();
    session.sign_out_customer();
    Ok(session.info())
}

/// The admin switch.
pub fn staff_unlock(state: &AppState, username: String, password: String) -> IpcResult<SessionInfo> {
    let actor = state.desk.staff_login(&state.terminal()?, &username, &password)?;
    let mut session = state.session();
    session.sign_in_staff(actor, state.now());
    Ok(session.info())
}

pub fn staff_lock(state: &AppState) -> IpcResult<SessionInfo> {
    let mut session = state.session();
    session.lock_staff();
    Ok(session.info())
}

/// How this window stands with the office. A window on the office PC opens the database itself:
/// never remote, always online. (A kiosk PC never sends this to the office: its forwarder
/// answers it from its own health checks, `app/forward.rs`.)
pub fn kiosk_link(state: &AppState) -> IpcResult<KioskLink> {
    let settings = state.desk.public_settings()?;
    Ok(KioskLink {
        remote: false,
        online: true,
        update_needed: false,
        agency_name: settings.agency_name,
        emergency_helpline: settings.emergency_helpline,
        language: state.language,
    })
}

/// What the agency sells, at what price: a kiosk shows it before anyone logs in.
pub fn cylinder_types(state: &AppState) -> IpcResult<Vec<CylinderType>> {
    Ok(state.desk.cylinder_types()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::model::KioskLanguage;
    use gasdesk_core::Desk;

    #[test]
    fn a_window_on_the_office_pc_is_never_remote_and_always_online_with_the_settings_helpline() {
        let desk = Desk::in_memory(gateway_named("mock").expect("the mock gateway")).expect("a database");
        let settings = desk.public_settings().expect("settings");
        let link = kiosk_link(&AppState::new(desk, true)).expect("answered");
        assert!(!link.remote && link.online && !link.update_needed);
        assert_eq!((link.agency_name, link.emergency_helpline), (settings.agency_name, settings.emergency_helpline));
    }

    #[test]
    fn app_info_tells_the_ui_the_kiosks_default_language() {
        let desk = || Desk::in_memory(gateway_named("mock").expect("the mock gateway")).expect("a database");
        assert_eq!(app_info(&AppState::new(desk(), true)).expect("answered").language, KioskLanguage::En);
        let hindi = AppState::new(desk(), true).with_language(KioskLanguage::Hi);
        let json = serde_json::to_value(app_info(&hindi).expect("answered")).expect("serialises");
        assert_eq!(json["language"], "hi");
        assert_eq!(kiosk_link(&hindi).expect("answered").language, KioskLanguage::Hi, "kiosk_link says it too");
    }
}
