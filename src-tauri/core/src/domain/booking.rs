//! Self-service booking: reserve → charge → confirm, or release.
//!
//! 1. One IMMEDIATE transaction reserves the FIFO cylinder, writes a Pending booking and a
//!    Pending payment (so no charge can ever happen without a row that names it).
//! 2. The gateway is called with no transaction open.
//! 3. A second transaction confirms (payment Success, old cylinder Empty, new one Assigned,
//!    booking Completed) or releases (payment Failed, booking Cancelled, cylinder back in its
//!    FIFO place, the customer keeps their old cylinder).
//!
//! If the process dies between 1 and 3, the reservation lapses after its lease and
//! [`Desk::reconcile_lapsed_bookings`] finishes it: confirmed if the gateway has the charge,
//! released if not.
use super::actor::{audit, Actor, NOTHING};
use super::connections::refill_standing;
use super::gateway::{Charge, ChargeRequest, GatewayError};
use super::refunds::PendingCharge;
use super::Desk;
use crate::error::{Error, Result};
use crate::model::{
    india_date, Booking, BookingFilter, BookingSource, BookingStatus, Money, Page, PageRequest, Payment, PaymentMethod, PaymentStatus,
    Receipt, Timestamp,
};
use crate::store::{BookingState, ConnectionRow, KeyedBooking, NewBooking, NewPayment, PendingBooking, Reader, Writer};
use chrono::Duration;
use serde::Serialize;

/// The failure reason of a payment whose booking was settled by reconcile (its process gone).
pub(super) const LAPSED_REASON: &str = "abandoned: the payment was never completed";

/// What the audit log records of a cylinder.
#[derive(Serialize)]
pub(crate) struct CylinderSnapshot<'a> {
    pub cylinder_code: &'a str,
    pub status: &'a str,
    pub assigned_to: Option<i64>,
}

impl Desk {
    /// Books, pays for and hands over the next cylinder in FIFO order to the logged-in
    /// customer. Returns the receipt. Out of stock and payment failure leave nothing behind
    /// but a Cancelled booking with its Failed payment (for the payment case).
    ///
    /// `confirmed_price` is the amount the customer saw and confirmed: if staff changed the
    /// price since, nothing is reserved or charged and the new price is in the error.
    ///
    /// Books the customer's only connection; [`Desk::book_cylinder_of_type`] names the type.
    pub fn book_cylinder(&self, actor: &Actor, confirmed_price: Money) -> Result<Receipt> {
        self.book_cylinder_of_type(actor, None, confirmed_price)
    }

    /// Books a refill of the customer's connection of `type_id` (None: their only connection).
    /// The refill rules are checked before anything is reserved or charged.
    pub fn book_cylinder_of_type(&self, actor: &Actor, type_id: Option<i64>, confirmed_price: Money) -> Result<Receipt> {
        self.ensure_bookings_open()?;
        let customer_id = actor.require_customer()?;
        self.reconcile_lapsed_bookings()?;
        let pending = self.reserve(actor, customer_id, type_id, confirmed_price)?;
        self.pay_for(actor, &pending)
    }

    /// Steps 2 and 3: charges a reserved booking, then confirms or releases it.
    pub(super) fn pay_for(&self, actor: &Actor, pending: &PendingBooking) -> Result<Receipt> {
        let request = ChargeRequest { order_ref: &pending.order_ref, amount: pending.amount, customer: customer_name(actor) };
        match self.gateway.charge(&request) {
            Ok(charge) => self.confirm(actor, pending, &charge),
            Err(e) => {
                let reason = e.to_string();
                // A declined card took nothing; an unreachable gateway may still have charged.
                let may_have_charged = matches!(e, GatewayError::Unavailable(_));
                self.release(actor, pending, &reason, may_have_charged)?;
                Err(Error::PaymentFailed { reason })
            }
        }
    }

    pub(crate) fn reserve(&self, actor: &Actor, customer_id: i64, type_id: Option<i64>, confirmed_price: Money) -> Result<PendingBooking> {
        match self.reserve_keyed(actor, customer_id, type_id, confirmed_price, None)? {
            Reserved::New(pending) => Ok(pending),
            // Only a key can have been used before.
            Reserved::KeyUsed(_) => Err(Error::Internal("a booking without a key was taken for a repeat".into())),
        }
    }

    /// Step 1, under an optional idempotency key: a key already used reserves nothing and
    /// returns the booking made under it (checked in the same transaction as the insert, so two
    /// requests with one key never both reserve).
    pub(super) fn reserve_keyed(
        &self,
        actor: &Actor,
        customer_id: i64,
        type_id: Option<i64>,
        confirmed_price: Money,
        key: Option<&str>,
    ) -> Result<Reserved> {
        let now = self.now();
        self.db.write(|w| {
            w.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            // Before the other checks: a repeat is answered with its first outcome, whatever
            // the price or stock are now.
            if let Some(earlier) = key.map(|k| w.booking_by_idempotency_key(k)).transpose()?.flatten() {
                return Ok(Reserved::KeyUsed(earlier));
            }
            if w.pending_booking_of_customer(customer_id)?.is_some() {
                return Err(Error::BookingPending);
            }
            let connection = self.connection_to_refill(w, customer_id, type_id)?;
            let rules = self.trade_rules(w)?;
            if let Some(refused) = refill_standing(w, customer_id, &connection, &rules, now)?.refusal("") {
                return Err(refused);
            }
            let price = connection.price;
            if price != confirmed_price {
                return Err(Error::PriceChanged { price, shown: confirmed_price });
            }
            let due_cutoff = india_date(now) + Duration::days(rules.test_due_margin_days);
            let cylinder = w.oldest_available_filled_cylinder(connection.type_id, due_cutoff)?.ok_or(Error::OutOfStock)?;
            let lease = Duration::seconds(rules.lease_seconds);
            let returned = self.cylinder_returned_by(w, customer_id, connection.type_id)?.map(|c| c.id);
            let booking_id = w.insert_booking(&NewBooking {
                user_id: customer_id,
                cylinder_id: cylinder.id,
                returned_cylinder_id: returned,
                status: BookingStatus::Pending,
                source: BookingSource::SelfService,
                amount: price,
                reserved_until: Some(now + lease),
                staff_id: None,
                note: "",
                booking_date: now,
                idempotency_key: key,
            })?;
            if !w.reserve_cylinder(cylinder.id, booking_id, now)? {
                // Cannot happen under the write lock; refuse rather than double-allocate.
                return Err(Error::CylinderTaken);
            }
            let order_ref = format!("order_{}", crate::store::booking_reference(booking_id));
            w.insert_payment(&NewPayment {
                user_id: customer_id,
                booking_id,
                amount: price,
                status: PaymentStatus::Pending,
                method: PaymentMethod::Gateway,
                order_ref: &order_ref,
                gateway_ref: None,
                payment_date: now,
            })?;
            let booking = w.booking(booking_id)?;
            audit(w, actor, "booking.reserve", ("booking", booking_id), NOTHING, booking.as_ref(), now)?;
            Ok(Reserved::New(PendingBooking {
                id: booking_id,
                user_id: customer_id,
                cylinder_id: cylinder.id,
                returned_cylinder_id: returned,
                amount: price,
                reserved_until: now + lease,
                order_ref,
            }))
        })
    }

    /// Finishes a paid booking.
    /// - Still Pending: handed over.
    /// - Completed already with this very charge (its lease ran out mid-charge and reconcile
    ///   finished it): the receipt, nothing refunded.
    /// - Cancelled meanwhile (staff, or a lapsed lease): the charge is refunded, and the
    ///   customer is told "refunded" only once the gateway confirmed it.
    fn confirm(&self, actor: &Actor, pending: &PendingBooking, charge: &Charge) -> Result<Receipt> {
        let now = self.now();
        let outcome = self.db.write(|w| {
            let Some(BookingState { status, .. }) = w.booking_state(pending.id)? else { return Err(Error::NotFound("Booking")) };
            match status {
                BookingStatus::Pending => {
                    let booking = self.hand_over(w, actor, pending, &charge.gateway_ref, now)?;
                    Ok(Confirmed::Receipt(Box::new(self.receipt_of(w, booking)?)))
                }
                BookingStatus::Completed => {
                    let paid_with = w.payment_of_booking(pending.id)?.and_then(|p| p.gateway_ref);
                    if paid_with.as_deref() == Some(charge.gateway_ref.as_str()) {
                        Ok(Confirmed::Receipt(Box::new(self.build_receipt(w, pending.id)?)))
                    } else {
                        // Cannot happen with one charge per order reference; refuse to guess.
                        Err(Error::Conflict("This booking was completed with another payment. Please ask the agency staff.".into()))
                    }
                }
                BookingStatus::Cancelled => {
                    let orphan = PendingCharge { booking_id: pending.id, amount: pending.amount };
                    match self.record_orphan_charge(w, actor, &orphan, charge, now)? {
                        Some(refund) => Ok(Confirmed::Cancelled(Some(refund))),
                        // Another process found this charge first; it may have refunded it already.
                        None if w.payment_of_booking(pending.id)?.is_some_and(|p| p.status == PaymentStatus::Refunded) => {
                            Ok(Confirmed::AlreadyRefunded)
                        }
                        None => Ok(Confirmed::Cancelled(None)),
                    }
                }
            }
        })?;
        let refunded = match outcome {
            Confirmed::Receipt(receipt) => return Ok(*receipt),
            Confirmed::AlreadyRefunded => true,
            Confirmed::Cancelled(Some(refund)) => self.ask_gateway_to_refund(actor, &refund)?,
            Confirmed::Cancelled(None) => false, // another process holds this refund and will finish it
        };
        let amount = pending.amount;
        Err(Error::BookingCancelled { amount, refunded, during_payment: true })
    }

    /// The confirm step's writes: old cylinder returned Empty, reserved one Assigned,
    /// payment Success, booking Completed. Returns the completed booking.
    fn hand_over(&self, w: &Writer<'_>, actor: &Actor, pending: &PendingBooking, gateway_ref: &str, now: Timestamp) -> Result<Booking> {
        let reserved = w.cylinder(pending.cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
        let returned = self.cylinder_returned_by(w, pending.user_id, reserved.type_id)?;
        if let Some(old) = &returned {
            w.mark_cylinder_empty(old.id, now)?;
        }
        w.assign_cylinder(pending.cylinder_id, pending.user_id, now)?;
        if !w.record_payment_success(pending.id, gateway_ref, now)?
            || !w.complete_booking(pending.id, returned.as_ref().map(|c| c.id), now)?
        {
            return Err(Error::Conflict("The booking changed while it was being confirmed.".into()));
        }
        self.issue_sale_document(w, actor, pending.id, now)?;
        // The completed booking names the handed-over cylinder for the audit rows too.
        let booking = w.booking(pending.id)?.ok_or(Error::NotFound("Booking"))?;
        if let Some(old) = &returned {
            let before = CylinderSnapshot { cylinder_code: &old.cylinder_code, status: "Assigned", assigned_to: Some(pending.user_id) };
            let after = CylinderSnapshot { cylinder_code: &old.cylinder_code, status: "Empty", assigned_to: None };
            audit(w, actor, "cylinder.returned", ("cylinder", old.id), Some(&before), Some(&after), now)?;
        }
        let code = &booking.cylinder_code;
        let before = CylinderSnapshot { cylinder_code: code, status: "Filled", assigned_to: None };
        let after = CylinderSnapshot { cylinder_code: code, status: "Assigned", assigned_to: Some(pending.user_id) };
        audit(w, actor, "cylinder.assigned", ("cylinder", pending.cylinder_id), Some(&before), Some(&after), now)?;
        audit(w, actor, "booking.confirm", ("booking", pending.id), NOTHING, Some(&booking), now)?;
        Ok(booking)
    }

    /// Undoes a reservation: payment Failed, booking Cancelled, cylinder back in stock. When
    /// the gateway's answer leaves open whether it charged, reconcile watches for the charge.
    fn release(&self, actor: &Actor, pending: &PendingBooking, reason: &str, may_have_charged: bool) -> Result<()> {
        let now = self.now();
        self.db.write(|w| {
            if w.pending_booking(pending.id)?.is_none() {
                return Ok(());
            }
            w.release_cylinder(pending.cylinder_id, now)?;
            w.record_payment_failure(pending.id, reason, now)?;
            if may_have_charged {
                self.watch_for_late_charge(w, pending, now)?;
            }
            w.cancel_booking(pending.id, &format!("Payment failed: {reason}"), now)?;
            let booking = w.booking(pending.id)?;
            audit(w, actor, "booking.release", ("booking", pending.id), NOTHING, booking.as_ref(), now)
        })
    }

    /// Finishes Pending bookings whose lease lapsed (their process died or hung): confirmed
    /// when the gateway has their charge, released otherwise (and watched, as the charge may
    /// still land). Then settles refunds: late charges of cancelled bookings, refused refunds
    /// past their back-off. Returns how many bookings and refunds it settled.
    /// Runs on open and before each booking; cheap when there is nothing to do (indexes).
    pub fn reconcile_lapsed_bookings(&self) -> Result<usize> {
        let lapsed = self.db.read(|r| r.lapsed_pending_bookings(self.now(), 100))?;
        let settled = self.settle_pending(&lapsed, None)?;
        Ok(settled + self.settle_refunds()?)
    }

    /// Settles *every* Pending booking now, lease or not, as [`Desk::reconcile_lapsed_bookings`]
    /// settles lapsed ones, then settles refunds. For the start of the LAN server in a fresh
    /// process (`gasdesk serve`; the office window's in-process server reconciles only lapsed
    /// ones, as a booking may still be paying in that process): a booking left Pending there was
    /// being paid for by a process that is gone, and the kiosk retrying it should hear its
    /// outcome now rather than after its lease. Should another process on this PC still be
    /// paying for one, no money is lost: its charge finds the booking cancelled and is
    /// refunded (and a charge landing later is watched for and refunded).
    pub fn settle_interrupted_bookings(&self) -> Result<usize> {
        const BATCH: u32 = 100;
        let mut settled = 0;
        loop {
            // Past any lease (at most an hour): every Pending booking.
            let horizon = self.now() + Duration::days(1);
            let batch = self.db.read(|r| r.lapsed_pending_bookings(horizon, BATCH))?;
            let done = self.settle_pending(&batch, Some(horizon))?;
            settled += done;
            // A batch the gateway could not answer for is left for the next reconcile.
            if batch.len() < BATCH as usize || done == 0 {
                break;
            }
        }
        Ok(settled + self.settle_refunds()?)
    }

    /// Settles each of `pending` still Pending with its reservation ending before `before`
    /// (`None`: before now, i.e. lapsed). Returns how many it settled.
    fn settle_pending(&self, pending: &[PendingBooking], before: Option<Timestamp>) -> Result<usize> {
        let system = Actor::System;
        let mut settled = 0;
        for pending in pending {
            let found = match self.gateway.find_charge(&pending.order_ref) {
                Ok(found) => found,
                // Unknown: leave it for a later pass rather than guess either way.
                Err(_) => continue,
            };
            let now = self.now();
            let done = self.db.write(|w| {
                match w.pending_booking(pending.id)? {
                    Some(still) if still.reserved_until < before.unwrap_or(now) => {}
                    _ => return Ok(false),
                }
                match &found {
                    Some(charge) => {
                        self.hand_over(w, &system, pending, &charge.gateway_ref, now)?;
                    }
                    None => {
                        w.release_cylinder(pending.cylinder_id, now)?;
                        w.record_payment_failure(pending.id, LAPSED_REASON, now)?;
                        // A hung process may still complete its charge after this.
                        self.watch_for_late_charge(w, pending, now)?;
                        w.cancel_booking(pending.id, LAPSED_REASON, now)?;
                        let booking = w.booking(pending.id)?;
                        audit(w, &system, "booking.lapsed", ("booking", pending.id), NOTHING, booking.as_ref(), now)?;
                    }
                }
                Ok(true)
            })?;
            settled += usize::from(done);
        }
        Ok(settled)
    }

    pub(crate) fn build_receipt(&self, r: &Reader<'_>, booking_id: i64) -> Result<Receipt> {
        let booking = r.booking(booking_id)?.ok_or(Error::NotFound("Booking"))?;
        self.receipt_of(r, booking)
    }

    /// The receipt of a booking already read.
    fn receipt_of(&self, r: &Reader<'_>, booking: Booking) -> Result<Receipt> {
        let booking_id = booking.id;
        let customer = r.customer(booking.user_id)?.ok_or(Error::NotFound("Customer"))?;
        let payment = r.payment_of_booking(booking_id)?;
        let type_name = r.cylinder_by_code(&booking.cylinder_code)?.map(|c| c.type_name).unwrap_or_default();
        let settings = self.read_settings(r)?;
        let document = self.sale_document_of(r, booking_id, &settings.emergency_helpline)?;
        Ok(Receipt {
            agency_name: settings.agency_name,
            helpline: settings.emergency_helpline,
            document,
            booking_reference: booking.reference,
            customer_username: customer.username,
            customer_name: customer.full_name,
            consumer_no: customer.consumer_no,
            type_name,
            cylinder_code: booking.cylinder_code,
            returned_cylinder_code: booking.returned_cylinder_code,
            amount: booking.amount,
            method: payment.as_ref().map(|p| p.method),
            payment_reference: booking.payment_ref,
            time: booking.booking_date,
        })
    }

    /// A receipt: customers see their own, staff any.
    pub fn receipt(&self, actor: &Actor, booking_id: i64) -> Result<Receipt> {
        self.db.read(|r| {
            let BookingState { status, user_id: owner, .. } = r.booking_state(booking_id)?.ok_or(Error::NotFound("Booking"))?;
            if let Actor::Customer { id, .. } = actor {
                if *id != owner {
                    return Err(Error::NotFound("Booking"));
                }
            } else {
                actor.require_staff()?;
            }
            if status != BookingStatus::Completed {
                return Err(Error::NoReceiptYet);
            }
            self.build_receipt(r, booking_id)
        })
    }

    pub fn my_bookings(&self, actor: &Actor, page: &PageRequest) -> Result<Page<Booking>> {
        let customer_id = actor.require_customer()?;
        let filter = BookingFilter { status: None, user_id: Some(customer_id) };
        let rows = self.db.read(|r| r.list_bookings(&filter, page))?;
        Ok(Page::from_rows(rows, page))
    }

    pub fn my_payments(&self, actor: &Actor, page: &PageRequest) -> Result<Page<Payment>> {
        let customer_id = actor.require_customer()?;
        let rows = self.db.read(|r| r.payments_of_customer(customer_id, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// Staff: bookings by status and/or customer, newest first.
    pub fn list_bookings(&self, actor: &Actor, filter: &BookingFilter, page: &PageRequest) -> Result<Page<Booking>> {
        actor.require_staff()?;
        let rows = self.db.read(|r| r.list_bookings(filter, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// Staff: the bookings list as its screen asks for it: the one booking a typed reference
    /// names, or else the filtered list.
    pub fn search_bookings(&self, actor: &Actor, filter: &BookingFilter, reference: &str, page: &PageRequest) -> Result<Page<Booking>> {
        if reference.trim().is_empty() {
            return self.list_bookings(actor, filter, page);
        }
        let found = self.find_booking(actor, reference)?;
        Ok(Page { items: vec![found], offset: 0, has_more: false })
    }

    /// Staff: one booking by its reference (`BK-000123`).
    pub fn find_booking(&self, actor: &Actor, reference: &str) -> Result<Booking> {
        actor.require_staff()?;
        let id = crate::store::parse_booking_reference(reference)
            .ok_or(Error::invalid("reference", "Enter a booking reference like BK-000123."))?;
        self.db.read(|r| r.booking(id))?.ok_or(Error::NotFound("Booking"))
    }
}

impl Desk {
    /// The connection a booking refills: the one of `type_id`, or the customer's only one.
    pub(super) fn connection_to_refill(&self, r: &Reader<'_>, customer_id: i64, type_id: Option<i64>) -> Result<ConnectionRow> {
        let connection = match type_id {
            Some(type_id) => r.connection(customer_id, type_id)?.ok_or(Error::NoConnectionOfType)?,
            None => {
                let mut all = r.connections_of(customer_id)?;
                if all.len() != 1 {
                    return Err(Error::ChooseConnection);
                }
                all.remove(0)
            }
        };
        if !connection.type_active {
            return Err(Error::TypeNotSold { type_name: connection.type_name });
        }
        Ok(connection)
    }

    /// The cylinder a customer hands back when they get one more of `type_id`: none while they
    /// hold fewer than their connection allows (a first cylinder, or a double-bottle
    /// connection's second), else the one they have held longest.
    pub(super) fn cylinder_returned_by(&self, r: &Reader<'_>, customer_id: i64, type_id: i64) -> Result<Option<crate::model::Cylinder>> {
        let Some(connection) = r.connection(customer_id, type_id)? else { return Ok(None) };
        if connection.held < connection.allowance {
            return Ok(None);
        }
        r.cylinder_to_return(customer_id, type_id)
    }
}

/// What the reserve transaction did.
pub(super) enum Reserved {
    New(PendingBooking),
    /// The idempotency key was used before, by this booking.
    KeyUsed(KeyedBooking),
}

/// What the confirm transaction found.
enum Confirmed {
    Receipt(Box<Receipt>),
    /// The booking was cancelled: the refund of the charge, if this process holds it.
    Cancelled(Option<crate::store::OpenRefund>),
    /// The booking was cancelled and another process already refunded the charge.
    AlreadyRefunded,
}

fn customer_name(actor: &Actor) -> &str {
    match actor {
        Actor::Customer { username, .. } | Actor::Staff { username, .. } => username,
        Actor::System => "system",
    }
}
