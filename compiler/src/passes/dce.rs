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

use super::remove_unreachable_blocks;
use crate::ir::{Block, ConstId, Function, Imm, NameId, Op, Terminator, Value, ValueDef};

/// Operations that have no effect beyond defining their result and cannot raise.
pub fn is_removable(op: Op) -> bool {
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
    drop_impossible_exception_edges(func);
    remove_unreachable_blocks(func);
    // Most functions come out of lowering with nothing dead (a fifth of the stdlib's have
    // something): one walk over the uses proves that, and skips the marking, the edge
    // tables and the sweeps below.
    let mut pools_used = PoolsUsed {
        consts: vec![false; func.consts.len()],
        names: vec![false; func.names.len()],
    };
    if !nothing_dead(func, &mut pools_used) {
        sweep_dead(func);
        pools_used.consts.fill(false);
        pools_used.names.fill(false);
        pools_used.mark(func);
    }
    compact_pools(func, &pools_used);
}

/// Which constants and names the laid-out instructions refer to.
struct PoolsUsed {
    consts: Vec<bool>,
    names: Vec<bool>,
}

impl PoolsUsed {
    #[inline]
    fn note(&mut self, imm: Imm) {
        match imm {
            Imm::Const(c) => self.consts[c.index()] = true,
            Imm::Name(n) => self.names[n.index()] = true,
            _ => {}
        }
    }

    fn mark(&mut self, func: &Function) {
        for &block in &func.layout {
            for &inst in &func.blocks[block.index()].insts {
                self.note(func.insts[inst.index()].imm);
            }
        }
    }
}

/// Whether the marking of [`sweep_dead`] would find every removable instruction and every
/// block parameter live. It does when no parameter could be removed (each belongs to a
/// handler, or is a `for_iter` body's item) and every removable instruction's result has a
/// use: without removable parameters, values flow only from instruction to instruction,
/// which cannot form a cycle in SSA form, so following uses from a removable result always
/// ends at an effectful instruction or a terminator, which keeps the whole chain alive.
///
/// When it returns true, `pools_used` holds the pool entries the code refers to (the walk
/// notes them on the way); otherwise its contents are partial.
fn nothing_dead(func: &Function, pools_used: &mut PoolsUsed) -> bool {
    // Blocks whose parameters the sweep keeps: 1 for the last one (a `for_iter` body's
    // item), 2 for all of them (a handler).
    let mut kept = vec![0u8; func.blocks.len()];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        if let Some(handler) = data.handler {
            kept[handler.index()] = 2;
        }
        if let Some(Terminator::ForIter { body, .. }) = &data.term {
            let slot = &mut kept[body.block.index()];
            *slot = (*slot).max(1);
        }
    }
    let mut used = vec![false; func.values.len()];
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        let removable_params = match kept[block.index()] {
            2 => 0,
            1 => data.params.len().saturating_sub(1),
            _ => data.params.len(),
        };
        if removable_params > 0 {
            return false;
        }
        for &inst in &data.insts {
            let inst = &func.insts[inst.index()];
            for &arg in &inst.args {
                used[arg.index()] = true;
            }
            pools_used.note(inst.imm);
        }
        if let Some(term) = &data.term {
            term.for_each_use(|value| used[value.index()] = true);
        }
    }
    func.layout.iter().all(|&block| {
        func.blocks[block.index()].insts.iter().all(|&inst| {
            let data = &func.insts[inst.index()];
            !is_removable(data.op) || data.result.is_some_and(|r| used[r.index()])
        })
    })
}

/// Marks the live values (see the module docs) and deletes the dead instructions and
/// block parameters.
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
                for &arg in &inst_data.args {
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
                for &arg in &func.insts[inst.index()].args {
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

/// Drops unreferenced constants and names, keeping the order of the rest.
fn compact_pools(func: &mut Function, used: &PoolsUsed) {
    let (const_used, name_used) = (&used.consts, &used.names);
    if const_used.iter().all(|&u| u) && name_used.iter().all(|&u| u) {
        return;
    }
    let renumber = |used: &[bool]| -> Vec<Option<usize>> {
        let mut next = 0;
        used.iter()
            .map(|&u| {
                u.then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let (const_map, name_map) = (renumber(const_used), renumber(name_used));
    let consts = std::mem::take(&mut func.consts);
    func.consts = consts
        .into_iter()
        .zip(const_used)
        .filter(|&(_, &u)| u)
        .map(|(c, _)| c)
        .collect();
    let names = std::mem::take(&mut func.names);
    func.names = names
        .into_iter()
        .zip(name_used)
        .filter(|&(_, &u)| u)
        .map(|(n, _)| n)
        .collect();
    for b in 0..func.layout.len() {
        let block = func.layout[b];
        for i in 0..func.blocks[block.index()].insts.len() {
            let inst = func.blocks[block.index()].insts[i];
            let imm = &mut func.insts[inst.index()].imm;
            match imm {
                Imm::Const(c) => *c = ConstId::new(const_map[c.index()].expect("used constant")),
                Imm::Name(n) => *n = NameId::new(name_map[n.index()].expect("used name")),
                _ => {}
            }
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

/// Clears the handler of every block in which nothing can raise.
fn drop_impossible_exception_edges(func: &mut Function) {
    for &block in &func.layout {
        let data = &func.blocks[block.index()];
        if data.handler.is_none() {
            continue;
        }
        let can_raise = data
            .insts
            .iter()
            .any(|i| func.insts[i.index()].op.can_raise())
            || data.term.as_ref().is_some_and(Terminator::can_raise);
        if !can_raise {
            func.blocks[block.index()].handler = None;
        }
    }
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
}
