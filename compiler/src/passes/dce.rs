//! Dead code elimination.
//!
//! 1. A block none of whose instructions nor terminator can raise loses its exception
//!    edge: the handler could never run from there.
//! 2. Blocks unreachable from the entry (through normal or exception edges) leave the layout.
//! 3. Mark and sweep over values: everything an effectful instruction or a terminator reads
//!    is live; a live result of a removable instruction makes its operands live; a live block
//!    parameter makes the matching argument of every incoming edge live. Then removable
//!    instructions with dead results are deleted, and dead block parameters are deleted with
//!    their edge arguments. Marking (rather than counting uses) also removes parameters that
//!    only feed themselves around a loop.
//!
//! 4. Constants and names that no remaining instruction refers to are dropped from the
//!    pools (CPython's `co_consts`/`co_names` hold only what the code uses); the survivors
//!    keep their order and instructions are renumbered.
//!
//! Only the operations in [`is_removable`] are ever deleted: they have no side effects and
//! cannot raise. Anything that can raise stays even when its result is unused, because the
//! exception is observable (`x.attr` for its `AttributeError`, `load_fast` for its
//! `UnboundLocalError`). A handler's exception parameter and a `for_iter` body's implicit
//! item parameter are never removed, because the edge shapes require them.

use super::op_flags::{self, OpFlags};
use super::scratch;
use crate::ir::{
    Block, BlockCall, ConstId, Function, Imm, NameId, Op, Terminator, Value, ValueDef,
};

/// Operations that have no effect beyond defining their result and cannot raise.
pub const fn is_removable(op: Op) -> bool {
    matches!(
        op,
        Op::Const
            | Op::LoadClosure
            | Op::LoadLocals
            | Op::LoadCommon
            | Op::BuildSlice
            | Op::BuildTuple
            | Op::BuildList
            | Op::BuildString
            | Op::BuildInterpolation
            | Op::BuildTemplate
            | Op::TupleGet
            | Op::MakeFunction
            | Op::MatchMapping
            | Op::MatchSequence
    )
}

// The facts `prune_and_check` gathers about each value, one bit each in a byte per value
// (setting one costs fewer instructions than a bit packed into words).

/// The value is read by something.
const READ: u8 = 1 << 0;
/// The value is read by a root of the marking: an effectful instruction or a terminator's
/// operand (not an edge argument).
const ROOT_READ: u8 = 1 << 1;
/// The value is the result of a removable instruction.
const REMOVABLE_RESULT: u8 = 1 << 2;

/// Where a value is defined, from the layout.
#[derive(Clone, Copy)]
enum Def {
    Param(Block, usize),
    Inst(crate::ir::Inst),
}

pub fn run(func: &mut Function) {
    if func.layout.is_empty() {
        return;
    }
    // Most functions come out of lowering with nothing dead (a fifth of the stdlib's have
    // something): one walk over the reachable code drops the impossible exception edges,
    // finds the reachable blocks, proves that nothing is dead and notes the pool entries in
    // use, so the marking, the edge tables and the sweeps of `sweep_dead` are skipped.
    let nothing_dead = scratch::with_scratch(|scratch| {
        if !prune_and_check(func, scratch) {
            return false;
        }
        compact_pools(func, &mut scratch.lists[POOL_REFS]);
        true
    });
    if nothing_dead {
        return;
    }
    sweep_dead(func);
    scratch::with_scratch(|scratch| {
        let pool_refs = &mut scratch.lists[POOL_REFS];
        reset_counts(pool_refs, func.consts.len() + func.names.len());
        let nconsts = func.consts.len();
        for &block in &func.layout {
            for &inst in &func.blocks[block.index()].insts {
                count_pool_use(func.insts[inst.index()].imm, pool_refs, nconsts, 1);
            }
        }
        compact_pools(func, pool_refs);
    });
}

/// Empties `counts` and makes room for `len` zeros.
fn reset_counts(counts: &mut Vec<u32>, len: usize) {
    counts.clear();
    counts.resize(len, 0);
}

/// The scratch list of reference counts of the pool entries: the constants' (`nconsts`
/// of them), then the names'. One list rather than two leaves the marking walk, which
/// counts as it goes, one pointer fewer to keep at hand.
const POOL_REFS: usize = 2;

/// Adds `delta` (one, or minus one as `u32::MAX`) to the reference count of the pool
/// entry `imm` names, if any (see [`POOL_REFS`]).
#[inline]
fn count_pool_use(imm: Imm, pool_refs: &mut [u32], nconsts: usize, delta: u32) {
    let index = match imm {
        Imm::Const(c) => c.index(),
        Imm::Name(n) => nconsts + n.index(),
        _ => return,
    };
    pool_refs[index] = pool_refs[index].wrapping_add(delta);
}

/// Steps 1 and 2 of the module docs in one walk from the entry: a block none of whose
/// instructions nor terminator can raise loses its exception edge (so a handler reached
/// only that way is not reached), and the blocks not reached leave the layout.
///
/// On the way, the walk finds out whether the marking of [`sweep_dead`] would find every
/// removable instruction and every block parameter live. It does when every parameter
/// the sweep could remove (all but a handler's and a `for_iter` body's item) is read by
/// an effectful instruction or as a terminator's operand (not an edge argument), which
/// makes it a root of the marking, and every removable instruction's result has a use:
/// following uses from a removable result then always ends at a root (instruction results
/// cannot form a cycle in SSA form, and a cycle through parameters would need a parameter
/// read only by edges), which keeps the whole chain alive. Removable instructions without
/// operands whose results are unused are the exception: the walk deletes them itself.
///
/// Returns whether that settled everything; if so, the scratch list [`POOL_REFS`] holds
/// how many remaining instructions refer to each pool entry.
#[inline]
fn prune_and_check(func: &mut Function, scratch: &mut scratch::Scratch) -> bool {
    let [reachable, kept_params, unread_insts] = &mut scratch.sets;
    let nblocks = func.blocks.len();
    reachable.reset(nblocks);
    // Blocks whose parameters the sweep keeps: all of a handler's (bit `2b`), the last of
    // a `for_iter` body's (bit `2b + 1`).
    kept_params.reset(2 * nblocks);
    // One byte of `Mark`s per value. A local slice, so that its pointer and length stay
    // in registers through the walk rather than being reloaded after every store.
    scratch.marks.clear();
    scratch.marks.resize(func.values.len(), 0);
    let marks = &mut scratch.marks[..];
    let [stack, with_params, pool_refs] = &mut scratch.lists;
    let nconsts = func.consts.len();
    reset_counts(pool_refs, nconsts + func.names.len());
    // A local slice too, for the same reason as `marks`.
    let pool_refs = &mut pool_refs[..];
    stack.clear();
    with_params.clear();
    let entry = func.layout[0];
    reachable.insert(entry.index());
    stack.push(entry.0);
    let mut reached = 1;
    while let Some(block) = stack.pop() {
        let data = &func.blocks[block as usize];
        let mut can_raise = data.term.as_ref().is_some_and(Terminator::can_raise);
        // Backward (the facts gathered do not depend on the order): after `const_fold`'s
        // forward walk, a large block's last instructions are the ones still in cache,
        // and code generation, which starts at a block's first ones, then finds those.
        for &inst in data.insts.iter().rev() {
            let inst = &func.insts[inst.index()];
            let flags = op_flags::of(inst.op);
            can_raise |= flags.contains(OpFlags::CAN_RAISE);
            // A removable instruction's pool entry counts too: should it turn out dead, its
            // count is taken back below.
            count_pool_use(inst.imm, pool_refs, nconsts, 1);
            // Half the instructions have no operands (constants, local and global loads):
            // asking first skips the bounds checks of their empty operand range.
            let has_args = !inst.args.is_empty();
            if flags.contains(OpFlags::REMOVABLE) {
                if has_args {
                    for &arg in func.args_of(inst) {
                        marks[arg.index()] |= READ;
                    }
                }
                if let Some(result) = inst.result {
                    marks[result.index()] |= REMOVABLE_RESULT;
                }
            } else if has_args {
                for &arg in func.args_of(inst) {
                    marks[arg.index()] |= READ | ROOT_READ;
                }
            }
        }
        if !data.params.is_empty() {
            with_params.push(block);
        }
        // Operands are roots of the marking; edge arguments are only reads. Each edge's
        // target is visited right where the match finds it: gathering the targets into an
        // array to loop over cost as much again per block.
        let mut visit = |next: Block| {
            if reachable.insert_new(next.index()) {
                stack.push(next.0);
                reached += 1;
            }
        };
        let mut edge = |marks: &mut [u8], call: &BlockCall| {
            for &arg in &call.args {
                marks[arg.index()] |= READ;
            }
            visit(call.block);
        };
        match &data.term {
            Some(Terminator::Jump(target)) => edge(marks, target),
            Some(Terminator::Branch {
                cond,
                then_to,
                else_to,
            }) => {
                marks[cond.index()] |= READ | ROOT_READ;
                edge(marks, then_to);
                edge(marks, else_to);
            }
            Some(Terminator::ForIter { iter, body, exit }) => {
                marks[iter.index()] |= READ | ROOT_READ;
                kept_params.insert(2 * body.block.index() + 1);
                edge(marks, body);
                edge(marks, exit);
            }
            Some(Terminator::Return(value) | Terminator::Reraise(value)) => {
                marks[value.index()] |= READ | ROOT_READ;
            }
            Some(Terminator::Raise { exc, cause }) => {
                for value in [exc, cause].into_iter().flatten() {
                    marks[value.index()] |= READ | ROOT_READ;
                }
            }
            Some(Terminator::Unreachable) | None => {}
        }
        match data.handler {
            Some(_) if !can_raise => func.blocks[block as usize].handler = None,
            Some(handler) => {
                kept_params.insert(2 * handler.index());
                if reachable.insert_new(handler.index()) {
                    stack.push(handler.0);
                    reached += 1;
                }
            }
            None => {}
        }
    }
    // Blocks reached, the entry included (each enters the stack once).
    if reached != func.layout.len() {
        func.layout.retain(|b| reachable.contains(b.index()));
    }
    let params_kept = with_params.iter().all(|&b| {
        let b = b as usize;
        let params = &func.blocks[b].params;
        let removable = match (kept_params.contains(2 * b), kept_params.contains(2 * b + 1)) {
            (true, _) => &params[..0],
            (false, true) => &params[..params.len() - 1],
            (false, false) => &params[..],
        };
        removable.iter().all(|p| marks[p.index()] & ROOT_READ != 0)
    });
    if !params_kept {
        return false;
    }
    // Almost always every removable result is read, which one pass over the marks shows
    // (without an early exit, so that it runs many marks per instruction).
    let unread = |mark: u8| mark & (REMOVABLE_RESULT | READ) == REMOVABLE_RESULT;
    if !marks.iter().fold(false, |any, &mark| any | unread(mark)) {
        return true;
    }
    // Unused results of removable instructions without operands (mostly constants whose
    // only reader was folded) can go here: deleting them leaves no other value without its
    // reader, so nothing else becomes dead. Other unused removable results need the
    // marking; deleting them here first changes nothing it finds, since nothing reads them.
    // The unread results are few: the marks are looked at a chunk at a time (without an
    // early exit, as above), and one by one only in the chunks that hold one. Each one's
    // instruction is found through its value, its pool reference is taken back from the
    // counts, and it joins a set of instructions to delete. The blocks are then swept by
    // their lists of instruction ids alone: noting each result's block during the walk
    // wrote a word per value, mostly out of cache, for the few functions that need it.
    unread_insts.reset(func.insts.len());
    let mut unread_left = 0;
    let mut settled = true;
    const CHUNK: usize = 16;
    for (chunk_index, chunk) in marks.chunks(CHUNK).enumerate() {
        if !chunk.iter().fold(false, |any, &mark| any | unread(mark)) {
            continue;
        }
        for (offset, &mark) in chunk.iter().enumerate() {
            if !unread(mark) {
                continue;
            }
            let ValueDef::Inst(inst) = func.values[chunk_index * CHUNK + offset] else {
                continue;
            };
            let data = &func.insts[inst.index()];
            settled &= data.args.is_empty();
            count_pool_use(data.imm, pool_refs, nconsts, u32::MAX);
            unread_insts.insert(inst.index());
            unread_left += 1;
        }
    }
    // The sweep stops at the block holding the last of them.
    for &block in &func.layout {
        if unread_left == 0 {
            break;
        }
        let insts = &mut func.blocks[block.index()].insts;
        let len = insts.len();
        insts.retain(|inst| !unread_insts.contains(inst.index()));
        unread_left -= len - insts.len();
    }
    settled
}

/// Marks the live values (see the module docs) and deletes the dead instructions and
/// block parameters.
/// Kept out of line: few functions need it.
#[inline(never)]
fn sweep_dead(func: &mut Function) {
    // Definitions, and the roots of the marking below: everything an effectful instruction
    // or a terminator reads is live (one walk over the code for both).
    let mut defs: Vec<Option<Def>> = vec![None; func.values.len()];
    let mut live = vec![false; func.values.len()];
    let mut worklist: Vec<Value> = Vec::new();
    let mark = |v: Value, live: &mut Vec<bool>, worklist: &mut Vec<Value>| {
        if !live[v.index()] {
            live[v.index()] = true;
            worklist.push(v);
        }
    };
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        for (index, &param) in data.params.iter().enumerate() {
            defs[param.index()] = Some(Def::Param(block, index));
        }
        for &inst in &data.insts {
            let inst_data = &func.insts[inst.index()];
            if let Some(result) = inst_data.result {
                defs[result.index()] = Some(Def::Inst(inst));
            }
            if !is_removable(inst_data.op) {
                for &arg in func.args_of(inst_data) {
                    mark(arg, &mut live, &mut worklist);
                }
            }
        }
        for v in data.term.iter().flat_map(Terminator::operands) {
            mark(v, &mut live, &mut worklist);
        }
    }

    // Incoming edges per block as (predecessor, edge index within its terminator), grouped
    // by block in one array: `incoming[incoming_start[b]..incoming_start[b + 1]]`.
    let nblocks = func.blocks.len();
    let mut incoming_start = vec![0u32; nblocks + 1];
    // Blocks whose last parameter is a `for_iter` item, and handler blocks.
    let mut keeps_last_param = vec![false; nblocks];
    let mut is_handler = vec![false; nblocks];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        if let Some(handler) = data.handler {
            is_handler[handler.index()] = true;
        }
        if let Some(Terminator::ForIter { body, .. }) = &data.term {
            keeps_last_param[body.block.index()] = true;
        }
        for target in data.term.iter().flat_map(Terminator::successors) {
            incoming_start[target.index() + 1] += 1;
        }
    }
    for b in 0..nblocks {
        incoming_start[b + 1] += incoming_start[b];
    }
    let mut fill = incoming_start.clone();
    let mut incoming = vec![(Block::new(0), 0usize); incoming_start[nblocks] as usize];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        for (edge, target) in data
            .term
            .iter()
            .flat_map(Terminator::successors)
            .enumerate()
        {
            incoming[fill[target.index()] as usize] = (block, edge);
            fill[target.index()] += 1;
        }
    }
    let incoming_of = |block: Block| {
        &incoming
            [incoming_start[block.index()] as usize..incoming_start[block.index() + 1] as usize]
    };

    // Mark.
    while let Some(value) = worklist.pop() {
        match defs[value.index()] {
            Some(Def::Inst(inst)) if is_removable(func.insts[inst.index()].op) => {
                for &arg in func.args(inst) {
                    mark(arg, &mut live, &mut worklist);
                }
            }
            Some(Def::Param(block, index)) => {
                for &(pred, edge) in incoming_of(block) {
                    let term = func.blocks[pred.index()]
                        .term
                        .as_ref()
                        .expect("laid-out blocks are terminated");
                    if let Some(&arg) = edge_args(term, edge).get(index) {
                        mark(arg, &mut live, &mut worklist);
                    }
                }
            }
            _ => {}
        }
    }

    // Sweep instructions.
    for b in 0..func.layout.len() {
        let block = func.layout[b];
        let insts = &mut func.blocks[block.index()].insts;
        let all_insts = &func.insts;
        insts.retain(|&inst| {
            let data = &all_insts[inst.index()];
            !is_removable(data.op) || data.result.is_some_and(|r| live[r.index()])
        });
    }

    // Sweep block parameters and their edge arguments.
    for b in 0..func.layout.len() {
        let block = func.layout[b];
        if is_handler[block.index()] {
            continue;
        }
        let params = &func.blocks[block.index()].params;
        let last = params.len().wrapping_sub(1);
        let keeps =
            |i: usize, p: &Value| live[p.index()] || (i == last && keeps_last_param[block.index()]);
        if params.iter().enumerate().all(|(i, p)| keeps(i, p)) {
            continue;
        }
        let keep: Vec<bool> = params
            .iter()
            .enumerate()
            .map(|(i, p)| keeps(i, p))
            .collect();
        for &(pred, edge) in incoming_of(block) {
            let term = func.blocks[pred.index()]
                .term
                .as_mut()
                .expect("laid-out blocks are terminated");
            let Some(call) = term.edges_mut().nth(edge) else {
                continue;
            };
            let mut index = 0;
            call.args.retain(|_| {
                let kept = keep.get(index).copied().unwrap_or(true);
                index += 1;
                kept
            });
        }
        let mut params = std::mem::take(&mut func.blocks[block.index()].params);
        let mut index = 0;
        params.retain(|_| {
            let kept = keep[index];
            index += 1;
            kept
        });
        for (index, &param) in params.iter().enumerate() {
            func.values[param.index()] = ValueDef::Param(block, index as u32);
        }
        func.blocks[block.index()].params = params;
    }
}

/// Drops unreferenced constants and names (reference count zero), keeping the order of
/// the rest. The counts become the renumbering maps. The check is inlined: almost every
/// function uses every entry, and the call cost about as much as the check.
#[inline]
fn compact_pools(func: &mut Function, pool_refs: &mut [u32]) {
    if pool_refs.contains(&0) {
        let (const_refs, name_refs) = pool_refs.split_at_mut(func.consts.len());
        drop_unused_pool_entries(func, const_refs, name_refs);
    }
}

/// [`compact_pools`] once some entry is known to be unused; out of line, as few functions
/// get here.
#[inline(never)]
fn drop_unused_pool_entries(func: &mut Function, const_refs: &mut [u32], name_refs: &mut [u32]) {
    /// Turns reference counts into each entry's new index (`u32::MAX` for dropped ones).
    fn renumber(refs: &mut [u32]) {
        let mut next = 0;
        for entry in refs {
            if *entry == 0 {
                *entry = u32::MAX;
            } else {
                *entry = next;
                next += 1;
            }
        }
    }
    renumber(const_refs);
    renumber(name_refs);
    let mut index = 0;
    func.consts.retain(|_| {
        index += 1;
        const_refs[index - 1] != u32::MAX
    });
    let mut index = 0;
    func.names.retain(|_| {
        index += 1;
        name_refs[index - 1] != u32::MAX
    });
    // The instruction arena, walked in order, holds the laid-out code and the
    // instructions passes removed from it, which nothing reads again: renumbering those
    // too costs less than reaching the laid-out ones through their blocks. A removed
    // instruction may name an entry dropped here or (had the pools been compacted
    // before) one past the counts; it keeps a number that is out of range either way.
    // The walk runs from the end, so that in a function too large for the cache it leaves
    // the first instructions there for code generation, which starts with them.
    for data in func.insts.iter_mut().rev() {
        match &mut data.imm {
            Imm::Const(c) => {
                if let Some(&index) = const_refs.get(c.index()) {
                    *c = ConstId(index);
                }
            }
            Imm::Name(n) => {
                if let Some(&index) = name_refs.get(n.index()) {
                    *n = NameId(index);
                }
            }
            _ => {}
        }
    }
    func.reindex_pools();
}

/// The arguments of outgoing edge `edge` (in [`Terminator::successors`] order).
fn edge_args(term: &Terminator, edge: usize) -> &[Value] {
    let call = match (term, edge) {
        (Terminator::Jump(target), 0) => target,
        (Terminator::Branch { then_to, .. }, 0) => then_to,
        (Terminator::Branch { else_to, .. }, 1) => else_to,
        (Terminator::ForIter { body, .. }, 0) => body,
        (Terminator::ForIter { exit, .. }, 1) => exit,
        _ => return &[],
    };
    &call.args
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removable_ops_cannot_raise_and_have_results() {
        for &op in Op::ALL {
            if is_removable(op) {
                assert!(!op.can_raise(), "{} can raise", op.name());
                assert!(op.has_result(), "{} has no result", op.name());
            }
        }
    }

    #[test]
    fn op_flags_agree_with_their_definitions() {
        for &op in Op::ALL {
            let flags = op_flags::of(op);
            assert_eq!(flags.contains(OpFlags::CAN_RAISE), op.can_raise());
            assert_eq!(flags.contains(OpFlags::HAS_RESULT), op.has_result());
            assert_eq!(flags.contains(OpFlags::REMOVABLE), is_removable(op));
            assert_eq!(
                flags.contains(OpFlags::FOLDABLE),
                crate::passes::const_fold::foldable(op)
            );
        }
    }
}
