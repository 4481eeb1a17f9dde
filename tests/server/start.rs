//! What the server does when it starts: a booking left Pending by a server that died
//! mid-payment is settled at once, lease or not, so a kiosk retrying it hears its outcome.
use super::office_process::{agency_on_file, AgencyDesk};
use gasdesk::server::{start, PendingAtStart, ServerOptions};
use gasdesk_core::domain::{Actor, Charge, ChargeRequest, GatewayError, MockRazorpay, PaymentGateway};
use gasdesk_core::model::Money;
use gasdesk_core::Desk;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

/// A gateway that "dies" in the middle of a charge: the booking is reserved and Pending, and
/// nothing more happens to it in this process.
struct DiesMidCharge;

impl PaymentGateway for DiesMidCharge {
    fn name(&self) -> &'static str {
        "dies"
    }
    fn charge(&self, _request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        panic!("the server process dies while the gateway is charging (a test's crash)");
    }
    fn find_charge(&self, _order_ref: &str) -> Result<Option<Charge>, GatewayError> {
        Ok(None)
    }
    fn refund(&self, _charge: &Charge, _amount: Money, _refund_key: &str) -> Result<(), GatewayError> {
        Ok(())
    }
}

fn pending_bookings(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("a second connection");
    conn.query_row("SELECT count(*) FROM bookings WHERE status = 'Pending'", [], |r| r.get(0)).expect("a count")
}

/// A database with one booking left Pending, its lease still running, by a charge that never
/// returned.
fn booking_left_pending(db: &Path) {
    {
        let AgencyDesk { desk, customers, .. } = agency_on_file(db, Arc::new(DiesMidCharge), &["asha"], 1);
        let customer = &customers[0];
        let price = desk.cylinder_types().expect("types")[0].price;
        let asha = Actor::Customer { id: customer.id, username: customer.username.clone() };
        let died = catch_unwind(AssertUnwindSafe(|| desk.book_cylinder_once(&asha, price, "kiosk-key-1")));
        assert!(died.is_err(), "the charge never returned");
    }
    assert_eq!(pending_bookings(db), 1, "left Pending, its lease still running");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_interrupted_by_a_dead_server_is_settled_when_the_server_starts_again() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    booking_left_pending(&db);
    let desk = Arc::new(Desk::open(&db, Arc::new(MockRazorpay::new())).expect("opens again"));
    let listen = "127.0.0.1:0".parse().expect("an address");
    let server =
        start(desk, &db, ServerOptions { listen, advertise: false, pending_at_start: PendingAtStart::SettleAll }).await.expect("starts");
    assert_eq!(pending_bookings(&db), 0, "settled at start, not after the lease");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_started_again_inside_the_office_window_leaves_a_booking_under_its_lease_alone() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    booking_left_pending(&db);
    // As the office window starts its server (on turning serving on, or a new port): the
    // booking may still be paying in this very process, so it is not cancelled and refunded.
    let desk = Arc::new(Desk::open(&db, Arc::new(MockRazorpay::new())).expect("opens again"));
    let listen = "127.0.0.1:0".parse().expect("an address");
    let options = ServerOptions { listen, advertise: false, pending_at_start: PendingAtStart::LapsedOnly };
    let server = start(desk, &db, options).await.expect("starts");
    assert_eq!(pending_bookings(&db), 1, "still Pending: its lease has not lapsed");
    let restarted = start(server.office().desk().clone(), &db, ServerOptions { listen, ..options });
    server.stop().await;
    restarted.await.expect("starts again").stop().await;
    assert_eq!(pending_bookings(&db), 1, "a restart in the window leaves it too");
}
