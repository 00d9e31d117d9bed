//! `types.GenericAlias` (`list[int]`, made by the builtin containers'
//! `__class_getitem__`) and `typing.Union` (`int | str`, made by `type.__or__`):
//! Objects/genericaliasobject.c and Objects/unionobject.c, reduced to what programs
//! observe — the repr, `__origin__`/`__args__`, calling, and `isinstance` with unions.

use std::any::Any;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, classmethod, method};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, call, dictops, str_of, type_of};
use crate::types::native::NativeObject;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// `origin[args]`.
pub struct GenericAliasObj {
    pub origin: Value,
    /// Always a tuple.
    pub args: Value,
}

impl NativeObject for GenericAliasObj {
    fn trace(&self, t: &mut Tracer) {
        t.visit_all(&[self.origin, self.args]);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `a | b | …` over types.
pub struct UnionObj {
    /// A tuple of the distinct members, in order.
    pub args: Value,
}

impl NativeObject for UnionObj {
    fn trace(&self, t: &mut Tracer) {
        t.visit(self.args);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A new `GenericAlias`; a tuple `item` supplies several arguments.
pub fn new_generic_alias(vm: &mut Vm, origin: Value, item: Value) -> Value {
    let args = if ops::tuple_items(item).is_some() {
        item
    } else {
        vm.new_tuple(vec![item])
    };
    let ty = alias_type(vm);
    new_native(vm, ty, GenericAliasObj { origin, args })
}

fn alias_type(vm: &mut Vm) -> Gc<TypeBody> {
    crate::builtins::iterators::native_type(vm, "GenericAlias")
}

fn union_type(vm: &mut Vm) -> Gc<TypeBody> {
    crate::builtins::iterators::native_type(vm, "Union")
}

/// The repr CPython gives a type argument (`ga_repr_item`): `module.qualname` for
/// classes, `...` for Ellipsis, `repr()` otherwise.
fn repr_item(vm: &mut Vm, v: Value) -> PyResult<String> {
    if v == Value::ELLIPSIS {
        return Ok("...".into());
    }
    if v == Value::NONE {
        return Ok("None".into());
    }
    if let Some(t) = Gc::<TypeBody>::from_value(v) {
        if t == vm.rt.types.none {
            return Ok("None".into());
        }
        let q = t.qualname.lock().clone();
        let m = match dictops::get_str(&t.dict, "__module__").and_then(str_of) {
            Some(m) => m.to_owned(),
            None => "builtins".to_owned(),
        };
        return Ok(if m == "builtins" {
            q
        } else {
            format!("{m}.{q}")
        });
    }
    ops::repr::repr_string(vm, v)
}

/// Reprs of generic aliases and unions.
pub fn repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(g) = native::<GenericAliasObj>(v) {
        let origin = repr_item(vm, g.origin)?;
        let items = ops::tuple_items(g.args).unwrap_or(&[]).to_vec();
        let mut parts = Vec::with_capacity(items.len());
        for it in items {
            parts.push(repr_item(vm, it)?);
        }
        let inner = if parts.is_empty() {
            "()".to_owned()
        } else {
            parts.join(", ")
        };
        return Ok(Some(format!("{origin}[{inner}]")));
    }
    if let Some(u) = native::<UnionObj>(v) {
        let items = ops::tuple_items(u.args).unwrap_or(&[]).to_vec();
        let mut parts = Vec::with_capacity(items.len());
        for it in items {
            parts.push(repr_item(vm, it)?);
        }
        return Ok(Some(parts.join(" | ")));
    }
    Ok(None)
}

/// The attributes of generic aliases and unions.
pub fn getattr(vm: &mut Vm, v: Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(g) = native::<GenericAliasObj>(v) {
        return Ok(match name {
            "__origin__" => Some(g.origin),
            "__args__" => Some(g.args),
            "__parameters__" => Some(vm.new_tuple(Vec::new())),
            "__unpacked__" => Some(Value::FALSE),
            // Other attributes come from the origin, as in CPython's `ga_getattro`.
            _ if !name.starts_with("__") => attr::getattr_opt(vm, g.origin, name)?,
            _ => None,
        });
    }
    if let Some(u) = native::<UnionObj>(v) {
        return Ok(match name {
            "__args__" => Some(u.args),
            "__parameters__" => Some(vm.new_tuple(Vec::new())),
            _ => None,
        });
    }
    Ok(None)
}

fn alias_call(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let Some(g) = args
        .values
        .first()
        .and_then(|v| native::<GenericAliasObj>(*v))
    else {
        return Err(vm.type_error("descriptor '__call__' requires a 'GenericAlias' object"));
    };
    call::call_kw(vm, g.origin, &args.values[1..], args.kwnames)
}

fn alias_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__eq__", 2, 2)?;
    let (Some(x), Some(y)) = (
        native::<GenericAliasObj>(a[0]),
        native::<GenericAliasObj>(a[1]),
    ) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    if x.origin != y.origin {
        return Ok(Value::FALSE);
    }
    let r = ops::compare::eq(vm, x.args, y.args)?;
    Ok(Value::from_bool(r))
}

fn alias_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.one(vm, "__hash__")?;
    let Some(g) = native::<GenericAliasObj>(a) else {
        return Ok(Value::small_int(0));
    };
    let h = ops::hash::hash(vm, g.origin)? ^ ops::hash::hash(vm, g.args)?;
    Ok(vm.new_int(h))
}

fn alias_mro_entries(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__mro_entries__", 2, 2)?;
    let origin = native::<GenericAliasObj>(a[0]).map_or(Value::NONE, |g| g.origin);
    Ok(vm.new_tuple(vec![origin]))
}

/// `cls[item]` for the builtin generic containers.
fn class_getitem(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__class_getitem__", 2, 2)?;
    Ok(new_generic_alias(vm, a[0], a[1]))
}

/// Whether `v` may be a member of a union (`type | v`).
fn unionable(vm: &mut Vm, v: Value) -> bool {
    v.is_none() || Gc::<TypeBody>::from_value(v).is_some() || native::<UnionObj>(v).is_some() || {
        let _ = vm;
        native::<GenericAliasObj>(v).is_some()
    }
}

fn union_members(vm: &mut Vm, v: Value, out: &mut Vec<Value>) {
    let v = if v.is_none() {
        vm.rt.types.none.value()
    } else {
        v
    };
    if let Some(u) = native::<UnionObj>(v) {
        for &m in ops::tuple_items(u.args).unwrap_or(&[]) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    } else if !out.contains(&v) {
        out.push(v);
    }
}

/// `a | b` where either side is a type or union (`type.__or__`, `Union.__or__`).
fn union_or(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__or__", 2, 2)?;
    if !unionable(vm, a[0]) || !unionable(vm, a[1]) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let mut members = Vec::new();
    union_members(vm, a[0], &mut members);
    union_members(vm, a[1], &mut members);
    if members.len() == 1 {
        return Ok(members[0]);
    }
    let t = vm.new_tuple(members);
    let ty = union_type(vm);
    Ok(new_native(vm, ty, UnionObj { args: t }))
}

/// `a | b` on builtin operands: a union when either side is a class, union or alias
/// and both may be union members; `None` otherwise.
pub fn type_or(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<Value>> {
    let is_typeish = |v: Value| {
        Gc::<TypeBody>::from_value(v).is_some()
            || native::<UnionObj>(v).is_some()
            || native::<GenericAliasObj>(v).is_some()
    };
    if !(is_typeish(a) || is_typeish(b)) || !unionable(vm, a) || !unionable(vm, b) {
        return Ok(None);
    }
    let pair = [a, b];
    union_or(vm, &Args::new(&pair, &[])).map(Some)
}

fn union_ror(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__ror__", 2, 2)?;
    let swapped = [a[1], a[0]];
    union_or(vm, &Args::new(&swapped, &[]))
}

fn union_check(vm: &mut Vm, args: &Args, subclass: bool) -> PyResult<Value> {
    let a = args.range(vm, "__instancecheck__", 2, 2)?;
    let members = native::<UnionObj>(a[0]).map_or(Value::NONE, |u| u.args);
    let items = ops::tuple_items(members).unwrap_or(&[]).to_vec();
    for m in items {
        let hit = if subclass {
            crate::builtins::functions::issubclass(vm, a[1], m)?
        } else {
            crate::builtins::functions::isinstance(vm, a[1], m)?
        };
        if hit {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn union_instancecheck(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    union_check(vm, args, false)
}

fn union_subclasscheck(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    union_check(vm, args, true)
}

fn union_eq(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__eq__", 2, 2)?;
    let (Some(x), Some(y)) = (native::<UnionObj>(a[0]), native::<UnionObj>(a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let xs = ops::tuple_items(x.args).unwrap_or(&[]);
    let ys = ops::tuple_items(y.args).unwrap_or(&[]);
    Ok(Value::from_bool(
        xs.len() == ys.len() && xs.iter().all(|m| ys.contains(m)),
    ))
}

/// Installs `__class_getitem__` on the builtin containers and `type.__or__`.
pub fn install(vm: &mut Vm) {
    let rt = vm.rt.clone();
    let t = &rt.types;
    for ty in [t.list, t.dict, t.tuple, t.set, t.frozenset, t.type_] {
        add_methods(vm, ty, &[classmethod("__class_getitem__", class_getitem)]);
    }
    add_methods(
        vm,
        t.type_,
        &[method("__or__", union_or), method("__ror__", union_ror)],
    );
    let alias = alias_type(vm);
    add_methods(
        vm,
        alias,
        &[
            method("__call__", alias_call),
            method("__eq__", alias_eq),
            method("__hash__", alias_hash),
            method("__mro_entries__", alias_mro_entries),
            method("__or__", union_or),
            method("__ror__", union_ror),
        ],
    );
    let types_name = vm.intern("types");
    dictops::set_item_str(vm, alias.dict, "__module__", types_name);
    let union = union_type(vm);
    add_methods(
        vm,
        union,
        &[
            method("__or__", union_or),
            method("__ror__", union_ror),
            method("__instancecheck__", union_instancecheck),
            method("__subclasscheck__", union_subclasscheck),
            method("__eq__", union_eq),
        ],
    );
    let typing_name = vm.intern("typing");
    dictops::set_item_str(vm, union.dict, "__module__", typing_name);
    let _ = type_of;
}
