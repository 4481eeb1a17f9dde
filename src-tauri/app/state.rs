//! What every command shares: the desk (domain + database), the session, the mode.
use super::session::Session;
use gasdesk_core::domain::{Actor, Terminal};
use gasdesk_core::{Desk, Error};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long the sessions last without activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// A customer is logged out after this.
    pub customer_idle: Duration,
    /// The admin switch locks again after this.
    pub admin_relock: Duration,
}

pub struct AppState {
    pub desk: Desk,
    pub kiosk: bool,
    session: Mutex<Session>,
    /// The records' generation this window's sessions belong to (`Desk::records_generation`).
    generation: Mutex<String>,
}

impl AppState {
    pub fn new(desk: Desk, kiosk: bool) -> Self {
        let generation = Mutex::new(desk.records_generation().unwrap_or_default());
        AppState { desk, kiosk, session: Mutex::new(Session::default()), generation }
    }

    /// A restore (from any window on the file) replaced the records: the accounts and who may
    /// do what are now the backup's, so whoever is logged in here logs in again.
    fn end_sessions_if_restored(&self) {
        let Ok(current) = self.desk.records_generation() else { return };
        let mut seen = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        if *seen != current {
            let mut session = self.session();
            session.sign_out_customer();
            session.lock_staff();
            *seen = current;
        }
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

    /// Read from the settings each time so a change applies at once; the defaults when the
    /// settings cannot be read.
    pub fn timeouts(&self) -> Timeouts {
        match self.desk.public_settings() {
            Ok(s) => Timeouts { customer_idle: secs(s.kiosk_idle_seconds), admin_relock: secs(s.admin_relock_seconds) },
            Err(_) => Timeouts { customer_idle: Duration::from_secs(90), admin_relock: Duration::from_secs(300) },
        }
    }

    pub fn customer(&self) -> Result<Actor, Error> {
        self.end_sessions_if_restored();
        self.session().customer(Instant::now(), self.timeouts().customer_idle)
    }

    pub fn staff(&self) -> Result<Actor, Error> {
        self.end_sessions_if_restored();
        self.session().staff(Instant::now(), self.timeouts().admin_relock)
    }
}

fn secs(n: i64) -> Duration {
    Duration::from_secs(u64::try_from(n).unwrap_or(0))
}
