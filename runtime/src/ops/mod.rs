//! Python's operations, one runtime function each (DESIGN.md §2: "semantics live in one
//! place"). The VM's handlers, the JIT's generic paths and AOT code all call these; fast
//! paths elsewhere are specialisations that fall back to them.
//!
//! Files by family: `arith` (binary/unary operators), `compare`, `attr` (attribute
//! access, descriptors), `subscript`, `iter`, `call`, `hash`, `repr`, `dictops` (dict
//! storage with Python-level hashing and equality), `convert` (`__index__`, int/float
//! coercions).

pub mod arith;
pub mod attr;
pub mod call;
pub mod compare;
pub mod convert;
pub mod dictops;
pub mod hash;
pub mod iter;
pub mod method_cache;
pub mod repr;
pub mod subscript;

use num_bigint::BigInt;

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::types::instance::InstanceBody;
use crate::types::int::IntBody;
use crate::types::str::StrBody;
use crate::types::tuple::TupleBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The type of `v`.
#[inline]
pub fn type_of(vm: &Vm, v: Value) -> Gc<TypeBody> {
    match v.as_addr() {
        Some(addr) => type_at(crate::object::header_at(addr).type_addr()),
        None => vm.rt.types.of_immediate(v),
    }
}

/// The type object at `addr` (a header's type address).
#[inline]
pub fn type_at(addr: usize) -> Gc<TypeBody> {
    Gc::from_value(Value::from_addr(addr)).expect("header type is a type object")
}

/// `type(v).__name__`.
pub fn type_name(vm: &Vm, v: Value) -> String {
    type_of(vm, v).name()
}

/// Whether `sub` is `sup` or a subclass of it.
#[inline]
pub fn is_subtype(sub: Gc<TypeBody>, sup: Gc<TypeBody>) -> bool {
    sub == sup || sub.mro.lock().contains(&sup.value())
}

/// `isinstance(v, ty)` by the real type (no `__instancecheck__`).
#[inline]
pub fn is_instance(vm: &Vm, v: Value, ty: Gc<TypeBody>) -> bool {
    is_subtype(type_of(vm, v), ty)
}

/// The text of a `str` object (or of the payload of a `str` subclass instance).
#[inline]
pub fn str_of<'a>(v: Value) -> Option<&'a str> {
    if let Some(s) = Gc::<StrBody>::from_value(v) {
        return Some(s.body().as_str());
    }
    let payload = payload_of(v)?;
    Gc::<StrBody>::from_value(payload).map(|s| s.body().as_str())
}

/// The code points of a `str` (or str subclass instance) as generalized UTF-8
/// (`text::wtf8`): its UTF-8 text unless it holds lone surrogates.
#[inline]
pub fn str_wtf8<'a>(v: Value) -> Option<&'a [u8]> {
    str_body(v).map(|s| s.body().wtf8_bytes())
}

/// Whether `v` is a str holding a lone surrogate.
#[inline]
pub fn str_has_surrogates(v: Value) -> bool {
    str_body(v).is_some_and(|s| s.body().has_surrogates())
}

/// The `str` body of `v` (exact str or str subclass).
pub fn str_body(v: Value) -> Option<Gc<StrBody>> {
    Gc::<StrBody>::from_value(v).or_else(|| payload_of(v).and_then(Gc::from_value))
}

/// The builtin payload of an instance of a subclass of a builtin type.
#[inline]
pub fn payload_of(v: Value) -> Option<Value> {
    let inst = Gc::<InstanceBody>::from_value(v)?;
    let p = inst.payload.get();
    (!p.is_unset()).then_some(p)
}

/// `v` itself, or its builtin payload when it is an instance of a builtin subclass.
#[inline]
pub fn unwrap_payload(v: Value) -> Value {
    payload_of(v).unwrap_or(v)
}

/// The items of a tuple (or tuple-subclass payload).
pub fn tuple_items<'a>(v: Value) -> Option<&'a [Value]> {
    let t = Gc::<TupleBody>::from_value(unwrap_payload(v))?;
    Some(&t.body().items)
}

/// An int value, inline or big (bools count as ints, as in Python).
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

/// `v` as an int, if it is an int, bool or int-subclass instance.
pub fn int_of<'a>(v: Value) -> Option<IntRef<'a>> {
    if let Some(i) = v.as_small_int() {
        return Some(IntRef::Small(i));
    }
    if v == Value::TRUE {
        return Some(IntRef::Small(1));
    }
    if v == Value::FALSE {
        return Some(IntRef::Small(0));
    }
    let v = unwrap_payload(v);
    if let Some(i) = v.as_small_int() {
        return Some(IntRef::Small(i));
    }
    Gc::<IntBody>::from_value(v).map(|b| IntRef::Big(&b.body().value))
}

/// `v` as a `BigInt`, if it is an int.
pub fn bigint_of(v: Value) -> Option<BigInt> {
    match int_of(v)? {
        IntRef::Small(i) => Some(BigInt::from(i)),
        IntRef::Big(b) => Some(b.clone()),
    }
}

/// `v` as a float, if it is a float or float-subclass instance.
#[inline]
pub fn float_of(v: Value) -> Option<f64> {
    v.as_f64().or_else(|| payload_of(v).and_then(Value::as_f64))
}

/// Whether `v` is an exact builtin of layout `kind` (not a subclass instance).
#[inline]
pub fn has_kind(v: Value, kind: ObjKind) -> bool {
    kind_of(v) == Some(kind)
}

/// `bool(v)` (`__bool__`, then `__len__`).
pub fn truthy(vm: &mut Vm, v: Value) -> PyResult<bool> {
    match v {
        Value::TRUE => return Ok(true),
        Value::FALSE | Value::NONE => return Ok(false),
        Value::NOT_IMPLEMENTED => {
            return Err(vm.type_error("NotImplemented should not be used in a boolean context"));
        }
        _ => {}
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i != 0);
    }
    if let Some(f) = v.as_f64() {
        return Ok(f != 0.0);
    }
    match kind_of(v) {
        Some(ObjKind::Str) if type_of(vm, v) == vm.rt.types.str => {
            return Ok(!str_of(v).unwrap_or("").is_empty());
        }
        Some(ObjKind::List) if type_of(vm, v) == vm.rt.types.list => {
            return Ok(
                !Gc::<crate::types::list::ListBody>::from_value(v).is_some_and(|l| l.is_empty())
            );
        }
        Some(ObjKind::Tuple) if type_of(vm, v) == vm.rt.types.tuple => {
            return Ok(!tuple_items(v).unwrap_or(&[]).is_empty());
        }
        Some(ObjKind::BigInt) if type_of(vm, v) == vm.rt.types.int => return Ok(true),
        Some(ObjKind::Complex) if type_of(vm, v) == vm.rt.types.complex => {
            return Ok(Gc::<crate::types::misc::ComplexBody>::from_value(v)
                .is_some_and(|c| c.re != 0.0 || c.im != 0.0));
        }
        _ => {}
    }
    let ty = type_of(vm, v);
    if let Some(f) = attr::lookup_type(vm, ty, "__bool__") {
        let r = call::call_method(vm, f, v, &[])?;
        return match r {
            Value::TRUE => Ok(true),
            Value::FALSE => Ok(false),
            other => {
                let tn = type_name(vm, other);
                Err(vm.type_error(format!("__bool__ should return bool, returned {tn}")))
            }
        };
    }
    if let Some(f) = attr::lookup_type(vm, ty, "__len__") {
        let r = call::call_method(vm, f, v, &[])?;
        let n = convert::len_result(vm, r)?;
        return Ok(n != 0);
    }
    Ok(true)
}

/// `len(v)`.
pub fn len(vm: &mut Vm, v: Value) -> PyResult<usize> {
    match kind_of(v) {
        Some(ObjKind::Str) if Gc::<StrBody>::from_value(v).is_some() => {
            return Ok(Gc::<StrBody>::from_value(v).map_or(0, |s| s.char_len()));
        }
        Some(ObjKind::Tuple) if Gc::<TupleBody>::from_value(v).is_some() => {
            return Ok(tuple_items(v).map_or(0, |t| t.len()));
        }
        Some(ObjKind::Bytes) => {
            if let Some(b) = Gc::<crate::types::bytes::BytesBody>::from_value(v) {
                return Ok(b.body().data.len());
            }
        }
        Some(ObjKind::ByteArray) => {
            if let Some(b) = Gc::<crate::types::bytes::ByteArrayBody>::from_value(v) {
                return Ok(b.body().data.lock().len());
            }
        }
        Some(ObjKind::List) if Gc::<crate::types::list::ListBody>::from_value(v).is_some() => {
            return Ok(Gc::<crate::types::list::ListBody>::from_value(v).map_or(0, |l| l.len()));
        }
        Some(ObjKind::Dict) if Gc::<crate::types::dict::DictBody>::from_value(v).is_some() => {
            return Ok(
                Gc::<crate::types::dict::DictBody>::from_value(v).map_or(0, |d| d.lock().len())
            );
        }
        Some(ObjKind::Set) => {
            return Ok(
                Gc::<crate::types::set::SetBody>::from_value(v).map_or(0, |s| s.lock().len())
            );
        }
        Some(ObjKind::Range) => return crate::builtins::range::range_len(vm, v),
        _ => {}
    }
    let ty = type_of(vm, v);
    match attr::lookup_type(vm, ty, "__len__") {
        Some(f) => {
            let r = call::call_method(vm, f, v, &[])?;
            convert::len_result(vm, r)
        }
        None => {
            let tn = ty.name();
            Err(vm.type_error(format!("object of type '{tn}' has no len()")))
        }
    }
}
