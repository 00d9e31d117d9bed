//! Running generators, coroutines and async generators: `send`, `throw`, `close`, `next`,
//! `yield from`/`await` delegation, and the awaitable/async-iterator opcodes.

use std::sync::atomic::Ordering;

use compiler::bytecode::Opcode;
use compiler::ir::CodeFlags;

use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, type_of};
use crate::value::Value;
use crate::vm::frame::FrameBody;
use crate::vm::generator::{GenBody, GenKind, gen_state};
use crate::vm::{Exit, run_frame_with};

/// What resuming a generator produced.
pub enum GenResult {
    Yielded(Value),
    Returned(Value),
}

fn kind_name(kind: GenKind) -> &'static str {
    match kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async generator",
    }
}

/// Resumes `generator` with `value` sent in (or `error` thrown in).
pub fn resume(
    vm: &mut Vm,
    generator: Value,
    value: Value,
    error: Option<PyErr>,
) -> PyResult<GenResult> {
    let g = Gc::<GenBody>::from_value(generator).expect("generator");
    let observed = g.state.load(Ordering::Acquire);
    match observed {
        gen_state::RUNNING => {
            return Err(vm.value_error(format!("{} already executing", kind_name(g.kind))));
        }
        gen_state::CLOSED => {
            if let Some(e) = error {
                return Err(e);
            }
            if g.kind == GenKind::Coroutine {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            return Ok(GenResult::Returned(Value::NONE));
        }
        gen_state::CREATED => {
            if let Some(e) = error {
                g.state.store(gen_state::CLOSED, Ordering::Relaxed);
                return Err(e);
            }
            if !value.is_none() {
                return Err(vm.type_error(format!(
                    "can't send non-None value to a just-started {}",
                    kind_name(g.kind)
                )));
            }
        }
        _ => {}
    }
    // Claim the generator: another thread resuming it at the same moment gets the
    // "already executing" error instead of running the same frame concurrently.
    if g.state
        .compare_exchange(
            observed,
            gen_state::RUNNING,
            Ordering::AcqRel,
            Ordering::Relaxed,
        )
        .is_err()
    {
        return Err(vm.value_error(format!("{} already executing", kind_name(g.kind))));
    }
    let frame = g.frame;
    let started = observed != gen_state::CREATED;
    let mut error = error;
    if let Some(e) = error
        && started
        && frame.yf_active.load(Ordering::Relaxed)
    {
        // Throw into the delegate first.
        match throw_into_delegate(vm, &frame, e) {
            Delegated::Yielded(y) => {
                g.state.store(observed, Ordering::Release);
                return Ok(GenResult::Yielded(y));
            }
            Delegated::Finished => error = None,
            Delegated::Raise(e) => error = Some(e),
        }
    } else if started && error.is_none() {
        if frame.yf_active.load(Ordering::Relaxed) {
            // A delegating `YieldFrom` may use one register for its iterator and its
            // result, so the value sent in waits beside the frame until it runs.
            frame.sent.set(value);
        } else {
            frame.set_reg(frame.ret_reg.load(Ordering::Relaxed) as usize, value);
        }
    }
    let pc = if started {
        frame.resume_pc.load(Ordering::Relaxed) as usize
    } else {
        0
    };
    let saved = vm.exc_info;
    let own = g.exc_state.get();
    if !own.is_none() {
        vm.exc_info = own;
    }
    let error_pc = if error.is_some() {
        frame.pc() as usize
    } else {
        pc
    };
    let r = run_frame_with(vm, frame, error_pc, error);
    match r {
        Ok(Exit::Yield(v)) => {
            g.exc_state.set(if vm.exc_info != saved {
                vm.exc_info
            } else {
                Value::NONE
            });
            vm.exc_info = saved;
            g.state.store(gen_state::SUSPENDED, Ordering::Release);
            Ok(GenResult::Yielded(v))
        }
        Ok(Exit::Return(v)) => {
            vm.exc_info = saved;
            g.state.store(gen_state::CLOSED, Ordering::Relaxed);
            Ok(GenResult::Returned(v))
        }
        Err(e) => {
            vm.exc_info = saved;
            g.state.store(gen_state::CLOSED, Ordering::Relaxed);
            Err(e)
        }
    }
}

/// The delegate of the `YieldFrom` at the frame's current pc.
fn delegate_of(frame: &FrameBody) -> Value {
    let units = &frame.code.code.code;
    let pc = frame.pc() as usize;
    frame.reg(units[pc + 2] as usize)
}

/// `gi_yieldfrom`/`cr_await`: the iterator a suspended generator delegates to, or
/// `None`.
pub fn delegate(g: &GenBody) -> Value {
    let frame = g.frame;
    if g.state.load(Ordering::Relaxed) != gen_state::SUSPENDED
        || !frame.yf_active.load(Ordering::Relaxed)
    {
        return Value::NONE;
    }
    let units = &frame.code.code.code;
    let pc = frame.pc() as usize;
    match units.get(pc + 2) {
        Some(&r) if Opcode::from_unit(units[pc]) == Some(Opcode::YieldFrom) => {
            frame.reg(r as usize)
        }
        _ => Value::NONE,
    }
}

/// What throwing into a delegate did.
enum Delegated {
    Yielded(Value),
    /// The delegate returned; its value is in the `YieldFrom`'s destination and the frame
    /// continues after it.
    Finished,
    Raise(PyErr),
}

/// `generator.throw(e)` while `frame` delegates: forwards to the delegate's `throw`.
fn throw_into_delegate(vm: &mut Vm, frame: &FrameBody, err: PyErr) -> Delegated {
    let delegate = delegate_of(frame);
    let pc = frame.pc() as usize;
    let dst = frame.code.code.code[pc + 1] as usize;
    frame.yf_active.store(false, Ordering::Relaxed);
    if ops::is_instance(vm, err.value(), vm.rt.exc.generator_exit) {
        if let Err(e) = close_delegate(vm, delegate) {
            return Delegated::Raise(e);
        }
        return Delegated::Raise(err);
    }
    let r = if kind_of(delegate) == Some(ObjKind::Generator) {
        resume(vm, delegate, Value::NONE, Some(err))
    } else {
        match attr::getattr_opt(vm, delegate, "throw") {
            Ok(Some(t)) => match call::call(vm, t, &[err.value()]) {
                Ok(v) => Ok(GenResult::Yielded(v)),
                Err(e) => stop_value(vm, e).map(GenResult::Returned),
            },
            Ok(None) => return Delegated::Raise(err),
            Err(e) => return Delegated::Raise(e),
        }
    };
    match r {
        Ok(GenResult::Yielded(v)) => {
            frame.yf_active.store(true, Ordering::Relaxed);
            Delegated::Yielded(v)
        }
        Ok(GenResult::Returned(v)) => {
            frame.set_reg(dst, v);
            // `YieldFrom` is three code units long.
            frame.resume_pc.store((pc + 3) as u32, Ordering::Relaxed);
            Delegated::Finished
        }
        Err(e) => Delegated::Raise(e),
    }
}

fn close_delegate(vm: &mut Vm, delegate: Value) -> PyResult<()> {
    if kind_of(delegate) == Some(ObjKind::Generator) {
        return gen_close(vm, delegate);
    }
    if let Some(c) = attr::getattr_opt(vm, delegate, "close")? {
        call::call(vm, c, &[])?;
    }
    Ok(())
}

/// The value a `StopIteration` carries, or the error itself when it is something else.
pub fn stop_value(vm: &mut Vm, e: PyErr) -> PyResult<Value> {
    if !ops::is_instance(vm, e.value(), vm.rt.exc.stop_iteration) {
        return Err(e);
    }
    Ok(attr::getattr_opt(vm, e.value(), "value")?.unwrap_or(Value::NONE))
}

/// One step of `yield from`/`await`: `Some(value)` to yield, `None` when the delegate
/// finished (its result is in `dst`).
pub fn yield_from_step(
    vm: &mut Vm,
    frame: &FrameBody,
    iter: Value,
    dst: usize,
) -> PyResult<Option<Value>> {
    let active = frame.yf_active.load(Ordering::Relaxed);
    let sent = if active {
        frame.sent.take()
    } else {
        Value::NONE
    };
    let sent = if sent.is_unset() { Value::NONE } else { sent };
    let r = if kind_of(iter) == Some(ObjKind::Generator) {
        resume(vm, iter, sent, None)
    } else if sent.is_none() {
        let ty = type_of(vm, iter);
        match attr::lookup_type(vm, ty, "__next__") {
            Some(f) => match call::call_method(vm, f, iter, &[]) {
                Ok(v) => Ok(GenResult::Yielded(v)),
                Err(e) => stop_value(vm, e).map(GenResult::Returned),
            },
            None => {
                let tn = ty.name();
                Err(vm.type_error(format!("'{tn}' object is not an iterator")))
            }
        }
    } else {
        let send = attr::getattr_str(vm, iter, "send")?;
        match call::call(vm, send, &[sent]) {
            Ok(v) => Ok(GenResult::Yielded(v)),
            Err(e) => stop_value(vm, e).map(GenResult::Returned),
        }
    };
    match r {
        Ok(GenResult::Yielded(v)) => {
            frame.yf_active.store(true, Ordering::Relaxed);
            Ok(Some(v))
        }
        Ok(GenResult::Returned(v)) => {
            frame.yf_active.store(false, Ordering::Relaxed);
            frame.set_reg(dst, v);
            Ok(None)
        }
        Err(e) => {
            frame.yf_active.store(false, Ordering::Relaxed);
            Err(e)
        }
    }
}

/// `next(generator)` for iteration: `None` when the generator returns.
pub fn gen_next(vm: &mut Vm, generator: Value) -> PyResult<Option<Value>> {
    match resume(vm, generator, Value::NONE, None)? {
        GenResult::Yielded(v) => Ok(Some(v)),
        GenResult::Returned(_) => Ok(None),
    }
}

/// `generator.send(value)`: raises `StopIteration(result)` when the generator returns.
pub fn gen_send(vm: &mut Vm, generator: Value, value: Value) -> PyResult<Value> {
    match resume(vm, generator, value, None)? {
        GenResult::Yielded(v) => Ok(v),
        GenResult::Returned(v) => Err(vm.stop_iteration(v)),
    }
}

/// `generator.throw(exc)`.
pub fn gen_throw(vm: &mut Vm, generator: Value, exc: Value) -> PyResult<Value> {
    let err = crate::vm::unwind::make_raise(vm, exc, None);
    match resume(vm, generator, Value::NONE, Some(err)) {
        Ok(GenResult::Yielded(v)) => Ok(v),
        Ok(GenResult::Returned(v)) => Err(vm.stop_iteration(v)),
        Err(e) => Err(e),
    }
}

/// `generator.close()`.
pub fn gen_close(vm: &mut Vm, generator: Value) -> PyResult<()> {
    let g = Gc::<GenBody>::from_value(generator).expect("generator");
    match g.state.load(Ordering::Relaxed) {
        gen_state::CREATED => {
            g.state.store(gen_state::CLOSED, Ordering::Relaxed);
            return Ok(());
        }
        gen_state::CLOSED => return Ok(()),
        _ => {}
    }
    let exit = vm.new_error_noargs(vm.rt.exc.generator_exit);
    match resume(vm, generator, Value::NONE, Some(exit)) {
        Ok(GenResult::Yielded(_)) => {
            Err(vm.runtime_error(format!("{} ignored GeneratorExit", kind_name(g.kind))))
        }
        Ok(GenResult::Returned(_)) => Ok(()),
        Err(e)
            if ops::is_instance(vm, e.value(), vm.rt.exc.generator_exit)
                || ops::is_instance(vm, e.value(), vm.rt.exc.stop_iteration) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// The message of the RuntimeError replacing a StopIteration that escapes a generator
/// (PEP 479), or `None` when `exc` is something else.
pub fn stop_iteration_error_message(vm: &mut Vm, frame: &FrameBody, exc: Value) -> Option<String> {
    let flags = frame.code.code.flags;
    let kind = if flags.contains(CodeFlags::COROUTINE) {
        "coroutine"
    } else if flags.contains(CodeFlags::ASYNC_GENERATOR) {
        "async generator"
    } else {
        "generator"
    };
    if ops::is_instance(vm, exc, vm.rt.exc.stop_iteration) {
        return Some(format!("{kind} raised StopIteration"));
    }
    if flags.contains(CodeFlags::ASYNC_GENERATOR)
        && ops::is_instance(vm, exc, vm.rt.exc.stop_async_iteration)
    {
        return Some(format!("{kind} raised StopAsyncIteration"));
    }
    None
}

/// `GetAIter`, `GetANext`, `GetYieldFromIter`, `GetAwaitable`.
pub fn async_iter_op(vm: &mut Vm, opcode: Opcode, src: Value, context: usize) -> PyResult<Value> {
    match opcode {
        Opcode::GetYieldFromIter => {
            if kind_of(src) == Some(ObjKind::Generator) {
                return Ok(src);
            }
            ops::iter::get_iter(vm, src)
        }
        Opcode::GetAwaitable => get_awaitable(vm, src, context),
        Opcode::GetAIter => {
            let ty = type_of(vm, src);
            match attr::lookup_type(vm, ty, "__aiter__") {
                Some(f) => call::call_method(vm, f, src, &[]),
                None => {
                    let tn = ty.name();
                    Err(vm.type_error(format!(
                        "'async for' requires an object with __aiter__ method, got {tn}"
                    )))
                }
            }
        }
        _ => {
            let ty = type_of(vm, src);
            let awaitable = match attr::lookup_type(vm, ty, "__anext__") {
                Some(f) => call::call_method(vm, f, src, &[])?,
                None => {
                    let tn = ty.name();
                    return Err(vm.type_error(format!(
                        "'async for' requires an iterator with __anext__ method, got {tn}"
                    )));
                }
            };
            match get_awaitable(vm, awaitable, 0) {
                Ok(a) => Ok(a),
                Err(_) => {
                    let tn = ops::type_name(vm, awaitable);
                    Err(vm.type_error(format!(
                        "'async for' received an invalid object from __anext__: {tn}"
                    )))
                }
            }
        }
    }
}

/// The iterator `await src` delegates to.
pub fn get_awaitable(vm: &mut Vm, src: Value, context: usize) -> PyResult<Value> {
    if let Some(g) = Gc::<GenBody>::from_value(src) {
        let iterable_coro = g
            .frame
            .code
            .code
            .flags
            .contains(CodeFlags::ITERABLE_COROUTINE);
        if g.kind == GenKind::Coroutine || iterable_coro {
            return Ok(src);
        }
    }
    let ty = type_of(vm, src);
    let Some(f) = attr::lookup_type(vm, ty, "__await__") else {
        let tn = ty.name();
        let msg = match context {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
            ),
            _ => format!("object {tn} can't be used in 'await' expression"),
        };
        return Err(vm.type_error(msg));
    };
    let it = call::call_method(vm, f, src, &[])?;
    if let Some(g) = Gc::<GenBody>::from_value(it)
        && g.kind == GenKind::Coroutine
    {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    let it_ty = type_of(vm, it);
    if attr::lookup_type(vm, it_ty, "__next__").is_none() && kind_of(it) != Some(ObjKind::Generator)
    {
        let tn = it_ty.name();
        return Err(vm.type_error(format!("__await__() returned non-iterator of type '{tn}'")));
    }
    Ok(it)
}
