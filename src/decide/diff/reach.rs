//! One user's decisions in both engines: without context, at each unit, on
//! a record of each team and of each owner, and the restrictions that deny.
//!
//! Records are probed without a unit or attributes: `{ record: { team } }`
//! (no owner) and `{ record: { owner } }` (of the owner's primary team). A
//! record of team `t` without an owner is decided by the user's rules and
//! `t`'s settings only; a team the user's rules do not name (in a scope, as
//! their team, a team they manage or hold a role for) is decided as any
//! other team of the same settings, so one team per group is tried. A
//! record of an owner is decided by how the owner stands to the user (the
//! user, their manager, below them, a peer, anyone else) and the owner's
//! primary team: an owner who is "anyone else" in both, in the same team,
//! changes only when a record of that team without an owner does.

use super::matching::{at, primary_team, Pair};
use crate::compile::condition::RecordAttrs;
use crate::compile::Engine;
use crate::decide::answer::Code;
use crate::decide::check::Verdict;
use crate::decide::resolve::{ContextIds, RecordIds};
use crate::index::NONE;
use crate::snapshot::AttrValue;
use std::collections::BTreeMap;

/// The attributes of a probed record: none.
static NO_ATTRIBUTES: BTreeMap<String, AttrValue> = BTreeMap::new();

/// The decisions on records of one (user, permission) by owner, one per
/// (relation, owner's primary team): see [`Engine::owner_allowed`].
pub(super) struct Memo(Vec<Option<bool>>);

impl Memo {
    /// Nothing known yet, for engine `e`: 5 relations x (teams + no team).
    fn of(e: &Engine) -> Memo {
        Memo(vec![None; 5 * (e.snap.org.teams.len() + 1)])
    }
}

/// A record of a team (after's id; `NONE`: of no team), decided in both.
pub(super) struct TeamProbe {
    pub team: u32,
    /// The group it stands for (teams the user's rules do not name).
    pub group: Option<usize>,
    pub before: Verdict,
    pub after: Verdict,
}

impl Engine {
    /// The decision on a record of `owner` and `team` (either `NONE`).
    pub(super) fn probe(&self, user: u32, perm: u32, owner: u32, team: u32) -> Verdict {
        let record = RecordIds {
            owner,
            team,
            unit: NONE,
            attributes: RecordAttrs::Map(&NO_ATTRIBUTES),
        };
        let ids = ContextIds {
            unit: NONE,
            team: NONE,
            record: Some(record),
        };
        self.decide_ids(user, perm, &ids)
    }

    /// The decision without a record, at `unit` (`NONE`: no context).
    pub(super) fn plain(&self, user: u32, perm: u32, unit: u32) -> Verdict {
        let ids = ContextIds {
            unit,
            team: NONE,
            record: None,
        };
        self.decide_ids(user, perm, &ids)
    }

    fn decide_ids(&self, user: u32, perm: u32, ids: &ContextIds<'_>) -> Verdict {
        match self.resolve(ids) {
            Some(c) => self.decide(user, perm, &c),
            None => Verdict::code(Code::UnknownContext),
        }
    }

    /// How `o` stands to `u`: 0 the user, 1 their manager, 2 below them, 3 a
    /// peer, 4 anyone else (the order the scopes are tried in).
    fn relation(&self, u: u32, o: u32) -> u8 {
        let manager = |x: u32| self.users.get(x as usize).map_or(NONE, |x| x.manager);
        let mine = manager(u);
        if o == u {
            0
        } else if mine == o && o != NONE {
            1
        } else if self.reports.below(o, u) {
            2
        } else if mine != NONE && manager(o) == mine {
            3
        } else {
            4
        }
    }

    /// Whether a record of `o` is allowed, remembered in `memo` by how `o`
    /// stands to `u` and `o`'s team (what the decision reads of `o`).
    fn owner_allowed(&self, memo: &mut Memo, u: u32, p: u32, o: u32) -> bool {
        let teams = self.snap.org.teams.len();
        // The slot of (relation, team): teams by index, then no team.
        let slot = match primary_team(self, o) {
            NONE => Some(teams),
            t => ((t as usize) < teams).then_some(t as usize),
        }
        .map(|t| usize::from(self.relation(u, o)) * (teams + 1) + t);
        let cell = slot.and_then(|i| memo.0.get_mut(i));
        match cell {
            Some(Some(known)) => *known,
            Some(cell) => *cell.insert(self.probe(u, p, o, NONE).allowed()),
            None => self.probe(u, p, o, NONE).allowed(),
        }
    }

    /// Pushes (mapped by `map`) everyone below `u`, and `u`'s peers.
    fn near(&self, u: u32, out: &mut Vec<u32>, map: impl Fn(u32) -> u32) {
        let next = |x: u32| self.next_report.get(x as usize).copied().unwrap_or(NONE);
        let first = |x: u32| self.first_report.get(x as usize).copied().unwrap_or(NONE);
        let mut stack = vec![first(u)];
        while let Some(x) = stack.pop() {
            // A reporting line that loops is below nothing; stop at the size.
            if x == NONE || out.len() > self.users.len() * 3 {
                continue;
            }
            out.push(map(x));
            stack.push(next(x));
            stack.push(first(x));
        }
        let manager = self.users.get(u as usize).map_or(NONE, |x| x.manager);
        if manager != NONE {
            out.push(map(manager));
            let mut x = first(manager);
            while x != NONE && out.len() <= self.users.len() * 3 {
                out.push(map(x));
                x = next(x);
            }
        }
    }
}

impl Pair<'_> {
    /// A record of each team of both (one per group of teams `dist` does
    /// not hold) and of no team, decided in both.
    pub fn team_probes(&self, ub: u32, ua: u32, pb: u32, pa: u32, dist: &[u32]) -> Vec<TeamProbe> {
        let probe = |ta: u32, group| TeamProbe {
            team: ta,
            group,
            before: self.b.probe(ub, pb, NONE, at(&self.teams_ab, ta)),
            after: self.a.probe(ua, pa, NONE, ta),
        };
        let named = dist.iter().filter(|&&t| at(&self.teams_ab, t) != NONE);
        let mut out: Vec<TeamProbe> = named.map(|&t| probe(t, None)).collect();
        for (g, teams) in self.groups.iter().enumerate() {
            if let Some(&t) = teams.iter().find(|t| dist.binary_search(t).is_err()) {
                out.push(probe(t, Some(g)));
            }
        }
        out.push(TeamProbe {
            team: NONE,
            group: None,
            before: self.b.probe(ub, pb, NONE, NONE),
            after: self.a.probe(ua, pa, NONE, NONE),
        });
        out
    }

    /// The teams (after's ids, in order) whose records without an owner
    /// are allowed in one engine and not the other: (gained, lost).
    pub fn team_changes(&self, probes: &[TeamProbe], dist: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let (mut gained, mut lost) = (Vec::new(), Vec::new());
        for p in probes.iter().filter(|p| p.team != NONE) {
            let out = match (p.before.allowed(), p.after.allowed()) {
                (false, true) => &mut gained,
                (true, false) => &mut lost,
                _ => continue,
            };
            match p.group.and_then(|g| self.groups.get(g)) {
                Some(teams) => out.extend(teams.iter().filter(|t| dist.binary_search(t).is_err())),
                None => out.push(p.team),
            }
        }
        gained.sort_unstable();
        lost.sort_unstable();
        (gained, lost)
    }

    /// The owners (after's ids, in order) whose records are allowed in one
    /// engine and not the other: (gained, lost). `changed` are the teams
    /// (`NONE`: no team) whose records without an owner changed.
    pub fn owner_changes(
        &self,
        who: (u32, u32),
        perm: (u32, u32),
        changed: &[u32],
    ) -> (Vec<u32>, Vec<u32>) {
        let ((ub, ua), (pb, pa)) = (who, perm);
        let mut candidates = vec![ua, at(&self.users_ba, ub)];
        self.a.near(ua, &mut candidates, |x| x);
        self.b.near(ub, &mut candidates, |x| at(&self.users_ba, x));
        candidates.extend(&self.moved);
        for &t in changed {
            let slot = if t == NONE {
                self.members.len() - 1
            } else {
                t as usize
            };
            candidates.extend(self.members.get(slot).into_iter().flatten());
        }
        candidates.retain(|&x| x != NONE);
        candidates.sort_unstable();
        candidates.dedup();
        let (mut memo_b, mut memo_a) = (Memo::of(self.b), Memo::of(self.a));
        let (mut gained, mut lost) = (Vec::new(), Vec::new());
        for oa in candidates {
            let ob = at(&self.users_ab, oa);
            if ob == NONE {
                continue;
            }
            let before = self.b.owner_allowed(&mut memo_b, ub, pb, ob);
            let after = self.a.owner_allowed(&mut memo_a, ua, pa, oa);
            match (before, after) {
                (false, true) => gained.push(oa),
                (true, false) => lost.push(oa),
                _ => {}
            }
        }
        (gained, lost)
    }
}
