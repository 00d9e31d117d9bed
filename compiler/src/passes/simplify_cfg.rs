//! Control-flow graph simplification. Repeats until nothing changes:
//!
//! 1. **Unreachable blocks** leave the layout.
//! 2. **Branches with identical edges** (same target, same arguments) become jumps. The
//!    truth test is kept as a `to_bool` (it can raise or run `__bool__`) unless the
//!    condition is known to be a bool or a constant already.
//! 3. **Jump threading**: an edge to a block that is empty and only `jump`s on is redirected
//!    to that jump's target, with the arguments mapped through the skipped block's
//!    parameters. Skipped blocks must not be the entry or a handler, and their parameters
//!    must be used only by their own jump. `for_iter` body edges are not threaded (their
//!    implicit item argument has nowhere to go).
//! 4. **Block merging**: a block whose single predecessor ends in a `jump` to it, with the
//!    same handler, is appended to that predecessor; its parameters are replaced by the
//!    jump's arguments everywhere.

use super::remove_unreachable_blocks;
use crate::ir::{Block, BlockCall, CmpOp, Function, Imm, Op, Terminator, Value};
use rustc_hash::FxHashMap;

pub fn run(func: &mut Function) {
    if func.layout.is_empty() {
        return;
    }
    // Each round either changes nothing (and stops) or removes a block or an edge into an
    // empty block, so the bound is generous; it only guards against a cycle of empty
    // blocks bouncing an edge forever.
    let max_rounds = 4 * func.layout.len() + 8;
    for _ in 0..max_rounds {
        let mut changed = remove_unreachable_blocks(func);
        changed |= fold_identical_branches(func);
        changed |= thread_jumps(func);
        changed |= merge_blocks(func);
        if !changed {
            break;
        }
    }
}

/// Whether truth-testing `value` is known not to call user code or raise.
fn is_known_bool_or_const(func: &Function, value: Value) -> bool {
    match func.value_inst(value) {
        Some(inst) => match inst.op {
            Op::Const
            | Op::Not
            | Op::ToBool
            | Op::ExcMatch
            | Op::MatchMapping
            | Op::MatchSequence => true,
            Op::Compare => matches!(
                inst.imm,
                Imm::CmpOp(CmpOp::Is | CmpOp::IsNot | CmpOp::In | CmpOp::NotIn)
            ),
            _ => false,
        },
        None => false,
    }
}

fn fold_identical_branches(func: &mut Function) -> bool {
    let mut changed = false;
    for block in func.layout.clone() {
        let data = &func.blocks[block.index()];
        let Some(Terminator::Branch {
            cond,
            then_to,
            else_to,
        }) = &data.term
        else {
            continue;
        };
        if then_to != else_to {
            continue;
        }
        let (cond, target, loc) = (*cond, then_to.clone(), data.term_loc);
        if !is_known_bool_or_const(func, cond) {
            func.push_inst(block, Op::ToBool, Imm::None, vec![cond], loc);
        }
        func.blocks[block.index()].term = Some(Terminator::Jump(target));
        changed = true;
    }
    changed
}

/// How many times each value is read by laid-out instructions and terminators.
fn use_counts(func: &Function) -> Vec<u32> {
    let mut counts = vec![0u32; func.values.len()];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        for &inst in &data.insts {
            for &arg in &func.insts[inst.index()].args {
                counts[arg.index()] += 1;
            }
        }
        for v in data.term.iter().flat_map(Terminator::uses) {
            counts[v.index()] += 1;
        }
    }
    counts
}

/// Blocks that some laid-out block names as its handler.
fn handler_blocks(func: &Function) -> Vec<bool> {
    let mut handlers = vec![false; func.blocks.len()];
    for &block in &func.layout {
        if let Some(handler) = func.blocks[block.index()].handler {
            handlers[handler.index()] = true;
        }
    }
    handlers
}

fn thread_jumps(func: &mut Function) -> bool {
    let counts = use_counts(func);
    let handlers = handler_blocks(func);
    let entry = func.entry();
    // The jump each skippable block forwards to.
    let mut forward: FxHashMap<Block, (Vec<Value>, BlockCall)> = FxHashMap::default();
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let Some(Terminator::Jump(target)) = &data.term else {
            continue;
        };
        if block == entry
            || handlers[block.index()]
            || !data.insts.is_empty()
            || target.block == block
        {
            continue;
        }
        // Parameters read anywhere but this jump would lose their definition.
        let params_private = data.params.iter().all(|p| {
            let own = target.args.iter().filter(|a| *a == p).count() as u32;
            counts[p.index()] == own
        });
        if params_private {
            forward.insert(block, (data.params.clone(), target.clone()));
        }
    }
    if forward.is_empty() {
        return false;
    }
    let resolve = |call: &BlockCall| -> BlockCall {
        let mut current = call.clone();
        let mut visited = vec![call.block];
        while let Some((params, next)) = forward.get(&current.block) {
            if visited.contains(&next.block) {
                break;
            }
            let map = |v: &Value| {
                params
                    .iter()
                    .position(|p| p == v)
                    .map_or(*v, |i| current.args[i])
            };
            current = BlockCall {
                block: next.block,
                args: next.args.iter().map(map).collect(),
            };
            visited.push(current.block);
        }
        current
    };
    let mut changed = false;
    for block in func.layout.clone() {
        let Some(term) = func.blocks[block.index()].term.as_mut() else {
            continue;
        };
        let is_for_iter = matches!(term, Terminator::ForIter { .. });
        for (index, edge) in term.edges_mut().into_iter().enumerate() {
            if is_for_iter && index == 0 {
                continue;
            }
            let resolved = resolve(edge);
            if resolved != *edge {
                *edge = resolved;
                changed = true;
            }
        }
    }
    changed
}

fn merge_blocks(func: &mut Function) -> bool {
    let handlers = handler_blocks(func);
    let entry = func.entry();
    let mut predecessors = vec![0u32; func.blocks.len()];
    for &block in &func.layout {
        for succ in func.blocks[block.index()]
            .term
            .iter()
            .flat_map(Terminator::successors)
        {
            predecessors[succ.index()] += 1;
        }
    }
    let mut replace: FxHashMap<Value, Value> = FxHashMap::default();
    let mut removed = vec![false; func.blocks.len()];
    for block in func.layout.clone() {
        if removed[block.index()] {
            continue;
        }
        loop {
            let data = &func.blocks[block.index()];
            let Some(Terminator::Jump(target)) = &data.term else {
                break;
            };
            let next = target.block;
            if next == block
                || next == entry
                || handlers[next.index()]
                || predecessors[next.index()] != 1
                || func.blocks[next.index()].handler != data.handler
            {
                break;
            }
            let args = target.args.clone();
            let next_data = std::mem::take(&mut func.blocks[next.index()]);
            for (param, arg) in next_data.params.iter().zip(args) {
                replace.insert(*param, arg);
            }
            let data = &mut func.blocks[block.index()];
            data.insts.extend(next_data.insts);
            data.term = next_data.term;
            data.term_loc = next_data.term_loc;
            // The emptied block keeps its handler so it stays well-formed if referenced.
            func.blocks[next.index()].handler = next_data.handler;
            removed[next.index()] = true;
        }
    }
    if replace.is_empty() && !removed.iter().any(|&r| r) {
        return false;
    }
    func.layout.retain(|b| !removed[b.index()]);
    if !replace.is_empty() {
        substitute(func, &replace);
    }
    true
}

/// Replaces every use of a key of `replace` (following chains) in the laid-out code.
fn substitute(func: &mut Function, replace: &FxHashMap<Value, Value>) {
    let resolve = |mut v: Value| {
        // Chains are acyclic (each key is a removed parameter), but bound the walk anyway.
        for _ in 0..=replace.len() {
            match replace.get(&v) {
                Some(&next) => v = next,
                None => break,
            }
        }
        v
    };
    for block in func.layout.clone() {
        for inst in func.blocks[block.index()].insts.clone() {
            for arg in &mut func.insts[inst.index()].args {
                *arg = resolve(*arg);
            }
        }
        if let Some(term) = func.blocks[block.index()].term.as_mut() {
            match term {
                Terminator::Branch { cond, .. } => *cond = resolve(*cond),
                Terminator::ForIter { iter, .. } => *iter = resolve(*iter),
                Terminator::Return(v) | Terminator::Reraise(v) => *v = resolve(*v),
                Terminator::Raise { exc, cause } => {
                    *exc = exc.map(resolve);
                    *cause = cause.map(resolve);
                }
                Terminator::Jump(_) | Terminator::Unreachable => {}
            }
            for edge in term.edges_mut() {
                for arg in &mut edge.args {
                    *arg = resolve(*arg);
                }
            }
        }
    }
}
