//! The database file's health: the quick check run after start on a connection of its own,
//! the record of damage any operation met, and where the newest backup is.
use super::files::{create_private_file, with_suffix};
use super::BUSY_TIMEOUT;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Damage seen in the file. For a file, the record is shared by every process on it through a
/// marker file beside it (`<db>.damaged`, holding the first problem): damage the office
/// window's check finds pauses a kiosk process on the same file too, and a restore (from the
/// screen or `gasdesk restore`) removes it. Without a file (or when the marker cannot be
/// written) the record is this process's own.
#[derive(Debug, Default)]
pub struct DamageRecord {
    /// Damage seen by this process and not written to a marker.
    seen: AtomicBool,
    /// The first problem found, for staff.
    first: Mutex<Option<String>>,
    marker: Option<PathBuf>,
}

/// The marker file of the database at `db_path`.
pub(crate) fn damage_marker(db_path: &Path) -> PathBuf {
    with_suffix(db_path, ".damaged")
}

impl DamageRecord {
    pub(crate) fn for_file(db_path: &Path) -> DamageRecord {
        DamageRecord { marker: Some(damage_marker(db_path)), ..DamageRecord::default() }
    }

    /// Records damage; the first problem's text is the one kept.
    pub fn mark(&self, problem: &str) {
        let mut first = self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if first.is_none() {
            *first = Some(problem.to_owned());
        }
        // Another process may write it at the same moment: either write makes it shared.
        let shared =
            self.marker.as_deref().is_some_and(|marker| marker.exists() || write_marker(marker, problem).is_ok() || marker.exists());
        if !shared {
            self.seen.store(true, Ordering::Release);
        }
    }

    /// Read on every booking: an atomic load and, for a file, one `stat` of the marker.
    pub fn is_damaged(&self) -> bool {
        self.seen.load(Ordering::Acquire) || self.marker.as_deref().is_some_and(Path::exists)
    }

    /// The file was replaced (a restore): what was seen in the old one no longer holds.
    pub fn clear(&self) {
        let mut first = self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *first = None;
        self.seen.store(false, Ordering::Release);
        if let Some(marker) = &self.marker {
            let _ = std::fs::remove_file(marker);
        }
    }

    /// The first problem found (here, or by another process), or `None` while the file looks sound.
    pub fn problem(&self) -> Option<String> {
        if !self.is_damaged() {
            return None;
        }
        let first = self.first.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone();
        first.or_else(|| {
            let text = self.marker.as_deref().and_then(|m| std::fs::read_to_string(m).ok()).unwrap_or_default();
            Some(if text.trim().is_empty() { "Another GasDesk window found damage in the database file.".to_owned() } else { text })
        })
    }
}

fn write_marker(marker: &Path, problem: &str) -> std::io::Result<()> {
    use std::io::Write;
    create_private_file(marker)?.write_all(problem.as_bytes())
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
