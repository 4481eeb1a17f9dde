//! Trust in the office is one certificate (decision 0015). The office makes a self-signed
//! certificate on first start; a kiosk learns its SHA-256 fingerprint at pairing, from the prefix
//! the pairing code carries, and from then on accepts that certificate and no other, ever: no
//! certificate authority, no host name, no expiry date is consulted (the office's address on a
//! shop's LAN changes, and nobody at an agency renews certificates). The handshake's signatures
//! are still checked with the ring provider's algorithms, so only the holder of the certificate's
//! private key can answer.
use gasdesk_core::domain::pairing_code;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{ring, verify_tls12_signature, verify_tls13_signature, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, ClientConfig, DigitallySignedStruct, SignatureScheme};
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

/// A certificate's SHA-256, over its DER bytes.
pub type Fingerprint = [u8; 32];

/// The SHA-256 of a certificate's DER bytes.
pub fn fingerprint_of(certificate_der: &[u8]) -> Fingerprint {
    Sha256::digest(certificate_der).into()
}

/// A fingerprint as the pairing file keeps it: 64 lowercase hex digits.
pub fn fingerprint_hex(fingerprint: &Fingerprint) -> String {
    data_encoding::HEXLOWER.encode(fingerprint)
}

/// Reads [`fingerprint_hex`]'s text back (either case); `None` unless it is 32 bytes of hex.
pub fn parse_fingerprint_hex(text: &str) -> Option<Fingerprint> {
    let bytes = data_encoding::HEXLOWER_PERMISSIVE.decode(text.trim().as_bytes()).ok()?;
    bytes.try_into().ok()
}

/// Which certificate is trusted.
#[derive(Clone, PartialEq, Eq)]
pub enum Pin {
    /// A paired kiosk: exactly the certificate with this fingerprint.
    Fingerprint(Fingerprint),
    /// Pairing: a certificate whose fingerprint begins with the prefix the code carries
    /// (`pairing_code::matches_fingerprint`). The first one accepted is then the only one
    /// accepted for the rest of the pairing, and is the one the pairing file records.
    CodePrefix(String),
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pin::Fingerprint(fp) => write!(f, "Fingerprint({})", fingerprint_hex(fp)),
            Pin::CodePrefix(prefix) => write!(f, "CodePrefix({prefix})"),
        }
    }
}

/// What the verifier has seen, for the caller to read after a request.
#[derive(Debug, Default)]
struct Seen {
    /// The certificate accepted (pairing: the one to record).
    accepted: Option<Fingerprint>,
    /// The last certificate refused, to tell "another computer answered" from "no answer".
    refused: Option<Fingerprint>,
}

/// The custom verifier: accepts only the pinned certificate. Share it (`Arc`) between the
/// `ClientConfig` and whoever needs to know what it saw.
pub struct PinnedVerifier {
    pin: Pin,
    algorithms: WebPkiSupportedAlgorithms,
    seen: Mutex<Seen>,
}

impl fmt::Debug for PinnedVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PinnedVerifier").field("pin", &self.pin).finish_non_exhaustive()
    }
}

impl PinnedVerifier {
    pub fn new(pin: Pin) -> Arc<PinnedVerifier> {
        Arc::new(PinnedVerifier {
            pin,
            algorithms: ring::default_provider().signature_verification_algorithms,
            seen: Mutex::new(Seen::default()),
        })
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The certificate this verifier accepted, if any handshake got that far.
    pub fn accepted(&self) -> Option<Fingerprint> {
        self.seen().accepted
    }

    /// The last certificate refused: some computer answered at the address with another one.
    pub fn refused(&self) -> Option<Fingerprint> {
        self.seen().refused
    }

    /// Is the certificate with `fingerprint` the trusted one?
    fn trusts(&self, fingerprint: &Fingerprint) -> bool {
        match &self.pin {
            Pin::Fingerprint(pinned) => pinned == fingerprint,
            Pin::CodePrefix(prefix) => match self.seen().accepted {
                // Once one certificate matched, a second one matching the same 50 bits is a
                // stranger trying its luck: pairing sticks to the first.
                Some(first) => first == *fingerprint,
                None => pairing_code::matches_fingerprint(prefix, fingerprint),
            },
        }
    }
}

impl ServerCertVerifier for PinnedVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let fingerprint = fingerprint_of(end_entity.as_ref());
        if self.trusts(&fingerprint) {
            self.seen().accepted = Some(fingerprint);
            Ok(ServerCertVerified::assertion())
        } else {
            self.seen().refused = Some(fingerprint);
            Err(rustls::Error::InvalidCertificate(CertificateError::ApplicationVerificationFailure))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}

/// A rustls client configuration with the ring provider (never aws-lc) that trusts only what
/// `verifier` accepts and offers no client certificate.
pub fn client_config(verifier: Arc<PinnedVerifier>) -> Result<ClientConfig, rustls::Error> {
    Ok(ClientConfig::builder_with_provider(Arc::new(ring::default_provider()))
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::test_office::{self_signed, TestOffice};

    #[test]
    fn fingerprints_round_trip_through_hex() {
        let fp = fingerprint_of(b"a certificate");
        let hex = fingerprint_hex(&fp);
        assert_eq!(hex.len(), 64);
        assert_eq!(parse_fingerprint_hex(&hex), Some(fp));
        assert_eq!(parse_fingerprint_hex(&hex.to_uppercase()), Some(fp));
        assert_eq!(parse_fingerprint_hex(&hex[..62]), None, "31 bytes");
        assert_eq!(parse_fingerprint_hex("zz"), None);
    }

    #[test]
    fn the_fingerprint_pin_trusts_only_its_certificate() {
        let (office, stranger) = (self_signed(), self_signed());
        let verifier = PinnedVerifier::new(Pin::Fingerprint(office.fingerprint));
        assert!(verifier.trusts(&office.fingerprint));
        assert!(!verifier.trusts(&stranger.fingerprint));
    }

    #[test]
    fn the_code_prefix_pin_sticks_to_the_first_matching_certificate() {
        let office = self_signed();
        let prefix = pairing_code::fingerprint_prefix(&office.fingerprint);
        let verifier = PinnedVerifier::new(Pin::CodePrefix(prefix));
        let mut same_prefix_other_cert = office.fingerprint;
        same_prefix_other_cert[31] ^= 1; // beyond the 50 bits the code carries
        assert!(verifier.trusts(&same_prefix_other_cert), "the prefix alone matches");
        assert!(!verifier.trusts(&self_signed().fingerprint), "another certificate's prefix");
        verifier.seen().accepted = Some(office.fingerprint);
        assert!(!verifier.trusts(&same_prefix_other_cert), "after the first, only the first");
        assert!(verifier.trusts(&office.fingerprint));
    }

    async fn get_health(verifier: Arc<PinnedVerifier>, office: &TestOffice) -> reqwest::Result<reqwest::Response> {
        let config = client_config(verifier).expect("a client config");
        let client = reqwest::Client::builder().tls_backend_preconfigured(config).build().expect("a client");
        client.get(format!("{}/v1/health", office.base_url())).send().await
    }

    #[tokio::test]
    async fn a_handshake_with_the_pinned_certificate_succeeds_and_any_other_is_refused() {
        let office = TestOffice::start(self_signed()).await;
        let pinned = PinnedVerifier::new(Pin::Fingerprint(office.fingerprint()));
        let reply = get_health(pinned.clone(), &office).await.expect("the pinned office answers");
        assert!(reply.status().is_success());
        assert_eq!(pinned.accepted(), Some(office.fingerprint()));
        assert_eq!(office.requests().len(), 1);

        let other = PinnedVerifier::new(Pin::Fingerprint(self_signed().fingerprint));
        let refused = get_health(other.clone(), &office).await.expect_err("another pin refuses this office");
        assert!(refused.is_connect(), "refused in the handshake: {refused:?}");
        assert_eq!(other.refused(), Some(office.fingerprint()));
        assert_eq!(other.accepted(), None);
        assert_eq!(office.requests().len(), 1, "no request reached the office over a refused handshake");
    }
}
