//! `_regex`: the matching engine (`crate::regex`) for the `re` module, which is written
//! in Python (runtime/pylib/re.py) on top of three functions: `compile`, `match` and
//! `scan`. Spans cross as flat tuples `(start0, end0, start1, end1, ..., lastindex)` with
//! -1 for a group that did not participate (and for no `lastindex`).

use std::any::Any;
use std::sync::Arc;

use parking_lot::Mutex;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::iterators::native_type;
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, str_of};
use crate::regex::{Mode, Regex, Spans};
use crate::types::module::ModuleBody;
use crate::types::native::NativeObject;
use crate::value::Value;

/// A compiled pattern held by a `re.Pattern`, with the characters of the last immutable
/// subject it ran on (scanners call `match(text, pos)` over one text many times; this
/// keeps each call from converting the whole text again).
struct CompiledRegex {
    re: Regex,
    last_subject: Mutex<Option<(Value, Arc<[char]>)>>,
}

impl NativeObject for CompiledRegex {
    fn trace(&self, t: &mut Tracer) {
        if let Some((v, _)) = &*self.last_subject.lock() {
            t.visit(*v);
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The characters of a `str`, or the bytes of a bytes-like object as `char`s.
fn subject(vm: &mut Vm, v: Value) -> PyResult<(Vec<char>, bool)> {
    if let Some(s) = str_of(v) {
        return Ok((s.chars().collect(), false));
    }
    match crate::builtins::bytes::bytes_like(vm, v)? {
        Some(b) => Ok((b.into_iter().map(char::from).collect(), true)),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("expected string or bytes-like object, got '{tn}'")))
        }
    }
}

/// `compile(pattern, flags)` → `(handle, groups, groupindex, flags)`; a bad pattern
/// raises `ValueError(message, position)`, which `re` turns into `re.error`.
fn compile(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "compile", 2, 2)?;
    let (pattern, is_bytes) = subject(vm, a[0])?;
    let flags = ops::convert::index_i64(vm, a[1])?;
    match crate::regex::compile(&pattern, (flags as u64 & 0xFFFF_FFFF) as u32, is_bytes) {
        Ok(re) => {
            let groups = Value::small_int(re.groups as i64);
            let index = vm.new_dict_body();
            for (name, g) in &re.group_names {
                let k = vm.new_str(name);
                ops::dictops::set(vm, index, k, Value::small_int(*g as i64))?;
            }
            let out_flags = Value::small_int(i64::from(re.flags));
            let ty = native_type(vm, "_regex.CompiledRegex");
            let handle = new_native(
                vm,
                ty,
                CompiledRegex {
                    re,
                    last_subject: Mutex::new(None),
                },
            );
            Ok(vm.new_tuple(vec![handle, groups, index.value(), out_flags]))
        }
        Err(e) => {
            let msg = vm.new_string(e.msg);
            let ty = vm.rt.exc.value_error;
            let pos = if e.pos == crate::regex::NO_POSITION {
                Value::NONE
            } else {
                Value::small_int(e.pos as i64)
            };
            Err(crate::errors::new_exception(vm, ty, vec![msg, pos]))
        }
    }
}

fn handle<'a>(vm: &mut Vm, v: Value) -> PyResult<&'a CompiledRegex> {
    match native::<CompiledRegex>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("expected a compiled pattern")),
    }
}

fn spans_tuple(vm: &mut Vm, spans: &Spans) -> Value {
    let items: Vec<Value> = spans
        .iter()
        .map(|s| Value::small_int(s.map_or(-1, |p| p as i64)))
        .collect();
    vm.new_tuple(items)
}

/// The characters of the subject, the start position and `endpos`, clamped like
/// CPython's.
fn window(vm: &mut Vm, c: &CompiledRegex, a: &[Value]) -> PyResult<(Arc<[char]>, usize, usize)> {
    let v = a[1];
    let cached = match &*c.last_subject.lock() {
        Some((last, chars)) if *last == v => Some(chars.clone()),
        _ => None,
    };
    let text = match cached {
        Some(t) => t,
        None => {
            let (chars, _) = subject(vm, v)?;
            let chars: Arc<[char]> = chars.into();
            // Only immutable subjects can be remembered.
            if matches!(
                crate::object::kind_of(v),
                Some(crate::object::ObjKind::Str | crate::object::ObjKind::Bytes)
            ) {
                *c.last_subject.lock() = Some((v, chars.clone()));
            }
            chars
        }
    };
    let len = text.len() as i64;
    let pos = ops::convert::index_i64(vm, a[2])?.clamp(0, len) as usize;
    let endpos = ops::convert::index_i64(vm, a[3])?.clamp(0, len) as usize;
    Ok((text, pos, endpos))
}

/// `match(handle, string, pos, endpos, mode)` with mode 0 = match, 1 = fullmatch,
/// 2 = search.
fn match_(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "match", 5, 5)?;
    let c = handle(vm, a[0])?;
    let (chars, pos, endpos) = window(vm, c, a)?;
    let text = &chars[..endpos];
    let mode = match a[4].as_small_int() {
        Some(0) => Mode::Match,
        Some(1) => Mode::FullMatch,
        _ => Mode::Search,
    };
    if pos > text.len() {
        return Ok(Value::NONE);
    }
    Ok(match crate::regex::exec(&c.re, text, pos, mode) {
        Some(spans) => spans_tuple(vm, &spans),
        None => Value::NONE,
    })
}

/// `scan(handle, string, pos, endpos, limit)`: the spans of successive matches.
fn scan(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "scan", 5, 5)?;
    let c = handle(vm, a[0])?;
    let (chars, pos, endpos) = window(vm, c, a)?;
    let text = &chars[..endpos];
    let limit = ops::convert::index_i64(vm, a[4])?.max(0) as usize;
    if pos > text.len() {
        return Ok(vm.new_list(Vec::new()));
    }
    let found = crate::regex::scan(&c.re, text, pos, limit);
    let items: Vec<Value> = found.iter().map(|s| spans_tuple(vm, s)).collect();
    Ok(vm.new_list(items))
}

/// Builds `_regex`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    Ok(super::new_module_with(
        vm,
        "_regex",
        &[("compile", compile), ("match", match_), ("scan", scan)],
    ))
}
