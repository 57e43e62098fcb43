//! The organisation.

use super::condition::{attributes, map};
use super::model::grant;
use crate::json::Reader;
use crate::json::{Path, Value};
use crate::snapshot::{Assignment, Org, Team, Unit, User};

const ORG: &[&str] = &[
    "name", "plan", "settings", "seats", "units", "teams", "users",
];

pub(crate) fn org(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Org> {
    let members = r.object(v, at)?;
    let mut o = Org::default();
    let mut users = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "name" => o.name = r.optional_string(v, &at),
            "plan" => o.plan = r.optional_string(v, &at),
            "settings" => o.settings = attributes(r, v, &at).unwrap_or_default(),
            "seats" => o.seats = map(r, v, &at, Reader::count).unwrap_or_default(),
            "units" => o.units = r.list(v, &at, unit).unwrap_or_default(),
            "teams" => o.teams = r.list(v, &at, team).unwrap_or_default(),
            "users" => users = Some(r.list(v, &at, user)),
            _ => r.unknown(key, ORG, &at),
        }
    }
    o.users = r.required(users, "users", at)?;
    Some(o)
}

const UNIT: &[&str] = &["id", "label", "parent"];

fn unit(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Unit> {
    let members = r.object(v, at)?;
    let mut u = Unit::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => u.label = r.optional_string(v, &at),
            "parent" => u.parent = r.optional_string(v, &at),
            _ => r.unknown(key, UNIT, &at),
        }
    }
    u.id = r.required(id, "id", at)?;
    Some(u)
}

const TEAM: &[&str] = &["id", "label", "managers", "settings"];

fn team(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Team> {
    let members = r.object(v, at)?;
    let mut t = Team::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "label" => t.label = r.optional_string(v, &at),
            "managers" => t.managers = r.strings(v, &at).unwrap_or_default(),
            "settings" => t.settings = attributes(r, v, &at).unwrap_or_default(),
            _ => r.unknown(key, TEAM, &at),
        }
    }
    t.id = r.required(id, "id", at)?;
    Some(t)
}

const USER: &[&str] = &[
    "id",
    "name",
    "manager",
    "teams",
    "roles",
    "toggles",
    "grants",
    "attributes",
];

fn user(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<User> {
    let members = r.object(v, at)?;
    let mut u = User::default();
    let mut id = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "id" => id = Some(r.string(v, &at)),
            "name" => u.name = r.optional_string(v, &at),
            "manager" => u.manager = r.optional_string(v, &at),
            "teams" => u.teams = r.strings(v, &at).unwrap_or_default(),
            "roles" => u.roles = r.list(v, &at, assignment).unwrap_or_default(),
            "toggles" => u.toggles = r.strings(v, &at).unwrap_or_default(),
            "grants" => u.grants = r.list(v, &at, grant).unwrap_or_default(),
            "attributes" => u.attributes = attributes(r, v, &at).unwrap_or_default(),
            _ => r.unknown(key, USER, &at),
        }
    }
    u.id = r.required(id, "id", at)?;
    Some(u)
}

const ASSIGNMENT: &[&str] = &["role", "unit", "team"];

fn assignment(r: &mut Reader, v: Value<'_>, at: &Path<'_>) -> Option<Assignment> {
    let members = r.object(v, at)?;
    let mut a = Assignment::default();
    let mut role = None;
    for (key, v) in members {
        let at = at.key(key);
        match key {
            "role" => role = Some(r.string(v, &at)),
            "unit" => a.unit = r.optional_string(v, &at),
            "team" => a.team = r.optional_string(v, &at),
            _ => r.unknown(key, ASSIGNMENT, &at),
        }
    }
    a.role = r.required(role, "role", at)?;
    Some(a)
}
