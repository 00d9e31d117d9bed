//! Inline caches: per-site memory of what a `GetAttr`, `SetAttr` or `LoadGlobal` found
//! last time, so repeated executions skip the generic lookup (DESIGN.md §3, §7).
//!
//! A code object has `ncaches` entries, one per cache operand. Every entry is validated
//! before use and falls back to the generic `ops` function on any mismatch, so a stale
//! entry costs a miss, never a wrong answer:
//! - attribute sites key on the receiver type's version tag and the runtime's type epoch
//!   (any change to any type's namespace or bases invalidates them); the cached function
//!   or flag is only used while both match, and the instance dict is always re-probed;
//! - global sites key on the globals and builtins dicts' addresses and mutation stamps
//!   (unique across all dicts), so the cached value is the one both dicts hold now.
//!
//! Cached values are never traced: they are only read while validation proves that a
//! live namespace still holds them.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, header_at, kind_of};
use crate::ops::{self, attr, dictops};
use crate::types::dict::DictBody;
use crate::types::function::{BuiltinBody, FunctionBody};
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

/// What an attribute site learned.
const KIND_EMPTY: u64 = 0;
/// The attribute lives in the instance `__dict__` (no data descriptor on the type).
const KIND_INSTANCE: u64 = 1;
/// A plain Python function on the type, bound to the instance (not shadowed).
const KIND_METHOD: u64 = 2;

/// One cache entry (four words).
#[derive(Default)]
pub struct InlineCache {
    key1: AtomicU64,
    key2: AtomicU64,
    kind: AtomicU64,
    value: AtomicValue,
}

/// A fresh cache array for a code object with `n` sites.
pub fn new_caches(n: usize) -> Box<[InlineCache]> {
    (0..n).map(|_| InlineCache::default()).collect()
}

fn plain_instance_type(vm: &mut Vm, obj: Value) -> Option<Gc<TypeBody>> {
    if kind_of(obj) != Some(ObjKind::Instance) {
        return None;
    }
    let ty = ops::type_at(header_at(obj.as_addr()?).type_addr());
    if !ty.has_flag(tflags::HEAPTYPE) || ops::payload_of(obj).is_some() {
        return None;
    }
    Some(ty).filter(|_| vm.rt.types.object != ty)
}

fn default_slot(vm: &mut Vm, ty: Gc<TypeBody>, name: &str) -> bool {
    match attr::lookup_type(vm, ty, name) {
        Some(f) => Gc::<BuiltinBody>::from_value(f).is_some_and(|b| b.owner == vm.rt.types.object.value()),
        None => true,
    }
}

/// `obj.name` through the site's cache.
#[inline]
pub fn get_attr(vm: &mut Vm, cache: Option<&InlineCache>, obj: Value, name: Value) -> PyResult<Value> {
    let Some(c) = cache else {
        return attr::getattr(vm, obj, name);
    };
    if let Some(ty) = plain_instance_type(vm, obj) {
        let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
        if c.key1.load(Ordering::Relaxed) == ty.version() && c.key2.load(Ordering::Relaxed) == epoch {
            let dict = attr::attr_store(obj).and_then(|s| Gc::<DictBody>::from_value(s.dict.get()));
            let in_dict = dict.and_then(|d| dictops::get_str_value(&d, name));
            match c.kind.load(Ordering::Relaxed) {
                KIND_INSTANCE => {
                    if let Some(v) = in_dict {
                        return Ok(v);
                    }
                }
                KIND_METHOD if in_dict.is_none() => {
                    return Ok(attr::new_method(vm, c.value.get(), obj));
                }
                _ => {}
            }
        }
        let v = attr::getattr(vm, obj, name)?;
        learn_get(vm, c, ty, obj, name, v);
        return Ok(v);
    }
    attr::getattr(vm, obj, name)
}

/// Records what a generic lookup of `name` on an instance of `ty` found.
fn learn_get(vm: &mut Vm, c: &InlineCache, ty: Gc<TypeBody>, obj: Value, name: Value, _result: Value) {
    let Some(name_str) = ops::str_of(name) else { return };
    c.kind.store(KIND_EMPTY, Ordering::Relaxed);
    if !default_slot(vm, ty, "__getattribute__") || attr::lookup_type(vm, ty, "__getattr__").is_some() {
        return;
    }
    let descr = attr::lookup_type(vm, ty, name_str);
    let dict = attr::attr_store(obj).and_then(|s| Gc::<DictBody>::from_value(s.dict.get()));
    let in_dict = dict.and_then(|d| dictops::get_str_value(&d, name)).is_some();
    let kind = match descr {
        None if in_dict => KIND_INSTANCE,
        Some(d) if Gc::<FunctionBody>::from_value(d).is_some() => {
            if in_dict {
                KIND_INSTANCE
            } else {
                c.value.set(d);
                KIND_METHOD
            }
        }
        Some(d) if in_dict && !attr::is_data_descriptor(vm, d) => KIND_INSTANCE,
        _ => return,
    };
    c.key1.store(ty.version(), Ordering::Relaxed);
    c.key2.store(vm.rt.type_epoch.load(Ordering::Acquire), Ordering::Relaxed);
    c.kind.store(kind, Ordering::Relaxed);
}

/// `obj.name = value` through the site's cache: a plain instance whose type has no
/// `__setattr__` override and no data descriptor for `name` stores into its `__dict__`.
#[inline]
pub fn set_attr(vm: &mut Vm, cache: Option<&InlineCache>, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let Some(c) = cache else {
        return attr::setattr(vm, obj, name, value);
    };
    if let Some(ty) = plain_instance_type(vm, obj) {
        let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
        if c.key1.load(Ordering::Relaxed) == ty.version()
            && c.key2.load(Ordering::Relaxed) == epoch
            && c.kind.load(Ordering::Relaxed) == KIND_INSTANCE
            && let Some(d) = attr::instance_dict(vm, obj)
        {
            return dictops::set(vm, d, name, value);
        }
        attr::setattr(vm, obj, name, value)?;
        c.kind.store(KIND_EMPTY, Ordering::Relaxed);
        let Some(name_str) = ops::str_of(name) else { return Ok(()) };
        if !default_slot(vm, ty, "__setattr__") || ty.slot_names.lock().is_some() {
            return Ok(());
        }
        if let Some(d) = attr::lookup_type(vm, ty, name_str)
            && attr::is_data_descriptor(vm, d)
        {
            return Ok(());
        }
        c.key1.store(ty.version(), Ordering::Relaxed);
        c.key2.store(epoch, Ordering::Relaxed);
        c.kind.store(KIND_INSTANCE, Ordering::Relaxed);
        return Ok(());
    }
    attr::setattr(vm, obj, name, value)
}

/// A global (then builtin) through the site's cache.
#[inline]
pub fn load_global(vm: &mut Vm, cache: Option<&InlineCache>, frame: &crate::vm::frame::FrameBody, name: Value) -> PyResult<Value> {
    let Some(c) = cache else {
        return crate::vm::misc::load_global(vm, frame, name);
    };
    let g = frame.globals;
    let b = Gc::<DictBody>::from_value(frame.builtins);
    let gstamp = g.table.lock().stamp;
    let bstamp = b.map_or(0, |b| b.table.lock().stamp);
    // Stamps are unique across dicts, so equal stamps mean the same dicts, unchanged.
    if c.key1.load(Ordering::Relaxed) == gstamp && c.key2.load(Ordering::Relaxed) == bstamp && c.kind.load(Ordering::Relaxed) == 1 {
        return Ok(c.value.get());
    }
    let v = crate::vm::misc::load_global(vm, frame, name)?;
    c.key1.store(gstamp, Ordering::Relaxed);
    c.key2.store(bstamp, Ordering::Relaxed);
    c.value.set(v);
    c.kind.store(1, Ordering::Relaxed);
    Ok(v)
}
