//! Objects whose layout is any Rust type implementing [`NativeObject`]: iterators,
//! descriptors, I/O objects and the like. Hot layouts get their own kind instead; this one
//! lets modules add object types without touching the kind table.

use std::any::Any;

use crate::gc::Tracer;
use crate::object::Trace;

/// A Rust value usable as a heap object's body.
pub trait NativeObject: Any + Send + Sync {
    /// Reports every `Value` held.
    fn trace(&self, tracer: &mut Tracer);
    fn as_any(&self) -> &dyn Any;
}

/// The body of a native object.
pub struct NativeBody(pub Box<dyn NativeObject>);

impl Trace for NativeBody {
    fn trace(&self, tracer: &mut Tracer) {
        self.0.trace(tracer)
    }
}

impl NativeBody {
    pub fn downcast<T: NativeObject>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref::<T>()
    }
}
