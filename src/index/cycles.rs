//! Cycles in the parent-pointer trees of a snapshot (units, the reporting
//! line), found without following them.

use super::NONE;

/// The nodes of a parent-pointer forest that lie on a cycle, in index order.
pub(crate) fn on_cycles(parent: &[u32]) -> Vec<usize> {
    // 0 = unvisited, 1 = on the current walk, 2 = done.
    let mut state = vec![0u8; parent.len()];
    let mut cyclic = vec![false; parent.len()];
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
            let mut mark = false;
            for &w in &walk {
                mark |= w == node;
                if mark {
                    if let Some(c) = cyclic.get_mut(w) {
                        *c = true;
                    }
                }
            }
        }
        for &w in &walk {
            if let Some(s) = state.get_mut(w) {
                *s = 2;
            }
        }
    }
    cyclic
        .iter()
        .enumerate()
        .filter(|(_, &c)| c)
        .map(|(i, _)| i)
        .collect()
}
