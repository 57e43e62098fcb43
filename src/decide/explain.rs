//! Words for a verdict: one line a tooltip can show, plus the ids behind it.

use super::answer::{Code, Explanation};
use super::check::Verdict;
use super::context::Context;
use super::resolve::IdOf;
use super::some_record::place_open;
use crate::compile::compiled::{self, level, Assignment, Origin, Place, Scope};
use crate::compile::condition::{Cond, Truth};
use crate::compile::Engine;
use crate::index::{covers, NONE};
use crate::messages::{fill, Msg, Words};

/// "unknown user `x`": a name of kind `kind` that the engine does not know.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn unknown(w: Words<'_>, kind: Msg, name: &str) -> String {
    w.say(
        Msg::UnknownName,
        &[("kind", w.template(kind)), ("name", name), ("near", "")],
    )
}

#[cfg_attr(rolegate_size, optimize(size))]
fn label(label: &Option<String>, id: &str) -> String {
    label.clone().unwrap_or_else(|| id.to_owned())
}

impl Engine {
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn perm_label(&self, p: u32) -> String {
        self.snap
            .model
            .permissions
            .get(p as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    /// The id of role `r`.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn role_id(&self, r: u32) -> Option<String> {
        self.snap.model.roles.get(r as usize).map(|x| x.id.clone())
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn role_label(&self, r: u32) -> String {
        self.snap
            .model
            .roles
            .get(r as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn unit_label(&self, u: u32) -> String {
        self.snap
            .org
            .units
            .get(u as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }
    #[cfg_attr(rolegate_size, optimize(size))]
    fn team_label(&self, t: u32) -> String {
        self.snap
            .org
            .teams
            .get(t as usize)
            .map(|x| label(&x.label, &x.id))
            .unwrap_or_default()
    }

    /// Where an assignment applies, in words (" at London", " for team Sales").
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(super) fn where_held(&self, w: Words<'_>, at: Place) -> String {
        match at {
            Place::Org => String::new(),
            Place::Unit(u) => w.say(Msg::AtUnit, &[("unit", &self.unit_label(u))]),
            Place::Team(t) => w.say(Msg::ForTeam, &[("team", &self.team_label(t))]),
        }
    }

    /// Where a role is held, at each of `places` (" at London, Manchester
    /// and Leeds", " at London and for team Sales").
    #[cfg_attr(rolegate_size, optimize(size))]
    fn where_all_held(&self, w: Words<'_>, places: impl Iterator<Item = Place>) -> String {
        let (mut units, mut teams) = (Vec::new(), Vec::new());
        for place in places {
            match place {
                Place::Org => {}
                Place::Unit(u) => units.push(self.unit_label(u)),
                Place::Team(t) => teams.push(self.team_label(t)),
            }
        }
        let mut pieces = Vec::new();
        if !units.is_empty() {
            pieces.push(w.say(Msg::AtUnit, &[("unit", &w.and_list(&units))]));
        }
        if !teams.is_empty() {
            pieces.push(w.say(Msg::ForTeam, &[("team", &w.and_list(&teams))]));
        }
        let pieces: Vec<String> = pieces.iter().map(|p| p.trim_start().to_owned()).collect();
        format!(" {}", w.and_list(&pieces))
    }

    /// Builds the explanation of `v` in the words of `w`; `user_name` /
    /// `perm_name` are used only for unknown names.
    #[allow(clippy::too_many_arguments)]
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn words(
        &self,
        w: Words<'_>,
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
                let words = self.granted_words(w, assign, grant, &perm_label);
                match self.on_some_records(w, u, p, v, ctx) {
                    Some(which) => {
                        x.on_some_records = Some(true);
                        format!("{words}, {which}")
                    }
                    None => words,
                }
            }
            Code::NoGrant => self.no_grant(w, u, p, &perm_label, &mut x),
            Code::OutOfScope => {
                let scope = grant
                    .map(|g| self.scope_words(w, &g.scope))
                    .unwrap_or_default();
                w.say(
                    Msg::OutOfScope,
                    &[("permission", &perm_label), ("scope", &scope)],
                )
            }
            Code::ConditionFailed => match grant.and_then(|g| g.because.as_deref()) {
                Some(because) => w.say(
                    Msg::ConditionBecause,
                    &[("permission", &perm_label), ("because", because)],
                ),
                None => w.say(Msg::ConditionFailed, &[("permission", &perm_label)]),
            },
            Code::Restricted => self.restricted_words(w, v.restriction, ctx, &perm_label, &mut x),
            Code::NeedsSeat => self.seat_words(w, p, &mut x),
            Code::PlanLacksFeature => self.plan_words(w, p, &mut x),
            Code::UnknownUser => unknown(w, Msg::KindUser, user_name),
            Code::UnknownPermission => unknown(w, Msg::KindPermission, perm_name),
            Code::UnknownRole => unknown(w, Msg::KindRole, perm_name),
            Code::UnknownContext => self.unknown_context(w, ctx),
            Code::Escalation | Code::WouldBeInvalid | Code::EngineLost => String::new(),
        };
        x
    }

    /// The ids behind a verdict: the deciding role and where it is held,
    /// and the toggle of a toggle's grant.
    #[cfg_attr(rolegate_size, optimize(size))]
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
    #[cfg_attr(rolegate_size, optimize(size))]
    fn granted_words(
        &self,
        w: Words<'_>,
        assign: Option<Assignment>,
        grant: Option<&compiled::Grant>,
        perm_label: &str,
    ) -> String {
        match (assign, grant.map(|g| g.origin)) {
            (Some(a), _) => w.say(
                Msg::AllowedByRole,
                &[
                    ("role", &self.role_label(a.role)),
                    ("where", &self.where_held(w, a.place)),
                ],
            ),
            (None, Some(Origin::Toggle(t))) => {
                let t = self
                    .snap
                    .model
                    .toggles
                    .get(t as usize)
                    .map(|t| label(&t.label, &t.id))
                    .unwrap_or_default();
                w.say(Msg::AllowedByToggle, &[("toggle", &t)])
            }
            _ => w.say(Msg::AllowedDirectly, &[("permission", perm_label)]),
        }
    }

    /// Without a record, allowed by verdict `v` on some records but maybe
    /// not all: which, in words ("on your own records only", "when ...").
    /// `None` on every record (or with a record).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn on_some_records(
        &self,
        w: Words<'_>,
        user: u32,
        perm: u32,
        v: Verdict,
        ctx: &Context,
    ) -> Option<String> {
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
            if place_open(a.place, &c) {
                // The words before say where ("by the User role at London").
                parts.push(w.template(Msg::OnRecordsThere).to_owned());
            }
        }
        if !g.scope.is_all() {
            let scope = self.scope_words(w, &g.scope);
            parts.push(w.say(Msg::OnScopeOnly, &[("scope", &scope)]));
        }
        let env = self.env(user, &c);
        let unknown = |k: &Cond| k.truth(&env) != Truth::True;
        if self.conds.get(g.cond as usize).is_some_and(unknown) {
            parts.push(match &g.because {
                Some(because) => w.say(Msg::WhenBecause, &[("because", because)]),
                None => w.template(Msg::UnderRecordCondition).to_owned(),
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
            parts.push(w.template(Msg::OnSomeRecords).to_owned());
        }
        Some(parts.join(", "))
    }

    /// The restriction's own message, with `{team}`, `{unit}` and
    /// `{permission}` filled in.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn restricted_words(
        &self,
        w: Words<'_>,
        restriction: u32,
        ctx: &Context,
        perm_label: &str,
        x: &mut Explanation,
    ) -> String {
        let r = self.snap.model.restrictions.get(restriction as usize);
        x.restriction = r.map(|r| r.id.clone());
        let reason = self.restriction_text(restriction, ctx, perm_label);
        w.say(Msg::Restricted, &[("reason", &reason)])
    }

    /// Restriction `r`'s message, with `{team}`, `{unit}` and `{permission}`
    /// filled in.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn restriction_text(&self, r: u32, ctx: &Context, perm_label: &str) -> String {
        let r = self.snap.model.restrictions.get(r as usize);
        let c = self.resolve_named(ctx);
        // A slice's stand-in for a place out of reach is named as the check
        // names it (it has no label of its own).
        let rec = ctx.record.as_ref();
        let named = |given: [Option<&String>; 2]| given.into_iter().flatten().next().cloned();
        let team = c.map(|c| match c.team {
            t if t == self.elsewhere.team && t != NONE => {
                let derived = rec.is_some_and(|r| r.team.is_none() && c.record_team == t);
                let given = [rec.and_then(|r| r.team.as_ref()), ctx.team.as_ref()];
                named(given).filter(|_| !derived).unwrap_or_default()
            }
            t => self.team_label(t),
        });
        let unit = c.map(|c| match c.unit {
            u if u == self.elsewhere.unit && u != NONE => {
                named([rec.and_then(|r| r.unit.as_ref()), ctx.unit.as_ref()]).unwrap_or_default()
            }
            u => self.unit_label(u),
        });
        let (team, unit) = (team.unwrap_or_default(), unit.unwrap_or_default());
        let text = r.map(|r| r.message.as_str()).unwrap_or_default();
        fill(
            text,
            &[("team", &team), ("unit", &unit), ("permission", perm_label)],
        )
    }

    /// The missing seat, by the role that carries it (one that also grants
    /// the permission, if any).
    #[cfg_attr(rolegate_size, optimize(size))]
    fn seat_words(&self, w: Words<'_>, p: u32, x: &mut Explanation) -> String {
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
                w.say(Msg::NeedsSeatRole, &[("role", &self.role_label(r))])
            }
            None => {
                let s = model
                    .seats
                    .iter()
                    .find(|s| s.id == seat)
                    .map(|s| label(&s.label, &s.id))
                    .unwrap_or_default();
                w.say(Msg::NeedsSeat, &[("seat", &s)])
            }
        }
    }

    /// The plan feature that is missing, and the plan that lacks it.
    #[cfg_attr(rolegate_size, optimize(size))]
    fn plan_words(&self, w: Words<'_>, p: u32, x: &mut Explanation) -> String {
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
        w.say(
            Msg::PlanLacksFeature,
            &[("plan", &plabel), ("feature", &flabel)],
        )
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn role_grants_perm(&self, r: u32, p: u32) -> bool {
        let span = self.role_grant_span(r, p);
        span.end > span.start
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn no_grant(
        &self,
        w: Words<'_>,
        u: u32,
        p: u32,
        perm_label: &str,
        x: &mut Explanation,
    ) -> String {
        // A role the user holds that would grant it, but not here: named
        // with every place it is held at.
        let user = self.users.get(u as usize);
        let held = user
            .and_then(|uc| self.assigns.get(uc.assigns.range()))
            .unwrap_or(&[]);
        if let Some(a) = held
            .iter()
            .find(|a| self.role_grants_perm(a.role, p) && a.place != Place::Org)
        {
            x.would_be_granted_by = self.role_id(a.role);
            let places = held.iter().filter(|b| b.role == a.role).map(|b| b.place);
            return w.say(
                Msg::ComesWithRole,
                &[
                    ("permission", perm_label),
                    ("role", &self.role_label(a.role)),
                    ("where", &self.where_all_held(w, places)),
                ],
            );
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
            .map(|t| w.say(Msg::TheToggle, &[("toggle", &label(&t.label, &t.id))]))
            .collect();
        let mut parts = Vec::new();
        if !granting.is_empty() {
            let names: Vec<String> = granting.iter().map(|&r| self.role_label(r)).collect();
            parts.push(w.say(Msg::TheRoles, &[("roles", &w.or_list(&names))]));
        }
        parts.extend(toggles);
        if let Some(options) = parts
            .into_iter()
            .reduce(|rest, last| w.say(Msg::ListOr, &[("rest", &rest), ("last", &last)]))
        {
            w.say(Msg::Needs, &[("options", &options)])
        } else if self.perms.get(p as usize).is_some_and(|x| x.direct) {
            w.say(Msg::GrantedOnlyDirectly, &[("permission", perm_label)])
        } else {
            w.say(Msg::NothingGrants, &[("permission", perm_label)])
        }
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn scope_words(&self, w: Words<'_>, s: &Scope) -> String {
        let mut parts = Vec::new();
        let m = s.mask;
        for (bit, words) in [
            (level::OWN, Msg::ScopeOwn),
            (level::SUBORDINATES, Msg::ScopeSubordinates),
            (level::PEERS, Msg::ScopePeers),
            (level::MANAGER, Msg::ScopeManager),
            (level::TEAM, Msg::ScopeTeam),
            (level::MANAGED_TEAMS, Msg::ScopeManagedTeams),
        ] {
            if m & bit != 0 {
                parts.push(w.template(words).to_owned());
            }
        }
        for &t in self.team_lists.get(s.teams.range()).unwrap_or(&[]) {
            parts.push(w.say(Msg::ScopeListedTeam, &[("team", &self.team_label(t))]));
        }
        match parts.is_empty() {
            true => w.template(Msg::ScopeNone).to_owned(),
            false => w.and_list(&parts),
        }
    }

    #[cfg_attr(rolegate_size, optimize(size))]
    fn unknown_context(&self, w: Words<'_>, ctx: &Context) -> String {
        let none = None;
        let rec = ctx.record.as_ref();
        let (owner, team, unit) = match rec {
            Some(r) => (&r.owner, &r.team, &r.unit),
            None => (&none, &none, &none),
        };
        let checks: [(Msg, &Option<String>, IdOf); 5] = [
            (Msg::KindUnit, &ctx.unit, Engine::unit_id),
            (Msg::KindTeam, &ctx.team, Engine::team_id),
            (Msg::KindRecordOwner, owner, Engine::owner_id),
            (Msg::KindRecordTeam, team, Engine::team_id),
            (Msg::KindRecordUnit, unit, Engine::unit_id),
        ];
        for (what, name, id) in checks {
            if let Some(name) = name.as_deref().filter(|x| id(self, x).is_none()) {
                return unknown(w, what, name);
            }
        }
        w.template(Msg::UnknownContext).to_owned()
    }
}
