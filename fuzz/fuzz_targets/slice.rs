//! Slices: a snapshot (the input up to its first NUL byte) that loads is
//! sliced for a few of its users, and each slice must decide as the full
//! engine; the rest of the input then rewrites bytes of a slice's body (pairs
//! of position and value), which is framed again with a valid checksum so the
//! reader gets past it: whatever it holds, reading is a `SliceError` or a
//! client whose decisions never panic. Raw input bytes are read as an image
//! too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolegate::{ClientGate, Context, Engine, Record, SLICE_VERSION};

/// The image format (README, "Serving slices"): magic, version, flags,
/// fingerprint, body length, body, CRC-32 of all that.
fn frame(fingerprint: u64, body: &[u8]) -> Vec<u8> {
    let mut out = b"RGSL".to_vec();
    out.push(SLICE_VERSION);
    out.push(0);
    out.extend_from_slice(&fingerprint.to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Contexts of the snapshot's own names (a slice decides as the full
/// engine on these; a name no org has is someone out of reach to a slice).
fn contexts(e: &Engine) -> Vec<Context> {
    let s = e.snapshot();
    let mut out = vec![Context::default()];
    out.extend(s.org.units.first().map(|u| Context::at_unit(u.id.clone())));
    out.extend(s.org.teams.first().map(|t| Context::for_team(t.id.clone())));
    for u in s.org.users.iter().take(4) {
        let mut r = Record::owned_by(u.id.clone()).attribute("status", "open");
        if let Some(t) = s.org.teams.last() {
            r = r.team(t.id.clone());
        }
        out.push(Context::of(r));
    }
    out
}

/// Contexts naming what no org has.
fn strangers() -> Vec<Context> {
    vec![Context::at_unit("nowhere"), Context::of(Record::owned_by("ghost").team("nobody"))]
}

/// Every decision of a client, on every context: nothing panics, and `can`
/// agrees with `explain`.
fn exercise(me: &ClientGate, perms: &[&str], ctxs: &[Context]) {
    for ctx in ctxs {
        let _ = me.permissions(ctx);
        let prepared = me.prepare(ctx);
        for &p in perms {
            let allowed = me.explain(p, ctx).allowed;
            assert_eq!(me.can(p, ctx), allowed);
            assert_eq!(me.check(p, &prepared), allowed);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let _ = ClientGate::from_bytes(data);
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let Ok(text) = std::str::from_utf8(&data[..split]) else { return };
    let Ok(engine) = Engine::from_json(text) else { return };
    let s = engine.snapshot();
    let perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).take(12).chain(["nope"]).collect();
    let ctxs = contexts(&engine);
    let edits = data.get(split + 1..).unwrap_or_default();
    for user in s.org.users.iter().take(3) {
        let bytes = engine.slice(&user.id).expect("a user of the snapshot has a slice");
        let me = ClientGate::from_bytes(&bytes).expect("a fresh slice reads");
        exercise(&me, &perms, &strangers());
        for ctx in &ctxs {
            for &p in &perms {
                assert_eq!(me.explain(p, ctx), engine.explain(&user.id, p, ctx), "{} {p} {ctx:?}", user.id);
            }
        }
        if edits.len() < 2 {
            continue;
        }
        // The body, rewritten by the input, framed with a valid checksum.
        let mut body = bytes[18..bytes.len() - 4].to_vec();
        for pair in edits.chunks_exact(2) {
            if body.is_empty() {
                break;
            }
            let at = (pair[0] as usize * 131 + body.len() / 2) % body.len();
            body[at] = pair[1];
        }
        if let Ok(mutant) = ClientGate::from_bytes(&frame(engine.fingerprint(), &body)) {
            exercise(&mutant, &perms, &ctxs);
            exercise(&mutant, &perms, &strangers());
        }
    }
});
