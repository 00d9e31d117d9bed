//! `_taipan`: private hooks that the embedded pure-Python standard library (see
//! `modules::frozen`) needs from the runtime. Today: the traceback formatter that prints
//! uncaught exceptions, so `traceback.format_exception`/`print_exc` produce the same text
//! (with CPython's caret lines) as an uncaught exception does.

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::types::module::ModuleBody;
use crate::value::Value;

/// `_taipan.format_exception(exc)`: the full report (chained exceptions, "Traceback (most
/// recent call last):" and every frame of `exc.__traceback__`) as one string.
fn format_exception(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let exc = args.one(vm, "format_exception")?;
    let text = crate::traceback::format_exception(vm, exc);
    Ok(vm.new_string(text))
}

/// `_taipan.format_exception_only(exc)`: the final `Type: message` line(s), as one string.
fn format_exception_only(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let exc = args.one(vm, "format_exception_only")?;
    let mut out = String::new();
    crate::traceback::format_exception_only(vm, exc, &mut out, "");
    Ok(vm.new_string(out))
}

/// Builds the `_taipan` module.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(super::new_module_with(
        vm,
        "_taipan",
        &[
            ("format_exception", format_exception),
            ("format_exception_only", format_exception_only),
        ],
    ))
}
