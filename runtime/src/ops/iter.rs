//! Iteration: `iter()` (with the `__getitem__` sequence fallback) and `next()`, with
//! specialised iterators for ranges, lists, tuples and strs.

use std::sync::atomic::Ordering;

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, type_of};
use crate::types::list::ListBody;
use crate::types::misc::{RangeIterBody, SeqIterBody};
use crate::types::str::StrBody;
use crate::types::typeobj::tflags;
use crate::value::Value;

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let ty = type_of(vm, v);
    if !ty.has_flag(tflags::HEAPTYPE) {
        match kind_of(v) {
            Some(ObjKind::List) => return Ok(seq_iter(vm, v, vm.rt.types.list_iterator)),
            Some(ObjKind::Tuple) => return Ok(seq_iter(vm, v, vm.rt.types.tuple_iterator)),
            Some(ObjKind::Str) => return Ok(seq_iter(vm, v, vm.rt.types.str_iterator)),
            Some(ObjKind::Range) => {
                if let Some(it) = crate::builtins::range::range_iter(vm, v)? {
                    return Ok(it);
                }
            }
            Some(ObjKind::RangeIter) | Some(ObjKind::SeqIter) | Some(ObjKind::Generator) => {
                return Ok(v);
            }
            Some(ObjKind::Dict) => {
                return Ok(crate::builtins::dict::dict_iter(
                    vm,
                    v,
                    crate::builtins::dict::ViewKind::Keys,
                ));
            }
            Some(ObjKind::Set)
            | Some(ObjKind::Bytes)
            | Some(ObjKind::ByteArray)
            | Some(ObjKind::Native) => {
                if let Some(it) = crate::builtins::iterators::builtin_iter(vm, v)? {
                    return Ok(it);
                }
            }
            _ => {}
        }
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__iter__") {
        if f.is_none() {
            let tn = ty.name();
            return Err(vm.type_error(format!("'{tn}' object is not iterable")));
        }
        let it = call::call_method(vm, f, v, &[])?;
        let it_ty = type_of(vm, it);
        if attr::lookup_type(vm, it_ty, "__next__").is_none() {
            let tn = it_ty.name();
            return Err(vm.type_error(format!("iter() returned non-iterator of type '{tn}'")));
        }
        return Ok(it);
    }
    if attr::lookup_type(vm, ty, "__getitem__").is_some() {
        return Ok(crate::builtins::iterators::new_getitem_iter(vm, v));
    }
    let tn = ty.name();
    Err(vm.type_error(format!("'{tn}' object is not iterable")))
}

fn seq_iter(vm: &mut Vm, seq: Value, ty: Gc<crate::types::typeobj::TypeBody>) -> Value {
    vm.alloc(
        ty,
        SeqIterBody {
            seq,
            index: Default::default(),
        },
    )
    .value()
}

/// `next(it)`: `Ok(None)` when exhausted (a `StopIteration` is consumed).
/// The next item of a range iterator.
#[inline]
pub fn range_next(vm: &mut Vm, r: &RangeIterBody) -> Option<Value> {
    let left = r.remaining.load(Ordering::Relaxed);
    if left <= 0 {
        return None;
    }
    r.remaining.store(left - 1, Ordering::Relaxed);
    let item = r.item(left);
    Some(match i64::try_from(item) {
        Ok(i) => vm.new_int(i),
        Err(_) => vm.new_bigint(num_bigint::BigInt::from(item)),
    })
}

/// The iterator `it` and the list it walks, when `it` is a list iterator.
#[inline]
pub fn list_iterator_list(it: Value) -> Option<(Gc<SeqIterBody>, Gc<ListBody>)> {
    let s = Gc::<SeqIterBody>::from_value(it)?;
    let list = Gc::<ListBody>::from_value(s.seq)?;
    Some((s, list))
}

/// The next item of list iterator `s` over `list` (`None` when exhausted, after which it
/// stays exhausted even if the list grows).
#[inline]
pub fn list_iter_next(s: &SeqIterBody, list: &ListBody) -> Option<Value> {
    let i = s.index.load(Ordering::Relaxed);
    advance(s, i, list.get(i))
}

/// Moves sequence iterator `s` past index `i` when `item` (the item there) exists, and
/// marks it exhausted otherwise: it stays exhausted even if the sequence grows later.
#[inline]
fn advance(s: &SeqIterBody, i: usize, item: Option<Value>) -> Option<Value> {
    let next = if item.is_some() {
        i + 1
    } else {
        usize::MAX / 2
    };
    s.index.store(next, Ordering::Relaxed);
    item
}

pub fn next(vm: &mut Vm, it: Value) -> PyResult<Option<Value>> {
    match kind_of(it) {
        Some(ObjKind::RangeIter) => {
            let r = Gc::<RangeIterBody>::from_value(it).expect("range iterator");
            return Ok(range_next(vm, &r));
        }
        Some(ObjKind::SeqIter) => {
            let s = Gc::<SeqIterBody>::from_value(it).expect("seq iterator");
            let i = s.index.load(Ordering::Relaxed);
            let item = if let Some(l) = Gc::<ListBody>::from_value(s.seq) {
                l.get(i)
            } else if let Some(t) = ops::tuple_items(s.seq) {
                t.get(i).copied()
            } else if let Some(st) = Gc::<StrBody>::from_value(s.seq) {
                (i < st.char_len()).then(|| crate::builtins::str::code_value(vm, st.code_at(i)))
            } else {
                None
            };
            return Ok(advance(&s, i, item));
        }
        Some(ObjKind::Generator) => return crate::vm::generator_ops::gen_next(vm, it),
        Some(ObjKind::Native) => {
            if let Some(r) = crate::builtins::iterators::native_next(vm, it)? {
                return Ok(r);
            }
        }
        _ => {}
    }
    let ty = type_of(vm, it);
    let Some(f) = attr::lookup_type(vm, ty, "__next__") else {
        let tn = ty.name();
        return Err(vm.type_error(format!("'{tn}' object is not an iterator")));
    };
    match call::call_method(vm, f, it, &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// All items of an iterable, in a Rust vector. The items are kept alive through a list
/// object while iteration may run Python code (the rooting rule).
pub fn collect(vm: &mut Vm, iterable: Value) -> PyResult<Vec<Value>> {
    if let Some(items) = ops::tuple_items(iterable) {
        return Ok(items.to_vec());
    }
    if kind_of(iterable) == Some(ObjKind::List) && type_of(vm, iterable) == vm.rt.types.list {
        return Ok(Gc::<ListBody>::from_value(iterable)
            .expect("list")
            .snapshot());
    }
    let it = get_iter(vm, iterable)?;
    let holder = vm.new_list(Vec::new());
    let list = Gc::<ListBody>::from_value(holder).expect("list");
    while let Some(v) = next(vm, it)? {
        list.items.lock().push(v);
    }
    let items = list.snapshot();
    std::hint::black_box(holder);
    Ok(items)
}
