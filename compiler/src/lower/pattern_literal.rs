//! Compile-time values inside `match` patterns: folding literal patterns (`-1`, `1+2j`,
//! `"a" "b"`) to constants, Python's equality between mapping-pattern keys (for the
//! duplicate-key check) and `repr()` of a constant (for that check's message).
//!
//! CPython folds negated numbers and complex literals in patterns before code generation
//! (`fold_const_match_patterns` in `Python/ast_preprocess.c`), so the code generator only
//! ever sees `Constant` nodes there; [`pattern_literal`] is that folding. The reprs follow
//! `Objects/unicodeobject.c:unicode_repr`, `Objects/bytesobject.c:PyBytes_Repr`,
//! `Objects/floatobject.c:float_repr` and `Objects/complexobject.c:complex_repr`.

use crate::ir::Const;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Num};
use ruff_python_ast::{Expr, Number, Operator, UnaryOp};

/// The constant a literal pattern or mapping key denotes, or `None` when `expr` is not a
/// literal (an attribute lookup, or something the grammar should have rejected). `source`
/// is the module's source text, which a string literal with lone surrogates is re-read from.
pub(super) fn pattern_literal(expr: &Expr, source: &str) -> Option<Const> {
    match expr {
        Expr::StringLiteral(s) => Some(
            match super::surrogates::literal_with_surrogates(source, s) {
                Some(bytes) => Const::Wtf8Str(bytes),
                None => Const::Str(s.value.to_str().to_owned()),
            },
        ),
        Expr::BytesLiteral(b) => Some(Const::Bytes(b.value.bytes().collect())),
        Expr::BooleanLiteral(b) => Some(Const::Bool(b.value)),
        Expr::NoneLiteral(_) => Some(Const::None),
        Expr::EllipsisLiteral(_) => Some(Const::Ellipsis),
        Expr::NumberLiteral(n) => number_const(&n.value),
        Expr::UnaryOp(u) if u.op == UnaryOp::USub => match &*u.operand {
            Expr::NumberLiteral(n) => number_const(&n.value).map(negate),
            _ => None,
        },
        Expr::BinOp(bin) if matches!(bin.op, Operator::Add | Operator::Sub) => {
            // `signed_real ('+' | '-') imaginary`: mixed real/complex arithmetic follows C99
            // (Python 3.14): the real operand only touches the real part.
            let real = match pattern_literal(&bin.left, source)? {
                Const::Int(i) => int_to_f64(&i),
                Const::Float(f) => f,
                _ => return None,
            };
            let Expr::NumberLiteral(right) = &*bin.right else {
                return None;
            };
            let Number::Complex {
                real: right_re,
                imag,
            } = right.value
            else {
                return None;
            };
            Some(if bin.op == Operator::Add {
                Const::Complex {
                    re: real + right_re,
                    im: imag,
                }
            } else {
                Const::Complex {
                    re: real - right_re,
                    im: -imag,
                }
            })
        }
        _ => None,
    }
}

fn number_const(number: &Number) -> Option<Const> {
    match number {
        Number::Int(int) => Some(Const::Int(match int.as_i64() {
            Some(small) => BigInt::from(small),
            None => parse_int_token(&int.to_string())?,
        })),
        Number::Float(f) => Some(Const::Float(*f)),
        Number::Complex { real, imag } => Some(Const::Complex {
            re: *real,
            im: *imag,
        }),
    }
}

/// Parses an integer token as written in source (`0x_ff`, `1_000`, `0o7`, `0b1`).
fn parse_int_token(token: &str) -> Option<BigInt> {
    let clean: String = token
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (digits, radix) = match clean.get(..2) {
        Some("0x") => (&clean[2..], 16),
        Some("0o") => (&clean[2..], 8),
        Some("0b") => (&clean[2..], 2),
        _ => (clean.as_str(), 10),
    };
    BigInt::from_str_radix(digits, radix).ok()
}

fn int_to_f64(int: &BigInt) -> f64 {
    num_traits::ToPrimitive::to_f64(int).unwrap_or(f64::INFINITY)
}

fn negate(value: Const) -> Const {
    match value {
        Const::Int(i) => Const::Int(-i),
        Const::Float(f) => Const::Float(-f),
        Const::Complex { re, im } => Const::Complex { re: -re, im: -im },
        other => other,
    }
}

/// What a mapping key compares equal by, so keys Python considers equal (`1`, `1.0`,
/// `True`, `(1+0j)`; `0` and `-0.0`) map to the same identity, as in a `set`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum KeyIdentity {
    None,
    Ellipsis,
    Str(String),
    Bytes(Vec<u8>),
    /// Every number with an integral real value and no imaginary part.
    Int(BigInt),
    /// Other real floats, by bit pattern.
    Float(u64),
    /// Numbers with a non-zero imaginary part, by bit patterns (`-0.0` normalised).
    Complex(u64, u64),
}

/// The identity of a constant key, or `None` for one that never equals anything (NaN).
pub(super) fn key_identity(value: &Const) -> Option<KeyIdentity> {
    fn real(f: f64) -> Option<KeyIdentity> {
        if f.is_nan() {
            None
        } else if f.is_finite() && f.fract() == 0.0 {
            BigInt::from_f64(f).map(KeyIdentity::Int)
        } else {
            Some(KeyIdentity::Float(f.to_bits()))
        }
    }
    let zero_normalised = |f: f64| if f == 0.0 { 0u64 } else { f.to_bits() };
    match value {
        Const::None => Some(KeyIdentity::None),
        Const::Ellipsis => Some(KeyIdentity::Ellipsis),
        Const::Bool(b) => Some(KeyIdentity::Int(BigInt::from(u8::from(*b)))),
        Const::Int(i) => Some(KeyIdentity::Int(i.clone())),
        Const::Float(f) => real(*f),
        Const::Complex { re, im } if *im == 0.0 => real(*re),
        Const::Complex { re, im } if re.is_nan() || im.is_nan() => None,
        Const::Complex { re, im } => Some(KeyIdentity::Complex(
            zero_normalised(*re),
            zero_normalised(*im),
        )),
        Const::Str(s) => Some(KeyIdentity::Str(s.clone())),
        Const::Bytes(b) => Some(KeyIdentity::Bytes(b.clone())),
        Const::Wtf8Str(_) | Const::Tuple(_) | Const::FrozenSet(_) => None,
    }
}

/// Python's `repr()` of a constant, as `%R` renders it in compiler error messages.
pub(super) fn const_repr(value: &Const) -> String {
    match value {
        Const::None => "None".to_owned(),
        Const::Bool(true) => "True".to_owned(),
        Const::Bool(false) => "False".to_owned(),
        Const::Ellipsis => "Ellipsis".to_owned(),
        Const::Int(i) => i.to_string(),
        Const::Float(f) => float_repr(*f, true),
        Const::Complex { re, im } => {
            if *re == 0.0 && re.is_sign_positive() {
                format!("{}j", float_repr(*im, false))
            } else {
                let im_text = float_repr(*im, false);
                let sign = if im_text.starts_with('-') { "" } else { "+" };
                format!("({}{sign}{im_text}j)", float_repr(*re, false))
            }
        }
        Const::Str(s) => crate::pyrepr::repr_str(s),
        Const::Wtf8Str(b) => crate::pyrepr::repr_wtf8(b),
        Const::Bytes(b) => crate::pyrepr::repr_bytes(b),
        Const::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
    }
}

/// `repr(float)` (`add_dot_0`) or the component format of `repr(complex)` (no `.0`):
/// the shortest round-tripping digits, positional for decimal exponents in `-4..16`.
fn float_repr(f: f64, add_dot_0: bool) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` prints the shortest round-tripping digits, like Python's repr.
    let sci = format!("{f:e}");
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let body = if (-4..16).contains(&exponent) {
        let point = exponent + 1;
        if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let point = point as usize;
            if digits.len() <= point {
                let whole = format!("{digits}{}", "0".repeat(point - digits.len()));
                if add_dot_0 {
                    format!("{whole}.0")
                } else {
                    whole
                }
            } else {
                format!("{}.{}", &digits[..point], &digits[point..])
            }
        }
    } else {
        let rest = &digits[1..];
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exponent < 0 { '-' } else { '+' };
        format!(
            "{}{fraction}e{exp_sign}{:02}",
            &digits[..1],
            exponent.unsigned_abs()
        )
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs_match_python() {
        let cases = [
            (1.0, "1.0"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (-0.0, "-0.0"),
            (1.2345e100, "1.2345e+100"),
            (0.1, "0.1"),
            (123.456, "123.456"),
        ];
        for (value, expected) in cases {
            assert_eq!(float_repr(value, true), expected);
        }
    }

    #[test]
    fn complex_and_text_reprs_match_python() {
        assert_eq!(const_repr(&Const::Complex { re: 0.0, im: 1.0 }), "1j");
        assert_eq!(
            const_repr(&Const::Complex { re: -0.0, im: -1.0 }),
            "(-0-1j)"
        );
        assert_eq!(const_repr(&Const::Complex { re: 1.0, im: -2.0 }), "(1-2j)");
        assert_eq!(
            const_repr(&Const::Str("\0é\u{2028}".into())),
            "'\\x00é\\u2028'"
        );
        assert_eq!(const_repr(&Const::Str("'".into())), "\"'\"");
        assert_eq!(
            const_repr(&Const::Bytes(b"\x00\xff'".to_vec())),
            "b\"\\x00\\xff'\""
        );
    }

    #[test]
    fn numeric_keys_compare_like_python() {
        let one = key_identity(&Const::Int(BigInt::from(1)));
        assert_eq!(one, key_identity(&Const::Bool(true)));
        assert_eq!(one, key_identity(&Const::Float(1.0)));
        assert_eq!(one, key_identity(&Const::Complex { re: 1.0, im: 0.0 }));
        assert_eq!(
            key_identity(&Const::Float(-0.0)),
            key_identity(&Const::Int(BigInt::from(0)))
        );
        assert_ne!(key_identity(&Const::Float(1.5)), one);
    }
}
