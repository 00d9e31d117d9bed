//! `compile()`, `exec()` and `eval()`.

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, dictops, str_of};
use crate::types::dict::DictBody;
use crate::types::function::CodeBody;
use crate::value::Value;
use std::sync::atomic::Ordering;

fn source_text(vm: &mut Vm, v: Value, fname: &str) -> PyResult<Vec<u8>> {
    if let Some(s) = str_of(v) {
        return Ok(s.as_bytes().to_vec());
    }
    if let Some(b) = crate::builtins::str::bytes_like(vm, v)? {
        return Ok(b);
    }
    let tn = ops::type_name(vm, v);
    if fname == "exec" || fname == "eval" {
        // Python/bltinmodule.c words these without the type.
        return Err(vm.type_error(format!(
            "{fname}() arg 1 must be a string, bytes or code object"
        )));
    }
    Err(vm.type_error(format!(
        "{fname}() arg 1 must be a string, bytes or code object, not {tn}"
    )))
}

/// Compiles `source` in `mode` (`exec`, `eval`, `single`) to a code object.
fn compile_mode(vm: &mut Vm, source: &[u8], filename: &str, mode: &str) -> PyResult<Value> {
    let text = match mode {
        "eval" => {
            // An expression compiles as `return (<expr>)` would; check it parses as one.
            let s = String::from_utf8_lossy(source).into_owned();
            if let Err(d) =
                compiler::parse::parse_expression(s.trim_start_matches([' ', '\t']), filename)
            {
                return Err(crate::loader::syntax_error(vm, &d));
            }
            format!(
                "__taipan_eval_result__ = (\n{}\n)",
                s.trim_start_matches([' ', '\t'])
            )
        }
        "exec" | "single" => String::from_utf8_lossy(source).into_owned(),
        _ => return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'")),
    };
    let code = crate::loader::compile_source(vm, text.as_bytes(), filename)?;
    if mode == "eval"
        && let Some(c) = Gc::<CodeBody>::from_value(code)
    {
        c.eval_mode.store(true, Ordering::Relaxed);
    }
    Ok(code)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub fn compile_builtin(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(
        vm,
        "compile",
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
    )?;
    let pos = args.pos();
    let get = |i: usize, n: &str| pos.get(i).copied().or(args.kwarg(n));
    let (Some(src), Some(filename), Some(mode)) =
        (get(0, "source"), get(1, "filename"), get(2, "mode"))
    else {
        return Err(vm.type_error("compile() missing required argument"));
    };
    if kind_of(src) == Some(ObjKind::Code) {
        return Ok(src);
    }
    let text = source_text(vm, src, "compile")?;
    let Some(filename) = str_of(filename).map(str::to_owned) else {
        let tn = ops::type_name(vm, filename);
        return Err(vm.type_error(format!(
            "compile() argument 'filename' must be str, not {tn}"
        )));
    };
    let Some(mode) = str_of(mode).map(str::to_owned) else {
        let tn = ops::type_name(vm, mode);
        return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {tn}")));
    };
    compile_mode(vm, &text, &filename, &mode)
}

/// `exec(source, globals=None, locals=None)` / `eval(...)`.
pub fn exec_builtin(vm: &mut Vm, args: &Args, is_eval: bool) -> PyResult<Value> {
    let fname = if is_eval { "eval" } else { "exec" };
    args.only_kwargs(vm, fname, &["source", "globals", "locals", "closure"])?;
    let pos = args.pos();
    let get = |i: usize, n: &str| pos.get(i).copied().or(args.kwarg(n));
    let Some(src) = get(0, "source") else {
        return Err(vm.type_error(format!("{fname} expected at least 1 argument, got 0")));
    };
    let caller = Gc::<crate::vm::frame::FrameBody>::from_value(vm.frame);
    let globals = match get(1, "globals").filter(|g| !g.is_none()) {
        Some(g) => match Gc::<DictBody>::from_value(g) {
            Some(d) => d,
            None => {
                let tn = ops::type_name(vm, g);
                return Err(vm.type_error(format!("{fname}() globals must be a dict, not {tn}")));
            }
        },
        None => match caller {
            Some(f) => f.globals,
            None => vm.new_dict_body(),
        },
    };
    let explicit_globals = get(1, "globals").is_some_and(|g| !g.is_none());
    let locals = match get(2, "locals").filter(|l| !l.is_none()) {
        Some(l) => l,
        None if explicit_globals => globals.value(),
        None => match caller {
            Some(f) => crate::builtins::functions::frame_locals(vm, f)?,
            None => globals.value(),
        },
    };
    if dictops::get_str(&globals, "__builtins__").is_none() {
        let b = vm.interp.builtins.value();
        dictops::set_item_str(vm, globals, "__builtins__", b);
    }
    let (code, eval_mode) = if let Some(c) = Gc::<CodeBody>::from_value(src) {
        (src, c.eval_mode.load(Ordering::Relaxed))
    } else {
        let text = source_text(vm, src, fname)?;
        let text = if is_eval {
            let s = String::from_utf8_lossy(&text).into_owned();
            s.trim_start_matches([' ', '\t']).as_bytes().to_vec()
        } else {
            text
        };
        (
            compile_mode(vm, &text, "<string>", if is_eval { "eval" } else { "exec" })?,
            is_eval,
        )
    };
    let frame = crate::vm::new_frame_for_code(vm, code, globals, locals)?;
    crate::vm::run_frame(vm, frame, 0)?;
    if eval_mode || is_eval {
        let key = vm.intern("__taipan_eval_result__");
        let r = crate::vm::misc::mapping_get(vm, locals, key)?.unwrap_or(Value::NONE);
        if let Some(d) = Gc::<DictBody>::from_value(locals) {
            dictops::remove(vm, d, key)?;
        } else {
            let _ = ops::subscript::delitem(vm, locals, key);
        }
        return Ok(r);
    }
    Ok(Value::NONE)
}
