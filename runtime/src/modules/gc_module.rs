//! The `gc` module: collection control over the tracing collector (see `crate::gc` for
//! the rooting rule and the collector itself).

use std::sync::atomic::Ordering;

use crate::args::Args;
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops;
use crate::types::module::ModuleBody;
use crate::value::Value;

fn collect(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "collect", 0, 1)?;
    if let Some(&g) = a.first() {
        let g = ops::convert::index_i64(vm, g)?;
        if !(0..=2).contains(&g) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    vm.collect_with(true);
    let unreachable = vm.rt.gc.finalize.last_unreachable.load(Ordering::Relaxed);
    crate::gc::finalize::run_pending_and_wait(vm)?;
    Ok(vm.new_int(unreachable as i64))
}

fn enable(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    vm.rt.gc.enabled.store(true, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    vm.rt.gc.enabled.store(false, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::from_bool(vm.rt.gc.enabled.load(Ordering::Relaxed)))
}

fn get_count(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    vm.flush_alloc_counts();
    let n = vm.rt.heap.allocations.load(Ordering::Relaxed) as i64;
    let threshold = vm.rt.gc.thresholds.lock().0.max(1);
    let a = vm.new_int(n % threshold);
    Ok(vm.new_tuple(vec![a, Value::small_int(0), Value::small_int(0)]))
}

fn get_threshold(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let (a, b, c) = *vm.rt.gc.thresholds.lock();
    let (a, b, c) = (vm.new_int(a), vm.new_int(b), vm.new_int(c));
    Ok(vm.new_tuple(vec![a, b, c]))
}

fn set_threshold(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let a = args.range(vm, "set_threshold", 1, 3)?;
    let mut t = *vm.rt.gc.thresholds.lock();
    t.0 = ops::convert::index_i64(vm, a[0])?;
    if let Some(&b) = a.get(1) {
        t.1 = ops::convert::index_i64(vm, b)?;
    }
    if let Some(&c) = a.get(2) {
        t.2 = ops::convert::index_i64(vm, c)?;
    }
    *vm.rt.gc.thresholds.lock() = t;
    Ok(Value::NONE)
}

fn freeze(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let mut all = Vec::new();
    vm.rt
        .heap
        .for_each_object(|addr| all.push(Value::from_addr(addr)));
    let mut frozen = vm.rt.gc.frozen.lock();
    frozen.clear();
    frozen.extend(all);
    Ok(Value::NONE)
}

fn unfreeze(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    vm.rt.gc.frozen.lock().clear();
    Ok(Value::NONE)
}

fn get_freeze_count(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let n = vm.rt.gc.frozen.lock().len();
    Ok(vm.new_int(n as i64))
}

fn get_objects(vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    let mut all = Vec::new();
    vm.rt
        .heap
        .for_each_object(|addr| all.push(Value::from_addr(addr)));
    Ok(vm.new_list(all))
}

fn is_tracked(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let v = args.one(vm, "is_tracked")?;
    Ok(Value::from_bool(
        v.is_ptr() && crate::object::kind_of(v) != Some(crate::object::ObjKind::Str),
    ))
}

fn get_referents(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let mut out = Vec::new();
    for &v in args.pos() {
        // A type's referents are its dict and bases; the header's type link is not one.
        out.extend(crate::gc::referents(v));
    }
    Ok(vm.new_list(out))
}

fn get_referrers(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let targets: Vec<Value> = args.pos().to_vec();
    let mut all = Vec::new();
    vm.rt
        .heap
        .for_each_object(|addr| all.push(Value::from_addr(addr)));
    let found: Vec<Value> = all
        .into_iter()
        .filter(|&o| crate::gc::referents(o).iter().any(|r| targets.contains(r)))
        .collect();
    Ok(vm.new_list(found))
}

/// Builds `gc`.
pub fn create(vm: &mut Vm) -> PyResult<Gc<ModuleBody>> {
    let m = super::new_module_with(
        vm,
        "gc",
        &[
            ("collect", collect),
            ("enable", enable),
            ("disable", disable),
            ("isenabled", isenabled),
            ("get_count", get_count),
            ("get_threshold", get_threshold),
            ("set_threshold", set_threshold),
            ("freeze", freeze),
            ("unfreeze", unfreeze),
            ("get_freeze_count", get_freeze_count),
            ("get_objects", get_objects),
            ("is_tracked", is_tracked),
            ("get_referents", get_referents),
            ("get_referrers", get_referrers),
        ],
    );
    let garbage = vm.new_list(Vec::new());
    super::set(vm, m, "garbage", garbage);
    let callbacks = vm.new_list(Vec::new());
    super::set(vm, m, "callbacks", callbacks);
    Ok(m)
}
