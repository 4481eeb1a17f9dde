//! The `cylinder_types` table: what the agency sells, at what GST-inclusive price and rate.
use super::rows::{db_time, word_at};
use super::{Reader, Writer};
use crate::error::Result;
use crate::model::{CylinderCategory, CylinderType, Money, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

const SELECT: &str = "SELECT id, name, category, price_paise, gst_rate_bp, hsn, active FROM cylinder_types";

fn type_from_row(row: &Row<'_>) -> rusqlite::Result<CylinderType> {
    Ok(CylinderType {
        id: row.get(0)?,
        name: row.get(1)?,
        category: word_at(row, 2, CylinderCategory::from_word)?,
        price: Money::from_paise(row.get(3)?),
        gst_rate_bp: row.get(4)?,
        hsn: row.get(5)?,
        active: row.get(6)?,
    })
}

/// A type's fields as staff set them.
pub struct TypeFields<'a> {
    pub name: &'a str,
    pub category: CylinderCategory,
    pub price: Money,
    pub gst_rate_bp: i64,
    pub hsn: &'a str,
    pub active: bool,
}

impl Reader<'_> {
    /// Every type, the defaults first (by id).
    pub fn cylinder_types(&self) -> Result<Vec<CylinderType>> {
        let sql = format!("{SELECT} ORDER BY id");
        Ok(self.conn.prepare_cached(&sql)?.query_map([], type_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn cylinder_type(&self, id: i64) -> Result<Option<CylinderType>> {
        let sql = format!("{SELECT} WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], type_from_row).optional()?)
    }

    /// Another type already has this name (names are compared without case).
    pub fn cylinder_type_name_taken(&self, name: &str, except_id: i64) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM cylinder_types WHERE name = ?1 AND id <> ?2")?.exists(params![name, except_id])?)
    }
}

impl TypeFields<'_> {
    /// The fields as named parameters, the same for the insert and the update (`stored` holds
    /// the category's word, the price in paise and the time as stored, which they point into).
    fn named<'p>(&'p self, stored: &'p (&'static str, i64, String)) -> [(&'static str, &'p dyn rusqlite::ToSql); 7] {
        [
            (":name", &self.name),
            (":category", &stored.0),
            (":price", &stored.1),
            (":rate", &self.gst_rate_bp),
            (":hsn", &self.hsn),
            (":active", &self.active),
            (":now", &stored.2),
        ]
    }
}

impl Writer<'_> {
    pub fn insert_cylinder_type(&self, fields: &TypeFields<'_>, now: Timestamp) -> Result<i64> {
        let stored = (fields.category.as_str(), fields.price.paise(), db_time(now));
        self.conn
            .prepare_cached(
                "INSERT INTO cylinder_types (name, category, price_paise, gst_rate_bp, hsn, active, created_at, updated_at)
                 VALUES (:name, :category, :price, :rate, :hsn, :active, :now, :now)",
            )?
            .execute(&fields.named(&stored)[..])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_cylinder_type(&self, id: i64, fields: &TypeFields<'_>, now: Timestamp) -> Result<bool> {
        let stored = (fields.category.as_str(), fields.price.paise(), db_time(now));
        let mut named = fields.named(&stored).to_vec();
        named.push((":id", &id));
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE cylinder_types SET name = :name, category = :category, price_paise = :price, gst_rate_bp = :rate, hsn = :hsn,
                        active = :active, updated_at = :now
                 WHERE id = :id",
            )?
            .execute(&named[..])?;
        Ok(changed == 1)
    }
}
