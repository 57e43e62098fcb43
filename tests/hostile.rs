//! Crafted snapshots that once took the process down or took far more
//! work than their size: each now loads, or is rejected with a problem at
//! its path, in work bounded by the limits the README states. Sizes are the
//! ones the audit used; the snapshots are generated here.

use rolegate::{AssignTarget, Code, Engine};

fn perms(n: usize) -> String {
    let list: Vec<String> = (0..n).map(|i| format!(r#"{{"id":"p{i}"}}"#)).collect();
    list.join(",")
}

fn snapshot(perms: &str, roles: &str, users: &str, extra_model: &str) -> String {
    format!(
        r#"{{"model":{{"permissions":[{perms}],"roles":[{roles}]{extra_model}}},"org":{{"users":[{users}]}}}}"#
    )
}

#[track_caller]
fn rejected_at(json: &str, path: &str, words: &str) {
    let err = Engine::from_json(json).expect_err("rejected");
    assert!(
        err.problems
            .iter()
            .any(|p| p.path == path && p.message.contains(words)),
        "expected a problem at {path} with {words:?}, got {:?}",
        err.problems
    );
}

#[test]
fn wildcard_grants_included_by_many_roles_are_rejected_not_compiled() {
    // One role with 100 "*" grants, included by 999 roles, over 1,000
    // permissions: exactly 1,000,000 role x permission pairs, and 100
    // million compiled grants if it were compiled.
    let base = format!(
        r#"{{"id":"base","grants":[{}]}}"#,
        vec![r#"{"permission":"*"}"#; 100].join(",")
    );
    let mut roles = vec![base];
    roles.extend((1..1000).map(|i| format!(r#"{{"id":"r{i}","includes":["base"]}}"#)));
    let json = snapshot(&perms(1000), &roles.join(","), "", "");
    assert!(json.len() < 60_000, "{} bytes", json.len());
    rejected_at(&json, "model", "compile to more than");
}

#[test]
fn a_toggle_held_by_every_user_counts_per_user() {
    let toggle = format!(
        r#","toggles":[{{"id":"all","grants":[{}]}}]"#,
        vec![r#"{"permission":"*"}"#; 100].join(",")
    );
    let users: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id":"u{i}","toggles":["all"]}}"#))
        .collect();
    let json = snapshot(&perms(1000), r#"{"id":"r"}"#, &users.join(","), &toggle);
    rejected_at(&json, "model", "compile to more than");
}

#[test]
fn many_roles_load_without_a_roles_by_roles_table() {
    // 200,000 roles: a roles x roles table would be 40 GB.
    let mut roles: Vec<String> = (0..200_000)
        .map(|i| format!(r#"{{"id":"r{i}"}}"#))
        .collect();
    roles[0] = r#"{"id":"r0","assigns":["*"],"grants":[{"permission":"*"}]}"#.into();
    roles[1] = r#"{"id":"r1","assigns":["r2"]}"#.into();
    let users =
        r#"{"id":"boss","roles":[{"role":"r0"}]},{"id":"lead","roles":[{"role":"r1"}]},{"id":"x"}"#;
    let json = snapshot(&perms(1), &roles.join(","), users, "");
    let gate = Engine::from_json(&json).expect("loads");
    let to_x = AssignTarget::user("x");
    assert!(gate.can_assign("boss", "r199999", &to_x).allowed);
    assert!(gate.can_assign("lead", "r2", &to_x).allowed);
    assert_eq!(gate.can_assign("lead", "r3", &to_x).code, Code::NoGrant);
}

#[test]
fn role_indexes_past_65536_never_wrap_into_an_allow() {
    // On wasm32, `role * roles + other` wrapped for more than 65,536 roles,
    // and a role that assigns nothing answered "granted".
    let roles: Vec<String> = (0..65_537).map(|i| format!(r#"{{"id":"r{i}"}}"#)).collect();
    let users = r#"{"id":"a","roles":[{"role":"r65535"}]},{"id":"b"}"#;
    let json = snapshot(&perms(1), &roles.join(","), users, "");
    let gate = Engine::from_json(&json).expect("loads");
    for target in ["r6", "r0", "r65536", "r65535"] {
        assert_eq!(
            gate.can_assign("a", target, &AssignTarget::user("b")).code,
            Code::NoGrant,
            "{target}"
        );
    }
}

#[test]
fn a_long_include_chain_is_rejected_by_the_include_limit() {
    // 10,000 roles, each including the next: 50 million closure pairs.
    let roles: Vec<String> = (0..10_000)
        .map(|i| match i {
            9_999 => format!(r#"{{"id":"r{i}"}}"#),
            _ => format!(r#"{{"id":"r{i}","includes":["r{}"]}}"#, i + 1),
        })
        .collect();
    let json = snapshot(&perms(1), &roles.join(","), "", "");
    let err = Engine::from_json(&json).expect_err("rejected");
    assert!(
        err.problems
            .iter()
            .any(|p| p.path.ends_with(".includes") && p.message.contains("steps to resolve")),
        "{:?}",
        err.problems
    );
    // A chain within the limit loads, and its top role holds every grant.
    let roles: Vec<String> = (0..400)
        .map(|i| match i {
            399 => format!(r#"{{"id":"r{i}","grants":[{{"permission":"p0"}}]}}"#),
            _ => format!(r#"{{"id":"r{i}","includes":["r{}"]}}"#, i + 1),
        })
        .collect();
    let json = snapshot(
        &perms(1),
        &roles.join(","),
        r#"{"id":"a","roles":[{"role":"r0"}]}"#,
        "",
    );
    let gate = Engine::from_json(&json).expect("loads");
    assert!(gate.can("a", "p0", &Default::default()));
}

#[test]
fn too_many_restrictions_are_rejected() {
    let restrictions: Vec<String> = (0..100_000)
        .map(|i| {
            format!(r#"{{"id":"x{i}","permissions":["*"],"when":{{"attr":"org.lock","eq":true}},"message":"locked"}}"#)
        })
        .collect();
    let extra = format!(r#","restrictions":[{}]"#, restrictions.join(","));
    let json = snapshot(&perms(10), r#"{"id":"r"}"#, "", &extra);
    rejected_at(&json, "model.restrictions", "at most 1000 restrictions");
}

#[test]
fn a_hundred_thousand_roles_load() {
    let roles: Vec<String> = (0..100_000)
        .map(|i| {
            format!(
                r#"{{"id":"r{i}","grants":[{{"permission":"p{}"}}]}}"#,
                i % 5
            )
        })
        .collect();
    let json = snapshot(
        &perms(5),
        &roles.join(","),
        r#"{"id":"a","roles":[{"role":"r99999"}]}"#,
        "",
    );
    let gate = Engine::from_json(&json).expect("loads");
    assert!(gate.can("a", "p4", &Default::default()));
    assert!(!gate.can("a", "p0", &Default::default()));
}

#[test]
fn problem_paths_quote_keys_that_would_read_as_several_steps() {
    // A seat id with a dot, and a settings key with a bracket, are one step
    // each: `org.seats["a.b"]`, not `org.seats.a.b`.
    let json = r#"{"model":{"permissions":[],"roles":[]},
        "org":{"seats":{"a.b":1,"plain":"x"},"settings":{"k[0]":{"x":1}},"users":[]}}"#;
    let err = Engine::from_json(json).expect_err("rejected");
    let paths: Vec<&str> = err.problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&r#"org.seats["a.b"]"#), "{paths:?}");
    assert!(paths.contains(&"org.seats.plain"), "{paths:?}");
    assert!(paths.contains(&r#"org.settings["k[0]"]"#), "{paths:?}");
}

#[test]
fn a_malformed_array_item_hides_no_other_problem() {
    // A user that is not an object, then an unknown manager: both reported,
    // the manager at the index it has as written.
    let users = r#"5,{"id":"ada","manager":"nobody"}"#;
    let json = snapshot(&perms(1), "", users, "");
    rejected_at(&json, "org.users[0]", "expected");
    rejected_at(&json, "org.users[1].manager", "nobody");

    // A team that is not a string in a user's teams, and a role elsewhere
    // that does not exist.
    let users = r#"{"id":"ada","teams":["t",5]},{"id":"bob","roles":[{"role":"ghost"}]}"#;
    let json = format!(
        r#"{{"model":{{"permissions":[{{"id":"p0"}}],"roles":[]}},"org":{{"teams":[{{"id":"t"}}],"users":[{users}]}}}}"#
    );
    rejected_at(&json, "org.users[0].teams[1]", "expected");
    rejected_at(&json, "org.users[1].roles[0].role", "ghost");

    // An unknown scope name drops its grant; the grant after it, of an
    // unknown permission, keeps its index.
    let roles =
        r#"{"id":"r","grants":[{"permission":"p0","scope":["nowhere"]},{"permission":"p9"}]}"#;
    let json = snapshot(&perms(1), roles, r#"{"id":"ada"}"#, "");
    rejected_at(&json, "model.roles[0].grants[0].scope[0]", "nowhere");
    rejected_at(&json, "model.roles[0].grants[1].permission", "p9");
}

#[test]
fn a_lone_surrogate_is_reported_at_its_path() {
    // `JSON.stringify` writes a JS string that is not well-formed UTF-16
    // with a lone `\uD800` escape: the problem names where it is.
    let label = r#"{"id":"p0","label":"Enregistrer \ud800"}"#;
    let json = snapshot(label, "", r#"{"id":"ada"}"#, "");
    rejected_at(&json, "model.permissions[0].label", "lone surrogate");
    let users = r#"{"id":"ada","attributes":{"x\udc00":1}}"#;
    rejected_at(
        &snapshot(&perms(1), "", users, ""),
        "org.users[0].attributes",
        "lone surrogate",
    );
}
