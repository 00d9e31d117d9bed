//! Turning the compiler's output into runtime objects: compiling source text, converting
//! a `CodeModule`'s code objects and constants into heap objects, and SyntaxError objects
//! from diagnostics.

use compiler::bytecode::CodeModule;
use compiler::diagnostics::SyntaxDiagnostic;
use compiler::ir::Const;

use crate::errors::{PyErr, PyResult, new_exception};
use crate::interp::Vm;
use crate::types::function::CodeBody;
use crate::value::Value;

/// A constant as a value.
pub fn const_value(vm: &mut Vm, c: &Const) -> PyResult<Value> {
    Ok(match c {
        Const::None => Value::NONE,
        Const::Bool(b) => Value::from_bool(*b),
        Const::Ellipsis => Value::ELLIPSIS,
        Const::Int(i) => vm.new_bigint(i.clone()),
        Const::Float(f) => Value::from_f64(*f),
        Const::Complex { re, im } => crate::builtins::numbers::new_complex(vm, *re, *im),
        Const::Str(s) => {
            if s.len() <= 40 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                vm.intern(s)
            } else {
                vm.new_str(s)
            }
        }
        Const::Wtf8Str(b) => vm.new_str_wtf8(b.clone()),
        Const::Bytes(b) => crate::builtins::str::new_bytes(vm, b.clone()),
        Const::Tuple(items) => {
            let mut vals = Vec::with_capacity(items.len());
            for i in items {
                vals.push(const_value(vm, i)?);
            }
            vm.new_tuple(vals)
        }
        Const::FrozenSet(items) => {
            let mut vals = Vec::with_capacity(items.len());
            for i in items {
                vals.push(const_value(vm, i)?);
            }
            // CPython's constant cache (`const_cache_insert`) re-creates every frozenset
            // constant from the first one's iteration order; the slot layout, and so the
            // order of sets built from it, follows from that.
            let first = crate::builtins::set::new_set_from(vm, &vals, true)?;
            let order = crate::builtins::set::set_of(first)
                .map(|s| crate::builtins::set::keys(&s))
                .unwrap_or_default();
            crate::builtins::set::new_set_from(vm, &order, true)?
        }
    })
}

/// Converts a compiled module into code objects; returns the module body's code.
pub fn load_code_module(vm: &mut Vm, module: CodeModule) -> PyResult<Value> {
    let filename = vm.new_str(&module.filename);
    let holder = vm.new_list(Vec::new());
    let list = crate::object::Gc::<crate::types::list::ListBody>::from_value(holder).expect("list");
    let mut codes = Vec::with_capacity(module.codes.len());
    for code in module.codes {
        let mut consts = Vec::with_capacity(code.consts.len());
        for c in &code.consts {
            let v = const_value(vm, c)?;
            list.items.lock().push(v);
            consts.push(v);
        }
        let names: Vec<Value> = code.names.iter().map(|n| vm.intern(n)).collect();
        let name = vm.intern(&code.name);
        let qualname = vm.new_str(&code.qualname);
        let ty = vm.rt.types.code;
        let caches = crate::vm::inline_cache::new_caches(code.ncaches as usize);
        let has_unpositioned = code
            .linetable
            .runs()
            .is_none_or(|runs| runs.iter().any(|(_, loc)| loc.line == 0));
        let units = crate::vm::quicken::live_units(&code.code);
        let body = CodeBody {
            caches,
            units,
            has_unpositioned,
            code,
            consts: consts.into_boxed_slice(),
            names: names.into_boxed_slice(),
            filename,
            name,
            qualname,
            unit: std::sync::OnceLock::new(),
            eval_mode: std::sync::atomic::AtomicBool::new(false),
        };
        let c = vm.alloc(ty, body);
        list.items.lock().push(c.value());
        codes.push(c.value());
    }
    let unit: Box<[Value]> = codes.clone().into_boxed_slice();
    for &c in &codes {
        if let Some(code) = crate::object::Gc::<CodeBody>::from_value(c) {
            let _ = code.unit.set(unit.clone());
        }
    }
    std::hint::black_box(holder);
    codes
        .first()
        .copied()
        .ok_or_else(|| vm.system_error("empty code module"))
}

/// A `SyntaxError` (or subclass) object for a diagnostic.
pub fn syntax_error(vm: &mut Vm, d: &SyntaxDiagnostic) -> PyErr {
    let ty = match d.kind {
        compiler::diagnostics::SyntaxErrorKind::SyntaxError => vm.rt.exc.syntax_error,
        compiler::diagnostics::SyntaxErrorKind::IndentationError => vm.rt.exc.indentation_error,
        compiler::diagnostics::SyntaxErrorKind::TabError => vm.rt.exc.tab_error,
        compiler::diagnostics::SyntaxErrorKind::RecursionError => {
            return vm.recursion_error(d.message.clone());
        }
    };
    let msg = vm.new_str(&d.message);
    let file = vm.new_str(&d.filename);
    let text = match &d.text {
        Some(t) => vm.new_string(format!("{t}\n")),
        None => Value::NONE,
    };
    let details = vec![
        file,
        vm.new_int(d.lineno as i64),
        vm.new_int(d.offset as i64),
        text,
        vm.new_int(d.end_lineno as i64),
        vm.new_int(d.end_offset as i64),
    ];
    let details = vm.new_tuple(details);
    new_exception(vm, ty, vec![msg, details])
}

/// Compiles source bytes to a module code object.
///
/// A `SyntaxError` keeps the source in `_metadata`, as CPython 3.14's does when it compiles
/// a string, so that the traceback printer can look for keyword typos in it
/// ([`crate::traceback`]).
pub fn compile_source(vm: &mut Vm, bytes: &[u8], filename: &str) -> PyResult<Value> {
    compile_source_keeping(vm, bytes, filename, true)
}

/// [`compile_source`] for a script read from a file (`taipan app.py`): like CPython's, its
/// `SyntaxError` carries no source, and the traceback printer reads the file back.
pub fn compile_file_source(vm: &mut Vm, bytes: &[u8], filename: &str) -> PyResult<Value> {
    compile_source_keeping(vm, bytes, filename, false)
}

fn compile_source_keeping(
    vm: &mut Vm,
    bytes: &[u8],
    filename: &str,
    keep_source: bool,
) -> PyResult<Value> {
    match compiler::pipeline::compile_bytes(bytes, filename) {
        Ok((module, warnings)) => {
            for w in warnings {
                crate::modules::warnings::warn_compile(vm, &w, bytes)?;
            }
            load_code_module(vm, module)
        }
        Err(d) => {
            let error = syntax_error(vm, &d);
            if keep_source && let Ok(text) = std::str::from_utf8(bytes) {
                let source = vm.new_str(text);
                let zero = vm.new_int(0);
                let metadata = vm.new_tuple(vec![zero, zero, source]);
                let name = vm.new_str("_metadata");
                crate::ops::attr::setattr(vm, error.0, name, metadata)?;
            }
            Err(error)
        }
    }
}
