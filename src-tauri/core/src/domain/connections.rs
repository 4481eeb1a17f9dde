//! Connections and the refill rules. A customer has one connection per type they may hold,
//! with an allowance (single-bottle 1, double-bottle 2); the schema's triggers keep what they
//! hold within it. A refill of a connection needs the minimum gap since its last paid refill and
//! room under the yearly cap (per financial year, April–March), both checked before any charge.
use super::actor::{audit, Actor};
use super::settings::TradeRules;
use super::Desk;
use crate::error::{Error, ErrorDetail, Result};
use crate::model::{financial_year_start, india, india_date, next_financial_year_start, Connection, Timestamp};
use crate::store::{ConnectionRow, Reader};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// A day as a person reads it: `7 Dec 2026`.
pub(crate) fn plain_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// Midnight at the start of an Indian calendar day, in UTC.
fn india_midnight(d: NaiveDate) -> Timestamp {
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    india().from_local_datetime(&naive).earliest().map_or_else(|| Utc.from_utc_datetime(&naive), |t| t.with_timezone(&Utc))
}

/// Where a connection stands against the refill rules today.
pub(crate) struct RefillStanding {
    pub this_year: i64,
    pub left: i64,
    /// The first day a refill is allowed, when that is after today.
    pub next_from: Option<NaiveDate>,
    /// Why not now, in words a customer understands.
    pub blocked: Option<String>,
    /// The same reason in typed fields (for the error payload; see `ErrorDetail`).
    pub blocked_detail: Option<ErrorDetail>,
}

impl RefillStanding {
    /// The refusal of a refill now, when the rules refuse one; `then` adds to the words.
    pub fn refusal(self, then: &str) -> Option<Error> {
        match (self.blocked, self.blocked_detail) {
            (Some(words), Some(detail)) => Some(Error::RefillRule { message: format!("{words}{then}"), detail }),
            _ => None,
        }
    }
}

/// `YYYY-MM-DD`, the form days cross the IPC boundary in.
fn iso_day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What the audit log records of an override of the refill rules.
#[derive(Serialize)]
pub(crate) struct RulesOverride<'a> {
    pub type_name: &'a str,
    pub refused_because: &'a str,
    pub reason: &'a str,
}

/// Checks the gap and the cap for one connection at `now`.
pub(crate) fn refill_standing(
    r: &Reader<'_>,
    user_id: i64,
    connection: &ConnectionRow,
    rules: &TradeRules,
    now: Timestamp,
) -> Result<RefillStanding> {
    let today = india_date(now);
    let year_start = financial_year_start(today);
    let history = r.paid_refills(user_id, connection.type_id, india_midnight(year_start))?;
    let left = (rules.refills_per_year - history.since_count).max(0);
    let gap_ends = history.last_at.map(|last| india_date(last) + Duration::days(rules.refill_gap_days));
    let name = &connection.type_name;
    let (next_from, blocked, blocked_detail) = if left == 0 {
        // The gap still holds across 1 April: the later of the two dates.
        let next = next_financial_year_start(today).max(gap_ends.unwrap_or(today));
        let words = format!(
            "This connection has had its {} refills of {name} for this financial year (April to March), the most allowed. The next refill can be booked from {}.",
            rules.refills_per_year,
            plain_date(next)
        );
        let detail =
            ErrorDetail::RefillYearCap { type_name: name.clone(), refills_per_year: rules.refills_per_year, next_from: iso_day(next) };
        (Some(next), Some(words), Some(detail))
    } else if let Some(ends) = gap_ends.filter(|ends| *ends > today) {
        let last = history.last_at.map(india_date).unwrap_or(today);
        let words = format!(
            "Your last {name} refill was on {}. Refills must be at least {} days apart, so the next one can be booked from {}.",
            plain_date(last),
            rules.refill_gap_days,
            plain_date(ends)
        );
        let detail = ErrorDetail::RefillGap {
            type_name: name.clone(),
            last_refill: iso_day(last),
            gap_days: rules.refill_gap_days,
            next_from: iso_day(ends),
        };
        (Some(ends), Some(words), Some(detail))
    } else {
        (None, None, None)
    };
    Ok(RefillStanding { this_year: history.since_count, left, next_from, blocked, blocked_detail })
}

impl Desk {
    /// A customer's connections, each with where it stands against the refill rules.
    pub(crate) fn connections_with_standing(&self, r: &Reader<'_>, user_id: i64, now: Timestamp) -> Result<Vec<Connection>> {
        let rules = self.trade_rules(r)?;
        r.connections_of(user_id)?
            .into_iter()
            .map(|c| {
                let standing = refill_standing(r, user_id, &c, &rules, now)?;
                Ok(Connection {
                    type_id: c.type_id,
                    type_name: c.type_name,
                    allowance: c.allowance,
                    held: c.held,
                    price: c.price,
                    type_active: c.type_active,
                    refills_this_year: standing.this_year,
                    refills_left: standing.left,
                    next_refill_from: standing.next_from.map(|d| d.format("%Y-%m-%d").to_string()),
                    refill_blocked: standing.blocked,
                    refill_rule: standing.blocked_detail,
                })
            })
            .collect()
    }

    /// Staff: a customer's connections.
    pub fn customer_connections(&self, actor: &Actor, customer_id: i64) -> Result<Vec<Connection>> {
        actor.require_staff()?;
        let now = self.now();
        self.db.read(|r| {
            r.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            self.connections_with_standing(r, customer_id, now)
        })
    }

    /// Staff: adds a connection of a type, or changes its allowance (never below what the
    /// customer holds of it). Returns the customer's connections.
    pub fn set_connection(&self, actor: &Actor, customer_id: i64, type_id: i64, allowance: i64) -> Result<Vec<Connection>> {
        actor.require_staff_or_system()?;
        if !(1..=20).contains(&allowance) {
            return Err(Error::invalid("allowance", "A connection allows 1 to 20 cylinders at once (single-bottle 1, double-bottle 2)."));
        }
        let now = self.now();
        self.db.write(|w| {
            let customer = w.customer(customer_id)?.ok_or(Error::NotFound("Customer"))?;
            let kind = w.cylinder_type(type_id)?.ok_or(Error::NotFound("Cylinder type"))?;
            let before = w.connection(customer_id, type_id)?;
            match &before {
                Some(existing) => {
                    if allowance < existing.held {
                        return Err(Error::invalid(
                            "allowance",
                            format!(
                                "{} holds {} cylinders of {}; the allowance cannot be less.",
                                customer.username, existing.held, kind.name
                            ),
                        ));
                    }
                    w.set_connection_allowance(customer_id, type_id, allowance, now)?;
                }
                None => {
                    if !kind.active {
                        return Err(Error::invalid("type_id", format!("{} is no longer sold; choose an active type.", kind.name)));
                    }
                    w.insert_connection(customer_id, type_id, allowance, now)?;
                }
            }
            let after = serde_json::json!({ "type": kind.name, "allowance": allowance });
            let before = before.map(|b| serde_json::json!({ "type": kind.name, "allowance": b.allowance }));
            audit(w, actor, "customer.connection", ("customer", customer_id), before.as_ref(), Some(&after), now)?;
            self.connections_with_standing(w, customer_id, now)
        })
    }
}
