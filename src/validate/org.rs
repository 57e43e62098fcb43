//! The organisation's checks: its plan and seats, unique ids, the units
//! tree, teams, and each user's manager, teams, roles, toggles and grants.

use super::Checker;
use crate::index::{cycles, NONE};
use crate::snapshot::{Assignment, User};

/// The words of a cycle's problem: "`kind` `a` `link` `b`, `then` `a`: a
/// cycle in the `tree`", or "`kind` `a` `own`" for a cycle of one.
struct CycleWords {
    kind: &'static str,
    link: &'static str,
    then: &'static str,
    own: &'static str,
    tree: &'static str,
}

const UNITS: CycleWords = CycleWords {
    kind: "unit",
    link: "is inside",
    then: ", which is inside",
    own: "is inside itself",
    tree: "units tree",
};

const REPORTING: CycleWords = CycleWords {
    kind: "user",
    link: "reports to",
    then: ", who reports to",
    own: "reports to themselves",
    tree: "reporting tree",
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
                    self.push(path.clone(), direct_grant_message(&u.id, &g.permission));
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
        let CycleWords {
            kind,
            link,
            then,
            own,
            tree,
        } = words;
        let mut message = format!("{kind} `{}` ", id(first));
        match members.get(1..).unwrap_or_default() {
            [] => message.push_str(own),
            rest => {
                for (n, &m) in rest.iter().chain([&first]).enumerate() {
                    message.push_str(if n == 0 { link } else { then });
                    message.push_str(&format!(" `{}`", id(m)));
                }
            }
        }
        message.push_str(&format!(": a cycle in the {tree}"));
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
            self.push(
                format!("org.users[{i}].roles[{j}]"),
                "a role is held at a unit or for a team, not both".into(),
            );
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
                self.push(
                    format!("org.users[{i}].toggles[{j}]"),
                    format!(
                        "toggle `{t}` needs feature `{f}`, which plan `{}` does not include",
                        self.plan_label()
                    ),
                );
            }
        }
    }
}

/// A user's own grant in a model that allows none.
fn direct_grant_message(user: &str, permission: &str) -> String {
    format!("user `{user}` holds a grant of `{permission}` of their own, but the model allows no direct grants (`\"directGrants\": false`): give them a role that grants it instead")
}
