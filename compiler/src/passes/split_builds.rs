//! Splits very long variadic operations so that their operands need not all be alive at
//! once.
//!
//! `build_list`, `build_tuple`, `build_set`, `build_map` and `call` take every operand in
//! a register, so a display of 30,000 items (machine-generated tables do that: ANTLR's
//! serialized ATNs, Unicode and emoji tables) needs 30,000 registers at the instruction, and
//! one of 70,000 cannot be encoded at all (registers are 16-bit operands). CPython builds
//! such displays incrementally (`BUILD_LIST` then `LIST_APPEND`/`LIST_EXTEND` per chunk,
//! `Python/codegen.c`, `starunpack_helper`); this pass does the same when an operation has
//! more than [`MAX_OPERANDS`] operands:
//!
//! - the container is created empty right after the first operand is computed, and each
//!   operand is added right after it is computed (`list_append`, `set_add`, `dict_set`),
//!   so every operand dies at once;
//! - a run of operands that are constants is added in one step from a tuple constant
//!   (`list_extend`/`set_update`), as CPython does, and their `const` loads die;
//! - a tuple is built as a list and converted (`intrinsic list_to_tuple`); a call passes its
//!   positional arguments as a tuple (`call_ex`).
//!
//! Evaluation order is unchanged. The only observable difference is the one CPython's own
//! incremental code has: an unhashable set element or dict key raises as soon as it is
//! added, before later items are evaluated.
//!
//! The rewrite needs each operand computed before the next, and the last before the
//! operation: operand definitions must follow one another in dominance order (true of
//! everything lowering produces). An operation where that does not hold is left alone.

use crate::ir::dominators::DomTree;
use crate::ir::{Block, Const, Function, Imm, Inst, InstData, Intrinsic, Loc, Op, Value};

/// Operations with more operands than this are split. Well above anything hand-written,
/// so ordinary code keeps the compact single-instruction form.
pub const MAX_OPERANDS: usize = 256;

/// Runs of at least this many constant operands are added from one tuple constant.
const MIN_CONST_RUN: usize = 3;

pub fn run(func: &mut Function) {
    if has_long_operation(func) {
        split_long_operations(func);
    }
}

/// Whether some instruction of `func` may have more than [`MAX_OPERANDS`] operands.
///
/// Almost no function has an instruction with that many operands. Most functions do not
/// even have that many operands in all, which the pool's size tells at once; for the
/// others, one pass over the instruction arena (a superset of the laid-out code) usually
/// settles it. The pass has no early exit (it almost never could take one), which lets it
/// look at several instructions per step. The pipeline has `const_fold`'s pre-scan find
/// this out instead (see [`super::const_fold::run_noting_long_operations`]).
fn has_long_operation(func: &Function) -> bool {
    func.operand_pool_len() > MAX_OPERANDS
        && func
            .insts
            .iter()
            .fold(false, |long, data| long | is_long(data))
}

/// Whether `data` has more operands than [`MAX_OPERANDS`].
#[inline]
pub(crate) fn is_long(data: &InstData) -> bool {
    data.args.len() > MAX_OPERANDS
}

/// The pass proper, for a function that may have an instruction with more than
/// [`MAX_OPERANDS`] operands (one that has none is left as it is).
pub(crate) fn split_long_operations(func: &mut Function) {
    let mut candidates = Vec::new();
    for &block in &func.layout {
        for (pos, &inst) in func.blocks[block.index()].insts.iter().enumerate() {
            let data = &func.insts[inst.index()];
            let splittable = matches!(
                data.op,
                Op::BuildList | Op::BuildTuple | Op::BuildSet | Op::BuildMap | Op::Call
            );
            if splittable && data.args.len() > MAX_OPERANDS {
                candidates.push((block, pos, inst));
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    Splitter::new(func).split(&candidates);
}

/// A point in the original code: before every instruction of `block` (`pos == -1`, where
/// parameters are defined) or right after its instruction `pos`.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Site {
    block: Block,
    pos: i64,
}

/// An instruction to insert at a site, and the order it was planned in.
struct Insertion {
    at: Site,
    order: usize,
    inst: Inst,
}

struct Splitter<'f> {
    func: &'f mut Function,
    /// Where each value is defined (`None`: not in the layout).
    sites: Vec<Option<Site>>,
    tree: DomTree,
    insertions: Vec<Insertion>,
    /// Original instructions to drop from their place (they were moved).
    removed: Vec<Inst>,
}

impl<'f> Splitter<'f> {
    fn new(func: &'f mut Function) -> Self {
        let mut sites = vec![None; func.values.len()];
        let mut successors = vec![Vec::new(); func.blocks.len()];
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            for &param in &data.params {
                sites[param.index()] = Some(Site { block, pos: -1 });
            }
            for (pos, &inst) in data.insts.iter().enumerate() {
                if let Some(result) = func.insts[inst.index()].result {
                    sites[result.index()] = Some(Site {
                        block,
                        pos: pos as i64,
                    });
                }
            }
            let succs = &mut successors[block.index()];
            succs.extend(
                data.term
                    .iter()
                    .flat_map(|t| t.successors())
                    .map(Block::index),
            );
            succs.extend(data.handler.map(Block::index));
        }
        let tree = DomTree::compute(&successors, func.entry().index());
        Splitter {
            func,
            sites,
            tree,
            insertions: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// Whether code at `a` always runs before code at `b`.
    fn precedes(&self, a: Site, b: Site) -> bool {
        if a.block == b.block {
            a.pos < b.pos
        } else {
            self.tree.dominates(a.block.index(), b.block.index())
        }
    }

    fn split(mut self, candidates: &[(Block, usize, Inst)]) {
        for &(block, pos, inst) in candidates {
            let at = Site {
                block,
                pos: pos as i64,
            };
            self.split_one(at, inst);
        }
        self.apply();
    }

    /// The definition sites of `args`, when each precedes the next and the last precedes
    /// `end`.
    fn ordered_sites(&self, args: &[Value], end: Site) -> Option<Vec<Site>> {
        let mut out = Vec::with_capacity(args.len());
        for &arg in args {
            let site = self.sites.get(arg.index()).copied().flatten()?;
            if let Some(&last) = out.last()
                && !self.precedes(last, site)
            {
                return None;
            }
            out.push(site);
        }
        if out.last().is_some_and(|&last| !self.precedes(last, end)) {
            return None;
        }
        Some(out)
    }

    fn split_one(&mut self, at: Site, inst: Inst) {
        let data = &self.func.insts[inst.index()];
        let (op, loc) = (data.op, self.func.inst_loc(inst));
        let args = self.func.args_of(data).to_vec();
        // A call's callee is computed first and stays alive anyway; only the arguments
        // are gathered.
        let items = if op == Op::Call {
            &args[1..]
        } else {
            &args[..]
        };
        let Some(sites) = self.ordered_sites(items, at) else {
            return;
        };
        let first = sites[0];
        match op {
            Op::BuildList | Op::BuildSet => {
                // The instruction itself becomes the empty container, created earlier.
                self.func.set_args(inst, &[]);
                self.removed.push(inst);
                self.insert(first, inst);
                let Some(container) = self.func.insts[inst.index()].result else {
                    return;
                };
                let (add, update) = if op == Op::BuildList {
                    (Op::ListAppend, Op::ListExtend)
                } else {
                    (Op::SetAdd, Op::SetUpdate)
                };
                self.add_items(container, items, &sites, add, update, loc);
            }
            Op::BuildMap => {
                self.func.set_args(inst, &[]);
                self.removed.push(inst);
                self.insert(first, inst);
                let Some(dict) = self.func.insts[inst.index()].result else {
                    return;
                };
                for (pair, pair_sites) in items.chunks(2).zip(sites.chunks(2)) {
                    if let ([key, value], [_, value_site]) = (pair, pair_sites) {
                        self.emit(
                            *value_site,
                            Op::DictSet,
                            Imm::None,
                            &[dict, *key, *value],
                            loc,
                        );
                    }
                }
            }
            Op::BuildTuple | Op::Call => {
                let (list_inst, list) = self.func.create_inst(Op::BuildList, Imm::None, &[], loc);
                self.insert(first, list_inst);
                let Some(list) = list else {
                    return;
                };
                self.add_items(list, items, &sites, Op::ListAppend, Op::ListExtend, loc);
                let tuple_op = (Op::CallIntrinsic, Imm::Intrinsic(Intrinsic::ListToTuple));
                let data = &mut self.func.insts[inst.index()];
                if op == Op::BuildTuple {
                    // The tuple instruction stays in place and converts the list.
                    data.op = tuple_op.0;
                    data.imm = tuple_op.1;
                    self.func.set_args(inst, &[list]);
                } else {
                    let callee = args[0];
                    let (tuple_inst, tuple) =
                        self.func.create_inst(tuple_op.0, tuple_op.1, &[list], loc);
                    // Right before the call: anchored after the previous instruction.
                    self.insert(
                        Site {
                            block: at.block,
                            pos: at.pos - 1,
                        },
                        tuple_inst,
                    );
                    let Some(tuple) = tuple else {
                        return;
                    };
                    let data = &mut self.func.insts[inst.index()];
                    data.op = Op::CallEx;
                    self.func.set_args(inst, &[callee, tuple]);
                }
            }
            _ => {}
        }
    }

    /// Adds `items` to `container` one by one right after each is computed, or a run of
    /// constants at once from a tuple constant.
    fn add_items(
        &mut self,
        container: Value,
        items: &[Value],
        sites: &[Site],
        add: Op,
        update: Op,
        loc: Loc,
    ) {
        let mut index = 0;
        while index < items.len() {
            let run = items[index..]
                .iter()
                .take_while(|&&v| self.func.value_const(v).is_some())
                .count();
            if run >= MIN_CONST_RUN {
                let values: Vec<Const> = items[index..index + run]
                    .iter()
                    .filter_map(|&v| self.func.value_const(v).cloned())
                    .collect();
                let id = self.func.add_const(Const::Tuple(values));
                let last = sites[index + run - 1];
                let (const_inst, tuple) =
                    self.func.create_inst(Op::Const, Imm::Const(id), &[], loc);
                self.insert(last, const_inst);
                if let Some(tuple) = tuple {
                    self.emit(last, update, Imm::None, &[container, tuple], loc);
                }
                index += run;
            } else {
                self.emit(
                    sites[index],
                    add,
                    Imm::None,
                    &[container, items[index]],
                    loc,
                );
                index += 1;
            }
        }
    }

    fn emit(&mut self, at: Site, op: Op, imm: Imm, args: &[Value], loc: Loc) {
        let (inst, _) = self.func.create_inst(op, imm, args, loc);
        self.insert(at, inst);
    }

    fn insert(&mut self, at: Site, inst: Inst) {
        let order = self.insertions.len();
        self.insertions.push(Insertion { at, order, inst });
    }

    /// Rebuilds the instruction lists of the blocks that gained or lost instructions.
    fn apply(mut self) {
        if self.insertions.is_empty() {
            return;
        }
        self.insertions
            .sort_by_key(|i| (i.at.block, i.at.pos, i.order));
        let mut removed = vec![false; self.func.insts.len()];
        for inst in &self.removed {
            removed[inst.index()] = true;
        }
        let mut next = 0;
        while next < self.insertions.len() {
            let block = self.insertions[next].at.block;
            let old = std::mem::take(&mut self.func.blocks[block.index()].insts);
            let mut insts = Vec::with_capacity(old.len() + self.insertions.len() - next);
            let take_until = |pos: i64, insts: &mut Vec<Inst>, next: &mut usize| {
                while *next < self.insertions.len()
                    && self.insertions[*next].at.block == block
                    && self.insertions[*next].at.pos <= pos
                {
                    insts.push(self.insertions[*next].inst);
                    *next += 1;
                }
            };
            take_until(-1, &mut insts, &mut next);
            for (pos, &inst) in old.iter().enumerate() {
                if !removed[inst.index()] {
                    insts.push(inst);
                }
                take_until(pos as i64, &mut insts, &mut next);
            }
            take_until(i64::MAX, &mut insts, &mut next);
            self.func.blocks[block.index()].insts = insts;
        }
    }
}
