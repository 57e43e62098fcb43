//! Cutting a user's slice out of a full engine: what their decisions can
//! tell apart ([`Reach`]), the snapshot of only that ([`Engine::reduced`]),
//! compiled and written as an image.
//!
//! Who is in reach, for user `u` (the README's "Serving slices" says the same):
//! - `u`, with their assignments, toggles, own grants and the attributes
//!   conditions read;
//! - with a `manager` or `peers` scope: their manager; with `peers`, their
//!   manager's other reports; with `subordinates`, everyone below them;
//! - with a team scope (their teams, the teams they manage, listed teams) or
//!   a role held for a team: the users whose primary team is one of those;
//!   with a role held for a team, also the users who have no team (a record
//!   of theirs without a team is of the context's team);
//! - when a condition reads a team's settings: every user and team (a
//!   record's team is its owner's primary team when it names none);
//! - the units at and below those where `u` holds a role.
//!
//! A restriction's message that names `{team}` or `{unit}` of a place out of
//! reach names it as the check does (the caller's id, not its label).
//!
//! The scopes are those of the grants `u` holds and of every restriction's
//! exemption. Everyone else is the stand-in user, their team the stand-in
//! team (or none, when no one out of reach has a team); every other unit the
//! stand-in unit.

use super::codec;
use super::image::{frame, SliceError};
use crate::compile::compiled::{level, Place};
use crate::compile::condition::{Cond, Reads};
use crate::compile::{Elsewhere, Engine, Representatives};
use crate::index::{AttrPath, Source, NONE};
use crate::snapshot::{self, AttrValue, Snapshot};
use std::collections::{BTreeMap, BTreeSet};

/// What one user's decisions can tell apart, by the full engine's ids.
struct Reach {
    users: Vec<bool>,
    teams: Vec<bool>,
    units: Vec<bool>,
}

/// The attribute keys conditions read, by source.
#[derive(Default)]
struct Keys {
    user: BTreeSet<String>,
    org: BTreeSet<String>,
    team: BTreeSet<String>,
}

impl Engine {
    /// The compact, versioned image of what user `user`'s decisions need
    /// (module docs): a [`super::ClientGate`] decides from it as this
    /// engine decides.
    ///
    /// ```
    /// # let text = r#"{"model":{"permissions":[{"id":"calls.view"}],"roles":[{"id":"rep","grants":[{"permission":"calls.view"}]}]},
    /// #   "org":{"users":[{"id":"ada","roles":[{"role":"rep"}]},{"id":"bob"}]}}"#;
    /// let engine = rolegate::Engine::from_json(text).unwrap();
    /// let bytes = engine.slice("ada").unwrap();
    /// let ada = rolegate::ClientGate::from_bytes(&bytes).unwrap();
    /// assert!(ada.can("calls.view", &Default::default()));
    /// assert!(engine.slice("nobody").is_err());
    /// ```
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn slice(&self, user: &str) -> Result<Vec<u8>, SliceError> {
        let u = self
            .names
            .users
            .get(user)
            .ok_or_else(|| SliceError::UnknownUser(user.to_owned()))?;
        let reach = self.slice_reach(u);
        let (snap, index) = self.reduced(u, &reach);
        let names = crate::index::Names::of(&snap);
        let mut cut = Engine::build(snap, names, self.closure.clone(), self.messages.clone());
        // The org-wide facts a slice keeps from the full engine.
        for (p, full) in cut.perms.iter_mut().zip(&self.perms) {
            p.direct = full.direct;
        }
        cut.org_teams = self.org_teams;
        cut.elsewhere = index.elsewhere;
        let (report, peer) = self.representatives(u);
        cut.representatives = Some(Representatives {
            user: index.user(u),
            report: index.user(report),
            peer: index.user(peer),
        });
        let body = codec::encode(&cut, index.user(u));
        Ok(frame(self.fingerprint, &body))
    }

    /// Every condition and scope `u`'s decisions read: the grants they hold
    /// and every restriction.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn rules_read(&self, u: u32) -> (u8, Vec<u32>, Vec<&Cond>) {
        let mut mask = 0u8;
        let mut teams = Vec::new();
        let mut conds = Vec::new();
        let user = self.users.get(u as usize);
        let held = user.map_or(&[][..], |x| self.held.get(x.held.range()).unwrap_or(&[]));
        let role_grants = held.iter().flat_map(|&r| {
            (0..self.perms.len() as u32).flat_map(move |p| self.role_grant_span(r, p).range())
        });
        let role_grants = role_grants.filter_map(|gi| self.grants.get(gi));
        let direct = user.map_or(&[][..], |x| {
            self.direct.get(x.direct.range()).unwrap_or(&[])
        });
        for g in role_grants.chain(direct) {
            mask |= g.scope.mask;
            teams.extend_from_slice(self.teams_of(g.scope.teams));
            conds.extend(self.conds.get(g.cond as usize));
        }
        for r in &self.restrictions {
            if let Some(s) = r.unless_scope {
                mask |= s.mask;
                teams.extend_from_slice(self.teams_of(s.teams));
            }
            conds.push(&r.when);
            conds.extend(r.unless_when.as_ref());
        }
        (mask, teams, conds)
    }

    /// What `u`'s decisions can tell apart (module docs).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn slice_reach(&self, u: u32) -> Reach {
        let org = &self.snap.org;
        let mut r = Reach {
            users: vec![false; self.users.len()],
            teams: vec![false; org.teams.len()],
            units: vec![false; org.units.len()],
        };
        let Some(user) = self.users.get(u as usize) else {
            return r;
        };
        let (mask, listed, conds) = self.rules_read(u);
        let team_read = conds.iter().any(|c| c.reads(Reads::Team));
        mark(&mut r.users, u);
        self.people_reached(u, mask, &mut r.users);
        // The teams whose records the user's scopes or places tell apart.
        let mut owned: Vec<u32> = listed;
        if mask & level::TEAM != 0 {
            owned.extend_from_slice(self.teams_of(user.teams));
        }
        if mask & level::MANAGED_TEAMS != 0 {
            owned.extend_from_slice(self.teams_of(user.managed));
        }
        let mut team_held = false;
        for a in self.assigns.get(user.assigns.range()).unwrap_or(&[]) {
            match a.place {
                Place::Team(t) => {
                    owned.push(t);
                    team_held = true;
                }
                Place::Unit(top) => {
                    for x in 0..org.units.len() as u32 {
                        if self.units.within(x, top) {
                            mark(&mut r.units, x);
                        }
                    }
                }
                Place::Org => {}
            }
        }
        let mine = self
            .teams_of(user.teams)
            .iter()
            .chain(self.teams_of(user.managed));
        for &t in owned.iter().chain(mine) {
            mark(&mut r.teams, t);
        }
        if !owned.is_empty() || team_read {
            for (x, o) in (0..).zip(&self.users) {
                let primary = self.teams_of(o.teams).first().copied();
                let teamless = team_held && primary.is_none();
                if team_read || teamless || primary.is_some_and(|t| owned.contains(&t)) {
                    mark(&mut r.users, x);
                }
            }
        }
        if team_read {
            r.teams.iter_mut().for_each(|t| *t = true);
        }
        r
    }

    /// Marks the people `u`'s scopes (by `mask`) reach by the reporting
    /// tree: their manager, peers and everyone below them.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn people_reached(&self, u: u32, mask: u8, users: &mut [bool]) {
        let manager = self.users.get(u as usize).map_or(NONE, |x| x.manager);
        if mask & (level::MANAGER | level::PEERS) != 0 {
            mark(users, manager);
        }
        let peers = mask & level::PEERS != 0 && manager != NONE;
        let below = mask & level::SUBORDINATES != 0;
        for (x, o) in (0..).zip(&self.users) {
            if (peers && o.manager == manager) || (below && self.reports.below(x, u)) {
                mark(users, x);
            }
        }
    }

    /// The attribute keys the model's conditions read, by source.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn keys_read(&self) -> Keys {
        let mut keys = Keys::default();
        let mut note = |p: &AttrPath| {
            let set = match p.source {
                Source::User => &mut keys.user,
                Source::Org => &mut keys.org,
                Source::Team => &mut keys.team,
                Source::Record => return,
            };
            set.insert(p.key.clone());
        };
        let restrictions = self.restrictions.iter();
        let all = self.conds.iter().chain(
            restrictions.flat_map(|r| std::iter::once(&r.when).chain(r.unless_when.as_ref())),
        );
        for c in all {
            c.paths(&mut note);
        }
        keys
    }

    /// The snapshot of what `reach` holds, with a stand-in for each kind of
    /// thing it leaves out, and how its ids map from the full engine's.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn reduced(&self, u: u32, reach: &Reach) -> (Snapshot, Index) {
        let keys = self.keys_read();
        let org = &self.snap.org;
        let mut index = Index::new(reach);
        let mut units: Vec<snapshot::Unit> = Vec::new();
        for (unit, _) in org.units.iter().zip(&reach.units).filter(|x| *x.1) {
            let parent = unit.parent.as_deref().filter(|p| {
                let p = self.names.units.get(p);
                p.is_some_and(|p| reach.units.get(p as usize) == Some(&true))
            });
            units.push(snapshot::Unit {
                id: unit.id.clone(),
                label: unit.label.clone(),
                parent: parent.map(str::to_owned),
            });
        }
        let (mut users, out_of_reach_in_a_team) = self.reduced_users(u, reach, &keys);
        // The stand-ins (`""`, an id no snapshot has): the team's where the
        // first team out of reach is (a search for "some record" tries the
        // teams in order, and those out of reach all decide alike), the
        // unit's and the user's last.
        let needs_team =
            out_of_reach_in_a_team || users.iter().any(|x| x.teams.iter().any(String::is_empty));
        let (teams, stand_in) = self.reduced_teams(u, reach, &keys, needs_team);
        index.elsewhere.team = stand_in;
        if index.elsewhere.unit != NONE {
            units.push(snapshot::Unit::default());
        }
        if index.elsewhere.user != NONE {
            users.push(snapshot::User {
                teams: out_of_reach_in_a_team
                    .then(String::new)
                    .into_iter()
                    .collect(),
                ..snapshot::User::default()
            });
        }
        let snap = Snapshot {
            model: self.snap.model.clone(),
            org: snapshot::Org {
                name: None,
                plan: org.plan.clone(),
                settings: only(&org.settings, &keys.org),
                seats: BTreeMap::new(),
                units,
                teams,
                users,
            },
        };
        (snap, index)
    }

    /// The teams in `reach`, in order, with the stand-in where the first
    /// team out of reach is (or last, when only `needs` it); and its index.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn reduced_teams(
        &self,
        u: u32,
        reach: &Reach,
        keys: &Keys,
        needs: bool,
    ) -> (Vec<snapshot::Team>, u32) {
        let org = &self.snap.org;
        let me = org
            .users
            .get(u as usize)
            .map(|x| x.id.clone())
            .unwrap_or_default();
        let managed = self
            .users
            .get(u as usize)
            .map_or(&[][..], |x| self.teams_of(x.managed));
        let mut stand_in = NONE;
        let mut teams: Vec<snapshot::Team> = Vec::new();
        for (i, team) in (0..).zip(&org.teams) {
            if reach.teams.get(i as usize) == Some(&true) {
                teams.push(snapshot::Team {
                    id: team.id.clone(),
                    label: team.label.clone(),
                    managers: managed
                        .contains(&i)
                        .then(|| me.clone())
                        .into_iter()
                        .collect(),
                    settings: only(&team.settings, &keys.team),
                });
            } else if stand_in == NONE {
                stand_in = teams.len() as u32;
                teams.push(snapshot::Team::default());
            }
        }
        if needs && stand_in == NONE {
            stand_in = teams.len() as u32;
            teams.push(snapshot::Team::default());
        }
        (teams, stand_in)
    }

    /// The users in `reach`: `u` with what is theirs, the others with their
    /// id, their manager (when in reach) and their primary team (the
    /// stand-in's when out of reach); and whether anyone out of reach has a
    /// team.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn reduced_users(&self, u: u32, reach: &Reach, keys: &Keys) -> (Vec<snapshot::User>, bool) {
        let org = &self.snap.org;
        let kept = |list: &[bool], i: u32| list.get(i as usize) == Some(&true);
        let mut users = Vec::new();
        let mut out_of_reach_in_a_team = false;
        for (i, (full, x)) in (0..).zip(org.users.iter().zip(&self.users)) {
            let primary = self.teams_of(x.teams).first().copied();
            if !kept(&reach.users, i) {
                out_of_reach_in_a_team |= primary.is_some();
                continue;
            }
            let manager = org
                .users
                .get(x.manager as usize)
                .filter(|_| kept(&reach.users, x.manager));
            let mut user = snapshot::User {
                id: full.id.clone(),
                manager: manager.map(|m| m.id.clone()),
                ..snapshot::User::default()
            };
            if i == u {
                user.teams = full.teams.clone();
                user.roles = full.roles.clone();
                user.toggles = full.toggles.clone();
                user.grants = full.grants.clone();
                user.attributes = only(&full.attributes, &keys.user);
            } else if let Some(t) = primary {
                let team = org.teams.get(t as usize).filter(|_| kept(&reach.teams, t));
                user.teams = vec![team.map(|t| t.id.clone()).unwrap_or_default()];
            }
            users.push(user);
        }
        (users, out_of_reach_in_a_team)
    }
}

/// The entries of `map` whose keys are in `keys`.
#[cfg_attr(rolegate_size, optimize(size))]
fn only(map: &BTreeMap<String, AttrValue>, keys: &BTreeSet<String>) -> BTreeMap<String, AttrValue> {
    map.iter()
        .filter(|(k, _)| keys.contains(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// Sets `list[i]` (nothing for `NONE`).
#[cfg_attr(rolegate_size, optimize(size))]
fn mark(list: &mut [bool], i: u32) {
    if let Some(x) = list.get_mut(i as usize) {
        *x = true;
    }
}

/// How a slice's ids map from the full engine's: each kept thing's new
/// index, and the stand-ins'.
struct Index {
    users: Vec<u32>,
    elsewhere: Elsewhere,
}

impl Index {
    #[cfg_attr(rolegate_size, optimize(size))]
    fn new(reach: &Reach) -> Index {
        let number = |kept: &[bool]| {
            let mut next = 0u32;
            let ids: Vec<u32> = kept
                .iter()
                .map(|&k| match k {
                    true => {
                        next += 1;
                        next - 1
                    }
                    false => NONE,
                })
                .collect();
            (ids, next, kept.iter().any(|&k| !k))
        };
        let (users, n_users, users_left) = number(&reach.users);
        let (_, n_teams, teams_left) = number(&reach.teams);
        let (_, n_units, units_left) = number(&reach.units);
        Index {
            users,
            elsewhere: Elsewhere {
                user: if users_left { n_users } else { NONE },
                team: if teams_left { n_teams } else { NONE },
                unit: if units_left { n_units } else { NONE },
            },
        }
    }

    /// The slice's index of full user `u`: its own, the stand-in's, or `NONE`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn user(&self, u: u32) -> u32 {
        match self.users.get(u as usize) {
            Some(&NONE) => self.elsewhere.user,
            Some(&i) => i,
            None => NONE,
        }
    }
}
