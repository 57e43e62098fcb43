//! The JS-facing API (`rolegate::wasm`, exactly what JavaScript calls) on the
//! sample organisations of `www/orgs/`, in Node, headless Chromium and
//! headless Firefox: every check, explanation, permission list, assignment,
//! seat count and matrix agrees with the Rust API on the same engine.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::wasm::{Gate, SnapshotArg};
use rolegate::{AssignTarget, ContextData, Engine, RecordData, Snapshot};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const ORGS: [(&str, &str); 4] = [
    ("jiminny", include_str!("../www/orgs/jiminny.json")),
    ("jrni", include_str!("../www/orgs/jrni.json")),
    ("modjo", include_str!("../www/orgs/modjo.json")),
    ("spotio", include_str!("../www/orgs/spotio.json")),
];

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("valid JSON")
}

fn json(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().as_string().unwrap()
}

fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn load(name: &str, text: &str) -> (Gate, Engine) {
    let gate = Gate::load(js(text).unchecked_into::<SnapshotArg>())
        .unwrap_or_else(|e| panic!("{name}: {}", json(&field(&e, "problems"))));
    let engine = Engine::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (gate, engine)
}

/// The contexts every check is asked in: none, each unit, each team, and a
/// record of each user (alone, and in each team).
fn contexts(s: &Snapshot) -> Vec<ContextData> {
    let mut all = vec![ContextData::default()];
    for u in &s.org.units {
        all.push(ContextData {
            unit: Some(u.id.clone()),
            ..Default::default()
        });
    }
    for t in &s.org.teams {
        all.push(ContextData {
            team: Some(t.id.clone()),
            ..Default::default()
        });
    }
    for owner in &s.org.users {
        let record = RecordData {
            owner: Some(owner.id.clone()),
            ..Default::default()
        };
        all.push(ContextData {
            record: Some(record.clone()),
            ..Default::default()
        });
        for t in &s.org.teams {
            let record = RecordData {
                team: Some(t.id.clone()),
                ..record.clone()
            };
            all.push(ContextData {
                record: Some(record),
                ..Default::default()
            });
        }
    }
    all
}

#[wasm_bindgen_test]
fn every_sample_org_loads_from_a_js_object_and_from_json_text() {
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        assert_eq!(
            json(&gate.warnings()),
            serde_json::to_string(engine.warnings()).unwrap(),
            "{name}"
        );
        assert!(Gate::from_json(text).is_ok(), "{name}");
    }
}

#[wasm_bindgen_test]
fn checks_and_explanations_agree_with_the_rust_api() {
    let mut checks = 0;
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s = engine.snapshot();
        for ctx in contexts(s) {
            let ctx_js = js(&serde_json::to_string(&ctx).unwrap());
            for user in &s.org.users {
                let handle = gate.user(&user.id);
                for perm in &s.model.permissions {
                    let want = engine.explain(&user.id, &perm.id, &ctx.as_context());
                    let what = format!("{name}: {} {} {ctx:?}", user.id, perm.id);
                    let arg = || Some(ctx_js.clone().unchecked_into());
                    assert_eq!(gate.can(&user.id, &perm.id, arg()), want.allowed, "{what}");
                    assert_eq!(handle.can(&perm.id, arg()), want.allowed, "{what}");
                    assert_eq!(
                        engine.can(&user.id, &perm.id, &ctx.as_context()),
                        want.allowed,
                        "{what}"
                    );
                    let got = gate.explain(&user.id, &perm.id, arg());
                    assert_eq!(json(&got), serde_json::to_string(&want).unwrap(), "{what}");
                    assert_eq!(json(&handle.explain(&perm.id, arg())), json(&got), "{what}");
                    checks += 1;
                }
            }
        }
    }
    assert!(checks > 1000, "only {checks} checks");
}

#[wasm_bindgen_test]
fn the_integer_fast_path_agrees_with_checks_by_name() {
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s = engine.snapshot();
        let unit_ix = |id: &Option<String>| id.as_deref().map_or(-1, |u| gate.unit_index(u));
        let team_ix = |id: &Option<String>| id.as_deref().map_or(-1, |t| gate.team_index(t));
        for ctx in contexts(s) {
            let r = ctx.record.clone().unwrap_or_default();
            let owner = r.owner.as_deref().map_or(-1, |o| gate.user_index(o));
            for user in &s.org.users {
                let handle = gate.user(&user.id);
                let u = gate.user_index(&user.id);
                assert!(u >= 0, "{name}: {}", user.id);
                for perm in &s.model.permissions {
                    let want = engine.can(&user.id, &perm.id, &ctx.as_context());
                    let p = gate.permission_index(&perm.id);
                    let rec = ctx.record.is_some();
                    let (unit, team) = (unit_ix(&ctx.unit), team_ix(&ctx.team));
                    let (rteam, runit) = (team_ix(&r.team), unit_ix(&r.unit));
                    let what = format!("{name}: {} {} {ctx:?}", user.id, perm.id);
                    assert_eq!(
                        gate.check_at(
                            u as u32, p as u32, unit, team, rec, owner, rteam, runit, false
                        ),
                        want,
                        "{what}"
                    );
                    assert_eq!(
                        handle.check_at(p as u32, unit, team, rec, owner, rteam, runit, false),
                        want,
                        "{what}"
                    );
                    if !rec && ctx.unit.is_none() && ctx.team.is_none() {
                        assert_eq!(handle.check(p as u32), want, "{what}");
                        let mask = handle.permission_mask();
                        let bit = mask
                            .get(p as usize / 32)
                            .is_some_and(|w| w >> (p % 32) & 1 == 1);
                        assert_eq!(bit, want, "{what}: permission mask");
                    }
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn permission_lists_assignments_seats_and_matrix_agree_with_the_rust_api() {
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s = engine.snapshot();
        for user in &s.org.users {
            let want: Vec<String> = engine
                .permissions(&user.id, &Default::default())
                .into_iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(
                gate.permissions(&user.id, None),
                want,
                "{name}: {}",
                user.id
            );
            assert_eq!(
                gate.user(&user.id).permissions(None),
                want,
                "{name}: {}",
                user.id
            );
            for role in &s.model.roles {
                for target in &s.org.users {
                    let t = AssignTarget {
                        user: Some(&target.id),
                        unit: None,
                        team: None,
                    };
                    let want = engine.can_assign(&user.id, &role.id, &t);
                    let arg = js(&format!(r#"{{"user":"{}"}}"#, target.id)).unchecked_into();
                    let got = gate.can_assign(&user.id, &role.id, Some(arg));
                    assert_eq!(
                        json(&got),
                        serde_json::to_string(&want).unwrap(),
                        "{name}: {} {} {}",
                        user.id,
                        role.id,
                        target.id
                    );
                }
            }
        }
        assert_eq!(
            json(&gate.seats()),
            serde_json::to_string(&engine.seats()).unwrap(),
            "{name}"
        );
        assert_eq!(
            json(&gate.matrix()),
            serde_json::to_string(&engine.matrix()).unwrap(),
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
fn unknown_names_and_bad_contexts_deny_without_throwing() {
    let (_, text) = ORGS[0];
    let (gate, engine) = load("jiminny", text);
    let s = engine.snapshot();
    let user = &s.org.users[0].id;
    let perm = &s.model.permissions[0].id;
    let code = |v: JsValue| field(&v, "code").as_string().unwrap();

    assert!(!gate.can("nobody", perm, None));
    assert_eq!(code(gate.explain("nobody", perm, None)), "unknown_user");
    assert!(!gate.user("nobody").can(perm, None));
    assert!(!gate.can(user, "no.such.permission", None));
    assert_eq!(
        code(gate.explain(user, "no.such.permission", None)),
        "unknown_permission"
    );

    let ghost = js(r#"{"record":{"owner":"ghost"}}"#);
    assert!(!gate.can(user, perm, Some(ghost.clone().unchecked_into())));
    assert_eq!(
        code(gate.explain(user, perm, Some(ghost.unchecked_into()))),
        "unknown_context"
    );

    for bad in [
        "5",
        r#""unit""#,
        r#"{"unti":"x"}"#,
        r#"{"record":{"owner":7}}"#,
        "[]",
    ] {
        let ctx = || Some(js(bad).unchecked_into());
        assert!(!gate.can(user, perm, ctx()), "{bad}");
        assert!(!gate.user(user).can(perm, ctx()), "{bad}");
        let e = gate.explain(user, perm, ctx());
        assert_eq!(code(e.clone()), "unknown_context", "{bad}");
        assert!(
            field(&e, "message")
                .as_string()
                .unwrap()
                .starts_with("invalid context"),
            "{bad}"
        );
        assert!(gate.permissions(user, ctx()).is_empty(), "{bad}");
    }
    // `undefined` and `null` mean "no context".
    let none = engine.can(user, perm, &Default::default());
    assert_eq!(
        gate.can(user, perm, Some(JsValue::UNDEFINED.unchecked_into())),
        none
    );
    assert_eq!(
        gate.can(user, perm, Some(JsValue::NULL.unchecked_into())),
        none
    );
}

#[wasm_bindgen_test]
fn a_wildcard_grant_never_covers_a_seat() {
    // Jiminny: every user without a role carrying the recorder seat is denied
    // `calls.record`, admins included, with the seat named.
    let (_, text) = ORGS[0];
    let (gate, engine) = load("jiminny", text);
    let s = engine.snapshot();
    let seated: Vec<&str> = s
        .model
        .roles
        .iter()
        .filter(|r| r.seat.as_deref() == Some("recorder"))
        .map(|r| r.id.as_str())
        .collect();
    let mut denied = 0;
    for user in &s.org.users {
        if user.roles.iter().any(|a| seated.contains(&a.role.as_str())) {
            continue;
        }
        let e = gate.explain(&user.id, "calls.record", None);
        assert_eq!(field(&e, "allowed").as_bool(), Some(false), "{}", user.id);
        assert_eq!(
            field(&e, "code").as_string().as_deref(),
            Some("needs_seat"),
            "{}",
            user.id
        );
        denied += 1;
    }
    assert!(denied > 0);
}
