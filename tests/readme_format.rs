//! The snapshot format example in the README loads and behaves as described.

use rolegate::{Code, Context, Engine, Record};

fn readme_snapshot() -> Engine {
    let readme = include_str!("../README.md");
    let start = readme.find("```json\n").map(|i| i + 8).unwrap_or(0);
    let len = readme.get(start..).and_then(|r| r.find("```")).unwrap_or(0);
    let json = readme.get(start..start + len).unwrap_or("");
    match Engine::from_json(json) {
        Ok(e) => e,
        Err(e) => panic!("the README's snapshot example does not load: {e}"),
    }
}

#[test]
fn readme_format_example_loads_and_decides() {
    let gate = readme_snapshot();
    let none = Context::default();
    assert!(gate.warnings().is_empty());
    // The owner includes admin, and sets up the CRM.
    assert!(gate.can("olu", "settings.crm", &none));
    assert!(gate.can("olu", "users.manage", &none));
    // Admin at London applies at London only.
    let london = Context::at_unit("london");
    let hq = Context::at_unit("hq");
    assert!(gate.can("mo", "calls.view", &london));
    let e = gate.explain("mo", "hierarchy.edit", &hq);
    assert!(!e.allowed);
    // Team calls are private: the owner (admin) cannot see a Sales call of rae.
    let sales_call = Context::of(Record::owned_by("rae").team("sales"));
    let e = gate.explain("olu", "calls.view", &sales_call);
    assert_eq!(e.code, Code::Restricted);
    assert_eq!(
        e.message,
        "restricted: calls of team Sales are private to the team"
    );
    // rae records (seat) and sees her own call; the toggle gives hierarchy.edit.
    assert!(gate.can("rae", "calls.record", &none));
    assert!(gate.can("rae", "calls.view", &sales_call));
    assert!(gate.can("rae", "hierarchy.edit", &none));
    assert_eq!(
        gate.seats().first().map(|s| (s.used, s.purchased)),
        Some((1, Some(10)))
    );
}
