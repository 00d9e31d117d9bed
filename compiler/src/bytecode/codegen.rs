//! Code generation: an IR [`Function`] becomes a [`CodeObject`].
//!
//! Steps, in order:
//! 1. [`regalloc::allocate`] gives every SSA value a register (locals keep `0..nlocals`);
//!    then `forward_locals` lets instructions read and write locals' registers directly,
//!    dropping the `LoadFast`/`Move` copies that cannot change behaviour.
//! 2. Blocks are emitted in IR layout order. Each IR operation becomes one opcode; block
//!    parameters become parallel moves on each incoming edge, sequentialised with a scratch
//!    register for cycles. A conditional edge whose moves cannot sit on the fall-through path
//!    gets a small stub after the function body. `ForIter` writes the item straight into the
//!    body block's last parameter register.
//! 3. Jumps to empty forwarding blocks are threaded to the final target, and a jump to the
//!    next block in the layout becomes a fall-through.
//! 4. Each instruction is encoded as it is emitted (no per-instruction allocation: this is
//!    the hot path of compiling); jump targets are patched once every label's pc is known,
//!    and the line and exception tables are built from each instruction's location and
//!    protecting handler. The opcode and operands of each IR operation are in `inst.rs`.
//!
//! Compiling a module reuses one `Scratch` for all its functions, and compiling function by
//! function (the release pipeline) reuses the thread's: the allocator's, `forward_locals`'
//! and the emitter's working vectors grow to the largest function and are then only
//! cleared, so a function allocates little more than its code object.

use super::code::{CodeModule, CodeObject};
use super::exctable::ExceptionTable;
use super::instruction::CodeError;
use super::linetable::LineTableBuilder;
use super::moves::sequentialize_moves;
use super::opcodes::{NO_CACHE, Opcode, OperandKind};
use super::regalloc::{self, Allocation, RegScratch};

mod inst;
use crate::ir::{Block, BlockCall, Function, Loc, Module, Terminator, Value};

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

/// What codegen adds to the IR function's header to make its code object.
struct Parts {
    code: Vec<u16>,
    linetable: super::linetable::LineTable,
    exctable: ExceptionTable,
    nregs: u32,
    ncaches: u32,
}

/// The code object of `$func` compiled to `$parts`, its header, pools and variable lists
/// passed through `$field!`: [`moved`] out of a function owned by value, [`taken`] out of
/// one borrowed mutably, or [`cloned`] from one borrowed. A macro and not a function, so
/// that the object (a few hundred bytes) is built once, in place, instead of being filled
/// in and then copied from frame to frame.
macro_rules! code_object {
    ($parts:expr, $func:expr, $field:ident) => {{
        let parts: Parts = $parts;
        CodeObject {
            name: $field!($func.name),
            qualname: $field!($func.qualname),
            kind: $func.kind,
            flags: $func.flags,
            argcount: $func.argcount,
            posonlyargcount: $func.posonlyargcount,
            kwonlyargcount: $func.kwonlyargcount,
            nlocals: $func.locals.len() as u32,
            nregs: parts.nregs,
            ncaches: parts.ncaches,
            varnames: $field!($func.locals),
            cells: $field!($func.cells),
            frees: $field!($func.frees),
            consts: $field!($func.consts),
            names: $field!($func.names),
            code: parts.code,
            linetable: parts.linetable,
            exctable: parts.exctable,
            first_line: $func.first_line,
            docstring: $field!($func.docstring),
        }
    }};
}

/// [`code_object!`]'s field of a function owned by value: moved.
macro_rules! moved {
    ($place:expr) => {
        $place
    };
}

/// [`code_object!`]'s field of a function borrowed mutably: taken, leaving it empty.
macro_rules! taken {
    ($place:expr) => {
        std::mem::take(&mut $place)
    };
}

/// [`code_object!`]'s field of a borrowed function: cloned.
macro_rules! cloned {
    ($place:expr) => {
        $place.clone()
    };
}

/// Compiles every function of an IR module.
pub fn compile_module(module: &Module) -> Result<CodeModule> {
    let mut scratch = Scratch::default();
    let codes = module
        .functions
        .iter()
        .map(|func| compile_function_with(func, &mut scratch))
        .collect::<Result<Vec<_>>>()?;
    Ok(CodeModule {
        filename: module.filename.clone(),
        codes,
    })
}

/// [`compile_module`] for a module that is no longer needed: the pools, names and
/// variable lists move into the code objects instead of being copied.
pub fn compile_module_owned(module: Module) -> Result<CodeModule> {
    let mut codes = Vec::with_capacity(module.functions.len());
    let mut scratch = Scratch::default();
    for func in module.functions {
        let parts = compile_parts(&func, &mut scratch)?;
        codes.push(code_object!(parts, func, moved));
    }
    Ok(CodeModule {
        filename: module.filename,
        codes,
    })
}

/// [`compile_function`] for a function that is no longer needed (see
/// [`compile_module_owned`]), with working memory from the thread's [`THREAD_SCRATCH`].
pub fn compile_function_owned(mut func: Function) -> Result<CodeObject> {
    let parts = with_thread_scratch(|scratch| compile_parts(&func, scratch));
    // The IR's working arrays go back to the thread for the next function it lowers.
    func.recycle_arrays();
    Ok(code_object!(parts?, func, moved))
}

/// [`compile_function_owned`] for a function left where it is, appending its code object
/// to `codes`. The release pipeline compiles each function as soon as it is optimised, in
/// the lowering builder that holds it: moving the function out and back (a few hundred
/// bytes each way) and then the code object into `codes` cost more than the whole code
/// generation of a small function. The header, pools and variable lists are taken into
/// the code object and the working arrays go back to the thread; what remains (the
/// pools' indexes) lowering resets along with the rest when it starts its next function.
pub fn compile_function_into(func: &mut Function, codes: &mut Vec<CodeObject>) -> Result<()> {
    let parts = with_thread_scratch(|scratch| compile_parts(func, scratch))?;
    func.recycle_arrays();
    // Built straight in its new slot at the end of `codes`: pushing it built it on the
    // stack first and then copied it.
    let mut parts = Some(parts);
    codes.resize_with(codes.len() + 1, || {
        let parts = parts.take().expect("one new slot");
        code_object!(parts, func, taken)
    });
    Ok(())
}

thread_local! {
    /// The working memory of the functions a thread compiles one at a time: reused, it
    /// stays as large as the largest function compiled, as the passes' pool does
    /// (`passes/scratch.rs`), instead of growing anew for every function.
    /// Boxed, so that taking it out and putting it back moves a pointer, not the
    /// couple of hundred bytes of vector headers.
    static THREAD_SCRATCH: std::cell::Cell<Option<Box<Scratch>>> =
        const { std::cell::Cell::new(None) };
}

/// Runs `f` with the thread's scratch memory. The scratch is taken out while `f` runs, so
/// a nested compile (there is none today) would only get a fresh one.
fn with_thread_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = THREAD_SCRATCH.take().unwrap_or_default();
    let result = f(&mut scratch);
    THREAD_SCRATCH.set(Some(scratch));
    result
}

/// A jump destination before pcs are known: a block, or an edge stub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Label {
    Block(Block),
    Stub(usize),
}

/// Moves to perform on an edge, deferred to the end of the function.
struct Stub {
    label: Label,
    moves: Vec<(u32, u32)>,
    target: Label,
    loc: Loc,
}

/// Marks a pc that is not known (yet).
const NO_PC: u32 = u32::MAX;

/// The largest loop test (in IR instructions) copied to the bottom of its loop.
const ROTATE_MAX_INSTS: usize = 4;

/// Whether each opcode (by code unit) has a jump `Target` operand, derived from the opcode
/// table at compile time. Every other operand is one code unit holding its value, which
/// lets [`Codegen::encode`] copy an instruction's operands without consulting the table.
const HAS_TARGET: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let operands = Opcode::ALL[i].operands();
        let mut j = 0;
        while j < operands.len() {
            if matches!(operands[j].kind, OperandKind::Target) {
                table[Opcode::ALL[i] as usize] = true;
            }
            j += 1;
        }
        i += 1;
    }
    table
};

/// For each opcode (by code unit) with a jump `Target` operand and no register list, the
/// position of the target among its operands; [`NO_TARGET`] for every other opcode. Such an
/// instruction is its other operands, one unit each, around the two target units, which
/// lets [`Codegen::encode`] write a jump without walking the opcode's operand table.
const TARGET_AT: [u8; 256] = {
    let mut table = [NO_TARGET; 256];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let operands = Opcode::ALL[i].operands();
        let mut at = NO_TARGET;
        let mut list = false;
        let mut j = 0;
        while j < operands.len() {
            match operands[j].kind {
                OperandKind::Target => at = j as u8,
                OperandKind::Regs => list = true,
                _ => {}
            }
            j += 1;
        }
        if !list {
            table[Opcode::ALL[i] as usize] = at;
        }
        i += 1;
    }
    table
};

/// [`TARGET_AT`] of an opcode without a target (or with a register list).
const NO_TARGET: u8 = u8::MAX;

struct Codegen<'f> {
    func: &'f Function,
    /// The allocator's memory of this function, which knows which blocks are laid out
    /// (jump threading never leaves the layout).
    regs: &'f RegScratch,
    /// The vectors kept from one function to the next, where the scratch keeps them.
    bufs: &'f mut Buffers,
    /// The code so far; its length is the next pc.
    code: Vec<u16>,
    /// The line table, built as instructions are encoded.
    lines: LineTableBuilder,
    stubs: Vec<Stub>,
    ncaches: u32,
    scratch: Option<u32>,
    item_scratch: Option<u32>,
    loc: Loc,
    handler: Option<Block>,
    /// The first operand that did not fit its encoding.
    too_large: Option<CodeError>,
    /// A loop test is being copied (no nested rotation).
    rotating: bool,
}

/// The emitter's working vectors, which grow to the largest function and are then reused
/// (see [`Scratch`]). The [`Codegen`] borrows them where they are: moved into it and back
/// one by one, with every vector's old value checked for dropping on the way back, they
/// cost more than emitting a small function's code (and moved as one struct, two copies
/// of it).
#[derive(Default)]
struct Buffers {
    alloc: Allocation,
    /// Instructions left out by `forward_locals` (indexed by instruction; none past the
    /// end, and empty when the function has nothing to forward).
    skip: Vec<bool>,
    /// The `[start, end)` of each run of protected instructions and their handler block.
    coverage: Vec<(u32, u32, Option<Block>)>,
    /// Code units holding a jump target (two units, low half first) to patch.
    fixups: Vec<(u32, Label)>,
    block_pc: Vec<u32>,
    stub_pc: Vec<u32>,
    /// Reused buffer for an instruction's operand registers.
    arg_regs: Vec<u32>,
}

/// A run of protected code units `[start, end)` and its `(handler pc, exc register)`, the
/// exception table's input.
type ExcCoverage = (u32, u32, Option<(u32, u32)>);

/// Working memory kept between the functions of one compile: the buffers grow to the
/// largest function and are then reused, so most functions allocate only their code
/// object's own vectors.
#[derive(Default)]
struct Scratch {
    regs: RegScratch,
    forward: super::forward_locals::ForwardScratch,
    bufs: Buffers,
    exc_coverage: Vec<ExcCoverage>,
}

/// Compiles one IR function.
pub fn compile_function(func: &Function) -> Result<CodeObject> {
    with_thread_scratch(|scratch| compile_function_with(func, scratch))
}

/// [`compile_function`] with working memory from `scratch`.
fn compile_function_with(func: &Function, scratch: &mut Scratch) -> Result<CodeObject> {
    let parts = compile_parts(func, scratch)?;
    Ok(code_object!(parts, func, cloned))
}

/// The code object's code and tables, for [`code_object!`].
fn compile_parts(func: &Function, scratch: &mut Scratch) -> Result<Parts> {
    let nlocals = func.locals.len() as u32;
    let bufs = &mut scratch.bufs;
    regalloc::allocate_into(func, nlocals, &mut scratch.regs, &mut bufs.alloc);
    super::forward_locals::forward_locals_into(
        func,
        &mut bufs.alloc,
        &scratch.regs,
        &mut scratch.forward,
        &mut bufs.skip,
    );
    bufs.block_pc.clear();
    bufs.block_pc.resize(func.blocks.len(), NO_PC);
    bufs.coverage.clear();
    bufs.fixups.clear();
    bufs.stub_pc.clear();
    bufs.arg_regs.clear();
    // Room for five code units per IR instruction: with four, about a third of the
    // functions outgrew the vector while emitting and moved their code to a larger one.
    let ninsts = func.insts.len();
    let mut cg = Codegen {
        func,
        regs: &scratch.regs,
        bufs,
        code: Vec::with_capacity(5 * ninsts + 8),
        // Most instructions start a run of five one-byte fields (a block start is no
        // instruction, but a terminator may be a few).
        lines: LineTableBuilder::with_capacity(5 * scratch.regs.positions() + 8),
        stubs: Vec::new(),
        ncaches: 0,
        scratch: None,
        item_scratch: None,
        loc: Loc::default(),
        handler: None,
        too_large: None,
        rotating: false,
    };
    cg.emit_all()?;
    cg.finish(&mut scratch.exc_coverage)
}

impl<'f> Codegen<'f> {
    /// Emits every block in layout order, then the edge stubs.
    fn emit_all(&mut self) -> Result<()> {
        let func = self.func;
        for (index, &block) in func.layout.iter().enumerate() {
            let next = func.layout.get(index + 1).copied();
            self.emit_block(block, next)?;
        }
        let stubs = std::mem::take(&mut self.stubs);
        for stub in &stubs {
            self.handler = None;
            self.loc = stub.loc;
            self.place(stub.label);
            self.emit_moves(&stub.moves);
            self.emit_jump(Opcode::Jump, [], stub.target);
        }
        Ok(())
    }

    fn error(&self, message: impl Into<String>) -> CodegenError {
        CodegenError {
            function: self.func.qualname.clone(),
            message: message.into(),
        }
    }

    #[inline]
    fn reg(&self, value: Value) -> Result<u32> {
        match self.bufs.alloc.regs.get(value.index()) {
            Some(&reg) if reg != regalloc::NO_REG => Ok(reg),
            _ => Err(self.no_register(value)),
        }
    }

    #[cold]
    fn no_register(&self, value: Value) -> CodegenError {
        self.error(format!("{value} has no register"))
    }

    fn scratch(&mut self) -> u32 {
        *self.scratch.get_or_insert_with(|| {
            self.bufs.alloc.nregs += 1;
            self.bufs.alloc.nregs - 1
        })
    }

    fn item_scratch(&mut self) -> u32 {
        *self.item_scratch.get_or_insert_with(|| {
            self.bufs.alloc.nregs += 1;
            self.bufs.alloc.nregs - 1
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

    /// Records that `label` is at the current pc.
    #[inline]
    fn place(&mut self, label: Label) {
        let pc = self.code.len() as u32;
        match label {
            Label::Block(block) => self.bufs.block_pc[block.index()] = pc,
            Label::Stub(index) => {
                if self.bufs.stub_pc.len() <= index {
                    self.bufs.stub_pc.resize(index + 1, NO_PC);
                }
                self.bufs.stub_pc[index] = pc;
            }
        }
    }

    /// Appends one code unit for operand `value` of `opcode`.
    #[inline]
    fn unit(&mut self, opcode: Opcode, value: u32) {
        match u16::try_from(value) {
            Ok(unit) => self.code.push(unit),
            Err(_) => {
                self.too_large.get_or_insert(CodeError::OperandTooLarge {
                    opcode,
                    value: value.into(),
                });
                self.code.push(0);
            }
        }
    }

    /// Appends an instruction whose values all fit 16 bits: the opcode and `nfixed`
    /// operands from `units`, then the register list's count and registers when the opcode
    /// has a list.
    #[inline(always)]
    fn push_narrow(&mut self, units: &[u16; 8], nfixed: usize, list: Option<&[u32]>) {
        // Copying the whole buffer and dropping the unused tail is one wide move, where
        // copying a slice of run-time length is a call.
        let len = self.code.len();
        self.code.extend_from_slice(units);
        self.code.truncate(len + nfixed + 1);
        if let Some(list) = list {
            self.code.push(list.len() as u16);
            self.code.extend(list.iter().map(|&reg| reg as u16));
        }
    }

    /// Encodes an instruction: its fixed operands in table order (a `Target` operand is
    /// not among them: it is patched later to `target`), then its register list.
    fn encode(&mut self, opcode: Opcode, fixed: &[u32], list: &[u32], target: Option<Label>) {
        let start = self.code.len() as u32;
        let target_at = usize::from(TARGET_AT[opcode.unit() as usize]);
        if let Some(label) = target
            && list.is_empty()
            && target_at != usize::from(NO_TARGET)
            && fixed.len() + 3 == usize::from(Opcode::FIXED_LENGTHS[opcode.unit() as usize].0)
            && fixed.iter().all(|&value| value <= u32::from(u16::MAX))
        {
            // A jump: its operands around the two target units, patched once pcs are known.
            let (before, after) = fixed.split_at(target_at.min(fixed.len()));
            self.code.push(opcode.unit());
            self.code.extend(before.iter().map(|&value| value as u16));
            self.bufs.fixups.push((self.code.len() as u32, label));
            self.code.extend([0, 0]);
            self.code.extend(after.iter().map(|&value| value as u16));
            self.note_ranges(start);
            return;
        }
        let (len, has_list) = Opcode::FIXED_LENGTHS[opcode.unit() as usize];
        // The fixed operands that are not a register list's count.
        let nfixed = usize::from(len) - 1 - usize::from(has_list);
        let mut units = [0u16; 8];
        let fits = !HAS_TARGET[opcode.unit() as usize]
            && fixed.len() == nfixed
            && nfixed < units.len()
            && (has_list || list.is_empty());
        // The common case, written in one go: the opcode and its fixed operands in table
        // order from a buffer, then the register list's count and registers (lists come
        // last). Any value past 16 bits takes the general path, which reports it.
        let mut wide = !fits;
        if fits {
            units[0] = opcode.unit();
            for (unit, &value) in units[1..].iter_mut().zip(fixed) {
                *unit = value as u16;
                wide |= value > u32::from(u16::MAX);
            }
            wide |= list.len() > usize::from(u16::MAX);
            for &reg in list {
                wide |= reg > u32::from(u16::MAX);
            }
        }
        if wide {
            self.encode_operands(opcode, fixed, list, target);
        } else {
            self.push_narrow(&units, nfixed, has_list.then_some(list));
        }
        self.note_ranges(start);
    }

    /// [`Codegen::encode`]'s general case: operands by the opcode table, jump targets
    /// left for patching, values past 16 bits recorded as an error.
    fn encode_operands(
        &mut self,
        opcode: Opcode,
        fixed: &[u32],
        list: &[u32],
        target: Option<Label>,
    ) {
        self.code.push(opcode.unit());
        let mut values = fixed.iter();
        for spec in opcode.operands() {
            match spec.kind {
                OperandKind::Regs => {
                    self.unit(opcode, list.len() as u32);
                    for &reg in list {
                        self.unit(opcode, reg);
                    }
                }
                OperandKind::Target => {
                    if let Some(label) = target {
                        self.bufs.fixups.push((self.code.len() as u32, label));
                    }
                    self.code.extend([0, 0]);
                }
                _ => {
                    let value = values.next().copied().unwrap_or(0);
                    self.unit(opcode, value);
                }
            }
        }
    }

    /// Files the instruction just encoded from `start` under the current location and
    /// handler.
    #[inline(always)]
    fn note_ranges(&mut self, start: u32) {
        let end = self.code.len() as u32;
        self.lines.add((end - start) as usize, self.loc);
        // Unprotected code needs no entry, and consecutive instructions under one handler
        // share one (the exception table merges the same ranges again after numbering).
        if let Some(handler) = self.handler {
            match self.bufs.coverage.last_mut() {
                Some((_, last_end, Some(last))) if *last_end == start && *last == handler => {
                    *last_end = end;
                }
                _ => self.bufs.coverage.push((start, end, Some(handler))),
            }
        }
    }

    /// Emits an instruction without a jump target or register list (a terminator or a
    /// move). Its code units are written from a buffer in one go, as the operation
    /// table's are; anything unusual (a value past 16 bits, an operand count the opcode
    /// table disagrees with) goes through [`Codegen::encode`], which reports it.
    fn emit<const N: usize>(&mut self, opcode: Opcode, operands: [u32; N]) {
        let (len, has_list) = Opcode::FIXED_LENGTHS[opcode.unit() as usize];
        let mut units = [0u16; 8];
        units[0] = opcode.unit();
        let mut high = 0;
        for (unit, &value) in units[1..].iter_mut().zip(&operands) {
            *unit = value as u16;
            high |= value;
        }
        if has_list
            || HAS_TARGET[opcode.unit() as usize]
            || N + 1 != usize::from(len)
            || high > u32::from(u16::MAX)
        {
            self.encode(opcode, &operands, &[], None);
            return;
        }
        let start = self.code.len() as u32;
        self.push_narrow(&units, N, None);
        self.note_ranges(start);
    }

    /// Emits a jump-like instruction whose `Target` operand is resolved later: its other
    /// operands, one unit each, around the two target units, written from a buffer in one
    /// go (see [`Codegen::emit`]).
    fn emit_jump<const N: usize>(&mut self, opcode: Opcode, operands: [u32; N], target: Label) {
        let target_at = usize::from(TARGET_AT[opcode.unit() as usize]);
        let (len, _) = Opcode::FIXED_LENGTHS[opcode.unit() as usize];
        let mut units = [0u16; 8];
        units[0] = opcode.unit();
        let mut high = 0;
        if target_at != usize::from(NO_TARGET) && N + 3 == usize::from(len) && N <= 5 {
            for (i, &value) in operands.iter().enumerate() {
                // The target's two units sit between the operands before it and after it.
                let slot = if i < target_at { 1 + i } else { 3 + i };
                units[slot] = value as u16;
                high |= value;
            }
        } else {
            high = u32::MAX;
        }
        if high > u32::from(u16::MAX) {
            self.encode(opcode, &operands, &[], Some(target));
            return;
        }
        let start = self.code.len();
        self.bufs
            .fixups
            .push(((start + 1 + target_at) as u32, target));
        self.push_narrow(&units, N + 2, None);
        self.note_ranges(start as u32);
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
            self.emit(Opcode::Move, [dst, src]);
        }
    }

    /// The register moves an edge needs: each argument into its parameter's register.
    /// Most edges pass no arguments, which is settled here, inlined into every caller;
    /// the others go through [`Codegen::edge_arg_moves`].
    #[inline(always)]
    fn edge_moves(&self, call: &BlockCall) -> Result<Vec<(u32, u32)>> {
        if call.args.is_empty() && call.block.index() < self.func.blocks.len() {
            return Ok(Vec::new());
        }
        self.edge_arg_moves(call)
    }

    /// [`Codegen::edge_moves`] of an edge passing arguments (or to a bad block).
    #[inline(never)]
    fn edge_arg_moves(&self, call: &BlockCall) -> Result<Vec<(u32, u32)>> {
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
                    if next.block == block || !self.regs.in_layout(next.block) {
                        break;
                    }
                    block = next.block;
                }
                _ => break,
            }
        }
        Label::Block(block)
    }

    /// A stub doing `moves` then jumping to `target` (already resolved).
    fn new_stub(&mut self, moves: Vec<(u32, u32)>, target: Label) -> Label {
        let label = Label::Stub(self.stubs.len());
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
        let target = self.resolve(call.block);
        Ok(self.jump_label(moves, target))
    }

    /// [`Codegen::edge_label`] of an edge whose moves and resolved target are known.
    #[inline]
    fn jump_label(&mut self, moves: Vec<(u32, u32)>, target: Label) -> Label {
        if moves.is_empty() {
            target
        } else {
            self.new_stub(moves, target)
        }
    }

    /// Emits the moves of `call` then a jump to its target, unless that is the next block.
    fn emit_edge_inline(&mut self, call: &BlockCall, next: Option<Block>) -> Result<()> {
        let moves = self.edge_moves(call)?;
        let target = if moves.is_empty() {
            self.resolve(call.block)
        } else {
            Label::Block(call.block)
        };
        self.emit_edge(&moves, target, next)
    }

    /// [`Codegen::emit_edge_inline`] once the edge's moves and target are known (the
    /// target is only threaded past empty blocks when the edge has no moves).
    /// Most edges need neither moves nor a jump (they fall through to the next block),
    /// which is settled here, inlined into every caller.
    #[inline(always)]
    fn emit_edge(
        &mut self,
        moves: &[(u32, u32)],
        target: Label,
        next: Option<Block>,
    ) -> Result<()> {
        if moves.is_empty() && Some(target) == next.map(Label::Block) {
            return Ok(());
        }
        self.emit_edge_code(moves, target, next)
    }

    /// [`Codegen::emit_edge`] of an edge that needs moves or a jump.
    #[inline(never)]
    fn emit_edge_code(
        &mut self,
        moves: &[(u32, u32)],
        target: Label,
        next: Option<Block>,
    ) -> Result<()> {
        if !moves.is_empty() {
            self.emit_moves(moves);
        }
        if Some(target) != next.map(Label::Block) {
            if let Label::Block(block) = target
                && self.can_rotate(block)
            {
                return self.emit_rotated(block, next);
            }
            self.emit_jump(Opcode::Jump, [], target);
        }
        Ok(())
    }

    /// Whether a jump to `block` may be replaced by a copy of it (loop rotation): a jump
    /// back to a loop test that has already been emitted, has no parameters, at most
    /// [`ROTATE_MAX_INSTS`] instructions and ends in a branch. The copy runs exactly what
    /// the jump would have run, with the same registers, locations and handler, and saves
    /// one `Jump` per iteration: `while i < n:` tests at the bottom of the loop too.
    fn can_rotate(&self, block: Block) -> bool {
        if self.rotating || self.bufs.block_pc[block.index()] == NO_PC {
            return false;
        }
        let data = &self.func.blocks[block.index()];
        let Some(Terminator::Branch {
            then_to, else_to, ..
        }) = &data.term
        else {
            return false;
        };
        // A loop test: one of its edges leads into code laid out after it and already
        // emitted (the loop body), so this jump closes the loop. A backward jump between
        // the arms of a condition is left alone (copying it would only grow the code).
        let start = self.bufs.block_pc[block.index()];
        let into_body = |call: &BlockCall| match self.resolve(call.block) {
            Label::Block(b) => {
                self.bufs.block_pc[b.index()] != NO_PC && self.bufs.block_pc[b.index()] > start
            }
            Label::Stub(_) => false,
        };
        data.params.is_empty()
            && data.insts.len() <= ROTATE_MAX_INSTS
            && (into_body(then_to) || into_body(else_to))
    }

    /// Emits a copy of loop test `block` (see [`Codegen::can_rotate`]).
    fn emit_rotated(&mut self, block: Block, next: Option<Block>) -> Result<()> {
        let func = self.func;
        let data = &func.blocks[block.index()];
        self.rotating = true;
        self.handler = data.handler;
        self.emit_insts(&data.insts)?;
        self.loc = data.term_loc;
        let result = match &data.term {
            Some(Terminator::Branch {
                cond,
                then_to,
                else_to,
            }) => self.emit_branch(*cond, then_to, else_to, next),
            _ => Err(self.error("rotated block does not end in a branch")),
        };
        self.rotating = false;
        result
    }

    /// Emits a two-way branch on `cond`.
    fn emit_branch(
        &mut self,
        cond: Value,
        then_to: &BlockCall,
        else_to: &BlockCall,
        next: Option<Block>,
    ) -> Result<()> {
        let cond = self.reg(cond)?;
        // Each edge's moves and threaded target, found once for both the choice of the
        // fall-through edge and its code.
        let then_moves = self.edge_moves(then_to)?;
        let else_moves = self.edge_moves(else_to)?;
        let then_target = self.resolve(then_to.block);
        let else_target = self.resolve(else_to.block);
        let next_label = next.map(Label::Block);
        // Fall through along the edge that leads to the next block, or else along the
        // edge with moves (so they need no stub), and jump conditionally along the other.
        let then_falls = if next_label.is_some() && next_label == Some(then_target) {
            true
        } else if next_label.is_some() && next_label == Some(else_target) {
            false
        } else {
            !then_moves.is_empty() || else_moves.is_empty()
        };
        let (opcode, jump, falls) = if then_falls {
            let falls = (then_to, then_moves, then_target);
            (Opcode::JumpIfFalse, (else_moves, else_target), falls)
        } else {
            let falls = (else_to, else_moves, else_target);
            (Opcode::JumpIfTrue, (then_moves, then_target), falls)
        };
        let label = self.jump_label(jump.0, jump.1);
        self.emit_jump(opcode, [cond], label);
        let (call, moves, target) = falls;
        let target = if moves.is_empty() {
            target
        } else {
            Label::Block(call.block)
        };
        self.emit_edge(&moves, target, next)
    }

    fn emit_block(&mut self, block: Block, next: Option<Block>) -> Result<()> {
        let data = self
            .func
            .blocks
            .get(block.index())
            .ok_or_else(|| self.error("bad block in layout"))?;
        self.handler = data.handler;
        self.place(Label::Block(block));
        self.emit_insts(&data.insts)?;
        self.loc = data.term_loc;
        match &data.term {
            None | Some(Terminator::Unreachable) => self.emit(Opcode::Unreachable, []),
            Some(Terminator::Jump(call)) => self.emit_edge_inline(call, next)?,
            Some(Terminator::Branch {
                cond,
                then_to,
                else_to,
            }) => self.emit_branch(*cond, then_to, else_to, next)?,
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
                let cache = self.next_cache();
                self.emit_jump(Opcode::ForIter, [dst, iter, cache], exit_label);
                let target = if body_moves.is_empty() {
                    self.resolve(body.block)
                } else {
                    Label::Block(body.block)
                };
                self.emit_moves(&body_moves);
                if Some(target) != next.map(Label::Block) {
                    self.emit_jump(Opcode::Jump, [], target);
                }
            }
            Some(Terminator::Return(value)) => {
                let value = self.reg(*value)?;
                self.emit(Opcode::Return, [value]);
            }
            Some(Terminator::Raise { exc, cause }) => match (exc, cause) {
                (Some(exc), None) => {
                    let exc = self.reg(*exc)?;
                    self.emit(Opcode::Raise, [exc]);
                }
                (Some(exc), Some(cause)) => {
                    let (exc, cause) = (self.reg(*exc)?, self.reg(*cause)?);
                    self.emit(Opcode::RaiseFrom, [exc, cause]);
                }
                _ => self.emit(Opcode::ReraiseCurrent, []),
            },
            Some(Terminator::Reraise(value)) => {
                let value = self.reg(*value)?;
                self.emit(Opcode::Reraise, [value]);
            }
        }
        Ok(())
    }

    /// Patches jump targets and builds the code object's tables (`coverage` is a buffer
    /// for the exception table's input).
    fn finish(&mut self, coverage: &mut Vec<ExcCoverage>) -> Result<Parts> {
        let func = self.func;
        let too_large = |what: String| CodegenError {
            function: func.qualname.clone(),
            message: what,
        };
        if let Some(error) = self.too_large.take() {
            return Err(too_large(format!("code object too large: {error}")));
        }
        if u32::try_from(self.code.len()).is_err() {
            return Err(too_large("code object too large".to_owned()));
        }
        for &(at, label) in &self.bufs.fixups {
            let pc = match label {
                Label::Block(block) => self.bufs.block_pc.get(block.index()).copied(),
                Label::Stub(index) => self.bufs.stub_pc.get(index).copied(),
            }
            .filter(|&pc| pc != NO_PC)
            .ok_or_else(|| too_large("jump to a block outside the layout".to_owned()))?;
            let at = at as usize;
            self.code[at] = pc as u16;
            self.code[at + 1] = (pc >> 16) as u16;
        }
        let nregs_before = self.bufs.alloc.nregs;
        let mut needs_exc_reg = false;
        coverage.clear();
        for &(start, end, handler) in &self.bufs.coverage {
            let handler = match handler {
                Some(block) => {
                    let handler_pc = self
                        .bufs
                        .block_pc
                        .get(block.index())
                        .copied()
                        .filter(|&pc| pc != NO_PC)
                        .ok_or_else(|| {
                            too_large("exception handler outside the layout".to_owned())
                        })?;
                    let exc_reg = match func
                        .blocks
                        .get(block.index())
                        .and_then(|b| b.params.first())
                    {
                        Some(&param) => self.bufs.alloc.reg(param).unwrap_or(nregs_before),
                        None => nregs_before,
                    };
                    needs_exc_reg |= exc_reg == nregs_before;
                    Some((handler_pc, exc_reg))
                }
                None => None,
            };
            coverage.push((start, end, handler));
        }
        let mut nregs = nregs_before;
        // A handler without a parameter still needs somewhere to put the exception.
        if needs_exc_reg {
            nregs += 1;
        }
        if nregs > u32::from(u16::MAX) + 1 {
            return Err(too_large(
                "code object too large: too many registers".to_owned(),
            ));
        }
        Ok(Parts {
            code: std::mem::take(&mut self.code),
            linetable: self.lines.finish(),
            exctable: ExceptionTable::build(coverage.iter().copied()),
            nregs,
            ncaches: self.ncaches,
        })
    }
}
