//! `Value`: one 8-byte `Copy` word that holds any Python value (DESIGN.md §3).
//!
//! The encoding is NaN-boxing with raw pointers (the scheme JavaScriptCore uses):
//!
//! | top 16 bits      | meaning |
//! |------------------|---------|
//! | `0x0000`         | a heap reference (the object's address, ≥ `0x1000`) or, below that, an immediate |
//! | `0x0002..=0xFFFA`| an `f64`, stored as its bits plus 2^49 |
//! | `0xFFFF`         | an inline int: a 48-bit two's-complement payload (±2^47) |
//!
//! Immediates are `None`, `True`, `False`, `NotImplemented`, `Ellipsis` and [`Value::UNSET`],
//! the marker of an empty register (a deleted or not-yet-assigned local). `UNSET` is the
//! all-zero word so that a fresh register file is unset.
//!
//! Why pointers are raw rather than tagged: the conservative stack scan (DESIGN.md §4)
//! must recognise boxed `Value`s, raw pointers and interior pointers alike; with raw
//! pointers all three are the same kind of word. Floats pay one integer add to box and
//! unbox, ints one shift.
//!
//! Negative NaNs are canonicalised when boxed, so no float collides with the int range;
//! positive NaNs keep their payload. That is how NaN objects keep an identity: CPython's
//! `x = float("nan"); [x] == [x]` is true (same object) while two separate
//! `float("nan")` are different objects, so `Value::fresh_nan` gives each parsed NaN its
//! own payload and containers compare identical words as identical objects.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

/// One Python value. `Copy`; the GC keeps what it points to alive as long as it is
/// reachable from a root (see `gc` for the rooting rule).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

const DOUBLE_OFFSET: u64 = 1 << 49;
const INT_TAG: u64 = 0xFFFF << 48;
const PAYLOAD_MASK: u64 = (1 << 48) - 1;
/// Addresses below this are immediates, never heap objects.
const IMMEDIATE_LIMIT: u64 = 0x1000;

/// The smallest and largest ints stored inline.
pub const INLINE_INT_MIN: i64 = -(1 << 47);
pub const INLINE_INT_MAX: i64 = (1 << 47) - 1;

impl Value {
    /// The empty-register marker: never visible to Python code.
    pub const UNSET: Value = Value(0);
    pub const NONE: Value = Value(0x02);
    pub const FALSE: Value = Value(0x06);
    pub const TRUE: Value = Value(0x07);
    pub const NOT_IMPLEMENTED: Value = Value(0x0A);
    pub const ELLIPSIS: Value = Value(0x0E);

    /// The raw bits (for hashing identity, `id()` and the JIT).
    #[inline]
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Rebuilds a value from [`Value::bits`].
    #[inline]
    pub fn from_bits(bits: u64) -> Value {
        Value(bits)
    }

    #[inline]
    pub fn is_unset(self) -> bool {
        self.0 == 0
    }

    #[inline]
    pub fn is_none(self) -> bool {
        self == Value::NONE
    }

    /// A Python bool.
    #[inline]
    pub fn from_bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }

    #[inline]
    pub fn is_bool(self) -> bool {
        self == Value::TRUE || self == Value::FALSE
    }

    // ---- floats -------------------------------------------------------------------------

    /// Boxes a float (never allocates).
    #[inline]
    pub fn from_f64(f: f64) -> Value {
        let bits = if f.is_nan() && f.is_sign_negative() {
            0xFFF8_0000_0000_0000
        } else {
            f.to_bits()
        };
        Value(bits.wrapping_add(DOUBLE_OFFSET))
    }

    /// A new positive NaN with a payload no other `fresh_nan` has (a distinct NaN
    /// "object"; see the module docs).
    pub fn fresh_nan() -> Value {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let payload = NEXT.fetch_add(1, Ordering::Relaxed) & ((1 << 51) - 1);
        Value::from_f64(f64::from_bits(0x7FF8_0000_0000_0000 | payload))
    }

    #[inline]
    pub fn is_float(self) -> bool {
        let top = self.0 >> 48;
        (0x0002..=0xFFFA).contains(&top)
    }

    /// The float, if this is one.
    #[inline]
    pub fn as_f64(self) -> Option<f64> {
        if self.is_float() {
            Some(f64::from_bits(self.0.wrapping_sub(DOUBLE_OFFSET)))
        } else {
            None
        }
    }

    // ---- inline ints --------------------------------------------------------------------

    /// An inline int, or `None` when `i` is outside ±2^47 (the caller then allocates a big int).
    #[inline]
    pub fn try_from_i64(i: i64) -> Option<Value> {
        if (INLINE_INT_MIN..=INLINE_INT_MAX).contains(&i) {
            Some(Value(INT_TAG | (i as u64 & PAYLOAD_MASK)))
        } else {
            None
        }
    }

    /// An inline int; `i` must be within ±2^47 (checked in debug builds).
    #[inline]
    pub fn small_int(i: i64) -> Value {
        debug_assert!((INLINE_INT_MIN..=INLINE_INT_MAX).contains(&i));
        Value(INT_TAG | (i as u64 & PAYLOAD_MASK))
    }

    #[inline]
    pub fn is_small_int(self) -> bool {
        self.0 >> 48 == 0xFFFF
    }

    /// The inline int, if this is one (not bools and not big ints).
    #[inline]
    pub fn as_small_int(self) -> Option<i64> {
        if self.is_small_int() {
            // Sign-extend the 48-bit payload.
            Some(((self.0 << 16) as i64) >> 16)
        } else {
            None
        }
    }

    // ---- heap references ----------------------------------------------------------------

    /// Whether this is a reference to a heap object.
    #[inline]
    pub fn is_ptr(self) -> bool {
        self.0 >> 48 == 0 && self.0 >= IMMEDIATE_LIMIT
    }

    /// The address of the heap object, if this is a reference.
    #[inline]
    pub fn as_addr(self) -> Option<usize> {
        if self.is_ptr() {
            Some(self.0 as usize)
        } else {
            None
        }
    }

    /// A reference to the object at `addr` (used by the object layer only).
    #[inline]
    pub(crate) fn from_addr(addr: usize) -> Value {
        debug_assert!(addr as u64 >= IMMEDIATE_LIMIT && (addr as u64) >> 48 == 0);
        Value(addr as u64)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.as_small_int() {
            write!(f, "Int({i})")
        } else if let Some(x) = self.as_f64() {
            write!(f, "Float({x})")
        } else if let Some(addr) = self.as_addr() {
            write!(f, "Obj({addr:#x})")
        } else {
            match *self {
                Value::UNSET => write!(f, "Unset"),
                Value::NONE => write!(f, "None"),
                Value::TRUE => write!(f, "True"),
                Value::FALSE => write!(f, "False"),
                Value::NOT_IMPLEMENTED => write!(f, "NotImplemented"),
                Value::ELLIPSIS => write!(f, "Ellipsis"),
                other => write!(f, "Value({:#x})", other.0),
            }
        }
    }
}

/// A `Value` slot with interior mutability, for registers, cells and object fields that
/// the owning thread writes while the collector may read them during a stop-the-world
/// pause. Relaxed atomic loads and stores compile to plain moves.
#[derive(Default)]
#[repr(transparent)]
pub struct AtomicValue(AtomicU64);

impl AtomicValue {
    pub const fn new(v: Value) -> AtomicValue {
        AtomicValue(AtomicU64::new(v.0))
    }

    #[inline]
    pub fn get(&self) -> Value {
        Value(self.0.load(Ordering::Relaxed))
    }

    /// Stores `v`. Callers storing into a heap object call the write barrier first
    /// (`gc::write_barrier`); registers of VM frames need none.
    #[inline]
    pub fn set(&self, v: Value) {
        self.0.store(v.0, Ordering::Relaxed)
    }

    #[inline]
    pub fn take(&self) -> Value {
        Value(self.0.swap(0, Ordering::Relaxed))
    }
}

impl fmt::Debug for AtomicValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip() {
        for x in [
            0.0,
            -0.0,
            1.5,
            -2.25,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            5e-324,
        ] {
            let v = Value::from_f64(x);
            assert!(v.is_float() && !v.is_ptr() && !v.is_small_int());
            assert_eq!(v.as_f64().unwrap().to_bits(), x.to_bits());
        }
        let nan = Value::from_f64(f64::from_bits(0xFFFF_FFFF_FFFF_FFFF));
        assert!(nan.as_f64().unwrap().is_nan() && nan.as_f64().unwrap().is_sign_negative());
        assert!(Value::from_f64(f64::NAN).as_f64().unwrap().is_nan());
    }

    #[test]
    fn ints_round_trip() {
        for i in [0, 1, -1, INLINE_INT_MAX, INLINE_INT_MIN, 12345, -98765] {
            let v = Value::try_from_i64(i).unwrap();
            assert!(!v.is_float() && !v.is_ptr());
            assert_eq!(v.as_small_int(), Some(i));
        }
        assert!(Value::try_from_i64(INLINE_INT_MAX + 1).is_none());
        assert!(Value::try_from_i64(INLINE_INT_MIN - 1).is_none());
    }

    #[test]
    fn immediates_are_distinct() {
        let all = [
            Value::UNSET,
            Value::NONE,
            Value::TRUE,
            Value::FALSE,
            Value::NOT_IMPLEMENTED,
            Value::ELLIPSIS,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(!a.is_ptr() && !a.is_float() && !a.is_small_int());
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!(Value::from_addr(0x7f00_0000_1000).is_ptr());
    }
}
