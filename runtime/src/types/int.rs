//! Heap ints: the values outside the inline ±2^47 range of `Value` (DESIGN.md §3). A big
//! int is always normalised: one that fits inline is never stored on the heap, so two
//! equal ints are either both inline or both big.

use num_bigint::BigInt;

use crate::gc::Tracer;
use crate::object::Trace;

/// An `int` too large to be inline.
pub struct IntBody {
    pub value: BigInt,
}

impl Trace for IntBody {
    fn trace(&self, _tracer: &mut Tracer) {}

    fn external_bytes(&self) -> usize {
        // The magnitude's 64-bit digits.
        self.value.bits().div_ceil(64) as usize * 8
    }
}
