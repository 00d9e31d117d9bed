//! Runtime support for PEP 695 type parameters and aliases: the `TypeVar`, `ParamSpec`,
//! `TypeVarTuple`, `TypeAliasType` and `Generic` intrinsics, as small native objects with
//! the attributes programs inspect (`__name__`, `__value__`, `__type_params__`).

use std::any::Any;

use compiler::ir::ops::Intrinsic;

use crate::builtins::descriptors::{native, new_native};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::ops;
use crate::types::native::NativeObject;
use crate::value::{AtomicValue, Value};

/// A type parameter or alias.
pub struct TypeParam {
    pub kind: &'static str,
    pub name: Value,
    /// The lazily evaluated bound/constraints/value function, or `None`.
    pub evaluate: AtomicValue,
    pub default: AtomicValue,
    pub params: Value,
}

impl NativeObject for TypeParam {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.name);
        t.visit(self.evaluate.get());
        t.visit(self.default.get());
        t.visit(self.params);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn new_param(
    vm: &mut Vm,
    kind: &'static str,
    name: Value,
    evaluate: Value,
    params: Value,
) -> Value {
    let ty = crate::builtins::iterators::native_type(vm, kind);
    new_native(
        vm,
        ty,
        TypeParam {
            kind,
            name,
            evaluate: AtomicValue::new(evaluate),
            default: AtomicValue::new(Value::NONE),
            params,
        },
    )
}

/// Runs a typing intrinsic.
pub fn intrinsic(vm: &mut Vm, which: Intrinsic, args: &[Value]) -> PyResult<Value> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::NONE);
    Ok(match which {
        Intrinsic::TypeVar => new_param(vm, "TypeVar", arg(0), Value::NONE, Value::NONE),
        Intrinsic::TypeVarWithBound | Intrinsic::TypeVarWithConstraints => {
            new_param(vm, "TypeVar", arg(0), arg(1), Value::NONE)
        }
        Intrinsic::ParamSpec => new_param(vm, "ParamSpec", arg(0), Value::NONE, Value::NONE),
        Intrinsic::TypeVarTuple => new_param(vm, "TypeVarTuple", arg(0), Value::NONE, Value::NONE),
        Intrinsic::SetTypeParamDefault => {
            if let Some(p) = native::<TypeParam>(arg(0)) {
                p.default.set(arg(1));
            }
            arg(0)
        }
        Intrinsic::TypeAlias => new_param(vm, "TypeAliasType", arg(0), arg(2), arg(1)),
        Intrinsic::SubscriptGeneric => {
            // Classes with type parameters get `Generic` as a base in CPython; Taipan
            // records the parameters on the class instead and adds no base.
            vm.rt.types.object.value()
        }
        Intrinsic::SetFunctionTypeParams => {
            if let Some(f) =
                crate::object::Gc::<crate::types::function::FunctionBody>::from_value(arg(0))
            {
                f.type_params.set(arg(1));
            }
            arg(0)
        }
        _ => return Err(vm.system_error("unknown intrinsic")),
    })
}

/// Attributes of type parameters and aliases.
pub fn getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let Some(p) = native::<TypeParam>(obj) else {
        return Ok(None);
    };
    Ok(match name {
        "__name__" => Some(p.name),
        "__value__" if p.kind == "TypeAliasType" => {
            let f = p.evaluate.get();
            Some(if f.is_none() {
                Value::NONE
            } else {
                ops::call::call(vm, f, &[])?
            })
        }
        "__bound__" if p.kind == "TypeVar" => {
            let f = p.evaluate.get();
            Some(if f.is_none() {
                Value::NONE
            } else {
                ops::call::call(vm, f, &[])?
            })
        }
        "__type_params__" => Some(if p.params.is_none() {
            vm.new_tuple(Vec::new())
        } else {
            p.params
        }),
        _ => None,
    })
}

/// `repr()` of a type parameter: its name (with `~`/`*`/`**` prefixes as CPython).
pub fn repr(v: Value) -> Option<String> {
    let p = native::<TypeParam>(v)?;
    let name = ops::str_of(p.name).unwrap_or("?");
    Some(match p.kind {
        "TypeVar" => format!("~{name}"),
        "ParamSpec" => format!("~{name}"),
        "TypeVarTuple" => name.to_owned(),
        _ => name.to_owned(),
    })
}
