//! Record filters: for random models, orgs, users, permissions and
//! contexts, `Engine::filter` (its JSON, read by the naive evaluator of
//! `tests/common/filter_eval.rs`) matches a record exactly when the check
//! on that record allows it. The records tried: every owner (none, each
//! user, one the org lacks) with every team (likewise), and random ones
//! (units, attributes among the values the snapshot mentions and unlike
//! ones).

use crate::filter_eval::matches;
use crate::some_record::{prepare_each, record_keys_and_values};
use rolegate::snapshot::AttrValue;
use rolegate::{Context, Engine, Filter, Record, Snapshot, ToJson};
use std::collections::BTreeMap;

/// What a run compared.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub checks: u64,
    pub allowed: u64,
    /// Filters that are neither `true` nor `false`.
    pub conditional: u64,
    pub filters: u64,
}

/// A small deterministic generator (the cases' own seed).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn ids(list: impl Iterator<Item = String>) -> Vec<Option<String>> {
    std::iter::once(None)
        .chain(list.map(Some))
        .chain([Some("ghost".to_owned())])
        .collect()
}

/// The records a filter is tried on.
pub(crate) fn records(s: &Snapshot, seed: u64, random: usize) -> Vec<Record> {
    let (keys, mut values) = record_keys_and_values(s);
    values.extend([
        AttrValue::Str("zz".into()),
        AttrValue::Num(99.0),
        AttrValue::List(vec!["zz".into(), "a".into()]),
    ]);
    let owners = ids(s.org.users.iter().map(|u| u.id.clone()));
    let teams = ids(s.org.teams.iter().map(|t| t.id.clone()));
    let units = ids(s.org.units.iter().map(|u| u.id.clone()));
    let mut rng = Lcg(seed);
    let attrs = |rng: &mut Lcg| {
        let mut m = BTreeMap::new();
        for k in &keys {
            let i = rng.below(values.len() + 2);
            if let Some(v) = values.get(i) {
                m.insert(k.clone(), v.clone());
            }
        }
        m
    };
    let mut out = Vec::new();
    for owner in &owners {
        for team in &teams {
            out.push(Record {
                owner: owner.clone(),
                team: team.clone(),
                unit: units[rng.below(units.len())].clone(),
                attributes: attrs(&mut rng),
            });
        }
    }
    for _ in 0..random {
        out.push(Record {
            owner: owners[rng.below(owners.len())].clone(),
            team: teams[rng.below(teams.len())].clone(),
            unit: units[rng.below(units.len())].clone(),
            attributes: attrs(&mut rng),
        });
    }
    out
}

/// Compares every user's filter (and an unknown user's) on every
/// permission (and an unknown one) in each context with the checks on
/// `records`.
pub(crate) fn compare_filters(
    e: &Engine,
    s: &Snapshot,
    ctxs: &[Context],
    records: &[Record],
    counts: &mut Counts,
) -> Result<(), String> {
    let users: Vec<&str> = s
        .org
        .users
        .iter()
        .map(|u| u.id.as_str())
        .chain(["ghost"])
        .collect();
    let perms: Vec<&str> = s
        .model
        .permissions
        .iter()
        .map(|p| p.id.as_str())
        .chain(["no.such"])
        .collect();
    for ctx in ctxs {
        let ctx = Context {
            record: None,
            ..ctx.clone()
        };
        let prepared = prepare_each(e, &ctx, records);
        for user in &users {
            for perm in &perms {
                let filter = e.filter(user, perm, &ctx);
                counts.filters += 1;
                counts.conditional += u64::from(!matches!(filter, Filter::True | Filter::False));
                let json: serde_json::Value = serde_json::from_str(&filter.to_json())
                    .map_err(|err| format!("the filter's JSON does not parse: {err}"))?;
                let ids = (e.user_index(user), e.permission_index(perm));
                for (record, p) in records.iter().zip(&prepared) {
                    let can = match ids {
                        (Some(u), Some(q)) => e.check(u, q, p),
                        _ => false,
                    };
                    counts.checks += 1;
                    counts.allowed += u64::from(can);
                    if matches(&json, record) != can {
                        return Err(format!(
                            "user `{user}`, permission `{perm}`, context {}, record {}: can says {can}, the filter {}\n  filter: {json}\n  snapshot: {}",
                            serde_json::to_string(&ctx).unwrap_or_default(),
                            serde_json::to_string(record).unwrap_or_default(),
                            !can,
                            serde_json::to_string(s).unwrap_or_default(),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}
