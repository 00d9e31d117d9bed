//! Quickening (DESIGN.md §7): generic opcodes rewrite themselves into specialised ones.
//!
//! Codegen emits only generic opcodes. Each code object keeps a live copy of its code
//! units ([`live_units`]) beside the pristine one the compiler produced (which `dis`,
//! generators and tracebacks read). When a generic instruction with an inline-cache slot
//! runs and its site's countdown has reached zero, [`specialise`] looks at the operands it
//! just saw and, if one specialised form fits (`BinaryOp` on two ints becomes
//! `BinaryOpInt`, `GetAttr` on a module becomes `GetAttrModule`, ...), overwrites the
//! opcode unit in place. The specialised handler checks its guard on every execution;
//! when the guard fails it runs the generic behaviour (the same `ops` function, so the
//! answer never differs) and [`deopt`] writes the generic opcode back, with an
//! exponentially growing countdown before the site may specialise again, so a site whose
//! operands keep changing kind settles on the generic form.
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

use crate::interp::Vm;
use crate::object::{ObjKind, kind_of};
use crate::value::Value;
use crate::vm::inline_cache::{self, InlineCache};

/// The live, rewritable copy of a code object's units.
pub fn live_units(code: &[u16]) -> Box<[AtomicU16]> {
    code.iter().map(|&u| AtomicU16::new(u)).collect()
}

/// Reads code unit `at`.
#[inline(always)]
pub fn unit(units: &[AtomicU16], at: usize) -> u16 {
    units[at].load(Ordering::Relaxed)
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

/// Writes `op` over the opcode unit at `at`.
fn rewrite(units: &[AtomicU16], at: usize, op: Opcode) {
    units[at].store(op.unit(), Ordering::Relaxed);
}

/// A specialised instruction's guard failed: the site goes back to its generic opcode and
/// waits before specialising again.
#[cold]
pub fn deopt(units: &[AtomicU16], at: usize, op: Opcode, cache: Option<&InlineCache>) {
    rewrite(units, at, op.generic());
    if let Some(c) = cache {
        c.countdown().back_off();
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
        (Opcode::BinaryOp | Opcode::InplaceOp, Seen::Binary(a, b, bop)) => {
            let inplace = op == Opcode::InplaceOp;
            if a.is_small_int() && b.is_small_int() && int_op_is_inline(bop) {
                Some(if inplace {
                    Opcode::InplaceOpInt
                } else {
                    Opcode::BinaryOpInt
                })
            } else if a.is_float() && b.is_float() && float_op_is_inline(bop) {
                Some(if inplace {
                    Opcode::InplaceOpFloat
                } else {
                    Opcode::BinaryOpFloat
                })
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

/// Operators `arith::small_int_op` computes without the general path (besides overflow
/// or a zero divisor, which it hands back).
fn int_op_is_inline(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::And
            | BinOp::Or
            | BinOp::Xor
            | BinOp::FloorDiv
            | BinOp::Mod
            | BinOp::TrueDiv
    )
}

/// Operators `numbers::float_op` computes.
fn float_op_is_inline(op: BinOp) -> bool {
    matches!(
        op,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::FloorDiv | BinOp::Mod
    )
}

/// The rich comparisons (not `is`/`in`).
fn is_rich(op: CmpOp) -> bool {
    matches!(
        op,
        CmpOp::Lt | CmpOp::Le | CmpOp::Eq | CmpOp::Ne | CmpOp::Gt | CmpOp::Ge
    )
}

/// `a <op> b` for two inline ints, as a bool value.
#[inline(always)]
pub fn compare_ints(x: i64, y: i64, op: CmpOp) -> Value {
    Value::from_bool(match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        _ => x >= y,
    })
}

/// `a <op> b` for two floats, as a bool value (IEEE comparisons, as CPython's).
#[inline(always)]
pub fn compare_floats(x: f64, y: f64, op: CmpOp) -> Value {
    Value::from_bool(match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        _ => x >= y,
    })
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
