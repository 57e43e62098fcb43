//! "Without a record" means "on some record": for random models and orgs,
//! a check without a record is allowed exactly when some record makes the
//! same check allowed. The records tried cover every owner, team and unit
//! of the org (those the context leaves open) and every combination of the
//! values the snapshot mentions for the record attributes its conditions
//! read (plus absent). The checks with a record are the engine's, which
//! `engine_agrees_with_naive_reference` holds to the reference.

use rolegate::snapshot::AttrValue;
use rolegate::{Context, Engine, PreparedContext, Record, Snapshot};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many records are tried per context (more: the context is
/// skipped and counted).
const MAX_RECORDS: usize = 6_000;

/// The `record.*` keys the snapshot's conditions read, and every attribute
/// value it mentions (literals and attribute maps), each string also as a
/// one-item list.
pub(crate) fn record_keys_and_values(s: &Snapshot) -> (BTreeSet<String>, Vec<AttrValue>) {
    fn walk(v: &Value, keys: &mut BTreeSet<String>, values: &mut Vec<Value>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("attr" | "eqAttr" | "inAttr", Value::String(p)) => {
                            if let Some(key) = p.strip_prefix("record.") {
                                keys.insert(key.to_owned());
                            }
                        }
                        ("eq", x) => values.push(x.clone()),
                        ("in", Value::Array(xs)) => values.extend(xs.iter().cloned()),
                        ("attributes" | "settings", Value::Object(m)) => {
                            values.extend(m.values().cloned())
                        }
                        _ => walk(x, keys, values),
                    }
                }
            }
            Value::Array(xs) => xs.iter().for_each(|x| walk(x, keys, values)),
            _ => {}
        }
    }
    let json = serde_json::to_value(s).unwrap();
    let (mut keys, mut raw) = (BTreeSet::new(), Vec::new());
    walk(&json, &mut keys, &mut raw);
    let mut values: Vec<AttrValue> = Vec::new();
    let mut add = |v: AttrValue| {
        if !values.contains(&v) {
            values.push(v);
        }
    };
    for v in raw {
        if let Ok(a) = serde_json::from_value::<AttrValue>(v) {
            if let AttrValue::Str(s) = &a {
                add(AttrValue::List(vec![s.clone()]));
            }
            add(a);
        }
    }
    (keys, values)
}

/// Every record the check of `ctx` could be about, or `None` when there
/// are more than [`MAX_RECORDS`].
fn records(s: &Snapshot, ctx: &Context) -> Option<Vec<Record>> {
    let (keys, values) = record_keys_and_values(s);
    let open = |given: &Option<String>, ids: Vec<String>| -> Vec<Option<String>> {
        match given {
            // The context fixes it: a record here leaves it to the context.
            Some(_) => vec![None],
            None => std::iter::once(None)
                .chain(ids.into_iter().map(Some))
                .collect(),
        }
    };
    let owners: Vec<Option<String>> = std::iter::once(None)
        .chain(s.org.users.iter().map(|u| Some(u.id.clone())))
        .collect();
    let units = open(
        &ctx.unit,
        s.org.units.iter().map(|u| u.id.clone()).collect(),
    );
    // A record of the context's team says so (else its owner's team would be its team).
    let teams = match &ctx.team {
        Some(t) => vec![Some(t.clone())],
        None => open(&None, s.org.teams.iter().map(|t| t.id.clone()).collect()),
    };
    // Attribute maps: each key absent or one of the values.
    let mut maps: Vec<BTreeMap<String, AttrValue>> = vec![BTreeMap::new()];
    for key in &keys {
        let mut next = Vec::new();
        for m in &maps {
            next.push(m.clone());
            for v in &values {
                let mut m = m.clone();
                m.insert(key.clone(), v.clone());
                next.push(m);
            }
        }
        maps = next;
        if maps.len() > MAX_RECORDS {
            return None;
        }
    }
    let n = owners.len() * units.len() * teams.len() * maps.len();
    if n > MAX_RECORDS {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for owner in &owners {
        for unit in &units {
            for team in &teams {
                for m in &maps {
                    out.push(Record {
                        owner: owner.clone(),
                        team: team.clone(),
                        unit: unit.clone(),
                        attributes: m.clone(),
                    });
                }
            }
        }
    }
    Some(out)
}

/// `ctx` with each of `records` in turn, prepared by `e`.
pub(crate) fn prepare_each(e: &Engine, ctx: &Context, records: &[Record]) -> Vec<PreparedContext> {
    records
        .iter()
        .map(|r| {
            e.prepare(&Context {
                record: Some(r.clone()),
                ..ctx.clone()
            })
        })
        .collect()
}

/// Checks the property on every user and permission of `s` in `ctx` (a
/// context without a record); `Ok(false)` when the context was skipped.
pub(crate) fn some_record(e: &Engine, s: &Snapshot, ctx: &Context) -> Result<bool, String> {
    let Some(records) = records(s, ctx) else {
        return Ok(false);
    };
    let prepared = prepare_each(e, ctx, &records);
    for u in &s.org.users {
        for p in &s.model.permissions {
            let (Some(ui), Some(pi)) = (e.user_index(&u.id), e.permission_index(&p.id)) else {
                continue;
            };
            let without = e.can(&u.id, &p.id, ctx);
            let witness = prepared.iter().position(|r| e.check(ui, pi, r));
            if without != witness.is_some() {
                return Err(format!(
                    "user `{}`, permission `{}`, context {}: without a record {}, but {}\n  snapshot: {}",
                    u.id,
                    p.id,
                    serde_json::to_string(ctx).unwrap_or_default(),
                    if without { "allowed" } else { "denied" },
                    match witness {
                        Some(i) => format!("allowed on {}", serde_json::to_string(&records[i]).unwrap_or_default()),
                        None => format!("no record of {} allows it", records.len()),
                    },
                    serde_json::to_string(s).unwrap_or_default()
                ));
            }
        }
    }
    Ok(true)
}
