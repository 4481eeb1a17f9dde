//! The SQLite store. Every SQL statement of GasDesk lives under this module, behind methods on
//! [`Reader`] (read-only) and [`Writer`] (inside an IMMEDIATE transaction), named for what they
//! do. Nothing above this module knows that the data is in SQLite, or where the file is.
mod audit;
mod backup;
mod backup_files;
mod bookings;
mod checks;
mod complaints;
mod customers;
mod cylinders;
mod dashboard;
mod files;
mod health;
mod migrate;
mod payments;
mod refunds;
mod rows;
mod schema_check;
mod settings;
mod staff;
mod throttle;

pub use audit::NewAuditEntry;
pub use backup::{
    back_up, back_up_reporting, check_backup, database_bytes_in_use, partial_backup_path, restore_from, BackupStage, Restored,
};
pub use backup_files::{find_backup_file, is_backup_name, list_backup_files, new_backup_path, prune_backup_files};
pub use bookings::{booking_reference, parse_booking_reference, NewBooking, PendingBooking};
pub use customers::{NewCustomer, ProfileFields};
pub use health::{quick_check_problems, DamageRecord};
pub use migrate::LATEST_VERSION;
pub use payments::{NewPayment, PaymentState};
pub use refunds::{NewRefund, OpenRefund, WatchedCharge};
pub use rows::{db_time, parse_db_time};
pub use throttle::{ThrottleKey, ThrottleState};

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long a connection waits for another process's write before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(15);

/// One connection to the database file. Each process (office app, kiosk app, CLI) and each
/// test thread opens its own; SQLite's locks coordinate them.
pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Bulk load (the demo generator): one outer transaction, committed now and then.
    bulk: AtomicBool,
    /// Damage met by any read or write on this connection, or found by the check after start.
    damage: Arc<DamageRecord>,
}

/// Read access: a consistent snapshot for the duration of one `Db::read` call.
pub struct Reader<'c> {
    conn: &'c Connection,
}

/// Write access: only exists inside `Db::write`, i.e. inside a `BEGIN IMMEDIATE` transaction.
pub struct Writer<'c> {
    reader: Reader<'c>,
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
        // Owner-only folder and file before SQLite opens it: SQLite gives the -wal and -shm
        // the database file's mode (customer data and password hashes; decision 0009).
        files::create_private_parent(path)?;
        files::ensure_private_file(path)?;
        let mut conn = Connection::open(path).map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
        configure(&conn)?;
        files::restrict_database_files(path);
        migrate::migrate_file(&mut conn, path)?;
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
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
            // No transaction (or savepoint) per operation: copying every page an operation
            // touches into a savepoint journal was a fifth of the generator's time. An operation
            // that fails before writing anything (out of stock, a refused input) leaves nothing
            // behind as usual; one that fails after writing would leave half of itself, so the
            // whole uncommitted part of the load is rolled back and the load stops.
            let changes_before = conn.total_changes();
            let result = f(&Writer { reader: Reader { conn: &conn } });
            if let Err(e) = &result {
                if conn.total_changes() != changes_before {
                    self.bulk.store(false, Ordering::Relaxed);
                    let _ = conn.execute_batch("ROLLBACK");
                    let _ = conn.pragma_update(None, "synchronous", "FULL");
                    return Err(Error::Internal(format!("bulk load stopped: an operation failed half-way ({e})")));
                }
            }
            return result;
        }
        roll_back_leftover(&conn)?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = f(&Writer { reader: Reader { conn: &conn } });
        finish(&conn, result)
    }

    /// Starts a bulk load for generating large databases: no fsync, one transaction that
    /// [`Db::commit_bulk`] commits now and then. Only for a file no one else is using.
    pub fn begin_bulk(&self) -> Result<()> {
        let conn = self.lock();
        roll_back_leftover(&conn)?;
        conn.pragma_update(None, "synchronous", "OFF")?;
        // 1 GiB of page cache (allocated only as pages are used): at agency size the
        // customers, bookings and audit indexes are touched at random, and 256 MiB made the
        // full-size load half again slower per operation than a tenth of it (252 s -> 208 s).
        conn.pragma_update(None, "cache_size", -1_048_576)?;
        // Statement journals in memory, not in temporary files.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        self.bulk.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// Commits the bulk load so far and carries on.
    pub fn commit_bulk(&self) -> Result<()> {
        if self.bulk.load(Ordering::Relaxed) {
            self.lock().execute_batch("COMMIT; BEGIN IMMEDIATE")?;
        }
        Ok(())
    }

    /// Commits and returns to normal, durable transactions.
    pub fn end_bulk(&self) -> Result<()> {
        if self.bulk.swap(false, Ordering::Relaxed) {
            let conn = self.lock();
            conn.execute_batch("COMMIT")?;
            conn.pragma_update(None, "synchronous", "FULL")?;
            conn.execute_batch("PRAGMA optimize")?;
        }
        Ok(())
    }

    /// Calls `hook` with the text of every statement this connection runs, as prepared (with
    /// its `?N` placeholders, so no customer data), for the query-plan tests and for support;
    /// `None` turns it off.
    pub fn trace_statements(&self, hook: Option<fn(&str)>) -> Result<()> {
        use rusqlite::trace::{TraceEvent, TraceEventCodes};
        let mut conn = self.lock();
        match hook {
            Some(hook) => conn.trace_v2(
                TraceEventCodes::SQLITE_TRACE_STMT,
                Some(move |event: TraceEvent<'_>| {
                    if let TraceEvent::Stmt(stmt, _) = event {
                        hook(&stmt.sql());
                    }
                }),
            )?,
            None => conn.trace_v2(TraceEventCodes::empty(), None::<fn(TraceEvent<'_>)>)?,
        }
        Ok(())
    }

    /// Explains how SQLite runs `sql` on this connection (the plan of `EXPLAIN QUERY PLAN`, one
    /// line per step). Plans do not depend on bound values here (decision 0007), so this is the
    /// plan every run of the statement gets.
    pub fn query_plan(&self, sql: &str) -> Result<Vec<String>> {
        let conn = self.lock();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        // Placeholders stay unbound (NULL): the plan cannot depend on them anyway.
        let mut rows = stmt.raw_query();
        let mut steps = Vec::new();
        while let Some(row) = rows.next()? {
            steps.push(row.get::<_, String>(3)?);
        }
        Ok(steps)
    }

    /// How many times SQLite has re-compiled this connection's cached statements (a statement
    /// re-compiled on every run costs more than the work it does; see decision 0007).
    pub fn statement_recompilations(&self) -> u64 {
        let conn = self.lock();
        let mut total = 0u64;
        // SAFETY: the handle is this connection's, held under its mutex for the whole walk;
        // sqlite3_next_stmt and sqlite3_stmt_status only read the statement list and counters.
        unsafe {
            let db = conn.handle();
            let mut stmt = rusqlite::ffi::sqlite3_next_stmt(db, std::ptr::null_mut());
            while !stmt.is_null() {
                let count = rusqlite::ffi::sqlite3_stmt_status(stmt, rusqlite::ffi::SQLITE_STMTSTATUS_REPREPARE, 0);
                total += u64::try_from(count).unwrap_or(0);
                stmt = rusqlite::ffi::sqlite3_next_stmt(db, stmt);
            }
        }
        total
    }

    /// Copies this database file to `out` ([`back_up`]) on a connection of its own: this one
    /// stays free for the window while the copy is made, and other processes keep writing.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        let path = self.path.as_deref().ok_or_else(|| Error::Internal("an in-memory database has no file to back up".into()))?;
        back_up(path, out)
    }

    /// Checks the file's integrity (`PRAGMA integrity_check` and foreign keys) and every
    /// product invariant.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        self.read(|r| {
            let mut problems = r.integrity_problems()?;
            problems.extend(r.rule_violations()?);
            Ok(problems)
        })
    }
}

impl Reader<'_> {
    fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut problems: Vec<String> =
            self.conn.prepare("PRAGMA integrity_check")?.query_map([], |row| row.get::<_, String>(0))?.collect::<rusqlite::Result<_>>()?;
        problems.retain(|p| p != "ok");
        let fk: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |row| Ok(format!("foreign key broken in {}", row.get::<_, String>(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        problems.extend(fk);
        Ok(problems)
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

fn roll_back_leftover(conn: &Connection) -> Result<()> {
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

#[cfg(test)]
mod bulk_tests {
    use super::*;

    fn setting(db: &Db, key: &str) -> Option<String> {
        db.read(|r| r.setting(key)).unwrap()
    }

    #[test]
    fn a_bulk_operation_refused_before_writing_leaves_the_load_going() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bulk.db")).unwrap();
        db.begin_bulk().unwrap();
        db.write(|w| w.put_setting("kept", "1")).unwrap();
        let refused: Result<()> = db.write(|_| Err(Error::OutOfStock));
        assert!(matches!(refused, Err(Error::OutOfStock)));
        db.write(|w| w.put_setting("after", "2")).unwrap();
        db.end_bulk().unwrap();
        assert_eq!(setting(&db, "kept").as_deref(), Some("1"));
        assert_eq!(setting(&db, "after").as_deref(), Some("2"));
    }

    #[test]
    fn a_bulk_operation_failing_half_way_stops_the_load_and_keeps_only_what_was_committed() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("bulk.db")).unwrap();
        db.begin_bulk().unwrap();
        db.write(|w| w.put_setting("committed", "1")).unwrap();
        db.commit_bulk().unwrap();
        db.write(|w| w.put_setting("uncommitted", "2")).unwrap();
        let half: Result<()> = db.write(|w| {
            w.put_setting("half", "3")?;
            Err(Error::Conflict("second step refused".into()))
        });
        assert!(matches!(half, Err(Error::Internal(_))), "{half:?}");
        db.end_bulk().unwrap();
        assert_eq!(setting(&db, "committed").as_deref(), Some("1"));
        assert_eq!(setting(&db, "uncommitted"), None);
        assert_eq!(setting(&db, "half"), None);
        // Back to ordinary durable transactions.
        db.write(|w| w.put_setting("later", "4")).unwrap();
        assert_eq!(setting(&db, "later").as_deref(), Some("4"));
    }
}
