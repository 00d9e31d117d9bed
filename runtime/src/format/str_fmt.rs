//! `format(str, spec)`: only the `s` type, with width, fill, alignment and precision
//! (truncation).
//!
//! Port of `format_string_internal` in `Python/formatter_unicode.c`.

use super::error::FormatError;
use super::layout::pad;
use super::spec::{Align, FormatSpec, Sign};

/// `format(s, spec)` for a `str`.
pub fn format_str(s: &str, spec: &str) -> Result<String, FormatError> {
    format_str_typed(s, spec, "str")
}

/// [`format_str`] for a str subclass named `type_name` (used in the error texts).
pub fn format_str_typed(s: &str, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(s.to_owned());
    }
    let parsed = FormatSpec::parse(spec, type_name, Some('s'), Align::Left)?;
    match parsed.type_char() {
        's' => format_str_spec(s, &parsed),
        code => Err(FormatError::unknown_format_code(code, type_name)),
    }
}

/// Formats a string with an already parsed spec of type `s`.
pub fn format_str_spec(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    match spec.sign {
        Sign::Default => {}
        Sign::Space => {
            return Err(FormatError::value_error(
                "Space not allowed in string format specifier",
            ));
        }
        Sign::Plus | Sign::Minus => {
            return Err(FormatError::value_error(
                "Sign not allowed in string format specifier",
            ));
        }
    }
    if spec.no_neg_0 {
        return Err(FormatError::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(FormatError::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Align::AfterSign {
        return Err(FormatError::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body = match spec.precision {
        Some(precision) => truncate_chars(s, precision),
        None => s,
    };
    pad(body, spec)
}

/// The first `count` characters of `s`.
pub(crate) fn truncate_chars(s: &str, count: usize) -> &str {
    match s.char_indices().nth(count) {
        Some((index, _)) => &s[..index],
        None => s,
    }
}
