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

use crate::ir::{Block, Function, Imm, Op, Terminator, Value, ValueDef};

use super::regalloc::Allocation;

/// The instructions (by instruction index) codegen leaves out, after pointing the values
/// they defined or stored at local registers in `alloc`.
pub fn forward_locals(func: &Function, alloc: &mut Allocation) -> Vec<bool> {
    let mut skip = vec![false; func.insts.len()];
    let nlocals = func.locals.len();
    if nlocals == 0
        || !func
            .insts
            .iter()
            .any(|i| matches!(i.op, Op::LoadFast | Op::StoreFast))
    {
        return skip;
    }
    let uses = use_counts(func);
    forward_loop_items(func, alloc, &uses, &mut skip);
    let maybe_unset = maybe_unset_values(func);
    let assigned_in = definitely_assigned(func, nlocals, &maybe_unset);
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let mut assigned = assigned_in[block.index()].clone();
        for (position, &inst) in data.insts.iter().enumerate() {
            let inst_data = &func.insts[inst.index()];
            let local = match inst_data.imm {
                Imm::Local(l) => Some(l.index()),
                _ => None,
            };
            match (inst_data.op, local, inst_data.result) {
                (Op::LoadFast, Some(local), Some(v))
                    if assigned.contains(local)
                        && load_can_forward(func, block, position, v, local, uses[v.index()]) =>
                {
                    alloc.regs[v.index()] = Some(local as u32);
                    skip[inst.index()] = true;
                }
                (Op::StoreFast, Some(local), _) => {
                    if let Some(&v) = inst_data.args.first()
                        && uses[v.index()] == 1
                        && position > 0
                        && store_can_forward(func, data.insts[position - 1], v, alloc, nlocals)
                    {
                        alloc.regs[v.index()] = Some(local as u32);
                        skip[inst.index()] = true;
                    }
                    match inst_data.args.first() {
                        Some(v) if !maybe_unset[v.index()] => assigned.insert(local),
                        _ => assigned.remove(local),
                    }
                }
                (Op::DeleteFast | Op::LoadFastAndClear, Some(local), _) => {
                    assigned.remove(local);
                }
                _ => {}
            }
        }
    }
    skip
}

/// Writes `for` items straight into the loop variable (see the module docs).
fn forward_loop_items(func: &Function, alloc: &mut Allocation, uses: &[u32], skip: &mut [bool]) {
    let mut entries = vec![0u32; func.blocks.len()];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        if let Some(handler) = data.handler {
            entries[handler.index()] += 1;
        }
        for succ in data.term.iter().flat_map(|t| t.successors()) {
            entries[succ.index()] += 1;
        }
    }
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
            && store.args.first() == Some(&item)
            && uses[item.index()] == 1
            && entries[body.block.index()] == 1
        {
            alloc.regs[item.index()] = Some(local.index() as u32);
            skip[first.index()] = true;
        }
    }
}

/// Whether every use of `v` (`count` of them, `v` loaded from `local` at `position` of
/// `block`) comes later in the same block, none is a `release`, and nothing from the
/// load to the last use writes `local`.
fn load_can_forward(
    func: &Function,
    block: Block,
    position: usize,
    v: Value,
    local: usize,
    count: u32,
) -> bool {
    let data = &func.blocks[block.index()];
    let mut left = count;
    for &inst in &data.insts[position + 1..] {
        let inst_data = &func.insts[inst.index()];
        let here = inst_data.args.iter().filter(|&&a| a == v).count() as u32;
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
    definer: crate::ir::Inst,
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

/// How many times each value is read (instruction operands, terminator operands and
/// edge arguments).
fn use_counts(func: &Function) -> Vec<u32> {
    let mut uses = vec![0u32; func.values.len()];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        for &inst in &data.insts {
            for &a in &func.insts[inst.index()].args {
                uses[a.index()] += 1;
            }
        }
        if let Some(term) = &data.term {
            for u in term.uses() {
                uses[u.index()] += 1;
            }
        }
    }
    uses
}

/// The values that may hold the unset marker: results of `load_fast_and_clear`, and
/// block parameters that receive one (indexed by value).
fn maybe_unset_values(func: &Function) -> Vec<bool> {
    let mut maybe = vec![false; func.values.len()];
    let mut any = false;
    for inst in &func.insts {
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
    maybe
}

/// A set of local indices.
#[derive(Clone, PartialEq, Eq)]
struct LocalSet(Vec<u64>);

impl LocalSet {
    fn empty(n: usize) -> Self {
        LocalSet(vec![0; n.div_ceil(64)])
    }

    /// Every local (bits past `n` are set too; no query ever reads them).
    fn full(n: usize) -> Self {
        LocalSet(vec![u64::MAX; n.div_ceil(64)])
    }

    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn remove(&mut self, i: usize) {
        self.0[i / 64] &= !(1 << (i % 64));
    }

    /// Intersects with `other`; true if this set changed.
    fn meet(&mut self, other: &LocalSet) -> bool {
        let mut changed = false;
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            let new = *a & b;
            changed |= new != *a;
            *a = new;
        }
        changed
    }
}

/// The locals definitely assigned on entry to each block (indexed by block).
fn definitely_assigned(func: &Function, nlocals: usize, maybe_unset: &[bool]) -> Vec<LocalSet> {
    // Unreached blocks keep "everything" (the identity of the intersection); they are
    // never emitted with a state that matters.
    let mut state = vec![LocalSet::full(nlocals); func.blocks.len()];
    let Some(&entry) = func.layout.first() else {
        return state;
    };
    let mut params = LocalSet::empty(nlocals);
    let nparams = func.argcount as usize
        + func.kwonlyargcount as usize
        + usize::from(func.flags.contains(crate::ir::CodeFlags::VARARGS))
        + usize::from(func.flags.contains(crate::ir::CodeFlags::VARKEYWORDS));
    for i in 0..nparams.min(nlocals) {
        params.insert(i);
    }
    state[entry.index()] = params;
    // A worklist in layout order: a block is (re)visited when first reached or when its
    // entry state shrinks, so the work is proportional to the changes, not to rounds over
    // the whole function.
    let mut queued = vec![false; func.blocks.len()];
    let mut reached = vec![false; func.blocks.len()];
    let mut worklist = std::collections::VecDeque::from([entry]);
    queued[entry.index()] = true;
    reached[entry.index()] = true;
    while let Some(block) = worklist.pop_front() {
        queued[block.index()] = false;
        let data = &func.blocks[block.index()];
        let mut out = state[block.index()].clone();
        let mut lowest = out.clone();
        for &inst in &data.insts {
            let inst_data = &func.insts[inst.index()];
            if let Imm::Local(l) = inst_data.imm {
                let unsetting_store = inst_data.op == Op::StoreFast
                    && inst_data
                        .args
                        .first()
                        .is_none_or(|v| maybe_unset[v.index()]);
                match inst_data.op {
                    Op::StoreFast if !unsetting_store => out.insert(l.index()),
                    Op::StoreFast | Op::DeleteFast | Op::LoadFastAndClear => {
                        out.remove(l.index());
                        lowest.remove(l.index());
                    }
                    _ => {}
                }
            }
        }
        let handler = data.handler.map(|h| (h, &lowest));
        let successors = data
            .term
            .iter()
            .flat_map(|t| t.successors())
            .map(|s| (s, &out));
        for (succ, flowing) in handler.into_iter().chain(successors) {
            let changed = state[succ.index()].meet(flowing);
            if (changed || !reached[succ.index()]) && !queued[succ.index()] {
                reached[succ.index()] = true;
                queued[succ.index()] = true;
                worklist.push_back(succ);
            }
        }
    }
    state
}
