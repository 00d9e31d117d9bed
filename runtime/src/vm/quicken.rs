//! Quickening (DESIGN.md §7): generic opcodes rewrite themselves into specialised ones.
//!
//! Codegen emits only generic opcodes. Each code object keeps a live copy of its code
//! units ([`live_units`]) beside the pristine one the compiler produced (which `dis`,
//! generators and tracebacks read). When a generic instruction with an inline-cache slot
//! runs and its site's countdown has reached zero, [`after_generic`] looks at the operands
//! it just saw and, if one specialised form fits (`a + b` on two ints becomes
//! `BinaryAddInt`, `GetAttr` on a module becomes `GetAttrModule`, `ForIter` over a range
//! becomes `ForIterRange`, ...), overwrites the opcode unit in place. The specialised
//! handler checks its guard on every execution; when the guard fails, [`deopt`] writes
//! the compiled opcode back and the generic behaviour runs (the same `ops` function, so
//! the answer never differs), with an exponentially growing countdown before the site
//! may specialise again, so a site whose operands keep changing kind settles on the
//! generic form. A fast path that declines without a guard failure (an int overflow, a
//! zero divisor) takes the generic path without deoptimising.
//!
//! # Free threading
//! Code objects are shared by every thread, so a unit may be rewritten while another
//! thread is dispatching it. That is safe by construction rather than by locking:
//! - units are `AtomicU16` read and written with relaxed ordering (plain moves on x86-64
//!   and AArch64), so there is no torn read and no undefined behaviour;
//! - a specialised opcode has exactly its generic opcode's operand layout
//!   (`Opcode::generic`, checked by a test in the compiler), so a thread that reads
//!   either the old or the new opcode decodes the same operands;
//! - every specialised handler is correct in any state: it validates its guard and its
//!   cache entry (sequence-locked, see `inline_cache`) and otherwise takes the generic
//!   path. The opcode only chooses which checks run first.
//!
//! Countdown updates are plain load/store pairs rather than read-modify-writes: a lost
//! update between two threads only shifts when a site next tries to specialise.

use std::sync::atomic::{AtomicU16, Ordering};

use compiler::bytecode::Opcode;
use compiler::ir::ops::{BinOp, CmpOp};

use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{ObjKind, kind_of};
use crate::value::Value;
use crate::vm::inline_cache::{self, InlineCache};

/// The live, rewritable copy of a code object's units. Only opcode units are ever
/// rewritten; the interpreter reads operands from the compiled code itself.
pub fn live_units(code: &[u16]) -> Box<[AtomicU16]> {
    code.iter().map(|&u| AtomicU16::new(u)).collect()
}

/// Reads live code unit `at`.
#[inline(always)]
pub fn unit(live: &[AtomicU16], at: usize) -> u16 {
    live[at].load(Ordering::Relaxed)
}

/// The live opcode of the instruction at `at`.
pub fn opcode_at(live: &[AtomicU16], at: usize) -> Option<Opcode> {
    Opcode::from_unit(unit(live, at))
}

/// A site's countdown before it next tries to specialise: the low 12 bits count down,
/// the high 4 bits hold the back-off exponent for the next wait.
#[derive(Default)]
pub struct Countdown(AtomicU16);

/// The first back-off after a failed or undone specialisation waits 2^4 executions; each
/// later one doubles, up to 2^12.
const FIRST_BACKOFF: u16 = 4;
const MAX_BACKOFF: u16 = 12;
const COUNT_MASK: u16 = 0x0fff;

impl Countdown {
    /// Counts one generic execution; true when the site should try to specialise now.
    #[inline(always)]
    fn tick(&self) -> bool {
        let word = self.0.load(Ordering::Relaxed);
        if word & COUNT_MASK == 0 {
            return true;
        }
        self.0.store(word - 1, Ordering::Relaxed);
        false
    }

    /// Waits `2^exponent - 1` more executions, then doubles the next wait.
    fn back_off(&self) {
        let exponent = (self.0.load(Ordering::Relaxed) >> 12).max(FIRST_BACKOFF);
        let wait = ((1u16 << exponent) - 1) & COUNT_MASK;
        let next = (exponent + 1).min(MAX_BACKOFF);
        self.0.store(next << 12 | wait, Ordering::Relaxed);
    }
}

/// Writes `op` over the live opcode unit at `at`.
fn rewrite(live: &[AtomicU16], at: usize, op: Opcode) {
    live[at].store(op.unit(), Ordering::Relaxed);
}

/// A specialised instruction's guard failed: the site goes back to its compiled opcode
/// (read from the compiled `code`) and waits before specialising again.
#[cold]
pub fn deopt(live: &[AtomicU16], code: &[u16], at: usize, cache: Option<&InlineCache>) {
    live[at].store(code[at], Ordering::Relaxed);
    if let Some(c) = cache {
        c.countdown().back_off();
    }
}

/// The compiled (generic) opcode of the instruction at `at`.
fn compiled(code: &[u16], at: usize) -> Opcode {
    Opcode::from_unit(code[at]).unwrap_or(Opcode::Unreachable)
}

/// The generic operator of the (binary, in-place or comparison) instruction at `at`
/// applied to `a` and `b`: a specialised operator's fallback when its fast path cannot
/// give the answer (an overflow, a zero divisor).
#[cold]
#[inline(never)]
pub fn operator_slow(vm: &mut Vm, code: &[u16], at: usize, a: Value, b: Value) -> PyResult<Value> {
    let operator = code[at + 4] as usize;
    match compiled(code, at) {
        Opcode::CompareOp => crate::ops::compare::compare_op(vm, a, b, CmpOp::ALL[operator]),
        Opcode::InplaceOp => crate::ops::arith::inplace_op(vm, a, b, BinOp::ALL[operator]),
        _ => crate::ops::arith::binary_op(vm, a, b, BinOp::ALL[operator]),
    }
}

/// A specialised operator's type guard failed: deoptimise the site and compute the
/// result the generic way.
#[cold]
#[inline(never)]
pub fn operator_miss(
    vm: &mut Vm,
    live: &[AtomicU16],
    code: &[u16],
    at: usize,
    a: Value,
    b: Value,
    caches: &[InlineCache],
) -> PyResult<Value> {
    deopt(live, code, at, caches.get(code[at + 5] as usize));
    operator_slow(vm, code, at, a, b)
}

/// A specialised attribute or method load's guard failed: deoptimise the site and look
/// `obj.name` up the generic way.
#[cold]
#[inline(never)]
pub fn attribute_miss(
    vm: &mut Vm,
    live: &[AtomicU16],
    code: &[u16],
    at: usize,
    cache: Option<&InlineCache>,
    obj: Value,
    name: Value,
) -> PyResult<Value> {
    deopt(live, code, at, cache);
    if compiled(code, at) == Opcode::LoadMethod {
        inline_cache::load_method(vm, cache, obj, name)
    } else {
        inline_cache::get_attr(vm, cache, obj, name)
    }
}

/// What a generic instruction saw, for choosing its specialised form.
pub enum Seen {
    Binary(Value, Value, BinOp),
    Compare(Value, Value, CmpOp),
    Global,
    /// The receiver of `GetAttr`/`LoadMethod`, the name, and what the lookup returned.
    Attr(Value, Value, Value),
    /// The callee of `Call`, or the method and receiver of `CallMethod`, and the number of
    /// positional arguments in the register list.
    Call(Value, usize),
    /// The iterator of `ForIter`.
    Iter(Value),
}

/// Called after generic instruction `op` at `at` ran successfully; rewrites it into a
/// specialised form when the site is due and one fits what it saw.
#[inline(always)]
pub fn after_generic(
    vm: &mut Vm,
    units: &[AtomicU16],
    at: usize,
    op: Opcode,
    cache: Option<&InlineCache>,
    seen: impl FnOnce() -> Seen,
) {
    if let Some(c) = cache
        && c.countdown().tick()
    {
        match choose(vm, op, c, seen()) {
            Some(special) => rewrite(units, at, special),
            None => c.countdown().back_off(),
        }
    }
}

/// The specialised form of generic `op` for what it saw, if there is one.
#[cold]
fn choose(vm: &mut Vm, op: Opcode, cache: &InlineCache, seen: Seen) -> Option<Opcode> {
    match (op, seen) {
        // For ints and floats an in-place operator is the binary one, so both kinds of
        // site share the specialised forms (a miss restores the compiled opcode).
        (Opcode::BinaryOp | Opcode::InplaceOp, Seen::Binary(a, b, bop)) => {
            if a.is_small_int() && b.is_small_int() {
                match bop {
                    BinOp::Add => Some(Opcode::BinaryAddInt),
                    BinOp::Sub => Some(Opcode::BinarySubInt),
                    BinOp::Mul => Some(Opcode::BinaryMulInt),
                    _ if int_binary(1, 1, bop).is_some() => Some(Opcode::BinaryOpInt),
                    _ => None,
                }
            } else if a.is_float() && b.is_float() {
                match bop {
                    BinOp::Add => Some(Opcode::BinaryAddFloat),
                    BinOp::Sub => Some(Opcode::BinarySubFloat),
                    BinOp::Mul => Some(Opcode::BinaryMulFloat),
                    BinOp::TrueDiv => Some(Opcode::BinaryDivFloat),
                    _ => None,
                }
            } else {
                None
            }
        }
        (Opcode::CompareOp, Seen::Compare(a, b, cop)) if is_rich(cop) => {
            if a.is_small_int() && b.is_small_int() {
                Some(Opcode::CompareOpInt)
            } else if a.is_float() && b.is_float() {
                Some(Opcode::CompareOpFloat)
            } else {
                None
            }
        }
        (Opcode::LoadGlobal, Seen::Global) => Some(Opcode::LoadGlobalCached),
        (Opcode::GetAttr, Seen::Attr(obj, name, value)) => {
            if inline_cache::is_plain_instance(vm, obj) {
                Some(Opcode::GetAttrInstance)
            } else if inline_cache::learn_module_attr(vm, cache, obj, name, value) {
                Some(Opcode::GetAttrModule)
            } else {
                None
            }
        }
        (Opcode::LoadMethod, Seen::Attr(obj, name, value)) => {
            if inline_cache::is_plain_instance(vm, obj) {
                Some(Opcode::LoadMethodInstance)
            } else if inline_cache::learn_builtin_method(vm, cache, obj, name, value) {
                Some(Opcode::LoadMethodBuiltin)
            } else if !inline_cache::wants_receiver(value)
                && inline_cache::learn_module_attr(vm, cache, obj, name, value)
            {
                Some(Opcode::LoadMethodModule)
            } else {
                None
            }
        }
        (Opcode::ForIter, Seen::Iter(it)) => match kind_of(it) {
            Some(ObjKind::RangeIter) => Some(Opcode::ForIterRange),
            Some(ObjKind::SeqIter) if crate::ops::iter::list_iterator_list(it).is_some() => {
                Some(Opcode::ForIterList)
            }
            _ => None,
        },
        (Opcode::Call, Seen::Call(callee, nargs)) => {
            crate::vm::call::is_simple_call(callee, nargs).then_some(Opcode::CallPy)
        }
        (Opcode::CallMethod, Seen::Call(method, nargs)) => (kind_of(method)
            == Some(ObjKind::Function)
            && crate::vm::call::is_simple_call(method, nargs + 1))
        .then_some(Opcode::CallMethodPy),
        _ => None,
    }
}

/// The rich comparisons (not `is`/`in`).
fn is_rich(op: CmpOp) -> bool {
    matches!(
        op,
        CmpOp::Lt | CmpOp::Le | CmpOp::Eq | CmpOp::Ne | CmpOp::Gt | CmpOp::Ge
    )
}

/// `x <op> y` for two inline ints when the result is an inline int (or, for `/`, a float
/// computed exactly); `None` sends the site to the general path (overflow, a zero
/// divisor, an operator without a fast form). `+`, `-` and `*` have opcodes of their
/// own and do not come here.
#[inline(always)]
pub fn int_binary(x: i64, y: i64, op: BinOp) -> Option<Value> {
    use crate::numeric::arith::{floor_div_i64, mod_i64};
    let r = match op {
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::FloorDiv => floor_div_i64(x, y)?,
        BinOp::Mod => mod_i64(x, y)?,
        BinOp::TrueDiv => {
            return crate::numeric::int_float::i64_true_divide(x, y).map(Value::from_f64);
        }
        _ => return None,
    };
    Value::try_from_i64(r)
}

/// For each rich comparison (in `CmpOp` order: the first six), the outcomes that make it
/// true: bit 0 less, bit 1 equal, bit 2 greater. One table load replaces a branch on the
/// operator (CPython's `COMPARE_OP_INT` uses the same trick).
const COMPARE_MASKS: [u8; 6] = compare_masks();

const fn compare_masks() -> [u8; 6] {
    let mut masks = [0u8; 6];
    let mut i = 0;
    while i < 6 {
        masks[i] = match CmpOp::ALL[i] {
            CmpOp::Lt => 0b001,
            CmpOp::Le => 0b011,
            CmpOp::Eq => 0b010,
            CmpOp::Ne => 0b101,
            CmpOp::Gt => 0b100,
            _ => 0b110,
        };
        i += 1;
    }
    masks
}

/// `x <op> y` for two inline ints and a rich comparison `op` (its `CmpOp` number).
#[inline(always)]
pub fn compare_ints(x: i64, y: i64, op: usize) -> Value {
    let outcome = 1u8 << (x.cmp(&y) as i8 + 1);
    Value::from_bool(COMPARE_MASKS[op % 6] & outcome != 0)
}

/// `x <op> y` for two floats and a rich comparison `op` (IEEE comparisons, as CPython's:
/// with a NaN only `!=` is true).
#[inline(always)]
pub fn compare_floats(x: f64, y: f64, op: usize) -> Value {
    match x.partial_cmp(&y) {
        Some(order) => {
            let outcome = 1u8 << (order as i8 + 1);
            Value::from_bool(COMPARE_MASKS[op % 6] & outcome != 0)
        }
        None => Value::from_bool(CmpOp::ALL[op % 6] == CmpOp::Ne),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdown_backs_off_exponentially() {
        let c = Countdown::default();
        assert!(c.tick(), "a fresh site specialises at once");
        c.back_off();
        let waits: Vec<usize> = (0..3)
            .map(|_| {
                let mut n = 0;
                while !c.tick() {
                    n += 1;
                }
                c.back_off();
                n
            })
            .collect();
        assert_eq!(waits, vec![15, 31, 63]);
    }

    #[test]
    fn comparison_masks_agree_with_the_operators() {
        let values = [-2.0, 0.0, 1.5, f64::NAN, f64::INFINITY];
        for (op, cmp) in CmpOp::ALL[..6].iter().enumerate() {
            for &x in &values {
                for &y in &values {
                    let expected = match cmp {
                        CmpOp::Lt => x < y,
                        CmpOp::Le => x <= y,
                        CmpOp::Eq => x == y,
                        CmpOp::Ne => x != y,
                        CmpOp::Gt => x > y,
                        _ => x >= y,
                    };
                    let got = compare_floats(x, y, op);
                    assert_eq!(got, Value::from_bool(expected), "{x} {cmp:?} {y}");
                    if x.is_finite() && y.is_finite() {
                        let (i, j) = ((x * 2.0) as i64, (y * 2.0) as i64);
                        let expected = compare_floats(i as f64, j as f64, op);
                        assert_eq!(compare_ints(i, j, op), expected, "{i} {cmp:?} {j}");
                    }
                }
            }
        }
    }

    #[test]
    fn countdown_wait_is_capped() {
        let c = Countdown::default();
        for _ in 0..20 {
            c.back_off();
        }
        let mut n = 0;
        while !c.tick() {
            n += 1;
        }
        assert_eq!(n, 4095);
    }
}

#[cfg(test)]
#[path = "quicken_tests.rs"]
mod quicken_tests;
