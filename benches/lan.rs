//! Bookings over the agency's LAN (docs/BENCHMARKS.md, "Bookings over the LAN"): the office
//! server (`gasdesk serve`, its own process) and kiosk clients (processes of this bench using
//! the real `remote::OfficeClient`: pinned TLS, device token, terminal secret, a booking sent
//! again with the same idempotency key until the office settles it). Measures, on one file:
//! - one kiosk booking through the server over loopback, against the same booking in-process
//!   (`Desk::book_cylinder_once`) in the same run, rounds interleaved (median, p99);
//! - four kiosks booking at once (total bookings/s, p99);
//! - a server killed (SIGKILL) while four kiosks book, and started again on the same port:
//!   how long until it listens, and until every kiosk has booked again; `gasdesk check` after;
//! - as root with `ip netns`: one kiosk in a network namespace of its own (veth pair), the
//!   office in this one; skipped with the reason printed otherwise.
//!
//! Each kiosk is one customer, logged in once, booking again and again: each booking hands
//! back the customer's cylinder (Empty) and takes a full one; stock is refilled between phases.
//!
//! `cargo bench --bench lan --features custom-protocol -- [--db PATH] [--bookings N] [--smoke]`
//! (`--features custom-protocol` keeps target/release/gasdesk the window's build). Without
//! `--db` a demo agency is generated (3,000 customers; `--smoke`: a small one, few bookings,
//! no namespaces; `scripts/test.sh` runs `cargo test --bench lan -- --smoke` so it cannot rot).
use gasdesk::remote::{pairing_file, OfficeClient};
use gasdesk_core::domain::demo::{self, DemoSize};
use gasdesk_core::domain::{Actor, MockRazorpay, PasswordCost, MAX_REGISTER_BATCH};
use gasdesk_core::error::ErrorCode;
use gasdesk_core::model::{CylinderStatus, RegisterCylinders};
use gasdesk_core::store::Db;
use gasdesk_core::Desk;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const GASDESK: &str = env!("CARGO_BIN_EXE_gasdesk");
/// The demo's password for every customer.
const CUSTOMER_PASSWORD: &str = "pass1234";

struct Options {
    db: PathBuf,
    smoke: bool,
    /// Bookings timed per figure (one kiosk; in-process), in rounds of `round`.
    bookings: usize,
    round: usize,
    /// Bookings per kiosk when four book at once.
    per_kiosk: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--kiosk") {
        return kiosk_process(&args[1..]);
    }
    // `cargo bench` passes `--bench`; anything this bench does not know is ignored.
    let smoke = args.iter().any(|a| a == "--smoke");
    let work = tempfile::tempdir().expect("a temporary folder");
    let db = match value_of(&args, "--db") {
        Some(db) => PathBuf::from(db),
        None => generate(work.path(), smoke),
    };
    let bookings = value_of(&args, "--bookings").and_then(|n| n.parse().ok()).unwrap_or(if smoke { 20 } else { 300 });
    let round = if smoke { 10 } else { 50 };
    let per_kiosk = if smoke { 10 } else { 150 };
    run(&Options { db, smoke, bookings: bookings.max(round), round, per_kiosk }, work.path());
}

fn value_of(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned()
}

/// A demo agency made through the domain (as `gasdesk demo` does), with real password hashing
/// unless this is a smoke run.
fn generate(dir: &Path, smoke: bool) -> PathBuf {
    let path = dir.join("agency.db");
    let (size, cost) = if smoke {
        (DemoSize { customers: 40, cylinders: 120, bookings: 100, complaints: 10 }, PasswordCost::Fast)
    } else {
        (DemoSize { customers: 3000, cylinders: 2000, bookings: 20_000, complaints: 2000 }, PasswordCost::Production)
    };
    demo::create(&path, &size, cost, &mut |_, _, _| {}).expect("a demo database");
    // The kiosks book the same customers round after round: the refill gap would refuse them
    // (the rules are still checked on every booking, so their cost is in the figures).
    let desk = Desk::new(Db::open(&path).expect("open the database"), Arc::new(MockRazorpay::new()));
    desk.set_refill_rules(&Actor::System, 0, 1_000_000).expect("refill rules off for the benchmark");
    path
}

fn run(o: &Options, work: &Path) {
    let desk = Desk::new(Db::open(&o.db).expect("open the database"), Arc::new(MockRazorpay::new()));
    let price = serde_json::to_value(desk.cylinder_types().expect("types")[0].price).expect("price as JSON");
    println!("database: {} ({} customers)", o.db.display(), count(&o.db, "SELECT count(*) FROM users"));
    println!("machine load before the run (1/5/15 min): {}", load_average());
    println!();

    let mut server = Server::start(&o.db, "127.0.0.1:0", work);
    let kiosks: Vec<PathBuf> = (1..=4).map(|n| pair(&o.db, &server.addr, work, &format!("bench-kiosk-{n}"), None)).collect();

    // 1. One kiosk over loopback against in-process, rounds interleaved.
    let in_process_customer = customer_id(&o.db, "customer1");
    let mut kiosk = Kiosk::start(&kiosks[0], "customer2", &price, None);
    let (mut local, mut lan) = (Vec::new(), Vec::new());
    let mut key = 0u64;
    for _ in 0..o.bookings / o.round {
        ensure_stock(&desk, &o.db, 2 * o.round);
        for _ in 0..o.round {
            key += 1;
            let actor = Actor::Customer { id: in_process_customer, username: "customer1".into() };
            let money = serde_json::from_value(price.clone()).expect("price");
            let started = Instant::now();
            desk.book_cylinder_once_of_type(&actor, Some(1), money, &format!("bench-local-{key:08}")).expect("in-process booking");
            local.push(started.elapsed());
        }
        lan.extend(kiosk.book(o.round).into_iter().map(|event| event.expect("a booking through the server").took()));
    }
    kiosk.stop();

    // 2. Four kiosks at once.
    ensure_stock(&desk, &o.db, 4 * o.per_kiosk + 10);
    let mut four: Vec<Kiosk> =
        kiosks.iter().enumerate().map(|(i, p)| Kiosk::start(p, &format!("customer{}", 3 + i), &price, None)).collect();
    let cpu_of = |four: &[Kiosk], server: &Server| -> Vec<f64> {
        std::iter::once(cpu_seconds(server.child.id())).chain(four.iter().map(|k| cpu_seconds(k.child.id()))).collect()
    };
    let cpu_before = cpu_of(&four, &server);
    let started = Instant::now();
    for k in &mut four {
        k.send(&format!("go {}", o.per_kiosk));
    }
    let mut all = Vec::new();
    for k in &mut four {
        all.extend(k.collect().into_iter().map(|event| event.expect("a booking among four kiosks").took()));
    }
    let elapsed = started.elapsed().as_secs_f64();
    let four_rate = all.len() as f64 / elapsed;
    let cpu: Vec<f64> = cpu_of(&four, &server).iter().zip(&cpu_before).map(|(after, before)| (after - before) / elapsed).collect();
    for k in four {
        k.stop();
    }

    println!("| measurement | bookings | median ms | p99 ms |");
    println!("|---|---|---|---|");
    row("in-process booking (`Desk::book_cylinder_once`)", &local);
    row("one kiosk through the server, loopback", &lan);
    row("four kiosks at once through the server, loopback (each booking)", &all);
    println!();
    println!("four kiosks at once: {four_rate:.0} bookings/s in total");
    println!(
        "CPU meanwhile (cores busy; 2 on this machine): server {:.2}, kiosks {}",
        cpu[0],
        cpu[1..].iter().map(|c| format!("{c:.2}")).collect::<Vec<_>>().join(" + ")
    );
    println!(
        "one kiosk over loopback: {:+.2} ms per booking against in-process (median)",
        (percentile(&lan, 0.5).as_secs_f64() - percentile(&local, 0.5).as_secs_f64()) * 1e3
    );

    // 3. The server killed while four kiosks book, then started again on the same port.
    // Enough for every booking four kiosks make in the seconds around the restart.
    ensure_stock(&desk, &o.db, if o.smoke { 500 } else { 6000 });
    restart_while_booking(o, &mut server, &kiosks, &price, work);
    server.stop();

    // 4. A kiosk in another network namespace.
    if o.smoke {
        println!("\nnamespaces: not in a smoke run");
    } else {
        match Namespace::create() {
            Ok(ns) => across_namespaces(o, &desk, &ns, &price, work),
            Err(reason) => println!("\nnamespaces: skipped: {reason}"),
        }
    }
    let check = Command::new(GASDESK).args(["check", "--db"]).arg(&o.db).output().expect("gasdesk check");
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "gasdesk check failed after the run: {said}{}", String::from_utf8_lossy(&check.stderr));
    println!("\nafter the run, gasdesk check: {}", said.trim());
}

fn restart_while_booking(o: &Options, server: &mut Server, kiosks: &[PathBuf], price: &Value, work: &Path) {
    let mut four: Vec<Kiosk> =
        kiosks.iter().enumerate().map(|(i, p)| Kiosk::start(p, &format!("customer{}", 7 + i), price, None)).collect();
    for k in &mut four {
        k.send("run");
    }
    std::thread::sleep(Duration::from_millis(if o.smoke { 300 } else { 1500 }));
    server.kill();
    let restarted_at = now_us();
    *server = Server::start(&o.db, &server.addr.clone(), work);
    // Until every kiosk has a booking settled after the restart (or half a minute).
    let booked_again = |k: &Kiosk| k.events.iter().filter_map(|e| e.as_ref().ok()).any(|ok| ok.start_us > restarted_at);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline
        && !four.iter_mut().all(|k| {
            k.drain();
            booked_again(k)
        })
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut back = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    for k in &mut four {
        k.send("stop");
        let events = k.collect();
        // Each kiosk's first booking asked for after the restart began, and when it was settled.
        let first = events.iter().filter_map(|e| e.as_ref().ok()).find(|ok| ok.start_us > restarted_at);
        back.push(first.map(|ok| ok.end_us.saturating_sub(restarted_at)));
        refused.extend(events.iter().filter_map(|e| e.as_ref().err().cloned()));
    }
    for k in four {
        k.stop();
    }
    println!();
    println!(
        "server killed (SIGKILL) while 4 kiosks booked, started again on {}: listening {:.0} ms after its start",
        server.addr,
        server.listening_at.saturating_sub(restarted_at) as f64 / 1e3
    );
    println!(
        "each kiosk booked again (a new booking settled) after, from the new start: {} ms",
        back.iter().map(|t| t.map_or("never".to_owned(), |t| format!("{:.0}", t as f64 / 1e3))).collect::<Vec<_>>().join(", ")
    );
    // A booking cut by the kill is answered, when asked again with its key, with how it was
    // settled at the restart.
    refused.sort();
    refused.dedup();
    println!(
        "answers other than a booking around the restart: {}",
        if refused.is_empty() { "none".to_owned() } else { refused.join("; ") }
    );
    assert!(back.iter().all(Option::is_some), "a kiosk did not book again after the restart");
}

fn across_namespaces(o: &Options, desk: &Desk, ns: &Namespace, price: &Value, work: &Path) {
    let listen = format!("{}:0", ns.office_ip);
    let server = Server::start(&o.db, &listen, work);
    let pairing = pair(&o.db, &server.addr, work, "bench-kiosk-netns", Some(&ns.name));
    let mut kiosk = Kiosk::start(&pairing, "customer11", price, Some(&ns.name));
    let customer = customer_id(&o.db, "customer1");
    let (mut local, mut lan) = (Vec::new(), Vec::new());
    let mut key = 0u64;
    for _ in 0..o.bookings / o.round {
        ensure_stock(desk, &o.db, 2 * o.round);
        for _ in 0..o.round {
            key += 1;
            let actor = Actor::Customer { id: customer, username: "customer1".into() };
            let money = serde_json::from_value(price.clone()).expect("price");
            let started = Instant::now();
            desk.book_cylinder_once_of_type(&actor, Some(1), money, &format!("bench-netns-local-{key:08}")).expect("in-process booking");
            local.push(started.elapsed());
        }
        lan.extend(kiosk.book(o.round).into_iter().map(|event| event.expect("a booking across namespaces").took()));
    }
    kiosk.stop();
    println!();
    println!("kiosk in network namespace {} ({}) → office at {} (veth):", ns.name, ns.kiosk_ip, server.addr);
    println!("| measurement | bookings | median ms | p99 ms |");
    println!("|---|---|---|---|");
    row("in-process booking, same run", &local);
    row("one kiosk through the server, across namespaces", &lan);
    drop(server);
}

fn row(name: &str, times: &[Duration]) {
    println!(
        "| {name} | {} | {:.2} | {:.2} |",
        times.len(),
        percentile(times, 0.5).as_secs_f64() * 1e3,
        percentile(times, 0.99).as_secs_f64() * 1e3
    );
}

fn percentile(times: &[Duration], q: f64) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default()
}

/// CPU time a process has used so far (user + system), from /proc; 0 where there is none.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The fields after the command name (which may hold spaces): utime and stime are 12 and 13.
    let fields: Vec<&str> = stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks: f64 = [11, 12].iter().filter_map(|&i| fields.get(i).and_then(|f| f.parse::<f64>().ok())).sum();
    // Linux reports in clock ticks of 1/100 s (USER_HZ) on every platform it runs on.
    ticks / 100.0
}

fn now_us() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_micros() as u64)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).unwrap_or_default()
}

fn count(db: &Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db).expect("open").query_row(sql, [], |r| r.get(0)).expect("count")
}

fn customer_id(db: &Path, username: &str) -> i64 {
    rusqlite::Connection::open(db)
        .expect("open")
        .query_row("SELECT id FROM users WHERE username = ?1", [username], |r| r.get(0))
        .expect("a demo customer")
}

/// Refills every Empty cylinder and registers Filled ones until `n` are in stock.
fn ensure_stock(desk: &Desk, db: &Path, n: usize) {
    desk.refill_all_empty(&Actor::System).expect("refill");
    let in_stock = count(db, "SELECT count(*) FROM cylinders WHERE status = 'Filled' AND reserved_by IS NULL");
    let mut missing = n.saturating_sub(usize::try_from(in_stock).unwrap_or(0));
    while missing > 0 {
        let batch = missing.min(MAX_REGISTER_BATCH);
        let input =
            RegisterCylinders { serials: vec![], count: batch as u32, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() };
        desk.register_cylinders(&Actor::System, &input).expect("register");
        missing -= batch;
    }
}

/// A kiosk paired as the real ones are: `gasdesk add-kiosk` at the office, `gasdesk pair` at
/// the kiosk (inside `netns` when given); returns its pairing file.
fn pair(db: &Path, server: &str, work: &Path, name: &str, netns: Option<&str>) -> PathBuf {
    let made = Command::new(GASDESK).args(["add-kiosk", "--name", name, "--db"]).arg(db).output().expect("gasdesk add-kiosk");
    let said = String::from_utf8_lossy(&made.stdout);
    let code = said
        .split_whitespace()
        .find(|word| word.len() == 19 && word.matches('-').count() == 3)
        .unwrap_or_else(|| panic!("no pairing code in {said:?}"))
        .to_owned();
    let file = work.join(format!("{name}.json"));
    let mut command = in_netns(netns, GASDESK);
    command.args(["pair", "--server", server, "--code", &code, "--pairing"]).arg(&file);
    let paired = command.output().expect("gasdesk pair");
    assert!(paired.status.success(), "gasdesk pair failed: {}", String::from_utf8_lossy(&paired.stderr));
    file
}

/// `program`, run inside the network namespace when one is given.
fn in_netns(netns: Option<&str>, program: &str) -> Command {
    match netns {
        Some(ns) => {
            let mut command = Command::new("ip");
            command.args(["netns", "exec", ns, program]);
            command
        }
        None => Command::new(program),
    }
}

/// `gasdesk serve` as its own process.
struct Server {
    child: Child,
    addr: String,
    /// When it printed that it listens (µs since the epoch).
    listening_at: u64,
}

impl Server {
    fn start(db: &Path, listen: &str, work: &Path) -> Server {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(work.join("serve.log")).expect("server log");
        let mut child = Command::new(GASDESK)
            .args(["serve", "--no-mdns", "--listen", listen, "--db"])
            .arg(db)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .expect("gasdesk serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("server stdout")).read_line(&mut line).expect("the server's first line");
        let listening_at = now_us();
        let addr = line
            .split("https://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("the server did not say where it listens: {line:?}"))
            .to_owned();
        Server { child, addr, listening_at }
    }

    fn kill(&mut self) {
        let _ = self.child.kill(); // SIGKILL
        let _ = self.child.wait();
    }

    /// SIGTERM: the server stops gracefully.
    fn stop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            self.stop();
        }
    }
}

/// One booking's outcome at a kiosk, with its times (µs since the epoch).
struct Booked {
    start_us: u64,
    end_us: u64,
}

impl Booked {
    fn took(&self) -> Duration {
        Duration::from_micros(self.end_us.saturating_sub(self.start_us))
    }
}

/// A kiosk client process (this bench with `--kiosk`), driven by lines on its stdin.
struct Kiosk {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Outcomes reported and not yet collected.
    events: Vec<Result<Booked, String>>,
}

/// One line of a kiosk's report.
enum Report {
    Booked(Result<Booked, String>),
    Done,
    Other,
}

fn report(line: &str) -> Report {
    let words: Vec<&str> = line.split_whitespace().collect();
    let time = |i: usize| words.get(i).and_then(|w| w.parse().ok()).unwrap_or(0);
    match words.first().copied() {
        Some("done") => Report::Done,
        Some("ok") => Report::Booked(Ok(Booked { start_us: time(1), end_us: time(2) })),
        Some("err") => Report::Booked(Err(words[1..].join(" "))),
        _ => Report::Other,
    }
}

impl Kiosk {
    fn start(pairing: &Path, customer: &str, price: &Value, netns: Option<&str>) -> Kiosk {
        let exe = std::env::current_exe().expect("the bench's own path");
        let mut command = in_netns(netns, &exe.to_string_lossy());
        // The client's own complaints (no answer, asking again) go to a log beside the pairing.
        let log = std::fs::OpenOptions::new().create(true).append(true).open(pairing.with_extension("log")).expect("kiosk log");
        command.arg("--kiosk").arg(pairing).args([customer, &price.to_string()]).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(log);
        let mut child = command.spawn().expect("a kiosk process");
        let stdout = child.stdout.take().expect("kiosk stdout");
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        let kiosk = Kiosk { child, stdin, lines, events: Vec::new() };
        let ready = kiosk.lines.recv_timeout(Duration::from_secs(30)).expect("the kiosk logs in");
        assert_eq!(ready, "ready", "the kiosk did not start");
        kiosk
    }

    fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("kiosk stdin");
        writeln!(stdin, "{line}").and_then(|()| stdin.flush()).expect("tell the kiosk");
    }

    fn book(&mut self, n: usize) -> Vec<Result<Booked, String>> {
        self.send(&format!("go {n}"));
        self.collect()
    }

    /// The outcomes reported so far, without waiting.
    fn drain(&mut self) {
        while let Ok(line) = self.lines.try_recv() {
            if let Report::Booked(event) = report(&line) {
                self.events.push(event);
            }
        }
    }

    /// The outcomes the kiosk reports until it says `done`.
    fn collect(&mut self) -> Vec<Result<Booked, String>> {
        loop {
            let line = self.lines.recv_timeout(Duration::from_secs(120)).expect("the kiosk reports");
            match report(&line) {
                Report::Done => return std::mem::take(&mut self.events),
                Report::Booked(event) => self.events.push(event),
                Report::Other => {}
            }
        }
    }

    fn stop(mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}

/// A network namespace with a veth pair to this one, removed when dropped.
struct Namespace {
    name: String,
    kiosk_ip: String,
    office_ip: String,
}

impl Namespace {
    fn create() -> Result<Namespace, String> {
        // `ip netns` needs root.
        let uid = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).and_then(|l| l.split_whitespace().nth(1).map(str::to_owned)));
        if uid.as_deref() != Some("0") {
            return Err("not running as root".into());
        }
        let id = std::process::id() % 10_000;
        let ns = Namespace { name: format!("gdbench{id}"), kiosk_ip: "10.211.7.2".into(), office_ip: "10.211.7.1".into() };
        let (office_if, kiosk_if) = (format!("gdb{id}o"), format!("gdb{id}k"));
        let steps: Vec<Vec<String>> = vec![
            vec!["netns".into(), "add".into(), ns.name.clone()],
            vec![
                "link".into(),
                "add".into(),
                office_if.clone(),
                "type".into(),
                "veth".into(),
                "peer".into(),
                "name".into(),
                kiosk_if.clone(),
            ],
            vec!["link".into(), "set".into(), kiosk_if.clone(), "netns".into(), ns.name.clone()],
            vec!["addr".into(), "add".into(), format!("{}/30", ns.office_ip), "dev".into(), office_if.clone()],
            vec!["link".into(), "set".into(), office_if, "up".into()],
            vec!["-n".into(), ns.name.clone(), "addr".into(), "add".into(), format!("{}/30", ns.kiosk_ip), "dev".into(), kiosk_if.clone()],
            vec!["-n".into(), ns.name.clone(), "link".into(), "set".into(), kiosk_if, "up".into()],
            vec!["-n".into(), ns.name.clone(), "link".into(), "set".into(), "lo".into(), "up".into()],
        ];
        for step in steps {
            let done = Command::new("ip").args(&step).output().map_err(|e| format!("ip: {e}"))?;
            if !done.status.success() {
                return Err(format!("ip {}: {}", step.join(" "), String::from_utf8_lossy(&done.stderr).trim()));
            }
        }
        Ok(ns)
    }
}

impl Drop for Namespace {
    fn drop(&mut self) {
        // Deleting the namespace deletes the veth pair with it.
        let _ = Command::new("ip").args(["netns", "del", &self.name]).status();
    }
}

/// The kiosk process: `--kiosk PAIRING CUSTOMER PRICE_JSON`. Logs in, says `ready`, then for
/// each line `go N` books N times; `run` books until a line `stop`; end of input ends it. Each
/// booking is reported as `ok START END` (µs since the epoch) or `err CODE …`, each batch
/// ends with `done`. Like the real kiosk: an unsettled booking is asked again with the same
/// idempotency key (the client does that itself until the office settles it), and a session
/// the office no longer has (it was restarted) is logged into again.
fn kiosk_process(args: &[String]) {
    let [pairing, customer, price] = args else { panic!("--kiosk PAIRING CUSTOMER PRICE_JSON") };
    let pairing = pairing_file::load(Path::new(pairing)).expect("the kiosk's pairing");
    let client = OfficeClient::new(&pairing).expect("a client of the office");
    let price: Value = serde_json::from_str(price).expect("price JSON");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let login = || runtime.block_on(client.call("customer_login", json!({ "username": customer, "password": CUSTOMER_PASSWORD })));
    login().expect("the customer logs in");
    let stop = Arc::new(AtomicBool::new(false));
    let (send, commands) = channel::<String>();
    let stop_reader = stop.clone();
    std::thread::spawn(move || {
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            if line == "stop" {
                stop_reader.store(true, Ordering::SeqCst);
            } else if send.send(line).is_err() {
                break;
            }
        }
        stop_reader.store(true, Ordering::SeqCst);
    });
    say("ready");
    let mut serial = 0u64;
    let tag = format!("{}-{}", std::process::id(), now_us());
    let mut book_once = || {
        serial += 1;
        let key = format!("bench-{tag}-{serial:08}");
        let started = now_us();
        loop {
            let answer = runtime.block_on(client.call("book_cylinder", json!({ "type_id": 1, "price": price, "idempotency_key": key })));
            match answer {
                Ok(_) => return say(&format!("ok {started} {}", now_us())),
                Err(e) if e.0.code == ErrorCode::NotLoggedIn => {
                    // The office restarted and forgot this terminal's session.
                    while login().is_err() {
                        std::thread::sleep(Duration::from_millis(50));
                    }
                }
                Err(e) if matches!(e.0.code, ErrorCode::OfficeOffline | ErrorCode::OutcomeUnknown | ErrorCode::Busy) => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return say(&format!("err {:?} {}", e.0.code, e.0.message)),
            }
        }
    };
    while let Ok(command) = commands.recv() {
        if let Some(n) = command.strip_prefix("go ").and_then(|n| n.parse::<usize>().ok()) {
            (0..n).for_each(|_| book_once());
        } else if command == "run" {
            while !stop.load(Ordering::SeqCst) {
                book_once();
            }
        }
        say("done");
    }
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}
