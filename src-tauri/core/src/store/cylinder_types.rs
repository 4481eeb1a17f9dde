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

impl Writer<'_> {
    pub fn insert_cylinder_type(&self, fields: &TypeFields<'_>, now: Timestamp) -> Result<i64> {
        self.conn
            .prepare_cached(
                "INSERT INTO cylinder_types (name, category, price_paise, gst_rate_bp, hsn, active, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                fields.name,
                fields.category.as_str(),
                fields.price.paise(),
                fields.gst_rate_bp,
                fields.hsn,
                fields.active,
                db_time(now)
            ])?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_cylinder_type(&self, id: i64, fields: &TypeFields<'_>, now: Timestamp) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE cylinder_types SET name = ?2, category = ?3, price_paise = ?4, gst_rate_bp = ?5, hsn = ?6, active = ?7, updated_at = ?8
                 WHERE id = ?1",
            )?
            .execute(params![
                id,
                fields.name,
                fields.category.as_str(),
                fields.price.paise(),
                fields.gst_rate_bp,
                fields.hsn,
                fields.active,
                db_time(now)
            ])?;
        Ok(changed == 1)
    }
}
