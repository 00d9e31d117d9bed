//! The IR verifier: checks a module's invariants and reports the first violation with its
//! function, block and instruction. Lowering's output and every pass's output must verify
//! (passes re-verify in debug and test builds, see `crate::passes`).
//!
//! Invariants, per function:
//!
//! 1. **Layout.** The layout is non-empty; it names only existing blocks, each once.
//! 2. **Terminators.** Every block in the layout has a terminator.
//! 3. **Instruction placement.** Every instruction listed by a laid-out block exists and is
//!    listed exactly once in the whole layout.
//! 4. **Operands.** The operand count is accepted by [`Op::arity`]; the immediate's kind is
//!    [`Op::imm_kind`]; `result` is `Some` iff [`Op::has_result`].
//! 5. **Ids in range.** Values are below `values.len()`; constants, names, locals
//!    (`locals`), derefs (`cells` + `frees`) index their pools; functions index the module;
//!    edge targets and handlers are blocks *in the layout*.
//! 6. **Single definition.** Each value is defined exactly once, as a block parameter or an
//!    instruction result in a laid-out block, and the `values` table records that definition.
//! 7. **Defined uses.** Every operand, terminator operand and edge argument is a defined value.
//! 8. **Dominance.** Every use is dominated by its definition: an earlier instruction or a
//!    parameter of the same block, or a definition in a block that dominates the using block.
//!    Exception edges count as CFG edges, but they leave from the *start* of the protected
//!    block (the raise may happen before any of its instructions), so a handler sees only
//!    what dominates the protected block's entry. Uses in blocks unreachable from the entry
//!    are not checked (dead code is removed by `dce`).
//! 9. **Handler scope.** A handler uses no value defined by an instruction of a block it
//!    protects (reported specifically; a special case of 8).
//! 10. **Edge arguments.** Each edge passes as many arguments as its target has parameters;
//!     a `for_iter` body edge passes one fewer (the item is appended implicitly).
//! 11. **Handlers.** A handler block has exactly one parameter (the exception).
//! 12. **Entry.** The entry block has no parameters and is no block's handler.
//! 13. **`call_kw`.** Its constant is a tuple of strings, no longer than the operand count
//!     minus one (the callee).
//! 14. **`make_function`.** It names an existing function other than `f0` (the module body).
//! 15. **Integer immediates.** Counts and indexes (`unpack_sequence`, `tuple_get`,
//!     `match_class`) are non-negative; conversions (`format_value`, `build_interpolation`)
//!     are 0–3; `get_awaitable`'s position is 0–2.

use super::constant::Const;
use super::dominators::DomTree;
use super::entities::{Block, FuncId, Inst, Value};
use super::function::{Function, Module, Terminator, ValueDef};
use super::ops::{Arity, Imm, Op};
use super::print::{FunctionPrinter, terminator_text};
use std::fmt;

/// A violated invariant, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    pub func: FuncId,
    pub qualname: String,
    pub block: Option<Block>,
    /// The offending instruction or terminator, printed in the text form.
    pub inst: Option<String>,
    pub message: String,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.func, self.qualname)?;
        if let Some(block) = self.block {
            write!(f, ", {block}")?;
        }
        if let Some(inst) = &self.inst {
            write!(f, ", `{inst}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for VerifyError {}

/// Verifies every function of `module`.
pub fn verify_module(module: &Module) -> Result<(), VerifyError> {
    for (index, func) in module.functions.iter().enumerate() {
        verify_function(module, FuncId::new(index), func)?;
    }
    Ok(())
}

/// Verifies function `id` of `module` (the module is needed to check `make_function`).
pub fn verify_function(module: &Module, id: FuncId, func: &Function) -> Result<(), VerifyError> {
    Verifier { module, id, func }.run()
}

/// Where a value is defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DefSite {
    Param(Block),
    /// Instruction at this position of the block.
    Inst(Block, usize),
}

impl DefSite {
    fn block(self) -> Block {
        match self {
            DefSite::Param(b) | DefSite::Inst(b, _) => b,
        }
    }
}

/// A use site: position `pos` in `block`, where the terminator's position is `insts.len()`.
#[derive(Clone, Copy)]
struct UseSite {
    block: Block,
    pos: usize,
}

struct Verifier<'a> {
    module: &'a Module,
    id: FuncId,
    func: &'a Function,
}

/// Split-graph node of a block's entry (parameters; exception edges leave from here).
fn top(block: Block) -> usize {
    block.index() * 2
}

/// Split-graph node of a block's body (instructions and terminator).
fn body(block: Block) -> usize {
    block.index() * 2 + 1
}

impl Verifier<'_> {
    fn error(
        &self,
        block: Option<Block>,
        inst: Option<String>,
        message: impl Into<String>,
    ) -> VerifyError {
        VerifyError {
            func: self.id,
            qualname: self.func.qualname.clone(),
            block,
            inst,
            message: message.into(),
        }
    }

    fn inst_error(&self, block: Block, inst: Inst, message: impl Into<String>) -> VerifyError {
        let text = self
            .func
            .insts
            .get(inst.index())
            .map(|data| FunctionPrinter::new(self.func).inst(data));
        self.error(Some(block), text, message)
    }

    fn term_error(&self, block: Block, message: impl Into<String>) -> VerifyError {
        let text = self.func.blocks[block.index()]
            .term
            .as_ref()
            .map(terminator_text);
        self.error(Some(block), text, message)
    }

    fn run(&self) -> Result<(), VerifyError> {
        let func = self.func;
        let in_layout = self.check_layout()?;
        let defs = self.check_definitions()?;
        for &block in &func.layout {
            self.check_block(block, &in_layout)?;
        }
        self.check_dominance(&defs, &in_layout)
    }

    /// Invariants 1, 2 and 12; returns which blocks are laid out.
    fn check_layout(&self) -> Result<Vec<bool>, VerifyError> {
        let func = self.func;
        if func.layout.is_empty() {
            return Err(self.error(None, None, "function has no blocks (the layout is empty)"));
        }
        let mut in_layout = vec![false; func.blocks.len()];
        for &block in &func.layout {
            if block.index() >= func.blocks.len() {
                return Err(self.error(
                    Some(block),
                    None,
                    "layout names a block that does not exist",
                ));
            }
            if std::mem::replace(&mut in_layout[block.index()], true) {
                return Err(self.error(Some(block), None, "block appears twice in the layout"));
            }
            if func.blocks[block.index()].term.is_none() {
                return Err(self.error(Some(block), None, "block has no terminator"));
            }
        }
        let entry = func.entry();
        if !func.blocks[entry.index()].params.is_empty() {
            return Err(self.error(Some(entry), None, "entry block has parameters"));
        }
        for &block in &func.layout {
            if func.blocks[block.index()].handler == Some(entry) {
                return Err(self.error(
                    Some(block),
                    None,
                    "entry block is used as an exception handler",
                ));
            }
        }
        Ok(in_layout)
    }

    /// Invariants 3 and 6; returns each value's definition site.
    fn check_definitions(&self) -> Result<Vec<Option<DefSite>>, VerifyError> {
        let func = self.func;
        let mut defs: Vec<Option<DefSite>> = vec![None; func.values.len()];
        let mut placed = vec![false; func.insts.len()];
        let mut define = |value: Value, site: DefSite, expected: ValueDef| -> Result<(), String> {
            let Some(slot) = defs.get_mut(value.index()) else {
                return Err(format!(
                    "{value} is out of range ({} values)",
                    func.values.len()
                ));
            };
            if slot.is_some() {
                return Err(format!("{value} is defined more than once"));
            }
            *slot = Some(site);
            if func.values[value.index()] != expected {
                return Err(format!(
                    "the values table records {value} as {:?}, but it is defined as {expected:?}",
                    func.values[value.index()]
                ));
            }
            Ok(())
        };
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            for (index, &param) in data.params.iter().enumerate() {
                define(
                    param,
                    DefSite::Param(block),
                    ValueDef::Param(block, index as u32),
                )
                .map_err(|m| self.error(Some(block), None, m))?;
            }
            for (pos, &inst) in data.insts.iter().enumerate() {
                let Some(slot) = placed.get_mut(inst.index()) else {
                    return Err(self.error(
                        Some(block),
                        Some(inst.to_string()),
                        "instruction does not exist",
                    ));
                };
                if std::mem::replace(slot, true) {
                    return Err(self.inst_error(
                        block,
                        inst,
                        "instruction is listed more than once in the layout",
                    ));
                }
                if let Some(result) = func.insts[inst.index()].result {
                    define(result, DefSite::Inst(block, pos), ValueDef::Inst(inst))
                        .map_err(|m| self.inst_error(block, inst, m))?;
                }
            }
        }
        Ok(defs)
    }

    /// Invariants 4, 5, 10, 11, 13, 14, 15 for one block.
    fn check_block(&self, block: Block, in_layout: &[bool]) -> Result<(), VerifyError> {
        let func = self.func;
        let data = &func.blocks[block.index()];
        let laid_out = |b: Block| in_layout.get(b.index()).copied().unwrap_or(false);
        if let Some(handler) = data.handler {
            if !laid_out(handler) {
                return Err(self.error(
                    Some(block),
                    None,
                    format!("handler {handler} is not in the layout"),
                ));
            }
            let params = func.blocks[handler.index()].params.len();
            if params != 1 {
                return Err(self.error(
                    Some(block),
                    None,
                    format!("handler {handler} has {params} parameters; a handler takes exactly one (the exception)"),
                ));
            }
        }
        for &inst in &data.insts {
            self.check_inst(block, inst)?;
        }
        let term = data.term.as_ref().expect("checked by check_layout");
        for value in term.uses() {
            if value.index() >= func.values.len() {
                return Err(self.term_error(block, format!("{value} is out of range")));
            }
        }
        let mut edges = Vec::new();
        match term {
            Terminator::Jump(target) => edges.push((target, 0)),
            Terminator::Branch {
                then_to, else_to, ..
            } => edges.extend([(then_to, 0), (else_to, 0)]),
            Terminator::ForIter { body, exit, .. } => edges.extend([(body, 1), (exit, 0)]),
            _ => {}
        }
        for (edge, implicit) in edges {
            if !laid_out(edge.block) {
                return Err(
                    self.term_error(block, format!("target {} is not in the layout", edge.block))
                );
            }
            let params = func.blocks[edge.block.index()].params.len();
            if edge.args.len() + implicit != params {
                let detail = if implicit == 1 {
                    " (plus the implicit item)"
                } else {
                    ""
                };
                return Err(self.term_error(
                    block,
                    format!("edge to {} passes {} argument(s){detail}, but it has {params} parameter(s)", edge.block, edge.args.len()),
                ));
            }
        }
        Ok(())
    }

    fn check_inst(&self, block: Block, inst: Inst) -> Result<(), VerifyError> {
        let func = self.func;
        let data = &func.insts[inst.index()];
        let op = data.op;
        let fail = |message: String| Err(self.inst_error(block, inst, message));
        if !op.arity().accepts(data.args.len()) {
            let expected = match op.arity() {
                Arity::Fixed(n) => n.to_string(),
                Arity::AtLeast(n) => format!("at least {n}"),
                Arity::Range(lo, hi) => format!("{lo} to {hi}"),
            };
            return fail(format!(
                "{} takes {expected} operands, got {}",
                op.name(),
                data.args.len()
            ));
        }
        if data.imm.kind() != op.imm_kind() {
            return fail(format!(
                "{} takes a {:?} immediate, got {:?}",
                op.name(),
                op.imm_kind(),
                data.imm.kind()
            ));
        }
        if data.result.is_some() != op.has_result() {
            let expected = if op.has_result() {
                "needs"
            } else {
                "must not have"
            };
            return fail(format!("{} {expected} a result", op.name()));
        }
        for &arg in func.args_of(data) {
            if arg.index() >= func.values.len() {
                return fail(format!("{arg} is out of range"));
            }
        }
        let deref_count = func.cells.len() + func.frees.len();
        match data.imm {
            Imm::Const(c) if c.index() >= func.consts.len() => {
                return fail(format!("constant #{} is out of range", c.0));
            }
            Imm::Name(n) if n.index() >= func.names.len() => {
                return fail(format!("name #{} is out of range", n.0));
            }
            Imm::Local(l) if l.index() >= func.locals.len() => {
                return fail(format!("local #{} is out of range", l.0));
            }
            Imm::Deref(d) if d.index() >= deref_count => {
                return fail(format!("cell/free #{} is out of range", d.0));
            }
            Imm::Func(f) if f.index() >= self.module.functions.len() => {
                return fail(format!("{f} does not exist"));
            }
            Imm::Func(f) if f.index() == 0 => {
                return fail("f0 is the module body and cannot be a function".to_owned());
            }
            _ => {}
        }
        match (op, data.imm) {
            (Op::CallKw, Imm::Const(c)) => {
                let Const::Tuple(names) = &func.consts[c.index()] else {
                    return fail("call_kw's keyword names must be a tuple constant".to_owned());
                };
                if !names.iter().all(|n| matches!(n, Const::Str(_))) {
                    return fail("call_kw's keyword names must all be strings".to_owned());
                }
                if names.len() + 1 > data.args.len() {
                    return fail(format!(
                        "call_kw names {} keywords but has only {} operands after the callee",
                        names.len(),
                        data.args.len() - 1
                    ));
                }
            }
            (Op::UnpackSequence | Op::TupleGet | Op::MatchClass, Imm::Int(n)) if n < 0 => {
                return fail(format!("{} needs a non-negative count", op.name()));
            }
            (Op::FormatValue | Op::BuildInterpolation, Imm::Int(n)) if !(0..=3).contains(&n) => {
                return fail(format!(
                    "conversion {n} is not 0 (none), 1 (!s), 2 (!r) or 3 (!a)"
                ));
            }
            (Op::GetAwaitable, Imm::Int(n)) if !(0..=2).contains(&n) => {
                return fail(format!("awaitable position {n} is not 0, 1 or 2"));
            }
            _ => {}
        }
        Ok(())
    }

    /// Invariants 7, 8 and 9.
    fn check_dominance(
        &self,
        defs: &[Option<DefSite>],
        in_layout: &[bool],
    ) -> Result<(), VerifyError> {
        let func = self.func;
        let mut successors = vec![Vec::new(); func.blocks.len() * 2];
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            successors[top(block)].push(body(block));
            if let Some(handler) = data.handler {
                successors[top(block)].push(top(handler));
            }
            for succ in data.term.iter().flat_map(Terminator::successors) {
                if in_layout.get(succ.index()).copied().unwrap_or(false) {
                    successors[body(block)].push(top(succ));
                }
            }
        }
        let tree = DomTree::compute(&successors, top(func.entry()));
        for &block in &func.layout {
            let data = &func.blocks[block.index()];
            for (pos, &inst) in data.insts.iter().enumerate() {
                for &arg in func.args(inst) {
                    self.check_use(arg, UseSite { block, pos }, defs, &tree)
                        .map_err(|m| self.inst_error(block, inst, m))?;
                }
            }
            if let Some(term) = &data.term {
                for value in term.uses() {
                    self.check_use(
                        value,
                        UseSite {
                            block,
                            pos: data.insts.len(),
                        },
                        defs,
                        &tree,
                    )
                    .map_err(|m| self.term_error(block, m))?;
                }
            }
        }
        Ok(())
    }

    fn check_use(
        &self,
        value: Value,
        site: UseSite,
        defs: &[Option<DefSite>],
        tree: &DomTree,
    ) -> Result<(), String> {
        let Some(def) = defs.get(value.index()).copied().flatten() else {
            return Err(format!("{value} is used but never defined"));
        };
        if !tree.is_reachable(body(site.block)) {
            return Ok(());
        }
        // The use is in a handler that protects the defining block (invariant 9).
        if let DefSite::Inst(def_block, _) = def
            && self.func.blocks[def_block.index()].handler == Some(site.block)
        {
            return Err(format!(
                "{value} is defined in {def_block}, which this handler protects; the exception may be raised before it is set"
            ));
        }
        let dominated = match def {
            DefSite::Inst(block, pos) if block == site.block => pos < site.pos,
            DefSite::Param(block) if block == site.block => true,
            DefSite::Param(block) => tree.dominates(top(block), body(site.block)),
            DefSite::Inst(block, _) => tree.dominates(body(block), body(site.block)),
        };
        if dominated {
            Ok(())
        } else {
            Err(format!(
                "{value} (defined in {}) does not dominate this use",
                def.block()
            ))
        }
    }
}
