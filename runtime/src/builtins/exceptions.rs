//! Exception objects: `BaseException`'s methods, `str`/`repr`, the fields particular
//! exception types expose (`StopIteration.value`, `SystemExit.code`, `OSError.errno`…),
//! notes, and exception groups with `except*` support (Objects/exceptions.c).

use std::sync::atomic::Ordering;

use crate::args::Args;
use crate::builtins::{MethodDef, add_methods, method, staticmethod};
use crate::errors::{PyResult, new_exception};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, dictops, is_subtype, str_of, type_of};
use crate::types::exception::ExceptionBody;
use crate::types::list::ListBody;
use crate::types::typeobj::TypeBody;
use crate::value::{AtomicValue, Value};

fn body(v: Value) -> Option<Gc<ExceptionBody>> {
    Gc::<ExceptionBody>::from_value(v)
}

/// The args of an exception.
pub fn args_of<'a>(v: Value) -> &'a [Value] {
    body(v)
        .and_then(|b| ops::tuple_items(b.body().args.get()))
        .unwrap_or(&[])
}

/// The message of a single-argument exception whose argument is a str.
pub fn message_of<'a>(v: Value) -> Option<&'a str> {
    match args_of(v) {
        [m] => str_of(*m),
        _ => None,
    }
}

/// `str(exc)`.
pub fn exception_str(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let ty = type_of(vm, v);
    let args = args_of(v).to_vec();
    if is_subtype(ty, vm.rt.exc.key_error) && args.len() == 1 {
        return ops::repr::repr(vm, args[0]);
    }
    if is_subtype(ty, vm.rt.exc.base_exception_group) {
        let msg = args
            .first()
            .copied()
            .and_then(str_of)
            .unwrap_or("")
            .to_owned();
        let n = group_exceptions(v).len();
        let s = format!("{msg} ({n} sub-exception{})", if n == 1 { "" } else { "s" });
        return Ok(vm.new_string(s));
    }
    if is_subtype(ty, vm.rt.exc.os_error) {
        // OSError_str: the filename(s) when set, else errno and strerror.
        let get = |vm: &mut Vm, k: &str| {
            attr::instance_dict(vm, v)
                .and_then(|d| dictops::get_str(&d, k))
                .unwrap_or(Value::NONE)
        };
        let (errno, strerror, filename, filename2) = (
            get(vm, "errno"),
            get(vm, "strerror"),
            get(vm, "filename"),
            get(vm, "filename2"),
        );
        if !filename.is_none() {
            let e = ops::repr::str_string(vm, errno)?;
            let se = ops::repr::str_string(vm, strerror)?;
            let f = ops::repr::repr_string(vm, filename)?;
            let s = if filename2.is_none() {
                format!("[Errno {e}] {se}: {f}")
            } else {
                let f2 = ops::repr::repr_string(vm, filename2)?;
                format!("[Errno {e}] {se}: {f} -> {f2}")
            };
            return Ok(vm.new_string(s));
        }
        if !errno.is_none() && !strerror.is_none() {
            let e = ops::repr::str_string(vm, errno)?;
            let se = ops::repr::str_string(vm, strerror)?;
            return Ok(vm.new_string(format!("[Errno {e}] {se}")));
        }
    }
    if is_subtype(ty, vm.rt.exc.syntax_error) {
        // SyntaxError_str: "msg (file, line N)" with the file's basename.
        let msg = exception_field(vm, v, "msg")?.unwrap_or(Value::NONE);
        let filename = exception_field(vm, v, "filename")?.unwrap_or(Value::NONE);
        let lineno = exception_field(vm, v, "lineno")?
            .unwrap_or(Value::NONE)
            .as_small_int();
        let m = if msg.is_none() {
            String::from("None")
        } else {
            ops::repr::str_string(vm, msg)?
        };
        let base = str_of(filename).map(|f| f.rsplit('/').next().unwrap_or(f).to_owned());
        let s = match (base, lineno) {
            (Some(f), Some(l)) => format!("{m} ({f}, line {l})"),
            (Some(f), None) => format!("{m} ({f})"),
            (None, Some(l)) => format!("{m} (line {l})"),
            (None, None) => m,
        };
        return Ok(vm.new_string(s));
    }
    if is_subtype(ty, vm.rt.exc.unicode_error)
        && let Some(s) = unicode_error_str(vm, v, ty)?
    {
        return Ok(vm.new_string(s));
    }
    match args.as_slice() {
        [] => Ok(vm.intern("")),
        [a] => ops::repr::str(vm, *a),
        _ => {
            let t = vm.new_tuple(args);
            ops::repr::str(vm, t)
        }
    }
}

/// `repr(exc)`: `ValueError('x')`.
pub fn exception_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    let name = type_of(vm, v).name();
    let args = args_of(v).to_vec();
    let parts: Vec<String> = args
        .iter()
        .map(|a| ops::repr::repr_string(vm, *a))
        .collect::<PyResult<_>>()?;
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Fields of particular exception types.
pub fn exception_field(vm: &mut Vm, v: Value, name: &str) -> PyResult<Option<Value>> {
    let ty = type_of(vm, v);
    let args = args_of(v).to_vec();
    let exc = &vm.rt.exc;
    let field =
        |vm: &mut Vm, key: &str| attr::instance_dict(vm, v).and_then(|d| dictops::get_str(&d, key));
    Ok(match name {
        "value"
            if is_subtype(ty, exc.stop_iteration) || is_subtype(ty, exc.stop_async_iteration) =>
        {
            Some(field(vm, "value").unwrap_or(args.first().copied().unwrap_or(Value::NONE)))
        }
        "code" if is_subtype(ty, exc.system_exit) => Some(match args.len() {
            0 => Value::NONE,
            1 => args[0],
            _ => vm.new_tuple(args),
        }),
        "errno" | "strerror" | "filename" | "filename2" | "characters_written"
            if is_subtype(ty, exc.os_error) =>
        {
            Some(field(vm, name).unwrap_or(Value::NONE))
        }
        "encoding" | "object" | "start" | "end" | "reason" if is_subtype(ty, exc.unicode_error) => {
            let translate = is_subtype(ty, exc.unicode_translate_error);
            let order: &[&str] = if translate {
                &["object", "start", "end", "reason"]
            } else {
                &["encoding", "object", "start", "end", "reason"]
            };
            let i = order.iter().position(|n| *n == name);
            Some(
                field(vm, name)
                    .or_else(|| i.and_then(|i| args.get(i).copied()))
                    .unwrap_or(Value::NONE),
            )
        }
        "msg" if is_subtype(ty, exc.import_error) || is_subtype(ty, exc.syntax_error) => {
            Some(args.first().copied().unwrap_or(Value::NONE))
        }
        "name" | "path" if is_subtype(ty, exc.import_error) => {
            Some(field(vm, name).unwrap_or(Value::NONE))
        }
        "name" if is_subtype(ty, exc.name_error) || is_subtype(ty, exc.attribute_error) => {
            Some(field(vm, name).unwrap_or(Value::NONE))
        }
        "obj" if is_subtype(ty, exc.attribute_error) => {
            Some(field(vm, name).unwrap_or(Value::NONE))
        }
        "message" if is_subtype(ty, exc.base_exception_group) => {
            Some(args.first().copied().unwrap_or(Value::NONE))
        }
        "exceptions" if is_subtype(ty, exc.base_exception_group) => {
            let members = group_exceptions(v);
            Some(vm.new_tuple(members))
        }
        "filename"
        | "lineno"
        | "offset"
        | "text"
        | "end_lineno"
        | "end_offset"
        | "print_file_and_line"
            if is_subtype(ty, exc.syntax_error) =>
        {
            let details = args
                .get(1)
                .and_then(|d| ops::tuple_items(*d))
                .map(<[Value]>::to_vec)
                .unwrap_or_default();
            let i = [
                "filename",
                "lineno",
                "offset",
                "text",
                "end_lineno",
                "end_offset",
            ]
            .iter()
            .position(|n| *n == name);
            Some(
                field(vm, name)
                    .or_else(|| i.and_then(|i| details.get(i).copied()))
                    .unwrap_or(Value::NONE),
            )
        }
        _ => None,
    })
}

fn exc_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    if is_subtype(cls, vm.rt.exc.base_exception_group) {
        return group_new(vm, cls, &pos[1..]);
    }
    let mut cls = cls;
    if cls == vm.rt.exc.os_error
        && pos.len() >= 3
        && let Some(sub) = pos[1].as_small_int().and_then(|e| os_error_subclass(vm, e))
    {
        cls = sub;
    }
    let obj = crate::builtins::object::object_new_instance(vm, cls)?;
    set_args(vm, obj, cls, &pos[1..]);
    Ok(obj)
}

/// The OSError subclass CPython picks for an errno (`errmap` in Objects/exceptions.c).
fn os_error_subclass(vm: &Vm, errno: i64) -> Option<Gc<TypeBody>> {
    let e = &vm.rt.exc;
    Some(match errno {
        11 | 114 | 115 => e.blocking_io_error,
        10 => e.child_process_error,
        32 | 108 => e.broken_pipe_error,
        103 => e.connection_aborted_error,
        111 => e.connection_refused_error,
        104 => e.connection_reset_error,
        17 => e.file_exists_error,
        2 => e.file_not_found_error,
        21 => e.is_a_directory_error,
        20 => e.not_a_directory_error,
        4 => e.interrupted_error,
        1 | 13 => e.permission_error,
        3 => e.process_lookup_error,
        110 => e.timeout_error,
        _ => return None,
    })
}

/// Stores `args`, and for OSError the `errno`/`strerror`/`filename`/`filename2` fields
/// (`oserror_init`: with a filename, `args` keeps only errno and strerror).
fn set_args(vm: &mut Vm, obj: Value, cls: Gc<TypeBody>, pos: &[Value]) {
    let mut kept = pos;
    if is_subtype(cls, vm.rt.exc.os_error)
        && (2..=5).contains(&pos.len())
        && let Some(d) = attr::instance_dict(vm, obj)
    {
        dictops::set_item_str(vm, d, "errno", pos[0]);
        dictops::set_item_str(vm, d, "strerror", pos[1]);
        if let Some(&f) = pos.get(2) {
            dictops::set_item_str(vm, d, "filename", f);
            kept = &pos[..2];
        }
        if let Some(&f2) = pos.get(4) {
            dictops::set_item_str(vm, d, "filename2", f2);
        }
    }
    let t = vm.new_tuple(kept.to_vec());
    if let Some(b) = body(obj) {
        b.args.set(t);
    }
}

/// `UnicodeDecodeError.__str__` and its siblings (Objects/exceptions.c).
fn unicode_error_str(vm: &mut Vm, v: Value, ty: Gc<TypeBody>) -> PyResult<Option<String>> {
    let get = |vm: &mut Vm, n: &str| exception_field(vm, v, n).map(|x| x.unwrap_or(Value::NONE));
    let (object, start, end, reason) = (
        get(vm, "object")?,
        get(vm, "start")?,
        get(vm, "end")?,
        get(vm, "reason")?,
    );
    let (Some(start), Some(end)) = (start.as_small_int(), end.as_small_int()) else {
        return Ok(None);
    };
    let Some(reason) = str_of(reason).map(str::to_owned) else {
        return Ok(None);
    };
    let encoding = get(vm, "encoding")?;
    let enc = str_of(encoding).map(str::to_owned).unwrap_or_default();
    let one = end == start + 1;
    if is_subtype(ty, vm.rt.exc.unicode_decode_error) {
        let bytes = crate::builtins::str::bytes_data(object).unwrap_or_default();
        return Ok(Some(
            match usize::try_from(start).ok().and_then(|i| bytes.get(i)) {
                Some(b) if one => format!(
                    "'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
                ),
                _ => format!(
                    "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                    end - 1
                ),
            },
        ));
    }
    let ch = ops::str_wtf8(object).and_then(|s| {
        usize::try_from(start)
            .ok()
            .and_then(|i| crate::text::wtf8::code_points(s).nth(i))
    });
    let escaped = |c: u32| match c {
        n if n <= 0xff => format!("\\x{n:02x}"),
        n if n <= 0xffff => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    };
    let translate = is_subtype(ty, vm.rt.exc.unicode_translate_error);
    Ok(Some(match (ch, one, translate) {
        (Some(c), true, false) => format!(
            "'{enc}' codec can't encode character '{}' in position {start}: {reason}",
            escaped(c)
        ),
        (_, _, false) => format!(
            "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
            end - 1
        ),
        (Some(c), true, true) => format!(
            "can't translate character '{}' in position {start}: {reason}",
            escaped(c)
        ),
        (_, _, true) => format!(
            "can't translate characters in position {start}-{}: {reason}",
            end - 1
        ),
    }))
}

fn exc_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = args.pos();
    let obj = pos[0];
    let ty = type_of(vm, obj);
    if args.has_kwargs() {
        let allowed: &[&str] = if is_subtype(ty, vm.rt.exc.import_error) {
            &["name", "path", "name_from"]
        } else if is_subtype(ty, vm.rt.exc.name_error) {
            &["name"]
        } else if is_subtype(ty, vm.rt.exc.attribute_error) {
            &["name", "obj"]
        } else {
            &[]
        };
        for (k, v) in args.kwargs().collect::<Vec<_>>() {
            if !allowed.contains(&k) {
                let tn = ty.name();
                return Err(vm.type_error(
                    format!("{tn}() takes no keyword arguments").replace(
                        "takes no keyword arguments",
                        if allowed.is_empty() {
                            "takes no keyword arguments"
                        } else {
                            "got an unexpected keyword argument"
                        },
                    ) + &if allowed.is_empty() {
                        String::new()
                    } else {
                        format!(" '{k}'")
                    },
                ));
            }
            if let Some(d) = attr::instance_dict(vm, obj) {
                dictops::set_item_str(vm, d, k, v);
            }
        }
    }
    if is_subtype(ty, vm.rt.exc.base_exception_group) {
        return Ok(Value::NONE);
    }
    set_args(vm, obj, ty, &pos[1..]);
    Ok(Value::NONE)
}

fn exc_with_traceback(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "with_traceback", 2, 2)?;
    if let Some(b) = body(a[0]) {
        b.traceback.set(a[1]);
    }
    Ok(a[0])
}

/// Appends `note` to `exc.__notes__`.
pub fn add_note_text(vm: &mut Vm, exc: Value, note: &str) -> PyResult<()> {
    let n = vm.new_str(note);
    add_note_value(vm, exc, n)
}

fn add_note_value(vm: &mut Vm, exc: Value, note: Value) -> PyResult<()> {
    let Some(d) = attr::instance_dict(vm, exc) else {
        return Ok(());
    };
    let notes = match dictops::get_str(&d, "__notes__") {
        Some(n) => n,
        None => {
            let l = vm.new_list(Vec::new());
            dictops::set_item_str(vm, d, "__notes__", l);
            l
        }
    };
    match Gc::<ListBody>::from_value(notes) {
        Some(l) => {
            l.items.lock().push(note);
            Ok(())
        }
        None => Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
}

fn exc_add_note(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "add_note", 2, 2)?;
    if str_of(a[1]).is_none() {
        let tn = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("note must be a str, not '{tn}'")));
    }
    add_note_value(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn exc_str(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__str__")?;
    exception_str(vm, v)
}

fn exc_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__repr__")?;
    let s = exception_repr(vm, v)?;
    Ok(vm.new_string(s))
}

fn exc_reduce(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__reduce__")?;
    let ty = type_of(vm, v).value();
    let a = body(v).map_or(Value::NONE, |b| b.args.get());
    Ok(vm.new_tuple(vec![ty, a]))
}

// ---- exception groups -------------------------------------------------------------------

fn group_new(vm: &mut Vm, cls: Gc<TypeBody>, args: &[Value]) -> PyResult<Value> {
    let tn = cls.name();
    if args.len() != 2 {
        return Err(vm.type_error(format!(
            "{tn}.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    if str_of(args[0]).is_none() {
        let t = ops::type_name(vm, args[0]);
        return Err(vm.type_error(format!("argument 1 must be str, not {t}")));
    }
    let excs = match ops::iter::collect(vm, args[1]) {
        Ok(e)
            if kind_of(args[1]) != Some(ObjKind::Set)
                && kind_of(args[1]) != Some(ObjKind::Dict)
                && kind_of(args[1]) != Some(ObjKind::Str) =>
        {
            e
        }
        _ => return Err(vm.type_error("second argument (exceptions) must be a sequence")),
    };
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        if kind_of(*e) != Some(ObjKind::Exception) {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !ops::is_instance(vm, *e, vm.rt.exc.exception) {
            all_exceptions = false;
        }
    }
    let mut cls = cls;
    if cls == vm.rt.exc.base_exception_group {
        if all_exceptions {
            cls = vm.rt.exc.exception_group;
        }
    } else if is_subtype(cls, vm.rt.exc.exception) && !all_exceptions {
        return Err(vm.type_error(if cls == vm.rt.exc.exception_group {
            "Cannot nest BaseExceptions in an ExceptionGroup".to_owned()
        } else {
            format!("Cannot nest BaseExceptions in '{}'", cls.name())
        }));
    }
    let obj = crate::builtins::object::object_new_instance(vm, cls)?;
    // Only lists and tuples are kept as given (for `repr`); any other sequence is
    // snapshotted into a tuple.
    let seq = if matches!(kind_of(args[1]), Some(ObjKind::List | ObjKind::Tuple)) {
        args[1]
    } else {
        vm.new_tuple(excs)
    };
    let a = vm.new_tuple(vec![args[0], seq]);
    if let Some(b) = body(obj) {
        b.args.set(a);
    }
    Ok(obj)
}

/// The members of an exception group. `args[1]` is the sequence the group was created
/// with (a list or a tuple), which `repr` shows as given.
pub fn group_exceptions(v: Value) -> Vec<Value> {
    let Some(&seq) = args_of(v).get(1) else {
        return Vec::new();
    };
    match Gc::<ListBody>::from_value(seq) {
        Some(l) => l.snapshot(),
        None => ops::tuple_items(seq)
            .map(<[Value]>::to_vec)
            .unwrap_or_default(),
    }
}

fn is_group(vm: &Vm, v: Value) -> bool {
    ops::is_instance(vm, v, vm.rt.exc.base_exception_group)
}

/// `eg.derive(excs)` then copies `__traceback__`, `__cause__`, `__context__`, `__notes__`.
fn derive_with_metadata(vm: &mut Vm, eg: Value, excs: Vec<Value>) -> PyResult<Value> {
    let list = vm.new_list(excs);
    let derive = attr::getattr_str(vm, eg, "derive")?;
    let new = ops::call::call(vm, derive, &[list])?;
    if let (Some(src), Some(dst)) = (body(eg), body(new)) {
        dst.traceback.set(src.traceback.get());
        dst.cause.set(src.cause.get());
        dst.context.set(src.context.get());
        // `exceptiongroup_subset` copies the cause with `PyException_SetCause`, which
        // always sets `__suppress_context__`.
        dst.suppress_context.store(true, Ordering::Relaxed);
    }
    if let Some(d) = attr::instance_dict(vm, eg)
        && let Some(notes) = dictops::get_str(&d, "__notes__")
        && let Some(nd) = attr::instance_dict(vm, new)
    {
        dictops::set_item_str(vm, nd, "__notes__", notes);
    }
    Ok(new)
}

/// Splits `eg` by `pred` into (matching, rest), each `None` when empty.
fn split_by(
    vm: &mut Vm,
    eg: Value,
    pred: &mut dyn FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<(Value, Value)> {
    if pred(vm, eg)? {
        return Ok((eg, Value::NONE));
    }
    if !is_group(vm, eg) {
        return Ok((Value::NONE, eg));
    }
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in group_exceptions(eg) {
        let (m, r) = split_by(vm, e, pred)?;
        if !m.is_none() {
            matched.push(m);
        }
        if !r.is_none() {
            rest.push(r);
        }
    }
    let m = if matched.is_empty() {
        Value::NONE
    } else {
        derive_with_metadata(vm, eg, matched)?
    };
    let r = if rest.is_empty() {
        Value::NONE
    } else {
        derive_with_metadata(vm, eg, rest)?
    };
    Ok((m, r))
}

/// A predicate from `split`'s argument: a type, a tuple of types or a callable.
/// A predicate over exceptions (`split`/`subgroup`'s condition).
type Matcher = Box<dyn FnMut(&mut Vm, Value) -> PyResult<bool>>;

fn matcher(vm: &mut Vm, cond: Value) -> PyResult<Matcher> {
    let types: Option<Vec<Gc<TypeBody>>> = match ops::tuple_items(cond) {
        Some(items) => items
            .iter()
            .map(|t| Gc::<TypeBody>::from_value(*t))
            .collect(),
        None => Gc::<TypeBody>::from_value(cond).map(|t| vec![t]),
    };
    if let Some(types) = types {
        for t in &types {
            if !is_subtype(*t, vm.rt.exc.base_exception) {
                return Err(vm.type_error("expected an exception type, a tuple of exception types, or a callable (other than a class)"));
            }
        }
        return Ok(Box::new(move |vm: &mut Vm, e: Value| {
            let et = type_of(vm, e);
            Ok(types.iter().any(|t| is_subtype(et, *t)))
        }));
    }
    if crate::builtins::functions::is_callable(vm, cond) {
        return Ok(Box::new(move |vm: &mut Vm, e: Value| {
            let r = ops::call::call(vm, cond, &[e])?;
            ops::truthy(vm, r)
        }));
    }
    Err(vm.type_error("expected an exception type, a tuple of exception types, or a callable (other than a class)"))
}

fn group_split(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "split", 2, 2)?;
    let mut pred = matcher(vm, a[1])?;
    let (m, r) = split_by(vm, a[0], &mut *pred)?;
    Ok(vm.new_tuple(vec![m, r]))
}

fn group_subgroup(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "subgroup", 2, 2)?;
    let mut pred = matcher(vm, a[1])?;
    Ok(split_by(vm, a[0], &mut *pred)?.0)
}

fn group_derive(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "derive", 2, 2)?;
    let msg = args_of(a[0]).first().copied().unwrap_or(Value::NONE);
    let base = vm.rt.exc.base_exception_group.value();
    ops::call::call(vm, base, &[msg, a[1]])
}

fn group_init(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// `CheckEgMatch`: `(rest, match)` of `exc` against the `except*` type(s) `typ`. As in
/// CPython, a match becomes the exception being handled (`sys.exception()` in the
/// clause, and the `__context__` of what it raises).
pub fn check_eg_match(vm: &mut Vm, exc: Value, typ: Value) -> PyResult<Value> {
    let r = eg_match(vm, exc, typ)?;
    if let Some(&[_, matched]) = ops::tuple_items(r)
        && !matched.is_none()
    {
        vm.exc_info = matched;
    }
    Ok(r)
}

fn eg_match(vm: &mut Vm, exc: Value, typ: Value) -> PyResult<Value> {
    let types: Vec<Value> = ops::tuple_items(typ)
        .map(<[Value]>::to_vec)
        .unwrap_or_else(|| vec![typ]);
    for t in &types {
        match Gc::<TypeBody>::from_value(*t) {
            Some(t) if is_subtype(t, vm.rt.exc.base_exception_group) => {
                return Err(vm.type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
            Some(t) if is_subtype(t, vm.rt.exc.base_exception) => {}
            _ => {
                return Err(vm.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
    }
    let et = type_of(vm, exc);
    let direct = types
        .iter()
        .any(|t| Gc::<TypeBody>::from_value(*t).is_some_and(|t| is_subtype(et, t)));
    if direct {
        if is_group(vm, exc) {
            return Ok(vm.new_tuple(vec![Value::NONE, exc]));
        }
        // A naked exception is wrapped in an ExceptionGroup("", [exc]).
        let msg = vm.intern("");
        let list = vm.new_tuple(vec![exc]);
        let eg_ty = vm.rt.exc.exception_group;
        let base_eg = vm.rt.exc.base_exception_group;
        let cls = if ops::is_instance(vm, exc, vm.rt.exc.exception) {
            eg_ty
        } else {
            base_eg
        };
        let wrapped = group_new(vm, cls, &[msg, list])?;
        if let (Some(src), Some(dst)) = (body(exc), body(wrapped)) {
            dst.traceback.set(src.traceback.get());
        }
        return Ok(vm.new_tuple(vec![Value::NONE, wrapped]));
    }
    if is_group(vm, exc) {
        let t = if types.len() == 1 {
            types[0]
        } else {
            vm.new_tuple(types)
        };
        let mut pred = matcher(vm, t)?;
        let (m, r) = split_by(vm, exc, &mut *pred)?;
        return Ok(vm.new_tuple(vec![r, m]));
    }
    Ok(vm.new_tuple(vec![exc, Value::NONE]))
}

fn leaves(vm: &Vm, v: Value, out: &mut Vec<Value>) {
    if is_group(vm, v) {
        for e in group_exceptions(v) {
            leaves(vm, e, out);
        }
    } else {
        out.push(v);
    }
}

/// `PrepReraiseStar`: what an `except*` statement re-raises, given the original group
/// and the list of exceptions raised or re-raised by its clauses.
pub fn prep_reraise_star(vm: &mut Vm, original: Value, raised: Value) -> PyResult<Value> {
    let raised: Vec<Value> = Gc::<ListBody>::from_value(raised)
        .map(|l| l.snapshot())
        .unwrap_or_default()
        .into_iter()
        .filter(|v| !v.is_none())
        .collect();
    if raised.is_empty() {
        return Ok(Value::NONE);
    }
    if !is_group(vm, original) {
        // The original was naked: a re-raise of it is just it.
        return Ok(raised[0]);
    }
    let mut orig_leaves = Vec::new();
    leaves(vm, original, &mut orig_leaves);
    let mut reraised_leaves = Vec::new();
    let mut new_raised = Vec::new();
    for r in &raised {
        let mut ls = Vec::new();
        leaves(vm, *r, &mut ls);
        if ls.iter().all(|l| orig_leaves.contains(l)) {
            reraised_leaves.extend(ls);
        } else {
            new_raised.push(*r);
        }
    }
    let mut parts = new_raised;
    if !reraised_leaves.is_empty() {
        let mut pred = move |_vm: &mut Vm, e: Value| Ok(reraised_leaves.contains(&e));
        let (kept, _) = split_by(vm, original, &mut pred)?;
        if !kept.is_none() {
            parts.push(kept);
        }
    }
    match parts.len() {
        0 => Ok(Value::NONE),
        1 => Ok(parts[0]),
        _ => {
            // `_PyExc_PrepReraiseStar` builds the group from a list.
            let msg = vm.intern("");
            let l = vm.new_list(parts);
            let base = vm.rt.exc.base_exception_group;
            group_new(vm, base, &[msg, l])
        }
    }
}

const BASE_METHODS: &[MethodDef] = &[
    staticmethod("__new__", exc_new),
    method("__init__", exc_init),
    method("with_traceback", exc_with_traceback),
    method("add_note", exc_add_note),
    method("__str__", exc_str),
    method("__repr__", exc_repr),
    method("__reduce__", exc_reduce),
];

const GROUP_METHODS: &[MethodDef] = &[
    method("__init__", group_init),
    method("split", group_split),
    method("subgroup", group_subgroup),
    method("derive", group_derive),
];

/// Registers the exception methods.
pub fn install(vm: &mut Vm) {
    let base = vm.rt.exc.base_exception;
    add_methods(vm, base, BASE_METHODS);
    let group = vm.rt.exc.base_exception_group;
    add_methods(vm, group, GROUP_METHODS);
}

/// A new exception of `ty` with `args` (for modules raising with several arguments).
pub fn new_with_args(vm: &mut Vm, ty: Gc<TypeBody>, args: Vec<Value>) -> Value {
    new_exception(vm, ty, args).value()
}

/// Whether `AtomicValue` fields are set (helper for traceback printing).
pub fn field_set(v: &AtomicValue) -> bool {
    let x = v.get();
    !x.is_unset() && !x.is_none()
}
