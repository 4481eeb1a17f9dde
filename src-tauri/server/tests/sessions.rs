//! The sessions the office holds for kiosk terminals: bound to their device, timed by the
//! server's clock, and log-in throttling counted per device.
use super::{office_window, Fixture, Terminal, CUSTOMER, STAFF, STAFF_PASSWORD};
use crate::api::run;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn a_terminal_secret_works_only_with_its_own_device() {
    let f = Fixture::new();
    let kiosk_a = f.pair("Counter A").await;
    let kiosk_b = f.pair("Counter B").await;
    let at_a = f.terminal(&kiosk_a);
    f.log_in_customer(&at_a).await;
    f.unlock_staff(&at_a).await;

    // Kiosk B presenting A's terminal secret gets a terminal of its own, with nobody in it.
    let b_with_a_secret = Terminal { token: kiosk_b.token.clone(), secret: at_a.secret.clone() };
    let session = f.call(&b_with_a_secret, "session_info", json!({})).await;
    let session = session.assert_ok("B's session");
    assert!(session["customer"].is_null() && session["staff"].is_null(), "nobody is logged in there: {session:?}");
    f.call(&b_with_a_secret, "customer_home", json!({})).await.assert_refused(401, "NotLoggedIn", "A's customer from B");
    f.call(&b_with_a_secret, "dashboard", json!({})).await.assert_refused(403, "Forbidden", "A's admin switch from B");

    // Another terminal of kiosk A is another session too.
    let another_of_a = f.terminal(&kiosk_a);
    f.call(&another_of_a, "customer_home", json!({})).await.assert_refused(401, "NotLoggedIn", "A's other terminal");

    // A's own terminal is untouched by all that.
    let home = f.call(&at_a, "customer_home", json!({})).await;
    home.assert_ok("A's customer at A");
    let session = f.call(&at_a, "session_info", json!({})).await;
    assert_eq!(session.assert_ok("A's session")["customer"]["username"], CUSTOMER);
}

#[tokio::test]
async fn a_kiosk_customer_is_logged_out_after_the_idle_timeout_by_the_servers_clock() {
    let f = Fixture::new();
    let idle = f.desk.public_settings().expect("settings").kiosk_idle_seconds as u64;
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;

    // Activity within the timeout keeps the customer in.
    f.clock.advance(Duration::from_secs(idle - 5));
    f.call(&at, "customer_home", json!({})).await.assert_ok("still within the timeout");
    f.clock.advance(Duration::from_secs(idle - 5));
    f.call(&at, "touch", json!({})).await.assert_ok("touch");
    f.clock.advance(Duration::from_secs(idle - 5));
    f.call(&at, "customer_home", json!({})).await.assert_ok("kept alive by the touch");

    f.clock.advance(Duration::from_secs(idle + 1));
    f.call(&at, "customer_home", json!({})).await.assert_refused(401, "NotLoggedIn", "idle too long");
    let session = f.call(&at, "session_info", json!({})).await;
    assert!(session.assert_ok("session")["customer"].is_null(), "the customer is gone: {:?}", session.body);
}

#[tokio::test]
async fn the_admin_switch_at_a_kiosk_relocks_after_its_idle_timeout() {
    let f = Fixture::new();
    let relock = f.desk.public_settings().expect("settings").admin_relock_seconds as u64;
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.unlock_staff(&at).await;
    f.clock.advance(Duration::from_secs(relock - 1));
    f.call(&at, "dashboard", json!({})).await.assert_ok("within the relock time");
    f.clock.advance(Duration::from_secs(relock + 1));
    f.call(&at, "dashboard", json!({})).await.assert_refused(403, "Forbidden", "relocked");
    let session = f.call(&at, "session_info", json!({})).await;
    assert!(session.assert_ok("session")["staff"].is_null(), "the switch is locked: {:?}", session.body);
}

#[tokio::test]
async fn failed_log_ins_at_one_kiosk_throttle_that_kiosk_only() {
    let f = Fixture::new();
    let kiosk_a = f.pair("Counter A").await;
    let kiosk_b = f.pair("Counter B").await;
    let at_a = f.terminal(&kiosk_a);
    let wrong = json!({ "username": STAFF, "password": "not-the-password" });
    let right = json!({ "username": STAFF, "password": STAFF_PASSWORD });

    // Three failures make the next try wait (decision 0013): the right password is refused too.
    for attempt in 1..=3 {
        f.call(&at_a, "staff_unlock", wrong.clone()).await.assert_refused(401, "BadCredentials", &format!("failure {attempt}"));
    }
    f.call(&at_a, "staff_unlock", right.clone()).await.assert_refused(429, "Throttled", "kiosk A waits");
    // A new terminal secret does not reset it: the count is the device's.
    f.call(&f.terminal(&kiosk_a), "staff_unlock", right.clone()).await.assert_refused(429, "Throttled", "A's other terminal");

    // Kiosk B and the office window are not held up by kiosk A's failures.
    f.call(&f.terminal(&kiosk_b), "staff_unlock", right.clone()).await.assert_ok("kiosk B");
    let office = office_window(&f);
    run::staff_unlock(&office, STAFF.into(), STAFF_PASSWORD.into()).expect("the office window");
}
