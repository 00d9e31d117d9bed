//! Attributes that builtin objects expose from their layout rather than a `__dict__`
//! (CPython's getset and member descriptors): `__class__`, `__dict__`, function and code
//! attributes, exception fields, generator and frame introspection, number parts.

use std::sync::atomic::Ordering;

use crate::builtins::descriptors::{SuperObj, native, super_getattr};
use crate::errors::{PyErr, PyResult};
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, dictops, str_of, type_of};
use crate::types::exception::{ExceptionBody, TracebackBody};
use crate::types::function::{BuiltinBody, CellBody, CodeBody, FunctionBody, MethodBody};
use crate::types::misc::{ComplexBody, RangeBody, SliceBody};
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;
use crate::vm::frame::FrameBody;
use crate::vm::generator::GenBody;

fn none_if_unset(v: Value) -> Value {
    if v.is_unset() { Value::NONE } else { v }
}

/// A special attribute of `obj`, if `name` is one for its layout.
pub fn getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if name == "__class__" {
        return Ok(Some(type_of(vm, obj).value()));
    }
    if name == "__dict__"
        && let Some(d) = attr::instance_dict(vm, obj)
    {
        return Ok(Some(d.value()));
    }
    let inner = ops::unwrap_payload(obj);
    if let Some(i) = ops::int_of(inner)
        && !inner.is_float()
    {
        let _ = i;
        return Ok(match name {
            "real" | "numerator" => Some(crate::builtins::numbers::int_from(vm, inner, None)?),
            "imag" => Some(Value::small_int(0)),
            "denominator" => Some(Value::small_int(1)),
            _ => None,
        });
    }
    if let Some(f) = ops::float_of(inner) {
        return Ok(match name {
            "real" => Some(Value::from_f64(f)),
            "imag" => Some(Value::from_f64(0.0)),
            _ => None,
        });
    }
    match kind_of(obj) {
        Some(ObjKind::Function) => {
            let f = Gc::<FunctionBody>::from_value(obj).expect("function");
            Ok(match name {
                "__name__" => Some(f.name.get()),
                "__qualname__" => Some(f.qualname.get()),
                "__defaults__" => Some(f.defaults.get()),
                "__kwdefaults__" => Some(f.kwdefaults.get()),
                "__closure__" => Some(f.closure.get()),
                "__code__" => Some(f.code.value()),
                "__globals__" => Some(f.globals.value()),
                "__module__" => Some(f.module.get()),
                "__doc__" => Some(f.doc.get()),
                "__builtins__" => Some(vm.interp.builtins.dict.value()),
                "__annotate__" => Some(f.annotate.get()),
                "__annotations__" => Some(function_annotations(vm, f)?),
                "__type_params__" => {
                    let t = f.type_params.get();
                    Some(if t.is_unset() {
                        vm.new_tuple(Vec::new())
                    } else {
                        t
                    })
                }
                _ => None,
            })
        }
        Some(ObjKind::Method) => {
            let m = Gc::<MethodBody>::from_value(obj).expect("method");
            Ok(match name {
                "__self__" => Some(m.receiver),
                "__func__" => Some(m.func),
                "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                    Some(attr::getattr_str(vm, m.func, name)?)
                }
                _ => None,
            })
        }
        Some(ObjKind::Builtin) => {
            let b = Gc::<BuiltinBody>::from_value(obj).expect("builtin");
            Ok(match name {
                "__name__" => Some(vm.new_str(b.name)),
                "__qualname__" => {
                    let q = match Gc::<TypeBody>::from_value(b.owner) {
                        Some(t) => format!("{}.{}", t.name(), b.name),
                        None => b.name.to_owned(),
                    };
                    Some(vm.new_string(q))
                }
                "__self__" => Some(if b.bound.is_unset() { b.owner } else { b.bound }),
                "__doc__" => Some(match b.doc {
                    Some(d) => vm.new_str(d),
                    None => Value::NONE,
                }),
                "__module__" => Some(if kind_of(b.owner) == Some(ObjKind::Type) {
                    Value::NONE
                } else {
                    vm.intern("builtins")
                }),
                _ => None,
            })
        }
        Some(ObjKind::Code) => {
            let c = Gc::<CodeBody>::from_value(obj).expect("code");
            code_attr(vm, c, name)
        }
        Some(ObjKind::Cell) if name == "cell_contents" => {
            let v = Gc::<CellBody>::from_value(obj).expect("cell").value.get();
            if v.is_unset() {
                return Err(vm.value_error("Cell is empty"));
            }
            Ok(Some(v))
        }
        Some(ObjKind::Exception) => {
            let e = Gc::<ExceptionBody>::from_value(obj).expect("exception");
            Ok(match name {
                "args" => Some(e.args.get()),
                "__traceback__" => Some(none_if_unset(e.traceback.get())),
                "__cause__" => Some(none_if_unset(e.cause.get())),
                "__context__" => Some(none_if_unset(e.context.get())),
                "__suppress_context__" => {
                    Some(Value::from_bool(e.suppress_context.load(Ordering::Relaxed)))
                }
                _ => crate::builtins::exceptions::exception_field(vm, obj, name)?,
            })
        }
        Some(ObjKind::Traceback) => {
            let t = Gc::<TracebackBody>::from_value(obj).expect("traceback");
            Ok(match name {
                "tb_next" => Some(none_if_unset(t.next.get())),
                "tb_frame" => Some(t.frame),
                "tb_lasti" => Some(vm.new_int(t.pc as i64 * 2)),
                "tb_lineno" => {
                    let f = Gc::<FrameBody>::from_value(t.frame).expect("frame");
                    let line = f
                        .code
                        .code
                        .location(t.pc as usize)
                        .map_or(f.code.code.first_line, |l| l.line);
                    Some(vm.new_int(line as i64))
                }
                _ => None,
            })
        }
        Some(ObjKind::Frame) => {
            let f = Gc::<FrameBody>::from_value(obj).expect("frame");
            Ok(match name {
                "f_code" => Some(f.code.value()),
                "f_lineno" => Some(vm.new_int(f.lineno() as i64)),
                "f_lasti" => Some(vm.new_int(f.pc() as i64 * 2)),
                "f_back" => {
                    let b = f.back.get();
                    Some(if kind_of(b) == Some(ObjKind::Frame) {
                        b
                    } else {
                        Value::NONE
                    })
                }
                "f_globals" => Some(f.globals.value()),
                "f_builtins" => Some(f.builtins),
                "f_locals" => Some(crate::builtins::functions::frame_locals(vm, f)?),
                "f_trace" => Some(Value::NONE),
                _ => None,
            })
        }
        Some(ObjKind::Generator) => {
            let g = Gc::<GenBody>::from_value(obj).expect("generator");
            let prefix = match g.kind {
                crate::vm::generator::GenKind::Generator => "gi_",
                crate::vm::generator::GenKind::Coroutine => "cr_",
                crate::vm::generator::GenKind::AsyncGenerator => "ag_",
            };
            let state = g.state.load(Ordering::Relaxed);
            let rest = name.strip_prefix(prefix);
            Ok(match (name, rest) {
                ("__name__", _) => Some(g.name.get()),
                ("__qualname__", _) => Some(g.qualname.get()),
                (_, Some("frame")) => Some(if state == crate::vm::generator::gen_state::CLOSED {
                    Value::NONE
                } else {
                    g.frame.value()
                }),
                (_, Some("running")) if g.kind == crate::vm::generator::GenKind::AsyncGenerator => {
                    Some(Value::from_bool(g.running_async.load(Ordering::Relaxed)))
                }
                (_, Some("running")) => Some(Value::from_bool(
                    state == crate::vm::generator::gen_state::RUNNING,
                )),
                (_, Some("suspended")) => Some(Value::from_bool(
                    state == crate::vm::generator::gen_state::SUSPENDED,
                )),
                (_, Some("code")) => Some(g.frame.code.value()),
                (_, Some("yieldfrom")) | (_, Some("await")) => {
                    Some(crate::vm::generator_ops::delegate(&g))
                }
                _ => None,
            })
        }
        Some(ObjKind::Range) => {
            let r = Gc::<RangeBody>::from_value(obj).expect("range");
            Ok(match name {
                "start" => Some(r.start),
                "stop" => Some(r.stop),
                "step" => Some(r.step),
                _ => None,
            })
        }
        Some(ObjKind::Slice) => {
            let s = Gc::<SliceBody>::from_value(obj).expect("slice");
            Ok(match name {
                "start" => Some(s.start),
                "stop" => Some(s.stop),
                "step" => Some(s.step),
                _ => None,
            })
        }
        Some(ObjKind::Complex) => {
            let c = Gc::<ComplexBody>::from_value(obj).expect("complex");
            Ok(match name {
                "real" => Some(Value::from_f64(c.re)),
                "imag" => Some(Value::from_f64(c.im)),
                _ => None,
            })
        }
        Some(ObjKind::Module) if name == "__dict__" => Ok(Some(
            Gc::<crate::types::module::ModuleBody>::from_value(obj)
                .expect("module")
                .dict
                .value(),
        )),
        Some(ObjKind::Native) => {
            if let Some(s) = native::<SuperObj>(obj) {
                if name == "__thisclass__" {
                    return Ok(Some(s.ty));
                }
                if name == "__self__" {
                    return Ok(Some(s.obj));
                }
                if name == "__self_class__" {
                    return Ok(Some(s.obj_type));
                }
                return super_getattr(vm, s, name);
            }
            if let Some(v) = crate::builtins::descriptors::descriptor_getattr(vm, obj, name)? {
                return Ok(Some(v));
            }
            crate::builtins::iterators::native_getattr(vm, obj, name)
        }
        _ => Ok(None),
    }
}

fn function_annotations(vm: &mut Vm, f: Gc<FunctionBody>) -> PyResult<Value> {
    if let Some(d) = attr::instance_dict(vm, f.value())
        && let Some(a) = dictops::get_str(&d, "__annotations__")
    {
        return Ok(a);
    }
    let annotate = f.annotate.get();
    let result = if annotate.is_none() || annotate.is_unset() {
        vm.new_dict_body().value()
    } else {
        ops::call::call(vm, annotate, &[Value::small_int(1)])?
    };
    if let Some(d) = attr::instance_dict(vm, f.value()) {
        dictops::set_item_str(vm, d, "__annotations__", result);
    }
    Ok(result)
}

fn code_attr(vm: &mut Vm, c: Gc<CodeBody>, name: &str) -> PyResult<Option<Value>> {
    let co = &c.code;
    let strs = |vm: &mut Vm, items: &[String]| {
        let vals: Vec<Value> = items.iter().map(|s| vm.new_str(s)).collect();
        vm.new_tuple(vals)
    };
    Ok(match name {
        "co_name" => Some(c.name),
        "co_qualname" => Some(c.qualname),
        "co_filename" => Some(c.filename),
        "co_firstlineno" => Some(vm.new_int(co.first_line as i64)),
        "co_argcount" => Some(vm.new_int(co.argcount as i64)),
        "co_posonlyargcount" => Some(vm.new_int(co.posonlyargcount as i64)),
        "co_kwonlyargcount" => Some(vm.new_int(co.kwonlyargcount as i64)),
        "co_nlocals" => Some(vm.new_int(co.nlocals as i64)),
        "co_flags" => Some(vm.new_int(co.flags.0 as i64 & 0xFFFF)),
        "co_varnames" => Some(strs(vm, &co.varnames[..co.nlocals as usize])),
        "co_cellvars" => Some(strs(vm, &co.cells)),
        "co_freevars" => Some(strs(vm, &co.frees)),
        "co_names" => Some(strs(vm, &co.names)),
        "co_consts" => Some(vm.new_tuple(c.consts.to_vec())),
        "co_stacksize" => Some(vm.new_int(co.nregs as i64)),
        // Our register bytecode, little-endian; CPython programs only inspect its type
        // and length.
        "co_code" => {
            let bytes: Vec<u8> = co.code.iter().flat_map(|w| w.to_le_bytes()).collect();
            Some(crate::builtins::str::new_bytes(vm, bytes))
        }
        _ => None,
    })
}

/// Class-level special attributes of a type object.
pub fn type_getattr(vm: &mut Vm, cls: Gc<TypeBody>, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "__name__" => Some(vm.new_string(cls.name())),
        "__qualname__" => Some(vm.new_string(cls.qualname.lock().clone())),
        "__bases__" => {
            let b = cls.bases.lock().clone();
            Some(vm.new_tuple(b))
        }
        "__base__" => Some(cls.bases.lock().first().copied().unwrap_or(Value::NONE)),
        "__mro__" => {
            let m = cls.mro();
            Some(vm.new_tuple(m))
        }
        "__dict__" => Some(crate::builtins::mappingproxy::new_proxy(
            vm,
            cls.dict.value(),
        )),
        "__class__" => Some(type_of(vm, cls.value()).value()),
        "__doc__" => match dictops::get_str(&cls.dict, "__doc__") {
            Some(d) => Some(d),
            None => Some(Value::NONE),
        },
        "__module__" => match dictops::get_str(&cls.dict, "__module__") {
            Some(m) => Some(m),
            None => Some(vm.intern("builtins")),
        },
        "__type_params__" if dictops::get_str(&cls.dict, "__type_params__").is_none() => {
            Some(vm.new_tuple(Vec::new()))
        }
        "__annotations__" => match dictops::get_str(&cls.dict, "__annotations__") {
            Some(a) => Some(a),
            None => {
                let annotate = dictops::get_str(&cls.dict, "__annotate__")
                    .or_else(|| dictops::get_str(&cls.dict, "__annotate_func__"));
                match annotate {
                    Some(f) if !f.is_none() => {
                        let r = ops::call::call(vm, f, &[Value::small_int(1)])?;
                        if cls.has_flag(tflags::HEAPTYPE) {
                            dictops::set_item_str(vm, cls.dict, "__annotations__", r);
                        }
                        Some(r)
                    }
                    _ if cls.has_flag(tflags::HEAPTYPE) => {
                        let d = vm.new_dict_body().value();
                        dictops::set_item_str(vm, cls.dict, "__annotations__", d);
                        Some(d)
                    }
                    _ => None,
                }
            }
        },
        _ => None,
    })
}

/// Assigns a special attribute of `obj`; `false` when `name` is not special for it.
pub fn setattr(vm: &mut Vm, obj: Value, name: &str, value: Value) -> PyResult<bool> {
    if name == "__class__" {
        let Some(new) = Gc::<TypeBody>::from_value(value) else {
            let tn = ops::type_name(vm, value);
            return Err(vm.type_error(format!(
                "__class__ must be set to a class, not '{tn}' object"
            )));
        };
        let old = type_of(vm, obj);
        if !old.has_flag(tflags::HEAPTYPE) || !new.has_flag(tflags::HEAPTYPE) {
            return Err(vm.type_error(
                "__class__ assignment only supported for mutable types or ModuleType subclasses",
            ));
        }
        if old.layout != new.layout
            || old.payload_base.get() != new.payload_base.get()
            || *old.slot_names.lock() != *new.slot_names.lock()
        {
            let (o, n) = (old.name(), new.name());
            return Err(vm.type_error(format!(
                "__class__ assignment: '{n}' object layout differs from '{o}'"
            )));
        }
        if let Some(addr) = obj.as_addr() {
            crate::object::header_at(addr).set_type_addr(new.addr());
            if new.has_flag(tflags::HAS_FINALIZER) {
                vm.rt.gc.finalize.add_candidate(addr);
            }
        }
        return Ok(true);
    }
    if name == "__dict__"
        && let Some(store) = attr::attr_store(obj)
    {
        if value.is_unset() {
            return Err(vm.type_error("cannot delete __dict__"));
        }
        let Some(d) = Gc::<crate::types::dict::DictBody>::from_value(value) else {
            let tn = ops::type_name(vm, value);
            return Err(vm.type_error(format!(
                "__dict__ must be set to a dictionary, not a '{tn}'"
            )));
        };
        if attr::instance_dict(vm, obj).is_none() {
            return Ok(false);
        }
        crate::gc::write_barrier(obj, d.value());
        store.dict.set(d.value());
        return Ok(true);
    }
    // The numbers' data attributes: complex's are members, int's and float's getsets.
    let inner = ops::unwrap_payload(obj);
    if matches!(name, "real" | "imag") && kind_of(inner) == Some(ObjKind::Complex) {
        return Err(vm.attribute_error("readonly attribute"));
    }
    let number_attr = match name {
        "real" | "imag" => ops::int_of(inner).is_some() || ops::float_of(inner).is_some(),
        "numerator" | "denominator" => ops::int_of(inner).is_some(),
        _ => false,
    };
    if number_attr {
        let tn = if ops::float_of(inner).is_some() {
            "float"
        } else {
            "int"
        };
        return Err(vm.attribute_error(format!(
            "attribute '{name}' of '{tn}' objects is not writable"
        )));
    }
    match kind_of(obj) {
        Some(ObjKind::Function) => {
            let f = Gc::<FunctionBody>::from_value(obj).expect("function");
            let slot = match name {
                "__name__" | "__qualname__" => {
                    if str_of(value).is_none() {
                        return Err(vm.type_error(format!("{name} must be set to a string object")));
                    }
                    if name == "__name__" {
                        &f.name
                    } else {
                        &f.qualname
                    }
                }
                "__defaults__" => &f.defaults,
                "__kwdefaults__" => &f.kwdefaults,
                "__doc__" => &f.doc,
                "__module__" => &f.module,
                "__annotate__" => &f.annotate,
                "__type_params__" => &f.type_params,
                _ => return Ok(false),
            };
            slot.set(if value.is_unset() { Value::NONE } else { value });
            Ok(true)
        }
        Some(ObjKind::Exception) => {
            let e = Gc::<ExceptionBody>::from_value(obj).expect("exception");
            match name {
                "args" => {
                    let items = ops::iter::collect(vm, value)?;
                    let t = vm.new_tuple(items);
                    e.args.set(t);
                }
                "__traceback__" => e.traceback.set(value),
                "__cause__" => {
                    e.cause.set(value);
                    e.suppress_context.store(true, Ordering::Relaxed);
                }
                "__context__" => e.context.set(value),
                "__suppress_context__" => {
                    let b = ops::truthy(vm, value)?;
                    e.suppress_context.store(b, Ordering::Relaxed);
                }
                _ => return Ok(false),
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Assigns a special attribute of a class; `false` when `name` is not special.
pub fn type_setattr(vm: &mut Vm, cls: Gc<TypeBody>, name: &str, value: Value) -> PyResult<bool> {
    match name {
        "__name__" | "__qualname__" => {
            let Some(s) = str_of(value) else {
                let tn = ops::type_name(vm, value);
                return Err(vm.type_error(format!(
                    "can only assign string to {}.{name}, not '{tn}'",
                    cls.name()
                )));
            };
            if name == "__name__" {
                *cls.name.lock() = s.to_owned();
            } else {
                *cls.qualname.lock() = s.to_owned();
            }
            Ok(true)
        }
        "__bases__" => {
            let items = ops::tuple_items(value)
                .map(<[Value]>::to_vec)
                .unwrap_or_default();
            *cls.bases.lock() = items.clone();
            let with_mros: Vec<(Value, Vec<Value>)> = items
                .iter()
                .filter_map(|b| Gc::<TypeBody>::from_value(*b))
                .map(|b| (b.value(), b.mro()))
                .collect();
            if let Ok(m) = crate::types::typeobj::c3_linearize(cls.value(), &with_mros) {
                *cls.mro.lock() = m;
            }
            crate::ops::attr::invalidate_type(vm, cls);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Records `obj` and `name` on an AttributeError (used for "Did you mean" suggestions).
pub fn set_attribute_error_context(vm: &mut Vm, err: PyErr, obj: Value, name: &str) {
    if let Some(d) = attr::instance_dict(vm, err.value()) {
        let n = vm.new_str(name);
        dictops::set_item_str(vm, d, "name", n);
        dictops::set_item_str(vm, d, "obj", obj);
    }
}
