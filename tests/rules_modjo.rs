//! Modjo (seeds/003_f7c31e4f507c7dc1.txt): the rules M1..M8 of issue 2, one
//! test each, M9 (Modjo speaks French: every explanation is in French), and
//! M10..M12 of issue 10 (C3, C4, C5), over the sample organisation
//! `www/orgs/modjo.json`.
//!
//! The org: Julien (Admin, no team) and Claire (Admin, Customer Success);
//! Camille, Lukas and Inès manage Ventes France, Vertrieb DACH and Customer
//! Success; Hugo and Léa (Ventes France), Anna (Vertrieb DACH) and Thomas
//! (Customer Success) are Users. Ventes France has its call-access
//! restriction switched on.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::snapshot::{Assignment, AttrValue};
use rolegate::{Code, Context, Engine};

const JSON: &str = include_str!("../www/orgs/modjo.json");

fn org() -> Engine {
    load("modjo", JSON)
}

/// A call recorded by `owner` in `team`.
fn call(owner: &str, team: &str) -> Context {
    owned_by(owner).team(team).ctx()
}

const USER_CAN: [&str; 6] = [
    "calls.record",
    "app.search",
    "app.library",
    "app.home",
    "integrations.own.view",
    "calls.transcripts",
];
const MANAGER_ADDS: [&str; 7] = [
    "integrations.manage",
    "integrations.link_members",
    "features.toggle",
    "templates.manage",
    "scoring.visibility",
    "users.invite",
    "restrictions.team.manage",
];
const ADMIN_ADDS: [&str; 5] = [
    "subscription.manage",
    "restrictions.global.manage",
    "integrations.all.view",
    "settings.organisation",
    "roles.manage",
];

#[test]
fn m1_three_roles_strict_ladder_one_role_per_user() {
    let e = org();
    let s = e.snapshot();
    let roles: Vec<(&str, &str, Vec<String>)> = s
        .model
        .roles
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.label.as_deref().unwrap_or(""),
                r.includes.clone(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("user", "Utilisateur", vec![]),
            ("manager", "Manager", vec!["user".to_string()]),
            ("admin", "Admin", vec!["manager".to_string()]),
        ]
    );
    let limit = s.model.roles_per_user.expect("roles per user");
    assert_eq!((limit.min, limit.max), (Some(1), Some(1)));
    assert!(s.org.users.iter().all(|u| u.roles.len() == 1));

    // Strict ladder: each step has everything the one below has, and more.
    let user = perms(&e, "hugo", &anywhere());
    let manager = perms(&e, "camille", &anywhere());
    let admin = perms(&e, "julien", &anywhere());
    assert!(
        user.is_subset(&manager) && user.len() < manager.len(),
        "{user:?} < {manager:?}"
    );
    assert!(
        manager.is_subset(&admin) && manager.len() < admin.len(),
        "{manager:?} < {admin:?}"
    );
    assert_eq!(
        admin.len(),
        s.model.permissions.len(),
        "an Admin has every permission"
    );

    // Two roles at once: rejected.
    let mut v = snapshot_of(&e);
    let hugo = user_ix(&v, "hugo");
    v.org.users[hugo].roles.push(Assignment {
        role: "manager".into(),
        ..Assignment::default()
    });
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{hugo}].roles"),
        &["hugo", "2 rôles dans toute l'organisation", "au plus 1"],
    );

    // No role: rejected. Both at once: both listed.
    let mut v = snapshot_of(&e);
    let hugo = user_ix(&v, "hugo");
    let anna = user_ix(&v, "anna");
    v.org.users[hugo].roles.push(Assignment {
        role: "admin".into(),
        ..Assignment::default()
    });
    v.org.users[anna].roles.clear();
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{hugo}].roles"),
        &["au plus 1"],
    );
    problem_at(
        &problems,
        &format!("org.users[{anna}].roles"),
        &["anna", "au moins 1"],
    );

    // No custom roles: a role outside the three is unknown.
    let mut v = snapshot_of(&e);
    let lea = user_ix(&v, "lea");
    v.org.users[lea].roles[0].role = "coach".into();
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{lea}].roles[0].role"),
        &["rôle `coach` introuvable"],
    );
}

#[test]
fn m2_what_a_user_can_and_cannot_do() {
    let e = org();
    for perm in USER_CAN {
        let x = allowed(&e, "hugo", perm, &anywhere());
        assert_eq!(x.role.as_deref(), Some("user"));
    }
    // Their own calls, and calls of their team.
    allowed(&e, "hugo", "calls.view", &call("hugo", "sales_fr"));
    allowed(&e, "hugo", "calls.view", &call("lea", "sales_fr"));
    allowed(&e, "hugo", "calls.transcripts", &call("lea", "sales_fr"));
    // Cannot: integrations, team or org settings, users, templates, call-access rules.
    for perm in MANAGER_ADDS.iter().chain(&ADMIN_ADDS) {
        let x = denied(&e, "hugo", perm, &anywhere(), Code::NoGrant);
        says(&x, &["nécessite le rôle"]);
    }
    let x = denied(&e, "hugo", "templates.manage", &anywhere(), Code::NoGrant);
    says(&x, &["nécessite le rôle Manager ou Admin"]);
    denied(
        &e,
        "hugo",
        "team.settings.view",
        &of_team("sales_fr").ctx(),
        Code::NoGrant,
    );
    assert_eq!(
        perms(&e, "hugo", &anywhere()),
        set(&[
            "app.home",
            "app.library",
            "app.search",
            "calls.record",
            "calls.transcripts",
            "calls.view",
            "integrations.own.view"
        ])
    );
}

#[test]
fn m3_what_a_manager_adds() {
    let e = org();
    // Everything a User can do.
    for perm in USER_CAN {
        allowed(&e, "camille", perm, &anywhere());
    }
    for perm in MANAGER_ADDS {
        let x = allowed(&e, "camille", perm, &of_team("sales_fr").ctx());
        assert_eq!(x.role.as_deref(), Some("manager"));
    }
    // Team settings and the team's call-access restriction: their own team.
    allowed(
        &e,
        "camille",
        "team.settings.view",
        &of_team("sales_fr").ctx(),
    );
    denied(
        &e,
        "camille",
        "team.settings.view",
        &of_team("cs").ctx(),
        Code::OutOfScope,
    );
    denied(
        &e,
        "camille",
        "restrictions.team.manage",
        &of_team("sales_dach").ctx(),
        Code::OutOfScope,
    );
    allowed(
        &e,
        "lukas",
        "restrictions.team.manage",
        &of_team("sales_dach").ctx(),
    );
    // Cannot manage the subscription nor the global restriction.
    for perm in ADMIN_ADDS {
        let x = denied(&e, "camille", perm, &anywhere(), Code::NoGrant);
        says(&x, &["nécessite le rôle Admin"]);
    }
}

#[test]
fn m4_what_an_admin_adds() {
    let e = org();
    for who in ["julien", "claire"] {
        for perm in ADMIN_ADDS {
            let x = allowed(&e, who, perm, &anywhere());
            assert_eq!(x.role.as_deref(), Some("admin"));
        }
        // Everything a Manager can do, for every team.
        for perm in MANAGER_ADDS {
            allowed(&e, who, perm, &anywhere());
        }
        for team in ["sales_fr", "sales_dach", "cs"] {
            allowed(&e, who, "restrictions.team.manage", &of_team(team).ctx());
            allowed(&e, who, "team.settings.view", &of_team(team).ctx());
        }
    }
    for who in ["camille", "lukas", "ines", "hugo", "thomas"] {
        denied(&e, who, "subscription.manage", &anywhere(), Code::NoGrant);
        denied(&e, who, "roles.manage", &anywhere(), Code::NoGrant);
    }
}

#[test]
fn m5_who_may_assign_roles() {
    let e = org();
    // Managers invite and assign Users only.
    let x = assign(&e, "camille", "user", None, None, None);
    assert!(x.allowed, "{x:?}");
    assert_eq!(x.role.as_deref(), Some("manager"));
    assert!(assign(&e, "ines", "user", Some("thomas"), None, None).allowed);
    for role in ["manager", "admin"] {
        let x = assign(&e, "camille", role, Some("hugo"), None, None);
        assert!(!x.allowed, "a Manager must not assign {role}: {x:?}");
        assert_eq!(x.code, Code::NoGrant);
        says(&x, &["ne peut être attribué que par : Admin"]);
    }
    // Admins manage every user's role.
    for role in ["user", "manager", "admin"] {
        let x = assign(&e, "julien", role, Some("anna"), None, None);
        assert!(x.allowed, "an Admin assigns {role}: {x:?}");
        assert_eq!(x.role.as_deref(), Some("admin"));
    }
    // Users assign nothing.
    for role in ["user", "manager", "admin"] {
        let x = assign(&e, "hugo", role, Some("lea"), None, None);
        assert!(!x.allowed);
        assert_eq!(x.code, Code::NoGrant);
    }
    let x = assign(&e, "hugo", "user", None, None, None);
    says(
        &x,
        &["le rôle Utilisateur ne peut être attribué que par : Manager, Admin"],
    );
    // Fixed roles: assigning a role that does not exist is refused.
    let x = assign(&e, "julien", "coach", Some("lea"), None, None);
    assert_eq!(x.code, Code::UnknownRole);
}

#[test]
fn m6_teams_decide_which_calls_a_user_sees() {
    let e = org();
    // Users: own calls and their team's.
    allowed(&e, "anna", "calls.view", &call("anna", "sales_dach"));
    allowed(&e, "anna", "calls.view", &call("lukas", "sales_dach"));
    let x = denied(
        &e,
        "anna",
        "calls.view",
        &call("thomas", "cs"),
        Code::OutOfScope,
    );
    says(&x, &["vos propres éléments", "les éléments de vos équipes"]);
    allowed(&e, "thomas", "calls.view", &call("ines", "cs"));
    denied(
        &e,
        "thomas",
        "calls.view",
        &call("anna", "sales_dach"),
        Code::OutOfScope,
    );
    // Managers: their team.
    allowed(&e, "lukas", "calls.view", &call("anna", "sales_dach"));
    denied(
        &e,
        "lukas",
        "calls.view",
        &call("thomas", "cs"),
        Code::OutOfScope,
    );
    // The same role in another team sees other calls: teams decide what you see.
    let mut v = snapshot_of(&e);
    let anna = user_ix(&v, "anna");
    v.org.users[anna].teams = vec!["cs".into()];
    let v = reload(v);
    allowed(&v, "anna", "calls.view", &call("thomas", "cs"));
    denied(
        &v,
        "anna",
        "calls.view",
        &call("lukas", "sales_dach"),
        Code::OutOfScope,
    );
    // Admins see every call where no restriction is on.
    for owner in [
        ("anna", "sales_dach"),
        ("thomas", "cs"),
        ("lukas", "sales_dach"),
    ] {
        allowed(&e, "julien", "calls.view", &call(owner.0, owner.1));
    }
}

#[test]
fn m7_call_access_restriction_team_and_global_bind_admins() {
    let e = org();
    let fr = team_ix(e.snapshot(), "sales_fr");
    assert_eq!(
        e.snapshot().org.teams[fr].settings.get("callsRestricted"),
        Some(&AttrValue::Bool(true))
    );

    // Per team: Ventes France's calls are private to the team, Admins included.
    for admin in ["julien", "claire"] {
        for perm in ["calls.view", "calls.transcripts"] {
            let x = denied(&e, admin, perm, &call("hugo", "sales_fr"), Code::Restricted);
            assert_eq!(x.restriction.as_deref(), Some("team_call_access"));
            says(
                &x,
                &["restreint : les appels de l'équipe Ventes France sont réservés à ses membres"],
            );
        }
        // Other teams' calls stay visible.
        allowed(&e, admin, "calls.view", &call("anna", "sales_dach"));
    }
    denied(
        &e,
        "lukas",
        "calls.view",
        &call("hugo", "sales_fr"),
        Code::Restricted,
    );
    // Members of the team, and the owner, are exempt.
    allowed(&e, "lea", "calls.view", &call("hugo", "sales_fr"));
    allowed(&e, "camille", "calls.view", &call("hugo", "sales_fr"));
    allowed(&e, "hugo", "calls.view", &call("hugo", "sales_fr"));

    // Switched per team by its Manager (or an Admin), not by Users or other Managers.
    allowed(
        &e,
        "camille",
        "restrictions.team.manage",
        &of_team("sales_fr").ctx(),
    );
    denied(
        &e,
        "lukas",
        "restrictions.team.manage",
        &of_team("sales_fr").ctx(),
        Code::OutOfScope,
    );
    denied(
        &e,
        "hugo",
        "restrictions.team.manage",
        &of_team("sales_fr").ctx(),
        Code::NoGrant,
    );
    allowed(
        &e,
        "julien",
        "restrictions.team.manage",
        &of_team("sales_fr").ctx(),
    );
    // Switching it off opens the calls to Admins again.
    let mut off = snapshot_of(&e);
    off.org.teams[fr]
        .settings
        .insert("callsRestricted".into(), AttrValue::Bool(false));
    let off = reload(off);
    allowed(&off, "julien", "calls.view", &call("hugo", "sales_fr"));

    // Global: switched by Admins only.
    for admin in ["julien", "claire"] {
        allowed(&e, admin, "restrictions.global.manage", &anywhere());
    }
    for who in ["camille", "lukas", "ines", "anna"] {
        denied(
            &e,
            who,
            "restrictions.global.manage",
            &anywhere(),
            Code::NoGrant,
        );
    }
    let mut global = snapshot_of(&e);
    global
        .org
        .settings
        .insert("callsRestricted".into(), AttrValue::Bool(true));
    let g = reload(global);
    // Every team's calls become private to the team, for Admins too.
    let x = denied(
        &g,
        "julien",
        "calls.view",
        &call("anna", "sales_dach"),
        Code::Restricted,
    );
    assert_eq!(x.restriction.as_deref(), Some("global_call_access"));
    says(
        &x,
        &["restreint : l'accès aux appels est restreint pour toute l'organisation"],
    );
    denied(
        &g,
        "claire",
        "calls.view",
        &call("anna", "sales_dach"),
        Code::Restricted,
    );
    allowed(&g, "claire", "calls.view", &call("thomas", "cs"));
    allowed(&g, "lukas", "calls.view", &call("anna", "sales_dach"));
    allowed(&g, "anna", "calls.view", &call("anna", "sales_dach"));
    // Both switched on: the team's own rule still applies to its calls.
    let x = denied(
        &g,
        "julien",
        "calls.view",
        &call("hugo", "sales_fr"),
        Code::Restricted,
    );
    assert!(x.restriction.is_some());
    // Restrictions still leave the rest of an Admin's rights alone.
    allowed(&g, "julien", "subscription.manage", &anywhere());
}

/// The team restriction follows a call's team even when the check names only
/// the call's owner (the record's team is then the owner's team).
#[test]
fn m7_restriction_follows_the_owners_team_when_the_record_names_none() {
    let e = org();
    let x = denied(
        &e,
        "julien",
        "calls.view",
        &owned_by("hugo").ctx(),
        Code::Restricted,
    );
    says(&x, &["Ventes France"]);
    allowed(&e, "lea", "calls.view", &owned_by("hugo").ctx());
    allowed(&e, "julien", "calls.view", &owned_by("anna").ctx());
}

#[test]
fn m8_exactly_one_role_so_assigning_changes_it() {
    let e = org();
    // Anna is a User: making her a Manager replaces that role.
    let x = assign(&e, "julien", "manager", Some("anna"), None, None);
    assert!(x.allowed, "{x:?}");
    says(&x, &["à la place du rôle Utilisateur"]);
    // A Manager assigns Users only, so cannot take an Admin's role away.
    let x = assign(&e, "camille", "user", Some("julien"), None, None);
    assert!(!x.allowed, "{x:?}");
    assert_eq!(x.code, Code::NoGrant);
    says(&x, &["impossible de remplacer le rôle Admin"]);
    // Giving a User the role they hold changes nothing.
    assert!(assign(&e, "camille", "user", Some("hugo"), None, None).allowed);
}

/// English words of the engine's templates that no French explanation may
/// contain (whole words, any case).
const ENGLISH: &[&str] = &[
    "allowed",
    "needs",
    "records",
    "record",
    "restricted",
    "scope",
    "your",
    "only",
    "the",
    "unknown",
    "cannot",
    "nobody",
    "granted",
    "grants",
    "seat",
    "plan",
    "may",
    "role",
    "roles",
    "which",
    "when",
    "directly",
    "nothing",
    "assign",
    "team",
    "holds",
    "user",
    "of",
    "for",
    "at",
    "and",
    "or",
    "is",
    "are",
    "in",
];

#[test]
fn m9_every_explanation_is_in_french() {
    let e = org();
    let s = e.snapshot();
    assert_eq!(s.model.locale.as_deref(), Some("fr"));
    let users: Vec<&str> = s.org.users.iter().map(|u| u.id.as_str()).collect();
    let teams: Vec<&str> = s.org.teams.iter().map(|t| t.id.as_str()).collect();
    let mut contexts = vec![anywhere()];
    for t in &teams {
        contexts.push(for_team(t));
        for u in &users {
            contexts.push(call(u, t));
        }
    }
    contexts.push(owned_by("inconnu").ctx());
    let mut messages = Vec::new();
    for u in users.iter().chain(&["ghost"]) {
        for p in s
            .model
            .permissions
            .iter()
            .map(|p| p.id.as_str())
            .chain(["no.such"])
        {
            for c in &contexts {
                messages.push(e.explain(u, p, c).message);
            }
        }
        for r in s.model.roles.iter().map(|r| r.id.as_str()).chain(["coach"]) {
            for target in users.iter().map(|t| Some(*t)).chain([None, Some("ghost")]) {
                messages.push(assign(&e, u, r, target, None, None).message);
            }
        }
    }
    let mut english = Vec::new();
    for m in &messages {
        let words: Vec<String> = m
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect();
        if let Some(w) = ENGLISH.iter().find(|w| words.iter().any(|x| x == *w)) {
            english.push(format!("{w:?} in {m:?}"));
        }
    }
    english.sort();
    english.dedup();
    assert!(english.is_empty(), "English words:\n{}", english.join("\n"));
    assert!(messages.len() > 1000);
}

#[test]
fn m10_one_role_per_user_in_total_not_one_per_team() {
    let e = org();
    let limit = e
        .snapshot()
        .model
        .roles_per_user_in_total
        .expect("in total");
    assert_eq!((limit.min, limit.max), (None, Some(1)));
    // User org-wide and Manager for a team: one role at each place, two in all.
    let mut v = snapshot_of(&e);
    let hugo = user_ix(&v, "hugo");
    v.org.users[hugo].roles.push(Assignment {
        role: "manager".into(),
        team: Some("sales_fr".into()),
        ..Assignment::default()
    });
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{hugo}].roles"),
        &[
            "l'utilisateur `hugo` a 2 rôles différents (`user` et `manager`)",
            "au plus 1 par utilisateur au total",
        ],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    // `can_assign` refuses it in the same words.
    let x = assign(
        &e,
        "julien",
        "manager",
        Some("hugo"),
        None,
        Some("sales_fr"),
    );
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    says(
        &x,
        &["l'utilisateur `hugo` a 2 rôles différents", "au total"],
    );
    // Replacing the one role stays allowed.
    assert!(assign(&e, "julien", "manager", Some("hugo"), None, None).allowed);
}

#[test]
fn m11_no_a_la_carte_permissions() {
    let e = org();
    assert_eq!(e.snapshot().model.direct_grants, Some(false));
    assert!(e.snapshot().org.users.iter().all(|u| u.grants.is_empty()));
    // A User given one Admin permission of their own: rejected at the grant.
    let mut v = snapshot_of(&e);
    let hugo = user_ix(&v, "hugo");
    v.org.users[hugo].grants.push(rolegate::snapshot::Grant {
        permission: "settings.organisation".into(),
        ..rolegate::snapshot::Grant::default()
    });
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{hugo}].grants[0]"),
        &[
            "l'utilisateur `hugo` a sa propre attribution de `settings.organisation`",
            "le modèle n'autorise aucune attribution directe",
            "donnez-lui plutôt un rôle qui l'accorde",
        ],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
}

#[test]
fn m12_admin_for_1_to_3_people_is_advice() {
    let e = org();
    let h = e.snapshot().model.roles[2]
        .holders
        .expect("advised holders");
    assert_eq!((h.min, h.max), (Some(1), Some(3)));
    assert_eq!(h.level, rolegate::snapshot::Level::Warning);
    assert!(e.warnings().is_empty(), "{:?}", e.warnings());
    // A third Admin is within the advice; a fourth loads, with a warning.
    let x = assign(&e, "julien", "admin", Some("anna"), None, None);
    assert!(x.allowed, "{x:?}");
    let mut v = snapshot_of(&e);
    for who in ["anna", "thomas"] {
        let i = user_ix(&v, who);
        v.org.users[i].roles[0].role = "admin".into();
    }
    let v = reload(v);
    let w = v.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    let thomas = user_ix(v.snapshot(), "thomas");
    assert_eq!(w[0].path, format!("org.users[{thomas}].roles[0]"));
    assert_eq!(
        w[0].message,
        "le rôle `admin` est conseillé pour au plus 3 utilisateurs, mais 4 le détiennent : `julien`, `claire`, `anna` et `thomas`"
    );
    // Advice never refuses: a fifth Admin may still be appointed.
    let x = assign(&v, "julien", "admin", Some("hugo"), None, None);
    assert!(x.allowed, "{x:?}");
}
