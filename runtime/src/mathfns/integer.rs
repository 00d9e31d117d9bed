//! The integer functions of `math` over `BigInt`: `factorial`, `comb`, `perm`, `gcd`,
//! `lcm` and `isqrt`.
//!
//! Ported from CPython 3.14 `Modules/mathmodule.c`: `math_factorial` with
//! `factorial_odd_part` and `factorial_partial_product` (the divide-and-conquer
//! "binary split" algorithm: `n! = odd_part(n) << (n - popcount(n))`, the odd part built
//! from balanced products of odd numbers), and `math_comb`/`math_perm` with
//! `perm_comb` (`P(n, k) = P(n, j) * P(n-j, k-j)` with `j = k/2`, and
//! `C(n, k) = P(n, k) / C(k, j)` at each level). CPython's table-driven fast paths for
//! small arguments are left out: they change speed, not results.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{MathError, MathResult};

/// `math.factorial(n)`.
pub fn factorial(n: &BigInt) -> MathResult<BigInt> {
    if n.sign() == Sign::Minus {
        return Err(MathError::value(
            "factorial() not defined for negative values",
        ));
    }
    let Some(n) = n.to_i64().and_then(|n| u64::try_from(n).ok()) else {
        return Err(MathError::overflow(format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        )));
    };
    Ok(factorial_u64(n))
}

/// `n!` as `odd_part(n) * 2**(n - popcount(n))` (Legendre: the power of two in `n!`).
fn factorial_u64(n: u64) -> BigInt {
    let twos = n - u64::from(n.count_ones());
    BigInt::from(factorial_odd_part(n)) << twos
}

/// The odd part of `n!`: the product over `i >= 0` of the odd numbers in
/// `(n >> (i+1), n >> i]`, each raised to the power `i+1`, computed as nested
/// running products so that every multiplication is between similar-sized numbers.
fn factorial_odd_part(n: u64) -> BigUint {
    let mut inner = BigUint::one();
    let mut outer = BigUint::one();
    let mut upper: u64 = 3;
    for i in (0..bit_length(n).saturating_sub(1)).rev() {
        let v = n >> i;
        if v <= 2 {
            continue;
        }
        let lower = upper;
        // The least odd integer strictly larger than n >> i.
        upper = (v + 1) | 1;
        inner *= partial_product(lower, upper, bit_length(upper - 2));
        outer *= &inner;
    }
    outer
}

/// The product of the odd integers in `[start, stop)`, where every factor has at most
/// `max_bits` bits. Splits in the middle until a run fits in one `u64`.
fn partial_product(start: u64, stop: u64, max_bits: u32) -> BigUint {
    let num_operands = (stop - start) / 2;
    if num_operands <= 64 && num_operands * u64::from(max_bits) <= 64 {
        let mut total = start;
        let mut j = start + 2;
        while j < stop {
            total *= j;
            j += 2;
        }
        return BigUint::from(total);
    }
    let midpoint = (start + num_operands) | 1;
    let left = partial_product(start, midpoint, bit_length(midpoint - 2));
    let right = partial_product(midpoint, stop, max_bits);
    left * right
}

/// Number of bits needed to write `n` (`_Py_bit_length`).
fn bit_length(n: u64) -> u32 {
    u64::BITS - n.leading_zeros()
}

/// `math.comb(n, k)`: the number of ways to choose `k` of `n` items.
pub fn comb(n: &BigInt, k: &BigInt) -> MathResult<BigInt> {
    check_non_negative(n, k)?;
    if k > n {
        return Ok(BigInt::zero());
    }
    let other = n - k;
    let k = if other < *k { &other } else { k };
    let Some(k) = k.to_i64().and_then(|k| u64::try_from(k).ok()) else {
        return Err(MathError::overflow(format!(
            "min(n - k, k) must not exceed {}",
            i64::MAX
        )));
    };
    if k >= PRIME_COMB_MIN_K
        && let Some(small_n) = n.to_u64().filter(|&n| n <= PRIME_COMB_MAX_N)
    {
        return Ok(BigInt::from(comb_by_primes(small_n, k)));
    }
    Ok(perm_comb(n, k, true))
}

/// Below this `k`, the divisions of `perm_comb` are cheap.
const PRIME_COMB_MIN_K: u64 = 64;
/// Largest `n` for which `comb` sieves the primes up to `n` (a byte per number).
const PRIME_COMB_MAX_N: u64 = 10_000_000;

/// `C(n, k)` as the product of its prime factorisation, with no division: by Kummer's
/// theorem the exponent of a prime `p` is `sum(n/p^i - k/p^i - (n-k)/p^i)`. This is a
/// deliberate departure from CPython, whose `perm_comb` divides big numbers at every
/// level (num-bigint's division is quadratic, CPython's too); results are identical.
fn comb_by_primes(n: u64, k: u64) -> BigUint {
    let mut words: Vec<BigUint> = Vec::new();
    let mut word: u64 = 1;
    for p in primes_up_to(n) {
        let mut exponent = 0;
        let mut power = p;
        loop {
            exponent += n / power - k / power - (n - k) / power;
            match power.checked_mul(p) {
                Some(next) if next <= n => power = next,
                _ => break,
            }
        }
        for _ in 0..exponent {
            // Pack factors into machine words first; the product tree does the rest.
            word = match word.checked_mul(p) {
                Some(w) => w,
                None => {
                    words.push(BigUint::from(word));
                    p
                }
            };
        }
    }
    words.push(BigUint::from(word));
    product_tree(&words)
}

/// The primes `<= n` by the sieve of Eratosthenes.
fn primes_up_to(n: u64) -> Vec<u64> {
    let len = usize::try_from(n).unwrap_or(0).saturating_add(1);
    let mut composite = vec![false; len];
    let mut primes = Vec::new();
    for i in 2..len {
        if composite[i] {
            continue;
        }
        primes.push(i as u64);
        let mut multiple = i.saturating_mul(i);
        while multiple < len {
            composite[multiple] = true;
            multiple += i;
        }
    }
    primes
}

/// The product of `factors`, multiplying balanced halves so that the big multiplications
/// are between numbers of similar size.
fn product_tree(factors: &[BigUint]) -> BigUint {
    match factors {
        [] => BigUint::one(),
        [single] => single.clone(),
        _ => {
            let (left, right) = factors.split_at(factors.len() / 2);
            product_tree(left) * product_tree(right)
        }
    }
}

/// `math.perm(n, k=None)`: ordered arrangements of `k` of `n` items (`n!` without `k`).
pub fn perm(n: &BigInt, k: Option<&BigInt>) -> MathResult<BigInt> {
    let Some(k) = k else {
        return factorial(n);
    };
    check_non_negative(n, k)?;
    if k > n {
        return Ok(BigInt::zero());
    }
    let Some(k) = k.to_i64().and_then(|k| u64::try_from(k).ok()) else {
        return Err(MathError::overflow(format!(
            "k must not exceed {}",
            i64::MAX
        )));
    };
    Ok(perm_comb(n, k, false))
}

/// The argument checks shared by `comb` and `perm`, in CPython's order.
fn check_non_negative(n: &BigInt, k: &BigInt) -> MathResult<()> {
    if n.sign() == Sign::Minus {
        return Err(MathError::value("n must be a non-negative integer"));
    }
    if k.sign() == Sign::Minus {
        return Err(MathError::value("k must be a non-negative integer"));
    }
    Ok(())
}

/// `perm_comb`: `P(n, k)` or `C(n, k)` (for `k <= n`) by splitting `k` in halves.
fn perm_comb(n: &BigInt, k: u64, iscomb: bool) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k == 1 {
        return n.clone();
    }
    let j = k / 2;
    let a = perm_comb(n, j, iscomb);
    let b = perm_comb(&(n - j), k - j, iscomb);
    let product = a * b;
    if iscomb {
        // P(n, k) / (j! (k-j)!) = C(n, j) C(n-j, k-j) / C(k, j), an exact division.
        product / perm_comb(&BigInt::from(k), j, true)
    } else {
        product
    }
}

/// `math.gcd(*integers)`: the greatest common divisor, `0` for no arguments.
pub fn gcd(integers: &[BigInt]) -> BigInt {
    let mut result = BigInt::zero();
    for x in integers {
        if result.is_one() {
            // Stop early; CPython still converts the remaining arguments, which the
            // caller has already done.
            break;
        }
        result = result.gcd(x);
    }
    result
}

/// `math.lcm(*integers)`: the least common multiple, `1` for no arguments.
pub fn lcm(integers: &[BigInt]) -> BigInt {
    let mut result = BigInt::one();
    for x in integers {
        if result.is_zero() {
            break;
        }
        if x.is_zero() {
            return BigInt::zero();
        }
        let g = result.gcd(x);
        result = (&result / g * x).abs();
    }
    result.abs()
}

/// `math.isqrt(n)`: the integer square root, `floor(sqrt(n))`.
pub fn isqrt(n: &BigInt) -> MathResult<BigInt> {
    if n.sign() == Sign::Minus {
        return Err(MathError::value("isqrt() argument must be nonnegative"));
    }
    Ok(BigInt::from(n.magnitude().sqrt()))
}

#[cfg(test)]
#[path = "integer_tests.rs"]
mod tests;
