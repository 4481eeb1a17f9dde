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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// SQLite calls the progress handler once per this many virtual-machine steps.
const STEPS_PER_TICK: u64 = 1_000;

/// SQLite steps a migration takes per row of each table it works through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct RowSteps {
    fixed: u64,
    per_customer: u64,
    per_cylinder: u64,
    per_booking: u64,
}

/// The migrations whose steps were counted (`steps_counted` in the tests below, and the
/// full-size file in docs/BENCHMARKS.md, "Upgrade to schema V9 at agency size"). V9 rewrites
/// every customer (consumer number, connection) and every cylinder (type), and leaves the
/// bookings alone.
const MEASURED: &[(i64, RowSteps)] = &[(9, RowSteps { fixed: 1_000, per_customer: 132, per_cylinder: 235, per_booking: 0 })];

/// A migration not counted (only files older than V8, which agencies do not have): they add
/// tables, columns and an index or two, and V4 reads the bookings once.
const UNMEASURED: RowSteps = RowSteps { fixed: 20_000, per_customer: 20, per_cylinder: 20, per_booking: 20 };

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
    // index, seconds on a cold 2.6 GB file), and these tables are not deleted from.
    let (customers, cylinders, bookings): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT COALESCE(MAX(rowid), 0) FROM users),
                (SELECT COALESCE(MAX(rowid), 0) FROM cylinders),
                (SELECT COALESCE(MAX(rowid), 0) FROM bookings)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let count = |rows: i64| u64::try_from(rows).unwrap_or(0);
    let mut plan = UpgradePlan {
        from_version,
        to_version: LATEST_VERSION,
        customers: count(customers),
        cylinders: count(cylinders),
        bookings: count(bookings),
        estimated_steps: 0,
    };
    plan.estimated_steps = estimated_steps(&plan);
    Ok(Some(plan))
}

/// The steps the upgrade `plan` describes is expected to take: each pending migration's.
fn estimated_steps(plan: &UpgradePlan) -> u64 {
    (plan.from_version + 1..=plan.to_version)
        .map(|version| {
            let steps = MEASURED.iter().find(|(v, _)| *v == version).map_or(UNMEASURED, |(_, steps)| *steps);
            steps
                .fixed
                .saturating_add(steps.per_customer.saturating_mul(plan.customers))
                .saturating_add(steps.per_cylinder.saturating_mul(plan.cylinders))
                .saturating_add(steps.per_booking.saturating_mul(plan.bookings))
        })
        .fold(0, u64::saturating_add)
}

/// Runs the pending migrations on `conn`, telling `progress` how far they have come: values
/// that only grow from 0.0, at most 0.99 (1.0 is said by the caller once the upgrade is
/// committed and the file usable). Returns the SQLite steps counted. The migrations run on a
/// thread of their own while this thread passes the steps SQLite reports on to `progress`, so
/// `progress` may be any closure (a window's event, a line on the terminal) and is never called
/// from inside SQLite.
pub(super) fn migrate_with_progress(conn: &mut Connection, plan: &UpgradePlan, progress: &mut dyn FnMut(UpgradeProgress)) -> Result<u64> {
    let (steps_done, steps_seen) = mpsc::channel::<u64>();
    let counted = Arc::new(AtomicU64::new(0));
    let estimated = plan.estimated_steps.max(1);
    let mut last_permille: u64 = 0;
    let counting = counted.clone();
    // Inside SQLite: count, and send only when the tenth of a percent moves (at most ~1,000
    // messages whatever the size). `false`: never interrupt the upgrade.
    conn.progress_handler(
        STEPS_PER_TICK as i32,
        Some(move || {
            let steps = counting.fetch_add(STEPS_PER_TICK, Ordering::Relaxed) + STEPS_PER_TICK;
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
    })?;
    Ok(counted.load(Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Db;

    /// A file at schema `version` (7 or later) with `customers` customers, `cylinders` empty
    /// cylinders and `bookings` cancelled bookings (of the first customer and cylinder).
    fn older_file(path: &Path, version: i32, customers: u64, cylinders: u64, bookings: u64) {
        let mut conn = Connection::open(path).unwrap();
        migrate::migrate_to(&mut conn, version).unwrap();
        let t = "'2026-11-01T10:20:00.000000Z'";
        conn.execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {customers})
             INSERT INTO users (username, full_name, password_hash, created_at, updated_at)
                 SELECT 'customer' || i, 'Customer ' || i, 'x', {t}, {t} FROM n WHERE {customers} > 0;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {cylinders})
             INSERT INTO cylinders (code, status, created_at, updated_at)
                 SELECT printf('CYL%06d', i), 'Empty', {t}, {t} FROM n WHERE {cylinders} > 0;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {bookings})
             INSERT INTO bookings (user_id, cylinder_id, booking_date, status, source, amount_paise, updated_at)
                 SELECT 1, 1, {t}, 'Cancelled', 'SelfService', 95000, {t} FROM n WHERE {bookings} > 0;"
        ))
        .unwrap();
    }

    /// The plan for such a file, and the SQLite steps its upgrade took.
    fn steps_counted(version: i32, customers: u64, cylinders: u64, bookings: u64) -> (UpgradePlan, u64) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("older.db");
        older_file(&path, version, customers, cylinders, bookings);
        let mut conn = Connection::open(&path).unwrap();
        let plan = plan_for(&conn).unwrap().expect("an older file");
        let counted = migrate_with_progress(&mut conn, &plan, &mut |_| {}).unwrap();
        (plan, counted)
    }

    fn plan(from_version: i64, customers: u64, cylinders: u64, bookings: u64) -> UpgradePlan {
        let mut plan = UpgradePlan { from_version, to_version: LATEST_VERSION, customers, cylinders, bookings, estimated_steps: 0 };
        plan.estimated_steps = estimated_steps(&plan);
        plan
    }

    #[test]
    fn the_estimate_grows_with_the_rows_and_counts_every_pending_migration() {
        let latest = LATEST_VERSION - 1;
        assert!(plan(latest, 100_000, 50_000, 0).estimated_steps > plan(latest, 1_000, 500, 0).estimated_steps);
        assert!(plan(1, 1_000, 500, 1_000).estimated_steps > plan(latest, 1_000, 500, 1_000).estimated_steps);
        assert!(plan(latest, 0, 0, 0).estimated_steps > 0, "creating the tables is work too");
    }

    /// The constants in [`MEASURED`] still describe the migrations: a migration changed without
    /// counting again would show a bar that stops short or sits at 99 %.
    #[test]
    fn the_estimate_of_the_upgrade_from_version_8_is_within_a_fifth_of_the_steps_counted() {
        let (plan, counted) = steps_counted(8, 3_000, 2_000, 6_000);
        let error = plan.estimated_steps.abs_diff(counted) as f64 / counted as f64;
        assert!(error <= 0.2, "estimated {} steps, counted {counted} ({:.0} % off)", plan.estimated_steps, error * 100.0);
    }

    /// How [`MEASURED`] was found: the steps of an upgrade from version 8 with no rows, then
    /// with rows of one table at a time. `cargo test -p gasdesk-core --release --lib
    /// count_the_steps -- --ignored --nocapture`; with `GASDESK_UPGRADE_COPY=FILE` it also
    /// upgrades FILE (a copy: it is upgraded in place) and prints the estimate against the count.
    #[test]
    #[ignore = "prints the figures MEASURED is made of"]
    fn count_the_steps_per_row_of_each_table() {
        if let Some(copy) = std::env::var_os("GASDESK_UPGRADE_COPY") {
            let mut conn = Connection::open(&copy).unwrap();
            let plan = plan_for(&conn).unwrap().expect("an older file");
            let started = std::time::Instant::now();
            let counted = migrate_with_progress(&mut conn, &plan, &mut |_| {}).unwrap();
            println!("{plan:?}: counted {counted} steps in {:.2?}", started.elapsed());
        }
        const ROWS: u64 = 20_000;
        let (_, fixed) = steps_counted(8, 0, 0, 0);
        let per_row = |customers, cylinders, bookings| (steps_counted(8, customers, cylinders, bookings).1 - fixed) as f64 / ROWS as f64;
        println!(
            "upgrade from version 8: fixed {fixed} steps; per customer {:.1}, per cylinder {:.1}, per booking {:.1}",
            per_row(ROWS, 0, 0),
            per_row(0, ROWS, 0),
            per_row(1, 1, ROWS)
        );
    }

    #[test]
    fn upgrading_a_version_7_file_reports_growing_progress_that_ends_at_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v7.db");
        older_file(&path, 7, 2_000, 1_000, 20_000);
        let plan = pending_upgrade(&path).unwrap().expect("a version-7 file is upgraded");
        assert_eq!((plan.from_version, plan.to_version), (7, LATEST_VERSION));
        assert_eq!((plan.customers, plan.cylinders, plan.bookings), (2_000, 1_000, 20_000));

        let mut seen: Vec<UpgradeProgress> = Vec::new();
        Db::open_with_progress(&path, &mut |p| seen.push(p)).unwrap();
        let fractions: Vec<f64> = seen.iter().map(|p| p.fraction).collect();
        assert_eq!(fractions.first(), Some(&0.0), "{fractions:?}");
        assert_eq!(fractions.last(), Some(&1.0), "{fractions:?}");
        assert!(fractions.len() > 10, "progress is reported while SQLite works, not only at both ends: {fractions:?}");
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
