//! `dict` methods, its views (`keys`/`values`/`items`) and their iterators, which detect
//! a dict changing size during iteration as CPython does.

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, call, dictops, type_of};
use crate::types::dict::DictBody;
use crate::types::native::NativeObject;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The dict body of `v` (a dict or dict-subclass instance).
pub fn dict_of(v: Value) -> Option<Gc<DictBody>> {
    Gc::<DictBody>::from_value(ops::unwrap_payload(v))
}

/// `d1 == d2` for two dicts.
pub fn dict_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let (Some(x), Some(y)) = (dict_of(a), dict_of(b)) else {
        return Ok(false);
    };
    let lx = x.lock().len();
    let ly = y.lock().len();
    if lx != ly {
        return Ok(false);
    }
    for (k, v) in dictops::items(&x) {
        match dictops::get(vm, y, k)? {
            Some(w) => {
                if !ops::compare::eq(vm, v, w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// The (key, value) pairs of any mapping: a dict directly, else `keys()` and `[]`.
pub fn mapping_items(vm: &mut Vm, m: Value) -> PyResult<Vec<(Value, Value)>> {
    if let Some(d) = dict_of(m)
        && !type_of(vm, m).has_flag(crate::types::typeobj::tflags::HEAPTYPE)
    {
        return Ok(dictops::items(&d));
    }
    let keys_fn = attr::getattr_str(vm, m, "keys")?;
    let keys = call::call(vm, keys_fn, &[])?;
    let keys = ops::iter::collect(vm, keys)?;
    let holder = vm.new_list(Vec::new());
    let list = Gc::<crate::types::list::ListBody>::from_value(holder).expect("list");
    let mut out = Vec::with_capacity(keys.len());
    for k in keys {
        let v = ops::subscript::getitem(vm, m, k)?;
        list.items.lock().extend([k, v]);
        out.push((k, v));
    }
    Ok(out)
}

/// `d[key]` with `__missing__` for subclasses.
pub fn dict_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let d = dict_of(obj).expect("dict");
    if let Some(v) = dictops::get(vm, d, key)? {
        return Ok(v);
    }
    let ty = type_of(vm, obj);
    if ty != vm.rt.types.dict
        && let Some(m) = attr::lookup_type(vm, ty, "__missing__")
    {
        return call::call_method(vm, m, obj, &[key]);
    }
    Err(vm.key_error(key))
}

/// `d | other`.
pub fn dict_or(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<Value>> {
    let (Some(x), Some(_)) = (dict_of(a), dict_of(b)) else {
        return Ok(None);
    };
    let out = vm.new_dict_body();
    for (k, v) in dictops::items(&x) {
        dictops::set(vm, out, k, v)?;
    }
    dict_update_from(vm, out.value(), b)?;
    Ok(Some(out.value()))
}

/// `d.update(other)` where `other` is a mapping or an iterable of pairs.
pub fn dict_update_from(vm: &mut Vm, d: Value, other: Value) -> PyResult<()> {
    let d = dict_of(d).expect("dict");
    if dict_of(other).is_some() || attr::getattr_opt(vm, other, "keys")?.is_some() {
        for (k, v) in mapping_items(vm, other)? {
            dictops::set(vm, d, k, v)?;
        }
        return Ok(());
    }
    let it = match ops::iter::get_iter(vm, other) {
        Ok(it) => it,
        Err(_) => {
            let tn = ops::type_name(vm, other);
            return Err(vm.type_error(format!("'{tn}' object is not iterable")));
        }
    };
    let mut index = 0;
    while let Some(item) = ops::iter::next(vm, it)? {
        let pair = match ops::iter::collect(vm, item) {
            Ok(p) => p,
            Err(_) => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{index} to a sequence"
                )));
            }
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{index} has length {}; 2 is required",
                pair.len()
            )));
        }
        dictops::set(vm, d, pair[0], pair[1])?;
        index += 1;
    }
    Ok(())
}

fn self_dict(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Gc<DictBody>> {
    match args.values.first().and_then(|v| dict_of(*v)) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'dict' object"))),
    }
}

fn dict_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    let d = vm.new_dict_body();
    if cls == vm.rt.types.dict {
        return Ok(d.value());
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, d.value()))
}

fn dict_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "__init__")?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(&other) = pos.get(1) {
        dict_update_from(vm, d.value(), other)?;
    }
    for (k, v) in args.kwargs().collect::<Vec<_>>() {
        let key = vm.new_str(k);
        dictops::set(vm, d, key, v)?;
    }
    Ok(Value::NONE)
}

fn dict_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "get")?;
    let a = args.method(vm, "get", 1, 2)?;
    Ok(dictops::get(vm, d, a[1])?.unwrap_or(a.get(2).copied().unwrap_or(Value::NONE)))
}

fn dict_setdefault(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "setdefault")?;
    let a = args.method(vm, "setdefault", 1, 2)?;
    let default = a.get(2).copied().unwrap_or(Value::NONE);
    dictops::setdefault(vm, d, a[1], default)
}

fn dict_pop(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "pop")?;
    let a = args.method(vm, "pop", 1, 2)?;
    match dictops::remove(vm, d, a[1])? {
        Some(v) => Ok(v),
        None => match a.get(2) {
            Some(&default) => Ok(default),
            None => Err(vm.key_error(a[1])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "popitem")?;
    args.method_none(vm, "dict.popitem")?;
    let e = d.lock().pop_last();
    match e {
        Some(e) => Ok(vm.new_tuple(vec![e.key, e.value])),
        None => Err(vm.new_error(vm.rt.exc.key_error, "popitem(): dictionary is empty")),
    }
}

fn dict_clear(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "clear")?;
    args.method_none(vm, "dict.clear")?;
    d.lock().clear();
    Ok(Value::NONE)
}

fn dict_copy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "copy")?;
    args.method_none(vm, "dict.copy")?;
    let table = d.lock().clone();
    let ty = vm.rt.types.dict;
    Ok(vm.alloc(ty, DictBody::new(table)).value())
}

fn dict_update(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "update")?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "update expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(&other) = pos.get(1) {
        dict_update_from(vm, d.value(), other)?;
    }
    for (k, v) in args.kwargs().collect::<Vec<_>>() {
        let key = vm.new_str(k);
        dictops::set(vm, d, key, v)?;
    }
    Ok(Value::NONE)
}

fn dict_fromkeys(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.method(vm, "fromkeys", 1, 2)?;
    let value = a.get(2).copied().unwrap_or(Value::NONE);
    let target = call::call(vm, a[0], &[])?;
    let keys = ops::iter::collect(vm, a[1])?;
    for k in keys {
        ops::subscript::setitem(vm, target, k, value)?;
    }
    Ok(target)
}

fn dict_getitem_method(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__getitem__", 2, 2)?;
    dict_getitem(vm, a[0], a[1])
}

fn dict_contains(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "__contains__")?;
    let a = args.range(vm, "__contains__", 2, 2)?;
    Ok(Value::from_bool(dictops::get(vm, d, a[1])?.is_some()))
}

fn dict_reversed(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let d = self_dict(vm, args, "__reversed__")?;
    let keys: Vec<Value> = dictops::items(&d)
        .into_iter()
        .rev()
        .map(|(k, _)| k)
        .collect();
    let list = vm.new_list(keys);
    ops::iter::get_iter(vm, list)
}

/// Which part of the entries a view or iterator yields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

/// A `dict_keys`/`dict_values`/`dict_items` view.
pub struct DictView {
    pub dict: Value,
    pub kind: ViewKind,
}

impl NativeObject for DictView {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.dict);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An iterator over a dict or one of its views.
pub struct DictIter {
    pub dict: Value,
    pub kind: ViewKind,
    pos: AtomicUsize,
    len: usize,
    /// How many more entries the iterator expects (CPython's `di->len`): finding one
    /// when none is left means keys were replaced while the size stayed the same.
    remaining: AtomicUsize,
}

impl NativeObject for DictIter {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.dict);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make_view(vm: &mut Vm, args: &Args, kind: ViewKind) -> PyResult<Value> {
    let d = args.one(vm, "view")?;
    if dict_of(d).is_none() {
        return Err(vm.type_error("descriptor requires a 'dict' object"));
    }
    let ty = crate::builtins::iterators::native_type(
        vm,
        match kind {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        },
    );
    Ok(new_native(vm, ty, DictView { dict: d, kind }))
}

fn dict_keys(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    make_view(vm, args, ViewKind::Keys)
}

fn dict_values(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    make_view(vm, args, ViewKind::Values)
}

fn dict_items(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    make_view(vm, args, ViewKind::Items)
}

/// An iterator over `dict` yielding `kind`.
pub fn dict_iter(vm: &mut Vm, dict: Value, kind: ViewKind) -> Value {
    let len = dict_of(dict).map_or(0, |d| d.lock().len());
    let name = match kind {
        ViewKind::Keys => "dict_keyiterator",
        ViewKind::Values => "dict_valueiterator",
        ViewKind::Items => "dict_itemiterator",
    };
    let ty = crate::builtins::iterators::native_type(vm, name);
    new_native(
        vm,
        ty,
        DictIter {
            dict,
            kind,
            pos: AtomicUsize::new(0),
            len,
            remaining: AtomicUsize::new(len),
        },
    )
}

/// `next()` of a dict iterator.
pub fn dict_iter_next(vm: &mut Vm, it: &DictIter) -> PyResult<Option<Value>> {
    let Some(d) = dict_of(it.dict) else {
        return Ok(None);
    };
    let t = d.lock();
    if t.len() != it.len {
        drop(t);
        it.pos.store(usize::MAX / 2, Ordering::Relaxed);
        return Err(vm.runtime_error("dictionary changed size during iteration"));
    }
    let Some((next, e)) = t.next_entry(it.pos.load(Ordering::Relaxed)) else {
        return Ok(None);
    };
    drop(t);
    let remaining = it.remaining.load(Ordering::Relaxed);
    if remaining == 0 {
        it.pos.store(usize::MAX / 2, Ordering::Relaxed);
        return Err(vm.runtime_error("dictionary keys changed during iteration"));
    }
    it.remaining.store(remaining - 1, Ordering::Relaxed);
    it.pos.store(next, Ordering::Relaxed);
    Ok(Some(match it.kind {
        ViewKind::Keys => e.key,
        ViewKind::Values => e.value,
        ViewKind::Items => vm.new_tuple(vec![e.key, e.value]),
    }))
}

/// Methods of the view types.
pub fn view_len(v: &DictView) -> usize {
    dict_of(v.dict).map_or(0, |d| d.lock().len())
}

/// `x in view`.
pub fn view_contains(vm: &mut Vm, v: &DictView, x: Value) -> PyResult<bool> {
    let d = dict_of(v.dict).expect("dict");
    match v.kind {
        ViewKind::Keys => Ok(dictops::get(vm, d, x)?.is_some()),
        ViewKind::Values => {
            for (_, val) in dictops::items(&d) {
                if ops::compare::eq(vm, val, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        ViewKind::Items => {
            let Some(pair) = ops::tuple_items(x).map(<[Value]>::to_vec) else {
                return Ok(false);
            };
            if pair.len() != 2 {
                return Ok(false);
            }
            match dictops::get(vm, d, pair[0])? {
                Some(val) => ops::compare::eq(vm, val, pair[1]),
                None => Ok(false),
            }
        }
    }
}

/// The repr of a view: `dict_keys(['a', 'b'])`.
pub fn view_repr(vm: &mut Vm, v: &DictView) -> PyResult<String> {
    let d = dict_of(v.dict).expect("dict");
    let items: Vec<Value> = match v.kind {
        ViewKind::Keys => dictops::items(&d).into_iter().map(|(k, _)| k).collect(),
        ViewKind::Values => dictops::items(&d).into_iter().map(|(_, v)| v).collect(),
        ViewKind::Items => {
            let pairs = dictops::items(&d);
            pairs
                .into_iter()
                .map(|(k, v)| vm.new_tuple(vec![k, v]))
                .collect()
        }
    };
    let list = vm.new_list(items);
    let r = ops::repr::repr_string(vm, list)?;
    let name = match v.kind {
        ViewKind::Keys => "dict_keys",
        ViewKind::Values => "dict_values",
        ViewKind::Items => "dict_items",
    };
    Ok(format!("{name}({r})"))
}

/// `view` as a list of its items (for set operations on key views).
pub fn view_items(vm: &mut Vm, v: Value) -> Option<Vec<Value>> {
    let view = native::<DictView>(v)?;
    let d = dict_of(view.dict)?;
    Some(match view.kind {
        ViewKind::Keys => dictops::items(&d).into_iter().map(|(k, _)| k).collect(),
        ViewKind::Values => dictops::items(&d).into_iter().map(|(_, v)| v).collect(),
        ViewKind::Items => {
            let pairs = dictops::items(&d);
            pairs
                .into_iter()
                .map(|(k, v)| vm.new_tuple(vec![k, v]))
                .collect()
        }
    })
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", dict_new),
    method("__init__", dict_init),
    method("get", dict_get),
    method("setdefault", dict_setdefault),
    method("pop", dict_pop),
    method("popitem", dict_popitem),
    method("clear", dict_clear),
    method("copy", dict_copy),
    method("update", dict_update),
    method("keys", dict_keys),
    method("values", dict_values),
    method("items", dict_items),
    method("__getitem__", dict_getitem_method),
    method("__contains__", dict_contains),
    method("__reversed__", dict_reversed),
    classmethod("fromkeys", dict_fromkeys),
];
