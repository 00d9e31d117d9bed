//! The `module` type's constructor (`types.ModuleType(name, doc=None)`), after CPython's
//! Objects/moduleobject.c `module___init___impl`.

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind};
use crate::ops::{self, dictops};
use crate::types::module::ModuleBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// `module.__new__(cls, *args, **kwargs)`: an empty module; `__init__` names it.
fn module_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(cls) = args
        .pos()
        .first()
        .and_then(|&c| Gc::<TypeBody>::from_value(c))
    else {
        return Err(vm.type_error("module.__new__(X): X is not a type object"));
    };
    let dict = vm.new_dict_body();
    let module_ty = vm.rt.types.module;
    if cls.layout == ObjKind::Module {
        return Ok(vm.alloc(cls, ModuleBody { dict }).value());
    }
    // A Python subclass: an instance whose payload is the module.
    let payload = vm.alloc(module_ty, ModuleBody { dict }).value();
    Ok(crate::builtins::object::new_instance(vm, cls, payload))
}

/// `module.__init__(self, name, doc=None)`.
fn module_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "module", &["name", "doc"])?;
    let pos = args.pos();
    let Some(&this) = pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'module' object needs an argument"));
    };
    let given = &pos[1..];
    if given.len() > 2 {
        return Err(vm.type_error(format!(
            "module() takes at most 2 arguments ({} given)",
            given.len()
        )));
    }
    let Some(name) = given.first().copied().or(args.kwarg("name")) else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if ops::str_of(name).is_none() {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {tn}")));
    }
    let doc = given
        .get(1)
        .copied()
        .or(args.kwarg("doc"))
        .unwrap_or(Value::NONE);
    let Some(m) = Gc::<ModuleBody>::from_value(ops::unwrap_payload(this)) else {
        return Err(vm.type_error("module.__init__() requires a module"));
    };
    dictops::set_item_str(vm, m.dict, "__name__", name);
    dictops::set_item_str(vm, m.dict, "__doc__", doc);
    for key in ["__package__", "__loader__", "__spec__"] {
        dictops::set_item_str(vm, m.dict, key, Value::NONE);
    }
    Ok(Value::NONE)
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", module_new),
    method("__init__", module_init),
];
