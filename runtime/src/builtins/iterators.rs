//! Iterator objects: `enumerate`, `zip`, `map`, `filter`, `reversed`, `iter(callable,
//! sentinel)`, the `__getitem__`-protocol iterator, set and bytes iterators, and the
//! generator/coroutine methods (`send`, `throw`, `close`).

use std::any::Any;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use parking_lot::Mutex;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::dict::{
    DictIter, DictView, ViewKind, dict_iter, dict_iter_next, view_contains, view_len, view_repr,
};
use crate::builtins::{MethodDef, add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, call, type_of};
use crate::types::native::NativeObject;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

/// The runtime type named `name` for a native object kind, created on first use.
pub fn native_type(vm: &mut Vm, name: &'static str) -> Gc<TypeBody> {
    if let Some(&t) = vm.rt.extra_types.lock().get(name) {
        return t;
    }
    let dict = vm.new_dict_body();
    let basetype = matches!(name, "enumerate" | "zip" | "map" | "filter" | "reversed");
    let flags = if basetype { tflags::BASETYPE } else { 0 };
    let meta = vm.rt.types.type_;
    // `module.name` names a type of a module (`_thread.lock`): `__name__` is the last part.
    let (module, short) = name.rsplit_once('.').unwrap_or(("builtins", name));
    let ty = vm.alloc(
        meta,
        TypeBody::new(short, dict, crate::object::ObjKind::Native, flags),
    );
    let object = vm.rt.types.object;
    *ty.bases.lock() = vec![object.value()];
    *ty.mro.lock() = vec![ty.value(), object.value()];
    let m = vm.intern(module);
    ops::dictops::set_item_str(vm, dict, "__module__", m);
    *vm.rt.extra_types.lock().entry(name).or_insert(ty)
}

macro_rules! native_obj {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? } trace($s:ident, $t:ident) $body:block) => {
        pub struct $name { $(pub $field: $ty,)* }
        impl NativeObject for $name {
            fn trace(&self, $t: &mut Tracer) {
                let $s = self;
                $body
            }
            fn as_any(&self) -> &dyn Any {
                self
            }
        }
    };
}

native_obj!(Enumerate { it: Value, count: Mutex<Value> } trace(s, t) { t.visit(s.it); t.visit(*s.count.lock()); });
native_obj!(Zip { its: Vec<Value>, strict: bool, done: AtomicBool } trace(s, t) { t.visit_all(&s.its); });
native_obj!(Map { func: Value, its: Vec<Value>, strict: bool } trace(s, t) { t.visit(s.func); t.visit_all(&s.its); });
native_obj!(Filter { func: Value, it: Value } trace(s, t) { t.visit(s.func); t.visit(s.it); });
native_obj!(Reversed { seq: Value, index: AtomicUsize } trace(s, t) { t.visit(s.seq); });
native_obj!(CallableIter { func: Value, sentinel: Value, done: AtomicBool } trace(s, t) { t.visit(s.func); t.visit(s.sentinel); });
native_obj!(GetItemIter { seq: Value, index: AtomicUsize, done: AtomicBool } trace(s, t) { t.visit(s.seq); });
native_obj!(ListSnapshotIter { items: Vec<Value>, index: AtomicUsize, source: Value, len: usize } trace(s, t) { t.visit_all(&s.items); t.visit(s.source); });
native_obj!(AnextDefault { awaitable: AtomicValue, default: Value } trace(s, t) { t.visit(s.awaitable.get()); t.visit(s.default); });

/// Iterators for builtin containers not handled by `ops::iter` directly.
pub fn builtin_iter(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    match kind_of(v) {
        Some(ObjKind::Set) => {
            let s = crate::builtins::set::set_of(v).expect("set");
            let items = crate::builtins::set::keys(&s);
            let len = items.len();
            let ty = native_type(vm, "set_iterator");
            Ok(Some(new_native(
                vm,
                ty,
                ListSnapshotIter {
                    items,
                    index: AtomicUsize::new(0),
                    source: v,
                    len,
                },
            )))
        }
        Some(ObjKind::Bytes) | Some(ObjKind::ByteArray) => {
            let items: Vec<Value> = crate::builtins::str::bytes_data(v)
                .unwrap_or_default()
                .into_iter()
                .map(|b| Value::small_int(b as i64))
                .collect();
            let ty = native_type(vm, "bytes_iterator");
            Ok(Some(new_native(
                vm,
                ty,
                ListSnapshotIter {
                    items,
                    index: AtomicUsize::new(0),
                    source: Value::NONE,
                    len: 0,
                },
            )))
        }
        Some(ObjKind::Native) => {
            if let Some(view) = native::<DictView>(v) {
                return Ok(Some(dict_iter(vm, view.dict, view.kind)));
            }
            if is_native_iterator(v) {
                return Ok(Some(v));
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

fn is_native_iterator(v: Value) -> bool {
    native::<Enumerate>(v).is_some()
        || native::<Zip>(v).is_some()
        || native::<Map>(v).is_some()
        || native::<Filter>(v).is_some()
        || native::<Reversed>(v).is_some()
        || native::<CallableIter>(v).is_some()
        || native::<GetItemIter>(v).is_some()
        || native::<ListSnapshotIter>(v).is_some()
        || native::<DictIter>(v).is_some()
        || crate::modules::collections::is_deque_iterator(v)
}

/// `next()` of native iterators: `Ok(None)` when `it` is not one of them, `Ok(Some(None))`
/// when exhausted.
pub fn native_next(vm: &mut Vm, it: Value) -> PyResult<Option<Option<Value>>> {
    if let Some(r) = crate::modules::collections::iterator_next(vm, it) {
        return r.map(Some);
    }
    if let Some(d) = native::<DictIter>(it) {
        return dict_iter_next(vm, d).map(Some);
    }
    if let Some(e) = native::<Enumerate>(it) {
        let Some(v) = ops::iter::next(vm, e.it)? else {
            return Ok(Some(None));
        };
        let n = *e.count.lock();
        let next =
            ops::arith::binary_op(vm, n, Value::small_int(1), compiler::ir::ops::BinOp::Add)?;
        *e.count.lock() = next;
        return Ok(Some(Some(vm.new_tuple(vec![n, v]))));
    }
    if let Some(z) = native::<Zip>(it) {
        if z.done.load(Ordering::Relaxed) || z.its.is_empty() {
            return Ok(Some(None));
        }
        let mut items = Vec::with_capacity(z.its.len());
        for (i, &sub) in z.its.iter().enumerate() {
            match ops::iter::next(vm, sub)? {
                Some(v) => items.push(v),
                None => {
                    z.done.store(true, Ordering::Relaxed);
                    if z.strict {
                        check_strict_lengths(vm, "zip", &z.its, i)?;
                    }
                    return Ok(Some(None));
                }
            }
        }
        return Ok(Some(Some(vm.new_tuple(items))));
    }
    if let Some(m) = native::<Map>(it) {
        let mut args = Vec::with_capacity(m.its.len());
        for &sub in &m.its {
            match ops::iter::next(vm, sub)? {
                Some(v) => args.push(v),
                None => {
                    if m.strict {
                        check_strict_lengths(vm, "map", &m.its, args.len())?;
                    }
                    return Ok(Some(None));
                }
            }
        }
        return call::call(vm, m.func, &args).map(|v| Some(Some(v)));
    }
    if let Some(f) = native::<Filter>(it) {
        while let Some(v) = ops::iter::next(vm, f.it)? {
            let keep = if f.func.is_none() {
                ops::truthy(vm, v)?
            } else {
                let r = call::call(vm, f.func, &[v])?;
                ops::truthy(vm, r)?
            };
            if keep {
                return Ok(Some(Some(v)));
            }
        }
        return Ok(Some(None));
    }
    if let Some(r) = native::<Reversed>(it) {
        let i = r.index.load(Ordering::Relaxed);
        if i == 0 {
            return Ok(Some(None));
        }
        r.index.store(i - 1, Ordering::Relaxed);
        let key = Value::small_int(i as i64 - 1);
        return match ops::subscript::getitem(vm, r.seq, key) {
            Ok(v) => Ok(Some(Some(v))),
            Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.index_error) => {
                r.index.store(0, Ordering::Relaxed);
                Ok(Some(None))
            }
            Err(e) => Err(e),
        };
    }
    if let Some(c) = native::<CallableIter>(it) {
        if c.done.load(Ordering::Relaxed) {
            return Ok(Some(None));
        }
        let v = call::call(vm, c.func, &[])?;
        if ops::compare::eq(vm, v, c.sentinel)? {
            c.done.store(true, Ordering::Relaxed);
            return Ok(Some(None));
        }
        return Ok(Some(Some(v)));
    }
    if let Some(g) = native::<GetItemIter>(it) {
        if g.done.load(Ordering::Relaxed) {
            return Ok(Some(None));
        }
        let i = g.index.fetch_add(1, Ordering::Relaxed);
        let key = Value::small_int(i as i64);
        return match ops::subscript::getitem(vm, g.seq, key) {
            Ok(v) => Ok(Some(Some(v))),
            Err(e)
                if ops::is_instance(vm, e.value(), vm.rt.exc.index_error)
                    || ops::is_instance(vm, e.value(), vm.rt.exc.stop_iteration) =>
            {
                g.done.store(true, Ordering::Relaxed);
                Ok(Some(None))
            }
            Err(e) => Err(e),
        };
    }
    if let Some(s) = native::<ListSnapshotIter>(it) {
        if let Some(set) = crate::builtins::set::set_of(s.source)
            && set.lock().len() != s.len
        {
            s.index.store(usize::MAX / 2, Ordering::Relaxed);
            return Err(vm.runtime_error("Set changed size during iteration"));
        }
        let i = s.index.load(Ordering::Relaxed);
        return Ok(Some(match s.items.get(i) {
            Some(&v) => {
                s.index.store(i + 1, Ordering::Relaxed);
                Some(v)
            }
            None => None,
        }));
    }
    Ok(None)
}

/// The `__getitem__`-protocol iterator for `seq`.
pub fn new_getitem_iter(vm: &mut Vm, seq: Value) -> Value {
    let ty = native_type(vm, "iterator");
    new_native(
        vm,
        ty,
        GetItemIter {
            seq,
            index: AtomicUsize::new(0),
            done: AtomicBool::new(false),
        },
    )
}

/// `iter(func, sentinel)`.
pub fn new_callable_iter(vm: &mut Vm, func: Value, sentinel: Value) -> Value {
    let ty = native_type(vm, "callable_iterator");
    new_native(
        vm,
        ty,
        CallableIter {
            func,
            sentinel,
            done: AtomicBool::new(false),
        },
    )
}

/// `anext(it, default)`: an awaitable that yields `default` on `StopAsyncIteration`.
pub fn anext_with_default(vm: &mut Vm, awaitable: Value, default: Value) -> PyResult<Value> {
    let ty = native_type(vm, "anext_awaitable");
    Ok(new_native(
        vm,
        ty,
        AnextDefault {
            awaitable: AtomicValue::new(awaitable),
            default,
        },
    ))
}

fn anext_await(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__await__")?;
    let Some(a) = native::<AnextDefault>(v) else {
        return Err(vm.type_error("expected anext awaitable"));
    };
    let it = crate::vm::generator_ops::get_awaitable(vm, a.awaitable.get(), 0)?;
    a.awaitable.set(it);
    Ok(v)
}

fn anext_send(vm: &mut Vm, args: &Args, throw: bool) -> PyResult<Value> {
    let a = args.range(vm, "send", 1, 2)?;
    let Some(an) = native::<AnextDefault>(a[0]) else {
        return Err(vm.type_error("expected anext awaitable"));
    };
    let it = an.awaitable.get();
    let arg = a.get(1).copied().unwrap_or(Value::NONE);
    let r = if throw {
        let t = ops::attr::getattr_str(vm, it, "throw")?;
        call::call(vm, t, &[arg])
    } else if kind_of(it) == Some(ObjKind::Generator) {
        crate::vm::generator_ops::gen_send(vm, it, arg)
    } else {
        let s = ops::attr::getattr_str(vm, it, "send")?;
        call::call(vm, s, &[arg])
    };
    match r {
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.stop_async_iteration) => {
            Err(vm.stop_iteration(an.default))
        }
        r => r,
    }
}

fn anext_send_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    anext_send(vm, args, false)
}

fn anext_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__next__")?;
    anext_send(vm, &Args::positional(&[v, Value::NONE]), false)
}

fn anext_throw(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    anext_send(vm, args, true)
}

fn enumerate_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "enumerate", &["iterable", "start"])?;
    let pos = &args.pos()[1..];
    let iterable = pos.first().copied().or(args.kwarg("iterable"));
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let start = pos
        .get(1)
        .copied()
        .or(args.kwarg("start"))
        .unwrap_or(Value::small_int(0));
    if ops::int_of(start).is_none() {
        let tn = ops::type_name(vm, start);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    }
    let it = ops::iter::get_iter(vm, iterable)?;
    let ty = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    Ok(new_native(
        vm,
        ty,
        Enumerate {
            it,
            count: Mutex::new(start),
        },
    ))
}

fn zip_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "zip", &["strict"])?;
    let strict = match args.kwarg("strict") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let mut its = Vec::new();
    for &a in &args.pos()[1..] {
        its.push(ops::iter::get_iter(vm, a)?);
    }
    let ty = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    Ok(new_native(
        vm,
        ty,
        Zip {
            its,
            strict,
            done: AtomicBool::new(false),
        },
    ))
}

/// The `strict=True` check of `zip()` and `map()` once argument `exhausted` (0-based)
/// ran out: an error when it is not the first, or when a later one still has items
/// (CPython's `zip_next`/`map_next`).
fn check_strict_lengths(vm: &mut Vm, fname: &str, its: &[Value], exhausted: usize) -> PyResult<()> {
    // "argument 1" or "arguments 1-N" for the N arguments before the one reported.
    let before = |n: usize| {
        if n == 1 {
            "argument 1".to_owned()
        } else {
            format!("arguments 1-{n}")
        }
    };
    if exhausted > 0 {
        return Err(vm.value_error(format!(
            "{fname}() argument {} is shorter than {}",
            exhausted + 1,
            before(exhausted)
        )));
    }
    for (j, &rest) in its.iter().enumerate().skip(1) {
        if ops::iter::next(vm, rest)?.is_some() {
            return Err(vm.value_error(format!(
                "{fname}() argument {} is longer than {}",
                j + 1,
                before(j)
            )));
        }
    }
    Ok(())
}

fn map_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "map", &["strict"])?;
    let strict = match args.kwarg("strict") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let pos = &args.pos()[1..];
    if pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::new();
    for &a in &pos[1..] {
        its.push(ops::iter::get_iter(vm, a)?);
    }
    let ty = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    Ok(new_native(
        vm,
        ty,
        Map {
            func: pos[0],
            its,
            strict,
        },
    ))
}

fn filter_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "filter")?;
    let pos = &args.pos()[1..];
    if pos.len() != 2 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", pos.len())));
    }
    let it = ops::iter::get_iter(vm, pos[1])?;
    let ty = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    Ok(new_native(vm, ty, Filter { func: pos[0], it }))
}

fn reversed_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "reversed")?;
    let pos = &args.pos()[1..];
    if pos.len() != 1 {
        return Err(vm.type_error(format!("reversed expected 1 argument, got {}", pos.len())));
    }
    let seq = pos[0];
    if let Some(r) = call::call_special(vm, seq, "__reversed__", &[])? {
        return Ok(r);
    }
    let ty_seq = type_of(vm, seq);
    let is_mapping = matches!(kind_of(ops::unwrap_payload(seq)), Some(ObjKind::Dict));
    if is_mapping
        || ops::attr::lookup_type(vm, ty_seq, "__getitem__").is_none()
        || ops::attr::lookup_type(vm, ty_seq, "__len__").is_none()
    {
        let tn = ty_seq.name();
        return Err(vm.type_error(format!("'{tn}' object is not reversible")));
    }
    let n = ops::len(vm, seq)?;
    let ty = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    Ok(new_native(
        vm,
        ty,
        Reversed {
            seq,
            index: AtomicUsize::new(n),
        },
    ))
}

fn iter_self(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__iter__")
}

fn iter_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let it = args.one(vm, "__next__")?;
    match ops::iter::next(vm, it)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::NONE)),
    }
}

fn view_len_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__len__")?;
    let n = native::<DictView>(v).map_or(0, view_len);
    Ok(vm.new_int(n as i64))
}

fn view_contains_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__contains__", 2, 2)?;
    let Some(v) = native::<DictView>(a[0]) else {
        return Ok(Value::FALSE);
    };
    view_contains(vm, v, a[1]).map(Value::from_bool)
}

fn view_iter_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__iter__")?;
    let Some(view) = native::<DictView>(v) else {
        return Err(vm.type_error("expected a dict view"));
    };
    Ok(dict_iter(vm, view.dict, view.kind))
}

fn view_reversed_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__reversed__")?;
    let mut items = crate::builtins::dict::view_items(vm, v).unwrap_or_default();
    items.reverse();
    let l = vm.new_list(items);
    ops::iter::get_iter(vm, l)
}

fn view_set_op(vm: &mut Vm, args: &Args, op: compiler::ir::ops::BinOp) -> PyResult<Value> {
    let a = args.range(vm, "view op", 2, 2)?;
    let x = crate::builtins::dict::view_items(vm, a[0]).unwrap_or_default();
    let y = match crate::builtins::dict::view_items(vm, a[1]) {
        Some(y) => y,
        None => ops::iter::collect(vm, a[1])?,
    };
    let sx = crate::builtins::set::new_set_from(vm, &x, false)?;
    let sy = crate::builtins::set::new_set_from(vm, &y, false)?;
    Ok(crate::builtins::set::set_binary(vm, sx, sy, op)?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn view_and(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    view_set_op(vm, args, compiler::ir::ops::BinOp::And)
}
fn view_or(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    view_set_op(vm, args, compiler::ir::ops::BinOp::Or)
}
fn view_sub(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    view_set_op(vm, args, compiler::ir::ops::BinOp::Sub)
}
fn view_xor(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    view_set_op(vm, args, compiler::ir::ops::BinOp::Xor)
}

fn view_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__eq__", 2, 2)?;
    // CPython's `dictview_richcompare`: the other side is a view or any set.
    let other = match crate::builtins::dict::view_items(vm, a[1]) {
        Some(y) => Some(y),
        None => crate::builtins::set::set_of(a[1]).map(|s| crate::builtins::set::keys(&s)),
    };
    let (Some(x), Some(y)) = (crate::builtins::dict::view_items(vm, a[0]), other) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if native::<DictView>(a[0]).is_some_and(|v| v.kind == ViewKind::Values) {
        return Ok(Value::from_bool(a[0] == a[1]));
    }
    let sx = crate::builtins::set::new_set_from(vm, &x, false)?;
    let sy = crate::builtins::set::new_set_from(vm, &y, false)?;
    Ok(Value::from_bool(
        crate::builtins::set::set_compare(vm, sx, sy, compiler::ir::ops::CmpOp::Eq)?
            .unwrap_or(false),
    ))
}

/// `dict_keys.isdisjoint(iterable)` (and `dict_items`'): no element of the iterable is
/// in the view.
fn view_isdisjoint(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "isdisjoint", 2, 2)?;
    let Some(view) = native::<DictView>(a[0]) else {
        return Err(vm.type_error("expected a dict view"));
    };
    let it = ops::iter::get_iter(vm, a[1])?;
    while let Some(x) = ops::iter::next(vm, it)? {
        if view_contains(vm, view, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// Attributes of native iterators (`mapping` of dict views).
pub fn native_getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(v) = crate::modules::io::std_getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Some(v) = crate::builtins::memoryview::getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Some(v) = crate::builtins::templatelib::getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Some(v) = native::<DictView>(obj)
        && name == "mapping"
    {
        let _ = vm;
        return Ok(Some(v.dict));
    }
    Ok(None)
}

/// Reprs of native iterators and views.
pub fn native_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(view) = native::<DictView>(v) {
        return view_repr(vm, view).map(Some);
    }
    if let Some(r) = crate::modules::native_repr(vm, v)? {
        return Ok(Some(r));
    }
    let tn = ops::type_name(vm, v);
    Ok(Some(format!("<{tn} object at {:#x}>", v.bits())))
}

fn gen_send_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "send", 2, 2)?;
    crate::vm::generator_ops::gen_send(vm, a[0], a[1])
}

fn gen_next_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let g = args.one(vm, "__next__")?;
    crate::vm::generator_ops::gen_send(vm, g, Value::NONE)
}

fn gen_throw_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "throw", 2, 4)?;
    let exc = throw_exception(vm, &a[1..])?;
    crate::vm::generator_ops::gen_throw(vm, a[0], exc)
}

/// The exception `throw(typ[, val[, tb]])` raises (genobject.c `_gen_throw`): a class
/// is instantiated (with `val` as its argument), an instance is used as is.
pub fn throw_exception(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    let (typ, val, tb) = (
        a[0],
        a.get(1).copied().unwrap_or(Value::NONE),
        a.get(2).copied().unwrap_or(Value::NONE),
    );
    if !tb.is_none() && kind_of(tb) != Some(ObjKind::Traceback) {
        return Err(vm.type_error("throw() third argument must be a traceback object"));
    }
    let exc = if let Some(t) = Gc::<TypeBody>::from_value(typ)
        && ops::is_subtype(t, vm.rt.exc.base_exception)
    {
        if kind_of(val) == Some(ObjKind::Exception) && ops::is_instance(vm, val, t) {
            val
        } else if val.is_none() {
            call::call(vm, typ, &[])?
        } else if let Some(items) = ops::tuple_items(val) {
            let items = items.to_vec();
            call::call(vm, typ, &items)?
        } else {
            call::call(vm, typ, &[val])?
        }
    } else if kind_of(typ) == Some(ObjKind::Exception) {
        if !val.is_none() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        let tn = ops::type_name(vm, typ);
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {tn}"
        )));
    };
    if !tb.is_none()
        && let Some(b) = Gc::<crate::types::exception::ExceptionBody>::from_value(exc)
    {
        b.traceback.set(tb);
    }
    Ok(exc)
}

fn gen_close_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let g = args.one(vm, "close")?;
    crate::vm::generator_ops::gen_close(vm, g)?;
    Ok(Value::NONE)
}

fn coro_await(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let g = args.one(vm, "__await__")?;
    let ty = native_type(vm, "coroutine_wrapper");
    Ok(new_native(vm, ty, CoroWrapper { coro: g }))
}

native_obj!(CoroWrapper { coro: Value } trace(s, t) { t.visit(s.coro); });

fn wrapper_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let w = args.one(vm, "__next__")?;
    let c = native::<CoroWrapper>(w).map_or(Value::NONE, |w| w.coro);
    crate::vm::generator_ops::gen_send(vm, c, Value::NONE)
}

fn wrapper_send(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "send", 2, 2)?;
    let c = native::<CoroWrapper>(a[0]).map_or(Value::NONE, |w| w.coro);
    crate::vm::generator_ops::gen_send(vm, c, a[1])
}

fn wrapper_throw(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "throw", 2, 4)?;
    let c = native::<CoroWrapper>(a[0]).map_or(Value::NONE, |w| w.coro);
    let exc = throw_exception(vm, &a[1..])?;
    crate::vm::generator_ops::gen_throw(vm, c, exc)
}

fn wrapper_close(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let w = args.one(vm, "close")?;
    let c = native::<CoroWrapper>(w).map_or(Value::NONE, |w| w.coro);
    crate::vm::generator_ops::gen_close(vm, c)?;
    Ok(Value::NONE)
}

pub const GENERATOR_METHODS: &[MethodDef] = &[
    method("send", gen_send_m),
    method("throw", gen_throw_m),
    method("close", gen_close_m),
    method("__next__", gen_next_m),
    method("__iter__", iter_self),
];

pub const COROUTINE_METHODS: &[MethodDef] = &[
    method("send", gen_send_m),
    method("throw", gen_throw_m),
    method("close", gen_close_m),
    method("__await__", coro_await),
];

fn length_hint(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let it = args.one(vm, "__length_hint__")?;
    let n = match crate::object::kind_of(it) {
        Some(ObjKind::RangeIter) => {
            let r =
                Gc::<crate::types::misc::RangeIterBody>::from_value(it).expect("range iterator");
            r.remaining.load(Ordering::Relaxed).max(0) as usize
        }
        Some(ObjKind::SeqIter) => {
            let s = Gc::<crate::types::misc::SeqIterBody>::from_value(it).expect("seq iterator");
            let len = ops::len(vm, s.seq).unwrap_or(0);
            len.saturating_sub(s.index.load(Ordering::Relaxed))
        }
        _ => match native::<ListSnapshotIter>(it) {
            Some(l) => l
                .items
                .len()
                .saturating_sub(l.index.load(Ordering::Relaxed)),
            None => match native::<Reversed>(it) {
                Some(r) => r.index.load(Ordering::Relaxed),
                None => 0,
            },
        },
    };
    Ok(vm.new_int(n as i64))
}

pub const SEQ_ITER_METHODS: &[MethodDef] = &[
    method("__iter__", iter_self),
    method("__next__", iter_next),
    method("__length_hint__", length_hint),
];

/// Creates the iterator types and registers them in `builtins`.
pub fn install(vm: &mut Vm) {
    let builtins = vm.interp.builtins.dict;
    for (name, new) in [
        ("enumerate", enumerate_new as crate::args::NativeFn),
        ("zip", zip_new),
        ("map", map_new),
        ("filter", filter_new),
        ("reversed", reversed_new),
    ] {
        let ty = native_type(vm, name);
        add_methods(
            vm,
            ty,
            &[
                staticmethod("__new__", new),
                method("__iter__", iter_self),
                method("__next__", iter_next),
            ],
        );
        ops::dictops::set_item_str(vm, builtins, name, ty.value());
    }
    for name in [
        "iterator",
        "callable_iterator",
        "set_iterator",
        "bytes_iterator",
        "dict_keyiterator",
        "dict_valueiterator",
        "dict_itemiterator",
    ] {
        let ty = native_type(vm, name);
        add_methods(vm, ty, SEQ_ITER_METHODS);
    }
    for name in ["dict_keys", "dict_values", "dict_items"] {
        let ty = native_type(vm, name);
        add_methods(
            vm,
            ty,
            &[
                method("__len__", view_len_m),
                method("__contains__", view_contains_m),
                method("__iter__", view_iter_m),
                method("__reversed__", view_reversed_m),
            ],
        );
        if name != "dict_values" {
            add_methods(
                vm,
                ty,
                &[
                    method("__and__", view_and),
                    method("__or__", view_or),
                    method("__sub__", view_sub),
                    method("__xor__", view_xor),
                    method("__eq__", view_eq),
                    method("isdisjoint", view_isdisjoint),
                ],
            );
            ops::dictops::set_item_str(vm, ty.dict, "__hash__", Value::NONE);
        }
    }
    let wrapper = native_type(vm, "coroutine_wrapper");
    add_methods(
        vm,
        wrapper,
        &[
            method("__iter__", iter_self),
            method("__next__", wrapper_next),
            method("send", wrapper_send),
            method("throw", wrapper_throw),
            method("close", wrapper_close),
        ],
    );
    let anext = native_type(vm, "anext_awaitable");
    add_methods(
        vm,
        anext,
        &[
            method("__await__", anext_await),
            method("__iter__", iter_self),
            method("__next__", anext_next),
            method("send", anext_send_m),
            method("throw", anext_throw),
        ],
    );
}
