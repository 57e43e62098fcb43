//! Property tests.
//!
//! 1. Random models and organisations, loaded by the engine, are checked
//!    against a deliberately naive reference evaluator (`reference.rs`)
//!    written from the documented semantics (README "Decisions", the
//!    contract's "Semantics"): it looks every name up by string, expands
//!    role includes recursively and walks manager chains and unit parents,
//!    with no dense ids, bitsets or Euler tours. Every check must agree on
//!    `can`, `explain(..).allowed`, `explain(..).code` (and the denying
//!    restriction), the bound user handle, the integer fast path and
//!    `permissions`.
//! 2. Random JSON-ish garbage and random mutations of valid snapshots never
//!    make `Engine::from_json` (or the checks on whatever loads) panic.
//!
//! Generated snapshots are valid by construction (the generator repairs
//! required roles, cardinalities, roles-per-user limits, required user
//! attributes and plan features), so the engine must load nearly all of them.
//!
//! `PROPTEST_CASES` and `PROPTEST_RNG_SEED` override the case count and seed.

// Test code: failing loudly is the point.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod build;
mod compare;
mod diff;
mod exercise;
mod filter;
#[path = "../common/filter_eval.rs"]
mod filter_eval;
mod garbage;
mod mutate;
#[path = "../common/privacy.rs"]
mod privacy;
mod reference;
mod shapes;
mod slices;
mod some_record;
mod strategies;

use build::{build, context};
use compare::compare;
use exercise::load_never_panics;
use garbage::{g_json, g_shaped};
use mutate::{g_mutation, mutate};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use rolegate::{Code, Context, Engine};
use some_record::some_record;
use std::cell::RefCell;
use std::collections::BTreeMap;
use strategies::{g_ctx, g_model, g_org};

fn config(cases: u32) -> Config {
    let cases = match std::env::var("PROPTEST_CASES") {
        Ok(_) => Config::default().cases,
        Err(_) => cases,
    };
    Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

#[derive(Default)]
struct Tally {
    cases: u64,
    loaded: u64,
    codes: BTreeMap<&'static str, u64>,
    hits: BTreeMap<&'static str, u64>,
    rejected: Vec<String>,
}

#[test]
fn engine_agrees_with_naive_reference() {
    let strategy = (g_model(), g_org(), prop::collection::vec(g_ctx(), 6..14));
    let tally = RefCell::new(Tally::default());
    let mut runner = TestRunner::new(config(1500));
    let result = runner.run(&strategy, |(m, o, gctxs)| {
        let snap = build(&m, &o);
        let text = serde_json::to_string(&snap).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut t = tally.borrow_mut();
        t.cases += 1;
        let engine = match Engine::from_json(&text) {
            Ok(e) => e,
            Err(err) => {
                t.rejected.push(format!("{err}\n  snapshot: {text}"));
                return Ok(());
            }
        };
        t.loaded += 1;
        let ctxs: Vec<Context> = gctxs.iter().map(|c| context(&snap, c)).collect();
        let t = &mut *t;
        compare(&engine, &snap, &ctxs, &mut t.codes, &mut t.hits).map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let t = tally.into_inner();
    assert!(
        t.rejected.len() as u64 * 20 <= t.cases,
        "the engine rejected {} of {} generated snapshots, which are valid by construction; first:\n{}",
        t.rejected.len(),
        t.cases,
        t.rejected.first().cloned().unwrap_or_default()
    );
    // The generator must reach every outcome, not only deny.
    let checks: u64 = t.codes.values().sum();
    assert!(checks > 50_000, "only {checks} checks made");
    for code in [
        Code::Granted,
        Code::NoGrant,
        Code::OutOfScope,
        Code::ConditionFailed,
        Code::Restricted,
        Code::NeedsSeat,
        Code::PlanLacksFeature,
        Code::UnknownUser,
        Code::UnknownPermission,
        Code::UnknownContext,
    ] {
        let n = t.codes.get(code.as_str()).copied().unwrap_or(0);
        assert!(
            n * 200 > checks,
            "too few `{}` outcomes: {n} of {checks} ({:?})",
            code.as_str(),
            t.codes
        );
    }
    let reached: u64 = t.hits.values().sum();
    for rule in [
        "scope own",
        "scope subordinates (direct)",
        "scope subordinates (indirect)",
        "scope peers",
        "scope manager",
        "scope team",
        "scope managedTeams",
        "scope explicit teams",
        "scope via owner's primary team",
        "role org-wide",
        "role at the unit",
        "role at a unit above",
        "role for the team",
        "included role",
        "toggle",
        "direct grant",
        "pattern grant",
        "exempt by scope",
        "exempt by condition",
        "exempt by role",
    ] {
        let n = t.hits.get(rule).copied().unwrap_or(0);
        assert!(
            n * 1000 > reached,
            "the generator rarely reaches `{rule}`: {n} ({:?})",
            t.hits
        );
    }
    eprintln!(
        "property: {} snapshots, {} loaded\n  outcomes {:?}\n  rules {:?}",
        t.cases, t.loaded, t.codes, t.hits
    );
}

#[test]
fn a_check_without_a_record_is_allowed_when_some_record_is() {
    let strategy = (g_model(), g_org(), prop::collection::vec(g_ctx(), 4..8));
    let (checked, skipped) = (RefCell::new(0u64), RefCell::new(0u64));
    let mut runner = TestRunner::new(config(400));
    let result = runner.run(&strategy, |(m, o, gctxs)| {
        let snap = build(&m, &o);
        let text = serde_json::to_string(&snap).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Ok(engine) = Engine::from_json(&text) else {
            return Ok(());
        };
        for c in gctxs
            .iter()
            .map(|c| context(&snap, c))
            .filter(|c| c.record.is_none())
        {
            match some_record(&engine, &snap, &c).map_err(TestCaseError::fail)? {
                true => *checked.borrow_mut() += 1,
                false => *skipped.borrow_mut() += 1,
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (checked, skipped) = (checked.into_inner(), skipped.into_inner());
    assert!(
        checked > 100,
        "{checked} contexts checked, {skipped} skipped"
    );
    eprintln!("some record: {checked} contexts checked, {skipped} skipped");
}

#[test]
fn a_users_slice_decides_as_the_full_engine() {
    let strategy = (g_model(), g_org(), prop::collection::vec(g_ctx(), 6..12));
    let checks = RefCell::new(0u64);
    let mut runner = TestRunner::new(config(300));
    let result = runner.run(&strategy, |(m, o, gctxs)| {
        let snap = build(&m, &o);
        let text = serde_json::to_string(&snap).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Ok(engine) = Engine::from_json(&text) else {
            return Ok(());
        };
        let ctxs: Vec<Context> = gctxs.iter().map(|c| context(&snap, c)).collect();
        *checks.borrow_mut() +=
            slices::compare_slices(&engine, &snap, &ctxs).map_err(TestCaseError::fail)?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let checks = checks.into_inner();
    assert!(checks > 20_000, "only {checks} checks made");
    eprintln!("slices: {checks} checks agreed");
}

#[test]
fn a_diff_agrees_with_can_before_and_after() {
    let strategy = (
        g_model(),
        g_org(),
        prop::collection::vec(diff::g_edit(), 1..4),
    );
    let (cases, checks) = (RefCell::new(0u64), RefCell::new(0u64));
    let mut runner = TestRunner::new(config(300));
    let result = runner.run(&strategy, |(m, o, edits)| {
        let before =
            serde_json::to_value(build(&m, &o)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut after = before.clone();
        for e in &edits {
            diff::edit(&mut after, e);
        }
        let (Ok(b), Ok(a)) = (
            Engine::from_json(&before.to_string()),
            Engine::from_json(&after.to_string()),
        ) else {
            return Ok(());
        };
        *cases.borrow_mut() += 1;
        *checks.borrow_mut() += diff::check_diff(&b, &a).map_err(|e| {
            TestCaseError::fail(format!(
                "{e}\n  edits {edits:?}\n  before {before}\n  after {after}"
            ))
        })?;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (cases, checks) = (cases.into_inner(), checks.into_inner());
    assert!(
        cases > 100 && checks > 10_000,
        "{cases} diffs, {checks} checks"
    );
    eprintln!("diff: {cases} diffs, {checks} checks agreed");
}

#[test]
fn a_filter_matches_exactly_the_records_a_check_allows() {
    let strategy = (
        g_model(),
        g_org(),
        prop::collection::vec(g_ctx(), 3..6),
        any::<u64>(),
    );
    let counts = RefCell::new(filter::Counts::default());
    let mut runner = TestRunner::new(config(250));
    let result = runner.run(&strategy, |(m, o, gctxs, seed)| {
        let snap = build(&m, &o);
        let text = serde_json::to_string(&snap).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let Ok(engine) = Engine::from_json(&text) else {
            return Ok(());
        };
        let mut ctxs: Vec<Context> = gctxs.iter().map(|c| context(&snap, c)).collect();
        ctxs.push(Context::default());
        let records = filter::records(&snap, seed, 150);
        filter::compare_filters(&engine, &snap, &ctxs, &records, &mut counts.borrow_mut())
            .map_err(TestCaseError::fail)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let c = counts.into_inner();
    assert!(c.checks > 200_000, "only {} records checked", c.checks);
    assert!(
        c.allowed * 50 > c.checks && c.conditional * 10 > c.filters,
        "too few allowed records or conditional filters: {c:?}"
    );
    eprintln!("filters: {c:?}");
}

// Nothing panics: garbage, random JSON and mutations of valid snapshots.

#[test]
fn garbage_never_panics_the_loader() {
    let text = prop_oneof![
        2 => "[\\[\\]{}\":,0-9a-z.\\-eE \\\\]{0,200}",
        1 => any::<String>(),
        3 => g_json().prop_map(|v| v.to_string()),
        3 => g_shaped().prop_map(|v| v.to_string()),
    ];
    let mut runner = TestRunner::new(config(600));
    let result = runner.run(&text, |t| load_never_panics(&t).map(|_| ()));
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn mutated_snapshots_never_panic() {
    let strategy = (
        g_model(),
        g_org(),
        prop::collection::vec(g_mutation(), 1..4),
        prop_oneof![
            3 => Just(Vec::new()),
            1 => prop::collection::vec((any::<Index>(), 0u8..3, any::<char>()), 1..3),
        ],
    );
    let counts = RefCell::new((0u64, 0u64));
    let mut runner = TestRunner::new(config(400));
    let result = runner.run(&strategy, |(m, o, muts, bytes)| {
        let mut doc =
            serde_json::to_value(build(&m, &o)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for x in &muts {
            mutate(&mut doc, x);
        }
        let mut text: Vec<char> = doc.to_string().chars().collect();
        // A few character-level edits on top (some cases only).
        for (at, op, ch) in &bytes {
            let i = at.index(text.len() + 1);
            match op {
                0 => text.insert(i, *ch),
                1 if i < text.len() => {
                    text.remove(i);
                }
                _ if i < text.len() => text[i] = *ch,
                _ => {}
            }
        }
        let text: String = text.into_iter().collect();
        let loaded = load_never_panics(&text)?;
        let mut c = counts.borrow_mut();
        c.0 += 1;
        c.1 += u64::from(loaded);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (cases, loaded) = counts.into_inner();
    // Both sides must be exercised: some mutants load, most do not.
    assert!(
        loaded * 20 > cases && loaded < cases,
        "{loaded} of {cases} mutants loaded"
    );
    eprintln!("mutants: {cases}, {loaded} loaded");
}
