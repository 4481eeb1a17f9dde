//! The office's mDNS advertisement (`_gasdesk._tcp`), so a kiosk being paired finds it without
//! anyone typing an address. The TXT record carries the API version and the certificate
//! fingerprint's prefix (the one the pairing code carries), so a kiosk picks the office its
//! code belongs to when there are several. Discovery is a convenience: any failure here is
//! logged and the server goes on (a kiosk can always be given the address).
use crate::api::wire::{API_VERSION, MDNS_SERVICE};
use gasdesk_core::domain::pairing_code::fingerprint_prefix;
use mdns_sd::{ServiceDaemon, ServiceInfo};
use std::net::SocketAddr;
use std::time::Duration;

/// How long `stop` waits for the "goodbye" announcement to go out.
const GOODBYE_WAIT: Duration = Duration::from_secs(1);

pub struct Advertisement {
    daemon: ServiceDaemon,
    fullname: String,
}

/// Advertises the server bound at `bound`; `None` (after saying why) when it cannot.
pub fn advertise(bound: SocketAddr, fingerprint: &[u8; 32]) -> Option<Advertisement> {
    match register(bound, fingerprint) {
        Ok(advertisement) => Some(advertisement),
        Err(e) => {
            eprintln!("gasdesk: kiosks cannot find this office by mDNS ({e}); give them its address instead");
            None
        }
    }
}

fn register(bound: SocketAddr, fingerprint: &[u8; 32]) -> Result<Advertisement, mdns_sd::Error> {
    let prefix = fingerprint_prefix(fingerprint);
    let daemon = ServiceDaemon::new()?;
    // Named by the fingerprint so two offices on one LAN never take each other's name.
    let instance = format!("GasDesk office {prefix}");
    let host = format!("gasdesk-{}.local.", prefix.to_ascii_lowercase());
    let properties = [("api", API_VERSION.to_owned()), ("fp", prefix)];
    let info = if bound.ip().is_unspecified() {
        // Every address of this PC, kept up to date as interfaces come and go.
        ServiceInfo::new(MDNS_SERVICE, &instance, &host, "", bound.port(), &properties[..])?.enable_addr_auto()
    } else {
        ServiceInfo::new(MDNS_SERVICE, &instance, &host, bound.ip(), bound.port(), &properties[..])?
    };
    let fullname = info.get_fullname().to_owned();
    daemon.register(info)?;
    Ok(Advertisement { daemon, fullname })
}

impl Advertisement {
    /// Says goodbye on the LAN (kiosks drop the entry) and stops the daemon. Blocks up to a
    /// second or two: call it off the async threads.
    pub fn stop(self) {
        if let Ok(goodbye) = self.daemon.unregister(&self.fullname) {
            let _ = goodbye.recv_timeout(GOODBYE_WAIT);
        }
        if let Ok(stopped) = self.daemon.shutdown() {
            let _ = stopped.recv_timeout(GOODBYE_WAIT);
        }
    }
}
