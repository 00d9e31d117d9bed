//! Generators, coroutines and async generators: suspended frames (DESIGN.md §7 tier 1).

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU32};

use crate::gc::Tracer;
use crate::object::{Gc, Trace};
use crate::value::{AtomicValue, Value};
use crate::vm::frame::FrameBody;

/// The state of a generator (`inspect.getgeneratorstate`).
pub mod gen_state {
    pub const CREATED: u8 = 0;
    pub const SUSPENDED: u8 = 1;
    pub const RUNNING: u8 = 2;
    pub const CLOSED: u8 = 3;
}

/// Which of the three generator-like objects this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

/// A generator, coroutine or async generator.
pub struct GenBody {
    pub frame: Gc<FrameBody>,
    pub kind: GenKind,
    pub state: AtomicU8,
    /// The pc to resume at.
    pub resume_pc: AtomicU32,
    /// The register that receives the value sent in when resuming after a `Yield`.
    pub resume_reg: AtomicU32,
    /// The iterator a `yield from`/`await` is delegating to, or `UNSET`.
    pub delegate: AtomicValue,
    pub name: AtomicValue,
    pub qualname: AtomicValue,
    /// The exception being handled when the generator was suspended (saved and restored
    /// around each resumption, as CPython's `gi_exc_state`).
    pub exc_state: AtomicValue,
    /// Async generators: an `asend`/`athrow` awaitable is being iterated
    /// (CPython's `ag_running_async`).
    pub running_async: AtomicBool,
    /// Async generators: `aclose()` was called or the generator finished (`ag_closed`).
    pub async_closed: AtomicBool,
}

impl Trace for GenBody {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.frame.value());
        tracer.visit(self.delegate.get());
        tracer.visit(self.name.get());
        tracer.visit(self.qualname.get());
        tracer.visit(self.exc_state.get());
    }
}

impl GenBody {
    pub fn new(frame: Gc<FrameBody>, kind: GenKind, name: Value, qualname: Value) -> GenBody {
        GenBody {
            frame,
            kind,
            state: AtomicU8::new(gen_state::CREATED),
            resume_pc: AtomicU32::new(0),
            resume_reg: AtomicU32::new(u32::MAX),
            delegate: AtomicValue::new(Value::UNSET),
            name: AtomicValue::new(name),
            qualname: AtomicValue::new(qualname),
            exc_state: AtomicValue::new(Value::NONE),
            running_async: AtomicBool::new(false),
            async_closed: AtomicBool::new(false),
        }
    }
}
