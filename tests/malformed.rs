//! Malformed snapshots: each is rejected with the expected problems, each at
//! its exact JSON path, every problem at once, and nothing panics or
//! overflows the stack.
//!
//! Each test edits one small valid snapshot ([`base`]) and lists the problems
//! it expects: the paths exactly, the messages by key words.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::{Engine, Problem};
use serde_json::{json, Value};

/// A small valid snapshot touching every validation rule: an owner that
/// must be unique and needs CRM admin access, a seat, a role that requires
/// another, a toggle behind a plan feature, units, a team and a restriction.
fn base() -> Value {
    json!({
        "model": {
            "name": "Test",
            "permissions": [
                {"id": "calls.view", "record": true},
                {"id": "calls.record", "seat": "recorder"},
                {"id": "users.manage", "record": true},
                {"id": "settings.crm"},
                {"id": "hierarchy.edit", "feature": "manage_users"}
            ],
            "features": [{"id": "manage_users", "label": "Can Manage Users"}],
            "plans": [
                {"id": "team", "label": "Team", "features": []},
                {"id": "business", "label": "Business", "features": ["manage_users"]}
            ],
            "seats": [{"id": "recorder", "label": "Recording licence"}],
            "roles": [
                {"id": "owner", "includes": ["admin"],
                 "grants": [{"permission": "settings.crm"}],
                 "holders": {"min": 1, "max": 1},
                 "requiresUser": {"when": {"attr": "user.crmAdmin", "eq": true},
                                  "message": "has CRM admin access"},
                 "assigns": ["*"]},
                {"id": "admin", "grants": [{"permission": "calls.*"}, {"permission": "users.*"}],
                 "assigns": ["manager", "recorder", "voice"]},
                {"id": "manager",
                 "grants": [{"permission": "calls.view", "scope": ["own", "managedTeams"]}]},
                {"id": "recorder", "label": "Recorder", "seat": "recorder",
                 "grants": [{"permission": "calls.record"}]},
                {"id": "voice", "requires": ["recorder"]}
            ],
            "toggles": [
                {"id": "can_manage_users", "feature": "manage_users",
                 "grants": [{"permission": "hierarchy.edit"}]}
            ],
            "restrictions": [
                {"id": "private", "permissions": ["calls.view"],
                 "when": {"attr": "team.private", "eq": true},
                 "unless": {"scope": ["own", "team"]},
                 "message": "calls of team {team} are private"}
            ],
            "rolesPerUser": {"max": 3}
        },
        "org": {
            "plan": "business",
            "settings": {},
            "seats": {"recorder": 1},
            "units": [
                {"id": "hq"},
                {"id": "london", "parent": "hq"},
                {"id": "paris", "parent": "hq"}
            ],
            "teams": [{"id": "sales", "managers": ["mo"], "settings": {"private": true}}],
            "users": [
                {"id": "olu", "roles": [{"role": "owner"}], "attributes": {"crmAdmin": true}},
                {"id": "mo", "manager": "olu", "teams": ["sales"],
                 "roles": [{"role": "manager"}, {"role": "admin", "unit": "london"}]},
                {"id": "rae", "manager": "mo", "teams": ["sales"],
                 "roles": [{"role": "recorder"}, {"role": "voice"}],
                 "toggles": ["can_manage_users"]}
            ]
        }
    })
}

/// Sets the value at a JSON pointer (creating the last key of an object).
#[track_caller]
fn set(doc: &mut Value, pointer: &str, value: Value) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = value;
        return;
    }
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    match doc.pointer_mut(parent) {
        Some(Value::Object(map)) => {
            map.insert(key.to_owned(), value);
        }
        _ => panic!("no object at `{parent}` to set `{key}` in"),
    }
}

/// Appends to the array at a JSON pointer.
#[track_caller]
fn push(doc: &mut Value, pointer: &str, value: Value) {
    match doc.pointer_mut(pointer) {
        Some(Value::Array(items)) => items.push(value),
        _ => panic!("no array at `{pointer}`"),
    }
}

/// `base()` edited by `edit`.
fn edited(edit: impl FnOnce(&mut Value)) -> Value {
    let mut doc = base();
    edit(&mut doc);
    doc
}

/// The problems of a snapshot text that must be rejected.
#[track_caller]
fn rejected_text(text: &str) -> Vec<Problem> {
    match Engine::from_json(text) {
        Ok(_) => panic!("the snapshot should be rejected, but it loaded"),
        Err(err) => {
            assert!(!err.problems.is_empty(), "an error must list its problems");
            err.problems
        }
    }
}

#[track_caller]
fn rejected(doc: &Value) -> Vec<Problem> {
    rejected_text(&doc.to_string())
}

#[track_caller]
fn loads(doc: &Value) -> Engine {
    match Engine::from_json(&doc.to_string()) {
        Ok(e) => e,
        Err(err) => panic!("the snapshot should load: {err}"),
    }
}

fn short(text: &str) -> String {
    if text.len() <= 160 {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(160).collect();
        format!("{cut}... ({} bytes)", text.len())
    }
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("\n    {} : {}", short(&p.path), short(&p.message)))
        .collect()
}

fn matches(p: &Problem, path: &str, words: &[&str]) -> bool {
    let message = p.message.to_lowercase();
    p.path == path && words.iter().all(|w| message.contains(&w.to_lowercase()))
}

/// Exactly the expected problems, in any order: one per `(path, words)`,
/// the path equal, the message holding every word (case-insensitive).
#[track_caller]
fn assert_problems(problems: &[Problem], expected: &[(&str, &[&str])]) {
    let mut left: Vec<&Problem> = problems.iter().collect();
    for (path, words) in expected {
        match left.iter().position(|p| matches(p, path, words)) {
            Some(i) => {
                left.remove(i);
            }
            None => panic!(
                "expected a problem at `{path}` saying {words:?}; got:{}",
                list(problems)
            ),
        }
    }
    assert!(
        left.is_empty(),
        "unexpected problems:{}\nall problems:{}",
        list(&left.into_iter().cloned().collect::<Vec<_>>()),
        list(problems)
    );
}

/// The base itself is valid, so every rejection below is the edit's.
#[test]
fn the_base_snapshot_is_valid() {
    let e = loads(&base());
    assert!(e.warnings().is_empty(), "{:?}", e.warnings());
    assert!(e.can("olu", "settings.crm", &Default::default()));
}

// --- Not a snapshot at all -------------------------------------------------

#[test]
fn empty_input_is_one_problem_at_the_root() {
    for text in ["", "   ", "\n\t  \r\n"] {
        assert_problems(&rejected_text(text), &[("$", &["empty"])]);
    }
}

#[test]
fn a_document_that_is_not_an_object_is_rejected_at_the_root() {
    for (text, kind) in [
        ("[]", "an array"),
        ("[{\"model\": {}}]", "an array"),
        ("5", "a number"),
        ("\"model\"", "a string"),
        ("null", "null"),
        ("true", "a boolean"),
    ] {
        assert_problems(
            &rejected_text(text),
            &[("$", &["expected an object", "`model`", "`org`", kind])],
        );
    }
}

#[test]
fn invalid_json_is_rejected_at_the_root() {
    let good = base().to_string();
    for text in [
        "{".to_owned(),
        "{\"model\":".to_owned(),
        "{'model': 1}".to_owned(),
        format!("{good} trailing"),
        good.replacen('}', "", 1),
    ] {
        assert_problems(&rejected_text(&text), &[("$", &["not valid JSON"])]);
    }
}

#[test]
fn missing_model_and_org_are_both_reported() {
    assert_problems(
        &rejected_text("{}"),
        &[
            ("$", &["missing field `model`"]),
            ("$", &["missing field `org`"]),
        ],
    );
}

#[test]
fn missing_required_fields_are_reported_where_they_belong() {
    let doc = edited(|d| {
        d["model"].as_object_mut().map(|m| m.remove("permissions"));
        set(d, "/org/users/1", json!({"manager": "olu"}));
        set(d, "/model/roles/4", json!({"label": "Voice"}));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model", &["missing field `permissions`"]),
            ("model.roles[4]", &["missing field `id`"]),
            ("org.users[1]", &["missing field `id`"]),
        ],
    );
}

// --- Wrong types -------------------------------------------------------------

#[test]
fn roles_must_be_an_array() {
    let doc = edited(|d| set(d, "/model/roles", json!(5)));
    assert_problems(
        &rejected(&doc),
        &[("model.roles", &["expected an array", "a number"])],
    );
}

#[test]
fn a_user_id_must_be_a_string() {
    let doc = edited(|d| set(d, "/org/users/1/id", json!(7)));
    assert_problems(
        &rejected(&doc),
        &[("org.users[1].id", &["expected a string", "a number `7`"])],
    );
}

#[test]
fn type_errors_in_several_elements_are_reported_together() {
    let doc = edited(|d| {
        set(d, "/org/users/0/id", json!(1));
        set(d, "/org/users/1/manager", json!(5));
        set(d, "/org/users/2/teams", json!("sales"));
        set(
            d,
            "/model/roles/2/grants/0/permission",
            json!(["calls.view"]),
        );
        set(d, "/model/roles/4/requires", json!("recorder"));
        set(d, "/model/permissions/0/record", json!("yes"));
        set(d, "/org/units/1/parent", json!({"id": "hq"}));
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.permissions[0].record",
                &["expected a boolean", "a string `yes`"],
            ),
            (
                "model.roles[2].grants[0].permission",
                &["expected a string"],
            ),
            ("model.roles[4].requires", &["expected an array"]),
            ("org.units[1].parent", &["expected a string"]),
            ("org.users[0].id", &["expected a string", "a number `1`"]),
            (
                "org.users[1].manager",
                &["expected a string", "a number `5`"],
            ),
            ("org.users[2].teams", &["expected an array"]),
        ],
    );
}

#[test]
fn a_bad_scope_level_names_its_position() {
    let doc = edited(|d| set(d, "/model/roles/2/grants/0/scope/1", json!("everyone")));
    assert_problems(
        &rejected(&doc),
        &[(
            "model.roles[2].grants[0].scope[1]",
            &["unknown scope level `everyone`", "`own`", "`managedTeams`"],
        )],
    );
}

#[test]
fn a_condition_of_the_wrong_type_names_its_field() {
    let doc = edited(|d| {
        set(
            d,
            "/model/restrictions/0/when",
            json!({"attr": "team.private", "in": "a"}),
        );
        set(
            d,
            "/org/users/0/attributes/crmAdmin",
            json!({"nested": true}),
        );
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.restrictions[0].when.in", &["expected an array"]),
            (
                "org.users[0].attributes.crmAdmin",
                &[
                    "expected a string, a number, a boolean or a list of strings",
                    "an object",
                ],
            ),
        ],
    );
}

// --- Unknown fields ----------------------------------------------------------

#[test]
fn unknown_fields_are_reported_with_their_paths() {
    let doc = edited(|d| {
        set(d, "/model/colour", json!("red"));
        set(d, "/model/roles/1/grants/0/scop", json!(["own"]));
        set(
            d,
            "/model/restrictions/0/when",
            json!({"attr": "team.private", "equals": true}),
        );
        set(d, "/org/units/1/city", json!("London"));
        set(d, "/org/users/0/nickname", json!("O"));
        set(d, "/org/users/2/roles/0/where", json!("hq"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.colour", &["unknown field `colour`", "`permissions`"]),
            (
                "model.roles[1].grants[0].scop",
                &["unknown field `scop`, did you mean `scope`?"],
            ),
            (
                "model.restrictions[0].when.equals",
                &["unknown field `equals`", "`eq`"],
            ),
            ("org.units[1].city", &["unknown field `city`"]),
            ("org.users[0].nickname", &["unknown field `nickname`"]),
            (
                "org.users[2].roles[0].where",
                &["unknown field `where`", "`unit`"],
            ),
        ],
    );
}

#[test]

fn an_unknown_top_level_field_is_reported_at_its_name() {
    let doc = edited(|d| set(d, "/extra", json!(1)));
    assert_problems(
        &rejected(&doc),
        &[("extra", &["unknown field `extra`", "`model`", "`org`"])],
    );
}

// --- Duplicate ids ------------------------------------------------------------

#[test]
fn duplicate_ids_are_reported_at_each_repeat() {
    let doc = edited(|d| {
        push(d, "/model/permissions", json!({"id": "calls.view"}));
        push(d, "/model/features", json!({"id": "manage_users"}));
        push(d, "/model/plans", json!({"id": "team"}));
        push(d, "/model/seats", json!({"id": "recorder"}));
        push(d, "/model/roles", json!({"id": "admin"}));
        push(d, "/model/toggles", json!({"id": "can_manage_users"}));
        push(
            d,
            "/model/restrictions",
            json!({"id": "private", "permissions": ["calls.view"],
                   "when": {"attr": "org.x", "eq": 1}, "message": "no"}),
        );
        push(d, "/org/units", json!({"id": "hq"}));
        push(d, "/org/teams", json!({"id": "sales"}));
        push(d, "/org/users", json!({"id": "mo"}));
        push(d, "/org/users", json!({"id": "mo"}));
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.permissions[5].id",
                &["duplicate permission id `calls.view`"],
            ),
            (
                "model.features[1].id",
                &["duplicate feature id `manage_users`"],
            ),
            ("model.plans[2].id", &["duplicate plan id `team`"]),
            ("model.seats[1].id", &["duplicate seat id `recorder`"]),
            ("model.roles[5].id", &["duplicate role id `admin`"]),
            (
                "model.toggles[1].id",
                &["duplicate toggle id `can_manage_users`"],
            ),
            (
                "model.restrictions[1].id",
                &["duplicate restriction id `private`"],
            ),
            ("org.units[3].id", &["duplicate unit id `hq`"]),
            ("org.teams[1].id", &["duplicate team id `sales`"]),
            ("org.users[3].id", &["duplicate user id `mo`"]),
            ("org.users[4].id", &["duplicate user id `mo`"]),
        ],
    );
}

#[test]
fn empty_ids_are_rejected() {
    let doc = edited(|d| {
        set(d, "/org/users/2/id", json!(""));
        set(d, "/org/users/2/manager", json!(null));
        set(d, "/model/roles/4/id", json!(""));
        set(d, "/model/roles/1/assigns", json!(["manager", "recorder"]));
        set(d, "/org/users/2/roles", json!([{"role": "recorder"}]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.roles[4].id", &["role id is empty"]),
            ("org.users[2].id", &["user id is empty"]),
        ],
    );
}

// --- Dangling references --------------------------------------------------------

#[test]
fn dangling_role_references() {
    let doc = edited(|d| {
        set(d, "/org/users/1/roles/0/role", json!("ghost"));
        set(d, "/model/roles/0/includes/0", json!("boss"));
        set(d, "/model/roles/4/requires/0", json!("rec"));
        set(d, "/model/roles/1/assigns/0", json!("mgr"));
        set(d, "/model/restrictions/0/unless/roles", json!(["boss"]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].roles[0].role", &["unknown role `ghost`"]),
            ("model.roles[0].includes[0]", &["unknown role `boss`"]),
            ("model.roles[4].requires[0]", &["unknown role `rec`"]),
            ("model.roles[1].assigns[0]", &["unknown role `mgr`"]),
            (
                "model.restrictions[0].unless.roles[0]",
                &["unknown role `boss`"],
            ),
        ],
    );
}

#[test]
fn dangling_unit_references() {
    let doc = edited(|d| {
        set(d, "/org/users/1/roles/1/unit", json!("berlin"));
        set(d, "/org/units/2/parent", json!("atlantis"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].roles[1].unit", &["unknown unit `berlin`"]),
            ("org.units[2].parent", &["unknown unit `atlantis`"]),
        ],
    );
}

#[test]
fn dangling_team_references() {
    let doc = edited(|d| {
        set(d, "/org/users/1/teams/0", json!("ops"));
        push(
            d,
            "/org/users/2/roles",
            json!({"role": "manager", "team": "support"}),
        );
        set(
            d,
            "/model/roles/2/grants/0/teams",
            json!(["sales", "marketing"]),
        );
        set(d, "/model/restrictions/0/unless/teams", json!(["legal"]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].teams[0]", &["unknown team `ops`"]),
            ("org.users[2].roles[2].team", &["unknown team `support`"]),
            (
                "model.roles[2].grants[0].teams[1]",
                &["unknown team `marketing`"],
            ),
            (
                "model.restrictions[0].unless.teams[0]",
                &["unknown team `legal`"],
            ),
        ],
    );
}

#[test]
fn dangling_manager_references() {
    let doc = edited(|d| {
        set(d, "/org/users/2/manager", json!("nobody"));
        set(d, "/org/teams/0/managers", json!(["mo", "zed"]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[2].manager", &["unknown user `nobody`"]),
            ("org.teams[0].managers[1]", &["unknown user `zed`"]),
        ],
    );
}

#[test]
fn dangling_toggle_reference() {
    let doc = edited(|d| {
        set(
            d,
            "/org/users/2/toggles",
            json!(["can_manage_users", "can_fly"]),
        )
    });
    assert_problems(
        &rejected(&doc),
        &[("org.users[2].toggles[1]", &["unknown toggle `can_fly`"])],
    );
}

#[test]
fn dangling_permission_references() {
    let doc = edited(|d| {
        set(
            d,
            "/model/roles/2/grants/0/permission",
            json!("calls.delete"),
        );
        set(
            d,
            "/model/toggles/0/grants/0/permission",
            json!("hierarchy.view"),
        );
        set(
            d,
            "/model/restrictions/0/permissions",
            json!(["calls.view", "calls.listen"]),
        );
        set(d, "/model/assignPermission", json!("users.invite"));
        set(
            d,
            "/org/users/1/grants",
            json!([{"permission": "reports.view"}]),
        );
        set(d, "/model/roles/1/grants/0/permission", json!("reports.*"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.roles[1].grants[0].permission",
                &["pattern `reports.*` matches no permission"],
            ),
            (
                "model.roles[2].grants[0].permission",
                &["unknown permission `calls.delete`"],
            ),
            (
                "model.toggles[0].grants[0].permission",
                &["unknown permission `hierarchy.view`"],
            ),
            (
                "model.restrictions[0].permissions[1]",
                &["unknown permission `calls.listen`"],
            ),
            (
                "model.assignPermission",
                &["unknown permission `users.invite`"],
            ),
            (
                "org.users[1].grants[0].permission",
                &["unknown permission `reports.view`"],
            ),
        ],
    );
}

#[test]
fn dangling_seat_references() {
    let doc = edited(|d| {
        set(d, "/model/permissions/1/seat", json!("viewer"));
        set(d, "/model/roles/3/seat", json!("listener"));
        set(d, "/org/seats", json!({"recorder": 1, "dialer": 2}));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.permissions[1].seat", &["unknown seat `viewer`"]),
            ("model.roles[3].seat", &["unknown seat `listener`"]),
            ("org.seats.dialer", &["unknown seat `dialer`"]),
        ],
    );
}

#[test]
fn dangling_feature_references() {
    let doc = edited(|d| {
        set(d, "/model/permissions/4/feature", json!("ai"));
        set(d, "/model/plans/1/features", json!(["manage_users", "sso"]));
        set(d, "/model/toggles/0/feature", json!("imports"));
        // Nobody holds the toggle, so its feature is not also a plan problem.
        set(d, "/org/users/2/toggles", json!([]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.permissions[4].feature", &["unknown feature `ai`"]),
            ("model.plans[1].features[1]", &["unknown feature `sso`"]),
            ("model.toggles[0].feature", &["unknown feature `imports`"]),
        ],
    );
}

#[test]
fn dangling_plan_reference() {
    let doc = edited(|d| set(d, "/org/plan", json!("enterprise")));
    assert_problems(
        &rejected(&doc),
        &[("org.plan", &["unknown plan `enterprise`"])],
    );
}

// --- Cycles ------------------------------------------------------------------------

#[test]
fn a_cycle_in_role_includes_is_reported_at_every_role_on_it() {
    let doc = edited(|d| {
        set(d, "/model/roles/1/includes", json!(["owner"]));
        set(d, "/model/roles/2/includes", json!(["manager"]));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("model.roles[0].includes", &["role `owner`", "cycle"]),
            ("model.roles[1].includes", &["role `admin`", "cycle"]),
            ("model.roles[2].includes", &["role `manager`", "cycle"]),
        ],
    );
}

#[test]
fn a_cycle_in_the_reporting_tree_is_one_problem_naming_every_user_on_it() {
    let doc = edited(|d| set(d, "/org/users/0/manager", json!("rae")));
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[0].manager",
            &[
                "user `olu` reports to `rae`, who reports to `mo`, who reports to `olu`",
                "cycle in the reporting tree",
            ],
        )],
    );
    let own = edited(|d| set(d, "/org/users/0/manager", json!("olu")));
    assert_problems(
        &rejected(&own),
        &[(
            "org.users[0].manager",
            &["user `olu`", "reports to themselves"],
        )],
    );
}

#[test]
fn a_cycle_in_the_units_tree_is_one_problem_naming_every_unit_on_it() {
    // hq <-> paris is a cycle; london hangs below it but is not on it.
    let doc = edited(|d| set(d, "/org/units/0/parent", json!("paris")));
    assert_problems(
        &rejected(&doc),
        &[(
            "org.units[0].parent",
            &[
                "unit `hq` is inside `paris`, which is inside `hq`",
                "cycle in the units tree",
            ],
        )],
    );
}

// --- Organisation rules ---------------------------------------------------------------

#[test]
fn two_holders_of_a_role_held_at_most_once_point_at_the_second_assignment() {
    let doc = edited(|d| {
        push(d, "/org/users/2/roles", json!({"role": "owner"}));
        set(d, "/org/users/2/attributes", json!({"crmAdmin": true}));
    });
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[2].roles[2]",
            &[
                "role `owner` may be held by at most 1 user",
                "`olu` holds it already",
                "`rae` is one too many",
            ],
        )],
    );
}

#[test]
fn no_holder_of_a_role_held_at_least_once() {
    let doc = edited(|d| set(d, "/org/users/0/roles", json!([{"role": "admin"}])));
    assert_problems(
        &rejected(&doc),
        &[(
            "model.roles[0].holders",
            &[
                "`owner`",
                "at least 1",
                "nobody holds it",
                "give it to 1 user",
            ],
        )],
    );
}

#[test]
fn voice_without_recorder() {
    let doc = edited(|d| set(d, "/org/users/2/roles", json!([{"role": "voice"}])));
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[2].roles",
            &["`rae`", "`voice`", "requires role `recorder`"],
        )],
    );
}

#[test]
fn two_roles_where_one_is_allowed() {
    // Modjo: exactly one role per user, counted per place: mo's two roles are
    // at different places (org-wide and london), rae's are both org-wide.
    let doc = edited(|d| set(d, "/model/rolesPerUser", json!({"min": 1, "max": 1})));
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[2].roles",
            &["`rae`", "2 roles", "org-wide", "at most 1"],
        )],
    );
    let at_unit = edited(|d| {
        set(d, "/model/rolesPerUser", json!({"max": 1}));
        set(d, "/org/users/2/roles", json!([{"role": "recorder"}]));
        push(
            d,
            "/org/users/1/roles",
            json!({"role": "recorder", "unit": "london"}),
        );
    });
    assert_problems(
        &rejected(&at_unit),
        &[(
            "org.users[1].roles",
            &["`mo`", "2 roles", "`london`", "at most 1"],
        )],
    );
    let none = edited(|d| {
        set(d, "/model/rolesPerUser", json!({"min": 1}));
        set(d, "/model/roles/4/requires", json!([]));
        set(d, "/org/users/2/roles", json!([]));
    });
    assert_problems(
        &rejected(&none),
        &[("org.users[2].roles", &["`rae`", "0 roles", "at least 1"])],
    );
}

#[test]
fn owner_without_crm_admin_access() {
    for attributes in [
        json!({"crmAdmin": false}),
        json!({}),
        json!({"crmAdmin": "yes"}),
    ] {
        let doc = edited(|d| set(d, "/org/users/0/attributes", attributes));
        assert_problems(
            &rejected(&doc),
            &[(
                "org.users[0].attributes",
                &["`olu`", "`owner`", "has CRM admin access"],
            )],
        );
    }
}

#[test]
fn a_toggle_the_plan_lacks() {
    let doc = edited(|d| set(d, "/org/plan", json!("team")));
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[2].toggles[0]",
            &[
                "toggle `can_manage_users`",
                "feature `manage_users`",
                "`team`",
            ],
        )],
    );
}

#[test]
fn a_direct_grant_the_plan_lacks() {
    let doc = edited(|d| {
        set(d, "/org/plan", json!("team"));
        set(d, "/org/users/2/toggles", json!([]));
        set(
            d,
            "/org/users/1/grants",
            json!([{"permission": "calls.view"}, {"permission": "hierarchy.edit"}]),
        );
    });
    assert_problems(
        &rejected(&doc),
        &[(
            "org.users[1].grants[1].permission",
            &[
                "permission `hierarchy.edit`",
                "feature `manage_users`",
                "`team`",
            ],
        )],
    );
}

#[test]
fn a_scope_on_a_permission_that_is_not_record_scoped() {
    let doc = edited(|d| {
        push(
            d,
            "/model/roles/1/grants",
            json!({"permission": "settings.crm", "scope": ["own"]}),
        );
        push(
            d,
            "/model/roles/2/grants",
            json!({"permission": "settings.crm", "teams": ["sales"]}),
        );
        set(
            d,
            "/org/users/0/grants",
            json!([{"permission": "calls.record", "scope": ["all"]}]),
        );
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.roles[1].grants[2].scope",
                &["`settings.crm`", "not record-scoped"],
            ),
            (
                "model.roles[2].grants[1].teams",
                &["`settings.crm`", "not record-scoped", "cannot list teams"],
            ),
            (
                "org.users[0].grants[0].scope",
                &["`calls.record`", "not record-scoped"],
            ),
        ],
    );
}

#[test]
fn other_model_rules() {
    let doc = edited(|d| {
        set(
            d,
            "/org/users/1/roles/1",
            json!({"role": "admin", "unit": "london", "team": "sales"}),
        );
        set(d, "/model/roles/1/grants/1/permission", json!("c*l*"));
        set(d, "/model/roles/0/holders", json!({"min": 2, "max": 1}));
        set(d, "/model/restrictions/0/message", json!("  "));
        set(d, "/model/permissions/3/id", json!("settings*"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].roles[1]", &["a unit or for a team, not both"]),
            (
                "model.roles[1].grants[1].permission",
                &["pattern `c*l*`", "only end with `*`"],
            ),
            ("model.roles[0].holders", &["min 2", "max 1"]),
            (
                "model.roles[0].holders",
                &["`owner`", "at least 2", "1 holds it"],
            ),
            ("model.restrictions[0].message", &["needs a message"]),
            (
                "model.permissions[3].id",
                &["`settings*`", "may not contain `*`"],
            ),
            // The renamed permission leaves the owner's grant dangling.
            (
                "model.roles[0].grants[0].permission",
                &["unknown permission `settings.crm`"],
            ),
        ],
    );
}

// --- Conditions ---------------------------------------------------------------------------

#[test]
fn bad_condition_shapes() {
    let doc = edited(|d| {
        for when in [
            json!({"attr": "user.x"}),
            json!({"attr": "user.x", "eq": 1, "present": true}),
            json!({"all": [], "any": []}),
            json!({}),
            json!({"eq": 1}),
            json!({"not": {"attr": "user.x", "in": [1], "eqAttr": "user.y"}}),
            json!({"any": [{"attr": "user.a", "eq": 1}, {"all": [{"not": {}}]}]}),
        ] {
            push(
                d,
                "/model/roles/2/grants",
                json!({"permission": "calls.view", "when": when}),
            );
        }
    });
    let which = "needs exactly one of `eq`, `in`, `present`, `eqAttr` or `inAttr`";
    let form = "needs exactly one of `all`, `any`, `not` or `attr`";
    assert_problems(
        &rejected(&doc),
        &[
            ("model.roles[2].grants[1].when", &["`user.x`", which]),
            ("model.roles[2].grants[2].when", &["`user.x`", which]),
            ("model.roles[2].grants[3].when", &[form]),
            ("model.roles[2].grants[4].when", &[form]),
            ("model.roles[2].grants[5].when", &[form]),
            ("model.roles[2].grants[6].when.not", &["`user.x`", which]),
            ("model.roles[2].grants[7].when.any[1].all[0].not", &[form]),
        ],
    );
}

#[test]
fn bad_attribute_paths() {
    let any_source = "`user.<key>`, `record.<key>`, `org.<key>`, `team.<key>`";
    let doc = edited(|d| {
        for when in [
            json!({"attr": "x.y", "eq": 1}),
            json!({"attr": "user.", "eq": 1}),
            json!({"attr": "user", "present": true}),
            json!({"all": [{"attr": "user.a", "eq": 1}, {"attr": "staff", "eq": 1}]}),
            json!({"attr": "record.staff", "eqAttr": "staff"}),
            json!({"attr": "record.group", "inAttr": "group.x"}),
        ] {
            push(
                d,
                "/model/roles/2/grants",
                json!({"permission": "calls.view", "when": when}),
            );
        }
        // A role's required attribute may only read the user (the valid
        // branch keeps the owner meeting the requirement).
        set(
            d,
            "/model/roles/0/requiresUser/when",
            json!({"any": [{"attr": "user.crmAdmin", "eq": true}, {"attr": "record.crmAdmin", "eq": true}]}),
        );
        set(
            d,
            "/model/restrictions/0/unless/when",
            json!({"attr": "org", "eq": true}),
        );
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.roles[0].requiresUser.when.any[1].attr",
                &["`record.crmAdmin`", "must be one of `user.<key>`"],
            ),
            ("model.roles[2].grants[1].when.attr", &["`x.y`", any_source]),
            (
                "model.roles[2].grants[2].when.attr",
                &["`user.`", any_source],
            ),
            (
                "model.roles[2].grants[3].when.attr",
                &["`user`", any_source],
            ),
            (
                "model.roles[2].grants[4].when.all[1].attr",
                &["`staff`", any_source],
            ),
            (
                "model.roles[2].grants[5].when.eqAttr",
                &["`staff`", any_source],
            ),
            (
                "model.roles[2].grants[6].when.inAttr",
                &["`group.x`", any_source],
            ),
            (
                "model.restrictions[0].unless.when.attr",
                &["`org`", any_source],
            ),
        ],
    );
}

// --- Deep nesting --------------------------------------------------------------------------

fn nested_not(depth: usize) -> Value {
    let mut c = json!({"attr": "user.k", "eq": true});
    for _ in 0..depth {
        c = json!({ "not": c });
    }
    c
}

#[test]
fn conditions_nested_40_deep_are_rejected_at_the_first_level_too_deep() {
    let doc = edited(|d| set(d, "/model/roles/2/grants/0/when", nested_not(40)));
    let path = format!("model.roles[2].grants[0].when{}", ".not".repeat(33));
    assert_problems(&rejected(&doc), &[(&path, &["nest deeper than 32"])]);

    let mut all = json!({"attr": "user.k", "eq": true});
    for _ in 0..40 {
        all = json!({ "any": [all] });
    }
    let doc = edited(|d| set(d, "/model/restrictions/0/when", all));
    let path = format!("model.restrictions[0].when{}", ".any[0]".repeat(33));
    assert_problems(&rejected(&doc), &[(&path, &["nest deeper than 32"])]);
}

#[test]
fn conditions_nested_32_deep_load_and_decide() {
    let doc = edited(|d| {
        set(d, "/model/roles/2/grants/0/when", nested_not(32));
        set(d, "/org/users/1/attributes", json!({"k": true}));
    });
    let e = loads(&doc);
    // 32 `not`s cancel out: the condition reads `user.k == true`.
    assert!(e.can("mo", "calls.view", &Default::default()));
    assert!(!e.can("rae", "calls.view", &Default::default()));
}

/// JSON nested `depth` deep at the place `wrap` puts it.
fn deep_text(open: &str, close: &str, depth: usize) -> String {
    format!("{}1{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn json_nested_10000_deep_is_an_error_not_a_stack_overflow() {
    let good = base().to_string();
    let texts = [
        // The whole document.
        deep_text("[", "]", 10_000),
        deep_text("{\"model\":", "}", 10_000),
        // Inside a user's attributes.
        good.replacen(
            "\"crmAdmin\":true",
            &format!("\"crmAdmin\":{}", deep_text("[", "]", 10_000)),
            1,
        ),
        // A condition nested 10,000 deep.
        good.replacen(
            "{\"attr\":\"team.private\",\"eq\":true}",
            &format!(
                "{}{{\"attr\":\"team.private\",\"eq\":true}}{}",
                "{\"not\":".repeat(10_000),
                "}".repeat(10_000)
            ),
            1,
        ),
    ];
    for text in &texts {
        assert!(text.len() > 20_000);
        // Checked on a thread with wasm32's default stack (1 MiB): the parser
        // keeps open arrays and objects on a stack of its own and refuses a
        // document nested deeper than 128 levels (a valid snapshot nests at
        // most about 75: 32 levels of `any` conditions are 64 JSON levels).
        let text = text.clone();
        let problems = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(move || rejected_text(&text))
            .map(|h| h.join())
            .unwrap_or_else(|e| panic!("cannot spawn: {e}"))
            .unwrap_or_else(|_| panic!("the loader panicked"));
        assert_problems(&problems, &[("$", &["nests deeper than 128 levels"])]);
    }
}

#[test]
fn json_nested_to_the_limit_is_read_and_checked_on_a_small_stack() {
    // 120 `not`s: 127 levels in all, the deepest a document may nest.
    let doc = edited(|d| set(d, "/model/roles/2/grants/0/when", nested_not(120)));
    let text = doc.to_string();
    let problems = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || rejected_text(&text))
        .map(|h| h.join())
        .unwrap_or_else(|e| panic!("cannot spawn: {e}"))
        .unwrap_or_else(|_| panic!("the loader panicked"));
    let path = format!("model.roles[2].grants[0].when{}", ".not".repeat(33));
    assert_problems(&problems, &[(&path, &["nest deeper than 32"])]);
}

#[test]
fn conditions_of_any_nested_32_deep_load() {
    // Each `any` level is two JSON levels: 71 levels in all.
    let mut any = json!({"attr": "user.k", "eq": true});
    for _ in 0..32 {
        any = json!({ "any": [any] });
    }
    let doc = edited(|d| {
        set(d, "/model/roles/2/grants/0/when", any);
        set(d, "/org/users/1/attributes", json!({"k": true}));
    });
    let e = loads(&doc);
    assert!(e.can("mo", "calls.view", &Default::default()));
    assert!(!e.can("rae", "calls.view", &Default::default()));
}

// --- Huge values -----------------------------------------------------------------------------

#[test]
fn a_one_megabyte_id_loads_and_checks() {
    let id = "x".repeat(1 << 20);
    let doc = edited(|d| {
        set(d, "/org/users/2/id", json!(id));
        set(d, "/org/teams/0/managers", json!(["mo", id]));
    });
    let e = loads(&doc);
    assert!(e.can(&id, "calls.record", &Default::default()));
    assert!(!e.can(&id[1..], "calls.record", &Default::default()));
}

#[test]
fn a_one_megabyte_dangling_id_is_reported_at_its_path() {
    let id = "y".repeat(1 << 20);
    let doc = edited(|d| set(d, "/org/users/2/manager", json!(id)));
    assert_problems(
        &rejected(&doc),
        &[("org.users[2].manager", &["unknown user `yyyy"])],
    );
}

#[test]
fn huge_numbers_where_strings_or_counts_are_expected() {
    let doc = edited(|d| {
        set(d, "/org/users/0/id", json!(1e30));
        set(d, "/org/users/1/id", json!(u64::MAX));
        set(d, "/org/users/2/manager", json!(-1.5e300));
        set(d, "/org/seats/recorder", json!(4_294_967_296u64));
        set(d, "/model/roles/0/holders/max", json!(-1));
    });
    assert_problems(
        &rejected(&doc),
        &[
            (
                "model.roles[0].holders.max",
                &["expected a whole number", "a number `-1`"],
            ),
            (
                "org.seats.recorder",
                &["expected a whole number", "a number `4294967296`"],
            ),
            ("org.users[0].id", &["expected a string"]),
            (
                "org.users[1].id",
                &["expected a string", "a number `18446744073709551615`"],
            ),
            ("org.users[2].manager", &["expected a string"]),
        ],
    );
}

#[test]

fn a_number_out_of_range_is_reported_at_its_path() {
    let good = base().to_string();
    let id = good.replacen("\"id\":\"olu\"", "\"id\":1e400", 1);
    assert_problems(
        &rejected_text(&id),
        &[("org.users[0].id", &["number out of range"])],
    );
    let seats = good.replacen("\"recorder\":1}", "\"recorder\":1e400}", 1);
    assert_problems(
        &rejected_text(&seats),
        &[("org.seats.recorder", &["number out of range"])],
    );
}

// --- Seats ------------------------------------------------------------------------------------

#[test]
fn seats_used_beyond_purchased_are_a_warning_not_an_error() {
    let doc = edited(|d| {
        set(d, "/org/seats/recorder", json!(0));
        push(
            d,
            "/org/users/1/roles",
            json!({"role": "recorder", "team": "sales"}),
        );
    });
    let e = loads(&doc);
    let warnings = e.warnings().to_vec();
    assert_problems(
        &warnings,
        &[(
            "org.seats.recorder",
            &["2 `recorder` seats are used", "only 0 purchased"],
        )],
    );
    // Still decides: the seat holders record.
    assert!(e.can("rae", "calls.record", &Default::default()));
    let usage = e.seats();
    assert_eq!((usage[0].used, usage[0].purchased), (2, Some(0)));
}

// --- Every problem at once ------------------------------------------------------------------------

#[test]
fn every_problem_is_reported_at_once() {
    // Five different problems: a dangling manager, a duplicate team, a cycle
    // in the units tree, a toggle the plan lacks, a scope on a permission
    // that is not record-scoped, and a malformed condition.
    let doc = edited(|d| {
        set(d, "/org/users/2/manager", json!("nobody"));
        push(d, "/org/teams", json!({"id": "sales"}));
        set(d, "/org/units/1/parent", json!("london"));
        set(d, "/org/plan", json!("team"));
        push(
            d,
            "/model/roles/1/grants",
            json!({"permission": "settings.crm", "scope": ["own"]}),
        );
        set(
            d,
            "/model/restrictions/0/when",
            json!({"attr": "team.private"}),
        );
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[2].manager", &["unknown user `nobody`"]),
            ("org.teams[1].id", &["duplicate team id `sales`"]),
            ("org.units[1].parent", &["unit `london`", "cycle"]),
            (
                "org.users[2].toggles[0]",
                &["toggle `can_manage_users`", "`team`"],
            ),
            ("model.roles[1].grants[2].scope", &["not record-scoped"]),
            (
                "model.restrictions[0].when",
                &["`team.private`", "needs exactly one of"],
            ),
        ],
    );
}

#[test]
fn every_problem_of_the_brief_is_reported_at_once() {
    // The brief's list in one snapshot: a dangling id, a cycle, two owners,
    // Voice without Recorder, two roles where one is allowed, a toggle the
    // plan lacks.
    let doc = edited(|d| {
        set(d, "/org/users/1/manager", json!("nobody"));
        set(d, "/org/units/0/parent", json!("paris"));
        set(
            d,
            "/org/users/2/roles",
            json!([{"role": "voice"}, {"role": "owner"}]),
        );
        set(d, "/org/users/2/attributes", json!({"crmAdmin": true}));
        set(d, "/model/rolesPerUser", json!({"max": 1}));
        set(d, "/org/plan", json!("team"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].manager", &["unknown user `nobody`"]),
            ("org.units[0].parent", &["unit `hq`", "`paris`", "cycle"]),
            ("org.users[2].roles[1]", &["`owner`", "at most 1", "`olu`"]),
            (
                "org.users[2].roles",
                &["`voice`", "requires role `recorder`"],
            ),
            ("org.users[2].roles", &["2 roles", "at most 1"]),
            (
                "org.users[2].toggles[0]",
                &["toggle `can_manage_users`", "`team`"],
            ),
        ],
    );
}

#[test]

fn type_errors_and_reference_errors_are_reported_together() {
    let doc = edited(|d| {
        set(d, "/org/users/1/name", json!(5));
        set(d, "/org/plan", json!("enterprise"));
        set(d, "/org/users/2/manager", json!("nobody"));
    });
    assert_problems(
        &rejected(&doc),
        &[
            ("org.users[1].name", &["expected a string"]),
            ("org.plan", &["unknown plan `enterprise`"]),
            ("org.users[2].manager", &["unknown user `nobody`"]),
        ],
    );
}
