//! The numeric algorithms behind Python's `int`, `float` and `complex`, as pure functions
//! over `i64`, `num_bigint::BigInt` and `f64`, with CPython 3.14's exact results and error
//! texts. Nothing here knows about `Value` or the heap: the object model wraps these.
//!
//! Errors are a [`NumError`]: the CPython exception type ([`ErrorKind`]) plus the message,
//! so the caller can raise the matching Python exception.
//!
//! Map of the submodules:
//! - [`text_chars`] handles which characters `int()`/`float()` treat as whitespace and digits;
//! - [`int_parse`] handles `int(str, base)`;
//! - [`int_text`] handles `str(int)`, `bin`/`oct`/`hex` and the max-str-digits limit;
//! - [`float_parse`] handles `float(str)`;
//! - [`int_float`] handles int↔float conversion, int/int true division, exact int/float comparison,
//!   `float.as_integer_ratio` and friends;
//! - [`arith`] handles floor division, modulo, powers and shifts, with `i64` fast paths;
//! - [`round`] handles `round()` for ints and floats;
//! - [`hash`] handles the numeric hash (modulus 2**61-1);
//! - [`float_hex`] handles `float.hex()` and `float.fromhex()`;
//! - [`bytes_conv`] handles `int.to_bytes`, `int.from_bytes`, `bit_length`, `bit_count`;
//! - [`complex`] handles complex arithmetic and `complex(str)`.
//!
//! Not here: float repr and the format mini-language (`format`), the `math` module.

pub mod arith;
pub mod bytes_conv;
pub mod complex;
pub mod float_hex;
pub mod float_parse;
pub mod hash;
pub mod int_float;
pub mod int_parse;
pub mod int_text;
pub mod round;
pub mod text_chars;

use std::fmt;

/// The Python exception class a numeric operation raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    OverflowError,
    ZeroDivisionError,
    TypeError,
    /// Raised where CPython would run out of memory (an absurdly large power or shift);
    /// the message is empty, as CPython's `MemoryError()` is.
    MemoryError,
}

impl ErrorKind {
    /// The exception's class name, as Python spells it.
    pub fn type_name(self) -> &'static str {
        match self {
            ErrorKind::ValueError => "ValueError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::ZeroDivisionError => "ZeroDivisionError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::MemoryError => "MemoryError",
        }
    }
}

/// A numeric error: which exception to raise and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumError {
    pub kind: ErrorKind,
    pub message: String,
}

impl NumError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        NumError {
            kind,
            message: message.into(),
        }
    }

    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ValueError, message)
    }

    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::OverflowError, message)
    }

    /// CPython 3.14 uses this one text for every division, floor division, modulo and
    /// divmod by zero, whatever the operand types (3.11 still had per-type texts).
    pub fn division_by_zero() -> Self {
        Self::new(ErrorKind::ZeroDivisionError, "division by zero")
    }

    pub fn memory() -> Self {
        Self::new(ErrorKind::MemoryError, "")
    }
}

impl fmt::Display for NumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.type_name(), self.message)
    }
}

impl std::error::Error for NumError {}

pub type NumResult<T> = Result<T, NumError>;

/// `x * 2**exp` computed exactly whenever the result is representable, as C's `ldexp`.
///
/// Rust's std has no `ldexp`; multiplying by `2**exp` in one step would overflow or flush the
/// power itself, so scale in steps that keep every intermediate a normal number.
pub fn ldexp(mut x: f64, mut exp: i64) -> f64 {
    // 2**1000 and 2**-1000 are both normal doubles.
    const STEP: i64 = 1000;
    while exp > STEP {
        x *= pow2(STEP);
        exp -= STEP;
        if x.is_infinite() || x == 0.0 {
            return x;
        }
    }
    while exp < -STEP {
        x *= pow2(-STEP);
        exp += STEP;
        if x == 0.0 {
            return x;
        }
    }
    x * pow2(exp)
}

/// `2.0**exp` for `-1022 <= exp <= 1023`, built from the bit pattern.
fn pow2(exp: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&exp));
    let biased = u64::try_from(exp + 1023).unwrap_or(0);
    f64::from_bits(biased << 52)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldexp_is_exact() {
        let rows: &[(f64, i64, f64)] = &[
            (1.0, 0, 1.0),
            (1.5, 10, 1536.0),
            (1.0, -1074, 5e-324),
            (3.0, -1075, 1e-323), // 1.5 * 2**-1074 rounds to even: 2 * 2**-1074
            (1.0, 1023, 8.98846567431158e307),
            (1.0, 1024, f64::INFINITY),
            (9007199254740991.0, 971, f64::MAX),
            (1.0, -1100, 0.0),
            (-1.0, 5, -32.0),
        ];
        for &(x, e, want) in rows {
            assert_eq!(ldexp(x, e), want, "ldexp({x}, {e})");
        }
    }
}
