//! Local-variable forwarding: instructions read and write a local's register directly
//! instead of going through a temporary copy, when that cannot change behaviour.
//!
//! The IR keeps locals out of SSA: reading one is `v = load_fast x` (the `LoadFast`
//! opcode, which raises `UnboundLocalError` on an unset local) and writing one is
//! `store_fast x v` (a `Move`). Straight translation turns `x = x + i` into four
//! instructions where one does. After register allocation this module finds:
//!
//! - **Loads** `v = load_fast x` where `x` is *definitely assigned* at that point (so
//!   the unbound check cannot fire), every use of `v` comes later in the same block, and
//!   no instruction from the load to the last use writes `x` (`store_fast`,
//!   `delete_fast`, `load_fast_and_clear`). `v` then lives in `x`'s own register and the
//!   load is not emitted. A use by `release` (which clears its register) is never
//!   forwarded. This relies on a frame's fast locals changing only through its own
//!   instructions: `frame.f_locals` is a snapshot here (CPython 3.13's write-through
//!   proxy, PEP 667, would need the window to exclude anything that can run code).
//! - **Stores** `store_fast x v` right after the instruction defining `v`, when that is
//!   `v`'s only use and the defining opcode writes its destination only after reading
//!   all its operands and only on success (every opcode in [`writes_last`]). The
//!   definer then writes `x` itself and the `Move` is not emitted; if it raises, `x`
//!   keeps its old value, exactly as when the store was never reached.
//! - **Loop variables**: a `for` loop's body that starts by storing the item into `x`
//!   (and is entered only from its `ForIter`) gets the item written by `ForIter` straight
//!   into `x`; on exhaustion `ForIter` leaves `x` alone, as Python does.
//!
//! Definite assignment is a forward dataflow over the blocks: parameters are assigned
//! on entry, `store_fast` assigns (except a store of a value that may be the unset
//! marker: what `load_fast_and_clear` saved for a PEP 709 comprehension, directly or
//! through block parameters, which unassigns when restored), `delete_fast` and
//! `load_fast_and_clear` unassign, a
//! block's entry state is the intersection over its predecessors, and an exception
//! handler's entry state is the intersection, over the blocks it protects, of each
//! block's entry state minus whatever that block unassigns (a raise can happen anywhere
//! in it). Temporaries never use local registers (`regalloc`), so giving a value a local's
//! register cannot collide with another temporary.

use crate::ir::{Block, Function, Imm, Inst, Op, Terminator, Value, ValueDef};

use super::regalloc::{Allocation, HAS_CLEAR, HAS_FAST, HAS_FOR_ITER, HAS_RELEASE, RegScratch};

/// Working memory kept between functions (see `codegen`).
#[derive(Default)]
pub struct ForwardScratch {
    maybe_unset: Vec<bool>,
    /// The entry state of every block, `words` words each.
    state: Vec<u64>,
    queued: Vec<bool>,
    reached: Vec<bool>,
    worklist: std::collections::VecDeque<Block>,
    /// One block's state while walking it, and what survives anywhere in it.
    out: Vec<u64>,
    lowest: Vec<u64>,
    /// Every forwarded load, for [`Decider::take_back`].
    undo: Vec<(Value, u32, Inst)>,
    /// The range of the undo log that each block's last walk filled (`None` until walked).
    walks: Vec<Option<(u32, u32)>>,
}

/// Marks in `skip` (by instruction index; those past its end are not left out) the
/// instructions codegen leaves out, after pointing the values they defined or stored at
/// local registers in `alloc`. `regs` is the allocator's memory of the same function: it
/// counted each value's uses and noted which local-variable instructions occur while it
/// walked the layout.
pub fn forward_locals_into(
    func: &Function,
    alloc: &mut Allocation,
    regs: &RegScratch,
    scratch: &mut ForwardScratch,
    skip: &mut Vec<bool>,
) {
    // An instruction past the end of `skip` is emitted, so a function with nothing to
    // forward (no fast locals: module and class bodies, many small functions) leaves it
    // empty instead of clearing a flag per instruction.
    skip.clear();
    let nlocals = func.locals.len();
    let ops = regs.local_ops();
    if nlocals == 0 || ops & HAS_FAST == 0 {
        return;
    }
    skip.resize(func.insts.len(), false);
    if ops & HAS_FOR_ITER != 0 {
        forward_loop_items(func, alloc, regs, skip);
    }
    if only_loads_parameters(func, regs) {
        forward_parameter_loads(func, alloc, regs, skip);
        return;
    }
    let mut maybe_unset = std::mem::take(&mut scratch.maybe_unset);
    maybe_unset.clear();
    if ops & HAS_CLEAR != 0 {
        maybe_unset_values(func, regs, &mut maybe_unset);
    }
    let is_unset = |v: Value| maybe_unset.get(v.index()).copied().unwrap_or(false);
    forward_by_dataflow(func, &is_unset, alloc, regs, scratch, skip);
    scratch.maybe_unset = maybe_unset;
}

/// Whether every local-variable instruction of `func` is a `load_fast` of a parameter.
/// Nothing then unassigns a parameter, so each load reads a definitely assigned local
/// (in an unreached block too, whose state is "everything"), and no store can be
/// forwarded: the dataflow has nothing to decide. Small functions that only read their
/// arguments (methods, lambdas, comprehensions) are common enough for this to pay.
fn only_loads_parameters(func: &Function, regs: &RegScratch) -> bool {
    let nparams = parameter_count(func).min(func.locals.len());
    regs.all_local_insts().iter().all(|&(_, inst)| {
        let data = &func.insts[inst.index()];
        data.op == Op::LoadFast && matches!(data.imm, Imm::Local(local) if local.index() < nparams)
    })
}

/// [`forward_locals_into`]'s walk when [`only_loads_parameters`] holds: every load may
/// forward, as far as definite assignment goes.
fn forward_parameter_loads(
    func: &Function,
    alloc: &mut Allocation,
    regs: &RegScratch,
    skip: &mut [bool],
) {
    for &block in &func.layout {
        for (index, &(_, inst)) in regs.local_insts(block).iter().enumerate() {
            let inst_data = &func.insts[inst.index()];
            if let (Imm::Local(local), Some(v)) = (inst_data.imm, inst_data.result)
                && load_can_forward(func, block, index, v, local.index(), regs)
            {
                alloc.regs[v.index()] = local.index() as u32;
                skip[inst.index()] = true;
            }
        }
    }
}

/// How many of `func`'s locals are parameters (assigned on entry).
fn parameter_count(func: &Function) -> usize {
    func.argcount as usize
        + func.kwonlyargcount as usize
        + usize::from(func.flags.contains(crate::ir::CodeFlags::VARARGS))
        + usize::from(func.flags.contains(crate::ir::CodeFlags::VARKEYWORDS))
}

/// Writes `for` items straight into the loop variable (see the module docs).
fn forward_loop_items(
    func: &Function,
    alloc: &mut Allocation,
    regs: &RegScratch,
    skip: &mut [bool],
) {
    // How many edges (exception edges included) enter `block`.
    let entries = |block: Block| {
        regs.edges()
            .iter()
            .filter(|&&(to, _)| to == block.0)
            .count()
    };
    for &block in &func.layout {
        let Some(Terminator::ForIter { body, .. }) = &func.blocks[block.index()].term else {
            continue;
        };
        let target = &func.blocks[body.block.index()];
        let Some(&item) = target.params.get(body.args.len()) else {
            continue;
        };
        let Some(&first) = target.insts.first() else {
            continue;
        };
        let store = &func.insts[first.index()];
        if let (Op::StoreFast, Imm::Local(local)) = (store.op, store.imm)
            && func.args_of(store).first() == Some(&item)
            && regs.use_count(item) == 1
            && entries(body.block) == 1
        {
            alloc.regs[item.index()] = local.index() as u32;
            skip[first.index()] = true;
        }
    }
}

/// Whether every use of `v` (`count` of them, `v` loaded from `local` by the `index`-th
/// local-variable instruction of `block`) comes later in the same block, none is a
/// `release`, and nothing from the load to the last use writes `local`. Inlined into
/// both callers: it runs for every load of a definitely assigned local, and a call's
/// set-up cost a fair part of its work.
#[inline(always)]
fn load_can_forward(
    func: &Function,
    block: Block,
    index: usize,
    v: Value,
    local: usize,
    regs: &RegScratch,
) -> bool {
    let locals = regs.local_insts(block);
    let position = locals[index].0 as usize;
    let count = regs.use_count(v);
    if count > 0 && (regs.local_ops() & HAS_RELEASE == 0 || !regs.is_released(v)) {
        // Unless a `release` reads `v`, only the writes to `local` between the load and
        // the last use matter, and the allocator knows both where that use is and where
        // the block's local-variable instructions are.
        let Some(last) = regs.last_use_in(v, block) else {
            return false;
        };
        // The block's local-variable instructions after the load.
        return locals[index + 1..]
            .iter()
            .take_while(|&&(at, _)| (at as usize) < last)
            .all(|&(_, inst)| {
                let inst_data = &func.insts[inst.index()];
                !(matches!(
                    inst_data.op,
                    Op::StoreFast | Op::DeleteFast | Op::LoadFastAndClear
                ) && inst_data.imm == Imm::Local(crate::ir::LocalId::new(local)))
            });
    }
    let data = &func.blocks[block.index()];
    let mut left = count;
    for &inst in &data.insts[position + 1..] {
        let inst_data = &func.insts[inst.index()];
        let here = func.args_of(inst_data).iter().filter(|&&a| a == v).count() as u32;
        if here > 0 && inst_data.op == Op::Release {
            return false;
        }
        left = left.saturating_sub(here);
        if left == 0 {
            return true;
        }
        let writes_local = matches!(
            inst_data.op,
            Op::StoreFast | Op::DeleteFast | Op::LoadFastAndClear
        ) && inst_data.imm == Imm::Local(crate::ir::LocalId::new(local));
        if writes_local {
            return false;
        }
    }
    // The rest must be read by the block's terminator.
    data.term
        .as_ref()
        .is_some_and(|t| t.uses().filter(|&u| u == v).count() as u32 == left)
}

/// Whether `v`, stored to a local right after `definer`, is `definer`'s result in a
/// temporary register, from an opcode that writes its destination last.
fn store_can_forward(
    func: &Function,
    definer: Inst,
    v: Value,
    alloc: &Allocation,
    nlocals: usize,
) -> bool {
    let data = &func.insts[definer.index()];
    data.result == Some(v)
        && matches!(func.values[v.index()], ValueDef::Inst(i) if i == definer)
        && alloc.reg(v).is_some_and(|r| r as usize >= nlocals)
        && writes_last(data.op)
}

/// Opcodes that read every operand before writing their destination, and write it only
/// when they succeed, as one instruction: a store after them may be folded into them.
fn writes_last(op: Op) -> bool {
    matches!(
        op,
        Op::Const
            | Op::LoadGlobal
            | Op::LoadDeref
            | Op::LoadName
            | Op::GetAttr
            | Op::GetItem
            | Op::Binary
            | Op::Inplace
            | Op::Unary
            | Op::Not
            | Op::Compare
            | Op::BuildTuple
            | Op::BuildList
            | Op::BuildSet
            | Op::BuildMap
            | Op::BuildString
            | Op::BuildSlice
            | Op::FormatValue
            | Op::TupleGet
            | Op::Call
            | Op::CallMethod
            | Op::CallKw
            | Op::CallEx
            | Op::CallIntrinsic
            | Op::MakeFunction
            | Op::GetIter
            | Op::GetLen
            | Op::ImportName
            | Op::ImportFrom
    )
}

/// The values that may hold the unset marker: results of `load_fast_and_clear`, and
/// block parameters that receive one (indexed by value), into `maybe`. The allocator's
/// list of local-variable instructions holds every laid-out `load_fast_and_clear`, so
/// only those few instructions are read, not the whole arena.
fn maybe_unset_values(func: &Function, regs: &RegScratch, maybe: &mut Vec<bool>) {
    maybe.resize(func.values.len(), false);
    let mut any = false;
    for &(_, inst) in regs.all_local_insts() {
        let inst = &func.insts[inst.index()];
        if inst.op == Op::LoadFastAndClear
            && let Some(v) = inst.result
        {
            maybe[v.index()] = true;
            any = true;
        }
    }
    let mut changed = any;
    while changed {
        changed = false;
        for &block in &func.layout {
            let Some(term) = &func.blocks[block.index()].term else {
                continue;
            };
            for edge in term.edges() {
                let params = &func.blocks[edge.block.index()].params;
                for (arg, param) in edge.args.iter().zip(params) {
                    if maybe[arg.index()] && !maybe[param.index()] {
                        maybe[param.index()] = true;
                        changed = true;
                    }
                }
            }
        }
    }
}

/// A set of local indices, as bits in words borrowed from a scratch buffer.
struct LocalSet<'a>(&'a mut [u64]);

impl LocalSet<'_> {
    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }
}

/// Makes `dst` a copy of the set `src`. Most functions have under 64 locals, and one word
/// is cheaper pushed than copied by a call.
#[inline]
fn copy_set(dst: &mut Vec<u64>, src: &[u64]) {
    dst.clear();
    match src {
        [word] => dst.push(*word),
        _ => dst.extend_from_slice(src),
    }
}

/// Intersects `set` with `other`; true if `set` changed. Most functions have under 64
/// locals, and one word needs no loop.
#[inline]
fn meet(set: &mut [u64], other: &[u64]) -> bool {
    if let ([a], [b]) = (&mut *set, other) {
        let new = *a & b;
        let changed = new != *a;
        *a = new;
        return changed;
    }
    let mut changed = false;
    for (a, b) in set.iter_mut().zip(other) {
        let new = *a & b;
        changed |= new != *a;
        *a = new;
    }
    changed
}

/// Runs the definite-assignment dataflow (`words` words per block in `scratch.state`,
/// indexed by block) and decides every load and store as it walks each block, so that
/// the blocks are walked once, not once for the dataflow and once more to decide. A
/// block walked again because its entry state shrank takes back its earlier load
/// decisions first (its stores do not depend on the state and stay decided); the last
/// walk of a block sees its final state, so the decisions are those of a separate walk
/// after the dataflow. (A block reached but outside the layout gets decisions too, which
/// nothing reads: codegen rejects a jump or handler leading out of the layout.)
fn forward_by_dataflow<F: Fn(Value) -> bool>(
    func: &Function,
    maybe_unset: &F,
    alloc: &mut Allocation,
    regs: &RegScratch,
    scratch: &mut ForwardScratch,
    skip: &mut [bool],
) {
    let nblocks = func.blocks.len();
    let words = func.locals.len().div_ceil(64);
    let ForwardScratch {
        state,
        queued,
        reached,
        worklist,
        out,
        lowest,
        undo,
        walks,
        ..
    } = scratch;
    // Unreached blocks keep "everything" (the identity of the intersection; bits past the
    // last local are set too, and no query reads them).
    state.clear();
    state.resize(nblocks * words, u64::MAX);
    reached.clear();
    reached.resize(nblocks, false);
    walks.clear();
    walks.resize(nblocks, None);
    undo.clear();
    let mut decider = Decider {
        func,
        regs,
        maybe_unset,
        alloc,
        skip,
        undo,
    };
    if let Some(&entry) = func.layout.first() {
        let params = &mut state[entry.index() * words..][..words];
        params.fill(0);
        let mut params = LocalSet(params);
        for i in 0..parameter_count(func).min(func.locals.len()) {
            params.insert(i);
        }
        // A worklist in layout order: a block is (re)visited when first reached or when
        // its entry state shrinks, so the work is proportional to the changes, not to
        // rounds over the whole function.
        queued.clear();
        queued.resize(nblocks, false);
        worklist.clear();
        worklist.push_back(entry);
        queued[entry.index()] = true;
        reached[entry.index()] = true;
        while let Some(block) = worklist.pop_front() {
            queued[block.index()] = false;
            let data = &func.blocks[block.index()];
            let first = match walks[block.index()] {
                Some((from, to)) => {
                    decider.take_back(from as usize..to as usize);
                    false
                }
                None => true,
            };
            copy_set(out, &state[block.index() * words..][..words]);
            copy_set(lowest, out);
            let from = decider.undo.len() as u32;
            decider.walk(block, first, out, lowest);
            walks[block.index()] = Some((from, decider.undo.len() as u32));
            // The handler receives what survives anywhere in the block, the successors
            // what the block ends with.
            let mut flow = |succ: Block, flowing: &[u64]| {
                // A one-word state (under 64 locals, most functions) is the block's
                // own word, found without slicing.
                let changed = match flowing {
                    [word] => meet(std::slice::from_mut(&mut state[succ.index()]), &[*word]),
                    _ => meet(&mut state[succ.index() * words..][..words], flowing),
                };
                if (changed || !reached[succ.index()]) && !queued[succ.index()] {
                    reached[succ.index()] = true;
                    queued[succ.index()] = true;
                    worklist.push_back(succ);
                }
            };
            if let Some(handler) = data.handler {
                flow(handler, lowest);
            }
            if let Some(term) = &data.term {
                for succ in term.successors() {
                    flow(succ, out);
                }
            }
        }
    }
    // The blocks the dataflow never reached are decided from "everything".
    for &block in &func.layout {
        if walks[block.index()].is_none() {
            copy_set(out, &state[block.index() * words..][..words]);
            copy_set(lowest, out);
            decider.walk(block, true, out, lowest);
        }
    }
}

/// What [`forward_by_dataflow`] decides with: the function, and where decisions go.
struct Decider<'a, F> {
    func: &'a Function,
    regs: &'a RegScratch,
    maybe_unset: &'a F,
    alloc: &'a mut Allocation,
    skip: &'a mut [bool],
    /// Every forwarded load with its value's register before, so that a block walked
    /// again can take its decisions back.
    undo: &'a mut Vec<(Value, u32, Inst)>,
}

impl<F: Fn(Value) -> bool> Decider<'_, F> {
    /// Decides `block`'s loads, and its stores when `first`, from its entry state in
    /// `out`, which it leaves holding the state the block ends with, and `lowest` (a copy
    /// of `out`) holding what is assigned throughout the block.
    #[inline(always)]
    fn walk(&mut self, block: Block, first: bool, out: &mut [u64], lowest: &mut [u64]) {
        let (func, regs) = (self.func, self.regs);
        let nlocals = func.locals.len();
        let data = &func.blocks[block.index()];
        let (mut assigned, mut lowest) = (LocalSet(out), LocalSet(lowest));
        for (index, &(position, inst)) in regs.local_insts(block).iter().enumerate() {
            let position = position as usize;
            let inst_data = &func.insts[inst.index()];
            let Imm::Local(local) = inst_data.imm else {
                continue;
            };
            let local = local.index();
            match (inst_data.op, inst_data.result) {
                (Op::LoadFast, Some(v))
                    if assigned.contains(local)
                        && load_can_forward(func, block, index, v, local, regs) =>
                {
                    self.undo.push((v, self.alloc.regs[v.index()], inst));
                    self.alloc.regs[v.index()] = local as u32;
                    self.skip[inst.index()] = true;
                }
                (Op::StoreFast, _) => {
                    let stored = func.args_of(inst_data).first().copied();
                    if first
                        && let Some(v) = stored
                        && regs.use_count(v) == 1
                        && position > 0
                        && store_can_forward(func, data.insts[position - 1], v, self.alloc, nlocals)
                    {
                        self.alloc.regs[v.index()] = local as u32;
                        self.skip[inst.index()] = true;
                    }
                    // A store of a value that may be the unset marker unassigns.
                    match stored {
                        Some(v) if !(self.maybe_unset)(v) => assigned.insert(local),
                        _ => {
                            assigned.remove(local);
                            lowest.remove(local);
                        }
                    }
                }
                (Op::DeleteFast | Op::LoadFastAndClear, _) => {
                    assigned.remove(local);
                    lowest.remove(local);
                }
                _ => {}
            }
        }
    }

    /// Takes back the load decisions logged in `range` of the undo log.
    fn take_back(&mut self, range: std::ops::Range<usize>) {
        for &(v, reg, inst) in &self.undo[range] {
            self.alloc.regs[v.index()] = reg;
            self.skip[inst.index()] = false;
        }
    }
}
