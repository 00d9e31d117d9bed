//! Dominator trees over any graph given as successor lists, by the algorithm of Lengauer
//! and Tarjan ("A Fast Algorithm for Finding Dominators in a Flowgraph", 1979; the simple
//! version, with path compression), which runs in O(m log n). The iterative algorithm of
//! Cooper, Harvey and Kennedy used before is quadratic on a long `a and b and …` chain:
//! the join block has one predecessor per operand, each as deep in the tree as its index.
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
        lengauer_tarjan(successors, &predecessors, entry, &mut idom);
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

/// "No node" in the arrays of [`lengauer_tarjan`].
const NONE: usize = usize::MAX;

/// Fills `idom` for the nodes reachable from `entry`. Works on depth-first preorder
/// numbers: semidominators are computed in reverse preorder with a link/eval forest
/// (path-compressed, iteratively so deep graphs cannot overflow), then each node's
/// immediate dominator follows from its semidominator.
fn lengauer_tarjan(
    successors: &[Vec<usize>],
    predecessors: &[Vec<usize>],
    entry: usize,
    idom: &mut [Option<usize>],
) {
    let n = successors.len();
    // Depth-first preorder: `number[node]`, `vertex[number]`, and the tree parent.
    let mut number = vec![NONE; n];
    let mut vertex = Vec::with_capacity(n);
    let mut parent = Vec::with_capacity(n);
    let mut stack = vec![(entry, NONE)];
    while let Some((node, from)) = stack.pop() {
        if number[node] != NONE {
            continue;
        }
        number[node] = vertex.len();
        vertex.push(node);
        parent.push(if from == NONE { NONE } else { number[from] });
        for &succ in successors[node].iter().rev() {
            if succ < n && number[succ] == NONE {
                stack.push((succ, node));
            }
        }
    }
    let count = vertex.len();
    let mut semi: Vec<usize> = (0..count).collect();
    let mut label: Vec<usize> = (0..count).collect();
    let mut ancestor = vec![NONE; count];
    let mut dom = vec![NONE; count];
    // Buckets as linked lists: `bucket_head[w]` lists the nodes whose semidominator is `w`.
    let mut bucket_head = vec![NONE; count];
    let mut bucket_next = vec![NONE; count];
    let mut path = Vec::new();
    let mut eval =
        |v: usize, ancestor: &mut Vec<usize>, label: &mut Vec<usize>, semi: &Vec<usize>| -> usize {
            if ancestor[v] == NONE {
                return v;
            }
            // Compress the path from `v` to its forest root, top first.
            let mut x = v;
            while ancestor[ancestor[x]] != NONE {
                path.push(x);
                x = ancestor[x];
            }
            while let Some(y) = path.pop() {
                let a = ancestor[y];
                if semi[label[a]] < semi[label[y]] {
                    label[y] = label[a];
                }
                ancestor[y] = ancestor[a];
            }
            label[v]
        };
    for w in (1..count).rev() {
        for &pred in &predecessors[vertex[w]] {
            let v = number[pred];
            if v == NONE {
                continue;
            }
            let u = eval(v, &mut ancestor, &mut label, &semi);
            if semi[u] < semi[w] {
                semi[w] = semi[u];
            }
        }
        let s = semi[w];
        bucket_next[w] = bucket_head[s];
        bucket_head[s] = w;
        let p = parent[w];
        ancestor[w] = p;
        let mut v = std::mem::replace(&mut bucket_head[p], NONE);
        while v != NONE {
            let next = bucket_next[v];
            let u = eval(v, &mut ancestor, &mut label, &semi);
            dom[v] = if semi[u] < semi[v] { u } else { p };
            v = next;
        }
    }
    for w in 1..count {
        if dom[w] != semi[w] {
            dom[w] = dom[dom[w]];
        }
    }
    idom[entry] = Some(entry);
    for w in 1..count {
        idom[vertex[w]] = Some(vertex[dom[w]]);
    }
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

    /// Nodes reachable from `entry` without passing through `removed`.
    fn reachable_without(succ: &[Vec<usize>], entry: usize, removed: usize) -> Vec<bool> {
        let mut seen = vec![false; succ.len()];
        if entry == removed {
            return seen;
        }
        let mut stack = vec![entry];
        seen[entry] = true;
        while let Some(node) = stack.pop() {
            for &next in &succ[node] {
                if next != removed && !seen[next] {
                    seen[next] = true;
                    stack.push(next);
                }
            }
        }
        seen
    }

    #[test]
    fn agrees_with_the_definition_on_random_graphs() {
        // `a` dominates `b` iff `b` is reachable and removing `a` cuts it off.
        let mut seed = 0x2545_f491_u64;
        let mut random = |bound: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % bound as u64) as usize
        };
        for _ in 0..300 {
            let n = 1 + random(12);
            let succ: Vec<Vec<usize>> = (0..n)
                .map(|_| (0..random(4)).map(|_| random(n)).collect())
                .collect();
            let tree = DomTree::compute(&succ, 0);
            let reachable = reachable_without(&succ, 0, usize::MAX);
            for a in 0..n {
                let cut = reachable_without(&succ, 0, a);
                for b in 0..n {
                    let expected = reachable[a] && reachable[b] && (a == b || !cut[b]);
                    assert_eq!(tree.dominates(a, b), expected, "{succ:?}: {a} dom {b}");
                }
            }
        }
    }

    #[test]
    fn long_and_chains_are_not_quadratic() {
        // Node i branches to i + 1 and to the join; the join has one predecessor per node.
        let n = 200_000;
        let join = n;
        let succ: Vec<Vec<usize>> = (0..=n)
            .map(|i| {
                if i < n - 1 {
                    vec![i + 1, join]
                } else if i == n - 1 {
                    vec![join]
                } else {
                    vec![]
                }
            })
            .collect();
        let tree = DomTree::compute(&succ, 0);
        assert_eq!(tree.idom(join), Some(0));
        assert!(tree.dominates(5, n - 1));
    }

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
