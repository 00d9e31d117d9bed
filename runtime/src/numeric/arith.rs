//! Python's arithmetic rules for `int` and `float` that differ from Rust's: floor division
//! and modulo with the sign of the divisor, `divmod`, `**` (int, modular and float), and
//! shifts (Objects/longobject.c `l_divmod`, `long_pow`, `long_lshift`, `long_rshift`;
//! Objects/floatobject.c `float_rem`, `_float_div_mod`, `float_pow`).
//!
//! The `*_i64` functions are fast paths for the VM: they return None when the answer does
//! not fit an `i64` or when an error would be raised, and the caller then takes the
//! `BigInt` path, which computes the big result or returns the error.
//!
//! Bitwise `&`, `|`, `^` and `!` on negative `BigInt`s already follow two's complement
//! semantics in num-bigint, as Python's do; the tests pin that.

use num_bigint::{BigInt, BigUint};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::int_float::int_to_f64;
use super::{NumError, NumResult};

// ---- integers -------------------------------------------------------------------------

/// `a // b` for machine integers.
pub fn floor_div_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    // checked_div fails only for i64::MIN / -1.
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q.checked_sub(1)
    } else {
        Some(q)
    }
}

/// `a % b` for machine integers: the result has the sign of `b`.
pub fn mod_i64(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    // i64::MIN % -1 overflows in Rust, though the answer is 0.
    let r = a.checked_rem(b).unwrap_or(0);
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// `divmod(a, b)` for machine integers.
pub fn divmod_i64(a: i64, b: i64) -> Option<(i64, i64)> {
    Some((floor_div_i64(a, b)?, mod_i64(a, b)?))
}

/// `a ** b` for machine integers with `b >= 0`.
pub fn pow_i64(base: i64, exp: i64) -> Option<i64> {
    let exp = u32::try_from(exp).ok()?;
    base.checked_pow(exp)
}

/// `a << count` for machine integers.
pub fn shl_i64(a: i64, count: i64) -> Option<i64> {
    if count < 0 {
        return None;
    }
    if a == 0 {
        return Some(0);
    }
    let count = u32::try_from(count).ok().filter(|&c| c < 64)?;
    let shifted = a << count;
    (shifted >> count == a).then_some(shifted)
}

/// `a >> count` for machine integers (an arithmetic shift: rounds towards -infinity).
pub fn shr_i64(a: i64, count: i64) -> Option<i64> {
    if count < 0 {
        return None;
    }
    Some(a >> count.min(63))
}

/// `a // b`.
pub fn floor_div(a: &BigInt, b: &BigInt) -> NumResult<BigInt> {
    if b.is_zero() {
        return Err(NumError::division_by_zero());
    }
    Ok(a.div_floor(b))
}

/// `a % b`.
pub fn floor_mod(a: &BigInt, b: &BigInt) -> NumResult<BigInt> {
    if b.is_zero() {
        return Err(NumError::division_by_zero());
    }
    Ok(a.mod_floor(b))
}

/// `divmod(a, b)`.
pub fn divmod(a: &BigInt, b: &BigInt) -> NumResult<(BigInt, BigInt)> {
    if b.is_zero() {
        return Err(NumError::division_by_zero());
    }
    Ok(a.div_mod_floor(b))
}

/// The result of `int ** int`: an int, or a float when the exponent is negative.
#[derive(Debug, Clone, PartialEq)]
pub enum IntPow {
    Int(BigInt),
    Float(f64),
}

/// Results past this many bits are refused with MemoryError instead of being attempted.
const MAX_RESULT_BITS: u64 = 1 << 36;

/// `base ** exp` for ints. A negative exponent makes it a float power of the two operands
/// converted to float, as CPython does.
pub fn int_pow(base: &BigInt, exp: &BigInt) -> NumResult<IntPow> {
    if exp.is_negative() {
        let b = int_to_f64(base)?;
        let e = int_to_f64(exp)?;
        return match float_pow(b, e)? {
            FloatPow::Float(x) => Ok(IntPow::Float(x)),
            // An integral exponent never needs the complex result.
            FloatPow::Complex => Err(NumError::value("math domain error")),
        };
    }
    // Bases whose powers do not grow, for any exponent.
    if base.is_zero() {
        return Ok(IntPow::Int(if exp.is_zero() {
            BigInt::one()
        } else {
            BigInt::zero()
        }));
    }
    if base.is_one() {
        return Ok(IntPow::Int(BigInt::one()));
    }
    if *base == BigInt::from(-1) {
        let odd = exp.is_odd();
        return Ok(IntPow::Int(BigInt::from(if odd { -1 } else { 1 })));
    }
    let exp_u = exp.to_u64().ok_or_else(NumError::memory)?;
    let estimated_bits = base.bits().saturating_sub(1).max(1).saturating_mul(exp_u);
    if estimated_bits > MAX_RESULT_BITS {
        return Err(NumError::memory());
    }
    let exp_u32 = u32::try_from(exp_u).map_err(|_| NumError::memory())?;
    Ok(IntPow::Int(num_traits::pow::Pow::pow(base, exp_u32)))
}

/// `pow(base, exp, modulus)` for ints. The result has the sign of the modulus; a negative
/// exponent uses the modular inverse of the base.
pub fn int_pow_mod(base: &BigInt, exp: &BigInt, modulus: &BigInt) -> NumResult<BigInt> {
    if modulus.is_zero() {
        return Err(NumError::value("pow() 3rd argument cannot be 0"));
    }
    let m: BigInt = modulus.abs();
    if m.is_one() {
        return Ok(BigInt::zero());
    }
    let mut b = base.mod_floor(&m);
    if exp.is_negative() {
        b = mod_inverse(&b, &m)
            .ok_or_else(|| NumError::value("base is not invertible for the given modulus"))?;
    }
    let e: BigInt = exp.abs();
    let mut result = b.modpow(&e, &m);
    if modulus.is_negative() && !result.is_zero() {
        result -= &m;
    }
    Ok(result)
}

/// The inverse of `a` modulo `m` (`m > 1`, `0 <= a < m`), by the extended Euclidean
/// algorithm; None when `gcd(a, m) != 1`.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    old_r.is_one().then(|| old_s.mod_floor(m))
}

fn negative_shift() -> NumError {
    NumError::value("negative shift count")
}

/// `a << count`.
pub fn shl(a: &BigInt, count: &BigInt) -> NumResult<BigInt> {
    if count.is_negative() {
        return Err(negative_shift());
    }
    if a.is_zero() {
        return Ok(BigInt::zero());
    }
    let count = count.to_u64().ok_or_else(NumError::memory)?;
    if a.bits().saturating_add(count) > MAX_RESULT_BITS {
        return Err(NumError::memory());
    }
    Ok(a << count)
}

/// `a >> count`: rounds towards -infinity, so a negative number ends at -1.
pub fn shr(a: &BigInt, count: &BigInt) -> NumResult<BigInt> {
    if count.is_negative() {
        return Err(negative_shift());
    }
    match count.to_u64() {
        Some(c) if c < a.bits() => Ok(a >> c),
        _ => Ok(if a.is_negative() {
            BigInt::from(-1)
        } else {
            BigInt::zero()
        }),
    }
}

/// `~a`.
pub fn invert(a: &BigInt) -> BigInt {
    -a - 1
}

/// `abs(a)` magnitude as a `BigUint`.
pub fn magnitude(a: &BigInt) -> BigUint {
    a.magnitude().clone()
}

// ---- floats ---------------------------------------------------------------------------

/// `a % b` for floats (`float_rem`): the result has the sign of `b`, and a zero result is
/// a zero of `b`'s sign.
pub fn float_mod(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::division_by_zero());
    }
    let m = a % b;
    Ok(if m != 0.0 {
        if (b < 0.0) != (m < 0.0) { m + b } else { m }
    } else {
        0.0f64.copysign(b)
    })
}

/// `divmod(a, b)` for floats (`_float_div_mod`).
pub fn float_divmod(a: f64, b: f64) -> NumResult<(f64, f64)> {
    if b == 0.0 {
        return Err(NumError::division_by_zero());
    }
    let mut m = a % b;
    // fmod is exact, so a - m is an exact multiple of b in theory; the division may still
    // be a hair off an integer, which the snapping below repairs.
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(a / b)
    };
    Ok((floordiv, m))
}

/// `a // b` for floats.
pub fn float_floor_div(a: f64, b: f64) -> NumResult<f64> {
    Ok(float_divmod(a, b)?.0)
}

/// `a / b` for floats.
pub fn float_div(a: f64, b: f64) -> NumResult<f64> {
    if b == 0.0 {
        return Err(NumError::division_by_zero());
    }
    Ok(a / b)
}

/// The result of `float ** float`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FloatPow {
    Float(f64),
    /// A negative base with a non-integral exponent: the caller computes the complex power
    /// of `complex(base) ** complex(exp)` (see [`super::complex::complex_pow`]).
    Complex,
}

fn is_odd_integer(x: f64) -> bool {
    (x.abs() % 2.0) == 1.0
}

/// `base ** exp` for floats (`float_pow`), with CPython's special cases done before libm.
pub fn float_pow(base: f64, exp: f64) -> NumResult<FloatPow> {
    use FloatPow::Float;
    if exp == 0.0 {
        return Ok(Float(1.0));
    }
    if base.is_nan() {
        return Ok(Float(base));
    }
    if exp.is_nan() {
        return Ok(Float(if base == 1.0 { 1.0 } else { exp }));
    }
    if exp.is_infinite() {
        let magnitude = base.abs();
        return Ok(Float(if magnitude == 1.0 {
            1.0
        } else if (exp > 0.0) == (magnitude > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if base.is_infinite() {
        let odd = is_odd_integer(exp);
        return Ok(Float(if exp > 0.0 {
            if odd { base } else { base.abs() }
        } else if odd {
            0.0f64.copysign(base)
        } else {
            0.0
        }));
    }
    if base == 0.0 {
        if exp < 0.0 {
            return Err(NumError::new(
                super::ErrorKind::ZeroDivisionError,
                "zero to a negative power",
            ));
        }
        return Ok(Float(if is_odd_integer(exp) { base } else { 0.0 }));
    }
    let mut magnitude = base;
    let mut negate = false;
    if base < 0.0 {
        if exp != exp.floor() {
            return Ok(FloatPow::Complex);
        }
        magnitude = -base;
        negate = is_odd_integer(exp);
    }
    if magnitude == 1.0 {
        return Ok(Float(if negate { -1.0 } else { 1.0 }));
    }
    let result = magnitude.powf(exp);
    if result.is_infinite() {
        return Err(NumError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(Float(if negate { -result } else { result }))
}

#[cfg(test)]
#[path = "arith_tests.rs"]
mod tests;
