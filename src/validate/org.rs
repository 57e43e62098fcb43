//! The organisation's checks: its plan and seats, unique ids, the units
//! tree, teams, and each user's manager, teams, roles, toggles and grants.

use super::Checker;
use crate::index::{cycles, NONE};
use crate::messages::Msg;
use crate::snapshot::{Assignment, User};

/// The words of a cycle's problem: "unit `a` is inside `b`, which is
/// inside `a`: a cycle in the units tree" (`chain`, each next member by
/// `link`), or `own` for a cycle of one.
struct CycleWords {
    chain: Msg,
    link: Msg,
    own: Msg,
}

const UNITS: CycleWords = CycleWords {
    chain: Msg::CycleUnit,
    link: Msg::CycleUnitLink,
    own: Msg::CycleUnitSelf,
};

const REPORTING: CycleWords = CycleWords {
    chain: Msg::CycleUser,
    link: Msg::CycleUserLink,
    own: Msg::CycleUserSelf,
};

impl Checker<'_> {
    /// Every problem of the organisation, in this order: plan and seats,
    /// ids, units, teams, users (then the reporting line's cycles).
    pub(super) fn org(&mut self) {
        self.plan_and_seats();
        self.org_ids();
        self.units();
        self.teams();
        self.users();
    }

    /// A known plan, and seats bought only of known seat types.
    fn plan_and_seats(&mut self) {
        let o = &self.s.org;
        if let Some(p) = &o.plan {
            self.known(self.names.plans.get(p), p, || "org.plan".into(), "plan");
        }
        for k in o.seats.keys() {
            self.known(
                self.names.seats.get(k),
                k,
                || crate::json::member("org.seats", k),
                "seat",
            );
        }
    }

    /// Empty and duplicate ids of units, teams and users.
    fn org_ids(&mut self) {
        let o = &self.s.org;
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
    }

    /// The units tree: known parents, then each cycle (one problem).
    fn units(&mut self) {
        let units = &self.s.org.units;
        let mut parents = Vec::with_capacity(units.len());
        for (i, u) in units.iter().enumerate() {
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
            parents.push(p);
        }
        for cycle in cycles(&parents) {
            let ids = |i: usize| units.get(i).map_or("", |u| u.id.as_str());
            self.cycle(&cycle, ids, "org.units", "parent", &UNITS);
        }
    }

    /// Teams: known managers.
    fn teams(&mut self) {
        for (i, t) in self.s.org.teams.iter().enumerate() {
            for (j, m) in t.managers.iter().enumerate() {
                self.known(
                    self.names.users.get(m),
                    m,
                    || format!("org.teams[{i}].managers[{j}]"),
                    "user",
                );
            }
        }
    }

    /// Users, one by one (manager, teams, roles, toggles, grants), then
    /// each cycle of the reporting line (one problem).
    fn users(&mut self) {
        let users = &self.s.org.users;
        let mut managers = Vec::with_capacity(users.len());
        for (i, u) in users.iter().enumerate() {
            managers.push(self.manager(i, u));
            for (j, t) in u.teams.iter().enumerate() {
                self.known(
                    self.names.teams.get(t),
                    t,
                    || format!("org.users[{i}].teams[{j}]"),
                    "team",
                );
            }
            for (j, a) in u.roles.iter().enumerate() {
                self.user_role(i, j, a);
            }
            for (j, t) in u.toggles.iter().enumerate() {
                self.user_toggle(i, j, t);
            }
            for (j, g) in u.grants.iter().enumerate() {
                let path = format!("org.users[{i}].grants[{j}]");
                if self.s.model.direct_grants == Some(false) {
                    let message = self.w.say(
                        Msg::NoDirectGrants,
                        &[("user", &u.id), ("permission", &g.permission)],
                    );
                    self.push(path.clone(), message);
                }
                self.grant(g, &path, true);
            }
        }
        for cycle in cycles(&managers) {
            let ids = |i: usize| users.get(i).map_or("", |u| u.id.as_str());
            self.cycle(&cycle, ids, "org.users", "manager", &REPORTING);
        }
    }

    /// One problem for a cycle of `list` (its members' indices in parent
    /// order), at the `field` of its first member, naming every member.
    fn cycle<'i>(
        &mut self,
        members: &[usize],
        id: impl Fn(usize) -> &'i str,
        list: &str,
        field: &str,
        words: &CycleWords,
    ) {
        let Some(&first) = members.first() else {
            return;
        };
        let w = self.w;
        let first_id = id(first);
        let message = match members.get(1..).unwrap_or_default() {
            [] => w.say(words.own, &[("first", first_id)]),
            [next, rest @ ..] => {
                let mut chain = format!("`{}`", id(*next));
                for &m in rest.iter().chain([&first]) {
                    let next = format!("`{}`", id(m));
                    chain = w.say(words.link, &[("chain", &chain), ("next", &next)]);
                }
                w.say(words.chain, &[("first", first_id), ("chain", &chain)])
            }
        };
        self.push(format!("{list}[{first}].{field}"), message);
    }
    /// User `i`'s manager: known; its index (`NONE` without a known one).
    fn manager(&mut self, i: usize, u: &User) -> u32 {
        let Some(m) = &u.manager else {
            return NONE;
        };
        self.known(
            self.names.users.get(m),
            m,
            || format!("org.users[{i}].manager"),
            "user",
        );
        self.names.users.get(m).unwrap_or(NONE)
    }

    /// Role `j` of user `i`: a known role, held at a known unit or for a
    /// known team, not both.
    fn user_role(&mut self, i: usize, j: usize, a: &Assignment) {
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
            let message = self.w.template(Msg::UnitAndTeam).to_owned();
            self.push(format!("org.users[{i}].roles[{j}]"), message);
        }
    }

    /// Toggle `j` of user `i`: a known toggle whose feature the plan has.
    fn user_toggle(&mut self, i: usize, j: usize, t: &str) {
        let found = self.names.toggles.get(t);
        self.known(
            found,
            t,
            || format!("org.users[{i}].toggles[{j}]"),
            "toggle",
        );
        // INVARIANT: an id from the toggle name table is the index of a
        // toggle of the model.
        let feature = found
            .and_then(|t| self.s.model.toggles.get(t as usize))
            .and_then(|t| t.feature.as_deref());
        if let Some(f) = feature {
            if !self.plan_has(f) {
                let plan = self.plan_label();
                let message = self.w.say(
                    Msg::ToggleFeature,
                    &[("toggle", t), ("feature", f), ("plan", &plan)],
                );
                self.push(format!("org.users[{i}].toggles[{j}]"), message);
            }
        }
    }
}
