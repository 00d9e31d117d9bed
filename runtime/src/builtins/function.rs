//! Constructors of the `function` and `cell` types (`types.FunctionType(code, globals,
//! …)`, `types.CellType(value)`), after CPython's Objects/funcobject.c `func_new_impl`
//! and Objects/cellobject.c `cell_new`. `annotationlib` builds functions this way to run
//! an `__annotate__` function's code against other globals.

use crate::args::Args;
use crate::builtins::{MethodDef, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, dictops};
use crate::types::dict::DictBody;
use crate::types::function::{CellBody, CodeBody, FunctionBody};
use crate::types::module::ModuleBody;
use crate::value::{AtomicValue, Value};

/// `function(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None)`.
fn function_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    const NAMES: [&str; 6] = [
        "code",
        "globals",
        "name",
        "argdefs",
        "closure",
        "kwdefaults",
    ];
    args.only_kwargs(vm, "function", &NAMES)?;
    let pos = &args.pos()[1..];
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(format!(
            "function() takes at most 6 arguments ({} given)",
            pos.len()
        )));
    }
    let mut given = [None; 6];
    for (i, name) in NAMES.iter().enumerate() {
        given[i] = pos.get(i).copied().or(args.kwarg(name));
    }
    let [code, globals, name, argdefs, closure, kwdefaults] = given;
    let Some(code) = code else {
        return Err(vm.type_error("function() missing required argument 'code' (pos 1)"));
    };
    let Some(code) = Gc::<CodeBody>::from_value(code) else {
        let tn = ops::type_name(vm, code);
        return Err(vm.type_error(format!("function() argument 'code' must be code, not {tn}")));
    };
    let Some(globals_arg) = globals else {
        return Err(vm.type_error("function() missing required argument 'globals' (pos 2)"));
    };
    let Some(globals) = Gc::<DictBody>::from_value(ops::unwrap_payload(globals_arg)) else {
        let tn = ops::type_name(vm, globals_arg);
        return Err(vm.type_error(format!(
            "function() argument 'globals' must be dict, not {tn}"
        )));
    };
    let name = match name.filter(|n| !n.is_none()) {
        None => code.name,
        Some(n) if ops::str_of(n).is_some() => n,
        Some(_) => return Err(vm.type_error("arg 3 (name) must be None or string")),
    };
    let defaults = match argdefs.filter(|d| !d.is_none()) {
        None => Value::NONE,
        Some(d) if kind_of(d) == Some(ObjKind::Tuple) => d,
        Some(_) => return Err(vm.type_error("arg 4 (defaults) must be None or tuple")),
    };
    let kwdefaults = match kwdefaults.filter(|d| !d.is_none()) {
        None => Value::NONE,
        Some(d) if Gc::<DictBody>::from_value(ops::unwrap_payload(d)).is_some() => d,
        Some(_) => return Err(vm.type_error("arg 6 (kwdefaults) must be None or dict")),
    };
    let nfree = code.code.frees.len();
    let closure = match closure.filter(|c| !c.is_none()) {
        None if nfree == 0 => Value::NONE,
        None => return Err(vm.type_error("arg 5 (closure) must be tuple")),
        Some(c) => {
            let Some(cells) = ops::tuple_items(c).filter(|_| kind_of(c) == Some(ObjKind::Tuple))
            else {
                return Err(vm.type_error("arg 5 (closure) must be None or tuple"));
            };
            if cells.len() != nfree {
                let code_name = ops::str_of(code.name).unwrap_or("?").to_owned();
                return Err(vm.value_error(format!(
                    "{code_name} requires closure of length {nfree}, not {}",
                    cells.len()
                )));
            }
            if let Some(&bad) = cells
                .iter()
                .find(|&&cell| kind_of(cell) != Some(ObjKind::Cell))
            {
                let tn = ops::type_name(vm, bad);
                return Err(vm.type_error(format!("arg 5 (closure) expected cell, found {tn}")));
            }
            c
        }
    };
    // The builtins come from the globals' `__builtins__` (a module or a dict), else
    // they are the current ones (CPython's `_PyDict_LoadBuiltinsFromGlobals`).
    let builtins = match dictops::get_str(&globals, "__builtins__") {
        Some(b) => match Gc::<ModuleBody>::from_value(b) {
            Some(m) => m.dict.value(),
            None if Gc::<DictBody>::from_value(b).is_some() => b,
            None => vm.interp.builtins.dict.value(),
        },
        None => vm.interp.builtins.dict.value(),
    };
    let module = dictops::get_str(&globals, "__name__").unwrap_or(Value::NONE);
    let doc = match code.code.docstring.as_deref() {
        Some(d) => vm.new_str(d),
        None => Value::NONE,
    };
    let body = FunctionBody {
        code,
        globals,
        name: AtomicValue::new(name),
        qualname: AtomicValue::new(code.qualname),
        defaults: AtomicValue::new(defaults),
        kwdefaults: AtomicValue::new(kwdefaults),
        closure: AtomicValue::new(closure),
        annotate: AtomicValue::new(Value::NONE),
        module: AtomicValue::new(module),
        doc: AtomicValue::new(doc),
        type_params: AtomicValue::new(Value::UNSET),
        attrs: Default::default(),
        builtins: AtomicValue::new(builtins),
    };
    let ty = vm.rt.types.function;
    Ok(vm.alloc(ty, body).value())
}

/// `cell()` (empty) or `cell(contents)`.
fn cell_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "cell")?;
    let pos = &args.pos()[1..];
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "cell expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let value = pos.first().copied().unwrap_or(Value::UNSET);
    let ty = vm.rt.types.cell;
    Ok(vm
        .alloc(
            ty,
            CellBody {
                value: AtomicValue::new(value),
            },
        )
        .value())
}

pub const FUNCTION_METHODS: &[MethodDef] = &[staticmethod("__new__", function_new)];
pub const CELL_METHODS: &[MethodDef] = &[staticmethod("__new__", cell_new)];
