//! Grants (of roles, toggles and users): the permission they name, their
//! teams, their scope and their condition.

use super::Checker;
use crate::messages::Msg;
use crate::snapshot::Grant;

impl Checker<'_> {
    /// A grant: a known permission (or a pattern matching one), known teams,
    /// a scope only on record permissions, a well-formed condition. For a
    /// user's own grant (`direct`), the plan must have the permission's feature.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn grant(&mut self, g: &Grant, path: &str, direct: bool) {
        self.grant_permission(g, path, direct);
        self.grant_except(g, path);
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
    #[cfg_attr(rolegate_size, optimize(size))]
    fn grant_permission(&mut self, g: &Grant, path: &str, direct: bool) {
        let s = self.s;
        let pat = g.permission.as_str();
        if let Some(prefix) = pat.strip_suffix('*') {
            if prefix.contains('*') {
                let message = self.w.say(Msg::PatternStarEnd, &[("pattern", pat)]);
                self.push(format!("{path}.permission"), message);
            } else if !s
                .model
                .permissions
                .iter()
                .any(|p| p.id.starts_with(prefix) && p.seat.is_none())
            {
                let message = self.w.say(Msg::PatternMatchesNothing, &[("pattern", pat)]);
                self.push(format!("{path}.permission"), message);
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
                        let message = self.w.say(Msg::ScopeNotRecord, &[("permission", pat)]);
                        self.push(format!("{path}.scope"), message);
                    }
                    if !p.record && !g.teams.is_empty() {
                        let message = self.w.say(Msg::TeamsNotRecord, &[("permission", pat)]);
                        self.push(format!("{path}.teams"), message);
                    }
                    if direct {
                        if let Some(f) = &p.feature {
                            if !self.plan_has(f) {
                                let plan = self.plan_label();
                                let message = self.w.say(
                                    Msg::PermissionFeature,
                                    &[("permission", pat), ("feature", f), ("plan", &plan)],
                                );
                                self.push(format!("{path}.permission"), message);
                            }
                        }
                    }
                }
            }
        }
    }

    /// A grant's `except`: only on a pattern, each entry a known permission
    /// or a pattern (ending in its only `*`) that takes out some of what the
    /// grant's pattern covers, and not all of it.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn grant_except(&mut self, g: &Grant, path: &str) {
        if g.except.is_empty() {
            return;
        }
        let Some(covered) = g.permission.strip_suffix('*') else {
            let message = self
                .w
                .say(Msg::ExceptOnePermission, &[("permission", &g.permission)]);
            self.push(format!("{path}.except"), message);
            return;
        };
        let s = self.s;
        let seatless = |prefix: &str| {
            s.model
                .permissions
                .iter()
                .any(|p| p.id.starts_with(prefix) && p.seat.is_none())
        };
        for (j, x) in g.except.iter().enumerate() {
            let at = format!("{path}.except[{j}]");
            let wrong = match x.strip_suffix('*') {
                Some(prefix) if prefix.contains('*') => Some(Msg::PatternStarEnd),
                Some(prefix) if covered.starts_with(prefix) => Some(Msg::ExceptEverything),
                Some(prefix) if !seatless(prefix) => Some(Msg::PatternMatchesNothing),
                Some(prefix) if !prefix.starts_with(covered) => Some(Msg::ExceptOutside),
                Some(_) => None,
                None => {
                    let known = self.names.perms.get(x);
                    match known.and_then(|p| s.model.permissions.get(p as usize)) {
                        None => {
                            self.unknown(at, x, "permission");
                            continue;
                        }
                        Some(p) if !x.starts_with(covered) || p.seat.is_some() => {
                            Some(Msg::ExceptNotGranted)
                        }
                        Some(_) => None,
                    }
                }
            };
            if let Some(m) = wrong {
                let args = [
                    ("pattern", x.as_str()),
                    ("permission", x.as_str()),
                    ("grant", g.permission.as_str()),
                ];
                let message = self.w.say(m, &args);
                self.push(at, message);
            }
        }
    }

    /// A grant's `feature`: a known one and, for a `direct` grant, one the
    /// plan has.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn grant_feature(&mut self, g: &Grant, f: &str, path: &str, direct: bool) {
        let found = self.names.features.get(f);
        self.known(found, f, || format!("{path}.feature"), "feature");
        // INVARIANT: an id from the feature name table is the index of a
        // feature of the model.
        let feature = found.and_then(|x| self.s.model.features.get(x as usize));
        if let Some(feature) = feature.filter(|_| direct && !self.plan_has(f)) {
            let label = feature.label.as_deref().unwrap_or(f);
            let plan = self.plan_label();
            let message = self.w.say(
                Msg::GrantFeature,
                &[
                    ("permission", &g.permission),
                    ("feature", f),
                    ("label", label),
                    ("plan", &plan),
                ],
            );
            self.push(format!("{path}.feature"), message);
        }
    }
}
