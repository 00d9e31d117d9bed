//! Dominator trees over any graph given as successor lists, by the iterative algorithm of
//! Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm", 2001): number the
//! nodes in reverse postorder, then repeatedly intersect the dominators of each node's
//! processed predecessors until nothing changes.
//!
//! The graph is generic because the verifier does not use the block graph directly: it
//! splits every block into an entry node and a body node so that exception edges leave
//! from the block's entry (see [`super::verify`]).

/// Immediate dominators of the nodes reachable from an entry node.
#[derive(Debug, Clone)]
pub struct DomTree {
    /// `idom[n]`: the immediate dominator; the entry is its own, unreachable nodes have none.
    idom: Vec<Option<usize>>,
    /// Position of each node in reverse postorder; `usize::MAX` when unreachable.
    rpo_number: Vec<usize>,
}

impl DomTree {
    /// Computes the tree for `successors.len()` nodes rooted at `entry`.
    pub fn compute(successors: &[Vec<usize>], entry: usize) -> Self {
        let n = successors.len();
        let rpo = reverse_postorder(successors, entry);
        let mut rpo_number = vec![usize::MAX; n];
        for (i, &node) in rpo.iter().enumerate() {
            rpo_number[node] = i;
        }
        let mut predecessors = vec![Vec::new(); n];
        for (from, succs) in successors.iter().enumerate() {
            if rpo_number[from] == usize::MAX {
                continue;
            }
            for &to in succs {
                predecessors[to].push(from);
            }
        }
        let mut idom: Vec<Option<usize>> = vec![None; n];
        if n == 0 {
            return DomTree { idom, rpo_number };
        }
        idom[entry] = Some(entry);
        let mut changed = true;
        while changed {
            changed = false;
            for &node in rpo.iter().skip(1) {
                let mut new_idom: Option<usize> = None;
                for &pred in &predecessors[node] {
                    if idom[pred].is_none() {
                        continue;
                    }
                    new_idom = Some(match new_idom {
                        None => pred,
                        Some(current) => intersect(&idom, &rpo_number, pred, current),
                    });
                }
                if new_idom.is_some() && idom[node] != new_idom {
                    idom[node] = new_idom;
                    changed = true;
                }
            }
        }
        DomTree { idom, rpo_number }
    }

    /// Whether `node` is reachable from the entry.
    pub fn is_reachable(&self, node: usize) -> bool {
        self.rpo_number.get(node).is_some_and(|&n| n != usize::MAX)
    }

    /// The immediate dominator of `node` (the entry's is itself).
    pub fn idom(&self, node: usize) -> Option<usize> {
        self.idom.get(node).copied().flatten()
    }

    /// Whether `a` dominates `b` (every node dominates itself). False when either is
    /// unreachable.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        if !self.is_reachable(a) || !self.is_reachable(b) {
            return false;
        }
        let mut node = b;
        loop {
            if node == a {
                return true;
            }
            // Walking up the tree strictly decreases the reverse-postorder number, so once
            // we pass `a`'s number it cannot be an ancestor.
            if self.rpo_number[node] < self.rpo_number[a] {
                return false;
            }
            match self.idom[node] {
                Some(parent) if parent != node => node = parent,
                _ => return false,
            }
        }
    }
}

fn intersect(idom: &[Option<usize>], rpo_number: &[usize], mut a: usize, mut b: usize) -> usize {
    while a != b {
        while rpo_number[a] > rpo_number[b] {
            a = idom[a].expect("processed nodes have a dominator");
        }
        while rpo_number[b] > rpo_number[a] {
            b = idom[b].expect("processed nodes have a dominator");
        }
    }
    a
}

/// Nodes reachable from `entry` in reverse postorder (iterative, so deep graphs cannot
/// overflow the stack).
pub fn reverse_postorder(successors: &[Vec<usize>], entry: usize) -> Vec<usize> {
    let n = successors.len();
    if entry >= n {
        return Vec::new();
    }
    let mut visited = vec![false; n];
    let mut postorder = Vec::with_capacity(n);
    let mut stack = vec![(entry, 0usize)];
    visited[entry] = true;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        if let Some(&succ) = successors[node].get(*next) {
            *next += 1;
            if succ < n && !visited[succ] {
                visited[succ] = true;
                stack.push((succ, 0));
            }
        } else {
            postorder.push(node);
            stack.pop();
        }
    }
    postorder.reverse();
    postorder
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diamond_and_loop() {
        // 0 → 1, 2; 1 → 3; 2 → 3; 3 → 1 (loop), 4 unreachable.
        let succ = vec![vec![1, 2], vec![3], vec![3], vec![1], vec![0]];
        let tree = DomTree::compute(&succ, 0);
        assert_eq!(tree.idom(3), Some(0));
        assert_eq!(tree.idom(1), Some(0));
        assert!(tree.dominates(0, 3));
        assert!(!tree.dominates(1, 3));
        assert!(!tree.is_reachable(4));
        assert!(!tree.dominates(4, 0));
    }
}
