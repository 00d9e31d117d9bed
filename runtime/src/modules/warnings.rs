//! Compile-time warnings (PEP 765's SyntaxWarning), printed as CPython's default filters
//! show them; the `warnings` module itself is runtime/pylib/warnings.py.

use compiler::diagnostics::CompileWarning;

use crate::errors::PyResult;
use crate::interp::Vm;

/// Reports a compiler warning the way CPython's default filters show it.
pub fn warn_compile(vm: &mut Vm, w: &CompileWarning) -> PyResult<()> {
    let text = format!("{}:{}: {}: {}\n", w.filename, w.lineno, w.category, w.message);
    crate::modules::io::write_std(vm, 2, &text)
}
