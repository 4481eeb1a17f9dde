//! Staff and customer log-in, first-run set-up, and the failed-login throttle.
use super::actor::{audit, Actor, NOTHING};
use super::{passwords, validate, Desk};
use crate::error::{Error, Result};
use crate::model::{StaffMember, Timestamp};
use crate::store::{ThrottleState, Writer};
use chrono::Duration;

/// Failures before each further attempt must wait (3 → 5 s, 4 → 15 s).
const SLOW_AFTER_FAILURES: i64 = 3;
/// Failures that lock the username for `LOCK_SECONDS`.
pub const LOCK_AFTER_FAILURES: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;

#[derive(Clone, Copy)]
enum AccountKind {
    Staff,
    Customer,
}

impl AccountKind {
    fn word(self) -> &'static str {
        match self {
            AccountKind::Staff => "staff",
            AccountKind::Customer => "customer",
        }
    }
}

/// How long the next attempt must wait after `failures` consecutive failures.
fn wait_after(failures: i64) -> Option<Duration> {
    if failures >= LOCK_AFTER_FAILURES {
        Some(Duration::seconds(LOCK_SECONDS))
    } else if failures >= SLOW_AFTER_FAILURES {
        Some(Duration::seconds(5 * 3_i64.pow((failures - SLOW_AFTER_FAILURES) as u32)))
    } else {
        None
    }
}

fn refuse_if_blocked(state: Option<ThrottleState>, now: Timestamp) -> Result<()> {
    if let Some(until) = state.and_then(|s| s.blocked_until).filter(|until| *until > now) {
        let secs = (until - now).num_seconds().max(1);
        return Err(Error::Throttled { retry_after_secs: secs });
    }
    Ok(())
}

impl Desk {
    /// True once the first staff account exists.
    pub fn is_set_up(&self) -> Result<bool> {
        Ok(self.db.read(|r| r.staff_count())? > 0)
    }

    /// First start on an empty database: creates the first staff account and logs it in.
    /// Refused once any staff account exists, so it can never be used to add a back door.
    pub fn set_up_first_staff(&self, username: &str, full_name: &str, password: &str) -> Result<Actor> {
        let username = validate::username("username", username)?;
        let full_name = validate::line("full_name", full_name, 1, 100, "name")?;
        validate::password("password", password)?;
        let hash = passwords::hash(password, self.config.password_cost)?;
        let now = self.now();
        self.db.write(|w| {
            if w.staff_count()? > 0 {
                return Err(Error::AlreadySetUp);
            }
            let id = w.insert_staff(&username, &full_name, &hash, now)?;
            let actor = Actor::Staff { id, username: username.clone() };
            let member = w.staff_member(id)?;
            audit(w, &actor, "staff.setup", ("staff", id), NOTHING, member.as_ref(), now)?;
            Ok(actor)
        })
    }

    /// Unlocks the admin switch.
    pub fn staff_login(&self, username: &str, password: &str) -> Result<Actor> {
        let (id, stored_name) = self.check_password(AccountKind::Staff, username, password)?;
        Ok(Actor::Staff { id, username: stored_name })
    }

    pub fn customer_login(&self, username: &str, password: &str) -> Result<Actor> {
        let (id, stored_name) = self.check_password(AccountKind::Customer, username, password)?;
        Ok(Actor::Customer { id, username: stored_name })
    }

    fn check_password(&self, kind: AccountKind, username: &str, password: &str) -> Result<(i64, String)> {
        let username: String = username.trim().chars().take(64).collect();
        if username.is_empty() || password.is_empty() {
            return Err(Error::BadCredentials);
        }
        let password: String = password.chars().take(256).collect();
        let now = self.now();
        let (state, credentials) = self.db.read(|r| {
            let state = r.login_throttle(kind.word(), &username)?;
            let credentials = match kind {
                AccountKind::Staff => r.staff_credentials(&username)?,
                AccountKind::Customer => r.customer_credentials(&username)?,
            };
            Ok((state, credentials))
        })?;
        refuse_if_blocked(state, now)?;
        // Hashing runs outside any transaction: it is slow on purpose and must not hold a lock.
        let verified = match &credentials {
            Some((_, _, hash)) => passwords::verify(&password, hash),
            None => {
                passwords::verify_nothing(&password);
                false
            }
        };
        match credentials {
            Some((id, stored_name, _)) if verified => {
                if state.is_some() {
                    self.db.write(|w| w.clear_login_failures(kind.word(), &username))?;
                }
                Ok((id, stored_name))
            }
            _ => {
                self.db.write(|w| self.count_failure(w, kind, &username, now))?;
                Err(Error::BadCredentials)
            }
        }
    }

    fn count_failure(&self, w: &Writer<'_>, kind: AccountKind, username: &str, now: Timestamp) -> Result<()> {
        // Re-read inside the write transaction so failures from two kiosks both count.
        let failures = w.login_throttle(kind.word(), username)?.map_or(0, |s| s.failures) + 1;
        let blocked_until = wait_after(failures).map(|d| now + d);
        w.record_login_failure(kind.word(), username, ThrottleState { failures, blocked_until }, now)?;
        if failures == LOCK_AFTER_FAILURES {
            let who = Actor::System;
            let note = serde_json::json!({ "kind": kind.word(), "username": username, "locked_seconds": LOCK_SECONDS });
            w.audit(&who.audit_as("login.locked"), "login", None, None, Some(&note.to_string()), now)?;
        }
        Ok(())
    }

    /// Adds another staff account (staff only).
    pub fn add_staff(&self, actor: &Actor, username: &str, full_name: &str, password: &str) -> Result<StaffMember> {
        actor.require_staff()?;
        let username = validate::username("username", username)?;
        let full_name = validate::line("full_name", full_name, 1, 100, "name")?;
        validate::password("password", password)?;
        let hash = passwords::hash(password, self.config.password_cost)?;
        let now = self.now();
        self.db.write(|w| {
            if w.staff_by_username(&username)?.is_some() {
                return Err(Error::invalid("username", "That staff username is taken."));
            }
            let id = w.insert_staff(&username, &full_name, &hash, now)?;
            let member = w.staff_member(id)?.ok_or(Error::NotFound("Staff member"))?;
            audit(w, actor, "staff.create", ("staff", id), NOTHING, Some(&member), now)?;
            Ok(member)
        })
    }

    pub fn list_staff(&self, actor: &Actor) -> Result<Vec<StaffMember>> {
        actor.require_staff()?;
        self.db.read(|r| r.all_staff())
    }

    /// Sets a staff member's password (by another staff member, or from the command line),
    /// and lifts any lock-out on that username.
    pub fn reset_staff_password(&self, actor: &Actor, username: &str, new_password: &str) -> Result<()> {
        actor.require_staff_or_system()?;
        validate::password("password", new_password)?;
        let hash = passwords::hash(new_password, self.config.password_cost)?;
        let now = self.now();
        self.db.write(|w| {
            let member = w.staff_by_username(username.trim())?.ok_or(Error::NotFound("Staff member"))?;
            w.set_staff_password(member.id, &hash, now)?;
            w.clear_login_failures("staff", &member.username)?;
            let change = serde_json::json!({ "password": "changed" });
            audit(w, actor, "staff.reset_password", ("staff", member.id), NOTHING, Some(&change), now)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_then_lock() {
        assert_eq!(wait_after(1), None);
        assert_eq!(wait_after(2), None);
        assert_eq!(wait_after(3), Some(Duration::seconds(5)));
        assert_eq!(wait_after(4), Some(Duration::seconds(15)));
        assert_eq!(wait_after(5), Some(Duration::seconds(LOCK_SECONDS)));
        assert_eq!(wait_after(50), Some(Duration::seconds(LOCK_SECONDS)));
    }
}
