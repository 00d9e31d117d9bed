//! `list` objects: a growable vector behind the list's own lock (DESIGN.md §5). Code that
//! may run Python code (comparisons in `sort`, `__eq__` in `index`) copies what it needs
//! and releases the lock first, so a list can be mutated from the callback without
//! deadlock; `sort` detects that mutation as CPython does.

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::value::Value;

/// A `list` object.
#[derive(Default)]
pub struct ListBody {
    pub items: Mutex<Vec<Value>>,
}

impl Trace for ListBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.items.lock());
    }

    fn external_bytes(&self) -> usize {
        self.items.lock().capacity() * std::mem::size_of::<Value>()
    }
}

impl ListBody {
    pub fn new(items: Vec<Value>) -> ListBody {
        ListBody {
            items: Mutex::new(items),
        }
    }

    pub fn len(&self) -> usize {
        self.items.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.lock().is_empty()
    }

    /// A copy of the items (for iteration that may run Python code).
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.lock().clone()
    }

    pub fn get(&self, index: usize) -> Option<Value> {
        self.items.lock().get(index).copied()
    }
}
