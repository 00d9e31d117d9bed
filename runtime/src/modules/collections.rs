//! `_collections`: the native `deque` and its two iterator types (CPython's
//! `Modules/_collectionsmodule.c`, `deque_*` and `dequeiter_*`).
//!
//! A deque is a native object whose body is a `VecDeque<Value>` behind a
//! `parking_lot::Mutex`. Threads run Python code in parallel, so each structural
//! operation (append, appendleft, pop, popleft, extend of a list or tuple, rotate, clear,
//! reverse, insert, item access) holds the mutex exactly once and is atomic, as under
//! CPython's GIL. The mutex is never held while Python code runs (`__eq__`, `__index__`,
//! iteration of an argument, reprs of the items): operations that need it copy an item
//! out, release, call, re-lock and compare the deque's mutation counter (`state`, as in
//! CPython) to detect changes made meanwhile. Comparisons that can be decided without
//! Python code (small ints, strs, floats) run under one lock hold, so `x in d` and
//! `d.count(x)` on such items are atomic too and never see a concurrent append as a
//! mutation.
//!
//! Subclasses (`class D(deque)`) are ordinary instances carrying a deque as their builtin
//! payload (`ops::payload_of`), like subclasses of `list`; every method accepts either.
//!
//! The iterators live in `collections/iterator.rs`, copies and the operators built on
//! them in `collections/operators.rs`.
//!
//! Deliberate difference from CPython: error messages that name the type say `'deque'`
//! where CPython's `tp_name` gives `'collections.deque'` (the runtime has no separate
//! `tp_name`).

use std::any::Any;
use std::collections::VecDeque;

use parking_lot::Mutex;

use crate::args::Args;
use crate::builtins::descriptors::{PropertyObj, native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{MethodDef, add_methods, classmethod, method, new_builtin, staticmethod};
use crate::errors::{PyErr, PyResult};
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, compare, dictops, type_of};
use crate::types::function::Binding;
use crate::types::list::ListBody;
use crate::types::module::ModuleBody;
use crate::types::native::NativeObject;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};
use compiler::ir::ops::CmpOp;

mod iterator;
mod operators;

use iterator::{ITER_METHODS, ITER_TYPES, deque_iter, deque_reversed};
pub use iterator::{is_deque_iterator, iterator_next};
use operators::{add, class_getitem, copy, iadd, imul, mul, reduce, rmul};

const MUTATED: &str = "deque mutated during iteration";

/// The items, the bound and the mutation counter, guarded together.
struct Ring {
    items: VecDeque<Value>,
    /// `None` when unbounded.
    maxlen: Option<usize>,
    /// Bumped by every change of the items or their order (CPython's `deque->state`).
    state: u64,
}

impl Ring {
    fn bump(&mut self) {
        self.state = self.state.wrapping_add(1);
    }

    /// Appends on the right, dropping from the left when the deque is full.
    fn push_back(&mut self, v: Value) {
        self.bump();
        match self.maxlen {
            Some(0) => return,
            Some(m) if self.items.len() >= m => {
                self.items.pop_front();
            }
            _ => {}
        }
        self.items.push_back(v);
    }

    /// Appends on the left, dropping from the right when the deque is full.
    fn push_front(&mut self, v: Value) {
        self.bump();
        match self.maxlen {
            Some(0) => return,
            Some(m) if self.items.len() >= m => {
                self.items.pop_back();
            }
            _ => {}
        }
        self.items.push_front(v);
    }

    /// `i` (negative counts from the end) as a position, if in range.
    fn position(&self, i: i64) -> Option<usize> {
        let n = self.items.len() as i64;
        let i = if i < 0 { i + n } else { i };
        (0..n).contains(&i).then_some(i as usize)
    }
}

/// A deque's body.
pub struct Deque {
    ring: Mutex<Ring>,
}

impl NativeObject for Deque {
    fn trace(&self, tracer: &mut Tracer) {
        // Collections happen only at safepoints, which no thread reaches while holding
        // this lock, so taking it here never waits.
        let ring = self.ring.lock();
        for &v in &ring.items {
            tracer.visit(v);
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Deque {
    fn new(items: VecDeque<Value>, maxlen: Option<usize>) -> Deque {
        Deque {
            ring: Mutex::new(Ring {
                items,
                maxlen,
                state: 0,
            }),
        }
    }

    fn len(&self) -> usize {
        self.ring.lock().items.len()
    }

    fn len_and_state(&self) -> (usize, u64) {
        let ring = self.ring.lock();
        (ring.items.len(), ring.state)
    }

    fn maxlen(&self) -> Option<usize> {
        self.ring.lock().maxlen
    }

    /// A copy of the items (to be rooted by the caller before Python code runs).
    fn snapshot(&self) -> Vec<Value> {
        self.ring.lock().items.iter().copied().collect()
    }

    /// The item at `i` if the deque is still in `state`; `Err` when it changed.
    fn item_if_unchanged(&self, i: usize, state: u64) -> Result<Option<Value>, ()> {
        let ring = self.ring.lock();
        if ring.state != state {
            return Err(());
        }
        Ok(ring.items.get(i).copied())
    }
}

fn deque_type(vm: &mut Vm) -> Gc<TypeBody> {
    native_type(vm, "collections.deque")
}

/// The deque behind `v`: a deque itself or an instance of a subclass.
fn deque_of<'a>(v: Value) -> Option<&'a Deque> {
    native::<Deque>(v).or_else(|| native::<Deque>(ops::payload_of(v)?))
}

/// The native object holding `v`'s items.
fn body_value(v: Value) -> Value {
    if native::<Deque>(v).is_some() {
        v
    } else {
        ops::unwrap_payload(v)
    }
}

/// Whether `v` is a deque or an instance of a subclass.
pub fn is_deque(v: Value) -> bool {
    deque_of(v).is_some()
}

/// The deque `self` of a method call, with the `self` value itself.
fn this<'a>(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(&'a Deque, Value)> {
    let v = args.values.first().copied().unwrap_or(Value::NONE);
    match deque_of(v) {
        Some(d) => Ok((d, v)),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'collections.deque' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn mutated(vm: &mut Vm) -> PyErr {
    vm.runtime_error(MUTATED)
}

/// `v` as a `Py_ssize_t` through `__index__` (CPython's `PyNumber_AsSsize_t` with
/// `OverflowError`).
fn ssize_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let b = ops::convert::index_bigint(vm, v)?;
    num_traits::ToPrimitive::to_i64(&b)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))
}

fn has_index(vm: &mut Vm, v: Value) -> bool {
    if ops::int_of(v).is_some() {
        return true;
    }
    let ty = type_of(vm, v);
    attr::lookup_type(vm, ty, "__index__").is_some()
}

/// A subscript as an item index: "sequence index must be integer" for non-integers,
/// `IndexError` when it does not fit (CPython's `PySequence_GetItem` path).
fn item_index(vm: &mut Vm, key: Value) -> PyResult<i64> {
    if let Some(i) = key.as_small_int() {
        return Ok(i);
    }
    if !has_index(vm, key) {
        let tn = ops::type_name(vm, key);
        return Err(vm.type_error(format!("sequence index must be integer, not '{tn}'")));
    }
    ops::convert::index_i64(vm, key)
}

/// A `start`/`stop` argument of `index()` (CPython's `_PyEval_SliceIndexNotNone`):
/// clamped into range.
fn slice_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if !has_index(vm, v) {
        return Err(vm.type_error("slice indices must be integers or have an __index__ method"));
    }
    ops::convert::index_i64_clamped(vm, v)
}

/// The `maxlen` argument: `None` or a non-negative int (`PyLong_AsSsize_t`, which takes
/// no `__index__`).
fn maxlen_arg(vm: &mut Vm, v: Value) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    let Some(i) = ops::int_of(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    let i = match i {
        ops::IntRef::Small(i) => i,
        ops::IntRef::Big(b) => num_traits::ToPrimitive::to_i64(b)
            .ok_or_else(|| vm.overflow_error("Python int too large to convert to C ssize_t"))?,
    };
    if i < 0 {
        return Err(vm.value_error("maxlen must be non-negative"));
    }
    Ok(Some(i as usize))
}

/// A new deque object of class `cls` (a subclass gets an instance with a deque payload).
fn new_deque(vm: &mut Vm, cls: Gc<TypeBody>, body: Deque) -> Value {
    let base = deque_type(vm);
    let d = new_native(vm, base, body);
    if cls == base {
        return d;
    }
    crate::builtins::object::new_instance(vm, cls, d)
}

// ---------------------------------------------------------------- construction

fn deque_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let base = deque_type(vm);
    let cls = match args
        .values
        .first()
        .copied()
        .and_then(Gc::<TypeBody>::from_value)
    {
        Some(c) => c,
        None => return Err(vm.type_error("deque.__new__(X): X is not a type object")),
    };
    if !ops::is_subtype(cls, base) {
        let tn = cls.name();
        return Err(vm.type_error(format!(
            "deque.__new__({tn}): {tn} is not a subtype of deque"
        )));
    }
    Ok(new_deque(vm, cls, Deque::new(VecDeque::new(), None)))
}

/// `__init__(iterable=(), maxlen=None)`: empties the deque, sets the bound, then extends.
fn deque_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__init__")?;
    let pos = &args.pos()[1..];
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "deque() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let mut iterable = pos.first().copied();
    let mut maxlen = pos.get(1).copied();
    for (name, value) in args.kwargs() {
        let (slot, position) = match name {
            "iterable" => (&mut iterable, 1),
            "maxlen" => (&mut maxlen, 2),
            _ => {
                return Err(vm.type_error(format!(
                    "deque() got an unexpected keyword argument '{name}'"
                )));
            }
        };
        if slot.is_some() {
            return Err(vm.type_error(format!(
                "argument for deque() given by name ('{name}') and position ({position})"
            )));
        }
        *slot = Some(value);
    }
    let maxlen = maxlen_arg(vm, maxlen.unwrap_or(Value::NONE))?;
    {
        let mut ring = d.ring.lock();
        ring.maxlen = maxlen;
        if !ring.items.is_empty() {
            ring.items.clear();
            ring.bump();
        }
    }
    if let Some(it) = iterable {
        extend_impl(vm, d, me, it, false)?;
    }
    Ok(Value::NONE)
}

// ---------------------------------------------------------------- both ends

fn append(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "append")?;
    let a = args.method_one(vm, "deque.append")?;
    crate::gc::write_barrier(body_value(a[0]), a[1]);
    d.ring.lock().push_back(a[1]);
    Ok(Value::NONE)
}

fn appendleft(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "appendleft")?;
    let a = args.method_one(vm, "deque.appendleft")?;
    crate::gc::write_barrier(body_value(a[0]), a[1]);
    d.ring.lock().push_front(a[1]);
    Ok(Value::NONE)
}

fn pop_impl(vm: &mut Vm, args: &Args, left: bool) -> PyResult<Value> {
    let name = if left { "popleft" } else { "pop" };
    let (d, _) = this(vm, args, name)?;
    args.method_none(vm, if left { "deque.popleft" } else { "deque.pop" })?;
    let item = {
        let mut ring = d.ring.lock();
        let item = if left {
            ring.items.pop_front()
        } else {
            ring.items.pop_back()
        };
        if item.is_some() {
            ring.bump();
        }
        item
    };
    item.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn pop(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pop_impl(vm, args, false)
}

fn popleft(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pop_impl(vm, args, true)
}

/// The items of an exact list or tuple (which iterate without running Python code).
fn plain_sequence_items(vm: &mut Vm, v: Value) -> Option<Vec<Value>> {
    match kind_of(v) {
        Some(ObjKind::List) if type_of(vm, v) == vm.rt.types.list => {
            Gc::<ListBody>::from_value(v).map(|l| l.snapshot())
        }
        Some(ObjKind::Tuple) if type_of(vm, v) == vm.rt.types.tuple => {
            ops::tuple_items(v).map(<[Value]>::to_vec)
        }
        _ => None,
    }
}

/// `extend` / `extendleft`. A list, a tuple or the deque itself goes in under one lock
/// hold; any other iterable item by item, each append atomic, as CPython leaves the
/// items taken before an iteration error in place.
fn extend_impl(vm: &mut Vm, d: &Deque, me: Value, iterable: Value, left: bool) -> PyResult<()> {
    let owner = body_value(me);
    let batch = if deque_of(iterable).is_some_and(|o| std::ptr::eq(o, d)) {
        Some(d.snapshot())
    } else if let Some(other) = native::<Deque>(iterable) {
        // Another exact deque: its items as of one lock hold (its own, released before
        // this one is taken).
        Some(other.snapshot())
    } else {
        plain_sequence_items(vm, iterable)
    };
    if let Some(items) = batch {
        let mut ring = d.ring.lock();
        for v in items {
            crate::gc::write_barrier(owner, v);
            if left {
                ring.push_front(v);
            } else {
                ring.push_back(v);
            }
        }
        return Ok(());
    }
    let it = ops::iter::get_iter(vm, iterable)?;
    while let Some(v) = ops::iter::next(vm, it)? {
        crate::gc::write_barrier(owner, v);
        let mut ring = d.ring.lock();
        if left {
            ring.push_front(v);
        } else {
            ring.push_back(v);
        }
    }
    Ok(())
}

fn extend(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "extend")?;
    let a = args.method_one(vm, "deque.extend")?;
    extend_impl(vm, d, me, a[1], false)?;
    Ok(Value::NONE)
}

fn extendleft(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "extendleft")?;
    let a = args.method_one(vm, "deque.extendleft")?;
    extend_impl(vm, d, me, a[1], true)?;
    Ok(Value::NONE)
}

fn clear(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "clear")?;
    args.method_none(vm, "deque.clear")?;
    let mut ring = d.ring.lock();
    ring.items = VecDeque::new();
    ring.bump();
    Ok(Value::NONE)
}

fn rotate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "rotate")?;
    let a = args.method(vm, "rotate", 0, 1)?;
    let n = match a.get(1) {
        Some(&v) => ssize_arg(vm, v)?,
        None => 1,
    };
    let mut ring = d.ring.lock();
    let len = ring.items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        if k != 0 {
            ring.items.rotate_right(k);
            ring.bump();
        }
    }
    Ok(Value::NONE)
}

fn reverse(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "reverse")?;
    args.method_none(vm, "deque.reverse")?;
    let mut ring = d.ring.lock();
    // Like CPython's `deque_reverse`, this leaves `state` alone: iterators carry on
    // over the reversed items.
    ring.items.make_contiguous().reverse();
    Ok(Value::NONE)
}

fn insert(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "insert")?;
    let a = args.method(vm, "insert", 2, 2)?;
    let index = ssize_arg(vm, a[1])?;
    let value = a[2];
    crate::gc::write_barrier(body_value(me), value);
    let mut ring = d.ring.lock();
    let n = ring.items.len() as i64;
    if ring.maxlen == Some(n as usize) {
        drop(ring);
        return Err(vm.index_error("deque already at its maximum size"));
    }
    // `list.insert`'s clamping, which CPython's rotate-based version amounts to.
    let at = if index < 0 {
        (index + n).max(0)
    } else {
        index.min(n)
    };
    ring.items.insert(at as usize, value);
    ring.bump();
    Ok(Value::NONE)
}

// ---------------------------------------------------------------- searching

/// What a scan does with the items equal to the needle.
#[derive(Clone, Copy, PartialEq)]
enum Scan {
    /// Counts them all.
    Count,
    /// Stops at the first.
    Find,
    /// Deletes the first.
    Remove,
}

/// Compares the items at positions `start..stop` (normalised as slice bounds) with
/// `needle` in order, as `PyObject_RichCompareBool(item, needle, Py_EQ)`, and returns
/// the number of equal items (`Scan::Count`) or the position of the first (`None` when
/// there is none). Comparisons decided without Python code run under one lock hold, so
/// a scan over such items is atomic. The others run with the lock released; when the
/// deque changed meanwhile the scan fails (CPython's `deque_count`, `deque_index`,
/// `deque_contains`, `deque_remove`), except that a match found by `Find` is returned.
fn scan(
    vm: &mut Vm,
    d: &Deque,
    needle: Value,
    (start, stop): (i64, i64),
    mode: Scan,
) -> PyResult<Option<usize>> {
    let mut ring = d.ring.lock();
    let state = ring.state;
    let n = ring.items.len() as i64;
    let norm = |x: i64| if x < 0 { (x + n).max(0) } else { x.min(n) };
    let stop = norm(stop) as usize;
    let mut i = (norm(start) as usize).min(stop);
    let mut hits = 0;
    loop {
        let item = loop {
            if i >= stop {
                return Ok((mode == Scan::Count).then_some(hits));
            }
            let item = ring.items[i];
            let quick = if item == needle {
                Some(true)
            } else {
                compare::builtin_eq(item, needle)
            };
            match (quick, mode) {
                (Some(true), Scan::Count) => hits += 1,
                (Some(true), Scan::Find) => return Ok(Some(i)),
                (Some(true), Scan::Remove) => {
                    ring.items.remove(i);
                    ring.bump();
                    return Ok(Some(i));
                }
                (Some(false), _) => {}
                (None, _) => break item,
            }
            i += 1;
        };
        drop(ring);
        let equal = compare::eq(vm, item, needle)?;
        ring = d.ring.lock();
        let unchanged = ring.state == state;
        if equal {
            match mode {
                Scan::Count => hits += 1,
                Scan::Find => return Ok(Some(i)),
                Scan::Remove if unchanged => {
                    ring.items.remove(i);
                    ring.bump();
                    return Ok(Some(i));
                }
                Scan::Remove => {}
            }
        }
        if !unchanged {
            drop(ring);
            // `remove()` reports a mutation as an `IndexError`, the others as a
            // `RuntimeError`.
            return Err(if mode == Scan::Remove {
                vm.index_error(MUTATED)
            } else {
                mutated(vm)
            });
        }
        i += 1;
    }
}

const WHOLE: (i64, i64) = (0, i64::MAX);

fn count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "count")?;
    let a = args.method_one(vm, "deque.count")?;
    let n = scan(vm, d, a[1], WHOLE, Scan::Count)?.unwrap_or(0);
    Ok(vm.new_int(n as i64))
}

fn contains(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "__contains__")?;
    let a = args.method_one(vm, "deque.__contains__")?;
    let r = scan(vm, d, a[1], WHOLE, Scan::Find)?;
    Ok(Value::from_bool(r.is_some()))
}

fn not_in_deque(vm: &mut Vm, v: Value) -> PyErr {
    match ops::repr::repr_string(vm, v) {
        Ok(r) => vm.value_error(format!("{r} is not in deque")),
        Err(e) => e,
    }
}

fn index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "index")?;
    let a = args.method(vm, "index", 1, 3)?;
    let start = match a.get(2) {
        Some(&v) => slice_index(vm, v)?,
        None => 0,
    };
    let stop = match a.get(3) {
        Some(&v) => slice_index(vm, v)?,
        None => i64::MAX,
    };
    match scan(vm, d, a[1], (start, stop), Scan::Find)? {
        Some(i) => Ok(vm.new_int(i as i64)),
        None => Err(not_in_deque(vm, a[1])),
    }
}

fn remove(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "remove")?;
    let a = args.method_one(vm, "deque.remove")?;
    match scan(vm, d, a[1], WHOLE, Scan::Remove)? {
        Some(_) => Ok(Value::NONE),
        None => Err(not_in_deque(vm, a[1])),
    }
}

// ---------------------------------------------------------------- items

fn len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "__len__")?;
    Ok(vm.new_int(d.len() as i64))
}

fn bool_(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "__bool__")?;
    Ok(Value::from_bool(d.len() != 0))
}

fn out_of_range(vm: &mut Vm) -> PyErr {
    vm.index_error("deque index out of range")
}

fn getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "__getitem__")?;
    let a = args.method_one(vm, "deque.__getitem__")?;
    let i = item_index(vm, a[1])?;
    let ring = d.ring.lock();
    match ring.position(i) {
        Some(p) => Ok(ring.items[p]),
        None => {
            drop(ring);
            Err(out_of_range(vm))
        }
    }
}

fn setitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__setitem__")?;
    let a = args.method(vm, "__setitem__", 2, 2)?;
    let i = item_index(vm, a[1])?;
    crate::gc::write_barrier(body_value(me), a[2]);
    let mut ring = d.ring.lock();
    match ring.position(i) {
        Some(p) => {
            ring.items[p] = a[2];
            Ok(Value::NONE)
        }
        None => {
            drop(ring);
            Err(out_of_range(vm))
        }
    }
}

fn delitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "__delitem__")?;
    let a = args.method_one(vm, "deque.__delitem__")?;
    let i = item_index(vm, a[1])?;
    let mut ring = d.ring.lock();
    match ring.position(i) {
        Some(p) => {
            ring.items.remove(p);
            ring.bump();
            Ok(Value::NONE)
        }
        None => {
            drop(ring);
            Err(out_of_range(vm))
        }
    }
}

fn maxlen_set(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Err(vm.attribute_error("attribute 'maxlen' of 'collections.deque' objects is not writable"))
}

fn maxlen_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, _) = this(vm, args, "maxlen")?;
    Ok(match d.maxlen() {
        Some(m) => vm.new_int(m as i64),
        None => Value::NONE,
    })
}

// ---------------------------------------------------------------- repr and comparisons

fn repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__repr__")?;
    let key = body_value(me);
    if vm.repr_stack.contains(&key) {
        return Ok(vm.new_str("[...]"));
    }
    let items = d.snapshot();
    // The list roots the items while their reprs run Python code.
    let list = vm.new_list(items);
    vm.repr_stack.push(key);
    let body = ops::repr::repr_string(vm, list);
    vm.repr_stack.retain(|x| *x != key);
    let body = body?;
    let name = type_of(vm, me).name();
    let text = match d.maxlen() {
        Some(m) => format!("{name}({body}, maxlen={m})"),
        None => format!("{name}({body})"),
    };
    Ok(vm.new_string(text))
}

/// The six rich comparisons between deques: item by item, like sequences, failing with
/// "deque mutated during iteration" when either changes meanwhile (CPython's
/// `deque_richcompare`).
fn richcompare(vm: &mut Vm, args: &Args, op: CmpOp) -> PyResult<Value> {
    let (v, _) = this(vm, args, "__eq__")?;
    let a = args.method_one(vm, "deque.__eq__")?;
    let Some(w) = deque_of(a[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let same = std::ptr::eq(v, w);
    // One lock at a time: `v` and `w` may be the same deque.
    let vs = v.len_and_state();
    let ws = w.len_and_state();
    match op {
        CmpOp::Eq if same => return Ok(Value::TRUE),
        CmpOp::Eq if vs.0 != ws.0 => return Ok(Value::FALSE),
        CmpOp::Ne if same => return Ok(Value::FALSE),
        CmpOp::Ne if vs.0 != ws.0 => return Ok(Value::TRUE),
        _ => {}
    }
    let mut i = 0;
    let (x, y) = loop {
        let x = v.item_if_unchanged(i, vs.1);
        let y = w.item_if_unchanged(i, ws.1);
        let (Ok(x), Ok(y)) = (x, y) else {
            return Err(mutated(vm));
        };
        let (Some(xv), Some(yv)) = (x, y) else {
            break (x, y);
        };
        if !compare::eq(vm, xv, yv)? {
            return compare::richcompare(vm, xv, yv, op);
        }
        i += 1;
    };
    let r = match op {
        CmpOp::Lt => y.is_some(),
        CmpOp::Le => x.is_none(),
        CmpOp::Eq => x.is_none() && y.is_none(),
        CmpOp::Ne => x.is_some() || y.is_some(),
        CmpOp::Gt => x.is_some(),
        _ => y.is_none(),
    };
    Ok(Value::from_bool(r))
}

fn eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Eq)
}
fn ne(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Ne)
}
fn lt(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Lt)
}
fn le(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Le)
}
fn gt(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Gt)
}
fn ge(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    richcompare(vm, args, CmpOp::Ge)
}

// ---------------------------------------------------------------- the module

const DEQUE_METHODS: &[MethodDef] = &[
    staticmethod("__new__", deque_new),
    method("__init__", deque_init),
    method("append", append),
    method("appendleft", appendleft),
    method("pop", pop),
    method("popleft", popleft),
    method("extend", extend),
    method("extendleft", extendleft),
    method("clear", clear),
    method("copy", copy),
    method("__copy__", copy),
    method("count", count),
    method("index", index),
    method("insert", insert),
    method("remove", remove),
    method("reverse", reverse),
    method("rotate", rotate),
    method("__len__", len),
    method("__bool__", bool_),
    method("__iter__", deque_iter),
    method("__reversed__", deque_reversed),
    method("__contains__", contains),
    method("__getitem__", getitem),
    method("__setitem__", setitem),
    method("__delitem__", delitem),
    method("__repr__", repr),
    method("__eq__", eq),
    method("__ne__", ne),
    method("__lt__", lt),
    method("__le__", le),
    method("__gt__", gt),
    method("__ge__", ge),
    method("__add__", add),
    method("__iadd__", iadd),
    method("__mul__", mul),
    method("__rmul__", rmul),
    method("__imul__", imul),
    method("__reduce__", reduce),
    classmethod("__class_getitem__", class_getitem),
];

/// Builds `_collections`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(vm, "_collections", &[]);
    let ty = deque_type(vm);
    if dictops::get_str(&ty.dict, "append").is_none() {
        ty.set_flag(tflags::BASETYPE);
        add_methods(vm, ty, DEQUE_METHODS);
        dictops::set_item_str(vm, ty.dict, "__hash__", Value::NONE);
        let fget = new_builtin(vm, "maxlen", maxlen_get, Binding::Function, ty.value());
        let fset = new_builtin(vm, "maxlen", maxlen_set, Binding::Function, ty.value());
        let name = vm.intern("maxlen");
        let doc = vm.new_str("maximum size of a deque or None if unbounded");
        let property = vm.rt.types.property;
        let maxlen = new_native(
            vm,
            property,
            PropertyObj {
                fget: AtomicValue::new(fget),
                fset: AtomicValue::new(fset),
                fdel: AtomicValue::new(fset),
                doc: AtomicValue::new(doc),
                name: AtomicValue::new(name),
            },
        );
        dictops::set_item_str(vm, ty.dict, "maxlen", maxlen);
        for name in ITER_TYPES {
            let it = native_type(vm, name);
            add_methods(vm, it, ITER_METHODS);
        }
    }
    super::set(vm, m, "deque", ty.value());
    for name in ITER_TYPES {
        let it = native_type(vm, name);
        let short = it.name();
        super::set(vm, m, &short, it.value());
    }
    Ok(m)
}
