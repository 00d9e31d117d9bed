//! Register allocation for SSA values: liveness analysis, one live interval per value over
//! the IR layout, and a linear-scan allocator that reuses registers and coalesces block
//! parameters with their arguments when it can. Also the sequentialisation of the parallel
//! moves that implement block parameters.
//!
//! Positions: the layout is numbered so that every block start, instruction and terminator
//! gets an index `k`; operands are read at `2k` and results written at `2k + 1`. Block
//! parameters are written at their block's start (`2s + 1`). Because every opcode reads its
//! operands before writing its result, a value whose last use is at `k` and a value defined
//! at `k` may share a register.
//!
//! Exception edges: a block's handler counts as a successor, so the handler's live-in
//! values are live-out of (and therefore live across) the whole protected block. The
//! handler's parameter is defined at the handler's start like any block parameter; the VM
//! writes the exception into its register during unwinding.
//!
//! Intervals are conservative (`[first point, last point]` without holes), which keeps the
//! allocator simple and is exact for the short-lived expression temporaries that make up
//! almost all SSA values (Python variables live in the fixed local registers, not here).

use crate::ir::{Block, Function, Value, ValueDef};
use std::collections::BTreeSet;

/// A dense bit set over value indices.
#[derive(Clone, PartialEq, Eq)]
struct BitSet(Vec<u64>);

impl BitSet {
    fn new(len: usize) -> Self {
        BitSet(vec![0; len.div_ceil(64)])
    }
    /// Inserts `i`; out-of-range values (malformed IR) are ignored.
    fn insert(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word |= 1 << (i % 64);
        }
    }
    fn remove(&mut self, i: usize) {
        if let Some(word) = self.0.get_mut(i / 64) {
            *word &= !(1 << (i % 64));
        }
    }
    fn union_with(&mut self, other: &BitSet) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

/// Where each block sits in the numbering described in the module docs.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockPositions {
    /// The block-start index `s`.
    pub start: u32,
    /// The terminator's index `t`.
    pub term: u32,
}

/// The allocator's result.
#[derive(Debug, Clone)]
pub struct Allocation {
    /// The register of each value (indexed by `Value`), `None` for values never seen in
    /// the layout.
    pub regs: Vec<Option<u32>>,
    /// Registers used: locals plus temporaries.
    pub nregs: u32,
}

impl Allocation {
    /// The register holding `value`.
    pub fn reg(&self, value: Value) -> Option<u32> {
        self.regs.get(value.index()).copied().flatten()
    }
}

/// Blocks reachable through the layout: terminator successors and the handler.
fn successors(func: &Function, block: Block) -> Vec<Block> {
    let data = &func.blocks[block.index()];
    let mut out = data
        .term
        .as_ref()
        .map(|t| t.successors())
        .unwrap_or_default();
    out.extend(data.handler);
    out
}

/// Live-in sets per block (indexed by block), by the usual backward data-flow fixpoint.
fn live_in_sets(func: &Function) -> Vec<BitSet> {
    let nvalues = func.values.len();
    let nblocks = func.blocks.len();
    // Upward-exposed uses and definitions per block.
    let mut uses = vec![BitSet::new(nvalues); nblocks];
    let mut defs = vec![BitSet::new(nvalues); nblocks];
    for &block in &func.layout {
        let b = block.index();
        let data = &func.blocks[b];
        for &param in &data.params {
            defs[b].insert(param.index());
        }
        for &inst in &data.insts {
            let inst = &func.insts[inst.index()];
            for arg in &inst.args {
                if !is_set(&defs[b], arg.index()) {
                    uses[b].insert(arg.index());
                }
            }
            if let Some(result) = inst.result {
                defs[b].insert(result.index());
            }
        }
        if let Some(term) = &data.term {
            for value in term.uses() {
                if !is_set(&defs[b], value.index()) {
                    uses[b].insert(value.index());
                }
            }
        }
    }
    let mut live_in = vec![BitSet::new(nvalues); nblocks];
    let mut changed = true;
    while changed {
        changed = false;
        for &block in func.layout.iter().rev() {
            let b = block.index();
            let mut live = BitSet::new(nvalues);
            for succ in successors(func, block) {
                let Some(succ_live) = live_in.get(succ.index()) else {
                    continue;
                };
                let mut incoming = succ_live.clone();
                for param in &func.blocks[succ.index()].params {
                    incoming.remove(param.index());
                }
                live.union_with(&incoming);
            }
            for (word, def) in live.0.iter_mut().zip(&defs[b].0) {
                *word &= !def;
            }
            live.union_with(&uses[b]);
            if live != live_in[b] {
                live_in[b] = live;
                changed = true;
            }
        }
    }
    live_in
}

fn is_set(set: &BitSet, i: usize) -> bool {
    set.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

/// Numbers the layout as described in the module docs.
pub fn number_layout(func: &Function) -> Vec<BlockPositions> {
    let mut positions = vec![BlockPositions::default(); func.blocks.len()];
    let mut next = 0u32;
    for &block in &func.layout {
        let start = next;
        next += 1 + func.blocks[block.index()].insts.len() as u32;
        positions[block.index()] = BlockPositions { start, term: next };
        next += 1;
    }
    positions
}

/// Allocates a register to every SSA value of `func`, temporaries starting at `nlocals`.
pub fn allocate(func: &Function, nlocals: u32) -> Allocation {
    let nvalues = func.values.len();
    let positions = number_layout(func);
    let live_in = live_in_sets(func);
    let mut intervals: Vec<Option<(u32, u32)>> = vec![None; nvalues];
    let mut extend = |value: Value, point: u32| {
        if let Some(slot) = intervals.get_mut(value.index()) {
            *slot = Some(match *slot {
                None => (point, point),
                Some((lo, hi)) => (lo.min(point), hi.max(point)),
            });
        }
    };
    // Coalescing partners: a block parameter and the values passed to it.
    let mut partners: Vec<Vec<Value>> = vec![Vec::new(); nvalues];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let pos = positions[block.index()];
        for &param in &data.params {
            extend(param, 2 * pos.start + 1);
        }
        for value in live_in[block.index()].iter() {
            extend(Value::new(value), 2 * pos.start);
        }
        for (k, &inst) in data.insts.iter().enumerate() {
            let at = pos.start + 1 + k as u32;
            let inst = &func.insts[inst.index()];
            for &arg in &inst.args {
                extend(arg, 2 * at);
            }
            if let Some(result) = inst.result {
                extend(result, 2 * at + 1);
            }
        }
        if let Some(term) = &data.term {
            for value in term.uses() {
                extend(value, 2 * pos.term);
            }
            for succ in successors(func, block) {
                let Some(succ_live) = live_in.get(succ.index()) else {
                    continue;
                };
                let succ_params = &func.blocks[succ.index()].params;
                for value in succ_live.iter() {
                    if !succ_params.iter().any(|p| p.index() == value) {
                        extend(Value::new(value), 2 * pos.term + 1);
                    }
                }
            }
            let mut edges = term.clone();
            for edge in edges.edges_mut() {
                let params = &func.blocks[edge.block.index()].params;
                for (&arg, &param) in edge.args.iter().zip(params) {
                    if arg.index() < nvalues && param.index() < nvalues {
                        partners[arg.index()].push(param);
                        partners[param.index()].push(arg);
                    }
                }
            }
        }
    }

    let mut order: Vec<(u32, u32, usize)> = intervals
        .iter()
        .enumerate()
        .filter_map(|(v, iv)| iv.map(|(lo, hi)| (lo, hi, v)))
        .collect();
    order.sort_unstable();
    let mut regs: Vec<Option<u32>> = vec![None; nvalues];
    let mut free: BTreeSet<u32> = BTreeSet::new();
    // Active intervals as (end, register), kept sorted by end.
    let mut active: BTreeSet<(u32, u32)> = BTreeSet::new();
    let mut nregs = nlocals;
    for (start, end, value) in order {
        while let Some(&(active_end, reg)) = active.first() {
            if active_end >= start {
                break;
            }
            active.pop_first();
            free.insert(reg);
        }
        let hinted = partners[value]
            .iter()
            .filter_map(|p| regs.get(p.index()).copied().flatten())
            .find(|r| free.contains(r));
        // An edge argument that cannot share its parameter's register should at least avoid
        // the registers of the target's other parameters, or the edge's moves form a cycle.
        let avoid: Vec<u32> = partners[value]
            .iter()
            .filter_map(|p| match func.values.get(p.index()) {
                Some(ValueDef::Param(block, _)) => Some(*block),
                _ => None,
            })
            .flat_map(|block| func.blocks[block.index()].params.iter())
            .filter_map(|p| regs.get(p.index()).copied().flatten())
            .collect();
        let unhinted = || {
            free.iter()
                .copied()
                .find(|r| !avoid.contains(r))
                .or_else(|| free.first().copied())
        };
        let reg = match hinted.or_else(unhinted) {
            Some(reg) => {
                free.remove(&reg);
                reg
            }
            None => {
                nregs += 1;
                nregs - 1
            }
        };
        regs[value] = Some(reg);
        active.insert((end, reg));
    }
    Allocation { regs, nregs }
}

/// Orders the parallel moves `(dst, src)` (distinct destinations) into a sequence of
/// ordinary moves with the same effect, breaking cycles through `scratch`.
pub fn sequentialize_moves(moves: &[(u32, u32)], scratch: u32) -> Vec<(u32, u32)> {
    let mut pending: Vec<(u32, u32)> = moves.iter().copied().filter(|(d, s)| d != s).collect();
    let mut out = Vec::new();
    while !pending.is_empty() {
        // A move whose destination no other pending move still reads can go now.
        let ready = (0..pending.len()).find(|&i| {
            let dst = pending[i].0;
            pending
                .iter()
                .enumerate()
                .all(|(j, &(_, src))| j == i || src != dst)
        });
        match ready {
            Some(i) => {
                let (dst, src) = pending.remove(i);
                if dst != src {
                    out.push((dst, src));
                }
            }
            None => {
                // Every destination is still read: the rest are cycles. Save one
                // destination in the scratch register and redirect its readers.
                let saved = pending[0].0;
                out.push((scratch, saved));
                for mv in &mut pending {
                    if mv.1 == saved {
                        mv.1 = scratch;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `seq` on a register file where register `r` starts holding `r`.
    fn simulate(seq: &[(u32, u32)], size: usize) -> Vec<u32> {
        let mut regs: Vec<u32> = (0..size as u32).collect();
        for &(d, s) in seq {
            regs[d as usize] = regs[s as usize];
        }
        regs
    }

    fn check(moves: &[(u32, u32)]) -> Vec<(u32, u32)> {
        let scratch = 20;
        let seq = sequentialize_moves(moves, scratch);
        let after = simulate(&seq, 21);
        for &(d, s) in moves {
            assert_eq!(after[d as usize], s, "moves {moves:?} sequence {seq:?}");
        }
        seq
    }

    #[test]
    fn parallel_moves_without_cycles() {
        assert_eq!(check(&[(1, 2), (2, 3)]), vec![(1, 2), (2, 3)]);
        assert_eq!(check(&[(2, 3), (1, 2)]), vec![(1, 2), (2, 3)]);
        assert_eq!(check(&[(4, 4)]), vec![]);
        check(&[(1, 0), (2, 0), (3, 0)]);
    }

    #[test]
    fn parallel_moves_with_cycles() {
        let swap = check(&[(1, 2), (2, 1)]);
        assert_eq!(swap.len(), 3);
        check(&[(1, 2), (2, 3), (3, 1)]);
        check(&[(1, 2), (2, 1), (3, 4), (4, 3), (5, 1)]);
        check(&[(0, 1), (1, 2), (2, 0), (6, 2), (7, 0)]);
    }

    #[test]
    fn exhaustive_small_permutations() {
        // Every mapping of 4 destinations to sources among 5 registers.
        for code in 0..5u32.pow(4) {
            let moves: Vec<(u32, u32)> = (0..4).map(|d| (d, code / 5u32.pow(d) % 5)).collect();
            check(&moves);
        }
    }
}
