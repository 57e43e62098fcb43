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
        self.grant_except(g, path);
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

    /// A grant's `except`: only on a pattern, each entry a known permission
    /// or a pattern (ending in its only `*`) that takes out some of what the
    /// grant's pattern covers, and not all of it.
    fn grant_except(&mut self, g: &Grant, path: &str) {
        if g.except.is_empty() {
            return;
        }
        let Some(covered) = g.permission.strip_suffix('*') else {
            self.push(
                format!("{path}.except"),
                format!("`except` needs a pattern in `permission` (such as `calls.*`), and `{}` is one permission", g.permission),
            );
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
            let pat = &g.permission;
            match x.strip_suffix('*') {
                Some(prefix) if prefix.contains('*') => {
                    self.push(at, format!("pattern `{x}` may only end with `*`"));
                }
                Some(prefix) if covered.starts_with(prefix) => {
                    self.push(at, format!("pattern `{x}` takes out everything `{pat}` grants, so the grant grants nothing"));
                }
                Some(prefix) if !seatless(prefix) => {
                    self.push(at, format!("pattern `{x}` matches no permission"));
                }
                Some(prefix) if !prefix.starts_with(covered) => {
                    self.push(
                        at,
                        format!("pattern `{x}` matches no permission that `{pat}` grants"),
                    );
                }
                Some(_) => {}
                None => match self
                    .names
                    .perms
                    .get(x)
                    .and_then(|p| s.model.permissions.get(p as usize))
                {
                    None => self.unknown(at, x, "permission"),
                    Some(p) if !x.starts_with(covered) || p.seat.is_some() => {
                        self.push(at, format!("permission `{x}` is not one that `{pat}` grants, so taking it out changes nothing"));
                    }
                    Some(_) => {}
                },
            }
        }
    }
}
