//! GasDesk's backup files in a folder: named `gasdesk-YYYYMMDD-HHMMSS.db` (UTC, so names sort
//! in time order whatever the local clock does), `-N` added before `.db` when a second backup
//! falls in the same second. Only files with exactly this name are listed or ever deleted: the
//! folder may be a USB drive holding anything else.
use crate::error::{Error, Result};
use crate::model::{BackupFile, Timestamp};
use chrono::{NaiveDateTime, TimeZone, Utc};
use std::path::{Path, PathBuf};

const PREFIX: &str = "gasdesk-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// The time and same-second number in a GasDesk backup's name, or `None` for any other name.
fn parse_name(name: &str) -> Option<(Timestamp, u32)> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, n) = match middle.get(15..) {
        Some("") => (middle, 1),
        Some(rest) => {
            let digits = rest.strip_prefix('-')?;
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || digits.starts_with('0') {
                return None;
            }
            (&middle[..15], digits.parse().ok()?)
        }
        None => return None,
    };
    // The format accepts fewer digits than it writes; only the exact shape is GasDesk's.
    let shape_ok = stamp.len() == 15 && stamp.bytes().enumerate().all(|(i, b)| if i == 8 { b == b'-' } else { b.is_ascii_digit() });
    if !shape_ok {
        return None;
    }
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    Some((Utc.from_utc_datetime(&at), n))
}

/// Whether `name` is a GasDesk backup's file name (no folder part, exact pattern).
pub fn is_backup_name(name: &str) -> bool {
    parse_name(name).is_some()
}

/// A path for a new backup made at `at` in `folder`: the first of `gasdesk-<stamp>.db`,
/// `gasdesk-<stamp>-2.db`, … that does not exist yet.
pub fn new_backup_path(folder: &Path, at: Timestamp) -> Result<PathBuf> {
    let stamp = at.format(STAMP);
    for n in 1..10_000u32 {
        let name = if n == 1 { format!("{PREFIX}{stamp}{SUFFIX}") } else { format!("{PREFIX}{stamp}-{n}{SUFFIX}") };
        let path = folder.join(name);
        if !path.exists() {
            return Ok(path);
        }
    }
    Err(Error::Conflict(format!("too many backups made at {stamp} in {}", folder.display())))
}

/// The GasDesk backups in `folder`, newest first; a folder that does not exist has none.
pub fn list_backup_files(folder: &Path) -> Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::Internal(format!("cannot read the backup folder {}: {e}", folder.display()))),
    };
    let mut found: Vec<((Timestamp, u32), BackupFile)> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let key = parse_name(&name)?;
            // `metadata` follows a symlink: only a regular file counts as a backup.
            let meta = std::fs::metadata(entry.path()).ok().filter(|m| m.is_file())?;
            let file = BackupFile {
                path: entry.path().display().to_string(),
                made_at: key.0,
                size_bytes: i64::try_from(meta.len()).unwrap_or(i64::MAX),
                name,
            };
            Some((key, file))
        })
        .collect();
    found.sort_by_key(|(key, _)| std::cmp::Reverse(*key));
    Ok(found.into_iter().map(|(_, file)| file).collect())
}

/// The listed backup called `name` in `folder`: never a path, never another file.
pub fn find_backup_file(folder: &Path, name: &str) -> Result<BackupFile> {
    if !is_backup_name(name) {
        return Err(Error::NotFound("That backup"));
    }
    list_backup_files(folder)?.into_iter().find(|b| b.name == name).ok_or(Error::NotFound("That backup"))
}

/// Deletes the oldest GasDesk backups in `folder` beyond the newest `keep`, never `except`
/// (the one just written, even if a clock set back gave it an older name). Returns the names
/// deleted; a file that cannot be deleted is left for the next time.
pub fn prune_backup_files(folder: &Path, keep: usize, except: &Path) -> Result<Vec<String>> {
    let backups = list_backup_files(folder)?;
    let (kept, older): (Vec<_>, Vec<_>) = backups.into_iter().partition(|b| Path::new(&b.path) == except);
    let room = keep.saturating_sub(kept.len());
    let mut deleted = Vec::new();
    for old in older.into_iter().skip(room) {
        if std::fs::remove_file(&old.path).is_ok() {
            deleted.push(old.name);
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_gasdesk_backup_names_are_recognised() {
        for good in ["gasdesk-20261102-100003.db", "gasdesk-20261102-100003-2.db", "gasdesk-20261102-235959-9999.db"] {
            assert!(is_backup_name(good), "{good}");
        }
        for bad in [
            "gasdesk-2026110-100003.db",
            "gasdesk-20261102-100003.db.partial",
            "gasdesk-20261302-100003.db",
            "gasdesk-20261102-100003-0.db",
            "gasdesk-20261102-100003-.db",
            "gasdesk-20261102-100003-12345.db",
            "Gasdesk-20261102-100003.db",
            "gasdesk-important.db",
            "../gasdesk-20261102-100003.db",
            "gasdesk-2026110+-100003.db",
            "",
        ] {
            assert!(!is_backup_name(bad), "{bad}");
        }
    }
}
