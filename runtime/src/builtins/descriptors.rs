//! `property`, `classmethod`, `staticmethod`, `super`, and the member descriptors that
//! `__slots__` creates: native objects (`types::native`) with their methods.

use std::any::Any;

use crate::args::Args;
use crate::builtins::{MethodDef, add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, attr, str_of, type_of};
use crate::types::function::FunctionBody;
use crate::types::instance::InstanceBody;
use crate::types::native::{NativeBody, NativeObject};
use crate::types::typeobj::TypeBody;
use crate::value::{AtomicValue, Value};

/// Allocates a native object of Python type `ty`.
pub fn new_native<T: NativeObject>(vm: &mut Vm, ty: Gc<TypeBody>, obj: T) -> Value {
    vm.alloc(ty, NativeBody(Box::new(obj))).value()
}

/// The native payload of `v` if it is a `T`.
pub fn native<'a, T: NativeObject>(v: Value) -> Option<&'a T> {
    Gc::<NativeBody>::from_value(v).and_then(|n| n.body().downcast::<T>())
}

/// A `property`.
pub struct PropertyObj {
    pub fget: AtomicValue,
    pub fset: AtomicValue,
    pub fdel: AtomicValue,
    pub doc: AtomicValue,
    pub name: AtomicValue,
}

impl PropertyObj {
    /// `'name' ` for error messages (empty when the property has no name).
    pub fn name_for_error(&self) -> String {
        match str_of(self.name.get()) {
            Some(n) => format!("'{n}' "),
            None => String::new(),
        }
    }
}

impl NativeObject for PropertyObj {
    fn trace(&self, t: &mut Tracer) {
        for v in [&self.fget, &self.fset, &self.fdel, &self.doc, &self.name] {
            t.visit(v.get());
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `classmethod`.
pub struct ClassMethodObj {
    pub func: AtomicValue,
}

impl NativeObject for ClassMethodObj {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.func.get());
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `staticmethod`.
pub struct StaticMethodObj {
    pub func: AtomicValue,
}

impl NativeObject for StaticMethodObj {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.func.get());
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A member descriptor for one `__slots__` entry.
pub struct SlotMember {
    pub name: String,
    pub index: usize,
    pub owner: Value,
}

impl NativeObject for SlotMember {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.owner);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl SlotMember {
    pub fn get(&self, vm: &mut Vm, obj: Value) -> PyResult<Value> {
        let v = Gc::<InstanceBody>::from_value(obj).map(|i| i.slot(self.index));
        match v {
            Some(v) if !v.is_unset() => Ok(v),
            _ => {
                let name = &self.name;
                let tn = ops::type_name(vm, obj);
                Err(vm.attribute_error(format!("'{tn}' object has no attribute '{name}'")))
            }
        }
    }

    pub fn set(&self, vm: &mut Vm, obj: Value, value: Value, name: &str) -> PyResult<()> {
        let Some(inst) = Gc::<InstanceBody>::from_value(obj) else {
            return Err(vm.type_error("descriptor applied to a wrong object"));
        };
        if value.is_unset() && inst.slot(self.index).is_unset() {
            let tn = ops::type_name(vm, obj);
            return Err(vm.attribute_error(format!("'{tn}' object has no attribute '{name}'")));
        }
        crate::gc::write_barrier(obj, value);
        if !inst.set_slot(self.index, value) {
            return Err(vm.type_error("descriptor applied to a wrong object"));
        }
        Ok(())
    }
}

/// A `super` object.
pub struct SuperObj {
    /// The class `super()` was called in (`__class__`).
    pub ty: Value,
    /// The instance or class the lookup binds to (`self`).
    pub obj: Value,
    /// `type(obj)`, or `obj` itself when it is a class.
    pub obj_type: Value,
}

impl NativeObject for SuperObj {
    fn trace(&self, t: &mut Tracer) {
        t.visit_all(&[self.ty, self.obj, self.obj_type]);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn property_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "property", &["fget", "fset", "fdel", "doc"])?;
    let pos = &args.pos()[1..];
    let get = |i: usize, n: &str| pos.get(i).copied().or(args.kwarg(n)).unwrap_or(Value::NONE);
    let (fget, fset, fdel, mut doc) = (
        get(0, "fget"),
        get(1, "fset"),
        get(2, "fdel"),
        get(3, "doc"),
    );
    if doc.is_none() && !fget.is_none() {
        doc = attr::getattr_opt(vm, fget, "__doc__")?.unwrap_or(Value::NONE);
    }
    let name = if fget.is_none() {
        Value::NONE
    } else {
        attr::getattr_opt(vm, fget, "__name__")?.unwrap_or(Value::NONE)
    };
    let cls = Gc::<TypeBody>::from_value(args.pos()[0]).unwrap_or(vm.rt.types.property);
    let p = PropertyObj {
        fget: AtomicValue::new(fget),
        fset: AtomicValue::new(fset),
        fdel: AtomicValue::new(fdel),
        doc: AtomicValue::new(doc),
        name: AtomicValue::new(name),
    };
    Ok(new_native(vm, cls, p))
}

fn property_init(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn property_copy(vm: &mut Vm, args: &Args, which: usize) -> PyResult<Value> {
    let a = args.range(vm, "property", 2, 2)?;
    let Some(p) = native::<PropertyObj>(a[0]) else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let mut parts = [p.fget.get(), p.fset.get(), p.fdel.get()];
    parts[which] = a[1];
    let name = if which == 0 {
        attr::getattr_opt(vm, a[1], "__name__")?.unwrap_or(Value::NONE)
    } else {
        p.name.get()
    };
    let q = PropertyObj {
        fget: AtomicValue::new(parts[0]),
        fset: AtomicValue::new(parts[1]),
        fdel: AtomicValue::new(parts[2]),
        doc: AtomicValue::new(p.doc.get()),
        name: AtomicValue::new(name),
    };
    let ty = type_of(vm, a[0]);
    Ok(new_native(vm, ty, q))
}

fn property_getter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    property_copy(vm, args, 0)
}

fn property_setter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    property_copy(vm, args, 1)
}

fn property_deleter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    property_copy(vm, args, 2)
}

fn property_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__get__", 2, 3)?;
    if a[1].is_none() {
        return Ok(a[0]);
    }
    let owner = type_of(vm, a[1]);
    attr::descr_get(vm, a[0], a[1], owner)
}

fn property_set(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__set__", 3, 3)?;
    let owner = type_of(vm, a[1]);
    attr::descr_set(vm, a[0], a[1], a[2], "", owner)?;
    Ok(Value::NONE)
}

fn property_delete(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__delete__", 2, 2)?;
    let owner = type_of(vm, a[1]);
    attr::descr_set(vm, a[0], a[1], Value::UNSET, "", owner)?;
    Ok(Value::NONE)
}

fn property_set_name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__set_name__", 3, 3)?;
    if let Some(p) = native::<PropertyObj>(a[0]) {
        p.name.set(a[2]);
    }
    Ok(Value::NONE)
}

const PROPERTY_METHODS: &[MethodDef] = &[
    staticmethod("__new__", property_new),
    method("__init__", property_init),
    method("getter", property_getter),
    method("setter", property_setter),
    method("deleter", property_deleter),
    method("__get__", property_get),
    method("__set__", property_set),
    method("__delete__", property_delete),
    method("__set_name__", property_set_name),
];

fn wrapper_new(vm: &mut Vm, args: &Args, class: bool) -> PyResult<Value> {
    let name = if class { "classmethod" } else { "staticmethod" };
    args.no_kwargs(vm, name)?;
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got {}", pos.len() - 1)));
    }
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    Ok(if class {
        new_native(
            vm,
            cls,
            ClassMethodObj {
                func: AtomicValue::new(pos[1]),
            },
        )
    } else {
        new_native(
            vm,
            cls,
            StaticMethodObj {
                func: AtomicValue::new(pos[1]),
            },
        )
    })
}

fn classmethod_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    wrapper_new(vm, args, true)
}

fn staticmethod_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    wrapper_new(vm, args, false)
}

/// `classmethod.__get__(obj, type=None)` and `staticmethod.__get__`.
fn wrapper_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__get__", 2, 3)?;
    if let Some(s) = native::<StaticMethodObj>(a[0]) {
        return Ok(s.func.get());
    }
    let Some(c) = native::<ClassMethodObj>(a[0]) else {
        return Err(vm.type_error("descriptor '__get__' requires a 'classmethod' object"));
    };
    let owner = match a.get(2) {
        Some(t) if !t.is_none() => *t,
        _ => {
            if a[1].is_none() {
                return Err(vm.type_error("__get__(None, None) is invalid"));
            }
            type_of(vm, a[1]).value()
        }
    };
    Ok(attr::new_method(vm, c.func.get(), owner))
}

/// The Python-visible attributes of the descriptor objects (CPython's getsets and
/// members on `property`, `classmethod`, `staticmethod` and `member_descriptor`).
pub fn descriptor_getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(p) = native::<PropertyObj>(obj) {
        return Ok(match name {
            "fget" => Some(p.fget.get()),
            "fset" => Some(p.fset.get()),
            "fdel" => Some(p.fdel.get()),
            "__doc__" => Some(p.doc.get()),
            "__name__" => {
                let n = p.name.get();
                if n.is_none() {
                    let tn = ops::type_name(vm, obj);
                    return Err(
                        vm.attribute_error(format!("'{tn}' object has no attribute '__name__'"))
                    );
                }
                Some(n)
            }
            "__isabstractmethod__" => {
                let mut abs = false;
                for f in [p.fget.get(), p.fset.get(), p.fdel.get()] {
                    if !f.is_none() && is_abstract(vm, f)? {
                        abs = true;
                        break;
                    }
                }
                Some(Value::from_bool(abs))
            }
            _ => None,
        });
    }
    let func = if let Some(c) = native::<ClassMethodObj>(obj) {
        Some(c.func.get())
    } else {
        native::<StaticMethodObj>(obj).map(|s| s.func.get())
    };
    if let Some(f) = func {
        return Ok(match name {
            "__func__" | "__wrapped__" => Some(f),
            "__isabstractmethod__" => Some(Value::from_bool(is_abstract(vm, f)?)),
            "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                attr::getattr_opt(vm, f, name)?
            }
            _ => None,
        });
    }
    if let Some(v) = crate::builtins::genericalias::getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    if let Some(m) = native::<SlotMember>(obj) {
        return Ok(match name {
            "__name__" => Some(vm.new_str(&m.name)),
            "__qualname__" => {
                let owner = Gc::<TypeBody>::from_value(m.owner)
                    .map(|t| t.qualname.lock().clone())
                    .unwrap_or_default();
                Some(vm.new_string(format!("{owner}.{}", m.name)))
            }
            "__objclass__" => Some(m.owner),
            "__doc__" => Some(Value::NONE),
            _ => None,
        });
    }
    Ok(None)
}

fn is_abstract(vm: &mut Vm, f: Value) -> PyResult<bool> {
    match attr::getattr_opt(vm, f, "__isabstractmethod__")? {
        Some(v) => ops::truthy(vm, v),
        None => Ok(false),
    }
}

fn member_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__get__", 2, 3)?;
    let Some(m) = native::<SlotMember>(a[0]) else {
        return Err(vm.type_error("descriptor '__get__' requires a 'member_descriptor' object"));
    };
    if a[1].is_none() {
        return Ok(a[0]);
    }
    m.get(vm, a[1])
}

fn member_set(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__set__", 3, 3)?;
    let Some(m) = native::<SlotMember>(a[0]) else {
        return Err(vm.type_error("descriptor '__set__' requires a 'member_descriptor' object"));
    };
    m.set(vm, a[1], a[2], &m.name)?;
    Ok(Value::NONE)
}

fn member_delete(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__delete__", 2, 2)?;
    let Some(m) = native::<SlotMember>(a[0]) else {
        return Err(vm.type_error("descriptor '__delete__' requires a 'member_descriptor' object"));
    };
    m.set(vm, a[1], Value::UNSET, &m.name)?;
    Ok(Value::NONE)
}

/// The type of `__slots__` member descriptors.
pub fn member_descriptor_type(vm: &mut Vm) -> Gc<TypeBody> {
    let ty = crate::builtins::iterators::native_type(vm, "member_descriptor");
    if crate::ops::dictops::get_str(&ty.dict, "__get__").is_none() {
        add_methods(
            vm,
            ty,
            &[
                method("__get__", member_get),
                method("__set__", member_set),
                method("__delete__", member_delete),
            ],
        );
    }
    ty
}

fn staticmethod_call(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(&s) = args.values.first() else {
        return Err(vm.type_error("staticmethod.__call__ needs an argument"));
    };
    let f = native::<StaticMethodObj>(s).map_or(Value::NONE, |s| s.func.get());
    crate::ops::call::call_kw(vm, f, &args.values[1..], args.kwnames)
}

fn super_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "super")?;
    let pos = &args.pos()[1..];
    let (ty, obj) = match pos {
        [] => zero_arg_super(vm)?,
        [t] => (*t, Value::NONE),
        [t, o] => (*t, *o),
        _ => {
            return Err(vm.type_error(format!(
                "super() takes at most 2 arguments ({} given)",
                pos.len()
            )));
        }
    };
    let Some(t) = Gc::<TypeBody>::from_value(ty) else {
        let tn = ops::type_name(vm, ty);
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {tn}")));
    };
    let obj_type = if obj.is_none() {
        Value::NONE
    } else if let Some(ot) = Gc::<TypeBody>::from_value(obj).filter(|ot| ops::is_subtype(*ot, t)) {
        ot.value()
    } else if ops::is_instance(vm, obj, t) {
        type_of(vm, obj).value()
    } else {
        let (kind, on) = match Gc::<TypeBody>::from_value(obj) {
            Some(ot) => ("type", ot.name()),
            None => ("instance of", ops::type_name(vm, obj).to_string()),
        };
        let tn = t.name();
        return Err(vm.type_error(format!(
            "super(type, obj): obj ({kind} {on}) is not an instance or subtype of type ({tn})."
        )));
    };
    let cls = vm.rt.types.super_;
    Ok(new_native(vm, cls, SuperObj { ty, obj, obj_type }))
}

/// `super()` without arguments: `__class__` and the first argument of the calling frame.
fn zero_arg_super(vm: &mut Vm) -> PyResult<(Value, Value)> {
    let Some(frame) = Gc::<crate::vm::frame::FrameBody>::from_value(vm.frame) else {
        return Err(vm.runtime_error("super(): no current frame"));
    };
    let co = &frame.code.code;
    if co.argcount == 0 && !co.flags.contains(compiler::ir::CodeFlags::VARARGS) {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first = frame.reg(0);
    // The first argument may live in a cell if it is captured.
    let first = if first.is_unset() {
        co.cells
            .iter()
            .position(|c| Some(c) == co.varnames.first())
            .and_then(|i| Gc::<crate::types::function::CellBody>::from_value(frame.derefs[i].get()))
            .map_or(Value::UNSET, |c| c.value.get())
    } else {
        first
    };
    if first.is_unset() {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    }
    let ncells = co.cells.len();
    let Some(i) = co.frees.iter().position(|f| f == "__class__") else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let cell = Gc::<crate::types::function::CellBody>::from_value(frame.derefs[ncells + i].get());
    let cls = cell.map_or(Value::UNSET, |c| c.value.get());
    if cls.is_unset() {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    }
    if kind_of(cls) != Some(ObjKind::Type) {
        return Err(vm.runtime_error("super(): __class__ is not a type"));
    }
    Ok((cls, first))
}

/// `super().name`.
pub fn super_getattr(vm: &mut Vm, sup: &SuperObj, name: &str) -> PyResult<Option<Value>> {
    if sup.obj_type.is_none() {
        return Ok(None);
    }
    let start = Gc::<TypeBody>::from_value(sup.obj_type).expect("type");
    let mro = start.mro();
    let Some(pos) = mro.iter().position(|t| *t == sup.ty) else {
        return Ok(None);
    };
    for t in &mro[pos + 1..] {
        let t = Gc::<TypeBody>::from_value(*t).expect("type");
        if let Some(d) = crate::ops::dictops::get_str(&t.dict, name) {
            let obj = if sup.obj == sup.obj_type {
                Value::UNSET
            } else {
                sup.obj
            };
            if obj.is_unset() {
                // super(cls, cls).m: class-level binding.
                if kind_of(d) == Some(ObjKind::Function) {
                    return Ok(Some(d));
                }
                return attr::descr_get(vm, d, Value::UNSET, start).map(Some);
            }
            return attr::descr_get(vm, d, obj, start).map(Some);
        }
    }
    Ok(None)
}

fn function_get(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__get__", 2, 3)?;
    if a[1].is_none() {
        return Ok(a[0]);
    }
    Ok(attr::new_method(vm, a[0], a[1]))
}

/// Registers the descriptor types' methods.
pub fn install(vm: &mut Vm) {
    let rt = vm.rt.clone();
    let t = &rt.types;
    let (property, classmethod_ty, staticmethod_ty, super_, function) = (
        t.property,
        t.classmethod,
        t.staticmethod,
        t.super_,
        t.function,
    );
    add_methods(vm, property, PROPERTY_METHODS);
    add_methods(
        vm,
        classmethod_ty,
        &[
            staticmethod("__new__", classmethod_new),
            method("__init__", property_init),
        ],
    );
    add_methods(
        vm,
        staticmethod_ty,
        &[
            staticmethod("__new__", staticmethod_new),
            method("__init__", property_init),
            method("__call__", staticmethod_call),
        ],
    );
    for ty in [classmethod_ty, staticmethod_ty] {
        add_methods(vm, ty, &[method("__get__", wrapper_get)]);
    }
    member_descriptor_type(vm);
    add_methods(
        vm,
        super_,
        &[
            staticmethod("__new__", super_new),
            method("__init__", property_init),
        ],
    );
    add_methods(vm, function, &[method("__get__", function_get)]);
}

/// Reprs of native objects.
pub fn native_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(s) = native::<SuperObj>(v) {
        let tn = Gc::<TypeBody>::from_value(s.ty)
            .map(|t| t.name())
            .unwrap_or_default();
        let on = if s.obj.is_none() {
            "NULL".to_owned()
        } else {
            format!("<{} object>", ops::type_name(vm, s.obj))
        };
        return Ok(Some(format!("<super: <class '{tn}'>, {on}>")));
    }
    if native::<PropertyObj>(v).is_some() {
        return Ok(Some(format!("<property object at {:#x}>", v.bits())));
    }
    if let Some(c) = native::<ClassMethodObj>(v) {
        let r = ops::repr::repr_string(vm, c.func.get())?;
        return Ok(Some(format!("<classmethod({r})>")));
    }
    if let Some(c) = native::<StaticMethodObj>(v) {
        let r = ops::repr::repr_string(vm, c.func.get())?;
        return Ok(Some(format!("<staticmethod({r})>")));
    }
    if let Some(m) = native::<SlotMember>(v) {
        let owner = Gc::<TypeBody>::from_value(m.owner)
            .map(|t| t.name())
            .unwrap_or_default();
        return Ok(Some(format!("<member '{}' of '{owner}' objects>", m.name)));
    }
    if let Some(r) = crate::builtins::mappingproxy::repr(vm, v)? {
        return Ok(Some(r));
    }
    if let Some(r) = crate::builtins::genericalias::repr(vm, v)? {
        return Ok(Some(r));
    }
    // A native type that defines its own `__repr__` (`_thread.lock`).
    let ty = ops::type_of(vm, v);
    if let Some(f) = ops::dictops::get_str(&ty.dict, "__repr__") {
        let r = ops::call::call_method(vm, f, v, &[])?;
        return Ok(Some(ops::str_of(r).unwrap_or_default().to_owned()));
    }
    crate::builtins::iterators::native_repr(vm, v)
}

/// Whether `f` is a Python function (for `__get__` decisions elsewhere).
pub fn is_function(v: Value) -> bool {
    Gc::<FunctionBody>::from_value(v).is_some()
}
