//! Upgrading a file written by an older GasDesk, with progress (decision 0016). At agency size
//! an upgrade that rewrites every customer, cylinder and booking takes a while; the window and
//! the command line show how far it has come instead of a blank wait.
//!
//! The migrations are SQL run by refinery, so their progress is read from SQLite itself: its
//! progress handler counts virtual-machine steps, and the plan estimates how many steps the
//! upgrade takes from the rows it works through (calibrated on the full-size demo file).
use super::migrate::{self, applied_version, LATEST_VERSION};
use super::BUSY_TIMEOUT;
use crate::error::{Error, Result};
use crate::model::{UpgradePlan, UpgradeProgress};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// SQLite calls the progress handler once per this many virtual-machine steps.
const STEPS_PER_TICK: i32 = 1_000;

/// Steps an upgrade takes whatever the rows: creating tables and indexes, refinery's own
/// bookkeeping.
const FIXED_STEPS: u64 = 50_000;

/// Steps per row (customers + cylinders + bookings) of each migration that works through rows,
/// measured on the full-size demo file (docs/BENCHMARKS.md, "Upgrade to schema V9").
const STEPS_PER_ROW: &[(i64, u64)] = &[];

/// Steps per row of a migration not in [`STEPS_PER_ROW`]: those only add tables, columns and
/// an index or two (an index build reads each row once).
const STEPS_PER_ROW_OTHERWISE: u64 = 20;

/// How often the caller looks whether the upgrade thread has ended without a word (it panicked).
const WATCH_EVERY: Duration = Duration::from_millis(200);

/// Whether opening the file at `path` will upgrade its schema, and how much work that is.
/// `None` for a file that does not exist yet or is new (creating a schema is quick), is up to
/// date, or is from a newer GasDesk (opening refuses it). Reads only; creates nothing.
pub fn pending_upgrade(path: &Path) -> Result<Option<UpgradePlan>> {
    if !path.is_file() {
        return Ok(None);
    }
    // Read-write without create: a read-only connection could not open a WAL file whose -shm
    // is missing, and nothing is written here.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::Open(format!("{}: {e}", path.display())))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    plan_for(&conn)
}

/// The upgrade `conn`'s file needs, if any (see [`pending_upgrade`]).
pub(super) fn plan_for(conn: &Connection) -> Result<Option<UpgradePlan>> {
    let from_version = applied_version(conn)?;
    if from_version == 0 || from_version >= LATEST_VERSION {
        return Ok(None);
    }
    // The largest row id rather than count(*): instant at any size (count(*) reads a whole
    // index, seconds on a cold 2.6 GB file), and these tables are never deleted from.
    let rows: i64 = conn.query_row(
        "SELECT (SELECT COALESCE(MAX(rowid), 0) FROM users)
              + (SELECT COALESCE(MAX(rowid), 0) FROM cylinders)
              + (SELECT COALESCE(MAX(rowid), 0) FROM bookings)",
        [],
        |r| r.get(0),
    )?;
    let rows = u64::try_from(rows).unwrap_or(0);
    Ok(Some(UpgradePlan { from_version, to_version: LATEST_VERSION, rows, estimated_steps: estimated_steps(from_version, rows) }))
}

/// The steps an upgrade from `from_version` over `rows` rows is expected to take.
fn estimated_steps(from_version: i64, rows: u64) -> u64 {
    let per_row: u64 = (from_version + 1..=LATEST_VERSION)
        .map(|version| STEPS_PER_ROW.iter().find(|(v, _)| *v == version).map_or(STEPS_PER_ROW_OTHERWISE, |(_, steps)| *steps))
        .sum();
    FIXED_STEPS.saturating_add(per_row.saturating_mul(rows))
}

/// Runs the pending migrations on `conn`, telling `progress` how far they have come: values
/// that only grow from 0.0, at most 0.99 (1.0 is said by the caller once the upgrade is committed and
/// the file usable). The migrations run on a thread of their own while this thread passes the
/// steps SQLite reports on to `progress`, so `progress` may be any closure (a window's event,
/// a line on the terminal) and is never called from inside SQLite.
pub(super) fn migrate_with_progress(conn: &mut Connection, plan: &UpgradePlan, progress: &mut dyn FnMut(UpgradeProgress)) -> Result<()> {
    let (steps_done, steps_seen) = mpsc::channel::<u64>();
    let estimated = plan.estimated_steps.max(1);
    let mut ticks: u64 = 0;
    let mut last_permille: u64 = 0;
    // Inside SQLite: count, and send only when the tenth of a percent moves (at most ~1,000
    // messages whatever the size). `false`: never interrupt the upgrade.
    conn.progress_handler(
        STEPS_PER_TICK,
        Some(move || {
            ticks += 1;
            let steps = ticks * STEPS_PER_TICK as u64;
            let permille = (steps.saturating_mul(1000) / estimated).min(990);
            if permille > last_permille {
                last_permille = permille;
                let _ = steps_done.send(permille);
            }
            false
        }),
    )?;
    let report = |permille: u64| UpgradeProgress {
        from_version: plan.from_version,
        to_version: plan.to_version,
        fraction: permille as f64 / 1000.0,
    };
    // Said at once: the upgrade has begun (and the caller knows one ran, however quick).
    progress(report(0));
    std::thread::scope(|scope| {
        let upgrade = scope.spawn(|| {
            let result = migrate::migrate(conn);
            // Dropping the handler drops its sender: the loop below sees the end.
            let cleared = conn.progress_handler(0, None::<fn() -> bool>);
            result.and(cleared.map_err(Error::from))
        });
        loop {
            match steps_seen.recv_timeout(WATCH_EVERY) {
                Ok(permille) => progress(report(permille)),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) if upgrade.is_finished() => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
            }
        }
        upgrade.join().unwrap_or_else(|_| Err(Error::Internal("the schema upgrade stopped unexpectedly".into())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    #[test]
    fn the_estimate_grows_with_the_rows_and_counts_every_pending_migration() {
        assert!(estimated_steps(LATEST_VERSION - 1, 1_000_000) > estimated_steps(LATEST_VERSION - 1, 1_000));
        assert!(estimated_steps(1, 1_000) > estimated_steps(LATEST_VERSION - 1, 1_000));
        assert_eq!(estimated_steps(LATEST_VERSION - 1, 0), FIXED_STEPS);
    }

    /// A version-7 file with 20,000 bookings (V8 builds an index over them).
    fn version_7_file(path: &Path) {
        let mut conn = Connection::open(path).unwrap();
        migrate::migrate_to(&mut conn, 7).unwrap();
        let t = "'2026-11-01T10:20:00.000000Z'";
        conn.execute_batch(&format!(
            "INSERT INTO users (username, full_name, password_hash, created_at, updated_at) VALUES ('old1', 'Old', 'x', {t}, {t});
             INSERT INTO cylinders (code, status, filled_at, created_at, updated_at) VALUES ('OLD001', 'Filled', {t}, {t}, {t});
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
             INSERT INTO bookings (user_id, cylinder_id, booking_date, status, source, amount_paise, updated_at)
                 SELECT 1, 1, {t}, 'Cancelled', 'SelfService', 95000, {t} FROM n;"
        ))
        .unwrap();
    }

    #[test]
    fn upgrading_a_version_7_file_reports_growing_progress_that_ends_at_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        version_7_file(&path);
        let plan = pending_upgrade(&path).unwrap().expect("a version-7 file is upgraded");
        assert_eq!((plan.from_version, plan.to_version, plan.rows), (7, LATEST_VERSION, 20_002));
        assert_eq!(plan.estimated_steps, estimated_steps(7, 20_002));

        let mut seen: Vec<UpgradeProgress> = Vec::new();
        Db::open_with_progress(&path, &mut |p| seen.push(p)).unwrap();
        let fractions: Vec<f64> = seen.iter().map(|p| p.fraction).collect();
        assert_eq!(fractions.first(), Some(&0.0), "{fractions:?}");
        assert_eq!(fractions.last(), Some(&1.0), "{fractions:?}");
        assert!(fractions.len() > 2, "progress is reported while SQLite works, not only at both ends: {fractions:?}");
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "only grows: {fractions:?}");
        assert!(fractions[..fractions.len() - 1].iter().all(|f| *f <= 0.99), "1.0 only once committed: {fractions:?}");
        assert!(seen.iter().all(|p| (p.from_version, p.to_version) == (7, LATEST_VERSION)));

        assert_eq!(pending_upgrade(&path).unwrap(), None, "upgraded");
        let mut calls = 0;
        Db::open_with_progress(&path, &mut |_| calls += 1).unwrap();
        assert_eq!(calls, 0, "nothing to upgrade, nothing reported");
    }

    #[test]
    fn a_new_or_current_file_needs_no_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        assert_eq!(pending_upgrade(&path).unwrap(), None, "no file yet");
        assert!(!path.exists(), "looking created nothing");
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(plan_for(&conn).unwrap(), None, "an empty file is created, not upgraded");
        migrate::migrate(&mut conn).unwrap();
        drop(conn);
        assert_eq!(pending_upgrade(&path).unwrap(), None, "up to date");
    }
}
