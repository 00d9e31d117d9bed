//! Module objects: a namespace dict and a name.

use crate::gc::Tracer;
use crate::object::{Gc, Trace};
use crate::types::dict::DictBody;

/// A module object.
pub struct ModuleBody {
    pub dict: Gc<DictBody>,
}

impl Trace for ModuleBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.dict.value());
    }
}
