//! Raising and catching: building the exception a `raise` statement raises, chaining
//! `__context__`, recording traceback entries as an exception passes through frames,
//! `except` matching, and the NameError/UnboundLocalError texts.

use compiler::bytecode::CodeObject;

use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, call, is_subtype, str_of};
use crate::types::exception::{ExceptionBody, TracebackBody};
use crate::types::typeobj::TypeBody;
use crate::value::{AtomicValue, Value};
use crate::vm::frame::FrameBody;

/// Called when `err` is raised (not re-raised) at `pc` of `frame`: chains the exception
/// being handled as its `__context__` and starts its traceback here.
pub fn on_raise(vm: &mut Vm, err: PyErr, frame: Gc<FrameBody>, pc: usize) {
    let handled = vm.exc_info;
    if let Some(body) = err.body()
        && !handled.is_none()
        && !handled.is_unset()
        && handled != err.value()
    {
        // Break a cycle the new context would create (CPython's `_PyErr_SetObject`).
        let mut o = handled;
        let mut steps = 0;
        while let Some(b) = Gc::<ExceptionBody>::from_value(o) {
            let next = b.context.get();
            if next == err.value() {
                b.context.set(Value::NONE);
                break;
            }
            o = next;
            steps += 1;
            if steps > 10_000 {
                break;
            }
        }
        body.context.set(handled);
    }
    add_traceback(vm, err, frame, pc);
}

/// Prepends a traceback entry for `frame` at `pc` to `err.__traceback__`.
pub fn add_traceback(vm: &mut Vm, err: PyErr, frame: Gc<FrameBody>, pc: usize) {
    let Some(body) = err.body() else {
        return;
    };
    // Compiler-generated code without a source position (the PEP 479 wrapper of a
    // generator body) re-raises; CPython records no traceback entry there.
    if frame.code.has_unpositioned
        && frame
            .code
            .code
            .location(pc)
            .is_some_and(|loc| loc.line == 0)
    {
        return;
    }
    let next = body.traceback.get();
    let tb = TracebackBody {
        next: AtomicValue::new(if next.is_unset() { Value::NONE } else { next }),
        frame: frame.value(),
        pc: pc as u32,
    };
    let ty = vm.rt.types.traceback;
    let tb = vm.alloc(ty, tb);
    body.traceback.set(tb.value());
}

/// The exception a `raise exc [from cause]` statement raises.
pub fn make_raise(vm: &mut Vm, exc: Value, cause: Option<Value>) -> PyErr {
    let err = match instantiate(vm, exc) {
        Ok(e) => e,
        Err(e) => return e,
    };
    if let Some(cause) = cause {
        let Some(body) = err.body() else {
            return err;
        };
        if cause.is_none() {
            body.cause.set(Value::NONE);
        } else {
            match instantiate(vm, cause) {
                Ok(c) => body.cause.set(c.value()),
                Err(_) => return vm.type_error("exception causes must derive from BaseException"),
            }
        }
        body.suppress_context
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    err
}

/// An exception instance from a class or instance (`raise ValueError`).
fn instantiate(vm: &mut Vm, exc: Value) -> Result<PyErr, PyErr> {
    if kind_of(exc) == Some(ObjKind::Exception) {
        return Ok(PyErr(exc));
    }
    if let Some(cls) = Gc::<TypeBody>::from_value(exc)
        && is_subtype(cls, vm.rt.exc.base_exception)
    {
        let inst = call::call(vm, exc, &[])?;
        if kind_of(inst) != Some(ObjKind::Exception) {
            let tn = ops::type_name(vm, inst);
            let r = crate::ops::repr::builtin_repr(vm, exc).unwrap_or_default();
            return Err(vm.type_error(format!(
                "calling {r} should have returned an instance of BaseException, not {tn}"
            )));
        }
        return Ok(PyErr(inst));
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

/// Whether `exc` matches the `except` clause type(s) `typ`.
pub fn exception_matches(vm: &mut Vm, exc: Value, typ: Value) -> PyResult<bool> {
    let exc_ty = ops::type_of(vm, exc);
    let candidates: Vec<Value> = match ops::tuple_items(typ) {
        Some(items) => items.to_vec(),
        None => vec![typ],
    };
    for c in &candidates {
        match Gc::<TypeBody>::from_value(*c) {
            Some(t) if is_subtype(t, vm.rt.exc.base_exception) => {}
            _ => {
                return Err(vm.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
    }
    Ok(candidates
        .iter()
        .any(|c| Gc::<TypeBody>::from_value(*c).is_some_and(|t| is_subtype(exc_ty, t))))
}

/// "cannot access local variable 'x' where it is not associated with a value".
pub fn unbound_local(vm: &mut Vm, code: &CodeObject, local: usize) -> PyErr {
    let name = code.varnames.get(local).map_or("?", String::as_str);
    vm.unbound_local_error(format!(
        "cannot access local variable '{name}' where it is not associated with a value"
    ))
}

/// The error for an empty cell or free variable.
pub fn unbound_deref(vm: &mut Vm, code: &CodeObject, slot: usize) -> PyErr {
    let name = code.deref_name(slot).unwrap_or("?");
    if slot < code.cells.len() {
        vm.unbound_local_error(format!(
            "cannot access local variable '{name}' where it is not associated with a value"
        ))
    } else {
        vm.name_error(format!(
            "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
        ))
    }
}

/// `NameError: name 'x' is not defined` (with `name` set, for suggestions).
pub fn name_not_defined(vm: &mut Vm, name: Value) -> PyErr {
    let text = str_of(name).unwrap_or("?").to_owned();
    let err = vm.name_error(format!("name '{text}' is not defined"));
    if let Some(body) = err.body()
        && let Some(d) = crate::ops::attr::instance_dict(vm, body.value_of())
    {
        crate::ops::dictops::set_item_str(vm, d, "name", name);
    }
    err
}

trait ValueOf {
    fn value_of(&self) -> Value;
}

impl ValueOf for Gc<ExceptionBody> {
    fn value_of(&self) -> Value {
        self.value()
    }
}
