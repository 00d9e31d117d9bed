//! `format(int, spec)`: `b c d o x X n`, and `e E f F g G %` through float.
//!
//! Port of `format_long_internal` and the int branch of `format_obj` in
//! `Python/formatter_unicode.c`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::error::FormatError;
use super::float_fmt::format_float_spec;
use super::layout::{NumberParts, format_number};
use super::spec::{Align, FormatSpec};

/// `format(v, spec)` for an `int`. An empty spec gives `str(v)`; for a subclass such as
/// bool the caller must call `str()` itself in that case, and use [`format_int_typed`].
pub fn format_int(v: &BigInt, spec: &str) -> Result<String, FormatError> {
    format_int_typed(v, spec, "int")
}

/// [`format_int`] for an int subclass named `type_name` (used in the error texts).
pub fn format_int_typed(v: &BigInt, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(v.to_str_radix(10));
    }
    let parsed = FormatSpec::parse(spec, type_name, Some('d'), Align::Right)?;
    match parsed.type_char() {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_int_spec(v, &parsed),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_spec(int_to_float(v)?, &parsed),
        code => Err(FormatError::unknown_format_code(code, type_name)),
    }
}

/// `float(v)`: correctly rounded, OverflowError past the float range.
pub fn int_to_float(v: &BigInt) -> Result<f64, FormatError> {
    match v.to_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(FormatError::overflow_error(
            "int too large to convert to float",
        )),
    }
}

/// Formats an int with an already parsed spec whose type is an integer type.
pub fn format_int_spec(v: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.precision.is_some() {
        return Err(FormatError::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_0 {
        return Err(FormatError::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let type_code = spec.type_char();
    if type_code == 'c' {
        if spec.sign != super::spec::Sign::Default {
            return Err(FormatError::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(FormatError::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let code = v.to_i64().ok_or_else(|| {
            FormatError::overflow_error("Python int too large to convert to C long")
        })?;
        let code = u32::try_from(code)
            .ok()
            .filter(|c| *c <= 0x10ffff)
            .ok_or_else(FormatError::char_out_of_range)?;
        // A lone surrogate comes out as its stand-in; `format_builtin` restores it.
        let ch = crate::text::wtf8::view_char(code);
        let text = ch.to_string();
        let parts = NumberParts {
            remainder: &text,
            ..NumberParts::default()
        };
        return format_number(&parts, spec);
    }
    let (radix, prefix) = match type_code {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs().to_str_radix(radix);
    if type_code == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        ..NumberParts::default()
    };
    format_number(&parts, spec)
}
