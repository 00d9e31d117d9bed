//! Compile-time warnings (PEP 765's SyntaxWarning), printed as CPython's default filters
//! show them; the `warnings` module itself is runtime/pylib/warnings.py.

use compiler::diagnostics::CompileWarning;

use crate::errors::PyResult;
use crate::interp::Vm;

/// Reports a compiler warning the way CPython's default filters show it: with the
/// stripped source line when the file is a real one (linecache finds no line for
/// `<string>` and the like), taken from `source`, the text being compiled.
pub fn warn_compile(vm: &mut Vm, w: &CompileWarning, source: &[u8]) -> PyResult<()> {
    let mut text = format!(
        "{}:{}: {}: {}\n",
        w.filename, w.lineno, w.category, w.message
    );
    if !w.filename.starts_with('<')
        && let Some(line) = String::from_utf8_lossy(source)
            .lines()
            .nth((w.lineno as usize).saturating_sub(1))
        && !line.trim().is_empty()
    {
        text.push_str(&format!("  {}\n", line.trim()));
    }
    crate::modules::io::write_std(vm, 2, &text)
}
