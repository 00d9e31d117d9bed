//! Frames: the register file and state of one executing code object. Frames are heap
//! objects so that generators can keep theirs, tracebacks and `sys._getframe` can refer to
//! them, and the collector finds their registers precisely (DESIGN.md §4).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::gc::Tracer;
use crate::object::{Gc, Trace};
use crate::types::dict::DictBody;
use crate::types::function::CodeBody;
use crate::value::{AtomicValue, Value};

/// Registers kept inside the frame object (nine in ten code objects of the benchmark
/// programs need no more).
pub const INLINE_REGS: usize = 10;

/// A frame.
pub struct FrameBody {
    pub code: Gc<CodeBody>,
    pub globals: Gc<DictBody>,
    /// The builtins namespace (a dict).
    pub builtins: Value,
    /// The locals mapping of module and class bodies; `UNSET` for functions.
    pub locals: AtomicValue,
    /// The function being run, or `None`.
    pub func: Value,
    /// The registers: locals, then temporaries. Most code objects need few, so they live
    /// in the frame object itself; only a large register file takes a separate block
    /// (one allocation per call instead of two).
    pub regs: smallvec::SmallVec<[AtomicValue; INLINE_REGS]>,
    /// Cells then free variables (cell objects).
    pub derefs: Box<[AtomicValue]>,
    /// The calling frame (`f_back`) while executing.
    pub back: AtomicValue,
    /// The pc of the instruction executing or last executed (`f_lasti`).
    pub pc: AtomicU32,
    /// Where execution continues when a call made by this frame returns.
    pub resume_pc: AtomicU32,
    /// The register of the caller (`back`) that receives this frame's return value when
    /// the VM runs both in one loop.
    pub ret_reg: AtomicU32,
    /// A `YieldFrom` of this (generator) frame is delegating: resuming sends into the
    /// delegate instead of starting it.
    pub yf_active: AtomicBool,
    /// The value sent into a generator suspended in a delegating `YieldFrom`.
    pub sent: AtomicValue,
}

impl Trace for FrameBody {
    fn external_bytes(&self) -> usize {
        let regs = if self.regs.spilled() {
            std::mem::size_of_val(&*self.regs)
        } else {
            0
        };
        regs + std::mem::size_of_val(&*self.derefs)
    }

    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.code.value());
        tracer.visit(self.globals.value());
        tracer.visit(self.builtins);
        tracer.visit(self.locals.get());
        tracer.visit(self.func);
        // Temporaries may hold dead values (registers are not cleared when a value dies);
        // the collector can defer them so that finalization ignores them (see `gc::collect`).
        let nlocals = (self.code.code.nlocals as usize).min(self.regs.len());
        for r in self.regs[..nlocals].iter().chain(self.derefs.iter()) {
            tracer.visit(r.get());
        }
        for r in &self.regs[nlocals..] {
            tracer.visit_temporary(r.get());
        }
        tracer.visit(self.back.get());
        tracer.visit(self.sent.get());
    }
}

impl FrameBody {
    #[inline]
    pub fn reg(&self, index: usize) -> Value {
        self.regs[index].get()
    }

    #[inline]
    pub fn set_reg(&self, index: usize, v: Value) {
        self.regs[index].set(v)
    }

    pub fn pc(&self) -> u32 {
        self.pc.load(Ordering::Relaxed)
    }

    /// The current line (`f_lineno`).
    pub fn lineno(&self) -> u32 {
        self.code
            .code
            .location(self.pc() as usize)
            .map_or(self.code.code.first_line, |loc| loc.line)
    }
}
