//! Forests (the units tree, the reporting tree) numbered by an Euler tour, so
//! "is `a` at or below `b`" is two integer comparisons.

use crate::index::NONE;

/// A forest given by parent pointers, with entry numbers and subtree ends.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// `enter[n]`: the Euler-tour number of node `n`.
    enter: Vec<u32>,
    /// `last[n]`: the largest entry number in `n`'s subtree.
    last: Vec<u32>,
}

impl Tree {
    /// Numbers the forest whose parent pointers are `parent` (`NONE` for a
    /// root). Nodes on a cycle (which validation rejects) are left unnumbered
    /// and are below nothing.
    pub fn build(parent: &[u32]) -> Tree {
        let n = parent.len();
        // Children in CSR form.
        let mut count = vec![0u32; n + 1];
        for &p in parent {
            // Roots (`NONE`) have no slot; `checked_add` keeps wasm32 from overflowing.
            if let Some(c) = (p as usize).checked_add(1).and_then(|i| count.get_mut(i)) {
                *c += 1;
            }
        }
        for i in 1..count.len() {
            let prev = count.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = count.get_mut(i) {
                *c += prev;
            }
        }
        let mut fill = count.clone();
        let mut children = vec![0u32; n];
        for (child, &p) in parent.iter().enumerate() {
            if let Some(slot) = fill.get_mut(p as usize) {
                if let Some(c) = children.get_mut(*slot as usize) {
                    *c = child as u32;
                }
                *slot += 1;
            }
        }
        let mut enter = vec![NONE; n];
        let mut last = vec![NONE; n];
        let mut clock = 0u32;
        // Iterative DFS: (node, next child cursor).
        let mut stack: Vec<(u32, u32)> = Vec::new();
        for root in 0..n {
            if parent.get(root).copied() != Some(NONE) {
                continue;
            }
            stack.push((root as u32, count.get(root).copied().unwrap_or(0)));
            if let Some(e) = enter.get_mut(root) {
                *e = clock;
            }
            clock += 1;
            while let Some(top) = stack.last_mut() {
                let (node, cursor) = *top;
                let end = count.get(node as usize + 1).copied().unwrap_or(0);
                if cursor < end {
                    top.1 += 1;
                    let child = children.get(cursor as usize).copied().unwrap_or(NONE);
                    if let Some(e) = enter.get_mut(child as usize) {
                        *e = clock;
                        clock += 1;
                        stack.push((child, count.get(child as usize).copied().unwrap_or(0)));
                    }
                } else {
                    if let Some(l) = last.get_mut(node as usize) {
                        *l = clock - 1;
                    }
                    stack.pop();
                }
            }
        }
        Tree { enter, last }
    }

    /// Its entry numbers and subtree ends (what a slice image holds).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn parts(&self) -> (&[u32], &[u32]) {
        (&self.enter, &self.last)
    }

    /// A tree from [`Tree::parts`]; `None` unless they are one numbering
    /// (equal lengths, each subtree's end at or after its entry).
    #[cfg_attr(rolegate_size, optimize(size))]
    pub fn from_parts(enter: Vec<u32>, last: Vec<u32>) -> Option<Tree> {
        let fits = enter.len() == last.len()
            && enter
                .iter()
                .zip(&last)
                .all(|(&e, &l)| (e == NONE) == (l == NONE) && e <= l);
        fits.then_some(Tree { enter, last })
    }

    /// Whether `node` is `top` or below it.
    #[inline]
    pub fn within(&self, node: u32, top: u32) -> bool {
        match (
            self.enter.get(node as usize),
            self.enter.get(top as usize),
            self.last.get(top as usize),
        ) {
            (Some(&e), Some(&t), Some(&l)) => e != NONE && t != NONE && t <= e && e <= l,
            _ => false,
        }
    }

    /// Whether `node` is strictly below `top`.
    #[inline]
    pub fn below(&self, node: u32, top: u32) -> bool {
        node != top && self.within(node, top)
    }

    /// The number of nodes at or below `node` (0 for a node on a cycle).
    fn size(&self, node: u32) -> u32 {
        match (self.enter.get(node as usize), self.last.get(node as usize)) {
            (Some(&e), Some(&l)) if e != NONE && l != NONE => l - e + 1,
            _ => 0,
        }
    }

    /// Whether some node is below `node`.
    pub fn has_below(&self, node: u32) -> bool {
        self.size(node) > 1
    }

    /// Whether `parent`, the parent of `node`, has another child: whether
    /// its subtree holds more than itself and `node`'s subtree.
    pub fn has_sibling(&self, node: u32, parent: u32) -> bool {
        self.size(node) > 0 && self.size(parent) > self.size(node).saturating_add(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::cycles;

    #[test]
    fn euler_tour_answers_ancestry() {
        // 0 <- 1 <- 2, 0 <- 3, 4 alone
        let t = Tree::build(&[NONE, 0, 1, 0, NONE]);
        assert!(t.within(2, 0) && t.below(2, 0) && t.below(2, 1));
        assert!(!t.below(3, 1) && !t.within(4, 0) && t.within(4, 4) && !t.below(0, 0));
    }

    #[test]
    fn cycles_are_found_not_followed() {
        assert_eq!(cycles(&[1, 2, 0, 0, NONE]), vec![vec![0, 1, 2]]);
        assert_eq!(cycles(&[0]), vec![vec![0]]);
        assert!(cycles(&[NONE, 0]).is_empty());
        // Each cycle from its lowest member, in parent order; by first member.
        assert_eq!(cycles(&[3, 4, 3, 2, 1, NONE]), vec![vec![1, 4], vec![2, 3]]);
        let t = Tree::build(&[1, 0, NONE]);
        assert!(!t.within(0, 1) && t.within(2, 2));
    }
}
