//! `warnings` (basic): `warn()` prints `file:line: Category: message` on stderr once per
//! location, and compile-time warnings (PEP 765's SyntaxWarning) go through it.

use compiler::diagnostics::CompileWarning;

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
use crate::types::module::ModuleBody;
use crate::value::Value;

/// Reports a compiler warning the way CPython's default filters show it: the location
/// line, then the source line stripped (CPython's `formatwarning` reads it through
/// `linecache`, which finds nothing for pseudo-files such as `<string>`).
pub fn warn_compile(vm: &mut Vm, w: &CompileWarning, source: &[u8]) -> PyResult<()> {
    let mut text = format!(
        "{}:{}: {}: {}\n",
        w.filename, w.lineno, w.category, w.message
    );
    let pseudo_file = w.filename.starts_with('<') && w.filename.ends_with('>');
    if !pseudo_file && let Some(line) = source_line(source, w.lineno) {
        let line = line.trim();
        if !line.is_empty() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    crate::modules::io::write_std(vm, 2, &text)
}

/// Line `lineno` (1-based) of `source`, decoded leniently.
fn source_line(source: &[u8], lineno: u32) -> Option<String> {
    let index = usize::try_from(lineno).ok()?.checked_sub(1)?;
    let line = source.split(|&b| b == b'\n').nth(index)?;
    Some(String::from_utf8_lossy(line).into_owned())
}

fn warn(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(
        vm,
        "warn",
        &[
            "message",
            "category",
            "stacklevel",
            "source",
            "skip_file_prefixes",
        ],
    )?;
    let pos = args.pos();
    let message = pos
        .first()
        .copied()
        .or(args.kwarg("message"))
        .unwrap_or(Value::NONE);
    let category = pos
        .get(1)
        .copied()
        .or(args.kwarg("category"))
        .filter(|c| !c.is_none());
    let (cat_name, msg) =
        if crate::object::kind_of(message) == Some(crate::object::ObjKind::Exception) {
            (
                ops::type_name(vm, message),
                ops::repr::str_string(vm, message)?,
            )
        } else {
            let name = match category {
                Some(c) => Gc::<crate::types::typeobj::TypeBody>::from_value(c)
                    .map(|t| t.name())
                    .unwrap_or_else(|| "UserWarning".into()),
                None => "UserWarning".into(),
            };
            (name, ops::repr::str_string(vm, message)?)
        };
    let (file, line) = match Gc::<crate::vm::frame::FrameBody>::from_value(vm.frame) {
        Some(f) => (
            str_of(f.code.filename).unwrap_or("?").to_owned(),
            f.lineno(),
        ),
        None => ("sys".to_owned(), 1),
    };
    let text = format!("{file}:{line}: {cat_name}: {msg}\n");
    crate::modules::io::write_std(vm, 2, &text)?;
    Ok(Value::NONE)
}

fn noop(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// Builds `warnings`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(super::new_module_with(
        vm,
        "warnings",
        &[
            ("warn", warn),
            ("simplefilter", noop),
            ("filterwarnings", noop),
            ("resetwarnings", noop),
        ],
    ))
}
