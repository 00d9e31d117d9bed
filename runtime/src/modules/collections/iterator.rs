//! The deque iterators, `collections._deque_iterator` and `_deque_reverse_iterator`
//! (CPython's `dequeiter_*`): a position into the deque and the deque's mutation
//! counter when the iterator was made, checked under the deque's lock at every step.

use std::any::Any;

use parking_lot::Mutex;

use super::{Deque, body_value, mutated, this};
use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{MethodDef, method};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::types::native::NativeObject;
use crate::value::Value;

/// A deque iterator's body (`_deque_iterator` / `_deque_reverse_iterator`).
pub struct DequeIter {
    /// The deque's native object (the payload for a subclass instance).
    deque: Value,
    /// The deque's state when the iterator was made.
    state: u64,
    /// (items yielded so far, items left): CPython's `index` and `counter`.
    pos: Mutex<(usize, usize)>,
    reverse: bool,
}

impl NativeObject for DequeIter {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.deque);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub(super) fn new_iter(vm: &mut Vm, d: &Deque, me: Value, reverse: bool) -> Value {
    let (state, n) = {
        let ring = d.ring.lock();
        (ring.state, ring.items.len())
    };
    let name = if reverse {
        "collections._deque_reverse_iterator"
    } else {
        "collections._deque_iterator"
    };
    let ty = native_type(vm, name);
    new_native(
        vm,
        ty,
        DequeIter {
            deque: body_value(me),
            state,
            pos: Mutex::new((0, n)),
            reverse,
        },
    )
}

pub(super) fn deque_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__iter__")?;
    Ok(new_iter(vm, d, me, false))
}

pub(super) fn deque_reversed(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__reversed__")?;
    Ok(new_iter(vm, d, me, true))
}

/// Whether `v` is a deque iterator.
pub fn is_deque_iterator(v: Value) -> bool {
    native::<DequeIter>(v).is_some()
}

/// The next item of the deque iterator `it`: `None` when `it` is not one, `Some(Ok(None))`
/// when exhausted (CPython's `dequeiter_next`: a mutation is reported even at the end).
pub fn iterator_next(vm: &mut Vm, it: Value) -> Option<PyResult<Option<Value>>> {
    let di = native::<DequeIter>(it)?;
    let d = native::<Deque>(di.deque)?;
    let ring = d.ring.lock();
    let mut pos = di.pos.lock();
    if ring.state != di.state {
        pos.1 = 0;
        drop(pos);
        drop(ring);
        return Some(Err(mutated(vm)));
    }
    if pos.1 == 0 {
        return Some(Ok(None));
    }
    let n = ring.items.len();
    let i = if di.reverse { n - 1 - pos.0 } else { pos.0 };
    let item = ring.items[i];
    pos.0 += 1;
    pos.1 -= 1;
    Some(Ok(Some(item)))
}

fn iter_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let it = args.values.first().copied().unwrap_or(Value::NONE);
    match iterator_next(vm, it) {
        Some(Ok(Some(v))) => Ok(v),
        Some(Ok(None)) => Err(vm.stop_iteration(Value::NONE)),
        Some(Err(e)) => Err(e),
        None => Err(vm.type_error("descriptor '__next__' requires a deque iterator")),
    }
}

fn iter_self(_vm: &mut Vm, args: &Args) -> PyResult<Value> {
    Ok(args.values.first().copied().unwrap_or(Value::NONE))
}

fn iter_length_hint(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let it = args.values.first().copied().unwrap_or(Value::NONE);
    let left = native::<DequeIter>(it).map_or(0, |di| di.pos.lock().1);
    Ok(vm.new_int(left as i64))
}

pub(super) const ITER_TYPES: [&str; 2] = [
    "collections._deque_iterator",
    "collections._deque_reverse_iterator",
];

pub(super) const ITER_METHODS: &[MethodDef] = &[
    method("__iter__", iter_self),
    method("__next__", iter_next),
    method("__length_hint__", iter_length_hint),
];
