//! Conversions between `int` and `float` and the operations that mix them exactly:
//! - int → float, correctly rounded (`PyLong_AsDouble`, Objects/longobject.c);
//! - float → int by truncation (`PyLong_FromDouble`);
//! - int / int true division, correctly rounded (`long_true_divide`);
//! - exact int/float comparison (`float_richcompare`, Objects/floatobject.c);
//! - `float.as_integer_ratio`, `float.is_integer`, `__floor__`, `__ceil__`, `__trunc__`.
//!
//! All correctly rounded results go through [`scaled_to_f64`], which rounds `m * 2**e`
//! (plus an optional sticky bit) half-to-even, subnormals included.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use super::{NumError, NumResult, ldexp};

/// Rounds `m * 2**e` to the nearest double, ties to even. `sticky` says the true value is a
/// little larger than `m * 2**e` (some nonzero bits were cut below `m`'s last bit), which
/// breaks ties upwards. Returns None when the result overflows the double range.
pub fn scaled_to_f64(m: &BigUint, e: i64, sticky: bool) -> Option<f64> {
    if m.is_zero() {
        return Some(0.0);
    }
    let nbits = i64::try_from(m.bits()).ok()?;
    // The binary exponent of the leading bit.
    let top = nbits.checked_add(e)?.checked_sub(1)?;
    if top > 1023 {
        return None;
    }
    if top < -1076 {
        // Below half the smallest subnormal: rounds to zero whatever the sticky bit says.
        return Some(0.0);
    }
    // Bits of precision available at this exponent: 53 for normals, fewer for subnormals.
    let precision = if top >= -1022 { 53 } else { 53 - (-1022 - top) };
    let drop = nbits - precision;
    let (kept, exp) = if drop <= 0 {
        (m.to_u64()?, e)
    } else {
        let drop_u = u64::try_from(drop).ok()?;
        let kept_big: BigUint = m >> drop_u;
        let mut kept = kept_big.to_u64()?;
        let rem: BigUint = m - (&kept_big << drop_u);
        let half = BigUint::from(1u8) << (drop_u - 1);
        let round_up = match rem.cmp(&half) {
            Ordering::Greater => true,
            Ordering::Equal => sticky || kept & 1 == 1,
            Ordering::Less => false,
        };
        if round_up {
            kept += 1;
        }
        (kept, e + drop)
    };
    // `kept` has at most 54 bits, so it converts exactly, and the scaling is exact.
    let value = ldexp(kept as f64, exp);
    if value.is_infinite() {
        None
    } else {
        Some(value)
    }
}

fn int_too_large() -> NumError {
    NumError::overflow("int too large to convert to float")
}

/// `float(value)`: correctly rounded, OverflowError past the double range.
pub fn int_to_f64(value: &BigInt) -> NumResult<f64> {
    if let Some(small) = value.to_i64().filter(|v| v.unsigned_abs() <= 1 << 53) {
        return Ok(small as f64);
    }
    let magnitude = scaled_to_f64(value.magnitude(), 0, false).ok_or_else(int_too_large)?;
    Ok(if value.is_negative() {
        -magnitude
    } else {
        magnitude
    })
}

/// `float(value)` for a machine integer (`as f64` already rounds half-to-even).
pub fn i64_to_f64(value: i64) -> f64 {
    value as f64
}

/// `int(x)`: truncation towards zero.
pub fn f64_to_int(x: f64) -> NumResult<BigInt> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    BigInt::from_f64(x.trunc()).ok_or_else(|| NumError::value("cannot convert float to integer"))
}

/// `int(x)` when it fits a machine integer (None for NaN, infinities and big values).
pub fn f64_to_i64(x: f64) -> Option<i64> {
    let t = x.trunc();
    // -2**63 is exact; 2**63 is the first value that does not fit.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        Some(t as i64)
    } else {
        None
    }
}

/// `math.floor(x)` / `float.__floor__`.
pub fn f64_floor(x: f64) -> NumResult<BigInt> {
    f64_to_int(x.floor())
}

/// `math.ceil(x)` / `float.__ceil__`.
pub fn f64_ceil(x: f64) -> NumResult<BigInt> {
    f64_to_int(x.ceil())
}

/// `float.is_integer()`.
pub fn f64_is_integer(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

/// `float.as_integer_ratio()`: the exact value as a reduced fraction with a positive
/// denominator that is a power of two.
pub fn f64_as_integer_ratio(x: f64) -> NumResult<(BigInt, BigInt)> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    let (mantissa, exponent) = decompose(x);
    if mantissa == 0 {
        return Ok((BigInt::zero(), BigInt::from(1)));
    }
    // Make the mantissa odd so the fraction is already reduced.
    let zeros = mantissa.trailing_zeros();
    let mantissa = mantissa >> zeros;
    let exponent = exponent + i64::from(zeros);
    let signed = BigInt::from(mantissa) * if x < 0.0 { -1 } else { 1 };
    if exponent >= 0 {
        Ok((signed << exponent.unsigned_abs(), BigInt::from(1)))
    } else {
        Ok((signed, BigInt::from(1) << exponent.unsigned_abs()))
    }
}

/// A finite double as `(mantissa, exponent)` with `|x| == mantissa * 2**exponent` and a
/// mantissa below 2**53.
pub fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let biased = i64::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    }
}

/// `a / b` for ints (`long_true_divide`): the correctly rounded quotient.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> NumResult<f64> {
    if b.is_zero() {
        return Err(NumError::division_by_zero());
    }
    let negative = a.is_negative() != b.is_negative();
    // Both operands exact as doubles: one IEEE division is correctly rounded.
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64())
        && x.unsigned_abs() <= 1 << 53
        && y.unsigned_abs() <= 1 << 53
    {
        return Ok(x as f64 / y as f64);
    }
    let (a_mag, b_mag) = (a.magnitude(), b.magnitude());
    let signed = |x: f64| if negative { -x } else { x };
    if a_mag.is_zero() {
        return Ok(signed(0.0));
    }
    let diff = i64::try_from(a_mag.bits()).unwrap_or(i64::MAX)
        - i64::try_from(b_mag.bits()).unwrap_or(i64::MAX);
    let too_large = || NumError::overflow("integer division result too large for a float");
    if diff > 1025 {
        return Err(too_large());
    }
    if diff < -1080 {
        return Ok(signed(0.0));
    }
    // Scale so the integer quotient has at least 55 bits: two more than the 53 kept, so that
    // the rounding sees a guard bit and the remainder acts as the sticky bit.
    let shift = 55 - diff;
    let (quotient, remainder) = if shift >= 0 {
        (a_mag << shift.unsigned_abs()).div_rem(b_mag)
    } else {
        a_mag.div_rem(&(b_mag << shift.unsigned_abs()))
    };
    let value = scaled_to_f64(&quotient, -shift, !remainder.is_zero()).ok_or_else(too_large)?;
    Ok(signed(value))
}

/// `a / b` for machine integers without touching `BigInt`, when both are exact as doubles
/// (None otherwise, and for a zero divisor: take the general path, which raises).
pub fn i64_true_divide(a: i64, b: i64) -> Option<f64> {
    if b != 0 && a.unsigned_abs() <= 1 << 53 && b.unsigned_abs() <= 1 << 53 {
        Some(a as f64 / b as f64)
    } else {
        None
    }
}

/// Exact comparison of an int with a float (`float_richcompare`): None when `f` is NaN,
/// so every ordering operator is false and `!=` is true.
pub fn compare_int_f64(i: &BigInt, f: f64) -> Option<Ordering> {
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
    if let Some(small) = i.to_i64() {
        return compare_i64_f64(small, f);
    }
    let floor = f.floor();
    let floor_int = BigInt::from_f64(floor)?;
    Some(match i.cmp(&floor_int) {
        Ordering::Equal if floor != f => Ordering::Less,
        other => other,
    })
}

/// [`compare_int_f64`] for a machine integer.
pub fn compare_i64_f64(i: i64, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if i.unsigned_abs() <= 1 << 53 {
        return (i as f64).partial_cmp(&f);
    }
    if f >= 9_223_372_036_854_775_808.0 {
        return Some(Ordering::Less);
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Some(Ordering::Greater);
    }
    let floor = f.floor();
    // In range, so the conversion is exact.
    let floor_int = floor as i64;
    Some(match i.cmp(&floor_int) {
        Ordering::Equal if floor != f => Ordering::Less,
        other => other,
    })
}

/// The sign of a `BigInt` as -1, 0 or 1.
pub fn sign_of(value: &BigInt) -> i32 {
    match value.sign() {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

#[cfg(test)]
#[path = "int_float_tests.rs"]
mod tests;
