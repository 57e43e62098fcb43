//! What a decision returns: the context it was asked in and the answer with its reasons.

use crate::snapshot::{AttrValue, ScopeLevel};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where a check is asked: at a unit, for a team, about a record. All optional.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The unit (location) the user is working at.
    pub unit: Option<&'a str>,
    /// The team the action concerns.
    pub team: Option<&'a str>,
    /// The record the action is on.
    pub record: Option<Record<'a>>,
}

/// The record a check is about: its owner, team, unit and attributes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Record<'a> {
    /// The user who owns the record.
    pub owner: Option<&'a str>,
    /// The team the record belongs to (else the owner's teams).
    pub team: Option<&'a str>,
    /// The unit the record lives at (wins over the context's unit).
    pub unit: Option<&'a str>,
    /// Attributes, read by conditions as `record.<key>`.
    pub attributes: Option<&'a BTreeMap<String, AttrValue>>,
}

/// An owned, serde-friendly [`Context`], as it arrives from JSON or JS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContextData {
    /// The unit (location) the user is working at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The team the action concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The record the action is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordData>,
}

/// An owned, serde-friendly [`Record`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordData {
    /// The user who owns the record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The team the record belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The unit the record lives at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Attributes, read by conditions as `record.<key>`.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrValue>,
}

impl ContextData {
    /// Borrows this as a [`Context`] for a check.
    pub fn as_context(&self) -> Context<'_> {
        Context {
            unit: self.unit.as_deref(),
            team: self.team.as_deref(),
            record: self.record.as_ref().map(|r| Record {
                owner: r.owner.as_deref(),
                team: r.team.as_deref(),
                unit: r.unit.as_deref(),
                attributes: Some(&r.attributes),
            }),
        }
    }
}

/// Why a decision came out as it did, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Code {
    /// Allowed by a role, toggle or direct grant.
    Granted,
    /// Nothing the user holds grants it (here).
    NoGrant,
    /// Granted, but not for this record.
    OutOfScope,
    /// A restriction denies it, whatever the grants.
    Restricted,
    /// Needs a paid seat the user does not hold.
    NeedsSeat,
    /// The org's plan does not include the feature it needs.
    PlanLacksFeature,
    /// Granted only under a condition that does not hold.
    ConditionFailed,
    /// Assigning that role would give rights the actor lacks.
    Escalation,
    /// No such user.
    UnknownUser,
    /// No such permission.
    UnknownPermission,
    /// No such role.
    UnknownRole,
    /// The context names a unit, team or owner that does not exist.
    UnknownContext,
}

impl Code {
    /// The code as its snake_case string (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Granted => "granted",
            Code::NoGrant => "no_grant",
            Code::OutOfScope => "out_of_scope",
            Code::Restricted => "restricted",
            Code::NeedsSeat => "needs_seat",
            Code::PlanLacksFeature => "plan_lacks_feature",
            Code::ConditionFailed => "condition_failed",
            Code::Escalation => "escalation",
            Code::UnknownUser => "unknown_user",
            Code::UnknownPermission => "unknown_permission",
            Code::UnknownRole => "unknown_role",
            Code::UnknownContext => "unknown_context",
        }
    }
}

/// A decision with its reason, in data and in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The decision.
    pub allowed: bool,
    /// Why, as data.
    pub code: Code,
    /// Why, in one line a tooltip can show.
    pub message: String,
    /// The role that allowed it, or the role that would (missing role / seat).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The unit where the deciding role is held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The team where the deciding role is held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The toggle that allowed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub toggle: Option<String>,
    /// The restriction that denied it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restriction: Option<String>,
    /// The seat that is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// The plan feature that is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

impl Explanation {
    /// An answer with `code` and `message` and no ids behind it yet
    /// (allowed when `code` is [`Code::Granted`]).
    pub fn new(code: Code, message: String) -> Explanation {
        Explanation {
            allowed: code == Code::Granted,
            code,
            message,
            role: None,
            unit: None,
            team: None,
            toggle: None,
            restriction: None,
            seat: None,
            feature: None,
        }
    }
}

/// The target of a role assignment: a user (absent for an invitation) at an
/// optional unit or team.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssignTarget<'a> {
    /// The user who would receive the role; `None` for a new, invited user.
    pub user: Option<&'a str>,
    /// The unit the role would be held at.
    pub unit: Option<&'a str>,
    /// The team the role would be held for.
    pub team: Option<&'a str>,
}

/// An owned, serde-friendly [`AssignTarget`], as it arrives from JSON or JS.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AssignTargetData {
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

impl AssignTargetData {
    /// Borrows this as an [`AssignTarget`].
    pub fn as_target(&self) -> AssignTarget<'_> {
        AssignTarget {
            user: self.user.as_deref(),
            unit: self.unit.as_deref(),
            team: self.team.as_deref(),
        }
    }
}

/// Seats of one type: used vs purchased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct SeatUsage {
    /// The seat id.
    pub seat: String,
    /// Its label.
    pub label: String,
    /// Users holding a role that carries it.
    pub used: u32,
    /// Seats purchased (`org.seats`), if stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchased: Option<u32>,
    /// The users holding one, in snapshot order.
    pub holders: Vec<String>,
}

/// An id with its label, for tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Named {
    /// The id.
    pub id: String,
    /// Words for a person.
    pub label: String,
}

/// How a role grants a permission, in the role x permission matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// Not granted.
    None,
    /// Granted on every record, unconditionally.
    Full,
    /// Granted on some records only.
    Scoped,
    /// Granted when a condition holds.
    Conditional,
}

impl Access {
    /// The access as its snake_case string (as serialized).
    pub fn as_str(self) -> &'static str {
        match self {
            Access::None => "none",
            Access::Full => "full",
            Access::Scoped => "scoped",
            Access::Conditional => "conditional",
        }
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct MatrixCell {
    /// How the role grants the permission.
    pub access: Access,
    /// The scope levels, when scoped.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ScopeLevel>,
    /// The seat also needed, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// What a condition means, when conditional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The role x permission matrix of the model, for an admin screen:
/// `cells[p][r]` says how role `roles[r]` grants permission `permissions[p]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Matrix {
    /// Column headers.
    pub roles: Vec<Named>,
    /// Row headers.
    pub permissions: Vec<Named>,
    /// One row per permission, one cell per role.
    pub cells: Vec<Vec<MatrixCell>>,
}

/// A [`Context`] given by dense indices (`u32::MAX` for "none"), for callers
/// that resolve names once and check many times, such as the JavaScript
/// binding. Indices come from [`crate::Engine::user_index`],
/// [`crate::Engine::unit_index`] and [`crate::Engine::team_index`]; record
/// attributes come as [`crate::Slot`]s in the order of
/// [`crate::Engine::record_keys`]. An index out of range denies.
#[derive(Debug, Clone, Copy)]
pub struct IndexedContext<'a> {
    /// The unit the user is working at.
    pub unit: u32,
    /// The team the action concerns.
    pub team: u32,
    /// Whether the check is about a record (the fields below).
    pub record: bool,
    /// The record's owner.
    pub owner: u32,
    /// The record's team.
    pub record_team: u32,
    /// The record's unit.
    pub record_unit: u32,
    /// The record's attributes, one slot per record key.
    pub attributes: &'a [crate::compile::condition::Slot],
}

impl Default for IndexedContext<'_> {
    fn default() -> Self {
        IndexedContext {
            unit: u32::MAX,
            team: u32::MAX,
            record: false,
            owner: u32::MAX,
            record_team: u32::MAX,
            record_unit: u32::MAX,
            attributes: &[],
        }
    }
}
