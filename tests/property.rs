//! Property tests.
//!
//! 1. Random models and organisations, loaded by the engine, are checked
//!    against a deliberately naive reference evaluator written below from the
//!    documented semantics (README "Decisions", the contract's "Semantics"):
//!    it looks every name up by string, expands role includes recursively and
//!    walks manager chains and unit parents, with no dense ids, bitsets or
//!    Euler tours. Every check must agree on `can`, `explain(..).allowed`,
//!    `explain(..).code` (and the denying restriction), the bound user handle,
//!    the integer fast path and `permissions`.
//! 2. Random JSON-ish garbage and random mutations of valid snapshots never
//!    make `Engine::from_json` (or the checks on whatever loads) panic.
//!
//! Generated snapshots are valid by construction (the generator repairs
//! required roles, cardinalities, roles-per-user limits, required user
//! attributes and plan features), so the engine must load nearly all of them.
//!
//! `PROPTEST_CASES` and `PROPTEST_RNG_SEED` override the case count and seed.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rolegate::snapshot::{
    Assignment, AttrValue, Condition, Count, Feature, Grant, Model, Org, Permission, Plan,
    Requirement, Restriction, Role, ScopeLevel, Seat, Team, Toggle, Unit, Unless, User,
};
use rolegate::{AssignTarget, Code, ContextData, Engine, RecordData, Snapshot};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------
// Generated shapes. References are `Index`es resolved against the lists they
// point into, so every shape shrinks well and never dangles.
// ---------------------------------------------------------------------------

/// Permission namespaces: `calls` and `callsx` share the prefix `calls`, so
/// `calls*` and `calls.*` differ.
const NS: [&str; 4] = ["calls", "callsx", "settings", "users"];
/// Grant / restriction patterns.
const PATTERNS: [&str; 9] = [
    "calls.*",
    "calls*",
    "callsx.*",
    "settings.*",
    "s*",
    "users.*",
    "u*",
    "c*",
    "calls.p*",
];
const KEYS: [&str; 3] = ["k0", "k1", "k2"];
const STRS: [&str; 3] = ["a", "b", "c"];
const LEVELS: [ScopeLevel; 7] = [
    ScopeLevel::Own,
    ScopeLevel::Subordinates,
    ScopeLevel::Peers,
    ScopeLevel::Manager,
    ScopeLevel::Team,
    ScopeLevel::ManagedTeams,
    ScopeLevel::All,
];
/// A name no kind of thing ever has.
const GHOST: &str = "ghost";

#[derive(Debug, Clone)]
enum GVal {
    B(bool),
    N(u8),
    S(u8),
    L(Vec<u8>),
}

#[derive(Debug, Clone)]
struct GPath {
    src: u8,
    key: u8,
}

#[derive(Debug, Clone)]
enum GOp {
    Eq(GVal),
    In(Vec<GVal>),
    Present(bool),
    EqAttr(GPath),
    InAttr(GPath),
}

#[derive(Debug, Clone)]
enum GCond {
    All(Vec<GCond>),
    Any(Vec<GCond>),
    Not(Box<GCond>),
    Cmp(GPath, GOp),
}

#[derive(Debug, Clone)]
enum GTarget {
    Exact(Index),
    Star,
    Pattern(Index),
}

#[derive(Debug, Clone)]
struct GGrant {
    target: GTarget,
    scope: Vec<u8>,
    teams: Vec<Index>,
    when: Option<GCond>,
    because: bool,
}

#[derive(Debug, Clone)]
struct GPerm {
    ns: u8,
    record: bool,
    feature: Option<Index>,
    seat: Option<Index>,
}

#[derive(Debug, Clone)]
struct GRole {
    includes: Vec<Index>,
    grants: Vec<GGrant>,
    seat: Option<Index>,
    requires: Vec<Index>,
    requires_user: Option<GCond>,
    holders: bool,
    assigns: Vec<Index>,
}

#[derive(Debug, Clone)]
struct GToggle {
    feature: Option<Index>,
    grants: Vec<GGrant>,
}

#[derive(Debug, Clone)]
struct GUnless {
    scope: Vec<u8>,
    teams: Vec<Index>,
    when: Option<GCond>,
    roles: Vec<Index>,
}

#[derive(Debug, Clone)]
struct GRestriction {
    perms: Vec<GTarget>,
    when: GCond,
    unless: Option<GUnless>,
}

#[derive(Debug, Clone)]
struct GModel {
    perms: Vec<GPerm>,
    features: usize,
    plans: Vec<Vec<Index>>,
    seats: usize,
    roles: Vec<GRole>,
    role_keys: Vec<u32>,
    toggles: Vec<GToggle>,
    restrictions: Vec<GRestriction>,
    roles_per_user: bool,
}

#[derive(Debug, Clone)]
struct GAssign {
    role: Index,
    place: u8,
    at: Index,
}

#[derive(Debug, Clone)]
struct GUser {
    manager: Option<Index>,
    teams: Vec<Index>,
    roles: Vec<GAssign>,
    toggles: Vec<Index>,
    grants: Vec<GGrant>,
    attrs: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
struct GTeam {
    managers: Vec<Index>,
    settings: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
struct GOrg {
    plan: Option<Index>,
    settings: Vec<(u8, GVal)>,
    seats: Vec<(Index, u32)>,
    units: Vec<Option<Index>>,
    unit_keys: Vec<u32>,
    teams: Vec<GTeam>,
    users: Vec<GUser>,
    user_keys: Vec<u32>,
}

/// A name in a check's context: a known one (by index) or `GHOST`.
type GName = Option<Index>;

#[derive(Debug, Clone)]
struct GRecord {
    owner: Option<GName>,
    team: Option<GName>,
    unit: Option<GName>,
    attrs: Vec<(u8, GVal)>,
}

#[derive(Debug, Clone)]
struct GCtx {
    unit: Option<GName>,
    team: Option<GName>,
    record: Option<GRecord>,
}

// ---------------------------------------------------------------------------
// Strategies.
// ---------------------------------------------------------------------------

fn g_val() -> impl Strategy<Value = GVal> {
    prop_oneof![
        any::<bool>().prop_map(GVal::B),
        (0u8..2).prop_map(GVal::N),
        (0u8..3).prop_map(GVal::S),
        prop::collection::vec(0u8..3, 0..3).prop_map(GVal::L),
    ]
}

fn g_attrs(max: usize) -> impl Strategy<Value = Vec<(u8, GVal)>> {
    prop::collection::vec((0u8..3, g_val()), 0..=max)
}

fn g_path() -> impl Strategy<Value = GPath> {
    (0u8..4, 0u8..3).prop_map(|(src, key)| GPath { src, key })
}

fn g_cond() -> impl Strategy<Value = GCond> {
    let op = prop_oneof![
        4 => g_val().prop_map(GOp::Eq),
        2 => prop::collection::vec(g_val(), 0..3).prop_map(GOp::In),
        2 => any::<bool>().prop_map(GOp::Present),
        1 => g_path().prop_map(GOp::EqAttr),
        1 => g_path().prop_map(GOp::InAttr),
    ];
    let leaf = (g_path(), op).prop_map(|(p, o)| GCond::Cmp(p, o));
    leaf.prop_recursive(3, 10, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(GCond::All),
            prop::collection::vec(inner.clone(), 0..3).prop_map(GCond::Any),
            inner.prop_map(|c| GCond::Not(Box::new(c))),
        ]
    })
}

fn g_target() -> impl Strategy<Value = GTarget> {
    prop_oneof![
        6 => any::<Index>().prop_map(GTarget::Exact),
        1 => Just(GTarget::Star),
        2 => any::<Index>().prop_map(GTarget::Pattern),
    ]
}

fn g_levels() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => Just(Vec::new()),
        5 => prop::collection::vec(0u8..7, 1..4),
    ]
}

fn g_few_indices(weight_empty: u32, max: usize) -> impl Strategy<Value = Vec<Index>> {
    prop_oneof![
        weight_empty => Just(Vec::new()),
        1 => prop::collection::vec(any::<Index>(), 1..=max),
    ]
}

fn g_grant() -> impl Strategy<Value = GGrant> {
    (
        g_target(),
        g_levels(),
        g_few_indices(4, 2),
        prop::option::weighted(0.3, g_cond()),
        any::<bool>(),
    )
        .prop_map(|(target, scope, teams, when, because)| GGrant {
            target,
            scope,
            teams,
            when,
            because,
        })
}

fn g_perm() -> impl Strategy<Value = GPerm> {
    (
        0u8..4,
        prop::bool::weighted(0.6),
        prop::option::weighted(0.3, any::<Index>()),
        prop::option::weighted(0.2, any::<Index>()),
    )
        .prop_map(|(ns, record, feature, seat)| GPerm {
            ns,
            record,
            feature,
            seat,
        })
}

fn g_role() -> impl Strategy<Value = GRole> {
    (
        g_few_indices(1, 2),
        prop::collection::vec(g_grant(), 0..4),
        prop::option::weighted(0.25, any::<Index>()),
        g_few_indices(4, 1),
        prop::option::weighted(0.2, g_cond()),
        prop::bool::weighted(0.2),
        g_few_indices(2, 2),
    )
        .prop_map(
            |(includes, grants, seat, requires, requires_user, holders, assigns)| GRole {
                includes,
                grants,
                seat,
                requires,
                requires_user,
                holders,
                assigns,
            },
        )
}

fn g_toggle() -> impl Strategy<Value = GToggle> {
    (
        prop::option::weighted(0.4, any::<Index>()),
        prop::collection::vec(g_grant(), 1..3),
    )
        .prop_map(|(feature, grants)| GToggle { feature, grants })
}

fn g_restriction() -> impl Strategy<Value = GRestriction> {
    let unless = (
        g_levels(),
        g_few_indices(3, 2),
        prop::option::weighted(0.3, g_cond()),
        g_few_indices(3, 2),
    )
        .prop_map(|(scope, teams, when, roles)| GUnless {
            scope,
            teams,
            when,
            roles,
        });
    (
        prop::collection::vec(g_target(), 1..3),
        g_cond(),
        prop::option::weighted(0.7, unless),
    )
        .prop_map(|(perms, when, unless)| GRestriction {
            perms,
            when,
            unless,
        })
}

fn g_model() -> impl Strategy<Value = GModel> {
    (
        prop::collection::vec(g_perm(), 1..8),
        0usize..3,
        prop::collection::vec(prop::collection::vec(any::<Index>(), 0..3), 0..3),
        0usize..3,
        prop::collection::vec(g_role(), 1..6),
        prop::collection::vec(any::<u32>(), 6),
        prop::collection::vec(g_toggle(), 0..3),
        prop::collection::vec(g_restriction(), 0..3),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(perms, features, plans, seats, roles, role_keys, toggles, restrictions, rpu)| {
                GModel {
                    perms,
                    features,
                    plans,
                    seats,
                    roles,
                    role_keys,
                    toggles,
                    restrictions,
                    roles_per_user: rpu,
                }
            },
        )
}

fn g_user() -> impl Strategy<Value = GUser> {
    let assign = (
        any::<Index>(),
        prop_oneof![3 => Just(0u8), 2 => Just(1u8), 2 => Just(2u8)],
        any::<Index>(),
    )
        .prop_map(|(role, place, at)| GAssign { role, place, at });
    (
        prop::option::weighted(0.75, any::<Index>()),
        prop::collection::vec(any::<Index>(), 0..4),
        prop::collection::vec(assign, 0..4),
        g_few_indices(2, 2),
        prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(g_grant(), 1..3)],
        g_attrs(3),
    )
        .prop_map(|(manager, teams, roles, toggles, grants, attrs)| GUser {
            manager,
            teams,
            roles,
            toggles,
            grants,
            attrs,
        })
}

fn g_org() -> impl Strategy<Value = GOrg> {
    let team = (prop::collection::vec(any::<Index>(), 0..3), g_attrs(2))
        .prop_map(|(managers, settings)| GTeam { managers, settings });
    (
        prop::option::weighted(0.7, any::<Index>()),
        g_attrs(3),
        prop::collection::vec((any::<Index>(), 0u32..3), 0..3),
        prop::collection::vec(prop::option::weighted(0.8, any::<Index>()), 0..7),
        prop::collection::vec(any::<u32>(), 7),
        prop::collection::vec(team, 0..4),
        prop::collection::vec(g_user(), 1..9),
        prop::collection::vec(any::<u32>(), 9),
    )
        .prop_map(
            |(plan, settings, seats, units, unit_keys, teams, users, user_keys)| GOrg {
                plan,
                settings,
                seats,
                units,
                unit_keys,
                teams,
                users,
                user_keys,
            },
        )
}

fn g_name() -> impl Strategy<Value = GName> {
    prop_oneof![12 => any::<Index>().prop_map(Some), 1 => Just(None)]
}

fn g_ctx() -> impl Strategy<Value = GCtx> {
    let record = (
        prop::option::weighted(0.85, g_name()),
        prop::option::weighted(0.35, g_name()),
        prop::option::weighted(0.35, g_name()),
        g_attrs(3),
    )
        .prop_map(|(owner, team, unit, attrs)| GRecord {
            owner,
            team,
            unit,
            attrs,
        });
    (
        prop::option::weighted(0.4, g_name()),
        prop::option::weighted(0.3, g_name()),
        prop::option::weighted(0.7, record),
    )
        .prop_map(|(unit, team, record)| GCtx { unit, team, record })
}

// ---------------------------------------------------------------------------
// Building a snapshot from the shapes (with the repairs that keep it valid).
// ---------------------------------------------------------------------------

fn pick(ix: &Index, len: usize) -> Option<usize> {
    (len > 0).then(|| ix.index(len))
}

fn name(i: usize) -> String {
    // Units, teams, users and roles share one naming scheme, so that a name
    // looked up in the wrong table would resolve to the wrong thing.
    format!("n{i}")
}

fn value(v: &GVal) -> AttrValue {
    match v {
        GVal::B(b) => AttrValue::Bool(*b),
        GVal::N(n) => AttrValue::Num(f64::from(*n) + 1.0),
        GVal::S(s) => AttrValue::Str(STRS[*s as usize % 3].to_owned()),
        GVal::L(l) => AttrValue::List(l.iter().map(|s| STRS[*s as usize % 3].to_owned()).collect()),
    }
}

fn attrs(list: &[(u8, GVal)]) -> BTreeMap<String, AttrValue> {
    list.iter()
        .map(|(k, v)| (KEYS[*k as usize % 3].to_owned(), value(v)))
        .collect()
}

fn path_text(p: &GPath, only_user: bool) -> String {
    let src = if only_user {
        "user"
    } else {
        ["user", "record", "org", "team"][p.src as usize % 4]
    };
    format!("{src}.{}", KEYS[p.key as usize % 3])
}

fn condition(c: &GCond, only_user: bool) -> Condition {
    match c {
        GCond::All(cs) => Condition {
            all: Some(cs.iter().map(|c| condition(c, only_user)).collect()),
            ..Condition::default()
        },
        GCond::Any(cs) => Condition {
            any: Some(cs.iter().map(|c| condition(c, only_user)).collect()),
            ..Condition::default()
        },
        GCond::Not(c) => Condition {
            not: Some(Box::new(condition(c, only_user))),
            ..Condition::default()
        },
        GCond::Cmp(p, op) => {
            let mut out = Condition {
                attr: Some(path_text(p, only_user)),
                ..Condition::default()
            };
            match op {
                GOp::Eq(v) => out.eq = Some(value(v)),
                GOp::In(vs) => out.one_of = Some(vs.iter().map(value).collect()),
                GOp::Present(b) => out.present = Some(*b),
                GOp::EqAttr(q) => out.eq_attr = Some(path_text(q, only_user)),
                GOp::InAttr(q) => out.in_attr = Some(path_text(q, only_user)),
            }
            out
        }
    }
}

/// A permutation of `0..n` from random keys (stable for equal keys).
fn order(n: usize, keys: &[u32]) -> Vec<usize> {
    let mut ix: Vec<usize> = (0..n).collect();
    ix.sort_by_key(|&i| (keys.get(i).copied().unwrap_or(0), i));
    ix
}

struct Builder<'a> {
    m: &'a GModel,
    perms: Vec<Permission>,
    teams: usize,
    plan_features: Option<Vec<String>>,
}

impl Builder<'_> {
    fn plan_has(&self, feature: &Option<String>) -> bool {
        match (&self.plan_features, feature) {
            (Some(fs), Some(f)) => fs.contains(f),
            _ => true,
        }
    }

    fn levels(&self, levels: &[u8]) -> Vec<ScopeLevel> {
        levels.iter().map(|l| LEVELS[*l as usize % 7]).collect()
    }

    fn team_names(&self, teams: &[Index]) -> Vec<String> {
        teams
            .iter()
            .filter_map(|t| pick(t, self.teams))
            .map(name)
            .collect()
    }

    /// A grant, or `None` when a direct grant names a permission whose
    /// feature the plan lacks (the loader rejects those).
    fn grant(&self, g: &GGrant, direct: bool) -> Option<Grant> {
        let exact = |ix: usize| -> (String, bool) {
            let p = &self.perms[ix % self.perms.len()];
            (p.id.clone(), p.record)
        };
        let matches_free = |pattern: &str| {
            let prefix = pattern.trim_end_matches('*');
            self.perms
                .iter()
                .any(|p| p.seat.is_none() && p.id.starts_with(prefix))
        };
        // Whether every permission a pattern covers is record-scoped. A
        // scoped pattern that also covers a permission without records is
        // left out: the documents do not say whether its scope then applies
        // (it does, in the engine), is ignored, or the pattern skips it.
        let only_records = |pattern: &str| {
            self.perms
                .iter()
                .filter(|p| Reference::grant_covers(pattern, p))
                .all(|p| p.record)
        };
        let (permission, record) = match &g.target {
            GTarget::Exact(ix) => exact(ix.index(self.perms.len())),
            GTarget::Star if matches_free("*") => ("*".to_owned(), only_records("*")),
            GTarget::Pattern(ix) if matches_free(PATTERNS[ix.index(PATTERNS.len())]) => {
                let pattern = PATTERNS[ix.index(PATTERNS.len())];
                (pattern.to_owned(), only_records(pattern))
            }
            GTarget::Star => exact(0),
            GTarget::Pattern(ix) => exact(ix.index(self.perms.len())),
        };
        if direct && !permission.ends_with('*') {
            let p = self.perms.iter().find(|p| p.id == permission)?;
            if !self.plan_has(&p.feature) {
                return None;
            }
        }
        let (scope, teams) = if record {
            (self.levels(&g.scope), self.team_names(&g.teams))
        } else {
            (Vec::new(), Vec::new())
        };
        Some(Grant {
            permission,
            scope,
            teams,
            when: g.when.as_ref().map(|c| condition(c, false)),
            because: g.because.then(|| "the condition holds".to_owned()),
        })
    }
}

fn build(m: &GModel, o: &GOrg) -> Snapshot {
    let features: Vec<Feature> = (0..m.features)
        .map(|i| Feature {
            id: format!("f{i}"),
            label: None,
        })
        .collect();
    let plans: Vec<Plan> = if m.features == 0 {
        Vec::new()
    } else {
        m.plans
            .iter()
            .enumerate()
            .map(|(i, fs)| {
                let mut list: Vec<String> = fs
                    .iter()
                    .map(|f| format!("f{}", f.index(m.features)))
                    .collect();
                list.sort();
                list.dedup();
                Plan {
                    id: format!("plan{i}"),
                    label: Some(format!("Plan {i}")),
                    features: list,
                }
            })
            .collect()
    };
    let seats: Vec<Seat> = (0..m.seats)
        .map(|i| Seat {
            id: format!("s{i}"),
            label: (i == 0).then(|| "Seat zero".to_owned()),
        })
        .collect();
    let perms: Vec<Permission> = m
        .perms
        .iter()
        .enumerate()
        .map(|(i, p)| Permission {
            id: format!("{}.p{i}", NS[p.ns as usize % 4]),
            label: None,
            record: p.record,
            feature: p
                .feature
                .as_ref()
                .and_then(|f| pick(f, m.features))
                .map(|f| format!("f{f}")),
            seat: p
                .seat
                .as_ref()
                .and_then(|s| pick(s, m.seats))
                .map(|s| format!("s{s}")),
        })
        .collect();
    let plan = o.plan.as_ref().and_then(|p| pick(p, plans.len()));
    let b = Builder {
        m,
        perms: perms.clone(),
        teams: o.teams.len(),
        plan_features: plan.map(|p| plans[p].features.clone()),
    };

    let nr = m.roles.len();
    let mut roles: Vec<Role> = m
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // Includes point to lower (logical) indices only: acyclic.
            let mut includes: Vec<String> = r
                .includes
                .iter()
                .filter_map(|x| pick(x, i))
                .map(name)
                .collect();
            includes.dedup();
            Role {
                id: name(i),
                label: (i % 2 == 0).then(|| format!("Role {i}")),
                includes,
                grants: r.grants.iter().filter_map(|g| b.grant(g, false)).collect(),
                seat: r
                    .seat
                    .as_ref()
                    .and_then(|s| pick(s, m.seats))
                    .map(|s| format!("s{s}")),
                requires: r
                    .requires
                    .iter()
                    .map(|x| x.index(nr))
                    .filter(|&x| x != i)
                    .map(name)
                    .collect(),
                requires_user: r.requires_user.as_ref().map(|c| Requirement {
                    when: condition(c, true),
                    message: "meets the requirement".to_owned(),
                }),
                holders: None,
                assigns: if r.assigns.len() == 2 {
                    vec!["*".to_owned()]
                } else {
                    r.assigns.iter().map(|x| name(x.index(nr))).collect()
                },
            }
        })
        .collect();
    let toggles: Vec<Toggle> =
        b.m.toggles
            .iter()
            .enumerate()
            .map(|(i, t)| Toggle {
                id: format!("t{i}"),
                label: Some(format!("Toggle {i}")),
                feature: t
                    .feature
                    .as_ref()
                    .and_then(|f| pick(f, m.features))
                    .map(|f| format!("f{f}")),
                grants: t.grants.iter().filter_map(|g| b.grant(g, false)).collect(),
            })
            .collect();
    let restrictions: Vec<Restriction> = m
        .restrictions
        .iter()
        .enumerate()
        .map(|(i, r)| Restriction {
            id: format!("x{i}"),
            permissions: r
                .perms
                .iter()
                .map(|t| match t {
                    GTarget::Exact(ix) => perms[ix.index(perms.len())].id.clone(),
                    GTarget::Star => "*".to_owned(),
                    GTarget::Pattern(ix) => PATTERNS[ix.index(PATTERNS.len())].to_owned(),
                })
                .collect(),
            when: condition(&r.when, false),
            unless: r.unless.as_ref().map(|u| Unless {
                scope: b.levels(&u.scope),
                teams: b.team_names(&u.teams),
                when: u.when.as_ref().map(|c| condition(c, false)),
                roles: u.roles.iter().map(|x| name(x.index(nr))).collect(),
            }),
            message: "{permission} is denied for {team} at {unit}".to_owned(),
        })
        .collect();

    // Units: parents point to lower logical indices; listed in a random order.
    let nu = o.units.len();
    let units: Vec<Unit> = order(nu, &o.unit_keys)
        .into_iter()
        .map(|i| Unit {
            id: name(i),
            label: (i % 2 == 1).then(|| format!("Unit {i}")),
            parent: o.units[i].as_ref().and_then(|p| pick(p, i)).map(name),
        })
        .collect();
    let nusers = o.users.len();
    let teams: Vec<Team> = o
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut managers: Vec<String> =
                t.managers.iter().map(|u| name(u.index(nusers))).collect();
            managers.sort();
            managers.dedup();
            Team {
                id: name(i),
                label: Some(format!("Team {i}")),
                managers,
                settings: attrs(&t.settings),
            }
        })
        .collect();
    let plan_has = |f: &Option<String>| b.plan_has(f);
    let mut users: Vec<User> = (0..nusers)
        .map(|i| {
            let u = &o.users[i];
            User {
                id: name(i),
                name: None,
                manager: u.manager.as_ref().and_then(|p| pick(p, i)).map(name),
                teams: b.team_names(&u.teams),
                roles: u
                    .roles
                    .iter()
                    .map(|a| {
                        let role = name(a.role.index(nr));
                        match (a.place, pick(&a.at, nu), pick(&a.at, o.teams.len())) {
                            (1, Some(unit), _) => Assignment {
                                role,
                                unit: Some(name(unit)),
                                team: None,
                            },
                            (2, _, Some(team)) => Assignment {
                                role,
                                unit: None,
                                team: Some(name(team)),
                            },
                            _ => Assignment {
                                role,
                                unit: None,
                                team: None,
                            },
                        }
                    })
                    .collect(),
                toggles: u
                    .toggles
                    .iter()
                    .filter_map(|t| pick(t, toggles.len()))
                    .filter(|&t| plan_has(&toggles[t].feature))
                    .map(|t| format!("t{t}"))
                    .collect(),
                grants: u.grants.iter().filter_map(|g| b.grant(g, true)).collect(),
                attributes: attrs(&u.attrs),
            }
        })
        .collect();

    let mut snap = Snapshot {
        model: Model {
            name: Some("random".to_owned()),
            permissions: perms,
            features,
            plans,
            seats,
            roles: roles.clone(),
            toggles,
            restrictions,
            roles_per_user: None,
            assign_permission: None,
        },
        org: Org {
            name: Some("random org".to_owned()),
            plan: plan.map(|p| format!("plan{p}")),
            settings: attrs(&o.settings),
            seats: o
                .seats
                .iter()
                .filter_map(|(s, n)| pick(s, m.seats).map(|s| (format!("s{s}"), *n)))
                .collect(),
            units,
            teams,
            users: Vec::new(),
        },
    };

    // Repair `requires`: give every holder the roles its roles require.
    for u in users.iter_mut() {
        for _ in 0..=nr {
            let missing = {
                let held = Reference::closure_of(&snap, u.roles.iter().map(|a| a.role.as_str()));
                u.roles.iter().find_map(|a| {
                    let role = snap.model.roles.iter().find(|r| r.id == a.role)?;
                    role.requires
                        .iter()
                        .find(|q| !held.contains(q.as_str()))
                        .cloned()
                })
            };
            match missing {
                Some(q) => u.roles.push(Assignment {
                    role: q,
                    unit: None,
                    team: None,
                }),
                None => break,
            }
        }
    }
    // Repair `requiresUser` (drop it when a holder fails it) and set
    // `holders` to what the org has.
    for (ri, role) in roles.iter_mut().enumerate() {
        let holders: Vec<&User> = users
            .iter()
            .filter(|u| u.roles.iter().any(|a| a.role == role.id))
            .collect();
        if let Some(req) = &role.requires_user {
            let ok = holders.iter().all(|u| {
                let env = Env {
                    user: &u.attributes,
                    record: None,
                    org: &snap.org.settings,
                    team: None,
                };
                env.holds(&req.when)
            });
            if !ok {
                role.requires_user = None;
            }
        }
        if m.roles[ri].holders {
            let n = holders.len() as u32;
            role.holders = Some(Count {
                min: Some(n.min(1)),
                max: Some(n),
            });
        }
    }
    snap.model.roles = roles;
    if m.roles_per_user {
        let mut max = 1;
        let mut min = u32::MAX;
        for u in &users {
            let mut per_place: BTreeMap<(Option<&str>, Option<&str>), u32> = BTreeMap::new();
            for a in &u.roles {
                *per_place
                    .entry((a.unit.as_deref(), a.team.as_deref()))
                    .or_default() += 1;
            }
            max = max.max(per_place.values().copied().max().unwrap_or(0));
            min = min.min(u.roles.len() as u32);
        }
        snap.model.roles_per_user = Some(Count {
            min: (min >= 1).then_some(1),
            max: Some(max),
        });
    }
    // Emit users in a random order (the reporting tree is not index-ordered).
    let ord = order(nusers, &o.user_keys);
    snap.org.users = ord.iter().map(|&i| users[i].clone()).collect();
    // Emit roles in a random order too (includes are not index-ordered).
    let rord = order(nr, &m.role_keys);
    let roles = std::mem::take(&mut snap.model.roles);
    snap.model.roles = rord.iter().map(|&i| roles[i].clone()).collect();
    snap
}

/// Context data from a generated context; names index into the snapshot.
fn context(s: &Snapshot, c: &GCtx) -> ContextData {
    let resolve = |n: &Option<GName>, names: Vec<&str>| -> Option<String> {
        match n {
            None => None,
            Some(None) => Some(GHOST.to_owned()),
            Some(Some(ix)) => pick(ix, names.len()).map(|i| names[i].to_owned()),
        }
    };
    let units = || {
        s.org
            .units
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    let teams = || {
        s.org
            .teams
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    let users = || {
        s.org
            .users
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    ContextData {
        unit: resolve(&c.unit, units()),
        team: resolve(&c.team, teams()),
        record: c.record.as_ref().map(|r| RecordData {
            owner: resolve(&r.owner, users()),
            team: resolve(&r.team, teams()),
            unit: resolve(&r.unit, units()),
            attributes: attrs(&r.attrs),
        }),
    }
}

// ---------------------------------------------------------------------------
// The reference evaluator: naive on purpose.
// ---------------------------------------------------------------------------

/// The attribute maps a condition reads.
struct Env<'a> {
    user: &'a BTreeMap<String, AttrValue>,
    record: Option<&'a BTreeMap<String, AttrValue>>,
    org: &'a BTreeMap<String, AttrValue>,
    team: Option<&'a BTreeMap<String, AttrValue>>,
}

fn same(a: &AttrValue, b: &AttrValue) -> bool {
    match (a, b) {
        (AttrValue::Bool(x), AttrValue::Bool(y)) => x == y,
        (AttrValue::Num(x), AttrValue::Num(y)) => x == y,
        (AttrValue::Str(x), AttrValue::Str(y)) => x == y,
        (AttrValue::List(x), AttrValue::List(y)) => x == y,
        _ => false,
    }
}

impl Env<'_> {
    fn get(&self, path: &str) -> Option<&AttrValue> {
        let (source, key) = path.split_once('.')?;
        match source {
            "user" => self.user.get(key),
            "record" => self.record?.get(key),
            "org" => self.org.get(key),
            "team" => self.team?.get(key),
            _ => None,
        }
    }

    /// README "Conditions": exactly one form; a missing attribute equals
    /// nothing; `in` on a list attribute asks about any of its items;
    /// `inAttr` asks for membership in the other attribute's list (any item
    /// when the attribute is itself a list). Not documented, taken from the
    /// code: `inAttr` against a value that is not a list is plain equality.
    fn holds(&self, c: &Condition) -> bool {
        if let Some(all) = &c.all {
            return all.iter().all(|x| self.holds(x));
        }
        if let Some(any) = &c.any {
            return any.iter().any(|x| self.holds(x));
        }
        if let Some(not) = &c.not {
            return !self.holds(not);
        }
        let Some(path) = &c.attr else { return false };
        let a = self.get(path);
        if let Some(v) = &c.eq {
            return a.is_some_and(|a| same(a, v));
        }
        if let Some(vs) = &c.one_of {
            return match a {
                None => false,
                Some(AttrValue::List(items)) => items
                    .iter()
                    .any(|i| vs.iter().any(|v| same(&AttrValue::Str(i.clone()), v))),
                Some(a) => vs.iter().any(|v| same(a, v)),
            };
        }
        if let Some(p) = c.present {
            return a.is_some() == p;
        }
        if let Some(other) = &c.eq_attr {
            return match (a, self.get(other)) {
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            };
        }
        if let Some(other) = &c.in_attr {
            return match (a, self.get(other)) {
                (Some(AttrValue::Str(s)), Some(AttrValue::List(items))) => items.contains(s),
                (Some(AttrValue::List(xs)), Some(AttrValue::List(items))) => {
                    xs.iter().any(|x| items.contains(x))
                }
                (Some(_), Some(AttrValue::List(_))) => false,
                (Some(a), Some(b)) => same(a, b),
                _ => false,
            };
        }
        false
    }
}

struct Reference<'a> {
    s: &'a Snapshot,
    /// How often each rule decided something, to show the generator reaches it.
    hits: RefCell<BTreeMap<&'static str, u64>>,
}

/// What the reference decides: the code and, when restricted, which restriction.
#[derive(Debug, Clone, PartialEq)]
struct Decision {
    code: Code,
    restriction: Option<String>,
}

impl Decision {
    fn of(code: Code) -> Decision {
        Decision {
            code,
            restriction: None,
        }
    }
}

impl<'a> Reference<'a> {
    fn new(s: &'a Snapshot) -> Reference<'a> {
        Reference {
            s,
            hits: RefCell::new(BTreeMap::new()),
        }
    }

    /// Counts `what` and returns true.
    fn hit(&self, what: &'static str) -> bool {
        *self.hits.borrow_mut().entry(what).or_default() += 1;
        true
    }

    fn user(&self, id: &str) -> Option<&'a User> {
        self.s.org.users.iter().find(|u| u.id == id)
    }
    fn perm(&self, id: &str) -> Option<&'a Permission> {
        self.s.model.permissions.iter().find(|p| p.id == id)
    }
    fn role(&self, id: &str) -> Option<&'a Role> {
        self.s.model.roles.iter().find(|r| r.id == id)
    }
    fn unit(&self, id: &str) -> Option<&'a Unit> {
        self.s.org.units.iter().find(|u| u.id == id)
    }
    fn team(&self, id: &str) -> Option<&'a Team> {
        self.s.org.teams.iter().find(|t| t.id == id)
    }

    /// The named roles and every role they include, recursively.
    fn closure_of<'s>(s: &Snapshot, roles: impl Iterator<Item = &'s str>) -> BTreeSet<String> {
        fn visit(s: &Snapshot, id: &str, out: &mut BTreeSet<String>) {
            if !out.insert(id.to_owned()) {
                return;
            }
            if let Some(r) = s.model.roles.iter().find(|r| r.id == id) {
                for inc in &r.includes {
                    visit(s, inc, out);
                }
            }
        }
        let mut out = BTreeSet::new();
        for r in roles {
            visit(s, r, &mut out);
        }
        out
    }

    /// Every role the user holds anywhere (includes expanded).
    fn held(&self, u: &User) -> BTreeSet<String> {
        Reference::closure_of(self.s, u.roles.iter().map(|a| a.role.as_str()))
    }

    /// Whether unit `unit` is `top` or below it (walking parents).
    fn unit_within(&self, unit: &str, top: &str) -> bool {
        let mut at = Some(unit.to_owned());
        for _ in 0..=self.s.org.units.len() {
            match at {
                Some(ref u) if u == top => return true,
                Some(ref u) => at = self.unit(u).and_then(|x| x.parent.clone()),
                None => return false,
            }
        }
        false
    }

    /// Whether `owner` reports to `boss`, directly or not (walking managers).
    fn reports_to(&self, owner: &str, boss: &str) -> bool {
        let mut at = self.user(owner).and_then(|u| u.manager.clone());
        for _ in 0..=self.s.org.users.len() {
            match at {
                Some(ref m) if m == boss => return true,
                Some(ref m) => at = self.user(m).and_then(|x| x.manager.clone()),
                None => return false,
            }
        }
        false
    }

    /// Whether a grant pattern covers a permission: `*` and `prefix*` never
    /// cover seat-bound permissions.
    fn grant_covers(pattern: &str, p: &Permission) -> bool {
        match pattern.strip_suffix('*') {
            Some(prefix) => p.seat.is_none() && p.id.starts_with(prefix),
            None => pattern == p.id,
        }
    }

    /// Whether a restriction pattern covers a permission (seat-bound too).
    fn restriction_covers(pattern: &str, p: &Permission) -> bool {
        match pattern.strip_suffix('*') {
            Some(prefix) => p.id.starts_with(prefix),
            None => pattern == p.id,
        }
    }

    /// The record's team: its `team`, else its owner's primary (first) team.
    fn record_team<'r>(&'r self, rec: &'r RecordData) -> Option<&'r str> {
        match (&rec.team, &rec.owner) {
            (Some(t), _) => Some(t.as_str()),
            (None, Some(o)) => self
                .user(o)
                .and_then(|o| o.teams.first())
                .map(String::as_str),
            (None, None) => None,
        }
    }

    /// Whether the record is in scope (`levels` + explicit `teams`) of `u`.
    /// Without a record every scope matches; no levels and no teams is `all`.
    fn in_scope(
        &self,
        u: &User,
        levels: &[ScopeLevel],
        teams: &[String],
        rec: Option<&RecordData>,
    ) -> bool {
        let Some(rec) = rec else { return true };
        if (levels.is_empty() && teams.is_empty()) || levels.contains(&ScopeLevel::All) {
            return true;
        }
        if let Some(owner) = rec.owner.as_deref() {
            if levels.contains(&ScopeLevel::Own) && owner == u.id {
                return self.hit("scope own");
            }
            if levels.contains(&ScopeLevel::Subordinates) && self.reports_to(owner, &u.id) {
                let direct = self.user(owner).and_then(|o| o.manager.as_deref()) == Some(&u.id);
                return self.hit(if direct {
                    "scope subordinates (direct)"
                } else {
                    "scope subordinates (indirect)"
                });
            }
            if levels.contains(&ScopeLevel::Peers)
                && owner != u.id
                && u.manager.is_some()
                && self.user(owner).map(|o| &o.manager) == Some(&u.manager)
            {
                return self.hit("scope peers");
            }
            if levels.contains(&ScopeLevel::Manager) && u.manager.as_deref() == Some(owner) {
                return self.hit("scope manager");
            }
        }
        // Teams whose records are in scope.
        let mut ok: Vec<&str> = teams.iter().map(String::as_str).collect();
        if levels.contains(&ScopeLevel::Team) {
            ok.extend(u.teams.iter().map(String::as_str));
        }
        if levels.contains(&ScopeLevel::ManagedTeams) {
            ok.extend(
                self.s
                    .org
                    .teams
                    .iter()
                    .filter(|t| t.managers.contains(&u.id))
                    .map(|t| t.id.as_str()),
            );
        }
        let Some(t) = self.record_team(rec) else {
            return false;
        };
        if !ok.contains(&t) {
            return false;
        }
        if rec.team.is_none() {
            self.hit("scope via owner's primary team");
        }
        if teams.iter().any(|x| x == t) {
            self.hit("scope explicit teams")
        } else if levels.contains(&ScopeLevel::Team) && u.teams.iter().any(|x| x == t) {
            self.hit("scope team")
        } else {
            self.hit("scope managedTeams")
        }
    }

    fn decide(&self, user: &str, perm: &str, ctx: &ContextData) -> Decision {
        let Some(u) = self.user(user) else {
            return Decision::of(Code::UnknownUser);
        };
        let Some(p) = self.perm(perm) else {
            return Decision::of(Code::UnknownPermission);
        };
        let rec = ctx.record.as_ref();
        let known = ctx.unit.as_deref().is_none_or(|x| self.unit(x).is_some())
            && ctx.team.as_deref().is_none_or(|x| self.team(x).is_some())
            && rec.is_none_or(|r| {
                r.owner.as_deref().is_none_or(|x| self.user(x).is_some())
                    && r.team.as_deref().is_none_or(|x| self.team(x).is_some())
                    && r.unit.as_deref().is_none_or(|x| self.unit(x).is_some())
            });
        if !known {
            return Decision::of(Code::UnknownContext);
        }
        // The effective unit and team: the record's, else the context's
        // (the record's team being its `team`, else its owner's primary team).
        let unit = rec.and_then(|r| r.unit.as_deref()).or(ctx.unit.as_deref());
        let team = rec
            .and_then(|r| self.record_team(r))
            .or(ctx.team.as_deref());
        let env = Env {
            user: &u.attributes,
            record: rec.map(|r| &r.attributes),
            org: &self.s.org.settings,
            team: team.and_then(|t| self.team(t)).map(|t| &t.settings),
        };
        let held = self.held(u);

        // 1. Restrictions deny over every grant unless an exemption applies.
        for r in &self.s.model.restrictions {
            if !r
                .permissions
                .iter()
                .any(|x| Reference::restriction_covers(x, p))
            {
                continue;
            }
            if !env.holds(&r.when) {
                continue;
            }
            let exempt = r.unless.as_ref().is_some_and(|x| {
                ((!x.scope.is_empty() || !x.teams.is_empty())
                    && self.in_scope(u, &x.scope, &x.teams, rec)
                    && self.hit("exempt by scope"))
                    || (x.when.as_ref().is_some_and(|w| env.holds(w))
                        && self.hit("exempt by condition"))
                    || (x.roles.iter().any(|role| held.contains(role))
                        && self.hit("exempt by role"))
            });
            if !exempt {
                return Decision {
                    code: Code::Restricted,
                    restriction: Some(r.id.clone()),
                };
            }
        }
        // 2. The plan must include the permission's feature.
        if let (Some(plan), Some(f)) = (&self.s.org.plan, &p.feature) {
            let plan = self.s.model.plans.iter().find(|x| &x.id == plan);
            if !plan.is_some_and(|x| x.features.contains(f)) {
                return Decision::of(Code::PlanLacksFeature);
            }
        }
        // 3. A seat-bound permission needs a held role carrying the seat.
        if let Some(seat) = &p.seat {
            let has = held
                .iter()
                .any(|r| self.role(r).and_then(|r| r.seat.as_ref()) == Some(seat));
            if !has {
                return Decision::of(Code::NeedsSeat);
            }
        }
        // 4. Grants: from roles that apply here (includes expanded), toggles
        //    and direct grants.
        let mut grants: Vec<(&Grant, &'static str)> = Vec::new();
        for a in &u.roles {
            let how = match (&a.unit, &a.team) {
                (Some(top), _) => match unit {
                    Some(x) if x == top => "role at the unit",
                    Some(x) if self.unit_within(x, top) => "role at a unit above",
                    _ => continue,
                },
                (None, Some(t)) if team == Some(t.as_str()) => "role for the team",
                (None, Some(_)) => continue,
                (None, None) => "role org-wide",
            };
            for r in Reference::closure_of(self.s, std::iter::once(a.role.as_str())) {
                if let Some(role) = self.role(&r) {
                    let how = if r == a.role { how } else { "included role" };
                    grants.extend(role.grants.iter().map(|g| (g, how)));
                }
            }
        }
        for t in &u.toggles {
            if let Some(t) = self.s.model.toggles.iter().find(|x| &x.id == t) {
                grants.extend(t.grants.iter().map(|g| (g, "toggle")));
            }
        }
        grants.extend(u.grants.iter().map(|g| (g, "direct grant")));
        let mut closest = Code::NoGrant;
        for &(g, how) in grants
            .iter()
            .filter(|(g, _)| Reference::grant_covers(&g.permission, p))
        {
            if !self.in_scope(u, &g.scope, &g.teams, rec) {
                if closest == Code::NoGrant {
                    closest = Code::OutOfScope;
                }
                continue;
            }
            if g.when.as_ref().is_some_and(|w| !env.holds(w)) {
                closest = Code::ConditionFailed;
                continue;
            }
            self.hit(how);
            if g.permission.ends_with('*') {
                self.hit("pattern grant");
            }
            return Decision::of(Code::Granted);
        }
        Decision::of(closest)
    }
}

// ---------------------------------------------------------------------------
// The comparison.
// ---------------------------------------------------------------------------

fn config(cases: u32) -> Config {
    let cases = match std::env::var("PROPTEST_CASES") {
        Ok(_) => Config::default().cases,
        Err(_) => cases,
    };
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

fn describe(ctx: &ContextData) -> String {
    serde_json::to_string(ctx).unwrap_or_default()
}

/// Compares every check of `s` in each context; the error names the first mismatch.
fn compare(
    e: &Engine,
    s: &Snapshot,
    ctxs: &[ContextData],
    codes: &mut BTreeMap<&'static str, u64>,
    hits: &mut BTreeMap<&'static str, u64>,
) -> Result<(), String> {
    let r = Reference::new(s);
    let mut users: Vec<&str> = s.org.users.iter().map(|u| u.id.as_str()).collect();
    users.push(GHOST);
    let mut perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).collect();
    perms.push("calls.nope");
    let fail = |what: &str,
                user: &str,
                perm: &str,
                ctx: &ContextData,
                want: String,
                got: String| {
        format!(
            "{what} mismatch for user `{user}`, permission `{perm}`, context {}\n  reference: {want}\n  engine:    {got}\n  snapshot: {}",
            describe(ctx),
            serde_json::to_string(s).unwrap_or_default()
        )
    };
    for ctx in ctxs {
        let c = ctx.as_context();
        for &user in &users {
            let gate = e.user(user);
            let mut allowed = Vec::new();
            for &perm in &perms {
                let want = r.decide(user, perm, ctx);
                *codes.entry(want.code.as_str()).or_default() += 1;
                let granted = want.code == Code::Granted;
                let can = e.can(user, perm, &c);
                if can != granted {
                    return Err(fail(
                        "can",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{can}"),
                    ));
                }
                let x = e.explain(user, perm, &c);
                let got = Decision {
                    code: x.code,
                    restriction: x.restriction.clone().filter(|_| x.code == Code::Restricted),
                };
                if got != want || x.allowed != granted {
                    return Err(fail(
                        "explain",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{x:?}"),
                    ));
                }
                if x.message.is_empty() {
                    return Err(fail(
                        "explain message",
                        user,
                        perm,
                        ctx,
                        "words".into(),
                        format!("{x:?}"),
                    ));
                }
                if gate.can(perm, &c) != granted {
                    return Err(fail(
                        "user(..).can",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{}", !granted),
                    ));
                }
                let gx = gate.explain(perm, &c);
                if gx.code != want.code || gx.allowed != granted {
                    return Err(fail(
                        "user(..).explain",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{gx:?}"),
                    ));
                }
                if let (Some(ui), Some(pi)) = (e.user_index(user), e.permission_index(perm)) {
                    if e.check(ui, pi, &c) != granted || gate.check(pi, &c) != granted {
                        return Err(fail(
                            "check",
                            user,
                            perm,
                            ctx,
                            format!("{want:?}"),
                            format!("{}", !granted),
                        ));
                    }
                }
                if granted && perm != "calls.nope" {
                    allowed.push(perm);
                }
            }
            let listed = e.permissions(user, &c);
            if listed != allowed || gate.permissions(&c) != allowed {
                return Err(fail(
                    "permissions",
                    user,
                    "*",
                    ctx,
                    format!("{allowed:?}"),
                    format!("{listed:?}"),
                ));
            }
        }
    }
    for (k, n) in r.hits.into_inner() {
        *hits.entry(k).or_default() += n;
    }
    Ok(())
}

#[derive(Default)]
struct Tally {
    cases: u64,
    loaded: u64,
    codes: BTreeMap<&'static str, u64>,
    hits: BTreeMap<&'static str, u64>,
    rejected: Vec<String>,
}

#[test]
fn engine_agrees_with_naive_reference() {
    let strategy = (g_model(), g_org(), prop::collection::vec(g_ctx(), 6..14));
    let tally = RefCell::new(Tally::default());
    let mut runner = TestRunner::new(config(1500));
    let result = runner.run(&strategy, |(m, o, gctxs)| {
        let snap = build(&m, &o);
        let text = serde_json::to_string(&snap).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut t = tally.borrow_mut();
        t.cases += 1;
        let engine = match Engine::from_json(&text) {
            Ok(e) => e,
            Err(err) => {
                t.rejected.push(format!("{err}\n  snapshot: {text}"));
                return Ok(());
            }
        };
        t.loaded += 1;
        let ctxs: Vec<ContextData> = gctxs.iter().map(|c| context(&snap, c)).collect();
        let t = &mut *t;
        compare(&engine, &snap, &ctxs, &mut t.codes, &mut t.hits).map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let t = tally.into_inner();
    assert!(
        t.rejected.len() as u64 * 20 <= t.cases,
        "the engine rejected {} of {} generated snapshots, which are valid by construction; first:\n{}",
        t.rejected.len(),
        t.cases,
        t.rejected.first().cloned().unwrap_or_default()
    );
    // The generator must reach every outcome, not only deny.
    let checks: u64 = t.codes.values().sum();
    assert!(checks > 50_000, "only {checks} checks made");
    for code in [
        Code::Granted,
        Code::NoGrant,
        Code::OutOfScope,
        Code::ConditionFailed,
        Code::Restricted,
        Code::NeedsSeat,
        Code::PlanLacksFeature,
        Code::UnknownUser,
        Code::UnknownPermission,
        Code::UnknownContext,
    ] {
        let n = t.codes.get(code.as_str()).copied().unwrap_or(0);
        assert!(
            n * 200 > checks,
            "too few `{}` outcomes: {n} of {checks} ({:?})",
            code.as_str(),
            t.codes
        );
    }
    let reached: u64 = t.hits.values().sum();
    for rule in [
        "scope own",
        "scope subordinates (direct)",
        "scope subordinates (indirect)",
        "scope peers",
        "scope manager",
        "scope team",
        "scope managedTeams",
        "scope explicit teams",
        "scope via owner's primary team",
        "role org-wide",
        "role at the unit",
        "role at a unit above",
        "role for the team",
        "included role",
        "toggle",
        "direct grant",
        "pattern grant",
        "exempt by scope",
        "exempt by condition",
        "exempt by role",
    ] {
        let n = t.hits.get(rule).copied().unwrap_or(0);
        assert!(
            n * 1000 > reached,
            "the generator rarely reaches `{rule}`: {n} ({:?})",
            t.hits
        );
    }
    eprintln!(
        "property: {} snapshots, {} loaded\n  outcomes {:?}\n  rules {:?}",
        t.cases, t.loaded, t.codes, t.hits
    );
}

// ---------------------------------------------------------------------------
// Nothing panics: garbage, random JSON and mutations of valid snapshots.
// ---------------------------------------------------------------------------

/// Keys and strings of the snapshot format, so random JSON reaches far into
/// decoding and validation.
const VOCAB: [&str; 64] = [
    "model",
    "org",
    "permissions",
    "roles",
    "users",
    "units",
    "teams",
    "id",
    "grants",
    "permission",
    "scope",
    "when",
    "attr",
    "eq",
    "in",
    "present",
    "eqAttr",
    "inAttr",
    "all",
    "any",
    "not",
    "includes",
    "requires",
    "requiresUser",
    "message",
    "holders",
    "min",
    "max",
    "assigns",
    "seat",
    "seats",
    "feature",
    "features",
    "plans",
    "plan",
    "toggles",
    "restrictions",
    "unless",
    "manager",
    "record",
    "settings",
    "attributes",
    "parent",
    "managers",
    "label",
    "name",
    "rolesPerUser",
    "assignPermission",
    "because",
    "own",
    "subordinates",
    "*",
    "calls.*",
    "user.k0",
    "record.k0",
    "team.k0",
    "org.k0",
    "n0",
    "n1",
    "calls.p0",
    "t0",
    "s0",
    "f0",
    "",
];

fn g_word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&VOCAB[..]).prop_map(str::to_owned),
        1 => ".{0,8}",
    ]
}

fn g_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        g_word().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((g_word(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A document shaped like a snapshot, with random insides.
fn g_shaped() -> impl Strategy<Value = Value> {
    let objects = || prop::collection::vec(g_json(), 0..4);
    (
        objects(),
        objects(),
        objects(),
        objects(),
        prop::collection::vec((g_word(), g_json()), 0..3),
    )
        .prop_map(|(perms, roles, users, more, extra)| {
            let mut model = serde_json::Map::new();
            model.insert("permissions".into(), Value::Array(perms));
            model.insert("roles".into(), Value::Array(roles));
            let mut org = serde_json::Map::new();
            org.insert("users".into(), Value::Array(users));
            org.insert("teams".into(), Value::Array(more));
            for (k, v) in extra {
                if k.len() % 2 == 0 {
                    model.insert(k, v);
                } else {
                    org.insert(k, v);
                }
            }
            serde_json::json!({"model": model, "org": org})
        })
}

/// Runs every kind of question against a loaded engine: none may panic.
fn exercise(e: &Engine) {
    let s = e.snapshot();
    let first = |v: Vec<&str>| v.first().map(|x| x.to_string());
    let units: Vec<&str> = s.org.units.iter().map(|x| x.id.as_str()).collect();
    let teams: Vec<&str> = s.org.teams.iter().map(|x| x.id.as_str()).collect();
    let mut users: Vec<&str> = s.org.users.iter().map(|x| x.id.as_str()).collect();
    let mut perms: Vec<&str> = s.model.permissions.iter().map(|x| x.id.as_str()).collect();
    let roles: Vec<&str> = s.model.roles.iter().map(|x| x.id.as_str()).collect();
    let ctxs = [
        ContextData::default(),
        ContextData {
            unit: first(units.clone()),
            team: first(teams.clone()),
            record: None,
        },
        ContextData {
            unit: None,
            team: None,
            record: Some(RecordData {
                owner: users.last().map(|x| x.to_string()),
                team: None,
                unit: units.last().map(|x| x.to_string()),
                attributes: BTreeMap::from([("k0".to_owned(), AttrValue::Bool(true))]),
            }),
        },
        ContextData {
            unit: Some(GHOST.into()),
            team: None,
            record: Some(RecordData::default()),
        },
    ];
    users.push(GHOST);
    perms.push("nope");
    for ctx in &ctxs {
        let c = ctx.as_context();
        for &u in &users {
            let gate = e.user(u);
            let _ = gate.permissions(&c);
            let _ = e.permissions(u, &c);
            for &p in &perms {
                let can = e.can(u, p, &c);
                assert_eq!(e.explain(u, p, &c).allowed, can);
                assert_eq!(gate.explain(p, &c).allowed, can);
            }
            for r in roles.iter().copied().chain([GHOST]) {
                let _ = e.can_assign(
                    u,
                    r,
                    &AssignTarget {
                        user: users.first().copied(),
                        unit: ctx.unit.as_deref(),
                        team: ctx.team.as_deref(),
                    },
                );
            }
        }
        for ix in [0, 1, 7, u32::MAX - 1, u32::MAX] {
            let _ = e.check(ix, ix, &c);
            let _ = e.check(0, ix, &c);
            let _ = e.check(ix, 0, &c);
        }
    }
    let _ = e.seats();
    let _ = e.matrix();
    let _ = e.warnings();
}

/// Loads `text`; whatever loads is exercised. Errors must list problems.
fn load_never_panics(text: &str) -> Result<bool, TestCaseError> {
    match Engine::from_json(text) {
        Ok(e) => {
            exercise(&e);
            Ok(true)
        }
        Err(err) => {
            prop_assert!(!err.problems.is_empty(), "an error without problems");
            for p in &err.problems {
                prop_assert!(!p.path.is_empty() && !p.message.is_empty(), "{p:?}");
            }
            Ok(false)
        }
    }
}

#[test]
fn garbage_never_panics_the_loader() {
    let text = prop_oneof![
        2 => "[\\[\\]{}\":,0-9a-z.\\-eE \\\\]{0,200}",
        1 => any::<String>(),
        3 => g_json().prop_map(|v| v.to_string()),
        3 => g_shaped().prop_map(|v| v.to_string()),
    ];
    let mut runner = TestRunner::new(config(600));
    let result = runner.run(&text, |t| load_never_panics(&t).map(|_| ()));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[derive(Debug, Clone)]
struct Mutation {
    node: Index,
    kind: u8,
    with: Value,
    other: Index,
}

fn g_mutation() -> impl Strategy<Value = Mutation> {
    (any::<Index>(), 0u8..8, g_json(), any::<Index>()).prop_map(|(node, kind, with, other)| {
        Mutation {
            node,
            kind,
            with,
            other,
        }
    })
}

/// Every JSON pointer in `v` (the root excluded), in document order.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(map) => map.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn mutate(doc: &mut Value, m: &Mutation) {
    let mut ptrs = Vec::new();
    pointers(doc, "", &mut ptrs);
    let Some(i) = pick(&m.node, ptrs.len()) else {
        return;
    };
    let ptr = ptrs[i].clone();
    let (parent_ptr, key) = ptr.rsplit_once('/').unwrap_or(("", ""));
    let key = key.replace("~1", "/").replace("~0", "~");
    let mut words = Vec::new();
    strings(doc, &mut words);
    let nested = |depth: usize| {
        let mut v = serde_json::json!({"attr": "user.k0", "eq": true});
        for _ in 0..depth {
            v = serde_json::json!({ "not": v });
        }
        v
    };
    match m.kind {
        // Replace with random JSON.
        0 | 1 => {
            if let Some(x) = doc.pointer_mut(&ptr) {
                *x = m.with.clone();
            }
        }
        // Delete.
        2 => match doc.pointer_mut(parent_ptr) {
            Some(Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>() {
                    if i < items.len() {
                        items.remove(i);
                    }
                }
            }
            Some(Value::Object(map)) => {
                map.remove(&key);
            }
            _ => {}
        },
        // Point a name somewhere else (dangling, duplicate or cross-kind).
        3 => {
            if let (Some(x), Some(j)) = (doc.pointer_mut(&ptr), pick(&m.other, words.len())) {
                *x = Value::String(words[j].clone());
            }
        }
        // Duplicate an array element (duplicate ids, two holders).
        4 => {
            if let Some(Value::Array(items)) = doc.pointer_mut(parent_ptr) {
                if let Some(x) = key
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                {
                    items.push(x);
                }
            }
        }
        // Add an unknown field or element.
        5 => match doc.pointer_mut(&ptr) {
            Some(Value::Object(map)) => {
                map.insert("surprise".into(), m.with.clone());
            }
            Some(Value::Array(items)) => items.push(m.with.clone()),
            _ => {}
        },
        // Extreme values.
        6 => {
            let extreme = match pick(&m.other, 6) {
                Some(0) => Value::from(u64::MAX),
                Some(1) => Value::from(-1),
                Some(2) => nested(40),
                Some(3) => Value::String("x".repeat(10_000)),
                Some(4) => Value::String("*".into()),
                _ => Value::String(String::new()),
            };
            if let Some(x) = doc.pointer_mut(&ptr) {
                *x = extreme;
            }
        }
        // Point a reference at the node itself (cycles: parents, managers,
        // includes): copy the id of the enclosing element into this field.
        _ => {
            let owner_ptr = parent_ptr.to_owned();
            let id = doc.pointer(&owner_ptr).and_then(|o| o.get("id")).cloned();
            if let (Some(id), Some(x)) = (id, doc.pointer_mut(&ptr)) {
                *x = id;
            }
        }
    }
}

#[test]
fn mutated_snapshots_never_panic() {
    let strategy = (
        g_model(),
        g_org(),
        prop::collection::vec(g_mutation(), 1..4),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => prop::collection::vec((any::<Index>(), 0u8..3, any::<char>()), 1..3),
        ],
    );
    let counts = RefCell::new((0u64, 0u64));
    let mut runner = TestRunner::new(config(400));
    let result = runner.run(&strategy, |(m, o, muts, bytes)| {
        let mut doc =
            serde_json::to_value(build(&m, &o)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for x in &muts {
            mutate(&mut doc, x);
        }
        let mut text: Vec<char> = doc.to_string().chars().collect();
        // A few character-level edits on top (some cases only).
        for (at, op, ch) in &bytes {
            let i = at.index(text.len() + 1);
            match op {
                0 => text.insert(i, *ch),
                1 if i < text.len() => {
                    text.remove(i);
                }
                _ if i < text.len() => text[i] = *ch,
                _ => {}
            }
        }
        let text: String = text.into_iter().collect();
        let loaded = load_never_panics(&text)?;
        let mut c = counts.borrow_mut();
        c.0 += 1;
        c.1 += u64::from(loaded);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (cases, loaded) = counts.into_inner();
    // Both sides must be exercised: some mutants load, most do not.
    assert!(
        loaded * 20 > cases && loaded < cases,
        "{loaded} of {cases} mutants loaded"
    );
    eprintln!("mutants: {cases}, {loaded} loaded");
}
