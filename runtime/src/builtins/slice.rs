//! `slice(stop)` / `slice(start, stop[, step])` and `slice.indices(length)`
//! (CPython `Objects/sliceobject.c`: `slice_new`, `slice_indices`).

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::convert;
use crate::types::misc::SliceBody;
use crate::value::Value;

fn slice_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "slice")?;
    let a = args.pos().get(1..).unwrap_or(&[]);
    let (start, stop, step) = match a {
        [stop] => (Value::NONE, *stop, Value::NONE),
        [start, stop] => (*start, *stop, Value::NONE),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
        more => {
            return Err(vm.type_error(format!(
                "slice expected at most 3 arguments, got {}",
                more.len()
            )));
        }
    };
    Ok(crate::builtins::new_slice(vm, start, stop, step))
}

fn slice_indices_m(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "indices", 2, 2)?;
    let Some(s) = Gc::<SliceBody>::from_value(a[0]) else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = convert::index_i64(vm, a[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, stop, step) = crate::builtins::list::slice_indices(vm, &s, len as usize)?;
    let vals = vec![vm.new_int(start), vm.new_int(stop), vm.new_int(step)];
    Ok(vm.new_tuple(vals))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", slice_new),
    method("indices", slice_indices_m),
];
