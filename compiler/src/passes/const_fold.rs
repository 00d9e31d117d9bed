//! Constant folding: an operation whose operands are all `const` results becomes a `const`
//! of its value, and a `br` on a constant becomes a `jump`. Folded operands are left for
//! `dce` to remove.
//!
//! Semantics are Python's exactly, or the operation is left alone:
//!
//! - Anything that would raise (division or modulo by zero, negative shift counts, `0 **
//!   -1`, float overflow in `**`, type errors) is never folded; the run time raises it.
//! - Like CPython (`Python/flowgraph.c`, `safe_multiply`/`safe_power`/`safe_lshift`/
//!   `safe_mod`), results that would be large are not folded: int products, powers and
//!   left shifts over 128 bits, strings and bytes over 4096 items, tuples over 256 items
//!   (and nested tuples over 1024 items in total); `%` on str/bytes (formatting) is left
//!   to run time.
//! - `bool` is an `int` subclass: `True + 1 == 2`, but `True & False` stays a bool. `~True`
//!   is not folded (CPython 3.14 warns about it at run time).
//! - Mixed int/float arithmetic converts ints exactly (ints beyond 2**53 are not folded,
//!   to avoid reimplementing correctly rounded conversion); float `//` and `%` follow
//!   CPython's `_float_div_mod`; signed zeros and NaN come out as Python's do.
//! - Complex constants (`1 + 2j`, `-1j`) fold with 3.14's mixed-mode rules (C99 Annex G):
//!   a real operand combines with the real part only, so `1 - 2j == complex(1.0, -2.0)`
//!   and `-(0j)` is `complex(-0.0, -0.0)`.
//! - Comparisons fold between numbers (exactly, including int vs float), between two strs
//!   or two bytes, and `==`/`!=` across unrelated simple types (`'a' == 1` is False).
//!   `is` folds only between singletons (`None`, `True`, `False`, `...`); `in` only for
//!   str-in-str and bytes-in-bytes. str vs bytes equality is not folded (`-b` warns).
//! - `not`, `to_bool` and `br` use Python truthiness; `build_tuple` of constants is a tuple
//!   constant; `build_string` of str constants is their concatenation; `get_item` folds
//!   tuple, str and bytes indexing by an in-range int.

use super::op_flags::{self, OpFlags};
use super::{scratch, split_builds};
use crate::ir::{BinOp, CmpOp, Const, Function, Imm, InstData, Op, Terminator, UnaryOp, Value};
use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// CPython's `MAX_INT_SIZE`: the largest folded int product, power or shift, in bits.
const MAX_INT_BITS: u64 = 128;
/// CPython's `MAX_COLLECTION_SIZE`: the longest folded tuple repetition.
const MAX_COLLECTION_SIZE: usize = 256;
/// CPython's `MAX_STR_SIZE`: the longest folded str/bytes repetition.
const MAX_STR_SIZE: usize = 4096;
/// CPython's `MAX_TOTAL_ITEMS`: the most items, nested tuples included, a repetition makes.
const MAX_TOTAL_ITEMS: i64 = 1024;

pub fn run(func: &mut Function) {
    let has_foldable = func
        .insts
        .iter()
        .rev()
        .any(|inst| operands_are_const(func, inst));
    fold_if_needed(func, has_foldable);
}

/// Runs the pass, and returns whether some instruction may have more operands than
/// `split_builds` allows (whether [`split_builds::split_long_operations`] has work).
///
/// In a function with that many operands in all, the pre-scan also checks each
/// instruction's operand count, and after finding a foldable instruction goes on with
/// that check alone: such functions are large, and `split_builds` checking on its own
/// read the whole arena once more, out of cache by then.
pub(crate) fn run_noting_long_operations(func: &mut Function) -> bool {
    if func.operand_pool_len() <= split_builds::MAX_OPERANDS {
        run(func);
        return false;
    }
    let insts = &func.insts;
    let mut has_long = false;
    let foldable = insts.iter().rposition(|inst| {
        has_long |= split_builds::is_long(inst);
        operands_are_const(func, inst)
    });
    // Backward too, on from where the scan stopped, so that the first instructions are
    // the ones left in cache for the forward walks after it.
    if let Some(end) = foldable {
        has_long |= insts[..end]
            .iter()
            .rev()
            .fold(false, |long, inst| long | split_builds::is_long(inst));
    }
    fold_if_needed(func, foldable.is_some());
    // Folding only ever shortens an instruction's operand list.
    has_long
}

/// Folds what can be folded in `func`, given whether the pre-scan found a foldable
/// instruction.
///
/// Most functions have nothing to fold: a sequential pass over the instruction arena
/// (a superset of the laid-out code) and the terminators says so more cheaply than the
/// scan of [`fold_to_fixpoint`], which follows the layout through instruction ids. The
/// pre-scans run from the end: lowering just wrote the arena front to back, so in a
/// function too large for the cache its last instructions are the ones still there, and
/// a backward scan leaves the first ones in cache for the forward walks of the passes
/// after it.
fn fold_if_needed(func: &mut Function, has_foldable: bool) {
    if !has_foldable
        && !func.layout.iter().any(|block| {
            matches!(
                &func.blocks[block.index()].term,
                Some(Terminator::Branch { cond, .. }) if is_const(func, *cond)
            )
        })
    {
        return;
    }
    scratch::with_scratch(|scratch| fold_to_fixpoint(func, &mut scratch.marks));
}

/// Folds every instruction and branch it can, until none is left.
///
/// Layout order need not follow dominance, so a scan may have to be repeated. A scan
/// reads each instruction after the folds before it, so only a reader scanned before
/// its operand was folded can miss a new constant. Such a reader can only fold once its
/// first operand that was not constant when it was scanned becomes one, so the scan marks
/// that operand as `waited` for (as it does a branch's condition), and only the fold of a
/// value waited for calls for another scan. Most functions are one block, where readers
/// always come after the folds they wait for, so most scans are the last.
fn fold_to_fixpoint(func: &mut Function, waited: &mut Vec<u8>) {
    waited.clear();
    waited.resize(func.values.len(), 0);
    // A local slice, so that its pointer and length stay in registers through the scans.
    let waited = &mut waited[..];
    loop {
        let mut changed = false;
        for b in 0..func.layout.len() {
            let block = func.layout[b];
            let mut next = 0;
            // Each round finds the next instruction whose operands are all constants with
            // a plain walk over the block's list (almost none qualify), then folds it.
            while let Some(offset) =
                func.blocks[block.index()].insts[next..]
                    .iter()
                    .position(|&inst| {
                        let data = &func.insts[inst.index()];
                        if !op_flags::of(data.op).contains(OpFlags::FOLDABLE) {
                            return false;
                        }
                        match func.args_of(data).iter().find(|&&v| !is_const(func, v)) {
                            Some(&pending) => {
                                waited[pending.index()] = 1;
                                false
                            }
                            None => true,
                        }
                    })
            {
                let inst = func.blocks[block.index()].insts[next + offset];
                next += offset + 1;
                let folded = if func.insts[inst.index()].op == Op::BuildTuple {
                    Some(func.add_tuple_of_consts(inst))
                } else {
                    fold_inst(func, &func.insts[inst.index()]).map(|value| func.add_const(value))
                };
                if let Some(id) = folded {
                    let data = &mut func.insts[inst.index()];
                    data.op = Op::Const;
                    data.imm = Imm::Const(id);
                    changed |= data.result.is_some_and(|r| waited[r.index()] != 0);
                    func.set_args(inst, &[]);
                }
            }
            if let Some(Terminator::Branch {
                cond,
                then_to,
                else_to,
            }) = &func.blocks[block.index()].term
            {
                let Some(value) = func.value_const(*cond) else {
                    waited[cond.index()] = 1;
                    continue;
                };
                let target = if value.is_truthy() {
                    then_to.clone()
                } else {
                    else_to.clone()
                };
                func.blocks[block.index()].term = Some(Terminator::Jump(target));
            }
        }
        if !changed {
            break;
        }
    }
}

/// Whether `inst` is a foldable operation whose operands are all constants. The
/// operation's kind rules out almost every instruction before its operands are looked at.
#[inline]
fn operands_are_const(func: &Function, inst: &InstData) -> bool {
    op_flags::of(inst.op).contains(OpFlags::FOLDABLE)
        && func.args_of(inst).iter().all(|&v| is_const(func, v))
}

/// Whether `value` is the result of a `const` instruction: [`Function::value_const`]
/// without looking the constant up in the pool, which the scans for foldable operations
/// (over every function) have no use for.
#[inline]
fn is_const(func: &Function, value: Value) -> bool {
    matches!(
        func.value_inst(value),
        Some(InstData {
            op: Op::Const,
            imm: Imm::Const(_),
            ..
        })
    )
}

/// Whether `op` is one [`fold_inst`] can fold (`build_tuple` is folded by
/// [`Function::add_tuple_of_consts`], which looks the tuple up before building it).
pub(crate) const fn foldable(op: Op) -> bool {
    matches!(
        op,
        Op::Binary
            | Op::Inplace
            | Op::Unary
            | Op::Not
            | Op::ToBool
            | Op::Compare
            | Op::BuildTuple
            | Op::BuildString
            | Op::GetItem
    )
}

/// The constant `inst`, a foldable operation whose operands are all constants (the
/// caller checked), evaluates to, when evaluating it cannot raise.
fn fold_inst(func: &Function, inst: &InstData) -> Option<Const> {
    // The operands are read in place: collecting them first cost an allocation per fold.
    let args = func.args_of(inst);
    let arg = |i: usize| func.value_const(args[i]);
    match (inst.op, inst.imm, args.len()) {
        (Op::Binary | Op::Inplace, Imm::BinOp(op), 2) => binary(op, arg(0)?, arg(1)?),
        (Op::Unary, Imm::UnaryOp(op), 1) => unary(op, arg(0)?),
        (Op::Not, _, 1) => Some(Const::Bool(!arg(0)?.is_truthy())),
        (Op::ToBool, _, 1) => Some(Const::Bool(arg(0)?.is_truthy())),
        (Op::Compare, Imm::CmpOp(op), 2) => compare(op, arg(0)?, arg(1)?),
        (Op::BuildString, _, _) => {
            let mut out = String::new();
            for i in 0..args.len() {
                let Const::Str(s) = arg(i)? else { return None };
                out.push_str(s);
            }
            Some(Const::Str(out))
        }
        (Op::GetItem, _, 2) => subscript(arg(0)?, arg(1)?),
        _ => None,
    }
}

// ---- numbers ------------------------------------------------------------------------------

/// A numeric constant, with `bool` widened to `int`.
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Const) -> Option<Num> {
    match c {
        Const::Bool(b) => Some(Num::Int(BigInt::from(*b as u8))),
        Const::Int(i) => Some(Num::Int(i.clone())),
        Const::Float(f) => Some(Num::Float(*f)),
        Const::Complex { re, im } => Some(Num::Complex(*re, *im)),
        _ => None,
    }
}

fn as_int(c: &Const) -> Option<BigInt> {
    match as_num(c)? {
        Num::Int(i) => Some(i),
        _ => None,
    }
}

/// `float(n)` when it is exact; larger ints are not folded (see the module docs).
fn int_to_f64(n: &BigInt) -> Option<f64> {
    if n.bits() <= 53 { n.to_f64() } else { None }
}

fn to_real(n: &Num) -> Option<f64> {
    match n {
        Num::Int(i) => int_to_f64(i),
        Num::Float(f) => Some(*f),
        Num::Complex(..) => None,
    }
}

fn binary(op: BinOp, a: &Const, b: &Const) -> Option<Const> {
    if let (Const::Bool(x), Const::Bool(y)) = (a, b) {
        match op {
            BinOp::And => return Some(Const::Bool(x & y)),
            BinOp::Or => return Some(Const::Bool(x | y)),
            BinOp::Xor => return Some(Const::Bool(x ^ y)),
            _ => {}
        }
    }
    if let Some(result) = sequence_binary(op, a, b) {
        return result;
    }
    match (as_num(a)?, as_num(b)?) {
        (Num::Int(x), Num::Int(y)) => int_binary(op, &x, &y),
        (x @ Num::Complex(..), y) | (x, y @ Num::Complex(..)) => complex_binary(op, &x, &y),
        (x, y) => float_binary(op, to_real(&x)?, to_real(&y)?).map(Const::Float),
    }
}

/// Floor division and modulo with Python's sign rules (the remainder takes the divisor's
/// sign). `b` must be non-zero.
fn floor_divmod(a: &BigInt, b: &BigInt) -> (BigInt, BigInt) {
    let (mut q, mut r) = (a / b, a % b);
    if !r.is_zero() && (r.sign() == Sign::Minus) != (b.sign() == Sign::Minus) {
        q -= 1;
        r += b;
    }
    (q, r)
}

fn int_binary(op: BinOp, x: &BigInt, y: &BigInt) -> Option<Const> {
    let int = |v: BigInt| Some(Const::Int(v));
    match op {
        BinOp::Add => int(x + y),
        BinOp::Sub => int(x - y),
        BinOp::Mul => {
            if !x.is_zero() && !y.is_zero() && x.bits() + y.bits() > MAX_INT_BITS {
                return None;
            }
            int(x * y)
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return None;
            }
            Some(Const::Float(int_to_f64(x)? / int_to_f64(y)?))
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if y.is_zero() {
                return None;
            }
            let (q, r) = floor_divmod(x, y);
            int(if op == BinOp::FloorDiv { q } else { r })
        }
        BinOp::Pow => {
            if y.is_negative() {
                // int ** negative int is computed in floats (`long_pow` defers to `float_pow`).
                return float_binary(BinOp::Pow, int_to_f64(x)?, int_to_f64(y)?).map(Const::Float);
            }
            if y.is_zero() {
                return int(BigInt::one());
            }
            if x.is_zero() {
                return int(BigInt::zero());
            }
            let exponent = y.to_u64()?;
            if x.bits() > MAX_INT_BITS / exponent {
                return None;
            }
            int(x.pow(u32::try_from(exponent).ok()?))
        }
        BinOp::LShift => {
            if y.is_negative() {
                return None;
            }
            if x.is_zero() {
                return int(BigInt::zero());
            }
            let shift = y.to_u64()?;
            if shift > MAX_INT_BITS || x.bits() > MAX_INT_BITS - shift {
                return None;
            }
            int(x << shift)
        }
        BinOp::RShift => {
            if y.is_negative() {
                return None;
            }
            match y.to_u64() {
                // BigInt's `>>` rounds toward negative infinity, as Python's does.
                Some(shift) if shift < x.bits() + 1 => int(x >> shift),
                _ => int(if x.is_negative() {
                    BigInt::from(-1)
                } else {
                    BigInt::zero()
                }),
            }
        }
        BinOp::And => int(x & y),
        BinOp::Or => int(x | y),
        BinOp::Xor => int(x ^ y),
        BinOp::MatMul => None,
    }
}

/// CPython's `float_pow` restricted to the cases that neither raise nor need special
/// IEEE handling: finite operands, a finite result, no complex result.
fn float_pow(x: f64, y: f64) -> Option<f64> {
    if !x.is_finite() || !y.is_finite() {
        return None;
    }
    if x == 0.0 && y < 0.0 {
        return None; // ZeroDivisionError
    }
    if x < 0.0 && y.fract() != 0.0 {
        return None; // the result is complex
    }
    let result = x.powf(y);
    result.is_finite().then_some(result)
}

/// CPython's `_float_div_mod` (`Objects/floatobject.c`): floor division and modulo with
/// the remainder taking the divisor's sign and signed zeros as Python produces them. `y`
/// must be non-zero.
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    // `%` on f64 is C's `fmod`, which is exact.
    let mut rem = x % y;
    let mut div = (x - rem) / y;
    if rem != 0.0 {
        if (y < 0.0) != (rem < 0.0) {
            rem += y;
            div -= 1.0;
        }
    } else {
        rem = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        // Snap the nearly integral quotient to the nearest integer.
        let mut floordiv = div.floor();
        if div - floordiv > 0.5 {
            floordiv += 1.0;
        }
        floordiv
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, rem)
}

fn float_binary(op: BinOp, x: f64, y: f64) -> Option<f64> {
    match op {
        BinOp::Add => Some(x + y),
        BinOp::Sub => Some(x - y),
        BinOp::Mul => Some(x * y),
        BinOp::TrueDiv => (y != 0.0).then(|| x / y),
        BinOp::FloorDiv => (y != 0.0).then(|| float_divmod(x, y).0),
        BinOp::Mod => (y != 0.0).then(|| float_divmod(x, y).1),
        BinOp::Pow => float_pow(x, y),
        _ => None,
    }
}

/// Complex `+`, `-` and `*` with 3.14's mixed-mode rules: a real operand is not widened to
/// `complex(r, 0.0)`, it combines with the real part alone.
fn complex_binary(op: BinOp, x: &Num, y: &Num) -> Option<Const> {
    let complex = |re: f64, im: f64| Some(Const::Complex { re, im });
    match (x, y) {
        (Num::Complex(a, b), Num::Complex(c, d)) => match op {
            BinOp::Add => complex(a + c, b + d),
            BinOp::Sub => complex(a - c, b - d),
            BinOp::Mul => {
                let (re, im) = (a * c - b * d, a * d + b * c);
                // Infinities and NaNs take Annex G's recovery rules; leave them to run time.
                let finite = [*a, *b, *c, *d, re, im].iter().all(|v| v.is_finite());
                if finite { complex(re, im) } else { None }
            }
            _ => None,
        },
        (Num::Complex(a, b), real) => {
            let r = to_real(real)?;
            match op {
                BinOp::Add => complex(a + r, *b),
                BinOp::Sub => complex(a - r, *b),
                BinOp::Mul => complex(a * r, b * r),
                _ => None,
            }
        }
        (real, Num::Complex(c, d)) => {
            let r = to_real(real)?;
            match op {
                BinOp::Add => complex(r + c, *d),
                BinOp::Sub => complex(r - c, -d),
                BinOp::Mul => complex(r * c, r * d),
                _ => None,
            }
        }
        _ => None,
    }
}

fn unary(op: UnaryOp, a: &Const) -> Option<Const> {
    match (op, a) {
        (UnaryOp::Invert, Const::Int(i)) => Some(Const::Int(-i - 1)),
        (UnaryOp::Invert, _) => None,
        (UnaryOp::Neg, _) => match as_num(a)? {
            Num::Int(i) => Some(Const::Int(-i)),
            Num::Float(f) => Some(Const::Float(-f)),
            Num::Complex(re, im) => Some(Const::Complex { re: -re, im: -im }),
        },
        (UnaryOp::Pos, _) => match as_num(a)? {
            Num::Int(i) => Some(Const::Int(i)),
            Num::Float(f) => Some(Const::Float(f)),
            Num::Complex(re, im) => Some(Const::Complex { re, im }),
        },
    }
}

// ---- sequences ----------------------------------------------------------------------------

/// `Some(result)` when `op` on these operands is a sequence operation (`None` inside means
/// "do not fold"); `None` when it is not a sequence operation at all.
fn sequence_binary(op: BinOp, a: &Const, b: &Const) -> Option<Option<Const>> {
    match (op, a, b) {
        (BinOp::Add, Const::Str(x), Const::Str(y)) => Some(Some(Const::Str(format!("{x}{y}")))),
        (BinOp::Add, Const::Bytes(x), Const::Bytes(y)) => {
            Some(Some(Const::Bytes([x.as_slice(), y].concat())))
        }
        (BinOp::Add, Const::Tuple(x), Const::Tuple(y)) => {
            Some(Some(Const::Tuple([x.as_slice(), y].concat())))
        }
        (BinOp::Mul, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_), n)
        | (BinOp::Mul, n, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_)) => {
            let seq = if matches!(a, Const::Str(_) | Const::Bytes(_) | Const::Tuple(_)) {
                a
            } else {
                b
            };
            Some(repeat(seq, &as_int(n)?))
        }
        (BinOp::Mod, Const::Str(_) | Const::Bytes(_), _) => Some(None),
        _ => None,
    }
}

/// `seq * n` within CPython's `safe_multiply` limits.
fn repeat(seq: &Const, n: &BigInt) -> Option<Const> {
    let (size, limit) = match seq {
        Const::Str(s) => (s.chars().count(), MAX_STR_SIZE),
        Const::Bytes(b) => (b.len(), MAX_STR_SIZE),
        Const::Tuple(t) => (t.len(), MAX_COLLECTION_SIZE),
        _ => return None,
    };
    // The count must fit an index even when an empty sequence makes it irrelevant.
    let count = n.to_i64()?;
    let count = match limit.checked_div(size) {
        // An empty sequence repeats to itself.
        None => 0,
        Some(max) => {
            if count < 0 || count as u64 > max as u64 {
                return None;
            }
            count as usize
        }
    };
    match seq {
        Const::Str(s) => Some(Const::Str(s.repeat(count))),
        Const::Bytes(b) => Some(Const::Bytes(b.repeat(count))),
        Const::Tuple(t) => {
            if count > 0 && check_complexity(seq, MAX_TOTAL_ITEMS / count as i64) < 0 {
                return None;
            }
            Some(Const::Tuple(
                std::iter::repeat_n(t.iter().cloned(), count)
                    .flatten()
                    .collect(),
            ))
        }
        _ => None,
    }
}

/// CPython's `check_complexity`: `limit` minus the items of `c`, nested tuples included
/// (negative once over the limit).
fn check_complexity(c: &Const, mut limit: i64) -> i64 {
    if let Const::Tuple(items) = c {
        limit -= items.len() as i64;
        for item in items {
            if limit < 0 {
                break;
            }
            limit = check_complexity(item, limit);
        }
    }
    limit
}

fn subscript(a: &Const, index: &Const) -> Option<Const> {
    let index = as_int(index)?.to_i64()?;
    let pick = |len: usize| -> Option<usize> {
        let len = i64::try_from(len).ok()?;
        let i = if index < 0 { index + len } else { index };
        (0..len).contains(&i).then_some(i as usize)
    };
    match a {
        Const::Tuple(items) => Some(items[pick(items.len())?].clone()),
        Const::Bytes(bytes) => Some(Const::Int(BigInt::from(bytes[pick(bytes.len())?]))),
        Const::Str(s) => {
            let i = pick(s.chars().count())?;
            s.chars().nth(i).map(|c| Const::Str(c.to_string()))
        }
        _ => None,
    }
}

// ---- comparisons --------------------------------------------------------------------------

fn compare(op: CmpOp, a: &Const, b: &Const) -> Option<Const> {
    let singleton = |c: &Const| matches!(c, Const::None | Const::Bool(_) | Const::Ellipsis);
    let result = match op {
        CmpOp::Is | CmpOp::IsNot => {
            if !singleton(a) || !singleton(b) {
                return None;
            }
            (a == b) == (op == CmpOp::Is)
        }
        CmpOp::In | CmpOp::NotIn => {
            let found = match (a, b) {
                (Const::Str(needle), Const::Str(hay)) => hay.contains(needle.as_str()),
                (Const::Bytes(needle), Const::Bytes(hay)) => {
                    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice())
                }
                _ => return None,
            };
            found == (op == CmpOp::In)
        }
        _ => {
            let ordering = match (a, b) {
                (Const::Str(x), Const::Str(y)) => Some(x.cmp(y)),
                (Const::Bytes(x), Const::Bytes(y)) => Some(x.cmp(y)),
                _ => match (real_num(a), real_num(b)) {
                    (Some(x), Some(y)) => compare_reals(&x, &y),
                    _ => return equality_across_types(op, a, b).map(Const::Bool),
                },
            };
            match ordering {
                Some(ordering) => match op {
                    CmpOp::Lt => ordering == Ordering::Less,
                    CmpOp::Le => ordering != Ordering::Greater,
                    CmpOp::Eq => ordering == Ordering::Equal,
                    CmpOp::Ne => ordering != Ordering::Equal,
                    CmpOp::Gt => ordering == Ordering::Greater,
                    CmpOp::Ge => ordering != Ordering::Less,
                    _ => return None,
                },
                // NaN: unordered, so only `!=` holds.
                None => op == CmpOp::Ne,
            }
        }
    };
    Some(Const::Bool(result))
}

/// An int, bool or float as a comparable number (complex is not ordered).
fn real_num(c: &Const) -> Option<Num> {
    match as_num(c)? {
        Num::Complex(..) => None,
        n => Some(n),
    }
}

/// Exact comparison of ints and floats; `None` when a NaN makes them unordered.
fn compare_reals(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Int(a), Num::Float(b)) => compare_int_float(a, *b),
        (Num::Float(a), Num::Int(b)) => compare_int_float(b, *a).map(Ordering::reverse),
        _ => None,
    }
}

/// Compares an int with a float exactly, as CPython's `float_richcompare` does.
fn compare_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let whole = BigInt::from_f64(f.trunc())?;
    match i.cmp(&whole) {
        Ordering::Equal => 0.0f64.partial_cmp(&f.fract()),
        other => Some(other),
    }
}

/// `==`/`!=` between constants of unrelated simple types, which never compare equal.
fn equality_across_types(op: CmpOp, a: &Const, b: &Const) -> Option<bool> {
    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
        return None;
    }
    #[derive(PartialEq)]
    enum Family {
        Number,
        Str,
        Bytes,
        None,
        Ellipsis,
    }
    let family = |c: &Const| match c {
        Const::Bool(_) | Const::Int(_) | Const::Float(_) | Const::Complex { .. } => {
            Some(Family::Number)
        }
        Const::Str(_) => Some(Family::Str),
        Const::Bytes(_) => Some(Family::Bytes),
        Const::None => Some(Family::None),
        Const::Ellipsis => Some(Family::Ellipsis),
        Const::Wtf8Str(_) | Const::Tuple(_) | Const::FrozenSet(_) => None,
    };
    let (fa, fb) = (family(a)?, family(b)?);
    let equal = if fa == fb {
        match fa {
            // Same-family numbers (complex included) and strings were handled by the caller
            // or are not folded.
            Family::None | Family::Ellipsis => true,
            _ => return None,
        }
    } else {
        // str vs bytes warns under `python -b`; leave it to run time.
        if matches!(
            (&fa, &fb),
            (Family::Str, Family::Bytes) | (Family::Bytes, Family::Str)
        ) {
            return None;
        }
        false
    };
    Some(equal == (op == CmpOp::Eq))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(n: i64) -> Const {
        Const::Int(BigInt::from(n))
    }

    #[test]
    fn int_floor_semantics() {
        assert_eq!(binary(BinOp::FloorDiv, &int(-7), &int(2)), Some(int(-4)));
        assert_eq!(binary(BinOp::Mod, &int(-7), &int(2)), Some(int(1)));
        assert_eq!(binary(BinOp::Mod, &int(7), &int(-2)), Some(int(-1)));
        assert_eq!(binary(BinOp::RShift, &int(-5), &int(1)), Some(int(-3)));
        assert_eq!(binary(BinOp::RShift, &int(-5), &int(1000)), Some(int(-1)));
        assert_eq!(binary(BinOp::Mod, &int(1), &int(0)), None);
    }

    #[test]
    fn float_floor_semantics() {
        let f = Const::Float;
        assert_eq!(binary(BinOp::Mod, &f(-1.0), &f(3.0)), Some(f(2.0)));
        assert_eq!(binary(BinOp::Mod, &f(1.0), &f(-3.0)), Some(f(-2.0)));
        assert_eq!(binary(BinOp::Mod, &f(3.0), &f(-3.0)), Some(f(-0.0)));
        assert_eq!(binary(BinOp::FloorDiv, &f(-0.0), &f(1.0)), Some(f(-0.0)));
        assert_eq!(binary(BinOp::FloorDiv, &f(7.5), &f(-2.0)), Some(f(-4.0)));
        assert_eq!(binary(BinOp::FloorDiv, &f(1.0), &f(0.1)), Some(f(9.0)));
        assert_eq!(
            binary(BinOp::Mod, &f(1.0), &f(0.1)),
            Some(f(0.09999999999999995))
        );
    }

    #[test]
    fn limits() {
        assert_eq!(
            binary(BinOp::Pow, &int(2), &int(64)),
            Some(Const::Int(BigInt::from(1u128 << 64)))
        );
        assert_eq!(binary(BinOp::Pow, &int(2), &int(200)), None);
        assert_eq!(
            binary(BinOp::LShift, &int(1), &int(127)),
            Some(Const::Int(BigInt::from(1u128 << 127)))
        );
        assert_eq!(binary(BinOp::LShift, &int(1), &int(129)), None);
        assert!(binary(BinOp::Mul, &Const::Str("ab".into()), &int(2048)).is_some());
        assert_eq!(
            binary(BinOp::Mul, &Const::Str("ab".into()), &int(2049)),
            None
        );
        assert_eq!(
            binary(BinOp::Pow, &int(2), &int(-1)),
            Some(Const::Float(0.5))
        );
        assert_eq!(binary(BinOp::Pow, &int(0), &int(-1)), None);
    }

    #[test]
    fn compare_int_float_exactly() {
        let big = Const::Int(BigInt::from(1u64 << 53) + 1);
        assert_eq!(
            compare(CmpOp::Gt, &big, &Const::Float(9007199254740992.0)),
            Some(Const::Bool(true))
        );
        assert_eq!(
            compare(CmpOp::Lt, &int(1), &Const::Float(1.5)),
            Some(Const::Bool(true))
        );
        assert_eq!(
            compare(CmpOp::Eq, &Const::Float(f64::NAN), &Const::Float(f64::NAN)),
            Some(Const::Bool(false))
        );
        assert_eq!(
            compare(CmpOp::Ne, &Const::Float(f64::NAN), &Const::Float(f64::NAN)),
            Some(Const::Bool(true))
        );
    }
}
