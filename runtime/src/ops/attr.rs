//! Attribute access: `getattr`, `setattr`, `delattr` with CPython's descriptor protocol
//! (Objects/object.c `_PyObject_GenericGetAttrWithDict`, Objects/typeobject.c
//! `type_getattro`): data descriptors on the type win over the instance's `__dict__`,
//! which wins over non-data descriptors (functions bind into methods); `__getattr__` is
//! the fallback; `__getattribute__`/`__setattr__`/`__delattr__` overrides are honoured.

use crate::builtins::descriptors::{ClassMethodObj, PropertyObj, SlotMember, StaticMethodObj};
use crate::builtins::special;
use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, call, dictops, str_of, type_of};
use crate::types::dict::DictBody;
use crate::types::function::{Binding, BuiltinBody, FunctionBody, MethodBody};
use crate::types::instance::{AttrStore, ShapedGet};
use crate::types::module::ModuleBody;
use crate::types::native::NativeBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;

/// Looks `name` up along `ty`'s MRO (no descriptor binding), through the thread's
/// method cache.
#[inline]
pub fn lookup_type(vm: &mut Vm, ty: Gc<TypeBody>, name: &str) -> Option<Value> {
    let version = ty.version();
    let epoch = vm.rt.type_epoch.load(std::sync::atomic::Ordering::Acquire);
    if let Some(hit) = vm.method_cache.get(version, epoch, name) {
        return hit;
    }
    let found = lookup_type_uncached(ty, name);
    vm.method_cache.put(version, epoch, name, found);
    found
}

/// The MRO walk behind [`lookup_type`].
pub fn lookup_type_uncached(ty: Gc<TypeBody>, name: &str) -> Option<Value> {
    let hash = crate::ops::hash::str_hash(name);
    let mro = ty.mro.lock().clone();
    for t in mro {
        let t = Gc::<TypeBody>::from_value(t)?;
        if let Some(v) = dictops::get_str_hashed(&t.dict, name, hash) {
            return Some(v);
        }
    }
    None
}

/// The attribute store of objects that have one.
pub fn attr_store<'a>(obj: Value) -> Option<&'a AttrStore> {
    match kind_of(obj)? {
        ObjKind::Instance => Some(
            &Gc::<crate::types::instance::InstanceBody>::from_value(obj)?
                .body()
                .attrs,
        ),
        ObjKind::Function => Some(&Gc::<FunctionBody>::from_value(obj)?.body().attrs),
        ObjKind::Exception => Some(
            &Gc::<crate::types::exception::ExceptionBody>::from_value(obj)?
                .body()
                .attrs,
        ),
        _ => None,
    }
}

/// The `__dict__` of an object with an attribute store, created on demand. An instance
/// in shaped mode switches to dict mode for good (`types::instance`), since the dict
/// object handed out must stay the one its attributes live in.
pub fn instance_dict(vm: &mut Vm, obj: Value) -> Option<Gc<DictBody>> {
    let store = attr_store(obj)?;
    if let Some(d) = Gc::<DictBody>::from_value(store.dict.get()) {
        return Some(d);
    }
    if !may_have_dict(vm, obj) {
        return None;
    }
    let rt = vm.rt.clone();
    store.switch_to_dict(&rt.shapes, |keys, values| {
        let d = vm.new_dict_with_capacity(keys.len());
        for (key, &value) in keys.iter().zip(values) {
            dictops::set_item_str(vm, d, key, value);
        }
        crate::gc::write_barrier(obj, d.value());
        d.value()
    });
    Gc::<DictBody>::from_value(store.dict.get())
}

/// Whether instances like `obj` have a `__dict__` (not `__slots__`-only, not bare
/// `object()`).
fn may_have_dict(vm: &mut Vm, obj: Value) -> bool {
    let ty = type_of(vm, obj);
    !((ty.has_flag(tflags::HAS_SLOTS) || ty == vm.rt.types.object)
        && !ty.has_flag(tflags::HAS_ATTRS))
}

/// `obj`'s own attribute `name` (from its shaped slots or its dict), if it has one.
pub(crate) fn own_attribute(
    vm: &mut Vm,
    obj: Value,
    name: Value,
    name_str: &str,
) -> PyResult<Option<Value>> {
    let Some(store) = attr_store(obj) else {
        return Ok(None);
    };
    match store.get(&vm.rt.shapes, name_str) {
        ShapedGet::Found(v) => Ok(Some(v)),
        ShapedGet::Missing => Ok(None),
        ShapedGet::DictMode => match Gc::<DictBody>::from_value(store.dict.get()) {
            Some(d) => dictops::get(vm, d, name),
            None => Ok(None),
        },
    }
}

/// Sets an instance attribute in shaped mode; false when the instance is (or must
/// switch to) dict mode, or `name` is not an exact `str`.
fn set_shaped(vm: &mut Vm, obj: Value, name: Value, name_str: &str, value: Value) -> bool {
    if kind_of(obj) != Some(ObjKind::Instance)
        || type_of(vm, name) != vm.rt.types.str
        || !may_have_dict(vm, obj)
    {
        return false;
    }
    let Some(store) = attr_store(obj) else {
        return false;
    };
    if store.set(&vm.rt.shapes, name_str, value).is_none() {
        return false;
    }
    crate::gc::write_barrier(obj, value);
    true
}

/// Whether `d` is a data descriptor (defines `__set__` or `__delete__`).
pub fn is_data_descriptor(vm: &mut Vm, d: Value) -> bool {
    if let Some(n) = Gc::<NativeBody>::from_value(d) {
        return n.downcast::<PropertyObj>().is_some() || n.downcast::<SlotMember>().is_some();
    }
    if !d.is_ptr() {
        return false;
    }
    let ty = type_of(vm, d);
    ty.has_flag(tflags::HEAPTYPE)
        && (lookup_type(vm, ty, "__set__").is_some() || lookup_type(vm, ty, "__delete__").is_some())
}

/// The descriptor `d` found on `owner` (the type), accessed through `obj` (`UNSET` when
/// accessed on the class itself): CPython's `tp_descr_get`.
pub fn descr_get(vm: &mut Vm, d: Value, obj: Value, owner: Gc<TypeBody>) -> PyResult<Value> {
    let on_class = obj.is_unset();
    match kind_of(d) {
        Some(ObjKind::Function) => {
            if on_class {
                return Ok(d);
            }
            return Ok(new_method(vm, d, obj));
        }
        Some(ObjKind::Builtin) => {
            let b = Gc::<BuiltinBody>::from_value(d).expect("builtin");
            return Ok(match b.binding {
                Binding::Method if !on_class && b.bound.is_unset() => new_method(vm, d, obj),
                Binding::ClassMethod if b.bound.is_unset() => new_method(vm, d, owner.value()),
                _ => d,
            });
        }
        Some(ObjKind::Native) => {
            let n = Gc::<NativeBody>::from_value(d).expect("native");
            if let Some(p) = n.downcast::<PropertyObj>() {
                if on_class {
                    return Ok(d);
                }
                let fget = p.fget.get();
                if fget.is_none() {
                    let (pname, tn) = (p.name_for_error(), owner.name());
                    return Err(vm.attribute_error(format!(
                        "property {pname}of '{tn}' object has no getter"
                    )));
                }
                return call::call(vm, fget, &[obj]);
            }
            if let Some(c) = n.downcast::<ClassMethodObj>() {
                return Ok(new_method(vm, c.func.get(), owner.value()));
            }
            if let Some(s) = n.downcast::<StaticMethodObj>() {
                return Ok(s.func.get());
            }
            if let Some(m) = n.downcast::<SlotMember>() {
                if on_class {
                    return Ok(d);
                }
                return m.get(vm, obj);
            }
            return Ok(d);
        }
        _ => {}
    }
    if d.is_ptr() {
        let dt = type_of(vm, d);
        if dt.has_flag(tflags::HEAPTYPE)
            && let Some(get) = lookup_type(vm, dt, "__get__")
        {
            let inst = if on_class { Value::NONE } else { obj };
            return call::call_method(vm, get, d, &[inst, owner.value()]);
        }
    }
    Ok(d)
}

/// A bound method of `func` on `receiver`.
pub fn new_method(vm: &mut Vm, func: Value, receiver: Value) -> Value {
    // A builtin bound to a receiver is a `builtin_function_or_method` in CPython.
    let ty = if kind_of(func) == Some(ObjKind::Builtin) {
        vm.rt.types.builtin_function
    } else {
        vm.rt.types.method
    };
    vm.alloc(ty, MethodBody { func, receiver }).value()
}

/// `getattr(obj, name)`.
pub fn getattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Value> {
    let ty = type_of(vm, obj);
    if ty.has_flag(tflags::HEAPTYPE) {
        if let Some(ga) = lookup_type(vm, ty, "__getattribute__")
            && !is_default_getattribute(vm, ga)
        {
            let r = call::call_method(vm, ga, obj, &[name]);
            return getattr_fallback(vm, obj, ty, name, r);
        }
        let r = generic_getattr(vm, obj, name);
        return getattr_fallback(vm, obj, ty, name, r);
    }
    generic_getattr(vm, obj, name)
}

/// Whether `f` is `object`'s or `type`'s own slot (not an override).
fn is_default_getattribute(vm: &mut Vm, f: Value) -> bool {
    is_builtin_of_root(vm, f)
}

fn is_builtin_of_root(vm: &mut Vm, f: Value) -> bool {
    Gc::<BuiltinBody>::from_value(f).is_some_and(|b| {
        b.owner == vm.rt.types.object.value() || b.owner == vm.rt.types.type_.value()
    })
}

fn getattr_fallback(
    vm: &mut Vm,
    obj: Value,
    ty: Gc<TypeBody>,
    name: Value,
    r: PyResult<Value>,
) -> PyResult<Value> {
    match r {
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.attribute_error) => {
            if let Some(f) = lookup_type(vm, ty, "__getattr__") {
                return call::call_method(vm, f, obj, &[name]);
            }
            Err(e)
        }
        r => r,
    }
}

/// `object.__getattribute__(obj, name)` (and `type.__getattribute__` for classes).
pub fn generic_getattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Value> {
    let Some(name_str) = str_of(name) else {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    };
    if kind_of(obj) == Some(ObjKind::Type) {
        return type_getattr(vm, obj, name_str);
    }
    let ty = type_of(vm, obj);
    let descr = lookup_type(vm, ty, name_str);
    if let Some(d) = descr
        && is_data_descriptor(vm, d)
    {
        return descr_get(vm, d, obj, ty);
    }
    // Plain instances have no layout attributes besides dunders (`__class__`,
    // `__dict__`) and, for builtin subclasses, the payload's (`real`, `start`…).
    let plain = kind_of(obj) == Some(ObjKind::Instance)
        && !name_str.starts_with("__")
        && crate::ops::payload_of(obj).is_none();
    if !plain && let Some(v) = special::getattr(vm, obj, name_str)? {
        return Ok(v);
    }
    if let Some(v) = own_attribute(vm, obj, name, name_str)? {
        return Ok(v);
    }
    if let Some(m) = Gc::<ModuleBody>::from_value(obj) {
        if let Some(v) = dictops::get(vm, m.dict, name)? {
            return Ok(v);
        }
        if let Some(f) = dictops::get_str(&m.dict, "__getattr__") {
            return call::call(vm, f, &[name]);
        }
        let mname = dictops::get_str(&m.dict, "__name__")
            .and_then(str_of)
            .unwrap_or("?")
            .to_owned();
        return Err(vm.attribute_error(format!("module '{mname}' has no attribute '{name_str}'")));
    }
    if let Some(d) = descr {
        return descr_get(vm, d, obj, ty);
    }
    Err(no_attribute(vm, obj, name_str))
}

/// "'C' object has no attribute 'x'".
pub fn no_attribute(vm: &mut Vm, obj: Value, name: &str) -> PyErr {
    let tn = ops::type_name(vm, obj);
    let err = vm.attribute_error(format!("'{tn}' object has no attribute '{name}'"));
    special::set_attribute_error_context(vm, err, obj, name);
    err
}

fn type_getattr(vm: &mut Vm, cls: Value, name: &str) -> PyResult<Value> {
    let cls_ty = Gc::<TypeBody>::from_value(cls).expect("type");
    let meta = type_of(vm, cls);
    let meta_attr = lookup_type(vm, meta, name);
    if let Some(d) = meta_attr
        && is_data_descriptor(vm, d)
    {
        return descr_get(vm, d, cls, meta);
    }
    if let Some(v) = special::type_getattr(vm, cls_ty, name)? {
        return Ok(v);
    }
    if let Some(attr) = lookup_type(vm, cls_ty, name) {
        return descr_get(vm, attr, Value::UNSET, cls_ty);
    }
    if let Some(d) = meta_attr {
        return descr_get(vm, d, cls, meta);
    }
    let tn = cls_ty.name();
    let err = vm.attribute_error(format!("type object '{tn}' has no attribute '{name}'"));
    special::set_attribute_error_context(vm, err, cls, name);
    Err(err)
}

/// `setattr(obj, name, value)`.
pub fn setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let ty = type_of(vm, obj);
    if ty.has_flag(tflags::HEAPTYPE)
        && let Some(sa) = lookup_type(vm, ty, "__setattr__")
        && !is_default_slot(vm, sa, "__setattr__")
    {
        call::call_method(vm, sa, obj, &[name, value])?;
        return Ok(());
    }
    generic_setattr(vm, obj, name, value)
}

fn is_default_slot(vm: &mut Vm, f: Value, _name: &str) -> bool {
    is_builtin_of_root(vm, f)
}

/// `object.__setattr__(obj, name, value)`.
pub fn generic_setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let Some(name_str) = str_of(name) else {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    };
    let ty = type_of(vm, obj);
    if let Some(d) = lookup_type(vm, ty, name_str)
        && is_data_descriptor(vm, d)
    {
        return descr_set(vm, d, obj, value, name_str, ty);
    }
    if let Some(cls) = Gc::<TypeBody>::from_value(obj) {
        if !cls.has_flag(tflags::HEAPTYPE) {
            let tn = cls.name();
            return Err(vm.type_error(format!(
                "cannot set '{name_str}' attribute of immutable type '{tn}'"
            )));
        }
        if special::type_setattr(vm, cls, name_str, value)? {
            return Ok(());
        }
        dictops::set(vm, cls.dict, name, value)?;
        invalidate_type(vm, cls);
        return Ok(());
    }
    if special::setattr(vm, obj, name_str, value)? {
        return Ok(());
    }
    if let Some(m) = Gc::<ModuleBody>::from_value(obj) {
        return dictops::set(vm, m.dict, name, value);
    }
    if set_shaped(vm, obj, name, name_str, value) {
        return Ok(());
    }
    if let Some(d) = instance_dict(vm, obj) {
        return dictops::set(vm, d, name, value);
    }
    let tn = ty.name();
    if !ty.has_flag(tflags::HEAPTYPE) && special::getattr(vm, obj, name_str)?.is_some() {
        return Err(vm.attribute_error(format!(
            "attribute '{name_str}' of '{tn}' objects is not writable"
        )));
    }
    if lookup_type(vm, ty, name_str).is_some() {
        return Err(
            vm.attribute_error(format!("'{tn}' object attribute '{name_str}' is read-only"))
        );
    }
    Err(vm.attribute_error(format!(
        "'{tn}' object has no attribute '{name_str}' and no __dict__ for setting new attributes"
    )))
}

/// Assigns (or deletes, when `value` is `UNSET`) through the data descriptor `d`.
pub fn descr_set(
    vm: &mut Vm,
    d: Value,
    obj: Value,
    value: Value,
    name: &str,
    ty: Gc<TypeBody>,
) -> PyResult<()> {
    if let Some(n) = Gc::<NativeBody>::from_value(d) {
        if let Some(p) = n.downcast::<PropertyObj>() {
            let f = if value.is_unset() {
                p.fdel.get()
            } else {
                p.fset.get()
            };
            if f.is_none() {
                let (pname, tn) = (p.name_for_error(), ty.name());
                let what = if value.is_unset() {
                    "deleter"
                } else {
                    "setter"
                };
                return Err(
                    vm.attribute_error(format!("property {pname}of '{tn}' object has no {what}"))
                );
            }
            if value.is_unset() {
                call::call(vm, f, &[obj])?;
            } else {
                call::call(vm, f, &[obj, value])?;
            }
            return Ok(());
        }
        if let Some(m) = n.downcast::<SlotMember>() {
            return m.set(vm, obj, value, name);
        }
    }
    let dt = type_of(vm, d);
    let method = if value.is_unset() {
        "__delete__"
    } else {
        "__set__"
    };
    match lookup_type(vm, dt, method) {
        Some(f) => {
            if value.is_unset() {
                call::call_method(vm, f, d, &[obj])?;
            } else {
                call::call_method(vm, f, d, &[obj, value])?;
            }
            Ok(())
        }
        None => Err(vm.attribute_error(format!("__{}__", &method[2..method.len() - 2]))),
    }
}

/// `delattr(obj, name)`.
pub fn delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let ty = type_of(vm, obj);
    if ty.has_flag(tflags::HEAPTYPE)
        && let Some(da) = lookup_type(vm, ty, "__delattr__")
        && !is_default_slot(vm, da, "__delattr__")
    {
        call::call_method(vm, da, obj, &[name])?;
        return Ok(());
    }
    generic_delattr(vm, obj, name)
}

/// `object.__delattr__(obj, name)`.
pub fn generic_delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let Some(name_str) = str_of(name) else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let ty = type_of(vm, obj);
    if let Some(d) = lookup_type(vm, ty, name_str)
        && is_data_descriptor(vm, d)
    {
        return descr_set(vm, d, obj, Value::UNSET, name_str, ty);
    }
    if let Some(cls) = Gc::<TypeBody>::from_value(obj) {
        if !cls.has_flag(tflags::HEAPTYPE) {
            let tn = cls.name();
            return Err(vm.type_error(format!(
                "cannot delete '{name_str}' attribute of immutable type '{tn}'"
            )));
        }
        if dictops::remove(vm, cls.dict, name)?.is_none() {
            let tn = cls.name();
            return Err(
                vm.attribute_error(format!("type object '{tn}' has no attribute '{name_str}'"))
            );
        }
        invalidate_type(vm, cls);
        return Ok(());
    }
    if let Some(m) = Gc::<ModuleBody>::from_value(obj) {
        if dictops::remove(vm, m.dict, name)?.is_none() {
            let mname = dictops::get_str(&m.dict, "__name__")
                .and_then(str_of)
                .unwrap_or("?")
                .to_owned();
            return Err(
                vm.attribute_error(format!("module '{mname}' has no attribute '{name_str}'"))
            );
        }
        return Ok(());
    }
    // Deleting leaves shaped mode: shapes only ever grow.
    let has_store_entry = attr_store(obj)
        .is_some_and(|store| !matches!(store.get(&vm.rt.shapes, name_str), ShapedGet::Missing));
    if has_store_entry
        && let Some(d) = instance_dict(vm, obj)
        && dictops::remove(vm, d, name)?.is_some()
    {
        return Ok(());
    }
    Err(no_attribute(vm, obj, name_str))
}

/// Bumps the version of `cls` after a namespace change. Subclasses cache lookups through
/// their own MRO, so every type's version is bumped (types are few; this is rare).
pub fn invalidate_type(vm: &mut Vm, cls: Gc<TypeBody>) {
    cls.bump_version();
    vm.rt
        .type_epoch
        .fetch_add(1, std::sync::atomic::Ordering::Release);
}

/// `getattr(obj, "name")` with a Rust name.
pub fn getattr_str(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Value> {
    let n = vm.intern(name);
    getattr(vm, obj, n)
}

/// `getattr(obj, name, None)`-style lookup: `Ok(None)` on AttributeError.
pub fn getattr_opt(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    match getattr_str(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.attribute_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Looks up a special method on the type of `obj` and binds it (the `LoadSpecial`
/// opcode; `with` statements use it for `__enter__`/`__exit__`).
pub fn load_special(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let ty = type_of(vm, obj);
    match lookup_type(vm, ty, name) {
        Some(d) => descr_get(vm, d, obj, ty).map(Some),
        None => Ok(None),
    }
}
