//! What a check is asked about: the [`Context`] (a unit, a team, a
//! [`Record`]) and, for role assignment, the [`AssignTarget`]. These are the
//! only input types of a decision; [`crate::Engine::prepare`] resolves a
//! context once into a [`crate::PreparedContext`] for many checks.

use crate::snapshot::AttrValue;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a check is asked: at a unit, for a team, about a record. All
/// optional; the empty context asks "may the user do it at all".
///
/// ```
/// use rolegate::{Context, Record};
/// let here = Context::at_unit("london").on(Record::owned_by("ada").team("sales"));
/// assert_eq!(here.record.and_then(|r| r.team).as_deref(), Some("sales"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Context {
    /// The unit (location) the user is working at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The team the action concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The record the action is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "RecordData"))]
    pub record: Option<Record>,
}

/// The record a check is about: its owner, team, unit and attributes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
// In TypeScript `RecordData`: `Record` is TypeScript's own utility type.
#[cfg_attr(
    target_arch = "wasm32",
    derive(tsify_next::Tsify),
    tsify(type_suffix = "Data")
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Record {
    /// The user who owns the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The team the record belongs to (else the owner's primary team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The unit the record lives at (wins over the context's unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Attributes, read by conditions as `record.<key>`.
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Record<string, AttrValue>"))]
    pub attributes: BTreeMap<String, AttrValue>,
}

impl Context {
    /// The context of a check at `unit`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn at_unit(unit: impl Into<String>) -> Context {
        Context {
            unit: Some(unit.into()),
            ..Context::default()
        }
    }

    /// The context of a check for `team`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn for_team(team: impl Into<String>) -> Context {
        Context {
            team: Some(team.into()),
            ..Context::default()
        }
    }

    /// The context of a check about `record`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn of(record: Record) -> Context {
        Context::default().on(record)
    }

    /// This context, about `record`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn on(mut self, record: Record) -> Context {
        self.record = Some(record);
        self
    }
}

impl Record {
    /// A record owned by `owner`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn owned_by(owner: impl Into<String>) -> Record {
        Record {
            owner: Some(owner.into()),
            ..Record::default()
        }
    }

    /// This record, in `team`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn team(mut self, team: impl Into<String>) -> Record {
        self.team = Some(team.into());
        self
    }

    /// This record, at `unit`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn unit(mut self, unit: impl Into<String>) -> Record {
        self.unit = Some(unit.into());
        self
    }

    /// This record, with attribute `key` set to `value`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<AttrValue>) -> Record {
        self.attributes.insert(key.into(), value.into());
        self
    }
}

/// The target of a role assignment: a user (absent for an invitation) at an
/// optional unit or team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignTarget {
    /// The user who would receive the role; absent for a new, invited user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The unit the role would be held at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The team the role would be held for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

impl AssignTarget {
    /// Assigning to `user`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn user(user: impl Into<String>) -> AssignTarget {
        AssignTarget {
            user: Some(user.into()),
            ..AssignTarget::default()
        }
    }
}

impl From<&str> for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn from(s: &str) -> AttrValue {
        AttrValue::Str(s.to_owned())
    }
}

impl From<String> for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn from(s: String) -> AttrValue {
        AttrValue::Str(s)
    }
}

impl From<bool> for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn from(b: bool) -> AttrValue {
        AttrValue::Bool(b)
    }
}

impl From<f64> for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn from(n: f64) -> AttrValue {
        AttrValue::Num(n)
    }
}

impl From<Vec<String>> for AttrValue {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn from(items: Vec<String>) -> AttrValue {
        AttrValue::List(items)
    }
}
