//! The two engines of a diff side by side: each kind's ids of one matched
//! to the other's by name (dense ids differ between snapshots).

use crate::compile::{Engine, Place};
use crate::index::NONE;
use std::collections::HashMap;

/// Two engines, `b`efore and `a`fter, with their ids matched.
pub(super) struct Pair<'e> {
    pub b: &'e Engine,
    pub a: &'e Engine,
    /// Before's user index -> after's (`NONE`: removed), and back.
    pub users_ba: Vec<u32>,
    pub users_ab: Vec<u32>,
    pub perms_ba: Vec<u32>,
    pub perms_ab: Vec<u32>,
    pub teams_ab: Vec<u32>,
    pub teams_ba: Vec<u32>,
    /// After's unit index -> before's.
    pub units_ab: Vec<u32>,
    /// The teams of both whose settings (before, after) are the same, by
    /// after's ids: teams a user's rules do not name are decided alike
    /// within a group.
    pub groups: Vec<Vec<u32>>,
    /// Each engine's teams named by a scope (of a grant or an exemption).
    pub named_b: Vec<u32>,
    pub named_a: Vec<u32>,
    /// Users of both whose primary team changes (after's ids).
    pub moved: Vec<u32>,
    /// After's users by primary team (the last list: of no team).
    pub members: Vec<Vec<u32>>,
}

/// `from`'s ids -> `to`'s index of the same name.
fn matched<'s>(ids: impl Iterator<Item = &'s str>, to: impl Fn(&str) -> Option<u32>) -> Vec<u32> {
    ids.map(|id| to(id).unwrap_or(NONE)).collect()
}

/// The index of `i` in `map` (`NONE` out of range or unmatched).
pub(super) fn at(map: &[u32], i: u32) -> u32 {
    map.get(i as usize).copied().unwrap_or(NONE)
}

impl<'e> Pair<'e> {
    pub fn new(b: &'e Engine, a: &'e Engine) -> Pair<'e> {
        let (sb, sa) = (&b.snap, &a.snap);
        let users = |s: &'e Engine| s.snap.org.users.iter().map(|x| x.id.as_str());
        let perms = |s: &'e Engine| s.snap.model.permissions.iter().map(|x| x.id.as_str());
        let teams = |s: &'e Engine| s.snap.org.teams.iter().map(|x| x.id.as_str());
        let mut p = Pair {
            b,
            a,
            users_ba: matched(users(b), |x| a.names.users.get(x)),
            users_ab: matched(users(a), |x| b.names.users.get(x)),
            perms_ba: matched(perms(b), |x| a.names.perms.get(x)),
            perms_ab: matched(perms(a), |x| b.names.perms.get(x)),
            teams_ab: matched(teams(a), |x| b.names.teams.get(x)),
            teams_ba: matched(teams(b), |x| a.names.teams.get(x)),
            units_ab: matched(sa.org.units.iter().map(|x| x.id.as_str()), |x| {
                b.names.units.get(x)
            }),
            groups: Vec::new(),
            named_b: named_teams(b),
            named_a: named_teams(a),
            moved: Vec::new(),
            members: vec![Vec::new(); sa.org.teams.len() + 1],
        };
        let mut by_settings: HashMap<(String, String), usize> = HashMap::new();
        for (ta, x) in sa.org.teams.iter().enumerate() {
            let Some(y) = sb.org.teams.get(at(&p.teams_ab, ta as u32) as usize) else {
                continue;
            };
            let key = (format!("{:?}", y.settings), format!("{:?}", x.settings));
            let next = by_settings.len();
            let g = *by_settings.entry(key).or_insert(next);
            if g == p.groups.len() {
                p.groups.push(Vec::new());
            }
            if let Some(list) = p.groups.get_mut(g) {
                list.push(ta as u32);
            }
        }
        p.place_users();
        p
    }

    /// Fills `moved` and `members`.
    fn place_users(&mut self) {
        for ua in 0..self.a.users.len() as u32 {
            let pt = primary_team(self.a, ua);
            let slot = if pt == NONE {
                self.members.len() - 1
            } else {
                pt as usize
            };
            if let Some(list) = self.members.get_mut(slot) {
                list.push(ua);
            }
            let ub = at(&self.users_ab, ua);
            if ub != NONE && at(&self.teams_ba, primary_team(self.b, ub)) != pt {
                self.moved.push(ua);
            }
        }
    }

    /// The teams (after's ids) a user's rules tell apart from the others:
    /// those scopes name, theirs, those they manage, those they hold a role
    /// for, in either engine.
    pub fn distinguished(&self, ub: u32, ua: u32) -> Vec<u32> {
        let mut out = self.named_a.clone();
        out.extend(self.named_b.iter().map(|&t| at(&self.teams_ba, t)));
        own_teams(self.a, ua, &mut out, |t| t);
        own_teams(self.b, ub, &mut out, |t| at(&self.teams_ba, t));
        out.retain(|&t| t != NONE);
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// A user's teams, managed teams and teams of their roles, mapped by `map`.
fn own_teams(e: &Engine, u: u32, out: &mut Vec<u32>, map: impl Fn(u32) -> u32) {
    let Some(user) = e.users.get(u as usize) else {
        return;
    };
    let lists = e
        .teams_of(user.teams)
        .iter()
        .chain(e.teams_of(user.managed));
    out.extend(lists.map(|&t| map(t)));
    for a in e.assigns.get(user.assigns.range()).unwrap_or(&[]) {
        if let Place::Team(t) = a.place {
            out.push(map(t));
        }
    }
}

/// Every team a scope names explicitly, of a grant or of an exemption.
fn named_teams(e: &Engine) -> Vec<u32> {
    let grants = e.grants.iter().chain(&e.direct).map(|g| g.scope);
    let exemptions = e.restrictions.iter().filter_map(|r| r.unless_scope);
    let mut out: Vec<u32> = grants
        .chain(exemptions)
        .flat_map(|s| e.teams_of(s.teams).iter().copied())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A user's primary (first) team, `NONE` when none.
pub(super) fn primary_team(e: &Engine, u: u32) -> u32 {
    e.users
        .get(u as usize)
        .and_then(|x| e.teams_of(x.teams).first())
        .copied()
        .unwrap_or(NONE)
}
