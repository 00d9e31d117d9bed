//! Finalization: `__del__` methods and weak reference callbacks run after a collection
//! finds their objects unreachable (CPython: `Modules/gcmodule.c` `handle_weakrefs` and
//! `finalize_garbage`, PEP 442).
//!
//! The collector calls [`after_mark`] between marking and sweeping:
//! 1. every registered weak reference that survives but whose referent is unmarked is
//!    cleared, and its callback (if any) is queued — as in CPython's cycle collector,
//!    weak references die *before* finalizers run, even when a finalizer resurrects;
//! 2. every unmarked object whose type defines `__del__` (`tflags::HAS_FINALIZER`) and
//!    that was not finalized before is flagged `FINALIZED`, queued and resurrected
//!    (marked together with everything it reaches), so it survives this sweep; so is
//!    every unreachable generator suspended at a `yield`, which is finalized by closing
//!    it ([`after_mark_generators`]).
//!
//! The queues are traced roots. [`run_pending`] empties them outside the collector — after
//! `gc.collect()` and after collections at VM safepoints — running callbacks first, then
//! `__del__` methods; an exception there goes to `sys.unraisablehook` or is printed as
//! CPython's "Exception ignored in: …" report. Each object's `__del__` runs at most once; a
//! resurrected object is freed by a later collection once it is unreachable again.
//!
//! Deliberate difference from CPython: objects are not reference counted, so `del x` does
//! not finalize `x` at once; its `__del__` runs at the next collection (any `gc.collect()`,
//! or an automatic one). Programs that `gc.collect()` before looking see CPython's result.

use std::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::Mutex;

use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::object::{flags, header_at};
use crate::ops;
use crate::types::exception::ExceptionBody;
use crate::types::native::NativeObject;
use crate::types::typeobj::tflags;
use crate::value::{AtomicValue, Value};

/// The body of a weak reference object (`weakref.ref`, proxies). The referent is
/// deliberately not traced; the callback is.
pub struct WeakRefData {
    pub referent: AtomicValue,
    pub callback: AtomicValue,
    /// `hash(ref)`, fixed at the first call (CPython keeps it after the referent dies).
    pub hash: Mutex<Option<i64>>,
    /// A `weakref.proxy` rather than a `weakref.ref`.
    pub proxy: bool,
}

impl WeakRefData {
    /// The referent, or `None` once cleared.
    pub fn referent(&self) -> Value {
        self.referent.get()
    }

    /// Clears the referent; returns the callback to run (or `None`).
    fn clear(&self) -> Value {
        self.referent.set(Value::NONE);
        let cb = self.callback.get();
        self.callback.set(Value::NONE);
        cb
    }
}

impl NativeObject for WeakRefData {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.callback.get());
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The finalization state of the runtime (one per process, like the heap).
#[derive(Default)]
pub struct FinalizeState {
    /// Addresses of live weak reference objects. Not traced: a weak reference that
    /// nothing else reaches is freed and dropped from this list by the next collection.
    weakrefs: Mutex<Vec<usize>>,
    /// Objects whose `__del__` is due, and `(weakref, callback)` pairs to call. Traced.
    pending_del: Mutex<Vec<Value>>,
    pending_callbacks: Mutex<Vec<(Value, Value)>>,
    /// Finalizers taken off the queues and still running, on any thread. `gc.collect()`
    /// waits for them, so that it returns only once the garbage it found (or another
    /// thread's collection found) has been finalized.
    in_flight: AtomicUsize,
    /// Objects found unreachable by the last collection (`gc.collect()`'s result).
    pub last_unreachable: std::sync::atomic::AtomicUsize,
    /// Addresses of the objects that may need finalizing: instances of types with
    /// `__del__` and generators, registered when allocated. Not traced: unreachable ones
    /// are either resurrected or dropped from the list by the collection that finds
    /// them, so the collector never scans the whole heap for finalizers.
    candidates: Mutex<Vec<usize>>,
}

impl FinalizeState {
    /// Registers the weak reference object `weakref` (its body implements [`WeakSlot`]).
    pub fn register(&self, weakref: Value) {
        if let Some(addr) = weakref.as_addr() {
            self.weakrefs.lock().push(addr);
        }
    }

    /// Registers `obj` as possibly needing finalization (see `candidates`).
    pub fn add_candidate(&self, obj: usize) {
        self.candidates.lock().push(obj);
    }

    /// The live weak reference objects (for `weakref.getweakrefcount`/`getweakrefs`).
    pub fn weakrefs(&self) -> Vec<Value> {
        self.weakrefs
            .lock()
            .iter()
            .map(|&a| Value::from_addr(a))
            .collect()
    }

    /// Traces the queues (they are roots until `run_pending` empties them).
    pub fn trace(&self, tracer: &mut Tracer) {
        tracer.visit_all(&self.pending_del.lock());
        for &(w, c) in self.pending_callbacks.lock().iter() {
            tracer.visit(w);
            tracer.visit(c);
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.pending_del.lock().is_empty() || !self.pending_callbacks.lock().is_empty()
    }

    /// Takes the next finalizer to run (weak reference callbacks first) and counts it in
    /// flight. The count goes up under the queue's lock, so a thread that sees both
    /// queues empty and nothing in flight knows every queued finalizer has finished.
    fn take_next(&self) -> Option<Finalizer> {
        {
            let mut q = self.pending_callbacks.lock();
            if !q.is_empty() {
                self.in_flight.fetch_add(1, Ordering::AcqRel);
                let (w, cb) = q.remove(0);
                return Some(Finalizer::Callback(w, cb));
            }
        }
        let mut q = self.pending_del.lock();
        if q.is_empty() {
            return None;
        }
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        Some(Finalizer::Del(q.remove(0)))
    }
}

/// One queued finalizer.
enum Finalizer {
    /// A weak reference's callback, called with the weak reference.
    Callback(Value, Value),
    /// An object whose `__del__` is due, or a suspended generator to close.
    Del(Value),
}

fn is_marked(addr: usize) -> bool {
    header_at(addr).mark.load(Ordering::Relaxed) != 0
}

/// The collector's hook between marking and sweeping (see the module docs). With
/// `generators`, unreachable suspended generators are queued too (see
/// [`after_mark_generators`]). `objects`, every object in the heap, is given only when the
/// number of unreachable objects is wanted (`gc.collect()`'s result).
pub fn after_mark(
    state: &FinalizeState,
    objects: Option<&[usize]>,
    tracer: &mut Tracer,
    generators: bool,
) {
    // Weak references first: they see the unreachable set before any resurrection.
    let mut weakrefs = state.weakrefs.lock();
    let mut callbacks = Vec::new();
    weakrefs.retain(|&addr| {
        // An unmarked weak reference may still be reached later in this collection (from
        // a frame temporary or a conservative root, which an explicit collection marks
        // after this point): it stays registered until `forget_dead_weakrefs` runs just
        // before the sweep. Dropping it here left a live weak reference that was never
        // cleared, pointing at a freed object.
        if !is_marked(addr) {
            return true;
        }
        let w = Value::from_addr(addr);
        let Some(s) = crate::builtins::descriptors::native::<WeakRefData>(w) else {
            return false;
        };
        match s.referent().as_addr() {
            Some(r) if !is_marked(r) => {
                let cb = s.clear();
                if !cb.is_none() {
                    callbacks.push((w, cb));
                }
                true
            }
            _ => true,
        }
    });
    drop(weakrefs);
    if let Some(objects) = objects {
        let unreachable = objects.iter().filter(|&&addr| !is_marked(addr)).count();
        state.last_unreachable.store(unreachable, Ordering::Relaxed);
    }
    let mut resurrect = Vec::new();
    state.candidates.lock().retain(|&addr| {
        if is_marked(addr) {
            return true;
        }
        let header = header_at(addr);
        if header.has_flag(flags::FINALIZED) {
            return false;
        }
        let ty = ops::type_at(header.type_addr());
        let generator = is_suspended_generator(Value::from_addr(addr));
        if ty.has_flag(tflags::HAS_FINALIZER) || (generators && generator) {
            header.set_flag(flags::FINALIZED);
            resurrect.push(Value::from_addr(addr));
            return false;
        }
        // An unreachable suspended generator left for `after_mark_generators` stays
        // listed; anything else unreachable is swept now.
        generator
    });
    for &v in &resurrect {
        tracer.visit(v);
    }
    for &(w, c) in &callbacks {
        tracer.visit(w);
        tracer.visit(c);
    }
    tracer.drain();
    state.pending_del.lock().extend(resurrect);
    state.pending_callbacks.lock().extend(callbacks);
}

/// Unregisters the weak reference objects the sweep is about to free. Runs after the
/// last marking of a collection.
pub fn forget_dead_weakrefs(state: &FinalizeState) {
    state.weakrefs.lock().retain(|&addr| is_marked(addr));
}

/// Queues (and resurrects) the unreachable generators and coroutines suspended at a
/// `yield`/`await`, whose finalizer closes them. An explicit collection calls this once
/// every frame register counts as reachable (unlike `__del__` objects, whose decision
/// ignores possibly dead temporaries): closing a generator that a live register still
/// iterates would break the program, while a late close only delays `finally` blocks.
pub fn after_mark_generators(state: &FinalizeState, tracer: &mut Tracer) {
    let mut resurrect = Vec::new();
    state.candidates.lock().retain(|&addr| {
        if is_marked(addr) {
            return true;
        }
        let header = header_at(addr);
        if !header.has_flag(flags::FINALIZED) && is_suspended_generator(Value::from_addr(addr)) {
            header.set_flag(flags::FINALIZED);
            resurrect.push(Value::from_addr(addr));
        }
        false
    });
    for &v in &resurrect {
        tracer.visit(v);
    }
    tracer.drain();
    state.pending_del.lock().extend(resurrect);
}

/// Whether `v` is a generator or coroutine paused at a `yield`/`await`: its finalizer
/// closes it, so pending `finally` blocks and `with` exits run (CPython's
/// `_PyGen_Finalize`). Async generators are left to their event loop's hooks.
fn is_suspended_generator(v: Value) -> bool {
    use crate::vm::generator::{GenBody, GenKind, gen_state};
    Gc::<GenBody>::from_value(v).is_some_and(|g| {
        g.kind != GenKind::AsyncGenerator && g.state.load(Ordering::Relaxed) == gen_state::SUSPENDED
    })
}

/// Runs finalizers queued by collections, on this thread. Errors are reported as
/// unraisable, never propagated, so callers can ignore the result.
///
/// Any thread may drain the queues, several at once; each finalizer runs exactly once,
/// on the thread that takes it. A finalizer's own safepoints do not re-enter this (the
/// thread's `Vm::finalizing` is set), so finalizers never nest.
pub fn run_pending(vm: &mut Vm) -> PyResult<()> {
    let rt = vm.rt.clone();
    let state = &rt.gc.finalize;
    if vm.finalizing || !state.has_pending() {
        return Ok(());
    }
    vm.finalizing = true;
    // A finalizer runs as if called from nowhere: it must not see or clobber the
    // exception being handled where the safepoint happened.
    let saved_exc = vm.exc_info;
    vm.exc_info = Value::NONE;
    while let Some(next) = state.take_next() {
        run_one(vm, next);
        state.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
    vm.exc_info = saved_exc;
    vm.finalizing = false;
    Ok(())
}

/// `gc.collect()`'s finalization: runs the queued finalizers, then waits (detached, so
/// collections go on without this thread) until those other threads took have finished
/// too. Without the wait, a thread that had just taken the queue — a thread finishing
/// after `join()` returned, say — left `gc.collect()` returning before the garbage it
/// found was finalized. Called from inside a finalizer, it neither runs nor waits, as
/// the finalizer's own thread is the one running the queue.
pub fn run_pending_and_wait(vm: &mut Vm) -> PyResult<()> {
    if vm.finalizing {
        return Ok(());
    }
    let rt = vm.rt.clone();
    let state = &rt.gc.finalize;
    loop {
        run_pending(vm)?;
        if state.in_flight.load(Ordering::Acquire) == 0 && !state.has_pending() {
            return Ok(());
        }
        vm.detached(|| std::thread::sleep(std::time::Duration::from_micros(200)));
        vm.safepoint()?;
    }
}

fn run_one(vm: &mut Vm, next: Finalizer) {
    match next {
        Finalizer::Callback(w, cb) => {
            if let Err(e) = ops::call::call(vm, cb, &[w]) {
                report_unraisable(
                    vm,
                    e.value(),
                    cb,
                    "Exception ignored while calling weakref callback",
                );
            }
        }
        Finalizer::Del(obj) if Gc::<crate::vm::generator::GenBody>::from_value(obj).is_some() => {
            if let Err(e) = crate::vm::generator_ops::gen_close(vm, obj) {
                report_unraisable(
                    vm,
                    e.value(),
                    obj,
                    "Exception ignored while finalizing generator",
                );
            }
        }
        Finalizer::Del(obj) => {
            let ty = ops::type_of(vm, obj);
            if let Some(del) = ops::attr::lookup_type(vm, ty, "__del__")
                && let Err(e) = ops::call::call(vm, del, &[obj])
            {
                report_unraisable(
                    vm,
                    e.value(),
                    del,
                    "Exception ignored while calling deallocator",
                );
            }
        }
    }
}

/// Reports an exception nobody can catch: through `sys.unraisablehook` when the program
/// set one, else CPython's default text on stderr (`Python/errors.c`
/// `format_unraisable_v`). `obj` is the function that raised.
pub fn report_unraisable(vm: &mut Vm, exc: Value, obj: Value, _context: &str) {
    let sys = vm.interp.sys.get();
    let hook = ops::attr::getattr_opt(vm, sys, "unraisablehook")
        .ok()
        .flatten();
    let default = ops::attr::getattr_opt(vm, sys, "__unraisablehook__")
        .ok()
        .flatten();
    if let Some(h) = hook
        && Some(h) != default
    {
        let args = crate::import::new_module(vm, "UnraisableHookArgs");
        let ty = ops::type_of(vm, exc).value();
        let tb = Gc::<ExceptionBody>::from_value(exc).map_or(Value::NONE, |b| b.traceback.get());
        for (k, v) in [
            ("exc_type", ty),
            ("exc_value", exc),
            ("exc_traceback", tb),
            ("err_msg", Value::NONE),
            ("object", obj),
        ] {
            ops::dictops::set_item_str(vm, args.dict, k, v);
        }
        if ops::call::call(vm, h, &[args.value()]).is_ok() {
            return;
        }
    }
    print_unraisable(vm, exc, obj);
}

/// The default unraisable report on stderr.
pub fn print_unraisable(vm: &mut Vm, exc: Value, obj: Value) {
    crate::modules::io::flush_std(vm);
    let what = match ops::repr::repr(vm, obj) {
        Ok(r) => ops::str_of(r).unwrap_or("<object>").to_owned(),
        Err(_) => "<object repr() failed>".to_owned(),
    };
    let report = crate::traceback::format_exception(vm, exc);
    eprint!("Exception ignored in: {what}\n{report}");
}
