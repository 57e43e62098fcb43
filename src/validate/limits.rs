//! The size limits of compiling (`crate::index::limits`), checked on the
//! plain snapshot before anything is compiled: each exceeded limit is one
//! problem, and the snapshot is then not compiled at all.

use super::Checker;
use crate::index::limits::{
    MAX_COMPILED_GRANTS, MAX_REPORTING_RULES, MAX_RESTRICTIONS, MAX_ROLE_PERMISSION_PAIRS,
};
use crate::index::Closure;
use crate::snapshot::Grant;

impl Checker<'_> {
    /// Reports each size limit the model and org exceed: roles x
    /// permissions, the work of resolving includes (`closure` is `Err` with
    /// the role where it ran out of its `budget` of steps), compiled
    /// grants, restrictions, seats, reporting rules.
    pub(super) fn model_limits(&mut self, closure: &Result<Closure, usize>, budget: usize) {
        let m = &self.s.model;
        let pairs = m.roles.len().saturating_mul(m.permissions.len());
        if pairs > MAX_ROLE_PERMISSION_PAIRS {
            self.too_large(
                "model".into(),
                format!(
                    "{} roles x {} permissions is more than the {MAX_ROLE_PERMISSION_PAIRS} role-permission pairs supported",
                    m.roles.len(),
                    m.permissions.len()
                ),
            );
        }
        match closure {
            Err(r) => self.too_large(
                format!("model.roles[{r}].includes"),
                format!(
                    "the roles' includes take more than {budget} steps to resolve (each role with each role it includes, directly or not; 16 per role and include, at least 250000, at most 2000000)"
                ),
            ),
            Ok(closure) => {
                let n = self.compiled_grants(closure);
                if n > MAX_COMPILED_GRANTS {
                    self.too_large(
                        "model".into(),
                        format!(
                            "the grants compile to more than {MAX_COMPILED_GRANTS} entries (each grant once per permission it matches, per role that includes it and per user holding it)"
                        ),
                    );
                }
            }
        }
        if m.restrictions.len() > MAX_RESTRICTIONS {
            self.too_large(
                "model.restrictions".into(),
                format!(
                    "at most {MAX_RESTRICTIONS} restrictions are supported, found {}",
                    m.restrictions.len()
                ),
            );
        }
        if m.seats.len() > 64 {
            self.push(
                "model.seats".into(),
                format!(
                    "at most 64 seat types are supported, found {}",
                    m.seats.len()
                ),
            );
        }
        if m.reporting.len() > MAX_REPORTING_RULES {
            self.too_large(
                "model.reporting".into(),
                format!(
                    "at most {MAX_REPORTING_RULES} reporting rules are supported, found {}",
                    m.reporting.len()
                ),
            );
        }
    }

    /// Records a problem that keeps the snapshot from being compiled.
    fn too_large(&mut self, path: String, message: String) {
        self.too_large = true;
        self.push(path, message);
    }

    /// How many permissions the grants match (`seats`: whether patterns
    /// match seat-bound ones, as restrictions do).
    fn matches<'g>(&self, patterns: impl Iterator<Item = &'g str>, seats: bool) -> usize {
        let (s, names) = (self.s, self.names);
        patterns
            .map(|p| names.patterns.count(p, s, names, seats))
            .fold(0, usize::saturating_add)
    }

    /// The entries compiling would make: see `MAX_COMPILED_GRANTS`. Takes
    /// O(closure pairs + grants x log permissions), bounded by the limits.
    fn compiled_grants(&self, closure: &Closure) -> usize {
        let m = &self.s.model;
        let grants = |gs: &[Grant]| self.matches(gs.iter().map(|g| g.permission.as_str()), false);
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
