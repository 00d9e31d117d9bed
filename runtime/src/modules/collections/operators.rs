//! Copies of a deque and the operators built on them: `copy()`, `+`, `+=`, `*`, `*=`,
//! `__reduce__` and `__class_getitem__` (CPython's `deque_copy`, `deque_concat`,
//! `deque_inplace_repeat`, `deque_reduce`).

use std::collections::VecDeque;

use super::iterator::new_iter;
use super::{Deque, deque_of, deque_type, extend_impl, has_index, is_deque, this};
use crate::args::Args;
use crate::builtins::descriptors::new_native;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::ops::{self, attr, call, type_of};
use crate::types::typeobj::tflags;
use crate::value::Value;

/// `copy()` / `__copy__()`: a deque with the same items and bound; a subclass is called
/// as `type(d)(d)` or `type(d)(d, maxlen)`.
pub(super) fn copy_of(vm: &mut Vm, d: &Deque, me: Value) -> PyResult<Value> {
    let base = deque_type(vm);
    let ty = type_of(vm, me);
    if ty == base {
        let (items, maxlen) = {
            let ring = d.ring.lock();
            (ring.items.clone(), ring.maxlen)
        };
        return Ok(new_native(vm, base, Deque::new(items, maxlen)));
    }
    let r = match d.maxlen() {
        None => call::call(vm, ty.value(), &[me])?,
        Some(m) => {
            let m = vm.new_int(m as i64);
            call::call(vm, ty.value(), &[me, m])?
        }
    };
    if !is_deque(r) {
        let (tn, rn) = (ty.name(), ops::type_name(vm, r));
        return Err(vm.type_error(format!("{tn}() must return a deque, not {rn}")));
    }
    Ok(r)
}

pub(super) fn copy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "copy")?;
    args.method_none(vm, "deque.copy")?;
    copy_of(vm, d, me)
}

pub(super) fn add(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__add__")?;
    let a = args.method_one(vm, "deque.__add__")?;
    let other = a[1];
    if !is_deque(other) {
        let ty = type_of(vm, other);
        if attr::lookup_type(vm, ty, "__radd__").is_some() {
            return Ok(Value::NOT_IMPLEMENTED);
        }
        let tn = ty.name();
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{tn}\") to deque"
        )));
    }
    let new = copy_of(vm, d, me)?;
    let nd = deque_of(new).expect("deque copy");
    extend_impl(vm, nd, new, other, false)?;
    Ok(new)
}

pub(super) fn iadd(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__iadd__")?;
    let a = args.method_one(vm, "deque.__iadd__")?;
    extend_impl(vm, d, me, a[1], false)?;
    Ok(me)
}

/// Repeats the items in place `n` times in total, trimmed to the bound, under one lock
/// hold (CPython's `deque_inplace_repeat`).
fn repeat_in_place(vm: &mut Vm, d: &Deque, n: i64) -> PyResult<()> {
    let mut ring = d.ring.lock();
    let size = ring.items.len();
    if size == 0 || n == 1 {
        return Ok(());
    }
    if n <= 0 {
        ring.items = VecDeque::new();
        ring.bump();
        return Ok(());
    }
    let total = (size as u128) * (n as u128);
    let limit = ring.maxlen.map_or(u128::MAX, |m| m as u128);
    if total.min(limit) > (isize::MAX as u128) / 8 {
        drop(ring);
        return Err(vm.memory_error(""));
    }
    let once: Vec<Value> = ring.items.iter().copied().collect();
    // Only the last `maxlen` items survive, so don't append more than that many.
    let mut rounds = n - 1;
    if let Some(m) = ring.maxlen {
        rounds = rounds.min((m / size) as i64 + 1);
    }
    for _ in 0..rounds {
        for &v in &once {
            ring.push_back(v);
        }
    }
    ring.bump();
    Ok(())
}

/// The repeat count of `d * n`, or `None` when `n` is not an integer.
fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<i64>> {
    if !has_index(vm, n) {
        return Ok(None);
    }
    let b = ops::convert::index_bigint(vm, n)?;
    match num_traits::ToPrimitive::to_i64(&b) {
        Some(i) => Ok(Some(i)),
        None if b.sign() == num_bigint::Sign::Minus => Ok(Some(i64::MIN)),
        None => {
            let tn = ops::type_name(vm, n);
            Err(vm.overflow_error(format!("cannot fit '{tn}' into an index-sized integer")))
        }
    }
}

/// The error of `d * x` for a non-integer `x`, unless a class of `x` defines the
/// reflected operator (CPython tries `nb_multiply` of both operands before the
/// sequence repeat).
fn non_int_repeat(vm: &mut Vm, n: Value) -> PyResult<Value> {
    let ty = type_of(vm, n);
    if ty.has_flag(tflags::HEAPTYPE) && attr::lookup_type(vm, ty, "__rmul__").is_some() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let tn = ty.name();
    Err(vm.type_error(format!("can't multiply sequence by non-int of type '{tn}'")))
}

pub(super) fn mul(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    repeat_new(vm, args, false)
}

pub(super) fn rmul(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    repeat_new(vm, args, true)
}

/// `d * n` and `n * d`: a repeated copy.
fn repeat_new(vm: &mut Vm, args: &Args, reflected: bool) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__mul__")?;
    let a = args.method_one(vm, "deque.__mul__")?;
    let Some(n) = repeat_count(vm, a[1])? else {
        if reflected {
            return Ok(Value::NOT_IMPLEMENTED);
        }
        return non_int_repeat(vm, a[1]);
    };
    let new = copy_of(vm, d, me)?;
    let nd = deque_of(new).expect("deque copy");
    repeat_in_place(vm, nd, n)?;
    Ok(new)
}

pub(super) fn imul(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__imul__")?;
    let a = args.method_one(vm, "deque.__imul__")?;
    let Some(n) = repeat_count(vm, a[1])? else {
        return non_int_repeat(vm, a[1]);
    };
    repeat_in_place(vm, d, n)?;
    Ok(me)
}

pub(super) fn reduce(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, me) = this(vm, args, "__reduce__")?;
    args.method_none(vm, "deque.__reduce__")?;
    let ty = type_of(vm, me).value();
    let empty = vm.new_tuple(Vec::new());
    let ctor_args = match d.maxlen() {
        None => empty,
        Some(m) => {
            let m = vm.new_int(m as i64);
            vm.new_tuple(vec![empty, m])
        }
    };
    let state = match attr::attr_store(me).and_then(|_| attr::instance_dict(vm, me)) {
        Some(dict) if !dict.lock().is_empty() => dict.value(),
        _ => Value::NONE,
    };
    let it = new_iter(vm, d, me, false);
    Ok(vm.new_tuple(vec![ty, ctor_args, state, it]))
}

pub(super) fn class_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__class_getitem__", 2, 2)?;
    Ok(crate::builtins::genericalias::new_generic_alias(
        vm, a[0], a[1],
    ))
}
