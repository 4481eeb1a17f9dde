//! Four kiosk PCs booking at once through the office server with too little stock: each
//! cylinder goes to one booking at most, the losers hear OutOfStock and are charged nothing.
use crate::books;
use crate::harness::{pair_kiosk, serve, Agency};
use crate::kiosks::{self, KioskPc};
use std::time::Duration;

const KIOSKS: usize = 4;
/// Bookings each kiosk's customer attempts (each after the first hands the last cylinder back).
const ROUNDS: usize = 3;
/// Filled cylinders for the 12 attempts.
const STOCK: usize = 5;

/// Where the processes run: the office and the kiosks in network namespaces of their own or
/// not, the address the office listens on, and whether kiosks find it by mDNS.
#[derive(Debug, Clone, Copy)]
pub struct Placement<'a> {
    pub office_ns: Option<&'a str>,
    pub kiosk_ns: Option<&'a str>,
    pub listen: &'a str,
    /// The first kiosk pairs by mDNS (no `--server`); the others are given the address.
    pub discover: bool,
}

pub const LOOPBACK: Placement<'static> = Placement { office_ns: None, kiosk_ns: None, listen: "127.0.0.1:0", discover: false };

/// The agency and the kiosks' customers (`kiosk1` … `kiosk4`).
pub fn customers() -> Vec<String> {
    (1..=KIOSKS).map(|i| format!("kiosk{i}")).collect()
}

/// Pairs one kiosk PC per customer with `gasdesk add-kiosk` + `gasdesk pair`.
pub fn pair_kiosks(agency: &Agency, place: Placement<'_>, office: std::net::SocketAddr) -> Vec<KioskPc> {
    customers()
        .into_iter()
        .enumerate()
        .map(|(i, customer)| {
            let server = (!(place.discover && i == 0)).then_some(office);
            let pairing = pair_kiosk(&agency.db, agency.dir.path(), &format!("Counter {}", i + 1), place.kiosk_ns, server);
            KioskPc { pairing, customer }
        })
        .collect()
}

pub fn four_kiosks_book_at_once_with_too_little_stock(place: Placement<'_>) {
    let agency = Agency::new(&customers(), STOCK as u32);
    let office = serve(place.office_ns, &agency.db, place.listen, place.discover);
    let pcs = pair_kiosks(&agency, place, office.addr);
    let mut kiosks = kiosks::start(place.kiosk_ns, &pcs, ROUNDS, "race", &[]);
    kiosks::go(&mut kiosks);
    let reports = kiosks::finish(&mut kiosks, Duration::from_secs(60));
    drop(office);

    let booked: usize = reports.iter().map(|r| r.booked.len()).sum();
    assert_eq!(booked, STOCK, "every cylinder in stock booked once: {reports:#?}");
    for report in &reports {
        for (key, code, message) in &report.refused {
            assert_eq!(code, "OutOfStock", "{key}: {message}");
            assert!(message.contains("not been charged"), "{key}: {message}");
        }
        assert_eq!(report.booked.len() + report.refused.len(), ROUNDS, "an answer for each booking: {report:#?}");
    }
    // The losers left no booking and no payment behind.
    assert_eq!(agency.count("SELECT count(*) FROM bookings"), STOCK as i64);
    assert_eq!(agency.count("SELECT count(*) FROM payments"), STOCK as i64);
    assert_eq!(agency.count("SELECT count(*) FROM payments WHERE status = 'Success'"), STOCK as i64);
    assert_eq!(agency.count("SELECT count(*) FROM cylinders WHERE status = 'Filled'"), 0, "the stock is gone");
    books::assert_sound(&agency, &reports, 0);
}

/// The shipped `gasdesk serve` on 127.0.0.1 and four kiosk processes.
#[test]
fn four_kiosks_booking_at_once_on_loopback_never_give_a_cylinder_twice_and_losers_pay_nothing() {
    four_kiosks_book_at_once_with_too_little_stock(LOOPBACK);
}
