//! Binary, in-place and unary operators with CPython's dispatch protocol
//! (Objects/abstract.c `binary_op1`: the right operand's reflected method goes first when
//! its type is a proper subclass that overrides it; `NotImplemented` falls through; the
//! error is "unsupported operand type(s) for +: 'A' and 'B'").
//!
//! Builtin types' arithmetic is `builtin_binary`; user classes go through their dunders,
//! and a user subclass of a builtin reaches `builtin_binary` through the builtin's slot
//! wrapper in its namespace.

use compiler::ir::ops::{BinOp, UnaryOp};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::builtins::numbers;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::numeric;
use crate::object::{ObjKind, kind_of};
use crate::ops::{self, IntRef, attr, call, float_of, int_of, is_subtype, type_of};
use crate::types::typeobj::tflags;
use crate::value::Value;

/// `__add__`/`__radd__`/`__iadd__` and so on.
pub fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

/// `a <op> b`.
#[inline]
pub fn binary_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int())
        && let Some(r) = small_int_op(vm, x, y, op)?
    {
        return Ok(r);
    }
    if let (Some(x), Some(y)) = (a.as_f64(), b.as_f64())
        && let Some(r) = numbers::float_op(vm, x, y, op)?
    {
        return Ok(r);
    }
    binary_op_slow(vm, a, b, op)
}

/// Arithmetic on two inline ints; `None` when the operation needs the general path.
#[inline]
fn small_int_op(vm: &mut Vm, x: i64, y: i64, op: BinOp) -> PyResult<Option<Value>> {
    // Inline ints have 48 bits, so +, - and most * cannot overflow i64.
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => match x.checked_mul(y) {
            Some(r) => r,
            None => return Ok(None),
        },
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::FloorDiv => match numeric::arith::floor_div_i64(x, y) {
            Some(r) => r,
            None => return Ok(None),
        },
        BinOp::Mod => match numeric::arith::mod_i64(x, y) {
            Some(r) => r,
            None => return Ok(None),
        },
        BinOp::TrueDiv => {
            return Ok(numeric::int_float::i64_true_divide(x, y).map(Value::from_f64));
        }
        _ => return Ok(None),
    };
    Ok(Some(vm.new_int(r)))
}

#[cold]
fn binary_op_slow(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    let ta = type_of(vm, a);
    let tb = type_of(vm, b);
    if !ta.has_flag(tflags::HEAPTYPE) && !tb.has_flag(tflags::HEAPTYPE) {
        if let Some(r) = builtin_binary(vm, a, b, op)? {
            return Ok(r);
        }
        if op == BinOp::Or
            && let Some(r) = crate::builtins::genericalias::type_or(vm, a, b)?
        {
            return Ok(r);
        }
        // Native types (dict views, iterators) define their operators in their namespace.
        if kind_of(a) != Some(ObjKind::Native) && kind_of(b) != Some(ObjKind::Native) {
            return Err(unsupported_op(vm, a, b, op));
        }
    }
    let (name, rname, _) = dunders(op);
    let reflected_first = ta != tb && is_subtype(tb, ta) && overrides(vm, tb, ta, rname);
    if reflected_first {
        let r = call_dunder(vm, b, a, rname, op, true)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    let r = call_dunder(vm, a, b, name, op, false)?;
    if r != Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    if !reflected_first && ta != tb {
        let r = call_dunder(vm, b, a, rname, op, true)?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    Err(unsupported_op(vm, a, b, op))
}

/// Whether `sub` defines `name` differently from `sup`.
fn overrides(
    vm: &mut Vm,
    sub: crate::object::Gc<crate::types::typeobj::TypeBody>,
    sup: crate::object::Gc<crate::types::typeobj::TypeBody>,
    name: &str,
) -> bool {
    match attr::lookup_type(vm, sub, name) {
        Some(f) => attr::lookup_type(vm, sup, name) != Some(f),
        None => false,
    }
}

/// `x.name(y)` where `x`'s type may be builtin (then `builtin_binary` stands for its slot;
/// `reflected` swaps the operands back).
fn call_dunder(
    vm: &mut Vm,
    x: Value,
    y: Value,
    name: &str,
    op: BinOp,
    reflected: bool,
) -> PyResult<Value> {
    let tx = type_of(vm, x);
    if !tx.has_flag(tflags::HEAPTYPE) {
        // A builtin slot declines an operand of another builtin kind (`int.__sub__`
        // with a float subclass is NotImplemented), so the subclass's reflected method
        // gets its turn, as in CPython.
        let ty = type_of(vm, y);
        if !reflected
            && ty.has_flag(tflags::HEAPTYPE)
            && let Some(base) = crate::object::Gc::<crate::types::typeobj::TypeBody>::from_value(
                ty.payload_base.get(),
            )
            && !is_subtype(base, tx)
            && overrides(vm, ty, base, dunders(op).1)
        {
            return Ok(Value::NOT_IMPLEMENTED);
        }
        let r = if reflected {
            builtin_binary(vm, y, x, op)?
        } else {
            builtin_binary(vm, x, y, op)?
        };
        if r.is_some() || kind_of(x) != Some(ObjKind::Native) {
            return Ok(r.unwrap_or(Value::NOT_IMPLEMENTED));
        }
    }
    match attr::lookup_type(vm, tx, name) {
        Some(f) if !f.is_none() => call::call_method(vm, f, x, &[y]),
        _ => Ok(Value::NOT_IMPLEMENTED),
    }
}

/// The TypeError for an operator nobody implements; `*` with a sequence says "can't
/// multiply sequence by non-int" as CPython's `sequence_repeat` does.
fn unsupported_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> crate::errors::PyErr {
    if op == BinOp::Mul {
        let is_seq = |v: Value| {
            crate::modules::collections::is_deque(v)
                || matches!(
                    kind_of(ops::unwrap_payload(v)),
                    Some(
                        ObjKind::List
                            | ObjKind::Tuple
                            | ObjKind::Str
                            | ObjKind::Bytes
                            | ObjKind::ByteArray
                    )
                )
        };
        if is_seq(a) || is_seq(b) {
            let other = if is_seq(a) { b } else { a };
            let tn = ops::type_name(vm, other);
            return vm.type_error(format!("can't multiply sequence by non-int of type '{tn}'"));
        }
    }
    unsupported(vm, a, b, op.symbol())
}

/// The "unsupported operand type(s)" TypeError.
pub fn unsupported(vm: &mut Vm, a: Value, b: Value, symbol: &str) -> crate::errors::PyErr {
    let (na, nb) = (ops::type_name(vm, a), ops::type_name(vm, b));
    let symbol = if symbol == "**" {
        "** or pow()"
    } else {
        symbol
    };
    vm.type_error(format!(
        "unsupported operand type(s) for {symbol}: '{na}' and '{nb}'"
    ))
}

/// The operator on builtin values (payloads of builtin subclasses included); `None` means
/// `NotImplemented`.
pub fn builtin_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let a = ops::unwrap_payload(a);
    let b = ops::unwrap_payload(b);
    // Numbers.
    if let (Some(x), Some(y)) = (int_of(a), int_of(b)) {
        if a.is_bool() && b.is_bool() && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor) {
            let (x, y) = (a == Value::TRUE, b == Value::TRUE);
            let r = match op {
                BinOp::And => x & y,
                BinOp::Or => x | y,
                _ => x ^ y,
            };
            return Ok(Some(Value::from_bool(r)));
        }
        return numbers::int_op(vm, &x, &y, op).map(Some);
    }
    let is_num = |v: Value| int_of(v).is_some() || float_of(v).is_some();
    if is_num(a) && is_num(b) {
        let x = numbers::to_f64(vm, a)?;
        let y = numbers::to_f64(vm, b)?;
        return numbers::float_op(vm, x, y, op);
    }
    if numbers::complex_parts(a).is_some() && numbers::complex_parts(b).is_some() {
        return numbers::complex_op(vm, a, b, op);
    }
    crate::builtins::sequence_binary(vm, a, b, op)
}

/// `a <op>= b`: `__iop__` first, then the binary operator.
pub fn inplace_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    if a.is_small_int() || a.is_float() {
        return binary_op(vm, a, b, op);
    }
    let ta = type_of(vm, a);
    if !ta.has_flag(tflags::HEAPTYPE) {
        if let Some(r) = crate::builtins::inplace_builtin(vm, a, b, op)? {
            return Ok(r);
        }
        // Native types (`deque`) define their in-place operators in their namespace.
        if kind_of(a) != Some(ObjKind::Native) {
            return binary_op(vm, a, b, op);
        }
    }
    let (_, _, iname) = dunders(op);
    if let Some(f) = attr::lookup_type(vm, ta, iname)
        && !f.is_none()
    {
        let r = call::call_method(vm, f, a, &[b])?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    match binary_op(vm, a, b, op) {
        Err(e) if is_unsupported(vm, e) => {
            let (na, nb) = (ops::type_name(vm, a), ops::type_name(vm, b));
            let sym = op.symbol();
            let sym = if sym == "**" {
                "**=".to_string()
            } else {
                format!("{sym}=")
            };
            Err(vm.type_error(format!(
                "unsupported operand type(s) for {sym}: '{na}' and '{nb}'"
            )))
        }
        r => r,
    }
}

fn is_unsupported(vm: &mut Vm, e: crate::errors::PyErr) -> bool {
    ops::is_instance(vm, e.value(), vm.rt.exc.type_error)
        && crate::builtins::exceptions::message_of(e.value())
            .is_some_and(|m| m.starts_with("unsupported operand"))
}

/// `-x`, `+x`, `~x`.
pub fn unary_op(vm: &mut Vm, v: Value, op: UnaryOp) -> PyResult<Value> {
    if let Some(i) = v.as_small_int() {
        return Ok(match op {
            UnaryOp::Neg => vm.new_int(-i),
            UnaryOp::Pos => v,
            UnaryOp::Invert => vm.new_int(!i),
        });
    }
    if let Some(f) = v.as_f64() {
        return match op {
            UnaryOp::Neg => Ok(Value::from_f64(-f)),
            UnaryOp::Pos => Ok(v),
            UnaryOp::Invert => Err(vm.type_error("bad operand type for unary ~: 'float'")),
        };
    }
    let ty = type_of(vm, v);
    let name = match op {
        UnaryOp::Neg => "__neg__",
        UnaryOp::Pos => "__pos__",
        UnaryOp::Invert => "__invert__",
    };
    if !ty.has_flag(tflags::HEAPTYPE) {
        let inner = ops::unwrap_payload(v);
        if let Some(i) = int_of(inner) {
            let b = match i {
                IntRef::Small(i) => BigInt::from(i),
                IntRef::Big(b) => b.clone(),
            };
            let r = match op {
                UnaryOp::Neg => -b,
                UnaryOp::Pos => b,
                UnaryOp::Invert => -(b + BigInt::from(1)),
            };
            return Ok(vm.new_bigint(r));
        }
        if let Some((re, im)) = numbers::complex_parts(inner)
            && kind_of(inner) == Some(ObjKind::Complex)
        {
            return match op {
                UnaryOp::Neg => Ok(numbers::new_complex(vm, -re, -im)),
                UnaryOp::Pos => Ok(numbers::new_complex(vm, re, im)),
                UnaryOp::Invert => Err(vm.type_error("bad operand type for unary ~: 'complex'")),
            };
        }
    } else if let Some(f) = attr::lookup_type(vm, ty, name) {
        return call::call_method(vm, f, v, &[]);
    }
    let sym = match op {
        UnaryOp::Neg => "-",
        UnaryOp::Pos => "+",
        UnaryOp::Invert => "~",
    };
    let tn = ty.name();
    Err(vm.type_error(format!("bad operand type for unary {sym}: '{tn}'")))
}

/// Whether a big int is zero (helper for division checks).
pub fn is_zero(i: &IntRef) -> bool {
    match i {
        IntRef::Small(i) => *i == 0,
        IntRef::Big(b) => b.is_zero(),
    }
}

/// Absolute value of an int as f64, if representable (for error-free estimates).
pub fn approx_abs(i: &IntRef) -> f64 {
    match i {
        IntRef::Small(i) => (*i as f64).abs(),
        IntRef::Big(b) => b.abs().to_f64().unwrap_or(f64::INFINITY),
    }
}
