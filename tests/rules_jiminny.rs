//! Jiminny (seeds/000_5633c486aae24c85.txt): the rules J1..J10 of issue 2,
//! one test each, and J11 of issue 10 (C6), over the sample organisation
//! `www/orgs/jiminny.json`.
//!
//! The org: Olivia (Account Owner + Recorder), Marcus (Admin only), Priya
//! (Admin + Recorder + Voice), Tom and Grace (Manager of Sales / Customer
//! Success + Recorder), Daniel (Recorder + Voice, no CRM access), Sophie
//! (Recorder), Ethan (Recorder, no CRM access), Hannah and Leo (Insights).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::snapshot::{Assignment, AttrValue};
use rolegate::{Access, Code, Engine};

const JSON: &str = include_str!("../www/orgs/jiminny.json");

fn org() -> Engine {
    load("jiminny", JSON)
}

fn role(id: &str) -> Assignment {
    Assignment {
        role: id.into(),
        ..Assignment::default()
    }
}

#[test]
fn j1_six_roles_several_per_user_rights_are_the_union() {
    let e = org();
    let m = e.matrix();
    let roles: Vec<(&str, &str)> = m
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        roles,
        [
            ("account_owner", "Account Owner"),
            ("admin", "Admin"),
            ("manager", "Manager"),
            ("recorder", "Recorder"),
            ("insights", "Insights"),
            ("voice", "Voice"),
        ]
    );
    // Several roles per user are allowed (no roles-per-user limit): Priya holds three.
    assert!(e.snapshot().model.roles_per_user.is_none());
    let priya = &e.snapshot().org.users[user_ix(e.snapshot(), "priya")];
    assert_eq!(priya.roles.len(), 3);

    // Each right comes from the role that grants it.
    let x = allowed(&e, "priya", "settings.organisation", &anywhere());
    assert_eq!(x.role.as_deref(), Some("admin"));
    let x = allowed(&e, "priya", "calls.record", &anywhere());
    assert_eq!(x.role.as_deref(), Some("recorder"));
    let x = allowed(&e, "priya", "voice.dial", &anywhere());
    says(&x, &["allowed by the"]);

    // Union: Priya (Admin + Recorder + Voice) = Marcus (Admin) plus what Recorder adds.
    let admin_only = perms(&e, "marcus", &anywhere());
    let recorder_only = perms(&e, "sophie", &anywhere());
    let union: std::collections::BTreeSet<String> =
        admin_only.union(&recorder_only).cloned().collect();
    assert_eq!(perms(&e, "priya", &anywhere()), union);
    assert!(!admin_only.contains("calls.record"));

    // Tom (Manager + Recorder): reports for his team from Manager, recording from Recorder.
    let tom = perms(&e, "tom", &anywhere());
    assert!(
        tom.is_superset(&recorder_only),
        "Tom has every Recorder right: {tom:?}"
    );
    assert!(tom.contains("reports.view") && tom.contains("users.manage"));
    assert!(!tom.contains("settings.organisation"));
    allowed(&e, "tom", "reports.view", &of_team("sales").ctx());
    allowed(&e, "tom", "calls.record", &anywhere());

    // A single role gives only its own rights: Sophie (Recorder) cannot dial with Voice.
    let x = denied(&e, "sophie", "voice.dial", &anywhere(), Code::NoGrant);
    says(&x, &["Voice"]);
    allowed(&e, "daniel", "voice.dial", &anywhere());
}

#[test]
fn j2_exactly_one_account_owner_with_crm_admin_access() {
    let e = org();
    let owners: Vec<&str> = e
        .snapshot()
        .org
        .users
        .iter()
        .filter(|u| u.roles.iter().any(|a| a.role == "account_owner"))
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(owners, ["olivia"]);
    allowed(&e, "olivia", "settings.crm", &anywhere());

    // Two owners: rejected, naming both.
    let mut two = snapshot_of(&e);
    let marcus = user_ix(&two, "marcus");
    two.org.users[marcus].roles.push(role("account_owner"));
    two.org.users[marcus]
        .attributes
        .insert("crmAdmin".into(), AttrValue::Bool(true));
    let last = two.org.users[marcus].roles.len() - 1;
    let problems = rejected(two);
    problem_at(
        &problems,
        &format!("org.users[{marcus}].roles[{last}]"),
        &["account_owner", "at most 1", "olivia", "marcus"],
    );

    // No owner: rejected (every account requires an owner).
    let mut none = snapshot_of(&e);
    let olivia = user_ix(&none, "olivia");
    none.org.users[olivia]
        .roles
        .retain(|a| a.role != "account_owner");
    let problems = rejected(none);
    problem_at(
        &problems,
        "model.roles[0].holders",
        &["account_owner", "at least 1"],
    );

    // An owner without CRM admin access: rejected with the requirement in words.
    let mut no_crm = snapshot_of(&e);
    let olivia = user_ix(&no_crm, "olivia");
    no_crm.org.users[olivia]
        .attributes
        .insert("crmAdmin".into(), AttrValue::Bool(false));
    let problems = rejected(no_crm);
    problem_at(
        &problems,
        &format!("org.users[{olivia}].attributes"),
        &["olivia", "account_owner", "CRM admin access"],
    );

    // Both mistakes at once: every problem is listed.
    let mut both = snapshot_of(&e);
    let hannah = user_ix(&both, "hannah");
    both.org.users[hannah].roles.push(role("account_owner"));
    let last = both.org.users[hannah].roles.len() - 1;
    let problems = rejected(both);
    problem_at(
        &problems,
        &format!("org.users[{hannah}].roles[{last}]"),
        &["at most 1", "hannah"],
    );
    problem_at(
        &problems,
        &format!("org.users[{hannah}].attributes"),
        &["CRM admin access"],
    );
}

#[test]
fn j3_owner_and_admin_hold_every_setting_only_owner_sets_up_crm() {
    let e = org();
    for who in ["olivia", "marcus", "priya"] {
        for perm in ["settings.organisation", "billing.manage", "licences.view"] {
            allowed(&e, who, perm, &anywhere());
        }
        // Total control: every team's setup, every user, every report.
        allowed(&e, who, "team.setup", &of_team("cs").ctx());
        allowed(&e, who, "users.manage", &owned_by("ethan").ctx());
        allowed(&e, who, "reports.view", &of_team("sales").ctx());
        allowed(&e, who, "calls.listen", &owned_by("daniel").ctx());
    }
    let x = allowed(&e, "olivia", "settings.crm", &anywhere());
    assert_eq!(x.role.as_deref(), Some("account_owner"));
    // Admins hold everything except the CRM setup (`"except"` on their grant).
    for admin in ["marcus", "priya"] {
        let x = denied(&e, admin, "settings.crm", &anywhere(), Code::NoGrant);
        assert_eq!(x.would_be_granted_by.as_deref(), Some("account_owner"));
        says(&x, &["needs the Account Owner role"]);
        assert!(!perms(&e, admin, &anywhere()).contains("settings.crm"));
    }
    assert_eq!(
        cell(&e.matrix(), "settings.crm", "admin").access,
        Access::None
    );
    // Nobody else has settings at all.
    for who in ["tom", "sophie", "hannah"] {
        denied(&e, who, "settings.organisation", &anywhere(), Code::NoGrant);
    }
    let m = e.matrix();
    assert_eq!(
        cell(&m, "settings.organisation", "account_owner").access,
        Access::Full
    );
    assert_eq!(
        cell(&m, "settings.organisation", "admin").access,
        Access::Full
    );
    assert_eq!(
        cell(&m, "settings.organisation", "manager").access,
        Access::None
    );
}

#[test]
fn j4_manager_per_team_sees_and_manages_own_teams_only() {
    let e = org();
    let s = e.snapshot();
    assert_eq!(s.org.teams[team_ix(s, "sales")].managers, ["tom"]);
    assert_eq!(s.org.teams[team_ix(s, "cs")].managers, ["grace"]);

    for (manager, mine, other, member, outsider) in [
        ("tom", "sales", "cs", "daniel", "ethan"),
        ("grace", "cs", "sales", "ethan", "sophie"),
    ] {
        // Default views over their teams for reporting and OnDemand.
        for perm in ["reports.view", "ondemand.view", "calls.coach", "team.setup"] {
            allowed(&e, manager, perm, &of_team(mine).ctx());
            let x = denied(&e, manager, perm, &of_team(other).ctx(), Code::OutOfScope);
            says(&x, &["teams you manage"]);
        }
        // Records of their members (team taken from the owner).
        allowed(&e, manager, "reports.view", &owned_by(member).ctx());
        allowed(&e, manager, "calls.listen", &owned_by(member).ctx());
        denied(
            &e,
            manager,
            "calls.listen",
            &owned_by(outsider).ctx(),
            Code::OutOfScope,
        );
        // Invite and manage their own team members only.
        allowed(&e, manager, "users.invite", &of_team(mine).ctx());
        denied(
            &e,
            manager,
            "users.invite",
            &of_team(other).ctx(),
            Code::OutOfScope,
        );
        allowed(&e, manager, "users.manage", &owned_by(member).ctx());
        denied(
            &e,
            manager,
            "users.manage",
            &owned_by(outsider).ctx(),
            Code::OutOfScope,
        );
        assert!(assign(&e, manager, "recorder", Some(member), None, None).allowed);
        assert!(assign(&e, manager, "recorder", None, None, Some(mine)).allowed);
        let x = assign(&e, manager, "recorder", Some(outsider), None, None);
        assert!(!x.allowed, "{manager} must not manage {outsider}: {x:?}");
        assert_eq!(x.code, Code::OutOfScope);
        says(&x, &["cannot assign Recorder"]);
        assert!(!assign(&e, manager, "recorder", None, None, Some(other)).allowed);
    }
    // A Manager role without appointment to a team manages nobody: the
    // appointment, not the role name, decides. (Every team has a manager,
    // j11: Tom takes Customer Success over.)
    let mut variant = snapshot_of(&e);
    let cs = team_ix(&variant, "cs");
    variant.org.teams[cs].managers = vec!["tom".into()];
    let v = reload(variant);
    denied(
        &v,
        "grace",
        "reports.view",
        &of_team("cs").ctx(),
        Code::OutOfScope,
    );
    // Members without the Manager role see no team reports.
    denied(
        &e,
        "sophie",
        "reports.view",
        &of_team("sales").ctx(),
        Code::NoGrant,
    );
}

#[test]
fn j5_only_recorder_grants_recording_and_uses_a_paid_seat() {
    let e = org();
    // An Admin without Recorder cannot record: the wildcard never covers a seat.
    for who in ["marcus", "hannah", "leo"] {
        let x = denied(&e, who, "calls.record", &anywhere(), Code::NeedsSeat);
        assert_eq!(x.seat.as_deref(), Some("recorder"));
        assert_eq!(x.role.as_deref(), Some("recorder"));
        says(&x, &["needs the Recorder role (paid seat)"]);
    }
    for who in [
        "olivia", "priya", "tom", "grace", "daniel", "sophie", "ethan",
    ] {
        let x = allowed(&e, who, "calls.record", &anywhere());
        assert_eq!(
            x.role.as_deref(),
            Some("recorder"),
            "{who} records thanks to Recorder"
        );
    }
    // Recorder is the only role granting recording.
    let m = e.matrix();
    let rec = cell(&m, "calls.record", "recorder");
    assert_eq!(rec.access, Access::Full);
    assert_eq!(rec.seat.as_deref(), Some("recorder"));
    for r in ["account_owner", "admin", "manager", "insights", "voice"] {
        assert_eq!(
            cell(&m, "calls.record", r).access,
            Access::None,
            "{r} must not grant recording"
        );
    }
    // Seats used vs purchased.
    let seats = e.seats();
    assert_eq!(seats.len(), 1);
    let s = &seats[0];
    assert_eq!(
        (s.seat.as_str(), s.label.as_str()),
        ("recorder", "Recording licence")
    );
    assert_eq!(s.used, 7);
    assert_eq!(s.purchased, Some(8));
    assert_eq!(
        s.holders,
        ["olivia", "priya", "tom", "grace", "daniel", "sophie", "ethan"]
    );
    assert!(e.warnings().is_empty(), "{:?}", e.warnings());

    // Giving Recorder to Hannah uses an eighth seat; a ninth goes beyond
    // purchased: a warning, not an error.
    let mut more = snapshot_of(&e);
    for who in ["hannah", "leo"] {
        let i = user_ix(&more, who);
        more.org.users[i].roles.push(role("recorder"));
    }
    let v = reload(more);
    let s = &v.seats()[0];
    assert_eq!((s.used, s.purchased), (9, Some(8)));
    let w = v.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "org.seats.recorder");
    assert!(
        w[0].message.contains("9") && w[0].message.contains("8"),
        "{w:?}"
    );
    allowed(&v, "hannah", "calls.record", &anywhere());
}

#[test]
fn j6_insights_coaches_reads_reports_listens_but_cannot_record() {
    let e = org();
    for who in ["hannah", "leo"] {
        for owner in ["daniel", "ethan", "olivia"] {
            let x = allowed(&e, who, "calls.listen", &owned_by(owner).ctx());
            assert_eq!(x.role.as_deref(), Some("insights"));
            allowed(&e, who, "calls.coach", &owned_by(owner).ctx());
        }
        allowed(&e, who, "reports.view", &of_team("sales").ctx());
        allowed(&e, who, "reports.view", &of_team("cs").ctx());
        denied(&e, who, "calls.record", &anywhere(), Code::NeedsSeat);
        denied(&e, who, "calls.crm_log", &anywhere(), Code::NeedsSeat);
        denied(&e, who, "settings.organisation", &anywhere(), Code::NoGrant);
        denied(
            &e,
            who,
            "users.invite",
            &of_team("sales").ctx(),
            Code::NoGrant,
        );
        denied(&e, who, "voice.dial", &anywhere(), Code::NoGrant);
    }
    assert_eq!(
        perms(&e, "hannah", &anywhere()),
        set(&["calls.listen", "calls.coach", "reports.view"])
    );
    // Insights uses no paid seat.
    assert!(!e.seats()[0]
        .holders
        .iter()
        .any(|h| h == "hannah" || h == "leo"));
}

#[test]
fn j7_voice_only_together_with_recorder() {
    let e = org();
    allowed(&e, "daniel", "voice.dial", &anywhere());
    allowed(&e, "daniel", "calls.record", &anywhere());
    allowed(&e, "priya", "voice.dial", &anywhere());

    // Voice without Recorder: rejected at load, naming the missing role.
    let mut v = snapshot_of(&e);
    let daniel = user_ix(&v, "daniel");
    v.org.users[daniel].roles.retain(|a| a.role != "recorder");
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{daniel}].roles"),
        &["daniel", "voice", "requires role `recorder`", "Recorder"],
    );

    // Giving Voice alone to an Insights user: rejected too.
    let mut v = snapshot_of(&e);
    let hannah = user_ix(&v, "hannah");
    v.org.users[hannah].roles.push(role("voice"));
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{hannah}].roles"),
        &["hannah", "requires role `recorder`"],
    );

    // With Recorder added as well, it loads.
    let mut v = snapshot_of(&e);
    let hannah = user_ix(&v, "hannah");
    v.org.users[hannah].roles.push(role("voice"));
    v.org.users[hannah].roles.push(role("recorder"));
    let v = reload(v);
    allowed(&v, "hannah", "voice.dial", &anywhere());
}

#[test]
fn j8_crm_logging_needs_crm_access_unless_the_org_allows_push_from_app() {
    let e = org();
    assert_eq!(
        e.snapshot().org.settings.get("crmPushFromApp"),
        Some(&AttrValue::Bool(false))
    );
    for who in ["sophie", "tom", "olivia", "priya"] {
        allowed(&e, who, "calls.crm_log", &anywhere());
    }
    for who in ["daniel", "ethan"] {
        let x = denied(&e, who, "calls.crm_log", &anywhere(), Code::ConditionFailed);
        says(
            &x,
            &[
                "Log recorded calls to the CRM",
                "only when",
                "CRM access",
                "push calls to the CRM from Jiminny",
            ],
        );
        assert!(!perms(&e, who, &anywhere()).contains("calls.crm_log"));
        // Recording itself does not depend on CRM access.
        allowed(&e, who, "calls.record", &anywhere());
    }
    // An Admin without a Recorder seat has no recorded calls to log, CRM access or not.
    denied(&e, "marcus", "calls.crm_log", &anywhere(), Code::NeedsSeat);

    // The org setting lets users without CRM access push from Jiminny.
    let mut v = snapshot_of(&e);
    v.org
        .settings
        .insert("crmPushFromApp".into(), AttrValue::Bool(true));
    let v = reload(v);
    for who in ["daniel", "ethan", "sophie"] {
        allowed(&v, who, "calls.crm_log", &anywhere());
    }
    let m = e.matrix();
    let c = cell(&m, "calls.crm_log", "recorder");
    assert_eq!(c.access, Access::Conditional);
    assert!(
        c.note.as_deref().is_some_and(|n| n.contains("CRM access")),
        "{c:?}"
    );
}

#[test]
fn j9_who_may_invite_users() {
    let e = org();
    // Owner and Admins invite anyone, into any team.
    for who in ["olivia", "marcus", "priya"] {
        for team in ["sales", "cs"] {
            allowed(&e, who, "users.invite", &of_team(team).ctx());
        }
    }
    // Managers invite into their own team only.
    allowed(&e, "tom", "users.invite", &of_team("sales").ctx());
    denied(
        &e,
        "tom",
        "users.invite",
        &of_team("cs").ctx(),
        Code::OutOfScope,
    );
    allowed(&e, "grace", "users.invite", &of_team("cs").ctx());
    // Without a team in mind, the invite button shows for a Manager.
    allowed(&e, "tom", "users.invite", &anywhere());
    // Recorders, Voice and Insights users invite nobody.
    for who in ["sophie", "daniel", "hannah"] {
        let x = denied(
            &e,
            who,
            "users.invite",
            &of_team("sales").ctx(),
            Code::NoGrant,
        );
        says(&x, &["needs the"]);
    }

    // Which roles an invitation may carry.
    assert!(assign(&e, "olivia", "admin", None, None, None).allowed);
    assert!(assign(&e, "marcus", "manager", None, None, None).allowed);
    assert!(assign(&e, "marcus", "recorder", None, None, Some("cs")).allowed);
    let x = assign(&e, "marcus", "account_owner", Some("priya"), None, None);
    assert!(!x.allowed);
    says(
        &x,
        &["only Account Owner may assign the Account Owner role"],
    );
    let x = assign(&e, "tom", "admin", None, None, Some("sales"));
    assert!(!x.allowed);
    assert_eq!(x.code, Code::NoGrant);
    says(&x, &["may assign the Admin role"]);
    assert!(assign(&e, "tom", "recorder", None, None, Some("sales")).allowed);
    assert!(assign(&e, "tom", "insights", None, None, Some("sales")).allowed);
    let x = assign(&e, "sophie", "recorder", None, None, Some("sales"));
    assert!(!x.allowed);
}

#[test]
fn j10_assignments_keep_the_organisation_valid() {
    let e = org();
    // Recorder's CRM logging depends on its holder's CRM access, not on the
    // Admin giving it: Marcus has none and still assigns it.
    assert!(assign(&e, "marcus", "recorder", Some("hannah"), None, None).allowed);
    // Voice only together with Recorder.
    let x = assign(&e, "marcus", "voice", Some("hannah"), None, None);
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    assert_eq!(
        x.message,
        "user `hannah` holds role `voice`, which requires role `recorder` (Recorder) too"
    );
    assert!(assign(&e, "marcus", "voice", Some("sophie"), None, None).allowed);
    // The one Account Owner needs CRM admin access, and there is only one.
    let x = assign(&e, "olivia", "account_owner", Some("priya"), None, None);
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    says(
        &x,
        &["user `priya` holds role `account_owner`, whose holder must meet: has full CRM admin access"],
    );
    let mut v = snapshot_of(&e);
    let priya = user_ix(&v, "priya");
    v.org.users[priya]
        .attributes
        .insert("crmAdmin".into(), AttrValue::Bool(true));
    let x = assign(
        &reload(v),
        "olivia",
        "account_owner",
        Some("priya"),
        None,
        None,
    );
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    says(
        &x,
        &[
            "may be held by at most 1 user",
            "`olivia` holds it already",
            "`priya` is one too many",
        ],
    );
}

#[test]
fn j11_managers_are_appointed_for_each_team_and_hold_the_manager_role() {
    let e = org();
    let rule = e
        .snapshot()
        .model
        .team_managers
        .clone()
        .expect("team managers");
    assert_eq!((rule.min, rule.role.as_deref()), (Some(1), Some("manager")));
    // A team without a manager: rejected at its managers.
    let mut v = snapshot_of(&e);
    let cs = team_ix(&v, "cs");
    v.org.teams[cs].managers.clear();
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.teams[{cs}].managers"),
        &["team `cs` must have at least 1 manager, but has none"],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    // Appointing Hannah (Insights) without the Manager role: rejected where
    // she is appointed; with the role, she manages the team.
    let mut v = snapshot_of(&e);
    let sales = team_ix(&v, "sales");
    v.org.teams[sales].managers.push("hannah".into());
    let problems = rejected(v.clone());
    problem_at(
        &problems,
        &format!("org.teams[{sales}].managers[1]"),
        &["user `hannah` manages team `sales` but does not hold role `manager` (Manager)"],
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    let hannah = user_ix(&v, "hannah");
    v.org.users[hannah].roles.push(role("manager"));
    let v = reload(v);
    allowed(&v, "hannah", "team.setup", &of_team("sales").ctx());
    // A Manager held for another team's records does not count.
    let mut v = snapshot_of(&e);
    let grace = user_ix(&v, "grace");
    for a in &mut v.org.users[grace].roles {
        if a.role == "manager" {
            a.team = Some("sales".into());
        }
    }
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.teams[{cs}].managers[0]"),
        &["user `grace` manages team `cs`", "there"],
    );
}
