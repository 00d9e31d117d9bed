//! `_weakref`: weak reference and proxy objects (CPython: `Objects/weakrefobject.c`). The
//! `weakref` module (containers, `finalize`) is Python source on top of this one
//! (`modules/py/weakref.py`).
//!
//! A weak reference's body is [`WeakRefData`]: the referent is not traced, and the
//! collector clears it and queues the callback when the referent dies (`gc::finalize`).

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{add_methods, method, staticmethod};
use crate::errors::{PyErr, PyResult};
use crate::gc::finalize::WeakRefData;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, type_of};
use crate::types::module::ModuleBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

fn weakrefable(vm: &Vm, v: Value) -> bool {
    let Some(kind) = kind_of(v) else { return false };
    match kind {
        ObjKind::Instance => type_of(vm, v).has_flag(tflags::HEAPTYPE),
        ObjKind::Type
        | ObjKind::Set
        | ObjKind::Function
        | ObjKind::Method
        | ObjKind::Module
        | ObjKind::Code
        | ObjKind::Generator
        | ObjKind::Native
        | ObjKind::Builtin => true,
        // Subclasses of list, dict and the like accept weak references; the builtins do not.
        _ => type_of(vm, v).has_flag(tflags::HEAPTYPE),
    }
}

fn data(v: Value) -> Option<&'static WeakRefData> {
    native::<WeakRefData>(v)
}

fn new_weak(
    vm: &mut Vm,
    ty: Gc<TypeBody>,
    obj: Value,
    callback: Value,
    proxy: bool,
) -> PyResult<Value> {
    if !weakrefable(vm, obj) {
        let tn = ops::type_name(vm, obj);
        return Err(vm.type_error(format!("cannot create weak reference to '{tn}' object")));
    }
    let callback = if callback.is_none() || callback == Value::UNSET {
        Value::NONE
    } else {
        callback
    };
    // Like CPython, a callback-less reference to an object is shared.
    if callback.is_none() {
        for w in vm.rt.gc.finalize.weakrefs() {
            if let Some(d) = data(w)
                && d.referent() == obj
                && d.callback.get().is_none()
                && d.proxy == proxy
                && type_of(vm, w) == ty
            {
                return Ok(w);
            }
        }
    }
    let w = new_native(
        vm,
        ty,
        WeakRefData {
            referent: AtomicValue::new(obj),
            callback: AtomicValue::new(callback),
            hash: parking_lot::Mutex::new(None),
            proxy,
        },
    );
    vm.rt.gc.finalize.register(w);
    Ok(w)
}

fn ref_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "ref", 2, 3)?;
    let cls = Gc::<TypeBody>::from_value(a[0]).unwrap_or_else(|| native_type(vm, "ReferenceType"));
    new_weak(
        vm,
        cls,
        a[1],
        a.get(2).copied().unwrap_or(Value::NONE),
        false,
    )
}

fn ref_init(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn this(vm: &mut Vm, args: &Args) -> PyResult<&'static WeakRefData> {
    match args.values.first().and_then(|&v| data(v)) {
        Some(d) => Ok(d),
        None => Err(vm.type_error("descriptor requires a 'weakref.ReferenceType' object")),
    }
}

fn ref_call(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = this(vm, args)?;
    Ok(d.referent())
}

fn ref_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = this(vm, args)?;
    let (me, other) = (
        args.values[0],
        args.values.get(1).copied().unwrap_or(Value::NONE),
    );
    let Some(o) = data(other) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (a, b) = (d.referent(), o.referent());
    if a.is_none() || b.is_none() {
        return Ok(Value::from_bool(me == other));
    }
    Ok(Value::from_bool(ops::compare::eq(vm, a, b)?))
}

fn ref_ne(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = ref_eq(vm, args)?;
    Ok(if r == Value::NOT_IMPLEMENTED {
        r
    } else {
        Value::from_bool(r == Value::FALSE)
    })
}

fn ref_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = this(vm, args)?;
    if let Some(h) = *d.hash.lock() {
        return Ok(vm.new_int(h));
    }
    let r = d.referent();
    if r.is_none() {
        return Err(vm.type_error("weak object has gone away"));
    }
    let h = ops::hash::hash(vm, r)?;
    *d.hash.lock() = Some(h);
    Ok(vm.new_int(h))
}

fn ref_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    this(vm, args)?;
    let text = repr(vm, args.values[0]).unwrap_or_default();
    Ok(vm.new_string(text))
}

/// `repr()` of a weak reference or proxy (`None` for other objects).
pub fn repr(vm: &mut Vm, v: Value) -> Option<String> {
    let d = data(v)?;
    let me = v.bits();
    let r = d.referent();
    let kind = if d.proxy { "weakproxy" } else { "weakref" };
    let text = if r.is_none() {
        format!("<{kind} at {me:#x}; dead>")
    } else {
        let tn = ops::type_name(vm, r);
        format!("<{kind} at {me:#x}; to '{tn}' at {:#x}>", r.bits())
    };
    Some(text)
}

// ---- proxies ------------------------------------------------------------------------

fn dead(vm: &mut Vm) -> PyErr {
    vm.new_error(
        vm.rt.exc.reference_error,
        "weakly-referenced object no longer exists",
    )
}

fn referent_of(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = this(vm, args)?;
    let r = d.referent();
    if r.is_none() {
        return Err(dead(vm));
    }
    Ok(r)
}

fn proxy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "proxy", 1, 2)?;
    let obj = a[0];
    let is_callable = crate::builtins::functions::is_callable(vm, obj);
    let ty = native_type(
        vm,
        if is_callable {
            "CallableProxyType"
        } else {
            "ProxyType"
        },
    );
    new_weak(vm, ty, obj, a.get(1).copied().unwrap_or(Value::NONE), true)
}

fn proxy_getattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    let name = args.values.get(1).copied().unwrap_or(Value::NONE);
    attr::getattr(vm, r, name)
}

fn proxy_setattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    let (name, value) = (
        args.values.get(1).copied().unwrap_or(Value::NONE),
        args.values.get(2).copied().unwrap_or(Value::NONE),
    );
    attr::setattr(vm, r, name, value)?;
    Ok(Value::NONE)
}

fn proxy_forward(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    let f = attr::getattr_str(vm, r, name)?;
    ops::call::call(vm, f, args.values.get(1..).unwrap_or(&[]))
}

fn proxy_str(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    proxy_forward(vm, args, "__str__")
}
fn proxy_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    proxy_forward(vm, args, "__len__")
}
fn proxy_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    proxy_forward(vm, args, "__getitem__")
}
fn proxy_setitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    proxy_forward(vm, args, "__setitem__")
}
fn proxy_contains(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    proxy_forward(vm, args, "__contains__")
}
fn proxy_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    ops::iter::get_iter(vm, r)
}
fn proxy_bool(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    Ok(Value::from_bool(ops::truthy(vm, r)?))
}
fn proxy_call(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    let rest = args.values.get(1..).unwrap_or(&[]);
    let npos = rest.len() - args.kwnames.len().min(rest.len());
    ops::call::call_kw(
        vm,
        r,
        &rest[..npos]
            .iter()
            .chain(&rest[npos..])
            .copied()
            .collect::<Vec<_>>(),
        args.kwnames,
    )
}
fn proxy_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = referent_of(vm, args)?;
    let mut other = args.values.get(1).copied().unwrap_or(Value::NONE);
    if let Some(o) = data(other) {
        other = o.referent();
    }
    Ok(Value::from_bool(ops::compare::eq(vm, r, other)?))
}

// ---- module functions ---------------------------------------------------------------

fn refs_to(vm: &mut Vm, obj: Value) -> Vec<Value> {
    vm.rt
        .gc
        .finalize
        .weakrefs()
        .into_iter()
        .filter(|&w| data(w).is_some_and(|d| d.referent() == obj && !obj.is_none()))
        .collect()
}

fn getweakrefcount(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let obj = args.one(vm, "getweakrefcount")?;
    let n = refs_to(vm, obj).len();
    Ok(vm.new_int(n as i64))
}

fn getweakrefs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let obj = args.one(vm, "getweakrefs")?;
    let refs = refs_to(vm, obj);
    Ok(vm.new_list(refs))
}

/// Builds `_weakref`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "_weakref",
        &[
            ("proxy", proxy),
            ("getweakrefcount", getweakrefcount),
            ("getweakrefs", getweakrefs),
        ],
    );
    let rt = native_type(vm, "ReferenceType");
    // A heap type for dispatch purposes: the generic operations consult `__eq__`,
    // `__repr__` and friends in the type dict only for heap types.
    rt.set_flag(tflags::BASETYPE | tflags::HEAPTYPE);
    add_methods(
        vm,
        rt,
        &[
            staticmethod("__new__", ref_new),
            method("__init__", ref_init),
            method("__call__", ref_call),
            method("__eq__", ref_eq),
            method("__ne__", ref_ne),
            method("__hash__", ref_hash),
            method("__repr__", ref_repr),
        ],
    );
    let weakref_name = vm.intern("weakref");
    crate::ops::dictops::set_item_str(vm, rt.dict, "__module__", weakref_name);
    super::set(vm, m, "ref", rt.value());
    super::set(vm, m, "ReferenceType", rt.value());
    for name in ["ProxyType", "CallableProxyType"] {
        let pt = native_type(vm, name);
        // Marked as a heap type so attribute access falls back to `__getattr__` and
        // assignment goes through `__setattr__`, as for a Python class.
        pt.set_flag(tflags::HEAPTYPE);
        add_methods(
            vm,
            pt,
            &[
                method("__getattr__", proxy_getattr),
                method("__setattr__", proxy_setattr),
                method("__repr__", ref_repr),
                method("__str__", proxy_str),
                method("__len__", proxy_len),
                method("__getitem__", proxy_getitem),
                method("__setitem__", proxy_setitem),
                method("__contains__", proxy_contains),
                method("__iter__", proxy_iter),
                method("__bool__", proxy_bool),
                method("__eq__", proxy_eq),
            ],
        );
        if name == "CallableProxyType" {
            add_methods(vm, pt, &[method("__call__", proxy_call)]);
        }
        super::set(vm, m, name, pt.value());
    }
    Ok(m)
}
