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

use rolegate::wasm::Gate;
use rolegate::{AssignTarget, Context, Engine, Record, Snapshot};
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
    let gate =
        Gate::load(js(text)).unwrap_or_else(|e| panic!("{name}: {}", json(&field(&e, "problems"))));
    let engine = Engine::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (gate, engine)
}

/// The contexts every check is asked in: none, each unit, each team, and a
/// record of each user (alone, and in each team).
fn contexts(s: &Snapshot) -> Vec<Context> {
    let mut all = vec![Context::default()];
    for u in &s.org.units {
        all.push(Context {
            unit: Some(u.id.clone()),
            ..Default::default()
        });
    }
    for t in &s.org.teams {
        all.push(Context {
            team: Some(t.id.clone()),
            ..Default::default()
        });
    }
    for owner in &s.org.users {
        let record = Record {
            owner: Some(owner.id.clone()),
            ..Default::default()
        };
        all.push(Context {
            record: Some(record.clone()),
            ..Default::default()
        });
        for t in &s.org.teams {
            let record = Record {
                team: Some(t.id.clone()),
                ..record.clone()
            };
            all.push(Context {
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
            json(&gate.warnings().unwrap()),
            serde_json::to_string(engine.warnings()).unwrap(),
            "{name}"
        );
        assert!(Gate::from_json(text).is_ok(), "{name}");
    }
}

/// A JS string.
fn jss(text: &str) -> JsValue {
    JsValue::from_str(text)
}

/// Writes `ctx` into the gate's context buffer as `js/context-buffer.js`
/// does, from the layout the gate publishes (names as indexes, -1 absent,
/// -2 unknown; attribute slots absent: these contexts carry none).
fn write_buffer(gate: &Gate, ctx: &Context) {
    let layout = gate.layout().unwrap();
    let num = |v: JsValue| v.as_f64().unwrap() as u32;
    let memory: js_sys::WebAssembly::Memory = field(&layout, "memory").unchecked_into();
    let view = js_sys::Float64Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        num(field(&layout, "buffer")),
        num(field(&layout, "length")),
    );
    let positions = field(&layout, "positions");
    let at = |k: &str| num(field(&positions, k));
    let kinds: Vec<String> = js_sys::Array::from(&field(&layout, "kinds"))
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    let kind = |k: &str| kinds.iter().position(|x| x == k).unwrap() as u32;
    let name = |k: &str, n: &Option<String>| match n {
        None => -1.0,
        Some(n) => match gate.lookup(kind(k), jss(n)) {
            i if i >= 0 => f64::from(i),
            _ => -2.0,
        },
    };
    for i in at("attributes")..view.length() {
        view.set_index(i, 0.0);
    }
    view.set_index(at("unit"), name("unit", &ctx.unit));
    view.set_index(at("team"), name("team", &ctx.team));
    let r = ctx.record.clone().unwrap_or_default();
    view.set_index(at("record"), if ctx.record.is_some() { 1.0 } else { 0.0 });
    view.set_index(at("owner"), name("user", &r.owner));
    view.set_index(at("recordTeam"), name("team", &r.team));
    view.set_index(at("recordUnit"), name("unit", &r.unit));
}

#[wasm_bindgen_test]
fn checks_and_explanations_agree_with_the_rust_api() {
    let mut checks = 0;
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s_ = engine.snapshot();
        for ctx in contexts(s_) {
            let ctx_js = js(&serde_json::to_string(&ctx).unwrap());
            let prepared = gate.prepare(ctx_js.clone()).unwrap();
            for user in &s_.org.users {
                for perm in &s_.model.permissions {
                    let want = engine.explain(&user.id, &perm.id, &ctx);
                    let what = format!("{name}: {} {} {ctx:?}", user.id, perm.id);
                    let (u, p) = (jss(&user.id), jss(&perm.id));
                    assert_eq!(
                        gate.check_value(u.clone(), p.clone(), ctx_js.clone()),
                        want.allowed,
                        "{what}"
                    );
                    assert_eq!(engine.can(&user.id, &perm.id, &ctx), want.allowed, "{what}");
                    let got = gate
                        .explain(u.clone(), p.clone(), ctx_js.clone(), 0, JsValue::UNDEFINED)
                        .unwrap();
                    assert_eq!(json(&got), serde_json::to_string(&want).unwrap(), "{what}");
                    let by_prepared = gate
                        .explain(u, p, JsValue::UNDEFINED, prepared, JsValue::UNDEFINED)
                        .unwrap();
                    assert_eq!(json(&by_prepared), json(&got), "{what}");
                    checks += 1;
                }
            }
            gate.release(prepared);
        }
    }
    assert!(checks > 1000, "only {checks} checks");
}

#[wasm_bindgen_test]
fn the_integer_fast_path_agrees_with_checks_by_name() {
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s_ = engine.snapshot();
        for ctx in contexts(s_) {
            let prepared = gate
                .prepare(js(&serde_json::to_string(&ctx).unwrap()))
                .unwrap();
            for user in &s_.org.users {
                let u = gate.lookup(0, jss(&user.id));
                assert!(u >= 0, "{name}: {}", user.id);
                let mask = gate.permission_mask(u as u32);
                for perm in &s_.model.permissions {
                    let want = engine.can(&user.id, &perm.id, &ctx);
                    let p = gate.lookup(1, jss(&perm.id));
                    let what = format!("{name}: {} {} {ctx:?}", user.id, perm.id);
                    write_buffer(&gate, &ctx);
                    assert_eq!(gate.check(u as u32, p as u32, 1), want, "{what}: buffer");
                    assert_eq!(
                        gate.check(u as u32, p as u32, prepared),
                        want,
                        "{what}: prepared"
                    );
                    if ctx == Context::default() {
                        assert_eq!(gate.check(u as u32, p as u32, 0), want, "{what}");
                        let bit = mask
                            .get(p as usize / 32)
                            .is_some_and(|w| w >> (p % 32) & 1 == 1);
                        assert_eq!(bit, want, "{what}: permission mask");
                    }
                }
            }
            gate.release(prepared);
        }
    }
}

#[wasm_bindgen_test]
fn permission_lists_assignments_seats_and_matrix_agree_with_the_rust_api() {
    for (name, text) in ORGS {
        let (gate, engine) = load(name, text);
        let s_ = engine.snapshot();
        let nowhere = gate.prepare(JsValue::UNDEFINED).unwrap();
        for user in &s_.org.users {
            let want: Vec<String> = engine
                .permissions(&user.id, &Default::default())
                .into_iter()
                .map(str::to_owned)
                .collect();
            assert_eq!(
                gate.permissions(jss(&user.id), JsValue::UNDEFINED, 0),
                want,
                "{name}: {}",
                user.id
            );
            assert_eq!(
                gate.permissions(jss(&user.id), JsValue::UNDEFINED, nowhere),
                want,
                "{name}: {}",
                user.id
            );
            for role in &s_.model.roles {
                for target in &s_.org.users {
                    let t = AssignTarget {
                        user: Some(target.id.clone()),
                        unit: None,
                        team: None,
                    };
                    let want = engine.can_assign(&user.id, &role.id, &t);
                    let arg = js(&format!(r#"{{"user":"{}"}}"#, target.id));
                    let got = gate.can_assign(jss(&user.id), jss(&role.id), arg).unwrap();
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
            json(&gate.seats().unwrap()),
            serde_json::to_string(&engine.seats()).unwrap(),
            "{name}"
        );
        assert_eq!(
            json(&gate.matrix().unwrap()),
            serde_json::to_string(&engine.matrix()).unwrap(),
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
fn unknown_names_and_bad_contexts_deny_without_throwing() {
    let (_, text) = ORGS[0];
    let (gate, engine) = load("jiminny", text);
    let s_ = engine.snapshot();
    let user = &s_.org.users[0].id;
    let perm = &s_.model.permissions[0].id;
    let code = |v: JsValue| field(&v, "code").as_string().unwrap();
    let none = JsValue::UNDEFINED;

    assert!(!gate.check_value(jss("nobody"), jss(perm), none.clone()));
    assert_eq!(
        code(
            gate.explain(
                jss("nobody"),
                jss(perm),
                none.clone(),
                0,
                JsValue::UNDEFINED
            )
            .unwrap()
        ),
        "unknown_user"
    );
    assert!(!gate.check(u32::MAX, gate.lookup(1, jss(perm)) as u32, 0));
    assert!(!gate.check_value(jss(user), jss("no.such.permission"), none.clone()));
    assert_eq!(
        code(
            gate.explain(
                jss(user),
                jss("no.such.permission"),
                none.clone(),
                0,
                JsValue::UNDEFINED
            )
            .unwrap()
        ),
        "unknown_permission"
    );

    let ghost = js(r#"{"record":{"owner":"ghost"}}"#);
    assert!(!gate.check_value(jss(user), jss(perm), ghost.clone()));
    assert_eq!(
        code(
            gate.explain(jss(user), jss(perm), ghost, 0, JsValue::UNDEFINED)
                .unwrap()
        ),
        "unknown_context"
    );

    for bad in [
        "5",
        r#""unit""#,
        r#"{"unti":"x"}"#,
        r#"{"record":{"owner":7}}"#,
        "[]",
    ] {
        let ctx = || js(bad);
        assert!(!gate.check_value(jss(user), jss(perm), ctx()), "{bad}");
        let e = gate
            .explain(jss(user), jss(perm), ctx(), 0, JsValue::UNDEFINED)
            .unwrap();
        assert_eq!(code(e.clone()), "unknown_context", "{bad}");
        assert!(
            field(&e, "message")
                .as_string()
                .unwrap()
                .starts_with("invalid context"),
            "{bad}"
        );
        assert!(gate.permissions(jss(user), ctx(), 0).is_empty(), "{bad}");
        assert!(gate.prepare(ctx()).is_err(), "{bad}");
    }
    // `undefined` and `null` mean "no context".
    let want = engine.can(user, perm, &Default::default());
    assert_eq!(
        gate.check_value(jss(user), jss(perm), JsValue::UNDEFINED),
        want
    );
    assert_eq!(gate.check_value(jss(user), jss(perm), JsValue::NULL), want);
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
        let e = gate
            .explain(
                jss(&user.id),
                jss("calls.record"),
                JsValue::UNDEFINED,
                0,
                JsValue::UNDEFINED,
            )
            .unwrap();
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
