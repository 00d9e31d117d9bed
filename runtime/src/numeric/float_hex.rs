//! `float.hex()` and `float.fromhex()` (Objects/floatobject.c `float_hex_impl`,
//! `float_fromhex`). Normal numbers print as `0x1.<13 hex digits>p<exp>`, subnormals as
//! `0x0.<13 hex digits>p-1022`; parsing rounds exactly, ties to even.

use num_bigint::BigUint;

use super::int_float::scaled_to_f64;
use super::text_chars::is_ascii_space;
use super::{NumError, NumResult};

/// `x.hex()`. Infinities and NaN print as their repr (`inf`, `-inf`, `nan`).
pub fn float_to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = (bits >> 52) & 0x7ff;
    let fraction = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, i64::try_from(biased).unwrap_or(0) - 1023)
    };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!(
        "{sign}0x{lead}.{fraction:013x}p{exp_sign}{}",
        exp.unsigned_abs()
    )
}

fn invalid() -> NumError {
    NumError::value("invalid hexadecimal floating-point string")
}

/// `float.fromhex(text)`.
pub fn float_from_hex(text: &str) -> NumResult<f64> {
    // Only ASCII is meaningful; any other character fails the grammar below.
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let mut pos = 0;
    while pos < bytes.len() && is_ascii_space(at(pos)) {
        pos += 1;
    }
    let value =
        if let Some((value, used)) = parse_signed_inf_or_nan(bytes.get(pos..).unwrap_or(&[])) {
            pos += used;
            value
        } else {
            let mut negative = false;
            match at(pos) {
                b'-' => {
                    negative = true;
                    pos += 1;
                }
                b'+' => pos += 1,
                _ => {}
            }
            if at(pos) == b'0' && at(pos + 1).eq_ignore_ascii_case(&b'x') {
                pos += 2;
            }
            let mut digits: Vec<u8> = Vec::new();
            let mut fraction_digits: i64 = 0;
            while let Some(d) = (at(pos) as char).to_digit(16) {
                digits.push(d as u8);
                pos += 1;
            }
            if at(pos) == b'.' {
                pos += 1;
                while let Some(d) = (at(pos) as char).to_digit(16) {
                    digits.push(d as u8);
                    fraction_digits += 1;
                    pos += 1;
                }
            }
            if digits.is_empty() {
                return Err(invalid());
            }
            let mut exp: i64 = 0;
            if at(pos).eq_ignore_ascii_case(&b'p') {
                pos += 1;
                let exp_negative = match at(pos) {
                    b'-' => {
                        pos += 1;
                        true
                    }
                    b'+' => {
                        pos += 1;
                        false
                    }
                    _ => false,
                };
                if !at(pos).is_ascii_digit() {
                    return Err(invalid());
                }
                while at(pos).is_ascii_digit() {
                    // Saturate like strtol: such exponents over- or underflow anyway.
                    exp = exp
                        .saturating_mul(10)
                        .saturating_add(i64::from(at(pos) - b'0'));
                    pos += 1;
                }
                if exp_negative {
                    exp = -exp;
                }
            }
            let mantissa = BigUint::from_radix_be(&digits, 16).unwrap_or_default();
            let scale = exp.saturating_sub(fraction_digits.saturating_mul(4));
            let magnitude = scaled_to_f64(&mantissa, scale, false).ok_or_else(|| {
                NumError::overflow("hexadecimal value too large to represent as a float")
            })?;
            if negative { -magnitude } else { magnitude }
        };
    while pos < bytes.len() && is_ascii_space(at(pos)) {
        pos += 1;
    }
    if pos != bytes.len() {
        return Err(invalid());
    }
    Ok(value)
}

/// `_Py_parse_inf_or_nan` with its own optional sign.
fn parse_signed_inf_or_nan(bytes: &[u8]) -> Option<(f64, usize)> {
    let (negative, start) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let rest = bytes.get(start..)?;
    let starts = |word: &[u8]| {
        rest.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    let (value, used) = if starts(b"infinity") {
        (f64::INFINITY, 8)
    } else if starts(b"inf") {
        (f64::INFINITY, 3)
    } else if starts(b"nan") {
        (f64::NAN, 3)
    } else {
        return None;
    };
    Some((if negative { -value } else { value }, start + used))
}

#[cfg(test)]
#[path = "float_hex_tests.rs"]
mod tests;
