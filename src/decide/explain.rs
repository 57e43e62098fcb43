//! Words for a verdict: one line a tooltip can show, plus the ids behind it.

use super::answer::{Code, Explanation};
use super::check::Verdict;
use super::context::Context;
use crate::compile::compiled::{self, level, Assignment, Origin, Place, Scope};
use crate::compile::condition::{Cond, Truth};
use crate::compile::Engine;
use crate::index::{covers, NONE};

/// "A", "A or B", "A, B or C".
fn or_list(items: &[String]) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn label(label: &Option<String>, id: &str) -> String {
    label.clone().unwrap_or_else(|| id.to_owned())
}

impl Engine {
    pub(crate) fn perm_label(&self, p: u32) -> String {
        self.snap
            .model
            .permissions
            .get(p as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    /// The id of role `r`.
    pub(crate) fn role_id(&self, r: u32) -> Option<String> {
        self.snap.model.roles.get(r as usize).map(|x| x.id.clone())
    }
    pub(crate) fn role_label(&self, r: u32) -> String {
        self.snap
            .model
            .roles
            .get(r as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    fn unit_label(&self, u: u32) -> String {
        self.snap
            .org
            .units
            .get(u as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    fn team_label(&self, t: u32) -> String {
        self.snap
            .org
            .teams
            .get(t as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }

    /// Where an assignment applies, in words (" at London", " for team Sales").
    pub(super) fn where_held(&self, at: Place) -> String {
        match at {
            Place::Org => String::new(),
            Place::Unit(u) => format!(" at {}", self.unit_label(u)),
            Place::Team(t) => format!(" for team {}", self.team_label(t)),
        }
    }

    /// Builds the explanation of `v`; `user_name` / `perm_name` are used only
    /// for unknown names.
    pub(crate) fn words(
        &self,
        v: Verdict,
        u: u32,
        p: u32,
        ctx: &Context,
        user_name: &str,
        perm_name: &str,
    ) -> Explanation {
        let mut x = Explanation::new(v.code, String::new());
        let perm_label = self.perm_label(p);
        let assign = self.assigns.get(v.assign as usize).copied();
        let grant = self.grant_of(v.grant);
        self.ids_behind(assign, grant, &mut x);
        x.message = match v.code {
            Code::Granted => {
                let words = self.granted_words(assign, grant, &perm_label);
                match self.on_some_records(u, p, v, ctx) {
                    Some(which) => {
                        x.on_some_records = Some(true);
                        format!("{words}, {which}")
                    }
                    None => words,
                }
            }
            Code::NoGrant => self.no_grant(u, p, &perm_label, &mut x),
            Code::OutOfScope => {
                let scope = grant
                    .map(|g| self.scope_words(&g.scope))
                    .unwrap_or_default();
                format!("out of scope: {perm_label} is allowed on {scope} only")
            }
            Code::ConditionFailed => match grant.and_then(|g| g.because.as_deref()) {
                Some(because) => format!("{perm_label} is allowed only when {because}"),
                None => format!(
                    "{perm_label} is allowed only under a condition that does not hold here"
                ),
            },
            Code::Restricted => self.restricted_words(v.restriction, ctx, &perm_label, &mut x),
            Code::NeedsSeat => self.seat_words(p, &mut x),
            Code::PlanLacksFeature => self.plan_words(p, &mut x),
            Code::UnknownUser => format!("unknown user `{user_name}`"),
            Code::UnknownPermission => format!("unknown permission `{perm_name}`"),
            Code::UnknownRole => format!("unknown role `{perm_name}`"),
            Code::UnknownContext => self.unknown_context(ctx),
            Code::Escalation | Code::WouldBeInvalid | Code::EngineLost => String::new(),
        };
        x
    }

    /// The ids behind a verdict: the deciding role and where it is held,
    /// and the toggle of a toggle's grant.
    pub(super) fn ids_behind(
        &self,
        assign: Option<Assignment>,
        grant: Option<&compiled::Grant>,
        x: &mut Explanation,
    ) {
        let org = &self.snap.org;
        if let Some(a) = assign {
            x.role = self.role_id(a.role);
            match a.place {
                Place::Unit(unit) => x.unit = org.units.get(unit as usize).map(|r| r.id.clone()),
                Place::Team(team) => x.team = org.teams.get(team as usize).map(|r| r.id.clone()),
                Place::Org => {}
            }
        }
        if let Some(Origin::Toggle(t)) = grant.map(|g| g.origin) {
            x.toggle = self
                .snap
                .model
                .toggles
                .get(t as usize)
                .map(|t| t.id.clone());
        }
    }

    /// What allowed it: a role (and where), a toggle, or a direct grant.
    fn granted_words(
        &self,
        assign: Option<Assignment>,
        grant: Option<&compiled::Grant>,
        perm_label: &str,
    ) -> String {
        match (assign, grant.map(|g| g.origin)) {
            (Some(a), _) => format!(
                "allowed by the {} role{}",
                self.role_label(a.role),
                self.where_held(a.place)
            ),
            (None, Some(Origin::Toggle(t))) => {
                let t = self
                    .snap
                    .model
                    .toggles
                    .get(t as usize)
                    .map(|t| label(&t.label, &t.id))
                    .unwrap_or_default();
                format!("allowed by the {t} permission")
            }
            _ => format!("allowed: {perm_label} is granted to this user directly"),
        }
    }

    /// Without a record, allowed by verdict `v` on some records but maybe
    /// not all: which, in words ("on your own records only", "when ...").
    /// `None` on every record (or with a record).
    fn on_some_records(&self, user: u32, perm: u32, v: Verdict, ctx: &Context) -> Option<String> {
        if ctx.record.is_some() || v.code != Code::Granted {
            return None;
        }
        let c = self.resolve_named(ctx)?;
        if self.on_every_record(user, perm, &c, v) {
            return None;
        }
        let g = self.grant_of(v.grant)?;
        let mut parts = Vec::new();
        if let Some(a) = self.assigns.get(v.assign as usize) {
            let open = match a.place {
                Place::Org => false,
                Place::Unit(_) => c.unit == NONE,
                Place::Team(_) => c.team == NONE,
            };
            if open {
                // The words before say where ("by the User role at London").
                parts.push("on records there only".to_owned());
            }
        }
        if !g.scope.is_all() {
            parts.push(format!("on {} only", self.scope_words(&g.scope)));
        }
        let env = self.env(user, &c);
        let unknown = |k: &Cond| k.truth(&env) != Truth::True;
        if self.conds.get(g.cond as usize).is_some_and(unknown) {
            parts.push(match &g.because {
                Some(because) => format!("when {because}"),
                None => "under a condition on the record".to_owned(),
            });
        }
        // Restrictions that bind some records (it is allowed: on others).
        let label = self.perm_label(perm);
        let binding: Vec<u32> = self.partly_binding(user, perm, &env).collect();
        parts.extend(
            binding
                .into_iter()
                .map(|r| self.restriction_text(r, ctx, &label)),
        );
        if parts.is_empty() {
            parts.push("on some records only".to_owned());
        }
        Some(parts.join(", "))
    }

    /// The restriction's own message, with `{team}`, `{unit}` and
    /// `{permission}` filled in.
    fn restricted_words(
        &self,
        restriction: u32,
        ctx: &Context,
        perm_label: &str,
        x: &mut Explanation,
    ) -> String {
        let r = self.snap.model.restrictions.get(restriction as usize);
        x.restriction = r.map(|r| r.id.clone());
        format!(
            "restricted: {}",
            self.restriction_text(restriction, ctx, perm_label)
        )
    }

    /// Restriction `r`'s message, with `{team}`, `{unit}` and `{permission}`
    /// filled in.
    fn restriction_text(&self, r: u32, ctx: &Context, perm_label: &str) -> String {
        let r = self.snap.model.restrictions.get(r as usize);
        let c = self.resolve_named(ctx);
        let team = c.map(|c| self.team_label(c.team)).unwrap_or_default();
        let unit = c.map(|c| self.unit_label(c.unit)).unwrap_or_default();
        let text = r.map(|r| r.message.as_str()).unwrap_or_default();
        text.replace("{team}", &team)
            .replace("{unit}", &unit)
            .replace("{permission}", perm_label)
    }

    /// The missing seat, by the role that carries it (one that also grants
    /// the permission, if any).
    fn seat_words(&self, p: u32, x: &mut Explanation) -> String {
        let model = &self.snap.model;
        let perm = model.permissions.get(p as usize);
        let seat = perm.and_then(|p| p.seat.as_deref()).unwrap_or_default();
        x.seat = Some(seat.to_owned());
        let carriers: Vec<u32> = (0..self.roles as u32)
            .filter(|&r| model.roles.get(r as usize).and_then(|x| x.seat.as_deref()) == Some(seat))
            .collect();
        let granting = carriers.iter().find(|&&r| self.role_grants_perm(r, p));
        match granting.or(carriers.first()) {
            Some(&r) => {
                x.role = self.role_id(r);
                format!("needs the {} role (paid seat)", self.role_label(r))
            }
            None => {
                let s = model
                    .seats
                    .iter()
                    .find(|s| s.id == seat)
                    .map(|s| label(&s.label, &s.id))
                    .unwrap_or_default();
                format!("needs a {s} (paid seat)")
            }
        }
    }

    /// The plan feature that is missing, and the plan that lacks it.
    fn plan_words(&self, p: u32, x: &mut Explanation) -> String {
        let model = &self.snap.model;
        let perm = model.permissions.get(p as usize);
        let f = perm.and_then(|p| p.feature.as_deref()).unwrap_or_default();
        x.feature = Some(f.to_owned());
        let flabel = model
            .features
            .iter()
            .find(|x| x.id == f)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or(f.to_owned());
        let plan = self.snap.org.plan.as_deref().unwrap_or_default();
        let plabel = model
            .plans
            .iter()
            .find(|x| x.id == plan)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or(plan.to_owned());
        format!("the {plabel} plan does not include {flabel}")
    }

    pub(crate) fn role_grants_perm(&self, r: u32, p: u32) -> bool {
        let span = self.role_grant_span(r, p);
        span.end > span.start
    }

    fn no_grant(&self, u: u32, p: u32, perm_label: &str, x: &mut Explanation) -> String {
        // A role the user holds that would grant it, but not here.
        let user = self.users.get(u as usize);
        for a in user
            .and_then(|uc| self.assigns.get(uc.assigns.range()))
            .unwrap_or(&[])
        {
            if self.role_grants_perm(a.role, p) && a.place != Place::Org {
                x.would_be_granted_by = self.role_id(a.role);
                return format!(
                    "{perm_label} comes with your {} role, which applies{} only",
                    self.role_label(a.role),
                    self.where_held(a.place)
                );
            }
        }
        let granting: Vec<u32> = (0..self.roles as u32)
            .filter(|&r| self.role_grants_perm(r, p))
            .collect();
        x.would_be_granted_by = granting.first().and_then(|&r| self.role_id(r));
        let pid = self
            .snap
            .model
            .permissions
            .get(p as usize)
            .map(|x| x.id.as_str())
            .unwrap_or_default();
        let toggles: Vec<String> = self
            .snap
            .model
            .toggles
            .iter()
            .filter(|t| {
                t.grants
                    .iter()
                    .any(|g| covers(&g.permission, pid) && !g.except.iter().any(|x| covers(x, pid)))
            })
            .map(|t| format!("the {} permission", label(&t.label, &t.id)))
            .collect();
        let mut parts = Vec::new();
        if !granting.is_empty() {
            let names: Vec<String> = granting.iter().map(|&r| self.role_label(r)).collect();
            parts.push(format!("the {} role", or_list(&names)));
        }
        parts.extend(toggles);
        if !parts.is_empty() {
            format!("needs {}", parts.join(" or "))
        } else if self.direct.iter().any(|g| g.perm == p) {
            format!("{perm_label} is granted only to individual users directly")
        } else {
            format!("nothing grants {perm_label}")
        }
    }

    fn scope_words(&self, s: &Scope) -> String {
        let mut parts = Vec::new();
        let m = s.mask;
        for (bit, words) in [
            (level::OWN, "your own records"),
            (level::SUBORDINATES, "records of people who report to you"),
            (level::PEERS, "records of your peers"),
            (level::MANAGER, "records of your manager"),
            (level::TEAM, "records of your teams"),
            (level::MANAGED_TEAMS, "records of the teams you manage"),
        ] {
            if m & bit != 0 {
                parts.push(words.to_owned());
            }
        }
        for &t in self.team_lists.get(s.teams.range()).unwrap_or(&[]) {
            parts.push(format!("records of team {}", self.team_label(t)));
        }
        match parts.split_last() {
            None => "no records".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    fn unknown_context(&self, ctx: &Context) -> String {
        let none = None;
        let rec = ctx.record.as_ref();
        let (owner, team, unit) = match rec {
            Some(r) => (&r.owner, &r.team, &r.unit),
            None => (&none, &none, &none),
        };
        let n = &self.names;
        let checks = [
            ("unit", &ctx.unit, &n.units),
            ("team", &ctx.team, &n.teams),
            ("record owner", owner, &n.users),
            ("record team", team, &n.teams),
            ("record unit", unit, &n.units),
        ];
        for (what, name, ids) in checks {
            if let Some(name) = name.as_deref().filter(|x| ids.get(x).is_none()) {
                return format!("unknown {what} `{name}`");
            }
        }
        "the context names something unknown".to_owned()
    }
}
