//! Staff and customer log-in, first-run set-up, and the failed-login throttle (its rules are in
//! `login_throttle.rs`).
use super::actor::{audit, Actor, NOTHING};
use super::login_throttle::{self as throttle, Terminal, LOCK_AFTER_FAILURES, LOCK_SECONDS, TERMINAL_LOCK_AFTER_FAILURES};
use super::{passwords, validate, Desk};
use crate::error::{Error, Result};
use crate::model::{StaffMember, Timestamp};
use crate::store::{Credentials, ThrottleKey, ThrottleState, Writer};

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

/// A log-in attempt, counted as a failure before its password is checked.
struct Attempt {
    /// This username's failures at this terminal, this attempt included.
    failures: i64,
    /// The terminal's failures across all usernames, this attempt included.
    terminal_failures: i64,
    /// The account's, when the username exists.
    credentials: Option<Credentials>,
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

    /// Unlocks the admin switch. `terminal` is where the password was typed: failures there
    /// never lock the same username at another terminal.
    pub fn staff_login(&self, terminal: &Terminal, username: &str, password: &str) -> Result<Actor> {
        let (id, stored_name) = self.check_password(AccountKind::Staff, terminal, username, password)?;
        Ok(Actor::Staff { id, username: stored_name })
    }

    pub fn customer_login(&self, terminal: &Terminal, username: &str, password: &str) -> Result<Actor> {
        let (id, stored_name) = self.check_password(AccountKind::Customer, terminal, username, password)?;
        Ok(Actor::Customer { id, username: stored_name })
    }

    fn check_password(&self, kind: AccountKind, terminal: &Terminal, username: &str, password: &str) -> Result<(i64, String)> {
        let username: String = username.trim().chars().take(64).collect();
        if username.is_empty() || password.is_empty() {
            return Err(Error::BadCredentials);
        }
        let password: String = password.chars().take(256).collect();
        let key = ThrottleKey { kind: kind.word(), username: &username, terminal: terminal.as_str() };
        let now = self.now();
        // Counted in one write transaction before the slow check, so guesses sent together each
        // see the others (and a check cut short by a crash still counts).
        let attempt = self.db.write(|w| count_attempt(w, kind, key, now))?;
        // Hashing runs outside any transaction: it is slow on purpose and must not hold a lock.
        let verified = match &attempt.credentials {
            Some(account) => passwords::verify(&password, &account.password_hash),
            None => {
                passwords::verify_nothing(&password);
                false
            }
        };
        match attempt.credentials {
            Some(Credentials { id, username: stored_name, .. }) if verified => {
                self.db.write(|w| take_back_attempt(w, key))?;
                Ok((id, stored_name))
            }
            _ => {
                if attempt.failures == LOCK_AFTER_FAILURES || attempt.terminal_failures == TERMINAL_LOCK_AFTER_FAILURES {
                    self.db.write(|w| audit_lock(w, key, &attempt, now))?;
                }
                Err(Error::BadCredentials)
            }
        }
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
            // Whatever kept this person out goes: their username's counts at every terminal,
            // and the terminals' own counts.
            w.clear_login_failures("staff", &member.username)?;
            w.clear_terminal_failures()?;
            let change = serde_json::json!({ "password": "changed" });
            audit(w, actor, "staff.reset_password", ("staff", member.id), NOTHING, Some(&change), now)
        })
    }
}

/// Refuses the attempt while its username (at this terminal) or the terminal is blocked;
/// otherwise counts it as a failure and reads the credentials to check.
fn count_attempt(w: &Writer<'_>, kind: AccountKind, key: ThrottleKey<'_>, now: Timestamp) -> Result<Attempt> {
    let terminal_key = ThrottleKey::terminal_wide(key.terminal);
    let (user_state, terminal_state) = (w.login_throttle(key)?, w.login_throttle(terminal_key)?);
    throttle::refuse_if_blocked([user_state.as_ref(), terminal_state.as_ref()], now)?;
    let failures = throttle::username_failures_at(user_state.as_ref(), now) + 1;
    let blocked_until = throttle::username_wait_after(failures).map(|wait| now + wait);
    w.set_login_throttle(key, ThrottleState { failures, last_failure_at: now, blocked_until })?;
    let terminal_failures = throttle::terminal_failures_at(terminal_state.as_ref(), now) + 1;
    let blocked_until = throttle::terminal_wait_after(terminal_failures).map(|wait| now + wait);
    w.set_login_throttle(terminal_key, ThrottleState { failures: terminal_failures, last_failure_at: now, blocked_until })?;
    let credentials = match kind {
        AccountKind::Staff => w.staff_credentials(key.username)?,
        AccountKind::Customer => w.customer_credentials(key.username)?,
    };
    Ok(Attempt { failures, terminal_failures, credentials })
}

/// The right password: the username's count at this terminal is cleared, and the failure
/// counted up front is taken back from the terminal's count (not cleared: a person with an
/// account of their own must not be able to wipe a terminal's count by logging in).
fn take_back_attempt(w: &Writer<'_>, key: ThrottleKey<'_>) -> Result<()> {
    w.clear_login_failures_at(key)?;
    let terminal_key = ThrottleKey::terminal_wide(key.terminal);
    if let Some(state) = w.login_throttle(terminal_key)? {
        let failures = (state.failures - 1).max(0);
        let blocked_until = state.blocked_until.filter(|_| failures >= TERMINAL_LOCK_AFTER_FAILURES);
        w.set_login_throttle(terminal_key, ThrottleState { failures, blocked_until, ..state })?;
    }
    Ok(())
}

/// Audits the wrong password that locked its username or its terminal.
fn audit_lock(w: &Writer<'_>, key: ThrottleKey<'_>, attempt: &Attempt, now: Timestamp) -> Result<()> {
    let who = Actor::System;
    if attempt.failures == LOCK_AFTER_FAILURES {
        let note = serde_json::json!({
            "kind": key.kind, "username": key.username, "terminal": key.terminal, "locked_seconds": LOCK_SECONDS
        });
        w.audit(&who.audit_as("login.locked"), "login", None, None, Some(&note.to_string()), now)?;
    }
    if attempt.terminal_failures == TERMINAL_LOCK_AFTER_FAILURES {
        let note = serde_json::json!({ "terminal": key.terminal, "locked_seconds": LOCK_SECONDS });
        w.audit(&who.audit_as("login.terminal_locked"), "login", None, None, Some(&note.to_string()), now)?;
    }
    Ok(())
}
