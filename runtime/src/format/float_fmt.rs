//! `format(float, spec)` and `format(complex, spec)`: `e E f F g G n %` and no type.
//!
//! Port of `format_float_internal` and `format_complex_internal` in
//! `Python/formatter_unicode.c`.

use super::error::FormatError;
use super::float_repr::{FloatFlags, FloatMode, check_precision, double_to_string};
use super::layout::{NumberParts, format_number, pad};
use super::spec::{Align, FormatSpec, Sign};

/// CPython refuses precisions past `INT_MAX`.
const MAX_PRECISION: usize = i32::MAX as usize;

/// `format(x, spec)` for a `float`. An empty spec gives `repr(x)`.
pub fn format_float(x: f64, spec: &str) -> Result<String, FormatError> {
    let parsed = FormatSpec::parse(spec, "float", None, Align::Right)?;
    match parsed.type_char() {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_spec(x, &parsed),
        code => Err(FormatError::unknown_format_code(code, "float")),
    }
}

/// The mode and flags that a spec's type, precision, `#` and `z` select.
/// `default_precision` is 6, or 0 with no type (the repr-like layout).
fn float_mode(
    type_code: char,
    precision: Option<usize>,
    spec: &FormatSpec,
    add_dot_0_without_type: bool,
) -> Result<(FloatMode, FloatFlags), FormatError> {
    let mut flags = FloatFlags {
        alternate: spec.alternate,
        no_negative_zero: spec.no_neg_0,
        upper: matches!(type_code, 'E' | 'F' | 'G'),
        ..FloatFlags::default()
    };
    if let Some(precision) = precision {
        if precision > MAX_PRECISION {
            return Err(FormatError::value_error("precision too big"));
        }
        check_precision(precision)?;
    }
    let mode = match type_code {
        // No type: repr without a precision, else 'g' that keeps one digit after the point.
        '\0' => {
            flags.add_dot_0 = add_dot_0_without_type;
            match precision {
                None => FloatMode::Repr,
                Some(precision) => FloatMode::General(precision),
            }
        }
        'e' | 'E' => FloatMode::Exponent(precision.unwrap_or(6)),
        'f' | 'F' | '%' => FloatMode::Fixed(precision.unwrap_or(6)),
        _ => FloatMode::General(precision.unwrap_or(6)),
    };
    Ok((mode, flags))
}

/// Formats a float with an already parsed spec whose type is a float type.
pub fn format_float_spec(x: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let type_code = spec.type_char();
    let (mode, flags) = float_mode(type_code, spec.precision, spec, true)?;
    let value = if type_code == '%' { x * 100.0 } else { x };
    let mut text = double_to_string(value, mode, flags);
    if type_code == '%' {
        text.push('%');
    }
    format_number(&NumberParts::split_float(&text), spec)
}

/// `format(complex(re, im), spec)`. An empty spec gives `str(z)`.
pub fn format_complex(re: f64, im: f64, spec: &str) -> Result<String, FormatError> {
    let parsed = FormatSpec::parse(spec, "complex", None, Align::Right)?;
    match parsed.type_char() {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' => format_complex_spec(re, im, &parsed),
        code => Err(FormatError::unknown_format_code(code, "complex")),
    }
}

/// Formats a complex with an already parsed spec whose type is a complex type.
pub fn format_complex_spec(re: f64, im: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    if spec.fill == '0' {
        return Err(FormatError::value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align == Align::AfterSign {
        return Err(FormatError::value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let type_code = spec.type_char();
    let (mode, flags) = float_mode(type_code, spec.precision, spec, false)?;
    // With no type, like str(z): a +0.0 real part is left out, otherwise parentheses.
    let (skip_re, add_parens) = if type_code == '\0' {
        let skip = re == 0.0 && re.is_sign_positive();
        (skip, !skip)
    } else {
        (false, false)
    };
    let re_text = double_to_string(re, mode, flags);
    let im_text = double_to_string(im, mode, flags);

    // Each part is laid out without padding; the whole is padded afterwards.
    let mut part_spec = spec.clone();
    part_spec.fill = ' ';
    part_spec.align = Align::Left;
    part_spec.width = None;
    let re_part = format_number(&NumberParts::split_float(&re_text), &part_spec)?;
    if !skip_re {
        part_spec.sign = Sign::Plus;
    }
    let im_part = format_number(&NumberParts::split_float(&im_text), &part_spec)?;

    let mut body = String::new();
    if add_parens {
        body.push('(');
    }
    if !skip_re {
        body.push_str(&re_part);
    }
    body.push_str(&im_part);
    body.push('j');
    if add_parens {
        body.push(')');
    }
    pad(&body, spec)
}
