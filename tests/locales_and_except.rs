//! Issue 10, items C7 and C8: "everything except" on a grant (`except`),
//! and messages in the product's language (`model.locale`, per-call
//! locales, `model.messages` overrides). Tiny snapshots, one concept each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{load, problems};
use rolegate::{Access, Code, Context, Engine, Locale};

#[track_caller]
fn engine(json: &str) -> Engine {
    load("test snapshot", json)
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

// --- C8: messages in the product's language ---------------------------------

/// A model of call permissions in `locale` (a JSON value) with `extra`
/// model members (each starting with `,`), and `users`.
fn calls_model(locale: &str, extra: &str, users: &str) -> String {
    format!(
        r#"{{"model": {{"locale": {locale}{extra},
      "permissions": [
        {{"id": "calls.view", "label": "Consulter les appels", "record": true}},
        {{"id": "calls.record", "label": "Enregistrer", "seat": "rec"}}
      ],
      "seats": [{{"id": "rec", "label": "Licence d'enregistrement"}}],
      "roles": [
        {{"id": "user", "label": "Utilisateur", "grants": [{{"permission": "calls.view", "scope": ["own", "team"]}}]}},
        {{"id": "recorder", "label": "Enregistreur", "seat": "rec", "requires": ["user"]}}
      ]}},
    "org": {{"teams": [{{"id": "fr", "label": "Ventes France"}}], "users": [{users}]}}}}"#
    )
}

const PEOPLE: &str = r#"{"id": "hugo", "teams": ["fr"], "roles": [{"role": "user"}]},
                        {"id": "anna", "roles": [{"role": "user"}]}"#;

#[test]
fn c8_explanations_speak_the_model_locale_or_the_one_asked_for() {
    let e = engine(&calls_model(r#""fr""#, "", PEOPLE));
    let annas = Context::of(rolegate::Record::owned_by("anna"));
    let x = e.explain("hugo", "calls.view", &annas);
    assert_eq!(x.code, Code::OutOfScope);
    assert_eq!(
        x.message,
        "hors périmètre : « Consulter les appels » n'est autorisé que sur vos propres éléments et les éléments de vos équipes"
    );
    let here = Context::default();
    assert_eq!(
        e.explain("hugo", "calls.record", &here).message,
        "nécessite le rôle Enregistreur (licence payante)"
    );
    assert_eq!(
        e.explain("zoé", "calls.view", &here).message,
        "utilisateur `zoé` introuvable"
    );
    // Per call: the same decision in English, from the engine or a handle.
    let en = e.explain_in(Locale::En, "hugo", "calls.view", &annas);
    assert_eq!(
        en.message,
        "out of scope: Consulter les appels is allowed on your own records and records of your teams only"
    );
    assert_eq!(en.code, x.code);
    assert_eq!(
        e.user("hugo")
            .explain_in(Locale::En, "calls.record", &here)
            .message,
        "needs the Recorder role (paid seat)".replace("Recorder", "Enregistreur")
    );
    // Role assignment answers in the locale too.
    let target = rolegate::AssignTarget {
        user: Some("anna".into()),
        ..Default::default()
    };
    assert_eq!(
        e.can_assign("hugo", "recorder", &target).message,
        "personne ne peut attribuer le rôle Enregistreur"
    );
    assert_eq!(
        e.can_assign_in(Locale::En, "hugo", "recorder", &target)
            .message,
        "nobody may assign the Enregistreur role"
    );
    // Without a locale: English.
    let en = engine(&calls_model("null", "", PEOPLE));
    assert_eq!(
        en.explain("hugo", "calls.view", &annas).message,
        "out of scope: Consulter les appels is allowed on your own records and records of your teams only"
    );
    assert_eq!(Locale::parse("fr"), Some(Locale::Fr));
}

#[test]
fn c8_validation_messages_speak_the_model_locale() {
    let bad_users = r#"{"id": "hugo", "teams": ["fr"], "roles": [{"role": "usr"}]},
                       {"id": "anna", "manager": 3, "roles": [{"role": "recorder"}]}"#;
    let all = problems(&calls_model(r#""fr""#, "", bad_users));
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("org.users[0].roles[0].role", "rôle `usr` introuvable, vouliez-vous dire `user` ?"),
            ("org.users[1].manager", "attendu : une chaîne, trouvé : un nombre `3`"),
            (
                "org.users[1].roles",
                "l'utilisateur `anna` a le rôle `recorder`, qui demande aussi le rôle `user` (Utilisateur)"
            ),
        ]
    );
    let typo = calls_model(r#""fr""#, r#", "nmae": "x""#, PEOPLE);
    let message = &problems(&typo)[0].message;
    assert!(
        message.starts_with(
            "champ `nmae` inconnu, vouliez-vous dire `name` ? (les champs sont `name`, `locale`"
        ),
        "{message}"
    );
    // The locale is read before the rest: a model that cannot be read
    // (here, not an object) speaks English.
    let all = problems(r#"{"model": [], "org": {"users": []}}"#);
    assert_eq!(all[0].message, "expected an object, found an array");
    // From a `Snapshot` in memory, the same words.
    let mut snap = engine(&calls_model(r#""fr""#, "", PEOPLE))
        .snapshot()
        .clone();
    snap.org.users[0].manager = Some("ghost".into());
    let err = Engine::from_snapshot(snap).unwrap_err();
    assert_eq!(err.problems[0].message, "utilisateur `ghost` introuvable");
}

#[test]
fn c8_the_model_overrides_templates_per_locale_and_id() {
    let messages = r#", "messages": {
        "fr": {"out_of_scope": "pas pour vous : {permission} ({scope})",
               "scope_own": "vos appels"},
        "en": {"needs_seat_role": "ask for a {role} licence"}}"#;
    let e = engine(&calls_model(r#""fr""#, messages, PEOPLE));
    let annas = Context::of(rolegate::Record::owned_by("anna"));
    assert_eq!(
        e.explain("hugo", "calls.view", &annas).message,
        "pas pour vous : Consulter les appels (vos appels et les éléments de vos équipes)"
    );
    let here = Context::default();
    assert_eq!(
        e.explain("hugo", "calls.record", &here).message,
        "nécessite le rôle Enregistreur (licence payante)"
    );
    assert_eq!(
        e.explain_in(Locale::En, "hugo", "calls.record", &here)
            .message,
        "ask for a Enregistreur licence"
    );
}

#[test]
fn c8_locales_and_overrides_are_validated_at_their_path() {
    let messages = r#", "messages": {
        "de": {"out_of_scope": "x"},
        "fr": {"out_of_scop": "x", "restricted": "interdit : {raison}", "scope_own": "{permission}"}}"#;
    let all = problems(&calls_model(r#""fre""#, messages, PEOPLE));
    let found: Vec<(&str, &str)> = all
        .iter()
        .map(|p| (p.path.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("model.locale", "unknown locale `fre`, did you mean `fr`? (the locales are `en` or `fr`)"),
            ("model.messages.de", "unknown locale `de` (the locales are `en` or `fr`)"),
            ("model.messages.fr.out_of_scop", "unknown message id `out_of_scop`, did you mean `out_of_scope`?"),
            (
                "model.messages.fr.restricted",
                "unknown placeholder `{raison}` in message `restricted` (its placeholders are `{reason}`)"
            ),
            (
                "model.messages.fr.scope_own",
                "unknown placeholder `{permission}` in message `scope_own` (it takes none)"
            ),
        ]
    );
    // In French when the locale is French.
    let messages = r#", "messages": {"fr": {"restricted": "{raison}"}}"#;
    assert_eq!(
        problems(&calls_model(r#""fr""#, messages, PEOPLE))[0].message,
        "paramètre `{raison}` inconnu dans le message `restricted` (ses paramètres sont `{reason}`)"
    );
}
