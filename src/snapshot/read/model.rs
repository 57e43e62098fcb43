//! The permission model.

use super::condition::condition;
use crate::json::Reader;
use crate::json::{Path, Value};
use crate::snapshot::{
    Count, Feature, Grant, Model, Permission, Plan, Requirement, Restriction, Role, ScopeLevel,
    Seat, Toggle, Unless,
};

const MODEL: &[&str] = &[
    "name",
    "permissions",
    "features",
    "plans",
    "seats",
    "roles",
    "toggles",
    "restrictions",
    "rolesPerUser",
    "assignPermission",
];

pub(crate) fn model(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Model> {
    let members = r.object(v, at)?;
    let mut m = Model::default();
    let (mut permissions, mut roles) = (None, None);
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "name" => m.name = r.optional_string(v, &at),
            "permissions" => permissions = Some(r.list(v, &at, permission)),
            "features" => m.features = r.list(v, &at, feature).unwrap_or_default(),
            "plans" => m.plans = r.list(v, &at, plan).unwrap_or_default(),
            "seats" => m.seats = r.list(v, &at, seat).unwrap_or_default(),
            "roles" => roles = Some(r.list(v, &at, role)),
            "toggles" => m.toggles = r.list(v, &at, toggle).unwrap_or_default(),
            "restrictions" => m.restrictions = r.list(v, &at, restriction).unwrap_or_default(),
            "rolesPerUser" => m.roles_per_user = r.optional(v, &at, count),
            "assignPermission" => m.assign_permission = r.optional_string(v, &at),
            _ => r.unknown(key, MODEL, &at),
        }
    }
    let permissions = r.required(permissions, "permissions", at);
    let roles = r.required(roles, "roles", at);
    m.permissions = permissions?;
    m.roles = roles?;
    Some(m)
}

const PERMISSION: &[&str] = &["id", "label", "record", "feature", "seat"];

fn permission(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Permission> {
    let members = r.object(v, at)?;
    let mut p = Permission::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => p.label = r.optional_string(v, &at),
            "record" => p.record = r.boolean(v, &at).unwrap_or_default(),
            "feature" => p.feature = r.optional_string(v, &at),
            "seat" => p.seat = r.optional_string(v, &at),
            _ => r.unknown(key, PERMISSION, &at),
        }
    }
    p.id = r.required(id, "id", at)?;
    Some(p)
}

/// An object of only an `id` and a `label` (features and seats).
fn labelled(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<(String, Option<String>)> {
    const FIELDS: &[&str] = &["id", "label"];
    let members = r.object(v, at)?;
    let (mut id, mut label) = (None, None);
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => label = r.optional_string(v, &at),
            _ => r.unknown(key, FIELDS, &at),
        }
    }
    Some((r.required(id, "id", at)?, label))
}

fn feature(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Feature> {
    labelled(r, v, at).map(|(id, label)| Feature { id, label })
}

fn seat(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Seat> {
    labelled(r, v, at).map(|(id, label)| Seat { id, label })
}

const PLAN: &[&str] = &["id", "label", "features"];

fn plan(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Plan> {
    let members = r.object(v, at)?;
    let mut p = Plan::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => p.label = r.optional_string(v, &at),
            "features" => p.features = r.strings(v, &at).unwrap_or_default(),
            _ => r.unknown(key, PLAN, &at),
        }
    }
    p.id = r.required(id, "id", at)?;
    Some(p)
}

const COUNT: &[&str] = &["min", "max"];

fn count(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Count> {
    let members = r.object(v, at)?;
    let mut c = Count::default();
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "min" => c.min = r.optional(v, &at, Reader::count),
            "max" => c.max = r.optional(v, &at, Reader::count),
            _ => r.unknown(key, COUNT, &at),
        }
    }
    Some(c)
}

const ROLE: &[&str] = &[
    "id",
    "label",
    "includes",
    "grants",
    "seat",
    "requires",
    "requiresUser",
    "holders",
    "assigns",
];

fn role(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Role> {
    let members = r.object(v, at)?;
    let mut role = Role::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => role.label = r.optional_string(v, &at),
            "includes" => role.includes = r.strings(v, &at).unwrap_or_default(),
            "grants" => role.grants = r.list(v, &at, grant).unwrap_or_default(),
            "seat" => role.seat = r.optional_string(v, &at),
            "requires" => role.requires = r.strings(v, &at).unwrap_or_default(),
            "requiresUser" => role.requires_user = r.optional(v, &at, requirement),
            "holders" => role.holders = r.optional(v, &at, count),
            "assigns" => role.assigns = r.strings(v, &at).unwrap_or_default(),
            _ => r.unknown(key, ROLE, &at),
        }
    }
    role.id = r.required(id, "id", at)?;
    Some(role)
}

const REQUIREMENT: &[&str] = &["when", "message"];

fn requirement(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Requirement> {
    let members = r.object(v, at)?;
    let (mut when, mut message) = (None, None);
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "when" => when = Some(condition(r, v, &at)),
            "message" => message = Some(r.string(v, &at)),
            _ => r.unknown(key, REQUIREMENT, &at),
        }
    }
    let when = r.required(when, "when", at);
    let message = r.required(message, "message", at);
    Some(Requirement {
        when: when?,
        message: message?,
    })
}

const GRANT: &[&str] = &["permission", "scope", "teams", "when", "because"];

pub(crate) fn grant(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Grant> {
    let members = r.object(v, at)?;
    let mut g = Grant::default();
    let mut permission = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "permission" => permission = Some(r.string(v, &at)),
            "scope" => g.scope = r.list(v, &at, scope_level).unwrap_or_default(),
            "teams" => g.teams = r.strings(v, &at).unwrap_or_default(),
            "when" => g.when = r.optional(v, &at, condition),
            "because" => g.because = r.optional_string(v, &at),
            _ => r.unknown(key, GRANT, &at),
        }
    }
    g.permission = r.required(permission, "permission", at)?;
    Some(g)
}

fn scope_level(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<ScopeLevel> {
    let names = || {
        let names: Vec<String> = ScopeLevel::LEVELS
            .iter()
            .map(|l| format!("`{}`", l.as_str()))
            .collect();
        names.join(", ")
    };
    match v {
        Value::Str(s) => {
            let level = ScopeLevel::LEVELS.iter().find(|l| l.as_str() == s).copied();
            if level.is_none() {
                r.report(
                    at,
                    format!("unknown variant `{s}`, expected one of {}", names()),
                );
            }
            level
        }
        other => {
            r.expected(&format!("one of {}", names()), other, at);
            None
        }
    }
}

const TOGGLE: &[&str] = &["id", "label", "feature", "grants"];

fn toggle(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Toggle> {
    let members = r.object(v, at)?;
    let mut t = Toggle::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => t.label = r.optional_string(v, &at),
            "feature" => t.feature = r.optional_string(v, &at),
            "grants" => t.grants = r.list(v, &at, grant).unwrap_or_default(),
            _ => r.unknown(key, TOGGLE, &at),
        }
    }
    t.id = r.required(id, "id", at)?;
    Some(t)
}

const RESTRICTION: &[&str] = &["id", "permissions", "when", "unless", "message"];

fn restriction(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Restriction> {
    let members = r.object(v, at)?;
    let mut unless = None;
    let (mut id, mut permissions, mut when, mut message) = (None, None, None, None);
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "permissions" => permissions = Some(r.strings(v, &at)),
            "when" => when = Some(condition(r, v, &at)),
            "unless" => unless = r.optional(v, &at, exemptions),
            "message" => message = Some(r.string(v, &at)),
            _ => r.unknown(key, RESTRICTION, &at),
        }
    }
    let id = r.required(id, "id", at);
    let permissions = r.required(permissions, "permissions", at);
    let when = r.required(when, "when", at);
    let message = r.required(message, "message", at);
    Some(Restriction {
        id: id?,
        permissions: permissions?,
        when: when?,
        unless,
        message: message?,
    })
}

const UNLESS: &[&str] = &["scope", "teams", "when", "roles"];

fn exemptions(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Unless> {
    let members = r.object(v, at)?;
    let mut u = Unless::default();
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "scope" => u.scope = r.list(v, &at, scope_level).unwrap_or_default(),
            "teams" => u.teams = r.strings(v, &at).unwrap_or_default(),
            "when" => u.when = r.optional(v, &at, condition),
            "roles" => u.roles = r.strings(v, &at).unwrap_or_default(),
            _ => r.unknown(key, UNLESS, &at),
        }
    }
    Some(u)
}
