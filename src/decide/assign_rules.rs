//! What an assignment would do to the organisation's rules: the problem
//! the next load would report if it were made, checked on the compiled org
//! for the one user it changes (the load checks every user the same way).

use crate::compile::condition::{Cond, Env};
use crate::compile::org_rules as rules;
use crate::compile::{Assignment, Engine, Place};
use crate::messages::{Msg, Words};
use crate::snapshot::{Holders, Level, Role};

/// An assignment of role `role` at `place` to `user` (`NONE`: an invited,
/// new user without roles or attributes).
#[derive(Debug, Clone, Copy)]
pub(super) struct Change {
    pub user: u32,
    pub role: u32,
    pub place: Place,
}

/// What the change does: the role it takes the place of (where the model
/// allows one role per place, or in total), and the first problem it would
/// cause.
#[derive(Debug, Clone, Default)]
pub(super) struct Outcome {
    pub replaced: Option<u32>,
    pub problem: Option<String>,
}

impl Engine {
    /// The outcome of `change`: nothing when the user already holds the role
    /// there; otherwise the role replaced, if any, and the first problem of
    /// the user's required roles, required attributes, roles per place,
    /// roles in total, the teams they manage (when a role is given up), and
    /// the holder counts of the role given and the role given up (unless
    /// those are advice).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn assignment_outcome(&self, w: Words<'_>, change: Change) -> Outcome {
        let before = self.user_assignments(change.user);
        if before
            .iter()
            .any(|a| a.role == change.role && a.place == change.place)
        {
            return Outcome::default();
        }
        // One role per place, or one in total: the role given takes the
        // place of the one held at that place.
        let one_in_total = self.snap.model.roles_per_user_in_total.and_then(|l| l.max) == Some(1);
        let one_per_place = self.roles_per_user_limit().1 == Some(1) || one_in_total;
        let replaced = before
            .iter()
            .position(|a| one_per_place && a.place == change.place);
        let after: Vec<Assignment> = before
            .iter()
            .enumerate()
            .filter(|&(i, _)| Some(i) != replaced)
            .map(|(_, a)| *a)
            .chain([Assignment {
                role: change.role,
                place: change.place,
            }])
            .collect();
        let replaced = replaced.and_then(|i| before.get(i)).map(|a| a.role);
        let problem = self.assignment_problem(w, change, &after, replaced);
        Outcome { replaced, problem }
    }

    /// The first load problem of the user holding `after` (with `replaced`
    /// given up).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn assignment_problem(
        &self,
        w: Words<'_>,
        change: Change,
        after: &[Assignment],
        replaced: Option<u32>,
    ) -> Option<String> {
        let who = match self.snap.org.users.get(change.user as usize) {
            Some(u) => rules::holder(w, &u.id),
            None => w.template(Msg::InvitedUser).to_owned(),
        };
        let mut held: Vec<u32> = after
            .iter()
            .flat_map(|a| self.closure.of(a.role))
            .copied()
            .collect();
        crate::index::sort_ids(&mut held);
        held.dedup();
        let direct = |r: u32| after.iter().any(|a| a.role == r);
        // Roles that could lose what they require: the new one, and (when
        // one is given up) every role the user still holds directly.
        let checked = after
            .iter()
            .map(|a| a.role)
            .filter(|&r| r == change.role || replaced.is_some());
        for r in checked {
            if let Some(p) = self.missing_requirement(w, &who, r, &held) {
                return Some(p);
            }
        }
        if let Some(p) = self.unmet_holder_condition(w, &who, change) {
            return Some(p);
        }
        if let Some(p) = self.roles_per_place(w, &who, change.place, after) {
            return Some(p);
        }
        if let Some(p) = self.total_and_team_problem(w, &who, change, after, replaced) {
            return Some(p);
        }
        let newly_held = !self
            .user_assignments(change.user)
            .iter()
            .any(|a| a.role == change.role);
        if newly_held {
            if let Some(p) = self.too_many_holders(w, change) {
                return Some(p);
            }
        }
        let given_up = replaced.filter(|&old| !direct(old));
        given_up.and_then(|old| self.too_few_holders(w, old))
    }

    /// The compiled assignments of `user` (none for an invited user).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn user_assignments(&self, user: u32) -> &[Assignment] {
        self.users
            .get(user as usize)
            .and_then(|u| self.assigns.get(u.assigns.range()))
            .unwrap_or(&[])
    }

    /// The model's `rolesPerUser` as (min, max).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn roles_per_user_limit(&self) -> (Option<u32>, Option<u32>) {
        self.snap
            .model
            .roles_per_user
            .map_or((None, None), |l| (l.min, l.max))
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn model_role(&self, r: u32) -> Option<&Role> {
        self.snap.model.roles.get(r as usize)
    }

    /// A role that `r` requires and the user would not hold.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn missing_requirement(&self, w: Words<'_>, who: &str, r: u32, held: &[u32]) -> Option<String> {
        let role = self.model_role(r)?;
        role.requires.iter().find_map(|req| {
            let q = self.names.roles.get(req)?;
            if held.binary_search(&q).is_ok() {
                return None;
            }
            let label = self
                .model_role(q)
                .map(|x| x.label.clone().unwrap_or_else(|| x.id.clone()));
            Some(rules::requires_message(
                w,
                who,
                &role.id,
                req,
                &label.unwrap_or_default(),
            ))
        })
    }

    /// The new role's `requiresUser`, if the user's attributes do not meet it.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn unmet_holder_condition(&self, w: Words<'_>, who: &str, change: Change) -> Option<String> {
        let role = self.model_role(change.role)?;
        let q = role.requires_user.as_ref()?;
        let env = Env {
            user: self.user_attributes(change.user),
            org: Some(&self.snap.org.settings),
            ..Env::default()
        };
        if Cond::compile(&q.when).holds(&env) {
            return None;
        }
        Some(rules::requires_user_message(w, who, &role.id, &q.message))
    }

    /// `rolesPerUser`: at most `max` at the new role's place, at least `min`
    /// in all.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn roles_per_place(
        &self,
        w: Words<'_>,
        who: &str,
        at: Place,
        after: &[Assignment],
    ) -> Option<String> {
        let (min, max) = self.roles_per_user_limit();
        let here = after.iter().filter(|a| a.place == at).count() as u32;
        if let Some(max) = max.filter(|&max| here > max) {
            let place = rules::place(self, w, &at);
            return Some(rules::too_many_roles_message(w, who, here, &place, max));
        }
        let n = after.len() as u32;
        let min = min.filter(|&min| n < min)?;
        Some(rules::too_few_roles_message(w, who, n, min))
    }

    /// `rolesPerUserInTotal` for the roles of `after`, then (when a role is
    /// given up) `teamManagers.role` for each team the user manages.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn total_and_team_problem(
        &self,
        w: Words<'_>,
        who: &str,
        change: Change,
        after: &[Assignment],
        replaced: Option<u32>,
    ) -> Option<String> {
        if let Some(limit) = self.snap.model.roles_per_user_in_total {
            let mut direct: Vec<u32> = after.iter().map(|a| a.role).collect();
            crate::index::sort_ids(&mut direct);
            direct.dedup();
            if let Some(p) = self.roles_in_total_problem(w, who, &direct, limit) {
                return Some(p);
            }
        }
        replaced?;
        let rule = self.snap.model.team_managers.as_ref()?;
        let r = self.names.roles.get(rule.role.as_deref()?)?;
        let managed = self
            .users
            .get(change.user as usize)
            .and_then(|u| self.team_lists.get(u.managed.range()))
            .unwrap_or(&[]);
        let reach = self.reach(after, r);
        let lost = managed.iter().find(|&&t| !reach.covers(t))?;
        let user = self.snap.org.users.get(change.user as usize)?;
        let team = self.snap.org.teams.get(*lost as usize)?;
        Some(self.team_manager_role_message(w, &user.id, &team.id, r))
    }

    /// The new role's `holders.max`, if the user would be one holder too many.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn too_many_holders(&self, w: Words<'_>, change: Change) -> Option<String> {
        let role = self.model_role(change.role)?;
        let max = role.holders.filter(is_a_rule).and_then(|h| h.max)?;
        let n = self.holder_counts.get(change.role as usize).copied()?;
        if n < max {
            return None;
        }
        // The holders in snapshot order, the user among them.
        let users = self.snap.org.users.iter().zip(&self.users);
        let mut who: Vec<String> = (0u32..)
            .zip(users)
            .filter(|&(i, (_, uc))| {
                i == change.user
                    || self
                        .assigns
                        .get(uc.assigns.range())
                        .is_some_and(|a| a.iter().any(|a| a.role == change.role))
            })
            .map(|(_, (u, _))| format!("`{}`", u.id))
            .collect();
        if change.user as usize >= self.users.len() {
            who.push(w.template(Msg::InvitedUser).to_owned());
        }
        // As a load reports it: the first `max` in snapshot order hold it.
        let (kept, over) = who.split_at((max as usize).min(who.len()));
        Some(rules::too_many_holders_message(
            w, &role.id, max, kept, over,
        ))
    }

    /// Role `old`'s `holders.min`, if the user giving it up leaves too few.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn too_few_holders(&self, w: Words<'_>, old: u32) -> Option<String> {
        let role = self.model_role(old)?;
        let min = role.holders.filter(is_a_rule).and_then(|h| h.min)?;
        let n = self.holder_counts.get(old as usize)?.saturating_sub(1);
        (n < min).then(|| rules::too_few_holders_message(w, &role.id, min, n))
    }
}

/// Whether a holder count is a rule (an assignment breaking it is refused),
/// not advice (`"level": "warning"`: it only warns).
#[cfg_attr(rolegate_size, optimize(size))]
fn is_a_rule(h: &Holders) -> bool {
    h.level == Level::Error
}
