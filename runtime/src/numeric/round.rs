//! `round()` for floats and ints: `float.__round__` with CPython's `double_round`
//! (Objects/floatobject.c) and `int.__round__` (`_PyLong_Round`, Objects/longobject.c).
//!
//! CPython rounds a float to `ndigits` decimals by converting it to a correctly rounded
//! decimal string (dtoa mode 3, ties to even on the exact binary value) and back. Here the
//! exact value `m * 2**e` is scaled by `10**ndigits` in big integers, rounded half to even,
//! and the decimal result is parsed back by Rust's correctly rounded parser: the same
//! answer, computed without a dtoa port.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use super::int_float::{decompose, f64_to_int};
use super::{NumError, NumResult};

/// `round(x)` with no `ndigits`: the nearest int, ties to even.
pub fn round_f64_to_int(x: f64) -> NumResult<BigInt> {
    let mut rounded = x.round();
    if (x - rounded).abs() == 0.5 {
        rounded = 2.0 * (x / 2.0).round();
    }
    f64_to_int(rounded)
}

/// `round(x)` when the result fits a machine integer (None otherwise: take the general
/// path).
pub fn round_f64_to_i64(x: f64) -> Option<i64> {
    super::int_float::f64_to_i64(x.round_ties_even()).filter(|_| x.is_finite())
}

/// Beyond this many decimals every double rounds to itself (`NDIGITS_MAX`).
const NDIGITS_MAX: i64 = 323;
/// Below this many decimals every double rounds to a signed zero (`NDIGITS_MIN`).
const NDIGITS_MIN: i64 = -308;

/// `round(x, ndigits)` for a float; `ndigits` is already clipped to the `i64` range by the
/// caller (CPython clips to `Py_ssize_t`).
pub fn round_f64(x: f64, ndigits: i64) -> NumResult<f64> {
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let (mantissa, exp2) = decompose(x);
    if mantissa == 0 {
        return Ok(x);
    }
    // |x| * 10**ndigits == mantissa * 2**exp2 * 10**ndigits as a fraction num / den.
    let mut num = BigInt::from(mantissa);
    let mut den = BigInt::from(1);
    if exp2 >= 0 {
        num <<= exp2.unsigned_abs();
    } else {
        den <<= exp2.unsigned_abs();
    }
    let scale = num_traits::pow::Pow::pow(&BigInt::from(10), ndigits.unsigned_abs());
    if ndigits >= 0 {
        num *= scale;
    } else {
        den *= scale;
    }
    let (mut q, r) = num.div_rem(&den);
    let twice = r << 1u8;
    if twice > den || (twice == den && q.is_odd()) {
        q += 1;
    }
    let text = format!("{}{}e{}", if x < 0.0 { "-" } else { "" }, q, -ndigits);
    let rounded: f64 = text
        .parse()
        .map_err(|_| NumError::value("could not round"))?;
    if rounded.is_infinite() {
        return Err(NumError::overflow("rounded value too large to represent"));
    }
    if q.is_zero() {
        // A rounded-away value keeps the sign of x: round(-0.4, 0) is -0.0.
        return Ok(0.0f64.copysign(x));
    }
    Ok(rounded)
}

/// `round(value, ndigits)` for an int: unchanged for `ndigits >= 0`, otherwise rounded to a
/// multiple of `10**-ndigits`, ties to even.
///
/// Deliberate difference: CPython computes `10**-ndigits` first, so `round(7, -10**20)`
/// never finishes there; here any `ndigits` past the value's size answers 0 at once.
pub fn round_int(value: &BigInt, ndigits: &BigInt) -> BigInt {
    if !ndigits.is_negative() {
        return value.clone();
    }
    let digits = ndigits.magnitude();
    // 10**n > 2 * |value| once n exceeds the bit length: everything rounds to 0.
    if *digits > num_bigint::BigUint::from(value.bits().saturating_add(1)) {
        return BigInt::zero();
    }
    let n = u32::try_from(digits).unwrap_or(u32::MAX);
    let pow = num_traits::pow::Pow::pow(&BigInt::from(10), n);
    let (mut q, r) = value.div_mod_floor(&pow);
    let twice: BigInt = r << 1u8;
    if twice > pow || (twice == pow && q.is_odd()) {
        q += 1;
    }
    q * pow
}

#[cfg(test)]
#[path = "round_tests.rs"]
mod tests;

#[cfg(test)]
mod hand_tests {
    use super::*;

    #[test]
    fn huge_negative_ndigits_round_to_zero() {
        let ndigits = -(BigInt::from(10).pow(20u32));
        assert_eq!(round_int(&BigInt::from(7), &ndigits), BigInt::zero());
        assert_eq!(round_f64(7.5, i64::MIN), Ok(0.0));
        assert_eq!(round_f64(-7.5, i64::MAX), Ok(-7.5));
    }
}
