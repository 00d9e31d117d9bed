//! Ints as floats: `frexp` of an arbitrary-size int and the correctly rounded int→float
//! conversion built on it.
//!
//! Ported from CPython 3.14 `Objects/longobject.c`: `_PyLong_Frexp` and
//! `PyLong_AsDouble`. The logarithms of ints too large for a float (`math.log(10**400)`)
//! use the `(mantissa, exponent)` pair directly.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use super::{MathError, MathResult};

/// Bits kept before rounding: the 53 of a double plus a round bit and a sticky bit.
const KEPT_BITS: u64 = 55;

/// `_PyLong_Frexp`: `(m, e)` with `a ≈ m * 2**e`, `0.5 <= |m| < 1` and `m` correctly
/// rounded (half to even) to 53 bits; `(0.0, 0)` for zero. `e` cannot overflow: an int
/// has fewer than 2**64 bits.
pub fn int_frexp(a: &BigInt) -> (f64, u64) {
    let magnitude = a.magnitude();
    let nbits = magnitude.bits();
    if nbits == 0 {
        return (0.0, 0);
    }
    let mut kept = if nbits <= KEPT_BITS {
        (magnitude << (KEPT_BITS - nbits)).to_u64().unwrap_or(0)
    } else {
        let shift = nbits - KEPT_BITS;
        let top = (magnitude >> shift).to_u64().unwrap_or(0);
        // The sticky bit records whether anything nonzero was shifted out.
        let sticky = magnitude.trailing_zeros().is_some_and(|tz| tz < shift);
        top | u64::from(sticky)
    };
    // Round the two low bits away, half to even, indexed by (lsb, round, sticky).
    const HALF_EVEN_CORRECTION: [i64; 8] = [0, -1, -2, 1, 0, -1, 2, 1];
    let correction = HALF_EVEN_CORRECTION[(kept & 7) as usize];
    kept = kept.wrapping_add_signed(correction);
    // `kept` now has at most 53 significant bits (or is exactly 2**55), so this is exact.
    let mut m = kept as f64 / (1u64 << KEPT_BITS) as f64;
    let mut e = nbits;
    if m == 1.0 {
        // Rounding carried into a new bit.
        m = 0.5;
        e += 1;
    }
    if a.sign() == Sign::Minus {
        m = -m;
    }
    (m, e)
}

/// `float(a)` for an int (`PyLong_AsDouble`): correctly rounded, or
/// `OverflowError("int too large to convert to float")`.
pub fn int_to_f64(a: &BigInt) -> MathResult<f64> {
    let (m, e) = int_frexp(a);
    if e > 1024 {
        return Err(MathError::overflow("int too large to convert to float"));
    }
    // e <= 1024 fits in i32; m * 2**e is exact or overflows only when e == 1024 and the
    // rounding carried, which frexp already moved into e.
    let r = libm::scalbn(m, i32::try_from(e).unwrap_or(1025));
    if r.is_infinite() {
        return Err(MathError::overflow("int too large to convert to float"));
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mathfns::testutil::show;

    // Expectations: float(int(s)) / math.frexp in python3.
    const TO_FLOAT: &[(&str, &str)] = &[
        ("0", "0.0"),
        ("1", "1.0"),
        ("-7", "-7.0"),
        ("9007199254740993", "9007199254740992.0"),
        ("9007199254740995", "9007199254740996.0"),
        ("18014398509481989", "1.8014398509481988e+16"),
        ("18014398509481990", "1.801439850948199e+16"),
        ("36028797018963971", "3.602879701896397e+16"),
        ("-36028797018963973", "-3.6028797018963976e+16"),
        ("123456789012345678901234567890", "1.2345678901234568e+29"),
        (
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791",
            "1.7976931348623157e+308",
        ),
        (
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
            "OverflowError: int too large to convert to float",
        ),
        (
            "-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "OverflowError: int too large to convert to float",
        ),
    ];

    #[test]
    fn int_to_float_table() {
        for &(input, want) in TO_FLOAT {
            let n: BigInt = input.parse().expect("table int");
            assert_eq!(show(int_to_f64(&n)), want, "float({input})");
        }
    }

    #[test]
    fn frexp_of_huge_int() {
        // math.frexp is float-only; 10**400 = 0.8533668389533203 * 2**1329 by exact arithmetic.
        let n = BigInt::from(10).pow(400);
        assert_eq!(int_frexp(&n), (0.8533668389533203, 1329));
        assert_eq!(int_frexp(&BigInt::from(0)), (0.0, 0));
        assert_eq!(int_frexp(&BigInt::from(-1)), (-0.5, 1));
    }
}
