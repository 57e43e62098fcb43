//! Snapshot loading and the checks on whatever loads: any bytes either load
//! or give a `SnapshotError` with problems, and nothing panics, whatever the
//! snapshot and whatever is asked of it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolegate::{AssignTarget, Context, Engine, Record};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let engine = match Engine::from_json(text) {
        Ok(engine) => engine,
        Err(e) => {
            assert!(!e.problems.is_empty(), "a rejected snapshot lists its problems");
            return;
        }
    };
    exercise(&engine);
});

/// Every user x permission, in a few contexts built from the snapshot's own
/// names and from names it lacks; `can` must agree with `explain`, and with a
/// prepared context.
fn exercise(e: &Engine) {
    let s = e.snapshot();
    let users: Vec<&str> = s.org.users.iter().map(|u| u.id.as_str()).take(8).chain(["ghost"]).collect();
    let perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).take(16).chain(["nope"]).collect();
    let mut contexts = vec![Context::default()];
    if let Some(unit) = s.org.units.first() {
        contexts.push(Context::at_unit(unit.id.clone()));
    }
    if let Some(team) = s.org.teams.first() {
        contexts.push(Context::for_team(team.id.clone()));
    }
    for owner in users.iter().take(3) {
        let mut record = Record::owned_by(*owner).attribute("status", "open");
        if let Some(team) = s.org.teams.last() {
            record = record.team(team.id.clone());
        }
        contexts.push(Context::of(record));
    }
    contexts.push(Context::at_unit("nowhere"));
    for ctx in &contexts {
        let prepared = e.prepare(ctx);
        for &u in &users {
            let _ = e.permissions(u, ctx);
            for &p in &perms {
                let can = e.can(u, p, ctx);
                assert_eq!(e.explain(u, p, ctx).allowed, can, "{u} {p} {ctx:?}");
                if let (Some(ui), Some(pi)) = (e.user_index(u), e.permission_index(p)) {
                    assert_eq!(e.check(ui, pi, &prepared), can, "{u} {p} {ctx:?} prepared");
                }
            }
        }
    }
    for role in s.model.roles.iter().take(4) {
        for &u in users.iter().take(3) {
            let _ = e.can_assign(u, &role.id, &AssignTarget::user(u));
        }
    }
    let _ = (e.seats(), e.matrix(), e.warnings());
}
