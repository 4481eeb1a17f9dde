//! Who is logged in on this window, held in Rust. The UI can only ask; it never tells the
//! backend who it is. Plain Rust (no Tauri), so the idle rules are unit-tested directly.
use gasdesk_core::domain::Actor;
use gasdesk_core::model::{SessionInfo, SessionUser};
use gasdesk_core::Error;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The clock idle timeouts are measured by: the process's monotonic clock, or a test's.
pub trait SessionClock: Send + Sync {
    fn now(&self) -> Instant;
}

pub struct SystemSessionClock;

impl SessionClock for SystemSessionClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told: idle timeouts tested without waiting.
pub struct ManualSessionClock(Mutex<Instant>);

impl Default for ManualSessionClock {
    fn default() -> Self {
        ManualSessionClock(Mutex::new(Instant::now()))
    }
}

impl ManualSessionClock {
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|p| p.into_inner());
        *now += by;
    }
}

impl SessionClock for ManualSessionClock {
    fn now(&self) -> Instant {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

struct Signed {
    actor: Actor,
    last_activity: Instant,
}

/// The customer session and, on top of it, the admin switch (an unlocked staff member).
#[derive(Default)]
pub struct Session {
    customer: Option<Signed>,
    staff: Option<Signed>,
}

fn user(signed: &Option<Signed>) -> Option<SessionUser> {
    signed.as_ref().and_then(|s| match &s.actor {
        Actor::Customer { id, username } | Actor::Staff { id, username } => Some(SessionUser { id: *id, username: username.clone() }),
        Actor::System => None,
    })
}

/// The actor if still within its idle timeout (and marks it active); clears it otherwise.
fn active(slot: &mut Option<Signed>, now: Instant, idle: Duration) -> Option<Actor> {
    match slot {
        Some(s) if now.duration_since(s.last_activity) <= idle => {
            s.last_activity = now;
            Some(s.actor.clone())
        }
        _ => {
            *slot = None;
            None
        }
    }
}

impl Session {
    pub fn info(&self) -> SessionInfo {
        SessionInfo { customer: user(&self.customer), staff: user(&self.staff) }
    }

    pub fn sign_in_customer(&mut self, actor: Actor, now: Instant) {
        self.customer = Some(Signed { actor, last_activity: now });
    }

    pub fn sign_in_staff(&mut self, actor: Actor, now: Instant) {
        self.staff = Some(Signed { actor, last_activity: now });
    }

    pub fn sign_out_customer(&mut self) {
        self.customer = None;
    }

    pub fn lock_staff(&mut self) {
        self.staff = None;
    }

    /// The logged-in customer, or `NotLoggedIn` (also after `idle` without activity).
    pub fn customer(&mut self, now: Instant, idle: Duration) -> Result<Actor, Error> {
        active(&mut self.customer, now, idle).ok_or(Error::NotLoggedIn)
    }

    /// The unlocked staff member, or `Forbidden`: without the admin switch, a staff command
    /// is refused whoever else is logged in. The switch relocks after `relock` idle.
    pub fn staff(&mut self, now: Instant, relock: Duration) -> Result<Actor, Error> {
        active(&mut self.staff, now, relock).ok_or(Error::Forbidden)
    }

    /// Keeps both sessions alive (the person is using the screen), unless already expired.
    pub fn touch(&mut self, now: Instant, idle: Duration, relock: Duration) {
        active(&mut self.customer, now, idle);
        active(&mut self.staff, now, relock);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer() -> Actor {
        Actor::Customer { id: 7, username: "asha".into() }
    }

    #[test]
    fn nobody_is_logged_in_at_first_and_staff_commands_are_forbidden() {
        let mut s = Session::default();
        let now = Instant::now();
        assert!(matches!(s.customer(now, Duration::from_secs(90)), Err(Error::NotLoggedIn)));
        assert!(matches!(s.staff(now, Duration::from_secs(300)), Err(Error::Forbidden)));
    }

    #[test]
    fn a_customer_session_is_not_the_admin_switch() {
        let mut s = Session::default();
        let now = Instant::now();
        s.sign_in_customer(customer(), now);
        assert_eq!(s.customer(now, Duration::from_secs(90)).unwrap(), customer());
        assert!(matches!(s.staff(now, Duration::from_secs(300)), Err(Error::Forbidden)));
    }

    #[test]
    fn sessions_end_after_their_idle_timeout_and_activity_extends_them() {
        let mut s = Session::default();
        let t0 = Instant::now();
        s.sign_in_customer(customer(), t0);
        s.sign_in_staff(Actor::Staff { id: 1, username: "admin".into() }, t0);
        let idle = Duration::from_secs(90);
        let relock = Duration::from_secs(300);
        s.touch(t0 + Duration::from_secs(80), idle, relock);
        assert!(s.customer(t0 + Duration::from_secs(160), idle).is_ok(), "activity at 80 s keeps it to 170 s");
        assert!(matches!(s.customer(t0 + Duration::from_secs(400), idle), Err(Error::NotLoggedIn)));
        assert!(s.info().customer.is_none(), "an expired session is cleared");
        assert!(matches!(s.staff(t0 + Duration::from_secs(900), relock), Err(Error::Forbidden)));
        assert!(s.info().staff.is_none());
    }
}
