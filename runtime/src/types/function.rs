//! Callables: Python functions, code objects, cells, builtin (Rust) functions and bound
//! methods.

use std::sync::OnceLock;

use compiler::bytecode::CodeObject;

use crate::args::NativeFn;
use crate::gc::Tracer;
use crate::object::{Gc, Trace};
use crate::types::dict::DictBody;
use crate::types::instance::AttrStore;
use crate::value::{AtomicValue, Value};

/// A code object: the compiler's `CodeObject` plus its constants and names as values.
pub struct CodeBody {
    pub code: CodeObject,
    pub consts: Box<[Value]>,
    /// Interned `str` objects for `code.names`.
    pub names: Box<[Value]>,
    pub filename: Value,
    pub name: Value,
    pub qualname: Value,
    /// The code objects of the whole compiled file (`MakeFunction` indexes it), set once
    /// right after the file is loaded.
    pub unit: OnceLock<Box<[Value]>>,
    /// One inline cache per cache operand (`vm::inline_cache`); not traced.
    pub caches: Box<[crate::vm::inline_cache::InlineCache]>,
    /// The live copy of `code.code` whose opcode units the interpreter dispatches on and
    /// quickening rewrites in place (`vm::quicken`); operands are read from `code.code`,
    /// which stays as compiled.
    pub units: Box<[std::sync::atomic::AtomicU16]>,
    /// Whether some instruction has no source line (line 0: compiler-generated code such
    /// as the PEP 479 wrapper), so raising needs to look its position up at all.
    pub has_unpositioned: bool,
    /// Compiled by `compile(..., 'eval')`: running it yields the expression's value
    /// (see `modules::exec`).
    pub eval_mode: std::sync::atomic::AtomicBool,
}

impl Trace for CodeBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.consts);
        tracer.visit_all(&self.names);
        tracer.visit(self.filename);
        tracer.visit(self.name);
        tracer.visit(self.qualname);
        if let Some(unit) = self.unit.get() {
            tracer.visit_all(unit);
        }
    }
}

/// A Python function.
pub struct FunctionBody {
    pub code: Gc<CodeBody>,
    pub globals: Gc<DictBody>,
    pub name: AtomicValue,
    pub qualname: AtomicValue,
    /// A tuple or `None`.
    pub defaults: AtomicValue,
    /// A dict or `None`.
    pub kwdefaults: AtomicValue,
    /// A tuple of cells or `None`.
    pub closure: AtomicValue,
    pub annotate: AtomicValue,
    pub module: AtomicValue,
    pub doc: AtomicValue,
    pub type_params: AtomicValue,
    pub attrs: AttrStore,
    /// The builtins namespace (a dict) the function's frames use.
    pub builtins: AtomicValue,
}

impl Trace for FunctionBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.code.value());
        tracer.visit(self.globals.value());
        for v in [
            &self.name,
            &self.qualname,
            &self.defaults,
            &self.kwdefaults,
            &self.closure,
            &self.annotate,
            &self.module,
            &self.doc,
            &self.type_params,
            &self.builtins,
        ] {
            tracer.visit(v.get());
        }
        self.attrs.trace(tracer);
    }
}

/// A cell (a closure variable).
#[derive(Default)]
pub struct CellBody {
    pub value: AtomicValue,
}

impl Trace for CellBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.value.get());
    }
}

/// How a builtin function found in a type's namespace binds when looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// A plain function (module-level builtins; not a descriptor).
    Function,
    /// A method descriptor: binds to the instance.
    Method,
    /// Binds to the class (`dict.fromkeys`).
    ClassMethod,
    /// Never binds (`__new__`, `str.maketrans`).
    StaticMethod,
}

/// A function implemented in Rust.
pub struct BuiltinBody {
    pub name: &'static str,
    pub func: NativeFn,
    pub binding: Binding,
    /// The object the function is bound to, or `UNSET`.
    pub bound: Value,
    /// The type or module that owns it (for `__qualname__` and error texts), or `None`.
    pub owner: Value,
    pub doc: Option<&'static str>,
}

impl Trace for BuiltinBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.bound);
        tracer.visit(self.owner);
    }
}

/// A bound method: a function together with the object it was looked up on.
pub struct MethodBody {
    pub func: Value,
    pub receiver: Value,
}

impl Trace for MethodBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.func);
        tracer.visit(self.receiver);
    }
}
