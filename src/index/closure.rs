//! The role-include closure: each role with every role it includes,
//! transitively, as one flat list. Its size can grow as the square of the
//! number of roles (a chain of includes), so it is built against a budget:
//! the work is bounded by the budget, whatever the snapshot.

use super::Names;
use crate::snapshot::Snapshot;
use std::ops::Range;

/// For each role, the role itself and every role it includes (sorted).
#[derive(Debug, Clone, Default)]
pub(crate) struct Closure {
    /// `starts[r]..starts[r + 1]` is role `r`'s range of `roles`.
    starts: Vec<u32>,
    roles: Vec<u32>,
}

impl Closure {
    /// Role `r` and every role it includes, sorted; empty for an unknown role.
    pub(crate) fn of(&self, r: u32) -> &[u32] {
        let r = r as usize;
        let range = match (self.starts.get(r), self.starts.get(r + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.roles.get(range).unwrap_or(&[])
    }

    /// Each role's closure, in role order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u32]> {
        self.starts
            .windows(2)
            .map(|w| match w {
                [a, b] => *a as usize..*b as usize,
                _ => 0..0,
            })
            .map(|r: Range<usize>| self.roles.get(r).unwrap_or(&[]))
    }
}

/// The closure of every role, or `Err(role)` with the first role at which
/// the work grew beyond `budget` steps (a step: one pair of the closure, or
/// one include followed). Cycles (which validation rejects) are cut. Time
/// and memory are O(roles + includes + budget).
pub(crate) fn role_closure(s: &Snapshot, names: &Names, budget: usize) -> Result<Closure, usize> {
    let roles = &s.model.roles;
    let includes: Vec<Vec<u32>> = roles
        .iter()
        .map(|r| {
            r.includes
                .iter()
                .filter_map(|x| names.roles.get(x))
                .collect()
        })
        .collect();
    // `seen[r] == start + 1` when `r` was reached from `start`: no clearing.
    let mut seen = vec![0u32; roles.len()];
    let mut out = Closure {
        starts: Vec::with_capacity(roles.len() + 1),
        roles: Vec::new(),
    };
    let mut stack = Vec::new();
    let mut work = 0usize;
    out.starts.push(0);
    for (start, stamp) in (0..roles.len()).zip(1u32..) {
        let first = out.roles.len();
        stack.push(start as u32);
        while let Some(r) = stack.pop() {
            match seen.get_mut(r as usize) {
                Some(v) if *v != stamp => *v = stamp,
                _ => continue,
            }
            let next = includes.get(r as usize).map_or(&[][..], Vec::as_slice);
            work = work.saturating_add(1 + next.len());
            if work > budget {
                return Err(start);
            }
            out.roles.push(r);
            stack.extend(next);
        }
        if let Some(reach) = out.roles.get_mut(first..) {
            super::sort_ids(reach);
        }
        out.starts.push(out.roles.len() as u32);
    }
    Ok(out)
}
