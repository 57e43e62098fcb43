//! The decision procedure: restrictions, then plan feature, then seat, then
//! grants; deny by default. Returns a small `Copy` verdict and allocates nothing.

use super::answer::Code;
use super::resolve::{ContextIds, Resolved};
use crate::compile::compiled::{self, level, Place, Scope, Span};
use crate::compile::condition::{Cond, Env, Reads, Truth};
use crate::compile::Engine;
use crate::index::NONE;
use crate::snapshot::AttrValue;
use std::collections::BTreeMap;

/// The outcome of a decision, with the ids an explanation needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub code: Code,
    /// The assignment (index into `Engine::assigns`) that decided, or `NONE`.
    pub assign: u32,
    /// The grant that decided (granted) or came closest (condition failed).
    pub grant: GrantRef,
    /// The restriction that denied, or `NONE`.
    pub restriction: u32,
}

/// Which grant list a grant index points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GrantRef {
    None,
    Role(u32),
    Direct(u32),
}

impl Verdict {
    pub(crate) fn code(code: Code) -> Verdict {
        Verdict {
            code,
            assign: NONE,
            grant: GrantRef::None,
            restriction: NONE,
        }
    }
    #[inline]
    pub(crate) fn allowed(&self) -> bool {
        self.code == Code::Granted
    }
}

/// How a single grant fares against a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum GrantMatch {
    /// The record is out of the grant's scope.
    OutOfScope,
    /// The grant's condition does not hold.
    ConditionFailed,
    /// The grant allows it.
    Matches,
}

/// The grant that came closest to allowing a check so far.
#[derive(Debug, Clone, Copy)]
struct Closest {
    fit: Option<GrantMatch>,
    assign: u32,
    grant: GrantRef,
}

impl Default for Closest {
    fn default() -> Self {
        Closest {
            fit: None,
            assign: NONE,
            grant: GrantRef::None,
        }
    }
}

impl Closest {
    /// Keeps the grant if it comes closer than the best so far (the first
    /// of equals wins); true when it allows the check.
    #[inline]
    fn offer(&mut self, fit: GrantMatch, assign: u32, grant: GrantRef) -> bool {
        if self.fit < Some(fit) {
            *self = Closest {
                fit: Some(fit),
                assign,
                grant,
            };
        }
        fit == GrantMatch::Matches
    }

    /// The verdict of the closest grant.
    fn verdict(self) -> Verdict {
        let code = match self.fit {
            Some(GrantMatch::Matches) => Code::Granted,
            Some(GrantMatch::ConditionFailed) => Code::ConditionFailed,
            Some(GrantMatch::OutOfScope) => Code::OutOfScope,
            None => Code::NoGrant,
        };
        Verdict {
            code,
            assign: self.assign,
            grant: self.grant,
            restriction: NONE,
        }
    }
}

impl Engine {
    /// Whether `user` may do `perm` in a context given by ids: the one
    /// entry every boolean check goes through. Allocates nothing.
    #[inline]
    pub(crate) fn check_ids(&self, user: u32, perm: u32, ids: &ContextIds<'_>) -> bool {
        self.resolve(ids)
            .is_some_and(|c| self.decide(user, perm, &c).allowed())
    }

    /// Decides whether `user` holds `perm` in context `c` (ids already valid).
    /// Without a record: on some record ([`Engine::on_some_record`]).
    pub(crate) fn decide(&self, user: u32, perm: u32, c: &Resolved<'_>) -> Verdict {
        let v = self.decide_with(user, perm, c, true);
        if c.has_record || !v.allowed() {
            return v;
        }
        self.on_some_record(user, perm, c, v)
    }

    /// The grant a verdict names.
    pub(crate) fn grant_of(&self, g: GrantRef) -> Option<&compiled::Grant> {
        match g {
            GrantRef::None => None,
            GrantRef::Role(i) => self.grants.get(i as usize),
            GrantRef::Direct(i) => self.direct.get(i as usize),
        }
    }

    /// [`Engine::decide`], optionally without restrictions (what the user is
    /// granted, as the escalation check of `can_assign` needs).
    pub(crate) fn decide_with(
        &self,
        user: u32,
        perm: u32,
        c: &Resolved<'_>,
        restrict: bool,
    ) -> Verdict {
        let Some(u) = self.users.get(user as usize) else {
            return Verdict::code(Code::UnknownUser);
        };
        let Some(p) = self.perms.get(perm as usize) else {
            return Verdict::code(Code::UnknownPermission);
        };
        let env = self.env(user, c);
        if restrict {
            if let Some(restriction) = self.denying_restriction(user, p, c, &env) {
                return Verdict {
                    restriction,
                    ..Verdict::code(Code::Restricted)
                };
            }
        }
        if !p.enabled {
            return Verdict::code(Code::PlanLacksFeature);
        }
        if p.seat != NONE && u.seats & 1u64.checked_shl(p.seat).unwrap_or(0) == 0 {
            return Verdict::code(Code::NeedsSeat);
        }
        self.grant_verdict(user, u, perm, c, &env)
    }

    /// The first restriction on `p` that holds here and does not exempt
    /// `user`.
    #[inline]
    fn denying_restriction(
        &self,
        user: u32,
        p: &compiled::Permission,
        c: &Resolved<'_>,
        env: &Env<'_>,
    ) -> Option<u32> {
        let on_perm = self.restricts.get(p.restrictions.range()).unwrap_or(&[]);
        on_perm.iter().copied().find(|&ri| {
            // INVARIANT: `restricts` holds indexes of `restrictions` only.
            // Without a record, it denies only if it binds on every record:
            // its trigger holds whatever the record, and no exemption could
            // apply to some record.
            let has = c.has_record;
            self.restrictions.get(ri as usize).is_some_and(|r| {
                r.when_truth(env, has) == Truth::True
                    && !(r.unless_scope.is_some_and(|s| self.in_scope(user, &s, c))
                        || r.unless_truth(env, has).is_some_and(Truth::possible)
                        || r.unless_roles.iter().any(|x| self.holds_role(user, *x)))
            })
        })
    }

    /// The grants' verdict: the first grant (roles held here, then direct
    /// grants) that matches, else the one that came closest.
    #[inline]
    fn grant_verdict(
        &self,
        user: u32,
        u: &compiled::User,
        perm: u32,
        c: &Resolved<'_>,
        env: &Env<'_>,
    ) -> Verdict {
        let mut best = Closest::default();
        let held = self.assigns.get(u.assigns.range()).unwrap_or(&[]);
        for (a, assign) in held.iter().zip(u.assigns.start..) {
            if !self.applies(a.place, c) {
                continue;
            }
            // Without a record or a team, a role held for team `t` applies to
            // some record of team `t`: its grants are judged on those.
            let (team_c, team_env);
            let (c, env) = match a.place {
                Place::Team(t) if c.team == NONE && !c.has_record => {
                    team_c = Resolved { team: t, ..*c };
                    team_env = self.env(user, &team_c);
                    (&team_c, &team_env)
                }
                _ => (c, env),
            };
            for gi in self.role_grant_span(a.role, perm).range() {
                // INVARIANT: role grant spans lie within `grants`.
                let Some(g) = self.grants.get(gi) else {
                    continue;
                };
                if best.offer(self.fit(user, g, c, env), assign, GrantRef::Role(gi as u32)) {
                    return best.verdict();
                }
            }
        }
        for gi in self.direct_for(u.direct, perm) {
            // INVARIANT: `direct_for` returns indexes within `direct`.
            let Some(g) = self.direct.get(gi) else {
                continue;
            };
            if best.offer(self.fit(user, g, c, env), NONE, GrantRef::Direct(gi as u32)) {
                return best.verdict();
            }
        }
        best.verdict()
    }

    /// The indices of a user's direct grants of `perm` (sorted by permission).
    pub(crate) fn direct_for(&self, span: Span, perm: u32) -> std::ops::Range<usize> {
        let slice = self.direct.get(span.range()).unwrap_or(&[]);
        let lo = slice.partition_point(|g| g.perm < perm);
        let hi = slice.partition_point(|g| g.perm <= perm);
        span.start as usize + lo..span.start as usize + hi
    }

    fn fit(&self, user: u32, g: &compiled::Grant, c: &Resolved<'_>, env: &Env<'_>) -> GrantMatch {
        if !self.in_scope(user, &g.scope, c) {
            return GrantMatch::OutOfScope;
        }
        // Without a record, a condition that holds for some record allows.
        let possible = |k: &Cond| match env.team_open {
            None => k.truth(env).possible(),
            // The record's team is one the scope names: judge on those.
            Some(_) if !self.reaches_by_owner(user, &g.scope) => {
                self.scope_teams(user, &g.scope).any(|t| {
                    let settings = self.snap.org.teams.get(t as usize).map(|t| &t.settings);
                    let one = Env {
                        team: settings,
                        team_open: None,
                        ..*env
                    };
                    k.truth(&one).possible()
                })
            }
            // Records reached by their owners, when the team matters: of no
            // team only if one of those owners has none.
            Some(_) if !g.scope.is_all() && k.reads(Reads::Team) => {
                let one = Env {
                    team_required: !self.teamless_owner_in_scope(user, &g.scope),
                    ..*env
                };
                k.truth(&one).possible()
            }
            Some(_) => k.truth(env).possible(),
        };
        if g.cond != NONE && !self.conds.get(g.cond as usize).is_some_and(possible) {
            return GrantMatch::ConditionFailed;
        }
        GrantMatch::Matches
    }

    /// Whether `scope` reaches records by their owners: it is `all`, or
    /// someone it names by owner exists (a record of theirs may then be of
    /// any team).
    fn reaches_by_owner(&self, user: u32, scope: &Scope) -> bool {
        let owners = Scope {
            mask: scope.mask & level::BY_OWNER,
            teams: Span::default(),
        };
        scope.is_all() || owners.mask != 0 && self.scope_reaches(user, &owners, NONE)
    }

    /// Whether someone whose records `scope` reaches by owner has no team
    /// (a record of theirs naming no team is then of no team).
    fn teamless_owner_in_scope(&self, user: u32, scope: &Scope) -> bool {
        let m = scope.mask;
        let Some(u) = self.users.get(user as usize) else {
            return false;
        };
        let teamless = |x: u32| {
            self.users
                .get(x as usize)
                .is_some_and(|o| o.teams.start == o.teams.end)
        };
        if (m & level::OWN != 0 && teamless(user))
            || (m & level::MANAGER != 0 && u.manager != NONE && teamless(u.manager))
        {
            return true;
        }
        let peers = m & level::PEERS != 0 && u.manager != NONE;
        let below = m & level::SUBORDINATES != 0;
        (peers || below)
            && (0..self.users.len() as u32).any(|x| {
                let o = self.users.get(x as usize);
                let peer = peers && x != user && o.is_some_and(|o| o.manager == u.manager);
                (peer || (below && self.reports.below(x, user))) && teamless(x)
            })
    }

    /// The teams whose records `scope` puts in scope of `user` by team
    /// (with repeats).
    fn scope_teams(&self, user: u32, scope: &Scope) -> impl Iterator<Item = u32> + '_ {
        let m = scope.mask;
        let u = self.users.get(user as usize);
        let of = |bit: u8, span: Option<Span>| match (m & bit != 0, span) {
            (true, Some(span)) => self.teams_of(span),
            _ => &[],
        };
        let mine = of(level::TEAM, u.map(|u| u.teams));
        let managed = of(level::MANAGED_TEAMS, u.map(|u| u.managed));
        let explicit = self.teams_of(scope.teams);
        explicit.iter().chain(mine).chain(managed).copied()
    }

    /// User index `user`'s attributes (`None`: no such user).
    pub(crate) fn user_attributes(&self, user: u32) -> Option<&BTreeMap<String, AttrValue>> {
        self.snap
            .org
            .users
            .get(user as usize)
            .map(|u| &u.attributes)
    }

    pub(crate) fn env<'a>(&'a self, user: u32, c: &Resolved<'a>) -> Env<'a> {
        Env {
            user: self.user_attributes(user),
            record: c.attrs,
            strings: &self.strings.list,
            org: Some(&self.snap.org.settings),
            // Without a record or a team, the team is the record's: any.
            team_open: (!c.has_record && c.team == NONE).then_some(&self.snap.org.teams[..]),
            team_required: false,
            team: self
                .snap
                .org
                .teams
                .get(c.team as usize)
                .map(|t| &t.settings),
        }
    }

    /// Whether an assignment held at `at` applies in context `c`. Without a
    /// record, and without a unit (or team) in the context, some record may
    /// be at that unit (or of that team): it applies.
    #[inline]
    pub(crate) fn applies(&self, at: Place, c: &Resolved<'_>) -> bool {
        match at {
            Place::Org => true,
            Place::Unit(_) if c.unit == NONE && !c.has_record => true,
            Place::Unit(top) => c.unit != NONE && self.units.within(c.unit, top),
            Place::Team(_) if c.team == NONE && !c.has_record => true,
            Place::Team(t) => c.team == t,
        }
    }

    pub(crate) fn holds_role(&self, user: u32, role: u32) -> bool {
        self.users
            .get(user as usize)
            .and_then(|u| self.held.get(u.held.range()))
            .is_some_and(|h| h.binary_search(&role).is_ok())
    }

    /// Whether some record (of team `team`, unless `NONE`) is within
    /// `scope` of `user`: one of their own, or of someone (or some team) the
    /// scope names who exists.
    fn scope_reaches(&self, user: u32, scope: &Scope, team: u32) -> bool {
        let m = scope.mask;
        let Some(u) = self.users.get(user as usize) else {
            return false;
        };
        let has_manager = u.manager != NONE;
        // A team list holds a team the record may be of.
        let fits = |teams: &[u32]| match team {
            NONE => !teams.is_empty(),
            t => teams.contains(&t),
        };
        m & level::OWN != 0
            || (m & level::SUBORDINATES != 0 && self.reports.has_below(user))
            || (m & level::PEERS != 0 && has_manager && self.reports.has_sibling(user, u.manager))
            || (m & level::MANAGER != 0 && has_manager)
            || (m & level::TEAM != 0 && fits(self.teams_of(u.teams)))
            || (m & level::MANAGED_TEAMS != 0 && fits(self.teams_of(u.managed)))
            || fits(self.teams_of(scope.teams))
    }

    pub(crate) fn teams_of(&self, span: Span) -> &[u32] {
        self.team_lists.get(span.range()).unwrap_or(&[])
    }

    /// Whether the record in `c` is within `scope` of `user`. Without a
    /// record, whether some record is ("may do it on some record").
    pub(crate) fn in_scope(&self, user: u32, scope: &Scope, c: &Resolved<'_>) -> bool {
        if scope.is_all() {
            return true;
        }
        if !c.has_record {
            return self.scope_reaches(user, scope, c.team);
        }
        let m = scope.mask;
        let Some(u) = self.users.get(user as usize) else {
            return false;
        };
        let owner = c.owner;
        if owner != NONE {
            if m & level::OWN != 0 && owner == user {
                return true;
            }
            if m & level::SUBORDINATES != 0 && self.reports.below(owner, user) {
                return true;
            }
            if m & level::PEERS != 0
                && owner != user
                && u.manager != NONE
                && self
                    .users
                    .get(owner as usize)
                    .is_some_and(|o| o.manager == u.manager)
            {
                return true;
            }
            if m & level::MANAGER != 0 && u.manager == owner {
                return true;
            }
        }
        let explicit = self.teams_of(scope.teams);
        let mine = if m & level::TEAM != 0 {
            self.teams_of(u.teams)
        } else {
            &[]
        };
        let managed = if m & level::MANAGED_TEAMS != 0 {
            self.teams_of(u.managed)
        } else {
            &[]
        };
        if explicit.is_empty() && mine.is_empty() && managed.is_empty() {
            return false;
        }
        let matches = |t: u32| explicit.contains(&t) || mine.contains(&t) || managed.contains(&t);
        c.record_team != NONE && matches(c.record_team)
    }
}
