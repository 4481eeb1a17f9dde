//! The filters the staff lists send over IPC.
use super::BookingStatus;
use serde::Deserialize;
use ts_rs::TS;

/// The audit log's filters; each combination is answered from an index.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct AuditFilter {
    /// Exact action name, e.g. `booking.confirm`.
    #[ts(optional)]
    pub action: Option<String>,
    /// `cylinder`, `booking`, `customer`, …
    #[ts(optional)]
    pub entity: Option<String>,
    #[ts(optional)]
    #[ts(type = "number")]
    pub entity_id: Option<i64>,
}

/// The admin bookings list's filters.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct BookingFilter {
    #[ts(optional)]
    pub status: Option<BookingStatus>,
    #[ts(optional)]
    #[ts(type = "number")]
    pub user_id: Option<i64>,
}

/// The inventory list's filters.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export)]
pub struct CylinderFilter {
    #[ts(optional)]
    pub status: Option<super::CylinderStatus>,
    #[ts(optional)]
    #[ts(type = "number")]
    pub type_id: Option<i64>,
    /// Only cylinders held back or due for test (within the margin): the "send to plant" list.
    #[ts(optional)]
    pub attention: Option<bool>,
    /// Only cylinders whose test-due date was never recorded (from before GasDesk kept it):
    /// staff read the stamp on each and record it.
    #[ts(optional)]
    pub undated: Option<bool>,
}
