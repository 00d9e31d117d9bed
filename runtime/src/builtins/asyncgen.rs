//! Async generators' awaitables (Objects/genobject.c): `asend()`/`__anext__()` and
//! `athrow()`/`aclose()` return objects that the event loop drives like coroutines.
//!
//! An async generator's frame suspends for two reasons: at a `yield` (a value for the
//! consumer) and inside an `await` (a value for the event loop). CPython wraps the first
//! kind (`_PyAsyncGenWrappedValue`); here the frame itself tells them apart, because a
//! `yield` suspends at a `Yield` instruction and an `await` at a `YieldFrom`. A consumer
//! value finishes the awaitable with `StopIteration(value)`; an event-loop value passes
//! through. The generator returning becomes `StopAsyncIteration`.

use std::any::Any;
use std::sync::atomic::{AtomicU8, Ordering};

use compiler::bytecode::Opcode;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{MethodDef, add_methods, method};
use crate::errors::{PyErr, PyResult};
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::native::NativeObject;
use crate::value::Value;
use crate::vm::generator::{GenBody, GenKind, gen_state};
use crate::vm::generator_ops::{GenResult, resume};

/// `AWAITABLE_STATE_*`: not started, being iterated, finished.
const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// The awaitable of `agen.asend(value)` and `agen.__anext__()`.
pub struct ASend {
    generator: Value,
    sendval: Value,
    state: AtomicU8,
}

/// The awaitable of `agen.athrow(...)`; `args` is `None` for `aclose()`.
pub struct AThrow {
    generator: Value,
    args: Option<Value>,
    state: AtomicU8,
}

impl NativeObject for ASend {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.generator);
        tracer.visit(self.sendval);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for AThrow {
    fn trace(&self, tracer: &mut Tracer) {
        tracer.visit(self.generator);
        if let Some(a) = self.args {
            tracer.visit(a);
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The async generator `v`, or a TypeError.
fn agen(vm: &mut Vm, v: Value) -> PyResult<Gc<GenBody>> {
    match Gc::<GenBody>::from_value(v) {
        Some(g) if g.kind == GenKind::AsyncGenerator => Ok(g),
        _ => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "descriptor requires an 'async_generator' object but received a '{tn}'"
            )))
        }
    }
}

/// Whether the generator's last suspension was a `yield` (a value for the consumer)
/// rather than an `await` inside it.
fn suspended_at_yield(g: &GenBody) -> bool {
    let frame = g.frame;
    let units = &frame.code.code.code;
    units
        .get(frame.pc() as usize)
        .and_then(|&u| Opcode::from_unit(u))
        == Some(Opcode::Yield)
}

/// What one step of an async generator produced, before unwrapping.
enum Step {
    /// A value for the event loop (from an `await`).
    Await(Value),
    /// A value `yield`ed to the consumer.
    Yield(Value),
}

/// Resumes the async generator, telling a `yield` from an `await`; its return becomes
/// `StopAsyncIteration` (`gen_send_ex` for async generators).
fn step(vm: &mut Vm, g: Gc<GenBody>, value: Value, error: Option<PyErr>) -> PyResult<Step> {
    match resume(vm, g.value(), value, error)? {
        GenResult::Yielded(v) if suspended_at_yield(&g) => Ok(Step::Yield(v)),
        GenResult::Yielded(v) => Ok(Step::Await(v)),
        GenResult::Returned(_) => Err(vm.new_error_noargs(vm.rt.exc.stop_async_iteration)),
    }
}

/// `async_gen_unwrap_value`: a yielded value finishes the awaitable with
/// `StopIteration(value)`; the end of the generator marks it closed.
fn unwrap(vm: &mut Vm, g: Gc<GenBody>, r: PyResult<Step>) -> PyResult<Value> {
    match r {
        Ok(Step::Await(v)) => Ok(v),
        Ok(Step::Yield(v)) => {
            g.running_async.store(false, Ordering::Relaxed);
            Err(vm.stop_iteration(v))
        }
        Err(e) => {
            if ops::is_instance(vm, e.value(), vm.rt.exc.stop_async_iteration)
                || ops::is_instance(vm, e.value(), vm.rt.exc.generator_exit)
            {
                g.async_closed.store(true, Ordering::Relaxed);
            }
            g.running_async.store(false, Ordering::Relaxed);
            Err(e)
        }
    }
}

fn new_asend(vm: &mut Vm, generator: Value, sendval: Value) -> Value {
    let ty = native_type(vm, "async_generator_asend");
    new_native(
        vm,
        ty,
        ASend {
            generator,
            sendval,
            state: AtomicU8::new(INIT),
        },
    )
}

fn new_athrow(vm: &mut Vm, generator: Value, args: Option<Value>) -> Value {
    let ty = native_type(vm, "async_generator_athrow");
    new_native(
        vm,
        ty,
        AThrow {
            generator,
            args,
            state: AtomicU8::new(INIT),
        },
    )
}

// ---- async_generator methods ---------------------------------------------------------

fn agen_asend(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "asend", 2, 2)?;
    agen(vm, a[0])?;
    Ok(new_asend(vm, a[0], a[1]))
}

fn agen_anext(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let g = args.one(vm, "__anext__")?;
    agen(vm, g)?;
    Ok(new_asend(vm, g, Value::NONE))
}

fn agen_aiter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__aiter__")
}

fn agen_athrow(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "athrow", 2, 4)?;
    agen(vm, a[0])?;
    let rest = vm.new_tuple(a[1..].to_vec());
    Ok(new_athrow(vm, a[0], Some(rest)))
}

fn agen_aclose(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let g = args.one(vm, "aclose")?;
    agen(vm, g)?;
    Ok(new_athrow(vm, g, None))
}

/// The methods of `async_generator`.
pub const ASYNC_GENERATOR_METHODS: &[MethodDef] = &[
    method("asend", agen_asend),
    method("athrow", agen_athrow),
    method("aclose", agen_aclose),
    method("__anext__", agen_anext),
    method("__aiter__", agen_aiter),
];

// ---- async_generator_asend -----------------------------------------------------------

fn asend_of<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a ASend> {
    native::<ASend>(v).ok_or_else(|| vm.type_error("expected an async_generator_asend object"))
}

/// `async_gen_asend_send`.
fn asend_send(vm: &mut Vm, o: Value, arg: Value) -> PyResult<Value> {
    let s = asend_of(vm, o)?;
    let g = agen(vm, s.generator)?;
    let mut arg = arg;
    match s.state.load(Ordering::Relaxed) {
        CLOSED => return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()")),
        INIT => {
            if g.running_async.load(Ordering::Relaxed) {
                s.state.store(CLOSED, Ordering::Relaxed);
                return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
            }
            if arg.is_none() {
                arg = s.sendval;
            }
            s.state.store(ITER, Ordering::Relaxed);
        }
        _ => {}
    }
    g.running_async.store(true, Ordering::Relaxed);
    let r = step(vm, g, arg, None);
    let r = unwrap(vm, g, r);
    if r.is_err() {
        s.state.store(CLOSED, Ordering::Relaxed);
    }
    r
}

fn asend_send_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "send", 2, 2)?;
    asend_send(vm, a[0], a[1])
}

fn asend_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let o = args.one(vm, "__next__")?;
    asend_send(vm, o, Value::NONE)
}

/// The error `throw(typ[, val[, tb]])` raises inside the generator.
fn thrown(vm: &mut Vm, a: &[Value]) -> PyResult<PyErr> {
    let exc = crate::builtins::iterators::throw_exception(vm, a)?;
    Ok(crate::vm::unwind::make_raise(vm, exc, None))
}

/// `async_gen_asend_throw`.
fn asend_throw(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "throw", 2, 4)?;
    let s = asend_of(vm, a[0])?;
    let g = agen(vm, s.generator)?;
    match s.state.load(Ordering::Relaxed) {
        CLOSED => return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()")),
        INIT => {
            if g.running_async.load(Ordering::Relaxed) {
                s.state.store(CLOSED, Ordering::Relaxed);
                return Err(vm.runtime_error("anext(): asynchronous generator is already running"));
            }
            s.state.store(ITER, Ordering::Relaxed);
            g.running_async.store(true, Ordering::Relaxed);
        }
        _ => {}
    }
    let err = thrown(vm, &a[1..])?;
    let r = step(vm, g, Value::NONE, Some(err));
    let r = unwrap(vm, g, r);
    if r.is_err() {
        g.running_async.store(false, Ordering::Relaxed);
        s.state.store(CLOSED, Ordering::Relaxed);
    }
    r
}

fn asend_close(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let o = args.one(vm, "close")?;
    asend_of(vm, o)?.state.store(CLOSED, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn await_self(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__await__")
}

// ---- async_generator_athrow ----------------------------------------------------------

fn athrow_of<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a AThrow> {
    native::<AThrow>(v).ok_or_else(|| vm.type_error("expected an async_generator_athrow object"))
}

/// The end of an `aclose()`/`athrow()` awaitable (`check_error` in genobject.c): for
/// `aclose()`, the generator finishing or exiting completes the await.
fn athrow_finish(vm: &mut Vm, t: &AThrow, g: Gc<GenBody>, e: PyErr) -> PyErr {
    g.running_async.store(false, Ordering::Relaxed);
    t.state.store(CLOSED, Ordering::Relaxed);
    if t.args.is_none()
        && (ops::is_instance(vm, e.value(), vm.rt.exc.stop_async_iteration)
            || ops::is_instance(vm, e.value(), vm.rt.exc.generator_exit))
    {
        return vm.new_error_noargs(vm.rt.exc.stop_iteration);
    }
    e
}

/// `aclose()` saw the generator `yield` instead of exiting.
fn ignored_exit(vm: &mut Vm, t: &AThrow, g: Gc<GenBody>) -> PyErr {
    g.running_async.store(false, Ordering::Relaxed);
    t.state.store(CLOSED, Ordering::Relaxed);
    vm.runtime_error("async generator ignored GeneratorExit")
}

/// `async_gen_athrow_send`.
fn athrow_send(vm: &mut Vm, o: Value, arg: Value) -> PyResult<Value> {
    let t = athrow_of(vm, o)?;
    let g = agen(vm, t.generator)?;
    let state = t.state.load(Ordering::Relaxed);
    if state == CLOSED {
        return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
    }
    if g.state.load(Ordering::Relaxed) == gen_state::CLOSED {
        t.state.store(CLOSED, Ordering::Relaxed);
        return Err(vm.new_error_noargs(vm.rt.exc.stop_iteration));
    }
    if state == INIT {
        if g.running_async.load(Ordering::Relaxed) {
            t.state.store(CLOSED, Ordering::Relaxed);
            let which = if t.args.is_none() { "aclose" } else { "athrow" };
            return Err(vm.runtime_error(format!(
                "{which}(): asynchronous generator is already running"
            )));
        }
        if g.async_closed.load(Ordering::Relaxed) {
            t.state.store(CLOSED, Ordering::Relaxed);
            return Err(vm.new_error_noargs(vm.rt.exc.stop_async_iteration));
        }
        if !arg.is_none() {
            return Err(vm.runtime_error("can't send non-None value to a just-started coroutine"));
        }
        t.state.store(ITER, Ordering::Relaxed);
        g.running_async.store(true, Ordering::Relaxed);
        let r = match t.args {
            None => {
                g.async_closed.store(true, Ordering::Relaxed);
                let exit = vm.new_error_noargs(vm.rt.exc.generator_exit);
                match step(vm, g, Value::NONE, Some(exit)) {
                    Ok(Step::Yield(_)) => return Err(ignored_exit(vm, t, g)),
                    Ok(Step::Await(v)) => Ok(v),
                    Err(e) => Err(e),
                }
            }
            Some(a) => {
                let items = ops::tuple_items(a)
                    .map(<[Value]>::to_vec)
                    .unwrap_or_default();
                let err = thrown(vm, &items)?;
                let r = step(vm, g, Value::NONE, Some(err));
                unwrap(vm, g, r)
            }
        };
        return r.map_err(|e| athrow_finish(vm, t, g, e));
    }
    let r = step(vm, g, arg, None);
    match t.args {
        Some(_) => unwrap(vm, g, r),
        None => match r {
            Ok(Step::Yield(_)) => Err(ignored_exit(vm, t, g)),
            Ok(Step::Await(v)) => Ok(v),
            Err(e) => Err(athrow_finish(vm, t, g, e)),
        },
    }
}

fn athrow_send_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "send", 2, 2)?;
    athrow_send(vm, a[0], a[1])
}

fn athrow_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let o = args.one(vm, "__next__")?;
    athrow_send(vm, o, Value::NONE)
}

/// `async_gen_athrow_throw`.
fn athrow_throw(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "throw", 2, 4)?;
    let t = athrow_of(vm, a[0])?;
    let g = agen(vm, t.generator)?;
    match t.state.load(Ordering::Relaxed) {
        CLOSED => return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()")),
        INIT => {
            if g.running_async.load(Ordering::Relaxed) {
                t.state.store(CLOSED, Ordering::Relaxed);
                let which = if t.args.is_none() { "aclose" } else { "athrow" };
                return Err(vm.runtime_error(format!(
                    "{which}(): asynchronous generator is already running"
                )));
            }
            t.state.store(ITER, Ordering::Relaxed);
            g.running_async.store(true, Ordering::Relaxed);
        }
        _ => {}
    }
    let err = thrown(vm, &a[1..])?;
    let r = step(vm, g, Value::NONE, Some(err));
    if t.args.is_some() {
        let r = unwrap(vm, g, r);
        if r.is_err() {
            t.state.store(CLOSED, Ordering::Relaxed);
        }
        return r;
    }
    match r {
        Ok(Step::Yield(_)) => Err(ignored_exit(vm, t, g)),
        Ok(Step::Await(v)) => Ok(v),
        Err(e) => Err(athrow_finish(vm, t, g, e)),
    }
}

fn athrow_close(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let o = args.one(vm, "close")?;
    athrow_of(vm, o)?.state.store(CLOSED, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn iter_self(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__iter__")
}

/// Creates the awaitable types and installs the async generator methods.
pub fn install(vm: &mut Vm) {
    let agen_ty = vm.rt.types.async_generator;
    add_methods(vm, agen_ty, ASYNC_GENERATOR_METHODS);
    let asend = native_type(vm, "async_generator_asend");
    add_methods(
        vm,
        asend,
        &[
            method("__await__", await_self),
            method("__iter__", iter_self),
            method("__next__", asend_next),
            method("send", asend_send_m),
            method("throw", asend_throw),
            method("close", asend_close),
        ],
    );
    let athrow = native_type(vm, "async_generator_athrow");
    add_methods(
        vm,
        athrow,
        &[
            method("__await__", await_self),
            method("__iter__", iter_self),
            method("__next__", athrow_next),
            method("send", athrow_send_m),
            method("throw", athrow_throw),
            method("close", athrow_close),
        ],
    );
}
