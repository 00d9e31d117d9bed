//! Dominator trees over any graph given as successor lists, by the iterative algorithm of
//! Cooper, Harvey and Kennedy ("A Simple, Fast Dominance Algorithm", 2001): number the
//! nodes in reverse postorder, then repeatedly intersect the dominators of each node's
//! processed predecessors until nothing changes.
//!
//! Dominance queries are O(1): the tree is numbered by a depth-first walk, and `a`
//! dominates `b` exactly when `b`'s preorder number falls inside `a`'s subtree range.
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
    /// Preorder number of each node in the dominator tree (`usize::MAX` when unreachable).
    preorder: Vec<usize>,
    /// How many nodes the dominator subtree of each node holds, itself included.
    subtree_size: Vec<usize>,
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
        if n == 0 || entry >= n {
            return DomTree {
                idom,
                rpo_number,
                preorder: vec![usize::MAX; n],
                subtree_size: vec![0; n],
            };
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
        let (preorder, subtree_size) = number_tree(&idom, &rpo, entry);
        DomTree {
            idom,
            rpo_number,
            preorder,
            subtree_size,
        }
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
    /// unreachable. Constant time.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        if !self.is_reachable(a) || !self.is_reachable(b) {
            return false;
        }
        let (start, at) = (self.preorder[a], self.preorder[b]);
        start <= at && at < start + self.subtree_size[a]
    }
}

/// Numbers the dominator tree given by `idom` depth-first from `entry`: each reachable
/// node's preorder number and subtree size. Children are listed in `rpo` order, so the
/// numbering is deterministic; the walk is iterative, so deep trees cannot overflow.
fn number_tree(idom: &[Option<usize>], rpo: &[usize], entry: usize) -> (Vec<usize>, Vec<usize>) {
    let n = idom.len();
    // Children as a compact adjacency array: counts, prefix sums, then fill.
    let mut first_child = vec![0usize; n + 1];
    for &node in rpo {
        if let Some(parent) = idom[node].filter(|&p| p != node) {
            first_child[parent + 1] += 1;
        }
    }
    for i in 0..n {
        first_child[i + 1] += first_child[i];
    }
    let mut fill = first_child.clone();
    let mut children = vec![0usize; first_child[n]];
    for &node in rpo {
        if let Some(parent) = idom[node].filter(|&p| p != node) {
            children[fill[parent]] = node;
            fill[parent] += 1;
        }
    }
    let mut preorder = vec![usize::MAX; n];
    let mut subtree_size = vec![0usize; n];
    let mut counter = 0;
    // Stack of (node, index of the next child to visit).
    let mut stack = vec![(entry, first_child[entry])];
    preorder[entry] = counter;
    counter += 1;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        if *next < first_child[node + 1] {
            let child = children[*next];
            *next += 1;
            preorder[child] = counter;
            counter += 1;
            stack.push((child, first_child[child]));
        } else {
            subtree_size[node] = counter - preorder[node];
            stack.pop();
        }
    }
    (preorder, subtree_size)
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
