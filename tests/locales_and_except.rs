//! Issue 10, items C7 and C8: "everything except" on a grant (`except`),
//! and messages in the product's language (`model.locale`, per-call
//! locales, `model.messages` overrides). Tiny snapshots, one concept each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::{Access, Code, Context, Engine, Problem};

#[track_caller]
fn engine(json: &str) -> Engine {
    match Engine::from_json(json) {
        Ok(e) => e,
        Err(e) => panic!("the snapshot should load: {e}"),
    }
}

#[track_caller]
fn problems(json: &str) -> Vec<Problem> {
    match Engine::from_json(json) {
        Ok(_) => panic!("the snapshot should be rejected: {json}"),
        Err(e) => e.problems,
    }
}

/// A model of settings, billing and calls permissions with an Owner (`*`)
/// and an Admin whose grant is `admin_grant`; Olu owns, Ada administers.
fn settings_model(admin_grant: &str) -> String {
    format!(
        r#"{{"model": {{
      "permissions": [
        {{"id": "settings.crm", "label": "Set up the CRM"}},
        {{"id": "settings.org", "label": "Organisation settings"}},
        {{"id": "billing.view", "label": "See invoices"}},
        {{"id": "billing.pay", "label": "Pay invoices"}},
        {{"id": "calls.view", "label": "View calls", "record": true}},
        {{"id": "calls.record", "label": "Record calls", "seat": "rec"}}
      ],
      "seats": [{{"id": "rec", "label": "Recording licence"}}],
      "roles": [
        {{"id": "owner", "label": "Owner", "grants": [{{"permission": "*"}}]}},
        {{"id": "admin", "label": "Admin", "grants": [{admin_grant}]}}
      ]}},
    "org": {{"users": [
      {{"id": "olu", "roles": [{{"role": "owner"}}]}},
      {{"id": "ada", "roles": [{{"role": "admin"}}]}}
    ]}}}}"#
    )
}

// --- C7: "everything except" ------------------------------------------------

#[test]
fn c7_except_takes_permissions_out_of_a_pattern_grant() {
    let e = engine(&settings_model(
        r#"{"permission": "*", "except": ["settings.crm", "billing.*"]}"#,
    ));
    let here = Context::default();
    for p in ["settings.org", "calls.view"] {
        assert!(e.can("ada", p, &here), "{p}");
    }
    for p in ["settings.crm", "billing.view", "billing.pay"] {
        assert!(!e.can("ada", p, &here), "{p}");
        assert!(e.can("olu", p, &here), "{p}");
        let x = e.explain("ada", p, &here);
        assert_eq!(x.code, Code::NoGrant, "{p}");
        assert_eq!(x.would_be_granted_by.as_deref(), Some("owner"));
        assert_eq!(x.message, "needs the Owner role");
    }
    // A seat-bound permission stays out, as with any pattern.
    assert_eq!(
        e.explain("ada", "calls.record", &here).code,
        Code::NeedsSeat
    );
    let mut held = e.user("ada").permissions(&here);
    held.sort();
    assert_eq!(held, ["calls.view", "settings.org"]);
    // The matrix: an excepted permission is simply not granted by that grant.
    let m = e.matrix();
    let cell = |perm: &str, role: &str| {
        let p = m.permissions.iter().position(|x| x.id == perm).unwrap();
        let r = m.roles.iter().position(|x| x.id == role).unwrap();
        m.cells[p][r].access
    };
    assert_eq!(cell("settings.crm", "admin"), Access::None);
    assert_eq!(cell("billing.pay", "admin"), Access::None);
    assert_eq!(cell("settings.org", "admin"), Access::Full);
    assert_eq!(cell("settings.crm", "owner"), Access::Full);
}

#[test]
fn c7_except_on_a_prefix_pattern() {
    let e = engine(&settings_model(
        r#"{"permission": "settings.*", "except": ["settings.crm"]}"#,
    ));
    let here = Context::default();
    assert!(e.can("ada", "settings.org", &here));
    assert!(!e.can("ada", "settings.crm", &here));
    assert!(!e.can("ada", "billing.view", &here));
}

#[test]
fn c7_except_is_validated_at_its_path() {
    let at = |grant: &str| -> Vec<(String, String)> {
        problems(&settings_model(grant))
            .into_iter()
            .map(|p| (p.path, p.message))
            .collect()
    };
    let path = "model.roles[1].grants[0]";
    let one = |grant: &str, field: &str, words: &str| {
        let all = at(grant);
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].0, format!("{path}.{field}"), "{all:#?}");
        assert!(all[0].1.contains(words), "{:?} lacks {words:?}", all[0].1);
    };
    one(
        r#"{"permission": "settings.org", "except": ["settings.crm"]}"#,
        "except",
        "`except` needs a pattern in `permission`",
    );
    one(
        r#"{"permission": "*", "except": ["settings.cmr"]}"#,
        "except[0]",
        "unknown permission `settings.cmr`, did you mean `settings.crm`?",
    );
    one(
        r#"{"permission": "*", "except": ["pins.*"]}"#,
        "except[0]",
        "pattern `pins.*` matches no permission",
    );
    one(
        r#"{"permission": "settings.*", "except": ["billing.*"]}"#,
        "except[0]",
        "pattern `billing.*` matches no permission that `settings.*` grants",
    );
    one(
        r#"{"permission": "settings.*", "except": ["billing.pay"]}"#,
        "except[0]",
        "permission `billing.pay` is not one that `settings.*` grants",
    );
    one(
        r#"{"permission": "settings.*", "except": ["*"]}"#,
        "except[0]",
        "takes out everything `settings.*` grants",
    );
    one(
        r#"{"permission": "*", "except": ["settings.*.x*"]}"#,
        "except[0]",
        "may only end with `*`",
    );
    one(
        r#"{"permission": "*", "except": "settings.crm"}"#,
        "except",
        "expected an array",
    );
}
