//! `hash()`: CPython's numeric hash from `crate::numeric::hash` (so
//! `hash(1) == hash(1.0) == hash(True)`), a fast
//! string hash of our own, tuple hashing after CPython's `tuplehash` (xxHash-style
//! mixing), identity hashes for plain objects, and `__hash__` for everything else.

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::numeric;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, IntRef, attr, call, type_of};
use crate::types::str::StrBody;
use crate::value::Value;

/// What a hashed key is used as, for CPython 3.14's unhashable-key messages.
#[derive(Clone, Copy)]
pub enum KeyRole {
    DictKey,
    SetElement,
}

/// `hash(key)` for a dict or set operation: a `TypeError` from hashing (exactly that
/// type) becomes CPython 3.14's "cannot use 'T' as a dict key (unhashable type: 'T')"
/// (`dict_unhashable_type`/`set_unhashable_type` in Objects/dictobject.c, setobject.c).
pub fn hash_key(vm: &mut Vm, key: Value, role: KeyRole) -> PyResult<i64> {
    hash(vm, key).map_err(|e| unhashable_key_error(vm, e, key, role))
}

/// The error `hash_key` raises for `e`, raised while hashing `key`.
pub fn unhashable_key_error(vm: &mut Vm, e: PyErr, key: Value, role: KeyRole) -> PyErr {
    let exc = e.value();
    if type_of(vm, exc) != vm.rt.exc.type_error {
        return e;
    }
    let detail = match ops::repr::str_string(vm, exc) {
        Ok(d) => d,
        Err(e) => return e,
    };
    let tn = ops::type_name(vm, key);
    let what = match role {
        KeyRole::DictKey => "a dict key",
        KeyRole::SetElement => "a set element",
    };
    vm.type_error(format!("cannot use '{tn}' as {what} ({detail})"))
}

/// The hash of a str's text (cached by `StrBody::hash`, which also maps -1 to -2).
pub fn str_hash(text: &str) -> i64 {
    bytes_hash(text.as_bytes())
}

/// The hash of a `bytes` object: the same function over the raw bytes, so that, as in
/// CPython, `hash(b"abc") == hash("abc")` for ASCII content.
pub fn bytes_hash(data: &[u8]) -> i64 {
    let text = data;
    if text.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for chunk in text.chunks(8) {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    match (h ^ (h >> 29) ^ data.len() as u64) as i64 {
        // 0 marks "not computed" in `StrBody`'s cache; -1 is reserved as in CPython.
        0 => 1,
        -1 => -2,
        h => h,
    }
}

fn fix(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// CPython's hash of an int (`long_hash`).
pub fn int_hash_i64(i: i64) -> i64 {
    numeric::hash::hash_i64(i)
}

/// `hash(b)` for a big int.
pub fn bigint_hash(b: &BigInt) -> i64 {
    numeric::hash::hash_int(b)
}

/// CPython's `_Py_HashDouble`. A NaN hashes by identity in CPython; an unboxed float has
/// no identity, so its bits stand in for the address.
pub fn float_hash(x: f64) -> i64 {
    numeric::hash::hash_f64(x).unwrap_or_else(|| fix((x.to_bits() >> 4) as i64))
}

/// The identity hash of a heap object (CPython's `_Py_HashPointer`).
pub fn identity_hash(v: Value) -> i64 {
    fix((v.bits() >> 4 | v.bits() << 60) as i64)
}

/// `hash(v)`.
pub fn hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(int_hash_i64(i));
    }
    if let Some(s) = Gc::<StrBody>::from_value(v) {
        return Ok(s.hash());
    }
    if let Some(f) = v.as_f64() {
        return Ok(float_hash(f));
    }
    match v {
        Value::TRUE => return Ok(1),
        Value::FALSE => return Ok(0),
        Value::NONE => return Ok(0xFCA8_6420),
        Value::NOT_IMPLEMENTED | Value::ELLIPSIS => return Ok(identity_hash(v)),
        _ => {}
    }
    let ty = type_of(vm, v);
    let builtin_exact = !ty.has_flag(crate::types::typeobj::tflags::HEAPTYPE);
    if builtin_exact {
        match kind_of(v) {
            Some(ObjKind::BigInt) => {
                if let Some(IntRef::Big(b)) = ops::int_of(v) {
                    return Ok(bigint_hash(b));
                }
            }
            Some(ObjKind::Tuple) => return tuple_hash(vm, v),
            Some(ObjKind::Bytes) => {
                if let Some(b) = Gc::<crate::types::bytes::BytesBody>::from_value(v) {
                    return Ok(bytes_hash(&b.body().data));
                }
            }
            Some(ObjKind::Complex) => {
                if let Some(c) = Gc::<crate::types::misc::ComplexBody>::from_value(v) {
                    // A NaN part hashes by the object's identity, as in CPython.
                    let part =
                        |x: f64| numeric::hash::hash_f64(x).unwrap_or_else(|| identity_hash(v));
                    return Ok(numeric::hash::combine_complex_hash(part(c.re), part(c.im)));
                }
            }
            _ => {}
        }
    }
    match attr::lookup_type(vm, ty, "__hash__") {
        Some(f) if !f.is_none() => {
            let r = call::call_method(vm, f, v, &[])?;
            match ops::int_of(r) {
                Some(IntRef::Small(i)) => Ok(fix(i)),
                // As in CPython's `slot_tp_hash`: a result that fits a machine word is
                // used as it is, a larger one is hashed.
                Some(IntRef::Big(b)) => Ok(b.to_i64().map_or_else(|| bigint_hash(b), fix)),
                None => Err(vm.type_error("__hash__ method should return an integer")),
            }
        }
        _ => {
            let tn = ty.name();
            Err(vm.type_error(format!("unhashable type: '{tn}'")))
        }
    }
}

/// CPython's `tuplehash` (xxHash's round and final mix over the items' hashes).
pub fn tuple_hash(vm: &mut Vm, v: Value) -> PyResult<i64> {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let items = ops::tuple_items(v).unwrap_or(&[]).to_vec();
    let mut acc: u64 = P5;
    for item in &items {
        let lane = hash(vm, *item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return Ok(1_546_275_796);
    }
    Ok(acc as i64)
}
