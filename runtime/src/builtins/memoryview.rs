//! `memoryview` (basic): a read-only view of a bytes-like object's contents, with
//! `tobytes`, `tolist`, `len`, indexing and slicing.

use std::any::Any;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::ops;
use crate::types::native::NativeObject;
use crate::value::Value;

/// A memoryview over `obj`.
pub struct MemoryView {
    pub obj: Value,
}

impl NativeObject for MemoryView {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.obj);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The bytes a memoryview shows, if `v` is one.
pub fn memoryview_bytes(_vm: &mut Vm, v: Value) -> Option<Vec<u8>> {
    native::<MemoryView>(v).and_then(|m| crate::builtins::str::bytes_data(m.obj))
}

/// `view[key]`.
pub fn native_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Option<Value>> {
    let Some(m) = native::<MemoryView>(obj) else {
        return Ok(None);
    };
    let data = crate::builtins::str::bytes_data(m.obj).unwrap_or_default();
    let b = crate::builtins::str::new_bytes(vm, data);
    let r = ops::subscript::getitem(vm, b, key)?;
    if let Some(bytes) = crate::builtins::str::bytes_data(r) {
        let inner = crate::builtins::str::new_bytes(vm, bytes);
        let ty = crate::builtins::iterators::native_type(vm, "memoryview");
        return Ok(Some(new_native(vm, ty, MemoryView { obj: inner })));
    }
    Ok(Some(r))
}

fn mv_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "memoryview", 2, 2)?;
    if crate::builtins::str::bytes_like(vm, a[1])?.is_none() {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("memoryview: a bytes-like object is required, not '{tn}'")));
    }
    let ty = crate::builtins::iterators::native_type(vm, "memoryview");
    Ok(new_native(vm, ty, MemoryView { obj: a[1] }))
}

fn mv_tobytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "tobytes")?;
    let data = memoryview_bytes(vm, v).unwrap_or_default();
    Ok(crate::builtins::str::new_bytes(vm, data))
}

fn mv_tolist(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "tolist")?;
    let data = memoryview_bytes(vm, v).unwrap_or_default();
    let items = data.into_iter().map(|b| Value::small_int(b as i64)).collect();
    Ok(vm.new_list(items))
}

fn mv_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__len__")?;
    let n = memoryview_bytes(vm, v).map_or(0, |d| d.len());
    Ok(vm.new_int(n as i64))
}

fn mv_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__getitem__", 2, 2)?;
    Ok(native_getitem(vm, a[0], a[1])?.unwrap_or(Value::NONE))
}

/// Registers `memoryview` in builtins.
pub fn install(vm: &mut Vm) {
    let ty = crate::builtins::iterators::native_type(vm, "memoryview");
    add_methods(vm, ty, &[
        staticmethod("__new__", mv_new),
        method("tobytes", mv_tobytes),
        method("tolist", mv_tolist),
        method("__len__", mv_len),
        method("__getitem__", mv_getitem),
    ]);
    let d = vm.interp.builtins.dict;
    ops::dictops::set_item_str(vm, d, "memoryview", ty.value());
}
