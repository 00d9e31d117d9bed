//! The tracing garbage collector: mark-sweep, non-moving, stop-the-world at safepoints
//! (DESIGN.md §4).
//!
//! # The rooting rule
//!
//! An object stays alive while it is reachable from a root. Roots are:
//! - the runtime's and each interpreter's tables (builtin types, interned strings,
//!   `sys.modules`, builtins), traced precisely by `Runtime::trace_roots`;
//! - each attached thread's native stack and callee-saved registers, scanned
//!   conservatively ([`stack`]): any word that points into a live object, including an
//!   interior pointer or a boxed [`Value`], keeps that object alive. VM frames are heap
//!   objects referenced from the interpreter loop's locals and linked through `f_back`, so
//!   they are found this way and traced precisely from there.
//!
//! With several threads, a collection stops every other thread first (`crate::threads`):
//! each running thread stops at its next safepoint, and a thread in a blocking call has
//! detached (`Vm::detached`) and must not touch heap objects until it attaches again. The
//! stacks of stopped and detached threads are scanned like the collecting thread's own.
//!
//! Consequently: **a `Value` kept in a Rust heap allocation (a `Vec<Value>` temporary, a
//! `Box`, a `HashMap`) across anything that can run Python code must live in a GC object
//! (for example a `list`) or be registered with [`crate::interp::Vm::push_root`].** Values in
//! Rust locals and in the fields of traced objects need nothing. Collection happens only
//! at safepoints — loop back-edges and calls in the VM — never inside an allocation, so
//! Rust code that does not call back into Python cannot observe a collection.
//!
//! # Write barrier
//!
//! Every store of a reference into a heap object calls [`write_barrier`] first. It does
//! nothing today; generational collection (sticky mark bits and a remembered set) and
//! incremental marking will hook in there without touching the call sites.
//!
//! # Stress mode
//!
//! `TAIPAN_GC_STRESS=1` collects at every safepoint while the heap is small (see
//! `Vm::safepoint` for the spacing on big heaps), which is how rooting bugs show up.

pub mod finalize;
pub mod heap;
pub mod stack;

use std::sync::atomic::Ordering;

use crate::object::{Header, header_at, trace_object};
use crate::value::Value;
use heap::Heap;

/// The marking state handed to every object's `Trace` implementation.
pub struct Tracer {
    stack: Vec<usize>,
    /// When set, `visit` records the values instead of marking (`gc.get_referents`).
    recorded: Option<Vec<Value>>,
    /// When set, `visit_temporary` defers values here instead of marking them: the
    /// precise phase of an explicit collection (see [`collect`]).
    deferred: Option<Vec<Value>>,
}

impl Tracer {
    /// Marks `v`'s object (if it is a reference) and queues it for tracing.
    #[inline]
    pub fn visit(&mut self, v: Value) {
        if let Some(recorded) = &mut self.recorded {
            if v.is_ptr() {
                recorded.push(v);
            }
            return;
        }
        if let Some(addr) = v.as_addr() {
            self.mark(addr);
        }
    }

    /// Visits a value that may be dead: a VM frame's temporary register.
    #[inline]
    pub fn visit_temporary(&mut self, v: Value) {
        match &mut self.deferred {
            Some(d) if v.is_ptr() => d.push(v),
            _ => self.visit(v),
        }
    }

    /// Visits every value of a slice.
    pub fn visit_all(&mut self, values: &[Value]) {
        for &v in values {
            self.visit(v);
        }
    }

    fn mark(&mut self, addr: usize) {
        let header: &Header = header_at(addr);
        if header.mark.swap(1, Ordering::Relaxed) == 0 {
            self.stack.push(addr);
        }
    }

    pub(crate) fn drain(&mut self) {
        while let Some(addr) = self.stack.pop() {
            trace_object(addr, self);
        }
    }
}

/// What one collection did.
#[derive(Debug, Clone, Copy, Default)]
pub struct CollectStats {
    pub freed: usize,
}

/// Marks from the given precise roots, the current thread's stack and the stacks of the
/// stopped threads (`other_stacks`: `(low, stack_base)` ranges recorded by
/// `stack::with_spilled_registers`), lets [`finalize::after_mark`] clear weak references
/// and resurrect objects with `__del__`, then sweeps. Every other thread must be stopped at
/// a safepoint (or detached) while this runs: `crate::threads` arranges it.
///
/// With `precise_finalization` (an explicit `gc.collect()`), the finalization decisions
/// are taken after marking from the precise roots only, before the conservative stack
/// scan. A stale copy of a pointer left in a live Rust frame (common: the interpreter
/// loop's frame is large and rarely overwritten) would otherwise keep a dropped object's
/// `__del__` and weak reference callbacks from ever running. Memory safety is unaffected —
/// the stack is still scanned before the sweep, so nothing it reaches is freed; the cost is
/// that an object held *only* by a Rust local may be finalized (or its weak references
/// cleared) while still in use, which the runtime's own code never relies on: values live
/// in frame registers or traced objects whenever Python code can run.
pub fn collect(
    heap: &Heap,
    stack_base: usize,
    other_stacks: &[(usize, usize)],
    finalize: &finalize::FinalizeState,
    precise_finalization: bool,
    trace_roots: impl FnOnce(&mut Tracer),
) -> CollectStats {
    let deferred = if precise_finalization {
        Some(Vec::new())
    } else {
        None
    };
    let mut tracer = Tracer {
        stack: Vec::new(),
        recorded: None,
        deferred,
    };
    trace_roots(&mut tracer);
    finalize.trace(&mut tracer);
    tracer.drain();
    if precise_finalization {
        let objects = heap_objects(heap);
        finalize::after_mark(finalize, Some(&objects), &mut tracer, false);
        // Every register is a root for memory purposes, and for closing generators.
        let deferred = tracer.deferred.take().unwrap_or_default();
        tracer.visit_all(&deferred);
        tracer.drain();
        finalize::after_mark_generators(finalize, &mut tracer);
    }
    let mut conservative = Vec::new();
    stack::scan_current_stack(heap, stack_base, |addr| conservative.push(addr));
    for &(low, base) in other_stacks {
        stack::scan_stopped_stack(heap, low, base, |addr| conservative.push(addr));
    }
    for addr in conservative {
        tracer.mark(addr);
    }
    tracer.drain();
    if !precise_finalization {
        finalize::after_mark(finalize, None, &mut tracer, true);
    }
    finalize::forget_dead_weakrefs(finalize);
    CollectStats {
        freed: heap.sweep(),
    }
}

fn heap_objects(heap: &Heap) -> Vec<usize> {
    let mut objects = Vec::new();
    heap.for_each_object(|addr| objects.push(addr));
    objects
}

/// The heap objects `v` refers to directly (`gc.get_referents`).
pub fn referents(v: Value) -> Vec<Value> {
    let mut tracer = Tracer {
        stack: Vec::new(),
        recorded: Some(Vec::new()),
        deferred: None,
    };
    if let Some(addr) = v.as_addr() {
        trace_object(addr, &mut tracer);
    }
    tracer.recorded.unwrap_or_default()
}

/// Called before every store of `value` into the heap object `owner`. A no-op for the
/// non-generational collector; see the module docs.
#[inline(always)]
pub fn write_barrier(_owner: Value, _value: Value) {}
