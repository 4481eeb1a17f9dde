//! The LAN server and kiosk PCs as separate processes on real sockets (decision 0015): an
//! office server process (`gasdesk serve`, or this binary serving with a gateway that can stop
//! dead or take its time) and kiosk processes running the real kiosk client, paired with the
//! real `gasdesk add-kiosk` and `gasdesk pair`. Four kiosks booking at once with too little
//! stock; the server SIGKILLed mid-booking and restarted; a second server with another
//! certificate on the paired address; the same across two network namespaces, with mDNS and a
//! link pulled down mid-booking (root only). Run with `cargo test --test lan`.
mod booking;
mod books;
mod crash;
mod harness;
mod idle;
mod kiosk_child;
mod kiosks;
#[path = "../support/ledger_gateway.rs"]
mod ledger_gateway;
mod netns;
#[path = "../support/office_process.rs"]
mod office_process;
mod pinning;
mod server_child;

/// Child processes: the tests re-run this binary with GASDESK_LAN_CHILD set.
#[test]
fn child_process_entry() {
    let Ok(role) = std::env::var("GASDESK_LAN_CHILD") else { return };
    match role.as_str() {
        "server" => server_child::run(),
        "kiosk" => kiosk_child::run(),
        "probe" => kiosk_child::probe(),
        "idle" => kiosk_child::idle(),
        other => panic!("unknown child role {other}"),
    }
}
