//! `float(text)`: CPython's `PyFloat_FromString` (Objects/floatobject.c), with the
//! underscore pass of `_Py_string_to_number_with_underscores` and the grammar of
//! `_PyOS_ascii_strtod` (Python/pystrtod.c).
//!
//! The text is first transformed to ASCII (Unicode digits and spaces, see
//! [`super::text_chars`]), underscores are removed where they sit between digits, and the
//! rest must be `space* number space*` where a number is `[+-]` followed by `inf`,
//! `infinity`, `nan` (any case) or decimal digits with an optional point and exponent.
//! Once validated, Rust's `str::parse::<f64>` does the correctly rounded conversion.

use super::text_chars::{to_ascii_number_text, trim_ascii_space};
use super::{NumError, NumResult};

/// `float(text)` for a `str`.
pub fn parse_float(text: &str) -> NumResult<f64> {
    let ascii = to_ascii_number_text(text);
    parse_float_ascii(&ascii).ok_or_else(|| {
        NumError::value(format!(
            "could not convert string to float: {}",
            compiler::pyrepr::repr_str(text)
        ))
    })
}

/// `float(data)` for `bytes`: ASCII only, and the message shows the bytes' repr.
pub fn parse_float_bytes(data: &[u8]) -> NumResult<f64> {
    parse_float_ascii(data).ok_or_else(|| {
        NumError::value(format!(
            "could not convert string to float: {}",
            compiler::pyrepr::repr_bytes(data)
        ))
    })
}

fn parse_float_ascii(ascii: &[u8]) -> Option<f64> {
    let cleaned = remove_underscores(ascii)?;
    let trimmed = trim_ascii_space(&cleaned);
    match parse_float_prefix(trimmed) {
        Some((value, used)) if used == trimmed.len() => Some(value),
        _ => None,
    }
}

/// `_Py_string_to_number_with_underscores`: drops each `_` that has a digit on both sides,
/// and fails (None) on any other underscore or on an embedded NUL.
pub fn remove_underscores(ascii: &[u8]) -> Option<Vec<u8>> {
    if ascii.contains(&0) {
        return None;
    }
    if !ascii.contains(&b'_') {
        return Some(ascii.to_vec());
    }
    let mut out = Vec::with_capacity(ascii.len());
    let mut prev = 0u8;
    for &c in ascii {
        if c == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    if prev == b'_' {
        return None;
    }
    Some(out)
}

/// `_PyOS_ascii_strtod`: the longest prefix of `bytes` that is a float literal, as
/// `(value, bytes used)`, or None when no prefix is one. Overflow gives an infinity.
pub fn parse_float_prefix(bytes: &[u8]) -> Option<(f64, usize)> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut pos = 0;
    let negative = match at(0) {
        b'-' => {
            pos = 1;
            true
        }
        b'+' => {
            pos = 1;
            false
        }
        _ => false,
    };
    let apply_sign = |x: f64| if negative { -x } else { x };
    let rest = bytes.get(pos..).unwrap_or(&[]);
    if let Some((value, used)) = parse_inf_or_nan(rest) {
        return Some((apply_sign(value), pos + used));
    }
    let start = pos;
    let mut mantissa_digits = 0;
    while at(pos).is_ascii_digit() {
        pos += 1;
        mantissa_digits += 1;
    }
    if at(pos) == b'.' {
        pos += 1;
        while at(pos).is_ascii_digit() {
            pos += 1;
            mantissa_digits += 1;
        }
    }
    if mantissa_digits == 0 {
        return None;
    }
    // `0x...` is rejected outright, but since hex digits stop the decimal scan at the `x`,
    // the literal `0` in front is what would be consumed; CPython refuses even that.
    if at(start) == b'0' && at(start + 1).eq_ignore_ascii_case(&b'x') {
        return None;
    }
    if at(pos).eq_ignore_ascii_case(&b'e') {
        let mut exp_end = pos + 1;
        if matches!(at(exp_end), b'+' | b'-') {
            exp_end += 1;
        }
        if at(exp_end).is_ascii_digit() {
            while at(exp_end).is_ascii_digit() {
                exp_end += 1;
            }
            pos = exp_end;
        }
    }
    let literal = std::str::from_utf8(bytes.get(start..pos)?).ok()?;
    let value: f64 = literal.parse().ok()?;
    Some((apply_sign(value), pos))
}

/// `_Py_parse_inf_or_nan`: `inf`, `infinity` or `nan` in any case (without a sign).
fn parse_inf_or_nan(bytes: &[u8]) -> Option<(f64, usize)> {
    let starts = |word: &[u8]| {
        bytes
            .get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    if starts(b"infinity") {
        Some((f64::INFINITY, 8))
    } else if starts(b"inf") {
        Some((f64::INFINITY, 3))
    } else if starts(b"nan") {
        Some((f64::NAN, 3))
    } else {
        None
    }
}

#[cfg(test)]
#[path = "float_parse_tests.rs"]
mod tests;
