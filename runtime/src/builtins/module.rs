//! The `module` type's constructor (`types.ModuleType(name, doc=None)`).

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind};
use crate::ops;
use crate::types::module::ModuleBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", module_new),
    method("__init__", module_init),
];

/// `module.__new__(cls, *args, **kwargs)`: an empty module of `cls`.
fn module_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let cls = args
        .pos()
        .first()
        .copied()
        .and_then(Gc::<TypeBody>::from_value);
    let Some(cls) = cls else {
        return Err(vm.type_error("module.__new__(X): X is not a type object"));
    };
    let dict = vm.new_dict_body();
    if cls.layout != ObjKind::Module {
        // A Python subclass of `module`: an instance carrying a module.
        let ty = vm.rt.types.module;
        let payload = vm.alloc(ty, ModuleBody { dict }).value();
        return Ok(crate::builtins::object::new_instance(vm, cls, payload));
    }
    Ok(vm.alloc(cls, ModuleBody { dict }).value())
}

/// `module.__init__(self, name, doc=None)`.
fn module_init(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "module", &["name", "doc"])?;
    let pos = args.pos();
    let Some(&this) = pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'module' object needs an argument"));
    };
    if pos.len() > 3 {
        return Err(vm.type_error(format!(
            "module() takes at most 2 arguments ({} given)",
            pos.len() - 1
        )));
    }
    let Some(name) = pos.get(1).copied().or(args.kwarg("name")) else {
        return Err(vm.type_error("module() missing required argument 'name' (pos 1)"));
    };
    if ops::str_of(name).is_none() {
        let tn = ops::type_name(vm, name);
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {tn}")));
    }
    let doc = pos
        .get(2)
        .copied()
        .or(args.kwarg("doc"))
        .unwrap_or(Value::NONE);
    let fields = [
        ("__name__", name),
        ("__doc__", doc),
        ("__package__", Value::NONE),
        ("__loader__", Value::NONE),
        ("__spec__", Value::NONE),
    ];
    match Gc::<ModuleBody>::from_value(this) {
        Some(m) => {
            for (key, v) in fields {
                ops::dictops::set_item_str(vm, m.dict, key, v);
            }
        }
        None => {
            for (key, v) in fields {
                let k = vm.intern(key);
                ops::attr::generic_setattr(vm, this, k, v)?;
            }
        }
    }
    Ok(Value::NONE)
}
