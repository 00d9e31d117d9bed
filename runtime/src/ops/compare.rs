//! Comparisons: `==` and friends with CPython's rich-comparison protocol
//! (Objects/object.c `do_richcompare`: reflected method first when the right operand's
//! type is a proper subclass, `NotImplemented` fallbacks, identity for `==`/`!=`, and the
//! "'<' not supported between instances of 'A' and 'B'" TypeError), plus `is` and `in`.

use std::cmp::Ordering;

use compiler::ir::ops::CmpOp;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, IntRef, attr, call, float_of, int_of, is_subtype, type_of};
use crate::types::list::ListBody;
use crate::types::typeobj::tflags;
use crate::value::Value;

/// The dunder method of a rich comparison and of its reflection.
pub fn dunder(op: CmpOp) -> (&'static str, &'static str) {
    match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::Le => ("__le__", "__ge__"),
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::Ne => ("__ne__", "__ne__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::Ge => ("__ge__", "__le__"),
        _ => ("", ""),
    }
}

fn reflect(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

fn symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::Le => "<=",
        CmpOp::Eq => "==",
        CmpOp::Ne => "!=",
        CmpOp::Gt => ">",
        CmpOp::Ge => ">=",
        _ => "?",
    }
}

fn ordering_result(ord: Option<Ordering>, op: CmpOp) -> bool {
    match ord {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
            _ => false,
        },
    }
}

/// Exact comparison of an int with a float (CPython's `float_richcompare` logic: no
/// rounding of big ints).
pub fn cmp_int_float(i: &IntRef, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    match i {
        IntRef::Small(i) if i.unsigned_abs() < (1 << 53) => (*i as f64).partial_cmp(&f),
        _ => {
            let big = match i {
                IntRef::Small(i) => BigInt::from(*i),
                IntRef::Big(b) => (*b).clone(),
            };
            let floor = f.floor();
            let fb = crate::ops::convert::f64_to_bigint(floor)?;
            match big.cmp(&fb) {
                Ordering::Equal if f > floor => Some(Ordering::Less),
                o => Some(o),
            }
        }
    }
}

fn int_cmp(a: &IntRef, b: &IntRef) -> Ordering {
    match (a, b) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(y),
        (IntRef::Small(x), IntRef::Big(y)) => BigInt::from(*x).cmp(y),
        (IntRef::Big(x), IntRef::Small(y)) => (*x).cmp(&BigInt::from(*y)),
        (IntRef::Big(x), IntRef::Big(y)) => x.cmp(y),
    }
}

/// Numeric ordering of two int/float values (bools count), `None` for NaN.
pub fn numeric_cmp(a: Value, b: Value) -> Option<Option<Ordering>> {
    match (int_of(a), int_of(b)) {
        (Some(x), Some(y)) => Some(Some(int_cmp(&x, &y))),
        (Some(x), None) => float_of(b).map(|f| cmp_int_float(&x, f)),
        (None, Some(y)) => float_of(a).map(|f| cmp_int_float(&y, f).map(Ordering::reverse)),
        (None, None) => match (float_of(a), float_of(b)) {
            (Some(x), Some(y)) => Some(x.partial_cmp(&y)),
            _ => None,
        },
    }
}

/// `a == b` when it can be decided without running Python code (builtin scalars and
/// strs), else `None`.
#[inline]
pub fn builtin_eq(a: Value, b: Value) -> Option<bool> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
        return Some(x == y);
    }
    match (kind_of(a), kind_of(b)) {
        (Some(ObjKind::Str), Some(ObjKind::Str)) => {
            // Equal code points give equal views (`types::str`), so only equal views need
            // a second look, when lone surrogates are involved.
            return Some(ops::str_of(a) == ops::str_of(b) && same_code_points(a, b));
        }
        (Some(ObjKind::Instance), _) | (_, Some(ObjKind::Instance)) => return None,
        (Some(ObjKind::Str), None) | (None, Some(ObjKind::Str)) => return Some(false),
        _ => {}
    }
    if let Some(r) = numeric_cmp(a, b) {
        return Some(r == Some(Ordering::Equal));
    }
    if !a.is_ptr() && !b.is_ptr() {
        return Some(a == b);
    }
    None
}

/// Whether strs `a` and `b` with equal views (`types::str`) have equal code points: they
/// differ only if lone surrogates are involved.
#[inline(never)]
fn same_code_points(a: Value, b: Value) -> bool {
    !(ops::str_has_surrogates(a) || ops::str_has_surrogates(b))
        || ops::str_wtf8(a) == ops::str_wtf8(b)
}

/// Compares two builtin values of builtin types; `None` means `NotImplemented`.
pub fn builtin_compare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Option<bool>> {
    let a = ops::unwrap_payload(a);
    let b = ops::unwrap_payload(b);
    if let Some(ord) = numeric_cmp(a, b) {
        return Ok(Some(ordering_result(ord, op)));
    }
    match (kind_of(a), kind_of(b)) {
        (Some(ObjKind::Str), Some(ObjKind::Str)) => {
            let ord = ops::str_wtf8(a).cmp(&ops::str_wtf8(b));
            return Ok(Some(ordering_result(Some(ord), op)));
        }
        (Some(ObjKind::Bytes | ObjKind::ByteArray), Some(ObjKind::Bytes | ObjKind::ByteArray)) => {
            let x = crate::builtins::bytes::bytes_data(a).unwrap_or_default();
            let y = crate::builtins::bytes::bytes_data(b).unwrap_or_default();
            return Ok(Some(ordering_result(Some(x.cmp(&y)), op)));
        }
        (Some(ObjKind::Tuple), Some(ObjKind::Tuple)) => {
            let x = ops::tuple_items(a).unwrap_or(&[]).to_vec();
            let y = ops::tuple_items(b).unwrap_or(&[]).to_vec();
            return sequence_compare(vm, &x, &y, op).map(Some);
        }
        (Some(ObjKind::List), Some(ObjKind::List)) => {
            let x = Gc::<ListBody>::from_value(a).expect("list").snapshot();
            let y = Gc::<ListBody>::from_value(b).expect("list").snapshot();
            let tmp = vm.new_tuple(x.iter().chain(y.iter()).copied().collect());
            let r = sequence_compare(vm, &x, &y, op);
            std::hint::black_box(tmp);
            return r.map(Some);
        }
        (Some(ObjKind::Dict), Some(ObjKind::Dict)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let eq = crate::builtins::dict::dict_equal(vm, a, b)?;
            return Ok(Some(eq == (op == CmpOp::Eq)));
        }
        // Bound methods are equal when they bind the same function to the same object
        // (Objects/classobject.c `method_richcompare` compares `__self__` by identity).
        (Some(ObjKind::Method), Some(ObjKind::Method)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let x = Gc::<crate::types::function::MethodBody>::from_value(a).expect("method");
            let y = Gc::<crate::types::function::MethodBody>::from_value(b).expect("method");
            let same = x.receiver == y.receiver && eq(vm, x.func, y.func)?;
            return Ok(Some(same == (op == CmpOp::Eq)));
        }
        (Some(ObjKind::Set), Some(ObjKind::Set)) => {
            return crate::builtins::set::set_compare(vm, a, b, op);
        }
        (Some(ObjKind::Slice), Some(ObjKind::Slice)) => {
            let part = |v: Value| {
                let s = Gc::<crate::types::misc::SliceBody>::from_value(v).expect("slice");
                vec![s.start, s.stop, s.step]
            };
            let (x, y) = (part(a), part(b));
            return sequence_compare(vm, &x, &y, op).map(Some);
        }
        (Some(ObjKind::Range), Some(ObjKind::Range)) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
            let eq = crate::builtins::range::range_equal(a, b).unwrap_or(false);
            return Ok(Some(eq == (op == CmpOp::Eq)));
        }
        (Some(ObjKind::Complex), _) | (_, Some(ObjKind::Complex))
            if matches!(op, CmpOp::Eq | CmpOp::Ne) =>
        {
            let x = crate::builtins::numbers::complex_parts(a);
            let y = crate::builtins::numbers::complex_parts(b);
            if let (Some(x), Some(y)) = (x, y) {
                return Ok(Some((x == y) == (op == CmpOp::Eq)));
            }
        }
        _ => {}
    }
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && a == b {
        return Ok(Some(op == CmpOp::Eq));
    }
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && !a.is_ptr() && !b.is_ptr() {
        return Ok(Some((a == b) == (op == CmpOp::Eq)));
    }
    Ok(None)
}

/// Lexicographic comparison of two item lists (tuple and list comparison).
pub fn sequence_compare(vm: &mut Vm, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
    crate::vm::with_native_recursion(vm, " in comparison", |vm| {
        sequence_compare_items(vm, x, y, op)
    })
}

fn sequence_compare_items(vm: &mut Vm, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
    for (a, b) in x.iter().zip(y) {
        if a == b {
            continue;
        }
        if !eq(vm, *a, *b)? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::Ne => Ok(true),
                _ => {
                    let r = richcompare(vm, *a, *b, op)?;
                    ops::truthy(vm, r)
                }
            };
        }
    }
    Ok(ordering_result(Some(x.len().cmp(&y.len())), op))
}

/// Calls `x.<op dunder>(y)` the Python way; `NotImplemented` when the type has no such
/// method or it declines.
fn try_dunder(vm: &mut Vm, x: Value, y: Value, op: CmpOp) -> PyResult<Value> {
    let tx = type_of(vm, x);
    if !tx.has_flag(tflags::HEAPTYPE) {
        return Ok(match builtin_compare(vm, x, y, op)? {
            Some(b) => Value::from_bool(b),
            None => Value::NOT_IMPLEMENTED,
        });
    }
    let (name, _) = dunder(op);
    match attr::lookup_type(vm, tx, name) {
        // `object.__ne__` delegates to `__eq__` and inverts a decided result
        // (Objects/typeobject.c `object_richcompare`).
        Some(f)
            if op == CmpOp::Ne
                && crate::ops::dictops::get_str(&vm.rt.types.object.dict, "__ne__") == Some(f) =>
        {
            let r = try_dunder(vm, x, y, CmpOp::Eq)?;
            if r == Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
            let b = ops::truthy(vm, r)?;
            Ok(Value::from_bool(!b))
        }
        Some(f) if !f.is_none() => call::call_method(vm, f, x, &[y]),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// `a <op> b` for the six rich comparisons.
pub fn richcompare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Value> {
    let ta = type_of(vm, a);
    let tb = type_of(vm, b);
    if !ta.has_flag(tflags::HEAPTYPE) && !tb.has_flag(tflags::HEAPTYPE) {
        if let Some(r) = builtin_compare(vm, a, b, op)? {
            return Ok(Value::from_bool(r));
        }
        // Native types (memoryview, views...) define their comparisons as methods.
        if kind_of(a) == Some(ObjKind::Native) || kind_of(b) == Some(ObjKind::Native) {
            for (x, y, o) in [(a, b, op), (b, a, reflect(op))] {
                if kind_of(x) != Some(ObjKind::Native) {
                    continue;
                }
                let tx = type_of(vm, x);
                if let Some(f) = attr::lookup_type(vm, tx, dunder(o).0).filter(|f| !f.is_none()) {
                    let r = call::call_method(vm, f, x, &[y])?;
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
        }
    } else {
        let reflected_first = ta != tb && is_subtype(tb, ta) && {
            let (_, rname) = dunder(op);
            attr::lookup_type(vm, tb, rname).is_some()
        };
        if reflected_first {
            let r = try_dunder(vm, b, a, reflect(op))?;
            if r != Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
        }
        let r = try_dunder(vm, a, b, op)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
        if !reflected_first {
            let r = try_dunder(vm, b, a, reflect(op))?;
            if r != Value::NOT_IMPLEMENTED {
                return Ok(r);
            }
        }
    }
    match op {
        CmpOp::Eq => Ok(Value::from_bool(a == b)),
        CmpOp::Ne => Ok(Value::from_bool(a != b)),
        _ => {
            let (na, nb) = (ta.name(), tb.name());
            Err(vm.type_error(format!(
                "'{}' not supported between instances of '{na}' and '{nb}'",
                symbol(op)
            )))
        }
    }
}

/// `a == b` as a Rust bool (identity first, as containers do).
pub fn eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if a == b {
        return Ok(true);
    }
    if let Some(r) = builtin_eq(a, b) {
        return Ok(r);
    }
    let r = richcompare(vm, a, b, CmpOp::Eq)?;
    ops::truthy(vm, r)
}

/// `item in container`.
pub fn contains(vm: &mut Vm, container: Value, item: Value) -> PyResult<bool> {
    let ty = type_of(vm, container);
    if !ty.has_flag(tflags::HEAPTYPE)
        && let Some(r) = crate::builtins::contains_builtin(vm, container, item)?
    {
        return Ok(r);
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__contains__") {
        let r = call::call_method(vm, f, container, &[item])?;
        return ops::truthy(vm, r);
    }
    // Fall back to iteration (`__iter__` or the `__getitem__` protocol).
    let it = match ops::iter::get_iter(vm, container) {
        Ok(it) => it,
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.type_error) => {
            let tn = ty.name();
            return Err(vm.type_error(format!(
                "argument of type '{tn}' is not a container or iterable"
            )));
        }
        Err(e) => return Err(e),
    };
    while let Some(x) = ops::iter::next(vm, it)? {
        if eq(vm, x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The `compare_op` opcode: rich comparisons, identity and membership.
pub fn compare_op(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Value> {
    match op {
        CmpOp::Is => Ok(Value::from_bool(is(a, b))),
        CmpOp::IsNot => Ok(Value::from_bool(!is(a, b))),
        CmpOp::In => contains(vm, b, a).map(Value::from_bool),
        CmpOp::NotIn => contains(vm, b, a).map(|r| Value::from_bool(!r)),
        _ => {
            if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int()) {
                return Ok(Value::from_bool(ordering_result(Some(x.cmp(&y)), op)));
            }
            if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64()) {
                return Ok(Value::from_bool(ordering_result(x.partial_cmp(&y), op)));
            }
            richcompare(vm, a, b, op)
        }
    }
}

/// `a is b`. Inline ints and floats are values, so equal ones are identical (CPython
/// caches small ints; programs must not rely on identity of others anyway).
#[inline]
pub fn is(a: Value, b: Value) -> bool {
    a == b
}

/// Converts an int to f64 for mixed arithmetic, if it fits.
pub fn int_to_f64(i: &IntRef) -> Option<f64> {
    match i {
        IntRef::Small(i) => Some(*i as f64),
        IntRef::Big(b) => b.to_f64().filter(|f| f.is_finite()),
    }
}
