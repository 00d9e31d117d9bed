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

/// A compact adjacency list: the items of key `k` are `items[start[k]..start[k + 1]]`,
/// in the order they were added. Built by counting, so it allocates two vectors in all.
struct Adjacency<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy> Adjacency<T> {
    /// Groups `pairs` (key, item) by key, keeping their order within a key.
    fn build(keys: usize, pairs: &[(u32, T)]) -> Self {
        let mut start = vec![0u32; keys + 1];
        if pairs.is_empty() {
            return Adjacency {
                start,
                items: Vec::new(),
            };
        }
        // Count into `start[key + 1]`, sum to each key's end, then fill backwards from the
        // ends (walking the pairs backwards keeps each key's items in order); every end
        // has moved down to its key's start when done.
        for &(key, _) in pairs {
            start[key as usize + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let mut items = vec![pairs[0].1; pairs.len()];
        for &(key, item) in pairs.iter().rev() {
            let end = &mut start[key as usize + 1];
            *end -= 1;
            items[*end as usize] = item;
        }
        // `start[k + 1]` now holds key k's start; shift back into place.
        start.rotate_left(1);
        start[keys] = pairs.len() as u32;
        Adjacency { start, items }
    }

    fn of(&self, key: usize) -> &[T] {
        &self.items[self.start[key] as usize..self.start[key + 1] as usize]
    }
}

/// Live intervals `[lo, hi]` over the numbering; `lo > hi` means "never seen".
struct Intervals(Vec<(u32, u32)>);

impl Intervals {
    #[inline]
    fn extend(&mut self, value: Value, point: u32) {
        if let Some(slot) = self.0.get_mut(value.index()) {
            slot.0 = slot.0.min(point);
            slot.1 = slot.1.max(point);
        }
    }
}

/// Computes each value's live interval.
///
/// Liveness is computed per value by walking backwards from each use in a block other
/// than the defining one, up the predecessors (exception edges included: a protected
/// block precedes its handler), until the definition's block: the value is live into
/// every block visited and out of each of their predecessors. The cost is the size of
/// the live ranges that cross blocks, not blocks times values as with per-block sets.
fn live_intervals(func: &Function, positions: &[BlockPositions]) -> Intervals {
    let nvalues = func.values.len();
    let nblocks = func.blocks.len();
    let mut intervals = Intervals(vec![(u32::MAX, 0); nvalues]);
    // The block defining each value, from the layout (`u32::MAX`: nowhere).
    let mut def_block = vec![u32::MAX; nvalues];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        for &param in &data.params {
            if let Some(slot) = def_block.get_mut(param.index()) {
                *slot = block.0;
            }
        }
        for &inst in &data.insts {
            if let Some(result) = func.insts[inst.index()].result
                && let Some(slot) = def_block.get_mut(result.index())
            {
                *slot = block.0;
            }
        }
    }
    // Uses outside the defining block, as (value, block); and predecessor edges.
    let mut crossing: Vec<(u32, Block)> = Vec::new();
    // Most blocks end in a jump or a branch, some have a handler: sized once.
    let mut edges: Vec<(u32, Block)> = Vec::with_capacity(2 * func.layout.len());
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let pos = positions[block.index()];
        for &param in &data.params {
            intervals.extend(param, 2 * pos.start + 1);
        }
        let use_at = |value: Value,
                      point: u32,
                      intervals: &mut Intervals,
                      crossing: &mut Vec<(u32, Block)>| {
            intervals.extend(value, point);
            if def_block.get(value.index()).is_some_and(|&d| d != block.0) {
                crossing.push((value.0, block));
            }
        };
        for (k, &inst) in data.insts.iter().enumerate() {
            let at = pos.start + 1 + k as u32;
            let inst = &func.insts[inst.index()];
            // `YieldFrom` runs again after each resumption, with the value sent in
            // already written to its result register, so its delegate operand must
            // stay live past that write (never share the result's register).
            let read = if inst.op == crate::ir::Op::YieldFrom {
                2 * at + 1
            } else {
                2 * at
            };
            for &arg in &inst.args {
                use_at(arg, read, &mut intervals, &mut crossing);
            }
            if let Some(result) = inst.result {
                intervals.extend(result, 2 * at + 1);
            }
        }
        if let Some(term) = &data.term {
            term.for_each_use(|value| use_at(value, 2 * pos.term, &mut intervals, &mut crossing));
            for succ in term.successors() {
                edges.push((succ.0, block));
            }
        }
        if let Some(handler) = data.handler {
            edges.push((handler.0, block));
        }
    }
    if crossing.is_empty() {
        return intervals;
    }
    let preds = Adjacency::build(nblocks, &edges);
    let by_value = Adjacency::build(nvalues, &crossing);
    // `live_in[b] == v + 1`: value `v` is already known to be live into block `b`.
    let mut live_in = vec![0u32; nblocks];
    let mut stack: Vec<Block> = Vec::new();
    let mut value = 0;
    while value < nvalues {
        let uses = by_value.of(value);
        if uses.is_empty() {
            value += 1;
            continue;
        }
        let (v, stamp, def) = (Value::new(value), value as u32 + 1, def_block[value]);
        stack.extend_from_slice(uses);
        while let Some(block) = stack.pop() {
            let b = block.index();
            if live_in[b] == stamp {
                continue;
            }
            live_in[b] = stamp;
            intervals.extend(v, 2 * positions[b].start);
            for &pred in preds.of(b) {
                intervals.extend(v, 2 * positions[pred.index()].term + 1);
                if pred.0 != def && live_in[pred.index()] != stamp {
                    stack.push(pred);
                }
            }
        }
        value += 1;
    }
    intervals
}

/// The free temporary registers as a bitset (bit `r - base` for register `r`), so the
/// lowest suitable one is a scan of a few words rather than heap operations. Functions
/// rarely need more than a few dozen temporaries, so the set is usually one word.
struct FreeRegs {
    base: u32,
    words: Vec<u64>,
}

impl FreeRegs {
    fn contains(&self, reg: u32) -> bool {
        let Some(bit) = reg.checked_sub(self.base) else {
            return false;
        };
        self.words
            .get(bit as usize / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    fn insert(&mut self, reg: u32) {
        let bit = (reg - self.base) as usize;
        if bit / 64 >= self.words.len() {
            self.words.resize(bit / 64 + 1, 0);
        }
        self.words[bit / 64] |= 1 << (bit % 64);
    }

    fn take(&mut self, reg: u32) {
        let bit = (reg - self.base) as usize;
        if let Some(word) = self.words.get_mut(bit / 64) {
            *word &= !(1 << (bit % 64));
        }
    }

    /// The lowest free register not in `avoid`, else the lowest free one.
    fn lowest(&self, avoid: &[u32]) -> Option<u32> {
        let mut first = None;
        for (index, &word) in self.words.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                let reg = self.base + 64 * index as u32 + rest.trailing_zeros();
                if !avoid.contains(&reg) {
                    return Some(reg);
                }
                first.get_or_insert(reg);
                rest &= rest - 1;
            }
        }
        first
    }
}

/// Allocates a register to every SSA value of `func`, temporaries starting at `nlocals`.
pub fn allocate(func: &Function, nlocals: u32) -> Allocation {
    let nvalues = func.values.len();
    let positions = number_layout(func);
    let intervals = live_intervals(func, &positions);
    // Coalescing partners: a block parameter and the values passed to it, in edge order.
    let mut pairs: Vec<(u32, Value)> = Vec::new();
    for &block in &func.layout {
        let Some(term) = &func.blocks[block.index()].term else {
            continue;
        };
        for edge in term.edges() {
            let params = &func.blocks[edge.block.index()].params;
            for (&arg, &param) in edge.args.iter().zip(params) {
                if arg.index() < nvalues && param.index() < nvalues {
                    pairs.push((arg.0, param));
                    pairs.push((param.0, arg));
                }
            }
        }
    }
    let partners = Adjacency::build(nvalues, &pairs);

    let mut order: Vec<(u32, u32, u32)> = intervals
        .0
        .iter()
        .enumerate()
        .filter(|&(_, &(lo, hi))| lo <= hi)
        .map(|(v, &(lo, hi))| (lo, hi, v as u32))
        .collect();
    order.sort_unstable();
    let mut regs: Vec<Option<u32>> = vec![None; nvalues];
    let mut free = FreeRegs {
        base: nlocals,
        words: Vec::new(),
    };
    // Active intervals, bucketed by the point where they end: `expiring[p]` heads a list
    // (linked through `next_expiring`, by value) of the values whose interval ends at `p`.
    // Every interval ends at or after the start being allocated, so the buckets behind
    // `expired_to` are empty and each point's bucket is emptied once, in order.
    let npoints = order
        .iter()
        .map(|&(_, hi, _)| hi as usize + 1)
        .max()
        .unwrap_or(0);
    let mut expiring = vec![u32::MAX; npoints];
    let mut next_expiring = vec![u32::MAX; nvalues];
    let mut expired_to = 0usize;
    let mut avoid: Vec<u32> = Vec::new();
    let mut nregs = nlocals;
    for (start, end, value) in order {
        // Free the registers of every interval ending before `start`.
        while expired_to < start as usize {
            let mut v = std::mem::replace(&mut expiring[expired_to], u32::MAX);
            while v != u32::MAX {
                if let Some(reg) = regs[v as usize] {
                    free.insert(reg);
                }
                v = next_expiring[v as usize];
            }
            expired_to += 1;
        }
        let value = value as usize;
        // Without block parameters (most functions) there are no partners to consult.
        let hinted = if pairs.is_empty() {
            None
        } else {
            partners
                .of(value)
                .iter()
                .filter_map(|p| regs.get(p.index()).copied().flatten())
                .find(|&r| free.contains(r))
        };
        let reg = match hinted {
            Some(reg) => Some(reg),
            None => {
                // An edge argument that cannot share its parameter's register should at
                // least avoid the registers of the target's other parameters, or the edge's
                // moves form a cycle.
                avoid.clear();
                let partners_of = if pairs.is_empty() {
                    &[][..]
                } else {
                    partners.of(value)
                };
                for p in partners_of {
                    if let Some(ValueDef::Param(block, _)) = func.values.get(p.index()) {
                        avoid.extend(
                            func.blocks[block.index()]
                                .params
                                .iter()
                                .filter_map(|q| regs.get(q.index()).copied().flatten()),
                        );
                    }
                }
                free.lowest(&avoid)
            }
        };
        let reg = match reg {
            Some(reg) => {
                free.take(reg);
                reg
            }
            None => {
                nregs += 1;
                nregs - 1
            }
        };
        regs[value] = Some(reg);
        next_expiring[value] = std::mem::replace(&mut expiring[end as usize], value as u32);
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
