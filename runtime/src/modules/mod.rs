//! Modules implemented in Rust, one file each, and the registry `import` consults before
//! searching `sys.path`.

pub mod collections;
pub mod exec;
pub mod frozen;
pub mod gc_module;
pub mod importlib;
pub mod io;
pub mod math;
pub mod posix;
pub mod regex;
pub mod structseq;
pub mod sys;
pub mod taipan;
pub mod thread;
pub mod time;
pub mod warnings;
pub mod weakref;

use crate::args::NativeFn;
use crate::builtins::new_builtin;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::dictops;
use crate::types::function::Binding;
use crate::types::module::ModuleBody;
use crate::value::Value;

/// A builtin module's name and the function that builds it.
type ModuleInit = fn(&mut Vm) -> PyResult<Gc<ModuleBody>>;

/// Every module implemented in Rust, by import name.
const BUILTIN_MODULES: &[(&str, ModuleInit)] = &[
    ("sys", sys::create),
    ("builtins", builtins_module),
    ("gc", gc_module::create),
    ("time", time::create),
    ("math", math::create),
    ("_io", io::create),
    ("posix", posix::create),
    ("_regex", regex::create),
    ("importlib", importlib::create),
    ("_weakref", weakref::create),
    ("_taipan", taipan::create),
    ("_thread", thread::create),
    ("_collections", collections::create),
];

fn builtins_module(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(vm.interp.builtins)
}

/// The names of the builtin modules (`sys.builtin_module_names`).
pub fn builtin_module_names() -> Vec<&'static str> {
    BUILTIN_MODULES.iter().map(|(n, _)| *n).collect()
}

/// Builds the builtin module `name`, if there is one.
pub fn create_builtin(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    match BUILTIN_MODULES.iter().find(|(n, _)| *n == name) {
        Some((_, init)) => Ok(Some(init(vm)?.value())),
        None => Ok(None),
    }
}

/// A new module named `name` with the given functions.
pub fn new_module_with(
    vm: &mut Vm,
    name: &str,
    functions: &[(&'static str, NativeFn)],
) -> Gc<ModuleBody> {
    let m = crate::import::new_module(vm, name);
    for &(fname, f) in functions {
        let v = new_builtin(vm, fname, f, Binding::Function, m.value());
        dictops::set_item_str(vm, m.dict, fname, v);
    }
    m
}

/// Sets `name = value` in module `m`.
pub fn set(vm: &mut Vm, m: Gc<ModuleBody>, name: &str, value: Value) {
    dictops::set_item_str(vm, m.dict, name, value);
}

/// Reprs of objects defined by Rust modules.
pub fn native_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(r) = crate::builtins::typing::repr(v) {
        return Ok(Some(r));
    }
    if let Some(r) = weakref::repr(vm, v) {
        return Ok(Some(r));
    }
    io::native_repr(vm, v)
}
