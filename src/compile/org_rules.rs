//! Organisation rules checked on the compiled engine: how many hold a role,
//! roles that require other roles or user attributes, roles per user (at
//! each place and in total), seats. The reporting rules are in
//! `reporting.rs`, the team managers' in `team_rules.rs`.

use super::compiled;
use super::condition::{Cond, Env};
use super::{Engine, Place};
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
        role_holders(&tallies, &mut errors, &mut warnings);
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
                requires_message(&holder(&u.id), &role.id, req, &label),
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
            errors.push(Problem::new(
                format!("org.users[{ui}].attributes"),
                requires_user_message(&holder(&u.id), &tally.role.id, &q.message),
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
                    too_many_roles_message(&holder(&u.id), n, &place(self, &at), max),
                ));
            }
        }
        if let Some(min) = limit.min {
            let n = uc.assigns.end - uc.assigns.start;
            if n < min {
                errors.push(Problem::new(
                    format!("org.users[{ui}].roles"),
                    too_few_roles_message(&holder(&u.id), n, min),
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
        if let Some(message) = self.roles_in_total_problem(&holder(&u.id), &direct, limit) {
            errors.push(Problem::new(format!("org.users[{ui}].roles"), message));
        }
    }

    /// The problem of holding the different roles `direct` (ids, sorted)
    /// under the total `limit`, if any.
    pub(crate) fn roles_in_total_problem(
        &self,
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
            return Some(too_many_roles_in_total_message(who, &roles, max));
        }
        let min = limit.min.filter(|&min| n < min)?;
        Some(too_few_roles_in_total_message(who, n, min))
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
                        format!(
                            "{used} `{}` seats are used but only {bought} purchased",
                            seat.id
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
fn role_holders(tallies: &[RoleTally<'_>], errors: &mut Vec<Problem>, warnings: &mut Vec<Problem>) {
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
                    advised_max_holders_message(&role.id, max, &ids(kept), &ids(over))
                } else {
                    too_many_holders_message(&role.id, max, &ids(kept), &ids(over))
                };
                out.push(Problem::new(format!("org.users[{ui}].roles[{j}]"), message));
            }
        }
        if let Some(min) = c.min {
            if n < min {
                let message = if advice {
                    advised_min_holders_message(&role.id, min, n)
                } else {
                    too_few_holders_message(&role.id, min, n)
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
pub(crate) fn name_list(names: &[String]) -> String {
    let mut shown: Vec<String> = names.iter().take(NAMED).cloned().collect();
    let rest = names.len().saturating_sub(NAMED);
    let last = if rest > 0 {
        Some(format!("{rest} more"))
    } else {
        shown.pop()
    };
    match (shown.is_empty(), last) {
        (_, None) => String::new(),
        (true, Some(last)) => last,
        (false, Some(last)) => format!("{} and {last}", shown.join(", ")),
    }
}

// The words of each problem, shared with `can_assign`, which answers an
// assignment that would make the org invalid with the problem its next load
// would report. `who` is "user `id`" (see [`holder`]).

/// "user `id`": who a problem is about.
pub(crate) fn holder(id: &str) -> String {
    format!("user `{id}`")
}

/// A role held without a role it requires.
pub(crate) fn requires_message(who: &str, role: &str, req: &str, req_label: &str) -> String {
    format!("{who} holds role `{role}`, which requires role `{req}` ({req_label}) too")
}

/// A role held by someone who does not meet its `requiresUser`.
pub(crate) fn requires_user_message(who: &str, role: &str, requirement: &str) -> String {
    format!("{who} holds role `{role}`, whose holder must meet: {requirement}")
}

/// More roles at one place than `rolesPerUser` allows.
pub(crate) fn too_many_roles_message(who: &str, n: u32, place: &str, max: u32) -> String {
    format!(
        "{who} holds {n} role{} {place}, but the model allows at most {max} per user",
        plural(n)
    )
}

/// Fewer roles than `rolesPerUser` requires.
pub(crate) fn too_few_roles_message(who: &str, n: u32, min: u32) -> String {
    format!(
        "{who} holds {n} role{}, but the model requires at least {min}",
        plural(n)
    )
}

/// More different roles in all than `rolesPerUserInTotal` allows: `roles`,
/// the ids held (each in backticks).
pub(crate) fn too_many_roles_in_total_message(who: &str, roles: &[String], max: u32) -> String {
    format!(
        "{who} holds {} different roles ({}), but the model allows at most {max} per user in total, wherever held",
        roles.len(),
        name_list(roles)
    )
}

/// Fewer different roles in all than `rolesPerUserInTotal` requires.
pub(crate) fn too_few_roles_in_total_message(who: &str, n: u32, min: u32) -> String {
    format!(
        "{who} holds {n} role{}, but the model requires at least {min} different role{} per user",
        plural(n),
        plural(min)
    )
}

/// More holders than the role's advised `holders.max` (a warning).
pub(crate) fn advised_max_holders_message(
    role: &str,
    max: u32,
    kept: &[String],
    over: &[String],
) -> String {
    let all: Vec<String> = kept.iter().chain(over).cloned().collect();
    format!(
        "role `{role}` is advised for at most {max} user{}, but {} hold it: {}",
        plural(max),
        all.len(),
        name_list(&all)
    )
}

/// Fewer holders than the role's advised `holders.min` (a warning).
pub(crate) fn advised_min_holders_message(role: &str, min: u32, n: u32) -> String {
    let held = match n {
        0 => "nobody holds it".to_owned(),
        1 => "1 holds it".to_owned(),
        n => format!("{n} hold it"),
    };
    format!(
        "role `{role}` is advised for at least {min} user{}, but {held}",
        plural(min)
    )
}

/// More holders than the role's `holders.max`: `kept`, the first `max`
/// holders in snapshot order (each in backticks), and `over`, the others.
pub(crate) fn too_many_holders_message(
    role: &str,
    max: u32,
    kept: &[String],
    over: &[String],
) -> String {
    let already = match kept {
        [] => "nobody may hold it".to_owned(),
        [_] => format!("{} holds it already", name_list(kept)),
        _ => format!("{} hold it already", name_list(kept)),
    };
    let too_many = match over {
        [_] => format!("{} is one too many", name_list(over)),
        _ => format!("{} are {} too many", name_list(over), over.len()),
    };
    format!(
        "role `{role}` may be held by at most {max} user{}, and {already}: {too_many}",
        plural(max)
    )
}

/// Fewer holders than the role's `holders.min`: `n` hold it.
pub(crate) fn too_few_holders_message(role: &str, min: u32, n: u32) -> String {
    let held = match n {
        0 => "nobody holds it".to_owned(),
        1 => "1 holds it".to_owned(),
        n => format!("{n} hold it"),
    };
    let more = min.saturating_sub(n);
    format!(
        "role `{role}` must be held by at least {min} user{}, but {held}: give it to {more}{} user{} (`{{\"role\": \"{role}\"}}` in their `roles`)",
        plural(min),
        if n == 0 { "" } else { " more" },
        plural(more),
    )
}

/// `"s"` for any count but one.
pub(crate) fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
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
pub(crate) fn place(e: &Engine, at: &Place) -> String {
    // INVARIANT: a compiled place names a unit or team by its index in the
    // snapshot's org, so the lookups below are in range.
    match at {
        Place::Org => "org-wide".to_owned(),
        Place::Unit(u) => format!(
            "at unit `{}`",
            e.snap
                .org
                .units
                .get(*u as usize)
                .map(|x| x.id.as_str())
                .unwrap_or_default()
        ),
        Place::Team(t) => format!(
            "for team `{}`",
            e.snap
                .org
                .teams
                .get(*t as usize)
                .map(|x| x.id.as_str())
                .unwrap_or_default()
        ),
    }
}
