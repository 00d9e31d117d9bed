//! Register allocation for SSA values: liveness analysis, one live interval per value over
//! the IR layout, and a linear-scan allocator that reuses registers and coalesces block
//! parameters with their arguments when it can. The parallel moves that implement block
//! parameters are put in order by the `moves` module.
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

use crate::ir::{Block, Function, Inst, Op, Terminator, Value, ValueDef};

/// Where each block sits in the numbering described in the module docs, and its slice of
/// [`RegScratch::local_insts`] (empty outside the layout): one table for both, as
/// `forward_locals` asks for the two together.
#[derive(Debug, Clone, Copy, Default)]
pub struct BlockPositions {
    /// The block-start index `s`.
    pub start: u32,
    /// The terminator's index `t`.
    pub term: u32,
    /// The block's local-variable instructions are `local_insts[locals.0..locals.1]`.
    locals: (u32, u32),
}

/// Marks a value without a register in [`Allocation::regs`].
pub const NO_REG: u32 = u32::MAX;

/// The allocator's result.
#[derive(Debug, Clone, Default)]
pub struct Allocation {
    /// The register of each value (indexed by `Value`), [`NO_REG`] for values never seen
    /// in the layout.
    pub regs: Vec<u32>,
    /// Registers used: locals plus temporaries.
    pub nregs: u32,
}

impl Allocation {
    /// The register holding `value`.
    #[inline]
    pub fn reg(&self, value: Value) -> Option<u32> {
        self.regs
            .get(value.index())
            .copied()
            .filter(|&reg| reg != NO_REG)
    }
}

/// A compact adjacency list: the items of key `k` are `items[start[k]..start[k + 1]]`,
/// in the order they were added. Built by counting into reused vectors.
struct Adjacency<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

impl<T> Default for Adjacency<T> {
    fn default() -> Self {
        Adjacency {
            start: Vec::new(),
            items: Vec::new(),
        }
    }
}

impl<T: Copy> Adjacency<T> {
    /// Groups `pairs` (key, item) by key, keeping their order within a key.
    fn build(&mut self, keys: usize, pairs: &[(u32, T)]) {
        let start = &mut self.start;
        start.clear();
        start.resize(keys + 1, 0);
        self.items.clear();
        let Some(&(_, first)) = pairs.first() else {
            return;
        };
        // Count into `start[key + 1]`, sum to each key's end, then fill backwards from the
        // ends (walking the pairs backwards keeps each key's items in order); every end
        // has moved down to its key's start when done.
        for &(key, _) in pairs {
            start[key as usize + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        self.items.resize(pairs.len(), first);
        for &(key, item) in pairs.iter().rev() {
            let end = &mut start[key as usize + 1];
            *end -= 1;
            self.items[*end as usize] = item;
        }
        // `start[k + 1]` now holds key k's start; shift back into place.
        start.rotate_left(1);
        start[keys] = pairs.len() as u32;
    }

    fn of(&self, key: usize) -> &[T] {
        &self.items[self.start[key] as usize..self.start[key + 1] as usize]
    }

    /// Whether key `key` has no items (also when it is out of range).
    #[inline]
    fn is_empty_at(&self, key: usize) -> bool {
        match (self.start.get(key), self.start.get(key + 1)) {
            (Some(start), Some(end)) => start == end,
            _ => true,
        }
    }
}

/// What the allocator knows of one value: its live interval `[lo, hi]` over the numbering
/// (`lo > hi` means "never seen"), the block defining it (`u32::MAX`: none seen yet,
/// [`CROSSED`]: its liveness across blocks has been computed) and how many times the
/// layout reads it (for `forward_locals`, which would otherwise walk the layout again).
#[derive(Clone, Copy)]
struct ValueInfo {
    lo: u32,
    hi: u32,
    def_block: u32,
    uses: u32,
}

const UNSEEN: ValueInfo = ValueInfo {
    lo: u32::MAX,
    hi: 0,
    def_block: u32::MAX,
    uses: 0,
};

/// [`RegScratch::local_ops`]: the layout reads or writes a local (`load_fast`,
/// `store_fast`).
pub const HAS_FAST: u8 = 1;
/// [`RegScratch::local_ops`]: the layout has a `load_fast_and_clear`.
pub const HAS_CLEAR: u8 = 2;
/// [`RegScratch::local_ops`]: the layout has a `for` loop terminator.
pub const HAS_FOR_ITER: u8 = 4;

/// [`RegScratch::local_ops`]: the layout has a `release`.
pub const HAS_RELEASE: u8 = 8;

/// The `def_block` of a value live across blocks once its interval is complete, and of
/// every block parameter once allocation starts: such a value is allocated in start order
/// from the sorted list of special intervals, not where it is defined, and its register is
/// freed through the heap of active special intervals, not at its last use.
const CROSSED: u32 = u32::MAX - 1;

impl ValueInfo {
    #[inline]
    fn extend(&mut self, point: u32) {
        self.lo = self.lo.min(point);
        self.hi = self.hi.max(point);
    }
}

/// The free temporary registers as a bitset (bit `r - base` for register `r`), so the
/// lowest suitable one is a scan of a few words rather than heap operations. Functions
/// rarely need more than 64 temporaries, so the first word is kept apart (`low`) and
/// nearly every operation is one bit operation on it, without a bounds check.
#[derive(Default)]
struct FreeRegs {
    base: u32,
    /// Bits `0..64`.
    low: u64,
    /// Bits `64..`, 64 per word.
    high: Vec<u64>,
}

impl FreeRegs {
    fn reset(&mut self, base: u32) {
        self.base = base;
        self.low = 0;
        self.high.clear();
    }

    fn contains(&self, reg: u32) -> bool {
        let Some(bit) = reg.checked_sub(self.base) else {
            return false;
        };
        if bit < 64 {
            return self.low & (1 << bit) != 0;
        }
        let bit = bit as usize - 64;
        self.high
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }

    #[inline]
    fn insert(&mut self, reg: u32) {
        let bit = reg.wrapping_sub(self.base);
        if bit < 64 {
            self.low |= 1 << bit;
        } else {
            self.insert_high(bit);
        }
    }

    #[cold]
    fn insert_high(&mut self, bit: u32) {
        let bit = bit as usize - 64;
        if bit / 64 >= self.high.len() {
            self.high.resize(bit / 64 + 1, 0);
        }
        self.high[bit / 64] |= 1 << (bit % 64);
    }

    #[inline]
    fn take(&mut self, reg: u32) {
        let bit = reg.wrapping_sub(self.base);
        if bit < 64 {
            self.low &= !(1 << bit);
        } else if let Some(word) = self.high.get_mut((bit as usize - 64) / 64) {
            *word &= !(1 << (bit % 64));
        }
    }

    /// The lowest free register.
    #[inline]
    fn first(&self) -> Option<u32> {
        if self.low != 0 {
            return Some(self.base + self.low.trailing_zeros());
        }
        self.first_high()
    }

    fn first_high(&self) -> Option<u32> {
        self.high
            .iter()
            .position(|&word| word != 0)
            .map(|index| self.base + 64 * (index as u32 + 1) + self.high[index].trailing_zeros())
    }

    /// The lowest free register not in `avoid`, else the lowest free one.
    fn lowest(&self, avoid: &[u32]) -> Option<u32> {
        if avoid.is_empty() {
            return self.first();
        }
        let mut first = None;
        let words = std::iter::once(self.low).chain(self.high.iter().copied());
        for (index, word) in words.enumerate() {
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

/// The allocator's working memory, kept between the functions of one compile so that
/// allocating a function's registers allocates no heap memory once the buffers have
/// grown to the largest function.
#[derive(Default)]
pub struct RegScratch {
    info: Vec<ValueInfo>,
    positions: Vec<BlockPositions>,
    /// Block parameters, then the values live across blocks.
    special_values: Vec<u32>,
    /// `(lo, hi, value)` of the values in `special_values`, sorted.
    special: Vec<(u32, u32, u32)>,
    /// Uses outside the defining block, as (value, block); and predecessor edges.
    crossing: Vec<(u32, Block)>,
    edges: Vec<(u32, Block)>,
    preds: Adjacency<Block>,
    live_in: Vec<u32>,
    stack: Vec<Block>,
    pairs: Vec<(u32, Value)>,
    partners: Adjacency<Value>,
    /// The special intervals holding a register, by end (see [`allocate_into`]).
    active: std::collections::BinaryHeap<std::cmp::Reverse<(u32, u32)>>,
    free: FreeRegs,
    /// One entry per position of the numbering: the value the position defines in the
    /// high half ([`NO_RESULT`] at block starts, terminators and instructions without a
    /// result), and the block-local registers to free there in the low half, as bits over
    /// the first 31 temporaries (bit 31: see `late_ends`). Liveness writes every entry as
    /// it numbers the layout, so the allocation walk reads its definitions from here,
    /// eight bytes a position where an instruction takes dozens (a large function's
    /// instructions are out of the cache again by then), and finds the registers to free
    /// on the same cache line.
    points: Vec<u64>,
    /// The other block-local registers to free, as (position, register).
    late_ends: Vec<(u32, u32)>,
    avoid: Vec<u32>,
    local_ops: u8,
    /// Whether an edge of the layout passes arguments (so block parameters have partners).
    edge_args: bool,
    /// The layout's local-variable instructions (`load_fast`, `store_fast`,
    /// `delete_fast`, `load_fast_and_clear`) in order, as (position in block, instruction).
    local_insts: Vec<(u32, Inst)>,
    /// The operands of the layout's `release` instructions (few: for-loop iterators and
    /// the like).
    released: Vec<Value>,
}

/// [`RegScratch::points`]: the high half of a position defining no value.
const NO_RESULT: u32 = u32::MAX;
/// [`RegScratch::points`]: a register past the first 31 temporaries is freed here too.
const LATE_BIT: u64 = 1 << 31;

/// The [`RegScratch::points`] entry of a position defining `result`, freeing nothing yet.
#[inline(always)]
fn point_entry(result: u32) -> u64 {
    u64::from(result) << 32
}

impl RegScratch {
    /// How many times the last allocated function's layout reads `value`: instruction
    /// operands, terminator operands and edge arguments.
    #[inline]
    pub fn use_count(&self, value: Value) -> u32 {
        self.info.get(value.index()).map_or(0, |slot| slot.uses)
    }

    /// Where the last allocated function's layout last reads `value`, defined by an
    /// instruction of `block`, as a position in `block` (its instruction count for the
    /// terminator); `None` when `value` is unread or read outside `block`. The interval
    /// ends at that read, so `forward_locals` need not search the block for it.
    pub fn last_use_in(&self, value: Value, block: Block) -> Option<usize> {
        let slot = self.info.get(value.index())?;
        if slot.uses == 0 || slot.def_block != block.0 {
            return None;
        }
        let start = self.positions.get(block.index())?.start;
        // A read is at twice its point (`YieldFrom`'s at one more).
        (slot.hi / 2).checked_sub(start + 1).map(|k| k as usize)
    }

    /// Which of [`HAS_FAST`], [`HAS_CLEAR`], [`HAS_FOR_ITER`] and [`HAS_RELEASE`] the last allocated
    /// function's layout holds.
    pub fn local_ops(&self) -> u8 {
        self.local_ops
    }

    /// The local-variable instructions of `block` in the last allocated function
    /// (`load_fast`, `store_fast`, `delete_fast`, `load_fast_and_clear`), in order, each
    /// with its position in the block: `forward_locals` looks at nothing else, and
    /// walking the block's other instructions to find them costs more than listing them.
    #[inline]
    pub fn local_insts(&self, block: Block) -> &[(u32, Inst)] {
        let (start, end) = self.positions[block.index()].locals;
        &self.local_insts[start as usize..end as usize]
    }

    /// Every local-variable instruction of the last allocated function, in layout order
    /// (the concatenation of [`RegScratch::local_insts`] over the layout).
    pub fn all_local_insts(&self) -> &[(u32, Inst)] {
        &self.local_insts
    }

    /// Whether `block` is in the last allocated function's layout: only laid-out blocks
    /// are numbered, and their terminators come after their starts, at positions past 0.
    #[inline]
    pub fn in_layout(&self, block: Block) -> bool {
        self.positions
            .get(block.index())
            .is_some_and(|positions| positions.term != 0)
    }

    /// Whether a `release` in the last allocated function's layout reads `value`.
    pub fn is_released(&self, value: Value) -> bool {
        self.released.contains(&value)
    }

    /// How many positions the last allocated function's layout numbers: its laid-out
    /// instructions, plus a start and a terminator per block.
    pub fn positions(&self) -> usize {
        self.points.len()
    }

    /// The last allocated function's control-flow edges as (successor, block), exception
    /// edges included.
    pub fn edges(&self) -> &[(u32, Block)] {
        &self.edges
    }
}

/// The operations [`live_intervals`] notes as it walks the layout (`YieldFrom`'s later
/// read, and the local-variable instructions and `release`s it lists), by `Op as usize`:
/// nearly every instruction is none of them, which one table load settles where a `match`
/// costs a range check and a jump through a table.
const NOTED_OPS: [bool; 256] = {
    let mut table = [false; 256];
    let noted = [
        Op::YieldFrom,
        Op::LoadFast,
        Op::StoreFast,
        Op::DeleteFast,
        Op::Release,
        Op::LoadFastAndClear,
    ];
    let mut i = 0;
    while i < noted.len() {
        table[noted[i] as usize] = true;
        i += 1;
    }
    table
};

/// Computes each value's live interval into `scratch.info`, and lists the block
/// parameters and values live across blocks (`scratch.special_values`).
///
/// Liveness across blocks is computed per value by walking backwards from each use in a
/// block other than the defining one, up the predecessors (exception edges included: a
/// protected block precedes its handler), until the definition's block: the value is live
/// into every block visited and out of each of their predecessors. The cost is the size of
/// the live ranges that cross blocks, not blocks times values as with per-block sets.
fn live_intervals(func: &Function, scratch: &mut RegScratch) {
    let nvalues = func.values.len();
    let nblocks = func.blocks.len();
    let RegScratch {
        info,
        positions,
        special_values,
        crossing,
        edges,
        preds,
        live_in,
        stack,
        local_ops,
        local_insts,
        edge_args,
        released,
        points,
        ..
    } = scratch;
    *local_ops = 0;
    points.clear();
    released.clear();
    *edge_args = false;
    local_insts.clear();
    info.clear();
    info.resize(nvalues, UNSEEN);
    // A slice, so that the walk keeps its start and length in registers: through the
    // vector they are loaded again after every push to `crossing`, which might move them
    // as far as the compiler knows.
    let info = info.as_mut_slice();
    positions.clear();
    positions.resize(nblocks, BlockPositions::default());
    special_values.clear();
    crossing.clear();
    edges.clear();
    // One walk numbers the layout, records definitions (in `points` too) and extends
    // intervals to their uses. A use whose definition has not been seen yet is in another block (a value is
    // defined before its uses within a block), so it counts as crossing.
    let mut next = 0u32;
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let start = next;
        let term_at = start + 1 + data.insts.len() as u32;
        next = term_at + 1;
        let first_local = local_insts.len() as u32;
        positions[block.index()] = BlockPositions {
            start,
            term: term_at,
            locals: (first_local, first_local),
        };
        points.push(point_entry(NO_RESULT));
        for &param in &data.params {
            if let Some(slot) = info.get_mut(param.index()) {
                slot.def_block = block.0;
                slot.extend(2 * start + 1);
                special_values.push(param.0);
            }
        }
        for (k, &inst_id) in data.insts.iter().enumerate() {
            let at = start + 1 + k as u32;
            let inst = &func.insts[inst_id.index()];
            // `YieldFrom` runs again after each resumption, with the value sent in
            // already written to its result register, so its delegate operand must
            // stay live past that write (never share the result's register).
            let mut read = 2 * at;
            if NOTED_OPS[inst.op as usize] {
                match inst.op {
                    Op::YieldFrom => read += 1,
                    Op::LoadFast | Op::StoreFast => {
                        *local_ops |= HAS_FAST;
                        local_insts.push((k as u32, inst_id));
                    }
                    Op::DeleteFast => local_insts.push((k as u32, inst_id)),
                    Op::Release => {
                        *local_ops |= HAS_RELEASE;
                        released.extend_from_slice(func.args_of(inst));
                    }
                    Op::LoadFastAndClear => {
                        *local_ops |= HAS_CLEAR;
                        local_insts.push((k as u32, inst_id));
                    }
                    _ => {}
                }
            }
            for &arg in func.args_of(inst) {
                use_at(info, crossing, arg, read, block);
            }
            let mut defined = NO_RESULT;
            if let Some(result) = inst.result
                && let Some(slot) = info.get_mut(result.index())
            {
                // Every point seen so far is before this one, so it ends the interval
                // (for now: later uses extend it).
                let def = 2 * at + 1;
                slot.def_block = block.0;
                slot.lo = slot.lo.min(def);
                slot.hi = def;
                defined = result.0;
            }
            points.push(point_entry(defined));
        }
        points.push(point_entry(NO_RESULT));
        positions[block.index()].locals.1 = local_insts.len() as u32;
        if let Some(term) = &data.term {
            if matches!(term, Terminator::ForIter { .. }) {
                *local_ops |= HAS_FOR_ITER;
            }
            term.for_each_use(|value| use_at(info, crossing, value, 2 * term_at, block));
            for edge in term.edges() {
                edges.push((edge.block.0, block));
                *edge_args |= !edge.args.is_empty();
            }
        }
        if let Some(handler) = data.handler {
            edges.push((handler.0, block));
        }
    }
    if crossing.is_empty() {
        return;
    }
    preds.build(nblocks, edges);
    // Group the crossing uses by value. Sorting them (few) is cheaper than a table over
    // every value; the walk's result does not depend on the order of a value's uses.
    crossing.sort_unstable_by_key(|&(value, _)| value);
    // `live_in[b] == v + 1`: value `v` is already known to be live into block `b`.
    live_in.clear();
    live_in.resize(nblocks, 0);
    for uses in crossing.chunk_by(|a, b| a.0 == b.0) {
        let value = uses[0].0 as usize;
        let (stamp, def) = (value as u32 + 1, info[value].def_block);
        let mut slot = info[value];
        stack.extend(uses.iter().map(|&(_, block)| block));
        while let Some(block) = stack.pop() {
            let b = block.index();
            if live_in[b] == stamp {
                continue;
            }
            live_in[b] = stamp;
            slot.extend(2 * positions[b].start);
            for &pred in preds.of(b) {
                slot.extend(2 * positions[pred.index()].term + 1);
                if pred.0 != def && live_in[pred.index()] != stamp {
                    stack.push(pred);
                }
            }
        }
        // Block parameters are already listed; other values now start where their
        // liveness does, possibly before their definition.
        if !matches!(func.values.get(value), Some(ValueDef::Param(..))) {
            slot.def_block = CROSSED;
            special_values.push(value as u32);
        }
        info[value] = slot;
    }
}

/// Extends `value`'s interval to a use at `point` in `block`, noting a use outside the
/// block defining it.
#[inline]
fn use_at(
    info: &mut [ValueInfo],
    crossing: &mut Vec<(u32, Block)>,
    value: Value,
    point: u32,
    block: Block,
) {
    if let Some(slot) = info.get_mut(value.index()) {
        // Points only grow along the walk, so this use is the last so far. Its point
        // never lowers `lo`: a use before the definition is in another block, whose
        // start the walk across blocks adds to the interval, and that is lower.
        slot.hi = point;
        slot.uses += 1;
        if slot.def_block != block.0 {
            crossing.push((value.0, block));
        }
    }
}

/// Allocates a register to every SSA value of `func`, temporaries starting at `nlocals`.
pub fn allocate(func: &Function, nlocals: u32) -> Allocation {
    let mut alloc = Allocation::default();
    allocate_into(func, nlocals, &mut RegScratch::default(), &mut alloc);
    alloc
}

/// [`allocate`] into `alloc`, with working memory from `scratch`.
///
/// The scan walks the layout once more, in the order of the numbering, and allocates each
/// interval at its start, as a linear scan over intervals sorted by start would: that
/// gives the fewest registers intervals without holes allow (a register is only added when
/// every temporary is held by an interval covering the current point). A value defined
/// and last used in one block (nearly every value) gives its register back at its last
/// use, which the walk recognises as the point where its interval ends; only the block
/// parameters and the values live across blocks wait in a heap ordered by their ends.
pub fn allocate_into(
    func: &Function,
    nlocals: u32,
    scratch: &mut RegScratch,
    alloc: &mut Allocation,
) {
    let nvalues = func.values.len();
    live_intervals(func, scratch);
    let RegScratch {
        info,
        positions,
        special_values,
        special,
        pairs,
        partners,
        active,
        free,
        points,
        late_ends,
        avoid,
        edge_args,
        ..
    } = scratch;
    // Coalescing partners: a block parameter and the values passed to it, in edge order.
    pairs.clear();
    if *edge_args && !special_values.is_empty() {
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
    }
    if !pairs.is_empty() {
        partners.build(nvalues, pairs);
    }
    // The block parameters and the values live across blocks, in the order a linear scan
    // takes them (start, then end, then value). Marking them all `CROSSED` tells the walk
    // below that they are allocated from this list and freed through `active`.
    special.clear();
    special.extend(special_values.iter().map(|&v| {
        let slot = &mut info[v as usize];
        slot.def_block = CROSSED;
        (slot.lo, slot.hi, v)
    }));
    special.sort_unstable();
    alloc.regs.clear();
    alloc.regs.resize(nvalues, NO_REG);
    // Both tables cut to one length: once the walk has checked a value against `info`,
    // the compiler knows it indexes `regs` too and drops the second bounds check.
    let regs = &mut alloc.regs[..nvalues];
    let info = &info[..nvalues];
    free.reset(nlocals);
    active.clear();
    late_ends.clear();
    let mut scan = Scan {
        free,
        points,
        late_ends,
        active,
        nregs: nlocals,
        next_special: 0,
        next_start: special.first().map_or(u32::MAX, |s| s.0),
        first_end: u32::MAX,
    };
    let ctx = Choice {
        func,
        pairs_empty: pairs.is_empty(),
        partners,
    };
    for &block in &func.layout {
        let BlockPositions { start, term, .. } = positions[block.index()];
        // Values live into the block start at `2 * start`, its parameters at one more.
        scan.specials_to(2 * start + 1, special, regs, &ctx, avoid);
        for at in start + 1..term {
            let def = 2 * at + 1;
            // The operands read at `2 * at` are freed before the result is allocated, as
            // the numbering allows. Special intervals start at block starts, parameters
            // and definitions, never at a read point, so checking once per instruction,
            // after the reads, keeps the order of a scan over sorted starts.
            let result = scan.free_ends(at);
            scan.specials_to(def, special, regs, &ctx, avoid);
            scan.define(result, def, info, regs, &ctx, avoid);
        }
        // Also frees what ends at the last instruction's definition (see `Scan::free_at`),
        // with or without a terminator.
        scan.free_ends(term);
    }
    // Every special interval starts at a point of the layout; this only guards against
    // malformed IR leaving one behind.
    scan.specials_to(u32::MAX, special, regs, &ctx, avoid);
    alloc.nregs = scan.nregs;
}

/// What choosing a register consults besides the free set: block-parameter partners.
struct Choice<'a> {
    func: &'a Function,
    /// No block parameters, so no partners to consult (most functions).
    pairs_empty: bool,
    partners: &'a Adjacency<Value>,
}

/// The allocation walk's state: the free registers, the special intervals holding a
/// register (a min-heap by end), the register count and the next special to allocate.
/// The start of that special and the first end in the heap are kept at hand, so the walk
/// checks each point against both with two comparisons.
struct Scan<'a> {
    free: &'a mut FreeRegs,
    /// See [`RegScratch::points`].
    points: &'a mut [u64],
    late_ends: &'a mut Vec<(u32, u32)>,
    active: &'a mut std::collections::BinaryHeap<std::cmp::Reverse<(u32, u32)>>,
    nregs: u32,
    next_special: usize,
    /// The start of `special[next_special]` (`u32::MAX` when none is left).
    next_start: u32,
    /// The smallest end in `active` (`u32::MAX` when it is empty).
    first_end: u32,
}

impl Scan<'_> {
    /// Allocates every special interval starting at or before `point`, in order. The walk
    /// asks at every instruction; nearly always none starts, which one comparison with
    /// the next start settles.
    #[inline]
    fn specials_to(
        &mut self,
        point: u32,
        special: &[(u32, u32, u32)],
        regs: &mut [u32],
        ctx: &Choice,
        avoid: &mut Vec<u32>,
    ) {
        if point < self.next_start {
            return;
        }
        while let Some(&(lo, hi, value)) = special.get(self.next_special)
            && lo <= point
        {
            self.next_special += 1;
            self.allocate(lo, value as usize, regs, ctx, avoid);
            self.active.push(std::cmp::Reverse((hi, value)));
            self.first_end = self.first_end.min(hi);
        }
        self.next_start = special.get(self.next_special).map_or(u32::MAX, |s| s.0);
    }

    /// Frees the registers of the special intervals ending before `start`.
    fn expire_specials(&mut self, start: u32, regs: &[u32]) {
        while let Some(&std::cmp::Reverse((hi, v))) = self.active.peek()
            && hi < start
        {
            self.active.pop();
            self.free.insert(regs[v as usize]);
        }
        self.first_end = self
            .active
            .peek()
            .map_or(u32::MAX, |&std::cmp::Reverse((hi, _))| hi);
    }

    /// Gives the block-local value `result` defined at `def` a register (values live
    /// across blocks are allocated with the special intervals, and [`NO_RESULT`] gets
    /// none), and frees it at once when nothing reads it.
    #[inline(always)]
    fn define(
        &mut self,
        result: u32,
        def: u32,
        info: &[ValueInfo],
        regs: &mut [u32],
        ctx: &Choice,
        avoid: &mut Vec<u32>,
    ) {
        let result = result as usize;
        if let Some(slot) = info.get(result)
            && slot.def_block != CROSSED
        {
            // Nearly always: no block-parameter partner to consult (none in the function,
            // or none for this value), no special interval ending, and a free register
            // among the first 64 temporaries. `Scan::allocate` would then pick the lowest
            // free register too.
            let reg = if self.first_end >= def
                && self.free.low != 0
                && (ctx.pairs_empty || ctx.partners.is_empty_at(result))
            {
                let reg = self.free.low.trailing_zeros();
                self.free.low &= self.free.low - 1;
                let reg = self.free.base + reg;
                regs[result] = reg;
                reg
            } else {
                self.allocate(def, result, regs, ctx, avoid)
            };
            // The walk frees the register when it reaches the interval's end (its last
            // read, or `def` itself for a result nobody reads), which is in this block.
            self.free_at(slot.hi, reg);
        }
    }

    /// Notes that block-local `reg` is free again after `point`, the end of its interval:
    /// the walk frees it at the position `point` reads at (`2k`: position `k`), or just
    /// before the next one when `point` writes (`2k + 1`, a definition or `YieldFrom`'s
    /// read), since nothing takes a register in between. The last instruction's next
    /// position is its block's terminator, which the walk frees even when absent.
    #[inline(always)]
    fn free_at(&mut self, point: u32, reg: u32) {
        let position = point.div_ceil(2) as usize;
        let bit = reg.wrapping_sub(self.free.base);
        if let Some(entry) = self.points.get_mut(position) {
            if bit < 31 {
                *entry |= 1 << bit;
            } else {
                *entry |= LATE_BIT;
                self.late_ends.push((position as u32, reg));
            }
        }
    }

    /// Frees the registers of the block-local values whose intervals end at `position`
    /// (see [`Scan::free_at`]), and returns the value `position` defines ([`NO_RESULT`]
    /// for none): both are in its [`RegScratch::points`] entry.
    #[inline(always)]
    fn free_ends(&mut self, position: u32) -> u32 {
        let Some(&entry) = self.points.get(position as usize) else {
            return NO_RESULT;
        };
        let mask = entry & (LATE_BIT - 1);
        self.free.low |= mask;
        if entry & LATE_BIT != 0 {
            self.free_late_ends(position);
        }
        (entry >> 32) as u32
    }

    /// [`Scan::free_ends`] when registers past the first 31 temporaries end too (rare).
    #[cold]
    fn free_late_ends(&mut self, position: u32) {
        let free = &mut *self.free;
        self.late_ends.retain(|&(end, reg)| {
            if end == position {
                free.insert(reg);
            }
            end != position
        });
    }

    /// Gives `value`, whose interval starts at `start`, a register: the lowest free one
    /// (preferring a partner's), or a new one.
    #[inline]
    fn allocate(
        &mut self,
        start: u32,
        value: usize,
        regs: &mut [u32],
        ctx: &Choice,
        avoid: &mut Vec<u32>,
    ) -> u32 {
        if self.first_end < start {
            self.expire_specials(start, regs);
        }
        let free = &mut *self.free;
        let reg = if ctx.pairs_empty {
            free.first()
        } else {
            let partners = ctx.partners.of(value);
            let hinted = partners
                .iter()
                .filter_map(|p| regs.get(p.index()).copied())
                .find(|&r| r != NO_REG && free.contains(r));
            match hinted {
                Some(reg) => Some(reg),
                None => {
                    // An edge argument that cannot share its parameter's register should
                    // at least avoid the registers of the target's other parameters, or
                    // the edge's moves form a cycle.
                    avoid.clear();
                    for p in partners {
                        if let Some(ValueDef::Param(block, _)) = ctx.func.values.get(p.index()) {
                            avoid.extend(
                                ctx.func.blocks[block.index()]
                                    .params
                                    .iter()
                                    .filter_map(|q| regs.get(q.index()).copied())
                                    .filter(|&r| r != NO_REG),
                            );
                        }
                    }
                    free.lowest(avoid)
                }
            }
        };
        let reg = match reg {
            Some(reg) => {
                free.take(reg);
                reg
            }
            None => {
                self.nregs += 1;
                self.nregs - 1
            }
        };
        regs[value] = reg;
        reg
    }
}
