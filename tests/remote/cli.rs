//! `gasdesk pair` and the kiosk PC's start as processes: pairing with a code printed by
//! `gasdesk add-kiosk` against a `gasdesk serve`, the pairing file it leaves, a code used once,
//! and a kiosk started without a pairing saying how to pair.
use super::office_process::{gasdesk, serve};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn gasdesk_pair_keeps_the_pairing_a_code_from_add_kiosk_gives_and_the_kiosk_starts_only_when_paired() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("office.db");
    drop(super::agency(&db, 1));
    let served = serve(&db);
    let (address, fingerprint) = (served.addr.to_string(), served.fingerprint_hex.clone());

    let made = gasdesk(&["add-kiosk", "--db", &db.to_string_lossy(), "--name", "Till 2"]);
    assert!(made.status.success(), "{}", text(&made.stderr));
    let printed = text(&made.stdout);
    let code =
        printed.lines().find_map(|l| l.strip_prefix("Pairing code for kiosk \"Till 2\": ")).expect("the code line").trim().to_owned();

    let file = dir.path().join("kiosk").join("pairing.json");
    let file_arg = file.to_string_lossy().into_owned();
    let paired = gasdesk(&["pair", "--server", &address, "--code", &code, "--pairing", &file_arg]);
    assert!(paired.status.success(), "{}", text(&paired.stderr));
    let said = text(&paired.stdout);
    assert!(said.contains("Paired as kiosk \"Till 2\""), "{said}");
    let grouped: Vec<&str> = fingerprint.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).expect("hex")).collect();
    let shown = format!("Office certificate: {}: check it matches the office's Kiosks screen", grouped.join(" "));
    assert!(said.contains(&shown), "the whole fingerprint, grouped as the office shows it: {said}");
    assert!(said.contains(&format!("gasdesk --kiosk --server {address} --pairing {file_arg}")), "{said}");
    let pairing = gasdesk::remote::pairing_file::load(&file).expect("a pairing file");
    assert_eq!((pairing.office.as_str(), pairing.fingerprint.as_str()), (address.as_str(), fingerprint.as_str()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&file).expect("metadata").permissions().mode() & 0o777, 0o600);
    }

    let again = gasdesk(&["pair", "--server", &address, "--code", &code, "--pairing", &dir.path().join("second.json").to_string_lossy()]);
    assert!(!again.status.success(), "a code pairs one kiosk");
    assert!(!dir.path().join("second.json").exists());

    let unpaired = gasdesk(&["--kiosk", "--pairing", &dir.path().join("none.json").to_string_lossy()]);
    assert!(!unpaired.status.success());
    let advice = text(&unpaired.stderr);
    assert!(advice.contains("not paired") && advice.contains("gasdesk pair --server ADDR:PORT --code CODE"), "{advice}");

    // Paired, the kiosk gets as far as the display (none here): the pairing was read first.
    let no_display = gasdesk(&["--kiosk", "--server", &address, "--pairing", &file_arg]);
    assert!(!no_display.status.success());
    assert!(text(&no_display.stderr).contains("no graphical display"), "{}", text(&no_display.stderr));
}
