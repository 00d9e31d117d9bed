//! PEP 750 template strings: `string.templatelib.Template` and `Interpolation` objects,
//! built by the t-string opcodes or by their constructors (CPython's
//! Objects/templateobject.c and Objects/interpolationobject.c).

use std::any::Any;

use crate::args::Args;
use crate::builtins::descriptors::{native, new_native};
use crate::builtins::{add_methods, method, staticmethod};
use crate::errors::PyResult;
use crate::gc::Tracer;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::native::NativeObject;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// The module both types report as theirs.
const MODULE: &str = "string.templatelib";

/// An `Interpolation`.
pub struct Interpolation {
    pub value: Value,
    pub expression: Value,
    pub conversion: Value,
    pub format_spec: Value,
}

impl NativeObject for Interpolation {
    fn trace(&self, t: &mut Tracer) {
        t.visit_all(&[
            self.value,
            self.expression,
            self.conversion,
            self.format_spec,
        ]);
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `Template`: `strings` has one more item than `interpolations`.
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

fn template_type(vm: &mut Vm) -> Gc<TypeBody> {
    crate::builtins::iterators::native_type(vm, "Template")
}

fn interpolation_type(vm: &mut Vm) -> Gc<TypeBody> {
    crate::builtins::iterators::native_type(vm, "Interpolation")
}

/// `BuildInterpolation`.
pub fn new_interpolation(
    vm: &mut Vm,
    value: Value,
    text: Value,
    conv: usize,
    spec: Value,
) -> PyResult<Value> {
    let conversion = match conv {
        1 => vm.intern("s"),
        2 => vm.intern("r"),
        3 => vm.intern("a"),
        _ => Value::NONE,
    };
    let format_spec = if spec.is_unset() { vm.intern("") } else { spec };
    let ty = interpolation_type(vm);
    Ok(new_native(
        vm,
        ty,
        Interpolation {
            value,
            expression: text,
            conversion,
            format_spec,
        },
    ))
}

/// `BuildTemplate`.
pub fn new_template(vm: &mut Vm, strings: Value, interpolations: Value) -> PyResult<Value> {
    let strings = as_tuple(vm, strings)?;
    let interpolations = as_tuple(vm, interpolations)?;
    let ty = template_type(vm);
    Ok(new_native(
        vm,
        ty,
        Template {
            strings,
            interpolations,
        },
    ))
}

fn as_tuple(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if ops::tuple_items(v).is_some() {
        return Ok(v);
    }
    let items = ops::iter::collect(vm, v)?;
    Ok(vm.new_tuple(items))
}

/// A template from its parts in order: adjacent strings are joined and an empty string
/// separates adjacent interpolations, so there is always one more string.
fn template_from_parts(vm: &mut Vm, parts: &[Value]) -> PyResult<Value> {
    let mut strings = Vec::new();
    let mut interpolations = Vec::new();
    let mut pending = String::new();
    for &part in parts {
        if let Some(s) = ops::str_of(part) {
            pending.push_str(s);
        } else if native::<Interpolation>(part).is_some() {
            strings.push(vm.new_str(&pending));
            pending.clear();
            interpolations.push(part);
        } else {
            let tn = ops::type_name(vm, part);
            return Err(vm.type_error(format!(
                "Template.__new__ *args need to be of type 'str' or 'Interpolation', got {tn}"
            )));
        }
    }
    strings.push(vm.new_str(&pending));
    let strings = vm.new_tuple(strings);
    let interpolations = vm.new_tuple(interpolations);
    new_template(vm, strings, interpolations)
}

/// The parts of a template in iteration order: non-empty strings and interpolations.
fn template_parts(t: &Template) -> Vec<Value> {
    let strings = ops::tuple_items(t.strings).unwrap_or(&[]);
    let interps = ops::tuple_items(t.interpolations).unwrap_or(&[]);
    let mut items = Vec::with_capacity(strings.len() + interps.len());
    for (i, s) in strings.iter().enumerate() {
        if !ops::str_of(*s).unwrap_or("").is_empty() {
            items.push(*s);
        }
        if let Some(&it) = interps.get(i) {
            items.push(it);
        }
    }
    items
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

/// `Template(*args)`.
fn template_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    if args.has_kwargs() {
        return Err(vm.type_error("Template.__new__ only accepts *args arguments"));
    }
    template_from_parts(vm, &args.pos()[1..])
}

/// `Interpolation(value, expression='', conversion=None, format_spec='')`.
fn interpolation_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    const NAMES: [&str; 4] = ["value", "expression", "conversion", "format_spec"];
    args.only_kwargs(vm, "Interpolation", &NAMES)?;
    let pos = &args.pos()[1..];
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(format!(
            "Interpolation expected at most 4 arguments, got {}",
            pos.len()
        )));
    }
    let mut slots = [None; 4];
    for (i, name) in NAMES.iter().enumerate() {
        let by_keyword = args.kwarg(name);
        if let (Some(_), Some(_)) = (pos.get(i), by_keyword) {
            return Err(vm.type_error(format!(
                "argument for Interpolation() given by name ('{name}') and position ({})",
                i + 1
            )));
        }
        slots[i] = pos.get(i).copied().or(by_keyword);
    }
    let Some(value) = slots[0] else {
        return Err(vm.type_error("Interpolation() missing required argument 'value' (pos 1)"));
    };
    let expression = match slots[1] {
        Some(e) if ops::str_of(e).is_some() => e,
        Some(e) => {
            let tn = ops::type_name(vm, e);
            return Err(vm.type_error(format!(
                "Interpolation() argument 'expression' must be str, not {tn}"
            )));
        }
        None => vm.intern(""),
    };
    let conversion = slots[2].unwrap_or(Value::NONE);
    if !conversion.is_none() && !matches!(ops::str_of(conversion), Some("s" | "r" | "a")) {
        return Err(
            vm.value_error("Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'")
        );
    }
    let format_spec = match slots[3] {
        Some(f) if ops::str_of(f).is_some() => f,
        Some(f) => {
            let tn = ops::type_name(vm, f);
            return Err(vm.type_error(format!(
                "Interpolation() argument 'format_spec' must be str, not {tn}"
            )));
        }
        None => vm.intern(""),
    };
    let ty = interpolation_type(vm);
    Ok(new_native(
        vm,
        ty,
        Interpolation {
            value,
            expression,
            conversion,
            format_spec,
        },
    ))
}

fn template_iter(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__iter__")?;
    let Some(t) = native::<Template>(v) else {
        return Err(vm.type_error("expected a Template"));
    };
    let items = template_parts(t);
    let l = vm.new_list(items);
    ops::iter::get_iter(vm, l)
}

/// `Template + Template`; anything else is refused (PEP 750: no implicit conversion of
/// strings).
fn template_add(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "__add__", 2, 2)?;
    let (Some(x), Some(y)) = (native::<Template>(a[0]), native::<Template>(a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let mut parts = template_parts(x);
    parts.extend(template_parts(y));
    template_from_parts(vm, &parts)
}

fn template_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__repr__")?;
    let Some(t) = native::<Template>(v) else {
        return Err(vm.type_error("expected a Template"));
    };
    let strings = ops::repr::repr_string(vm, t.strings)?;
    let interps = ops::repr::repr_string(vm, t.interpolations)?;
    Ok(vm.new_string(format!(
        "Template(strings={strings}, interpolations={interps})"
    )))
}

fn interpolation_repr(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__repr__")?;
    let Some(i) = native::<Interpolation>(v) else {
        return Err(vm.type_error("expected an Interpolation"));
    };
    let mut fields = Vec::with_capacity(4);
    for f in [i.value, i.expression, i.conversion, i.format_spec] {
        fields.push(ops::repr::repr_string(vm, f)?);
    }
    Ok(vm.new_string(format!("Interpolation({})", fields.join(", "))))
}

/// Registers the template types' methods.
pub fn install(vm: &mut Vm) {
    let t = template_type(vm);
    add_methods(
        vm,
        t,
        &[
            staticmethod("__new__", template_new),
            method("__iter__", template_iter),
            method("__add__", template_add),
            method("__repr__", template_repr),
        ],
    );
    let i = interpolation_type(vm);
    add_methods(
        vm,
        i,
        &[
            staticmethod("__new__", interpolation_new),
            method("__repr__", interpolation_repr),
        ],
    );
    let match_args: Vec<Value> = ["value", "expression", "conversion", "format_spec"]
        .iter()
        .map(|n| vm.intern(n))
        .collect();
    let match_args = vm.new_tuple(match_args);
    ops::dictops::set_item_str(vm, i.dict, "__match_args__", match_args);
    for ty in [t, i] {
        let m = vm.intern(MODULE);
        ops::dictops::set_item_str(vm, ty.dict, "__module__", m);
    }
}
