//! What staff send to create and change records, and what a batch change did: the forms of
//! the staff screens as they cross IPC. The domain validates every field.
use super::{CylinderStatus, ManualPayment};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewCustomerInput {
    pub username: String,
    /// The oil company's consumer number; empty makes one (`GD` and 8 digits).
    pub consumer_no: String,
    /// The first connection: its type and allowance (1 single-bottle, 2 double-bottle).
    #[ts(type = "number")]
    pub type_id: i64,
    #[ts(type = "number")]
    pub allowance: i64,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub password: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CustomerFields {
    pub consumer_no: String,
    pub full_name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ManualAssignment {
    #[ts(type = "number")]
    pub customer_id: i64,
    /// The code of the chosen cylinder (must be Filled and not reserved).
    pub cylinder_code: String,
    pub payment: ManualPayment,
    pub reason: String,
    /// Go ahead although the refill rules (gap, yearly cap) would refuse; the reason is
    /// recorded with the override in the audit log.
    pub override_refill_rules: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct RegisterCylinders {
    /// Real serial numbers to register; when empty, `count` IDs like `ABC123` are generated.
    pub serials: Vec<String>,
    pub count: u32,
    /// Filled (ready to hand out) or Empty (waiting for a refill).
    pub status: CylinderStatus,
    #[ts(type = "number")]
    pub type_id: i64,
    /// The test-due stamp on their collars, e.g. `C-27` (one batch shares one).
    pub test_due: String,
}

#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct MarkOutcome {
    pub changed: u32,
    /// Cylinders left as they were, each with why.
    pub skipped: Vec<String>,
}
