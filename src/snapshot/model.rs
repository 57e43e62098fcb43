//! The permission model: what can be granted and the rules that bind it.

use super::rules::{Holders, ReportingRule, TeamManagers};
use super::shape::{list, map, shape};
use super::Condition;
use crate::json::{Path, Reader, Value};
use crate::messages::Msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The templates of one locale, by message id.
#[cfg_attr(rolegate_size, optimize(size))]
fn templates(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<BTreeMap<String, String>> {
    map(Reader::string)(r, v, at)
}

/// The permission model of a product, shared by every organisation using it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Model {
    /// A display name for the model (e.g. the product).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The language of its explanations and validation messages: `"en"`
    /// (the default) or `"fr"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Message templates the model overrides, by locale and message id:
    /// `{"fr": {"out_of_scope": "hors périmètre : {permission}"}}`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub messages: BTreeMap<String, BTreeMap<String, String>>,
    /// Every permission that can be checked.
    pub permissions: Vec<Permission>,
    /// Plan features that permissions and toggles may depend on.
    #[serde(default)]
    pub features: Vec<Feature>,
    /// Plans and the features each includes.
    #[serde(default)]
    pub plans: Vec<Plan>,
    /// Paid licence seat types (e.g. a recording seat).
    #[serde(default)]
    pub seats: Vec<Seat>,
    /// Roles: named bundles of grants.
    pub roles: Vec<Role>,
    /// Per-user switches beside roles (e.g. "Can Import").
    #[serde(default)]
    pub toggles: Vec<Toggle>,
    /// Deny rules that override every grant.
    #[serde(default)]
    pub restrictions: Vec<Restriction>,
    /// How many role assignments a user holds at any one place (the org, a
    /// unit or a team). `{"min": 1, "max": 1}` means exactly one role per user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_per_user: Option<Count>,
    /// How many different roles a user holds in all, wherever each is held
    /// (`{"max": 1}`: one role per user, full stop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles_per_user_in_total: Option<Count>,
    /// Whether users may hold grants of their own (`org.users[].grants`)
    /// beside roles and toggles: absent or `true`, they may; `false`, they
    /// may not ("no à la carte permissions").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_grants: Option<bool>,
    /// Rules on the reporting tree: who may be a manager, whom everyone
    /// reports to (each on some plans or always).
    #[serde(default)]
    pub reporting: Vec<ReportingRule>,
    /// How teams and their managers agree: how many each team has, and the
    /// role they hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_managers: Option<TeamManagers>,
    /// A permission the actor must also hold, on the target user as the
    /// record, to assign roles (e.g. `users.manage` with a team scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign_permission: Option<String>,
}

shape!(cold Model {
    name: optional("name", Reader::string),
    locale: optional("locale", Reader::string),
    messages: defaulted("messages", map(templates)),
    permissions: required("permissions", list(Permission::read)),
    features: defaulted("features", list(Feature::read)),
    plans: defaulted("plans", list(Plan::read)),
    seats: defaulted("seats", list(Seat::read)),
    roles: required("roles", list(Role::read)),
    toggles: defaulted("toggles", list(Toggle::read)),
    restrictions: defaulted("restrictions", list(Restriction::read)),
    roles_per_user: optional("rolesPerUser", Count::read),
    roles_per_user_in_total: optional("rolesPerUserInTotal", Count::read),
    direct_grants: optional("directGrants", Reader::boolean),
    reporting: defaulted("reporting", list(ReportingRule::read)),
    team_managers: optional("teamManagers", TeamManagers::read),
    assign_permission: optional("assignPermission", Reader::string),
});

/// A permission that can be checked, e.g. `calls.record`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Permission {
    /// Its name, used in checks.
    pub id: String,
    /// Words for a person (defaults to the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Checked against a record: grants may carry a scope. Without a record in
    /// the context, the check answers "may do it on some record".
    #[serde(default)]
    pub record: bool,
    /// The plan feature without which nobody holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// The seat a user must hold to use it. Wildcard grants never cover it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
}

shape!(cold Permission {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    record: defaulted("record", Reader::boolean),
    feature: optional("feature", Reader::string),
    seat: optional("seat", Reader::string),
});

/// A plan feature.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Feature {
    /// Its name.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

shape!(cold Feature {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
});

/// A plan and the features it includes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Plan {
    /// Its name, as `org.plan` names it.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Feature ids.
    #[serde(default)]
    pub features: Vec<String>,
}

shape!(cold Plan {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    features: defaulted("features", Reader::strings),
});

/// A paid licence seat type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Seat {
    /// Its name.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

shape!(cold Seat {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
});

/// A minimum and/or maximum count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Count {
    /// At least this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    /// At most this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

shape!(cold Count {
    min: optional("min", Reader::count),
    max: optional("max", Reader::count),
});

/// A role: a named bundle of grants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Role {
    /// Its name.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Roles whose grants this role also gives (a ladder: admin includes manager).
    #[serde(default)]
    pub includes: Vec<String>,
    /// What it grants.
    #[serde(default)]
    pub grants: Vec<Grant>,
    /// The paid seat each holder uses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// Roles a holder must also hold.
    #[serde(default)]
    pub requires: Vec<String>,
    /// A condition on the holder's attributes (e.g. CRM admin access).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_user: Option<Requirement>,
    /// How many users of the org may hold it (`{"min":1,"max":1}`: exactly
    /// one), as a rule or, with `"level": "warning"`, as advice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holders: Option<Holders>,
    /// Roles its holders may assign to others (`"*"`: every role).
    #[serde(default)]
    pub assigns: Vec<String>,
}

shape!(cold Role {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    includes: defaulted("includes", Reader::strings),
    grants: defaulted("grants", list(Grant::read)),
    seat: optional("seat", Reader::string),
    requires: defaulted("requires", Reader::strings),
    requires_user: optional("requiresUser", Requirement::read),
    holders: optional("holders", Holders::read),
    assigns: defaulted("assigns", Reader::strings),
});

/// A condition every holder of a role must meet, with the words to say so.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Requirement {
    /// The condition, over `user.*` attributes.
    pub when: Condition,
    /// What it means, e.g. "has CRM admin access".
    pub message: String,
}

shape!(cold Requirement {
    when: required("when", Condition::read),
    message: required("message", Reader::string),
});

/// One grant of a permission, by a role, a toggle or directly to a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Grant {
    /// A permission id, `"*"` (every permission not bound to a seat) or a
    /// prefix pattern such as `"settings.*"`.
    pub permission: String,
    /// Only with a pattern: permissions it does not grant, as ids or
    /// patterns (`["settings.crm", "billing.*"]`): "everything except".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// Which records: levels that combine (any matches). Absent: all records.
    #[serde(default)]
    pub scope: Vec<ScopeLevel>,
    /// Explicit teams whose records are also in scope ("Other Teams").
    #[serde(default)]
    pub teams: Vec<String>,
    /// A condition that must hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What the condition means, shown when it fails (e.g. "you are linked to
    /// a staff member").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
    /// The plan feature without which this grant does not apply (SPOTIO's
    /// "Other Teams" lists, on the Business plan only). A user's own grant
    /// needing a feature the plan lacks is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

shape!(cold Grant {
    permission: required("permission", Reader::string),
    except: defaulted("except", Reader::strings),
    scope: defaulted("scope", list(ScopeLevel::read)),
    teams: defaulted("teams", Reader::strings),
    when: optional("when", Condition::read),
    because: optional("because", Reader::string),
    feature: optional("feature", Reader::string),
});

/// A record scope level: the relation between the checking user and the
/// record's owner, team or unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum ScopeLevel {
    /// The user owns the record.
    Own,
    /// The owner reports to the user, directly or not.
    Subordinates,
    /// The owner has the same manager as the user.
    Peers,
    /// The owner is the user's manager.
    Manager,
    /// The record's team is one of the user's teams.
    Team,
    /// The record's team is one the user manages.
    ManagedTeams,
    /// Every record.
    All,
}

impl ScopeLevel {
    /// Every level, in declaration order.
    pub const LEVELS: [ScopeLevel; 7] = [
        ScopeLevel::Own,
        ScopeLevel::Subordinates,
        ScopeLevel::Peers,
        ScopeLevel::Manager,
        ScopeLevel::Team,
        ScopeLevel::ManagedTeams,
        ScopeLevel::All,
    ];

    /// The level as its camelCase string (as serialized).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeLevel::Own => "own",
            ScopeLevel::Subordinates => "subordinates",
            ScopeLevel::Peers => "peers",
            ScopeLevel::Manager => "manager",
            ScopeLevel::Team => "team",
            ScopeLevel::ManagedTeams => "managedTeams",
            ScopeLevel::All => "all",
        }
    }

    /// Reads a level from its string, reporting anything else (with every
    /// level's name, and the nearest one) at `at`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn read(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<ScopeLevel> {
        r.named(
            v,
            at,
            ScopeLevel::LEVELS,
            ScopeLevel::as_str,
            Msg::UnknownScopeLevel,
        )
    }
}

/// A per-user switch beside roles, e.g. SPOTIO's "Can Import".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Toggle {
    /// Its name.
    pub id: String,
    /// Words for a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The plan feature without which the toggle does not exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
    /// What it grants.
    #[serde(default)]
    pub grants: Vec<Grant>,
}

shape!(cold Toggle {
    id: required("id", Reader::string),
    label: optional("label", Reader::string),
    feature: optional("feature", Reader::string),
    grants: defaulted("grants", list(Grant::read)),
});

/// A deny rule that overrides every grant, admins included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Restriction {
    /// Its name.
    pub id: String,
    /// The permissions it denies (patterns allowed, as in grants).
    pub permissions: Vec<String>,
    /// When it is switched on, e.g. `{"attr": "team.callsPrivate", "eq": true}`.
    pub when: Condition,
    /// Who is exempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unless: Option<Unless>,
    /// Why it denies, for a tooltip. `{team}`, `{unit}` and `{permission}`
    /// are replaced by the labels of the check's team, unit and permission.
    pub message: String,
}

shape!(cold Restriction {
    id: required("id", Reader::string),
    permissions: required("permissions", Reader::strings),
    when: required("when", Condition::read),
    unless: optional("unless", Unless::read),
    message: required("message", Reader::string),
});

/// Exemptions from a restriction: any one of them exempts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify_next::Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Unless {
    /// The record is in this scope of the user.
    #[serde(default)]
    pub scope: Vec<ScopeLevel>,
    /// The record belongs to one of these teams.
    #[serde(default)]
    pub teams: Vec<String>,
    /// This condition holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The user holds one of these roles (anywhere).
    #[serde(default)]
    pub roles: Vec<String>,
}

shape!(cold Unless {
    scope: defaulted("scope", list(ScopeLevel::read)),
    teams: defaulted("teams", Reader::strings),
    when: optional("when", Condition::read),
    roles: defaulted("roles", Reader::strings),
});
