//! The dispatch loop: [`execute`] runs one frame's instructions until control must leave
//! it (a call to push, a return, a yield, an error), and hands back a [`Flow`] to
//! `run_frame` in `vm/mod.rs`. Each opcode's arm reads its operands from the compiled
//! code and calls the one runtime function for its operation (DESIGN.md §2); the
//! specialised arms that quickening installs (`vm::quicken`) test their guard first.

use std::sync::atomic::{AtomicU16, Ordering};

use compiler::bytecode::Opcode;
use compiler::ir::ops::{BinOp, CmpOp, UnaryOp};

use super::quicken::{self, Seen};
use super::{Flow, call, generator_ops, inline_cache, misc, unwind};
use crate::errors::PyErr;
use crate::interp::Vm;
use crate::object::Gc;
use crate::ops::{self, arith, attr, compare, dictops, subscript};
use crate::types::dict::DictBody;
use crate::types::function::CellBody;
use crate::types::list::ListBody;
use crate::types::misc::RangeIterBody;
use crate::value::Value;
use crate::vm::frame::FrameBody;

/// Reads the fixed operand `i` (0-based, in code units after the opcode).
macro_rules! op {
    ($units:expr, $pc:expr, $i:expr) => {
        $units[$pc + 1 + $i] as usize
    };
}

/// Reads a two-unit jump target at operand offset `i`.
#[inline(always)]
fn target(units: &[u16], at: usize) -> usize {
    units[at] as usize | (units[at + 1] as usize) << 16
}

/// The register list starting at code unit `at` (count, then registers).
#[inline(always)]
fn reg_list(units: &[u16], at: usize) -> &[u16] {
    let n = units[at] as usize;
    &units[at + 1..at + 1 + n]
}

/// Reads the registers of a list into a small vector.
#[inline(always)]
fn read_regs(frame: &FrameBody, regs: &[u16]) -> smallvec::SmallVec<[Value; 8]> {
    regs.iter().map(|&r| frame.reg(r as usize)).collect()
}

/// Runs instructions of `frame` from `*pc` until control must leave this frame.
pub(super) fn execute(vm: &mut Vm, frame: Gc<FrameBody>, pc: &mut usize) -> Flow {
    let code = frame.code.body();
    // Operands are read from the code as compiled; only opcode units are rewritten
    // (quickening), so dispatch reads the live copy.
    let units: &[u16] = &code.code.code;
    let live: &[AtomicU16] = &code.units;
    let lengths = &Opcode::FIXED_LENGTHS;
    let mut at = *pc;
    macro_rules! fail {
        ($e:expr) => {{
            frame.pc.store(at as u32, Ordering::Relaxed);
            *pc = at;
            return Flow::Error {
                err: $e,
                reraise: false,
            };
        }};
    }
    macro_rules! tri {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(e) => fail!(e),
            }
        };
    }
    // A specialised operator on two inline ints (two floats): `$unbox` reads an operand
    // of the kind, `$fast` computes the result or declines (overflow, a zero divisor) for
    // the generic path; operands of another kind deoptimise the site.
    macro_rules! typed_operator {
        ($unbox:ident, $fast:expr) => {{
            let (a, b) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
            let v = match (a.$unbox(), b.$unbox()) {
                (Some(x), Some(y)) => match $fast(x, y) {
                    Some(v) => v,
                    None => tri!(quicken::operator_slow(vm, units, at, a, b)),
                },
                _ => tri!(quicken::operator_miss(
                    vm,
                    live,
                    units,
                    at,
                    a,
                    b,
                    &code.caches
                )),
            };
            frame.set_reg(op!(units, at, 0), v);
        }};
    }
    // A specialised attribute or method load whose whole answer is one cached value:
    // `$probe` finds it for the receiver, or the site deoptimises.
    macro_rules! cached_attribute {
        ($probe:path) => {{
            let obj = frame.reg(op!(units, at, 1));
            let cache = code.caches.get(op!(units, at, 3));
            let v = match cache.and_then(|c| $probe(vm, c, obj)) {
                Some(v) => v,
                None => {
                    let name = code.names[op!(units, at, 2)];
                    tri!(quicken::attribute_miss(
                        vm, live, units, at, cache, obj, name
                    ))
                }
            };
            frame.set_reg(op!(units, at, 0), v);
        }};
    }
    macro_rules! int_operator {
        ($fast:expr) => {
            typed_operator!(as_small_int, $fast)
        };
    }
    macro_rules! float_operator {
        ($fast:expr) => {
            typed_operator!(as_f64, $fast)
        };
    }
    loop {
        let Some(opcode) = Opcode::from_unit(quicken::unit(live, at)) else {
            fail!(vm.system_error(format!("bad opcode at pc {at}")));
        };
        let next = at + instruction_len(lengths, units, at, opcode);
        match opcode {
            Opcode::Move => {
                frame.set_reg(op!(units, at, 0), frame.reg(op!(units, at, 1)));
            }
            Opcode::LoadConst => {
                frame.set_reg(op!(units, at, 0), code.consts[op!(units, at, 1)]);
            }
            Opcode::LoadFast => {
                let local = op!(units, at, 1);
                let v = frame.reg(local);
                if v.is_unset() {
                    fail!(unwind::unbound_local(vm, &code.code, local));
                }
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadFastAndClear => {
                let local = op!(units, at, 1);
                let v = frame.reg(local);
                frame.set_reg(local, Value::UNSET);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::DeleteFast => {
                let local = op!(units, at, 0);
                if frame.reg(local).is_unset() {
                    fail!(unwind::unbound_local(vm, &code.code, local));
                }
                frame.set_reg(local, Value::UNSET);
            }
            Opcode::Release => frame.set_reg(op!(units, at, 0), Value::NONE),
            Opcode::Unreachable => {
                fail!(vm.system_error("reached code the compiler marked unreachable"))
            }
            Opcode::LoadDeref => {
                let slot = op!(units, at, 1);
                let v = deref_cell(&frame, slot).map_or(Value::UNSET, |c| c.value.get());
                if v.is_unset() {
                    fail!(unwind::unbound_deref(vm, &code.code, slot));
                }
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::StoreDeref => {
                let slot = op!(units, at, 0);
                if let Some(c) = deref_cell(&frame, slot) {
                    c.value.set(frame.reg(op!(units, at, 1)));
                }
            }
            Opcode::DeleteDeref => {
                let slot = op!(units, at, 0);
                let cell = deref_cell(&frame, slot);
                if cell.is_none_or(|c| c.value.get().is_unset()) {
                    fail!(unwind::unbound_deref(vm, &code.code, slot));
                }
                if let Some(c) = cell {
                    c.value.set(Value::UNSET);
                }
            }
            Opcode::LoadClosure => {
                frame.set_reg(op!(units, at, 0), frame.derefs[op!(units, at, 1)].get());
            }
            Opcode::LoadGlobal => {
                let name = code.names[op!(units, at, 1)];
                let cache = code.caches.get(op!(units, at, 2));
                let v = tri!(inline_cache::load_global(vm, cache, &frame, name));
                frame.set_reg(op!(units, at, 0), v);
                quicken::after_generic(vm, live, at, opcode, cache, || Seen::Global);
            }
            Opcode::LoadGlobalCached => {
                // The cache probe comes first and a stale entry is relearnt in place: the
                // site never goes back to the generic form.
                let name = code.names[op!(units, at, 1)];
                let cache = code.caches.get(op!(units, at, 2));
                let v = tri!(inline_cache::load_global(vm, cache, &frame, name));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::StoreGlobal => {
                let name = code.names[op!(units, at, 0)];
                let v = frame.reg(op!(units, at, 1));
                tri!(dictops::set(vm, frame.globals, name, v));
            }
            Opcode::DeleteGlobal => {
                let name = code.names[op!(units, at, 0)];
                if tri!(dictops::remove(vm, frame.globals, name)).is_none() {
                    fail!(unwind::name_not_defined(vm, name));
                }
            }
            Opcode::LoadName => {
                let name = code.names[op!(units, at, 1)];
                let v = tri!(misc::load_name(vm, &frame, name));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::StoreName => {
                let name = code.names[op!(units, at, 0)];
                let v = frame.reg(op!(units, at, 1));
                tri!(misc::store_name(vm, &frame, name, v));
            }
            Opcode::DeleteName => {
                let name = code.names[op!(units, at, 0)];
                tri!(misc::delete_name(vm, &frame, name));
            }
            Opcode::LoadFromDictOrDeref => {
                let mapping = frame.reg(op!(units, at, 1));
                let slot = op!(units, at, 2);
                let name = code.code.deref_name(slot).unwrap_or("").to_owned();
                let key = vm.intern(&name);
                let found = tri!(misc::mapping_get(vm, mapping, key));
                let v = match found {
                    Some(v) => v,
                    None => {
                        let v = deref_cell(&frame, slot).map_or(Value::UNSET, |c| c.value.get());
                        if v.is_unset() {
                            fail!(unwind::unbound_deref(vm, &code.code, slot));
                        }
                        v
                    }
                };
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadFromDictOrGlobals => {
                let mapping = frame.reg(op!(units, at, 1));
                let name = code.names[op!(units, at, 2)];
                let v = match tri!(misc::mapping_get(vm, mapping, name)) {
                    Some(v) => v,
                    None => tri!(misc::load_global(vm, &frame, name)),
                };
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadLocals => {
                let l = frame.locals.get();
                if l.is_unset() {
                    fail!(vm.system_error("no locals found"));
                }
                frame.set_reg(op!(units, at, 0), l);
            }
            Opcode::LoadBuildClass => {
                let v = match Gc::<DictBody>::from_value(frame.builtins)
                    .and_then(|b| dictops::get_str(&b, "__build_class__"))
                {
                    Some(v) => v,
                    None => fail!(vm.name_error("__build_class__ not found")),
                };
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadCommon => {
                let v = tri!(misc::load_common(vm, op!(units, at, 1)));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadSpecial => {
                let obj = frame.reg(op!(units, at, 1));
                let name = code.names[op!(units, at, 2)];
                let v = tri!(misc::load_special(vm, obj, name));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::GetAttr | Opcode::LoadMethod => {
                // `f_lineno` of a running frame reads the pc (`sys._getframe().f_lineno`).
                frame.pc.store(at as u32, Ordering::Relaxed);
                let obj = frame.reg(op!(units, at, 1));
                let name = code.names[op!(units, at, 2)];
                let cache = code.caches.get(op!(units, at, 3));
                let v = if opcode == Opcode::GetAttr {
                    tri!(inline_cache::get_attr(vm, cache, obj, name))
                } else {
                    tri!(inline_cache::load_method(vm, cache, obj, name))
                };
                frame.set_reg(op!(units, at, 0), v);
                quicken::after_generic(vm, live, at, opcode, cache, || Seen::Attr(obj, name, v));
            }
            Opcode::GetAttrInstance => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let obj = frame.reg(op!(units, at, 1));
                let name = code.names[op!(units, at, 2)];
                let cache = code.caches.get(op!(units, at, 3));
                let r = match cache.and_then(|c| inline_cache::get_attr_instance(vm, c, obj, name))
                {
                    Some(r) => r,
                    None => quicken::attribute_miss(vm, live, units, at, cache, obj, name),
                };
                frame.set_reg(op!(units, at, 0), tri!(r));
            }
            Opcode::GetAttrModule | Opcode::LoadMethodModule => {
                cached_attribute!(inline_cache::module_attr_cached)
            }
            Opcode::LoadMethodInstance => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let obj = frame.reg(op!(units, at, 1));
                let cache = code.caches.get(op!(units, at, 3));
                let v = match cache.and_then(|c| inline_cache::method_cached(vm, c, obj)) {
                    Some(v) => v,
                    None if inline_cache::is_plain_instance(vm, obj) => {
                        let name = code.names[op!(units, at, 2)];
                        tri!(inline_cache::load_method(vm, cache, obj, name))
                    }
                    None => {
                        let name = code.names[op!(units, at, 2)];
                        tri!(quicken::attribute_miss(
                            vm, live, units, at, cache, obj, name
                        ))
                    }
                };
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::LoadMethodBuiltin => {
                cached_attribute!(inline_cache::builtin_method_cached)
            }
            Opcode::SetAttr => {
                let obj = frame.reg(op!(units, at, 0));
                let name = code.names[op!(units, at, 1)];
                let v = frame.reg(op!(units, at, 2));
                let cache = code.caches.get(op!(units, at, 3));
                tri!(inline_cache::set_attr(vm, cache, obj, name, v));
            }
            Opcode::DelAttr => {
                let obj = frame.reg(op!(units, at, 0));
                let name = code.names[op!(units, at, 1)];
                tri!(attr::delattr(vm, obj, name));
            }
            Opcode::GetItem => {
                let obj = frame.reg(op!(units, at, 1));
                let key = frame.reg(op!(units, at, 2));
                let v = match subscript::list_get_fast(obj, key) {
                    Some(v) => v,
                    None => tri!(subscript::getitem(vm, obj, key)),
                };
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::SetItem => {
                let obj = frame.reg(op!(units, at, 0));
                let key = frame.reg(op!(units, at, 1));
                let v = frame.reg(op!(units, at, 2));
                if !subscript::list_set_fast(obj, key, v) {
                    tri!(subscript::setitem(vm, obj, key, v));
                }
            }
            Opcode::DelItem => {
                let obj = frame.reg(op!(units, at, 0));
                let key = frame.reg(op!(units, at, 1));
                tri!(subscript::delitem(vm, obj, key));
            }
            Opcode::BuildSlice => {
                let (a, b) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let v = crate::builtins::new_slice(vm, a, b, Value::NONE);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::BuildSlice3 => {
                let (a, b, c) = (
                    frame.reg(op!(units, at, 1)),
                    frame.reg(op!(units, at, 2)),
                    frame.reg(op!(units, at, 3)),
                );
                let v = crate::builtins::new_slice(vm, a, b, c);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::BinaryOp | Opcode::InplaceOp => {
                let (a, b) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let op = BinOp::ALL[op!(units, at, 3)];
                let v = if opcode == Opcode::BinaryOp {
                    tri!(arith::binary_op(vm, a, b, op))
                } else {
                    tri!(arith::inplace_op(vm, a, b, op))
                };
                frame.set_reg(op!(units, at, 0), v);
                let cache = code.caches.get(op!(units, at, 4));
                quicken::after_generic(vm, live, at, opcode, cache, || Seen::Binary(a, b, op));
            }
            Opcode::BinaryAddInt => int_operator!(|x: i64, y: i64| Value::try_from_i64(x + y)),
            Opcode::BinarySubInt => int_operator!(|x: i64, y: i64| Value::try_from_i64(x - y)),
            Opcode::BinaryMulInt => {
                int_operator!(|x: i64, y: i64| x.checked_mul(y).and_then(Value::try_from_i64))
            }
            Opcode::BinaryOpInt => {
                let op = BinOp::ALL[op!(units, at, 3)];
                int_operator!(|x, y| quicken::int_binary(x, y, op))
            }
            Opcode::BinaryAddFloat => {
                float_operator!(|x: f64, y: f64| Some(Value::from_f64(x + y)))
            }
            Opcode::BinarySubFloat => {
                float_operator!(|x: f64, y: f64| Some(Value::from_f64(x - y)))
            }
            Opcode::BinaryMulFloat => {
                float_operator!(|x: f64, y: f64| Some(Value::from_f64(x * y)))
            }
            Opcode::BinaryDivFloat => {
                float_operator!(|x: f64, y: f64| (y != 0.0).then(|| Value::from_f64(x / y)))
            }
            Opcode::UnaryOp => {
                let a = frame.reg(op!(units, at, 1));
                let op = UnaryOp::ALL[op!(units, at, 2)];
                let v = tri!(arith::unary_op(vm, a, op));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::Not => {
                let a = frame.reg(op!(units, at, 1));
                let b = tri!(ops::truthy(vm, a));
                frame.set_reg(op!(units, at, 0), Value::from_bool(!b));
            }
            Opcode::ToBool => {
                let a = frame.reg(op!(units, at, 1));
                let b = tri!(ops::truthy(vm, a));
                frame.set_reg(op!(units, at, 0), Value::from_bool(b));
            }
            Opcode::CompareOp => {
                let (a, b) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let op = CmpOp::ALL[op!(units, at, 3)];
                let v = tri!(compare::compare_op(vm, a, b, op));
                frame.set_reg(op!(units, at, 0), v);
                let cache = code.caches.get(op!(units, at, 4));
                quicken::after_generic(vm, live, at, opcode, cache, || Seen::Compare(a, b, op));
            }
            Opcode::CompareOpInt => {
                let op = op!(units, at, 3);
                int_operator!(|x, y| Some(quicken::compare_ints(x, y, op)))
            }
            Opcode::CompareOpFloat => {
                let op = op!(units, at, 3);
                float_operator!(|x, y| Some(quicken::compare_floats(x, y, op)))
            }
            Opcode::ExcMatch => {
                let (exc, typ) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let m = tri!(unwind::exception_matches(vm, exc, typ));
                frame.set_reg(op!(units, at, 0), Value::from_bool(m));
            }
            Opcode::BuildTuple => {
                let items = read_regs(&frame, reg_list(units, at + 2));
                let v = vm.new_tuple(items.to_vec());
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::BuildList => {
                let items = read_regs(&frame, reg_list(units, at + 2));
                let v = vm.new_list(items.to_vec());
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::BuildSet => {
                let items = read_regs(&frame, reg_list(units, at + 2));
                let v = tri!(crate::builtins::set::new_set_from(vm, &items, false));
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::BuildMap => {
                let items = read_regs(&frame, reg_list(units, at + 2));
                let d = vm.new_dict_with_capacity(items.len() / 2);
                frame.set_reg(op!(units, at, 0), d.value());
                for pair in items.chunks(2) {
                    tri!(dictops::set(vm, d, pair[0], pair[1]));
                }
            }
            Opcode::BuildString => {
                let items = read_regs(&frame, reg_list(units, at + 2));
                let v = crate::builtins::str::build_string(vm, &items);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::ListAppend => {
                let list = frame.reg(op!(units, at, 0));
                let v = frame.reg(op!(units, at, 1));
                if let Some(l) = Gc::<ListBody>::from_value(list) {
                    crate::gc::write_barrier(list, v);
                    l.items.lock().push(v);
                }
            }
            Opcode::ListExtend => {
                let list = frame.reg(op!(units, at, 0));
                let it = frame.reg(op!(units, at, 1));
                tri!(misc::list_extend(vm, list, it));
            }
            Opcode::SetAdd => {
                let (s, v) = (frame.reg(op!(units, at, 0)), frame.reg(op!(units, at, 1)));
                tri!(crate::builtins::set::set_add(vm, s, v));
            }
            Opcode::SetUpdate => {
                let (s, it) = (frame.reg(op!(units, at, 0)), frame.reg(op!(units, at, 1)));
                tri!(crate::builtins::set::set_update(vm, s, it));
            }
            Opcode::DictSet => {
                let d = frame.reg(op!(units, at, 0));
                let (k, v) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                if let Some(d) = Gc::<DictBody>::from_value(d) {
                    tri!(dictops::set(vm, d, k, v));
                }
            }
            Opcode::DictUpdate => {
                let (d, m) = (frame.reg(op!(units, at, 0)), frame.reg(op!(units, at, 1)));
                tri!(misc::dict_update_display(vm, d, m));
            }
            Opcode::DictMerge => {
                let callee = frame.reg(op!(units, at, 0));
                let (d, m) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                tri!(misc::dict_merge_kwargs(vm, callee, d, m));
            }
            Opcode::FormatValue => {
                let v = frame.reg(op!(units, at, 1));
                let r = tri!(misc::format_value(vm, v, Value::UNSET, op!(units, at, 2)));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::FormatWithSpec => {
                let (v, spec) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(misc::format_value(vm, v, spec, op!(units, at, 3)));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::BuildInterpolation | Opcode::BuildInterpolationSpec | Opcode::BuildTemplate => {
                let r = tri!(misc::template_op(vm, &frame, opcode, units, at));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::UnpackSequence => {
                let src = frame.reg(op!(units, at, 1));
                let r = tri!(misc::unpack_sequence(vm, src, op!(units, at, 2)));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::UnpackEx => {
                let src = frame.reg(op!(units, at, 1));
                let r = tri!(misc::unpack_ex(
                    vm,
                    src,
                    op!(units, at, 2),
                    op!(units, at, 3)
                ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::TupleGet => {
                let t = frame.reg(op!(units, at, 1));
                let v = ops::tuple_items(t)
                    .and_then(|items| items.get(op!(units, at, 2)).copied())
                    .unwrap_or(Value::NONE);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::Call | Opcode::CallKw | Opcode::CallMethod => {
                if let Err(e) = vm.safepoint() {
                    fail!(e);
                }
                let dst = op!(units, at, 0);
                if opcode != Opcode::CallKw {
                    let list_at = if opcode == Opcode::Call {
                        at + 4
                    } else {
                        at + 5
                    };
                    let nargs = units[list_at] as usize;
                    let cache = code.caches.get(op!(units, at, list_at - at - 2));
                    quicken::after_generic(vm, live, at, opcode, cache, || {
                        Seen::Call(frame.reg(op!(units, at, 1)), nargs)
                    });
                }
                let (callee, args, kwnames) = match opcode {
                    Opcode::CallMethod => {
                        let obj = frame.reg(op!(units, at, 2));
                        let (callee, receiver) =
                            inline_cache::method_call_target(frame.reg(op!(units, at, 1)), obj);
                        let regs = reg_list(units, at + 5);
                        let mut args = smallvec::SmallVec::with_capacity(regs.len() + 1);
                        args.extend(receiver);
                        args.extend(regs.iter().map(|&r| frame.reg(r as usize)));
                        (callee, args, &[][..])
                    }
                    Opcode::CallKw => (
                        frame.reg(op!(units, at, 1)),
                        read_regs(&frame, reg_list(units, at + 5)),
                        ops::tuple_items(code.consts[op!(units, at, 2)]).unwrap_or(&[]),
                    ),
                    _ => (
                        frame.reg(op!(units, at, 1)),
                        read_regs(&frame, reg_list(units, at + 4)),
                        &[][..],
                    ),
                };
                match call::prepare_inline_call(vm, callee, &args, kwnames) {
                    Ok(Some(callee_frame)) => {
                        frame.pc.store(at as u32, Ordering::Relaxed);
                        *pc = next;
                        return Flow::Push {
                            callee: callee_frame,
                            dst: dst as u32,
                        };
                    }
                    Ok(None) => {
                        frame.pc.store(at as u32, Ordering::Relaxed);
                        let r = tri!(ops::call::call_kw(vm, callee, &args, kwnames));
                        frame.set_reg(dst, r);
                    }
                    Err(e) => fail!(e),
                }
            }
            Opcode::CallPy | Opcode::CallMethodPy => {
                if let Err(e) = vm.safepoint() {
                    fail!(e);
                }
                let callee = frame.reg(op!(units, at, 1));
                let (receiver, regs) = if opcode == Opcode::CallPy {
                    (None, reg_list(units, at + 4))
                } else {
                    (Some(frame.reg(op!(units, at, 2))), reg_list(units, at + 5))
                };
                let nargs = regs.len() + usize::from(receiver.is_some());
                if !call::is_simple_call(callee, nargs) {
                    let cache_operand = if opcode == Opcode::CallPy { 2 } else { 3 };
                    quicken::deopt(
                        live,
                        units,
                        at,
                        code.caches.get(op!(units, at, cache_operand)),
                    );
                    continue;
                }
                let callee_frame = call::new_simple_frame(vm, callee, receiver, &frame, regs);
                frame.pc.store(at as u32, Ordering::Relaxed);
                *pc = next;
                return Flow::Push {
                    callee: callee_frame,
                    dst: op!(units, at, 0) as u32,
                };
            }
            Opcode::CallEx | Opcode::CallExKw => {
                if let Err(e) = vm.safepoint() {
                    fail!(e);
                }
                frame.pc.store(at as u32, Ordering::Relaxed);
                let callee = frame.reg(op!(units, at, 1));
                let args = frame.reg(op!(units, at, 2));
                let kwargs = if opcode == Opcode::CallExKw {
                    frame.reg(op!(units, at, 3))
                } else {
                    Value::UNSET
                };
                let r = tri!(ops::call::call_ex(vm, callee, args, kwargs));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::CallIntrinsic => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let args = read_regs(&frame, reg_list(units, at + 3));
                let r = tri!(misc::call_intrinsic(vm, &frame, op!(units, at, 1), &args));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::MakeFunction => {
                let r = tri!(call::make_function(
                    vm,
                    &frame,
                    op!(units, at, 1),
                    [
                        frame.reg(op!(units, at, 2)),
                        frame.reg(op!(units, at, 3)),
                        frame.reg(op!(units, at, 4)),
                        frame.reg(op!(units, at, 5))
                    ],
                ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::ImportName => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let name = code.names[op!(units, at, 1)];
                let (fromlist, level) =
                    (frame.reg(op!(units, at, 2)), frame.reg(op!(units, at, 3)));
                let r = tri!(crate::import::import_name(
                    vm, &frame, name, fromlist, level
                ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::ImportFrom => {
                let module = frame.reg(op!(units, at, 1));
                let name = code.names[op!(units, at, 2)];
                let r = tri!(crate::import::import_from(vm, module, name));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::GetIter => {
                let src = frame.reg(op!(units, at, 1));
                let r = tri!(ops::iter::get_iter(vm, src));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::GetAIter
            | Opcode::GetANext
            | Opcode::GetYieldFromIter
            | Opcode::GetAwaitable => {
                let src = frame.reg(op!(units, at, 1));
                let context = if opcode == Opcode::GetAwaitable {
                    op!(units, at, 2)
                } else {
                    0
                };
                let r = tri!(generator_ops::async_iter_op(vm, opcode, src, context));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::Yield => {
                let v = frame.reg(op!(units, at, 1));
                frame.pc.store(at as u32, Ordering::Relaxed);
                frame
                    .ret_reg
                    .store(op!(units, at, 0) as u32, Ordering::Relaxed);
                frame.resume_pc.store(next as u32, Ordering::Relaxed);
                *pc = next;
                return Flow::Yield(v);
            }
            Opcode::YieldFrom => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let dst = op!(units, at, 0);
                let iter = frame.reg(op!(units, at, 1));
                match generator_ops::yield_from_step(vm, &frame, iter, dst) {
                    Ok(Some(yielded)) => {
                        // Resume at this same instruction, which sends into the delegate.
                        frame.ret_reg.store(dst as u32, Ordering::Relaxed);
                        frame.resume_pc.store(at as u32, Ordering::Relaxed);
                        *pc = at;
                        return Flow::Yield(yielded);
                    }
                    Ok(None) => {}
                    Err(e) => fail!(e),
                }
            }
            Opcode::PushExcInfo => {
                let exc = frame.reg(op!(units, at, 1));
                frame.set_reg(op!(units, at, 0), vm.exc_info);
                vm.exc_info = exc;
            }
            Opcode::PopExcInfo => {
                vm.exc_info = frame.reg(op!(units, at, 0));
            }
            Opcode::CheckEgMatch => {
                let (exc, typ) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(crate::builtins::exceptions::check_eg_match(vm, exc, typ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::PrepReraiseStar => {
                let (orig, raised) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(crate::builtins::exceptions::prep_reraise_star(
                    vm, orig, raised
                ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::WithExit => {
                frame.pc.store(at as u32, Ordering::Relaxed);
                let (exit, exc) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(misc::with_exit(vm, exit, exc));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::SetupAnnotations => {
                tri!(misc::setup_annotations(vm, &frame));
            }
            Opcode::GetLen => {
                let src = frame.reg(op!(units, at, 1));
                let n = tri!(ops::len(vm, src));
                let v = vm.new_int(n as i64);
                frame.set_reg(op!(units, at, 0), v);
            }
            Opcode::MatchMapping | Opcode::MatchSequence => {
                let subject = frame.reg(op!(units, at, 1));
                let r = misc::match_kind(vm, subject, opcode == Opcode::MatchMapping);
                frame.set_reg(op!(units, at, 0), Value::from_bool(r));
            }
            Opcode::MatchKeys => {
                let (subject, keys) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(misc::match_keys(vm, subject, keys));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::MatchClass => {
                let (subject, cls, kwnames) = (
                    frame.reg(op!(units, at, 1)),
                    frame.reg(op!(units, at, 2)),
                    frame.reg(op!(units, at, 3)),
                );
                let r = tri!(misc::match_class(
                    vm,
                    subject,
                    cls,
                    kwnames,
                    op!(units, at, 4)
                ));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::CopyDictWithoutKeys => {
                let (mapping, keys) = (frame.reg(op!(units, at, 1)), frame.reg(op!(units, at, 2)));
                let r = tri!(misc::copy_dict_without_keys(vm, mapping, keys));
                frame.set_reg(op!(units, at, 0), r);
            }
            Opcode::Jump => {
                let t = target(units, at + 1);
                if t <= at
                    && let Err(e) = vm.safepoint()
                {
                    fail!(e);
                }
                at = t;
                continue;
            }
            Opcode::JumpIfTrue | Opcode::JumpIfFalse => {
                let cond = frame.reg(op!(units, at, 0));
                let b = match cond {
                    Value::TRUE => true,
                    Value::FALSE => false,
                    _ => tri!(ops::truthy(vm, cond)),
                };
                if b == (opcode == Opcode::JumpIfTrue) {
                    let t = target(units, at + 2);
                    if t <= at
                        && let Err(e) = vm.safepoint()
                    {
                        fail!(e);
                    }
                    at = t;
                    continue;
                }
            }
            Opcode::ForIter => {
                let it = frame.reg(op!(units, at, 1));
                frame.pc.store(at as u32, Ordering::Relaxed);
                let cache = code.caches.get(op!(units, at, 4));
                quicken::after_generic(vm, live, at, opcode, cache, || Seen::Iter(it));
                match tri!(ops::iter::next(vm, it)) {
                    Some(v) => frame.set_reg(op!(units, at, 0), v),
                    None => {
                        at = target(units, at + 3);
                        continue;
                    }
                }
            }
            Opcode::ForIterRange => {
                let it = frame.reg(op!(units, at, 1));
                let Some(r) = Gc::<RangeIterBody>::from_value(it) else {
                    quicken::deopt(live, units, at, code.caches.get(op!(units, at, 4)));
                    continue;
                };
                match ops::iter::range_next(vm, &r) {
                    Some(v) => frame.set_reg(op!(units, at, 0), v),
                    None => {
                        at = target(units, at + 3);
                        continue;
                    }
                }
            }
            Opcode::ForIterList => {
                let it = frame.reg(op!(units, at, 1));
                let Some((s, list)) = ops::iter::list_iterator_list(it) else {
                    quicken::deopt(live, units, at, code.caches.get(op!(units, at, 4)));
                    continue;
                };
                match ops::iter::list_iter_next(&s, &list) {
                    Some(v) => frame.set_reg(op!(units, at, 0), v),
                    None => {
                        at = target(units, at + 3);
                        continue;
                    }
                }
            }
            Opcode::Return => {
                let v = frame.reg(op!(units, at, 0));
                frame.pc.store(at as u32, Ordering::Relaxed);
                *pc = at;
                return Flow::Return(v);
            }
            Opcode::Raise => {
                let exc = frame.reg(op!(units, at, 0));
                let e = unwind::make_raise(vm, exc, None);
                fail!(e);
            }
            Opcode::RaiseFrom => {
                let (exc, cause) = (frame.reg(op!(units, at, 0)), frame.reg(op!(units, at, 1)));
                let e = unwind::make_raise(vm, exc, Some(cause));
                fail!(e);
            }
            Opcode::ReraiseCurrent | Opcode::Reraise => {
                let exc = if opcode == Opcode::Reraise {
                    frame.reg(op!(units, at, 0))
                } else {
                    vm.exc_info
                };
                frame.pc.store(at as u32, Ordering::Relaxed);
                *pc = at;
                if exc.is_none() || exc.is_unset() {
                    return Flow::Error {
                        err: vm.runtime_error("No active exception to reraise"),
                        reraise: false,
                    };
                }
                return Flow::Error {
                    err: PyErr(exc),
                    reraise: true,
                };
            }
        }
        at = next;
    }
}

/// The cell in deref slot `slot`.
#[inline]
fn deref_cell(frame: &FrameBody, slot: usize) -> Option<Gc<CellBody>> {
    frame.derefs.get(slot).and_then(|c| Gc::from_value(c.get()))
}

/// The length in code units of the instruction at `at`.
#[inline(always)]
fn instruction_len(table: &[(u8, bool); 256], units: &[u16], at: usize, opcode: Opcode) -> usize {
    let (len, list) = table[opcode as u8 as usize];
    let len = len as usize;
    if list {
        len + units[at + len - 1] as usize
    } else {
        len
    }
}
