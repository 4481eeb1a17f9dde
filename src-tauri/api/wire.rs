//! What the office's LAN server and a kiosk PC's forwarding client agree on, besides the command
//! list itself (decision 0015): the API version, the paths, the headers and the few messages
//! that are not commands. Both sides use these definitions, so they cannot drift apart.
use serde::{Deserialize, Serialize};

/// The kiosk API's version, `major.minor`. A kiosk refuses an office with another major.
/// 2.0: cylinder types (`book_cylinder` names the type; issue 12).
pub const API_VERSION: &str = "2.0";

/// The major number of an API version, `None` when it is not `major.minor`.
pub fn api_major(version: &str) -> Option<u32> {
    version.split('.').next().and_then(|major| major.parse().ok())
}

/// The path every command is posted to: `/v1/<command>`.
pub fn command_path(command: &str) -> String {
    format!("/v1/{command}")
}

/// `GET`: the versions (no device token needed).
pub const HEALTH_PATH: &str = "/v1/health";
/// `POST` [`PairRequest`] → [`PairReply`]: a kiosk pairs with a code (no device token yet).
pub const PAIR_PATH: &str = "/v1/pair";
/// The device token travels as `Authorization: Bearer <token>`; the terminal secret, a random
/// value that lives only in the kiosk process's memory, in this header.
pub const TERMINAL_HEADER: &str = "x-gasdesk-terminal";
/// The mDNS service kiosks browse for.
pub const MDNS_SERVICE: &str = "_gasdesk._tcp.local.";

/// The answer to `GET /v1/health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// [`API_VERSION`] of the office.
    pub api: String,
    /// The office's GasDesk version (`CARGO_PKG_VERSION`).
    pub app: String,
    /// The database's schema version.
    pub schema: i64,
    /// Shown on the kiosk's offline banner, kept from the last answer.
    pub agency_name: String,
    pub emergency_helpline: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairRequest {
    /// The code as typed (`XXXX-XXXX-XXXX-XXXX`).
    pub code: String,
    /// A name for the kiosk, shown to staff; the one staff gave with the code when empty.
    pub name: String,
}

/// `Debug` leaves the device token out.
#[derive(Clone, Serialize, Deserialize)]
pub struct PairReply {
    pub device_id: i64,
    /// The device's secret token: the office keeps only its hash.
    pub device_token: String,
    /// The kiosk's name as staff will see it.
    pub name: String,
}

impl std::fmt::Debug for PairReply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token opens the office's API: it stays out of any log or panic message.
        f.debug_struct("PairReply")
            .field("device_id", &self.device_id)
            .field("device_token", &"<redacted>")
            .field("name", &self.name)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::PairReply;

    #[test]
    fn a_pair_reply_debug_leaves_the_token_out() {
        let reply = PairReply { device_id: 7, device_token: "s3cret-device-token-XYZ".into(), name: "Counter 1".into() };
        let shown = format!("{reply:?}");
        assert!(!shown.contains("s3cret-device-token-XYZ"), "{shown}");
        assert!(shown.contains("Counter 1") && shown.contains('7'), "the rest is shown: {shown}");
    }
}
