//! `int(text, base)`: CPython's `PyLong_FromUnicodeObject` and `PyLong_FromString`
//! (Objects/longobject.c), including the base-0 prefixes, the underscore rules, Unicode
//! digits and whitespace, and the integer string conversion length limit.
//!
//! The grammar after the Unicode transformation (see [`super::text_chars`]):
//! `space* [+-] [0x|0o|0b [_]] digit (_? digit)* space*`. With base 0 the prefix picks the
//! base, and a number without a prefix may not start with `0` unless it is zero
//! (`int('00', 0)` is 0, `int('01', 0)` is an error).

use num_bigint::{BigInt, BigUint, Sign};

use super::text_chars::{is_ascii_space, repr_truncated, to_ascii_number_text};
use super::{NumError, NumResult};

/// CPython's default for `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// Below this many digits the limit is not checked (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`);
/// `sys.set_int_max_str_digits()` refuses smaller non-zero limits.
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// Validates `int()`'s base argument: 0 or 2..=36.
pub fn check_base(base: i64) -> NumResult<u32> {
    match u32::try_from(base) {
        Ok(b) if b == 0 || (2..=36).contains(&b) => Ok(b),
        _ => Err(NumError::value("int() base must be >= 2 and <= 36, or 0")),
    }
}

/// `int(text, base)` for a `str`. `max_str_digits` is `sys.get_int_max_str_digits()`
/// (0 means no limit); bases that are powers of two are never limited.
pub fn parse_int(text: &str, base: i64, max_str_digits: usize) -> NumResult<BigInt> {
    let base = check_base(base)?;
    let ascii = to_ascii_number_text(text);
    parse_ascii(&ascii, base, max_str_digits)
        .map_err(|e| e.into_error(|| invalid_literal(base, &repr_truncated(text, 200))))
}

/// `int(data, base)` for `bytes` or `bytearray`: ASCII only, and the message shows the
/// bytes' repr.
pub fn parse_int_bytes(data: &[u8], base: i64, max_str_digits: usize) -> NumResult<BigInt> {
    let base = check_base(base)?;
    parse_ascii(data, base, max_str_digits).map_err(|e| {
        e.into_error(|| {
            let repr = compiler::pyrepr::repr_bytes(data);
            let cut: String = repr.chars().take(200).collect();
            invalid_literal(base, &cut)
        })
    })
}

fn invalid_literal(base: u32, repr: &str) -> NumError {
    NumError::value(format!(
        "invalid literal for int() with base {base}: {repr}"
    ))
}

/// Why parsing failed: a syntax error (the caller formats the message with the original
/// text) or an error with its own message (the digit limit).
enum ParseFailure {
    Syntax,
    Other(NumError),
}

impl ParseFailure {
    fn into_error(self, syntax: impl FnOnce() -> NumError) -> NumError {
        match self {
            ParseFailure::Syntax => syntax(),
            ParseFailure::Other(e) => e,
        }
    }
}

fn parse_ascii(bytes: &[u8], base: u32, max_str_digits: usize) -> Result<BigInt, ParseFailure> {
    let mut pos = 0;
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    while pos < bytes.len() && is_ascii_space(at(pos)) {
        pos += 1;
    }
    let mut negative = false;
    match at(pos) {
        b'+' => pos += 1,
        b'-' => {
            negative = true;
            pos += 1;
        }
        _ => {}
    }
    let mut base = base;
    let mut must_be_zero = false;
    if base == 0 {
        base = match (at(pos), at(pos + 1).to_ascii_lowercase()) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                // An old C-style octal literal: only zero is allowed.
                must_be_zero = true;
                10
            }
            _ => 10,
        };
    }
    let prefix = match base {
        16 => b'x',
        8 => b'o',
        2 => b'b',
        _ => 0,
    };
    if at(pos) == b'0' && prefix != 0 && at(pos + 1).to_ascii_lowercase() == prefix {
        pos += 2;
        // One underscore may follow the prefix.
        if at(pos) == b'_' {
            pos += 1;
        }
    }
    if at(pos) == b'_' {
        return Err(ParseFailure::Syntax);
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut prev_underscore = false;
    while pos < bytes.len() {
        let c = at(pos);
        if c == b'_' {
            if prev_underscore {
                return Err(ParseFailure::Syntax);
            }
            prev_underscore = true;
        } else if let Some(d) = (c as char).to_digit(base) {
            digits.push(d as u8);
            prev_underscore = false;
        } else {
            break;
        }
        pos += 1;
    }
    if prev_underscore || digits.is_empty() {
        return Err(ParseFailure::Syntax);
    }
    let binary_base = base.is_power_of_two();
    if !binary_base
        && max_str_digits > 0
        && digits.len() > MAX_STR_DIGITS_THRESHOLD
        && digits.len() > max_str_digits
    {
        return Err(ParseFailure::Other(NumError::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        ))));
    }
    while pos < bytes.len() && is_ascii_space(at(pos)) {
        pos += 1;
    }
    if pos != bytes.len() {
        return Err(ParseFailure::Syntax);
    }
    let magnitude = digits_to_biguint(&digits, base);
    if must_be_zero && magnitude != BigUint::default() {
        return Err(ParseFailure::Syntax);
    }
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, magnitude))
}

/// The value of big-endian digits; short runs stay in a `u64` to avoid the general path.
fn digits_to_biguint(digits: &[u8], base: u32) -> BigUint {
    let mut small: Option<u64> = Some(0);
    for &d in digits {
        small = small
            .and_then(|v| v.checked_mul(u64::from(base)))
            .and_then(|v| v.checked_add(u64::from(d)));
        if small.is_none() {
            break;
        }
    }
    match small {
        Some(v) => BigUint::from(v),
        None => BigUint::from_radix_be(digits, base).unwrap_or_default(),
    }
}

#[cfg(test)]
#[path = "int_parse_tests.rs"]
mod tests;
