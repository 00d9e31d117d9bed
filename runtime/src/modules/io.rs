//! `_io`: the standard streams (`sys.stdin`/`stdout`/`stderr`) and the `open` builtin,
//! which calls `io.open`; the rest of `io` is written in Python (runtime/pylib/io.py).
//!
//! Standard output is buffered by the interpreter and flushed at exit, before anything
//! is written to standard error, and before reading standard input, so output order
//! matches what a terminal user sees from CPython.

use std::any::Any;
use std::io::{Read, Write};

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{add_methods, method};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::module::ModuleBody;
use crate::types::native::NativeObject;
use crate::value::Value;

/// `sys.stdin`/`stdout`/`stderr`.
pub struct StdStream {
    pub fd: u8,
}

impl NativeObject for StdStream {
    fn trace(&self, _t: &mut Tracer) {}
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The standard stream `v` denotes, if it is one.
pub fn std_stream(v: Value) -> Option<u8> {
    native::<StdStream>(v).map(|s| s.fd)
}

/// Writes to a standard stream.
pub fn write_std(vm: &mut Vm, fd: u8, text: &str) -> PyResult<()> {
    write_std_bytes(vm, fd, text.as_bytes())
}

/// Writes the str `s` to a standard stream, encoded as the stream's `errors` attribute
/// says (UTF-8 with `strict`, or `backslashreplace` for standard error): a lone surrogate
/// raises `UnicodeEncodeError` on standard output.
pub fn write_std_str(vm: &mut Vm, fd: u8, s: Value) -> PyResult<()> {
    let Some(body) = ops::str_body(s) else {
        return Ok(());
    };
    let body = body.body();
    if !body.has_surrogates() {
        return write_std(vm, fd, body.as_str());
    }
    let errors = if fd == 2 {
        "backslashreplace"
    } else {
        "strict"
    };
    let data = crate::builtins::codecs::encode(vm, body.wtf8_bytes(), "utf-8", errors)?;
    write_std_bytes(vm, fd, &data)
}

/// Writes bytes to a standard stream (`os.write(1, ...)`, `sys.stdout.buffer`).
pub fn write_std_bytes(vm: &mut Vm, fd: u8, data: &[u8]) -> PyResult<()> {
    if vm
        .interp
        .sandboxed
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        return Ok(());
    }
    let r = if fd == 2 {
        flush_std(vm);
        let mut e = std::io::stderr().lock();
        e.write_all(data).and_then(|_| e.flush())
    } else {
        vm.interp.stdout.lock().write_all(data)
    };
    match r {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(vm.os_error(e.to_string())),
    }
}

/// Flushes the interpreter's buffered standard output.
pub fn flush_std(vm: &mut Vm) {
    let _ = vm.interp.stdout.lock().flush();
}

/// The three standard stream objects.
pub fn std_streams(vm: &mut Vm) -> (Value, Value, Value) {
    let ty = native_type(vm, "TextIOWrapper");
    let a = new_native(vm, ty, StdStream { fd: 0 });
    let b = new_native(vm, ty, StdStream { fd: 1 });
    let c = new_native(vm, ty, StdStream { fd: 2 });
    (a, b, c)
}

fn std_write(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "write", 2, 2)?;
    let fd = std_stream(a[0]).unwrap_or(1);
    let Some(s) = ops::str_body(a[1]) else {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
    };
    let n = s.char_len();
    write_std_str(vm, fd, a[1])?;
    Ok(vm.new_int(n as i64))
}

fn std_flush(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    Ok(Value::NONE)
}

fn std_readline(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    let mut line = String::new();
    let _ = vm.detached(|| std::io::stdin().read_line(&mut line));
    Ok(vm.new_string(line))
}

fn std_read(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    let mut s = String::new();
    let _ = vm.detached(|| std::io::stdin().read_to_string(&mut s));
    Ok(vm.new_string(s))
}

fn std_fileno(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fileno")?;
    Ok(Value::small_int(std_stream(v).unwrap_or(1) as i64))
}

fn false_fn(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

/// `open(...)`: the `io` module's `open` (runtime/pylib/io.py).
pub fn open(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let io = crate::import::import_module(vm, "io")?;
    let f = ops::attr::getattr_str(vm, io, "open")?;
    ops::call::call_kw(vm, f, args.values, args.kwnames)
}

/// Reprs of stream objects.
pub fn native_repr(_vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(fd) = std_stream(v) {
        let name = ["<stdin>", "<stdout>", "<stderr>"][fd as usize];
        let mode = if fd == 0 { "r" } else { "w" };
        return Ok(Some(format!(
            "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
        )));
    }
    Ok(None)
}

/// Attributes of the standard streams that differ per stream; `buffer` is the binary
/// layer `io._std_buffer(fd)` makes.
pub fn std_getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let Some(fd) = std_stream(obj) else {
        return Ok(None);
    };
    Ok(match name {
        "name" => Some(vm.intern(["<stdin>", "<stdout>", "<stderr>"][fd as usize])),
        "mode" => Some(vm.intern(if fd == 0 { "r" } else { "w" })),
        "closed" => Some(Value::FALSE),
        "encoding" => Some(vm.intern("utf-8")),
        "errors" => Some(vm.intern(if fd == 2 {
            "backslashreplace"
        } else {
            "strict"
        })),
        "line_buffering" => Some(Value::from_bool(fd == 2)),
        "buffer" => {
            let io = crate::import::import_module(vm, "io")?;
            let f = ops::attr::getattr_str(vm, io, "_std_buffer")?;
            Some(ops::call::call(vm, f, &[Value::small_int(i64::from(fd))])?)
        }
        _ => None,
    })
}

/// Builds `_io`: the standard streams' type (`io` itself is runtime/pylib/io.py).
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(vm, "_io", &[("open", open)]);
    let std = native_type(vm, "TextIOWrapper");
    add_methods(
        vm,
        std,
        &[
            method("write", std_write),
            method("flush", std_flush),
            method("read", std_read),
            method("readline", std_readline),
            method("fileno", std_fileno),
            method("isatty", std_isatty),
            method("writable", std_writable),
            method("readable", std_readable),
            method("seekable", false_fn),
            method("__enter__", std_enter),
            method("__exit__", false_fn),
        ],
    );
    super::set(vm, m, "_std_stream_type", std.value());
    Ok(m)
}

fn std_isatty(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    let v = args.one(vm, "isatty")?;
    Ok(Value::from_bool(match std_stream(v) {
        Some(0) => std::io::stdin().is_terminal(),
        Some(1) => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn std_writable(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "writable")?;
    Ok(Value::from_bool(std_stream(v) != Some(0)))
}

fn std_readable(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "readable")?;
    Ok(Value::from_bool(std_stream(v) == Some(0)))
}

fn std_enter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__enter__")
}
