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
//!
//! Threads share code objects and so their caches: each entry is a sequence-locked
//! record (`vm::seqlock`), so a reader never pairs one writer's keys with another's
//! value, and a concurrent update costs a miss.

use std::sync::atomic::Ordering;

use crate::vm::quicken::Countdown;
use crate::vm::seqlock::SeqRecord;

use crate::builtins::descriptors::SlotMember;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, header_at, kind_of};
use crate::ops::{self, attr, dictops};
use crate::types::dict::DictBody;
use crate::types::function::{BuiltinBody, FunctionBody};
use crate::types::instance::InstanceBody;
use crate::types::native::NativeBody;
use crate::types::shape::ShapeId;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

/// What an attribute site learned (the low byte of `kind`; the rest holds a shape and a
/// slot index, see `pack`).
const KIND_EMPTY: u64 = 0;
/// The attribute lives in the instance `__dict__` (no data descriptor on the type).
const KIND_INSTANCE: u64 = 1;
/// A plain Python function on the type, bound to the instance, for instances of the
/// cached shape (which does not hold the name, so nothing shadows the function).
const KIND_METHOD: u64 = 2;
/// The attribute is slot `index` of instances of the cached shape.
const KIND_SLOT: u64 = 3;
/// A store adds the attribute: instances of the cached shape move to the shape in
/// `value` (an int) and append slot `index`.
const KIND_ADD: u64 = 4;

/// The attribute is the `__slots__` member with storage index `index`.
const KIND_MEMBER: u64 = 5;
/// A quickened module site: the value a module's namespace held at the keyed stamp.
const KIND_MODULE_ATTR: u64 = 6;
/// A quickened builtin-method site: the method descriptor of the keyed builtin type.
const KIND_BUILTIN_METHOD: u64 = 7;

/// The second key of a module-attribute entry (the first is the namespace's stamp, which
/// is unique across dicts); no type version has this value.
const MODULE_KEY: u64 = u64::MAX;

fn pack(kind: u64, shape: ShapeId, index: usize) -> u64 {
    kind | (index.min(0xff_ffff) as u64) << 8 | u64::from(shape.0) << 32
}

fn unpack(word: u64) -> (u64, ShapeId, usize) {
    (
        word & 0xff,
        ShapeId((word >> 32) as u32),
        ((word >> 8) & 0xff_ffff) as usize,
    )
}

/// Types an attribute site remembers at once: methods inherited by several subclasses
/// (richards' tasks) see a few receiver types, each with its own shapes.
const WAYS: usize = 4;

/// One remembered answer: two keys, a kind word and a value, read and written
/// atomically as a whole (`vm::seqlock`).
#[derive(Default)]
struct Entry(SeqRecord);

impl Entry {
    /// The entry's kind word and value when it is keyed on `(key1, key2)`.
    #[inline(always)]
    fn probe(&self, key1: u64, key2: u64) -> Option<(u64, Value)> {
        self.0
            .probe(key1, key2)
            .map(|(kind, value)| (kind, Value::from_bits(value)))
    }

    /// Replaces the entry (unless another thread is writing it).
    fn store(&self, key1: u64, key2: u64, kind: u64, value: Value) {
        self.0.store(key1, key2, kind, value.bits());
    }

    /// Forgets the entry.
    fn clear(&self) {
        self.store(0, 0, KIND_EMPTY, Value::NONE);
    }
}

/// One site's cache: `WAYS` entries for attribute sites; global sites and quickened
/// module and builtin-method sites use the first. The countdown paces quickening.
#[derive(Default)]
pub struct InlineCache {
    entries: [Entry; WAYS],
    countdown: Countdown,
}

impl InlineCache {
    /// The site's quickening countdown (`vm::quicken`).
    pub fn countdown(&self) -> &Countdown {
        &self.countdown
    }

    /// The entry to (re)learn type version `version` in: the one already keyed on it,
    /// else an empty one, else one chosen by the version's low bits.
    fn entry_for(&self, version: u64) -> &Entry {
        let keyed = self.entries.iter().find(|e| e.0.peek_key1() == version);
        let empty = || self.entries.iter().find(|e| e.0.peek_kind() == KIND_EMPTY);
        keyed
            .or_else(empty)
            .unwrap_or(&self.entries[(version as usize) % WAYS])
    }
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
        Some(f) => {
            Gc::<BuiltinBody>::from_value(f).is_some_and(|b| b.owner == vm.rt.types.object.value())
        }
        None => true,
    }
}

/// The storage index of `d` if it is a `__slots__` member descriptor.
fn slot_member_index(d: Value) -> Option<usize> {
    Gc::<NativeBody>::from_value(d)?
        .downcast::<SlotMember>()
        .map(|m| m.index)
}

/// The instance whose `__slots__` storage a member reads.
fn member_slots<'a>(obj: Value) -> Option<&'a InstanceBody> {
    Gc::<InstanceBody>::from_value(obj).map(|i| i.body())
}

fn instance_dict_of(obj: Value) -> Option<Gc<DictBody>> {
    attr::attr_store(obj).and_then(|s| Gc::<DictBody>::from_value(s.dict.get()))
}

/// Whether `obj` is an instance of a Python class with no native payload, the receivers
/// the shape-keyed entries describe.
pub fn is_plain_instance(vm: &mut Vm, obj: Value) -> bool {
    plain_instance_type(vm, obj).is_some()
}

/// `obj.name` through the site's cache.
#[inline]
pub fn get_attr(
    vm: &mut Vm,
    cache: Option<&InlineCache>,
    obj: Value,
    name: Value,
) -> PyResult<Value> {
    if let Some(c) = cache
        && let Some(r) = get_attr_instance(vm, c, obj, name)
    {
        return r;
    }
    attr::getattr(vm, obj, name)
}

/// `obj.name` through the site's shape-keyed entries when `obj` is a plain instance
/// (learning on a miss); `None` for any other receiver.
#[inline]
pub fn get_attr_instance(
    vm: &mut Vm,
    c: &InlineCache,
    obj: Value,
    name: Value,
) -> Option<PyResult<Value>> {
    let ty = plain_instance_type(vm, obj)?;
    {
        let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
        let version = ty.version();
        for c in &c.entries {
            let Some((word, cached)) = c.probe(version, epoch) else {
                continue;
            };
            let store = attr::attr_store(obj);
            let (kind, shape, index) = unpack(word);
            match kind {
                KIND_SLOT => {
                    if let Some(v) = store.and_then(|s| s.get_cached(shape, index)) {
                        return Some(Ok(v));
                    }
                }
                KIND_MEMBER => {
                    if let Some(v) = member_slots(obj).map(|i| i.slot(index))
                        && !v.is_unset()
                    {
                        return Some(Ok(v));
                    }
                }
                KIND_METHOD if store.is_some_and(|s| s.shape() == shape) => {
                    return Some(Ok(attr::new_method(vm, cached, obj)));
                }
                KIND_INSTANCE => {
                    if let Some(v) =
                        instance_dict_of(obj).and_then(|d| dictops::get_str_value(&d, name))
                    {
                        return Some(Ok(v));
                    }
                }
                _ => {}
            }
        }
        let v = match attr::getattr(vm, obj, name) {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        learn_get(vm, c.entry_for(version), ty, obj, name);
        Some(Ok(v))
    }
}

/// The namespace of `obj` if it is a module of exactly `ModuleType` (whose attribute
/// lookup is its namespace, after `ModuleType`'s own descriptors).
fn plain_module(vm: &Vm, obj: Value) -> Option<Gc<DictBody>> {
    if kind_of(obj) != Some(ObjKind::Module) {
        return None;
    }
    if header_at(obj.as_addr()?).type_addr() != vm.rt.types.module.value().as_addr()? {
        return None;
    }
    Gc::<crate::types::module::ModuleBody>::from_value(obj).map(|m| m.dict)
}

/// Remembers that `obj.name` gave `value` when `obj` is a plain module whose namespace
/// holds `name` itself (nothing on `ModuleType` intercepts it); true if it did.
pub fn learn_module_attr(
    vm: &mut Vm,
    c: &InlineCache,
    obj: Value,
    name: Value,
    value: Value,
) -> bool {
    let Some(dict) = plain_module(vm, obj) else {
        return false;
    };
    let Some(name_str) = ops::str_of(name) else {
        return false;
    };
    let module_type = vm.rt.types.module;
    if attr::lookup_type(vm, module_type, name_str).is_some() {
        return false;
    }
    let stamp = dict.stamp();
    if dictops::get_str_value(&dict, name) != Some(value) || dict.stamp() != stamp {
        return false;
    }
    c.entries[0].store(stamp, MODULE_KEY, KIND_MODULE_ATTR, value);
    true
}

/// `obj.name` for the plain module whose unchanged namespace the site cached; `None` when
/// `obj` is another object or the namespace has changed.
#[inline]
pub fn module_attr_cached(vm: &Vm, c: &InlineCache, obj: Value) -> Option<Value> {
    let dict = plain_module(vm, obj)?;
    match c.entries[0].probe(dict.stamp(), MODULE_KEY) {
        Some((KIND_MODULE_ATTR, v)) => Some(v),
        _ => None,
    }
}

/// Whether `obj`'s kind is a builtin one without per-object attributes, so that a
/// method found on its exact type can never be shadowed.
fn has_no_own_attributes(obj: Value) -> bool {
    match kind_of(obj) {
        None
        | Some(
            ObjKind::Str
            | ObjKind::Bytes
            | ObjKind::ByteArray
            | ObjKind::Tuple
            | ObjKind::List
            | ObjKind::Dict
            | ObjKind::Set
            | ObjKind::BigInt
            | ObjKind::Complex
            | ObjKind::Generator,
        ) => true,
        Some(ObjKind::Native) => crate::modules::collections::is_deque(obj),
        _ => false,
    }
}

/// Remembers that `LoadMethod` of `name` found `method` on `obj`'s builtin type (which
/// cannot change, and whose instances cannot shadow it); true if it did.
pub fn learn_builtin_method(
    vm: &mut Vm,
    c: &InlineCache,
    obj: Value,
    name: Value,
    method: Value,
) -> bool {
    if !has_no_own_attributes(obj) || !wants_receiver(method) {
        return false;
    }
    let ty = ops::type_of(vm, obj);
    if ty.has_flag(tflags::HEAPTYPE) || method_on_type(vm, obj, name) != Some(method) {
        return false;
    }
    let Some(addr) = ty.value().as_addr() else {
        return false;
    };
    c.entries[0].store(addr as u64, ty.version(), KIND_BUILTIN_METHOD, method);
    true
}

/// The method a quickened builtin-method site cached, when `obj` has the cached type.
#[inline]
pub fn builtin_method_cached(vm: &Vm, c: &InlineCache, obj: Value) -> Option<Value> {
    let ty = ops::type_of(vm, obj);
    let addr = ty.value().as_addr()? as u64;
    match c.entries[0].probe(addr, ty.version()) {
        Some((KIND_BUILTIN_METHOD, v)) => Some(v),
        _ => None,
    }
}

/// Records what a generic lookup of `name` on an instance of `ty` found.
fn learn_get(vm: &mut Vm, c: &Entry, ty: Gc<TypeBody>, obj: Value, name: Value) {
    let Some(name_str) = ops::str_of(name) else {
        return;
    };
    c.clear();
    if !default_slot(vm, ty, "__getattribute__")
        || attr::lookup_type(vm, ty, "__getattr__").is_some()
    {
        return;
    }
    let Some(store) = attr::attr_store(obj) else {
        return;
    };
    let descr = attr::lookup_type(vm, ty, name_str);
    let shape = store.shape();
    let slot = if shape == ShapeId::DICT {
        None
    } else {
        vm.rt.shapes.index_of(shape, name_str)
    };
    let in_dict = instance_dict_of(obj).is_some_and(|d| dictops::get_str_value(&d, name).is_some());
    let own = slot.is_some() || in_dict;
    let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
    if let Some(index) = descr.and_then(slot_member_index) {
        let word = pack(KIND_MEMBER, ShapeId::EMPTY, index);
        c.store(ty.version(), epoch, word, Value::NONE);
        return;
    }
    if descr.is_some_and(|d| attr::is_data_descriptor(vm, d)) {
        return;
    }
    let (word, value) = match (slot, descr) {
        (Some(index), _) => (pack(KIND_SLOT, shape, index), Value::NONE),
        (None, _) if in_dict => (pack(KIND_INSTANCE, shape, 0), Value::NONE),
        (None, Some(d))
            if !own && shape != ShapeId::DICT && Gc::<FunctionBody>::from_value(d).is_some() =>
        {
            (pack(KIND_METHOD, shape, 0), d)
        }
        _ => return,
    };
    c.store(ty.version(), epoch, word, value);
}

/// `obj.name = value` through the site's cache: a plain instance whose type has no
/// `__setattr__` override and no data descriptor for `name` stores into its own slots
/// (replacing one, or adding one along a cached shape transition) or its `__dict__`.
#[inline]
pub fn set_attr(
    vm: &mut Vm,
    cache: Option<&InlineCache>,
    obj: Value,
    name: Value,
    value: Value,
) -> PyResult<()> {
    let Some(c) = cache else {
        return attr::setattr(vm, obj, name, value);
    };
    if let Some(ty) = plain_instance_type(vm, obj) {
        let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
        let version = ty.version();
        for c in &c.entries {
            let Some((word, cached)) = c.probe(version, epoch) else {
                continue;
            };
            let store = attr::attr_store(obj);
            let (kind, shape, index) = unpack(word);
            let done = match kind {
                KIND_SLOT => store.is_some_and(|s| s.set_cached(shape, index, value)),
                KIND_ADD => {
                    let to = ShapeId(cached.as_small_int().unwrap_or(-1) as u32);
                    store.is_some_and(|s| s.add_cached(shape, to, index, value))
                }
                KIND_INSTANCE => {
                    if let Some(d) = instance_dict_of(obj) {
                        return dictops::set(vm, d, name, value);
                    }
                    false
                }
                KIND_MEMBER => match member_slots(obj) {
                    Some(inst) => inst.set_slot(index, value),
                    None => false,
                },
                _ => false,
            };
            if done {
                crate::gc::write_barrier(obj, value);
                return Ok(());
            }
        }
        let before = attr::attr_store(obj).map(|s| s.shape());
        attr::setattr(vm, obj, name, value)?;
        let c = c.entry_for(version);
        c.clear();
        let Some(name_str) = ops::str_of(name) else {
            return Ok(());
        };
        if !default_slot(vm, ty, "__setattr__") {
            return Ok(());
        }
        let descr = attr::lookup_type(vm, ty, name_str);
        if let Some(index) = descr.and_then(slot_member_index) {
            let word = pack(KIND_MEMBER, ShapeId::EMPTY, index);
            c.store(ty.version(), epoch, word, Value::NONE);
            return Ok(());
        }
        if ty.has_flag(tflags::HAS_SLOTS) || descr.is_some_and(|d| attr::is_data_descriptor(vm, d))
        {
            return Ok(());
        }
        let Some(store) = attr::attr_store(obj) else {
            return Ok(());
        };
        let after = store.shape();
        let (word, cached) = if after == ShapeId::DICT {
            (pack(KIND_INSTANCE, after, 0), Value::NONE)
        } else if let Some(index) = vm.rt.shapes.index_of(after, name_str) {
            match before {
                Some(from) if from != after && from != ShapeId::DICT => (
                    pack(KIND_ADD, from, index),
                    Value::small_int(i64::from(after.0)),
                ),
                _ => (pack(KIND_SLOT, after, index), Value::NONE),
            }
        } else {
            return Ok(());
        };
        c.store(ty.version(), epoch, word, cached);
        return Ok(());
    }
    attr::setattr(vm, obj, name, value)
}

/// A global (then builtin) through the site's cache.
#[inline]
pub fn load_global(
    vm: &mut Vm,
    cache: Option<&InlineCache>,
    frame: &crate::vm::frame::FrameBody,
    name: Value,
) -> PyResult<Value> {
    let Some(c) = cache else {
        return crate::vm::misc::load_global(vm, frame, name);
    };
    let c = &c.entries[0];
    let g = frame.globals;
    let b = Gc::<DictBody>::from_value(frame.builtins);
    let gstamp = g.stamp();
    let bstamp = b.map_or(0, |b| b.stamp());
    // Stamps are unique across dicts, so equal stamps mean the same dicts, unchanged.
    if let Some((1, v)) = c.probe(gstamp, bstamp) {
        return Ok(v);
    }
    let v = crate::vm::misc::load_global(vm, frame, name)?;
    c.store(gstamp, bstamp, 1, v);
    Ok(v)
}

/// Whether `callee`, produced by `load_method`, wants the receiver passed first: a
/// Python function or an unbound method descriptor of a builtin. `load_method` returns
/// such values only for functions it found on the receiver's type; any other function
/// it found (on a module, a class, or in an instance's own attributes) it wraps in a
/// `staticmethod`, which `call_method` unwraps.
#[inline]
pub fn wants_receiver(callee: Value) -> bool {
    match kind_of(callee) {
        Some(ObjKind::Function) => true,
        Some(ObjKind::Builtin) => Gc::<BuiltinBody>::from_value(callee).is_some_and(|b| {
            matches!(b.binding, crate::types::function::Binding::Method) && b.bound.is_unset()
        }),
        _ => false,
    }
}

/// What `CallMethod` calls for the `load_method` result `method` of `obj`: the callee,
/// and the receiver to pass first when `method` is a function found on the type.
#[inline]
pub fn method_call_target(method: Value, obj: Value) -> (Value, Option<Value>) {
    if wants_receiver(method) {
        return (method, Some(obj));
    }
    match crate::builtins::descriptors::native::<crate::builtins::descriptors::StaticMethodObj>(
        method,
    ) {
        Some(f) => (f.func.get(), None),
        None => (method, None),
    }
}

/// `obj.name` in method form (the `LoadMethod` opcode; see `wants_receiver`).
#[inline]
pub fn load_method(
    vm: &mut Vm,
    cache: Option<&InlineCache>,
    obj: Value,
    name: Value,
) -> PyResult<Value> {
    // Plain instances: a cached unshadowed function on the type needs no lookup at all.
    if let Some(c) = cache
        && let Some(v) = method_cached(vm, c, obj)
    {
        return Ok(v);
    }
    if let Some(descr) = method_on_type(vm, obj, name) {
        if let (Some(c), Some(ty)) = (cache, plain_instance_type(vm, obj)) {
            learn_get(vm, c.entry_for(ty.version()), ty, obj, name);
        }
        return Ok(descr);
    }
    let value = get_attr(vm, cache, obj, name)?;
    if wants_receiver(value) {
        // A function that is not a method of `obj`: call it as it is.
        let ty = vm.rt.types.staticmethod;
        return Ok(crate::builtins::descriptors::new_native(
            vm,
            ty,
            crate::builtins::descriptors::StaticMethodObj {
                func: AtomicValue::new(value),
            },
        ));
    }
    Ok(value)
}

/// The unshadowed function on a plain instance's type that the site's entries cached for
/// `obj`'s type and shape, if any.
#[inline]
pub fn method_cached(vm: &mut Vm, c: &InlineCache, obj: Value) -> Option<Value> {
    let ty = plain_instance_type(vm, obj)?;
    let epoch = vm.rt.type_epoch.load(Ordering::Acquire);
    let version = ty.version();
    for e in &c.entries {
        let Some((word, cached)) = e.probe(version, epoch) else {
            continue;
        };
        let (kind, shape, _) = unpack(word);
        if kind == KIND_METHOD && attr::attr_store(obj).is_some_and(|s| s.shape() == shape) {
            return Some(cached);
        }
    }
    None
}

/// The function `obj.name` would bind `obj` to: found on `type(obj)` (a Python function
/// or a builtin method descriptor), with the default `__getattribute__`, and not shadowed
/// by the object's own attributes.
fn method_on_type(vm: &mut Vm, obj: Value, name: Value) -> Option<Value> {
    // Objects whose attribute lookup is the generic one: instances of Python classes and
    // the plain builtin containers and scalars. Modules and classes read their namespaces,
    // and native objects (`super`, properties, …) may have lookups of their own.
    if kind_of(obj) != Some(ObjKind::Instance) && !has_no_own_attributes(obj) {
        return None;
    }
    let name_str = ops::str_of(name)?;
    let ty = ops::type_of(vm, obj);
    let descr = attr::lookup_type(vm, ty, name_str)?;
    if !wants_receiver(descr) {
        return None;
    }
    if ty.has_flag(tflags::HEAPTYPE) && !default_slot(vm, ty, "__getattribute__") {
        return None;
    }
    // Shadowed by the object's own attribute, or the lookup failed (a dict key's `__eq__`
    // raised): the generic path answers, errors included.
    if !matches!(attr::own_attribute(vm, obj, name, name_str), Ok(None)) {
        return None;
    }
    Some(descr)
}
