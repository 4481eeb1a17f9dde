//! Kiosk PCs paired with the office (issue 11): pairing codes (10 minutes, 5 tries, used once),
//! device tokens (only their hashes stored), revoking, who may do what, the audit trail, and
//! the two settings of the office's LAN server.
use crate::common::*;
use chrono::Duration;
use gasdesk_core::domain::{pairing_code, Actor, PAIRING_CODE_MINUTES, PAIRING_CODE_TRIES};
use gasdesk_core::model::{AuditFilter, PageRequest, Settings};
use gasdesk_core::{Clock, Error};
use sha2::{Digest, Sha256};

/// The office certificate's SHA-256 in these tests.
const FINGERPRINT: [u8; 32] = [0x5a; 32];

/// The same code with another one-time secret: what a wrong guess looks like to the office.
fn wrong_code(code: &str) -> String {
    let secret = pairing_code::parse(code).unwrap().secret;
    let other = if secret == "AAAAAA" { "BBBBBB" } else { "AAAAAA" };
    pairing_code::compose(&FINGERPRINT, other)
}

/// Asserts a refusal on the `code` field whose message contains `says`.
fn assert_refused(result: gasdesk_core::Result<gasdesk_core::model::PairedKiosk>, says: &str) {
    match result {
        Err(Error::Invalid { field: "code", message }) => assert!(message.contains(says), "{message:?} should say {says:?}"),
        Err(other) => panic!("refused with {other:?}, not on the code field"),
        Ok(paired) => panic!("paired {:?} when it should have been refused", paired.device),
    }
}

fn audit_actions(t: &TestDesk, action: &str) -> Vec<gasdesk_core::model::AuditEntry> {
    let filter = AuditFilter { action: Some(action.into()), ..Default::default() };
    t.audit_log(&t.admin, &filter, &PageRequest::first(100)).unwrap().items
}

#[test]
fn a_kiosk_pairs_with_a_code_staff_made_and_its_token_then_names_it() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "  Counter 1 ", &FINGERPRINT).unwrap();
    assert_eq!(made.name, "Counter 1", "trimmed");
    assert_eq!(made.code.len(), 19, "XXXX-XXXX-XXXX-XXXX: {}", made.code);
    let parts = pairing_code::parse(&made.code).unwrap();
    assert!(pairing_code::matches_fingerprint(&parts.fingerprint_prefix, &FINGERPRINT), "the code carries the certificate's prefix");
    let valid_for = made.expires_at - t.clock.now();
    assert!(
        valid_for <= Duration::minutes(PAIRING_CODE_MINUTES) && valid_for > Duration::minutes(PAIRING_CODE_MINUTES) - Duration::seconds(1)
    );

    // Typed in lower case with spaces, as a person might; an empty name keeps staff's.
    let paired = t.pair_kiosk(&made.code.to_lowercase().replace('-', " "), "").unwrap();
    assert_eq!(paired.device.name, "Counter 1");
    assert_eq!(paired.device.revoked_at, None);
    assert!(paired.token.len() >= 43, "at least 256 bits: {}", paired.token);

    let seen = t.device_for_token(&paired.token).unwrap();
    assert_eq!(seen.id, paired.device.id);
    assert!(seen.last_seen_at.is_some(), "its first request is stamped");

    // A second kiosk names itself.
    let second = t.add_kiosk(&Actor::System, "Counter 2", &FINGERPRINT).unwrap();
    let named = t.pair_kiosk(&second.code, " Front desk ").unwrap();
    assert_eq!(named.device.name, "Front desk");
    assert_ne!(named.token, paired.token);
    let listed: Vec<String> = t.list_kiosks(&t.admin).unwrap().into_iter().map(|d| d.name).collect();
    assert_eq!(listed, vec!["Front desk".to_owned(), "Counter 1".to_owned()], "newest first");
}

#[test]
fn a_wrong_try_uses_one_try_of_every_open_code_and_the_last_try_still_pairs() {
    let t = memory_desk();
    let first = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    let second = t.add_kiosk(&t.admin, "Counter 2", &FINGERPRINT).unwrap();
    for _ in 0..PAIRING_CODE_TRIES - 1 {
        assert_refused(t.pair_kiosk(&wrong_code(&first.code), ""), "not right");
    }
    // One try left on each code: both still pair.
    t.pair_kiosk(&first.code, "").unwrap();
    t.pair_kiosk(&second.code, "").unwrap();
}

#[test]
fn after_five_wrong_tries_the_right_code_is_refused_too() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    let other = t.add_kiosk(&t.admin, "Counter 2", &FINGERPRINT).unwrap();
    for _ in 0..PAIRING_CODE_TRIES {
        assert_refused(t.pair_kiosk(&wrong_code(&made.code), "Guess"), "not right");
    }
    assert_refused(t.pair_kiosk(&made.code, ""), "too many times");
    // The office could not tell which code the guesses were for: the other one is spent too.
    assert_refused(t.pair_kiosk(&other.code, ""), "too many times");
    assert!(t.list_kiosks(&t.admin).unwrap().is_empty());
    // A new code works.
    let fresh = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    t.pair_kiosk(&fresh.code, "").unwrap();
}

#[test]
fn a_malformed_code_is_refused_on_its_field_without_using_a_try() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    for _ in 0..PAIRING_CODE_TRIES + 2 {
        assert_refused(t.pair_kiosk("ABCD-EFGH", ""), "16 letters and digits");
    }
    t.pair_kiosk(&made.code, "").unwrap();
}

#[test]
fn a_code_with_another_certificates_prefix_is_a_wrong_try() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    let secret = pairing_code::parse(&made.code).unwrap().secret;
    assert_refused(t.pair_kiosk(&pairing_code::compose(&[7u8; 32], &secret), ""), "not right");
    t.pair_kiosk(&made.code, "").unwrap();
}

#[test]
fn with_no_code_open_a_wrong_try_is_refused_and_writes_nothing() {
    let t = memory_desk();
    let count = || t.audit_log(&t.admin, &AuditFilter::default(), &PageRequest::first(100)).unwrap().items.len();
    let audited_before = count();
    // A stranger's code, with any certificate prefix and a name of its choosing.
    let stranger = pairing_code::compose(&[0x11; 32], "AAAAAA");
    assert_refused(t.pair_kiosk(&stranger, "'; DROP TABLE devices; --"), "not right");
    // A code made and used already: none open either.
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    t.pair_kiosk(&made.code, "").unwrap();
    let audited_after_pairing = count();
    assert_refused(t.pair_kiosk(&wrong_code(&made.code), "Intruder"), "not right");
    assert_eq!(audited_before + 2, audited_after_pairing, "only the code made and the pairing were audited");
    assert_eq!(count(), audited_after_pairing, "the wrong tries wrote nothing");
    assert!(audit_actions(&t, "kiosk.pairing_refused").is_empty());
}

#[test]
fn a_code_expires_after_ten_minutes() {
    let t = memory_desk();
    let early = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    let late = t.add_kiosk(&t.admin, "Counter 2", &FINGERPRINT).unwrap();
    t.clock.advance(Duration::minutes(PAIRING_CODE_MINUTES) - Duration::seconds(1));
    t.pair_kiosk(&early.code, "").unwrap();
    t.clock.advance(Duration::seconds(2));
    assert_refused(t.pair_kiosk(&late.code, ""), "expired");
}

#[test]
fn a_used_code_is_refused_the_second_time() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    t.pair_kiosk(&made.code, "").unwrap();
    assert_refused(t.pair_kiosk(&made.code, "Again"), "already used");
    assert_eq!(t.list_kiosks(&t.admin).unwrap().len(), 1);
}

#[test]
fn a_revoked_token_is_refused_at_once_and_unknown_tokens_always() {
    let t = memory_desk();
    let code = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap().code;
    let paired = t.pair_kiosk(&code, "").unwrap();
    let kept = t.add_kiosk(&t.admin, "Counter 2", &FINGERPRINT).unwrap().code;
    let kept = t.pair_kiosk(&kept, "").unwrap();
    t.device_for_token(&paired.token).unwrap();

    let revoked = t.revoke_kiosk(&t.admin, paired.device.id).unwrap();
    assert!(revoked.revoked_at.is_some());
    assert!(matches!(t.device_for_token(&paired.token), Err(Error::UnknownDevice)));
    // Revoking again changes nothing and says so by returning the same row.
    t.clock.advance(Duration::minutes(5));
    assert_eq!(t.revoke_kiosk(&Actor::System, paired.device.id).unwrap(), revoked);
    assert_eq!(audit_actions(&t, "kiosk.revoked").len(), 1, "the no-op is not audited");
    assert!(matches!(t.revoke_kiosk(&t.admin, 999), Err(Error::NotFound(_))));
    // The other kiosk is untouched.
    assert_eq!(t.device_for_token(&kept.token).unwrap().id, kept.device.id);

    let long = "x".repeat(10_000);
    let mut tampered = kept.token.clone();
    tampered.pop();
    tampered.push(if kept.token.ends_with('A') { 'B' } else { 'A' });
    for unknown in ["", "nope", " ", long.as_str(), tampered.as_str()] {
        assert!(matches!(t.device_for_token(unknown), Err(Error::UnknownDevice)), "{unknown:.20}");
    }
}

#[test]
fn last_seen_is_written_at_most_once_a_minute() {
    let t = memory_desk();
    let code = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap().code;
    let paired = t.pair_kiosk(&code, "").unwrap();
    assert_eq!(paired.device.last_seen_at, None);
    let first = t.device_for_token(&paired.token).unwrap().last_seen_at.unwrap();
    t.clock.advance(Duration::seconds(30));
    assert_eq!(t.device_for_token(&paired.token).unwrap().last_seen_at, Some(first), "not written again within the minute");
    t.clock.advance(Duration::seconds(31));
    let later = t.device_for_token(&paired.token).unwrap().last_seen_at.unwrap();
    assert!(later - first > Duration::seconds(60), "{first} then {later}");
    assert_eq!(t.list_kiosks(&t.admin).unwrap()[0].last_seen_at, Some(later), "the list shows it");
}

#[test]
fn only_hashes_of_the_token_and_the_secret_are_stored_anywhere_in_the_file() {
    let (_dir, path) = temp_db();
    let t = file_desk(&path);
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    let secret = pairing_code::parse(&made.code).unwrap().secret;
    let paired = t.pair_kiosk(&made.code, "").unwrap();
    t.device_for_token(&paired.token).unwrap();

    let conn = rusqlite::Connection::open(&path).unwrap();
    let token_hash: String = conn.query_row("SELECT token_hash FROM devices", [], |r| r.get(0)).unwrap();
    assert_eq!(token_hash, data_encoding::HEXLOWER.encode(&Sha256::digest(paired.token.as_bytes())));
    let secret_hash: String = conn.query_row("SELECT secret_hash FROM pairing_codes", [], |r| r.get(0)).unwrap();
    assert_eq!(secret_hash, data_encoding::HEXLOWER.encode(&Sha256::digest(secret.as_bytes())));
    drop(conn);
    drop(t);
    // Neither the token nor the code is anywhere in the database or its log, audit included.
    for file in [path.clone(), path.with_extension("db-wal")] {
        let Ok(bytes) = std::fs::read(&file) else { continue };
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(&paired.token), "the token is in {}", file.display());
        assert!(!text.contains(made.code.as_str()), "the code is in {}", file.display());
        assert!(!text.contains(&format!("\"{secret}\"")), "the secret is in {}", file.display());
    }
}

#[test]
fn every_change_is_audited_with_the_device_name_and_never_the_token() {
    let t = memory_desk();
    let made = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap();
    assert_refused(t.pair_kiosk(&wrong_code(&made.code), "Intruder"), "not right");
    let paired = t.pair_kiosk(&made.code, "").unwrap();
    t.revoke_kiosk(&t.admin, paired.device.id).unwrap();

    let code_made = audit_actions(&t, "kiosk.code_made");
    assert_eq!(code_made.len(), 1);
    assert_eq!((code_made[0].actor_name.as_str(), code_made[0].entity.as_str()), ("admin", "pairing_code"));
    let refused = audit_actions(&t, "kiosk.pairing_refused");
    assert_eq!(refused.len(), 1);
    let refused_after = refused[0].after.as_deref().unwrap();
    assert!(refused_after.contains("Intruder") && refused_after.contains("\"codes_charged_a_try\":1"), "{refused_after}");
    let paired_entries = audit_actions(&t, "kiosk.paired");
    assert_eq!(paired_entries.len(), 1);
    assert_eq!((paired_entries[0].entity.as_str(), paired_entries[0].entity_id), ("device", Some(paired.device.id)));
    assert!(paired_entries[0].after.as_deref().unwrap().contains("Counter 1"));
    let revoked = audit_actions(&t, "kiosk.revoked");
    assert_eq!((revoked.len(), revoked[0].actor_name.as_str()), (1, "admin"));
    assert!(revoked[0].before.as_deref().unwrap().contains("\"revoked_at\":null"));

    let everything = t.audit_log(&t.admin, &AuditFilter::default(), &PageRequest::first(100)).unwrap().items;
    let secret = pairing_code::parse(&made.code).unwrap().secret;
    for entry in everything {
        let text = format!("{:?} {:?}", entry.before, entry.after);
        assert!(!text.contains(&paired.token) && !text.contains(&secret) && !text.contains(&made.code), "{}: {text}", entry.action);
    }
}

#[test]
fn customers_cannot_add_list_or_revoke_kiosks_and_nothing_changes() {
    let t = memory_desk();
    let asha = t.customer("asha");
    let code = t.add_kiosk(&t.admin, "Counter 1", &FINGERPRINT).unwrap().code;
    let paired = t.pair_kiosk(&code, "").unwrap();
    assert!(matches!(t.add_kiosk(&asha, "Mine", &FINGERPRINT), Err(Error::Forbidden)));
    assert!(matches!(t.list_kiosks(&asha), Err(Error::Forbidden)));
    assert!(matches!(t.list_kiosks(&Actor::System), Err(Error::Forbidden)), "the list is a staff screen");
    assert!(matches!(t.revoke_kiosk(&asha, paired.device.id), Err(Error::Forbidden)));
    assert!(t.device_for_token(&paired.token).is_ok(), "still paired");
    assert_eq!(audit_actions(&t, "kiosk.code_made").len(), 1);
}

#[test]
fn a_kiosk_name_is_one_to_sixty_characters_on_one_line() {
    let t = memory_desk();
    for bad in ["", "   ", &"n".repeat(61), "two\nlines"] {
        assert!(matches!(t.add_kiosk(&t.admin, bad, &FINGERPRINT), Err(Error::Invalid { field: "name", .. })), "{bad:?}");
    }
    t.add_kiosk(&t.admin, &"n".repeat(60), &FINGERPRINT).unwrap();
    let code = t.add_kiosk(&t.admin, "Counter", &FINGERPRINT).unwrap().code;
    assert!(matches!(t.pair_kiosk(&code, &"n".repeat(61)), Err(Error::Invalid { field: "name", .. })));
    t.pair_kiosk(&code, "Counter at the gate").unwrap();
}

#[test]
fn the_lan_server_settings_default_to_off_on_7443_and_are_checked() {
    let t = memory_desk();
    let s = t.settings(&t.admin).unwrap();
    assert_eq!((s.serve_kiosks, s.kiosk_port), (false, 7443));
    for port in [0, 80, 1023, 65_536] {
        let refused = t.update_settings(&t.admin, &Settings { kiosk_port: port, ..s.clone() }).unwrap_err();
        assert!(matches!(refused, Error::Invalid { field: "kiosk_port", .. }), "{port}: {refused:?}");
    }
    let saved = t.update_settings(&t.admin, &Settings { serve_kiosks: true, kiosk_port: 8443, ..s }).unwrap();
    assert_eq!((saved.serve_kiosks, saved.kiosk_port), (true, 8443));
    let read = t.settings(&t.admin).unwrap();
    assert_eq!((read.serve_kiosks, read.kiosk_port), (true, 8443));
    let turned_off = t.update_settings(&t.admin, &Settings { serve_kiosks: false, ..read }).unwrap();
    assert!(!turned_off.serve_kiosks);
}
