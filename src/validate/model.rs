//! The model's checks: unique ids, the size limits of compiling, and the
//! references of permissions, plans, roles, toggles and restrictions.

use super::Checker;
use crate::index::limits::include_budget;
use crate::index::{role_closure, Closure, Ids};
use crate::messages::Msg;
use crate::snapshot::{Count, Restriction, Role, Unless};

impl Checker<'_> {
    /// Every problem of the model, in this order: ids, locale and message
    /// overrides, size limits, permissions, plans, roles, include cycles,
    /// toggles, restrictions, role assignment, the rules on roles in
    /// total, reporting and team managers.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn model(&mut self) {
        self.model_ids();
        self.locale_and_messages();
        let roles = &self.s.model.roles;
        let includes = roles.iter().map(|r| r.includes.len()).sum();
        let budget = include_budget(roles.len(), includes);
        let closure = role_closure(self.s, self.names, budget);
        self.model_limits(&closure, budget);
        self.permissions();
        self.plans();
        for (i, r) in self.s.model.roles.iter().enumerate() {
            self.role(i, r);
        }
        if let Ok(closure) = closure {
            self.include_cycles(&closure);
            self.closure = closure;
        }
        self.toggles();
        for (i, r) in self.s.model.restrictions.iter().enumerate() {
            self.restriction(i, r);
        }
        self.role_assignment();
        self.org_rule_settings();
    }

    /// Empty and duplicate ids of each list of the model.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn model_ids(&mut self) {
        let m = &self.s.model;
        self.unique(
            m.permissions.iter().map(|x| x.id.as_str()),
            &self.names.perms,
            "model.permissions",
            "permission",
        );
        self.unique(
            m.features.iter().map(|x| x.id.as_str()),
            &self.names.features,
            "model.features",
            "feature",
        );
        self.unique(
            m.plans.iter().map(|x| x.id.as_str()),
            &self.names.plans,
            "model.plans",
            "plan",
        );
        self.unique(
            m.seats.iter().map(|x| x.id.as_str()),
            &self.names.seats,
            "model.seats",
            "seat",
        );
        self.unique(
            m.roles.iter().map(|x| x.id.as_str()),
            &self.names.roles,
            "model.roles",
            "role",
        );
        self.unique(
            m.toggles.iter().map(|x| x.id.as_str()),
            &self.names.toggles,
            "model.toggles",
            "toggle",
        );
        let restriction_ids = Ids::new(m.restrictions.iter().map(|x| x.id.as_str()));
        self.unique(
            m.restrictions.iter().map(|x| x.id.as_str()),
            &restriction_ids,
            "model.restrictions",
            "restriction",
        );
    }

    /// Permissions: ids without `*`, known features and seats.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn permissions(&mut self) {
        for (i, p) in self.s.model.permissions.iter().enumerate() {
            if p.id.contains('*') {
                let message = self.w.say(Msg::StarInPermissionId, &[("id", &p.id)]);
                self.push(format!("model.permissions[{i}].id"), message);
            }
            if let Some(f) = &p.feature {
                self.known(
                    self.names.features.get(f),
                    f,
                    || format!("model.permissions[{i}].feature"),
                    "feature",
                );
            }
            if let Some(x) = &p.seat {
                self.known(
                    self.names.seats.get(x),
                    x,
                    || format!("model.permissions[{i}].seat"),
                    "seat",
                );
            }
        }
    }

    /// Plans: known features.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn plans(&mut self) {
        for (i, p) in self.s.model.plans.iter().enumerate() {
            for (j, f) in p.features.iter().enumerate() {
                self.known(
                    self.names.features.get(f),
                    f,
                    || format!("model.plans[{i}].features[{j}]"),
                    "feature",
                );
            }
        }
    }

    /// Role `i`: known included, required and assignable roles (`*` for
    /// every role), a known seat, its holder condition over `user.*`, its
    /// holder count, its grants.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn role(&mut self, i: usize, r: &Role) {
        let path = format!("model.roles[{i}]");
        for (j, inc) in r.includes.iter().enumerate() {
            self.known(
                self.names.roles.get(inc),
                inc,
                || format!("{path}.includes[{j}]"),
                "role",
            );
        }
        for (j, req) in r.requires.iter().enumerate() {
            self.known(
                self.names.roles.get(req),
                req,
                || format!("{path}.requires[{j}]"),
                "role",
            );
        }
        for (j, a) in r.assigns.iter().enumerate() {
            if a != "*" {
                self.known(
                    self.names.roles.get(a),
                    a,
                    || format!("{path}.assigns[{j}]"),
                    "role",
                );
            }
        }
        if let Some(x) = &r.seat {
            self.known(
                self.names.seats.get(x),
                x,
                || format!("{path}.seat"),
                "seat",
            );
        }
        if let Some(req) = &r.requires_user {
            self.condition(
                &req.when,
                &format!("{path}.requiresUser.when"),
                &["user"],
                0,
            );
        }
        if let Some(h) = r.holders {
            let c = Count {
                min: h.min,
                max: h.max,
            };
            self.count(c, &format!("{path}.holders"));
        }
        for (j, g) in r.grants.iter().enumerate() {
            self.grant(g, &format!("{path}.grants[{j}]"), false);
        }
    }

    /// Roles that include themselves through a cycle of includes.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn include_cycles(&mut self, closure: &Closure) {
        for (i, role) in self.s.model.roles.iter().enumerate() {
            let mut includes = role.includes.iter().filter_map(|x| self.names.roles.get(x));
            // On a cycle when an included role reaches back to this one.
            // INVARIANT: `inc` comes from the role name table and the closure
            // has one entry per role, so the lookup is in range.
            let reaches_back = |inc: u32| closure.of(inc).binary_search(&(i as u32)).is_ok();
            if includes.any(reaches_back) {
                let message = self.w.say(Msg::IncludeCycle, &[("role", &role.id)]);
                self.push(format!("model.roles[{i}].includes"), message);
            }
        }
    }

    /// Toggles: a known feature, their grants.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn toggles(&mut self) {
        for (i, t) in self.s.model.toggles.iter().enumerate() {
            if let Some(f) = &t.feature {
                self.known(
                    self.names.features.get(f),
                    f,
                    || format!("model.toggles[{i}].feature"),
                    "feature",
                );
            }
            for (j, g) in t.grants.iter().enumerate() {
                self.grant(g, &format!("model.toggles[{i}].grants[{j}]"), false);
            }
        }
    }

    /// Restriction `i`: known permissions (patterns ending in `*` are not
    /// looked up), its condition, its exceptions, a message.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn restriction(&mut self, i: usize, r: &Restriction) {
        let path = format!("model.restrictions[{i}]");
        for (j, p) in r.permissions.iter().enumerate() {
            if !p.ends_with('*') {
                self.known(
                    self.names.perms.get(p),
                    p,
                    || format!("{path}.permissions[{j}]"),
                    "permission",
                );
            }
        }
        self.condition(
            &r.when,
            &format!("{path}.when"),
            &["user", "record", "org", "team"],
            0,
        );
        if let Some(u) = &r.unless {
            self.restriction_unless(&path, u);
        }
        if r.message.trim().is_empty() {
            let message = self.w.template(Msg::RestrictionNeedsMessage).to_owned();
            self.push(format!("{path}.message"), message);
        }
    }

    /// A restriction's `unless` (at `path.unless`): known teams and roles,
    /// a well-formed condition.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn restriction_unless(&mut self, path: &str, u: &Unless) {
        for (j, t) in u.teams.iter().enumerate() {
            self.known(
                self.names.teams.get(t),
                t,
                || format!("{path}.unless.teams[{j}]"),
                "team",
            );
        }
        for (j, x) in u.roles.iter().enumerate() {
            self.known(
                self.names.roles.get(x),
                x,
                || format!("{path}.unless.roles[{j}]"),
                "role",
            );
        }
        if let Some(c) = &u.when {
            self.condition(
                c,
                &format!("{path}.unless.when"),
                &["user", "record", "org", "team"],
                0,
            );
        }
    }

    /// Role assignment settings: the `rolesPerUser` count, a known
    /// `assignPermission`.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn role_assignment(&mut self) {
        let m = &self.s.model;
        if let Some(c) = m.roles_per_user {
            self.count(c, "model.rolesPerUser");
        }
        if let Some(p) = &m.assign_permission {
            self.known(
                self.names.perms.get(p),
                p,
                || "model.assignPermission".into(),
                "permission",
            );
        }
    }
}
