//! Who is logged in at a window and what the window starts with, as the UI reads them. The
//! shell holds the session itself; these are its answers.
use super::PublicSettings;
use serde::Serialize;
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
}
