//! Building a snapshot from the shapes (with the repairs that keep it valid).

use crate::reference::{Env, Reference};
use crate::shapes::{
    GCond, GCtx, GGrant, GModel, GName, GOp, GOrg, GPath, GTarget, GVal, GHOST, KEYS, LEVELS, NS,
    PATTERNS, STRS,
};
use proptest::sample::Index;
use rolegate::snapshot::{
    Assignment, AttrValue, Condition, Count, Feature, Grant, Holders, Level, Model, Org,
    Permission, Plan, Requirement, Restriction, Role, ScopeLevel, Seat, Team, Toggle, Unit, Unless,
    User,
};
use rolegate::{Context, Record, Snapshot};
use std::collections::BTreeMap;

pub(crate) fn pick(ix: &Index, len: usize) -> Option<usize> {
    (len > 0).then(|| ix.index(len))
}

fn name(i: usize) -> String {
    // Units, teams, users and roles share one naming scheme, so that a name
    // looked up in the wrong table would resolve to the wrong thing.
    format!("n{i}")
}

fn value(v: &GVal) -> AttrValue {
    match v {
        GVal::B(b) => AttrValue::Bool(*b),
        GVal::N(n) => AttrValue::Num(f64::from(*n) + 1.0),
        GVal::S(s) => AttrValue::Str(STRS[*s as usize % 3].to_owned()),
        GVal::L(l) => AttrValue::List(l.iter().map(|s| STRS[*s as usize % 3].to_owned()).collect()),
    }
}

fn attrs(list: &[(u8, GVal)]) -> BTreeMap<String, AttrValue> {
    list.iter()
        .map(|(k, v)| (KEYS[*k as usize % 3].to_owned(), value(v)))
        .collect()
}

fn path_text(p: &GPath, only_user: bool) -> String {
    let src = if only_user {
        "user"
    } else {
        ["user", "record", "org", "team"][p.src as usize % 4]
    };
    format!("{src}.{}", KEYS[p.key as usize % 3])
}

fn condition(c: &GCond, only_user: bool) -> Condition {
    match c {
        GCond::All(cs) => Condition {
            all: Some(cs.iter().map(|c| condition(c, only_user)).collect()),
            ..Condition::default()
        },
        GCond::Any(cs) => Condition {
            any: Some(cs.iter().map(|c| condition(c, only_user)).collect()),
            ..Condition::default()
        },
        GCond::Not(c) => Condition {
            not: Some(Box::new(condition(c, only_user))),
            ..Condition::default()
        },
        GCond::Cmp(p, op) => {
            let mut out = Condition {
                attr: Some(path_text(p, only_user)),
                ..Condition::default()
            };
            match op {
                GOp::Eq(v) => out.eq = Some(value(v)),
                GOp::In(vs) => out.one_of = Some(vs.iter().map(value).collect()),
                GOp::Present(b) => out.present = Some(*b),
                GOp::EqAttr(q) => out.eq_attr = Some(path_text(q, only_user)),
                GOp::InAttr(q) => out.in_attr = Some(path_text(q, only_user)),
            }
            out
        }
    }
}

/// A permutation of `0..n` from random keys (stable for equal keys).
fn order(n: usize, keys: &[u32]) -> Vec<usize> {
    let mut ix: Vec<usize> = (0..n).collect();
    ix.sort_by_key(|&i| (keys.get(i).copied().unwrap_or(0), i));
    ix
}

struct Builder<'a> {
    m: &'a GModel,
    perms: Vec<Permission>,
    teams: usize,
    plan_features: Option<Vec<String>>,
}

impl Builder<'_> {
    fn plan_has(&self, feature: &Option<String>) -> bool {
        match (&self.plan_features, feature) {
            (Some(fs), Some(f)) => fs.contains(f),
            _ => true,
        }
    }

    fn levels(&self, levels: &[u8]) -> Vec<ScopeLevel> {
        levels.iter().map(|l| LEVELS[*l as usize % 7]).collect()
    }

    fn team_names(&self, teams: &[Index]) -> Vec<String> {
        teams
            .iter()
            .filter_map(|t| pick(t, self.teams))
            .map(name)
            .collect()
    }

    /// A grant, or `None` when a direct grant names a permission whose
    /// feature the plan lacks (the loader rejects those).
    fn grant(&self, g: &GGrant, direct: bool) -> Option<Grant> {
        let exact = |ix: usize| -> (String, bool) {
            let p = &self.perms[ix % self.perms.len()];
            (p.id.clone(), p.record)
        };
        let matches_free = |pattern: &str| {
            let prefix = pattern.trim_end_matches('*');
            self.perms
                .iter()
                .any(|p| p.seat.is_none() && p.id.starts_with(prefix))
        };
        // Whether every permission a pattern covers is record-scoped. A
        // scoped pattern that also covers a permission without records is
        // left out: the documents do not say whether its scope then applies
        // (it does, in the engine), is ignored, or the pattern skips it.
        let only_records = |pattern: &str| {
            self.perms
                .iter()
                .filter(|p| Reference::grant_covers(pattern, p))
                .all(|p| p.record)
        };
        let (permission, record) = match &g.target {
            GTarget::Exact(ix) => exact(ix.index(self.perms.len())),
            GTarget::Star if matches_free("*") => ("*".to_owned(), only_records("*")),
            GTarget::Pattern(ix) if matches_free(PATTERNS[ix.index(PATTERNS.len())]) => {
                let pattern = PATTERNS[ix.index(PATTERNS.len())];
                (pattern.to_owned(), only_records(pattern))
            }
            GTarget::Star => exact(0),
            GTarget::Pattern(ix) => exact(ix.index(self.perms.len())),
        };
        if direct && !permission.ends_with('*') {
            let p = self.perms.iter().find(|p| p.id == permission)?;
            if !self.plan_has(&p.feature) {
                return None;
            }
        }
        let (scope, teams) = if record {
            (self.levels(&g.scope), self.team_names(&g.teams))
        } else {
            (Vec::new(), Vec::new())
        };
        Some(Grant {
            permission,
            except: Vec::new(),
            scope,
            teams,
            when: g.when.as_ref().map(|c| condition(c, false)),
            because: g.because.then(|| "the condition holds".to_owned()),
            feature: None,
        })
    }
}

pub(crate) fn build(m: &GModel, o: &GOrg) -> Snapshot {
    let features: Vec<Feature> = (0..m.features)
        .map(|i| Feature {
            id: format!("f{i}"),
            label: None,
        })
        .collect();
    let plans: Vec<Plan> = if m.features == 0 {
        Vec::new()
    } else {
        m.plans
            .iter()
            .enumerate()
            .map(|(i, fs)| {
                let mut list: Vec<String> = fs
                    .iter()
                    .map(|f| format!("f{}", f.index(m.features)))
                    .collect();
                list.sort();
                list.dedup();
                Plan {
                    id: format!("plan{i}"),
                    label: Some(format!("Plan {i}")),
                    features: list,
                }
            })
            .collect()
    };
    let seats: Vec<Seat> = (0..m.seats)
        .map(|i| Seat {
            id: format!("s{i}"),
            label: (i == 0).then(|| "Seat zero".to_owned()),
        })
        .collect();
    let perms: Vec<Permission> = m
        .perms
        .iter()
        .enumerate()
        .map(|(i, p)| Permission {
            id: format!("{}.p{i}", NS[p.ns as usize % 4]),
            label: None,
            record: p.record,
            feature: p
                .feature
                .as_ref()
                .and_then(|f| pick(f, m.features))
                .map(|f| format!("f{f}")),
            seat: p
                .seat
                .as_ref()
                .and_then(|s| pick(s, m.seats))
                .map(|s| format!("s{s}")),
        })
        .collect();
    let plan = o.plan.as_ref().and_then(|p| pick(p, plans.len()));
    let b = Builder {
        m,
        perms: perms.clone(),
        teams: o.teams.len(),
        plan_features: plan.map(|p| plans[p].features.clone()),
    };

    let nr = m.roles.len();
    let mut roles: Vec<Role> = m
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| {
            // Includes point to lower (logical) indices only: acyclic.
            let mut includes: Vec<String> = r
                .includes
                .iter()
                .filter_map(|x| pick(x, i))
                .map(name)
                .collect();
            includes.dedup();
            Role {
                id: name(i),
                label: (i % 2 == 0).then(|| format!("Role {i}")),
                includes,
                grants: r.grants.iter().filter_map(|g| b.grant(g, false)).collect(),
                seat: r
                    .seat
                    .as_ref()
                    .and_then(|s| pick(s, m.seats))
                    .map(|s| format!("s{s}")),
                requires: r
                    .requires
                    .iter()
                    .map(|x| x.index(nr))
                    .filter(|&x| x != i)
                    .map(name)
                    .collect(),
                requires_user: r.requires_user.as_ref().map(|c| Requirement {
                    when: condition(c, true),
                    message: "meets the requirement".to_owned(),
                }),
                holders: None,
                assigns: if r.assigns.len() == 2 {
                    vec!["*".to_owned()]
                } else {
                    r.assigns.iter().map(|x| name(x.index(nr))).collect()
                },
            }
        })
        .collect();
    let toggles: Vec<Toggle> =
        b.m.toggles
            .iter()
            .enumerate()
            .map(|(i, t)| Toggle {
                id: format!("t{i}"),
                label: Some(format!("Toggle {i}")),
                feature: t
                    .feature
                    .as_ref()
                    .and_then(|f| pick(f, m.features))
                    .map(|f| format!("f{f}")),
                grants: t.grants.iter().filter_map(|g| b.grant(g, false)).collect(),
            })
            .collect();
    let restrictions: Vec<Restriction> = m
        .restrictions
        .iter()
        .enumerate()
        .map(|(i, r)| Restriction {
            id: format!("x{i}"),
            permissions: r
                .perms
                .iter()
                .map(|t| match t {
                    GTarget::Exact(ix) => perms[ix.index(perms.len())].id.clone(),
                    GTarget::Star => "*".to_owned(),
                    GTarget::Pattern(ix) => PATTERNS[ix.index(PATTERNS.len())].to_owned(),
                })
                .collect(),
            when: condition(&r.when, false),
            unless: r.unless.as_ref().map(|u| Unless {
                scope: b.levels(&u.scope),
                teams: b.team_names(&u.teams),
                when: u.when.as_ref().map(|c| condition(c, false)),
                roles: u.roles.iter().map(|x| name(x.index(nr))).collect(),
            }),
            message: "{permission} is denied for {team} at {unit}".to_owned(),
        })
        .collect();

    // Units: parents point to lower logical indices; listed in a random order.
    let nu = o.units.len();
    let units: Vec<Unit> = order(nu, &o.unit_keys)
        .into_iter()
        .map(|i| Unit {
            id: name(i),
            label: (i % 2 == 1).then(|| format!("Unit {i}")),
            parent: o.units[i].as_ref().and_then(|p| pick(p, i)).map(name),
        })
        .collect();
    let nusers = o.users.len();
    let teams: Vec<Team> = o
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut managers: Vec<String> =
                t.managers.iter().map(|u| name(u.index(nusers))).collect();
            managers.sort();
            managers.dedup();
            Team {
                id: name(i),
                label: Some(format!("Team {i}")),
                managers,
                settings: attrs(&t.settings),
            }
        })
        .collect();
    let plan_has = |f: &Option<String>| b.plan_has(f);
    let mut users: Vec<User> = (0..nusers)
        .map(|i| {
            let u = &o.users[i];
            User {
                id: name(i),
                name: None,
                manager: u.manager.as_ref().and_then(|p| pick(p, i)).map(name),
                teams: b.team_names(&u.teams),
                roles: u
                    .roles
                    .iter()
                    .map(|a| {
                        let role = name(a.role.index(nr));
                        match (a.place, pick(&a.at, nu), pick(&a.at, o.teams.len())) {
                            (1, Some(unit), _) => Assignment {
                                role,
                                unit: Some(name(unit)),
                                team: None,
                            },
                            (2, _, Some(team)) => Assignment {
                                role,
                                unit: None,
                                team: Some(name(team)),
                            },
                            _ => Assignment {
                                role,
                                unit: None,
                                team: None,
                            },
                        }
                    })
                    .collect(),
                toggles: u
                    .toggles
                    .iter()
                    .filter_map(|t| pick(t, toggles.len()))
                    .filter(|&t| plan_has(&toggles[t].feature))
                    .map(|t| format!("t{t}"))
                    .collect(),
                grants: u.grants.iter().filter_map(|g| b.grant(g, true)).collect(),
                attributes: attrs(&u.attrs),
            }
        })
        .collect();

    let mut snap = Snapshot {
        model: Model {
            name: Some("random".to_owned()),
            locale: None,
            messages: Default::default(),
            permissions: perms,
            features,
            plans,
            seats,
            roles: roles.clone(),
            toggles,
            restrictions,
            roles_per_user: None,
            roles_per_user_in_total: None,
            direct_grants: None,
            reporting: Vec::new(),
            team_managers: None,
            assign_permission: None,
        },
        org: Org {
            name: Some("random org".to_owned()),
            plan: plan.map(|p| format!("plan{p}")),
            settings: attrs(&o.settings),
            seats: o
                .seats
                .iter()
                .filter_map(|(s, n)| pick(s, m.seats).map(|s| (format!("s{s}"), *n)))
                .collect(),
            units,
            teams,
            users: Vec::new(),
        },
    };

    // Repair `requires`: give every holder the roles its roles require.
    for u in users.iter_mut() {
        for _ in 0..=nr {
            let missing = {
                let held = Reference::closure_of(&snap, u.roles.iter().map(|a| a.role.as_str()));
                u.roles.iter().find_map(|a| {
                    let role = snap.model.roles.iter().find(|r| r.id == a.role)?;
                    role.requires
                        .iter()
                        .find(|q| !held.contains(q.as_str()))
                        .cloned()
                })
            };
            match missing {
                Some(q) => u.roles.push(Assignment {
                    role: q,
                    unit: None,
                    team: None,
                }),
                None => break,
            }
        }
    }
    // Repair `requiresUser` (drop it when a holder fails it) and set
    // `holders` to what the org has.
    for (ri, role) in roles.iter_mut().enumerate() {
        let holders: Vec<&User> = users
            .iter()
            .filter(|u| u.roles.iter().any(|a| a.role == role.id))
            .collect();
        if let Some(req) = &role.requires_user {
            let ok = holders.iter().all(|u| {
                let env = Env {
                    user: &u.attributes,
                    record: None,
                    org: &snap.org.settings,
                    team: None,
                };
                env.holds(&req.when)
            });
            if !ok {
                role.requires_user = None;
            }
        }
        if m.roles[ri].holders {
            let n = holders.len() as u32;
            role.holders = Some(Holders {
                min: Some(n.min(1)),
                max: Some(n),
                level: Level::Error,
            });
        }
    }
    snap.model.roles = roles;
    if m.roles_per_user {
        let mut max = 1;
        let mut min = u32::MAX;
        for u in &users {
            let mut per_place: BTreeMap<(Option<&str>, Option<&str>), u32> = BTreeMap::new();
            for a in &u.roles {
                *per_place
                    .entry((a.unit.as_deref(), a.team.as_deref()))
                    .or_default() += 1;
            }
            max = max.max(per_place.values().copied().max().unwrap_or(0));
            min = min.min(u.roles.len() as u32);
        }
        snap.model.roles_per_user = Some(Count {
            min: (min >= 1).then_some(1),
            max: Some(max),
        });
    }
    // Emit users in a random order (the reporting tree is not index-ordered).
    let ord = order(nusers, &o.user_keys);
    snap.org.users = ord.iter().map(|&i| users[i].clone()).collect();
    // Emit roles in a random order too (includes are not index-ordered).
    let rord = order(nr, &m.role_keys);
    let roles = std::mem::take(&mut snap.model.roles);
    snap.model.roles = rord.iter().map(|&i| roles[i].clone()).collect();
    snap
}

/// Context data from a generated context; names index into the snapshot.
pub(crate) fn context(s: &Snapshot, c: &GCtx) -> Context {
    let resolve = |n: &Option<GName>, names: Vec<&str>| -> Option<String> {
        match n {
            None => None,
            Some(None) => Some(GHOST.to_owned()),
            Some(Some(ix)) => pick(ix, names.len()).map(|i| names[i].to_owned()),
        }
    };
    let units = || {
        s.org
            .units
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    let teams = || {
        s.org
            .teams
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    let users = || {
        s.org
            .users
            .iter()
            .map(|x| x.id.as_str())
            .collect::<Vec<_>>()
    };
    Context {
        unit: resolve(&c.unit, units()),
        team: resolve(&c.team, teams()),
        record: c.record.as_ref().map(|r| Record {
            owner: resolve(&r.owner, users()),
            team: resolve(&r.team, teams()),
            unit: resolve(&r.unit, units()),
            attributes: attrs(&r.attrs),
        }),
    }
}
