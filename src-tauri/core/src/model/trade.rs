//! The agency's trade (spec §8): cylinder types, connections, GST documents, the refill rules'
//! answers and stock per type, as they cross IPC.
use super::{CylinderCategory, DocumentCopy, DocumentKind, Money, PaymentMethod, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A kind of cylinder the agency sells (14.2 kg domestic, 19 kg commercial, …).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CylinderType {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub category: CylinderCategory,
    /// GST-inclusive, as LPG is sold.
    pub price: Money,
    /// GST in basis points: 500 = 5 %.
    #[ts(type = "number")]
    pub gst_rate_bp: i64,
    /// The HSN code printed on invoices (2711 for LPG).
    pub hsn: String,
    /// Inactive types are kept for history but not booked, registered or connected any more.
    pub active: bool,
}

/// What staff send to add or change a cylinder type.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CylinderTypeInput {
    pub name: String,
    pub category: CylinderCategory,
    pub price: Money,
    #[ts(type = "number")]
    pub gst_rate_bp: i64,
    pub hsn: String,
    pub active: bool,
}

/// One of a customer's connections, with what it holds and whether it can be refilled now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Connection {
    #[ts(type = "number")]
    pub type_id: i64,
    pub type_name: String,
    /// Cylinders of this type the customer may hold at once (single-bottle 1, double-bottle 2).
    #[ts(type = "number")]
    pub allowance: i64,
    /// Cylinders of this type they hold now.
    #[ts(type = "number")]
    pub held: i64,
    /// The type's current GST-inclusive price.
    pub price: Money,
    pub type_active: bool,
    /// Paid refills of this connection in the current financial year.
    #[ts(type = "number")]
    pub refills_this_year: i64,
    /// How many more the yearly cap allows this financial year.
    #[ts(type = "number")]
    pub refills_left: i64,
    /// The first day (India, `YYYY-MM-DD`) a refill may be booked, when that is after today;
    /// `null` when it can be booked now (as far as the gap and cap go).
    pub next_refill_from: Option<String>,
    /// Why a refill cannot be booked now, in plain words; `null` when it can.
    pub refill_blocked: Option<String>,
    /// The same reason in typed fields (`RefillYearCap` or `RefillGap`), for a screen that says
    /// it in the customer's language; `null` when a refill can be booked.
    pub refill_rule: Option<crate::error::ErrorDetail>,
}

/// Stock of one cylinder type, for the dashboard and its low-stock warning.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TypeStock {
    #[ts(type = "number")]
    pub type_id: i64,
    pub type_name: String,
    pub active: bool,
    #[ts(type = "number")]
    pub filled: i64,
    #[ts(type = "number")]
    pub assigned: i64,
    #[ts(type = "number")]
    pub empty: i64,
    /// Filled, not reserved, not held back and not due for test: what can be handed out.
    #[ts(type = "number")]
    pub available: i64,
    /// Held back or due for test (within the margin), whatever their status.
    #[ts(type = "number")]
    pub held_or_due: i64,
    /// Cylinders whose test-due date was never recorded (from before GasDesk kept it).
    #[ts(type = "number")]
    pub undated: i64,
    /// `available` is below the low-stock threshold (active types only).
    pub low: bool,
}

/// A GST document as printed: tax invoice, credit note or delivery note. Everything on it was
/// fixed when it was issued.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SaleDocument {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: DocumentKind,
    /// `GD/26-27/000123` for financial year 2026-27 (credit notes `CN/…`, delivery notes `DN/…`):
    /// at most 16 characters, as GST rule 46(b) asks.
    pub number: String,
    /// Original on its first print, Duplicate on every later one.
    pub copy: DocumentCopy,
    pub issued_at: Timestamp,
    pub booking_reference: String,
    /// The invoice a credit note reverses, and its date.
    pub refers_to_number: Option<String>,
    pub refers_to_date: Option<Timestamp>,
    pub seller_name: String,
    pub seller_address: String,
    pub seller_gstin: String,
    pub seller_state: String,
    pub customer_name: String,
    pub consumer_no: String,
    pub customer_address: String,
    pub type_name: String,
    pub hsn: String,
    /// "5", "18": the GST rate in per cent, as printed.
    pub gst_rate_percent: String,
    /// Half the rate each, as printed: "2.5".
    pub half_rate_percent: String,
    pub cylinder_code: String,
    pub total: Money,
    pub taxable: Money,
    pub cgst: Money,
    pub sgst: Money,
    /// "One Thousand Rupees Only": the words the issued document prints.
    pub amount_in_words: String,
    /// "एक हज़ार रुपये मात्र": the same amount for the kiosk's Hindi view (decision 0018).
    pub amount_in_words_hi: String,
    pub payment_method: Option<PaymentMethod>,
    pub payment_reference: Option<String>,
    pub helpline: String,
}
