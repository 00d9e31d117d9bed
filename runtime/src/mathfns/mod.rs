//! The algorithms behind Python's `math` module, over plain `f64` and `BigInt`.
//!
//! This is a port of CPython 3.14's `Modules/mathmodule.c` with the object model taken
//! out: every function here takes already-converted arguments and returns either the
//! result or a [`MathError`] naming the exception type and its exact message. The
//! runtime's `math` module is then only argument conversion (`__float__`, `__index__`,
//! `__ceil__` and friends) around these functions.
//!
//! Layout, one concept per file:
//! - [`float_fns`]: the one- and two-argument libm wrappers (`math_1`, `math_2` in
//!   CPython), rounding to ints, `frexp`/`ldexp`/`modf`, `pow`, `fma`, `nextafter`, `ulp`,
//!   `isclose` and the predicates;
//! - [`int_float`]: `frexp` of a big int and the correctly rounded int→float conversion;
//! - [`logs`]: `log`, `log2`, `log10` for floats and for ints of any size;
//! - [`special`]: `gamma`, `lgamma` (CPython's own Lanczos code), `erf`, `erfc`;
//! - [`integer`]: `factorial`, `comb`, `perm`, `gcd`, `lcm`, `isqrt` on `BigInt`;
//! - [`sums`]: `fsum`, `hypot`, `dist`, `sumprod` and `prod` helpers.
//!
//! Messages that changed by 3.14 (the "expected a ..., got X" domain errors and
//! "division by zero" for `log(x, 1)`) follow 3.14; the test tables mark those rows.

pub mod float_fns;
pub mod int_float;
pub mod integer;
pub mod logs;
pub mod special;
pub mod sums;

mod repr;

pub use float_fns::*;
pub use int_float::*;
pub use integer::*;
pub use logs::*;
pub use special::*;
pub use sums::*;

use std::fmt;

/// `math.pi`.
pub const PI: f64 = std::f64::consts::PI;
/// `math.e`.
pub const E: f64 = std::f64::consts::E;
/// `math.tau`.
pub const TAU: f64 = std::f64::consts::TAU;
/// `math.inf`.
pub const INF: f64 = f64::INFINITY;
/// `math.nan` (a positive quiet NaN, as CPython's `fabs(Py_NAN)`).
pub const NAN: f64 = f64::NAN;

/// A Python exception raised by a `math` function: the exception type's name and the
/// message, exactly as CPython 3.14 prints them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MathError {
    /// `"ValueError"`, `"OverflowError"` or `"ZeroDivisionError"`.
    pub type_name: &'static str,
    /// The exception's message.
    pub message: String,
}

impl MathError {
    pub(crate) fn value(message: impl Into<String>) -> Self {
        MathError {
            type_name: "ValueError",
            message: message.into(),
        }
    }

    pub(crate) fn overflow(message: impl Into<String>) -> Self {
        MathError {
            type_name: "OverflowError",
            message: message.into(),
        }
    }

    pub(crate) fn zero_division(message: impl Into<String>) -> Self {
        MathError {
            type_name: "ZeroDivisionError",
            message: message.into(),
        }
    }

    /// The generic `ValueError("math domain error")` of functions without a 3.14 message.
    pub(crate) fn domain() -> Self {
        Self::value("math domain error")
    }

    /// `OverflowError("math range error")`.
    pub(crate) fn range() -> Self {
        Self::overflow("math range error")
    }

    /// A 3.14 domain error whose message template has one `%s` for the argument's repr.
    pub(crate) fn domain_with(template: &str, x: f64) -> Self {
        Self::value(template.replacen("%s", &repr::float_repr(x), 1))
    }
}

impl fmt::Display for MathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name, self.message)
    }
}

impl std::error::Error for MathError {}

/// Result of a `math` function.
pub type MathResult<T> = Result<T, MathError>;

#[cfg(test)]
pub(crate) mod testutil {
    //! Helpers shared by the test tables of the submodules.

    use super::MathResult;
    pub(crate) use super::repr::float_repr;

    /// Renders a float result the way the Python table generator printed it: `repr(x)`
    /// for values, `Type: message` for exceptions.
    pub fn show(r: MathResult<f64>) -> String {
        match r {
            Ok(x) => float_repr(x),
            Err(e) => e.to_string(),
        }
    }

    /// One expectation row: function name, argument texts, expected text, and whether
    /// the expectation is 3.14-specific (written by hand rather than checked by python3).
    pub type Case = (&'static str, &'static [&'static str], &'static str, bool);

    /// Runs a table through `run` and fails with every mismatching row at once. Functions
    /// listed in `tolerance` (name, ulps) compare float results within that many ulps,
    /// for CPython results that come from the platform libm.
    pub fn check_table(
        cases: &[Case],
        tolerance: &[(&str, u64)],
        run: impl Fn(&str, &[&str]) -> String,
    ) {
        let mut failures = Vec::new();
        for &(name, args, want, v314) in cases {
            let got = run(name, args);
            if got == want {
                continue;
            }
            let ulps = tolerance.iter().find(|(n, _)| *n == name).map(|&(_, u)| u);
            if let (Some(ulps), Ok(g), Ok(w)) = (ulps, got.parse::<f64>(), want.parse::<f64>())
                && within_ulps(g, w, ulps)
            {
                continue;
            }
            let mark = if v314 { " [3.14]" } else { "" };
            failures.push(format!(
                "{name}({}) = {got}, want {want}{mark}",
                args.join(", ")
            ));
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Whether two finite floats of the same sign are at most `ulps` representable
    /// values apart.
    pub fn within_ulps(a: f64, b: f64, ulps: u64) -> bool {
        if a.is_nan() || b.is_nan() || a.is_sign_negative() != b.is_sign_negative() {
            return a == b;
        }
        a.abs().to_bits().abs_diff(b.abs().to_bits()) <= ulps
    }

    /// Python's `repr` of a bool.
    pub fn py_bool(b: bool) -> String {
        if b { "True" } else { "False" }.to_owned()
    }

    /// Renders an int result or its exception.
    pub fn show_int(r: MathResult<num_bigint::BigInt>) -> String {
        match r {
            Ok(n) => n.to_string(),
            Err(e) => e.to_string(),
        }
    }

    /// Parses an int argument from a table.
    pub fn int(s: &str) -> num_bigint::BigInt {
        s.parse()
            .unwrap_or_else(|_| panic!("bad int in table: {s}"))
    }

    /// Parses a Python float repr from a table (`inf`, `-inf`, `nan` included).
    pub fn f(s: &str) -> f64 {
        match s {
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            "nan" => f64::NAN,
            _ => s
                .parse()
                .unwrap_or_else(|_| panic!("bad float in table: {s}")),
        }
    }
}
