//! Code generation: an IR [`Function`] becomes a [`CodeObject`].
//!
//! Steps, in order:
//! 1. [`regalloc::allocate`] gives every SSA value a register (locals keep `0..nlocals`).
//! 2. Blocks are emitted in IR layout order. Each IR operation becomes one opcode; block
//!    parameters become parallel moves on each incoming edge, sequentialised with a scratch
//!    register for cycles. A conditional edge whose moves cannot sit on the fall-through path
//!    gets a small stub after the function body. `ForIter` writes the item straight into the
//!    body block's last parameter register.
//! 3. Jumps to empty forwarding blocks are threaded to the final target, and a jump to the
//!    next block in the layout becomes a fall-through.
//! 4. Labels are resolved to pcs, instructions encoded, and the line and exception tables
//!    built from each instruction's location and protecting handler.

use super::code::{CodeModule, CodeObject};
use super::exctable::ExceptionTable;
use super::instruction::Instruction;
use super::linetable::LineTable;
use super::opcodes::{NO_CACHE, Opcode, OperandKind};
use super::regalloc::{self, Allocation, sequentialize_moves};
use crate::ir::{
    BinOp, Block, BlockCall, CmpOp, Common, Function, Imm, InstData, Intrinsic, Loc, Module, Op,
    Terminator, UnaryOp, Value,
};
use rustc_hash::FxHashMap;

/// Why a function could not be compiled to bytecode. Valid IR only fails when a code
/// object exceeds the encoding's limits; malformed IR is reported, never a panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    pub function: String,
    pub message: String,
}

impl std::fmt::Display for CodegenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot compile {}: {}", self.function, self.message)
    }
}

type Result<T> = std::result::Result<T, CodegenError>;

/// Compiles every function of an IR module.
pub fn compile_module(module: &Module) -> Result<CodeModule> {
    let codes = module
        .functions
        .iter()
        .map(compile_function)
        .collect::<Result<Vec<_>>>()?;
    Ok(CodeModule {
        filename: module.filename.clone(),
        codes,
    })
}

/// A jump destination before pcs are known: a block, or an edge stub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Label {
    Block(Block),
    Stub(usize),
}

/// An instruction awaiting label resolution.
struct Pending {
    inst: Instruction,
    target: Option<Label>,
    loc: Loc,
    handler: Option<Block>,
}

enum Item {
    Label(Label),
    Inst(Pending),
}

/// Moves to perform on an edge, deferred to the end of the function.
struct Stub {
    label: Label,
    moves: Vec<(u32, u32)>,
    target: Label,
    loc: Loc,
}

struct Codegen<'f> {
    func: &'f Function,
    /// Which blocks are laid out (jump threading never leaves the layout).
    in_layout: Vec<bool>,
    alloc: Allocation,
    items: Vec<Item>,
    stubs: Vec<Stub>,
    ncaches: u32,
    scratch: Option<u32>,
    item_scratch: Option<u32>,
    loc: Loc,
    handler: Option<Block>,
}

/// Compiles one IR function.
pub fn compile_function(func: &Function) -> Result<CodeObject> {
    let nlocals = func.locals.len() as u32;
    let alloc = regalloc::allocate(func, nlocals);
    let mut in_layout = vec![false; func.blocks.len()];
    for &block in &func.layout {
        in_layout[block.index()] = true;
    }
    let mut cg = Codegen {
        func,
        in_layout,
        alloc,
        items: Vec::new(),
        stubs: Vec::new(),
        ncaches: 0,
        scratch: None,
        item_scratch: None,
        loc: Loc::default(),
        handler: None,
    };
    for (index, &block) in func.layout.iter().enumerate() {
        let next = func.layout.get(index + 1).copied();
        cg.emit_block(block, next)?;
    }
    let stubs = std::mem::take(&mut cg.stubs);
    for stub in stubs {
        cg.handler = None;
        cg.loc = stub.loc;
        cg.items.push(Item::Label(stub.label));
        cg.emit_moves(&stub.moves);
        cg.emit_jump(Opcode::Jump, Vec::new(), stub.target);
    }
    cg.finish()
}

impl<'f> Codegen<'f> {
    fn error(&self, message: impl Into<String>) -> CodegenError {
        CodegenError {
            function: self.func.qualname.clone(),
            message: message.into(),
        }
    }

    fn reg(&self, value: Value) -> Result<u32> {
        self.alloc
            .reg(value)
            .ok_or_else(|| self.error(format!("{value} has no register")))
    }

    fn regs(&self, values: &[Value]) -> Result<Vec<u32>> {
        values.iter().map(|&v| self.reg(v)).collect()
    }

    fn scratch(&mut self) -> u32 {
        *self.scratch.get_or_insert_with(|| {
            self.alloc.nregs += 1;
            self.alloc.nregs - 1
        })
    }

    fn item_scratch(&mut self) -> u32 {
        *self.item_scratch.get_or_insert_with(|| {
            self.alloc.nregs += 1;
            self.alloc.nregs - 1
        })
    }

    /// The next inline-cache slot, or [`NO_CACHE`] once every encodable slot is taken.
    fn next_cache(&mut self) -> u32 {
        if self.ncaches >= NO_CACHE {
            return NO_CACHE;
        }
        self.ncaches += 1;
        self.ncaches - 1
    }

    fn push(&mut self, inst: Instruction) {
        self.items.push(Item::Inst(Pending {
            inst,
            target: None,
            loc: self.loc,
            handler: self.handler,
        }));
    }

    fn emit(&mut self, opcode: Opcode, operands: Vec<u32>) {
        self.push(Instruction::new(opcode, operands));
    }

    /// Emits a jump-like instruction whose `Target` operand (placed where the table puts it)
    /// is resolved later.
    fn emit_jump(&mut self, opcode: Opcode, mut operands: Vec<u32>, target: Label) {
        let at = opcode
            .operands()
            .iter()
            .position(|o| o.kind == OperandKind::Target)
            .unwrap_or(operands.len());
        operands.insert(at.min(operands.len()), 0);
        self.items.push(Item::Inst(Pending {
            inst: Instruction::new(opcode, operands),
            target: Some(target),
            loc: self.loc,
            handler: self.handler,
        }));
    }

    fn emit_moves(&mut self, moves: &[(u32, u32)]) {
        if moves.iter().all(|(d, s)| d == s) {
            return;
        }
        // The scratch register is only reserved when a cycle actually needs it.
        const PLACEHOLDER: u32 = u32::MAX;
        for (dst, src) in sequentialize_moves(moves, PLACEHOLDER) {
            let dst = if dst == PLACEHOLDER {
                self.scratch()
            } else {
                dst
            };
            let src = if src == PLACEHOLDER {
                self.scratch()
            } else {
                src
            };
            self.emit(Opcode::Move, vec![dst, src]);
        }
    }

    /// The register moves an edge needs: each argument into its parameter's register.
    fn edge_moves(&self, call: &BlockCall) -> Result<Vec<(u32, u32)>> {
        let params = &self
            .func
            .blocks
            .get(call.block.index())
            .ok_or_else(|| self.error("bad block"))?
            .params;
        if params.len() < call.args.len() {
            return Err(self.error(format!("too many arguments for {}", call.block)));
        }
        let mut moves = Vec::new();
        for (&arg, &param) in call.args.iter().zip(params) {
            let (dst, src) = (self.reg(param)?, self.reg(arg)?);
            if dst != src {
                moves.push((dst, src));
            }
        }
        Ok(moves)
    }

    /// Follows empty blocks that only jump on without arguments (branch threading).
    fn resolve(&self, mut block: Block) -> Label {
        for _ in 0..self.func.blocks.len() {
            let Some(data) = self.func.blocks.get(block.index()) else {
                break;
            };
            match &data.term {
                Some(Terminator::Jump(next))
                    if data.insts.is_empty() && data.params.is_empty() && next.args.is_empty() =>
                {
                    if next.block == block
                        || !self
                            .in_layout
                            .get(next.block.index())
                            .copied()
                            .unwrap_or(false)
                    {
                        break;
                    }
                    block = next.block;
                }
                _ => break,
            }
        }
        Label::Block(block)
    }

    fn new_stub(&mut self, moves: Vec<(u32, u32)>, target: Block) -> Label {
        let label = Label::Stub(self.stubs.len());
        let target = self.resolve(target);
        self.stubs.push(Stub {
            label,
            moves,
            target,
            loc: self.loc,
        });
        label
    }

    /// The label a conditional jump along `call` should go to: the target itself when the
    /// edge needs no moves, else a stub doing them.
    fn edge_label(&mut self, call: &BlockCall) -> Result<Label> {
        let moves = self.edge_moves(call)?;
        Ok(if moves.is_empty() {
            self.resolve(call.block)
        } else {
            self.new_stub(moves, call.block)
        })
    }

    /// Emits the moves of `call` then a jump to its target, unless that is the next block.
    fn emit_edge_inline(&mut self, call: &BlockCall, next: Option<Block>) -> Result<()> {
        let moves = self.edge_moves(call)?;
        let target = if moves.is_empty() {
            self.resolve(call.block)
        } else {
            Label::Block(call.block)
        };
        self.emit_moves(&moves);
        if Some(target) != next.map(Label::Block) {
            self.emit_jump(Opcode::Jump, Vec::new(), target);
        }
        Ok(())
    }

    fn emit_block(&mut self, block: Block, next: Option<Block>) -> Result<()> {
        let data = self
            .func
            .blocks
            .get(block.index())
            .ok_or_else(|| self.error("bad block in layout"))?;
        self.handler = data.handler;
        self.items.push(Item::Label(Label::Block(block)));
        for &inst in &data.insts {
            let inst = self
                .func
                .insts
                .get(inst.index())
                .ok_or_else(|| self.error("bad instruction"))?;
            self.loc = inst.loc;
            self.emit_inst(inst)?;
        }
        self.loc = data.term_loc;
        match &data.term {
            None | Some(Terminator::Unreachable) => self.emit(Opcode::Unreachable, Vec::new()),
            Some(Terminator::Jump(call)) => self.emit_edge_inline(call, next)?,
            Some(Terminator::Branch {
                cond,
                then_to,
                else_to,
            }) => {
                let cond = self.reg(*cond)?;
                let is_next = |call: &BlockCall| {
                    next.is_some_and(|n| self.resolve(call.block) == Label::Block(n))
                };
                // Fall through along the edge that leads to the next block, or else along the
                // edge with moves (so they need no stub), and jump conditionally along the other.
                let then_falls = if is_next(then_to) {
                    true
                } else if is_next(else_to) {
                    false
                } else {
                    !self.edge_moves(then_to)?.is_empty() || self.edge_moves(else_to)?.is_empty()
                };
                if then_falls {
                    let label = self.edge_label(else_to)?;
                    self.emit_jump(Opcode::JumpIfFalse, vec![cond], label);
                    self.emit_edge_inline(then_to, next)?;
                } else {
                    let label = self.edge_label(then_to)?;
                    self.emit_jump(Opcode::JumpIfTrue, vec![cond], label);
                    self.emit_edge_inline(else_to, next)?;
                }
            }
            Some(Terminator::ForIter { iter, body, exit }) => {
                let iter = self.reg(*iter)?;
                let body_params = &self
                    .func
                    .blocks
                    .get(body.block.index())
                    .ok_or_else(|| self.error("bad block"))?
                    .params;
                let Some(&item_param) = body_params.get(body.args.len()) else {
                    return Err(
                        self.error(format!("{} lacks the for-loop item parameter", body.block))
                    );
                };
                let item_reg = self.reg(item_param)?;
                let mut body_moves = self.edge_moves(body)?;
                // The item goes straight to its parameter unless that register is still read
                // by another move of the same edge.
                let dst = if body_moves.iter().any(|&(_, src)| src == item_reg) {
                    let temp = self.item_scratch();
                    body_moves.push((item_reg, temp));
                    temp
                } else {
                    item_reg
                };
                let exit_label = self.edge_label(exit)?;
                self.emit_jump(Opcode::ForIter, vec![dst, iter], exit_label);
                let target = if body_moves.is_empty() {
                    self.resolve(body.block)
                } else {
                    Label::Block(body.block)
                };
                self.emit_moves(&body_moves);
                if Some(target) != next.map(Label::Block) {
                    self.emit_jump(Opcode::Jump, Vec::new(), target);
                }
            }
            Some(Terminator::Return(value)) => {
                let value = self.reg(*value)?;
                self.emit(Opcode::Return, vec![value]);
            }
            Some(Terminator::Raise { exc, cause }) => match (exc, cause) {
                (Some(exc), None) => {
                    let exc = self.reg(*exc)?;
                    self.emit(Opcode::Raise, vec![exc]);
                }
                (Some(exc), Some(cause)) => {
                    let (exc, cause) = (self.reg(*exc)?, self.reg(*cause)?);
                    self.emit(Opcode::RaiseFrom, vec![exc, cause]);
                }
                _ => self.emit(Opcode::ReraiseCurrent, Vec::new()),
            },
            Some(Terminator::Reraise(value)) => {
                let value = self.reg(*value)?;
                self.emit(Opcode::Reraise, vec![value]);
            }
        }
        Ok(())
    }

    fn emit_inst(&mut self, inst: &InstData) -> Result<()> {
        let args = self.regs(&inst.args)?;
        let dst = inst.result.map(|v| self.reg(v)).transpose()?;
        let need_dst =
            || dst.ok_or_else(|| self.error(format!("{} lacks a result", inst.op.name())));
        let arg = |i: usize| {
            args.get(i)
                .copied()
                .ok_or_else(|| self.error(format!("{} lacks operand {i}", inst.op.name())))
        };
        let bad_imm = || {
            self.error(format!(
                "{} has a bad immediate {:?}",
                inst.op.name(),
                inst.imm
            ))
        };
        let index = |found: Option<usize>| found.map(|i| i as u32).ok_or_else(bad_imm);
        let imm = match inst.imm {
            Imm::Const(c) => c.0,
            Imm::Name(n) => n.0,
            Imm::Local(l) => l.0,
            Imm::Deref(d) => d.0,
            Imm::Func(f) => f.0,
            Imm::Int(i) => u32::try_from(i).map_err(|_| bad_imm())?,
            Imm::BinOp(op) => index(BinOp::ALL.iter().position(|&o| o == op))?,
            Imm::UnaryOp(op) => index(UnaryOp::ALL.iter().position(|&o| o == op))?,
            Imm::CmpOp(op) => index(CmpOp::ALL.iter().position(|&o| o == op))?,
            Imm::Intrinsic(op) => index(Intrinsic::ALL.iter().position(|&o| o == op))?,
            Imm::Common(op) => index(Common::ALL.iter().position(|&o| o == op))?,
            Imm::Pair(a, _) => a,
            Imm::None => 0,
        };
        use Opcode as O;
        let (opcode, operands, list): (Opcode, Vec<u32>, Option<Vec<u32>>) = match inst.op {
            Op::Const => (O::LoadConst, vec![need_dst()?, imm], None),
            Op::LoadFast => (O::LoadFast, vec![need_dst()?, imm], None),
            Op::LoadFastAndClear => (O::LoadFastAndClear, vec![need_dst()?, imm], None),
            Op::StoreFast => (O::Move, vec![imm, arg(0)?], None),
            Op::DeleteFast => (O::DeleteFast, vec![imm], None),
            Op::LoadDeref => (O::LoadDeref, vec![need_dst()?, imm], None),
            Op::StoreDeref => (O::StoreDeref, vec![imm, arg(0)?], None),
            Op::DeleteDeref => (O::DeleteDeref, vec![imm], None),
            Op::LoadClosure => (O::LoadClosure, vec![need_dst()?, imm], None),
            Op::LoadGlobal => (
                O::LoadGlobal,
                vec![need_dst()?, imm, self.next_cache()],
                None,
            ),
            Op::StoreGlobal => (O::StoreGlobal, vec![imm, arg(0)?], None),
            Op::DeleteGlobal => (O::DeleteGlobal, vec![imm], None),
            Op::LoadName => (O::LoadName, vec![need_dst()?, imm], None),
            Op::StoreName => (O::StoreName, vec![imm, arg(0)?], None),
            Op::DeleteName => (O::DeleteName, vec![imm], None),
            Op::LoadFromDictOrDeref => (
                O::LoadFromDictOrDeref,
                vec![need_dst()?, arg(0)?, imm],
                None,
            ),
            Op::LoadFromDictOrGlobals => (
                O::LoadFromDictOrGlobals,
                vec![need_dst()?, arg(0)?, imm],
                None,
            ),
            Op::LoadLocals => (O::LoadLocals, vec![need_dst()?], None),
            Op::LoadBuildClass => (O::LoadBuildClass, vec![need_dst()?], None),
            Op::LoadCommon => (O::LoadCommon, vec![need_dst()?, imm], None),
            Op::LoadSpecial => (O::LoadSpecial, vec![need_dst()?, arg(0)?, imm], None),
            Op::GetAttr => (
                O::GetAttr,
                vec![need_dst()?, arg(0)?, imm, self.next_cache()],
                None,
            ),
            Op::SetAttr => (
                O::SetAttr,
                vec![arg(0)?, imm, arg(1)?, self.next_cache()],
                None,
            ),
            Op::DelAttr => (O::DelAttr, vec![arg(0)?, imm], None),
            Op::GetItem => (
                O::GetItem,
                vec![need_dst()?, arg(0)?, arg(1)?, self.next_cache()],
                None,
            ),
            Op::SetItem => (
                O::SetItem,
                vec![arg(0)?, arg(1)?, arg(2)?, self.next_cache()],
                None,
            ),
            Op::DelItem => (O::DelItem, vec![arg(0)?, arg(1)?], None),
            Op::BuildSlice if args.len() == 3 => (
                O::BuildSlice3,
                vec![need_dst()?, arg(0)?, arg(1)?, arg(2)?],
                None,
            ),
            Op::BuildSlice => (O::BuildSlice, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::Binary => (
                O::BinaryOp,
                vec![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::Inplace => (
                O::InplaceOp,
                vec![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::Unary => (O::UnaryOp, vec![need_dst()?, arg(0)?, imm], None),
            Op::Not => (O::Not, vec![need_dst()?, arg(0)?], None),
            Op::ToBool => (O::ToBool, vec![need_dst()?, arg(0)?], None),
            Op::Compare => (
                O::CompareOp,
                vec![need_dst()?, arg(0)?, arg(1)?, imm, self.next_cache()],
                None,
            ),
            Op::ExcMatch => (O::ExcMatch, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::BuildTuple => (O::BuildTuple, vec![need_dst()?], Some(args.clone())),
            Op::BuildList => (O::BuildList, vec![need_dst()?], Some(args.clone())),
            Op::BuildSet => (O::BuildSet, vec![need_dst()?], Some(args.clone())),
            Op::BuildMap => (O::BuildMap, vec![need_dst()?], Some(args.clone())),
            Op::BuildString => (O::BuildString, vec![need_dst()?], Some(args.clone())),
            Op::ListAppend => (O::ListAppend, vec![arg(0)?, arg(1)?], None),
            Op::ListExtend => (O::ListExtend, vec![arg(0)?, arg(1)?], None),
            Op::SetAdd => (O::SetAdd, vec![arg(0)?, arg(1)?], None),
            Op::SetUpdate => (O::SetUpdate, vec![arg(0)?, arg(1)?], None),
            Op::DictSet => (O::DictSet, vec![arg(0)?, arg(1)?, arg(2)?], None),
            Op::DictUpdate => (O::DictUpdate, vec![arg(0)?, arg(1)?], None),
            Op::DictMerge => (O::DictMerge, vec![arg(0)?, arg(1)?, arg(2)?], None),
            Op::FormatValue if args.len() == 2 => (
                O::FormatWithSpec,
                vec![need_dst()?, arg(0)?, arg(1)?, imm],
                None,
            ),
            Op::FormatValue => (O::FormatValue, vec![need_dst()?, arg(0)?, imm], None),
            Op::BuildInterpolation if args.len() == 3 => (
                O::BuildInterpolationSpec,
                vec![need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm],
                None,
            ),
            Op::BuildInterpolation => (
                O::BuildInterpolation,
                vec![need_dst()?, arg(0)?, arg(1)?, imm],
                None,
            ),
            Op::BuildTemplate => (O::BuildTemplate, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::UnpackSequence => (O::UnpackSequence, vec![need_dst()?, arg(0)?, imm], None),
            Op::UnpackEx => {
                let Imm::Pair(before, after) = inst.imm else {
                    return Err(bad_imm());
                };
                (O::UnpackEx, vec![need_dst()?, arg(0)?, before, after], None)
            }
            Op::TupleGet => (O::TupleGet, vec![need_dst()?, arg(0)?, imm], None),
            Op::Call => (
                O::Call,
                vec![need_dst()?, arg(0)?, self.next_cache()],
                Some(args.get(1..).map(<[u32]>::to_vec).unwrap_or_default()),
            ),
            Op::CallKw => (
                O::CallKw,
                vec![need_dst()?, arg(0)?, imm, self.next_cache()],
                Some(args.get(1..).map(<[u32]>::to_vec).unwrap_or_default()),
            ),
            Op::CallEx if args.len() == 3 => (
                O::CallExKw,
                vec![need_dst()?, arg(0)?, arg(1)?, arg(2)?],
                None,
            ),
            Op::CallEx => (O::CallEx, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::CallIntrinsic => (O::CallIntrinsic, vec![need_dst()?, imm], Some(args.clone())),
            Op::MakeFunction => (
                O::MakeFunction,
                vec![need_dst()?, imm, arg(0)?, arg(1)?, arg(2)?, arg(3)?],
                None,
            ),
            Op::ImportName => (
                O::ImportName,
                vec![need_dst()?, imm, arg(0)?, arg(1)?],
                None,
            ),
            Op::ImportFrom => (O::ImportFrom, vec![need_dst()?, arg(0)?, imm], None),
            Op::GetIter => (O::GetIter, vec![need_dst()?, arg(0)?], None),
            Op::GetAIter => (O::GetAIter, vec![need_dst()?, arg(0)?], None),
            Op::GetANext => (O::GetANext, vec![need_dst()?, arg(0)?], None),
            Op::GetYieldFromIter => (O::GetYieldFromIter, vec![need_dst()?, arg(0)?], None),
            Op::GetAwaitable => (O::GetAwaitable, vec![need_dst()?, arg(0)?, imm], None),
            Op::Yield => (O::Yield, vec![need_dst()?, arg(0)?], None),
            Op::YieldFrom => (O::YieldFrom, vec![need_dst()?, arg(0)?], None),
            Op::PushExcInfo => (O::PushExcInfo, vec![need_dst()?, arg(0)?], None),
            Op::PopExcInfo => (O::PopExcInfo, vec![arg(0)?], None),
            Op::CheckEgMatch => (O::CheckEgMatch, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::PrepReraiseStar => (
                O::PrepReraiseStar,
                vec![need_dst()?, arg(0)?, arg(1)?],
                None,
            ),
            Op::WithExit => (O::WithExit, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::SetupAnnotations => (O::SetupAnnotations, vec![], None),
            Op::GetLen => (O::GetLen, vec![need_dst()?, arg(0)?], None),
            Op::MatchMapping => (O::MatchMapping, vec![need_dst()?, arg(0)?], None),
            Op::MatchSequence => (O::MatchSequence, vec![need_dst()?, arg(0)?], None),
            Op::MatchKeys => (O::MatchKeys, vec![need_dst()?, arg(0)?, arg(1)?], None),
            Op::MatchClass => (
                O::MatchClass,
                vec![need_dst()?, arg(0)?, arg(1)?, arg(2)?, imm],
                None,
            ),
            Op::CopyDictWithoutKeys => (
                O::CopyDictWithoutKeys,
                vec![need_dst()?, arg(0)?, arg(1)?],
                None,
            ),
        };
        self.push(match list {
            Some(list) => Instruction::with_list(opcode, operands, list),
            None => Instruction::new(opcode, operands),
        });
        Ok(())
    }

    /// Resolves labels, encodes, and builds the line and exception tables.
    fn finish(self) -> Result<CodeObject> {
        let func = self.func;
        let mut label_pcs: FxHashMap<Label, u32> = FxHashMap::default();
        let mut pc = 0usize;
        for item in &self.items {
            match item {
                Item::Label(label) => {
                    label_pcs.insert(*label, pc as u32);
                }
                Item::Inst(p) => pc += p.inst.units(),
            }
        }
        let too_large = |what: &str| CodegenError {
            function: func.qualname.clone(),
            message: what.to_owned(),
        };
        if u32::try_from(pc).is_err() {
            return Err(too_large("code object too large"));
        }
        let pc_of = |label: Label| label_pcs.get(&label).copied();
        let mut code = Vec::with_capacity(pc);
        let mut lines = Vec::new();
        let mut coverage = Vec::new();
        for item in self.items {
            let Item::Inst(mut pending) = item else {
                continue;
            };
            if let Some(target) = pending.target {
                let target_pc =
                    pc_of(target).ok_or_else(|| too_large("jump to a block outside the layout"))?;
                if let Some(at) = pending
                    .inst
                    .opcode
                    .operands()
                    .iter()
                    .position(|o| o.kind == OperandKind::Target)
                {
                    pending.inst.operands[at] = target_pc;
                }
            }
            let start = code.len() as u32;
            pending
                .inst
                .encode(&mut code)
                .map_err(|e| too_large(&format!("code object too large: {e}")))?;
            let end = code.len() as u32;
            lines.push(((end - start) as usize, pending.loc));
            let handler = match pending.handler {
                Some(block) => {
                    let handler_pc = pc_of(Label::Block(block))
                        .ok_or_else(|| too_large("exception handler outside the layout"))?;
                    let exc_reg = match func
                        .blocks
                        .get(block.index())
                        .and_then(|b| b.params.first())
                    {
                        Some(&param) => self.alloc.reg(param).unwrap_or(self.alloc.nregs),
                        None => self.alloc.nregs,
                    };
                    Some((handler_pc, exc_reg))
                }
                None => None,
            };
            coverage.push((start, end, handler));
        }
        let mut nregs = self.alloc.nregs;
        // A handler without a parameter still needs somewhere to put the exception.
        if coverage
            .iter()
            .any(|(_, _, h)| h.is_some_and(|(_, r)| r == nregs))
        {
            nregs += 1;
        }
        if nregs > u32::from(u16::MAX) + 1 {
            return Err(too_large("code object too large: too many registers"));
        }
        Ok(CodeObject {
            name: func.name.clone(),
            qualname: func.qualname.clone(),
            kind: func.kind,
            flags: func.flags,
            argcount: func.argcount,
            posonlyargcount: func.posonlyargcount,
            kwonlyargcount: func.kwonlyargcount,
            nlocals: func.locals.len() as u32,
            nregs,
            ncaches: self.ncaches,
            varnames: func.locals.clone(),
            cells: func.cells.clone(),
            frees: func.frees.clone(),
            consts: func.consts.clone(),
            names: func.names.clone(),
            code,
            linetable: LineTable::build(lines),
            exctable: ExceptionTable::build(coverage),
            first_line: func.first_line,
            docstring: func.docstring.clone(),
        })
    }
}
