//! GasDesk at agency scale. Measures, on one database file:
//! - self-service booking end to end (single process), and bookings/s from 1, 2 and 4 OS
//!   processes, each checked afterwards (no double allocation, every payment matched);
//! - the limit: SQLite's own rate of one-row write transactions with the same pragmas on the
//!   same file system, so booking throughput is a ratio to it;
//! - every admin list at its first, middle and last page, filtered and searched; the
//!   dashboard; one cylinder's history; a customer's home screen;
//! - staff login (argon2id cost); peak RSS.
//!
//! `cargo bench -p gasdesk-core --bench agency -- --db PATH` (a database made by
//! `gasdesk demo --db PATH --customers … --bookings …`), or `-- --smoke` for a quick run on a
//! small generated database (CI runs that so the suite cannot rot).
use gasdesk_core::domain::demo::{self, DemoSize};
use gasdesk_core::domain::{Actor, MockRazorpay, PasswordCost, Terminal, MAX_REGISTER_BATCH};
use gasdesk_core::model::{AuditFilter, BookingFilter, BookingStatus, ComplaintStatus, CylinderStatus, PageRequest, RegisterCylinders};
use gasdesk_core::store::Db;
use gasdesk_core::Desk;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    db: PathBuf,
    smoke: bool,
    /// `--only booking`: skip the list figures (for profiling the booking path).
    booking_only: bool,
    /// `--only backup`: only the backup taken while a kiosk process keeps booking.
    backup_only: bool,
    /// `--bookings N`: how many single-process bookings to time (default 200).
    bookings: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--worker") {
        return worker(&args[1..]);
    }
    if args.first().map(String::as_str) == Some("--booker") {
        return booker(&args[1..]);
    }
    let db = value_of(&args, "--db");
    let smoke = args.iter().any(|a| a == "--smoke") || db.is_none();
    let _dir;
    let db = match db {
        Some(db) => PathBuf::from(db),
        None => {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("smoke.db");
            let size = DemoSize { customers: 600, cylinders: 400, bookings: 1500, complaints: 200 };
            demo::create(&path, &size, PasswordCost::Fast, &mut |_, _, _| {}).expect("smoke database");
            _dir = dir;
            path
        }
    };
    let only = value_of(&args, "--only");
    let booking_only = only.as_deref() == Some("booking");
    let backup_only = only.as_deref() == Some("backup");
    let bookings = value_of(&args, "--bookings").and_then(|n| n.parse().ok()).unwrap_or(200);
    run(&Options { db, smoke, booking_only, backup_only, bookings });
}

fn value_of(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

fn desk(path: &Path) -> Desk {
    Desk::new(Db::open(path).expect("open database"), Arc::new(MockRazorpay::new()))
}

/// How long one run of a measured operation took.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    p99: Duration,
}

/// Median and 99th percentile of `runs` timings of `f`, after `warmup` untimed runs.
fn measure(warmup: usize, runs: usize, mut f: impl FnMut()) -> Timing {
    for _ in 0..warmup {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    Timing { median: p(0.5), p99: p(0.99) }
}

fn row(name: &str, timing: Timing) {
    println!("| {name} | {:.3} | {:.3} |", timing.median.as_secs_f64() * 1e3, timing.p99.as_secs_f64() * 1e3);
}

/// The sizes the customer and inventory lists' last-page offsets come from.
#[derive(Clone, Copy)]
struct StockSizes {
    customers: i64,
    cylinders: i64,
}

fn run(o: &Options) {
    let d = desk(&o.db);
    let sizes = d.db().read(|r| Ok(StockSizes { customers: r.customer_count()?, cylinders: r.cylinder_count()? })).expect("counts");
    println!("database: {} ({} customers, {} cylinders)", o.db.display(), sizes.customers, sizes.cylinders);
    println!();
    println!("| measurement | median ms | p99 ms |");
    println!("|---|---|---|");
    if o.backup_only {
        return backup_while_booking(&o.db);
    }
    if !o.booking_only {
        lists(o, &d, sizes);
    }
    booking(o, &d);
    if !o.booking_only {
        backup_while_booking(&o.db);
    }
}

/// A backup as the Backups screen and the schedule take it (`store::back_up`: `VACUUM INTO` on
/// its own connection, the copy's integrity and schema checked, then renamed) while a kiosk
/// process keeps booking: how long it takes, and how many bookings went through meanwhile.
fn backup_while_booking(db: &Path) {
    let customers = returning_customers(db, 50);
    ensure_stock(&desk(db), db, customers.len());
    let ids: Vec<String> = customers.iter().map(i64::to_string).collect();
    let exe = std::env::current_exe().expect("exe");
    let mut kiosk = Command::new(&exe)
        .args(["--booker", &db.display().to_string(), &ids.join(",")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("booker");
    let mut ready = String::new();
    BufReader::new(kiosk.stdout.as_mut().expect("booker stdout")).read_line(&mut ready).expect("booker ready");
    assert_eq!(ready.trim(), "ready", "booker did not start");
    let last_booking = || -> i64 {
        let conn = rusqlite::Connection::open(db).expect("open");
        conn.query_row("SELECT coalesce(max(id), 0) FROM bookings", [], |r| r.get(0)).expect("bookings")
    };
    kiosk.stdin.as_mut().expect("booker stdin").write_all(b"go\n").expect("start booker");
    std::thread::sleep(Duration::from_millis(300));
    let out = db.with_extension("bench-backup.db");
    let _ = std::fs::remove_file(&out);
    let before = last_booking();
    let started = Instant::now();
    gasdesk_core::store::back_up(db, &out).expect("backup while booking");
    let took = started.elapsed();
    let during = last_booking() - before;
    let _ = kiosk.kill();
    let _ = kiosk.wait();
    let size_mb = std::fs::metadata(&out).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    let _ = std::fs::remove_file(&out);
    println!();
    println!(
        "backup of {size_mb:.0} MB (VACUUM INTO + integrity and schema check + rename) while a kiosk process books: {:.1} s, {during} bookings went through meanwhile",
        took.as_secs_f64()
    );
    assert!(during > 0, "the kiosk process could not book while the backup ran");

    // The damage check the window runs after start and before every automatic backup.
    let started = Instant::now();
    let problems = gasdesk_core::store::quick_check_problems(db).expect("quick check");
    println!("quick_check after start (own read-only connection): {:.1} s, {} problem(s)", started.elapsed().as_secs_f64(), problems.len());
}

/// A kiosk process for the backup figure: opens the database, says "ready", waits for "go",
/// then books for the given customers in turn until it is stopped (refilling the empties when
/// stock runs out).
fn booker(args: &[String]) {
    let Started { desk: d, customer_ids: ids, price } = ready_then_go(args);
    let staff = Actor::Staff { id: 1, username: "admin".into() };
    for id in ids.iter().cycle() {
        match d.book_cylinder_of_type(&Actor::Customer { id: *id, username: format!("c{id}") }, Some(1), price) {
            Err(gasdesk_core::Error::OutOfStock) => drop(d.refill_all_empty(&staff)),
            other => drop(other.expect("kiosk booking")),
        }
    }
}

fn lists(o: &Options, d: &Desk, sizes: StockSizes) {
    let (warmup, runs) = if o.smoke { (2, 20) } else { (20, 300) };
    // Offset pages deep in a large table walk every row before them: a few runs are enough to
    // show it (keyset pages are measured separately, with the full number of runs).
    let deep = |label: &str| if label == "first" || o.smoke { (warmup, runs) } else { (1, 5) };
    let staff = Actor::Staff { id: 1, username: "admin".into() };

    // Lists at the first, middle and last page.
    let last_offset = |total: i64| u32::try_from((total - 50).max(0)).unwrap_or(u32::MAX);
    let RowCounts { bookings: n_bookings, pending_complaints: n_complaints_pending, last_audit_id: n_audit } = count_rows(&o.db);
    for (label, offset) in [("first", 0), ("middle", last_offset(n_bookings) / 2), ("last", last_offset(n_bookings))] {
        let page = PageRequest::at(offset, 50);
        row(
            &format!("bookings list, {label} page"),
            measure(deep(label).0, deep(label).1, || drop(d.list_bookings(&staff, &BookingFilter::default(), &page).expect("list"))),
        );
    }
    // Keyset paging (`after` = the last id of the previous page): the same cost at any depth.
    let max_booking = n_bookings;
    for (label, after) in [("middle", max_booking / 2), ("last", 52)] {
        let page = PageRequest::after(after, 50);
        row(
            &format!("bookings list, {label} page, keyset"),
            measure(warmup, runs, || drop(d.list_bookings(&staff, &BookingFilter::default(), &page).expect("list"))),
        );
    }
    let completed = BookingFilter { status: Some(BookingStatus::Completed), user_id: None };
    row(
        "bookings list, Completed, first page",
        measure(warmup, runs, || drop(d.list_bookings(&staff, &completed, &PageRequest::first(50)).expect("list"))),
    );
    for (label, offset) in [("first", 0), ("middle", last_offset(sizes.cylinders) / 2), ("last", last_offset(sizes.cylinders))] {
        let page = PageRequest::at(offset, 50);
        let (w, n) = deep(label);
        row(
            &format!("inventory, {label} page"),
            measure(w, n, || drop(d.list_cylinders(&staff, &Default::default(), "", &page).expect("list"))),
        );
    }
    // Keyset from the cylinder with the highest ID (the last page): after it, in ID order.
    let last_cylinder = last_row_id(&o.db, "SELECT id FROM cylinders ORDER BY code DESC LIMIT 1 OFFSET 50");
    let page = PageRequest::after(last_cylinder, 50);
    row(
        "inventory, last page, keyset",
        measure(warmup, runs, || drop(d.list_cylinders(&staff, &Default::default(), "", &page).expect("list"))),
    );
    let last_complaint =
        last_row_id(&o.db, "SELECT id FROM complaints WHERE status = 'Pending' ORDER BY priority DESC, id DESC LIMIT 1 OFFSET 50");
    let page = PageRequest::after(last_complaint, 50);
    row(
        "complaints queue (Pending), last page, keyset",
        measure(warmup, runs, || drop(d.complaint_queue(&staff, Some(ComplaintStatus::Pending), &page).expect("list"))),
    );
    row(
        "inventory, Empty, first page",
        measure(warmup, runs, || {
            drop(
                d.list_cylinders(
                    &staff,
                    &gasdesk_core::model::CylinderFilter { status: Some(CylinderStatus::Empty), ..Default::default() },
                    "",
                    &PageRequest::first(50),
                )
                .expect("list"),
            )
        }),
    );
    row(
        "inventory, search \"AB\"",
        measure(warmup, runs, || drop(d.list_cylinders(&staff, &Default::default(), "AB", &PageRequest::first(50)).expect("list"))),
    );
    // The trade (issue 12): the send-to-plant list, one type's stock, a customer's connections
    // with their refill standing, a booking's GST documents.
    let attention = gasdesk_core::model::CylinderFilter { attention: Some(true), ..Default::default() };
    row(
        "inventory, due for test / held back, first page",
        measure(warmup, runs, || drop(d.list_cylinders(&staff, &attention, "", &PageRequest::first(50)).expect("list"))),
    );
    let five_kg = gasdesk_core::model::CylinderFilter { type_id: Some(2), ..Default::default() };
    row(
        "inventory, 5 kg type, first page",
        measure(warmup, runs, || drop(d.list_cylinders(&staff, &five_kg, "", &PageRequest::first(50)).expect("list"))),
    );
    row("a customer's connections", measure(warmup, runs, || drop(d.customer_connections(&staff, 1).expect("connections"))));
    let sold = last_row_id(&o.db, "SELECT booking_id FROM sale_documents ORDER BY id DESC LIMIT 1");
    row("a booking's GST documents", measure(warmup, runs, || drop(d.booking_documents(&staff, sold).expect("documents"))));
    for (label, offset) in [("first", 0), ("middle", last_offset(n_complaints_pending) / 2), ("last", last_offset(n_complaints_pending))] {
        let page = PageRequest::at(offset, 50);
        row(
            &format!("complaints queue (Pending), {label} page"),
            measure(deep(label).0, deep(label).1, || drop(d.complaint_queue(&staff, Some(ComplaintStatus::Pending), &page).expect("list"))),
        );
    }
    for (label, offset) in [("first", 0), ("middle", last_offset(sizes.customers) / 2), ("last", last_offset(sizes.customers))] {
        let page = PageRequest::at(offset, 50);
        let (w, n) = deep(label);
        row(&format!("customers, {label} page"), measure(w, n, || drop(d.search_customers(&staff, "", &page).expect("list"))));
    }
    // The unfiltered list is newest first: after the customer with id 52 comes the last page.
    row(
        "customers, last page, keyset",
        measure(warmup, runs, || drop(d.search_customers(&staff, "", &PageRequest::after(52, 50)).expect("list"))),
    );
    row(
        "customers, search \"customer12\"",
        measure(warmup, runs, || drop(d.search_customers(&staff, "customer12", &PageRequest::first(50)).expect("list"))),
    );
    row(
        "customers, search \"Priya\"",
        measure(warmup, runs, || drop(d.search_customers(&staff, "Priya", &PageRequest::first(50)).expect("list"))),
    );
    for (label, offset) in [("first", 0), ("middle", last_offset(n_audit) / 2), ("last", last_offset(n_audit))] {
        let page = PageRequest::at(offset, 50);
        row(
            &format!("audit log, {label} page"),
            measure(deep(label).0, deep(label).1, || drop(d.audit_log(&staff, &AuditFilter::default(), &page).expect("list"))),
        );
    }
    for (label, after) in [("middle", n_audit / 2), ("last", 52)] {
        let page = PageRequest::after(after, 50);
        row(
            &format!("audit log, {label} page, keyset"),
            measure(warmup, runs, || drop(d.audit_log(&staff, &AuditFilter::default(), &page).expect("list"))),
        );
    }
    let by_action = AuditFilter { action: Some("booking.cancel".into()), ..Default::default() };
    row(
        "audit log, action filter",
        measure(warmup, runs, || drop(d.audit_log(&staff, &by_action, &PageRequest::first(50)).expect("list"))),
    );
    row("dashboard", measure(warmup, runs, || drop(d.dashboard(&staff).expect("dashboard"))));
    row("one cylinder's history", measure(warmup, runs, || drop(d.cylinder_history(&staff, 1, &PageRequest::first(50)).expect("history"))));
    let customer = Actor::Customer { id: 1, username: "customer1".into() };
    row("customer home", measure(warmup, runs, || drop(d.customer_home(&customer).expect("home"))));
    row(
        "customer's bookings, first page",
        measure(warmup, runs, || drop(d.my_bookings(&customer, &PageRequest::first(20)).expect("bookings"))),
    );
    row(
        "staff login (argon2id)",
        measure(1, if o.smoke { 3 } else { 20 }, || drop(d.staff_login(&Terminal::OFFICE, "admin", "admin12345"))),
    );
}

fn booking(o: &Options, d: &Desk) {
    // Booking end to end, one process: returning customers, so each booking also takes back
    // the customer's old cylinder.
    // The generated history books every customer far more often than the refill rules allow:
    // the rules are still checked on every booking (their queries are in the figures), with the
    // gap off and the cap out of reach.
    d.set_refill_rules(&Actor::System, 0, 1_000_000).expect("refill rules off for the benchmark");
    let bookers = returning_customers(&o.db, if o.smoke { 20 } else { o.bookings });
    ensure_stock(d, &o.db, bookers.len());
    let mut next = bookers.iter();
    let price = d.cylinder_types().expect("types")[0].price;
    let single = measure(2, bookers.len() - 2, || {
        let id = *next.next().expect("enough customers");
        d.book_cylinder_of_type(&Actor::Customer { id, username: format!("c{id}") }, Some(1), price).expect("booking");
    });
    row("self-service booking, end to end", single);
    let pages = pages_per_booking(d, &o.db);
    let rss = peak_rss_mb();

    println!();
    let raw = raw_write_rate(&o.db, if o.smoke { 100 } else { 1000 });
    println!("raw SQLite one-row write transactions (same pragmas, same file system): {raw:.0}/s");
    println!(
        "single-process booking: {:.0}/s = {:.2} of the raw rate",
        1.0 / single.median.as_secs_f64(),
        1.0 / single.median.as_secs_f64() / raw
    );
    println!("pages one booking writes (WAL frames, two commits): {pages:.1}; the raw transaction writes 2 or fewer");
    let per_process = if o.smoke { 10 } else { 250 };
    for processes in [1usize, 2, 4] {
        let rate = multi_process(&o.db, processes, per_process);
        println!("{processes} process(es) booking at once: {rate:.0} bookings/s in total = {:.2} of the raw rate", rate / raw);
    }
    let problems = Db::open(&o.db).expect("open").integrity_problems().expect("check");
    assert!(problems.is_empty(), "invariants broken after the benchmark: {problems:?}");
    println!("after the run: every invariant holds (no double allocation, every payment matched)");
    println!("peak RSS of the benchmark process with the lists browsed: {rss:.1} MB");
}

/// The sizes the bookings, complaints and audit lists' last-page offsets come from.
struct RowCounts {
    bookings: i64,
    pending_complaints: i64,
    /// The newest audit row's id (rows are never deleted, so also their number).
    last_audit_id: i64,
}

fn count_rows(path: &Path) -> RowCounts {
    let conn = rusqlite::Connection::open(path).expect("open");
    let one = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect("count");
    RowCounts {
        bookings: one("SELECT count(*) FROM bookings"),
        pending_complaints: one("SELECT count(*) FROM complaints WHERE status = 'Pending'"),
        last_audit_id: one("SELECT max(id) FROM audit_log"),
    }
}

/// The id a query names (a keyset anchor), or 0.
fn last_row_id(path: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).expect("open");
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

/// Customers with a 14.2 kg connection holding a cylinder and no booking in flight, to book for
/// (the common case: an empty cylinder exchanged for a full one).
fn returning_customers(path: &Path, n: usize) -> Vec<i64> {
    let conn = rusqlite::Connection::open(path).expect("open");
    let mut stmt = conn
        .prepare(
            "SELECT id FROM users WHERE has_active_cylinder = 1
             AND id IN (SELECT user_id FROM connections WHERE type_id = 1)
             AND id NOT IN (SELECT user_id FROM bookings WHERE status = 'Pending') ORDER BY random() LIMIT ?1",
        )
        .expect("prepare");
    stmt.query_map([n as i64], |r| r.get(0)).expect("query").map(|r| r.expect("row")).collect()
}

/// Refills every Empty cylinder and, if that is still not `n` in stock, registers new Filled
/// ones (through the domain, as staff would).
fn ensure_stock(d: &Desk, path: &Path, n: usize) {
    d.refill_all_empty(&Actor::System).expect("refill");
    let conn = rusqlite::Connection::open(path).expect("open");
    let in_stock: i64 = conn
        .query_row(
            "SELECT count(*) FROM cylinders WHERE status = 'Filled' AND reserved_by IS NULL AND type_id = 1 AND hold IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let mut missing = n.saturating_sub(usize::try_from(in_stock).unwrap_or(0));
    while missing > 0 {
        let count = missing.min(MAX_REGISTER_BATCH);
        let input =
            RegisterCylinders { serials: vec![], count: count as u32, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() };
        d.register_cylinders(&Actor::System, &input).expect("register");
        missing -= count;
    }
}

fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Database pages one booking writes (WAL frames over a few bookings, WAL emptied first):
/// what a booking's two commits carry compared with the raw one-row transaction.
fn pages_per_booking(d: &Desk, db: &Path) -> f64 {
    const BOOKINGS: usize = 10; // ≈ 450 frames: below the 1,000-frame auto-checkpoint
    let customers = returning_customers(db, BOOKINGS);
    ensure_stock(d, db, BOOKINGS);
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    let page_size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    let price = d.cylinder_types().expect("types")[0].price;
    for &id in &customers {
        d.book_cylinder_of_type(&Actor::Customer { id, username: format!("c{id}") }, Some(1), price).expect("booking");
    }
    let wal = std::fs::metadata(format!("{}-wal", db.display())).map(|m| m.len()).unwrap_or(0);
    // A WAL file is a 32-byte header, then frames of a 24-byte header and one page.
    wal.saturating_sub(32) as f64 / (page_size + 24) as f64 / customers.len() as f64
}

/// One-row write transactions per second on a scratch file beside the database, with the
/// pragmas GasDesk uses (WAL, synchronous=FULL).
fn raw_write_rate(db: &Path, n: u32) -> f64 {
    let path = db.with_extension("raw-bench.db");
    let _ = std::fs::remove_file(&path);
    let conn = rusqlite::Connection::open(&path).expect("open raw");
    conn.pragma_update(None, "journal_mode", "WAL").expect("wal");
    conn.pragma_update(None, "synchronous", "FULL").expect("full");
    conn.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)").expect("table");
    let started = Instant::now();
    for i in 0..n {
        conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
        conn.prepare_cached("INSERT INTO t (v) VALUES (?1)").expect("prepare").execute([i.to_string()]).expect("insert");
        conn.execute_batch("COMMIT").expect("commit");
    }
    let rate = f64::from(n) / started.elapsed().as_secs_f64();
    drop(conn);
    for ext in ["raw-bench.db", "raw-bench.db-wal", "raw-bench.db-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    rate
}

/// Total bookings/s from `processes` OS processes each booking for its own customers.
fn multi_process(db: &Path, processes: usize, per_process: usize) -> f64 {
    let customers = returning_customers(db, processes * per_process);
    assert_eq!(customers.len(), processes * per_process, "not enough customers holding a cylinder");
    ensure_stock(&desk(db), db, customers.len());
    let exe = std::env::current_exe().expect("exe");
    let mut children: Vec<_> = customers
        .chunks(per_process)
        .map(|chunk| {
            let ids: Vec<String> = chunk.iter().map(i64::to_string).collect();
            Command::new(&exe)
                .args(["--worker", &db.display().to_string(), &ids.join(",")])
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .spawn()
                .expect("worker")
        })
        .collect();
    // Timed from when every worker has opened the file and is ready, so the figure is the
    // booking rate, not process start-up.
    for child in &mut children {
        let mut ready = String::new();
        BufReader::new(child.stdout.as_mut().expect("worker stdout")).read_line(&mut ready).expect("worker ready");
        assert_eq!(ready.trim(), "ready", "worker did not start");
    }
    let started = Instant::now();
    for child in &mut children {
        child.stdin.take().expect("worker stdin").write_all(b"go\n").expect("start worker");
    }
    for mut child in children {
        assert!(child.wait().expect("wait").success(), "a worker failed");
    }
    (processes * per_process) as f64 / started.elapsed().as_secs_f64()
}

/// A worker process: opens the database, says "ready", waits for "go", then books once for
/// each customer id given.
fn worker(args: &[String]) {
    let Started { desk: d, customer_ids: ids, price } = ready_then_go(args);
    for id in ids {
        d.book_cylinder_of_type(&Actor::Customer { id, username: format!("c{id}") }, Some(1), price).expect("worker booking");
    }
}

/// A child process's start: opens the database (`args`: DB, comma-separated customer ids), says
/// "ready", waits for "go", and hands back what it books with.
fn ready_then_go(args: &[String]) -> Started {
    let (Some(db), Some(ids)) = (args.first(), args.get(1)) else { panic!("a child process needs DB and ids") };
    let d = desk(Path::new(db));
    println!("ready");
    std::io::stdout().flush().expect("flush");
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).expect("wait for go");
    let price = d.cylinder_types().expect("types")[0].price;
    Started { desk: d, customer_ids: ids.split(',').filter_map(|s| s.parse().ok()).collect(), price }
}

/// A child process ready to book: its own desk, the customers to book for, and the price the
/// kiosk shows.
struct Started {
    desk: Desk,
    customer_ids: Vec<i64>,
    price: gasdesk_core::model::Money,
}
