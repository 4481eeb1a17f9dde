//! GST documents (spec §8): every completed sale gets a tax invoice, numbered gapless per
//! financial year in the very transaction that completes it; a free replacement gets a
//! zero-value delivery note; a refund of an invoiced sale gets a credit note naming the invoice.
//! Taxable value, CGST and SGST are worked back from the inclusive price (`model::tax`).
use super::actor::{audit, Actor, NOTHING};
use super::Desk;
use crate::error::{Error, Result};
use crate::model::{
    financial_year, half_rate_percent, india_date, rate_percent, rupees_in_words, rupees_in_words_hi, split_inclusive, DocumentCopy,
    DocumentKind, SaleDocument, Timestamp,
};
use crate::store::{booking_reference, BookingState, DocumentRow, NewDocument, Reader, Writer};

/// The series' prefixes: `GD/26-27/000123`, `CN/…`, `DN/…`.
fn prefix(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Invoice => "GD",
        DocumentKind::CreditNote => "CN",
        DocumentKind::DeliveryNote => "DN",
    }
}

impl Desk {
    /// In the caller's (completing) transaction: the invoice of a paid sale, or the delivery
    /// note of a free one. Returns the document's id.
    pub(crate) fn issue_sale_document(&self, w: &Writer<'_>, actor: &Actor, booking_id: i64, now: Timestamp) -> Result<i64> {
        let booking = w.booking(booking_id)?.ok_or(Error::NotFound("Booking"))?;
        let customer = w.customer(booking.user_id)?.ok_or(Error::NotFound("Customer"))?;
        let cylinder = w.cylinder_by_code(&booking.cylinder_code)?.ok_or(Error::NotFound("Cylinder"))?;
        let kind_of_cylinder = w.cylinder_type(cylinder.type_id)?.ok_or(Error::NotFound("Cylinder type"))?;
        let settings = self.read_settings(w)?;
        let payment = w.payment_of_booking(booking_id)?;
        let total = booking.amount.paise();
        let kind = if total == 0 { DocumentKind::DeliveryNote } else { DocumentKind::Invoice };
        let split = split_inclusive(total, kind_of_cylinder.gst_rate_bp);
        let fy = financial_year(india_date(now));
        let id = w.insert_document(&NewDocument {
            kind,
            prefix: prefix(kind),
            financial_year: &fy,
            booking_id,
            refers_to: None,
            issued_at: now,
            seller: [&settings.legal_name, &settings.agency_address, &settings.gstin, &settings.agency_state],
            customer_name: &customer.full_name,
            consumer_no: &customer.consumer_no,
            customer_address: &customer.address,
            type_name: &kind_of_cylinder.name,
            hsn: &kind_of_cylinder.hsn,
            gst_rate_bp: kind_of_cylinder.gst_rate_bp,
            cylinder_code: &cylinder.cylinder_code,
            total_paise: total,
            taxable_paise: split.taxable_paise,
            cgst_paise: split.cgst_paise,
            sgst_paise: split.sgst_paise,
            payment_method: payment.as_ref().map(|p| p.method),
            payment_ref: booking.payment_ref.as_deref(),
        })?;
        let issued = w.document(id)?.map(|d| d.number);
        audit(w, actor, "document.issue", ("booking", booking_id), NOTHING, Some(&issued), now)?;
        Ok(id)
    }

    /// In the caller's (cancelling) transaction: the credit note reversing a booking's invoice,
    /// when it has one (bookings from before invoices, and free ones, have none).
    pub(crate) fn issue_credit_note(&self, w: &Writer<'_>, actor: &Actor, booking_id: i64, now: Timestamp) -> Result<Option<i64>> {
        let Some(invoice) = w.document_of_booking(booking_id, DocumentKind::Invoice)? else { return Ok(None) };
        let fy = financial_year(india_date(now));
        let kind = DocumentKind::CreditNote;
        let id = w.insert_document(&NewDocument {
            kind,
            prefix: prefix(kind),
            financial_year: &fy,
            booking_id,
            refers_to: Some(invoice.id),
            issued_at: now,
            seller: [&invoice.seller_name, &invoice.seller_address, &invoice.seller_gstin, &invoice.seller_state],
            customer_name: &invoice.customer_name,
            consumer_no: &invoice.consumer_no,
            customer_address: &invoice.customer_address,
            type_name: &invoice.type_name,
            hsn: &invoice.hsn,
            gst_rate_bp: invoice.gst_rate_bp,
            cylinder_code: &invoice.cylinder_code,
            total_paise: invoice.total.paise(),
            taxable_paise: invoice.taxable.paise(),
            cgst_paise: invoice.cgst.paise(),
            sgst_paise: invoice.sgst.paise(),
            payment_method: invoice.payment_method,
            payment_ref: invoice.payment_ref.as_deref(),
        })?;
        let issued = w.document(id)?.map(|d| (d.number, invoice.number));
        audit(w, actor, "document.credit_note", ("booking", booking_id), NOTHING, Some(&issued), now)?;
        Ok(Some(id))
    }

    /// A stored document as the screens show it, labelled Original or Duplicate by
    /// `prints_before` (how many times it was printed before the copy being made). The helpline
    /// is today's (the caller has the settings already), not a snapshot.
    fn document_view(row: DocumentRow, prints_before: i64, helpline: &str) -> SaleDocument {
        let copy = if prints_before == 0 { DocumentCopy::Original } else { DocumentCopy::Duplicate };
        SaleDocument {
            id: row.id,
            kind: row.kind,
            number: row.number,
            copy,
            issued_at: row.issued_at,
            booking_reference: booking_reference(row.booking_id),
            refers_to_number: row.refers_to_number,
            refers_to_date: row.refers_to_date,
            seller_name: row.seller_name,
            seller_address: row.seller_address,
            seller_gstin: row.seller_gstin,
            seller_state: row.seller_state,
            customer_name: row.customer_name,
            consumer_no: row.consumer_no,
            customer_address: row.customer_address,
            type_name: row.type_name,
            hsn: row.hsn,
            gst_rate_percent: rate_percent(row.gst_rate_bp),
            half_rate_percent: half_rate_percent(row.gst_rate_bp),
            cylinder_code: row.cylinder_code,
            amount_in_words: rupees_in_words(row.total),
            amount_in_words_hi: rupees_in_words_hi(row.total),
            total: row.total,
            taxable: row.taxable,
            cgst: row.cgst,
            sgst: row.sgst,
            payment_method: row.payment_method,
            payment_reference: row.payment_ref,
            helpline: helpline.to_owned(),
        }
    }

    /// The sale document of a completed booking (invoice or delivery note), if it has one.
    pub(crate) fn sale_document_of(&self, r: &Reader<'_>, booking_id: i64, helpline: &str) -> Result<Option<SaleDocument>> {
        let found = match r.document_of_booking(booking_id, DocumentKind::Invoice)? {
            Some(invoice) => Some(invoice),
            None => r.document_of_booking(booking_id, DocumentKind::DeliveryNote)?,
        };
        Ok(found.map(|row| {
            let prints = row.prints;
            Self::document_view(row, prints, helpline)
        }))
    }

    /// Staff: every document of a booking (its invoice or delivery note, and a credit note).
    pub fn booking_documents(&self, actor: &Actor, booking_id: i64) -> Result<Vec<SaleDocument>> {
        actor.require_staff()?;
        self.db.read(|r| {
            let helpline = self.read_settings(r)?.emergency_helpline;
            Ok(r.documents_of_booking(booking_id)?
                .into_iter()
                .map(|d| {
                    let prints = d.prints;
                    Self::document_view(d, prints, &helpline)
                })
                .collect())
        })
    }

    /// Records a print of a document and returns it as that copy prints: Original the first
    /// time, Duplicate after. A customer may print only their own.
    pub fn print_document(&self, actor: &Actor, document_id: i64) -> Result<SaleDocument> {
        let now = self.now();
        self.db.write(|w| {
            let row = w.document(document_id)?.ok_or(Error::NotFound("Document"))?;
            let BookingState { user_id, .. } = w.booking_state(row.booking_id)?.ok_or(Error::NotFound("Booking"))?;
            match actor {
                Actor::Customer { id, .. } if *id != user_id => return Err(Error::NotFound("Document")),
                Actor::Customer { .. } => {}
                _ => {
                    actor.require_staff()?;
                }
            }
            let prints_before = w.record_document_print(document_id)?.ok_or(Error::NotFound("Document"))?;
            if prints_before > 0 {
                audit(w, actor, "document.reprint", ("booking", row.booking_id), NOTHING, Some(&row.number), now)?;
            }
            Ok(Self::document_view(row, prints_before, &self.read_settings(w)?.emergency_helpline))
        })
    }
}
