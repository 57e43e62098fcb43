//! The organisation: units, teams, users and who holds what.

use super::condition::attributes;
use super::shape::{list, map, shape};
use super::{AttrValue, Grant};
use crate::json::Reader;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An organisation using the model.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Org {
    /// A display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The plan (a `model.plans` id). Without one, every feature is enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<String>,
    /// Org-wide settings, read by conditions as `org.<key>`.
    #[serde(default)]
    pub settings: BTreeMap<String, AttrValue>,
    /// Seats purchased, per seat id.
    #[serde(default)]
    pub seats: BTreeMap<String, u32>,
    /// The tree of places (parent company, child locations).
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Teams.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// Users.
    pub users: Vec<User>,
}

shape!(Org {
    name: optional("name", Reader::string),
    plan: optional("plan", Reader::string),
    settings: defaulted("settings", attributes),
    seats: defaulted("seats", map(Reader::count)),
    units: defaulted("units", list(Unit::read)),
    teams: defaulted("teams", list(Team::read)),
    users: required("users", list(User::read)),
});

/// A place in the units tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unit {
    /// Its id.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The parent unit; none for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

shape!(Unit {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    parent: optional("parent", Reader::string),
});

/// A team.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Team {
    /// Its id.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Users appointed to manage it (the `managedTeams` scope).
    #[serde(default)]
    pub managers: Vec<String>,
    /// Team settings, read by conditions as `team.<key>`.
    #[serde(default)]
    pub settings: BTreeMap<String, AttrValue>,
}

shape!(Team {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    managers: defaulted("managers", Reader::strings),
    settings: defaulted("settings", attributes),
});

/// A user of the organisation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct User {
    /// Its id.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who the user reports to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Teams the user belongs to.
    #[serde(default)]
    pub teams: Vec<String>,
    /// Roles held, each org-wide or at a unit or team.
    #[serde(default)]
    pub roles: Vec<Assignment>,
    /// Toggles switched on for the user.
    #[serde(default)]
    pub toggles: Vec<String>,
    /// Direct grants, with their own record scopes.
    #[serde(default)]
    pub grants: Vec<Grant>,
    /// Attributes, read by conditions as `user.<key>`.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrValue>,
}

shape!(User {
    id: required("id", Reader::string),
    name: optional("name", Reader::string),
    manager: optional("manager", Reader::string),
    teams: defaulted("teams", Reader::strings),
    roles: defaulted("roles", list(Assignment::read)),
    toggles: defaulted("toggles", Reader::strings),
    grants: defaulted("grants", list(Grant::read)),
    attributes: defaulted("attributes", attributes),
});

/// A role held by a user, org-wide or at one unit (and its descendants) or team.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Assignment {
    /// The role id.
    pub role: String,
    /// Held at this unit and every unit below it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Held for this team's records only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

shape!(Assignment {
    role: required("role", Reader::string),
    unit: optional("unit", Reader::string),
    team: optional("team", Reader::string),
});
