//! Strategies for the generated shapes.

use crate::shapes::{
    GAssign, GCond, GCtx, GGrant, GModel, GName, GOp, GOrg, GPath, GPerm, GRecord, GRestriction,
    GRole, GTarget, GTeam, GToggle, GUnless, GUser, GVal,
};
use proptest::prelude::*;
use proptest::sample::Index;

fn g_val() -> impl Strategy<Value = GVal> {
    prop_oneof![
        any::<bool>().prop_map(GVal::B),
        (0u8..2).prop_map(GVal::N),
        (0u8..3).prop_map(GVal::S),
        prop::collection::vec(0u8..3, 0..3).prop_map(GVal::L),
    ]
}

fn g_attrs(max: usize) -> impl Strategy<Value = Vec<(u8, GVal)>> {
    prop::collection::vec((0u8..3, g_val()), 0..=max)
}

fn g_path() -> impl Strategy<Value = GPath> {
    (0u8..4, 0u8..3).prop_map(|(src, key)| GPath { src, key })
}

fn g_cond() -> impl Strategy<Value = GCond> {
    let op = prop_oneof![
        4 => g_val().prop_map(GOp::Eq),
        2 => prop::collection::vec(g_val(), 0..3).prop_map(GOp::In),
        2 => any::<bool>().prop_map(GOp::Present),
        1 => g_path().prop_map(GOp::EqAttr),
        1 => g_path().prop_map(GOp::InAttr),
    ];
    let leaf = (g_path(), op).prop_map(|(p, o)| GCond::Cmp(p, o));
    leaf.prop_recursive(3, 10, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(GCond::All),
            prop::collection::vec(inner.clone(), 0..3).prop_map(GCond::Any),
            inner.prop_map(|c| GCond::Not(Box::new(c))),
        ]
    })
}

fn g_target() -> impl Strategy<Value = GTarget> {
    prop_oneof![
        6 => any::<Index>().prop_map(GTarget::Exact),
        1 => Just(GTarget::Star),
        2 => any::<Index>().prop_map(GTarget::Pattern),
    ]
}

fn g_levels() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => Just(Vec::new()),
        5 => prop::collection::vec(0u8..7, 1..4),
    ]
}

fn g_few_indices(weight_empty: u32, max: usize) -> impl Strategy<Value = Vec<Index>> {
    prop_oneof![
        weight_empty => Just(Vec::new()),
        1 => prop::collection::vec(any::<Index>(), 1..=max),
    ]
}

fn g_grant() -> impl Strategy<Value = GGrant> {
    (
        g_target(),
        g_levels(),
        g_few_indices(4, 2),
        prop::option::weighted(0.3, g_cond()),
        any::<bool>(),
    )
        .prop_map(|(target, scope, teams, when, because)| GGrant {
            target,
            scope,
            teams,
            when,
            because,
        })
}

fn g_perm() -> impl Strategy<Value = GPerm> {
    (
        0u8..4,
        prop::bool::weighted(0.6),
        prop::option::weighted(0.3, any::<Index>()),
        prop::option::weighted(0.2, any::<Index>()),
    )
        .prop_map(|(ns, record, feature, seat)| GPerm {
            ns,
            record,
            feature,
            seat,
        })
}

fn g_role() -> impl Strategy<Value = GRole> {
    (
        g_few_indices(1, 2),
        prop::collection::vec(g_grant(), 0..4),
        prop::option::weighted(0.25, any::<Index>()),
        g_few_indices(4, 1),
        prop::option::weighted(0.2, g_cond()),
        prop::bool::weighted(0.2),
        g_few_indices(2, 2),
    )
        .prop_map(
            |(includes, grants, seat, requires, requires_user, holders, assigns)| GRole {
                includes,
                grants,
                seat,
                requires,
                requires_user,
                holders,
                assigns,
            },
        )
}

fn g_toggle() -> impl Strategy<Value = GToggle> {
    (
        prop::option::weighted(0.4, any::<Index>()),
        prop::collection::vec(g_grant(), 1..3),
    )
        .prop_map(|(feature, grants)| GToggle { feature, grants })
}

fn g_restriction() -> impl Strategy<Value = GRestriction> {
    let unless = (
        g_levels(),
        g_few_indices(3, 2),
        prop::option::weighted(0.3, g_cond()),
        g_few_indices(3, 2),
    )
        .prop_map(|(scope, teams, when, roles)| GUnless {
            scope,
            teams,
            when,
            roles,
        });
    (
        prop::collection::vec(g_target(), 1..3),
        g_cond(),
        prop::option::weighted(0.7, unless),
    )
        .prop_map(|(perms, when, unless)| GRestriction {
            perms,
            when,
            unless,
        })
}

pub(crate) fn g_model() -> impl Strategy<Value = GModel> {
    (
        prop::collection::vec(g_perm(), 1..8),
        0usize..3,
        prop::collection::vec(prop::collection::vec(any::<Index>(), 0..3), 0..3),
        0usize..3,
        prop::collection::vec(g_role(), 1..6),
        prop::collection::vec(any::<u32>(), 6),
        prop::collection::vec(g_toggle(), 0..3),
        prop::collection::vec(g_restriction(), 0..3),
        prop::bool::weighted(0.3),
    )
        .prop_map(
            |(perms, features, plans, seats, roles, role_keys, toggles, restrictions, rpu)| {
                GModel {
                    perms,
                    features,
                    plans,
                    seats,
                    roles,
                    role_keys,
                    toggles,
                    restrictions,
                    roles_per_user: rpu,
                }
            },
        )
}

fn g_user() -> impl Strategy<Value = GUser> {
    let assign = (
        any::<Index>(),
        prop_oneof![3 => Just(0u8), 2 => Just(1u8), 2 => Just(2u8)],
        any::<Index>(),
    )
        .prop_map(|(role, place, at)| GAssign { role, place, at });
    (
        prop::option::weighted(0.75, any::<Index>()),
        prop::collection::vec(any::<Index>(), 0..4),
        prop::collection::vec(assign, 0..4),
        g_few_indices(2, 2),
        prop_oneof![3 => Just(Vec::new()), 1 => prop::collection::vec(g_grant(), 1..3)],
        g_attrs(3),
    )
        .prop_map(|(manager, teams, roles, toggles, grants, attrs)| GUser {
            manager,
            teams,
            roles,
            toggles,
            grants,
            attrs,
        })
}

pub(crate) fn g_org() -> impl Strategy<Value = GOrg> {
    let team = (prop::collection::vec(any::<Index>(), 0..3), g_attrs(2))
        .prop_map(|(managers, settings)| GTeam { managers, settings });
    (
        prop::option::weighted(0.7, any::<Index>()),
        g_attrs(3),
        prop::collection::vec((any::<Index>(), 0u32..3), 0..3),
        prop::collection::vec(prop::option::weighted(0.8, any::<Index>()), 0..7),
        prop::collection::vec(any::<u32>(), 7),
        prop::collection::vec(team, 0..4),
        prop::collection::vec(g_user(), 1..9),
        prop::collection::vec(any::<u32>(), 9),
    )
        .prop_map(
            |(plan, settings, seats, units, unit_keys, teams, users, user_keys)| GOrg {
                plan,
                settings,
                seats,
                units,
                unit_keys,
                teams,
                users,
                user_keys,
            },
        )
}

fn g_name() -> impl Strategy<Value = GName> {
    prop_oneof![12 => any::<Index>().prop_map(Some), 1 => Just(None)]
}

pub(crate) fn g_ctx() -> impl Strategy<Value = GCtx> {
    let record = (
        prop::option::weighted(0.85, g_name()),
        prop::option::weighted(0.35, g_name()),
        prop::option::weighted(0.35, g_name()),
        g_attrs(3),
    )
        .prop_map(|(owner, team, unit, attrs)| GRecord {
            owner,
            team,
            unit,
            attrs,
        });
    (
        prop::option::weighted(0.4, g_name()),
        prop::option::weighted(0.3, g_name()),
        prop::option::weighted(0.7, record),
    )
        .prop_map(|(unit, team, record)| GCtx { unit, team, record })
}
