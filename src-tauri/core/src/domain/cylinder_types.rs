//! Cylinder types: what the agency sells, at a GST-inclusive price and rate. Staff add and
//! change them; a type is never deleted (cylinders and invoices name it), only made inactive.
use super::actor::{audit, Actor};
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{CylinderType, CylinderTypeInput};
use crate::store::TypeFields;

impl Desk {
    /// Every type, active or not (anyone: a kiosk shows the prices before log-in too).
    pub fn cylinder_types(&self) -> Result<Vec<CylinderType>> {
        self.db.read(|r| r.cylinder_types())
    }

    /// Adds a type (`type_id` None) or changes one.
    pub fn save_cylinder_type(&self, actor: &Actor, type_id: Option<i64>, input: &CylinderTypeInput) -> Result<CylinderType> {
        actor.require_staff_or_system()?;
        let name = validate::line("name", &input.name, 1, 40, "type name")?;
        let price = input.price.paise();
        if !(100..=9_999_999).contains(&price) {
            return Err(Error::invalid("price", "The price must be between ₹1.00 and ₹99,999.99."));
        }
        if !(0..=2800).contains(&input.gst_rate_bp) {
            return Err(Error::invalid("gst_rate_bp", "The GST rate must be between 0 % and 28 %."));
        }
        let hsn = input.hsn.trim();
        if !(4..=8).contains(&hsn.len()) || !hsn.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::invalid("hsn", "The HSN code is 4 to 8 digits (2711 for LPG)."));
        }
        let fields = TypeFields {
            name: &name,
            category: input.category,
            price: input.price,
            gst_rate_bp: input.gst_rate_bp,
            hsn,
            active: input.active,
        };
        let now = self.now();
        self.db.write(|w| {
            if w.cylinder_type_name_taken(&name, type_id.unwrap_or(0))? {
                return Err(Error::invalid("name", "Another cylinder type has that name."));
            }
            let (id, before) = match type_id {
                None => (w.insert_cylinder_type(&fields, now)?, None),
                Some(id) => {
                    let before = w.cylinder_type(id)?.ok_or(Error::NotFound("Cylinder type"))?;
                    w.update_cylinder_type(id, &fields, now)?;
                    (id, Some(before))
                }
            };
            let after = w.cylinder_type(id)?.ok_or(Error::NotFound("Cylinder type"))?;
            let action = if before.is_some() { "cylinder_type.update" } else { "cylinder_type.create" };
            audit(w, actor, action, ("cylinder_type", id), before.as_ref(), Some(&after), now)?;
            Ok(after)
        })
    }
}
