//! The database file's health: the quick check run after start on a connection of its own,
//! the record of damage any operation met, and where the newest backup is.
use super::BUSY_TIMEOUT;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Damage this process has seen in the file. Set once; cleared only when a restore replaced
/// the file (the check then runs again).
#[derive(Debug, Default)]
pub struct DamageRecord {
    /// Read on every booking, so kept apart from the text (no lock on the booking path).
    seen: AtomicBool,
    /// The first problem found, for staff.
    first: Mutex<Option<String>>,
}

impl DamageRecord {
    /// Records damage; the first problem's text is the one kept.
    pub fn mark(&self, problem: &str) {
        let mut first = self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if first.is_none() {
            *first = Some(problem.to_owned());
        }
        self.seen.store(true, Ordering::Release);
    }

    pub fn is_damaged(&self) -> bool {
        self.seen.load(Ordering::Acquire)
    }

    /// The file was replaced (a restore): what was seen in the old one no longer holds.
    pub fn clear(&self) {
        let mut first = self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *first = None;
        self.seen.store(false, Ordering::Release);
    }

    /// The first problem found, or `None` while the file looks sound.
    pub fn problem(&self) -> Option<String> {
        if !self.is_damaged() {
            return None;
        }
        self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}

/// `PRAGMA quick_check` on a read-only connection of its own to the file at `path`: every page
/// and b-tree structure is read, but indexes are not compared with their tables, so the time
/// grows with the file's size only (a full `integrity_check` is `gasdesk check`'s job). The
/// window's connection stays free meanwhile. Returns the problems found; none means sound.
/// A file so damaged that the check cannot run at all is `Error::Damaged`.
pub fn quick_check_problems(path: &Path) -> Result<Vec<String>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let mut problems: Vec<String> =
        conn.prepare("PRAGMA quick_check")?.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
    problems.retain(|p| p != "ok");
    Ok(problems)
}
