//! Inventory: Filled → Assigned → Empty → Filled.
use super::actor::{audit, Actor, NOTHING};
use super::booking::CylinderSnapshot;
use super::{validate, Desk};
use crate::error::{Error, Result};
use crate::model::{
    india_date, parse_test_due, AuditEntry, Cylinder, CylinderFilter, CylinderStatus, HoldReason, MarkOutcome, Page, PageRequest,
    RegisterCylinders, Timestamp,
};
use chrono::{Duration, NaiveDate};
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
        let test_due = parse_test_due(&input.test_due).ok_or_else(|| {
            Error::invalid(
                "test_due",
                "Enter the test-due stamp from the cylinders' collar: a quarter letter A to D and a two-digit year, such as C-27.",
            )
        })?;
        let now = self.now();
        if test_due <= india_date(now) {
            return Err(Error::invalid(
                "test_due",
                "That test date has passed: these cylinders must go for testing before they are registered as stock.",
            ));
        }
        self.db.write(|w| {
            let kind = w.cylinder_type(input.type_id)?.ok_or_else(|| Error::invalid("type_id", "Choose the cylinders' type."))?;
            if !kind.active {
                return Err(Error::invalid("type_id", format!("{} is no longer sold; choose an active type.", kind.name)));
            }
            let cutoff = self.due_cutoff(w, now)?;
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
                let id = w.insert_cylinder(&code, input.type_id, input.status, Some(test_due), now)?;
                let after = CylinderSnapshot { cylinder_code: &code, status: input.status.as_str(), assigned_to: None };
                audit(w, actor, "cylinder.register", ("cylinder", id), NOTHING, Some(&after), now)?;
                created.push(with_due_flag(w.cylinder(id)?.ok_or(Error::NotFound("Cylinder"))?, cutoff));
            }
            Ok(created)
        })
    }

    pub fn list_cylinders(&self, actor: &Actor, filter: &CylinderFilter, search: &str, page: &PageRequest) -> Result<Page<Cylinder>> {
        actor.require_staff()?;
        let search = validate::search(search).to_ascii_uppercase();
        let now = self.now();
        let rows = self.db.read(|r| {
            let cutoff = self.due_cutoff(r, now)?;
            Ok(r.list_cylinders(filter, cutoff, &search, page)?.into_iter().map(|c| with_due_flag(c, cutoff)).collect())
        })?;
        Ok(Page::from_rows(rows, page))
    }

    /// The last test-due date that is too close to hand a cylinder out today (today plus the
    /// margin setting, India's calendar).
    pub(crate) fn due_cutoff(&self, r: &crate::store::Reader<'_>, now: Timestamp) -> Result<NaiveDate> {
        Ok(india_date(now) + Duration::days(self.trade_rules(r)?.test_due_margin_days))
    }

    /// Holds a cylinder in stock back as defective or leaking (`hold` Some, with a reason), or
    /// releases it (`hold` None). A held-back cylinder is never handed out.
    pub fn hold_cylinder(&self, actor: &Actor, cylinder_id: i64, hold: Option<HoldReason>, reason: &str) -> Result<Cylinder> {
        actor.require_staff()?;
        let reason = match hold {
            Some(_) => validate::line("reason", reason, 1, 300, "reason")?,
            None => String::new(),
        };
        let now = self.now();
        self.db.write(|w| {
            let before = w.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
            if hold.is_some() && (before.status == CylinderStatus::Assigned || before.reserved) {
                return Err(Error::Conflict(format!(
                    "Cylinder {} is with a customer or being paid for; hold it back once it is returned.",
                    before.cylinder_code
                )));
            }
            w.set_cylinder_hold(cylinder_id, hold, &reason, now)?;
            let after = w.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
            let action = if hold.is_some() { "cylinder.hold" } else { "cylinder.release_hold" };
            audit(w, actor, action, ("cylinder", cylinder_id), Some(&before), Some(&after), now)?;
            Ok(with_due_flag(after, self.due_cutoff(w, now)?))
        })
    }

    /// Records a cylinder's test-due stamp (after its test at the plant, or for a cylinder
    /// registered before GasDesk kept it).
    pub fn set_test_due(&self, actor: &Actor, cylinder_id: i64, stamp: &str) -> Result<Cylinder> {
        actor.require_staff()?;
        let test_due = parse_test_due(stamp).ok_or_else(|| {
            Error::invalid("test_due", "Enter the stamp from the collar: a quarter letter A to D and a two-digit year, such as C-27.")
        })?;
        let now = self.now();
        self.db.write(|w| {
            let before = w.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
            w.set_cylinder_test_due(cylinder_id, test_due, now)?;
            let after = w.cylinder(cylinder_id)?.ok_or(Error::NotFound("Cylinder"))?;
            audit(w, actor, "cylinder.test_due", ("cylinder", cylinder_id), Some(&before), Some(&after), now)?;
            Ok(with_due_flag(after, self.due_cutoff(w, now)?))
        })
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
            let cutoff = self.due_cutoff(w, now)?;
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
                // Filling a held-back or test-due cylinder is what the hold and the date forbid;
                // one coming back unused from a customer (Assigned → Filled) was filled already.
                if target == CylinderStatus::Filled && cylinder.status == CylinderStatus::Empty {
                    let cylinder = with_due_flag(cylinder.clone(), cutoff);
                    if let Some(hold) = cylinder.hold {
                        outcome.skipped.push(format!("{}: held back ({hold}); release it first", cylinder.cylinder_code));
                        continue;
                    }
                    if cylinder.due_for_test {
                        outcome.skipped.push(format!("{}: due for its test; send it to the plant", cylinder.cylinder_code));
                        continue;
                    }
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

    /// Refills every Empty cylinder that may be filled: not held back, not due for its test
    /// (a cylinder due for test goes to the plant, not to the filling shed). Returns how many.
    pub fn refill_all_empty(&self, actor: &Actor) -> Result<usize> {
        actor.require_staff_or_system()?;
        let now = self.now();
        self.db.write(|w| w.refill_all_empty_cylinders(&actor.audit_as("cylinder.refill"), self.due_cutoff(w, now)?, now))
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
    pub fn fifo_queue(&self, actor: &Actor, type_id: i64, limit: u32) -> Result<Vec<Cylinder>> {
        actor.require_staff_or_system()?;
        let now = self.now();
        self.db.read(|r| r.fifo_queue(type_id, self.due_cutoff(r, now)?, limit.min(200)))
    }
}

/// Marks a cylinder due for test when its date is on or before `cutoff`.
fn with_due_flag(mut cylinder: Cylinder, cutoff: NaiveDate) -> Cylinder {
    cylinder.due_for_test =
        cylinder.test_due.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).is_some_and(|d| d <= cutoff);
    cylinder
}
