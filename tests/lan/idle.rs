//! A kiosk left alone: the office closes a connection that sends nothing (30 s at a shop, much
//! less here), and the kiosk's next command must still simply work, never "office offline".
use crate::harness::{pair_kiosk, path_str, server_child_with, test_child, Agency, Gateway, Proc};
use std::time::Duration;

const ROUNDS: usize = 12;

#[test]
fn a_kiosk_whose_idle_connection_the_office_closed_is_answered_on_its_next_command() {
    let customer = "kiosk1".to_owned();
    let agency = Agency::new(std::slice::from_ref(&customer), 1);
    let idle = [("GASDESK_LAN_IDLE_MS", "300".to_owned())];
    let office = server_child_with(None, &agency.db, "127.0.0.1:0", Gateway::Plain, false, &idle);
    let pairing = pair_kiosk(&agency.db, agency.dir.path(), "Counter 1", None, Some(office.addr));
    let env = [
        ("GASDESK_LAN_PAIRING", path_str(&pairing).to_owned()),
        ("GASDESK_LAN_CUSTOMER", customer),
        ("GASDESK_LAN_ROUNDS", ROUNDS.to_string()),
        ("GASDESK_LAN_IDLE_PAUSE_MS", "250".to_owned()),
    ];
    let mut kiosk = Proc::spawn("idle kiosk", test_child(None, "idle", &env));
    kiosk.expect_line("DONE", Duration::from_secs(60));
    let answers: Vec<&str> = kiosk.seen.iter().filter_map(|l| l.strip_prefix("HOME ")).collect();
    assert_eq!(answers, vec!["ok"; ROUNDS], "{:#?}", kiosk.seen);
}
