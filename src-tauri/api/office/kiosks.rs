//! The kiosk PCs paired with this office, and the LAN server that serves them (decision 0015):
//! office work, so the whole `office` module's check (`run.rs`) refuses them at any kiosk.
use crate::api::kiosk_server::{fingerprint_hex, no_server, NO_SERVER};
use crate::api::{AppState, IpcResult};
use gasdesk_core::model::{Device, KioskServerStatus, PairingCode};

/// Whether this office serves kiosks now, where, and its certificate's fingerprint for staff to
/// compare with a kiosk's. A terminal without a server says so instead of failing: the Kiosks
/// screen shows it.
pub fn kiosk_server(state: &AppState) -> IpcResult<KioskServerStatus> {
    state.staff()?;
    let Some(control) = state.kiosk_server() else {
        return Ok(KioskServerStatus { error: Some(NO_SERVER.to_owned()), ..KioskServerStatus::default() });
    };
    let mut status = control.status();
    // The certificate exists before the server first starts, so staff can read it (and make a
    // code) before they turn serving on; a failure to read it leaves what the status had.
    if status.fingerprint.is_empty() {
        if let Ok(fingerprint) = control.certificate_fingerprint() {
            status.fingerprint = fingerprint_hex(&fingerprint);
        }
    }
    Ok(status)
}

/// A pairing code for a new kiosk called `name`, carrying this office's certificate
/// fingerprint so the kiosk pins exactly this certificate.
pub fn add_kiosk(state: &AppState, name: String) -> IpcResult<PairingCode> {
    let staff = state.staff()?;
    let control = state.kiosk_server().ok_or_else(no_server)?;
    let fingerprint = control.certificate_fingerprint()?;
    Ok(state.desk.add_kiosk(&staff, &name, &fingerprint)?)
}

/// Every kiosk ever paired, newest first, revoked ones included (their status says so).
pub fn list_kiosks(state: &AppState) -> IpcResult<Vec<Device>> {
    let staff = state.staff()?;
    Ok(state.desk.list_kiosks(&staff)?)
}

/// Removes a kiosk: the server refuses its token from the next request on.
pub fn revoke_kiosk(state: &AppState, device_id: i64) -> IpcResult<Device> {
    let staff = state.staff()?;
    let removed = state.desk.revoke_kiosk(&staff, device_id)?;
    if let Some(control) = state.kiosk_server() {
        control.forget_kiosk(device_id);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use crate::api::kiosk_server::KioskServerControl;
    // Through the command list, where the office-only check is made.
    use crate::api::run::{add_kiosk, kiosk_server, list_kiosks, revoke_kiosk, update_settings};
    use crate::api::session::SystemSessionClock;
    use crate::api::{AppState, IpcError, IpcResult, Place};
    use gasdesk_core::domain::gateway::gateway_named;
    use gasdesk_core::domain::{pairing_code, Actor, PasswordCost};
    use gasdesk_core::error::ErrorCode;
    use gasdesk_core::model::{KioskServerStatus, Settings};
    use gasdesk_core::{Desk, DeskConfig};
    use std::sync::{Arc, Mutex};
    use std::time::Instant;

    const FINGERPRINT: [u8; 32] = [0xA7; 32];

    /// A server that records what it was told and answers with a fixed certificate.
    #[derive(Default)]
    struct FakeServer {
        applied: Mutex<Vec<Settings>>,
        fingerprint_asked: Mutex<usize>,
        forgotten: Mutex<Vec<i64>>,
    }

    impl KioskServerControl for FakeServer {
        fn certificate_fingerprint(&self) -> Result<[u8; 32], IpcError> {
            *self.fingerprint_asked.lock().expect("not poisoned") += 1;
            Ok(FINGERPRINT)
        }
        fn status(&self) -> KioskServerStatus {
            KioskServerStatus { serving: false, addresses: vec![], fingerprint: String::new(), error: None }
        }
        fn apply(&self, settings: &Settings) -> KioskServerStatus {
            self.applied.lock().expect("not poisoned").push(settings.clone());
            self.status()
        }
        fn forget_kiosk(&self, device_id: i64) {
            self.forgotten.lock().expect("not poisoned").push(device_id);
        }
    }

    impl FakeServer {
        fn applied(&self) -> Vec<Settings> {
            self.applied.lock().expect("not poisoned").clone()
        }
        fn fingerprint_asked(&self) -> usize {
            *self.fingerprint_asked.lock().expect("not poisoned")
        }
    }

    /// A desk with a staff account, and the state of a terminal at `place` over it with the
    /// fake server.
    fn terminal_at(place: Place) -> (AppState, Actor, Arc<FakeServer>) {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk =
            Desk::in_memory(gateway).expect("an in-memory database opens").with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let boss = desk.set_up_first_staff("boss", "The Boss", "longenough1").expect("first staff");
        let server = Arc::new(FakeServer::default());
        let state = AppState::at(Arc::new(desk), place, Arc::new(SystemSessionClock)).with_kiosk_server(server.clone());
        (state, boss, server)
    }

    /// Every kiosk command, run through the list, with the refusal's code if refused.
    fn refusals(state: &AppState) -> Vec<(&'static str, Option<ErrorCode>)> {
        fn code<T>(r: IpcResult<T>) -> Option<ErrorCode> {
            r.err().map(|e| e.0.code)
        }
        vec![
            ("kiosk_server", code(kiosk_server(state))),
            ("add_kiosk", code(add_kiosk(state, "Counter 1".into()))),
            ("list_kiosks", code(list_kiosks(state))),
            ("revoke_kiosk", code(revoke_kiosk(state, 1))),
        ]
    }

    fn all_forbidden(state: &AppState) {
        for (name, code) in refusals(state) {
            assert_eq!(code, Some(ErrorCode::Forbidden), "{name}");
        }
    }

    #[test]
    fn the_kiosk_commands_are_refused_to_a_customer_and_to_nobody() {
        let (state, _, server) = terminal_at(Place::Office);
        all_forbidden(&state);
        state.session().sign_in_customer(Actor::Customer { id: 99, username: "asha".into() }, Instant::now());
        all_forbidden(&state);
        assert_eq!(server.fingerprint_asked(), 0, "no code was made");
    }

    #[test]
    fn the_kiosk_commands_are_refused_at_any_kiosk_even_with_the_admin_switch_unlocked() {
        for place in [Place::LocalKiosk, Place::Device { id: 1 }] {
            let (state, boss, server) = terminal_at(place.clone());
            state.session().sign_in_staff(boss, Instant::now());
            all_forbidden(&state);
            assert_eq!(server.fingerprint_asked(), 0, "{place:?}: no code was made");
        }
    }

    #[test]
    fn add_kiosk_makes_a_code_carrying_the_servers_certificate_fingerprint() {
        let (state, boss, server) = terminal_at(Place::Office);
        state.session().sign_in_staff(boss, Instant::now());
        let code = add_kiosk(&state, "Counter 1".into()).expect("staff at the office add a kiosk");
        assert_eq!(server.fingerprint_asked(), 1);
        assert_eq!(code.name, "Counter 1");
        let parts = pairing_code::parse(&code.code).expect("a well-formed code");
        assert!(pairing_code::matches_fingerprint(&parts.fingerprint_prefix, &FINGERPRINT), "{code:?}");
        assert!(!pairing_code::matches_fingerprint(&parts.fingerprint_prefix, &[0x11; 32]), "{code:?}");
    }

    #[test]
    fn staff_at_the_office_see_a_paired_kiosk_and_remove_it_and_its_token_is_refused_at_once() {
        let (state, boss, server) = terminal_at(Place::Office);
        state.session().sign_in_staff(boss, Instant::now());
        let code = add_kiosk(&state, "Counter 1".into()).expect("a code");
        let paired = state.desk.pair_kiosk(&code.code, "").expect("the kiosk pairs");
        let listed = list_kiosks(&state).expect("the list");
        assert_eq!(
            listed.iter().map(|d| (d.id, d.name.as_str(), d.revoked_at.is_some())).collect::<Vec<_>>(),
            vec![(paired.device.id, "Counter 1", false)]
        );

        let removed = revoke_kiosk(&state, paired.device.id).expect("staff remove it");
        assert!(removed.revoked_at.is_some());
        assert_eq!(*server.forgotten.lock().expect("not poisoned"), vec![paired.device.id], "its sessions leave the server");
        assert!(matches!(state.desk.device_for_token(&paired.token), Err(gasdesk_core::Error::UnknownDevice)));
        assert!(list_kiosks(&state).expect("the list")[0].revoked_at.is_some(), "listed as removed");
    }

    #[test]
    fn without_a_server_add_kiosk_is_refused_and_the_status_says_why() {
        let gateway = gateway_named("mock").expect("the mock gateway exists");
        let desk =
            Desk::in_memory(gateway).expect("an in-memory database opens").with_config(DeskConfig { password_cost: PasswordCost::Fast });
        let boss = desk.set_up_first_staff("boss", "The Boss", "longenough1").expect("first staff");
        let state = AppState::new(desk, false);
        state.session().sign_in_staff(boss, Instant::now());
        let refused = add_kiosk(&state, "Counter 1".into()).expect_err("no certificate to put in a code");
        assert_eq!(refused.0.code, ErrorCode::Conflict);
        let status = kiosk_server(&state).expect("staff at the office read the status");
        assert!(!status.serving && status.addresses.is_empty());
        assert!(status.error.is_some_and(|e| e.contains("does not serve kiosks")));
    }

    #[test]
    fn the_status_shows_the_certificate_fingerprint_before_the_server_ever_started() {
        let (state, boss, _) = terminal_at(Place::Office);
        state.session().sign_in_staff(boss, Instant::now());
        let status = kiosk_server(&state).expect("staff at the office read the status");
        assert!(!status.serving);
        assert_eq!(status.fingerprint, "a7".repeat(32));
    }

    #[test]
    fn saving_the_settings_applies_them_to_the_server_at_once_and_a_refused_save_does_not() {
        let (state, boss, server) = terminal_at(Place::Office);
        state.session().sign_in_staff(boss.clone(), Instant::now());
        let mut settings = state.desk.settings(&boss).expect("settings");
        settings.gstin = "27AAPFU0939F1ZW".into();
        update_settings(&state, settings.clone()).expect_err("a GSTIN with a wrong check character is refused");
        assert!(server.applied().is_empty(), "nothing saved, nothing applied");

        settings.gstin = "27AAPFU0939F1ZV".into();
        settings.serve_kiosks = true;
        settings.kiosk_port = 8443;
        let saved = update_settings(&state, settings).expect("staff save");
        assert!(saved.serve_kiosks && saved.kiosk_port == 8443);
        assert_eq!(server.applied(), vec![saved.clone()], "the server was told at once, with what was saved");

        let mut off = saved;
        off.serve_kiosks = false;
        update_settings(&state, off).expect("staff save");
        assert_eq!(server.applied().last().map(|s| s.serve_kiosks), Some(false), "turned off at once too");
    }
}
