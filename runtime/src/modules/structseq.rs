//! Struct sequences (`sys.version_info`, `os.stat_result`, `time.struct_time`: tuples
//! with named fields) and simple namespace objects (`sys.implementation`), built by the
//! modules implemented in Rust.

use crate::args::Args;
use crate::builtins::{add_methods, method};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, attr, dictops, str_of};
use crate::types::typeobj::{TypeBody, tflags};
use crate::value::Value;

fn make_type(vm: &mut Vm, name: &str, payload: Option<Gc<TypeBody>>) -> Gc<TypeBody> {
    let dict = vm.new_dict_body();
    let meta = vm.rt.types.type_;
    let ty = vm.alloc(
        meta,
        TypeBody::new(
            name.rsplit('.').next().unwrap_or(name),
            dict,
            crate::object::ObjKind::Instance,
            tflags::HEAPTYPE | tflags::HAS_ATTRS,
        ),
    );
    let object = vm.rt.types.object.value();
    match payload {
        Some(p) => {
            ty.payload_base.set(p.value());
            *ty.bases.lock() = vec![p.value()];
            *ty.mro.lock() = vec![ty.value(), p.value(), object];
        }
        None => {
            *ty.bases.lock() = vec![object];
            *ty.mro.lock() = vec![ty.value(), object];
        }
    }
    if let Some((module, _)) = name.rsplit_once('.') {
        let m = vm.new_str(module);
        dictops::set_item_str(vm, dict, "__module__", m);
    }
    ty
}

fn named_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__repr__")?;
    let ty = ops::type_of(vm, v);
    let fields = dictops::get_str(&ty.dict, "_fields")
        .map(|f| ops::tuple_items(f).unwrap_or(&[]).to_vec())
        .unwrap_or_default();
    let full = dictops::get_str(&ty.dict, "__taipan_name__")
        .and_then(str_of)
        .map(str::to_owned)
        .unwrap_or_else(|| ty.name());
    let mut parts = Vec::new();
    let names: Vec<String> = if fields.is_empty() {
        match attr::instance_dict(vm, v) {
            Some(d) => dictops::items(&d)
                .into_iter()
                .filter_map(|(k, _)| str_of(k).map(str::to_owned))
                .collect(),
            None => Vec::new(),
        }
    } else {
        fields
            .iter()
            .filter_map(|f| str_of(*f).map(str::to_owned))
            .collect()
    };
    for n in names {
        let val = attr::getattr_str(vm, v, &n)?;
        let r = ops::repr::repr_string(vm, val)?;
        parts.push(format!("{n}={r}"));
    }
    Ok(vm.new_string(format!("{full}({})", parts.join(", "))))
}

/// A struct sequence (`sys.version_info`, `time.struct_time`): a tuple with named fields.
pub fn struct_seq(vm: &mut Vm, name: &'static str, fields: &[&str], values: Vec<Value>) -> Value {
    let existing = vm.rt.extra_types.lock().get(name).copied();
    let ty = match existing {
        Some(t) => t,
        None => {
            let tuple = vm.rt.types.tuple;
            let t = make_type(vm, name, Some(tuple));
            let names: Vec<Value> = fields.iter().map(|f| vm.intern(f)).collect();
            let names = vm.new_tuple(names);
            dictops::set_item_str(vm, t.dict, "_fields", names);
            let full = vm.new_str(name);
            dictops::set_item_str(vm, t.dict, "__taipan_name__", full);
            add_methods(vm, t, &[method("__repr__", named_repr)]);
            vm.rt.extra_types.lock().insert(name, t);
            t
        }
    };
    let payload = vm.new_tuple(values.clone());
    let inst = crate::builtins::object::new_instance(vm, ty, payload);
    if let Some(d) = attr::instance_dict(vm, inst) {
        for (f, v) in fields.iter().zip(values) {
            dictops::set_item_str(vm, d, f, v);
        }
    }
    inst
}

/// A simple namespace object with the given attributes.
pub fn namespace(vm: &mut Vm, name: &'static str, fields: &[(&str, Value)]) -> Value {
    let existing = vm.rt.extra_types.lock().get(name).copied();
    let ty = match existing {
        Some(t) => t,
        None => {
            let t = make_type(vm, name, None);
            add_methods(vm, t, &[method("__repr__", named_repr)]);
            vm.rt.extra_types.lock().insert(name, t);
            t
        }
    };
    let inst = crate::builtins::object::new_instance(vm, ty, Value::UNSET);
    if let Some(d) = attr::instance_dict(vm, inst) {
        for (f, v) in fields {
            dictops::set_item_str(vm, d, f, *v);
        }
    }
    inst
}
