//! Who may give which role to whom, where: no escalation beyond the actor's
//! own rights.

use super::answer::{Code, Explanation};
use super::assign_rules::Change;
use super::check::Verdict;
use super::context::{AssignTarget, Context, Record};
use super::resolve::Resolved;
use crate::compile::compiled::Grant;
use crate::compile::{Assignment, Engine, Place};
use crate::index::NONE;
use crate::messages::{Locale, Msg, Words};

use super::explain::unknown;

impl Engine {
    /// Whether `actor` may give `role` to `target` (an existing user, or
    /// none for an invitation) at the target's unit or team.
    ///
    /// Allowed when the actor holds, there, a role whose `assigns` covers
    /// `role`; holds the model's `assignPermission` (if any) on the target user
    /// as the record; holds every grant `role` gives that is not bound to a
    /// seat or a missing plan feature (restrictions aside), so nobody can hand
    /// out rights they lack ([`Code::Escalation`]); and the org would stay
    /// valid ([`Code::WouldBeInvalid`], with the problem a load would report).
    /// Where the model allows one role per place (or one in total), the role
    /// replaces the one the target holds there, which the actor must be
    /// allowed to assign too.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn can_assign(&self, actor: &str, role: &str, target: &AssignTarget) -> Explanation {
        self.assign_answer(self.messages.words(), actor, role, target)
    }

    /// [`Engine::can_assign`], its message in `locale` (with the model's
    /// templates for it) instead of the model's own locale.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn can_assign_in(
        &self,
        locale: Locale,
        actor: &str,
        role: &str,
        target: &AssignTarget,
    ) -> Explanation {
        self.assign_answer(self.messages.words_in(locale), actor, role, target)
    }

    /// [`Engine::can_assign`] in the words of `w`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn assign_answer(
        &self,
        w: Words<'_>,
        actor: &str,
        role: &str,
        target: &AssignTarget,
    ) -> Explanation {
        let deny = Explanation::new;
        let Some(a) = self.names.users.get(actor) else {
            return deny(Code::UnknownUser, unknown(w, Msg::KindUser, actor));
        };
        let Some(r) = self.names.roles.get(role) else {
            return deny(Code::UnknownRole, unknown(w, Msg::KindRole, role));
        };
        let mut user = NONE;
        if let Some(t) = target.user.as_deref() {
            match self.names.users.get(t) {
                Some(t) => user = t,
                None => return deny(Code::UnknownUser, unknown(w, Msg::KindUser, t)),
            }
        }
        let place = Context {
            unit: target.unit.clone(),
            team: target.team.clone(),
            record: None,
        };
        let Some(c) = self.resolve_named(&place) else {
            let unknown = Verdict::code(Code::UnknownContext);
            return self.words(w, unknown, a, NONE, &place, actor, "");
        };
        let Some(by) = self.assigner(a, r, &c) else {
            return self.nobody_may_assign(w, r);
        };
        if let Some(denied) = self.assign_permission_denial(w, a, r, actor, target) {
            return denied;
        }
        if let Some(p) = self.escalation(a, r, &c) {
            let mut x = deny(
                Code::Escalation,
                w.say(
                    Msg::Escalation,
                    &[
                        ("role", &self.role_label(r)),
                        ("permission", &self.perm_label(p)),
                    ],
                ),
            );
            x.role = Some(role.to_owned());
            return x;
        }
        let at = match (c.unit, c.team) {
            (NONE, NONE) => Place::Org,
            (NONE, team) => Place::Team(team),
            (unit, _) => Place::Unit(unit),
        };
        let change = Change {
            user,
            role: r,
            place: at,
        };
        self.assignment_answer(w, a, by, change, &c)
    }

    /// The answer once the actor may give the role: denied when the role it
    /// replaces is one the actor may not give, or when the org would become
    /// invalid; otherwise allowed by the actor's assignment `by`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn assignment_answer(
        &self,
        w: Words<'_>,
        a: u32,
        by: Assignment,
        change: Change,
        c: &Resolved<'_>,
    ) -> Explanation {
        let outcome = self.assignment_outcome(w, change);
        let replaced = outcome.replaced.filter(|&old| old != change.role);
        if let Some(old) = replaced.filter(|&old| self.assigner(a, old, c).is_none()) {
            let mut x = self.nobody_may_assign(w, old);
            x.message = w.say(
                Msg::CannotReplace,
                &[("role", &self.role_label(old)), ("reason", &x.message)],
            );
            return x;
        }
        if let Some(problem) = outcome.problem {
            let mut x = Explanation::new(Code::WouldBeInvalid, problem);
            x.role = self.role_id(change.role);
            return x;
        }
        let mut message = w.say(
            Msg::AllowedByRole,
            &[
                ("role", &self.role_label(by.role)),
                ("where", &self.where_held(w, by.place)),
            ],
        );
        if let Some(old) = replaced {
            message.push_str(&w.say(Msg::InPlaceOf, &[("role", &self.role_label(old))]));
        }
        let mut x = Explanation::new(Code::Granted, message);
        self.ids_behind(Some(by), None, &mut x);
        x
    }

    /// The actor's assignment, applying at `c`, whose role may assign `r`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn assigner(&self, actor: u32, r: u32, c: &Resolved<'_>) -> Option<Assignment> {
        let held = self
            .users
            .get(actor as usize)
            .and_then(|u| self.assigns.get(u.assigns.range()))
            .unwrap_or(&[]);
        held.iter()
            .find(|x| self.applies(x.place, c) && self.may_assign(x.role, r))
            .copied()
    }

    /// The denial when the actor holds no role that may assign `r`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn nobody_may_assign(&self, w: Words<'_>, r: u32) -> Explanation {
        let who: Vec<String> = (0..self.roles as u32)
            .filter(|&x| self.may_assign(x, r))
            .map(|x| self.role_label(x))
            .collect();
        let role_label = self.role_label(r);
        let message = if who.is_empty() {
            w.say(Msg::NobodyMayAssign, &[("role", &role_label)])
        } else {
            w.say(
                Msg::OnlyMayAssign,
                &[("roles", &who.join(", ")), ("role", &role_label)],
            )
        };
        Explanation::new(Code::NoGrant, message)
    }

    /// The denial when the model's `assignPermission` is not granted to the
    /// actor on the target user (as the record).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn assign_permission_denial(
        &self,
        w: Words<'_>,
        a: u32,
        r: u32,
        actor: &str,
        target: &AssignTarget,
    ) -> Option<Explanation> {
        let model = &self.snap.model;
        let perm = model.assign_permission.as_deref()?;
        let perm = self.names.perms.get(perm)?;
        let on_target = Context {
            unit: target.unit.clone(),
            team: target.team.clone(),
            record: Some(Record {
                owner: target.user.clone(),
                team: target.team.clone(),
                unit: target.unit.clone(),
                ..Record::default()
            }),
        };
        let c = self.resolve_named(&on_target)?;
        let v = self.decide(a, perm, &c);
        if v.allowed() {
            return None;
        }
        let mut x = self.words(w, v, a, perm, &on_target, actor, "");
        x.message = w.say(
            Msg::CannotAssign,
            &[("role", &self.role_label(r)), ("reason", &x.message)],
        );
        Some(x)
    }

    /// A permission role `r` grants that the actor does not hold at `c`
    /// (restrictions aside), if any. Seats are licences and plan features
    /// are the org's, not rights of the actor, so neither counts.
    ///
    /// Each of the role's grants must be covered by a grant of the actor's
    /// (from a role that applies at `c`, a toggle or a direct grant) of the
    /// same permission, unconditional or under an identical condition. A
    /// grant's conditions on `user.*` are about its holder, so they are
    /// compared, never judged against the actor. Scopes are not compared:
    /// `own`, `team` and the like name the holder's records.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn escalation(&self, a: u32, r: u32, c: &Resolved<'_>) -> Option<u32> {
        (0..self.perms.len() as u32).find(|&p| {
            let licence = self
                .perms
                .get(p as usize)
                .is_none_or(|x| x.seat != NONE || !x.enabled);
            let given = self
                .grants
                .get(self.role_grant_span(r, p).range())
                .unwrap_or(&[]);
            !licence && given.iter().any(|g| !self.holds_grant(a, p, g.cond, c))
        })
    }

    /// Whether the actor holds, at `c`, a grant of `p` that is unconditional
    /// or whose condition is the same as `cond` (an index of `conds`).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn holds_grant(&self, a: u32, p: u32, cond: u32, c: &Resolved<'_>) -> bool {
        let Some(u) = self.users.get(a as usize) else {
            return false;
        };
        let covers = |held: &Grant| {
            held.cond == NONE
                || held.cond == cond
                || (cond != NONE
                    && self.conds.get(held.cond as usize) == self.conds.get(cond as usize))
        };
        let from_roles = self
            .assigns
            .get(u.assigns.range())
            .unwrap_or(&[])
            .iter()
            .filter(|x| self.applies(x.place, c))
            .flat_map(|x| {
                let span = self.role_grant_span(x.role, p);
                self.grants.get(span.range()).unwrap_or(&[])
            });
        let direct = self.direct.get(self.direct_for(u.direct, p)).unwrap_or(&[]);
        from_roles.chain(direct).any(covers)
    }
}
