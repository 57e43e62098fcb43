//! Structural checks: unique ids, resolvable references, acyclic trees,
//! well-formed conditions, features the plan has.

use crate::index::{on_cycles, role_closure, AttrPath, Ids, Names, NONE};
use crate::problem::Problem;
use crate::snapshot::{Condition, Grant, Snapshot};

/// Most roles x permissions: the compiled grant table has one cell per pair.
pub(crate) const MAX_ROLE_PERMISSION_PAIRS: usize = 1_000_000;

/// Deepest condition nesting accepted.
const MAX_DEPTH: usize = 32;

/// Every structural problem of `s`.
pub(crate) fn structure(s: &Snapshot, names: &Names) -> Vec<Problem> {
    let mut v = Checker {
        s,
        names,
        out: Vec::new(),
    };
    v.model();
    v.org();
    v.out
}

struct Checker<'a> {
    s: &'a Snapshot,
    names: &'a Names,
    out: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, path: String, message: String) {
        self.out.push(Problem { path, message });
    }

    /// Reports empty and duplicate ids of one list (duplicates as found by
    /// the name table).
    fn unique<'b>(
        &mut self,
        ids: impl Iterator<Item = &'b str>,
        table: &Ids,
        path: &str,
        what: &str,
    ) {
        let ids: Vec<&str> = ids.collect();
        for (i, id) in ids.iter().enumerate() {
            if id.is_empty() {
                self.push(format!("{path}[{i}].id"), format!("{what} id is empty"));
            }
        }
        for &i in &table.duplicates {
            let id = ids.get(i as usize).copied().unwrap_or_default();
            self.push(
                format!("{path}[{i}].id"),
                format!("duplicate {what} id `{id}`"),
            );
        }
    }

    /// Reports `name` as unknown at the path `path()` builds, unless `found`.
    fn known(&mut self, found: Option<u32>, name: &str, path: impl FnOnce() -> String, what: &str) {
        if found.is_none() {
            self.push(path(), format!("unknown {what} `{name}`"));
        }
    }

    fn plan_has(&self, feature: &str) -> bool {
        let s = self.s;
        match s.org.plan.as_deref().and_then(|p| self.names.plans.get(p)) {
            Some(p) => s
                .model
                .plans
                .get(p as usize)
                .is_some_and(|p| p.features.iter().any(|f| f == feature)),
            None => true,
        }
    }

    fn plan_label(&self) -> String {
        self.s.org.plan.clone().unwrap_or_default()
    }

    fn model(&mut self) {
        let s = self.s;
        let m = &s.model;
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
        let pairs = m.roles.len().saturating_mul(m.permissions.len());
        if pairs > MAX_ROLE_PERMISSION_PAIRS {
            self.push(
                "model".into(),
                format!(
                    "{} roles x {} permissions is more than the {MAX_ROLE_PERMISSION_PAIRS} role-permission pairs supported",
                    m.roles.len(),
                    m.permissions.len()
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
        for (i, p) in m.permissions.iter().enumerate() {
            if p.id.contains('*') {
                self.push(
                    format!("model.permissions[{i}].id"),
                    format!("permission id `{}` may not contain `*`", p.id),
                );
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
        for (i, p) in m.plans.iter().enumerate() {
            for (j, f) in p.features.iter().enumerate() {
                self.known(
                    self.names.features.get(f),
                    f,
                    || format!("model.plans[{i}].features[{j}]"),
                    "feature",
                );
            }
        }
        for (i, r) in m.roles.iter().enumerate() {
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
            if let Some(c) = r.holders {
                self.count(c, &format!("{path}.holders"));
            }
            for (j, g) in r.grants.iter().enumerate() {
                self.grant(g, &format!("{path}.grants[{j}]"), false);
            }
        }
        let closure = role_closure(s, self.names);
        for (i, role) in m.roles.iter().enumerate() {
            let mut includes = role.includes.iter().filter_map(|x| self.names.roles.get(x));
            // On a cycle when an included role reaches back to this one.
            let reaches_back = |inc: u32| {
                closure
                    .get(inc as usize)
                    .is_some_and(|c| c.binary_search(&(i as u32)).is_ok())
            };
            if includes.any(reaches_back) {
                self.push(
                    format!("model.roles[{i}].includes"),
                    format!("role `{}` includes itself through a cycle", role.id),
                );
            }
        }
        for (i, t) in m.toggles.iter().enumerate() {
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
        for (i, r) in m.restrictions.iter().enumerate() {
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
            if r.message.trim().is_empty() {
                self.push(
                    format!("{path}.message"),
                    "a restriction needs a message saying why it denies".into(),
                );
            }
        }
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

    fn count(&mut self, c: crate::snapshot::Count, path: &str) {
        if let (Some(lo), Some(hi)) = (c.min, c.max) {
            if lo > hi {
                self.push(path.into(), format!("min {lo} is greater than max {hi}"));
            }
        }
    }

    /// A grant: a known permission (or a pattern matching one), known teams,
    /// a scope only on record permissions, a well-formed condition. For a
    /// user's own grant (`direct`), the plan must have the permission's feature.
    fn grant(&mut self, g: &Grant, path: &str, direct: bool) {
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
            match self
                .names
                .perms
                .get(pat)
                .and_then(|p| s.model.permissions.get(p as usize))
            {
                None => self.push(
                    format!("{path}.permission"),
                    format!("unknown permission `{pat}`"),
                ),
                Some(p) => {
                    if !p.record && (!g.scope.is_empty() || !g.teams.is_empty()) {
                        self.push(
                            format!("{path}.scope"),
                            format!("permission `{pat}` is not record-scoped, so a grant of it cannot have a scope"),
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

    fn condition(&mut self, c: &Condition, path: &str, sources: &[&str], depth: usize) {
        if depth > MAX_DEPTH {
            self.push(
                path.into(),
                format!("conditions nest deeper than {MAX_DEPTH} levels"),
            );
            return;
        }
        let forms = [
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
            c.attr.is_some(),
        ];
        let n = forms.iter().filter(|x| **x).count();
        if n != 1 {
            self.push(
                path.into(),
                "a condition needs exactly one of `all`, `any`, `not` or `attr`".into(),
            );
            return;
        }
        for (key, list) in [("all", &c.all), ("any", &c.any)] {
            for (i, sub) in list.iter().flatten().enumerate() {
                self.condition(sub, &format!("{path}.{key}[{i}]"), sources, depth + 1);
            }
        }
        if let Some(sub) = &c.not {
            self.condition(sub, &format!("{path}.not"), sources, depth + 1);
        }
        let Some(attr) = &c.attr else {
            if c.eq.is_some()
                || c.one_of.is_some()
                || c.present.is_some()
                || c.eq_attr.is_some()
                || c.in_attr.is_some()
            {
                self.push(
                    path.into(),
                    "a comparison (`eq`, `in`, `present`, `eqAttr`, `inAttr`) needs `attr`".into(),
                );
            }
            return;
        };
        self.attr_path(attr, &format!("{path}.attr"), sources);
        let ops = [
            c.eq.is_some(),
            c.one_of.is_some(),
            c.present.is_some(),
            c.eq_attr.is_some(),
            c.in_attr.is_some(),
        ];
        if ops.iter().filter(|x| **x).count() != 1 {
            self.push(path.into(), format!("`attr` `{attr}` needs exactly one of `eq`, `in`, `present`, `eqAttr` or `inAttr`"));
        }
        if let Some(other) = &c.eq_attr {
            self.attr_path(other, &format!("{path}.eqAttr"), sources);
        }
        if let Some(other) = &c.in_attr {
            self.attr_path(other, &format!("{path}.inAttr"), sources);
        }
    }

    fn attr_path(&mut self, text: &str, path: &str, sources: &[&str]) {
        let ok = AttrPath::parse(text).is_some()
            && sources
                .iter()
                .any(|s| text.strip_prefix(s).is_some_and(|r| r.starts_with('.')));
        if !ok {
            let allowed: Vec<String> = sources.iter().map(|s| format!("`{s}.<key>`")).collect();
            self.push(
                path.into(),
                format!(
                    "attribute path `{text}` must be one of {}",
                    allowed.join(", ")
                ),
            );
        }
    }

    fn org(&mut self) {
        let s = self.s;
        let o = &s.org;
        if let Some(p) = &o.plan {
            self.known(self.names.plans.get(p), p, || "org.plan".into(), "plan");
        }
        for k in o.seats.keys() {
            self.known(
                self.names.seats.get(k),
                k,
                || format!("org.seats.{k}"),
                "seat",
            );
        }
        self.unique(
            o.units.iter().map(|x| x.id.as_str()),
            &self.names.units,
            "org.units",
            "unit",
        );
        self.unique(
            o.teams.iter().map(|x| x.id.as_str()),
            &self.names.teams,
            "org.teams",
            "team",
        );
        self.unique(
            o.users.iter().map(|x| x.id.as_str()),
            &self.names.users,
            "org.users",
            "user",
        );

        let mut unit_parent = Vec::with_capacity(o.units.len());
        for (i, u) in o.units.iter().enumerate() {
            let p = match &u.parent {
                Some(p) => {
                    self.known(
                        self.names.units.get(p),
                        p,
                        || format!("org.units[{i}].parent"),
                        "unit",
                    );
                    self.names.units.get(p).unwrap_or(NONE)
                }
                None => NONE,
            };
            unit_parent.push(p);
        }
        for i in on_cycles(&unit_parent) {
            let id = o.units.get(i).map(|u| u.id.as_str()).unwrap_or_default();
            self.push(
                format!("org.units[{i}].parent"),
                format!("unit `{id}` is its own ancestor (a cycle in the units tree)"),
            );
        }
        for (i, t) in o.teams.iter().enumerate() {
            for (j, m) in t.managers.iter().enumerate() {
                self.known(
                    self.names.users.get(m),
                    m,
                    || format!("org.teams[{i}].managers[{j}]"),
                    "user",
                );
            }
        }
        let mut managers = Vec::with_capacity(o.users.len());
        for (i, u) in o.users.iter().enumerate() {
            let m = match &u.manager {
                Some(m) => {
                    self.known(
                        self.names.users.get(m),
                        m,
                        || format!("org.users[{i}].manager"),
                        "user",
                    );
                    self.names.users.get(m).unwrap_or(NONE)
                }
                None => NONE,
            };
            managers.push(m);
            for (j, t) in u.teams.iter().enumerate() {
                self.known(
                    self.names.teams.get(t),
                    t,
                    || format!("org.users[{i}].teams[{j}]"),
                    "team",
                );
            }
            for (j, a) in u.roles.iter().enumerate() {
                self.known(
                    self.names.roles.get(&a.role),
                    &a.role,
                    || format!("org.users[{i}].roles[{j}].role"),
                    "role",
                );
                if let Some(x) = &a.unit {
                    self.known(
                        self.names.units.get(x),
                        x,
                        || format!("org.users[{i}].roles[{j}].unit"),
                        "unit",
                    );
                }
                if let Some(x) = &a.team {
                    self.known(
                        self.names.teams.get(x),
                        x,
                        || format!("org.users[{i}].roles[{j}].team"),
                        "team",
                    );
                }
                if a.unit.is_some() && a.team.is_some() {
                    self.push(
                        format!("org.users[{i}].roles[{j}]"),
                        "a role is held at a unit or for a team, not both".into(),
                    );
                }
            }
            for (j, t) in u.toggles.iter().enumerate() {
                let found = self.names.toggles.get(t);
                self.known(
                    found,
                    t,
                    || format!("org.users[{i}].toggles[{j}]"),
                    "toggle",
                );
                let feature = found
                    .and_then(|t| s.model.toggles.get(t as usize))
                    .and_then(|t| t.feature.as_deref());
                if let Some(f) = feature {
                    if !self.plan_has(f) {
                        self.push(
                            format!("org.users[{i}].toggles[{j}]"),
                            format!("toggle `{t}` needs feature `{f}`, which plan `{}` does not include", self.plan_label()),
                        );
                    }
                }
            }
            for (j, g) in u.grants.iter().enumerate() {
                self.grant(g, &format!("org.users[{i}].grants[{j}]"), true);
            }
        }
        for i in on_cycles(&managers) {
            let id = o.users.get(i).map(|u| u.id.as_str()).unwrap_or_default();
            self.push(
                format!("org.users[{i}].manager"),
                format!("user `{id}` reports to themselves (a cycle in the reporting tree)"),
            );
        }
    }
}
