//! Register bytecode: the tier-1 interpreter's input (DESIGN.md §7).
//!
//! - [`opcodes`]: the one opcode table (names, operand layouts, docs) and the encoding rules.
//! - [`instruction`]: encoding and decoding of single instructions.
//! - [`code`]: code objects and the module that holds them.
//! - [`regalloc`]: liveness and register allocation; `moves`: parallel-move sequentialisation.
//! - [`codegen`]: IR functions to code objects.
//! - [`linetable`]: pc → source range; [`exctable`]: pc → exception handler.
//! - [`dis`]: the disassembler behind `taipan dis`.

pub mod code;
pub mod codegen;
pub mod dis;
pub mod exctable;
mod forward_locals;
pub mod instruction;
pub mod linetable;
mod moves;
pub mod opcodes;
pub mod regalloc;
mod varint;

#[cfg(test)]
mod codegen_tests;
#[cfg(test)]
mod limits_tests;

pub use code::{CodeModule, CodeObject};
pub use codegen::{CodegenError, compile_function, compile_module};
pub use dis::{disassemble, disassemble_module};
pub use instruction::{CodeError, Instruction};
pub use opcodes::{Opcode, OperandKind};
