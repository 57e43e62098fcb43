//! `Engine::diff` on the sample orgs, with hand-made edits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::{Engine, ToJson, UserDiff};
use serde_json::{json, Value};

fn org(name: &str) -> Value {
    let path = format!("{}/www/orgs/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn user_mut<'v>(doc: &'v mut Value, id: &str) -> &'v mut Value {
    let users = doc["org"]["users"].as_array_mut().unwrap();
    users.iter_mut().find(|u| u["id"] == id).unwrap()
}

/// The diff of `name` before and after `edit`, and its summary lines.
fn diff(name: &str, edit: impl FnOnce(&mut Value)) -> (rolegate::Diff, Vec<String>) {
    let before = org(name);
    let mut after = before.clone();
    edit(&mut after);
    let b = Engine::from_json(&before.to_string()).unwrap();
    let a = Engine::from_json(&after.to_string()).unwrap();
    let d = Engine::diff(&b, &a);
    let lines = d.summary.iter().map(|l| l.message.clone()).collect();
    (d, lines)
}

fn user<'d>(d: &'d rolegate::Diff, id: &str) -> &'d UserDiff {
    d.users.iter().find(|u| u.user == id).unwrap()
}

#[test]
fn nothing_changes_between_a_snapshot_and_itself() {
    for name in ["jiminny", "jrni", "spotio", "modjo"] {
        let (d, _) = diff(name, |_| {});
        assert!(d.users.is_empty() && d.summary.is_empty(), "{name}: {d:?}");
        assert_eq!(d.to_json(), r#"{"users":[],"summary":[]}"#);
    }
}

#[test]
fn a_role_removed_loses_its_permissions_and_seat() {
    // Jiminny: Tom no longer holds the Recorder role.
    let (d, lines) = diff("jiminny", |v| {
        let roles = user_mut(v, "tom")["roles"].as_array_mut().unwrap();
        roles.retain(|r| r["role"] != "recorder");
    });
    eprintln!("{}", d.to_json());
    assert_eq!(d.users.len(), 1);
    let tom = user(&d, "tom");
    assert_eq!(tom.lost, ["calls.record", "calls.crm_log"]);
    assert!(tom.gained.is_empty());
    assert_eq!(tom.seats_lost, ["recorder"]);
    assert_eq!(
        lines,
        [
            "Tom Hughes loses Record and stream calls into Jiminny",
            "Tom Hughes loses Log recorded calls to the CRM",
            "Tom Hughes frees a Recording licence seat"
        ]
    );
}

#[test]
fn a_teams_restriction_switched_on_narrows_who_sees_its_calls() {
    // Modjo: the calls of team DACH become private to the team.
    let (d, lines) = diff("modjo", |v| {
        let teams = v["org"]["teams"].as_array_mut().unwrap();
        let dach = teams.iter_mut().find(|t| t["id"] == "sales_dach").unwrap();
        dach["settings"]["callsRestricted"] = json!(true);
    });
    eprintln!("{}", d.to_json());
    // Julien was already restricted on team FR's calls; the FR team now is on DACH's.
    let julien = user(&d, "julien");
    assert!(julien.restrictions_started.is_empty());
    for fr in ["camille", "hugo", "lea"] {
        assert_eq!(user(&d, fr).restrictions_started, ["team_call_access"]);
    }
    let view = julien
        .scopes
        .iter()
        .find(|s| s.permission == "calls.view")
        .unwrap();
    assert_eq!(view.change, "narrowed");
    assert_eq!(view.teams_lost, ["sales_dach"]);
    assert_eq!(view.owners_lost, ["lukas", "anna"]);
    assert!(d
        .users
        .iter()
        .all(|u| u.gained.is_empty() && u.lost.is_empty()));
    assert_eq!(
        lines[0],
        "team_call_access s'applique désormais à 3 utilisateurs"
    );
    assert_eq!(
        lines[1],
        "2 utilisateurs perdent « Consulter les appels » sur l'équipe Vertrieb DACH"
    );
}

#[test]
fn a_plan_downgrade_loses_the_features_permissions() {
    // SPOTIO: from Business to Team, which lacks Can Manage Users.
    // (The Team plan also has everyone report to an Administrator, and no
    // toggles or grants of its missing features.)
    let (d, lines) = diff("spotio", |v| {
        v["org"]["plan"] = json!("team");
        for u in v["org"]["users"].as_array_mut().unwrap() {
            if u["id"] != "rachel" {
                u["manager"] = json!("rachel");
            }
            u.as_object_mut().unwrap().remove("toggles");
            if let Some(g) = u["grants"].as_array_mut() {
                g.retain(|g| g.get("feature").is_none());
            }
        }
    });
    eprintln!("{}", d.to_json());
    let rachel = user(&d, "rachel");
    assert_eq!(
        rachel.lost,
        ["users.manage", "hierarchy.edit", "territories.manage"]
    );
    assert!(
        lines.iter().any(
            |l| l.ends_with("lose Add, edit and remove users in the hierarchy")
                || l.ends_with("loses Add, edit and remove users in the hierarchy")
        ),
        "{lines:?}"
    );
}

#[test]
fn a_manager_change_moves_records_between_managers() {
    // SPOTIO: Aisha reports to Sarah instead of Kevin.
    let (d, lines) = diff("spotio", |v| {
        user_mut(v, "aisha")["manager"] = json!("sarah")
    });
    eprintln!("{}", d.to_json());
    let kevin = user(&d, "kevin");
    let sarah = user(&d, "sarah");
    let lost = kevin
        .scopes
        .iter()
        .find(|s| s.permission == "pins.view")
        .unwrap();
    let gained = sarah
        .scopes
        .iter()
        .find(|s| s.permission == "pins.view")
        .unwrap();
    assert_eq!(lost.owners_lost, ["aisha"]);
    assert_eq!(gained.owners_gained, ["aisha"]);
    assert!(
        lines.iter().any(|l| l.contains("on records of Aisha")),
        "{lines:?}"
    );
}

#[test]
fn users_added_and_removed_are_listed_as_such() {
    let (d, lines) = diff("jiminny", |v| {
        let users = v["org"]["users"].as_array_mut().unwrap();
        users.retain(|u| u["id"] != "leo");
        let mut x = users.iter().find(|u| u["id"] == "ethan").unwrap().clone();
        x["id"] = json!("zara");
        x["name"] = json!("Zara");
        users.push(x);
    });
    eprintln!("{}", d.to_json());
    let zara = user(&d, "zara");
    assert_eq!(zara.status, rolegate::UserStatus::Added);
    assert_eq!(user(&d, "leo").status, rolegate::UserStatus::Removed);
    assert!(lines.contains(&"Zara is added".to_owned()), "{lines:?}");
}
