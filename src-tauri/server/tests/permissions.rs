//! Who may do what from a kiosk device: the commands come from the list, so a new command is
//! checked here without anyone adding it.
use super::samples::{every_command, of_module};
use super::{new_secret, Fixture, Terminal};
use serde_json::json;

#[tokio::test]
async fn every_staff_command_is_forbidden_to_a_logged_in_customer_at_a_kiosk() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    let before = f.footprint();
    for command in of_module("staff") {
        f.call(&at, command.name, command.args.clone()).await.assert_refused(403, "Forbidden", command.name);
    }
    assert_eq!(f.footprint(), before, "nothing changed");
    // The customer is still logged in: a refusal is not a log-out.
    let session = f.call(&at, "session_info", json!({})).await;
    assert_eq!(session.assert_ok("session")["customer"]["username"], "asha");
}

#[tokio::test]
async fn every_command_is_refused_to_a_device_that_was_never_paired() {
    let f = Fixture::new();
    let _paired = f.pair("Counter 1").await;
    let stranger = Terminal { token: "bm90LWEtcmVhbC10b2tlbi1idXQtd2VsbC1mb3JtZWQtMDAx".into(), secret: new_secret() };
    let before = f.footprint();
    for command in every_command() {
        f.call(&stranger, command.name, command.args.clone()).await.assert_refused(401, "UnknownDevice", command.name);
    }
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn a_revoked_kiosk_is_refused_every_command_at_once_even_mid_session() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.log_in_customer(&at).await;
    f.unlock_staff(&at).await;
    f.call(&at, "dashboard", json!({})).await.assert_ok("staff work before the revoke");

    f.revoke(&kiosk);
    let before = f.footprint();
    for command in every_command() {
        f.call(&at, command.name, command.args.clone()).await.assert_refused(401, "UnknownDevice", command.name);
    }
    // A new terminal of the revoked kiosk (a restart) fares no better.
    f.call(&f.terminal(&kiosk), "app_info", json!({})).await.assert_refused(401, "UnknownDevice", "a new terminal");
    assert_eq!(f.footprint(), before, "nothing changed");
}

#[tokio::test]
async fn office_only_commands_are_forbidden_at_a_kiosk_even_with_the_admin_switch_unlocked() {
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.unlock_staff(&at).await;
    f.call(&at, "dashboard", json!({})).await.assert_ok("the switch is unlocked: staff work is allowed");
    let before = f.footprint();
    let office = of_module("office");
    for name in
        ["set_up_first_staff", "get_settings", "update_settings", "back_up_now", "backup_progress", "list_backups", "restore_backup"]
    {
        assert!(office.iter().any(|c| c.name == name), "{name} is an office command");
    }
    for command in office {
        let reply = f.call(&at, command.name, command.args.clone()).await;
        reply.assert_refused(403, "Forbidden", command.name);
        assert!(reply.body["message"].as_str().unwrap_or("").contains("office"), "{}: says where: {:?}", command.name, reply.body);
    }
    assert_eq!(f.footprint(), before, "no setting changed, no backup made or restored");
    assert!(!f.db_path.with_file_name("backups").exists(), "no backup folder was made");
}

#[tokio::test]
async fn staff_work_and_bookings_go_through_from_a_paired_kiosk() {
    // The refusals above mean something only if the same requests can succeed.
    let f = Fixture::new();
    let kiosk = f.pair("Counter 1").await;
    let at = f.terminal(&kiosk);
    f.unlock_staff(&at).await;
    let dashboard = f.call(&at, "dashboard", json!({})).await;
    assert_eq!(dashboard.assert_ok("dashboard")["stock"]["filled"], 3, "{:?}", dashboard.body);

    f.log_in_customer(&at).await;
    let price = f.desk.cylinder_types().expect("types")[0].price;
    let receipt = f.call(&at, "book_cylinder", json!({ "price": price, "idempotency_key": "kiosk-1-booking-1" })).await;
    let receipt = receipt.assert_ok("booking");
    assert_eq!(receipt["customer_username"], "asha", "{receipt:?}");
    assert!(receipt["booking_reference"].as_str().is_some_and(|r| !r.is_empty()), "{receipt:?}");
}
