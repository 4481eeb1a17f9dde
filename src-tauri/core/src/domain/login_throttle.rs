//! The failed-login throttle's rules (decision 0013). Failures are counted per terminal: per
//! username typed there, and across all usernames typed there, so a kiosk's failures never lock
//! the same username at the office window.
use crate::error::{Error, Result};
use crate::model::Timestamp;
use crate::store::ThrottleState;
use chrono::Duration;
use std::borrow::Cow;

/// A username's failures before each further attempt must wait (3 → 5 s, 4 → 15 s).
const SLOW_AFTER_FAILURES: i64 = 3;
/// A username's failures (at one terminal) that lock it there for `LOCK_SECONDS`.
pub const LOCK_AFTER_FAILURES: i64 = 5;
pub const LOCK_SECONDS: i64 = 15 * 60;
/// Failures at one terminal, whatever the usernames, that make it wait `LOCK_SECONDS`: one
/// kiosk trying many usernames is slowed down too.
pub const TERMINAL_LOCK_AFTER_FAILURES: i64 = 30;
/// A terminal forgets one failure per minute without a failure there, so a busy kiosk's
/// occasional mistyped passwords never add up to a lock.
const TERMINAL_FORGETS_ONE_EVERY_SECS: i64 = 60;

/// Where a log-in is typed: a window on this PC (office or kiosk) or, later, a paired LAN kiosk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terminal(Cow<'static, str>);

impl Terminal {
    pub const OFFICE: Terminal = Terminal(Cow::Borrowed("office"));
    pub const KIOSK: Terminal = Terminal(Cow::Borrowed("kiosk"));

    /// A paired LAN kiosk, by its device id (prefixed, so no device can pass as a local window).
    pub fn device(id: &str) -> Result<Terminal> {
        let valid = (1..=57).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if !valid {
            return Err(Error::invalid("device", "A device id has 1 to 57 letters, digits, dots, dashes or underscores."));
        }
        Ok(Terminal(Cow::Owned(format!("device:{id}"))))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A username's failures that still count at `now`: after `LOCK_SECONDS` without a failure
/// the count starts again, so a lock that has run out is not renewed by one more mistake.
pub fn username_failures_at(state: Option<&ThrottleState>, now: Timestamp) -> i64 {
    match state {
        Some(s) if now - s.last_failure_at < Duration::seconds(LOCK_SECONDS) => s.failures,
        _ => 0,
    }
}

/// A terminal's failures that still count at `now` (one forgotten per quiet minute).
pub fn terminal_failures_at(state: Option<&ThrottleState>, now: Timestamp) -> i64 {
    state.map_or(0, |s| {
        let forgotten = (now - s.last_failure_at).num_seconds().max(0) / TERMINAL_FORGETS_ONE_EVERY_SECS;
        (s.failures - forgotten).max(0)
    })
}

/// How long a username's next attempt must wait after `failures` counted failures.
pub fn username_wait_after(failures: i64) -> Option<Duration> {
    if failures >= LOCK_AFTER_FAILURES {
        Some(Duration::seconds(LOCK_SECONDS))
    } else if failures >= SLOW_AFTER_FAILURES {
        Some(Duration::seconds(5 * 3_i64.pow((failures - SLOW_AFTER_FAILURES) as u32)))
    } else {
        None
    }
}

/// How long a terminal's next attempt must wait after `failures` counted failures there.
pub fn terminal_wait_after(failures: i64) -> Option<Duration> {
    (failures >= TERMINAL_LOCK_AFTER_FAILURES).then(|| Duration::seconds(LOCK_SECONDS))
}

/// `Throttled` while any of `states` is blocked at `now`, with the longest wait.
pub fn refuse_if_blocked<'a>(states: impl IntoIterator<Item = Option<&'a ThrottleState>>, now: Timestamp) -> Result<()> {
    let until = states.into_iter().flatten().filter_map(|s| s.blocked_until).filter(|until| *until > now).max();
    match until {
        Some(until) => Err(Error::Throttled { retry_after_secs: (until - now).num_seconds().max(1) }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(failures: i64, last_failure_at: Timestamp) -> ThrottleState {
        ThrottleState { failures, last_failure_at, blocked_until: None }
    }

    #[test]
    fn waits_grow_then_lock() {
        assert_eq!(username_wait_after(1), None);
        assert_eq!(username_wait_after(2), None);
        assert_eq!(username_wait_after(3), Some(Duration::seconds(5)));
        assert_eq!(username_wait_after(4), Some(Duration::seconds(15)));
        assert_eq!(username_wait_after(5), Some(Duration::seconds(LOCK_SECONDS)));
        assert_eq!(username_wait_after(50), Some(Duration::seconds(LOCK_SECONDS)));
        assert_eq!(terminal_wait_after(TERMINAL_LOCK_AFTER_FAILURES - 1), None);
        assert_eq!(terminal_wait_after(TERMINAL_LOCK_AFTER_FAILURES), Some(Duration::seconds(LOCK_SECONDS)));
    }

    #[test]
    fn a_username_count_starts_again_after_a_quiet_lock_length_and_a_terminal_count_leaks() {
        let then = chrono::Utc::now();
        let s = state(5, then);
        assert_eq!(username_failures_at(Some(&s), then + Duration::seconds(LOCK_SECONDS - 1)), 5);
        assert_eq!(username_failures_at(Some(&s), then + Duration::seconds(LOCK_SECONDS)), 0);
        assert_eq!(username_failures_at(None, then), 0);
        let s = state(10, then);
        assert_eq!(terminal_failures_at(Some(&s), then + Duration::seconds(59)), 10);
        assert_eq!(terminal_failures_at(Some(&s), then + Duration::seconds(3 * 60)), 7);
        assert_eq!(terminal_failures_at(Some(&s), then + Duration::seconds(LOCK_SECONDS)), 0);
    }

    #[test]
    fn device_terminals_never_pass_as_a_local_window() {
        assert_eq!(Terminal::device("kiosk-2").unwrap().as_str(), "device:kiosk-2");
        assert_ne!(Terminal::device("office").unwrap(), Terminal::OFFICE);
        assert!(Terminal::device("").is_err());
        assert!(Terminal::device("a/b").is_err());
    }
}
