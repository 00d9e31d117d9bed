//! `str`, `bytes` and `bytearray`: indexing, concatenation, `%`-formatting and methods.
//! The text algorithms themselves belong in `crate::text`; until every method moves there,
//! the simpler ones are written against Rust's `str`.

use compiler::ir::ops::BinOp;

use crate::args::Args;
use crate::builtins::list::{normalize_index, slice_indices, slice_positions};
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, convert, str_of};
use crate::types::bytes::{ByteArrayBody, BytesBody};
use crate::types::misc::SliceBody;
use crate::types::str::StrBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// A one-character str (ASCII ones interned).
pub fn char_value(vm: &mut Vm, c: char) -> Value {
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    if c.is_ascii() { vm.intern(s) } else { vm.new_str(s) }
}

/// `s[key]`.
pub fn str_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let s = Gc::<StrBody>::from_value(obj).expect("str");
    if let Some(sl) = Gc::<SliceBody>::from_value(key) {
        let (start, stop, step) = slice_indices(vm, &sl, s.char_len())?;
        if step == 1 {
            if start >= stop {
                return Ok(vm.intern(""));
            }
            let (a, b) = (s.byte_offset(start as usize), s.byte_offset(stop as usize));
            let text = s.body().as_str()[a..b].to_owned();
            return Ok(vm.new_string(text));
        }
        let chars: Vec<char> = s.as_str().chars().collect();
        let out: String = slice_positions(start, stop, step).into_iter().map(|i| chars[i]).collect();
        return Ok(vm.new_string(out));
    }
    if ops::int_of(key).is_none() && ops::attr::lookup_type(vm, ops::type_of(vm, key), "__index__").is_none() {
        let tn = ops::type_name(vm, key);
        return Err(vm.type_error(format!("string indices must be integers, not '{tn}'")));
    }
    let i = normalize_index(vm, key, s.char_len(), "string")?;
    let c = s.char_at(i);
    Ok(char_value(vm, c))
}

/// The bytes of a `bytes` or `bytearray` (or subclass payload).
pub fn bytes_data(v: Value) -> Option<Vec<u8>> {
    let v = ops::unwrap_payload(v);
    if let Some(b) = Gc::<BytesBody>::from_value(v) {
        return Some(b.data.to_vec());
    }
    Gc::<ByteArrayBody>::from_value(v).map(|b| b.data.lock().clone())
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
    vm.alloc(ty, BytesBody { data: data.into_boxed_slice() }).value()
}

pub fn new_bytearray(vm: &mut Vm, data: Vec<u8>) -> Value {
    let ty = vm.rt.types.bytearray;
    vm.alloc(ty, ByteArrayBody { data: parking_lot::Mutex::new(data) }).value()
}

/// `b[key]`.
pub fn bytes_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Value> {
    let data = bytes_data(obj).unwrap_or_default();
    let is_array = kind_of(obj) == Some(ObjKind::ByteArray);
    if let Some(sl) = Gc::<SliceBody>::from_value(key) {
        let (start, stop, step) = slice_indices(vm, &sl, data.len())?;
        let out: Vec<u8> = slice_positions(start, stop, step).into_iter().map(|i| data[i]).collect();
        return Ok(if is_array { new_bytearray(vm, out) } else { new_bytes(vm, out) });
    }
    let what = if is_array { "bytearray" } else { "index" };
    let i = normalize_index(vm, key, data.len(), what)?;
    Ok(Value::small_int(data[i] as i64))
}

/// `bytearray[key] = value`.
pub fn bytearray_setitem(vm: &mut Vm, obj: Value, key: Value, value: Value) -> PyResult<()> {
    let b = Gc::<ByteArrayBody>::from_value(obj).expect("bytearray");
    let len = b.data.lock().len();
    let i = normalize_index(vm, key, len, "bytearray")?;
    let v = convert::index_i64(vm, value)?;
    if !(0..256).contains(&v) {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    b.data.lock()[i] = v as u8;
    Ok(())
}

/// `x in b`.
pub fn bytes_contains(vm: &mut Vm, obj: Value, item: Value) -> PyResult<bool> {
    let data = bytes_data(obj).unwrap_or_default();
    if let Some(i) = ops::int_of(item) {
        let v = match i {
            ops::IntRef::Small(v) => v,
            ops::IntRef::Big(_) => -1,
        };
        if !(0..256).contains(&v) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        return Ok(data.contains(&(v as u8)));
    }
    match bytes_like(vm, item)? {
        Some(needle) => Ok(needle.is_empty() || data.windows(needle.len()).any(|w| w == needle)),
        None => {
            let tn = ops::type_name(vm, item);
            Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `bytearray += x` and `*=`.
pub fn bytearray_inplace(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let arr = Gc::<ByteArrayBody>::from_value(a).expect("bytearray");
    match op {
        BinOp::Add => {
            let Some(more) = bytes_like(vm, b)? else {
                return Ok(None);
            };
            arr.data.lock().extend(more);
        }
        _ => {
            let n = convert::index_i64(vm, b)?.max(0) as usize;
            let cur = arr.data.lock().clone();
            *arr.data.lock() = cur.repeat(n);
        }
    }
    Ok(Some(a))
}

/// `+`, `*` and `%` on str and bytes.
pub fn str_binary(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    if let Some(x) = str_of(a) {
        return match op {
            BinOp::Add => match str_of(b) {
                Some(y) => {
                    let mut s = String::with_capacity(x.len() + y.len());
                    s.push_str(x);
                    s.push_str(y);
                    Ok(Some(vm.new_string(s)))
                }
                None => {
                    let tn = ops::type_name(vm, b);
                    Err(vm.type_error(format!("can only concatenate str (not \"{tn}\") to str")))
                }
            },
            BinOp::Mul => {
                let Some(n) = ops::int_of(b) else {
                    return Ok(None);
                };
                let n = match n {
                    ops::IntRef::Small(n) => n.max(0) as usize,
                    ops::IntRef::Big(b) => {
                        if b.sign() == num_bigint::Sign::Minus {
                            0
                        } else {
                            usize::MAX
                        }
                    }
                };
                if x.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
                    return Err(vm.overflow_error("repeated string is too long"));
                }
                Ok(Some(vm.new_string(x.repeat(n))))
            }
            BinOp::Mod => crate::builtins::functions::percent_format(vm, a, b).map(Some),
            _ => Ok(None),
        };
    }
    let Some(x) = bytes_data(a) else {
        return Ok(None);
    };
    let is_array = kind_of(a) == Some(ObjKind::ByteArray);
    match op {
        BinOp::Add => match bytes_like(vm, b)? {
            Some(y) => {
                let mut out = x;
                out.extend(y);
                Ok(Some(if is_array { new_bytearray(vm, out) } else { new_bytes(vm, out) }))
            }
            None => {
                let tn = ops::type_name(vm, b);
                Err(vm.type_error(format!("can't concat {tn} to {}", ops::type_name(vm, a))))
            }
        },
        BinOp::Mul => {
            let Some(n) = ops::int_of(b) else {
                return Ok(None);
            };
            let n = match n {
                ops::IntRef::Small(n) => n.max(0) as usize,
                ops::IntRef::Big(_) => return Err(vm.overflow_error("repeated bytes are too long")),
            };
            if x.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
                return Err(vm.memory_error(""));
            }
            let out = x.repeat(n);
            Ok(Some(if is_array { new_bytearray(vm, out) } else { new_bytes(vm, out) }))
        }
        BinOp::Mod => {
            let out = crate::builtins::formatting::bytes_percent_format(vm, &x, b)?;
            Ok(Some(if is_array { new_bytearray(vm, out) } else { new_bytes(vm, out) }))
        }
        _ => Ok(None),
    }
}

// ---- str methods ------------------------------------------------------------------------

fn self_str<'a>(vm: &mut Vm, args: &Args, name: &str) -> PyResult<&'a str> {
    match args.values.first().and_then(|v| str_of(*v)) {
        Some(s) => Ok(s),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'str' object"))),
    }
}

fn str_arg<'a>(vm: &mut Vm, v: Value, fname: &str, n: usize) -> PyResult<&'a str> {
    match str_of(v) {
        Some(s) => Ok(s),
        None => {
            let tn = ops::type_name(vm, v);
            let _ = n;
            Err(vm.type_error(format!("{fname}() argument must be str, not {tn}")))
        }
    }
}

fn str_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "str", &["object", "encoding", "errors"])?;
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    let obj = pos.get(1).copied().or(args.kwarg("object"));
    let encoding = pos.get(2).copied().or(args.kwarg("encoding"));
    let errors = pos.get(3).copied().or(args.kwarg("errors"));
    let s = match obj {
        None => vm.intern(""),
        Some(o) if encoding.is_some() || errors.is_some() => {
            let Some(data) = bytes_like(vm, o)? else {
                let tn = ops::type_name(vm, o);
                return Err(vm.type_error(format!("decoding to str: need a bytes-like object, {tn} found")));
            };
            let enc = encoding.and_then(str_of).unwrap_or("utf-8").to_owned();
            let errs = errors.and_then(str_of).unwrap_or("strict").to_owned();
            decode(vm, &data, &enc, &errs)?
        }
        Some(o) => ops::repr::str(vm, o)?,
    };
    if cls == vm.rt.types.str {
        return Ok(s);
    }
    let text = str_of(s).unwrap_or("").to_owned();
    let payload = vm.new_string(text);
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, payload))
}

/// Decodes bytes with one of the codecs the runtime knows.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult<Value> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    let text = match enc.as_str() {
        "utf-8" | "utf8" | "u8" => match std::str::from_utf8(data) {
            Ok(s) => s.to_owned(),
            Err(e) if errors == "strict" => {
                let pos = e.valid_up_to();
                return Err(vm.new_error(
                    vm.rt.exc.unicode_decode_error,
                    format!(
                        "'utf-8' codec can't decode byte {:#04x} in position {pos}: invalid start byte",
                        data[pos]
                    ),
                ));
            }
            Err(_) => String::from_utf8_lossy(data).into_owned(),
        },
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => data.iter().map(|&b| b as char).collect(),
        "ascii" | "us-ascii" => {
            if let Some(pos) = data.iter().position(|b| !b.is_ascii()) {
                if errors == "strict" {
                    return Err(vm.new_error(
                        vm.rt.exc.unicode_decode_error,
                        format!(
                            "'ascii' codec can't decode byte {:#04x} in position {pos}: ordinal not in range(128)",
                            data[pos]
                        ),
                    ));
                }
                data.iter().map(|&b| if b.is_ascii() { b as char } else { '\u{FFFD}' }).collect()
            } else {
                data.iter().map(|&b| b as char).collect()
            }
        }
        _ => return Err(vm.new_error(vm.rt.exc.lookup_error, format!("unknown encoding: {encoding}"))),
    };
    Ok(vm.new_string(text))
}

/// Encodes text with one of the codecs the runtime knows.
pub fn encode(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" | "u8" => Ok(text.as_bytes().to_vec()),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "ascii" | "us-ascii" => {
            let limit = if enc.contains("ascii") { 128 } else { 256 };
            let name = if limit == 128 { "ascii" } else { "latin-1" };
            let mut out = Vec::with_capacity(text.len());
            for (i, c) in text.chars().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u8);
                } else if errors == "strict" {
                    return Err(vm.new_error(
                        vm.rt.exc.unicode_encode_error,
                        format!(
                            "'{name}' codec can't encode character '\\u{:04x}' in position {i}: ordinal not in range({limit})",
                            c as u32
                        ),
                    ));
                } else if errors == "replace" {
                    out.push(b'?');
                }
            }
            Ok(out)
        }
        _ => Err(vm.new_error(vm.rt.exc.lookup_error, format!("unknown encoding: {encoding}"))),
    }
}

fn m_encode(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "encode")?;
    args.only_kwargs(vm, "encode", &["encoding", "errors"])?;
    let enc = args.pos().get(1).copied().or(args.kwarg("encoding")).and_then(str_of).unwrap_or("utf-8").to_owned();
    let errs = args.pos().get(2).copied().or(args.kwarg("errors")).and_then(str_of).unwrap_or("strict").to_owned();
    let data = encode(vm, s, &enc, &errs)?;
    Ok(new_bytes(vm, data))
}

fn m_join(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let sep = self_str(vm, args, "join")?;
    let a = args.range(vm, "str.join", 2, 2).map_err(|_| vm.type_error("str.join() takes exactly one argument"))?;
    let items = ops::iter::collect(vm, a[1])?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let Some(s) = str_of(*item) else {
            let tn = ops::type_name(vm, *item);
            return Err(vm.type_error(format!("sequence item {i}: expected str instance, {tn} found")));
        };
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(s);
    }
    Ok(vm.new_string(out))
}

fn split_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let name = if right { "rsplit" } else { "split" };
    let s = self_str(vm, args, name)?;
    args.only_kwargs(vm, name, &["sep", "maxsplit"])?;
    let sep = args.pos().get(1).copied().or(args.kwarg("sep")).filter(|v| !v.is_none());
    let maxsplit = match args.pos().get(2).copied().or(args.kwarg("maxsplit")) {
        Some(m) => convert::index_i64(vm, m)?,
        None => -1,
    };
    let limit = if maxsplit < 0 { usize::MAX } else { maxsplit as usize };
    let parts: Vec<String> = match sep {
        Some(sep) => {
            let sep = str_arg(vm, sep, name, 1)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if right {
                let mut v: Vec<String> = s.rsplitn(limit.saturating_add(1), sep).map(str::to_owned).collect();
                v.reverse();
                v
            } else {
                s.splitn(limit.saturating_add(1), sep).map(str::to_owned).collect()
            }
        }
        None => whitespace_split(s, limit, right),
    };
    let vals: Vec<Value> = parts.into_iter().map(|p| vm.new_string(p)).collect();
    Ok(vm.new_list(vals))
}

fn whitespace_split(s: &str, limit: usize, right: bool) -> Vec<String> {
    let mut out = Vec::new();
    if right {
        let mut rest = s.trim_end();
        while !rest.is_empty() {
            if out.len() == limit {
                out.push(rest.to_owned());
                break;
            }
            match rest.rfind(char::is_whitespace) {
                Some(i) => {
                    let w = rest[i..].chars().next().map_or(1, char::len_utf8);
                    out.push(rest[i + w..].to_owned());
                    rest = rest[..i].trim_end();
                }
                None => {
                    out.push(rest.to_owned());
                    break;
                }
            }
        }
        out.reverse();
    } else {
        let mut rest = s.trim_start();
        while !rest.is_empty() {
            if out.len() == limit {
                out.push(rest.to_owned());
                break;
            }
            match rest.find(char::is_whitespace) {
                Some(i) => {
                    out.push(rest[..i].to_owned());
                    rest = rest[i..].trim_start();
                }
                None => {
                    out.push(rest.to_owned());
                    break;
                }
            }
        }
    }
    out
}

fn m_split(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    split_impl(vm, args, false)
}

fn m_rsplit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    split_impl(vm, args, true)
}

fn strip_impl(vm: &mut Vm, args: &Args, left: bool, right: bool, name: &str) -> PyResult<Value> {
    let s = self_str(vm, args, name)?;
    let a = args.range(vm, name, 1, 2)?;
    let chars: Option<Vec<char>> = match a.get(1).copied().filter(|v| !v.is_none()) {
        Some(c) => Some(str_arg(vm, c, name, 1)?.chars().collect()),
        None => None,
    };
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut t = s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    let t = t.to_owned();
    Ok(vm.new_string(t))
}

fn m_strip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, true, true, "strip")
}
fn m_lstrip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, true, false, "lstrip")
}
fn m_rstrip(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    strip_impl(vm, args, false, true, "rstrip")
}

fn m_replace(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "replace")?;
    let a = args.range(vm, "replace", 3, 4)?;
    let old = str_arg(vm, a[1], "replace", 1)?;
    let new = str_arg(vm, a[2], "replace", 2)?;
    let count = match a.get(3).copied().or(args.kwarg("count")) {
        Some(c) => convert::index_i64(vm, c)?,
        None => -1,
    };
    let out = if count < 0 {
        if old.is_empty() {
            let mut o = String::from(new);
            for c in s.chars() {
                o.push(c);
                o.push_str(new);
            }
            o
        } else {
            s.replace(old, new)
        }
    } else if old.is_empty() {
        let mut o = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < count {
                o.push_str(new);
                n += 1;
            }
            o.push(c);
        }
        if n < count {
            o.push_str(new);
        }
        o
    } else {
        s.replacen(old, new, count as usize)
    };
    Ok(vm.new_string(out))
}

/// Resolves optional `start`/`end` arguments to a byte range of `s`.
fn char_range(vm: &mut Vm, s: &str, start: Option<Value>, end: Option<Value>) -> PyResult<Option<(usize, usize)>> {
    let n = s.chars().count() as i64;
    let norm = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    let a = match start.filter(|v| !v.is_none()) {
        Some(v) => norm(convert::index_i64_clamped(vm, v)?),
        None => 0,
    };
    let b = match end.filter(|v| !v.is_none()) {
        Some(v) => norm(convert::index_i64_clamped(vm, v)?),
        None => n,
    };
    if a > b {
        return Ok(None);
    }
    let offset = |i: i64| s.char_indices().nth(i as usize).map_or(s.len(), |(o, _)| o);
    Ok(Some((offset(a), offset(b))))
}

fn find_impl(vm: &mut Vm, args: &Args, name: &str, right: bool) -> PyResult<Option<i64>> {
    let s = self_str(vm, args, name)?;
    let a = args.range(vm, name, 2, 4)?;
    let sub = str_arg(vm, a[1], name, 1)?;
    let Some((x, y)) = char_range(vm, s, a.get(2).copied(), a.get(3).copied())? else {
        return Ok(None);
    };
    let hay = &s[x..y];
    let found = if right { hay.rfind(sub) } else { hay.find(sub) };
    Ok(found.map(|b| s[..x + b].chars().count() as i64))
}

fn m_find(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = find_impl(vm, args, "find", false)?;
    Ok(vm.new_int(r.unwrap_or(-1)))
}
fn m_rfind(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = find_impl(vm, args, "rfind", true)?;
    Ok(vm.new_int(r.unwrap_or(-1)))
}
fn m_index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    match find_impl(vm, args, "index", false)? {
        Some(i) => Ok(vm.new_int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}
fn m_rindex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    match find_impl(vm, args, "rindex", true)? {
        Some(i) => Ok(vm.new_int(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn m_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "count")?;
    let a = args.range(vm, "count", 2, 4)?;
    let sub = str_arg(vm, a[1], "count", 1)?;
    let Some((x, y)) = char_range(vm, s, a.get(2).copied(), a.get(3).copied())? else {
        return Ok(Value::small_int(0));
    };
    let hay = &s[x..y];
    let n = if sub.is_empty() { hay.chars().count() + 1 } else { hay.matches(sub).count() };
    Ok(vm.new_int(n as i64))
}

fn affix_impl(vm: &mut Vm, args: &Args, name: &str, end: bool) -> PyResult<Value> {
    let s = self_str(vm, args, name)?;
    let a = args.range(vm, name, 2, 4)?;
    let Some((x, y)) = char_range(vm, s, a.get(2).copied(), a.get(3).copied())? else {
        return Ok(Value::FALSE);
    };
    let hay = &s[x..y];
    let candidates: Vec<Value> = match ops::tuple_items(a[1]) {
        Some(items) => items.to_vec(),
        None => vec![a[1]],
    };
    for c in candidates {
        let Some(p) = str_of(c) else {
            let tn = ops::type_name(vm, c);
            return Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {tn}"
            )));
        };
        if (end && hay.ends_with(p)) || (!end && hay.starts_with(p)) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn m_startswith(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    affix_impl(vm, args, "startswith", false)
}
fn m_endswith(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    affix_impl(vm, args, "endswith", true)
}

macro_rules! simple_transform {
    ($fname:ident, $name:literal, $body:expr) => {
        fn $fname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let s = self_str(vm, args, $name)?;
            args.none(vm, concat!("str.", $name)).ok();
            let f: fn(&str) -> String = $body;
            let out = f(s);
            Ok(vm.new_string(out))
        }
    };
}

simple_transform!(m_upper, "upper", |s| s.to_uppercase());
simple_transform!(m_lower, "lower", |s| s.to_lowercase());
simple_transform!(m_casefold, "casefold", |s| s.to_lowercase().replace('ß', "ss"));
simple_transform!(m_swapcase, "swapcase", |s| s
    .chars()
    .flat_map(|c| if c.is_uppercase() { c.to_lowercase().collect::<Vec<_>>() } else { c.to_uppercase().collect() })
    .collect());
simple_transform!(m_capitalize, "capitalize", |s| {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect(),
        None => String::new(),
    }
});
simple_transform!(m_title, "title", |s| {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
});

macro_rules! predicate {
    ($fname:ident, $name:literal, $body:expr) => {
        fn $fname(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            let s = self_str(vm, args, $name)?;
            let f: fn(&str) -> bool = $body;
            Ok(Value::from_bool(f(s)))
        }
    };
}

predicate!(m_isdigit, "isdigit", |s| !s.is_empty() && s.chars().all(|c| c.is_numeric() && c.to_digit(10).is_some() || c.is_ascii_digit()));
predicate!(m_isdecimal, "isdecimal", |s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
predicate!(m_isnumeric, "isnumeric", |s| !s.is_empty() && s.chars().all(char::is_numeric));
predicate!(m_isalpha, "isalpha", |s| !s.is_empty() && s.chars().all(char::is_alphabetic));
predicate!(m_isalnum, "isalnum", |s| !s.is_empty() && s.chars().all(char::is_alphanumeric));
predicate!(m_isspace, "isspace", |s| !s.is_empty() && s.chars().all(char::is_whitespace));
predicate!(m_isascii, "isascii", |s| s.is_ascii());
predicate!(m_islower, "islower", |s| s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase));
predicate!(m_isupper, "isupper", |s| s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase));
predicate!(m_isidentifier, "isidentifier", |s| {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c == '_' || c.is_alphabetic()) && cs.all(|c| c == '_' || c.is_alphanumeric())
});
predicate!(m_isprintable, "isprintable", |s| s.chars().all(compiler::pyrepr::is_printable));
predicate!(m_istitle, "istitle", |s| {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
});

fn pad_impl(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Value> {
    let s = self_str(vm, args, name)?;
    let a = args.range(vm, name, 2, 3)?;
    let width = convert::index_i64(vm, a[1])?;
    let fill = match a.get(2) {
        Some(&f) => {
            let fs = str_of(f).unwrap_or("");
            let mut cs = fs.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => return Err(vm.type_error("The fill character must be exactly one character long")),
            }
        }
        None => ' ',
    };
    let len = s.chars().count() as i64;
    if width <= len {
        let t = s.to_owned();
        return Ok(vm.new_string(t));
    }
    let total = (width - len) as usize;
    let (left, right) = match name {
        "ljust" => (0, total),
        "rjust" => (total, 0),
        _ => {
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let mut out = String::new();
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(vm.new_string(out))
}

fn m_center(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "center")
}
fn m_ljust(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "ljust")
}
fn m_rjust(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    pad_impl(vm, args, "rjust")
}

fn m_zfill(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "zfill")?;
    let a = args.range(vm, "zfill", 2, 2)?;
    let width = convert::index_i64(vm, a[1])?;
    let len = s.chars().count() as i64;
    if width <= len {
        let t = s.to_owned();
        return Ok(vm.new_string(t));
    }
    let pad = "0".repeat((width - len) as usize);
    let out = match s.chars().next() {
        Some(c @ ('+' | '-')) => format!("{c}{pad}{}", &s[1..]),
        _ => format!("{pad}{s}"),
    };
    Ok(vm.new_string(out))
}

fn m_splitlines(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "splitlines")?;
    let keep = match args.pos().get(1).copied().or(args.kwarg("keepends")) {
        Some(k) => ops::truthy(vm, k)?,
        None => false,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let is_break = matches!(c, '\n' | '\r' | '\x0b' | '\x0c' | '\x1c' | '\x1d' | '\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if is_break {
            let mut end = at + c.len_utf8();
            if c == '\r' && chars.get(i + 1).is_some_and(|&(_, n)| n == '\n') {
                end += 1;
                i += 1;
            }
            let piece = if keep { &s[start..end] } else { &s[start..at] };
            out.push(piece.to_owned());
            start = end;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(s[start..].to_owned());
    }
    let vals: Vec<Value> = out.into_iter().map(|p| vm.new_string(p)).collect();
    Ok(vm.new_list(vals))
}

fn partition_impl(vm: &mut Vm, args: &Args, right: bool) -> PyResult<Value> {
    let name = if right { "rpartition" } else { "partition" };
    let s = self_str(vm, args, name)?;
    let a = args.range(vm, name, 2, 2)?;
    let sep = str_arg(vm, a[1], name, 1)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => [s[..i].to_owned(), sep.to_owned(), s[i + sep.len()..].to_owned()],
        None if right => [String::new(), String::new(), s.to_owned()],
        None => [s.to_owned(), String::new(), String::new()],
    };
    let vals: Vec<Value> = parts.into_iter().map(|p| vm.new_string(p)).collect();
    Ok(vm.new_tuple(vals))
}

fn m_partition(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    partition_impl(vm, args, false)
}
fn m_rpartition(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    partition_impl(vm, args, true)
}

fn m_removeprefix(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "removeprefix")?;
    let a = args.range(vm, "removeprefix", 2, 2)?;
    let p = str_arg(vm, a[1], "removeprefix", 1)?;
    let out = s.strip_prefix(p).unwrap_or(s).to_owned();
    Ok(vm.new_string(out))
}

fn m_removesuffix(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "removesuffix")?;
    let a = args.range(vm, "removesuffix", 2, 2)?;
    let p = str_arg(vm, a[1], "removesuffix", 1)?;
    let out = s.strip_suffix(p).unwrap_or(s).to_owned();
    Ok(vm.new_string(out))
}

fn m_expandtabs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "expandtabs")?;
    let size = match args.pos().get(1).copied().or(args.kwarg("tabsize")) {
        Some(t) => convert::index_i64(vm, t)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(vm.new_string(out))
}

fn m_format(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "format")?.to_owned();
    crate::builtins::functions::str_format(vm, &s, &args.pos()[1..], args, None)
}

fn m_format_map(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "format_map")?.to_owned();
    let a = args.range(vm, "format_map", 2, 2)?;
    crate::builtins::functions::str_format(vm, &s, &[], &Args::positional(&[]), Some(a[1]))
}

fn m_translate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "translate")?;
    let a = args.range(vm, "translate", 2, 2)?;
    let mut out = String::new();
    for c in s.chars() {
        let key = Value::small_int(c as i64);
        match ops::subscript::getitem(vm, a[1], key) {
            Ok(v) if v.is_none() => {}
            Ok(v) => {
                if let Some(t) = str_of(v) {
                    out.push_str(t);
                } else if let Some(ops::IntRef::Small(i)) = ops::int_of(v) {
                    out.push(char::from_u32(i as u32).unwrap_or('\u{FFFD}'));
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.new_string(out))
}

fn m_maketrans(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "maketrans", 1, 3)?;
    let d = vm.new_dict_body();
    if a.len() == 1 {
        for (k, v) in crate::builtins::dict::mapping_items(vm, a[0])? {
            let key = match str_of(k) {
                Some(s) if s.chars().count() == 1 => Value::small_int(s.chars().next().map_or(0, |c| c as i64)),
                Some(_) => return Err(vm.value_error("string keys in translate table must be of length 1")),
                None => k,
            };
            ops::dictops::set(vm, d, key, v)?;
        }
        return Ok(d.value());
    }
    let x: Vec<char> = str_of(a[0]).unwrap_or("").chars().collect();
    let y: Vec<char> = str_of(a[1]).unwrap_or("").chars().collect();
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (cx, cy) in x.iter().zip(&y) {
        let v = char_value(vm, *cy);
        ops::dictops::set(vm, d, Value::small_int(*cx as i64), v)?;
    }
    if let Some(&z) = a.get(2) {
        for c in str_of(z).unwrap_or("").chars() {
            ops::dictops::set(vm, d, Value::small_int(c as i64), Value::NONE)?;
        }
    }
    Ok(d.value())
}

fn m_getnewargs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let s = self_str(vm, args, "__getnewargs__")?.to_owned();
    let v = vm.new_string(s);
    Ok(vm.new_tuple(vec![v]))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", str_new),
    method("encode", m_encode),
    method("join", m_join),
    method("split", m_split),
    method("rsplit", m_rsplit),
    method("strip", m_strip),
    method("lstrip", m_lstrip),
    method("rstrip", m_rstrip),
    method("replace", m_replace),
    method("find", m_find),
    method("rfind", m_rfind),
    method("index", m_index),
    method("rindex", m_rindex),
    method("count", m_count),
    method("startswith", m_startswith),
    method("endswith", m_endswith),
    method("upper", m_upper),
    method("lower", m_lower),
    method("casefold", m_casefold),
    method("swapcase", m_swapcase),
    method("capitalize", m_capitalize),
    method("title", m_title),
    method("isdigit", m_isdigit),
    method("isdecimal", m_isdecimal),
    method("isnumeric", m_isnumeric),
    method("isalpha", m_isalpha),
    method("isalnum", m_isalnum),
    method("isspace", m_isspace),
    method("isascii", m_isascii),
    method("islower", m_islower),
    method("isupper", m_isupper),
    method("isidentifier", m_isidentifier),
    method("isprintable", m_isprintable),
    method("istitle", m_istitle),
    method("center", m_center),
    method("ljust", m_ljust),
    method("rjust", m_rjust),
    method("zfill", m_zfill),
    method("splitlines", m_splitlines),
    method("partition", m_partition),
    method("rpartition", m_rpartition),
    method("removeprefix", m_removeprefix),
    method("removesuffix", m_removesuffix),
    method("expandtabs", m_expandtabs),
    method("format", m_format),
    method("format_map", m_format_map),
    method("translate", m_translate),
    staticmethod("maketrans", m_maketrans),
    method("__getnewargs__", m_getnewargs),
];

// ---- bytes methods ----------------------------------------------------------------------

fn bytes_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "bytes", &["source", "encoding", "errors"])?;
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    let src = pos.get(1).copied().or(args.kwarg("source"));
    let encoding = pos.get(2).copied().or(args.kwarg("encoding"));
    let data = bytes_from(vm, src, encoding)?;
    let b = new_bytes(vm, data);
    if cls == vm.rt.types.bytes {
        return Ok(b);
    }
    Ok(crate::builtins::numbers::wrap_payload(vm, cls, b))
}

/// The contents `bytes(src, encoding)` / `bytearray(...)` start with.
pub fn bytes_from(vm: &mut Vm, src: Option<Value>, encoding: Option<Value>) -> PyResult<Vec<u8>> {
    let Some(src) = src else {
        return Ok(Vec::new());
    };
    if let Some(s) = str_of(src) {
        let Some(enc) = encoding.and_then(str_of) else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let (s, enc) = (s.to_owned(), enc.to_owned());
        return encode(vm, &s, &enc, "strict");
    }
    if let Some(d) = bytes_like(vm, src)? {
        return Ok(d);
    }
    if let Some(n) = ops::int_of(src) {
        let n = match n {
            ops::IntRef::Small(n) => n,
            ops::IntRef::Big(_) => return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
        };
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        if n > 1 << 40 {
            return Err(vm.memory_error(""));
        }
        return Ok(vec![0; n as usize]);
    }
    let items = match ops::iter::collect(vm, src) {
        Ok(items) => items,
        Err(_) => {
            let tn = ops::type_name(vm, src);
            return Err(vm.type_error(format!("cannot convert '{tn}' object to bytes")));
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let v = convert::index_i64(vm, it)?;
        if !(0..256).contains(&v) {
            return Err(vm.value_error("bytes must be in range(0, 256)"));
        }
        out.push(v as u8);
    }
    Ok(out)
}

fn self_bytes(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    match args.values.first().and_then(|v| bytes_data(*v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

fn b_decode(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = self_bytes(vm, args, "decode")?;
    let enc = args.pos().get(1).copied().or(args.kwarg("encoding")).and_then(str_of).unwrap_or("utf-8").to_owned();
    let errs = args.pos().get(2).copied().or(args.kwarg("errors")).and_then(str_of).unwrap_or("strict").to_owned();
    decode(vm, &data, &enc, &errs)
}

fn b_hex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let data = self_bytes(vm, args, "hex")?;
    let s: String = data.iter().map(|b| format!("{b:02x}")).collect();
    Ok(vm.new_string(s))
}

fn b_join(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let sep = self_bytes(vm, args, "join")?;
    let a = args.range(vm, "join", 2, 2)?;
    let items = ops::iter::collect(vm, a[1])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(d) = bytes_like(vm, *it)? else {
            let tn = ops::type_name(vm, *it);
            return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {tn} found")));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(d);
    }
    Ok(new_bytes(vm, out))
}

pub const BYTES_METHODS: &[MethodDef] = &[
    staticmethod("__new__", bytes_new),
    method("decode", b_decode),
    method("hex", b_hex),
    method("join", b_join),
];
