//! Who may give which role to whom, where: no escalation beyond the actor's
//! own rights.

use super::answer::{AssignTarget, Code, Context, Explanation, Record};
use super::check::Verdict;
use crate::compile::Engine;
use crate::index::NONE;

impl Engine {
    /// Whether `actor` may give `role` to `target` (an existing user, or
    /// `None` for an invitation) at the target's unit or team.
    ///
    /// Allowed when the actor holds, there, a role whose `assigns` covers
    /// `role`; holds the model's `assignPermission` (if any) on the target user
    /// as the record; and is granted every permission `role` grants that is
    /// not bound to a seat or a missing plan feature (restrictions aside), so
    /// nobody can hand out rights they lack.
    pub fn can_assign(&self, actor: &str, role: &str, target: &AssignTarget<'_>) -> Explanation {
        let deny = Explanation::new;
        let Some(a) = self.names.users.get(actor) else {
            return deny(Code::UnknownUser, format!("unknown user `{actor}`"));
        };
        let Some(r) = self.names.roles.get(role) else {
            return deny(Code::UnknownRole, format!("unknown role `{role}`"));
        };
        if let Some(t) = target.user {
            if self.names.users.get(t).is_none() {
                return deny(Code::UnknownUser, format!("unknown user `{t}`"));
            }
        }
        let place = Context {
            unit: target.unit,
            team: target.team,
            record: None,
        };
        let Some(c) = self.resolve(&place) else {
            return self.words(
                Verdict::code(Code::UnknownContext),
                a,
                NONE,
                &place,
                actor,
                "",
            );
        };
        let role_label = self.role_label(r);
        let nr = self.roles;
        let user = self.users.get(a as usize);
        let assigner = self
            .assigns
            .get(user.map(|u| u.assigns.range()).unwrap_or_default())
            .unwrap_or(&[])
            .iter()
            .find(|x| {
                self.applies(x.at, &c)
                    && self
                        .role_assigns
                        .get(x.role as usize * nr + r as usize)
                        .copied()
                        .unwrap_or(false)
            });
        let Some(by) = assigner.copied() else {
            let who: Vec<String> = (0..nr)
                .filter(|&x| {
                    self.role_assigns
                        .get(x * nr + r as usize)
                        .copied()
                        .unwrap_or(false)
                })
                .map(|x| self.role_label(x as u32))
                .collect();
            let message = if who.is_empty() {
                format!("nobody may assign the {role_label} role")
            } else {
                format!("only {} may assign the {role_label} role", who.join(", "))
            };
            return deny(Code::NoGrant, message);
        };
        if let Some(perm) = self
            .snap
            .model
            .assign_permission
            .as_deref()
            .and_then(|p| self.names.perms.get(p))
        {
            let on_target = Context {
                unit: target.unit,
                team: target.team,
                record: Some(Record {
                    owner: target.user,
                    team: target.team,
                    unit: target.unit,
                    attributes: None,
                }),
            };
            if let Some(tc) = self.resolve(&on_target) {
                let v = self.decide(a, perm, &tc);
                if !v.allowed() {
                    let mut x = self.words(v, a, perm, &on_target, actor, "");
                    x.message = format!("cannot assign {role_label}: {}", x.message);
                    return x;
                }
            }
        }
        for p in 0..self.perms.len() as u32 {
            // Seats are licences and plan features are the org's, not rights
            // of the actor; restrictions bind everyone alike.
            let licence = self
                .perms
                .get(p as usize)
                .is_none_or(|x| x.seat != NONE || !x.enabled);
            if licence || !self.role_grants_perm(r, p) {
                continue;
            }
            if !self.decide_with(a, p, &c, false).allowed() {
                let mut x = deny(
                    Code::Escalation,
                    format!(
                        "cannot assign {role_label}: it grants {}, which you do not hold",
                        self.perm_label(p)
                    ),
                );
                x.role = Some(role.to_owned());
                return x;
            }
        }
        let mut x = Explanation::new(
            Code::Granted,
            format!("allowed by the {} role", self.role_label(by.role)),
        );
        x.role = self
            .snap
            .model
            .roles
            .get(by.role as usize)
            .map(|r| r.id.clone());
        x
    }
}
