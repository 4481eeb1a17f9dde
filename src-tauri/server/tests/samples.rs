//! Every command of the list with well-formed arguments, made from the list itself: a command
//! added to `with_commands!` is in these tests at once, and an argument type without a sample
//! here does not compile. Well-formed matters: arguments are parsed before the permission
//! checks, so a refusal seen with these is the check's, not the parser's.
use crate::api::types::*;
use gasdesk_core::model::ManualPayment;
use serde_json::{json, Map, Value};

/// A well-formed JSON value of an argument type.
pub trait Sample {
    fn sample() -> Value;
}

impl Sample for String {
    fn sample() -> Value {
        json!("sample")
    }
}

impl Sample for i64 {
    fn sample() -> Value {
        json!(1)
    }
}

impl<T: Sample> Sample for Option<T> {
    fn sample() -> Value {
        T::sample()
    }
}

impl<T: Sample> Sample for Vec<T> {
    fn sample() -> Value {
        json!([T::sample()])
    }
}

impl Sample for Money {
    fn sample() -> Value {
        json!(Money::from_paise(100_000))
    }
}

impl Sample for PageRequest {
    fn sample() -> Value {
        json!(PageRequest::default())
    }
}

impl Sample for CylinderStatus {
    fn sample() -> Value {
        json!(CylinderStatus::Filled)
    }
}

impl Sample for ComplaintStatus {
    fn sample() -> Value {
        json!(ComplaintStatus::Completed)
    }
}

impl Sample for IssueType {
    fn sample() -> Value {
        json!(IssueType::Other)
    }
}

impl Sample for RegisterCylinders {
    fn sample() -> Value {
        json!({ "serials": [], "count": 1, "status": CylinderStatus::Filled, "type_id": 1, "test_due": "D-35" })
    }
}

impl Sample for BookingFilter {
    fn sample() -> Value {
        json!({})
    }
}

impl Sample for AuditFilter {
    fn sample() -> Value {
        json!({})
    }
}

impl Sample for ManualAssignment {
    fn sample() -> Value {
        json!({ "customer_id": 1, "cylinder_code": "ABC123", "payment": ManualPayment::Cash, "reason": "a replacement", "override_refill_rules": false })
    }
}

impl Sample for NewCustomerInput {
    fn sample() -> Value {
        json!({ "username": "ravi", "consumer_no": "", "type_id": 1, "allowance": 1, "full_name": "Ravi K", "email": "", "phone": "", "address": "", "password": "customer-pass" })
    }
}

impl Sample for CustomerFields {
    fn sample() -> Value {
        json!({ "consumer_no": "", "full_name": "Ravi K", "email": "", "phone": "", "address": "" })
    }
}

impl Sample for Settings {
    /// Built as the struct, so a new setting fails to compile here rather than to parse.
    fn sample() -> Value {
        json!(Settings {
            low_stock_threshold: 5,
            kiosk_idle_seconds: 90,
            admin_relock_seconds: 300,
            agency_name: "Changed By A Kiosk".into(),
            emergency_helpline: "1906".into(),
            max_open_complaints: 3,
            backup_folder: String::new(),
            backup_every_hours: 24,
            backups_to_keep: 14,
            serve_kiosks: true,
            kiosk_port: 7443,
            legal_name: "Changed By A Kiosk Pvt Ltd".into(),
            agency_address: String::new(),
            gstin: String::new(),
            agency_state: String::new(),
            refill_gap_days: 0,
            refills_per_year: 100,
            test_due_margin_days: 0,
        })
    }
}

impl Sample for CylinderFilter {
    fn sample() -> Value {
        json!({})
    }
}

impl Sample for HoldReason {
    fn sample() -> Value {
        json!(HoldReason::Leaking)
    }
}

impl Sample for CylinderTypeInput {
    fn sample() -> Value {
        json!({ "name": "47.5 kg commercial", "category": "Commercial", "price": Money::from_paise(450_000), "gst_rate_bp": 1800, "hsn": "2711", "active": true })
    }
}

/// One command of the list with sample arguments.
#[derive(Debug, Clone)]
pub struct Sampled {
    /// `public`, `customer`, `staff` or `office`.
    pub module: &'static str,
    pub name: &'static str,
    pub args: Value,
}

macro_rules! sampled_commands {
    ($($module:ident :: $name:ident ( $($arg:ident : $ty:ty),* ) -> $result:ty ;)*) => {
        /// Every command of the list, in its order.
        pub fn every_command() -> Vec<Sampled> {
            vec![$(Sampled {
                module: stringify!($module),
                name: stringify!($name),
                args: {
                    #[allow(unused_mut)]
                    let mut args = Map::new();
                    $(args.insert(stringify!($arg).to_owned(), <$ty as Sample>::sample());)*
                    Value::Object(args)
                },
            }),*]
        }
    };
}
crate::api::with_commands!(sampled_commands);

/// The commands of one module.
pub fn of_module(module: &str) -> Vec<Sampled> {
    let found: Vec<Sampled> = every_command().into_iter().filter(|c| c.module == module).collect();
    assert!(!found.is_empty(), "the list has {module} commands");
    found
}
