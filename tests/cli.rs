//! The crate's command line (`src/bin/rolegate.rs`), run as a subprocess:
//! `check` and `explain` on the sample orgs and on a broken snapshot, for
//! people and with `--json`, and wrong command lines.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn rolegate(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_rolegate"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the rolegate binary runs");
    Run {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A broken Jiminny: a misspelt permission and role (two problems).
fn broken(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolegate-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    std::fs::write(
        &file,
        r#"{"model": {"permissions": [{"id": "calls.view"}], "roles": [{"id": "member", "grants": [{"permission": "calls.veiw"}]}]},
            "org": {"users": [{"id": "ann", "roles": [{"role": "membr"}]}]}}"#,
    )
    .unwrap();
    file
}

#[test]
fn check_a_valid_sample_org() {
    for org in ["jiminny", "jrni", "modjo", "spotio"] {
        let file = format!("www/orgs/{org}.json");
        let r = rolegate(&["check", &file]);
        assert_eq!(r.code, 0, "{org}: {}", r.stderr);
        assert!(
            r.stdout.starts_with(&format!("{file}: valid: ")),
            "{}",
            r.stdout
        );
    }
    let r = rolegate(&["check", "www/orgs/jiminny.json"]);
    assert_eq!(
        r.stdout,
        "www/orgs/jiminny.json: valid: 10 users, 6 roles, 14 permissions\n"
    );
    let r = rolegate(&["check", "--json", "www/orgs/jiminny.json"]);
    assert_eq!(r.code, 0);
    let v = json(&r.stdout);
    assert_eq!(v["valid"], true);
    assert_eq!(v["problems"], serde_json::json!([]));
    assert_eq!(v["counts"]["users"], 10);
}

#[test]
fn check_an_invalid_snapshot_lists_every_problem_and_exits_1() {
    let file = broken("check");
    let path = file.to_str().unwrap();
    let r = rolegate(&["check", path]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("invalid snapshot, 2 problems:"),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains("\n  model.roles[0].grants[0].permission: unknown permission `calls.veiw`"));
    assert!(r
        .stdout
        .contains("\n  org.users[0].roles[0].role: unknown role `membr`"));
    let r = rolegate(&["check", path, "--json"]);
    assert_eq!(r.code, 1);
    let v = json(&r.stdout);
    assert_eq!(v["valid"], false);
    let paths: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "model.roles[0].grants[0].permission",
            "org.users[0].roles[0].role"
        ]
    );
    let missing = rolegate(&["check", "no/such/file.json"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no/such/file.json"),
        "{}",
        missing.stderr
    );
    std::fs::remove_dir_all(file.parent().unwrap()).ok();
}

#[test]
fn check_shows_warnings_and_still_passes() {
    // Hannah and Leo get Recorder too: 9 seats used of 8 purchased.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/orgs/jiminny.json"
    ))
    .unwrap();
    let mut v = json(&text);
    for user in v["org"]["users"].as_array_mut().unwrap() {
        if user["id"] == "hannah" || user["id"] == "leo" {
            user["roles"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({"role": "recorder"}));
        }
    }
    let dir = std::env::temp_dir().join(format!("rolegate-cli-{}-warn", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("seats.json");
    std::fs::write(&file, v.to_string()).unwrap();
    let r = rolegate(&["check", file.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("\n1 warning:\n  org.seats.recorder: "),
        "{}",
        r.stdout
    );
    let r = rolegate(&["check", "--json", file.to_str().unwrap()]);
    assert_eq!(json(&r.stdout)["warnings"][0]["path"], "org.seats.recorder");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn explain_for_people_and_for_scripts() {
    let r = rolegate(&["explain", "www/orgs/jiminny.json", "marcus", "calls.record"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "denied: needs the Recorder role (paid seat)\n  code: needs_seat\n  role: recorder\n  seat: recorder\n"
    );
    let r = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "tom",
        "calls.listen",
        "--owner",
        "daniel",
    ]);
    assert!(r.stdout.starts_with("allowed: "), "{}", r.stdout);
    let r = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "tom",
        "calls.listen",
        "--record",
        r#"{"owner": "ethan"}"#,
        "--json",
    ]);
    let v = json(&r.stdout);
    assert_eq!(
        (v["allowed"].as_bool(), v["code"].as_str()),
        (Some(false), Some("out_of_scope"))
    );
    // A team, a unit, a record's attributes, another language.
    let r = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "grace",
        "reports.view",
        "--team",
        "sales",
        "--json",
    ]);
    assert_eq!(json(&r.stdout)["code"], "out_of_scope");
    let r = rolegate(&[
        "explain",
        "www/orgs/jrni.json",
        "isla",
        "services.edit",
        "--unit=manchester",
        "--json",
    ]);
    let v = json(&r.stdout);
    assert_eq!(
        (v["role"].as_str(), v["unit"].as_str()),
        (Some("administrator"), Some("manchester"))
    );
    let r = rolegate(&[
        "explain",
        "www/orgs/jrni.json",
        "jack",
        "calendar.view",
        "--record",
        r#"{"unit": "london", "attributes": {"staff": "st_oscar", "staffGroup": "physio"}}"#,
    ]);
    assert!(r.stdout.starts_with("denied: restricted"), "{}", r.stdout);
    assert!(
        r.stdout.contains("\n  restriction: person_limit\n"),
        "{}",
        r.stdout
    );
    let fr = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "marcus",
        "calls.record",
        "--locale",
        "fr",
        "--json",
    ]);
    let en = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "marcus",
        "calls.record",
        "--json",
    ]);
    assert_ne!(json(&fr.stdout)["message"], json(&en.stdout)["message"]);
    // An unknown user is a denial, not an error.
    let r = rolegate(&[
        "explain",
        "www/orgs/jiminny.json",
        "nobody",
        "calls.record",
        "--json",
    ]);
    assert_eq!(
        (r.code, json(&r.stdout)["code"].as_str()),
        (0, Some("unknown_user"))
    );
}

#[test]
fn explain_on_an_invalid_snapshot_exits_1() {
    let file = broken("explain");
    let r = rolegate(&["explain", file.to_str().unwrap(), "ann", "calls.view"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr.contains("invalid snapshot, 2 problems"),
        "{}",
        r.stderr
    );
    std::fs::remove_dir_all(file.parent().unwrap()).ok();
}

#[test]
fn a_wrong_command_line_exits_2_with_the_usage() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["check"],
        &["check", "a.json", "b.json"],
        &["check", "www/orgs/jiminny.json", "--bogus"],
        &["explain", "www/orgs/jiminny.json", "marcus"],
        &[
            "explain",
            "www/orgs/jiminny.json",
            "marcus",
            "calls.record",
            "--unit",
        ],
        &[
            "explain",
            "www/orgs/jiminny.json",
            "marcus",
            "calls.record",
            "--locale",
            "de",
        ],
        &[
            "explain",
            "www/orgs/jiminny.json",
            "marcus",
            "calls.record",
            "--record",
            "{not json",
        ],
    ] {
        let r = rolegate(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(r.stderr.contains("Usage:"), "{args:?}: {}", r.stderr);
    }
    let r = rolegate(&["help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("rolegate check SNAPSHOT [--json]"));
}
