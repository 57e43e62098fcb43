//! The cost model, tested: whatever its shape, a snapshot loads in time and
//! memory within a fixed multiple of what a plain snapshot of the same size
//! takes, or is rejected with a problem (just as fast). Each crafted shape is
//! one the audit used, at its size; the plain snapshot is an ordinary org
//! (users with managers, teams and roles) padded to the same byte length.
//!
//! Memory is counted exactly, by this binary's allocator (the peak of bytes
//! in use during the load). Time is the fastest of a few loads, compared with
//! the plain snapshot's measured the same way in the same process, with a
//! wide margin: the test is about orders of magnitude (the audit's shapes
//! took 100 to 1,000 times longer than their size called for), not speed.

// A counting global allocator needs `unsafe` (forwarding to `System`).
#![allow(unsafe_code)]

use rolegate::{Engine, Snapshot};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// Bytes in use now, and the most since [`Counting::reset`].
struct Counting {
    now: AtomicUsize,
    peak: AtomicUsize,
}

// SAFETY: every call is forwarded to `System`; the counters are only
// arithmetic on the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = self.now.fetch_add(layout.size(), Relaxed) + layout.size();
        self.peak.fetch_max(now, Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.now.fetch_sub(layout.size(), Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let now = if new >= layout.size() {
            self.now.fetch_add(new - layout.size(), Relaxed) + (new - layout.size())
        } else {
            self.now.fetch_sub(layout.size() - new, Relaxed) - (layout.size() - new)
        };
        self.peak.fetch_max(now, Relaxed);
        // SAFETY: forwarded as given.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting {
    now: AtomicUsize::new(0),
    peak: AtomicUsize::new(0),
};

/// What loading a snapshot took.
#[derive(Debug, Clone, Copy)]
struct Cost {
    loaded: bool,
    time: Duration,
    /// Peak bytes in use during the load, beyond those in use before it.
    memory: usize,
}

fn load(json: &str) -> Cost {
    let mut best = Duration::MAX;
    let mut memory = 0;
    let mut loaded = false;
    for _ in 0..3 {
        let before = ALLOC.now.load(Relaxed);
        ALLOC.peak.store(before, Relaxed);
        let start = Instant::now();
        // `from_json` without its first step, which makes sure that
        // `MEMORY_PER_BYTE` times the size is free (and would count as used).
        let result = Snapshot::from_json(json).and_then(Engine::from_snapshot);
        best = best.min(start.elapsed());
        memory = ALLOC.peak.load(Relaxed) - before;
        loaded = result.is_ok();
        drop(result);
    }
    Cost {
        loaded,
        time: best,
        memory,
    }
}

/// An ordinary org of at least `bytes` bytes: 40 permissions, 8 roles,
/// 50 teams, users with a manager, a team and two roles.
fn plain(bytes: usize) -> String {
    let perms: Vec<String> = (0..40)
        .map(|i| {
            format!(
                r#"{{"id":"area{}.action{i}","label":"Action {i}","record":true}}"#,
                i % 7
            )
        })
        .collect();
    let roles: Vec<String> = (0..8)
        .map(|r| {
            let a = (r + 1) % 7;
            format!(
                r#"{{"id":"role{r}","label":"Role {r}","grants":[{{"permission":"area{}.*","scope":["own","team"]}},{{"permission":"area{a}.action{}"}}]}}"#,
                r % 7,
                a + 7
            )
        })
        .collect();
    let teams: Vec<String> = (0..50)
        .map(|t| format!(r#"{{"id":"team{t}","label":"Team {t}","managers":["user{t}"]}}"#))
        .collect();
    let mut json = format!(
        r#"{{"model":{{"permissions":[{}],"roles":[{}]}},"org":{{"teams":[{}],"users":["#,
        perms.join(","),
        roles.join(","),
        teams.join(",")
    );
    let mut i = 0;
    while json.len() < bytes {
        if i > 0 {
            json.push(',');
        }
        let manager = match i {
            0 => String::new(),
            _ => format!(r#","manager":"user{}""#, (i - 1) / 8),
        };
        json.push_str(&format!(
            r#"{{"id":"user{i}","name":"User number {i}"{manager},"teams":["team{}"],"roles":[{{"role":"role{}"}},{{"role":"role{}"}}]}}"#,
            i % 50,
            i % 8,
            (i + 3) % 8
        ));
        i += 1;
    }
    json.push_str("]}}");
    json
}

fn snapshot(perms: usize, roles: &[String], users: &[String], extra_model: &str) -> String {
    let perms: Vec<String> = (0..perms).map(|i| format!(r#"{{"id":"p{i}"}}"#)).collect();
    format!(
        r#"{{"model":{{"permissions":[{}],"roles":[{}]{extra_model}}},"org":{{"users":[{}]}}}}"#,
        perms.join(","),
        roles.join(","),
        users.join(",")
    )
}

/// Included by `n` roles, one role with 100 `*` grants, over `perms` permissions.
fn wildcards_included(n: usize, perms: usize) -> String {
    let base = format!(
        r#"{{"id":"base","grants":[{}]}}"#,
        vec![r#"{"permission":"*"}"#; 100].join(",")
    );
    let mut roles = vec![base];
    roles.extend((1..n).map(|i| format!(r#"{{"id":"r{i}","includes":["base"]}}"#)));
    snapshot(
        perms,
        &roles,
        &[r#"{"id":"a","roles":[{"role":"r1"}]}"#.into()],
        "",
    )
}

fn toggle_for_everyone() -> String {
    let toggle = format!(
        r#","toggles":[{{"id":"all","grants":[{}]}}]"#,
        vec![r#"{"permission":"*"}"#; 100].join(",")
    );
    let users: Vec<String> = (0..20_000)
        .map(|i| format!(r#"{{"id":"u{i}","toggles":["all"]}}"#))
        .collect();
    snapshot(1000, &[r#"{"id":"r"}"#.into()], &users, &toggle)
}

fn many_roles(n: usize) -> String {
    let mut roles: Vec<String> = (0..n).map(|i| format!(r#"{{"id":"r{i}"}}"#)).collect();
    roles[0] = r#"{"id":"r0","assigns":["*"],"grants":[{"permission":"*"}]}"#.into();
    let users = [r#"{"id":"boss","roles":[{"role":"r0"}]}"#.to_owned()];
    snapshot(1, &roles, &users, "")
}

fn include_chain(n: usize) -> String {
    let roles: Vec<String> = (0..n)
        .map(|i| match i + 1 == n {
            true => format!(r#"{{"id":"r{i}"}}"#),
            false => format!(r#"{{"id":"r{i}","includes":["r{}"]}}"#, i + 1),
        })
        .collect();
    snapshot(1, &roles, &[], "")
}

fn restrictions(n: usize) -> String {
    let list: Vec<String> = (0..n)
        .map(|i| {
            format!(r#"{{"id":"x{i}","permissions":["*"],"when":{{"attr":"org.lock","eq":true}},"message":"locked"}}"#)
        })
        .collect();
    let extra = format!(r#","restrictions":[{}]"#, list.join(","));
    snapshot(10, &[r#"{"id":"r"}"#.into()], &[], &extra)
}

/// `n` user ids of 65 bytes that all have the same FxHash (rustc-hash 2,
/// the hasher of rolegate's name tables until the audit): the first 16 bytes
/// vary, and bytes 32 to 40 cancel the state they leave, so the rest of the
/// hash is the same for all (the audit's construction).
fn fxhash_colliding_ids(n: usize) -> Vec<String> {
    const SEED1: u64 = 0x243f_6a88_85a3_08d3;
    const ZERO_COLLAPSE: u64 = 0xa409_3822_299f_31d0;
    let mix = |x: u64, y: u64| {
        let full = u128::from(x) * u128::from(y);
        (full as u64) ^ ((full >> 64) as u64)
    };
    let mut ids = Vec::with_capacity(n);
    let mut counter: u64 = 0;
    while ids.len() < n {
        counter += 1;
        // Bytes 0-15: a counter written in 16 letters.
        let head: Vec<u8> = (0..16)
            .map(|i| b'a' + ((counter >> (i * 4)) & 15) as u8)
            .collect();
        let word = |at: usize| u64::from_le_bytes(head[at..at + 8].try_into().unwrap());
        let cancel = mix(SEED1 ^ word(0), ZERO_COLLAPSE ^ word(8)).to_le_bytes();
        // Bytes 32-39 must be text: ASCII (written as JSON escapes below).
        if !cancel.is_ascii() {
            continue;
        }
        let mut id = head;
        id.extend_from_slice(b"-the-same-sixteen");
        id.truncate(32);
        id.extend_from_slice(&cancel);
        id.extend_from_slice(b"-and-the-same-twenty-five");
        id.truncate(65);
        ids.push(String::from_utf8(id).unwrap());
    }
    ids
}

#[test]
fn the_audit_ids_collide_under_fxhash() {
    let ids = fxhash_colliding_ids(50);
    let hasher = rustc_hash::FxBuildHasher;
    let first = hasher.hash_one(&ids[0]);
    assert!(ids
        .iter()
        .all(|id| id.len() == 65 && hasher.hash_one(id) == first));
}

/// `text` as a JSON string.
fn rolegate_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Lists of the smallest items each list of a snapshot takes.
fn tiny_items(list: &str, n: usize) -> String {
    let items: Vec<String> = (0..n).map(|i| format!(r#"{{"id":"x{i}"}}"#)).collect();
    let items = items.join(",");
    match list {
        "permissions" => snapshot(0, &[], &[], "").replace(
            r#""permissions":[]"#,
            &format!(r#""permissions":[{items}]"#),
        ),
        "users" => snapshot(1, &[], &[items], ""),
        "teams" => {
            let teams: Vec<String> = (0..n).map(|i| format!(r#""x{i}""#)).collect();
            let user = format!(r#"{{"id":"u","teams":[{}]}}"#, teams.join(","));
            snapshot(1, &[], &[user], "")
                .replace(r#""org":{"#, &format!(r#""org":{{"teams":[{items}],"#))
        }
        _ => snapshot(1, &[items], &[], ""),
    }
}

/// `n` malformed users (left out), then `n` users each with a type error
/// and an unknown manager: `2 * n` problems to put at the right paths.
fn problems_everywhere(n: usize) -> String {
    let mut users: Vec<String> = (0..n).map(|i| i.to_string()).collect();
    users.extend((0..n).map(|i| format!(r#"{{"id":"u{i}","name":5,"manager":"ghost{i}"}}"#)));
    snapshot(1, &[], &users, "")
}

fn colliding_users(n: usize) -> String {
    let users: Vec<String> = fxhash_colliding_ids(n)
        .into_iter()
        .map(|id| {
            let mut user = r#"{"id":"#.to_owned();
            rolegate_json_string(&mut user, &id);
            user + "}"
        })
        .collect();
    snapshot(1, &[r#"{"id":"r"}"#.into()], &users, "")
}

/// How many times the plain snapshot's time and memory a shape may take.
const TIME_FACTOR: u32 = 10;
const MEMORY_FACTOR: usize = 8;
/// Below this, times are too short to compare.
const TIME_FLOOR: Duration = Duration::from_millis(20);

#[test]
fn every_shape_costs_what_its_size_costs_or_is_rejected() {
    let shapes: Vec<(&str, String, bool)> = vec![
        (
            "100 wildcards included by 1,000 roles",
            wildcards_included(1000, 1000),
            false,
        ),
        (
            "100 wildcards included by 400 roles",
            wildcards_included(400, 400),
            false,
        ),
        (
            "a 100-wildcard toggle held by 20,000 users",
            toggle_for_everyone(),
            false,
        ),
        ("200,000 roles assigning", many_roles(200_000), true),
        ("100,000 roles", many_roles(100_000), true),
        (
            "an include chain of 10,000 roles",
            include_chain(10_000),
            false,
        ),
        ("100,000 restrictions", restrictions(100_000), false),
        (
            "20,000 user ids colliding under FxHash",
            colliding_users(20_000),
            true,
        ),
        (
            "100,000 problems after 50,000 items left out",
            problems_everywhere(50_000),
            false,
        ),
        (
            "100,000 tiny permissions",
            tiny_items("permissions", 100_000),
            true,
        ),
        ("100,000 tiny roles", tiny_items("roles", 100_000), true),
        ("100,000 tiny users", tiny_items("users", 100_000), true),
        ("100,000 tiny teams", tiny_items("teams", 100_000), true),
    ];
    let mut failures = Vec::new();
    for (name, json, loads) in &shapes {
        let shape = load(json);
        let plain = load(&plain(json.len()));
        assert!(
            plain.loaded,
            "the plain snapshot of {} bytes loads",
            json.len()
        );
        eprintln!(
            "{name}: {} KB, {} in {:?} and {} KB (plain: {:?} and {} KB)",
            json.len() / 1000,
            if shape.loaded { "loaded" } else { "rejected" },
            shape.time,
            shape.memory / 1000,
            plain.time,
            plain.memory / 1000
        );
        if shape.loaded != *loads {
            failures.push(format!("{name}: loaded is {}", shape.loaded));
        }
        if shape.time > TIME_FLOOR.max(plain.time * TIME_FACTOR) {
            failures.push(format!("{name}: {:?} against {:?}", shape.time, plain.time));
        }
        if shape.memory > plain.memory * MEMORY_FACTOR {
            failures.push(format!(
                "{name}: {} bytes against {}",
                shape.memory, plain.memory
            ));
        }
        // What the load made sure was free before it started.
        if shape.memory > json.len() * rolegate::MEMORY_PER_BYTE {
            failures.push(format!(
                "{name}: {} bytes for {} of JSON",
                shape.memory,
                json.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
