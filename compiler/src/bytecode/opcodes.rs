//! The bytecode opcode table. Every opcode is declared exactly once in [`define_opcodes!`]'s
//! invocation below, with its name, its operand layout and a doc line; the [`Opcode`] enum,
//! the operand metadata the encoder, decoder and disassembler walk, and the Markdown
//! reference (`OPCODES.md`, checked by a test) all derive from that one table.
//!
//! # Encoding
//!
//! Code is a `Vec<u16>` of *code units*. An instruction is one unit holding the opcode
//! followed by one unit per operand, in table order, except that a jump target takes two
//! units (a `u32` absolute pc, low half first) and a register list takes a count unit
//! followed by one unit per register. A pc counts code units.
//!
//! Why 16-bit units rather than CPython's 8-bit ones or Lua's fixed 32-bit words:
//! - every operand is one aligned, bounds-checked load with no shifting or masking, and the
//!   VM can read an opcode's operands at fixed offsets that this table documents;
//! - registers, constants, names and cache slots each get 65,536 indices, so no
//!   `EXTENDED_ARG` prefix is ever needed in practice (codegen reports an error past that);
//! - variable-arity operations (calls, `build_tuple`) name their argument registers
//!   explicitly, so the register allocator never has to gather them into a contiguous
//!   window with extra moves.
//!
//! # Semantics shared by every opcode
//!
//! - Registers `0..nlocals` are the fast locals (`co_varnames` order); temporaries follow.
//! - An opcode reads all its operands before it writes its destination, so codegen may give
//!   the destination the register of an operand that dies at that instruction.
//! - A `cache` operand is the index of this site's inline-cache slot in a side table of
//!   `CodeObject::ncaches` entries; quickening rewrites the opcode in place and keeps the
//!   operands, so specialised forms share this layout. The operand [`NO_CACHE`] means the
//!   site has no slot: slots are handed out in code order, and a code object with more
//!   than 65,535 cache sites (machine-generated table builders reach that: CPython compiles
//!   them, its caches being inline) runs the remaining sites unspecialised instead of
//!   failing to compile. The VM takes the generic path at such a site and never quickens it.

use super::super::ir::ops::{BinOp, CmpOp, Common, Intrinsic, UnaryOp};

/// The `cache` operand of a site without an inline-cache slot (see the module docs), and
/// therefore also the number of slots a code object can have.
pub const NO_CACHE: u32 = u16::MAX as u32;

/// What an operand denotes, which fixes how many code units it takes and how it prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A register read or written (`r3`, or a local's name).
    Reg,
    /// An index into `consts`.
    Const,
    /// An index into `names`.
    Name,
    /// A cell/free slot: cells first, then frees.
    Deref,
    /// An index into the module's code objects (`MakeFunction`).
    Code,
    /// An absolute jump target pc (two units).
    Target,
    /// A small unsigned immediate (counts, indices, conversions).
    Imm,
    /// A [`BinOp`] number.
    BinOp,
    /// A [`UnaryOp`] number.
    UnaryOp,
    /// A [`CmpOp`] number.
    CmpOp,
    /// An [`Intrinsic`] number.
    Intrinsic,
    /// A [`Common`] object number.
    Common,
    /// An inline-cache slot index.
    Cache,
    /// A register list: a count unit, then that many registers. Always the last operand.
    Regs,
}

impl OperandKind {
    /// The short name used in the reference table.
    pub fn name(self) -> &'static str {
        match self {
            OperandKind::Reg => "reg",
            OperandKind::Const => "const",
            OperandKind::Name => "name",
            OperandKind::Deref => "deref",
            OperandKind::Code => "code",
            OperandKind::Target => "target",
            OperandKind::Imm => "imm",
            OperandKind::BinOp => "binop",
            OperandKind::UnaryOp => "unaryop",
            OperandKind::CmpOp => "cmpop",
            OperandKind::Intrinsic => "intrinsic",
            OperandKind::Common => "common",
            OperandKind::Cache => "cache",
            OperandKind::Regs => "regs",
        }
    }

    /// Code units a fixed-size operand takes (a register list takes `1 + count`).
    pub fn units(self) -> usize {
        match self {
            OperandKind::Target => 2,
            _ => 1,
        }
    }
}

/// One operand slot of an opcode: its role name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperandSpec {
    pub name: &'static str,
    pub kind: OperandKind,
}

macro_rules! define_opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident ( $($operand:ident : $kind:ident),* ) $(specialises $generic:ident)?;
    )*) => {
        /// A bytecode opcode. See each variant's documentation for its operands.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        pub enum Opcode {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Opcode {
            /// Every opcode, in table order (which is also numeric order).
            pub const ALL: &'static [Opcode] = &[$(Opcode::$variant,)*];

            /// The opcode's name as the disassembler prints it.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$variant => stringify!($variant),)* }
            }

            /// The opcode numbered `unit`, if any. A chain of comparisons with each
            /// variant's own number, which the optimiser turns into one range check
            /// (no table load on the interpreter's dispatch path).
            #[inline(always)]
            pub const fn from_unit(unit: u16) -> Option<Opcode> {
                $(if unit == Opcode::$variant as u16 {
                    return Some(Opcode::$variant);
                })*
                None
            }

            /// The operand layout, in encoding order.
            pub const fn operands(self) -> &'static [OperandSpec] {
                match self {
                    $(Opcode::$variant => &[$(OperandSpec { name: stringify!($operand), kind: OperandKind::$kind },)*],)*
                }
            }

            /// The documentation line from the table.
            pub fn doc(self) -> &'static str {
                match self { $(Opcode::$variant => concat!($($doc),*),)* }
            }

            /// The generic opcode a specialised (quickened) opcode stands in for, or the
            /// opcode itself. Codegen only emits generic opcodes; the interpreter rewrites a
            /// site to a specialised form while its operands keep one type, and back on a
            /// miss (see `runtime/src/vm/quicken.rs`).
            pub const fn generic(self) -> Opcode {
                match self {
                    $(Opcode::$variant => define_opcodes!(@generic $variant $($generic)?),)*
                }
            }
        }
    };
    (@generic $variant:ident) => { Opcode::$variant };
    (@generic $variant:ident $generic:ident) => { Opcode::$generic };
}

impl Opcode {
    /// The instruction's length in code units without its register list, and whether it
    /// ends with one (whose count unit is then its last fixed unit). Derived from the
    /// operand table at compile time, so the interpreter reads a constant table.
    pub const fn fixed_len(self) -> (u8, bool) {
        let operands = self.operands();
        let mut len = 1u8;
        let mut list = false;
        let mut i = 0;
        while i < operands.len() {
            match operands[i].kind {
                OperandKind::Target => len += 2,
                OperandKind::Regs => {
                    len += 1;
                    list = true;
                }
                _ => len += 1,
            }
            i += 1;
        }
        (len, list)
    }

    /// `fixed_len` of every opcode, indexed by code unit (unused units say 1, no list).
    pub const FIXED_LENGTHS: [(u8, bool); 256] = {
        let mut table = [(1u8, false); 256];
        let mut i = 0;
        while i < Opcode::ALL.len() {
            table[i] = Opcode::ALL[i].fixed_len();
            i += 1;
        }
        table
    };

    /// The opcode's code unit.
    pub fn unit(self) -> u16 {
        self as u16
    }

    /// Whether control never falls through to the next instruction.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            Opcode::Jump
                | Opcode::Return
                | Opcode::Raise
                | Opcode::RaiseFrom
                | Opcode::ReraiseCurrent
                | Opcode::Reraise
                | Opcode::Unreachable
        )
    }

    /// Whether the opcode has an inline-cache operand.
    pub fn has_cache(self) -> bool {
        self.operands().iter().any(|o| o.kind == OperandKind::Cache)
    }

    /// The opcodes reference as a Markdown table (the checked-in `OPCODES.md`).
    pub fn reference_markdown() -> String {
        let mut out = String::from(
            "# Taipan bytecode opcodes\n\nGenerated from `compiler/src/bytecode/opcodes.rs` \
             (`UPDATE_EXPECT=1 cargo test -p compiler --lib opcodes` rewrites it). Each operand is \
             one 16-bit code unit, except `target` (two units, a `u32` pc) and `regs` (a count unit \
             then one unit per register).\n\n| # | opcode | operands | meaning |\n|---|---|---|---|\n",
        );
        for (number, op) in Opcode::ALL.iter().enumerate() {
            let operands: Vec<String> = op
                .operands()
                .iter()
                .map(|o| format!("{}:{}", o.name, o.kind.name()))
                .collect();
            let mut meaning = op.doc().trim().to_owned();
            if op.generic() != *op {
                meaning.push_str(&format!(" (specialised form of `{}`)", op.generic().name()));
            }
            out.push_str(&format!(
                "| {number} | `{}` | {} | {meaning} |\n",
                op.name(),
                operands.join(", "),
            ));
        }
        out
    }
}

/// Names a small-immediate operand of kind `kind` for the disassembler.
pub fn immediate_name(kind: OperandKind, value: u32) -> Option<&'static str> {
    let index = value as usize;
    match kind {
        OperandKind::BinOp => BinOp::ALL.get(index).map(|v| v.name()),
        OperandKind::UnaryOp => UnaryOp::ALL.get(index).map(|v| v.name()),
        OperandKind::CmpOp => CmpOp::ALL.get(index).map(|v| v.name()),
        OperandKind::Intrinsic => Intrinsic::ALL.get(index).map(|v| v.name()),
        OperandKind::Common => Common::ALL.get(index).map(|v| v.name()),
        _ => None,
    }
}

define_opcodes! {
    // ---- moves and constants ------------------------------------------------------------
    /// `dst = src`: block-parameter copies and stores to fast locals. Copies the register
    /// verbatim, so moving the unset marker into a local unsets it.
    Move(dst: Reg, src: Reg);
    /// `dst = consts[index]`.
    LoadConst(dst: Reg, index: Const);
    /// `dst = local`, raising `UnboundLocalError` when the local register is unset.
    LoadFast(dst: Reg, local: Reg);
    /// `dst = local` (possibly the unset marker) and unsets `local`, never raising (PEP 709
    /// inlined comprehensions save shadowed locals with it).
    LoadFastAndClear(dst: Reg, local: Reg);
    /// Unsets the local register; raises `UnboundLocalError` when already unset.
    DeleteFast(local: Reg);
    /// Clears a temporary register whose value is dead (the IR's `release`).
    Release(reg: Reg);
    /// Never executed: the IR said control cannot reach here (the VM reports an internal error).
    Unreachable();

    // ---- cells, globals and names -------------------------------------------------------
    /// `dst = ` contents of cell/free `slot`; raises `NameError`/`UnboundLocalError` when empty.
    LoadDeref(dst: Reg, slot: Deref);
    /// Stores `src` into cell/free `slot`.
    StoreDeref(slot: Deref, src: Reg);
    /// Empties cell/free `slot`; raises when already empty.
    DeleteDeref(slot: Deref);
    /// `dst = ` the cell object of `slot` itself (closure tuples).
    LoadClosure(dst: Reg, slot: Deref);
    /// `dst = ` global `name`, falling back to builtins; raises `NameError`.
    LoadGlobal(dst: Reg, name: Name, cache: Cache);
    /// Stores `src` into global `name`.
    StoreGlobal(name: Name, src: Reg);
    /// Deletes global `name`; raises `NameError`.
    DeleteGlobal(name: Name);
    /// `dst = name` looked up in locals, then globals, then builtins.
    LoadName(dst: Reg, name: Name);
    /// Stores `src` into the locals mapping under `name`.
    StoreName(name: Name, src: Reg);
    /// Deletes `name` from the locals mapping; raises `NameError`.
    DeleteName(name: Name);
    /// `dst = mapping[slot's name]` if present, else the contents of cell `slot`.
    LoadFromDictOrDeref(dst: Reg, mapping: Reg, slot: Deref);
    /// `dst = mapping[name]` if present, else global or builtin `name`.
    LoadFromDictOrGlobals(dst: Reg, mapping: Reg, name: Name);
    /// `dst = ` the current locals mapping.
    LoadLocals(dst: Reg);
    /// `dst = builtins.__build_class__`.
    LoadBuildClass(dst: Reg);
    /// `dst = ` the builtin object numbered `which`, even when shadowed.
    LoadCommon(dst: Reg, which: Common);
    /// `dst = ` special method `name` looked up on `type(obj)` and bound to `obj`.
    LoadSpecial(dst: Reg, obj: Reg, name: Name);

    // ---- attributes and items -----------------------------------------------------------
    /// `dst = obj.name`.
    GetAttr(dst: Reg, obj: Reg, name: Name, cache: Cache);
    /// `obj.name = value`.
    SetAttr(obj: Reg, name: Name, value: Reg, cache: Cache);
    /// `del obj.name`.
    DelAttr(obj: Reg, name: Name);
    /// `dst = obj[key]`.
    GetItem(dst: Reg, obj: Reg, key: Reg, cache: Cache);
    /// `obj[key] = value`.
    SetItem(obj: Reg, key: Reg, value: Reg, cache: Cache);
    /// `del obj[key]`.
    DelItem(obj: Reg, key: Reg);
    /// `dst = slice(start, stop)`.
    BuildSlice(dst: Reg, start: Reg, stop: Reg);
    /// `dst = slice(start, stop, step)`.
    BuildSlice3(dst: Reg, start: Reg, stop: Reg, step: Reg);

    // ---- operators ----------------------------------------------------------------------
    /// `dst = left <op> right`.
    BinaryOp(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache);
    /// `dst = left <op>= right` (the caller stores `dst` back to the target).
    InplaceOp(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache);
    /// `dst = <op> src`.
    UnaryOp(dst: Reg, src: Reg, op: UnaryOp);
    /// `dst = not src` (always a bool).
    Not(dst: Reg, src: Reg);
    /// `dst = bool(src)`.
    ToBool(dst: Reg, src: Reg);
    /// `dst = left <op> right` (rich comparison, `is`, `in`).
    CompareOp(dst: Reg, left: Reg, right: Reg, op: CmpOp, cache: Cache);
    /// `dst = ` whether exception `exc` matches `except typ:`; raises `TypeError` for a bad `typ`.
    ExcMatch(dst: Reg, exc: Reg, typ: Reg);

    // ---- building containers and strings ------------------------------------------------
    /// `dst = (items...)`.
    BuildTuple(dst: Reg, items: Regs);
    /// `dst = [items...]`.
    BuildList(dst: Reg, items: Regs);
    /// `dst = {items...}`.
    BuildSet(dst: Reg, items: Regs);
    /// `dst = {k0: v0, ...}` from `pairs = [k0, v0, k1, v1, ...]`.
    BuildMap(dst: Reg, pairs: Regs);
    /// `dst = ` the concatenation of the str registers `parts`.
    BuildString(dst: Reg, parts: Regs);
    /// `list.append(value)`.
    ListAppend(list: Reg, value: Reg);
    /// `list.extend(iterable)`; raises `TypeError` for a non-iterable.
    ListExtend(list: Reg, iterable: Reg);
    /// `set.add(value)`.
    SetAdd(set: Reg, value: Reg);
    /// `set.update(iterable)`.
    SetUpdate(set: Reg, iterable: Reg);
    /// `dict[key] = value`.
    DictSet(dict: Reg, key: Reg, value: Reg);
    /// `dict.update(mapping)` for `{**mapping}`; raises `TypeError` for a non-mapping.
    DictUpdate(dict: Reg, mapping: Reg);
    /// Merges `mapping` into the keyword dict of a call to `callee`; raises on duplicates.
    DictMerge(callee: Reg, dict: Reg, mapping: Reg);
    /// `dst = format(value)` after conversion `conv` (0 none, 1 `!s`, 2 `!r`, 3 `!a`).
    FormatValue(dst: Reg, value: Reg, conv: Imm);
    /// `dst = format(value, spec)` after conversion `conv`.
    FormatWithSpec(dst: Reg, value: Reg, spec: Reg, conv: Imm);
    /// `dst = Interpolation(value, text, conv)`.
    BuildInterpolation(dst: Reg, value: Reg, text: Reg, conv: Imm);
    /// `dst = Interpolation(value, text, conv, spec)`.
    BuildInterpolationSpec(dst: Reg, value: Reg, text: Reg, spec: Reg, conv: Imm);
    /// `dst = Template(strings, interpolations)`.
    BuildTemplate(dst: Reg, strings: Reg, interpolations: Reg);

    // ---- unpacking ----------------------------------------------------------------------
    /// `dst = ` a tuple of exactly `count` items of `src`; raises `ValueError` on mismatch.
    UnpackSequence(dst: Reg, src: Reg, count: Imm);
    /// `dst = ` `before + 1 + after` items of `src`, the starred one a list.
    UnpackEx(dst: Reg, src: Reg, before: Imm, after: Imm);
    /// `dst = tuple[index]` for a tuple made by an unpacking or matching opcode.
    TupleGet(dst: Reg, tuple: Reg, index: Imm);

    // ---- calls and functions ------------------------------------------------------------
    /// `dst = callee(args...)`.
    Call(dst: Reg, callee: Reg, cache: Cache, args: Regs);
    /// `dst = obj.name` in method form for the `CallMethod` that follows: a function found
    /// on the type (called with `obj` first), or any other callable (called as it is).
    LoadMethod(dst: Reg, obj: Reg, name: Name, cache: Cache);
    /// `dst = method(obj, args...)` when `method` (from `LoadMethod`) is a function found
    /// on the type, else `dst = method(args...)`.
    CallMethod(dst: Reg, method: Reg, obj: Reg, cache: Cache, args: Regs);
    /// `dst = callee(positional..., kw=...)`; `kwnames` is a constant tuple naming the trailing args.
    CallKw(dst: Reg, callee: Reg, kwnames: Const, cache: Cache, args: Regs);
    /// `dst = callee(*args)`.
    CallEx(dst: Reg, callee: Reg, args: Reg);
    /// `dst = callee(*args, **kwargs)`.
    CallExKw(dst: Reg, callee: Reg, args: Reg, kwargs: Reg);
    /// `dst = ` runtime helper `which` applied to `args`.
    CallIntrinsic(dst: Reg, which: Intrinsic, args: Regs);
    /// `dst = ` a new function for code object `code` with the given defaults tuple, keyword
    /// defaults dict, `__annotate__` function and closure tuple (each may hold `None`).
    MakeFunction(dst: Reg, code: Code, defaults: Reg, kwdefaults: Reg, annotate: Reg, closure: Reg);

    // ---- imports ------------------------------------------------------------------------
    /// `dst = __import__(name, globals, locals, fromlist, level)`.
    ImportName(dst: Reg, name: Name, fromlist: Reg, level: Reg);
    /// `dst = module.name` for `from module import name`; raises `ImportError`.
    ImportFrom(dst: Reg, module: Reg, name: Name);

    // ---- iteration, generators and coroutines -------------------------------------------
    /// `dst = iter(src)`.
    GetIter(dst: Reg, src: Reg);
    /// `dst = aiter(src)`.
    GetAIter(dst: Reg, src: Reg);
    /// `dst = ` the awaitable of `anext(src)`.
    GetANext(dst: Reg, src: Reg);
    /// `dst = ` the iterator `yield from src` delegates to.
    GetYieldFromIter(dst: Reg, src: Reg);
    /// `dst = ` the awaitable for `src`; `context` (0 await, 1 `async with` enter, 2 exit) picks the error text.
    GetAwaitable(dst: Reg, src: Reg, context: Imm);
    /// Suspends the generator yielding `value`; on resumption `dst` = the value sent in.
    Yield(dst: Reg, value: Reg);
    /// Delegates to `iter` until it finishes; `dst` = its return value.
    YieldFrom(dst: Reg, iter: Reg);

    // ---- exception state ----------------------------------------------------------------
    /// Makes `exc` the handled exception; `dst` = the previous one.
    PushExcInfo(dst: Reg, exc: Reg);
    /// Restores the handled exception to `previous`.
    PopExcInfo(previous: Reg);
    /// `dst = (rest, match)`: the `except*` split of `exc` by `typ`.
    CheckEgMatch(dst: Reg, exc: Reg, typ: Reg);
    /// `dst = ` what an `except*` block re-raises for `original` and the `raised` list.
    PrepReraiseStar(dst: Reg, original: Reg, raised: Reg);
    /// `dst = exit(type(exc), exc, tb)`, or `exit(None, None, None)` when `exc` is `None`.
    WithExit(dst: Reg, exit: Reg, exc: Reg);
    /// Creates `__annotations__` in the locals mapping if missing.
    SetupAnnotations();

    // ---- pattern matching ---------------------------------------------------------------
    /// `dst = len(src)`.
    GetLen(dst: Reg, src: Reg);
    /// `dst = ` whether `subject` is a mapping for `match`.
    MatchMapping(dst: Reg, subject: Reg);
    /// `dst = ` whether `subject` is a sequence for `match`.
    MatchSequence(dst: Reg, subject: Reg);
    /// `dst = ` a tuple of `subject`'s values for the key tuple `keys`, or `None`.
    MatchKeys(dst: Reg, subject: Reg, keys: Reg);
    /// `dst = ` the attributes a class pattern extracts (`npos` positional), or `None`.
    MatchClass(dst: Reg, subject: Reg, cls: Reg, kwnames: Reg, npos: Imm);
    /// `dst = ` a dict copy of `mapping` without the keys in tuple `keys`.
    CopyDictWithoutKeys(dst: Reg, mapping: Reg, keys: Reg);

    // ---- control flow -------------------------------------------------------------------
    /// Continues at `target`.
    Jump(target: Target);
    /// Continues at `target` when `bool(cond)` is true (may raise).
    JumpIfTrue(cond: Reg, target: Target);
    /// Continues at `target` when `bool(cond)` is false (may raise).
    JumpIfFalse(cond: Reg, target: Target);
    /// `dst = next(iter)` and falls through; on exhaustion leaves `dst` untouched and jumps to `exit`.
    ForIter(dst: Reg, iter: Reg, exit: Target, cache: Cache);
    /// Returns `value` (ends a generator).
    Return(value: Reg);
    /// `raise exc`.
    Raise(exc: Reg);
    /// `raise exc from cause`.
    RaiseFrom(exc: Reg, cause: Reg);
    /// Bare `raise`: re-raises the exception being handled.
    ReraiseCurrent();
    /// Re-raises the caught `exc` unchanged, keeping its traceback.
    Reraise(exc: Reg);

    // ---- specialised forms (quickening) -------------------------------------------------
    // Never emitted by codegen: the interpreter rewrites a generic opcode into one of these
    // in place once its operands have shown one kind, and back when a guard fails. Each
    // has its generic opcode's operand layout and falls back to its generic behaviour.
    /// `left + right` on two inline ints (a `BinaryOp` or `InplaceOp` site: for ints and
    /// floats the two are the same operation; a miss restores the compiled opcode).
    BinaryAddInt(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left - right` on two inline ints.
    BinarySubInt(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left * right` on two inline ints.
    BinaryMulInt(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// Another arithmetic or bitwise operator on two inline ints.
    BinaryOpInt(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left + right` on two floats.
    BinaryAddFloat(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left - right` on two floats.
    BinarySubFloat(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left * right` on two floats.
    BinaryMulFloat(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `left / right` on two floats.
    BinaryDivFloat(dst: Reg, left: Reg, right: Reg, op: BinOp, cache: Cache) specialises BinaryOp;
    /// `CompareOp` (a rich comparison) on two inline ints.
    CompareOpInt(dst: Reg, left: Reg, right: Reg, op: CmpOp, cache: Cache) specialises CompareOp;
    /// `CompareOp` (a rich comparison) on two floats.
    CompareOpFloat(dst: Reg, left: Reg, right: Reg, op: CmpOp, cache: Cache) specialises CompareOp;
    /// `ForIter` over a `range` iterator.
    ForIterRange(dst: Reg, iter: Reg, exit: Target, cache: Cache) specialises ForIter;
    /// `ForIter` over a list iterator.
    ForIterList(dst: Reg, iter: Reg, exit: Target, cache: Cache) specialises ForIter;
    /// `LoadGlobal` whose globals and builtins are unchanged since the site cached the value.
    LoadGlobalCached(dst: Reg, name: Name, cache: Cache) specialises LoadGlobal;
    /// `GetAttr` on an instance of a Python class, through the site's shape-keyed entries.
    GetAttrInstance(dst: Reg, obj: Reg, name: Name, cache: Cache) specialises GetAttr;
    /// `GetAttr` on the module whose namespace the site cached, while it is unchanged.
    GetAttrModule(dst: Reg, obj: Reg, name: Name, cache: Cache) specialises GetAttr;
    /// `LoadMethod` on an instance of a Python class, through the site's shape-keyed entries.
    LoadMethodInstance(dst: Reg, obj: Reg, name: Name, cache: Cache) specialises LoadMethod;
    /// `LoadMethod` of a method of the builtin type the site cached (`list.append`).
    LoadMethodBuiltin(dst: Reg, obj: Reg, name: Name, cache: Cache) specialises LoadMethod;
    /// `LoadMethod` on the module whose namespace the site cached (`math.sqrt`).
    LoadMethodModule(dst: Reg, obj: Reg, name: Name, cache: Cache) specialises LoadMethod;
    /// `Call` of a Python function taking exactly the positional arguments given.
    CallPy(dst: Reg, callee: Reg, cache: Cache, args: Regs) specialises Call;
    /// `CallMethod` of a Python function found on the receiver's type, taking the receiver
    /// and exactly the positional arguments given.
    CallMethodPy(dst: Reg, method: Reg, obj: Reg, cache: Cache, args: Regs) specialises CallMethod;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_lists_come_last() {
        for op in Opcode::ALL {
            let operands = op.operands();
            for (i, o) in operands.iter().enumerate() {
                if o.kind == OperandKind::Regs {
                    assert_eq!(i + 1, operands.len(), "{}", op.name());
                }
            }
        }
    }

    #[test]
    fn specialised_forms_keep_the_generic_layout() {
        for op in Opcode::ALL {
            let generic = op.generic();
            assert_eq!(generic.generic(), generic, "{}", op.name());
            assert_eq!(op.operands(), generic.operands(), "{}", op.name());
            if generic != *op {
                assert!(op.has_cache(), "{}", op.name());
            }
        }
    }

    #[test]
    fn numbering_round_trips() {
        for op in Opcode::ALL {
            assert_eq!(Opcode::from_unit(op.unit()), Some(*op));
        }
    }

    #[test]
    fn opcodes_reference_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bytecode/OPCODES.md");
        let expected = Opcode::reference_markdown();
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(path, &expected).unwrap();
            return;
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "OPCODES.md is stale: rerun with UPDATE_EXPECT=1"
        );
    }
}
