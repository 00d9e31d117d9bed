//! `math.log`, `math.log2` and `math.log10` for floats and for ints of any size.
//!
//! Ported from CPython 3.14 `Modules/mathmodule.c`: `loghelper`, `loghelper_int` and
//! `math_log`. An int too large for a float is split by [`int_frexp`] into `m * 2**e`,
//! and its logarithm is `log(m) + log(2)*e`, rounded after the product and after the sum
//! as CPython's `func(x) + func(2.0) * e` is on x86-64 (no FMA contraction).

use num_bigint::{BigInt, Sign};

use super::int_float::{int_frexp, int_to_f64};
use super::{MathError, MathResult};

/// An argument of the logarithms: CPython treats ints separately so that huge ints work.
#[derive(Clone, Copy, Debug)]
pub enum LogArg<'a> {
    /// A float (or anything converted with `__float__`).
    Float(f64),
    /// An int (an exact `int`, a `bool`, or the `__index__` of an object whose float
    /// conversion overflowed).
    Int(&'a BigInt),
}

/// 3.14's message for a float argument outside the domain of a logarithm.
const MSG_POSITIVE_GOT: &str = "expected a positive input, got %s";

/// `loghelper`: the logarithm `func` (natural, base 2 or base 10) of one argument.
fn loghelper(x: LogArg<'_>, func: fn(f64) -> f64) -> MathResult<f64> {
    match x {
        LogArg::Int(n) => {
            if n.sign() != Sign::Plus {
                return Err(MathError::value("expected a positive input"));
            }
            match int_to_f64(n) {
                Ok(f) => Ok(func(f)),
                Err(_) => {
                    let (m, e) = int_frexp(n);
                    // e < 2**64, so it converts to a float without overflow.
                    Ok(func(m) + func(2.0) * e as f64)
                }
            }
        }
        LogArg::Float(f) => {
            let r = func(f);
            // math_1 with can_overflow = 0: log(0.0) = -inf is a domain error too.
            if (r.is_nan() && !f.is_nan()) || (r.is_infinite() && f.is_finite()) {
                return Err(MathError::domain_with(MSG_POSITIVE_GOT, f));
            }
            Ok(r)
        }
    }
}

/// `math.log(x[, base])`. A base whose logarithm is zero (`base == 1`) raises
/// `ZeroDivisionError("division by zero")`, the 3.14 text of float division.
pub fn log(x: LogArg<'_>, base: Option<LogArg<'_>>) -> MathResult<f64> {
    let num = loghelper(x, f64::ln)?;
    let Some(base) = base else {
        return Ok(num);
    };
    let den = loghelper(base, f64::ln)?;
    if den == 0.0 {
        return Err(MathError::zero_division("division by zero"));
    }
    Ok(num / den)
}

/// `math.log2(x)`.
pub fn log2(x: LogArg<'_>) -> MathResult<f64> {
    loghelper(x, f64::log2)
}

/// `math.log10(x)`.
pub fn log10(x: LogArg<'_>) -> MathResult<f64> {
    loghelper(x, f64::log10)
}

#[cfg(test)]
#[path = "logs_tests.rs"]
mod tests;
