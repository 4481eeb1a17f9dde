//! Whether the office is there: a kiosk PC asks `/v1/health` every few seconds (and learns from
//! every forwarded command's fate in between), so its screen can pause bookings with "Office
//! offline" and resume by itself when the office is back (decision 0015: no local writes, no
//! queue). The agency's name and emergency helpline are kept from the office's last answer, in
//! memory and in the pairing file, so the banner shows them even after a restart while offline.
use crate::api::IpcError;
use crate::remote::client::{check_api, OfficeClient};
use crate::remote::pairing_file::{self, KioskPairing};
use gasdesk_core::error::ErrorCode;
use gasdesk_core::model::{KioskLanguage, KioskLink};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How often the office's health is asked.
pub const CHECK_EVERY: Duration = Duration::from_secs(3);

pub struct LinkMonitor {
    client: Arc<OfficeClient>,
    /// Where the pairing is kept, to cache the name and helpline in it; `None` keeps them in
    /// memory only.
    pairing_path: Option<PathBuf>,
    state: Mutex<State>,
}

struct State {
    link: KioskLink,
    /// The office's API version at the last answer.
    office_api: Option<String>,
    pairing: KioskPairing,
}

impl LinkMonitor {
    /// Offline until the first health check answers.
    pub fn new(client: Arc<OfficeClient>, pairing: KioskPairing, pairing_path: Option<PathBuf>) -> Arc<LinkMonitor> {
        let link = KioskLink {
            remote: true,
            online: false,
            update_needed: false,
            agency_name: pairing.agency_name.clone(),
            emergency_helpline: pairing.emergency_helpline.clone(),
            // The office never decides a kiosk's language: the forwarder writes its own in.
            language: KioskLanguage::default(),
        };
        Arc::new(LinkMonitor { client, pairing_path, state: Mutex::new(State { link, office_api: None, pairing }) })
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// How things stood at the last check or command.
    pub fn link(&self) -> KioskLink {
        self.state().link.clone()
    }

    /// The office's API version, once it answered.
    pub fn office_api(&self) -> Option<String> {
        self.state().office_api.clone()
    }

    /// Asks the office's health once and records the answer.
    pub async fn check(&self) -> KioskLink {
        match self.client.health().await {
            Ok(health) => {
                let update_needed = check_api(&health).is_err();
                let changed_pairing = {
                    let mut state = self.state();
                    let was = state.link.clone();
                    state.link.online = true;
                    state.link.update_needed = update_needed;
                    state.link.agency_name = health.agency_name.clone();
                    state.link.emergency_helpline = health.emergency_helpline.clone();
                    state.office_api = Some(health.api.clone());
                    if update_needed && !was.update_needed {
                        eprintln!("gasdesk: the office runs kiosk API {}; this kiosk needs an update", health.api);
                    }
                    let cached = &state.pairing;
                    if cached.agency_name != health.agency_name || cached.emergency_helpline != health.emergency_helpline {
                        state.pairing.agency_name = health.agency_name;
                        state.pairing.emergency_helpline = health.emergency_helpline;
                        Some(state.pairing.clone())
                    } else {
                        None
                    }
                };
                if let (Some(pairing), Some(path)) = (changed_pairing, &self.pairing_path) {
                    if let Err(e) = pairing_file::save(path, &pairing) {
                        eprintln!("gasdesk: {e}");
                    }
                }
            }
            Err(_) => self.state().link.online = false,
        }
        self.link()
    }

    /// Learns from a forwarded command's outcome: an answer from the office means it is there;
    /// `OfficeOffline` or `OutcomeUnknown` (no answer) means it is not, and the banner shows at
    /// once rather than at the next check.
    pub fn note(&self, outcome: &Result<Value, IpcError>) {
        let online = !matches!(outcome, Err(e) if matches!(e.0.code, ErrorCode::OfficeOffline | ErrorCode::OutcomeUnknown));
        self.state().link.online = online;
    }

    /// Checks every `every`, for as long as the process runs (spawn it on the async runtime).
    pub async fn watch(self: Arc<Self>, every: Duration) {
        loop {
            self.check().await;
            tokio::time::sleep(every).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::client::ClientTimeouts;
    use crate::remote::pinning::fingerprint_hex;
    use crate::remote::test_office::{health_json, self_signed, Answer, TestOffice};
    use std::sync::atomic::{AtomicBool, Ordering};

    fn pairing(office: &TestOffice) -> KioskPairing {
        KioskPairing {
            office: office.address(),
            fingerprint: fingerprint_hex(&office.fingerprint()),
            device_id: 1,
            device_token: "t".into(),
            name: "Counter".into(),
            agency_name: "Old Name".into(),
            emergency_helpline: "1800-000".into(),
        }
    }

    fn quick() -> ClientTimeouts {
        ClientTimeouts { health: Duration::from_millis(500), connect: Duration::from_millis(500), ..ClientTimeouts::default() }
    }

    #[tokio::test]
    async fn the_link_goes_offline_and_back_by_itself_and_caches_the_helpline_in_the_pairing_file() {
        let up = Arc::new(AtomicBool::new(true));
        let api = Arc::new(Mutex::new("2.0"));
        let (up2, api2) = (up.clone(), api.clone());
        let script = move |_: &crate::remote::test_office::Seen, _| {
            if up2.load(Ordering::SeqCst) {
                Answer::Reply(200, health_json(*api2.lock().expect("lock")))
            } else {
                Answer::Drop
            }
        };
        let office = TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await;
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pairing.json");
        pairing_file::save(&path, &pairing(&office)).expect("saved");
        let client = Arc::new(OfficeClient::with_timeouts(&pairing(&office), quick()).expect("client"));
        let monitor = LinkMonitor::new(client, pairing(&office), Some(path.clone()));

        let before = monitor.link();
        assert!(before.remote && !before.online, "offline until the office answers");
        assert_eq!(before.emergency_helpline, "1800-000", "the cached helpline from the start");

        let online = monitor.check().await;
        assert!(online.online && !online.update_needed);
        assert_eq!((online.agency_name.as_str(), online.emergency_helpline.as_str()), ("Test Gas Agency", "1906"));
        assert_eq!(pairing_file::load(&path).expect("loaded").emergency_helpline, "1906", "cached for a restart while offline");

        up.store(false, Ordering::SeqCst);
        let offline = monitor.check().await;
        assert!(!offline.online);
        assert_eq!(offline.emergency_helpline, "1906", "still shown while offline");

        up.store(true, Ordering::SeqCst);
        assert!(monitor.check().await.online, "back by itself");

        *api.lock().expect("lock") = "3.0";
        assert!(monitor.check().await.update_needed, "another major: update this kiosk");
    }

    #[tokio::test]
    async fn a_forwarded_command_that_found_no_office_shows_offline_at_once() {
        let office = TestOffice::start(self_signed()).await;
        let client = Arc::new(OfficeClient::with_timeouts(&pairing(&office), quick()).expect("client"));
        let monitor = LinkMonitor::new(client, pairing(&office), None);
        monitor.note(&Err(IpcError(gasdesk_core::Error::OfficeOffline.payload())));
        assert!(!monitor.link().online);
        monitor.note(&Err(IpcError(gasdesk_core::Error::OutOfStock.payload())));
        assert!(monitor.link().online, "a refusal is an answer: the office is there");
    }
}
