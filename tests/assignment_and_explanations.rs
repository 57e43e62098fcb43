//! Issue 10, parts B and E: role assignment that the model allows, and only
//! that; explanations that name the right thing. Tiny snapshots, each
//! written out in its test.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::snapshot::Assignment;
use rolegate::{AssignTarget, Code, Engine, Explanation, Snapshot};

fn engine(json: &str) -> Engine {
    load("test snapshot", json)
}

fn to_user(user: &str) -> AssignTarget {
    AssignTarget::user(user)
}

/// The load problem messages of `snapshot`, which must be rejected.
fn load_problems(snapshot: Snapshot) -> Vec<String> {
    match Engine::from_snapshot(snapshot) {
        Ok(_) => panic!("the edited snapshot should be rejected"),
        Err(err) => err.problems.into_iter().map(|p| p.message).collect(),
    }
}

/// `x` is a `would_be_invalid` answer whose message is one of the problems
/// the load of `after` (the org with the assignment made) reports.
#[track_caller]
fn invalid_as_loaded(x: &Explanation, after: Snapshot) {
    assert!(!x.allowed, "{x:?}");
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    let problems = load_problems(after);
    assert!(
        problems.contains(&x.message),
        "{:?} should be a problem of the load: {problems:?}",
        x.message
    );
}

/// `snapshot` with `role` added to `user`'s roles.
fn with_role(e: &Engine, user: &str, role: &str) -> Snapshot {
    let mut s = snapshot_of(e);
    let u = user_ix(&s, user);
    s.org.users[u].roles.push(Assignment {
        role: role.into(),
        unit: None,
        team: None,
    });
    s
}

// ---- B1: conditions about the holder are about the holder -----------------

const CRM: &str = r#"{
  "model": {
    "permissions": [
      {"id": "crm.push", "label": "Push calls to the CRM"},
      {"id": "settings.edit", "label": "Edit settings"}
    ],
    "roles": [
      {"id": "admin", "label": "Admin", "grants": [{"permission": "*"}], "assigns": ["*"]},
      {"id": "lead", "label": "Lead",
       "grants": [{"permission": "crm.push", "when": {"attr": "user.crmAccess", "eq": true}}],
       "assigns": ["pusher", "plain_pusher", "org_pusher"]},
      {"id": "pusher", "label": "Pusher",
       "grants": [{"permission": "crm.push", "when": {"attr": "user.crmAccess", "eq": true}}]},
      {"id": "plain_pusher", "label": "Plain pusher", "grants": [{"permission": "crm.push"}]},
      {"id": "org_pusher", "label": "Org pusher",
       "grants": [{"permission": "crm.push", "when": {"attr": "org.pushFromApp", "eq": true}}]}
    ]
  },
  "org": {
    "settings": {"pushFromApp": true},
    "users": [
      {"id": "ada", "roles": [{"role": "admin"}], "attributes": {"crmAccess": false}},
      {"id": "lee", "roles": [{"role": "lead"}], "attributes": {"crmAccess": false}},
      {"id": "kim", "roles": [{"role": "lead"}], "attributes": {"crmAccess": true}},
      {"id": "new"}
    ]
  }
}"#;

#[test]
fn b1_a_grant_conditioned_on_the_holder_is_not_judged_against_the_actor() {
    let e = engine(CRM);
    // Lee lacks CRM access, but Pusher's condition is about its holder, and
    // Lee holds the same permission under the same condition.
    let x = e.can_assign("lee", "pusher", &to_user("new"));
    assert!(x.allowed, "{x:?}");
    // An Admin without CRM access holds it unconditionally.
    assert!(e.can_assign("ada", "pusher", &to_user("new")).allowed);
    assert!(e.can_assign("ada", "plain_pusher", &to_user("new")).allowed);
}

#[test]
fn b1_a_conditional_grant_does_not_cover_a_wider_one() {
    let e = engine(CRM);
    // Kim may push (she has CRM access), but only under that condition:
    // giving the push without it is more than she holds.
    let x = e.can_assign("kim", "plain_pusher", &to_user("new"));
    assert_eq!(x.code, Code::Escalation, "{x:?}");
    says(&x, &["cannot assign Plain pusher", "Push calls to the CRM"]);
    // A different condition does not cover it either (though it holds now).
    let x = e.can_assign("kim", "org_pusher", &to_user("new"));
    assert_eq!(x.code, Code::Escalation, "{x:?}");
}

// ---- B2: never an assignment that makes the org invalid ---------------------

const CALLS: &str = r#"{
  "model": {
    "permissions": [
      {"id": "calls.record", "label": "Record calls", "seat": "recorder"},
      {"id": "voice.dial", "label": "Dial"},
      {"id": "settings.edit", "label": "Edit settings"}
    ],
    "seats": [{"id": "recorder", "label": "Recording licence"}],
    "roles": [
      {"id": "owner", "label": "Account Owner", "grants": [{"permission": "*"}],
       "holders": {"min": 1, "max": 1},
       "requiresUser": {"when": {"attr": "user.crmAdmin", "eq": true}, "message": "has CRM admin access"},
       "assigns": ["*"]},
      {"id": "admin", "label": "Admin", "grants": [{"permission": "*"}],
       "assigns": ["admin", "recorder", "voice"]},
      {"id": "recorder", "label": "Recorder", "seat": "recorder",
       "grants": [{"permission": "calls.record"}]},
      {"id": "voice", "label": "Voice", "requires": ["recorder"],
       "grants": [{"permission": "voice.dial"}]}
    ]
  },
  "org": {
    "seats": {"recorder": 5},
    "users": [
      {"id": "olu", "roles": [{"role": "owner"}], "attributes": {"crmAdmin": true}},
      {"id": "mo", "roles": [{"role": "admin"}], "attributes": {"crmAdmin": false}},
      {"id": "kai", "roles": [{"role": "admin"}], "attributes": {"crmAdmin": true}},
      {"id": "rae", "roles": [{"role": "recorder"}]},
      {"id": "dan"}
    ]
  }
}"#;

#[test]
fn b2_voice_to_someone_without_recorder_would_be_invalid() {
    let e = engine(CALLS);
    let x = e.can_assign("mo", "voice", &to_user("dan"));
    invalid_as_loaded(&x, with_role(&e, "dan", "voice"));
    says(&x, &["requires role `recorder`"]);
    assert!(e.can_assign("mo", "voice", &to_user("rae")).allowed);
    // An invitation carries no other role either.
    let x = e.can_assign("mo", "voice", &AssignTarget::default());
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    says(&x, &["the invited user", "requires role `recorder`"]);
}

#[test]
fn b2_owner_without_crm_admin_access_would_be_invalid() {
    let e = engine(CALLS);
    let x = e.can_assign("olu", "owner", &to_user("mo"));
    invalid_as_loaded(&x, with_role(&e, "mo", "owner"));
    says(&x, &["has CRM admin access"]);
}

#[test]
fn b2_a_second_owner_would_be_invalid() {
    let e = engine(CALLS);
    let x = e.can_assign("olu", "owner", &to_user("kai"));
    invalid_as_loaded(&x, with_role(&e, "kai", "owner"));
    says(
        &x,
        &[
            "at most 1 user",
            "`olu` holds it already",
            "`kai` is one too many",
        ],
    );
    // Giving it to its holder again changes nothing.
    assert!(e.can_assign("olu", "owner", &to_user("olu")).allowed);
}

#[test]
fn b2_more_roles_than_the_model_allows_would_be_invalid() {
    let mut s = snapshot_of(&engine(CALLS));
    s.model.roles_per_user = Some(rolegate::snapshot::Count {
        min: None,
        max: Some(2),
    });
    let rae = user_ix(&s, "rae");
    s.org.users[rae].roles.push(Assignment {
        role: "voice".into(),
        unit: None,
        team: None,
    });
    let e = reload(s);
    let x = e.can_assign("olu", "admin", &to_user("rae"));
    invalid_as_loaded(&x, with_role(&e, "rae", "admin"));
    says(&x, &["3 roles", "at most 2"]);
}

const LADDER: &str = r#"{
  "model": {
    "permissions": [{"id": "calls.view", "label": "View calls"}, {"id": "billing", "label": "Billing"}],
    "roles": [
      {"id": "user", "label": "User", "grants": [{"permission": "calls.view"}]},
      {"id": "manager", "label": "Manager", "includes": ["user"], "assigns": ["user"]},
      {"id": "admin", "label": "Admin", "includes": ["manager"], "grants": [{"permission": "billing"}],
       "holders": {"min": 1}, "assigns": ["*"]}
    ],
    "rolesPerUser": {"min": 1, "max": 1}
  },
  "org": {
    "users": [
      {"id": "al", "roles": [{"role": "admin"}]},
      {"id": "mo", "roles": [{"role": "manager"}]},
      {"id": "bo", "roles": [{"role": "user"}]}
    ]
  }
}"#;

#[test]
fn b2_where_one_role_is_allowed_a_new_one_replaces_it() {
    let e = engine(LADDER);
    let x = e.can_assign("al", "manager", &to_user("bo"));
    assert!(x.allowed, "{x:?}");
    says(&x, &["in place of the User role"]);
    // The last Admin giving up the role leaves the org without one.
    let x = e.can_assign("al", "user", &to_user("al"));
    assert_eq!(x.code, Code::WouldBeInvalid, "{x:?}");
    let mut after = snapshot_of(&e);
    after.org.users[0].roles[0].role = "user".into();
    invalid_as_loaded(&x, after);
    // Taking a role away needs the right to give it.
    let x = e.can_assign("mo", "user", &to_user("al"));
    assert!(!x.allowed, "{x:?}");
    assert_eq!(x.code, Code::NoGrant, "{x:?}");
    says(&x, &["Admin"]);
}

// ---- E1: the role named is one that applies where the check is made --------

const CLINICS: &str = r#"{
  "model": {
    "permissions": [
      {"id": "bookings.manage", "label": "Manage bookings", "record": true},
      {"id": "staff.view", "label": "View staff"}
    ],
    "roles": [
      {"id": "desk", "label": "Front desk",
       "grants": [{"permission": "bookings.manage", "scope": ["own"]},
                  {"permission": "staff.view", "when": {"attr": "user.staff", "present": true}}]},
      {"id": "lead", "label": "Clinic lead", "includes": ["desk"], "assigns": ["desk"],
       "grants": [{"permission": "bookings.manage", "scope": ["subordinates"]},
                  {"permission": "staff.view", "when": {"attr": "user.lead", "eq": true}}]}
    ]
  },
  "org": {
    "units": [{"id": "group", "label": "Group"},
              {"id": "x", "label": "Clinic X", "parent": "group"},
              {"id": "y", "label": "Clinic Y", "parent": "group"}],
    "users": [
      {"id": "sam", "roles": [{"role": "desk", "unit": "x"}, {"role": "lead", "unit": "y"}]},
      {"id": "pat"}
    ]
  }
}"#;

#[test]
fn e1_explanations_name_the_role_held_where_the_check_is_made() {
    let e = engine(CLINICS);
    let pats = || owned_by("pat").unit("y").ctx();
    let x = denied(&e, "sam", "bookings.manage", &pats(), Code::OutOfScope);
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("lead"), Some("y"))
    );
    let x = denied(&e, "sam", "staff.view", &at("y"), Code::ConditionFailed);
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("lead"), Some("y"))
    );
    let x = denied(&e, "sam", "staff.view", &at("x"), Code::ConditionFailed);
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("desk"), Some("x"))
    );
    // Giving a role at Clinic Y: the role that may, where it is held.
    let x = e.can_assign(
        "sam",
        "desk",
        &AssignTarget {
            unit: Some("y".into()),
            ..AssignTarget::default()
        },
    );
    assert!(x.allowed, "{x:?}");
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("lead"), Some("y"))
    );
    says(&x, &["allowed by the Clinic lead role at Clinic Y"]);
}

// ---- E2 and E3: denials say what would grant, under its own name ------------

const TOGGLES: &str = r#"{
  "model": {
    "permissions": [
      {"id": "pins.import", "label": "Import pins"},
      {"id": "reports.share", "label": "Share reports"},
      {"id": "users.manage", "label": "Manage users"},
      {"id": "audit.view", "label": "View the audit log"}
    ],
    "roles": [{"id": "admin", "label": "Administrator", "grants": [{"permission": "users.manage"}]}],
    "toggles": [{"id": "can_import", "label": "Can Import", "grants": [{"permission": "pins.import"}]}]
  },
  "org": {
    "users": [
      {"id": "rachel", "roles": [{"role": "admin"}], "grants": [{"permission": "reports.share"}]},
      {"id": "carl"}
    ]
  }
}"#;

#[test]
fn e2_a_permission_no_role_grants_is_explained_by_what_does() {
    let e = engine(TOGGLES);
    let x = denied(&e, "carl", "pins.import", &anywhere(), Code::NoGrant);
    says(&x, &["needs the Can Import permission"]);
    assert!(!x.message.contains("no role"), "{x:?}");
    let x = denied(&e, "carl", "reports.share", &anywhere(), Code::NoGrant);
    assert!(!x.message.contains("no role"), "{x:?}");
    says(&x, &["Share reports", "granted only to individual users"]);
    let x = denied(&e, "carl", "audit.view", &anywhere(), Code::NoGrant);
    assert!(!x.message.contains("no role"), "{x:?}");
    says(&x, &["nothing grants View the audit log"]);
}

#[test]
fn e3_the_role_that_would_grant_is_not_called_the_role() {
    let e = engine(TOGGLES);
    let x = denied(&e, "carl", "users.manage", &anywhere(), Code::NoGrant);
    assert_eq!(x.role, None, "{x:?}");
    assert_eq!(x.would_be_granted_by.as_deref(), Some("admin"), "{x:?}");
    let json = rolegate::ToJson::to_json(&x);
    assert!(json.contains(r#""wouldBeGrantedBy":"admin""#), "{json}");
    assert!(!json.contains(r#""role""#), "{json}");
    // Granted: the role that was used.
    let x = allowed(&e, "rachel", "users.manage", &anywhere());
    assert_eq!(x.role.as_deref(), Some("admin"));
    assert_eq!(x.would_be_granted_by, None);
    // A role held elsewhere is named as the one that would grant, too.
    let e = engine(CLINICS);
    let x = denied(&e, "pat", "staff.view", &at("y"), Code::NoGrant);
    assert_eq!(x.role, None, "{x:?}");
    let mut s = snapshot_of(&e);
    s.org.users[1].roles.push(Assignment {
        role: "lead".into(),
        unit: Some("x".into()),
        team: None,
    });
    let x = denied(&reload(s), "pat", "staff.view", &at("y"), Code::NoGrant);
    assert_eq!(x.role, None, "{x:?}");
    assert_eq!(x.would_be_granted_by.as_deref(), Some("lead"), "{x:?}");
    says(&x, &["applies at Clinic X only"]);
}
