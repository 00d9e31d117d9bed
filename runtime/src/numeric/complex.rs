//! Complex arithmetic with CPython 3.14's rules (Objects/complexobject.c): Smith's
//! division with the C11 Annex G recovery of infinities, the mixed real/complex operations
//! that 3.14 introduced (a real operand is no longer widened to `x+0j`, which changes signed
//! zeros and NaNs), `**` with the repeated-squaring path for small integral exponents,
//! `abs()`, and `complex(text)` (`complex_from_string_inner`).

use super::float_parse::{parse_float_prefix, remove_underscores};
use super::text_chars::{is_ascii_space, to_ascii_number_text};
use super::{ErrorKind, NumError, NumResult};

/// A complex number as two doubles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub const fn new(re: f64, im: f64) -> Self {
        Complex { re, im }
    }
}

const ONE: Complex = Complex::new(1.0, 0.0);

/// `a + b`.
pub fn add(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re + b.re, a.im + b.im)
}

/// `a - b`.
pub fn sub(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re - b.re, a.im - b.im)
}

/// `a * b`.
pub fn mul(a: Complex, b: Complex) -> Complex {
    Complex::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

/// `a + x` and `x + a` for a real `x` (`_Py_cr_sum`): the imaginary part is untouched.
pub fn add_real(a: Complex, x: f64) -> Complex {
    Complex::new(a.re + x, a.im)
}

/// `a - x` for a real `x` (`_Py_cr_diff`).
pub fn sub_real(a: Complex, x: f64) -> Complex {
    Complex::new(a.re - x, a.im)
}

/// `x - a` for a real `x` (`_Py_rc_diff`).
pub fn real_sub(x: f64, a: Complex) -> Complex {
    Complex::new(x - a.re, -a.im)
}

/// `a * x` and `x * a` for a real `x` (`_Py_cr_prod`).
pub fn mul_real(a: Complex, x: f64) -> Complex {
    Complex::new(a.re * x, a.im * x)
}

fn division_by_zero() -> NumError {
    NumError::division_by_zero()
}

/// `a / x` for a real `x` (`_Py_cr_quot`).
pub fn div_real(a: Complex, x: f64) -> NumResult<Complex> {
    if x == 0.0 {
        return Err(division_by_zero());
    }
    Ok(Complex::new(a.re / x, a.im / x))
}

/// `a / b` (`_Py_c_quot`): Smith's algorithm, then C11 Annex G's recovery of infinite and
/// zero results that the scaling turned into NaNs. None for a zero divisor.
fn quotient(a: Complex, b: Complex) -> Option<Complex> {
    let abs_bre = b.re.abs();
    let abs_bim = b.im.abs();
    let mut r = if abs_bre >= abs_bim {
        if abs_bre == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Complex::new((a.re + a.im * ratio) / denom, (a.im - a.re * ratio) / denom)
    } else if abs_bim >= abs_bre {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Complex::new((a.re * ratio + a.im) / denom, (a.im * ratio - a.re) / denom)
    } else {
        // At least one of b's parts is a NaN.
        Complex::new(f64::NAN, f64::NAN)
    };
    if r.re.is_nan() && r.im.is_nan() {
        let b_finite = b.re.is_finite() && b.im.is_finite();
        let a_finite = a.re.is_finite() && a.im.is_finite();
        if (a.re.is_infinite() || a.im.is_infinite()) && b_finite {
            let x = unit_if_infinite(a.re);
            let y = unit_if_infinite(a.im);
            r = Complex::new(
                f64::INFINITY * (x * b.re + y * b.im),
                f64::INFINITY * (y * b.re - x * b.im),
            );
        } else if (abs_bre.is_infinite() || abs_bim.is_infinite()) && a_finite {
            let x = unit_if_infinite(b.re);
            let y = unit_if_infinite(b.im);
            r = Complex::new(0.0 * (a.re * x + a.im * y), 0.0 * (a.im * x - a.re * y));
        }
    }
    Some(r)
}

/// `copysign(isinf(v) ? 1.0 : 0.0, v)`.
fn unit_if_infinite(v: f64) -> f64 {
    (if v.is_infinite() { 1.0f64 } else { 0.0 }).copysign(v)
}

/// `a / b`.
pub fn div(a: Complex, b: Complex) -> NumResult<Complex> {
    quotient(a, b).ok_or_else(division_by_zero)
}

/// `x / b` for a real `x` (`_Py_rc_quot`): Smith's algorithm without the imaginary part
/// of the dividend.
pub fn real_div(x: f64, b: Complex) -> NumResult<Complex> {
    let abs_bre = b.re.abs();
    let abs_bim = b.im.abs();
    let mut r = if abs_bre >= abs_bim {
        if abs_bre == 0.0 {
            return Err(division_by_zero());
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Complex::new(x / denom, (-x * ratio) / denom)
    } else if abs_bim >= abs_bre {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Complex::new((x * ratio) / denom, (-x) / denom)
    } else {
        Complex::new(f64::NAN, f64::NAN)
    };
    if r.re.is_nan()
        && r.im.is_nan()
        && (abs_bre.is_infinite() || abs_bim.is_infinite())
        && x.is_finite()
    {
        let u = unit_if_infinite(b.re);
        let v = unit_if_infinite(b.im);
        r = Complex::new(0.0 * (x * u), 0.0 * (-x * v));
    }
    Ok(r)
}

/// `a ** n` for `n >= 0` by repeated squaring (`c_powu`).
fn pow_unsigned(x: Complex, n: u32) -> Complex {
    let mut r = ONE;
    let mut p = x;
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            r = mul(r, p);
        }
        n >>= 1;
        if n > 0 {
            p = mul(p, p);
        }
    }
    r
}

fn zero_power() -> NumError {
    NumError::new(
        ErrorKind::ZeroDivisionError,
        "zero to a negative or complex power",
    )
}

/// `a ** b` (`complex_pow`). Errors: a zero base with a negative or complex exponent, and
/// OverflowError "complex exponentiation" when a part overflows to infinity.
pub fn pow(a: Complex, b: Complex) -> NumResult<Complex> {
    let result = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        // Small integral exponent: repeated squaring is faster and more accurate.
        let n = b.re as i32;
        let powered = pow_unsigned(a, n.unsigned_abs());
        if n >= 0 {
            powered
        } else {
            quotient(ONE, powered).ok_or_else(zero_power)?
        }
    } else if b.re == 0.0 && b.im == 0.0 {
        ONE
    } else if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(zero_power());
        }
        Complex::new(0.0, 0.0)
    } else {
        let vabs = a.re.hypot(a.im);
        let mut len = vabs.powf(b.re);
        let at = a.im.atan2(a.re);
        let mut phase = at * b.re;
        if b.im != 0.0 {
            len /= (at * b.im).exp();
            phase += b.im * vabs.ln();
        }
        Complex::new(len * phase.cos(), len * phase.sin())
    };
    if result.re.is_infinite() || result.im.is_infinite() {
        return Err(NumError::overflow("complex exponentiation"));
    }
    Ok(result)
}

/// `abs(a)` (`_Py_c_abs`): an infinite part wins over a NaN one.
pub fn abs(a: Complex) -> NumResult<f64> {
    if !a.re.is_finite() || !a.im.is_finite() {
        if a.re.is_infinite() {
            return Ok(a.re.abs());
        }
        if a.im.is_infinite() {
            return Ok(a.im.abs());
        }
        return Ok(f64::NAN);
    }
    let result = a.re.hypot(a.im);
    if result.is_infinite() {
        return Err(NumError::overflow("absolute value too large"));
    }
    Ok(result)
}

fn malformed() -> NumError {
    NumError::value("complex() arg is a malformed string")
}

/// `complex(text)`.
pub fn parse_complex(text: &str) -> NumResult<Complex> {
    let ascii = to_ascii_number_text(text);
    let cleaned = remove_underscores(&ascii).ok_or_else(|| {
        NumError::value(format!(
            "could not convert string to complex: {}",
            compiler::pyrepr::repr_str(text)
        ))
    })?;
    parse_complex_ascii(&cleaned).ok_or_else(malformed)
}

/// The grammar: `space* ['('] space* (<float> | <float>j | <float><signed float>j | [+-]j
/// | <float>[+-]j) space* [')'] space*`.
fn parse_complex_ascii(bytes: &[u8]) -> Option<Complex> {
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let skip_space = |mut i: usize| {
        while i < bytes.len() && is_ascii_space(at(i)) {
            i += 1;
        }
        i
    };
    let is_j = |c: u8| c == b'j' || c == b'J';
    let mut pos = skip_space(0);
    let bracket = at(pos) == b'(';
    if bracket {
        pos = skip_space(pos + 1);
    }
    let (mut re, mut im) = (0.0, 0.0);
    match parse_float_prefix(bytes.get(pos..)?) {
        Some((first, used)) => {
            pos += used;
            if matches!(at(pos), b'+' | b'-') {
                re = first;
                match parse_float_prefix(bytes.get(pos..)?) {
                    Some((second, used)) => {
                        im = second;
                        pos += used;
                    }
                    None => {
                        im = if at(pos) == b'+' { 1.0 } else { -1.0 };
                        pos += 1;
                    }
                }
                if !is_j(at(pos)) {
                    return None;
                }
                pos += 1;
            } else if is_j(at(pos)) {
                im = first;
                pos += 1;
            } else {
                re = first;
            }
        }
        None => {
            im = match at(pos) {
                b'+' => {
                    pos += 1;
                    1.0
                }
                b'-' => {
                    pos += 1;
                    -1.0
                }
                _ => 1.0,
            };
            if !is_j(at(pos)) {
                return None;
            }
            pos += 1;
        }
    }
    pos = skip_space(pos);
    if bracket {
        if at(pos) != b')' {
            return None;
        }
        pos = skip_space(pos + 1);
    }
    (pos == bytes.len()).then_some(Complex::new(re, im))
}

#[cfg(test)]
#[path = "complex_tests.rs"]
mod tests;
