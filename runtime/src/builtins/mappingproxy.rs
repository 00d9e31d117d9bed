//! `mappingproxy`: the read-only view of a class namespace that `cls.__dict__` returns
//! (Objects/descrobject.c `mappingproxy_*`). Reads forward to the dict; there is no
//! `__setitem__`, so assignment fails with the usual "does not support item assignment".

use std::any::Any;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, method};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::ops::{self, attr, call};
use crate::types::native::NativeObject;
use crate::value::Value;

/// A read-only view of `mapping`.
pub struct MappingProxy {
    pub mapping: Value,
}

impl NativeObject for MappingProxy {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.mapping);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A new proxy for `mapping`.
pub fn new_proxy(vm: &mut Vm, mapping: Value) -> Value {
    let ty = crate::builtins::iterators::native_type(vm, "mappingproxy");
    new_native(vm, ty, MappingProxy { mapping })
}

/// `repr(proxy)`: `mappingproxy({...})`.
pub fn repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    match native::<MappingProxy>(v) {
        Some(p) => {
            let inner = ops::repr::repr_string(vm, p.mapping)?;
            Ok(Some(format!("mappingproxy({inner})")))
        }
        None => Ok(None),
    }
}

fn target(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    match args.values.first().and_then(|v| native::<MappingProxy>(*v)) {
        Some(p) => Ok(p.mapping),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'mappingproxy' object"
        ))),
    }
}

/// Forwards the call `proxy.name(*rest)` to the underlying mapping.
fn forward(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let m = target(vm, args, name)?;
    let f = attr::getattr_str(vm, m, name)?;
    call::call_kw(vm, f, &args.values[1..], args.kwnames)
}

fn mp_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__getitem__", 2, 2)?;
    let m = target(vm, args, "__getitem__")?;
    ops::subscript::getitem(vm, m, a[1])
}

fn mp_contains(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__contains__", 2, 2)?;
    let m = target(vm, args, "__contains__")?;
    ops::compare::contains(vm, m, a[1]).map(Value::from_bool)
}

fn mp_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let m = target(vm, args, "__iter__")?;
    ops::iter::get_iter(vm, m)
}

fn mp_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let m = target(vm, args, "__len__")?;
    let n = ops::len(vm, m)?;
    Ok(vm.new_int(n as i64))
}

/// `str(proxy)` is the mapping's `str` (`mappingproxy_str`).
fn mp_str(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let m = target(vm, args, "__str__")?;
    ops::repr::str(vm, m)
}

fn mp_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__eq__", 2, 2)?;
    let m = target(vm, args, "__eq__")?;
    let other = native::<MappingProxy>(a[1]).map_or(a[1], |p| p.mapping);
    ops::compare::richcompare(vm, m, other, compiler::ir::ops::CmpOp::Eq)
}

fn mp_or(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__or__", 2, 2)?;
    let m = target(vm, args, "__or__")?;
    let other = native::<MappingProxy>(a[1]).map_or(a[1], |p| p.mapping);
    let copy = attr::getattr_str(vm, m, "copy")?;
    let d = call::call(vm, copy, &[])?;
    ops::arith::binary_op(vm, d, other, compiler::ir::ops::BinOp::Or)
}

macro_rules! forwarders {
    ($($fname:ident => $name:literal),* $(,)?) => {
        $(fn $fname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            forward(vm, args, $name)
        })*
    };
}

forwarders! {
    mp_keys => "keys",
    mp_values => "values",
    mp_items => "items",
    mp_get => "get",
    mp_copy => "copy",
    mp_reversed => "__reversed__",
}

/// Creates the `mappingproxy` type's methods.
pub fn install(vm: &mut Vm) {
    let ty = crate::builtins::iterators::native_type(vm, "mappingproxy");
    add_methods(
        vm,
        ty,
        &[
            method("__getitem__", mp_getitem),
            method("__contains__", mp_contains),
            method("__iter__", mp_iter),
            method("__len__", mp_len),
            method("__eq__", mp_eq),
            method("__str__", mp_str),
            method("__or__", mp_or),
            method("keys", mp_keys),
            method("values", mp_values),
            method("items", mp_items),
            method("get", mp_get),
            method("copy", mp_copy),
            method("__reversed__", mp_reversed),
        ],
    );
    ops::dictops::set_item_str(vm, ty.dict, "__hash__", Value::NONE);
}
