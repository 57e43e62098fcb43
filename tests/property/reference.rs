//! The reference evaluator: naive on purpose.

use rolegate::snapshot::{
    AttrValue, Condition, Grant, Permission, Role, ScopeLevel, Team, Unit, User,
};
use rolegate::{Code, Context, Record, Snapshot};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// The attribute maps a condition reads.
pub(crate) struct Env<'a> {
    pub(crate) user: &'a BTreeMap<String, AttrValue>,
    pub(crate) record: Option<&'a BTreeMap<String, AttrValue>>,
    pub(crate) org: &'a BTreeMap<String, AttrValue>,
    pub(crate) team: Option<&'a BTreeMap<String, AttrValue>>,
}

impl Env<'_> {
    fn get(&self, path: &str) -> Option<&AttrValue> {
        let (source, key) = path.split_once('.')?;
        match source {
            "user" => self.user.get(key),
            "record" => self.record?.get(key),
            "org" => self.org.get(key),
            "team" => self.team?.get(key),
            _ => None,
        }
    }

    /// README "Conditions": exactly one form; a missing attribute equals
    /// nothing; `in` on a list attribute asks about any of its items;
    /// `inAttr` asks for membership in the other attribute's list (any item
    /// when the attribute is itself a list). Not documented, taken from the
    /// code: `inAttr` against a value that is not a list is plain equality.
    pub(crate) fn holds(&self, c: &Condition) -> bool {
        if let Some(all) = &c.all {
            return all.iter().all(|x| self.holds(x));
        }
        if let Some(any) = &c.any {
            return any.iter().any(|x| self.holds(x));
        }
        if let Some(not) = &c.not {
            return !self.holds(not);
        }
        let Some(path) = &c.attr else { return false };
        let a = self.get(path);
        if let Some(v) = &c.eq {
            return a.is_some_and(|a| a == v);
        }
        if let Some(vs) = &c.one_of {
            return match a {
                None => false,
                Some(AttrValue::List(items)) => items
                    .iter()
                    .any(|i| vs.iter().any(|v| *v == AttrValue::Str(i.clone()))),
                Some(a) => vs.iter().any(|v| a == v),
            };
        }
        if let Some(p) = c.present {
            return a.is_some() == p;
        }
        if let Some(other) = &c.eq_attr {
            return match (a, self.get(other)) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
        }
        if let Some(other) = &c.in_attr {
            return match (a, self.get(other)) {
                (Some(AttrValue::Str(s)), Some(AttrValue::List(items))) => items.contains(s),
                (Some(AttrValue::List(xs)), Some(AttrValue::List(items))) => {
                    xs.iter().any(|x| items.contains(x))
                }
                (Some(_), Some(AttrValue::List(_))) => false,
                (Some(a), Some(b)) => a == b,
                _ => false,
            };
        }
        false
    }
}

pub(crate) struct Reference<'a> {
    s: &'a Snapshot,
    /// How often each rule decided something, to show the generator reaches it.
    pub(crate) hits: RefCell<BTreeMap<&'static str, u64>>,
}

/// What the reference decides: the code and, when restricted, which restriction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decision {
    pub(crate) code: Code,
    pub(crate) restriction: Option<String>,
}

impl Decision {
    fn of(code: Code) -> Decision {
        Decision {
            code,
            restriction: None,
        }
    }
}

impl<'a> Reference<'a> {
    pub(crate) fn new(s: &'a Snapshot) -> Reference<'a> {
        Reference {
            s,
            hits: RefCell::new(BTreeMap::new()),
        }
    }

    /// Counts `what` and returns true.
    fn hit(&self, what: &'static str) -> bool {
        *self.hits.borrow_mut().entry(what).or_default() += 1;
        true
    }

    fn user(&self, id: &str) -> Option<&'a User> {
        self.s.org.users.iter().find(|u| u.id == id)
    }
    fn perm(&self, id: &str) -> Option<&'a Permission> {
        self.s.model.permissions.iter().find(|p| p.id == id)
    }
    fn role(&self, id: &str) -> Option<&'a Role> {
        self.s.model.roles.iter().find(|r| r.id == id)
    }
    fn unit(&self, id: &str) -> Option<&'a Unit> {
        self.s.org.units.iter().find(|u| u.id == id)
    }
    fn team(&self, id: &str) -> Option<&'a Team> {
        self.s.org.teams.iter().find(|t| t.id == id)
    }

    /// The named roles and every role they include, recursively.
    pub(crate) fn closure_of<'s>(
        s: &Snapshot,
        roles: impl Iterator<Item = &'s str>,
    ) -> BTreeSet<String> {
        fn visit(s: &Snapshot, id: &str, out: &mut BTreeSet<String>) {
            if !out.insert(id.to_owned()) {
                return;
            }
            if let Some(r) = s.model.roles.iter().find(|r| r.id == id) {
                for inc in &r.includes {
                    visit(s, inc, out);
                }
            }
        }
        let mut out = BTreeSet::new();
        for r in roles {
            visit(s, r, &mut out);
        }
        out
    }

    /// Every role the user holds anywhere (includes expanded).
    fn held(&self, u: &User) -> BTreeSet<String> {
        Reference::closure_of(self.s, u.roles.iter().map(|a| a.role.as_str()))
    }

    /// Whether unit `unit` is `top` or below it (walking parents).
    fn unit_within(&self, unit: &str, top: &str) -> bool {
        let mut at = Some(unit.to_owned());
        for _ in 0..=self.s.org.units.len() {
            match at {
                Some(ref u) if u == top => return true,
                Some(ref u) => at = self.unit(u).and_then(|x| x.parent.clone()),
                None => return false,
            }
        }
        false
    }

    /// Whether `owner` reports to `boss`, directly or not (walking managers).
    fn reports_to(&self, owner: &str, boss: &str) -> bool {
        let mut at = self.user(owner).and_then(|u| u.manager.clone());
        for _ in 0..=self.s.org.users.len() {
            match at {
                Some(ref m) if m == boss => return true,
                Some(ref m) => at = self.user(m).and_then(|x| x.manager.clone()),
                None => return false,
            }
        }
        false
    }

    /// Whether a grant pattern covers a permission: `*` and `prefix*` never
    /// cover seat-bound permissions.
    pub(crate) fn grant_covers(pattern: &str, p: &Permission) -> bool {
        match pattern.strip_suffix('*') {
            Some(prefix) => p.seat.is_none() && p.id.starts_with(prefix),
            None => pattern == p.id,
        }
    }

    /// Whether a restriction pattern covers a permission (seat-bound too).
    fn restriction_covers(pattern: &str, p: &Permission) -> bool {
        match pattern.strip_suffix('*') {
            Some(prefix) => p.id.starts_with(prefix),
            None => pattern == p.id,
        }
    }

    /// The record's team: its `team`, else its owner's primary (first) team.
    fn record_team<'r>(&'r self, rec: &'r Record) -> Option<&'r str> {
        match (&rec.team, &rec.owner) {
            (Some(t), _) => Some(t.as_str()),
            (None, Some(o)) => self
                .user(o)
                .and_then(|o| o.teams.first())
                .map(String::as_str),
            (None, None) => None,
        }
    }

    /// Whether the record is in scope (`levels` + explicit `teams`) of `u`.
    /// Without a record every scope matches; no levels and no teams is `all`.
    fn in_scope(
        &self,
        u: &User,
        levels: &[ScopeLevel],
        teams: &[String],
        rec: Option<&Record>,
    ) -> bool {
        let Some(rec) = rec else { return true };
        if (levels.is_empty() && teams.is_empty()) || levels.contains(&ScopeLevel::All) {
            return true;
        }
        if let Some(owner) = rec.owner.as_deref() {
            if levels.contains(&ScopeLevel::Own) && owner == u.id {
                return self.hit("scope own");
            }
            if levels.contains(&ScopeLevel::Subordinates) && self.reports_to(owner, &u.id) {
                let direct = self.user(owner).and_then(|o| o.manager.as_deref()) == Some(&u.id);
                return self.hit(if direct {
                    "scope subordinates (direct)"
                } else {
                    "scope subordinates (indirect)"
                });
            }
            if levels.contains(&ScopeLevel::Peers)
                && owner != u.id
                && u.manager.is_some()
                && self.user(owner).map(|o| &o.manager) == Some(&u.manager)
            {
                return self.hit("scope peers");
            }
            if levels.contains(&ScopeLevel::Manager) && u.manager.as_deref() == Some(owner) {
                return self.hit("scope manager");
            }
        }
        // Teams whose records are in scope.
        let mut ok: Vec<&str> = teams.iter().map(String::as_str).collect();
        if levels.contains(&ScopeLevel::Team) {
            ok.extend(u.teams.iter().map(String::as_str));
        }
        if levels.contains(&ScopeLevel::ManagedTeams) {
            ok.extend(
                self.s
                    .org
                    .teams
                    .iter()
                    .filter(|t| t.managers.contains(&u.id))
                    .map(|t| t.id.as_str()),
            );
        }
        let Some(t) = self.record_team(rec) else {
            return false;
        };
        if !ok.contains(&t) {
            return false;
        }
        if rec.team.is_none() {
            self.hit("scope via owner's primary team");
        }
        if teams.iter().any(|x| x == t) {
            self.hit("scope explicit teams")
        } else if levels.contains(&ScopeLevel::Team) && u.teams.iter().any(|x| x == t) {
            self.hit("scope team")
        } else {
            self.hit("scope managedTeams")
        }
    }

    pub(crate) fn decide(&self, user: &str, perm: &str, ctx: &Context) -> Decision {
        let Some(u) = self.user(user) else {
            return Decision::of(Code::UnknownUser);
        };
        let Some(p) = self.perm(perm) else {
            return Decision::of(Code::UnknownPermission);
        };
        let rec = ctx.record.as_ref();
        let known = ctx.unit.as_deref().is_none_or(|x| self.unit(x).is_some())
            && ctx.team.as_deref().is_none_or(|x| self.team(x).is_some())
            && rec.is_none_or(|r| {
                r.owner.as_deref().is_none_or(|x| self.user(x).is_some())
                    && r.team.as_deref().is_none_or(|x| self.team(x).is_some())
                    && r.unit.as_deref().is_none_or(|x| self.unit(x).is_some())
            });
        if !known {
            return Decision::of(Code::UnknownContext);
        }
        // The effective unit and team: the record's, else the context's
        // (the record's team being its `team`, else its owner's primary team).
        let unit = rec.and_then(|r| r.unit.as_deref()).or(ctx.unit.as_deref());
        let team = rec
            .and_then(|r| self.record_team(r))
            .or(ctx.team.as_deref());
        let env = Env {
            user: &u.attributes,
            record: rec.map(|r| &r.attributes),
            org: &self.s.org.settings,
            team: team.and_then(|t| self.team(t)).map(|t| &t.settings),
        };
        let held = self.held(u);

        // 1. Restrictions deny over every grant unless an exemption applies.
        for r in &self.s.model.restrictions {
            if !r
                .permissions
                .iter()
                .any(|x| Reference::restriction_covers(x, p))
            {
                continue;
            }
            if !env.holds(&r.when) {
                continue;
            }
            let exempt = r.unless.as_ref().is_some_and(|x| {
                ((!x.scope.is_empty() || !x.teams.is_empty())
                    && self.in_scope(u, &x.scope, &x.teams, rec)
                    && self.hit("exempt by scope"))
                    || (x.when.as_ref().is_some_and(|w| env.holds(w))
                        && self.hit("exempt by condition"))
                    || (x.roles.iter().any(|role| held.contains(role))
                        && self.hit("exempt by role"))
            });
            if !exempt {
                return Decision {
                    code: Code::Restricted,
                    restriction: Some(r.id.clone()),
                };
            }
        }
        // 2. The plan must include the permission's feature.
        if let (Some(plan), Some(f)) = (&self.s.org.plan, &p.feature) {
            let plan = self.s.model.plans.iter().find(|x| &x.id == plan);
            if !plan.is_some_and(|x| x.features.contains(f)) {
                return Decision::of(Code::PlanLacksFeature);
            }
        }
        // 3. A seat-bound permission needs a held role carrying the seat.
        if let Some(seat) = &p.seat {
            let has = held
                .iter()
                .any(|r| self.role(r).and_then(|r| r.seat.as_ref()) == Some(seat));
            if !has {
                return Decision::of(Code::NeedsSeat);
            }
        }
        // 4. Grants: from roles that apply here (includes expanded), toggles
        //    and direct grants.
        let mut grants: Vec<(&Grant, &'static str)> = Vec::new();
        for a in &u.roles {
            let how = match (&a.unit, &a.team) {
                (Some(top), _) => match unit {
                    Some(x) if x == top => "role at the unit",
                    Some(x) if self.unit_within(x, top) => "role at a unit above",
                    _ => continue,
                },
                (None, Some(t)) if team == Some(t.as_str()) => "role for the team",
                (None, Some(_)) => continue,
                (None, None) => "role org-wide",
            };
            for r in Reference::closure_of(self.s, std::iter::once(a.role.as_str())) {
                if let Some(role) = self.role(&r) {
                    let how = if r == a.role { how } else { "included role" };
                    grants.extend(role.grants.iter().map(|g| (g, how)));
                }
            }
        }
        for t in &u.toggles {
            if let Some(t) = self.s.model.toggles.iter().find(|x| &x.id == t) {
                grants.extend(t.grants.iter().map(|g| (g, "toggle")));
            }
        }
        grants.extend(u.grants.iter().map(|g| (g, "direct grant")));
        let mut closest = Code::NoGrant;
        for &(g, how) in grants
            .iter()
            .filter(|(g, _)| Reference::grant_covers(&g.permission, p))
        {
            if !self.in_scope(u, &g.scope, &g.teams, rec) {
                if closest == Code::NoGrant {
                    closest = Code::OutOfScope;
                }
                continue;
            }
            if g.when.as_ref().is_some_and(|w| !env.holds(w)) {
                closest = Code::ConditionFailed;
                continue;
            }
            self.hit(how);
            if g.permission.ends_with('*') {
                self.hit("pattern grant");
            }
            return Decision::of(Code::Granted);
        }
        Decision::of(closest)
    }
}
