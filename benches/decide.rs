//! Native benchmark of the core decisions (`cargo bench --bench decide`), so
//! that a regression shows without a browser. The scenario is the one of
//! `bench/scenario.mjs` (issue 5), generated here with the same seeded PRNG,
//! so the orgs, pins and check sequences are the same as in the JS benchmark:
//!
//! - org: 1 owner (admin), 20 managers, 50 reps each (1,021 users), and the
//!   20x org (400 managers, 20,401 users); each user in their manager's team;
//! - Rule A: plain (user, permission) checks, no record;
//! - Rule B+C: pins.view / pins.edit on one of 10,000 pins (own / peers /
//!   transitive subordinates), restricted pins only for the pin's team.
//!
//! Before anything is timed, every check of both sequences is compared with a
//! plain reference written from the rules (the process stops on a mismatch).
//! Check figures are per sequence of 10,000 checks (divan also prints the
//! rate per check).

#![allow(missing_docs)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use rolegate::snapshot::AttrValue;
use rolegate::{Context, Engine, Record};
use std::collections::BTreeMap;
use std::sync::OnceLock;

const PERMS: [&str; 4] = ["pins.view", "pins.edit", "reports.export", "users.invite"];
const REPS: usize = 50;
const PINS: usize = 10_000;
const SEQ: usize = 10_000;

fn main() {
    let s = scenario();
    eprintln!(
        "decide: {} users, {} pins; the engine agrees with the reference on {SEQ} Rule A and {SEQ} Rule B+C checks ({} and {} allowed)",
        s.users.len(),
        s.pins.len(),
        s.allowed_a,
        s.allowed_b
    );
    divan::main();
}

/// mulberry32, as in bench/scenario.mjs (floats in [0, 1)).
struct Prng(u32);

impl Prng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Admin,
    Manager,
    Rep,
}

struct User {
    id: String,
    role: Role,
    manager: Option<usize>,
    team: String,
}

struct Pin {
    owner: usize,
    team: String,
    attrs: BTreeMap<String, AttrValue>,
    restricted: bool,
}

fn org(managers: usize) -> Vec<User> {
    let mut users = vec![User {
        id: "u0".into(),
        role: Role::Admin,
        manager: None,
        team: "lead".into(),
    }];
    for m in 1..=managers {
        users.push(User {
            id: format!("u{m}"),
            role: Role::Manager,
            manager: Some(0),
            team: "lead".into(),
        });
    }
    for m in 1..=managers {
        for _ in 0..REPS {
            let n = users.len();
            users.push(User {
                id: format!("u{n}"),
                role: Role::Rep,
                manager: Some(m),
                team: format!("t{m}"),
            });
        }
    }
    users
}

/// The org as a rolegate snapshot (the model of bench/adapters/rolegate.mjs).
fn snapshot_json(users: &[User], managers: usize) -> String {
    let mut teams = vec![r#"{"id":"lead","managers":["u0"]}"#.to_owned()];
    for m in 1..=managers {
        teams.push(format!(r#"{{"id":"t{m}","managers":["u{m}"]}}"#));
    }
    let users: Vec<String> = users
        .iter()
        .map(|u| {
            let role = match u.role {
                Role::Admin => "admin",
                Role::Manager => "manager",
                Role::Rep => "rep",
            };
            let manager = u
                .manager
                .map(|m| format!(r#","manager":"u{m}""#))
                .unwrap_or_default();
            format!(
                r#"{{"id":"{}","teams":["{}"],"roles":[{{"role":"{role}"}}]{manager}}}"#,
                u.id, u.team
            )
        })
        .collect();
    format!(
        r#"{{"model":{{"name":"bench","permissions":[
  {{"id":"pins.view","record":true}},{{"id":"pins.edit","record":true}},{{"id":"reports.export"}},{{"id":"users.invite"}}],
 "roles":[
  {{"id":"admin","grants":[{{"permission":"*"}}]}},
  {{"id":"manager","grants":[{{"permission":"pins.view","scope":["own","subordinates"]}},{{"permission":"pins.edit","scope":["own","subordinates"]}},{{"permission":"users.invite"}}]}},
  {{"id":"rep","grants":[{{"permission":"pins.view","scope":["own","peers"]}},{{"permission":"pins.edit","scope":["own"]}}]}}],
 "restrictions":[{{"id":"restricted-pins","permissions":["pins.view"],"when":{{"attr":"record.restricted","eq":true}},
  "unless":{{"scope":["team"]}},"message":"restricted pins of {{team}} are private to the team"}}]}},
 "org":{{"name":"bench","teams":[{}],"users":[{}]}}}}"#,
        teams.join(","),
        users.join(",")
    )
}

struct Scenario {
    users: Vec<User>,
    pins: Vec<Pin>,
    small_json: String,
    big_json: String,
    engine: Engine,
    seq_a: Vec<(u32, u32)>,
    seq_b: Vec<(u32, u32, u32)>,
    allowed_a: usize,
    allowed_b: usize,
}

fn reference_plain(u: &User, perm: usize) -> bool {
    match u.role {
        Role::Admin => true,
        Role::Manager => perm != 2,
        Role::Rep => perm < 2,
    }
}

fn reference_record(users: &[User], user: usize, perm: usize, pin: &Pin) -> bool {
    let u = &users[user];
    let reports_to = |mut x: usize, boss: usize| {
        while let Some(m) = users[x].manager {
            if m == boss {
                return true;
            }
            x = m;
        }
        false
    };
    let allowed = match u.role {
        Role::Admin => true,
        Role::Manager => pin.owner == user || reports_to(pin.owner, user),
        Role::Rep if perm == 1 => pin.owner == user,
        Role::Rep => {
            pin.owner == user || (u.manager.is_some() && users[pin.owner].manager == u.manager)
        }
    };
    allowed && !(perm == 0 && pin.restricted && u.team != pin.team)
}

fn scenario() -> &'static Scenario {
    static S: OnceLock<Scenario> = OnceLock::new();
    S.get_or_init(|| {
        let users = org(20);
        let small_json = snapshot_json(&users, 20);
        let big_json = snapshot_json(&org(400), 400);
        let mut rnd = Prng(0x5eed);
        let pins: Vec<Pin> = (0..PINS)
            .map(|_| {
                let owner = rnd.below(users.len());
                let restricted = rnd.next() < 0.25;
                let attrs =
                    BTreeMap::from([("restricted".to_owned(), AttrValue::Bool(restricted))]);
                Pin {
                    owner,
                    team: users[owner].team.clone(),
                    attrs,
                    restricted,
                }
            })
            .collect();
        let mut team_pins: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in pins.iter().enumerate() {
            team_pins.entry(p.team.as_str()).or_default().push(i);
        }
        let mut rnd = Prng(0xbe4c4);
        let seq_a: Vec<(u32, u32)> = (0..SEQ)
            .map(|_| {
                let u = rnd.below(users.len());
                (u as u32, rnd.below(PERMS.len()) as u32)
            })
            .collect();
        let seq_b: Vec<(u32, u32, u32)> = (0..SEQ)
            .map(|_| {
                let u = rnd.below(users.len());
                let p = rnd.below(2);
                let user = &users[u];
                let near_team = if user.role == Role::Manager {
                    format!("t{}", &user.id[1..])
                } else {
                    user.team.clone()
                };
                let near = team_pins.get(near_team.as_str());
                // The same draws in the same order as scenario.mjs.
                let coin = rnd.next();
                let pin = match near {
                    Some(n) if coin < 0.5 && !n.is_empty() => n[rnd.below(n.len())],
                    _ => rnd.below(pins.len()),
                };
                (u as u32, p as u32, pin as u32)
            })
            .collect();
        let engine = Engine::from_json(&small_json).unwrap_or_else(|e| panic!("snapshot: {e:?}"));
        // Agreement with the reference, before anything is timed.
        let (uix, pix) = ids(&engine, &users);
        let mut allowed_a = 0;
        for &(u, p) in &seq_a {
            let none = engine.prepare(&Context::default());
            let got = engine.check(uix[u as usize], pix[p as usize], &none);
            let want = reference_plain(&users[u as usize], p as usize);
            assert_eq!(
                got, want,
                "Rule A {} {}",
                users[u as usize].id, PERMS[p as usize]
            );
            assert_eq!(
                engine.can(
                    &users[u as usize].id,
                    PERMS[p as usize],
                    &Context::default()
                ),
                want
            );
            allowed_a += usize::from(got);
        }
        let mut allowed_b = 0;
        for &(u, p, pin) in &seq_b {
            let ctx = context(&pins[pin as usize], &users);
            let got = engine.check(uix[u as usize], pix[p as usize], &engine.prepare(&ctx));
            let want = reference_record(&users, u as usize, p as usize, &pins[pin as usize]);
            assert_eq!(
                got, want,
                "Rule B+C {} {} pin {pin}",
                users[u as usize].id, PERMS[p as usize]
            );
            assert_eq!(
                engine.can(&users[u as usize].id, PERMS[p as usize], &ctx),
                want
            );
            allowed_b += usize::from(got);
        }
        Scenario {
            users,
            pins,
            small_json,
            big_json,
            engine,
            seq_a,
            seq_b,
            allowed_a,
            allowed_b,
        }
    })
}

/// Engine ids of the users and permissions, by scenario index.
fn ids(engine: &Engine, users: &[User]) -> (Vec<u32>, Vec<u32>) {
    let u = users
        .iter()
        .map(|u| engine.user_index(&u.id).expect("user"))
        .collect();
    let p = PERMS
        .iter()
        .map(|p| engine.permission_index(p).expect("permission"))
        .collect();
    (u, p)
}

fn context(pin: &Pin, users: &[User]) -> Context {
    Context::of(Record {
        owner: Some(users[pin.owner].id.clone()),
        team: Some(pin.team.clone()),
        unit: None,
        attributes: pin.attrs.clone(),
    })
}

/// Rule A through the integer fast path (`Engine::check`).
#[divan::bench]
fn rule_a_check_ids(b: Bencher) {
    let s = scenario();
    let (u, p) = ids(&s.engine, &s.users);
    let none = s.engine.prepare(&Context::default());
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi) in &s.seq_a {
            n += u32::from(s.engine.check(u[ui as usize], p[pi as usize], &none));
        }
        black_box(n)
    });
}

/// Rule A through bound user handles and permission names.
#[divan::bench]
fn rule_a_handle_can(b: Bencher) {
    let s = scenario();
    let handles: Vec<_> = s.users.iter().map(|u| s.engine.user(&u.id)).collect();
    let none = Context::default();
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi) in &s.seq_a {
            n += u32::from(handles[ui as usize].can(PERMS[pi as usize], &none));
        }
        black_box(n)
    });
}

/// Rule A by names (`Engine::can(user, perm, ctx)`).
#[divan::bench]
fn rule_a_can_names(b: Bencher) {
    let s = scenario();
    let none = Context::default();
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi) in &s.seq_a {
            n += u32::from(
                s.engine
                    .can(&s.users[ui as usize].id, PERMS[pi as usize], &none),
            );
        }
        black_box(n)
    });
}

/// Rule B+C by names, with a record context per pin.
#[divan::bench]
fn rule_bc_can_names(b: Bencher) {
    let s = scenario();
    let ctxs: Vec<Context> = s.pins.iter().map(|pin| context(pin, &s.users)).collect();
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi, pin) in &s.seq_b {
            let user = &s.users[ui as usize].id;
            n += u32::from(s.engine.can(user, PERMS[pi as usize], &ctxs[pin as usize]));
        }
        black_box(n)
    });
}

/// Rule B+C through prepared contexts (`Engine::check`): owner, team and
/// the `restricted` attribute resolved to indices and slots beforehand, as
/// the JS binding's buffer carries them.
#[divan::bench]
fn rule_bc_check_prepared(b: Bencher) {
    let s = scenario();
    let e = &s.engine;
    let (u, p) = ids(e, &s.users);
    let ctxs: Vec<_> = s
        .pins
        .iter()
        .map(|pin| e.prepare(&context(pin, &s.users)))
        .collect();
    for &(ui, pi, pin) in &s.seq_b {
        let want = reference_record(&s.users, ui as usize, pi as usize, &s.pins[pin as usize]);
        assert_eq!(
            e.check(u[ui as usize], p[pi as usize], &ctxs[pin as usize]),
            want
        );
    }
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi, pin) in &s.seq_b {
            n += u32::from(e.check(u[ui as usize], p[pi as usize], &ctxs[pin as usize]));
        }
        black_box(n)
    });
}

/// Rule B+C through bound user handles and permission names.
#[divan::bench]
fn rule_bc_handle_can(b: Bencher) {
    let s = scenario();
    let handles: Vec<_> = s.users.iter().map(|u| s.engine.user(&u.id)).collect();
    let ctxs: Vec<Context> = s.pins.iter().map(|pin| context(pin, &s.users)).collect();
    b.counter(ItemsCount::new(SEQ)).bench(|| {
        let mut n = 0u32;
        for &(ui, pi, pin) in &s.seq_b {
            n += u32::from(handles[ui as usize].can(PERMS[pi as usize], &ctxs[pin as usize]));
        }
        black_box(n)
    });
}

/// Loading (parse + validate + compile) the 1,021-user org.
#[divan::bench]
fn load_1k_org(b: Bencher) {
    let s = scenario();
    b.bench(|| Engine::from_json(black_box(&s.small_json)).is_ok());
}

/// Loading (parse + validate + compile) the 20,401-user org.
#[divan::bench(sample_count = 20)]
fn load_20k_org(b: Bencher) {
    let s = scenario();
    b.bench(|| Engine::from_json(black_box(&s.big_json)).is_ok());
}

/// The 20,401-user org, loaded once for the slice benchmarks.
fn big_engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_json(&scenario().big_json).unwrap())
}

/// Cutting a rep's slice of the 20,401-user org (`Engine::slice`).
#[divan::bench]
fn slice_rep_20k_org(b: Bencher) {
    let e = big_engine();
    let rep = e.snapshot().org.users.last().unwrap().id.clone();
    b.bench(|| e.slice(black_box(&rep)).unwrap().len());
}

/// Cutting a manager's slice of the 20,401-user org (50 reports).
#[divan::bench]
fn slice_manager_20k_org(b: Bencher) {
    let e = big_engine();
    let manager = e.snapshot().org.users[1].id.clone();
    b.bench(|| e.slice(black_box(&manager)).unwrap().len());
}

/// Reading a rep's slice (`ClientGate::from_bytes`).
#[divan::bench]
fn read_rep_slice(b: Bencher) {
    let e = big_engine();
    let bytes = e.slice(&e.snapshot().org.users.last().unwrap().id).unwrap();
    b.bench(|| rolegate::ClientGate::from_bytes(black_box(&bytes)).is_ok());
}

/// `Engine::diff` of the 20,401-user org and the same org with a rep moved
/// to another manager and team and a manager made a rep.
#[divan::bench(sample_count = 10)]
fn diff_20k_org(b: Bencher) {
    let before = big_engine();
    let mut users = org(400);
    users[600].manager = Some(2);
    users[600].team = "t2".to_owned();
    users[3].role = Role::Rep;
    let after = Engine::from_json(&snapshot_json(&users, 400)).unwrap();
    let d = Engine::diff(before, &after);
    assert!(
        d.users.len() > 50,
        "{:?}",
        d.summary.iter().map(|l| &l.message).collect::<Vec<_>>()
    );
    b.bench(|| {
        Engine::diff(black_box(before), black_box(&after))
            .users
            .len()
    });
}
