//! The office as the process tests set it up, shared by the `server`, `remote` and `lan` test
//! targets (each includes this file with `#[path]`): an agency on a database file, and `gasdesk
//! serve` on 127.0.0.1 port 0 as a child process, killed when the test ends however it ends.
// Each test target uses only part of this file.
#![allow(dead_code)]

use gasdesk_core::domain::{Actor, PasswordCost, PaymentGateway};
use gasdesk_core::model::{Customer, CylinderStatus, NewCustomerInput, RegisterCylinders};
use gasdesk_core::{Desk, DeskConfig};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;

pub const STAFF: &str = "boss";
pub const STAFF_PASSWORD: &str = "longenough1";
pub const CUSTOMER_PASSWORD: &str = "customer-pass";

/// What `gasdesk serve` (and the LAN tests' server child, word for word) says first.
pub const LISTENING: &str = "GasDesk office server listening on https://";

/// `gasdesk ARGS` to the end, with no display: the headless commands never open a window.
pub fn gasdesk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gasdesk"))
        .args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("gasdesk runs")
}

/// An agency on a file, still open.
pub struct AgencyDesk {
    pub desk: Arc<Desk>,
    pub admin: Actor,
    /// The customers, in the order named.
    pub customers: Vec<Customer>,
}

/// Makes an agency on `db`: staff `boss`, the customers named (password `customer-pass`),
/// `filled` cylinders in stock. Fast password hashes: the server verifies a hash at whatever
/// cost it was made with.
pub fn agency_on_file(db: &Path, gateway: Arc<dyn PaymentGateway>, customers: &[&str], filled: u32) -> AgencyDesk {
    let desk = Desk::open(db, gateway).expect("opens").with_config(DeskConfig { password_cost: PasswordCost::Fast });
    let admin = desk.set_up_first_staff(STAFF, "The Boss", STAFF_PASSWORD).expect("staff");
    // The tests book one customer again and again: the refill rules' gap would refuse it.
    desk.set_refill_rules(&admin, 0, 1_000_000).expect("refill rules off");
    let customers = customers
        .iter()
        .map(|username| {
            let input = NewCustomerInput {
                consumer_no: String::new(),
                type_id: 1,
                allowance: 1,
                username: (*username).to_owned(),
                full_name: format!("Customer {username}"),
                email: String::new(),
                phone: String::new(),
                address: String::new(),
                password: CUSTOMER_PASSWORD.into(),
            };
            desk.create_customer(&admin, &input).expect("a customer")
        })
        .collect();
    if filled > 0 {
        desk.register_cylinders(
            &admin,
            &RegisterCylinders { serials: vec![], count: filled, status: CylinderStatus::Filled, type_id: 1, test_due: "D-35".into() },
        )
        .expect("stock");
    }
    AgencyDesk { desk: Arc::new(desk), admin, customers }
}

/// Reads the server's listening line, `GasDesk office server listening on https://ADDR
/// (certificate SHA-256 HEX)`: its address and certificate fingerprint (hex).
pub fn listening_line(line: &str) -> (SocketAddr, String) {
    let rest = line.trim().strip_prefix(LISTENING).unwrap_or_else(|| panic!("the listening line: {line:?}"));
    let (addr, fingerprint) = rest.split_once(" (certificate SHA-256 ").unwrap_or_else(|| panic!("the fingerprint in {line:?}"));
    let fingerprint = fingerprint.strip_suffix(')').unwrap_or_else(|| panic!("closing parenthesis in {line:?}"));
    (addr.parse().unwrap_or_else(|e| panic!("an address in {line:?}: {e}")), fingerprint.to_owned())
}

/// A `gasdesk serve` process and what it said when it started listening; killed if the test
/// ends without stopping it.
pub struct Served {
    pub child: Child,
    pub addr: SocketAddr,
    pub fingerprint_hex: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `gasdesk serve --db DB --listen 127.0.0.1:0 --no-mdns` and reads its one line.
pub fn serve(db: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gasdesk"))
        .args(["serve", "--db", &db.to_string_lossy(), "--listen", "127.0.0.1:0", "--no-mdns"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("gasdesk serve starts");
    let stdout = child.stdout.take();
    // Owned before the first read, so a failing read still kills the process.
    let mut served = Served { child, addr: SocketAddr::from(([127, 0, 0, 1], 0)), fingerprint_hex: String::new() };
    let mut line = String::new();
    BufReader::new(stdout.expect("stdout")).read_line(&mut line).expect("its first line");
    (served.addr, served.fingerprint_hex) = listening_line(&line);
    served
}
