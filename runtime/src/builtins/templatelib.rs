//! PEP 750 template strings: `string.templatelib.Template` and `Interpolation` objects
//! built by the t-string opcodes.

use std::any::Any;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, method};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::ops;
use crate::types::native::NativeObject;
use crate::value::Value;

/// An `Interpolation`.
pub struct Interpolation {
    pub value: Value,
    pub expression: Value,
    pub conversion: Value,
    pub format_spec: Value,
}

impl NativeObject for Interpolation {
    fn trace(&self, t: &mut Tracer) {
        t.visit_all(&[self.value, self.expression, self.conversion, self.format_spec]);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Template`.
pub struct Template {
    pub strings: Value,
    pub interpolations: Value,
}

impl NativeObject for Template {
    fn trace(&self, t: &mut Tracer) {
        t.visit_all(&[self.strings, self.interpolations]);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `BuildInterpolation`.
pub fn new_interpolation(vm: &mut Vm, value: Value, text: Value, conv: usize, spec: Value) -> PyResult<Value> {
    let conversion = match conv {
        1 => vm.intern("s"),
        2 => vm.intern("r"),
        3 => vm.intern("a"),
        _ => Value::NONE,
    };
    let format_spec = if spec.is_unset() { vm.intern("") } else { spec };
    let ty = crate::builtins::iterators::native_type(vm, "Interpolation");
    Ok(new_native(vm, ty, Interpolation { value, expression: text, conversion, format_spec }))
}

/// `BuildTemplate`.
pub fn new_template(vm: &mut Vm, strings: Value, interpolations: Value) -> PyResult<Value> {
    let strings = match ops::tuple_items(strings) {
        Some(_) => strings,
        None => {
            let items = ops::iter::collect(vm, strings)?;
            vm.new_tuple(items)
        }
    };
    let interpolations = match ops::tuple_items(interpolations) {
        Some(_) => interpolations,
        None => {
            let items = ops::iter::collect(vm, interpolations)?;
            vm.new_tuple(items)
        }
    };
    let ty = crate::builtins::iterators::native_type(vm, "Template");
    Ok(new_native(vm, ty, Template { strings, interpolations }))
}

/// Attributes of templates and interpolations.
pub fn getattr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(i) = native::<Interpolation>(obj) {
        return Ok(match name {
            "value" => Some(i.value),
            "expression" => Some(i.expression),
            "conversion" => Some(i.conversion),
            "format_spec" => Some(i.format_spec),
            _ => None,
        });
    }
    if let Some(t) = native::<Template>(obj) {
        return Ok(match name {
            "strings" => Some(t.strings),
            "interpolations" => Some(t.interpolations),
            "values" => {
                let vals: Vec<Value> = ops::tuple_items(t.interpolations)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|i| native::<Interpolation>(*i).map(|i| i.value))
                    .collect();
                Some(vm.new_tuple(vals))
            }
            _ => None,
        });
    }
    Ok(None)
}

fn template_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__iter__")?;
    let Some(t) = native::<Template>(v) else {
        return Err(vm.type_error("expected a Template"));
    };
    let strings = ops::tuple_items(t.strings).unwrap_or(&[]).to_vec();
    let interps = ops::tuple_items(t.interpolations).unwrap_or(&[]).to_vec();
    let mut items = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        if !ops::str_of(*s).unwrap_or("").is_empty() {
            items.push(*s);
        }
        if let Some(&it) = interps.get(i) {
            items.push(it);
        }
    }
    let l = vm.new_list(items);
    ops::iter::get_iter(vm, l)
}

/// Registers the template types' methods.
pub fn install(vm: &mut Vm) {
    let t = crate::builtins::iterators::native_type(vm, "Template");
    add_methods(vm, t, &[method("__iter__", template_iter)]);
    let _ = crate::builtins::iterators::native_type(vm, "Interpolation");
}
