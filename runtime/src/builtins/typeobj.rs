//! `type`: calling a class (`type.__call__`), creating one (`type.__new__`, the `class`
//! statement's `__build_class__`), metaclass selection, `__slots__`, `__set_name__` and
//! `__init_subclass__` (Objects/typeobject.c `type_new`, Python/bltinmodule.c
//! `builtin___build_class__`).

use crate::args::Args;
use crate::builtins::descriptors::{ClassMethodObj, SlotMember, StaticMethodObj, new_native};
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, call, dictops, is_subtype, str_of, type_of};
use crate::types::dict::DictBody;
use crate::types::function::{CellBody, FunctionBody};
use crate::types::typeobj::{TypeBody, c3_linearize, tflags};
use crate::value::{AtomicValue, Value};

/// `cls(*args, **kwargs)`.
pub fn type_call(vm: &mut Vm, cls: Value, args: &[Value], kwnames: &[Value]) -> PyResult<Value> {
    let cls_ty = Gc::<TypeBody>::from_value(cls).expect("type");
    let meta = type_of(vm, cls);
    if meta != vm.rt.types.type_
        && let Some(f) = attr::lookup_type(vm, meta, "__call__")
        && ops::dictops::get_str(&vm.rt.types.type_.dict, "__call__") != Some(f)
    {
        let bound = attr::descr_get(vm, f, cls, meta)?;
        return call::call_kw(vm, bound, args, kwnames);
    }
    default_type_call(vm, cls_ty, args, kwnames)
}

/// `type.__call__`: `__new__` then `__init__`.
pub fn default_type_call(
    vm: &mut Vm,
    cls: Gc<TypeBody>,
    args: &[Value],
    kwnames: &[Value],
) -> PyResult<Value> {
    if cls == vm.rt.types.type_ && kwnames.is_empty() && args.len() == 1 {
        return Ok(type_of(vm, args[0]).value());
    }
    // The singletons' types return the singleton (Objects/object.c `none_new` and
    // friends), and take no arguments.
    for (ty, single) in [
        (vm.rt.types.none, Value::NONE),
        (vm.rt.types.not_implemented, Value::NOT_IMPLEMENTED),
        (vm.rt.types.ellipsis, Value::ELLIPSIS),
    ] {
        if cls == ty {
            if !args.is_empty() || !kwnames.is_empty() {
                let tn = cls.name();
                return Err(vm.type_error(format!("{tn} takes no arguments")));
            }
            return Ok(single);
        }
    }
    let Some(new) = attr::lookup_type(vm, cls, "__new__") else {
        let tn = cls.name();
        return Err(vm.type_error(format!("cannot create '{tn}' instances")));
    };
    let new = match Gc::<crate::types::native::NativeBody>::from_value(new) {
        Some(n) => match n.downcast::<StaticMethodObj>() {
            Some(s) => s.func.get(),
            None => new,
        },
        None => new,
    };
    let mut full: smallvec::SmallVec<[Value; 8]> =
        smallvec::SmallVec::with_capacity(args.len() + 1);
    full.push(cls.value());
    full.extend_from_slice(args);
    let obj = call::call_kw(vm, new, &full, kwnames)?;
    let obj_ty = type_of(vm, obj);
    if !is_subtype(obj_ty, cls) {
        return Ok(obj);
    }
    if let Some(init) = attr::lookup_type(vm, obj_ty, "__init__") {
        let r = if kind_of(init) == Some(ObjKind::Function) {
            full[0] = obj;
            call::call_kw(vm, init, &full, kwnames)?
        } else {
            let bound = attr::descr_get(vm, init, obj, obj_ty)?;
            call::call_kw(vm, bound, args, kwnames)?
        };
        if !r.is_none() {
            let tn = ops::type_name(vm, r);
            return Err(vm.type_error(format!("__init__() should return None, not '{tn}'")));
        }
    }
    Ok(obj)
}

fn type_call_method(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(cls) = args
        .values
        .first()
        .and_then(|v| Gc::<TypeBody>::from_value(*v))
    else {
        return Err(vm.type_error("descriptor '__call__' requires a 'type' object"));
    };
    default_type_call(vm, cls, &args.values[1..], args.kwnames)
}

fn type_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = args.pos();
    let meta = pos.first().copied().and_then(Gc::<TypeBody>::from_value);
    let Some(meta) = meta else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    if pos.len() == 2 && !args.has_kwargs() && meta == vm.rt.types.type_ {
        return Ok(type_of(vm, pos[1]).value());
    }
    if pos.len() != 4 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let (name, bases, ns) = (pos[1], pos[2], pos[3]);
    let Some(name) = str_of(name).map(str::to_owned) else {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {tn}")));
    };
    let Some(bases) = ops::tuple_items(bases).map(<[Value]>::to_vec) else {
        let tn = ops::type_name(vm, bases);
        return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {tn}")));
    };
    let Some(ns) = Gc::<DictBody>::from_value(ns) else {
        let tn = ops::type_name(vm, ns);
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {tn}")));
    };
    create_class(vm, meta, &name, &bases, ns, args)
}

/// The most derived metaclass of `meta` and the bases' types.
pub fn calculate_metaclass(
    vm: &mut Vm,
    meta: Gc<TypeBody>,
    bases: &[Value],
) -> PyResult<Gc<TypeBody>> {
    let mut winner = meta;
    for &b in bases {
        let t = type_of(vm, b);
        if is_subtype(winner, t) {
            continue;
        }
        if is_subtype(t, winner) {
            winner = t;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The builtin layout a class with these bases must use, and the payload base if any.
fn solid_layout(vm: &mut Vm, bases: &[Gc<TypeBody>]) -> PyResult<(ObjKind, Value)> {
    let mut layout = ObjKind::Instance;
    let mut payload = Value::NONE;
    for b in bases {
        let (l, p) = if b.has_flag(tflags::HEAPTYPE) {
            (b.layout, b.payload_base.get())
        } else {
            match b.layout {
                ObjKind::Instance if *b != vm.rt.types.float => (ObjKind::Instance, Value::NONE),
                ObjKind::Exception | ObjKind::Type => (b.layout, Value::NONE),
                _ => (ObjKind::Instance, b.value()),
            }
        };
        let (l, p) = if *b == vm.rt.types.float {
            (ObjKind::Instance, b.value())
        } else {
            (l, p)
        };
        if l != ObjKind::Instance {
            if layout != ObjKind::Instance && layout != l {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
            layout = l;
        }
        if !p.is_none() {
            if !payload.is_none() && payload != p {
                let pa = Gc::<TypeBody>::from_value(payload).expect("type");
                let pb = Gc::<TypeBody>::from_value(p).expect("type");
                if !is_subtype(pa, pb) && !is_subtype(pb, pa) {
                    return Err(vm.type_error("multiple bases have instance lay-out conflict"));
                }
            }
            payload = p;
        }
    }
    Ok((layout, payload))
}

/// Creates a class (the body of `type.__new__`).
pub fn create_class(
    vm: &mut Vm,
    meta: Gc<TypeBody>,
    name: &str,
    bases: &[Value],
    ns: Gc<DictBody>,
    args: &Args,
) -> PyResult<Value> {
    let bases: Vec<Value> = if bases.is_empty() {
        vec![vm.rt.types.object.value()]
    } else {
        bases.to_vec()
    };
    let mut base_types = Vec::with_capacity(bases.len());
    for &b in &bases {
        let Some(t) = Gc::<TypeBody>::from_value(b) else {
            let tn = ops::type_name(vm, b);
            let _ = tn;
            return Err(vm.type_error("bases must be types"));
        };
        if !t.has_flag(tflags::BASETYPE) {
            let tn = t.name();
            return Err(vm.type_error(format!("type '{tn}' is not an acceptable base type")));
        }
        if base_types.contains(&t) {
            let tn = t.name();
            return Err(vm.type_error(format!("duplicate base class {tn}")));
        }
        base_types.push(t);
    }
    let (layout, payload) = solid_layout(vm, &base_types)?;
    let dict = vm.new_dict_body();
    for (k, v) in dictops::items(&ns) {
        dictops::set(vm, dict, k, v)?;
    }
    let mut flags = tflags::HEAPTYPE | tflags::BASETYPE | tflags::HAS_ATTRS;
    if base_types.iter().any(|b| b.has_flag(tflags::EXCEPTION)) {
        flags |= tflags::EXCEPTION;
    }
    let ty_body = TypeBody::new(name, dict, layout, flags);
    let cls = vm.alloc(meta, ty_body);
    cls.payload_base.set(payload);
    // MRO.
    let with_mros: Vec<(Value, Vec<Value>)> =
        base_types.iter().map(|b| (b.value(), b.mro())).collect();
    let mro = match c3_linearize(cls.value(), &with_mros) {
        Ok(m) => m,
        Err(heads) => {
            let names: Vec<String> = heads
                .iter()
                .filter_map(|h| Gc::<TypeBody>::from_value(*h))
                .map(|t| t.name())
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        }
    };
    *cls.bases.lock() = bases.clone();
    *cls.mro.lock() = mro;
    // Namespace fix-ups.
    if let Some(q) = dictops::get_str(&dict, "__qualname__") {
        match str_of(q) {
            Some(q) => *cls.qualname.lock() = q.to_owned(),
            None => {
                let tn = ops::type_name(vm, q);
                return Err(vm.type_error(format!("type __qualname__ must be a str, not {tn}")));
            }
        }
        let key = vm.intern("__qualname__");
        dictops::remove(vm, dict, key)?;
    }
    // A class that defines `__eq__` without `__hash__` is unhashable
    // (Objects/typeobject.c `inherit_slots` / `type_new_set_hash`).
    if dictops::get_str(&dict, "__eq__").is_some() && dictops::get_str(&dict, "__hash__").is_none()
    {
        dictops::set_item_str(vm, dict, "__hash__", Value::NONE);
    }
    // `type(name, bases, ns)` takes `__module__` from the caller's globals.
    if dictops::get_str(&dict, "__module__").is_none()
        && let Some(frame) = Gc::<crate::vm::frame::FrameBody>::from_value(vm.frame)
        && let Some(m) = dictops::get_str(&frame.globals, "__name__")
    {
        dictops::set_item_str(vm, dict, "__module__", m);
    }
    if dictops::get_str(&dict, "__doc__").is_none() {
        dictops::set_item_str(vm, dict, "__doc__", Value::NONE);
    }
    for special in ["__classcell__", "__classdictcell__"] {
        if let Some(cell) = dictops::get_str(&dict, special) {
            if let Some(c) = Gc::<CellBody>::from_value(cell) {
                c.value.set(if special == "__classcell__" {
                    cls.value()
                } else {
                    dict.value()
                });
            }
            let key = vm.intern(special);
            dictops::remove(vm, dict, key)?;
        }
    }
    // Implicit static/class methods.
    for (special, wrap_static) in [
        ("__new__", true),
        ("__init_subclass__", false),
        ("__class_getitem__", false),
    ] {
        if let Some(f) = dictops::get_str(&dict, special)
            && kind_of(f) == Some(ObjKind::Function)
        {
            let wrapped = if wrap_static {
                new_native(
                    vm,
                    vm.rt.types.staticmethod,
                    StaticMethodObj {
                        func: AtomicValue::new(f),
                    },
                )
            } else {
                new_native(
                    vm,
                    vm.rt.types.classmethod,
                    ClassMethodObj {
                        func: AtomicValue::new(f),
                    },
                )
            };
            dictops::set_item_str(vm, dict, special, wrapped);
        }
    }
    // __slots__.
    if let Some(slots) = dictops::get_str(&dict, "__slots__") {
        let names: Vec<Value> = if let Some(s) = str_of(slots) {
            let s = s.to_owned();
            vec![vm.new_string(s)]
        } else {
            ops::iter::collect(vm, slots)?
        };
        let mut slot_names: Vec<String> = base_types
            .iter()
            .find_map(|b| b.slot_names.lock().clone())
            .unwrap_or_default();
        let mut has_dict = base_types
            .iter()
            .any(|b| b.has_flag(tflags::HEAPTYPE) && b.has_flag(tflags::HAS_ATTRS));
        for n in names {
            let Some(s) = str_of(n).map(str::to_owned) else {
                let tn = ops::type_name(vm, n);
                return Err(vm.type_error(format!("__slots__ items must be strings, not '{tn}'")));
            };
            if s == "__dict__" {
                has_dict = true;
                continue;
            }
            if s == "__weakref__" {
                continue;
            }
            if dictops::get_str(&dict, &s).is_some() {
                return Err(
                    vm.value_error(format!("'{s}' in __slots__ conflicts with class variable"))
                );
            }
            let index = slot_names.len();
            slot_names.push(s.clone());
            let member_ty = crate::builtins::descriptors::member_descriptor_type(vm);
            let member = new_native(
                vm,
                member_ty,
                SlotMember {
                    name: s.clone(),
                    index,
                    owner: cls.value(),
                },
            );
            dictops::set_item_str(vm, dict, &s, member);
        }
        cls.nslots.store(
            slot_names.len() as u32,
            std::sync::atomic::Ordering::Relaxed,
        );
        cls.set_flag(tflags::HAS_SLOTS);
        *cls.slot_names.lock() = Some(slot_names);
        if !has_dict {
            cls.flags
                .fetch_and(!tflags::HAS_ATTRS, std::sync::atomic::Ordering::Relaxed);
        }
    } else if let Some(inherited) = base_types.iter().find_map(|b| b.slot_names.lock().clone()) {
        cls.nslots
            .store(inherited.len() as u32, std::sync::atomic::Ordering::Relaxed);
        cls.set_flag(tflags::HAS_SLOTS);
        *cls.slot_names.lock() = Some(inherited);
    }
    if attr::lookup_type(vm, cls, "__del__").is_some() {
        cls.set_flag(tflags::HAS_FINALIZER);
    }
    // __set_name__.
    for (k, v) in dictops::items(&dict) {
        if !v.is_ptr() {
            continue;
        }
        let vt = type_of(vm, v);
        if let Some(f) = attr::lookup_type(vm, vt, "__set_name__")
            && let Err(e) = call::call_method(vm, f, v, &[cls.value(), k])
        {
            let _ = crate::builtins::exceptions::add_note_text(
                vm,
                e.value(),
                &format!(
                    "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                    vt.name(),
                    str_of(k).unwrap_or("?"),
                    name
                ),
            );
            return Err(e);
        }
    }
    // __init_subclass__ of the nearest base.
    let mro = cls.mro();
    for t in &mro[1..] {
        let t = Gc::<TypeBody>::from_value(*t).expect("type");
        if let Some(f) = dictops::get_str(&t.dict, "__init_subclass__") {
            let bound = attr::descr_get(vm, f, Value::UNSET, cls)?;
            let bound = if kind_of(bound) == Some(ObjKind::Function) {
                attr::new_method(vm, bound, cls.value())
            } else {
                bound
            };
            let kw_start = args.values.len() - args.kwnames.len();
            call::call_kw(vm, bound, &args.values[kw_start..], args.kwnames)?;
            break;
        }
    }
    Ok(cls.value())
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
pub fn build_class(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let (func, name) = (pos[0], pos[1]);
    let Some(f) = Gc::<FunctionBody>::from_value(func) else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let orig_bases = pos[2..].to_vec();
    // PEP 560 __mro_entries__.
    let mut bases = Vec::new();
    let mut changed = false;
    for &b in &orig_bases {
        if kind_of(b) != Some(ObjKind::Type)
            && let Some(me) = attr::getattr_opt(vm, b, "__mro_entries__")?
        {
            let orig = vm.new_tuple(orig_bases.clone());
            let entries = call::call(vm, me, &[orig])?;
            let Some(items) = ops::tuple_items(entries) else {
                return Err(vm.type_error("__mro_entries__ must return a tuple"));
            };
            bases.extend_from_slice(items);
            changed = true;
            continue;
        }
        bases.push(b);
    }
    let mut meta: Option<Value> = None;
    let mut kwnames = Vec::new();
    let mut kwvalues = Vec::new();
    for (n, v) in args.kwargs() {
        if n == "metaclass" {
            meta = Some(v);
        } else {
            kwnames.push(vm.intern(n));
            kwvalues.push(v);
        }
    }
    let is_class_meta = meta.is_none_or(|m| kind_of(m) == Some(ObjKind::Type));
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(&b) => type_of(vm, b).value(),
            None => vm.rt.types.type_.value(),
        },
    };
    if is_class_meta {
        let m = Gc::<TypeBody>::from_value(meta).expect("type");
        meta = calculate_metaclass(vm, m, &bases)?.value();
    }
    let bases_tuple = vm.new_tuple(bases.clone());
    let ns = match attr::getattr_opt(vm, meta, "__prepare__")? {
        Some(prepare) => {
            let mut pargs = vec![name, bases_tuple];
            pargs.extend_from_slice(&kwvalues);
            call::call_kw(vm, prepare, &pargs, &kwnames)?
        }
        None => vm.new_dict_body().value(),
    };
    if !ops::is_instance(vm, ns, vm.rt.types.dict)
        && attr::lookup_type(vm, type_of(vm, ns), "__getitem__").is_none()
    {
        let mn = Gc::<TypeBody>::from_value(meta)
            .map(|t| t.name())
            .unwrap_or_else(|| "<metaclass>".into());
        let tn = ops::type_name(vm, ns);
        return Err(vm.type_error(format!(
            "{mn}.__prepare__() must return a mapping, not {tn}"
        )));
    }
    let frame = crate::vm::call::new_function_frame(vm, f, &[], &[])?;
    frame.locals.set(ns);
    let cell = match crate::vm::run_frame(vm, frame, 0)? {
        crate::vm::Exit::Return(v) | crate::vm::Exit::Yield(v) => v,
    };
    if changed {
        let orig = vm.new_tuple(orig_bases);
        let key = vm.intern("__orig_bases__");
        ops::subscript::setitem(vm, ns, key, orig)?;
    }
    let mut margs = vec![name, bases_tuple, ns];
    margs.extend_from_slice(&kwvalues);
    let cls = call::call_kw(vm, meta, &margs, &kwnames)?;
    if let Some(c) = Gc::<CellBody>::from_value(cell)
        && c.value.get().is_unset()
    {
        c.value.set(cls);
    }
    Ok(cls)
}

fn type_init(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn type_mro(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = args.one(vm, "mro")?;
    let mro = Gc::<TypeBody>::from_value(cls)
        .map(|t| t.mro())
        .unwrap_or_default();
    Ok(vm.new_list(mro))
}

fn type_instancecheck(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__instancecheck__", 2, 2)?;
    let cls = Gc::<TypeBody>::from_value(a[0]).expect("type");
    Ok(Value::from_bool(ops::is_instance(vm, a[1], cls)))
}

fn type_subclasscheck(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__subclasscheck__", 2, 2)?;
    let cls = Gc::<TypeBody>::from_value(a[0]).expect("type");
    let Some(sub) = Gc::<TypeBody>::from_value(a[1]) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::from_bool(is_subtype(sub, cls)))
}

fn type_prepare(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_dict_body().value())
}

fn type_subclasses(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = args.one(vm, "__subclasses__")?;
    let mut out = Vec::new();
    let mut all = Vec::new();
    vm.rt.heap.for_each_object(|addr| all.push(addr));
    for addr in all {
        let v = Value::from_addr(addr);
        if let Some(t) = Gc::<TypeBody>::from_value(v)
            && t.bases.lock().contains(&cls)
        {
            out.push(v);
        }
    }
    Ok(vm.new_list(out))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", type_new),
    method("__init__", type_init),
    method("__call__", type_call_method),
    method("mro", type_mro),
    method("__instancecheck__", type_instancecheck),
    method("__subclasscheck__", type_subclasscheck),
    classmethod("__prepare__", type_prepare),
    method("__subclasses__", type_subclasses),
];
