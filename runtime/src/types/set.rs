//! `set` and `frozenset` objects: a hash table of keys (the dict table with unused values).

use parking_lot::Mutex;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::types::dict::DictTable;

/// A `set` or `frozenset` object (the type tells which; `frozen` mirrors it for speed).
pub struct SetBody {
    pub table: Mutex<DictTable>,
    pub frozen: bool,
}

impl Trace for SetBody {
    fn trace(&self, tracer: &mut Tracer) {
        for e in self.table.lock().iter() {
            tracer.visit(e.key);
        }
    }
}
