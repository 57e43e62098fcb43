//! Slices in wasm (Node, headless Chromium and headless Firefox): the JS
//! binding's `slice` of every user of the sample organisations, read back by
//! the client engine, decides as the full engine on every unit, team and
//! owner; a damaged image is an error, never a trap.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::wasm::Gate;
use rolegate::{ClientGate, Context, Engine, Record, SliceError};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const ORGS: [(&str, &str); 4] = [
    ("jiminny", include_str!("../www/orgs/jiminny.json")),
    ("jrni", include_str!("../www/orgs/jrni.json")),
    ("modjo", include_str!("../www/orgs/modjo.json")),
    ("spotio", include_str!("../www/orgs/spotio.json")),
];

fn contexts(e: &Engine) -> Vec<Context> {
    let s = e.snapshot();
    let mut out = vec![Context::default()];
    out.extend(s.org.units.iter().map(|u| Context::at_unit(u.id.clone())));
    out.extend(s.org.teams.iter().map(|t| Context::for_team(t.id.clone())));
    for (i, u) in s.org.users.iter().enumerate() {
        out.push(Context::of(Record::owned_by(u.id.clone())));
        if let Some(t) = s.org.teams.get(i % s.org.teams.len().max(1)) {
            out.push(Context::of(
                Record::owned_by(u.id.clone()).team(t.id.clone()),
            ));
        }
    }
    out
}

#[wasm_bindgen_test]
fn every_users_slice_decides_as_the_full_engine() {
    for (name, text) in ORGS {
        let gate = Gate::from_json(text).unwrap_or_else(|_| panic!("{name} loads"));
        let e = Engine::from_json(text).unwrap();
        let ctxs = contexts(&e);
        for user in &e.snapshot().org.users {
            let bytes = gate.slice(JsValue::from_str(&user.id)).unwrap();
            let me = ClientGate::from_bytes(&bytes).unwrap();
            for ctx in &ctxs {
                for p in &e.snapshot().model.permissions {
                    let want = e.explain(&user.id, &p.id, ctx);
                    assert_eq!(
                        me.explain(&p.id, ctx),
                        want,
                        "{name}: {} on {}",
                        user.id,
                        p.id
                    );
                }
            }
        }
    }
}

#[wasm_bindgen_test]
fn a_damaged_slice_is_an_error() {
    let gate = Gate::from_json(ORGS[3].1).unwrap();
    let e = Engine::from_json(ORGS[3].1).unwrap();
    let user = &e.snapshot().org.users[0].id;
    let bytes = gate.slice(JsValue::from_str(user)).unwrap();
    let cut = &bytes[..bytes.len() / 2];
    assert!(matches!(
        ClientGate::from_bytes(cut),
        Err(SliceError::Truncated { .. })
    ));
    let mut bad = bytes.clone();
    let last = bad.len() - 9;
    bad[last] ^= 0x40;
    assert_eq!(
        ClientGate::from_bytes(&bad).unwrap_err(),
        SliceError::Corrupt
    );
    assert!(gate.slice(JsValue::from_str("no-such-user")).is_err());
}
