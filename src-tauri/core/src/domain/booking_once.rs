//! Booking at most once per idempotency key (issue 11): a kiosk on its own PC whose request or
//! reply was lost on the LAN asks again with the same key, and hears what became of the first
//! request instead of booking and charging a second time.
//!
//! The key is stored on the booking in the reserving transaction, after the check for it, so
//! two requests with one key never both reserve (and a unique index makes the database refuse a
//! second booking under a key whatever code writes it). A repeat is answered from the booking:
//! - Completed: its receipt again; nothing written, nothing charged;
//! - still Pending (its payment under way, or its process gone and not yet reconciled): `Busy`,
//!   and the kiosk asks again;
//! - Cancelled: what the first attempt was told (a refused card: `PaymentFailed` with its
//!   reason), or that it did not go through, with whether money was taken and refunded.
//!
//! A repeat is answered before anything else is checked (bookings paused, who is logged in
//! at a kiosk PC after the office restarted): it asks what happened, it books nothing.
use super::actor::Actor;
use super::booking::{Reserved, LAPSED_REASON};
use super::overrides::STAFF_CANCEL_REASON_PREFIX;
use super::Desk;
use crate::error::{Error, Result};
use crate::model::{BookingStatus, Money, PaymentStatus, Receipt, RefundState};
use crate::store::KeyedBooking;

/// The shortest and longest key: long enough to be unique when random, short enough to index.
const KEY_CHARS: std::ops::RangeInclusive<usize> = 8..=64;

const KEY_RULE: &str = "A booking request key has 8 to 64 letters, digits, dashes or underscores.";

/// A key as the kiosk sent it, or `Invalid` on field `idempotency_key`.
fn checked_key(raw: &str) -> Result<&str> {
    let well_formed = KEY_CHARS.contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if well_formed {
        Ok(raw)
    } else {
        Err(Error::invalid("idempotency_key", KEY_RULE))
    }
}

/// The key a paired kiosk PC's booking is stored under: `d<device id>-<its key>`. A device's
/// keys then never meet another device's, so a key one kiosk sent (or a guessed one) tells
/// another kiosk nothing about a booking. `Invalid` when the kiosk's key breaks the rule, or
/// is too long to carry the prefix within it (a kiosk's keys are UUIDs, 36 characters).
pub fn device_scoped_key(device_id: i64, raw: &str) -> Result<String> {
    let scoped = format!("d{device_id}-{}", checked_key(raw)?);
    if !KEY_CHARS.contains(&scoped.len()) {
        return Err(Error::invalid("idempotency_key", KEY_RULE));
    }
    Ok(scoped)
}

impl Desk {
    /// `book_cylinder`, made at most once per `idempotency_key`: asked again with a key already
    /// used, it answers with that booking's settled result and charges nothing more (see the
    /// module's notes). A key used by another customer is a `Conflict`.
    pub fn book_cylinder_once(&self, actor: &Actor, confirmed_price: Money, idempotency_key: &str) -> Result<Receipt> {
        self.book_cylinder_once_of_type(actor, None, confirmed_price, idempotency_key)
    }

    /// [`Desk::book_cylinder_once`] for the customer's connection of `type_id` (None: their
    /// only one).
    pub fn book_cylinder_once_of_type(
        &self,
        actor: &Actor,
        type_id: Option<i64>,
        confirmed_price: Money,
        idempotency_key: &str,
    ) -> Result<Receipt> {
        let key = checked_key(idempotency_key)?;
        let customer_id = actor.require_customer()?;
        // First, so a repeat of a booking whose process died hears its settled outcome.
        self.reconcile_lapsed_bookings()?;
        if let Some(earlier) = self.db.read(|r| r.booking_by_idempotency_key(key))? {
            return self.answer_again(customer_id, &earlier);
        }
        // Only a new booking is refused while bookings are paused: a repeat was answered above.
        self.ensure_bookings_open()?;
        let pending = match self.reserve_keyed(actor, customer_id, type_id, confirmed_price, Some(key)) {
            Ok(Reserved::New(pending)) => pending,
            Ok(Reserved::KeyUsed(earlier)) => return self.answer_again(customer_id, &earlier),
            Err(refused) => {
                // A repeat that met the unique index (or any refusal racing one) gets the first
                // request's answer, never a storage error.
                if let Ok(Some(earlier)) = self.db.read(|r| r.booking_by_idempotency_key(key)) {
                    return self.answer_again(customer_id, &earlier);
                }
                return Err(refused);
            }
        };
        self.pay_for(actor, &pending)
    }

    /// What became of the booking made under `idempotency_key`, whoever asks: `None` when no
    /// booking has it (the request never reached the desk, so nothing was booked or charged),
    /// otherwise the answer a repeat of it gets (its receipt, `Busy`, or its settled refusal).
    /// For a paired kiosk PC whose customer session the office lost (an office restart)
    /// while its booking's reply was lost too. The caller scopes the key to the asking device
    /// ([`device_scoped_key`]): the key is random and known only to the kiosk that sent it.
    pub fn booking_outcome_for_key(&self, idempotency_key: &str) -> Result<Option<Receipt>> {
        let key = checked_key(idempotency_key)?;
        self.reconcile_lapsed_bookings()?;
        match self.db.read(|r| r.booking_by_idempotency_key(key))? {
            Some(earlier) => self.settled_answer(&earlier).map(Some),
            None => Ok(None),
        }
    }

    /// The answer to a repeat of the request that made `earlier`.
    fn answer_again(&self, customer_id: i64, earlier: &KeyedBooking) -> Result<Receipt> {
        if earlier.user_id != customer_id {
            return Err(Error::BookingKeyUsed);
        }
        self.settled_answer(earlier)
    }

    /// The answer about `earlier`, to whoever may hear it.
    fn settled_answer(&self, earlier: &KeyedBooking) -> Result<Receipt> {
        match earlier.status {
            BookingStatus::Completed => self.db.read(|r| self.build_receipt(r, earlier.id)),
            BookingStatus::Pending => Err(Error::Busy),
            BookingStatus::Cancelled => Err(did_not_go_through(earlier)),
        }
    }
}

/// What a repeat of a cancelled booking is told: never a new charge, and never "not charged"
/// when money was taken.
fn did_not_go_through(earlier: &KeyedBooking) -> Error {
    let amount = earlier.amount;
    let refunded = earlier.payment_status == Some(PaymentStatus::Refunded) || earlier.refund == Some(RefundState::Refunded);
    if refunded || earlier.charged || earlier.refund.is_some() {
        return Error::BookingCancelled { amount, refunded, during_payment: false };
    }
    match earlier.failure_reason.as_deref() {
        // The gateway refused it: the first attempt was told so, in these words.
        Some(reason) if reason != LAPSED_REASON && !reason.starts_with(STAFF_CANCEL_REASON_PREFIX) => {
            Error::PaymentFailed { reason: reason.to_owned() }
        }
        // Its process was gone, or staff cancelled it, before any money was taken.
        _ => Error::BookingNotCharged,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_8_to_64_letters_digits_dashes_or_underscores() {
        for good in ["abcd-123", "A_b-C_d-0123456789", &"k".repeat(64)] {
            assert_eq!(checked_key(good).unwrap(), good);
        }
        for bad in ["", "short", &"k".repeat(65), "has space1", "semi;colon", "ünïcode-key", "new\nline-key"] {
            let refused = checked_key(bad).unwrap_err();
            assert!(matches!(refused, Error::Invalid { field: "idempotency_key", .. }), "{bad:?}");
        }
    }

    fn cancelled(charged: bool, payment: PaymentStatus, reason: Option<&str>, refund: Option<RefundState>) -> KeyedBooking {
        KeyedBooking {
            id: 1,
            user_id: 1,
            status: BookingStatus::Cancelled,
            amount: Money::from_paise(100_000),
            payment_status: Some(payment),
            charged,
            failure_reason: reason.map(str::to_owned),
            refund,
        }
    }

    #[test]
    fn a_cancelled_booking_is_never_told_not_charged_when_money_was_taken() {
        let declined = did_not_go_through(&cancelled(false, PaymentStatus::Failed, Some("declined: card"), None));
        assert!(matches!(&declined, Error::PaymentFailed { reason } if reason == "declined: card"), "{declined:?}");
        let lapsed = did_not_go_through(&cancelled(false, PaymentStatus::Failed, Some(LAPSED_REASON), None));
        assert!(matches!(&lapsed, Error::BookingNotCharged) && lapsed.to_string().contains("not charged"), "{lapsed:?}");
        let by_staff = did_not_go_through(&cancelled(false, PaymentStatus::Failed, Some("cancelled by staff: no gas"), None));
        assert!(matches!(&by_staff, Error::BookingNotCharged) && by_staff.to_string().contains("not charged"), "{by_staff:?}");
        // A late charge of a lapsed booking, its refund not yet confirmed.
        let late = did_not_go_through(&cancelled(true, PaymentStatus::Failed, Some(LAPSED_REASON), Some(RefundState::Pending)));
        assert!(matches!(&late, Error::BookingCancelled { refunded: false, during_payment: false, .. }), "{late:?}");
        assert!(late.to_string().contains("will be refunded"), "{late}");
        let refunded = did_not_go_through(&cancelled(true, PaymentStatus::Refunded, Some(LAPSED_REASON), Some(RefundState::Refunded)));
        assert!(matches!(&refunded, Error::BookingCancelled { refunded: true, during_payment: false, .. }), "{refunded:?}");
        assert!(refunded.to_string().contains("has been refunded"), "{refunded}");
        let staff_after_completion = did_not_go_through(&cancelled(true, PaymentStatus::Success, None, Some(RefundState::Failed)));
        assert!(
            matches!(&staff_after_completion, Error::BookingCancelled { refunded: false, during_payment: false, .. }),
            "{staff_after_completion:?}"
        );
        assert!(staff_after_completion.to_string().contains("will be refunded"), "{staff_after_completion}");
    }
}
