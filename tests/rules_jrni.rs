//! JRNI (seeds/001_793746d0c485b754.txt): the rules R1..R6 of issue 2, one
//! test each, over the sample organisation `www/orgs/jrni.json`.
//!
//! The org: Harbour Wellness Group (parent company) with four child clinics
//! (London, Manchester, Bristol, Leeds). Amelia is Owner and Noah
//! Administrator at the parent; Isla is Owner in London, Administrator in
//! Manchester and User in Bristol; Jack (User, linked to his staff member)
//! and Ava (User, not linked); Oscar (User Plus, linked) and Mia (User Plus,
//! limited to the physio group); Lucas (Manager); Freya (Call Center at
//! London, Manchester and Leeds); Zoe (User at Leeds, massage and sports groups).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::*;
use rolegate::snapshot::Assignment;
use rolegate::{Access, Code, Engine};

const JSON: &str = include_str!("../www/orgs/jrni.json");

fn org() -> Engine {
    load("jrni", JSON)
}

/// The columns of the document's table, in order.
const ROLES: [&str; 6] = [
    "owner",
    "administrator",
    "user",
    "user_plus",
    "manager",
    "call_center",
];

/// The document's configuration table, row by row in its order: `Y` is ✅,
/// `N` is ❌, `*` depends on whether the user is linked to a staff member.
const TABLE: [(&str, &str, [char; 6]); 11] = [
    (
        "customers.manage",
        "Customer management",
        ['Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
    ),
    (
        "bookings.manage",
        "Booking management",
        ['Y', 'Y', 'Y', 'Y', 'Y', 'Y'],
    ),
    (
        "checkin.manage",
        "Check-in management",
        ['Y', 'Y', 'Y', 'Y', 'Y', 'N'],
    ),
    (
        "resources.manage",
        "Resource management",
        ['Y', 'Y', 'N', 'N', 'N', 'N'],
    ),
    (
        "services.view",
        "View Services",
        ['Y', 'Y', 'N', 'Y', 'Y', 'N'],
    ),
    (
        "services.edit",
        "Edit services",
        ['Y', 'Y', 'N', 'N', 'N', 'N'],
    ),
    ("staff.view", "View Staff", ['Y', 'Y', '*', '*', 'Y', 'N']),
    (
        "staff.edit_what_where",
        "Edit Staff (what & where)",
        ['Y', 'Y', 'N', 'N', 'Y', 'N'],
    ),
    (
        "schedules.edit",
        "Edit schedules",
        ['Y', 'Y', 'N', 'Y', 'Y', 'N'],
    ),
    (
        "events.manage",
        "Event management",
        ['Y', 'Y', 'N', 'N', 'N', 'N'],
    ),
    (
        "integrations.manage",
        "Integration management",
        ['Y', 'N', 'N', 'N', 'N', 'N'],
    ),
];

/// For each column: a holder not linked to a staff member, and one linked
/// (where the org has one), with the location they hold the role at.
fn holders(
    role: &str,
) -> (
    (&'static str, &'static str),
    Option<(&'static str, &'static str)>,
) {
    match role {
        "owner" => (("amelia", "london"), None),
        "administrator" => (("noah", "bristol"), None),
        "user" => (("ava", "manchester"), Some(("jack", "london"))),
        "user_plus" => (("mia", "london"), Some(("oscar", "bristol"))),
        "manager" => (("lucas", "london"), None),
        "call_center" => (("freya", "leeds"), None),
        _ => unreachable!(),
    }
}

#[test]
fn r1_configuration_table_all_66_cells() {
    let e = org();
    let m = e.matrix();
    let columns: Vec<(&str, &str)> = m
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.label.as_str()))
        .collect();
    assert_eq!(
        columns,
        [
            ("owner", "Owner"),
            ("administrator", "Administrator"),
            ("user", "User"),
            ("user_plus", "User Plus"),
            ("manager", "Manager"),
            ("call_center", "Call Center"),
        ]
    );
    // The table's rows are the model's first permissions, in table order.
    let rows: Vec<(&str, &str)> = m
        .permissions
        .iter()
        .take(11)
        .map(|p| (p.id.as_str(), p.label.as_str()))
        .collect();
    let expected: Vec<(&str, &str)> = TABLE.iter().map(|(id, label, _)| (*id, *label)).collect();
    assert_eq!(rows, expected);

    let mut cells = 0;
    for (perm, label, marks) in TABLE {
        for (role, mark) in ROLES.iter().zip(marks) {
            cells += 1;
            let c = cell(&m, perm, role);
            let ((plain, unit), linked) = holders(role);
            let here = at(unit);
            match mark {
                'Y' => {
                    assert_eq!(
                        c.access,
                        Access::Full,
                        "{label} x {role} is ✅ in the table"
                    );
                    let x = allowed(&e, plain, perm, &here);
                    assert_eq!(x.role.as_deref(), Some(*role));
                    if let Some((linked, unit)) = linked {
                        allowed(&e, linked, perm, &at(unit));
                    }
                }
                'N' => {
                    assert_eq!(
                        c.access,
                        Access::None,
                        "{label} x {role} is ❌ in the table"
                    );
                    denied(&e, plain, perm, &here, Code::NoGrant);
                    if let Some((linked, unit)) = linked {
                        denied(&e, linked, perm, &at(unit), Code::NoGrant);
                    }
                }
                _ => {
                    assert_eq!(
                        c.access,
                        Access::Conditional,
                        "{label} x {role} depends on a staff link"
                    );
                    assert_eq!(
                        c.note.as_deref(),
                        Some("you are linked to a staff member (Person)")
                    );
                    let x = denied(&e, plain, perm, &here, Code::ConditionFailed);
                    says(
                        &x,
                        &["View Staff is allowed only when you are linked to a staff member"],
                    );
                    let (linked, unit) = linked.expect("a linked holder for every asterisk column");
                    allowed(&e, linked, perm, &at(unit));
                }
            }
        }
    }
    assert_eq!(cells, 66);
}

#[test]
fn r2_menus_and_tabs_per_role() {
    let e = org();
    let menus = [
        "menu.home",
        "menu.your_business",
        "tab.calendar",
        "tab.agenda",
        "tab.check_in",
        "tab.customers",
        "tab.services",
        "tab.staff",
        "categories.manage",
        "menu.business",
        "menu.basic_settings",
        "menu.advanced_settings",
        "page.call_center",
    ];
    let home = [
        "menu.home",
        "menu.your_business",
        "tab.calendar",
        "tab.agenda",
        "tab.check_in",
        "tab.customers",
    ];
    let plus = [&home[..], &["tab.services", "tab.staff"]].concat();
    let cases: [(&str, &str, Vec<&str>); 6] = [
        ("owner", "amelia", menus.to_vec()),
        (
            "administrator",
            "noah",
            menus
                .iter()
                .copied()
                .filter(|m| {
                    ![
                        "menu.business",
                        "menu.basic_settings",
                        "menu.advanced_settings",
                    ]
                    .contains(m)
                })
                .collect(),
        ),
        ("user", "ava", [&home[..], &["categories.manage"]].concat()),
        ("user_plus", "mia", plus.clone()),
        ("manager", "lucas", plus.clone()),
        ("call_center", "freya", vec!["page.call_center"]),
    ];
    for (role, who, expected) in cases {
        let ((_, unit), _) = holders(role);
        let here = at(unit);
        let mine: Vec<String> = perms(&e, who, &here)
            .into_iter()
            .filter(|p| menus.contains(&p.as_str()))
            .collect();
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(mine, expected, "menus and tabs of {role}");
        for menu in menus {
            if expected.iter().any(|x| x == menu) {
                allowed(&e, who, menu, &here);
            } else {
                denied(&e, who, menu, &here, Code::NoGrant);
            }
        }
    }
    // Call Center: the dedicated page only.
    let x = denied(&e, "freya", "menu.home", &at("london"), Code::NoGrant);
    says(&x, &["needs the"]);
}

#[test]
fn r3_only_owners_create_users() {
    let e = org();
    allowed(&e, "amelia", "users.create", &at("bristol"));
    allowed(&e, "isla", "users.create", &at("london"));
    denied(&e, "isla", "users.create", &at("manchester"), Code::NoGrant);
    for (who, unit) in [
        ("noah", "london"),
        ("ava", "manchester"),
        ("oscar", "bristol"),
        ("lucas", "london"),
        ("freya", "london"),
    ] {
        let x = denied(&e, who, "users.create", &at(unit), Code::NoGrant);
        says(&x, &["needs the Owner role"]);
    }
    let m = e.matrix();
    for role in ROLES {
        let want = if role == "owner" {
            Access::Full
        } else {
            Access::None
        };
        assert_eq!(
            cell(&m, "users.create", role).access,
            want,
            "users.create x {role}"
        );
    }
    // Assigning roles when creating or editing a user: Owners only, where they are Owner.
    for role in ROLES {
        let x = assign(&e, "amelia", role, None, Some("leeds"), None);
        assert!(x.allowed, "the group Owner assigns {role}: {x:?}");
    }
    assert!(assign(&e, "amelia", "user", Some("jack"), Some("london"), None).allowed);
    assert!(assign(&e, "isla", "user_plus", None, Some("london"), None).allowed);
    let x = assign(&e, "isla", "user_plus", None, Some("manchester"), None);
    assert!(
        !x.allowed,
        "Isla is only Administrator in Manchester: {x:?}"
    );
    says(&x, &["only Owner may assign the User Plus role"]);
    assert!(!assign(&e, "isla", "user", None, Some("bristol"), None).allowed);
    assert!(!assign(&e, "noah", "user", None, Some("london"), None).allowed);
    assert!(!assign(&e, "lucas", "user", None, Some("london"), None).allowed);
}

#[test]
fn r4_parent_role_cascades_and_each_location_uses_the_role_held_there() {
    let e = org();
    let children = ["london", "manchester", "bristol", "leeds"];
    let s = e.snapshot();
    for c in children {
        let u = s
            .org
            .units
            .iter()
            .find(|u| u.id == c)
            .expect("child location");
        assert_eq!(u.parent.as_deref(), Some("group"));
    }
    // Owner at the parent company: Owner at every child location too.
    for unit in ["group"].iter().chain(&children) {
        let x = allowed(&e, "amelia", "integrations.manage", &at(unit));
        assert_eq!(
            (x.role.as_deref(), x.unit.as_deref()),
            (Some("owner"), Some("group"))
        );
        says(&x, &["allowed by the Owner role at Harbour Wellness Group"]);
        allowed(&e, "noah", "services.edit", &at(unit));
        denied(&e, "noah", "integrations.manage", &at(unit), Code::NoGrant);
    }
    // Isla: Owner in London, Administrator in Manchester, User in Bristol.
    let x = allowed(&e, "isla", "integrations.manage", &at("london"));
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("owner"), Some("london"))
    );
    let x = denied(
        &e,
        "isla",
        "integrations.manage",
        &at("manchester"),
        Code::NoGrant,
    );
    says(
        &x,
        &["comes with your Owner role, which applies at London Bridge clinic only"],
    );
    let x = allowed(&e, "isla", "services.edit", &at("manchester"));
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("administrator"), Some("manchester"))
    );
    denied(&e, "isla", "services.edit", &at("bristol"), Code::NoGrant);
    let x = allowed(&e, "isla", "customers.manage", &at("bristol"));
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("user"), Some("bristol"))
    );
    allowed(&e, "isla", "categories.manage", &at("bristol"));
    denied(&e, "isla", "menu.business", &at("bristol"), Code::NoGrant);
    allowed(&e, "isla", "menu.business", &at("london"));
    // Nothing at a location where she holds no role, nor at the parent.
    denied(&e, "isla", "customers.manage", &at("leeds"), Code::NoGrant);
    denied(&e, "isla", "customers.manage", &at("group"), Code::NoGrant);
    // The permissions list differs per location.
    let london = perms(&e, "isla", &at("london"));
    let bristol = perms(&e, "isla", &at("bristol"));
    assert!(london.contains("users.create") && !bristol.contains("users.create"));
    assert!(bristol.is_subset(&london));
    // A record's location wins over the page's location.
    allowed(
        &e,
        "isla",
        "bookings.cancel",
        &at_unit("manchester").ctx_at("leeds"),
    );
    denied(
        &e,
        "isla",
        "services.edit",
        &at_unit("bristol").ctx_at("manchester"),
        Code::NoGrant,
    );

    // One role per place: two roles at the same location are rejected.
    let mut v = snapshot_of(&e);
    let isla = user_ix(&v, "isla");
    v.org.users[isla].roles.push(Assignment {
        role: "manager".into(),
        unit: Some("london".into()),
        team: None,
    });
    let problems = rejected(v);
    problem_at(
        &problems,
        &format!("org.users[{isla}].roles"),
        &["isla", "2 roles at unit `london`", "at most 1"],
    );
}

#[test]
fn r5_person_and_group_limits_show_only_those_staff() {
    let e = org();
    let booking = |unit: &str, staff: &str, group: &str| {
        at_unit(unit)
            .attr("staff", staff)
            .attr("staffGroup", group)
            .ctx()
    };
    // Person: Jack is limited to his own staff member's calendar and bookings.
    for perm in ["calendar.view", "bookings.manage", "bookings.move"] {
        allowed(&e, "jack", perm, &booking("london", "st_jack", "physio"));
        let x = denied(
            &e,
            "jack",
            perm,
            &booking("london", "st_oscar", "physio"),
            Code::Restricted,
        );
        assert_eq!(x.restriction.as_deref(), Some("person_limit"));
        says(&x, &["restricted", "one staff member (Person)"]);
    }
    // Group: Mia sees only staff of the physio group; Zoe those of massage and sports.
    for perm in ["calendar.view", "bookings.manage", "bookings.create"] {
        allowed(&e, "mia", perm, &booking("london", "st_jack", "physio"));
        let x = denied(
            &e,
            "mia",
            perm,
            &booking("london", "st_kim", "massage"),
            Code::Restricted,
        );
        assert_eq!(x.restriction.as_deref(), Some("group_limit"));
        says(&x, &["staff groups (Group)"]);
        allowed(&e, "zoe", perm, &booking("leeds", "st_kim", "massage"));
        allowed(&e, "zoe", perm, &booking("leeds", "st_lee", "sports"));
        denied(
            &e,
            "zoe",
            perm,
            &booking("leeds", "st_ann", "physio"),
            Code::Restricted,
        );
    }
    // Without a limit, every staff member's calendar at the location.
    for who in ["lucas", "ava"] {
        let unit = if who == "lucas" {
            "london"
        } else {
            "manchester"
        };
        allowed(
            &e,
            who,
            "calendar.view",
            &booking(unit, "st_oscar", "massage"),
        );
        allowed(
            &e,
            who,
            "calendar.view",
            &booking(unit, "st_jack", "physio"),
        );
    }
    // The limit applies to staff calendars and bookings, not to the menus.
    allowed(&e, "jack", "tab.calendar", &at("london"));
    allowed(&e, "mia", "customers.manage", &at("london"));
    // Limits bind whatever the role: an Owner limited to a staff member is limited too.
    let mut v = snapshot_of(&e);
    let amelia = user_ix(&v, "amelia");
    v.org.users[amelia].attributes.insert(
        "staff".into(),
        rolegate::snapshot::AttrValue::Str("st_amelia".into()),
    );
    let v = reload(v);
    denied(
        &v,
        "amelia",
        "bookings.manage",
        &booking("bristol", "st_oscar", "physio"),
        Code::Restricted,
    );
    allowed(
        &v,
        "amelia",
        "bookings.manage",
        &booking("bristol", "st_amelia", "physio"),
    );
}

#[test]
fn r6_call_center_books_moves_and_cancels_across_locations() {
    let e = org();
    let ops = [
        "bookings.search",
        "bookings.create",
        "bookings.move",
        "bookings.cancel",
        "bookings.manage",
        "customers.manage",
    ];
    for unit in ["london", "manchester", "leeds"] {
        allowed(&e, "freya", "page.call_center", &at(unit));
        for op in ops {
            let x = allowed(&e, "freya", op, &at_unit(unit).ctx());
            assert_eq!(
                (x.role.as_deref(), x.unit.as_deref()),
                (Some("call_center"), Some(unit))
            );
        }
        // Moving a booking from one location's record while working from another.
        allowed(
            &e,
            "freya",
            "bookings.move",
            &at_unit(unit).ctx_at("london"),
        );
        denied(&e, "freya", "checkin.manage", &at(unit), Code::NoGrant);
        denied(&e, "freya", "menu.home", &at(unit), Code::NoGrant);
    }
    // Not at a location she was not given.
    let x = denied(
        &e,
        "freya",
        "bookings.create",
        &at_unit("bristol").ctx(),
        Code::NoGrant,
    );
    // Named with every location it is held at, not one of them.
    says(
        &x,
        &["comes with your Call Center role, which applies at London Bridge clinic, Manchester clinic and Leeds clinic only"],
    );
    assert_eq!(
        perms(&e, "freya", &at("manchester")),
        set(&[
            "bookings.cancel",
            "bookings.create",
            "bookings.manage",
            "bookings.move",
            "bookings.search",
            "calendar.view",
            "customers.manage",
            "page.call_center",
        ])
    );
    assert!(perms(&e, "freya", &at("bristol")).is_empty());
    // Other roles do not get the Call Center page.
    denied(
        &e,
        "ava",
        "page.call_center",
        &at("manchester"),
        Code::NoGrant,
    );
    denied(
        &e,
        "lucas",
        "page.call_center",
        &at("london"),
        Code::NoGrant,
    );
}

#[test]
fn r7_one_role_per_location_so_assigning_there_changes_it() {
    let e = org();
    // Jack is a User in London: User Plus there replaces it; at Leeds it is
    // a second location.
    let x = assign(
        &e,
        "amelia",
        "user_plus",
        Some("jack"),
        Some("london"),
        None,
    );
    assert!(x.allowed, "{x:?}");
    says(
        &x,
        &["at Harbour Wellness Group", "in place of the User role"],
    );
    assert_eq!(
        (x.role.as_deref(), x.unit.as_deref()),
        (Some("owner"), Some("group"))
    );
    let x = assign(&e, "amelia", "user_plus", Some("jack"), Some("leeds"), None);
    assert!(x.allowed, "{x:?}");
    assert!(!x.message.contains("in place of"), "{x:?}");
}
