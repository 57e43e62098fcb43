//! Decision rules that no source document states on its own.

use rolegate::{Code, Context, Engine, Record};

#[test]
fn a_pattern_scope_binds_only_record_permissions() {
    let gate = Engine::from_json(
        r#"{"model": {"permissions": [{"id": "users.view", "record": true}, {"id": "users.invite"}],
            "roles": [{"id": "rep", "grants": [{"permission": "users.*", "scope": ["own"]}]}]},
            "org": {"users": [{"id": "a", "roles": [{"role": "rep"}]}, {"id": "b"}]}}"#,
    )
    .expect("loads");
    let on_b = Context {
        record: Some(Record {
            owner: Some("b"),
            ..Record::default()
        }),
        ..Context::default()
    };
    assert!(
        gate.can("a", "users.invite", &on_b),
        "invite is not about a record: the scope does not bind it"
    );
    assert_eq!(
        gate.explain("a", "users.view", &on_b).code,
        Code::OutOfScope
    );
}

#[test]
fn too_many_roles_times_permissions_is_rejected_not_allocated() {
    let perms: Vec<String> = (0..1001).map(|i| format!(r#"{{"id":"p{i}"}}"#)).collect();
    let roles: Vec<String> = (0..1001).map(|i| format!(r#"{{"id":"r{i}"}}"#)).collect();
    let json = format!(
        r#"{{"model":{{"permissions":[{}],"roles":[{}]}},"org":{{"users":[]}}}}"#,
        perms.join(","),
        roles.join(",")
    );
    let err = Engine::from_json(&json).expect_err("rejected");
    assert_eq!(err.problems.len(), 1);
    assert_eq!(err.problems[0].path, "model");
    assert!(
        err.problems[0]
            .message
            .contains("1001 roles x 1001 permissions"),
        "{}",
        err.problems[0].message
    );
}
