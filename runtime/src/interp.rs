//! Runtime, interpreter and thread state (DESIGN.md §6, STYLE habit 5: no process-global
//! mutable state — everything hangs off these three).
//!
//! - [`Runtime`]: one per process: the heap, the builtin types (immutable, so shared by
//!   every interpreter), interned strings, GC settings.
//! - [`Interpreter`]: `sys`, `builtins`, the module table. Several may exist (PEP 734).
//! - [`Vm`]: one per attached thread: its allocation buffer, stack base, recursion depth
//!   and handled-exception state. Every runtime function takes `&mut Vm`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use parking_lot::Mutex;
use rustc_hash::FxHashMap;

use crate::builtins_types::BuiltinTypes;
use crate::errors::{ExcTypes, PyErr, PyResult};
use crate::gc::heap::{Heap, Tlab};
use crate::gc::{self, Tracer};
use crate::object::{Body, Gc};
use crate::types::dict::{DictBody, DictTable};
use crate::types::int::IntBody;
use crate::types::list::ListBody;
use crate::types::module::ModuleBody;
use crate::types::str::StrBody;
use crate::types::tuple::TupleBody;
use crate::types::typeobj::TypeBody;
use crate::value::{AtomicValue, Value};

/// Allocation between collections never goes below this many bytes.
const MIN_GC_THRESHOLD: usize = 4 << 20;

/// Collector settings and counters (the `gc` module's view).
pub struct GcState {
    pub enabled: AtomicBool,
    /// Bytes allocated between collections before the next safepoint collects.
    pub threshold: AtomicUsize,
    /// `gc.set_threshold`'s three numbers, kept for `get_threshold`.
    pub thresholds: Mutex<(i64, i64, i64)>,
    pub stress: bool,
    pub collections: AtomicUsize,
    /// Objects `gc.freeze()` moved to the permanent generation.
    pub frozen: Mutex<Vec<Value>>,
    /// Set when a safepoint should collect.
    pub requested: AtomicBool,
    /// Weak references and queued finalizers (`gc::finalize`).
    pub finalize: gc::finalize::FinalizeState,
}

/// The process-wide runtime.
pub struct Runtime {
    pub heap: Heap,
    pub types: BuiltinTypes,
    pub exc: ExcTypes,
    interned: Mutex<FxHashMap<Box<str>, Value>>,
    pub gc: GcState,
    pub interpreters: Mutex<Vec<Arc<Interpreter>>>,
    /// Bumped by every change to any type's namespace or bases (see `ops::method_cache`).
    pub type_epoch: std::sync::atomic::AtomicU64,
    /// The one empty tuple (`() is ()`, as in CPython).
    pub empty_tuple: Value,
    /// Types created on demand by modules (iterators, views, struct sequences), by name.
    pub extra_types: Mutex<FxHashMap<&'static str, Gc<TypeBody>>>,
    /// The hidden classes of instance attributes (`types::shape`).
    pub shapes: crate::types::shape::ShapeTable,
    /// Every thread running Python code, and the collector's stop-the-world handshake.
    pub threads: crate::threads::Threads,
}

/// One interpreter: its modules and settings.
pub struct Interpreter {
    /// `sys.modules`.
    pub modules: Gc<DictBody>,
    pub builtins: Gc<ModuleBody>,
    pub sys: AtomicValue,
    pub recursion_limit: AtomicU32,
    pub int_max_str_digits: AtomicUsize,
    /// Values the interpreter keeps alive (for example `sys.stdout` objects).
    pub roots: Mutex<Vec<Value>>,
    /// Output is discarded and stdin is empty (`run::RunOptions::sandbox`); blocking
    /// waits are bounded (see [`Vm::sandbox_wait_limit`]).
    pub sandboxed: AtomicBool,
    /// The safepoint budget of every thread (`run::RunOptions::step_limit`), or
    /// `u64::MAX`: threads started later get it too.
    pub step_limit: std::sync::atomic::AtomicU64,
    /// Buffered standard output (see `modules::io`).
    pub stdout: Mutex<std::io::BufWriter<std::io::Stdout>>,
    /// Files opened by `os.open`, by descriptor (see `modules::posix`).
    pub files: Mutex<FxHashMap<i32, std::fs::File>>,
    /// Modules whose code is running for their first import (for the "partially
    /// initialized module" error of `from m import name`).
    pub initializing: Mutex<Vec<String>>,
    /// `_thread.stack_size()` for threads started from now on (0: the default).
    pub thread_stack_size: Mutex<usize>,
    /// `sys.setswitchinterval`'s value: kept for `getswitchinterval` only, since threads
    /// run in parallel and never hand over a lock.
    pub switch_interval: Mutex<f64>,
    /// Per-module import locks (`import_lock`).
    pub import_locks: crate::import_lock::ImportLocks,
}

impl Runtime {
    /// Creates the runtime and its builtin types. `stress` is `TAIPAN_GC_STRESS`.
    pub fn new(stress: bool) -> Arc<Runtime> {
        let heap = Heap::default();
        let mut tlab = Tlab::default();
        let types = BuiltinTypes::bootstrap(&heap, &mut tlab);
        let exc = ExcTypes::create(&heap, &mut tlab, &types);
        let empty_tuple = heap
            .alloc(
                &mut tlab,
                types.tuple.addr(),
                TupleBody {
                    items: Box::new([]),
                },
            )
            .value();
        Arc::new(Runtime {
            heap,
            types,
            exc,
            interned: Mutex::new(FxHashMap::default()),
            gc: GcState {
                enabled: AtomicBool::new(true),
                threshold: AtomicUsize::new(MIN_GC_THRESHOLD),
                thresholds: Mutex::new((2000, 10, 0)),
                stress,
                collections: AtomicUsize::new(0),
                frozen: Mutex::new(Vec::new()),
                requested: AtomicBool::new(false),
                finalize: gc::finalize::FinalizeState::default(),
            },
            interpreters: Mutex::new(Vec::new()),
            extra_types: Mutex::new(FxHashMap::default()),
            shapes: Default::default(),
            threads: Default::default(),
            empty_tuple,
            type_epoch: std::sync::atomic::AtomicU64::new(0),
        })
    }

    fn trace_roots(&self, tracer: &mut Tracer) {
        self.types.trace(tracer);
        self.exc.trace(tracer);
        for &v in self.interned.lock().values() {
            tracer.visit(v);
        }
        tracer.visit(self.empty_tuple);
        tracer.visit_all(&self.gc.frozen.lock());
        for t in self.extra_types.lock().values() {
            tracer.visit(t.value());
        }
        for interp in self.interpreters.lock().iter() {
            tracer.visit(interp.modules.value());
            tracer.visit(interp.builtins.value());
            tracer.visit(interp.sys.get());
            tracer.visit_all(&interp.roots.lock());
        }
    }
}

/// A thread's state while it runs Python code.
pub struct Vm {
    pub rt: Arc<Runtime>,
    /// This thread's identifier in `rt.threads` (`_thread.get_ident()`).
    pub ident: u64,
    pub interp: Arc<Interpreter>,
    tlab: Tlab,
    stack_base: usize,
    /// Python frames currently executing on this thread.
    pub depth: u32,
    /// The exception being handled (`sys.exception()`), or `None`.
    pub exc_info: Value,
    /// The innermost executing frame, or `None`.
    pub frame: Value,
    /// Temporaries registered by `push_root` (a list object, so it is traced).
    roots: Gc<ListBody>,
    /// Safepoints left before the step limit stops the program (`u64::MAX`: no limit).
    steps_left: u64,
    /// The step limit was reached: exception handlers no longer run, so the program
    /// unwinds to the top whatever it catches.
    pub aborting: bool,
    /// Cached attribute lookups along MROs.
    pub(crate) method_cache: crate::ops::method_cache::MethodCache,
    /// Stress mode: safepoints left before the next collection, and the current interval.
    stress_countdown: u32,
    /// Containers whose repr is being computed (cycle guard).
    pub repr_stack: Vec<Value>,
    /// Nesting of Rust-level recursion through containers (repr, comparison); see
    /// `vm::with_native_recursion`.
    pub native_depth: u32,
    /// This thread is running queued finalizers (`gc::finalize::run_pending`), which
    /// therefore do not nest.
    pub finalizing: bool,
}

impl Vm {
    /// Attaches the current thread to `interp`. `stack_base` comes from
    /// `gc::stack::current_stack_address()` in a caller of everything that runs Python.
    pub fn new(rt: Arc<Runtime>, interp: Arc<Interpreter>, stack_base: usize) -> Vm {
        let ident = rt.threads.register(stack_base);
        Vm::attached(rt, interp, stack_base, ident)
    }

    /// Attaches the current thread as the thread `ident` reserved by
    /// `Threads::reserve` (see `_thread.start_new_thread`).
    pub fn new_started(
        rt: Arc<Runtime>,
        interp: Arc<Interpreter>,
        stack_base: usize,
        ident: u64,
    ) -> Vm {
        rt.threads.attach_started(ident, stack_base);
        Vm::attached(rt, interp, stack_base, ident)
    }

    /// The VM of a thread already registered as running (it may allocate).
    fn attached(rt: Arc<Runtime>, interp: Arc<Interpreter>, stack_base: usize, ident: u64) -> Vm {
        let mut tlab = Tlab::default();
        let roots = rt
            .heap
            .alloc(&mut tlab, rt.types.list.addr(), ListBody::default());
        Vm {
            rt,
            ident,
            interp,
            tlab,
            stack_base,
            depth: 0,
            exc_info: Value::NONE,
            frame: Value::NONE,
            roots,
            repr_stack: Vec::new(),
            native_depth: 0,
            finalizing: false,
            stress_countdown: 0,
            method_cache: Default::default(),
            steps_left: u64::MAX,
            aborting: false,
        }
    }

    /// Creates a new interpreter with fresh `sys` and `builtins` (registered with the
    /// runtime so the collector sees its tables).
    pub fn new_interpreter(rt: &Arc<Runtime>) -> Arc<Interpreter> {
        let mut tlab = Tlab::default();
        let dict_ty = rt.types.dict.addr();
        let modules = rt.heap.alloc(&mut tlab, dict_ty, DictBody::default());
        let bdict = rt.heap.alloc(&mut tlab, dict_ty, DictBody::default());
        let builtins = rt.heap.alloc(
            &mut tlab,
            rt.types.module.addr(),
            ModuleBody { dict: bdict },
        );
        let interp = Arc::new(Interpreter {
            modules,
            builtins,
            sys: AtomicValue::new(Value::NONE),
            recursion_limit: AtomicU32::new(1000),
            int_max_str_digits: AtomicUsize::new(4300),
            roots: Mutex::new(Vec::new()),
            stdout: Mutex::new(std::io::BufWriter::with_capacity(
                1 << 16,
                std::io::stdout(),
            )),
            sandboxed: AtomicBool::new(false),
            step_limit: std::sync::atomic::AtomicU64::new(u64::MAX),
            files: Mutex::new(FxHashMap::default()),
            initializing: Mutex::new(Vec::new()),
            thread_stack_size: Mutex::new(0),
            switch_interval: Mutex::new(0.005),
            import_locks: Default::default(),
        });
        rt.interpreters.lock().push(interp.clone());
        interp
    }

    // ---- allocation ---------------------------------------------------------------------

    /// Allocates an object of layout `B` whose Python type is `ty`.
    #[inline]
    pub fn alloc<B: Body>(&mut self, ty: Gc<TypeBody>, body: B) -> Gc<B> {
        self.alloc_with(ty, || body)
    }

    /// Like [`Vm::alloc`], with the body built in place once the cell is found (see
    /// `Heap::alloc_with`); `make` must not allocate.
    #[inline(always)]
    pub fn alloc_with<B: Body>(&mut self, ty: Gc<TypeBody>, make: impl FnOnce() -> B) -> Gc<B> {
        let obj = self.rt.heap.alloc_with(&mut self.tlab, ty.addr(), make);
        if B::KIND == crate::object::ObjKind::Generator
            || ty.has_flag(crate::types::typeobj::tflags::HAS_FINALIZER)
        {
            self.rt.gc.finalize.add_candidate(obj.addr());
        }
        obj
    }

    /// Adds this thread's batched allocation counts to the heap's (`gc.get_count()`).
    pub fn flush_alloc_counts(&mut self) {
        self.rt.heap.flush_counts(&mut self.tlab);
    }

    /// Registers `v` as a root until [`Vm::pop_roots`] truncates back to `mark`.
    pub fn push_root(&mut self, v: Value) -> usize {
        let mut items = self.roots.items.lock();
        items.push(v);
        items.len() - 1
    }

    /// Drops the roots pushed since `mark` was returned.
    pub fn pop_roots(&mut self, mark: usize) {
        self.roots.items.lock().truncate(mark);
    }

    pub fn new_str(&mut self, s: &str) -> Value {
        let ty = self.rt.types.str;
        self.alloc(ty, StrBody::new(s)).value()
    }

    pub fn new_string(&mut self, s: String) -> Value {
        let ty = self.rt.types.str;
        self.alloc(ty, StrBody::new(s)).value()
    }

    /// A str from generalized UTF-8 bytes (`text::wtf8`), which may hold lone surrogates.
    pub fn new_str_wtf8(&mut self, bytes: Vec<u8>) -> Value {
        let ty = self.rt.types.str;
        self.alloc(ty, StrBody::from_wtf8(bytes)).value()
    }

    /// The interned `str` object for `s` (names, attribute keys).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(&v) = self.rt.interned.lock().get(s) {
            return v;
        }
        let v = self.new_str(s);
        *self.rt.interned.lock().entry(s.into()).or_insert(v)
    }

    pub fn new_int(&mut self, i: i64) -> Value {
        match Value::try_from_i64(i) {
            Some(v) => v,
            None => self.new_bigint_raw(BigInt::from(i)),
        }
    }

    /// An int from a big int, inline when it fits.
    pub fn new_bigint(&mut self, b: BigInt) -> Value {
        if let Some(v) = b.to_i64().and_then(Value::try_from_i64) {
            return v;
        }
        self.new_bigint_raw(b)
    }

    fn new_bigint_raw(&mut self, value: BigInt) -> Value {
        let ty = self.rt.types.int;
        self.alloc(ty, IntBody { value }).value()
    }

    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        if items.is_empty() {
            return self.rt.empty_tuple;
        }
        let ty = self.rt.types.tuple;
        self.alloc(
            ty,
            TupleBody {
                items: items.into_boxed_slice(),
            },
        )
        .value()
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        let ty = self.rt.types.list;
        self.alloc(ty, ListBody::new(items)).value()
    }

    pub fn new_dict_body(&mut self) -> Gc<DictBody> {
        let ty = self.rt.types.dict;
        self.alloc(ty, DictBody::default())
    }

    pub fn new_dict_with_capacity(&mut self, n: usize) -> Gc<DictBody> {
        let ty = self.rt.types.dict;
        self.alloc(ty, DictBody::new(DictTable::with_capacity(n)))
    }

    // ---- safepoints and collection ------------------------------------------------------

    /// A safepoint: loop back-edges and calls poll here. Collects when the allocation
    /// budget is spent, or always under `TAIPAN_GC_STRESS=1`.
    #[inline]
    ///
    /// Stress mode collects at every safepoint while the heap is small (under 4 pages,
    /// some 5,000 objects), which is where rooting bugs show; on bigger heaps it collects
    /// every `pages / 4` safepoints so that stress runs of allocation-heavy programs stay
    /// linear instead of quadratic. It skips safepoints when nothing was allocated since
    /// the last collection.
    pub fn safepoint(&mut self) -> Result<(), PyErr> {
        if self.steps_left != u64::MAX {
            if self.steps_left == 0 || self.aborting {
                self.aborting = true;
                return Err(self.runtime_error("step limit exceeded"));
            }
            self.steps_left -= 1;
        }
        if self.rt.threads.stop.load(Ordering::Relaxed) {
            self.park();
        }
        if self.rt.gc.stress {
            if self.stress_countdown > 0 {
                self.stress_countdown -= 1;
                return Ok(());
            }
            // Nothing allocated since the last collection: nothing new can be freed early.
            if !self.tlab.has_pending() && self.rt.heap.allocations.load(Ordering::Relaxed) == 0 {
                return Ok(());
            }
            self.maybe_collect();
            // Every thread counts its own safepoints, so with several threads each one
            // waits proportionally longer: collections stay as frequent as with one.
            let threads = self.rt.threads.count().max(1);
            self.stress_countdown = (self.rt.heap.page_count() / 4 * threads) as u32;
            return Ok(());
        }
        if self.rt.heap.allocated.load(Ordering::Relaxed)
            > self.rt.gc.threshold.load(Ordering::Relaxed)
        {
            self.maybe_collect();
        }
        Ok(())
    }

    /// Limits the program to `steps` more safepoints (see `run::RunOptions::step_limit`).
    pub fn set_step_limit(&mut self, steps: u64) {
        self.steps_left = steps.min(u64::MAX - 1);
    }

    /// How long one blocking wait (a lock, `sleep`) may last in a sandboxed run: the
    /// fuzz tests run mutated programs whose threads may deadlock, or stop one thread at
    /// its step limit while it holds a lock another waits for. `None` outside a sandbox.
    pub fn sandbox_wait_limit(&self) -> Option<std::time::Instant> {
        const SANDBOX_WAIT: std::time::Duration = std::time::Duration::from_millis(500);
        self.interp
            .sandboxed
            .load(Ordering::Relaxed)
            .then(|| std::time::Instant::now() + SANDBOX_WAIT)
    }

    /// The error that ends a sandboxed run whose blocking wait outlived
    /// [`Vm::sandbox_wait_limit`]; it skips exception handlers like the step limit.
    pub fn sandbox_wait_error(&mut self) -> PyErr {
        self.aborting = true;
        self.runtime_error("step limit exceeded")
    }

    /// Stops this thread until the collection another thread started ends.
    #[cold]
    #[inline(never)]
    fn park(&mut self) {
        let roots = [self.roots.value(), self.exc_info, self.frame];
        self.rt.threads.park(self.ident, roots);
    }

    /// Runs `f` with this thread detached from the runtime, so that collections need not
    /// wait for it: for blocking calls (lock waits, `sleep`, `join`, I/O). `f` must not
    /// touch any heap object — copy what it needs into plain Rust values first.
    pub fn detached<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let roots = [self.roots.value(), self.exc_info, self.frame];
        let rt = self.rt.clone();
        rt.threads.detached(self.ident, roots, f)
    }

    #[cold]
    fn maybe_collect(&mut self) {
        if !self.rt.gc.enabled.load(Ordering::Relaxed) {
            return;
        }
        self.collect();
        // Errors in finalizers are reported as unraisable inside `run_pending`.
        let _ = gc::finalize::run_pending(self);
    }

    /// Runs a full collection now; returns the number of objects freed.
    pub fn collect(&mut self) -> usize {
        self.collect_with(false)
    }

    /// Runs a full collection now. `precise_finalization` (for `gc.collect()`) decides
    /// which objects are finalized from the precise roots alone (see `gc::collect`).
    pub fn collect_with(&mut self, precise_finalization: bool) -> usize {
        let rt = self.rt.clone();
        if !rt.threads.begin_stop() {
            // Another thread is collecting: stop for it instead.
            self.park();
            return 0;
        }
        let world = rt.threads.wait_stopped(self.ident);
        // Counts from before this collection must not make the next one look due.
        rt.heap.flush_counts(&mut self.tlab);
        let roots = self.roots.value();
        let (exc, frame) = (self.exc_info, self.frame);
        let stats = gc::collect(
            &rt.heap,
            self.stack_base,
            &world.stacks,
            &rt.gc.finalize,
            precise_finalization,
            |tracer| {
                rt.trace_roots(tracer);
                world.trace(tracer);
                tracer.visit(roots);
                tracer.visit(exc);
                tracer.visit(frame);
            },
        );
        rt.gc.collections.fetch_add(1, Ordering::Relaxed);
        // The next collection comes when as much has been allocated as survived this one
        // (the heap at most doubles between collections), but not before 4 MiB: small
        // heaps stay in cache instead of touching fresh pages.
        let live = rt.heap.live_bytes.load(Ordering::Relaxed);
        rt.gc
            .threshold
            .store(live.max(MIN_GC_THRESHOLD), Ordering::Relaxed);
        rt.threads.resume();
        // The sweep invalidated every allocation buffer (the heap's epoch moved).
        stats.freed
    }

    // ---- errors -------------------------------------------------------------------------

    /// A new exception of type `ty` with the single argument `msg`.
    pub fn new_error(&mut self, ty: Gc<TypeBody>, msg: impl AsRef<str>) -> PyErr {
        let text = self.new_str(msg.as_ref());
        crate::errors::new_exception(self, ty, vec![text])
    }

    /// Raises `PyErr` as a `Result`.
    pub fn raise<T>(&mut self, ty: Gc<TypeBody>, msg: impl AsRef<str>) -> PyResult<T> {
        Err(self.new_error(ty, msg))
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        self.flush_alloc_counts();
        self.rt.threads.unregister(self.ident);
    }
}
