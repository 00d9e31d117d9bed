//! Calling any callable: Python functions (run by the VM), builtins, bound methods,
//! classes (`type.__call__`) and objects with `__call__`.

use smallvec::SmallVec;

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, type_of};
use crate::types::function::{BuiltinBody, MethodBody};
use crate::value::Value;

/// `callee(*args)`.
pub fn call(vm: &mut Vm, callee: Value, args: &[Value]) -> PyResult<Value> {
    call_kw(vm, callee, args, &[])
}

/// `callee(*positional, **dict(zip(kwnames, trailing values)))` in vectorcall layout:
/// `args` holds the positional values then the keyword values.
pub fn call_kw(vm: &mut Vm, callee: Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    match kind_of(callee) {
        Some(ObjKind::Function) => crate::vm::call_function(vm, callee, args, kwnames),
        Some(ObjKind::Builtin) => {
            let b = Gc::<BuiltinBody>::from_value(callee).expect("builtin");
            if b.bound.is_unset() {
                (b.func)(vm, &Args::new(args, kwnames))
            } else {
                let mut full: SmallVec<[Value; 8]> = SmallVec::with_capacity(args.len() + 1);
                full.push(b.bound);
                full.extend_from_slice(args);
                (b.func)(vm, &Args::new(&full, kwnames))
            }
        }
        Some(ObjKind::Method) => {
            let m = Gc::<MethodBody>::from_value(callee).expect("method");
            let mut full: SmallVec<[Value; 8]> = SmallVec::with_capacity(args.len() + 1);
            full.push(m.receiver);
            full.extend_from_slice(args);
            call_kw(vm, m.func, &full, kwnames)
        }
        Some(ObjKind::Type) => crate::builtins::typeobj::type_call(vm, callee, args, kwnames),
        _ => {
            let ty = type_of(vm, callee);
            match attr::lookup_type(vm, ty, "__call__") {
                Some(f) => {
                    let bound = attr::descr_get(vm, f, callee, ty)?;
                    call_kw(vm, bound, args, kwnames)
                }
                None => {
                    let tn = ty.name();
                    Err(vm.type_error(format!("'{tn}' object is not callable")))
                }
            }
        }
    }
}

/// Calls `func` (found on `type(receiver)` by `lookup_type`) as a method of `receiver`.
pub fn call_method(vm: &mut Vm, func: Value, receiver: Value, args: &[Value]) -> PyResult<Value> {
    match kind_of(func) {
        Some(ObjKind::Function) | Some(ObjKind::Builtin)
            if Gc::<BuiltinBody>::from_value(func).is_none_or(|b| {
                b.binding == crate::types::function::Binding::Method && b.bound.is_unset()
            }) =>
        {
            let mut full: SmallVec<[Value; 8]> = SmallVec::with_capacity(args.len() + 1);
            full.push(receiver);
            full.extend_from_slice(args);
            call(vm, func, &full)
        }
        _ => {
            let ty = type_of(vm, receiver);
            let bound = attr::descr_get(vm, func, receiver, ty)?;
            call(vm, bound, args)
        }
    }
}

/// Calls the method `name` of `obj` (looked up on its type, as CPython's
/// `_PyObject_CallMethod` for special methods).
pub fn call_special(
    vm: &mut Vm,
    obj: Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let ty = type_of(vm, obj);
    match attr::lookup_type(vm, ty, name) {
        Some(f) => call_method(vm, f, obj, args).map(Some),
        None => Ok(None),
    }
}

/// `callee(*args, **kwargs)` with an iterable and a mapping (the `CallEx*` opcodes).
pub fn call_ex(vm: &mut Vm, callee: Value, args: Value, kwargs: Value) -> PyResult<Value> {
    let mut values = if let Some(items) = ops::tuple_items(args) {
        items.to_vec()
    } else {
        let iterator = match ops::iter::get_iter(vm, args) {
            Ok(it) => it,
            Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.type_error) => {
                let fname = crate::builtins::callable_name(vm, callee);
                let tn = ops::type_name(vm, args);
                return Err(vm.type_error(format!(
                    "{fname} argument after * must be an iterable, not {tn}"
                )));
            }
            Err(e) => return Err(e),
        };
        ops::iter::collect(vm, iterator)?
    };
    let mut kwnames = Vec::new();
    if !kwargs.is_unset() && !kwargs.is_none() {
        let d = Gc::<crate::types::dict::DictBody>::from_value(ops::unwrap_payload(kwargs));
        let pairs = match d {
            Some(d) => ops::dictops::items(&d),
            None => crate::builtins::dict::mapping_items(vm, kwargs)?,
        };
        for (k, v) in pairs {
            if ops::str_of(k).is_none() {
                return Err(vm.type_error("keywords must be strings"));
            }
            kwnames.push(k);
            values.push(v);
        }
    }
    let holder = vm.new_tuple(values.clone());
    let names = vm.new_tuple(kwnames.clone());
    let r = call_kw(vm, callee, &values, &kwnames);
    std::hint::black_box((holder, names));
    r
}
