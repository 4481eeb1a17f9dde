//! The `login_throttle` table: failed-login counters that survive a restart, one row per
//! (kind, username, terminal); kind `terminal` with username '' is a terminal's own count.
use super::rows::{db_time, opt_time_at, time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::Timestamp;
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: i64,
    pub last_failure_at: Timestamp,
    pub blocked_until: Option<Timestamp>,
}

/// Which counter: a username typed at a terminal (kind `staff` or `customer`), or the
/// terminal's count across all usernames (see [`ThrottleKey::terminal_wide`]).
#[derive(Debug, Clone, Copy)]
pub struct ThrottleKey<'a> {
    pub kind: &'a str,
    pub username: &'a str,
    pub terminal: &'a str,
}

impl<'a> ThrottleKey<'a> {
    pub fn terminal_wide(terminal: &'a str) -> Self {
        ThrottleKey { kind: "terminal", username: "", terminal }
    }
}

impl Reader<'_> {
    pub fn login_throttle(&self, key: ThrottleKey<'_>) -> Result<Option<ThrottleState>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE kind = ?1 AND username = ?2 AND terminal = ?3",
            )?
            .query_row(params![key.kind, key.username, key.terminal], |r| {
                Ok(ThrottleState { failures: r.get(0)?, last_failure_at: time_at(r, 1)?, blocked_until: opt_time_at(r, 2)? })
            })
            .optional()?)
    }
}

impl Writer<'_> {
    pub fn set_login_throttle(&self, key: ThrottleKey<'_>, state: ThrottleState) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO login_throttle (kind, username, terminal, failures, last_failure_at, blocked_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (kind, username, terminal) DO UPDATE SET failures = ?4, last_failure_at = ?5, blocked_until = ?6",
            )?
            .execute(params![
                key.kind,
                key.username,
                key.terminal,
                state.failures,
                db_time(state.last_failure_at),
                state.blocked_until.map(db_time)
            ])?;
        Ok(())
    }

    /// Forgets a username's failures at one terminal (a successful log-in there).
    pub fn clear_login_failures_at(&self, key: ThrottleKey<'_>) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM login_throttle WHERE kind = ?1 AND username = ?2 AND terminal = ?3")?.execute(params![
            key.kind,
            key.username,
            key.terminal
        ])?;
        Ok(())
    }

    /// Forgets a username's failures at every terminal (a password reset).
    pub fn clear_login_failures(&self, kind: &str, username: &str) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM login_throttle WHERE kind = ?1 AND username = ?2")?.execute(params![kind, username])?;
        Ok(())
    }

    /// Forgets every terminal's own count (a staff password reset from the command line).
    pub fn clear_terminal_failures(&self) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM login_throttle WHERE kind = 'terminal'")?.execute([])?;
        Ok(())
    }
}
