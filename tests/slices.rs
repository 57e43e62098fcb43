//! Slices of the four sample organisations: every user's slice decides as
//! the full engine on a grid of contexts (every unit, team and owner, the
//! record attributes the model's conditions test), holds nothing private of
//! anyone else, and every damaged image is a `SliceError`, never a panic.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rolegate::snapshot::AttrValue;
use rolegate::{ClientGate, Context, Engine, Record, SliceError, Snapshot, SLICE_VERSION};
use serde_json::Value;

#[path = "common/privacy.rs"]
mod privacy;
use privacy::private;

const ORGS: [(&str, &str); 4] = [
    ("spotio", include_str!("../www/orgs/spotio.json")),
    ("jrni", include_str!("../www/orgs/jrni.json")),
    ("jiminny", include_str!("../www/orgs/jiminny.json")),
    ("modjo", include_str!("../www/orgs/modjo.json")),
];

/// Every `record.<key>` a condition of the model tests, with the values it
/// compares with.
fn record_tests(v: &Value, out: &mut Vec<(String, AttrValue)>) {
    match v {
        Value::Object(m) => {
            if let Some(key) = m
                .get("attr")
                .and_then(Value::as_str)
                .and_then(|a| a.strip_prefix("record."))
            {
                let values = m.get("eq").into_iter().chain(
                    m.get("oneOf")
                        .and_then(Value::as_array)
                        .into_iter()
                        .flatten(),
                );
                for value in values {
                    let value = match value {
                        Value::Bool(b) => AttrValue::Bool(*b),
                        Value::Number(n) => AttrValue::Num(n.as_f64().unwrap()),
                        Value::String(s) => AttrValue::Str(s.clone()),
                        _ => continue,
                    };
                    out.push((key.to_owned(), value));
                }
            }
            m.values().for_each(|x| record_tests(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| record_tests(x, out)),
        _ => {}
    }
}

/// The grid of contexts a slice is compared on.
fn contexts(s: &Snapshot, text: &str) -> Vec<Context> {
    let doc: Value = serde_json::from_str(text).unwrap();
    let mut tests = Vec::new();
    record_tests(&doc["model"], &mut tests);
    let units: Vec<Option<String>> = std::iter::once(None)
        .chain(s.org.units.iter().map(|u| Some(u.id.clone())))
        .collect();
    let teams: Vec<Option<String>> = std::iter::once(None)
        .chain(s.org.teams.iter().map(|t| Some(t.id.clone())))
        .collect();
    let mut out = vec![Context::default()];
    out.extend(units.iter().flatten().map(|u| Context::at_unit(u.clone())));
    out.extend(teams.iter().flatten().map(|t| Context::for_team(t.clone())));
    for (i, owner) in s.org.users.iter().enumerate() {
        let mut record = Record::owned_by(owner.id.clone());
        // Some records of a team, at a unit, and with each tested attribute.
        if let Some(Some(t)) = teams.get(1 + i % (teams.len().max(2) - 1)) {
            if i % 3 == 1 {
                record = record.team(t.clone());
            }
        }
        if let Some(Some(u)) = units.get(1 + i % (units.len().max(2) - 1)) {
            if i % 4 == 2 {
                record = record.unit(u.clone());
            }
        }
        out.push(Context::of(record.clone()));
        for (k, v) in tests.iter().skip(i % 3).step_by(3) {
            out.push(Context::of(record.clone().attribute(k.clone(), v.clone())));
        }
        if let Some(Some(t)) = teams.get(1 + i % (teams.len().max(2) - 1)) {
            out.push(Context::for_team(t.clone()).on(record.clone()));
        }
    }
    // A record of nobody the org knows is someone out of reach (see README).
    out.push(Context::of(Record::owned_by("nobody-at-all")));
    out
}

#[test]
fn every_users_slice_decides_as_the_full_engine_on_the_sample_orgs() {
    for (name, text) in ORGS {
        let e = Engine::from_json(text).unwrap();
        let s = e.snapshot();
        let ctxs = contexts(s, text);
        let mut perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).collect();
        perms.push("no.such.permission");
        let mut checks = 0;
        for user in &s.org.users {
            let bytes = e.slice(&user.id).unwrap();
            let me = ClientGate::from_bytes(&bytes).unwrap();
            assert_eq!(me.id(), user.id);
            assert_eq!(me.fingerprint(), e.fingerprint());
            for ctx in &ctxs {
                let known =
                    ctx.record.as_ref().and_then(|r| r.owner.as_deref()) != Some("nobody-at-all");
                for &p in &perms {
                    let got = me.explain(p, ctx);
                    if known {
                        let want = e.explain(&user.id, p, ctx);
                        assert_eq!(got, want, "{name}: slice of {} on {p} in {ctx:?}", user.id);
                    } else {
                        assert!(
                            !got.allowed || e.can(&user.id, p, &Context::default()),
                            "{name}: {p} allowed on nobody's record"
                        );
                    }
                    assert_eq!(me.can(p, ctx), got.allowed);
                    checks += 1;
                }
                if known {
                    assert_eq!(
                        me.permissions(ctx),
                        e.permissions(&user.id, ctx),
                        "{name}: {}",
                        user.id
                    );
                }
            }
        }
        eprintln!(
            "{name}: {} users, {checks} checks agreed",
            s.org.users.len()
        );
    }
}

#[test]
fn a_slice_holds_nothing_private_of_anyone_else() {
    for (name, text) in ORGS {
        let e = Engine::from_json(text).unwrap();
        let s = e.snapshot();
        let mut looked = 0;
        for user in &s.org.users {
            looked += private(&e, s, &user.id);
        }
        eprintln!(
            "{name}: looked for {looked} strings in {} slices",
            s.org.users.len()
        );
    }
}

#[test]
fn a_slice_of_an_unknown_user_is_an_error() {
    let e = Engine::from_json(ORGS[0].1).unwrap();
    let err = e.slice("no-such-user").unwrap_err();
    assert_eq!(err, SliceError::UnknownUser("no-such-user".into()));
    assert!(err.to_string().contains("no-such-user"), "{err}");
}

#[test]
fn a_damaged_image_is_a_slice_error_never_a_panic() {
    let e = Engine::from_json(ORGS[0].1).unwrap();
    let user = &e.snapshot().org.users[0].id;
    let bytes = e.slice(user).unwrap();
    assert_eq!(
        ClientGate::from_bytes(&[]).unwrap_err(),
        SliceError::NotASlice
    );
    assert_eq!(
        ClientGate::from_bytes(b"{\"model\":{}}").unwrap_err(),
        SliceError::NotASlice
    );
    // Every truncation.
    for n in 1..bytes.len() {
        let err = ClientGate::from_bytes(&bytes[..n]).unwrap_err();
        assert!(
            matches!(err, SliceError::Truncated { .. }),
            "{n} bytes: {err:?}"
        );
    }
    // Another version.
    let mut other = bytes.clone();
    other[4] = SLICE_VERSION + 1;
    let err = ClientGate::from_bytes(&other).unwrap_err();
    assert_eq!(
        err,
        SliceError::Version {
            found: SLICE_VERSION + 1,
            supported: SLICE_VERSION
        }
    );
    assert!(err.to_string().contains("version"), "{err}");
    // Every single flipped bit after the version is caught by the checksum
    // (or the frame's length).
    for i in 5..bytes.len() {
        for bit in 0..8 {
            let mut bad = bytes.clone();
            bad[i] ^= 1 << bit;
            let err = ClientGate::from_bytes(&bad).unwrap_err();
            assert!(
                matches!(
                    err,
                    SliceError::Corrupt | SliceError::Truncated { .. } | SliceError::Malformed(_)
                ),
                "byte {i} bit {bit}: {err:?}"
            );
        }
    }
    // Bytes after the image.
    let mut long = bytes.clone();
    long.push(0);
    assert!(matches!(
        ClientGate::from_bytes(&long).unwrap_err(),
        SliceError::Malformed(_)
    ));
}

/// The image format, framed again around a rewritten body (the README's
/// "Serving slices" gives the layout).
fn reframe(image: &[u8], body: &[u8]) -> Vec<u8> {
    let mut out = image[..14].to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(body);
    let crc = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

#[test]
fn a_rewritten_body_with_a_valid_checksum_reads_or_fails_and_never_panics() {
    let mut read = 0;
    let mut failed = 0;
    for (_, text) in ORGS {
        let e = Engine::from_json(text).unwrap();
        let s = e.snapshot();
        let user = &s.org.users[s.org.users.len() / 2].id;
        let image = e.slice(user).unwrap();
        assert_eq!(
            ClientGate::from_bytes(&reframe(&image, &image[18..image.len() - 4]))
                .unwrap()
                .id(),
            user
        );
        let body = &image[18..image.len() - 4];
        let ctxs = [
            Context::default(),
            Context::of(Record::owned_by(s.org.users[0].id.clone())),
            Context::of(Record::owned_by("ghost").team("nobody")),
        ];
        for at in 0..body.len() {
            for value in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut bad = body.to_vec();
                bad[at] = value;
                match ClientGate::from_bytes(&reframe(&image, &bad)) {
                    Err(_) => failed += 1,
                    Ok(me) => {
                        read += 1;
                        for ctx in &ctxs {
                            for p in s.model.permissions.iter().take(4) {
                                assert_eq!(me.can(&p.id, ctx), me.explain(&p.id, ctx).allowed);
                            }
                            let _ = me.permissions(ctx);
                        }
                    }
                }
            }
        }
        // A body cut short or grown.
        assert!(ClientGate::from_bytes(&reframe(&image, &body[..body.len() - 1])).is_err());
        let mut longer = body.to_vec();
        longer.push(0);
        assert!(ClientGate::from_bytes(&reframe(&image, &longer)).is_err());
    }
    eprintln!("rewritten bodies: {read} read, {failed} refused");
}
