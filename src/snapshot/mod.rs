//! The snapshot: plain serde data, exactly as it arrives as JSON.
//!
//! A snapshot has two halves: the [`Model`] (what can be granted: permissions,
//! roles, toggles, plans, restrictions) and the [`Org`] (who holds what: units,
//! teams, users with their managers, role assignments, toggles and grants).
//! Below each type, its JSON shape (`shape!`: each field's JSON name, how it
//! is read and whether it is required) gives its reader:
//! [`Snapshot::from_json`] reads a snapshot from JSON text, reporting type
//! errors at their paths. Nothing else is checked here: the `validate`
//! stage does that, and the `compile` stage turns a valid snapshot into an
//! [`crate::Engine`].

mod condition;
pub(crate) mod locale;
mod model;
mod org;
pub(crate) mod read;
mod rules;
pub(crate) mod shape;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

pub use condition::{AttrValue, Condition};
pub use model::{
    Count, Feature, Grant, Model, Permission, Plan, Requirement, Restriction, Role, ScopeLevel,
    Seat, Toggle, Unless,
};
pub use org::{Assignment, Org, Team, Unit, User};
pub use rules::{Holders, Holding, Level, ReportingRule, TeamManagers};

use serde::{Deserialize, Serialize};
use shape::shape;

/// A whole snapshot: the permission model and the organisation that uses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Snapshot {
    /// What can be granted, and the rules that bind it.
    pub model: Model,
    /// Who holds what in this organisation.
    pub org: Org,
}

shape!(Snapshot {
    model: required("model", Model::read),
    org: required("org", Org::read),
});
