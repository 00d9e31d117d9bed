//! `tuple` objects: an immutable boxed slice of values.

use crate::gc::Tracer;
use crate::object::Trace;
use crate::value::Value;

/// A `tuple` object.
pub struct TupleBody {
    pub items: Box<[Value]>,
}

impl Trace for TupleBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.items);
    }

    fn external_bytes(&self) -> usize {
        std::mem::size_of_val(&*self.items)
    }
}
