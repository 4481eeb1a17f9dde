//! The office certificate: made once beside the database, reused afterwards (its fingerprint is
//! what kiosks pin), its key owner-only.
use crate::server::{fingerprint_of, OfficeCertificate, ServerError, CERTIFICATE_FILE, KEY_FILE};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;

#[test]
fn the_certificate_is_made_on_the_first_start_and_the_same_one_is_used_afterwards() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    let made = OfficeCertificate::load_or_create(&db).expect("made");
    assert!(dir.path().join(CERTIFICATE_FILE).is_file() && dir.path().join(KEY_FILE).is_file());
    let again = OfficeCertificate::load_or_create(&db).expect("loaded");
    assert_eq!(made.fingerprint(), again.fingerprint(), "the fingerprint kiosks pin does not change on restart");
    assert_eq!(made.fingerprint_hex().len(), 64);

    let on_disk = CertificateDer::from_pem_file(dir.path().join(CERTIFICATE_FILE)).expect("the PEM file");
    assert_eq!(fingerprint_of(on_disk.as_ref()), made.fingerprint(), "the fingerprint is the SHA-256 of the DER");
    assert_eq!(made.certificate_der(), on_disk.as_ref());
    made.server_config().expect("a rustls server configuration");

    // Another office (another folder) has another certificate.
    let other = tempfile::tempdir().expect("a temporary folder");
    let theirs = OfficeCertificate::load_or_create(&other.path().join("gasdesk.db")).expect("made");
    assert_ne!(theirs.fingerprint(), made.fingerprint());
}

#[cfg(unix)]
#[test]
fn the_key_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    OfficeCertificate::load_or_create(&dir.path().join("gasdesk.db")).expect("made");
    let mode = std::fs::metadata(dir.path().join(KEY_FILE)).expect("the key file").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
}

#[test]
fn a_certificate_without_its_key_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    let made = OfficeCertificate::load_or_create(&db).expect("made");
    std::fs::remove_file(dir.path().join(KEY_FILE)).expect("key removed");
    let refused = OfficeCertificate::load_or_create(&db).expect_err("no key, no server");
    assert!(matches!(refused, ServerError::Certificate { .. }), "{refused:?}");
    assert!(refused.to_string().contains("paired again"), "{refused}");
    // The certificate kiosks pinned was not replaced behind their back.
    let on_disk = CertificateDer::from_pem_file(dir.path().join(CERTIFICATE_FILE)).expect("still there");
    assert_eq!(fingerprint_of(on_disk.as_ref()), made.fingerprint());
}

#[test]
fn a_key_left_without_its_certificate_by_an_interrupted_first_start_is_replaced() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = dir.path().join("gasdesk.db");
    OfficeCertificate::load_or_create(&db).expect("made");
    std::fs::remove_file(dir.path().join(CERTIFICATE_FILE)).expect("certificate removed");
    let made = OfficeCertificate::load_or_create(&db).expect("made again");
    assert!(dir.path().join(CERTIFICATE_FILE).is_file());
    assert_eq!(OfficeCertificate::load_or_create(&db).expect("loaded").fingerprint(), made.fingerprint());
}

#[test]
fn a_key_that_is_not_the_certificates_is_refused_at_start() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let other = tempfile::tempdir().expect("a temporary folder");
    OfficeCertificate::load_or_create(&dir.path().join("gasdesk.db")).expect("made");
    OfficeCertificate::load_or_create(&other.path().join("gasdesk.db")).expect("made");
    std::fs::copy(other.path().join(KEY_FILE), dir.path().join(KEY_FILE)).expect("a foreign key");
    let refused = OfficeCertificate::load_or_create(&dir.path().join("gasdesk.db")).expect_err("mismatched key");
    assert!(matches!(refused, ServerError::Certificate { .. }), "{refused:?}");
}
