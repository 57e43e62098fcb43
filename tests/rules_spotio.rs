//! SPOTIO (seeds/002_a53071273fe26031.txt): the rules S1..S5 of issue 2, one
//! test each, over the sample organisation `www/orgs/spotio.json`.
//!
//! The org (Business plan): Rachel (Administrator, account creator) at the
//! top; Mike (North) and Sarah (South) report to her; Kevin, Carlos and Jenny
//! report to Mike, Aisha to Kevin; Tomas, Lina and Omar report to Sarah.
//! PIN permissions are per-user direct grants; Can Import, Can Share Reports
//! and Can Manage Users are toggles. Mike, Sarah and Kevin hold Can Manage
//! Users, which lets people report to them; Lina's and Omar's Other Teams
//! lists are grants of their own that need the Business plan's Other Teams
//! feature (s6, s7: issue 10, C1 and C2).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::snapshot::ScopeLevel;
use rolegate::{Code, Engine};

const JSON: &str = include_str!("../www/orgs/spotio.json");

fn org() -> Engine {
    load("spotio", JSON)
}

const ADMIN_RIGHTS: [&str; 4] = [
    "statuses.manage",
    "fields.manage",
    "data.import",
    "reports.share",
];
const MANAGE_USERS: [&str; 3] = ["users.manage", "hierarchy.edit", "territories.manage"];

/// The sample on the Team plan, made valid there: no Can Manage Users
/// toggles, everyone reporting to Rachel (the account admin), no Other
/// Teams lists.
fn team_plan(e: &Engine) -> rolegate::Snapshot {
    let mut team = snapshot_of(e);
    team.org.plan = Some("team".into());
    for u in &mut team.org.users {
        u.toggles.retain(|t| t != "can_manage_users");
        u.grants.retain(|g| g.feature.is_none());
        if u.id != "rachel" {
            u.manager = Some("rachel".into());
        }
    }
    team
}

/// A PIN owned by `owner`.
fn pin(owner: &str) -> rolegate::Context {
    owned_by(owner).ctx()
}

#[test]
fn s1_administrator_rights() {
    let e = org();
    for perm in ADMIN_RIGHTS {
        let x = allowed(&e, "rachel", perm, &anywhere());
        assert_eq!(x.role.as_deref(), Some("administrator"));
        says(&x, &["allowed by the Administrator role"]);
    }
    // Not an administrator, no toggle: none of it.
    for perm in ADMIN_RIGHTS {
        denied(&e, "carlos", perm, &anywhere(), Code::NoGrant);
    }
    let x = denied(&e, "carlos", "statuses.manage", &anywhere(), Code::NoGrant);
    says(&x, &["needs the Administrator role"]);
    let x = denied(&e, "carlos", "data.import", &anywhere(), Code::NoGrant);
    says(
        &x,
        &["needs the Administrator role or the Can Import permission"],
    );
    assert!(perms(&e, "carlos", &anywhere())
        .iter()
        .all(|p| p.starts_with("pins.")));
    // Custom statuses and fields: administrators only, no toggle gives them.
    for who in ["mike", "sarah", "jenny"] {
        denied(&e, who, "statuses.manage", &anywhere(), Code::NoGrant);
        denied(&e, who, "fields.manage", &anywhere(), Code::NoGrant);
    }
}

#[test]
fn s2_toggles_for_non_admins_and_manage_users_only_on_business() {
    let e = org();
    assert_eq!(e.snapshot().org.plan.as_deref(), Some("business"));
    // Can Import and Can Share Reports, one by one.
    let x = allowed(&e, "jenny", "data.import", &anywhere());
    assert_eq!(x.toggle.as_deref(), Some("can_import"));
    says(&x, &["allowed by the Can Import permission"]);
    let x = allowed(&e, "jenny", "reports.share", &anywhere());
    assert_eq!(x.toggle.as_deref(), Some("can_share_reports"));
    allowed(&e, "kevin", "data.import", &anywhere());
    let x = denied(&e, "kevin", "reports.share", &anywhere(), Code::NoGrant);
    says(&x, &["Can Share Reports"]);
    allowed(&e, "sarah", "reports.share", &anywhere());
    denied(&e, "sarah", "data.import", &anywhere(), Code::NoGrant);

    // Can Manage Users covers users, who reports to whom, and territories.
    for perm in MANAGE_USERS {
        let x = allowed(&e, "mike", perm, &anywhere());
        assert_eq!(x.toggle.as_deref(), Some("can_manage_users"));
        let x = denied(&e, "carlos", perm, &anywhere(), Code::NoGrant);
        says(&x, &["Can Manage Users"]);
    }
    assert_eq!(
        perms(&e, "mike", &anywhere()),
        set(&[
            "hierarchy.edit",
            "pins.edit",
            "pins.view",
            "territories.manage",
            "users.manage"
        ])
    );

    // On the Team plan, Can Manage Users does not exist: a user holding it is rejected.
    let mut team = snapshot_of(&e);
    team.org.plan = Some("team".into());
    let problems = rejected(team.clone());
    for who in ["rachel", "mike", "sarah", "kevin"] {
        let i = user_ix(&team, who);
        let j = team.org.users[i]
            .toggles
            .iter()
            .position(|t| t == "can_manage_users")
            .expect("toggle");
        problem_at(
            &problems,
            &format!("org.users[{i}].toggles[{j}]"),
            &[
                "toggle `can_manage_users` needs feature `manage_users`",
                "plan `team` does not include",
            ],
        );
    }
    let toggles = problems
        .iter()
        .filter(|p| p.message.starts_with("toggle `can_manage_users`"))
        .count();
    assert_eq!(toggles, 4, "{problems:?}");

    // Without those toggles (and as the Team plan has it, everyone reporting
    // to the account admin, no Other Teams lists: s6, s7) the Team-plan org
    // loads; managing users is then missing from the plan for everyone,
    // while Can Import still works.
    let t = reload(team_plan(&e));
    for who in ["rachel", "mike", "carlos"] {
        for perm in MANAGE_USERS {
            let x = denied(&t, who, perm, &anywhere(), Code::PlanLacksFeature);
            assert_eq!(x.feature.as_deref(), Some("manage_users"));
            says(
                &x,
                &["the Team (Accelerate) plan does not include Can Manage Users"],
            );
        }
    }
    allowed(&t, "jenny", "data.import", &anywhere());
    allowed(&t, "rachel", "statuses.manage", &anywhere());
}

#[test]
fn s3_reporting_hierarchy_primary_team_is_who_you_report_to() {
    let e = org();
    let s = e.snapshot();
    let boss = |id: &str| s.org.users[user_ix(s, id)].manager.clone();
    assert_eq!(boss("rachel"), None);
    assert_eq!(boss("mike").as_deref(), Some("rachel"));
    assert_eq!(boss("kevin").as_deref(), Some("mike"));
    assert_eq!(boss("aisha").as_deref(), Some("kevin"));
    assert_eq!(boss("lina").as_deref(), Some("sarah"));
    // Subordinates are everyone below, however deep.
    for owner in ["mike", "kevin", "carlos", "jenny", "aisha"] {
        allowed(&e, "mike", "pins.view", &pin(owner));
    }
    for owner in [
        "mike", "kevin", "carlos", "jenny", "aisha", "sarah", "tomas", "lina", "omar",
    ] {
        allowed(&e, "rachel", "pins.edit", &pin(owner));
    }
    allowed(&e, "kevin", "pins.edit", &pin("aisha"));
    // Mike's reach stops at his branch, his peer Sarah and his manager Rachel.
    allowed(&e, "mike", "pins.view", &pin("sarah"));
    allowed(&e, "mike", "pins.view", &pin("rachel"));
    let x = denied(&e, "mike", "pins.view", &pin("tomas"), Code::OutOfScope);
    says(
        &x,
        &[
            "your own records",
            "records of people who report to you",
            "records of your peers",
            "records of your manager",
        ],
    );
    // Re-parenting Tomas under Mike (Can Manage Users builds the hierarchy)
    // moves his PINs into Mike's reach.
    let mut v = snapshot_of(&e);
    let tomas = user_ix(&v, "tomas");
    v.org.users[tomas].manager = Some("mike".into());
    let v = reload(v);
    allowed(&v, "mike", "pins.view", &pin("tomas"));
    denied(&v, "sarah", "pins.edit", &pin("tomas"), Code::OutOfScope);
    // A cycle in who reports to whom is rejected.
    let mut v = snapshot_of(&e);
    let rachel = user_ix(&v, "rachel");
    v.org.users[rachel].manager = Some("aisha".into());
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{rachel}].manager"),
        &["cycle in the reporting tree"],
    );
}

#[test]
fn s4_view_and_edit_levels_including_the_canvasser_example() {
    let e = org();
    let levels = |who: &str, perm: &str| -> Vec<ScopeLevel> {
        let s = e.snapshot();
        s.org.users[user_ix(s, who)]
            .grants
            .iter()
            .find(|g| g.permission == perm)
            .expect("grant")
            .scope
            .clone()
    };
    use ScopeLevel::*;
    // The canvasser example: view own, subordinates and peers; edit own.
    assert_eq!(levels("carlos", "pins.view"), [Own, Subordinates, Peers]);
    assert_eq!(levels("carlos", "pins.edit"), [Own, Subordinates]);
    allowed(&e, "carlos", "pins.view", &pin("carlos"));
    allowed(&e, "carlos", "pins.edit", &pin("carlos"));
    for peer in ["jenny", "kevin"] {
        allowed(&e, "carlos", "pins.view", &pin(peer));
        let x = denied(&e, "carlos", "pins.edit", &pin(peer), Code::OutOfScope);
        says(&x, &["Edit and update PINs is allowed on your own records and records of people who report to you only"]);
    }
    for other in ["mike", "aisha", "sarah", "tomas"] {
        denied(&e, "carlos", "pins.view", &pin(other), Code::OutOfScope);
    }
    // Without a PIN in hand, both buttons may show: some PINs are in reach.
    allowed(&e, "carlos", "pins.view", &anywhere());
    allowed(&e, "carlos", "pins.edit", &anywhere());

    // Own & Subordinate (Jenny): not her peers.
    allowed(&e, "jenny", "pins.view", &pin("jenny"));
    denied(&e, "jenny", "pins.view", &pin("carlos"), Code::OutOfScope);
    // Own, Subordinate & Peer & Manager (Kevin views): his manager Mike too,
    // but not his manager's manager; Kevin edits own & subordinates only.
    allowed(&e, "kevin", "pins.view", &pin("mike"));
    allowed(&e, "kevin", "pins.view", &pin("aisha"));
    denied(&e, "kevin", "pins.view", &pin("rachel"), Code::OutOfScope);
    denied(&e, "kevin", "pins.edit", &pin("mike"), Code::OutOfScope);
    allowed(&e, "kevin", "pins.edit", &pin("aisha"));
    // Mike views his manager's PINs but edits only up to his peers.
    allowed(&e, "mike", "pins.view", &pin("rachel"));
    denied(&e, "mike", "pins.edit", &pin("rachel"), Code::OutOfScope);
    allowed(&e, "mike", "pins.edit", &pin("sarah"));
    // Full access to all PINs on the team: Own, Subordinate, Peer & Manager.
    for owner in ["sarah", "tomas", "lina", "omar"] {
        allowed(&e, "sarah", "pins.edit", &pin(owner));
    }
    // PIN permissions exist only as each user's grants: Aisha has no toggle
    // nor role, and still sees her own PINs.
    allowed(&e, "aisha", "pins.view", &pin("aisha"));
    denied(&e, "aisha", "pins.view", &pin("kevin"), Code::OutOfScope);
}

#[test]
fn s5_other_teams_lists_for_view_and_edit() {
    let e = org();
    // Lina (South): views the North team too, but Can Edit lists no team.
    for owner in ["mike", "kevin", "carlos", "jenny", "aisha"] {
        allowed(&e, "lina", "pins.view", &pin(owner));
        denied(&e, "lina", "pins.edit", &pin(owner), Code::OutOfScope);
    }
    allowed(&e, "lina", "pins.view", &of_team("north").ctx());
    allowed(&e, "lina", "pins.edit", &pin("lina"));
    let x = denied(&e, "lina", "pins.edit", &pin("tomas"), Code::OutOfScope);
    says(&x, &["your own records"]);
    // Omar (South): views and edits the North team.
    for owner in ["kevin", "carlos", "aisha"] {
        allowed(&e, "omar", "pins.view", &pin(owner));
        allowed(&e, "omar", "pins.edit", &pin(owner));
    }
    let x = denied(&e, "omar", "pins.edit", &pin("tomas"), Code::OutOfScope);
    says(&x, &["records of team North region"]);
    // Tomas (South, no Other Teams): nothing of the North.
    denied(&e, "tomas", "pins.view", &pin("carlos"), Code::OutOfScope);
    denied(
        &e,
        "tomas",
        "pins.view",
        &of_team("north").ctx(),
        Code::OutOfScope,
    );
    // The lists are per user and per area.
    let s = e.snapshot();
    let lina = &s.org.users[user_ix(s, "lina")];
    let teams = |perm: &str| {
        lina.grants
            .iter()
            .find(|g| g.permission == perm)
            .map(|g| g.teams.clone())
    };
    assert_eq!(teams("pins.view"), Some(vec!["north".to_string()]));
    assert_eq!(teams("pins.edit"), Some(vec![]));
}

#[test]
fn s6_can_manage_users_lets_people_report_to_them_and_on_team_everyone_reports_to_the_admin() {
    let e = org();
    // Business: whoever has people reporting to them is an Administrator or
    // holds Can Manage Users.
    let s = e.snapshot();
    for boss in ["rachel", "mike", "sarah", "kevin"] {
        let u = &s.org.users[user_ix(s, boss)];
        assert!(u.toggles.iter().any(|t| t == "can_manage_users"), "{boss}");
    }
    // Without it, nobody may report to Kevin: Aisha's line is rejected.
    let mut v = snapshot_of(&e);
    let kevin = user_ix(&v, "kevin");
    let aisha = user_ix(&v, "aisha");
    v.org.users[kevin]
        .toggles
        .retain(|t| t != "can_manage_users");
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{aisha}].manager"),
        &[
            "user `aisha` reports to `kevin`",
            "only holders of role `administrator` or toggle `can_manage_users` may have people report to them",
        ],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    // An Administrator may have people report to them without the toggle.
    let mut v = snapshot_of(&e);
    let rachel = user_ix(&v, "rachel");
    v.org.users[rachel].toggles.clear();
    reload(v);

    // Team plan: all users report to the account admin.
    let mut team = team_plan(&e);
    for (who, boss) in [("kevin", "mike"), ("aisha", "kevin"), ("lina", "sarah")] {
        let i = user_ix(&team, who);
        team.org.users[i].manager = Some(boss.into());
    }
    let problems = rejected(team);
    for (who, boss) in [("kevin", "mike"), ("aisha", "kevin"), ("lina", "sarah")] {
        let i = user_ix(e.snapshot(), who);
        problem_at(
            &problems,
            &format!("org.users[{i}].manager"),
            &[
                &format!("user `{who}` reports to `{boss}`"),
                "on plan `team` everyone reports directly to a holder of role `administrator`",
            ],
        );
    }
    assert_eq!(problems.len(), 3, "{problems:?}");
    let t = reload(team_plan(&e));
    allowed(&t, "rachel", "pins.view", &pin("aisha"));
}

#[test]
fn s7_other_teams_lists_exist_only_on_the_business_plan() {
    let e = org();
    // Business: Lina and Omar reach the North through their Other Teams grants.
    allowed(&e, "lina", "pins.view", &pin("carlos"));
    allowed(&e, "omar", "pins.edit", &pin("carlos"));
    // Team: an org that uses them is rejected, at each list.
    let mut team = team_plan(&e);
    team.org.users = snapshot_of(&e)
        .org
        .users
        .into_iter()
        .zip(team.org.users)
        .map(|(business, mut user)| {
            user.grants = business.grants;
            user
        })
        .collect();
    let problems = rejected(team.clone());
    let lina = user_ix(&team, "lina");
    let omar = user_ix(&team, "omar");
    for (i, j, perm) in [
        (lina, 0, "pins.view"),
        (omar, 0, "pins.view"),
        (omar, 1, "pins.edit"),
    ] {
        problem_at(
            &problems,
            &format!("org.users[{i}].grants[{j}].feature"),
            &[
                &format!("this grant of `{perm}` needs feature `other_teams`"),
                "which plan `team` does not include",
            ],
        );
    }
    assert_eq!(problems.len(), 3, "{problems:?}");
    // Without them, the primary team's levels are all that is left.
    let t = reload(team_plan(&e));
    let north = of_team("north").ctx();
    denied(&t, "lina", "pins.view", &north, Code::OutOfScope);
    allowed(&t, "lina", "pins.view", &pin("lina"));
    denied(&t, "omar", "pins.edit", &pin("carlos"), Code::OutOfScope);
}
