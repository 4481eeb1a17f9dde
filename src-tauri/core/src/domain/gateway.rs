//! The payment gateway interface and the two shipped gateways: the Razorpay mock that always
//! succeeds, and one that always declines (for tests and demos). A real gateway goes behind
//! the same trait. Calls are blocking and are never made inside a database transaction.
use crate::model::Money;
use rand::distributions::Alphanumeric;
use rand::Rng;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

pub struct ChargeRequest<'a> {
    /// Our reference for this order; a gateway treats a repeat as the same order.
    pub order_ref: &'a str,
    pub amount: Money,
    pub customer: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    /// The gateway's payment reference, `pay_…`.
    pub gateway_ref: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    #[error("declined: {0}")]
    Declined(String),
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
}

pub trait PaymentGateway: Send + Sync {
    fn name(&self) -> &'static str;
    fn charge(&self, request: &ChargeRequest<'_>) -> Result<Charge, GatewayError>;
    /// The charge this gateway made for `order_ref`, if any: how a booking interrupted after
    /// the charge is finished instead of lost.
    fn find_charge(&self, order_ref: &str) -> Result<Option<Charge>, GatewayError>;
    /// Refunds `amount` of `charge`. `refund_key` names this refund: asked again with the same
    /// key (GasDesk retries when it never heard the answer), the gateway refunds at most once
    /// (Razorpay: the idempotency key of the refund request).
    fn refund(&self, charge: &Charge, amount: Money, refund_key: &str) -> Result<(), GatewayError>;
}

/// The mock of Razorpay's charge call: always succeeds with a fake `pay_` reference.
pub fn calling_razorpay(request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
    let _ = (request.order_ref, request.amount, request.customer);
    let suffix: String = rand::thread_rng().sample_iter(&Alphanumeric).take(14).map(char::from).collect();
    Ok(Charge { gateway_ref: format!("pay_{suffix}") })
}

/// The shipped gateway. It remembers its charges in memory, as a real gateway would on its
/// side, so `find_charge` works within one run of the program.
#[derive(Default)]
pub struct MockRazorpay {
    charges: Mutex<HashMap<String, Charge>>,
    /// Refund keys already paid: a repeat pays nothing more.
    refunds: Mutex<HashSet<String>>,
}

impl MockRazorpay {
    pub fn new() -> Self {
        Self::default()
    }
}

impl PaymentGateway for MockRazorpay {
    fn name(&self) -> &'static str {
        "mock-razorpay"
    }

    fn charge(&self, request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        let mut charges = self.charges.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(existing) = charges.get(request.order_ref) {
            return Ok(existing.clone());
        }
        let charge = calling_razorpay(request)?;
        charges.insert(request.order_ref.to_owned(), charge.clone());
        Ok(charge)
    }

    fn find_charge(&self, order_ref: &str) -> Result<Option<Charge>, GatewayError> {
        Ok(self.charges.lock().unwrap_or_else(|p| p.into_inner()).get(order_ref).cloned())
    }

    fn refund(&self, _charge: &Charge, _amount: Money, refund_key: &str) -> Result<(), GatewayError> {
        self.refunds.lock().unwrap_or_else(|p| p.into_inner()).insert(refund_key.to_owned());
        Ok(())
    }
}

/// Declines every charge, as a bank would a bad card.
pub struct FailingGateway;

impl PaymentGateway for FailingGateway {
    fn name(&self) -> &'static str {
        "failing"
    }

    fn charge(&self, _request: &ChargeRequest<'_>) -> Result<Charge, GatewayError> {
        Err(GatewayError::Declined("the bank declined the card".into()))
    }

    fn find_charge(&self, _order_ref: &str) -> Result<Option<Charge>, GatewayError> {
        Ok(None)
    }

    fn refund(&self, _charge: &Charge, _amount: Money, _refund_key: &str) -> Result<(), GatewayError> {
        Ok(())
    }
}

/// The gateway a `--gateway` flag names: `mock` (default) or `fail`.
pub fn gateway_named(name: &str) -> Option<std::sync::Arc<dyn PaymentGateway>> {
    match name {
        "mock" | "mock-razorpay" | "razorpay" => Some(std::sync::Arc::new(MockRazorpay::new())),
        "fail" | "failing" => Some(std::sync::Arc::new(FailingGateway)),
        _ => None,
    }
}
