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
    let on_b = Context::of(Record::owned_by("b"));
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

#[test]
fn prepared_checks_agree_with_named_checks_on_every_sample() {
    use rolegate::snapshot::AttrValue;
    use std::collections::BTreeMap;
    for text in [
        include_str!("../www/orgs/jiminny.json"),
        include_str!("../www/orgs/jrni.json"),
        include_str!("../www/orgs/spotio.json"),
        include_str!("../www/orgs/modjo.json"),
    ] {
        let gate = Engine::from_json(text).expect("sample loads");
        let snap = gate.snapshot().clone();
        let users: Vec<&str> = snap.org.users.iter().map(|u| u.id.as_str()).collect();
        let mut units: Vec<Option<&str>> =
            snap.org.units.iter().map(|u| Some(u.id.as_str())).collect();
        units.push(None);
        let mut teams: Vec<Option<&str>> =
            snap.org.teams.iter().map(|t| Some(t.id.as_str())).collect();
        teams.push(None);
        // Attribute values: every string the snapshot holds, plus a stranger.
        let mut values: Vec<AttrValue> = vec![
            AttrValue::Bool(true),
            AttrValue::Bool(false),
            AttrValue::Str("stranger".into()),
        ];
        for u in &snap.org.users {
            for v in u.attributes.values() {
                if let AttrValue::Str(_) = v {
                    values.push(v.clone());
                }
            }
        }
        let mut n = 0;
        for (i, user) in users.iter().enumerate() {
            let ui = gate.user_index(user).expect("user");
            for (pi, perm) in snap.model.permissions.iter().enumerate() {
                let pi = pi as u32;
                let owner = users[(i * 7 + pi as usize) % users.len()];
                let unit = units[(i + pi as usize) % units.len()];
                let team = teams[(i * 3 + pi as usize) % teams.len()];
                // Every key a condition reads, with a value from the snapshot.
                let mut attrs = BTreeMap::new();
                for (k, key) in record_keys(&snap).iter().enumerate() {
                    let v = &values[(i + k + pi as usize) % values.len()];
                    attrs.insert(key.clone(), v.clone());
                }
                let record = Record {
                    owner: Some(owner.to_owned()),
                    team: team.map(str::to_owned),
                    unit: unit.map(str::to_owned),
                    attributes: attrs,
                };
                let named = Context {
                    unit: unit.map(str::to_owned),
                    team: None,
                    record: Some(record),
                };
                let prepared = gate.prepare(&named);
                assert_eq!(
                    gate.check(ui, pi, &prepared),
                    gate.can(user, &perm.id, &named),
                    "{user} {} {named:?}",
                    perm.id
                );
                assert_eq!(
                    gate.user(user).check(pi, &prepared),
                    gate.can(user, &perm.id, &named)
                );
                let listed = gate.permissions(user, &Context::default());
                let plain = listed.contains(&perm.id.as_str());
                assert_eq!(plain, gate.can(user, &perm.id, &Context::default()));
                n += 1;
            }
        }
        assert!(n > 50);
    }
}

#[test]
fn prepared_contexts_deny_unknown_names_and_read_lists_by_name() {
    use rolegate::snapshot::AttrValue;
    let gate = Engine::from_json(
        r#"{"model": {"permissions": [{"id": "cal.view", "record": true}],
            "roles": [{"id": "staff", "grants": [{"permission": "cal.view",
              "when": {"attr": "record.groups", "inAttr": "user.groups"}}]}]},
            "org": {"users": [{"id": "a", "roles": [{"role": "staff"}], "attributes": {"groups": ["g1"]}}]}}"#,
    )
    .expect("loads");
    let ui = gate.user_index("a").expect("a");
    let attrs = std::collections::BTreeMap::from([(
        "groups".to_owned(),
        AttrValue::List(vec!["g0".into(), "g1".into()]),
    )]);
    let listed = Context::of(Record {
        owner: Some("a".into()),
        attributes: attrs,
        ..Record::default()
    });
    assert!(gate.check(ui, 0, &gate.prepare(&listed)));
    let ghost = Context::of(Record::owned_by("ghost"));
    let prepared = gate.prepare(&ghost);
    assert!(prepared.is_unknown());
    assert!(!gate.check(ui, 0, &prepared));
}

/// The `record.*` keys the model's conditions read (grants and restrictions).
fn record_keys(snap: &rolegate::Snapshot) -> Vec<String> {
    let text = serde_json::to_string(&snap.model).expect("serializes");
    let mut keys: Vec<String> = text
        .split("\"record.")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn a_prepared_context_of_another_engine_denies() {
    let text = include_str!("../www/orgs/jiminny.json");
    let (a, b) = (
        Engine::from_json(text).expect("loads"),
        Engine::from_json(text).expect("loads"),
    );
    let user = &a.snapshot().org.users[0].id;
    let ui = a.user_index(user).expect("user");
    let prepared = b.prepare(&Context::default());
    let allowed: Vec<u32> = (0..a.snapshot().model.permissions.len() as u32)
        .filter(|&p| a.check(ui, p, &a.prepare(&Context::default())))
        .collect();
    assert!(!allowed.is_empty());
    assert!(allowed.iter().all(|&p| !a.check(ui, p, &prepared)));
    // A clone is the same engine.
    let c = a.clone();
    assert!(allowed
        .iter()
        .all(|&p| c.check(ui, p, &a.prepare(&Context::default()))));
}
