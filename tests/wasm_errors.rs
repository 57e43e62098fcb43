//! Bad snapshots through the JS-facing API: one `SnapshotError` (a real
//! `Error`) listing every problem with its JSON path; never a panic.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::wasm::Gate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// A valid snapshot with `org.users` replaced by `users`.
fn snapshot(users: &str) -> String {
    format!(
        r#"{{"model": {{"permissions": [{{"id": "calls.view"}}],
                       "roles": [{{"id": "user", "grants": [{{"permission": "calls.view"}}]}}]}},
            "org": {{"users": {users}}}}}"#
    )
}

fn load(text: &str) -> Result<Gate, JsValue> {
    Gate::load(js_sys::JSON::parse(text).unwrap())
}

fn field(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// The `(path, message)` of each problem, after checking the error's shape.
fn problems(error: JsValue) -> Vec<(String, String)> {
    assert!(error.is_instance_of::<js_sys::Error>(), "not an Error");
    assert_eq!(
        field(&error, "name").as_string().as_deref(),
        Some("SnapshotError")
    );
    let message = field(&error, "message").as_string().unwrap();
    assert!(message.starts_with("invalid snapshot"), "{message}");
    let list: js_sys::Array = field(&error, "problems")
        .dyn_into()
        .expect("problems is an array");
    assert!(list.length() > 0);
    list.iter()
        .map(|p| {
            (
                field(&p, "path").as_string().unwrap(),
                field(&p, "message").as_string().unwrap(),
            )
        })
        .collect()
}

fn rejects(text: &str) -> Vec<(String, String)> {
    let from_object = problems(load(text).err().expect("rejected"));
    let from_text = problems(Gate::from_json(text).err().expect("rejected"));
    assert_eq!(from_object, from_text);
    from_object
}

fn has(problems: &[(String, String)], path: &str) -> bool {
    problems.iter().any(|(p, _)| p == path)
}

#[wasm_bindgen_test]
fn the_base_snapshot_loads() {
    assert!(load(&snapshot(r#"[{"id": "ann", "roles": [{"role": "user"}]}]"#)).is_ok());
}

#[wasm_bindgen_test]
fn an_empty_object_names_both_missing_halves() {
    let p = rejects("{}");
    assert!(p.iter().any(|(_, m)| m.contains("`model`")), "{p:?}");
    assert!(p.iter().any(|(_, m)| m.contains("`org`")), "{p:?}");
}

#[wasm_bindgen_test]
fn wrong_types_are_reported_at_their_path() {
    let p = rejects(&snapshot(r#"[{"id": "ann", "teams": "sales"}, {"id": 5}]"#));
    assert!(has(&p, "org.users[0].teams"), "{p:?}");
    assert!(has(&p, "org.users[1].id"), "{p:?}");
}

#[wasm_bindgen_test]
fn dangling_ids_are_all_reported() {
    let p = rejects(&snapshot(
        r#"[{"id": "ann", "manager": "ghost", "roles": [{"role": "wizard"}]},
            {"id": "bob", "roles": [{"role": "user", "unit": "atlantis"}]}]"#,
    ));
    assert!(has(&p, "org.users[0].manager"), "{p:?}");
    assert!(has(&p, "org.users[0].roles[0].role"), "{p:?}");
    assert!(has(&p, "org.users[1].roles[0].unit"), "{p:?}");
}

#[wasm_bindgen_test]
fn a_reporting_cycle_is_reported() {
    let p = rejects(&snapshot(
        r#"[{"id": "ann", "manager": "bob", "roles": [{"role": "user"}]},
            {"id": "bob", "manager": "ann", "roles": [{"role": "user"}]}]"#,
    ));
    assert!(
        p.iter()
            .any(|(path, m)| path.starts_with("org.users[") && m.contains("cycle")),
        "{p:?}"
    );
}

#[wasm_bindgen_test]
fn values_that_are_not_a_snapshot_object_are_rejected_at_the_root() {
    for bad in ["[]", "5", "\"text\"", "null", "true"] {
        let p = problems(load(bad).err().expect("rejected"));
        assert!(has(&p, "$"), "{bad}: {p:?}");
    }
    let p = problems(
        Gate::load(JsValue::UNDEFINED.unchecked_into())
            .err()
            .expect("rejected"),
    );
    assert!(has(&p, "$"), "{p:?}");
    for bad in ["", "{", "not json", "{\"model\": {}} trailing"] {
        let p = problems(Gate::from_json(bad).err().expect("rejected"));
        assert!(has(&p, "$"), "{bad}: {p:?}");
    }
}

#[wasm_bindgen_test]
fn role_indexes_past_65536_never_wrap_into_an_allow() {
    // With 32-bit `usize`, `role * roles + other` wrapped for more than
    // 65,536 roles: a role that assigns nothing answered "granted".
    let roles: Vec<String> = (0..65_537).map(|i| format!(r#"{{"id":"r{i}"}}"#)).collect();
    let text = format!(
        r#"{{"model":{{"permissions":[{{"id":"p"}}],"roles":[{}]}},
            "org":{{"users":[{{"id":"a","roles":[{{"role":"r65535"}}]}},{{"id":"b"}}]}}}}"#,
        roles.join(",")
    );
    let gate = Gate::from_json(&text).expect("loads");
    let target = js_sys::JSON::parse(r#"{"user":"b"}"#).unwrap();
    for role in ["r6", "r0", "r65536"] {
        let answer = gate
            .can_assign("a".into(), role.into(), target.clone())
            .unwrap();
        assert_eq!(
            field(&answer, "code").as_string().as_deref(),
            Some("no_grant"),
            "{role}"
        );
    }
}

#[wasm_bindgen_test]
fn an_amplifying_snapshot_is_rejected_and_the_next_load_works() {
    // 100 `*` grants included by 1,000 roles over 1,000 permissions would
    // compile to 100 million grants: it once trapped the instance, and every
    // later load failed too.
    let perms: Vec<String> = (0..1000).map(|i| format!(r#"{{"id":"p{i}"}}"#)).collect();
    let mut roles = vec![format!(
        r#"{{"id":"base","grants":[{}]}}"#,
        vec![r#"{"permission":"*"}"#; 100].join(",")
    )];
    roles.extend((1..1000).map(|i| format!(r#"{{"id":"r{i}","includes":["base"]}}"#)));
    let text = format!(
        r#"{{"model":{{"permissions":[{}],"roles":[{}]}},"org":{{"users":[]}}}}"#,
        perms.join(","),
        roles.join(",")
    );
    for _ in 0..3 {
        let problems = problems(Gate::from_json(&text).err().expect("rejected"));
        assert!(
            problems
                .iter()
                .any(|(_, m)| m.contains("compile to more than")),
            "{problems:?}"
        );
        assert!(Gate::from_json(&snapshot("[]")).is_ok());
    }
}
