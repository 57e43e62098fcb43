//! Who may give which role to whom, where: no escalation beyond the actor's
//! own rights.

use super::answer::{Code, Explanation};
use super::check::Verdict;
use super::context::{AssignTarget, Context, Record};
use super::resolve::Resolved;
use crate::compile::{Assignment, Engine};
use crate::index::NONE;

impl Engine {
    /// Whether `actor` may give `role` to `target` (an existing user, or
    /// none for an invitation) at the target's unit or team.
    ///
    /// Allowed when the actor holds, there, a role whose `assigns` covers
    /// `role`; holds the model's `assignPermission` (if any) on the target user
    /// as the record; and is granted every permission `role` grants that is
    /// not bound to a seat or a missing plan feature (restrictions aside), so
    /// nobody can hand out rights they lack.
    pub fn can_assign(&self, actor: &str, role: &str, target: &AssignTarget) -> Explanation {
        let deny = Explanation::new;
        let Some(a) = self.names.users.get(actor) else {
            return deny(Code::UnknownUser, format!("unknown user `{actor}`"));
        };
        let Some(r) = self.names.roles.get(role) else {
            return deny(Code::UnknownRole, format!("unknown role `{role}`"));
        };
        if let Some(t) = target.user.as_deref() {
            if self.names.users.get(t).is_none() {
                return deny(Code::UnknownUser, format!("unknown user `{t}`"));
            }
        }
        let place = Context {
            unit: target.unit.clone(),
            team: target.team.clone(),
            record: None,
        };
        let Some(c) = self.resolve_named(&place) else {
            let unknown = Verdict::code(Code::UnknownContext);
            return self.words(unknown, a, NONE, &place, actor, "");
        };
        let Some(by) = self.assigner(a, r, &c) else {
            return self.nobody_may_assign(r);
        };
        if let Some(denied) = self.assign_permission_denial(a, r, actor, target) {
            return denied;
        }
        if let Some(p) = self.escalation(a, r, &c) {
            let mut x = deny(
                Code::Escalation,
                format!(
                    "cannot assign {}: it grants {}, which you do not hold",
                    self.role_label(r),
                    self.perm_label(p)
                ),
            );
            x.role = Some(role.to_owned());
            return x;
        }
        let mut x = Explanation::new(
            Code::Granted,
            format!("allowed by the {} role", self.role_label(by.role)),
        );
        x.role = self.role_id(by.role);
        x
    }

    /// The actor's assignment, applying at `c`, whose role may assign `r`.
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
    fn nobody_may_assign(&self, r: u32) -> Explanation {
        let who: Vec<String> = (0..self.roles as u32)
            .filter(|&x| self.may_assign(x, r))
            .map(|x| self.role_label(x))
            .collect();
        let role_label = self.role_label(r);
        let message = if who.is_empty() {
            format!("nobody may assign the {role_label} role")
        } else {
            format!("only {} may assign the {role_label} role", who.join(", "))
        };
        Explanation::new(Code::NoGrant, message)
    }

    /// The denial when the model's `assignPermission` is not granted to the
    /// actor on the target user (as the record).
    fn assign_permission_denial(
        &self,
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
        let mut x = self.words(v, a, perm, &on_target, actor, "");
        x.message = format!("cannot assign {}: {}", self.role_label(r), x.message);
        Some(x)
    }

    /// A permission role `r` grants that the actor is not granted at `c`
    /// (restrictions aside), if any. Seats are licences and plan features
    /// are the org's, not rights of the actor, so neither counts.
    fn escalation(&self, a: u32, r: u32, c: &Resolved<'_>) -> Option<u32> {
        (0..self.perms.len() as u32).find(|&p| {
            let licence = self
                .perms
                .get(p as usize)
                .is_none_or(|x| x.seat != NONE || !x.enabled);
            !licence && self.role_grants_perm(r, p) && !self.decide_with(a, p, c, false).allowed()
        })
    }
}
