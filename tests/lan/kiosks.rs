//! The test's side of the kiosk children (`kiosk_child.rs`): starting them (each with its own
//! pairing file and customer), starting them all at once, and reading back what each one heard.
use crate::harness::{path_str, test_child, Proc, STEP};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One kiosk PC: its pairing file and the customer who books there.
#[derive(Debug, Clone)]
pub struct KioskPc {
    pub pairing: PathBuf,
    pub customer: String,
}

/// A booking the kiosk got a receipt for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booked {
    pub key: String,
    pub cylinder: String,
    pub payment_ref: String,
    pub booking_ref: String,
}

/// What one kiosk heard, booking by booking.
#[derive(Debug, Default)]
pub struct Report {
    pub customer: String,
    pub booked: Vec<Booked>,
    /// `(key, code, message)` of each booking the office refused.
    pub refused: Vec<(String, String, String)>,
    /// `(key, code)` each time a booking's outcome was not known yet.
    pub unknown: Vec<(String, String)>,
    /// Keys the office answered `NotLoggedIn` (nothing was booked under them: the office had
    /// forgotten the session before they reached it), after which the customer logged in again.
    pub relogged: Vec<String>,
    pub gave_up: Vec<String>,
}

impl Report {
    fn parse(customer: &str, lines: &[String]) -> Report {
        let mut report = Report { customer: customer.to_owned(), ..Report::default() };
        for line in lines {
            let words: Vec<&str> = line.splitn(4, ' ').collect();
            match words.as_slice() {
                ["BOOKED", key, rest @ ..] => {
                    let rest: Vec<&str> = rest.iter().flat_map(|r| r.split(' ')).collect();
                    let [cylinder, payment_ref, booking_ref] = rest[..] else { panic!("a BOOKED line: {line:?}") };
                    report.booked.push(Booked {
                        key: (*key).to_owned(),
                        cylinder: cylinder.to_owned(),
                        payment_ref: payment_ref.to_owned(),
                        booking_ref: booking_ref.to_owned(),
                    });
                }
                ["REFUSED", key, code, message] => report.refused.push(((*key).to_owned(), (*code).to_owned(), (*message).to_owned())),
                ["UNKNOWN", key, code] => report.unknown.push(((*key).to_owned(), (*code).to_owned())),
                ["RELOGIN", key] => report.relogged.push((*key).to_owned()),
                ["GAVEUP", key] => report.gave_up.push((*key).to_owned()),
                _ => {}
            }
        }
        report
    }

    /// The keys it has a final answer for, in order.
    pub fn settled_keys(&self) -> Vec<&str> {
        self.booked.iter().map(|b| b.key.as_str()).chain(self.refused.iter().map(|r| r.0.as_str())).collect()
    }
}

/// A started kiosk child, logged in and waiting for `GO`.
pub struct Kiosk {
    pub proc: Proc,
    pub customer: String,
}

/// Starts one kiosk child per PC, each to book `bookings` times with keys `<prefix>-NNN`
/// (`prefix` = `<run>-<customer>`), and waits until every one is logged in.
pub fn start(netns: Option<&str>, pcs: &[KioskPc], bookings: usize, run: &str, env: &[(&str, String)]) -> Vec<Kiosk> {
    let mut kiosks: Vec<Kiosk> = pcs
        .iter()
        .map(|pc| {
            let mut vars = vec![
                ("GASDESK_LAN_PAIRING", path_str(&pc.pairing).to_owned()),
                ("GASDESK_LAN_CUSTOMER", pc.customer.clone()),
                ("GASDESK_LAN_BOOKINGS", bookings.to_string()),
                ("GASDESK_LAN_KEY", format!("{run}-{}", pc.customer)),
            ];
            vars.extend(env.iter().cloned());
            let proc = Proc::spawn(&format!("kiosk of {}", pc.customer), test_child(netns, "kiosk", &vars));
            Kiosk { proc, customer: pc.customer.clone() }
        })
        .collect();
    for kiosk in &mut kiosks {
        kiosk.proc.expect_line("READY", STEP);
    }
    kiosks
}

/// All of them start booking now.
pub fn go(kiosks: &mut [Kiosk]) {
    for kiosk in kiosks.iter_mut() {
        kiosk.proc.say("GO");
    }
}

/// Waits for each to say `DONE` (within `within` in all) and returns what each heard.
pub fn finish(kiosks: &mut [Kiosk], within: Duration) -> Vec<Report> {
    let deadline = Instant::now() + within;
    kiosks
        .iter_mut()
        .map(|kiosk| {
            let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
            kiosk.proc.expect_line("DONE", left);
            let status = kiosk.proc.wait_exit(STEP);
            assert!(status.success(), "{} ended with {status}: {:#?}", kiosk.proc.name(), kiosk.proc.seen);
            let report = Report::parse(&kiosk.customer, &kiosk.proc.seen);
            assert!(report.gave_up.is_empty(), "{} never heard how these ended: {:?}", kiosk.proc.name(), report.gave_up);
            report
        })
        .collect()
}
