//! What the LAN tests share: an agency on a file, processes that are killed when the test ends
//! however it ends (each one's stdout read line by line against a deadline), the office server
//! as a process (`gasdesk serve`, or this test binary with a pausing gateway), and pairing
//! kiosks with `gasdesk add-kiosk` + `gasdesk pair`.
pub use crate::ledger_gateway::ledger_path;
pub use crate::office_process::CUSTOMER_PASSWORD;
use crate::office_process::{agency_on_file, listening_line, LISTENING};
use gasdesk_core::domain::MockRazorpay;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long any one step of a test may take before the test fails saying which step.
pub const STEP: Duration = Duration::from_secs(30);

/// The shipped binary.
pub fn gasdesk_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gasdesk"))
}

/// A command, run directly or inside a network namespace (`ip netns exec NS`, which execs the
/// program in place: the child's pid is the program's, so killing it kills the program).
pub fn command_in(netns: Option<&str>, program: &Path, args: &[&str]) -> Command {
    let mut command = match netns {
        Some(ns) => {
            let mut c = Command::new("ip");
            c.args(["netns", "exec", ns]).arg(program);
            c
        }
        None => Command::new(program),
    };
    // The headless commands never open a window; no display makes sure of it.
    command.args(args).env_remove("DISPLAY").env_remove("WAYLAND_DISPLAY");
    command
}

/// `gasdesk ARGS` to the end; fails the test with its output unless it succeeds.
pub fn gasdesk_ok(netns: Option<&str>, args: &[&str]) -> String {
    let out = gasdesk_output(netns, args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "gasdesk {args:?}: {}\n{stdout}{}", out.status, String::from_utf8_lossy(&out.stderr));
    stdout
}

pub fn gasdesk_output(netns: Option<&str>, args: &[&str]) -> Output {
    command_in(netns, &gasdesk_binary(), args).stdin(Stdio::null()).output().expect("gasdesk runs")
}

/// `gasdesk check` passes on the file.
pub fn assert_check_passes(db: &Path) {
    let said = gasdesk_ok(None, &["check", "--db", path_str(db)]);
    assert!(said.contains(": ok"), "{said}");
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// An agency on a file in a temporary folder: staff `boss`, the customers named, `filled`
/// cylinders in stock.
pub struct Agency {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Agency {
    pub fn new(customers: &[String], filled: u32) -> Agency {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = dir.path().join("office.db");
        let names: Vec<&str> = customers.iter().map(String::as_str).collect();
        drop(agency_on_file(&db, Arc::new(MockRazorpay::new()), &names, filled));
        Agency { dir, db }
    }

    /// The charges the ledger gateway of `server_child` made: `order_ref gateway_ref` lines.
    pub fn ledger(&self) -> Vec<(String, String)> {
        let text = std::fs::read_to_string(ledger_path(&self.db)).unwrap_or_default();
        text.lines().filter_map(|l| l.split_once(' ')).map(|(o, g)| (o.to_owned(), g.to_owned())).collect()
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("a second connection")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.sql().query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
}

/// A child process, SIGKILLed and reaped when dropped (a failing test leaves nothing running).
/// Its stdout lines arrive through a channel, so every wait has a deadline.
pub struct Proc {
    name: String,
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    /// Every line read so far, for the failure message.
    pub seen: Vec<String>,
}

impl Proc {
    pub fn spawn(name: &str, mut command: Command) -> Proc {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{name} starts: {e}"));
        let stdin = child.stdin.take();
        let (send, lines) = mpsc::channel();
        // Its stderr (the kiosk client's "asking again", the server's log) goes into the same
        // lines marked `! `: shown when a test fails, quiet when it passes.
        let stderr = child.stderr.take().expect("stderr");
        let send_stderr = send.clone();
        std::thread::spawn(move || forward_lines(stderr, "! ", &send_stderr));
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || forward_lines(stdout, "", &send));
        Proc { name: name.to_owned(), child, stdin, lines, seen: Vec::new() }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The next line, or `None` when the process closed its stdout or `deadline` passed.
    pub fn next_line(&mut self, deadline: Instant) -> Option<String> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.lines.recv_timeout(left) {
            Ok(line) => {
                self.seen.push(line.clone());
                Some(line)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Reads lines until one starts with `prefix`; fails the test (with what it said) when none
    /// comes `within`.
    pub fn expect_line(&mut self, prefix: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        loop {
            match self.next_line(deadline) {
                Some(line) if line.starts_with(prefix) => return line,
                Some(_) => {}
                None => panic!("{} never said {prefix:?} within {within:?}; it said: {:#?}", self.name, self.seen),
            }
        }
    }

    /// Writes one line to its stdin.
    pub fn say(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin");
        writeln!(stdin, "{line}").and_then(|_| stdin.flush()).unwrap_or_else(|e| panic!("{} hears {line:?}: {e}", self.name));
    }

    /// SIGTERM: a graceful stop, as a service manager asks.
    #[cfg(unix)]
    pub fn terminate(&self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-TERM", &pid]).status().expect("kill runs");
        assert!(sent.success(), "SIGTERM to {}", self.name);
    }

    /// SIGKILL (no destructors, no graceful stop) and reap.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for it to exit by itself.
    pub fn wait_exit(&mut self, within: Duration) -> ExitStatus {
        let deadline = Instant::now() + within;
        loop {
            if let Some(status) = self.child.try_wait().expect("waits") {
                return status;
            }
            assert!(Instant::now() < deadline, "{} did not exit within {within:?}; it said: {:#?}", self.name, self.seen);
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Every line it still has to say until it exits (its output closes), within `within`.
    pub fn rest(&mut self, within: Duration) -> Vec<String> {
        let deadline = Instant::now() + within;
        let mut rest = Vec::new();
        while let Some(line) = self.next_line(deadline) {
            rest.push(line);
        }
        assert!(Instant::now() < deadline, "{} still talking after {within:?}; it said: {:#?}", self.name, self.seen);
        rest
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

fn forward_lines(from: impl std::io::Read, mark: &str, to: &mpsc::Sender<String>) {
    for line in BufReader::new(from).lines() {
        let Ok(line) = line else { break };
        if to.send(format!("{mark}{line}")).is_err() {
            break;
        }
    }
}

/// A running office server process and what it said when it started listening.
pub struct Office {
    pub proc: Proc,
    pub addr: SocketAddr,
    pub fingerprint_hex: String,
}

/// Reads the server's one line, `GasDesk office server listening on https://ADDR (certificate
/// SHA-256 HEX)`: `gasdesk serve`'s, which the server child repeats word for word.
fn listening(mut proc: Proc) -> Office {
    let line = proc.expect_line(LISTENING, STEP);
    let (addr, fingerprint_hex) = listening_line(&line);
    Office { proc, addr, fingerprint_hex }
}

/// `gasdesk serve --db DB --listen LISTEN` (the shipped server, its mock gateway), with mDNS
/// only when asked.
pub fn serve(netns: Option<&str>, db: &Path, listen: &str, mdns: bool) -> Office {
    let mut args = vec!["serve", "--db", path_str(db), "--listen", listen];
    if !mdns {
        args.push("--no-mdns");
    }
    listening(Proc::spawn("gasdesk serve", command_in(netns, &gasdesk_binary(), &args)))
}

/// This test binary re-run as a child playing `role` (see `main.rs`), with its environment.
pub fn test_child(netns: Option<&str>, role: &str, env: &[(&str, String)]) -> Command {
    let exe = std::env::current_exe().expect("the test binary");
    let mut command = command_in(netns, &exe, &["child_process_entry", "--exact", "--nocapture", "--test-threads=1", "--quiet"]);
    command.env("GASDESK_LAN_CHILD", role);
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

/// How the server child's ledger gateway behaves (`server_child.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gateway {
    /// Charges at once.
    Plain,
    /// From the `from`-th charge on (1-based), every charge stops dead at the crash tests'
    /// pause point (`before_charge`: reserved, nothing charged; `after_charge`: charged, not yet
    /// told), saying `PAUSED <point> <order_ref>` on stdout.
    PauseAt { point: &'static str, from: usize },
    /// Each charge says `CHARGING <order_ref>` and answers only once the file `release`
    /// exists (the test makes it when it has done what it wanted while the charge was on).
    HoldUntil { release: PathBuf },
}

/// The office as the test binary running `server::start` in-process with the ledger gateway
/// (the shipped binary has no pause hooks). The certificate is the one beside the database, so
/// a restart on the same port is the same office to a paired kiosk.
pub fn server_child(netns: Option<&str>, db: &Path, listen: &str, gateway: Gateway, mdns: bool) -> Office {
    server_child_with(netns, db, listen, gateway, mdns, &[])
}

/// [`server_child`] with more of its environment (`GASDESK_LAN_IDLE_MS`).
pub fn server_child_with(netns: Option<&str>, db: &Path, listen: &str, gateway: Gateway, mdns: bool, more: &[(&str, String)]) -> Office {
    let mut env = vec![("GASDESK_LAN_DB", path_str(db).to_owned()), ("GASDESK_LAN_LISTEN", listen.to_owned())];
    env.extend(more.iter().cloned());
    match gateway {
        Gateway::Plain => {}
        Gateway::PauseAt { point, from } => {
            env.push(("GASDESK_LAN_PAUSE", point.to_owned()));
            env.push(("GASDESK_LAN_PAUSE_FROM", from.to_string()));
        }
        Gateway::HoldUntil { release } => env.push(("GASDESK_LAN_HOLD_UNTIL", path_str(&release).to_owned())),
    }
    if mdns {
        env.push(("GASDESK_LAN_MDNS", "1".to_owned()));
    }
    listening(Proc::spawn("server child", test_child(netns, "server", &env)))
}

/// A pairing code made at the office PC's command line (`gasdesk add-kiosk`).
pub fn add_kiosk(db: &Path, name: &str) -> String {
    let printed = gasdesk_ok(None, &["add-kiosk", "--db", path_str(db), "--name", name]);
    printed
        .split_whitespace()
        .find(|word| gasdesk_core::domain::pairing_code::parse(word).is_ok())
        .unwrap_or_else(|| panic!("a pairing code in {printed:?}"))
        .to_owned()
}

/// Pairs a kiosk with a new code, the way an installer does on the kiosk PC: `gasdesk pair
/// --code CODE --pairing FILE`, with `--server ADDR` or (`None`) finding the office by mDNS.
/// Returns the pairing file.
pub fn pair_kiosk(db: &Path, folder: &Path, name: &str, netns: Option<&str>, server: Option<SocketAddr>) -> PathBuf {
    let code = add_kiosk(db, name);
    let file = folder.join(format!("{}.pairing.json", name.replace(' ', "-")));
    let server = server.map(|a| a.to_string());
    let mut args = vec!["pair", "--code", code.as_str(), "--pairing", path_str(&file)];
    if let Some(server) = &server {
        args.extend(["--server", server.as_str()]);
    }
    let said = gasdesk_ok(netns, &args);
    assert!(said.contains("Paired as kiosk"), "{said}");
    if server.is_none() {
        assert!(said.contains("found on this network"), "found by mDNS: {said}");
    }
    file
}
