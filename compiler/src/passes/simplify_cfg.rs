//! Control-flow graph simplification, to a fixpoint of four rewrites:
//!
//! 1. **Unreachable blocks** leave the layout.
//! 2. **Branches with identical edges** (same target, same arguments) become jumps. The
//!    truth test is kept as a `to_bool` (it can raise or run `__bool__`) unless the
//!    condition is known to be a bool or a constant already.
//! 3. **Jump threading**: an edge to a block that is empty and only `jump`s on is redirected
//!    to that jump's target, with the arguments mapped through the skipped block's
//!    parameters. Skipped blocks must not be the entry or a handler, and their parameters
//!    must be used only by their own jump. `for_iter` body edges are not threaded (their
//!    implicit item argument has nowhere to go). A cycle of such blocks is left alone.
//! 4. **Block merging**: a block whose single predecessor ends in a `jump` to it, with the
//!    same handler, is appended to that predecessor; its parameters are replaced by the
//!    jump's arguments everywhere.
//!
//! # Algorithm
//!
//! The pass is a worklist over blocks and runs in time linear in the function's size (up
//! to the lengths of parameter lists), however long the chains of blocks it collapses; a
//! 2,000-term conditional-expression chain once took seconds when every round rescanned
//! the function. The bookkeeping is maintained incrementally as the rewrites happen:
//!
//! - the number of incoming edges of each block (with multiplicity) and how many live
//!   blocks name it as their handler: a block with neither is unreachable and is deleted at
//!   once (its successors then lose an edge, which may cascade);
//! - how many times each value is read, so "parameters used only by their own jump" is a
//!   constant-time check;
//! - predecessor lists (stale entries allowed and skipped), so a block that becomes
//!   threadable or mergeable can queue the blocks whose edges now have work to do;
//! - merged parameters are recorded in a union-find style replacement table and
//!   substituted into the code once, at the end.
//!
//! Threading compresses paths: before an edge hops over an empty block, that block's own
//! jump is threaded to the end of its chain, so every edge hops at most once per block it
//! skips in total. Cycles of empty blocks are detected while compressing and never
//! threaded through. Only cycles cut off from the entry escape the counts; a reachability
//! sweep at the end removes them (and, if it did, the pass runs once more). The sweep only
//! runs after an edge was threaded away from a block that stayed alive, the one way such a
//! cycle can form.

use super::{for_each_successor, remove_unreachable_blocks, scratch};
use crate::ir::{Block, BlockCall, CmpOp, Function, Imm, Op, Terminator, Value, ValueDef};

pub fn run(func: &mut Function) {
    if func.layout.is_empty() || is_one_block_without_branch(func) {
        return;
    }
    remove_unreachable_blocks(func);
    simplify_reachable(func);
}

/// [`run`] on a function whose laid-out blocks are all reachable (`dce` just removed the
/// others), which skips the first reachability sweep.
pub fn run_on_reachable(func: &mut Function) {
    if func.layout.is_empty() || is_one_block_without_branch(func) {
        return;
    }
    simplify_reachable(func);
}

/// Most functions are one block that ends without a branch: nothing to do.
fn is_one_block_without_branch(func: &Function) -> bool {
    matches!(func.layout[..], [only] if !matches!(
        func.blocks[only.index()].term,
        Some(Terminator::Branch { .. })
    ))
}

fn simplify_reachable(func: &mut Function) {
    // Three functions in four offer none of the rewrites; finding that out takes one
    // look at each block, without the per-value use counts the simplifier starts from.
    if nothing_to_simplify(func) {
        return;
    }
    // Each extra round only happens after a cycle of blocks was cut off from the entry;
    // the bound is a guard, not a limit real code reaches.
    for _ in 0..8 {
        let may_have_stranded = Simplifier::new(func).run();
        if !may_have_stranded || !remove_unreachable_blocks(func) {
            break;
        }
    }
}

/// Whether the laid-out blocks, all reachable, offer none of the rewrites: no branch
/// whose two edges go to the same block, no empty block that only jumps on (other than
/// the entry and handlers), and no jump to a block with one incoming edge and the same
/// handler. Each condition is looser than the rewrite's own, so a `true` is certain.
fn nothing_to_simplify(func: &Function) -> bool {
    // The table lives in the thread's scratch space: most functions get here, and a fresh
    // allocation per function costs more than the walk over a small function.
    scratch::with_scratch(|scratch| {
        // Per block: twice its incoming normal edges, plus one if some block names it as
        // its handler.
        let preds = &mut scratch.lists[0];
        preds.clear();
        preds.resize(func.blocks.len(), 0);
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            if let Some(handler) = data.handler {
                preds[handler.index()] |= 1;
            }
            if let Some(Terminator::Branch {
                then_to, else_to, ..
            }) = &data.term
                && then_to.block == else_to.block
            {
                return false;
            }
            if let Some(term) = &data.term {
                for_each_successor(term, |succ| preds[succ.index()] += 2);
            }
        }
        let entry = func.entry();
        func.layout.iter().all(|&block| {
            let data = &func.blocks[block.index()];
            let Some(Terminator::Jump(target)) = &data.term else {
                return true;
            };
            let forwards = data.insts.is_empty() && block != entry && preds[block.index()] & 1 == 0;
            let next = target.block;
            let mergeable = next != block
                && next != entry
                && preds[next.index()] == 2
                && func.blocks[next.index()].handler == data.handler;
            !forwards && !mergeable
        })
    })
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

/// Edge `index` of `term` (in [`Terminator::edges`] order), looked up directly: the
/// chained iterator of [`Terminator::edges_mut`] cost several times as much.
fn edge_mut(term: &mut Terminator, index: usize) -> Option<&mut BlockCall> {
    match (term, index) {
        (Terminator::Jump(target), 0) => Some(target),
        (Terminator::Branch { then_to, .. }, 0) => Some(then_to),
        (Terminator::Branch { else_to, .. }, 1) => Some(else_to),
        (Terminator::ForIter { body, .. }, 0) => Some(body),
        (Terminator::ForIter { exit, .. }, 1) => Some(exit),
        _ => None,
    }
}

/// "No entry" in the predecessor lists' linked overflow.
const NIL: u32 = u32::MAX;

/// What a [`Simplifier`] tracks per block, side by side: the checks on an edge's target
/// read several of these at once, from one place.
#[derive(Clone, Copy)]
struct BlockState {
    /// Incoming normal edges from live blocks, with multiplicity.
    npreds: u32,
    /// Live blocks whose handler this block is.
    handler_refs: u32,
    /// Head of the block's predecessors gained later: a linked list through
    /// `Tables::extra_preds`.
    extra_head: u32,
    /// Mark for cycle detection while compressing a chain.
    mark: u32,
    /// Laid out and not yet deleted or merged away.
    live: bool,
    /// An empty block on a cycle of empty blocks: never threaded through.
    cyclic: bool,
    /// On the worklist.
    queued: bool,
    /// Empty and ending in a jump elsewhere at the start: edges into it may be threadable.
    forwards: bool,
    /// A rewrite may apply at the block: it offered one at the start (see
    /// [`Simplifier::new`]), or something it depends on changed since. Only such blocks
    /// are simplified when they come off the worklist.
    pending: bool,
}

impl BlockState {
    /// Every block's state before the simplifier looks at the function.
    const START: BlockState = BlockState {
        npreds: 0,
        handler_refs: 0,
        extra_head: NIL,
        mark: 0,
        live: false,
        cyclic: false,
        queued: true,
        forwards: false,
        pending: false,
    };
}

/// The per-block and per-value tables of a [`Simplifier`], kept between functions.
#[derive(Default)]
struct Tables {
    blocks: Vec<BlockState>,
    /// Reads of each value by live code; a replaced value's reads count for its
    /// replacement. Counted only once a rewrite first asks (see
    /// [`Simplifier::count_uses`]), and kept up to date from then on.
    uses: Vec<u32>,
    /// Merged-away block parameters and what they stand for (identity when not replaced).
    /// Empty until the first parameter is merged away (most simplified functions merge
    /// none): every value then stands for itself.
    replace: Vec<Value>,
    /// Predecessors as found at the start: `pred_list[pred_start[b]..pred_start[b + 1]]`.
    pred_start: Vec<u32>,
    pred_list: Vec<Block>,
    /// Predecessors gained later, linked from [`BlockState::extra_head`].
    extra_preds: Vec<(Block, u32)>,
    worklist: Vec<Block>,
    /// Scratch space for chains and cascading deletions.
    chain: Vec<Block>,
    dying: Vec<Block>,
}

thread_local! {
    static TABLES: std::cell::Cell<Tables> = std::cell::Cell::new(Tables::default());
}

struct Simplifier<'f> {
    func: &'f mut Function,
    entry: Block,
    t: Tables,
    /// Whether some laid-out block has parameters. Without any, no value is ever
    /// replaced and no use count is ever read (both only matter for parameters of live
    /// blocks), so `uses` and `replace` stay empty.
    track_values: bool,
    /// Whether `uses` holds the counts. Few functions ever need them (only threading an
    /// edge past an empty block with parameters reads them), so they are counted from
    /// the code as it stands when first needed; until then, nothing keeps them.
    uses_counted: bool,
    replaced_any: bool,
    /// Whether an edge was threaded away from a block that stays alive. Only that can
    /// leave a live block unreachable: the other rewrites keep every block reachable that
    /// was (a merged block's successors are reached through the block it joined; a folded
    /// branch still jumps to its target), and a deleted block was unreachable already, so
    /// the edges it takes away never made anything reachable. Without it, the sweep for
    /// blocks cut off from the entry would find none.
    may_have_stranded: bool,
    epoch: u32,
}

/// Hands the tables back for the thread's next simplifier.
impl Drop for Simplifier<'_> {
    fn drop(&mut self) {
        TABLES.set(std::mem::take(&mut self.t));
    }
}

impl<'f> Simplifier<'f> {
    fn new(func: &'f mut Function) -> Self {
        let nblocks = func.blocks.len();
        // The tables come from the thread's last simplifier (see `Drop`), so a function
        // with work to do costs no allocations once the tables have grown.
        let mut t = TABLES.take();
        t.blocks.clear();
        t.blocks.resize(nblocks, BlockState::START);
        t.pred_start.clear();
        t.pred_start.resize(nblocks + 1, 0);
        t.extra_preds.clear();
        t.chain.clear();
        t.dying.clear();
        let Tables {
            mut blocks,
            mut uses,
            mut replace,
            mut pred_start,
            mut pred_list,
            extra_preds,
            mut worklist,
            chain,
            dying,
        } = t;
        uses.clear();
        replace.clear();
        // One walk counts the incoming edges and handler references of each block; the
        // predecessor lists are then laid out by those counts, each block's list filled
        // from its end by a walk in reverse layout order (which leaves every list in layout
        // order and `pred_start` at the lists' starts, without a separate fill cursor).
        let mut track_values = false;
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            let state = &mut blocks[block.index()];
            state.live = true;
            state.forwards = data.insts.is_empty()
                && matches!(&data.term, Some(Terminator::Jump(target)) if target.block != block);
            track_values |= !data.params.is_empty();
            if let Some(handler) = data.handler {
                blocks[handler.index()].handler_refs += 1;
            }
            if let Some(term) = &data.term {
                for_each_successor(term, |succ| blocks[succ.index()].npreds += 1);
            }
        }
        let mut total = 0;
        for (end, state) in pred_start.iter_mut().zip(&blocks) {
            total += state.npreds;
            *end = total;
        }
        pred_start[nblocks] = total;
        pred_list.clear();
        pred_list.resize(total as usize, Block::new(0));
        // The same walk fills the worklist, whose pop order is then layout order, and
        // marks the blocks where a rewrite may apply. Most blocks of a function with
        // something to simplify offer nothing, and this look at each costs less than
        // trying the three rewrites on it when it comes off the worklist. A block that is
        // not marked gains a rewrite only when something it depends on changes, and every
        // such change queues it (see `push_work`), marking it, exactly as it queues a
        // block already simplified; so the rewrites and their order stay the same.
        let entry = func.entry();
        let forwarder = |blocks: &[BlockState], target: Block| {
            let state = &blocks[target.index()];
            state.forwards && state.handler_refs == 0 && target != entry
        };
        worklist.clear();
        for &block in func.layout.iter().rev() {
            worklist.push(block);
            let data = &func.blocks[block.index()];
            let Some(term) = &data.term else {
                continue;
            };
            for_each_successor(term, |succ| {
                let slot = &mut pred_start[succ.index()];
                *slot -= 1;
                pred_list[*slot as usize] = block;
            });
            // Looser than each rewrite's own conditions (see `fold_identical_branch`,
            // `thread_edges` and `merge_successor`).
            let pending = match term {
                Terminator::Jump(target) => {
                    let next = target.block;
                    let state = &blocks[next.index()];
                    forwarder(&blocks, next)
                        || (next != block
                            && next != entry
                            && state.npreds == 1
                            && state.handler_refs == 0
                            && func.blocks[next.index()].handler == data.handler)
                }
                Terminator::Branch {
                    then_to, else_to, ..
                } => {
                    then_to.block == else_to.block
                        || forwarder(&blocks, then_to.block)
                        || forwarder(&blocks, else_to.block)
                }
                Terminator::ForIter { exit, .. } => forwarder(&blocks, exit.block),
                Terminator::Return(_)
                | Terminator::Reraise(_)
                | Terminator::Raise { .. }
                | Terminator::Unreachable => false,
            };
            blocks[block.index()].pending = pending;
        }
        Simplifier {
            entry: func.entry(),
            t: Tables {
                blocks,
                uses,
                replace,
                pred_start,
                pred_list,
                extra_preds,
                worklist,
                chain,
                dying,
            },
            track_values,
            uses_counted: false,
            replaced_any: false,
            may_have_stranded: false,
            epoch: 0,
            func,
        }
    }

    /// Applies the rewrites until none applies; returns whether a block may have been cut
    /// off from the entry (see [`Simplifier::may_have_stranded`]).
    fn run(mut self) -> bool {
        while let Some(block) = self.t.worklist.pop() {
            let state = &mut self.t.blocks[block.index()];
            state.queued = false;
            if state.pending {
                self.simplify(block);
            }
        }
        let blocks = &self.t.blocks;
        self.func.layout.retain(|b| blocks[b.index()].live);
        if self.replaced_any {
            self.substitute();
        }
        self.may_have_stranded
    }

    /// The representative of `value` after merges (path-compressing).
    fn find(&mut self, value: Value) -> Value {
        if self.t.replace.is_empty() {
            return value;
        }
        let mut root = value;
        while self.t.replace[root.index()] != root {
            root = self.t.replace[root.index()];
        }
        let mut at = value;
        while self.t.replace[at.index()] != root {
            let next = self.t.replace[at.index()];
            self.t.replace[at.index()] = root;
            at = next;
        }
        root
    }

    /// Queues `block`, marking it pending: a block still waiting for its turn in layout
    /// order is only marked.
    fn push_work(&mut self, block: Block) {
        let state = &mut self.t.blocks[block.index()];
        if state.live {
            state.pending = true;
            if !state.queued {
                state.queued = true;
                self.t.worklist.push(block);
            }
        }
    }

    /// Queues every live predecessor of `block`.
    fn push_preds(&mut self, block: Block) {
        let (start, end) = (
            self.t.pred_start[block.index()] as usize,
            self.t.pred_start[block.index() + 1] as usize,
        );
        for i in start..end {
            self.push_work(self.t.pred_list[i]);
        }
        let mut at = self.t.blocks[block.index()].extra_head;
        while at != NIL {
            let (pred, next) = self.t.extra_preds[at as usize];
            self.push_work(pred);
            at = next;
        }
    }

    fn add_pred(&mut self, block: Block, pred: Block) {
        let next = self.t.blocks[block.index()].extra_head;
        self.t.blocks[block.index()].extra_head = self.t.extra_preds.len() as u32;
        self.t.extra_preds.push((pred, next));
    }

    fn add_use(&mut self, value: Value) {
        if !self.uses_counted {
            return;
        }
        let value = self.find(value);
        self.t.uses[value.index()] += 1;
    }

    fn remove_use(&mut self, value: Value) {
        if !self.track_values {
            return;
        }
        let value = self.find(value);
        if self.uses_counted {
            let count = &mut self.t.uses[value.index()];
            *count = count.saturating_sub(1);
        }
        self.uses_dropped(value);
    }

    /// Counts the reads of each value by the live code as it stands, each read counting
    /// for the value's replacement: what `uses` would hold had it been kept since the
    /// start.
    fn count_uses(&mut self) {
        if self.uses_counted {
            return;
        }
        self.uses_counted = true;
        let mut uses = std::mem::take(&mut self.t.uses);
        uses.clear();
        uses.resize(self.func.values.len(), 0);
        for l in 0..self.func.layout.len() {
            let b = self.func.layout[l].index();
            if !self.t.blocks[b].live {
                continue;
            }
            for i in 0..self.func.blocks[b].insts.len() {
                let inst = self.func.blocks[b].insts[i];
                for j in 0..self.func.insts[inst.index()].args.len() {
                    let arg = self.func.args(inst)[j];
                    uses[self.find(arg).index()] += 1;
                }
            }
            if let Some(term) = self.func.blocks[b].term.take() {
                term.for_each_use(|value| uses[self.find(value).index()] += 1);
                self.func.blocks[b].term = Some(term);
            }
        }
        self.t.uses = uses;
    }

    /// A parameter of an empty block losing a reader may make that block threadable.
    fn uses_dropped(&mut self, value: Value) {
        if let ValueDef::Param(block, _) = self.func.values[value.index()]
            && self.t.blocks[block.index()].live
            && self.func.blocks[block.index()].insts.is_empty()
        {
            self.push_preds(block);
        }
    }

    /// The jump an empty block forwards to, when edges into it may skip it. Inlined: it is
    /// asked of every edge's target, which nearly always fails the first checks, and the
    /// call cost more than they do; the parameters are checked apart.
    #[inline]
    fn forward_target(&mut self, block: Block) -> Option<Block> {
        let b = block.index();
        if !self.t.blocks[b].live
            || block == self.entry
            || self.t.blocks[b].handler_refs > 0
            || self.t.blocks[b].cyclic
        {
            return None;
        }
        let data = &self.func.blocks[b];
        let Some(Terminator::Jump(target)) = &data.term else {
            return None;
        };
        if !data.insts.is_empty() || target.block == block {
            return None;
        }
        let target_block = target.block;
        if !data.params.is_empty() && !self.params_read_only_by_jump(block) {
            return None;
        }
        Some(target_block)
    }

    /// Whether the parameters of the empty, jumping `block` are read by nothing but its
    /// jump: parameters read anywhere else would lose their definition if edges skipped it.
    fn params_read_only_by_jump(&mut self, block: Block) -> bool {
        self.count_uses();
        let b = block.index();
        let data = &self.func.blocks[b];
        let Some(Terminator::Jump(target)) = &data.term else {
            return false;
        };
        let (nparams, nargs) = (data.params.len(), target.args.len());
        for i in 0..nparams {
            let param = self.func.blocks[b].params[i];
            let mut own = 0;
            for j in 0..nargs {
                let Some(Terminator::Jump(target)) = &self.func.blocks[b].term else {
                    unreachable!("checked above");
                };
                let arg = target.args[j];
                if self.find(arg) == param {
                    own += 1;
                }
            }
            if self.t.uses[param.index()] != own {
                return false;
            }
        }
        true
    }

    /// Applies the rewrites at `block` until none applies.
    fn simplify(&mut self, block: Block) {
        let mut changed = false;
        while self.t.blocks[block.index()].live {
            if self.fold_identical_branch(block)
                || self.thread_edges(block)
                || self.merge_successor(block)
            {
                changed = true;
                continue;
            }
            break;
        }
        // Edges into a block that just became an empty forwarder can now skip it.
        if changed && self.forward_target(block).is_some() {
            self.push_preds(block);
        }
    }

    /// Rewrite 2 at `block`.
    fn fold_identical_branch(&mut self, block: Block) -> bool {
        let b = block.index();
        let Some(Terminator::Branch {
            cond,
            then_to,
            else_to,
        }) = &self.func.blocks[b].term
        else {
            return false;
        };
        if then_to.block != else_to.block || then_to.args.len() != else_to.args.len() {
            return false;
        }
        let (cond, target, n) = (*cond, then_to.block, then_to.args.len());
        for i in 0..n {
            let Some(Terminator::Branch {
                then_to, else_to, ..
            }) = &self.func.blocks[b].term
            else {
                unreachable!("checked above");
            };
            let (x, y) = (then_to.args[i], else_to.args[i]);
            if self.find(x) != self.find(y) {
                return false;
            }
        }
        let Some(Terminator::Branch {
            then_to, else_to, ..
        }) = self.func.blocks[b].term.take()
        else {
            unreachable!("checked above");
        };
        let cond = self.find(cond);
        if is_known_bool_or_const(self.func, cond) {
            self.remove_use(cond);
        } else {
            // The truth test stays: it can raise or run `__bool__`.
            let loc = self.func.blocks[b].term_loc;
            let result = self
                .func
                .push_inst(block, Op::ToBool, Imm::None, &[cond], loc);
            if result.is_some() && self.uses_counted {
                self.t.uses.push(0);
            }
            if let Some(result) = result
                && !self.t.replace.is_empty()
            {
                self.t.replace.push(result);
            }
        }
        for &arg in &else_to.args {
            self.remove_use(arg);
        }
        self.func.blocks[b].term = Some(Terminator::Jump(then_to));
        self.t.blocks[target.index()].npreds -= 1;
        self.preds_changed(target);
        true
    }

    /// Rewrite 3 for every edge of `block`.
    fn thread_edges(&mut self, block: Block) -> bool {
        let Some(term) = &self.func.blocks[block.index()].term else {
            return false;
        };
        // The `for_iter` body edge is never threaded (see the module docs).
        let first_edge = usize::from(matches!(term, Terminator::ForIter { .. }));
        let nedges = match term {
            Terminator::Jump(_) => 1,
            Terminator::Branch { .. } | Terminator::ForIter { .. } => 2,
            _ => 0,
        };
        let mut changed = false;
        for index in first_edge..nedges {
            // Each hop skips a block whose own jump was first threaded to the end of its
            // chain, so this loop runs once per skipped chain, not per chain element.
            for _ in 0..self.func.blocks.len() {
                if !self.t.blocks[block.index()].live {
                    return changed;
                }
                let Some(target) = self.edge_target(block, index) else {
                    break;
                };
                if self.forward_target(target).is_none() {
                    break;
                }
                self.compress(target);
                if self.forward_target(target).is_none() {
                    break;
                }
                self.hop(block, index, target);
                changed = true;
            }
        }
        changed
    }

    /// The block edge `index` of `block`'s terminator goes to, looked up directly: this
    /// runs for every edge, and going through the chained iterator of
    /// [`Terminator::edges`] cost several times as much (and indexing an array of the
    /// optional targets twice as much).
    fn edge_target(&self, block: Block, index: usize) -> Option<Block> {
        let call = match (self.func.blocks[block.index()].term.as_ref()?, index) {
            (Terminator::Jump(target), 0) => target,
            (
                Terminator::Branch {
                    then_to: first,
                    else_to: second,
                    ..
                }
                | Terminator::ForIter {
                    body: first,
                    exit: second,
                    ..
                },
                _,
            ) => match index {
                0 => first,
                1 => second,
                _ => return None,
            },
            _ => return None,
        };
        Some(call.block)
    }

    /// Threads the jump of every empty block on the chain starting at `start` to the end of
    /// the chain, marking a cycle of empty blocks as such.
    fn compress(&mut self, start: Block) {
        let mut chain = std::mem::take(&mut self.t.chain);
        chain.clear();
        self.epoch += 1;
        let mut at = start;
        while let Some(next) = self.forward_target(at) {
            if self.t.blocks[at.index()].mark == self.epoch {
                // `at` is already on the chain: the rest of the chain from it is a cycle.
                let from = chain.iter().position(|&b| b == at).unwrap_or(0);
                for &b in &chain[from..] {
                    self.t.blocks[b.index()].cyclic = true;
                }
                break;
            }
            self.t.blocks[at.index()].mark = self.epoch;
            chain.push(at);
            at = next;
        }
        for &link in chain.iter().rev() {
            if !self.t.blocks[link.index()].live || self.t.blocks[link.index()].cyclic {
                continue;
            }
            let Some(Terminator::Jump(target)) = &self.func.blocks[link.index()].term else {
                continue;
            };
            let target = target.block;
            if self.forward_target(target).is_some() {
                self.hop(link, 0, target);
            }
        }
        self.t.chain = chain;
    }

    /// Redirects edge `index` of `block`, which goes to the forwarding block `via`, to
    /// where `via` jumps, mapping the arguments through `via`'s parameters.
    fn hop(&mut self, block: Block, index: usize, via: Block) {
        let Some(Terminator::Jump(forward)) = &self.func.blocks[via.index()].term else {
            return;
        };
        let target = forward.block;
        // Most skipped blocks have no parameters and pass nothing on: then only the
        // edge's target changes, with no arguments to copy or map.
        let args = if forward.args.is_empty() {
            Vec::new()
        } else {
            forward.args.clone()
        };
        let Some(edge) = self.func.blocks[block.index()]
            .term
            .as_mut()
            .and_then(|t| edge_mut(t, index))
        else {
            return;
        };
        edge.block = target;
        if !args.is_empty() || !edge.args.is_empty() {
            let old_args = std::mem::take(&mut edge.args);
            self.pass_through(block, index, via, args, old_args);
        }
        self.t.blocks[target.index()].npreds += 1;
        self.add_pred(target, block);
        self.t.blocks[via.index()].npreds -= 1;
        self.preds_changed(via);
        self.may_have_stranded |= self.t.blocks[via.index()].live;
    }

    /// Gives edge `index` of `block`, just redirected past `via`, the arguments of `via`'s
    /// jump (`args`), with `via`'s parameters replaced by what the edge passed to them
    /// (`old_args`).
    fn pass_through(
        &mut self,
        block: Block,
        index: usize,
        via: Block,
        mut args: Vec<Value>,
        old_args: Vec<Value>,
    ) {
        for arg in &mut args {
            let v = self.find(*arg);
            if let ValueDef::Param(owner, i) = self.func.values[v.index()]
                && owner == via
                && let Some(&passed) = old_args.get(i as usize)
            {
                *arg = passed;
            }
        }
        for &arg in &args {
            self.add_use(arg);
        }
        for &arg in &old_args {
            self.remove_use(arg);
        }
        if let Some(edge) = self.func.blocks[block.index()]
            .term
            .as_mut()
            .and_then(|t| edge_mut(t, index))
        {
            edge.args = args;
        }
    }

    /// Rewrite 4: appends the successors `block` jumps to while they qualify.
    fn merge_successor(&mut self, block: Block) -> bool {
        let b = block.index();
        let data = &self.func.blocks[b];
        let Some(Terminator::Jump(target)) = &data.term else {
            return false;
        };
        let next = target.block;
        let n = next.index();
        if next == block
            || !self.t.blocks[n].live
            || next == self.entry
            || self.t.blocks[n].handler_refs > 0
            || self.t.blocks[n].npreds != 1
            || self.func.blocks[n].handler != data.handler
        {
            return false;
        }
        let Some(Terminator::Jump(target)) = self.func.blocks[b].term.take() else {
            unreachable!("checked above");
        };
        let next_data = std::mem::take(&mut self.func.blocks[n]);
        if !next_data.params.is_empty() && self.t.replace.is_empty() {
            let nvalues = self.func.values.len();
            self.t.replace.extend((0..nvalues).map(Value::new));
        }
        for (&param, &arg) in next_data.params.iter().zip(&target.args) {
            let arg = self.find(arg);
            if self.uses_counted {
                // The jump's read of `arg` goes; the parameter's readers read `arg` instead.
                let moved = std::mem::take(&mut self.t.uses[param.index()]);
                let count = &mut self.t.uses[arg.index()];
                *count = (*count + moved).saturating_sub(1);
            }
            self.t.replace[param.index()] = arg;
            self.replaced_any = true;
            self.uses_dropped(arg);
        }
        if let Some(term) = &next_data.term {
            for succ in term.successors() {
                self.add_pred(succ, block);
            }
        }
        let data = &mut self.func.blocks[b];
        data.insts.extend(next_data.insts);
        data.term = next_data.term;
        data.term_loc = next_data.term_loc;
        // The emptied block keeps its handler so it stays well-formed if referenced.
        self.func.blocks[n].handler = next_data.handler;
        self.t.blocks[n].live = false;
        self.t.blocks[n].npreds = 0;
        if let Some(handler) = next_data.handler {
            // `block` still names the same handler, so the count stays positive.
            self.t.blocks[handler.index()].handler_refs -= 1;
        }
        true
    }

    /// `block` lost an incoming edge: it may now be unreachable, or mergeable into its one
    /// remaining predecessor.
    fn preds_changed(&mut self, block: Block) {
        let b = block.index();
        if block != self.entry && self.t.blocks[b].npreds == 0 && self.t.blocks[b].handler_refs == 0
        {
            self.delete(block);
        } else if self.t.blocks[b].npreds == 1 {
            self.push_preds(block);
        }
    }

    /// Deletes the unreachable `block`, and whatever becomes unreachable with it.
    fn delete(&mut self, block: Block) {
        let mut dying = std::mem::take(&mut self.t.dying);
        dying.push(block);
        while let Some(block) = dying.pop() {
            let b = block.index();
            if !self.t.blocks[b].live {
                continue;
            }
            self.t.blocks[b].live = false;
            let data = std::mem::take(&mut self.func.blocks[b]);
            if self.track_values {
                for &inst in &data.insts {
                    for i in 0..self.func.insts[inst.index()].args.len() {
                        let arg = self.func.args(inst)[i];
                        self.remove_use(arg);
                    }
                }
                if let Some(term) = &data.term {
                    term.for_each_use(|value| self.remove_use(value));
                }
            }
            if let Some(term) = &data.term {
                for succ in term.successors() {
                    let s = succ.index();
                    self.t.blocks[s].npreds -= 1;
                    if succ != self.entry
                        && self.t.blocks[s].npreds == 0
                        && self.t.blocks[s].handler_refs == 0
                    {
                        dying.push(succ);
                    } else if self.t.blocks[s].npreds == 1 {
                        self.push_preds(succ);
                    }
                }
            }
            if let Some(handler) = data.handler {
                let h = handler.index();
                self.t.blocks[h].handler_refs -= 1;
                if self.t.blocks[h].handler_refs == 0 {
                    if handler != self.entry && self.t.blocks[h].npreds == 0 {
                        dying.push(handler);
                    } else {
                        // No longer a handler: edges may now skip or absorb it.
                        self.push_work(handler);
                        self.push_preds(handler);
                    }
                }
            }
            // Keep the block's contents: the layout drops it, and arenas keep orphans.
            self.func.blocks[b] = data;
        }
        self.t.dying = dying;
    }

    /// Replaces every use of a merged-away parameter in the laid-out code.
    fn substitute(&mut self) {
        let layout = std::mem::take(&mut self.func.layout);
        for &block in &layout {
            let b = block.index();
            for i in 0..self.func.blocks[b].insts.len() {
                let inst = self.func.blocks[b].insts[i];
                for j in 0..self.func.insts[inst.index()].args.len() {
                    let arg = self.func.args(inst)[j];
                    self.func.args_mut(inst)[j] = self.find(arg);
                }
            }
            if let Some(mut term) = self.func.blocks[b].term.take() {
                for value in term.operands_mut() {
                    *value = self.find(*value);
                }
                for edge in term.edges_mut() {
                    for arg in &mut edge.args {
                        *arg = self.find(*arg);
                    }
                }
                self.func.blocks[b].term = Some(term);
            }
        }
        self.func.layout = layout;
    }
}
