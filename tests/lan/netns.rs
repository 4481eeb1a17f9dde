//! The office and the kiosks in two network namespaces joined by a veth pair (office 10.77.0.1,
//! kiosks 10.77.0.2), as on two PCs of a shop's LAN: the four-kiosk booking test with the first
//! kiosk finding the office by mDNS, and a link pulled down while a booking is being paid for.
//! Needs root and a working `ip netns`; otherwise each test says why it is skipped and passes.
//! The namespaces (and the veth pair with them) are deleted however the test ends.
use crate::booking::{four_kiosks_book_at_once_with_too_little_stock, Placement};
use crate::books;
use crate::harness::{pair_kiosk, server_child, Agency, Gateway};
use crate::kiosks::{self, KioskPc};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const OFFICE_IP: &str = "10.77.0.1";
const KIOSK_IP: &str = "10.77.0.2";

/// Two namespaces and the veth pair between them, deleted when dropped.
struct Lan {
    office: String,
    kiosk: String,
    kiosk_link: String,
}

fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip").args(args).stdin(Stdio::null()).output().map_err(|e| format!("`ip` cannot run: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("`ip {}` failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()))
    }
}

#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    // /proc/self belongs to the process's effective user.
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

impl Lan {
    /// The two namespaces, or why they cannot be made here.
    fn create() -> Result<Lan, String> {
        if !is_root() {
            return Err("not running as root".into());
        }
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        // Unique per process and per test: names (15 characters at most for links) that no
        // other run on this machine uses at the same time.
        let id = format!("{}{}", std::process::id(), RUNS.fetch_add(1, Ordering::SeqCst));
        let lan = Lan { office: format!("gdlan-{id}-office"), kiosk: format!("gdlan-{id}-kiosk"), kiosk_link: format!("gdk{id}") };
        let office_link = format!("gdo{id}");
        // From here on, dropping `lan` deletes whatever was made.
        ip(&["netns", "add", &lan.office])?;
        ip(&["netns", "add", &lan.kiosk])?;
        ip(&["link", "add", &office_link, "netns", &lan.office, "type", "veth", "peer", "name", &lan.kiosk_link, "netns", &lan.kiosk])?;
        for (ns, link, address) in [(&lan.office, &office_link, OFFICE_IP), (&lan.kiosk, &lan.kiosk_link, KIOSK_IP)] {
            ip(&["-n", ns, "addr", "add", &format!("{address}/24"), "dev", link])?;
            ip(&["-n", ns, "link", "set", "lo", "up"])?;
            ip(&["-n", ns, "link", "set", link, "up"])?;
        }
        lan.wait_until_up(&office_link)?;
        Ok(lan)
    }

    /// Until both ends of the veth pair have a carrier.
    fn wait_until_up(&self, office_link: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let up = |ns: &str, link: &str| {
            Command::new("ip")
                .args(["-n", ns, "-br", "link", "show", link])
                .output()
                .map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().nth(1) == Some("UP"))
                .unwrap_or(false)
        };
        while !(up(&self.office, office_link) && up(&self.kiosk, &self.kiosk_link)) {
            if Instant::now() > deadline {
                return Err("the veth pair did not come up within 10 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Pulls the kiosks' cable (`up = false`) or plugs it back in.
    fn set_kiosk_link(&self, up: bool) {
        ip(&["-n", &self.kiosk, "link", "set", &self.kiosk_link, if up { "up" } else { "down" }]).expect("the kiosk link changes");
    }
}

impl Drop for Lan {
    fn drop(&mut self) {
        // Deleting a namespace deletes its end of the veth pair, and with it the other end.
        for ns in [&self.office, &self.kiosk] {
            if let Err(e) = ip(&["netns", "delete", ns]) {
                eprintln!("lan test: {e}");
            }
        }
    }
}

/// The namespaces, or `None` after printing why this test is skipped.
fn lan_or_skip(test: &str) -> Option<Lan> {
    match Lan::create() {
        Ok(lan) => Some(lan),
        Err(reason) => {
            println!("SKIPPED {test}: {reason} (it needs root and `ip netns`)");
            None
        }
    }
}

#[test]
fn four_kiosks_in_another_namespace_find_the_office_by_mdns_and_book_at_once() {
    let Some(lan) = lan_or_skip("four_kiosks_in_another_namespace_find_the_office_by_mdns_and_book_at_once") else { return };
    let listen = format!("{OFFICE_IP}:0");
    four_kiosks_book_at_once_with_too_little_stock(Placement {
        office_ns: Some(&lan.office),
        kiosk_ns: Some(&lan.kiosk),
        listen: &listen,
        discover: true,
    });
}

/// The cable is pulled while the office is taking the money: the kiosk says the outcome is
/// unknown (and the office offline), never "failed"; once the cable is back it hears the
/// booking went through, shows that receipt, and books again. One charge per receipt.
#[test]
fn a_link_pulled_down_mid_booking_is_outcome_unknown_then_settled_once_and_the_kiosk_books_again() {
    let Some(lan) = lan_or_skip("a_link_pulled_down_mid_booking_is_outcome_unknown_then_settled_once_and_the_kiosk_books_again") else {
        return;
    };
    let customer = "kiosk1".to_owned();
    let agency = Agency::new(std::slice::from_ref(&customer), 3);
    let listen = format!("{OFFICE_IP}:0");
    // The first charge is held until the cable is pulled: its reply is certainly lost.
    let release = agency.dir.path().join("release-the-charge");
    let mut office = server_child(Some(&lan.office), &agency.db, &listen, Gateway::HoldUntil { release: release.clone() }, false);
    let pairing = pair_kiosk(&agency.db, agency.dir.path(), "Counter 1", Some(&lan.kiosk), Some(office.addr));
    // The kiosk gives up on a reply after 2.5 s and calls the outcome unknown after 3 s.
    let patience = [("GASDESK_LAN_REQUEST_MS", "2500".to_owned()), ("GASDESK_LAN_BUDGET_MS", "3000".to_owned())];
    let pcs = [KioskPc { pairing, customer }];
    let mut kiosks = kiosks::start(Some(&lan.kiosk), &pcs, 2, "link", &patience);
    kiosks::go(&mut kiosks);

    office.proc.expect_line("CHARGING", Duration::from_secs(15));
    lan.set_kiosk_link(false);
    std::fs::write(&release, "").expect("the charge goes on");
    kiosks[0].proc.expect_line("UNKNOWN link-kiosk1-000 OutcomeUnknown", Duration::from_secs(20));
    kiosks[0].proc.expect_line("UNKNOWN link-kiosk1-000 OfficeOffline", Duration::from_secs(20));
    lan.set_kiosk_link(true);
    let reports = kiosks::finish(&mut kiosks, Duration::from_secs(60));
    drop(office);

    let report = &reports[0];
    let keys: Vec<&str> = report.booked.iter().map(|b| b.key.as_str()).collect();
    assert_eq!(keys, ["link-kiosk1-000", "link-kiosk1-001"], "the lost booking settled, then the next one: {report:#?}");
    assert!(report.refused.is_empty(), "{report:#?}");
    assert_eq!(agency.ledger().len(), 2, "one charge per receipt, none twice");
    books::assert_sound(&agency, &reports, 0);
    books::assert_charges_match(&agency);
}
