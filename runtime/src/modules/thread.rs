//! `_thread`: OS threads running Python code in parallel (there is no global lock), and
//! the two lock types `threading` builds on. The API is the part of CPython's `_thread`
//! that `runtime/pylib/threading.py` uses.
//!
//! A started thread gets its own `Vm` attached to the same interpreter (see
//! `crate::threads` for how it takes part in collections). A thread waiting for a lock
//! is detached from the runtime, so a collection never waits for it.

use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{MethodDef, add_methods, method};
use crate::errors::{PyErr, PyResult};
use crate::gc::Tracer;
use crate::interp::{Interpreter, Runtime, Vm};
use crate::object::Gc;
use crate::ops;
use crate::types::module::ModuleBody;
use crate::types::native::NativeObject;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The longest timeout a lock wait accepts, in seconds (CPython's `TIMEOUT_MAX` on 64-bit
/// Linux).
const TIMEOUT_MAX: f64 = 9_223_372_036.0;

/// Native stack of a started thread: room for deep Rust re-entry before
/// `RecursionError`, as on the main thread. It is only reserved address space until used.
const DEFAULT_THREAD_STACK: usize = 256 << 20;

/// `_thread.lock`: a binary lock any thread may release.
struct Lock {
    locked: Mutex<bool>,
    released: Condvar,
}

impl NativeObject for Lock {
    fn trace(&self, _tracer: &mut Tracer) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Waits on `released` until `busy` is false for the state behind `mutex`, then lets
/// `take` claim it; false when `deadline` passes first. Runs detached, so it must not
/// touch the heap.
fn wait_and_take<T>(
    mutex: &Mutex<T>,
    released: &Condvar,
    deadline: Option<Instant>,
    busy: impl Fn(&T) -> bool,
    take: impl FnOnce(&mut T),
) -> bool {
    let mut state = mutex.lock();
    while busy(&state) {
        match deadline {
            None => released.wait(&mut state),
            Some(d) => {
                if released.wait_until(&mut state, d).timed_out() && busy(&state) {
                    return false;
                }
            }
        }
    }
    take(&mut state);
    true
}

impl Lock {
    /// Takes the lock, waiting until `deadline` (`None`: forever).
    fn wait_acquire(&self, deadline: Option<Instant>) -> bool {
        wait_and_take(
            &self.locked,
            &self.released,
            deadline,
            |locked| *locked,
            |locked| *locked = true,
        )
    }
}

/// `_thread.RLock`: a lock the owning thread may take again; it is free when released as
/// many times as it was taken.
struct RLock {
    /// (owner's ident or 0, recursion count)
    state: Mutex<(u64, u64)>,
    released: Condvar,
}

impl NativeObject for RLock {
    fn trace(&self, _tracer: &mut Tracer) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl RLock {
    /// Takes the lock for thread `me` with recursion count `count`, waiting until
    /// `deadline`. Runs detached.
    fn wait_acquire(&self, me: u64, count: u64, deadline: Option<Instant>) -> bool {
        wait_and_take(
            &self.state,
            &self.released,
            deadline,
            |state| state.0 != 0,
            |state| *state = (me, count),
        )
    }
}

fn lock_type(vm: &mut Vm) -> Gc<TypeBody> {
    native_type(vm, "_thread.lock")
}

fn rlock_type(vm: &mut Vm) -> Gc<TypeBody> {
    native_type(vm, "_thread.RLock")
}

fn new_lock(vm: &mut Vm) -> Value {
    let ty = lock_type(vm);
    new_native(
        vm,
        ty,
        Lock {
            locked: Mutex::new(false),
            released: Condvar::new(),
        },
    )
}

fn allocate_lock(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "allocate_lock", 0, 0)?;
    Ok(new_lock(vm))
}

fn new_rlock(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "RLock", 0, 0)?;
    let ty = rlock_type(vm);
    Ok(new_native(
        vm,
        ty,
        RLock {
            state: Mutex::new((0, 0)),
            released: Condvar::new(),
        },
    ))
}

fn this_lock<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a Lock> {
    native::<Lock>(v).ok_or_else(|| vm.type_error("descriptor requires a '_thread.lock' object"))
}

fn this_rlock<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a RLock> {
    native::<RLock>(v).ok_or_else(|| vm.type_error("descriptor requires a '_thread.RLock' object"))
}

/// Parses `acquire(blocking=True, timeout=-1)` into a deadline: `Ok(None)` for a
/// non-blocking attempt, `Ok(Some(None))` to wait forever.
fn acquire_args(vm: &mut Vm, args: &Args) -> PyResult<Option<Option<Instant>>> {
    args.only_kwargs(vm, "acquire", &["blocking", "timeout"])?;
    let pos = args.pos();
    if pos.len() > 3 {
        return Err(vm.type_error(format!(
            "acquire() takes at most 2 arguments ({} given)",
            pos.len() - 1
        )));
    }
    let blocking = match pos.get(1).copied().or_else(|| args.kwarg("blocking")) {
        Some(v) => ops::truthy(vm, v)?,
        None => true,
    };
    let timeout = match pos.get(2).copied().or_else(|| args.kwarg("timeout")) {
        Some(v) => crate::builtins::numbers::to_f64(vm, v)?,
        None => -1.0,
    };
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    if !blocking {
        return Ok(None);
    }
    if timeout == -1.0 {
        return Ok(Some(None));
    }
    if timeout > TIMEOUT_MAX {
        return Err(vm.new_error(vm.rt.exc.overflow_error, "timeout value is too large"));
    }
    Ok(Some(Some(
        Instant::now() + Duration::from_secs_f64(timeout),
    )))
}

/// `deadline`, shortened to the sandbox's wait limit in a sandboxed run, and whether it
/// was shortened (a timeout then ends the run instead of returning `False`).
fn bounded(vm: &Vm, deadline: Option<Instant>) -> (Option<Instant>, bool) {
    match (deadline, vm.sandbox_wait_limit()) {
        (Some(d), Some(limit)) if d <= limit => (Some(d), false),
        (_, Some(limit)) => (Some(limit), true),
        (d, None) => (d, false),
    }
}

fn lock_acquire(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.pos().first().copied().unwrap_or(Value::NONE);
    let lock = this_lock(vm, this)?;
    let wait = acquire_args(vm, args)?;
    {
        let mut locked = lock.locked.lock();
        if !*locked {
            *locked = true;
            return Ok(Value::TRUE);
        }
    }
    let Some(deadline) = wait else {
        return Ok(Value::FALSE);
    };
    // The lock object stays alive meanwhile: the caller's frame holds it.
    let (deadline, capped) = bounded(vm, deadline);
    let got = vm.detached(|| lock.wait_acquire(deadline));
    if !got && capped {
        return Err(vm.sandbox_wait_error());
    }
    Ok(Value::from_bool(got))
}

fn lock_release(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "release")?;
    let lock = this_lock(vm, this)?;
    let mut locked = lock.locked.lock();
    if !*locked {
        drop(locked);
        return Err(vm.runtime_error("release unlocked lock"));
    }
    *locked = false;
    lock.released.notify_one();
    Ok(Value::NONE)
}

fn lock_locked(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "locked")?;
    let lock = this_lock(vm, this)?;
    Ok(Value::from_bool(*lock.locked.lock()))
}

fn lock_exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.pos().first().copied().unwrap_or(Value::NONE);
    lock_release(vm, &Args::positional(&[this]))
}

fn lock_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "__repr__")?;
    let lock = this_lock(vm, this)?;
    let state = if *lock.locked.lock() {
        "locked"
    } else {
        "unlocked"
    };
    Ok(vm.new_string(format!(
        "<{state} _thread.lock object at {:#x}>",
        this.bits()
    )))
}

fn noop(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn rlock_acquire(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.pos().first().copied().unwrap_or(Value::NONE);
    let lock = this_rlock(vm, this)?;
    let wait = acquire_args(vm, args)?;
    let me = vm.ident;
    {
        let mut state = lock.state.lock();
        if state.0 == me {
            state.1 += 1;
            return Ok(Value::TRUE);
        }
        if state.0 == 0 {
            *state = (me, 1);
            return Ok(Value::TRUE);
        }
    }
    let Some(deadline) = wait else {
        return Ok(Value::FALSE);
    };
    let (deadline, capped) = bounded(vm, deadline);
    let got = vm.detached(|| lock.wait_acquire(me, 1, deadline));
    if !got && capped {
        return Err(vm.sandbox_wait_error());
    }
    Ok(Value::from_bool(got))
}

fn rlock_release(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "release")?;
    let lock = this_rlock(vm, this)?;
    let mut state = lock.state.lock();
    if state.0 != vm.ident || state.1 == 0 {
        drop(state);
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    state.1 -= 1;
    if state.1 == 0 {
        state.0 = 0;
        lock.released.notify_one();
    }
    Ok(Value::NONE)
}

fn rlock_exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.pos().first().copied().unwrap_or(Value::NONE);
    rlock_release(vm, &Args::positional(&[this]))
}

fn rlock_is_owned(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "_is_owned")?;
    let lock = this_rlock(vm, this)?;
    let state = *lock.state.lock();
    Ok(Value::from_bool(state.0 == vm.ident && state.1 > 0))
}

fn rlock_locked(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "locked")?;
    let lock = this_rlock(vm, this)?;
    let state = *lock.state.lock();
    Ok(Value::from_bool(state.1 > 0))
}

fn rlock_recursion_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "_recursion_count")?;
    let lock = this_rlock(vm, this)?;
    let state = *lock.state.lock();
    let n = if state.0 == vm.ident { state.1 } else { 0 };
    Ok(vm.new_int(n as i64))
}

/// `_release_save()`: releases the lock completely and returns `(count, owner)` for
/// `_acquire_restore` (how `Condition.wait` gives up a re-entered lock).
fn rlock_release_save(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "_release_save")?;
    let lock = this_rlock(vm, this)?;
    let mut state = lock.state.lock();
    if state.1 == 0 || state.0 != vm.ident {
        drop(state);
        return Err(vm.runtime_error("cannot release un-acquired lock"));
    }
    let (owner, count) = *state;
    *state = (0, 0);
    lock.released.notify_one();
    drop(state);
    let (count, owner) = (vm.new_int(count as i64), vm.new_int(owner as i64));
    Ok(vm.new_tuple(vec![count, owner]))
}

fn rlock_acquire_restore(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.method(vm, "_acquire_restore", 1, 1)?;
    let lock = this_rlock(vm, a[0])?;
    let saved = ops::iter::collect(vm, a[1])?;
    let count = match saved.first() {
        Some(&c) => ops::convert::index_i64(vm, c)?.max(1) as u64,
        None => return Err(vm.type_error("_acquire_restore() argument must be a 2-tuple")),
    };
    let me = vm.ident;
    let (deadline, capped) = bounded(vm, None);
    if !vm.detached(|| lock.wait_acquire(me, count, deadline)) && capped {
        return Err(vm.sandbox_wait_error());
    }
    Ok(Value::NONE)
}

fn rlock_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.method_none(vm, "__repr__")?;
    let lock = this_rlock(vm, this)?;
    let (owner, count) = *lock.state.lock();
    let state = if count > 0 { "locked" } else { "unlocked" };
    Ok(vm.new_string(format!(
        "<{state} _thread.RLock object owner={owner} count={count} at {:#x}>",
        this.bits()
    )))
}

fn enter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let this = args.pos().first().copied().unwrap_or(Value::NONE);
    if native::<Lock>(this).is_some() {
        lock_acquire(vm, &Args::positional(&[this]))
    } else {
        rlock_acquire(vm, &Args::positional(&[this]))
    }
}

const LOCK_METHODS: &[MethodDef] = &[
    method("acquire", lock_acquire),
    method("acquire_lock", lock_acquire),
    method("release", lock_release),
    method("release_lock", lock_release),
    method("locked", lock_locked),
    method("locked_lock", lock_locked),
    method("__enter__", enter),
    method("__exit__", lock_exit),
    method("__repr__", lock_repr),
    method("_at_fork_reinit", noop),
];

const RLOCK_METHODS: &[MethodDef] = &[
    method("acquire", rlock_acquire),
    method("release", rlock_release),
    method("locked", rlock_locked),
    method("__enter__", enter),
    method("__exit__", rlock_exit),
    method("__repr__", rlock_repr),
    method("_is_owned", rlock_is_owned),
    method("_recursion_count", rlock_recursion_count),
    method("_release_save", rlock_release_save),
    method("_acquire_restore", rlock_acquire_restore),
    method("_at_fork_reinit", noop),
];

/// `start_new_thread(function, args, kwargs=None)`.
fn start_new_thread(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "start_new_thread", 2, 3)?;
    let (func, fargs) = (a[0], a[1]);
    let kwargs = a.get(2).copied().unwrap_or(Value::NONE);
    if !crate::builtins::functions::is_callable(vm, func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if ops::tuple_items(fargs).is_none() {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    if !kwargs.is_none() && !ops::is_instance(vm, kwargs, vm.rt.types.dict) {
        return Err(vm.type_error("optional 3rd arg must be a dictionary"));
    }
    let ident = vm.rt.threads.reserve([func, fargs, kwargs]);
    let (rt, interp) = (vm.rt.clone(), vm.interp.clone());
    let size = match *vm.interp.thread_stack_size.lock() {
        0 => DEFAULT_THREAD_STACK,
        n => n,
    };
    let spawned = std::thread::Builder::new()
        .name("taipan-thread".into())
        .stack_size(size)
        .spawn(move || {
            let base = crate::gc::stack::current_stack_address();
            run_thread(base, rt, interp, ident, [func, fargs, kwargs]);
        });
    if spawned.is_err() {
        vm.rt.threads.unregister(ident);
        return Err(vm.runtime_error("can't start new thread"));
    }
    Ok(vm.new_int(ident as i64))
}

/// The body of a started thread: attach, call the function, report an exception nobody
/// caught, detach.
#[inline(never)]
fn run_thread(
    stack_base: usize,
    rt: Arc<Runtime>,
    interp: Arc<Interpreter>,
    ident: u64,
    [func, fargs, kwargs]: [Value; 3],
) {
    let mut vm = Vm::new_started(rt, interp, stack_base, ident);
    let limit = vm
        .interp
        .step_limit
        .load(std::sync::atomic::Ordering::Relaxed);
    if limit != u64::MAX {
        vm.set_step_limit(limit);
    }
    let result = ops::call::call_ex(&mut vm, func, fargs, kwargs);
    if let Err(e) = result {
        report_thread_exception(&mut vm, e, func);
    }
    // Finalizers queued by this thread's collections run before it goes away.
    let _ = crate::gc::finalize::run_pending(&mut vm);
}

/// CPython's report for an exception escaping a thread started with `_thread`
/// (`SystemExit` ends the thread silently).
fn report_thread_exception(vm: &mut Vm, e: PyErr, func: Value) {
    let exc = e.value();
    if exc.as_small_int().is_some() || ops::is_instance(vm, exc, vm.rt.exc.system_exit) {
        return;
    }
    crate::modules::io::flush_std(vm);
    let what = match ops::repr::repr(vm, func) {
        Ok(r) => ops::str_of(r).unwrap_or("<object>").to_owned(),
        Err(_) => "<object repr() failed>".to_owned(),
    };
    let report = crate::traceback::format_exception(vm, exc);
    let _ = crate::modules::io::write_std(
        vm,
        2,
        &format!("Exception ignored in thread started by: {what}\n{report}"),
    );
}

fn get_ident(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "get_ident", 0, 0)?;
    Ok(vm.new_int(vm.ident as i64))
}

/// The kernel's thread id, read from `/proc/thread-self` (a link to `PID/task/TID`).
fn get_native_id(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "get_native_id", 0, 0)?;
    let tid = std::fs::read_link("/proc/thread-self")
        .ok()
        .and_then(|p| p.file_name()?.to_str()?.parse::<i64>().ok())
        .unwrap_or_else(|| i64::from(std::process::id()));
    Ok(vm.new_int(tid))
}

fn count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "_count", 0, 0)?;
    let n = vm.rt.threads.count().saturating_sub(1);
    Ok(vm.new_int(n as i64))
}

fn stack_size(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "stack_size", 0, 1)?;
    let old = *vm.interp.thread_stack_size.lock();
    if let Some(&v) = a.first() {
        let size = ops::convert::index_i64(vm, v)?;
        if size != 0 && size < 32_768 {
            return Err(vm.value_error("size not valid: 32768 bytes"));
        }
        *vm.interp.thread_stack_size.lock() = size.max(0) as usize;
    }
    Ok(vm.new_int(old as i64))
}

fn daemon_threads_allowed(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.range(vm, "daemon_threads_allowed", 0, 0)?;
    Ok(Value::TRUE)
}

pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "_thread",
        &[
            ("start_new_thread", start_new_thread),
            ("start_new", start_new_thread),
            ("allocate_lock", allocate_lock),
            ("allocate", allocate_lock),
            ("RLock", new_rlock),
            ("get_ident", get_ident),
            ("get_native_id", get_native_id),
            ("_count", count),
            ("stack_size", stack_size),
            ("daemon_threads_allowed", daemon_threads_allowed),
        ],
    );
    let lock = lock_type(vm);
    add_methods(vm, lock, LOCK_METHODS);
    let rlock = rlock_type(vm);
    add_methods(vm, rlock, RLOCK_METHODS);
    super::set(vm, m, "LockType", lock.value());
    super::set(vm, m, "lock", lock.value());
    let error = vm.rt.exc.runtime_error.value();
    super::set(vm, m, "error", error);
    super::set(vm, m, "TIMEOUT_MAX", Value::from_f64(TIMEOUT_MAX));
    Ok(m)
}
