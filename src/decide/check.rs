//! The decision procedure: restrictions, then plan feature, then seat, then
//! grants; deny by default. Returns a small `Copy` verdict and allocates nothing.

use super::answer::Code;
use super::resolve::{ContextIds, Resolved};
use crate::compile::compiled::{self, level, Place, Scope, Span};
use crate::compile::condition::Env;
use crate::compile::Engine;
use crate::index::NONE;

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

impl Engine {
    /// Whether `user` may do `perm` in a context given by ids: the one
    /// entry every boolean check goes through. Allocates nothing.
    #[inline]
    pub(crate) fn check_ids(&self, user: u32, perm: u32, ids: &ContextIds<'_>) -> bool {
        self.resolve(ids)
            .is_some_and(|c| self.decide(user, perm, &c).allowed())
    }

    /// Decides whether `user` holds `perm` in context `c` (ids already valid).
    pub(crate) fn decide(&self, user: u32, perm: u32, c: &Resolved<'_>) -> Verdict {
        self.decide_with(user, perm, c, true)
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
        let restrictions = if restrict {
            p.restrictions.range()
        } else {
            0..0
        };
        for &ri in self.restricts.get(restrictions).unwrap_or(&[]) {
            let Some(r) = self.restrictions.get(ri as usize) else {
                continue;
            };
            if !r.when.holds(&env) {
                continue;
            }
            let exempt = r.unless_scope.is_some_and(|s| self.in_scope(user, &s, c))
                || r.unless_when.as_ref().is_some_and(|w| w.holds(&env))
                || r.unless_roles.iter().any(|x| self.holds_role(user, *x));
            if !exempt {
                return Verdict {
                    restriction: ri,
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
        let np = self.perms.len();
        let mut best = Verdict::code(Code::NoGrant);
        let mut best_fit: Option<GrantMatch> = None;
        for (ai, a) in self
            .assigns
            .get(u.assigns.range())
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            if !self.applies(a.place, c) {
                continue;
            }
            let span = self
                .role_grants
                .get(a.role as usize * np + perm as usize)
                .copied()
                .unwrap_or_default();
            for gi in span.range() {
                let Some(g) = self.grants.get(gi) else {
                    continue;
                };
                let fit = self.fit(user, g, c, &env);
                if fit == GrantMatch::Matches {
                    return Verdict {
                        assign: u.assigns.start + ai as u32,
                        grant: GrantRef::Role(gi as u32),
                        ..Verdict::code(Code::Granted)
                    };
                }
                if best_fit < Some(fit) {
                    best_fit = Some(fit);
                    best = Verdict {
                        assign: u.assigns.start + ai as u32,
                        grant: GrantRef::Role(gi as u32),
                        ..best
                    };
                }
            }
        }
        for gi in self.direct_for(u.direct, perm) {
            let Some(g) = self.direct.get(gi) else {
                continue;
            };
            let fit = self.fit(user, g, c, &env);
            if fit == GrantMatch::Matches {
                return Verdict {
                    grant: GrantRef::Direct(gi as u32),
                    ..Verdict::code(Code::Granted)
                };
            }
            if best_fit < Some(fit) {
                best_fit = Some(fit);
                best = Verdict {
                    assign: NONE,
                    grant: GrantRef::Direct(gi as u32),
                    ..best
                };
            }
        }
        best.code = match best_fit {
            Some(GrantMatch::ConditionFailed) => Code::ConditionFailed,
            Some(GrantMatch::OutOfScope) => Code::OutOfScope,
            _ => Code::NoGrant,
        };
        best
    }

    /// The indices of a user's direct grants of `perm` (sorted by permission).
    fn direct_for(&self, span: Span, perm: u32) -> std::ops::Range<usize> {
        let slice = self.direct.get(span.range()).unwrap_or(&[]);
        let lo = slice.partition_point(|g| g.perm < perm);
        let hi = slice.partition_point(|g| g.perm <= perm);
        span.start as usize + lo..span.start as usize + hi
    }

    fn fit(&self, user: u32, g: &compiled::Grant, c: &Resolved<'_>, env: &Env<'_>) -> GrantMatch {
        if !self.in_scope(user, &g.scope, c) {
            return GrantMatch::OutOfScope;
        }
        if g.cond != NONE
            && !self
                .conds
                .get(g.cond as usize)
                .is_some_and(|k| k.holds(env))
        {
            return GrantMatch::ConditionFailed;
        }
        GrantMatch::Matches
    }

    pub(crate) fn env<'a>(&'a self, user: u32, c: &Resolved<'a>) -> Env<'a> {
        Env {
            user: self
                .snap
                .org
                .users
                .get(user as usize)
                .map(|u| &u.attributes),
            record: c.attrs,
            strings: &self.strings.list,
            org: Some(&self.snap.org.settings),
            team: self
                .snap
                .org
                .teams
                .get(c.team as usize)
                .map(|t| &t.settings),
        }
    }

    /// Whether an assignment held at `at` applies in context `c`.
    #[inline]
    pub(crate) fn applies(&self, at: Place, c: &Resolved<'_>) -> bool {
        match at {
            Place::Org => true,
            Place::Unit(top) => c.unit != NONE && self.units.within(c.unit, top),
            Place::Team(t) => c.team == t,
        }
    }

    pub(crate) fn holds_role(&self, user: u32, role: u32) -> bool {
        self.users
            .get(user as usize)
            .and_then(|u| self.held.get(u.held.range()))
            .is_some_and(|h| h.binary_search(&role).is_ok())
    }

    fn teams_of(&self, span: Span) -> &[u32] {
        self.team_lists.get(span.range()).unwrap_or(&[])
    }

    /// Whether the record in `c` is within `scope` of `user`. Without a
    /// record, every scope matches ("may do it on some record").
    pub(crate) fn in_scope(&self, user: u32, scope: &Scope, c: &Resolved<'_>) -> bool {
        if !c.has_record || scope.is_all() {
            return true;
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
