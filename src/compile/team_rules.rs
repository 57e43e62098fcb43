//! Teams and their managers, checked on the compiled org: every team has
//! as many managers as the model's `teamManagers.min`, and each holds the
//! role `teamManagers.role`.

use super::{Assignment, Engine, Place};
use crate::messages::{Msg, Words};
use crate::problem::Problem;

/// Where a user holds a role (directly or through includes): anywhere a
/// team's records can be (org-wide or at a unit), or for these teams.
#[derive(Debug, Default)]
pub(crate) struct Reach {
    anywhere: bool,
    teams: Vec<u32>,
}

impl Reach {
    /// Whether the role applies to team `t`'s records.
    pub(crate) fn covers(&self, t: u32) -> bool {
        self.anywhere || self.teams.binary_search(&t).is_ok()
    }
}

impl Engine {
    /// The problems of `teamManagers`, team by team: too few managers (at
    /// the team's `managers`), then each manager without the role (at the
    /// manager's place in that list).
    pub(crate) fn team_manager_problems(&self, errors: &mut Vec<Problem>) {
        let Some(rule) = &self.snap.model.team_managers else {
            return;
        };
        let w = self.messages.words();
        let role = rule.role.as_deref().and_then(|r| self.names.roles.get(r));
        let reach: Vec<Reach> = match role {
            Some(r) => self
                .users
                .iter()
                .map(|uc| self.reach(self.assigns.get(uc.assigns.range()).unwrap_or(&[]), r))
                .collect(),
            None => Vec::new(),
        };
        for (ti, team) in (0u32..).zip(&self.snap.org.teams) {
            let n = team.managers.len() as u32;
            if let Some(min) = rule.min.filter(|&min| n < min) {
                errors.push(Problem::new(
                    format!("org.teams[{ti}].managers"),
                    too_few_team_managers_message(w, &team.id, min, n),
                ));
            }
            let Some(r) = role else { continue };
            for (j, m) in team.managers.iter().enumerate() {
                let Some(u) = self.names.users.get(m) else {
                    continue;
                };
                if reach.get(u as usize).is_some_and(|x| x.covers(ti)) {
                    continue;
                }
                errors.push(Problem::new(
                    format!("org.teams[{ti}].managers[{j}]"),
                    self.team_manager_role_message(w, m, &team.id, r),
                ));
            }
        }
    }

    /// Where the assignments `held` give role `r`. Work: O(a log a) for
    /// `a` assignments (each role's include closure is sorted).
    pub(crate) fn reach(&self, held: &[Assignment], r: u32) -> Reach {
        let mut reach = Reach::default();
        for a in held {
            if self.closure.of(a.role).binary_search(&r).is_err() {
                continue;
            }
            match a.place {
                Place::Org | Place::Unit(_) => reach.anywhere = true,
                Place::Team(t) => reach.teams.push(t),
            }
        }
        crate::index::sort_ids(&mut reach.teams);
        reach
    }

    /// A team manager without the role team managers hold.
    pub(crate) fn team_manager_role_message(
        &self,
        w: Words<'_>,
        user: &str,
        team: &str,
        r: u32,
    ) -> String {
        let role = self.snap.model.roles.get(r as usize);
        let id = role.map(|x| x.id.as_str()).unwrap_or_default();
        let label = role.map(|x| x.label.as_deref().unwrap_or(&x.id));
        let label = label.unwrap_or_default();
        w.say(
            Msg::TeamManagerRole,
            &[
                ("user", user),
                ("team", team),
                ("role", id),
                ("label", label),
            ],
        )
    }
}

/// A team with fewer managers than `teamManagers.min`.
pub(crate) fn too_few_team_managers_message(w: Words<'_>, team: &str, min: u32, n: u32) -> String {
    let has = match n {
        0 => w.template(Msg::HasNone).to_owned(),
        n => w.say(Msg::HasSome, &[("n", &n.to_string())]),
    };
    let managers = w.count(Msg::ManagersOne, Msg::ManagersMany, min);
    w.say(
        Msg::TooFewTeamManagers,
        &[("team", team), ("managers", &managers), ("has", &has)],
    )
}
