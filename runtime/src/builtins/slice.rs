//! `slice` objects: construction, `indices()`, comparison and hashing.

use compiler::ir::ops::CmpOp;

use crate::args::Args;
use crate::builtins::{MethodDef, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, compare};
use crate::types::misc::SliceBody;
use crate::value::Value;

fn slice_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "slice")?;
    let pos = &args.pos()[1..];
    let (start, stop, step) = match pos {
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

fn slice_indices(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "indices", 2, 2)?;
    let Some(s) = Gc::<SliceBody>::from_value(a[0]) else {
        return Err(vm.type_error("descriptor 'indices' requires a 'slice' object"));
    };
    let len = ops::convert::index_bigint(vm, a[1])?;
    if len.sign() == num_bigint::Sign::Minus {
        return Err(vm.value_error("length should not be negative"));
    }
    let (x, y, z) = crate::builtins::range::big_slice_indices(vm, &s, &len)?;
    let (x, y, z) = (vm.new_bigint(x), vm.new_bigint(y), vm.new_bigint(z));
    Ok(vm.new_tuple(vec![x, y, z]))
}

fn parts(v: Value) -> Option<Vec<Value>> {
    Gc::<SliceBody>::from_value(v).map(|s| vec![s.start, s.stop, s.step])
}

fn compare_slices(vm: &mut Vm, args: &Args, op: CmpOp) -> PyResult<Value> {
    let a = args.range(vm, "compare", 2, 2)?;
    let (Some(x), Some(y)) = (parts(a[0]), parts(a[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    compare::sequence_compare(vm, &x, &y, op).map(Value::from_bool)
}

macro_rules! cmp {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, args: &Args) -> PyResult<Value> {
            compare_slices(vm, args, $op)
        }
    };
}
cmp!(slice_eq, CmpOp::Eq);
cmp!(slice_ne, CmpOp::Ne);
cmp!(slice_lt, CmpOp::Lt);
cmp!(slice_le, CmpOp::Le);
cmp!(slice_gt, CmpOp::Gt);
cmp!(slice_ge, CmpOp::Ge);

fn slice_hash(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "__hash__")?;
    let items = parts(v).unwrap_or_default();
    let t = vm.new_tuple(items);
    let h = ops::hash::hash(vm, t)?;
    Ok(vm.new_int(h))
}

pub const METHODS: &[MethodDef] = &[
    staticmethod("__new__", slice_new),
    method("indices", slice_indices),
    method("__eq__", slice_eq),
    method("__ne__", slice_ne),
    method("__lt__", slice_lt),
    method("__le__", slice_le),
    method("__gt__", slice_gt),
    method("__ge__", slice_ge),
    method("__hash__", slice_hash),
];
