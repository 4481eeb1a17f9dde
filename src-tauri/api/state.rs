//! One terminal's view of the agency: the desk (domain + database), where the terminal stands
//! and who is logged in at it. The office window and a kiosk window on the office PC each have
//! one; the LAN server keeps one per paired kiosk terminal (device + terminal secret), all over
//! the same shared desk. Plain Rust: no Tauri, no sockets.
use super::kiosk_server::KioskServerControl;
use super::session::{Session, SessionClock, SystemSessionClock};
use super::IpcError;
use gasdesk_core::domain::{Actor, Terminal};
use gasdesk_core::model::KioskLanguage;
use gasdesk_core::{Desk, Error};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long the sessions last without activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// A customer is logged out after this.
    pub customer_idle: Duration,
    /// The admin switch locks again after this.
    pub admin_relock: Duration,
}

/// Where the person at this terminal stands: what they may do depends on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The office window on the office PC.
    Office,
    /// A kiosk window on the office PC itself (`gasdesk --kiosk`).
    LocalKiosk,
    /// A kiosk PC paired with the office over the LAN, by its `devices` row id.
    Device { id: i64 },
}

impl Place {
    pub fn is_kiosk(&self) -> bool {
        !matches!(self, Place::Office)
    }
}

pub struct AppState {
    pub desk: Arc<Desk>,
    pub place: Place,
    clock: Arc<dyn SessionClock>,
    session: Mutex<Session>,
    /// The records' generation this terminal's sessions belong to (`Desk::records_generation`).
    generation: Mutex<String>,
    /// The office window's LAN server, when it has one (never at a kiosk).
    kiosk_server: Option<Arc<dyn KioskServerControl>>,
    /// The language this window's visits start in (`--language`; `app_info` tells the UI).
    pub language: KioskLanguage,
}

impl AppState {
    /// The office window (`kiosk = false`) or a kiosk window on the office PC.
    pub fn new(desk: Desk, kiosk: bool) -> Self {
        let place = if kiosk { Place::LocalKiosk } else { Place::Office };
        AppState::at(Arc::new(desk), place, Arc::new(SystemSessionClock))
    }

    /// A terminal at `place` over a desk shared with other terminals, idle times measured by
    /// `clock` (the server's; a test's).
    pub fn at(desk: Arc<Desk>, place: Place, clock: Arc<dyn SessionClock>) -> Self {
        let generation = Mutex::new(desk.records_generation().unwrap_or_default());
        AppState {
            desk,
            place,
            clock,
            session: Mutex::new(Session::default()),
            generation,
            kiosk_server: None,
            language: KioskLanguage::default(),
        }
    }

    /// The office window with the handle on its LAN server (the Kiosks screen, Settings).
    pub fn with_kiosk_server(self, control: Arc<dyn KioskServerControl>) -> Self {
        AppState { kiosk_server: Some(control), ..self }
    }

    /// A window whose visits start in `language` (`gasdesk --kiosk --language hi`).
    pub fn with_language(self, language: KioskLanguage) -> Self {
        AppState { language, ..self }
    }

    /// The LAN server's handle, if this terminal has one.
    pub fn kiosk_server(&self) -> Option<&dyn KioskServerControl> {
        self.kiosk_server.as_deref()
    }

    /// Now, by this terminal's session clock.
    pub fn now(&self) -> Instant {
        self.clock.now()
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

    /// Which terminal log-ins are typed at: failures are counted per terminal (and per paired
    /// device), so a kiosk cannot lock a username out of the office window.
    pub fn terminal(&self) -> Result<Terminal, Error> {
        Ok(match &self.place {
            Place::Office => Terminal::OFFICE,
            Place::LocalKiosk => Terminal::KIOSK,
            Place::Device { id } => Terminal::device(&id.to_string())?,
        })
    }

    /// Office-only work (setup, settings, backups, restore, kiosk pairing) is refused at any
    /// kiosk, whoever holds the admin switch there.
    pub fn require_office(&self) -> Result<(), IpcError> {
        if self.place.is_kiosk() {
            return Err(IpcError::forbidden("This is done on the office PC, not at a kiosk."));
        }
        Ok(())
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
        self.session().customer(self.now(), self.timeouts().customer_idle)
    }

    pub fn staff(&self) -> Result<Actor, Error> {
        self.end_sessions_if_restored();
        self.session().staff(self.now(), self.timeouts().admin_relock)
    }
}

fn secs(n: i64) -> Duration {
    Duration::from_secs(u64::try_from(n).unwrap_or(0))
}
