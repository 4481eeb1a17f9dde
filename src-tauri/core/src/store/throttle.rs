//! The `login_throttle` table: failed-login counters that survive a restart.
use super::rows::{db_time, opt_time_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::Timestamp;
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottleState {
    pub failures: i64,
    pub blocked_until: Option<Timestamp>,
}

impl Reader<'_> {
    pub fn login_throttle(&self, kind: &str, username: &str) -> Result<Option<ThrottleState>> {
        Ok(self
            .conn
            .prepare_cached("SELECT failures, blocked_until FROM login_throttle WHERE kind = ?1 AND username = ?2")?
            .query_row(params![kind, username], |r| Ok(ThrottleState { failures: r.get(0)?, blocked_until: opt_time_at(r, 1)? }))
            .optional()?)
    }
}

impl Writer<'_> {
    pub fn record_login_failure(&self, kind: &str, username: &str, state: ThrottleState, now: Timestamp) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO login_throttle (kind, username, failures, last_failure_at, blocked_until) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (kind, username) DO UPDATE SET failures = ?3, last_failure_at = ?4, blocked_until = ?5",
            )?
            .execute(params![kind, username, state.failures, db_time(now), state.blocked_until.map(db_time)])?;
        Ok(())
    }

    pub fn clear_login_failures(&self, kind: &str, username: &str) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM login_throttle WHERE kind = ?1 AND username = ?2")?.execute(params![kind, username])?;
        Ok(())
    }
}
