//! Float to text: CPython's `repr(float)` and the digit layout behind every float
//! presentation type.
//!
//! Port of `Python/pystrtod.c`: `PyOS_double_to_string` and `format_float_short`.
//! CPython gets its digits from David Gay's `_Py_dg_dtoa`; we get the same digits from
//! Rust's float formatting, which is correctly rounded (round-half-even on the exact
//! binary value) both in shortest mode (`{:e}`) and with a precision (`{:.Ne}`, `{:.N}`).
//! Only the layout rules (where the point goes, when an exponent is used, padding with
//! zeros) are CPython's and are reproduced here.

use super::error::FormatError;

/// Output longer than this is refused with MemoryError instead of letting an allocation
/// failure abort the process. CPython would try (and usually fail) to allocate it.
pub(crate) const MAX_OUTPUT_LEN: usize = 1 << 30;

/// The four layouts of `PyOS_double_to_string`, with their precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloatMode {
    /// `'e'`: one digit before the point, `precision` after it, always an exponent.
    Exponent(usize),
    /// `'f'`: `precision` digits after the point, never an exponent.
    Fixed(usize),
    /// `'g'`: `precision` significant digits (0 means 1), exponent when it is small or
    /// large, trailing zeros dropped unless in alternate form.
    General(usize),
    /// `'r'`: the shortest digits that round-trip, as `repr` uses.
    Repr,
}

/// The flags of `PyOS_double_to_string` (`Py_DTSF_*`) and the case of the letters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// `Py_DTSF_SIGN`: always write a sign.
    pub always_sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: an integral result gets `.0` (repr and the empty type).
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: `#`, keep the point and trailing zeros.
    pub alternate: bool,
    /// `Py_DTSF_NO_NEG_0`: `z`, a result that rounds to zero loses its minus sign.
    pub no_negative_zero: bool,
    /// `'E'`, `'F'`, `'G'`: upper-case `E`, `INF`, `NAN`.
    pub upper: bool,
}

/// `repr(x)` and `str(x)` of a float, e.g. `1.0`, `1e+16`, `1e-05`, `-0.0`, `inf`, `nan`.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        FloatMode::Repr,
        FloatFlags {
            add_dot_0: true,
            ..FloatFlags::default()
        },
    )
}

/// `repr(complex(re, im))`: `1j`, `(1+2j)`, `(-0-0j)`, `(nan+infj)`.
///
/// Port of `complex_repr` in `Objects/complexobject.c`.
pub fn complex_repr(re: f64, im: f64) -> String {
    if re == 0.0 && re.is_sign_positive() {
        let mut out = double_to_string(im, FloatMode::Repr, FloatFlags::default());
        out.push('j');
        out
    } else {
        let real = double_to_string(re, FloatMode::Repr, FloatFlags::default());
        let imag = double_to_string(
            im,
            FloatMode::Repr,
            FloatFlags {
                always_sign: true,
                ..FloatFlags::default()
            },
        );
        format!("({real}{imag}j)")
    }
}

/// `PyOS_double_to_string` with the same mode, precision and flags. Callers bound the
/// precision first (see [`check_precision`]); the digits are always exact.
pub fn double_to_string(x: f64, mode: FloatMode, flags: FloatFlags) -> String {
    let negative = x.is_sign_negative();
    if x.is_nan() {
        // CPython ignores the sign of a NaN.
        let mut out = String::with_capacity(4);
        if flags.always_sign {
            out.push('+');
        }
        out.push_str(if flags.upper { "NAN" } else { "nan" });
        return out;
    }
    if x.is_infinite() {
        let mut out = String::with_capacity(4);
        if negative {
            out.push('-');
        } else if flags.always_sign {
            out.push('+');
        }
        out.push_str(if flags.upper { "INF" } else { "inf" });
        return out;
    }

    let (digits, decpt) = decimal_digits(x.abs(), mode);
    let mut sign_negative = negative;
    if flags.no_negative_zero && (digits.is_empty() || digits == "0") {
        sign_negative = false;
    }
    layout(&digits, decpt, mode, flags, sign_negative)
}

/// Refuses a precision CPython accepts but whose output could not be allocated here.
pub(crate) fn check_precision(precision: usize) -> Result<(), FormatError> {
    if precision > MAX_OUTPUT_LEN {
        Err(FormatError::memory_error())
    } else {
        Ok(())
    }
}

/// The digits of `x >= 0` without leading or trailing zeros (zero gives `"0"`), and the
/// position of the decimal point relative to them, like `_Py_dg_dtoa`'s `decpt`
/// (`0.0123` gives `("123", -1)`). A fixed-mode value that rounds to zero gives `""`.
fn decimal_digits(x: f64, mode: FloatMode) -> (String, i64) {
    if x == 0.0 {
        return ("0".to_owned(), 1);
    }
    match mode {
        FloatMode::Repr => scientific_digits(&format!("{x:e}")),
        FloatMode::Exponent(precision) => {
            scientific_digits(&format!("{x:.prec$e}", prec = precision))
        }
        FloatMode::General(precision) => {
            scientific_digits(&format!("{x:.prec$e}", prec = precision.max(1) - 1))
        }
        FloatMode::Fixed(precision) => fixed_digits(&format!("{x:.prec$}", prec = precision)),
    }
}

/// Splits Rust's `d.ddde±x` output into digits and decimal-point position.
fn scientific_digits(text: &str) -> (String, i64) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        return ("0".to_owned(), 1);
    }
    (trimmed.to_owned(), exponent + 1)
}

/// Splits Rust's `ddd.ddd` output into digits and decimal-point position.
fn fixed_digits(text: &str) -> (String, i64) {
    let (int_part, frac_part) = text.split_once('.').unwrap_or((text, ""));
    let all: String = int_part.chars().chain(frac_part.chars()).collect();
    let int_len = i64::try_from(int_part.len()).unwrap_or(i64::MAX);
    let leading = all.len() - all.trim_start_matches('0').len();
    let significant = all.trim_start_matches('0').trim_end_matches('0');
    if significant.is_empty() {
        // Rounded to zero: dtoa gives no digits and puts the point after the precision.
        let frac_len = i64::try_from(frac_part.len()).unwrap_or(i64::MAX);
        return (String::new(), -frac_len);
    }
    let leading = i64::try_from(leading).unwrap_or(i64::MAX);
    (significant.to_owned(), int_len - leading)
}

/// `format_float_short`'s layout: the digits, padded with zeros on either side, the
/// decimal point and the exponent.
fn layout(digits: &str, decpt: i64, mode: FloatMode, flags: FloatFlags, negative: bool) -> String {
    let digits_len = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let mut decpt = decpt;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match mode {
        FloatMode::Exponent(precision) => {
            use_exp = true;
            vdigits_end = to_i64(precision).saturating_add(1);
        }
        FloatMode::Fixed(precision) => vdigits_end = decpt.saturating_add(to_i64(precision)),
        FloatMode::General(precision) => {
            let precision = to_i64(precision.max(1));
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alternate {
                vdigits_end = precision;
            }
        }
        FloatMode::Repr => {
            // Exponent from 1e16 on: a 17-digit integer would show misleading zeros.
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    // The output is the slice [vdigits_start, vdigits_end) of the digits padded on both
    // sides by infinitely many zeros; the point lies strictly inside it.
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };

    let mut out = String::new();
    if negative {
        out.push('-');
    } else if flags.always_sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        let split = usize::try_from(decpt)
            .unwrap_or(digits.len())
            .min(digits.len());
        out.push_str(&digits[..split]);
        out.push('.');
        out.push_str(&digits[split..]);
    } else {
        out.push_str(digits);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if flags.upper { 'E' } else { 'e' });
        // CPython's "%+.02d": a sign and at least two digits.
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}

fn to_i64(value: usize) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testdata::{parse_float, rows};

    #[test]
    fn repr_matches_cpython() {
        for row in rows(include_str!("testdata/float_repr.txt")) {
            let x = parse_float(&row[0]);
            assert_eq!(float_repr(x), row[1], "repr({})", row[0]);
        }
    }

    #[test]
    fn complex_repr_matches_cpython() {
        for row in rows(include_str!("testdata/complex_repr.txt")) {
            let (re, im) = (parse_float(&row[0]), parse_float(&row[1]));
            assert_eq!(
                complex_repr(re, im),
                row[2],
                "repr(complex({}, {}))",
                row[0],
                row[1]
            );
        }
    }
}
