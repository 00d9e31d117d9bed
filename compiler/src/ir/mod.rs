//! Taipan's SSA IR: the one place where Python semantics are lowered (DESIGN.md §2).
//!
//! - [`entities`]: typed ids.
//! - [`ops`]: the single operation table.
//! - [`constant`]: the constant pool's values.
//! - [`function`]: modules, functions, blocks, instructions and terminators.
//! - [`builder`]: a cursor that lowering uses to append instructions.
//! - [`print`]/[`parse`]: the text form, which round-trips (`print(parse(print(m)))` is
//!   `print(m)` and `parse(print(m)) == m`).
//! - [`verify`]: the invariants every IR must satisfy (its module doc lists them).
//! - [`dominators`]: dominator trees, used by the verifier.
//! - `pool_index`: the hash index that interns constants and names into a function's pools.
//!
//! The passes that transform this IR live in `crate::passes`.

pub mod builder;
pub mod constant;
pub mod dominators;
pub mod entities;
pub mod function;
pub mod ops;
pub mod parse;
mod pool_index;
pub mod print;
pub mod verify;

pub use constant::Const;
pub use entities::{Block, ConstId, DerefId, FuncId, Inst, LocalId, NameId, Value};
pub use function::{
    ArgRange, BlockCall, BlockData, CodeFlags, Function, FunctionKind, InstData, Loc, Module,
    Terminator, ValueDef,
};
pub use ops::{Arity, BinOp, CmpOp, Common, Imm, ImmKind, Intrinsic, Op, UnaryOp};
pub use parse::{IrParseError, parse_module};
pub use print::print_module;
pub use verify::{VerifyError, verify_function, verify_module};
