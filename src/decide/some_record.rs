//! A check without a record: "may do it on some record". The decision of
//! [`crate::decide::check`] judges each rule on its own (a scope that some
//! record falls in, a condition some record meets, a restriction that does
//! not bind every record); that is the answer when it holds on every record
//! or denies. When it allows on some records only, rules that each hold
//! for some record may never hold for the same one (a grant for records of
//! team A, a restriction on every record not of team B), so a record that
//! the whole decision allows is looked for: among the few that can tell the
//! rules apart (each kind of owner, each team, each unit the user's roles
//! are held at, and each record attribute absent, unlike anything, or equal
//! to a value a rule compares it with), each decided as a check with that
//! record is. The search is bounded ([`MAX_RECORDS`]); past it, the rules'
//! own answer stands.

use super::answer::Code;
use super::check::Verdict;
use super::resolve::Resolved;
use crate::compile::compiled::{Place, RecordRestricted};
use crate::compile::condition::{Cases, Cond, Env, Reads, RecordAttrs, Truth, Val};
use crate::compile::Engine;
use crate::index::NONE;

/// Most records a check without a record tries.
const MAX_RECORDS: usize = 20_000;
/// Most units and teams tried (each one a record may be of).
const MAX_PLACES: usize = 64;

impl Engine {
    /// Verdict `v`, an allow without a record, if some record is allowed
    /// (`v`, or the allow on the record found); else the closest denial.
    pub(crate) fn on_some_record(
        &self,
        user: u32,
        perm: u32,
        c: &Resolved<'_>,
        v: Verdict,
    ) -> Verdict {
        // Each rule judged on its own is the answer unless a restriction
        // binds some records (scopes, places and each condition were judged
        // exactly, on the records they can reach; see `Cond::truth`).
        let grant_cond = || {
            let g = self.grant_of(v.grant);
            g.and_then(|g| self.conds.get(g.cond as usize))
        };
        match self.perms.get(perm as usize).map(|p| p.record_restricted) {
            None | Some(RecordRestricted::No) => return v,
            // The common case, decided without evaluating anything.
            Some(RecordRestricted::Avoidably(ri)) => {
                let r = self.restrictions.get(ri as usize);
                let shared = |k: &Cond| r.is_some_and(|r| r.when.shares_record_attributes(k));
                if !grant_cond().is_some_and(shared) {
                    return v;
                }
            }
            Some(RecordRestricted::Yes) => {}
        }
        let env = self.env(user, c);
        let mut binding = self.partly_binding(user, perm, &env);
        let Some(first) = binding.next() else {
            return v;
        };
        if binding.next().is_none() && self.avoidable(first, v, &env) {
            return v;
        }
        self.find_record(user, perm, c).unwrap_or(v)
    }

    /// Whether some record on which allow `v`'s grant applies escapes
    /// restriction `ri`, without looking for one: the restriction's trigger
    /// is false on some records, and what it reads (record attributes, no
    /// team setting) the grant does not.
    fn avoidable(&self, ri: u32, v: Verdict, env: &Env<'_>) -> bool {
        let Some(r) = self.restrictions.get(ri as usize) else {
            return false;
        };
        let grant_cond = self
            .grant_of(v.grant)
            .and_then(|g| self.conds.get(g.cond as usize));
        r.when_truth(env, false) == Truth::Unknown
            && !r.when.reads(Reads::Team)
            && grant_cond.is_none_or(|k| !r.when.shares_record_attributes(k))
    }

    /// Whether allow `v` (without a record) holds on every record: its grant
    /// reaches all records, unconditionally or whatever the record, through
    /// a role that applies here whatever the record's place, and no
    /// restriction on the permission could bind a record.
    pub(crate) fn on_every_record(
        &self,
        user: u32,
        perm: u32,
        c: &Resolved<'_>,
        v: Verdict,
    ) -> bool {
        let Some(g) = self.grant_of(v.grant) else {
            return false;
        };
        let place_open = self
            .assigns
            .get(v.assign as usize)
            .is_some_and(|a| place_open(a.place, c));
        if !g.scope.is_all() || place_open {
            return false;
        }
        // The common case, decided without evaluating anything: a
        // condition (and restrictions) that do not read the record were
        // judged exactly, and allowed.
        let cond = self
            .conds
            .get(g.cond as usize)
            .filter(|k| k.reads_a_record());
        let restricted = self
            .perms
            .get(perm as usize)
            .is_some_and(|p| p.record_restricted != RecordRestricted::No);
        if cond.is_none() && !restricted {
            return true;
        }
        let env = self.env(user, c);
        cond.is_none_or(|k| k.truth(&env) == Truth::True)
            && self.partly_binding(user, perm, &env).next().is_none()
    }

    /// The restrictions on `perm` that could bind some record (their trigger
    /// could hold and no exemption applies to every record), by index.
    pub(crate) fn partly_binding<'e>(
        &'e self,
        user: u32,
        perm: u32,
        env: &'e Env<'e>,
    ) -> impl Iterator<Item = u32> + 'e {
        let range = self
            .perms
            .get(perm as usize)
            .map(|p| p.restrictions.range());
        let on_perm = range.and_then(|r| self.restricts.get(r)).unwrap_or(&[]);
        on_perm.iter().copied().filter(move |&ri| {
            self.restrictions.get(ri as usize).is_some_and(|r| {
                let exempt_always = r.unless_roles.iter().any(|&x| self.holds_role(user, x))
                    || r.unless_scope.is_some_and(|s| s.is_all())
                    || r.unless_truth(env, false) == Some(Truth::True);
                r.when_truth(env, false).possible() && !exempt_always
            })
        })
    }

    /// A record on which `user` may do `perm`, looked for among those that
    /// tell the rules apart: `Some` allow on it, `Some` closest denial when
    /// none is, `None` when there are too many to try.
    fn find_record(&self, user: u32, perm: u32, c: &Resolved<'_>) -> Option<Verdict> {
        let u = self.users.get(user as usize)?;
        let env = self.env(user, c);
        let mut cases = Cases::default();
        Cond::cases_of(|| self.rules_of(user, perm), &env, &mut cases)?;
        let (report, peer) = self.representatives(user);
        let owners = [user, report, peer, u.manager, NONE];
        // A record of the context's team or unit says so; else any, or none
        // (whether there are too many is the org's count, also in a slice).
        let team_count = self.snap.org.teams.len();
        let teams = match c.team {
            NONE if self.org_teams <= MAX_PLACES => 0..team_count as u32 + 1,
            NONE => return None,
            t => t..t + 1,
        };
        let mut units = [NONE; MAX_PLACES];
        let mut unit_count = 1;
        if c.unit == NONE {
            for a in self.assigns.get(u.assigns.range()).unwrap_or(&[]) {
                if let Place::Unit(top) = a.place {
                    *units.get_mut(unit_count)? = top;
                    unit_count += 1;
                }
            }
        }
        let units = units.get(..unit_count)?;
        let records = cases.records();
        let team_cases = match c.team {
            NONE => self.org_teams.saturating_add(1),
            _ => 1,
        };
        let total = records
            .saturating_mul(owners.len())
            .saturating_mul(team_cases)
            .saturating_mul(units.len());
        if total > MAX_RECORDS {
            return None;
        }
        let mut closest = Verdict::code(Code::NoGrant);
        for owner in owners {
            for team in teams.clone() {
                for &unit in units {
                    for n in 0..records {
                        let attrs = cases.record(n);
                        let picked = attrs.0.get(..attrs.1).unwrap_or_default();
                        let record = self.record_at(c, owner, team, unit, picked);
                        let w = self.decide_with(user, perm, &record, true);
                        if w.allowed() {
                            return Some(w);
                        }
                        if rank(w.code) > rank(closest.code) {
                            closest = w;
                        }
                    }
                }
            }
        }
        Some(closest)
    }

    /// The owners a search for some record tries besides `user` and their
    /// manager: their first report and a peer (`NONE`: none). For a slice's
    /// user, the full engine's (their stand-in when out of reach).
    pub(crate) fn representatives(&self, user: u32) -> (u32, u32) {
        if let Some(r) = self.representatives.filter(|r| r.user == user) {
            return (r.report, r.peer);
        }
        let first = |m: u32| self.first_report.get(m as usize).copied().unwrap_or(NONE);
        let next = |r: u32| self.next_report.get(r as usize).copied().unwrap_or(NONE);
        let manager = self.users.get(user as usize).map_or(NONE, |u| u.manager);
        let peer = match manager {
            NONE => NONE,
            m => [first(m), next(first(m))]
                .into_iter()
                .find(|&r| r != user)
                .unwrap_or(NONE),
        };
        (first(user), peer)
    }

    /// Context `c` with a record owned by `owner` (`NONE`: nobody), of team
    /// `team` (when `team` is past the last team: of its owner's primary
    /// team), at `unit` (`NONE`: the context's), with attributes `attrs`.
    fn record_at<'a>(
        &self,
        c: &Resolved<'a>,
        owner: u32,
        team: u32,
        unit: u32,
        attrs: &'a [(u32, Option<Val<'a>>)],
    ) -> Resolved<'a> {
        let primary = || {
            let u = self.users.get(owner as usize);
            u.and_then(|u| self.teams_of(u.teams).first().copied())
        };
        let record_team = match team as usize {
            t if t < self.snap.org.teams.len() => team,
            _ => primary().unwrap_or(NONE),
        };
        Resolved {
            unit: if unit == NONE { c.unit } else { unit },
            team: if record_team == NONE {
                c.team
            } else {
                record_team
            },
            has_record: true,
            owner,
            record_team,
            attrs: RecordAttrs::Picked(attrs),
        }
    }

    /// The conditions of the rules a check of `perm` by `user` reads: the
    /// restrictions on it and the grants of it the user holds.
    fn rules_of(&self, user: u32, perm: u32) -> impl Iterator<Item = &Cond> + '_ {
        let u = self.users.get(user as usize);
        let range = self
            .perms
            .get(perm as usize)
            .map(|p| p.restrictions.range());
        let on_perm = range.and_then(|r| self.restricts.get(r)).unwrap_or(&[]);
        let restrictions = on_perm
            .iter()
            .filter_map(|&r| self.restrictions.get(r as usize))
            .flat_map(|r| std::iter::once(&r.when).chain(r.unless_when.as_ref()));
        let held = u
            .and_then(|u| self.assigns.get(u.assigns.range()))
            .unwrap_or(&[]);
        let role_grants = held
            .iter()
            .flat_map(move |a| self.role_grant_span(a.role, perm).range())
            .filter_map(|gi| self.grants.get(gi));
        let direct = u
            .map(|u| self.direct_for(u.direct, perm))
            .unwrap_or(0..0)
            .filter_map(|gi| self.direct.get(gi));
        let conds = role_grants
            .chain(direct)
            .filter_map(|g| self.conds.get(g.cond as usize));
        restrictions.chain(conds)
    }
}

/// Whether a role held at `place` applies to some records only, without a
/// record: the context leaves open the unit (or team) it is held at.
pub(crate) fn place_open(place: Place, c: &Resolved<'_>) -> bool {
    match place {
        Place::Org => false,
        Place::Unit(_) => c.unit == NONE,
        Place::Team(_) => c.team == NONE,
    }
}

/// How close a denial came to allowing: a restriction over a grant that
/// allows, over a condition that fails, over a record out of scope.
fn rank(code: Code) -> u8 {
    match code {
        Code::Restricted => 4,
        Code::ConditionFailed => 3,
        Code::OutOfScope => 2,
        Code::NoGrant => 1,
        _ => 0,
    }
}
