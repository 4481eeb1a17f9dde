//! The records the screens show. Ids (`id`, `…_id`) are SQLite row ids; a cylinder's code
//! (`cylinder_code`) and a booking's reference are what people read and type.
use super::{
    BookingSource, BookingStatus, ComplaintStatus, Connection, CylinderStatus, HoldReason, IssueType, Money, PaymentMethod, PaymentStatus,
    RefundState, SaleDocument, Timestamp, TypeStock,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Customer {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    /// The consumer number on every bill (the oil company's, or `GD…` made by GasDesk).
    pub consumer_no: String,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub has_active_cylinder: bool,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct StaffMember {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub full_name: String,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Cylinder {
    #[ts(type = "number")]
    pub id: i64,
    /// The code painted on the cylinder, e.g. `ABC123`.
    pub cylinder_code: String,
    #[ts(type = "number")]
    pub type_id: i64,
    pub type_name: String,
    pub status: CylinderStatus,
    /// The statutory test-due date (`YYYY-MM-DD`, the last day of the stamped quarter);
    /// `null` for a cylinder registered before GasDesk recorded it.
    pub test_due: Option<String>,
    /// The stamp as painted: `C-27`.
    pub test_due_stamp: Option<String>,
    /// Due for test now or within the margin setting: never handed out.
    pub due_for_test: bool,
    /// Held back by staff: never handed out until released.
    pub hold: Option<HoldReason>,
    pub hold_reason: String,
    #[ts(type = "number | null")]
    pub assigned_to: Option<i64>,
    pub assigned_to_username: Option<String>,
    pub assigned_to_consumer_no: Option<String>,
    /// Held for a booking whose payment is under way.
    pub reserved: bool,
    pub filled_at: Option<Timestamp>,
    pub updated_at: Timestamp,
}

/// What a customer's home screen shows about the cylinder they hold.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct HeldCylinder {
    pub cylinder_code: String,
    pub type_name: String,
    /// When they received it (the completion of the booking that gave it to them).
    pub since: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Booking {
    #[ts(type = "number")]
    pub id: i64,
    pub reference: String,
    #[ts(type = "number")]
    pub user_id: i64,
    pub username: String,
    /// The customer's consumer number, shown wherever they are named.
    pub consumer_no: String,
    pub cylinder_code: String,
    pub returned_cylinder_code: Option<String>,
    pub booking_date: Timestamp,
    pub status: BookingStatus,
    pub source: BookingSource,
    pub amount: Money,
    pub note: String,
    pub payment_status: Option<PaymentStatus>,
    pub payment_ref: Option<String>,
    /// Where the refund of this booking's payment stands, if one was ever needed.
    pub refund: Option<RefundState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Payment {
    #[ts(type = "number")]
    pub id: i64,
    pub booking_reference: String,
    pub amount: Money,
    pub status: PaymentStatus,
    pub method: PaymentMethod,
    /// The gateway's reference (`pay_…`), or the counter's for cash.
    pub reference: String,
    pub payment_date: Timestamp,
    pub failure_reason: Option<String>,
    /// Where the refund of this payment stands, if one was ever needed.
    pub refund: Option<RefundState>,
}

/// Everything the printed receipt shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Receipt {
    pub agency_name: String,
    pub booking_reference: String,
    pub customer_username: String,
    pub customer_name: String,
    pub consumer_no: String,
    pub cylinder_code: String,
    pub type_name: String,
    pub returned_cylinder_code: Option<String>,
    pub amount: Money,
    pub method: Option<PaymentMethod>,
    pub payment_reference: Option<String>,
    pub time: Timestamp,
    /// The GST document of this sale: a tax invoice, or a delivery note for a free replacement.
    /// `null` for bookings completed before GasDesk issued them (their receipt stands).
    pub document: Option<SaleDocument>,
    /// The emergency helpline, printed on every bill.
    pub helpline: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Complaint {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub user_id: i64,
    pub username: String,
    /// The customer's consumer number, shown wherever they are named.
    pub consumer_no: String,
    pub issue_type: IssueType,
    pub description: String,
    pub status: ComplaintStatus,
    pub resolution_note: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub id: i64,
    pub at: Timestamp,
    pub actor_kind: String,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    #[ts(type = "number | null")]
    pub entity_id: Option<i64>,
    /// JSON of the record before the change, if it existed.
    pub before: Option<String>,
    /// JSON of the record after the change, if it still exists.
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Settings {
    #[ts(type = "number")]
    pub low_stock_threshold: i64,
    #[ts(type = "number")]
    pub kiosk_idle_seconds: i64,
    #[ts(type = "number")]
    pub admin_relock_seconds: i64,
    pub agency_name: String,
    pub emergency_helpline: String,
    /// How many Pending complaints a customer may have at once (a gas leak is always taken).
    #[ts(type = "number")]
    pub max_open_complaints: i64,
    /// Where automatic and "Back up now" backups go (a second disk, a USB drive); empty means
    /// the `backups` folder beside the database.
    pub backup_folder: String,
    /// Hours between automatic backups while the office window runs (1 to 168).
    #[ts(type = "number")]
    pub backup_every_hours: i64,
    /// How many of GasDesk's backups to keep in the folder; older ones are deleted (1 to 365).
    #[ts(type = "number")]
    pub backups_to_keep: i64,
    /// Whether the office window also serves kiosk PCs on the agency's network (off until
    /// staff turn it on).
    pub serve_kiosks: bool,
    /// The TCP port the office serves kiosks on (1024 to 65535; 7443 unless staff change it).
    #[ts(type = "number")]
    pub kiosk_port: i64,
    /// The seller on every tax invoice: legal name, address, GSTIN and state.
    pub legal_name: String,
    pub agency_address: String,
    /// 15 characters, checked with its check digit; empty until staff enter it.
    pub gstin: String,
    pub agency_state: String,
    /// Days that must pass between two refills of one connection (0 to 365; 25 by default).
    #[ts(type = "number")]
    pub refill_gap_days: i64,
    /// Refills one connection may have per financial year (at least 1; 15 by default).
    #[ts(type = "number")]
    pub refills_per_year: i64,
    /// A cylinder this many days or fewer before its test-due date is not handed out (0 to 365).
    #[ts(type = "number")]
    pub test_due_margin_days: i64,
}

/// What a kiosk needs before anyone logs in.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PublicSettings {
    pub agency_name: String,
    pub emergency_helpline: String,
    #[ts(type = "number")]
    pub kiosk_idle_seconds: i64,
    #[ts(type = "number")]
    pub admin_relock_seconds: i64,
    /// False until the first staff account exists (the setup screen shows instead).
    pub is_set_up: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct StockCounts {
    #[ts(type = "number")]
    pub filled: i64,
    #[ts(type = "number")]
    pub assigned: i64,
    #[ts(type = "number")]
    pub empty: i64,
    /// Filled cylinders held for bookings whose payment is under way (counted in `filled`).
    #[ts(type = "number")]
    pub reserved: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DayFigures {
    /// The local calendar day, `YYYY-MM-DD`.
    pub day: String,
    #[ts(type = "number")]
    pub completed_bookings: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dashboard {
    /// The seller's legal name, address, GSTIN or state is not entered: tax invoices are being
    /// issued without it (Settings → On invoices).
    pub seller_details_missing: bool,
    pub stock: StockCounts,
    /// Some active type has less available stock than the threshold.
    pub low_stock: bool,
    pub stock_by_type: Vec<TypeStock>,
    #[ts(type = "number")]
    pub low_stock_threshold: i64,
    #[ts(type = "number")]
    pub pending_bookings: i64,
    #[ts(type = "number")]
    pub open_complaints: i64,
    #[ts(type = "number")]
    pub open_gas_leaks: i64,
    /// Refunds the gateway has not confirmed yet (refused, or still being asked): staff follow
    /// them up until the gateway says done.
    #[ts(type = "number")]
    pub refunds_needing_attention: i64,
    /// When the last backup that passed its check was made; `null` when there is none.
    pub last_good_backup_at: Option<Timestamp>,
    /// Why the last backup attempt failed, in plain words; `null` when it succeeded.
    pub last_backup_error: Option<String>,
    /// There is no good backup, or the last one is more than a day old.
    pub backup_overdue: bool,
    pub revenue_today: Money,
    pub revenue_this_month: Money,
    pub recent_days: Vec<DayFigures>,
}

/// The customer home screen in one call.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CustomerHome {
    pub customer: Customer,
    /// Every cylinder they hold, oldest first.
    pub cylinders: Vec<HeldCylinder>,
    /// Their connections, each with whether it can be refilled now.
    pub connections: Vec<Connection>,
    #[ts(type = "number")]
    pub pending_complaints: i64,
}
