//! The bytecode interpreter (DESIGN.md §7, tier 1).
//!
//! [`run_frame`] runs a frame and every Python-to-Python call it makes in one loop: a
//! call pushes the callee's frame and continues, a return pops it, so Python recursion
//! never recurses on the Rust stack. Rust code that calls Python (a builtin calling a key
//! function, `__init__` from `type.__call__`) enters `run_frame` anew; those re-entries
//! are bounded by a native stack check that raises `RecursionError`.
//!
//! Files: `frame` (the frame object), `call` (frame creation and argument binding),
//! `unwind` (exception handling and tracebacks), `generator`/`generator_ops`
//! (suspended frames), `dispatch` (the dispatch loop), `quicken` and `inline_cache`
//! (specialisation), `misc` (opcode helpers too big for the loop: unpacking, pattern
//! matching, formatting, imports); this file drives frames: pushes, returns, unwinding.

pub mod call;
mod dispatch;
pub mod frame;
pub mod generator;
pub mod generator_ops;
pub mod inline_cache;
pub mod misc;
pub mod quicken;
pub mod seqlock;
pub mod unwind;

use std::sync::atomic::Ordering;

pub use call::{call_function, new_frame_for_code};

use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::Gc;
use crate::types::dict::DictBody;
use crate::value::Value;
use frame::FrameBody;

/// How a frame's execution ended.
#[derive(Debug, Clone, Copy)]
pub enum Exit {
    Return(Value),
    /// A generator frame suspended at a `Yield` (or a delegating `YieldFrom`).
    Yield(Value),
}

/// Why the inner loop handed control back to [`run_frame`].
enum Flow {
    Return(Value),
    Yield(Value),
    /// Start running `callee`; its result goes to register `dst` of the current frame.
    Push {
        callee: Gc<FrameBody>,
        dst: u32,
    },
    /// Something raised at the current pc; `reraise` errors keep their traceback.
    Error {
        err: PyErr,
        reraise: bool,
    },
}

/// Native stack left before re-entering the VM is refused with `RecursionError`.
const STACK_RESERVE: usize = 256 * 1024;

/// Runs `f`, failing with `RecursionError` when the native stack is nearly exhausted
/// (deep recursion through Rust code such as `__repr__` → `repr()` → `__repr__`).
pub fn with_stack_check<T>(vm: &mut Vm, f: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
    if stacker::remaining_stack().is_some_and(|left| left < STACK_RESERVE) {
        return Err(vm.recursion_error("maximum recursion depth exceeded"));
    }
    f(vm)
}

/// How deep builtin operations may recurse through nested containers (repr of a list
/// of lists, comparison of tuples of tuples) before `RecursionError`. CPython 3.14
/// bounds this recursion by its C stack rather than `sys.getrecursionlimit()`; this is
/// the fixed depth of CPython 3.12–3.13's `Py_C_RECURSION_LIMIT`, which keeps the limit
/// the same whatever the build's frame sizes.
const NATIVE_RECURSION_LIMIT: u32 = 10_000;

/// Runs `f` one level deeper in builtin container recursion, failing with
/// "maximum recursion depth exceeded{context}" past [`NATIVE_RECURSION_LIMIT`] or when
/// the native stack is nearly exhausted.
pub fn with_native_recursion<T>(
    vm: &mut Vm,
    context: &str,
    f: impl FnOnce(&mut Vm) -> PyResult<T>,
) -> PyResult<T> {
    if vm.native_depth >= NATIVE_RECURSION_LIMIT
        || stacker::remaining_stack().is_some_and(|left| left < STACK_RESERVE)
    {
        return Err(vm.recursion_error(format!("maximum recursion depth exceeded{context}")));
    }
    vm.native_depth += 1;
    let r = f(vm);
    vm.native_depth -= 1;
    r
}

/// Runs `entry` from `start_pc` until it returns or (for generator frames) yields.
pub fn run_frame(vm: &mut Vm, entry: Gc<FrameBody>, start_pc: usize) -> PyResult<Exit> {
    run_frame_with(vm, entry, start_pc, None)
}

/// Like [`run_frame`], but first raises `error` at `start_pc` (`generator.throw`).
pub fn run_frame_with(
    vm: &mut Vm,
    entry: Gc<FrameBody>,
    start_pc: usize,
    error: Option<PyErr>,
) -> PyResult<Exit> {
    if stacker::remaining_stack().is_some_and(|left| left < STACK_RESERVE) {
        return Err(vm.recursion_error("maximum recursion depth exceeded"));
    }
    let limit = vm.interp.recursion_limit.load(Ordering::Relaxed);
    if vm.depth >= limit {
        return Err(vm.recursion_error("maximum recursion depth exceeded"));
    }
    vm.depth += 1;
    let outer = vm.frame;
    entry.back.set(outer);
    vm.frame = entry.value();
    let mut frame = entry;
    let mut pc = start_pc;
    let mut inline = 0usize;
    let mut pending = error;
    let result = loop {
        let flow = match pending.take() {
            Some(err) => Flow::Error {
                err,
                reraise: false,
            },
            None => dispatch::execute(vm, frame, &mut pc),
        };
        match flow {
            Flow::Push { callee, dst } => {
                if vm.depth >= vm.interp.recursion_limit.load(Ordering::Relaxed) {
                    let err = vm.recursion_error("maximum recursion depth exceeded");
                    if let Some(r) =
                        unwind_to_handler(vm, &mut frame, &mut pc, &mut inline, err, false)
                    {
                        break r;
                    }
                    continue;
                }
                frame.resume_pc.store(pc as u32, Ordering::Relaxed);
                callee.ret_reg.store(dst, Ordering::Relaxed);
                callee.back.set(frame.value());
                vm.frame = callee.value();
                vm.depth += 1;
                inline += 1;
                frame = callee;
                pc = 0;
            }
            Flow::Return(v) => {
                if inline == 0 {
                    break Ok(Exit::Return(v));
                }
                let parent = Gc::<FrameBody>::from_value(frame.back.get()).expect("parent frame");
                let dst = frame.ret_reg.load(Ordering::Relaxed);
                vm.depth -= 1;
                inline -= 1;
                vm.frame = parent.value();
                frame = parent;
                frame.set_reg(dst as usize, v);
                pc = frame.resume_pc.load(Ordering::Relaxed) as usize;
            }
            Flow::Yield(v) => break Ok(Exit::Yield(v)),
            Flow::Error { err, reraise } => {
                if let Some(r) =
                    unwind_to_handler(vm, &mut frame, &mut pc, &mut inline, err, reraise)
                {
                    break r;
                }
            }
        }
    };
    // Frames pushed inline and not yet popped (an error escaped them) unwind here.
    vm.depth -= 1 + inline as u32;
    vm.frame = outer;
    result
}

/// Finds the handler for `err` raised at `pc` in `frame`, popping inline frames as it
/// goes. Returns `Some(result)` when the error leaves the entry frame.
fn unwind_to_handler(
    vm: &mut Vm,
    frame: &mut Gc<FrameBody>,
    pc: &mut usize,
    inline: &mut usize,
    err: PyErr,
    reraise: bool,
) -> Option<PyResult<Exit>> {
    let mut propagating = false;
    loop {
        if propagating {
            unwind::add_traceback(vm, err, *frame, *pc);
        } else if !reraise {
            unwind::on_raise(vm, err, *frame, *pc);
        }
        if !vm.aborting
            && let Some(entry) = frame.code.code.exctable.lookup(*pc as u32)
        {
            frame.set_reg(entry.exc_reg as usize, err.value());
            *pc = entry.handler as usize;
            return None;
        }
        if *inline == 0 {
            return Some(Err(err));
        }
        let parent = Gc::<FrameBody>::from_value(frame.back.get()).expect("parent frame");
        vm.depth -= 1;
        *inline -= 1;
        vm.frame = parent.value();
        *frame = parent;
        *pc = frame.pc() as usize;
        propagating = true;
    }
}

/// Runs module-level code (`__main__`, an imported module, `exec`) in `globals`, with
/// `locals` as the name mapping.
pub fn run_code(vm: &mut Vm, code: Value, globals: Gc<DictBody>, locals: Value) -> PyResult<Value> {
    let frame = new_frame_for_code(vm, code, globals, locals)?;
    match run_frame(vm, frame, 0)? {
        Exit::Return(v) | Exit::Yield(v) => Ok(v),
    }
}
