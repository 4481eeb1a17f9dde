//! An office restart (SIGKILL and start again, or staff moving the port) forgets every kiosk
//! terminal's session, while a kiosk may be retrying a booking whose reply was lost. The
//! retry, with the same key from the same device, still hears the settled booking; another
//! device or a key nothing was booked under learns nothing.
use super::{Fixture, Limits, Office};
use crate::api::session::SessionClock;
use serde_json::{json, Value};
use std::sync::Arc;

const KEY: &str = "0f8e5a52-4d3c-4b1a-9e7f-1234567890ab";

/// A new `Office` over the same desk, as `gasdesk serve` makes on its start: no terminals.
fn restart(f: &mut Fixture) {
    let clock: Arc<dyn SessionClock> = f.clock.clone();
    f.office = Arc::new(Office::new(f.desk.clone(), clock));
    f.router = super::super::router_with(f.office.clone(), Limits::default());
}

/// The price as the UI sends it (the JSON form of `Money`).
fn price(f: &Fixture) -> Value {
    serde_json::to_value(f.desk.cylinder_types().expect("types")[0].price).expect("a price")
}

fn count(f: &Fixture, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&f.db_path).expect("a second connection");
    conn.query_row(sql, [], |r| r.get(0)).expect("a count")
}

fn book(key: &str, price: &Value) -> Value {
    json!({ "price": price, "idempotency_key": key })
}

#[tokio::test]
async fn a_retry_after_an_office_restart_gets_the_settled_receipt_without_logging_in_again() {
    let mut f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let price = price(&f);
    let first = f.call(&at, "book_cylinder", book(KEY, &price)).await;
    let receipt = first.assert_ok("the booking").clone();

    restart(&mut f);
    // Nobody is logged in at the kiosk's terminal any more...
    f.call(&at, "customer_home", json!({})).await.assert_refused(401, "NotLoggedIn", "after the restart");
    // ...yet its retry of the booking hears that it went through.
    let again = f.call(&at, "book_cylinder", book(KEY, &price)).await;
    assert_eq!(again.assert_ok("the retry after the restart"), &receipt, "the very same receipt");
    assert_eq!(count(&f, "SELECT count(*) FROM bookings WHERE status = 'Completed'"), 1, "one booking");
    assert_eq!(count(&f, "SELECT count(*) FROM payments"), 1, "one charge");
    // The answer logs nobody in.
    f.call(&at, "customer_home", json!({})).await.assert_refused(401, "NotLoggedIn", "still nobody logged in");
}

#[tokio::test]
async fn the_same_key_from_another_device_or_a_key_never_booked_learns_nothing() {
    let mut f = Fixture::new();
    let kiosk_a = f.pair("Counter A").await;
    let kiosk_b = f.pair("Counter B").await;
    let at_a = f.terminal(&kiosk_a);
    f.log_in_customer(&at_a).await;
    let price = price(&f);
    f.call(&at_a, "book_cylinder", book(KEY, &price)).await.assert_ok("A's booking");

    restart(&mut f);
    let before = f.footprint();
    let at_b = f.terminal(&kiosk_b);
    let from_b = f.call(&at_b, "book_cylinder", book(KEY, &price)).await;
    from_b.assert_refused(401, "NotLoggedIn", "A's key from B");
    assert!(from_b.body.get("booking_reference").is_none(), "no receipt: {:?}", from_b.body);
    // A's own terminal, with a key nothing was booked under: the request never reached the
    // office before, so nothing was charged, and the customer logs in again.
    let never = f.call(&at_a, "book_cylinder", book("5b1d2f0c-never-booked-key", &price)).await;
    never.assert_refused(401, "NotLoggedIn", "a key never booked");
    assert_eq!(f.footprint(), before, "nothing changed");

    // A logged-in customer at B reusing A's key books under B's own scope: a new booking.
    f.log_in_customer(&at_b).await;
    let at_b_booking = f.call(&at_b, "book_cylinder", book(KEY, &price)).await;
    at_b_booking.assert_ok("B's own booking with the same key text");
    assert_eq!(count(&f, "SELECT count(*) FROM payments"), 2, "two kiosks, two bookings");
}

#[tokio::test]
async fn a_kiosk_key_too_long_to_carry_its_device_is_refused_on_its_field() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let before = f.footprint();
    let refused = f.call(&at, "book_cylinder", book(&"k".repeat(64), &price(&f))).await;
    refused.assert_refused(400, "Invalid", "a 64-character key at a kiosk PC");
    assert_eq!(refused.field(), Some("idempotency_key"));
    assert_eq!(f.footprint(), before);
}
