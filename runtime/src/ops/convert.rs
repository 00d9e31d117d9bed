//! Conversions between Python numbers and Rust integers: `__index__`, `len()` results,
//! float ↔ big int.

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::ops::{self, IntRef, attr, call, int_of, type_of};
use crate::value::Value;

/// `f` (finite, integral or not) truncated to a big int; `None` for inf/nan.
pub fn f64_to_bigint(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    BigInt::from_f64(f.trunc())
}

/// `operator.index(v)` as a big int: ints, bools and `__index__`.
pub fn index_bigint(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(i) = int_of(v) {
        return Ok(match i {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        });
    }
    let ty = type_of(vm, v);
    if let Some(f) = attr::lookup_type(vm, ty, "__index__") {
        let r = call::call_method(vm, f, v, &[])?;
        if let Some(i) = int_of(r) {
            return Ok(match i {
                IntRef::Small(i) => BigInt::from(i),
                IntRef::Big(b) => b.clone(),
            });
        }
        let tn = ops::type_name(vm, r);
        return Err(vm.type_error(format!("__index__ returned non-int (type {tn})")));
    }
    let tn = ty.name();
    Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
}

/// `operator.index(v)` clamped into `i64` range ("cannot fit 'int' into an index-sized
/// integer" when it does not fit, as `PyNumber_AsSsize_t` with `IndexError`... the caller
/// picks the error by passing `overflow_msg`).
pub fn index_i64(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let b = index_bigint(vm, v)?;
    match b.to_i64() {
        Some(i) => Ok(i),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.index_error(format!("cannot fit '{tn}' into an index-sized integer")))
        }
    }
}

/// Like [`index_i64`] but saturating (slice bounds clamp rather than fail).
pub fn index_i64_clamped(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let b = index_bigint(vm, v)?;
    Ok(b.to_i64()
        .unwrap_or(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }))
}

/// Checks a `__len__` result ("'str' object cannot be interpreted as an integer",
/// "__len__() should return >= 0").
pub fn len_result(vm: &mut Vm, r: Value) -> PyResult<usize> {
    let b = index_bigint(vm, r)?;
    if b.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("__len__() should return >= 0"));
    }
    match b.to_usize() {
        Some(n) if n <= i64::MAX as usize => Ok(n),
        _ => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}
