//! `Engine::filter`: the decision on every record at once, as a
//! [`Filter`] a record meets exactly when [`Engine::can`] allows it.
//!
//! The check on a record reads its owner, its team (its own, else its
//! owner's primary team), its unit (else the context's) and its
//! attributes. The record's team is the one thing read in two ways (by
//! team scopes, and through the effective team by team places and team
//! settings), so the filter is worked out once per team the record can be
//! of (and for no team), records of teams that get the same filter
//! grouped; everything else becomes sets of owners and units, and tests
//! of attributes with the user's, the org's and the team's values filled in.

use super::context::Context;
use super::filter::{AttrTest, Field, Filter, Term};
use crate::compile::compiled::{self, level, Place, Scope};
use crate::compile::condition::{Cond, Env, Operand, RecordAttrs};
use crate::compile::Engine;
use crate::index::{Source, NONE};
use crate::snapshot::AttrValue;
use std::collections::BTreeMap;

/// What one filter is worked out for.
struct Ask<'a> {
    user: u32,
    perm: u32,
    /// The context's unit and team (`NONE`: none).
    unit: u32,
    team: u32,
    /// The owners each owner-scope level reaches: own, subordinates,
    /// peers, manager.
    owners: [Vec<u32>; 4],
    empty: &'a BTreeMap<String, AttrValue>,
}

impl Engine {
    /// Which records `user` may do `permission` on in `ctx`: a [`Filter`]
    /// a record meets exactly when `can(user, permission, ctx with that
    /// record)` is true. `ctx` gives the check's unit and team (the
    /// record's own, when it has one, win as in a check); a record in it
    /// is ignored. Unknown users, permissions and context names give
    /// [`Filter::False`]; records naming an owner, team or unit the
    /// snapshot lacks never match (as checks deny them).
    ///
    /// ```
    /// use rolegate::{Context, Engine, Filter, ToJson};
    /// let gate = Engine::from_json(r#"{"model": {"permissions": [{"id": "calls.view", "label": "View", "record": true}],
    ///   "roles": [{"id": "rep", "label": "Rep", "grants": [{"permission": "calls.view", "scope": ["own"]}]}]},
    ///   "org": {"users": [{"id": "ada", "roles": [{"role": "rep"}]}]}}"#).unwrap();
    /// let f = gate.filter("ada", "calls.view", &Context::default());
    /// // Her own records; the org has no teams or units, so a record naming one is unknown.
    /// let own = r#"{"all":[{"owner":{"in":["ada"]}},{"team":{"present":false}},{"unit":{"present":false}}]}"#;
    /// assert_eq!(f.to_json(), own);
    /// assert_eq!(gate.filter("nobody", "calls.view", &Context::default()), Filter::False);
    /// ```
    pub fn filter(&self, user: &str, permission: &str, ctx: &Context) -> Filter {
        let (Some(u), Some(p)) = (self.names.users.get(user), self.names.perms.get(permission))
        else {
            return Filter::False;
        };
        let id = |name: &Option<String>, of: super::resolve::IdOf| match name {
            None => Some(NONE),
            Some(n) => of(self, n),
        };
        let (Some(unit), Some(team)) = (
            id(&ctx.unit, Engine::unit_id),
            id(&ctx.team, Engine::team_id),
        ) else {
            return Filter::False;
        };
        let empty = BTreeMap::new();
        let ask = Ask {
            owners: self.scope_owners(u),
            user: u,
            perm: p,
            unit,
            team,
            empty: &empty,
        };
        let body = self.by_record_team(&ask);
        let mut parts = vec![body];
        for (field, count) in [
            (Field::Owner, self.users.len()),
            (Field::Team, self.snap.org.teams.len()),
            (Field::Unit, self.snap.org.units.len()),
        ] {
            if !parts.iter().any(|t| t.closes(field)) {
                parts.push(known(field, count));
            }
        }
        self.named(Term::all(parts))
    }

    /// The filter, worked out for each team a record can be of (and none),
    /// records of teams with the same filter grouped.
    fn by_record_team(&self, ask: &Ask<'_>) -> Term {
        let teams = self.snap.org.teams.len() as u32;
        let mut groups: Vec<(Term, Vec<u32>)> = Vec::new();
        for r in (0..teams).chain([NONE]) {
            let body = self.on_record_team(ask, r);
            match groups.iter_mut().find(|(b, _)| *b == body) {
                Some((_, rs)) => rs.push(r),
                None => groups.push((body, vec![r])),
            }
        }
        if let [(body, _)] = groups.as_slice() {
            // The same whatever the team: only known teams are asked for.
            return body.clone();
        }
        let cases = groups
            .into_iter()
            .map(|(body, rs)| Term::all(vec![self.record_team_in(&rs), body]));
        Term::any(cases.collect())
    }

    /// The record's team (its own, else its owner's primary team) is one
    /// of `rs` (`NONE`: none).
    fn record_team_in(&self, rs: &[u32]) -> Term {
        let teams: Vec<u32> = rs.iter().copied().filter(|&r| r != NONE).collect();
        let primary = (0..self.users.len() as u32)
            .filter(|&o| teams.contains(&self.primary_team(o)))
            .collect();
        let mut cases = vec![
            Term::team(teams),
            Term::all(vec![Term::Absent(Field::Team), Term::owner(primary)]),
        ];
        if rs.contains(&NONE) {
            let teamless = (0..self.users.len() as u32)
                .filter(|&o| self.primary_team(o) == NONE)
                .collect();
            let owner = Term::any(vec![Term::Absent(Field::Owner), Term::owner(teamless)]);
            cases.push(Term::all(vec![Term::Absent(Field::Team), owner]));
        }
        Term::any(cases)
    }

    /// The filter on records whose team is `r` (`NONE`: none), so whose
    /// effective team is `r`, else the context's.
    fn on_record_team(&self, ask: &Ask<'_>, r: u32) -> Term {
        let (Some(u), Some(p)) = (
            self.users.get(ask.user as usize),
            self.perms.get(ask.perm as usize),
        ) else {
            return Term::False;
        };
        if !p.enabled || p.seat != NONE && u.seats & 1u64.checked_shl(p.seat).unwrap_or(0) == 0 {
            return Term::False;
        }
        let team = if r != NONE { r } else { ask.team };
        let env = Env {
            user: self.user_attributes(ask.user),
            record: RecordAttrs::Map(ask.empty),
            strings: &self.strings.list,
            org: Some(&self.snap.org.settings),
            team_open: None,
            team_required: false,
            team: self.snap.org.teams.get(team as usize).map(|t| &t.settings),
        };
        let on = On { ask, r, team, env };
        let restricted = self.restricts.get(p.restrictions.range()).unwrap_or(&[]);
        let denied = restricted
            .iter()
            .filter_map(|&ri| self.restrictions.get(ri as usize))
            .map(|x| self.restriction_denies(&on, x));
        let denied = Term::any(denied.collect());
        Term::all(vec![Term::not(denied), self.granted(&on, u)])
    }

    /// Some grant (of a role held where the record is, or the user's own)
    /// allows the record.
    fn granted(&self, on: &On<'_>, u: &compiled::User) -> Term {
        let mut any = Vec::new();
        let held = self.assigns.get(u.assigns.range()).unwrap_or(&[]);
        for a in held {
            let place = self.place_term(on, a.place);
            if place == Term::False {
                continue;
            }
            for gi in self.role_grant_span(a.role, on.ask.perm).range() {
                // INVARIANT: role grant spans lie within `grants`.
                if let Some(g) = self.grants.get(gi) {
                    any.push(Term::all(vec![place.clone(), self.grant_term(on, g)]));
                }
            }
        }
        for gi in self.direct_for(u.direct, on.ask.perm) {
            if let Some(g) = self.direct.get(gi) {
                any.push(self.grant_term(on, g));
            }
        }
        Term::any(any)
    }

    fn grant_term(&self, on: &On<'_>, g: &compiled::Grant) -> Term {
        let cond = match self.conds.get(g.cond as usize) {
            Some(k) => self.cond_term(on, k),
            None => Term::True,
        };
        Term::all(vec![self.scope_term(on, &g.scope), cond])
    }

    /// Restriction `x` binds the record and no exemption applies.
    fn restriction_denies(&self, on: &On<'_>, x: &compiled::Restriction) -> Term {
        let roles = x
            .unless_roles
            .iter()
            .any(|&role| self.holds_role(on.ask.user, role));
        let scope = x
            .unless_scope
            .map_or(Term::False, |s| self.scope_term(on, &s));
        let when = x
            .unless_when
            .as_ref()
            .map_or(Term::False, |k| self.cond_term(on, k));
        let exempt = Term::any(vec![Term::of(roles), scope, when]);
        Term::all(vec![self.cond_term(on, &x.when), Term::not(exempt)])
    }

    /// An assignment held at `at` applies to the record: its unit (else
    /// the context's) at or below the assignment's, or its effective team
    /// the assignment's.
    fn place_term(&self, on: &On<'_>, at: Place) -> Term {
        match at {
            Place::Org => Term::True,
            Place::Team(t) => Term::of(on.team == t),
            Place::Unit(top) => {
                let below = (0..self.snap.org.units.len() as u32)
                    .filter(|&x| self.units.within(x, top))
                    .collect();
                let here = on.ask.unit != NONE && self.units.within(on.ask.unit, top);
                let absent = if here {
                    Term::Absent(Field::Unit)
                } else {
                    Term::False
                };
                Term::any(vec![Term::unit(below), absent])
            }
        }
    }

    /// The record is within `scope` of the user: its owner one the scope
    /// reaches, or its team one the scope names.
    fn scope_term(&self, on: &On<'_>, scope: &Scope) -> Term {
        if scope.is_all() {
            return Term::True;
        }
        let m = scope.mask;
        let bits = [
            level::OWN,
            level::SUBORDINATES,
            level::PEERS,
            level::MANAGER,
        ];
        let owners = bits
            .iter()
            .zip(&on.ask.owners)
            .filter(|(bit, _)| m & **bit != 0)
            .flat_map(|(_, owners)| owners.iter().copied());
        let u = self.users.get(on.ask.user as usize);
        let of = |bit: u8, span: Option<compiled::Span>| match (m & bit != 0, span) {
            (true, Some(span)) => self.teams_of(span),
            _ => &[],
        };
        let mine = of(level::TEAM, u.map(|u| u.teams));
        let managed = of(level::MANAGED_TEAMS, u.map(|u| u.managed));
        let team = on.r != NONE
            && (self.teams_of(scope.teams).contains(&on.r)
                || mine.contains(&on.r)
                || managed.contains(&on.r));
        Term::any(vec![Term::owner(owners.collect()), Term::of(team)])
    }

    /// The owners each owner level of a scope reaches (own, subordinates,
    /// peers, manager), as checks decide them.
    fn scope_owners(&self, user: u32) -> [Vec<u32>; 4] {
        let manager = self.users.get(user as usize).map_or(NONE, |u| u.manager);
        let everyone = 0..self.users.len() as u32;
        let below = everyone.clone().filter(|&x| self.reports.below(x, user));
        let peers = everyone.filter(|&x| {
            x != user
                && manager != NONE
                && self
                    .users
                    .get(x as usize)
                    .is_some_and(|o| o.manager == manager)
        });
        let boss = if manager != NONE {
            vec![manager]
        } else {
            Vec::new()
        };
        [vec![user], below.collect(), peers.collect(), boss]
    }

    /// A condition as a test of the record's attributes, with every other
    /// value (the user's, the org's, the effective team's) filled in.
    fn cond_term(&self, on: &On<'_>, k: &Cond) -> Term {
        if !k.reads(crate::compile::condition::Reads::Record(None)) {
            return Term::of(k.holds(&on.env));
        }
        match k {
            Cond::All(cs) => Term::all(cs.iter().map(|c| self.cond_term(on, c)).collect()),
            Cond::Any(cs) => Term::any(cs.iter().map(|c| self.cond_term(on, c)).collect()),
            Cond::Not(c) => Term::not(self.cond_term(on, c)),
            Cond::Eq(p, v) => attr(p, AttrTest::Eq(v.clone())),
            Cond::In(p, vs) => attr(p, AttrTest::In(vs.clone())),
            Cond::Present(p, want) => attr(p, AttrTest::Present(*want)),
            Cond::EqAttr(p, q) => match (on.value(p), on.value(q)) {
                (Err(()), Err(())) => attr(p, AttrTest::EqAttr(q.path.key.clone())),
                (Err(()), Ok(c)) => c.map_or(Term::False, |c| attr(p, AttrTest::Eq(c.clone()))),
                (Ok(c), _) => c.map_or(Term::False, |c| attr(q, AttrTest::Eq(c.clone()))),
            },
            Cond::InAttr(p, q) => match (on.value(p), on.value(q)) {
                (Err(()), Err(())) => attr(p, AttrTest::InAttr(q.path.key.clone())),
                (Err(()), Ok(c)) => c.map_or(Term::False, |c| in_value(p, c)),
                (Ok(c), _) => c.map_or(Term::False, |c| has_value(q, c)),
            },
        }
    }

    /// The filter with names for ids.
    fn named(&self, t: Term) -> Filter {
        let users =
            |ids: Vec<u32>| self.ids_named(ids, |i| self.snap.org.users.get(i).map(|u| &u.id));
        let teams =
            |ids: Vec<u32>| self.ids_named(ids, |i| self.snap.org.teams.get(i).map(|t| &t.id));
        let units = |ids: &[u32]| {
            self.ids_named(ids.to_vec(), |i| self.snap.org.units.get(i).map(|u| &u.id))
        };
        let many = |ts: Vec<Term>| ts.into_iter().map(|t| self.named(t)).collect();
        match t {
            Term::True => Filter::True,
            Term::False => Filter::False,
            Term::Any(ts) => Filter::Any(many(ts)),
            Term::All(ts) => Filter::All(many(ts)),
            Term::Not(t) => Filter::Not(Box::new(self.named(*t))),
            Term::Owner(ids) => Filter::OwnerIn(users(ids)),
            Term::Team(ids) => Filter::TeamIn(teams(ids)),
            Term::Unit(ids) => {
                // The tops: the units whose parent is not in the set.
                let tops: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&x| !ids.iter().any(|&y| y != x && self.units.within(x, y)))
                    .collect();
                Filter::UnitWithin {
                    within: units(&tops),
                    units: units(&ids),
                }
            }
            Term::Absent(f) => Filter::Absent(f),
            Term::Attr(key, test) => Filter::Attr { key, test },
        }
    }

    fn ids_named<'a>(
        &'a self,
        ids: Vec<u32>,
        name: impl Fn(usize) -> Option<&'a String>,
    ) -> Vec<String> {
        ids.into_iter()
            .filter_map(|i| name(i as usize).cloned())
            .collect()
    }
}

/// One case of a filter: the record's team `r` (`NONE`: none) and the
/// effective team `team` it makes, with the values a condition reads.
struct On<'a> {
    ask: &'a Ask<'a>,
    r: u32,
    team: u32,
    env: Env<'a>,
}

impl<'a> On<'a> {
    /// The value at `p` (`Ok(None)`: absent); `Err` for a record attribute.
    fn value(&self, p: &Operand) -> Result<Option<&'a AttrValue>, ()> {
        let map = match p.path.source {
            Source::Record => return Err(()),
            Source::User => self.env.user,
            Source::Org => self.env.org,
            Source::Team => self.env.team,
        };
        Ok(map.and_then(|m| m.get(p.path.key.as_str())))
    }
}

/// A test of the record attribute at `p`.
fn attr(p: &Operand, test: AttrTest) -> Term {
    Term::Attr(p.path.key.clone(), test)
}

/// Record attribute `p` is in the value `c` (as `inAttr` tests it).
fn in_value(p: &Operand, c: &AttrValue) -> Term {
    match c {
        AttrValue::List(items) => {
            let items = items.iter().map(|i| AttrValue::Str(i.clone())).collect();
            attr(p, AttrTest::In(items))
        }
        c => attr(p, AttrTest::Eq(c.clone())),
    }
}

/// The value `c` is in record attribute `q` (as `inAttr` tests it): a list
/// shares an item with `q`, which is a list too; a value is `q` or one of
/// its items.
fn has_value(q: &Operand, c: &AttrValue) -> Term {
    match c {
        AttrValue::List(items) => {
            let strs: Vec<AttrValue> = items.iter().map(|i| AttrValue::Str(i.clone())).collect();
            let scalar = strs
                .iter()
                .map(|s| attr(q, AttrTest::Eq(s.clone())))
                .collect();
            Term::all(vec![
                attr(q, AttrTest::In(strs)),
                Term::not(Term::any(scalar)),
            ])
        }
        c => attr(q, AttrTest::In(vec![c.clone()])),
    }
}

/// The record names a known `field` (`count` of them), or none.
fn known(field: Field, count: usize) -> Term {
    let all = (0..count as u32).collect();
    let set = match field {
        Field::Owner => Term::owner(all),
        Field::Team => Term::team(all),
        Field::Unit => Term::unit(all),
    };
    Term::any(vec![Term::Absent(field), set])
}
