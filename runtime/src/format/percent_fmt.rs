//! printf-style `str % args`: formatting one fetched argument for one [`PercentSpec`].
//!
//! Port of the formatting half of `PyUnicode_Format` in `Objects/unicodeobject.c`:
//! `_PyUnicode_FormatLong` (ints), `formatfloat`, `formatchar` and
//! `unicode_format_arg_output` (sign, `0x` prefix, zero or space padding).

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::error::FormatError;
use super::float_repr::{FloatFlags, FloatMode, MAX_OUTPUT_LEN, check_precision, double_to_string};
use super::layout::push_fill;
use super::percent::PercentSpec;
use super::str_fmt::truncate_chars;

/// `%s`, `%r`, `%a` of the already converted text: truncation to the precision and
/// padding.
pub fn format_percent_str(text: &str, spec: &PercentSpec) -> Result<String, FormatError> {
    let text = match spec.precision {
        Some(precision) => truncate_chars(text, precision),
        None => text,
    };
    output(text, spec, false)
}

/// `%c` of an already resolved character.
pub fn format_percent_char(c: char, spec: &PercentSpec) -> Result<String, FormatError> {
    output(c.encode_utf8(&mut [0; 4]), spec, false)
}

/// `%c` of an int: the code point, OverflowError outside `range(0x110000)`.
pub fn percent_char_from_int(v: &BigInt) -> Result<char, FormatError> {
    let code = v
        .to_u32()
        .filter(|code| *code <= 0x10ffff)
        .ok_or_else(FormatError::char_out_of_range)?;
    // A lone surrogate comes out as its stand-in; `percent_format` restores it.
    Ok(crate::text::wtf8::view_char(code))
}

/// `%c` of a str: it must be exactly one character.
pub fn percent_char_from_str(s: &str) -> Result<char, FormatError> {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(FormatError::percent_c_string_length(s.chars().count())),
    }
}

/// `%d %i %u %o %x %X` of an int (the caller has applied `int()` or `__index__`).
pub fn format_percent_int(v: &BigInt, spec: &PercentSpec) -> Result<String, FormatError> {
    let (radix, prefix) = match spec.conversion {
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = v.abs().to_str_radix(radix);
    if spec.conversion == 'X' {
        digits.make_ascii_uppercase();
    }
    let precision = spec.precision.unwrap_or(0);
    if precision > MAX_OUTPUT_LEN {
        return Err(FormatError::memory_error());
    }
    let mut text = String::with_capacity(digits.len().max(precision) + 3);
    if v.is_negative() {
        text.push('-');
    }
    if spec.flags.alternate {
        text.push_str(prefix);
    }
    push_fill(&mut text, '0', precision.saturating_sub(digits.len()));
    text.push_str(&digits);
    output(&text, spec, true)
}

/// `%e %E %f %F %g %G` of a float (the caller has applied `float()`).
pub fn format_percent_float(x: f64, spec: &PercentSpec) -> Result<String, FormatError> {
    let precision = spec.precision.unwrap_or(6);
    check_precision(precision)?;
    let mode = match spec.conversion {
        'e' | 'E' => FloatMode::Exponent(precision),
        'f' | 'F' => FloatMode::Fixed(precision),
        _ => FloatMode::General(precision),
    };
    let flags = FloatFlags {
        alternate: spec.flags.alternate,
        upper: matches!(spec.conversion, 'E' | 'F' | 'G'),
        ..FloatFlags::default()
    };
    output(&double_to_string(x, mode, flags), spec, true)
}

/// `unicode_format_arg_output`: sign, prefix and padding. `numeric` is CPython's
/// `arg->sign`, set for the number conversions.
fn output(text: &str, spec: &PercentSpec, numeric: bool) -> Result<String, FormatError> {
    let flags = spec.flags;
    if spec.width.is_some_and(|width| width > MAX_OUTPUT_LEN) {
        return Err(FormatError::memory_error());
    }
    let fill = if numeric && flags.zero { '0' } else { ' ' };
    let mut body = text;
    let mut sign = None;
    if numeric {
        if let Some(rest) = body.strip_prefix(['-', '+']) {
            sign = body.chars().next();
            body = rest;
        } else if flags.sign {
            sign = Some('+');
        } else if flags.blank {
            sign = Some(' ');
        }
    }
    let mut prefix = "";
    if flags.alternate && matches!(spec.conversion, 'x' | 'X' | 'o') {
        let split = body.len().min(2);
        prefix = &body[..split];
        body = &body[split..];
    }
    let len = body.chars().count();
    let mut width = spec.width.unwrap_or(0);
    // The sign and prefix count towards the width.
    if sign.is_some() {
        width = width.saturating_sub(1);
    }
    width = width.saturating_sub(prefix.len());

    let mut out = String::with_capacity(text.len() + width);
    if fill == '0' {
        out.extend(sign);
        out.push_str(prefix);
    }
    if width > len && !flags.left_justify {
        push_fill(&mut out, fill, width - len);
        width = len;
    }
    if fill == ' ' {
        out.extend(sign);
        out.push_str(prefix);
    }
    out.push_str(body);
    push_fill(&mut out, ' ', width.saturating_sub(len));
    Ok(out)
}
