//! Taipan's SSA IR: the one place where Python semantics are lowered (DESIGN.md §2).
//!
//! - [`entities`]: typed ids.
//! - [`ops`]: the single operation table.
//! - [`constant`]: the constant pool's values.
//! - [`function`]: modules, functions, blocks, instructions and terminators.
//! - [`builder`]: a cursor that lowering uses to append instructions.
//! - `print`/`parse`: the text form, which round-trips; `verify`: the invariants.

pub mod builder;
pub mod constant;
pub mod entities;
pub mod function;
pub mod ops;
pub mod parse;
pub mod print;
pub mod verify;
pub mod dominators;

pub use constant::Const;
pub use entities::{Block, ConstId, DerefId, FuncId, Inst, LocalId, NameId, Value};
pub use function::{
    BlockCall, BlockData, CodeFlags, Function, FunctionKind, InstData, Loc, Module, Terminator, ValueDef,
};
pub use parse::{IrParseError, parse_module};
pub use print::print_module;
pub use verify::{VerifyError, verify_function, verify_module};
pub use ops::{Arity, BinOp, CmpOp, Common, Imm, ImmKind, Intrinsic, Op, UnaryOp};
