//! The special functions `gamma`, `lgamma`, `erf` and `erfc`.
//!
//! `gamma` and `lgamma` port CPython 3.14 `Modules/mathmodule.c` (`m_tgamma`,
//! `m_lgamma`, `lanczos_sum`, `m_sinpi`): a Lanczos approximation with N=13 and
//! g=6.024680040776729583740234375 written as a rational function, plus the reflection
//! formula for negative arguments, accurate to within about 10 ulps. CPython takes
//! `erf`/`erfc` from the platform libm; here they come from the `libm` crate, a port of
//! the same fdlibm code glibc uses.

use super::{MathError, MathResult};

/// `m_tgamma`/`m_lgamma` report errors through `errno`; these are the two values used.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Errno {
    /// `EDOM`: a pole or an argument outside the domain.
    Domain,
    /// `ERANGE`: the result overflowed.
    Range,
}

/// 3.14's message for `gamma`/`lgamma` at a pole (`FUNC1AD`'s last argument).
const MSG_POLE: &str = "expected a noninteger or positive integer, got %s";

/// `math_1a`: turns an errno-style result into the Python result. ERANGE with a small
/// result is an underflow, which Python ignores.
fn math_1a(x: f64, (r, errno): (f64, Option<Errno>)) -> MathResult<f64> {
    match errno {
        Some(Errno::Domain) => Err(MathError::domain_with(MSG_POLE, x)),
        Some(Errno::Range) if r.abs() >= 1.5 => Err(MathError::range()),
        _ => Ok(r),
    }
}

/// `math.gamma(x)`.
pub fn gamma(x: f64) -> MathResult<f64> {
    math_1a(x, tgamma(x))
}

/// `math.lgamma(x)`: the natural logarithm of `|gamma(x)|`.
pub fn lgamma(x: f64) -> MathResult<f64> {
    math_1a(x, lgamma_impl(x))
}

/// `math.erf(x)`.
pub fn erf(x: f64) -> f64 {
    libm::erf(x)
}

/// `math.erfc(x)`.
pub fn erfc(x: f64) -> f64 {
    libm::erfc(x)
}

const PI: f64 = std::f64::consts::PI;
/// `log(pi)`, as CPython writes it.
const LOG_PI: f64 = 1.144729885849400174143427351353058711647;

/// `sin(pi*x)`, accurate for all finite `x` and exact at integers; used by the reflection
/// formula, where `sin(PI*x)` would lose everything near large integers.
fn sin_pi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    // round() is C's round: half away from zero, as f64::round.
    let n = (2.0 * y).round();
    let r = if n == 0.0 {
        (PI * y).sin()
    } else if n == 1.0 {
        (PI * (y - 0.5)).cos()
    } else if n == 2.0 {
        // -sin(pi*(y-1.0)) would give -0.0 instead of 0.0 at y == 1.0.
        (PI * (1.0 - y)).sin()
    } else if n == 3.0 {
        -(PI * (y - 1.5)).cos()
    } else {
        (PI * (y - 2.0)).sin()
    };
    1.0f64.copysign(x) * r
}

#[expect(
    clippy::excessive_precision,
    reason = "the exact binary value, written out as CPython does"
)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[expect(
    clippy::excessive_precision,
    reason = "the exact binary value, written out as CPython does"
)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;

/// Numerator coefficients of the Lanczos sum as a rational function (from CPython, which
/// computed them with MPFR and checked them against Boost's).
#[expect(
    clippy::excessive_precision,
    reason = "the coefficients are written as CPython gives them"
)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];

/// Denominator coefficients: `x*(x+1)*...*(x+11)` expanded.
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// `gamma(n)` for the integers 1..=23, which are exact doubles.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

/// The Lanczos sum `L_g(x)` for positive `x`. For large `x` the rational function is
/// evaluated in `1/x` (numerator and denominator scaled by `x**-12`) to avoid overflow.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// `m_tgamma`: the gamma function with C99 Annex F special cases and an errno.
fn tgamma(x: f64) -> (f64, Option<Errno>) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, None);
        }
        return (f64::NAN, Some(Errno::Domain));
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Some(Errno::Domain));
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Some(Errno::Domain));
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            // x is an integer in 1..=23 here.
            return (GAMMA_INTEGRAL[x as usize - 1], None);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (r, r.is_infinite().then_some(Errno::Range));
    }
    if absx > 200.0 {
        // gamma overflows for x > 200 and underflows to +-0 for x < -200.
        if x < 0.0 {
            return (0.0 / sin_pi(x), None);
        }
        return (f64::INFINITY, Some(Errno::Range));
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, used for a first-order correction of pow(y, absx-0.5).
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let r = if x < 0.0 {
        let mut r = -PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            // Split the power so that the intermediate does not overflow.
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
        r
    } else {
        let mut r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
        r
    };
    (r, r.is_infinite().then_some(Errno::Range))
}

/// `m_lgamma`: `log(|gamma(x)|)` with an errno.
fn lgamma_impl(x: f64) -> (f64, Option<Errno>) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, None);
        }
        return (f64::INFINITY, None);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Some(Errno::Domain));
        }
        return (0.0, None);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), None);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        // Reflection formula.
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    (r, r.is_infinite().then_some(Errno::Range))
}

#[cfg(test)]
#[path = "special_tests.rs"]
mod tests;
