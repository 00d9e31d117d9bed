//! `int.to_bytes`, `int.from_bytes`, `int.bit_length` and `int.bit_count`
//! (Objects/longobject.c `int_to_bytes_impl`, `int_from_bytes_impl`, `_PyLong_AsByteArray`).

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

use super::{NumError, NumResult};

/// Byte order of `to_bytes` / `from_bytes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    Big,
    Little,
}

/// Parses the `byteorder` argument.
pub fn parse_byteorder(text: &str) -> NumResult<ByteOrder> {
    match text {
        "big" => Ok(ByteOrder::Big),
        "little" => Ok(ByteOrder::Little),
        _ => Err(NumError::value(
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// Validates the `length` argument of `to_bytes`.
pub fn check_length(length: i64) -> NumResult<usize> {
    usize::try_from(length).map_err(|_| NumError::value("length argument must be non-negative"))
}

/// `value.to_bytes(length, byteorder, signed=signed)`.
pub fn int_to_bytes(
    value: &BigInt,
    length: usize,
    order: ByteOrder,
    signed: bool,
) -> NumResult<Vec<u8>> {
    if value.is_negative() && !signed {
        return Err(NumError::overflow("can't convert negative int to unsigned"));
    }
    let too_big = || NumError::overflow("int too big to convert");
    // CPython quirk, kept for compatibility: `(-1).to_bytes(0, signed=True)` is `b''`,
    // while every other value needs at least one byte.
    if signed && length == 0 && *value == BigInt::from(-1) {
        return Ok(Vec::new());
    }
    let mut bytes = if signed {
        if value.is_zero() {
            Vec::new()
        } else {
            value.to_signed_bytes_le()
        }
    } else {
        let magnitude = value.magnitude();
        if magnitude.is_zero() {
            Vec::new()
        } else {
            magnitude.to_bytes_le()
        }
    };
    if bytes.len() > length {
        return Err(too_big());
    }
    let fill = if value.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if order == ByteOrder::Big {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes(data, byteorder, signed=signed)`.
pub fn int_from_bytes(data: &[u8], order: ByteOrder, signed: bool) -> BigInt {
    match (order, signed) {
        (ByteOrder::Big, true) => BigInt::from_signed_bytes_be(data),
        (ByteOrder::Little, true) => BigInt::from_signed_bytes_le(data),
        (ByteOrder::Big, false) => BigInt::from_bytes_be(Sign::Plus, data),
        (ByteOrder::Little, false) => BigInt::from_bytes_le(Sign::Plus, data),
    }
}

/// `value.bit_length()`: bits of `abs(value)`, 0 for 0.
pub fn bit_length(value: &BigInt) -> u64 {
    value.bits()
}

/// `value.bit_count()`: ones in the binary form of `abs(value)`.
pub fn bit_count(value: &BigInt) -> u64 {
    value.magnitude().count_ones()
}

/// `value.bit_length()` for a machine integer.
pub fn bit_length_i64(value: i64) -> u32 {
    64 - value.unsigned_abs().leading_zeros()
}

/// `value.bit_count()` for a machine integer.
pub fn bit_count_i64(value: i64) -> u32 {
    value.unsigned_abs().count_ones()
}

#[cfg(test)]
#[path = "bytes_conv_tests.rs"]
mod tests;
