//! Exception instances (`BaseException` and every subclass share this layout).

use std::sync::atomic::AtomicBool;

use crate::gc::Tracer;
use crate::object::Trace;
use crate::types::instance::AttrStore;
use crate::value::AtomicValue;

/// A `BaseException` instance.
#[derive(Default)]
pub struct ExceptionBody {
    /// A tuple.
    pub args: AtomicValue,
    pub traceback: AtomicValue,
    pub cause: AtomicValue,
    pub context: AtomicValue,
    pub suppress_context: AtomicBool,
    pub attrs: AttrStore,
}

impl Trace for ExceptionBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.args.get());
        tracer.visit(self.traceback.get());
        tracer.visit(self.cause.get());
        tracer.visit(self.context.get());
        self.attrs.trace(tracer);
    }
}

/// A traceback entry: one frame an exception passed through.
pub struct TracebackBody {
    pub next: AtomicValue,
    pub frame: crate::value::Value,
    /// The pc of the instruction that raised (`tb_lasti`, in code units).
    pub pc: u32,
}

impl Trace for TracebackBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.next.get());
        tracer.visit(self.frame);
    }
}
