//! JSON in and out without serde_json, checked against serde_json on the
//! sample organisations of `www/orgs/`:
//!
//! - the snapshot reader accepts exactly what serde_json's typed parse
//!   accepts, with the same value, for each sample and thousands of
//!   one-value mutations of it;
//! - `Context::from_json` and `AssignTarget::from_json` read what
//!   serde_json writes;
//! - every answer's `to_json` is exactly `serde_json::to_string`.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::Snapshot as SnapshotReader;
use rolegate::{
    AssignTarget, Context, Engine, MatrixCell, Problem, Record, Snapshot, SnapshotError, ToJson,
};
use serde_json::{json, Value};

const ORGS: [(&str, &str); 4] = [
    ("jiminny", include_str!("../www/orgs/jiminny.json")),
    ("jrni", include_str!("../www/orgs/jrni.json")),
    ("modjo", include_str!("../www/orgs/modjo.json")),
    ("spotio", include_str!("../www/orgs/spotio.json")),
];

/// Ours and serde_json's typed parse agree on `text`: both accept it with
/// the same snapshot, or both reject it. One difference is allowed where
/// `struct_as_array` says so: serde reads a struct from an array of its
/// fields in order (`[id, label, ...]`), the snapshot reader wants an object.
#[track_caller]
fn agree_unless(text: &str, what: &str, struct_as_array: bool) -> bool {
    let ours = SnapshotReader::from_json(text);
    let theirs = serde_json::from_str::<Snapshot>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(e), Err(_)) => {
            assert!(!e.problems.is_empty(), "{what}");
        }
        (Ok(_), Err(e)) => panic!("{what}: ours accepts, serde_json rejects: {e}"),
        (Err(e), Ok(_)) if struct_as_array => {
            assert!(
                e.problems
                    .iter()
                    .any(|p| p.message.contains("expected an object, found an array")
                        // Modjo's model speaks French.
                        || p.message.contains("attendu : un objet, trouvé : un tableau")),
                "{what}: {e}"
            );
        }
        (Err(e), Ok(_)) => panic!("{what}: ours rejects, serde_json accepts: {e}"),
    }
    ours.is_ok()
}

#[track_caller]
fn agree(text: &str, what: &str) -> bool {
    agree_unless(text, what, false)
}

#[test]
fn sample_orgs_read_as_serde_json_reads_them() {
    for (name, text) in ORGS {
        assert!(agree(text, name));
        // Pretty-printed, and with every string escaped where it can be.
        let value: Value = serde_json::from_str(text).unwrap();
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        assert!(agree(&pretty, name));
        let escaped = text.replace('.', "\\u002e").replace('_', "\\u005F");
        assert!(agree(&escaped, name));
    }
}

/// Every JSON pointer in `v`.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, x)| (i.to_string(), x))
            .collect(),
        Value::Object(map) => map.iter().map(|(k, x)| (k.replace('~', "~0"), x)).collect(),
        _ => return,
    };
    for (k, x) in children {
        let p = format!("{at}/{k}");
        out.push(p.clone());
        pointers(x, &p, out);
    }
}

#[test]
fn every_one_value_mutation_reads_as_serde_json_reads_it() {
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!(2),
        json!(4294967296u64),
        json!(1.5),
        json!("own"),
        json!([]),
        json!(["own", "x"]),
        json!([1]),
        json!({}),
        json!({"attr": "user.x", "eq": 1}),
    ];
    let (mut cases, mut accepted) = (0, 0);
    for (name, text) in ORGS {
        let doc: Value = serde_json::from_str(text).unwrap();
        let mut ptrs = Vec::new();
        pointers(&doc, "", &mut ptrs);
        for (i, ptr) in ptrs.iter().enumerate() {
            // Four replacements per value, in turn (every one on every kind
            // of value, over the samples).
            for with in replacements
                .iter()
                .cycle()
                .skip(i % replacements.len())
                .step_by(3)
                .take(4)
            {
                let mut edited = doc.clone();
                let at = edited.pointer_mut(ptr).unwrap();
                let struct_as_array = at.is_object() && with.is_array();
                *at = with.clone();
                cases += 1;
                let what = format!("{name} {ptr} = {with}");
                accepted += usize::from(agree_unless(&edited.to_string(), &what, struct_as_array));
            }
            // Deleted, and an unknown field beside it.
            let (parent, key) = ptr.rsplit_once('/').unwrap();
            let mut edited = doc.clone();
            match edited.pointer_mut(parent).unwrap() {
                Value::Object(map) => {
                    map.remove(&key.replace("~0", "~"));
                }
                Value::Array(items) => {
                    items.remove(key.parse::<usize>().unwrap());
                }
                _ => unreachable!(),
            }
            cases += 1;
            accepted += usize::from(agree(&edited.to_string(), &format!("{name} {ptr} deleted")));
            if let Some(Value::Object(map)) = doc.pointer(ptr) {
                let mut map = map.clone();
                map.insert("surprise".into(), json!(1));
                let mut edited = doc.clone();
                *edited.pointer_mut(ptr).unwrap() = Value::Object(map);
                cases += 1;
                accepted +=
                    usize::from(agree(&edited.to_string(), &format!("{name} {ptr} +field")));
            }
        }
    }
    // Both sides are exercised.
    assert!(
        accepted > cases / 10 && accepted < cases,
        "{accepted} of {cases}"
    );
}

#[test]
fn a_malformed_snapshot_still_lists_every_problem() {
    let text = r#"{"model": {"permissions": [{"id": 1}, {"id": "a", "x": 2}], "roles": 5},
                   "org": {"users": [{"id": "u", "teams": [3]}], "seats": {"s": -2}}, "z": 0}"#;
    let problems = SnapshotReader::from_json(text).unwrap_err().problems;
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "model.permissions[0].id",
            "model.permissions[1].x",
            "model.roles",
            "org.users[0].teams[0]",
            "org.seats.s",
            "z",
        ],
        "{problems:?}"
    );
}

/// The contexts every check is asked in: none, each unit, each team, and a
/// record of each user (alone, in each team, with attributes).
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
            attributes: owner.attributes.clone(),
            ..Default::default()
        };
        all.push(Context {
            record: Some(record.clone()),
            ..Default::default()
        });
        for t in &s.org.teams {
            all.push(Context {
                record: Some(Record {
                    team: Some(t.id.clone()),
                    ..record.clone()
                }),
                ..Default::default()
            });
        }
    }
    all
}

#[test]
fn answers_are_written_as_serde_json_writes_them() {
    let (mut explained, mut scoped) = (0, 0);
    for (name, text) in ORGS {
        let engine = Engine::from_json(text).unwrap();
        let s = engine.snapshot();
        for ctx in contexts(s) {
            let ctx_text = serde_json::to_string(&ctx).unwrap();
            assert_eq!(
                Context::from_json(&ctx_text).as_ref(),
                Ok(&ctx),
                "{ctx_text}"
            );
            for user in &s.org.users {
                for perm in &s.model.permissions {
                    let e = engine.explain(&user.id, &perm.id, &ctx);
                    assert_eq!(e.to_json(), serde_json::to_string(&e).unwrap(), "{name}");
                    explained += 1;
                }
            }
        }
        for actor in &s.org.users {
            for role in &s.model.roles {
                for target in [None, Some(&s.org.users[0].id)] {
                    let data = AssignTarget {
                        user: target.cloned(),
                        ..Default::default()
                    };
                    let text = serde_json::to_string(&data).unwrap();
                    let read = AssignTarget::from_json(&text).unwrap();
                    assert_eq!(read, data);
                    let e = engine.can_assign(&actor.id, &role.id, &read);
                    assert_eq!(e.to_json(), serde_json::to_string(&e).unwrap(), "{name}");
                }
            }
        }
        let seats = engine.seats();
        assert_eq!(seats.to_json(), serde_json::to_string(&seats).unwrap());
        for usage in &seats {
            assert_eq!(usage.to_json(), serde_json::to_string(usage).unwrap());
        }
        let matrix = engine.matrix();
        assert_eq!(matrix.to_json(), serde_json::to_string(&matrix).unwrap());
        for named in matrix.roles.iter().chain(&matrix.permissions) {
            assert_eq!(named.to_json(), serde_json::to_string(named).unwrap());
        }
        let cells: Vec<&MatrixCell> = matrix.cells.iter().flatten().collect();
        scoped += cells.iter().filter(|c| !c.scope.is_empty()).count();
        for cell in cells {
            assert_eq!(cell.to_json(), serde_json::to_string(cell).unwrap());
        }
        let warnings = engine.warnings();
        assert_eq!(warnings.to_json(), serde_json::to_string(warnings).unwrap());
    }
    assert!(explained > 1000 && scoped > 0, "{explained} {scoped}");
}

#[test]
fn problems_are_written_as_serde_json_writes_them() {
    let err = Engine::from_json(r#"{"model": {"permissions": [], "roles": [{"id": "a\"\n\u0001é"}]}, "org": {"users": [{"id": 5}], "x": 1}, "y z": []}"#)
        .unwrap_err();
    assert!(err.problems.len() >= 3, "{err}");
    assert_eq!(
        err.problems.to_json(),
        serde_json::to_string(&err.problems).unwrap()
    );
    assert_eq!(err.to_json(), serde_json::to_string(&err).unwrap());
    let one = Problem::new("$[\"y z\"]", "unknown field `y z`");
    assert_eq!(one.to_json(), serde_json::to_string(&one).unwrap());
    let none = SnapshotError { problems: vec![] };
    assert_eq!(none.to_json(), r#"{"problems":[]}"#);
}

#[test]
fn bad_contexts_are_reported_with_their_paths() {
    for (text, words) in [
        ("5", "expected an object, found a number `5`"),
        ("[]", "expected an object, found an array"),
        ("null", "expected an object, found null"),
        (r#"{"unti":"x"}"#, "unti: unknown field `unti`, did you mean `unit`? (the fields are `unit`, `team` or `record`)"),
        (r#"{"record":{"owner":7}}"#, "record.owner: expected a string, found a number `7`"),
        (
            r#"{"record":{"attributes":{"a":{}}}, "team": false}"#,
            "record.attributes.a: expected a string, a number, a boolean or a list of strings, found an object; team: expected a string, found a boolean `false`",
        ),
        ("{", "not valid JSON: unexpected end of input at line 1 column 2"),
        ("", "not valid JSON: unexpected end of input, expected a value at line 1 column 1"),
    ] {
        assert_eq!(Context::from_json(text), Err(words.to_owned()), "{text}");
    }
    // `null` fields are absent.
    assert_eq!(
        Context::from_json(r#"{"unit":null,"record":null}"#),
        Ok(Context::default())
    );
    assert_eq!(
        AssignTarget::from_json(r#"{"user":null,"team":"t"}"#),
        Ok(AssignTarget {
            team: Some("t".into()),
            ..Default::default()
        })
    );
    assert_eq!(
        AssignTarget::from_json(r#"{"role":"x"}"#),
        Err("role: unknown field `role` (the fields are `user`, `unit` or `team`)".to_owned())
    );
}
