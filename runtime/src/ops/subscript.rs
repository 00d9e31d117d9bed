//! Subscription: `obj[key]`, `obj[key] = value`, `del obj[key]`, with fast paths for
//! lists, tuples, strs and dicts, `__class_getitem__` on classes, and CPython's errors.

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, type_of};
use crate::types::list::ListBody;
use crate::types::typeobj::tflags;
use crate::value::Value;

/// `obj[key]`.
/// `list[i]` for an exact list and an in-range small int, or `None` (then the caller
/// takes [`getitem`]). Small enough to inline into the interpreter loop.
#[inline(always)]
pub fn list_get_fast(obj: Value, key: Value) -> Option<Value> {
    let i = key.as_small_int()?;
    let l = Gc::<ListBody>::from_value(obj)?;
    let items = l.items.lock();
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    items.get(usize::try_from(idx).ok()?).copied()
}

/// `list[i] = value` for an exact list and an in-range small int; false when the caller
/// must take [`setitem`].
#[inline(always)]
pub fn list_set_fast(obj: Value, key: Value, value: Value) -> bool {
    let (Some(i), Some(l)) = (key.as_small_int(), Gc::<ListBody>::from_value(obj)) else {
        return false;
    };
    let mut items = l.items.lock();
    let idx = if i < 0 { i + items.len() as i64 } else { i };
    match usize::try_from(idx).ok().and_then(|idx| items.get_mut(idx)) {
        Some(slot) => {
            crate::gc::write_barrier(obj, value);
            *slot = value;
            true
        }
        None => false,
    }
}

pub fn getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    if let Some(i) = key.as_small_int() {
        if let Some(l) = Gc::<ListBody>::from_value(obj) {
            let items = l.items.lock();
            let n = items.len() as i64;
            let idx = if i < 0 { i + n } else { i };
            if (0..n).contains(&idx) {
                return Ok(items[idx as usize]);
            }
        } else if kind_of(obj) == Some(ObjKind::Tuple) {
            let items = ops::tuple_items(obj).unwrap_or(&[]);
            let n = items.len() as i64;
            let idx = if i < 0 { i + n } else { i };
            if (0..n).contains(&idx) {
                return Ok(items[idx as usize]);
            }
        }
    }
    let ty = type_of(vm, obj);
    if !ty.has_flag(tflags::HEAPTYPE)
        && let Some(r) = crate::builtins::getitem_builtin(vm, obj, key)?
    {
        return Ok(r);
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__getitem__") {
        return call::call_method(vm, f, obj, &[key]);
    }
    if let Some(cls) = Gc::<crate::types::typeobj::TypeBody>::from_value(obj) {
        if let Some(f) = attr::lookup_type(vm, cls, "__class_getitem__") {
            let bound = attr::descr_get(vm, f, Value::UNSET, cls)?;
            let bound = if kind_of(f) == Some(ObjKind::Function) {
                attr::new_method(vm, bound, obj)
            } else {
                bound
            };
            return call::call(vm, bound, &[key]);
        }
        let tn = cls.name();
        return Err(vm.type_error(format!("type '{tn}' is not subscriptable")));
    }
    let tn = ty.name();
    Err(vm.type_error(format!("'{tn}' object is not subscriptable")))
}

/// `obj[key] = value`.
pub fn setitem(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let ty = type_of(vm, obj);
    if !ty.has_flag(tflags::HEAPTYPE) && crate::builtins::setitem_builtin(vm, obj, key, value)? {
        return Ok(());
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__setitem__") {
        call::call_method(vm, f, obj, &[key, value])?;
        return Ok(());
    }
    let tn = ty.name();
    Err(vm.type_error(format!("'{tn}' object does not support item assignment")))
}

/// `del obj[key]`.
pub fn delitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<()> {
    let ty = type_of(vm, obj);
    if !ty.has_flag(tflags::HEAPTYPE) && crate::builtins::delitem_builtin(vm, obj, key)? {
        return Ok(());
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__delitem__") {
        call::call_method(vm, f, obj, &[key])?;
        return Ok(());
    }
    let tn = ty.name();
    Err(vm.type_error(format!("'{tn}' object doesn't support item deletion")))
}
