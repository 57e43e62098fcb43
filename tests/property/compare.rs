//! The comparison: every check of a snapshot, engine against reference.

use crate::reference::{Decision, Reference};
use crate::shapes::GHOST;
use rolegate::{Code, Context, Engine, Snapshot};
use std::collections::BTreeMap;

fn describe(ctx: &Context) -> String {
    serde_json::to_string(ctx).unwrap_or_default()
}

/// What a check must answer: the reference's decision; without a record
/// ("on some record", which `a_check_without_a_record_is_allowed_when_some_
/// record_is` checks against every record), the reference's only for an
/// unknown name, else the engine's own explanation, which every other way
/// of asking must agree with.
fn expected(r: &Reference<'_>, e: &Engine, user: &str, perm: &str, ctx: &Context) -> Decision {
    let want = r.decide(user, perm, ctx);
    let unknown = matches!(
        want.code,
        Code::UnknownUser | Code::UnknownPermission | Code::UnknownContext
    );
    if ctx.record.is_some() || unknown {
        return want;
    }
    let x = e.explain(user, perm, ctx);
    Decision {
        code: x.code,
        restriction: x.restriction.filter(|_| x.code == Code::Restricted),
    }
}

/// Compares every check of `s` in each context; the error names the first mismatch.
pub(crate) fn compare(
    e: &Engine,
    s: &Snapshot,
    ctxs: &[Context],
    codes: &mut BTreeMap<&'static str, u64>,
    hits: &mut BTreeMap<&'static str, u64>,
) -> Result<(), String> {
    let r = Reference::new(s);
    let mut users: Vec<&str> = s.org.users.iter().map(|u| u.id.as_str()).collect();
    users.push(GHOST);
    let mut perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).collect();
    perms.push("calls.nope");
    let fail = |what: &str, user: &str, perm: &str, ctx: &Context, want: String, got: String| {
        format!(
            "{what} mismatch for user `{user}`, permission `{perm}`, context {}\n  reference: {want}\n  engine:    {got}\n  snapshot: {}",
            describe(ctx),
            serde_json::to_string(s).unwrap_or_default()
        )
    };
    for ctx in ctxs {
        let c = ctx;
        let prepared = e.prepare(c);
        for &user in &users {
            let gate = e.user(user);
            let mut allowed = Vec::new();
            for &perm in &perms {
                let want = expected(&r, e, user, perm, ctx);
                *codes.entry(want.code.as_str()).or_default() += 1;
                let granted = want.code == Code::Granted;
                let can = e.can(user, perm, c);
                if can != granted {
                    return Err(fail(
                        "can",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{can}"),
                    ));
                }
                let x = e.explain(user, perm, c);
                let got = Decision {
                    code: x.code,
                    restriction: x.restriction.clone().filter(|_| x.code == Code::Restricted),
                };
                if got != want || x.allowed != granted {
                    return Err(fail(
                        "explain",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{x:?}"),
                    ));
                }
                if x.message.is_empty() {
                    return Err(fail(
                        "explain message",
                        user,
                        perm,
                        ctx,
                        "words".into(),
                        format!("{x:?}"),
                    ));
                }
                if gate.can(perm, c) != granted {
                    return Err(fail(
                        "user(..).can",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{}", !granted),
                    ));
                }
                let gx = gate.explain(perm, c);
                if gx.code != want.code || gx.allowed != granted {
                    return Err(fail(
                        "user(..).explain",
                        user,
                        perm,
                        ctx,
                        format!("{want:?}"),
                        format!("{gx:?}"),
                    ));
                }
                if let (Some(ui), Some(pi)) = (e.user_index(user), e.permission_index(perm)) {
                    if e.check(ui, pi, &prepared) != granted || gate.check(pi, &prepared) != granted
                    {
                        return Err(fail(
                            "check",
                            user,
                            perm,
                            ctx,
                            format!("{want:?}"),
                            format!("{}", !granted),
                        ));
                    }
                }
                if granted && perm != "calls.nope" {
                    allowed.push(perm);
                }
            }
            let listed = e.permissions(user, c);
            if listed != allowed || gate.permissions(c) != allowed {
                return Err(fail(
                    "permissions",
                    user,
                    "*",
                    ctx,
                    format!("{allowed:?}"),
                    format!("{listed:?}"),
                ));
            }
        }
    }
    for (k, n) in r.hits.into_inner() {
        *hits.entry(k).or_default() += n;
    }
    Ok(())
}
