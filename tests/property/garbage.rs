//! Random JSON-ish garbage: words of the snapshot format, random JSON and
//! documents shaped like a snapshot.

use proptest::prelude::*;
use serde_json::Value;

/// Keys and strings of the snapshot format, so random JSON reaches far into
/// decoding and validation.
const VOCAB: [&str; 64] = [
    "model",
    "org",
    "permissions",
    "roles",
    "users",
    "units",
    "teams",
    "id",
    "grants",
    "permission",
    "scope",
    "when",
    "attr",
    "eq",
    "in",
    "present",
    "eqAttr",
    "inAttr",
    "all",
    "any",
    "not",
    "includes",
    "requires",
    "requiresUser",
    "message",
    "holders",
    "min",
    "max",
    "assigns",
    "seat",
    "seats",
    "feature",
    "features",
    "plans",
    "plan",
    "toggles",
    "restrictions",
    "unless",
    "manager",
    "record",
    "settings",
    "attributes",
    "parent",
    "managers",
    "label",
    "name",
    "rolesPerUser",
    "assignPermission",
    "because",
    "own",
    "subordinates",
    "*",
    "calls.*",
    "user.k0",
    "record.k0",
    "team.k0",
    "org.k0",
    "n0",
    "n1",
    "calls.p0",
    "t0",
    "s0",
    "f0",
    "",
];

fn g_word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&VOCAB[..]).prop_map(str::to_owned),
        1 => ".{0,8}",
    ]
}

pub(crate) fn g_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        Just(Value::from(u64::MAX)),
        g_word().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((g_word(), inner), 0..5)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A document shaped like a snapshot, with random insides.
pub(crate) fn g_shaped() -> impl Strategy<Value = Value> {
    let objects = || prop::collection::vec(g_json(), 0..4);
    (
        objects(),
        objects(),
        objects(),
        objects(),
        prop::collection::vec((g_word(), g_json()), 0..3),
    )
        .prop_map(|(perms, roles, users, more, extra)| {
            let mut model = serde_json::Map::new();
            model.insert("permissions".into(), Value::Array(perms));
            model.insert("roles".into(), Value::Array(roles));
            let mut org = serde_json::Map::new();
            org.insert("users".into(), Value::Array(users));
            org.insert("teams".into(), Value::Array(more));
            for (k, v) in extra {
                if k.len() % 2 == 0 {
                    model.insert(k, v);
                } else {
                    org.insert(k, v);
                }
            }
            serde_json::json!({"model": model, "org": org})
        })
}
