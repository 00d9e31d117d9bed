//! `object`: the root type's methods (`__new__`, `__init__`, attribute access slots,
//! `__init_subclass__`, `__dir__`, `__reduce_ex__`-free basics) and instance allocation.

use crate::args::Args;
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind};
use crate::ops::{self, attr, type_of};
use crate::types::exception::ExceptionBody;
use crate::types::instance::InstanceBody;
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::{AtomicValue, Value};

/// A new instance of the (user) class `cls`, carrying `payload` when `cls` derives from a
/// builtin with one.
pub fn new_instance(vm: &mut Vm, cls: Gc<TypeBody>, payload: Value) -> Value {
    let nslots = cls.nslots.load(std::sync::atomic::Ordering::Relaxed) as usize;
    let body = InstanceBody {
        attrs: Default::default(),
        payload: AtomicValue::new(payload),
        slots: (0..nslots)
            .map(|_| AtomicValue::new(Value::UNSET))
            .collect(),
    };
    vm.alloc(cls, body).value()
}

/// `object.__new__(cls)`: allocates an instance with `cls`'s layout.
pub fn object_new_instance(vm: &mut Vm, cls: Gc<TypeBody>) -> PyResult<Value> {
    match cls.layout {
        ObjKind::Instance => {
            let payload = cls.payload_base.get();
            if !payload.is_none() {
                // A subclass of a payload builtin created without its `__new__`: give it
                // the builtin's empty value.
                let base = Gc::<TypeBody>::from_value(payload).expect("payload base");
                let empty = ops::call::call(vm, base.value(), &[])?;
                return Ok(new_instance(vm, cls, empty));
            }
            Ok(new_instance(vm, cls, Value::UNSET))
        }
        ObjKind::Exception => {
            let args = vm.new_tuple(Vec::new());
            let body = ExceptionBody {
                args: AtomicValue::new(args),
                ..Default::default()
            };
            for f in [&body.traceback, &body.cause, &body.context] {
                f.set(Value::NONE);
            }
            Ok(vm.alloc(cls, body).value())
        }
        _ => {
            let tn = cls.name();
            Err(vm.type_error(format!(
                "object.__new__({tn}) is not safe, use {tn}.__new__()"
            )))
        }
    }
}

fn object_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(&cls) = args.pos().first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let Some(cls) = Gc::<TypeBody>::from_value(cls) else {
        let tn = ops::type_name(vm, cls);
        return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({tn})")));
    };
    if args.values.len() > 1 {
        // Excess arguments are an error only when neither __new__ nor __init__ is overridden.
        let new_overridden = attr::lookup_type(vm, cls, "__new__") != object_slot(vm, "__new__");
        let init_overridden = attr::lookup_type(vm, cls, "__init__") != object_slot(vm, "__init__");
        if new_overridden || !init_overridden {
            let tn = cls.name();
            return Err(vm.type_error(format!("{tn}() takes no arguments")));
        }
    }
    object_new_instance(vm, cls)
}

/// `object`'s own `name` (through the method cache: instantiation asks on every call).
fn object_slot(vm: &mut Vm, name: &str) -> Option<Value> {
    let object = vm.rt.types.object;
    attr::lookup_type(vm, object, name)
}

fn object_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.values.len() > 1 {
        let obj = args.pos()[0];
        let ty = type_of(vm, obj);
        let init_overridden = attr::lookup_type(vm, ty, "__init__") != object_slot(vm, "__init__");
        let new_overridden = attr::lookup_type(vm, ty, "__new__") != object_slot(vm, "__new__");
        if init_overridden || !new_overridden {
            let tn = ty.name();
            if init_overridden {
                return Err(vm.type_error(
                    "object.__init__() takes exactly one argument (the instance to initialize)",
                ));
            }
            return Err(vm.type_error(format!("{tn}() takes no arguments")));
        }
    }
    Ok(Value::NONE)
}

fn object_getattribute(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__getattribute__", 2, 2)?;
    attr::generic_getattr(vm, a[0], a[1])
}

fn object_setattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__setattr__", 3, 3)?;
    attr::generic_setattr(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn object_delattr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__delattr__", 2, 2)?;
    attr::generic_delattr(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn object_init_subclass(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.has_kwargs() {
        let cls = args.pos().first().copied().unwrap_or(Value::NONE);
        let tn = Gc::<TypeBody>::from_value(cls)
            .map(|t| t.name())
            .unwrap_or_default();
        return Err(vm.type_error(format!(
            "{tn}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::NONE)
}

fn object_dir(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let obj = args.one(vm, "__dir__")?;
    crate::builtins::functions::dir_of(vm, obj)
}

fn object_subclasshook(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NOT_IMPLEMENTED)
}

fn object_sizeof(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(vm.new_int(16))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", object_new),
    method("__init__", object_init),
    method("__getattribute__", object_getattribute),
    method("__setattr__", object_setattr),
    method("__delattr__", object_delattr),
    classmethod("__init_subclass__", object_init_subclass),
    classmethod("__subclasshook__", object_subclasshook),
    method("__dir__", object_dir),
    method("__sizeof__", object_sizeof),
];

/// Whether instances of `cls` may get arbitrary attributes.
pub fn has_dict(cls: Gc<TypeBody>) -> bool {
    cls.has_flag(tflags::HAS_ATTRS)
}
