//! `bytes` and `bytearray`: construction, indexing, slice assignment and deletion,
//! concatenation and repetition, and CPython 3.14's full method sets. The algorithms live
//! in `crate::text::{bytes, bytes_split, hex}`; this file checks arguments with CPython's
//! messages (`Objects/bytesobject.c`, `Objects/bytearrayobject.c`,
//! `Objects/bytes_methods.c`) and boxes results in the receiver's type: a `bytearray`
//! method returns a new `bytearray`, a `bytes` method a `bytes`.

use std::borrow::Cow;

use compiler::ir::ops::BinOp;

use crate::args::Args;
use crate::builtins::list::{slice_indices, slice_positions};
use crate::builtins::str::{int_arg, params, pos_only, slice_bound, text_err};
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, convert, str_of};
use crate::text::{self, bytes as tb, bytes_split as ts};
use crate::types::bytes::{ByteArrayBody, BytesBody};
use crate::types::misc::SliceBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The bytes of a `bytes` or `bytearray` (or subclass payload).
pub fn bytes_data(v: Value) -> Option<Vec<u8>> {
    let v = ops::unwrap_payload(v);
    if let Some(b) = Gc::<BytesBody>::from_value(v) {
        return Some(b.body().data.to_vec());
    }
    Gc::<ByteArrayBody>::from_value(v).map(|b| b.body().data.lock().clone())
}

/// The bytes of any bytes-like object (bytes, bytearray, memoryview), else `None`.
pub fn bytes_like(vm: &mut Vm, v: Value) -> PyResult<Option<Vec<u8>>> {
    if let Some(d) = bytes_data(v) {
        return Ok(Some(d));
    }
    Ok(crate::builtins::memoryview::memoryview_bytes(vm, v))
}

pub fn new_bytes(vm: &mut Vm, data: Vec<u8>) -> Value {
    let ty = vm.rt.types.bytes;
    vm.alloc(
        ty,
        BytesBody {
            data: data.into_boxed_slice(),
        },
    )
    .value()
}

pub fn new_bytearray(vm: &mut Vm, data: Vec<u8>) -> Value {
    let ty = vm.rt.types.bytearray;
    vm.alloc(
        ty,
        ByteArrayBody {
            data: parking_lot::Mutex::new(data),
        },
    )
    .value()
}

fn is_bytearray(v: Value) -> bool {
    kind_of(ops::unwrap_payload(v)) == Some(ObjKind::ByteArray)
}

/// A result of the receiver's kind.
fn same_kind(vm: &mut Vm, recv: Value, data: Vec<u8>) -> Value {
    if is_bytearray(recv) {
        new_bytearray(vm, data)
    } else {
        new_bytes(vm, data)
    }
}

/// The `bytearray` body of `v` (exact or subclass payload).
fn bytearray_of(v: Value) -> Option<Gc<ByteArrayBody>> {
    Gc::<ByteArrayBody>::from_value(ops::unwrap_payload(v))
}

/// A byte value 0..=255 from an int-like ("byte must be in range(0, 256)").
fn byte_value(vm: &mut Vm, v: Value) -> PyResult<u8> {
    let i = convert::index_i64_clamped(vm, v)?;
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

/// Normalises an index into `len` items; `what` names the sequence in the message
/// ("index out of range" for bytes, "bytearray index out of range").
fn seq_index(vm: &mut Vm, key: Value, len: usize, array: bool) -> PyResult<usize> {
    if ops::int_of(key).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, key), "__index__").is_none()
    {
        let tn = ops::type_name(vm, key);
        let what = if array { "bytearray" } else { "byte" };
        return Err(vm.type_error(format!(
            "{what} indices must be integers or slices, not {tn}"
        )));
    }
    let i = convert::index_i64_clamped(vm, key)?;
    let n = len as i64;
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        let msg = if array {
            "bytearray index out of range"
        } else {
            "index out of range"
        };
        return Err(vm.index_error(msg));
    }
    Ok(j as usize)
}

/// `b[key]`.
pub fn bytes_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let data = bytes_data(obj).unwrap_or_default();
    let array = is_bytearray(obj);
    if let Some(sl) = Gc::<SliceBody>::from_value(key) {
        let (start, stop, step) = slice_indices(vm, &sl, data.len())?;
        let out: Vec<u8> = if step == 1 {
            if start >= stop {
                Vec::new()
            } else {
                data[start as usize..stop as usize].to_vec()
            }
        } else {
            slice_positions(start, stop, step)
                .into_iter()
                .map(|i| data[i])
                .collect()
        };
        return Ok(if array {
            new_bytearray(vm, out)
        } else {
            new_bytes(vm, out)
        });
    }
    let i = seq_index(vm, key, data.len(), array)?;
    Ok(Value::small_int(i64::from(data[i])))
}

/// The bytes a slice assignment stores ("can assign only bytes, buffers, or iterables of
/// ints in range(0, 256)").
fn assigned_bytes(vm: &mut Vm, value: Value) -> PyResult<Vec<u8>> {
    if let Some(d) = bytes_like(vm, value)? {
        return Ok(d);
    }
    if ops::int_of(value).is_some() || str_of(value).is_some() {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    let items = ops::iter::collect(vm, value).map_err(|_| {
        vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
    })?;
    let holder = vm.new_list(items.clone());
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        out.push(byte_value(vm, it)?);
    }
    std::hint::black_box(holder);
    Ok(out)
}

/// `bytearray[key] = value`.
pub fn bytearray_setitem(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let Some(b) = bytearray_of(obj) else {
        return Err(vm.type_error("'bytes' object does not support item assignment"));
    };
    if let Some(sl) = Gc::<SliceBody>::from_value(key) {
        let new = assigned_bytes(vm, value)?;
        let len = b.data.lock().len();
        let (start, stop, step) = slice_indices(vm, &sl, len)?;
        let mut data = b.data.lock();
        if step == 1 {
            let start = (start.max(0) as usize).min(data.len());
            let stop = (stop.max(0) as usize).clamp(start, data.len());
            data.splice(start..stop, new);
            return Ok(());
        }
        let positions = slice_positions(start, stop, step);
        if positions.len() != new.len() {
            drop(data);
            return Err(vm.value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {}",
                new.len(),
                positions.len()
            )));
        }
        for (p, v) in positions.into_iter().zip(new) {
            if let Some(slot) = data.get_mut(p) {
                *slot = v;
            }
        }
        return Ok(());
    }
    let len = b.data.lock().len();
    let i = seq_index(vm, key, len, true)?;
    let v = byte_value(vm, value)?;
    if let Some(slot) = b.data.lock().get_mut(i) {
        *slot = v;
    }
    Ok(())
}

/// `del bytearray[key]`.
pub fn bytearray_delitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<()> {
    let Some(b) = bytearray_of(obj) else {
        return Err(vm.type_error("'bytes' object doesn't support item deletion"));
    };
    let len = b.data.lock().len();
    if let Some(sl) = Gc::<SliceBody>::from_value(key) {
        let (start, stop, step) = slice_indices(vm, &sl, len)?;
        let mut positions = slice_positions(start, stop, step);
        positions.sort_unstable();
        let mut data = b.data.lock();
        let mut drop_at = positions.into_iter().peekable();
        let mut i = 0;
        data.retain(|_| {
            let keep = drop_at.peek() != Some(&i);
            if !keep {
                drop_at.next();
            }
            i += 1;
            keep
        });
        return Ok(());
    }
    let i = seq_index(vm, key, len, true)?;
    let mut data = b.data.lock();
    if i < data.len() {
        data.remove(i);
    }
    Ok(())
}

/// A search argument: a byte value (int) or a bytes-like object.
fn sub_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if ops::int_of(v).is_some() {
        return Ok(vec![byte_value(vm, v)?]);
    }
    match bytes_like(vm, v)? {
        Some(d) => Ok(d),
        None => {
            if ops::attr::lookup_type(vm, ops::type_of(vm, v), "__index__").is_some() {
                return Ok(vec![byte_value(vm, v)?]);
            }
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{tn}'"
            )))
        }
    }
}

/// A bytes-like argument ("a bytes-like object is required, not 'str'").
fn buffer_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match bytes_like(vm, v)? {
        Some(d) => Ok(d),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `x in b`.
pub fn bytes_contains(vm: &mut Vm, obj: Value, item: Value) -> PyResult<bool> {
    let data = bytes_data(obj).unwrap_or_default();
    if ops::int_of(item).is_some() {
        let b = byte_value(vm, item)?;
        return Ok(data.contains(&b));
    }
    let needle = buffer_arg(vm, item)?;
    Ok(tb::find(&data, &needle, None, None).is_some())
}

/// `bytearray += x` and `*=`.
pub fn bytearray_inplace(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let Some(arr) = bytearray_of(a) else {
        return Ok(None);
    };
    match op {
        BinOp::Add => {
            let Some(more) = bytes_like(vm, b)? else {
                let tn = ops::type_name(vm, b);
                return Err(vm.type_error(format!("can't concat {tn} to bytearray")));
            };
            arr.data.lock().extend(more);
        }
        BinOp::Mul => {
            let Some(n) = repeat_count(vm, b)? else {
                return Ok(None);
            };
            let cur = arr.data.lock().clone();
            if cur.len().saturating_mul(n) > (1 << 40) {
                return Err(vm.memory_error(""));
            }
            *arr.data.lock() = cur.repeat(n);
        }
        _ => return Ok(None),
    }
    Ok(Some(a))
}

fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<usize>> {
    if ops::int_of(n).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, n), "__index__").is_none()
    {
        return Ok(None);
    }
    let n = convert::index_i64_clamped(vm, n)?;
    Ok(Some(usize::try_from(n).unwrap_or(0)))
}

/// `+`, `*` and `%` on bytes and bytearray.
pub fn bytes_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let Some(x) = bytes_data(a) else {
        return Ok(None);
    };
    match op {
        BinOp::Add => match bytes_like(vm, b)? {
            Some(y) => {
                let mut out = x;
                out.extend(y);
                Ok(Some(same_kind(vm, a, out)))
            }
            None => {
                let tn = ops::type_name(vm, b);
                let an = if is_bytearray(a) {
                    "bytearray"
                } else {
                    "bytes"
                };
                Err(vm.type_error(format!("can't concat {tn} to {an}")))
            }
        },
        BinOp::Mul => {
            let Some(n) = repeat_count(vm, b)? else {
                let tn = ops::type_name(vm, b);
                return Err(
                    vm.type_error(format!("can't multiply sequence by non-int of type '{tn}'"))
                );
            };
            if x.len()
                .checked_mul(n)
                .is_none_or(|t| t > isize::MAX as usize)
            {
                return Err(vm.overflow_error("repeated bytes are too long"));
            }
            if x.len().saturating_mul(n) > (1 << 40) {
                return Err(vm.memory_error(""));
            }
            let out = x.repeat(n);
            Ok(Some(same_kind(vm, a, out)))
        }
        BinOp::Mod => {
            let out = crate::builtins::formatting::bytes_percent_format(vm, &x, b)?;
            Ok(Some(same_kind(vm, a, out)))
        }
        _ => Ok(None),
    }
}

// ---- construction -----------------------------------------------------------------------------

fn text_param(vm: &mut Vm, v: Option<Value>, fname: &str, what: &str) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) => match str_of(v) {
            Some(s) => Ok(Some(s.to_owned())),
            None => {
                let tn = crate::builtins::str::arg_type_name(vm, v);
                Err(vm.type_error(format!("{fname}() argument '{what}' must be str, not {tn}")))
            }
        },
    }
}

/// The contents `bytes(src, encoding, errors)` / `bytearray(...)` start with.
fn construct(
    vm: &mut Vm,
    fname: &str,
    src: Option<Value>,
    encoding: Option<Value>,
    errors: Option<Value>,
) -> PyResult<Vec<u8>> {
    let enc = text_param(vm, encoding, fname, "encoding")?;
    let errs = text_param(vm, errors, fname, "errors")?;
    let Some(src) = src else {
        if enc.is_some() || errs.is_some() {
            let msg = if enc.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            };
            return Err(vm.type_error(msg));
        }
        return Ok(Vec::new());
    };
    if let Some(s) = ops::str_wtf8(src) {
        let Some(enc) = enc else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        return crate::builtins::codecs::encode(vm, s, &enc, errs.as_deref().unwrap_or("strict"));
    }
    if enc.is_some() || errs.is_some() {
        let msg = if enc.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        };
        return Err(vm.type_error(msg));
    }
    bytes_from(vm, Some(src), None)
}

/// The contents `bytes(src)` starts with (no encoding: `src` is not a str).
pub fn bytes_from(vm: &mut Vm, src: Option<Value>, encoding: Option<Value>) -> PyResult<Vec<u8>> {
    let Some(src) = src else {
        return Ok(Vec::new());
    };
    if let Some(s) = ops::str_wtf8(src) {
        let Some(enc) = encoding.and_then(str_of) else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        return crate::builtins::codecs::encode(vm, s, enc, "strict");
    }
    if let Some(d) = bytes_like(vm, src)? {
        return Ok(d);
    }
    if let Some(r) = ops::call::call_special(vm, src, "__bytes__", &[])? {
        return match bytes_data(r) {
            Some(d) if kind_of(ops::unwrap_payload(r)) == Some(ObjKind::Bytes) => Ok(d),
            _ => {
                let tn = ops::type_name(vm, r);
                Err(vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")))
            }
        };
    }
    if ops::int_of(src).is_some()
        || ops::attr::lookup_type(vm, ops::type_of(vm, src), "__index__").is_some()
    {
        let n = convert::index_i64(vm, src).map_err(|e| {
            if ops::is_instance(vm, e.value(), vm.rt.exc.index_error) {
                vm.overflow_error("cannot fit 'int' into an index-sized integer")
            } else {
                e
            }
        })?;
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        if n > 1 << 40 {
            return Err(vm.memory_error(""));
        }
        return Ok(vec![0; n as usize]);
    }
    if ops::attr::lookup_type(vm, ops::type_of(vm, src), "__iter__").is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, src), "__getitem__").is_none()
    {
        let tn = ops::type_name(vm, src);
        return Err(vm.type_error(format!("cannot convert '{tn}' object to bytes")));
    }
    let items = ops::iter::collect(vm, src)?;
    let holder = vm.new_list(items.clone());
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let v = convert::index_i64_clamped(vm, it)?;
        match u8::try_from(v) {
            Ok(b) => out.push(b),
            Err(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
        }
    }
    std::hint::black_box(holder);
    Ok(out)
}

fn bytes_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(cls) = args
        .pos()
        .first()
        .and_then(|v| Gc::<TypeBody>::from_value(*v))
    else {
        return Err(vm.type_error("bytes.__new__(X): X is not a type object"));
    };
    let p = params(vm, args, "bytes", &["source", "encoding", "errors"], 0)?;
    let data = construct(vm, "bytes", p[0], p[1], p[2])?;
    let b = new_bytes(vm, data);
    if cls == vm.rt.types.bytes {
        return Ok(b);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, b))
}

fn bytearray_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(cls) = args
        .pos()
        .first()
        .and_then(|v| Gc::<TypeBody>::from_value(*v))
    else {
        return Err(vm.type_error("bytearray.__new__(X): X is not a type object"));
    };
    let b = new_bytearray(vm, Vec::new());
    if cls == vm.rt.types.bytearray {
        return Ok(b);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, b))
}

fn bytearray_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(arr) = args.values.first().and_then(|v| bytearray_of(*v)) else {
        return Err(vm.type_error("descriptor '__init__' requires a 'bytearray' object"));
    };
    let p = params(vm, args, "bytearray", &["source", "encoding", "errors"], 0)?;
    let data = construct(vm, "bytearray", p[0], p[1], p[2])?;
    *arr.data.lock() = data;
    Ok(Value::NONE)
}

// ---- methods ----------------------------------------------------------------------------------

/// The receiver's bytes, checking it is a bytes (or bytearray) object.
fn recv(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    let r = args.values.first().copied();
    match r.and_then(bytes_data) {
        Some(b) => Ok(b),
        None => {
            let tn = r.map_or_else(|| "NoneType".to_owned(), |v| ops::type_name(vm, v));
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytes' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn type_prefix(args: &Args) -> &'static str {
    if args.values.first().is_some_and(|v| is_bytearray(*v)) {
        "bytearray"
    } else {
        "bytes"
    }
}

fn ret(vm: &mut Vm, args: &Args, data: Vec<u8>) -> Value {
    same_kind(vm, args.values[0], data)
}

/// A method result that may be the receiver unchanged (a `bytes` receiver is returned as
/// is, as CPython does; a `bytearray` always gets a copy).
fn ret_cow(vm: &mut Vm, args: &Args, data: Cow<'_, [u8]>) -> Value {
    let r = args.values[0];
    if matches!(data, Cow::Borrowed(_))
        && kind_of(r) == Some(ObjKind::Bytes)
        && bytes_data(r).is_some_and(|d| d.len() == data.len())
    {
        return r;
    }
    same_kind(vm, r, data.into_owned())
}

fn list_of(vm: &mut Vm, args: &Args, parts: &[&[u8]]) -> Value {
    let vals: Vec<Value> = parts.iter().map(|p| ret(vm, args, p.to_vec())).collect();
    vm.new_list(vals)
}

fn b_decode(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "decode")?;
    let p = params(vm, args, "decode", &["encoding", "errors"], 0)?;
    let enc = text_param(vm, p[0], "decode", "encoding")?;
    let errs = text_param(vm, p[1], "decode", "errors")?;
    crate::builtins::codecs::decode(
        vm,
        &data,
        enc.as_deref().unwrap_or("utf-8"),
        errs.as_deref().unwrap_or("strict"),
    )
}

fn b_hex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "hex")?;
    let p = params(vm, args, "hex", &["sep", "bytes_per_sep"], 0)?;
    let sep_bytes;
    let sep = match p[0] {
        None => None,
        Some(v) => {
            if let Some(s) = str_of(v) {
                Some(text::hex::HexSep::Str(s))
            } else {
                match bytes_like(vm, v)? {
                    Some(b) => {
                        sep_bytes = b;
                        Some(text::hex::HexSep::Bytes(&sep_bytes))
                    }
                    None => {
                        let tn = ops::type_name(vm, v);
                        return Err(vm.type_error(format!("object of type '{tn}' has no len()")));
                    }
                }
            }
        }
    };
    let per = match p[1] {
        Some(v) => convert::index_i64_clamped(vm, v)?,
        None => 1,
    };
    let s = text::hex::hex(&data, sep, per).map_err(|e| text_err(vm, e))?;
    Ok(vm.new_string(s))
}

/// `hex()` of any bytes-like receiver (memoryview shares this).
pub fn hex_of(vm: &mut Vm, data: &[u8], args: &Args) -> PyResult<Value> {
    let tmp = new_bytes(vm, data.to_vec());
    let mut vals = vec![tmp];
    vals.extend_from_slice(&args.values[1..]);
    b_hex(vm, &Args::new(&vals, args.kwnames))
}

fn b_fromhex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "fromhex", 2, 2)?;
    let cls = Gc::<TypeBody>::from_value(a[0]);
    let data = if let Some(s) = str_of(a[1]) {
        text::hex::fromhex_str(s)
    } else if let Some(b) = bytes_like(vm, a[1])? {
        text::hex::fromhex_bytes(&b)
    } else {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!(
            "fromhex() argument must be str or bytes-like, not {tn}"
        )));
    };
    let data = data.map_err(|e| text_err(vm, e))?;
    match cls {
        Some(c) if c == vm.rt.types.bytes => Ok(new_bytes(vm, data)),
        Some(c) if c == vm.rt.types.bytearray => Ok(new_bytearray(vm, data)),
        Some(c) => {
            let b = new_bytes(vm, data);
            ops::call::call(vm, c.value(), &[b])
        }
        None => Ok(new_bytes(vm, data)),
    }
}

fn b_join(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let sep = recv(vm, args, "join")?;
    let a = pos_only(vm, args, "join", 1, 1)?;
    let items = ops::iter::collect(vm, a[0]).map_err(|e| {
        if ops::attr::lookup_type(vm, ops::type_of(vm, a[0]), "__iter__").is_none() {
            vm.type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    let holder = vm.new_list(items.clone());
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(d) = bytes_like(vm, *it)? else {
            let tn = ops::type_name(vm, *it);
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {tn} found"
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(d);
    }
    std::hint::black_box(holder);
    Ok(ret(vm, args, out))
}

/// The receiver's bytes, the needle, and the `start`/`end` bounds.
type SearchArgs = (Vec<u8>, Vec<u8>, Option<i64>, Option<i64>);

/// `sub[, start[, end]]` of the search methods.
fn search_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<SearchArgs> {
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 1, 3)?;
    let sub = sub_arg(vm, a[0])?;
    let start = slice_bound(vm, a.get(1).copied())?;
    let end = slice_bound(vm, a.get(2).copied())?;
    Ok((data, sub, start, end))
}

fn b_find(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, s, a, b) = search_args(vm, args, "find")?;
    Ok(vm.new_int(tb::find(&d, &s, a, b).map_or(-1, |i| i as i64)))
}
fn b_rfind(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, s, a, b) = search_args(vm, args, "rfind")?;
    Ok(vm.new_int(tb::rfind(&d, &s, a, b).map_or(-1, |i| i as i64)))
}
fn b_index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, s, a, b) = search_args(vm, args, "index")?;
    let i = tb::index(&d, &s, a, b).map_err(|e| text_err(vm, e))?;
    Ok(vm.new_int(i as i64))
}
fn b_rindex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, s, a, b) = search_args(vm, args, "rindex")?;
    let i = tb::rindex(&d, &s, a, b).map_err(|e| text_err(vm, e))?;
    Ok(vm.new_int(i as i64))
}
fn b_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (d, s, a, b) = search_args(vm, args, "count")?;
    Ok(vm.new_int(tb::count(&d, &s, a, b) as i64))
}

fn affix(vm: &mut Vm, args: &Args, name: &str, end: bool) -> PyResult<Value> {
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 1, 3)?;
    let start = slice_bound(vm, a.get(1).copied())?;
    let stop = slice_bound(vm, a.get(2).copied())?;
    let test = |p: &[u8]| {
        if end {
            tb::endswith(&data, p, start, stop)
        } else {
            tb::startswith(&data, p, start, stop)
        }
    };
    if let Some(items) = ops::tuple_items(a[0]) {
        for &c in items {
            let Some(p) = bytes_like(vm, c)? else {
                let tn = ops::type_name(vm, c);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
            };
            if test(&p) {
                return Ok(Value::TRUE);
            }
        }
        return Ok(Value::FALSE);
    }
    let Some(p) = bytes_like(vm, a[0])? else {
        let tn = ops::type_name(vm, a[0]);
        return Err(vm.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {tn}"
        )));
    };
    Ok(Value::from_bool(test(&p)))
}

fn b_startswith(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    affix(vm, args, "startswith", false)
}
fn b_endswith(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    affix(vm, args, "endswith", true)
}

fn opt_sep(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<Vec<u8>>> {
    match v.filter(|v| !v.is_none()) {
        Some(v) => buffer_arg(vm, v).map(Some),
        None => Ok(None),
    }
}

fn split_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let name = if right { "rsplit" } else { "split" };
    let data = recv(vm, args, name)?;
    let p = params(vm, args, name, &["sep", "maxsplit"], 0)?;
    let sep = opt_sep(vm, p[0])?;
    let maxsplit = match p[1] {
        Some(m) => convert::index_i64(vm, m)?,
        None => -1,
    };
    let parts = if right {
        ts::rsplit(&data, sep.as_deref(), maxsplit)
    } else {
        ts::split(&data, sep.as_deref(), maxsplit)
    };
    let parts = parts.map_err(|e| text_err(vm, e))?;
    Ok(list_of(vm, args, &parts))
}

fn b_split(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    split_impl(vm, args, false)
}
fn b_rsplit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    split_impl(vm, args, true)
}

fn b_splitlines(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "splitlines")?;
    let p = params(vm, args, "splitlines", &["keepends"], 0)?;
    let keep = match p[0] {
        Some(k) => ops::truthy(vm, k)?,
        None => false,
    };
    let parts = ts::splitlines(&data, keep);
    Ok(list_of(vm, args, &parts))
}

fn partition_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let name = if right { "rpartition" } else { "partition" };
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 1, 1)?;
    let sep = buffer_arg(vm, a[0])?;
    let parts = if right {
        ts::rpartition(&data, &sep)
    } else {
        ts::partition(&data, &sep)
    };
    let parts = parts.map_err(|e| text_err(vm, e))?;
    let (x, y, z) = (parts.0.to_vec(), parts.1.to_vec(), parts.2.to_vec());
    let vals = vec![ret(vm, args, x), ret(vm, args, y), ret(vm, args, z)];
    Ok(vm.new_tuple(vals))
}

fn b_partition(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    partition_impl(vm, args, false)
}
fn b_rpartition(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

fn strip_impl(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 0, 1)?;
    let chars = opt_sep(vm, a.first().copied())?;
    let out = match name {
        "lstrip" => ts::lstrip(&data, chars.as_deref()),
        "rstrip" => ts::rstrip(&data, chars.as_deref()),
        _ => ts::strip(&data, chars.as_deref()),
    };
    Ok(ret_cow(vm, args, Cow::Borrowed(out)))
}

fn b_strip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, "strip")
}
fn b_lstrip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip")
}
fn b_rstrip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip")
}

fn remove_affix(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 1, 1)?;
    let p = buffer_arg(vm, a[0])?;
    let out = if name == "removeprefix" {
        ts::removeprefix(&data, &p)
    } else {
        ts::removesuffix(&data, &p)
    };
    Ok(ret_cow(vm, args, Cow::Borrowed(out)))
}

fn b_removeprefix(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    remove_affix(vm, args, "removeprefix")
}
fn b_removesuffix(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    remove_affix(vm, args, "removesuffix")
}

fn b_replace(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "replace")?;
    let rest = args.pos().len().saturating_sub(1);
    if rest < 2 {
        return Err(vm.type_error(format!(
            "replace() takes at least 2 positional arguments ({rest} given)"
        )));
    }
    let p = params(vm, args, "replace", &["old", "new", "count"], 2)?;
    let (Some(old), Some(new)) = (p[0], p[1]) else {
        return Err(vm.type_error("replace() takes at least 2 positional arguments (0 given)"));
    };
    let old = buffer_arg(vm, old)?;
    let new = buffer_arg(vm, new)?;
    let count = match p[2] {
        Some(c) => convert::index_i64(vm, c)?,
        None => -1,
    };
    let out = tb::replace(&data, &old, &new, count).map_err(|e| text_err(vm, e))?;
    Ok(ret(vm, args, out))
}

fn pad_impl(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let data = recv(vm, args, name)?;
    let a = pos_only(vm, args, name, 1, 2)?;
    let width = int_arg(vm, a[0])?;
    let fill = match a.get(1) {
        None => b' ',
        Some(&f) => match bytes_data(f) {
            Some(d) if d.len() == 1 => d[0],
            _ => {
                let tn = ops::type_name(vm, f);
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {tn}"
                )));
            }
        },
    };
    let out = match name {
        "ljust" => ts::ljust(&data, width, fill),
        "rjust" => ts::rjust(&data, width, fill),
        _ => ts::center(&data, width, fill),
    };
    let out = out.map_err(|e| text_err(vm, e))?;
    Ok(ret_cow(vm, args, out))
}

fn b_center(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "center")
}
fn b_ljust(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "ljust")
}
fn b_rjust(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "rjust")
}

fn b_zfill(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "zfill")?;
    let a = pos_only(vm, args, "zfill", 1, 1)?;
    let width = int_arg(vm, a[0])?;
    let out = ts::zfill(&data, width).map_err(|e| text_err(vm, e))?;
    Ok(ret_cow(vm, args, out))
}

fn b_expandtabs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "expandtabs")?;
    let p = params(vm, args, "expandtabs", &["tabsize"], 0)?;
    let size = match p[0] {
        Some(t) => convert::index_i64(vm, t)?,
        None => 8,
    };
    let out = ts::expandtabs(&data, size).map_err(|e| text_err(vm, e))?;
    Ok(ret_cow(vm, args, out))
}

fn no_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    if args.values.len() != 1 || args.has_kwargs() {
        let n = args.values.len() - 1;
        let tp = type_prefix(args);
        return Err(vm.type_error(format!("{tp}.{name}() takes no arguments ({n} given)")));
    }
    Ok(())
}

macro_rules! bytes_case {
    ($fname:ident, $name:literal, $f:path) => {
        fn $fname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let data = recv(vm, args, $name)?;
            no_args(vm, args, $name)?;
            let out = $f(&data);
            Ok(ret(vm, args, out))
        }
    };
}

bytes_case!(b_upper, "upper", tb::upper);
bytes_case!(b_lower, "lower", tb::lower);
bytes_case!(b_swapcase, "swapcase", tb::swapcase);
bytes_case!(b_capitalize, "capitalize", tb::capitalize);
bytes_case!(b_title, "title", tb::title);

macro_rules! bytes_pred {
    ($fname:ident, $name:literal, $f:path) => {
        fn $fname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let data = recv(vm, args, $name)?;
            no_args(vm, args, $name)?;
            Ok(Value::from_bool($f(&data)))
        }
    };
}

bytes_pred!(b_isalnum, "isalnum", tb::isalnum);
bytes_pred!(b_isalpha, "isalpha", tb::isalpha);
bytes_pred!(b_isdigit, "isdigit", tb::isdigit);
bytes_pred!(b_isspace, "isspace", tb::isspace);
bytes_pred!(b_isascii, "isascii", tb::isascii);
bytes_pred!(b_islower, "islower", tb::islower);
bytes_pred!(b_isupper, "isupper", tb::isupper);
bytes_pred!(b_istitle, "istitle", tb::istitle);

fn b_translate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "translate")?;
    let p = params(vm, args, "translate", &["table", "delete"], 1)?;
    let Some(table) = p[0] else {
        return Err(vm.type_error("translate() takes at least 1 positional argument (0 given)"));
    };
    let table = if table.is_none() {
        None
    } else {
        Some(buffer_arg(vm, table)?)
    };
    let delete = match p[1] {
        Some(d) => buffer_arg(vm, d)?,
        None => Vec::new(),
    };
    let out = tb::translate(&data, table.as_deref(), &delete).map_err(|e| text_err(vm, e))?;
    Ok(ret(vm, args, out))
}

fn b_maketrans(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "maketrans")?;
    let a = args.pos();
    if a.len() != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {}", a.len())));
    }
    let from = buffer_arg(vm, a[0])?;
    let to = buffer_arg(vm, a[1])?;
    let table = tb::maketrans(&from, &to).map_err(|e| text_err(vm, e))?;
    Ok(new_bytes(vm, table))
}

fn b_getnewargs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "__getnewargs__")?;
    let b = new_bytes(vm, data);
    Ok(vm.new_tuple(vec![b]))
}

fn b_bytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = recv(vm, args, "__bytes__")?;
    let r = args.values[0];
    if kind_of(r) == Some(ObjKind::Bytes) {
        return Ok(r);
    }
    Ok(new_bytes(vm, data))
}

// ---- bytearray mutators -------------------------------------------------------------------------

fn self_array(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Gc<ByteArrayBody>> {
    match args.values.first().and_then(|v| bytearray_of(*v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytearray' object"))),
    }
}

fn ba_append(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "append")?;
    let a = pos_only(vm, args, "append", 1, 1)?;
    let b = byte_value(vm, a[0])?;
    arr.data.lock().push(b);
    Ok(Value::NONE)
}

fn ba_extend(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "extend")?;
    let a = pos_only(vm, args, "extend", 1, 1)?;
    let src = a[0];
    let more = if let Some(d) = bytes_like(vm, src)? {
        d
    } else if str_of(src).is_some() {
        return Err(vm.type_error("expected iterable of integers; got: 'str'"));
    } else {
        if ops::attr::lookup_type(vm, ops::type_of(vm, src), "__iter__").is_none()
            && ops::attr::lookup_type(vm, ops::type_of(vm, src), "__getitem__").is_none()
        {
            let tn = ops::type_name(vm, src);
            return Err(vm.type_error(format!("can't extend bytearray with {tn}")));
        }
        let items = ops::iter::collect(vm, src)?;
        let holder = vm.new_list(items.clone());
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            out.push(byte_value(vm, it)?);
        }
        std::hint::black_box(holder);
        out
    };
    arr.data.lock().extend(more);
    Ok(Value::NONE)
}

fn ba_insert(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "insert")?;
    let a = pos_only(vm, args, "insert", 2, 2)?;
    let i = convert::index_i64_clamped(vm, a[0])?;
    let b = byte_value(vm, a[1])?;
    let mut data = arr.data.lock();
    let n = data.len() as i64;
    let at = if i < 0 {
        (i.saturating_add(n)).max(0)
    } else {
        i.min(n)
    };
    data.insert(at as usize, b);
    Ok(Value::NONE)
}

fn ba_pop(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "pop")?;
    let a = pos_only(vm, args, "pop", 0, 1)?;
    let i = match a.first() {
        Some(&v) => convert::index_i64_clamped(vm, v)?,
        None => -1,
    };
    let mut data = arr.data.lock();
    if data.is_empty() {
        drop(data);
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let n = data.len() as i64;
    let at = if i < 0 { i.saturating_add(n) } else { i };
    if at < 0 || at >= n {
        drop(data);
        return Err(vm.index_error("pop index out of range"));
    }
    let b = data.remove(at as usize);
    Ok(Value::small_int(i64::from(b)))
}

fn ba_remove(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "remove")?;
    let a = pos_only(vm, args, "remove", 1, 1)?;
    let b = byte_value(vm, a[0])?;
    let mut data = arr.data.lock();
    match data.iter().position(|&x| x == b) {
        Some(i) => {
            data.remove(i);
            Ok(Value::NONE)
        }
        None => {
            drop(data);
            Err(vm.value_error("value not found in bytearray"))
        }
    }
}

fn ba_reverse(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "reverse")?;
    no_args(vm, args, "reverse")?;
    arr.data.lock().reverse();
    Ok(Value::NONE)
}

fn ba_clear(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "clear")?;
    no_args(vm, args, "clear")?;
    arr.data.lock().clear();
    Ok(Value::NONE)
}

fn ba_copy(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "copy")?;
    no_args(vm, args, "copy")?;
    let data = arr.data.lock().clone();
    Ok(new_bytearray(vm, data))
}

fn ba_setitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__setitem__", 3, 3)?;
    bytearray_setitem(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn ba_delitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__delitem__", 2, 2)?;
    bytearray_delitem(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn ba_iadd(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__iadd__", 2, 2)?;
    Ok(bytearray_inplace(vm, a[0], a[1], BinOp::Add)?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn ba_imul(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__imul__", 2, 2)?;
    Ok(bytearray_inplace(vm, a[0], a[1], BinOp::Mul)?.unwrap_or(Value::NOT_IMPLEMENTED))
}

fn ba_alloc(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let arr = self_array(vm, args, "__alloc__")?;
    let n = arr.data.lock().capacity().max(arr.data.lock().len() + 1);
    Ok(vm.new_int(n as i64))
}

/// Methods shared by `bytes` and `bytearray`.
macro_rules! shared_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            $($extra,)*
            method("decode", b_decode),
            method("hex", b_hex),
            classmethod("fromhex", b_fromhex),
            method("join", b_join),
            method("find", b_find),
            method("rfind", b_rfind),
            method("index", b_index),
            method("rindex", b_rindex),
            method("count", b_count),
            method("startswith", b_startswith),
            method("endswith", b_endswith),
            method("split", b_split),
            method("rsplit", b_rsplit),
            method("splitlines", b_splitlines),
            method("partition", b_partition),
            method("rpartition", b_rpartition),
            method("strip", b_strip),
            method("lstrip", b_lstrip),
            method("rstrip", b_rstrip),
            method("removeprefix", b_removeprefix),
            method("removesuffix", b_removesuffix),
            method("replace", b_replace),
            method("center", b_center),
            method("ljust", b_ljust),
            method("rjust", b_rjust),
            method("zfill", b_zfill),
            method("expandtabs", b_expandtabs),
            method("upper", b_upper),
            method("lower", b_lower),
            method("swapcase", b_swapcase),
            method("capitalize", b_capitalize),
            method("title", b_title),
            method("isalnum", b_isalnum),
            method("isalpha", b_isalpha),
            method("isdigit", b_isdigit),
            method("isspace", b_isspace),
            method("isascii", b_isascii),
            method("islower", b_islower),
            method("isupper", b_isupper),
            method("istitle", b_istitle),
            method("translate", b_translate),
            staticmethod("maketrans", b_maketrans),
        ]
    };
}

pub const BYTES_METHODS: &[MethodDef] = shared_methods![
    staticmethod("__new__", bytes_new),
    method("__getnewargs__", b_getnewargs),
    method("__bytes__", b_bytes),
];

pub const BYTEARRAY_METHODS: &[MethodDef] = shared_methods![
    staticmethod("__new__", bytearray_new),
    method("__init__", bytearray_init),
    method("append", ba_append),
    method("extend", ba_extend),
    method("insert", ba_insert),
    method("pop", ba_pop),
    method("remove", ba_remove),
    method("reverse", ba_reverse),
    method("clear", ba_clear),
    method("copy", ba_copy),
    method("__setitem__", ba_setitem),
    method("__delitem__", ba_delitem),
    method("__iadd__", ba_iadd),
    method("__imul__", ba_imul),
    method("__alloc__", ba_alloc),
];
