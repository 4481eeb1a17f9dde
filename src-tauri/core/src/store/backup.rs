//! Backups and restores of the database file. Each works on connections of its own, never the
//! window's shared one, so the app keeps answering while a copy is made.
//!
//! A backup is `VACUUM INTO` a `.partial` file beside the target: it reads one snapshot, so
//! processes booking meanwhile never restart it (SQLite's online backup restarted on every
//! write and could run for ever). The copy is checked, then renamed into place.
//!
//! A restore treats the backup as untrusted data: opened read-only with `trusted_schema=OFF`,
//! never created or migrated where it lies, its schema compared with what GasDesk's own
//! migrations make at its version. Only a copy is upgraded, and the live file is kept aside
//! before it is replaced.
use super::files::{self, create_private_file, sidecars, with_suffix};
use super::{migrate, schema_check, Reader, BUSY_TIMEOUT, LATEST_VERSION};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::io;
use std::path::{Path, PathBuf};

/// What a restore did, for the person running it.
#[derive(Debug, Clone)]
pub struct Restored {
    /// The schema version of the backup (it was upgraded to the current one on the way in).
    pub backup_version: i64,
    /// Where the database that was replaced now is; `None` when there was none.
    pub previous_kept_at: Option<PathBuf>,
}

/// Where a backup stands, for a screen that shows its progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupStage {
    /// `VACUUM INTO` is writing the copy (`partial_backup_path(out)` grows).
    Copying,
    /// The copy is written and being checked (integrity, schema) before it gets its name.
    Checking,
}

/// The name a backup to `out` has while it is being written and checked.
pub fn partial_backup_path(out: &Path) -> PathBuf {
    with_suffix(out, ".partial")
}

/// About how many bytes a backup of the database at `db_path` writes: its pages in use.
pub fn database_bytes_in_use(db_path: &Path) -> Result<u64> {
    let conn = open_own(db_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let pragma = |name: &str| -> Result<i64> { Ok(conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?) };
    let pages = (pragma("page_count")? - pragma("freelist_count")?).max(0);
    Ok(u64::try_from(pages.saturating_mul(pragma("page_size")?)).unwrap_or(0))
}

/// Copies the database at `db_path` to `out` (a new file; its folder is created owner-only if
/// missing). Safe while other processes keep writing.
pub fn back_up(db_path: &Path, out: &Path) -> Result<()> {
    back_up_reporting(db_path, out, &|_| {})
}

/// [`back_up`], telling `on_stage` when the copy starts and when its check starts.
pub fn back_up_reporting(db_path: &Path, out: &Path, on_stage: &dyn Fn(BackupStage)) -> Result<()> {
    if !db_path.is_file() {
        return Err(Error::Open(format!("there is no database at {}", db_path.display())));
    }
    if out.exists() {
        return Err(Error::Conflict(format!("{} already exists; choose a new file", out.display())));
    }
    files::create_private_parent(out)?;
    let partial = partial_backup_path(out);
    let result = write_checked_copy(db_path, &partial, on_stage).and_then(|()| move_into_place(&partial, out));
    if result.is_err() {
        files::remove_database_files(&partial);
    }
    result
}

/// Checks a backup file without changing it: it must be a GasDesk database this version can
/// read, intact, with exactly the schema GasDesk makes at its version. Returns that version.
pub fn check_backup(path: &Path) -> Result<i64> {
    let conn = open_untrusted(path)?;
    check_untrusted(&conn, path)
}

/// Replaces the database at `db_path` with the backup at `from`, after checking the backup
/// ([`check_backup`]), upgrading a copy of it to the current schema, checking every rule on
/// that copy, and copying the current database aside. Close every GasDesk window first.
pub fn restore_from(db_path: &Path, from: &Path) -> Result<Restored> {
    let source = open_untrusted(from)?;
    let backup_version = check_untrusted(&source, from)?;
    files::create_private_parent(db_path)?;
    let staging = with_suffix(db_path, ".restore.partial");
    files::remove_database_files(&staging);
    let result = stage_upgraded_copy(&source, from, &staging).and_then(|staged| {
        let previous_kept_at = keep_aside(db_path)?;
        replace_live(db_path, &staged)?;
        Ok(Restored { backup_version, previous_kept_at })
    });
    files::remove_database_files(&staging);
    result
}

/// `VACUUM INTO` an owner-only `partial` from a connection of its own, then checks the copy.
fn write_checked_copy(db_path: &Path, partial: &Path, on_stage: &dyn Fn(BackupStage)) -> Result<()> {
    files::remove_database_files(partial);
    create_private_file(partial).map_err(|e| io_error("cannot create", partial, e))?;
    let live = open_own(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    on_stage(BackupStage::Copying);
    vacuum_into(&live, partial)?;
    drop(live);
    on_stage(BackupStage::Checking);
    files::restrict_to_owner(partial);
    check_backup(partial).map_err(|e| Error::Internal(format!("the copy failed its check: {e}")))?;
    files::sync_file(partial).map_err(|e| io_error("cannot flush", partial, e))
}

/// Renames a finished copy to its final name; the name never shows a half-written file.
fn move_into_place(partial: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        return Err(Error::Conflict(format!("{} already exists; choose a new file", out.display())));
    }
    std::fs::rename(partial, out).map_err(|e| io_error("cannot rename into", out, e))?;
    if let Some(folder) = out.parent() {
        files::sync_dir(folder);
    }
    Ok(())
}

/// Copies the checked backup to `staging`, upgrades that copy and checks it again, whole.
fn stage_upgraded_copy(source: &Connection, from: &Path, staging: &Path) -> Result<Connection> {
    create_private_file(staging).map_err(|e| io_error("cannot create", staging, e))?;
    vacuum_into(source, staging)?;
    let mut staged = open_own(staging, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    staged.pragma_update(None, "foreign_keys", "ON")?;
    migrate::migrate(&mut staged)?;
    let differences = schema_check::schema_differences(&staged, LATEST_VERSION)?;
    if !differences.is_empty() {
        return Err(Error::Internal(format!("the upgraded copy differs from the current schema: {}", differences.join("; "))));
    }
    let reader = Reader { conn: &staged };
    let mut problems = reader.file_integrity_problems()?;
    problems.extend(reader.rule_violations()?);
    if !problems.is_empty() {
        return Err(Error::BadBackup(format!("{} breaks GasDesk's rules: {}", from.display(), problems.join("; "))));
    }
    Ok(staged)
}

/// Copies the current database to `<db>.before-restore-<UTC time>.db`, owner-only. A database
/// SQLite cannot read (the reason for many restores) is copied byte for byte with its WAL.
fn keep_aside(db_path: &Path) -> Result<Option<PathBuf>> {
    if !db_path.exists() {
        return Ok(None);
    }
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let mut aside = with_suffix(db_path, &format!(".before-restore-{stamp}.db"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = with_suffix(db_path, &format!(".before-restore-{stamp}-{n}.db"));
    }
    create_private_file(&aside).map_err(|e| io_error("cannot create", &aside, e))?;
    let copied = open_own(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE).and_then(|live| vacuum_into(&live, &aside));
    if copied.is_err() {
        files::remove_database_files(&aside);
        copy_raw(db_path, &aside)?;
    }
    files::sync_file(&aside).map_err(|e| io_error("cannot flush", &aside, e))?;
    Ok(Some(aside))
}

/// Byte-for-byte copy of a database file and its WAL, each owner-only.
fn copy_raw(db_path: &Path, to: &Path) -> Result<()> {
    let [wal, _] = sidecars(db_path);
    let [to_wal, _] = sidecars(to);
    for (from, to) in [(db_path, to), (wal.as_path(), to_wal.as_path())] {
        if from.exists() {
            let mut reader = std::fs::File::open(from).map_err(|e| io_error("cannot read", from, e))?;
            let mut writer = create_private_file(to).map_err(|e| io_error("cannot create", to, e))?;
            io::copy(&mut reader, &mut writer).map_err(|e| io_error("cannot copy to", to, e))?;
        }
    }
    Ok(())
}

/// Writes the staged database over the live one through SQLite (its locks, its WAL), so a
/// process that still has the file open sees the new content rather than a swapped file. A live
/// file SQLite cannot read at all (already copied aside) is replaced by a fresh one.
fn replace_live(db_path: &Path, staged: &Connection) -> Result<()> {
    match copy_pages(staged, db_path) {
        Err(e) if sqlite_cannot_read_it(&e) => {
            files::remove_database_files(db_path);
            copy_pages(staged, db_path)
        }
        other => other,
    }?;
    files::restrict_database_files(db_path);
    // The damaged file is gone: every process on it may take bookings again.
    let _ = std::fs::remove_file(super::health::damage_marker(db_path));
    Ok(())
}

fn sqlite_cannot_read_it(e: &Error) -> bool {
    matches!(e, Error::Damaged(_))
}

fn copy_pages(staged: &Connection, db_path: &Path) -> Result<()> {
    files::ensure_private_file(db_path)?;
    let mut live = open_own(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // No one else writes the staged copy, so the copy never restarts: steps of all the pages
    // left. Busy means another process held the live file past the busy timeout; that is
    // reported instead of retried for ever.
    let backup = Backup::new(staged, &mut live)?;
    loop {
        match backup.step(i32::MAX)? {
            StepResult::Done => return Ok(()),
            StepResult::More => continue,
            _ => return Err(Error::Busy),
        }
    }
}

/// A connection of this module's own to a file that must already exist.
fn open_own(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Opens a file from outside read-only, with nothing in its schema trusted to run: a missing
/// or unreadable file is refused here, never created.
fn open_untrusted(path: &Path) -> Result<Connection> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::BadBackup(format!("{} does not exist", path.display())));
        }
        Err(e) => return Err(Error::BadBackup(format!("cannot read {}: {e}", path.display()))),
        Ok(meta) if !meta.is_file() => return Err(Error::BadBackup(format!("{} is not a file", path.display()))),
        Ok(_) => {}
    }
    std::fs::File::open(path).map_err(|e| Error::BadBackup(format!("cannot read {}: {e}", path.display())))?;
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::BadBackup(format!("cannot open {}: {e}", path.display())))?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// The checks of [`check_backup`] on an open untrusted file.
fn check_untrusted(conn: &Connection, path: &Path) -> Result<i64> {
    let not_gasdesk = |e: rusqlite::Error| Error::BadBackup(format!("{} is not a GasDesk database ({e})", path.display()));
    let version = migrate::applied_version(conn).map_err(|e| match e {
        Error::Storage(e) | Error::Damaged(e) => not_gasdesk(e),
        other => other,
    })?;
    if version == 0 {
        return Err(Error::BadBackup(format!("{} is not a GasDesk database (it has no schema history)", path.display())));
    }
    if version > LATEST_VERSION {
        return Err(Error::IncompatibleVersion { found: version, supported: LATEST_VERSION });
    }
    let differences = schema_check::schema_differences(conn, version)?;
    if !differences.is_empty() {
        return Err(Error::BadBackup(format!(
            "{} does not have GasDesk's schema for version {version}, so it is refused: {}",
            path.display(),
            differences.join("; ")
        )));
    }
    let problems = Reader { conn }.file_integrity_problems()?;
    if !problems.is_empty() {
        return Err(Error::BadBackup(format!("{} is damaged: {}", path.display(), problems.join("; "))));
    }
    Ok(version)
}

fn vacuum_into(conn: &Connection, to: &Path) -> Result<()> {
    let target = to.to_str().ok_or_else(|| Error::Internal(format!("{} is not a UTF-8 path", to.display())))?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}

fn io_error(what: &str, path: &Path, e: io::Error) -> Error {
    Error::Internal(format!("{what} {}: {e}", path.display()))
}
