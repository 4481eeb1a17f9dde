//! Who is asking. The app builds an `Actor` only from a successful login held in its own
//! state, never from what the UI sends, so these checks are the real security boundary.
use crate::error::{Error, Result};
use crate::model::Timestamp;
use crate::store::{NewAuditEntry, Writer};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Customer {
        id: i64,
        username: String,
    },
    Staff {
        id: i64,
        username: String,
    },
    /// The program itself: the command line, start-up reconciliation, the demo generator.
    System,
}

impl Actor {
    /// The staff member's id, or `Forbidden`.
    pub fn require_staff(&self) -> Result<i64> {
        match self {
            Actor::Staff { id, .. } => Ok(*id),
            _ => Err(Error::Forbidden),
        }
    }

    /// Staff, or the program itself (for the command line's support operations).
    pub fn require_staff_or_system(&self) -> Result<Option<i64>> {
        match self {
            Actor::Staff { id, .. } => Ok(Some(*id)),
            Actor::System => Ok(None),
            Actor::Customer { .. } => Err(Error::Forbidden),
        }
    }

    /// The customer's id, or `Forbidden`.
    pub fn require_customer(&self) -> Result<i64> {
        match self {
            Actor::Customer { id, .. } => Ok(*id),
            _ => Err(Error::Forbidden),
        }
    }

    pub(crate) fn audit_as<'a>(&'a self, action: &'a str) -> NewAuditEntry<'a> {
        let (actor_kind, actor_id, actor_name) = match self {
            Actor::Customer { id, username } => ("customer", Some(*id), username.as_str()),
            Actor::Staff { id, username } => ("staff", Some(*id), username.as_str()),
            Actor::System => ("system", None, "system"),
        };
        NewAuditEntry { actor_kind, actor_id, actor_name, action }
    }
}

/// Writes one audit row with JSON snapshots of the record before and after the change.
pub(crate) fn audit<B: Serialize, A: Serialize>(
    w: &Writer<'_>,
    actor: &Actor,
    action: &str,
    (entity, entity_id): (&str, i64),
    before: Option<&B>,
    after: Option<&A>,
    now: Timestamp,
) -> Result<()> {
    let before = before.map(to_json).transpose()?;
    let after = after.map(to_json).transpose()?;
    w.audit(&actor.audit_as(action), entity, Some(entity_id), before.as_deref(), after.as_deref(), now)
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(format!("audit snapshot: {e}")))
}

/// For `audit` calls with no snapshot on one side.
pub(crate) const NOTHING: Option<&()> = None;
