//! Shared helpers for the rule tests over the sample organisations in `www/orgs/`.
//!
//! Every check goes through `explain`, `can`, the bound user handle and the
//! integer fast path, and the helpers insist that all four agree.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::snapshot::AttrValue;
use rolegate::{
    AssignTarget, Code, Context, Engine, Explanation, Problem, Record, Snapshot, SnapshotError,
};
use std::collections::{BTreeMap, BTreeSet};

/// Loads a sample organisation, failing the test with every problem listed.
pub fn load(name: &str, json: &str) -> Engine {
    match Engine::from_json(json) {
        Ok(engine) => engine,
        Err(err) => panic!("sample organisation {name} does not load: {err}"),
    }
}

/// A copy of the loaded snapshot, to edit into a variant.
pub fn snapshot_of(engine: &Engine) -> Snapshot {
    engine.snapshot().clone()
}

/// Loads an edited snapshot that must be valid.
pub fn reload(snapshot: Snapshot) -> Engine {
    match Engine::from_snapshot(snapshot) {
        Ok(engine) => engine,
        Err(err) => panic!("edited snapshot should load: {err}"),
    }
}

/// Loads an edited snapshot that must be rejected, returning its problems.
#[track_caller]
pub fn rejected(snapshot: Snapshot) -> Vec<Problem> {
    match Engine::from_snapshot(snapshot) {
        Ok(_) => panic!("edited snapshot should be rejected, but it loaded"),
        Err(SnapshotError { problems }) => {
            assert!(
                !problems.is_empty(),
                "a rejected snapshot must list its problems"
            );
            problems
        }
    }
}

/// Index of a user in `org.users` (for editing a variant).
#[track_caller]
pub fn user_ix(snapshot: &Snapshot, id: &str) -> usize {
    snapshot
        .org
        .users
        .iter()
        .position(|u| u.id == id)
        .unwrap_or_else(|| panic!("no user `{id}` in the sample"))
}

/// Index of a team in `org.teams`.
#[track_caller]
pub fn team_ix(snapshot: &Snapshot, id: &str) -> usize {
    snapshot
        .org
        .teams
        .iter()
        .position(|t| t.id == id)
        .unwrap_or_else(|| panic!("no team `{id}` in the sample"))
}

/// The problem whose path is exactly `path` and whose message holds every word
/// (case-insensitive).
#[track_caller]
pub fn problem_at<'a>(problems: &'a [Problem], path: &str, words: &[&str]) -> &'a Problem {
    let found = problems
        .iter()
        .find(|p| p.path == path && words.iter().all(|w| lower(&p.message).contains(&lower(w))));
    match found {
        Some(p) => p,
        None => panic!(
            "expected a problem at `{path}` mentioning {words:?}; got:\n{}",
            show(problems)
        ),
    }
}

/// The problem whose path starts with `prefix` and whose message holds every word.
#[track_caller]
pub fn problem_under<'a>(problems: &'a [Problem], prefix: &str, words: &[&str]) -> &'a Problem {
    let found = problems.iter().find(|p| {
        p.path.starts_with(prefix) && words.iter().all(|w| lower(&p.message).contains(&lower(w)))
    });
    match found {
        Some(p) => p,
        None => {
            panic!(
                "expected a problem under `{prefix}` mentioning {words:?}; got:\n{}",
                show(problems)
            )
        }
    }
}

fn show(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("  {p}\n")).collect()
}

pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Asserts that a message contains every word (case-insensitive).
#[track_caller]
pub fn says(x: &Explanation, words: &[&str]) {
    for w in words {
        assert!(
            lower(&x.message).contains(&lower(w)),
            "message {:?} should mention {w:?} ({x:?})",
            x.message
        );
    }
}

// ---- contexts -------------------------------------------------------------

/// No context: "may the user do it at all (on some record)".
pub fn anywhere() -> Context {
    Context::default()
}

/// At a unit (location).
pub fn at(unit: &str) -> Context {
    Context {
        unit: Some(unit.into()),
        ..Context::default()
    }
}

/// For a team.
pub fn for_team(team: &str) -> Context {
    Context {
        team: Some(team.into()),
        ..Context::default()
    }
}

/// A record, built field by field.
#[derive(Debug, Clone, Default)]
pub struct Rec(Record);

/// A record owned by `owner` (its team is the owner's team).
pub fn owned_by(owner: &str) -> Rec {
    Rec(Record {
        owner: Some(owner.into()),
        ..Record::default()
    })
}

/// A record of a team, with no owner (e.g. a team's report, an invitation into a team).
pub fn of_team(team: &str) -> Rec {
    Rec(Record {
        team: Some(team.into()),
        ..Record::default()
    })
}

/// A record at a unit (location).
pub fn at_unit(unit: &str) -> Rec {
    Rec(Record {
        unit: Some(unit.into()),
        ..Record::default()
    })
}

impl Rec {
    pub fn team(mut self, team: &str) -> Rec {
        self.0.team = Some(team.into());
        self
    }
    pub fn unit(mut self, unit: &str) -> Rec {
        self.0.unit = Some(unit.into());
        self
    }
    pub fn attr(mut self, key: &str, value: &str) -> Rec {
        self.0
            .attributes
            .insert(key.into(), AttrValue::Str(value.into()));
        self
    }
    /// The context holding this record.
    pub fn ctx(self) -> Context {
        Context {
            record: Some(self.0),
            ..Context::default()
        }
    }
    /// The context holding this record, at a unit.
    pub fn ctx_at(self, unit: &str) -> Context {
        Context {
            unit: Some(unit.into()),
            record: Some(self.0),
            ..Context::default()
        }
    }
}

// ---- decisions ------------------------------------------------------------

/// Explains a check after asserting that `can`, the bound handle and the
/// integer fast path agree with it.
#[track_caller]
pub fn decide(e: &Engine, user: &str, perm: &str, c: &Context) -> Explanation {
    let ctx = c;
    let x = e.explain(user, perm, ctx);
    let can = e.can(user, perm, ctx);
    assert_eq!(
        can, x.allowed,
        "can() and explain() disagree on {user} / {perm} / {c:?}: {x:?}"
    );
    let bound = e.user(user).can(perm, ctx);
    assert_eq!(
        bound, x.allowed,
        "bound handle and explain() disagree on {user} / {perm} / {c:?}"
    );
    if let (Some(u), Some(p)) = (e.user_index(user), e.permission_index(perm)) {
        assert_eq!(
            e.check(u, p, &e.prepare(ctx)),
            x.allowed,
            "fast path check() and explain() disagree on {user} / {perm} / {c:?}"
        );
    }
    x
}

/// Asserts the check is allowed (code `granted`); returns the explanation.
#[track_caller]
pub fn allowed(e: &Engine, user: &str, perm: &str, c: &Context) -> Explanation {
    let x = decide(e, user, perm, c);
    assert!(
        x.allowed,
        "{user} should be allowed `{perm}` in {c:?}, got {:?}: {}",
        x.code, x.message
    );
    assert_eq!(x.code, Code::Granted, "{user} / {perm}: {x:?}");
    x
}

/// Asserts the check is denied with `code`; returns the explanation.
#[track_caller]
pub fn denied(e: &Engine, user: &str, perm: &str, c: &Context, code: Code) -> Explanation {
    let x = decide(e, user, perm, c);
    assert!(
        !x.allowed,
        "{user} should NOT be allowed `{perm}` in {c:?} ({x:?})"
    );
    assert_eq!(
        x.code, code,
        "{user} / {perm} / {c:?}: wrong reason, message {:?}",
        x.message
    );
    assert!(!x.message.trim().is_empty(), "a denial must say why: {x:?}");
    x
}

/// The permissions a user has in a context, as a set.
pub fn perms(e: &Engine, user: &str, c: &Context) -> BTreeSet<String> {
    let ctx = c;
    let list: Vec<String> = e
        .permissions(user, ctx)
        .into_iter()
        .map(String::from)
        .collect();
    let bound: Vec<String> = e
        .user(user)
        .permissions(ctx)
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(
        list, bound,
        "permissions() and the bound handle disagree for {user}"
    );
    list.into_iter().collect()
}

/// A set of permission ids.
pub fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Asks whether `actor` may give `role` to a target.
pub fn assign(
    e: &Engine,
    actor: &str,
    role: &str,
    user: Option<&str>,
    unit: Option<&str>,
    team: Option<&str>,
) -> Explanation {
    let owned = |x: Option<&str>| x.map(str::to_owned);
    let target = AssignTarget {
        user: owned(user),
        unit: owned(unit),
        team: owned(team),
    };
    e.can_assign(actor, role, &target)
}

/// Attribute map helper for editing variants.
pub fn attrs(pairs: &[(&str, AttrValue)]) -> BTreeMap<String, AttrValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// The matrix cell for a permission and a role.
#[track_caller]
pub fn cell<'m>(m: &'m rolegate::Matrix, perm: &str, role: &str) -> &'m rolegate::MatrixCell {
    let p = m.permissions.iter().position(|n| n.id == perm);
    let r = m.roles.iter().position(|n| n.id == role);
    match (p, r) {
        (Some(p), Some(r)) => match m.cells.get(p).and_then(|row| row.get(r)) {
            Some(c) => c,
            None => panic!("matrix has no cell for `{perm}` x `{role}`"),
        },
        _ => panic!("matrix lacks permission `{perm}` or role `{role}`"),
    }
}

/// The problems of a JSON snapshot that must be rejected.
#[track_caller]
pub fn problems(json: &str) -> Vec<Problem> {
    match Engine::from_json(json) {
        Ok(_) => panic!("the snapshot should be rejected: {json}"),
        Err(e) => e.problems,
    }
}

/// The one problem of a JSON snapshot that must be rejected.
#[track_caller]
pub fn only(json: &str) -> Problem {
    let all = problems(json);
    assert_eq!(all.len(), 1, "one problem expected, got {all:#?}");
    all.into_iter().next().unwrap()
}
