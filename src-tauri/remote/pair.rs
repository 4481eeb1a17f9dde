//! Pairing a kiosk PC with the office (decision 0015). Staff press "Add kiosk" and read out a
//! code; its first 10 characters name the office's certificate, the last 6 are a one-time
//! secret. The kiosk finds the office (the address typed, or mDNS), and the TLS handshake must
//! show a certificate matching the code before a single byte of request is sent: a stranger
//! on the LAN never sees the code's secret. The office then checks the secret and answers with
//! the kiosk's device token; the kiosk keeps the full fingerprint of the certificate it saw and
//! trusts only that one from then on.
use crate::api::wire::{self, PairReply, PairRequest};
use crate::api::IpcError;
use crate::remote::client::{check_api, office_url, pinned_http_client, read_answer, ClientTimeouts, NoAnswer};
use crate::remote::discovery::{self, FoundOffice};
use crate::remote::pairing_file::KioskPairing;
use crate::remote::pinning::{fingerprint_hex, Pin, PinnedVerifier};
use gasdesk_core::domain::pairing_code;
use gasdesk_core::error::{ErrorCode, ErrorPayload};
use gasdesk_core::Error;
use std::time::Duration;

/// What `gasdesk pair` was given.
#[derive(Debug, Clone)]
pub struct PairOptions {
    /// `ADDR:PORT` of the office; `None` finds it by mDNS.
    pub server: Option<String>,
    /// The code as typed.
    pub code: String,
    /// The kiosk's name; empty keeps the one staff gave with the code.
    pub name: String,
    /// How long to browse for the office when no address is given.
    pub browse: Duration,
}

impl PairOptions {
    pub fn new(server: Option<String>, code: &str, name: &str) -> PairOptions {
        PairOptions { server, code: code.to_owned(), name: name.to_owned(), browse: discovery::DEFAULT_BROWSE }
    }
}

/// A pairing made, and how the office was found.
#[derive(Debug, Clone)]
pub struct Paired {
    pub pairing: KioskPairing,
    /// The office was found by mDNS rather than given.
    pub discovered: bool,
}

fn refusal(code: ErrorCode, message: String, field: Option<&str>) -> IpcError {
    IpcError(ErrorPayload::plain(code, message, field))
}

/// Pairs with the office; the caller stores the pairing (`pairing_file::save`).
pub async fn pair(options: &PairOptions) -> Result<Paired, IpcError> {
    let parts = pairing_code::parse(&options.code).map_err(|e| IpcError(e.payload()))?;
    match &options.server {
        Some(server) => Ok(Paired { pairing: pair_at(server, &parts, options).await?, discovered: false }),
        None => {
            let prefix = parts.fingerprint_prefix.clone();
            let browse = options.browse;
            let found = tokio::task::spawn_blocking(move || discovery::find_office_for_code(&prefix, browse))
                .await
                .map_err(|e| IpcError(Error::Internal(format!("discovery: {e}")).payload()))?
                .map_err(|e| refusal(ErrorCode::OfficeOffline, format!("{e}. Give the office's address with --server ADDR:PORT."), None))?;
            pair_with_found(&found, &parts, options).await
        }
    }
}

/// Tries each office mDNS found for the code, address by address, until one pairs or refuses.
async fn pair_with_found(found: &[FoundOffice], parts: &pairing_code::PairingCodeParts, options: &PairOptions) -> Result<Paired, IpcError> {
    let mut last = None;
    for address in found.iter().flat_map(|office| office.addresses.iter().map(move |ip| (ip, office.port))) {
        let server = match address.0 {
            std::net::IpAddr::V4(v4) => format!("{v4}:{}", address.1),
            std::net::IpAddr::V6(v6) => format!("[{v6}]:{}", address.1),
        };
        match pair_at(&server, parts, options).await {
            Ok(pairing) => return Ok(Paired { pairing, discovered: true }),
            // Only "could not reach it" moves on to the next address; a refusal is final.
            Err(e) if e.0.code == ErrorCode::OfficeOffline => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        refusal(
            ErrorCode::OfficeOffline,
            format!(
                "No office with this code's certificate answered on this network within {} seconds. Check that the office runs \
                 \"serve kiosks on this network\", or give its address: gasdesk pair --server ADDR:PORT --code CODE",
                options.browse.as_secs()
            ),
            None,
        )
    }))
}

async fn pair_at(server: &str, parts: &pairing_code::PairingCodeParts, options: &PairOptions) -> Result<KioskPairing, IpcError> {
    let base = office_url(server)?;
    let verifier = PinnedVerifier::new(Pin::CodePrefix(parts.fingerprint_prefix.clone()));
    let http = pinned_http_client(verifier.clone(), &ClientTimeouts::default())?;
    let url = |path: &str| base.join(path).map_err(|e| IpcError(Error::Internal(format!("{path}: {e}")).payload()));
    let no_answer = |no: NoAnswer| {
        if verifier.accepted().is_none() && verifier.refused().is_some() {
            refusal(
                ErrorCode::Invalid,
                format!(
                    "The computer at {server} is not the office this code was made for: its certificate does not match the code. \
                     Check the code and the address. Nothing was sent to it."
                ),
                Some("code"),
            )
        } else {
            refusal(ErrorCode::OfficeOffline, format!("The office at {server} cannot be reached ({}).", no.detail), None)
        }
    };

    let answer = match http.get(url(wire::HEALTH_PATH)?).send().await {
        Ok(response) => read_answer(response).await,
        Err(e) => Err(NoAnswer::from(e)),
    };
    let health: wire::Health = serde_json::from_value(answer.map_err(no_answer)??)
        .map_err(|e| IpcError(Error::Internal(format!("the office's health answer: {e}")).payload()))?;
    check_api(&health)?;

    let request = PairRequest { code: options.code.trim().to_owned(), name: options.name.trim().to_owned() };
    let answer = match http.post(url(wire::PAIR_PATH)?).json(&request).send().await {
        Ok(response) => read_answer(response).await,
        Err(e) => Err(NoAnswer::from(e)),
    };
    let reply: PairReply = serde_json::from_value(answer.map_err(no_answer)??)
        .map_err(|e| IpcError(Error::Internal(format!("the office's pairing answer: {e}")).payload()))?;
    let fingerprint =
        verifier.accepted().ok_or_else(|| IpcError(Error::Internal("paired without seeing the office's certificate".into()).payload()))?;
    Ok(KioskPairing {
        office: server.to_owned(),
        fingerprint: fingerprint_hex(&fingerprint),
        device_id: reply.device_id,
        device_token: reply.device_token,
        name: reply.name,
        agency_name: health.agency_name,
        emergency_helpline: health.emergency_helpline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::remote::test_office::{health_json, self_signed, Answer, Seen, TestOffice};
    use std::sync::Arc;

    fn code_for(fingerprint: &[u8; 32]) -> String {
        pairing_code::compose(fingerprint, "ABCDEF")
    }

    async fn office_answering_pair() -> TestOffice {
        let script = |seen: &Seen, _| match seen.path.as_str() {
            "/v1/health" => Answer::Reply(200, health_json(wire::API_VERSION)),
            "/v1/pair" => {
                let request: serde_json::Value = serde_json::from_str(&seen.body).unwrap_or_default();
                let name = request["name"].as_str().filter(|n| !n.is_empty()).unwrap_or("Kiosk 1").to_owned();
                Answer::Reply(200, serde_json::json!({"device_id": 12, "device_token": "fresh-token", "name": name}).to_string())
            }
            _ => Answer::Reply(404, String::new()),
        };
        TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await
    }

    #[tokio::test]
    async fn pairing_with_the_office_the_code_names_records_its_full_fingerprint_and_token() {
        let office = office_answering_pair().await;
        let code = code_for(&office.fingerprint());
        let paired = pair(&PairOptions::new(Some(office.address()), &code.to_lowercase(), "Counter 2")).await.expect("paired");
        assert!(!paired.discovered);
        let pairing = paired.pairing;
        assert_eq!(pairing.fingerprint, fingerprint_hex(&office.fingerprint()), "the full fingerprint, not the prefix");
        assert_eq!((pairing.device_id, pairing.device_token.as_str(), pairing.name.as_str()), (12, "fresh-token", "Counter 2"));
        assert_eq!((pairing.agency_name.as_str(), pairing.emergency_helpline.as_str()), ("Test Gas Agency", "1906"));
        assert_eq!(pairing.office, office.address());
        let sent = office.requests();
        assert_eq!(sent.iter().map(|s| s.path.as_str()).collect::<Vec<_>>(), vec!["/v1/health", "/v1/pair"]);
        let request: PairRequest = serde_json::from_str(&sent[1].body).expect("a pair request");
        assert_eq!(request.code, code.to_lowercase());
    }

    #[tokio::test]
    async fn a_computer_whose_certificate_does_not_match_the_code_is_refused_before_anything_is_sent() {
        let office = office_answering_pair().await;
        let code = code_for(&self_signed().fingerprint);
        let refused = pair(&PairOptions::new(Some(office.address()), &code, "")).await.expect_err("refused");
        assert_eq!((refused.0.code, refused.0.field.as_deref()), (ErrorCode::Invalid, Some("code")));
        assert!(refused.0.message.contains("not the office this code was made for"), "{}", refused.0.message);
        assert!(office.requests().is_empty(), "not even the health check reached it");
    }

    #[tokio::test]
    async fn an_office_with_another_api_major_is_refused_with_update_this_kiosk() {
        let script = |_: &Seen, _| Answer::Reply(200, health_json("3.0"));
        let office = TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await;
        let refused = pair(&PairOptions::new(Some(office.address()), &code_for(&office.fingerprint()), "")).await.expect_err("refused");
        assert_eq!(refused.0.code, ErrorCode::UpdateKiosk);
        assert_eq!(office.requests().len(), 1, "the code's secret is not sent to an office this kiosk cannot work with");
    }

    #[tokio::test]
    async fn the_office_s_refusal_of_the_code_is_passed_on() {
        let script = |seen: &Seen, _| match seen.path.as_str() {
            "/v1/health" => Answer::Reply(200, health_json(wire::API_VERSION)),
            _ => Answer::Reply(400, r#"{"code":"Invalid","message":"This code is wrong or has expired.","field":"code"}"#.into()),
        };
        let office = TestOffice::start_scripted(self_signed(), "127.0.0.1:0".parse().expect("addr"), Arc::new(script)).await;
        let refused = pair(&PairOptions::new(Some(office.address()), &code_for(&office.fingerprint()), "")).await.expect_err("refused");
        assert_eq!(refused.0.message, "This code is wrong or has expired.");
    }

    #[tokio::test]
    async fn a_malformed_code_is_refused_on_its_field_without_any_network() {
        let refused = pair(&PairOptions::new(Some("127.0.0.1:9".into()), "ABCD-12", "")).await.expect_err("refused");
        assert_eq!((refused.0.code, refused.0.field.as_deref()), (ErrorCode::Invalid, Some("code")));
    }
}
