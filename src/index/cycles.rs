//! Cycles in the parent-pointer trees of a snapshot (units, the reporting
//! line), found without following them round.

use super::NONE;

/// Every cycle of a parent-pointer forest, each once: its members in the
/// order the parent pointers lead (each member's parent next), starting at
/// its lowest index, and the cycles ordered by that first member.
/// Work: O(n), plus O(c log c) to order c cycles.
pub(crate) fn cycles(parent: &[u32]) -> Vec<Vec<usize>> {
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; parent.len()];
    let mut found = Vec::new();
    let mut walk = Vec::new();
    for start in 0..parent.len() {
        let mut node = start;
        walk.clear();
        let mut at_root = false;
        while state.get(node) == Some(&0) {
            if let Some(s) = state.get_mut(node) {
                *s = 1;
            }
            walk.push(node);
            match parent.get(node) {
                Some(&p) if p != NONE && (p as usize) < parent.len() => node = p as usize,
                _ => {
                    at_root = true;
                    break;
                }
            }
        }
        if !at_root && state.get(node) == Some(&1) {
            // `node` is on this walk: everything from it onwards is a cycle.
            if let Some(from) = walk.iter().position(|&w| w == node) {
                let mut cycle: Vec<usize> = walk.get(from..).unwrap_or_default().to_vec();
                let lowest = (0..cycle.len()).min_by_key(|&i| cycle.get(i).copied());
                cycle.rotate_left(lowest.unwrap_or(0));
                found.push(cycle);
            }
        }
        for &w in &walk {
            if let Some(s) = state.get_mut(w) {
                *s = 2;
            }
        }
    }
    // Ordered by first member (with the crate's one sort, not another
    // instantiation of the standard one).
    let firsts: Vec<Option<usize>> = found.iter().map(|c| c.first().copied()).collect();
    super::sort_by_index_key(&mut found, |i| firsts.get(i).copied().flatten());
    found
}
