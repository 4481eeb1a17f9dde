//! A kiosk PC's window (`gasdesk --kiosk --server ADDR:PORT`): no database, no command bodies.
//! The webview still calls `invoke` exactly as on the office PC (same window, CSP and
//! capability; the webview never touches the network), and this handler forwards each call,
//! by name with its JSON arguments, to the office through the pinned `OfficeClient`
//! (decision 0015). Only the names of the command list are forwarded. `kiosk_link` is answered
//! here, from the health checks, since it is about the office being there at all.
use crate::api::dispatch::is_command;
use crate::api::wire::API_VERSION;
use crate::api::IpcError;
use crate::remote::{LinkMonitor, OfficeClient};
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::model::{KioskLanguage, KioskLink};
use gasdesk_core::Error;
use serde_json::Value;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tauri::ipc::{Invoke, InvokeBody, InvokeError};

/// The command answered at the kiosk itself.
const KIOSK_LINK: &str = "kiosk_link";

/// The start-up command whose answer carries this kiosk's own default language.
const APP_INFO: &str = "app_info";

/// Until the office says otherwise (`admin_relock_seconds` in `app_info`), the admin switch is
/// taken to relock after the default five minutes.
const DEFAULT_RELOCK: Duration = Duration::from_secs(300);

/// What the kiosk last heard about its admin switch, for the close guard: the office holds the
/// session, and the kiosk only learns it from the answers it forwards.
#[derive(Debug, Clone, Copy)]
struct SwitchSeen {
    /// When an answer last said staff hold the switch; `None` once one said nobody does.
    unlocked_at: Option<Instant>,
    relock: Duration,
}

pub struct Forwarder {
    client: Arc<OfficeClient>,
    link: Arc<LinkMonitor>,
    switch: Mutex<SwitchSeen>,
    /// This kiosk's `--language`: the office knows only its own, so `app_info` gets this one.
    language: KioskLanguage,
}

impl Forwarder {
    pub fn new(client: Arc<OfficeClient>, link: Arc<LinkMonitor>) -> Forwarder {
        Forwarder {
            client,
            link,
            switch: Mutex::new(SwitchSeen { unlocked_at: None, relock: DEFAULT_RELOCK }),
            language: KioskLanguage::default(),
        }
    }

    /// A kiosk whose visits start in `language` (`gasdesk --kiosk --language hi`).
    pub fn with_language(self, language: KioskLanguage) -> Forwarder {
        Forwarder { language, ..self }
    }

    pub fn link(&self) -> &Arc<LinkMonitor> {
        &self.link
    }

    fn switch(&self) -> MutexGuard<'_, SwitchSeen> {
        self.switch.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `command` at the office for the person at this kiosk.
    pub async fn forward(&self, command: &str, args: Value) -> Result<Value, IpcError> {
        if command == KIOSK_LINK {
            let link = KioskLink { language: self.language, ..self.link.link() };
            return serde_json::to_value(link).map_err(|e| IpcError(Error::Internal(e.to_string()).payload()));
        }
        if !is_command(command) {
            return Err(IpcError(ErrorPayload::plain(ErrorCode::NotFound, format!("There is no command called {command:?}."), None)));
        }
        if self.link.link().update_needed {
            let office = self.link.office_api().unwrap_or_else(|| "unknown".into());
            return Err(IpcError(Error::UpdateKiosk { office, kiosk: API_VERSION.into() }.payload()));
        }
        let mut outcome = self.client.call(command, args).await;
        self.link.note(&outcome);
        if let Ok(answer) = &mut outcome {
            self.note_session(answer);
            if command == APP_INFO {
                self.tell_own_language(answer);
            }
        }
        outcome
    }

    /// Writes this kiosk's default language into the office's `AppInfo` (whatever the office
    /// said, or an older office that says nothing).
    fn tell_own_language(&self, app_info: &mut Value) {
        if let (Some(info), Ok(language)) = (app_info.as_object_mut(), serde_json::to_value(self.language)) {
            info.insert("language".to_owned(), language);
        }
    }

    /// Reads the admin switch out of any answer that carries the session: `SessionInfo` itself
    /// (log-ins, `touch`, `session_info`) or `AppInfo` (with the relock time in its settings).
    fn note_session(&self, answer: &Value) {
        let session = if answer.get("staff").is_some() && answer.get("customer").is_some() { Some(answer) } else { answer.get("session") };
        let Some(session) = session else { return };
        let mut switch = self.switch();
        if let Some(seconds) = answer.pointer("/settings/admin_relock_seconds").and_then(Value::as_u64) {
            switch.relock = Duration::from_secs(seconds);
        }
        switch.unlocked_at = session.get("staff").filter(|staff| !staff.is_null()).map(|_| Instant::now());
    }

    /// May the kiosk window close? Only while staff hold the admin switch, as last heard, and
    /// not longer than the switch's relock time since.
    pub fn close_allowed(&self) -> bool {
        let switch = *self.switch();
        switch.unlocked_at.is_some_and(|at| at.elapsed() < switch.relock)
    }
}

/// The window's invoke handler in remote mode: each listed command is answered by
/// [`Forwarder::forward`] on the async runtime; other names are left to Tauri ("not found").
pub fn invoke_handler(forwarder: Arc<Forwarder>) -> impl Fn(Invoke<tauri::Wry>) -> bool + Send + Sync + 'static {
    move |invoke: Invoke<tauri::Wry>| {
        let command = invoke.message.command().to_owned();
        if !is_command(&command) {
            return false;
        }
        let args = match invoke.message.payload() {
            InvokeBody::Json(args) => args.clone(),
            InvokeBody::Raw(_) => {
                let refused = Error::invalid("body", "A command's arguments are a JSON object.");
                invoke.resolver.reject(refused.payload());
                return true;
            }
        };
        let forwarder = forwarder.clone();
        invoke.resolver.respond_async(async move { forwarder.forward(&command, args).await.map_err(InvokeError::from) });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::pinning::fingerprint_hex;
    use crate::remote::test_office::{health_json, self_signed, Answer, Seen, TestOffice};
    use crate::remote::KioskPairing;
    use serde_json::json;

    async fn forwarder_for(office: &TestOffice) -> Forwarder {
        let pairing = KioskPairing {
            office: office.address(),
            fingerprint: fingerprint_hex(&office.fingerprint()),
            device_id: 1,
            device_token: "t".into(),
            name: "Counter".into(),
            agency_name: "Cached Agency".into(),
            emergency_helpline: "1800-111".into(),
        };
        let client = Arc::new(OfficeClient::new(&pairing).expect("client"));
        Forwarder::new(client.clone(), LinkMonitor::new(client, pairing, None))
    }

    fn session(staff: bool) -> String {
        let staff = if staff { json!({"id": 1, "username": "boss"}) } else { Value::Null };
        json!({"customer": null, "staff": staff}).to_string()
    }

    #[tokio::test]
    async fn kiosk_link_is_answered_at_the_kiosk_and_commands_go_to_the_office() {
        let office = TestOffice::start(self_signed()).await;
        let forwarder = forwarder_for(&office).await;
        let link: gasdesk_core::model::KioskLink =
            serde_json::from_value(forwarder.forward("kiosk_link", Value::Null).await.expect("answered")).expect("a KioskLink");
        assert!(link.remote && !link.online, "no health check yet");
        assert_eq!(link.emergency_helpline, "1800-111", "the cached helpline");
        assert!(office.requests().is_empty(), "kiosk_link never goes to the office");

        let echoed = forwarder.forward("customer_home", json!({})).await.expect("answered");
        assert_eq!(echoed, json!({"echo": {}}));
        assert_eq!(office.requests()[0].path, "/v1/customer_home");
        assert!(forwarder.link().link().online, "an answer means the office is there");
        assert_eq!(forwarder.forward("no_such_command", json!({})).await.expect_err("refused").0.code, ErrorCode::NotFound);
        assert_eq!(office.requests().len(), 1);
    }

    #[tokio::test]
    async fn an_office_of_another_major_gets_nothing_but_update_this_kiosk() {
        let office = TestOffice::start_scripted(
            self_signed(),
            "127.0.0.1:0".parse().expect("addr"),
            Arc::new(|_: &Seen, _| Answer::Reply(200, health_json("3.0"))),
        )
        .await;
        let forwarder = forwarder_for(&office).await;
        assert!(forwarder.link().check().await.update_needed);
        let refused = forwarder.forward("app_info", Value::Null).await.expect_err("refused");
        assert_eq!(refused.0.code, ErrorCode::UpdateKiosk);
        assert_eq!(office.requests().len(), 1, "only the health check");
    }

    #[tokio::test]
    async fn the_window_may_close_only_while_the_last_answer_said_staff_hold_the_switch() {
        let answers = Arc::new(Mutex::new(Vec::<String>::new()));
        let queue = answers.clone();
        let script = move |_: &Seen, _| Answer::Reply(200, queue.lock().expect("lock").remove(0));
        let office = TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await;
        let forwarder = forwarder_for(&office).await;
        assert!(!forwarder.close_allowed(), "nothing heard yet");
        let app_info = json!({"kiosk": true, "settings": {"admin_relock_seconds": 1}, "session": {"customer": null, "staff": null}, "gateway": "mock"});
        answers.lock().expect("lock").extend([session(true), session(false), app_info.to_string(), session(true)]);
        forwarder.forward("staff_unlock", json!({"username": "boss", "password": "pw"})).await.expect("answered");
        assert!(forwarder.close_allowed(), "staff unlocked");
        forwarder.forward("staff_lock", Value::Null).await.expect("answered");
        assert!(!forwarder.close_allowed(), "locked again");
        forwarder.forward("app_info", Value::Null).await.expect("answered");
        forwarder.forward("touch", Value::Null).await.expect("answered");
        assert!(forwarder.close_allowed());
        tokio::time::sleep(Duration::from_millis(1100)).await;
        assert!(!forwarder.close_allowed(), "past the relock time the office gave, the switch counts as locked");
    }

    #[tokio::test]
    async fn kiosk_link_carries_the_kiosks_own_language_while_the_office_is_away() {
        let office = TestOffice::start(self_signed()).await;
        let english = forwarder_for(&office).await;
        let hindi = forwarder_for(&office).await.with_language(KioskLanguage::Hi);
        let english = english.forward("kiosk_link", Value::Null).await.expect("answered");
        let hindi = hindi.forward("kiosk_link", Value::Null).await.expect("answered");
        assert_eq!((english["language"].clone(), hindi["language"].clone()), (json!("en"), json!("hi")));
        assert_eq!(hindi["online"], false, "answered before any health check");
        assert!(office.requests().is_empty(), "kiosk_link never goes to the office");
    }

    #[tokio::test]
    async fn app_info_carries_the_kiosks_own_language_whatever_the_office_says() {
        let answers = Arc::new(Mutex::new(Vec::<String>::new()));
        let queue = answers.clone();
        let script = move |_: &Seen, _| Answer::Reply(200, queue.lock().expect("lock").remove(0));
        let office = TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await;
        let forwarder = forwarder_for(&office).await.with_language(KioskLanguage::Hi);
        let session = json!({"customer": null, "staff": null});
        let office_says_english = json!({"kiosk": true, "settings": {}, "session": session, "gateway": "mock", "language": "en"});
        let older_office = json!({"kiosk": true, "settings": {}, "session": session, "gateway": "mock"});
        answers.lock().expect("lock").extend([office_says_english.to_string(), older_office.to_string(), session.to_string()]);
        for _ in 0..2 {
            let info = forwarder.forward("app_info", Value::Null).await.expect("answered");
            assert_eq!(info["language"], "hi", "{info}");
        }
        let other = forwarder.forward("touch", Value::Null).await.expect("answered");
        assert!(other.get("language").is_none(), "only app_info gets the language: {other}");
    }
}
