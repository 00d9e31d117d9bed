//! Small immutable builtin objects: `range`, `slice`, `complex`, and the range/sequence
//! iterators the VM's `for` loops specialise on.

use std::sync::atomic::{AtomicI64, AtomicUsize};

use crate::gc::Tracer;
use crate::object::Trace;
use crate::value::Value;

/// A `range` object; bounds are ints (inline or big).
pub struct RangeBody {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Trace for RangeBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&[self.start, self.stop, self.step]);
    }
}

/// A `slice` object.
pub struct SliceBody {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Trace for SliceBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&[self.start, self.stop, self.step]);
    }
}

/// A `complex` number.
pub struct ComplexBody {
    pub re: f64,
    pub im: f64,
}

impl Trace for ComplexBody {
    fn trace(&self, _tracer: &mut Tracer) {}
}

/// The iterator of a `range` whose bounds fit in `i64`.
pub struct RangeIterBody {
    pub start: i64,
    pub step: i64,
    /// Items in all.
    pub len: i64,
    /// Items left. The next item is computed from it alone, so a race between two
    /// threads sharing the iterator (a plain load and store, no read-modify-write on the
    /// hot path) can repeat an item but never yield one outside the range.
    pub remaining: AtomicI64,
}

impl RangeIterBody {
    /// The item `remaining` items before the end, as an `i128` (the last item of a range
    /// whose bounds fit in `i64` may not).
    pub fn item(&self, remaining: i64) -> i128 {
        self.start as i128 + (self.len - remaining) as i128 * self.step as i128
    }
}

impl Trace for RangeIterBody {
    fn trace(&self, _tracer: &mut Tracer) {}
}

/// The iterator of a list, tuple or str (by index, re-reading the length each step, as
/// CPython's `listiterator` does).
pub struct SeqIterBody {
    pub seq: Value,
    pub index: AtomicUsize,
}

impl Trace for SeqIterBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.seq);
    }
}
