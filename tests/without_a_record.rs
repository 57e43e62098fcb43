//! Issue 10 part A: a check without a record answers "may do it on some
//! record" (what a menu entry needs), for conditions and restrictions that
//! read the record as for scopes; `explain` says when the answer depends on
//! the record. The property test `a_check_without_a_record_is_allowed_when_
//! some_record_is` (tests/property) checks the rule on random models.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::{Code, Context, Engine};
use serde_json::json;

const JRNI: &str = include_str!("../www/orgs/jrni.json");

fn engine(snapshot: serde_json::Value) -> Engine {
    load("test", &snapshot.to_string())
}

/// One user holding role `r` (whose grants are `grants`), with
/// `restrictions` and `attributes`.
fn one_user(
    grants: serde_json::Value,
    restrictions: serde_json::Value,
    attributes: serde_json::Value,
) -> Engine {
    engine(json!({
        "model": {
            "permissions": [{ "id": "bookings.view", "label": "View bookings", "record": true }],
            "roles": [{ "id": "r", "label": "Staff", "grants": grants }],
            "restrictions": restrictions,
        },
        "org": {
            "settings": { "locked": true },
            "teams": [{ "id": "t", "settings": { "open": false } }, { "id": "u", "settings": { "open": true } }],
            "users": [
                { "id": "ada", "roles": [{ "role": "r" }], "attributes": attributes },
                { "id": "bob", "manager": "ada" },
            ],
        },
    }))
}

#[test]
fn a_person_limited_user_keeps_the_calendar_and_bookings_menus() {
    // JRNI: Jack is limited by the Person dropdown to his own staff member.
    let e = load("jrni", JRNI);
    for perm in ["calendar.view", "bookings.manage"] {
        let x = allowed(&e, "jack", perm, &at("london"));
        assert_eq!(x.on_some_records, Some(true), "{x:?}");
        says(&x, &["only their own calendar and bookings"]);
        // On a record, exactly as before.
        let theirs = at_unit("london").attr("staff", "st_jack").ctx();
        let other = at_unit("london").attr("staff", "st_oscar").ctx();
        let x = allowed(&e, "jack", perm, &theirs);
        assert_eq!(x.on_some_records, None);
        denied(&e, "jack", perm, &other, Code::Restricted);
    }
}

#[test]
fn a_group_limited_user_keeps_the_calendar_and_bookings_menus() {
    let e = load("jrni", JRNI);
    for (who, unit) in [("mia", "london"), ("zoe", "leeds")] {
        let x = allowed(&e, who, "calendar.view", &at(unit));
        assert_eq!(x.on_some_records, Some(true));
        says(&x, &["staff groups (Group)"]);
    }
    // A user with no limit sees the menu on every record: no flag.
    let x = allowed(&e, "lucas", "calendar.view", &at("london"));
    assert_eq!(x.on_some_records, None, "{x:?}");
}

#[test]
fn a_grant_whose_condition_reads_the_record_allows_the_menu() {
    let e = one_user(
        json!([{ "permission": "bookings.view", "when": { "attr": "record.status", "eq": "open" }, "because": "the booking is open" }]),
        json!([]),
        json!({}),
    );
    let x = allowed(&e, "ada", "bookings.view", &anywhere());
    assert_eq!(x.on_some_records, Some(true));
    says(&x, &["when the booking is open"]);
    // A condition no record can meet still denies.
    let e = one_user(
        json!([{ "permission": "bookings.view", "when": { "attr": "record.status", "in": [] } }]),
        json!([]),
        json!({}),
    );
    denied(
        &e,
        "ada",
        "bookings.view",
        &anywhere(),
        Code::ConditionFailed,
    );
}

#[test]
fn a_restriction_triggered_by_the_record_does_not_deny_the_menu() {
    let private = json!([{
        "id": "private", "permissions": ["bookings.*"],
        "when": { "attr": "record.private", "eq": true },
        "message": "private bookings are hidden",
    }]);
    let e = one_user(
        json!([{ "permission": "bookings.view" }]),
        private,
        json!({}),
    );
    let x = allowed(&e, "ada", "bookings.view", &anywhere());
    assert_eq!(x.on_some_records, Some(true));
    says(&x, &["private bookings are hidden"]);
    // A trigger that holds whatever the record still denies.
    let locked = json!([{
        "id": "locked", "permissions": ["bookings.*"],
        "when": { "attr": "org.locked", "eq": true },
        "message": "the organisation is locked",
    }]);
    let e = one_user(
        json!([{ "permission": "bookings.view" }]),
        locked,
        json!({}),
    );
    denied(&e, "ada", "bookings.view", &anywhere(), Code::Restricted);
}

#[test]
fn an_exemption_that_could_apply_to_some_record_exempts() {
    for unless in [
        json!({ "when": { "attr": "record.owner_is_me", "eq": true } }),
        json!({ "scope": ["own"] }),
    ] {
        let locked = json!([{
            "id": "locked", "permissions": ["bookings.*"],
            "when": { "attr": "org.locked", "eq": true }, "unless": unless,
            "message": "locked, except your own",
        }]);
        let e = one_user(
            json!([{ "permission": "bookings.view" }]),
            locked,
            json!({}),
        );
        let x = allowed(&e, "ada", "bookings.view", &anywhere());
        assert_eq!(x.on_some_records, Some(true), "{unless}");
    }
    // An exemption by scope no record can fall in does not exempt: Bob has
    // nobody reporting to him.
    let locked = json!([{
        "id": "locked", "permissions": ["bookings.*"],
        "when": { "attr": "org.locked", "eq": true }, "unless": { "scope": ["subordinates"] },
        "message": "locked",
    }]);
    let e = engine(json!({
        "model": {
            "permissions": [{ "id": "bookings.view", "record": true }],
            "roles": [{ "id": "r", "grants": [{ "permission": "bookings.view" }] }],
            "restrictions": locked,
        },
        "org": {
            "settings": { "locked": true },
            "users": [{ "id": "ada", "roles": [{ "role": "r" }] }, { "id": "bob", "manager": "ada", "roles": [{ "role": "r" }] }],
        },
    }));
    allowed(&e, "ada", "bookings.view", &anywhere());
    denied(&e, "bob", "bookings.view", &anywhere(), Code::Restricted);
}

#[test]
fn a_scope_no_record_can_fall_in_denies() {
    // Ada has no team, no manager and no subordinates... except Bob, who
    // reports to her; Bob has none of these.
    let e = one_user(
        json!([{ "permission": "bookings.view", "scope": ["team", "peers", "manager"] }]),
        json!([]),
        json!({}),
    );
    denied(&e, "ada", "bookings.view", &anywhere(), Code::OutOfScope);
    let e = one_user(
        json!([{ "permission": "bookings.view", "scope": ["subordinates"] }]),
        json!([]),
        json!({}),
    );
    let x = allowed(&e, "ada", "bookings.view", &anywhere());
    says(&x, &["records of people who report to you only"]);
}

#[test]
fn a_role_held_at_a_unit_allows_some_records_without_a_unit() {
    // JRNI: Jack is a User at London; with no location chosen, he may view
    // the calendar of some records (London's), and the words say where.
    let e = load("jrni", JRNI);
    let x = allowed(&e, "jack", "tab.calendar", &Context::default());
    assert_eq!(x.on_some_records, Some(true));
    says(&x, &["at london bridge clinic, on records there only"]);
    // At another location, as before: nothing.
    denied(&e, "jack", "tab.calendar", &at("leeds"), Code::NoGrant);
}

#[test]
fn team_conditions_are_judged_on_the_teams_a_record_may_be_of() {
    // The grant reaches records of team `t` only, whose `open` is false.
    let e = one_user(
        json!([{ "permission": "bookings.view", "scope": [], "teams": ["t"], "when": { "attr": "team.open", "eq": true } }]),
        json!([]),
        json!({}),
    );
    denied(
        &e,
        "ada",
        "bookings.view",
        &anywhere(),
        Code::ConditionFailed,
    );
    // Team `u` is open: some record of `u` passes.
    let e = one_user(
        json!([{ "permission": "bookings.view", "scope": [], "teams": ["u"], "when": { "attr": "team.open", "eq": true } }]),
        json!([]),
        json!({}),
    );
    allowed(&e, "ada", "bookings.view", &anywhere());
}

#[test]
fn the_readme_example_decides_as_it_says() {
    let readme = include_str!("../README.md");
    let at = readme
        .find("**Without a record**")
        .expect("the README's section");
    let start = readme[at..].find("```json\n").expect("its example") + at + 8;
    let end = readme[start..].find("```").expect("its end") + start;
    let e = load("README example", &readme[start..end]);
    let x = allowed(&e, "jack", "calendar.view", &anywhere());
    assert_eq!(x.on_some_records, Some(true));
    assert_eq!(
        x.message,
        "allowed by the User role, limited to one staff member: only their own calendar"
    );
    let theirs = Rec::default().attr("staff", "st_jack").ctx();
    allowed(&e, "jack", "calendar.view", &theirs);
    let other = Rec::default().attr("staff", "st_ann").ctx();
    denied(&e, "jack", "calendar.view", &other, Code::Restricted);
}

/// A grant on one's own records under a condition on the record's team:
/// every own record is of one of the org's teams or of the owner's primary
/// team, so "a record of no team" is not one of them when the owner has a
/// team (found by the property test).
#[test]
fn own_records_without_a_team_are_of_the_owners_team() {
    let e = engine(json!({
        "model": {
            "permissions": [{ "id": "calls.view", "record": true }],
            "roles": [{ "id": "rep", "grants": [{
                "permission": "calls.view", "scope": ["own"],
                "when": { "attr": "team.locked", "present": false }
            }] }]
        },
        "org": {
            "teams": [{ "id": "sales", "settings": { "locked": false } }],
            "users": [
                { "id": "ann", "teams": ["sales"], "roles": [{ "role": "rep" }] },
                { "id": "bob", "roles": [{ "role": "rep" }] }
            ]
        }
    }));
    let none = Context::default();
    // Ann's records are all of team Sales, which has the setting.
    assert_eq!(
        e.explain("ann", "calls.view", &none).code,
        Code::ConditionFailed
    );
    // Bob has no team: a record of his naming none is of no team.
    assert!(e.can("bob", "calls.view", &none));
    let own = rolegate::Record::owned_by("bob");
    assert!(e.can("bob", "calls.view", &Context::of(own)));
}
