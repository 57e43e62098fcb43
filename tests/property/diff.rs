//! `Engine::diff` against a brute-force diff of `can` and `explain`: every
//! user, permission, unit, team and owner of a random org, before and after
//! a few random edits.

use crate::build::pick;
use proptest::prelude::*;
use proptest::sample::Index;
use rolegate::{Code, Context, Engine, Record, UserStatus};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// One semantic edit of a snapshot: what kind, where, and with what.
#[derive(Debug, Clone)]
pub(crate) struct Edit {
    kind: u8,
    at: Index,
    other: Index,
    levels: Vec<u8>,
}

pub(crate) fn g_edit() -> impl Strategy<Value = Edit> {
    (
        0u8..9,
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(0u8..7, 0..3),
    )
        .prop_map(|(kind, at, other, levels)| Edit {
            kind,
            at,
            other,
            levels,
        })
}

const LEVELS: [&str; 7] = [
    "own",
    "subordinates",
    "peers",
    "manager",
    "team",
    "managedTeams",
    "all",
];

fn list<'v>(doc: &'v mut Value, ptr: &str) -> Option<&'v mut Vec<Value>> {
    doc.pointer_mut(ptr).and_then(Value::as_array_mut)
}

fn ids(doc: &Value, ptr: &str) -> Vec<Value> {
    let items = doc.pointer(ptr).and_then(Value::as_array);
    items
        .into_iter()
        .flatten()
        .filter_map(|x| x.get("id").cloned())
        .collect()
}

/// Applies `e` to the snapshot `doc` (the result may not load).
pub(crate) fn edit(doc: &mut Value, e: &Edit) {
    let users = ids(doc, "/org/users");
    let teams = ids(doc, "/org/teams");
    let plans = ids(doc, "/model/plans");
    let n = users.len();
    let other_user = pick(&e.other, n).and_then(|i| users.get(i).cloned());
    let Some(u) = pick(&e.at, n) else { return };
    let user = format!("/org/users/{u}");
    match e.kind {
        // An assignment removed.
        0 => {
            if let Some(roles) = list(doc, &format!("{user}/roles")) {
                if let Some(i) = pick(&e.other, roles.len()) {
                    roles.remove(i);
                }
            }
        }
        // A manager change (or none).
        1 => {
            if let Some(x) = doc.pointer_mut(&user).and_then(Value::as_object_mut) {
                match other_user.filter(|m| Some(m) != x.get("id")) {
                    Some(m) => x.insert("manager".into(), m),
                    None => x.remove("manager"),
                };
            }
        }
        // A user removed (and the references to them).
        2 => {
            let id = users.get(u).cloned();
            if let Some(l) = list(doc, "/org/users") {
                l.remove(u);
            }
            for x in list(doc, "/org/users").into_iter().flatten() {
                if x.get("manager") == id.as_ref() {
                    if let Some(o) = x.as_object_mut() {
                        o.remove("manager");
                    }
                }
            }
            for t in list(doc, "/org/teams").into_iter().flatten() {
                if let Some(m) = t.get_mut("managers").and_then(Value::as_array_mut) {
                    m.retain(|x| Some(x) != id.as_ref());
                }
            }
        }
        // A user added: a copy of another under a new id.
        3 => {
            if let Some(mut x) = doc.pointer(&user).cloned() {
                x["id"] = json!("newcomer");
                if let Some(l) = list(doc, "/org/users") {
                    l.push(x);
                }
            }
        }
        // A user moved to another team (or to none).
        4 => {
            let t = pick(&e.other, teams.len() + 1).and_then(|i| teams.get(i).cloned());
            if let Some(x) = doc.pointer_mut(&user) {
                x["teams"] = t.map_or(json!([]), |t| json!([t]));
            }
        }
        // A plan change.
        5 => {
            if let Some(p) = pick(&e.other, plans.len()).and_then(|i| plans.get(i).cloned()) {
                doc["org"]["plan"] = p;
            }
        }
        // A role's grant: its scope changed, or the grant removed.
        6 | 7 => {
            let roles = doc
                .pointer("/model/roles")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let Some(r) = pick(&e.at, roles) else { return };
            let Some(grants) = list(doc, &format!("/model/roles/{r}/grants")) else {
                return;
            };
            let Some(g) = pick(&e.other, grants.len()) else {
                return;
            };
            if e.kind == 6 || e.levels.is_empty() {
                grants.remove(g);
            } else if let Some(x) = grants.get_mut(g).and_then(Value::as_object_mut) {
                let levels: Vec<&str> = e.levels.iter().map(|&l| LEVELS[l as usize]).collect();
                x.insert("scope".into(), json!(levels));
            }
        }
        // A setting of a team or of the org switched.
        _ => {
            let key = format!("k{}", e.levels.first().copied().unwrap_or(0) % 3);
            let t = pick(&e.other, teams.len() + 1).filter(|&i| i < teams.len());
            let at = t.map_or("/org/settings".to_owned(), |i| {
                format!("/org/teams/{i}/settings")
            });
            if let Some(x) = doc.pointer_mut(&at) {
                let now = x.get(&key).and_then(Value::as_bool).unwrap_or(false);
                x[key.as_str()] = json!(!now);
            } else if let Some(x) = doc.pointer_mut(&at.replace("/settings", "")) {
                x["settings"] = json!({ key: true });
            }
        }
    }
}

fn names(e: &Engine, kind: &str) -> Vec<String> {
    let s = e.snapshot();
    match kind {
        "users" => s.org.users.iter().map(|x| x.id.clone()).collect(),
        "teams" => s.org.teams.iter().map(|x| x.id.clone()).collect(),
        "units" => s.org.units.iter().map(|x| x.id.clone()).collect(),
        "perms" => s.model.permissions.iter().map(|x| x.id.clone()).collect(),
        _ => s
            .model
            .permissions
            .iter()
            .filter(|x| x.record)
            .map(|x| x.id.clone())
            .collect(),
    }
}

fn both(b: &Engine, a: &Engine, kind: &str) -> Vec<String> {
    let before = names(b, kind);
    names(a, kind)
        .into_iter()
        .filter(|x| before.contains(x))
        .collect()
}

/// (gained, lost) of `user` in `ctx`: gains in after's model order, losses in before's.
fn changes(b: &Engine, a: &Engine, user: &str, ctx: &Context) -> (Vec<String>, Vec<String>) {
    let gained = names(a, "perms")
        .into_iter()
        .filter(|p| a.can(user, p, ctx) && !b.can(user, p, ctx));
    let lost = names(b, "perms")
        .into_iter()
        .filter(|p| b.can(user, p, ctx) && !a.can(user, p, ctx));
    (gained.collect(), lost.collect())
}

fn restrictions(e: &Engine, user: &str, perms: &[String], ctxs: &[Context]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in perms {
        for c in ctxs {
            let x = e.explain(user, p, c);
            if x.code == Code::Restricted {
                out.extend(x.restriction);
            }
        }
    }
    out
}

fn seats(e: &Engine, user: &str) -> BTreeSet<String> {
    e.seats()
        .into_iter()
        .filter(|s| s.holders.iter().any(|h| h == user))
        .map(|s| s.seat)
        .collect()
}

/// Checks the diff of `b` and `a` against `can` over every context; the
/// error names the first difference. Returns how many checks agreed.
pub(crate) fn check_diff(b: &Engine, a: &Engine) -> Result<u64, String> {
    let d = Engine::diff(b, a);
    let mut checks = 0u64;
    let users = both(b, a, "users");
    let (teams, units, perms) = (
        both(b, a, "teams"),
        both(b, a, "units"),
        both(b, a, "perms"),
    );
    let records = both(b, a, "records");
    let mut probes = vec![Context::default(), Context::of(Record::default())];
    probes.extend(teams.iter().map(|t| Context::of(Record::default().team(t))));
    for user in &users {
        let got = d.users.iter().find(|x| &x.user == user);
        let (gained, lost) = changes(b, a, user, &Context::default());
        let mut want_units = Vec::new();
        for x in &units {
            let here = changes(b, a, user, &Context::at_unit(x));
            if here != (gained.clone(), lost.clone()) {
                want_units.push((x.clone(), here.0, here.1));
            }
        }
        let mut want_scopes = Vec::new();
        for p in records
            .iter()
            .filter(|p| b.can(user, p, &Context::default()) && a.can(user, p, &Context::default()))
        {
            let owners = |allowed: bool, not: bool| -> Vec<String> {
                let on = |e: &Engine, o: &String| e.can(user, p, &Context::of(Record::owned_by(o)));
                names(a, "users")
                    .into_iter()
                    .filter(|o| users.contains(o) && on(a, o) == allowed && on(b, o) == not)
                    .collect()
            };
            let teams_of = |allowed: bool, not: bool| -> Vec<String> {
                let on = |e: &Engine, t: &String| {
                    e.can(user, p, &Context::of(Record::default().team(t)))
                };
                names(a, "teams")
                    .into_iter()
                    .filter(|t| teams.contains(t) && on(a, t) == allowed && on(b, t) == not)
                    .collect()
            };
            checks += 2 * (users.len() + teams.len()) as u64;
            let s = (
                p.clone(),
                owners(true, false),
                owners(false, true),
                teams_of(true, false),
                teams_of(false, true),
            );
            if !(s.1.is_empty() && s.2.is_empty() && s.3.is_empty() && s.4.is_empty()) {
                want_scopes.push(s);
            }
        }
        let (rb, ra) = (
            restrictions(b, user, &perms, &probes),
            restrictions(a, user, &perms, &probes),
        );
        let (sb, sa) = (seats(b, user), seats(a, user));
        checks += (2 * perms.len() * (probes.len() + 1) * (units.len() + 1)) as u64;
        let want = (
            gained,
            lost,
            want_units,
            want_scopes,
            ra.difference(&rb).cloned().collect::<BTreeSet<_>>(),
            rb.difference(&ra).cloned().collect::<BTreeSet<_>>(),
            sa.difference(&sb).cloned().collect::<BTreeSet<_>>(),
            sb.difference(&sa).cloned().collect::<BTreeSet<_>>(),
        );
        let have = got.map_or_else(Default::default, |x| {
            let set = |v: &[String]| v.iter().cloned().collect::<BTreeSet<_>>();
            (
                x.gained.clone(),
                x.lost.clone(),
                x.units
                    .iter()
                    .map(|u| (u.unit.clone(), u.gained.clone(), u.lost.clone()))
                    .collect(),
                x.scopes
                    .iter()
                    .map(|s| {
                        (
                            s.permission.clone(),
                            s.owners_gained.clone(),
                            s.owners_lost.clone(),
                            s.teams_gained.clone(),
                            s.teams_lost.clone(),
                        )
                    })
                    .collect(),
                set(&x.restrictions_started),
                set(&x.restrictions_stopped),
                set(&x.seats_gained),
                set(&x.seats_lost),
            )
        });
        if have != want {
            return Err(format!(
                "user `{user}`:\n  diff  {have:?}\n  brute {want:?}"
            ));
        }
    }
    for x in &d.users {
        let known = users.contains(&x.user);
        let expect = match x.status {
            UserStatus::Changed => known,
            UserStatus::Added => !known && a.user_index(&x.user).is_some(),
            UserStatus::Removed => !known && b.user_index(&x.user).is_some(),
        };
        if !expect {
            return Err(format!("user `{}` is listed as {:?}", x.user, x.status));
        }
        if x.status == UserStatus::Added && x.gained != a.permissions(&x.user, &Context::default())
        {
            return Err(format!("added user `{}`: {:?}", x.user, x.gained));
        }
    }
    Ok(checks)
}
