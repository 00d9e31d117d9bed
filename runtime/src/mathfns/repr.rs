//! `repr(float)` for error messages: CPython's 3.14 domain errors embed the argument as
//! `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0)`, i.e. exactly `repr(x)`.
//!
//! The shortest round-tripping digits come from Rust's `{:e}` formatting; only the layout
//! differs from Python's (fixed notation for decimal exponents in -4..16, otherwise
//! `d.ddde+XX` with at least two exponent digits).

/// Python's `repr(x)` for a float.
pub(crate) fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".to_owned();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if x.is_sign_negative() { "-" } else { "" };
    let ndigits = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if (-4..16).contains(&exp) {
        let body = if exp < 0 {
            let zeros = "0".repeat(usize::try_from(-exp - 1).unwrap_or(0));
            format!("0.{zeros}{digits}")
        } else if exp + 1 >= ndigits {
            let zeros = "0".repeat(usize::try_from(exp + 1 - ndigits).unwrap_or(0));
            format!("{digits}{zeros}.0")
        } else {
            let split = usize::try_from(exp + 1).unwrap_or(0);
            let (int_part, frac_part) = digits.split_at(split.min(digits.len()));
            format!("{int_part}.{frac_part}")
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.unsigned_abs())
    }
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    // Expectations: repr() in python3.
    const CASES: &[(f64, &str)] = &[
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-1.5, "-1.5"),
        (0.1, "0.1"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (123456789012345.6, "123456789012345.6"),
        (0.0001, "0.0001"),
        (0.00001, "1e-05"),
        (1.5e-7, "1.5e-07"),
        (1e300, "1e+300"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (12.5, "12.5"),
        (2.0, "2.0"),
    ];

    #[test]
    fn repr_table() {
        for &(x, want) in CASES {
            assert_eq!(float_repr(x), want, "repr({x:e})");
        }
    }
}
