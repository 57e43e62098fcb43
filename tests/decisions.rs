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

/// Converts a record's attributes into slots the way the JS binding does.
fn slots(
    gate: &Engine,
    attrs: &std::collections::BTreeMap<String, rolegate::snapshot::AttrValue>,
) -> Option<Vec<rolegate::Slot>> {
    use rolegate::snapshot::AttrValue;
    let mut unknown: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for key in gate.record_keys() {
        out.push(match attrs.get(key) {
            None => rolegate::Slot::Absent,
            Some(AttrValue::Bool(b)) => rolegate::Slot::Bool(*b),
            Some(AttrValue::Num(n)) => rolegate::Slot::Num(*n),
            Some(AttrValue::Str(s)) => {
                rolegate::Slot::Str(gate.string_index(s).unwrap_or_else(|| {
                    let k = unknown.iter().position(|u| u == s).unwrap_or_else(|| {
                        unknown.push(s.clone());
                        unknown.len() - 1
                    });
                    gate.string_count() + k as u32
                }))
            }
            Some(AttrValue::List(_)) => return None,
        });
    }
    Some(out)
}

#[test]
fn indexed_checks_agree_with_named_checks_on_every_sample() {
    use rolegate::snapshot::AttrValue;
    use rolegate::IndexedContext;
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
                let mut attrs = BTreeMap::new();
                for (k, key) in gate.record_keys().iter().enumerate() {
                    let v = &values[(i + k + pi as usize) % values.len()];
                    attrs.insert(key.clone(), v.clone());
                }
                let record = Record {
                    owner: Some(owner),
                    team,
                    unit,
                    attributes: Some(&attrs),
                };
                let named = Context {
                    unit,
                    team: None,
                    record: Some(record),
                };
                let s = slots(&gate, &attrs).expect("no lists");
                let ix = |name: Option<&str>, f: &dyn Fn(&str) -> Option<u32>| {
                    name.map_or(u32::MAX, |x| f(x).expect("known"))
                };
                let indexed = IndexedContext {
                    unit: ix(unit, &|x| gate.unit_index(x)),
                    team: u32::MAX,
                    record: true,
                    owner: gate.user_index(owner).expect("owner"),
                    record_team: ix(team, &|x| gate.team_index(x)),
                    record_unit: ix(unit, &|x| gate.unit_index(x)),
                    attributes: &s,
                };
                let prepared = gate.prepare_context(&named);
                assert_eq!(
                    gate.check_prepared(ui, pi, &prepared),
                    gate.can(user, &perm.id, &named)
                );
                assert_eq!(
                    gate.check_indexed(ui, pi, &indexed),
                    gate.can(user, &perm.id, &named),
                    "{user} {} {named:?}",
                    perm.id
                );
                let mask = gate.permission_mask(ui, &Context::default());
                let plain = mask[pi as usize / 32] >> (pi % 32) & 1 == 1;
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
    let listed = Context {
        record: Some(Record {
            owner: Some("a"),
            attributes: Some(&attrs),
            ..Record::default()
        }),
        ..Context::default()
    };
    assert!(gate.check_prepared(ui, 0, &gate.prepare_context(&listed)));
    let ghost = Context {
        record: Some(Record {
            owner: Some("ghost"),
            ..Record::default()
        }),
        ..Context::default()
    };
    let prepared = gate.prepare_context(&ghost);
    assert!(gate.prepared_is_unknown(&prepared));
    assert!(!gate.check_prepared(ui, 0, &prepared));
}
