//! One connection to the database file and its transactions: [`Db::read`] on a consistent
//! snapshot, [`Db::write`] inside `BEGIN IMMEDIATE`, and the setup every connection gets.
use super::{back_up, files, migrate, DamageRecord};
use crate::error::{Error, Result};
use crate::model::UpgradeProgress;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

/// How long a connection waits for another process's write before giving up.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// One connection to the database file. Each process (office app, kiosk app, CLI) and each
/// test thread opens its own; SQLite's locks coordinate them.
pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Bulk load (the demo generator, `bulk.rs`): one outer transaction, committed now and then.
    pub(super) bulk: AtomicBool,
    /// Damage met by any read or write on this connection, or found by the check after start.
    damage: Arc<DamageRecord>,
}

/// Read access: a consistent snapshot for the duration of one `Db::read` call.
pub struct Reader<'c> {
    pub(super) conn: &'c Connection,
}

/// Write access: only exists inside `Db::write`, i.e. inside a `BEGIN IMMEDIATE` transaction.
pub struct Writer<'c> {
    pub(super) reader: Reader<'c>,
}

impl<'c> std::ops::Deref for Writer<'c> {
    type Target = Reader<'c>;
    fn deref(&self) -> &Reader<'c> {
        &self.reader
    }
}

impl Db {
    /// Opens (creating if needed) the database file, sets it up and brings its schema up to
    /// date. Safe to call from several processes at once on a fresh file.
    pub fn open(path: &Path) -> Result<Db> {
        Db::open_reporting(path, None)
    }

    /// [`Db::open`], telling `progress` how far an upgrade of an older file has come: growing
    /// fractions, the last 1.0 once the upgrade is committed. Not called at all when there is
    /// nothing to upgrade ([`super::pending_upgrade`] says beforehand).
    pub fn open_with_progress(path: &Path, progress: &mut dyn FnMut(UpgradeProgress)) -> Result<Db> {
        let mut last = None;
        let db = Db::open_reporting(
            path,
            Some(&mut |step: UpgradeProgress| {
                last = Some(step);
                progress(step);
            }),
        )?;
        if let Some(last) = last {
            progress(UpgradeProgress { fraction: 1.0, ..last });
        }
        Ok(db)
    }

    fn open_reporting(path: &Path, progress: Option<&mut dyn FnMut(UpgradeProgress)>) -> Result<Db> {
        // Owner-only folder and file before SQLite opens it: SQLite gives the -wal and -shm
        // the database file's mode (customer data and password hashes; decision 0009).
        files::create_private_parent(path)?;
        files::ensure_private_file(path)?;
        // Processes opening at once take turns from here (the switch to WAL, the migrations).
        let setup_lock = migrate::SetupLock::take(path)?;
        let mut conn = Connection::open(path).map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
        configure(&conn)?;
        files::restrict_database_files(path);
        migrate::migrate_file(&mut conn, &setup_lock, progress)?;
        drop(setup_lock);
        let damage = Arc::new(DamageRecord::for_file(path));
        Ok(Db { conn: Mutex::new(conn), path: Some(path.to_path_buf()), bulk: AtomicBool::new(false), damage })
    }

    /// Creates a file at an older schema version (tests of the upgrade path).
    #[cfg(feature = "test-support")]
    pub fn create_at_schema_version(path: &Path, version: i32) -> Result<()> {
        let mut conn = Connection::open(path).map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
        configure(&conn)?;
        migrate::migrate_to(&mut conn, version)
    }

    /// A private database in memory, for tests.
    pub fn open_in_memory() -> Result<Db> {
        let mut conn = Connection::open_in_memory().map_err(|e| Error::Open(e.to_string()))?;
        configure(&conn)?;
        migrate::migrate(&mut conn)?;
        Ok(Db { conn: Mutex::new(conn), path: None, bulk: AtomicBool::new(false), damage: Arc::default() })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, Connection> {
        // A poisoned lock only means another thread panicked mid-call; the connection itself
        // is still sound (an open transaction is rolled back before the next use).
        self.conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// What damage this process has seen in the file, shared with the check after start.
    pub fn damage_record(&self) -> &Arc<DamageRecord> {
        &self.damage
    }

    /// Remembers a damaged file the moment any operation meets it, so bookings pause at once
    /// (every domain operation reaches the file through `read` or `write`).
    fn noting_damage<T>(&self, result: Result<T>) -> Result<T> {
        if let Err(Error::Damaged(e)) = &result {
            self.damage.mark(&format!("A request met a damaged part of the database file (SQLite: {e})."));
        }
        result
    }

    /// Runs `f` on one consistent snapshot of the database.
    pub fn read<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        self.noting_damage(self.read_snapshot(f))
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: it all happens or none of it does.
    pub fn write<T>(&self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        self.noting_damage(self.write_transaction(f))
    }

    fn read_snapshot<T>(&self, f: impl FnOnce(&Reader<'_>) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        if self.bulk.load(Ordering::Relaxed) {
            return f(&Reader { conn: &conn });
        }
        roll_back_leftover(&conn)?;
        conn.execute_batch("BEGIN DEFERRED")?;
        let result = f(&Reader { conn: &conn });
        finish(&conn, result)
    }

    /// IMMEDIATE takes the write lock up front, so two writers never deadlock on an upgrade;
    /// the busy timeout makes a second process wait its turn instead of failing.
    fn write_transaction<T>(&self, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        if self.bulk.load(Ordering::Relaxed) {
            return self.write_in_bulk(&conn, f);
        }
        roll_back_leftover(&conn)?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = f(&Writer { reader: Reader { conn: &conn } });
        finish(&conn, result)
    }

    /// Copies this database file to `out` ([`back_up`]) on a connection of its own: this one
    /// stays free for the window while the copy is made, and other processes keep writing.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        let path = self.path.as_deref().ok_or_else(|| Error::Internal("an in-memory database has no file to back up".into()))?;
        back_up(path, out)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The store has about 80 distinct statements; the default cache of 16 re-parses them
    // on every booking.
    conn.set_prepared_statement_cache_capacity(256);
    // WAL: readers never block the writer; FULL: a confirmed payment survives a power cut.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Plans must not depend on bound values: otherwise SQLite re-compiles every statement
    // whose parameter meets a partial index or a LIMIT, on each run (a third of a booking's
    // CPU). The store's queries bound their ranges explicitly. Decision 0007.
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// Rolls back a transaction left open (by a panic inside a call) before the next one begins.
pub(super) fn roll_back_leftover(conn: &Connection) -> Result<()> {
    if !conn.is_autocommit() {
        conn.execute_batch("ROLLBACK")?;
    }
    Ok(())
}

fn finish<T>(conn: &Connection, result: Result<T>) -> Result<T> {
    match result {
        Ok(value) => {
            conn.execute_batch("COMMIT")?;
            Ok(value)
        }
        Err(e) => {
            // The rollback's own failure would hide the real error; the next call retries it.
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}
