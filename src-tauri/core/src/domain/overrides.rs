//! Staff overrides: manual assignment bypassing FIFO, and cancelling bookings.
use super::actor::{audit, Actor, NOTHING};
use super::booking::CylinderSnapshot;
use super::connections::{refill_standing, RulesOverride};
use super::gateway::Charge;
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{
    india_date, Booking, BookingSource, BookingStatus, CylinderStatus, ManualAssignment, ManualPayment, Money, PaymentMethod,
    PaymentStatus, Receipt,
};
use crate::store::{BookingState, NewBooking, NewPayment, OpenRefund};
use chrono::Duration;

/// How a payment cancelled by staff mid-payment begins its failure reason (a kiosk retrying that
/// booking is told plainly that it did not go through, not that the card was declined).
pub(super) const STAFF_CANCEL_REASON_PREFIX: &str = "cancelled by staff: ";

impl Desk {
    /// Gives the chosen cylinder to the chosen customer. Their old cylinder is returned Empty.
    /// Cash records a Success cash payment of the current price; Free records no payment.
    pub fn assign_manually(&self, actor: &Actor, input: &ManualAssignment) -> Result<Receipt> {
        let staff_id = actor.require_staff()?;
        let code = validate::cylinder_code("cylinder_code", &input.cylinder_code)?;
        let reason = validate::line("reason", &input.reason, 1, 300, "reason")?;
        let now = self.now();
        self.db.write(|w| {
            let customer = w.customer(input.customer_id)?.ok_or(Error::NotFound("Customer"))?;
            if w.pending_booking_of_customer(customer.id)?.is_some() {
                return Err(Error::Conflict(format!(
                    "{} has a booking waiting for payment; wait for it or cancel it first.",
                    customer.username
                )));
            }
            let cylinder = w.cylinder_by_code(&code)?.ok_or(Error::NotFound("Cylinder"))?;
            if cylinder.status != CylinderStatus::Filled {
                return Err(Error::Conflict(format!(
                    "Cylinder {} is {}; only a Filled cylinder can be assigned.",
                    cylinder.cylinder_code, cylinder.status
                )));
            }
            if cylinder.reserved {
                return Err(Error::Conflict(format!(
                    "Cylinder {} is reserved for a booking being paid right now.",
                    cylinder.cylinder_code
                )));
            }
            let rules = self.trade_rules(w)?;
            if let Some(hold) = cylinder.hold {
                return Err(Error::Conflict(format!(
                    "Cylinder {} is held back ({hold}: {}); it cannot be handed out until it is released.",
                    cylinder.cylinder_code, cylinder.hold_reason
                )));
            }
            let due_cutoff = india_date(now) + Duration::days(rules.test_due_margin_days);
            if let Some(due) = cylinder.test_due.as_deref().filter(|due| *due <= due_cutoff.format("%Y-%m-%d").to_string().as_str()) {
                return Err(Error::Conflict(format!(
                    "Cylinder {} is due for its statutory test ({}, by {due}); send it to the plant instead of handing it out.",
                    cylinder.cylinder_code,
                    cylinder.test_due_stamp.as_deref().unwrap_or(due)
                )));
            }
            let connection = w.connection(customer.id, cylinder.type_id)?.ok_or_else(|| {
                Error::Conflict(format!(
                    "{} has no {} connection. Add the connection on the Customers screen first.",
                    customer.username, cylinder.type_name
                ))
            })?;
            if input.payment == ManualPayment::Cash {
                // A paid refill follows the refill rules unless staff override them, with their reason on record.
                let standing = refill_standing(w, customer.id, &connection, &rules, now)?;
                if let Some(why) = standing.blocked.clone() {
                    if !input.override_refill_rules {
                        if let Some(refused) = standing.refusal(" Tick \"Override the refill rules\" to go ahead anyway.") {
                            return Err(refused);
                        }
                    }
                    let note = RulesOverride { type_name: &cylinder.type_name, refused_because: &why, reason: &reason };
                    audit(w, actor, "booking.refill_rules_override", ("customer", customer.id), NOTHING, Some(&note), now)?;
                }
            }
            let returned = self.cylinder_returned_by(w, customer.id, cylinder.type_id)?;
            if let Some(old) = &returned {
                w.mark_cylinder_empty(old.id, now)?;
                let before = CylinderSnapshot { cylinder_code: &old.cylinder_code, status: "Assigned", assigned_to: Some(customer.id) };
                let after = CylinderSnapshot { cylinder_code: &old.cylinder_code, status: "Empty", assigned_to: None };
                audit(w, actor, "cylinder.returned", ("cylinder", old.id), Some(&before), Some(&after), now)?;
            }
            w.assign_cylinder(cylinder.id, customer.id, now)?;
            let before = CylinderSnapshot { cylinder_code: &cylinder.cylinder_code, status: "Filled", assigned_to: None };
            let after = CylinderSnapshot { cylinder_code: &cylinder.cylinder_code, status: "Assigned", assigned_to: Some(customer.id) };
            audit(w, actor, "cylinder.assigned", ("cylinder", cylinder.id), Some(&before), Some(&after), now)?;
            let amount = match input.payment {
                ManualPayment::Cash => connection.price,
                ManualPayment::Free => Money::ZERO,
            };
            let booking_id = w.insert_booking(&NewBooking {
                user_id: customer.id,
                cylinder_id: cylinder.id,
                returned_cylinder_id: returned.as_ref().map(|c| c.id),
                status: BookingStatus::Completed,
                source: BookingSource::Manual,
                amount,
                reserved_until: None,
                staff_id: Some(staff_id),
                note: &format!("{} by staff: {reason}", input.payment),
                booking_date: now,
                idempotency_key: None,
            })?;
            if input.payment == ManualPayment::Cash {
                let reference = format!("cash_{}", crate::store::booking_reference(booking_id));
                w.insert_payment(&NewPayment {
                    user_id: customer.id,
                    booking_id,
                    amount,
                    status: PaymentStatus::Success,
                    method: PaymentMethod::Cash,
                    order_ref: &reference,
                    gateway_ref: None,
                    payment_date: now,
                })?;
            }
            self.issue_sale_document(w, actor, booking_id, now)?;
            let booking = w.booking(booking_id)?;
            audit(w, actor, "booking.manual_assign", ("booking", booking_id), NOTHING, booking.as_ref(), now)?;
            self.build_receipt(w, booking_id)
        })
    }

    /// Cancels a booking (staff only).
    /// - Pending: its reserved cylinder goes back to stock, its payment is marked Failed; a
    ///   charge that completes afterwards is refunded by the booking flow, or by reconcile if
    ///   that process died (the payment is watched).
    /// - Completed: the cylinder it handed over goes back to Filled stock (only while the
    ///   customer still holds it). A cash payment is Refunded at once (handed back at the
    ///   counter); a gateway payment gets a Pending refund, Refunded once the gateway says so.
    pub fn cancel_booking(&self, actor: &Actor, booking_id: i64, reason: &str) -> Result<Booking> {
        actor.require_staff()?;
        let reason = validate::line("reason", reason, 1, 300, "reason")?;
        let now = self.now();
        let (booking, refund) = self.db.write(|w| {
            let BookingState { status, user_id, cylinder_id } = w.booking_state(booking_id)?.ok_or(Error::NotFound("Booking"))?;
            let before = w.booking(booking_id)?;
            let mut refund: Option<OpenRefund> = None;
            match status {
                BookingStatus::Cancelled => return Err(Error::Conflict("That booking is already cancelled.".into())),
                BookingStatus::Pending => {
                    w.release_cylinder(cylinder_id, now)?;
                    w.record_payment_failure(booking_id, &format!("{STAFF_CANCEL_REASON_PREFIX}{reason}"), now)?;
                    if let Some(pending) = w.pending_booking(booking_id)? {
                        self.watch_for_late_charge(w, &pending, now)?;
                    }
                }
                BookingStatus::Completed => {
                    let cylinder = w.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
                    if cylinder.assigned_to != Some(user_id) {
                        return Err(Error::Conflict(format!(
                            "Cylinder {} is no longer with this customer, so this booking cannot be undone.",
                            cylinder.cylinder_code
                        )));
                    }
                    // Never used by the customer's account any more: back to stock, in its old
                    // FIFO place (its filled_at is kept).
                    let filled_at = cylinder.filled_at.unwrap_or(now);
                    w.mark_cylinder_filled(cylinder_id, filled_at, now)?;
                    let snap_before =
                        CylinderSnapshot { cylinder_code: &cylinder.cylinder_code, status: "Assigned", assigned_to: Some(user_id) };
                    let snap_after = CylinderSnapshot { cylinder_code: &cylinder.cylinder_code, status: "Filled", assigned_to: None };
                    audit(w, actor, "cylinder.back_to_stock", ("cylinder", cylinder_id), Some(&snap_before), Some(&snap_after), now)?;
                    self.issue_credit_note(w, actor, booking_id, now)?;
                    if let Some(payment) = w.payment_of_booking(booking_id)? {
                        match (payment.status, payment.method, payment.gateway_ref) {
                            (PaymentStatus::Success, PaymentMethod::Gateway, Some(gateway_ref)) => {
                                let charge = Charge { gateway_ref };
                                refund = self.request_refund(w, actor, (payment.id, booking_id), &charge, payment.amount, now)?;
                            }
                            (PaymentStatus::Success, PaymentMethod::Cash, _) => {
                                w.record_payment_refund(booking_id, now)?;
                            }
                            _ => {}
                        }
                    }
                }
            }
            w.cancel_booking(booking_id, &format!("Cancelled by staff: {reason}"), now)?;
            let after = w.booking(booking_id)?.ok_or(Error::NotFound("Booking"))?;
            audit(w, actor, "booking.cancel", ("booking", booking_id), before.as_ref(), Some(&after), now)?;
            Ok((after, refund))
        })?;
        let Some(refund) = refund else { return Ok(booking) };
        // After the commit: the gateway is never called with the write lock held.
        if !self.ask_gateway_to_refund(actor, &refund)? {
            return Err(Error::Conflict(format!(
                "The booking is cancelled, but the payment gateway has not accepted the refund of {} yet. GasDesk will keep asking it; the dashboard shows the refund until it goes through.",
                refund.amount
            )));
        }
        self.db.read(|r| r.booking(booking_id))?.ok_or(Error::NotFound("Booking"))
    }
}
