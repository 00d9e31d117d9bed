//! The `builtins` module's functions (Python/bltinmodule.c), and the module's
//! installation into an interpreter.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::args::Args;
use crate::builtins::{new_builtin, numbers};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, IntRef, attr, call, dictops, int_of, str_of, type_of};
use crate::types::dict::DictBody;
use crate::types::function::Binding;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;
use crate::vm::frame::FrameBody;

/// Writes `text` to `sys.stdout` (the interpreter's buffered stdout unless replaced).
pub fn write_stdout(vm: &mut Vm, text: &str) -> PyResult<()> {
    let stdout = crate::modules::sys::get(vm, "stdout");
    write_to(vm, stdout, text)
}

/// Writes `text` to the file object `file`.
pub fn write_to(vm: &mut Vm, file: Value, text: &str) -> PyResult<()> {
    if let Some(stream) = crate::modules::io::std_stream(file) {
        return crate::modules::io::write_std(vm, stream, text);
    }
    if file.is_none() {
        return Ok(());
    }
    let write = attr::getattr_str(vm, file, "write")?;
    let s = vm.new_str(text);
    call::call(vm, write, &[s])?;
    Ok(())
}

/// `file.write(s)` for a str object `s`, which may hold lone surrogates.
fn write_str_to(vm: &mut Vm, file: Value, s: Value) -> PyResult<()> {
    if let Some(stream) = crate::modules::io::std_stream(file) {
        return crate::modules::io::write_std_str(vm, stream, s);
    }
    if file.is_none() {
        return Ok(());
    }
    let write = attr::getattr_str(vm, file, "write")?;
    call::call(vm, write, &[s])?;
    Ok(())
}

fn print(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "print", &["sep", "end", "file", "flush"])?;
    let get_str = |vm: &mut Vm, name: &str, default: &str| -> PyResult<String> {
        match args.kwarg(name) {
            None => Ok(default.to_owned()),
            Some(v) if v.is_none() => Ok(default.to_owned()),
            Some(v) => match str_of(v) {
                Some(s) => Ok(s.to_owned()),
                None => {
                    let tn = ops::type_name(vm, v);
                    Err(vm.type_error(format!("{name} must be None or a string, not {tn}")))
                }
            },
        }
    };
    let sep = get_str(vm, "sep", " ")?;
    let end = get_str(vm, "end", "\n")?;
    let file = match args.kwarg("file") {
        Some(f) if !f.is_none() => f,
        _ => crate::modules::sys::get(vm, "stdout"),
    };
    let mut out = String::new();
    for (i, &v) in args.pos().iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        let s = ops::repr::str(vm, v)?;
        if ops::str_has_surrogates(s) {
            // CPython writes each piece on its own, so the text before a piece that cannot
            // be encoded is out before the error.
            let mark = vm.push_root(s);
            let r = write_to(vm, file, &out).and_then(|()| write_str_to(vm, file, s));
            vm.pop_roots(mark);
            r?;
            out.clear();
            continue;
        }
        out.push_str(ops::str_of(s).unwrap_or(""));
    }
    out.push_str(&end);
    write_to(vm, file, &out)?;
    if let Some(f) = args.kwarg("flush")
        && ops::truthy(vm, f)?
        && let Some(flush) = attr::getattr_opt(vm, file, "flush")?
    {
        call::call(vm, flush, &[])?;
    }
    Ok(Value::NONE)
}

fn len(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "len")?;
    let n = ops::len(vm, v)?;
    Ok(vm.new_int(n as i64))
}

fn repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "repr")?;
    ops::repr::repr(vm, v)
}

/// `ascii(v)`: the repr with non-ASCII characters escaped.
pub fn ascii_of(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let r = ops::repr::repr_string(vm, v)?;
    let mut out = String::new();
    for c in r.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            0x100..=0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    Ok(vm.new_string(out))
}

fn ascii(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "ascii")?;
    ascii_of(vm, v)
}

fn abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "abs")?;
    if let Some(i) = v.as_small_int() {
        return Ok(vm.new_int(i.abs()));
    }
    if let Some(f) = v.as_f64() {
        return Ok(Value::from_f64(f.abs()));
    }
    match call::call_special(vm, v, "__abs__", &[])? {
        Some(r) => Ok(r),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("bad operand type for abs(): '{tn}'")))
        }
    }
}

fn all_any(vm: &mut Vm, args: &Args, want: bool, name: &str) -> PyResult<Value> {
    let v = args.one(vm, name)?;
    let it = ops::iter::get_iter(vm, v)?;
    while let Some(x) = ops::iter::next(vm, it)? {
        if ops::truthy(vm, x)? == want {
            return Ok(Value::from_bool(want));
        }
    }
    Ok(Value::from_bool(!want))
}

fn all(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    all_any(vm, args, false, "all")
}

fn any(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    all_any(vm, args, true, "any")
}

fn int_text(vm: &mut Vm, v: Value, radix: u32, prefix: &str, name: &str) -> PyResult<Value> {
    let b = match int_of(v) {
        Some(_) => ops::bigint_of(v).unwrap_or_default(),
        None => {
            if attr::lookup_type(vm, type_of(vm, v), "__index__").is_none() {
                let tn = ops::type_name(vm, v);
                let _ = name;
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
            ops::convert::index_bigint(vm, v)?
        }
    };
    let digits = b.abs().to_str_radix(radix);
    let sign = if b.is_negative() { "-" } else { "" };
    Ok(vm.new_string(format!("{sign}{prefix}{digits}")))
}

fn bin(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "bin")?;
    int_text(vm, v, 2, "0b", "bin")
}

fn oct(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "oct")?;
    int_text(vm, v, 8, "0o", "oct")
}

fn hex(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "hex")?;
    int_text(vm, v, 16, "0x", "hex")
}

/// Whether `v` can be called.
pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    match kind_of(v) {
        Some(ObjKind::Function | ObjKind::Builtin | ObjKind::Method | ObjKind::Type) => true,
        _ => v.is_ptr() && attr::lookup_type(vm, type_of(vm, v), "__call__").is_some(),
    }
}

fn callable(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "callable")?;
    Ok(Value::from_bool(is_callable(vm, v)))
}

fn chr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "chr")?;
    let i = match int_of(v) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(_)) => {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
        None => {
            let tn = ops::type_name(vm, v);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    match u32::try_from(i).ok().filter(|&c| c <= 0x10FFFF) {
        Some(c) => Ok(crate::builtins::str::code_value(vm, c)),
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "ord")?;
    if let Some(body) = ops::str_body(v) {
        let s = body.body();
        return match s.char_len() {
            1 => Ok(vm.new_int(i64::from(s.code_at(0)))),
            n => Err(vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            ))),
        };
    }
    if let Some(b) = crate::builtins::str::bytes_data(v) {
        if b.len() == 1 {
            return Ok(vm.new_int(b[0] as i64));
        }
        return Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        )));
    }
    let tn = ops::type_name(vm, v);
    Err(vm.type_error(format!("ord() expected string of length 1, but {tn} found")))
}

fn getattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "getattr", 2, 3)?;
    if str_of(a[1]).is_none() {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    }
    match attr::getattr(vm, a[0], a[1]) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && ops::is_instance(vm, e.value(), vm.rt.exc.attribute_error) => {
            Ok(a[2])
        }
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "setattr", 3, 3)?;
    attr::setattr(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn delattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "delattr", 2, 2)?;
    attr::delattr(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn hasattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "hasattr", 2, 2)?;
    if str_of(a[1]).is_none() {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    }
    match attr::getattr(vm, a[0], a[1]) {
        Ok(_) => Ok(Value::TRUE),
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.attribute_error) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

fn hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "hash")?;
    let h = ops::hash::hash(vm, v)?;
    Ok(vm.new_int(h))
}

fn id(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "id")?;
    let id = if v.is_ptr() {
        v.bits() as i64
    } else {
        (v.bits() >> 1) as i64
    };
    Ok(vm.new_int(id))
}

/// `isinstance(obj, cls)` with `__instancecheck__` and tuples.
pub fn isinstance(vm: &mut Vm, obj: Value, cls: Value) -> PyResult<bool> {
    if let Some(t) = Gc::<TypeBody>::from_value(cls) {
        if ops::is_instance(vm, obj, t) {
            return Ok(true);
        }
        let meta = type_of(vm, cls);
        if meta != vm.rt.types.type_
            && let Some(f) = attr::lookup_type(vm, meta, "__instancecheck__")
        {
            let r = call::call_method(vm, f, cls, &[obj])?;
            return ops::truthy(vm, r);
        }
        return Ok(false);
    }
    if let Some(items) = ops::tuple_items(cls) {
        for c in items.iter().copied() {
            if isinstance(vm, obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(f) = call::call_special(vm, cls, "__instancecheck__", &[obj])? {
        return ops::truthy(vm, f);
    }
    Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

fn isinstance_fn(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "isinstance", 2, 2)?;
    isinstance(vm, a[0], a[1]).map(Value::from_bool)
}

/// `issubclass(sub, cls)`.
pub fn issubclass(vm: &mut Vm, sub: Value, cls: Value) -> PyResult<bool> {
    if let Some(items) = ops::tuple_items(cls) {
        for c in items.iter().copied() {
            if issubclass(vm, sub, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(t) = Gc::<TypeBody>::from_value(cls) {
        let meta = type_of(vm, cls);
        if meta != vm.rt.types.type_
            && let Some(f) = attr::lookup_type(vm, meta, "__subclasscheck__")
        {
            let r = call::call_method(vm, f, cls, &[sub])?;
            return ops::truthy(vm, r);
        }
        let Some(s) = Gc::<TypeBody>::from_value(sub) else {
            return Err(vm.type_error("issubclass() arg 1 must be a class"));
        };
        return Ok(ops::is_subtype(s, t));
    }
    if let Some(f) = call::call_special(vm, cls, "__subclasscheck__", &[sub])? {
        return ops::truthy(vm, f);
    }
    Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
}

fn issubclass_fn(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "issubclass", 2, 2)?;
    issubclass(vm, a[0], a[1]).map(Value::from_bool)
}

fn iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "iter", 1, 2)?;
    if a.len() == 2 {
        if !is_callable(vm, a[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(crate::builtins::iterators::new_callable_iter(
            vm, a[0], a[1],
        ));
    }
    ops::iter::get_iter(vm, a[0])
}

fn next(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "next", 1, 2)?;
    let it = a[0];
    if kind_of(it) == Some(ObjKind::Generator) {
        return match crate::vm::generator_ops::gen_send(vm, it, Value::NONE) {
            Err(e) if a.len() == 2 && ops::is_instance(vm, e.value(), vm.rt.exc.stop_iteration) => {
                Ok(a[1])
            }
            r => r,
        };
    }
    let ty = type_of(vm, it);
    let has_next = matches!(kind_of(it), Some(ObjKind::RangeIter | ObjKind::SeqIter))
        || attr::lookup_type(vm, ty, "__next__").is_some();
    if !has_next {
        let tn = ty.name();
        return Err(vm.type_error(format!("'{tn}' object is not an iterator")));
    }
    match ops::iter::next(vm, it)? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.stop_iteration(Value::NONE)),
        },
    }
}

fn divmod(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "divmod", 2, 2)?;
    if int_of(a[0]).is_some() && int_of(a[1]).is_some() {
        let (x, y) = (x_ref(a[0]), x_ref(a[1]));
        let q = numbers::int_op(vm, &x, &y, compiler::ir::ops::BinOp::FloorDiv)?;
        let r = numbers::int_op(vm, &x, &y, compiler::ir::ops::BinOp::Mod)?;
        return Ok(vm.new_tuple(vec![q, r]));
    }
    if numbers::is_number(a[0])
        && numbers::is_number(a[1])
        && ops::float_of(a[0]).or(ops::float_of(a[1])).is_some()
    {
        let x = numbers::to_f64(vm, a[0])?;
        let y = numbers::to_f64(vm, a[1])?;
        if y == 0.0 {
            return Err(vm.zero_division_error("division by zero"));
        }
        let (q, r) = numbers::float_divmod(x, y);
        return Ok(vm.new_tuple(vec![Value::from_f64(q), Value::from_f64(r)]));
    }
    match call::call_special(vm, a[0], "__divmod__", &[a[1]])? {
        Some(r) if r != Value::NOT_IMPLEMENTED => return Ok(r),
        _ => {}
    }
    match call::call_special(vm, a[1], "__rdivmod__", &[a[0]])? {
        Some(r) if r != Value::NOT_IMPLEMENTED => Ok(r),
        _ => Err(ops::arith::unsupported(vm, a[0], a[1], "divmod()")),
    }
}

fn x_ref<'a>(v: Value) -> IntRef<'a> {
    int_of(v).unwrap_or(IntRef::Small(0))
}

fn pow(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "pow", &["base", "exp", "mod"])?;
    let pos = args.pos();
    let base = pos.first().copied().or(args.kwarg("base"));
    let exp = pos.get(1).copied().or(args.kwarg("exp"));
    let m = pos
        .get(2)
        .copied()
        .or(args.kwarg("mod"))
        .filter(|v| !v.is_none());
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(vm.type_error("pow() missing required argument 'exp' (pos 2)"));
    };
    let Some(m) = m else {
        return ops::arith::binary_op(vm, base, exp, compiler::ir::ops::BinOp::Pow);
    };
    let (Some(b), Some(e), Some(md)) =
        (ops::bigint_of(base), ops::bigint_of(exp), ops::bigint_of(m))
    else {
        // Builtin numbers refuse a modulus; a user class's `__pow__` gets all three.
        let ty = type_of(vm, base);
        if ty.has_flag(crate::types::typeobj::tflags::HEAPTYPE)
            && let Some(r) = call::call_special(vm, base, "__pow__", &[exp, m])?
            && r != Value::NOT_IMPLEMENTED
        {
            return Ok(r);
        }
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    numbers::int_pow_mod(vm, &b, &e, &md)
}

fn round(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "round", &["number", "ndigits"])?;
    let pos = args.pos();
    let number = pos.first().copied().or(args.kwarg("number"));
    let nd = pos.get(1).copied().or(args.kwarg("ndigits"));
    let Some(number) = number else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    let extra: Vec<Value> = nd.into_iter().collect();
    match call::call_special(vm, number, "__round__", &extra)? {
        Some(r) => Ok(r),
        None => {
            let tn = ops::type_name(vm, number);
            Err(vm.type_error(format!("type {tn} doesn't define __round__ method")))
        }
    }
}

fn minmax(vm: &mut Vm, args: &Args, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    args.only_kwargs(vm, name, &["key", "default"])?;
    let key = args.kwarg("key").filter(|k| !k.is_none());
    let default = args.kwarg("default");
    let pos = args.pos();
    let items: Vec<Value> = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => ops::iter::collect(vm, pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let holder = vm.new_tuple(items.clone());
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match key {
            Some(f) => call::call(vm, f, &[item])?,
            None => item,
        };
        best = match best {
            None => Some((item, k)),
            Some((bi, bk)) => {
                let op = if is_max {
                    compiler::ir::ops::CmpOp::Gt
                } else {
                    compiler::ir::ops::CmpOp::Lt
                };
                let r = ops::compare::richcompare(vm, k, bk, op)?;
                if ops::truthy(vm, r)? {
                    Some((item, k))
                } else {
                    Some((bi, bk))
                }
            }
        };
    }
    std::hint::black_box(holder);
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() iterable argument is empty"))),
        },
    }
}

fn max(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    minmax(vm, args, true)
}

fn min(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    minmax(vm, args, false)
}

fn sum(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "sum", &["start"])?;
    let pos = args.pos();
    if pos.is_empty() || pos.len() > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            pos.len()
        )));
    }
    let mut acc = pos
        .get(1)
        .copied()
        .or(args.kwarg("start"))
        .unwrap_or(Value::small_int(0));
    if str_of(acc).is_some() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if crate::builtins::str::bytes_data(acc).is_some() {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let it = ops::iter::get_iter(vm, pos[0])?;
    // Exact float summation as CPython 3.12+ does (Neumaier compensation).
    let mut fsum: Option<(f64, f64)> = None;
    while let Some(x) = ops::iter::next(vm, it)? {
        if let (Some(f), true) = (x.as_f64(), acc.as_f64().is_some() || fsum.is_some()) {
            let (s, c) = fsum.unwrap_or((acc.as_f64().unwrap_or(0.0), 0.0));
            let t = s + f;
            let c = if s.abs() >= f.abs() {
                c + ((s - t) + f)
            } else {
                c + ((f - t) + s)
            };
            fsum = Some((t, c));
            continue;
        }
        if let Some((s, c)) = fsum.take() {
            acc = Value::from_f64(if c.is_finite() { s + c } else { s });
        }
        acc = ops::arith::binary_op(vm, acc, x, compiler::ir::ops::BinOp::Add)?;
    }
    if let Some((s, c)) = fsum {
        acc = Value::from_f64(if c.is_finite() { s + c } else { s });
    }
    Ok(acc)
}

fn sorted(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    // CPython forwards the keywords to `list.sort`, whose argument parser reports them.
    let nkw = args.kwargs().count();
    if nkw > 2 {
        return Err(vm.type_error(format!(
            "sort() takes at most 2 keyword arguments ({nkw} given)"
        )));
    }
    if let Some((bad, _)) = args.kwargs().find(|(n, _)| *n != "key" && *n != "reverse") {
        return Err(vm.type_error(format!("sort() got an unexpected keyword argument '{bad}'")));
    }
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = ops::iter::collect(vm, pos[0])?;
    let list = vm.new_list(items);
    let sort = attr::getattr_str(vm, list, "sort")?;
    let kw: Vec<Value> = args
        .kwargs()
        .map(|(n, _)| n)
        .collect::<Vec<_>>()
        .into_iter()
        .map(|n| vm.intern(n))
        .collect();
    let kv: Vec<Value> = args.kwargs().map(|(_, v)| v).collect();
    call::call_kw(vm, sort, &kv, &kw)?;
    Ok(list)
}

fn globals(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    match Gc::<FrameBody>::from_value(vm.frame) {
        Some(f) => Ok(f.globals.value()),
        None => Ok(vm.new_dict_body().value()),
    }
}

/// `frame.f_locals` / `locals()`: the locals mapping of module and class bodies, or a
/// snapshot dict of a function's fast locals and cells.
pub fn frame_locals(vm: &mut Vm, f: Gc<FrameBody>) -> PyResult<Value> {
    let l = f.locals.get();
    if !l.is_unset() {
        return Ok(l);
    }
    let d = vm.new_dict_body();
    let co = &f.code.code;
    for (i, name) in co.varnames.iter().enumerate().take(co.nlocals as usize) {
        let v = f.reg(i);
        if !v.is_unset() && !co.cells.contains(name) {
            dictops::set_item_str(vm, d, name, v);
        }
    }
    for (i, name) in co.cells.iter().chain(co.frees.iter()).enumerate() {
        if let Some(c) = Gc::<crate::types::function::CellBody>::from_value(f.derefs[i].get()) {
            let v = c.value.get();
            if !v.is_unset() {
                dictops::set_item_str(vm, d, name, v);
            }
        }
    }
    Ok(d.value())
}

fn locals(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    match Gc::<FrameBody>::from_value(vm.frame) {
        Some(f) => frame_locals(vm, f),
        None => Ok(vm.new_dict_body().value()),
    }
}

fn vars(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "vars", 0, 1)?;
    match a.first() {
        None => locals(vm, args),
        Some(&obj) => match attr::getattr_opt(vm, obj, "__dict__")? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

/// `dir(obj)`: sorted attribute names.
pub fn dir_of(vm: &mut Vm, obj: Value) -> PyResult<Value> {
    let mut names: Vec<String> = Vec::new();
    let add_dict = |d: Gc<DictBody>, names: &mut Vec<String>| {
        for (k, _) in dictops::items(&d) {
            if let Some(s) = str_of(k)
                && !names.iter().any(|n| n == s)
            {
                names.push(s.to_owned());
            }
        }
    };
    if let Some(m) = Gc::<crate::types::module::ModuleBody>::from_value(obj) {
        add_dict(m.dict, &mut names);
    } else {
        if let Some(d) = attr::instance_dict(vm, obj) {
            add_dict(d, &mut names);
        }
        let ty = Gc::<TypeBody>::from_value(obj).unwrap_or_else(|| type_of(vm, obj));
        for t in ty.mro() {
            if let Some(t) = Gc::<TypeBody>::from_value(t) {
                add_dict(t.dict, &mut names);
                // CPython stores these getsets in the dict of a class that introduces
                // an instance dict; here they are computed by `builtins::special`.
                if t.has_flag(tflags::HEAPTYPE) && t.has_flag(tflags::HAS_ATTRS) {
                    for n in ["__dict__", "__weakref__"] {
                        if !names.iter().any(|x| x == n) {
                            names.push(n.to_owned());
                        }
                    }
                }
            }
        }
        if !names.iter().any(|x| x == "__class__") {
            names.push("__class__".to_owned());
        }
    }
    names.sort();
    let vals: Vec<Value> = names.into_iter().map(|n| vm.new_string(n)).collect();
    Ok(vm.new_list(vals))
}

fn dir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "dir", 0, 1)?;
    match a.first() {
        None => {
            let l = locals(vm, args)?;
            let keys: Vec<Value> = crate::builtins::dict::mapping_items(vm, l)?
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let list = vm.new_list(keys);
            let sort = attr::getattr_str(vm, list, "sort")?;
            call::call(vm, sort, &[])?;
            Ok(list)
        }
        Some(&obj) => {
            if let Some(r) = call::call_special(vm, obj, "__dir__", &[])?
                && kind_of(obj) != Some(ObjKind::Module)
            {
                let items = ops::iter::collect(vm, r)?;
                let list = vm.new_list(items);
                let sort = attr::getattr_str(vm, list, "sort")?;
                call::call(vm, sort, &[])?;
                return Ok(list);
            }
            dir_of(vm, obj)
        }
    }
}

/// `format(value, spec)`.
pub fn format(vm: &mut Vm, value: Value, spec: Value) -> PyResult<Value> {
    let ty = type_of(vm, value);
    if ty.has_flag(crate::types::typeobj::tflags::HEAPTYPE)
        && let Some(f) = attr::lookup_type(vm, ty, "__format__")
        && kind_of(f) != Some(ObjKind::Builtin)
    {
        let r = call::call_method(vm, f, value, &[spec])?;
        if str_of(r).is_none() {
            let tn = ops::type_name(vm, r);
            return Err(vm.type_error(format!("__format__ must return a str, not {tn}")));
        }
        return Ok(r);
    }
    builtin_format(vm, ops::unwrap_payload(value), spec)
}

fn format_fn(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "format", 1, 2)?;
    let spec = match a.get(1) {
        Some(&s) => s,
        None => vm.intern(""),
    };
    if str_of(spec).is_none() {
        let tn = ops::type_name(vm, spec);
        return Err(vm.type_error(format!("format() argument 2 must be str, not {tn}")));
    }
    format(vm, a[0], spec)
}

/// `object.__format__` and the builtin types' `__format__`.
pub fn builtin_format(vm: &mut Vm, value: Value, spec: Value) -> PyResult<Value> {
    let spec = str_of(spec).unwrap_or("").to_owned();
    crate::builtins::formatting::format_builtin(vm, value, &spec)
}

/// `str % args`.
pub fn percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    crate::builtins::formatting::percent_format(vm, fmt, args)
}

/// `str.format(*args, **kwargs)` / `format_map(mapping)`.
pub fn str_format(
    vm: &mut Vm,
    fmt: &str,
    positional: &[Value],
    args: &Args,
    mapping: Option<Value>,
) -> PyResult<Value> {
    crate::builtins::formatting::str_format(vm, fmt, positional, args, mapping)
}

fn input(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "input", 0, 1)?;
    if vm
        .interp
        .sandboxed
        .load(std::sync::atomic::Ordering::Relaxed)
    {
        return Err(vm.eof_error("EOF when reading a line"));
    }
    if let Some(&prompt) = a.first() {
        let p = ops::repr::str_string(vm, prompt)?;
        write_stdout(vm, &p)?;
    }
    crate::modules::io::flush_std(vm);
    let mut line = String::new();
    // Waiting for input must not hold up other threads' collections.
    let got = vm.detached(|| std::io::stdin().read_line(&mut line));
    match got {
        Ok(0) => Err(vm.eof_error("EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(vm.new_string(line))
        }
        Err(e) => Err(vm.os_error(e.to_string())),
    }
}

fn compile(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::modules::exec::compile_builtin(vm, args)
}

fn exec(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::modules::exec::exec_builtin(vm, args, false)
}

fn eval(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::modules::exec::exec_builtin(vm, args, true)
}

fn import(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::import::import_builtin(vm, args)
}

fn build_class(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::builtins::typeobj::build_class(vm, args)
}

fn aiter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    // CPython's `PyObject_GetAIter`.
    let v = args.one(vm, "aiter")?;
    let ty = type_of(vm, v);
    let Some(f) = attr::lookup_type(vm, ty, "__aiter__") else {
        let tn = ty.name();
        return Err(vm.type_error(format!("'{tn}' object is not an async iterable")));
    };
    let it = call::call_method(vm, f, v, &[])?;
    let it_ty = type_of(vm, it);
    if attr::lookup_type(vm, it_ty, "__anext__").is_none() {
        let tn = it_ty.name();
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{tn}'"
        )));
    }
    Ok(it)
}

fn anext(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "anext", 1, 2)?;
    let ty = type_of(vm, a[0]);
    match attr::lookup_type(vm, ty, "__anext__") {
        Some(f) => {
            let aw = call::call_method(vm, f, a[0], &[])?;
            if a.len() == 2 {
                return crate::builtins::iterators::anext_with_default(vm, aw, a[1]);
            }
            Ok(aw)
        }
        None => {
            let tn = ty.name();
            Err(vm.type_error(format!("'{tn}' object is not an async iterator")))
        }
    }
}

fn open(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    crate::modules::io::open(vm, args)
}

fn exit(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "exit", 0, 1)?;
    let ty = vm.rt.exc.system_exit;
    Err(crate::errors::new_exception(vm, ty, a.to_vec()))
}

/// The builtin functions, by name.
const FUNCTIONS: &[(&str, crate::args::NativeFn)] = &[
    ("print", print),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii),
    ("abs", abs),
    ("all", all),
    ("any", any),
    ("bin", bin),
    ("oct", oct),
    ("hex", hex),
    ("callable", callable),
    ("chr", chr),
    ("ord", ord),
    ("getattr", getattr),
    ("setattr", setattr),
    ("delattr", delattr),
    ("hasattr", hasattr),
    ("hash", hash),
    ("id", id),
    ("isinstance", isinstance_fn),
    ("issubclass", issubclass_fn),
    ("iter", iter),
    ("next", next),
    ("divmod", divmod),
    ("pow", pow),
    ("round", round),
    ("max", max),
    ("min", min),
    ("sum", sum),
    ("sorted", sorted),
    ("globals", globals),
    ("locals", locals),
    ("vars", vars),
    ("dir", dir),
    ("format", format_fn),
    ("input", input),
    ("compile", compile),
    ("exec", exec),
    ("eval", eval),
    ("__import__", import),
    ("__build_class__", build_class),
    ("aiter", aiter),
    ("anext", anext),
    ("open", open),
    ("exit", exit),
    ("quit", exit),
];

/// Fills the interpreter's `builtins` module.
pub fn install(vm: &mut Vm) {
    let d = vm.interp.builtins.dict;
    for &(name, f) in FUNCTIONS {
        let v = new_builtin(vm, name, f, Binding::Function, vm.interp.builtins.value());
        dictops::set_item_str(vm, d, name, v);
    }
    let types = vm.rt.types.all();
    for ty in types {
        let name = ty.name();
        if matches!(
            name.as_str(),
            "object"
                | "type"
                | "int"
                | "bool"
                | "float"
                | "complex"
                | "str"
                | "bytes"
                | "bytearray"
                | "tuple"
                | "list"
                | "dict"
                | "set"
                | "frozenset"
                | "range"
                | "slice"
                | "property"
                | "classmethod"
                | "staticmethod"
                | "super"
        ) {
            dictops::set_item_str(vm, d, &name, ty.value());
        }
    }
    for (name, ty) in vm.rt.exc.all() {
        dictops::set_item_str(vm, d, name, ty.value());
    }
    let os_error = vm.rt.exc.os_error.value();
    dictops::set_item_str(vm, d, "EnvironmentError", os_error);
    dictops::set_item_str(vm, d, "IOError", os_error);
    dictops::set_item_str(vm, d, "None", Value::NONE);
    dictops::set_item_str(vm, d, "Ellipsis", Value::ELLIPSIS);
    dictops::set_item_str(vm, d, "NotImplemented", Value::NOT_IMPLEMENTED);
    dictops::set_item_str(vm, d, "True", Value::TRUE);
    dictops::set_item_str(vm, d, "False", Value::FALSE);
    dictops::set_item_str(vm, d, "__debug__", Value::TRUE);
    let name = vm.intern("builtins");
    dictops::set_item_str(vm, d, "__name__", name);
    crate::builtins::iterators::install(vm);
}

/// Converts a big int to `usize` for sizes, if it fits.
pub fn to_usize(b: &BigInt) -> Option<usize> {
    b.to_usize()
}
