//! Organisation rules checked on the compiled engine: how many hold a role,
//! roles that require other roles or user attributes, roles per user, seats.

use super::condition::{Cond, Env};
use super::{Engine, Place};
use crate::problem::Problem;
use std::collections::HashMap;

impl Engine {
    /// Errors and warnings (seats used beyond purchased) of the org's rules.
    pub(crate) fn org_rules(&self) -> (Vec<Problem>, Vec<Problem>) {
        let e = self;
        let s = &e.snap;
        let m = &s.model;
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let role_label = |r: usize| {
            m.roles
                .get(r)
                .map(|x| x.label.clone().unwrap_or_else(|| x.id.clone()))
                .unwrap_or_default()
        };

        let requirements: Vec<Option<Cond>> = m
            .roles
            .iter()
            .map(|r| r.requires_user.as_ref().map(|q| Cond::compile(&q.when)))
            .collect();
        let mut holders: Vec<Vec<usize>> = vec![Vec::new(); m.roles.len()];
        for (ui, (u, uc)) in s.org.users.iter().zip(&e.users).enumerate() {
            let held = e.held.get(uc.held.range()).unwrap_or(&[]);
            let holds = |r: u32| held.binary_search(&r).is_ok();
            // Directly assigned roles (each counted once per user).
            let mut direct: Vec<u32> = e
                .assigns
                .get(uc.assigns.range())
                .unwrap_or(&[])
                .iter()
                .map(|a| a.role)
                .collect();
            direct.sort_unstable();
            direct.dedup();
            for &r in &direct {
                if let Some(h) = holders.get_mut(r as usize) {
                    h.push(ui);
                }
                let Some(role) = m.roles.get(r as usize) else {
                    continue;
                };
                for req in &role.requires {
                    if e.names.roles.get(req).is_some_and(|q| !holds(q)) {
                        let q = e
                            .names
                            .roles
                            .get(req)
                            .map(|q| role_label(q as usize))
                            .unwrap_or_default();
                        errors.push(Problem::new(
                            format!("org.users[{ui}].roles"),
                            format!(
                                "user `{}` holds role `{}`, which requires role `{req}` ({q}) too",
                                u.id, role.id
                            ),
                        ));
                    }
                }
                if let (Some(Some(cond)), Some(q)) =
                    (requirements.get(r as usize), &role.requires_user)
                {
                    let env = Env {
                        user: Some(&u.attributes),
                        org: Some(&s.org.settings),
                        ..Env::default()
                    };
                    if !cond.holds(&env) {
                        errors.push(Problem::new(
                            format!("org.users[{ui}].attributes"),
                            format!(
                                "user `{}` holds role `{}`, whose holder must meet: {}",
                                u.id, role.id, q.message
                            ),
                        ));
                    }
                }
            }
            if let Some(limit) = m.roles_per_user {
                let mut per_place: HashMap<Place, u32> = HashMap::new();
                for a in e.assigns.get(uc.assigns.range()).unwrap_or(&[]) {
                    *per_place.entry(a.place).or_default() += 1;
                }
                if let Some(max) = limit.max {
                    let mut places: Vec<(&Place, &u32)> =
                        per_place.iter().filter(|(_, n)| **n > max).collect();
                    places.sort_by_key(|(at, _)| place_order(at));
                    for (at, n) in places {
                        errors.push(Problem::new(
                        format!("org.users[{ui}].roles"),
                        format!("user `{}` holds {n} role{} {}, but the model allows at most {max} per user", u.id, plural(*n), place(e, at)),
                    ));
                    }
                }
                if let Some(min) = limit.min {
                    let n = uc.assigns.end - uc.assigns.start;
                    if n < min {
                        errors.push(Problem::new(
                            format!("org.users[{ui}].roles"),
                            format!(
                                "user `{}` holds {n} role{}, but the model requires at least {min}",
                                u.id,
                                plural(n)
                            ),
                        ));
                    }
                }
            }
        }
        for (ri, (role, h)) in m.roles.iter().zip(&holders).enumerate() {
            let Some(c) = role.holders else { continue };
            let n = h.len() as u32;
            let who: Vec<String> = h
                .iter()
                .filter_map(|&u| s.org.users.get(u))
                .map(|u| format!("`{}`", u.id))
                .collect();
            if let Some(max) = c.max {
                if n > max {
                    errors.push(Problem::new(
                        format!("model.roles[{ri}].holders"),
                        format!(
                            "role `{}` may be held by at most {max} user{}, but {n} hold it: {}",
                            role.id,
                            plural(max),
                            who.join(", ")
                        ),
                    ));
                }
            }
            if let Some(min) = c.min {
                if n < min {
                    errors.push(Problem::new(
                        format!("model.roles[{ri}].holders"),
                        format!(
                            "role `{}` must be held by at least {min} user{}, but {n} hold{} it",
                            role.id,
                            plural(min),
                            if n == 1 { "s" } else { "" }
                        ),
                    ));
                }
            }
        }
        for (seat, holders) in m.seats.iter().zip(&e.seat_holders) {
            let used = holders.len();
            if let Some(&bought) = s.org.seats.get(&seat.id) {
                if used > bought as usize {
                    warnings.push(Problem::new(
                        format!("org.seats.{}", seat.id),
                        format!(
                            "{used} `{}` seats are used but only {bought} purchased",
                            seat.id
                        ),
                    ));
                }
            }
        }
        (errors, warnings)
    }
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn place_order(at: &Place) -> (u8, u32) {
    match at {
        Place::Org => (0, 0),
        Place::Unit(u) => (1, *u),
        Place::Team(t) => (2, *t),
    }
}

fn place(e: &Engine, at: &Place) -> String {
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
