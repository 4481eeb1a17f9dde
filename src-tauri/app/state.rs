//! What every command shares: the desk (domain + database), the session, the mode.
use super::session::Session;
use gasdesk_core::domain::{Actor, Terminal};
use gasdesk_core::{Desk, Error};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub struct AppState {
    pub desk: Desk,
    pub kiosk: bool,
    session: Mutex<Session>,
}

impl AppState {
    pub fn new(desk: Desk, kiosk: bool) -> Self {
        AppState { desk, kiosk, session: Mutex::new(Session::default()) }
    }

    /// Which window log-ins are typed at: failures are counted per terminal, so a kiosk
    /// cannot lock a username out of the office window.
    pub fn terminal(&self) -> Terminal {
        if self.kiosk {
            Terminal::KIOSK
        } else {
            Terminal::OFFICE
        }
    }

    pub fn session(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// (customer idle timeout, admin relock timeout), read from the settings each time so a
    /// change applies at once.
    pub fn timeouts(&self) -> (Duration, Duration) {
        match self.desk.public_settings() {
            Ok(s) => (secs(s.kiosk_idle_seconds), secs(s.admin_relock_seconds)),
            Err(_) => (Duration::from_secs(90), Duration::from_secs(300)),
        }
    }

    pub fn customer(&self) -> Result<Actor, Error> {
        let (idle, _) = self.timeouts();
        self.session().customer(Instant::now(), idle)
    }

    pub fn staff(&self) -> Result<Actor, Error> {
        let (_, relock) = self.timeouts();
        self.session().staff(Instant::now(), relock)
    }
}

fn secs(n: i64) -> Duration {
    Duration::from_secs(u64::try_from(n).unwrap_or(0))
}
