//! The role-include closure: each role with every role it includes.

use super::Names;
use crate::snapshot::Snapshot;

/// For each role, the role itself and every role it includes, transitively
/// (cycles, which validation rejects, are simply cut).
pub(crate) fn role_closure(s: &Snapshot, names: &Names) -> Vec<Vec<u32>> {
    let nr = s.model.roles.len();
    let mut out = Vec::with_capacity(nr);
    for start in 0..nr {
        let mut seen = vec![false; nr];
        let mut stack = vec![start as u32];
        let mut reach = Vec::new();
        while let Some(r) = stack.pop() {
            match seen.get_mut(r as usize) {
                Some(v) if !*v => *v = true,
                _ => continue,
            }
            reach.push(r);
            for inc in s
                .model
                .roles
                .get(r as usize)
                .map(|x| x.includes.as_slice())
                .unwrap_or(&[])
            {
                if let Some(i) = names.roles.get(inc) {
                    stack.push(i);
                }
            }
        }
        reach.sort_unstable();
        out.push(reach);
    }
    out
}
