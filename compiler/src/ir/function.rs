//! Functions, blocks and instructions: the containers of the SSA IR, plus the small
//! mutation API that lowering and passes use.
//!
//! Model: Python variables are *not* SSA-renamed. Fast locals, cells and names are memory
//! read and written by `load_*`/`store_*` operations (so `locals()`, `del`, frames and
//! generators keep CPython's semantics); SSA values are the temporaries of expression
//! evaluation, and block parameters merge them across control flow.
//!
//! Operands: an instruction's operands sit in one pool per function ([`Function::args`]
//! reads them, [`Function::set_args`] replaces them), so creating an instruction allocates
//! nothing of its own and dropping a function frees one vector rather than one per
//! instruction.
//!
//! Exceptions: each block may name a `handler`. If any operation in the block raises, control
//! transfers to the handler, whose single parameter receives the exception. Values a handler
//! needs beyond that must dominate it (lowering keeps them in hidden locals when in doubt).

use super::constant::Const;
use super::entities::{Block, FuncId, Inst, LocalId, Value};
use super::ops::{Imm, Op};
use super::pool_index::PoolIndex;
use crate::short_text::same_text;
use rustc_hash::FxHashMap;
use std::hash::Hash;

mod pools;
mod spare;

/// A source range: 1-based lines and 0-based UTF-8 byte columns, as CPython's
/// `co_positions()` reports them. Line 0 means "no location".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

/// What kind of code object a function is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FunctionKind {
    /// A module body (`<module>`).
    Module,
    /// A class body.
    Class,
    /// A `def` or `async def`.
    Function,
    /// A `lambda`.
    Lambda,
    /// A generator expression (`<genexpr>`); list/set/dict comprehensions are inlined (PEP 709).
    GenExpr,
    /// A PEP 649 `__annotate__` function.
    Annotate,
    /// A PEP 695 annotation scope holding type parameters (`<generic parameters of f>`).
    TypeParams,
    /// The lazily evaluated value of a `type X = …` alias, bound, constraint or default.
    TypeAliasValue,
    /// Code for `eval()`.
    Eval,
    /// One interactive statement (`single` mode).
    Interactive,
}

impl FunctionKind {
    pub const ALL: &'static [FunctionKind] = &[
        FunctionKind::Module,
        FunctionKind::Class,
        FunctionKind::Function,
        FunctionKind::Lambda,
        FunctionKind::GenExpr,
        FunctionKind::Annotate,
        FunctionKind::TypeParams,
        FunctionKind::TypeAliasValue,
        FunctionKind::Eval,
        FunctionKind::Interactive,
    ];

    /// The text-form name.
    pub fn name(self) -> &'static str {
        match self {
            FunctionKind::Module => "module",
            FunctionKind::Class => "class",
            FunctionKind::Function => "function",
            FunctionKind::Lambda => "lambda",
            FunctionKind::GenExpr => "genexpr",
            FunctionKind::Annotate => "annotate",
            FunctionKind::TypeParams => "type_params",
            FunctionKind::TypeAliasValue => "type_alias_value",
            FunctionKind::Eval => "eval",
            FunctionKind::Interactive => "interactive",
        }
    }

    /// Parses a text-form name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// Whether names in this body are resolved through a locals mapping (`load_name`).
    pub fn uses_name_ops(self) -> bool {
        matches!(
            self,
            FunctionKind::Module
                | FunctionKind::Class
                | FunctionKind::Eval
                | FunctionKind::Interactive
        )
    }
}

/// Code-object flags, named as CPython's `CO_*` flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    pub const HAS_DOCSTRING: u32 = 0x0400_0000;
    pub const METHOD: u32 = 0x0800_0000;

    /// Every flag with its text-form name.
    pub const NAMES: &'static [(u32, &'static str)] = &[
        (Self::VARARGS, "varargs"),
        (Self::VARKEYWORDS, "varkeywords"),
        (Self::NESTED, "nested"),
        (Self::GENERATOR, "generator"),
        (Self::COROUTINE, "coroutine"),
        (Self::ITERABLE_COROUTINE, "iterable_coroutine"),
        (Self::ASYNC_GENERATOR, "async_generator"),
        (Self::HAS_DOCSTRING, "has_docstring"),
        (Self::METHOD, "method"),
    ];

    pub fn contains(self, flag: u32) -> bool {
        self.0 & flag != 0
    }

    pub fn insert(&mut self, flag: u32) {
        self.0 |= flag;
    }
}

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueDef {
    /// The result of an instruction.
    Inst(Inst),
    /// Parameter `index` of a block.
    Param(Block, u32),
}

/// A jump target with the arguments for the target's parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockCall {
    pub block: Block,
    pub args: Vec<Value>,
}

impl BlockCall {
    pub fn new(block: Block, args: Vec<Value>) -> Self {
        BlockCall { block, args }
    }

    pub fn bare(block: Block) -> Self {
        BlockCall {
            block,
            args: Vec::new(),
        }
    }
}

/// How a block ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Terminator {
    /// Unconditional jump.
    Jump(BlockCall),
    /// Tests the truthiness of `cond` (which may raise) and jumps.
    Branch {
        cond: Value,
        then_to: BlockCall,
        else_to: BlockCall,
    },
    /// `next(iter)`: on an item, jumps to `body` passing the item as the body block's *last*
    /// parameter after `body.args`; on exhaustion jumps to `exit`.
    ForIter {
        iter: Value,
        body: BlockCall,
        exit: BlockCall,
    },
    /// Returns from the function (ends the generator).
    Return(Value),
    /// `raise exc from cause`; `raise` alone (both `None`) re-raises the handled exception.
    Raise {
        exc: Option<Value>,
        cause: Option<Value>,
    },
    /// Re-raises a caught exception unchanged, keeping its traceback.
    Reraise(Value),
    /// Control never reaches here.
    Unreachable,
}

impl Terminator {
    /// The blocks control may flow to (not counting the exception edge), in edge order.
    pub fn successors(&self) -> impl Iterator<Item = Block> + '_ {
        self.edges().map(|edge| edge.block)
    }

    /// Each outgoing edge, in order (`then` before `else`, `body` before `exit`). These
    /// accessors allocate nothing: passes and code generation call them for every block.
    pub fn edges(&self) -> impl Iterator<Item = &BlockCall> + '_ {
        let pair = match self {
            Terminator::Jump(target) => [Some(target), None],
            Terminator::Branch {
                then_to, else_to, ..
            } => [Some(then_to), Some(else_to)],
            Terminator::ForIter { body, exit, .. } => [Some(body), Some(exit)],
            _ => [None, None],
        };
        pair.into_iter().flatten()
    }

    /// Mutable access to each outgoing edge, in [`Terminator::edges`] order.
    pub fn edges_mut(&mut self) -> impl Iterator<Item = &mut BlockCall> + '_ {
        let pair = match self {
            Terminator::Jump(target) => [Some(target), None],
            Terminator::Branch {
                then_to, else_to, ..
            } => [Some(then_to), Some(else_to)],
            Terminator::ForIter { body, exit, .. } => [Some(body), Some(exit)],
            _ => [None, None],
        };
        pair.into_iter().flatten()
    }

    /// The operands other than edge arguments (the condition, iterator, returned or raised
    /// values).
    pub fn operands(&self) -> impl Iterator<Item = Value> + '_ {
        let pair = match self {
            Terminator::Branch { cond, .. } => [Some(*cond), None],
            Terminator::ForIter { iter, .. } => [Some(*iter), None],
            Terminator::Return(v) | Terminator::Reraise(v) => [Some(*v), None],
            Terminator::Raise { exc, cause } => [*exc, *cause],
            Terminator::Jump(_) | Terminator::Unreachable => [None, None],
        };
        pair.into_iter().flatten()
    }

    /// Mutable access to the operands other than edge arguments.
    pub fn operands_mut(&mut self) -> impl Iterator<Item = &mut Value> + '_ {
        let pair = match self {
            Terminator::Branch { cond, .. } => [Some(cond), None],
            Terminator::ForIter { iter, .. } => [Some(iter), None],
            Terminator::Return(v) | Terminator::Reraise(v) => [Some(v), None],
            Terminator::Raise { exc, cause } => [exc.as_mut(), cause.as_mut()],
            Terminator::Jump(_) | Terminator::Unreachable => [None, None],
        };
        pair.into_iter().flatten()
    }

    /// Every value the terminator reads: its operands, then the edge arguments.
    pub fn uses(&self) -> impl Iterator<Item = Value> + '_ {
        self.operands()
            .chain(self.edges().flat_map(|edge| edge.args.iter().copied()))
    }

    /// Calls `f` on every value the terminator reads, in [`Terminator::uses`] order. The
    /// walks over every block (liveness, dead-code checks) use this rather than the
    /// chained iterator, which costs several times more per terminator.
    #[inline]
    pub fn for_each_use(&self, mut f: impl FnMut(Value)) {
        match self {
            Terminator::Jump(target) => target.args.iter().copied().for_each(f),
            Terminator::Branch {
                cond,
                then_to,
                else_to,
            } => {
                f(*cond);
                then_to.args.iter().copied().for_each(&mut f);
                else_to.args.iter().copied().for_each(f);
            }
            Terminator::ForIter { iter, body, exit } => {
                f(*iter);
                body.args.iter().copied().for_each(&mut f);
                exit.args.iter().copied().for_each(f);
            }
            Terminator::Return(v) | Terminator::Reraise(v) => f(*v),
            Terminator::Raise { exc, cause } => {
                exc.iter().copied().for_each(&mut f);
                cause.iter().copied().for_each(f);
            }
            Terminator::Unreachable => {}
        }
    }

    /// Whether the terminator itself can raise (taking the block's exception edge).
    pub fn can_raise(&self) -> bool {
        matches!(
            self,
            Terminator::Branch { .. }
                | Terminator::ForIter { .. }
                | Terminator::Raise { .. }
                | Terminator::Reraise(_)
        )
    }
}

/// Where an instruction's operands sit in its function's operand pool: `len` values from
/// `start`. Read them with [`Function::args`] or [`Function::args_of`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArgRange {
    start: u32,
    len: u32,
}

impl ArgRange {
    /// How many operands the instruction has.
    pub fn len(self) -> usize {
        self.len as usize
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One instruction. Its operands live in the function's operand pool (one `Vec` for all
/// of them, rather than one heap allocation per instruction), so `args` is only their
/// place there and comparing two `InstData` directly means nothing: compare through
/// [`Function::args_of`].
#[derive(Debug, Clone)]
pub struct InstData {
    pub op: Op,
    pub imm: Imm,
    pub args: ArgRange,
    pub result: Option<Value>,
}

// Passes scan `insts` reading little of each entry, so its size is what their scans cost
// in cache lines: half a line per instruction.
const _: () = assert!(std::mem::size_of::<InstData>() == 32);

/// One basic block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlockData {
    pub params: Vec<Value>,
    pub insts: Vec<Inst>,
    /// `None` only while the block is under construction; the verifier rejects it after.
    pub term: Option<Terminator>,
    pub term_loc: Loc,
    /// Where control goes when an instruction or the terminator raises.
    pub handler: Option<Block>,
}

/// One code object's IR.
///
/// Equality compares the program, not the arenas: the header, the pools, the layout and,
/// for each laid-out block, its parameters, handler, instructions (by content, in order)
/// and terminator. Arena order (which `Inst` id an instruction got), entries orphaned by
/// passes and blocks outside the layout do not count, so a module parsed back from its
/// text form equals the original.
#[derive(Debug, Clone)]
pub struct Function {
    pub name: String,
    pub qualname: String,
    pub kind: FunctionKind,
    pub flags: CodeFlags,
    pub first_line: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `co_varnames`: positional and keyword parameters, then `*args`, then `**kwargs`, then other locals.
    pub locals: Vec<String>,
    /// `co_cellvars`; deref ids `0..cells.len()`.
    pub cells: Vec<String>,
    /// `co_freevars`; deref ids `cells.len()..`.
    pub frees: Vec<String>,
    /// The docstring, when the body starts with one (functions and lambdas; modules and
    /// classes store `__doc__` explicitly).
    pub docstring: Option<String>,
    pub names: Vec<String>,
    pub consts: Vec<Const>,
    pub insts: Vec<InstData>,
    /// Every instruction's source location, indexed by [`Inst`] alongside `insts`. Kept
    /// apart from [`InstData`] because only code generation reads a location, once: the
    /// passes' scans over `insts` then read 32-byte entries instead of 56-byte ones.
    locs: Vec<Loc>,
    /// Every instruction's operands, each instruction owning the range its
    /// [`InstData::args`] names. Ranges an instruction outgrew are left behind unused.
    arg_pool: Vec<Value>,
    pub values: Vec<ValueDef>,
    pub blocks: Vec<BlockData>,
    /// Blocks in emission order; the first is the entry. Blocks absent from the layout are dead.
    pub layout: Vec<Block>,
    const_index: PoolIndex,
    name_index: PoolIndex,
    /// The interning indexes no longer match the pools; rebuilt on the next interning.
    pools_dirty: bool,
    /// The pool ids of `None`, `False`, `True` and `...` once interned ([`NO_CONST`]
    /// before), which lowering loads far more often than any other constant: finding them
    /// here skips hashing and probing the constant index.
    simple_consts: [u32; 4],
    /// The pool ids of the ints `0..SMALL_INTS` once interned through
    /// [`Function::add_small_int`] ([`NO_CONST`] before): building each literal's `BigInt`
    /// allocates, and hashing it costs more than the lookup here.
    small_ints: [u32; SMALL_INTS],
    local_index: LocalIndex,
}

/// Makes room in a block's full instruction list, starting an empty one at 32 entries
/// (128 bytes): blocks average seven instructions over the standard library, but the
/// larger ones regrew from room for eight, and still from sixteen, often enough to cost
/// more (a reallocation and a copy each) than the larger first allocation, which the
/// allocator serves as fast. Out of line, as most instructions find room.
#[cold]
#[inline(never)]
fn grow_block_insts(insts: &mut Vec<Inst>) {
    if insts.capacity() == 0 {
        // A fresh allocation: the general regrowth path costs several times more.
        *insts = spare::block_inst_list(32);
    } else {
        insts.reserve(insts.capacity());
    }
}

/// Marks an entry of [`Function::simple_consts`] or [`Function::small_ints`] not interned
/// yet.
const NO_CONST: u32 = u32::MAX;

/// How many of the smallest non-negative ints [`Function::small_ints`] keeps the ids of.
const SMALL_INTS: usize = 8;

/// How many locals [`Function::local_id`] searches without building their index.
const LINEAR_LOCALS: usize = 16;

/// A name → slot index over [`Function::locals`], which lowering also edits directly
/// (parameters moved to the front, a slot renamed). It indexes `locals[..len]`; appended
/// names are indexed on the next lookup, and any other edit is detected (a hit that no
/// longer matches, or the first and last indexed slots no longer mapping to themselves)
/// and answered by rebuilding the index.
///
/// Like [`PoolIndex`], it keys on the name's 64-bit hash alone, so indexing a local copies
/// no string; a hit is confirmed against `locals`, and two names with the same hash (the
/// second is not indexed) are told apart by a linear search.
#[derive(Debug, Clone, Default)]
struct LocalIndex {
    map: FxHashMap<u64, LocalId>,
    len: usize,
}

impl LocalIndex {
    fn rebuild(&mut self, locals: &[String]) {
        self.map.clear();
        self.len = 0;
        self.extend(locals);
    }

    fn extend(&mut self, locals: &[String]) {
        self.map.reserve(locals.len() - self.len);
        for (index, name) in locals.iter().enumerate().skip(self.len) {
            self.map
                .entry(PoolIndex::hash(name.as_str()))
                .or_insert(LocalId::new(index));
        }
        self.len = locals.len();
    }

    /// The indexed slot for `name`'s hash, which may belong to another name.
    fn get(&self, name: &str) -> Option<LocalId> {
        self.map.get(&PoolIndex::hash(name)).copied()
    }

    fn maps_to_itself(&self, locals: &[String], index: usize) -> bool {
        self.get(&locals[index]) == Some(LocalId::new(index))
    }

    fn sync(&mut self, locals: &[String]) {
        if self.len == locals.len() {
            return;
        }
        let stale = self.len > locals.len()
            || (self.len > 0
                && (!self.maps_to_itself(locals, 0) || !self.maps_to_itself(locals, self.len - 1)));
        if stale {
            self.rebuild(locals);
        } else {
            self.extend(locals);
        }
    }
}

impl Function {
    /// An empty function with no blocks.
    pub fn new(
        name: impl Into<String>,
        qualname: impl Into<String>,
        kind: FunctionKind,
        first_line: u32,
    ) -> Self {
        // Even a one-line function has a few instructions and blocks: starting at these
        // sizes skips the first regrowths (each a copy) of every function's arrays.
        Self::with_capacity(name, qualname, kind, first_line, 32)
    }

    /// An empty function whose arrays have room for about `insts` instructions (and their
    /// results and blocks) before they regrow.
    pub fn with_capacity(
        name: impl Into<String>,
        qualname: impl Into<String>,
        kind: FunctionKind,
        first_line: u32,
        insts: usize,
    ) -> Self {
        let mut func = Self::placeholder();
        func.reset(name.into(), qualname.into(), kind, first_line, insts);
        func
    }

    /// A nameless function with nothing in it, which allocates nothing: what a builder
    /// leaves behind when its function is taken, until [`Function::reset`] starts the next.
    /// Inlined, so it is written straight where it goes.
    #[inline]
    pub fn placeholder() -> Self {
        Function {
            name: String::new(),
            qualname: String::new(),
            kind: FunctionKind::Module,
            flags: CodeFlags::default(),
            first_line: 0,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            locals: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            docstring: None,
            names: Vec::new(),
            consts: Vec::new(),
            insts: Vec::new(),
            locs: Vec::new(),
            arg_pool: Vec::new(),
            values: Vec::new(),
            blocks: Vec::new(),
            layout: Vec::new(),
            const_index: PoolIndex::default(),
            name_index: PoolIndex::default(),
            pools_dirty: false,
            simple_consts: [NO_CONST; 4],
            small_ints: [NO_CONST; SMALL_INTS],
            local_index: LocalIndex::default(),
        }
    }

    /// Makes this function [`Function::with_capacity`]`(name, qualname, kind, first_line,
    /// insts)` in place: lowering starts every code object in a recycled builder, and
    /// building a new function there instead copied the whole struct several times.
    pub fn reset(
        &mut self,
        name: String,
        qualname: String,
        kind: FunctionKind,
        first_line: u32,
        insts: usize,
    ) {
        // About one block per four instructions over the standard library, and room for
        // at least seven: eight blocks (1,152 bytes) no longer fit the allocator's
        // small-object path (up to 1 KiB), which costs several times less, and every code
        // object makes this allocation. A class body is nearly always one block.
        let blocks = match kind {
            FunctionKind::Class => 4,
            _ => (insts / 4).max(7),
        };
        // Every field is named, so a field added later cannot be forgotten here.
        let Function {
            name: name_field,
            qualname: qualname_field,
            kind: kind_field,
            flags,
            first_line: first_line_field,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            locals,
            cells,
            frees,
            docstring,
            names,
            consts,
            insts: _,
            locs: _,
            arg_pool: _,
            values: _,
            blocks: _,
            layout: _,
            const_index,
            name_index,
            pools_dirty,
            simple_consts,
            small_ints,
            local_index,
        } = self;
        *name_field = name;
        *qualname_field = qualname;
        *kind_field = kind;
        *flags = CodeFlags::default();
        *first_line_field = first_line;
        *argcount = 0;
        *posonlyargcount = 0;
        *kwonlyargcount = 0;
        *locals = Vec::new();
        *cells = Vec::new();
        *frees = Vec::new();
        *docstring = None;
        // About one name and one constant per eight instructions.
        *names = Vec::with_capacity(insts / 8);
        *consts = Vec::with_capacity(insts / 8);
        *const_index = PoolIndex::default();
        *name_index = PoolIndex::default();
        *pools_dirty = false;
        *simple_consts = [NO_CONST; 4];
        *small_ints = [NO_CONST; SMALL_INTS];
        *local_index = LocalIndex::default();
        // The working arrays come from the thread's spare set when it has them.
        self.take_spare_arrays(insts, blocks);
    }

    /// The slot of fast local `name` (its first occurrence in `locals`), in constant time.
    pub fn local_id(&mut self, name: &str) -> Option<LocalId> {
        // A short list that was never indexed is searched: comparing a few names costs
        // less than hashing this one, and than indexing every local to find it.
        if self.local_index.len == 0 && self.locals.len() <= LINEAR_LOCALS {
            return self
                .locals
                .iter()
                .position(|l| same_text(l, name))
                .map(LocalId::new);
        }
        self.local_index.sync(&self.locals);
        let id = self.local_index.get(name)?;
        if self
            .locals
            .get(id.index())
            .is_some_and(|l| same_text(l, name))
        {
            return Some(id);
        }
        // `locals` was reordered or renamed since it was indexed, or another name has the
        // same hash.
        self.local_index.rebuild(&self.locals);
        let id = self.local_index.get(name)?;
        if same_text(&self.locals[id.index()], name) {
            return Some(id);
        }
        self.locals.iter().position(|l| l == name).map(LocalId::new)
    }

    /// The slot of fast local `name`, appending it to `locals` when missing.
    pub fn ensure_local(&mut self, name: &str) -> LocalId {
        if let Some(id) = self.local_id(name) {
            return id;
        }
        // `local_id` left the index covering every slot, so the new one joins it directly
        // (the next lookup then has nothing to catch up on).
        let id = LocalId::new(self.locals.len());
        self.locals.push(name.to_owned());
        // An index left empty stays so until a lookup needs it (see `local_id`).
        if self.local_index.len == id.index() && id.index() > 0 {
            if self.local_index.map.capacity() == 0 {
                // Skip the first regrowths (each a rehash) of a function's index.
                self.local_index.map.reserve(16);
            }
            self.local_index
                .map
                .entry(PoolIndex::hash(name))
                .or_insert(id);
            self.local_index.len += 1;
        }
        id
    }

    /// The entry block.
    pub fn entry(&self) -> Block {
        self.layout[0]
    }

    /// Creates a block and appends it to the layout.
    pub fn create_block(&mut self) -> Block {
        self.create_block_with_handler(None)
    }

    /// Creates a block whose exceptions go to `handler` and appends it to the layout.
    #[inline]
    pub fn create_block_with_handler(&mut self, handler: Option<Block>) -> Block {
        let block = Block::new(self.blocks.len());
        // The instruction list is allocated by the first instruction (see
        // `Function::push_inst_as`): a quarter of the blocks lowering creates never get one
        // (loop headers, join blocks that only jump on). An empty block data is all zeros
        // and `None`s but for its handler, written in place (`push` built it aside and
        // copied it over, with a call to `memcpy`).
        self.blocks
            .resize_with(self.blocks.len() + 1, || BlockData {
                handler,
                ..BlockData::default()
            });
        self.layout.push(block);
        block
    }

    /// Appends a parameter to `block`.
    pub fn append_block_param(&mut self, block: Block) -> Value {
        let value = Value::new(self.values.len());
        let params = &mut self.blocks[block.index()].params;
        let index = params.len() as u32;
        if params.capacity() == 0 {
            // The room `push` would make for a first parameter, allocated directly: the
            // general regrowth path costs several times more.
            *params = Vec::with_capacity(4);
        }
        params.push(value);
        self.values.push(ValueDef::Param(block, index));
        value
    }

    /// Appends an instruction to `block`, returning its result when the op has one.
    /// Inlined, with all of [`Function::create_inst`], into the builder's `ins` and
    /// `ins_void`, through which lowering emits every instruction: one call per instruction
    /// instead of a chain of three.
    #[inline(always)]
    pub fn push_inst(
        &mut self,
        block: Block,
        op: Op,
        imm: Imm,
        args: &[Value],
        loc: Loc,
    ) -> Option<Value> {
        self.push_inst_as(block, op.has_result(), op, imm, args, loc)
    }

    /// [`Function::push_inst`] told whether `op` has a result, which the builder knows
    /// from which of `ins` and `ins_void` emits it (both assert it agrees with the op
    /// table): the table lookup and the test of its answer leave every instruction's path.
    #[inline(always)]
    pub(crate) fn push_inst_as(
        &mut self,
        block: Block,
        has_result: bool,
        op: Op,
        imm: Imm,
        args: &[Value],
        loc: Loc,
    ) -> Option<Value> {
        let (inst, result) = self.create_inst_inlined(has_result, op, imm, args, loc);
        let insts = &mut self.blocks[block.index()].insts;
        if insts.len() == insts.capacity() {
            grow_block_insts(insts);
        }
        insts.push(inst);
        result
    }

    /// Creates an instruction that no block lists yet (a pass then places it), returning
    /// it and its result when the op has one.
    pub fn create_inst(
        &mut self,
        op: Op,
        imm: Imm,
        args: &[Value],
        loc: Loc,
    ) -> (Inst, Option<Value>) {
        self.create_inst_inlined(op.has_result(), op, imm, args, loc)
    }

    /// [`Function::create_inst`], inlined where it is called, defining a result when
    /// `has_result`. The ids of the instruction and its result are checked to fit in
    /// `u32` together, with the operand pool's, by one test: lowering creates every
    /// instruction here, and a test per id (the instruction's was made twice) was an
    /// eighth of the work.
    #[inline(always)]
    fn create_inst_inlined(
        &mut self,
        has_result: bool,
        op: Op,
        imm: Imm,
        args: &[Value],
        loc: Loc,
    ) -> (Inst, Option<Value>) {
        let (inst_index, value_index) = (self.insts.len(), self.values.len());
        // The operand pool cannot outgrow `u32` by more than one instruction's operands,
        // whose count the same test bounds.
        assert!(
            (inst_index | value_index | self.arg_pool.len() | args.len()) >> 31 == 0,
            "IR arena exceeds u32::MAX entries"
        );
        let inst = Inst(inst_index as u32);
        let result = if has_result {
            self.values.push(ValueDef::Inst(inst));
            Some(Value(value_index as u32))
        } else {
            None
        };
        let start = self.arg_pool.len() as u32;
        self.push_args(args);
        self.insts.push(InstData {
            op,
            imm,
            args: ArgRange {
                start,
                len: args.len() as u32,
            },
            result,
        });
        self.locs.push(loc);
        (inst, result)
    }

    /// Appends an instruction whose result value the caller has already defined (the text
    /// parser names results itself), returning it; no block lists it yet.
    pub fn add_inst_data(
        &mut self,
        op: Op,
        imm: Imm,
        args: &[Value],
        result: Option<Value>,
        loc: Loc,
    ) -> Inst {
        let inst = Inst::new(self.insts.len());
        let args = self.alloc_args(args);
        self.insts.push(InstData {
            op,
            imm,
            args,
            result,
        });
        self.locs.push(loc);
        inst
    }

    /// Copies `args` to the end of the operand pool.
    #[inline(always)]
    fn alloc_args(&mut self, args: &[Value]) -> ArgRange {
        let start = self.arg_pool.len();
        self.push_args(args);
        // The pool holds at most as many entries as there are `Value` ids in operand
        // position, and value ids fit in `u32`, so only a pathological pass could overflow.
        assert!(
            self.arg_pool.len() <= u32::MAX as usize,
            "operand pool overflow"
        );
        ArgRange {
            start: start as u32,
            len: args.len() as u32,
        }
    }

    /// Appends `args` to the operand pool.
    #[inline(always)]
    fn push_args(&mut self, args: &[Value]) {
        // Most instructions have one or two operands: pushing them skips the call to
        // `memcpy` that copying a slice of unknown length makes.
        match *args {
            [] => {}
            [a] => self.arg_pool.push(a),
            [a, b] => {
                self.arg_pool.reserve(2);
                self.arg_pool.push(a);
                self.arg_pool.push(b);
            }
            _ => self.arg_pool.extend_from_slice(args),
        }
    }

    /// The operands of `inst`.
    #[inline]
    pub fn args(&self, inst: Inst) -> &[Value] {
        self.args_of(&self.insts[inst.index()])
    }

    /// The number of operand entries of all instructions ever created (those passes
    /// removed included): a bound on any one instruction's operand count.
    #[inline]
    pub fn operand_pool_len(&self) -> usize {
        self.arg_pool.len()
    }

    /// The operands of an instruction of this function.
    #[inline]
    pub fn args_of(&self, data: &InstData) -> &[Value] {
        &self.arg_pool[data.args.range()]
    }

    /// Mutable access to the operands of `inst` (their number cannot change this way: see
    /// [`Function::set_args`]).
    #[inline]
    pub fn args_mut(&mut self, inst: Inst) -> &mut [Value] {
        let range = self.insts[inst.index()].args.range();
        &mut self.arg_pool[range]
    }

    /// Replaces the operands of `inst`. Fewer operands reuse its range; more get a new
    /// range at the end of the pool, the old one staying behind unused (passes rarely
    /// grow an instruction, so reclaiming it would not pay).
    pub fn set_args(&mut self, inst: Inst, args: &[Value]) {
        let old = self.insts[inst.index()].args;
        let new = if args.len() <= old.len() {
            self.arg_pool[old.start as usize..][..args.len()].copy_from_slice(args);
            ArgRange {
                start: old.start,
                len: args.len() as u32,
            }
        } else {
            self.alloc_args(args)
        };
        self.insts[inst.index()].args = new;
    }

    /// Whether instruction `a` of `self` and `b` of `other` are the same instruction, their
    /// operands compared by content.
    fn same_inst(&self, a: Inst, other: &Function, b: Inst) -> bool {
        let (Some(x), Some(y)) = (self.insts.get(a.index()), other.insts.get(b.index())) else {
            return self.insts.get(a.index()).is_none() && other.insts.get(b.index()).is_none();
        };
        x.op == y.op
            && x.imm == y.imm
            && x.result == y.result
            && self.locs.get(a.index()) == other.locs.get(b.index())
            && self.args_of(x) == other.args_of(y)
    }

    /// The source location of `inst`.
    #[inline]
    pub fn inst_loc(&self, inst: Inst) -> Loc {
        self.locs[inst.index()]
    }

    /// Sets `block`'s terminator.
    pub fn set_terminator(&mut self, block: Block, term: Terminator, loc: Loc) {
        let data = &mut self.blocks[block.index()];
        data.term = Some(term);
        data.term_loc = loc;
    }

    /// The instruction defining `value`, if any.
    pub fn value_inst(&self, value: Value) -> Option<&InstData> {
        match self.values[value.index()] {
            ValueDef::Inst(inst) => Some(&self.insts[inst.index()]),
            ValueDef::Param(..) => None,
        }
    }

    /// The constant `value` was loaded from, if it comes from a `const` instruction.
    pub fn value_const(&self, value: Value) -> Option<&Const> {
        match self.value_inst(value) {
            Some(InstData {
                op: Op::Const,
                imm: Imm::Const(c),
                ..
            }) => Some(&self.consts[c.index()]),
            _ => None,
        }
    }

    /// Name of deref slot `index`: a cell, then a free variable.
    pub fn deref_name(&self, index: usize) -> Option<&str> {
        if index < self.cells.len() {
            Some(&self.cells[index])
        } else {
            self.frees.get(index - self.cells.len()).map(String::as_str)
        }
    }
}

impl PartialEq for Function {
    fn eq(&self, other: &Self) -> bool {
        let header_eq = self.name == other.name
            && self.qualname == other.qualname
            && self.kind == other.kind
            && self.flags == other.flags
            && self.first_line == other.first_line
            && self.argcount == other.argcount
            && self.posonlyargcount == other.posonlyargcount
            && self.kwonlyargcount == other.kwonlyargcount
            && self.locals == other.locals
            && self.cells == other.cells
            && self.frees == other.frees
            && self.docstring == other.docstring
            && self.names == other.names
            && self.consts == other.consts
            && self.layout == other.layout;
        header_eq
            && self.layout.iter().all(|&block| {
                let (a, b) = (
                    self.blocks.get(block.index()),
                    other.blocks.get(block.index()),
                );
                let (Some(a), Some(b)) = (a, b) else {
                    return false;
                };
                a.params == b.params
                    && a.handler == b.handler
                    && a.term == b.term
                    && a.term_loc == b.term_loc
                    && a.insts.len() == b.insts.len()
                    && a.insts
                        .iter()
                        .zip(&b.insts)
                        .all(|(&x, &y)| self.same_inst(x, other, y))
            })
    }
}

/// A compiled module: every code object, `f0` being the module (or eval/interactive) body.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub filename: String,
    pub functions: Vec<Function>,
}

impl Module {
    pub fn new(filename: impl Into<String>) -> Self {
        Module {
            filename: filename.into(),
            functions: Vec::new(),
        }
    }

    /// Adds a function, returning its id. Inlined, so the function is moved into the list
    /// once.
    #[inline]
    pub fn add_function(&mut self, function: Function) -> FuncId {
        let id = FuncId::new(self.functions.len());
        self.functions.push(function);
        id
    }

    pub fn function(&self, id: FuncId) -> &Function {
        &self.functions[id.index()]
    }

    pub fn function_mut(&mut self, id: FuncId) -> &mut Function {
        &mut self.functions[id.index()]
    }
}
