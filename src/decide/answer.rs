//! What a decision returns: the answer with its reasons, and the admin views
//! (seats, the role x permission matrix).

use crate::snapshot::ScopeLevel;
use serde::Serialize;

/// Why a decision came out as it did, as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// The assignment would make the organisation invalid (the message is
    /// the problem its next load would report).
    WouldBeInvalid,
    /// No such user.
    UnknownUser,
    /// No such permission.
    UnknownPermission,
    /// No such role.
    UnknownRole,
    /// The context names a unit, team or owner that does not exist.
    UnknownContext,
    /// The engine is gone: its wasm instance failed (out of memory) and the
    /// package started a fresh one (JS only; load the snapshot again).
    EngineLost,
}

impl Code {
    /// The code as its snake_case string (as serialized).
    #[cfg_attr(rolegate_size, optimize(size))]
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
            Code::WouldBeInvalid => "would_be_invalid",
            Code::UnknownUser => "unknown_user",
            Code::UnknownPermission => "unknown_permission",
            Code::UnknownRole => "unknown_role",
            Code::UnknownContext => "unknown_context",
            Code::EngineLost => "engine_lost",
        }
    }
}

/// A decision with its reason, in data and in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The decision.
    pub allowed: bool,
    /// Why, as data.
    pub code: Code,
    /// Why, in one line a tooltip can show.
    pub message: String,
    /// The role that allowed it (or, for a missing seat, the role that
    /// carries the seat; for `can_assign`, the role in question).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// On `no_grant`: a role that would grant it (one the user holds
    /// elsewhere, else one of the model's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub would_be_granted_by: Option<String>,
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
    /// Allowed without a record, on some records but maybe not all (the
    /// message says which): `true`, or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_some_records: Option<bool>,
}

impl Explanation {
    /// An answer with `code` and `message` and no ids behind it yet
    /// (allowed when `code` is [`Code::Granted`]).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn new(code: Code, message: String) -> Explanation {
        Explanation {
            allowed: code == Code::Granted,
            code,
            message,
            role: None,
            would_be_granted_by: None,
            unit: None,
            team: None,
            toggle: None,
            restriction: None,
            seat: None,
            feature: None,
            on_some_records: None,
        }
    }
}

/// Seats of one type: used vs purchased.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct Named {
    /// The id.
    pub id: String,
    /// Words for a person.
    pub label: String,
}

/// How a role grants a permission, in the role x permission matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    #[cfg_attr(rolegate_size, optimize(size))]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
