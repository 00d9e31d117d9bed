//! `int`, `bool`, `float` and `complex`: arithmetic on builtin numbers and the types'
//! methods. Pure algorithms (parsing, correctly rounded conversions, hashing) belong in
//! `crate::numeric`; this file adapts them to values.

use compiler::ir::ops::BinOp;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::builtins::{MethodDef, classmethod, method, staticmethod};
use crate::errors::PyResult;
use crate::interp::Vm;
use crate::object::{Gc, ObjKind, kind_of};
use crate::ops::{self, IntRef, float_of, int_of, type_of};
use crate::types::misc::ComplexBody;
use crate::types::typeobj::TypeBody;
use crate::value::Value;

/// Python's floor division and modulo on `i64` (`y != 0`, no overflow for inline ints).
#[inline]
pub fn floor_divmod_i64(x: i64, y: i64) -> (i64, i64) {
    let q = x / y;
    let r = x % y;
    if r != 0 && ((r < 0) != (y < 0)) { (q - 1, r + y) } else { (q, r) }
}

fn big(i: &IntRef) -> BigInt {
    match i {
        IntRef::Small(i) => BigInt::from(*i),
        IntRef::Big(b) => (*b).clone(),
    }
}

/// The int as `f64`, or OverflowError "int too large to convert to float".
pub fn int_to_f64(vm: &mut Vm, i: &IntRef) -> PyResult<f64> {
    match i {
        IntRef::Small(i) => Ok(*i as f64),
        IntRef::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
    }
}

/// A number (int, bool or float) as `f64`.
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = float_of(v) {
        return Ok(f);
    }
    match int_of(v) {
        Some(i) => int_to_f64(vm, &i),
        None => {
            let tn = ops::type_name(vm, v);
            Err(vm.type_error(format!("must be real number, not {tn}")))
        }
    }
}

/// Correctly rounded `a / b` for big ints (CPython's `long_true_divide`, by scaling the
/// quotient to at least 64 significant bits plus a sticky bit).
fn int_true_divide(vm: &mut Vm, a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(vm.zero_division_error("division by zero"));
    }
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64())
        && x.unsigned_abs() < (1 << 53)
        && y.unsigned_abs() < (1 << 53)
    {
        return Ok(x as f64 / y as f64);
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let (a, b) = (a.abs(), b.abs());
    let shift = 66i64 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 { (a << shift as usize, b) } else { (a, b << (-shift) as usize) };
    let (mut q, r) = num.div_rem(&den);
    if !r.is_zero() {
        q |= BigInt::one();
    }
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let exp = -shift;
    let result = if exp > 1100 {
        f64::INFINITY
    } else if exp < -1100 {
        // Scale in two steps so subnormal results round once, in the final multiply.
        qf * 2f64.powi((exp / 2) as i32) * 2f64.powi((exp - exp / 2) as i32)
    } else {
        qf * 2f64.powi(exp as i32)
    };
    if result.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -result } else { result })
}

/// The operator on two ints.
pub fn int_op(vm: &mut Vm, x: &IntRef, y: &IntRef, op: BinOp) -> PyResult<Value> {
    if let (IntRef::Small(a), IntRef::Small(b)) = (x, y) {
        let (a, b) = (*a, *b);
        let fast = match op {
            BinOp::Add => a.checked_add(b),
            BinOp::Sub => a.checked_sub(b),
            BinOp::Mul => a.checked_mul(b),
            BinOp::And => Some(a & b),
            BinOp::Or => Some(a | b),
            BinOp::Xor => Some(a ^ b),
            BinOp::FloorDiv | BinOp::Mod if b != 0 && !(a == i64::MIN && b == -1) => {
                let (q, m) = floor_divmod_i64(a, b);
                Some(if op == BinOp::FloorDiv { q } else { m })
            }
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(vm.new_int(r));
        }
    }
    let (a, b) = (big(x), big(y));
    let r = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::And => a & b,
        BinOp::Or => a | b,
        BinOp::Xor => a ^ b,
        BinOp::FloorDiv | BinOp::Mod => {
            if b.is_zero() {
                let msg = if op == BinOp::FloorDiv { "integer division or modulo by zero" } else { "integer modulo by zero" };
                return Err(vm.zero_division_error(msg));
            }
            let (q, m) = a.div_mod_floor(&b);
            if op == BinOp::FloorDiv { q } else { m }
        }
        BinOp::TrueDiv => {
            let f = int_true_divide(vm, &a, &b)?;
            return Ok(Value::from_f64(f));
        }
        BinOp::Pow => return int_pow(vm, &a, &b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            if a.is_zero() {
                return Ok(Value::small_int(0));
            }
            match b.to_usize() {
                Some(n) if n < (1 << 32) => a << n,
                _ => return Err(vm.overflow_error("too many digits in integer")),
            }
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_usize() {
                Some(n) => a >> n,
                None => {
                    if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }
                }
            }
        }
        BinOp::MatMul => {
            let (na, nb) = ("int", "int");
            return Err(vm.type_error(format!("unsupported operand type(s) for @: '{na}' and '{nb}'")));
        }
    };
    Ok(vm.new_bigint(r))
}

fn int_pow(vm: &mut Vm, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if b.is_negative() {
        if a.is_zero() {
            return Err(vm.zero_division_error("zero to a negative power"));
        }
        let x = int_to_f64(vm, &IntRef::Big(a))?;
        let y = b.to_f64().unwrap_or(f64::NEG_INFINITY);
        return Ok(Value::from_f64(x.powf(y)));
    }
    if a.is_one() || a.is_zero() || b.is_zero() {
        return Ok(vm.new_bigint(if b.is_zero() { BigInt::one() } else { a.clone() }));
    }
    if *a == BigInt::from(-1) {
        return Ok(vm.new_int(if b.is_even() { 1 } else { -1 }));
    }
    let Some(e) = b.to_u32() else {
        return Err(vm.memory_error(""));
    };
    if (a.bits() as u128) * (e as u128) > (1u128 << 36) {
        return Err(vm.memory_error(""));
    }
    Ok(vm.new_bigint(Pow::pow(a, e)))
}

/// The operator on two floats; `None` for operators floats do not have.
pub fn float_op(vm: &mut Vm, x: f64, y: f64, op: BinOp) -> PyResult<Option<Value>> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(vm.zero_division_error("division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv | BinOp::Mod => {
            if y == 0.0 {
                let msg = if op == BinOp::FloorDiv { "division by zero" } else { "division by zero" };
                return Err(vm.zero_division_error(msg));
            }
            let (q, m) = float_divmod(x, y);
            if op == BinOp::FloorDiv { q } else { m }
        }
        BinOp::Pow => return float_pow(vm, x, y).map(Some),
        _ => return Ok(None),
    };
    Ok(Some(Value::from_f64(r)))
}

/// CPython's `float_divmod` (Objects/floatobject.c): the modulo takes the divisor's sign
/// and the quotient is floored, with the same treatment of zeros.
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(vm.zero_division_error("zero to a negative power"));
    }
    if x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        // A negative base with a fractional exponent gives a complex result.
        let (re, im) = complex_pow((x, 0.0), (y, 0.0));
        return Ok(new_complex(vm, re, im));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(Value::from_f64(r))
}

/// `(re, im)` of a complex, int, bool or float.
pub fn complex_parts(v: Value) -> Option<(f64, f64)> {
    let v = ops::unwrap_payload(v);
    if let Some(c) = Gc::<ComplexBody>::from_value(v) {
        return Some((c.re, c.im));
    }
    if let Some(f) = v.as_f64() {
        return Some((f, 0.0));
    }
    match int_of(v)? {
        IntRef::Small(i) => Some((i as f64, 0.0)),
        IntRef::Big(b) => b.to_f64().map(|f| (f, 0.0)),
    }
}

pub fn new_complex(vm: &mut Vm, re: f64, im: f64) -> Value {
    let ty = vm.rt.types.complex;
    vm.alloc(ty, ComplexBody { re, im }).value()
}

fn complex_pow(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    if b == (0.0, 0.0) {
        return (1.0, 0.0);
    }
    if a == (0.0, 0.0) {
        return (0.0, 0.0);
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    (len * phase.cos(), len * phase.sin())
}

/// Complex arithmetic (either operand complex; ints and floats promote).
pub fn complex_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    let (Some(x), Some(y)) = (complex_parts(a), complex_parts(b)) else {
        return Ok(None);
    };
    let (re, im) = match op {
        BinOp::Add => (x.0 + y.0, x.1 + y.1),
        BinOp::Sub => (x.0 - y.0, x.1 - y.1),
        BinOp::Mul => (x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
        BinOp::TrueDiv => {
            if y == (0.0, 0.0) {
                return Err(vm.zero_division_error("division by zero"));
            }
            complex_div(x, y)
        }
        BinOp::Pow => {
            if x == (0.0, 0.0) && (y.1 != 0.0 || y.0 < 0.0) {
                return Err(vm.zero_division_error("zero to a negative or complex power"));
            }
            complex_pow(x, y)
        }
        _ => return Ok(None),
    };
    Ok(Some(new_complex(vm, re, im)))
}

/// Smith's algorithm, as CPython's `_Py_c_quot`.
fn complex_div(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        ((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom)
    } else {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        ((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom)
    }
}

/// `repr(complex)`: `(1+2j)`, `2j`, `(-0-1j)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let fmt = |x: f64| {
        let s = ops::repr::float_repr(x);
        s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", fmt(im));
    }
    let sign = if im.is_sign_negative() || im.is_nan() && im.is_sign_negative() { "-" } else { "+" };
    format!("({}{sign}{}j)", fmt(re), fmt(im.abs()))
}

/// `str(int)` for big ints, honouring `sys.set_int_max_str_digits`.
pub fn int_to_decimal(vm: &mut Vm, v: Value) -> PyResult<String> {
    let Some(i) = int_of(v) else {
        return Ok(String::new());
    };
    let b = big(&i);
    let limit = vm.interp.int_max_str_digits.load(std::sync::atomic::Ordering::Relaxed);
    // A quick bound on the digit count from the bit length.
    if limit > 0 && (b.bits() as f64) * std::f64::consts::LOG10_2 > limit as f64 + 1.0 {
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let s = b.to_string();
    let digits = s.trim_start_matches('-').len();
    if limit > 0 && digits > limit {
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    Ok(s)
}

// ---- constructors and methods ------------------------------------------------------------

/// Allocates an instance of a user subclass of a builtin carrying `payload`.
pub fn wrap_payload(vm: &mut Vm, cls: Gc<TypeBody>, payload: Value) -> Value {
    crate::builtins::object::new_instance(vm, cls, payload)
}

fn int_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    args.only_kwargs(vm, "int", &["base"])?;
    let base = args.kwarg("base").or_else(|| pos.get(2).copied());
    let x = pos.get(1).copied().or(if base.is_some() { None } else { Some(Value::small_int(0)) });
    if pos.len() > 3 {
        return Err(vm.type_error(format!("int() takes at most 2 arguments ({} given)", pos.len() - 1)));
    }
    let Some(x) = x else {
        return Err(vm.type_error("int() missing string argument"));
    };
    let r = int_from(vm, x, base)?;
    if cls == vm.rt.types.int {
        return Ok(r);
    }
    Ok(wrap_payload(vm, cls, r))
}

/// `int(x)` / `int(x, base)`.
pub fn int_from(vm: &mut Vm, x: Value, base: Option<Value>) -> PyResult<Value> {
    if let Some(base) = base {
        let b = ops::convert::index_i64(vm, base)?;
        let text = if let Some(s) = ops::str_of(x) {
            s.to_owned()
        } else if let Some(bytes) = crate::builtins::str::bytes_data(x) {
            String::from_utf8_lossy(&bytes).into_owned()
        } else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        return parse_int(vm, &text, b, x);
    }
    if let Some(i) = int_of(x) {
        return Ok(match i {
            IntRef::Small(i) => vm.new_int(i),
            IntRef::Big(b) => {
                let b = b.clone();
                vm.new_bigint(b)
            }
        });
    }
    if let Some(f) = float_of(x) {
        return match ops::convert::f64_to_bigint(f) {
            Some(b) => Ok(vm.new_bigint(b)),
            None if f.is_nan() => Err(vm.value_error("cannot convert float NaN to integer")),
            None => Err(vm.overflow_error("cannot convert float infinity to integer")),
        };
    }
    if let Some(s) = ops::str_of(x) {
        let s = s.to_owned();
        return parse_int(vm, &s, 10, x);
    }
    if let Some(bytes) = crate::builtins::str::bytes_data(x) {
        let s = String::from_utf8_lossy(&bytes).into_owned();
        return parse_int(vm, &s, 10, x);
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(r) = ops::call::call_special(vm, x, name, &[])? {
            if int_of(r).is_none() {
                let tn = ops::type_name(vm, r);
                return Err(vm.type_error(format!("{name} returned non-int (type {tn})")));
            }
            return int_from(vm, r, None);
        }
    }
    let tn = ops::type_name(vm, x);
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
    )))
}

/// Parses an int literal as `int(text, base)` does.
pub fn parse_int(vm: &mut Vm, text: &str, base: i64, original: Value) -> PyResult<Value> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = |vm: &mut Vm| -> crate::errors::PyErr {
        let r = ops::repr::repr_string(vm, original).unwrap_or_default();
        vm.value_error(format!("invalid literal for int() with base {base}: {r}"))
    };
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let (mut radix, mut digits) = (base as u32, lower.as_str());
    for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if (base == 0 || base == r as i64) && digits.starts_with(prefix) {
            radix = r;
            digits = &digits[2..];
            digits = digits.strip_prefix('_').unwrap_or(digits);
            break;
        }
    }
    if radix == 0 {
        radix = 10;
        if digits.len() > 1 && digits.starts_with('0') && digits.trim_start_matches(['0', '_']).chars().next().is_some() {
            return Err(invalid(vm));
        }
    }
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return Err(invalid(vm));
    }
    let clean: String = digits.chars().filter(|&c| c != '_').map(|c| c.to_digit(10).map_or(c, |d| char::from_digit(d, 10).unwrap_or(c))).collect();
    let clean: String = clean.chars().map(|c| if let Some(d) = unicode_decimal(c) { char::from(b'0' + d) } else { c }).collect();
    let limit = vm.interp.int_max_str_digits.load(std::sync::atomic::Ordering::Relaxed);
    if radix == 10 && limit > 0 && clean.len() > limit {
        return Err(vm.value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            clean.len()
        )));
    }
    match BigInt::parse_bytes(clean.as_bytes(), radix) {
        Some(b) => Ok(vm.new_bigint(if neg { -b } else { b })),
        None => Err(invalid(vm)),
    }
}

/// The value of a Unicode decimal digit outside ASCII (Nd), if `c` is one.
fn unicode_decimal(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8 - b'0');
    }
    // Decimal digit blocks are runs of ten starting at a code point ending in 0 or 6.
    const ZEROS: &[u32] = &[0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10];
    let cp = c as u32;
    ZEROS.iter().find(|&&z| (z..z + 10).contains(&cp)).map(|&z| (cp - z) as u8)
}

fn self_int<'a>(vm: &mut Vm, args: &'a Args, name: &str) -> PyResult<BigInt> {
    let v = args.pos().first().copied().unwrap_or(Value::NONE);
    match int_of(v) {
        Some(i) => Ok(big(&i)),
        None => Err(vm.type_error(format!("descriptor '{name}' requires an 'int' object"))),
    }
}

fn int_bit_length(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "bit_length")?;
    Ok(vm.new_int(b.bits() as i64))
}

fn int_bit_count(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "bit_count")?;
    let n: u64 = b.magnitude().iter_u64_digits().map(|d| d.count_ones() as u64).sum();
    Ok(vm.new_int(n as i64))
}

fn int_index(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__index__")?;
    Ok(vm.new_bigint(b))
}

fn int_float(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__float__")?;
    let f = int_to_f64(vm, &IntRef::Big(&b))?;
    Ok(Value::from_f64(f))
}

fn int_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__abs__")?;
    Ok(vm.new_bigint(b.abs()))
}

fn int_conjugate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "conjugate")?;
    Ok(vm.new_bigint(b))
}

fn int_as_integer_ratio(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "as_integer_ratio")?;
    let n = vm.new_bigint(b);
    Ok(vm.new_tuple(vec![n, Value::small_int(1)]))
}

fn int_is_integer(_vm: &mut Vm, _args: &Args) -> PyResult<Value> {
    Ok(Value::TRUE)
}

fn int_round(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "__round__")?;
    let nd = args.pos().get(1).copied().filter(|v| !v.is_none());
    let Some(nd) = nd else {
        return Ok(vm.new_bigint(b));
    };
    let nd = ops::convert::index_bigint(vm, nd)?;
    if !nd.is_negative() {
        return Ok(vm.new_bigint(b));
    }
    let Some(e) = (-nd).to_u32() else {
        return Ok(Value::small_int(0));
    };
    let p = Pow::pow(BigInt::from(10), e);
    let (q, r) = b.div_mod_floor(&p);
    let twice = &r * 2;
    let q = if twice > p || (twice == p && q.is_odd()) { q + 1 } else { q };
    Ok(vm.new_bigint(q * p))
}

fn int_to_bytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let b = self_int(vm, args, "to_bytes")?;
    args.only_kwargs(vm, "to_bytes", &["length", "byteorder", "signed"])?;
    let length = match args.pos().get(1).copied().or(args.kwarg("length")) {
        Some(l) => ops::convert::index_i64(vm, l)?,
        None => 1,
    };
    let order = args.pos().get(2).copied().or(args.kwarg("byteorder"));
    let order = match order.and_then(ops::str_of) {
        None | Some("big") => "big",
        Some("little") => "little",
        Some(_) => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    };
    let signed = match args.kwarg("signed") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    if !signed && b.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed { b.to_signed_bytes_le() } else { b.to_bytes_le().1 };
    if b.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length as usize {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && b.is_negative() { 0xFF } else { 0 };
    bytes.resize(length as usize, fill);
    if order == "big" {
        bytes.reverse();
    }
    Ok(crate::builtins::str::new_bytes(vm, bytes))
}

fn int_from_bytes(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "from_bytes", &["bytes", "byteorder", "signed"])?;
    let data = args.pos().get(1).copied().or(args.kwarg("bytes")).unwrap_or(Value::NONE);
    let Some(mut bytes) = crate::builtins::str::bytes_like(vm, data)? else {
        let tn = ops::type_name(vm, data);
        return Err(vm.type_error(format!("cannot convert '{tn}' object to bytes")));
    };
    let order = args.pos().get(2).copied().or(args.kwarg("byteorder"));
    match order.and_then(ops::str_of) {
        None | Some("big") => bytes.reverse(),
        Some("little") => {}
        Some(_) => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
    let signed = match args.kwarg("signed") {
        Some(s) => ops::truthy(vm, s)?,
        None => false,
    };
    let b = if signed { BigInt::from_signed_bytes_le(&bytes) } else { BigInt::from_bytes_le(Sign::Plus, &bytes) };
    let r = vm.new_bigint(b);
    let cls = args.pos()[0];
    if cls != vm.rt.types.int.value() {
        return ops::call::call(vm, cls, &[r]);
    }
    Ok(r)
}

pub const INT_METHODS: &[MethodDef] = &[
    staticmethod("__new__", int_new),
    method("bit_length", int_bit_length),
    method("bit_count", int_bit_count),
    method("__index__", int_index),
    method("__int__", int_index),
    method("__float__", int_float),
    method("__abs__", int_abs),
    method("__pos__", int_index),
    method("__trunc__", int_index),
    method("__floor__", int_index),
    method("__ceil__", int_index),
    method("__round__", int_round),
    method("conjugate", int_conjugate),
    method("as_integer_ratio", int_as_integer_ratio),
    method("is_integer", int_is_integer),
    method("to_bytes", int_to_bytes),
    classmethod("from_bytes", int_from_bytes),
];

fn bool_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "bool")?;
    match args.pos() {
        [_] => Ok(Value::FALSE),
        [_, x] => ops::truthy(vm, *x).map(Value::from_bool),
        other => Err(vm.type_error(format!("bool expected at most 1 argument, got {}", other.len() - 1))),
    }
}

pub const BOOL_METHODS: &[MethodDef] = &[staticmethod("__new__", bool_new)];

fn float_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.no_kwargs(vm, "float")?;
    let pos = args.pos();
    let cls = Gc::<TypeBody>::from_value(pos[0]).expect("cls");
    if pos.len() > 2 {
        return Err(vm.type_error(format!("float expected at most 1 argument, got {}", pos.len() - 1)));
    }
    let r = match pos.get(1) {
        None => Value::from_f64(0.0),
        Some(&x) => float_from(vm, x)?,
    };
    if cls == vm.rt.types.float {
        return Ok(r);
    }
    Ok(wrap_payload(vm, cls, r))
}

/// `float(x)`.
pub fn float_from(vm: &mut Vm, x: Value) -> PyResult<Value> {
    if let Some(f) = float_of(x) {
        return Ok(Value::from_f64(f));
    }
    if let Some(i) = int_of(x) {
        return int_to_f64(vm, &i).map(Value::from_f64);
    }
    if let Some(s) = ops::str_of(x) {
        let s = s.to_owned();
        return match parse_float(&s) {
            // Each parsed NaN is a distinct object, as in CPython (see `Value::fresh_nan`).
            Some(f) if f.is_nan() && f.is_sign_positive() => Ok(Value::fresh_nan()),
            Some(f) => Ok(Value::from_f64(f)),
            None => {
                let r = ops::repr::repr_string(vm, x)?;
                Err(vm.value_error(format!("could not convert string to float: {r}")))
            }
        };
    }
    for name in ["__float__", "__index__"] {
        if let Some(r) = ops::call::call_special(vm, x, name, &[])? {
            if name == "__index__" {
                return float_from(vm, r);
            }
            if float_of(r).is_none() {
                let tn = ops::type_name(vm, r);
                return Err(vm.type_error(format!("{}.__float__ returned non-float (type {tn})", ops::type_name(vm, x))));
            }
            return Ok(Value::from_f64(float_of(r).unwrap_or(0.0)));
        }
    }
    let tn = ops::type_name(vm, x);
    Err(vm.type_error(format!("float() argument must be a string or a real number, not '{tn}'")))
}

/// Parses `float()` text: whitespace around, underscores between digits, inf/nan.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let (sign, body) = match lower.as_bytes().first() {
        Some(b'-') => (-1.0, &lower[1..]),
        Some(b'+') => (1.0, &lower[1..]),
        _ => (1.0, lower.as_str()),
    };
    match body {
        "inf" | "infinity" => return Some(sign * f64::INFINITY),
        "nan" => return Some(f64::NAN.copysign(sign)),
        _ => {}
    }
    if body.is_empty() || !body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '+' | '-' | '_')) {
        return None;
    }
    let bytes = body.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let ok = i > 0 && i + 1 < bytes.len() && bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit();
            if !ok {
                return None;
            }
        }
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if !clean.chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    clean.parse::<f64>().ok().map(|f| sign * f)
}

fn self_float(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    match args.pos().first().and_then(|v| float_of(*v)) {
        Some(f) => Ok(f),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'float' object"))),
    }
}

fn float_is_integer(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "is_integer")?;
    Ok(Value::from_bool(f.is_finite() && f.fract() == 0.0))
}

fn float_int(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__int__")?;
    int_from(vm, Value::from_f64(f), None)
}

fn float_float(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    self_float(vm, args, "__float__").map(Value::from_f64)
}

fn float_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    self_float(vm, args, "__abs__").map(|f| Value::from_f64(f.abs()))
}

fn float_floor(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__floor__")?;
    int_from(vm, Value::from_f64(f.floor()), None)
}

fn float_ceil(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__ceil__")?;
    int_from(vm, Value::from_f64(f.ceil()), None)
}

fn float_round(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "__round__")?;
    let nd = args.pos().get(1).copied().filter(|v| !v.is_none());
    match nd {
        None => {
            let r = f.round_ties_even();
            int_from(vm, Value::from_f64(r), None)
        }
        Some(nd) => {
            let nd = ops::convert::index_i64(vm, nd)?;
            Ok(Value::from_f64(round_float(f, nd)))
        }
    }
}

/// `round(x, ndigits)` correctly rounded (half-even on the exact decimal value), using
/// Rust's exact float formatting as CPython uses dtoa.
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if nd > 330 {
        return x;
    }
    if nd < -330 {
        return 0.0f64.copysign(x);
    }
    if nd >= 0 {
        let s = format!("{:.*}", nd as usize, x);
        return s.parse().unwrap_or(x);
    }
    let p = 10f64.powi((-nd) as i32);
    let y = x / p;
    let r = y.round_ties_even();
    let z = r * p;
    if z.is_finite() { z } else { x }
}

fn float_as_integer_ratio(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let f = self_float(vm, args, "as_integer_ratio")?;
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (m, e) = crate::ops::hash::frexp(f);
    let mut mant = m;
    let mut exp = e;
    for _ in 0..300 {
        if mant.fract() == 0.0 {
            break;
        }
        mant *= 2.0;
        exp -= 1;
    }
    let mut num = BigInt::from(mant as i64);
    let mut den = BigInt::one();
    if exp > 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    let g = num.gcd(&den);
    let n = vm.new_bigint(num / &g);
    let d = vm.new_bigint(den / g);
    Ok(vm.new_tuple(vec![n, d]))
}

fn float_conjugate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    self_float(vm, args, "conjugate").map(Value::from_f64)
}

pub const FLOAT_METHODS: &[MethodDef] = &[
    staticmethod("__new__", float_new),
    method("is_integer", float_is_integer),
    method("__int__", float_int),
    method("__trunc__", float_int),
    method("__float__", float_float),
    method("__abs__", float_abs),
    method("__pos__", float_float),
    method("__floor__", float_floor),
    method("__ceil__", float_ceil),
    method("__round__", float_round),
    method("as_integer_ratio", float_as_integer_ratio),
    method("conjugate", float_conjugate),
];

fn complex_new(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    args.only_kwargs(vm, "complex", &["real", "imag"])?;
    let pos = args.pos();
    let real = pos.get(1).copied().or(args.kwarg("real"));
    let imag = pos.get(2).copied().or(args.kwarg("imag"));
    let (mut re, mut im) = (0.0, 0.0);
    if let Some(r) = real {
        if let Some(s) = ops::str_of(r) {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            let s = s.to_owned();
            return match parse_complex(&s) {
                Some((a, b)) => Ok(new_complex(vm, a, b)),
                None => Err(vm.value_error("complex() arg is a malformed string")),
            };
        }
        match complex_parts(r) {
            Some((a, b)) => {
                re = a;
                im = b;
            }
            None => {
                if let Some(c) = ops::call::call_special(vm, r, "__complex__", &[])? {
                    let (a, b) = complex_parts(c).unwrap_or((0.0, 0.0));
                    re = a;
                    im = b;
                } else {
                    let tn = ops::type_name(vm, r);
                    return Err(vm.type_error(format!(
                        "complex() first argument must be a string or a number, not '{tn}'"
                    )));
                }
            }
        }
    }
    if let Some(i) = imag {
        match complex_parts(i) {
            Some((a, b)) => {
                re -= b;
                im += a;
            }
            None => {
                let tn = ops::type_name(vm, i);
                return Err(vm.type_error(format!("complex() second argument must be a number, not '{tn}'")));
            }
        }
    }
    Ok(new_complex(vm, re, im))
}

fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let t = s.trim();
    let t = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')).unwrap_or(t).trim();
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts: the last sign not after 'e'.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (parse_float(&body[..i])?, &body[i..]),
            None => (0.0, body),
        };
        let im = match im {
            "" | "+" => 1.0,
            "-" => -1.0,
            x => parse_float(x)?,
        };
        return Some((re, im));
    }
    parse_float(t).map(|f| (f, 0.0))
}

fn complex_conjugate(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (re, im) = args.pos().first().and_then(|v| complex_parts(*v)).unwrap_or((0.0, 0.0));
    Ok(new_complex(vm, re, -im))
}

fn complex_abs(vm: &mut Vm, args: &Args) -> PyResult<Value> {
    let (re, im) = args.pos().first().and_then(|v| complex_parts(*v)).unwrap_or((0.0, 0.0));
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(Value::from_f64(r))
}

pub const COMPLEX_METHODS: &[MethodDef] = &[
    staticmethod("__new__", complex_new),
    method("conjugate", complex_conjugate),
    method("__abs__", complex_abs),
];

/// Whether `v` is a builtin number of any kind (for `abs()`, `round()`…).
pub fn is_number(v: Value) -> bool {
    int_of(v).is_some() || float_of(v).is_some() || kind_of(ops::unwrap_payload(v)) == Some(ObjKind::Complex)
}

/// The type of `v` is exactly `int` (not bool, not a subclass).
pub fn is_exact_int(vm: &Vm, v: Value) -> bool {
    v.is_small_int() || type_of(vm, v) == vm.rt.types.int
}
