//! Frame creation: binding call arguments to parameters with CPython's TypeError texts
//! (Python/ceval.c `initialize_locals`), cells and closures, `MakeFunction`, and the entry
//! points for calling Python functions.

use compiler::ir::CodeFlags;

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, dictops, str_of};
use crate::types::dict::DictBody;
use crate::types::function::{CellBody, CodeBody, FunctionBody, MethodBody};
use crate::value::{AtomicValue, Value};
use crate::vm::frame::{FrameBody, INLINE_REGS};
use crate::vm::generator::{GenBody, GenKind};
use crate::vm::{Exit, run_frame};

const GENERATOR_FLAGS: u32 =
    CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR;

/// Calls the Python function `func`.
pub fn call_function(
    vm: &mut Vm,
    func: Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    let f = Gc::<FunctionBody>::from_value(func).expect("function");
    let frame = new_function_frame(vm, f, args, kwnames)?;
    let flags = f.code.code.flags.0;
    if flags & GENERATOR_FLAGS != 0 {
        return Ok(new_generator(vm, f, frame, flags));
    }
    match run_frame(vm, frame, 0)? {
        Exit::Return(v) | Exit::Yield(v) => Ok(v),
    }
}

fn new_generator(vm: &mut Vm, f: Gc<FunctionBody>, frame: Gc<FrameBody>, flags: u32) -> Value {
    let (kind, ty) = if flags & CodeFlags::COROUTINE != 0 {
        (GenKind::Coroutine, vm.rt.types.coroutine)
    } else if flags & CodeFlags::ASYNC_GENERATOR != 0 {
        (GenKind::AsyncGenerator, vm.rt.types.async_generator)
    } else {
        (GenKind::Generator, vm.rt.types.generator)
    };
    let body = GenBody::new(frame, kind, f.name.get(), f.qualname.get());
    vm.alloc(ty, body).value()
}

/// For the VM's `Call`: the frame to push when `callee` is a plain Python function (or a
/// bound method of one), so the call runs in the same interpreter loop; `None` for
/// everything else.
#[inline]
pub fn prepare_inline_call(
    vm: &mut Vm,
    callee: Value,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Option<Gc<FrameBody>>> {
    match kind_of(callee) {
        Some(ObjKind::Function) => {
            let f = Gc::<FunctionBody>::from_value(callee).expect("function");
            if f.code.code.flags.0 & GENERATOR_FLAGS != 0 {
                return Ok(None);
            }
            new_function_frame(vm, f, args, kwnames).map(Some)
        }
        Some(ObjKind::Method) => {
            let m = Gc::<MethodBody>::from_value(callee).expect("method");
            let Some(f) = Gc::<FunctionBody>::from_value(m.func) else {
                return Ok(None);
            };
            if f.code.code.flags.0 & GENERATOR_FLAGS != 0 {
                return Ok(None);
            }
            let mut full: smallvec::SmallVec<[Value; 8]> =
                smallvec::SmallVec::with_capacity(args.len() + 1);
            full.push(m.receiver);
            full.extend_from_slice(args);
            new_function_frame(vm, f, &full, kwnames).map(Some)
        }
        _ => Ok(None),
    }
}

fn alloc_frame(
    vm: &mut Vm,
    code: Gc<CodeBody>,
    globals: Gc<DictBody>,
    func: Value,
    locals: Value,
) -> Gc<FrameBody> {
    let nregs = code.code.nregs as usize;
    let nderefs = code.code.cells.len() + code.code.frees.len();
    // A function remembers its builtins when it is made (CPython's `func_builtins`).
    let builtins = match Gc::<FunctionBody>::from_value(func) {
        Some(f) if !f.builtins.get().is_unset() => f.builtins.get(),
        _ => builtins_for(vm, globals),
    };
    let ty = vm.rt.types.frame;
    vm.alloc_with(ty, || FrameBody {
        code,
        globals,
        builtins,
        locals: AtomicValue::new(locals),
        func,
        regs: new_registers(nregs),
        derefs: (0..nderefs).map(|_| AtomicValue::default()).collect(),
        back: AtomicValue::new(Value::NONE),
        pc: Default::default(),
        resume_pc: Default::default(),
        ret_reg: Default::default(),
        yf_active: Default::default(),
        sent: Default::default(),
    })
}

/// A register file of `n` unset registers, inside the frame when it fits.
#[inline]
fn new_registers(n: usize) -> smallvec::SmallVec<[AtomicValue; INLINE_REGS]> {
    if n <= INLINE_REGS {
        let buf: [AtomicValue; INLINE_REGS] = Default::default();
        smallvec::SmallVec::from_buf_and_len(buf, n)
    } else {
        (0..n).map(|_| AtomicValue::default()).collect()
    }
}

/// The builtins namespace for code running with `globals` (its `__builtins__`, else the
/// interpreter's).
fn builtins_for(vm: &mut Vm, globals: Gc<DictBody>) -> Value {
    match dictops::get_str(&globals, "__builtins__") {
        Some(b) if kind_of(b) == Some(ObjKind::Dict) => b,
        Some(b) if kind_of(b) == Some(ObjKind::Module) => {
            Gc::<crate::types::module::ModuleBody>::from_value(b)
                .expect("module")
                .dict
                .value()
        }
        _ => vm.interp.builtins.dict.value(),
    }
}

/// A frame for module-level or `exec`'d code.
pub fn new_frame_for_code(
    vm: &mut Vm,
    code: Value,
    globals: Gc<DictBody>,
    locals: Value,
) -> PyResult<Gc<FrameBody>> {
    let Some(code) = Gc::<CodeBody>::from_value(code) else {
        return Err(vm.type_error("expected a code object"));
    };
    let frame = alloc_frame(vm, code, globals, Value::NONE, locals);
    for i in 0..code.code.cells.len() {
        let cell = vm.alloc(vm.rt.types.cell, CellBody::default());
        frame.derefs[i].set(cell.value());
    }
    Ok(frame)
}

/// A frame for calling `f` with the given arguments, bound to its parameters.
/// Whether calling `callee` with `nargs` positional arguments (and no keywords) binds
/// them one to one to its parameters: a plain function, not a generator or coroutine,
/// with exactly `nargs` positional parameters and no `*args`, `**kwargs` or keyword-only
/// ones. Quickened call sites (`CallPy`, `CallMethodPy`) check this on every call.
#[inline(always)]
pub fn is_simple_call(callee: Value, nargs: usize) -> bool {
    let Some(f) = Gc::<FunctionBody>::from_value(callee) else {
        return false;
    };
    let co = &f.code.code;
    co.argcount as usize == nargs
        && co.kwonlyargcount == 0
        && co.flags.0 & (GENERATOR_FLAGS | CodeFlags::VARARGS | CodeFlags::VARKEYWORDS) == 0
}

/// The frame for a call that [`is_simple_call`] accepted: `receiver` (if any) then the
/// caller's registers `regs` become the parameters, copied straight from register to
/// register.
pub fn new_simple_frame(
    vm: &mut Vm,
    callee: Value,
    receiver: Option<Value>,
    caller: &FrameBody,
    regs: &[u16],
) -> Gc<FrameBody> {
    let f = Gc::<FunctionBody>::from_value(callee).expect("checked by is_simple_call");
    let frame = alloc_frame(vm, f.code, f.globals, callee, Value::UNSET);
    let first = usize::from(receiver.is_some());
    if let Some(r) = receiver {
        frame.set_reg(0, r);
    }
    for (i, &r) in regs.iter().enumerate() {
        frame.set_reg(first + i, caller.reg(r as usize));
    }
    init_derefs(vm, f, &frame);
    frame
}

pub fn new_function_frame(
    vm: &mut Vm,
    f: Gc<FunctionBody>,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Gc<FrameBody>> {
    let code = f.code;
    let frame = alloc_frame(vm, code, f.globals, f.value(), Value::UNSET);
    bind_arguments(vm, f, &frame, args, kwnames)?;
    init_derefs(vm, f, &frame);
    Ok(frame)
}

/// Makes the cells of a new function frame (a parameter's cell starts with the argument)
/// and copies in the closure's free-variable cells.
fn init_derefs(vm: &mut Vm, f: Gc<FunctionBody>, frame: &FrameBody) {
    let co = &f.code.code;
    if co.cells.is_empty() && co.frees.is_empty() {
        return;
    }
    let ncells = co.cells.len();
    let nparams = co.argcount as usize
        + co.kwonlyargcount as usize
        + usize::from(co.flags.contains(CodeFlags::VARARGS))
        + usize::from(co.flags.contains(CodeFlags::VARKEYWORDS));
    for (i, name) in co.cells.iter().enumerate() {
        let initial = co.varnames[..nparams.min(co.varnames.len())]
            .iter()
            .position(|v| v == name)
            .map_or(Value::UNSET, |p| frame.reg(p));
        let cell = vm.alloc(
            vm.rt.types.cell,
            CellBody {
                value: AtomicValue::new(initial),
            },
        );
        frame.derefs[i].set(cell.value());
    }
    if !co.frees.is_empty() {
        let closure = f.closure.get();
        let cells = ops::tuple_items(closure).unwrap_or(&[]);
        for (i, c) in cells.iter().enumerate().take(co.frees.len()) {
            frame.derefs[ncells + i].set(*c);
        }
    }
}

fn qualname(f: Gc<FunctionBody>) -> String {
    str_of(f.qualname.get()).unwrap_or("?").to_owned()
}

/// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" (CPython's `format_missing`).
fn name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn bind_arguments(
    vm: &mut Vm,
    f: Gc<FunctionBody>,
    frame: &FrameBody,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<()> {
    let co = &f.code.code;
    let argcount = co.argcount as usize;
    let posonly = co.posonlyargcount as usize;
    let kwonly = co.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let has_varargs = co.flags.contains(CodeFlags::VARARGS);
    let has_varkw = co.flags.contains(CodeFlags::VARKEYWORDS);
    let npos = args.len() - kwnames.len();

    // Fast path: exact positional call.
    if kwnames.is_empty() && npos == argcount && !has_varargs && !has_varkw && kwonly == 0 {
        for (i, v) in args.iter().enumerate() {
            frame.set_reg(i, *v);
        }
        return Ok(());
    }

    let n = npos.min(argcount);
    for (i, v) in args[..n].iter().enumerate() {
        frame.set_reg(i, *v);
    }
    let mut next_slot = total;
    if has_varargs {
        let extra = if npos > argcount {
            args[argcount..npos].to_vec()
        } else {
            Vec::new()
        };
        let t = vm.new_tuple(extra);
        frame.set_reg(next_slot, t);
        next_slot += 1;
    }
    let kwdict = if has_varkw {
        let d = vm.new_dict_body();
        frame.set_reg(next_slot, d.value());
        Some(d)
    } else {
        None
    };
    let mut posonly_as_kw: Vec<String> = Vec::new();
    for (k, name) in kwnames.iter().enumerate() {
        let value = args[npos + k];
        let Some(name_str) = str_of(*name) else {
            return Err(vm.type_error(format!("{}() keywords must be strings", qualname(f))));
        };
        match co.varnames[posonly..total]
            .iter()
            .position(|v| v == name_str)
        {
            Some(j) => {
                let slot = posonly + j;
                if !frame.reg(slot).is_unset() {
                    return Err(vm.type_error(format!(
                        "{}() got multiple values for argument '{name_str}'",
                        qualname(f)
                    )));
                }
                frame.set_reg(slot, value);
            }
            None => {
                if let Some(d) = kwdict {
                    dictops::set(vm, d, *name, value)?;
                } else if co.varnames[..posonly].iter().any(|v| v == name_str) {
                    posonly_as_kw.push(name_str.to_owned());
                } else {
                    // Python/ceval.c suggests the closest keyword-capable parameter.
                    let candidates: Vec<String> = co.varnames[posonly..total].to_vec();
                    let hint = match crate::traceback::best_match(name_str, &candidates) {
                        Some(s) => format!(". Did you mean '{s}'?"),
                        None => String::new(),
                    };
                    return Err(vm.type_error(format!(
                        "{}() got an unexpected keyword argument '{name_str}'{hint}",
                        qualname(f)
                    )));
                }
            }
        }
    }
    if !posonly_as_kw.is_empty() {
        return Err(vm.type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(f),
            posonly_as_kw.join(", ")
        )));
    }
    let defaults = ops::tuple_items(f.defaults.get()).unwrap_or(&[]).to_vec();
    if npos > argcount && !has_varargs {
        let kwonly_given = (argcount..total)
            .filter(|&j| !frame.reg(j).is_unset())
            .count();
        let takes = if defaults.is_empty() {
            format!(
                "{argcount} positional argument{}",
                if argcount == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "from {} to {argcount} positional arguments",
                argcount - defaults.len()
            )
        };
        let given = if kwonly_given > 0 {
            format!(
                "{npos} positional argument{} (and {kwonly_given} keyword-only argument{}) were given",
                if npos == 1 { "" } else { "s" },
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{npos} {}given", if npos == 1 { "was " } else { "were " })
        };
        return Err(vm.type_error(format!("{}() takes {takes} but {given}", qualname(f))));
    }
    let first_default = argcount - defaults.len().min(argcount);
    let mut missing: Vec<&str> = Vec::new();
    for j in npos.min(argcount)..argcount {
        if frame.reg(j).is_unset() {
            if j >= first_default {
                frame.set_reg(j, defaults[j - first_default]);
            } else {
                missing.push(&co.varnames[j]);
            }
        }
    }
    if !missing.is_empty() {
        return Err(vm.type_error(format!(
            "{}() missing {} required positional argument{}: {}",
            qualname(f),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    let kwdefaults = Gc::<DictBody>::from_value(f.kwdefaults.get());
    for j in argcount..total {
        if frame.reg(j).is_unset() {
            let name = &co.varnames[j];
            match kwdefaults.and_then(|d| dictops::get_str(&d, name)) {
                Some(v) => frame.set_reg(j, v),
                None => missing.push(name),
            }
        }
    }
    if !missing.is_empty() {
        return Err(vm.type_error(format!(
            "{}() missing {} required keyword-only argument{}: {}",
            qualname(f),
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            name_list(&missing)
        )));
    }
    Ok(())
}

/// The `MakeFunction` opcode.
pub fn make_function(
    vm: &mut Vm,
    frame: &FrameBody,
    code_index: usize,
    [defaults, kwdefaults, annotate, closure]: [Value; 4],
) -> PyResult<Value> {
    let unit = frame
        .code
        .unit
        .get()
        .map(|u| u.to_vec())
        .unwrap_or_default();
    let Some(&code) = unit.get(code_index) else {
        return Err(vm.system_error("MakeFunction: bad code index"));
    };
    let code = Gc::<CodeBody>::from_value(code).expect("code");
    let module = dictops::get_str(&frame.globals, "__name__").unwrap_or(Value::NONE);
    let doc = match code.code.docstring.as_deref() {
        Some(d) => vm.new_str(d),
        None => Value::NONE,
    };
    let body = FunctionBody {
        code,
        globals: frame.globals,
        name: AtomicValue::new(code.name),
        qualname: AtomicValue::new(code.qualname),
        defaults: AtomicValue::new(defaults),
        kwdefaults: AtomicValue::new(kwdefaults),
        closure: AtomicValue::new(closure),
        annotate: AtomicValue::new(annotate),
        module: AtomicValue::new(module),
        doc: AtomicValue::new(doc),
        type_params: AtomicValue::new(Value::UNSET),
        attrs: Default::default(),
        builtins: AtomicValue::new(frame.builtins),
    };
    let ty = vm.rt.types.function;
    Ok(vm.alloc(ty, body).value())
}
