//! Loads a small snapshot and asks a few questions: `cargo run --example quickstart`.

use rolegate::{Context, Engine, Record};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let gate = Engine::from_json(
        r#"{
          "model": {
            "permissions": [
              {"id": "calls.view", "record": true},
              {"id": "calls.record", "seat": "recorder"},
              {"id": "settings.edit"}
            ],
            "seats": [{"id": "recorder", "label": "Recording licence"}],
            "roles": [
              {"id": "admin", "label": "Admin", "grants": [{"permission": "*"}]},
              {"id": "recorder", "label": "Recorder", "seat": "recorder",
               "grants": [{"permission": "calls.record"}, {"permission": "calls.view", "scope": ["own"]}]}
            ]
          },
          "org": {
            "seats": {"recorder": 1},
            "users": [
              {"id": "ada", "roles": [{"role": "admin"}]},
              {"id": "bo", "roles": [{"role": "recorder"}]}
            ]
          }
        }"#,
    )?;
    let here = Context::default();
    assert!(gate.can("ada", "settings.edit", &here));
    // A wildcard never covers a seat-bound permission.
    let why = gate.explain("ada", "calls.record", &here);
    println!(
        "ada calls.record: {} ({:?}: {})",
        why.allowed, why.code, why.message
    );
    let bo = gate.user("bo");
    let own = Context::of(Record::owned_by("bo"));
    let other = Context::of(Record::owned_by("ada"));
    println!(
        "bo views own call: {}, ada's call: {}",
        bo.can("calls.view", &own),
        bo.can("calls.view", &other)
    );
    println!("bo: {:?}", bo.explain("calls.view", &other).message);
    println!("seats: {:?}", gate.seats());
    Ok(())
}
