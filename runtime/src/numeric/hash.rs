//! Python's numeric hash (Python/pyhash.c `_Py_HashDouble`, Objects/longobject.c
//! `long_hash`, Objects/complexobject.c `complex_hash`): every number hashes to its exact
//! rational value reduced modulo the Mersenne prime 2**61 - 1, so equal numbers of
//! different types hash alike (`hash(2) == hash(2.0) == hash(2+0j)`).
//!
//! A NaN hashes by object identity, which only the object model knows: the float and
//! complex functions return None for it. `str` hashing is the runtime's own choice and
//! lives elsewhere.

use num_bigint::{BigInt, BigUint};
use num_traits::{Signed, ToPrimitive};

use super::int_float::decompose;

/// 2**61 - 1 (`_PyHASH_MODULUS`).
pub const HASH_MODULUS: u64 = (1 << 61) - 1;
/// `hash(float('inf'))`; `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;
/// The multiplier of the imaginary part in complex hashes (`_PyHASH_IMAG`).
pub const HASH_IMAG: u64 = 1_000_003;
const HASH_BITS: u64 = 61;

/// -1 is the C API's error marker, so a hash of -1 becomes -2.
fn fix_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

fn apply_sign(magnitude: u64, negative: bool) -> i64 {
    // magnitude < 2**61, so it fits.
    let h = i64::try_from(magnitude).unwrap_or(0);
    fix_minus_one(if negative { -h } else { h })
}

/// `hash(n)` for a machine integer.
pub fn hash_i64(n: i64) -> i64 {
    apply_sign(n.unsigned_abs() % HASH_MODULUS, n < 0)
}

/// `hash(n)` for any int.
pub fn hash_int(n: &BigInt) -> i64 {
    if let Some(small) = n.to_i64() {
        return hash_i64(small);
    }
    let reduced: BigUint = n.magnitude() % HASH_MODULUS;
    apply_sign(reduced.to_u64().unwrap_or(0), n.is_negative())
}

/// `(value * 2**exp) mod (2**61 - 1)` for `value < 2**61 - 1`: since `2**61 ≡ 1`, a shift
/// by `exp` is a rotation by `exp mod 61` within 61 bits.
fn mul_pow2_mod(value: u64, exp: i64) -> u64 {
    let rotation = u32::try_from(exp.rem_euclid(HASH_BITS as i64)).unwrap_or(0);
    let product = u128::from(value) << rotation;
    u64::try_from(product % u128::from(HASH_MODULUS)).unwrap_or(0)
}

/// `hash(x)` for a float; None for a NaN (hash by identity).
pub fn hash_f64(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let (mantissa, exp) = decompose(x);
    let reduced = mul_pow2_mod(mantissa % HASH_MODULUS, exp);
    Some(apply_sign(reduced, x < 0.0))
}

/// Combines the hashes of a complex number's parts (`complex_hash`).
pub fn combine_complex_hash(real_hash: i64, imag_hash: i64) -> i64 {
    let combined = (real_hash as u64).wrapping_add(HASH_IMAG.wrapping_mul(imag_hash as u64));
    fix_minus_one(combined as i64)
}

/// `hash(complex(re, im))`; None if either part is a NaN (the caller substitutes the
/// identity hash for that part and calls [`combine_complex_hash`]).
pub fn hash_complex(re: f64, im: f64) -> Option<i64> {
    Some(combine_complex_hash(hash_f64(re)?, hash_f64(im)?))
}

#[cfg(test)]
#[path = "hash_tests.rs"]
mod tests;
