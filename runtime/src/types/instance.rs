//! Instances of Python classes, and the attribute store they share with functions,
//! modules-less objects and exceptions.
//!
//! FIXME: attributes live in a dict object today; DESIGN.md §3's hidden-class shapes
//! (a shared key layout plus a slot vector) replace it next, behind this same API.

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::value::{AtomicValue, Value};

/// Per-object attribute storage: the `__dict__` dict object, created on first store.
#[derive(Default)]
pub struct AttrStore {
    pub dict: AtomicValue,
}

impl AttrStore {
    pub fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.dict.get());
    }
}

/// An instance of a class defined in Python.
pub struct InstanceBody {
    pub attrs: AttrStore,
    /// For instances of subclasses of builtins with a payload (int, str, list, dict…): the
    /// builtin object carrying the value; `UNSET` otherwise.
    pub payload: AtomicValue,
    /// `__slots__` storage, one value per declared slot (`UNSET` when unassigned).
    pub slots: Mutex<Vec<Value>>,
}

impl Trace for InstanceBody {
    fn trace(&self, tracer: &mut Tracer) {
        self.attrs.trace(tracer);
        tracer.visit(self.payload.get());
        tracer.visit_all(&self.slots.lock());
    }
}
