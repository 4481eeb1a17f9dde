//! Finding the office on the LAN by mDNS (`_gasdesk._tcp`), so a kiosk can pair with just the
//! code. What a browse finds is only a hint: trust comes from the certificate the pairing code
//! names (`pinning.rs`), never from an mDNS answer, which anyone on the LAN can send.
use crate::api::wire::MDNS_SERVICE;
use gasdesk_core::domain::pairing_code;
use mdns_sd::{ServiceDaemon, ServiceEvent};
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// How long `gasdesk pair` listens for offices when no address is given.
pub const DEFAULT_BROWSE: Duration = Duration::from_secs(4);

/// An office that answered the browse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundOffice {
    /// The mDNS instance name (`<name>._gasdesk._tcp.local.`).
    pub instance: String,
    /// Its addresses, LAN IPv4 first, loopback last; IPv6 link-local ones are left out (they
    /// need an interface).
    pub addresses: Vec<IpAddr>,
    pub port: u16,
    /// TXT `api`: the office's API version.
    pub api: Option<String>,
    /// TXT `fp`: the prefix of its certificate's fingerprint, as a pairing code carries it.
    pub fingerprint_prefix: Option<String>,
}

impl FoundOffice {
    /// `ADDR:PORT` for the first address, as `--server` takes it.
    pub fn address(&self) -> Option<String> {
        self.addresses.first().map(|ip| match ip {
            IpAddr::V4(v4) => format!("{v4}:{}", self.port),
            IpAddr::V6(v6) => format!("[{v6}]:{}", self.port),
        })
    }

    /// Does this office say its certificate is the one the code names? (Checked again, for
    /// real, in the TLS handshake.) `fp` may be the code's prefix or the full hex fingerprint.
    pub fn matches_code_prefix(&self, code_prefix: &str) -> bool {
        let Some(fp) = self.fingerprint_prefix.as_deref() else { return false };
        if fp.eq_ignore_ascii_case(code_prefix) {
            return true;
        }
        crate::remote::pinning::parse_fingerprint_hex(fp).is_some_and(|full| pairing_code::matches_fingerprint(code_prefix, &full))
    }
}

#[derive(Debug, thiserror::Error)]
#[error("mDNS discovery could not start on this computer: {0}")]
pub struct DiscoveryError(String);

/// Once `enough` is satisfied, how long the browse goes on: an office's addresses arrive one
/// answer at a time (IPv6 first, often), and the first answer may lack the one that works.
const MORE_ADDRESSES: Duration = Duration::from_millis(800);

/// Browses for `wait` and returns every office found (each once, with every address it
/// answered with), stopping a moment after `enough` says the ones found so far will do.
pub fn browse(wait: Duration, enough: impl Fn(&[FoundOffice]) -> bool) -> Result<Vec<FoundOffice>, DiscoveryError> {
    let daemon = ServiceDaemon::new().map_err(|e| DiscoveryError(e.to_string()))?;
    let events = daemon.browse(MDNS_SERVICE).map_err(|e| DiscoveryError(e.to_string()))?;
    let mut deadline = Instant::now() + wait;
    let mut satisfied = false;
    let mut found: Vec<FoundOffice> = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        let Ok(event) = events.recv_timeout(left) else { break };
        if let ServiceEvent::ServiceResolved(service) = event {
            let office = FoundOffice::from_resolved(&service);
            if office.addresses.is_empty() {
                continue;
            }
            merge(&mut found, office);
            if !satisfied && enough(&found) {
                satisfied = true;
                deadline = deadline.min(Instant::now() + MORE_ADDRESSES);
            }
        }
    }
    // The daemon's thread is told to stop; a failure to say so only leaves it to the process exit.
    let _ = daemon.stop_browse(MDNS_SERVICE);
    let _ = daemon.shutdown();
    Ok(found)
}

/// LAN addresses before loopback (a kiosk stores the address for good), IPv4 before IPv6.
fn address_preference(ip: &IpAddr) -> (bool, bool, IpAddr) {
    (ip.is_loopback(), ip.is_ipv6(), *ip)
}

/// Adds `office` to `found`, or its new addresses to the entry of the same instance.
fn merge(found: &mut Vec<FoundOffice>, office: FoundOffice) {
    match found.iter_mut().find(|known| known.instance == office.instance) {
        Some(known) => {
            for ip in office.addresses {
                if !known.addresses.contains(&ip) {
                    known.addresses.push(ip);
                }
            }
            known.addresses.sort_by_key(address_preference);
            known.port = office.port;
            known.api = office.api.or(known.api.take());
            known.fingerprint_prefix = office.fingerprint_prefix.or(known.fingerprint_prefix.take());
        }
        None => found.push(office),
    }
}

/// Browses for up to `wait` for the office whose certificate the pairing code names.
pub fn find_office_for_code(code_prefix: &str, wait: Duration) -> Result<Vec<FoundOffice>, DiscoveryError> {
    let found = browse(wait, |found| found.iter().any(|office| office.matches_code_prefix(code_prefix)))?;
    Ok(found.into_iter().filter(|office| office.matches_code_prefix(code_prefix)).collect())
}

impl FoundOffice {
    fn from_resolved(service: &mdns_sd::ResolvedService) -> FoundOffice {
        let mut addresses: Vec<IpAddr> = service
            .addresses
            .iter()
            .map(|scoped| scoped.to_ip_addr())
            .filter(|ip| match ip {
                IpAddr::V4(_) => true,
                IpAddr::V6(v6) => !v6.is_unicast_link_local(),
            })
            .collect();
        addresses.sort_by_key(address_preference);
        FoundOffice {
            instance: service.fullname.clone(),
            addresses,
            port: service.port,
            api: service.txt_properties.get_property_val_str("api").map(str::to_owned),
            fingerprint_prefix: service.txt_properties.get_property_val_str("fp").map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn office(fp: Option<&str>) -> FoundOffice {
        FoundOffice {
            instance: "office._gasdesk._tcp.local.".into(),
            addresses: vec![IpAddr::V4(Ipv4Addr::new(192, 168, 1, 10))],
            port: 7443,
            api: Some("1.0".into()),
            fingerprint_prefix: fp.map(str::to_owned),
        }
    }

    #[test]
    fn answers_about_one_office_add_up_to_all_its_addresses_lan_ipv4_first_loopback_last() {
        let mut found = Vec::new();
        let mut v6 = office(Some("AAAA"));
        v6.addresses = vec!["fd00::2".parse().expect("ip")];
        merge(&mut found, v6.clone());
        merge(&mut found, office(Some("AAAA")));
        let mut loopback = office(Some("AAAA"));
        loopback.addresses = vec!["127.0.0.1".parse().expect("ip")];
        merge(&mut found, loopback);
        merge(&mut found, v6);
        assert_eq!(found.len(), 1);
        let expected: Vec<IpAddr> = ["192.168.1.10", "fd00::2", "127.0.0.1"].iter().map(|ip| ip.parse().expect("ip")).collect();
        assert_eq!(found[0].addresses, expected);
        assert_eq!(found[0].address().as_deref(), Some("192.168.1.10:7443"));
    }

    #[test]
    fn an_office_matches_the_code_by_its_certificate_prefix_in_either_form() {
        let fingerprint = [0x5Au8; 32];
        let prefix = pairing_code::fingerprint_prefix(&fingerprint);
        assert!(office(Some(&prefix)).matches_code_prefix(&prefix));
        assert!(office(Some(&prefix.to_lowercase())).matches_code_prefix(&prefix));
        assert!(office(Some(&crate::remote::pinning::fingerprint_hex(&fingerprint))).matches_code_prefix(&prefix), "full hex");
        assert!(!office(Some(&pairing_code::fingerprint_prefix(&[1u8; 32]))).matches_code_prefix(&prefix));
        assert!(!office(None).matches_code_prefix(&prefix), "no fp advertised");
        assert_eq!(office(None).address().as_deref(), Some("192.168.1.10:7443"));
    }

    /// Publishes an office with mdns-sd and browses for it, over whatever multicast this
    /// machine has. Where multicast does not work (some containers) it says so and stops.
    #[test]
    fn a_published_office_is_found_with_its_address_and_certificate_prefix() {
        let Ok(publisher) = ServiceDaemon::new() else {
            eprintln!("skipped: no mDNS daemon can start here");
            return;
        };
        let prefix = pairing_code::fingerprint_prefix(&[0x33u8; 32]);
        let instance = format!("gasdesk-test-{}", std::process::id());
        let properties = [("api", "1.0"), ("fp", prefix.as_str())];
        let Ok(info) = mdns_sd::ServiceInfo::new(MDNS_SERVICE, &instance, "gasdesk-test.local.", "127.0.0.1", 7443, &properties[..]) else {
            panic!("the service info is well formed");
        };
        if publisher.register(info.enable_addr_auto()).is_err() {
            eprintln!("skipped: mDNS cannot publish here");
            return;
        }
        let found = find_office_for_code(&prefix, Duration::from_secs(5)).expect("browsing starts");
        let _ = publisher.shutdown();
        if found.is_empty() {
            eprintln!("skipped: nothing came back over multicast on this machine (no multicast route?)");
            return;
        }
        let office = found.iter().find(|o| o.instance.starts_with(&instance)).expect("our office among those found");
        assert_eq!(office.port, 7443);
        assert_eq!(office.api.as_deref(), Some("1.0"));
        assert!(office.matches_code_prefix(&prefix));
        assert!(!office.addresses.is_empty());
    }
}
