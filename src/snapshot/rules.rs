//! The model's rules on the organisation beyond single roles: how many may
//! hold a role (and whether that is a rule or advice), who may be a
//! manager and whom everyone reports to, and who manages teams.

use super::shape::shape;
use crate::json::{Path, Reader, Value};
use crate::messages::Msg;
use serde::{Deserialize, Serialize};

/// How many users of the org may hold a role, and whether breaking it is an
/// error (the default) or a warning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Holders {
    /// At least this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// At most this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// `error` (the default): a count outside the bounds rejects the
    /// snapshot; `warning`: the bounds are advice, reported by `warnings()`.
    #[serde(default)]
    pub level: Level,
}

shape!(cold Holders {
    min: optional("min", Reader::count),
    max: optional("max", Reader::count),
    level: defaulted("level", Level::read),
});

/// Whether a rule rejects the snapshot or only warns.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum Level {
    /// Breaking it rejects the snapshot.
    #[default]
    Error,
    /// Breaking it is reported by `warnings()`; the snapshot loads.
    Warning,
}

impl Level {
    /// Every level, in declaration order.
    pub const LEVELS: [Level; 2] = [Level::Error, Level::Warning];

    /// The level as its camelCase string (as serialized).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
        }
    }

    /// Reads a level from its string, reporting anything else at `at`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn read(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Level> {
        r.named(v, at, Level::LEVELS, Level::as_str, Msg::UnknownLevel)
    }
}

/// Users who hold one of some roles (directly or through includes,
/// anywhere) or one of some toggles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Holding {
    /// Role ids.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Toggle ids.
    #[serde(default)]
    pub toggles: Vec<String>,
}

shape!(cold Holding {
    roles: defaulted("roles", Reader::strings),
    toggles: defaulted("toggles", Reader::strings),
});

/// A rule on the reporting tree (each user's `manager`), checked at load.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportingRule {
    /// The plans on which it applies (`model.plans` ids); empty: always.
    #[serde(default)]
    pub plans: Vec<String>,
    /// Only these users may be someone's manager (e.g. holders of SPOTIO's
    /// Can Manage Users).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managers: Option<Holding>,
    /// Everyone else reports directly to one of these users (e.g. "on the
    /// Team plan all users report to the account admin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_to: Option<Holding>,
}

shape!(cold ReportingRule {
    plans: defaulted("plans", Reader::strings),
    managers: optional("managers", Holding::read),
    report_to: optional("reportTo", Holding::read),
});

/// How teams and their managers (`org.teams[].managers`) agree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TeamManagers {
    /// Every team has at least this many managers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// The role every manager of a team holds (directly or through
    /// includes; org-wide, at a unit or for that team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

shape!(cold TeamManagers {
    min: optional("min", Reader::count),
    role: optional("role", Reader::string),
});
