//! Slices: for every user of a random org, the client engine from that
//! user's slice answers as the full engine, on every context: records owned
//! by anyone (in the slice or not), unknown permissions, and names no org
//! has (which a slice, not knowing the org's other names, decides as someone
//! out of the user's reach: its answer is the full engine's for one of them).

use crate::shapes::GHOST;
use rolegate::{ClientGate, Context, Engine, Snapshot};

/// The context with every name `GHOST` replaced by `name`.
fn replaced(ctx: &Context, name: &str) -> Context {
    let swap = |n: &Option<String>| {
        n.as_ref().map(|x| {
            if x == GHOST {
                name.to_owned()
            } else {
                x.clone()
            }
        })
    };
    let mut c = ctx.clone();
    c.unit = swap(&ctx.unit);
    c.team = swap(&ctx.team);
    if let Some(r) = c.record.as_mut() {
        r.owner = swap(&r.owner);
        r.team = swap(&r.team);
        r.unit = swap(&r.unit);
    }
    c
}

fn ghosts(ctx: &Context) -> usize {
    let is = |n: &Option<String>| usize::from(n.as_deref() == Some(GHOST));
    let r = ctx.record.as_ref();
    is(&ctx.unit) + is(&ctx.team) + r.map_or(0, |r| is(&r.owner) + is(&r.team) + is(&r.unit))
}

/// Whether `got` differs from `want` only in how a restriction's message
/// names a team or unit the slice does not hold (by the id the check gave,
/// or not at all for the team of an owner out of reach, not by its label).
fn labels_only(s: &Snapshot, got: &rolegate::Explanation, want: &rolegate::Explanation) -> bool {
    // (The words of a restriction appear in denials and in "on some records
    // only" answers.)
    let names_place = s
        .model
        .restrictions
        .iter()
        .any(|r| r.message.contains("{team}") || r.message.contains("{unit}"));
    let same = rolegate::Explanation {
        message: want.message.clone(),
        ..got.clone()
    };
    names_place && same == *want
}

/// Compares every user's slice with `e` on `ctxs`; counts the checks made.
pub(crate) fn compare_slices(e: &Engine, s: &Snapshot, ctxs: &[Context]) -> Result<u64, String> {
    let mut perms: Vec<&str> = s.model.permissions.iter().map(|p| p.id.as_str()).collect();
    perms.push("calls.nope");
    let all_names: Vec<&str> = s
        .org
        .users
        .iter()
        .map(|u| u.id.as_str())
        .chain(s.org.teams.iter().map(|t| t.id.as_str()))
        .chain(s.org.units.iter().map(|t| t.id.as_str()))
        .collect();
    let mut checks = 0;
    for user in &s.org.users {
        crate::privacy::private(e, s, &user.id);
        let bytes = e.slice(&user.id).map_err(|x| x.to_string())?;
        let client = ClientGate::from_bytes(&bytes).map_err(|x| format!("{x}"))?;
        if client.id() != user.id {
            return Err(format!(
                "slice of `{}` decides for `{}`",
                user.id,
                client.id()
            ));
        }
        for ctx in ctxs {
            let ghosts = ghosts(ctx);
            if ghosts > 1 {
                continue;
            }
            for &perm in &perms {
                checks += 1;
                let got = client.explain(perm, ctx);
                let want = e.explain(&user.id, perm, ctx);
                let fail = |want: &dyn std::fmt::Debug| {
                    format!(
                        "slice of `{}` differs on `{perm}` in {}\n  full:  {want:?}\n  slice: {got:?}\n  snapshot: {}",
                        user.id,
                        serde_json::to_string(ctx).unwrap_or_default(),
                        serde_json::to_string(s).unwrap_or_default()
                    )
                };
                if ghosts == 0 {
                    if got != want && !labels_only(s, &got, &want) {
                        return Err(fail(&want));
                    }
                    if client.can(perm, ctx) != want.allowed {
                        return Err(fail(&"can() differs from explain().allowed"));
                    }
                    let prepared = client.prepare(ctx);
                    if client.check(perm, &prepared) != want.allowed {
                        return Err(fail(&"a prepared check differs"));
                    }
                } else if got != want
                    && !all_names.iter().any(|n| {
                        let w = e.explain(&user.id, perm, &replaced(ctx, n));
                        w == got || labels_only(s, &got, &w)
                    })
                {
                    return Err(fail(&want));
                }
            }
            if ghosts == 0 && client.permissions(ctx) != e.permissions(&user.id, ctx) {
                return Err(format!("permissions() differ for `{}`", user.id));
            }
        }
    }
    Ok(checks)
}
