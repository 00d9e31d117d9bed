//! The float functions of `math`: libm wrappers with CPython's error rules, rounding to
//! ints, `frexp`/`ldexp`/`modf`, `pow`, `fma`, `fmod`, `remainder`, `nextafter`, `ulp`,
//! `isclose` and the predicates.
//!
//! Ported from CPython 3.14 `Modules/mathmodule.c`: `math_1` (with the 3.14 per-function
//! domain messages of `FUNC1D`), `math_2`, `m_remainder`, `math_pow_impl`,
//! `math_fma_impl`, `math_ldexp_impl`, `math_nextafter_impl`, `math_ulp_impl` and
//! `math_isclose_impl`. Functions that CPython takes from the platform libm come from
//! Rust's `f64` methods (which call the system libm on Linux, as CPython does), except
//! `asinh`, `acosh` and `atanh`, whose `std` versions are Rust formulas rather than libm
//! calls: those come from the `libm` crate (the fdlibm algorithms glibc also uses).

use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive};

use super::{MathError, MathResult};

/// `math_1` of mathmodule.c: applies `func` and turns IEEE special results into Python
/// exceptions. A NaN from a non-NaN argument, or an infinity from a finite argument when
/// the function cannot overflow, is a domain error; an infinity from a finite argument
/// of a function that can overflow is `OverflowError("math range error")`.
fn math_1(x: f64, func: fn(f64) -> f64, can_overflow: bool, msg: Option<&str>) -> MathResult<f64> {
    let r = func(x);
    let domain = || match msg {
        Some(template) => MathError::domain_with(template, x),
        None => MathError::domain(),
    };
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            MathError::range()
        } else {
            domain()
        });
    }
    Ok(r)
}

/// `math_2` of mathmodule.c: a NaN from non-NaN arguments is a domain error, an infinity
/// from finite arguments is a range error.
fn math_2(x: f64, y: f64, func: fn(f64, f64) -> f64) -> MathResult<f64> {
    let r = func(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(MathError::range());
    }
    Ok(r)
}

// The 3.14 domain-error templates (the last argument of `FUNC1D`/`FUNC1AD`).
const MSG_UNIT_RANGE: &str = "expected a number in range from -1 up to 1, got %s";
const MSG_FINITE: &str = "expected a finite input, got %s";
const MSG_NONNEGATIVE: &str = "expected a nonnegative input, got %s";
const MSG_ACOSH: &str = "expected argument value not less than 1, got %s";
const MSG_ATANH: &str = "expected a number between -1 and 1, got %s";
const MSG_LOG1P: &str = "expected argument value > -1, got %s";

/// Declares a one-argument function wrapped by `math_1`.
macro_rules! func1 {
    ($(#[$doc:meta])* $name:ident, $func:expr, $can_overflow:expr, $msg:expr) => {
        $(#[$doc])*
        pub fn $name(x: f64) -> MathResult<f64> {
            math_1(x, $func, $can_overflow, $msg)
        }
    };
}

func1!(/** `math.acos`. */ acos, f64::acos, false, Some(MSG_UNIT_RANGE));
func1!(/** `math.acosh`. */ acosh, libm::acosh, false, Some(MSG_ACOSH));
func1!(/** `math.asin`. */ asin, f64::asin, false, Some(MSG_UNIT_RANGE));
func1!(/** `math.asinh`. */ asinh, libm::asinh, false, None);
func1!(/** `math.atan`. */ atan, f64::atan, false, None);
func1!(/** `math.atanh`. */ atanh, libm::atanh, false, Some(MSG_ATANH));
func1!(/** `math.cbrt`. */ cbrt, f64::cbrt, false, None);
func1!(/** `math.cos`. */ cos, f64::cos, false, Some(MSG_FINITE));
func1!(/** `math.cosh`. */ cosh, f64::cosh, true, None);
func1!(/** `math.exp`. */ exp, f64::exp, true, None);
func1!(/** `math.exp2`. */ exp2, f64::exp2, true, None);
func1!(/** `math.expm1`. */ expm1, f64::exp_m1, true, None);
func1!(/** `math.log1p` (`_Py_log1p` keeps the sign of a zero). */
    log1p, |x| if x == 0.0 { x } else { x.ln_1p() }, false, Some(MSG_LOG1P));
func1!(/** `math.sin`. */ sin, f64::sin, false, Some(MSG_FINITE));
func1!(/** `math.sinh`. */ sinh, f64::sinh, true, None);
func1!(/** `math.sqrt`. */ sqrt, f64::sqrt, false, Some(MSG_NONNEGATIVE));
func1!(/** `math.tan`. */ tan, f64::tan, false, Some(MSG_FINITE));
func1!(/** `math.tanh`. */ tanh, f64::tanh, false, None);

/// `math.fabs`.
pub fn fabs(x: f64) -> f64 {
    x.abs()
}

/// `math.atan2(y, x)`.
pub fn atan2(y: f64, x: f64) -> MathResult<f64> {
    math_2(y, x, f64::atan2)
}

/// `math.copysign(x, y)`.
pub fn copysign(x: f64, y: f64) -> MathResult<f64> {
    math_2(x, y, f64::copysign)
}

/// `math.remainder(x, y)`: IEEE 754 remainder, always exact.
pub fn remainder(x: f64, y: f64) -> MathResult<f64> {
    math_2(x, y, ieee_remainder)
}

/// `m_remainder` of mathmodule.c: `x - n*y` with `n` the integer nearest `x/y`, ties to
/// even. Comparing `m` with `absy - m` rather than with `0.5*absy` avoids the rounding
/// that halving a subnormal `absy` could introduce.
fn ieee_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Exactly halfway: pick the even multiple; every step here is exact.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

/// `math.fmod(x, y)`, the C `fmod` (the result has the sign of `x`).
pub fn fmod(x: f64, y: f64) -> MathResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(MathError::domain());
    }
    Ok(r)
}

/// `math.pow(x, y)`, with C99 Annex F special values handled directly as CPython does.
pub fn pow(x: f64, y: f64) -> MathResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if (y > 0.0 && x.abs() > 1.0) || (y < 0.0 && x.abs() < 1.0) {
            f64::INFINITY
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        // Only (-ve)**(finite non-integer) gets here.
        return Err(MathError::domain());
    }
    if r.is_infinite() {
        // 0.0**negative is a divide-by-zero (domain) error, anything else overflowed.
        return Err(if x == 0.0 {
            MathError::domain()
        } else {
            MathError::range()
        });
    }
    Ok(r)
}

/// `math.fma(x, y, z)`: `x*y + z` with a single rounding (new in 3.13).
pub fn fma(x: f64, y: f64, z: f64) -> MathResult<f64> {
    let r = x.mul_add(y, z);
    if r.is_finite() {
        return Ok(r);
    }
    if r.is_nan() {
        if !x.is_nan() && !y.is_nan() && !z.is_nan() {
            return Err(MathError::value("invalid operation in fma"));
        }
    } else if x.is_finite() && y.is_finite() && z.is_finite() {
        return Err(MathError::overflow("overflow in fma"));
    }
    Ok(r)
}

/// `int(x)` for an integral-valued float (`PyLong_FromDouble`), with its errors for
/// infinities and NaNs.
pub fn float_to_int(x: f64) -> MathResult<BigInt> {
    if x.is_nan() {
        return Err(MathError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(MathError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    // Finite floats always convert (truncating any fraction).
    BigInt::from_f64(x)
        .ok_or_else(|| MathError::overflow("cannot convert float infinity to integer"))
}

/// `math.ceil` of a float.
pub fn ceil(x: f64) -> MathResult<BigInt> {
    float_to_int(x.ceil())
}

/// `math.floor` of a float.
pub fn floor(x: f64) -> MathResult<BigInt> {
    float_to_int(x.floor())
}

/// `math.trunc` of a float (`float.__trunc__`).
pub fn trunc(x: f64) -> MathResult<BigInt> {
    float_to_int(x.trunc())
}

/// `math.frexp(x)`: `(m, e)` with `x == m * 2**e` and `0.5 <= abs(m) < 1`, or `(x, 0)`
/// for zeros, infinities and NaNs.
pub fn frexp(x: f64) -> (f64, i32) {
    if x.is_nan() || x.is_infinite() || x == 0.0 {
        return (x, 0);
    }
    libm::frexp(x)
}

/// `math.ldexp(x, i)`: `x * 2**i`. Exponents beyond `i64` are clamped, as CPython
/// clamps them to `LONG_MIN`/`LONG_MAX`.
pub fn ldexp(x: f64, i: &BigInt) -> MathResult<f64> {
    let exp = i
        .to_i64()
        .unwrap_or(if i.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        });
    ldexp_i64(x, exp)
}

/// [`ldexp`] with an exponent that fits in an `i64`.
pub fn ldexp_i64(x: f64, exp: i64) -> MathResult<f64> {
    if x == 0.0 || !x.is_finite() {
        return Ok(x);
    }
    let r = match i32::try_from(exp) {
        Ok(e) => libm::scalbn(x, e),
        Err(_) if exp > 0 => f64::INFINITY.copysign(x),
        Err(_) => 0.0f64.copysign(x),
    };
    if r.is_infinite() {
        return Err(MathError::range());
    }
    Ok(r)
}

/// `math.modf(x)`: `(fractional part, integer part)`, both with the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    if x.is_nan() {
        return (x, x);
    }
    libm::modf(x)
}

/// `math.degrees`.
pub fn degrees(x: f64) -> f64 {
    x * (180.0 / std::f64::consts::PI)
}

/// `math.radians`.
pub fn radians(x: f64) -> f64 {
    x * (std::f64::consts::PI / 180.0)
}

/// `math.isfinite`.
pub fn isfinite(x: f64) -> bool {
    x.is_finite()
}

/// `math.isinf`.
pub fn isinf(x: f64) -> bool {
    x.is_infinite()
}

/// `math.isnan`.
pub fn isnan(x: f64) -> bool {
    x.is_nan()
}

/// `math.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`: Boost's "weak" test.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> MathResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(MathError::value("tolerances must be non-negative"));
    }
    if a == b {
        // Catches two infinities of the same sign.
        return Ok(true);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(false);
    }
    let diff = (b - a).abs();
    Ok(diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol)
}

/// The default `rel_tol` of [`isclose`].
pub const ISCLOSE_DEFAULT_REL_TOL: f64 = 1e-09;

/// `math.nextafter(x, y, steps=None)`. `steps` beyond `u64` saturate, which already
/// reaches `y` from anywhere.
pub fn nextafter(x: f64, y: f64, steps: Option<&BigInt>) -> MathResult<f64> {
    let steps = match steps {
        // CPython's fast path: one libm step, which at a zero of the other sign returns
        // the next float rather than `y` itself as the stepping loop would.
        None => return Ok(libm::nextafter(x, y)),
        Some(s) if s.sign() == num_bigint::Sign::Minus => {
            return Err(MathError::value("steps must be a non-negative integer"));
        }
        Some(s) => s.to_u64().unwrap_or(u64::MAX),
    };
    Ok(nextafter_steps(x, y, steps))
}

/// `math_nextafter_impl`: moves `steps` representable floats from `x` towards `y`,
/// working on the bit patterns (consecutive floats of one sign have consecutive bits).
fn nextafter_steps(x: f64, y: f64, steps: u64) -> f64 {
    if steps == 0 || x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    let (ux, uy) = (x.to_bits(), y.to_bits());
    if ux == uy {
        return x;
    }
    const SIGN: u64 = 1 << 63;
    let ax = ux & !SIGN;
    let ay = uy & !SIGN;
    if (ux ^ uy) & SIGN != 0 {
        // Opposite signs: go down to zero on x's side, then up on y's side. Neither
        // magnitude has its top bit set, so the sum cannot overflow.
        if ax + ay <= steps {
            y
        } else if ax < steps {
            f64::from_bits((uy & SIGN) | (steps - ax))
        } else {
            f64::from_bits(ux - steps)
        }
    } else if ax > ay {
        if ax - ay >= steps {
            f64::from_bits(ux - steps)
        } else {
            y
        }
    } else if ay - ax >= steps {
        f64::from_bits(ux + steps)
    } else {
        y
    }
}

/// `math.ulp(x)`: the value of the least significant bit of `x`.
pub fn ulp(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    let x = x.abs();
    if x.is_infinite() {
        return x;
    }
    let up = nextafter_steps(x, f64::INFINITY, 1);
    if up.is_infinite() {
        // x is the largest finite float.
        return x - nextafter_steps(x, f64::NEG_INFINITY, 1);
    }
    up - x
}

#[cfg(test)]
#[path = "float_fns_tests.rs"]
mod tests;
