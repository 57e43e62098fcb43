//! The privacy check of slices (tests/slices.rs on the sample orgs, the
//! property test on random orgs): a user's slice holds no other user's
//! attribute values, display name or grant reasons, and no id of a user,
//! team or unit out of the reach of the scopes the README lists.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::snapshot::AttrValue;
use rolegate::{Engine, Snapshot};
use std::collections::BTreeSet;

/// Whether `bytes` holds `s` as the image writes strings: its length, then it.
fn holds(bytes: &[u8], s: &str) -> bool {
    let mut needle = Vec::new();
    let mut n = s.len();
    while n >= 0x80 {
        needle.push((n as u8) | 0x80);
        n >>= 7;
    }
    needle.push(n as u8);
    needle.extend_from_slice(s.as_bytes());
    bytes.windows(needle.len()).any(|w| w == needle)
}

fn strings(v: &AttrValue, out: &mut Vec<String>) {
    match v {
        AttrValue::Str(s) => out.push(s.clone()),
        AttrValue::List(l) => out.extend(l.iter().cloned()),
        _ => {}
    }
}

/// What may be in `user`'s slice at most: the ids of the users, teams and
/// units the README says their scopes can reach (a looser bound than the
/// slice's own: every scope of the model counts, not only the user's).
struct Bound {
    users: BTreeSet<String>,
    teams: BTreeSet<String>,
    units: BTreeSet<String>,
}

fn bound(s: &Snapshot, user: &str) -> Bound {
    let model = serde_json::to_string(&s.model).unwrap();
    let me = s.org.users.iter().find(|u| u.id == user).unwrap();
    let rules = format!("{model} {}", serde_json::to_string(&me.grants).unwrap());
    let team_read = rules.contains("\"team.");
    let mut teams: BTreeSet<String> = me.teams.iter().cloned().collect();
    teams.extend(
        s.org
            .teams
            .iter()
            .filter(|t| t.managers.iter().any(|m| m == user))
            .map(|t| t.id.clone()),
    );
    teams.extend(me.roles.iter().filter_map(|a| a.team.clone()));
    // Teams any scope of the model or of the user's own grants lists.
    let own = serde_json::to_string(&me.grants).unwrap();
    let listed = |t: &str| model.contains(&format!("\"{t}\"")) || own.contains(&format!("\"{t}\""));
    teams.extend(
        s.org
            .teams
            .iter()
            .filter(|t| listed(&t.id))
            .map(|t| t.id.clone()),
    );
    let below = |x: &str| {
        let mut at = s
            .org
            .users
            .iter()
            .find(|u| u.id == x)
            .and_then(|u| u.manager.clone());
        let mut steps = 0;
        while let Some(m) = at {
            if m == user || steps > s.org.users.len() {
                return m == user;
            }
            steps += 1;
            at = s
                .org
                .users
                .iter()
                .find(|u| u.id == m)
                .and_then(|u| u.manager.clone());
        }
        false
    };
    let team_role = me.roles.iter().any(|a| a.team.is_some());
    let mut users = BTreeSet::new();
    for x in &s.org.users {
        let peer = x.manager.is_some() && x.manager == me.manager;
        let manager = me.manager.as_deref() == Some(&x.id);
        let by_team =
            x.teams.first().is_some_and(|t| teams.contains(t)) || (team_role && x.teams.is_empty());
        if x.id == user || peer || manager || below(&x.id) || by_team || team_read {
            users.insert(x.id.clone());
        }
    }
    let mut all_teams = teams.clone();
    for x in &s.org.users {
        if users.contains(&x.id) {
            all_teams.extend(x.teams.first().cloned());
        }
    }
    if team_read {
        all_teams.extend(s.org.teams.iter().map(|t| t.id.clone()));
    }
    let tops: Vec<&str> = me.roles.iter().filter_map(|a| a.unit.as_deref()).collect();
    let within = |u: &str| {
        let mut at = Some(u.to_owned());
        let mut steps = 0;
        while let Some(x) = at {
            if tops.contains(&x.as_str()) {
                return true;
            }
            steps += 1;
            if steps > s.org.units.len() {
                return false;
            }
            at = s
                .org
                .units
                .iter()
                .find(|y| y.id == x)
                .and_then(|y| y.parent.clone());
        }
        false
    };
    let units = s
        .org
        .units
        .iter()
        .filter(|u| within(&u.id))
        .map(|u| u.id.clone())
        .collect();
    Bound {
        users,
        teams: all_teams,
        units,
    }
}

/// Checks that `user`'s slice of `s` holds no one else's private data and
/// no id out of reach; returns how many strings it looked for.
pub fn private(e: &Engine, s: &Snapshot, user: &str) -> usize {
    let bytes = e.slice(user).unwrap();
    let b = bound(s, user);
    let me = s.org.users.iter().find(|u| u.id == user).unwrap();
    // What the slice may hold anyway: the model, the user's own data, the
    // settings of the org and its teams.
    let allowed = format!(
        "{} {} {} {}",
        serde_json::to_string(&s.model).unwrap(),
        serde_json::to_string(me).unwrap(),
        serde_json::to_string(&s.org.settings).unwrap(),
        serde_json::to_string(&s.org.teams).unwrap()
    );
    let mut forbidden: Vec<String> = Vec::new();
    for x in s.org.users.iter().filter(|x| x.id != user) {
        for v in x.attributes.values() {
            strings(v, &mut forbidden);
        }
        forbidden.extend(x.name.clone());
        forbidden.extend(x.grants.iter().filter_map(|g| g.because.clone()));
        if !b.users.contains(&x.id) {
            forbidden.push(x.id.clone());
        }
    }
    forbidden.extend(
        s.org
            .teams
            .iter()
            .filter(|t| !b.teams.contains(&t.id))
            .map(|t| t.id.clone()),
    );
    forbidden.extend(
        s.org
            .units
            .iter()
            .filter(|u| !b.units.contains(&u.id))
            .map(|u| u.id.clone()),
    );
    // (Random orgs reuse one name for a user, a team and a unit.)
    let kept = |f: &String| b.users.contains(f) || b.teams.contains(f) || b.units.contains(f);
    forbidden.retain(|f| f.len() >= 2 && !kept(f) && !allowed.contains(&format!("\"{f}\"")));
    for f in &forbidden {
        assert!(
            !holds(&bytes, f),
            "the slice of `{user}` holds `{f}`, which is not theirs to see; snapshot: {}",
            serde_json::to_string(s).unwrap()
        );
    }
    forbidden.len()
}
