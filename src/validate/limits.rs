//! The size limits of compiling (`crate::index::limits`), checked on the
//! plain snapshot before anything is compiled: each exceeded limit is one
//! problem, and the snapshot is then not compiled at all.

use super::Checker;
use crate::index::limits::{
    MAX_COMPILED_GRANTS, MAX_REPORTING_RULES, MAX_RESTRICTIONS, MAX_ROLE_PERMISSION_PAIRS,
};
use crate::index::Closure;
use crate::messages::Msg;
use crate::snapshot::Grant;

impl Checker<'_> {
    /// Reports each size limit the model and org exceed: roles x
    /// permissions, the work of resolving includes (`closure` is `Err` with
    /// the role where it ran out of its `budget` of steps), compiled
    /// grants, restrictions, seats, reporting rules.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn model_limits(&mut self, closure: &Result<Closure, usize>, budget: usize) {
        let m = &self.s.model;
        let pairs = m.roles.len().saturating_mul(m.permissions.len());
        if pairs > MAX_ROLE_PERMISSION_PAIRS {
            let message = self.w.say(
                Msg::TooManyPairs,
                &[
                    ("roles", &m.roles.len().to_string()),
                    ("permissions", &m.permissions.len().to_string()),
                    ("max", &MAX_ROLE_PERMISSION_PAIRS.to_string()),
                ],
            );
            self.too_large("model".into(), message);
        }
        match closure {
            Err(r) => {
                let message = self
                    .w
                    .say(Msg::IncludeBudget, &[("budget", &budget.to_string())]);
                self.too_large(format!("model.roles[{r}].includes"), message);
            }
            Ok(closure) => {
                let n = self.compiled_grants(closure);
                if n > MAX_COMPILED_GRANTS {
                    let message = self.w.say(
                        Msg::TooManyCompiled,
                        &[("max", &MAX_COMPILED_GRANTS.to_string())],
                    );
                    self.too_large("model".into(), message);
                }
            }
        }
        if m.restrictions.len() > MAX_RESTRICTIONS {
            let message = self.w.say(
                Msg::TooManyRestrictions,
                &[
                    ("max", &MAX_RESTRICTIONS.to_string()),
                    ("n", &m.restrictions.len().to_string()),
                ],
            );
            self.too_large("model.restrictions".into(), message);
        }
        if m.seats.len() > 64 {
            let message = self
                .w
                .say(Msg::TooManySeats, &[("n", &m.seats.len().to_string())]);
            self.push("model.seats".into(), message);
        }
        if m.reporting.len() > MAX_REPORTING_RULES {
            let message = self.w.say(
                Msg::TooManyReportingRules,
                &[
                    ("max", &MAX_REPORTING_RULES.to_string()),
                    ("n", &m.reporting.len().to_string()),
                ],
            );
            self.too_large("model.reporting".into(), message);
        }
    }

    /// Records a problem that keeps the snapshot from being compiled.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn too_large(&mut self, path: String, message: String) {
        self.too_large = true;
        self.push(path, message);
    }

    /// How many permissions the grants match (`seats`: whether patterns
    /// match seat-bound ones, as restrictions do).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn matches<'g>(&self, patterns: impl Iterator<Item = &'g str>, seats: bool) -> usize {
        let (s, names) = (self.s, self.names);
        patterns
            .map(|p| names.patterns.count(p, s, names, seats))
            .fold(0, usize::saturating_add)
    }

    /// The entries compiling would make: see `MAX_COMPILED_GRANTS`. Takes
    /// O(closure pairs + grants x log permissions), bounded by the limits.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn compiled_grants(&self, closure: &Closure) -> usize {
        let m = &self.s.model;
        // A grant's `except` patterns are matched too, as its own are.
        let grants = |gs: &[Grant]| {
            let patterns = gs.iter().flat_map(|g| {
                std::iter::once(g.permission.as_str()).chain(g.except.iter().map(String::as_str))
            });
            self.matches(patterns, false)
        };
        let per_role: Vec<usize> = m
            .roles
            .iter()
            .map(|r| grants(&r.grants).saturating_add(r.assigns.len()))
            .collect();
        let per_toggle: Vec<usize> = m.toggles.iter().map(|t| grants(&t.grants)).collect();
        let roles = closure
            .iter()
            .flatten()
            .map(|&inc| per_role.get(inc as usize).copied().unwrap_or(0))
            .fold(0, usize::saturating_add);
        let users = self.s.org.users.iter().map(|u| {
            let toggles = u.toggles.iter().filter_map(|t| self.names.toggles.get(t));
            let toggled = toggles
                .map(|t| per_toggle.get(t as usize).copied().unwrap_or(0))
                .fold(0, usize::saturating_add);
            toggled.saturating_add(grants(&u.grants))
        });
        let restrictions = m
            .restrictions
            .iter()
            .map(|r| self.matches(r.permissions.iter().map(String::as_str), true));
        users.chain(restrictions).fold(roles, usize::saturating_add)
    }
}
