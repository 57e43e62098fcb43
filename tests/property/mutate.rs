//! Random mutations of valid snapshots.

use crate::build::pick;
use crate::garbage::g_json;
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

#[derive(Debug, Clone)]
pub(crate) struct Mutation {
    node: Index,
    kind: u8,
    with: Value,
    other: Index,
}

pub(crate) fn g_mutation() -> impl Strategy<Value = Mutation> {
    (any::<Index>(), 0u8..8, g_json(), any::<Index>()).prop_map(|(node, kind, with, other)| {
        Mutation {
            node,
            kind,
            with,
            other,
        }
    })
}

/// Every JSON pointer in `v` (the root excluded), in document order.
fn pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(x, &p, out);
            }
        }
        _ => {}
    }
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|x| strings(x, out)),
        Value::Object(map) => map.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

pub(crate) fn mutate(doc: &mut Value, m: &Mutation) {
    let mut ptrs = Vec::new();
    pointers(doc, "", &mut ptrs);
    let Some(i) = pick(&m.node, ptrs.len()) else {
        return;
    };
    let ptr = ptrs[i].clone();
    let (parent_ptr, key) = ptr.rsplit_once('/').unwrap_or(("", ""));
    let key = key.replace("~1", "/").replace("~0", "~");
    let mut words = Vec::new();
    strings(doc, &mut words);
    let nested = |depth: usize| {
        let mut v = serde_json::json!({"attr": "user.k0", "eq": true});
        for _ in 0..depth {
            v = serde_json::json!({ "not": v });
        }
        v
    };
    match m.kind {
        // Replace with random JSON.
        0 | 1 => {
            if let Some(x) = doc.pointer_mut(&ptr) {
                *x = m.with.clone();
            }
        }
        // Delete.
        2 => match doc.pointer_mut(parent_ptr) {
            Some(Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>() {
                    if i < items.len() {
                        items.remove(i);
                    }
                }
            }
            Some(Value::Object(map)) => {
                map.remove(&key);
            }
            _ => {}
        },
        // Point a name somewhere else (dangling, duplicate or cross-kind).
        3 => {
            if let (Some(x), Some(j)) = (doc.pointer_mut(&ptr), pick(&m.other, words.len())) {
                *x = Value::String(words[j].clone());
            }
        }
        // Duplicate an array element (duplicate ids, two holders).
        4 => {
            if let Some(Value::Array(items)) = doc.pointer_mut(parent_ptr) {
                if let Some(x) = key
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| items.get(i))
                    .cloned()
                {
                    items.push(x);
                }
            }
        }
        // Add an unknown field or element.
        5 => match doc.pointer_mut(&ptr) {
            Some(Value::Object(map)) => {
                map.insert("surprise".into(), m.with.clone());
            }
            Some(Value::Array(items)) => items.push(m.with.clone()),
            _ => {}
        },
        // Extreme values.
        6 => {
            let extreme = match pick(&m.other, 6) {
                Some(0) => Value::from(u64::MAX),
                Some(1) => Value::from(-1),
                Some(2) => nested(40),
                Some(3) => Value::String("x".repeat(10_000)),
                Some(4) => Value::String("*".into()),
                _ => Value::String(String::new()),
            };
            if let Some(x) = doc.pointer_mut(&ptr) {
                *x = extreme;
            }
        }
        // Point a reference at the node itself (cycles: parents, managers,
        // includes): copy the id of the enclosing element into this field.
        _ => {
            let owner_ptr = parent_ptr.to_owned();
            let id = doc.pointer(&owner_ptr).and_then(|o| o.get("id")).cloned();
            if let (Some(id), Some(x)) = (id, doc.pointer_mut(&ptr)) {
                *x = id;
            }
        }
    }
}
