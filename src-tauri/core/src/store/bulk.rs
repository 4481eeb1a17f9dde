//! Bulk load, for generating large databases (the demo generator): no fsync and one outer
//! transaction committed now and then, instead of one durable transaction per operation.
use super::connection::roll_back_leftover;
use super::{Db, Reader, Writer};
use crate::error::{Error, Result};
use rusqlite::Connection;
use std::sync::atomic::Ordering;

impl Db {
    /// Starts a bulk load: no fsync, one transaction that [`Db::commit_bulk`] commits now and
    /// then. Only for a file no one else is using.
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

    /// One write during a bulk load, inside the load's outer transaction.
    ///
    /// No transaction (or savepoint) per operation: copying every page an operation touches
    /// into a savepoint journal was a fifth of the generator's time. An operation that fails
    /// before writing anything (out of stock, a refused input) leaves nothing behind as usual;
    /// one that fails after writing would leave half of itself, so the whole uncommitted part
    /// of the load is rolled back and the load stops.
    pub(super) fn write_in_bulk<T>(&self, conn: &Connection, f: impl FnOnce(&Writer<'_>) -> Result<T>) -> Result<T> {
        let changes_before = conn.total_changes();
        let result = f(&Writer { reader: Reader { conn } });
        if let Err(e) = &result {
            if conn.total_changes() != changes_before {
                self.bulk.store(false, Ordering::Relaxed);
                let _ = conn.execute_batch("ROLLBACK");
                let _ = conn.pragma_update(None, "synchronous", "FULL");
                return Err(Error::Internal(format!("bulk load stopped: an operation failed half-way ({e})")));
            }
        }
        result
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
