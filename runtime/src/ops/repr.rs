//! `repr()` and `str()`: builtin types' texts as CPython prints them, `__repr__`/`__str__`
//! for everything else, and the recursion guard that prints `[...]` for a list that
//! contains itself (CPython's `Py_ReprEnter`).

use std::fmt::Write as _;

use compiler::pyrepr::repr_bytes;

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, dictops, str_of, type_of};
use crate::types::bytes::{ByteArrayBody, BytesBody};
use crate::types::dict::DictBody;
use crate::types::function::{BuiltinBody, FunctionBody, MethodBody};
use crate::types::list::ListBody;
use crate::types::module::ModuleBody;
use crate::types::set::SetBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;

/// `repr(v)` as a str object.
pub fn repr(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if kind_of(v) == Some(ObjKind::Str) && type_of(vm, v) == vm.rt.types.str {
        let s = match ops::str_body(v) {
            Some(b) if b.has_surrogates() => repr_wtf8(b.wtf8_bytes()),
            Some(b) => repr_str(b.as_str()),
            None => repr_str(""),
        };
        return Ok(vm.new_string(s));
    }
    let ty = type_of(vm, v);
    if ty.has_flag(tflags::HEAPTYPE)
        && let Some(f) = attr::lookup_type(vm, ty, "__repr__")
        && !is_builtin_slot(ty, "__repr__", f)
    {
        let r = call::call_method(vm, f, v, &[])?;
        if str_of(r).is_none() {
            let tn = ops::type_name(vm, r);
            return Err(vm.type_error(format!("__repr__ returned non-string (type {tn})")));
        }
        return Ok(r);
    }
    let s = builtin_repr(vm, v)?;
    Ok(vm.new_string(s))
}

/// Whether `f`, found as `ty.<name>`, is the slot of a builtin type (served directly by
/// `builtin_repr`), rather than a method a heap type defines, possibly in Rust (the
/// `__repr__` of struct sequences).
fn is_builtin_slot(ty: Gc<TypeBody>, name: &str, f: Value) -> bool {
    if kind_of(f) != Some(ObjKind::Builtin) {
        return false;
    }
    let mro = ty.mro.lock().clone();
    for t in mro {
        let Some(t) = Gc::<TypeBody>::from_value(t) else {
            continue;
        };
        if dictops::get_str(&t.dict, name).is_some() {
            // A native type's own method is called as a method: `builtin_repr` would pass
            // it the payload of a subclass instance, losing the subclass (`D([1])`).
            return !t.has_flag(tflags::HEAPTYPE) && t.layout != ObjKind::Native;
        }
    }
    true
}

/// `repr(text)`: CPython's `unicode_repr`. Unlike `compiler::pyrepr::repr_str` (which
/// approximates printability by ranges because the compiler has no Unicode tables), the
/// runtime decides with `text::unicode::is_printable`, CPython's exact definition.
pub fn repr_str(text: &str) -> String {
    repr_codes(text.as_bytes(), text.chars().map(u32::from))
}

/// `repr` of text given as generalized UTF-8 (`text::wtf8`), which may hold lone
/// surrogates; those are never printable, so they come out as `\udXXX` escapes.
pub fn repr_wtf8(text: &[u8]) -> String {
    repr_codes(text, crate::text::wtf8::code_points(text))
}

/// The repr of the code points `codes`, whose generalized UTF-8 form is `text`.
fn repr_codes(text: &[u8], codes: impl Iterator<Item = u32>) -> String {
    let quote = if text.contains(&b'\'') && !text.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for code in codes {
        let Some(c) = char::from_u32(code) else {
            let _ = write!(out, "\\u{code:04x}");
            continue;
        };
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if !c.is_ascii() && crate::text::unicode::is_printable(c) => out.push(c),
            _ => {
                let _ = if code <= 0xff {
                    write!(out, "\\x{code:02x}")
                } else if code <= 0xffff {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
        }
    }
    out.push(quote);
    out
}

/// The `b'...'` part of a bytearray's repr. Unlike `bytes`, CPython's `bytearray_repr`
/// escapes `'` even inside double quotes.
fn bytearray_repr_body(data: &[u8]) -> String {
    let r = repr_bytes(data);
    if !r.starts_with("b\"") {
        return r;
    }
    let inner = &r[2..r.len() - 1];
    format!("b\"{}\"", inner.replace('\'', "\\'"))
}

/// `repr(v)` as Rust text.
pub fn repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = repr(vm, v)?;
    Ok(str_of(r).unwrap_or("").to_owned())
}

/// `str(v)` as a str object.
pub fn str(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if kind_of(v) == Some(ObjKind::Str) && type_of(vm, v) == vm.rt.types.str {
        return Ok(v);
    }
    let ty = type_of(vm, v);
    if ty.has_flag(tflags::HEAPTYPE) {
        if let Some(f) = attr::lookup_type(vm, ty, "__str__")
            && !is_builtin_slot(ty, "__str__", f)
        {
            let r = call::call_method(vm, f, v, &[])?;
            if str_of(r).is_none() {
                let tn = ops::type_name(vm, r);
                return Err(vm.type_error(format!("__str__ returned non-string (type {tn})")));
            }
            return Ok(r);
        }
        if let Some(p) = ops::payload_of(v)
            && kind_of(p) == Some(ObjKind::Str)
        {
            let s = ops::str_wtf8(p).unwrap_or(b"").to_vec();
            return Ok(vm.new_str_wtf8(s));
        }
    }
    if kind_of(v) == Some(ObjKind::Exception) {
        return crate::builtins::exceptions::exception_str(vm, v);
    }
    if let Some(p) =
        crate::builtins::descriptors::native::<crate::builtins::mappingproxy::MappingProxy>(v)
    {
        return str(vm, p.mapping);
    }
    // int, float, complex, bytes… have no `__str__` of their own: `object.__str__`
    // calls `repr`, which honours a subclass's `__repr__`.
    if ty.has_flag(tflags::HEAPTYPE) {
        return repr(vm, v);
    }
    let s = builtin_repr(vm, v)?;
    Ok(vm.new_string(s))
}

/// `str(v)` as Rust text.
pub fn str_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = str(vm, v)?;
    Ok(str_of(r).unwrap_or("").to_owned())
}

/// `repr(float)`: CPython's shortest round-tripping text (see `crate::format`).
pub fn float_repr(x: f64) -> String {
    crate::format::float_repr(x)
}

/// The module-qualified name of a type as `repr` shows it (`__main__.C`, `int`).
pub fn type_display_name(ty: Gc<TypeBody>) -> String {
    let name = ty.qualname.lock().clone();
    match dictops::get_str(&ty.dict, "__module__").and_then(str_of) {
        Some(m) if m != "builtins" => format!("{m}.{name}"),
        _ => name,
    }
}

fn default_repr(vm: &mut Vm, v: Value) -> String {
    let ty = type_of(vm, v);
    format!("<{} object at {:#x}>", type_display_name(ty), v.bits())
}

/// Runs `f` unless `v` is already being repr'd on this thread (then returns `cyclic`).
fn guarded(
    vm: &mut Vm,
    v: Value,
    cyclic: &str,
    f: impl FnOnce(&mut Vm) -> PyResult<String>,
) -> PyResult<String> {
    if vm.repr_stack.contains(&v) {
        return Ok(cyclic.to_owned());
    }
    vm.repr_stack.push(v);
    let r = crate::vm::with_native_recursion(vm, " while getting the repr of an object", f);
    vm.repr_stack.retain(|x| *x != v);
    r
}

fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr_string(vm, *item)?);
    }
    Ok(out)
}

/// The repr of builtin objects (and the default `object.__repr__`).
pub fn builtin_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    match v {
        Value::NONE => return Ok("None".into()),
        Value::TRUE => return Ok("True".into()),
        Value::FALSE => return Ok("False".into()),
        Value::ELLIPSIS => return Ok("Ellipsis".into()),
        Value::NOT_IMPLEMENTED => return Ok("NotImplemented".into()),
        _ => {}
    }
    if let Some(i) = v.as_small_int() {
        return Ok(i.to_string());
    }
    if let Some(f) = v.as_f64() {
        return Ok(float_repr(f));
    }
    let inner = ops::unwrap_payload(v);
    if inner != v && !inner.is_ptr() {
        return builtin_repr(vm, inner);
    }
    match kind_of(inner) {
        Some(ObjKind::Str) => Ok(match ops::str_body(inner) {
            Some(b) if b.has_surrogates() => repr_wtf8(b.wtf8_bytes()),
            Some(b) => repr_str(b.as_str()),
            None => repr_str(""),
        }),
        Some(ObjKind::BigInt) => crate::builtins::numbers::int_to_decimal(vm, inner),
        Some(ObjKind::Tuple) => {
            let items = ops::tuple_items(inner).unwrap_or(&[]).to_vec();
            guarded(vm, inner, "(...)", |vm| {
                let body = join_reprs(vm, &items)?;
                Ok(if items.len() == 1 {
                    format!("({body},)")
                } else {
                    format!("({body})")
                })
            })
        }
        Some(ObjKind::List) => {
            let items = Gc::<ListBody>::from_value(inner).expect("list").snapshot();
            let holder = vm.new_tuple(items.clone());
            let r = guarded(vm, inner, "[...]", |vm| {
                Ok(format!("[{}]", join_reprs(vm, &items)?))
            });
            std::hint::black_box(holder);
            r
        }
        Some(ObjKind::Dict) => {
            let d = Gc::<DictBody>::from_value(inner).expect("dict");
            let pairs = dictops::items(&d);
            let flat: Vec<Value> = pairs.iter().flat_map(|(k, v)| [*k, *v]).collect();
            let holder = vm.new_tuple(flat);
            let r = guarded(vm, inner, "{...}", |vm| {
                let mut out = String::from("{");
                for (i, (k, val)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&repr_string(vm, *k)?);
                    out.push_str(": ");
                    out.push_str(&repr_string(vm, *val)?);
                }
                out.push('}');
                Ok(out)
            });
            std::hint::black_box(holder);
            let body = r?;
            let ty = type_of(vm, v);
            if ty != vm.rt.types.dict && !ty.has_flag(tflags::HEAPTYPE) {
                return Ok(format!("{}({body})", ty.name()));
            }
            Ok(body)
        }
        Some(ObjKind::Set) => {
            let s = Gc::<SetBody>::from_value(inner).expect("set");
            let items: Vec<Value> = s.lock().iter().map(|e| e.key).collect();
            let holder = vm.new_tuple(items.clone());
            let tn = type_of(vm, v).name();
            let frozen = s.frozen;
            let r = guarded(vm, inner, &format!("{tn}(...)"), |vm| {
                if items.is_empty() {
                    return Ok(format!("{tn}()"));
                }
                let body = join_reprs(vm, &items)?;
                Ok(if frozen || tn != "set" {
                    format!("{tn}({{{body}}})")
                } else {
                    format!("{{{body}}}")
                })
            });
            std::hint::black_box(holder);
            r
        }
        Some(ObjKind::Bytes) => Ok(repr_bytes(
            &Gc::<BytesBody>::from_value(inner).expect("bytes").data,
        )),
        Some(ObjKind::ByteArray) => {
            let data = Gc::<ByteArrayBody>::from_value(inner)
                .expect("bytearray")
                .data
                .lock()
                .clone();
            let tn = type_of(vm, v).name();
            Ok(format!("{tn}({})", bytearray_repr_body(&data)))
        }
        Some(ObjKind::Complex) => {
            let (re, im) = crate::builtins::numbers::complex_parts(inner).unwrap_or((0.0, 0.0));
            Ok(crate::format::complex_repr(re, im))
        }
        Some(ObjKind::Type) => {
            let ty = Gc::<TypeBody>::from_value(inner).expect("type");
            Ok(format!("<class '{}'>", type_display_name(ty)))
        }
        Some(ObjKind::Function) => {
            let f = Gc::<FunctionBody>::from_value(inner).expect("function");
            let q = str_of(f.qualname.get()).unwrap_or("?").to_owned();
            Ok(format!("<function {q} at {:#x}>", inner.bits()))
        }
        Some(ObjKind::Builtin) => {
            let b = Gc::<BuiltinBody>::from_value(inner).expect("builtin");
            if b.bound.is_unset() || kind_of(b.bound) == Some(ObjKind::Module) {
                Ok(format!("<built-in function {}>", b.name))
            } else {
                let tn = ops::type_name(vm, b.bound);
                Ok(format!(
                    "<built-in method {} of {tn} object at {:#x}>",
                    b.name,
                    b.bound.bits()
                ))
            }
        }
        Some(ObjKind::Method) => {
            let m = Gc::<MethodBody>::from_value(inner).expect("method");
            if let Some(b) = Gc::<BuiltinBody>::from_value(m.func) {
                let tn = ops::type_name(vm, m.receiver);
                if kind_of(m.receiver) == Some(ObjKind::Type) {
                    let cls = Gc::<TypeBody>::from_value(m.receiver).expect("type");
                    return Ok(format!(
                        "<built-in method {} of type object at {:#x}>",
                        b.name,
                        cls.addr()
                    )
                    .replace("type object", &format!("{} object", "type")));
                }
                return Ok(format!(
                    "<built-in method {} of {tn} object at {:#x}>",
                    b.name,
                    m.receiver.bits()
                ));
            }
            let q = match Gc::<FunctionBody>::from_value(m.func) {
                Some(f) => str_of(f.qualname.get()).unwrap_or("?").to_owned(),
                None => attr::getattr_opt(vm, m.func, "__qualname__")?
                    .and_then(|q| str_of(q).map(str::to_owned))
                    .unwrap_or_else(|| "?".into()),
            };
            let r = repr_string(vm, m.receiver)?;
            Ok(format!("<bound method {q} of {r}>"))
        }
        Some(ObjKind::Module) => {
            let m = Gc::<ModuleBody>::from_value(inner).expect("module");
            let name = dictops::get_str(&m.dict, "__name__")
                .and_then(str_of)
                .unwrap_or("?")
                .to_owned();
            match dictops::get_str(&m.dict, "__file__").and_then(str_of) {
                Some(file) => Ok(format!("<module '{name}' from '{file}'>")),
                None if crate::modules::builtin_module_names().contains(&name.as_str()) => {
                    Ok(format!("<module '{name}' (built-in)>"))
                }
                None => Ok(format!("<module '{name}'>")),
            }
        }
        Some(ObjKind::Exception) => crate::builtins::exceptions::exception_repr(vm, v),
        Some(ObjKind::Range) => crate::builtins::range::range_repr(vm, inner),
        Some(ObjKind::Slice) => {
            let s = Gc::<crate::types::misc::SliceBody>::from_value(inner).expect("slice");
            let (a, b, c) = (s.start, s.stop, s.step);
            Ok(format!(
                "slice({}, {}, {})",
                repr_string(vm, a)?,
                repr_string(vm, b)?,
                repr_string(vm, c)?
            ))
        }
        Some(ObjKind::Generator) => {
            let g = Gc::<crate::vm::generator::GenBody>::from_value(inner).expect("generator");
            let q = str_of(g.qualname.get()).unwrap_or("?").to_owned();
            let what = match g.kind {
                crate::vm::generator::GenKind::Generator => "generator",
                crate::vm::generator::GenKind::Coroutine => "coroutine",
                crate::vm::generator::GenKind::AsyncGenerator => "async_generator",
            };
            Ok(format!("<{what} object {q} at {:#x}>", inner.bits()))
        }
        Some(ObjKind::Native) => crate::builtins::native_repr(vm, inner)
            .map(|r| r.unwrap_or_else(|| default_repr(vm, v))),
        _ => Ok(default_repr(vm, v)),
    }
}
