//! Who is logged in at a window and what the window starts with, as the UI reads them. The
//! shell holds the session itself; these are its answers.
use super::PublicSettings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionUser {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
}

/// The customer logged in at this window and the staff member holding its admin switch.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    pub customer: Option<SessionUser>,
    pub staff: Option<SessionUser>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    pub kiosk: bool,
    pub settings: PublicSettings,
    pub session: SessionInfo,
    /// `mock-razorpay` normally; `failing` when started with `--gateway fail`.
    pub gateway: String,
    /// The language the welcome screen starts in and every log-out returns to: the kiosk's
    /// `--language` (on a kiosk PC, the kiosk's own: its forwarder writes it into the office's
    /// answer). English for the office window and the LAN server.
    pub language: KioskLanguage,
}

/// A kiosk's default language (`gasdesk --kiosk --language en|hi`, decision 0018).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum KioskLanguage {
    #[default]
    En,
    Hi,
}

/// How a kiosk stands with the office (`kiosk_link`). A kiosk PC on the LAN (`remote`) asks the
/// office's health every few seconds and answers this itself, without asking the office, so its
/// screen can say "Office offline — bookings paused" with the helpline it last heard. A window
/// on the office PC is never remote and always online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KioskLink {
    /// A kiosk PC forwarding every command to the office over the LAN.
    pub remote: bool,
    /// The office answered the last health check.
    pub online: bool,
    /// The office speaks another major version of the kiosk API: this kiosk must be updated.
    pub update_needed: bool,
    /// The agency's name and emergency helpline, as last heard from the office (cached, so the
    /// offline banner can show them).
    pub agency_name: String,
    pub emergency_helpline: String,
    /// This kiosk's `--language`, answered locally, so a kiosk PC whose office is down (or that
    /// is not paired) can show its start-up error and banner in it before `app_info` answers.
    pub language: KioskLanguage,
}
