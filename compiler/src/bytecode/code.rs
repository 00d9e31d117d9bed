//! Code objects: one compiled function, class body or module body, and the module that
//! holds them all.
//!
//! Nested code objects are not stored inside their parent's constants: a module keeps every
//! code object in one flat `Vec`, index 0 being the module body, and `MakeFunction` names
//! its code by index (the same numbering as the IR's `FuncId`). That keeps constants plain
//! [`Const`] values, lets the runtime share one allocation per module, and gives the JIT
//! and AOT a stable id for each function.

use super::exctable::ExceptionTable;
use super::instruction::{CodeError, Instruction, decode_all};
use super::linetable::LineTable;
use crate::ir::{CodeFlags, Const, FunctionKind, Loc};

/// One compiled code object (CPython's `PyCodeObject`).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeObject {
    pub name: String,
    pub qualname: String,
    pub kind: FunctionKind,
    pub flags: CodeFlags,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// Registers `0..nlocals` are the fast locals, named by `varnames`.
    pub nlocals: u32,
    /// The frame's register count: locals, then temporaries.
    pub nregs: u32,
    /// Inline-cache slots the VM allocates for this code (one per `cache` operand).
    pub ncaches: u32,
    /// `co_varnames`: parameters first, then other locals.
    pub varnames: Vec<String>,
    /// `co_cellvars`; deref slots `0..cells.len()`.
    pub cells: Vec<String>,
    /// `co_freevars`; deref slots `cells.len()..`.
    pub frees: Vec<String>,
    pub consts: Vec<Const>,
    pub names: Vec<String>,
    /// The instructions, in 16-bit code units (see `opcodes.rs` for the encoding).
    pub code: Vec<u16>,
    pub linetable: LineTable,
    pub exctable: ExceptionTable,
    pub first_line: u32,
    pub docstring: Option<String>,
}

impl CodeObject {
    /// An empty code object holding a slot until the real one is known (it allocates
    /// nothing).
    pub fn placeholder() -> Self {
        CodeObject {
            name: String::new(),
            qualname: String::new(),
            kind: FunctionKind::Module,
            flags: CodeFlags::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            nlocals: 0,
            nregs: 0,
            ncaches: 0,
            varnames: Vec::new(),
            cells: Vec::new(),
            frees: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            code: Vec::new(),
            linetable: LineTable::default(),
            exctable: ExceptionTable::default(),
            first_line: 0,
            docstring: None,
        }
    }

    /// The decoded instructions with their pcs.
    pub fn instructions(&self) -> Result<Vec<(usize, Instruction)>, CodeError> {
        decode_all(&self.code)
    }

    /// The source location of the instruction at `pc`.
    pub fn location(&self, pc: usize) -> Option<Loc> {
        self.linetable.location(pc)
    }

    /// Name of deref slot `slot`: a cell, then a free variable.
    pub fn deref_name(&self, slot: usize) -> Option<&str> {
        if slot < self.cells.len() {
            Some(&self.cells[slot])
        } else {
            self.frees.get(slot - self.cells.len()).map(String::as_str)
        }
    }
}

/// Every code object of one compiled source file; `codes[0]` is the module body.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeModule {
    pub filename: String,
    pub codes: Vec<CodeObject>,
}

impl CodeModule {
    /// The module body's code.
    pub fn main(&self) -> Option<&CodeObject> {
        self.codes.first()
    }
}
