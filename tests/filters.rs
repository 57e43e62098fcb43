//! Record filters on the four sample organisations: for every user, every
//! permission and every context (none, each unit, each team), the filter
//! matches exactly the records the check allows, on every combination of
//! owner, team and unit (each absent, each of the org's, one it lacks) and
//! the attribute values the model's conditions read.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common/filter_eval.rs"]
mod filter_eval;

use rolegate::snapshot::AttrValue;
use rolegate::{Context, Engine, Filter, Record, ToJson};
use std::collections::BTreeMap;

const ORGS: [(&str, &str); 4] = [
    ("jiminny", include_str!("../www/orgs/jiminny.json")),
    ("jrni", include_str!("../www/orgs/jrni.json")),
    ("modjo", include_str!("../www/orgs/modjo.json")),
    ("spotio", include_str!("../www/orgs/spotio.json")),
];

fn with_none(ids: impl Iterator<Item = String>) -> Vec<Option<String>> {
    std::iter::once(None)
        .chain(ids.map(Some))
        .chain([Some("ghost".to_owned())])
        .collect()
}

/// Every record of the org's owners, teams and units, with the record
/// attributes of JRNI's restrictions (`staff`, `staffGroup`): absent, a
/// user's value or one nobody has.
fn records(e: &Engine) -> Vec<Record> {
    let s = e.snapshot();
    let mut values: Vec<Option<AttrValue>> = vec![None, Some(AttrValue::Str("nobody".into()))];
    for u in &s.org.users {
        for v in u.attributes.values() {
            let strs = match v {
                AttrValue::List(items) => items.clone(),
                AttrValue::Str(s) => vec![s.clone()],
                _ => Vec::new(),
            };
            for x in strs {
                if !values.contains(&Some(AttrValue::Str(x.clone()))) {
                    values.push(Some(AttrValue::Str(x)));
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut n = 0usize;
    for owner in with_none(s.org.users.iter().map(|u| u.id.clone())) {
        for team in with_none(s.org.teams.iter().map(|t| t.id.clone())) {
            for unit in with_none(s.org.units.iter().map(|u| u.id.clone())) {
                for staff in &values {
                    n += 1;
                    let group = &values[n % values.len()];
                    let mut attributes = BTreeMap::new();
                    for (k, v) in [("staff", staff), ("staffGroup", group)] {
                        if let Some(v) = v {
                            attributes.insert(k.to_owned(), v.clone());
                        }
                    }
                    out.push(Record {
                        owner: owner.clone(),
                        team: team.clone(),
                        unit: unit.clone(),
                        attributes,
                    });
                }
            }
        }
    }
    out
}

#[test]
fn filters_of_the_sample_orgs_match_exactly_the_allowed_records() {
    for (name, json) in ORGS {
        let e = Engine::from_json(json).unwrap();
        let s = e.snapshot();
        let records = records(&e);
        let mut ctxs = vec![Context::default()];
        ctxs.extend(s.org.units.iter().map(|u| Context::at_unit(u.id.clone())));
        ctxs.extend(s.org.teams.iter().map(|t| Context::for_team(t.id.clone())));
        let (mut checks, mut allowed, mut conditional) = (0u64, 0u64, 0u64);
        for ctx in &ctxs {
            let prepared: Vec<_> = records
                .iter()
                .map(|r| e.prepare(&ctx.clone().on(r.clone())))
                .collect();
            for u in &s.org.users {
                for p in &s.model.permissions {
                    let f = e.filter(&u.id, &p.id, ctx);
                    conditional += u64::from(!matches!(f, Filter::True | Filter::False));
                    let json: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
                    let (ui, pi) = (
                        e.user_index(&u.id).unwrap(),
                        e.permission_index(&p.id).unwrap(),
                    );
                    for (r, prep) in records.iter().zip(&prepared) {
                        let can = e.check(ui, pi, prep);
                        checks += 1;
                        allowed += u64::from(can);
                        assert_eq!(
                            filter_eval::matches(&json, r),
                            can,
                            "{name}: user `{}`, permission `{}`, context {ctx:?}, record {r:?}\n  filter: {json}",
                            u.id,
                            p.id
                        );
                    }
                }
            }
        }
        assert!(allowed > 0 && allowed < checks && conditional > 0, "{name}");
        eprintln!("{name}: {checks} records checked, {allowed} allowed, {conditional} conditional filters");
    }
}

#[test]
fn filters_read_as_the_readme_says() {
    let e = Engine::from_json(ORGS[0].1).unwrap();
    let here = Context::default();
    // Unknown names: no record.
    assert_eq!(e.filter("nobody", "calls.listen", &here), Filter::False);
    assert_eq!(e.filter("tom", "no.such", &here), Filter::False);
    assert_eq!(
        e.filter("tom", "calls.listen", &Context::at_unit("nowhere")),
        Filter::False
    );
    // A record in the context is ignored.
    let with_record = here.clone().on(Record::owned_by("ethan"));
    assert_eq!(
        e.filter("tom", "calls.listen", &with_record),
        e.filter("tom", "calls.listen", &here)
    );
    for u in ["tom", "marcus", "daniel"] {
        eprintln!(
            "jiminny {u} calls.listen: {}",
            e.filter(u, "calls.listen", &here).to_json()
        );
    }
    let jrni = Engine::from_json(ORGS[1].1).unwrap();
    for u in &jrni.snapshot().org.users {
        eprintln!(
            "jrni {} bookings.manage: {}",
            u.id,
            jrni.filter(&u.id, "bookings.manage", &here).to_json()
        );
    }
    let modjo = Engine::from_json(ORGS[2].1).unwrap();
    for u in &modjo.snapshot().org.users {
        eprintln!(
            "modjo {} calls.view: {}",
            u.id,
            modjo.filter(&u.id, "calls.view", &here).to_json()
        );
    }
}
