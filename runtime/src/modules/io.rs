//! `io` (and `open`): the standard streams, `StringIO`, `BytesIO` and file objects in
//! text and binary modes with the utf-8, latin-1 and ascii encodings.
//!
//! Standard output is buffered by the interpreter and flushed at exit, before anything
//! is written to standard error, and before reading standard input, so output order
//! matches what a terminal user sees from CPython.

use std::any::Any;
use std::io::{Read, Write};

use parking_lot::Mutex;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::builtins::{add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
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

/// An in-memory or on-disk stream.
pub struct Stream {
    pub state: Mutex<StreamState>,
}

/// The mutable part of a [`Stream`].
pub struct StreamState {
    pub data: Vec<u8>,
    pub pos: usize,
    pub text: bool,
    pub closed: bool,
    pub readable: bool,
    pub writable: bool,
    pub encoding: String,
    /// The file written back on flush/close (`None` for StringIO/BytesIO).
    pub path: Option<String>,
    pub dirty: bool,
    pub mode: String,
    pub name: String,
}

impl NativeObject for Stream {
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
    if vm.interp.sandboxed.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    let r = if fd == 2 {
        flush_std(vm);
        let mut e = std::io::stderr().lock();
        e.write_all(text.as_bytes()).and_then(|_| e.flush())
    } else {
        vm.interp.stdout.lock().write_all(text.as_bytes())
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
    let Some(s) = str_of(a[1]) else {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
    };
    let n = s.chars().count();
    let s = s.to_owned();
    write_std(vm, fd, &s)?;
    Ok(vm.new_int(n as i64))
}

fn std_flush(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    Ok(Value::NONE)
}

fn std_readline(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    Ok(vm.new_string(line))
}

fn std_read(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    flush_std(vm);
    let mut s = String::new();
    let _ = std::io::stdin().read_to_string(&mut s);
    Ok(vm.new_string(s))
}

fn std_fileno(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "fileno")?;
    Ok(Value::small_int(std_stream(v).unwrap_or(1) as i64))
}

fn false_fn(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::FALSE)
}

fn true_fn(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::TRUE)
}

fn new_stream(vm: &mut Vm, type_name: &'static str, state: StreamState) -> Value {
    let ty = native_type(vm, type_name);
    new_native(vm, ty, Stream { state: Mutex::new(state) })
}

fn memory_state(text: bool, data: Vec<u8>) -> StreamState {
    StreamState {
        data,
        pos: 0,
        text,
        closed: false,
        readable: true,
        writable: true,
        encoding: "utf-8".into(),
        path: None,
        dirty: false,
        mode: if text { "w+".into() } else { "wb+".into() },
        name: String::new(),
    }
}

fn stringio_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let init = args.pos().get(1).copied().or(args.kwarg("initial_value"));
    let data = match init.filter(|v| !v.is_none()) {
        Some(v) => match str_of(v) {
            Some(s) => s.as_bytes().to_vec(),
            None => {
                let tn = ops::type_name(vm, v);
                return Err(vm.type_error(format!("initial_value must be str or None, not {tn}")));
            }
        },
        None => Vec::new(),
    };
    Ok(new_stream(vm, "StringIO", memory_state(true, data)))
}

fn bytesio_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let init = args.pos().get(1).copied().or(args.kwarg("initial_bytes"));
    let data = match init.filter(|v| !v.is_none()) {
        Some(v) => crate::builtins::str::bytes_like(vm, v)?.unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(new_stream(vm, "BytesIO", memory_state(false, data)))
}

fn stream_of<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a Stream> {
    match native::<Stream>(v) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("expected a stream")),
    }
}

fn check_open(vm: &mut Vm, st: &StreamState) -> PyResult<()> {
    if st.closed {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn decode_data(vm: &mut Vm, st: &StreamState, bytes: &[u8]) -> PyResult<Value> {
    if st.text {
        let enc = st.encoding.clone();
        crate::builtins::str::decode(vm, bytes, &enc, "strict")
    } else {
        Ok(crate::builtins::str::new_bytes(vm, bytes.to_vec()))
    }
}

fn s_write(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "write", 2, 2)?;
    let s = stream_of(vm, a[0])?;
    let text = s.state.lock().text;
    let (bytes, n) = if text {
        let Some(t) = str_of(a[1]) else {
            let tn = ops::type_name(vm, a[1]);
            return Err(vm.type_error(format!("string argument expected, got '{tn}'")));
        };
        let enc = s.state.lock().encoding.clone();
        let t = t.to_owned();
        (crate::builtins::str::encode(vm, &t, &enc, "strict")?, t.chars().count())
    } else {
        match crate::builtins::str::bytes_like(vm, a[1])? {
            Some(b) => {
                let n = b.len();
                (b, n)
            }
            None => {
                let tn = ops::type_name(vm, a[1]);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
            }
        }
    };
    let mut st = s.state.lock();
    if st.closed {
        drop(st);
        return Err(vm.value_error("I/O operation on closed file."));
    }
    if !st.writable {
        drop(st);
        return Err(vm.new_error(vm.rt.exc.os_error, "not writable"));
    }
    let pos = st.pos;
    if st.data.len() < pos {
        st.data.resize(pos, 0);
    }
    let end = pos + bytes.len();
    if end > st.data.len() {
        st.data.resize(end, 0);
    }
    st.data[pos..end].copy_from_slice(&bytes);
    st.pos = end;
    st.dirty = true;
    drop(st);
    Ok(vm.new_int(n as i64))
}

fn s_read(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "read", 1, 2)?;
    let s = stream_of(vm, a[0])?;
    let size = match a.get(1).copied().filter(|v| !v.is_none()) {
        Some(n) => ops::convert::index_i64(vm, n)?,
        None => -1,
    };
    let mut st = s.state.lock();
    if st.closed {
        drop(st);
        return Err(vm.value_error("I/O operation on closed file."));
    }
    let start = st.pos.min(st.data.len());
    let rest = &st.data[start..];
    let take = if size < 0 {
        rest.len()
    } else if st.text {
        // `size` counts characters in text mode.
        let text = String::from_utf8_lossy(rest);
        text.chars().take(size as usize).map(char::len_utf8).sum::<usize>().min(rest.len())
    } else {
        (size as usize).min(rest.len())
    };
    let chunk = rest[..take].to_vec();
    st.pos = start + take;
    let snapshot = StreamState { data: Vec::new(), path: None, name: String::new(), mode: String::new(), encoding: st.encoding.clone(), ..*st };
    drop(st);
    decode_data(vm, &snapshot, &chunk)
}

fn s_readline(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "readline", 1, 2)?;
    let s = stream_of(vm, a[0])?;
    let mut st = s.state.lock();
    if st.closed {
        drop(st);
        return Err(vm.value_error("I/O operation on closed file."));
    }
    let start = st.pos.min(st.data.len());
    let rest = &st.data[start..];
    let end = rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1);
    let chunk = rest[..end].to_vec();
    st.pos = start + end;
    let snapshot = StreamState { data: Vec::new(), path: None, name: String::new(), mode: String::new(), encoding: st.encoding.clone(), ..*st };
    drop(st);
    decode_data(vm, &snapshot, &chunk)
}

fn s_readlines(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.range(vm, "readlines", 1, 2)?[0];
    let mut lines = Vec::new();
    loop {
        let l = s_readline(vm, &Args::positional(&[v]))?;
        if ops::len(vm, l)? == 0 {
            break;
        }
        lines.push(l);
    }
    Ok(vm.new_list(lines))
}

fn s_next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__next__")?;
    let l = s_readline(vm, &Args::positional(&[v]))?;
    if ops::len(vm, l)? == 0 {
        return Err(vm.stop_iteration(Value::NONE));
    }
    Ok(l)
}

fn s_getvalue(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "getvalue")?;
    let s = stream_of(vm, v)?;
    let st = s.state.lock();
    check_open(vm, &st)?;
    let data = st.data.clone();
    let snapshot = StreamState { data: Vec::new(), path: None, name: String::new(), mode: String::new(), encoding: st.encoding.clone(), ..*st };
    drop(st);
    decode_data(vm, &snapshot, &data)
}

fn s_seek(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "seek", 2, 3)?;
    let s = stream_of(vm, a[0])?;
    let off = ops::convert::index_i64(vm, a[1])?;
    let whence = match a.get(2) {
        Some(&w) => ops::convert::index_i64(vm, w)?,
        None => 0,
    };
    let mut st = s.state.lock();
    let base = match whence {
        1 => st.pos as i64,
        2 => st.data.len() as i64,
        _ => 0,
    };
    let new = (base + off).max(0) as usize;
    st.pos = new;
    drop(st);
    Ok(vm.new_int(new as i64))
}

fn s_tell(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "tell")?;
    let s = stream_of(vm, v)?;
    let p = s.state.lock().pos;
    Ok(vm.new_int(p as i64))
}

fn flush_stream(vm: &mut Vm, s: &Stream) -> PyResult<()> {
    let mut st = s.state.lock();
    if st.dirty
        && let Some(path) = st.path.clone()
    {
        if let Err(e) = std::fs::write(&path, &st.data) {
            drop(st);
            return Err(vm.os_error(e.to_string()));
        }
        st.dirty = false;
    }
    Ok(())
}

fn s_flush(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "flush")?;
    let s = stream_of(vm, v)?;
    flush_stream(vm, s)?;
    Ok(Value::NONE)
}

fn s_close(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "close")?;
    let s = stream_of(vm, v)?;
    if !s.state.lock().closed {
        flush_stream(vm, s)?;
        s.state.lock().closed = true;
    }
    Ok(Value::NONE)
}

fn s_enter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__enter__")?;
    let s = stream_of(vm, v)?;
    let st = s.state.lock();
    check_open(vm, &st)?;
    Ok(v)
}

fn s_exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.values[0];
    s_close(vm, &Args::positional(&[v]))?;
    Ok(Value::FALSE)
}

fn s_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.one(vm, "__iter__")
}

/// Attributes of streams.
pub fn stream_getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(fd) = std_stream(obj) {
        return Ok(match name {
            "encoding" => Some(vm.intern("utf-8")),
            "name" => Some(vm.intern(["<stdin>", "<stdout>", "<stderr>"][fd as usize])),
            "closed" => Some(Value::FALSE),
            _ => None,
        });
    }
    let Some(s) = native::<Stream>(obj) else {
        return Ok(None);
    };
    let st = s.state.lock();
    let (closed, name_s, mode, enc, text) = (st.closed, st.name.clone(), st.mode.clone(), st.encoding.clone(), st.text);
    drop(st);
    Ok(match name {
        "closed" => Some(Value::from_bool(closed)),
        "name" if !name_s.is_empty() => Some(vm.new_string(name_s)),
        "mode" if !mode.is_empty() => Some(vm.new_string(mode)),
        "encoding" if text => Some(vm.new_string(enc)),
        _ => None,
    })
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`.
pub fn open(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "open", &["file", "mode", "buffering", "encoding", "errors", "newline", "closefd", "opener"])?;
    let pos = args.pos();
    let get = |i: usize, n: &str| pos.get(i).copied().or(args.kwarg(n));
    let Some(file) = get(0, "file") else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    let Some(path) = str_of(file).map(str::to_owned) else {
        let tn = ops::type_name(vm, file);
        return Err(vm.type_error(format!("expected str, bytes or os.PathLike object, not {tn}")));
    };
    let mode = get(1, "mode").and_then(str_of).unwrap_or("r").to_owned();
    if vm.interp.sandboxed.load(std::sync::atomic::Ordering::Relaxed) && mode.contains(['w', 'a', 'x', '+']) {
        return Err(vm.new_error(vm.rt.exc.permission_error, "writing files is disabled in the sandbox"));
    }
    let encoding = get(3, "encoding").and_then(str_of).unwrap_or("utf-8").to_owned();
    let binary = mode.contains('b');
    let text = !binary;
    if binary && get(3, "encoding").is_some_and(|e| !e.is_none()) {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    let plus = mode.contains('+');
    let (readable, writable, data) = if mode.contains('r') {
        match std::fs::read(&path) {
            Ok(d) => (true, plus, d),
            Err(e) => return Err(os_error_for(vm, &e, &path)),
        }
    } else if mode.contains('w') || mode.contains('x') {
        if mode.contains('x') && std::path::Path::new(&path).exists() {
            let e = std::io::Error::from(std::io::ErrorKind::AlreadyExists);
            return Err(os_error_for(vm, &e, &path));
        }
        if let Err(e) = std::fs::write(&path, b"") {
            return Err(os_error_for(vm, &e, &path));
        }
        (plus, true, Vec::new())
    } else if mode.contains('a') {
        let d = std::fs::read(&path).unwrap_or_default();
        (plus, true, d)
    } else {
        return Err(vm.value_error(format!("invalid mode: '{mode}'")));
    };
    let pos0 = if mode.contains('a') { data.len() } else { 0 };
    let type_name = if text { "TextIOWrapper" } else if readable && !writable { "BufferedReader" } else { "BufferedWriter" };
    let st = StreamState {
        data,
        pos: pos0,
        text,
        closed: false,
        readable,
        writable,
        encoding,
        path: Some(path.clone()),
        dirty: false,
        mode,
        name: path,
    };
    Ok(new_stream(vm, type_name, st))
}

/// The OSError subclass CPython raises for an I/O error on `path`.
pub fn os_error_for(vm: &mut Vm, e: &std::io::Error, path: &str) -> crate::errors::PyErr {
    let (ty, errno, msg) = match e.kind() {
        std::io::ErrorKind::NotFound => (vm.rt.exc.file_not_found_error, 2, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => (vm.rt.exc.permission_error, 13, "Permission denied"),
        std::io::ErrorKind::AlreadyExists => (vm.rt.exc.file_exists_error, 17, "File exists"),
        _ if e.raw_os_error() == Some(21) => (vm.rt.exc.is_a_directory_error, 21, "Is a directory"),
        _ if e.raw_os_error() == Some(20) => (vm.rt.exc.not_a_directory_error, 20, "Not a directory"),
        _ if e.raw_os_error() == Some(39) => (vm.rt.exc.os_error, 39, "Directory not empty"),
        _ => (vm.rt.exc.os_error, e.raw_os_error().unwrap_or(5) as i64, "Input/output error"),
    };
    let m = vm.new_str(msg);
    let p = vm.new_str(path);
    crate::errors::new_exception(vm, ty, vec![Value::small_int(errno), m, p])
}

/// Reprs of stream objects.
pub fn native_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(fd) = std_stream(v) {
        let name = ["<stdin>", "<stdout>", "<stderr>"][fd as usize];
        let mode = if fd == 0 { "r" } else { "w" };
        return Ok(Some(format!("<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>")));
    }
    if let Some(s) = native::<Stream>(v) {
        let st = s.state.lock();
        let tn = ops::type_name(vm, v);
        if st.path.is_some() {
            return Ok(Some(if st.text {
                format!("<_io.{tn} name='{}' mode='{}' encoding='{}'>", st.name, st.mode, st.encoding)
            } else {
                format!("<_io.{tn} name='{}'>", st.name)
            }));
        }
        return Ok(Some(format!("<_io.{tn} object at {:#x}>", v.bits())));
    }
    Ok(None)
}

/// Builds the `io` module.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(vm, "io", &[("open", open)]);
    let std = native_type(vm, "TextIOWrapper");
    add_methods(vm, std, &[
        method("flush", std_flush),
        method("readline", std_readline),
        method("fileno", std_fileno),
        method("isatty", false_fn),
        method("writable", true_fn),
        method("readable", true_fn),
    ]);
    for name in ["StringIO", "BytesIO", "TextIOWrapper", "BufferedReader", "BufferedWriter"] {
        let ty = native_type(vm, name);
        add_methods(vm, ty, &[
            method("read", s_read),
            method("readline", s_readline),
            method("readlines", s_readlines),
            method("seek", s_seek),
            method("tell", s_tell),
            method("close", s_close),
            method("__enter__", s_enter),
            method("__exit__", s_exit),
            method("__iter__", s_iter),
            method("__next__", s_next),
        ]);
        if name == "TextIOWrapper" {
            // The standard streams share this type: their `write`/`flush`/`read` win.
            add_methods(vm, ty, &[method("write", std_or_stream_write), method("flush", std_or_stream_flush), method("read", std_or_stream_read)]);
        } else {
            add_methods(vm, ty, &[method("write", s_write), method("flush", s_flush), method("getvalue", s_getvalue)]);
        }
        super::set(vm, m, name, ty.value());
    }
    let sio = native_type(vm, "StringIO");
    add_methods(vm, sio, &[staticmethod("__new__", stringio_new)]);
    let bio = native_type(vm, "BytesIO");
    add_methods(vm, bio, &[staticmethod("__new__", bytesio_new)]);
    let _ = std_write;
    let _ = std_read;
    Ok(m)
}

fn std_or_stream_write(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.values.first().is_some_and(|v| std_stream(*v).is_some()) {
        return std_write(vm, args);
    }
    s_write(vm, args)
}

fn std_or_stream_flush(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.values.first().is_some_and(|v| std_stream(*v).is_some()) {
        return std_flush(vm, args);
    }
    s_flush(vm, args)
}

fn std_or_stream_read(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.values.first().is_some_and(|v| std_stream(*v).is_some()) {
        return std_read(vm, args);
    }
    s_read(vm, args)
}
