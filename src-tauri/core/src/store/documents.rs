//! The `sale_documents` table: tax invoices, credit notes and delivery notes, numbered gapless
//! per kind and financial year. The next number is read and written in the caller's IMMEDIATE
//! transaction (the one completing the sale), so two processes never take one number and a
//! rolled-back sale leaves no hole; the schema's trigger refuses any number that is not next.
use super::rows::{db_time, opt_word_at, time_at, word_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{DocumentKind, Money, PaymentMethod, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

/// A document as stored: everything printed on it, fixed when issued.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub kind: DocumentKind,
    pub number: String,
    pub booking_id: i64,
    pub refers_to_number: Option<String>,
    pub refers_to_date: Option<Timestamp>,
    pub issued_at: Timestamp,
    pub seller_name: String,
    pub seller_address: String,
    pub seller_gstin: String,
    pub seller_state: String,
    pub customer_name: String,
    pub consumer_no: String,
    pub customer_address: String,
    pub type_name: String,
    pub hsn: String,
    pub gst_rate_bp: i64,
    pub cylinder_code: String,
    pub total: Money,
    pub taxable: Money,
    pub cgst: Money,
    pub sgst: Money,
    pub payment_method: Option<PaymentMethod>,
    pub payment_ref: Option<String>,
    pub prints: i64,
}

/// What a new document carries; its number comes from [`Writer::insert_document`].
pub struct NewDocument<'a> {
    pub kind: DocumentKind,
    /// `GD`, `CN`, `DN`: the series' prefix.
    pub prefix: &'a str,
    pub financial_year: &'a str,
    pub booking_id: i64,
    pub refers_to: Option<i64>,
    pub issued_at: Timestamp,
    pub seller: [&'a str; 4],
    pub customer_name: &'a str,
    pub consumer_no: &'a str,
    pub customer_address: &'a str,
    pub type_name: &'a str,
    pub hsn: &'a str,
    pub gst_rate_bp: i64,
    pub cylinder_code: &'a str,
    pub total_paise: i64,
    pub taxable_paise: i64,
    pub cgst_paise: i64,
    pub sgst_paise: i64,
    pub payment_method: Option<PaymentMethod>,
    pub payment_ref: Option<&'a str>,
}

const SELECT: &str = "SELECT d.id, d.kind, d.number, d.booking_id, r.number, d.issued_at, d.seller_name, d.seller_address,
                             d.seller_gstin, d.seller_state, d.customer_name, d.consumer_no, d.customer_address, d.type_name,
                             d.hsn, d.gst_rate_bp, d.cylinder_code, d.total_paise, d.taxable_paise, d.cgst_paise, d.sgst_paise,
                             d.payment_method, d.payment_ref, d.prints, r.issued_at
                      FROM sale_documents d LEFT JOIN sale_documents r ON r.id = d.refers_to";

fn document_from_row(row: &Row<'_>) -> rusqlite::Result<DocumentRow> {
    Ok(DocumentRow {
        id: row.get(0)?,
        kind: word_at(row, 1, DocumentKind::from_word)?,
        number: row.get(2)?,
        booking_id: row.get(3)?,
        refers_to_number: row.get(4)?,
        issued_at: time_at(row, 5)?,
        seller_name: row.get(6)?,
        seller_address: row.get(7)?,
        seller_gstin: row.get(8)?,
        seller_state: row.get(9)?,
        customer_name: row.get(10)?,
        consumer_no: row.get(11)?,
        customer_address: row.get(12)?,
        type_name: row.get(13)?,
        hsn: row.get(14)?,
        gst_rate_bp: row.get(15)?,
        cylinder_code: row.get(16)?,
        total: Money::from_paise(row.get(17)?),
        taxable: Money::from_paise(row.get(18)?),
        cgst: Money::from_paise(row.get(19)?),
        sgst: Money::from_paise(row.get(20)?),
        payment_method: opt_word_at(row, 21, PaymentMethod::from_word)?,
        payment_ref: row.get(22)?,
        prints: row.get(23)?,
        refers_to_date: super::rows::opt_time_at(row, 24)?,
    })
}

impl Reader<'_> {
    pub fn document(&self, id: i64) -> Result<Option<DocumentRow>> {
        let sql = format!("{SELECT} WHERE d.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], document_from_row).optional()?)
    }

    /// A booking's document of one kind (each booking has at most one of each).
    pub fn document_of_booking(&self, booking_id: i64, kind: DocumentKind) -> Result<Option<DocumentRow>> {
        let sql = format!("{SELECT} WHERE d.booking_id = ?1 AND d.kind = ?2");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![booking_id, kind.as_str()], document_from_row).optional()?)
    }

    /// A booking's documents, in the order they were issued.
    pub fn documents_of_booking(&self, booking_id: i64) -> Result<Vec<DocumentRow>> {
        let sql = format!("{SELECT} WHERE d.booking_id = ?1 ORDER BY d.id");
        Ok(self.conn.prepare_cached(&sql)?.query_map([booking_id], document_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Writer<'_> {
    /// Issues a document with the next number of its series (`GD/26-27/000123`: 15 characters,
    /// within GST rule 46(b)'s 16). Returns its id.
    pub fn insert_document(&self, new: &NewDocument<'_>) -> Result<i64> {
        let seq: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(max(seq), 0) + 1 FROM sale_documents WHERE kind = ?1 AND financial_year = ?2")?
            .query_row(params![new.kind.as_str(), new.financial_year], |r| r.get(0))?;
        // `2026-27` → `26-27`: the full year would make the number 17 characters long.
        let short_year = new.financial_year.get(2..).unwrap_or(new.financial_year);
        let number = format!("{}/{short_year}/{seq:06}", new.prefix);
        self.conn
            .prepare_cached(
                "INSERT INTO sale_documents (kind, financial_year, seq, number, booking_id, refers_to, issued_at,
                     seller_name, seller_address, seller_gstin, seller_state, customer_name, consumer_no, customer_address,
                     type_name, hsn, gst_rate_bp, cylinder_code, total_paise, taxable_paise, cgst_paise, sgst_paise,
                     payment_method, payment_ref)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
            )?
            .execute(params![
                new.kind.as_str(),
                new.financial_year,
                seq,
                number,
                new.booking_id,
                new.refers_to,
                db_time(new.issued_at),
                new.seller[0],
                new.seller[1],
                new.seller[2],
                new.seller[3],
                new.customer_name,
                new.consumer_no,
                new.customer_address,
                new.type_name,
                new.hsn,
                new.gst_rate_bp,
                new.cylinder_code,
                new.total_paise,
                new.taxable_paise,
                new.cgst_paise,
                new.sgst_paise,
                new.payment_method.map(PaymentMethod::as_str),
                new.payment_ref,
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Counts one more print; returns how many prints there were before this one.
    pub fn record_document_print(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("UPDATE sale_documents SET prints = prints + 1 WHERE id = ?1 RETURNING prints - 1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }
}
