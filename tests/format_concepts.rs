//! Issue 10, part C: concepts the format could not state. Each test writes
//! a tiny snapshot and checks the concept's decisions, its problems (path
//! and words) and, where an assignment could break it, `can_assign`.
//!
//! - C1: a plan feature that gates one grant (SPOTIO's "Other Teams").
//! - C2: rules on the reporting tree (who may be a manager; whom everyone
//!   reports to on a plan).
//! - C3: roles per user in total (Modjo: one role per user, full stop).
//! - C4: a model without direct grants (Modjo: no "à la carte" permissions).
//! - C5: holder counts that are advice (warnings, not errors).
//! - C6: teams and their managers agree (Jiminny: a Manager per team).
//!
//! Their messages come from the catalogue: a French model gets them in
//! French, and may reword them (`model.messages`).

mod common;

use common::{load, only, problems};
use rolegate::{AssignTarget, Code, Context, Engine, Record};

#[track_caller]
fn loads(json: &str) -> Engine {
    load("test snapshot", json)
}

fn to_user(id: &str) -> AssignTarget {
    AssignTarget {
        user: Some(id.into()),
        ..AssignTarget::default()
    }
}

// --- C1 ----------------------------------------------------------------------

/// PINs, the Other Teams feature on the Business plan only, and a role
/// whose view of other teams' PINs is its own grant, gated by the feature.
fn pins(plan: &str, user_grants: &str) -> String {
    format!(
        r#"{{"model": {{
  "permissions": [{{"id": "pins.view", "label": "View PINs", "record": true}}],
  "features": [{{"id": "other_teams", "label": "Other Teams"}}],
  "plans": [{{"id": "team", "label": "Team", "features": []}},
            {{"id": "business", "label": "Business", "features": ["other_teams"]}}],
  "roles": [{{"id": "rep", "label": "Rep", "grants": [
    {{"permission": "pins.view", "scope": ["own"]}},
    {{"permission": "pins.view", "teams": ["north"], "feature": "other_teams"}}]}}]}},
 "org": {{"plan": "{plan}",
  "teams": [{{"id": "north"}}, {{"id": "south"}}],
  "users": [{{"id": "ann", "teams": ["south"], "roles": [{{"role": "rep"}}]{user_grants}}},
            {{"id": "bo", "teams": ["north"]}}]}}}}"#
    )
}

#[test]
fn c1_a_plan_feature_gates_one_grant_and_a_users_own_grant_needing_it_is_rejected() {
    let north_pin = Context::of(Record::owned_by("bo"));
    let own_pin = Context::of(Record::owned_by("ann"));
    // Business: the Other Teams grant applies.
    let business = loads(&pins("business", ""));
    assert!(business.can("ann", "pins.view", &north_pin));
    assert!(business.can("ann", "pins.view", &own_pin));
    // Team: the rest of the role applies, the gated grant does not.
    let team = loads(&pins("team", ""));
    assert!(team.can("ann", "pins.view", &own_pin));
    let x = team.explain("ann", "pins.view", &north_pin);
    assert_eq!(x.code, Code::OutOfScope, "{x:?}");
    // A user's own Other Teams list on the Team plan: rejected, where written.
    let own = r#", "grants": [{"permission": "pins.view", "teams": ["north"], "feature": "other_teams"}]"#;
    assert!(Engine::from_json(&pins("business", own)).is_ok());
    let p = only(&pins("team", own));
    assert_eq!(p.path, "org.users[0].grants[0].feature");
    assert_eq!(
        p.message,
        "this grant of `pins.view` needs feature `other_teams` (Other Teams), which plan `team` does not include: remove the grant, or change the plan"
    );
    // An unknown feature is reported at the grant's `feature`.
    let p = only(
        &pins("business", "").replace(r#""feature": "other_teams""#, r#""feature": "other_team""#),
    );
    assert_eq!(p.path, "model.roles[0].grants[1].feature");
    assert_eq!(
        p.message,
        "unknown feature `other_team`, did you mean `other_teams`?"
    );
}

// --- C2 ----------------------------------------------------------------------

/// SPOTIO's hierarchy: only administrators and holders of Can Manage Users
/// may have people report to them; on the Team plan everyone reports to an
/// administrator. `users` are the org's users (JSON array items).
fn hierarchy(plan: &str, users: &str) -> String {
    format!(
        r#"{{"model": {{
  "permissions": [{{"id": "users.manage"}}],
  "features": [{{"id": "manage_users"}}],
  "plans": [{{"id": "team", "features": []}}, {{"id": "business", "features": ["manage_users"]}}],
  "roles": [{{"id": "administrator"}}],
  "toggles": [{{"id": "can_manage_users", "feature": "manage_users", "grants": [{{"permission": "users.manage"}}]}}],
  "reporting": [
    {{"managers": {{"roles": ["administrator"], "toggles": ["can_manage_users"]}}}},
    {{"plans": ["team"], "reportTo": {{"roles": ["administrator"]}}}}]}},
 "org": {{"plan": "{plan}", "users": [{users}]}}}}"#
    )
}

#[test]
fn c2_reporting_rules_who_may_be_a_manager_and_whom_everyone_reports_to_on_a_plan() {
    let admin = r#"{"id": "rachel", "roles": [{"role": "administrator"}]}"#;
    let mike = r#"{"id": "mike", "manager": "rachel", "toggles": ["can_manage_users"]}"#;
    let kevin = r#"{"id": "kevin", "manager": "mike"}"#;
    let aisha = r#"{"id": "aisha", "manager": "kevin"}"#;
    // Business: Mike holds Can Manage Users, so Kevin may report to him.
    loads(&hierarchy("business", &[admin, mike, kevin].join(",")));
    // Kevin does not: nobody may report to him.
    let p = only(&hierarchy(
        "business",
        &[admin, mike, kevin, aisha].join(","),
    ));
    assert_eq!(p.path, "org.users[3].manager");
    assert_eq!(
        p.message,
        "user `aisha` reports to `kevin`, but only holders of role `administrator` or toggle `can_manage_users` may have people report to them"
    );
    // Team: everyone reports to the account admin (or is one). A manager
    // who does not exist is only reported as unknown.
    let rep = r#"{"id": "carlos", "manager": "rachel"}"#;
    loads(&hierarchy("team", &[admin, rep].join(",")));
    let loner = r#"{"id": "lina"}"#;
    let all = problems(&hierarchy("team", &[admin, kevin, loner].join(",")));
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("org.users[1].manager", "unknown user `mike`"),
            (
                "org.users[2].manager",
                "user `lina` reports to nobody, but on plan `team` everyone reports directly to a holder of role `administrator` (or is one)"
            ),
        ]
    );
    // The rules name what exists, and say something.
    let broken = hierarchy("business", admin)
        .replace(
            r#""toggles": ["can_manage_users"]}"#,
            r#""toggles": ["can_manage_user"]}"#,
        )
        .replace(
            r#"{"plans": ["team"], "reportTo""#,
            r#"{"plans": ["teams"], "reportTo""#,
        )
        .replace(r#""roles": ["administrator"]}}]"#, r#""roles": []}}, {}]"#);
    let all = problems(&broken);
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "model.reporting[0].managers.toggles[0]",
                "unknown toggle `can_manage_user`, did you mean `can_manage_users`?"
            ),
            (
                "model.reporting[1].plans[0]",
                "unknown plan `teams`, did you mean `team`?"
            ),
            (
                "model.reporting[1].reportTo",
                "names no role and no toggle, so nobody holds it: list `roles` or `toggles`"
            ),
            (
                "model.reporting[2]",
                "a reporting rule needs `managers` (who may be a manager) or `reportTo` (whom everyone else reports to)"
            ),
        ]
    );
}

// --- C3 ----------------------------------------------------------------------

/// Modjo-like roles, one per user in total; `users` as JSON array items.
fn one_role(users: &str) -> String {
    format!(
        r#"{{"model": {{
  "permissions": [{{"id": "calls.view", "record": true}}],
  "roles": [{{"id": "user", "label": "User", "grants": [{{"permission": "calls.view", "scope": ["own", "team"]}}]}},
            {{"id": "manager", "label": "Manager", "includes": ["user"], "assigns": ["user", "manager"]}}],
  "rolesPerUserInTotal": {{"min": 1, "max": 1}}}},
 "org": {{"teams": [{{"id": "a"}}, {{"id": "b"}}], "users": [{users}]}}}}"#
    )
}

#[test]
fn c3_roles_per_user_in_total_one_role_full_stop_wherever_held() {
    let boss = r#"{"id": "julien", "roles": [{"role": "manager"}]}"#;
    // Manager for one team and User for another: two roles.
    let two = r#"{"id": "hugo", "roles": [{"role": "manager", "team": "a"}, {"role": "user", "team": "b"}]}"#;
    let p = only(&one_role(&[boss, two].join(",")));
    assert_eq!(p.path, "org.users[1].roles");
    assert_eq!(
        p.message,
        "user `hugo` holds 2 different roles (`user` and `manager`), but the model allows at most 1 per user in total, wherever held"
    );
    // The same role at two places is one role; no role at all is too few.
    let same = r#"{"id": "hugo", "roles": [{"role": "user", "team": "a"}, {"role": "user", "team": "b"}]}"#;
    let none = r#"{"id": "lea"}"#;
    let p = only(&one_role(&[boss, same, none].join(",")));
    assert_eq!(p.path, "org.users[2].roles");
    assert_eq!(
        p.message,
        "user `lea` holds 0 roles, but the model requires at least 1 different role per user"
    );
    // `can_assign` refuses a second role, in the load's words.
    let e = loads(&one_role(&[boss, same].join(",")));
    let x = e.can_assign(
        "julien",
        "manager",
        &AssignTarget {
            user: Some("hugo".into()),
            team: Some("a".into()),
            ..AssignTarget::default()
        },
    );
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    assert_eq!(
        x.message,
        "user `hugo` holds 2 different roles (`user` and `manager`), but the model allows at most 1 per user in total, wherever held"
    );
    assert!(e.can_assign("julien", "user", &to_user("hugo")).allowed);
}

// --- C4 ----------------------------------------------------------------------

#[test]
fn c4_a_model_without_direct_grants_rejects_a_users_own_grants_where_written() {
    let snapshot = |direct: &str| {
        format!(
            r#"{{"model": {{"permissions": [{{"id": "templates.manage"}}],
  "roles": [{{"id": "user"}}, {{"id": "admin", "grants": [{{"permission": "templates.manage"}}]}}]{direct}}},
 "org": {{"users": [{{"id": "hugo", "roles": [{{"role": "user"}}],
   "grants": [{{"permission": "templates.manage"}}]}}]}}}}"#
        )
    };
    // Allowed by default, and with `"directGrants": true`.
    assert!(loads(&snapshot("")).can("hugo", "templates.manage", &Context::default()));
    loads(&snapshot(r#", "directGrants": true"#));
    let p = only(&snapshot(r#", "directGrants": false"#));
    assert_eq!(p.path, "org.users[0].grants[0]");
    assert_eq!(
        p.message,
        "user `hugo` holds a grant of `templates.manage` of their own, but the model allows no direct grants (`\"directGrants\": false`): give them a role that grants it instead"
    );
}

// --- C5 ----------------------------------------------------------------------

/// Admins advised for 1 to 3 people; `n` of the users hold the role.
fn admins(n: usize, holders: &str) -> String {
    let users: Vec<String> = (0..5)
        .map(|i| {
            let role = if i < n { "admin" } else { "user" };
            format!(r#"{{"id": "u{i}", "roles": [{{"role": "{role}"}}]}}"#)
        })
        .collect();
    format!(
        r#"{{"model": {{"permissions": [],
  "roles": [{{"id": "user"}}, {{"id": "admin", "assigns": ["*"], "holders": {holders}}}]}},
 "org": {{"users": [{}]}}}}"#,
        users.join(",")
    )
}

#[test]
fn c5_holder_counts_at_the_warning_level_are_advice_reported_by_warnings() {
    let advice = r#"{"min": 1, "max": 3, "level": "warning"}"#;
    assert!(loads(&admins(3, advice)).warnings().is_empty());
    // Four admins: the org loads, with a warning at the fourth.
    let e = loads(&admins(4, advice));
    let w = e.warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "org.users[3].roles[0]");
    assert_eq!(
        w[0].message,
        "role `admin` is advised for at most 3 users, but 4 hold it: `u0`, `u1`, `u2` and `u3`"
    );
    // Advice never refuses an assignment.
    let x = e.can_assign("u0", "admin", &to_user("u4"));
    assert!(x.allowed, "{x:?}");
    // Nobody: a warning at the role's `holders`.
    let w = loads(&admins(0, advice).replace(r#""assigns": ["*"], "#, ""))
        .warnings()
        .to_vec();
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].path, "model.roles[1].holders");
    assert_eq!(
        w[0].message,
        "role `admin` is advised for at least 1 user, but nobody holds it"
    );
    // The same bounds as a rule (the default level, or `"error"`) reject.
    for rule in [
        r#"{"min": 1, "max": 3}"#,
        r#"{"min": 1, "max": 3, "level": "error"}"#,
    ] {
        let p = only(&admins(4, rule));
        assert_eq!(p.path, "org.users[3].roles[0]");
        assert!(
            p.message.contains("may be held by at most 3 users"),
            "{p:?}"
        );
        let x = loads(&admins(3, rule)).can_assign("u0", "admin", &to_user("u4"));
        assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    }
    let p = only(&admins(3, r#"{"max": 3, "level": "warnings"}"#));
    assert_eq!(p.path, "model.roles[1].holders.level");
    assert_eq!(
        p.message,
        "unknown level `warnings`, did you mean `warning`? (expected `error` or `warning`)"
    );
}

// --- C6 ----------------------------------------------------------------------

/// Jiminny-like teams: each has a manager, who holds the Manager role.
/// `extra` is added to the model (starting with `,`).
fn teams(teams: &str, users: &str, extra: &str) -> String {
    format!(
        r#"{{"model": {{"permissions": [{{"id": "reports.view", "record": true}}],
  "roles": [{{"id": "admin", "label": "Admin", "includes": ["manager"], "assigns": ["*"]}},
            {{"id": "manager", "label": "Manager", "grants": [{{"permission": "reports.view", "scope": ["managedTeams"]}}]}},
            {{"id": "recorder", "label": "Recorder"}}],
  "teamManagers": {{"min": 1, "role": "manager"}}{extra}}},
 "org": {{"teams": [{teams}], "users": [{users}]}}}}"#
    )
}

#[test]
fn c6_every_team_has_a_manager_who_holds_the_manager_role() {
    let olivia = r#"{"id": "olivia", "roles": [{"role": "admin"}]}"#;
    let tom = r#"{"id": "tom", "roles": [{"role": "manager"}]}"#;
    let grace =
        r#"{"id": "grace", "roles": [{"role": "recorder"}, {"role": "manager", "team": "sales"}]}"#;
    let users = [olivia, tom, grace].join(",");
    // Tom holds Manager; Olivia holds it through Admin.
    let ok = r#"{"id": "sales", "managers": ["tom"]}, {"id": "cs", "managers": ["olivia"]}"#;
    loads(&teams(ok, &users, ""));
    // A team without a manager, and a manager without the role for that team.
    let drift = r#"{"id": "sales", "managers": ["grace"]}, {"id": "cs", "managers": ["grace"]}, {"id": "new"}"#;
    let all = problems(&teams(drift, &users, ""));
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "org.teams[1].managers[0]",
                "user `grace` manages team `cs` but does not hold role `manager` (Manager) there, which the model requires of team managers"
            ),
            (
                "org.teams[2].managers",
                "team `new` must have at least 1 manager, but has none: list them in its `managers`"
            ),
        ]
    );
    // `can_assign` refuses to take the role from a team's manager.
    let e = loads(&teams(ok, &users, r#", "rolesPerUser": {"max": 1}"#));
    let x = e.can_assign("olivia", "recorder", &to_user("tom"));
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    assert_eq!(
        x.message,
        "user `tom` manages team `sales` but does not hold role `manager` (Manager) there, which the model requires of team managers"
    );
    assert!(
        e.can_assign("olivia", "recorder", &to_user("grace"))
            .allowed
    );
    // The role must exist.
    let p = only(&teams(ok, &users, "").replace(
        r#""min": 1, "role": "manager""#,
        r#""min": 1, "role": "manger""#,
    ));
    assert_eq!(p.path, "model.teamManagers.role");
    assert_eq!(p.message, "unknown role `manger`, did you mean `manager`?");
}

// --- The README's example -------------------------------------------------------

/// The README's "Rules on the organisation": its snapshot, and the lines of
/// the text block after it (each `path: message`).
fn readme_rules() -> (String, Vec<String>) {
    let readme = include_str!("../README.md");
    let section = readme
        .split("### Rules on the organisation")
        .nth(1)
        .expect("the section");
    let block = |fence: &str| {
        let start = section.find(fence).expect("the block") + fence.len();
        let len = section[start..].find("```").expect("its end");
        section[start..start + len].to_owned()
    };
    let lines = block("```text\n").lines().map(str::to_owned).collect();
    (block("```json\n"), lines)
}

#[test]
fn the_readme_rules_example_loads_and_each_variation_reports_as_written() {
    let (json, lines) = readme_rules();
    let e = loads(&json);
    assert!(e.warnings().is_empty(), "{:?}", e.warnings());
    let north = Context::of(Record::owned_by("ada").team("north"));
    assert!(e.can("mo", "pins.view", &north));
    let team = json.replace(r#""plan": "business""#, r#""plan": "team""#);
    let rae = r#""roles": [{"role": "rep"}]}"#;
    let variations = [
        team.clone(),
        json.replace(
            rae,
            r#""roles": [{"role": "rep"}, {"role": "manager", "team": "north"}]}"#,
        ),
        json.replace(
            rae,
            r#""roles": [{"role": "rep"}], "grants": [{"permission": "users.manage"}]}"#,
        ),
        json.replace(
            r#""roles": [{"role": "manager"}]}"#,
            r#""roles": [{"role": "admin"}]}"#,
        )
        .replace(
            rae,
            r#""roles": [{"role": "admin"}]}, {"id": "kit", "roles": [{"role": "admin"}]}"#,
        ),
        json.replace(
            r#"{"id": "south", "managers": ["mo"]}"#,
            r#"{"id": "south", "managers": ["rae"]}, {"id": "east"}"#,
        ),
    ];
    let mut found = Vec::new();
    for v in &variations {
        match Engine::from_json(v) {
            Ok(e) => found.extend(e.warnings().iter().map(|w| format!("{w} (a warning)"))),
            Err(err) => found.extend(err.problems.iter().map(|p| p.to_string())),
        }
    }
    assert_eq!(found, lines);
    // On the Team plan (with Mo reporting lines fixed), the Other Teams
    // grant does not apply.
    let t = loads(&team.replace(r#""manager": "mo""#, r#""manager": "ada""#));
    assert_eq!(t.explain("mo", "pins.view", &north).code, Code::OutOfScope);
    // `canAssign`, as the README's decisions section says.
    let rae_north = AssignTarget {
        user: Some("rae".into()),
        team: Some("north".into()),
        ..AssignTarget::default()
    };
    assert_eq!(
        e.can_assign("ada", "manager", &rae_north).message,
        "user `rae` holds 2 different roles (`manager` and `rep`), but the model allows at most 1 per user in total, wherever held"
    );
    assert_eq!(
        e.can_assign("ada", "rep", &to_user("mo")).message,
        "user `mo` manages team `south` but does not hold role `manager` (Manager) there, which the model requires of team managers"
    );
    assert!(e.can_assign("ada", "admin", &to_user("rae")).allowed);
}

#[test]
fn the_rules_speak_the_models_locale() {
    let (json, _) = readme_rules();
    let fr = json.replacen(r#""model": {"#, r#""model": {"locale": "fr", "#, 1);
    let rae = r#""roles": [{"role": "rep"}]}"#;
    let variations = [
        fr.replace(r#""plan": "business""#, r#""plan": "team""#),
        fr.replace(
            rae,
            r#""roles": [{"role": "rep"}], "grants": [{"permission": "users.manage"}]}"#,
        ),
        fr.replace(
            r#"{"id": "south", "managers": ["mo"]}"#,
            r#"{"id": "south", "managers": ["rae"]}, {"id": "east"}"#,
        ),
        fr.replace(r#""level": "warning""#, r#""level": "warnings""#),
        fr.replace(r#""reporting": ["#, r#""reporting": [{}, "#),
    ];
    let mut found = Vec::new();
    for v in &variations {
        found.extend(problems(v).iter().map(|p| p.to_string()));
    }
    assert_eq!(
        found,
        [
            "org.users[2].manager: l'utilisateur `rae` a pour manager `mo`, mais avec l'offre `team`, chacun doit avoir pour manager direct quelqu'un qui détient le rôle `admin` (ou le détenir soi-même)",
            "org.users[2].grants[0]: l'utilisateur `rae` a sa propre attribution de `users.manage`, mais le modèle n'autorise aucune attribution directe (`\"directGrants\": false`) : donnez-lui plutôt un rôle qui l'accorde",
            "org.teams[1].managers[0]: l'utilisateur `rae` gère l'équipe `south` mais n'y a pas le rôle `manager` (Manager), que le modèle demande aux managers d'équipe",
            "org.teams[2].managers: l'équipe `east` doit avoir au moins 1 manager, mais elle n'en a aucun : listez-les dans ses `managers`",
            "model.roles[0].holders.level: niveau `warnings` inconnu, vouliez-vous dire `warning` ? (attendu : `error` ou `warning`)",
            "model.reporting[0]: une règle hiérarchique demande `managers` (qui peut être manager) ou `reportTo` (de qui tous les autres dépendent)",
        ]
    );
    // Advice and `canAssign` too; and the model may reword them.
    let four = fr
        .replace(
            r#""roles": [{"role": "manager"}]}"#,
            r#""roles": [{"role": "admin"}]}"#,
        )
        .replace(
            rae,
            r#""roles": [{"role": "admin"}]}, {"id": "kit", "roles": [{"role": "admin"}]}"#,
        );
    let e = loads(&four);
    let w: Vec<String> = e.warnings().iter().map(|p| p.message.clone()).collect();
    assert_eq!(
        w,
        ["le rôle `admin` est conseillé pour au plus 3 utilisateurs, mais 4 le détiennent : `ada`, `mo`, `rae` et `kit`"]
    );
    let e = loads(&fr);
    let rae_north = AssignTarget {
        user: Some("rae".into()),
        team: Some("north".into()),
        ..AssignTarget::default()
    };
    assert_eq!(
        e.can_assign("ada", "manager", &rae_north).message,
        "l'utilisateur `rae` a 2 rôles différents (`manager` et `rep`), mais le modèle en permet au plus 1 par utilisateur au total, où qu'ils soient détenus"
    );
    let reworded = four.replacen(
        r#""locale": "fr", "#,
        r#""locale": "fr", "messages": {"fr": {"advised_max_holders": "{role} : {users} au plus conseillés ({names})"}}, "#,
        1,
    );
    let w = loads(&reworded).warnings().to_vec();
    assert_eq!(
        w[0].message,
        "admin : 3 utilisateurs au plus conseillés (`ada`, `mo`, `rae` et `kit`)"
    );
}
