//! The IR operation table. Every operation is declared exactly once in [`define_ops!`]'s
//! invocation below, with its text name, immediate kind, operand count, whether it yields
//! a result and whether it can raise; the enum, the printer, the parser and the verifier
//! all derive from that one table.
//!
//! Each operation is one Python-level semantic step; the runtime implements each as a
//! single function that the VM, the JIT and AOT code all call (DESIGN.md §2).

use super::entities::{ConstId, DerefId, FuncId, LocalId, NameId};

/// How many operands an operation takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    /// Exactly this many.
    Fixed(u8),
    /// At least this many.
    AtLeast(u8),
    /// Between the two bounds, inclusive.
    Range(u8, u8),
}

impl Arity {
    /// Whether `n` operands are acceptable.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Fixed(k) => n == k as usize,
            Arity::AtLeast(k) => n >= k as usize,
            Arity::Range(lo, hi) => n >= lo as usize && n <= hi as usize,
        }
    }
}

/// The kind of immediate an operation carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImmKind {
    None,
    Const,
    Name,
    Local,
    Deref,
    Int,
    Pair,
    Func,
    BinOp,
    UnaryOp,
    CmpOp,
    Intrinsic,
    Common,
}

/// An operation's immediate operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Imm {
    None,
    Const(ConstId),
    Name(NameId),
    Local(LocalId),
    Deref(DerefId),
    Int(i32),
    Pair(u32, u32),
    Func(FuncId),
    BinOp(BinOp),
    UnaryOp(UnaryOp),
    CmpOp(CmpOp),
    Intrinsic(Intrinsic),
    Common(Common),
}

impl Imm {
    /// The kind of this immediate.
    pub fn kind(&self) -> ImmKind {
        match self {
            Imm::None => ImmKind::None,
            Imm::Const(_) => ImmKind::Const,
            Imm::Name(_) => ImmKind::Name,
            Imm::Local(_) => ImmKind::Local,
            Imm::Deref(_) => ImmKind::Deref,
            Imm::Int(_) => ImmKind::Int,
            Imm::Pair(..) => ImmKind::Pair,
            Imm::Func(_) => ImmKind::Func,
            Imm::BinOp(_) => ImmKind::BinOp,
            Imm::UnaryOp(_) => ImmKind::UnaryOp,
            Imm::CmpOp(_) => ImmKind::CmpOp,
            Imm::Intrinsic(_) => ImmKind::Intrinsic,
            Imm::Common(_) => ImmKind::Common,
        }
    }
}

/// Declares a fieldless enum whose variants each have a text name, with
/// `name()`, `from_name()` and `ALL`.
macro_rules! named_enum {
    ($(#[$meta:meta])* $enum:ident { $($(#[doc = $doc:literal])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $enum {
            $($(#[doc = $doc])* $variant,)*
        }

        impl $enum {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$enum] = &[$($enum::$variant,)*];

            /// The text-form name.
            pub fn name(self) -> &'static str {
                match self {
                    $($enum::$variant => $text,)*
                }
            }

            /// Parses a text-form name.
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($text => Some($enum::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

named_enum!(
    /// Binary arithmetic and bitwise operators (also used in place by `inplace`).
    BinOp {
        Add = "add",
        Sub = "sub",
        Mul = "mul",
        MatMul = "matmul",
        TrueDiv = "truediv",
        FloorDiv = "floordiv",
        Mod = "mod",
        Pow = "pow",
        LShift = "lshift",
        RShift = "rshift",
        And = "and",
        Or = "or",
        Xor = "xor",
    }
);

impl BinOp {
    /// The Python operator symbol, e.g. `+` (used in TypeError texts).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
}

named_enum!(
    /// Unary operators; `not` is the separate [`Op::Not`].
    UnaryOp {
        Neg = "neg",
        Pos = "pos",
        Invert = "invert",
    }
);

named_enum!(
    /// Comparison operators, including identity and membership.
    CmpOp {
        Lt = "lt",
        Le = "le",
        Eq = "eq",
        Ne = "ne",
        Gt = "gt",
        Ge = "ge",
        Is = "is",
        IsNot = "is_not",
        In = "in",
        NotIn = "not_in",
    }
);

named_enum!(
    /// Objects `load_common` yields: builtins the compiler relies on even when user code
    /// shadows their names.
    Common {
        AssertionError = "AssertionError",
        NotImplementedError = "NotImplementedError",
        StopAsyncIteration = "StopAsyncIteration",
        BuiltinTuple = "tuple",
        BuiltinList = "list",
        BuiltinAll = "all",
        BuiltinAny = "any",
    }
);

named_enum!(
    /// Runtime helpers called by `intrinsic`, for rare operations that need no opcode of
    /// their own (CPython's `CALL_INTRINSIC_1/2`).
    Intrinsic {
        /// Interactive-mode display of an expression statement's value (`sys.displayhook`).
        Print = "print",
        /// `from m import *`: args `[module]`, copies public names into the current namespace.
        ImportStar = "import_star",
        /// Converts a `StopIteration` escaping a generator into `RuntimeError`: args `[exc]`.
        StopIterationError = "stopiteration_error",
        /// `typing.TypeVar` for a PEP 695 parameter: args `[name]`.
        TypeVar = "typevar",
        /// TypeVar with a lazily evaluated bound: args `[name, bound_fn]`.
        TypeVarWithBound = "typevar_with_bound",
        /// TypeVar with lazily evaluated constraints: args `[name, constraints_fn]`.
        TypeVarWithConstraints = "typevar_with_constraints",
        /// `typing.ParamSpec`: args `[name]`.
        ParamSpec = "paramspec",
        /// `typing.TypeVarTuple`: args `[name]`.
        TypeVarTuple = "typevartuple",
        /// Sets a PEP 696 default evaluator on a type parameter: args `[param, default_fn]`.
        SetTypeParamDefault = "set_typeparam_default",
        /// `Generic[*params]` for a class with type parameters: args `[params_tuple]`.
        SubscriptGeneric = "subscript_generic",
        /// Sets `__type_params__` on a function: args `[func, params_tuple]`.
        SetFunctionTypeParams = "set_function_type_params",
        /// `typing.TypeAliasType`: args `[name, params_tuple_or_none, value_fn]`.
        TypeAlias = "typealias",
        /// `list` to `tuple`: args `[list]`.
        ListToTuple = "list_to_tuple",
    }
);

macro_rules! define_ops {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $text:literal, imm: $imm:ident, args: $arity:expr, result: $result:literal, raises: $raises:literal;
    )*) => {
        /// An IR operation. See each variant's documentation for its operands.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Op {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Op {
            /// Every operation, in table order.
            pub const ALL: &'static [Op] = &[$(Op::$variant,)*];

            /// The text-form name.
            pub fn name(self) -> &'static str {
                match self { $(Op::$variant => $text,)* }
            }

            /// Parses a text-form name.
            pub fn from_name(name: &str) -> Option<Op> {
                match name { $($text => Some(Op::$variant),)* _ => None }
            }

            /// The kind of immediate this operation carries.
            pub fn imm_kind(self) -> ImmKind {
                match self { $(Op::$variant => ImmKind::$imm,)* }
            }

            /// How many value operands it takes.
            pub fn arity(self) -> Arity {
                match self { $(Op::$variant => $arity,)* }
            }

            /// Whether it defines a result value. A table lookup that inlines: every
            /// emitted instruction asks.
            #[inline]
            pub const fn has_result(self) -> bool {
                const HAS_RESULT: &[bool] = &[$($result,)*];
                HAS_RESULT[self as usize]
            }

            /// Whether it can raise (and so needs the block's exception edge). A table
            /// lookup, like [`Op::has_result`].
            #[inline]
            pub const fn can_raise(self) -> bool {
                const CAN_RAISE: &[bool] = &[$($raises,)*];
                CAN_RAISE[self as usize]
            }

            /// The one-line documentation from the table.
            pub fn doc(self) -> &'static str {
                match self { $(Op::$variant => concat!($($doc, "\n"),*),)* }
            }
        }
    };
}

use Arity::{AtLeast, Fixed, Range};

define_ops! {
    /// Loads constant `imm` from the function's pool.
    Const = "const", imm: Const, args: Fixed(0), result: true, raises: false;
    /// Loads fast local `imm`; raises `UnboundLocalError` when unset.
    LoadFast = "load_fast", imm: Local, args: Fixed(0), result: true, raises: true;
    /// Loads fast local `imm` and unsets it, never raising: when the local is unset the
    /// result is the null marker, which only `store_fast` may consume (it leaves the local
    /// unset again). PEP 709 inlined comprehensions use it to save and later restore outer
    /// locals their iteration variables shadow (CPython's `LOAD_FAST_AND_CLEAR`).
    LoadFastAndClear = "load_fast_and_clear", imm: Local, args: Fixed(0), result: true, raises: false;
    /// Stores `[value]` into fast local `imm`.
    StoreFast = "store_fast", imm: Local, args: Fixed(1), result: false, raises: false;
    /// Unsets fast local `imm`; raises `UnboundLocalError` when already unset.
    DeleteFast = "delete_fast", imm: Local, args: Fixed(0), result: false, raises: true;
    /// Ends `[value]`'s life: its register no longer refers to it. A `for` loop releases
    /// its iterator after the loop (CPython pops it), so that an abandoned generator is no
    /// longer reachable from the frame and the collector can finalize it.
    Release = "release", imm: None, args: Fixed(1), result: false, raises: false;
    /// Loads the contents of cell/free slot `imm`; raises `NameError`/`UnboundLocalError`.
    LoadDeref = "load_deref", imm: Deref, args: Fixed(0), result: true, raises: true;
    /// Stores `[value]` into cell/free slot `imm`.
    StoreDeref = "store_deref", imm: Deref, args: Fixed(1), result: false, raises: false;
    /// Empties cell/free slot `imm`; raises when already empty.
    DeleteDeref = "delete_deref", imm: Deref, args: Fixed(0), result: false, raises: true;
    /// Loads the cell object of slot `imm` itself, to build a closure tuple.
    LoadClosure = "load_closure", imm: Deref, args: Fixed(0), result: true, raises: false;
    /// Loads global `imm`, falling back to builtins; raises `NameError`.
    LoadGlobal = "load_global", imm: Name, args: Fixed(0), result: true, raises: true;
    /// Stores `[value]` into global `imm`.
    StoreGlobal = "store_global", imm: Name, args: Fixed(1), result: false, raises: true;
    /// Deletes global `imm`; raises `NameError`.
    DeleteGlobal = "delete_global", imm: Name, args: Fixed(0), result: false, raises: true;
    /// Loads `imm` from locals, then globals, then builtins (module and class bodies).
    LoadName = "load_name", imm: Name, args: Fixed(0), result: true, raises: true;
    /// Stores `[value]` into the locals mapping under `imm`.
    StoreName = "store_name", imm: Name, args: Fixed(1), result: false, raises: true;
    /// Deletes `imm` from the locals mapping; raises `NameError`.
    DeleteName = "delete_name", imm: Name, args: Fixed(0), result: false, raises: true;
    /// Looks the deref slot's name up in `[mapping]` first, then reads cell `imm` (class bodies).
    LoadFromDictOrDeref = "load_from_dict_or_deref", imm: Deref, args: Fixed(1), result: true, raises: true;
    /// Looks `imm` up in `[mapping]`, then globals, then builtins (annotation scopes in classes).
    LoadFromDictOrGlobals = "load_from_dict_or_globals", imm: Name, args: Fixed(1), result: true, raises: true;
    /// The current locals mapping (class namespace, module globals, or `locals()` snapshot).
    LoadLocals = "load_locals", imm: None, args: Fixed(0), result: true, raises: false;
    /// `builtins.__build_class__`.
    LoadBuildClass = "load_build_class", imm: None, args: Fixed(0), result: true, raises: true;
    /// A builtin the compiler relies on, named by `imm`.
    LoadCommon = "load_common", imm: Common, args: Fixed(0), result: true, raises: false;
    /// Looks special method `imm` up on the type of `[obj]` and binds it; raises `TypeError`
    /// (for example the context-manager protocol errors of `with`).
    LoadSpecial = "load_special", imm: Name, args: Fixed(1), result: true, raises: true;
    /// `obj.imm` for `[obj]`.
    GetAttr = "get_attr", imm: Name, args: Fixed(1), result: true, raises: true;
    /// `obj.imm` for `[obj]`, looked up to be called at once by `call_method` (CPython's
    /// method form of `LOAD_ATTR`): the result is either a function found on the type, to
    /// be called with `obj` first, or a callable to call as it is; only `call_method`
    /// reads it.
    LoadMethod = "load_method", imm: Name, args: Fixed(1), result: true, raises: true;
    /// `obj.imm = value` for `[obj, value]`.
    SetAttr = "set_attr", imm: Name, args: Fixed(2), result: false, raises: true;
    /// `del obj.imm` for `[obj]`.
    DelAttr = "del_attr", imm: Name, args: Fixed(1), result: false, raises: true;
    /// `obj[key]` for `[obj, key]`.
    GetItem = "get_item", imm: None, args: Fixed(2), result: true, raises: true;
    /// `obj[key] = value` for `[obj, key, value]`.
    SetItem = "set_item", imm: None, args: Fixed(3), result: false, raises: true;
    /// `del obj[key]` for `[obj, key]`.
    DelItem = "del_item", imm: None, args: Fixed(2), result: false, raises: true;
    /// `slice(start, stop[, step])` for `[start, stop]` or `[start, stop, step]`.
    BuildSlice = "build_slice", imm: None, args: Range(2, 3), result: true, raises: false;
    /// Binary operator `imm` on `[left, right]`.
    Binary = "binary", imm: BinOp, args: Fixed(2), result: true, raises: true;
    /// In-place operator `imm` (`+=` …) on `[target, value]`; the result is stored back by the caller.
    Inplace = "inplace", imm: BinOp, args: Fixed(2), result: true, raises: true;
    /// Unary operator `imm` on `[operand]`.
    Unary = "unary", imm: UnaryOp, args: Fixed(1), result: true, raises: true;
    /// `not x` for `[x]`: always a bool.
    Not = "not", imm: None, args: Fixed(1), result: true, raises: true;
    /// `bool(x)` for `[x]` via `__bool__`/`__len__`.
    ToBool = "to_bool", imm: None, args: Fixed(1), result: true, raises: true;
    /// Comparison `imm` on `[left, right]` (rich comparison, `is`, `in`).
    Compare = "compare", imm: CmpOp, args: Fixed(2), result: true, raises: true;
    /// Whether exception `[exc]` matches `[type]` as `except type:` does; raises `TypeError`
    /// when `type` is not an exception class or tuple of them.
    ExcMatch = "exc_match", imm: None, args: Fixed(2), result: true, raises: true;
    /// A new tuple of all operands.
    BuildTuple = "build_tuple", imm: None, args: AtLeast(0), result: true, raises: false;
    /// A new list of all operands.
    BuildList = "build_list", imm: None, args: AtLeast(0), result: true, raises: false;
    /// A new set of all operands.
    BuildSet = "build_set", imm: None, args: AtLeast(0), result: true, raises: true;
    /// A new dict from operand pairs `[k0, v0, k1, v1, …]`.
    BuildMap = "build_map", imm: None, args: AtLeast(0), result: true, raises: true;
    /// Concatenates the str operands (f-string assembly).
    BuildString = "build_string", imm: None, args: AtLeast(0), result: true, raises: false;
    /// `list.append` for `[list, value]`.
    ListAppend = "list_append", imm: None, args: Fixed(2), result: false, raises: false;
    /// `list.extend` for `[list, iterable]`; raises `TypeError` for a non-iterable.
    ListExtend = "list_extend", imm: None, args: Fixed(2), result: false, raises: true;
    /// `set.add` for `[set, value]`.
    SetAdd = "set_add", imm: None, args: Fixed(2), result: false, raises: true;
    /// `set.update` for `[set, iterable]`.
    SetUpdate = "set_update", imm: None, args: Fixed(2), result: false, raises: true;
    /// `dict[key] = value` for `[dict, key, value]`.
    DictSet = "dict_set", imm: None, args: Fixed(3), result: false, raises: true;
    /// `{**mapping}` for `[dict, mapping]`; raises `TypeError` when not a mapping.
    DictUpdate = "dict_update", imm: None, args: Fixed(2), result: false, raises: true;
    /// `f(**mapping)` merge for `[callee, dict, mapping]`; raises on duplicate keywords.
    DictMerge = "dict_merge", imm: None, args: Fixed(3), result: false, raises: true;
    /// Formats `[value]` or `[value, spec]` with conversion `imm` (0 none, 1 `!s`, 2 `!r`, 3 `!a`).
    FormatValue = "format_value", imm: Int, args: Range(1, 2), result: true, raises: true;
    /// A `string.templatelib.Interpolation` for `[value, expression_text]` or with `spec`;
    /// `imm` is the conversion as in `format_value`.
    BuildInterpolation = "build_interpolation", imm: Int, args: Range(2, 3), result: true, raises: false;
    /// A `string.templatelib.Template` for `[strings_tuple, interpolations_tuple]`.
    BuildTemplate = "build_template", imm: None, args: Fixed(2), result: true, raises: false;
    /// Unpacks `[iterable]` into a tuple of exactly `imm` items; raises `ValueError` on mismatch.
    UnpackSequence = "unpack_sequence", imm: Int, args: Fixed(1), result: true, raises: true;
    /// Unpacks `[iterable]` for a starred target with `imm = (before, after)`: the result has
    /// `before + 1 + after` items, the starred one a list.
    UnpackEx = "unpack_ex", imm: Pair, args: Fixed(1), result: true, raises: true;
    /// Item `imm` of a tuple made by `unpack_*`, `check_eg_match` or `match_*`.
    TupleGet = "tuple_get", imm: Int, args: Fixed(1), result: true, raises: false;
    /// `callee(*args)` for `[callee, arg0, arg1, …]`.
    Call = "call", imm: None, args: AtLeast(1), result: true, raises: true;
    /// `obj.name(args…)` for `[method, obj, arg0, arg1, …]`, where `method` is the
    /// `load_method` of `obj`: passes `obj` first when that found a function on the type.
    CallMethod = "call_method", imm: None, args: AtLeast(2), result: true, raises: true;
    /// `callee(pos…, kw=…)` for `[callee, positional…, keyword values…]`; `imm` is a constant
    /// tuple of the keyword names, matching the trailing operands.
    CallKw = "call_kw", imm: Const, args: AtLeast(1), result: true, raises: true;
    /// `callee(*args_tuple, **kwargs)` for `[callee, args_tuple]` or `[callee, args_tuple, kwargs_dict]`.
    CallEx = "call_ex", imm: None, args: Range(2, 3), result: true, raises: true;
    /// Runtime helper `imm` on the operands.
    CallIntrinsic = "intrinsic", imm: Intrinsic, args: AtLeast(0), result: true, raises: true;
    /// A new function object for code `imm`, from `[defaults, kwdefaults, annotate, closure]`
    /// (each a value or the `None` constant: a tuple, a dict, an `__annotate__` function and
    /// a tuple of cells). Under `from __future__ import annotations`, `annotate` is instead a
    /// tuple `(name, str, name, str, …)` that becomes `__annotations__` (CPython's
    /// `MAKE_FUNCTION_ANNOTATIONS`).
    MakeFunction = "make_function", imm: Func, args: Fixed(4), result: true, raises: false;
    /// `__import__(imm, globals, locals, fromlist, level)` for `[fromlist, level]`.
    ImportName = "import_name", imm: Name, args: Fixed(2), result: true, raises: true;
    /// `from module import imm` for `[module]`; raises `ImportError` with CPython's text.
    ImportFrom = "import_from", imm: Name, args: Fixed(1), result: true, raises: true;
    /// `iter(x)` for `[x]`.
    GetIter = "get_iter", imm: None, args: Fixed(1), result: true, raises: true;
    /// `aiter(x)` for `[x]`.
    GetAIter = "get_aiter", imm: None, args: Fixed(1), result: true, raises: true;
    /// The awaitable of `anext(it)` for `[it]`.
    GetANext = "get_anext", imm: None, args: Fixed(1), result: true, raises: true;
    /// The iterator `yield from` delegates to, for `[x]`.
    GetYieldFromIter = "get_yield_from_iter", imm: None, args: Fixed(1), result: true, raises: true;
    /// The awaitable for `[x]`; `imm` says where (0 `await`, 1 `async with` enter, 2 exit) for error texts.
    GetAwaitable = "get_awaitable", imm: Int, args: Fixed(1), result: true, raises: true;
    /// Suspends the generator yielding `[value]`; the result is the value sent in.
    Yield = "yield", imm: None, args: Fixed(1), result: true, raises: true;
    /// Delegates to `[iterator]` until it finishes (`yield from`, `await`); the result is its return value.
    YieldFrom = "yield_from", imm: None, args: Fixed(1), result: true, raises: true;
    /// Makes `[exc]` the exception being handled (`sys.exception()`); the result is the
    /// previous one, to restore with `pop_exc_info`.
    PushExcInfo = "push_exc_info", imm: None, args: Fixed(1), result: true, raises: false;
    /// Restores the exception being handled to `[previous]`.
    PopExcInfo = "pop_exc_info", imm: None, args: Fixed(1), result: false, raises: false;
    /// `except* type` split of `[exc, type]`: a 2-tuple `(rest, match)`, either may be `None`.
    CheckEgMatch = "check_eg_match", imm: None, args: Fixed(2), result: true, raises: true;
    /// What an `except*` block re-raises for `[original, raised_list]`: an exception or `None`.
    PrepReraiseStar = "prep_reraise_star", imm: None, args: Fixed(2), result: true, raises: true;
    /// Calls a context manager's `__exit__` bound method for `[exit, exc]` as
    /// `exit(type(exc), exc, exc.__traceback__)`, or `exit(None, None, None)` when `exc` is `None`.
    WithExit = "with_exit", imm: None, args: Fixed(2), result: true, raises: true;
    /// Creates `__annotations__` in the locals mapping if missing (`from __future__ import annotations`).
    SetupAnnotations = "setup_annotations", imm: None, args: Fixed(0), result: false, raises: true;
    /// `len(x)` for `[x]` (match sequence patterns).
    GetLen = "get_len", imm: None, args: Fixed(1), result: true, raises: true;
    /// Whether `[subject]` is a mapping for `match` (`Py_TPFLAGS_MAPPING`).
    MatchMapping = "match_mapping", imm: None, args: Fixed(1), result: true, raises: false;
    /// Whether `[subject]` is a sequence for `match` (`Py_TPFLAGS_SEQUENCE`).
    MatchSequence = "match_sequence", imm: None, args: Fixed(1), result: true, raises: false;
    /// Values of `[subject]` for the constant key tuple `[keys]`, as a tuple, or `None` when a key is missing.
    MatchKeys = "match_keys", imm: None, args: Fixed(2), result: true, raises: true;
    /// Class pattern for `[subject, cls, kw_names_tuple]` with `imm` positional sub-patterns:
    /// a tuple of the extracted attributes, or `None` when it does not match.
    MatchClass = "match_class", imm: Int, args: Fixed(3), result: true, raises: true;
    /// A dict copy of `[mapping]` without the keys in `[keys_tuple]` (`**rest` in mapping patterns).
    CopyDictWithoutKeys = "copy_dict_without_keys", imm: None, args: Fixed(2), result: true, raises: true;
}
