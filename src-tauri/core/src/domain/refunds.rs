//! Refunds as a state machine (migration V5): a refund is written Pending before the gateway
//! is asked, marked Refunded only when the gateway says so, Failed when it refuses; reconcile
//! retries Failed ones after a back-off, and finds charges that landed after their booking was
//! cancelled (a staff cancel or a lapsed lease while the charge was in flight) and refunds them.
//! Nothing here ever tells a person "refunded" before the gateway did.
use super::actor::{audit, Actor, NOTHING};
use super::gateway::Charge;
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{Booking, Money, Timestamp};
use crate::store::{NewRefund, OpenRefund, PendingBooking, Writer};
use chrono::Duration;
use serde::Serialize;

/// How long the process that wrote or took a refund may ask the gateway before another may.
const HOLD: Duration = Duration::minutes(2);
/// How long a refused refund waits before reconcile asks the gateway again.
pub(crate) const RETRY_AFTER: Duration = Duration::minutes(10);
/// How long after a booking is cancelled mid-payment reconcile still asks the gateway whether
/// its charge landed after all.
pub(crate) const WATCH_CHARGE_FOR: Duration = Duration::hours(1);
/// How often a watched payment is asked about: each booking runs reconcile, and must not wait
/// on the gateway for every recent cancel.
const WATCH_RECHECK: Duration = Duration::minutes(5);

/// A charge's booking and amount, whether it came from a live booking or a watched payment.
pub(crate) struct PendingCharge {
    pub booking_id: i64,
    pub amount: Money,
}

/// What the audit log records of a refund settled by hand.
#[derive(Serialize)]
struct HandRefund<'a> {
    gateway_ref: &'a str,
    amount: Money,
    note: &'a str,
}

/// What the audit log records of a refund.
#[derive(Serialize)]
struct RefundNote<'a> {
    gateway_ref: &'a str,
    amount: Money,
    error: Option<String>,
}

impl Desk {
    /// In the caller's transaction: writes the Pending refund of `payment_id`'s charge, held by
    /// this process. None when the payment already has one (another process is on it).
    pub(crate) fn request_refund(
        &self,
        w: &Writer<'_>,
        actor: &Actor,
        (payment_id, booking_id): (i64, i64),
        charge: &Charge,
        amount: Money,
        now: Timestamp,
    ) -> Result<Option<OpenRefund>> {
        let new = NewRefund { payment_id, booking_id, amount, gateway_ref: &charge.gateway_ref, held_until: now + HOLD };
        let Some(id) = w.insert_refund(&new, now)? else { return Ok(None) };
        let note = RefundNote { gateway_ref: &charge.gateway_ref, amount, error: None };
        audit(w, actor, "payment.refund_requested", ("booking", booking_id), NOTHING, Some(&note), now)?;
        Ok(Some(OpenRefund { id, attempt: 1, payment_id, booking_id, amount, gateway_ref: charge.gateway_ref.clone() }))
    }

    /// In the caller's transaction: a charge for a booking that is already Cancelled. Names the
    /// charge on the Failed payment and writes its refund. None when someone else has it.
    pub(crate) fn record_orphan_charge(
        &self,
        w: &Writer<'_>,
        actor: &Actor,
        pending: &PendingCharge,
        charge: &Charge,
        now: Timestamp,
    ) -> Result<Option<OpenRefund>> {
        let Some(payment_id) = w.record_late_charge(pending.booking_id, &charge.gateway_ref, now)? else { return Ok(None) };
        self.request_refund(w, actor, (payment_id, pending.booking_id), charge, pending.amount, now)
    }

    /// Asks the gateway to refund a refund this process holds, and writes its answer. True
    /// when the gateway confirmed it.
    pub(crate) fn ask_gateway_to_refund(&self, actor: &Actor, refund: &OpenRefund) -> Result<bool> {
        let charge = Charge { gateway_ref: refund.gateway_ref.clone() };
        // One refund per charge, so the charge names it: the same key on every attempt, and
        // never the same key for two charges (refund ids start again in a restored database).
        let key = format!("refund_{}", refund.gateway_ref);
        let outcome = self.gateway.refund(&charge, refund.amount, &key);
        let now = self.now();
        let error = outcome.as_ref().err().map(ToString::to_string);
        let note = RefundNote { gateway_ref: &refund.gateway_ref, amount: refund.amount, error: error.clone() };
        self.db.write(|w| match &error {
            None => {
                w.record_refund_done(refund.id, now)?;
                audit(w, actor, "payment.refunded", ("booking", refund.booking_id), NOTHING, Some(&note), now)
            }
            Some(e) => {
                w.record_refund_refused(refund.id, refund.attempt, e, now + RETRY_AFTER, now)?;
                audit(w, actor, "payment.refund_refused", ("booking", refund.booking_id), NOTHING, Some(&note), now)
            }
        })?;
        Ok(error.is_none())
    }

    /// Reconcile's refund work: charges that landed after their booking was cancelled get a
    /// refund; refused refunds past their back-off are asked again. Returns how many refunds
    /// the gateway confirmed in this pass.
    pub(crate) fn settle_refunds(&self) -> Result<usize> {
        let system = Actor::System;
        let mut refunded = 0;
        for watched in self.db.read(|r| r.watched_charges_due(self.now(), 100))? {
            let found = match self.gateway.find_charge(&watched.order_ref) {
                Ok(found) => found,
                Err(_) => continue, // unknown: ask again on a later pass
            };
            let now = self.now();
            let refund = self.db.write(|w| match &found {
                Some(charge) => {
                    let pending = PendingCharge { booking_id: watched.booking_id, amount: watched.amount };
                    self.record_orphan_charge(w, &system, &pending, charge, now)
                }
                None if watched.watch_until < now => w.stop_watching_charge(watched.payment_id).map(|()| None),
                None => w.watch_charge_again_at(watched.payment_id, now + WATCH_RECHECK).map(|()| None),
            })?;
            // This process holds the refund it just wrote: ask now rather than after the hold.
            if let Some(refund) = refund {
                refunded += usize::from(self.ask_gateway_to_refund(&system, &refund)?);
            }
        }
        // Failed ones past their back-off, and Pending ones whose holder stopped answering (it
        // may have been paid: the refund key makes asking again safe).
        let due = self.db.read(|r| r.refunds_due(self.now(), 100))?;
        for refund in due {
            let now = self.now();
            let Some(attempt) = self.db.write(|w| w.hold_refund(refund.id, now, now + HOLD))? else { continue };
            if self.ask_gateway_to_refund(&system, &OpenRefund { attempt, ..refund })? {
                refunded += 1;
            }
        }
        Ok(refunded)
    }

    /// Staff: the customer got their money back another way (cash at the counter, a bank
    /// transfer) after the gateway kept refusing. Closes the open refund with a required note;
    /// reconcile stops asking the gateway. Returns the booking as it now stands.
    pub fn settle_refund_by_hand(&self, actor: &Actor, booking_id: i64, note: &str) -> Result<Booking> {
        actor.require_staff()?;
        let note = validate::line("note", note, 1, 300, "note")?;
        let now = self.now();
        self.db.write(|w| {
            let refund = w
                .open_refund_of_booking(booking_id)?
                .ok_or_else(|| Error::Conflict("This booking has no refund waiting: nothing to settle.".into()))?;
            if !w.record_refund_settled_by_hand(refund.id, now)? {
                return Err(Error::Conflict(
                    "GasDesk is asking the payment gateway for this refund right now. Wait a minute and look again.".into(),
                ));
            }
            let record = HandRefund { gateway_ref: &refund.gateway_ref, amount: refund.amount, note: &note };
            audit(w, actor, "payment.refunded_by_hand", ("booking", booking_id), NOTHING, Some(&record), now)?;
            w.booking(booking_id)?.ok_or(Error::NotFound("Booking"))
        })
    }

    /// In the caller's transaction: from now on reconcile watches for a late charge of this
    /// cancelled booking (its charge may still be in flight).
    pub(crate) fn watch_for_late_charge(&self, w: &Writer<'_>, pending: &PendingBooking, now: Timestamp) -> Result<()> {
        // Before its lease runs out, the process paying handles its own charge.
        let first_check = now.max(pending.reserved_until);
        w.watch_charge(pending.id, first_check, first_check + WATCH_CHARGE_FOR)
    }
}
