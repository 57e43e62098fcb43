//! Grants (of roles, toggles and users): the permission they name, their
//! teams, their scope and their condition.

use super::Checker;
use crate::snapshot::Grant;

impl Checker<'_> {
    /// A grant: a known permission (or a pattern matching one), known teams,
    /// a scope only on record permissions, a well-formed condition. For a
    /// user's own grant (`direct`), the plan must have the permission's feature.
    pub(super) fn grant(&mut self, g: &Grant, path: &str, direct: bool) {
        self.grant_permission(g, path, direct);
        if let Some(f) = &g.feature {
            self.grant_feature(g, f, path, direct);
        }
        for (j, t) in g.teams.iter().enumerate() {
            self.known(
                self.names.teams.get(t),
                t,
                || format!("{path}.teams[{j}]"),
                "team",
            );
        }
        if let Some(c) = &g.when {
            self.condition(
                c,
                &format!("{path}.when"),
                &["user", "record", "org", "team"],
                0,
            );
        }
    }

    /// A grant's permission: a pattern ending in its only `*` that matches
    /// a permission without a seat, or a known permission, with a scope and
    /// teams only if it is record-scoped (each reported where written) and,
    /// for a `direct` grant, a feature the plan has.
    fn grant_permission(&mut self, g: &Grant, path: &str, direct: bool) {
        let s = self.s;
        let pat = g.permission.as_str();
        if let Some(prefix) = pat.strip_suffix('*') {
            if prefix.contains('*') {
                self.push(
                    format!("{path}.permission"),
                    format!("pattern `{pat}` may only end with `*`"),
                );
            } else if !s
                .model
                .permissions
                .iter()
                .any(|p| p.id.starts_with(prefix) && p.seat.is_none())
            {
                self.push(
                    format!("{path}.permission"),
                    format!("pattern `{pat}` matches no permission"),
                );
            }
        } else {
            // INVARIANT: an id from the permission name table is the index
            // of a permission of the model, so `None` means an unknown name.
            match self
                .names
                .perms
                .get(pat)
                .and_then(|p| s.model.permissions.get(p as usize))
            {
                None => self.unknown(format!("{path}.permission"), pat, "permission"),
                Some(p) => {
                    if !p.record && !g.scope.is_empty() {
                        self.push(
                            format!("{path}.scope"),
                            format!("permission `{pat}` is not record-scoped, so a grant of it cannot have a scope"),
                        );
                    }
                    if !p.record && !g.teams.is_empty() {
                        self.push(
                            format!("{path}.teams"),
                            format!("permission `{pat}` is not record-scoped, so a grant of it cannot list teams"),
                        );
                    }
                    if direct {
                        if let Some(f) = &p.feature {
                            if !self.plan_has(f) {
                                self.push(
                                    format!("{path}.permission"),
                                    format!("permission `{pat}` needs feature `{f}`, which plan `{}` does not include", self.plan_label()),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// A grant's `feature`: a known one and, for a `direct` grant, one the
    /// plan has.
    fn grant_feature(&mut self, g: &Grant, f: &str, path: &str, direct: bool) {
        let found = self.names.features.get(f);
        self.known(found, f, || format!("{path}.feature"), "feature");
        // INVARIANT: an id from the feature name table is the index of a
        // feature of the model.
        let feature = found.and_then(|x| self.s.model.features.get(x as usize));
        if let Some(feature) = feature.filter(|_| direct && !self.plan_has(f)) {
            let label = feature.label.as_deref().unwrap_or(f);
            self.push(
                format!("{path}.feature"),
                grant_feature_message(&g.permission, f, label, &self.plan_label()),
            );
        }
    }
}

/// A user's own grant that needs a feature the org's plan lacks.
fn grant_feature_message(permission: &str, feature: &str, label: &str, plan: &str) -> String {
    format!("this grant of `{permission}` needs feature `{feature}` ({label}), which plan `{plan}` does not include: remove the grant, or change the plan")
}
