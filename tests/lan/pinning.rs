//! Pinning across processes: a kiosk paired with one office trusts only that office's
//! certificate. A second office (another database, so another certificate) started on the
//! same address gets nothing from it, not even a health check or a log-in, and a code made for
//! one office does not pair with the other.
use crate::harness::{add_kiosk, gasdesk_output, pair_kiosk, path_str, serve, test_child, Agency};
use std::process::Output;

fn probe(pairing: &std::path::Path, customer: &str) -> (String, String) {
    let env = [("GASDESK_LAN_PAIRING", path_str(pairing).to_owned()), ("GASDESK_LAN_CUSTOMER", customer.to_owned())];
    let Output { status, stdout, stderr } = test_child(None, "probe", &env).output().expect("the probe runs");
    let said = String::from_utf8_lossy(&stdout).into_owned();
    assert!(status.success(), "{said}{}", String::from_utf8_lossy(&stderr));
    let answer = |prefix: &str| {
        said.lines().find_map(|l| l.strip_prefix(prefix)).unwrap_or_else(|| panic!("{prefix:?} in {said:?}")).trim().to_owned()
    };
    (format!("{} {}", answer("HEALTH "), answer("LOGIN ")), String::from_utf8_lossy(&stderr).into_owned())
}

#[test]
fn a_paired_kiosk_refuses_another_office_on_the_same_address_and_sends_it_nothing() {
    let customer = "asha".to_owned();
    let office_a = Agency::new(std::slice::from_ref(&customer), 1);
    let office_b = Agency::new(std::slice::from_ref(&customer), 1);
    let first = serve(None, &office_a.db, "127.0.0.1:0", false);
    let addr = first.addr;
    let pairing = pair_kiosk(&office_a.db, office_a.dir.path(), "Counter 1", None, Some(addr));
    assert_eq!(probe(&pairing, &customer).0, "ok ok", "the paired office answers");
    drop(first);

    // Another office where the paired one was: same address, another certificate.
    let impostor = serve(None, &office_b.db, &addr.to_string(), false);
    assert_eq!(impostor.addr, addr);
    let (answers, logged) = probe(&pairing, &customer);
    // Had a request reached it, it would have answered UnknownDevice (it never paired this
    // kiosk): OfficeOffline means the handshake was refused before anything was sent.
    assert_eq!(answers, "OfficeOffline OfficeOffline", "nothing is trusted from it");
    assert!(logged.contains("answered with another certificate"), "the kiosk says why: {logged}");
    // A code made for office A does not pair with it either.
    let code = add_kiosk(&office_a.db, "Counter 2");
    let file = office_a.dir.path().join("counter-2.json");
    let out = gasdesk_output(None, &["pair", "--server", &addr.to_string(), "--code", &code, "--pairing", path_str(&file)]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && said.contains("not the office this code was made for"), "{said}");
    assert!(!file.exists(), "no pairing kept");
    drop(impostor);

    // The real office back on its address: the same kiosk works again.
    let back = serve(None, &office_a.db, &addr.to_string(), false);
    assert_eq!(back.fingerprint_hex.len(), 64);
    assert_eq!(probe(&pairing, &customer).0, "ok ok");
}
