//! Accurate sums: `fsum`, `hypot`, `dist`, the float accumulator of `sumprod`, and the
//! machine-int steps of `prod`/`sumprod`.
//!
//! Ported from CPython 3.14 `Modules/mathmodule.c`:
//! - `math_fsum`: Shewchuk's exact partials (Hettinger's `msum`) with Dickinson's
//!   correctly rounded final sum and the overflow / inf / nan rules;
//! - `vector_norm` (behind `math_hypot` and `math_dist`): power-of-two scaling, exact
//!   squaring with `fma`, Neumaier summation and a differential correction of the root;
//! - `tl_fma`/`tl_to_d` and `math_sumprod_impl`: triple-length accumulation (Ogita,
//!   Rump and Oishi, "Accurate Sum and Dot Product").

use super::{MathError, MathResult};

/// The running state of `math.fsum`: feed it each item converted to a float with
/// [`Fsum::add`], then ask for [`Fsum::result`]. Errors from `add` are raised at once,
/// as CPython does, before the rest of the iterable is consumed.
#[derive(Clone, Debug, Default)]
pub struct Fsum {
    /// Non-overlapping partial sums in increasing magnitude, all finite and nonzero.
    partials: Vec<f64>,
    /// Sum of the infinities and NaNs seen, kept apart from the exact partials.
    special_sum: f64,
    /// Sum of the infinities alone: NaN here means both `inf` and `-inf` were seen.
    inf_sum: f64,
}

impl Fsum {
    /// An empty sum.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one item. Fails with `OverflowError("intermediate overflow in fsum")` when
    /// finite items overflow the partials.
    pub fn add(&mut self, item: f64) -> MathResult<()> {
        let mut x = item;
        let mut kept = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        self.partials.truncate(kept);
        if x != 0.0 {
            if !x.is_finite() {
                // Either the finite items overflowed, or the item is itself special.
                if item.is_finite() {
                    return Err(MathError::overflow("intermediate overflow in fsum"));
                }
                if item.is_infinite() {
                    self.inf_sum += item;
                }
                self.special_sum += item;
                self.partials.clear();
            } else {
                self.partials.push(x);
            }
        }
        Ok(())
    }

    /// The correctly rounded sum of everything added so far.
    pub fn result(&self) -> MathResult<f64> {
        if self.special_sum != 0.0 {
            if self.inf_sum.is_nan() {
                return Err(MathError::value("-inf + inf in fsum"));
            }
            return Ok(self.special_sum);
        }
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else {
            return Ok(0.0);
        };
        let mut hi = p[n];
        let mut lo = 0.0;
        // Add the partials from the top until the sum becomes inexact.
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Half-even rounding across several partials: if the next partial pushes the
        // same way as the rounding error, round away from the tie.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        Ok(hi)
    }
}

/// `math.fsum` over items already converted to floats.
pub fn fsum(items: impl IntoIterator<Item = f64>) -> MathResult<f64> {
    let mut sum = Fsum::new();
    for x in items {
        sum.add(x)?;
    }
    sum.result()
}

/// An unevaluated sum `hi + lo` carrying twice the precision of one float.
#[derive(Clone, Copy, Debug)]
struct DoubleLength {
    hi: f64,
    lo: f64,
}

/// Algorithm 1.1 (needs `|a| >= |b|`): error-free sum.
fn dl_fast_sum(a: f64, b: f64) -> DoubleLength {
    let hi = a + b;
    DoubleLength {
        hi,
        lo: (a - hi) + b,
    }
}

/// Algorithm 3.1: error-free sum for any order of magnitudes.
fn dl_sum(a: f64, b: f64) -> DoubleLength {
    let x = a + b;
    let z = x - a;
    DoubleLength {
        hi: x,
        lo: (a - (x - z)) + (b - z),
    }
}

/// Algorithm 3.5: error-free product, exact thanks to a correctly rounded `fma`.
fn dl_mul(x: f64, y: f64) -> DoubleLength {
    let z = x * y;
    DoubleLength {
        hi: z,
        lo: x.mul_add(y, -z),
    }
}

/// `vector_norm`: `sqrt(sum(x*x for x in vec))` for non-negative finite `vec` whose
/// largest element is `max` (infinite if any element is, in which case the result is
/// `max`), faithfully and almost always correctly rounded.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = libm::frexp(max);
    if max_e < -1023 {
        // 2**-max_e would overflow: lift the subnormals into the normal range first.
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = libm::scalbn(1.0, -max_e);
    // csum starts at 1.0 so that it always dominates the scaled squares (all below 1.0),
    // which is what dl_fast_sum needs; the 1.0 is subtracted again at the end.
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let x = x * scale; // exact: a power-of-two scaling
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    // One Newton step on the square root, with the residual computed exactly.
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// `math.hypot(*coordinates)`.
pub fn hypot(coordinates: &[f64]) -> f64 {
    let mut abs: Vec<f64> = coordinates.iter().map(|x| x.abs()).collect();
    let found_nan = abs.iter().any(|x| x.is_nan());
    let max = abs.iter().fold(0.0, |m: f64, &x| if x > m { x } else { m });
    vector_norm(&mut abs, max, found_nan)
}

/// `math.dist(p, q)`: the Euclidean distance between two points.
pub fn dist(p: &[f64], q: &[f64]) -> MathResult<f64> {
    if p.len() != q.len() {
        return Err(MathError::value(
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs: Vec<f64> = p.iter().zip(q).map(|(a, b)| (a - b).abs()).collect();
    let found_nan = diffs.iter().any(|x| x.is_nan());
    let max = diffs
        .iter()
        .fold(0.0, |m: f64, &x| if x > m { x } else { m });
    Ok(vector_norm(&mut diffs, max, found_nan))
}

/// The float fast path of `math.sumprod`: a triple-length accumulator of products.
///
/// The runtime mirrors `math_sumprod_impl`: while both items of a pair are floats (or a
/// float and an int that converts), it calls [`SumprodFloat::try_add`]; when that returns
/// `false` (the total would stop being finite) or a pair is not of those types, it adds
/// [`SumprodFloat::value`] (if [`SumprodFloat::in_use`]) to the Python-level total and
/// continues with ordinary `*` and `+` for the rest of the input. The int fast path is
/// [`sumprod_int_step`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SumprodFloat {
    hi: f64,
    lo: f64,
    tiny: f64,
    in_use: bool,
}

impl SumprodFloat {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// `tl_fma`: adds `p*q` unless the total would become infinite or NaN, in which case
    /// it returns `false` and leaves the accumulator unchanged.
    pub fn try_add(&mut self, p: f64, q: f64) -> bool {
        let pr = dl_mul(p, q);
        let sm = dl_sum(self.hi, pr.hi);
        let r1 = dl_sum(self.lo, pr.lo);
        let r2 = dl_sum(r1.hi, sm.lo);
        if !sm.hi.is_finite() {
            return false;
        }
        self.hi = sm.hi;
        self.lo = r2.hi;
        // Summed left to right, as CPython's `total.tiny + r1.lo + r2.lo`.
        self.tiny = self.tiny + r1.lo + r2.lo;
        self.in_use = true;
        true
    }

    /// Whether any product was accumulated.
    pub fn in_use(&self) -> bool {
        self.in_use
    }

    /// `tl_to_d`: the accumulated total rounded to a float.
    pub fn value(&self) -> f64 {
        let last = dl_sum(self.lo, self.hi);
        self.tiny + last.lo + last.hi
    }
}

/// `math.sumprod(p, q)` for two float sequences, following `math_sumprod_impl` exactly:
/// extended precision until the total stops being finite, then plain float arithmetic.
/// Python returns the int `0` for empty inputs; this returns `0.0`, so the caller checks.
pub fn sumprod_floats(p: &[f64], q: &[f64]) -> MathResult<f64> {
    if p.len() != q.len() {
        return Err(MathError::value("Inputs are not the same length"));
    }
    let mut acc = SumprodFloat::new();
    let mut pairs = p.iter().zip(q);
    for (&a, &b) in pairs.by_ref() {
        if !acc.try_add(a, b) {
            // The starting total is the int 0, and `0 + x` for a float x is `0.0 + x`.
            let mut total = if acc.in_use() { 0.0 + acc.value() } else { 0.0 };
            total += a * b;
            for (&a, &b) in pairs {
                total += a * b;
            }
            return Ok(total);
        }
    }
    Ok(0.0 + acc.value())
}

/// The int fast path of `sumprod`: `total + p*q` while it fits in an `i64` (CPython's
/// C `long`), or `None` when the caller must switch to big ints.
pub fn sumprod_int_step(total: i64, p: i64, q: i64) -> Option<i64> {
    p.checked_mul(q)?.checked_add(total)
}

/// The int fast path of `math.prod`: `acc * item` while it fits in an `i64`.
pub fn prod_int_step(acc: i64, item: i64) -> Option<i64> {
    acc.checked_mul(item)
}

/// The float fast path of `math.prod`: once the running product is a float, float items
/// multiply directly and ints that fit in an `i64` are converted first (rounded to
/// nearest, as C's `(double)` cast).
pub fn prod_float_step_int(acc: f64, item: i64) -> f64 {
    acc * item as f64
}

#[cfg(test)]
#[path = "sums_tests.rs"]
mod tests;
