//! Loads a generated org of about 20,000 users and times loading and checks:
//! `cargo run --release --example scale`. A rough native figure; the
//! benchmark in `bench/` is the reference.

use rolegate::{Context, Engine, Record};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let managers = 400;
    let reps = 50;
    let mut users = vec![r#"{"id":"u0","roles":[{"role":"admin"}],"teams":["t0"]}"#.to_owned()];
    let mut teams = vec![r#"{"id":"t0","managers":["u0"]}"#.to_owned()];
    let mut n = 1;
    for m in 0..managers {
        let mid = n;
        n += 1;
        teams.push(format!(r#"{{"id":"t{mid}","managers":["u{mid}"]}}"#));
        users.push(format!(
            r#"{{"id":"u{mid}","manager":"u0","teams":["t0"],"roles":[{{"role":"manager"}}]}}"#
        ));
        for _ in 0..reps {
            users.push(format!(r#"{{"id":"u{n}","manager":"u{mid}","teams":["t{mid}"],"roles":[{{"role":"rep"}}]}}"#));
            n += 1;
        }
        let _ = m;
    }
    let json = format!(
        r#"{{"model":{{"permissions":[{{"id":"pins.view","record":true}},{{"id":"pins.edit","record":true}},{{"id":"reports.export"}},{{"id":"users.invite"}}],
        "roles":[{{"id":"admin","grants":[{{"permission":"*"}}]}},
                 {{"id":"manager","grants":[{{"permission":"pins.*","scope":["own","subordinates"]}},{{"permission":"users.invite"}}]}},
                 {{"id":"rep","grants":[{{"permission":"pins.view","scope":["own","peers"]}},{{"permission":"pins.edit","scope":["own"]}}]}}],
        "restrictions":[{{"id":"restricted","permissions":["pins.view"],"when":{{"attr":"record.restricted","eq":true}},"unless":{{"scope":["team"]}},"message":"restricted pin"}}]}},
        "org":{{"teams":[{}],"users":[{}]}}}}"#,
        teams.join(","),
        users.join(",")
    );
    let loads: u32 = std::env::var("LOADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let t = Instant::now();
    let mut gate = Engine::from_json(&json)?;
    for _ in 1..loads {
        gate = Engine::from_json(&json)?;
    }
    println!(
        "{} users, {} KB: load {:?}",
        n,
        json.len() / 1024,
        t.elapsed() / loads
    );
    let u = gate.user("u5");
    let p = gate.permission_index("pins.view").unwrap_or(u32::MAX);
    let none = gate.prepare(&Context::default());
    let iters: u32 = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000_000);
    let t = Instant::now();
    let mut yes = 0u32;
    for _ in 0..iters {
        yes += u32::from(u.check(p, &none));
    }
    println!(
        "plain check: {:.1} ns ({yes})",
        t.elapsed().as_nanos() as f64 / f64::from(iters)
    );
    let attrs = std::collections::BTreeMap::from([(
        "restricted".to_owned(),
        rolegate::snapshot::AttrValue::Bool(true),
    )]);
    let ctx = Context::of(Record {
        owner: Some("u7".into()),
        attributes: attrs,
        ..Record::default()
    });
    let t = Instant::now();
    yes = 0;
    for _ in 0..iters {
        yes += u32::from(u.can("pins.view", &ctx));
    }
    println!(
        "record check with restriction: {:.1} ns ({yes})",
        t.elapsed().as_nanos() as f64 / f64::from(iters)
    );
    let prepared = gate.prepare(&ctx);
    let ui = u.index();
    let t = Instant::now();
    yes = 0;
    for _ in 0..iters {
        yes += u32::from(gate.check(ui, p, &prepared));
    }
    println!(
        "prepared record check with restriction: {:.1} ns ({yes})",
        t.elapsed().as_nanos() as f64 / f64::from(iters)
    );
    Ok(())
}
