//! Opcode helpers too large for the dispatch loop: name lookups, unpacking, displays,
//! formatting, `with` exits, intrinsics and pattern matching.

use compiler::ir::ops::{Common, Intrinsic};

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, dictops, iter, str_of, type_of};
use crate::types::dict::DictBody;
use crate::types::list::ListBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;
use crate::vm::frame::FrameBody;
use crate::vm::unwind;

/// A global: the module's dict, then builtins.
#[inline]
pub fn load_global(vm: &mut Vm, frame: &FrameBody, name: Value) -> PyResult<Value> {
    if let Some(v) = dictops::get_str_value(&frame.globals, name) {
        return Ok(v);
    }
    if let Some(b) = Gc::<DictBody>::from_value(frame.builtins)
        && let Some(v) = dictops::get_str_value(&b, name)
    {
        return Ok(v);
    }
    Err(unwind::name_not_defined(vm, name))
}

/// `mapping[key]` for a locals mapping, `None` when missing.
pub fn mapping_get(vm: &mut Vm, mapping: Value, key: Value) -> PyResult<Option<Value>> {
    if let Some(d) = Gc::<DictBody>::from_value(mapping) {
        return dictops::get(vm, d, key);
    }
    match ops::subscript::getitem(vm, mapping, key) {
        Ok(v) => Ok(Some(v)),
        Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// `LoadName`: locals mapping, globals, builtins.
pub fn load_name(vm: &mut Vm, frame: &FrameBody, name: Value) -> PyResult<Value> {
    let locals = frame.locals.get();
    if !locals.is_unset()
        && let Some(v) = mapping_get(vm, locals, name)?
    {
        return Ok(v);
    }
    load_global(vm, frame, name)
}

pub fn store_name(vm: &mut Vm, frame: &FrameBody, name: Value, v: Value) -> PyResult<()> {
    let locals = frame.locals.get();
    match Gc::<DictBody>::from_value(locals) {
        Some(d) => dictops::set(vm, d, name, v),
        None if locals.is_unset() => dictops::set(vm, frame.globals, name, v),
        None => ops::subscript::setitem(vm, locals, name, v),
    }
}

pub fn delete_name(vm: &mut Vm, frame: &FrameBody, name: Value) -> PyResult<()> {
    let locals = frame.locals.get();
    let removed = match Gc::<DictBody>::from_value(locals) {
        Some(d) => dictops::remove(vm, d, name)?.is_some(),
        None if locals.is_unset() => dictops::remove(vm, frame.globals, name)?.is_some(),
        None => match ops::subscript::delitem(vm, locals, name) {
            Ok(()) => true,
            Err(e) if ops::is_instance(vm, e.value(), vm.rt.exc.key_error) => false,
            Err(e) => return Err(e),
        },
    };
    if !removed {
        return Err(unwind::name_not_defined(vm, name));
    }
    Ok(())
}

/// `LoadCommon`.
pub fn load_common(vm: &mut Vm, which: usize) -> PyResult<Value> {
    Ok(match Common::ALL.get(which) {
        Some(Common::AssertionError) => vm.rt.exc.assertion_error.value(),
        Some(Common::NotImplementedError) => vm.rt.exc.not_implemented_error.value(),
        Some(Common::StopAsyncIteration) => vm.rt.exc.stop_async_iteration.value(),
        Some(Common::BuiltinTuple) => vm.rt.types.tuple.value(),
        Some(Common::BuiltinList) => vm.rt.types.list.value(),
        Some(Common::BuiltinAll) => {
            dictops::get_str(&vm.interp.builtins.dict, "all").unwrap_or(Value::NONE)
        }
        Some(Common::BuiltinAny) => {
            dictops::get_str(&vm.interp.builtins.dict, "any").unwrap_or(Value::NONE)
        }
        None => return Err(vm.system_error("bad LoadCommon operand")),
    })
}

/// `LoadSpecial`: `__enter__`/`__exit__`/`__aenter__`/`__aexit__` bound to `obj`.
pub fn load_special(vm: &mut Vm, obj: Value, name: Value) -> PyResult<Value> {
    let n = str_of(name).unwrap_or("");
    match attr::load_special(vm, obj, n)? {
        Some(v) => Ok(v),
        None => {
            let tn = ops::type_name(vm, obj);
            let msg = match n {
                "__enter__" => {
                    format!("'{tn}' object does not support the context manager protocol")
                }
                "__exit__" => format!(
                    "'{tn}' object does not support the context manager protocol (missed __exit__ method)"
                ),
                "__aenter__" => format!(
                    "'{tn}' object does not support the asynchronous context manager protocol"
                ),
                "__aexit__" => format!(
                    "'{tn}' object does not support the asynchronous context manager protocol (missed __aexit__ method)"
                ),
                _ => format!("'{tn}' object has no attribute '{n}'"),
            };
            Err(vm.type_error(msg))
        }
    }
}

/// `ListExtend` (`[*a]`, `f(*a)` displays).
pub fn list_extend(vm: &mut Vm, list: Value, iterable: Value) -> PyResult<()> {
    let items = match iter::collect(vm, iterable) {
        Ok(items) => items,
        Err(e)
            if ops::is_instance(vm, e.value(), vm.rt.exc.type_error)
                && ops::iter::get_iter(vm, iterable).is_err() =>
        {
            let tn = ops::type_name(vm, iterable);
            return Err(vm.type_error(format!("Value after * must be an iterable, not {tn}")));
        }
        Err(e) => return Err(e),
    };
    if let Some(l) = Gc::<ListBody>::from_value(list) {
        l.items.lock().extend(items);
    }
    Ok(())
}

/// `DictUpdate` for `{**mapping}`.
pub fn dict_update_display(vm: &mut Vm, d: Value, mapping: Value) -> PyResult<()> {
    let Some(d) = Gc::<DictBody>::from_value(d) else {
        return Ok(());
    };
    let pairs = match Gc::<DictBody>::from_value(ops::unwrap_payload(mapping)) {
        Some(m) => dictops::items(&m),
        None => {
            if attr::lookup_type(vm, type_of(vm, mapping), "keys").is_none() {
                let tn = ops::type_name(vm, mapping);
                return Err(vm.type_error(format!("'{tn}' object is not a mapping")));
            }
            crate::builtins::dict::mapping_items(vm, mapping)?
        }
    };
    for (k, v) in pairs {
        dictops::set(vm, d, k, v)?;
    }
    Ok(())
}

/// `DictMerge` for `f(**mapping)`: duplicates are errors.
pub fn dict_merge_kwargs(vm: &mut Vm, callee: Value, d: Value, mapping: Value) -> PyResult<()> {
    let Some(d) = Gc::<DictBody>::from_value(d) else {
        return Ok(());
    };
    let pairs = match Gc::<DictBody>::from_value(ops::unwrap_payload(mapping)) {
        Some(m) => dictops::items(&m),
        None => {
            if attr::lookup_type(vm, type_of(vm, mapping), "keys").is_none() {
                let fname = crate::builtins::callable_name(vm, callee);
                let tn = ops::type_name(vm, mapping);
                return Err(vm.type_error(format!(
                    "{fname} argument after ** must be a mapping, not {tn}"
                )));
            }
            crate::builtins::dict::mapping_items(vm, mapping)?
        }
    };
    for (k, v) in pairs {
        if dictops::get(vm, d, k)?.is_some() {
            let fname = crate::builtins::callable_name(vm, callee);
            let key = str_of(k).unwrap_or("?").to_owned();
            return Err(vm.type_error(format!(
                "{fname} got multiple values for keyword argument '{key}'"
            )));
        }
        dictops::set(vm, d, k, v)?;
    }
    Ok(())
}

/// `FormatValue`/`FormatWithSpec`: conversion then `format()`.
pub fn format_value(vm: &mut Vm, v: Value, spec: Value, conv: usize) -> PyResult<Value> {
    let v = match conv {
        1 => ops::repr::str(vm, v)?,
        2 => ops::repr::repr(vm, v)?,
        3 => crate::builtins::functions::ascii_of(vm, v)?,
        _ => v,
    };
    if spec.is_unset() && kind_of(v) == Some(ObjKind::Str) && type_of(vm, v) == vm.rt.types.str {
        return Ok(v);
    }
    let spec = if spec.is_unset() { vm.intern("") } else { spec };
    crate::builtins::functions::format(vm, v, spec)
}

/// t-string opcodes (PEP 750): `Interpolation` and `Template` objects.
pub fn template_op(
    vm: &mut Vm,
    frame: &FrameBody,
    opcode: compiler::bytecode::Opcode,
    units: &[u16],
    at: usize,
) -> PyResult<Value> {
    let reg = |i: usize| frame.reg(units[at + 1 + i] as usize);
    match opcode {
        compiler::bytecode::Opcode::BuildInterpolation => {
            crate::builtins::templatelib::new_interpolation(
                vm,
                reg(1),
                reg(2),
                units[at + 4] as usize,
                Value::UNSET,
            )
        }
        compiler::bytecode::Opcode::BuildInterpolationSpec => {
            crate::builtins::templatelib::new_interpolation(
                vm,
                reg(1),
                reg(2),
                units[at + 5] as usize,
                reg(3),
            )
        }
        _ => crate::builtins::templatelib::new_template(vm, reg(1), reg(2)),
    }
}

/// `UnpackSequence`: a tuple of exactly `count` items.
pub fn unpack_sequence(vm: &mut Vm, src: Value, count: usize) -> PyResult<Value> {
    if let Some(items) = ops::tuple_items(src)
        && items.len() == count
    {
        return Ok(src);
    }
    let items = if let Some(l) = Gc::<ListBody>::from_value(src) {
        l.snapshot()
    } else if let Some(items) = ops::tuple_items(src) {
        items.to_vec()
    } else {
        let it = match iter::get_iter(vm, src) {
            Ok(it) => it,
            Err(_) => {
                let tn = ops::type_name(vm, src);
                return Err(vm.type_error(format!("cannot unpack non-iterable {tn} object")));
            }
        };
        let holder = vm.new_list(Vec::new());
        let l = Gc::<ListBody>::from_value(holder).expect("list");
        while let Some(v) = iter::next(vm, it)? {
            l.items.lock().push(v);
            if l.len() > count {
                return Err(vm.value_error(format!("too many values to unpack (expected {count})")));
            }
        }
        l.snapshot()
    };
    if items.len() < count {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected {count}, got {})",
            items.len()
        )));
    }
    if items.len() > count {
        return Err(vm.value_error(format!(
            "too many values to unpack (expected {count}, got {})",
            items.len()
        )));
    }
    Ok(vm.new_tuple(items))
}

/// `UnpackEx`: `before` items, a list of the middle, `after` items.
pub fn unpack_ex(vm: &mut Vm, src: Value, before: usize, after: usize) -> PyResult<Value> {
    let items = match iter::collect(vm, src) {
        Ok(items) => items,
        Err(e) => {
            if ops::iter::get_iter(vm, src).is_err() {
                let tn = ops::type_name(vm, src);
                return Err(vm.type_error(format!("cannot unpack non-iterable {tn} object")));
            }
            return Err(e);
        }
    };
    if items.len() < before + after {
        return Err(vm.value_error(format!(
            "not enough values to unpack (expected at least {}, got {})",
            before + after,
            items.len()
        )));
    }
    let middle = vm.new_list(items[before..items.len() - after].to_vec());
    let mut out = items[..before].to_vec();
    out.push(middle);
    out.extend_from_slice(&items[items.len() - after..]);
    Ok(vm.new_tuple(out))
}

/// `CallIntrinsic`.
pub fn call_intrinsic(
    vm: &mut Vm,
    frame: &FrameBody,
    which: usize,
    args: &[Value],
) -> PyResult<Value> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::NONE);
    match Intrinsic::ALL.get(which) {
        Some(Intrinsic::Print) => {
            let v = arg(0);
            if !v.is_none() {
                let r = ops::repr::repr_string(vm, v)?;
                crate::builtins::functions::write_stdout(vm, &format!("{r}\n"))?;
                let b = vm.interp.builtins.dict;
                dictops::set_item_str(vm, b, "_", v);
            }
            Ok(Value::NONE)
        }
        Some(Intrinsic::ImportStar) => {
            crate::import::import_star(vm, frame, arg(0))?;
            Ok(Value::NONE)
        }
        Some(Intrinsic::StopIterationError) => {
            // Like CPython's INTRINSIC_STOPITERATION_ERROR, this answers the exception the
            // following `Reraise` raises, so neither adds a traceback entry.
            let exc = arg(0);
            let msg = crate::vm::generator_ops::stop_iteration_error_message(vm, frame, exc);
            match msg {
                Some(msg) => {
                    let err = vm.runtime_error(msg);
                    if let Some(b) = err.body() {
                        b.cause.set(exc);
                        b.context.set(exc);
                        b.suppress_context
                            .store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                    Ok(err.value())
                }
                None => Ok(exc),
            }
        }
        Some(Intrinsic::ListToTuple) => {
            let items = Gc::<ListBody>::from_value(arg(0))
                .map(|l| l.snapshot())
                .unwrap_or_default();
            Ok(vm.new_tuple(items))
        }
        Some(other) => crate::builtins::typing::intrinsic(vm, *other, args),
        None => Err(vm.system_error("bad intrinsic")),
    }
}

/// `WithExit`: calls `exit(type, value, traceback)` or `exit(None, None, None)`.
pub fn with_exit(vm: &mut Vm, exit: Value, exc: Value) -> PyResult<Value> {
    if exc.is_none() || exc.is_unset() {
        return call::call(vm, exit, &[Value::NONE, Value::NONE, Value::NONE]);
    }
    let ty = type_of(vm, exc).value();
    let tb = Gc::<crate::types::exception::ExceptionBody>::from_value(exc)
        .map_or(Value::NONE, |b| b.traceback.get());
    let tb = if tb.is_unset() { Value::NONE } else { tb };
    call::call(vm, exit, &[ty, exc, tb])
}

/// `SetupAnnotations`: creates `__annotations__` in the locals mapping.
pub fn setup_annotations(vm: &mut Vm, frame: &FrameBody) -> PyResult<()> {
    let locals = frame.locals.get();
    let key = vm.intern("__annotations__");
    if mapping_get(vm, locals, key)?.is_none() {
        let d = vm.new_dict_body().value();
        store_name(vm, frame, key, d)?;
    }
    Ok(())
}

/// `MatchMapping`/`MatchSequence` (CPython's `Py_TPFLAGS_MAPPING`/`SEQUENCE`, inherited
/// by subclasses; user classes opt in through `collections.abc` registration, which is
/// approximated by the builtin bases).
pub fn match_kind(vm: &mut Vm, subject: Value, mapping: bool) -> bool {
    let ty = type_of(vm, subject);
    let mro = ty.mro();
    let rt = vm.rt.clone();
    let t = &rt.types;
    if mapping {
        mro.contains(&t.dict.value())
    } else {
        [t.list, t.tuple, t.range]
            .iter()
            .any(|b| mro.contains(&b.value()))
            || Gc::<crate::types::native::NativeBody>::from_value(subject).is_some_and(|n| {
                n.downcast::<crate::builtins::memoryview::MemoryView>()
                    .is_some()
            })
    }
}

/// `MatchKeys`: the values for `keys` (a tuple), or `None` if any is missing.
pub fn match_keys(vm: &mut Vm, subject: Value, keys: Value) -> PyResult<Value> {
    let keys = ops::tuple_items(keys).unwrap_or(&[]).to_vec();
    let mut values = Vec::with_capacity(keys.len());
    let get = attr::getattr_str(vm, subject, "get")?;
    let sentinel = vm.new_list(Vec::new());
    for (i, k) in keys.iter().enumerate() {
        if keys[..i].iter().any(|p| compare_eq(vm, *p, *k)) {
            let r = ops::repr::repr_string(vm, *k)?;
            return Err(vm.value_error(format!("mapping pattern checks duplicate key ({r})")));
        }
        let v = call::call(vm, get, &[*k, sentinel])?;
        if v == sentinel {
            return Ok(Value::NONE);
        }
        values.push(v);
    }
    Ok(vm.new_tuple(values))
}

fn compare_eq(vm: &mut Vm, a: Value, b: Value) -> bool {
    ops::compare::eq(vm, a, b).unwrap_or(false)
}

/// `MatchClass`: the attributes a class pattern extracts, or `None`.
pub fn match_class(
    vm: &mut Vm,
    subject: Value,
    cls: Value,
    kwnames: Value,
    npos: usize,
) -> PyResult<Value> {
    let Some(cls_ty) = Gc::<TypeBody>::from_value(cls) else {
        return Err(vm.type_error("called match pattern must be a class"));
    };
    if !crate::builtins::functions::isinstance(vm, subject, cls)? {
        return Ok(Value::NONE);
    }
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    if npos > 0 {
        let match_args = attr::lookup_type(vm, cls_ty, "__match_args__");
        let self_match = [
            vm.rt.types.bool_,
            vm.rt.types.bytearray,
            vm.rt.types.bytes,
            vm.rt.types.dict,
            vm.rt.types.float,
            vm.rt.types.frozenset,
            vm.rt.types.int,
            vm.rt.types.list,
            vm.rt.types.set,
            vm.rt.types.str,
            vm.rt.types.tuple,
        ]
        .iter()
        .any(|t| ops::is_subtype(cls_ty, *t));
        match match_args {
            None if self_match => {
                if npos > 1 {
                    let tn = cls_ty.name();
                    return Err(vm.type_error(format!(
                        "{tn}() accepts 1 positional sub-pattern ({npos} given)"
                    )));
                }
                out.push(subject);
            }
            None => {
                let tn = cls_ty.name();
                return Err(vm.type_error(format!(
                    "{tn}() accepts 0 positional sub-patterns ({npos} given)"
                )));
            }
            Some(ma) => {
                let Some(names) = ops::tuple_items(ma).map(<[Value]>::to_vec) else {
                    let tn = ops::type_name(vm, ma);
                    return Err(vm.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {tn})",
                        cls_ty.name()
                    )));
                };
                if npos > names.len() {
                    let tn = cls_ty.name();
                    let n = names.len();
                    return Err(vm.type_error(format!(
                        "{tn}() accepts {n} positional sub-pattern{} ({npos} given)",
                        if n == 1 { "" } else { "s" }
                    )));
                }
                for name in &names[..npos] {
                    let Some(n) = str_of(*name) else {
                        let tn = ops::type_name(vm, *name);
                        return Err(vm.type_error(format!(
                            "__match_args__ elements must be strings (got {tn})"
                        )));
                    };
                    seen.push(n.to_owned());
                    match attr::getattr_opt(vm, subject, n)? {
                        Some(v) => out.push(v),
                        None => return Ok(Value::NONE),
                    }
                }
            }
        }
    }
    for name in ops::tuple_items(kwnames).unwrap_or(&[]).to_vec() {
        let n = str_of(name).unwrap_or("").to_owned();
        if seen.contains(&n) {
            let tn = cls_ty.name();
            return Err(vm.type_error(format!(
                "{tn}() got multiple sub-patterns for attribute '{n}'"
            )));
        }
        seen.push(n.clone());
        match attr::getattr_opt(vm, subject, &n)? {
            Some(v) => out.push(v),
            None => return Ok(Value::NONE),
        }
    }
    Ok(vm.new_tuple(out))
}

/// `CopyDictWithoutKeys` for `**rest` in mapping patterns.
pub fn copy_dict_without_keys(vm: &mut Vm, mapping: Value, keys: Value) -> PyResult<Value> {
    let d = vm.new_dict_body();
    let pairs = crate::builtins::dict::mapping_items(vm, mapping)?;
    for (k, v) in pairs {
        dictops::set(vm, d, k, v)?;
    }
    for k in ops::tuple_items(keys).unwrap_or(&[]).to_vec() {
        dictops::remove(vm, d, k)?;
    }
    Ok(d.value())
}
