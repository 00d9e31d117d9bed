//! Integers to text: `str(int)` with the integer string conversion length limit
//! (CPython's `long_to_decimal_string_internal`, Objects/longobject.c) and `bin`, `oct` and
//! `hex` (`long_format_binary`), whose prefix follows the sign: `hex(-255) == '-0xff'`.

use num_bigint::BigInt;
use num_traits::Signed;

use super::{NumError, NumResult};

/// `str(value)`. `max_str_digits` is `sys.get_int_max_str_digits()` (0 means no limit).
pub fn int_to_decimal(value: &BigInt, max_str_digits: usize) -> NumResult<String> {
    let limit_error = || {
        NumError::value(format!(
            "Exceeds the limit ({max_str_digits} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        ))
    };
    if max_str_digits > 0 {
        // Refuse hopeless cases before the quadratic conversion: |value| >= 2**(bits-1), and
        // 2**(4n) > 10**n, so more than 4n+1 bits means more than n digits.
        let bits = value.bits();
        if bits > (max_str_digits as u64).saturating_mul(4).saturating_add(1) {
            return Err(limit_error());
        }
    }
    let text = value.to_string();
    let digits = text.len() - usize::from(value.is_negative());
    if max_str_digits > 0 && digits > max_str_digits {
        return Err(limit_error());
    }
    Ok(text)
}

/// `str(value)` for a machine integer, which can never exceed the limit (CPython refuses
/// limits below 640 digits).
pub fn i64_to_decimal(value: i64) -> String {
    value.to_string()
}

/// The digits of `value` in base 2, 8 or 16 (lower case), with the sign and, when `prefix`
/// is set, `0b`/`0o`/`0x` between the sign and the digits. Other radixes print without a
/// prefix.
pub fn int_to_radix(value: &BigInt, radix: u32, prefix: bool) -> String {
    let digits = value.magnitude().to_str_radix(radix);
    let mut out = String::with_capacity(digits.len() + 3);
    if value.is_negative() {
        out.push('-');
    }
    if prefix {
        out.push_str(match radix {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        });
    }
    out.push_str(&digits);
    out
}

/// `bin(value)`.
pub fn bin(value: &BigInt) -> String {
    int_to_radix(value, 2, true)
}

/// `oct(value)`.
pub fn oct(value: &BigInt) -> String {
    int_to_radix(value, 8, true)
}

/// `hex(value)`.
pub fn hex(value: &BigInt) -> String {
    int_to_radix(value, 16, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(text: &str) -> BigInt {
        text.parse().unwrap()
    }

    #[test]
    fn radix_texts() {
        // (value, bin, oct, hex) from python3.
        let rows: &[(&str, &str, &str, &str)] = &[
            ("0", "0b0", "0o0", "0x0"),
            ("5", "0b101", "0o5", "0x5"),
            ("-5", "-0b101", "-0o5", "-0x5"),
            ("255", "0b11111111", "0o377", "0xff"),
            ("-256", "-0b100000000", "-0o400", "-0x100"),
            (
                "18446744073709551616",
                "0b10000000000000000000000000000000000000000000000000000000000000000",
                "0o2000000000000000000000",
                "0x10000000000000000",
            ),
        ];
        for &(v, b, o, h) in rows {
            let v = big(v);
            assert_eq!(
                (bin(&v).as_str(), oct(&v).as_str(), hex(&v).as_str()),
                (b, o, h)
            );
        }
        assert_eq!(int_to_radix(&big("-255"), 16, false), "-ff");
    }

    #[test]
    fn decimal_limit() {
        let msg = "Exceeds the limit (4300 digits) for integer string conversion; \
                   use sys.set_int_max_str_digits() to increase the limit";
        let at_limit = big(&"9".repeat(4300));
        assert_eq!(int_to_decimal(&at_limit, 4300).unwrap().len(), 4300);
        let negative = -at_limit.clone();
        assert_eq!(int_to_decimal(&negative, 4300).unwrap().len(), 4301);
        let over = at_limit + 1;
        assert_eq!(int_to_decimal(&over, 4300).unwrap_err().message, msg);
        let huge = BigInt::from(1) << 100_000u32;
        assert_eq!(int_to_decimal(&huge, 4300).unwrap_err().message, msg);
        assert_eq!(int_to_decimal(&over, 0).unwrap().len(), 4301);
        assert_eq!(int_to_decimal(&big("-12"), 4300).unwrap(), "-12");
    }
}
