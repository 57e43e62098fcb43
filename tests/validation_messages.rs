//! Issue 10, part D: validation messages a person can act on. Each test
//! writes a tiny snapshot and checks one problem's path and words: a cycle
//! is one problem naming it whole, a cardinality problem points at the
//! assignment that breaks it, unknown names come in plain words with the
//! nearest known one, a grant's `teams` is reported where it was written,
//! a duplicate key is rejected at its path, and problems come in document
//! order.

mod common;

use common::{only, problems};

/// A snapshot of `perms`, `roles` and `users` (JSON array items), with
/// `model` and `org` members added as given (each starting with `,`).
fn snapshot(perms: &str, roles: &str, users: &str, model: &str, org: &str) -> String {
    format!(
        r#"{{"model":{{"permissions":[{perms}],"roles":[{roles}]{model}}},"org":{{"users":[{users}]{org}}}}}"#
    )
}

// --- Cycles -----------------------------------------------------------------

#[test]
fn a_four_person_cycle_in_the_reporting_tree_is_one_problem_naming_it_whole() {
    // `e` reports into the cycle but is not on it; the cycle's first member
    // in document order is `c` (users[1]), though a walk from `e` meets `c`
    // after nothing else.
    let users = r#"{"id":"e","manager":"c"},{"id":"c","manager":"a"},{"id":"a","manager":"b"},{"id":"b","manager":"d"},{"id":"d","manager":"c"}"#;
    let p = only(&snapshot("", "", users, "", ""));
    assert_eq!(p.path, "org.users[1].manager");
    assert_eq!(
        p.message,
        "user `c` reports to `a`, who reports to `b`, who reports to `d`, who reports to `c`: a cycle in the reporting tree"
    );
}

#[test]
fn a_user_who_is_their_own_manager_is_one_problem() {
    let p = only(&snapshot(
        "",
        "",
        r#"{"id":"x"},{"id":"olu","manager":"olu"}"#,
        "",
        "",
    ));
    assert_eq!(p.path, "org.users[1].manager");
    assert_eq!(
        p.message,
        "user `olu` reports to themselves: a cycle in the reporting tree"
    );
}

#[test]
fn a_cycle_in_the_units_tree_is_one_problem_naming_it_whole() {
    let units = r#","units":[{"id":"london","parent":"paris"},{"id":"hq","parent":"london"},{"id":"paris","parent":"hq"},{"id":"lyon","parent":"paris"}]"#;
    let p = only(&snapshot("", "", "", "", units));
    assert_eq!(p.path, "org.units[0].parent");
    assert_eq!(
        p.message,
        "unit `london` is inside `paris`, which is inside `hq`, which is inside `london`: a cycle in the units tree"
    );
}

#[test]
fn two_cycles_are_two_problems() {
    let users = r#"{"id":"a","manager":"b"},{"id":"b","manager":"a"},{"id":"c","manager":"d"},{"id":"d","manager":"c"}"#;
    let paths: Vec<String> = problems(&snapshot("", "", users, "", ""))
        .into_iter()
        .map(|p| p.path)
        .collect();
    assert_eq!(paths, ["org.users[0].manager", "org.users[2].manager"]);
}

// --- Cardinality -------------------------------------------------------------

const OWNER: &str = r#"{"id":"owner","holders":{"min":1,"max":1}},{"id":"user"}"#;

#[test]
fn a_second_holder_is_reported_at_the_assignment_past_the_maximum() {
    let users = r#"{"id":"olu","roles":[{"role":"owner"}]},{"id":"mo","roles":[{"role":"user"},{"role":"owner"}]}"#;
    let p = only(&snapshot("", OWNER, users, "", ""));
    assert_eq!(p.path, "org.users[1].roles[1]");
    assert_eq!(
        p.message,
        "role `owner` may be held by at most 1 user, and `olu` holds it already: `mo` is one too many"
    );
}

#[test]
fn many_holders_past_the_maximum_are_one_problem_naming_them() {
    let users: Vec<String> = (0..5)
        .map(|i| format!(r#"{{"id":"u{i}","roles":[{{"role":"owner"}}]}}"#))
        .collect();
    let p = only(&snapshot("", OWNER, &users.join(","), "", ""));
    assert_eq!(p.path, "org.users[1].roles[0]");
    assert_eq!(
        p.message,
        "role `owner` may be held by at most 1 user, and `u0` holds it already: `u1`, `u2`, `u3` and `u4` are 4 too many"
    );
}

#[test]
fn a_minimum_not_reached_says_what_to_do() {
    let p = only(&snapshot("", OWNER, r#"{"id":"olu"}"#, "", ""));
    assert_eq!(p.path, "model.roles[0].holders");
    assert_eq!(
        p.message,
        "role `owner` must be held by at least 1 user, but nobody holds it: give it to 1 user (`{\"role\": \"owner\"}` in their `roles`)"
    );
}

// --- Unknown names -----------------------------------------------------------

#[test]
fn an_unknown_scope_level_is_plain_words_with_the_nearest_level() {
    let perms = r#"{"id":"calls.view","record":true}"#;
    let roles =
        r#"{"id":"r","grants":[{"permission":"calls.view","scope":["own","subordinate"]}]}"#;
    let p = only(&snapshot(perms, roles, "", "", ""));
    assert_eq!(p.path, "model.roles[0].grants[0].scope[1]");
    assert!(!p.message.contains("variant"), "{}", p.message);
    assert!(
        p.message
            .starts_with("unknown scope level `subordinate`, did you mean `subordinates`?"),
        "{}",
        p.message
    );
    assert!(p.message.contains("`managedTeams`"), "{}", p.message);
}

#[test]
fn an_unknown_field_suggests_the_nearest_field() {
    let perms = r#"{"id":"calls.view","record":true}"#;
    let roles = r#"{"id":"r","grants":[{"permission":"calls.view","scop":["own"]}]}"#;
    let p = only(&snapshot(perms, roles, "", "", ""));
    assert_eq!(p.path, "model.roles[0].grants[0].scop");
    assert!(
        p.message
            .starts_with("unknown field `scop`, did you mean `scope`?"),
        "{}",
        p.message
    );
    // Nothing near: no suggestion, the fields listed.
    let far = only(&snapshot("", "", "", r#","colour":"red""#, ""));
    assert!(!far.message.contains("did you mean"), "{}", far.message);
    assert!(far.message.contains("`permissions`"), "{}", far.message);
}

#[test]
fn an_unknown_id_suggests_the_nearest_known_one() {
    let roles = r#"{"id":"admin"},{"id":"manager"}"#;
    let toggles = r#","toggles":[{"id":"can_import"},{"id":"can_manage_users"}]"#;
    let users = r#"{"id":"ada","roles":[{"role":"mangaer"}],"toggles":["can_manage_user","xyz"]}"#;
    let all = problems(&snapshot("", roles, users, toggles, ""));
    let said: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "org.users[0].roles[0].role",
                "unknown role `mangaer`, did you mean `manager`?"
            ),
            (
                "org.users[0].toggles[0]",
                "unknown toggle `can_manage_user`, did you mean `can_manage_users`?"
            ),
            ("org.users[0].toggles[1]", "unknown toggle `xyz`"),
        ]
    );
}

#[test]
fn suggestions_stay_bounded_on_a_snapshot_of_many_unknown_names() {
    // 2,000 users, each naming a manager that is one letter off a user:
    // every problem is reported, only the first ones with a suggestion.
    let users: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"id":"user{i:04}","manager":"usr{i:04}"}}"#))
        .collect();
    let all = problems(&snapshot("", "", &users.join(","), "", ""));
    assert_eq!(all.len(), 2000);
    let suggested = all
        .iter()
        .filter(|p| p.message.contains("did you mean"))
        .count();
    assert!((1..=100).contains(&suggested), "{suggested} suggestions");
    assert_eq!(
        all[0].message,
        "unknown user `usr0000`, did you mean `user0000`?"
    );
}

// --- Teams on a permission without records ------------------------------------

#[test]
fn teams_on_a_permission_that_takes_no_record_is_reported_at_teams() {
    let perms = r#"{"id":"settings.crm"}"#;
    let roles = r#"{"id":"r","grants":[{"permission":"settings.crm","teams":["sales"]}]}"#;
    let p = only(&snapshot(
        perms,
        roles,
        "",
        "",
        r#","teams":[{"id":"sales"}]"#,
    ));
    assert_eq!(p.path, "model.roles[0].grants[0].teams");
    assert!(p.message.contains("not record-scoped"), "{}", p.message);
    assert!(p.message.contains("teams"), "{}", p.message);
}

// --- Duplicate keys -------------------------------------------------------------

#[test]
fn a_duplicate_key_is_rejected_at_its_path() {
    let users = r#"{"id":"olu","manager":"mo","manager":"olu"},{"id":"mo"}"#;
    let p = only(&snapshot("", "", users, "", ""));
    assert_eq!(p.path, "org.users[0].manager");
    assert!(
        p.message.starts_with("duplicate key `manager`"),
        "{}",
        p.message
    );
    // In a map of the snapshot's own keys, and at the top level.
    let settings = only(&snapshot(
        "",
        "",
        "",
        "",
        r#","settings":{"a":1,"b":2,"a":1}"#,
    ));
    assert_eq!(settings.path, "org.settings.a");
    assert!(settings.message.starts_with("duplicate key `a`"));
    let top = problems(
        r#"{"model":{"permissions":[],"roles":[]},"org":{"users":[]},"org":{"users":[]}}"#,
    );
    assert_eq!(top.len(), 1, "{top:?}");
    assert_eq!(top[0].path, "org");
}

#[test]
fn a_duplicate_key_in_a_huge_object_is_found() {
    // 100,000 keys, the duplicate last: found at its path (in O(n log n)).
    let mut attrs: Vec<String> = (0..100_000).map(|i| format!(r#""k{i}":{i}"#)).collect();
    attrs.push(r#""k77777":1"#.into());
    let users = format!(r#"{{"id":"olu","attributes":{{{}}}}}"#, attrs.join(","));
    let p = only(&snapshot("", "", &users, "", ""));
    assert_eq!(p.path, "org.users[0].attributes.k77777");
}

// --- Document order ----------------------------------------------------------

#[test]
fn problems_are_listed_in_document_order() {
    // The org comes first in this document; a type error, reference
    // errors, an org rule and a model problem, each where it was written.
    let json = r#"{
      "org": {
        "users": [
          {"id": "ada", "manager": "ghost", "roles": [{"role": "owner"}, {"role": "nope"}]},
          {"id": "bo", "name": 5, "roles": [{"role": "owner"}]}
        ],
        "plan": "gold"
      },
      "model": {
        "permissions": [{"id": "p", "feature": "missing"}],
        "roles": [{"id": "owner", "holders": {"max": 1}}]
      }
    }"#;
    let paths: Vec<String> = problems(json).into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        [
            "org.users[0].manager",
            "org.users[0].roles[1].role",
            "org.users[1].name",
            "org.users[1].roles[0]",
            "org.plan",
            "model.permissions[0].feature",
        ]
    );
}

// --- The README's examples -------------------------------------------------------

#[test]
fn the_readme_examples_of_messages_are_what_loading_says() {
    let perms = r#"{"id":"settings.crm"},{"id":"calls.view","record":true}"#;
    let roles = r#"{"id":"owner","holders":{"min":1,"max":1}},
        {"id":"admin","grants":[{"permission":"settings.crm","teams":["sales"]}]},
        {"id":"r","grants":[{"permission":"calls.view","scope":["own","subordinate"]}]}"#;
    let users = r#"{"id":"olu","roles":[{"role":"owner"}],"toggles":["can_manage_user"]},
        {"id":"mo","manager":"rae"},
        {"id":"rae","manager":"ana","roles":[{"role":"admin"},{"role":"owner"}]},
        {"id":"ana","manager":"mo"}"#;
    let toggles = r#","toggles":[{"id":"can_manage_users"}]"#;
    let teams = r#","teams":[{"id":"sales"}]"#;
    let mut said = problems(&snapshot(perms, roles, users, toggles, teams));
    let users = r#"{"id":"olu","manager":"mo","manager":"olu"},{"id":"mo"}"#;
    said.extend(problems(&snapshot(perms, roles, users, "", teams)));
    let said: Vec<String> = said.iter().map(|p| p.to_string()).collect();
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    let (_, after) = readme
        .split_once("where it was written:\n\n```text\n")
        .expect("the README's example of messages");
    let (block, _) = after.split_once("```").expect("its end");
    for line in block.lines() {
        assert!(
            said.iter().any(|s| s == line),
            "README line not said by a load: {line}\nsaid:\n{}",
            said.join("\n")
        );
    }
}
