//! `memoryview`: a strided view of a `bytes` or `bytearray` object's contents
//! (CPython `Objects/memoryobject.c`), with the native single-character struct formats
//! (`B b c h H i I l L q Q n N f d ?`), `cast` to another format and shape,
//! multi-dimensional `tolist`/indexing, writes through to a `bytearray`, `release()` and
//! the context-manager protocol.
//!
//! The view stores the exporter and a byte offset, shape and strides; element bytes are read
//! from the exporter on each access, so writes through other references are visible.

use std::any::Any;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::args::Args;
use crate::builtins::bytes::{bytes_data, new_bytes};
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, convert, str_of};
use crate::types::bytes::ByteArrayBody;
use crate::types::misc::SliceBody;
use crate::types::native::NativeObject;
use crate::value::Value;

/// A memoryview over `obj` (a bytes or bytearray, possibly a subclass instance).
pub struct MemoryView {
    pub obj: Value,
    format: char,
    itemsize: usize,
    offset: usize,
    shape: Vec<usize>,
    strides: Vec<isize>,
    readonly: bool,
    released: AtomicBool,
}

impl NativeObject for MemoryView {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.obj);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn itemsize_of(format: char) -> Option<usize> {
    Some(match format {
        'B' | 'b' | 'c' | '?' => 1,
        'h' | 'H' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' | 'q' | 'Q' | 'n' | 'N' | 'd' => 8,
        _ => return None,
    })
}

/// C-contiguous strides for `shape`.
fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    let mut acc = itemsize as isize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.saturating_mul(shape[i] as isize);
    }
    strides
}

impl MemoryView {
    fn over(obj: Value, len: usize, readonly: bool) -> MemoryView {
        MemoryView {
            obj,
            format: 'B',
            itemsize: 1,
            offset: 0,
            shape: vec![len],
            strides: vec![1],
            readonly,
            released: AtomicBool::new(false),
        }
    }

    fn nitems(&self) -> usize {
        self.shape.iter().product()
    }

    fn is_c_contiguous(&self) -> bool {
        self.nitems() == 0 || self.strides == c_strides(&self.shape, self.itemsize)
    }

    /// Byte offsets of every element, in C order.
    fn element_offsets(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nitems());
        if self.nitems() == 0 {
            return out;
        }
        let mut idx = vec![0usize; self.shape.len()];
        loop {
            let mut off = self.offset as isize;
            for (i, &k) in idx.iter().enumerate() {
                off += k as isize * self.strides[i];
            }
            out.push(off.max(0) as usize);
            let mut d = self.shape.len();
            loop {
                if d == 0 {
                    return out;
                }
                d -= 1;
                idx[d] += 1;
                if idx[d] < self.shape[d] {
                    break;
                }
                idx[d] = 0;
            }
        }
    }

    /// The viewed bytes in C order.
    fn tobytes(&self) -> Vec<u8> {
        let data = bytes_data(self.obj).unwrap_or_default();
        let mut out = Vec::with_capacity(self.nitems() * self.itemsize);
        for off in self.element_offsets() {
            if let Some(item) = data.get(off..off + self.itemsize) {
                out.extend_from_slice(item);
            }
        }
        out
    }
}

/// The bytes a memoryview shows, if `v` is one.
pub fn memoryview_bytes(_vm: &mut Vm, v: Value) -> Option<Vec<u8>> {
    native::<MemoryView>(v)
        .filter(|m| !m.released.load(Ordering::Relaxed))
        .map(MemoryView::tobytes)
}

fn view<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a MemoryView> {
    match native::<MemoryView>(v) {
        Some(m) if m.released.load(Ordering::Relaxed) => {
            Err(vm.value_error("operation forbidden on released memoryview object"))
        }
        Some(m) => Ok(m),
        None => Err(vm.type_error("descriptor requires a 'memoryview' object")),
    }
}

fn unpack(vm: &mut Vm, format: char, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    w[..b.len().min(8)].copy_from_slice(&b[..b.len().min(8)]);
    let u = u64::from_ne_bytes(w);
    match format {
        'B' => Value::small_int(i64::from(b[0])),
        'b' => Value::small_int(i64::from(b[0] as i8)),
        'c' => new_bytes(vm, vec![b[0]]),
        '?' => Value::from_bool(b[0] != 0),
        'h' => Value::small_int(i64::from(i16::from_ne_bytes([b[0], b[1]]))),
        'H' => Value::small_int(i64::from(u16::from_ne_bytes([b[0], b[1]]))),
        'i' => Value::small_int(i64::from(i32::from_ne_bytes([b[0], b[1], b[2], b[3]]))),
        'I' => Value::small_int(i64::from(u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))),
        'f' => Value::from_f64(f64::from(f32::from_ne_bytes([b[0], b[1], b[2], b[3]]))),
        'd' => Value::from_f64(f64::from_ne_bytes(w)),
        'l' | 'q' | 'n' => vm.new_int(u as i64),
        _ => vm.new_bigint(num_bigint::BigInt::from(u)),
    }
}

/// Packs `v` as one item of `format` ("memoryview: invalid type for format 'B'").
fn pack(vm: &mut Vm, format: char, itemsize: usize, v: Value) -> PyResult<Vec<u8>> {
    let invalid =
        |vm: &mut Vm| vm.type_error(format!("memoryview: invalid type for format '{format}'"));
    let out_of_range =
        |vm: &mut Vm| vm.value_error(format!("memoryview: invalid value for format '{format}'"));
    match format {
        'c' => match bytes_data(v) {
            Some(d) if d.len() == 1 => Ok(d),
            _ => Err(invalid(vm)),
        },
        '?' => Ok(vec![u8::from(ops::truthy(vm, v)?)]),
        'f' | 'd' => {
            let x = match v.as_f64() {
                Some(x) => x,
                None if ops::int_of(v).is_some() => convert::index_i64_clamped(vm, v)? as f64,
                None => return Err(invalid(vm)),
            };
            Ok(if format == 'f' {
                (x as f32).to_ne_bytes().to_vec()
            } else {
                x.to_ne_bytes().to_vec()
            })
        }
        _ => {
            if ops::int_of(v).is_none() {
                return Err(invalid(vm));
            }
            let b = convert::index_bigint(vm, v)?;
            let signed = format.is_ascii_lowercase();
            let bits = itemsize * 8;
            let fits = if signed {
                let lim = num_bigint::BigInt::from(1) << (bits - 1);
                b >= -lim.clone() && b < lim
            } else {
                b >= num_bigint::BigInt::from(0) && b < (num_bigint::BigInt::from(1) << bits)
            };
            if !fits {
                return Err(out_of_range(vm));
            }
            let (_, mut le) = b.to_bytes_le();
            let neg = b.sign() == num_bigint::Sign::Minus;
            // Two's complement of the magnitude for negative values.
            le.resize(itemsize, 0);
            if neg {
                let mut carry = true;
                for byte in le.iter_mut() {
                    *byte = !*byte;
                    if carry {
                        let (r, c) = byte.overflowing_add(1);
                        *byte = r;
                        carry = c;
                    }
                }
            }
            if cfg!(target_endian = "big") {
                le.reverse();
            }
            Ok(le)
        }
    }
}

fn new_view(vm: &mut Vm, m: MemoryView) -> Value {
    let ty = crate::builtins::iterators::native_type(vm, "memoryview");
    new_native(vm, ty, m)
}

fn derived(m: &MemoryView) -> MemoryView {
    MemoryView {
        obj: m.obj,
        format: m.format,
        itemsize: m.itemsize,
        offset: m.offset,
        shape: m.shape.clone(),
        strides: m.strides.clone(),
        readonly: m.readonly,
        released: AtomicBool::new(false),
    }
}

/// Resolves an index along dimension `dim`.
fn dim_index(vm: &mut Vm, m: &MemoryView, key: Value, dim: usize) -> PyResult<usize> {
    if ops::int_of(key).is_none()
        && ops::attr::lookup_type(vm, ops::type_of(vm, key), "__index__").is_none()
    {
        return Err(vm.type_error("memoryview: invalid slice key"));
    }
    let i = convert::index_i64_clamped(vm, key)?;
    let n = m.shape[dim] as i64;
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error(format!("index out of bounds on dimension {}", dim + 1)));
    }
    Ok(j as usize)
}

/// The byte offset of the element at a full index (`m[i]` or `m[i, j, ...]`).
fn element_offset(vm: &mut Vm, m: &MemoryView, key: Value) -> PyResult<Option<usize>> {
    let keys: Vec<Value> = match ops::tuple_items(key) {
        Some(items) => items.to_vec(),
        None => vec![key],
    };
    if m.shape.is_empty() {
        return Err(vm.type_error("invalid indexing of 0-dim memory"));
    }
    if keys
        .iter()
        .any(|k| Gc::<SliceBody>::from_value(*k).is_some())
    {
        if keys.len() > 1 {
            return Err(vm.not_implemented_error("multi-dimensional slicing is not implemented"));
        }
        return Ok(None);
    }
    if keys.len() < m.shape.len() {
        return Err(vm.not_implemented_error("multi-dimensional sub-views are not implemented"));
    }
    if keys.len() > m.shape.len() {
        return Err(vm.type_error(format!(
            "cannot index {}-dimension view with {}-element tuple",
            m.shape.len(),
            keys.len()
        )));
    }
    let mut off = m.offset as isize;
    for (d, &k) in keys.iter().enumerate() {
        let i = dim_index(vm, m, k, d)?;
        off += i as isize * m.strides[d];
    }
    Ok(Some(off.max(0) as usize))
}

/// `view[key]`.
pub fn native_getitem(vm: &mut Vm, obj: Value, key: Value) -> PyResult<Option<Value>> {
    if native::<MemoryView>(obj).is_none() {
        return Ok(None);
    }
    let m = view(vm, obj)?;
    match element_offset(vm, m, key)? {
        Some(off) => {
            let data = bytes_data(m.obj).unwrap_or_default();
            let item = data
                .get(off..off + m.itemsize)
                .map(<[u8]>::to_vec)
                .unwrap_or_else(|| vec![0; m.itemsize]);
            Ok(Some(unpack(vm, m.format, &item)))
        }
        None => {
            let sl = Gc::<SliceBody>::from_value(
                ops::tuple_items(key)
                    .and_then(|t| t.first().copied())
                    .unwrap_or(key),
            )
            .expect("slice");
            let (start, stop, step) = crate::builtins::list::slice_indices(vm, &sl, m.shape[0])?;
            let len = crate::builtins::list::slice_positions(start, stop, step).len();
            let mut sub = derived(m);
            sub.offset = (m.offset as isize + start.max(0) as isize * m.strides[0]).max(0) as usize;
            sub.shape[0] = len;
            sub.strides[0] = m.strides[0] * step as isize;
            Ok(Some(new_view(vm, sub)))
        }
    }
}

fn mv_setitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__setitem__", 3, 3)?;
    let m = view(vm, a[0])?;
    if m.readonly {
        return Err(vm.type_error("cannot modify read-only memory"));
    }
    let Some(arr) = Gc::<ByteArrayBody>::from_value(ops::unwrap_payload(m.obj)) else {
        return Err(vm.type_error("cannot modify read-only memory"));
    };
    match element_offset(vm, m, a[1])? {
        Some(off) => {
            let bytes = pack(vm, m.format, m.itemsize, a[2])?;
            let mut data = arr.data.lock();
            if let Some(dst) = data.get_mut(off..off + m.itemsize) {
                dst.copy_from_slice(&bytes);
            }
        }
        None => {
            let target = native_getitem(vm, a[0], a[1])?.unwrap_or(Value::NONE);
            let Some(dst) = native::<MemoryView>(target) else {
                return Ok(Value::NONE);
            };
            let src: Vec<u8> = match native::<MemoryView>(a[2]) {
                Some(s) => {
                    if s.format != dst.format || s.shape != dst.shape {
                        return Err(vm.value_error(
                            "memoryview assignment: lvalue and rvalue have different structures",
                        ));
                    }
                    s.tobytes()
                }
                None => match crate::builtins::bytes::bytes_like(vm, a[2])? {
                    Some(d) => {
                        if dst.format != 'B' && dst.format != 'c' && dst.format != 'b'
                            || d.len() != dst.nitems() * dst.itemsize
                        {
                            return Err(vm.value_error(
                                "memoryview assignment: lvalue and rvalue have different structures",
                            ));
                        }
                        d
                    }
                    None => {
                        let tn = ops::type_name(vm, a[2]);
                        return Err(
                            vm.type_error(format!("a bytes-like object is required, not '{tn}'"))
                        );
                    }
                },
            };
            let offsets = dst.element_offsets();
            let mut data = arr.data.lock();
            for (k, off) in offsets.into_iter().enumerate() {
                let chunk = &src[k * dst.itemsize..(k + 1) * dst.itemsize];
                if let Some(d) = data.get_mut(off..off + dst.itemsize) {
                    d.copy_from_slice(chunk);
                }
            }
        }
    }
    Ok(Value::NONE)
}

fn mv_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let p = crate::builtins::str::params(vm, args, "memoryview", &["object"], 0)?;
    let Some(obj) = p[0] else {
        return Err(vm.type_error("memoryview() missing required argument 'object' (pos 1)"));
    };
    if let Some(m) = native::<MemoryView>(obj) {
        let m = derived(view(vm, obj).map(|_| m)?);
        return Ok(new_view(vm, m));
    }
    let Some(data) = bytes_data(obj) else {
        let tn = ops::type_name(vm, obj);
        return Err(vm.type_error(format!(
            "memoryview: a bytes-like object is required, not '{tn}'"
        )));
    };
    let readonly = kind_of(ops::unwrap_payload(obj)) != Some(ObjKind::ByteArray);
    Ok(new_view(vm, MemoryView::over(obj, data.len(), readonly)))
}

fn mv_tobytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let p = crate::builtins::str::params(vm, args, "tobytes", &["order"], 0)?;
    let _ = p;
    let m = view(vm, args.values[0])?;
    let data = m.tobytes();
    Ok(new_bytes(vm, data))
}

fn tolist_rec(vm: &mut Vm, m: &MemoryView, data: &[u8], dim: usize, off: isize) -> Value {
    if dim == m.shape.len() {
        let o = off.max(0) as usize;
        let item = data
            .get(o..o + m.itemsize)
            .map(<[u8]>::to_vec)
            .unwrap_or_else(|| vec![0; m.itemsize]);
        return unpack(vm, m.format, &item);
    }
    let items: Vec<Value> = (0..m.shape[dim])
        .map(|i| tolist_rec(vm, m, data, dim + 1, off + i as isize * m.strides[dim]))
        .collect();
    vm.new_list(items)
}

fn mv_tolist(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "tolist")?;
    let m = view(vm, v)?;
    let data = bytes_data(m.obj).unwrap_or_default();
    Ok(tolist_rec(vm, m, &data, 0, m.offset as isize))
}

fn mv_len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__len__")?;
    let m = view(vm, v)?;
    match m.shape.first() {
        Some(&n) => Ok(vm.new_int(n as i64)),
        None => Err(vm.type_error("0-dim memory has no length")),
    }
}

fn mv_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__getitem__", 2, 2)?;
    Ok(native_getitem(vm, a[0], a[1])?.unwrap_or(Value::NONE))
}

fn mv_cast(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let p = crate::builtins::str::params(vm, args, "cast", &["format", "shape"], 0)?;
    let m = view(vm, args.values[0])?;
    let Some(fmt) = p[0] else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let Some(fs) = str_of(fmt) else {
        let tn = ops::type_name(vm, fmt);
        return Err(vm.type_error(format!("cast() argument 'format' must be str, not {tn}")));
    };
    let f = fs.strip_prefix('@').unwrap_or(fs);
    let mut cs = f.chars();
    let (Some(format), None, Some(itemsize)) =
        (cs.next(), cs.next(), f.chars().next().and_then(itemsize_of))
    else {
        return Err(vm.value_error(
            "memoryview: destination format must be a native single character format prefixed with an optional '@'",
        ));
    };
    if !m.is_c_contiguous() {
        return Err(vm.type_error("memoryview: casts are restricted to C-contiguous views"));
    }
    let nbytes = m.nitems() * m.itemsize;
    let shape: Vec<usize> = match p[1] {
        Some(s) if !s.is_none() => {
            let items = match ops::tuple_items(s) {
                Some(t) => t.to_vec(),
                None => match Gc::<crate::types::list::ListBody>::from_value(s) {
                    Some(l) => l.snapshot(),
                    None => return Err(vm.type_error("shape must be a list or a tuple")),
                },
            };
            let mut dims = Vec::with_capacity(items.len());
            for it in items {
                let d = convert::index_i64(vm, it)?;
                if d <= 0 {
                    return Err(
                        vm.value_error("memoryview.cast(): elements of shape must be integers > 0")
                    );
                }
                dims.push(d as usize);
            }
            if dims.iter().try_fold(itemsize, |acc, &d| acc.checked_mul(d)) != Some(nbytes) {
                return Err(vm.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            dims
        }
        _ => {
            if nbytes % itemsize != 0 {
                return Err(vm.type_error("memoryview: length is not a multiple of itemsize"));
            }
            vec![nbytes / itemsize]
        }
    };
    let mut out = derived(m);
    out.format = format;
    out.itemsize = itemsize;
    out.strides = c_strides(&shape, itemsize);
    out.shape = shape;
    Ok(new_view(vm, out))
}

fn mv_hex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let m = view(vm, args.values[0])?;
    let data = m.tobytes();
    crate::builtins::bytes::hex_of(vm, &data, args)
}

fn mv_release(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "release")?;
    if let Some(m) = native::<MemoryView>(v) {
        m.released.store(true, Ordering::Relaxed);
    }
    Ok(Value::NONE)
}

fn mv_enter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__enter__")?;
    view(vm, v)?;
    Ok(v)
}

fn mv_exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if let Some(m) = args.values.first().and_then(|v| native::<MemoryView>(*v)) {
        m.released.store(true, Ordering::Relaxed);
    }
    let _ = vm;
    Ok(Value::NONE)
}

fn mv_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__eq__", 2, 2)?;
    let Some(m) = native::<MemoryView>(a[0]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if a[0] == a[1] {
        return Ok(Value::TRUE);
    }
    if m.released.load(Ordering::Relaxed) {
        return Ok(Value::FALSE);
    }
    let (fmt, shape, data) = match native::<MemoryView>(a[1]) {
        Some(o) if o.released.load(Ordering::Relaxed) => return Ok(Value::FALSE),
        Some(o) => (o.format, o.shape.clone(), o.tobytes()),
        None => match bytes_data(a[1]) {
            Some(d) => ('B', vec![d.len()], d),
            None => return Ok(Value::NOT_IMPLEMENTED),
        },
    };
    if shape != m.shape {
        return Ok(Value::FALSE);
    }
    if fmt == m.format {
        return Ok(Value::from_bool(m.tobytes() == data));
    }
    let x = mv_tolist(vm, &Args::positional(&[a[0]]))?;
    let other = if native::<MemoryView>(a[1]).is_some() {
        mv_tolist(vm, &Args::positional(&[a[1]]))?
    } else {
        let items = data
            .iter()
            .map(|&b| Value::small_int(i64::from(b)))
            .collect();
        vm.new_list(items)
    };
    let eq = ops::compare::eq(vm, x, other)?;
    Ok(Value::from_bool(eq))
}

fn mv_ne(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let r = mv_eq(vm, args)?;
    Ok(if r == Value::NOT_IMPLEMENTED {
        r
    } else {
        Value::from_bool(r == Value::FALSE)
    })
}

fn mv_toreadonly(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "toreadonly")?;
    let m = view(vm, v)?;
    let mut out = derived(m);
    out.readonly = true;
    Ok(new_view(vm, out))
}

fn int_tuple(vm: &mut Vm, items: impl Iterator<Item = i64>) -> Value {
    let vals: Vec<Value> = items.map(|i| vm.new_int(i)).collect();
    vm.new_tuple(vals)
}

/// The data attributes of a memoryview (`format`, `shape`, `readonly`...).
pub fn getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if native::<MemoryView>(obj).is_none() {
        return Ok(None);
    }
    if name == "obj"
        || name == "readonly"
        || name == "format"
        || name == "itemsize"
        || name == "nbytes"
        || name == "ndim"
        || name == "shape"
        || name == "strides"
        || name == "suboffsets"
        || name == "c_contiguous"
        || name == "f_contiguous"
        || name == "contiguous"
    {
        let m = view(vm, obj)?;
        let v = match name {
            "obj" => m.obj,
            "readonly" => Value::from_bool(m.readonly),
            "format" => vm.new_string(m.format.to_string()),
            "itemsize" => vm.new_int(m.itemsize as i64),
            "nbytes" => vm.new_int((m.nitems() * m.itemsize) as i64),
            "ndim" => vm.new_int(m.shape.len() as i64),
            "shape" => int_tuple(vm, m.shape.iter().map(|&d| d as i64)),
            "strides" => int_tuple(vm, m.strides.iter().map(|&d| d as i64)),
            "suboffsets" => vm.new_tuple(vec![]),
            "c_contiguous" | "contiguous" => Value::from_bool(m.is_c_contiguous()),
            _ => Value::from_bool(m.shape.len() <= 1 && m.is_c_contiguous()),
        };
        return Ok(Some(v));
    }
    Ok(None)
}

/// Registers `memoryview` in builtins.
pub fn install(vm: &mut Vm) {
    let ty = crate::builtins::iterators::native_type(vm, "memoryview");
    add_methods(
        vm,
        ty,
        &[
            staticmethod("__new__", mv_new),
            method("tobytes", mv_tobytes),
            method("tolist", mv_tolist),
            method("__len__", mv_len),
            method("__getitem__", mv_getitem),
            method("__setitem__", mv_setitem),
            method("cast", mv_cast),
            method("hex", mv_hex),
            method("release", mv_release),
            method("__enter__", mv_enter),
            method("__exit__", mv_exit),
            method("__eq__", mv_eq),
            method("__ne__", mv_ne),
            method("toreadonly", mv_toreadonly),
        ],
    );
    let d = vm.interp.builtins.dict;
    ops::dictops::set_item_str(vm, d, "memoryview", ty.value());
}
