//! Inventory: Filled → Assigned → Empty → Filled.
use super::actor::{audit, Actor, NOTHING};
use super::booking::CylinderSnapshot;
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{AuditEntry, Cylinder, CylinderStatus, MarkOutcome, Page, PageRequest, RegisterCylinders};
use rand::Rng;

/// At most this many cylinders are registered or marked in one go.
pub const MAX_BATCH: usize = 500;

/// `ABC123`: three capital letters and three digits.
fn generated_code(rng: &mut impl Rng) -> String {
    let letters: String = (0..3).map(|_| char::from(rng.gen_range(b'A'..=b'Z'))).collect();
    format!("{letters}{:03}", rng.gen_range(0..1000))
}

impl Desk {
    pub fn register_cylinders(&self, actor: &Actor, input: &RegisterCylinders) -> Result<Vec<Cylinder>> {
        actor.require_staff_or_system()?;
        if input.status == CylinderStatus::Assigned {
            return Err(Error::invalid("status", "New cylinders are registered as Filled or Empty."));
        }
        let serials = input.serials.iter().map(|s| validate::cylinder_code("serials", s)).collect::<Result<Vec<_>>>()?;
        let wanted = if serials.is_empty() { input.count as usize } else { serials.len() };
        if wanted == 0 || wanted > MAX_BATCH {
            return Err(Error::invalid("count", format!("Register between 1 and {MAX_BATCH} cylinders at a time.")));
        }
        let now = self.now();
        self.db.write(|w| {
            let mut rng = rand::thread_rng();
            let mut created = Vec::with_capacity(wanted);
            for i in 0..wanted {
                let code = match serials.get(i) {
                    Some(serial) => {
                        if w.cylinder_code_taken(serial)? {
                            return Err(Error::invalid("serials", format!("Cylinder {serial} is already registered.")));
                        }
                        serial.clone()
                    }
                    None => {
                        let mut code = generated_code(&mut rng);
                        let mut tries = 0;
                        while w.cylinder_code_taken(&code)? {
                            tries += 1;
                            if tries > 1000 {
                                return Err(Error::Conflict("No free cylinder IDs are left; register serial numbers instead.".into()));
                            }
                            code = generated_code(&mut rng);
                        }
                        code
                    }
                };
                let id = w.insert_cylinder(&code, input.status, now)?;
                let after = CylinderSnapshot { cylinder_code: &code, status: input.status.as_str(), assigned_to: None };
                audit(w, actor, "cylinder.register", ("cylinder", id), NOTHING, Some(&after), now)?;
                created.push(w.cylinder(id)?.ok_or(Error::NotFound("Cylinder"))?);
            }
            Ok(created)
        })
    }

    pub fn list_cylinders(
        &self,
        actor: &Actor,
        status: Option<CylinderStatus>,
        search: &str,
        page: &PageRequest,
    ) -> Result<Page<Cylinder>> {
        actor.require_staff()?;
        let search = validate::search(search).to_ascii_uppercase();
        let rows = self.db.read(|r| r.list_cylinders(status, &search, page))?;
        Ok(Page::from_rows(rows, page))
    }

    /// Marks cylinders Filled or Empty. Empty on an Assigned cylinder means the customer
    /// returned it; Filled on an Empty one is a refill (back of the FIFO queue); Filled on an
    /// Assigned one means it came back unused. Reserved cylinders are left alone.
    pub fn mark_cylinders(&self, actor: &Actor, ids: &[i64], target: CylinderStatus) -> Result<MarkOutcome> {
        actor.require_staff()?;
        if target == CylinderStatus::Assigned {
            return Err(Error::invalid("status", "Use manual assignment to give a cylinder to a customer."));
        }
        if ids.is_empty() || ids.len() > MAX_BATCH {
            return Err(Error::invalid("ids", format!("Select between 1 and {MAX_BATCH} cylinders.")));
        }
        let now = self.now();
        self.db.write(|w| {
            let mut outcome = MarkOutcome::default();
            for &id in ids {
                let Some(cylinder) = w.cylinder(id)? else {
                    outcome.skipped.push(format!("#{id}: not found"));
                    continue;
                };
                if cylinder.reserved {
                    outcome.skipped.push(format!("{}: reserved for a booking being paid", cylinder.cylinder_code));
                    continue;
                }
                if cylinder.status == target {
                    outcome.skipped.push(format!("{}: already {target}", cylinder.cylinder_code));
                    continue;
                }
                match target {
                    CylinderStatus::Empty => w.mark_cylinder_empty(id, now)?,
                    _ => w.mark_cylinder_filled(id, now, now)?,
                }
                let before = CylinderSnapshot {
                    cylinder_code: &cylinder.cylinder_code,
                    status: cylinder.status.as_str(),
                    assigned_to: cylinder.assigned_to,
                };
                let after = CylinderSnapshot { cylinder_code: &cylinder.cylinder_code, status: target.as_str(), assigned_to: None };
                let action = match (cylinder.status, target) {
                    (CylinderStatus::Assigned, CylinderStatus::Empty) => "cylinder.returned",
                    (_, CylinderStatus::Filled) => "cylinder.refill",
                    _ => "cylinder.mark_empty",
                };
                audit(w, actor, action, ("cylinder", id), Some(&before), Some(&after), now)?;
                outcome.changed += 1;
            }
            Ok(outcome)
        })
    }

    /// Refills every Empty cylinder; returns how many.
    pub fn refill_all_empty(&self, actor: &Actor) -> Result<usize> {
        actor.require_staff_or_system()?;
        let now = self.now();
        self.db.write(|w| w.refill_all_empty_cylinders(&actor.audit_as("cylinder.refill"), now))
    }

    /// Every change of one cylinder, oldest first.
    pub fn cylinder_history(&self, actor: &Actor, cylinder_id: i64, page: &PageRequest) -> Result<Page<AuditEntry>> {
        actor.require_staff()?;
        let rows = self.db.read(|r| {
            r.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
            r.entity_history("cylinder", cylinder_id, page)
        })?;
        Ok(Page::from_rows(rows, page))
    }

    /// The next cylinders FIFO would hand out, in order (for staff, and for tests).
    pub fn fifo_queue(&self, actor: &Actor, limit: u32) -> Result<Vec<Cylinder>> {
        actor.require_staff_or_system()?;
        self.db.read(|r| r.fifo_queue(limit.min(200)))
    }
}
