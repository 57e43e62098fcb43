//! Loading whatever text and asking every kind of question of what loads.

use crate::shapes::GHOST;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use rolegate::snapshot::AttrValue;
use rolegate::{AssignTarget, Context, Engine, Record};
use std::collections::BTreeMap;

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
        Context::default(),
        Context {
            unit: first(units.clone()),
            team: first(teams.clone()),
            record: None,
        },
        Context {
            unit: None,
            team: None,
            record: Some(Record {
                owner: users.last().map(|x| x.to_string()),
                team: None,
                unit: units.last().map(|x| x.to_string()),
                attributes: BTreeMap::from([("k0".to_owned(), AttrValue::Bool(true))]),
            }),
        },
        Context {
            unit: Some(GHOST.into()),
            team: None,
            record: Some(Record::default()),
        },
    ];
    users.push(GHOST);
    perms.push("nope");
    for ctx in &ctxs {
        let c = ctx;
        let prepared = e.prepare(c);
        for &u in &users {
            let gate = e.user(u);
            let _ = gate.permissions(c);
            let _ = e.permissions(u, c);
            for &p in &perms {
                let can = e.can(u, p, c);
                assert_eq!(e.explain(u, p, c).allowed, can);
                assert_eq!(gate.explain(p, c).allowed, can);
            }
            for r in roles.iter().copied().chain([GHOST]) {
                let _ = e.can_assign(
                    u,
                    r,
                    &AssignTarget {
                        user: users.first().map(|u| u.to_string()),
                        unit: ctx.unit.clone(),
                        team: ctx.team.clone(),
                    },
                );
            }
        }
        for ix in [0, 1, 7, u32::MAX - 1, u32::MAX] {
            let _ = e.check(ix, ix, &prepared);
            let _ = e.check(0, ix, &prepared);
            let _ = e.check(ix, 0, &prepared);
        }
    }
    let _ = e.seats();
    let _ = e.matrix();
    let _ = e.warnings();
}

/// Loads `text`; whatever loads is exercised. Errors must list problems.
pub(crate) fn load_never_panics(text: &str) -> Result<bool, TestCaseError> {
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
