//! `list` and `tuple`: indexing and slicing, concatenation and repetition, and their
//! methods, including the stable `sort` with CPython's "list modified during sort" check.

use compiler::ir::ops::{BinOp, CmpOp};
use num_traits::ToPrimitive;

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, compare, convert};
use crate::types::list::ListBody;
use crate::types::misc::SliceBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// `slice.indices(len)`: CPython's `PySlice_GetIndicesEx` (clamped start, stop, step).
pub fn slice_indices(vm: &mut Vm, s: &SliceBody, len: usize) -> PyResult<(i64, i64, i64)> {
    let len = len as i64;
    let bound = |vm: &mut Vm, v: Value| -> PyResult<i64> {
        let b = crate::builtins::range::slice_index(vm, v)?;
        Ok(b.to_i64()
            .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }))
    };
    let step = if s.step.is_none() {
        1
    } else {
        bound(vm, s.step)?
    };
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let step = step.max(-i64::MAX);
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |vm: &mut Vm, v: Value, default: i64| -> PyResult<i64> {
        if v.is_none() {
            return Ok(default);
        }
        let i = bound(vm, v)?;
        Ok(if i < 0 {
            (i.saturating_add(len)).max(lower)
        } else {
            i.min(upper)
        })
    };
    let start = clamp(vm, s.start, if step < 0 { upper } else { lower })?;
    let stop = clamp(vm, s.stop, if step < 0 { lower } else { upper })?;
    Ok((start, stop, step))
}

/// The positions a slice selects.
/// How many positions `slice_positions(start, stop, step)` yields, without listing them
/// (CPython's `PySlice_AdjustIndices` length).
pub fn slice_len(start: i64, stop: i64, step: i64) -> usize {
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    usize::try_from(n).unwrap_or(0)
}

pub fn slice_positions(start: i64, stop: i64, step: i64) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    out
}

/// Normalises an index for a sequence of length `len` ("list index out of range").
pub fn normalize_index(vm: &mut Vm, key: Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match key.as_small_int() {
        Some(i) => i,
        None => {
            if ops::int_of(key).is_none()
                && ops::attr::lookup_type(vm, ops::type_of(vm, key), "__index__").is_none()
            {
                let tn = ops::type_name(vm, key);
                return Err(vm.type_error(format!(
                    "{what} indices must be integers or slices, not {tn}"
                )));
            }
            let b = convert::index_bigint(vm, key)?;
            match b.to_i64() {
                Some(i) => i,
                None => {
                    let tn = ops::type_name(vm, key);
                    return Err(
                        vm.index_error(format!("cannot fit '{tn}' into an index-sized integer"))
                    );
                }
            }
        }
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

fn items_of(v: Value) -> Vec<Value> {
    match Gc::<ListBody>::from_value(v) {
        Some(l) => l.snapshot(),
        None => ops::tuple_items(v).unwrap_or(&[]).to_vec(),
    }
}

/// `seq[key]` for lists and tuples.
pub fn seq_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let is_list = kind_of(obj) == Some(ObjKind::List);
    let what = if is_list { "list" } else { "tuple" };
    if let Some(s) = Gc::<SliceBody>::from_value(key) {
        let items = items_of(obj);
        let (start, stop, step) = slice_indices(vm, &s, items.len())?;
        if !is_list
            && step == 1
            && start == 0
            && stop as usize == items.len()
            && ops::type_of(vm, obj) == vm.rt.types.tuple
        {
            return Ok(obj);
        }
        let picked: Vec<Value> = slice_positions(start, stop, step)
            .into_iter()
            .map(|i| items[i])
            .collect();
        return Ok(if is_list {
            vm.new_list(picked)
        } else {
            vm.new_tuple(picked)
        });
    }
    let items = items_of(obj);
    let i = normalize_index(vm, key, items.len(), what)?;
    Ok(items[i])
}

/// `list[key] = value`.
pub fn list_setitem(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let l = Gc::<ListBody>::from_value(obj).expect("list");
    if let Some(s) = Gc::<SliceBody>::from_value(key) {
        let new_items = ops::iter::collect(vm, value)
            .map_err(|_| vm.type_error("can only assign an iterable"))?;
        let len = l.len();
        let (start, stop, step) = slice_indices(vm, &s, len)?;
        let mut items = l.items.lock();
        if step == 1 {
            let stop = (stop.max(start) as usize).min(items.len());
            let start = (start as usize).min(stop);
            items.splice(start..stop, new_items);
            return Ok(());
        }
        let count = slice_len(start, stop, step);
        if count != new_items.len() {
            let (a, b) = (new_items.len(), count);
            drop(items);
            return Err(vm.value_error(format!(
                "attempt to assign sequence of size {a} to extended slice of size {b}"
            )));
        }
        let mut p = start;
        for v in new_items {
            crate::gc::write_barrier(obj, v);
            if let Some(slot) = usize::try_from(p).ok().and_then(|p| items.get_mut(p)) {
                *slot = v;
            }
            p += step;
        }
        return Ok(());
    }
    let len = l.len();
    let i = normalize_index(vm, key, len, "list assignment")?;
    crate::gc::write_barrier(obj, value);
    let mut items = l.items.lock();
    if i < items.len() {
        items[i] = value;
    }
    Ok(())
}

/// `del list[key]`.
pub fn list_delitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<()> {
    let l = Gc::<ListBody>::from_value(obj).expect("list");
    if let Some(s) = Gc::<SliceBody>::from_value(key) {
        let len = l.len();
        let (start, stop, step) = slice_indices(vm, &s, len)?;
        let mut positions = slice_positions(start, stop, step);
        positions.sort_unstable();
        let mut items = l.items.lock();
        for p in positions.into_iter().rev() {
            if p < items.len() {
                items.remove(p);
            }
        }
        return Ok(());
    }
    let len = l.len();
    let i = normalize_index(vm, key, len, "list assignment")?;
    let mut items = l.items.lock();
    if i < items.len() {
        items.remove(i);
    }
    Ok(())
}

fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<usize>> {
    if ops::int_of(n).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, n), "__index__").is_none()
    {
        return Ok(None);
    }
    // CPython's `PyNumber_AsSsize_t(n, PyExc_OverflowError)`: a count outside the index
    // range is an OverflowError, a negative one repeats nothing.
    let b = convert::index_bigint(vm, n)?;
    let Some(count) = b.to_i64() else {
        let tn = ops::type_name(vm, n);
        return Err(vm.overflow_error(format!("cannot fit '{tn}' into an index-sized integer")));
    };
    Ok(Some(usize::try_from(count).unwrap_or(0)))
}

/// Multiplies `len` items by `n`, failing with MemoryError past what can be allocated.
fn checked_total(vm: &mut Vm, len: usize, n: usize) -> PyResult<usize> {
    match len.checked_mul(n) {
        Some(t) if t <= (1 << 40) / 8 => Ok(t),
        _ => Err(vm.memory_error("")),
    }
}

/// `+` and `*` on lists and tuples.
pub fn seq_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let is_list = kind_of(a) == Some(ObjKind::List);
    match op {
        BinOp::Add => {
            if kind_of(b) != kind_of(a) {
                if is_list || kind_of(b).is_some() {
                    let (ta, tb) = (ops::type_name(vm, a), ops::type_name(vm, b));
                    let what = if is_list { "list" } else { "tuple" };
                    if matches!(kind_of(ops::unwrap_payload(b)), Some(k) if k == kind_of(a).unwrap_or(ObjKind::List))
                    {
                        let mut items = items_of(a);
                        items.extend(items_of(ops::unwrap_payload(b)));
                        return Ok(Some(if is_list {
                            vm.new_list(items)
                        } else {
                            vm.new_tuple(items)
                        }));
                    }
                    let _ = ta;
                    return Err(vm.type_error(format!(
                        "can only concatenate {what} (not \"{tb}\") to {what}"
                    )));
                }
                return Ok(None);
            }
            let (x, y) = (items_of(a), items_of(b));
            if !is_list {
                // CPython returns an exact tuple operand unchanged when the other is empty.
                if y.is_empty() && ops::type_of(vm, a) == vm.rt.types.tuple {
                    return Ok(Some(a));
                }
                if x.is_empty() && ops::type_of(vm, b) == vm.rt.types.tuple {
                    return Ok(Some(b));
                }
            }
            let mut items = x;
            items.extend(y);
            Ok(Some(if is_list {
                vm.new_list(items)
            } else {
                vm.new_tuple(items)
            }))
        }
        BinOp::Mul => {
            let Some(n) = repeat_count(vm, b)? else {
                return Ok(None);
            };
            let items = items_of(a);
            if !is_list && (n == 1 || items.is_empty()) && ops::type_of(vm, a) == vm.rt.types.tuple
            {
                return Ok(Some(a));
            }
            let total = checked_total(vm, items.len(), n)?;
            let mut out = Vec::with_capacity(total);
            for _ in 0..n {
                out.extend_from_slice(&items);
            }
            Ok(Some(if is_list {
                vm.new_list(out)
            } else {
                vm.new_tuple(out)
            }))
        }
        _ => Ok(None),
    }
}

/// `list *= n`.
pub fn list_imul(vm: &mut Vm, a: Value, b: Value) -> PyResult<Value> {
    let Some(n) = repeat_count(vm, b)? else {
        let tn = ops::type_name(vm, b);
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{tn}'")));
    };
    let l = Gc::<ListBody>::from_value(a).expect("list");
    let items = l.snapshot();
    let total = checked_total(vm, items.len(), n)?;
    let mut out = Vec::with_capacity(total);
    for _ in 0..n {
        out.extend_from_slice(&items);
    }
    *l.items.lock() = out;
    Ok(a)
}

fn self_list(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Gc<ListBody>> {
    match args
        .values
        .first()
        .and_then(|v| Gc::<ListBody>::from_value(ops::unwrap_payload(*v)))
    {
        Some(l) => Ok(l),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' for 'list' objects doesn't apply to a non-list object"
        ))),
    }
}

fn list_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = Gc::<TypeBody>::from_value(args.values[0]).expect("cls");
    let l = vm.new_list(Vec::new());
    if cls == vm.rt.types.list {
        return Ok(l);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, l))
}

fn list_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "__init__")?;
    args.no_kwargs(vm, "list")?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let items = match pos.get(1) {
        Some(&it) => ops::iter::collect(vm, it)?,
        None => Vec::new(),
    };
    *l.items.lock() = items;
    Ok(Value::NONE)
}

fn list_append(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "append")?;
    let a = args.method_one(vm, "list.append")?;
    crate::gc::write_barrier(l.value(), a[1]);
    l.items.lock().push(a[1]);
    Ok(Value::NONE)
}

fn list_extend(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "extend")?;
    let a = args.method_one(vm, "list.extend")?;
    let items = ops::iter::collect(vm, a[1])?;
    l.items.lock().extend(items);
    Ok(Value::NONE)
}

fn list_insert(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "insert")?;
    let a = args.method(vm, "insert", 2, 2)?;
    let i = convert::index_i64_clamped(vm, a[1])?;
    let mut items = l.items.lock();
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(at as usize, a[2]);
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "pop")?;
    let a = args.method(vm, "pop", 0, 1)?;
    let len = l.len();
    if len == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let i = match a.get(1) {
        Some(&k) => {
            let i = convert::index_i64(vm, k)?;
            let j = if i < 0 { i + len as i64 } else { i };
            if j < 0 || j >= len as i64 {
                return Err(vm.index_error("pop index out of range"));
            }
            j as usize
        }
        None => len - 1,
    };
    Ok(l.items.lock().remove(i))
}

fn find(vm: &mut Vm, items: &[Value], x: Value) -> PyResult<Option<usize>> {
    for (i, &v) in items.iter().enumerate() {
        if compare::eq(vm, v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn list_remove(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "remove")?;
    let a = args.method_one(vm, "list.remove")?;
    let items = l.snapshot();
    match find(vm, &items, a[1])? {
        Some(i) => {
            let mut cur = l.items.lock();
            if i < cur.len() {
                cur.remove(i);
            }
            Ok(Value::NONE)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn seq_index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.method(vm, "index", 1, 3)?;
    let seq = ops::unwrap_payload(a[0]);
    let items = items_of(seq);
    let n = items.len() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let start = match a.get(2) {
        Some(&s) => norm(convert::index_i64_clamped(vm, s)?),
        None => 0,
    };
    let stop = match a.get(3) {
        Some(&s) => norm(convert::index_i64_clamped(vm, s)?),
        None => n,
    };
    for i in start..stop.max(start) {
        if compare::eq(vm, items[i as usize], a[1])? {
            return Ok(vm.new_int(i));
        }
    }
    let what = if kind_of(seq) == Some(ObjKind::List) {
        "list.index(x): x not in list"
    } else {
        "tuple.index(x): x not in tuple"
    };
    Err(vm.value_error(what))
}

fn seq_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.method_one(
        vm,
        if kind_of(ops::unwrap_payload(args.values[0])) == Some(ObjKind::List) {
            "list.count"
        } else {
            "tuple.count"
        },
    )?;
    let items = items_of(ops::unwrap_payload(a[0]));
    let mut n = 0;
    for v in items {
        if compare::eq(vm, v, a[1])? {
            n += 1;
        }
    }
    Ok(vm.new_int(n))
}

fn list_clear(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "clear")?;
    args.method_none(vm, "list.clear")?;
    l.items.lock().clear();
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "copy")?;
    args.method_none(vm, "list.copy")?;
    let items = l.snapshot();
    Ok(vm.new_list(items))
}

fn list_reverse(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "reverse")?;
    args.method_none(vm, "list.reverse")?;
    l.items.lock().reverse();
    Ok(Value::NONE)
}

fn list_reversed(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "__reversed__")?;
    let mut items = l.snapshot();
    items.reverse();
    let copy = vm.new_list(items);
    ops::iter::get_iter(vm, copy)
}

/// `list.sort(key=None, reverse=False)`: a stable merge sort over (key, item) pairs,
/// run on a copy while the list is emptied, as CPython does, so mutation during the sort
/// is detected and reported.
fn list_sort(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let l = self_list(vm, args, "sort")?;
    if args.pos().len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    args.only_kwargs(vm, "sort", &["key", "reverse"])?;
    let key = args.kwarg("key").filter(|k| !k.is_none());
    let reverse = match args.kwarg("reverse") {
        Some(r) => ops::truthy(vm, r)?,
        None => false,
    };
    let items = std::mem::take(&mut *l.items.lock());
    // Keep the items alive while the list is empty (the rooting rule).
    let holder = vm.new_list(items.clone());
    let result = sort_values(vm, items, key, reverse);
    let mut cur = l.items.lock();
    let modified = !cur.is_empty();
    match result {
        Ok(sorted) => {
            *cur = sorted;
            drop(cur);
            std::hint::black_box(holder);
            if modified {
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(Value::NONE)
        }
        Err(e) => {
            *cur = Gc::<ListBody>::from_value(holder).expect("list").snapshot();
            Err(e)
        }
    }
}

/// Sorts `items` by `key` (stable), honouring `reverse` (which keeps stability).
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let keys = match key {
        Some(k) => {
            let mut ks = Vec::with_capacity(items.len());
            let holder = vm.new_list(Vec::new());
            let hl = Gc::<ListBody>::from_value(holder).expect("list");
            for &v in &items {
                let kv = ops::call::call(vm, k, &[v])?;
                hl.items.lock().push(kv);
                ks.push(kv);
            }
            ks
        }
        None => items.clone(),
    };
    let mut idx: Vec<usize> = (0..items.len()).collect();
    if reverse {
        idx.reverse();
    }
    let mut error = None;
    let mut lt = |vm: &mut Vm, a: usize, b: usize| -> bool {
        if error.is_some() {
            return false;
        }
        match less(vm, keys[a], keys[b]) {
            Ok(r) => r,
            Err(e) => {
                error = Some(e);
                false
            }
        }
    };
    if idx.len() < 64 {
        small_sort(vm, &mut idx, &mut lt);
    } else {
        merge_sort(&mut idx, &mut |a, b| lt(vm, b, a));
    }
    if let Some(e) = error {
        return Err(e);
    }
    if reverse {
        idx.reverse();
    }
    Ok(idx.into_iter().map(|i| items[i]).collect())
}

fn less(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Ok(x < y);
    }
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
        return Ok(x < y);
    }
    let r = compare::richcompare(vm, a, b, CmpOp::Lt)?;
    ops::truthy(vm, r)
}

/// CPython's sort for short lists (Objects/listobject.c `count_run` then `binarysort`),
/// so the comparisons happen in the same order and a failing comparison reports the
/// same operands.
fn small_sort(vm: &mut Vm, v: &mut [usize], lt: &mut impl FnMut(&mut Vm, usize, usize) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    let mut run = 2;
    if lt(vm, v[1], v[0]) {
        while run < n && lt(vm, v[run], v[run - 1]) {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(vm, v[run], v[run - 1]) {
            run += 1;
        }
    }
    for start in run..n {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + ((r - l) >> 1);
            if lt(vm, pivot, v[p]) {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
    }
}

/// A stable merge sort driven by `b_less_than_a(a, b)` ("is b < a"), so that equal
/// elements never swap. Kept here (not `slice::sort_by`) because the comparison can fail
/// and must not observe an inconsistent order.
fn merge_sort(v: &mut [usize], b_less_than_a: &mut impl FnMut(usize, usize) -> bool) {
    if v.len() <= 1 {
        return;
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], b_less_than_a);
    merge_sort(&mut v[mid..], b_less_than_a);
    let mut merged = Vec::with_capacity(v.len());
    let (mut i, mut j) = (0, mid);
    while i < mid && j < v.len() {
        if b_less_than_a(v[i], v[j]) {
            merged.push(v[j]);
            j += 1;
        } else {
            merged.push(v[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&v[i..mid]);
    merged.extend_from_slice(&v[j..]);
    v.copy_from_slice(&merged);
}

fn tuple_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "tuple")?;
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "tuple expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    let t = match pos.get(1) {
        Some(&it)
            if kind_of(it) == Some(ObjKind::Tuple) && ops::type_of(vm, it) == vm.rt.types.tuple =>
        {
            it
        }
        Some(&it) => {
            let items = ops::iter::collect(vm, it)?;
            vm.new_tuple(items)
        }
        None => vm.new_tuple(Vec::new()),
    };
    if cls == vm.rt.types.tuple {
        return Ok(t);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, t))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", list_new),
    method("__init__", list_init),
    method("append", list_append),
    method("extend", list_extend),
    method("insert", list_insert),
    method("pop", list_pop),
    method("remove", list_remove),
    method("index", seq_index),
    method("count", seq_count),
    method("clear", list_clear),
    method("copy", list_copy),
    method("reverse", list_reverse),
    method("sort", list_sort),
    method("__reversed__", list_reversed),
];

pub const TUPLE_METHODS: &[MethodDef] = &[
    staticmethod("__new__", tuple_new),
    method("index", seq_index),
    method("count", seq_count),
];
