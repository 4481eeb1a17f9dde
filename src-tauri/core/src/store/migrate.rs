//! Schema upgrades with refinery, from the SQL files in `migrations/`.
use super::upgrade;
use crate::error::{Error, Result};
use crate::model::UpgradeProgress;
use rusqlite::{Connection, OptionalExtension};
use std::fs::File;
use std::path::Path;

mod embedded {
    refinery::embed_migrations!("../../migrations");
}

/// The newest schema version this program knows.
pub const LATEST_VERSION: i64 = 9;

/// An exclusive lock on a sidecar file (`<db>.migrate-lock`), held while a process sets a file
/// up and migrates it, so that processes started at the same moment on a fresh file take
/// turns: refinery is not safe to race, and neither is the switch of a new file to WAL, which
/// SQLite can refuse with "busy" at once instead of waiting (CI saw it). Released on drop.
pub struct SetupLock(File);

impl SetupLock {
    pub fn take(db_path: &Path) -> Result<SetupLock> {
        let lock_path = db_path.with_extension("migrate-lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::Open(format!("cannot open {}: {e}", lock_path.display())))?;
        lock.lock().map_err(|e| Error::Open(format!("cannot lock {}: {e}", lock_path.display())))?;
        Ok(SetupLock(lock))
    }
}

impl Drop for SetupLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

/// Migrates a database file; the caller holds the [`SetupLock`]. With `progress`, an upgrade
/// of an older file says how far it has come (`upgrade.rs`).
pub fn migrate_file(conn: &mut Connection, _lock: &SetupLock, progress: Option<&mut dyn FnMut(UpgradeProgress)>) -> Result<()> {
    // Planned under the lock: another process may have upgraded the file meanwhile.
    match (progress, upgrade::plan_for(conn)?) {
        (Some(progress), Some(plan)) => upgrade::migrate_with_progress(conn, &plan, progress).map(drop),
        _ => migrate(conn),
    }
}

/// Refuses a database written by a newer GasDesk, then applies the missing migrations.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let found = applied_version(conn)?;
    if found > LATEST_VERSION {
        return Err(Error::IncompatibleVersion { found, supported: LATEST_VERSION });
    }
    if found < LATEST_VERSION {
        embedded::migrations::runner().set_grouped(true).run(conn).map_err(|e| Error::Open(format!("schema upgrade failed: {e}")))?;
    }
    Ok(())
}

/// Applies the migrations up to `version` only: how tests make an old-schema file to upgrade,
/// and how a backup's schema gets the reference it is compared with (`schema_check`).
pub fn migrate_to(conn: &mut Connection, version: i32) -> Result<()> {
    embedded::migrations::runner()
        .set_target(refinery::Target::Version(version))
        .run(conn)
        .map_err(|e| Error::Open(format!("schema upgrade failed: {e}")))?;
    Ok(())
}

pub(crate) fn applied_version(conn: &Connection) -> Result<i64> {
    let has_history: Option<i64> = conn
        .query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refinery_schema_history'", [], |r| r.get(0))
        .optional()?;
    if has_history.is_none() {
        return Ok(0);
    }
    Ok(conn.query_row("SELECT COALESCE(MAX(version), 0) FROM refinery_schema_history", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn latest_version_matches_the_newest_migration_file() {
        let newest = super::embedded::migrations::runner().get_migrations().iter().map(|m| i64::from(m.version())).max();
        assert_eq!(newest, Some(super::LATEST_VERSION));
    }
}
