//! `range`: construction, length, indexing, membership and its iterator.

use std::sync::atomic::AtomicI64;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, convert};
use crate::types::misc::{RangeBody, RangeIterBody, SliceBody};
use crate::value::Value;

fn bounds(r: &RangeBody) -> (BigInt, BigInt, BigInt) {
    (
        ops::bigint_of(r.start).unwrap_or_default(),
        ops::bigint_of(r.stop).unwrap_or_default(),
        ops::bigint_of(r.step).unwrap_or_default(),
    )
}

/// The number of items of a range (CPython's `compute_range_length`).
pub fn range_len_big(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start >= stop {
            BigInt::zero()
        } else {
            (stop - start - 1) / step + 1
        }
    } else if start <= stop {
        BigInt::zero()
    } else {
        (start - stop - 1) / (-step) + 1
    }
}

fn range_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "range")?;
    let pos = &args.pos()[1..];
    let idx = |vm: &mut Vm, v: Value| -> PyResult<Value> {
        let b = convert::index_bigint(vm, v)?;
        Ok(vm.new_bigint(b))
    };
    let (start, stop, step) = match pos.len() {
        1 => (Value::small_int(0), idx(vm, pos[0])?, Value::small_int(1)),
        2 => (idx(vm, pos[0])?, idx(vm, pos[1])?, Value::small_int(1)),
        3 => (idx(vm, pos[0])?, idx(vm, pos[1])?, idx(vm, pos[2])?),
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    if step == Value::small_int(0) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    let ty = vm.rt.types.range;
    Ok(vm.alloc(ty, RangeBody { start, stop, step }).value())
}

/// `iter(range)` for bounds that fit in `i64`.
pub fn range_iter(vm: &mut Vm, r: Value) -> PyResult<Option<Value>> {
    let r = Gc::<RangeBody>::from_value(r).expect("range");
    let (start, stop, step) = bounds(&r);
    let len = range_len_big(&start, &stop, &step);
    let (Some(s), Some(st), Some(n)) = (start.to_i64(), step.to_i64(), len.to_i64()) else {
        // Huge ranges iterate through a list-free generic path later; rare.
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    };
    let ty = vm.rt.types.range_iterator;
    Ok(Some(
        vm.alloc(
            ty,
            RangeIterBody {
                start: s,
                step: st,
                len: n,
                remaining: AtomicI64::new(n),
            },
        )
        .value(),
    ))
}

/// `range[key]`.
pub fn range_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    let (start, stop, step) = bounds(&r);
    let len = range_len_big(&start, &stop, &step);
    if let Some(s) = Gc::<SliceBody>::from_value(key) {
        let (a, b, c) = big_slice_indices(vm, &s, &len)?;
        let new_start = &start + &step * &a;
        let new_stop = &start + &step * &b;
        let new_step = &step * &c;
        let (x, y, z) = (
            vm.new_bigint(new_start),
            vm.new_bigint(new_stop),
            vm.new_bigint(new_step),
        );
        let ty = vm.rt.types.range;
        return Ok(vm
            .alloc(
                ty,
                RangeBody {
                    start: x,
                    stop: y,
                    step: z,
                },
            )
            .value());
    }
    if ops::int_of(key).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, key), "__index__").is_none()
    {
        let tn = ops::type_name(vm, key);
        return Err(vm.type_error(format!(
            "range indices must be integers or slices, not {tn}"
        )));
    }
    let i = convert::index_bigint(vm, key)?;
    let i = if i.is_negative() { i + &len } else { i };
    if i.is_negative() || i >= len {
        return Err(vm.index_error("range object index out of range"));
    }
    Ok(vm.new_bigint(start + step * i))
}

/// `slice.indices(len)` with big-int bounds (CPython's `_PySlice_GetLongIndices`).
pub fn big_slice_indices(
    vm: &mut Vm,
    s: &SliceBody,
    len: &BigInt,
) -> PyResult<(BigInt, BigInt, BigInt)> {
    let step = if s.step.is_none() {
        BigInt::from(1)
    } else {
        slice_index(vm, s.step)?
    };
    if step.is_zero() {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (BigInt::from(-1), len - 1)
    } else {
        (BigInt::zero(), len.clone())
    };
    let clamp = |vm: &mut Vm, v: Value, default: &BigInt| -> PyResult<BigInt> {
        if v.is_none() {
            return Ok(default.clone());
        }
        let i = slice_index(vm, v)?;
        Ok(if i.is_negative() {
            let j = i + len;
            if j < lower { lower.clone() } else { j }
        } else if i > upper {
            upper.clone()
        } else {
            i
        })
    };
    let start = clamp(vm, s.start, if neg { &upper } else { &lower })?;
    let stop = clamp(vm, s.stop, if neg { &lower } else { &upper })?;
    Ok((start, stop, step))
}

/// A slice bound: an int or `__index__` ("slice indices must be integers or None or have
/// an __index__ method").
pub fn slice_index(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if ops::int_of(v).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, v), "__index__").is_none()
    {
        return Err(
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        );
    }
    convert::index_bigint(vm, v)
}

/// `range == range`: equal as sequences (same length, and same first element and step
/// where they matter).
pub fn range_equal(a: Value, b: Value) -> Option<bool> {
    let x = Gc::<RangeBody>::from_value(a)?;
    let y = Gc::<RangeBody>::from_value(b)?;
    let (s1, e1, st1) = bounds(&x);
    let (s2, e2, st2) = bounds(&y);
    let l1 = range_len_big(&s1, &e1, &st1);
    let l2 = range_len_big(&s2, &e2, &st2);
    if l1 != l2 {
        return Some(false);
    }
    if l1.is_zero() {
        return Some(true);
    }
    if s1 != s2 {
        return Some(false);
    }
    Some(l1 == BigInt::from(1) || st1 == st2)
}

/// `x in range`.
pub fn range_contains(vm: &mut Vm, obj: Value, x: Value) -> PyResult<bool> {
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    if x.is_bool() || ops::int_of(x).is_none() {
        // Non-ints compare by equality, item by item (CPython's fallback).
        let it = ops::iter::get_iter(vm, obj)?;
        while let Some(v) = ops::iter::next(vm, it)? {
            if ops::compare::eq(vm, v, x)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let (start, stop, step) = bounds(&r);
    let v = ops::bigint_of(x).unwrap_or_default();
    let inside = if step.is_positive() {
        v >= start && v < stop
    } else {
        v <= start && v > stop
    };
    Ok(inside && (v - start).mod_floor(&step).is_zero())
}

/// `len(range)`.
pub fn range_len(vm: &mut Vm, obj: Value) -> PyResult<usize> {
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    let (start, stop, step) = bounds(&r);
    match range_len_big(&start, &stop, &step).to_usize() {
        Some(n) => Ok(n),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// `repr(range)`.
pub fn range_repr(vm: &mut Vm, obj: Value) -> PyResult<String> {
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    let a = ops::repr::repr_string(vm, r.start)?;
    let b = ops::repr::repr_string(vm, r.stop)?;
    if r.step == Value::small_int(1) {
        return Ok(format!("range({a}, {b})"));
    }
    let c = ops::repr::repr_string(vm, r.step)?;
    Ok(format!("range({a}, {b}, {c})"))
}

fn m_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = args.one(vm, "__len__")?;
    let n = range_len(vm, r)?;
    Ok(vm.new_int(n as i64))
}

fn m_index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "index", 2, 2)?;
    if range_contains(vm, a[0], a[1])? && ops::int_of(a[1]).is_some() {
        let r = Gc::<RangeBody>::from_value(a[0]).expect("range");
        let (start, _, step) = bounds(&r);
        let v = ops::bigint_of(a[1]).unwrap_or_default();
        return Ok(vm.new_bigint((v - start) / step));
    }
    let rep = ops::repr::repr_string(vm, a[1])?;
    Err(vm.value_error(format!("{rep} is not in range")))
}

fn m_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "count", 2, 2)?;
    Ok(Value::small_int(i64::from(range_contains(vm, a[0], a[1])?)))
}

fn m_reversed(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let obj = args.one(vm, "__reversed__")?;
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    let (start, stop, step) = bounds(&r);
    let len = range_len_big(&start, &stop, &step);
    let last: BigInt = &start + (&len - 1) * &step;
    let (Some(s), Some(st), Some(n)) = (last.to_i64(), (-&step).to_i64(), len.to_i64()) else {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    };
    let ty = vm.rt.types.range_iterator;
    Ok(vm
        .alloc(
            ty,
            RangeIterBody {
                start: s,
                step: st,
                len: n,
                remaining: AtomicI64::new(n),
            },
        )
        .value())
}

fn m_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let obj = args.one(vm, "__hash__")?;
    let r = Gc::<RangeBody>::from_value(obj).expect("range");
    let (start, stop, step) = bounds(&r);
    let len = range_len_big(&start, &stop, &step);
    let lenv = vm.new_bigint(len);
    let t = vm.new_tuple(vec![lenv, r.start, r.step]);
    let h = ops::hash::hash(vm, t)?;
    Ok(vm.new_int(h))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", range_new),
    method("__len__", m_len),
    method("index", m_index),
    method("count", m_count),
    method("__reversed__", m_reversed),
    method("__hash__", m_hash),
];
