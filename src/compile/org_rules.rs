//! Organisation rules checked on the compiled engine: how many hold a role,
//! roles that require other roles or user attributes, roles per user (at
//! each place and in total), seats. The reporting rules are in
//! `reporting.rs`, the team managers' in `team_rules.rs`.

use super::compiled;
use super::condition::{Cond, Env};
use super::{Engine, Place};
use crate::messages::{Msg, Words};
use crate::problem::Problem;
use crate::snapshot::{Count, Level, Requirement, Role, User};

/// A role of the model, its holder condition compiled once, and the users
/// found holding it directly, with their index (in snapshot order).
struct RoleTally<'a> {
    role: &'a Role,
    requires_user: Option<(Cond, &'a Requirement)>,
    holders: Vec<(usize, &'a User)>,
}

/// How many names a message lists before "and N more".
const NAMED: usize = 10;

impl Engine {
    /// Errors and warnings (advised holder counts, then seats used beyond
    /// purchased) of the org's rules.
    ///
    /// Errors come user by user (for each directly held role: required
    /// roles, then required attributes; then roles per place, or else in
    /// total), then role by role (how many hold it), then the reporting
    /// rules and the team managers.
    pub(crate) fn org_rules(&self) -> (Vec<Problem>, Vec<Problem>) {
        let mut tallies: Vec<RoleTally<'_>> = self
            .snap
            .model
            .roles
            .iter()
            .map(|role| RoleTally {
                role,
                requires_user: role
                    .requires_user
                    .as_ref()
                    .map(|q| (Cond::compile(&q.when), q)),
                holders: Vec::new(),
            })
            .collect();
        let mut errors = Vec::new();
        for (ui, (u, uc)) in self.snap.org.users.iter().zip(&self.users).enumerate() {
            for r in self.direct_roles(uc) {
                // INVARIANT: compiled assignments hold only role ids of the
                // model, and there is one tally per role of the model.
                let Some(tally) = tallies.get_mut(r as usize) else {
                    continue;
                };
                tally.holders.push((ui, u));
                self.required_roles(ui, u, uc, tally.role, &mut errors);
                self.required_user_attributes(ui, u, tally, &mut errors);
            }
            let before = errors.len();
            self.roles_per_user(ui, u, uc, &mut errors);
            if errors.len() == before {
                self.roles_in_total(ui, u, uc, &mut errors);
            }
        }
        let mut warnings = Vec::new();
        let w = self.messages.words();
        role_holders(w, &tallies, &mut errors, &mut warnings);
        self.reporting_problems(&mut errors);
        self.team_manager_problems(&mut errors);
        warnings.extend(self.seat_warnings());
        (errors, warnings)
    }

    /// The assignments of a compiled user.
    fn user_assigns(&self, uc: &compiled::User) -> &[compiled::Assignment] {
        // INVARIANT: `uc.assigns` is the span of `self.assigns` compiled for
        // this user, so it is in range.
        self.assigns.get(uc.assigns.range()).unwrap_or(&[])
    }

    /// The roles a user is assigned directly, each once, in id order.
    fn direct_roles(&self, uc: &compiled::User) -> Vec<u32> {
        let mut direct: Vec<u32> = self.user_assigns(uc).iter().map(|a| a.role).collect();
        crate::index::sort_ids(&mut direct);
        direct.dedup();
        direct
    }

    /// Checks that user `ui`, holding `role`, also holds (directly or
    /// through includes) every known role that `role` requires.
    fn required_roles(
        &self,
        ui: usize,
        u: &User,
        uc: &compiled::User,
        role: &Role,
        errors: &mut Vec<Problem>,
    ) {
        // INVARIANT: `uc.held` is the span of `self.held` compiled for this
        // user, so it is in range.
        let held = self.held.get(uc.held.range()).unwrap_or(&[]);
        let w = self.messages.words();
        for req in &role.requires {
            let Some(q) = self.names.roles.get(req) else {
                continue;
            };
            if held.binary_search(&q).is_ok() {
                continue;
            }
            // INVARIANT: `q` comes from the model's role name table, so it
            // is the index of a role of the model.
            let label = self
                .snap
                .model
                .roles
                .get(q as usize)
                .map(|x| x.label.clone().unwrap_or_else(|| x.id.clone()))
                .unwrap_or_default();
            errors.push(Problem::new(
                format!("org.users[{ui}].roles"),
                requires_message(w, &holder(w, &u.id), &role.id, req, &label),
            ));
        }
    }

    /// Checks that user `ui`, holding the tallied role, meets the role's
    /// `requiresUser` condition on their attributes (and the org's settings).
    fn required_user_attributes(
        &self,
        ui: usize,
        u: &User,
        tally: &RoleTally<'_>,
        errors: &mut Vec<Problem>,
    ) {
        let Some((cond, q)) = &tally.requires_user else {
            return;
        };
        let env = Env {
            user: Some(&u.attributes),
            org: Some(&self.snap.org.settings),
            ..Env::default()
        };
        if !cond.holds(&env) {
            let w = self.messages.words();
            errors.push(Problem::new(
                format!("org.users[{ui}].attributes"),
                requires_user_message(w, &holder(w, &u.id), &tally.role.id, &q.message),
            ));
        }
    }

    /// Checks the model's `rolesPerUser` for user `ui`: at most `max`
    /// assignments at any one place (places in order: org, units, teams),
    /// then at least `min` assignments in all.
    fn roles_per_user(&self, ui: usize, u: &User, uc: &compiled::User, errors: &mut Vec<Problem>) {
        let Some(limit) = self.snap.model.roles_per_user else {
            return;
        };
        let w = self.messages.words();
        if let Some(max) = limit.max {
            // Places as sortable keys (org, then units, then teams, by id),
            // counted by runs of equal keys.
            let keys: Vec<u64> = self
                .user_assigns(uc)
                .iter()
                .map(|a| place_key(&a.place))
                .collect();
            let key = |i: u32| keys.get(i as usize).copied().unwrap_or(u64::MAX);
            let mut order: Vec<u32> = (0..keys.len() as u32).collect();
            crate::index::merge_sort(&mut order, |a, b| key(a) < key(b));
            for run in order.chunk_by(|&a, &b| key(a) == key(b)) {
                let n = run.len() as u32;
                let Some(at) = run.first().map(|&i| place_of_key(key(i))) else {
                    continue;
                };
                if n <= max {
                    continue;
                }
                errors.push(Problem::new(
                    format!("org.users[{ui}].roles"),
                    too_many_roles_message(w, &holder(w, &u.id), n, &place(self, w, &at), max),
                ));
            }
        }
        if let Some(min) = limit.min {
            let n = uc.assigns.end - uc.assigns.start;
            if n < min {
                errors.push(Problem::new(
                    format!("org.users[{ui}].roles"),
                    too_few_roles_message(w, &holder(w, &u.id), n, min),
                ));
            }
        }
    }

    /// Checks the model's `rolesPerUserInTotal` for user `ui`: at most
    /// `max` and at least `min` different roles, wherever each is held.
    fn roles_in_total(&self, ui: usize, u: &User, uc: &compiled::User, errors: &mut Vec<Problem>) {
        let Some(limit) = self.snap.model.roles_per_user_in_total else {
            return;
        };
        let direct = self.direct_roles(uc);
        let w = self.messages.words();
        if let Some(message) = self.roles_in_total_problem(w, &holder(w, &u.id), &direct, limit) {
            errors.push(Problem::new(format!("org.users[{ui}].roles"), message));
        }
    }

    /// The problem of holding the different roles `direct` (ids, sorted)
    /// under the total `limit`, if any.
    #[cfg_attr(rolegate_size, optimize(size))]
    pub(crate) fn roles_in_total_problem(
        &self,
        w: Words<'_>,
        who: &str,
        direct: &[u32],
        limit: Count,
    ) -> Option<String> {
        let n = direct.len() as u32;
        if let Some(max) = limit.max.filter(|&max| n > max) {
            let roles: Vec<String> = direct
                .iter()
                .filter_map(|&r| self.snap.model.roles.get(r as usize))
                .map(|r| format!("`{}`", r.id))
                .collect();
            return Some(too_many_roles_in_total_message(w, who, &roles, max));
        }
        let min = limit.min.filter(|&min| n < min)?;
        Some(too_few_roles_in_total_message(w, who, n, min))
    }

    /// Warnings for each seat type used by more users than the org bought.
    fn seat_warnings(&self) -> Vec<Problem> {
        let s = &self.snap;
        let mut warnings = Vec::new();
        for (seat, holders) in s.model.seats.iter().zip(&self.seat_holders) {
            let used = holders.len();
            if let Some(&bought) = s.org.seats.get(&seat.id) {
                if used > bought as usize {
                    warnings.push(Problem::new(
                        crate::json::member("org.seats", &seat.id),
                        self.messages.words().say(
                            Msg::SeatsOver,
                            &[
                                ("used", &used.to_string()),
                                ("seat", &seat.id),
                                ("bought", &bought.to_string()),
                            ],
                        ),
                    ));
                }
            }
        }
        warnings
    }
}

/// Checks each role's `holders` count against the users holding it
/// directly: past `max`, one problem at the assignment of the first holder
/// too many (naming the holders before it and the others too many); below
/// `min`, one problem at the role's `holders`, saying what to do. A count
/// at the `warning` level gives warnings instead of errors.
fn role_holders(
    w: Words<'_>,
    tallies: &[RoleTally<'_>],
    errors: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
) {
    for (ri, tally) in tallies.iter().enumerate() {
        let role = tally.role;
        let Some(c) = role.holders else { continue };
        let advice = c.level == Level::Warning;
        let out = if advice { &mut *warnings } else { &mut *errors };
        let n = tally.holders.len() as u32;
        if let Some(max) = c.max {
            let (kept, over) = tally
                .holders
                .split_at((max as usize).min(tally.holders.len()));
            if let Some(&(ui, first)) = over.first() {
                let j = first
                    .roles
                    .iter()
                    .position(|a| a.role == role.id)
                    .unwrap_or(0);
                let message = if advice {
                    advised_max_holders_message(w, &role.id, max, &ids(kept), &ids(over))
                } else {
                    too_many_holders_message(w, &role.id, max, &ids(kept), &ids(over))
                };
                out.push(Problem::new(format!("org.users[{ui}].roles[{j}]"), message));
            }
        }
        if let Some(min) = c.min {
            if n < min {
                let message = if advice {
                    advised_min_holders_message(w, &role.id, min, n)
                } else {
                    too_few_holders_message(w, &role.id, min, n)
                };
                out.push(Problem::new(format!("model.roles[{ri}].holders"), message));
            }
        }
    }
}

/// The ids of `holders`, each in backticks.
fn ids(holders: &[(usize, &User)]) -> Vec<String> {
    holders.iter().map(|(_, u)| format!("`{}`", u.id)).collect()
}

/// `names` as "`a`, `b` and `c`" (at most [`NAMED`], then "and N more").
#[cfg_attr(rolegate_size, optimize(size))]
fn name_list(w: Words<'_>, names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(NAMED).cloned().collect();
    let rest = names.len().saturating_sub(NAMED);
    if rest > 0 {
        shown.push(w.say(Msg::AndMore, &[("n", &rest.to_string())]));
    }
    w.and_list(&shown)
}

// The words of each problem, shared with `can_assign`, which answers an
// assignment that would make the org invalid with the problem its next load
// would report. `who` is "user `id`" (see [`holder`]). Each is a template
// of the catalogue (`crate::messages`), in the locale of `w`.

/// "user `id`": who a problem is about.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn holder(w: Words<'_>, id: &str) -> String {
    w.say(Msg::Holder, &[("user", id)])
}

/// A role held without a role it requires.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn requires_message(
    w: Words<'_>,
    who: &str,
    role: &str,
    req: &str,
    req_label: &str,
) -> String {
    w.say(
        Msg::RequiresRole,
        &[
            ("who", who),
            ("role", role),
            ("required", req),
            ("label", req_label),
        ],
    )
}

/// A role held by someone who does not meet its `requiresUser`.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn requires_user_message(
    w: Words<'_>,
    who: &str,
    role: &str,
    requirement: &str,
) -> String {
    w.say(
        Msg::RequiresUser,
        &[("who", who), ("role", role), ("requirement", requirement)],
    )
}

/// More roles at one place than `rolesPerUser` allows.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_many_roles_message(
    w: Words<'_>,
    who: &str,
    n: u32,
    place: &str,
    max: u32,
) -> String {
    let roles = w.count(Msg::RolesOne, Msg::RolesMany, n);
    let max = max.to_string();
    w.say(
        Msg::TooManyRoles,
        &[
            ("who", who),
            ("roles", &roles),
            ("place", place),
            ("max", &max),
        ],
    )
}

/// Fewer roles than `rolesPerUser` requires.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_few_roles_message(w: Words<'_>, who: &str, n: u32, min: u32) -> String {
    let roles = w.count(Msg::RolesOne, Msg::RolesMany, n);
    let min = min.to_string();
    w.say(
        Msg::TooFewRoles,
        &[("who", who), ("roles", &roles), ("min", &min)],
    )
}

/// More different roles in all than `rolesPerUserInTotal` allows: `roles`,
/// the ids held (each in backticks).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_many_roles_in_total_message(
    w: Words<'_>,
    who: &str,
    roles: &[String],
    max: u32,
) -> String {
    let n = u32::try_from(roles.len()).unwrap_or(u32::MAX);
    let different = w.count(Msg::DifferentRolesOne, Msg::DifferentRolesMany, n);
    w.say(
        Msg::TooManyRolesInTotal,
        &[
            ("who", who),
            ("roles", &different),
            ("names", &name_list(w, roles)),
            ("max", &max.to_string()),
        ],
    )
}

/// Fewer different roles in all than `rolesPerUserInTotal` requires.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_few_roles_in_total_message(w: Words<'_>, who: &str, n: u32, min: u32) -> String {
    let roles = w.count(Msg::RolesOne, Msg::RolesMany, n);
    let different = w.count(Msg::DifferentRolesOne, Msg::DifferentRolesMany, min);
    w.say(
        Msg::TooFewRolesInTotal,
        &[("who", who), ("roles", &roles), ("min", &different)],
    )
}

/// How many hold a role, in words: "nobody holds it", "1 holds it", "3
/// hold it".
#[cfg_attr(rolegate_size, optimize(size))]
fn held_words(w: Words<'_>, n: u32) -> String {
    match n {
        0 => w.template(Msg::NobodyHolds).to_owned(),
        1 => w.template(Msg::OneHolds).to_owned(),
        n => w.say(Msg::SomeHold, &[("n", &n.to_string())]),
    }
}

/// More holders than the role's advised `holders.max` (a warning).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn advised_max_holders_message(
    w: Words<'_>,
    role: &str,
    max: u32,
    kept: &[String],
    over: &[String],
) -> String {
    let all: Vec<String> = kept.iter().chain(over).cloned().collect();
    let n = u32::try_from(all.len()).unwrap_or(u32::MAX);
    w.say(
        Msg::AdvisedMaxHolders,
        &[
            ("role", role),
            ("users", &w.count(Msg::UsersOne, Msg::UsersMany, max)),
            ("held", &held_words(w, n)),
            ("names", &name_list(w, &all)),
        ],
    )
}

/// Fewer holders than the role's advised `holders.min` (a warning).
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn advised_min_holders_message(w: Words<'_>, role: &str, min: u32, n: u32) -> String {
    w.say(
        Msg::AdvisedMinHolders,
        &[
            ("role", role),
            ("users", &w.count(Msg::UsersOne, Msg::UsersMany, min)),
            ("held", &held_words(w, n)),
        ],
    )
}

/// More holders than the role's `holders.max`: `kept`, the first `max`
/// holders in snapshot order (each in backticks), and `over`, the others.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_many_holders_message(
    w: Words<'_>,
    role: &str,
    max: u32,
    kept: &[String],
    over: &[String],
) -> String {
    let already = match kept {
        [] => w.template(Msg::NobodyMayHold).to_owned(),
        [_] => w.say(Msg::HoldsAlreadyOne, &[("names", &name_list(w, kept))]),
        _ => w.say(Msg::HoldsAlreadyMany, &[("names", &name_list(w, kept))]),
    };
    let names = name_list(w, over);
    let too_many = match over {
        [_] => w.say(Msg::OneTooMany, &[("names", &names)]),
        _ => w.say(
            Msg::SomeTooMany,
            &[("names", &names), ("n", &over.len().to_string())],
        ),
    };
    let users = w.count(Msg::UsersOne, Msg::UsersMany, max);
    w.say(
        Msg::TooManyHolders,
        &[
            ("role", role),
            ("users", &users),
            ("already", &already),
            ("over", &too_many),
        ],
    )
}

/// Fewer holders than the role's `holders.min`: `n` hold it.
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn too_few_holders_message(w: Words<'_>, role: &str, min: u32, n: u32) -> String {
    let held = held_words(w, n);
    let more = min.saturating_sub(n);
    let more = match n {
        0 => w.count(Msg::UsersOne, Msg::UsersMany, more),
        _ => w.count(Msg::MoreUsersOne, Msg::MoreUsersMany, more),
    };
    let assignment = format!("{{\"role\": \"{role}\"}}");
    w.say(
        Msg::TooFewHolders,
        &[
            ("role", role),
            ("users", &w.count(Msg::UsersOne, Msg::UsersMany, min)),
            ("held", &held),
            ("more", &more),
            ("assignment", &assignment),
        ],
    )
}

/// Sort key of a place: org-wide first, then units, then teams, by id.
fn place_key(at: &Place) -> u64 {
    let (kind, id) = match at {
        Place::Org => (0u64, 0u32),
        Place::Unit(u) => (1, *u),
        Place::Team(t) => (2, *t),
    };
    kind << 32 | u64::from(id)
}

/// The place of a [`place_key`].
fn place_of_key(key: u64) -> Place {
    let id = (key & u64::from(u32::MAX)) as u32;
    match key >> 32 {
        0 => Place::Org,
        1 => Place::Unit(id),
        _ => Place::Team(id),
    }
}

/// Words for a place, e.g. "at unit `sales`".
#[cfg_attr(rolegate_size, optimize(size))]
pub(crate) fn place(e: &Engine, w: Words<'_>, at: &Place) -> String {
    // INVARIANT: a compiled place names a unit or team by its index in the
    // snapshot's org, so the lookups below are in range.
    let org = &e.snap.org;
    match at {
        Place::Org => w.template(Msg::PlaceOrg).to_owned(),
        Place::Unit(u) => {
            let unit = org.units.get(*u as usize).map(|x| x.id.as_str());
            w.say(Msg::PlaceUnit, &[("unit", unit.unwrap_or_default())])
        }
        Place::Team(t) => {
            let team = org.teams.get(*t as usize).map(|x| x.id.as_str());
            w.say(Msg::PlaceTeam, &[("team", team.unwrap_or_default())])
        }
    }
}
